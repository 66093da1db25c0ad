package facts

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

func readFixture(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func extractFacts(t testing.TB, e *Extractor, text, lang string) sangbad.Facts {
	t.Helper()
	res, err := e.Extract(context.Background(), text, Options{Language: lang})
	if err != nil {
		t.Fatal(err)
	}
	return res.Facts
}

// findActor returns the actor any of whose names or mentions is name.
func findActor(actors []sangbad.Actor, name string) (sangbad.Actor, bool) {
	for _, a := range actors {
		if strings.EqualFold(a.Name, name) || slices.Contains(a.Aliases, name) {
			return a, true
		}
		for _, m := range a.Mentions {
			if m.Text == name {
				return a, true
			}
		}
	}
	return sangbad.Actor{}, false
}

// checkOffsets fails when a span's text is not the text at its offsets.
func checkOffsets(t testing.TB, text string, f sangbad.Facts) {
	t.Helper()
	runes := []rune(text)
	check := func(what string, s sangbad.Span) {
		if s.Start < 0 || s.End > len(runes) || s.Start > s.End {
			t.Errorf("%s %q: offsets [%d,%d) outside the text (%d runes)", what, s.Text, s.Start, s.End, len(runes))
			return
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Errorf("%s: text at [%d,%d) is %q, span says %q", what, s.Start, s.End, got, s.Text)
		}
	}
	for _, a := range f.Actors {
		if len(a.Mentions) == 0 {
			t.Errorf("actor %q has no mention", a.Name)
		}
		for _, m := range a.Mentions {
			check("mention of "+a.Name, m.Span)
			if m.Surface != nil {
				check("surface of "+a.Name, *m.Surface)
				if m.Surface.Start > m.Start || m.Surface.End < m.End {
					t.Errorf("surface %q does not cover stem %q", m.Surface.Text, m.Text)
				}
			}
		}
	}
	for _, q := range f.Quotes {
		check("quote", q.Span)
		if q.SpeakerSpan != nil {
			check("speaker of quote", *q.SpeakerSpan)
		}
	}
}

func TestExtractActorsSeedBengali(t *testing.T) {
	e := New()
	text := readFixture(t, filepath.Join("testdata", "actors", "seed_bn.txt"))
	f := extractFacts(t, e, text, "")
	checkOffsets(t, text, f)

	tests := []struct {
		name     string // any name, alias or mention
		typ      string
		wantName string // the canonical name
		mentions []string
	}{
		{"TikTok", sangbad.ActorOrganization, "TikTok", []string{"TikTok", "টিকটক"}},
		{"TikTok Shop", sangbad.ActorOrganization, "TikTok Shop", []string{"TikTok শপ", "টিকটক শপ", "TikTok Shop"}},
		{"GoTo", sangbad.ActorOrganization, "GoTo", []string{"GoTo"}},
		{"টোকোপিডিয়া", sangbad.ActorOrganization, "টোকোপিডিয়া", []string{"টোকোপিডিয়া"}},
		{"জুলকিফলি হাসান", sangbad.ActorPerson, "জুলকিফলি হাসান", []string{"জুলকিফলি হাসান", "জুলকিফলি"}},
		{"Jefferies", sangbad.ActorOrganization, "Jefferies", nil},
		{"শোপি", sangbad.ActorOrganization, "শোপি", nil},
		{"সি", sangbad.ActorOrganization, "সি", nil},
		{"লাজাদা", sangbad.ActorOrganization, "লাজাদা", nil},
		{"আলিবাবা", sangbad.ActorOrganization, "আলিবাবা", nil},
		{"Indonesia", sangbad.ActorPlace, "Indonesia", []string{"ইন্দোনেশিয়া"}},
		{"China", sangbad.ActorPlace, "China", []string{"চীন"}},
		{"Jakarta", sangbad.ActorPlace, "Jakarta", []string{"জাকার্তা"}},
		{"Singapore", sangbad.ActorPlace, "Singapore", []string{"সিঙ্গাপুর"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := findActor(f.Actors, tt.name)
			if !ok {
				t.Fatalf("no actor %q", tt.name)
			}
			if a.Type != tt.typ || a.Name != tt.wantName {
				t.Errorf("got %q (%s), want %q (%s)", a.Name, a.Type, tt.wantName, tt.typ)
			}
			if a.Source != "rules" || !strings.HasPrefix(a.ID, "a") {
				t.Errorf("source %q, id %q", a.Source, a.ID)
			}
			for _, m := range tt.mentions {
				if !slices.ContainsFunc(a.Mentions, func(x sangbad.Mention) bool { return x.Text == m }) {
					t.Errorf("actor %q lacks mention %q", a.Name, m)
				}
			}
		})
	}
	t.Run("one actor per script pair", func(t *testing.T) {
		tiktok, _ := findActor(f.Actors, "TikTok")
		bn, _ := findActor(f.Actors, "টিকটক")
		if tiktok.ID != bn.ID {
			t.Errorf("TikTok is %s, টিকটক is %s", tiktok.ID, bn.ID)
		}
		// bengali.md §10.6 A1: five Latin and two Bengali mentions, two of
		// them inside "TikTok শপ"/"TikTok Shop"
		var got [][2]int
		for _, m := range tiktok.Mentions {
			got = append(got, [2]int{m.Start, m.End})
		}
		want := [][2]int{{30, 36}, {273, 279}, {1063, 1069}, {1281, 1287}, {1638, 1643}, {1934, 1939}, {2021, 2027}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("TikTok mentions (-want +got):\n%s", diff)
		}
	})
	t.Run("case suffixes stripped", func(t *testing.T) {
		goTo, _ := findActor(f.Actors, "GoTo")
		var got []string
		for _, m := range goTo.Mentions {
			if m.Surface != nil {
				got = append(got, m.Text+"|"+m.Surface.Text)
			}
		}
		if diff := cmp.Diff([]string{"GoTo|GoTo-এর"}, got); diff != "" {
			t.Errorf("GoTo surfaces (-want +got):\n%s", diff)
		}
	})
	t.Run("role", func(t *testing.T) {
		z, _ := findActor(f.Actors, "জুলকিফলি হাসান")
		if !strings.Contains(z.Role, "বাণিজ্যমন্ত্রী") || !strings.Contains(z.Role, "ইন্দোনেশিয়ার") {
			t.Errorf("role %q, want Indonesia's trade minister", z.Role)
		}
		if !slices.Contains(z.Aliases, "Julkifli Hasan") {
			t.Errorf("aliases %q lack the romanisation", z.Aliases)
		}
	})
	t.Run("traps", func(t *testing.T) {
		for _, a := range f.Actors {
			for _, m := range a.Mentions {
				switch m.Text {
				case "ই", "বেলি", "তিনি", "তারা", "বিশ্লেষকরা", "মন্ত্রণালয়", "নয়":
					t.Errorf("invented actor %q (%s) from %q", a.Name, a.Type, m.Text)
				}
			}
		}
	})
}

// actorWant is what a test expects of one actor.
type actorWant struct {
	name, typ, role string
	mentions        int
}

func TestExtractActorsEnglish(t *testing.T) {
	tests := []struct {
		fixture  string
		want     []actorWant
		invented []string
	}{
		{"wire_en.txt", []actorWant{
			{"Zulkifli Hasan", sangbad.ActorPerson, "Indonesia's trade minister", 2},
			{"Patrick Walujo", sangbad.ActorPerson, "chief executive of GoTo", 2},
			{"GoTo", sangbad.ActorOrganization, "", 3},
			{"TikTok", sangbad.ActorOrganization, "", 2}, // once alone, once inside "TikTok Shop"
			{"TikTok Shop", sangbad.ActorOrganization, "", 1},
			{"Jefferies", sangbad.ActorOrganization, "", 1},
			{"Sea Ltd", sangbad.ActorOrganization, "", 1},
			{"Indonesia", sangbad.ActorPlace, "", 1},
			{"Jakarta", sangbad.ActorPlace, "", 2},
			{"Singapore", sangbad.ActorPlace, "", 1},
		}, []string{"Analysts", "The", "Mr", "Tuesday"}},
		// a multi-word title at the start of a sentence; "supermarket Tesco"
		// and "shares in Tesco" name a company, not a place
		{"retail_en.txt", []actorWant{
			{"Ken Murphy", sangbad.ActorPerson, "Chief Executive", 2},
			{"Tesco", sangbad.ActorOrganization, "", 3},
			{"Barclays", sangbad.ActorOrganization, "", 1},
			{"Office for National Statistics", sangbad.ActorOrganization, "", 1},
			{"London", sangbad.ActorPlace, "", 1},
		}, []string{"Executive Ken Murphy", "Chief", "Shares"}},
		// "Sheikh" is part of a name; "former" belongs to the role
		{"election_en.txt", []actorWant{
			{"Sheikh Hasina", sangbad.ActorPerson, "Bangladesh's Prime Minister", 1},
			{"Khaleda Zia", sangbad.ActorPerson, "former Prime Minister", 1},
			{"Tarique Rahman", sangbad.ActorPerson, "acting chairman", 1},
			{"Ruhul Kabir Rizvi", sangbad.ActorPerson, "BNP spokesman", 1},
			{"Awami League", sangbad.ActorOrganization, "", 1},
			{"Bangladesh Nationalist Party", sangbad.ActorOrganization, "", 2}, // and "BNP"
			{"European Union", sangbad.ActorOrganization, "", 1},
		}, []string{"Hasina"}},
		// institutions named with adjectives, a workplace after "at", a
		// title before a name, a party description
		{"fed_en.txt", []actorWant{
			{"Federal Reserve", sangbad.ActorOrganization, "", 1},
			{"Jerome Powell", sangbad.ActorPerson, "Fed Chair", 2},
			{"Goldman Sachs", sangbad.ActorOrganization, "", 1},
			{"Labor Department", sangbad.ActorOrganization, "", 1},
			{"Elizabeth Warren", sangbad.ActorPerson, "Sen.", 1},
		}, []string{"Fed Chair Jerome Powell", "Massachusetts Democrat", "Powell"}},
		// an employer and a modifier around a hyphenated title; a company
		// with and without its legal suffix
		{"openai_en.txt", []actorWant{
			{"Bret Taylor", sangbad.ActorPerson, "former Salesforce co-CEO", 1},
			{"Larry Summers", sangbad.ActorPerson, "former U.S. Treasury Secretary", 1},
			{"Satya Nadella", sangbad.ActorPerson, "Microsoft CEO", 1},
			{"Microsoft Corp", sangbad.ActorOrganization, "", 3}, // also inside "Microsoft CEO"
			{"Sam Altman", sangbad.ActorPerson, "", 2},
		}, []string{"Microsoft"}},
		// a portfolio after "for"/"of" belongs to the role; role words
		// alone name no one
		{"portfolios_en.txt", []actorWant{
			{"Nazrul Islam Chowdhury", sangbad.ActorPerson, "State Minister for Labour", 1},
			{"Asaduzzaman Khan", sangbad.ActorPerson, "Minister of Home Affairs", 1},
			{"Abul Hasan Mahmud Ali", sangbad.ActorPerson, "Minister for Finance", 1},
			{"Larry Summers", sangbad.ActorPerson, "former U.S. Treasury Secretary", 1},
			{"United States", sangbad.ActorPlace, "", 1},
		}, []string{"State Minister", "Labour Nazrul Islam Chowdhury"}},
		// a double-barrelled surname alone joins its person
		{"court_en.txt", []actorWant{
			{"Sam Bankman-Fried", sangbad.ActorPerson, "former FTX chief executive", 3},
			{"Lewis A. Kaplan", sangbad.ActorPerson, "U.S. District Judge", 2},
			{"Marc Mukasey", sangbad.ActorPerson, "Defense lawyer", 1},
		}, []string{"Bankman-Fried"}},
		// Bangladeshi English: initials, a route's second end, place heads,
		// "X and Y Department", an acronym written like a word
		{"ecnec_en.txt", []actorWant{
			{"MA Mannan", sangbad.ActorPerson, "Planning Minister", 2},
			{"Mawa", sangbad.ActorPlace, "", 1},
			{"Sher-e-Bangla Nagar", sangbad.ActorPlace, "", 1},
			{"Roads and Highways Department", sangbad.ActorOrganization, "", 1},
			{"Japan International Cooperation Agency", sangbad.ActorOrganization, "", 2},
			{"Bangladesh Bureau of Statistics", sangbad.ActorOrganization, "", 2},
		}, []string{"Mannan", "Roads", "Highways Department"}},
		// a named storm; a role set off by commas before its holder
		{"cyclone_en.txt", []actorWant{
			{"Cyclone Remal", sangbad.ActorOrganization, "", 1},
			{"Mohibbur Rahman", sangbad.ActorPerson, "Disaster Management Minister", 1},
			{"Mamata Banerjee", sangbad.ActorPerson, "chief minister", 1},
			{"Kamrul Hasan", sangbad.ActorPerson, "secretary at the disaster ministry", 1},
			{"Mongla", sangbad.ActorPlace, "", 1},
		}, []string{"Remal"}},
		// an AP state abbreviation in the dateline; a company with its own 's
		{"wage_en.txt", []actorWant{
			{"California", sangbad.ActorPlace, "", 3},
			{"McDonald's", sangbad.ActorOrganization, "", 1},
			{"Gavin Newsom", sangbad.ActorPerson, "California Gov.", 2},
		}, []string{"Calif", "McDonald"}},
		// an acronym before a hyphenated title, "Republic of", a company
		// described by what it makes
		{"mpox_en.txt", []actorWant{
			{"World Health Organization", sangbad.ActorOrganization, "", 2},
			{"Tedros Adhanom Ghebreyesus", sangbad.ActorPerson, "WHO Director-General", 1},
			{"Democratic Republic of Congo", sangbad.ActorPlace, "", 1},
			{"Bavarian Nordic", sangbad.ActorOrganization, "", 1},
		}, []string{"Democratic Republic", "Congo", "Director-General Tedros Adhanom Ghebreyesus"}},
		// a role opening a paragraph, not reaching into the one before
		{"interim_en.txt", []actorWant{
			{"Waker-Uz-Zaman", sangbad.ActorPerson, "Army chief General", 1},
			{"Mohammed Shahabuddin", sangbad.ActorPerson, "President", 1},
			{"Sheikh Hasina", sangbad.ActorPerson, "", 1},
		}, nil},
		// an acronym that spells "of"
		{"boj_en.txt", []actorWant{
			{"Bank of Japan", sangbad.ActorOrganization, "", 2},
			{"Kazuo Ueda", sangbad.ActorPerson, "BOJ Governor", 1},
		}, []string{"BOJ"}},
		// a known party opening a title; Dhaka places in English
		{"rally_en.txt", []actorWant{
			{"Awami League", sangbad.ActorOrganization, "", 1},
			{"Obaidul Quader", sangbad.ActorPerson, "Awami League General Secretary", 2},
			{"Suhrawardy Udyan", sangbad.ActorPlace, "", 1},
			{"Naya Paltan", sangbad.ActorPlace, "", 1},
			{"Ruhul Kabir Rizvi", sangbad.ActorPerson, "BNP spokesperson", 1},
		}, nil},
	}
	e := New()
	for _, ft := range tests {
		t.Run(ft.fixture, func(t *testing.T) {
			text := readFixture(t, filepath.Join("testdata", "actors", ft.fixture))
			f := extractFacts(t, e, text, "en")
			checkOffsets(t, text, f)
			for _, tt := range ft.want {
				t.Run(tt.name, func(t *testing.T) {
					var a *sangbad.Actor
					for i := range f.Actors {
						if f.Actors[i].Name == tt.name {
							a = &f.Actors[i]
						}
					}
					if a == nil {
						t.Fatalf("no actor named %q", tt.name)
					}
					if a.Type != tt.typ || a.Role != tt.role || len(a.Mentions) != tt.mentions {
						t.Errorf("got %s role %q with %d mentions, want %s role %q with %d", a.Type, a.Role, len(a.Mentions), tt.typ, tt.role, tt.mentions)
					}
				})
			}
			for _, a := range f.Actors {
				if slices.Contains(ft.invented, a.Name) {
					t.Errorf("invented actor %q", a.Name)
				}
			}
		})
	}
}

func TestExtractActorsBengaliCues(t *testing.T) {
	e := New()
	tests := []struct {
		name, text string
		want       []string // "type:name" of every actor
	}{
		{"role before name", "বাংলাদেশ ব্যাংকের গভর্নর ড. আহসান এইচ মনসুর বলেছেন, মূল্যস্ফীতি কমবে।",
			[]string{"organization:Bangladesh Bank", "person:ড. আহসান এইচ মনসুর"}},
		{"org head word and acronym", "বিএনপির নেতারা ঢাকা বিশ্ববিদ্যালয়ের সামনে জড়ো হন।",
			[]string{"organization:Bangladesh Nationalist Party", "organization:Dhaka University"}},
		{"surname", "তারেক রহমান লন্ডনে আছেন।", []string{"person:তারেক রহমান", "place:London"}},
		{"latin name with suffix", "Google-এর প্রধান নির্বাহী সুন্দর পিচাই বলেন।", []string{"organization:Google", "person:সুন্দর পিচাই"}},
		{"pronoun is no actor", "তিনি বলেন, তারা আসবে।", nil},
		{"surname keeps its ending", "বাংলাদেশ ব্যাংকের গভর্নর আব্দুর রউফ তালুকদার জানান, মূল্যস্ফীতি কমবে।",
			[]string{"organization:Bangladesh Bank", "person:আব্দুর রউফ তালুকদার"}},
		{"long name", "বিএনপির মহাসচিব মির্জা ফখরুল ইসলাম আলমগীর সংবাদ সম্মেলনে এ অভিযোগ করেন।",
			[]string{"organization:Bangladesh Nationalist Party", "person:মির্জা ফখরুল ইসলাম আলমগীর"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, "bn")
			checkOffsets(t, tt.text, f)
			var got []string
			for _, a := range f.Actors {
				got = append(got, a.Type+":"+a.Name)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
		})
	}
}

func BenchmarkExtractActors(b *testing.B) {
	e := New()
	for _, name := range []string{"seed_bn.txt", "wire_en.txt"} {
		text := readFixture(b, filepath.Join("testdata", "actors", name))
		// about 5 KB of text
		for len(text) < 5000 {
			text += "\n" + text
		}
		text = text[:5000]
		for !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				d := newDoc(text, "")
				actors := e.extractActors(d)
				extractQuotes(d, actors, e.gaz.w)
			}
		})
	}
}

func FuzzActors(f *testing.F) {
	f.Add("চীনের TikTok এবং ইন্দোনেশিয়ার টেক গ্রুপ GoTo-এর “আমরা দেব,” তিনি বলেন।")
	f.Add(`"We will see," Mr. Smith said. Indonesia's trade minister Zulkifli Hasan said that it works.`)
	e := New()
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		d := newDoc(text, "")
		actors := e.extractActors(d)
		quotes := extractQuotes(d, actors, e.gaz.w)
		checkOffsets(t, text, sangbad.Facts{Actors: actors, Quotes: quotes})
		for _, q := range quotes {
			if q.SpeakerID != "" && !slices.ContainsFunc(actors, func(a sangbad.Actor) bool { return a.ID == q.SpeakerID }) {
				t.Errorf("quote speaker %q is no actor", q.SpeakerID)
			}
		}
	})
}

func TestExtractActorsConcurrent(t *testing.T) {
	e := New()
	texts := []string{
		readFixture(t, filepath.Join("testdata", "actors", "seed_bn.txt")),
		readFixture(t, filepath.Join("testdata", "actors", "wire_en.txt")),
	}
	want := make([][]sangbad.Actor, len(texts))
	for i, text := range texts {
		want[i] = extractFacts(t, e, text, "").Actors
	}
	type result struct {
		i      int
		actors []sangbad.Actor
	}
	done := make(chan result, 8)
	for g := 0; g < 8; g++ {
		go func() {
			res, err := e.Extract(context.Background(), texts[g%2], Options{})
			if err != nil {
				t.Error(err)
			}
			done <- result{g % 2, res.Facts.Actors}
		}()
	}
	for g := 0; g < 8; g++ {
		r := <-done
		if diff := cmp.Diff(want[r.i], r.actors); diff != "" {
			t.Errorf("concurrent extraction differs (-sequential +concurrent):\n%s", diff)
		}
	}
}
