package facts_test

import (
	"fmt"

	"github.com/sangbad/sangbad/facts"
)

// The same amount written in English and in Bengali, in Latin or Bengali
// digits, gives the same value; Bengali number words that are also
// ordinary words (নয় "is not", তিনি "he") give no number.
func ExampleNumbers() {
	for _, text := range []string{
		"TikTok agreed to spend $840 million.",
		"TikTok ৮৪ কোটি ডলার খরচ করবে, তিনি বলেন। এটি সহজ নয়।",
		"দেশের ৯০% কর্মশক্তি, 2030 সালের মধ্যে",
	} {
		for _, n := range facts.Numbers(text) {
			fmt.Printf("%q %.0f currency=%q percent=%v year=%v\n", n.Text, n.Value, n.Currency, n.Percent, n.Year)
		}
	}
	// Output:
	// "840 million" 840000000 currency="USD" percent=false year=false
	// "৮৪ কোটি" 840000000 currency="USD" percent=false year=false
	// "৯০" 90 currency="" percent=true year=false
	// "2030" 2030 currency="" percent=false year=true
}
