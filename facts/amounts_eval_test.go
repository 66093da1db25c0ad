package facts

import (
	"bufio"
	"encoding/json"
	"math"
	"os"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
)

// devArticle is one line of testdata/amounts/facts_dev.jsonl (a copy of
// shared/eval/facts_dev.jsonl; format in shared/eval/README.md).
type devArticle struct {
	ID        string  `json:"id"`
	Lang      string  `json:"lang"`
	Published *string `json:"published"`
	Text      string  `json:"text"`
	Gold      struct {
		Money []struct {
			Value    float64 `json:"value"`
			Currency string  `json:"currency"`
		} `json:"money"`
		Percent  []float64 `json:"percent"`
		Quantity []float64 `json:"quantity"`
		Dates    []string  `json:"dates"`
	} `json:"gold"`
}

func readDev(t testing.TB) []devArticle {
	t.Helper()
	f, err := os.Open("testdata/amounts/facts_dev.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []devArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var a devArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// score counts matches of predicted against gold items (see addValues).
type score struct{ tp, pred, gold int }

func (s score) precision() float64 {
	if s.pred == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.pred)
}

func (s score) recall() float64 {
	if s.gold == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.gold)
}

type valueCur struct {
	v float64
	c string
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.005*math.Abs(b) }

// uniq keeps the first of equal items: the gold lists each fact once.
func uniq[T comparable](xs []T) []T {
	seen := map[T]bool{}
	var out []T
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// TestDevSet measures precision and recall on the labelled development
// articles (scoring as in shared/eval/README.md: an amount matches on
// value ±0.5% and currency, a date on the exact ISO string; quantities
// are scored for recall only) and holds them at the measured level.
func TestDevSet(t *testing.T) {
	var money, percent, qty, dates score
	for _, a := range readDev(t) {
		var pub time.Time
		if a.Published != nil {
			pub = day(*a.Published)
		}
		d := newDoc(a.Text, a.Lang)
		ref, src := referenceDate(d, pub)
		var pm []valueCur
		var pp, pq []float64
		runes := []rune(a.Text)
		for _, am := range extractAmounts(d) {
			checkSpan(t, runes, a.ID+" amount", am.Span)
			switch am.Kind {
			case sangbad.AmountMoney:
				pm = append(pm, valueCur{am.Value, am.Currency})
			case sangbad.AmountPercent:
				pp = append(pp, am.Value)
			case sangbad.AmountQuantity:
				pq = append(pq, am.Value)
			}
		}
		var pd []string
		for _, dd := range extractDates(d, ref, src) {
			checkSpan(t, runes, a.ID+" date", dd.Span)
			if dd.Value != "" {
				pd = append(pd, dd.Value)
			}
		}
		var gm []valueCur
		for _, g := range a.Gold.Money {
			gm = append(gm, valueCur{g.Value, g.Currency})
		}
		addValues(&money, uniq(pm), gm, func(p, g valueCur) bool { return p.c == g.c && near(p.v, g.v) })
		addValues(&percent, uniq(pp), a.Gold.Percent, func(p, g float64) bool { return near(p, g) })
		addValues(&qty, pq, a.Gold.Quantity, func(p, g float64) bool { return near(p, g) })
		addValues(&dates, uniq(pd), a.Gold.Dates, func(p, g string) bool { return p == g })
		if testing.Verbose() {
			t.Logf("%s: dates %v gold %v", a.ID, uniq(pd), a.Gold.Dates)
		}
	}
	t.Logf("money    P=%.2f R=%.2f (%d/%d/%d)", money.precision(), money.recall(), money.tp, money.pred, money.gold)
	t.Logf("percent  P=%.2f R=%.2f (%d/%d/%d)", percent.precision(), percent.recall(), percent.tp, percent.pred, percent.gold)
	t.Logf("quantity R=%.2f (%d of %d)", qty.recall(), qty.tp, qty.gold)
	t.Logf("dates    P=%.2f R=%.2f (%d/%d/%d)", dates.precision(), dates.recall(), dates.tp, dates.pred, dates.gold)
	check := func(name string, got, min float64) {
		if got < min {
			t.Errorf("%s = %.2f, want >= %.2f", name, got, min)
		}
	}
	check("money precision", money.precision(), 1)
	check("money recall", money.recall(), 1)
	check("percent precision", percent.precision(), 1)
	check("percent recall", percent.recall(), 1)
	check("quantity recall", qty.recall(), 0.9)
	check("dates precision", dates.precision(), 1)
	check("dates recall", dates.recall(), 1)
}

// addValues adds the matches of predicted against gold items to s, each
// gold item matched at most once.
func addValues[T any](s *score, pred, gold []T, eq func(p, g T) bool) {
	s.pred += len(pred)
	s.gold += len(gold)
	used := make([]bool, len(gold))
	for _, p := range pred {
		for i, g := range gold {
			if !used[i] && eq(p, g) {
				used[i] = true
				s.tp++
				break
			}
		}
	}
}
