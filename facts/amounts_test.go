package facts

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sangbad/sangbad"
)

// amt is the part of an Amount a test compares.
type amt struct {
	Text      string
	Kind      string
	Value     float64
	ValueMax  float64
	Currency  string
	Unit      string
	Approx    bool
	Qualifier string
}

func project(as []sangbad.Amount) []amt {
	out := []amt{}
	for _, a := range as {
		p := amt{Text: a.Text, Kind: a.Kind, Value: a.Value, Currency: a.Currency, Unit: a.Unit, Approx: a.Approximate, Qualifier: a.Qualifier}
		if a.ValueMax != nil {
			p.ValueMax = *a.ValueMax
		}
		out = append(out, p)
	}
	return out
}

// approxFloat compares normalised values that went through decimals.
var approxFloat = cmpopts.EquateApprox(1e-9, 0)

func TestExtractAmounts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []amt
	}{
		{"reuters dollars", "TikTok said on Monday it agreed to spend $840 million to buy most of Tokopedia.",
			[]amt{{Text: "$840 million", Kind: "money", Value: 840e6, Currency: "USD"}}},
		{"more than double", "Indonesia's e-commerce market is forecast to more than double to $160bn by 2030.",
			[]amt{{Text: "$160bn", Kind: "money", Value: 160e9, Currency: "USD"}}},
		{"users approx", "The app has about 125 million monthly active users in Indonesia.",
			[]amt{{Text: "about 125 million", Kind: "quantity", Value: 125e6, Unit: "users", Approx: true}}},
		{"percent sign", "Small businesses employ 90% of the country's workforce, he added.",
			[]amt{{Text: "90%", Kind: "percent", Value: 90, Unit: "percent"}}},
		{"per cent", "Inflation eased to 4.5 per cent in November.",
			[]amt{{Text: "4.5 per cent", Kind: "percent", Value: 4.5, Unit: "percent"}}},
		{"word range", "We will give the trial three to four months, the minister said.",
			[]amt{{Text: "three to four months", Kind: "quantity", Value: 3, ValueMax: 4, Unit: "months"}}},
		{"money range distributes scale", "Analysts see revenue of $5-6 billion next year.",
			[]amt{{Text: "$5-6 billion", Kind: "money", Value: 5e9, ValueMax: 6e9, Currency: "USD"}}},
		{"minor units", "Shares rose to 245 pence; oil fell 12 cents; diesel costs 50 paise more; a coin of 20 euro cents.",
			[]amt{{Text: "245 pence", Kind: "money", Value: 2.45, Currency: "GBP"}, {Text: "12 cents", Kind: "money", Value: 0.12, Currency: "USD"},
				{Text: "50 paise", Kind: "money", Value: 0.5, Currency: "INR"}, {Text: "20 euro cents", Kind: "money", Value: 0.2, Currency: "EUR"}}},
		{"bengali chain with a classifier on its tail", "হাসপাতালে ভর্তি হয়েছেন ১ লাখ ৯৭ হাজার ৬৩২ জন।",
			[]amt{{Text: "১ লাখ ৯৭ হাজার ৬৩২ জন", Kind: "quantity", Value: 197632, Unit: "জন"}}},
		{"a Bengali decimal with a zero read out", "গড় পাসের হার ৮৩ দশমিক শূন্য ৪ শতাংশ।",
			[]amt{{Text: "৮৩ দশমিক শূন্য ৪ শতাংশ", Kind: "percent", Value: 83.04, Unit: "percent"}}},
		{"a noun modifying the counted noun", "Police arrested at least 120 opposition activists and 50 police officers.",
			[]amt{{Text: "at least 120", Kind: "quantity", Value: 120, Unit: "activists", Qualifier: "at_least"}, {Text: "50", Kind: "quantity", Value: 50, Unit: "officers"}}},
		{"an adverb before a count is no noun", "গত এক মাসে গাড়ি চলেছে মাত্র ৩ লাখ ৭০ হাজার।",
			[]amt{{Text: "এক মাসে", Kind: "quantity", Value: 1, Unit: "মাস"}, {Text: "৩ লাখ ৭০ হাজার", Kind: "quantity", Value: 370000}}},
		{"bengali count with its noun before it", "জিও প্ল্যাটফর্মসের গ্রাহক এখন ৪৭ কোটি।",
			[]amt{{Text: "৪৭ কোটি", Kind: "quantity", Value: 47e7, Unit: "গ্রাহক"}}},
		{"bengali adjective before the counted noun", "বাজেটে প্রায় ১২ লাখ নতুন কর্মসংস্থানের কথা বলা হয়েছে।",
			[]amt{{Text: "প্রায় ১২ লাখ", Kind: "quantity", Value: 12e5, Unit: "কর্মসংস্থান", Approx: true}}},
		{"percent ranges", "The rate stays at 5.25% to 5.5%; growth will be between 2% and 3%, up from 1% to 2%.",
			[]amt{{Text: "5.25% to 5.5%", Kind: "percent", Value: 5.25, ValueMax: 5.5, Unit: "percent"},
				{Text: "2% and 3%", Kind: "percent", Value: 2, ValueMax: 3, Unit: "percent"},
				{Text: "1%", Kind: "percent", Value: 1, Unit: "percent"}, {Text: "2%", Kind: "percent", Value: 2, Unit: "percent"}}},
		{"bengali percent range", "মূল্যস্ফীতি ৫ শতাংশ থেকে ৬ শতাংশের মধ্যে থাকবে।",
			[]amt{{Text: "৫ শতাংশ থেকে ৬ শতাংশের", Kind: "percent", Value: 5, ValueMax: 6, Unit: "percent"}}},
		{"a large count with its noun left out; small ones and years are not", "Net migration reached a record 906,000 in 2023, up from five; 42 came back.",
			[]amt{{Text: "906,000", Kind: "quantity", Value: 906000}}},
		{"negative numbers", "The rate rose to 0.1% from -0.1%, or minus 0.1 percent; it was −3.2 degrees; the score was 3-4.",
			[]amt{{Text: "0.1%", Kind: "percent", Value: 0.1, Unit: "percent"}, {Text: "-0.1%", Kind: "percent", Value: -0.1, Unit: "percent"},
				{Text: "minus 0.1 percent", Kind: "percent", Value: -0.1, Unit: "percent"}, {Text: "−3.2", Kind: "quantity", Value: -3.2, Unit: "degrees"}}},
		{"index points and percentage points", "The Sensex closed 106 points lower; the jobless rate rose 0.3 percentage points.",
			[]amt{{Text: "106", Kind: "quantity", Value: 106, Unit: "points"}, {Text: "0.3 percentage points", Kind: "percent", Value: 0.3, Unit: "percentage point"}}},
		{"basis points", "নীতি সুদহার ৫০ বেসিস পয়েন্ট বাড়িয়েছে। The Fed raised rates by 25 basis points.",
			[]amt{{Text: "৫০ বেসিস পয়েন্ট", Kind: "quantity", Value: 50, Unit: "basis point"}, {Text: "25 basis points", Kind: "quantity", Value: 25, Unit: "basis point"}}},
		{"a code's number is no amount", "আইএমএফের হিসাব পদ্ধতি বিপিএম-৬ অনুযায়ী রিজার্ভ কমেছে। কোভিড-১৯ মহামারি শেষ।", []amt{}},
		{"a scaled count with its noun left out", "The storm left more than 3.5 million without power.",
			[]amt{{Text: "more than 3.5 million", Kind: "quantity", Value: 3.5e6, Qualifier: "more_than"}}},
		{"part of a named whole", "More than 700 of OpenAI's roughly 770 employees threatened to quit.",
			[]amt{{Text: "More than 700", Kind: "quantity", Value: 700, Unit: "employees", Qualifier: "more_than"}, {Text: "roughly 770", Kind: "quantity", Value: 770, Unit: "employees", Approx: true}}},
		{"part of a whole", "The Awami League won 222 of the 299 seats contested.",
			[]amt{{Text: "222", Kind: "quantity", Value: 222, Unit: "seats"}, {Text: "299", Kind: "quantity", Value: 299, Unit: "seats"}}},
		{"unit after a name is a quantity", "It took Tokopedia 10 years to build the platform.",
			[]amt{{Text: "10 years", Kind: "quantity", Value: 10, Unit: "years"}}},
		{"model number stays out", "The airline grounded its Boeing 737 jets.", []amt{}},
		{"time zone clock", "The game starts at 8 ET on Sunday, and polls close at 10 GMT.", []amt{}},
		{"bn clock classifier", "১০টায় সভা শুরু হয়, রাত ৮টার দিকে আগুন লাগে।", []amt{}},
		{"bn legal section is no quantity", "আসামি ১৬৪ ধারায় জবানবন্দি দেন এবং সংবিধানের ৭০ অনুচ্ছেদ নিয়ে ৩ জন কথা বলেন।",
			[]amt{{Text: "৩ জন", Kind: "quantity", Value: 3, Unit: "জন"}}},
		{"n-plus is no unit", "None of the 1,000-plus detainees left after a 10-day trip.",
			[]amt{{Text: "1,000", Kind: "quantity", Value: 1000, Unit: "detainees"}, {Text: "10-day", Kind: "quantity", Value: 10, Unit: "day"}}},
		{"lakh crore", "The government placed a budget of Tk 7.5 lakh crore in parliament.",
			[]amt{{Text: "Tk 7.5 lakh crore", Kind: "money", Value: 7.5e12, Currency: "BDT"}}},
		{"indian grouping", "The state will invest Rs 1,63,900 crore over five years.",
			[]amt{{Text: "Rs 1,63,900 crore", Kind: "money", Value: 1.639e12, Currency: "INR"}, {Text: "five years", Kind: "quantity", Value: 5, Unit: "years"}}},
		{"US$ and bn", "Grab raised US$1.2bn from investors.",
			[]amt{{Text: "US$1.2bn", Kind: "money", Value: 1.2e9, Currency: "USD"}}},
		{"pounds with m", "The club paid £5m for the striker.",
			[]amt{{Text: "£5m", Kind: "money", Value: 5e6, Currency: "GBP"}}},
		{"qualifiers", "At least 14 people were killed and more than 1,000 were evacuated, up to 50,000 workers said.",
			[]amt{
				{Text: "At least 14", Kind: "quantity", Value: 14, Unit: "people", Qualifier: "at_least"},
				{Text: "more than 1,000", Kind: "quantity", Value: 1000, Qualifier: "more_than"}, // a large count without its noun
				{Text: "up to 50,000", Kind: "quantity", Value: 50000, Unit: "workers", Qualifier: "up_to"},
			}},
		{"measures", "The blast was about 20 meters (65 feet) from a mosque.",
			[]amt{{Text: "about 20 meters", Kind: "quantity", Value: 20, Unit: "meters", Approx: true}, {Text: "65 feet", Kind: "quantity", Value: 65, Unit: "feet"}}},
		{"a dozen", "A dozen protesters were detained.",
			[]amt{{Text: "A dozen", Kind: "quantity", Value: 12, Unit: "protesters"}}},
		{"yuan pair", "China pledged 1.5 trillion yuan (US$205 billion) for the plan.",
			[]amt{{Text: "1.5 trillion yuan", Kind: "money", Value: 1.5e12, Currency: "CNY"}, {Text: "US$205 billion", Kind: "money", Value: 205e9, Currency: "USD"}}},
		{"lists ages and models", "1. The first point\n2) A 30-year-old man, aged 45, flew a Boeing 737 on Interstate 35 and won 2-1 in the 1990s.",
			[]amt{}},
		{"english traps", "COVID-19 cases rose at the G20 summit; he came 1st at 5 p.m. on 10:30 in 2023, one of the best. Call 01711-123456.",
			[]amt{}},

		{"bn dollars suffix", "তারা বলেছে মোট লেনদেনের মূল্য এই বছর 6 বিলিয়ন ডলারে পৌঁছেছে।",
			[]amt{{Text: "6 বিলিয়ন ডলারে", Kind: "money", Value: 6e9, Currency: "USD"}}},
		{"bn crore dollars", "চুক্তির মূল্য ৮৪ কোটি ডলার।",
			[]amt{{Text: "৮৪ কোটি ডলার", Kind: "money", Value: 840e6, Currency: "USD"}}},
		{"bn descending chain", "ব্যাংক থেকে ১ কোটি ৪৯ লাখ ১০ হাজার টাকা আত্মসাৎ করা হয়েছে।",
			[]amt{{Text: "১ কোটি ৪৯ লাখ ১০ হাজার টাকা", Kind: "money", Value: 14910000, Currency: "BDT"}}},
		{"bn multiplied sum", "বাজেটের আকার ৭ লাখ ৯০ হাজার কোটি টাকার।",
			[]amt{{Text: "৭ লাখ ৯০ হাজার কোটি টাকার", Kind: "money", Value: 7.9e12, Currency: "BDT"}}},
		{"bn fraction words", "প্রকল্পে দেড় কোটি টাকা ও আড়াই লাখ ডলার ব্যয় হবে।",
			[]amt{{Text: "দেড় কোটি টাকা", Kind: "money", Value: 1.5e7, Currency: "BDT"}, {Text: "আড়াই লাখ ডলার", Kind: "money", Value: 250000, Currency: "USD"}}},
		{"bn decimal word", "রিজার্ভ কমে ২৩ দশমিক ৫৭ বিলিয়ন ডলারে দাঁড়িয়েছে।",
			[]amt{{Text: "২৩ দশমিক ৫৭ বিলিয়ন ডলারে", Kind: "money", Value: 23.57e9, Currency: "USD"}}},
		{"bn percent", "মূল্যস্ফীতি ৯ দশমিক ৫ শতাংশে দাঁড়িয়েছে, যা শতকরা ৯০ ভাগ মানুষকে ভোগাচ্ছে।",
			[]amt{{Text: "৯ দশমিক ৫ শতাংশে", Kind: "percent", Value: 9.5, Unit: "percent"}, {Text: "শতকরা ৯০ ভাগ", Kind: "percent", Value: 90, Unit: "percent"}}},
		{"bn taka sign after", "প্রতি কেজি চাল ১১০৳ দরে বিক্রি হচ্ছে।",
			[]amt{{Text: "১১০৳", Kind: "money", Value: 110, Currency: "BDT"}}},
		{"bn counts", "সংঘর্ষে অন্তত ৫ জন নিহত এবং ১০০ জনের বেশি আহত হয়েছেন, ১০টি দেশ অংশ নেয়।",
			[]amt{
				{Text: "অন্তত ৫ জন", Kind: "quantity", Value: 5, Unit: "জন", Qualifier: "at_least"},
				{Text: "১০০ জনের বেশি", Kind: "quantity", Value: 100, Unit: "জন", Qualifier: "more_than"},
				{Text: "১০টি", Kind: "quantity", Value: 10, Unit: "দেশ"},
			}},
		{"bn word range", "আমরা ট্রায়ালের জন্য তিন থেকে চার মাস সময় দেব।",
			[]amt{{Text: "তিন থেকে চার মাস", Kind: "quantity", Value: 3, ValueMax: 4, Unit: "মাস"}}},
		{"bn digit range", "কাজ শেষ হতে ৩-৪ মাস লাগবে।",
			[]amt{{Text: "৩-৪ মাস", Kind: "quantity", Value: 3, ValueMax: 4, Unit: "মাস"}}},
		{"bn approx chain", "প্রায় ৬ কোটি ৭০ লাখ ব্যবহারকারী রয়েছে।",
			[]amt{{Text: "প্রায় ৬ কোটি ৭০ লাখ", Kind: "quantity", Value: 6.7e7, Unit: "ব্যবহারকারী", Approx: true}}},
		{"bn word count", "দুই ভাই বোনের মধ্যে অর্জুন ছোট।",
			[]amt{{Text: "দুই", Kind: "quantity", Value: 2, Unit: "ভাই"}}},
		{"bn traps", "তিনি বলেন, প্রযুক্তি একটি সহজ জিনিস নয়। বিশ্লেষকরা একই কথা বলেন। সকাল ১০টায় ও সাড়ে আটটার দিকে একজনের লাশ পাওয়া যায়। তিনি ১ম হন। ৩০ বছর বয়সী এক ব্যক্তি। ২০২৩-২৪ অর্থবছরে। ব‍ায়াত্তর সালে।",
			[]amt{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := project(extractAmounts(newDoc(tt.text, "")))
			if diff := cmp.Diff(tt.want, got, approxFloat); diff != "" {
				t.Errorf("extractAmounts(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// num is the part of a Number a test compares.
type num struct {
	Value    float64
	Currency string
	Percent  bool
}

func TestNumbersAcrossScripts(t *testing.T) {
	tests := []struct {
		name string
		text string
		want num
	}{
		{"en million", "$840 million", num{840e6, "USD", false}},
		{"en m", "$840m", num{840e6, "USD", false}},
		{"en US$", "US$840 million", num{840e6, "USD", false}},
		{"en bn fraction", "$0.84 billion", num{840e6, "USD", false}},
		{"bn million latin digits", "840 মিলিয়ন ডলার", num{840e6, "USD", false}},
		{"bn million bengali digits", "৮৪০ মিলিয়ন ডলার", num{840e6, "USD", false}},
		{"bn crore", "৮৪ কোটি ডলার", num{840e6, "USD", false}},
		{"bn symbol first", "$840 মিলিয়ন", num{840e6, "USD", false}},
		{"bn thousand crore", "১৬ হাজার কোটি ডলার", num{160e9, "USD", false}},
		{"en bn", "$160bn", num{160e9, "USD", false}},
		{"bn six hundred crore", "৬০০ কোটি ডলার", num{6e9, "USD", false}},
		{"bn lakh crore", "১ লাখ কোটি টাকা", num{1e12, "BDT", false}},
		{"bn crore lakh", "১২ কোটি ৫০ লাখ", num{125e6, "", false}},
		{"bn sare", "সাড়ে ১২ কোটি", num{125e6, "", false}},
		{"bn indian grouping", "১২,৫০,০০০ টাকা", num{1.25e6, "BDT", false}},
		{"percent bn digits", "৯০%", num{90, "", true}},
		{"percent word bn", "৯০ শতাংশ", num{90, "", true}},
		{"percent shatkara", "শতকরা ৯০ ভাগ", num{90, "", true}},
		{"percent en", "90 percent", num{90, "", true}},
		{"euro word", "5 million euros", num{5e6, "EUR", false}},
		{"rupee word", "৫০০ রুপি", num{500, "INR", false}},
		{"hundreds word", "সাড়ে তিনশ টাকা", num{350, "BDT", false}},
		{"english words", "two hundred fifty thousand dollars", num{250000, "USD", false}},
		{"us dollar adjective", "৮৪০ মিলিয়ন মার্কিন ডলার", num{840e6, "USD", false}},
		{"singapore dollars", "S$1.2 billion", num{1.2e9, "SGD", false}},
		{"hyphenated words", "twenty-five people", num{25, "", false}},
		{"a million", "a million people", num{1e6, "", false}},
		{"percentage points", "17 percentage points", num{17, "", true}},
		{"lakh in english", "Rs 2.5 lakh", num{250000, "INR", false}},
		{"dollar k", "$50k", num{50000, "USD", false}},
		{"code after", "500 BDT", num{500, "BDT", false}},
		{"ringgit", "RM5 billion", num{5e9, "MYR", false}},
		{"rupiah", "Rp 1 trillion", num{1e12, "IDR", false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := Numbers(tt.text)
			if len(ns) != 1 {
				t.Fatalf("Numbers(%q) = %+v, want one number", tt.text, ns)
			}
			got := num{ns[0].Value, ns[0].Currency, ns[0].Percent}
			if diff := cmp.Diff(tt.want, got, approxFloat); diff != "" {
				t.Errorf("Numbers(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestNumbersTrapsAndDates(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Number
	}{
		{"negation and pronoun", "তিনি বলেন, এটি সহজ নয়। একটি বিশ্লেষক একই কথা বলেন।", nil},
		{"year flagged", "2030 সালের মধ্যে", []Number{{Span: sangbad.Span{Text: "2030", Start: 0, End: 4}, Value: 2030, Year: true, Date: true}}},
		{"day and year flagged", "১২ ডিসেম্বর ২০২৩", []Number{
			{Span: sangbad.Span{Text: "১২", Start: 0, End: 2}, Value: 12, Date: true},
			{Span: sangbad.Span{Text: "২০২৩", Start: 12, End: 16}, Value: 2023, Year: true, Date: true},
		}},
		{"bare digits count", "The toll rose to 19.", []Number{{Span: sangbad.Span{Text: "19", Start: 17, End: 19}, Value: 19}}},
		{"clock times are no numbers", "Trading opens at 9 ET.", nil},
		{"range", "৩-৪ মাস", []Number{{Span: sangbad.Span{Text: "৩-৪", Start: 0, End: 3}, Value: 3, ValueMax: 4, Unit: "মাস"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Numbers(tt.text)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Numbers(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

// TestNumbersNukta checks that decomposed and precomposed nukta letters
// (মিলিয়ন with য+় or with য়) give the same value and offsets of the input.
func TestNumbersNukta(t *testing.T) {
	for _, text := range []string{"৮৪০ মিলি\u09af\u09bcন ডলার", "৮৪০ মিলি\u09dfন ডলার", "৮৪০ মিলি\u200cয়ন ডলার"} {
		ns := Numbers(text)
		if len(ns) != 1 || math.Abs(ns[0].Value-840e6) > 1 || ns[0].Currency != "USD" {
			t.Errorf("Numbers(%q) = %+v, want 840000000 USD", text, ns)
			continue
		}
		if r := []rune(text); string(r[ns[0].Start:ns[0].End]) != ns[0].Text {
			t.Errorf("Numbers(%q): span %d-%d is %q, text %q", text, ns[0].Start, ns[0].End, string(r[ns[0].Start:ns[0].End]), ns[0].Text)
		}
	}
}

// TestTablesAreNFC guards the Bengali tables: keys are compared with NFC
// tokens, so a key in another form would never match.
func TestTablesAreNFC(t *testing.T) {
	tables := map[string][]string{}
	add := func(name string, keys []string) { tables[name] = keys }
	add("bnNumberWords", keysOf(bnNumberWords))
	add("scaleWords", keysOf(scaleWords))
	add("currencyWords", keysOf(currencyWords))
	add("bnMonths", keysOf(bnMonths))
	add("banglaMonths", keysOf(banglaMonths))
	add("bnWeekdays", keysOf(bnWeekdays))
	add("bnRelDays", keysOf(bnRelDays))
	add("bnApprox", keysOf(bnApprox))
	add("bnUnitStop", keysOf(bnUnitStop))
	add("measureUnits", keysOf(measureUnits))
	add("bnFractionPrefix", keysOf(bnFractionPrefix))
	add("suffixes", numSuffixes)
	for name, keys := range tables {
		for _, k := range keys {
			if got := numKey(k, true); got != k && isBnRune([]rune(k)[0]) {
				t.Errorf("%s key %q is not in NFC form (%q)", name, k, got)
			}
		}
	}
}

func isBnRune(r rune) bool { return r >= 0x0980 && r <= 0x09FF }

func keysOf[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
