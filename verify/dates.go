package verify

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/sangbad/sangbad"
)

// dates checks every resolved date of the text. A text date must equal a
// source date or be a coarser statement of one ("December", "2023" for a
// source's 2023-12-12); a finer one ("Dec 12" for a source's "December")
// adds precision the source does not have.
func (c *check) dates() {
	for _, d := range c.txt.Facts.Dates {
		if d.Value == "" {
			continue // unresolved: nothing to compare
		}
		c.counts.Dates++
		if c.src.supportsDate(d.Value) {
			continue
		}
		msg := "date " + d.Value
		if d.Relative && d.Reference != "" {
			msg += fmt.Sprintf(" (%q resolved against %s)", d.Text, d.Reference)
		}
		c.add(sangbad.IssueDate, d.Start, d.End, msg+" not in source; "+c.src.dateList())
	}
}

// supportsDate reports whether an ISO date value (day, week, month or year)
// is a source date or a coarser form of one.
func (s *Source) supportsDate(v string) bool {
	if len(v) == 4 {
		if y, ok := yearOf(v); ok && s.years[y] {
			return true
		}
	}
	for _, d := range s.facts.Facts.Dates {
		if covers(v, d.Value) {
			return true
		}
	}
	return false
}

// covers reports whether text date t states source date d at the same or a
// coarser granularity.
func covers(t, d string) bool {
	if d == "" {
		return false
	}
	if t == d || strings.HasPrefix(d, t+"-") {
		return true
	}
	if y, w, ok := isoWeek(t); ok {
		day, err := time.Parse(sangbad.DateLayout, d)
		if err != nil {
			return false
		}
		dy, dw := day.ISOWeek()
		return dy == y && dw == w
	}
	return false
}

// isoWeek parses "2023-W50".
func isoWeek(v string) (year, week int, ok bool) {
	i := strings.Index(v, "-W")
	if i != 4 {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(v, "%4d-W%d", &year, &week); err != nil || week < 1 || week > 53 {
		return 0, 0, false
	}
	return year, week, true
}

// dateList names the source's dates for a message.
func (s *Source) dateList() string {
	seen := map[string]bool{}
	var vs []string
	for _, d := range s.facts.Facts.Dates {
		if d.Value != "" && !seen[d.Value] {
			seen[d.Value] = true
			vs = append(vs, d.Value)
		}
	}
	if len(vs) == 0 {
		var ys []string
		for y := range s.years {
			ys = append(ys, fmt.Sprint(y))
		}
		if len(ys) == 0 {
			return "the source has no dates"
		}
		sort.Strings(ys)
		vs = ys
	}
	const most = 8
	more := ""
	if len(vs) > most {
		more = fmt.Sprintf(" and %d more", len(vs)-most)
		vs = vs[:most]
	}
	return "source dates: " + strings.Join(vs, ", ") + more
}
