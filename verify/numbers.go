package verify

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
)

// unit is what a number counts, for unit-aware matching.
type unit int

const (
	unitPlain   unit = iota // a count or measure, or a number of unknown kind
	unitMoney               // an amount of money in currency
	unitPercent             // a percentage
)

// numFact is a number of a text with what is known about it.
type numFact struct {
	span     sangbad.Span
	value    float64
	unit     unit
	currency string
	year     bool
	// date is set for the day or year of a date expression, which the
	// date check covers.
	date   bool
	approx bool
	// qualifier is the amount's "more_than", "less_than", "up_to" or
	// "at_least".
	qualifier string
}

// Tolerances. A value matches a source value within relTolerance (so
// "$0.84 billion" is $840 million and rounding in the last place passes);
// a text that says "about" and whose precision is unknown (number words,
// compound amounts) gets approxTolerance.
const (
	relTolerance    = 0.005
	approxTolerance = 0.05
)

// classify merges the numbers of a text with its amounts: an amount tells
// a number's currency or that it is a percentage, and supplies numbers the
// number scanner missed. withMax adds the upper ends of ranges as numbers
// of their own (for a source: either end may be quoted).
func classify(nums []facts.Number, amounts []sangbad.Amount, withMax bool) []numFact {
	out := make([]numFact, 0, len(nums)+len(amounts))
	covered := make([]bool, len(amounts))
	for _, n := range nums {
		f := numFact{span: n.Span, value: n.Value, currency: n.Currency, year: n.Year, date: n.Date, approx: n.Approximate}
		switch {
		case n.Currency != "":
			f.unit = unitMoney
		case n.Percent:
			f.unit = unitPercent
		}
		for i, a := range amounts {
			if !overlaps(n.Span, a.Span) {
				continue
			}
			covered[i] = true
			if a.Approximate {
				f.approx = true
			}
			if a.Qualifier != "" {
				f.qualifier = a.Qualifier
			}
			if !near(n.Value, a.Value, 1e-9) && (a.ValueMax == nil || !near(n.Value, *a.ValueMax, 1e-9)) {
				continue
			}
			switch a.Kind {
			case sangbad.AmountMoney:
				if f.unit == unitPlain && a.Currency != "" {
					f.unit, f.currency = unitMoney, a.Currency
				}
			case sangbad.AmountPercent:
				if f.unit == unitPlain {
					f.unit = unitPercent
				}
			}
			f.year = false
		}
		out = append(out, f)
		if n.ValueMax != 0 && n.ValueMax != n.Value {
			// both ends of a range must be supported ("3-4 months")
			g := f
			g.value = n.ValueMax
			out = append(out, g)
		}
	}
	for i, a := range amounts {
		if covered[i] {
			continue
		}
		f := numFact{span: a.Span, value: a.Value, approx: a.Approximate, qualifier: a.Qualifier}
		if a.Number != nil {
			f.span = *a.Number
		}
		switch a.Kind {
		case sangbad.AmountMoney:
			if a.Currency != "" {
				f.unit, f.currency = unitMoney, a.Currency
			}
		case sangbad.AmountPercent:
			f.unit = unitPercent
		}
		out = append(out, f)
		if a.ValueMax != nil {
			g := f
			g.value = *a.ValueMax
			if withMax || g.value != f.value {
				out = append(out, g)
			}
		}
	}
	return out
}

// numbers checks every number of the text.
func (c *check) numbers() {
	text := c.ix.String()
	nums := classify(c.v.numbers(text), c.txt.Facts.Amounts, false)
	var skip []sangbad.Span // dates and names are checked as such
	for _, d := range c.txt.Facts.Dates {
		skip = append(skip, d.Span)
	}
	var names []sangbad.Span
	for _, a := range c.txt.Facts.Actors {
		for _, m := range a.Mentions {
			names = append(names, m.Span)
			if m.Surface != nil {
				names = append(names, *m.Surface)
			}
		}
	}
	for _, n := range nums {
		if overlapsAny(n.span, skip) || insideAny(n.span, names) || isArticle(n) || (n.date && !n.year) {
			continue
		}
		if n.year && n.unit == unitPlain {
			c.counts.Dates++
			if !c.src.years[int(n.value)] {
				c.add(sangbad.IssueDate, n.span.Start, n.span.End,
					fmt.Sprintf("year %s not in source; %s", formatValue(n.value), c.src.dateList()))
			}
			continue
		}
		c.counts.Numbers++
		if c.src.supports(n) {
			continue
		}
		c.add(sangbad.IssueNumber, n.span.Start, n.span.End, c.src.numberMessage(n))
	}
}

// isArticle reports a 1 written as a word: "a", "one of", "একটি" are
// articles far more often than counts.
func isArticle(n numFact) bool {
	if n.value != 1 || n.unit != unitPlain {
		return false
	}
	for _, r := range n.span.Text {
		if unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// supports reports whether a source number supports n.
func (s *Source) supports(n numFact) bool {
	for _, m := range s.nums {
		if compatible(n, m) && (valueMatch(n, m.value) || boundMatch(n, m.value)) {
			return true
		}
	}
	return false
}

// compatible reports whether source number m may support text number n:
// money needs money in the same currency, a percentage a percentage; a
// plain number in the text may restate any source number ("840 million"
// for "$840 million").
func compatible(n, m numFact) bool {
	switch n.unit {
	case unitMoney:
		return m.unit == unitMoney && m.currency == n.currency
	case unitPercent:
		return m.unit == unitPercent
	}
	return true
}

// valueMatch reports whether text number n restates source value src:
// exactly, within relTolerance, or rounded to the precision the text
// writes ("1.2 million" for 1,234,567; "১৩ কোটি" for 125 million), which
// needs two significant digits ("$6 billion" does not pass for $6.4
// billion) unless the text says "about" ("about $6 billion", "about 70
// million" for 67 million, where trailing zeros are not significant).
// Small integers ("five months", "19 people") must be exact.
func valueMatch(n numFact, src float64) bool {
	v := n.value
	if v == src {
		return true
	}
	p := precisionOf(n)
	if n.approx {
		if !p.known {
			return near(v, src, approxTolerance)
		}
		step := p.scale * math.Pow(10, -float64(p.decimals))
		if p.decimals == 0 {
			step *= math.Pow(10, float64(p.trailing))
		}
		if math.Abs(v-src) <= step/2*(1+1e-9) {
			return true
		}
	}
	if isInteger(v) && math.Abs(v) < 1000 && p.scale <= 1 && p.decimals == 0 {
		return false
	}
	if near(v, src, relTolerance) {
		return true
	}
	if p.known && p.sig >= 2 && (p.scale >= 1000 || p.decimals > 0) {
		step := p.scale * math.Pow(10, -float64(p.decimals))
		return math.Abs(v-src) <= step/2*(1+1e-9)
	}
	return false
}

// boundTolerance is how far a bound may be from the value it bounds: "more
// than 80%" states 83% fairly, "more than 10%" would not.
const boundTolerance = 0.25

// boundMatch reports whether a text bound ("more than 80%", "up to 100")
// truthfully and closely states source value src.
func boundMatch(n numFact, src float64) bool {
	v := math.Abs(n.value)
	s := math.Abs(src)
	switch n.qualifier {
	case "more_than":
		return s > v && s <= v*(1+boundTolerance)
	case "at_least":
		return s >= v && s <= v*(1+boundTolerance)
	case "less_than":
		return s < v && s >= v*(1-boundTolerance)
	case "up_to":
		return s <= v && s >= v*(1-boundTolerance)
	}
	return false
}

// precision describes how a number was written: its mantissa's decimals
// and significant digits and the scale word's factor ("1.25 million":
// decimals 2, sig 3, scale 1e6).
type precision struct {
	known    bool
	decimals int
	sig      int
	trailing int // trailing zeros of a whole mantissa ("70" has 1)
	scale    float64
}

// precisionOf reads the first run of digits (ASCII or Bengali) in the
// number's text. It is unknown when the digits do not explain the value
// by a power of ten (compound amounts like "১২ কোটি ৫০ লাখ", words).
func precisionOf(n numFact) precision {
	var digits strings.Builder
	dot := -1
	started := false
scan:
	for _, r := range n.span.Text {
		d, ok := digitValue(r)
		switch {
		case ok:
			started = true
			digits.WriteByte(byte('0' + d))
		case started && r == ',':
		case started && r == '.' && dot < 0:
			dot = digits.Len()
		case started:
			break scan
		}
	}
	ds := digits.String()
	if ds == "" {
		return precision{}
	}
	p := precision{}
	intPart, frac := ds, ""
	if dot >= 0 && dot < len(ds) {
		intPart, frac = ds[:dot], ds[dot:]
	}
	m, err := strconv.ParseFloat(intPart+"."+frac+"0", 64)
	if err != nil || m == 0 {
		return precision{}
	}
	ratio := math.Abs(n.value) / m
	k := math.Round(math.Log10(ratio))
	if k < 0 || math.Abs(ratio-math.Pow(10, k)) > 1e-6*ratio {
		return precision{}
	}
	p.known = true
	p.decimals = len(frac)
	p.scale = math.Pow(10, k)
	p.sig = len(strings.TrimLeft(intPart+frac, "0"))
	if frac == "" {
		p.trailing = len(intPart) - len(strings.TrimRight(intPart, "0"))
	}
	return p
}

// digitValue returns the value of an ASCII or Bengali digit.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r >= '০' && r <= '৯':
		return int(r - '০'), true
	}
	return 0, false
}

// numberMessage explains why n is not supported, naming the nearest
// source number a reader should compare it with.
func (s *Source) numberMessage(n numFact) string {
	what := describe(n)
	var best *numFact
	bestD := math.Inf(1)
	for pass := 0; pass < 2 && best == nil; pass++ {
		for i, m := range s.nums {
			if m.year || (pass == 0 && !compatible(n, m)) {
				continue
			}
			if d := relDiff(n.value, m.value); d < bestD {
				best, bestD = &s.nums[i], d
			}
		}
	}
	if best == nil {
		return what + " not in source; the source has no numbers"
	}
	msg := what + " not in source"
	if !compatible(n, *best) && valueMatch(n, best.value) {
		msg = what + " not in source as " + unitName(n)
	}
	return fmt.Sprintf("%s; nearest: %s (%s)", msg, best.span.Text, describeValue(*best))
}

func unitName(n numFact) string {
	switch n.unit {
	case unitMoney:
		return "money in " + n.currency
	case unitPercent:
		return "a percentage"
	}
	return "a number"
}

// describe names a number with its kind: "amount 850000000 USD".
func describe(n numFact) string {
	switch n.unit {
	case unitMoney:
		return "amount " + describeValue(n)
	case unitPercent:
		return "percentage " + describeValue(n)
	}
	return "number " + describeValue(n)
}

func describeValue(n numFact) string {
	switch n.unit {
	case unitMoney:
		return formatValue(n.value) + " " + n.currency
	case unitPercent:
		return formatValue(n.value) + "%"
	}
	return formatValue(n.value)
}

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func near(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(math.Abs(a), math.Abs(b))
}

func relDiff(a, b float64) float64 {
	d := math.Max(math.Abs(a), math.Abs(b))
	if d == 0 {
		return 0
	}
	return math.Abs(a-b) / d
}

func isInteger(v float64) bool { return v == math.Trunc(v) && !math.IsInf(v, 0) }

func overlaps(a, b sangbad.Span) bool { return a.Start < b.End && b.Start < a.End }

func overlapsAny(a sangbad.Span, bs []sangbad.Span) bool {
	for _, b := range bs {
		if overlaps(a, b) {
			return true
		}
	}
	return false
}

func insideAny(a sangbad.Span, bs []sangbad.Span) bool {
	for _, b := range bs {
		if a.Start >= b.Start && a.End <= b.End && a.End > a.Start {
			return true
		}
	}
	return false
}
