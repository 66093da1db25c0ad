package summarize_test

import (
	"fmt"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/summarize"
)

func ExampleExtractive_Summarize() {
	e, err := summarize.NewExtractive()
	if err != nil {
		panic(err)
	}
	text := "DHAKA, June 22 (UNB) - Rice prices rose 40 percent in Dhaka this month, traders said on Monday. " +
		"The weather was pleasant. " +
		"The government said it would import 2 million tonnes of rice to bring prices down. " +
		"Traders said prices rose because floods delayed the harvest."
	s := e.Summarize(summarize.Document{Text: text, Language: "en"}, sangbad.LengthHeadline)
	fmt.Println(s.Text)
	fmt.Println(s.Sentences[0].Sources)
	// Output:
	// Rice prices rose 40 percent in Dhaka this month, traders said on Monday
	// [0]
}
