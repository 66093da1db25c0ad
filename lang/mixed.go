package lang

import (
	"context"
	"fmt"
	"sort"

	"github.com/sangbad/sangbad"
)

// Thresholds for a stretch of text to count as another language rather
// than a name, a brand or a borrowed word.
const (
	// minRunWords and minRunLetters: a run of another script needs at
	// least this many words and letters.
	minRunWords   = 3
	minRunLetters = 12
	// minRunLower: in a cased script at least this many words of the run
	// must start lower-case ("TikTok Shop", "Bank of America" are names;
	// "we are not giving up" is language).
	minRunLower = 2
	// minChunkWords: a sentence of the main script needs this many words
	// before it is checked for being in another language of that script.
	minChunkWords = 6
	// maxChunkChecks bounds the sentences scored one by one per text.
	maxChunkChecks = 4
	// chunkConfidence is the confidence a sentence in another language of
	// the main script needs: sentences are short, lingua errs more often.
	chunkConfidence = 0.9
	// maxSpans is the number of spans reported per other language.
	maxSpans = 3
)

// run is a stretch of consecutive words of one script group.
type run struct {
	first, last int // word indexes, last exclusive
	letters     int
}

// others finds the languages other than the main one: runs of another
// script that read like running text (cross-script: an English story
// quoting Bengali), and sentences of the main script in another language
// (an English story quoting French; a Bengali story quoting Assamese).
func (d *Detector) others(ctx context.Context, c *census, main script, mainCode string) ([]sangbad.LanguageShare, error) {
	found := map[string]*share{}
	add := func(code string, spans []run) {
		s := found[code]
		if s == nil {
			s = &share{code: code}
			found[code] = s
		}
		for _, r := range spans {
			s.letters += r.letters
			s.runs = append(s.runs, r)
		}
	}

	// Other scripts.
	for g := scriptLatin; g < numScripts; g++ {
		if g.group() != g || g == main || c.groupLetters(g) == 0 {
			continue
		}
		runs := c.runs(g)
		var good []run
		var idx []int
		for _, r := range runs {
			if c.isRunningText(r, g) {
				good = append(good, r)
				for i := r.first; i < r.last; i++ {
					if c.words[i].s.group() == g {
						idx = append(idx, i)
					}
				}
			}
		}
		if len(good) == 0 {
			continue
		}
		l, _, err := d.identify(ctx, c, g, idx, false)
		if err != nil {
			return nil, err
		}
		if l.Code == Undetermined || l.Code == mainCode {
			continue
		}
		add(l.Code, good)
	}

	// Sentences of the main script in another language.
	switch {
	case mainCode == "en":
		checked := 0
		for _, ch := range c.chunks {
			if checked == maxChunkChecks {
				break
			}
			words, lower, english := c.chunkCounts(ch, main)
			if words < minChunkWords || english > 0 || lower*2 < words || c.lettersOf(c.chunkWords(ch, main)) < minStatLetters {
				continue
			}
			idx := c.chunkWords(ch, main)
			checked++
			if err := ctx.Err(); err != nil {
				return nil, fmt.Errorf("detect other languages: %w", err)
			}
			sample := c.sample(idx, d.opts.SampleLetters)
			// Most such sentences are English all the same (a caption, a
			// list of places); the small English stage says so without
			// loading every Latin-script model.
			if !d.opts.Exhaustive && d.fromScores(d.fast.scores(sample)).Code == mainCode {
				continue
			}
			l := d.fromScores(d.full[main].scores(sample))
			if l.Code == Undetermined || l.Code == mainCode || l.Confidence < chunkConfidence {
				continue
			}
			add(l.Code, []run{c.runOf(idx)})
		}
	case mainCode == "bn":
		for _, ch := range c.chunks {
			words, as := 0, 0
			for i := ch.first; i < ch.last; i++ {
				if w := c.words[i]; w.s == scriptBengali {
					words++
					if w.assamese {
						as++
					}
				}
			}
			if words >= minRunWords && (as >= 2 || as > 0 && as*5 >= words) {
				add(assameseCode, []run{c.runOf(c.chunkWords(ch, main))})
			}
		}
	}

	if len(found) == 0 {
		return nil, nil
	}
	out := make([]sangbad.LanguageShare, 0, len(found))
	for _, s := range found {
		out = append(out, s.result(c))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Share != out[j].Share {
			return out[i].Share > out[j].Share
		}
		return out[i].Code < out[j].Code
	})
	return out, nil
}

// share accumulates the stretches of one other language.
type share struct {
	code    string
	letters int
	runs    []run
}

func (s *share) result(c *census) sangbad.LanguageShare {
	n, _ := Name(s.code)
	out := sangbad.LanguageShare{Code: s.code, Name: n, Share: round(float64(s.letters) / float64(c.total))}
	runs := append([]run(nil), s.runs...)
	// The longest stretches, in text order.
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].letters > runs[j].letters })
	if len(runs) > maxSpans {
		runs = runs[:maxSpans]
	}
	sort.Slice(runs, func(i, j int) bool { return runs[i].first < runs[j].first })
	for _, r := range runs {
		a, b := c.words[r.first], c.words[r.last-1]
		out.Spans = append(out.Spans, sangbad.Span{Text: c.text[a.start:b.end], Start: int(a.rs), End: int(b.re)})
	}
	return out
}

// runs returns the maximal stretches of words of script group g, broken by
// any word of another known script.
func (c *census) runs(g script) []run {
	var out []run
	open := false
	for i, w := range c.words {
		switch wg := w.s.group(); {
		case wg == g:
			if !open {
				out = append(out, run{first: i})
				open = true
			}
			r := &out[len(out)-1]
			r.last = i + 1
			r.letters += int(w.letters)
		case wg != scriptNone:
			open = false
		}
	}
	return out
}

// isRunningText tells a run of another script that is text in some
// language from names, acronyms and brands.
func (c *census) isRunningText(r run, g script) bool {
	words, lower := 0, 0
	for i := r.first; i < r.last; i++ {
		if w := c.words[i]; w.s.group() == g {
			words++
			if w.lower {
				lower++
			}
		}
	}
	if words < minRunWords || r.letters < minRunLetters {
		return false
	}
	if g.cased() {
		return lower >= minRunLower && lower*5 >= words*2
	}
	return true
}

// chunkCounts returns how many words of chunk ch are in script group g,
// how many of them start lower-case and how many are English function
// words.
func (c *census) chunkCounts(ch chunk, g script) (words, lower, english int) {
	for i := ch.first; i < ch.last; i++ {
		w := c.words[i]
		if w.s.group() != g {
			continue
		}
		words++
		if w.lower {
			lower++
		}
		if w.english {
			english++
		}
	}
	return words, lower, english
}

// chunkWords returns the indexes of the words of chunk ch in script group g.
func (c *census) chunkWords(ch chunk, g script) []int {
	var idx []int
	for i := ch.first; i < ch.last; i++ {
		if c.words[i].s.group() == g {
			idx = append(idx, i)
		}
	}
	return idx
}

// runOf is the run from the first to the last of the words idx.
func (c *census) runOf(idx []int) run {
	r := run{first: idx[0], last: idx[len(idx)-1] + 1}
	for _, i := range idx {
		r.letters += int(c.words[i].letters)
	}
	return r
}
