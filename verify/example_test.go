package verify_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/verify"
)

// A summary is checked against its source; the issues name the offending
// text with code-point offsets into the summary.
func ExampleVerifier_Verify() {
	v := verify.New(facts.New(), nil) // pass the lang detector to check the language with it too
	res, err := v.Verify(context.Background(), verify.Request{
		Source:    "জাকার্তা, ডিসেম্বর 12 – TikTok সোমবার বলেছে এটি টোকোপিডিয়ার বেশিরভাগ কেনার জন্য $840 মিলিয়ন খরচ করতে সম্মত হয়েছে।",
		Text:      "TikTok said on Monday it would spend $850 million on Tokopedia.",
		Published: time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC),
		Language:  "en",
	})
	if err != nil {
		fmt.Println(sangbad.ErrorMessage(err))
		return
	}
	verify.Format(os.Stdout, res)
}

func ExampleFormat() {
	verify.Format(os.Stdout, verify.Result{
		Issues: []sangbad.Issue{{
			Kind: sangbad.IssueNumber, Text: "$850 million", Start: 37, End: 49,
			Message: "amount 850000000 USD not in source; nearest: $840 মিলিয়ন (840000000 USD)",
		}},
		Checked:   verify.Counts{Numbers: 1, Dates: 1, Names: 2},
		Reference: "2023-12-12",
	})
	// Output:
	// NOT VERIFIED: 1 issue (checked 1 number, 1 date, 2 names; dates resolved against 2023-12-12)
	//   1. number   37-49 "$850 million": amount 850000000 USD not in source; nearest: $840 মিলিয়ন (840000000 USD)
}
