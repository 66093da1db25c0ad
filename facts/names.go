package facts

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Bengali case and classifier suffixes that attach to names (bengali.md §2),
// longest first within each group. Clitics (-ও "also", -ই "itself") stack
// after a case suffix and are stripped before it.
var (
	bnCaseSuffixes = []string{
		"গুলোর", "গুলির", "সহ", "টিকে", "টির", "টার", "দের", "য়ের", "য়ে", "েরা", "ের", "কে", "তে", "টি", "টা", "রা", "য়", "র", "ে",
	}
	bnClitics = []string{"ও", "ই"}
	// separate-word suffixes after a Latin or quoted name: "GoTo-এর", "সি এর".
	bnDetachedSuffixes = map[string]bool{"এর": true, "এ": true, "কে": true, "র": true, "ের": true, "য়": true, "এরা": true, "এরও": true, "ও": true, "দের": true}
)

// nfc returns s in NFC, without allocating when it already is. A quick
// scan passes text whose only non-ASCII letters are Bengali ones that NFC
// leaves alone; anything else goes through the normaliser.
func nfc(s string) string {
	prevE := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			prevE = false
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == 0x09DC || r == 0x09DD || r == 0x09DF: // precomposed nukta letters
			return norm.NFC.String(s)
		case prevE && (r == 0x09BE || r == 0x09D7): // split vowels ে+া, ে+ৗ
			return norm.NFC.String(s)
		case r >= 0x0980 && r <= 0x09FF, r >= 0x2000 && r <= 0x206F, r == 0x00A0:
		default:
			if norm.NFC.IsNormalString(s) {
				return s
			}
			return norm.NFC.String(s)
		}
		prevE = r == 0x09C7
	}
	return s
}

// isBnVowelEnd reports whether a Bengali stem ends in a vowel (a vowel sign
// or an independent vowel), after which the genitive is -র and the
// locative -য়.
func isBnVowelEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch {
	case r >= 0x09BE && r <= 0x09CC: // vowel signs
		return true
	case r >= 0x0985 && r <= 0x0994: // independent vowels
		return true
	}
	return false
}

// isBnConsonantEnd reports whether a Bengali stem ends in a consonant
// (possibly with a nukta).
func isBnConsonantEnd(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == bnNukta {
		return true
	}
	return (r >= 0x0995 && r <= 0x09B9) || r == 0x09CE || (r >= 0x09DC && r <= 0x09DF)
}

// bnStems returns the possible stems of a Bengali word, the word itself
// first, then shorter stems with case suffixes (and clitics) stripped. A
// stem keeps at least two letters.
func bnStems(w string) []string {
	out := make([]string, 0, 4)
	out = append(out, w)
	forEachStem(w, func(s string) bool {
		for _, o := range out {
			if o == s {
				return true
			}
		}
		out = append(out, s)
		return true
	})
	return out
}

// forEachStem calls f with each suffix-stripped stem of w (not w itself)
// until f returns false. Stems may repeat.
func forEachStem(w string, f func(string) bool) {
	try := func(base string) bool {
		for _, suf := range bnCaseSuffixes {
			if !strings.HasSuffix(base, suf) || len(base) == len(suf) {
				continue
			}
			stem := base[:len(base)-len(suf)]
			switch suf {
			case "র", "য়", "য়ে", "য়ের":
				if !isBnVowelEnd(stem) {
					continue
				}
				// names end in -ুর (মনসুর, মুজিবুর) far more often than
				// u-final names take the genitive
				if suf == "র" && (strings.HasSuffix(stem, "ু") || strings.HasSuffix(stem, "ূ")) {
					continue
				}
			case "ের", "ে", "েরা":
				if !isBnConsonantEnd(stem) {
					continue
				}
			}
			if utf8.RuneCountInString(stem) >= 2 && !f(stem) {
				return false
			}
		}
		return true
	}
	for _, c := range bnClitics {
		if strings.HasSuffix(w, c) && len(w) > len(c) {
			base := w[:len(w)-len(c)]
			// -ই after a case ending ("ঢাকাতেই", "হাসিনাকেই"); not after any
			// vowel, where it mostly belongs to the name ("দুবাই")
			afterCase := c == "ই" && (strings.HasSuffix(base, "তে") || strings.HasSuffix(base, "কে") || strings.HasSuffix(base, "য়ে") || strings.HasSuffix(base, "র"))
			if isBnConsonantEnd(base) || (c == "ও" && isBnVowelEnd(base)) || afterCase {
				if utf8.RuneCountInString(base) >= 2 && !f(base) {
					return
				}
				if !try(base) {
					return
				}
			}
		}
	}
	try(w)
}

// bnStem strips the longest case suffix (with its clitic) that the rules
// allow from a Bengali word; it returns the word unchanged otherwise.
func bnStem(w string) string {
	best := w
	for _, s := range bnStems(w)[1:] {
		if len(s) < len(best) {
			best = s
		}
	}
	return best
}

// NameKey returns a script-neutral key for a name, so that the same name
// written in Latin and Bengali script ("TikTok", "টিকটক") gets equal or
// near keys. Bengali case suffixes are stripped first. Words are keyed
// separately and joined by a space.
func NameKey(name string) string {
	var keys []string
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return r == ' ' || r == '-' || r == '\u00a0' || r == '.' || r == ',' || r == '\'' || r == '’'
	}) {
		var k string
		if hasBengali(w) {
			k = bengaliKey(bnStem(nfc(w)))
		} else {
			k = phoneticKey(w)
		}
		if k != "" {
			keys = append(keys, k)
		}
	}
	return strings.Join(keys, " ")
}

// SameName reports whether a and b are the same name, across scripts:
// their keys are equal, or near (one edit apart when both are at least four
// letters long). Bengali case suffixes are stripped; when one side ends in
// what could be a suffix or part of the name, both readings are tried.
func SameName(a, b string) bool {
	if a == b {
		return true
	}
	if anglicisedSurname(a, b) || anglicisedSurname(b, a) {
		return true
	}
	ka, kb := nameKeys(a), nameKeys(b)
	for _, x := range ka {
		for _, y := range kb {
			if keysNear(x, y) {
				return true
			}
		}
	}
	return false
}

// nameKeys returns the keys of name under each reading of its last word's
// suffix.
func nameKeys(name string) []string {
	name = strings.TrimSpace(name)
	if !hasBengali(name) {
		return latinKeys(name)
	}
	// the last word, also after an apostrophe ("ডি'অ্যাঞ্জেলো", as NameKey
	// splits "D'Angelo")
	head, last := "", name
	if i := strings.LastIndexAny(name, " -'’"); i >= 0 {
		_, n := utf8.DecodeRuneInString(name[i:])
		head, last = name[:i+n], name[i+n:]
	}
	var out []string
	for _, st := range bnStems(nfc(last)) {
		var k string
		if head != "" {
			k = NameKey(head) + " "
		}
		out = append(out, k+bengaliKey(st))
	}
	return out
}

// bnAnglicised pairs Bengali surnames with the English forms that do not
// follow their spelling (বন্দ্যোপাধ্যায় is Banerjee).
var bnAnglicised = map[string][]string{
	"বন্দ্যোপাধ্যায়": {"banerjee", "bandyopadhyay", "banerji"},
	"মুখোপাধ্যায়":    {"mukherjee", "mukhopadhyay", "mukherji"},
	"চট্টোপাধ্যায়":   {"chatterjee", "chattopadhyay", "chatterji"},
	"গঙ্গোপাধ্যায়":   {"ganguly", "gangopadhyay", "ganguli"},
	"ভট্টাচার্য":      {"bhattacharya", "bhattacharjee", "bhattacharyya"},
}

// anglicisedSurname reports a Latin name and a Bengali one that are the same
// but for an anglicised surname ("Mamata Banerjee", "মমতা বন্দ্যোপাধ্যায়").
func anglicisedSurname(latin, bengali string) bool {
	lw, bw := strings.Fields(latin), strings.Fields(bengali)
	if len(lw) == 0 || len(lw) != len(bw) || hasBengali(latin) || !hasBengali(bengali) {
		return false
	}
	last := strings.ToLower(lw[len(lw)-1])
	found := false
	for _, st := range bnStems(nfc(bw[len(bw)-1])) {
		if slices.Contains(bnAnglicised[st], last) {
			found = true
		}
	}
	if !found {
		return false
	}
	if len(lw) == 1 {
		return true
	}
	return SameName(strings.Join(lw[:len(lw)-1], " "), strings.Join(bw[:len(bw)-1], " "))
}

// latinKeys returns the key of a Latin name and, where English spelling
// hides the sound Bengali writes, the keys of its other readings: a soft g
// ("Angelo" অ্যাঞ্জেলো, "Nigeria" নাইজেরিয়া), th as d ("Southee" সাউদি)
// and a silent first letter ("Psaki" সাকি).
func latinKeys(name string) []string {
	out := []string{NameKey(name)}
	low := strings.ToLower(name)
	soft := strings.NewReplacer("ge", "je", "gi", "ji", "gy", "jy").Replace(low)
	// a silent first letter: "Psaki" সাকি, "Knight" নাইট, "Wright" রাইট
	words := strings.Fields(low)
	for i, w := range words {
		for _, p := range []string{"ps", "kn", "wr", "gn", "pt"} {
			if strings.HasPrefix(w, p) && len(w) > 3 {
				words[i] = w[1:]
			}
		}
	}
	silent := strings.Join(words, " ")
	for _, v := range []string{soft, strings.ReplaceAll(low, "th", "d"), silent} {
		if v != low {
			if k := NameKey(v); !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// keysNear reports whether two keys are equal, or one edit apart when both
// are long enough for that to be a spelling variant rather than another
// name.
func keysNear(a, b string) bool {
	if a == b {
		return a != ""
	}
	if len(a) < 4 || len(b) < 4 {
		return false
	}
	return editDistanceAtMost1(a, b)
}

func editDistanceAtMost1(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i:] == b[i+1:]
}
