package lang_test

import (
	"context"
	"fmt"

	"github.com/sangbad/sangbad/lang"
)

func ExampleDetector_Detect() {
	d, err := lang.New(lang.Options{})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	for _, text := range []string{
		"চীনের TikTok এবং ইন্দোনেশিয়ার টেক গ্রুপ GoTo বেশ কয়েক মাস ধরে একটি ট্রায়াল ই-কমার্স অংশীদারিত্ব চালাবে।",
		"The two companies said their partnership would start with a pilot period.",
		"90%",
	} {
		l, err := d.Detect(ctx, text)
		if err != nil {
			panic(err)
		}
		if l.Reason != "" {
			fmt.Printf("%s: %s\n", l.Code, l.Reason)
			continue
		}
		fmt.Println(l.Code, l.Name, l.Script)
	}
	// Output:
	// bn Bengali Bengali
	// en English Latin
	// und: no letters (only digits, punctuation or symbols)
}

func ExampleDetector_Is() {
	d, err := lang.New(lang.Options{})
	if err != nil {
		panic(err)
	}
	ok, l, err := d.Is(context.Background(), "টিকটক টোকোপিডিয়ায় ১৫০ কোটি ডলার বিনিয়োগ করবে।", "en")
	if err != nil {
		panic(err)
	}
	fmt.Println(ok, l.Code)
	// Output: false bn
}

func ExampleName() {
	fmt.Println(lang.Name("bn"))
	fmt.Println(lang.Name("as"))
	fmt.Println(lang.Name("xx"))
	// Output:
	// Bengali true
	// Assamese true
	//  false
}
