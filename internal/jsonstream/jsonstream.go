// Package jsonstream reads the text of string fields out of a JSON
// document while it arrives in pieces, as a model streams its structured
// answer. It is a small incremental scanner with no imports outside the
// standard library, so that both llm and summarize (which may not import
// llm) can use it.
package jsonstream

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// FieldText turns the deltas of a streamed JSON answer into the decoded
// text of its string values named field (e.g. "text" in a summary's
// sentences, or "translation") as it arrives: call the returned function
// with each delta, and onText gets the new text of that delta, if any.
// The first value is preceded by first and the others by sep. Pieces may
// cut escapes and UTF-8 sequences anywhere. When a model answers twice (a
// schema fix round) the JSON restarts and the new answer's text simply
// follows. The \b and \f escapes are dropped.
func FieldText(field, first, sep string, onText func(string)) func(delta string) {
	s := &scanner{field: field, first: first, sep: sep, onText: onText}
	return s.write
}

type scanner struct {
	field, first, sep string
	onText            func(string)

	stack     []byte // '{' or '['
	expectKey bool
	inString  bool
	isKey     bool
	emit      bool // inside a value string of field
	emitted   bool
	esc       bool
	hex       []byte // \uXXXX digits being read; nil outside such an escape
	hi        rune   // a high surrogate waiting for its pair
	key       strings.Builder
	lastKey   string
	pending   []byte // an incomplete UTF-8 sequence at the end of a delta
	out       strings.Builder
}

func (s *scanner) write(delta string) {
	s.out.Reset()
	b := append(s.pending, delta...)
	s.pending = nil
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case !s.inString:
			s.structural(c)
			i++
		case s.hex != nil:
			s.hex = append(s.hex, c)
			i++
			if len(s.hex) == 4 {
				n, _ := strconv.ParseUint(string(s.hex), 16, 32)
				s.hex, s.esc = nil, false
				s.rune(rune(n))
			}
		case s.esc:
			i++
			s.esc = false
			switch c {
			case 'u':
				s.esc, s.hex = true, make([]byte, 0, 4)
			case 'n':
				s.rune('\n')
			case 't':
				s.rune('\t')
			case 'r':
				s.rune('\r')
			case 'b', 'f':
			default:
				s.rune(rune(c))
			}
		case c == '\\':
			s.esc = true
			i++
		case c == '"':
			s.endString()
			i++
		case c < utf8.RuneSelf:
			s.rune(rune(c))
			i++
		case !utf8.FullRune(b[i:]):
			s.pending = append([]byte(nil), b[i:]...)
			i = len(b)
		default:
			r, n := utf8.DecodeRune(b[i:])
			s.rune(r)
			i += n
		}
	}
	if s.out.Len() > 0 {
		s.onText(s.out.String())
	}
}

func (s *scanner) structural(c byte) {
	top := byte(0)
	if n := len(s.stack); n > 0 {
		top = s.stack[n-1]
	}
	switch c {
	case '{':
		s.stack = append(s.stack, '{')
		s.expectKey = true
	case '[':
		s.stack = append(s.stack, '[')
		s.expectKey = false
	case '}', ']':
		if len(s.stack) > 0 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		s.expectKey = false
		if len(s.stack) == 0 {
			// A new answer (fix round) may follow.
			s.lastKey = ""
		}
	case ',':
		s.expectKey = top == '{'
	case ':':
		s.expectKey = false
	case '"':
		s.inString, s.isKey = true, s.expectKey
		s.key.Reset()
		s.emit = !s.isKey && top == '{' && s.lastKey == s.field
		if s.emit {
			if s.emitted {
				s.out.WriteString(s.sep)
			} else {
				s.out.WriteString(s.first)
			}
		}
	}
}

// rune takes one decoded rune of a string, pairing UTF-16 surrogates
// from \u escapes; a lone surrogate becomes U+FFFD.
func (s *scanner) rune(r rune) {
	if s.hi != 0 {
		hi := s.hi
		s.hi = 0
		if utf16.IsSurrogate(r) {
			r = utf16.DecodeRune(hi, r)
		} else {
			s.put(utf8.RuneError)
		}
	} else if r >= 0xD800 && r < 0xDC00 {
		s.hi = r
		return
	}
	s.put(r)
}

func (s *scanner) put(r rune) {
	switch {
	case s.isKey:
		s.key.WriteRune(r)
	case s.emit:
		s.out.WriteRune(r)
		s.emitted = true
	}
}

func (s *scanner) endString() {
	s.inString = false
	if s.isKey {
		s.lastKey, s.isKey = s.key.String(), false
		return
	}
	s.emit, s.lastKey = false, ""
}
