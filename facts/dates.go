package facts

import (
	"fmt"
	"strings"
	"time"

	"github.com/sangbad/sangbad"
)

// Date rules. A date expression is found on the token stream and resolved
// only against the reference date the caller gives (the publication date,
// else the dateline): an expression that needs one and has none gets an
// empty Value and Unresolved, never today's date.
//
// Resolution follows docs/bengali.md §6.8: a weekday, or a month or day
// without a year, is the most recent such date on or before the reference
// in past or statement context and the next one on or after it in future
// context (the same day is allowed both ways); "last"/গত force strictly
// before, "next"/আগামী strictly after. Without a clear tense a month or a
// day-month is the occurrence closest to the reference and a weekday is
// taken as past (wire convention).

var enMonths = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
	"oct": 10, "nov": 11, "dec": 12,
}

// enMonthNeedsContext are month names that are also common words.
var enMonthNeedsContext = map[string]bool{"may": true, "march": true}

var bnMonths = map[string]int{
	"জানুয়ারি": 1, "জানুয়ারী": 1, "ফেব্রুয়ারি": 2, "ফেব্রুয়ারী": 2, "মার্চ": 3, "এপ্রিল": 4, "মে": 5,
	"জুন": 6, "জুলাই": 7, "আগস্ট": 8, "আগষ্ট": 8, "অগাস্ট": 8, "অগস্ট": 8, "সেপ্টেম্বর": 9, "সেপ্টেম্বার": 9,
	"অক্টোবর": 10, "অক্টোবার": 10, "নভেম্বর": 11, "নভেম্বার": 11, "ডিসেম্বর": 12, "ডিসেম্বার": 12,
}

// bnMonthAbbr are CLDR abbreviations, accepted only next to a day number.
var bnMonthAbbr = map[string]int{"জানু": 1, "ফেব": 2, "এপ্রি": 4, "সেপ্টে": 9, "সেপ্ট": 9, "অক্টো": 10, "নভে": 11, "ডিসে": 12}

// banglaMonths are the months of the revised Bangladesh calendar (বঙ্গাব্দ).
var banglaMonths = map[string]int{
	"বৈশাখ": 1, "জ্যৈষ্ঠ": 2, "জৈষ্ঠ": 2, "আষাঢ়": 3, "শ্রাবণ": 4, "ভাদ্র": 5, "আশ্বিন": 6, "কার্তিক": 7,
	"অগ্রহায়ণ": 8, "পৌষ": 9, "মাঘ": 10, "ফাল্গুন": 11, "চৈত্র": 12,
}

var enWeekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var bnWeekdays = map[string]time.Weekday{
	"রবিবার": time.Sunday, "রোববার": time.Sunday, "সোমবার": time.Monday, "মঙ্গলবার": time.Tuesday,
	"বুধবার": time.Wednesday, "বৃহস্পতিবার": time.Thursday, "বৃহষ্পতিবার": time.Thursday,
	"শুক্রবার": time.Friday, "শনিবার": time.Saturday,
}

// date units for relative expressions
const (
	uDay = iota + 1
	uWeek
	uMonth
	uYear
)

var enDateUnits = map[string]int{
	"day": uDay, "days": uDay, "week": uWeek, "weeks": uWeek, "month": uMonth, "months": uMonth, "year": uYear, "years": uYear,
}

var bnDateUnits = map[string]int{"দিন": uDay, "সপ্তাহ": uWeek, "মাস": uMonth, "বছর": uYear}

// relative day words: offset in days
var enRelDays = map[string]int{"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
var bnRelDays = map[string]int{"আজ": 0, "আজকে": 0, "আজই": 0, "গতকাল": -1, "আগামীকাল": 1}

// relative determiners before a unit word: last/this/next
var enRelDet = map[string]int{"last": -1, "this": 0, "next": 1, "past": -1, "previous": -1, "coming": 1, "current": 0}
var bnRelDet = map[string]int{"গত": -1, "এই": 0, "এ": 0, "চলতি": 0, "আগামী": 1, "পরের": 1, "পরবর্তী": 1, "বিগত": -1}

// prepositions that make an ambiguous month name ("May") a month
var enDatePreps = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "last": true, "next": true, "this": true,
	"early": true, "late": true, "mid": true, "from": true, "through": true, "before": true, "after": true,
	"of": true, "during": true, "between": true, "and": true, "to": true, "on": true,
}

var enDateQualifiers = map[string]string{
	"by": "by", "before": "before", "after": "after", "since": "since", "until": "until", "till": "until",
	"through": "until", "prior": "before",
}

// bnDatePostpositions follow the date: "2030 সালের মধ্যে" = by 2030.
var bnDatePostpositions = map[string]string{"মধ্যে": "by", "নাগাদ": "by", "আগে": "before", "পূর্বে": "before", "পর": "after", "পরে": "after", "থেকে": "since", "পর্যন্ত": "until"}

// day-of-month endings written on the digits: ১লা, ২রা, ৪ঠা, ৮ই, ২১শে, 1st.
var dayEndings = map[string]bool{"লা": true, "রা": true, "ঠা": true, "ই": true, "শে": true, "এ": true, "st": true, "nd": true, "rd": true, "th": true}

// dateHit is one date expression: tokens [i,j) and how to resolve it.
type dateHit struct {
	i, j int
	// absolute parts (0 = missing)
	y, m, d int
	gran    string
	// needs the reference: a day-month or month without year, a weekday or
	// a relative expression
	needsYear bool
	weekday   time.Weekday
	isWeekday bool
	wdCheck   bool // a weekday written with the date: it picks the year
	rel       bool // offset from the reference in relUnit
	relN      int
	relUnit   int
	force     int // -1 strictly before the reference, +1 strictly after
	qualifier string
	bangla    bool // Bangla calendar: resolved only with a full date
	dayTok    int  // token of the day number (-1 when none)
	yearTok   int  // token of the year number (-1 when none)
	// yearRel marks a month (or day and month) in a year given relative to
	// the reference, relN years away: "June last year", "গত বছরের জুনে"
	yearRel bool
	// monthRel marks day d of a month relN months from the reference's:
	// "চলতি মাসের ১৫ তারিখে"
	monthRel bool
}

type dateScanner struct {
	text string
	toks []ntok
	lang string
}

// monthAt reports a Gregorian month name at token k (Bengali with a case
// ending), and whether it is an abbreviation that needs a day next to it.
func (s *dateScanner) monthAt(k int) (m int, abbr bool, ok bool) {
	if k >= len(s.toks) || s.toks[k].kind != ntWord {
		return 0, false, false
	}
	t := &s.toks[k]
	if !t.bn {
		if !t.upper {
			return 0, false, false
		}
		m, ok := enMonths[t.key]
		if !ok {
			return 0, false, false
		}
		return m, len(t.key) <= 4 && t.key != "june" && t.key != "july" && t.key != "may", true
	}
	if m, ok := bnMonths[t.key]; ok {
		return m, false, true
	}
	if m, ok := bnMonthAbbr[t.key]; ok {
		return m, true, true
	}
	if m, n, ok := stemLookupClitic(t.key, bnMonths, true); ok && n >= 3 {
		return m, false, true
	}
	return 0, false, false
}

// dayAt reports a day-of-month number at k (1-31, one or two digits, with
// an optional attached ending) and the index after it.
func (s *dateScanner) dayAt(k int) (int, int, bool) {
	if k >= len(s.toks) || s.toks[k].kind != ntNum || s.toks[k].digits > 2 || s.toks[k].dots > 0 || s.toks[k].commas > 0 {
		return 0, k, false
	}
	v, _ := digitValue(&s.toks[k])
	if v < 1 || v > 31 {
		return 0, k, false
	}
	next := k + 1
	if next < len(s.toks) && s.toks[next].attached() && s.toks[next].kind == ntWord {
		if !dayEndings[s.toks[next].key] {
			return 0, k, false
		}
		next++
	}
	return int(v), next, true
}

// yearAt reports a four-digit year at k.
func (s *dateScanner) yearAt(k int) (int, bool) {
	if k >= len(s.toks) || !isYearLike(&s.toks[k]) {
		return 0, false
	}
	v, _ := digitValue(&s.toks[k])
	if v < 1800 || v > 2199 {
		return 0, false
	}
	// not part of a longer number chain: "2023-24", "2023/12"
	return int(v), true
}

func (s *dateScanner) punct(k int, set string) bool {
	return k < len(s.toks) && s.toks[k].kind == ntPunct && strings.Contains(set, s.toks[k].key)
}

// joinedPunct is punct written without space before it ("2023-24").
func (s *dateScanner) joinedPunct(k int, set string) bool {
	return s.punct(k, set) && s.toks[k].attached()
}

// scan finds every date expression in the token stream.
func (s *dateScanner) scan() []dateHit {
	var hits []dateHit
	for i := 0; i < len(s.toks); {
		h, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		s.qualify(&h)
		hits = append(hits, h)
		i = h.j
	}
	return s.joinRelativeYears(s.joinMonthDays(hits))
}

// joinMonthDays extends a relative month by the day of it that follows:
// "চলতি মাসের ১৫ তারিখে", "আগামী মাসের ৩ তারিখ".
func (s *dateScanner) joinMonthDays(hits []dateHit) []dateHit {
	for k := range hits {
		h := &hits[k]
		if !h.rel || h.relUnit != uMonth || h.j+1 >= len(s.toks) {
			continue
		}
		if d, _, ok := s.dayAt(h.j); ok && strings.HasPrefix(s.toks[h.j+1].key, "তারিখ") {
			h.monthRel, h.d, h.gran = true, d, sangbad.GranularityDay
			h.j += 2
		}
	}
	return hits
}

// joinRelativeYears joins a month without a year and a relative year next to
// it into one date: "June last year", "March of next year", "গত বছরের
// জুনে", "চলতি বছরের মার্চে".
func (s *dateScanner) joinRelativeYears(hits []dateHit) []dateHit {
	isMonth := func(h dateHit) bool {
		return h.needsYear && !h.rel && !h.isWeekday && h.m != 0 && !h.yearRel
	}
	isRelYear := func(h dateHit) bool { return h.rel && h.relUnit == uYear && h.qualifier == "" }
	out := hits[:0]
	for k := 0; k < len(hits); k++ {
		h := hits[k]
		if k+1 < len(hits) {
			n := hits[k+1]
			gap := n.i - h.j
			if gap == 1 && s.toks[h.j].key == "of" {
				gap = 0 // "March of next year"
			}
			var month, year dateHit
			switch {
			case gap == 0 && isMonth(h) && isRelYear(n):
				month, year = h, n
			case gap == 0 && isRelYear(h) && isMonth(n):
				month, year = n, h
			default:
				out = append(out, h)
				continue
			}
			month.i, month.j = h.i, n.j
			month.yearRel, month.relN = true, year.relN
			out = append(out, month)
			k++
			continue
		}
		out = append(out, h)
	}
	return out
}

// at tries every date pattern at token i.
func (s *dateScanner) at(i int) (dateHit, bool) {
	if i >= len(s.toks) {
		return dateHit{}, false
	}
	t := &s.toks[i]
	h := dateHit{i: i, dayTok: -1, yearTok: -1}
	switch t.kind {
	case ntNum:
		if hh, ok := s.numericDate(i); ok {
			return hh, true
		}
		if d, next, ok := s.dayAt(i); ok {
			k := next
			if k < len(s.toks) && s.toks[k].key == "of" {
				k++
			}
			if m, _, ok := s.monthAt(k); ok {
				h.d, h.m, h.dayTok, h.gran = d, m, i, sangbad.GranularityDay
				h.j = k + 1
				if s.punct(h.j, ".") && !s.toks[k].bn {
					h.j++
				}
				s.optYear(&h)
				return h, true
			}
			if bm, ok := s.banglaMonthAt(k); ok {
				h.m, h.d, h.bangla, h.dayTok, h.gran, h.j = bm, d, true, i, sangbad.GranularityDay, k+1
				if y, ok := s.banglaYearAt(h.j); ok {
					h.y, h.yearTok = y, h.j
					h.j++
					if h.j < len(s.toks) && strings.HasPrefix(s.toks[h.j].key, "বঙ্গাব্দ") {
						h.j++
					}
				}
				return h, true
			}
		}
		if y, ok := s.yearAt(i); ok {
			return s.bareYear(i, y)
		}
		if hh, ok := s.agoAt(i); ok {
			return hh, true
		}
	case ntWord:
		if m, abbr, ok := s.monthAt(i); ok {
			k := i + 1
			if s.punct(k, ".") && !t.bn && abbr {
				k++
			}
			if d, next, ok := s.dayAt(k); ok && !(next < len(s.toks) && s.isUnitAfterDay(next)) {
				h.m, h.d, h.dayTok, h.gran, h.j = m, d, k, sangbad.GranularityDay, next
				s.optYear(&h)
				return h, true
			}
			kk := k
			if s.punct(kk, ",") {
				kk++
			}
			if y, ok := s.yearAt(kk); ok && !s.joinedPunct(kk+1, "-–/") {
				h.m, h.y, h.yearTok, h.gran, h.j = m, y, kk, sangbad.GranularityMonth, kk+1
				s.eraAfter(&h)
				return h, true
			}
			if abbr {
				break
			}
			if !t.bn && enMonthNeedsContext[t.key] && !(i > 0 && enDatePreps[s.toks[i-1].key]) {
				break
			}
			if t.bn && t.key == "মে" && !(i+1 < len(s.toks) && strings.HasPrefix(s.toks[i+1].key, "মাস")) {
				break
			}
			h.m, h.gran, h.j, h.needsYear = m, sangbad.GranularityMonth, i+1, true
			if i+1 < len(s.toks) && s.toks[i+1].bn && strings.HasPrefix(s.toks[i+1].key, "মাস") {
				h.j = i + 2
			}
			s.determiner(&h)
			return h, true
		}
		if wd, ok := s.weekdayAt(i); ok {
			h.weekday, h.isWeekday, h.gran, h.j = wd, true, sangbad.GranularityDay, i+1
			// "বুধবার (২৪ জুন)", "Thursday, Sept 28": the explicit date wins
			k := i + 1
			if s.punct(k, "(,") {
				if dh, ok := s.at(k + 1); ok && dh.gran == sangbad.GranularityDay && !dh.isWeekday && !dh.rel {
					dh.i = i
					dh.weekday, dh.wdCheck = wd, true
					if s.punct(dh.j, ")") && s.punct(k, "(") {
						dh.j++
					}
					s.determinerWeekday(&dh, i)
					return dh, true
				}
			}
			s.determinerWeekday(&h, i)
			return h, true
		}
		if hh, ok := s.relativeAt(i); ok {
			return hh, true
		}
		if hh, ok := s.agoAt(i); ok {
			return hh, true
		}
		// "পহেলা বৈশাখ"
		if (t.key == "পহেলা" || t.key == "পয়লা") && i+1 < len(s.toks) {
			if bm, ok := s.banglaMonthAt(i + 1); ok {
				h.m, h.d, h.bangla, h.gran, h.j = bm, 1, true, sangbad.GranularityDay, i+2
				if y, ok := s.banglaYearAt(h.j); ok {
					h.y, h.yearTok = y, h.j
					h.j++
				}
				return h, true
			}
		}
	}
	return dateHit{}, false
}

func (s *dateScanner) isUnitAfterDay(k int) bool {
	t := &s.toks[k]
	if t.kind != ntWord {
		return false
	}
	_, ok := enDateUnits[t.key]
	_, ok2 := bnDateUnits[t.key]
	return ok || ok2 || t.key == "percent" || t.key == "শতাংশ"
}

func (s *dateScanner) banglaMonthAt(k int) (int, bool) {
	if k >= len(s.toks) || !s.toks[k].bn {
		return 0, false
	}
	if m, ok := banglaMonths[s.toks[k].key]; ok {
		return m, true
	}
	if m, n, ok := stemLookup(s.toks[k].key, banglaMonths); ok && n >= 3 {
		return m, true
	}
	return 0, false
}

func (s *dateScanner) banglaYearAt(k int) (int, bool) {
	if k >= len(s.toks) || s.toks[k].kind != ntNum || s.toks[k].digits != 4 || s.toks[k].commas > 0 {
		return 0, false
	}
	v, _ := digitValue(&s.toks[k])
	if v < 1300 || v > 1500 {
		return 0, false
	}
	return int(v), true
}

// optYear extends a day-month hit with ", 2023" or "2023".
func (s *dateScanner) optYear(h *dateHit) {
	k := h.j
	if s.punct(k, ",") {
		k++
	}
	if y, ok := s.yearAt(k); ok && !s.joinedPunct(k+1, "-–/:") {
		h.y, h.yearTok, h.j = y, k, k+1
		s.eraAfter(h)
		return
	}
	h.needsYear = true
	s.determiner(h)
}

// eraAfter swallows "সালে", "খ্রিস্টাব্দ" after a year.
func (s *dateScanner) eraAfter(h *dateHit) {
	if h.j < len(s.toks) && s.toks[h.j].bn {
		k := s.toks[h.j].key
		if strings.HasPrefix(k, "সাল") || strings.HasPrefix(k, "খ্রিস্টাব্দ") || strings.HasPrefix(k, "খ্রিষ্টাব্দ") || strings.HasPrefix(k, "খৃষ্টাব্দ") {
			h.j++
		}
	}
}

// determiner applies a preceding last/next/গত/আগামী to a month or day.
func (s *dateScanner) determiner(h *dateHit) {
	if h.i == 0 {
		return
	}
	p := s.toks[h.i-1].key
	switch {
	case p == "last" || p == "গত" || p == "বিগত":
		h.force, h.i = -1, h.i-1
	case p == "next" || p == "আগামী" || p == "coming":
		h.force, h.i = 1, h.i-1
	}
}

func (s *dateScanner) determinerWeekday(h *dateHit, wdTok int) {
	if wdTok == 0 {
		return
	}
	p := s.toks[wdTok-1].key
	switch p {
	case "last", "গত", "বিগত":
		h.force, h.i = -1, wdTok-1
	case "next", "আগামী", "coming", "পরের":
		h.force, h.i = 1, wdTok-1
	case "this", "এই", "এ":
		h.i = wdTok - 1
	}
}

func (s *dateScanner) weekdayAt(k int) (time.Weekday, bool) {
	t := &s.toks[k]
	if !t.bn {
		if !t.upper {
			return 0, false
		}
		wd, ok := enWeekdays[strings.TrimSuffix(t.key, "'s")]
		return wd, ok
	}
	if wd, ok := bnWeekdays[t.key]; ok {
		return wd, true
	}
	wd, _, ok := stemLookupClitic(t.key, bnWeekdays, true)
	return wd, ok
}

// numericDate parses 2023-12-12, 12/12/2023, 28/9/2023, ১২.১২.২০২৩.
func (s *dateScanner) numericDate(i int) (dateHit, bool) {
	h := dateHit{i: i, gran: sangbad.GranularityDay, dayTok: -1, yearTok: -1}
	t := &s.toks[i]
	var parts []int
	j := i
	if t.dots == 2 && t.commas == 0 {
		for _, p := range strings.Split(t.text, ".") {
			v, _ := digitValue(&ntok{kind: ntNum, text: p})
			parts = append(parts, int(v))
		}
		j = i + 1
		if len(parts[2:]) == 0 {
			return h, false
		}
		h.j = j
		return s.dmy(h, parts[0], parts[1], parts[2], len(strings.Split(t.text, ".")[2]))
	}
	if t.dots > 0 || t.commas > 0 {
		return h, false
	}
	// a-b-c or a/b/c, all attached
	if i+4 >= len(s.toks) {
		return h, false
	}
	sep := s.toks[i+1].key
	if sep != "-" && sep != "/" {
		return h, false
	}
	if s.toks[i+2].kind != ntNum || s.toks[i+3].key != sep || s.toks[i+4].kind != ntNum {
		return h, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !s.toks[k].attached() {
			return h, false
		}
	}
	a, _ := digitValue(t)
	b, _ := digitValue(&s.toks[i+2])
	c, _ := digitValue(&s.toks[i+4])
	h.j = i + 5
	if t.digits == 4 {
		// ISO order
		if b < 1 || b > 12 || c < 1 || c > 31 {
			return h, false
		}
		h.y, h.m, h.d, h.yearTok = int(a), int(b), int(c), i
		return h, validDay(h.y, h.m, h.d)
	}
	h.yearTok = i + 4
	return s.dmy(h, int(a), int(b), int(c), s.toks[i+4].digits)
}

// dmy resolves a numeric date with the year last. Bengali text is day
// first (CLDR bn d/M/yy); in English a date whose day and month can be
// swapped is ambiguous (US month first, BD/UK day first) and is dropped.
func (s *dateScanner) dmy(h dateHit, a, b, y, ydigits int) (dateHit, bool) {
	if ydigits == 2 {
		y += 2000
	} else if ydigits != 4 {
		return h, false
	}
	d, m := a, b
	switch {
	case a > 12 && b <= 12:
	case b > 12 && a <= 12:
		d, m = b, a
	case a == b:
	case s.lang == "bn":
	default:
		return h, false
	}
	h.y, h.m, h.d = y, m, d
	return h, validDay(y, m, d)
}

func validDay(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

// bareYear is a year on its own: "in 2030", "2030 সালের মধ্যে", "the 1998
// bombings". A fiscal year "2023-24" is no date of ours.
func (s *dateScanner) bareYear(i, y int) (dateHit, bool) {
	h := dateHit{i: i, j: i + 1, y: y, gran: sangbad.GranularityYear, yearTok: i, dayTok: -1}
	if s.punct(i+1, "-–/") && i+2 < len(s.toks) && s.toks[i+2].kind == ntNum && s.toks[i+1].attached() {
		if s.toks[i+2].digits != 4 {
			return h, false // fiscal year or a phone number
		}
	}
	if i > 0 && (s.punct(i-1, "-/:") && s.toks[i].attached()) && !(i > 1 && s.toks[i-2].kind == ntWord && s.toks[i-1].key == "-") {
		return h, false // not "mid-2024"
	}
	if i+1 < len(s.toks) && s.toks[i+1].attached() && s.toks[i+1].kind == ntWord && !s.toks[i+1].bn {
		return h, false // "1990s"
	}
	// money, percent or a count: "2000 জন", "$2000", "2000 crore"
	if i > 0 {
		if _, _, ok := currencyBefore(s.toks, i); ok {
			return h, false
		}
	}
	if i+1 < len(s.toks) {
		n := &s.toks[i+1]
		if n.kind == ntPunct && (n.key == "%" || n.key == "৳") {
			return h, false
		}
		if _, ok := scaleAt(s.toks, i+1, false); ok {
			return h, false
		}
		if _, _, ok := currencyAfter(s.toks, i+1, false); ok {
			return h, false
		}
		if n.bn && isClassifierTok(n.key) {
			return h, false
		}
		if n.kind == ntWord && (n.key == "percent" || n.key == "per" || strings.HasPrefix(n.key, "শতাংশ")) {
			return h, false
		}
	}
	s.eraAfter(&h)
	// "২০২৩ সালের ১২ ডিসেম্বর", "২০২৩ সালের ডিসেম্বরে": year first
	if h.j > i+1 {
		if d, next, ok := s.dayAt(h.j); ok {
			if m, _, ok := s.monthAt(next); ok {
				h.d, h.m, h.dayTok, h.gran, h.j = d, m, h.j, sangbad.GranularityDay, next+1
				return h, true
			}
		}
		if m, abbr, ok := s.monthAt(h.j); ok && !abbr {
			h.m, h.gran, h.j = m, sangbad.GranularityMonth, h.j+1
		}
	}
	return h, true
}

func isClassifierTok(key string) bool {
	for _, c := range bnClassifiers {
		if strings.HasPrefix(key, c) {
			return true
		}
	}
	return false
}

// relativeAt parses today/yesterday/আজ/গতকাল, "last year", "এই বছর",
// "this month", "next week", "গত পরশু".
func (s *dateScanner) relativeAt(i int) (dateHit, bool) {
	t := &s.toks[i]
	h := dateHit{i: i, j: i + 1, rel: true, dayTok: -1, yearTok: -1}
	if t.bn {
		if n, ok := bnRelDays[t.key]; ok {
			h.relN, h.relUnit, h.gran = n, uDay, sangbad.GranularityDay
			// "গতকাল শনিবার", "আজ রোববার": one day, named twice
			if i+1 < len(s.toks) {
				if _, ok := s.weekdayAt(i + 1); ok {
					h.j = i + 2
				}
			}
			return h, true
		}
		if n, _, ok := stemLookup(t.key, bnRelDays); ok && t.key != "আজকাল" {
			h.relN, h.relUnit, h.gran = n, uDay, sangbad.GranularityDay
			return h, true
		}
		if d, ok := bnRelDet[t.key]; ok && i+1 < len(s.toks) {
			nk := s.toks[i+1].key
			if nk == "পরশু" && d != 0 {
				h.relN, h.relUnit, h.gran, h.j = 2*d, uDay, sangbad.GranularityDay, i+2
				return h, true
			}
			if u, _, ok := stemLookup(nk, bnDateUnits); ok && u != uDay {
				h.relN, h.relUnit, h.j = d, u, i+2
				h.gran = granOf(u)
				return h, true
			}
		}
		return h, false
	}
	if n, ok := enRelDays[t.key]; ok {
		h.relN, h.relUnit, h.gran = n, uDay, sangbad.GranularityDay
		return h, true
	}
	if d, ok := enRelDet[t.key]; ok && i+1 < len(s.toks) {
		nk := strings.TrimSuffix(s.toks[i+1].key, "'s") // "this year's"
		if u, ok := enDateUnits[nk]; ok && u != uDay && !strings.HasSuffix(nk, "s") {
			h.relN, h.relUnit, h.j = d, u, i+2
			h.gran = granOf(u)
			return h, true
		}
	}
	return h, false
}

func granOf(u int) string {
	switch u {
	case uDay:
		return sangbad.GranularityDay
	case uWeek:
		return sangbad.GranularityWeek
	case uMonth:
		return sangbad.GranularityMonth
	}
	return sangbad.GranularityYear
}

// agoAt parses "two days ago", "3 years ago", "৫ দিন আগে", "দুই মাস পূর্বে".
func (s *dateScanner) agoAt(i int) (dateHit, bool) {
	h := dateHit{i: i, rel: true, dayTok: -1, yearTok: -1}
	ne, ok := parseNumber(s.toks, i, false)
	if !ok || ne.scale || ne.classif != "" || ne.value != float64(int(ne.value)) || ne.value > 1000 {
		if !(i < len(s.toks) && (s.toks[i].key == "a" || s.toks[i].key == "an")) {
			return h, false
		}
		ne = numExpr{i: i, j: i + 1, value: 1}
	}
	k := ne.j
	if k+1 >= len(s.toks) {
		return h, false
	}
	ut := &s.toks[k]
	var u int
	if ut.bn {
		u, ok = bnDateUnits[ut.key]
	} else {
		u, ok = enDateUnits[ut.key]
	}
	if !ok {
		return h, false
	}
	switch s.toks[k+1].key {
	case "ago", "আগে", "পূর্বে":
		h.relN, h.relUnit, h.gran, h.j = -int(ne.value), u, granOf(u), k+2
		return h, true
	}
	return h, false
}

// qualify sets the qualifier from a word before (English) or a
// postposition after (Bengali) and widens the span over the latter.
func (s *dateScanner) qualify(h *dateHit) {
	if h.i > 0 {
		if q, ok := enDateQualifiers[s.toks[h.i-1].key]; ok {
			h.qualifier = q
		}
	}
	if h.rel && h.relUnit != 0 && h.relN < 0 && h.j > 0 && (s.toks[h.j-1].key == "আগে" || s.toks[h.j-1].key == "ago") {
		return
	}
	if h.j < len(s.toks) && s.toks[h.j].bn {
		if q, ok := bnDatePostpositions[s.toks[h.j].key]; ok {
			// only after a genitive or a bare date: "২০৩০ সালের মধ্যে", "সেপ্টেম্বরের আগে"
			h.qualifier = q
			h.j++
		}
	}
}

// tense tells past (-1), future (+1) or unknown (0) for the clause around
// tokens [i,j) of a date.
func (s *dateScanner) tense(i, j int) int {
	if s.lang == "bn" || s.toks[i].bn {
		// Bengali is verb-final: the first finite verb after the date
		fallback := 0
		for k := j; k < len(s.toks) && k-j < 40; k++ {
			t := &s.toks[k]
			if t.kind == ntPunct && (t.key == "।" || t.key == "?" || t.key == "!" || t.key == "|" || t.key == "॥") {
				break
			}
			if t.kind != ntWord || !t.bn {
				continue
			}
			v, weak := bnVerb(t.key)
			if v == 0 {
				continue
			}
			if !weak {
				return v
			}
			// a reporting verb before a comma ends its clause ("সোমবার
			// জানায়, ..."); else a later strong form may still decide
			if k+1 < len(s.toks) && s.toks[k+1].kind == ntPunct && (s.toks[k+1].key == "," || s.toks[k+1].key == "।") {
				return v
			}
			if fallback == 0 {
				fallback = v
			}
		}
		return fallback
	}
	// English: a future marker before the date in its sentence ("now
	// expect the first cut in March": "cut" is a noun there), else the
	// nearest tense marker before it, else after it.
	for k := i - 1; k >= 0 && i-k <= 10; k-- {
		t := &s.toks[k]
		if t.kind == ntPunct && (t.key == "." || t.key == "?" || t.key == "!" || t.key == "\"" || t.key == "“" || t.key == ";") {
			break
		}
		if enVerbTense(s.toks, k) == 1 {
			return 1
		}
	}
	for k := i - 1; k >= 0 && i-k <= 12; k-- {
		t := &s.toks[k]
		if t.kind == ntPunct && (t.key == "." || t.key == "?" || t.key == "!" || t.key == "\"" || t.key == "“") {
			break
		}
		if v := enVerbTense(s.toks, k); v != 0 {
			return v
		}
	}
	for k := j; k < len(s.toks) && k-j <= 12; k++ {
		t := &s.toks[k]
		if t.kind == ntPunct && (t.key == "." || t.key == "?" || t.key == "!") {
			break
		}
		if v := enVerbTense(s.toks, k); v != 0 {
			return v
		}
	}
	return 0
}

// bnVerbTense tells the tense of a Bengali finite verb form: +1 future, -1
// past, 0 not a finite verb (or present).
func bnVerbTense(key string) int {
	v, _ := bnVerb(key)
	return v
}

// bnNotFuture are words ending in -বে that are no future verbs: "তবে"
// (but), "কবে" (when), "সবে" (just), and -ভাবে adverbs
// ("আনুষ্ঠানিকভাবে" officially).
var bnNotFuture = map[string]bool{"তবে": true, "কবে": true, "সবে": true, "যবে": true, "এবে": true, "অভাবে": true, "প্রভাবে": true}

// bnReportVerbs are present-tense forms that news uses for past reports:
// "সোমবার জানায় পুলিশ", "তিনি বলেন", "ঘোষণা করে".
var bnReportVerbs = map[string]bool{
	"জানায়": true, "জানান": true, "বলেন": true, "বলে": true, "করে": true, "করেন": true, "হয়": true,
	"দেয়": true, "দেন": true, "নেয়": true, "নেন": true, "যায়": true, "যান": true, "আসেন": true, "পায়": true,
	"ঘটে": true, "দাবি": false,
}

// bnVerb tells the tense of a Bengali verb form and whether the reading is
// weak. Future (-বে, -বেন, -বো) and past (-েছে, -েছেন, -ছিল, -লেন, -লো
// after a consonant, হলো/হল/করল...) are strong. The present-habitual
// reporting forms (জানায়, জানান, বলেন, করে) are past in news reports, but
// weak: "করে" is also the participle of a later verb ("সমাবেশ করে
// প্রতিবাদ জানাবে").
func bnVerb(key string) (tense int, weak bool) {
	rs := []rune(key)
	n := len(rs)
	if n > 2 && !bnNotFuture[key] && !strings.HasSuffix(key, "ভাবে") {
		for _, suf := range []string{"বে", "বেন", "বো", "বেনা", "বনা"} {
			if strings.HasSuffix(key, suf) {
				return 1, false
			}
		}
	}
	for _, suf := range []string{"েছে", "েছেন", "েছি", "েছিল", "েছিলেন", "েছিলো", "েছিলাম", "ছিল", "ছিলেন", "ছিলো", "ছিলাম", "লেন", "লাম"} {
		if strings.HasSuffix(key, suf) && n > len([]rune(suf)) {
			return -1, false
		}
	}
	// -লো / -ল after a consonant: "করলো", "বলল", but not "ভালো", "আলো"
	if n >= 3 && (rs[n-1] == 'ো' && rs[n-2] == 'ল' || rs[n-1] == 'ল' && n >= 3) {
		at := n - 2
		if rs[n-1] == 'ল' {
			at = n - 1
		}
		if p := rs[at-1]; isBnConsonantRune(p) && (rs[n-1] == 'ো' || bnPastL[key]) {
			return -1, false
		}
	}
	switch key {
	case "হলো", "হল", "গেল", "এল", "দিল", "নিল", "পেল", "ছিল", "ছিলো":
		return -1, false
	}
	if bnReportVerbs[key] {
		return -1, true
	}
	return 0, false
}

// bnPastL are simple-past forms in -ল (without the final vowel sign).
var bnPastL = map[string]bool{"করল": true, "বলল": true, "জানাল": true, "চলল": true, "ধরল": true, "মারল": true, "ফেলল": true, "রাখল": true}

// isBnConsonantRune reports a Bengali consonant letter (ক-হ, the nukta
// of ড় ঢ় য়).
func isBnConsonantRune(r rune) bool {
	return (r >= 'ক' && r <= 'হ') || r == '\u09BC' || (r >= '\u09DC' && r <= '\u09DF')
}

func enVerbTense(toks []ntok, k int) int {
	t := &toks[k]
	if t.kind != ntWord {
		return 0
	}
	switch t.key {
	case "will", "'ll", "shall", "scheduled", "due", "planned", "plans", "plan", "expects", "upcoming", "would",
		"expect", "expected", "forecast", "forecasts", "projected", "could", "may", "might", "aims", "intends",
		"starting", "beginning", "effective":
		return 1
	case "said", "says", "told", "was", "were", "had", "did", "announced", "reported", "agreed", "added",
		"fell", "rose", "came", "went", "took", "made", "began", "won", "lost", "sold", "bought", "paid", "met",
		"left", "held", "grew", "saw", "became", "gave", "got", "ran", "spent", "fled", "led", "kept", "struck",
		"found", "brought", "chose", "drove", "wrote", "spoke", "broke", "shot", "beat", "hit", "cut", "quit", "ago":
		return -1
	}
	if len(t.key) > 4 && strings.HasSuffix(t.key, "ed") && !t.upper {
		return -1
	}
	return 0
}

// resolve turns a hit into a Date, against ref when it needs one.
func (s *dateScanner) resolve(h dateHit, ref time.Time, refSource string) sangbad.Date {
	ix := s.toks
	out := sangbad.Date{
		Span:        sangbad.Span{Text: s.text[ix[h.i].b:ix[h.j-1].e], Start: ix[h.i].rs, End: ix[h.j-1].re},
		Granularity: h.gran,
		Qualifier:   h.qualifier,
	}
	if h.bangla {
		if h.y != 0 && h.d != 0 {
			if g, ok := banglaToGregorian(h.y, h.m, h.d); ok {
				out.Value = g.Format(sangbad.DateLayout)
			}
		}
		return out
	}
	needsRef := h.rel || h.isWeekday || h.needsYear
	if !needsRef {
		out.Value = formatDate(h.y, h.m, h.d, h.gran)
		return out
	}
	out.Relative = true
	if ref.IsZero() {
		out.Unresolved = true
		return out
	}
	out.Reference = ref.Format(sangbad.DateLayout)
	out.ReferenceSource = refSource
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	switch {
	case h.yearRel:
		out.Value = formatDate(ref.Year()+h.relN, h.m, h.d, h.gran)
	case h.monthRel:
		m := time.Date(ref.Year(), ref.Month()+time.Month(h.relN), 1, 0, 0, 0, 0, time.UTC)
		out.Value = formatDate(m.Year(), int(m.Month()), h.d, h.gran)
	case h.rel:
		out.Value = relValue(ref, h.relN, h.relUnit)
	case h.isWeekday:
		dir := h.force
		if dir == 0 {
			dir = s.tense(h.i, h.j)
		}
		out.Value = weekdayValue(ref, h.weekday, dir, h.force != 0).Format(sangbad.DateLayout)
	case h.gran == sangbad.GranularityDay:
		dir := h.force
		if dir == 0 {
			dir = s.tense(h.i, h.j)
		}
		t := nearestDayMonth(ref, h.m, h.d, dir, h.force != 0)
		if h.wdCheck && t.Weekday() != h.weekday {
			// "সোমবার (২২ জুন)": the year in reach whose 22 June is a Monday
			for _, y := range []int{ref.Year(), ref.Year() - 1, ref.Year() + 1} {
				if c := time.Date(y, time.Month(h.m), h.d, 0, 0, 0, 0, time.UTC); c.Day() == h.d && c.Weekday() == h.weekday {
					t = c
					break
				}
			}
		}
		out.Value = t.Format(sangbad.DateLayout)
	default: // month without year
		dir := h.force
		if dir == 0 {
			dir = s.tense(h.i, h.j)
		}
		t := nearestDayMonth(time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC), h.m, 1, dir, h.force != 0)
		out.Value = t.Format("2006-01")
	}
	return out
}

func formatDate(y, m, d int, gran string) string {
	switch gran {
	case sangbad.GranularityDay:
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case sangbad.GranularityMonth:
		return fmt.Sprintf("%04d-%02d", y, m)
	}
	return fmt.Sprintf("%04d", y)
}

func relValue(ref time.Time, n, unit int) string {
	switch unit {
	case uDay:
		return ref.AddDate(0, 0, n).Format(sangbad.DateLayout)
	case uWeek:
		y, w := ref.AddDate(0, 0, 7*n).ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	case uMonth:
		return time.Date(ref.Year(), ref.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC).Format("2006-01")
	}
	return fmt.Sprintf("%04d", ref.Year()+n)
}

// weekdayValue: dir < 0 (past) the latest such day <= ref, dir > 0 the
// next >= ref; strict excludes the reference day itself.
func weekdayValue(ref time.Time, wd time.Weekday, dir int, strict bool) time.Time {
	diff := int(wd - ref.Weekday())
	if dir > 0 {
		if diff < 0 || (strict && diff == 0) {
			diff += 7
		}
		return ref.AddDate(0, 0, diff)
	}
	if diff > 0 || (strict && diff == 0) {
		diff -= 7
	}
	return ref.AddDate(0, 0, diff)
}

// nearestDayMonth picks the year for a day and month: dir < 0 the latest
// on or before ref, dir > 0 the next on or after, 0 the closest.
func nearestDayMonth(ref time.Time, m, d int, dir int, strict bool) time.Time {
	var best time.Time
	bestDist := time.Duration(1<<63 - 1)
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		if !validDay(y, m, d) {
			continue
		}
		c := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
		switch {
		case dir < 0 && (c.After(ref) || (strict && c.Equal(ref))):
			continue
		case dir > 0 && (c.Before(ref) || (strict && c.Equal(ref))):
			continue
		}
		dist := c.Sub(ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist || (dist == bestDist && c.Before(best)) {
			best, bestDist = c, dist
		}
	}
	if best.IsZero() {
		return time.Date(ref.Year(), time.Month(m), min(d, 28), 0, 0, 0, 0, time.UTC)
	}
	return best
}

// banglaToGregorian converts a date of the revised Bangladesh calendar
// (in force since 2019: 1 বৈশাখ = 14 April; months 1-6 have 31 days, 7-10
// and 12 have 30, ফাল্গুন 29 or 30 in a Gregorian isLeapYear year).
func banglaToGregorian(y, m, d int) (time.Time, bool) {
	lengths := [12]int{31, 31, 31, 31, 31, 31, 30, 30, 30, 30, 29, 30}
	gy := y + 593
	if isLeapYear(gy + 1) {
		lengths[10] = 30
	}
	if m < 1 || m > 12 || d < 1 || d > lengths[m-1] {
		return time.Time{}, false
	}
	days := d - 1
	for i := 0; i < m-1; i++ {
		days += lengths[i]
	}
	return time.Date(gy, 4, 14, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), true
}

func isLeapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// scanDates finds the date expressions of d.
func scanDates(d *doc, toks []ntok) (*dateScanner, []dateHit) {
	s := &dateScanner{text: d.text, toks: toks, lang: d.lang}
	return s, s.scan()
}

// extractDates returns the dates of d resolved against ref (see the
// comment at the top of this file).
func extractDates(d *doc, ref time.Time, refSource string) []sangbad.Date {
	s, hits := d.dateScan()
	out := make([]sangbad.Date, 0, len(hits))
	for _, h := range hits {
		out = append(out, s.resolve(h, ref, refSource))
	}
	return out
}
