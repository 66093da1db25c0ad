package eval

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/sangbad/sangbad"
)

// factsRecord is one line of facts_dev.jsonl.
type factsRecord struct {
	ID        string    `json:"id"`
	Lang      string    `json:"lang"`
	Published *string   `json:"published"`
	Text      string    `json:"text"`
	Gold      factsGold `json:"gold"`
}

type factsGold struct {
	Money []struct {
		Value    float64 `json:"value"`
		Currency string  `json:"currency"`
	} `json:"money"`
	Percent  []float64 `json:"percent"`
	Quantity []float64 `json:"quantity"`
	Dates    []string  `json:"dates"`
	Actors   []struct {
		Names []string `json:"names"`
		Type  string   `json:"type"`
	} `json:"actors"`
	AlsoOK []string `json:"also_ok"`
	Quotes []struct {
		Speaker []string `json:"speaker"`
	} `json:"quotes"`
}

// Fact kinds in the order reports list them.
var factKinds = []string{"money", "percent", "quantity", "dates", "actors", "quotes"}

// FactsReport scores extracted facts against facts_dev.jsonl.
type FactsReport struct {
	File     string `json:"file"`
	Articles int    `json:"articles"`
	// Kinds has one PRF per kind: money, percent, quantity (recall only),
	// dates, actors, quotes (direct quotations only: the gold lists those).
	Kinds map[string]PRF `json:"kinds"`
	// Micro sums the counts of every kind (quantities add TP and FN only).
	Micro PRF `json:"micro"`
	// ActorTypes counts matched actors whose type also matches.
	ActorTypesRight int `json:"actor_types_right"`
	// Details lists, per article, what was missed and what was spurious.
	Details []FactsDetail `json:"details"`
}

// FactsDetail is the per-article error list (for the people who write the
// rules).
type FactsDetail struct {
	ID       string              `json:"id"`
	Missed   map[string][]string `json:"missed,omitempty"`
	Spurious map[string][]string `json:"spurious,omitempty"`
}

// scoreFacts compares one article's predicted facts with its gold.
func scoreFacts(g factsGold, f sangbad.Facts) (map[string]PRF, int, FactsDetail) {
	out := map[string]PRF{}
	var d FactsDetail
	miss := func(kind, s string) {
		if d.Missed == nil {
			d.Missed = map[string][]string{}
		}
		d.Missed[kind] = append(d.Missed[kind], s)
	}
	spur := func(kind, s string) {
		if d.Spurious == nil {
			d.Spurious = map[string][]string{}
		}
		d.Spurious[kind] = append(d.Spurious[kind], s)
	}

	// amounts: distinct predicted values, matched one to one within ±0.5%
	type amt struct {
		v    float64
		cur  string
		text string
	}
	var money, pct, qty []amt
	for _, a := range f.Amounts {
		x := amt{a.Value, a.Currency, a.Text}
		switch a.Kind {
		case sangbad.AmountMoney:
			money = append(money, x)
		case sangbad.AmountPercent:
			pct = append(pct, x)
		case sangbad.AmountQuantity:
			qty = append(qty, x)
		}
	}
	matchAmounts := func(kind string, gold []amt, pred []amt, recallOnly bool) {
		// the same value written twice is one prediction
		var distinct []amt
		for _, pv := range pred {
			dup := false
			for _, dv := range distinct {
				dup = dup || closeTo(pv.v, dv.v) && pv.cur == dv.cur
			}
			if !dup {
				distinct = append(distinct, pv)
			}
		}
		pred = distinct
		found, used := matchOnce(len(gold), len(pred), func(g, p int) bool {
			return closeTo(pred[p].v, gold[g].v) && pred[p].cur == gold[g].cur
		})
		var p PRF
		p.NoPrecision = recallOnly
		for i, gv := range gold {
			if found[i] {
				p.TP++
			} else {
				p.FN++
				miss(kind, fmtAmount(gv.v, gv.cur))
			}
		}
		if !recallOnly {
			for i, pv := range pred {
				if !used[i] {
					p.FP++
					spur(kind, fmt.Sprintf("%s (%s)", fmtAmount(pv.v, pv.cur), pv.text))
				}
			}
		}
		out[kind] = p
	}
	var gm, gp, gq []amt
	for _, m := range g.Money {
		gm = append(gm, amt{v: m.Value, cur: m.Currency})
	}
	for _, v := range g.Percent {
		gp = append(gp, amt{v: v})
	}
	for _, v := range g.Quantity {
		gq = append(gq, amt{v: v})
	}
	for i := range pct {
		pct[i].cur = ""
	}
	for i := range qty {
		qty[i].cur = ""
	}
	matchAmounts("money", gm, money, false)
	matchAmounts("percent", gp, pct, false)
	matchAmounts("quantity", gq, qty, true)

	// dates: sets of ISO strings
	predDates := map[string]string{}
	for _, dt := range f.Dates {
		if dt.Value != "" {
			if _, ok := predDates[dt.Value]; !ok {
				predDates[dt.Value] = dt.Text
			}
		}
	}
	var pd PRF
	goldDates := map[string]bool{}
	for _, v := range g.Dates {
		if goldDates[v] {
			continue
		}
		goldDates[v] = true
		if _, ok := predDates[v]; ok {
			pd.TP++
		} else {
			pd.FN++
			miss("dates", v)
		}
	}
	for _, v := range sortedKeys(predDates) {
		if !goldDates[v] {
			pd.FP++
			spur("dates", fmt.Sprintf("%s (%s)", v, predDates[v]))
		}
	}
	out["dates"] = pd

	// actors: a predicted actor matches a gold actor when any gold name
	// equals its name or one of its mentions; each gold actor is matched
	// once, and a second predicted actor for it is spurious (the actor was
	// not merged). Names in also_ok are neither right nor wrong.
	goldKeys := make([]keySet, len(g.Actors))
	for i, a := range g.Actors {
		goldKeys[i] = keySet{}
		goldKeys[i].add(a.Names...)
	}
	okKeys := keySet{}
	okKeys.add(g.AlsoOK...)
	predKeys := make([]keySet, len(f.Actors))
	for i, a := range f.Actors {
		predKeys[i] = actorKeys(a)
	}
	var pa PRF
	typesRight := 0
	matched := make([]bool, len(g.Actors))
	for i, a := range f.Actors {
		hit := -1
		for j := range g.Actors {
			if predKeys[i].meets(goldKeys[j]) {
				hit = j
				if !matched[j] {
					break
				}
			}
		}
		switch {
		case hit >= 0 && !matched[hit]:
			matched[hit] = true
			pa.TP++
			if a.Type == g.Actors[hit].Type {
				typesRight++
			}
		case hit >= 0:
			pa.FP++
			spur("actors", a.Name+" (not merged)")
		case predKeys[i].meets(okKeys):
		default:
			pa.FP++
			spur("actors", a.Name+" ("+a.Type+")")
		}
	}
	for j, m := range matched {
		if !m {
			pa.FN++
			miss("actors", g.Actors[j].Names[0])
		}
	}
	out["actors"] = pa

	// quotes: the gold lists direct quotations (in quotation marks), so
	// direct predicted quotes are matched one to one by speaker name;
	// indirect attributions are not scored either way
	byID := map[string]sangbad.Actor{}
	for _, a := range f.Actors {
		byID[a.ID] = a
	}
	var pq PRF
	goldSpeakers := make([]keySet, len(g.Quotes))
	for i, gq := range g.Quotes {
		goldSpeakers[i] = keySet{}
		goldSpeakers[i].add(gq.Speaker...)
	}
	found, used := matchOnce(len(g.Quotes), len(f.Quotes), func(gi, pi int) bool {
		q := f.Quotes[pi]
		if !q.Direct {
			return false
		}
		k := keySet{}
		k.add(q.Speaker)
		if a, ok := byID[q.SpeakerID]; ok && q.SpeakerID != "" {
			for key := range actorKeys(a) {
				k[key] = true
			}
		}
		return k.meets(goldSpeakers[gi])
	})
	for i, gq := range g.Quotes {
		if found[i] {
			pq.TP++
		} else {
			pq.FN++
			miss("quotes", gq.Speaker[0])
		}
	}
	for i, q := range f.Quotes {
		if !used[i] && q.Direct {
			pq.FP++
			spur("quotes", fmt.Sprintf("%q by %q", clip(q.Text, 40), q.Speaker))
		}
	}
	out["quotes"] = pq
	return out, typesRight, d
}

func actorKeys(a sangbad.Actor) keySet {
	k := keySet{}
	k.add(a.Name)
	k.add(a.Aliases...)
	for _, m := range a.Mentions {
		if m.IsRole() {
			continue // "the trade minister" is no name of the actor
		}
		k.add(m.Text)
		if m.Surface != nil {
			k.add(m.Surface.Text)
		}
	}
	return k
}

func closeTo(a, b float64) bool {
	if b == 0 {
		return a == 0
	}
	return math.Abs(a-b) <= 0.005*math.Abs(b)
}

func fmtAmount(v float64, cur string) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if cur != "" {
		s += " " + cur
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// runFacts scores the analyzer on a facts gold file.
func runFacts(ctx context.Context, an Analyzer, file string, recs []factsRecord) (*FactsReport, error) {
	rep := &FactsReport{File: file, Kinds: map[string]PRF{}}
	for _, r := range recs {
		a := sangbad.Article{ID: r.ID, Text: r.Text}
		if r.Published != nil {
			a.Published = *r.Published
		}
		res, err := an.Analyze(ctx, a, sangbad.Options{NoSummary: true, LLM: "off"})
		if err != nil {
			return nil, fmt.Errorf("analyze %s: %w", r.ID, err)
		}
		kinds, typed, d := scoreFacts(r.Gold, res.Facts)
		d.ID = r.ID
		for k, p := range kinds {
			acc := rep.Kinds[k]
			acc.NoPrecision = p.NoPrecision
			acc.Add(p)
			rep.Kinds[k] = acc
		}
		rep.ActorTypesRight += typed
		rep.Details = append(rep.Details, d)
		rep.Articles++
	}
	for _, k := range factKinds {
		p := rep.Kinds[k]
		p.Finish()
		rep.Kinds[k] = p
		rep.Micro.Add(p)
	}
	rep.Micro.Finish()
	return rep, nil
}
