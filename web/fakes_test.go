package web_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"sync"
	"testing"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/web"
)

// Hand-written fakes: each method calls its func field, and records what
// the server passed in.

type fakeAnalyzer struct {
	mu       sync.Mutex
	articles []sangbad.Article
	options  []sangbad.Options
	texts    []string

	analyze func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error)
	detect  func(ctx context.Context, text string) (sangbad.Language, error)
	facts   func(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error)
}

func (f *fakeAnalyzer) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	f.mu.Lock()
	f.articles = append(f.articles, a)
	f.options = append(f.options, o)
	f.mu.Unlock()
	return f.analyze(ctx, a, o)
}

func (f *fakeAnalyzer) Detect(ctx context.Context, text string) (sangbad.Language, error) {
	f.mu.Lock()
	f.texts = append(f.texts, text)
	f.mu.Unlock()
	return f.detect(ctx, text)
}

func (f *fakeAnalyzer) Facts(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error) {
	f.mu.Lock()
	f.articles = append(f.articles, a)
	f.mu.Unlock()
	return f.facts(ctx, a)
}

type fakeVerifier struct {
	got    []web.VerifyRequest
	verify func(ctx context.Context, r web.VerifyRequest) (web.VerifyResult, error)
}

func (f *fakeVerifier) Verify(ctx context.Context, r web.VerifyRequest) (web.VerifyResult, error) {
	f.got = append(f.got, r)
	return f.verify(ctx, r)
}

type fakeTranslator struct {
	got       []web.TranslateRequest
	translate func(ctx context.Context, r web.TranslateRequest) (web.TranslateResult, error)
}

func (f *fakeTranslator) Translate(ctx context.Context, r web.TranslateRequest) (web.TranslateResult, error) {
	f.got = append(f.got, r)
	return f.translate(ctx, r)
}

type fakeStreamer struct {
	stream func(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error)
}

func (f *fakeStreamer) StreamSummary(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error) {
	return f.stream(ctx, a, o, onDelta)
}

type fakeBatches struct {
	mu      sync.Mutex
	bodies  []string
	options []web.BatchOptions

	create  func(ctx context.Context, body string, o web.BatchOptions) (web.BatchStatus, error)
	status  func(ctx context.Context, id string) (web.BatchStatus, error)
	results func(ctx context.Context, id string, w io.Writer) error
}

func (f *fakeBatches) Create(ctx context.Context, r io.Reader, o web.BatchOptions) (web.BatchStatus, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return web.BatchStatus{}, err
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, string(b))
	f.options = append(f.options, o)
	f.mu.Unlock()
	return f.create(ctx, string(b), o)
}

func (f *fakeBatches) Status(ctx context.Context, id string) (web.BatchStatus, error) {
	return f.status(ctx, id)
}

func (f *fakeBatches) Results(ctx context.Context, id string, w io.Writer) error {
	return f.results(ctx, id, w)
}

type fakeReadiness struct{ err error }

func (f fakeReadiness) Ready(context.Context) error { return f.err }

var (
	_ web.Analyzer   = (*fakeAnalyzer)(nil)
	_ web.Verifier   = (*fakeVerifier)(nil)
	_ web.Translator = (*fakeTranslator)(nil)
	_ web.Streamer   = (*fakeStreamer)(nil)
	_ web.Batches    = (*fakeBatches)(nil)
	_ web.Readiness  = fakeReadiness{}
)

// loadAnalysis reads the fixture analysis (a Bengali article with facts,
// an extractive and an LLM summary).
func loadAnalysis(t testing.TB) *sangbad.Analysis {
	t.Helper()
	b, err := os.ReadFile("testdata/analysis_bn.json")
	if err != nil {
		t.Fatal(err)
	}
	var a sangbad.Analysis
	if err := json.Unmarshal(b, &a); err != nil {
		t.Fatal(err)
	}
	return &a
}

func loadArticle(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/article_bn.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// newFakes returns fakes that answer from the fixture.
func newFakes(t testing.TB) (*fakeAnalyzer, *fakeVerifier, *fakeTranslator, *fakeBatches) {
	fix := loadAnalysis(t)
	a := &fakeAnalyzer{
		analyze: func(_ context.Context, art sangbad.Article, _ sangbad.Options) (*sangbad.Analysis, error) {
			res := *fix
			res.ID = art.ID
			return &res, nil
		},
		detect: func(context.Context, string) (sangbad.Language, error) { return fix.Language, nil },
		facts: func(_ context.Context, art sangbad.Article) (*sangbad.Analysis, error) {
			res := *fix
			res.ID = art.ID
			res.Summaries = nil
			return &res, nil
		},
	}
	v := &fakeVerifier{verify: func(_ context.Context, r web.VerifyRequest) (web.VerifyResult, error) {
		// Flags the first number of the text that the source lacks.
		return web.VerifyResult{Verified: false, Issues: []sangbad.Issue{{Kind: sangbad.IssueNumber, Text: "850", Start: 28, End: 31, Message: "850 is not in the source"}}}, nil
	}}
	tr := &fakeTranslator{translate: func(_ context.Context, r web.TranslateRequest) (web.TranslateResult, error) {
		return web.TranslateResult{Translation: "টিকটক ও গোটু ৮৪০ মিলিয়ন ডলার বিনিয়োগ করবে।", Source: "en", Target: r.Target, Verified: true,
			Usage: &sangbad.Usage{PromptTokens: 120, CompletionTokens: 30, TotalTokens: 150, Calls: 1}, Model: "stub-model", PromptVersion: "t1"}, nil
	}}
	b := &fakeBatches{
		create: func(_ context.Context, body string, _ web.BatchOptions) (web.BatchStatus, error) {
			return web.BatchStatus{ID: "b1", State: web.BatchQueued, Created: fixedTime}, nil
		},
		status: func(_ context.Context, id string) (web.BatchStatus, error) {
			if id != "b1" {
				return web.BatchStatus{}, &sangbad.Error{Kind: sangbad.NotFound, Code: "batch_not_found", Message: "no batch " + id}
			}
			return web.BatchStatus{ID: "b1", State: web.BatchRunning, Total: 3, Done: 1, Failed: 1, Created: fixedTime, Updated: fixedTime}, nil
		},
		results: func(_ context.Context, id string, w io.Writer) error {
			if id != "b1" {
				return &sangbad.Error{Kind: sangbad.NotFound, Code: "batch_not_found", Message: "no batch " + id}
			}
			enc := json.NewEncoder(w)
			if err := enc.Encode(map[string]any{"id": "x1", "analysis": fix}); err != nil {
				return err
			}
			return enc.Encode(map[string]any{"id": "x2", "error": sangbad.ErrorBody{Code: "text_required", Message: "text is empty"}})
		},
	}
	return a, v, tr, b
}
