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
	"col": true, "lt": true, "sgt": true, "capt": true, "cmdr": true, "adm": true, "rep": true, "reps": true, "sens": true, "govs": true, "gens": true, "drs": true, "messrs": true, "profs": true, "lts": true, "cols": true, "sen": true,
	"rev": true, "hon": true, "pres": true, "supt": true, "insp": true, "maj": true, "brig": true,
	"vs": true, "v": true, "e.g": true, "i.e": true, "approx": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "mon": true, "tue": true, "tues": true, "wed": true,
	"thu": true, "thur": true, "thurs": true, "fri": true, "sat": true, "sun": true,
	"u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true, "est": true, "dept": true, "mt": true,
	"ft": true, "rs": true, "tk": true, "govt": true, "univ": true, "assn": true, "ave": true, "blvd": true,
	// Bengali abbreviations (মো. = Mohammad, ডা. = doctor, মি. = Mr, ড. = Dr, লি. = Ltd)
	"মো": true, "মোহা": true, "ডা": true, "মি": true, "ড": true, "লি": true, "কো": true, "মোসা": true,
	"প্রফে": true, "অধ্য": true, "সা": true, "রহ": true, "ডি": true,
}

// numberAbbreviations are abbreviations only when a number follows ("No. 5");
// elsewhere they are words ("He said no.").
var numberAbbreviations = map[string]bool{"no": true, "nos": true, "vol": true, "fig": true, "art": true, "pp": true}

// finalAbbreviations may also close a sentence ("... in the U.S. He said").
var finalAbbreviations = map[string]bool{
	"u.s": true, "u.k": true, "u.n": true, "a.m": true, "p.m": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "plc": true, "jr": true, "sr": true, "bros": true, "est": true, "dept": true, "govt": true,
}

// sentenceOpeners are words that in news text almost always start a
// sentence when they follow a full stop.
var sentenceOpeners = map[string]bool{
	"He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "You": true, "The": true,
	"This": true, "That": true, "These": true, "Those": true, "There": true, "But": true, "And": true,
	"In": true, "On": true, "At": true, "A": true, "An": true, "His": true, "Her": true, "Their": true,
	"Its": true, "Our": true, "If": true, "When": true, "While": true, "After": true, "Before": true,
	"However": true, "Meanwhile": true, "Officials": true, "Police": true,
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
		if !IsSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !IsSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

// IsSpace reports whether r is white space for segmentation: Unicode white
// space plus the invisible zero-width space and byte-order mark that pasted
// text often carries.
func IsSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// quoteRanges returns byte ranges [open, close) of the quotations that
// close inside the paragraph. A full stop or danda inside one does not end
// the sentence: cutting there would orphan the quotation ("“A। B,” তিনি
// বলেন।" or "He said: “A. B.” Then ..."). Straight double quotes are
// told apart by their neighbours (an opener follows a space, a closer
// precedes one), so one stray mark does not invert every later pair; single
// curly quotes count only as a pair opened by ‘ (’ alone is an apostrophe).
// Quotations longer than maxQuote bytes are not protected: they are more
// likely a mismatch than one sentence.
func quoteRanges(text string, ps, pe int) [][2]int {
	const maxQuote = 1500
	var out [][2]int
	open := -1
	var closeRune rune
	for i := ps; i < pe; {
		r, n := utf8.DecodeRuneInString(text[i:pe])
		switch {
		case r == '"':
			opener, closer := straightQuoteSides(text, ps, pe, i)
			switch {
			case open >= 0 && closeRune == '"' && (closer || !opener):
				if i-open <= maxQuote {
					out = append(out, [2]int{open, i})
				}
				open = -1
			case opener && (open < 0 || closeRune == '"'):
				open, closeRune = i, '"'
			}
		case open < 0:
			switch r {
			case '“':
				open, closeRune = i, '”'
			case '«':
				open, closeRune = i, '»'
			case '‘':
				open, closeRune = i, '’'
			}
		case r == '“' && closeRune == '”':
			open = i // the previous opener was never closed
		case r == closeRune:
			// ’ between two letters is an apostrophe inside the quotation
			if r == '’' && i > ps && i+n < pe {
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				next, _ := utf8.DecodeRuneInString(text[i+n : pe])
				if unicode.IsLetter(prev) && unicode.IsLetter(next) {
					break
				}
			}
			if i-open <= maxQuote {
				out = append(out, [2]int{open, i})
			}
			open = -1
		}
		i += n
	}
	return out
}

// straightQuoteSides classifies the " at byte i: an opener has white space
// or an opening bracket (or nothing) before it and a non-space after it; a
// closer has a non-space before it and white space, punctuation or nothing
// after it. A mark may be neither (ambiguous).
func straightQuoteSides(text string, ps, pe, i int) (opener, closer bool) {
	before, after := ' ', ' '
	j := i
	if j > ps && text[j-1] == '\\' { // an escaped \" copied from JSON or CSV
		j--
	}
	if j > ps {
		before, _ = utf8.DecodeLastRuneInString(text[ps:j])
	}
	if i+1 < pe {
		after, _ = utf8.DecodeRuneInString(text[i+1 : pe])
	}
	leftOpen := IsSpace(before) || strings.ContainsRune("([{—–-:", before)
	rightOpen := IsSpace(after) || unicode.IsPunct(after)
	opener = leftOpen && !IsSpace(after)
	closer = !IsSpace(before) && rightOpen && !leftOpen
	return opener, closer
}

func sentenceBytes(text string, ps, pe int) [][2]int {
	quotes := quoteRanges(text, ps, pe)
	// inQuote reports a terminator at byte b whose run ends at end inside a
	// quotation: the run does not reach the closing mark.
	inQuote := func(b, end int) bool {
		for _, q := range quotes {
			if b > q[0] && end <= q[1] {
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
			if r2 == '\\' && strings.HasPrefix(text[end+1:pe], `"`) { // escaped \"
				end += 2
				continue
			}
			break
		}
		if end < pe {
			r2, _ := utf8.DecodeRuneInString(text[end:pe])
			if !IsSpace(r2) {
				i = end
				continue // "3.5", "e.g.x", "U.S.-based"
			}
		}
		if r == '.' && !sentenceEndsAtDot(text, start, i-n, end, pe) {
			i = end
			continue
		}
		if r == '…' && nextIsLower(text, end, pe) {
			i = end
			continue
		}
		if inQuote(i-n, end) {
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
// word. An abbreviation that may close a sentence ("U.S.", "p.m.", "Inc.")
// ends it when the next word is a typical sentence opener ("He", "The").
func sentenceEndsAtDot(text string, start, dot, end, pe int) bool {
	// the word before the dot
	w := dot
	for w > start {
		r, n := utf8.DecodeLastRuneInString(text[start:w])
		if IsSpace(r) || r == '(' || r == '"' || r == '“' || r == '‘' {
			break
		}
		w -= n
	}
	word := strings.ToLower(strings.Trim(text[w:dot], "'\"“‘("))
	if numberAbbreviations[word] {
		// "No. 5", "Vol. 2": an abbreviation only before a number
		return !nextIsDigit(text, end, pe)
	}
	if abbreviations[word] {
		return finalAbbreviations[word] && nextIsOpener(text, end, pe)
	}
	if rc := utf8.RuneCountInString(word); rc == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		if unicode.IsLetter(r) && r < 0x0980 { // an initial: "J. Smith"
			return false
		}
	}
	return !nextIsLower(text, end, pe)
}

// nextWord returns the word that starts after the white space at byte k.
func nextWord(text string, k, pe int) string {
	for k < pe {
		r, n := utf8.DecodeRuneInString(text[k:pe])
		if !IsSpace(r) {
			break
		}
		k += n
	}
	e := k
	for e < pe {
		r, n := utf8.DecodeRuneInString(text[e:pe])
		if !IsWordRune(r) {
			break
		}
		e += n
	}
	if e == k && k < pe {
		_, n := utf8.DecodeRuneInString(text[k:pe])
		e = k + n
	}
	return text[k:e]
}

func nextIsLower(text string, k, pe int) bool {
	r, _ := utf8.DecodeRuneInString(nextWord(text, k, pe))
	return unicode.IsLower(r)
}

func nextIsDigit(text string, k, pe int) bool {
	r, _ := utf8.DecodeRuneInString(nextWord(text, k, pe))
	return unicode.IsDigit(r) || r == '#'
}

func nextIsOpener(text string, k, pe int) bool {
	return sentenceOpeners[nextWord(text, k, pe)]
}
