package facts

import (
	"time"

	"github.com/sangbad/sangbad"
)

// referenceDate returns the date relative expressions are resolved
// against: the caller's publication date when given, else the date of a
// dateline at the start of the text ("JAKARTA, Dec 12, 2023 (Reuters) -",
// "ঢাকা, ১২ ডিসেম্বর ২০২৩ -").
//
// A dateline without a year ("JAKARTA, Dec 12 (Reuters) -", the usual wire
// form) gives no reference: guessing the year from the clock would be
// "silently today's date", and the text alone rarely pins it down (a
// weekday narrows Dec 12 to one year in about six). The dateline is then
// still reported as a date fact, unresolved.
func referenceDate(d *doc, published time.Time) (time.Time, string) {
	if !published.IsZero() {
		return published, "published"
	}
	s := &dateScanner{text: d.text, toks: numTokenize(firstLine(d.text)), lang: d.lang}
	h, ok := datelineHit(s)
	if !ok || h.y == 0 {
		return time.Time{}, ""
	}
	return time.Date(h.y, time.Month(h.m), h.d, 0, 0, 0, 0, time.UTC), "dateline"
}

// yearlessDateline reports a dateline whose date has no year ("LONDON,
// March 3 (Reuters) -").
func yearlessDateline(d *doc) bool {
	s := &dateScanner{text: d.text, toks: numTokenize(firstLine(d.text)), lang: d.lang}
	h, ok := datelineHit(s)
	return ok && h.y == 0
}

// firstLine returns the text up to its first line break (at most 400
// bytes: a dateline is short).
func firstLine(text string) string {
	for i := 0; i < len(text) && i < 400; i++ {
		if text[i] == '\n' {
			return text[:i]
		}
	}
	if len(text) > 400 {
		// cut at a rune boundary
		i := 400
		for i > 0 && text[i]&0xC0 == 0x80 {
			i--
		}
		return text[:i]
	}
	return text
}

// datelineHit finds the date of a dateline: a place name at the start of
// the first line, a comma, a day and month (and maybe a year), an optional
// "(Agency)" and a dash or colon with space before it.
func datelineHit(s *dateScanner) (dateHit, bool) {
	toks := s.toks
	if len(toks) == 0 || toks[0].kind != ntWord {
		return dateHit{}, false
	}
	dash := -1
	for k := 1; k < len(toks) && k < 24; k++ {
		t := &toks[k]
		// "(Reuters) -", "(বাসস):": a dash or colon after a space or the
		// agency's closing parenthesis
		if t.kind == ntPunct && (t.space || t.key == ":" && toks[k-1].key == ")") && (t.key == "-" || t.key == "–" || t.key == "—" || t.key == ":") {
			dash = k
			break
		}
	}
	if dash < 0 {
		return dateHit{}, false
	}
	for k := 2; k < dash; k++ {
		if toks[k-1].key != "," || !placeName(toks[:k-1]) {
			continue
		}
		h, ok := s.at(k)
		if !ok || h.gran != sangbad.GranularityDay || h.isWeekday || h.rel || h.bangla {
			continue
		}
		end := h.j
		if end < dash && toks[end].key == "(" {
			for e := end + 1; e < dash; e++ {
				if toks[e].key == ")" {
					end = e + 1
					break
				}
			}
		}
		if end == dash {
			return h, true
		}
	}
	return dateHit{}, false
}

// placeName reports whether toks look like a dateline place: one to six
// words (Latin ones capitalised), maybe with a comma ("MOGADISHU, Somalia").
func placeName(toks []ntok) bool {
	if len(toks) == 0 || len(toks) > 6 {
		return false
	}
	for _, t := range toks {
		switch {
		case t.kind == ntWord && (t.bn || t.upper):
		case t.kind == ntPunct && (t.key == "," || t.key == "." || t.key == "-"):
		default:
			return false
		}
	}
	return true
}
