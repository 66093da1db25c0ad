package rouge

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestRouge(t *testing.T) {
	tests := []struct {
		name       string
		cand, ref  string
		r1, r2, rl Score
	}{
		// overlap the×2, cat, on, mat = 5 of 6; bigrams "the cat", "on
		// the", "the mat" = 3 of 5; LCS "the cat on the mat" = 5
		{"classic", "the cat sat on the mat", "the cat is on the mat",
			Score{5.0 / 6, 5.0 / 6, 5.0 / 6}, Score{0.6, 0.6, 0.6}, Score{5.0 / 6, 5.0 / 6, 5.0 / 6}},
		// clipped: "the" counts once; P 1/3, R 1/2, F 2·(1/6)/(5/6) = 0.4
		{"clipping", "The the THE", "the cat",
			Score{1.0 / 3, 0.5, 0.4}, Score{0, 0, 0}, Score{1.0 / 3, 0.5, 0.4}},
		// Bengali words keep their vowel signs: 2 of 3 words shared
		{"bengali", "আমরা ভাত খাই।", "আমরা ভাত খেয়েছি",
			Score{2.0 / 3, 2.0 / 3, 2.0 / 3}, Score{0.5, 0.5, 0.5}, Score{2.0 / 3, 2.0 / 3, 2.0 / 3}},
		// order matters for ROUGE-2 and ROUGE-L only: LCS "a c" = 2 of 3
		{"order", "c b a", "a b c",
			Score{1, 1, 1}, Score{0, 0, 0}, Score{1.0 / 3, 1.0 / 3, 1.0 / 3}},
		{"empty candidate", "", "a b", Score{}, Score{}, Score{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := All(tt.cand, tt.ref)
			for _, c := range []struct {
				name      string
				got, want Score
			}{{"R1", got.R1, tt.r1}, {"R2", got.R2, tt.r2}, {"RL", got.RL, tt.rl}} {
				if !near(c.got.Precision, c.want.Precision) || !near(c.got.Recall, c.want.Recall) || !near(c.got.F1, c.want.F1) {
					t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
				}
			}
		})
	}
}

func TestTokensKeepBengaliWords(t *testing.T) {
	got := Tokens("ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী, “ট্রায়াল”। TikTok-এর $840")
	want := []string{"ইন্দোনেশিয়ার", "বাণিজ্যমন্ত্রী", "ট্রায়াল", "tiktok", "এর", "840"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("tokens (-want +got):\n%s", diff)
	}
}
