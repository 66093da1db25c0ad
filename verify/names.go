package verify

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// names checks every actor of the text: one of its names must be a source
// actor's name (across scripts), or occur in the source's words literally or
// by cross-script key, so that a name the extractor missed in the source
// but that the source does contain is not an issue.
func (c *check) names() {
	var starts map[int]bool
	for _, a := range c.txt.Facts.Actors {
		a.Mentions = nameMentions(a.Mentions) // a role ("the minister") is no name to check
		if len(a.Mentions) == 0 && a.Name == "" {
			continue
		}
		if starts == nil {
			starts = sentenceStarts(c.ix.String())
		}
		if capitalOnly(a, starts) {
			continue
		}
		c.counts.Names++
		if c.supportsActor(a, starts) {
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
func (c *check) supportsActor(a sangbad.Actor, starts map[int]bool) bool {
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
	initial := len(a.Mentions) > 0 && starts[a.Mentions[0].Start]
	for _, n := range cands {
		vs, ok := nameVariants(n, initial)
		if !ok {
			return true // a title or a date, not a name
		}
		for _, v := range vs {
			if !seen[v] {
				seen[v] = true
				if c.supportsName(v) {
					return true
				}
			}
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
	toks := segment.Tokens(n)
	if len(toks) == 0 {
		return false
	}
	// "Sher-e-Bangla" is one word in Bengali (শেরেবাংলা)
	if strings.Contains(n, "-") && !isBengaliWord(n) && len(toks) > 1 {
		if j := strings.ReplaceAll(n, "-", ""); c.supportsName(j) {
			return true
		}
	}
	for i := range toks {
		toks[i] = fold(toks[i])
	}
	words := s.foldedWords()
	if containsRun(words, toks, literalEq) || acronymMatch(n, s) {
		return true
	}
	// the source's actors, by key and then by near spelling ("Zulkifli"
	// for "জুলকিফলী"), each confirmed word for word with the vowels
	nameKeys := s.actorKeys(c.v.nameKey)
	if k := c.v.nameKey(n); k != "" && nameKeys[k] {
		for _, sn := range s.names {
			if c.v.nameKey(sn) == k && c.spelledAlike(n, sn) {
				return true
			}
		}
	}
	for _, sn := range s.names {
		if c.v.sameName(n, sn) && c.spelledAlike(n, sn) {
			return true
		}
	}
	// the source's words by key: names the extractor missed in the source
	// ("Lazada" for "লাজাদা-এর"). Keying every source word is the most
	// expensive step, so it comes last and runs once per source.
	tk := make([]string, len(toks))
	for i, t := range toks {
		tk[i] = c.v.nameKey(t)
		if tk[i] == "" {
			return false
		}
	}
	keys := s.wordKeys(c.v.nameKey)
	if c.keyRun(words, keys, toks, tk) {
		return true
	}
	if len(toks) == 1 {
		// a demonym of a source name: "Indonesian" for "ইন্দোনেশিয়া",
		// "Chinese" for "China"
		for i, w := range words {
			if isDemonym(toks[0], w) || isDemonym(tk[0], keys[i]) {
				return true
			}
		}
		return false
	}
	// every word of the name somewhere in the source: "Hasan Zulkifli"
	// for "Zulkifli Hasan", "Chinese GP" for "Chinese Grand Prix".
	orig := segment.Words(n)
	for i := range tk {
		if containsRun(words, toks[i:i+1], literalEq) || c.keyRun(words, keys, toks[i:i+1], tk[i:i+1]) {
			continue
		}
		// a word of an institution's name translated: "National" for
		// "জাতীয়" ("Sher-e-Bangla National Cricket Stadium")
		if i > 0 || len(tk) > 1 {
			if slices.ContainsFunc(nameWordTranslations[toks[i]], func(t string) bool { return containsRun(words, []string{t}, literalEq) }) {
				continue
			}
		}
		if i < len(orig) && len(orig) == len(tk) && isAcronym(orig[i].Text) {
			if acr, _ := s.acronyms(); acr[toks[i]] {
				continue
			}
		}
		return false
	}
	return true
}

// nameWordTranslations pairs the common words of institutions' names in
// English and Bengali (folded), both ways, for names a summary translates
// rather than transliterates. Only multi-word names use them: a name made
// of such words alone is still checked word by word.
var nameWordTranslations = func() map[string][]string {
	pairs := [][2]string{
		{"national", "জাতীয়"}, {"international", "আন্তর্জাতিক"}, {"university", "বিশ্ববিদ্যালয়"},
		{"ministry", "মন্ত্রণালয়"}, {"court", "আদালত"}, {"election", "নির্বাচন"}, {"party", "দল"},
		{"army", "সেনাবাহিনী"}, {"navy", "নৌবাহিনী"}, {"home", "স্বরাষ্ট্র"}, {"foreign", "পররাষ্ট্র"},
		{"finance", "অর্থ"}, {"education", "শিক্ষা"}, {"health", "স্বাস্থ্য"}, {"commerce", "বাণিজ্য"},
		{"agriculture", "কৃষি"}, {"law", "আইন"}, {"planning", "পরিকল্পনা"}, {"revenue", "রাজস্ব"},
		{"council", "পরিষদ"}, {"parliament", "সংসদ"}, {"department", "অধিদপ্তর"}, {"department", "বিভাগ"},
		{"directorate", "অধিদপ্তর"}, {"authority", "কর্তৃপক্ষ"}, {"port", "বন্দর"}, {"city", "নগর"},
		{"north", "উত্তর"}, {"south", "দক্ষিণ"}, {"east", "পূর্ব"}, {"west", "পশ্চিম"}, {"central", "কেন্দ্রীয়"},
		{"islamic", "ইসলামী"}, {"bank", "ব্যাংক"}, {"association", "সমিতি"}, {"force", "বাহিনী"},
		{"office", "কার্যালয়"}, {"station", "থানা"}, {"district", "জেলা"}, {"division", "বিভাগ"},
		{"stadium", "স্টেডিয়াম"}, {"hospital", "হাসপাতাল"}, {"medical", "মেডিকেল"}, {"college", "কলেজ"},
		{"supreme", "সর্বোচ্চ"}, {"high", "উচ্চ"}, {"security", "নিরাপত্তা"}, {"organization", "সংস্থা"},
		{"organisation", "সংস্থা"}, {"agency", "সংস্থা"}, {"fund", "তহবিল"}, {"world", "বিশ্ব"},
	}
	m := map[string][]string{}
	for _, p := range pairs {
		bn := fold(p[1])
		m[p[0]] = append(m[p[0]], bn)
		m[bn] = append(m[bn], p[0])
	}
	return m
}()

// keyRun reports whether the name words toks (with keys tk) occur as a run
// of source words with the same keys, each spelled alike.
func (c *check) keyRun(words, keys, toks, tk []string) bool {
	if len(tk) == 0 {
		return false
	}
outer:
	for i := 0; i+len(tk) <= len(keys); i++ {
		for j := range tk {
			if keys[i+j] != tk[j] || !c.v.spelling(toks[j], words[i+j]) {
				continue outer
			}
		}
		return true
	}
	return false
}

// spelledAlike compares two names word for word with the verifier's
// spelling test; names of different lengths compare by their last words
// (a given name may be left out: "Hasan" for "Zulkifli Hasan").
func (c *check) spelledAlike(a, b string) bool {
	wa, wb := strings.Fields(a), strings.Fields(b)
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	// a word and its demonym are alike: "Southeast Asian", "Southeast Asia"
	alike := func(x, y string) bool {
		fx, fy := fold(x), fold(y)
		return c.v.spelling(x, y) || isDemonym(fx, fy) || isDemonym(fy, fx)
	}
	if len(wa) != len(wb) {
		return alike(wa[len(wa)-1], wb[len(wb)-1])
	}
	for i := range wa {
		if !alike(wa[i], wb[i]) {
			return false
		}
	}
	return true
}

// nameVariants returns n without the words an extractor may wrongly take
// into a name: weekdays and months ("Cave Saturday"), titles ("Sen.",
// "President"), and a capitalised first word of a sentence ("Lower TV").
// ok is false when nothing of a name is left (the "name" was a title).
func nameVariants(n string, sentenceInitial bool) (out []string, ok bool) {
	ws := segment.Words(n)
	var kept []string
	for i, w := range ws {
		low := strings.ToLower(w.Text)
		if notNameWord(low) || (i == 0 && sentenceInitial && len(ws) > 1) {
			continue
		}
		kept = append(kept, w.Text)
	}
	if len(kept) == 0 {
		return nil, false
	}
	if len(kept) < len(ws) {
		out = append(out, strings.Join(kept, " "))
	}
	return out, true
}

// notNameWord reports words that are no part of a name: weekdays, months
// and titles, in English and Bengali.
func notNameWord(w string) bool {
	switch w {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
		"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "ex", "former", "president", "minister", "prime", "senator",
		"sheikh", "king", "queen", "prince", "judge", "justice", "chairman", "ceo", "secretary", "general",
		"সোমবার", "মঙ্গলবার", "বুধবার", "বৃহস্পতিবার", "শুক্রবার", "শনিবার", "রবিবার", "রোববার",
		"জনাব", "ড", "ডা", "মন্ত্রী", "প্রধানমন্ত্রী", "রাষ্ট্রপতি", "প্রেসিডেন্ট":
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
	if len(place) < 4 {
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
		case "": // "Somali" of "Somalia"
			return stem != place
		}
	}
	return false
}

// acronymMatch reports whether name n is the acronym of a run of
// capitalised source words ("NHS" for "National Health Service") or a
// run whose acronym the source uses ("Islamic Courts Union" for "ICU").
func acronymMatch(n string, s *Source) bool {
	acr, caps := s.acronyms()
	if isAcronym(n) {
		return acr[strings.ToLower(n)]
	}
	words := strings.Fields(n)
	if len(words) < 2 {
		return false
	}
	var ini []rune
	for _, w := range words {
		r := []rune(w)
		if connector(w) {
			continue
		}
		if !unicode.IsUpper(r[0]) {
			return false
		}
		ini = append(ini, unicode.ToLower(r[0]))
	}
	return len(ini) >= 2 && caps[string(ini)]
}

// isAcronym reports 2-6 upper-case Latin letters.
func isAcronym(n string) bool {
	r := []rune(n)
	if len(r) < 2 || len(r) > 6 {
		return false
	}
	for _, c := range r {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

func connector(w string) bool {
	switch strings.ToLower(w) {
	case "of", "and", "for", "the", "&", "de", "on", "in":
		return true
	}
	return false
}

// acronyms returns the lower-cased initials of every stretch of 2-6
// consecutive capitalised words in the source, and the source's acronyms
// (words in capitals), lower-cased.
func (s *Source) acronyms() (initials, caps map[string]bool) {
	s.acrOnce.Do(func() {
		s.acr = map[string]bool{}
		s.caps = map[string]bool{}
		// two readings of a run of capitalised words: without its
		// connectors ("Bank of England" BE) and with "of" as O (BOE, BOJ)
		var run, runOf []rune
		flush := func() {
			for _, r := range [][]rune{run, runOf} {
				for i := range r {
					for j := i + 2; j <= len(r) && j-i <= 6; j++ {
						s.acr[string(r[i:j])] = true
					}
				}
			}
			run, runOf = run[:0], runOf[:0]
		}
		for _, w := range segment.Words(s.text) {
			if isAcronym(w.Text) {
				s.caps[strings.ToLower(w.Text)] = true
			}
			first, _ := utf8.DecodeRuneInString(w.Text)
			switch {
			case unicode.Is(unicode.Latin, first) && unicode.IsUpper(first):
				run = append(run, unicode.ToLower(first))
				runOf = append(runOf, unicode.ToLower(first))
			case len(run) > 0 && connector(w.Text):
				if strings.EqualFold(w.Text, "of") {
					runOf = append(runOf, 'o')
				}
			default:
				flush()
			}
		}
		flush()
	})
	return s.acr, s.caps
}

// capitalOnly reports an actor that may be no name at all: one Latin word
// without inner capitals ("Blast", "Decision", "Skip") found only at the
// start of sentences, where every English word is capitalised. Short
// summaries give an extractor no other evidence, and flagging such words
// would be a false alarm far more often than it would catch an invented
// name (an invented person or company is nearly always introduced by a
// full name or mid-sentence, which is still checked).
func capitalOnly(a sangbad.Actor, starts map[int]bool) bool {
	if len(a.Mentions) == 0 {
		return false
	}
	for _, m := range a.Mentions {
		if !starts[m.Start] {
			return false
		}
		r := []rune(m.Text)
		if len(r) < 2 || !unicode.Is(unicode.Latin, r[0]) || !unicode.IsUpper(r[0]) {
			return false
		}
		for _, c := range r[1:] {
			if !unicode.IsLower(c) {
				return false // "TikTok", "NHS", "Ex-Sen", two words
			}
		}
	}
	return true
}

// sentenceStarts returns the code-point offsets of the first word of every
// sentence and line of text.
func sentenceStarts(text string) map[int]bool {
	out := map[int]bool{}
	for _, p := range segment.Paragraphs(text) {
		if ws := segment.Words(p.Text); len(ws) > 0 {
			out[p.Start+ws[0].Start] = true
		}
	}
	for _, s := range segment.Sentences(text) {
		if ws := segment.Words(s.Text); len(ws) > 0 {
			out[s.Start+ws[0].Start] = true
		}
	}
	return out
}

// nameMentions returns the mentions by name, leaving out references by
// role (Kind "role"), which the name checks must not treat as names.
func nameMentions(ms []sangbad.Mention) []sangbad.Mention {
	out := make([]sangbad.Mention, 0, len(ms))
	for _, m := range ms {
		if !m.IsRole() {
			out = append(out, m)
		}
	}
	return out
}
