package eval

import (
	"github.com/sangbad/sangbad/internal/rouge"
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
type Score = rouge.Score

// Rouge holds ROUGE-1, ROUGE-2 and ROUGE-L.
type Rouge = rouge.Scores

// RougeTokens tokenises text for ROUGE: segment.Tokens (lower-cased runs of
// letters, combining marks and digits, so Bengali words keep their vowel
// signs), no stemming and no stopword removal.
func RougeTokens(text string) []string { return rouge.Tokens(text) }

// RougeN returns ROUGE-N between a candidate and a reference token
// sequence: clipped n-gram overlap.
func RougeN(candidate, reference []string, n int) Score { return rouge.N(candidate, reference, n) }

// RougeL returns ROUGE-L over the whole token sequences.
func RougeL(candidate, reference []string) Score { return rouge.L(candidate, reference) }

// RougeAll scores candidate text against reference text.
func RougeAll(candidate, reference string) Rouge { return rouge.All(candidate, reference) }

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
