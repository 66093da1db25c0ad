package eval

import (
	"strings"

	"github.com/sangbad/sangbad/segment"
)

// PRF holds the counts of a precision/recall evaluation and the rates
// derived from them. Precision is meaningless when it is not measured
// (quantities: recall only); NoPrecision marks that.
type PRF struct {
	TP          int     `json:"tp"`
	FP          int     `json:"fp"`
	FN          int     `json:"fn"`
	Precision   float64 `json:"precision"`
	Recall      float64 `json:"recall"`
	F1          float64 `json:"f1"`
	NoPrecision bool    `json:"recall_only,omitempty"`
}

// Add adds the counts of o to p (rates are recomputed by Finish).
func (p *PRF) Add(o PRF) {
	p.TP += o.TP
	p.FP += o.FP
	p.FN += o.FN
}

// Finish computes Precision, Recall and F1 from the counts. An empty
// denominator gives 0 (nothing predicted: precision 0; nothing to find:
// recall 0), so that a metric never looks perfect by default.
func (p *PRF) Finish() {
	p.Precision, p.Recall, p.F1 = 0, 0, 0
	if p.TP+p.FP > 0 {
		p.Precision = float64(p.TP) / float64(p.TP+p.FP)
	}
	if p.TP+p.FN > 0 {
		p.Recall = float64(p.TP) / float64(p.TP+p.FN)
	}
	if p.NoPrecision {
		p.Precision, p.F1 = 0, 0
		return
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
}

// matchOnce matches every gold item, in order, to the first prediction
// that fits it and is not matched yet (greedy one-to-one matching). found
// tells which gold items were matched, used which predictions were.
func matchOnce(gold, pred int, fits func(g, p int) bool) (found, used []bool) {
	found, used = make([]bool, gold), make([]bool, pred)
	for g := range gold {
		for p := range pred {
			if !used[p] && fits(g, p) {
				used[p], found[g] = true, true
				break
			}
		}
	}
	return found, used
}

// Score is one ROUGE score.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
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

// RougeTokens tokenises text for ROUGE: segment.Tokens (lower-cased runs of
// letters, combining marks and digits, so Bengali words keep their vowel
// signs), no stemming and no stopword removal.
func RougeTokens(text string) []string { return segment.Tokens(text) }

// RougeN returns ROUGE-N between a candidate and a reference token
// sequence: clipped n-gram overlap over the candidate's and the
// reference's n-gram counts.
func RougeN(candidate, reference []string, n int) Score {
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

// RougeL returns ROUGE-L: the longest common subsequence of the two token
// sequences taken whole (as Google's rouge-score "rougeL", not the
// per-sentence "rougeLsum").
func RougeL(candidate, reference []string) Score {
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

// Rouge holds ROUGE-1, ROUGE-2 and ROUGE-L.
type Rouge struct {
	R1 Score `json:"rouge1"`
	R2 Score `json:"rouge2"`
	RL Score `json:"rougeL"`
}

// RougeAll scores candidate text against reference text.
func RougeAll(candidate, reference string) Rouge {
	c, r := RougeTokens(candidate), RougeTokens(reference)
	return Rouge{R1: RougeN(c, r, 1), R2: RougeN(c, r, 2), RL: RougeL(c, r)}
}

// meanRouge averages scores (macro average over articles, as rouge-score
// reports).
func meanRouge(rs []Rouge) Rouge {
	var m Rouge
	if len(rs) == 0 {
		return m
	}
	add := func(a *Score, b Score) {
		a.Precision += b.Precision
		a.Recall += b.Recall
		a.F1 += b.F1
	}
	for _, r := range rs {
		add(&m.R1, r.R1)
		add(&m.R2, r.R2)
		add(&m.RL, r.RL)
	}
	n := float64(len(rs))
	for _, s := range []*Score{&m.R1, &m.R2, &m.RL} {
		s.Precision /= n
		s.Recall /= n
		s.F1 /= n
	}
	return m
}
