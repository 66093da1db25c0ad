package verify

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// names checks every actor of the text: one of its names must be a source
// actor's name (across scripts), or occur in the source's words literally or
// by cross-script key, so that a name the extractor missed in the source
// but that the source does contain is not an issue.
func (c *check) names() {
	for _, a := range c.txt.Facts.Actors {
		if len(a.Mentions) == 0 && a.Name == "" {
			continue
		}
		c.counts.Names++
		if c.supportsActor(a) {
			continue
		}
		start, end := -1, -1
		if len(a.Mentions) > 0 {
			m := a.Mentions[0]
			start, end = m.Start, m.End
			if m.Surface != nil {
				start, end = m.Surface.Start, m.Surface.End
			}
		} else if i := strings.Index(c.ix.String(), a.Name); i >= 0 {
			start = c.ix.Rune(i)
			end = start + len([]rune(a.Name))
		}
		if start < 0 {
			continue
		}
		msg := fmt.Sprintf("name %q not in source", a.Name)
		if len(a.Mentions) > 1 {
			msg += fmt.Sprintf(" (%d mentions)", len(a.Mentions))
		}
		c.add(sangbad.IssueName, start, end, msg)
	}
}

// supportsActor reports whether any name of text actor a is in the source.
func (c *check) supportsActor(a sangbad.Actor) bool {
	cands := make([]string, 0, 2+len(a.Aliases)+len(a.Mentions))
	cands = append(cands, a.Name)
	cands = append(cands, a.Aliases...)
	for _, m := range a.Mentions {
		cands = append(cands, m.Text)
	}
	seen := map[string]bool{}
	for _, n := range cands {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		if c.supportsName(n) {
			return true
		}
	}
	return false
}

// supportsName reports whether name n is in the source: as a source actor
// (SameName), as a run of source words (literally, allowing Bengali case
// endings and English possessives), or as a run of source words by
// cross-script key ("Tokopedia" for "টোকোপিডিয়ার").
func (c *check) supportsName(n string) bool {
	s := c.src
	for _, sn := range s.names {
		if c.v.sameName(n, sn) {
			return true
		}
	}
	toks := segment.Tokens(n)
	if len(toks) == 0 {
		return false
	}
	for i := range toks {
		toks[i] = fold(toks[i])
	}
	words := s.foldedWords()
	if containsRun(words, toks, literalEq) {
		return true
	}
	keys, nameKeys := s.wordKeys(c.v.nameKey)
	if k := c.v.nameKey(n); k != "" && nameKeys[k] {
		return true
	}
	tk := make([]string, len(toks))
	for i, t := range toks {
		tk[i] = c.v.nameKey(t)
		if tk[i] == "" {
			return false
		}
	}
	if containsRun(keys, tk, func(a, b string) bool { return a == b }) {
		return true
	}
	// a demonym of a source name: "Indonesian" for "ইন্দোনেশিয়া", "Chinese"
	// for "China".
	if len(toks) == 1 {
		for i, w := range words {
			if isDemonym(toks[0], w) || isDemonym(tk[0], keys[i]) {
				return true
			}
		}
	}
	// every word of the name somewhere in the source: "Hasan Zulkifli"
	// for "Zulkifli Hasan", "Trade Minister Zulkifli" and the like.
	if len(tk) > 1 {
		for i := range tk {
			if !containsRun(words, toks[i:i+1], literalEq) && !containsRun(keys, tk[i:i+1], func(a, b string) bool { return a == b }) {
				return false
			}
		}
		return true
	}
	return false
}

// containsRun reports whether run occurs contiguously in words.
func containsRun(words, run []string, eq func(src, name string) bool) bool {
	if len(run) == 0 {
		return false
	}
outer:
	for i := 0; i+len(run) <= len(words); i++ {
		for j, r := range run {
			if !eq(words[i+j], r) {
				continue outer
			}
		}
		return true
	}
	return false
}

// literalEq compares a folded source word with a folded name word; a
// Bengali source word may carry a case ending or clitic after the name
// ("টোকোপিডিয়ার" for "টোকোপিডিয়া").
func literalEq(src, name string) bool {
	if src == name {
		return true
	}
	if !strings.HasPrefix(src, name) || !isBengaliWord(name) {
		return false
	}
	return isBengaliSuffix(src[len(name):])
}

// isBengaliSuffix reports the endings that attach to a name (bengali.md
// §2): case endings, classifiers and the clitics -ই and -ও. The input is
// NFC, so য় is written as য + nukta.
func isBengaliSuffix(s string) bool {
	switch s {
	case "র", "এর", "ের", "কে", "ে", "তে", "রা", "এরা", "দের", "ই", "ও",
		"েরও", "রও", "কেও", "েই", "রই", "টি", "টির", "টা", "টার", "গুলো", "গুলি",
		"য\u09bc", "য\u09bcে", "য\u09bcের":
		return true
	}
	return false
}

func isBengaliWord(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Bengali, r) {
			return true
		}
	}
	return false
}

// fold normalises a word for literal comparison: NFC, lower case, no
// zero-width joiners, no English possessive.
func fold(w string) string { return trimPossessive(foldText(w)) }

// foldText returns text in NFC, lower case and without zero-width joiners.
func foldText(text string) string {
	if !norm.NFC.IsNormalString(text) {
		text = norm.NFC.String(text)
	}
	return strings.Map(func(r rune) rune {
		if r == '\u200c' || r == '\u200d' {
			return -1
		}
		return unicode.ToLower(r)
	}, text)
}

// trimPossessive removes an English possessive ending.
func trimPossessive(w string) string {
	for _, p := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, p) && len(w) > len(p) {
			return w[:len(w)-len(p)]
		}
	}
	return w
}

// isDemonym reports whether word is an English adjective of place name
// place: "indonesian" of "indonesia", "chinese" of "china", "bangladeshi"
// of "bangladesh".
func isDemonym(word, place string) bool {
	if len(place) < 4 || len(word) <= len(place)-1 {
		return false
	}
	stems := []string{place}
	if last := place[len(place)-1]; last == 'a' || last == 'e' || last == 'o' {
		stems = append(stems, place[:len(place)-1])
	}
	for _, stem := range stems {
		rest, ok := strings.CutPrefix(word, stem)
		if !ok {
			continue
		}
		switch rest {
		case "n", "an", "ian", "ese", "i", "ish", "ean":
			return true
		}
	}
	return false
}
