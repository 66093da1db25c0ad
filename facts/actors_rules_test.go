package facts

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sangbad/sangbad"
)

// TestActorRules checks the boundary, type and false-positive rules for
// names, each on a news-like sentence: want maps a name to its type,
// absent lists names that must not come out as actors.
func TestActorRules(t *testing.T) {
	const (
		P = sangbad.ActorPerson
		O = sangbad.ActorOrganization
		L = sangbad.ActorPlace
	)
	tests := []struct {
		name   string
		text   string
		want   map[string]string
		absent []string
	}{
		{"nationalities are no actors; a Grand Slam is an event", "The 22-year-old Italian, seeded fourth, won his first Grand Slam title. The Chinese and Turkish teams lost.",
			map[string]string{"Grand Slam": O}, []string{"Italian", "Chinese", "Turkish"}},
		{"an office title inside an institution's name", "Data came from the Directorate General of Health Services. UN Secretary General Antonio Guterres spoke.",
			map[string]string{"Directorate General of Health Services": O, "Antonio Guterres": P}, []string{"of Health Services"}},
		{"a portfolio word at a sentence start; the kind of organisation after a name", "Home Secretary Yvette Cooper spoke. Nigel Farage, leader of the populist Reform UK party, disagreed.",
			map[string]string{"Yvette Cooper": P, "Reform UK": O, "Nigel Farage": P}, []string{"Secretary Yvette Cooper"}},
		{"a place after a kind of place and 'of'", "The body was left in the northern Mogadishu neighborhood of Suqa Holaha, witnesses said.",
			map[string]string{"Suqa Holaha": L, "Mogadishu": L}, nil},
		{"a role opening a line; laureates", "President Mohammed Shahabuddin administered the oath.\n\nArmy chief General Waker-Uz-Zaman said the military would help. Nobel laureate Muhammad Yunus returned.",
			map[string]string{"Waker-Uz-Zaman": P, "Muhammad Yunus": P, "Mohammed Shahabuddin": P}, nil},
		{"models and codes are no actors", "The COVID-19 pandemic hit. Boeing 737 MAX jets and F-16 fighters flew.",
			map[string]string{"Boeing": O}, []string{"COVID", "MAX", "F"}},
		{"known organisations", "Hamas said on Monday it had freed two hostages. The Taliban and BRAC rejected the plan. Amazon shares fell. Supreme Court judges met.",
			map[string]string{"Hamas": O, "Taliban": O, "BRAC": O, "Amazon": O, "Supreme Court": O}, []string{"Court"}},
		{"a known organisation ends a name; world cities", "টেসলার প্রধান নির্বাহী ইলন মাস্ক টুইটার কিনে নেওয়ার চুক্তি করেছেন। গত সোমবার সান ফ্রান্সিসকোতে এ চুক্তি সই হয়।",
			map[string]string{"ইলন মাস্ক": P, "Twitter": O, "Tesla": O, "San Francisco": L}, []string{"ইলন মাস্ক টুই"}},
		{"a kind of organisation before a foreign name", "বিনিয়োগ ব্যাংক ক্লারেন্ডন ফিনলির বিশ্লেষক মায়াঙ্ক মাহেশ্বরী বলেন, আয় বাড়বে।",
			map[string]string{"ক্লারেন্ডন ফিনলি": O, "মায়াঙ্ক মাহেশ্বরী": P}, []string{"ক্লারেন্ডন"}},
		{"known organisations in bengali", "ফায়ার সার্ভিস ও সিভিল ডিফেন্সের মহাপরিচালক এসেছেন। দুদক মামলা করেছে।",
			map[string]string{"Fire Service and Civil Defence": O, "Anti-Corruption Commission": O}, []string{"ডিফেন্স"}},
		{"contractions are no names", `"I'll keep it," he said. "I've never been there, I'm sure," said Tom Hardy.`,
			map[string]string{"Tom Hardy": P}, []string{"I'll", "I've", "I'm"}},
		{"weekday glued to a name", "Rescuers reached Blue Cave Saturday after a storm.",
			map[string]string{"Blue Cave": L}, []string{"Blue Cave Saturday"}},
		{"new starts a place name", "He campaigned in New Hampshire and met New Mexico Gov. Bill Richardson.",
			map[string]string{"New Hampshire": L, "Bill Richardson": P}, []string{"Hampshire"}},
		{"compass place", "Students from North Carolina drove to the coast.",
			map[string]string{"North Carolina": L}, nil},
		{"place head words", "The fire broke out at Ocean Isle Beach near Camp Lejeune.",
			map[string]string{"Ocean Isle Beach": L, "Camp Lejeune": L}, nil},
		{"event head words", "Italy won the World Cup and Hamilton won the Chinese Grand Prix.",
			map[string]string{"World Cup": O, "Chinese Grand Prix": O}, nil},
		{"sentence-initial common words", "Small businesses suffer. Blast damaged the market. Decision is due. Once again, rain fell on Acme Corp.",
			map[string]string{"Acme Corp": O}, []string{"Small", "Blast", "Decision", "Once"}},
		{"clause-initial common words", `(CNN) -- Muddy but unhurt, hikers left. "You don't know them. Once you pay, it is gone." Sources told CNN the deal was off.`,
			map[string]string{"CNN": O}, []string{"Muddy", "Once", "Sources"}},
		{"demonyms are no actors", "Iraqi students fled to Jordan. All Iraqi girls are welcome, and Iraqis and Jordanian officials agree.",
			map[string]string{"Jordan": L}, []string{"Iraqi", "Iraqis", "Jordanian"}},
		{"place after a place and comma", "Hikers entered a cave near Austin, Texas, on Sunday.",
			map[string]string{"Austin": L, "Texas": L}, nil},
		{"person after a place and comma", "After talks in Chad, Sarkozy said the crew was free. Nicolas Sarkozy left.",
			map[string]string{"Chad": L, "Nicolas Sarkozy": P}, []string{"Sarkozy"}},
		{"surname with inner capital joins the person", "Arizona Sen. John McCain leads. Voters support McCain, and O'Donnell backs him. Phil O'Donnell said so.",
			map[string]string{"John McCain": P, "Phil O'Donnell": P}, []string{"McCain", "O'Donnell"}},
		{"weak place gives way to a person", "Barry Ferguson scored. A drive from Ferguson, then a save.",
			map[string]string{"Barry Ferguson": P}, []string{"Ferguson"}},
		{"no merge into a run with common words", "Banksy said he was Britain's most wanted artist. In the British Museum Banksy has hung a fake. Banksy left.",
			map[string]string{"Banksy": P}, nil},
		{"titles of works in quotes", `He hosts "Planet in Peril," a series, and starred in "Harry Potter and the Order of the Phoenix" with Emma Watson.`,
			map[string]string{"Emma Watson": P}, []string{"Planet", "Peril", "Phoenix", "Order", "Harry Potter"}},
		{"let's and quoted clause starts", `"Let's go," she said. I said, 'Fine, go,' to Mary Jones.`,
			map[string]string{"Mary Jones": P}, []string{"Let's", "Let", "Fine"}},
		{"generic capitals are no actors", "Lower TV prices and cheap DVDs lifted sales on the Web, Acme Corp said.",
			map[string]string{"Acme Corp": O}, []string{"TV", "Lower TV", "DVDs", "Web"}},
		{"title is role, not name", "Ex-Sen. John Doe said the vote was rigged.",
			map[string]string{"John Doe": P}, []string{"Ex-Sen", "Ex-Sen. John Doe"}},
		{"single word person by pronoun", "Okonkwo said he would not resign. Okonkwo told reporters the vote was fair.",
			map[string]string{"Okonkwo": P}, nil},
		{"single word place by preposition", "Floods hit villages in Batna and trucks came from Setif.",
			map[string]string{"Batna": L, "Setif": L}, nil},
		{"city, region dateline", "DALLAS, Texas (CNN) -- Crowds gathered downtown.",
			map[string]string{"Texas": L}, nil},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Extract(context.Background(), tt.text, Options{Language: "en"})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, a := range r.Facts.Actors {
				got[a.Name] = a.Type
			}
			for n, typ := range tt.want {
				if g, ok := got[n]; !ok || g != typ {
					t.Errorf("%q: got type %q (present %v), want %q; all: %v", n, g, ok, typ, got)
				}
			}
			for _, n := range tt.absent {
				if _, ok := got[n]; ok {
					t.Errorf("%q should be no actor; all: %v", n, got)
				}
			}
		})
	}
}

// TestActorAcronyms checks that an organisation's acronym, in Latin letters
// or spelled out in Bengali letter names, joins its full name, and that an
// English sentence inside a Bengali text is read with the English rules.
func TestActorAcronyms(t *testing.T) {
	tests := []struct {
		name, lang, text string
		full             string   // the actor's name
		aliases          []string // must all be names of that actor
		absent           []string // no actor may be named so
	}{
		{"english acronym", "en", "The International Monetary Fund (IMF) warned on Monday. The IMF said growth would slow.",
			"International Monetary Fund", []string{"IMF"}, []string{"The International Monetary Fund"}},
		{"bengali letter names", "bn", "আন্তর্জাতিক মুদ্রা তহবিল (আইএমএফ) সতর্ক করেছে। আইএমএফ গত জানুয়ারিতে ঋণ ছাড় করে।",
			"International Monetary Fund", []string{"IMF", "আইএমএফ"}, []string{"Aiemaef"}},
		{"acronym defined in parentheses", "bn", "বাংলাদেশ গার্মেন্টস ম্যানুফ্যাকচারার্স অ্যান্ড এক্সপোর্টার্স অ্যাসোসিয়েশনের (বিজিএমইএ) সভাপতি ফারুক হাসান বলেছেন, রপ্তানি বাড়বে।",
			"বাংলাদেশ গার্মেন্টস ম্যানুফ্যাকচারার্স অ্যান্ড এক্সপোর্টার্স অ্যাসোসিয়েশন", []string{"বিজিএমইএ", "BGMEA"}, nil},
		{"english sentence in a bengali text", "bn", "আইএমএফ গত জানুয়ারিতে ঋণ ছাড় করে। The IMF said growth would slow on Monday.",
			"IMF", []string{"আইএমএফ"}, []string{"The IMF said growth would slow", "said", "The IMF"}},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, tt.lang)
			checkOffsets(t, tt.text, f)
			a, ok := findActor(f.Actors, tt.full)
			if !ok {
				t.Fatalf("no actor %q in %+v", tt.full, f.Actors)
			}
			for _, n := range tt.aliases {
				if b, ok := findActor(f.Actors, n); !ok || b.Name != a.Name {
					t.Errorf("%q is not a name of %q (actor %+v)", n, a.Name, a)
				}
			}
			for _, n := range tt.absent {
				for _, b := range f.Actors {
					if b.Name == n || slices.Contains(b.Aliases, n) {
						t.Errorf("unexpected actor name %q in %+v", n, b)
					}
				}
			}
		})
	}
}

// TestBengaliNamesRomanised checks the Latin form given to Bengali-only
// names: initials as letters, a military rank kept out of the name, and no
// romanisation for an organisation named with common words.
func TestBengaliNamesRomanised(t *testing.T) {
	text := "বন্দর কর্তৃপক্ষের চেয়ারম্যান রিয়ার অ্যাডমিরাল এম সোহায়েল বলেন, কাজ চলছে। নৌপরিবহন প্রতিমন্ত্রী খালিদ মাহমুদ চৌধুরী বন্দর পরিদর্শন করেন।"
	f := extractFacts(t, New(), text, "bn")
	checkOffsets(t, text, f)
	want := map[string][]string{
		"এম সোহায়েল":         {"M Sohayel"},
		"খালিদ মাহমুদ চৌধুরী": {"Khalid Mahmud Chowdhury"}, // the usual spelling of চৌধুরী
		"বন্দর কর্তৃপক্ষ":     nil,
	}
	for name, aliases := range want {
		a, ok := findActor(f.Actors, name)
		if !ok {
			t.Errorf("no actor %q in %+v", name, f.Actors)
			continue
		}
		if !slices.Equal(a.Aliases, aliases) {
			t.Errorf("%s: aliases %q, want %q", name, a.Aliases, aliases)
		}
	}
	for _, a := range f.Actors {
		if strings.Contains(a.Name, "রিয়া") {
			t.Errorf("the rank became a name: %+v", a)
		}
	}
}
