package summarize

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// textStream turns the deltas of a streamed summary answer (the JSON
// {"sentences":[{"text":"...","sources":[...]}]}) into the summary text as
// it arrives: the decoded values of the "text" keys, the first preceded by
// first and the others by sep. It is a small incremental JSON scanner (the
// llm package has the general one; summarize does not import llm). When a
// model answers twice (a schema fix round), the second answer's text
// simply follows; the final summary replaces what was streamed.
type textStream struct {
	first, sep string
	onText     func(string)

	depth     []byte // '{' or '['
	expectKey bool
	inString  bool
	isKey     bool
	emit      bool
	emitted   bool
	esc       bool
	hex       []byte // \uXXXX digits being read; nil outside an escape
	hi        rune   // a high surrogate waiting for its pair
	key       strings.Builder
	lastKey   string
	pending   []byte // an incomplete UTF-8 sequence at the end of a delta
	out       strings.Builder
}

func newTextStream(first, sep string, onText func(string)) func(string) {
	t := &textStream{first: first, sep: sep, onText: onText}
	return t.write
}

func (t *textStream) write(delta string) {
	t.out.Reset()
	b := append(t.pending, delta...)
	t.pending = nil
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case !t.inString:
			t.structural(c)
			i++
		case t.hex != nil:
			t.hex = append(t.hex, c)
			i++
			if len(t.hex) == 4 {
				n, _ := strconv.ParseUint(string(t.hex), 16, 32)
				t.hex, t.esc = nil, false
				t.rune(rune(n))
			}
		case t.esc:
			i++
			t.esc = false
			switch c {
			case 'u':
				t.esc, t.hex = true, make([]byte, 0, 4)
			case 'n':
				t.rune('\n')
			case 't':
				t.rune('\t')
			case 'r', 'b', 'f':
			default:
				t.rune(rune(c))
			}
		case c == '\\':
			t.esc = true
			i++
		case c == '"':
			t.endString()
			i++
		case c < utf8.RuneSelf:
			t.rune(rune(c))
			i++
		case !utf8.FullRune(b[i:]):
			t.pending = append([]byte(nil), b[i:]...)
			i = len(b)
		default:
			r, n := utf8.DecodeRune(b[i:])
			t.rune(r)
			i += n
		}
	}
	if t.out.Len() > 0 {
		t.onText(t.out.String())
	}
}

func (t *textStream) structural(c byte) {
	top := byte(0)
	if n := len(t.depth); n > 0 {
		top = t.depth[n-1]
	}
	switch c {
	case '{':
		t.depth = append(t.depth, '{')
		t.expectKey = true
	case '[':
		t.depth = append(t.depth, '[')
		t.expectKey = false
	case '}', ']':
		if len(t.depth) > 0 {
			t.depth = t.depth[:len(t.depth)-1]
		}
		t.expectKey = false
	case ',':
		t.expectKey = top == '{'
	case ':':
		t.expectKey = false
	case '"':
		t.inString, t.isKey = true, t.expectKey
		t.key.Reset()
		t.emit = !t.isKey && top == '{' && t.lastKey == "text"
		if t.emit {
			if t.emitted {
				t.out.WriteString(t.sep)
			} else {
				t.out.WriteString(t.first)
			}
		}
	}
}

func (t *textStream) rune(r rune) {
	if t.hi != 0 {
		hi := t.hi
		t.hi = 0
		if utf16.IsSurrogate(r) {
			r = utf16.DecodeRune(hi, r)
		} else {
			t.put(utf8.RuneError)
		}
	} else if r >= 0xD800 && r < 0xDC00 {
		t.hi = r
		return
	}
	t.put(r)
}

func (t *textStream) put(r rune) {
	switch {
	case t.isKey:
		t.key.WriteRune(r)
	case t.emit:
		t.out.WriteRune(r)
		t.emitted = true
	}
}

func (t *textStream) endString() {
	t.inString = false
	if t.isKey {
		t.lastKey, t.isKey = t.key.String(), false
		return
	}
	t.emit, t.lastKey = false, ""
}
