package translate

import (
	"strings"
	"unicode/utf8"

	"github.com/sangbad/sangbad/segment"
)

// estimateTokens estimates the tokens of s for a typical BPE tokenizer:
// about three characters a token for Bengali script, four for the rest.
func estimateTokens(s string) int {
	var bn, other int
	for _, r := range s {
		if r >= 0x0980 && r <= 0x09FF {
			bn++
		} else {
			other++
		}
	}
	return (bn+2)/3 + (other+3)/4
}

// unit is a stretch of the source that is never split: a paragraph, or a
// sentence (or clause) of a paragraph too long for one chunk. start and end
// are byte offsets; para is the paragraph's index.
type unit struct {
	start, end int
	para       int
	tokens     int
}

// group is the part of one paragraph inside a chunk: it is sent as one
// paragraph of the chunk and comes back as one.
type group struct {
	start, end int
}

// chunk is a run of units translated by one model call.
type chunk struct {
	groups []group
	// sep[i] is the source's separator before groups[i] (white space:
	// a line break between paragraphs, a space between sentences); sep[0]
	// precedes the chunk.
	sep    []string
	tokens int
}

// source returns the chunk as sent to the model: its paragraphs separated
// by blank lines.
func (c chunk) source(text string) string {
	parts := make([]string, len(c.groups))
	for i, g := range c.groups {
		parts[i] = text[g.start:g.end]
	}
	return strings.Join(parts, "\n\n")
}

// plan splits text into chunks of at most budget estimated tokens, at
// paragraph boundaries, else at sentence boundaries (the danda included),
// else at clause or word boundaries. It returns the chunks and the text
// before the first and after the last one (white space).
func plan(text string, budget int) (chunks []chunk, lead, trail string) {
	units := splitUnits(text, budget)
	if len(units) == 0 {
		return nil, text, ""
	}
	lead, trail = text[:units[0].start], text[units[len(units)-1].end:]
	var cur []unit
	tokens := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		c := chunk{tokens: tokens}
		for i, u := range cur {
			if i > 0 && u.para == cur[i-1].para {
				c.groups[len(c.groups)-1].end = u.end
				continue
			}
			c.groups = append(c.groups, group{u.start, u.end})
		}
		chunks = append(chunks, c)
		cur, tokens = nil, 0
	}
	for _, u := range units {
		// the separator before a unit costs at least one token (a long run
		// of spaces more): the chunk's sum then bounds the estimate of its
		// whole text, since estimates round up per part
		sep := 0
		if len(cur) > 0 {
			sep = max(1, estimateTokens(text[cur[len(cur)-1].end:u.start]))
		}
		if len(cur) > 0 && tokens+sep+u.tokens > budget {
			flush()
			sep = 0
		}
		cur = append(cur, u)
		tokens += sep + u.tokens
	}
	flush()
	prevEnd := -1
	for i := range chunks {
		c := &chunks[i]
		c.sep = make([]string, len(c.groups))
		for j, g := range c.groups {
			if prevEnd >= 0 {
				c.sep[j] = text[prevEnd:g.start]
			}
			prevEnd = g.end
		}
	}
	return chunks, lead, trail
}

// splitUnits cuts text into units of at most budget tokens where it can.
// Units cover every non-space character of text, in order.
func splitUnits(text string, budget int) []unit {
	ix := segment.NewIndex(text)
	var out []unit
	for pi, p := range segment.Paragraphs(text) {
		ps, pe := ix.Byte(p.Start), ix.Byte(p.End)
		if t := estimateTokens(text[ps:pe]); t <= budget {
			out = append(out, unit{ps, pe, pi, t})
			continue
		}
		para := text[ps:pe]
		pix := segment.NewIndex(para)
		sents := segment.Sentences(para)
		// Sentences are trimmed spans; extend each to the next one's start
		// (less white space) so that nothing between them is lost.
		for si, s := range sents {
			bs := pix.Byte(s.Start)
			if si == 0 {
				bs = 0
			}
			be := len(para)
			if si+1 < len(sents) {
				be = len(strings.TrimRightFunc(para[:pix.Byte(sents[si+1].Start)], segment.IsSpace))
			}
			if be <= bs {
				continue
			}
			for _, r := range cutLong(para[bs:be], budget) {
				out = append(out, unit{ps + bs + r[0], ps + bs + r[1], pi, estimateTokens(para[bs+r[0] : bs+r[1]])})
			}
		}
	}
	return out
}

// cutLong cuts a sentence longer than budget tokens after clause
// punctuation or between words; it returns byte ranges (trimmed).
func cutLong(s string, budget int) [][2]int {
	if estimateTokens(s) <= budget {
		return [][2]int{{0, len(s)}}
	}
	var out [][2]int
	start := 0
	for start < len(s) {
		// skip white space
		for start < len(s) {
			r, n := utf8.DecodeRuneInString(s[start:])
			if !segment.IsSpace(r) {
				break
			}
			start += n
		}
		if start >= len(s) {
			break
		}
		// the longest prefix within budget; the rest when it all fits
		limit, whole := start, true
		var bn, other int
		for i, r := range s[start:] {
			if r >= 0x0980 && r <= 0x09FF {
				bn++
			} else {
				other++
			}
			if (bn+2)/3+(other+3)/4 > budget {
				whole = false
				break
			}
			limit = start + i + utf8.RuneLen(r)
		}
		if whole {
			out = append(out, [2]int{start, len(strings.TrimRightFunc(s, segment.IsSpace))})
			break
		}
		if limit == start { // budget below one character
			_, n := utf8.DecodeRuneInString(s[start:])
			limit = start + n
		}
		cut := limit
		clause, space := -1, -1
		for i, r := range s[start:limit] {
			at := start + i
			if segment.IsSpace(r) && at > start {
				space = at
				if p, _ := utf8.DecodeLastRuneInString(s[:at]); strings.ContainsRune(",;:—–)”’", p) {
					clause = at
				}
			}
		}
		switch {
		case clause > start+(limit-start)/2:
			cut = clause
		case space > start:
			cut = space
		}
		end := len(strings.TrimRightFunc(s[:cut], segment.IsSpace))
		if end <= start {
			end = cut
		}
		out = append(out, [2]int{start, end})
		start = cut
	}
	return out
}
