package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
)

// These tests run the verifier over the real seed article and real
// summaries with hand-written facts (what package facts should find,
// bengali.md §10), so they test the matching rules whatever the state of
// the extractor. verify_facts_test.go runs the same kind of cases through
// the real extractor.

var published = time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC)

// seedFacts registers the facts of the seed article, as bengali.md §10
// lists them.
func seedFacts(t *testing.T, f *fakeFacts) string {
	t.Helper()
	src := readFile(t, "testdata/seed_article_bn.txt")
	f.add(t, src,
		[]fnum{
			{sub: "12", value: 12},
			{sub: "$840 মিলিয়ন", value: 840e6, currency: "USD"},
			{sub: "দুটি", value: 2},
			{sub: "তিন", value: 3},
			{sub: "চার", value: 4},
			{sub: "90%", value: 90, percent: true},
			{sub: "125 মিলিয়ন", value: 125e6},
			{sub: "2030", value: 2030, year: true},
			{sub: "$160 বিলিয়ন", value: 160e9, currency: "USD"},
			{sub: "67 মিলিয়ন", value: 67e6, approx: true},
			{sub: "6 বিলিয়ন ডলারে", value: 6e9, currency: "USD"},
			{sub: "10 বছর", value: 10},
		},
		[]fdate{
			{sub: "ডিসেম্বর 12", value: "2023-12-12"},
			{sub: "মঙ্গলবার", value: "2023-12-12", relative: true},
			{sub: "সোমবার", value: "2023-12-11", relative: true},
			{sub: "সেপ্টেম্বরে", value: "2023-09", relative: true},
			{sub: "মঙ্গলবার#2", value: "2023-12-12", relative: true},
			{sub: "2030 সালের মধ্যে", value: "2030"},
			{sub: "এই বছর", value: "2023", relative: true},
		},
		[]factor{
			{name: "TikTok", subs: []string{"TikTok", "TikTok#2", "টিকটক"}},
			{name: "GoTo", subs: []string{"GoTo"}},
			{name: "টোকোপিডিয়া", subs: []string{"টোকোপিডিয়া"}},
			{name: "জুলকিফলি হাসান", subs: []string{"জুলকিফলি হাসান", "জুলকিফলি#2"}},
			{name: "ইন্দোনেশিয়া", subs: []string{"ইন্দোনেশিয়া"}},
			{name: "শোপি", subs: []string{"শোপি"}},
			// Jefferies, Lazada and Alibaba are left out on purpose: names
			// the extractor missed but the source contains.
		})
	return src
}

// issueGist is what the table tests compare: kind and offending text.
type issueGist struct{ Kind, Text string }

func gists(is []sangbad.Issue) []issueGist {
	var out []issueGist
	for _, i := range is {
		out = append(out, issueGist{i.Kind, i.Text})
	}
	return out
}

func TestVerifySeedRules(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		lang    string
		nums    []fnum
		dates   []fdate
		actors  []factor
		want    []issueGist
		message string // a part of the first issue's message
	}{
		{
			name:  "en correct",
			text:  "TikTok agreed to spend $840 million for a majority of GoTo's e-commerce unit Tokopedia, Indonesia's trade minister Zulkifli Hasan said on Tuesday.",
			lang:  "en",
			nums:  []fnum{{sub: "$840 million", value: 840e6, currency: "USD"}},
			dates: []fdate{{sub: "Tuesday", value: "2023-12-12", relative: true}},
			actors: []factor{{name: "TikTok", subs: []string{"TikTok"}}, {name: "GoTo", subs: []string{"GoTo"}},
				{name: "Tokopedia", subs: []string{"Tokopedia"}}, {name: "Indonesia", subs: []string{"Indonesia"}},
				{name: "Zulkifli Hasan", subs: []string{"Zulkifli Hasan"}}},
		},
		{
			name: "en other renderings",
			text: "TikTok will pay $0.84 billion; Indonesian e-commerce could reach $160bn by 2030, and TikTok Shop hit $6bn. Small firms employ 90 per cent of the workforce; Tokopedia has about 67 million users and TikTok 125 million. The trial runs three to four months from Dec 12.",
			lang: "en",
			nums: []fnum{{sub: "$0.84 billion", value: 840e6, currency: "USD"}, {sub: "$160bn", value: 160e9, currency: "USD"},
				{sub: "2030", value: 2030, year: true}, {sub: "$6bn", value: 6e9, currency: "USD"}, {sub: "90 per cent", value: 90, percent: true},
				{sub: "67 million", value: 67e6, approx: true}, {sub: "125 million", value: 125e6}, {sub: "three", value: 3}, {sub: "four", value: 4},
				{sub: "12", value: 12}},
			dates: []fdate{{sub: "by 2030", value: "2030"}, {sub: "Dec 12", value: "2023-12-12"}},
			actors: []factor{{name: "TikTok", subs: []string{"TikTok"}}, {name: "TikTok Shop", subs: []string{"TikTok Shop"}},
				{name: "Tokopedia", subs: []string{"Tokopedia"}}},
		},
		{
			name:  "bn correct crore",
			text:  "টিকটক টোকোপিডিয়ার বেশিরভাগ অংশ কিনতে ৮৪ কোটি ডলার খরচ করবে বলে সোমবার জানিয়েছে। ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান মঙ্গলবার (১২ ডিসেম্বর) বলেছেন, ছোট ব্যবসা দেশের ৯০ শতাংশ কর্মশক্তি নিয়োগ করে।",
			lang:  "bn",
			nums:  []fnum{{sub: "৮৪ কোটি ডলার", value: 840e6, currency: "USD"}, {sub: "১২", value: 12}, {sub: "৯০ শতাংশ", value: 90, percent: true}},
			dates: []fdate{{sub: "সোমবার", value: "2023-12-11", relative: true}, {sub: "মঙ্গলবার (১২ ডিসেম্বর)", value: "2023-12-12"}},
			actors: []factor{{name: "টিকটক", subs: []string{"টিকটক"}}, {name: "টোকোপিডিয়া", subs: []string{"টোকোপিডিয়া"}},
				{name: "ইন্দোনেশিয়া", subs: []string{"ইন্দোনেশিয়া"}}, {name: "জুলকিফলি হাসান", subs: []string{"জুলকিফলি হাসান"}}},
		},
		{
			name: "bn other renderings",
			text: "TikTok $840 মিলিয়ন বা ৮৪০ মিলিয়ন ডলার দেবে। ২০৩০ সালের মধ্যে বাজার ১৬ হাজার কোটি ডলার হবে; টিকটক শপের লেনদেন ৬০০ কোটি ডলার। টিকটকের ব্যবহারকারী সাড়ে ১২ কোটি, টোকোপিডিয়ার প্রায় ৬ কোটি ৭০ লাখ। পরীক্ষা ৩-৪ মাস চলবে, লাজাদা ও আলিবাবা প্রতিযোগী।",
			lang: "bn",
			nums: []fnum{{sub: "$840 মিলিয়ন", value: 840e6, currency: "USD"}, {sub: "৮৪০ মিলিয়ন ডলার", value: 840e6, currency: "USD"},
				{sub: "২০৩০", value: 2030, year: true}, {sub: "১৬ হাজার কোটি ডলার", value: 160e9, currency: "USD"},
				{sub: "৬০০ কোটি ডলার", value: 6e9, currency: "USD"}, {sub: "সাড়ে ১২ কোটি", value: 125e6},
				{sub: "৬ কোটি ৭০ লাখ", value: 67e6, approx: true}, {sub: "৩", value: 3}, {sub: "৪", value: 4}},
			dates: []fdate{{sub: "২০৩০ সালের মধ্যে", value: "2030"}},
			actors: []factor{{name: "TikTok", subs: []string{"TikTok"}}, {name: "টিকটক শপ", subs: []string{"টিকটক শপ"}},
				{name: "টিকটক", subs: []string{"টিকটকের"}}, {name: "টোকোপিডিয়া", subs: []string{"টোকোপিডিয়া"}},
				{name: "লাজাদা", subs: []string{"লাজাদা"}}, {name: "আলিবাবা", subs: []string{"আলিবাবা"}}},
		},
		{
			name:    "wrong amount en",
			text:    "TikTok agreed to spend $850 million on Tokopedia.",
			lang:    "en",
			nums:    []fnum{{sub: "$850 million", value: 850e6, currency: "USD"}},
			actors:  []factor{{name: "TikTok", subs: []string{"TikTok"}}, {name: "Tokopedia", subs: []string{"Tokopedia"}}},
			want:    []issueGist{{sangbad.IssueNumber, "$850 million"}},
			message: "amount 850000000 USD not in source; nearest: $840 মিলিয়ন (840000000 USD)",
		},
		{
			name:    "wrong amount bn crore",
			text:    "টিকটক টোকোপিডিয়া কিনতে ৮৫ কোটি ডলার খরচ করবে।",
			lang:    "bn",
			nums:    []fnum{{sub: "৮৫ কোটি ডলার", value: 850e6, currency: "USD"}},
			actors:  []factor{{name: "টিকটক", subs: []string{"টিকটক"}}, {name: "টোকোপিডিয়া", subs: []string{"টোকোপিডিয়া"}}},
			want:    []issueGist{{sangbad.IssueNumber, "৮৫ কোটি ডলার"}},
			message: "nearest: $840 মিলিয়ন",
		},
		{
			name:    "wrong scale",
			text:    "TikTok agreed to spend $840 billion on Tokopedia.",
			nums:    []fnum{{sub: "$840 billion", value: 840e9, currency: "USD"}},
			want:    []issueGist{{sangbad.IssueNumber, "$840 billion"}},
			message: "amount 840000000000 USD not in source",
		},
		{
			name:    "wrong currency",
			text:    "TikTok agreed to spend 840 million euros on Tokopedia.",
			nums:    []fnum{{sub: "840 million euros", value: 840e6, currency: "EUR"}},
			want:    []issueGist{{sangbad.IssueNumber, "840 million euros"}},
			message: "not in source as money in EUR",
		},
		{
			name: "amount without currency restates",
			text: "The deal is worth 840 million.",
			nums: []fnum{{sub: "840 million", value: 840e6}},
		},
		{
			name:    "wrong percentage",
			text:    "Small businesses employ 95% of the workforce.",
			nums:    []fnum{{sub: "95%", value: 95, percent: true}},
			want:    []issueGist{{sangbad.IssueNumber, "95%"}},
			message: "percentage 95% not in source; nearest: 90% (90%)",
		},
		{
			name: "percentage is not a money amount",
			text: "The share is $90.",
			nums: []fnum{{sub: "$90", value: 90, currency: "USD"}},
			want: []issueGist{{sangbad.IssueNumber, "$90"}},
		},
		{
			name:    "rounding to two significant digits passes",
			text:    "টিকটকের প্রায় ১৩ কোটি ব্যবহারকারী।",
			nums:    []fnum{{sub: "১৩ কোটি", value: 130e6}},
			actors:  []factor{{name: "টিকটক", subs: []string{"টিকটক"}}},
			want:    nil,
			message: "",
		},
		{
			name: "rounding to one significant digit fails",
			text: "TikTok Shop reached $7 billion.",
			nums: []fnum{{sub: "$7 billion", value: 7e9, currency: "USD"}},
			want: []issueGist{{sangbad.IssueNumber, "$7 billion"}},
		},
		{
			name: "small counts are exact",
			text: "The two companies will run the trial for five months.",
			nums: []fnum{{sub: "two", value: 2}, {sub: "five", value: 5}},
			want: []issueGist{{sangbad.IssueNumber, "five"}},
		},
		{
			name: "article is not a count",
			text: "একটি পাইলট প্রকল্প চলবে।",
			nums: []fnum{{sub: "একটি", value: 1}},
		},
		{
			name: "a bound close to the source value",
			text: "More than 80% of the workforce works for small businesses; TikTok has over 120 million users.",
			nums: []fnum{{sub: "80%", value: 80, percent: true, qual: "more_than"}, {sub: "120 million", value: 120e6, qual: "more_than"}},
		},
		{
			name: "a bound far from the source value",
			text: "More than 50% of the workforce works for small businesses.",
			nums: []fnum{{sub: "50%", value: 50, percent: true, qual: "more_than"}},
			want: []issueGist{{sangbad.IssueNumber, "50%"}},
		},
		{
			name: "a bound on the wrong side",
			text: "Fewer than 80% of workers are in small firms.",
			nums: []fnum{{sub: "80%", value: 80, percent: true, qual: "less_than"}},
			want: []issueGist{{sangbad.IssueNumber, "80%"}},
		},
		{
			name:    "wrong weekday",
			text:    "The minister said on Wednesday that the trial will run for months.",
			dates:   []fdate{{sub: "Wednesday", value: "2023-12-06", relative: true}},
			want:    []issueGist{{sangbad.IssueDate, "Wednesday"}},
			message: `date 2023-12-06 ("Wednesday" resolved against 2023-12-12) not in source; source dates: 2023-12-12`,
		},
		{
			name:  "wrong day bn",
			text:  "মন্ত্রী ১৩ ডিসেম্বর এ কথা বলেন।",
			nums:  []fnum{{sub: "১৩", value: 13}},
			dates: []fdate{{sub: "১৩ ডিসেম্বর", value: "2023-12-13"}},
			want:  []issueGist{{sangbad.IssueDate, "১৩ ডিসেম্বর"}},
		},
		{
			name:  "coarser date passes, finer does not",
			text:  "In December the minister spoke; the ban came on September 28.",
			nums:  []fnum{{sub: "28", value: 28}},
			dates: []fdate{{sub: "December", value: "2023-12"}, {sub: "September 28", value: "2023-09-28"}},
			want:  []issueGist{{sangbad.IssueDate, "September 28"}},
		},
		{
			name: "wrong year",
			text: "The market could reach $160 billion by 2031.",
			nums: []fnum{{sub: "$160 billion", value: 160e9, currency: "USD"}, {sub: "2031", value: 2031, year: true}},
			want: []issueGist{{sangbad.IssueDate, "2031"}},
		},
		{
			name:    "invented name",
			text:    "Elon Musk said TikTok will invest in Tokopedia.",
			actors:  []factor{{name: "Elon Musk", subs: []string{"Elon Musk"}}, {name: "TikTok", subs: []string{"TikTok"}}, {name: "Tokopedia", subs: []string{"Tokopedia"}}},
			want:    []issueGist{{sangbad.IssueName, "Elon Musk"}},
			message: `name "Elon Musk" not in source`,
		},
		{
			name:   "invented name bn",
			text:   "ইলন মাস্ক বলেছেন টিকটক বিনিয়োগ করবে।",
			actors: []factor{{name: "ইলন মাস্ক", subs: []string{"ইলন মাস্ক"}}, {name: "টিকটক", subs: []string{"টিকটক"}}},
			want:   []issueGist{{sangbad.IssueName, "ইলন মাস্ক"}},
		},
		{
			name:   "a capitalised word at a sentence start is not taken for a name",
			text:   "Regulators will assess the trial. Decision expected within months.",
			actors: []factor{{name: "Decision", subs: []string{"Decision"}}},
		},
		{
			name:   "a capitalised word inside a sentence is",
			text:   "The regulators and Decision will assess the trial.",
			actors: []factor{{name: "Decision", subs: []string{"Decision"}}},
			want:   []issueGist{{sangbad.IssueName, "Decision"}},
		},
		{
			name:   "weekdays and titles an extractor took into a name",
			text:   "Jefferies Tuesday said the deal helps. Ex-Sen spoke too.",
			actors: []factor{{name: "Jefferies Tuesday", subs: []string{"Jefferies Tuesday"}}, {name: "Ex-Sen", subs: []string{"Ex-Sen"}}},
		},
		{
			name:   "names the source extractor missed",
			text:   "Jefferies analysts said TikTok would rival Shopee and Lazada, owned by Alibaba.",
			actors: []factor{{name: "Jefferies", subs: []string{"Jefferies"}}, {name: "Shopee", subs: []string{"Shopee"}}, {name: "Lazada", subs: []string{"Lazada"}}, {name: "Alibaba", subs: []string{"Alibaba"}}},
		},
		{
			name:   "partial and reordered names",
			text:   "Hasan said the ministry will audit it; Zulkifli Hasan spoke in Jakarta.",
			actors: []factor{{name: "Hasan", subs: []string{"Hasan"}}, {name: "Zulkifli Hasan", subs: []string{"Zulkifli Hasan"}}, {name: "Jakarta", subs: []string{"Jakarta"}}},
		},
		{
			name: "summary in the wrong language",
			text: "TikTok will spend $840 million on Tokopedia, Indonesia's trade minister said.",
			lang: "bn",
			nums: []fnum{{sub: "$840 million", value: 840e6, currency: "USD"}},
			want: []issueGist{{sangbad.IssueLanguage, "TikTok will spend $840 million on Tokopedia, Indonesia's trade minister said."}},
		},
		{
			name: "bn expected, en text, script alone decides",
			text: "টিকটক টোকোপিডিয়া কিনবে।",
			lang: "en",
			want: []issueGist{{sangbad.IssueLanguage, "টিকটক টোকোপিডিয়া কিনবে।"}},
		},
		{
			name:  "Latin names in a Bengali text are not a language error",
			text:  "TikTok ও GoTo মঙ্গলবার থেকে TikTok Shop চালু করবে।",
			lang:  "bn",
			dates: []fdate{{sub: "মঙ্গলবার", value: "2023-12-12", relative: true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeFacts()
			src := seedFacts(t, f)
			f.add(t, tt.text, tt.nums, tt.dates, tt.actors)
			v := newFakeVerifier(f, scriptDetector())
			got, err := v.Verify(context.Background(), Request{Source: src, Text: tt.text, Published: published, Language: tt.lang})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, gists(got.Issues)); diff != "" {
				t.Errorf("issues (-want +got):\n%s\nall: %+v", diff, got.Issues)
			}
			if got.Verified != (len(tt.want) == 0) {
				t.Errorf("Verified = %v with %d issues", got.Verified, len(got.Issues))
			}
			if tt.message != "" && len(got.Issues) > 0 && !strings.Contains(got.Issues[0].Message, tt.message) {
				t.Errorf("message = %q, want it to contain %q", got.Issues[0].Message, tt.message)
			}
			checkOffsets(t, tt.text, got.Issues)
		})
	}
}

// checkOffsets asserts that every issue's offsets select its text.
func checkOffsets(t testing.TB, text string, issues []sangbad.Issue) {
	t.Helper()
	r := []rune(text)
	for _, is := range issues {
		if is.Start < 0 || is.End < is.Start || is.End > len(r) {
			t.Fatalf("issue %+v: offsets outside text of %d code points", is, len(r))
		}
		if got := string(r[is.Start:is.End]); got != is.Text {
			t.Fatalf("issue %+v: offsets select %q", is, got)
		}
	}
}

func TestVerifyCounts(t *testing.T) {
	f := newFakeFacts()
	src := seedFacts(t, f)
	text := "TikTok will pay $840 million from Tuesday (Dec 12); the market may hit $160bn by 2030."
	f.add(t, text,
		[]fnum{{sub: "$840 million", value: 840e6, currency: "USD"}, {sub: "12", value: 12}, {sub: "$160bn", value: 160e9, currency: "USD"}, {sub: "2030", value: 2030, year: true}},
		[]fdate{{sub: "Tuesday (Dec 12)", value: "2023-12-12"}, {sub: "by 2030", value: "2030"}},
		[]factor{{name: "TikTok", subs: []string{"TikTok"}}})
	got, err := newFakeVerifier(f, nil).Verify(context.Background(), Request{Source: src, Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	want := Result{Verified: true, Issues: []sangbad.Issue{}, Checked: Counts{Numbers: 2, Dates: 2, Names: 1}, Reference: "2023-12-12"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("result (-want +got):\n%s", diff)
	}
}

func TestVerifyReusesSourceFacts(t *testing.T) {
	f := newFakeFacts()
	src := seedFacts(t, f)
	text := "TikTok will pay $850 million."
	f.add(t, text, []fnum{{sub: "$850 million", value: 850e6, currency: "USD"}}, nil, nil)
	v := newFakeVerifier(f, nil)
	ctx := context.Background()
	sf, _ := f.Extract(ctx, src, facts.Options{Published: published})
	f.calls[src] = 0

	got, err := v.Verify(ctx, Request{Source: src, Text: text, Published: published, SourceFacts: &sf})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Issues) != 1 || f.calls[src] != 0 {
		t.Errorf("with SourceFacts: %d issues, %d source extractions; want 1 and 0", len(got.Issues), f.calls[src])
	}

	prep, err := v.Prepare(ctx, src, published, nil)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		got, err = v.Verify(ctx, Request{Text: text, Prepared: prep})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(got.Issues) != 1 || f.calls[src] != 1 {
		t.Errorf("with Prepared: %d issues, %d source extractions; want 1 and 1", len(got.Issues), f.calls[src])
	}
	if got.Reference != "2023-12-12" {
		t.Errorf("Reference = %q, want the prepared source's 2023-12-12", got.Reference)
	}
}

func TestVerifyInvalid(t *testing.T) {
	v := newFakeVerifier(newFakeFacts(), nil)
	tests := []struct {
		name string
		req  Request
	}{
		{"no text", Request{Source: "TikTok বলেছে।"}},
		{"no source", Request{Text: "TikTok said."}},
		{"blank source", Request{Source: " \n", Text: "TikTok said."}},
		{"bad utf-8", Request{Source: "TikTok বলেছে।", Text: "TikTok \xff said."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := v.Verify(context.Background(), tt.req)
			if got := sangbad.ErrorKind(err); got != sangbad.Invalid {
				t.Errorf("error kind = %q (%v), want %q", got, err, sangbad.Invalid)
			}
		})
	}
}

type errDetector struct{}

func (errDetector) Detect(context.Context, string) (sangbad.Language, error) {
	return sangbad.Language{}, errors.New("model not loaded")
}

func TestVerifyLanguage(t *testing.T) {
	long := "TikTok will spend $840 million on a majority of Tokopedia after Indonesia banned shopping on social media."
	tests := []struct {
		name string
		text string
		want string
		det  sangbad.Language
		bad  bool
	}{
		{"same", long, "en", sangbad.Language{Code: "en", Confidence: 0.99}, false},
		{"other Latin language, confident", long, "en", sangbad.Language{Code: "id", Name: "Indonesian", Confidence: 0.95}, true},
		{"other Latin language, unsure", long, "en", sangbad.Language{Code: "id", Confidence: 0.55}, false},
		{"short text needs high confidence", "TikTok buys Tokopedia.", "en", sangbad.Language{Code: "id", Confidence: 0.8}, false},
		{"short text, very confident", "TikTok beli Tokopedia hari ini.", "en", sangbad.Language{Code: "id", Confidence: 0.95}, true},
		{"undetermined", long, "en", sangbad.Language{Code: "und", Reason: "too short"}, false},
		{"Bengali script outweighs a detector", "TikTok ও GoTo মঙ্গলবার থেকে পরীক্ষামূলক অংশীদারিত্ব শুরু করবে বলে জানিয়েছে।", "bn", sangbad.Language{Code: "en", Confidence: 0.9}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeFacts()
			src := seedFacts(t, f)
			det := fakeDetector{fn: func(string) sangbad.Language { return tt.det }}
			got, err := newFakeVerifier(f, det).Verify(context.Background(), Request{Source: src, Text: tt.text, Published: published, Language: tt.want})
			if err != nil {
				t.Fatal(err)
			}
			bad := len(got.Issues) == 1 && got.Issues[0].Kind == sangbad.IssueLanguage
			if bad != tt.bad || (!tt.bad && len(got.Issues) != 0) {
				t.Errorf("issues = %+v, want a language issue: %v", got.Issues, tt.bad)
			}
			if got.Language == nil || got.Language.Code != tt.det.Code {
				t.Errorf("Language = %+v, want the detector's answer", got.Language)
			}
		})
	}
	t.Run("detector error", func(t *testing.T) {
		f := newFakeFacts()
		src := seedFacts(t, f)
		_, err := newFakeVerifier(f, errDetector{}).Verify(context.Background(), Request{Source: src, Text: long, Language: "en"})
		if err == nil || !strings.Contains(err.Error(), "model not loaded") {
			t.Errorf("err = %v, want the detector's error", err)
		}
	})
}

// An extractor's offsets outside the text must not make invalid issues.
func TestVerifyClampsOffsets(t *testing.T) {
	f := newFakeFacts()
	src := seedFacts(t, f)
	text := "TikTok will pay $850 million."
	f.add(t, text, nil, nil, nil)
	f.numbers[text] = []facts.Number{
		{Span: sangbad.Span{Text: "$850 million", Start: 16, End: 99}, Value: 850e6, Currency: "USD"},
		{Span: sangbad.Span{Text: "7", Start: -3, End: 2}, Value: 7},
	}
	got, err := newFakeVerifier(f, nil).Verify(context.Background(), Request{Source: src, Text: text, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Issues) != 2 {
		t.Fatalf("issues = %+v, want 2", got.Issues)
	}
	checkOffsets(t, text, got.Issues)
}

func TestFormatVerified(t *testing.T) {
	var b strings.Builder
	if err := Format(&b, Result{Verified: true, Checked: Counts{Numbers: 3, Dates: 1, Names: 1},
		Language: &sangbad.Language{Code: "bn", Confidence: 0.98}}); err != nil {
		t.Fatal(err)
	}
	want := "verified: checked 3 numbers, 1 date, 1 name; language bn (0.98)\n"
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestAcronyms(t *testing.T) {
	s := &Source{text: "At least 14 people died, the Algerie Presse Service reported. The National Health Service and the Islamic Courts Union (ICU) were named."}
	tests := []struct {
		name string
		want bool
	}{
		{"NHS", true},
		{"APS", true},
		{"ICU", true},
		{"Islamic Courts Union", true},
		{"CIA", false},
		{"Abdelmadjid Tebboune", false}, // initials "at" are a word, not an acronym
		{"National Service", false},
	}
	for _, tt := range tests {
		if got := acronymMatch(tt.name, s); got != tt.want {
			t.Errorf("acronymMatch(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// A prepared source is shared by concurrent verifications (run with -race).
func TestVerifyConcurrentPrepared(t *testing.T) {
	f := newFakeFacts()
	src := seedFacts(t, f)
	text := "Lazada and Alibaba compete with TikTok, which will pay $850 million."
	f.add(t, text, []fnum{{sub: "$850 million", value: 850e6, currency: "USD"}}, nil,
		[]factor{{name: "Lazada", subs: []string{"Lazada"}}, {name: "Alibaba", subs: []string{"Alibaba"}}, {name: "TikTok", subs: []string{"TikTok"}}})
	v := newFakeVerifier(f, nil)
	prep, err := v.Prepare(context.Background(), src, published, nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			got, err := v.Verify(context.Background(), Request{Text: text, Prepared: prep})
			if err != nil || len(got.Issues) != 1 {
				errs <- fmt.Sprintf("err %v, issues %+v", err, got.Issues)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
