package facts

import (
	"bufio"
	"context"
	"encoding/json"
	"testing"

	"github.com/sangbad/sangbad"
)

// TestNERHalves scores actors on the odd and the even lines of
// ner_bn.jsonl separately, matching one prediction to one gold entity as
// the eval command does (exact: the mention's surface or stem span equals
// the entity's; overlap: the spans overlap; types must agree). Rules are
// developed on one half and kept only when the other does not get worse.
// Run with -v to see the figures.
func TestNERHalves(t *testing.T) {
	type span struct {
		typ            string
		start, end     int
		altStart, altE int
	}
	e := New()
	f := openEval(t, "ner_bn.jsonl")
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	// half -> mode -> type
	score := map[string]map[string]map[string]*prf{}
	for _, h := range []string{"odd", "even"} {
		score[h] = map[string]map[string]*prf{}
		for _, m := range []string{"exact", "overlap"} {
			score[h][m] = map[string]*prf{}
			for _, ty := range []string{sangbad.ActorPerson, sangbad.ActorOrganization, sangbad.ActorPlace, "micro"} {
				score[h][m][ty] = &prf{}
			}
		}
	}
	line := 0
	for sc.Scan() {
		line++
		half := "even"
		if line%2 == 1 {
			half = "odd"
		}
		var rec struct {
			Text     string `json:"text"`
			Entities []struct {
				Type       string `json:"type"`
				Start, End int
			} `json:"entities"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		res, err := e.Extract(context.Background(), rec.Text, Options{Language: "bn"})
		if err != nil {
			t.Fatal(err)
		}
		var gold, pred []span
		for _, g := range rec.Entities {
			if ty, ok := nerTypes[g.Type]; ok {
				gold = append(gold, span{ty, g.Start, g.End, -1, -1})
			}
		}
		for _, a := range res.Facts.Actors {
			for _, m := range a.Mentions {
				p := span{a.Type, m.Start, m.End, m.Start, m.End}
				if m.Surface != nil {
					p.start, p.end = m.Surface.Start, m.Surface.End
				}
				pred = append(pred, p)
			}
		}
		for _, mode := range []string{"exact", "overlap"} {
			acc := score[half][mode]
			used := make([]bool, len(pred))
			for _, g := range gold {
				found := false
				for i, p := range pred {
					if used[i] || p.typ != g.typ {
						continue
					}
					ok := p.start < g.end && g.start < p.end
					if mode == "exact" {
						ok = p.start == g.start && p.end == g.end || p.altStart == g.start && p.altE == g.end
					}
					if ok {
						used[i], found = true, true
						break
					}
				}
				for _, ty := range []string{g.typ, "micro"} {
					if found {
						acc[ty].tp++
					} else {
						acc[ty].fn++
					}
				}
			}
			for i, p := range pred {
				if !used[i] {
					acc[p.typ].fp++
					acc["micro"].fp++
				}
			}
		}
	}
	if line == 0 {
		t.Skip("ner_bn.jsonl is empty")
	}
	for _, h := range []string{"odd", "even"} {
		for _, m := range []string{"exact", "overlap"} {
			for _, ty := range []string{sangbad.ActorPerson, sangbad.ActorOrganization, sangbad.ActorPlace, "micro"} {
				t.Logf("%-4s %-7s %-12s %v", h, m, ty, *score[h][m][ty])
			}
		}
	}
}
