package summarize

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
)

var _ Extractor = (*facts.Extractor)(nil)

// fakeDetector answers by script, or with err.
type fakeDetector struct {
	err error
	und bool
}

func (f fakeDetector) Detect(ctx context.Context, text string) (sangbad.Language, error) {
	if f.err != nil {
		return sangbad.Language{}, f.err
	}
	if err := ctx.Err(); err != nil {
		return sangbad.Language{}, err
	}
	if f.und {
		return sangbad.Language{Code: "und", Reason: "too short"}, nil
	}
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
		return sangbad.Language{Code: "bn", Name: "Bengali", Confidence: 1, Script: "Bengali"}, nil
	}
	return sangbad.Language{Code: "en", Name: "English", Confidence: 1, Script: "Latin"}, nil
}

// fakeExtractor records its options and returns res.
type fakeExtractor struct {
	res  facts.Result
	err  error
	opts *facts.Options
}

func (f fakeExtractor) Extract(ctx context.Context, text string, o facts.Options) (facts.Result, error) {
	if f.opts != nil {
		*f.opts = o
	}
	return f.res, f.err
}

// fakeLLM writes "summary in <lang>" or fails for the languages in fail.
type fakeLLM struct {
	fail map[string]error
}

func (f fakeLLM) Summarize(ctx context.Context, req SummaryRequest) (sangbad.Summary, error) {
	if err := f.fail[req.Language]; err != nil {
		return sangbad.Summary{}, err
	}
	if req.Analysis == nil || len(req.Analysis.Sentences) == 0 {
		return sangbad.Summary{}, errors.New("no analysis in request")
	}
	text := "summary in " + req.Language
	if req.OnDelta != nil {
		req.OnDelta(text)
	}
	return sangbad.Summary{Language: req.Language, Text: text, Method: sangbad.MethodLLM, Length: req.Length}, nil
}

const (
	enText = "Prices of rice rose 40 percent in Dhaka on Monday, traders said. The government said it would import 2 million tonnes. Farmers said the harvest was late this year because of floods. The central bank warned inflation could rise further."
	bnText = "ঢাকায় সোমবার চালের দাম ৪০ শতাংশ বেড়েছে, ব্যবসায়ীরা বলেছেন। সরকার বলেছে তারা ২০ লাখ টন চাল আমদানি করবে। বন্যার কারণে এবার ফসল দেরিতে এসেছে বলে কৃষকরা জানিয়েছেন। কেন্দ্রীয় ব্যাংক সতর্ক করেছে মূল্যস্ফীতি আরও বাড়তে পারে।"
)

func TestAnalyzeErrors(t *testing.T) {
	canceled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		p    *Pipeline
		ctx  context.Context
		a    sangbad.Article
		o    sangbad.Options
		kind sangbad.Kind
		code string
	}{
		{"empty", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{}, sangbad.Options{}, sangbad.Invalid, "text_required"},
		{"white space", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: " \n\t\u200b "}, sangbad.Options{}, sangbad.Invalid, "text_required"},
		{"not utf8", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: "abc\xff\xfe"}, sangbad.Options{}, sangbad.Invalid, "text_not_utf8"},
		{"too large", NewPipeline(fakeDetector{}, fakeExtractor{}, WithMaxChars(10)), nil, sangbad.Article{Text: "এগারো অক্ষরের"}, sangbad.Options{}, sangbad.TooLarge, "text_too_large"},
		{"bad published", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: enText, Published: "12/12/2023"}, sangbad.Options{}, sangbad.Invalid, "published_invalid"},
		{"bad length", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: enText}, sangbad.Options{Length: "long"}, sangbad.Invalid, "length_invalid"},
		{"bad llm mode", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: enText}, sangbad.Options{LLM: "maybe"}, sangbad.Invalid, "llm_invalid"},
		{"bad language", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: enText}, sangbad.Options{Languages: []string{"english"}}, sangbad.Invalid, "language_invalid"},
		{"llm required, none", NewPipeline(fakeDetector{}, fakeExtractor{}), nil, sangbad.Article{Text: enText}, sangbad.Options{LLM: "required"}, sangbad.Unavailable, "llm_not_configured"},
		{"llm required, failing", NewPipeline(fakeDetector{}, fakeExtractor{}, WithLLM(fakeLLM{fail: map[string]error{"en": sangbad.Errorf(sangbad.RateLimited, "slow down")}})), nil,
			sangbad.Article{Text: enText}, sangbad.Options{LLM: "required"}, sangbad.RateLimited, "rate_limited"},
		{"detector fails", NewPipeline(fakeDetector{err: errors.New("model not loaded")}, fakeExtractor{}), nil, sangbad.Article{Text: enText}, sangbad.Options{}, sangbad.Internal, "internal"},
		{"extractor fails", NewPipeline(fakeDetector{}, fakeExtractor{err: sangbad.Errorf(sangbad.Timeout, "too slow")}), nil, sangbad.Article{Text: enText}, sangbad.Options{}, sangbad.Timeout, "timeout"},
		{"canceled", NewPipeline(fakeDetector{}, fakeExtractor{}), canceled, sangbad.Article{Text: enText}, sangbad.Options{}, sangbad.Canceled, "canceled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := tt.ctx
			if ctx == nil {
				ctx = context.Background()
			}
			got, err := tt.p.Analyze(ctx, tt.a, tt.o)
			if err == nil {
				t.Fatalf("got %+v, want an error", got)
			}
			if k, c := sangbad.ErrorKind(err), sangbad.ErrorCode(err); k != tt.kind || c != tt.code {
				t.Errorf("got kind %q code %q (%v), want %q %q", k, c, err, tt.kind, tt.code)
			}
			if sangbad.ErrorMessage(err) == "" {
				t.Error("empty client message")
			}
		})
	}
}

func TestDetectAndFactsValidate(t *testing.T) {
	p := NewPipeline(fakeDetector{}, fakeExtractor{})
	if _, err := p.Detect(context.Background(), "  "); sangbad.ErrorCode(err) != "text_required" {
		t.Errorf("Detect(blank): %v", err)
	}
	if _, err := p.Facts(context.Background(), sangbad.Article{Text: "\xff"}); sangbad.ErrorCode(err) != "text_not_utf8" {
		t.Errorf("Facts(bad utf8): %v", err)
	}
	l, err := p.Detect(context.Background(), bnText)
	if err != nil || l.Code != "bn" {
		t.Errorf("Detect(bn) = %+v, %v", l, err)
	}
	an, err := p.Facts(context.Background(), sangbad.Article{Text: enText})
	if err != nil {
		t.Fatal(err)
	}
	if len(an.Summaries) != 0 || an.Language.Code != "en" || len(an.Sentences) != 4 {
		t.Errorf("Facts: summaries %v, language %q, %d sentences", an.Summaries, an.Language.Code, len(an.Sentences))
	}
}

// summaryView is what TestAnalyzeSummaries compares.
type summaryView struct {
	Method, ErrCode string
	HasText         bool
}

func TestAnalyzeSummaries(t *testing.T) {
	llmDown := sangbad.Errorf(sangbad.Unavailable, "backend down")
	tests := []struct {
		name     string
		text     string
		opts     []Option
		det      Detector
		o        sangbad.Options
		want     map[string]summaryView
		warnings []string // substrings each of which some warning contains
	}{
		{"default is the article's language", bnText, nil, fakeDetector{}, sangbad.Options{},
			map[string]summaryView{"bn": {Method: "extractive", HasText: true}}, nil},
		{"other language needs an llm", bnText, nil, fakeDetector{}, sangbad.Options{Languages: []string{"bn", "EN"}},
			map[string]summaryView{"bn": {Method: "extractive", HasText: true}, "en": {ErrCode: "llm_not_configured"}}, nil},
		{"undetermined language", enText, nil, fakeDetector{und: true}, sangbad.Options{},
			map[string]summaryView{}, []string{"undetermined"}},
		{"no summary", enText, nil, fakeDetector{}, sangbad.Options{NoSummary: true},
			map[string]summaryView{}, nil},
		{"llm for every language", bnText, []Option{WithLLM(fakeLLM{})}, fakeDetector{}, sangbad.Options{Languages: []string{"bn", "en"}},
			map[string]summaryView{"bn": {Method: "llm", HasText: true}, "en": {Method: "llm", HasText: true}}, nil},
		{"llm off", bnText, []Option{WithLLM(fakeLLM{})}, fakeDetector{}, sangbad.Options{Languages: []string{"bn", "en"}, LLM: "off"},
			map[string]summaryView{"bn": {Method: "extractive", HasText: true}, "en": {ErrCode: "llm_disabled"}}, nil},
		{"llm fails: own language falls back", bnText, []Option{WithLLM(fakeLLM{fail: map[string]error{"bn": llmDown, "en": llmDown}})}, fakeDetector{},
			sangbad.Options{Languages: []string{"bn", "en"}},
			map[string]summaryView{"bn": {Method: "extractive", HasText: true}, "en": {Method: "llm", ErrCode: "unavailable"}},
			[]string{"extractive summary is given instead", "no summary in en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPipeline(tt.det, fakeExtractor{}, tt.opts...)
			an, err := p.Analyze(context.Background(), sangbad.Article{Text: tt.text}, tt.o)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]summaryView{}
			for l, s := range an.Summaries {
				v := summaryView{Method: s.Method, HasText: s.Text != ""}
				if s.Error != nil {
					v.ErrCode = s.Error.Code
					if s.Text != "" {
						t.Errorf("%s: an error and a text %q", l, s.Text)
					}
				}
				if s.Language != l {
					t.Errorf("summary under %q has language %q", l, s.Language)
				}
				got[l] = v
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("summaries mismatch (-want +got):\n%s", diff)
			}
			if s, ok := an.Summaries["en"]; ok && s.Error != nil && s.Error.Code == "llm_not_configured" && !strings.Contains(s.Error.Message, "OPENAI_BASE_URL") {
				t.Errorf("message does not name the setting: %q", s.Error.Message)
			}
			for _, w := range tt.warnings {
				if !containsSub(an.Warnings, w) {
					t.Errorf("no warning containing %q in %q", w, an.Warnings)
				}
			}
			if an.Took <= 0 {
				t.Errorf("took %v ms", an.Took)
			}
		})
	}
}

func containsSub(ws []string, sub string) bool {
	for _, w := range ws {
		if strings.Contains(w, sub) {
			return true
		}
	}
	return false
}

func TestAnalyzePublished(t *testing.T) {
	dateline := time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		published  string
		res        facts.Result
		want       string
		wantSource string
		wantRef    time.Time
		warn       bool
	}{
		{"caller's date", "2024-01-05", facts.Result{}, "2024-01-05", "published", time.Date(2024, 1, 5, 0, 0, 0, 0, time.UTC), false},
		{"dateline", "", facts.Result{Reference: dateline, ReferenceSource: "dateline"}, "2023-12-12", "dateline", time.Time{}, false},
		{"none", "", facts.Result{}, "", "", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got facts.Options
			p := NewPipeline(fakeDetector{}, fakeExtractor{res: tt.res, opts: &got})
			an, err := p.Analyze(context.Background(), sangbad.Article{Text: enText, Published: tt.published}, sangbad.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if an.Published != tt.want || an.PublishedSource != tt.wantSource {
				t.Errorf("published %q (%q), want %q (%q)", an.Published, an.PublishedSource, tt.want, tt.wantSource)
			}
			if !got.Published.Equal(tt.wantRef) || got.Language != "en" {
				t.Errorf("extractor options %+v", got)
			}
			if w := containsSub(an.Warnings, "publication date"); w != tt.warn {
				t.Errorf("publication warning %v, want %v: %q", w, tt.warn, an.Warnings)
			}
		})
	}
}

func TestStreamSummary(t *testing.T) {
	p := NewPipeline(fakeDetector{}, fakeExtractor{}, WithLLM(fakeLLM{}))
	got := map[string]string{}
	ch := make(chan [2]string, 4)
	an, err := p.StreamSummary(context.Background(), sangbad.Article{Text: bnText}, sangbad.Options{Languages: []string{"bn", "en"}}, func(l, d string) { ch <- [2]string{l, d} })
	if err != nil {
		t.Fatal(err)
	}
	close(ch)
	for d := range ch {
		got[d[0]] += d[1]
	}
	for l, s := range an.Summaries {
		if got[l] != s.Text {
			t.Errorf("%s: streamed %q, result %q", l, got[l], s.Text)
		}
	}
}

// TestAnalyzeWithFacts runs the real fact extractor on the real articles.
func TestAnalyzeWithFacts(t *testing.T) {
	p := NewPipeline(fakeDetector{}, facts.New())
	for _, a := range readFixtures(t) {
		t.Run(a.ID, func(t *testing.T) {
			an, err := p.Analyze(context.Background(), sangbad.Article{ID: a.ID, Title: a.Title, Text: a.Text}, sangbad.Options{Languages: []string{"bn", "en"}})
			if err != nil {
				t.Fatal(err)
			}
			own := an.Summaries[a.Lang]
			if own.Method != sangbad.MethodExtractive || own.Text == "" {
				t.Errorf("own summary %+v", own)
			}
			other := "en"
			if a.Lang == "en" {
				other = "bn"
			}
			if s := an.Summaries[other]; s.Error == nil || s.Text != "" {
				t.Errorf("%s summary without an LLM: %+v", other, s)
			}
			for _, ss := range own.Sentences {
				for _, i := range ss.Sources {
					if i < 0 || i >= len(an.Sentences) {
						t.Fatalf("source %d of %d sentences", i, len(an.Sentences))
					}
				}
			}
		})
	}
}

func BenchmarkPipelineAnalyze(b *testing.B) {
	p := NewPipeline(fakeDetector{}, facts.New())
	for _, c := range []struct{ name, file string }{{"en", "testdata/bench_en.txt"}, {"bn", "testdata/bench_bn.txt"}} {
		raw, err := os.ReadFile(c.file)
		if err != nil {
			b.Fatal(err)
		}
		a := sangbad.Article{Text: string(raw), Published: "2023-12-12"}
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(raw)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Analyze(context.Background(), a, sangbad.Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
