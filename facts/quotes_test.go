package facts

import (
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

// quoteRow is what a test compares of a quote.
type quoteRow struct {
	Start, End    int
	Direct        bool
	Speaker       string
	SpeakerText   string
	SpeakerIsSame bool // SpeakerID names the actor called Speaker
}

func quoteRows(f sangbad.Facts) []quoteRow {
	var out []quoteRow
	for _, q := range f.Quotes {
		r := quoteRow{Start: q.Start, End: q.End, Direct: q.Direct, Speaker: q.Speaker}
		if q.SpeakerSpan != nil {
			r.SpeakerText = q.SpeakerSpan.Text
		}
		for _, a := range f.Actors {
			if a.ID == q.SpeakerID && a.Name == q.Speaker {
				r.SpeakerIsSame = true
			}
		}
		out = append(out, r)
	}
	return out
}

func TestExtractQuotesSeedBengali(t *testing.T) {
	e := New()
	text := readFixture(t, filepath.Join("testdata", "actors", "seed_bn.txt"))
	f := extractFacts(t, e, text, "")
	checkOffsets(t, text, f)
	zul := "জুলকিফলি হাসান"
	// bengali.md §10.7: S1, S2, S4-S7 and S9-S10 (S3 and S8 have no named
	// speaker and are left out)
	want := []quoteRow{
		{24, 225, false, zul, "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী", true},
		{293, 553, false, "TikTok", "TikTok", true},
		{708, 839, true, zul, "জুলকিফলি হাসান", true},
		{968, 1091, true, zul, "তিনি", true},
		{1119, 1191, false, zul, "জুলকিফলি", true},
		{1207, 1279, false, zul, "তিনি", true},
		{1869, 2008, false, "Jefferies", "Jefferies", true},
		{2021, 2168, false, "Jefferies", "তারা", true},
	}
	if diff := cmp.Diff(want, quoteRows(f)); diff != "" {
		t.Errorf("quotes (-want +got):\n%s", diff)
	}
}

func TestExtractQuotes(t *testing.T) {
	e := New()
	tests := []struct {
		name, lang, text string
		want             []quoteRow
	}{
		{"english after", "en", `"We will give three to four months for the trial," Zulkifli Hasan said on Tuesday.`,
			[]quoteRow{{0, 50, true, "Zulkifli Hasan", "Zulkifli Hasan", true}}},
		{"english inverted and pronoun", "en", `Trade minister Zulkifli Hasan spoke first. "This is not a simple thing," he said. "We need time to get it right."`,
			[]quoteRow{{43, 72, true, "Zulkifli Hasan", "he", true}, {82, 113, true, "Zulkifli Hasan", "", true}}},
		{"english before", "en", `Mary Jones said: "The deal is done and signed."`,
			[]quoteRow{{17, 47, true, "Mary Jones", "Mary Jones", true}}},
		{"english indirect", "en", "Mary Jones said that the deal would close next month.",
			[]quoteRow{{21, 52, false, "Mary Jones", "Mary Jones", true}}},
		{"told reporters", "en", "John Smith told reporters the suspect had fled the city.",
			[]quoteRow{{26, 55, false, "John Smith", "John Smith", true}}},
		{"told reporters after the content", "en", "The suspect fled the city, John Smith told reporters on Monday.",
			[]quoteRow{{0, 25, false, "John Smith", "John Smith", true}}},
		{"a quotation that ends its sentence belongs to the speaker before it", "bn", `অধিনায়ক নাজমুল হোসেন শান্ত বলেন, "দলের সবাই দায়িত্ব পালন করেছে।" নিউজিল্যান্ডের অধিনায়ক টিম সাউদি বলেছেন, স্পিনের বিপক্ষে তাঁরা ভালো খেলতে পারেননি।`,
			[]quoteRow{{34, 66, true, "নাজমুল হোসেন শান্ত", "নাজমুল হোসেন শান্ত", true}, {109, 149, false, "টিম সাউদি", "টিম সাউদি", true}}},
		{"a participle clause shares its sentence's subject", "en", `Defense lawyer Marc Mukasey argued for six years, saying his client was "not a ruthless financial serial killer."`,
			[]quoteRow{{72, 113, true, "Marc Mukasey", "Marc Mukasey", true}}},
		{"a phrase between the verb and that", "en", "John J. Ray III, who took over the company, said in a letter that customers would get back all they were owed.",
			[]quoteRow{{66, 109, false, "John J. Ray III", "John J. Ray III", true}}},
		{"a role set off before the speaker is no content", "en", "In India's West Bengal state, two people died, the state's chief minister, Mamata Banerjee, told reporters.",
			[]quoteRow{{0, 45, false, "Mamata Banerjee", "Mamata Banerjee", true}}},
		{"a quoted description after 'called it'; a full stop after the quotation ends its sentence", "en", `Prime Minister Narendra Modi called it "inclusive and innovative". Congress president Mallikarjun Kharge said the government had failed on jobs.`,
			[]quoteRow{{39, 65, true, "Narendra Modi", "Narendra Modi", true}, {110, 143, false, "Mallikarjun Kharge", "Mallikarjun Kharge", true}}},
		{"a discourse marker is no part of what was said", "en", "Meanwhile, police arrested at least 120 opposition activists, according to BNP spokesperson Ruhul Kabir Rizvi.",
			[]quoteRow{{11, 60, false, "Ruhul Kabir Rizvi", "Ruhul Kabir Rizvi", true}}},
		{"a short quotation nobody said is no quote", "en", `The crowd chanted "God is great" as the bodies were dragged through the streets.`, nil},
		{"the person, not the organisation owning the role, speaks", "bn", "নিরাপত্তার জন্য প্রায় দেড় হাজার পুলিশ সদস্য মোতায়েন করা হয়েছিল বলে জানিয়েছেন ডিএমপি কমিশনার হাবিবুর রহমান।",
			[]quoteRow{{0, 66, false, "হাবিবুর রহমান", "হাবিবুর রহমান", true}}},
		{"a written statement", "bn", `প্রধান নির্বাহী স্যাম অল্টম্যান এক্সে লিখেছেন, "এটি জাদুর মতো মনে হয়।"`,
			[]quoteRow{{47, 71, true, "স্যাম অল্টম্যান", "স্যাম অল্টম্যান", true}}},
		{"short phrase after the verb", "en", "The new board will include Larry Summers, OpenAI said in a post.",
			[]quoteRow{{0, 40, false, "OpenAI", "OpenAI", true}}},
		{"attribution set off by commas", "en", "Consumer prices rose 3.1% in November, the Labor Department said Tuesday, down from a peak of 9.1%.",
			[]quoteRow{{0, 37, false, "Labor Department", "Labor Department", true}}},
		{"bengali verb first, speaker last", "bn", "চলতি বছর মূল্যস্ফীতি কমবে বলে জানিয়েছে বাংলাদেশ ব্যাংক।",
			[]quoteRow{{0, 25, false, "Bangladesh Bank", "বাংলাদেশ ব্যাংক", true}}},
		{"bengali role name with a common word inside", "bn", "চলতি বছর মূল্যস্ফীতি কমবে বলে জানান অর্থমন্ত্রী আবুল মাল আবদুল মুহিত।",
			[]quoteRow{{0, 25, false, "আবুল মাল আবদুল মুহিত", "অর্থমন্ত্রী", true}}}, // the role word right after the verb
		{"english role-only speaker", "en", "Indonesia's trade minister Zulkifli Hasan said the rules were fair. Later the trade minister told reporters that sellers would adapt.",
			[]quoteRow{{47, 66, false, "Zulkifli Hasan", "Zulkifli Hasan", true}, {113, 132, false, "Zulkifli Hasan", "the trade minister", true}}},
		{"bengali role-only speaker", "bn", "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান সোমবার বলেন, এটি ভালো। তবে ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী পরে বলেন, নিয়ম মানতে হবে।",
			[]quoteRow{{57, 65, false, "জুলকিফলি হাসান", "জুলকিফলি হাসান", true}, {110, 125, false, "জুলকিফলি হাসান", "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী", true}}},
		{"titles of works are no quotes", "en", `He hosted "The Tony Snow Show" and appeared on "Fox News Sunday" often.`, nil},
		{"scare quotes are no quotes", "en", `The so-called "experts" left.`, nil},
		{"bengali speaker first", "bn", readFixture(t, filepath.Join("testdata", "quotes", "cases_bn.txt")),
			[]quoteRow{{34, 75, true, "টিপু মুনশি", "টিপু মুনশি", true}, {76, 121, true, "টিপু মুনশি", "তিনি", true}}},
		{"bengali role and speaker first", "bn", "আওয়ামী লীগের সাধারণ সম্পাদক ওবায়দুল কাদের বলেন, ‘নির্বাচন সময়মতো হবে।’",
			[]quoteRow{{50, 73, true, "ওবায়দুল কাদের", "ওবায়দুল কাদের", true}}},
		{"bengali adverbials before the verb", "bn", "প্রধানমন্ত্রী শেখ হাসিনা আজ গণভবনে এক অনুষ্ঠানে বলেছেন, সরকার দেশের উন্নয়নে কাজ করে যাচ্ছে।",
			[]quoteRow{{56, 91, false, "শেখ হাসিনা", "শেখ হাসিনা", true}}},
		{"a role before the speaker is no content", "bn", "বিএনপির মহাসচিব মির্জা ফখরুল ইসলাম আলমগীর সংবাদ সম্মেলনে এ অভিযোগ করেন।", nil},
		{"bengali participle is no saying", "bn", "সরকার নিরাপত্তার কথা উল্লেখ করে অনলাইন কেনাকাটা নিষিদ্ধ করেছে।", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, tt.lang)
			checkOffsets(t, tt.text, f)
			if diff := cmp.Diff(tt.want, quoteRows(f)); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}
