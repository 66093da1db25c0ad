package facts

import (
	"math"
	"os"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

func readSeed(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/amounts/seed_article_bn.txt")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkSpan fails when s is not the text at its code-point offsets.
func checkSpan(t *testing.T, runes []rune, what string, s sangbad.Span) {
	t.Helper()
	if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
		t.Errorf("%s %q: bad offsets %d-%d", what, s.Text, s.Start, s.End)
		return
	}
	if got := string(runes[s.Start:s.End]); got != s.Text {
		t.Errorf("%s: runes[%d:%d] = %q, text %q", what, s.Start, s.End, got, s.Text)
	}
}

// TestSeedArticle is the acceptance test of docs/bengali.md §10 for
// amounts and dates: the expected facts, exactly, and nothing invented.
func TestSeedArticle(t *testing.T) {
	text := readSeed(t)
	runes := []rune(text)
	d := newDoc(text, "")
	ref, src := referenceDate(d, day("2023-12-12"))
	if src != "published" {
		t.Fatalf("reference source %q, want published", src)
	}
	amounts := extractAmounts(d)
	dates := extractDates(d, ref, src)

	type money struct {
		Value    float64
		Currency string
	}
	var gotMoney []money
	var gotPercent, gotQty []float64
	for _, a := range amounts {
		checkSpan(t, runes, "amount", a.Span)
		if a.Number == nil {
			t.Errorf("amount %q has no number span", a.Text)
		} else {
			checkSpan(t, runes, "amount number", *a.Number)
			if a.Number.Start < a.Start || a.Number.End > a.End {
				t.Errorf("number %q is outside amount %q", a.Number.Text, a.Text)
			}
		}
		switch a.Kind {
		case sangbad.AmountMoney:
			gotMoney = append(gotMoney, money{a.Value, a.Currency})
		case sangbad.AmountPercent:
			gotPercent = append(gotPercent, a.Value)
		case sangbad.AmountQuantity:
			gotQty = append(gotQty, a.Value)
		}
	}
	if diff := cmp.Diff([]money{{840e6, "USD"}, {160e9, "USD"}, {6e9, "USD"}}, gotMoney); diff != "" {
		t.Errorf("money (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]float64{90}, gotPercent); diff != "" {
		t.Errorf("percent (-want +got):\n%s", diff)
	}
	// দুটি সংস্থা, তিন থেকে চার মাস, 125 মিলিয়ন, প্রায় 67 মিলিয়ন, 10 বছর
	if diff := cmp.Diff([]float64{2, 3, 125e6, 67e6, 10}, gotQty); diff != "" {
		t.Errorf("quantities (-want +got):\n%s", diff)
	}
	for _, a := range amounts {
		switch a.Value {
		case 67e6:
			if !a.Approximate || a.Unit != "ব্যবহারকারী" {
				t.Errorf("67 million: %+v, want approximate users", a)
			}
		case 125e6:
			if a.Unit != "ব্যবহারকারী" {
				t.Errorf("125 million: unit %q, want ব্যবহারকারী", a.Unit)
			}
		case 3:
			if a.ValueMax == nil || *a.ValueMax != 4 || a.Unit != "মাস" {
				t.Errorf("three to four months: %+v", a)
			}
		}
	}

	type date struct{ Text, Value string }
	var gotDates []date
	for _, dd := range dates {
		checkSpan(t, runes, "date", dd.Span)
		gotDates = append(gotDates, date{dd.Text, dd.Value})
		if dd.Relative && (dd.Reference != "2023-12-12" || dd.ReferenceSource != "published") {
			t.Errorf("date %q: reference %q/%q", dd.Text, dd.Reference, dd.ReferenceSource)
		}
	}
	wantDates := []date{
		{"ডিসেম্বর 12", "2023-12-12"}, // the dateline
		{"মঙ্গলবার", "2023-12-12"},    // the minister said on Tuesday
		{"সোমবার", "2023-12-11"},      // TikTok said on Monday
		{"সেপ্টেম্বরে", "2023-09"},    // banned in September
		{"মঙ্গলবার", "2023-12-12"},    // will start on Tuesday
		{"2030 সালের মধ্যে", "2030"},
		{"এই বছর", "2023"},
	}
	if diff := cmp.Diff(wantDates, gotDates); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}

	// the verifier's view: every number is where it says, and the traps
	// (নয় "is not", তিনি "he", একটি "a", বিশ্লেষক) are no numbers
	for _, n := range Numbers(text) {
		checkSpan(t, runes, "number", n.Span)
		if n.Value == 9 || n.Value == 1 || n.Value == 20 {
			t.Errorf("invented number %v from %q at %d", n.Value, n.Text, n.Start)
		}
		if n.Value == 3 && n.Text != "তিন থেকে চার" {
			t.Errorf("invented 3 from %q at %d", n.Text, n.Start)
		}
	}
}

// TestSeedAcrossScripts checks that renderings of the seed's amounts in
// either script give the seed's values, as a summary checker needs.
func TestSeedAcrossScripts(t *testing.T) {
	src := map[float64]bool{}
	for _, n := range Numbers(readSeed(t)) {
		if n.Currency != "" || n.Percent {
			src[n.Value] = true
		}
	}
	for _, s := range []string{"$840m", "৮৪ কোটি ডলার", "৮৪০ মিলিয়ন ডলার", "$160bn", "১৬ হাজার কোটি ডলার", "৬০০ কোটি ডলার", "$6 billion", "90 per cent", "৯০ শতাংশ", "শতকরা ৯০ ভাগ"} {
		ns := Numbers(s)
		if len(ns) != 1 {
			t.Errorf("Numbers(%q) = %+v, want one", s, ns)
			continue
		}
		found := false
		for v := range src {
			if math.Abs(v-ns[0].Value) <= 0.005*v {
				found = true
			}
		}
		if !found {
			t.Errorf("Numbers(%q) = %v, not among the seed's amounts %v", s, ns[0].Value, slices.Sorted(func(yield func(float64) bool) {
				for v := range src {
					if !yield(v) {
						return
					}
				}
			}))
		}
	}
}
