package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// IsWordRune reports letters, combining marks (Bengali vowel signs are
// marks), digits and the joiners that may sit inside a Bengali word.
func IsWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.M, r) || unicode.IsDigit(r) || r == '\u200c' || r == '\u200d'
}

// Words returns the word tokens of text: maximal runs of letters, marks and
// digits; an apostrophe, full stop or comma between two digits or letters
// stays inside ("don't", "3.5", "1,25,000").
func Words(text string) []sangbad.Span {
	var out []sangbad.Span
	ri := 0     // rune offset of i
	start := -1 // byte start of current word
	startR := 0 // rune start
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		inner := false
		if start >= 0 && (r == '\'' || r == '’' || r == '.' || r == ',') {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			next, _ := utf8.DecodeRuneInString(text[i+n:])
			inner = (unicode.IsDigit(prev) && unicode.IsDigit(next)) || (r != '.' && r != ',' && unicode.IsLetter(prev) && unicode.IsLetter(next))
		}
		if IsWordRune(r) || inner {
			if start < 0 {
				start, startR = i, ri
			}
		} else if start >= 0 {
			out = append(out, sangbad.Span{Text: text[start:i], Start: startR, End: ri})
			start = -1
		}
		i += n
		ri++
	}
	if start >= 0 {
		out = append(out, sangbad.Span{Text: text[start:], Start: startR, End: ri})
	}
	return out
}

// Tokens returns the lower-cased word tokens of text, for scoring and
// comparison.
func Tokens(text string) []string {
	ws := Words(text)
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w.Text)
	}
	return out
}
