package llm

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// FieldText turns the deltas of a streamed JSON answer into the text of its
// string values named field (e.g. "text" in a summary's sentences, or
// "translation"), decoded, as it arrives: give the returned function to
// Stream as onDelta. Values after the first are preceded by sep. Fix rounds
// restart the JSON: the text of a new answer simply follows.
func FieldText(field, sep string, onText func(string)) func(delta string) {
	f := &fieldText{field: field, sep: sep, onText: onText}
	return f.write
}

type fieldText struct {
	field, sep string
	onText     func(string)

	stack     []byte // '{' or '['
	expectKey bool
	inString  bool
	isKey     bool
	emit      bool // inside a value string of field
	emitted   bool
	esc       bool
	uni       []byte // collecting \uXXXX digits
	pendingHi rune   // high surrogate waiting for its pair
	key       strings.Builder
	lastKey   string
	pending   []byte // an incomplete UTF-8 sequence at the end of a delta
	out       strings.Builder
}

func (f *fieldText) write(delta string) {
	f.out.Reset()
	b := append(f.pending, delta...)
	f.pending = nil
	for i := 0; i < len(b); {
		c := b[i]
		if !f.inString {
			f.structural(c)
			i++
			continue
		}
		if f.esc {
			i++
			if f.uni != nil { // inside \uXXXX
				f.uni = append(f.uni, c)
				if len(f.uni) == 4 {
					n, _ := strconv.ParseUint(string(f.uni), 16, 32)
					f.uni, f.esc = nil, false
					f.rune(rune(n))
				}
				continue
			}
			if c == 'u' {
				f.uni = make([]byte, 0, 4)
				continue
			}
			f.esc = false
			switch c {
			case 'n':
				f.rune('\n')
			case 't':
				f.rune('\t')
			case 'r':
				f.rune('\r')
			case 'b', 'f':
			default:
				f.rune(rune(c))
			}
			continue
		}
		switch c {
		case '\\':
			f.esc = true
			i++
			continue
		case '"':
			f.endString()
			i++
			continue
		}
		if c < utf8.RuneSelf {
			f.rune(rune(c))
			i++
			continue
		}
		if !utf8.FullRune(b[i:]) {
			f.pending = append([]byte(nil), b[i:]...)
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		f.rune(r)
		i += size
	}
	if f.out.Len() > 0 {
		f.onText(f.out.String())
	}
}

func (f *fieldText) structural(c byte) {
	switch c {
	case '{':
		f.stack = append(f.stack, '{')
		f.expectKey = true
	case '[':
		f.stack = append(f.stack, '[')
		f.expectKey = false
	case '}', ']':
		if len(f.stack) > 0 {
			f.stack = f.stack[:len(f.stack)-1]
		}
		f.expectKey = false
		if len(f.stack) == 0 {
			// A new answer (fix round) may follow.
			f.lastKey = ""
		}
	case ',':
		f.expectKey = len(f.stack) > 0 && f.stack[len(f.stack)-1] == '{'
	case ':':
		f.expectKey = false
	case '"':
		f.inString = true
		f.isKey = f.expectKey
		f.key.Reset()
		f.emit = !f.isKey && f.lastKey == f.field && len(f.stack) > 0 && f.stack[len(f.stack)-1] == '{'
		if f.emit && f.emitted {
			f.out.WriteString(f.sep)
		}
	}
}

func (f *fieldText) rune(r rune) {
	if f.pendingHi != 0 {
		hi := f.pendingHi
		f.pendingHi = 0
		if utf16.IsSurrogate(r) {
			r = utf16.DecodeRune(hi, r)
		} else {
			f.rune(utf8.RuneError)
		}
	} else if r >= 0xD800 && r < 0xDC00 {
		f.pendingHi = r
		return
	}
	if f.isKey {
		f.key.WriteRune(r)
		return
	}
	if f.emit {
		f.out.WriteRune(r)
		f.emitted = true
	}
}

func (f *fieldText) endString() {
	f.inString = false
	if f.isKey {
		f.lastKey = f.key.String()
		f.isKey = false
		return
	}
	f.emit = false
	f.lastKey = ""
}
