package facts

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

// roleMentionsOf returns the role mentions of the actor named name as
// "text@start-end".
func roleMentionsOf(t *testing.T, actors []sangbad.Actor, name string) []string {
	t.Helper()
	var out []string
	for _, a := range actors {
		if a.Name != name {
			continue
		}
		for _, m := range a.Mentions {
			if m.Kind == sangbad.MentionRole {
				out = append(out, m.Text+"@"+strconv.Itoa(m.Start)+"-"+strconv.Itoa(m.End))
			}
		}
	}
	return out
}

func TestRoleMentionsSeed(t *testing.T) {
	e := New()
	text := readFixture(t, filepath.Join("testdata", "actors", "seed_bn.txt"))
	f := extractFacts(t, e, text, "bn")
	checkOffsets(t, text, f)
	want := []string{"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী@227-255"}
	if diff := cmp.Diff(want, roleMentionsOf(t, f.Actors, "জুলকিফলি হাসান")); diff != "" {
		t.Errorf("role mentions (-want +got):\n%s", diff)
	}
	// the speaker of the first quote is still found through the role
	if len(f.Quotes) == 0 || f.Quotes[0].SpeakerSpan == nil || f.Quotes[0].SpeakerSpan.Start != 227 {
		t.Errorf("first quote lost its role speaker: %+v", f.Quotes)
	}
}

func TestRoleMentions(t *testing.T) {
	tests := []struct {
		name, lang, text, actor string
		want                    []string
	}{
		{"en after the name", "en",
			"Indonesia's trade minister Zulkifli Hasan met traders in Jakarta. The ministry will audit the deal, the trade minister said on Tuesday.",
			"Zulkifli Hasan", []string{"the trade minister@100-118"}},
		{"en bare head", "en",
			"Indonesia's trade minister Zulkifli Hasan met traders in Jakarta. The minister said the trial would last four months.",
			"Zulkifli Hasan", []string{"The minister@66-78"}},
		{"en possessive role", "en",
			"Indonesia's trade minister Zulkifli Hasan met traders in Jakarta. Indonesia's trade minister said the trial would last four months.",
			"Zulkifli Hasan", []string{"Indonesia's trade minister@66-92"}},
		{"en another ministry", "en",
			"Indonesia's trade minister Zulkifli Hasan met traders in Jakarta. The finance minister said the budget was tight.",
			"Zulkifli Hasan", nil},
		{"en two ministers", "en",
			"Trade minister Zulkifli Hasan and finance minister Sri Mulyani Indrawati met in Jakarta. The minister said the talks went well.",
			"Zulkifli Hasan", nil},
		{"en title before the name", "en",
			"The trade minister, Zulkifli Hasan, said the trial would last four months.",
			"Zulkifli Hasan", nil},
		{"en indefinite", "en",
			"Indonesia's trade minister Zulkifli Hasan met traders. A minister said the trial would last four months.",
			"Zulkifli Hasan", nil},
		{"bn before the name", "bn",
			"বাজার খুলবে, ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী মঙ্গলবার বলেছেন। ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান সাংবাদিকদের এ কথা জানান।",
			"জুলকিফলি হাসান", []string{"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী@13-41"}},
		{"bn plural", "bn",
			"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান ঢাকায় আসেন। মন্ত্রীরা বৈঠকে বসেন।",
			"জুলকিফলি হাসান", nil},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, tt.lang)
			checkOffsets(t, tt.text, f)
			if _, ok := findActor(f.Actors, tt.actor); !ok {
				t.Fatalf("no actor %q in %+v", tt.actor, f.Actors)
			}
			if diff := cmp.Diff(tt.want, roleMentionsOf(t, f.Actors, tt.actor)); diff != "" {
				t.Errorf("role mentions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestBengaliRolePhrases(t *testing.T) {
	tests := []struct {
		text, name, role string
	}{
		{"ডিবির অতিরিক্ত উপকমিশনার ছানোয়ার হোসেন গতকাল সাংবাদিকদের বলেন, তদন্ত চলছে।", "ছানোয়ার হোসেন", "ডিবির অতিরিক্ত উপকমিশনার"},
		{"ফায়ার সার্ভিস ও সিভিল ডিফেন্সের মহাপরিচালক ব্রিগেডিয়ার জেনারেল মো. মাইন উদ্দিন জানান, আগুন নিয়ন্ত্রণে এসেছে।", "মো. মাইন উদ্দিন", "ফায়ার সার্ভিস ও সিভিল ডিফেন্সের মহাপরিচালক"},
		{"বন্দর কর্তৃপক্ষের চেয়ারম্যান রিয়ার অ্যাডমিরাল এম সোহায়েল বলেন, কাজ চলছে।", "এম সোহায়েল", "বন্দর কর্তৃপক্ষের চেয়ারম্যান রিয়ার অ্যাডমিরাল"},
		{"মার্কিন প্রেসিডেন্ট জো বাইডেন বলেছেন, আলোচনা চলবে।", "জো বাইডেন", "মার্কিন প্রেসিডেন্ট"},
		{"স্বরাষ্ট্র উপদেষ্টা লেফটেন্যান্ট জেনারেল (অব.) জাহাঙ্গীর আলম চৌধুরী বলেছেন, কেউ ছাড় পাবে না।", "জাহাঙ্গীর আলম চৌধুরী", "স্বরাষ্ট্র উপদেষ্টা"},
		{"হত্যার ঘটনায় প্রধান আসামি মাহমুদুল হাসান মহিনকে গ্রেপ্তার করা হয়েছে।", "মাহমুদুল হাসান মহিন", "প্রধান আসামি"},
		{"প্রধান বিচারপতি ওবায়দুল হাসানের নেতৃত্বে বেঞ্চ আদেশ দেন।", "ওবায়দুল হাসান", "প্রধান বিচারপতি"},
		{"রাষ্ট্রপক্ষে শুনানি করেন অ্যাটর্নি জেনারেল এ এম আমিন উদ্দিন।", "এ এম আমিন উদ্দিন", "অ্যাটর্নি জেনারেল"},
		{"টেসলার প্রধান নির্বাহী ইলন মাস্ক টুইটার কিনে নেওয়ার চুক্তি করেছেন।", "ইলন মাস্ক", "টেসলার প্রধান নির্বাহী"},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, "bn")
			checkOffsets(t, tt.text, f)
			a, ok := findActor(f.Actors, tt.name)
			if !ok {
				t.Fatalf("no actor %q in %+v", tt.name, f.Actors)
			}
			if a.Type != sangbad.ActorPerson || a.Role != tt.role {
				t.Errorf("got %s with role %q, want person with role %q", a.Type, a.Role, tt.role)
			}
		})
	}
}
