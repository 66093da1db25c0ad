// Package rouge computes ROUGE-1, ROUGE-2 and ROUGE-L between a candidate
// summary and a reference, over segment.Tokens (Unicode-aware: Bengali
// words keep their vowel signs), with no stemming and no stopword removal.
// The eval command and the summarizer's development tests share it.
package rouge

import (
	"strings"

	"github.com/sangbad/sangbad/segment"
)

// Score is one ROUGE score.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Scores holds ROUGE-1, ROUGE-2 and ROUGE-L.
type Scores struct {
	R1 Score `json:"rouge1"`
	R2 Score `json:"rouge2"`
	RL Score `json:"rougeL"`
}

func score(overlap, predicted, reference int) Score {
	var s Score
	if predicted > 0 {
		s.Precision = float64(overlap) / float64(predicted)
	}
	if reference > 0 {
		s.Recall = float64(overlap) / float64(reference)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Tokens tokenises text for ROUGE: lower-cased runs of letters, combining
// marks and digits.
func Tokens(text string) []string { return segment.Tokens(text) }

// N returns ROUGE-N between a candidate and a reference token sequence:
// clipped n-gram overlap over the candidate's and the reference's n-gram
// counts.
func N(candidate, reference []string, n int) Score {
	c, r := ngrams(candidate, n), ngrams(reference, n)
	overlap := 0
	for g, k := range c {
		overlap += min(k, r[g])
	}
	return score(overlap, max(0, len(candidate)-n+1), max(0, len(reference)-n+1))
}

func ngrams(toks []string, n int) map[string]int {
	out := map[string]int{}
	for i := 0; i+n <= len(toks); i++ {
		out[strings.Join(toks[i:i+n], "\x00")]++
	}
	return out
}

// L returns ROUGE-L: the longest common subsequence of the two token
// sequences taken whole (as Google's rouge-score "rougeL", not the
// per-sentence "rougeLsum").
func L(candidate, reference []string) Score {
	return score(lcs(candidate, reference), len(candidate), len(reference))
}

func lcs(a, b []string) int {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
			} else {
				cur[j] = max(prev[j], cur[j-1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// All scores candidate text against reference text.
func All(candidate, reference string) Scores {
	c, r := Tokens(candidate), Tokens(reference)
	return Scores{R1: N(c, r, 1), R2: N(c, r, 2), RL: L(c, r)}
}
