package segment

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"danda", "আমরা আসব। তোমরা যাবে। ওরা থাকবে?", []string{"আমরা আসব।", "তোমরা যাবে।", "ওরা থাকবে?"}},
		{"abbreviations en", "Mr. Rahman met Dr. J. R. Smith on Monday. They spoke.", []string{"Mr. Rahman met Dr. J. R. Smith on Monday.", "They spoke."}},
		{"abbreviation bn", "মো. রহিম ও ডা. করিম এসেছেন। মোঃ সেলিম আসেননি।", []string{"মো. রহিম ও ডা. করিম এসেছেন।", "মোঃ সেলিম আসেননি।"}},
		{"U.S. inside", "The U.S. Senate voted on Tuesday. It passed.", []string{"The U.S. Senate voted on Tuesday.", "It passed."}},
		{"U.S. at end", "He lives in the U.S. He moved in 2010.", []string{"He lives in the U.S.", "He moved in 2010."}},
		{"p.m. inside", "It was 5 p.m. Friday when they left.", []string{"It was 5 p.m. Friday when they left."}},
		{"decimals and grouping", "Prices rose 3.5 percent to $1,250.75. দাম ২.৫ শতাংশ বেড়েছে।", []string{"Prices rose 3.5 percent to $1,250.75.", "দাম ২.৫ শতাংশ বেড়েছে।"}},
		{"number abbreviation", "He lives at No. 5 Road. He said no. She agreed.", []string{"He lives at No. 5 Road.", "He said no.", "She agreed."}},
		{"quote with attribution bn", "“সহজ নয়। হবে,” তিনি বলেন। পরে চলে যান।", []string{"“সহজ নয়। হবে,” তিনি বলেন।", "পরে চলে যান।"}},
		{"single quotes bn", "‘আমরা প্রস্তুত। সব হবে’, মন্ত্রী বলেন। তিনি চলে যান।", []string{"‘আমরা প্রস্তুত। সব হবে’, মন্ত্রী বলেন।", "তিনি চলে যান।"}},
		{"quote of two sentences", `Bush said: "I love you. I wish you all the best." Then he left.`, []string{`Bush said: "I love you. I wish you all the best."`, "Then he left."}},
		{"quote split by attribution", `"He'll battle cancer and win," Bush said, "and he'll be fine." Snow smiled.`, []string{`"He'll battle cancer and win," Bush said, "and he'll be fine."`, "Snow smiled."}},
		{"stray straight quote", `He said 5" of rain fell. "We are safe," she said. Nobody left.`, []string{`He said 5" of rain fell.`, `"We are safe," she said.`, "Nobody left."}},
		{"escaped quotes", `তিনি বলেন, \"আমরা যাব। তোমরা থাকো।\" এরপর সভা শেষ হয়।`, []string{`তিনি বলেন, \"আমরা যাব। তোমরা থাকো।\"`, "এরপর সভা শেষ হয়।"}},
		{"apostrophe in single quote", "‘We don’t know. Nobody does’, he said. Fine.", []string{"‘We don’t know. Nobody does’, he said.", "Fine."}},
		{"ellipsis", "Wait... what happened? Nobody knows… It ended.", []string{"Wait... what happened?", "Nobody knows…", "It ended."}},
		{"paragraphs", "First line without stop\nSecond paragraph here.\n\nThird one.", []string{"First line without stop", "Second paragraph here.", "Third one."}},
		// real sentences from the evaluation data (shared/eval)
		{"seed quote with danda and attribution", "“আমরা ট্রায়ালের জন্য তিন থেকে চার মাস সময় দেব কারণ প্রযুক্তি একটি সহজ জিনিস নয়। সম্ভবত এটি নিখুঁত করার প্রচেষ্টার প্রয়োজন হবে,” ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান বলেছেন।\n“মূল উদ্দেশ্য (ট্রায়ালের) হল বিক্রেতাদের সাহায্য করা,” তিনি বলেন।",
			[]string{"“আমরা ট্রায়ালের জন্য তিন থেকে চার মাস সময় দেব কারণ প্রযুক্তি একটি সহজ জিনিস নয়। সম্ভবত এটি নিখুঁত করার প্রচেষ্টার প্রয়োজন হবে,” ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান বলেছেন।", "“মূল উদ্দেশ্য (ট্রায়ালের) হল বিক্রেতাদের সাহায্য করা,” তিনি বলেন।"}},
		{"titles before names", "Thirty-two percent back former Arkansas Gov. Mike Huckabee and 11 percent support Ron Paul. The new survey indicates Arizona Sen. John McCain is the clear favorite.",
			[]string{"Thirty-two percent back former Arkansas Gov. Mike Huckabee and 11 percent support Ron Paul.", "The new survey indicates Arizona Sen. John McCain is the clear favorite."}},
		{"quote split by attribution, real", `"He'll battle cancer and win," Bush said, "and he'll be a solid contributor to society." Turning to Snow, the president then said: "I love you, and I wish you all the best."`,
			[]string{`"He'll battle cancer and win," Bush said, "and he'll be a solid contributor to society."`, `Turning to Snow, the president then said: "I love you, and I wish you all the best."`}},
		{"bengali date and money", "রংপুরে ১০০ কোটি টাকার মানহানির মামলায় ডেইলি স্টার পত্রিকার সম্পাদক মাহফুজ আনামের জামিন মঞ্জুর করা হয়েছে। আজ রোববার দুপুরে রংপুরের মুখ্য বিচারিক হাকিম আদালত এ আদেশ দেন।",
			[]string{"রংপুরে ১০০ কোটি টাকার মানহানির মামলায় ডেইলি স্টার পত্রিকার সম্পাদক মাহফুজ আনামের জামিন মঞ্জুর করা হয়েছে।", "আজ রোববার দুপুরে রংপুরের মুখ্য বিচারিক হাকিম আদালত এ আদেশ দেন।"}},
		{"hard wrap", "The minister said the\nplan would work. Yes.", []string{"The minister said the\nplan would work.", "Yes."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(tt.text) {
				got = append(got, s.Text)
				// offsets are code points into the input
				if sl := NewIndex(tt.text).Slice(s.Start, s.End); sl != s.Text {
					t.Errorf("span %d-%d slices %q, text %q", s.Start, s.End, sl, s.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Sentences(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Smith said: “A. B,” then left. আমরা আসব।")
	f.Add(`"a" "b. c" \"d\" ‘e’`)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		ix := NewIndex(text)
		last := 0
		for _, s := range Sentences(text) {
			if s.Start < last || s.End <= s.Start || s.End > ix.Len() {
				t.Fatalf("bad span %+v after %d", s, last)
			}
			if ix.Slice(s.Start, s.End) != s.Text {
				t.Fatalf("span %+v does not slice its text", s)
			}
			last = s.End
		}
	})
}

func TestPluralTitles(t *testing.T) {
	got := Sentences("LOS ANGELES (CNN) -- Sens. John McCain and Barack Obama spoke on Monday. They disagreed.")
	if len(got) != 2 {
		t.Fatalf("%d sentences, want 2: %+v", len(got), got)
	}
}
