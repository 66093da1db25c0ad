package eval

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/summarize"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestPRF(t *testing.T) {
	tests := []struct {
		in      PRF
		p, r, f float64
	}{
		{PRF{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35},
		{PRF{TP: 0, FP: 0, FN: 4}, 0, 0, 0},
		{PRF{TP: 2, FP: 2, FN: 0}, 0.5, 1, 2.0 / 3},
		{PRF{TP: 1, FN: 3, NoPrecision: true}, 0, 0.25, 0},
	}
	for _, tt := range tests {
		got := tt.in
		got.Finish()
		if !near(got.Precision, tt.p) || !near(got.Recall, tt.r) || !near(got.F1, tt.f) {
			t.Errorf("Finish(%+v) = P %v R %v F %v, want %v %v %v", tt.in, got.Precision, got.Recall, got.F1, tt.p, tt.r, tt.f)
		}
	}
}

func TestNameKeys(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"চীনের", "চীন", true},
		{"GoTo-এর", "GoTo", true},
		{"ইন্দোনেশিয়ার", "ইন্দোনেশিয়া", true},    // decomposed য়
		{"ইন্দোনেশি\u09DFা", "ইন্দোনেশিয়া", true}, // precomposed য়
		{"TikTok", "tiktok", true},
		{"টিকটককে", "টিকটক", true},
		{"সিঙ্গাপুর", "সিঙ্গাপুর", true},
		{"TikTok", "টিকটক", false}, // across scripts only through the gold's names
		{"Sea", "Shopee", false},
	}
	for _, tt := range tests {
		a, b := keySet{}, keySet{}
		a.add(tt.a)
		b.add(tt.b)
		if got := a.meets(b); got != tt.want {
			t.Errorf("%q ~ %q = %v, want %v (keys %v %v)", tt.a, tt.b, got, tt.want, a, b)
		}
	}
}

func mention(text string) sangbad.Mention { return sangbad.Mention{Span: sangbad.Span{Text: text}} }

func TestScoreFacts(t *testing.T) {
	var g factsGold
	err := json.Unmarshal([]byte(`{
		"money": [{"value": 840000000, "currency": "USD"}, {"value": 160000000000, "currency": "USD"}],
		"percent": [90], "quantity": [125000000],
		"dates": ["2023-12-12", "2030"],
		"actors": [{"names": ["TikTok", "টিকটক"], "type": "organization"},
		           {"names": ["Indonesia", "ইন্দোনেশিয়া"], "type": "place"},
		           {"names": ["Zulkifli Hasan", "জুলকিফলি হাসান"], "type": "person"}],
		"also_ok": ["ই-কমার্স"],
		"quotes": [{"speaker": ["Zulkifli Hasan", "জুলকিফলি হাসান"]}]}`), &g)
	if err != nil {
		t.Fatal(err)
	}
	f := sangbad.Facts{
		Amounts: []sangbad.Amount{
			{Span: sangbad.Span{Text: "$840 মিলিয়ন"}, Kind: "money", Value: 840e6, Currency: "USD"},
			{Span: sangbad.Span{Text: "৮৪০ মিলিয়ন ডলার"}, Kind: "money", Value: 840e6, Currency: "USD"}, // same value: one prediction
			{Span: sangbad.Span{Text: "$6 বিলিয়ন"}, Kind: "money", Value: 6e9, Currency: "USD"},
			{Kind: "percent", Value: 90.2}, // within 0.5%
			{Kind: "quantity", Value: 125e6},
			{Kind: "quantity", Value: 5}, // recall only: not counted
		},
		Dates: []sangbad.Date{{Value: "2023-12-12"}, {Value: "2023-12-12"}, {Value: "2023-12-11"}, {Value: ""}},
		Actors: []sangbad.Actor{
			{ID: "a1", Name: "TikTok", Type: "organization", Mentions: []sangbad.Mention{mention("TikTok"), mention("টিকটককে")}},
			{ID: "a2", Name: "টিকটক", Type: "organization"}, // not merged: spurious
			{ID: "a3", Name: "ইন্দোনেশিয়ার", Type: "place"},
			{ID: "a4", Name: "ই-কমার্স", Type: "organization"}, // also_ok
			{ID: "a5", Name: "Jakarta", Type: "place"},
			{ID: "a6", Name: "জুলকিফলি", Type: "person"}, // no gold name equals it
		},
		Quotes: []sangbad.Quote{
			{Span: sangbad.Span{Text: "মন্ত্রণালয়"}, Speaker: "জুলকিফলি হাসান"}, // indirect: not scored
			{Span: sangbad.Span{Text: "আমরা"}, Speaker: "জুলকিফলি হাসান", Direct: true},
			{Span: sangbad.Span{Text: "কেউ"}, Direct: true},
		},
	}
	got, typed, detail := scoreFacts(g, f)
	want := map[string]PRF{
		"money":    {TP: 1, FP: 1, FN: 1},
		"percent":  {TP: 1},
		"quantity": {TP: 1, NoPrecision: true},
		"dates":    {TP: 1, FP: 1, FN: 1},
		"actors":   {TP: 2, FP: 3, FN: 1},
		"quotes":   {TP: 1, FP: 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("scores (-want +got):\n%s", diff)
	}
	if typed != 2 {
		t.Errorf("actor types right = %d, want 2", typed)
	}
	if diff := cmp.Diff([]string{"160000000000 USD"}, detail.Missed["money"]); diff != "" {
		t.Errorf("missed money (-want +got):\n%s", diff)
	}
}

func TestScoreNER(t *testing.T) {
	gold := []entSpan{{typ: "PERSON", start: 0, end: 5}, {typ: "ORG", start: 10, end: 20}, {typ: "GPE", start: 30, end: 35}}
	pred := []entSpan{
		{typ: "PERSON", start: 0, end: 5, altStart: 0, altEnd: 5},
		{typ: "ORG", start: 10, end: 20, altStart: 10, altEnd: 17}, // surface span equals gold
		{typ: "GPE", start: 31, end: 34, altStart: 31, altEnd: 34}, // overlaps only
		{typ: "PERSON", start: 40, end: 45, altStart: 40, altEnd: 45},
	}
	tests := []struct {
		exact bool
		want  map[string]PRF
	}{
		{true, map[string]PRF{"PERSON": {TP: 1, FP: 1}, "ORG": {TP: 1}, "GPE": {FN: 1, FP: 1}}},
		{false, map[string]PRF{"PERSON": {TP: 1, FP: 1}, "ORG": {TP: 1}, "GPE": {TP: 1}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, scoreNER(gold, pred, tt.exact)); diff != "" {
			t.Errorf("exact=%v (-want +got):\n%s", tt.exact, diff)
		}
	}
}

// fakeAnalyzer returns canned facts and the first sentence as summary.
type fakeAnalyzer struct{}

func (fakeAnalyzer) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	an := &sangbad.Analysis{Language: sangbad.Language{Code: "en"}, Summaries: map[string]sangbad.Summary{}}
	if strings.Contains(a.Text, "TikTok") {
		an.Facts.Amounts = []sangbad.Amount{{Kind: "money", Value: 840e6, Currency: "USD"}}
		an.Facts.Actors = []sangbad.Actor{{Name: "TikTok", Type: "organization"}}
	}
	if strings.HasPrefix(a.Text, "রহিম") {
		an.Facts.Actors = []sangbad.Actor{{Name: "রহিম", Type: "person", Mentions: []sangbad.Mention{{Span: sangbad.Span{Text: "রহিম", Start: 0, End: 4}}}}}
	}
	if !o.NoSummary {
		first, _, _ := strings.Cut(a.Text, ".")
		an.Summaries["en"] = sangbad.Summary{Text: first}
	}
	return an, nil
}

// fakeSummarizer returns the whole text as summary and as lead.
type fakeSummarizer struct{}

func (fakeSummarizer) SummarizeBudget(ctx context.Context, a sangbad.Article, b summarize.Budget) (sangbad.Summary, sangbad.Summary, error) {
	return sangbad.Summary{Text: a.Text}, sangbad.Summary{Text: a.Text}, nil
}

func TestRun(t *testing.T) {
	var out bytes.Buffer
	rep, err := Run(context.Background(), Config{Paths: []string{"testdata"}, Analyzer: fakeAnalyzer{}, Summarizer: fakeSummarizer{}, JSON: true}, &out)
	if err != nil {
		t.Fatal(err)
	}
	var decoded Report
	if err := json.Unmarshal(out.Bytes(), &decoded); err != nil {
		t.Fatalf("JSON report: %v\n%s", err, out.String())
	}
	if diff := cmp.Diff(rep, decoded, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
		t.Errorf("decoded report differs (-run +decoded):\n%s", diff)
	}
	if len(rep.Facts) != 1 || len(rep.Summaries) != 1 || len(rep.NER) != 1 {
		t.Fatalf("got %d facts, %d summaries, %d ner reports", len(rep.Facts), len(rep.Summaries), len(rep.NER))
	}
	f := rep.Facts[0]
	if diff := cmp.Diff(PRF{TP: 1, Precision: 1, Recall: 1, F1: 1}, f.Kinds["money"]); diff != "" {
		t.Errorf("money (-want +got):\n%s", diff)
	}
	if a := f.Kinds["actors"]; a.TP != 1 || a.FN != 1 || a.FP != 0 {
		t.Errorf("actors %+v", a)
	}
	// dates: gold 1, predicted 0; micro: tp 2 (money, actor), fn 2 (date, actor)
	if m := f.Micro; m.TP != 2 || m.FN != 2 || m.FP != 0 {
		t.Errorf("micro %+v", m)
	}
	s := rep.Summaries[0]
	if s.Articles != 2 || len(s.Rows) != 3 {
		t.Fatalf("summaries %+v", s)
	}
	if n := rep.NER[0]; n.Exact["PERSON"].TP != 1 || n.Exact["GPE"].FN != 1 || n.Exact["micro"].TP != 1 {
		t.Errorf("ner %+v", n.Exact)
	}

	out.Reset()
	if err := WriteText(&out, rep); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"FACTS facts.jsonl", "SUMMARIES summ.jsonl", "NER ner.jsonl", "quantity", "exact PERSON", "lead"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("text report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunErrors(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		kind sangbad.Kind
	}{
		{"no analyzer", Config{Paths: []string{"testdata"}}, sangbad.Invalid},
		{"missing file", Config{Paths: []string{"testdata/none.jsonl"}, Analyzer: fakeAnalyzer{}}, sangbad.NotFound},
		{"no files", Config{Paths: []string{t.TempDir()}, Analyzer: fakeAnalyzer{}}, sangbad.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Run(context.Background(), tt.cfg, &bytes.Buffer{})
			if k := sangbad.ErrorKind(err); k != tt.kind {
				t.Errorf("got %v (kind %q), want kind %q", err, k, tt.kind)
			}
		})
	}
}
