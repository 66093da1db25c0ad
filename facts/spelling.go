package facts

import (
	"strings"
)

// SpellingNear reports whether two written forms of one word spell the
// same name closely enough to be the same person or organisation, the
// vowels included: "Hasina" is near "হাসিনা", not "হাসান" or "Hasan".
// SameName compares consonant skeletons, which is right for merging the
// mentions of one text; a verifier checking that a summary names what its
// source names needs this stricter test.
//
// In one script both forms are romanised (Bengali by Transliterate, a case
// ending tried on and off) and normalised for the usual spelling variants
// (ph/f, z/j, v/bh, w/u, y/i, doubled letters, ai/ei/e, au/ow/o,
// aspirates); a weighted edit distance, vowels costing half, must then stay
// within a budget that grows with the word: half a vowel up to six letters,
// one letter up to nine, one and a half beyond.
//
// Across scripts English spelling is too far from Bengali's phonetic one
// for that ("Jefferies" is জেফরিজ, "Sea" is সি): the consonant skeletons
// must match (SameName) and both forms must end alike, in a vowel or not
// ("Hasina" ends in one, হাসান does not). A Bengali word that ends in a
// conjunct may be read either way (শান্ত "Shanto", গঞ্জ "ganj").
func SpellingNear(a, b string) bool {
	if a == b {
		return true
	}
	if ba, bb := hasBengali(a), hasBengali(b); ba != bb {
		latin, bengali := a, b
		if ba {
			latin, bengali = b, a
		}
		return anglicisedSurname(latin, bengali) || SameName(latin, bengali) && endingsAgree(latin, bengali)
	}
	for _, x := range spellingForms(a) {
		for _, y := range spellingForms(b) {
			if x == y {
				return true
			}
			n := max(len(x), len(y))
			budget := 0.5
			switch {
			case n >= 10:
				budget = 1.5
			case n >= 7:
				budget = 1
			}
			if weightedDistance(x, y, budget) <= budget {
				return true
			}
		}
	}
	return false
}

// endingsAgree reports whether a Latin word and a Bengali word (under any
// reading of its case ending) both end in a vowel sound or both do not.
func endingsAgree(latin, bengali string) bool {
	l := strings.ToLower(foldLatin(strings.TrimSpace(latin)))
	l = strings.TrimRightFunc(l, func(r rune) bool { return r < 'a' || r > 'z' })
	if l == "" {
		return true
	}
	// a silent final e after a consonant ("Google", "Singapore") or in -que
	// and -gue ("Tarique")
	if strings.HasSuffix(l, "que") || strings.HasSuffix(l, "gue") {
		l = l[:len(l)-2]
	}
	if n := len(l); n > 3 && l[n-1] == 'e' && !isVowelByte(l[n-2]) && l[n-2] != 'y' {
		l = l[:n-1]
	}
	latinVowel := strings.IndexByte("aeiouy", l[len(l)-1]) >= 0
	for _, st := range bnStems(nfc(strings.TrimSpace(bengali))) {
		switch bnEnding(st) {
		case 0:
			return true
		case 1:
			if latinVowel {
				return true
			}
		case -1:
			if !latinVowel {
				return true
			}
		}
	}
	return false
}

// bnEnding tells how a Bengali word ends: 1 in a vowel (a vowel sign, an
// independent vowel, য়), -1 in a consonant without its vowel, 0 in a
// conjunct, which may be read either way.
func bnEnding(w string) int {
	rs := []rune(w)
	for len(rs) > 0 && !isBengali(rs[len(rs)-1]) {
		rs = rs[:len(rs)-1]
	}
	if len(rs) == 0 {
		return 0
	}
	last := rs[len(rs)-1]
	switch {
	case last == bnNukta && len(rs) > 1 && rs[len(rs)-2] == 'য', last == '\u09DF':
		return 1 // য়: "রায়" (Roy)
	case last >= 0x09BE && last <= 0x09CC, last >= 0x0985 && last <= 0x0994, last == 0x09D7:
		return 1
	case last == bnVirama, last == 0x0982, last == 0x0983, last == bnKhanda:
		return -1
	}
	if len(rs) > 1 && rs[len(rs)-2] == bnVirama {
		return 0
	}
	return -1
}

// spellingForms returns the normalised romanisations of a word: for a
// Bengali word, of each reading of its case ending.
func spellingForms(w string) []string {
	w = strings.TrimSpace(w)
	if !hasBengali(w) {
		return []string{normSpelling(w)}
	}
	var out []string
	for _, st := range bnStems(nfc(w)) {
		out = append(out, normSpelling(Transliterate(st)))
	}
	return out
}

// spellingPairs are the variant spellings normalised away, longest first.
var spellingPairs = strings.NewReplacer(
	"que", "k", "chh", "c", "ch", "c", "sh", "s", "ph", "f", "kh", "k", "gh", "g", "th", "t", "dh", "d", "bh", "b", "jh", "j",
	"ow", "o", "au", "o", "ou", "u", "oo", "u", "ee", "i", "ai", "e", "ei", "e", "ey", "e",
	"z", "j", "q", "k", "x", "ks", "w", "u", "v", "b", "y", "i",
)

// normSpelling lower-cases and folds a Latin form to letters and applies
// spellingPairs, then collapses doubled letters.
func normSpelling(s string) string {
	s = strings.ToLower(foldLatin(s))
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			b.WriteByte(c)
		}
	}
	s = spellingPairs.Replace(b.String())
	b.Reset()
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i] == s[i-1] {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isVowelByte(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// weightedDistance is the edit distance between a and b where inserting,
// deleting or substituting a vowel (for a vowel) costs 0.5 and anything
// else 1; it stops early once every path costs more than limit.
func weightedDistance(a, b string, limit float64) float64 {
	prev := make([]float64, len(b)+1)
	cur := make([]float64, len(b)+1)
	cost := func(c byte) float64 {
		if isVowelByte(c) {
			return 0.5
		}
		return 1
	}
	for j := 1; j <= len(b); j++ {
		prev[j] = prev[j-1] + cost(b[j-1])
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = prev[0] + cost(a[i-1])
		best := cur[0]
		for j := 1; j <= len(b); j++ {
			sub := 1.0
			switch {
			case a[i-1] == b[j-1]:
				sub = 0
			case isVowelByte(a[i-1]) && isVowelByte(b[j-1]):
				sub = 0.5
			}
			cur[j] = min(prev[j-1]+sub, prev[j]+cost(a[i-1]), cur[j-1]+cost(b[j-1]))
			best = min(best, cur[j])
		}
		if best > limit {
			return best
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
