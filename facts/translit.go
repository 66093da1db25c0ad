package facts

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	bnVirama = '\u09CD'
	bnNukta  = '\u09BC'
	bnKhanda = '\u09CE'
)

func isBengali(r rune) bool { return r >= 0x0980 && r <= 0x09FF }

// Transliterate returns a readable Latin romanisation of the Bengali parts
// of s, letter by letter after the CLDR Bengali-Latin rules with their
// diacritics folded away ("জুলকিফলি হাসান" -> "julkifli hasan"). The
// inherent vowel is dropped at the end of a word and before a consonant
// that carries its own vowel sign, the usual Bengali schwa deletion. Other
// characters pass through unchanged.
func Transliterate(s string) string {
	s = nfc(s)
	var b strings.Builder
	rs := []rune(s)
	initial := true // in the first consonant cluster of a word
	for i := 0; i < len(rs); {
		r := rs[i]
		if !isBengali(r) {
			b.WriteRune(r)
			i++
			initial = true
			continue
		}
		// ইউ is "yu": ইউনূস Yunus, ইউরোপ Europe's "yu" sound
		if r == 'ই' && i+1 < len(rs) && (rs[i+1] == 'উ' || rs[i+1] == 'ঊ') {
			b.WriteString("yu")
			i += 2
			initial = true
			continue
		}
		unit, n := bnUnit(rs, i)
		lat, kind := cldrLatin(unit)
		switch r {
		case bnKhanda:
			lat, kind = "t", 'C'
		case 'ফ':
			lat = "f" // CLDR "ph"; English names write f
		case 'শ', 'ষ':
			lat = "sh"
		case 'চ':
			lat = "ch" // CLDR "c"; names write ch (চৌধুরী -> Chowdhury)
		case 'ছ':
			lat = "chh"
		}
		i += n
		switch kind {
		case 'C':
			b.WriteString(asciiLatin(lat))
			// what follows: a vowel sign, a virama, or the inherent vowel
			if i < len(rs) {
				if rs[i] == bnVirama {
					i++
					continue
				}
				if v, k := cldrLatin(string(rs[i])); k == 'V' {
					b.WriteString(asciiLatin(v))
					i++
					initial = false
					continue
				}
			}
			// the first syllable keeps its vowel ("রফিক" -> rafik,
			// "প্রধান" -> pradhan); later ones lose it before a consonant
			// with its own vowel sign
			// a word ending in ra-phala keeps its vowel: নরেন্দ্র Narendra,
			// মিত্র Mitra (but ট্রাম্প is Trump, ডোনাল্ড Donald)
			wordEnd := i >= len(rs) || !isBengali(rs[i])
			if inherentVowel(rs, i) || initial && i < len(rs) && isBengali(rs[i]) && cldrKind(rs[i]) == 'C' || wordEnd && i >= 2 && rs[i-2] == bnVirama && rs[i-1] == 'র' {
				b.WriteByte('a')
			}
			initial = false
		case 'V', 'I':
			initial = false
			b.WriteString(asciiLatin(lat))
		case 'M':
			if r == '\u0982' { // anusvara
				b.WriteString("ng")
			}
		default:
			if unicode.IsDigit(r) {
				b.WriteRune('0' + (r - '০'))
			}
		}
	}
	return b.String()
}

// cldrKind is the CLDR class of one Bengali letter.
func cldrKind(r rune) byte {
	_, k := cldrLatin(string(r))
	return k
}

// asciiLatin folds the diacritics of one CLDR letter; a switch keeps the
// hot path free of Unicode normalisation.
func asciiLatin(s string) string {
	switch s {
	case "ā":
		return "a"
	case "ī":
		return "i"
	case "ū":
		return "u"
	case "ē":
		return "e"
	case "ō":
		return "o"
	case "ṭ":
		return "t"
	case "ṭh":
		return "th"
	case "ḍ":
		return "d"
	case "ḍh":
		return "dh"
	case "ṛ", "ṟ":
		return "r"
	case "ṛh":
		return "rh"
	case "ṇ", "ṅ", "ñ", "ṉ":
		return "n"
	case "ś", "ṣ":
		return "s"
	case "ẏ":
		return "y"
	case "ḻ":
		return "l"
	case "ġ":
		return "g"
	case "ḵẖ":
		return "kh"
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return foldLatin(s)
		}
	}
	return s
}

// bnUnit returns the letter at rs[i] with its nukta, if any.
func bnUnit(rs []rune, i int) (string, int) {
	if i+1 < len(rs) && rs[i+1] == bnNukta {
		return string(rs[i : i+2]), 2
	}
	return string(rs[i]), 1
}

// inherentVowel reports whether a consonant whose next rune is rs[i] keeps
// its inherent vowel: not at the end of a word, and not before a consonant
// that carries its own vowel sign.
func inherentVowel(rs []rune, i int) bool {
	if i >= len(rs) || !isBengali(rs[i]) {
		return false
	}
	_, k := cldrLatin(string(rs[i]))
	if k != 'C' {
		return true
	}
	_, n := bnUnit(rs, i)
	j := i + n
	if j >= len(rs) || !isBengali(rs[j]) {
		return true // the next consonant ends the word and loses its vowel instead
	}
	_, k = cldrLatin(string(rs[j]))
	return k != 'V' && rs[j] != bnVirama
}

// foldLatin removes the diacritics of a CLDR romanisation (ṭ -> t, ā -> a).
func foldLatin(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// phoneticKey maps a Latin-script name to a consonant skeleton that ignores
// vowels, aspiration, doubling and the spelling differences between English
// and romanised Bengali: "TikTok" and "tikatak" both give "tktk", "Zulkifli"
// and "julkifli" give "jlkfl". A leading vowel (or y/w) is kept as "a".
func phoneticKey(s string) string {
	s = strings.ToLower(foldLatin(s))
	var b strings.Builder
	b.Grow(len(s))
	var last byte
	emit := func(c byte) {
		if c != last {
			b.WriteByte(c)
			last = c
		}
	}
	first := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' {
			if c >= '0' && c <= '9' {
				emit(c)
				first = false
			}
			continue
		}
		next := byte(0)
		if i+1 < len(s) {
			next = s[i+1]
		}
		if first {
			first = false
			if strings.IndexByte("aeiouyw", c) >= 0 {
				emit('a')
				continue
			}
		}
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y', 'w':
			continue
		case 'h':
			// aspiration after a consonant is dropped; a lone h is kept
			if last != 0 && last != 'a' && b.Len() > 0 && i > 0 && strings.IndexByte("aeiouyw", s[i-1]) < 0 {
				continue
			}
			emit('h')
		case 'c':
			switch {
			case next == 'h':
				emit('c')
				i++
			case next == 'k' || next == 'q':
				emit('k')
				i++
			case next == 'e' || next == 'i' || next == 'y':
				emit('s')
			default:
				emit('k')
			}
		case 's':
			if next == 'h' {
				i++
			}
			emit('s')
		case 'p':
			if next == 'h' {
				emit('f')
				i++
				continue
			}
			emit('p')
		case 'q':
			emit('k')
		case 'x':
			emit('k')
			emit('s')
		case 'z':
			emit('j')
		case 'v':
			emit('b')
		default:
			emit(c)
		}
	}
	return b.String()
}

// bengaliKey is phoneticKey over a Bengali word's romanisation. The letter
// য (ya without nukta) sounds like j in Bengali, so it keys as j.
func bengaliKey(s string) string {
	return bnKeys.get(s, bengaliKeyOf)
}

// bnKeys memoises bengaliKey: the same names are keyed again and again, by
// every extraction and, pairwise, by SameName. It is bounded: it starts
// over when full.
var bnKeys = keyMemo{m: map[string]string{}}

type keyMemo struct {
	mu sync.RWMutex
	m  map[string]string
}

const keyMemoMax = 1 << 16

func (c *keyMemo) get(s string, f func(string) string) string {
	c.mu.RLock()
	k, ok := c.m[s]
	c.mu.RUnlock()
	if ok {
		return k
	}
	k = f(s)
	c.mu.Lock()
	if len(c.m) >= keyMemoMax {
		c.m = make(map[string]string, keyMemoMax/4)
	}
	c.m[s] = k
	c.mu.Unlock()
	return k
}

func bengaliKeyOf(s string) string {
	var b strings.Builder
	rs := []rune(norm.NFC.String(s))
	for i := 0; i < len(rs); i++ {
		if rs[i] == 'য' && (i+1 >= len(rs) || rs[i+1] != bnNukta) && (i == 0 || rs[i-1] != bnVirama) {
			b.WriteByte('j')
			continue
		}
		if rs[i] == 'য' && i > 0 && rs[i-1] == bnVirama { // ya-phala: a glide
			continue
		}
		b.WriteRune(rs[i])
	}
	return phoneticKey(Transliterate(b.String()))
}

// hasBengali reports whether s has a Bengali letter.
func hasBengali(s string) bool {
	for _, r := range s {
		if isBengali(r) {
			return true
		}
	}
	return false
}

// hasLatin reports whether s has a Latin letter.
func hasLatin(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < utf8.RuneSelf {
			if (r|0x20) >= 'a' && (r|0x20) <= 'z' {
				return true
			}
		} else if unicode.Is(unicode.Latin, r) {
			return true
		}
		i += n
	}
	return false
}
