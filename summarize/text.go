package summarize

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad/segment"
)

//go:embed stopwords/*.txt
var stopwordFiles embed.FS

// loadStopwords reads the embedded lists into one set per language code,
// with every word folded like the tokens it is compared with.
func loadStopwords() (map[string]map[string]bool, error) {
	out := map[string]map[string]bool{}
	for _, code := range []string{"en", "bn"} {
		f, err := stopwordFiles.Open("stopwords/" + code + ".txt")
		if err != nil {
			return nil, fmt.Errorf("open %s stopwords: %w", code, err)
		}
		set := map[string]bool{}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			w := strings.TrimSpace(sc.Text())
			if w == "" || strings.HasPrefix(w, "#") {
				continue
			}
			set[foldToken(strings.ToLower(w))] = true
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read %s stopwords: %w", code, err)
		}
		out[code] = set
	}
	return out, nil
}

// foldToken makes spelling variants of one word equal for ranking: the
// precomposed nukta letters (য় ড় ঢ়) are decomposed as NFC does, joiners
// are dropped and Bengali digits become ASCII digits.
func foldToken(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r == '\u09DF':
			b.WriteString("\u09AF\u09BC")
		case r == '\u09DC':
			b.WriteString("\u09A1\u09BC")
		case r == '\u09DD':
			b.WriteString("\u09A2\u09BC")
		case r == '\u200c' || r == '\u200d':
		case r >= '০' && r <= '৯':
			b.WriteByte(byte('0' + r - '০'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bengaliSuffixes are case, plural and classifier endings stripped from
// Bengali tokens before ranking (longest first), so that "ইন্দোনেশিয়ার"
// and "ইন্দোনেশিয়া" count as one term. Ranking only: the evaluation's
// ROUGE does no stemming.
var bengaliSuffixes = []string{
	"গুলোকে", "গুলিকে", "গুলোর", "গুলির", "গুলোতে", "গুলিতে", "গুলো", "গুলি",
	"দেরকে", "দের", "েরা", "টিকে", "টির", "টাকে", "টার", "টিতে",
	"য়ের", "েরও", "ের", "কে", "তে", "টি", "টা", "রা", "য়ে", "য়", "র", "ে", "ও", "ই",
}

// stem strips one inflectional ending from a folded token, keeping at
// least three code points of stem, and the English plural/possessive s.
func stem(w string) string {
	if w == "" {
		return w
	}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.Is(unicode.Bengali, r) {
		for _, s := range bengaliSuffixes {
			if strings.HasSuffix(w, s) && utf8.RuneCountInString(w)-utf8.RuneCountInString(s) >= 3 {
				return w[:len(w)-len(s)]
			}
		}
		return w
	}
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") {
		w = w[:len(w)-1]
	}
	return w
}

// terms returns the ranking terms of a text (folded, stemmed word tokens
// that are not stopwords and contain a letter or digit), its number of
// words and the number of words that are numbers.
func terms(text string, stop map[string]bool) (ts []string, words, digits int) {
	ws := segment.Words(text)
	ts = make([]string, 0, len(ws))
	for _, w := range ws {
		r, _ := utf8.DecodeRuneInString(w.Text)
		if unicode.IsDigit(r) {
			digits++
		}
		t := foldToken(lower(w.Text))
		if stop[t] || utf8.RuneCountInString(t) < 2 && !isDigits(t) {
			continue
		}
		ts = append(ts, stem(t))
	}
	return ts, len(ws), digits
}

// lower lower-cases s, without allocating when there is nothing to change
// (Bengali has no case).
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			if c < utf8.RuneSelf || hasUpper(s[i:]) {
				return strings.ToLower(s)
			}
			return s
		}
	}
	return s
}

func hasUpper(s string) bool {
	for _, r := range s {
		if unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// countWords counts the word tokens of text as segment.Words does (the
// unit of every length budget), without building them.
func countWords(text string) int {
	n := 0
	in := false
	var prev rune
	for i, r := range text {
		if segment.IsWordRune(r) {
			if !in {
				n++
			}
			in = true
		} else if in && (r == '\'' || r == '’' || r == '.' || r == ',') {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			joined := unicode.IsDigit(prev) && unicode.IsDigit(next) || r != '.' && r != ',' && unicode.IsLetter(prev) && unicode.IsLetter(next)
			in = joined
		} else {
			in = false
		}
		prev = r
	}
	return n
}
