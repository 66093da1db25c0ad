// Package summarize holds the summarizers (the offline extractive one here,
// an LLM one plugged in through LLMSummarizer) and the analysis pipeline
// every front door calls: input checks, language detection, fact
// extraction, then summaries in the requested languages. It declares the
// small interfaces it needs (Detector, Extractor, LLMSummarizer); the lang,
// facts and llm-backed packages satisfy them and cmd wires them.
package summarize

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
)

// Detector detects the language of a text (lang.Detector satisfies it).
type Detector interface {
	Detect(ctx context.Context, text string) (sangbad.Language, error)
}

// Extractor extracts the facts of a text (facts.Extractor satisfies it).
type Extractor interface {
	Extract(ctx context.Context, text string, opts facts.Options) (facts.Result, error)
}

// LLMSummarizer writes a summary with a language model, in any target
// language. It reports failures as errors (a *sangbad.Error with its kind);
// the pipeline decides whether to fall back to the extractive summary.
type LLMSummarizer interface {
	Summarize(ctx context.Context, req SummaryRequest) (sangbad.Summary, error)
}

// SummaryRequest is one summary for an LLMSummarizer to write.
type SummaryRequest struct {
	Article sangbad.Article
	// Analysis is the analysis so far: language, published date, sentences
	// (what summary sources point into) and facts. Summaries is not filled
	// yet. Read only.
	Analysis *sangbad.Analysis
	// Language is the target language (ISO 639-1).
	Language string
	// Length is headline, short, standard or bullets (never empty).
	Length string
	// BengaliDigits asks for Bengali digits in a Bengali summary.
	BengaliDigits bool
	// Extractive is the offline summary of the article in its own language
	// at the same length when the caller already has it (a hint); nil
	// otherwise. The pipeline keeps the fallback to itself.
	Extractive *sangbad.Summary
	// OnDelta, when set, receives the summary text as it is generated
	// (streaming front doors); it may be called from several goroutines
	// for different requests, never after Summarize returns.
	OnDelta func(delta string)
}

// DefaultMaxChars is the default limit on article length, in code points.
const DefaultMaxChars = 200000

// LLM modes of Options.LLM.
const (
	llmAuto     = "auto"
	llmOff      = "off"
	llmRequired = "required"
)

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithMaxChars sets the longest accepted article text in code points
// (default DefaultMaxChars); n <= 0 keeps the default.
func WithMaxChars(n int) Option {
	return func(p *Pipeline) {
		if n > 0 {
			p.maxChars = n
		}
	}
}

// WithLLM plugs in an LLM summarizer: summaries in every requested language
// unless Options.LLM is "off".
func WithLLM(s LLMSummarizer) Option { return func(p *Pipeline) { p.llm = s } }

// WithLLMHint sets the message part that tells a user how to configure the
// LLM backend (default names OPENAI_BASE_URL / OPENAI_API_KEY and --llm-url).
func WithLLMHint(hint string) Option {
	return func(p *Pipeline) {
		if hint != "" {
			p.llmHint = hint
		}
	}
}

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option {
	return func(p *Pipeline) {
		if l != nil {
			p.log = l
		}
	}
}

// WithVersion sets the version recorded in every Analysis.
func WithVersion(v string) Option { return func(p *Pipeline) { p.version = v } }

// WithExtractive replaces the extractive summarizer (tests, tuning).
func WithExtractive(e *Extractive) Option {
	return func(p *Pipeline) {
		if e != nil {
			p.ext = e
		}
	}
}

// Pipeline is the one analysis core every front door calls. It is safe for
// concurrent use; build it once.
type Pipeline struct {
	det      Detector
	facts    Extractor
	llm      LLMSummarizer
	ext      *Extractive
	maxChars int
	llmHint  string
	log      *slog.Logger
	version  string
}

// NewPipeline returns a pipeline over a language detector and a fact
// extractor. It panics if the embedded stopword lists cannot be read (a
// build defect, caught by every test).
func NewPipeline(det Detector, ext Extractor, opts ...Option) *Pipeline {
	p := &Pipeline{
		det:      det,
		facts:    ext,
		maxChars: DefaultMaxChars,
		llmHint:  "set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) or pass --llm-url",
		log:      slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		o(p)
	}
	if p.ext == nil {
		e, err := NewExtractive()
		if err != nil {
			panic(fmt.Sprintf("summarize: %v", err))
		}
		p.ext = e
	}
	return p
}

// checkText validates an article text the same way for every front door.
func (p *Pipeline) checkText(text string) error {
	if !utf8.ValidString(text) {
		return &sangbad.Error{Kind: sangbad.Invalid, Code: "text_not_utf8", Message: "text must be valid UTF-8"}
	}
	if strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' }) == "" {
		return &sangbad.Error{Kind: sangbad.Invalid, Code: "text_required", Message: "text is required and must not be empty or only white space"}
	}
	if len(text) > p.maxChars { // cheap bound first: a code point is at least a byte
		if n := utf8.RuneCountInString(text); n > p.maxChars {
			return &sangbad.Error{Kind: sangbad.TooLarge, Code: "text_too_large",
				Message: fmt.Sprintf("text is %d characters long; the limit is %d", n, p.maxChars)}
		}
	}
	return nil
}

func checkOptions(o sangbad.Options) error {
	if err := checkLength(o.Length); err != nil {
		return err
	}
	switch o.LLM {
	case "", llmAuto, llmOff, llmRequired:
	default:
		return &sangbad.Error{Kind: sangbad.Invalid, Code: "llm_invalid", Message: fmt.Sprintf("llm must be auto, off or required, got %q", o.LLM)}
	}
	for _, l := range o.Languages {
		if !validCode(l) {
			return &sangbad.Error{Kind: sangbad.Invalid, Code: "language_invalid", Message: fmt.Sprintf("languages must be ISO 639-1 codes such as en or bn, got %q", l)}
		}
	}
	return nil
}

// validCode accepts two- or three-letter lower-case language codes ("en",
// "bn", "und").
func validCode(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func checkPublished(s string) (time.Time, error) {
	t, err := sangbad.ParseDate("published", s)
	if err != nil {
		var e *sangbad.Error
		if errors.As(err, &e) {
			e.Code = "published_invalid"
		}
		return time.Time{}, err
	}
	return t, nil
}

// Detect returns the language of text.
func (p *Pipeline) Detect(ctx context.Context, text string) (sangbad.Language, error) {
	if err := p.checkText(text); err != nil {
		return sangbad.Language{}, err
	}
	l, err := p.det.Detect(ctx, text)
	if err != nil {
		return sangbad.Language{}, fmt.Errorf("detect language: %w", err)
	}
	if l.Code == "" {
		l.Code = "und"
	}
	return l, nil
}

// Facts returns the language, sentences and facts of a; no summaries.
func (p *Pipeline) Facts(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error) {
	return p.Analyze(ctx, a, sangbad.Options{NoSummary: true, LLM: llmOff})
}

// Analyze runs the whole pipeline on a. Input problems are *sangbad.Error
// of kind Invalid or TooLarge; Options.LLM "required" without a backend is
// Unavailable. A summary that cannot be produced (another language without
// a backend) is reported inside its Summary.Error, not as an error.
func (p *Pipeline) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	return p.analyze(ctx, a, o, nil)
}

// StreamSummary is Analyze for streaming front doors: onDelta receives each
// piece of each summary's text as it is produced (an extractive summary
// arrives as one piece). onDelta may be called from several goroutines and
// never after StreamSummary returns.
func (p *Pipeline) StreamSummary(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error) {
	if onDelta == nil {
		onDelta = func(string, string) {}
	}
	return p.analyze(ctx, a, o, onDelta)
}

func (p *Pipeline) analyze(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error) {
	start := time.Now()
	published, err := p.checkInput(a, o)
	if err != nil {
		return nil, err
	}
	an, err := p.core(ctx, a, published)
	if err != nil {
		return nil, err
	}
	if err := p.llmFacts(ctx, a, o, an); err != nil {
		return nil, err
	}
	if !o.NoSummary {
		if err := p.summaries(ctx, a, o, an, onDelta, nil); err != nil {
			return nil, err
		}
		for _, s := range an.Summaries {
			if s.Usage != nil {
				addUsage(an, *s.Usage)
			}
		}
	}
	an.Took = float64(time.Since(start).Microseconds()) / 1000
	return an, nil
}

// checkInput validates an article and its options and returns the
// publication date.
func (p *Pipeline) checkInput(a sangbad.Article, o sangbad.Options) (time.Time, error) {
	if err := p.checkText(a.Text); err != nil {
		return time.Time{}, err
	}
	published, err := checkPublished(a.Published)
	if err != nil {
		return time.Time{}, err
	}
	if err := checkOptions(o); err != nil {
		return time.Time{}, err
	}
	if o.LLM == llmRequired && p.llm == nil && !o.NoSummary {
		return time.Time{}, &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_not_configured",
			Message: "llm is required but no LLM backend is configured: " + p.llmHint}
	}
	return published, nil
}

// core detects the language, extracts the facts and settles the published
// date.
func (p *Pipeline) core(ctx context.Context, a sangbad.Article, published time.Time) (*sangbad.Analysis, error) {
	l, err := p.det.Detect(ctx, a.Text)
	if err != nil {
		return nil, fmt.Errorf("detect language: %w", err)
	}
	if l.Code == "" {
		l.Code = "und"
	}
	fo := facts.Options{Published: published}
	if l.Code != "und" {
		fo.Language = l.Code
	}
	res, err := p.facts.Extract(ctx, a.Text, fo)
	if err != nil {
		return nil, fmt.Errorf("extract facts: %w", err)
	}
	an := &sangbad.Analysis{
		ID:        a.ID,
		Language:  l,
		Sentences: segment.Sentences(a.Text),
		Facts:     res.Facts,
		Summaries: map[string]sangbad.Summary{},
		Version:   p.version,
	}
	if an.Sentences == nil {
		an.Sentences = []sangbad.Span{}
	}
	fillEmpty(&an.Facts)
	switch {
	case a.Published != "":
		an.Published, an.PublishedSource = a.Published, "published"
	case res.ReferenceSource == "dateline" && !res.Reference.IsZero():
		an.Published, an.PublishedSource = res.Reference.Format(sangbad.DateLayout), "dateline"
	}
	for _, w := range res.Warnings {
		an.Warnings = appendUnique(an.Warnings, w)
	}
	if looksLikeHTML(a.Text) {
		an.Warnings = append(an.Warnings, "the text looks like HTML markup and was analysed as it is: send the visible text (the web page and `sangbad analyze FILE.html` convert HTML)")
	}
	if an.Published == "" && !slices.ContainsFunc(an.Warnings, func(w string) bool { return strings.Contains(w, "publication date") }) {
		an.Warnings = append(an.Warnings, "no publication date given and no dateline found: relative dates are left unresolved")
	}
	if l.Code == "und" {
		reason := l.Reason
		if reason == "" {
			reason = "the language could not be determined"
		}
		an.Warnings = appendUnique(an.Warnings, "language undetermined ("+reason+")")
	}
	return an, nil
}

func fillEmpty(f *sangbad.Facts) {
	if f.Amounts == nil {
		f.Amounts = []sangbad.Amount{}
	}
	if f.Dates == nil {
		f.Dates = []sangbad.Date{}
	}
	if f.Actors == nil {
		f.Actors = []sangbad.Actor{}
	}
	if f.Quotes == nil {
		f.Quotes = []sangbad.Quote{}
	}
}

func appendUnique(ws []string, w string) []string {
	if slices.Contains(ws, w) {
		return ws
	}
	return append(ws, w)
}

// targets returns the summary languages: the requested ones, lower-cased and
// without repeats, or the article's own.
func targets(o sangbad.Options, own string) []string {
	if len(o.Languages) == 0 {
		return []string{own}
	}
	var out []string
	for _, l := range o.Languages {
		l = strings.ToLower(strings.TrimSpace(l))
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	return out
}

// summaries fills an.Summaries for every target language. LLM summaries
// run concurrently (each is a remote call); the extractive one is
// computed once and shared. With a non-nil pending map and a
// BatchSummarizer, the LLM summaries that take one model call are not
// written: their requests go into pending (by language) for a provider
// batch, and FinishBatch completes them.
func (p *Pipeline) summaries(ctx context.Context, a sangbad.Article, o sangbad.Options, an *sangbad.Analysis, onDelta func(lang, delta string), pending map[string]sangbad.CompletionRequest) error {
	own := an.Language.Code
	length := o.Length
	if length == "" {
		length = sangbad.LengthStandard
	}
	// The extractive summary is made only when it is given (the article's
	// language without an LLM) or needed as the fallback of a failed LLM
	// summary: on the LLM path it would cost a fraction of a millisecond
	// for nothing.
	extractive := sync.OnceValue(func() *sangbad.Summary {
		if own == "und" {
			return nil
		}
		s := p.ext.Summarize(Document{Title: a.Title, Text: a.Text, Language: own, Sentences: an.Sentences, Facts: an.Facts}, length)
		return &s
	})
	useLLM := p.llm != nil && o.LLM != llmOff
	type result struct {
		lang    string
		s       sangbad.Summary
		warning string
		skip    bool
	}
	langs := targets(o, own)
	results := make([]result, len(langs))
	var wg sync.WaitGroup
	var mu sync.Mutex
	var fatal error
	for i, lang := range langs {
		results[i].lang = lang
		switch {
		case lang == "und":
			results[i].skip = true
			results[i].warning = "no summary: the article's language is undetermined"
		case useLLM:
			req := SummaryRequest{Article: a, Analysis: an, Language: lang, Length: length, BengaliDigits: o.BengaliDigits}
			if bs, ok := p.llm.(BatchSummarizer); ok && pending != nil {
				// A request that cannot be batched (an article over the
				// context budget, an invalid language) takes the
				// synchronous path below.
				if creq, ok, err := bs.PrepareSummary(req); err == nil && ok {
					pending[lang] = creq
					results[i].skip = true
					continue
				}
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				if onDelta != nil {
					req.OnDelta = func(d string) { onDelta(lang, d) }
				}
				s, err := p.llm.Summarize(ctx, req)
				out, warning, fellBack, ferr := p.llmOutcome(ctx, a, o, lang, own, length, extractive, s, err)
				if ferr != nil {
					mu.Lock()
					if fatal == nil {
						fatal = ferr
					}
					mu.Unlock()
					return
				}
				results[i].s, results[i].warning = out, warning
				if fellBack && onDelta != nil {
					onDelta(lang, out.Text)
				}
			}()
		case lang == own && extractive() != nil:
			results[i].s = *extractive()
			if onDelta != nil {
				onDelta(lang, results[i].s.Text)
			}
		case o.LLM == llmOff && p.llm != nil:
			results[i].s = sangbad.Summary{Language: lang, Length: length, Error: &sangbad.ErrorBody{Code: "llm_disabled",
				Message: fmt.Sprintf("a summary in %s needs the LLM backend, and llm is off for this request", lang)}}
		default:
			results[i].s = sangbad.Summary{Language: lang, Length: length, Error: &sangbad.ErrorBody{Code: "llm_not_configured",
				Message: fmt.Sprintf("a summary in %s needs an LLM backend, and none is configured: %s", lang, p.llmHint)}}
		}
	}
	wg.Wait()
	if fatal != nil {
		return fatal
	}
	for _, r := range results {
		if r.warning != "" {
			an.Warnings = appendUnique(an.Warnings, r.warning)
		}
		if !r.skip {
			an.Summaries[r.lang] = r.s
		}
	}
	return nil
}

// llmOutcome turns the outcome of an LLM summary in lang into what the
// analysis gets: the summary itself, or after a failure the extractive
// summary (the article's own language; fellBack is set) or a summary that
// carries the error, with a warning. fatal is set when the failure must
// fail the whole analysis (llm required, or canceled). The synchronous and
// the provider-batch paths share it.
func (p *Pipeline) llmOutcome(ctx context.Context, a sangbad.Article, o sangbad.Options, lang, own, length string, extractiveOf func() *sangbad.Summary, s sangbad.Summary, err error) (out sangbad.Summary, warning string, fellBack bool, fatal error) {
	if err == nil {
		if s.Language == "" {
			s.Language = lang
		}
		return s, "", false, nil
	}
	p.log.LogAttrs(ctx, slog.LevelWarn, "llm summary failed", slog.String("id", a.ID), slog.String("language", lang), slog.String("error", err.Error()))
	kind := sangbad.ErrorKind(err)
	if o.LLM == llmRequired || kind == sangbad.Canceled || ctx.Err() != nil {
		return sangbad.Summary{}, "", false, fmt.Errorf("summarize in %s: %w", lang, err)
	}
	if extractive := extractiveOf(); lang == own && extractive != nil {
		out = *extractive
		// What the failed LLM calls spent is still reported.
		out.Usage, out.Diagnostics = s.Usage, s.Diagnostics
		return out, fmt.Sprintf("LLM summary in %s failed (%s); the extractive summary is given instead", lang, sangbad.ErrorMessage(err)), true, nil
	}
	out = sangbad.Summary{Language: lang, Length: length, Method: sangbad.MethodLLM,
		Error: &sangbad.ErrorBody{Code: sangbad.ErrorCode(err), Message: sangbad.ErrorMessage(err)},
		Model: s.Model, Usage: s.Usage, Diagnostics: s.Diagnostics}
	return out, fmt.Sprintf("no summary in %s: %s", lang, sangbad.ErrorMessage(err)), false, nil
}

// SummarizeBudget returns the extractive summary of a within budget b,
// after detecting its language and extracting its facts (which steer the
// ranking), and the lead baseline under the same budget. The evaluator
// uses it to match a reference summary's length.
func (p *Pipeline) SummarizeBudget(ctx context.Context, a sangbad.Article, b Budget) (summary, lead sangbad.Summary, err error) {
	if err := p.checkText(a.Text); err != nil {
		return summary, lead, err
	}
	published, err := checkPublished(a.Published)
	if err != nil {
		return summary, lead, err
	}
	an, err := p.core(ctx, a, published)
	if err != nil {
		return summary, lead, err
	}
	d := Document{Title: a.Title, Text: a.Text, Language: an.Language.Code, Sentences: an.Sentences, Facts: an.Facts}
	return p.ext.SummarizeBudget(d, b), p.ext.Lead(d, b), nil
}

// looksLikeHTML reports a text that is an HTML document or fragment rather
// than the article's words: a document prologue, or many tags.
func looksLikeHTML(text string) bool {
	head := strings.ToLower(strings.TrimSpace(text[:min(len(text), 1024)]))
	if strings.HasPrefix(head, "<!doctype html") || strings.HasPrefix(head, "<html") {
		return true
	}
	tags := 0
	for _, t := range []string{"<p>", "<p ", "<div", "<br", "<span", "<a href", "</p>", "</div>"} {
		tags += strings.Count(text, t)
	}
	return tags >= 5
}
