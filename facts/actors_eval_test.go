package facts

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sangbad/sangbad"
)

// evalDir is the shared evaluation data beside the repository.
const evalDir = "../../shared/eval"

func openEval(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(evalDir, name))
	if err != nil {
		t.Skipf("no evaluation data: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// prf is a precision/recall/F1 counter.
type prf struct{ tp, fp, fn int }

func (c prf) String() string {
	p, r := ratio(c.tp, c.tp+c.fp), ratio(c.tp, c.tp+c.fn)
	f := 0.0
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return fmt.Sprintf("P=%.3f R=%.3f F1=%.3f (tp=%d fp=%d fn=%d)", p, r, f, c.tp, c.fp, c.fn)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var nerTypes = map[string]string{"PERSON": sangbad.ActorPerson, "ORG": sangbad.ActorOrganization, "GPE": sangbad.ActorPlace}

// TestNERScore prints precision, recall and F1 per actor type on the
// banglakit NER sentences (gold spans include case suffixes; a predicted
// mention matches a gold entity of the same type when its surface span is
// the gold span ("exact") or overlaps it ("overlap")) and on the actors of
// facts_dev.jsonl (an actor matches when a gold name equals its name, an
// alias or a mention, case-folded and suffix-stripped). The gold labels are
// incomplete, so precision is a lower bound too. Run with -v to see them.
func TestNERScore(t *testing.T) {
	e := New()
	t.Run("ner_bn", func(t *testing.T) {
		f := openEval(t, "ner_bn.jsonl")
		exact, overlap := map[string]*prf{}, map[string]*prf{}
		for _, ty := range nerTypes {
			exact[ty], overlap[ty] = &prf{}, &prf{}
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		n := 0
		for sc.Scan() {
			var rec struct {
				Text     string `json:"text"`
				Entities []struct {
					Text       string `json:"text"`
					Type       string `json:"type"`
					Start, End int
				} `json:"entities"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			n++
			res, err := e.Extract(context.Background(), rec.Text, Options{Language: "bn"})
			if err != nil {
				t.Fatal(err)
			}
			type pm struct {
				start, end int
				typ        string
			}
			var preds []pm
			for _, a := range res.Facts.Actors {
				for _, m := range a.Mentions {
					p := pm{m.Start, m.End, a.Type}
					if m.Surface != nil {
						p.start, p.end = m.Surface.Start, m.Surface.End
					}
					preds = append(preds, p)
				}
			}
			for _, isExact := range []bool{true, false} {
				mode := overlap
				if isExact {
					mode = exact
				}
				usedPred := make([]bool, len(preds))
				for _, g := range rec.Entities {
					ty, ok := nerTypes[g.Type]
					if !ok {
						continue
					}
					hit := false
					for i, p := range preds {
						if p.typ != ty {
							continue
						}
						match := p.start < g.End && g.Start < p.end
						if isExact {
							match = p.start == g.Start && p.end == g.End
						}
						if match {
							usedPred[i] = true
							hit = true
						}
					}
					if hit {
						mode[ty].tp++
					} else {
						mode[ty].fn++
					}
				}
				for i, p := range preds {
					if usedPred[i] {
						continue
					}
					// a prediction overlapping a gold entity of another type or
					// an unlabelled stretch counts as a false positive
					mode[p.typ].fp++
				}
			}
		}
		t.Logf("ner_bn.jsonl: %d sentences", n)
		for _, ty := range []string{sangbad.ActorPerson, sangbad.ActorOrganization, sangbad.ActorPlace} {
			t.Logf("  %-12s exact   %v", ty, *exact[ty])
			t.Logf("  %-12s overlap %v", ty, *overlap[ty])
		}
		var all prf
		for _, c := range overlap {
			all.tp += c.tp
			all.fp += c.fp
			all.fn += c.fn
		}
		t.Logf("  all          overlap %v", all)
	})
	t.Run("facts_dev", func(t *testing.T) {
		f := openEval(t, "facts_dev.jsonl")
		byType := map[string]*prf{}
		for _, ty := range nerTypes {
			byType[ty] = &prf{}
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<22), 1<<22)
		for sc.Scan() {
			var rec struct {
				ID   string `json:"id"`
				Lang string `json:"lang"`
				Text string `json:"text"`
				Gold struct {
					Actors []struct {
						Names []string `json:"names"`
						Type  string   `json:"type"`
					} `json:"actors"`
					AlsoOK []string `json:"also_ok"`
				} `json:"gold"`
			}
			if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
				t.Fatal(err)
			}
			res, err := e.Extract(context.Background(), rec.Text, Options{Language: rec.Lang})
			if err != nil {
				t.Fatal(err)
			}
			forms := func(a sangbad.Actor) map[string]bool {
				m := map[string]bool{evalNorm(a.Name): true}
				for _, s := range a.Aliases {
					m[evalNorm(s)] = true
				}
				for _, s := range a.Mentions {
					m[evalNorm(s.Text)] = true
				}
				return m
			}
			matched := make([]bool, len(res.Facts.Actors))
			var missed []string
			for _, g := range rec.Gold.Actors {
				hit := false
				for i, a := range res.Facts.Actors {
					if a.Type != g.Type {
						continue
					}
					fs := forms(a)
					for _, n := range g.Names {
						if fs[evalNorm(n)] {
							hit = true
							matched[i] = true
						}
					}
				}
				if hit {
					byType[g.Type].tp++
				} else {
					byType[g.Type].fn++
					missed = append(missed, g.Type+":"+g.Names[0])
				}
			}
			ok := map[string]bool{}
			for _, s := range rec.Gold.AlsoOK {
				ok[evalNorm(s)] = true
			}
			var extra []string
			for i, a := range res.Facts.Actors {
				if matched[i] || ok[evalNorm(a.Name)] {
					continue
				}
				allOK := false
				for fm := range forms(a) {
					if ok[fm] {
						allOK = true
					}
				}
				if allOK {
					continue
				}
				byType[a.Type].fp++
				extra = append(extra, a.Type+":"+a.Name)
			}
			sort.Strings(extra)
			t.Logf("%s: missed %q; extra %q", rec.ID, missed, extra)
		}
		var all prf
		for _, ty := range []string{sangbad.ActorPerson, sangbad.ActorOrganization, sangbad.ActorPlace} {
			t.Logf("  %-12s %v", ty, *byType[ty])
			all.tp += byType[ty].tp
			all.fp += byType[ty].fp
			all.fn += byType[ty].fn
		}
		t.Logf("  all          %v", all)
	})
}

// evalNorm folds case and strips a Bengali case suffix, as the eval does.
func evalNorm(s string) string {
	s = strings.ToLower(strings.TrimSpace(nfc(s)))
	if hasBengali(s) {
		f := strings.Fields(s)
		if len(f) > 0 {
			f[len(f)-1] = bnStem(f[len(f)-1])
		}
		s = strings.Join(f, " ")
	}
	return s
}
