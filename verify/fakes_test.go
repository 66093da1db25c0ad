package verify

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
)

// fakeDetector answers with a fixed language, or by calling fn.
type fakeDetector struct {
	fn func(text string) sangbad.Language
}

func (d fakeDetector) Detect(_ context.Context, text string) (sangbad.Language, error) {
	return d.fn(text), nil
}

// scriptDetector is a fake Detector that says "bn" for Bengali-script
// majority texts and "en" otherwise, confidently.
func scriptDetector() fakeDetector {
	return fakeDetector{fn: func(text string) sangbad.Language {
		_, share := scriptShare(text, scriptOf("bn"))
		if share > 0.5 {
			return sangbad.Language{Code: "bn", Name: "Bengali", Confidence: 0.99}
		}
		return sangbad.Language{Code: "en", Name: "English", Confidence: 0.99}
	}}
}

// fakeFacts is a hand-written extractor: the facts of each known text are
// given by the test, located by substring so that offsets are real.
type fakeFacts struct {
	mu      sync.Mutex
	results map[string]facts.Result
	numbers map[string][]facts.Number
	calls   map[string]int
}

func newFakeFacts() *fakeFacts {
	return &fakeFacts{results: map[string]facts.Result{}, numbers: map[string][]facts.Number{}, calls: map[string]int{}}
}

func (f *fakeFacts) Extract(_ context.Context, text string, opts facts.Options) (facts.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[text]++
	r := f.results[text]
	if !opts.Published.IsZero() {
		r.Reference = opts.Published
		r.ReferenceSource = "published"
	}
	return r, nil
}

func (f *fakeFacts) Numbers(text string) []facts.Number { return f.numbers[text] }

// fact builders: each names a substring of the text (the nth occurrence
// with "sub#n") and what the extractor would say about it.
type (
	fnum struct {
		sub      string
		value    float64
		currency string
		percent  bool
		year     bool
		approx   bool   // as an amount with Approximate
		qual     string // as an amount with this Qualifier
	}
	fdate struct {
		sub, value string
		relative   bool
	}
	factor struct {
		name    string
		subs    []string
		aliases []string
	}
)

// spanOf locates sub ("text#2" = second occurrence) in s as code points.
func spanOf(t testing.TB, s, sub string) sangbad.Span {
	t.Helper()
	nth := 1
	if i := strings.LastIndex(sub, "#"); i > 0 {
		fmt.Sscanf(sub[i+1:], "%d", &nth)
		sub = sub[:i]
	}
	off := 0
	for k := 0; k < nth; k++ {
		i := strings.Index(s[off:], sub)
		if i < 0 {
			t.Fatalf("%q (occurrence %d) not in text %q", sub, nth, s)
		}
		off += i
		if k < nth-1 {
			off += len(sub)
		}
	}
	start := utf8.RuneCountInString(s[:off])
	return sangbad.Span{Text: sub, Start: start, End: start + utf8.RuneCountInString(sub)}
}

// add registers the facts of text.
func (f *fakeFacts) add(t testing.TB, text string, nums []fnum, dates []fdate, actors []factor) {
	t.Helper()
	var r facts.Result
	var ns []facts.Number
	for _, n := range nums {
		sp := spanOf(t, text, n.sub)
		ns = append(ns, facts.Number{Span: sp, Value: n.value, Currency: n.currency, Percent: n.percent, Year: n.year})
		if n.approx || n.qual != "" {
			kind := sangbad.AmountQuantity
			if n.percent {
				kind = sangbad.AmountPercent
			}
			r.Facts.Amounts = append(r.Facts.Amounts, sangbad.Amount{Span: sp, Kind: kind, Value: n.value, Approximate: n.approx, Qualifier: n.qual})
		}
	}
	for _, d := range dates {
		g := sangbad.GranularityDay
		switch len(d.value) {
		case 4:
			g = sangbad.GranularityYear
		case 7:
			g = sangbad.GranularityMonth
		}
		r.Facts.Dates = append(r.Facts.Dates, sangbad.Date{Span: spanOf(t, text, d.sub), Value: d.value, Granularity: g, Relative: d.relative, Reference: ifRel(d.relative, "2023-12-12")})
	}
	for i, a := range actors {
		act := sangbad.Actor{ID: fmt.Sprintf("a%d", i+1), Name: a.name, Aliases: a.aliases}
		for _, s := range a.subs {
			act.Mentions = append(act.Mentions, sangbad.Mention{Span: spanOf(t, text, s)})
		}
		r.Facts.Actors = append(r.Facts.Actors, act)
	}
	f.results[text] = r
	f.numbers[text] = ns
}

func ifRel(rel bool, ref string) string {
	if rel {
		return ref
	}
	return ""
}

// fakeKey is a miniature cross-script name key for the names of the seed
// article: enough to exercise the cross-script paths without package facts.
func fakeKey(name string) string {
	table := map[string]string{
		"টিকটক": "tiktok", "টোকোপিডিয়া": "tokopedia", "জুলকিফলি": "zulkifli", "হাসান": "hasan",
		"ইন্দোনেশিয়া": "indonesia", "শোপি": "shopee", "লাজাদা": "lazada", "আলিবাবা": "alibaba",
		"জাকার্তা": "jakarta", "জেফারিজ": "jefferies", "গোটু": "goto", "চীন": "china",
	}
	var out []string
	for _, w := range strings.Fields(strings.ToLower(norm.NFC.String(name))) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		k := w
		for bn, lat := range table {
			bn = norm.NFC.String(bn)
			if w == bn || (strings.HasPrefix(w, bn) && isBengaliSuffix(w[len(bn):])) {
				k = lat
			}
		}
		out = append(out, k)
	}
	return strings.Join(out, " ")
}

// newFakeVerifier returns a Verifier over f with the fake name key.
func newFakeVerifier(f *fakeFacts, det Detector) *Verifier {
	v := New(f, det)
	v.numbers = f.Numbers
	v.nameKey = fakeKey
	v.sameName = func(a, b string) bool { return fakeKey(a) == fakeKey(b) }
	return v
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
