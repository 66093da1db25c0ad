package facts

import (
	"cmp"
	"slices"

	"github.com/sangbad/sangbad"
)

// Number is a number written in a text, in any script or in words, with
// its normalised value ("$840 মিলিয়ন" -> 840000000, Currency "USD";
// "৮৪ কোটি" -> 840000000; "৯০%" -> 90, Percent).
type Number struct {
	sangbad.Span
	Value    float64
	Currency string // ISO 4217 when the number is money
	Percent  bool
	// Year is set when the number is most likely a year ("2030 সালের").
	Year bool
	// Date is set for a number inside a date expression (the day of "12
	// December", the year of "December 2006"); Year is set too for years.
	Date bool
	// ValueMax is the upper end of a range ("3-4 মাস"), else 0.
	ValueMax float64
	// Approximate is set for "about", "প্রায়".
	Approximate bool
	// Unit is the counted noun of a quantity ("users", "মাস").
	Unit string
}

// Numbers returns every number in text, for the verifier: amounts with
// their money and percent flags, other numbers written in digits, and the
// days and years of dates. Number words count only where the extractor
// would take them (তিনি, নয় "is not", একটি "a" are no numbers); times,
// ordinals, phone numbers and parts of names (COVID-19) are left out.
func Numbers(text string) []Number {
	d := &doc{text: text, lang: scriptLanguage(text)}
	a, hits := newAmountScanner(d)
	toks := a.toks
	var out []Number
	// numbers inside dates
	for _, h := range hits {
		for _, k := range []int{h.dayTok, h.yearTok} {
			if k < 0 || k >= len(toks) {
				continue
			}
			v, ok := digitValue(&toks[k])
			if !ok {
				continue
			}
			t := &toks[k]
			out = append(out, Number{
				Span:  sangbad.Span{Text: t.text, Start: t.rs, End: t.re},
				Value: v, Date: true, Year: k == h.yearTok,
			})
		}
	}
	for _, m := range a.scan(true) {
		n := Number{
			Span:        sangbad.Span{Text: text[toks[m.ni].b:toks[m.nj-1].e], Start: toks[m.ni].rs, End: toks[m.nj-1].re},
			Value:       m.value,
			Currency:    m.currency,
			Percent:     m.kind == sangbad.AmountPercent,
			Approximate: m.approx,
			Unit:        m.unit,
		}
		if m.hasMax {
			n.ValueMax = m.valueMax
		}
		out = append(out, n)
	}
	sortNumbers(out)
	return out
}

func sortNumbers(ns []Number) {
	slices.SortStableFunc(ns, func(a, b Number) int { return cmp.Compare(a.Start, b.Start) })
}
