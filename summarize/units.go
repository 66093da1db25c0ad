package summarize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// unit is what the extractive summarizer selects: one source sentence, or
// consecutive sentences that a quotation spans (a quotation opened in one
// sentence and closed in a later one, or left open until the end of the
// paragraph as multi-paragraph quotations are), so that a summary never
// carries half a quotation.
type unit struct {
	first, last int // sentence indexes, inclusive
	start, end  int // byte offsets into the text
	text        string
	terms       []string
	words       int
}

// quoteDelta reports how a sentence changes the open-quotation state:
// opens > 0 when it leaves quotations open. Straight double quotes toggle;
// ‘ counts only when a matching ’ follows it in the sentence or not at all
// (’ alone is an apostrophe).
func quoteBalance(s string) (open bool) {
	curly := 0
	straight := 0
	guil := 0
	single := 0
	for i, r := range s {
		switch r {
		case '“':
			curly++
		case '”':
			if curly > 0 {
				curly--
			}
		case '"':
			straight ^= 1
		case '«':
			guil++
		case '»':
			if guil > 0 {
				guil--
			}
		case '‘':
			single++
		case '’':
			if single > 0 {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				next, _ := utf8.DecodeRuneInString(s[i+len("’"):])
				if !(unicode.IsLetter(prev) && unicode.IsLetter(next)) {
					single--
				}
			}
		}
	}
	return curly > 0 || straight == 1 || guil > 0 || single > 0
}

// closesQuote reports whether s closes a quotation left open before it.
func closesQuote(s string) bool {
	for i, r := range s {
		switch r {
		case '”', '»':
			return true
		case '"':
			return true
		case '’':
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+len("’"):])
			if !(unicode.IsLetter(prev) && unicode.IsLetter(next)) {
				return true
			}
		}
	}
	return false
}

// buildUnits groups sentences into units. paragraphOf[i] is the paragraph
// of sentence i; a unit never crosses a paragraph.
func buildUnits(text string, ix indexer, sents []sangbad.Span, paragraphOf []int, maxSentences int) []unit {
	var out []unit
	for i := 0; i < len(sents); {
		j := i
		if quoteBalance(sents[i].Text) {
			// extend to the sentence that closes the quotation, within the
			// paragraph, and not beyond maxSentences
			for k := i + 1; k < len(sents) && paragraphOf[k] == paragraphOf[i] && k-i < maxSentences; k++ {
				j = k
				if closesQuote(sents[k].Text) {
					break
				}
			}
			if j > i && paragraphOf[j] != paragraphOf[i] {
				j = i
			}
		}
		bs, be := ix.Byte(sents[i].Start), ix.Byte(sents[j].End)
		t := strings.Join(strings.Fields(text[bs:be]), " ")
		out = append(out, unit{first: i, last: j, start: bs, end: be, text: t})
		i = j + 1
	}
	return out
}

// indexer is the part of segment.Index the summarizer uses.
type indexer interface {
	Byte(r int) int
}
