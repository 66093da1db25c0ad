package facts

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

// dt is the part of a Date a test compares.
type dt struct {
	Text       string
	Value      string
	Gran       string
	Relative   bool
	Unresolved bool
	Qualifier  string
}

func projectDates(ds []sangbad.Date) []dt {
	out := []dt{}
	for _, d := range ds {
		out = append(out, dt{d.Text, d.Value, d.Granularity, d.Relative, d.Unresolved, d.Qualifier})
	}
	return out
}

func day(s string) time.Time {
	t, err := time.Parse(sangbad.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestExtractDates(t *testing.T) {
	const (
		D = sangbad.GranularityDay
		M = sangbad.GranularityMonth
		Y = sangbad.GranularityYear
		W = sangbad.GranularityWeek
	)
	ref := "2023-12-12" // a Tuesday
	tests := []struct {
		name string
		text string
		ref  string
		want []dt
	}{
		{"past weekday", "TikTok said on Monday it would buy the unit.", ref, []dt{{"Monday", "2023-12-11", D, true, false, ""}}},
		{"same-day weekday past", "The minister said on Tuesday the trial would run for months.", ref, []dt{{"Tuesday", "2023-12-12", D, true, false, ""}}},
		{"future weekday", "The talks will resume on Friday in Jakarta.", ref, []dt{{"Friday", "2023-12-15", D, true, false, ""}}},
		{"past friday", "Police arrested him on Friday.", ref, []dt{{"Friday", "2023-12-08", D, true, false, ""}}},
		{"future month after a noun that looks past", "Economists now expect the first cut in March.", ref, []dt{{"March", "2024-03", M, true, false, ""}}},
		{"past month", "The bank cut rates in March.", ref, []dt{{"March", "2023-03", M, true, false, ""}}},
		{"a start date ahead", "Newsom signed a law raising the wage starting in April.", ref, []dt{{"April", "2024-04", M, true, false, ""}}},
		{"month of a relative year", "Floods hit in June last year; talks resume in March of next year.", ref,
			[]dt{{"June last year", "2022-06", M, true, false, ""}, {"March of next year", "2024-03", M, true, false, ""}}},
		{"a day of a relative month", "চলতি মাসের ১৫ তারিখে সভা হবে। আগামী মাসের ৩ তারিখে ভোট।", ref,
			[]dt{{"চলতি মাসের ১৫ তারিখে", "2023-12-15", D, true, false, ""}, {"আগামী মাসের ৩ তারিখে", "2024-01-03", D, true, false, ""}}},
		{"clitics after a case ending", "অক্টোবরেও সংক্রমণ কমবে না। সোমবারও বৈঠক হয়েছে।", ref,
			[]dt{{"অক্টোবরেও", "2024-10", M, true, false, ""}, {"সোমবারও", "2023-12-11", D, true, false, ""}}},
		{"bengali month of a relative year", "গত বছরের জুনে বন্যা হয়েছিল। আগামী বছরের ৫ মার্চ ভোট হবে।", ref,
			[]dt{{"গত বছরের জুনে", "2022-06", M, true, false, ""}, {"আগামী বছরের ৫ মার্চ", "2024-03-05", D, true, false, ""}}},
		{"last and next", "He left last Tuesday and returns next Tuesday.", ref, []dt{{"last Tuesday", "2023-12-05", D, true, false, ""}, {"next Tuesday", "2023-12-19", D, true, false, ""}}},
		{"full date", "The deal closed on December 12, 2023.", ref, []dt{{"December 12, 2023", "2023-12-12", D, false, false, ""}}},
		{"british date", "It was signed on 12 Dec 2023 in Dhaka.", ref, []dt{{"12 Dec 2023", "2023-12-12", D, false, false, ""}}},
		{"iso date", "Published 2023-12-12.", ref, []dt{{"2023-12-12", "2023-12-12", D, false, false, ""}}},
		{"numeric same", "Deadline: 12/12/2023.", ref, []dt{{"12/12/2023", "2023-12-12", D, false, false, ""}}},
		{"numeric day>12", "Kamis (28/9/2023) TikTok reacted.", ref, []dt{{"28/9/2023", "2023-09-28", D, false, false, ""}}},
		{"numeric ambiguous en", "The form is dated 11/12/2023.", ref, []dt{}},
		{"numeric bn day first", "নোটিশটি ১১/১২/২০২৩ তারিখে জারি করা হয়।", ref, []dt{{"১১/১২/২০২৩", "2023-12-11", D, false, false, ""}}},
		{"month past", "Indonesia banned the sales in September.", ref, []dt{{"September", "2023-09", M, true, false, ""}}},
		{"month future", "The new rules will take effect in March.", ref, []dt{{"March", "2024-03", M, true, false, ""}}},
		{"may needs context", "May I ask? Prices fell in May.", ref, []dt{{"May", "2023-05", M, true, false, ""}}},
		{"month year", "Troops arrived in December 2006 to help.", ref, []dt{{"December 2006", "2006-12", M, false, false, ""}}},
		{"year by", "GMV will reach $160 billion by 2030.", ref, []dt{{"2030", "2030", Y, false, false, "by"}}},
		{"year attributive", "In a brutal echo of a 1993 battle, crowds gathered.", ref, []dt{{"1993", "1993", Y, false, false, ""}}},
		{"relative words", "Yesterday he said the vote is tomorrow, not today.", ref, []dt{{"Yesterday", "2023-12-11", D, true, false, ""}, {"tomorrow", "2023-12-13", D, true, false, ""}, {"today", "2023-12-12", D, true, false, ""}}},
		{"relative units", "Sales fell last year but rose this month and last week.", ref, []dt{{"last year", "2022", Y, true, false, ""}, {"this month", "2023-12", M, true, false, ""}, {"last week", "2023-W49", W, true, false, ""}}},
		{"possessive", "This year's harvest beat last month's.", ref, []dt{{"This year's", "2023", Y, true, false, ""}, {"last month's", "2023-11", M, true, false, ""}}},
		{"ago", "The firm was founded two days ago, not 3 years ago.", ref, []dt{{"two days ago", "2023-12-10", D, true, false, ""}, {"3 years ago", "2020", Y, true, false, ""}}},

		{"bn weekday past", "TikTok সোমবার বলেছে এটি খরচ করতে সম্মত হয়েছে।", ref, []dt{{"সোমবার", "2023-12-11", D, true, false, ""}}},
		{"bn weekday future", "তাদের অংশীদারিত্ব মঙ্গলবার পাইলট সময়ের সাথে শুরু হবে।", ref, []dt{{"মঙ্গলবার", "2023-12-12", D, true, false, ""}}},
		{"bn weekday future next", "আলোচনা বৃহস্পতিবার আবার শুরু হবে।", ref, []dt{{"বৃহস্পতিবার", "2023-12-14", D, true, false, ""}}},
		{"bn reporting present is past", "মন্ত্রণালয় সোমবার জানায়, চুক্তিটি সই হয়েছে।", ref, []dt{{"সোমবার", "2023-12-11", D, true, false, ""}}},
		{"bn verb-first report", "সোমবার সংবাদ সম্মেলনে এ তথ্য জানায় পুলিশ।", ref, []dt{{"সোমবার", "2023-12-11", D, true, false, ""}}},
		{"bn jaanan", "তিনি শনিবার এক বিবৃতিতে জানান, তারা রাজি।", ref, []dt{{"শনিবার", "2023-12-09", D, true, false, ""}}},
		{"bn -bhabe adverb is no future", "কোম্পানিটি সোমবার আনুষ্ঠানিকভাবে ঘোষণা করে।", ref, []dt{{"সোমবার", "2023-12-11", D, true, false, ""}}},
		{"bn participle before future", "দলটি শুক্রবার সমাবেশ করে প্রতিবাদ জানাবে।", ref, []dt{{"শুক্রবার", "2023-12-15", D, true, false, ""}}},
		{"bn future honorific", "প্রধানমন্ত্রী বৃহস্পতিবার বৈঠকে বসবেন।", ref, []dt{{"বৃহস্পতিবার", "2023-12-14", D, true, false, ""}}},
		{"bn simple past -lo", "রোববার দলটি ভালো খেলে জয় পেল এবং শিরোপা নিশ্চিত করলো।", ref, []dt{{"রোববার", "2023-12-10", D, true, false, ""}}},
		{"bn kache is no past", "শুক্রবার তাদের কাছে প্রস্তাব পাঠানো হবে।", ref, []dt{{"শুক্রবার", "2023-12-15", D, true, false, ""}}},
		{"bn last weekday", "গত বুধবার তিনি ঢাকায় আসেন।", ref, []dt{{"গত বুধবার", "2023-12-06", D, true, false, ""}}},
		{"bn month locative", "ইন্দোনেশিয়া সেপ্টেম্বরে অনলাইন কেনাকাটা নিষিদ্ধ করে।", ref, []dt{{"সেপ্টেম্বরে", "2023-09", M, true, false, ""}}},
		{"bn full date", "১২ ডিসেম্বর ২০২৩ তারিখে চুক্তি হয়।", ref, []dt{{"১২ ডিসেম্বর ২০২৩", "2023-12-12", D, false, false, ""}}},
		{"bn month-day latin digits", "জাকার্তা, ডিসেম্বর 12 – চীনের TikTok", ref, []dt{{"ডিসেম্বর 12", "2023-12-12", D, true, false, ""}}},
		{"bn day ending past", "২১শে ফেব্রুয়ারি শহীদ দিবস পালিত হয়েছে।", ref, []dt{{"২১শে ফেব্রুয়ারি", "2023-02-21", D, true, false, ""}}},
		{"bn weekday with date", "বুধবার (২৪ জুন) রাজধানীতে সভা হয়।", "2020-06-25", []dt{{"বুধবার (২৪ জুন)", "2020-06-24", D, true, false, ""}}},
		{"bn weekday picks the year", "সোমবার (২২ জুন) সভা হয়।", "2015-06-15", []dt{{"সোমবার (২২ জুন)", "2015-06-22", D, true, false, ""}}},
		{"bn relative with weekday", "গতকাল শনিবার হরতাল ডাকে তারা। আজ রোববার সভা।", "2023-12-10", []dt{{"গতকাল শনিবার", "2023-12-09", D, true, false, ""}, {"আজ রোববার", "2023-12-10", D, true, false, ""}}},
		{"bn year first", "২০২৩ সালের ১২ ডিসেম্বর এবং ২০২২ সালের জুলাইয়ে।", ref, []dt{{"২০২৩ সালের ১২ ডিসেম্বর", "2023-12-12", D, false, false, ""}, {"২০২২ সালের জুলাইয়ে", "2022-07", M, false, false, ""}}},
		{"decades and mid-year", "In the 1990s prices fell; by mid-2024 they rose.", ref, []dt{{"2024", "2024", Y, false, false, ""}}},
		{"bn stamp", "প্রকাশিত: ০৮ জানুয়ারি ২০২৪, ২০:৩৪", ref, []dt{{"০৮ জানুয়ারি ২০২৪", "2024-01-08", D, false, false, ""}}},
		{"bn month first", "৮:৩৮ পূর্বাহ্ণ, ডিসেম্বর ২৩, ২০২২", ref, []dt{{"ডিসেম্বর ২৩, ২০২২", "2022-12-23", D, false, false, ""}}},
		{"bn year by", "2030 সালের মধ্যে মূল্য দ্বিগুণ হবে।", ref, []dt{{"2030 সালের মধ্যে", "2030", Y, false, false, "by"}}},
		{"bn year in", "১৯৭১ সালে দেশ স্বাধীন হয়।", ref, []dt{{"১৯৭১ সালে", "1971", Y, false, false, ""}}},
		{"bn relative", "গতকাল বৈঠক হয়, আগামীকাল ফল, এই বছর নির্বাচন, গত মাসে বন্যা, আগামী বছর ভোট।", ref, []dt{
			{"গতকাল", "2023-12-11", D, true, false, ""}, {"আগামীকাল", "2023-12-13", D, true, false, ""}, {"এই বছর", "2023", Y, true, false, ""},
			{"গত মাসে", "2023-11", M, true, false, ""}, {"আগামী বছর", "2024", Y, true, false, ""}}},
		{"bn ago", "৫ দিন আগে এবং তিন বছর আগে।", ref, []dt{{"৫ দিন আগে", "2023-12-07", D, true, false, ""}, {"তিন বছর আগে", "2020", Y, true, false, ""}}},
		{"bangla calendar", "২৭ অগ্রহায়ণ ১৪৩০ এবং পহেলা বৈশাখ ১৪৩০ উৎসব।", ref, []dt{{"২৭ অগ্রহায়ণ ১৪৩০", "2023-12-12", D, false, false, ""}, {"পহেলা বৈশাখ ১৪৩০", "2023-04-14", D, false, false, ""}}},
		{"bangla calendar no year", "২৭ অগ্রহায়ণ উৎসব হবে।", ref, []dt{{"২৭ অগ্রহায়ণ", "", D, false, false, ""}}},

		{"no reference", "TikTok said on Monday it would start in September.", "", []dt{{"Monday", "", D, true, true, ""}, {"September", "", M, true, true, ""}}},
		{"absolute needs no reference", "It happened on 12 December 2023.", "", []dt{{"12 December 2023", "2023-12-12", D, false, false, ""}}},
		{"traps", "The march was peaceful; 3 million people and 2,000 troops. ৩০ বছর বয়সী। ২০২৩-২৪ অর্থবছরে।", ref, []dt{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r time.Time
			src := ""
			if tt.ref != "" {
				r, src = day(tt.ref), "published"
			}
			got := projectDates(extractDates(newDoc(tt.text, ""), r, src))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("extractDates(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestExtractDatesReference(t *testing.T) {
	got := extractDates(newDoc("TikTok said on Monday.", "en"), day("2023-12-12"), "dateline")
	if len(got) != 1 || got[0].Reference != "2023-12-12" || got[0].ReferenceSource != "dateline" {
		t.Fatalf("got %+v, want Monday resolved against the 2023-12-12 dateline", got)
	}
	abs := extractDates(newDoc("On 1 May 2020 it began.", "en"), day("2023-12-12"), "published")
	if len(abs) != 1 || abs[0].Reference != "" || abs[0].Relative {
		t.Fatalf("got %+v, want an absolute date without reference", abs)
	}
}

func TestReferenceDate(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		published string
		want      string
		source    string
	}{
		{"published wins", "JAKARTA, Dec 12, 2023 (Reuters) - TikTok ...", "2023-12-13", "2023-12-13", "published"},
		{"reuters with year", "JAKARTA, Dec 12, 2023 (Reuters) - TikTok and GoTo ...", "", "2023-12-12", "dateline"},
		{"reuters without year", "JAKARTA, Dec 12 (Reuters) - TikTok and GoTo ...", "", "", ""},
		{"bn dateline with year", "ঢাকা, ১২ ডিসেম্বর ২০২৩ - বাংলাদেশ ব্যাংক জানিয়েছে ...", "", "2023-12-12", "dateline"},
		{"bn dateline without year", "জাকার্তা, ডিসেম্বর 12 – চীনের TikTok ...", "", "", ""},
		{"british order", "LONDON, 5 January 2024 (Reuters) — Shares fell ...", "", "2024-01-05", "dateline"},
		{"bn agency colon", "ঢাকা, ৫ জুন ২০২৪ (বাসস): অর্থমন্ত্রী আজ বাজেট পেশ করেছেন।", "", "2024-06-05", "dateline"},
		{"no dateline", "Shares fell on Monday, December 11, 2023 - analysts said.", "", "", ""},
		{"colon inside a sentence", "Dhaka, 5 June 2024: the budget was tabled.", "", "", ""},
		{"agency only", "MOGADISHU, Somalia (CNN) -- An enraged crowd ...", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var pub time.Time
			if tt.published != "" {
				pub = day(tt.published)
			}
			ref, src := referenceDate(newDoc(tt.text, ""), pub)
			got := ""
			if !ref.IsZero() {
				got = ref.Format(sangbad.DateLayout)
			}
			if got != tt.want || src != tt.source {
				t.Errorf("referenceDate(%q) = %q, %q; want %q, %q", tt.text, got, src, tt.want, tt.source)
			}
		})
	}
}

func TestYearlessDatelineWarning(t *testing.T) {
	e := New()
	for text, want := range map[string]string{
		"LONDON, March 3 (Reuters) - Tesco said on Wednesday it would cut jobs.": "the dateline has no year",
		"ঢাকা, ৫ জুন (বাসস): অর্থমন্ত্রী আজ বাজেট পেশ করেছেন।":                   "the dateline has no year",
		"Tesco said on Wednesday it would cut jobs.":                             "no dateline found",
	} {
		res, err := e.Extract(context.Background(), text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], want) {
			t.Errorf("%q: warnings %q, want one saying %q", text, res.Warnings, want)
		}
	}
}

func TestBanglaCalendarFixedDays(t *testing.T) {
	// the fixed correspondences of the 2019 revision (docs/bengali.md §6.7)
	tests := []struct {
		y, m, d int
		want    string
	}{
		{1430, 11, 8, "2024-02-21"}, {1430, 12, 12, "2024-03-26"}, {1430, 9, 1, "2023-12-16"}, {1430, 1, 1, "2023-04-14"},
		{1431, 11, 8, "2025-02-21"}, {1431, 12, 12, "2025-03-26"},
	}
	for _, tt := range tests {
		g, ok := banglaToGregorian(tt.y, tt.m, tt.d)
		if !ok || g.Format(sangbad.DateLayout) != tt.want {
			t.Errorf("banglaToGregorian(%d, %d, %d) = %v, %v; want %s", tt.y, tt.m, tt.d, g, ok, tt.want)
		}
	}
}
