package facts

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// This file holds the token stream the number and date rules run on, and
// the parsing of numerals: digits in Latin and Bengali script with any
// grouping, number words in both languages, fractions and scale words.
//
// Matching happens on tokens, never on raw regular expressions: Go's \b is
// ASCII-only and a Bengali number word is often a prefix of an unrelated
// word (তিন in তিনি, বিশ in বিশ্লেষক). Each token keeps the byte and code-point
// offsets of the original text and a key (NFC, joiners removed, Latin
// lower-cased) that the tables are compared with, so normalisation never
// shifts an offset.

type ntokKind uint8

const (
	ntWord  ntokKind = iota + 1 // letters and marks
	ntNum                       // digits with inner grouping commas and dots
	ntPunct                     // any other single rune (symbols, dashes, ...)
)

// ntok is one token of the text.
type ntok struct {
	b, e   int // byte offsets into the text
	rs, re int // code-point offsets
	text   string
	key    string
	kind   ntokKind
	bn     bool // Bengali letters or Bengali digits
	upper  bool // Latin word starting with an upper-case letter
	space  bool // white space (or the start of the text) before the token
	nl     bool // a line break (or the start of the text) before the token
	// numbers only
	dots, commas int
	digits       int // count of digits
}

// attached reports whether token t follows the previous one without space.
func (t *ntok) attached() bool { return !t.space }

func isBnDigit(r rune) bool     { return r >= '০' && r <= '৯' }
func isDigitRune(r rune) bool   { return (r >= '0' && r <= '9') || isBnDigit(r) }
func isJoinerRune(r rune) bool  { return r == '\u200c' || r == '\u200d' }
func isBengaliRune(r rune) bool { return r >= 0x0980 && r <= 0x09FF }

func isLetterRune(r rune) bool {
	if r < 0x80 {
		return (r|0x20) >= 'a' && (r|0x20) <= 'z'
	}
	if r >= 0x0980 && r <= 0x09FF {
		// letters and marks of the Bengali block; not digits, currency
		// and fraction signs (U+09E6-U+09FB) or U+09FD/U+09FE
		return r < 0x09E6 || r == 0x09F0 || r == 0x09F1 || r == 0x09FC
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.M, r) || isJoinerRune(r)
}

// numTokenize splits text into tokens. Letters change token at a switch
// between Bengali and other scripts ("TikTokএর" is two tokens), digits and
// letters are always separate tokens ("6bn", "১০টি"), and an apostrophe
// between Latin letters stays inside a word ("Algeria's").
func numTokenize(text string) []ntok {
	toks := make([]ntok, 0, len(text)/4)
	ri := 0
	space, nl := true, true
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\n' || r == '\t' || r == '\r' || (r >= 0x80 && (unicode.IsSpace(r) || r == '\ufeff')):
			space = true
			if r == '\n' || r == '\r' || r == '\u2029' {
				nl = true
			}
			i += n
			ri++
			continue
		case isDigitRune(r):
			t := ntok{b: i, rs: ri, kind: ntNum, bn: isBnDigit(r), space: space, nl: nl}
			j, rj := i, ri
			for j < len(text) {
				c, m := utf8.DecodeRuneInString(text[j:])
				if isDigitRune(c) {
					t.digits++
					j += m
					rj++
					continue
				}
				if (c == ',' || c == '.') && j+1 < len(text) {
					nx, _ := utf8.DecodeRuneInString(text[j+1:])
					if isDigitRune(nx) {
						if c == ',' {
							// a grouping comma is followed by 2 or 3 digits and then a non-digit
							k, cnt := j+1, 0
							for k < len(text) {
								d, dm := utf8.DecodeRuneInString(text[k:])
								if !isDigitRune(d) {
									break
								}
								cnt++
								k += dm
							}
							if cnt != 2 && cnt != 3 {
								break
							}
							t.commas++
						} else {
							t.dots++
						}
						j++
						rj++
						continue
					}
				}
				break
			}
			t.e, t.re = j, rj
			t.text = text[i:j]
			t.key = t.text
			toks = append(toks, t)
			i, ri = j, rj
		case isLetterRune(r):
			bn := isBengaliRune(r)
			t := ntok{b: i, rs: ri, kind: ntWord, bn: bn, space: space, nl: nl, upper: unicode.IsUpper(r)}
			j, rj := i, ri
			for j < len(text) {
				c, m := utf8.DecodeRuneInString(text[j:])
				if isLetterRune(c) && (isJoinerRune(c) || isBengaliRune(c) == bn || (!bn && unicode.Is(unicode.M, c) && !isBengaliRune(c))) {
					j += m
					rj++
					continue
				}
				if !bn && (c == '\'' || c == '’') && j > i && j+m < len(text) {
					nx, _ := utf8.DecodeRuneInString(text[j+m:])
					if unicode.IsLetter(nx) && !isBengaliRune(nx) {
						j += m
						rj++
						continue
					}
				}
				break
			}
			t.e, t.re = j, rj
			t.text = text[i:j]
			t.key = numKey(t.text, bn)
			toks = append(toks, t)
			i, ri = j, rj
		default:
			toks = append(toks, ntok{b: i, e: i + n, rs: ri, re: ri + 1, text: text[i : i+n], key: text[i : i+n], kind: ntPunct, space: space, nl: nl})
			i += n
			ri++
		}
		space, nl = false, false
	}
	return toks
}

// numKey is the comparison form of a word: Bengali in NFC without
// joiners, Latin lower-cased with a curly apostrophe made straight.
func numKey(s string, bn bool) string {
	if !bn {
		if strings.ContainsRune(s, '’') {
			s = strings.ReplaceAll(s, "’", "'")
		}
		return strings.ToLower(s)
	}
	if strings.ContainsAny(s, "\u200c\u200d") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\u200c", ""), "\u200d", "")
	}
	if needsNFC(s) {
		return norm.NFC.String(s)
	}
	return s
}

// needsNFC reports whether a Bengali word may change under NFC: the
// precomposed nukta letters (composition exclusions), the two-part vowel
// signs written in parts, or a nukta after a virama. Other Bengali text is
// already NFC, and this check avoids the normaliser on almost every word.
func needsNFC(s string) bool {
	var prev rune
	for _, r := range s {
		switch {
		case r == '\u09dc' || r == '\u09dd' || r == '\u09df':
			return true
		case prev == '\u09c7' && (r == '\u09be' || r == '\u09d7'):
			return true
		case prev == '\u09cd' && r == '\u09bc':
			return true
		case r < 0x0980 || r > 0x09ff:
			if r != '\u200c' && r != '\u200d' {
				return true
			}
		}
		prev = r
	}
	return false
}

// digitValue parses a number token ("1,25,000", "৩.৫", "840") and reports
// false for tokens with more than one dot (versions, dotted dates).
func digitValue(t *ntok) (float64, bool) {
	if t.kind != ntNum || t.dots > 1 {
		return 0, false
	}
	var buf [40]byte
	n := 0
	for _, r := range t.text {
		if r == ',' {
			continue
		}
		if n == len(buf) {
			return 0, false
		}
		switch {
		case isBnDigit(r):
			buf[n] = byte('0' + (r - '০'))
		case r == '.' || (r >= '0' && r <= '9'):
			buf[n] = byte(r)
		default:
			return 0, false
		}
		n++
	}
	v, err := strconv.ParseFloat(string(buf[:n]), 64)
	return v, err == nil
}

// Scales, by key. Attached-only abbreviations are in enScaleAbbr.
var scaleWords = map[string]float64{
	"hundred": 100, "hundreds": 0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
	"mn": 1e6, "mln": 1e6, "bn": 1e9, "bln": 1e9, "trn": 1e12, "trln": 1e12,
	"শত": 100, "শতাধিক": 100, "শো": 100, "শ": 100, "হাজার": 1e3, "লাখ": 1e5, "লক্ষ": 1e5, "কোটি": 1e7,
	"মিলিয়ন": 1e6, "বিলিয়ন": 1e9, "ট্রিলিয়ন": 1e12,
}

// enScaleAbbr are scale abbreviations accepted only when written right
// after the digits ("$840m", "$50k", "£5m"); "m" alone could be metres.
var enScaleAbbr = map[string]float64{"m": 1e6, "b": 1e9, "k": 1e3, "tn": 1e12, "mm": 1e6}

// bnNumberWords are the Bengali cardinals 0-99 with common spelling
// variants (CLDR rbnf plus the forms in §3.2 of docs/bengali.md).
var bnNumberWords = map[string]float64{
	"শূন্য": 0, "এক": 1, "দুই": 2, "দু": 2, "তিন": 3, "চার": 4, "পাঁচ": 5, "ছয়": 6, "ছ": 6, "সাত": 7, "আট": 8, "নয়": 9,
	"দশ": 10, "এগারো": 11, "এগার": 11, "বারো": 12, "বার": 12, "তেরো": 13, "তের": 13, "চৌদ্দ": 14, "চোদ্দ": 14,
	"পনেরো": 15, "পনের": 15, "ষোলো": 16, "ষোল": 16, "সতেরো": 17, "সতের": 17, "আঠারো": 18, "আঠার": 18, "উনিশ": 19,
	"কুড়ি": 20, "বিশ": 20, "একুশ": 21, "বাইশ": 22, "তেইশ": 23, "চব্বিশ": 24, "পঁচিশ": 25, "ছাব্বিশ": 26,
	"সাতাশ": 27, "আঠাশ": 28, "উনত্রিশ": 29, "ঊনত্রিশ": 29,
	"ত্রিশ": 30, "তিরিশ": 30, "একত্রিশ": 31, "বত্রিশ": 32, "তেত্রিশ": 33, "চৌত্রিশ": 34, "পঁয়ত্রিশ": 35,
	"ছত্রিশ": 36, "সাঁইত্রিশ": 37, "সাইত্রিশ": 37, "আটত্রিশ": 38, "উনচল্লিশ": 39, "ঊনচল্লিশ": 39,
	"চল্লিশ": 40, "একচল্লিশ": 41, "বিয়াল্লিশ": 42, "বেয়াল্লিশ": 42, "তেতাল্লিশ": 43,
	"চুয়াল্লিশ": 44, "পঁয়তাল্লিশ": 45, "ছেচল্লিশ": 46, "সাতচল্লিশ": 47,
	"আটচল্লিশ": 48, "উনপঞ্চাশ": 49, "ঊনপঞ্চাশ": 49,
	"পঞ্চাশ": 50, "একান্ন": 51, "বায়ান্ন": 52, "বাহান্ন": 52, "তিপান্ন": 53, "তিপ্পান্ন": 53, "তেপ্পান্ন": 53,
	"চুয়ান্ন": 54, "পঞ্চান্ন": 55, "ছাপান্ন": 56, "ছাপ্পান্ন": 56, "সাতান্ন": 57, "আটান্ন": 58, "উনষাট": 59, "ঊনষাট": 59,
	"ষাট": 60, "একষট্টি": 61, "বাষট্টি": 62, "তেষট্টি": 63, "চৌষট্টি": 64, "পঁয়ষট্টি": 65, "ছেষট্টি": 66,
	"সাতষট্টি": 67, "আটষট্টি": 68, "উনসত্তর": 69, "ঊনসত্তর": 69,
	"সত্তর": 70, "একাত্তর": 71, "বাহাত্তর": 72, "বাহাত্তুর": 72, "তিয়াত্তর": 73, "তেয়াত্তর": 73,
	"চুয়াত্তর": 74, "পঁচাত্তর": 75, "ছিয়াত্তর": 76, "সাতাত্তর": 77, "আটাত্তর": 78,
	"উনআশি": 79, "ঊনআশি": 79, "উনাশি": 79,
	"আশি": 80, "একাশি": 81, "বিরাশি": 82, "তিরাশি": 83, "চুরাশি": 84, "পঁচাশি": 85, "ছিয়াশি": 86,
	"সাতাশি": 87, "অষ্টআশি": 88, "আটাশি": 88, "উননব্বই": 89, "ঊননব্বই": 89,
	"নব্বই": 90, "একানব্বই": 91, "বিরানব্বই": 92, "তিরানব্বই": 93, "চুরানব্বই": 94, "পঁচানব্বই": 95,
	"ছিয়ানব্বই": 96, "সাতানব্বই": 97, "আটানব্বই": 98, "নিরানব্বই": 99,
	// fractions that stand for a number on their own
	"দেড়": 1.5, "আড়াই": 2.5,
}

// bnAmbiguousWords are number words that are also ordinary words: এক is
// the article "a", নয় the negation "is not", বার "times", শূন্য "empty".
// They count only with a scale, currency or measure word after them.
var bnAmbiguousWords = map[string]bool{"এক": true, "নয়": true, "বার": true, "শূন্য": true, "তের": true, "ছ": true, "দু": true}

// bnFractionPrefix words modify the next number: সাড়ে N = N + 0.5.
var bnFractionPrefix = map[string]float64{"সাড়ে": 0.5, "সোয়া": 0.25, "সওয়া": 0.25, "পৌনে": -0.25}

// bnClassifiers attach to numbers: টি/টা count things, জন people.
var bnClassifiers = []string{"টিতে", "টির", "টিকে", "টি", "টায়", "টায়", "টার", "টা", "জনের", "জনকে", "জন", "খানা"}

var enNumberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

// numSuffixes are case endings, clitics and postposition-like endings that
// attach to nouns, longest first.
var numSuffixes = []string{
	"গুলোর", "গুলির", "গুলোতে", "গুলিতে", "গুলো", "গুলি", "জুড়ে", "দের", "য়ের", "েরও", "েরই", "এর", "ের", "কে", "তে", "য়ে", "রা", "য়", "র", "এ", "ে", "ই", "ও",
}

// The entries of numSuffixes grouped by their last rune, so that a lookup
// tries only the endings a word can have (TestSuffixGroups keeps them in
// step).
var (
	suffixesR     = []string{"গুলোর", "গুলির", "দের", "য়ের", "এর", "ের", "র"}
	suffixesE     = []string{"গুলোতে", "গুলিতে", "জুড়ে", "কে", "তে", "য়ে", "ে"}
	suffixesO     = []string{"গুলো"}
	suffixesI     = []string{"গুলি"}
	suffixesAlso  = []string{"েরও", "ও"}
	suffixesEmph  = []string{"েরই", "ই"}
	suffixesPl    = []string{"রা"}
	suffixesNukta = []string{"য়"}
	suffixesLocE  = []string{"এ"}
)

func suffixesEndingIn(r rune) []string {
	switch r {
	case 'র':
		return suffixesR
	case '\u09c7': // ে
		return suffixesE
	case '\u09cb': // ো
		return suffixesO
	case '\u09bf': // ি
		return suffixesI
	case 'ও':
		return suffixesAlso
	case 'ই':
		return suffixesEmph
	case '\u09be': // া
		return suffixesPl
	case '\u09bc': // nukta: য়
		return suffixesNukta
	case 'এ':
		return suffixesLocE
	}
	return nil
}

// stemLookup finds key in table directly or after stripping one case
// suffix; it returns the value, the stem length in code points and ok.
func stemLookup[V any](key string, table map[string]V) (V, int, bool) {
	return stemLookupClitic(key, table, false)
}

// stemLookupClitic is stemLookup that may also strip a clitic -ও "also" or
// -ই "just" after the case ending ("অক্টোবরেও", "জানুয়ারিতেই"): right for
// dates, not for numbers ("হাজারও" is "thousands of").
func stemLookupClitic[V any](key string, table map[string]V, clitic bool) (V, int, bool) {
	if v, ok := table[key]; ok {
		return v, utf8.RuneCountInString(key), true
	}
	last, _ := utf8.DecodeLastRuneInString(key)
	for _, suf := range suffixesEndingIn(last) {
		if len(key) > len(suf) && strings.HasSuffix(key, suf) {
			stem := key[:len(key)-len(suf)]
			if v, ok := table[stem]; ok {
				return v, utf8.RuneCountInString(stem), true
			}
		}
	}
	if clitic {
		for _, c := range []string{"ও", "ই"} {
			if base, ok := strings.CutSuffix(key, c); ok && utf8.RuneCountInString(base) >= 3 {
				if v, n, ok := stemLookupClitic(base, table, false); ok {
					return v, n, true
				}
			}
		}
	}
	var zero V
	return zero, 0, false
}

// numExpr is a number found at a token position: digits or words, with
// any fraction prefix and scale words. Tokens [i,j) are the number itself.
type numExpr struct {
	i, j     int
	value    float64
	words    bool    // written with number words only
	ambig    bool    // a word that is also an ordinary word (এক, নয়)
	scale    bool    // a scale word was applied
	unitMul  float64 // scale of the last scale word (for distributing in ranges)
	classif  string  // classifier attached to a Bengali number word or digits
	classTok bool    // the classifier is a separate token (১০টি, ৫ জন are both set)
	hundreds bool    // a Bengali word with শ/শো attached (দুইশ)
}

// scaleAt returns the scale of token k, if it is a scale word. The
// abbreviations "m", "b", "k" count only right after the digits of a money
// amount ("$840m"): "5m" alone is five metres.
func scaleAt(toks []ntok, k int, money bool) (float64, bool) {
	if k >= len(toks) || toks[k].kind != ntWord {
		return 0, false
	}
	t := &toks[k]
	if v, ok := scaleWords[t.key]; ok && v > 0 {
		return v, true
	}
	if money && t.attached() && k > 0 && toks[k-1].kind == ntNum {
		if v, ok := enScaleAbbr[t.key]; ok {
			return v, true
		}
	}
	if t.bn {
		// "শে" of "২১শে" is a day-of-month ending, not শ + ে
		if v, n, ok := stemLookup(t.key, scaleWords); ok && v > 0 && n >= 3 {
			return v, true
		}
	}
	return 0, false
}

// isAbbrScale reports whether token k is an attached-only abbreviation.
func isAbbrScale(toks []ntok, k int) bool {
	if k >= len(toks) {
		return false
	}
	_, ok := enScaleAbbr[toks[k].key]
	_, full := scaleWords[toks[k].key]
	return ok && !full
}

// bnWordNumber parses a Bengali number word token, with an attached
// classifier (দুটি, পাঁচজন) or hundreds (দুইশ, দেড়শো). ok is false for words
// that are no numbers (তিনি, বিশ্লেষক, একই).
func bnWordNumber(key string) (v float64, classif string, hundreds bool, ok bool) {
	if v, ok := bnNumberWords[key]; ok {
		return v, "", false, true
	}
	for _, c := range bnClassifiers {
		if strings.HasSuffix(key, c) && len(key) > len(c) {
			if v, ok := bnNumberWords[key[:len(key)-len(c)]]; ok {
				return v, c, false, true
			}
		}
	}
	for _, h := range []string{"শত", "শো", "শ"} {
		if strings.HasSuffix(key, h) && len(key) > len(h) {
			stem := key[:len(key)-len(h)]
			if v, ok := bnNumberWords[stem]; ok {
				return v * 100, "", true, true
			}
		}
	}
	return 0, "", false, false
}

// parseNumber parses the number starting at token i. Scale words combine
// as in docs/bengali.md §3.3: descending terms add up (১ কোটি ৪৯ লাখ), a
// larger scale after a sum multiplies the whole sum (৭ লাখ ৯০ হাজার কোটি,
// ১৬ হাজার কোটি).
func parseNumber(toks []ntok, i int, money bool) (numExpr, bool) {
	if i >= len(toks) {
		return numExpr{}, false
	}
	ne := numExpr{i: i}
	k := i
	frac := 0.0
	if t := &toks[k]; t.kind == ntWord && t.bn {
		if f, ok := bnFractionPrefix[t.key]; ok && k+1 < len(toks) {
			frac = f
			k++
		}
	}
	next, ok := numberAtom(toks, k, &ne)
	if !ok {
		return numExpr{}, false
	}
	k = next
	cur := ne.value + frac
	if frac != 0 && ne.hundreds {
		cur = ne.value + frac*100
	}
	total, maxScale := 0.0, 0.0
	// a real chain has a few terms ("১ কোটি ৪৯ লাখ ১০ হাজার ৮২"); the cap
	// keeps scanning linear on junk like "১ কোটি ১ কোটি ১ কোটি ..."
	for steps := 0; steps < 8; steps++ {
		s, ok := scaleAt(toks, k, money)
		if !ok {
			break
		}
		if maxScale > 0 && s > maxScale {
			total = (total + cur) * s
		} else {
			total += cur * s
		}
		maxScale = max(maxScale, s)
		ne.unitMul = s
		ne.scale = true
		ne.classif = ""
		cur = 0
		k++
		var sub numExpr
		nk, ok := numberAtom(toks, k, &sub)
		if !ok {
			continue // another scale word may follow: "লাখ কোটি", "lakh crore"
		}
		if sub.ambig {
			break
		}
		if sub.classif != "" {
			// "১ লাখ ৯৭ হাজার ৬৩২ জন": the tail carries the classifier
			if sub.value < s && !sub.words && !ne.words && toks[k-1].bn {
				cur = sub.value
				k = nk
				ne.classif, ne.classTok = sub.classif, sub.classTok
			}
			break
		}
		if _, ok := scaleAt(toks, nk, money); ok {
			// descending chains: "১ কোটি ৪৯ লাখ", "two hundred fifty thousand"
			cur = sub.value
			ne.words = ne.words && sub.words
			k = nk
			continue
		}
		// a tail without scale: "two hundred fifty", "এক হাজার পাঁচশ", "১০ হাজার ৫০০"
		bnScale := toks[k-1].bn
		if sub.value < s && ((sub.words && ne.words) || (bnScale && !sub.words && !ne.words)) && !isYearLike(&toks[k]) {
			cur = sub.value
			k = nk
		}
		break
	}
	ne.value = total + cur
	ne.j = k
	if ne.scale {
		ne.ambig = false
	}
	return ne, true
}

// isYearLike reports a four-digit token in the range of years.
func isYearLike(t *ntok) bool {
	if t.kind != ntNum || t.digits != 4 || t.commas > 0 || t.dots > 0 {
		return false
	}
	v, _ := digitValue(t)
	return v >= 1000 && v <= 2199
}

// numberAtom parses one numeral (digits, possibly with দশমিক decimals, or
// one number word) at k into ne.value and returns the next token index.
func numberAtom(toks []ntok, k int, ne *numExpr) (int, bool) {
	if k >= len(toks) {
		return k, false
	}
	t := &toks[k]
	switch t.kind {
	case ntNum:
		v, ok := digitValue(t)
		if !ok {
			return k, false
		}
		k++
		// দশমিক: "২৩ দশমিক ৫৭", "৮৩ দশমিক শূন্য ৪" (83.04: zeros are read out)
		if k+1 < len(toks) && toks[k].key == "দশমিক" {
			zeros, d := 0, k+1
			for d < len(toks) && d-k <= 3 && (toks[d].key == "শূন্য" || toks[d].key == "শুন্য") {
				zeros++
				d++
			}
			if d < len(toks) && toks[d].kind == ntNum && toks[d].dots == 0 && toks[d].commas == 0 {
				fv, _ := digitValue(&toks[d])
				div := 1.0
				for range toks[d].digits + zeros {
					div *= 10
				}
				v += fv / div
				k = d + 1
			}
		}
		ne.value = v
		// classifier: "১০টি", "৫ জন"
		if k < len(toks) && toks[k].kind == ntWord && toks[k].bn {
			for _, c := range bnClassifiers {
				if toks[k].key == c || (strings.HasPrefix(toks[k].key, c) && toks[k].attached() && isSuffixTail(toks[k].key[len(c):])) {
					ne.classif = c
					ne.classTok = true
					break
				}
			}
		}
		return k, true
	case ntWord:
		if t.bn {
			v, c, h, ok := bnWordNumber(t.key)
			if !ok {
				return k, false
			}
			ne.value, ne.classif, ne.hundreds, ne.words = v, c, h, true
			// with a classifier only এক stays ambiguous: একটি = "a", একজন = "someone"
			ne.ambig = (c == "" && bnAmbiguousWords[t.key]) || (c != "" && strings.TrimSuffix(t.key, c) == "এক")
			return k + 1, true
		}
		key := t.key
		if key == "a" || key == "an" {
			// "a dozen", "a hundred", "a million"
			if k+1 < len(toks) {
				nk := toks[k+1].key
				if nk == "dozen" {
					ne.value, ne.words = 12, true
					return k + 2, true
				}
				if s, ok := scaleWords[nk]; ok && s > 0 && !isAbbrWord(nk) {
					ne.value, ne.words = 1, true
					return k + 1, true
				}
			}
			return k, false
		}
		v, ok := enNumberWords[key]
		if !ok {
			return k, false
		}
		k++
		// "twenty-five"
		if v >= 20 && v < 100 && k+1 < len(toks) && toks[k].key == "-" && toks[k].attached() && toks[k+1].attached() {
			if u, ok := enNumberWords[toks[k+1].key]; ok && u > 0 && u < 10 {
				v += u
				k += 2
			}
		}
		if key == "dozen" {
			return k, false
		}
		if k < len(toks) && toks[k].key == "dozen" {
			v *= 12
			k++
		}
		ne.value, ne.words = v, true
		ne.ambig = key == "one"
		return k, true
	}
	return k, false
}

func isAbbrWord(k string) bool {
	switch k {
	case "mn", "mln", "bn", "bln", "trn", "trln":
		return true
	}
	return false
}

// isSuffixTail reports whether s is empty or a case ending (the "ের" of
// "টির"), so that "১০টির" is digits + classifier + case.
func isSuffixTail(s string) bool {
	if s == "" {
		return true
	}
	for _, suf := range numSuffixes {
		if s == suf {
			return true
		}
	}
	return false
}
