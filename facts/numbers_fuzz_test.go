package facts

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzNumbers checks that Numbers, extractAmounts and extractDates never
// panic and that every span they return is the text at its offsets. The
// seed corpus is in testdata/fuzz/FuzzNumbers.
func FuzzNumbers(f *testing.F) {
	f.Add("$840 মিলিয়ন ও ৮৪ কোটি ডলার, 90%, তিন থেকে চার মাস")
	f.Add("JAKARTA, Dec 12 (Reuters) - $5-6 billion, 1,25,000 users on Monday")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		runes := []rune(text)
		ok := func(what, s string, start, end int) {
			if start < 0 || end > len(runes) || start > end || string(runes[start:end]) != s {
				t.Fatalf("%s %q at %d-%d does not match the text %q", what, s, start, end, text)
			}
		}
		for _, n := range Numbers(text) {
			ok("number", n.Text, n.Start, n.End)
		}
		d := newDoc(text, "")
		for _, a := range extractAmounts(d) {
			ok("amount", a.Text, a.Start, a.End)
			ok("amount number", a.Number.Text, a.Number.Start, a.Number.End)
		}
		ref, src := referenceDate(d, day("2023-12-12"))
		for _, dd := range extractDates(d, ref, src) {
			ok("date", dd.Text, dd.Start, dd.End)
		}
		// without a reference (a dateline may still give one)
		ref, src = referenceDate(d, time.Time{})
		for _, dd := range extractDates(d, ref, src) {
			ok("date", dd.Text, dd.Start, dd.End)
			if src == "" && dd.Relative && (dd.Value != "" || !dd.Unresolved) {
				t.Fatalf("relative date %q resolved without a reference: %+v", dd.Text, dd)
			}
		}
	})
}
