package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// script is a writing system the census tells apart. The order is the order
// of scriptTables; scriptNone is a letter of any other script.
type script uint8

const (
	scriptNone script = iota
	scriptLatin
	scriptBengali
	scriptDevanagari
	scriptArabic
	scriptCyrillic
	scriptGreek
	scriptArmenian
	scriptGeorgian
	scriptGujarati
	scriptGurmukhi
	scriptHan
	scriptHiragana
	scriptKatakana
	scriptHangul
	scriptHebrew
	scriptTamil
	scriptTelugu
	scriptThai
	// Scripts lingua has no language for; named so "und" can say why.
	scriptKannada
	scriptMalayalam
	scriptOriya
	scriptSinhala
	scriptMyanmar
	scriptKhmer
	scriptLao
	scriptTibetan
	scriptEthiopic
	scriptThaana
	numScripts
)

var scriptNames = [numScripts]string{
	"Other", "Latin", "Bengali", "Devanagari", "Arabic", "Cyrillic", "Greek", "Armenian",
	"Georgian", "Gujarati", "Gurmukhi", "Han", "Hiragana", "Katakana", "Hangul", "Hebrew",
	"Tamil", "Telugu", "Thai", "Kannada", "Malayalam", "Oriya", "Sinhala", "Myanmar", "Khmer",
	"Lao", "Tibetan", "Ethiopic", "Thaana",
}

func (s script) String() string { return scriptNames[s] }

// group folds the Japanese kana into Han so that a Japanese text (kanji
// and kana) has one dominant writing system.
func (s script) group() script {
	if s == scriptHiragana || s == scriptKatakana {
		return scriptHan
	}
	return s
}

// cased reports scripts whose names start with a capital letter, so that a
// run of capitalised words can be told apart from running text.
func (s script) cased() bool {
	switch s {
	case scriptLatin, scriptCyrillic, scriptGreek, scriptArmenian:
		return true
	}
	return false
}

// scriptTables is consulted for non-ASCII letters outside the Bengali block
// (the two common cases are answered without a table).
var scriptTables = [...]struct {
	s script
	t *unicode.RangeTable
}{
	{scriptLatin, unicode.Latin},
	{scriptDevanagari, unicode.Devanagari},
	{scriptArabic, unicode.Arabic},
	{scriptCyrillic, unicode.Cyrillic},
	{scriptHan, unicode.Han},
	{scriptHiragana, unicode.Hiragana},
	{scriptKatakana, unicode.Katakana},
	{scriptHangul, unicode.Hangul},
	{scriptGreek, unicode.Greek},
	{scriptArmenian, unicode.Armenian},
	{scriptGeorgian, unicode.Georgian},
	{scriptGujarati, unicode.Gujarati},
	{scriptGurmukhi, unicode.Gurmukhi},
	{scriptHebrew, unicode.Hebrew},
	{scriptTamil, unicode.Tamil},
	{scriptTelugu, unicode.Telugu},
	{scriptThai, unicode.Thai},
	{scriptKannada, unicode.Kannada},
	{scriptMalayalam, unicode.Malayalam},
	{scriptOriya, unicode.Oriya},
	{scriptSinhala, unicode.Sinhala},
	{scriptMyanmar, unicode.Myanmar},
	{scriptKhmer, unicode.Khmer},
	{scriptLao, unicode.Lao},
	{scriptTibetan, unicode.Tibetan},
	{scriptEthiopic, unicode.Ethiopic},
	{scriptThaana, unicode.Thaana},
}

// classify returns whether r belongs to a word and, for letters and marks
// with a script of their own, that script. Inherited marks (combining
// accents) and joiners return ok with scriptNone: they continue the word.
func classify(r rune) (s script, ok bool) {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
			return scriptLatin, true
		}
		return scriptNone, false
	}
	if r >= 0x0980 && r <= 0x09FF {
		// The Bengali block also holds digits (U+09E6-09EF), currency and
		// fraction signs (U+09F2-09FB) and an abbreviation sign (U+09FD);
		// everything else is a letter or a mark.
		if r >= 0x09E6 && r <= 0x09EF || r >= 0x09F2 && r <= 0x09FB || r == 0x09FD {
			return scriptNone, false
		}
		return scriptBengali, true
	}
	if r == '\u200c' || r == '\u200d' {
		return scriptNone, true
	}
	if !unicode.IsLetter(r) && !unicode.IsMark(r) {
		return scriptNone, false
	}
	for _, st := range scriptTables {
		if unicode.Is(st.t, r) {
			return st.s, true
		}
	}
	return scriptNone, true
}

// isAssameseLetter reports ৰ and ৱ, the letters only Assamese uses.
func isAssameseLetter(r rune) bool { return r == 'ৰ' || r == 'ৱ' }

// word is one run of word characters of a single script.
type word struct {
	start, end int32 // byte offsets
	rs, re     int32 // code-point offsets
	letters    int32
	s          script
	lower      bool // starts with a lower-case letter (cased scripts)
	english    bool // an English function word
	assamese   bool // contains ৰ or ৱ
}

// chunk is a sentence-like stretch between terminators or line breaks.
type chunk struct {
	first, last int // indexes into census.words, last exclusive
}

// census is one pass over the text: its words with their scripts, letter
// counts per script and sentence-like chunks.
type census struct {
	text    string
	runes   int
	words   []word
	chunks  []chunk
	letters [numScripts]int
	total   int
}

// isTerminator ends a chunk: sentence punctuation (Latin, danda, CJK) and
// line breaks.
func isTerminator(r rune) bool {
	switch r {
	case '.', '!', '?', '\n', '।', '॥', '。', '！', '？', '؟', '۔':
		return true
	}
	return false
}

// takeCensus scans text once. Words split where the script changes, so
// "GoTo-এর" and "GoToর" both give a Latin and a Bengali word.
func takeCensus(text string) *census {
	c := &census{text: text, words: make([]word, 0, len(text)/8+1)}
	ri := 0
	cur := -1 // index of the open word in c.words
	chunkStart := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		s, ok := classify(r)
		if ok {
			if cur >= 0 && s != scriptNone && s != c.words[cur].s && c.words[cur].s != scriptNone {
				c.closeWord(cur, i, ri)
				cur = -1
			}
			if cur < 0 {
				c.words = append(c.words, word{s: s, start: int32(i), rs: int32(ri)})
				cur = len(c.words) - 1
				c.words[cur].lower = s.cased() && unicode.IsLower(r)
			}
			w := &c.words[cur]
			if w.s == scriptNone && s != scriptNone {
				w.s = s
				w.lower = s.cased() && unicode.IsLower(r)
			}
			if r != '\u200c' && r != '\u200d' {
				w.letters++
			}
			if isAssameseLetter(r) {
				w.assamese = true
			}
		} else {
			// An apostrophe between two Latin letters stays inside ("don't").
			if cur >= 0 && (r == '\'' || r == '’') && c.words[cur].s == scriptLatin && i+n < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+n:]); next < utf8.RuneSelf && unicode.IsLetter(next) {
					i += n
					ri++
					continue
				}
			}
			if cur >= 0 {
				c.closeWord(cur, i, ri)
				cur = -1
			}
			if isTerminator(r) && len(c.words) > chunkStart {
				c.chunks = append(c.chunks, chunk{first: chunkStart, last: len(c.words)})
				chunkStart = len(c.words)
			}
		}
		i += n
		ri++
	}
	if cur >= 0 {
		c.closeWord(cur, len(text), ri)
	}
	if len(c.words) > chunkStart {
		c.chunks = append(c.chunks, chunk{first: chunkStart, last: len(c.words)})
	}
	c.runes = ri
	return c
}

func (c *census) closeWord(k, end, rend int) {
	w := &c.words[k]
	w.end, w.re = int32(end), int32(rend)
	c.letters[w.s] += int(w.letters)
	c.total += int(w.letters)
	if w.s == scriptLatin && w.letters <= maxFunctionWord {
		w.english = isEnglishFunctionWord(c.text[w.start:w.end])
	}
}

// dominant returns the script group with most letters (scriptNone when the
// text has no letters of a known script).
func (c *census) dominant() script {
	var groups [numScripts]int
	for s := scriptLatin; s < numScripts; s++ {
		groups[s.group()] += c.letters[s]
	}
	best := scriptNone
	for s := scriptLatin; s < numScripts; s++ {
		if groups[s] > groups[best] {
			best = s
		}
	}
	return best
}

// groupLetters counts the letters of a script group.
func (c *census) groupLetters(g script) int {
	n := 0
	for s := scriptLatin; s < numScripts; s++ {
		if s.group() == g {
			n += c.letters[s]
		}
	}
	return n
}

// scriptName names the most frequent script of group g (a Japanese text may
// be mostly Hiragana).
func (c *census) scriptName(g script) string {
	best := g
	for s := scriptLatin; s < numScripts; s++ {
		if s.group() == g && c.letters[s] > c.letters[best] {
			best = s
		}
	}
	return best.String()
}

// indexes returns the indexes of the words keep accepts.
func (c *census) indexes(keep func(*word) bool) []int {
	var out []int
	for i := range c.words {
		if keep(&c.words[i]) {
			out = append(out, i)
		}
	}
	return out
}

// minSampleLetters is the fewest letters of lower-case words for which
// sample leaves the capitalised words out.
const minSampleLetters = 30

// withoutNames drops the capitalised words (names, brands, sentence
// starts) of a cased script when enough lower-case words remain: names say
// little about the language around them ("TikTok", "Tokopedia") and on a
// short text they mislead the n-gram model.
func (c *census) withoutNames(idx []int) []int {
	if len(idx) == 0 || !c.words[idx[0]].s.cased() {
		return idx
	}
	var lower []int
	letters := 0
	for _, i := range idx {
		if w := c.words[i]; w.lower || w.english {
			lower = append(lower, i)
			letters += int(w.letters)
		}
	}
	if letters < minSampleLetters {
		return idx
	}
	return lower
}

// lettersOf counts the letters of the words idx.
func (c *census) lettersOf(idx []int) int {
	n := 0
	for _, i := range idx {
		n += int(c.words[i].letters)
	}
	return n
}

// contentLetters counts the letters of the words idx that are not names
// (capitalised words of a cased script).
func (c *census) contentLetters(idx []int) int {
	n := 0
	for _, i := range idx {
		if w := c.words[i]; w.lower || w.english || !w.s.cased() {
			n += int(w.letters)
		}
	}
	return n
}

// englishCount counts the English function words among the words idx.
func (c *census) englishCount(idx []int) int {
	n := 0
	for _, i := range idx {
		if c.words[i].english {
			n++
		}
	}
	return n
}

// englishShare is the fraction of English function words among the words
// idx, names left out (capitalised words that are not function words), and
// the number of words it was counted on.
func (c *census) englishShare(idx []int) (share float64, words int) {
	n := 0
	for _, i := range idx {
		w := c.words[i]
		if w.english {
			n++
		}
		if w.english || w.lower || !w.s.cased() {
			words++
		}
	}
	if words == 0 {
		return 0, 0
	}
	return float64(n) / float64(words), words
}

// sampleWindows is the number of stretches a long text is sampled from.
const sampleWindows = 4

// sample joins the words idx with spaces, bounded to about limit letters:
// when they hold more, it takes words from sampleWindows windows spread
// evenly from the start to the end, each about limit/sampleWindows letters.
func (c *census) sample(idx []int, limit int) string {
	idx = c.withoutNames(idx)
	letters := 0
	for _, i := range idx {
		letters += int(c.words[i].letters)
	}
	var b strings.Builder
	add := func(i int) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		w := c.words[i]
		b.WriteString(c.text[w.start:w.end])
	}
	if letters <= limit {
		b.Grow(letters * 2)
		for _, i := range idx {
			add(i)
		}
		return b.String()
	}
	b.Grow(limit * 3)
	per := limit / sampleWindows
	for k := 0; k < sampleWindows; k++ {
		n := 0
		for j := k * len(idx) / sampleWindows; j < len(idx) && n < per; j++ {
			add(idx[j])
			n += int(c.words[idx[j]].letters)
		}
	}
	return b.String()
}
