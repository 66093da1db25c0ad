package translate

import (
	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
)

// sliceFacts returns the facts of the source that lie inside the code-point
// range [start,end), with offsets made relative to start: the facts of one
// chunk, taken from the extraction of the whole article (which sees the
// dateline, and names in full) instead of extracting each chunk again.
// Actors keep the mentions inside the range and are dropped without one.
func sliceFacts(r facts.Result, start, end int) facts.Result {
	in := func(s sangbad.Span) bool { return s.Start >= start && s.End <= end }
	shift := func(s sangbad.Span) sangbad.Span { s.Start -= start; s.End -= start; return s }
	shiftPtr := func(s *sangbad.Span) *sangbad.Span {
		if s == nil {
			return nil
		}
		c := shift(*s)
		return &c
	}
	out := facts.Result{Reference: r.Reference, ReferenceSource: r.ReferenceSource}
	out.Facts.Amounts = []sangbad.Amount{}
	for _, a := range r.Facts.Amounts {
		if in(a.Span) {
			a.Span = shift(a.Span)
			a.Number = shiftPtr(a.Number)
			out.Facts.Amounts = append(out.Facts.Amounts, a)
		}
	}
	out.Facts.Dates = []sangbad.Date{}
	for _, d := range r.Facts.Dates {
		if in(d.Span) {
			d.Span = shift(d.Span)
			out.Facts.Dates = append(out.Facts.Dates, d)
		}
	}
	out.Facts.Actors = []sangbad.Actor{}
	for _, a := range r.Facts.Actors {
		var ms []sangbad.Mention
		for _, m := range a.Mentions {
			if in(m.Span) {
				ms = append(ms, sangbad.Mention{Span: shift(m.Span), Surface: shiftPtr(m.Surface), Kind: m.Kind})
			}
		}
		if len(ms) == 0 {
			continue
		}
		a.Mentions = ms
		out.Facts.Actors = append(out.Facts.Actors, a)
	}
	out.Facts.Quotes = []sangbad.Quote{}
	for _, q := range r.Facts.Quotes {
		if in(q.Span) {
			q.Span = shift(q.Span)
			q.SpeakerSpan = shiftPtr(q.SpeakerSpan)
			out.Facts.Quotes = append(out.Facts.Quotes, q)
		}
	}
	return out
}
