// Package verify checks a generated text (an LLM summary or translation, or
// an editor's copy) against its source article: every number, amount,
// percentage, date and name in the text must be supported by the source,
// across scripts and languages ("$840 million" = "৮৪ কোটি ডলার",
// "Tokopedia" = "টোকোপিডিয়া", "Tuesday" = "১২ ডিসেম্বর" when the source's
// Tuesday is 2023-12-12), and the text must be in the requested language.
//
// It needs no LLM: facts are found with the rules of package facts, and the
// checks lean towards an editor's judgement: legitimate rephrasing (another
// script, another scale word, rounding to the precision written) passes,
// while a number, date or name that the source does not support is an issue.
package verify

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
)

// Extractor finds the facts of a text. *facts.Extractor satisfies it.
type Extractor interface {
	Extract(ctx context.Context, text string, opts facts.Options) (facts.Result, error)
}

// Detector detects the language of a text. The lang package satisfies it.
type Detector interface {
	Detect(ctx context.Context, text string) (sangbad.Language, error)
}

// Verifier checks generated texts against their sources. It is safe for
// concurrent use; build it once.
type Verifier struct {
	ext Extractor
	det Detector

	// The facts package functions, held as fields so that tests inside the
	// package can exercise the matching logic with hand-made facts.
	numbers  func(string) []facts.Number
	nameKey  func(string) string
	sameName func(a, b string) bool
	// spelling confirms a match by key word for word, vowels included
	// ("Hasina" and "Hasan" share a key, not a spelling)
	spelling func(a, b string) bool
}

// New returns a Verifier that finds facts with ext and detects languages
// with det. A nil det limits the language check to the writing system.
func New(ext Extractor, det Detector) *Verifier {
	return &Verifier{
		ext:      ext,
		det:      det,
		numbers:  facts.Numbers,
		nameKey:  facts.NameKey,
		sameName: facts.SameName,
		spelling: facts.SpellingNear,
	}
}

// Request is one text to verify against its source.
type Request struct {
	// Source is the article the text was generated from.
	Source string
	// Text is the generated text to check. Issue offsets point into it.
	Text string
	// Published is the reference date for relative dates ("Tuesday") in
	// both texts; zero means the source's dateline, if any.
	Published time.Time
	// Language is the expected ISO 639-1 language of Text; "" skips the
	// language check.
	Language string
	// SourceFacts are the source's facts when the caller already has them
	// (they must have been extracted with the same Published); nil means
	// extract them.
	SourceFacts *facts.Result
	// Prepared is the source made ready by Prepare; when set, Source,
	// Published and SourceFacts are ignored. Use it to check many texts (the
	// chunks of a translation, repair rounds) against one source.
	Prepared *Source
}

// Counts are how many facts of the text were checked.
type Counts struct {
	Numbers int `json:"numbers"`
	Dates   int `json:"dates"`
	Names   int `json:"names"`
}

// Result is the verdict on one text.
type Result struct {
	// Verified is set when no issue was found.
	Verified bool            `json:"verified"`
	Issues   []sangbad.Issue `json:"issues"`
	Checked  Counts          `json:"checked"`
	// Language is the detected language of the text, when it was checked
	// with a Detector.
	Language *sangbad.Language `json:"language,omitempty"`
	// Reference is the date relative dates were resolved against
	// (YYYY-MM-DD), "" when there was none.
	Reference string `json:"reference,omitempty"`
}

// Verify checks req.Text against req.Source. Problems in the text are
// issues in the result, not errors; errors are for bad requests (kind
// Invalid), cancellation and extractor failures.
func (v *Verifier) Verify(ctx context.Context, req Request) (Result, error) {
	if req.Text == "" {
		return Result{}, sangbad.Errorf(sangbad.Invalid, "text is required")
	}
	if !utf8.ValidString(req.Text) {
		return Result{}, sangbad.Errorf(sangbad.Invalid, "text must be valid UTF-8")
	}
	src := req.Prepared
	if src == nil {
		var err error
		src, err = v.Prepare(ctx, req.Source, req.Published, req.SourceFacts)
		if err != nil {
			return Result{}, err
		}
	}
	// The text's language is left to the extractor (by script): the
	// expected language may be exactly what is wrong with the text.
	tf, err := v.ext.Extract(ctx, req.Text, facts.Options{Published: src.ref})
	if err != nil {
		return Result{}, fmt.Errorf("extract text facts: %w", err)
	}
	c := &check{
		v:   v,
		src: src,
		ix:  segment.NewIndex(req.Text),
		txt: tf,
	}
	c.numbers()
	c.dates()
	c.names()
	if req.Language != "" {
		if err := c.language(ctx, req.Language); err != nil {
			return Result{}, err
		}
	}
	res := Result{
		Verified: len(c.issues) == 0,
		Issues:   c.sortedIssues(),
		Checked:  c.counts,
		Language: c.lang,
	}
	if !src.ref.IsZero() {
		res.Reference = src.ref.Format(sangbad.DateLayout)
	}
	return res, nil
}

// check is the state of one verification.
type check struct {
	v      *Verifier
	src    *Source
	ix     *segment.Index
	txt    facts.Result
	issues []sangbad.Issue
	counts Counts
	lang   *sangbad.Language
}

// add records an issue on the code-point range [start,end) of the text,
// clamped to the text so that offsets are always valid.
func (c *check) add(kind string, start, end int, msg string) {
	n := c.ix.Len()
	start = max(0, min(start, n))
	end = max(start, min(end, n))
	for _, is := range c.issues {
		if is.Kind == kind && is.Start == start && is.End == end {
			return
		}
	}
	c.issues = append(c.issues, sangbad.Issue{
		Kind:    kind,
		Text:    c.ix.Slice(start, end),
		Start:   start,
		End:     end,
		Message: msg,
	})
}
