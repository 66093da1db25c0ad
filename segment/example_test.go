package segment_test

import (
	"fmt"

	"github.com/sangbad/sangbad/segment"
)

func ExampleSentences() {
	for _, s := range segment.Sentences("Mr. Rahman arrived at 3.5 p.m. on Monday. He spoke.\nআমরা আসব। “সহজ নয়। হবে,” তিনি বলেন।") {
		fmt.Printf("%d-%d %s\n", s.Start, s.End, s.Text)
	}
	// Output:
	// 0-41 Mr. Rahman arrived at 3.5 p.m. on Monday.
	// 42-51 He spoke.
	// 52-61 আমরা আসব।
	// 62-88 “সহজ নয়। হবে,” তিনি বলেন।
}
