package eval

import (
	"context"
	"fmt"

	"github.com/sangbad/sangbad"
)

// nerRecord is one line of ner_bn.jsonl.
type nerRecord struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Text  string `json:"text"`
		Type  string `json:"type"`
		Start int    `json:"start"`
		End   int    `json:"end"`
	} `json:"entities"`
}

// nerTypes maps gold entity types to actor types; other gold types (DATE,
// LAW) are not scored.
var nerTypes = map[string]string{"PERSON": sangbad.ActorPerson, "ORG": sangbad.ActorOrganization, "GPE": sangbad.ActorPlace}

// NERReport scores actor mentions against gold named entities, by exact
// span (the mention's stem or surface span equals the entity's) and by
// overlapping span, each with the types matching.
type NERReport struct {
	File      string         `json:"file"`
	Sentences int            `json:"sentences"`
	Exact     map[string]PRF `json:"exact"`
	Overlap   map[string]PRF `json:"overlap"`
}

type entSpan struct {
	typ        string
	start, end int
	// alternative span (a mention's stem inside its surface token)
	altStart, altEnd int
	text             string
}

// scoreNER matches predicted to gold entities one to one; exact reports
// whether spans must be equal (else overlapping is enough).
func scoreNER(gold, pred []entSpan, exact bool) map[string]PRF {
	out := map[string]PRF{}
	found, used := matchOnce(len(gold), len(pred), func(gi, pi int) bool {
		g, e := gold[gi], pred[pi]
		switch {
		case e.typ != g.typ:
			return false
		case exact:
			return e.start == g.start && e.end == g.end || e.altStart == g.start && e.altEnd == g.end
		}
		return e.start < g.end && g.start < e.end
	})
	for i, g := range gold {
		p := out[g.typ]
		if found[i] {
			p.TP++
		} else {
			p.FN++
		}
		out[g.typ] = p
	}
	for i, e := range pred {
		if !used[i] {
			p := out[e.typ]
			p.FP++
			out[e.typ] = p
		}
	}
	return out
}

func predictedEntities(f sangbad.Facts) []entSpan {
	var out []entSpan
	for _, a := range f.Actors {
		typ := ""
		for g, t := range nerTypes {
			if t == a.Type {
				typ = g
			}
		}
		if typ == "" {
			continue
		}
		for _, m := range a.Mentions {
			if m.IsRole() {
				continue // a reference by role is no entity span
			}
			e := entSpan{typ: typ, start: m.Start, end: m.End, altStart: m.Start, altEnd: m.End, text: m.Text}
			if m.Surface != nil {
				e.start, e.end = m.Surface.Start, m.Surface.End
			}
			out = append(out, e)
		}
	}
	return out
}

func runNER(ctx context.Context, an Analyzer, file string, recs []nerRecord) (*NERReport, error) {
	rep := &NERReport{File: file, Sentences: len(recs), Exact: map[string]PRF{}, Overlap: map[string]PRF{}}
	for _, r := range recs {
		var gold []entSpan
		for _, e := range r.Entities {
			if _, ok := nerTypes[e.Type]; ok {
				gold = append(gold, entSpan{typ: e.Type, start: e.Start, end: e.End, altStart: -1, altEnd: -1, text: e.Text})
			}
		}
		res, err := an.Analyze(ctx, sangbad.Article{ID: r.ID, Text: r.Text}, sangbad.Options{NoSummary: true, LLM: "off"})
		if err != nil {
			return nil, fmt.Errorf("analyze %s: %w", r.ID, err)
		}
		pred := predictedEntities(res.Facts)
		for _, m := range []struct {
			exact bool
			acc   map[string]PRF
		}{{true, rep.Exact}, {false, rep.Overlap}} {
			for t, p := range scoreNER(gold, pred, m.exact) {
				acc := m.acc[t]
				acc.Add(p)
				m.acc[t] = acc
			}
		}
	}
	for _, acc := range []map[string]PRF{rep.Exact, rep.Overlap} {
		var micro PRF
		for _, t := range []string{"PERSON", "ORG", "GPE"} {
			p := acc[t]
			p.Finish()
			acc[t] = p
			micro.Add(p)
		}
		micro.Finish()
		acc["micro"] = micro
	}
	return rep, nil
}
