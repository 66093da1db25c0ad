package summarize

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"sync"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// partial is a sentence of a chunk summary with the article sentences it
// rests on.
type partial struct {
	text    string
	sources []int
}

// maxReduceLevels bounds the combining levels of mapReduce.
const maxReduceLevels = 4

// mapReduce summarises an article over the context budget: each chunk (a
// run of whole paragraphs, or of sentences when a paragraph alone is over
// the budget) is summarised in the target language, chunk summaries are
// combined level by level until they fit, and a last call writes the
// summary at the requested length. Citations are mapped back at every
// level, so sources are always indexes into the article's sentences.
func (j *job) mapReduce(ctx context.Context, onDelta func(string)) (*draft, error) {
	toks := make([]int, len(j.sents))
	for i, s := range j.sents {
		toks[i] = estimateTokens(s)
	}
	groups := groupUnits(toks, paragraphBreaks(j.text, j.req.Analysis.Sentences), j.l.budget)
	stages := make([]stage, len(groups))
	for i, g := range groups {
		stages[i] = stage{sents: j.sents[g[0]:g[1]], source: j.source, length: sangbad.LengthStandard,
			resolve: rangeResolver(g[0], g[1]-g[0]), key: fmt.Sprintf("map:%d:%d", g[0], g[1])}
	}
	items, err := j.runStages(ctx, stages)
	if err != nil {
		return nil, err
	}
	// Each level must shrink the text; a model whose chunk summaries do not
	// get shorter would otherwise be called without end. The final call
	// then works with what the last level produced.
	prevTotal := -1
	for level := 1; len(items) > 1 && level <= maxReduceLevels; level++ {
		toks := make([]int, len(items))
		total := 0
		for i, it := range items {
			toks[i] = estimateTokens(it.text)
			total += toks[i]
		}
		if total <= j.l.budget || (prevTotal >= 0 && total >= prevTotal) {
			break
		}
		prevTotal = total
		groups := groupUnits(toks, nil, j.l.budget)
		if len(groups) <= 1 {
			break
		}
		stages := make([]stage, len(groups))
		for i, g := range groups {
			sub := items[g[0]:g[1]]
			stages[i] = stage{sents: partialTexts(sub), source: j.req.Language, length: sangbad.LengthStandard,
				resolve: partialResolver(sub), key: fmt.Sprintf("reduce:%d:%d:%d", level, g[0], g[1])}
		}
		if items, err = j.runStages(ctx, stages); err != nil {
			return nil, err
		}
	}
	return j.summarise(ctx, stage{sents: partialTexts(items), source: j.req.Language, length: j.req.Length, facts: j.facts,
		resolve: partialResolver(items), key: "combine:" + strconv.Itoa(len(items))}, onDelta)
}

// runStages runs chunk summaries, at most mapConcurrency at once, and
// returns their sentences in order. The first error cancels the rest.
func (j *job) runStages(ctx context.Context, stages []stage) ([]partial, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out := make([][]partial, len(stages))
	sem := make(chan struct{}, j.l.mapConcurrency)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error // the first failure, not the cancellations it causes
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		cancel()
	}
	for i, st := range stages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				fail(ctx.Err())
				return
			}
			defer func() { <-sem }()
			d, err := j.summarise(ctx, st, nil)
			if err != nil {
				fail(err)
				return
			}
			for k, s := range d.sentences {
				if len(s.Sources) == 0 {
					// A chunk sentence without valid provenance cannot be
					// traced back; leave it out of the combine step.
					j.l.log.DebugContext(ctx, "chunk summary sentence without valid sources dropped", "stage", st.key, "sentence", k)
					continue
				}
				out[i] = append(out[i], partial{text: s.Text, sources: s.Sources})
			}
		}()
	}
	wg.Wait()
	if first != nil {
		return nil, first
	}
	var items []partial
	for _, ps := range out {
		items = append(items, ps...)
	}
	if len(items) == 0 {
		return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_empty_summary", Message: "the model's chunk summaries cite no sentence of the article"}
	}
	return items, nil
}

func partialTexts(ps []partial) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.text
	}
	return out
}

// partialResolver maps a citation of a chunk summary sentence to the
// article sentences that sentence rests on.
func partialResolver(ps []partial) func(int) ([]int, bool) {
	return func(i int) ([]int, bool) {
		if i < 0 || i >= len(ps) {
			return nil, false
		}
		return slices.Clone(ps[i].sources), true
	}
}

// paragraphBreaks reports for each sentence whether a paragraph starts
// with it.
func paragraphBreaks(text string, sents []sangbad.Span) []bool {
	if len(sents) == 0 {
		return nil
	}
	paras := segment.Paragraphs(text)
	out := make([]bool, len(sents))
	p := 0
	for i, s := range sents {
		for p < len(paras) && paras[p].Start <= s.Start {
			if i > 0 && paras[p].Start > sents[i-1].Start {
				out[i] = true
			}
			p++
		}
	}
	return out
}

// groupUnits groups consecutive units (sentences, with their token
// estimates) into half-open ranges of at most budget tokens, keeping
// paragraphs (runs between breaks) whole when they fit. A unit over the
// budget on its own is a group of its own.
func groupUnits(toks []int, breaks []bool, budget int) [][2]int {
	var groups [][2]int
	start, cur := 0, 0
	flush := func(end int) {
		if end > start {
			groups = append(groups, [2]int{start, end})
		}
		start, cur = end, 0
	}
	for a := 0; a < len(toks); {
		b := a + 1
		if breaks != nil {
			for b < len(toks) && !breaks[b] {
				b++
			}
		}
		para := 0
		for _, t := range toks[a:b] {
			para += t
		}
		switch {
		case cur+para <= budget:
			cur += para
		case para <= budget:
			flush(a)
			cur = para
		default:
			for k := a; k < b; k++ {
				if cur > 0 && cur+toks[k] > budget {
					flush(k)
				}
				cur += toks[k]
			}
		}
		a = b
	}
	flush(len(toks))
	return groups
}
