package facts

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// cand is one candidate mention of an actor.
type cand struct {
	name   string // the stem as written
	typ    string // actor type, "" when unknown
	strong bool   // the type rests on explicit evidence
	stem   sangbad.Span
	surf   *sangbad.Span
	role   string
	ti, tj int  // token range of the surface
	nested bool // may sit inside another mention ("TikTok" in "TikTok Shop")
	// inside marks a place kept inside an organisation named after it
	// ("ধানমন্ডি" in "ধানমন্ডি থানা")
	inside bool
}

// actorExtractor holds the state of one extraction.
type actorExtractor struct {
	g     *gazetteer
	d     *doc
	toks  []tok
	cands []cand
	// lower-case forms of the words of the text, to tell common words
	// capitalised at a sentence start from names
	lower map[string]bool
	// capitalised words seen inside sentences (names, not sentence starts)
	midCaps map[string]bool
	// descRole maps a token index to the descriptor phrase before it
	// ("ইন্দোনেশিয়ার টেক গ্রুপ" before GoTo)
	descRole map[int]string
	// per-token caches: NFC text, stem, lexicon lookup (0 unknown yet,
	// 1 known, 2 not known)
	norms, stems []string
	knownTok     []int8
	nameTok      []int8
	keys         [][]string
	nameKeyMemo  map[string][]string
}

// keysOf returns nameKeys(name), memoised for this extraction.
func (x *actorExtractor) keysOf(name string) []string {
	if k, ok := x.nameKeyMemo[name]; ok {
		return k
	}
	if x.nameKeyMemo == nil {
		x.nameKeyMemo = map[string][]string{}
	}
	k := nameKeys(name)
	x.nameKeyMemo[name] = k
	return k
}

// extractActors finds the people, organisations and places of d.
func (e *Extractor) extractActors(d *doc) []sangbad.Actor {
	x := &actorExtractor{g: e.gaz, d: d, toks: d.tokens(), descRole: map[int]string{}}
	x.norms = make([]string, len(x.toks))
	x.stems = make([]string, len(x.toks))
	x.knownTok = make([]int8, len(x.toks))
	x.nameTok = make([]int8, len(x.toks))
	x.latinPass()
	x.bengaliPass()
	x.namedInQuotes()
	x.bnAliases()
	x.bnCoordinated()
	x.bnParenAbbrevs()
	x.cands = resolveOverlaps(x.cands)
	groups := x.group()
	x.bengaliSecondPass(groups)
	groups = x.group()
	actors := x.actors(groups)
	x.addRoleMentions(actors)
	return actors
}

// span returns the span of text bytes [bs,be) given the code-point offset
// of bs.
func (x *actorExtractor) span(bs, be, start int) sangbad.Span {
	s := x.d.text[bs:be]
	return sangbad.Span{Text: s, Start: start, End: start + utf8.RuneCountInString(s)}
}

// tokSpan returns the span covering tokens [i,j).
func (x *actorExtractor) tokSpan(i, j int) sangbad.Span {
	return x.span(x.toks[i].bs, x.toks[j-1].be, x.toks[i].start)
}

func (x *actorExtractor) add(c cand) { x.cands = append(x.cands, c) }

// ---------------------------------------------------------------- Latin

func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLower(r) || (unicode.IsLetter(r) && !unicode.IsUpper(r)) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

// hasInnerCap reports a capital after the first letter ("TikTok", "GoTo").
func hasInnerCap(s string) bool {
	prev := rune(0)
	for i, r := range s {
		// a capital after a hyphen starts the second part of a double
		// name ("Bankman-Fried"), not an inner capital
		if i > 0 && unicode.IsUpper(r) && prev != '-' {
			return true
		}
		prev = r
	}
	return false
}

// possessive splits a trailing 's / ’s / s' off a Latin word.
func possessive(s string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "'S"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)], true
		}
	}
	if (strings.HasSuffix(s, "s'") || strings.HasSuffix(s, "s’")) && len(s) > 3 {
		return s[:len(s)-len("'")-(len(s)-len(strings.TrimRight(s, "'’"))-1)], true
	}
	return s, false
}

var nameParticles = map[string]bool{"al": true, "bin": true, "van": true, "von": true, "de": true, "da": true, "del": true, "der": true, "di": true, "du": true, "la": true, "le": true, "el": true, "ibn": true, "bint": true, "dos": true, "das": true}

var titleAbbrevs = map[string]bool{"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "Gen": true, "Sen": true, "Rep": true, "Gov": true, "Lt": true, "Col": true, "Capt": true, "Sgt": true, "Prof": true, "St": true, "Jr": true, "Sr": true, "Rev": true}

// latinPass finds names written in Latin script: capitalised runs in
// English text, every Latin run inside Bengali text.
func (x *actorExtractor) latinPass() {
	docBn := x.d.lang == "bn"
	// an English sentence inside a Bengali text ("The IMF said ...") is read
	// with the English rules: capitals mark names there
	enSent := x.englishSentences(docBn)
	x.lower = map[string]bool{}
	x.midCaps = map[string]bool{}
	for i, t := range x.toks {
		if t.kind != tkLatin || docBn && !enSent[t.sent] {
			continue
		}
		if !isUpperStart(t.text) {
			x.lower[t.text] = true
		} else if !t.sentStart && !(i > 0 && x.toks[i-1].kind == tkPunct && x.toks[i-1].text != ",") {
			st, _ := possessive(t.text)
			x.midCaps[st] = true
		}
	}
	for i := 0; i < len(x.toks); {
		t := x.toks[i]
		bn := docBn && !enSent[t.sent]
		if !bn {
			if j := x.quotedTitleEnd(i); j > i {
				i = j // "Planet in Peril": the title of a work
				continue
			}
		}
		particle := !bn && nameParticles[t.text] && i+1 < len(x.toks) && x.toks[i+1].kind == tkLatin && isUpperStart(x.toks[i+1].text) && x.toks[i+1].space
		if t.kind != tkLatin || (!bn && !isUpperStart(t.text) && !particle) {
			i++
			continue
		}
		j := x.latinRun(i, bn)
		if j <= i {
			i++
			continue
		}
		x.latinCand(i, j, bn)
		i = j
	}
}

// englishSentences marks, in a Bengali text, the sentences written in
// English: at least four Latin words and no Bengali word. It returns nil
// for other texts.
func (x *actorExtractor) englishSentences(bn bool) map[int]bool {
	if !bn {
		return nil
	}
	latin, bengali := map[int]int{}, map[int]int{}
	for _, t := range x.toks {
		switch t.kind {
		case tkLatin:
			latin[t.sent]++
		case tkBengali:
			bengali[t.sent]++
		}
	}
	en := map[int]bool{}
	for s, n := range latin {
		if n >= 4 && bengali[s] == 0 {
			en[s] = true
		}
	}
	return en
}

// enGenericCaps are common nouns written in capitals (acronyms of things,
// units and times, generic proper-looking nouns): no actors.
var enGenericCaps = map[string]bool{"TV": true, "CD": true, "DVD": true, "GPS": true, "MRI": true, "CAT": true, "ET": true,
	"PT": true, "GMT": true, "UTC": true, "AM": true, "PM": true, "DNA": true, "HIV": true, "AIDS": true, "GDP": true,
	"CEO": true, "CFO": true, "COO": true, "CTO": true, "ID": true, "PIN": true, "SUV": true, "SMS": true, "PDF": true,
	"URL": true, "USB": true, "HD": true, "OK": true, "AK": true, "GT": true, "RPG": true, "IED": true, "ATM": true,
	"FAQ": true, "CCTV": true, "VIP": true, "MP": true, "PR": true, "IQ": true, "UV": true, "LED": true, "LCD": true,
	"WiFi": true, "Wi-Fi": true, "Web": true, "Internet": true, "TVs": false}

// titleSmallWords may stand lower-case inside a title.
var titleSmallWords = map[string]bool{"of": true, "in": true, "the": true, "and": true, "a": true, "an": true, "for": true,
	"on": true, "with": true, "to": true, "at": true, "from": true, "is": true, "by": true}

// quotedTitleEnd recognises the title of a work in quotation marks at
// token i (the opening mark): two to eight words, each capitalised or a
// small word, with a capitalised last word, and the closing mark right
// after (maybe after a comma): "Planet in Peril", "Harry Potter and the
// Order of the Phoenix". It returns the token after the closing mark, or i.
func (x *actorExtractor) quotedTitleEnd(i int) int {
	open := x.toks[i].text
	var closeMark string
	switch open {
	case "\"":
		closeMark = "\""
	case "“":
		closeMark = "”"
	case "‘":
		closeMark = "’"
	case "'":
		closeMark = "'"
	default:
		return i
	}
	words, last := 0, i
	for k := i + 1; k < len(x.toks) && k <= i+10; k++ {
		t := x.toks[k]
		if t.kind == tkLatin {
			if !isUpperStart(t.text) && !titleSmallWords[t.text] {
				return i
			}
			words, last = words+1, k
			continue
		}
		if t.text == "," && k+1 < len(x.toks) && x.toks[k+1].text == closeMark {
			k++
			t = x.toks[k]
		}
		if t.text == closeMark && words >= 2 && words <= 8 && isUpperStart(x.toks[last].text) {
			// a small word inside: a title, not a name list
			for m := i + 1; m < k; m++ {
				if titleSmallWords[x.toks[m].text] {
					return k + 1
				}
			}
		}
		return i
	}
	return i
}

// latinRun returns the end of the name run that starts at token i.
func (x *actorExtractor) latinRun(i int, bn bool) int {
	j := i
	for j < len(x.toks) {
		t := x.toks[j]
		if j > i && (t.newline || !t.space) && !(j > i && x.toks[j-1].text == ".") {
			break
		}
		if t.kind != tkLatin {
			break
		}
		if !bn && !isUpperStart(t.text) && !(j == i && nameParticles[t.text]) {
			// connectors inside names
			low := t.text
			if nameParticles[low] && j+1 < len(x.toks) && x.toks[j+1].kind == tkLatin && isUpperStart(x.toks[j+1].text) && x.toks[j+1].space {
				j++
				continue
			}
			if (low == "of" || low == "for" || low == "and") && j+1 < len(x.toks) && x.toks[j+1].kind == tkLatin && isUpperStart(x.toks[j+1].text) && x.toks[j+1].space {
				first := strings.ToLower(x.toks[i].text)
				prev := strings.ToLower(x.toks[j-1].text)
				if x.g.w.enOrgPrefix[first] || x.g.w.enOrgSuffix[prev] || low == "and" && x.orgHeadAhead(j+1) {
					j++
					continue
				}
			}
			break
		}
		if _, poss := possessive(t.text); poss {
			j++
			return j
		}
		// "Singapore-based", "Qaeda-affiliated" end the name
		if h := strings.LastIndexByte(t.text, '-'); h > 0 && h+1 < len(t.text) && !isUpperStart(t.text[h+1:]) && !bn {
			return j + 1
		}
		j++
		// "Mr. Smith", "J. K. Rowling": a dot after a title or an initial
		if j+1 < len(x.toks) && x.toks[j].text == "." && !x.toks[j].space && (titleAbbrevs[stripEx(t.text)] || utf8.RuneCountInString(t.text) == 1) &&
			x.toks[j+1].kind == tkLatin && isUpperStart(x.toks[j+1].text) {
			j++
			if stripEx(t.text) != t.text {
				// "Ex-Sen. John Doe": the splitter may end a sentence at
				// the dot of an unknown abbreviation
				continue
			}
		}
		if !bn && j < len(x.toks) && x.toks[j].sentStart {
			break
		}
	}
	return j
}

// orgHeadAhead reports capitalised words from token k that end, within
// three words, in an organisation head: "Roads and Highways Department".
func (x *actorExtractor) orgHeadAhead(k int) bool {
	for n := 0; k < len(x.toks) && n < 3; n, k = n+1, k+1 {
		t := x.toks[k]
		if t.kind != tkLatin || !isUpperStart(t.text) || n > 0 && !t.space {
			return false
		}
		if low := strings.ToLower(t.text); x.g.w.enOrgSuffix[low] && low != "group" && low != "news" {
			return true
		}
	}
	return false
}

// latinCand classifies the Latin run [i,j) and records it.
func (x *actorExtractor) latinCand(i, j int, bn bool) {
	w := x.g.w
	// words of the run (skipping dots)
	var idx []int
	for k := i; k < j; k++ {
		if x.toks[k].kind == tkLatin {
			idx = append(idx, k)
		}
	}
	if len(idx) == 0 {
		return
	}
	if bn && len(idx) == 1 && j < len(x.toks) && x.toks[j].text == ":" && x.g.enLex.has(strings.ToLower(x.toks[idx[0]].text)) {
		return // "Source: Britannica": an English label before a colon
	}
	if bn && len(idx) == 1 && i >= 2 && x.toks[i-1].text == "." && !x.toks[i].space && !x.toks[i-1].space && x.toks[i-2].kind == tkLatin && !isUpperStart(x.toks[i].text) {
		return // "History.com": a domain's ending is no name
	}
	// "Japan International Cooperation Agency (Jica)": an acronym written
	// like a word, defined in parentheses after the organisation
	if len(idx) == 1 && i > 0 && x.toks[i-1].text == "(" && j < len(x.toks) && x.toks[j].text == ")" {
		if n := len(x.cands); n > 0 && x.cands[n-1].tj == i-1 && x.cands[n-1].typ != sangbad.ActorPerson {
			if slices.Contains(initialsOf([]string{x.cands[n-1].name}), strings.ToUpper(x.toks[i].text)) {
				x.add(x.latinMention(idx, sangbad.ActorOrganization, true))
				return
			}
		}
	}
	role := ""
	if !bn {
		// a contraction ("I'll", "I've", "don't") ends the name before it
		for k, ti := range idx {
			if isContraction(x.toks[ti].text) {
				idx = idx[:k]
				break
			}
		}
		// drop trailing stop words: weekdays and months glued to a name
		// ("Blue Cave Saturday")
		for len(idx) > 1 && w.enStop[strings.ToLower(x.toks[idx[len(idx)-1]].text)] {
			idx = idx[:len(idx)-1]
		}
		if len(idx) > 0 {
			j = idx[len(idx)-1] + 1
		}
		// drop leading stop words and a sentence-initial common word
		for len(idx) > 0 {
			t := x.toks[idx[0]]
			low := strings.ToLower(t.text)
			if low == "new" && len(idx) > 1 {
				break // "New Hampshire", "New York"
			}
			if w.enStop[low] && !w.enTitle[low] && !(isAllCaps(t.text) && len(idx) > 1 && t.text != "THE" && t.text != "A") {
				idx = idx[1:] // not an acronym: "WHO Director-General"
				continue
			}
			// ... but an adjective that starts an institution's name stays:
			// "Supreme Court judges met", "National Assembly passed"
			portfolio := w.enRole[low] && w.enTitle[strings.ToLower(x.toks[idx[1%len(idx)]].text)] // "Home Secretary Yvette Cooper"
			acronym := isAllCaps(t.text) && utf8.RuneCountInString(t.text) >= 2 && t.text != "THE"
			if x.clauseStart(idx[0]) && len(idx) > 1 && (x.lower[low] || x.g.enLex.has(low) && !x.midCaps[t.text]) && !w.enTitle[low] && !w.enOrgPrefix[low] && !x.institutionName(idx, low) && !(enEventFirst[low] && len(idx) == 2) && !portfolio && !acronym {
				idx = idx[1:]
				continue
			}
			break
		}
		if len(idx) == 0 {
			return
		}
		allStop := true
		for _, ti := range idx {
			if !w.enStop[strings.ToLower(x.toks[ti].text)] {
				allStop = false
			}
		}
		if allStop {
			return
		}
		// a run of role words alone names no one: "State Minister" (for ...)
		allRole := true
		for _, ti := range idx {
			if low := strings.ToLower(strings.TrimSuffix(x.toks[ti].text, ".")); !w.enRole[low] && !w.enTitle[low] {
				allRole = false
				break
			}
		}
		if allRole {
			return
		}
		// "State Minister for Labour Nazrul Islam Chowdhury": the portfolio
		// after a title and "for"/"of" belongs to the role
		if r, n := x.portfolioBefore(idx); n > 0 {
			c := x.latinMention(idx[n:], sangbad.ActorPerson, true)
			c.role = r
			x.add(c)
			return
		}
		// titles and roles before the name: "Interior Minister Noureddine Zerhouni"
		last := -1
		for k, ti := range idx[:len(idx)-1] {
			low := strings.TrimPrefix(strings.ToLower(stripEx(strings.TrimSuffix(x.toks[ti].text, "."))), "co-")
			if a, b, ok := strings.Cut(low, "-"); ok && (w.enTitle[a] || w.enTitle[b]) {
				low = b // "Director-General", "Secretary-General"
				if !w.enTitle[b] {
					low = a
				}
			}
			if w.enTitle[low] || (w.enRole[low] && k+1 < len(idx)-1 && w.enTitle[strings.ToLower(x.toks[idx[k+1]].text)]) ||
				(last >= 0 && last == k-1 && w.enRole[low]) { // "Chief Executive Ken Murphy"
				last = k
			} else if last >= 0 {
				break
			}
		}
		// "Directorate General of Health Services", "Secretary General of
		// the UN" without a name after: an institution or an office
		if last >= 0 && (w.enOrgPrefix[strings.ToLower(x.toks[idx[0]].text)] || !isUpperStart(x.toks[idx[last+1]].text)) {
			last = -1
		}
		if last >= 0 {
			roleToks := idx[:last+1]
			idx = idx[last+1:]
			// a known organisation opening the title: "Awami League General
			// Secretary"
			for n := min(len(roleToks)-1, 4); n >= 2; n-- {
				org := x.d.text[x.toks[roleToks[0]].bs:x.toks[roleToks[n-1]].be]
				if x.g.enOrgs[strings.ToLower(org)] {
					x.add(x.latinMention(roleToks[:n], sangbad.ActorOrganization, true))
					break
				}
			}
			// a place or an organisation inside the title: "former U.S.
			// Treasury Secretary", "WHO Director-General"
			for k, ti := range roleToks {
				st, _ := possessive(x.toks[ti].text)
				if _, ok := x.g.enPlace(st); ok && isUpperStart(st) {
					x.add(x.latinMention(roleToks[k:k+1], sangbad.ActorPlace, true))
				} else if k == 0 && (isAllCaps(st) && len(st) >= 2 && len(st) <= 6 && !enGenericCaps[st] || x.g.enOrgs[strings.ToLower(st)]) {
					x.add(x.latinMention(roleToks[k:k+1], sangbad.ActorOrganization, true))
				}
			}
			roleEnd := x.toks[roleToks[len(roleToks)-1]].be
			if k := roleToks[len(roleToks)-1] + 1; k < len(x.toks) && x.toks[k].text == "." && !x.toks[k].space {
				roleEnd = x.toks[k].be // "Sen."
			}
			role = x.d.text[x.toks[roleToks[0]].bs:roleEnd]
			if r := x.roleBefore(roleToks[0]); r != "" {
				role = r + " " + role
			} else if k := roleToks[0] - 1; k >= 0 && x.toks[k].kind == tkLatin && isUpperStart(x.toks[k].text) {
				if _, poss := possessive(x.toks[k].text); poss {
					role = x.d.text[x.toks[k].bs:x.toks[roleToks[len(roleToks)-1]].be]
				}
			} else if k >= 0 && x.toks[k].kind == tkLatin && enRoleModifiers[x.toks[k].text] && x.toks[roleToks[0]].space {
				// "former Prime Minister Khaleda Zia"
				role = x.d.text[x.toks[k].bs:x.toks[roleToks[len(roleToks)-1]].be]
			}
			// an honorific alone (Mr, Dr) is not a role; an office is
			// ("Sen.", "Gov.", "Gen.")
			if t := strings.TrimSuffix(x.toks[roleToks[0]].text, "."); len(roleToks) == 1 && titleAbbrevs[t] && stripEx(x.toks[roleToks[0]].text) == x.toks[roleToks[0]].text && enHonorifics[strings.ToLower(t)] {
				role = ""
			}
			c := x.latinMention(idx, sangbad.ActorPerson, true)
			c.role = role
			x.add(c)
			return
		}
	}
	first, lastTok := x.toks[idx[0]], x.toks[idx[len(idx)-1]]
	name := x.d.text[first.bs:lastTok.be]
	stemName, _ := possessive(name)
	if h := strings.LastIndexByte(stemName, '-'); h > 0 && h+1 < len(stemName) && !isUpperStart(stemName[h+1:]) {
		stemName = stemName[:h]
	}
	lowLast := strings.ToLower(strings.TrimSuffix(stemName[strings.LastIndexAny(stemName, " ")+1:], "."))
	lowFirst := strings.ToLower(x.toks[idx[0]].text)
	switch {
	case len(idx) == 1 && !bn && (w.enStop[strings.ToLower(stemName)] || w.enTitle[strings.ToLower(stemName)]):
		return
	case len(idx) == 1 && enGenericCaps[strings.TrimSuffix(stemName, "s")]:
		return // "TV", "DVDs", "the Web": common nouns in capitals
	case len(idx) == 1 && periodCode(stemName):
		return // "FY2024", "Q3", "H1": a period
	case len(idx) == 1 && utf8.RuneCountInString(stemName) == 1 && !isUpperStart(stemName):
		return // "o" of "GPT-4o": a letter of a code
	case len(idx) == 1 && x.codeAround(idx[0]):
		return // "GPT-4o", "COVID-19", "F-16": a model or a code, no actor
	case len(idx) == 1 && j < len(x.toks) && x.toks[j].kind == tkDigit:
		if _, ok := currencyAbbr[strings.ToLower(stemName)]; ok || isoCodes[stemName] {
			return // "Tk 7.97 trillion", "Rs 500 crore", "USD 5 million": a currency
		}
	}
	// a known organisation ("Hamas", "Petrobangla", "Amazon" the company,
	// "McDonald's" with its own 's)
	if x.g.enOrgs[strings.ToLower(stemName)] || x.g.enOrgs[strings.ToLower(name)] {
		if x.g.enOrgs[strings.ToLower(name)] && name != stemName {
			c := x.latinMention(idx, sangbad.ActorOrganization, true)
			c.name = name
			x.add(c)
			return
		}
		if p, ok := x.g.enPlace(stemName); !ok || p.kind != "country" {
			x.add(x.latinMention(idx, sangbad.ActorOrganization, true))
			return
		}
	}
	// place
	if p, ok := x.g.enPlace(stemName); ok {
		_ = p
		x.add(x.latinMention(idx, sangbad.ActorPlace, true))
		return
	}
	if isAllCaps(stemName) && len(idx) == 1 {
		if _, ok := x.g.enPlace(strings.ToLower(stemName)); ok {
			x.add(x.latinMention(idx, sangbad.ActorPlace, true))
			return
		}
	}
	if !bn && x.datelinePlace(idx[0], j) {
		x.add(x.latinMention(idx, sangbad.ActorPlace, true))
		return
	}
	// organisation
	if w.enOrgSuffix[lowLast] && len(idx) > 1 || (w.enOrgPrefix[lowFirst] && len(idx) > 1) || (isAllCaps(stemName) && len(idx) == 1 && utf8.RuneCountInString(stemName) <= 6) {
		x.add(x.latinMention(idx, sangbad.ActorOrganization, true))
		return
	}
	// the brand inside a product name: "TikTok" in "TikTok Shop"
	if len(idx) >= 2 && brandTail[strings.ToLower(x.toks[idx[len(idx)-1]].text)] {
		inner := x.latinMention(idx[:len(idx)-1], "", false)
		inner.nested = true
		x.add(inner)
	}
	if bn {
		c := x.latinMention(idx, "", false)
		x.bnLatinSuffix(&c, j)
		// person cue before: a role word ("বাণিজ্যমন্ত্রী Zulkifli")
		if i > 0 && x.toks[i-1].kind == tkBengali && x.g.w.isBnRole(bnStem(nfc(x.toks[i-1].text))) {
			c.typ, c.strong = sangbad.ActorPerson, true
			c.role = x.bnRolePhrase(i - 1)
		}
		x.add(c)
		return
	}
	// English: person and organisation cues
	c := x.latinMention(idx, "", false)
	r := x.roleBefore(idx[0])
	if r != "" {
		c.typ, c.strong, c.role = sangbad.ActorPerson, true, r
	}
	// "the neighborhood of Suqa Holaha", "the city of Batna": a place
	if c.typ == "" && idx[0] > 1 && strings.EqualFold(x.toks[idx[0]-1].text, "of") && enPlaceKindNouns[strings.ToLower(x.toks[idx[0]-2].text)] {
		c.typ, c.strong = sangbad.ActorPlace, true
	}
	// "Bavarian Nordic, the maker of ...": an apposition naming a kind of
	// organisation
	if c.typ == "" && j+2 < len(x.toks) && x.toks[j].text == "," {
		if d := strings.ToLower(x.toks[j+1].text); d == "the" || d == "a" || d == "an" {
			k := j + 2
			for n := 0; k < len(x.toks) && n < 2 && x.toks[k].kind == tkLatin && !isUpperStart(x.toks[k].text) && !enOrgKindNouns[strings.ToLower(x.toks[k].text)] && !enMakerNouns[strings.ToLower(x.toks[k].text)]; n++ {
				k++ // "the Danish drugmaker", "a private lender"
			}
			if k < len(x.toks) && x.toks[k].kind == tkLatin && (enOrgKindNouns[strings.ToLower(x.toks[k].text)] || enMakerNouns[strings.ToLower(x.toks[k].text)]) {
				c.typ, c.strong = sangbad.ActorOrganization, true
			}
		}
	}
	// "the populist Reform UK party": the kind of organisation after the name
	if c.typ == "" && j < len(x.toks) && x.toks[j].kind == tkLatin && !isUpperStart(x.toks[j].text) {
		switch strings.ToLower(x.toks[j].text) {
		case "party", "group", "company", "firm", "bank", "movement", "alliance", "coalition", "militia", "agency", "newspaper", "club":
			c.typ, c.strong = sangbad.ActorOrganization, true
		}
	}
	// "supermarket Tesco", "lender HSBC": a common noun naming a kind of
	// organisation; "economists at Goldman Sachs": a workplace
	if c.typ == "" && idx[0] > 0 {
		if p := x.toks[idx[0]-1]; p.kind == tkLatin && enOrgKindNouns[strings.ToLower(p.text)] {
			c.typ, c.strong = sangbad.ActorOrganization, true
		} else if p.text == "at" && idx[0] > 1 && x.toks[idx[0]-2].kind == tkLatin {
			if r := strings.ToLower(x.toks[idx[0]-2].text); w.enRole[r] || w.enRole[strings.TrimSuffix(r, "s")] {
				c.typ, c.strong = sangbad.ActorOrganization, true
			}
		}
	}
	// "a Massachusetts Democrat": a description, no actor
	if len(idx) >= 2 && idx[0] > 0 && (x.toks[idx[0]-1].text == "a" || x.toks[idx[0]-1].text == "an") {
		switch lowLast {
		case "democrat", "republican", "conservative", "liberal", "socialist", "independent":
			return
		}
	}
	if c.role == "" {
		if ap := x.appositionAfter(j); ap != "" {
			c.role = ap
			if c.typ == "" && len(idx) >= 2 {
				c.typ, c.strong = sangbad.ActorPerson, true
			}
		}
	}
	if c.typ == "" && len(idx) >= 2 && x.saidAfter(j) {
		c.typ, c.strong = sangbad.ActorPerson, true
	}
	if c.typ == "" && len(idx) == 1 && x.saidAfter(j) && !(x.clauseStart(idx[0]) && x.g.enLex.has(strings.ToLower(stemName)) && !x.midCaps[stemName]) {
		// "Okonkwo said he ...", "Okonkwo told reporters": a person;
		// "Acme said it ...": an organisation
		switch x.pronounAfter(j) {
		case "person":
			c.typ = sangbad.ActorPerson
		case "thing":
			c.typ = sangbad.ActorOrganization
		}
	}
	if c.typ == "" && len(idx) == 1 {
		low := strings.ToLower(stemName)
		// a demonym of a known place ("Iraqi", "Iraqis", "Jordanian",
		// "Somali") is no actor
		if x.placeDemonym(stemName) {
			return
		}
		// "Austin, Texas": a word after a place and a comma is a place
		if i >= 2 && x.toks[i-1].text == "," && x.toks[i-2].kind == tkLatin && c.typ == "" {
			_, ok := x.g.enPlace(x.toks[i-2].text)
			if n := len(x.cands); n > 0 && x.cands[n-1].tj == i-1 && x.cands[n-1].typ == sangbad.ActorPlace {
				ok = true
			}
			// ... ending a phrase: "Austin, Texas, on Sunday", not "in
			// Chad, Sarkozy said"
			if n := x.toks[j:]; ok && (len(n) == 0 || n[0].kind == tkPunct && strings.Contains(",.;()", n[0].text)) {
				c.typ, c.strong = sangbad.ActorPlace, true
			}
		}
		// a demonym or adjective ("Somali government", "Islamic") is no actor
		if isDemonym(low) && j < len(x.toks) && x.toks[j].kind == tkLatin && !isUpperStart(x.toks[j].text) && !x.saidAfter(j) {
			return
		}
		if w.enRole[low] {
			return // "Analysts said"
		}
		if strings.HasSuffix(low, "ians") || strings.HasSuffix(low, "ists") || strings.HasSuffix(low, "eans") || strings.HasSuffix(low, "ans") && len(low) > 6 {
			return
		}
		// "in Batna", "the city of Batna": a place
		if i > 0 && x.toks[i-1].kind == tkLatin {
			switch strings.ToLower(x.toks[i-1].text) {
			case "to":
				// "from Dhaka to Mawa": the second end of a route is a place
				if n := len(x.cands); n > 0 && i >= 3 && x.cands[n-1].ti > 0 && strings.EqualFold(x.toks[x.cands[n-1].ti-1].text, "from") && x.cands[n-1].tj == i-1 && x.cands[n-1].typ == sangbad.ActorPlace {
					c.typ, c.strong = sangbad.ActorPlace, true
				}
			case "in", "near", "outside", "from":
				// "shares in Tesco", "a stake in Grab" are no places
				if !x.saidAfter(j) && !(i > 1 && enStakeNouns[strings.ToLower(x.toks[i-2].text)]) {
					c.typ = sangbad.ActorPlace
				}
			case "of":
				if i > 1 {
					switch strings.ToLower(x.toks[i-2].text) {
					case "city", "town", "village", "province", "district", "region", "state", "capital", "outskirts", "suburb":
						c.typ, c.strong = sangbad.ActorPlace, true
					}
				}
			}
		}
		// a lone sentence-initial word needs more evidence
		// a lone clause-initial word needs more evidence: a common word
		// of the text or of the English lexicon that is not capitalised
		// elsewhere in the text is no name ("Small", "Once", "Sources")
		common := x.lower[low] || (!x.midCaps[stemName] && x.g.enLex.has(low))
		if x.clauseStart(idx[0]) && !hasInnerCap(stemName) && (!x.saidAfter(j) || x.lower[low] || common && strings.HasSuffix(low, "s")) && (common || !x.midCaps[stemName]) && c.typ == "" {
			if _, poss := possessive(name); !poss {
				return
			}
		}
	}
	if c.typ == "" && len(idx) >= 2 {
		if t := multiWordHeadType(strings.ToLower(x.toks[idx[0]].text), lowLast, len(idx)); t != "" {
			c.typ = t
			x.add(c)
			return
		}
	}
	if c.typ == "" && len(idx) >= 2 {
		c.typ = sangbad.ActorPerson
		if nameParticles[x.toks[idx[0]].text] || brandTail[strings.ToLower(x.toks[idx[len(idx)-1]].text)] || enAdjectiveHead(x.g.enLex, lowFirst) {
			// "al Qaeda", "TikTok Shop", "Federal Reserve"
			c.typ = sangbad.ActorOrganization
		}
	}
	x.add(c)
}

// clauseStart reports a token whose capital says nothing: the first word
// of a sentence, also of one the splitter missed (inside quotations), or
// after an opening quote, a dash or a colon ("(CNN) -- Muddy but unhurt").
func (x *actorExtractor) clauseStart(i int) bool {
	if x.toks[i].sentStart || i == 0 || x.toks[i].newline {
		return true
	}
	switch x.toks[i-1].text {
	case ".", "!", "?", "\"", "“", "‘", "'", "(", "-", "—", "–", ":", ";":
		return true
	}
	return false
}

// stripEx removes an "Ex-" prefix from a title ("Ex-Sen" -> "Sen").
func stripEx(s string) string {
	if len(s) > 3 && (strings.HasPrefix(s, "Ex-") || strings.HasPrefix(s, "ex-")) {
		return s[3:]
	}
	return s
}

// isContraction reports "I'll", "I've", "don't", "we're": no name.
func isContraction(s string) bool {
	s = strings.ReplaceAll(s, "’", "'")
	if strings.EqualFold(s, "let's") {
		return true
	}
	a := strings.LastIndexByte(s, '\'')
	if a <= 0 {
		return false
	}
	switch strings.ToLower(s[a+1:]) {
	case "ll", "ve", "m", "re", "d", "t":
		return true
	}
	return false
}

// enPlaceFirst are first words of place names ("North Carolina", "Camp
// Cropper", "Lake Victoria"); enPlaceLast are their head words ("Ocean
// Isle Beach"); enEventLast are heads of events, competitions and shows
// ("World Cup", "Chinese Grand Prix"), typed as organisations.
var (
	enPlaceFirst = map[string]bool{"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
		"eastern": true, "western": true, "new": true, "upper": true, "lower": true, "central": true, "camp": true, "lake": true,
		"mount": true, "fort": true, "port": true, "cape": true, "gulf": true, "isle": true, "san": true, "santa": true, "saint": true}
	enPlaceLast = map[string]bool{"beach": true, "park": true, "island": true, "isle": true, "islands": true, "county": true,
		"valley": true, "river": true, "lake": true, "bay": true, "street": true, "avenue": true, "road": true, "highway": true,
		"square": true, "mountain": true, "mountains": true, "hills": true, "hill": true, "coast": true, "peninsula": true,
		"province": true, "district": true, "region": true, "airport": true, "station": true, "bridge": true, "harbor": true,
		"harbour": true, "prison": true, "desert": true, "sea": true, "ocean": true, "gulf": true, "strait": true, "canal": true,
		"forest": true, "village": true, "town": true, "city": true, "stadium": true, "arena": true, "plaza": true,
		"heights": true, "falls": true, "springs": true, "canyon": true, "creek": true, "cave": true, "caves": true, "state": false, "states": true,
		// South Asian place heads: "Sher-e-Bangla Nagar", "Karwan Bazar", "Mohakhali Upazila"
		"nagar": true, "bazar": true, "bazaar": true, "upazila": true, "thana": true, "union": false, "char": true, "ghat": true, "chowk": true,
		"udyan": true, "maidan": true}
	// enEventFirst start the names of storms: "Cyclone Remal"
	enEventFirst = map[string]bool{"cyclone": true, "hurricane": true, "typhoon": true, "storm": true}
	enEventLast  = map[string]bool{"slam": true, "cup": true, "prix": true, "open": true, "masters": true, "championship": true,
		"championships": true, "tour": true, "games": true, "olympics": true, "show": true, "channel": true, "radio": true,
		"report": true, "festival": true, "awards": true, "series": true, "conference": true, "summit": true, "review": true,
		"program": true, "programme": true, "project": true, "initiative": true, "accord": true, "treaty": true, "act": true,
		"prize": true, "marathon": true, "olympiad": true, "expo": true, "trophy": true, "derby": true, "classic": true}
)

// multiWordHeadType types a multi-word name without person cues by its
// first and last words: place or organisation, "" for no opinion.
func multiWordHeadType(lowFirst, lowLast string, n int) string {
	switch {
	case enEventLast[lowLast], enEventFirst[lowFirst] && n == 2:
		return sangbad.ActorOrganization
	case enPlaceLast[lowLast]:
		return sangbad.ActorPlace
	case enPlaceFirst[lowFirst] && n <= 3:
		return sangbad.ActorPlace
	}
	return ""
}

// pronounAfter looks at the words after a reporting verb that follows a
// name (token j on): "told" or he/she/his/her say "person", it/its say
// "thing", else "".
func (x *actorExtractor) pronounAfter(j int) string {
	for k := j; k < len(x.toks) && k < j+10; k++ {
		t := x.toks[k]
		if k > j && t.sentStart {
			break
		}
		if t.kind != tkLatin {
			continue
		}
		switch strings.ToLower(t.text) {
		case "told":
			if k <= j+1 {
				return "person"
			}
		case "he", "she", "his", "her", "him":
			return "person"
		case "it", "its":
			return "thing"
		}
	}
	return ""
}

// datelinePlace reports the place names of a dateline at the start of a
// line: "DALLAS, Texas (CNN) --", "LONDON, England (Reuters) --": a
// capitalised run first on its line followed by a comma, or after such a
// comma and followed by "(" or a dash.
func (x *actorExtractor) datelinePlace(i, j int) bool {
	lineStart := func(k int) bool { return k == 0 || x.toks[k].newline }
	next := func(k int) string {
		if k < len(x.toks) {
			return x.toks[k].text
		}
		return ""
	}
	if lineStart(i) && next(j) == "," && j+1 < len(x.toks) && x.toks[j+1].kind == tkLatin && isUpperStart(x.toks[j+1].text) {
		return isAllCaps(x.toks[i].text)
	}
	if i >= 2 && x.toks[i-1].text == "," && x.toks[i-2].kind == tkLatin && isAllCaps(x.toks[i-2].text) {
		k := i - 2
		for k > 0 && !x.toks[k].newline && x.toks[k-1].kind == tkLatin && isAllCaps(x.toks[k-1].text) {
			k--
		}
		if lineStart(k) {
			n := next(j)
			return n == "(" || n == "-" || n == "—" || n == "–"
		}
	}
	return false
}

// placeDemonym reports the demonym of a place in the gazetteer, singular
// or plural: Iraq-i, Pakistan-i, Jordan-ian, Syria-n, Somali(a).
func (x *actorExtractor) placeDemonym(name string) bool {
	if len(name) < 5 || strings.ContainsAny(name, " -.") {
		return false
	}
	name = strings.TrimSuffix(name, "s")
	try := func(p string) bool {
		if p == "" {
			return false
		}
		pl, ok := x.g.enPlace(p)
		return ok && pl.kind == "country"
	}
	switch {
	case strings.HasSuffix(name, "ese"): // Chinese, Japanese, Vietnamese
		stem := name[:len(name)-3]
		return try(stem) || try(stem+"a")
	case strings.HasSuffix(name, "ish"): // Turkish, Polish, Swedish
		stem := name[:len(name)-3]
		return try(stem+"ey") || try(stem+"and") || try(stem+"en") || try(stem)
	case strings.HasSuffix(name, "ian"): // Italian, Hungarian, Indonesian, Canadian
		return try(name[:len(name)-3]) || try(name[:len(name)-1]) || try(name[:len(name)-3]+"y") || try(name[:len(name)-2])
	case strings.HasSuffix(name, "an"):
		return try(name[:len(name)-1]) || try(name[:len(name)-2])
	case strings.HasSuffix(name, "i"):
		return try(name[:len(name)-1]) || try(name+"a")
	}
	return false
}

func isDemonym(low string) bool {
	for _, s := range []string{"ian", "ean", "ese", "ish", "ic", "an"} {
		if strings.HasSuffix(low, s) && len(low) > len(s)+2 {
			return true
		}
	}
	return false
}

// latinMention builds a candidate over the Latin words idx, with a
// possessive 's left in the surface only.
func (x *actorExtractor) latinMention(idx []int, typ string, strong bool) cand {
	first, last := x.toks[idx[0]], x.toks[idx[len(idx)-1]]
	full := x.span(first.bs, last.be, first.start)
	c := cand{typ: typ, strong: strong, ti: idx[0], tj: idx[len(idx)-1] + 1}
	stem, poss := possessive(full.Text)
	// "Qaeda-affiliated", "Singapore-based": the name before the hyphen
	if h := strings.LastIndexByte(stem, '-'); h > 0 && h+1 < len(stem) && !isUpperStart(stem[h+1:]) {
		stem, poss = stem[:h], true
	}
	if poss {
		c.stem = x.span(first.bs, first.bs+len(stem), first.start)
		s := full
		c.surf = &s
	} else {
		c.stem = full
	}
	c.name = c.stem.Text
	return c
}

// roleBefore returns the role phrase right before token i in English text:
// lower-case role words ("trade minister") optionally owned by a
// possessive ("Indonesia's") or introduced by an article.
func (x *actorExtractor) roleBefore(i int) string {
	w := x.g.w
	// "Biden's spokeswoman, Karine Jean-Pierre, said"
	if i > 1 && x.toks[i-1].text == "," {
		if r := x.roleBefore(i - 1); r != "" {
			return r
		}
		return ""
	}
	k := i - 1
	head := false
	for k >= 0 && i-k <= 5 {
		t := x.toks[k]
		if t.kind != tkLatin || x.toks[k+1].newline {
			break // not across a line break (a line's first word may open the role)
		}
		low := strings.TrimPrefix(strings.ToLower(t.text), "co-") // "co-CEO"
		if w.enRole[low] || w.enTitle[low] {
			if k == i-1 && (w.enTitle[low] || w.enRole[low]) {
				head = true
			}
			k--
			continue
		}
		break
	}
	if !head || k == i-1 {
		return ""
	}
	start := k + 1
	if k >= 0 && x.toks[k].kind == tkLatin {
		if _, poss := possessive(x.toks[k].text); poss && isUpperStart(x.toks[k].text) {
			start = k
			// a multi-word owner: "Bank of America's"
			for start > 0 && x.toks[start-1].kind == tkLatin && isUpperStart(x.toks[start-1].text) && x.toks[start].space {
				start--
			}
		}
	}
	// the employer before the role: "Microsoft Corp. chief executive" (not
	// across a line break)
	if start == k+1 && k >= 0 && !x.toks[start].newline {
		e := k
		if x.toks[e].text == "." && e > 0 && !x.toks[e].space {
			e--
		}
		if e >= 0 && x.toks[e].kind == tkLatin && isUpperStart(x.toks[e].text) && w.enOrgSuffix[strings.ToLower(x.toks[e].text)] {
			b := e
			for b > 0 && e-b < 4 && x.toks[b-1].kind == tkLatin && isUpperStart(x.toks[b-1].text) && x.toks[b].space {
				b--
			}
			if b < e {
				start = b
			}
		} else if e >= 0 {
			// an organisation found before: "Salesforce co-CEO", "Quora CEO"
			for ci := len(x.cands) - 1; ci >= 0 && ci >= len(x.cands)-3; ci-- {
				if c := x.cands[ci]; c.tj == e+1 && (c.typ == sangbad.ActorOrganization || c.typ == "") {
					start = c.ti
					break
				}
			}
		}
	}
	// "former Salesforce co-CEO"
	if start > 0 && x.toks[start-1].kind == tkLatin && enRoleModifiers[x.toks[start-1].text] && !x.toks[start].newline {
		start--
	}
	// only role words that include a real head (not "former", "senior" alone)
	words := x.d.text[x.toks[start].bs:x.toks[i-1].be]
	lastLow := strings.ToLower(x.toks[i-1].text)
	if !roleHead(lastLow) {
		return ""
	}
	return words
}

// roleHead reports role words that can end a role phrase.
func roleHead(low string) bool {
	switch low {
	case "trade", "foreign", "interior", "finance", "defence", "defense", "health", "education", "senior", "former",
		"acting", "state", "top", "regional", "national", "party", "opposition", "army", "military", "security",
		"economy", "commerce", "industry", "energy", "home", "affairs", "agriculture", "labor", "labour", "transport",
		"environment", "culture", "sports", "tourism", "technology", "investment", "external", "internal", "principal",
		"board", "deputy", "vice", "prime", "managing", "assistant", "associate", "communications", "information", "justice", "police":
		return false
	}
	return true
}

// appositionAfter returns an apposition after a name: ", the chief
// executive of Y," / ", a spokesman for Y."
func (x *actorExtractor) appositionAfter(j int) string {
	if j+1 >= len(x.toks) || x.toks[j].text != "," {
		return ""
	}
	w := x.g.w
	k := j + 1
	start := k
	if t := strings.ToLower(x.toks[k].text); t == "the" || t == "a" || t == "an" {
		k++
	}
	hasHead := false
	for n := 0; k < len(x.toks) && n < 4; n++ {
		low := strings.ToLower(x.toks[k].text)
		if x.toks[k].kind != tkLatin {
			break
		}
		if w.enRole[low] || w.enTitle[low] {
			if roleHead(low) {
				hasHead = true
			}
			k++
			continue
		}
		if _, poss := possessive(x.toks[k].text); poss {
			k++
			continue
		}
		if isUpperStart(x.toks[k].text) {
			if hasHead {
				// ", Planning Minister MA Mannan told ...": a title and a
				// name start a new clause, no apposition
				return ""
			}
			k++
			continue
		}
		break
	}
	if !hasHead {
		return ""
	}
	// the rest of the apposition up to a comma or the sentence end
	end := k
	for end < len(x.toks) && end-start < 14 {
		t := x.toks[end]
		if t.kind == tkPunct && (t.text == "," || t.text == "." || t.text == ";" || t.text == ")" || t.text == "(" || t.text == "\"" || t.text == "”") {
			break
		}
		if t.kind == tkLatin && w.enSay[strings.ToLower(t.text)] {
			return "" // a clause with its own reporting verb
		}
		end++
	}
	if end >= len(x.toks) || end-start >= 14 {
		return ""
	}
	return x.d.text[x.toks[start].bs:x.toks[end-1].be]
}

// saidAfter reports a reporting verb right after token j ("X said").
func (x *actorExtractor) saidAfter(j int) bool {
	if j < len(x.toks) && x.toks[j].text == "," {
		return false
	}
	for k := j; k < len(x.toks) && k < j+2; k++ {
		if x.toks[k].kind == tkLatin && x.g.w.enSay[strings.ToLower(x.toks[k].text)] {
			return true
		}
	}
	return false
}

// bnLatinSuffix extends a Latin name inside Bengali text with its case
// suffix ("GoTo-এর", "সি এর") and with a transliterated product word
// ("TikTok শপ" -> "TikTok Shop").
func (x *actorExtractor) bnLatinSuffix(c *cand, j int) {
	if j < len(x.toks) && x.toks[j].kind == tkBengali && x.toks[j].space {
		if gloss, ok := brandWords[bnStem(nfc(x.toks[j].text))]; ok {
			// "TikTok শপ": a product or unit of the brand
			inner := *c
			inner.nested = true
			inner.surf = nil
			x.add(inner)
			stemWord := bnStem(x.toks[j].text)
			full := x.span(x.toks[c.ti].bs, x.toks[j].bs+len(stemWord), x.toks[c.ti].start)
			c.stem = full
			c.name = strings.TrimSpace(c.name) + " " + gloss
			if len(stemWord) < len(x.toks[j].text) {
				s := x.tokSpan(c.ti, j+1)
				c.surf = &s
			} else {
				c.surf = nil
			}
			c.tj = j + 1
			c.typ, c.strong = sangbad.ActorOrganization, true
			return
		}
	}
	end := x.bnDetachedSuffix(j)
	if end > j {
		s := x.tokSpan(c.ti, end)
		c.surf = &s
		c.tj = end
	}
}

// bnDetachedSuffix returns the token after a case suffix written apart
// from a name ending before token j ("-এর", " এর", "'র"), or j.
func (x *actorExtractor) bnDetachedSuffix(j int) int {
	if j >= len(x.toks) {
		return j
	}
	t := x.toks[j]
	if t.kind == tkPunct && (t.text == "-" || t.text == "'" || t.text == "’") && !t.space && j+1 < len(x.toks) {
		n := x.toks[j+1]
		if n.kind == tkBengali && !n.space && bnDetachedSuffixes[nfc(n.text)] {
			return j + 2
		}
	}
	if t.kind == tkBengali && bnDetachedSuffixes[nfc(t.text)] && (nfc(t.text) == "এর" || !t.space) {
		return j + 1
	}
	return j
}

// brandTail are English words that end product and brand names.
// institutionName reports a run of capitalised words [idx] that starts
// with an adjective (low) and ends in an organisation head: "Supreme Court".
func (x *actorExtractor) institutionName(idx []int, low string) bool {
	if !enAdjectiveHead(x.g.enLex, low) {
		return false
	}
	last := strings.ToLower(x.toks[idx[len(idx)-1]].text)
	return x.g.w.enOrgSuffix[last] || x.g.w.enOrgSuffix[strings.TrimSuffix(last, "s")]
}

// enAdjectiveHead reports a common English adjective that starts the names
// of institutions, not of people: "Federal", "National", "Islamic",
// "Supreme", "Eastern".
func enAdjectiveHead(lex lexicon, low string) bool {
	if !lex.has(low) {
		return false
	}
	for _, suf := range []string{"al", "ic", "ive", "ary", "ern", "ous", "eme"} {
		if strings.HasSuffix(low, suf) && len(low) > len(suf)+2 {
			return true
		}
	}
	return false
}

// portfolioBefore reads a portfolio at the start of the run idx after a
// title and "for" or "of" ("Minister for Labour", "Minister of Home
// Affairs"), with at least two name words after it. It returns the whole
// role and the number of portfolio words, or 0.
func (x *actorExtractor) portfolioBefore(idx []int) (string, int) {
	w := x.g.w
	i := idx[0]
	if i < 2 || len(idx) < 3 || !x.toks[i].space {
		return "", 0
	}
	if p := x.toks[i-1].text; p != "for" && p != "of" {
		return "", 0
	}
	t := i - 2
	if x.toks[t].kind != tkLatin || !isUpperStart(x.toks[t].text) || !w.enTitle[strings.ToLower(x.toks[t].text)] {
		return "", 0
	}
	start := t
	for start > 0 && x.toks[start-1].kind == tkLatin && isUpperStart(x.toks[start-1].text) && w.enRole[strings.ToLower(x.toks[start-1].text)] {
		start-- // "State Minister", "Deputy Minister"
	}
	n := 0
	for n < 3 && len(idx)-n > 2 {
		low := strings.ToLower(x.toks[idx[n]].text)
		if !w.enRole[low] && !x.g.enLex.has(low) || x.midCaps[x.toks[idx[n]].text] && !w.enRole[low] {
			break
		}
		n++
	}
	if n == 0 {
		return "", 0
	}
	return x.d.text[x.toks[start].bs:x.toks[idx[n-1]].be], n
}

// codeAround reports a Latin token joined by a hyphen to digits on either
// side: a model or code ("GPT-4o", "COVID-19", "F-16", "4x4").
func (x *actorExtractor) codeAround(k int) bool {
	if k+2 < len(x.toks) && x.toks[k+1].text == "-" && !x.toks[k+1].space && x.toks[k+2].kind == tkDigit && !x.toks[k+2].space {
		return true
	}
	if k >= 1 && x.toks[k-1].kind == tkDigit && (!x.toks[k].space || isAllCaps(x.toks[k].text)) {
		return true // the "o" of "4o", the "MAX" of "737 MAX"
	}
	return false
}

// periodCode reports a fiscal or calendar period written as a code:
// "FY2024", "FY24", "Q3", "H1".
func periodCode(s string) bool {
	for _, p := range []string{"FY", "Q", "H"} {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" && strings.Trim(rest, "0123456789") == "" {
			return p != "Q" && p != "H" || len(rest) == 1
		}
	}
	return false
}

// enHonorifics are titles of address, no office: "Mr", "Dr".
var enHonorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "sir": true, "dame": true,
	"prof": true, "mx": true, "messrs": true, "mme": true, "mlle": true}

// enRoleModifiers before a capitalised title belong to the role.
var enRoleModifiers = map[string]bool{"former": true, "acting": true, "interim": true, "outgoing": true, "incoming": true,
	"deputy": true, "then": true, "late": true, "ousted": true, "jailed": true, "exiled": true, "veteran": true, "new": true}

// enOrgKindNouns are lower-case nouns that, right before a capitalised
// name, say it is an organisation ("supermarket Tesco").
var enOrgKindNouns = wordSet(`supermarket supermarkets retailer retailers company companies firm firms bank banks
lender lenders insurer insurers carmaker automaker airline airlines startup start-up conglomerate broker
brokerage chipmaker drugmaker manufacturer miner producer distributor operator telecoms telecom
developer publisher broadcaster newspaper agency agencies group subsidiary fund funds`, true)

// enPlaceKindNouns before "of" make the name after it a place.
var enPlaceKindNouns = wordSet(`city town village province district region state capital outskirts suburb suburbs
neighborhood neighbourhood area island county municipality port`, true)

// enMakerNouns name a company by what it does: "the maker of", "the owner
// of".
var enMakerNouns = wordSet(`maker makers manufacturer producer developer operator owner provider supplier exporter
importer builder carrier`, true)

// enStakeNouns before "in" make the name after it an investee, not a place.
var enStakeNouns = wordSet(`shares share stake stakes holding holdings investment investments invested invest
interest interests`, true)

var brandTail = map[string]bool{"shop": true, "store": true, "pay": true, "mall": true, "mart": true, "cloud": true, "music": true, "express": true, "live": true, "plus": true, "pro": true}

// brandWords are transliterated English words that continue a brand name
// written in Latin script ("TikTok শপ").
var brandWords = map[string]string{"শপ": "Shop", "পে": "Pay", "স্টোর": "Store", "মিউজিক": "Music", "ক্লাউড": "Cloud", "লাইভ": "Live", "নিউজ": "News", "মার্ট": "Mart", "ফুড": "Food", "এক্সপ্রেস": "Express"}

// ---------------------------------------------------------------- Bengali

// bnWord returns token i's text in NFC and its stem.
func (x *actorExtractor) bnWord(i int) (string, string) {
	if x.norms[i] == "" {
		x.norms[i] = nfc(x.toks[i].text)
		x.stems[i] = x.norms[i]
		if !x.g.w.bnName[x.norms[i]] { // "তালুকদার" keeps its র
			var known bool
			x.stems[i], known = x.g.analyze(x.norms[i])
			x.knownTok[i] = 2
			if known {
				x.knownTok[i] = 1
			}
			// a role word keeps a final -র that is no genitive
			// ("উপকমিশনার", not "উপকমিশনা" + -র)
			if st := x.stems[i]; st != x.norms[i] && !x.g.w.isBnRole(st) && x.g.w.isBnRole(x.norms[i]) {
				x.stems[i] = x.norms[i]
			}
		}
	}
	return x.norms[i], x.stems[i]
}

// tokKeys returns the name keys of Bengali token i (cached).
func (x *actorExtractor) tokKeys(i int) []string {
	if x.keys == nil {
		x.keys = make([][]string, len(x.toks))
	}
	if x.keys[i] == nil {
		w, st := x.bnWord(i)
		x.keys[i] = []string{bengaliKey(w)}
		if st != w {
			x.keys[i] = append(x.keys[i], bengaliKey(st))
		}
	}
	return x.keys[i]
}

// isKnown reports whether Bengali token i is an ordinary word (cached
// gazetteer.known).
func (x *actorExtractor) isKnown(i int) bool {
	w, _ := x.bnWord(i) // usually decides knownTok too
	if x.knownTok[i] == 0 {
		x.knownTok[i] = 2
		if x.g.known(w) {
			x.knownTok[i] = 1
		}
	}
	return x.knownTok[i] == 1
}

// bnMention builds a candidate over Bengali tokens [i,j) whose last token is
// reduced to stem (a prefix of it as written).
func (x *actorExtractor) bnMention(i, j int, stemLast string, typ string, strong bool) cand {
	last := x.toks[j-1]
	raw := last.text
	// the stem is computed on NFC text; map its length back when the raw
	// token is NFC already (nearly always), else keep the whole token
	sl := len(raw)
	if n := nfc(raw); n == raw && strings.HasPrefix(raw, stemLast) {
		sl = len(stemLast)
	} else if n != raw {
		// precomposed nukta letters: find the raw prefix whose NFC is the stem
		for b := range raw {
			if b > 0 && nfc(raw[:b]) == stemLast {
				sl = b
				break
			}
		}
	}
	c := cand{typ: typ, strong: strong, ti: i, tj: j}
	c.stem = x.span(x.toks[i].bs, last.bs+sl, x.toks[i].start)
	if sl < len(raw) {
		s := x.tokSpan(i, j)
		c.surf = &s
	}
	c.name = nfc(c.stem.Text)
	return c
}

// bengaliPass finds names in Bengali script with the gazetteer and cues.
func (x *actorExtractor) bengaliPass() {
	w := x.g.w
	for i := 0; i < len(x.toks); i++ {
		t := x.toks[i]
		if t.kind != tkBengali || !t.space && i > 0 && x.toks[i-1].kind == tkDigit {
			continue // not a classifier on a number ("৫৩৮টি")
		}
		word, stem := x.bnWord(i)
		// "চন্দনাইশ উপজেলার", "বাড্ডা থানার": the name before an
		// administrative unit is a place, the unit word no part of it
		if x.bnAdminPlace(i) {
			continue
		}
		// places, longest first
		if n := x.bnPlaceAt(i); n > 0 {
			i += n - 1
			continue
		}
		// "পার্বত্য চট্টগ্রাম", "অবিভক্ত বাংলা": a geographic adjective and a place
		if bnPlaceAdjectives[word] && i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && x.toks[i+1].space && !x.toks[i+1].newline {
			at := len(x.cands)
			if n := x.bnPlaceAt(i + 1); n > 0 {
				if c := &x.cands[at]; at == len(x.cands)-1 && c.typ == sangbad.ActorPlace {
					end := x.toks[c.ti].bs + len(c.stem.Text)
					c.stem = x.span(x.toks[i].bs, end, x.toks[i].start)
					if c.surf != nil {
						sp := x.tokSpan(i, c.tj)
						c.surf = &sp
					}
					c.name = word + " " + c.name
					c.ti = i
				}
				i += n
				continue
			}
		}
		// titles and roles before a person's name
		if w.isBnRole(stem) || w.bnTitle[x.bnTitleAt(i)] {
			if j := x.bnPersonAfter(i); j > i {
				i = j - 1
				continue
			}
		}
		// "বিনিয়োগ ব্যাংক মরগান স্ট্যানলির": a kind of organisation before
		// a foreign name describes it rather than ending a name
		if j := x.bnDescribedOrg(i); j > i && j-i > 2 {
			i = j - 1
			continue
		}
		// organisations and places by their head word
		if w.isBnOrgHead(stem) || bnOrgCompound(stem) {
			x.bnOrgAt(i, stem, sangbad.ActorOrganization)
			continue
		}
		if w.bnPlaceHead[stem] {
			x.bnOrgAt(i, stem, sangbad.ActorPlace)
			continue
		}
		// compound personal names: "হেলালউদ্দিন", "খালেকুজ্জামান"
		if bnPersonCompound(stem) && !x.isKnown(i) {
			x.add(x.bnMention(i, i+1, stem, sangbad.ActorPerson, true))
			continue
		}
		// Persian-style names: "হেফাজতে ইসলাম", "জামায়াতে ইসলামী"
		if strings.HasSuffix(word, "ে") && i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && x.toks[i+1].space {
			if nw, ns := x.bnWord(i + 1); ns == "ইসলাম" || ns == "ইসলামী" || nw == "ইসলামী" {
				start := i
				if c := x.bnCountryBefore(i); c >= 0 && c == i-1 {
					start = c // "বাংলাদেশ জামায়াতে ইসলামী"
				}
				x.add(x.bnMention(start, i+2, ns, sangbad.ActorOrganization, true))
				i++
				continue
			}
		}
		// transliterated acronyms: বিএনপি, আইসিসি
		acr := stem
		if isBnAcronym(word) && !isBnAcronym(stem) {
			acr = word // "ডব্লিউএইচও": the ও is the letter O, not "also"
		}
		code := i+2 < len(x.toks) && x.toks[i+1].text == "-" && !x.toks[i+1].space && x.toks[i+2].kind == tkDigit // "বিপিএম-৬"
		if isBnAcronym(acr) && !bnNonOrgAcronyms[acr] && !x.bnRoleAbbrev(i) && !code {
			x.add(x.bnMention(i, i+1, acr, sangbad.ActorOrganization, true))
			continue
		}
		// context cues for foreign names unknown to the lexicon
		if j := x.bnDescribedOrg(i); j > i {
			i = j - 1
			continue
		}
		if word == "মালিকানাধীন" {
			x.bnOwnedBy(i)
			continue
		}
		if word == "যেমন" && i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && x.bnNameCandidate(i+1) {
			_, st := x.bnWord(i + 1)
			x.add(x.bnMention(i+1, i+2, st, sangbad.ActorOrganization, false))
			continue
		}
		// place-name endings of unknown words: "বাজিতপুর", "কিশোরগঞ্জ"
		if bnPlaceLike(stem) && !x.isKnown(i) && !w.bnName[stem] && !(i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && (w.isBnOrgHead(bnStem(nfc(x.toks[i+1].text))) || w.bnName[nfc(x.toks[i+1].text)])) {
			x.add(x.bnMention(i, i+1, stem, sangbad.ActorPlace, false))
			continue
		}
		// a surname run: "তারেক রহমান", "মো. আতিকুল ইসলাম"
		if j := x.bnNameRun(i); j > i+1 {
			if x.bnRunHasSurname(i, j) {
				_, st := x.bnWord(j - 1)
				x.add(x.bnMention(i, j, st, sangbad.ActorPerson, true))
				i = j - 1
				continue
			}
		}
		// a reporting verb first, the speaker last: "বিবৃতিতে বলেছেন শচীন।"
		// ... and any honorific verb first: "শপথ নিয়েছেন নাজিব রাজাক।"
		if (w.bnSay[word] || bnHonorificVerb(word)) && i+2 < len(x.toks) && x.toks[i+1].kind == tkBengali {
			k := i + 1
			for k < len(x.toks) && k-i <= 3 && x.toks[k].kind == tkBengali && x.bnNameCandidate(k) && !x.isKnown(k) {
				k++
			}
			if k > i+1 && k < len(x.toks) && x.toks[k].kind == tkPunct && (x.toks[k].text == "।" || x.toks[k].text == ".") {
				typ := sangbad.ActorOrganization
				if strings.HasSuffix(word, "ন") {
					typ = sangbad.ActorPerson
				}
				_, st := x.bnWord(k - 1)
				x.add(x.bnMention(i+1, k, st, typ, false))
				i = k - 1
				continue
			}
		}
		// two or three words unknown to the lexicon in a row are a foreign
		// or uncommon name: "মিচেল নাইট নিখোঁজ হন"
		if j := x.bnUnknownRun(i); j > i+1 {
			_, st := x.bnWord(j - 1)
			x.add(x.bnMention(i, j, st, sangbad.ActorPerson, false))
			i = j - 1
			continue
		}
		// a known given name alone as the subject of an honorific verb:
		// "মাধুরী বলেন", "আনোয়ার মারা যান"
		if (w.bnGiven[word] || w.bnName[word] && !x.isKnown(i)) && !x.bnHasSuffix(i) && i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && x.toks[i+1].space {
			next := nfc(x.toks[i+1].text)
			died := next == "মারা" && i+2 < len(x.toks) && bnHonorificVerb(nfc(x.toks[i+2].text))
			prevName := i > 0 && x.toks[i-1].kind == tkBengali && x.toks[i].space && x.bnNameCandidate(i-1)
			if (w.bnSay[next] && strings.HasSuffix(next, "ন") || bnHonorificVerb(next) || died) && !prevName {
				x.add(x.bnMention(i, i+1, word, sangbad.ActorPerson, true))
				continue
			}
		}
		// an unknown word right before a reporting verb: "খালেকুজ্জামান বলেন"
		// (not the noun of a compound verb: "শুভেচ্ছা জানান")
		if x.bnNameCandidate(i) && i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && w.bnSay[nfc(x.toks[i+1].text)] && !x.bnHasSuffix(i) && !bnCompoundVerbNouns[word] {
			typ := sangbad.ActorOrganization
			if strings.HasSuffix(nfc(x.toks[i+1].text), "ন") {
				typ = sangbad.ActorPerson
			}
			start := i
			if i > 0 && x.toks[i-1].kind == tkBengali && x.bnNameCandidate(i-1) {
				start = i - 1
			}
			x.add(x.bnMention(start, i+1, word, typ, false))
		}
	}
}

// bnDescPhrase returns the descriptor phrase ending at token i: up to four
// words back, through hyphens, ending after a genitive owner ("GoTo-এর
// ই-কমার্স ইউনিট").
func (x *actorExtractor) bnDescPhrase(i int) string {
	start := i
	for k := i - 1; k >= 0 && i-k <= 6; k-- {
		t := x.toks[k]
		if t.newline || (t.kind == tkPunct && t.text != "-") || x.toks[k+1].newline {
			break
		}
		if t.kind == tkBengali {
			word, st := x.bnWord(k)
			joined := x.toks[k+1].text == "-" && !x.toks[k+1].space
			if !joined && word != "এর" && (x.g.w.bnStop[word] || x.g.w.bnSay[word] || isBnVerbForm(word)) {
				break
			}
			start = k
			if word != st || word == "এর" {
				// the owner: "GoTo-এর", "ইন্দোনেশিয়ার"
				for start > 0 && (x.toks[start-1].text == "-" || x.toks[start-1].kind == tkLatin) && !x.toks[start].space {
					start--
				}
				break
			}
			continue
		}
		if t.kind == tkLatin || t.text == "-" {
			start = k
			continue
		}
		break
	}
	return x.d.text[x.toks[start].bs:x.toks[i].be]
}

// bnTitleAt returns token i as a title, with a following dot when the title
// is abbreviated ("মো.", "ড.").
func (x *actorExtractor) bnTitleAt(i int) string {
	w := nfc(x.toks[i].text)
	if i+1 < len(x.toks) && !x.toks[i+1].space && (x.toks[i+1].text == "." || x.toks[i+1].text == "ঃ") {
		if x.g.w.bnTitle[w+x.toks[i+1].text] {
			return w + x.toks[i+1].text
		}
	}
	return w
}

// bnHasSuffix reports whether token i carries a case suffix.
func (x *actorExtractor) bnHasSuffix(i int) bool {
	w, s := x.bnWord(i)
	return w != s
}

// bnNameCandidate reports whether Bengali token i may be (part of) a
// name: not a function word, role or verb, and unknown to the lexicon or a
// common name part; at least two letters.
func (x *actorExtractor) bnNameCandidate(i int) bool {
	if x.toks[i].kind != tkBengali {
		return false
	}
	if x.nameTok[i] == 0 {
		x.nameTok[i] = 2
		if x.bnNameCandidateUncached(i) {
			x.nameTok[i] = 1
		}
	}
	return x.nameTok[i] == 1
}

func (x *actorExtractor) bnNameCandidateUncached(i int) bool {
	w := x.g.w
	word, stem := x.bnWord(i)
	if utf8.RuneCountInString(stem) < 2 || w.bnStop[word] || w.bnStop[stem] || w.bnSay[word] || w.isBnRole(stem) || w.isBnOrgHead(stem) || w.bnPronoun[word] {
		return false
	}
	if isBnVerbForm(word) {
		return false
	}
	if w.bnName[stem] || w.bnName[word] {
		return true
	}
	// "শ্রীলঙ্কান" is no name word, nor "এলাকাবাসী" (residents of ...)
	return !x.isKnown(i) && !x.bnDemonym(stem) && !strings.HasSuffix(stem, "বাসী")
}

// bnPlainWord reports a Bengali token that is no function word, verb,
// role, pronoun or organisation word.
func (x *actorExtractor) bnPlainWord(i int) bool {
	if x.toks[i].kind != tkBengali {
		return false
	}
	w := x.g.w
	word, stem := x.bnWord(i)
	return !(w.bnStop[word] || w.bnStop[stem] || w.bnSay[word] || w.isBnRole(stem) || w.isBnOrgHead(stem) || w.bnPronoun[word] || isBnVerbForm(word)) && utf8.RuneCountInString(word) >= 2
}

// isBnVerbForm reports finite verb endings that names do not have.
func isBnVerbForm(w string) bool {
	for _, s := range []string{"েছেন", "েছে", "েছিল", "েছিলেন", "চ্ছে", "চ্ছেন", "বেন", "লেন", "তেন", "ছিলেন"} {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// bnPlaceAt records a place starting at token i and returns its length in
// tokens, or 0. Words of a place are joined by spaces or hyphens
// ("দক্ষিণ-পূর্ব এশিয়ার"); only the last may carry a case suffix.
func (x *actorExtractor) bnPlaceAt(i int) int {
	idx := []int{i}
	first, _ := x.bnWord(i)
	maxWords := 1
	if x.g.bnFirst[first] {
		maxWords = min(max(x.g.maxBnWords, x.g.maxOrgWords), 6)
	}
	for k := i + 1; k < len(x.toks) && len(idx) < maxWords; k++ {
		t := x.toks[k]
		if t.kind == tkBengali && t.space && !t.newline && x.toks[k-1].kind == tkBengali {
			idx = append(idx, k)
			continue
		}
		if t.text == "-" && !t.space && k+1 < len(x.toks) && x.toks[k+1].kind == tkBengali && !x.toks[k+1].space {
			idx = append(idx, k+1)
			k++
			continue
		}
		break
	}
	for n := len(idx); n >= 1; n-- {
		prefix := ""
		for _, k := range idx[:n-1] {
			w, _ := x.bnWord(k)
			prefix += w + " "
		}
		lastWord, _ := x.bnWord(idx[n-1])
		for _, st := range bnStems(lastWord) {
			key := st
			if prefix != "" {
				key = prefix + st
			}
			if en, ok := x.g.bnOrgs[key]; ok {
				from := i
				if c := x.bnCountryBefore(i); c >= 0 && c == i-1 {
					from = c // "বাংলাদেশ জামায়াতে ইসলামী"
				}
				c := x.bnMention(from, idx[n-1]+1, st, sangbad.ActorOrganization, true)
				c.name = en
				x.add(c)
				return idx[n-1] + 1 - i
			}
			p, found := x.g.bnPlace(key)
			if !found || bnAmbiguousPlaces[key] {
				continue
			}
			c := x.bnMention(i, idx[n-1]+1, st, sangbad.ActorPlace, true)
			c.name = p.bn
			x.add(c)
			return idx[n-1] + 1 - i
		}
	}
	return 0
}

// bnDemonymWords are Bengali demonyms not formed from the country's
// Bengali name ("মার্কিন" American, "ব্রিটিশ").
var bnDemonymWords = map[string]bool{"মার্কিন": true, "ব্রিটিশ": true, "ইংরেজ": true, "ফরাসি": true, "ফরাসী": true, "রুশ": true, "চীনা": true,
	"জার্মান": true, "ইউরোপীয়": true, "আরব": false, "ইন্ডিয়ান": true, "আমেরিকান": true}

// bnDemonym reports a Bengali demonym or adjective of a country: a
// listed one, or the country's name with -ীয়, -ি/-ী or -ন ("ভারতীয়",
// "বাংলাদেশি", "পাকিস্তানী", "শ্রীলঙ্কান"). It names no place of its own.
func (x *actorExtractor) bnDemonym(w string) bool {
	if bnDemonymWords[w] {
		return true
	}
	for _, suf := range []string{"ীয়", "িয়", "ি", "ী", "ান", "ন"} {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || utf8.RuneCountInString(base) < 2 {
			continue
		}
		for _, b := range []string{base, base + "া"} {
			if p, ok := x.g.bnPlace(b); ok && p.kind == "country" {
				return true
			}
		}
	}
	return false
}

// bnPlaceAdjectives are geographic adjectives that form a place's name
// with the place after them ("পার্বত্য চট্টগ্রাম", "উত্তর বঙ্গ").
var bnPlaceAdjectives = map[string]bool{"পার্বত্য": true, "অবিভক্ত": true, "বৃহত্তর": true, "উত্তর": true, "দক্ষিণ": true, "পূর্ব": true, "পশ্চিম": true, "মধ্য": true}

// bnAdminHeads are the words for administrative units and localities
// that follow a place's name ("সাটুরিয়া উপজেলা", "মীরনগর এলাকা"); the
// place is the name alone. A police station (থানা) is an organisation
// too, with the place kept inside it.
var bnAdminHeads = map[string]bool{"উপজেলা": true, "জেলা": true, "ইউনিয়ন": true, "পৌরসভা": true, "গ্রাম": true, "এলাকা": true, "থানা": true, "মহল্লা": true}

// bnAdminPlace records a place at token i when an administrative unit word
// follows it: a bare word that is a gazetteer place, has a place-name
// ending or is unknown to the lexicon.
func (x *actorExtractor) bnAdminPlace(i int) bool {
	if i+1 >= len(x.toks) || x.toks[i+1].kind != tkBengali || !x.toks[i+1].space || x.toks[i+1].newline {
		return false
	}
	_, head := x.bnWord(i + 1)
	if !bnAdminHeads[head] {
		return false
	}
	word, stem := x.bnWord(i)
	if word != stem || x.g.w.bnName[word] || x.g.w.bnOrgMod[word] || !x.bnPlainWord(i) {
		return false // "মডেল থানা": a modifier of the unit
	}
	if _, ok := x.g.bnPlace(word + " " + head); ok {
		return false // "সোভিয়েত ইউনিয়ন" is the place's own name
	}
	_, isPlace := x.g.bnPlace(word)
	if !isPlace && !bnPlaceLike(word) && (x.isKnown(i) || !x.bnNameCandidate(i)) {
		return false
	}
	if i > 0 && x.toks[i-1].kind == tkBengali && x.toks[i].space {
		// "সাদা এলাকা" is no name; a name run before the unit is a person's
		// or a longer place's: leave both to the other rules
		if pw, ps := x.bnWord(i - 1); pw == ps && x.bnNameCandidate(i-1) && !x.g.w.isBnRole(ps) {
			return false
		}
	}
	c := x.bnMention(i, i+1, word, sangbad.ActorPlace, isPlace)
	if p, ok := x.g.bnPlace(word); ok {
		c.name = p.bn
	}
	c.inside = head == "থানা"
	x.add(c)
	return true
}

// bnPlaceLike reports the endings of Bengali place names (-পুর "town",
// -গঞ্জ "market town", -হাট, -নগর, -বাড়ী, -গড়).
func bnPlaceLike(s string) bool {
	if utf8.RuneCountInString(s) < 5 {
		return false
	}
	for _, suf := range bnPlaceEndings {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// bnPlaceEndings are the endings of bnPlaceLike in NFC (ড় as ড + nukta).
var bnPlaceEndings = []string{"পুর", "গঞ্জ", "হাট", "নগর", "বাড\u09bcী", "বাড\u09bcি", "গড\u09bc", "কান্দি", "ডাঙ্গা", "খালী", "খালি"}

// bnAmbiguousPlaces are gazetteer names that are also common Bengali words.
var bnAmbiguousPlaces = map[string]bool{"মালি": true, "চাদ": true, "জার্সি": true, "আমেরিকা": false}

// bnPersonAfter records a person named after the role or title at token i
// and returns the token after the name, or i when no name follows.
func (x *actorExtractor) bnPersonAfter(i int) int {
	w := x.g.w
	j := i + 1
	_, stem := x.bnWord(i)
	isRole := w.isBnRole(stem)
	start := len(x.toks) // the name's first token, when a title starts it
	if !isRole && !w.bnProfTitle[x.bnTitleAt(i)] {
		start = i // a title is part of the name ("মো. শহীদুল হক")
	}
	// skip the title's dot and further titles, and the role's abbreviation
	// in parentheses ("ভারপ্রাপ্ত কর্মকর্তা (ওসি) আব্দুল জলিল")
	for j < len(x.toks) {
		t := x.toks[j]
		if isRole && j == i+1 && t.text == "(" && j+3 < len(x.toks) && x.toks[j+2].text == ")" && x.toks[j+1].kind == tkBengali && x.toks[j+3].kind == tkBengali && x.toks[j+3].space {
			if _, ab := x.bnWord(j + 1); isBnAcronym(ab) || x.g.w.isBnRole(ab) {
				j += 3
				continue
			}
		}
		if (t.text == "." || t.text == "ঃ") && !t.space {
			j++
			continue
		}
		// "লেফটেন্যান্ট জেনারেল (অব.) জাহাঙ্গীর আলম": retired
		if t.text == "(" && j+2 < len(x.toks) && x.toks[j+1].kind == tkBengali && strings.HasPrefix(nfc(x.toks[j+1].text), "অব") {
			k := j + 2
			for k < len(x.toks) && k < j+5 && x.toks[k].text != ")" {
				k++
			}
			if k < len(x.toks) && x.toks[k].text == ")" {
				j = k + 1
				continue
			}
		}
		if t.kind == tkBengali && (w.bnTitle[x.bnTitleAt(j)]) {
			// a professional title is not ("অধ্যাপক", "প্রকৌশলী")
			if start == len(x.toks) && !w.bnProfTitle[x.bnTitleAt(j)] {
				start = j
			}
			j++
			continue
		}
		break
	}
	nameStart := j
	// a plural role ("চিকিৎসকদের", "নেতারা") names no one person, nor does
	// a role in the genitive ("ছয় সদস্যের আপিল বেঞ্চ": of six members)
	if rw, rs := x.bnWord(i); isRole && (strings.HasSuffix(rw, "দের") || strings.HasSuffix(rw, "রা") || strings.HasSuffix(rw, "গণ") || rw != rs && strings.HasSuffix(rw, "র") && j == i+1) {
		return i
	}
	for j < len(x.toks) && j-nameStart < 5 { // "আবুল বাশার মোহাম্মদ খুরশীদ আলম"
		if x.toks[j].kind == tkBengali {
			if vw := nfc(x.toks[j].text); bnHonorificVerb(vw) || isBnVerbForm(vw) {
				break // "... রায় দেন": a verb ends the name
			}
		}
		if x.bnLocative(j) {
			break // "সম্প্রতি সাভারে রানা প্লাজা", "চেম্বারে": no name word
		}
		if x.toks[j].kind == tkLatin && x.toks[j].space {
			// a Latin name after a Bengali role is handled by the Latin pass
			return i
		}
		if !x.toks[j].space {
			break
		}
		if j == nameStart {
			if _, place := x.g.bnPlace(nfc(x.toks[j].text)); place {
				break // "প্রধান খুলনা রেঞ্জের": a place starts no name
			}
		} else if x.bnKnownOrgAt(j) || x.bnKnownPlaceAt(j) || x.bnClassified(j) {
			break // "ইলন মাস্ক টুইটার কিনে", "স্টিফেন হকিং ইসরায়েলের": a known organisation or place ends the name
		}
		if x.bnInitialAt(j) {
			j++
			continue
		}
		if !x.bnNameCandidate(j) {
			// a common word can start a name when a name word follows it
			// ("প্রধান নির্বাহী সুন্দর পিচাই"), and end it right before a
			// reporting verb ("মেয়র সাঈদ খোকন বলেন")
			startOK := j == nameStart && x.bnPlainWord(j) && j+1 < len(x.toks) && x.toks[j+1].space && x.bnNameCandidate(j+1) && !x.bnHasSuffix(j) && !x.bnLocative(j+1)
			endOK := j > nameStart && x.bnPlainWord(j) && !x.bnHasSuffix(j) && (x.bnSayAt(j+1) || x.bnSentenceEndAt(j+1))
			// ... or stand inside it before a known name part ("আবুল মাল
			// আবদুল মুহিত")
			midOK := j > nameStart && x.bnPlainWord(j) && !x.bnHasSuffix(j) && x.bnNamePartAt(j+1)
			if !startOK && !endOK && !midOK {
				break
			}
		}
		j++
		// a double-barrelled name: "স্যাম ব্যাংকম্যান-ফ্রিডকে"
		if j+1 < len(x.toks) && x.toks[j].text == "-" && !x.toks[j].space && x.toks[j+1].kind == tkBengali && !x.toks[j+1].space && !x.bnHasSuffix(j-1) {
			if _, place := x.g.bnPlace(nfc(x.toks[j+1].text)); !place {
				j += 2
			}
		}
		if x.bnNameEnds(j - 1) {
			break
		}
	}
	if j == nameStart {
		return i
	}
	if start > nameStart {
		start = nameStart
	}
	lw, st := x.bnWord(j - 1)
	if st != lw && strings.HasSuffix(lw, "র") && st+"র" == lw && j < len(x.toks) && (x.bnSayAt(j) || bnHonorificVerb(nfc(x.toks[j].text))) {
		st = lw // the subject of a verb takes no genitive: "কবিরুল বাশার বলেন"
	}
	if st+"রা" == lw && j-nameStart > 1 {
		st = lw // no plural on a person: "... ইন্দিরা"
	}
	c := x.bnMention(start, j, st, sangbad.ActorPerson, true)
	if isRole {
		c.role = x.bnRolePhrase(i)
		// professional titles between the role and the name belong to it:
		// "প্রধান বিচারপতি", "অ্যাটর্নি জেনারেল"
		if last := nameStart - 1; last > i && start >= nameStart && x.toks[last].kind == tkBengali && w.bnProfTitle[x.bnTitleAt(last)] {
			if rp := x.bnRolePhrase(i); rp != "" {
				c.role = rp + x.d.text[x.toks[i].be:x.toks[last].be]
			}
		}
	}
	x.add(c)
	return j
}

// bnRolePhrase returns the role phrase ending at role token i, with its
// owner in the genitive before it ("ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী",
// "বাংলাদেশ ব্যাংকের গভর্নর").
func (x *actorExtractor) bnRolePhrase(i int) string {
	start := i
	// a second role joined by ও: "নির্বাহী পরিচালক ও মুখপাত্র"
	for k := i - 1; k >= 0 && i-k <= 3; k-- {
		t := x.toks[k]
		if t.kind != tkBengali {
			break
		}
		word, stem := x.bnWord(k)
		if x.g.w.isBnRole(stem) || bnRoleModifiers[word] {
			start = k
			continue
		}
		break
	}
	if start > 0 && x.toks[start-1].kind == tkBengali {
		if word, _ := x.bnWord(start - 1); x.bnDemonym(word) {
			// a nationality: "মার্কিন প্রেসিডেন্ট", "ভারতীয় পররাষ্ট্রমন্ত্রী"
			return x.d.text[x.toks[start-1].bs:x.toks[i].be]
		}
	}
	if start > 0 && x.toks[start-1].kind == tkBengali {
		word, stem := x.bnWord(start - 1)
		// the owner is a genitive ("ইন্দোনেশিয়ার"), not a locative ("বৈঠকে")
		if word != stem && strings.HasSuffix(word, "র") && !x.g.w.bnStop[word] && !x.g.w.bnPronoun[word] {
			start--
			// the whole name of a known owner: "ফায়ার সার্ভিস ও সিভিল
			// ডিফেন্সের মহাপরিচালক"
			owner := false
			for ci := len(x.cands) - 1; ci >= 0 && ci >= len(x.cands)-4; ci-- {
				if c := x.cands[ci]; c.tj == start+1 && c.ti < start && (c.typ == sangbad.ActorOrganization || c.typ == sangbad.ActorPlace) {
					start, owner = c.ti, true
					break
				}
			}
			if !owner && start > 0 && x.toks[start-1].kind == tkBengali && x.g.w.isBnOrgHead(stem) {
				if pw, ps := x.bnWord(start - 1); pw == ps && !x.g.w.bnStop[pw] {
					start--
				}
			}
		}
	}
	// stop at a role word with a case suffix other than the last
	return x.d.text[x.toks[start].bs:x.toks[i].be]
}

// namedInQuotes records a name in quotation marks that the text says is a
// name and of what: "‘উন্নয়ন সমন্বয়’ নামের একটি সংগঠন", "“সবুজ” নামে একটি
// গ্রাম". Names of works ("শীর্ষক") and quotations the other passes took
// are left alone.
func (x *actorExtractor) namedInQuotes() {
	for i := 0; i+3 < len(x.toks); i++ {
		open := x.toks[i]
		if open.kind != tkPunct || !strings.Contains("‘“\"'", open.text) {
			continue
		}
		j := i + 1
		for j < len(x.toks) && j-i <= 5 && (x.toks[j].kind == tkBengali || x.toks[j].kind == tkLatin) {
			j++
		}
		if j == i+1 || j >= len(x.toks)-1 || x.toks[j].kind != tkPunct || !strings.Contains("’”\"'", x.toks[j].text) {
			continue
		}
		after, _ := x.bnWord(j + 1)
		if after != "নামের" && after != "নামে" && after != "নামক" {
			continue
		}
		typ := ""
		for k := j + 2; k < len(x.toks) && k <= j+4; k++ {
			if x.toks[k].kind != tkBengali {
				break
			}
			_, st := x.bnWord(k)
			switch {
			case bnNamedOrgNouns[st]:
				typ = sangbad.ActorOrganization
			case bnNamedPlaceNouns[st]:
				typ = sangbad.ActorPlace
			}
			if typ != "" {
				break
			}
		}
		if typ == "" || x.taken(i+1, j) {
			continue
		}
		if x.toks[j-1].kind == tkBengali {
			_, st := x.bnWord(j - 1)
			x.add(x.bnMention(i+1, j, st, typ, true))
		} else {
			x.add(x.latinMention(seq(i+1, j), typ, true))
		}
		i = j
	}
}

// bnAliases records a person named with an alias: "ব্যবসায়ী লাল চাঁদ ওরফে
// সোহাগকে" is one person, লাল চাঁদ alias সোহাগ, whatever the lexicon says of
// the words (লাল "red", চাঁদ "moon").
func (x *actorExtractor) bnAliases() {
	w := x.g.w
	for i := 1; i+1 < len(x.toks); i++ {
		if x.toks[i].kind != tkBengali || nfc(x.toks[i].text) != "ওরফে" {
			continue
		}
		// the alias: one or two words, the last maybe with a case ending
		j := i + 1
		for j < len(x.toks) && j-i <= 2 && x.toks[j].kind == tkBengali && x.toks[j].space && !w.bnStop[nfc(x.toks[j].text)] && !isBnVerbForm(nfc(x.toks[j].text)) {
			j++
			if x.bnHasSuffix(j - 1) {
				break
			}
		}
		// the name: up to three words back to a role, a function word or
		// punctuation
		k := i
		for k > 0 && i-k < 3 && x.toks[k-1].kind == tkBengali && x.toks[k].space {
			word, st := x.bnWord(k - 1)
			if w.bnStop[word] || w.isBnRole(st) || isBnVerbForm(word) || word != st {
				break
			}
			k--
		}
		if j == i+1 || k == i {
			continue
		}
		if x.taken(k, j) {
			continue
		}
		_, st := x.bnWord(j - 1)
		c := x.bnMention(k, j, st, sangbad.ActorPerson, true)
		if k > 0 && x.toks[k-1].kind == tkBengali {
			if _, rs := x.bnWord(k - 1); w.isBnRole(rs) {
				c.role = x.bnRolePhrase(k - 1)
			}
		}
		x.add(c)
		i = j - 1
	}
}

// bnCoordinated records a name joined by ও "and" to a person's name:
// "চঞ্চল চৌধুরী ও নাজিফা তুষি" names two people. The second must be two or
// three words that may be names, ending the clause or before a verb.
func (x *actorExtractor) bnCoordinated() {
	n := len(x.cands)
	for ci := 0; ci < n; ci++ {
		c := x.cands[ci]
		k := c.tj
		if c.typ != sangbad.ActorPerson || k+2 >= len(x.toks) || x.toks[k].kind != tkBengali || nfc(x.toks[k].text) != "ও" {
			continue
		}
		j := k + 1
		for j < len(x.toks) && j-k <= 3 && x.toks[j].kind == tkBengali && x.toks[j].space && x.bnNameCandidate(j) && !x.bnRoleAt(j) {
			j++
			if x.bnHasSuffix(j - 1) {
				break
			}
		}
		if j-k-1 < 2 || j < len(x.toks) && x.toks[j].kind == tkBengali && !x.bnSayAt(j) && !bnHonorificVerb(nfc(x.toks[j].text)) && !isBnVerbForm(nfc(x.toks[j].text)) {
			continue
		}
		if x.taken(k+1, j) {
			continue
		}
		_, st := x.bnWord(j - 1)
		x.add(x.bnMention(k+1, j, st, sangbad.ActorPerson, false))
	}
}

// bnConventional are the usual English spellings of common Bengali name
// parts, which a letter-by-letter romanisation misses (শেখ is Sheikh, not
// Shekh; চৌধুরী is Chowdhury).
var bnConventional = map[string]string{"শেখ": "Sheikh", "মোহাম্মদ": "Mohammad", "মুহাম্মদ": "Muhammad", "মো.": "Md.",
	"চৌধুরী": "Chowdhury", "হোসেন": "Hossain", "হোসাইন": "Hossain", "আহমেদ": "Ahmed", "আহমদ": "Ahmad", "উদ্দিন": "Uddin",
	"উদ্দীন": "Uddin", "আলী": "Ali", "আলি": "Ali", "বেগম": "Begum", "আক্তার": "Akter", "আখতার": "Akhtar", "খাতুন": "Khatun",
	"মিয়া": "Mia", "সৈয়দ": "Syed", "কাজী": "Kazi", "ইউনূস": "Yunus", "জিয়া": "Zia", "জিয়াউর": "Ziaur", "মির্জা": "Mirza",
	"ফখরুল": "Fakhrul", "আবদুল": "Abdul", "আব্দুল": "Abdul", "হক": "Haque", "কাদের": "Quader", "রশীদ": "Rashid",
	"রশিদ": "Rashid", "মজুমদার": "Majumder", "ভূঁইয়া": "Bhuiyan", "তালুকদার": "Talukder", "সরকার": "Sarker"}

// bnParenAbbrevs records a one-word Bengali abbreviation in parentheses
// right after an organisation: "বাংলাদেশ জুয়েলার্স সমিতি (বাজুস)", which
// the grouping then joins to it.
func (x *actorExtractor) bnParenAbbrevs() {
	n := len(x.cands)
	for ci := 0; ci < n; ci++ {
		c := x.cands[ci]
		k := c.tj
		if c.typ != sangbad.ActorOrganization || k+2 >= len(x.toks) || x.toks[k].text != "(" || x.toks[k+1].kind != tkBengali || x.toks[k+2].text != ")" {
			continue
		}
		word, _ := x.bnWord(k + 1)
		if x.g.w.bnStop[word] || utf8.RuneCountInString(word) < 2 || utf8.RuneCountInString(word) > 8 {
			continue
		}
		if !x.taken(k+1, k+2) {
			x.add(x.bnMention(k+1, k+2, word, sangbad.ActorOrganization, true))
		}
	}
}

// otherSurname reports a word that ends the name of a person already
// found: in "মুহাম্মদ ইউনূস ট্রাম্পকে অভিনন্দন জানান" ট্রাম্প is Donald
// Trump, the object, not a third name of Yunus.
func (x *actorExtractor) otherSurname(stem string) bool {
	for _, c := range x.cands {
		if c.typ != sangbad.ActorPerson {
			continue
		}
		if f := strings.Fields(c.name); len(f) > 1 && nfc(f[len(f)-1]) == stem {
			return true
		}
	}
	return false
}

// taken reports a candidate overlapping tokens [ti, tj).
func (x *actorExtractor) taken(ti, tj int) bool {
	for _, c := range x.cands {
		if c.ti < tj && ti < c.tj {
			return true
		}
	}
	return false
}

// seq returns the integers [i, j).
func seq(i, j int) []int {
	out := make([]int, 0, j-i)
	for k := i; k < j; k++ {
		out = append(out, k)
	}
	return out
}

// bnNamedOrgNouns and bnNamedPlaceNouns say what a name given with "নামের"
// names.
var (
	bnNamedOrgNouns = map[string]bool{"সংগঠন": true, "প্রতিষ্ঠান": true, "সংস্থা": true, "কোম্পানি": true, "দল": true, "ক্লাব": true,
		"ফাউন্ডেশন": true, "ব্যান্ড": true, "পত্রিকা": true, "সমিতি": true, "জোট": true, "প্ল্যাটফর্ম": true, "স্কুল": true}
	bnNamedPlaceNouns = map[string]bool{"গ্রাম": true, "এলাকা": true, "শহর": true, "মহল্লা": true, "পাড়া": true, "দ্বীপ": true, "নদী": true}
)

// bnDescribedOrg records the organisation named after a descriptor at
// token i ("প্রযুক্তি জায়ান্ট গুগল", "বিনিয়োগ ব্যাংক মরগান স্ট্যানলির"): up to
// three name words unknown to the lexicon, the last maybe with a case
// ending. It returns the token after the name, or i.
func (x *actorExtractor) bnDescribedOrg(i int) int {
	w := x.g.w
	word, stem := x.bnWord(i)
	if !w.bnOrgDesc[word] && !w.bnOrgDesc[stem] {
		return i
	}
	j := i + 1
	for j < len(x.toks) && j-i <= 3 && x.toks[j].kind == tkBengali && x.toks[j].space && !x.toks[j].newline && x.bnNameCandidate(j) {
		if x.bnRoleAt(j) || j > i+1 && x.isKnown(j) {
			break // "প্রযুক্তি বিশ্লেষকেরা": people, not a name
		}
		j++
		if x.bnHasSuffix(j - 1) {
			break
		}
	}
	if j == i+1 {
		return i
	}
	_, st := x.bnWord(j - 1)
	x.add(x.bnMention(i+1, j, st, sangbad.ActorOrganization, true))
	x.descRole[i+1] = x.bnDescPhrase(i)
	return j
}

// bnRoleAt reports a Bengali token that is a role word under any reading
// of its endings ("বিশ্লেষকেরা").
func (x *actorExtractor) bnRoleAt(j int) bool {
	return x.anyStemAt(j, x.g.w.isBnRole)
}

// anyStemAt reports whether Bengali token j satisfies ok under any reading
// of its endings.
func (x *actorExtractor) anyStemAt(j int, ok func(stem string) bool) bool {
	if x.toks[j].kind != tkBengali {
		return false
	}
	word, _ := x.bnWord(j)
	for _, st := range bnStems(word) {
		if ok(st) {
			return true
		}
	}
	return false
}

// bnClassified reports a Bengali token with a classifier ending ("মডেলটি",
// "বইগুলো"): a thing counted, never part of a person's name.
func (x *actorExtractor) bnClassified(j int) bool {
	word, _ := x.bnWord(j)
	for _, c := range []string{"টি", "টা", "টির", "টার", "টিকে", "টাকে", "টিতে", "গুলো", "গুলি", "গুলোর", "গুলির"} {
		if strings.HasSuffix(word, c) && utf8.RuneCountInString(word) > utf8.RuneCountInString(c)+1 {
			return true
		}
	}
	return false
}

// bnKnownOrgAt reports a token that is, with any case suffix, a one-word
// organisation of the gazetteer ("টুইটারের").
func (x *actorExtractor) bnKnownOrgAt(j int) bool {
	return x.anyStemAt(j, func(st string) bool {
		_, ok := x.g.bnOrgs[st]
		return ok
	})
}

// bnKnownPlaceAt reports a token that is, with any case suffix, a place
// of the gazetteer that is not also a common word.
func (x *actorExtractor) bnKnownPlaceAt(j int) bool {
	return x.anyStemAt(j, func(st string) bool {
		_, ok := x.g.bnPlace(st)
		return ok && !bnAmbiguousPlaces[st] && !x.g.w.bnName[st]
	})
}

// bnRoleModifiers stand inside a Bengali role phrase before its head:
// "নির্বাহী পরিচালক ও মুখপাত্র", "অতিরিক্ত উপকমিশনার", "সাবেক মন্ত্রী".
var bnRoleModifiers = map[string]bool{"ও": true, "প্রধান": true, "সাধারণ": true, "নির্বাহী": true, "ব্যবস্থাপনা": true, "সাবেক": true,
	"অতিরিক্ত": true, "যুগ্ম": true, "ভারপ্রাপ্ত": true, "সহকারী": true, "জ্যেষ্ঠ": true, "সিনিয়র": true, "অবসরপ্রাপ্ত": true, "বিদায়ী": true,
	// portfolios: "স্বরাষ্ট্র উপদেষ্টা", "পররাষ্ট্র সচিব"
	"স্বরাষ্ট্র": true, "পররাষ্ট্র": true, "অর্থ": true, "বাণিজ্য": true, "শিক্ষা": true, "স্বাস্থ্য": true, "আইন": true, "কৃষি": true,
	"পরিকল্পনা": true, "তথ্য": true, "শ্রম": true, "খাদ্য": true, "ধর্ম": true, "সংস্কৃতি": true, "প্রতিরক্ষা": true, "যোগাযোগ": true}

// bnOrgAt records an organisation whose head word is token i: the head with
// up to four bare modifiers before it ("বাংলাদেশ কমিউনিস্ট পার্টির").
func (x *actorExtractor) bnOrgAt(i int, stem, typ string) {
	w := x.g.w
	if stem == "আদালত" && i > 0 && x.toks[i-1].kind == tkBengali {
		if pw, _ := x.bnWord(i - 1); x.bnDemonym(pw) {
			return // "মার্কিন আদালত": a court of a country, no named body
		}
	}
	hw, _ := x.bnWord(i)
	classified := false
	if rest, ok := strings.CutPrefix(hw, stem); ok {
		switch rest {
		case "টি", "টা", "টির", "টার", "টিকে", "টিতে", "টাতে":
			classified = true
		}
	}
	if strings.Contains(hw, "গুলো") || strings.Contains(hw, "গুলি") || strings.Contains(hw, "সমূহ") || classified {
		return // "সিটি করপোরেশনগুলোর", "টানেলটি": a plural or "the ..." points back, names nothing
	}
	start := i
	for k := i - 1; k >= 0 && i-k <= 6; k-- {
		t := x.toks[k]
		if t.kind != tkBengali || !x.toks[k+1].space || x.toks[k+1].newline {
			break
		}
		word, st := x.bnWord(k)
		if !t.space && k > 0 && (x.toks[k-1].text == "-" || x.toks[k-1].text == "‐") {
			if _, place := x.g.bnPlace(word); !place {
				break // "ই-কমার্স বাজার": the second half of a compound names nothing
			}
		}
		if (word == "অব" || word == "অ্যান্ড" || word == "এন্ড") && k > 0 && x.toks[k-1].kind == tkBengali {
			continue // "ইউনিভার্সিটি অব ...", "... অ্যান্ড লজিস্টিকস"
		}
		// "আইনজীবী সমিতি": a bare role word right before an association head
		roleMod := k == i-1 && word == st && bnAssocHeads[stem] && w.isBnRole(st) && !w.bnStop[word]
		if word == "পুলিশ" && typ == sangbad.ActorOrganization && !bnGenericHeads[stem] {
			start = k // "পুলিশ সদর দপ্তর", "পুলিশ একাডেমি": the force names the body
			break
		}
		stop := (w.bnStop[word] || w.bnStop[st]) && !(word == st && w.bnOrgMod[word]) // "জাতীয় ... কমিশন"
		if stop || w.bnSay[word] || w.bnPronoun[word] || isBnVerbForm(word) || w.isBnRole(st) && !roleMod || utf8.RuneCountInString(word) < 2 {
			break
		}
		if word != st && !w.isBnOrgHead(st) {
			break // a genitive ends the modifiers
		}
		if typ == sangbad.ActorOrganization && (w.bnName[word] || w.bnName[st]) && !bnPersonNamedHeads[stem] {
			break // "ওবায়দুল কাদের ছাত্রলীগের": a person before the organisation
		}
		_, isPlace := x.g.bnPlace(word)
		demonym := word == st && x.bnDemonym(word) // "ভারতীয় ক্রিকেট বোর্ড"
		special := isPlace || demonym || w.bnOrgMod[word] || w.isBnOrgHead(word) || w.bnName[word] || !x.isKnown(k)
		if !special && k < i-1 {
			// a common word only right before the head ("অগ্রণী ব্যাংক"),
			// unless a country's name starts the whole ("বাংলাদেশ
			// অভ্যন্তরীণ নৌপরিবহন কর্তৃপক্ষ")
			if c := x.bnCountryBefore(k); c >= 0 {
				start = c
			}
			break
		}
		if stem == "থানা" && k < i-1 && !isPlace {
			break // "সামছুল আলম তেজগাঁও থানা": one place word names a police station
		}
		start = k
		if !special && k > 0 && x.toks[k-1].kind == tkBengali && x.toks[k].space {
			// a place before the common word: "ঢাকা শিক্ষা বোর্ড"
			if pw, ps := x.bnWord(k - 1); pw == ps {
				if _, ok := x.g.bnPlace(pw); ok {
					start = k - 1
				}
			}
		}
		if !special && start == k {
			if c := x.bnCountryBefore(k); c >= 0 {
				start = c // "বাংলাদেশ বেসামরিক বিমান চলাচল কর্তৃপক্ষ"
			} else if k > 0 && x.toks[k-1].kind == tkBengali && x.toks[k].space && w.bnOrgMod[nfc(x.toks[k-1].text)] {
				start = k - 1 // "জাতীয় মানবাধিকার কমিশন"
			}
		}
		if isPlace || demonym || !special {
			break // "ঢাকা বিশ্ববিদ্যালয়": nothing before the place
		}
	}
	// "পার্বত্য চট্টগ্রাম উন্নয়ন বোর্ড": the adjective of a place
	if start < i && start > 0 && x.toks[start-1].kind == tkBengali && x.toks[start].space && bnPlaceAdjectives[nfc(x.toks[start-1].text)] {
		if _, ok := x.g.bnPlace(nfc(x.toks[start].text)); ok {
			start--
		}
	}
	// "ঢাকা-চট্টগ্রাম মহাসড়ক": a hyphenated pair of places
	if start < i && start >= 2 && x.toks[start-1].text == "-" && !x.toks[start-1].space && !x.toks[start].space && x.toks[start-2].kind == tkBengali {
		_, a := x.g.bnPlace(nfc(x.toks[start-2].text))
		_, b := x.g.bnPlace(nfc(x.toks[start].text))
		if a && b {
			start -= 2
		}
	}
	if start == i && !bnOrgCompound(stem) {
		return
	}
	// "তদন্ত কমিটি", "স্থায়ী কমিটির", "নিরাপত্তা বাহিনীর": a generic
	// modifier before a generic head names a kind of body, not one
	if start == i-1 && bnGenericHeads[stem] {
		if _, st := x.bnWord(start); bnGenericMods[st] {
			return
		}
	}
	// "সংযোগ সড়ক", "আদালত চত্বরে": a kind of road or square, no name
	if start == i-1 && typ == sangbad.ActorPlace {
		if _, st := x.bnWord(start); bnGenericPlaceMods[st] {
			return
		}
	}
	// a descriptor before a name ("টেক গ্রুপ GoTo") is that name's role
	if i+1 < len(x.toks) && x.toks[i+1].space && (x.toks[i+1].kind == tkLatin || x.bnNameCandidate(i+1)) && nfc(x.toks[i].text) == stem {
		if start > 0 && x.toks[start-1].kind == tkBengali {
			if word, st := x.bnWord(start - 1); word != st && !w.bnStop[word] {
				start--
			}
		}
		x.descRole[i+1] = x.d.text[x.toks[start].bs:x.toks[i].be]
		return
	}
	if typ == sangbad.ActorPlace && start == i {
		return
	}
	// "আন্তর্জাতিক বাজার", "শেয়ার বাজার": a kind of market, not a place;
	// "কারওয়ান বাজার" names one
	if typ == sangbad.ActorPlace && stem == "বাজার" && start == i-1 {
		if mw, _ := x.bnWord(start); bnMarketKinds[mw] {
			return
		}
	}
	// "১১টি শিক্ষা বোর্ডের": counted bodies are a kind, no named one
	if start > 0 && (x.toks[start-1].kind == tkDigit || x.toks[start-1].kind == tkBengali && strings.HasSuffix(nfc(x.toks[start-1].text), "টি") && isBnNumberWord(nfc(x.toks[start-1].text))) {
		return
	}
	if start > 1 && x.toks[start-1].kind == tkBengali && x.toks[start-2].kind == tkDigit && !x.toks[start-1].space && strings.HasPrefix(nfc(x.toks[start-1].text), "টি") {
		return
	}
	x.add(x.bnMention(start, i+1, stem, typ, true))
}

// bnCompoundVerbNouns make a verb with জানান/জানিয়েছেন ("শুভেচ্ছা জানান"
// sends greetings): no speaker's name.
var bnCompoundVerbNouns = map[string]bool{"শুভেচ্ছা": true, "অভিনন্দন": true, "ধন্যবাদ": true, "কৃতজ্ঞতা": true, "প্রতিবাদ": true,
	"শোক": true, "সমবেদনা": true, "নিন্দা": true, "আহ্বান": true, "অনুরোধ": true, "দাবি": true, "স্বাগত": true, "শ্রদ্ধা": true}

// bnMarketKinds before বাজার make a kind of market, no place.
var bnMarketKinds = map[string]bool{"আন্তর্জাতিক": true, "বিশ্ব": true, "শেয়ার": true, "পুঁজি": true, "কাঁচা": true,
	"দেশীয়": true, "স্থানীয়": true, "খোলা": true, "কালো": true, "মুক্ত": true, "অভ্যন্তরীণ": true, "বৈশ্বিক": true, "মুদ্রা": true}

// isBnNumberWord reports a Bengali number word with an optional classifier
// ("দুটি", "তিনটি", "পাঁচ").
func isBnNumberWord(w string) bool {
	_, _, _, ok := bnWordNumber(w)
	return ok
}

// bnAssocHeads are heads of associations named after their members'
// occupation ("আইনজীবী সমিতি", "শিক্ষক সমিতি", "সাংবাদিক ফোরাম").
var bnAssocHeads = map[string]bool{"সমিতি": true, "সংঘ": true, "পরিষদ": true, "ফেডারেশন": true, "অ্যাসোসিয়েশন": true, "ফোরাম": true, "লীগ": true, "ঐক্য": true, "সংগঠন": true}

// bnCountryBefore looks left of the common word at token k, over at most
// two more bare words, for the bare name of a country or another place
// that starts an organisation's name; it returns its token or -1.
func (x *actorExtractor) bnCountryBefore(k int) int {
	w := x.g.w
	for c := k - 1; c >= 0 && k-c <= 3; c-- {
		if x.toks[c].kind != tkBengali || !x.toks[c+1].space || x.toks[c+1].newline {
			return -1
		}
		word, st := x.bnWord(c)
		if word != st {
			return -1
		}
		if _, ok := x.g.bnPlace(word); ok {
			if c > 0 && x.toks[c-1].kind == tkBengali && x.toks[c].space && bnPlaceAdjectives[nfc(x.toks[c-1].text)] {
				return c - 1 // "পার্বত্য চট্টগ্রাম ভূমিবিরোধ নিষ্পত্তি কমিশন"
			}
			return c
		}
		if w.bnStop[word] || w.isBnRole(st) || w.bnSay[word] || isBnVerbForm(word) {
			return -1
		}
	}
	return -1
}

// bnGenericHeads are organisation heads that a generic modifier alone does
// not make a name of; bnGenericMods are those modifiers (stems).
var (
	bnGenericHeads = map[string]bool{"কমিটি": true, "আদালত": true, "পরিষদ": true, "বাহিনী": true, "দল": true, "সেল": true, "কমিশন": true, "বোর্ড": true, "প্রশাসন": true, "কর্তৃপক্ষ": true}
	bnGenericMods  = map[string]bool{"তদন্ত": true, "স্থায়ী": true, "জেলা": false, "উপজেলা": false, "কেন্দ্রীয়": true, "আন্তর্জাতিক": true, "হাকিম": true, "নিম্ন": true, "উচ্চ": true,
		"বিশেষ": true, "কার্যনির্বাহী": true, "নির্বাহী": true, "উপদেষ্টা": true, "সংসদীয়": true, "কারিগরি": true, "আহ্বায়ক": true, "সমন্বয়": true,
		"ব্যবস্থাপনা": true, "পরিচালনা": true, "নির্বাচনী": true, "শৃঙ্খলা": true, "তদারকি": true, "মূল্যায়ন": true, "যাচাই": true, "বাছাই": true,
		"নিরাপত্তা": true, "রক্ষাকারী": true, "যৌথ": true, "সম্মিলিত": true, "স্থানীয়": true, "আঞ্চলিক": true, "গভর্নিং": true, "ম্যানেজিং": true,
		"পরিদর্শন": true, "অনুসন্ধান": true, "সংসদ": false, "হাসপাতাল": true, "কলেজ": true, "স্কুল": true, "বিদ্যালয়": true, "ব্যাংক": true, "কোম্পানি": true, "ভ্রাম্যমাণ": true}
)

// bnGenericPlaceMods are common words that make a kind of road, square or
// landing of a place head, not a name ("সংযোগ সড়ক" access road).
var bnGenericPlaceMods = map[string]bool{"সংযোগ": true, "আদালত": true, "প্রধান": true, "মূল": true, "আঞ্চলিক": true, "গ্রামীণ": true, "গ্রাম্য": true,
	"পাকা": true, "কাঁচা": true, "বিকল্প": true, "বাইপাস": true, "ফেরি": true, "লঞ্চ": true, "খেয়া": true, "মোটরসাইকেল": true, "ট্রাক": true,
	"বাস": true, "গাড়ি": true, "রেল": true, "বিমান": true, "সার্ভিস": true, "ব্যস্ত": true, "ভাঙা": true, "সরু": true, "পাশের": true, "হাসপাতাল": true, "স্কুল": true, "কলেজ": true}

// bnPersonNamedHeads are organisation heads that are often named after a
// person ("শেখ মুজিব মেডিকেল বিশ্ববিদ্যালয়", "আদমজী ক্যান্টনমেন্ট কলেজ").
var bnPersonNamedHeads = map[string]bool{"বিশ্ববিদ্যালয়": true, "ইউনিভার্সিটি": true, "কলেজ": true, "স্কুল": true, "হাসপাতাল": true,
	"ফাউন্ডেশন": true, "ট্রাস্ট": true, "একাডেমি": true, "ইনস্টিটিউট": true, "মাদ্রাসা": true, "ইনস্টিটিউশন": true}

// bnPersonCompound reports personal names written as one word with a
// name suffix ("হেলালউদ্দিন", "খালেকুজ্জামান").
func bnPersonCompound(s string) bool {
	for _, suf := range []string{"উদ্দিন", "উদ্দীন", "জ্জামান", "ুল্লাহ", "ুর রহমান"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf)+3 {
			return true
		}
	}
	return false
}

// bnOwnedBy handles "X এর মালিকানাধীন Y" (Y owned by X): both are
// organisations when unknown to the lexicon.
func (x *actorExtractor) bnOwnedBy(i int) {
	// owner
	k := i - 1
	if k >= 0 && x.toks[k].kind == tkBengali && nfc(x.toks[k].text) == "এর" {
		k--
		if k >= 0 && x.toks[k].text == "-" {
			k--
		}
		if k >= 0 && x.toks[k].kind == tkBengali && x.bnNameCandidate(k) {
			c := x.bnMention(k, k+1, nfc(x.toks[k].text), sangbad.ActorOrganization, true)
			s := x.tokSpan(k, i)
			c.surf = &s
			x.add(c)
		}
	} else if k >= 0 && x.toks[k].kind == tkBengali && x.bnNameCandidate(k) && x.bnHasSuffix(k) {
		_, st := x.bnWord(k)
		x.add(x.bnMention(k, k+1, st, sangbad.ActorOrganization, true))
	}
	// owned
	if i+1 < len(x.toks) && x.toks[i+1].kind == tkBengali && x.bnNameCandidate(i+1) {
		_, st := x.bnWord(i + 1)
		c := x.bnMention(i+1, i+2, st, sangbad.ActorOrganization, true)
		if end := x.bnDetachedSuffix(i + 2); end > i+2 {
			s := x.tokSpan(i+1, end)
			c.surf = &s
		}
		x.add(c)
	}
}

// bnNameRun returns the end of a run of name-candidate tokens from i.
func (x *actorExtractor) bnNameRun(i int) int {
	j := i
	for j < len(x.toks) && j-i < 4 {
		if j > i && (!x.toks[j].space || x.toks[j].newline) || x.bnLocative(j) {
			break
		}
		if x.bnInitialAt(j) && j-i < 3 {
			j++
			continue
		}
		if !x.bnNameCandidate(j) {
			if j == i && x.g.w.bnTitle[x.bnTitleAt(j)] {
				j++
				if j < len(x.toks) && (x.toks[j].text == "." || x.toks[j].text == "ঃ") {
					j++
				}
				continue
			}
			break
		}
		j++
		if x.bnNameEnds(j - 1) {
			break
		}
	}
	return j
}

// bnNamePartAt reports a listed name part at token k ("আবদুল", "রহমান").
func (x *actorExtractor) bnNamePartAt(k int) bool {
	if k >= len(x.toks) || x.toks[k].kind != tkBengali || !x.toks[k].space {
		return false
	}
	w, st := x.bnWord(k)
	return x.g.w.bnName[w] || x.g.w.bnName[st]
}

// bnSentenceEndAt reports a danda or full stop at token k.
func (x *actorExtractor) bnSentenceEndAt(k int) bool {
	return k < len(x.toks) && (x.toks[k].text == "।" || x.toks[k].text == ".") && !x.toks[k].space
}

// bnLocative reports a Bengali word in the locative (-ে, -তে after a
// stem that remains): names of persons do not take it.
func (x *actorExtractor) bnLocative(k int) bool {
	if x.toks[k].kind != tkBengali {
		return false
	}
	w, st := x.bnWord(k)
	return w != st && (strings.HasSuffix(w, "তে") || strings.HasSuffix(w, "ে") && !strings.HasSuffix(w, "কে") && !strings.HasSuffix(w, "দে"))
}

// bnSayAt reports a Bengali reporting verb at token k.
func (x *actorExtractor) bnSayAt(k int) bool {
	return k < len(x.toks) && x.toks[k].kind == tkBengali && x.toks[k].space && x.g.w.bnSay[nfc(x.toks[k].text)]
}

// bnUnknownRun returns the end of a run of 2-3 name candidates from token i
// that are all unknown to the lexicon (no known name parts: those are the
// surname runs'), the last one maybe with a case suffix; i when there is
// none.
func (x *actorExtractor) bnUnknownRun(i int) int {
	j := i
	for j < len(x.toks) && j-i < 3 {
		if j > i && (!x.toks[j].space || x.toks[j].newline) {
			break
		}
		if x.toks[j].kind != tkBengali || !x.bnNameCandidate(j) || x.isKnown(j) || isBnAcronym(x.stemAt(j)) || bnPlaceLike(x.stemAt(j)) ||
			x.g.w.bnPlaceHead[x.stemAt(j)] || x.g.w.isBnOrgHead(x.stemAt(j)) {
			break // "পাম বিচে": a place's head word ends a person's name
		}
		j++
		if x.bnHasSuffix(j - 1) {
			break
		}
	}
	if j-i < 2 {
		return i
	}
	// a person subject: an honorific verb follows in the clause ("নিখোঁজ
	// হন", "বলেন", "করেছেন")
	hon := false
	for k := j; k < len(x.toks) && k < j+4; k++ {
		t := x.toks[k]
		if t.kind == tkPunct {
			break
		}
		if t.kind == tkBengali && bnHonorificVerb(nfc(t.text)) {
			hon = true
			break
		}
	}
	if !hon {
		return i
	}
	// a case suffix may only end the run
	for k := i; k < j-1; k++ {
		if x.bnHasSuffix(k) {
			return i
		}
	}
	return j
}

// bnHonorificVerb reports a finite verb of the honorific third person
// ("হন", "বলেন", "করেছেন", "ছিলেন", "যাবেন"), whose subject is a person.
func bnHonorificVerb(w string) bool {
	switch w {
	case "হন", "করেন", "বলেন", "দেন", "নেন", "যান", "আসেন", "জানান", "থাকেন", "পান", "চান":
		return true
	}
	for _, suf := range []string{"েছেন", "ছিলেন", "লেন", "বেন", "চ্ছেন", "তেন"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func (x *actorExtractor) stemAt(k int) string {
	_, st := x.bnWord(k)
	return st
}

// bnNameEnds reports whether a person's name ends at token k: it carries a
// case suffix, or it is a surname, and the next word is no surname
// ("মুখলেসুর রহমান" goes on; "জুলফিকার আহম্মদের" ends).
func (x *actorExtractor) bnNameEnds(k int) bool {
	word, _ := x.bnWord(k)
	next := k + 1
	nextName := false
	if next < len(x.toks) && x.toks[next].kind == tkBengali && x.toks[next].space && x.bnNameCandidate(next) {
		nw, ns := x.bnWord(next)
		nextName = x.g.w.bnName[nw] || x.g.w.bnName[ns]
	}
	if nextName {
		return false
	}
	// a common word between name parts: "আবুল মাল আবদুল মুহিত"
	if next < len(x.toks) && x.toks[next].kind == tkBengali && x.toks[next].space && !x.bnHasSuffix(k) && x.bnPlainWord(next) && !x.bnHasSuffix(next) && (x.bnNamePartAt(next+1) || x.bnSayAt(next+1) || x.bnSentenceEndAt(next+1)) {
		return false
	}
	if x.bnHasSuffix(k) {
		// a person is one: a plural -রা belongs to the name ("মিরা মুরাতি")
		if _, st := x.bnWord(k); word == st+"রা" && next < len(x.toks) && x.toks[next].kind == tkBengali && x.toks[next].space && x.bnNameCandidate(next) {
			return false
		}
		// a bare -র after a vowel may belong to the name ("খোন্দকার ইব্রাহিম")
		if _, st := x.bnWord(k); word == st+"র" && (x.g.w.bnName[word] || x.g.w.bnTitle[word] || strings.HasSuffix(word, "কার") || strings.HasSuffix(word, "দার")) && next < len(x.toks) && x.toks[next].kind == tkBengali && x.toks[next].space && x.bnNameCandidate(next) {
			return false
		}
		return true
	}
	if x.g.w.bnName[word] && next < len(x.toks) && x.toks[next].kind == tkBengali && x.toks[next].space && x.bnNameCandidate(next) && !x.isKnown(next) && !x.bnLocative(next) {
		// a nickname or surname unknown to the lexicon after a common
		// surname: "মাহবুবুল হক শাকিল"; not a place
		nw, ns := x.bnWord(next)
		_, p1 := x.g.bnPlace(nw)
		_, p2 := x.g.bnPlace(ns)
		headAfter := false // "তেজগাঁও থানায়": the word names what follows
		if a := next + 1; a < len(x.toks) && x.toks[a].kind == tkBengali && x.toks[a].space {
			_, as := x.bnWord(a)
			headAfter = x.g.w.isBnOrgHead(as) || bnOrgCompound(as) || x.g.w.bnPlaceHead[as] || bnAdminHeads[as]
		}
		// ... closing the phrase: a case suffix on it, or a reporting
		// verb, a function word, punctuation or the sentence's end after it ("নজরুল ইসলাম
		// চৌধুরী ঘটনাস্থল পরিদর্শন করেন": a noun of the predicate)
		a := next + 1
		closes := x.bnHasSuffix(next) || a >= len(x.toks) || x.toks[a].kind != tkBengali || x.bnSayAt(a) || x.bnSentenceEndAt(a) || isBnVerbForm(nfc(x.toks[a].text)) || x.g.w.bnStop[nfc(x.toks[a].text)] || x.bnHasSuffix(a)
		if !p1 && !p2 && !bnPlaceLike(ns) && !x.bnInitialAt(next) && !bnOrgCompound(ns) && !x.g.w.isBnOrgHead(ns) && !headAfter && closes && !x.otherSurname(ns) {
			return false
		}
	}
	return x.g.w.bnName[word] && k > 0 && x.toks[k-1].kind == tkBengali
}

// bnInitialAt reports an initial written as a Latin letter's name before a
// name ("এ বি এম আব্দুল্লাহ", "এম এ এন সিদ্দিক"): a bare letter name
// followed by another initial or a name word. Initials that are also
// Bengali words ("এ", "ও", "ই") count only inside a run of two or more.
func (x *actorExtractor) bnInitialAt(j int) bool {
	if j >= len(x.toks) || x.toks[j].kind != tkBengali || !x.toks[j].space && j > 0 && (x.toks[j-1].kind == tkBengali || x.toks[j-1].kind == tkDigit) {
		return false // a classifier on a number ("৫৩৮টি") is no initial
	}
	word, _ := x.bnWord(j)
	if !bnLetterSet[word] {
		return false
	}
	n := j + 1
	if n >= len(x.toks) || x.toks[n].kind != tkBengali || !x.toks[n].space {
		return false
	}
	nw, _ := x.bnWord(n)
	if bnLetterSet[nw] {
		return x.bnInitialAt(n) || !bnWordLetters[word]
	}
	// the name after the initials: unknown to the lexicon, or a common
	// word followed by a known name part ("এম আমিন উদ্দিন")
	return !bnWordLetters[word] && (x.bnNameCandidate(n) || x.bnNamePartAt(n+1)) && !x.bnLocative(n)
}

// bnLetterSet holds the Bengali spellings of Latin letter names; of them
// bnWordLetters are also Bengali words.
var (
	bnLetterSet = map[string]bool{"ডব্লিউ": true, "ডব্লু": true, "ওয়াই": true, "এইচ": true, "এক্স": true, "কিউ": true, "জেড": true, "এফ": true, "জি": true, "আই": true,
		"জে": true, "কে": true, "এল": true, "এম": true, "এন": true, "পি": true, "আর": true, "এস": true, "টি": true, "ইউ": true, "ভি": true, "বি": true, "সি": true,
		"ডি": true, "এ": true, "ই": true, "ও": true}
	bnWordLetters = map[string]bool{"এ": true, "ও": true, "ই": true}
)

// bnRunHasSurname reports a run of name tokens whose last word is a known
// surname or whose words include a known name part next to an unknown word.
func (x *actorExtractor) bnRunHasSurname(i, j int) bool {
	w := x.g.w
	end := j - 1
	_, last := x.bnWord(end)
	if !w.bnName[last] && end-1 > i && !x.isKnown(end) {
		// a nickname after the surname: "মাহবুবুল হক শাকিল"
		end--
		_, last = x.bnWord(end)
	}
	if !w.bnName[last] {
		return false
	}
	for k := i; k < end; k++ {
		word, st := x.bnWord(k)
		if w.bnName[st] || w.bnTitle[word] || !x.isKnown(k) {
			return true
		}
	}
	return false
}

// isBnAcronym reports a word made only of Bengali spellings of Latin letter
// names, at least three of them ("বিএনপি" = BNP).
func isBnAcronym(s string) bool {
	return bnAcronymLatin(s) != ""
}

// bnAcronymLatin reads a Bengali word spelled out of three or more Latin
// letter names as its Latin acronym ("আইএমএফ" -> "IMF"), else "".
func bnAcronymLatin(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		found := false
		for _, l := range bnLetterNames {
			if strings.HasPrefix(s, l) {
				s = s[len(l):]
				b.WriteByte(bnLetterLatin[l])
				found = true
				break
			}
		}
		if !found {
			return ""
		}
	}
	if b.Len() < 3 {
		return ""
	}
	return b.String()
}

// bnLetterNames are the Bengali spellings of Latin letter names, longest
// first so that greedy matching works.
var bnLetterNames = []string{"ডব্লিউ", "ডব্লু", "ওয়াই", "এইচ", "এক্স", "কিউ", "জেড", "এফ", "জি", "আই", "জে", "কে", "এল", "এম", "এন", "পি", "আর", "এস", "টি", "ইউ", "ভি", "বি", "সি", "ডি", "এ", "ই", "ও"}

// bnLetterLatin maps each of bnLetterNames to its Latin letter.
var bnLetterLatin = map[string]byte{"ডব্লিউ": 'W', "ডব্লু": 'W', "ওয়াই": 'Y', "এইচ": 'H', "এক্স": 'X', "কিউ": 'Q', "জেড": 'Z', "এফ": 'F', "জি": 'G',
	"আই": 'I', "জে": 'J', "কে": 'K', "এল": 'L', "এম": 'M', "এন": 'N', "পি": 'P', "আর": 'R', "এস": 'S', "টি": 'T', "ইউ": 'U', "ভি": 'V', "বি": 'B',
	"সি": 'C', "ডি": 'D', "এ": 'A', "ই": 'E', "ও": 'O'}

// bnRoleAbbrev reports an acronym in parentheses right after a role: the
// role's abbreviation ("উপসহকারী পরিচালক (ডিএডি)"), not an organisation.
func (x *actorExtractor) bnRoleAbbrev(i int) bool {
	if i < 2 || x.toks[i-1].text != "(" || x.toks[i-2].kind != tkBengali {
		return false
	}
	_, st := x.bnWord(i - 2)
	return x.g.w.isBnRole(st)
}

// bnNonOrgAcronyms are letter acronyms that name roles, exams or documents.
var bnNonOrgAcronyms = map[string]bool{"এইচএসসি": true, "এসএসসি": true, "জেএসসি": true, "পিইসি": true, "জিপিএ": true, "ইউএনও": true, "সিইও": true, "এমডি": true, "এমপি": true, "ওসি": true, "এসপি": true, "ডিসি": true, "জিডি": true, "এএসপি": true, "ডিআইজি": true, "আইজিপি": true, "সিএফও": true, "এসআই": true, "এএসআই": true, "জিডিপি": true, "এফআইআর": true, "পিডিএফ": true, "এসএমএস": true, "সিসিটিভি": true, "আইডি": true, "এনআইডি": true}

// ---------------------------------------------------------------- overlaps, groups

// resolveOverlaps keeps the longest candidate where candidates overlap;
// nested ones (a brand inside its product) are kept.
func resolveOverlaps(cs []cand) []cand {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].stem.Start != cs[j].stem.Start {
			return cs[i].stem.Start < cs[j].stem.Start
		}
		return cs[i].stem.End-cs[i].stem.Start > cs[j].stem.End-cs[j].stem.Start
	})
	out := cs[:0:0]
	lastEnd := -1
	for _, c := range cs {
		if c.stem.Text == "" || strings.TrimSpace(c.name) == "" {
			continue
		}
		if c.nested || c.inside {
			out = append(out, c)
			continue
		}
		if c.stem.Start < lastEnd {
			// same span, stronger evidence wins
			p := &out[len(out)-1]
			if p.stem == c.stem && !p.strong && c.strong {
				*p = c
			}
			continue
		}
		out = append(out, c)
		lastEnd = c.stem.End
		if c.surf != nil && c.surf.End > lastEnd {
			lastEnd = c.surf.End
		}
	}
	return out
}

// group is one actor under construction.
type group struct {
	cands []int
	names []string // distinct names
	keys  []string
	votes map[string]int
}

// nameNorm is the grouping key of a name: case-folded Latin, NFC Bengali.
func nameNorm(s string) string { return strings.ToLower(nfc(strings.TrimSpace(s))) }

// group clusters candidates into actors: same name, same name across
// scripts, and short forms of person names.
func (x *actorExtractor) group() []*group {
	byName := map[string]*group{}
	var gs []*group
	for i, c := range x.cands {
		k := nameNorm(c.name)
		g := byName[k]
		if g == nil {
			g = &group{votes: map[string]int{}}
			byName[k] = g
			gs = append(gs, g)
			g.names = append(g.names, c.name)
		}
		g.cands = append(g.cands, i)
		if c.typ != "" {
			if c.strong {
				g.votes[c.typ] += 3
			} else {
				g.votes[c.typ]++
			}
		}
	}
	for _, g := range gs {
		g.keys = x.keysOf(g.names[0])
	}
	// places of one gazetteer entry in both scripts
	merge := func(a, b *group) {
		a.cands = append(a.cands, b.cands...)
		a.names = append(a.names, b.names...)
		a.keys = append(a.keys, b.keys...)
		for t, v := range b.votes {
			a.votes[t] += v
		}
		b.cands = nil
	}
	for i, a := range gs {
		if a.cands == nil {
			continue
		}
		for _, b := range gs[i+1:] {
			if b.cands == nil {
				continue
			}
			if x.sameActor(a, b) {
				merge(a, b)
			}
		}
	}
	// acronyms of organisations: "IMF" and "আইএমএফ" join "International
	// Monetary Fund"
	acrs := map[*group][]string{}
	for _, g := range gs {
		if g.cands != nil && groupType(g) != sangbad.ActorPlace && groupType(g) != sangbad.ActorPerson {
			if a := acronymsOf(g.names); len(a) > 0 {
				acrs[g] = a
			}
		}
	}
	if len(acrs) > 0 {
		for _, a := range gs {
			if a.cands == nil || groupType(a) != sangbad.ActorOrganization {
				continue
			}
			for _, ini := range initialsOf(a.names) {
				for _, b := range gs {
					if b != a && b.cands != nil && slices.Contains(acrs[b], ini) {
						merge(a, b)
					}
				}
			}
		}
	}
	// a company with and without its legal suffix: "Microsoft Corp" and
	// "Microsoft", "Sea Ltd" and "Sea"
	byBase := map[string]*group{}
	for _, g := range gs {
		if g.cands == nil || groupType(g) != sangbad.ActorOrganization {
			continue
		}
		if base := corporateBase(g.names[0]); base != "" {
			byBase[strings.ToLower(base)] = g
		}
	}
	for _, g := range gs {
		if g.cands == nil || groupType(g) == sangbad.ActorPerson || groupType(g) == sangbad.ActorPlace {
			continue
		}
		if full := byBase[strings.ToLower(g.names[0])]; full != nil && full != g && full.cands != nil {
			merge(full, g)
		}
	}
	// an acronym in parentheses right after an organisation defines it:
	// "... এক্সপোর্টার্স অ্যাসোসিয়েশনের (বিজিএমইএ)", "Election Commission (EC)"
	inParens := slices.ContainsFunc(x.cands, func(c cand) bool {
		return c.ti >= 2 && x.toks[c.ti-1].text == "(" && c.tj < len(x.toks) && x.toks[c.tj].text == ")"
	})
	var groupOf map[int]*group
	endsAt := map[int]int{} // token end -> candidate
	if inParens {
		groupOf = map[int]*group{}
		for _, g := range gs {
			for _, ci := range g.cands {
				groupOf[ci] = g
			}
		}
		for ci, c := range x.cands {
			endsAt[c.tj] = ci
		}
	}
	for ci, c := range x.cands {
		if !inParens {
			break
		}
		if c.ti < 2 || x.toks[c.ti-1].text != "(" || c.tj >= len(x.toks) || x.toks[c.tj].text != ")" || !acronymName(c.name) && !acronymName(c.stem.Text) && !isUpperStart(c.name) && !hasBengali(c.name) {
			continue
		}
		pi, ok := endsAt[c.ti-1]
		if !ok {
			continue
		}
		a, b := groupOf[pi], groupOf[ci]
		if a != nil && !acronymName(c.name) && !acronymName(c.stem.Text) && !hasBengali(c.name) && !slices.Contains(initialsOf(a.names), strings.ToUpper(c.name)) {
			continue // a word in parentheses is an acronym only when it spells the initials ("Jica")
		}
		if a == nil || b == nil || a == b || a.cands == nil || b.cands == nil ||
			groupType(a) != sangbad.ActorOrganization || groupType(b) == sangbad.ActorPlace || groupType(b) == sangbad.ActorPerson {
			continue
		}
		merge(a, b)
		for _, cj := range a.cands {
			groupOf[cj] = a
		}
	}
	// short forms of person names: "Radcliffe" -> "Daniel Radcliffe",
	// "ইব্রাহিম খালেদ" -> "খোন্দকার ইব্রাহিম খালেদ"
	for _, a := range gs {
		// a weak place vote ("a drive from Ferguson") gives way to a person
		// of that surname, a gazetteer place does not
		if a.cands == nil || a.votes[sangbad.ActorPlace] >= 3 || a.votes[sangbad.ActorPlace] > 0 && x.placeOf(a.names[0]) != "" || a.votes[sangbad.ActorOrganization] >= 3 {
			continue
		}
		af := strings.Fields(a.names[0])
		if len(af) > 1 && groupType(a) != sangbad.ActorPerson || hasInnerCap(a.names[0]) && !capSurname(a.names[0]) || isAllCaps(a.names[0]) {
			continue
		}
		var target *group
		for _, b := range gs {
			if b == a || b.cands == nil || groupType(b) != sangbad.ActorPerson {
				continue
			}
			for _, n := range b.names {
				f := strings.Fields(n)
				if len(f) <= len(af) {
					continue
				}
				if (wordsEqual(af, f[:len(af)]) || wordsEqual(af, f[len(f)-len(af):])) && !x.commonWordsBesides(f, af) {
					target = b
				}
			}
		}
		if target != nil {
			// the short form's weak place or organisation votes came
			// from its context, not from what it names
			a.votes = map[string]int{sangbad.ActorPerson: a.votes[sangbad.ActorPerson]}
			merge(target, a)
		}
	}
	out := gs[:0]
	for _, g := range gs {
		if g.cands != nil {
			out = append(out, g)
		}
	}
	return out
}

// corporateBase returns a company name without its legal suffix
// ("Microsoft Corp" -> "Microsoft"), or "" when it has none.
func corporateBase(name string) string {
	i := strings.LastIndexByte(name, ' ')
	if i <= 0 {
		return ""
	}
	switch strings.ToLower(strings.TrimSuffix(name[i+1:], ".")) {
	case "corp", "corporation", "inc", "incorporated", "ltd", "limited", "co", "plc", "llc", "ag", "sa", "nv", "gmbh", "holdings", "group":
		return strings.TrimRight(name[:i], " ,")
	}
	return ""
}

// acronymName reports a name that is an acronym: Latin capitals (two to
// six) or Bengali letter names.
func acronymName(n string) bool {
	_, ok := acronymForm(n)
	return ok
}

// acronymsOf returns the acronym forms among names: Latin capitals (two
// to six) or Bengali letter names read as Latin ("আইএমএফ" -> IMF).
func acronymsOf(names []string) []string {
	var out []string
	for _, n := range names {
		if a, ok := acronymForm(n); ok {
			out = append(out, a)
		}
	}
	return out
}

// acronymForm returns the Latin letters of an acronym: capitals (two to
// six, dots dropped: "U.N." -> UN) or Bengali letter names ("আইএমএফ" -> IMF).
func acronymForm(n string) (string, bool) {
	if hasBengali(n) {
		a := bnAcronymLatin(nfc(n))
		return a, a != ""
	}
	n = strings.ReplaceAll(n, ".", "")
	return n, isAllCaps(n) && !strings.Contains(n, " ") && len(n) >= 2 && len(n) <= 6
}

// initialsOf returns the initials of the Latin names of two or more
// capitalised words, small words left out ("International Monetary Fund"
// -> IMF).
func initialsOf(names []string) []string {
	var out []string
	for _, n := range names {
		if hasBengali(n) || !strings.Contains(n, " ") {
			continue
		}
		// two readings: small words left out, and "of" as O ("Bank of
		// Japan" is BOJ)
		var b, bOf strings.Builder
		words := 0
		for _, w := range strings.Fields(n) {
			switch strings.ToLower(w) {
			case "of":
				bOf.WriteByte('O')
				continue
			case "for", "and", "the", "on", "in", "de", "&":
				continue
			}
			if !isUpperStart(w) {
				words = 0
				break
			}
			b.WriteString(strings.ToUpper(w[:1]))
			bOf.WriteString(strings.ToUpper(w[:1]))
			words++
		}
		if words >= 2 {
			out = append(out, b.String())
			if bOf.Len() != b.Len() {
				out = append(out, bOf.String())
			}
		}
	}
	return out
}

// commonWordsBesides reports a Latin full name whose words other than the
// short form's are common English words: "British Museum Banksy" is no
// fuller form of "Banksy" (given names are listed capitalised, so they are
// not common words).
func (x *actorExtractor) commonWordsBesides(full, short []string) bool {
	for _, w := range full {
		if hasBengali(w) || slices.Contains(short, w) || isAllCaps(w) && len(w) <= 3 {
			continue // initials ("MA Mannan") are no common words
		}
		if x.g.enLex.has(strings.ToLower(w)) {
			return true
		}
	}
	return false
}

// capSurname reports a surname with an inner capital after a prefix:
// McCain, MacArthur, O'Donnell, DiCaprio, LeBlanc.
func capSurname(s string) bool {
	for _, p := range []string{"Mc", "Mac", "O'", "O’", "D'", "Di", "De", "Da", "La", "Le", "Van", "Von", "Fitz"} {
		if strings.HasPrefix(s, p) && len(s) > len(p)+1 && isUpperStart(s[len(p):]) && !hasInnerCap(s[len(p):]) {
			return true
		}
	}
	return false
}

// wordsEqual compares two word lists with sameWord.
func wordsEqual(a, b []string) bool {
	for i := range a {
		if !sameWord(a[i], b[i]) {
			return false
		}
	}
	return true
}

// sameWord compares two single words across scripts.
func sameWord(a, b string) bool {
	if strings.EqualFold(a, b) {
		return true
	}
	if hasBengali(a) != hasBengali(b) {
		return SameName(a, b)
	}
	return nfc(bnStem(nfc(a))) == nfc(bnStem(nfc(b)))
}

// sameActor reports whether two groups name the same actor.
func (x *actorExtractor) sameActor(a, b *group) bool {
	ta, tb := groupType(a), groupType(b)
	if ta != "" && tb != "" && ta != tb && (ta == sangbad.ActorPlace || tb == sangbad.ActorPlace) {
		return false
	}
	// the same gazetteer place
	if ta == sangbad.ActorPlace && tb == sangbad.ActorPlace {
		pa, pb := x.placeOf(a.names[0]), x.placeOf(b.names[0])
		if pa != "" && pa == pb {
			return true
		}
	}
	if ta == sangbad.ActorPlace && tb == sangbad.ActorPlace && x.placeOf(a.names[0]) != "" && x.placeOf(b.names[0]) != "" {
		return false // two different gazetteer places
	}
	// names in one script join only when equal (done by the caller); keys
	// compare names across scripts
	if hasBengali(a.names[0]) == hasBengali(b.names[0]) {
		return false
	}
	return anyNear(a.keys, b.keys)
}

// placeOf returns the English gazetteer name of a place name in either
// script, or "".
func (x *actorExtractor) placeOf(name string) string {
	if p, ok := x.g.bnPlace(nfc(name)); ok {
		return p.en
	}
	if p, ok := x.g.enPlace(name); ok {
		return p.en
	}
	return ""
}

func groupType(g *group) string {
	best, bv := "", 0
	for _, t := range []string{sangbad.ActorPlace, sangbad.ActorPerson, sangbad.ActorOrganization} {
		if g.votes[t] > bv {
			best, bv = t, g.votes[t]
		}
	}
	return best
}

// bengaliSecondPass adds the mentions that only the actors found so far
// reveal: a Bengali word that is the transliteration of a Latin name
// ("টিকটক" for TikTok), a repeated stem, a person's short name
// ("জুলকিফলি"), and names listed with known organisations ("A এবং B").
func (x *actorExtractor) bengaliSecondPass(groups []*group) {
	covered := make([]bool, len(x.toks))
	for _, c := range x.cands {
		for k := c.ti; k < c.tj && k < len(covered); k++ {
			covered[k] = true
		}
	}
	type known struct {
		g      *group
		typ    string
		keys   []string
		bn     map[string]bool // Bengali names and name words
		latin  bool            // the first name is in Latin script
		nwords int             // words of the first name
	}
	var ks []known
	shortOf := map[string]int{} // short form -> index in ks
	for _, g := range groups {
		k := known{g: g, typ: groupType(g), keys: g.keys, bn: map[string]bool{}, latin: hasLatin(g.names[0]), nwords: len(strings.Fields(g.names[0]))}
		if k.typ == sangbad.ActorOrganization {
			// the short form of a Persian-style name: "হেফাজত" for
			// "হেফাজতে ইসলাম", "জামায়াত" for "জামায়াতে ইসলামী"
			for _, ci := range g.cands {
				if f := strings.Fields(nfc(x.cands[ci].stem.Text)); len(f) >= 2 && strings.HasPrefix(f[len(f)-1], "ইসলাম") {
					if short, ok := strings.CutSuffix(f[len(f)-2], "ে"); ok && utf8.RuneCountInString(short) >= 3 {
						shortOf[short] = len(ks)
					}
				}
			}
		}
		for _, n := range g.names {
			if hasBengali(n) {
				k.bn[nfc(n)] = true
				if k.typ == sangbad.ActorPerson {
					for _, f := range strings.Fields(n) {
						if !x.g.w.bnName[f] || len(strings.Fields(n)) == 1 {
							k.bn[nfc(f)] = true
						}
					}
				}
			}
		}
		ks = append(ks, k)
	}
	multiLatin, singleLatin := false, false
	for _, k := range ks {
		if k.latin {
			if k.nwords > 1 {
				multiLatin = true
			} else {
				singleLatin = true
			}
		}
	}
	var added []cand
	for i := 0; i < len(x.toks); i++ {
		if covered[i] || x.toks[i].kind != tkBengali {
			continue
		}
		word, stem := x.bnWord(i)
		// two-word names first ("টিকটক শপ")
		if multiLatin && i+1 < len(x.toks) && !x.isKnown(i) && x.toks[i+1].kind == tkBengali && x.toks[i+1].space && !covered[i+1] && x.bnNameCandidate(i) {
			_, st2 := x.bnWord(i + 1)
			two := word + " " + st2
			kk := nameKeys(two)
			for _, k := range ks {
				if k.nwords < 2 || !k.latin {
					continue
				}
				if anyNear(kk, k.keys) {
					c := x.bnMention(i, i+2, st2, k.typ, true)
					c.name = k.g.names[0]
					added = append(added, c)
					// the brand inside: "টিকটক" in "টিকটক শপ"
					inner := x.bnMention(i, i+1, word, "", false)
					inner.nested = true
					added = append(added, inner)
					covered[i], covered[i+1] = true, true
					break
				}
			}
			if covered[i] {
				i++
				continue
			}
		}
		// a short form stands alone even when it is a common word
		// ("হেফাজতের মিছিলে"), but not right before ই/ইসলাম
		if ki, ok := shortOf[stem]; ok && !strings.HasSuffix(word, "ে") {
			c := x.bnMention(i, i+1, stem, sangbad.ActorOrganization, false)
			c.name = ks[ki].g.names[0]
			added = append(added, c)
			covered[i] = true
			continue
		}
		if !x.bnNameCandidate(i) {
			continue
		}
		var match *known
		for ki := range ks {
			k := &ks[ki]
			if k.bn[stem] || k.bn[word] {
				match = k
				break
			}
		}
		if match == nil && singleLatin && !x.isKnown(i) {
			wk := x.tokKeys(i)
			for ki := range ks {
				k := &ks[ki]
				if !k.latin || k.nwords != 1 {
					continue
				}
				if anyNear(wk, k.keys) {
					match = k
					break
				}
			}
		}
		if match == nil {
			// lists: "A এবং B", "A ও B" with A a known organisation
			if i >= 2 && (nfc(x.toks[i-1].text) == "এবং" || nfc(x.toks[i-1].text) == "ও") && covered[i-2] && !x.isKnown(i) {
				for _, c := range x.cands {
					if c.tj == i-1 && c.typ == sangbad.ActorOrganization {
						added = append(added, x.bnMention(i, i+1, stem, sangbad.ActorOrganization, false))
						break
					}
				}
			}
			continue
		}
		j := i + 1
		for j < len(x.toks) && x.toks[j].kind == tkBengali && x.toks[j].space && !covered[j] && !x.bnHasSuffix(j-1) {
			nw, ns := x.bnWord(j)
			if !match.bn[nw] && !match.bn[ns] {
				break
			}
			j++
		}
		lw, ls := x.bnWord(j - 1)
		c := x.bnMention(i, j, ls, match.typ, false)
		if match.bn[lw] {
			c = x.bnMention(i, j, lw, match.typ, false)
		}
		for k := i; k < j; k++ {
			covered[k] = true
		}
		i = j - 1
		// name the mention after the group so that it joins it
		c.name = match.g.names[0]
		added = append(added, c)
		covered[i] = true
	}
	// brands nested inside products found in the first pass: the inner word
	// joins the brand when it is one
	x.cands = append(x.cands, added...)
	for i := range x.cands {
		c := &x.cands[i]
		if !c.nested || c.typ != "" {
			continue
		}
		// an inner Bengali word: give it the name of a matching Latin group
		for _, k := range ks {
			if k.nwords == 1 && k.latin && anyNear(x.keysOf(c.name), k.keys) {
				c.name = k.g.names[0]
				c.typ = k.typ
				c.nested = false // joined its brand
				break
			}
		}
	}
	// nested words with no brand of their own are dropped
	out := x.cands[:0]
	for _, c := range x.cands {
		if c.nested {
			continue
		}
		out = append(out, c)
	}
	x.cands = out
	sort.SliceStable(x.cands, func(i, j int) bool { return x.cands[i].stem.Start < x.cands[j].stem.Start })
}

func anyNear(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if keysNear(x, y) {
				return true
			}
		}
	}
	return false
}

// actors turns groups into sangbad actors, in order of first mention.
func (x *actorExtractor) actors(groups []*group) []sangbad.Actor {
	sort.SliceStable(groups, func(i, j int) bool {
		return x.cands[minCand(groups[i])].stem.Start < x.cands[minCand(groups[j])].stem.Start
	})
	var out []sangbad.Actor
	for _, g := range groups {
		typ := groupType(g)
		if typ == "" {
			typ = sangbad.ActorOrganization
		}
		a := sangbad.Actor{Type: typ, Source: "rules"}
		// canonical name: the gazetteer's English name for places, else the
		// longest Latin name, else the longest Bengali one
		names := map[string]bool{}
		var latin, bengali string
		for _, ci := range g.cands {
			c := x.cands[ci]
			n := strings.TrimSpace(c.name)
			names[n] = true
			if hasBengali(n) {
				if utf8.RuneCountInString(n) > utf8.RuneCountInString(bengali) {
					bengali = n
				}
			} else if len(n) > len(latin) || (len(n) == len(latin) && !isAllCaps(n) && isAllCaps(latin)) {
				latin = n
			}
			if a.Role == "" && c.role != "" {
				a.Role = c.role
			}
			if a.Role == "" && x.descRole[c.ti] != "" {
				a.Role = x.descRole[c.ti]
			}
		}
		switch {
		case typ == sangbad.ActorPlace && x.placeOf(firstNonEmpty(latin, bengali)) != "":
			a.Name = x.placeOf(firstNonEmpty(latin, bengali))
		case latin != "":
			a.Name = latin
			if isAllCaps(latin) && len(latin) > 4 && !x.g.enOrgs[strings.ToLower(latin)] { // "JAKARTA", not "UNESCO"
				a.Name = titleCase(latin)
			}
		default:
			a.Name = bengali
		}
		if typ == sangbad.ActorPlace && bengali != "" {
			if p, ok := x.g.enPlace(a.Name); ok && p.bn != "" {
				names[p.bn] = true
			}
		}
		// the other-script forms as written (stems of the mentions)
		for _, ci := range g.cands {
			if st := nfc(x.cands[ci].stem.Text); hasBengali(st) && hasBengali(a.Name) != hasBengali(st) {
				names[st] = true
			}
		}
		// the Latin letters of an acronym spelled out in Bengali
		for _, ci := range g.cands {
			if n := x.cands[ci].stem.Text; hasBengali(n) {
				if acr := bnAcronymLatin(nfc(n)); acr != "" {
					names[acr] = true
				}
			}
		}
		if latin == "" && bengali != "" && typ != sangbad.ActorPlace {
			if r := x.romanise(bengali, typ); r != "" {
				names[r] = true
			}
		}
		for n := range names {
			if n != a.Name && strings.ToLower(n) != strings.ToLower(a.Name) {
				a.Aliases = append(a.Aliases, n)
			}
		}
		sort.Strings(a.Aliases)
		seen := map[[2]int]bool{}
		for _, ci := range g.cands {
			c := x.cands[ci]
			k := [2]int{c.stem.Start, c.stem.End}
			if seen[k] {
				continue
			}
			seen[k] = true
			m := sangbad.Mention{Span: c.stem}
			if c.surf != nil && *c.surf != c.stem {
				s := *c.surf
				m.Surface = &s
			}
			a.Mentions = append(a.Mentions, m)
		}
		sort.Slice(a.Mentions, func(i, j int) bool { return a.Mentions[i].Start < a.Mentions[j].Start })
		out = append(out, a)
	}
	for i := range out {
		out[i].ID = "a" + strconv.Itoa(i+1)
	}
	return out
}

// romanise gives a Bengali name of a person or organisation its Latin form:
// an acronym's letters ("বিজিএমইএ" -> "BGMEA"), a person's initials as
// letters ("এম সোহায়েল" -> "M Sohayel"), else a transliteration. An
// organisation named with common Bengali words ("বন্দর কর্তৃপক্ষ") has
// none: its romanisation would be no name anyone writes.
func (x *actorExtractor) romanise(name, typ string) string {
	if r := bnAcronymLatin(name); r != "" {
		return r
	}
	words := strings.Fields(name)
	var out []string
	for _, w := range words {
		if typ != sangbad.ActorPerson && x.g.known(w) {
			return ""
		}
		if l, ok := bnLetterLatin[w]; ok && len(words) > 1 {
			out = append(out, string(l))
			continue
		}
		if conv, ok := bnConventional[nfc(w)]; ok {
			out = append(out, conv)
			continue
		}
		out = append(out, titleCase(Transliterate(w)))
	}
	return strings.Join(out, " ")
}

func minCand(g *group) int {
	m := g.cands[0]
	for _, c := range g.cands {
		if c < m {
			m = c
		}
	}
	return m
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// titleCase capitalises the first letter of each word.
func titleCase(s string) string {
	f := strings.Fields(strings.ToLower(s))
	for i, w := range f {
		r, n := utf8.DecodeRuneInString(w)
		f[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(f, " ")
}
