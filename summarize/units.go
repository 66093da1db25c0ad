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
	first, last  int // sentence indexes, inclusive
	rstart, rend int // code-point offsets into the text
	text         string
	lower        string // lower-cased text, for exact-repeat checks
	terms        []string
	words        int
	digits       int // words that start with a digit
	// quoted marks a unit of several sentences held together by a
	// quotation (not only by titles the splitter ended sentences at)
	quoted bool
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
			// after a digit with no quotation open it is an inch mark (5' 2")
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if straight == 0 && unicode.IsDigit(prev) {
				continue
			}
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

// buildUnits groups sentences into units; a unit never crosses a paragraph
// (a line break between two sentences).
func buildUnits(text string, sents []sangbad.Span, maxSentences int) []unit {
	bytesOf := sentenceBytes(text, sents)
	para := make([]int, len(sents))
	for i := 1; i < len(sents); i++ {
		para[i] = para[i-1]
		if strings.IndexByte(text[bytesOf[i-1][1]:bytesOf[i][0]], '\n') >= 0 {
			para[i]++
		}
	}
	var out []unit
	for i := 0; i < len(sents); {
		j := i
		// a sentence the splitter ended at a title ("... between Sens.")
		// goes on in the next one
		joinTitles := func() {
			for j+1 < len(sents) && para[j+1] == para[i] && j+1-i < maxSentences && endsWithTitle(sents[j].Text) {
				j++
			}
		}
		joinTitles()
		quoted := false
		if quoteBalance(text[bytesOf[i][0]:bytesOf[j][1]]) {
			before := j
			// extend to the sentence that closes the quotation, within the
			// paragraph, and not beyond maxSentences
			for k := j + 1; k < len(sents) && para[k] == para[i] && k-i < maxSentences; k++ {
				j = k
				if closesQuote(sents[k].Text) {
					break
				}
			}
			quoted = j > before
			joinTitles()
		}
		t := text[bytesOf[i][0]:bytesOf[j][1]]
		if strings.ContainsAny(t, "\n\t\r") || strings.Contains(t, "  ") {
			t = strings.Join(strings.Fields(t), " ")
		}
		out = append(out, unit{first: i, last: j, rstart: sents[i].Start, rend: sents[j].End, text: t, quoted: quoted})
		i = j + 1
	}
	return out
}

// sentenceBytes returns the byte range of each sentence in one pass over
// text (sentences are in order and do not overlap).
func sentenceBytes(text string, sents []sangbad.Span) [][2]int {
	out := make([][2]int, len(sents))
	if len(sents) == 0 {
		return out
	}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		for i, s := range sents {
			out[i] = [2]int{s.Start, s.End}
		}
		return out
	}
	// walk the text once, resolving each offset as it comes up
	targets := make([]int, 0, 2*len(sents))
	for _, s := range sents {
		targets = append(targets, s.Start, s.End)
	}
	res := make([]int, len(targets))
	k := 0
	r := 0
	for b := range text {
		for k < len(targets) && targets[k] <= r {
			res[k] = b
			k++
		}
		r++
	}
	for ; k < len(targets); k++ {
		res[k] = len(text)
	}
	for i := range sents {
		out[i] = [2]int{res[2*i], res[2*i+1]}
	}
	return out
}

// titles are abbreviated titles that stand before a name and never end a
// sentence (plural ones included: "Sens. Clinton and Obama").
var titles = map[string]bool{
	"Mr": true, "Mrs": true, "Ms": true, "Messrs": true, "Mmes": true, "Dr": true, "Drs": true,
	"Prof": true, "Profs": true, "Sen": true, "Sens": true, "Rep": true, "Reps": true, "Gov": true,
	"Govs": true, "Gen": true, "Gens": true, "Lt": true, "Col": true, "Sgt": true, "Capt": true,
	"Rev": true, "Hon": true, "Pres": true, "Adm": true, "Maj": true, "Brig": true, "Supt": true,
}

// endsWithTitle reports a sentence whose last word is an abbreviated title
// and its full stop.
func endsWithTitle(s string) bool {
	s = strings.TrimSpace(s)
	if !strings.HasSuffix(s, ".") {
		return false
	}
	s = s[:len(s)-1]
	i := strings.LastIndexAny(s, " \t\n(\"“")
	return titles[s[i+1:]]
}
