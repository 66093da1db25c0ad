package eval

import (
	"bytes"
	"context"
	"testing"
	"unicode"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/summarize"
)

var (
	_ Analyzer   = (*summarize.Pipeline)(nil)
	_ Summarizer = (*summarize.Pipeline)(nil)
)

// scriptDetector stands in for lang.Detector: bn or en by script.
type scriptDetector struct{}

func (scriptDetector) Detect(ctx context.Context, text string) (sangbad.Language, error) {
	bn, latin := 0, 0
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Bengali, r):
			bn++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if bn > latin {
		return sangbad.Language{Code: "bn", Name: "Bengali", Confidence: 1}, nil
	}
	return sangbad.Language{Code: "en", Name: "English", Confidence: 1}, nil
}

// TestRunPipeline runs the evaluation over the real pipeline and the real
// fact extractor.
func TestRunPipeline(t *testing.T) {
	p := summarize.NewPipeline(scriptDetector{}, facts.New())
	rep, err := Run(context.Background(), Config{Paths: []string{"testdata"}, Analyzer: p, Summarizer: p}, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	s := rep.Summaries[0]
	if len(s.Rows) != 3 {
		t.Fatalf("rows %+v", s.Rows)
	}
	for _, r := range s.Rows {
		if r.Words == 0 || r.Rouge.R1.F1 <= 0 || r.Rouge.R1.F1 > 1 {
			t.Errorf("row %+v", r)
		}
	}
}
