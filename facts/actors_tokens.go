package facts

import (
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// Token kinds.
const (
	tkLatin   = 'L' // Latin letters (with inner apostrophes, hyphens, initials' dots)
	tkBengali = 'B' // Bengali letters and marks
	tkDigit   = 'D' // a number
	tkOther   = 'O' // letters of another script
	tkPunct   = 'P' // one punctuation or symbol rune
)

// tok is one token of a text with its byte and code-point offsets.
type tok struct {
	text       string
	bs, be     int // bytes
	start, end int // code points
	kind       byte
	space      bool // whitespace right before it
	newline    bool // a line break right before it
	sentStart  bool // first word of its sentence
	sent       int  // index of its sentence
}

func isLatinLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return (r|0x20) >= 'a' && (r|0x20) <= 'z'
	}
	return unicode.Is(unicode.Latin, r)
}

func runeKind(r rune) byte {
	if r >= 0x0980 && r <= 0x09FF {
		switch {
		case r >= '০' && r <= '৯':
			return tkDigit
		case r == 0x09F2 || r == 0x09F3 || r >= 0x09F4 && r <= 0x09FB || r == 0x09FD:
			return tkPunct
		}
		return tkBengali
	}
	if r < 0x80 {
		switch {
		case (r|0x20) >= 'a' && (r|0x20) <= 'z':
			return tkLatin
		case r >= '0' && r <= '9':
			return tkDigit
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '\v' || r == '\f':
			return ' '
		}
		return tkPunct
	}
	switch {
	case isLatinLetter(r):
		return tkLatin
	case r >= '0' && r <= '9', r >= '০' && r <= '৯':
		return tkDigit
	case isBengali(r) || r == '\u200c' || r == '\u200d':
		if unicode.IsLetter(r) || unicode.Is(unicode.M, r) || r == '\u200c' || r == '\u200d' {
			return tkBengali
		}
		return tkPunct
	case unicode.IsLetter(r):
		return tkOther
	case unicode.Is(unicode.M, r):
		return 0 // a mark continues the current token
	case unicode.IsSpace(r):
		return ' '
	}
	return tkPunct
}

// tokenize splits text into tokens. Sentences mark sentence starts.
func tokenize(text string, sentences []sangbad.Span) []tok {
	toks := make([]tok, 0, len(text)/5)
	ri := 0
	space, newline := true, true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		k := runeKind(r)
		if k == ' ' {
			space = true
			if r == '\n' || r == '\r' || r == '\u2029' {
				newline = true
			}
			i += n
			ri++
			continue
		}
		if k == 0 || k == tkPunct {
			t := tok{text: text[i : i+n], bs: i, be: i + n, start: ri, end: ri + 1, kind: tkPunct, space: space, newline: newline}
			if k == 0 {
				t.kind = tkOther
			}
			toks = append(toks, t)
			space, newline = false, false
			i += n
			ri++
			continue
		}
		// a word of kind k
		bs, rs := i, ri
		i += n
		ri++
		for i < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[i:])
			k2 := runeKind(r2)
			if k2 == k || k2 == 0 || (k == tkLatin && k2 == tkDigit) {
				i += n2
				ri++
				continue
			}
			// inner joiners
			if i+n2 < len(text) {
				nr, nn := utf8.DecodeRuneInString(text[i+n2:])
				nk := runeKind(nr)
				switch {
				case k == tkLatin && (r2 == '\'' || r2 == '’' || r2 == '-') && nk == tkLatin,
					k == tkBengali && (r2 == '\'' || r2 == '’') && nk == tkBengali: // "ডি'অ্যাঞ্জেলো"
					i += n2 + nn
					ri += 2
					continue
				case k == tkDigit && (r2 == '.' || r2 == ',') && nk == tkDigit:
					i += n2 + nn
					ri += 2
					continue
				case k == tkLatin && r2 == '.' && nk == tkLatin && i-bs <= 3 && unicode.IsUpper(nr):
					// initials: U.S., U.N.
					if prev, _ := utf8.DecodeLastRuneInString(text[:i]); unicode.IsUpper(prev) {
						i += n2 + nn
						ri += 2
						continue
					}
				}
			}
			break
		}
		// a trailing dot of dotted initials ("U.S.")
		if k == tkLatin && i < len(text) && text[i] == '.' && i-bs >= 3 && text[bs+1] == '.' {
			i++
			ri++
		}
		toks = append(toks, tok{text: text[bs:i], bs: bs, be: i, start: rs, end: ri, kind: k, space: space, newline: newline})
		space, newline = false, false
	}
	// sentence starts: the first word token at or after each sentence start
	si := 0
	for ti := range toks {
		for si < len(sentences) && sentences[si].End <= toks[ti].start {
			si++
		}
		toks[ti].sent = si
		if toks[ti].kind == tkPunct {
			continue
		}
		if ti == 0 || toks[ti].newline {
			toks[ti].sentStart = true
			continue
		}
		if si < len(sentences) && toks[ti].start >= sentences[si].Start {
			// first word of this sentence?
			first := true
			for tj := ti - 1; tj >= 0 && toks[tj].start >= sentences[si].Start; tj-- {
				if toks[tj].kind != tkPunct {
					first = false
					break
				}
			}
			toks[ti].sentStart = first
		}
	}
	return toks
}
