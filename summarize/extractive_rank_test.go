package summarize

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// furnished is a news story with the furniture a scraped page carries:
// a dateline, a photo caption after the lead, page links, a credit line and
// a repeat of the lead.
const furnished = "OMAHA, Nebraska (CNN) -- Investigators probing the deadly mall shooting in Omaha have seized computers and are analyzing web sites the gunman may have visited, police said Thursday. " +
	"Police officers stand outside the Westroads Mall in Omaha, Nebraska, Wednesday. " +
	"The 19-year-old gunman killed eight people at a department store on Wednesday before he took his own life. " +
	"Watch officials detail the rampage » . " +
	"Investigators probing the deadly mall shooting in Omaha have seized computers and are analyzing web sites the gunman may have visited. " +
	"The gunman left a suicide note and other letters, which showed the shooting was planned, Police Chief Thomas Warren said. " +
	"Click here for the latest news on the shooting. " +
	"Warren said the gunman had been a ward of the state for almost four years and had mental health problems. " +
	"Nebraska Governor Dave Heineman said the state had placed the gunman in foster care after he threatened his stepmother. " +
	"The department store will stay closed until next week while police finish their work at the mall. " +
	"Is the mall safe for holiday shoppers? " +
	"CNN's Kevin Bohn contributed to this report. " +
	"E-mail to a friend ."

// TestSummaryExcludesFurniture checks that no summary, at any length or
// word target, carries a page link, credit line or a repeat of a sentence
// it already has, and that the caption and the question are left out
// while the target leaves room for news (they are discounted, not
// excluded: 150 words of this 190-word story need them).
func TestSummaryExcludesFurniture(t *testing.T) {
	never := []string{"Watch officials", "Click here", "contributed to this report", "E-mail to a friend"}
	discounted := []string{"Police officers stand outside", "Is the mall safe"}
	e := newExtractive(t)
	d := Document{Text: furnished, Language: "en"}
	budgets := map[string]Budget{}
	for _, l := range []string{sangbad.LengthHeadline, sangbad.LengthShort, sangbad.LengthStandard, sangbad.LengthBullets} {
		budgets[l] = LengthBudget(l, len(segment.Sentences(furnished)), countWords(furnished))
	}
	for _, w := range []int{20, 40, 60, 100, 150} {
		budgets[fmt.Sprintf("%d words", w)] = Budget{Min: 1, Words: w}
	}
	for name, b := range budgets {
		t.Run(name, func(t *testing.T) {
			s := e.SummarizeBudget(d, b)
			if len(s.Sentences) == 0 {
				t.Fatal("empty summary")
			}
			for _, n := range never {
				if strings.Contains(s.Text, n) {
					t.Errorf("summary carries %q: %q", n, s.Text)
				}
			}
			for _, n := range discounted {
				if strings.Contains(s.Text, n) && countWords(s.Text) <= 110 {
					t.Errorf("summary of %d words carries %q: %q", countWords(s.Text), n, s.Text)
				}
			}
			// the lead and its repeat (sentence 4) never stand together
			var src []int
			for _, ss := range s.Sentences {
				src = append(src, ss.Sources...)
			}
			if strings.Count(s.Text, "Investigators probing the deadly mall shooting") > 1 {
				t.Errorf("the lead is repeated: %v %q", src, s.Text)
			}
			if strings.HasPrefix(s.Text, "OMAHA") {
				t.Errorf("dateline kept: %q", s.Text)
			}
		})
	}
}

// TestSummaryNoRepeatedContent checks on real articles that no two
// sentences of a summary say the same: none is a near copy of another by
// the ranking's own similarity.
func TestSummaryNoRepeatedContent(t *testing.T) {
	e := newExtractive(t)
	for _, a := range readFixtures(t) {
		for _, b := range []Budget{{Min: 1, Words: 40}, {Min: 1, Words: 120}, {Min: 3, Max: 6, Words: 200}} {
			t.Run(fmt.Sprintf("%s/%d", a.ID, b.Words), func(t *testing.T) {
				d := Document{Text: a.Text, Title: a.Title, Language: a.Lang}
				r := e.rank(d, b)
				picked := selectUnits(r, b, e.p.mmrLambda, e.p.fill)
				for x, i := range picked {
					for _, j := range picked[x+1:] {
						if c := cosine(r.vec[i], r.vec[j]); c >= redundancy {
							t.Errorf("units %d and %d repeat each other (cosine %.2f): %q / %q", i, j, c, r.units[i].text, r.units[j].text)
						}
					}
				}
			})
		}
	}
}

// TestSummaryWordTarget checks the length option on real articles: a
// summary of more than its minimum of units never ends further above the
// word target than stopping short would have been, and a summary counts the
// words it shows (not the dateline it dropped).
func TestSummaryWordTarget(t *testing.T) {
	e := newExtractive(t)
	for _, a := range readFixtures(t) {
		for _, w := range []int{25, 40, 80, 150} {
			t.Run(fmt.Sprintf("%s/%d", a.ID, w), func(t *testing.T) {
				b := Budget{Min: 1, Words: w}
				d := Document{Text: a.Text, Title: a.Title, Language: a.Lang}
				for _, s := range []sangbad.Summary{e.SummarizeBudget(d, b), e.Lead(d, b)} {
					words := countWords(s.Text)
					if len(s.Sentences) > b.Min && words > 2*w {
						t.Errorf("%s: %d sentences of %d words for a target of %d", s.Method, len(s.Sentences), words, w)
					}
				}
			})
		}
	}
}

func TestLeadCountsShownWords(t *testing.T) {
	// the lead has 8 words after its dateline (12 with it): a target of 12
	// takes the next sentence of 4 words as well
	text := "LONDON, England (Reuters) -- One two three four five six seven eight. Nine ten eleven twelve. Thirteen fourteen fifteen sixteen seventeen."
	e := newExtractive(t)
	got := e.Lead(Document{Text: text, Language: "en"}, Budget{Min: 1, Words: 12}).Text
	if diff := cmp.Diff("One two three four five six seven eight. Nine ten eleven twelve.", got); diff != "" {
		t.Errorf("lead (-want +got):\n%s", diff)
	}
}

func TestCaptionLike(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"A rescuer at the entrance to Airman's Cave in Austin, Texas, Sunday.", true},
		{"Firefighters battle the Witch fire Tuesday in the Del Dios area of Escondido, California.", true},
		{"David Nalbandian celebrates after upsetting Roger Federer in the Madrid Masters final.", true},
		{"The blazes have killed one person and injured at least 70 more.", false},
		{"Police said the gunman was 19 years old.", false},
		{"\"This is a very sad day,\" Pruitt told reporters.", false},
		{"The company will announce its results on Monday.", false},
		{"Rookie Hamilton can still clinch the crown with third place in the closing race, but saw his 12-point lead cut to four by his team-mate.", false},
		{"রাজধানীতে আজ বৃষ্টি হচ্ছে।", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ts, words, _ := terms(tt.in, nil)
			u := unit{text: tt.in, lower: strings.ToLower(tt.in), terms: ts, words: words}
			if got := captionLike(u); got != tt.want {
				t.Errorf("captionLike(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestQuoteShare(t *testing.T) {
	tests := []struct {
		in       string
		min, max float64
	}{
		{"The council approved the budget.", 0, 0},
		{"\"We will not allow exports this year,\" he said.", 0.7, 0.9},
		{"“Prices have risen since March,” the minister told reporters at the port.", 0.3, 0.6},
		{"He called the plan \"flawed\" and voted against it.", 0.1, 0.3},
		{"", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := quoteShare(tt.in); got < tt.min || got > tt.max {
				t.Errorf("quoteShare(%q) = %.2f, want in [%.2f, %.2f]", tt.in, got, tt.min, tt.max)
			}
		})
	}
}

func TestLeadShare(t *testing.T) {
	tests := []struct {
		name         string
		b            Budget
		words, units int
		want         float64
	}{
		{"40 of 800 words", Budget{Min: 1, Words: 40}, 800, 40, 1 - 0.05/0.3},
		{"half the article", Budget{Min: 1, Words: 100}, 200, 10, 0},
		{"headline", Budget{Min: 1, Max: 1}, 800, 40, 1 - 0.025/0.3},
		{"no limit", Budget{}, 800, 40, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := leadShare(tt.b, tt.words, tt.units, 0.3); got < tt.want-1e-9 || got > tt.want+1e-9 {
				t.Errorf("leadShare = %.3f, want %.3f", got, tt.want)
			}
		})
	}
}

// TestShortSummaryDiscountsQuotes checks that a quotation ranks lower
// against a statement in a summary of a small share of the article than in
// one of a large share.
func TestShortSummaryDiscountsQuotes(t *testing.T) {
	e := newExtractive(t)
	var text strings.Builder
	text.WriteString("The port authority banned rice exports on Monday to keep prices down at home. ")
	text.WriteString("\"We will not allow rice exports this year because prices at home have risen,\" the port minister said. ")
	text.WriteString("Rice exporters said the ban on exports would cost them sales this year. ")
	for i := range 30 {
		fmt.Fprintf(&text, "Traders in district %d reported that rice prices rose again in the market this week. ", i+1)
	}
	d := Document{Text: text.String(), Language: "en"}
	words := countWords(d.Text)
	ratio := func(b Budget) float64 {
		r := e.rank(d, b)
		return r.score[1] / r.score[2]
	}
	small, large := ratio(Budget{Min: 1, Words: words / 20}), ratio(Budget{Min: 1, Words: words / 2})
	if small >= large {
		t.Errorf("quotation against statement: %.3f in a short summary, %.3f in a long one", small, large)
	}
}

// TestSelectFillsTarget checks that a summary of a small share of the
// article takes a unit that fits the word target in place of a better one
// that would run over it, and that a summary of a large share stops.
func TestSelectFillsTarget(t *testing.T) {
	mk := func(share float64) ranked {
		words := []int{30, 40, 8}
		r := ranked{score: []float64{1, 0.9, 0.7}, furniture: make([]bool, 3), share: share}
		for i, w := range words {
			r.units = append(r.units, unit{first: i, last: i, words: w, lower: fmt.Sprint(i)})
			r.vec = append(r.vec, sparse{{id: i, w: 1}})
		}
		return r
	}
	tests := []struct {
		share float64
		want  []int
	}{
		{0.8, []int{0, 2}},
		{0, []int{0}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.share), func(t *testing.T) {
			got := selectUnits(mk(tt.share), Budget{Min: 1, Words: 40}, 0.6, 0.5)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("selected (-want +got):\n%s", diff)
			}
		})
	}
}
