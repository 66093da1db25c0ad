package eval

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameKeys returns the keys a name matches under: the name case-folded
// with its spelling normalised, and the same with one Bengali case suffix
// stripped ("চীনের" -> "চীন", "GoTo-এর" -> "goto"). Two names match when
// they share a key. Both sides are stripped the same way, so a stem that
// happens to end like a suffix ("সিঙ্গাপুর") still matches itself.
func nameKeys(name string) []string {
	k := normName(name)
	if k == "" {
		return nil
	}
	out := []string{k}
	if s := stripCase(k); s != k && s != "" {
		out = append(out, s)
	}
	return out
}

// normName folds case, joins runs of white space, drops surrounding
// punctuation and quotation marks, and applies the canonical forms NFC
// would (nukta letters decomposed, split vowel signs composed), without
// needing a normalisation table.
func normName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '-' || unicode.IsSpace(r) })
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\u09DF':
			b.WriteString("\u09AF\u09BC")
		case '\u09DC':
			b.WriteString("\u09A1\u09BC")
		case '\u09DD':
			b.WriteString("\u09A2\u09BC")
		case '\u200c', '\u200d':
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
	s = strings.ReplaceAll(s, "\u09C7\u09BE", "\u09CB")
	s = strings.ReplaceAll(s, "\u09C7\u09D7", "\u09CC")
	return s
}

// caseSuffixes are the Bengali case endings stripped from a name, longest
// first, in the spelling normName produces (decomposed য়).
var caseSuffixes = []string{
	"-এর", "-এ", "-র", "-কে", "-তে", " এর", "'র", "’র", "'এর", "’এর",
	"দের", "য\u09BCের", "য\u09BCে", "য\u09BC", "ের", "কে", "তে", "র", "ে",
}

func stripCase(s string) string {
	last, _ := utf8.DecodeLastRuneInString(s)
	if last < 0x0980 || last > 0x09FF {
		return s
	}
	for _, suf := range caseSuffixes {
		if strings.HasSuffix(s, suf) && utf8.RuneCountInString(s)-utf8.RuneCountInString(suf) >= 2 {
			return strings.TrimSpace(s[:len(s)-len(suf)])
		}
	}
	return s
}

// keySet is a set of name keys.
type keySet map[string]bool

func (k keySet) add(names ...string) {
	for _, n := range names {
		for _, key := range nameKeys(n) {
			k[key] = true
		}
	}
}

func (k keySet) meets(o keySet) bool {
	if len(o) < len(k) {
		k, o = o, k
	}
	for key := range k {
		if o[key] {
			return true
		}
	}
	return false
}
