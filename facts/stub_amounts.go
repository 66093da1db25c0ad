package facts

import (
	"time"

	"github.com/sangbad/sangbad"
)

// TODO(amounts helper): replace this file.

func extractAmounts(d *doc) []sangbad.Amount { return nil }

func referenceDate(d *doc, published time.Time) (time.Time, string) {
	if !published.IsZero() {
		return published, "published"
	}
	return time.Time{}, ""
}

func extractDates(d *doc, ref time.Time, refSource string) []sangbad.Date { return nil }

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
}

// Numbers returns every number in text, for the verifier.
func Numbers(text string) []Number { return nil }
