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
