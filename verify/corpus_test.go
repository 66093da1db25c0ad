package verify_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
	"github.com/sangbad/sangbad/verify"
)

type corpusDoc struct {
	ID      string `json:"id"`
	Text    string `json:"text"`
	Summary string `json:"summary"`
}

func readCorpus(t *testing.T, name string) []corpusDoc {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var d corpusDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// TestExtractiveSummariesVerify is the false-alarm check: summaries made
// of the source's own sentences (the human extractive summaries of
// BNLPC, and lead and last sentences of CNN/DailyMail articles) state
// nothing the source does not, so they must verify without an issue.
func TestExtractiveSummariesVerify(t *testing.T) {
	v := verify.New(facts.New(), scriptDetector{})
	ctx := context.Background()
	check := func(t *testing.T, source, summary, lang string) {
		t.Helper()
		got, err := v.Verify(ctx, verify.Request{Source: source, Text: summary, Language: lang})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Verified {
			t.Errorf("extractive summary did not verify:\n%s\nsummary: %s", report(got), summary)
		}
	}
	for _, d := range readCorpus(t, "summ_bn_sample.jsonl") {
		t.Run(d.ID, func(t *testing.T) { check(t, d.Text, d.Summary, "bn") })
	}
	for _, d := range readCorpus(t, "summ_en_sample.jsonl") {
		ss := segment.Sentences(d.Text)
		if len(ss) < 4 {
			continue
		}
		var lead, tail []string
		for _, s := range ss[:3] {
			lead = append(lead, s.Text)
		}
		for _, s := range ss[len(ss)-3:] {
			tail = append(tail, s.Text)
		}
		t.Run(d.ID+"/lead", func(t *testing.T) { check(t, d.Text, strings.Join(lead, " "), "en") })
		t.Run(d.ID+"/tail-first", func(t *testing.T) { check(t, d.Text, strings.Join(append(tail, lead...), "\n"), "en") })
	}
}
