package verify

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
)

// Source is a source article made ready for verification: its facts, its
// numbers and its words. It is read-only once built and safe to share
// between goroutines.
type Source struct {
	text  string
	facts facts.Result
	// ref is the reference date for relative dates in the texts checked
	// against this source: the caller's publication date, else the
	// source's dateline.
	ref  time.Time
	nums []numFact
	// years are the calendar years the source mentions (dates and numbers
	// flagged as years).
	years map[int]bool
	// names are the source's actor names, aliases and mention texts.
	names []string
	// words are the folded word tokens of the source, in order, built on
	// first use (texts without names never need them).
	wordsOnce sync.Once
	words     []string

	acrOnce sync.Once
	acr     map[string]bool
	caps    map[string]bool

	actorKeysOnce sync.Once
	nameKeys      map[string]bool // keys of the actor names

	keysOnce sync.Once
	keys     []string // nameKey of each word
}

// Prepare extracts the source's facts (unless sf is given) and indexes its
// numbers and words, for one or many Verify calls (Request.Prepared).
func (v *Verifier) Prepare(ctx context.Context, source string, published time.Time, sf *facts.Result) (*Source, error) {
	if strings.TrimSpace(source) == "" {
		return nil, sangbad.Errorf(sangbad.Invalid, "source is required")
	}
	if !utf8.ValidString(source) {
		return nil, sangbad.Errorf(sangbad.Invalid, "source must be valid UTF-8")
	}
	if sf == nil {
		r, err := v.ext.Extract(ctx, source, facts.Options{Published: published})
		if err != nil {
			return nil, fmt.Errorf("extract source facts: %w", err)
		}
		sf = &r
	}
	s := &Source{text: source, facts: *sf, ref: published, years: map[int]bool{}}
	if s.ref.IsZero() {
		s.ref = sf.Reference
	}
	s.nums = classify(v.numbers(source), sf.Facts.Amounts, true)
	for _, n := range s.nums {
		if n.year || (n.unit == unitPlain && isInteger(n.value) && n.value >= 1900 && n.value <= 2100) {
			s.years[int(n.value)] = true
		}
	}
	for _, d := range sf.Facts.Dates {
		if y, ok := yearOf(d.Value); ok {
			s.years[y] = true
		}
	}
	seen := map[string]bool{"": true}
	addName := func(n string) {
		if !seen[n] {
			seen[n] = true
			s.names = append(s.names, n)
		}
	}
	for _, a := range sf.Facts.Actors {
		addName(a.Name)
		for _, n := range a.Aliases {
			addName(n)
		}
		for _, m := range a.Mentions {
			if m.IsRole() {
				continue
			}
			addName(m.Text)
		}
	}
	return s, nil
}

// Reference returns the date relative dates are resolved against, zero
// when the source has none.
func (s *Source) Reference() time.Time { return s.ref }

// Facts returns the source's facts.
func (s *Source) Facts() facts.Result { return s.facts }

// foldedWords returns the source's folded words.
func (s *Source) foldedWords() []string {
	s.wordsOnce.Do(func() {
		folded := foldText(s.text)
		for _, w := range segment.Words(folded) {
			s.words = append(s.words, trimPossessive(w.Text))
		}
	})
	return s.words
}

// actorKeys returns the cross-script keys of the source's actor names,
// computed on first use.
func (s *Source) actorKeys(nameKey func(string) string) map[string]bool {
	s.actorKeysOnce.Do(func() {
		s.nameKeys = make(map[string]bool, len(s.names))
		for _, n := range s.names {
			if k := nameKey(n); k != "" {
				s.nameKeys[k] = true
			}
		}
	})
	return s.nameKeys
}

// wordKeys returns the cross-script key of every source word, computed on
// first use: most texts never need them because their names occur
// literally in the source or are source actors.
func (s *Source) wordKeys(nameKey func(string) string) []string {
	s.keysOnce.Do(func() {
		words := s.foldedWords()
		s.keys = make([]string, len(words))
		memo := make(map[string]string, len(words)/2)
		for i, w := range words {
			k, ok := memo[w]
			if !ok {
				k = nameKey(w)
				memo[w] = k
			}
			s.keys[i] = k
		}
	})
	return s.keys
}

// yearOf returns the year of an ISO date value ("2023-12-12" -> 2023).
func yearOf(v string) (int, bool) {
	if len(v) < 4 {
		return 0, false
	}
	y := 0
	for _, r := range v[:4] {
		if r < '0' || r > '9' {
			return 0, false
		}
		y = y*10 + int(r-'0')
	}
	if len(v) > 4 && v[4] != '-' {
		return 0, false
	}
	return y, true
}
