package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// abbreviations that end in a full stop without ending a sentence, lower-cased
// and without the final dot.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true, "sr": true,
	"inc": true, "ltd": true, "co": true, "corp": true, "plc": true, "bros": true, "gov": true, "gen": true,
	"col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "rep": true, "sen": true,
	"rev": true, "hon": true, "pres": true, "supt": true, "insp": true, "maj": true, "brig": true,
	"vs": true, "v": true, "e.g": true, "i.e": true, "no": true, "nos": true, "vol": true, "fig": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true, "est": true, "dept": true, "mt": true,
	"ft": true, "rs": true, "tk": true, "govt": true, "univ": true, "assn": true, "ave": true, "blvd": true,
	// Bengali abbreviations (মো. = Mohammad, ডা. = doctor, মি. = Mr, ড. = Dr, লি. = Ltd)
	"মো": true, "মোহা": true, "ডা": true, "মি": true, "ড": true, "লি": true, "কো": true, "মোসা": true,
	"প্রফে": true, "অধ্য": true, "সা": true, "রহ": true, "ডি": true,
}

// isTerminator reports runes that end a sentence: . ? ! and the dandas.
func isTerminator(r rune) bool {
	switch r {
	case '.', '?', '!', '।', '॥', '৷', '…', '؟':
		return true
	}
	return false
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»', '›', '}':
		return true
	}
	return false
}

// Sentences splits text into sentences. Each span is trimmed of surrounding
// white space; offsets are code points into text. A quotation that ends in a
// comma and runs on into its attribution ("… নয়। … হবে,” তিনি বলেন।) stays
// one sentence.
func Sentences(text string) []sangbad.Span {
	ix := NewIndex(text)
	var out []sangbad.Span
	for _, p := range paragraphBytes(text) {
		for _, s := range sentenceBytes(text, p[0], p[1]) {
			out = append(out, ix.Span(s[0], s[1]))
		}
	}
	return out
}

// Paragraphs splits text at line breaks into trimmed, non-empty paragraphs.
// A single line break inside running text (a hard-wrapped line whose next
// line starts in lower case) does not end a paragraph.
func Paragraphs(text string) []sangbad.Span {
	ix := NewIndex(text)
	var out []sangbad.Span
	for _, p := range paragraphBytes(text) {
		out = append(out, ix.Span(p[0], p[1]))
	}
	return out
}

func paragraphBytes(text string) [][2]int {
	var out [][2]int
	start := 0
	emit := func(end int) {
		s, e := trimBytes(text, start, end)
		if s < e {
			out = append(out, [2]int{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		if wrapped(text, i) {
			continue
		}
		emit(i)
		start = i + 1
	}
	emit(len(text))
	return out
}

// wrapped reports whether the newline at byte i continues the same
// paragraph: the previous line ends without terminal punctuation and the
// next line starts with a lower-case Latin letter.
func wrapped(text string, i int) bool {
	j := i - 1
	for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
		j--
	}
	if j < 0 {
		return false
	}
	prev, _ := utf8.DecodeLastRuneInString(text[:j+1])
	if isTerminator(prev) || isCloser(prev) || prev == ':' {
		return false
	}
	k := i + 1
	for k < len(text) && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	if k >= len(text) {
		return false
	}
	next, _ := utf8.DecodeRuneInString(text[k:])
	return unicode.IsLower(next)
}

func trimBytes(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// quoteRanges returns byte ranges [open, close] of quotations inside the
// paragraph whose content should not be split: quotes that end with a comma
// or without terminal punctuation, i.e. that continue into an attribution.
func quoteRanges(text string, ps, pe int) [][2]int {
	var out [][2]int
	open := -1
	var openRune rune
	for i := ps; i < pe; {
		r, n := utf8.DecodeRuneInString(text[i:pe])
		switch {
		case open < 0 && (r == '“' || r == '"' || r == '«'):
			open, openRune = i, r
		case open >= 0 && ((openRune == '“' && r == '”') || (openRune == '"' && r == '"') || (openRune == '«' && r == '»')):
			last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(text[open:i], isSpace))
			if !isTerminator(last) {
				out = append(out, [2]int{open, i})
			}
			open = -1
		}
		i += n
	}
	return out
}

func sentenceBytes(text string, ps, pe int) [][2]int {
	quotes := quoteRanges(text, ps, pe)
	inQuote := func(b int) bool {
		for _, q := range quotes {
			if b > q[0] && b < q[1] {
				return true
			}
		}
		return false
	}
	var out [][2]int
	start := ps
	for i := ps; i < pe; {
		r, n := utf8.DecodeRuneInString(text[i:pe])
		i += n
		if !isTerminator(r) {
			continue
		}
		// absorb runs of terminators and closing quotes/brackets
		end := i
		for end < pe {
			r2, n2 := utf8.DecodeRuneInString(text[end:pe])
			if isTerminator(r2) || isCloser(r2) {
				end += n2
				continue
			}
			break
		}
		if end < pe {
			r2, _ := utf8.DecodeRuneInString(text[end:pe])
			if !isSpace(r2) {
				i = end
				continue // "3.5", "e.g.x", "U.S.-based"
			}
		}
		if r == '.' && !sentenceEndsAtDot(text, start, i-n, end, pe) {
			i = end
			continue
		}
		if inQuote(i - n) {
			i = end
			continue
		}
		s, e := trimBytes(text, start, end)
		if s < e {
			out = append(out, [2]int{s, e})
		}
		start = end
		i = end
	}
	if s, e := trimBytes(text, start, pe); s < e {
		out = append(out, [2]int{s, e})
	}
	return out
}

// sentenceEndsAtDot decides whether the full stop at byte dot ends a
// sentence: not after an abbreviation or an initial, not before a lower-case
// word.
func sentenceEndsAtDot(text string, start, dot, end, pe int) bool {
	// the word before the dot
	w := dot
	for w > start {
		r, n := utf8.DecodeLastRuneInString(text[start:w])
		if isSpace(r) || r == '(' || r == '"' || r == '“' {
			break
		}
		w -= n
	}
	word := strings.ToLower(strings.Trim(text[w:dot], "'\"“‘("))
	if abbreviations[word] {
		return false
	}
	if rc := utf8.RuneCountInString(word); rc == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsLetter(r) && r < 0x0980 { // an initial: "J. Smith"
			return false
		}
	}
	// next word starts in lower case: not a sentence end
	k := end
	for k < pe {
		r, n := utf8.DecodeRuneInString(text[k:pe])
		if !isSpace(r) {
			if unicode.IsLower(r) {
				return false
			}
			break
		}
		k += n
	}
	return true
}
