// Package facts extracts structured facts from English and Bengali news
// text with rules: amounts (money, percentages, quantities), dates, actors
// (people, organisations, places) with roles and mentions, and quotes with
// their speakers. Every fact carries code-point offsets into the input.
package facts

import (
	"context"
	"time"
	"unicode"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// Options tune one extraction.
type Options struct {
	// Published is the publication date used to resolve relative dates;
	// zero means "look for a dateline, else leave relative dates unresolved".
	Published time.Time
	// Language is the article's ISO 639-1 code if known ("en", "bn"); empty
	// means decide from the script.
	Language string
}

// Result is what Extract returns.
type Result struct {
	Facts sangbad.Facts
	// Reference is the date relative expressions were resolved against
	// (zero when none), and ReferenceSource "published" or "dateline".
	Reference       time.Time
	ReferenceSource string
	Warnings        []string
}

// Extractor extracts facts. It is safe for concurrent use; build it once.
type Extractor struct {
	gaz *gazetteer
}

// New returns an Extractor with the embedded gazetteers loaded.
func New() *Extractor {
	return &Extractor{gaz: loadGazetteer()}
}

// doc is one text prepared for the extractors.
type doc struct {
	text      string
	ix        *segment.Index
	sentences []sangbad.Span
	lang      string // "bn", "en", or another code

	// lazily filled caches: each extractor reads the same tokens and the
	// amounts need the date expressions, so each is computed once.
	numToks  []ntok
	numDone  bool
	dates    *dateScanner
	dateHits []dateHit
	words    []tok
	wordDone bool
}

// ntoks returns the number tokens of the text (numTokenize), computed once.
// Callers must not modify them.
func (d *doc) ntoks() []ntok {
	if !d.numDone {
		d.numToks, d.numDone = numTokenize(d.text), true
	}
	return d.numToks
}

// dateScan returns the date scanner over ntoks and its hits, computed once.
func (d *doc) dateScan() (*dateScanner, []dateHit) {
	if d.dates == nil {
		d.dates, d.dateHits = scanDates(d, d.ntoks())
	}
	return d.dates, d.dateHits
}

// tokens returns the word tokens of the text (tokenize), computed once.
// Callers must not modify them.
func (d *doc) tokens() []tok {
	if !d.wordDone {
		d.words, d.wordDone = tokenize(d.text, d.sentences), true
	}
	return d.words
}

func newDoc(text, lang string) *doc {
	d := &doc{text: text, ix: segment.NewIndex(text), sentences: segment.Sentences(text), lang: lang}
	if d.lang == "" {
		d.lang = scriptLanguage(text)
	}
	return d
}

// scriptLanguage guesses bn or en from the letters of text.
func scriptLanguage(text string) string {
	var bn, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Bengali, r):
			bn++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if bn > latin {
		return "bn"
	}
	return "en"
}

// Extract returns the facts of text.
func (e *Extractor) Extract(ctx context.Context, text string, opts Options) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	d := newDoc(text, opts.Language)
	var res Result
	res.Reference, res.ReferenceSource = referenceDate(d, opts.Published)
	if res.Reference.IsZero() {
		w := "no publication date given and no dateline found: relative dates are left unresolved"
		if yearlessDateline(d) {
			w = "no publication date given and the dateline has no year: relative dates are left unresolved (pass the publication date)"
		}
		res.Warnings = append(res.Warnings, w)
	}
	res.Facts.Amounts = extractAmounts(d)
	res.Facts.Dates = extractDates(d, res.Reference, res.ReferenceSource)
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	res.Facts.Actors = e.extractActors(d)
	res.Facts.Quotes = extractQuotes(d, res.Facts.Actors, e.gaz.w)
	if res.Facts.Amounts == nil {
		res.Facts.Amounts = []sangbad.Amount{}
	}
	if res.Facts.Dates == nil {
		res.Facts.Dates = []sangbad.Date{}
	}
	if res.Facts.Actors == nil {
		res.Facts.Actors = []sangbad.Actor{}
	}
	if res.Facts.Quotes == nil {
		res.Facts.Quotes = []sangbad.Quote{}
	}
	return res, nil
}
