package summarize

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

func TestTrimLeadClause(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"circumstance dropped",
			"Amid high emotions and tight security, thousands lined the streets of Beirut Friday to honor Antoine Ghanem.",
			"Thousands lined the streets of Beirut Friday to honor Antoine Ghanem."},
		{"time dropped", "On Monday, the central bank raised its policy rate by half a point.", "The central bank raised its policy rate by half a point."},
		{"place name continues", "In the schoolyard in Amman, Jordan, principal Sanaa Abu Harb makes an announcement.", "In the schoolyard in Amman, Jordan, principal Sanaa Abu Harb makes an announcement."},
		{"condition kept", "If someone had asked her three years ago, the word fit would have never crossed her mind.", "If someone had asked her three years ago, the word fit would have never crossed her mind."},
		{"relative clause is no main clause", "Last year's winner, who was injured in March, will not defend the title.", "Last year's winner, who was injured in March, will not defend the title."},
		{"too little left", "After the vote, he resigned at once.", "After the vote, he resigned at once."},
		{"quoted opening kept", "After “a long night”, the minister said the talks would resume on Monday.", "After “a long night”, the minister said the talks would resume on Monday."},
		{"date with a comma kept", "On Dec. 5, 2007, the company filed for bankruptcy protection in New York.", "On Dec. 5, 2007, the company filed for bankruptcy protection in New York."},
		{"a second phrase is no main clause", "In the survey, out Monday, 50 percent of likely voters support Clinton as their choice.", "In the survey, out Monday, 50 percent of likely voters support Clinton as their choice."},
		{"a quantity is no phrase", "At least 14 people were killed, police said on Thursday in the capital.", "At least 14 people were killed, police said on Thursday in the capital."},
		{"a clause is no phrase", "After the vote was counted, the president of the assembly resigned his seat at once.", "After the vote was counted, the president of the assembly resigned his seat at once."},
		{"Bengali unchanged", "চীনের TikTok এবং GoTo একটি ট্রায়াল অংশীদারিত্ব চালাবে।", "চীনের TikTok এবং GoTo একটি ট্রায়াল অংশীদারিত্ব চালাবে।"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := trimLeadClause(tt.in); got != tt.want {
				t.Errorf("trimLeadClause:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestBuildUnitsJoinsTitles(t *testing.T) {
	tests := []struct {
		name string
		text string
		want [][2]int
	}{
		{"plural title", "It is tied. Sens. Clinton and Obama are level. Polls close at eight.", nil},
		{"ordinary sentences", "Prices rose. Sales fell. Shares closed lower.", [][2]int{{0, 0}, {1, 1}, {2, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sents := segment.Sentences(tt.text)
			us := buildUnits(tt.text, sents, maxQuoteSentences)
			for _, u := range us {
				if endsWithTitle(u.text) {
					t.Errorf("unit ends at a title: %q (sentences %+v)", u.text, sents)
				}
			}
			if tt.want != nil {
				var got [][2]int
				for _, u := range us {
					got = append(got, [2]int{u.first, u.last})
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("units mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

func TestEndsWithTitle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"The battle between Sens.", true},
		{"(CNN) -- Reps.", true},
		{"He met Dr.", true},
		{"He won in the U.S.", false},
		{"Sens", false},
		{"He left.", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := endsWithTitle(tt.in); got != tt.want {
				t.Errorf("endsWithTitle(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestShortPrefersStatements checks that a short summary states the news
// rather than asking or quoting when plain statements are available.
func TestShortPrefersStatements(t *testing.T) {
	text := "The city council approved a new budget of 3 billion taka for roads and schools on Monday.\n" +
		"Will the money be enough to repair the roads before the monsoon arrives this year?\n" +
		"“This is the biggest budget the city has ever passed for roads and schools,” the mayor said.\n" +
		"The budget sets aside 1.2 billion taka for roads and 800 million taka for school buildings.\n" +
		"Work on the first roads will start in July, the council said."
	e := newExtractive(t)
	s := e.Summarize(Document{Text: text, Language: "en"}, sangbad.LengthShort)
	for _, ss := range s.Sentences {
		if isQuestion(ss.Text) || opensQuote(ss.Text) {
			t.Errorf("short summary took %q: %q", ss.Text, s.Text)
		}
	}
	h := e.Summarize(Document{Text: text, Language: "en"}, sangbad.LengthHeadline)
	if len(h.Sentences) != 1 || isQuestion(h.Text) || opensQuote(h.Text) {
		t.Errorf("headline %q", h.Text)
	}
}

func TestStyleFactorBoilerplate(t *testing.T) {
	tests := []struct {
		name string
		in   string
		low  bool
	}{
		{"news", "The council approved the budget on Monday.", false},
		{"credit", "Photo: Reuters", true},
		{"copyright", "Copyright 2024 The Daily Star. All rights reserved.", true},
		{"read more bn", "আরও পড়ুন: বাজেট নিয়ে আলোচনা", true},
		{"caption", "Amin Gemayel (R), Phalange party head, carries the coffin of the deputy.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := styleFactor(tt.in, strings.ToLower(tt.in))
			if got := f < 0.6; got != tt.low {
				t.Errorf("styleFactor(%q) = %.2f", tt.in, f)
			}
		})
	}
}

// TestHeadlineTakesLeadAcrossTitles checks that a lead the splitter broke
// at a title ("Sens.") may still be the headline.
func TestHeadlineTakesLeadAcrossTitles(t *testing.T) {
	text := "LOS ANGELES, California (CNN) -- Sens. Hillary Clinton and Barack Obama will duel for Super Tuesday votes Thursday night in their first debate without John Edwards. " +
		"Thursday's debate is taking place at the Kodak Theatre in Los Angeles, California. " +
		"Clinton and Obama have split victories in the early-voting states so far. " +
		"Edwards suspended his presidential campaign on Wednesday after poor results."
	e := newExtractive(t)
	h := e.Summarize(Document{Text: text, Language: "en"}, sangbad.LengthHeadline)
	if !strings.HasPrefix(h.Text, "Sens. Hillary Clinton and Barack Obama will duel") {
		t.Errorf("headline %q", h.Text)
	}
	if len(h.Sentences) != 1 || h.Sentences[0].Sources[0] != 0 {
		t.Errorf("headline sources %+v", h.Sentences)
	}
}
