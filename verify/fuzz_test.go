package verify_test

import (
	"context"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/verify"
)

// FuzzVerify checks that Verify never panics and that every issue's
// offsets are valid code-point offsets into the text that select the
// issue's Text. Seeds are in testdata/fuzz/FuzzVerify.
func FuzzVerify(f *testing.F) {
	f.Add("TikTok সোমবার বলেছে $840 মিলিয়ন খরচ করবে।", "TikTok will spend $850 million on Tuesday.", "en")
	v := verify.New(facts.New(), scriptDetector{})
	pub := time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, source, text, lang string) {
		res, err := v.Verify(context.Background(), verify.Request{Source: source, Text: text, Published: pub, Language: lang})
		if err != nil {
			if k := sangbad.ErrorKind(err); k != sangbad.Invalid {
				t.Fatalf("error of kind %q: %v", k, err)
			}
			return
		}
		n := utf8.RuneCountInString(text)
		runes := []rune(text)
		for _, is := range res.Issues {
			if is.Start < 0 || is.End < is.Start || is.End > n {
				t.Fatalf("issue %+v outside text of %d code points", is, n)
			}
			if got := string(runes[is.Start:is.End]); got != is.Text {
				t.Fatalf("issue %+v selects %q", is, got)
			}
		}
		if res.Verified != (len(res.Issues) == 0) {
			t.Fatalf("Verified = %v with %d issues", res.Verified, len(res.Issues))
		}
	})
}
