package facts

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// mentionRef is one actor mention, for finding speakers by position.
type mentionRef struct {
	start, end int // code points, the surface when there is one
	actor      int // index into actors
	span       sangbad.Span
}

// quoteCtx holds what quote attribution needs.
type quoteCtx struct {
	d        *doc
	toks     []tok
	actors   []sangbad.Actor
	mentions []mentionRef // sorted by start
	w        *wordLists
	// lastSpeaker is the actor index of the latest attributed speaker, -1
	// when none.
	lastSpeaker int
}

// extractQuotes finds direct quotations (in quotation marks) and indirect
// ones ("X said that ...", "..., X বলেছেন।") and attributes them to the
// actors: a pronoun speaker (he, তিনি) is the nearest preceding speaker.
func extractQuotes(d *doc, actors []sangbad.Actor, w *wordLists) []sangbad.Quote {
	q := &quoteCtx{d: d, toks: d.tokens(), actors: actors, w: w, lastSpeaker: -1}
	for ai, a := range actors {
		for _, m := range a.Mentions {
			r := mentionRef{start: m.Start, end: m.End, actor: ai, span: m.Span}
			if m.Surface != nil {
				r.start, r.end = m.Surface.Start, m.Surface.End
			}
			q.mentions = append(q.mentions, r)
		}
	}
	sort.Slice(q.mentions, func(i, j int) bool { return q.mentions[i].start < q.mentions[j].start })

	direct := q.directSpans()
	var out []sangbad.Quote
	di := 0
	// walk sentences in order so that pronouns resolve to earlier speakers
	for _, s := range d.sentences {
		for di < len(direct) && direct[di].Start < s.End {
			out = append(out, q.attributeDirect(direct[di], direct, di))
			di++
		}
		out = append(out, q.indirect(s, direct)...)
	}
	for ; di < len(direct); di++ {
		out = append(out, q.attributeDirect(direct[di], direct, di))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	// a short quotation nobody said is a slogan, a chant or a scare quote
	// ("God is great"), not reported speech
	kept := out[:0]
	for _, qt := range out {
		if qt.Direct && qt.Speaker == "" && len(segment.Words(qt.Text)) < 5 {
			continue
		}
		kept = append(kept, qt)
	}
	return kept
}

// quote mark pairs: opening -> closing.
var quotePairs = map[rune]rune{'“': '”', '‘': '’', '«': '»', '"': '"', '„': '“'}

// directSpans returns the spans of quotations in marks with at least three
// words, marks included. A quotation ends at its closing mark and never
// crosses a paragraph break.
func (q *quoteCtx) directSpans() []sangbad.Span {
	text := q.d.text
	var out []sangbad.Span
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		closer, ok := quotePairs[r]
		if !ok {
			i += n
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if i > 0 && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
			i += n // an apostrophe or a closing mark used as an opener
			continue
		}
		end := -1
		for j := i + n; j < len(text); {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if r2 == '\n' {
				break
			}
			if r2 == closer {
				next, _ := utf8.DecodeRuneInString(text[j+n2:])
				if closer == '’' && (unicode.IsLetter(next)) {
					j += n2 // an apostrophe inside the quote
					continue
				}
				end = j + n2
				break
			}
			j += n2
		}
		if end < 0 {
			i += n
			continue
		}
		inner := text[i+n : end-len(string(closer))]
		if len(strings.Fields(inner)) >= 3 && !isWorkTitle(inner) && !namedByContext(text, i, end) {
			out = append(out, q.d.ix.Span(i, end))
			i = end
			continue
		}
		i += n
	}
	return out
}

// titleAfter are the words that make the quotation before them a name
// ("‘…’ শীর্ষক সেমিনার" = a seminar titled "…"); titleBefore those that do
// it in English ("a report titled “…”").
var (
	titleAfter  = []string{"শীর্ষক", "নামক", "নামে", "নামের", "শিরোনামে", "শিরোনামের", "শিরোনামক"}
	titleBefore = []string{"titled", "entitled", "called", "dubbed", "named", "headlined", "headline", "slogan", "motto", "theme"}
)

// namedByContext reports a quotation in marks that names something (a
// seminar, a report, a campaign) rather than reporting speech; start and
// end are byte offsets of the marks.
func namedByContext(text string, start, end int) bool {
	after := strings.TrimLeft(text[end:], " \t-")
	for _, w := range titleAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	before := strings.ToLower(strings.TrimRight(text[:start], " \t,:"))
	for _, w := range titleBefore {
		if strings.HasSuffix(before, w) {
			k := len(before) - len(w)
			if k == 0 || !unicode.IsLetter(rune(before[k-1])) {
				return true
			}
		}
	}
	return false
}

// isWorkTitle reports quoted Latin text that is the title of a work, not
// speech: at most eight words, each capitalised or a small word ("The Tony
// Snow Show", "Planet in Peril", "Fox News Sunday"), no sentence mark.
func isWorkTitle(inner string) bool {
	inner = strings.TrimRight(strings.TrimSpace(inner), ",")
	f := strings.Fields(inner)
	if len(f) > 8 || strings.ContainsAny(inner, ".!?।") || hasBengali(inner) {
		return false
	}
	for k, w := range f {
		if k > 0 && titleSmallWords[w] {
			continue
		}
		if !isUpperStart(w) {
			return false
		}
	}
	return isUpperStart(f[len(f)-1])
}

// tokAt returns the index of the first token starting at or after rune p.
func (q *quoteCtx) tokAt(p int) int {
	return sort.Search(len(q.toks), func(i int) bool { return q.toks[i].start >= p })
}

// mentionAt returns the mention that covers rune p, or -1.
func (q *quoteCtx) mentionAt(p int) int {
	i := sort.Search(len(q.mentions), func(i int) bool { return q.mentions[i].end > p })
	for ; i < len(q.mentions) && q.mentions[i].start <= p; i++ {
		if p >= q.mentions[i].start && p < q.mentions[i].end {
			return i
		}
	}
	return -1
}

// isSayVerb reports a reporting verb at token k; it returns the token after
// the verb expression ("যোগ করেন" is two words).
func (q *quoteCtx) isSayVerb(k int) (int, bool) {
	t := q.toks[k]
	switch t.kind {
	case tkLatin:
		low := strings.ToLower(t.text)
		if q.w.enSay[low] {
			// a passive "claimed by", "was announced" is no attribution
			if k+1 < len(q.toks) && strings.EqualFold(q.toks[k+1].text, "by") {
				return 0, false
			}
			if k > 0 {
				switch strings.ToLower(q.toks[k-1].text) {
				case "was", "were", "been", "be", "is", "are":
					return 0, false
				}
			}
			if low == "told" {
				return q.addresseeEnd(k + 1), true
			}
			return k + 1, true
		}
		if low == "according" && k+1 < len(q.toks) && strings.ToLower(q.toks[k+1].text) == "to" {
			return k + 2, true
		}
	case tkBengali:
		w := nfc(t.text)
		if q.w.bnSay[w] {
			// quotative বলে before another verb is not a saying
			if w == "বলে" && k+1 < len(q.toks) && q.toks[k+1].kind == tkBengali {
				return 0, false
			}
			return k + 1, true
		}
		if q.w.bnSayNoun[w] && k+1 < len(q.toks) && q.toks[k+1].kind == tkBengali && q.w.bnSayAux[nfc(q.toks[k+1].text)] {
			// a participle "উল্লেখ করে" ("citing") is no saying
			aux := nfc(q.toks[k+1].text)
			if aux == "করে" && (k+2 < len(q.toks) && q.toks[k+2].text != "।" && q.toks[k+2].kind != tkPunct) {
				return 0, false
			}
			if w == "উল্লেখ" && aux == "করে" {
				return 0, false
			}
			return k + 2, true
		}
	}
	return 0, false
}

// enAddressees are the people told something: "told reporters ...".
var enAddressees = map[string]bool{"reporters": true, "journalists": true, "lawmakers": true, "legislators": true,
	"investigators": true, "supporters": true, "crowd": true, "parliament": true, "me": true, "him": true, "her": true,
	"us": true, "them": true, "court": true, "jury": true, "committee": true, "officials": true, "colleagues": true,
	"students": true, "newspaper": true, "magazine": true, "network": true, "paper": true, "agency": true, "station": true,
	"audience": true, "residents": true, "police": true, "senators": true, "delegates": true, "voters": true, "media": true,
	"conference": true, "briefing": true, "interviewer": true, "television": true, "radio": true, "broadcaster": true}

// addresseeEnd skips the one told after "told" at token k: a capitalised
// name ("told CNN", "told The Associated Press") or an addressee noun
// with its article and adjectives ("told reporters", "told a news
// conference"), and returns the token after it.
func (q *quoteCtx) addresseeEnd(k int) int {
	at := func(i int) string {
		if i < len(q.toks) && q.toks[i].kind == tkLatin {
			return q.toks[i].text
		}
		return ""
	}
	i := k
	low := strings.ToLower(at(i))
	if low == "the" || low == "a" || low == "an" {
		i++
	}
	if w := at(i); w != "" && isUpperStart(w) {
		for at(i) != "" && isUpperStart(at(i)) {
			i++
		}
		return i
	}
	for n := 0; n < 3 && at(i+n) != ""; n++ {
		if enAddressees[strings.ToLower(at(i+n))] {
			return i + n + 1
		}
	}
	return k
}

var enPronouns = map[string]bool{"he": true, "she": true, "they": true, "He": true, "She": true, "They": true}

// speakerNear finds the speaker of a reporting verb at token v: an actor
// mention or a pronoun just before it (Bengali, English "X said"), or just
// after it (English "said X"). It returns the actor index (or -1), the
// speaker span and whether one was found.
func (q *quoteCtx) speakerNear(v, lo, hi int) (int, *sangbad.Span, bool) {
	// before the verb, skipping time words, context nouns and adverbials
	for k, n := v-1, 0; k >= lo && n < 6; k-- {
		t := q.toks[k]
		if t.kind == tkPunct {
			// an English apposition: "X, the company's chief, said"
			if t.text == "," && k == v-1 && q.toks[v].kind == tkLatin {
				if k-1 >= lo {
					if a, sp, ok := q.speakerAt(k - 1); ok && a >= 0 {
						return a, sp, true
					}
				}
				for c := k - 1; c >= lo && c > k-14; c-- {
					if q.toks[c].text == "," && c-1 >= lo {
						if a, sp, ok := q.speakerAt(c - 1); ok && a >= 0 {
							return a, sp, true
						}
						break
					}
				}
			}
			break
		}
		if a, sp, ok := q.speakerAt(k); ok {
			return a, sp, true
		}
		if !q.skippable(k) {
			break
		}
		n++
	}
	// inversion: "said X", "said the minister"; Bengali verb-first with
	// the speaker last: "... বলে জানিয়েছে কেন্দ্রীয় ব্যাংক।"
	if v < len(q.toks) && (q.toks[v].kind == tkLatin || v > lo && nfc(q.toks[v-1].text) == "বলে") {
		for k := v + 1; k < hi && k <= v+3; k++ {
			if a, sp, ok := q.speakerAt(k); ok {
				// "... বলে জানিয়েছেন ডিএমপি কমিশনার হাবিবুর রহমান": the
				// organisation owns the role of the person who spoke
				if a >= 0 && q.actors[a].Type != sangbad.ActorPerson {
					for k2 := k + 1; k2 < hi && k2 <= k+4 && q.toks[k2].kind != tkPunct; k2++ {
						if a2, sp2, ok2 := q.speakerAt(k2); ok2 && a2 >= 0 && q.actors[a2].Type == sangbad.ActorPerson {
							return a2, sp2, true
						}
					}
				}
				return a, sp, true
			}
			if q.toks[k].kind == tkPunct {
				break
			}
		}
	}
	return -1, nil, false
}

// skippable reports tokens that may stand between a speaker and the verb:
// time words, "on Tuesday", "in a note", "একটি নোটে".
func (q *quoteCtx) skippable(k int) bool {
	t := q.toks[k]
	w := nfc(t.text)
	if t.kind == tkBengali {
		if strings.HasSuffix(w, "বার") || w == "আজ" || w == "গতকাল" || w == "একটি" || strings.HasSuffix(w, "নোটে") || strings.HasSuffix(w, "বিবৃতিতে") || strings.HasSuffix(w, "সম্মেলনে") || strings.HasSuffix(w, "সাক্ষাৎকারে") || w == "সংবাদ" || w == "এক" {
			return true
		}
		// a group noun after its organisation: "Jefferies বিশ্লেষকরা"
		if strings.HasSuffix(w, "রা") || strings.HasSuffix(w, "গণ") || q.w.bnStop[w] && !q.w.bnPronoun[w] {
			return true
		}
		// a locative adverbial: "গণভবনে এক অনুষ্ঠানে বলেছেন"
		if q.mentionAt(t.start) < 0 && (strings.HasSuffix(w, "ে") || strings.HasSuffix(w, "তে") || strings.HasSuffix(w, "য়")) {
			return true
		}
		return false
	}
	if t.kind == tkLatin {
		switch strings.ToLower(t.text) {
		case "on", "in", "a", "an", "the", "late", "earlier", "also", "has", "had", "have", "was", "analysts", "officials", "spokesman", "spokeswoman", "statement", "note":
			return true
		}
	}
	return false
}

// speakerAt reports a speaker at token k: an actor mention (not a place),
// a pronoun (resolved), or a role word of a known person.
func (q *quoteCtx) speakerAt(k int) (int, *sangbad.Span, bool) {
	t := q.toks[k]
	if mi := q.mentionAt(t.start); mi >= 0 {
		m := q.mentions[mi]
		if q.actors[m.actor].Type != sangbad.ActorPlace {
			sp := m.span
			return m.actor, &sp, true
		}
		return -1, nil, false
	}
	w := nfc(t.text)
	if q.w.bnPronoun[w] || enPronouns[t.text] {
		sp := q.d.ix.Span(t.bs, t.be)
		a := q.resolvePronoun(t.start, w)
		return a, &sp, true
	}
	// a role standing for a person named elsewhere ("ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী")
	if t.kind == tkBengali && q.w.isBnRole(bnStem(w)) {
		for ai, a := range q.actors {
			if a.Type == sangbad.ActorPerson && a.Role != "" && strings.Contains(nfc(a.Role), w) {
				start := k
				if k > 0 && q.toks[k-1].kind == tkBengali && strings.Contains(nfc(a.Role), nfc(q.toks[k-1].text)) {
					start = k - 1
				}
				sp := q.d.ix.Span(q.toks[start].bs, t.be)
				return ai, &sp, true
			}
		}
	}
	// English: "the trade minister said" for "Indonesia's trade minister
	// Zulkifli Hasan" named before
	if low := strings.ToLower(t.text); t.kind == tkLatin && !isUpperStart(t.text) && q.w.enRole[low] && !q.w.enStop[low] {
		best, bestAt := -1, -1
		for ai, a := range q.actors {
			if a.Type != sangbad.ActorPerson || a.Role == "" || !slices.Contains(strings.Fields(strings.ToLower(a.Role)), low) {
				continue
			}
			for _, m := range a.Mentions {
				if m.Start < t.start && m.Start > bestAt {
					best, bestAt = ai, m.Start
				}
			}
		}
		if best >= 0 {
			start := k
			for start > 0 && q.toks[start-1].kind == tkLatin && q.w.enRole[strings.ToLower(q.toks[start-1].text)] && !isUpperStart(q.toks[start-1].text) {
				start--
			}
			if start > 0 && strings.EqualFold(q.toks[start-1].text, "the") {
				start--
			}
			sp := q.d.ix.Span(q.toks[start].bs, t.be)
			return best, &sp, true
		}
	}
	return -1, nil, false
}

// resolvePronoun returns the actor a pronoun at rune p stands for: the
// latest speaker when it is a person (or any speaker for a plural), else
// the nearest person mentioned before.
func (q *quoteCtx) resolvePronoun(p int, w string) int {
	plural := w == "তারা" || w == "তাঁরা" || strings.EqualFold(w, "they")
	if q.lastSpeaker >= 0 && (plural || q.actors[q.lastSpeaker].Type == sangbad.ActorPerson) {
		return q.lastSpeaker
	}
	for i := len(q.mentions) - 1; i >= 0; i-- {
		m := q.mentions[i]
		if m.start >= p {
			continue
		}
		t := q.actors[m.actor].Type
		if (plural && t == sangbad.ActorOrganization) || (!plural && t == sangbad.ActorPerson) {
			return m.actor
		}
	}
	return -1
}

// quote builds a Quote over runes [start,end) with its speaker.
func (q *quoteCtx) quote(start, end, actor int, sp *sangbad.Span, direct bool) sangbad.Quote {
	bs, be := q.d.ix.Byte(start), q.d.ix.Byte(end)
	qt := sangbad.Quote{Span: sangbad.Span{Text: q.d.text[bs:be], Start: start, End: end}, Direct: direct}
	if actor >= 0 {
		qt.Speaker = q.actors[actor].Name
		qt.SpeakerID = q.actors[actor].ID
		q.lastSpeaker = actor
	}
	if actor >= 0 || sp != nil {
		qt.SpeakerSpan = sp
	}
	return qt
}

// attributeDirect finds the speaker of the direct quotation ds: a reporting
// verb after it in the same sentence (with the speaker between: Bengali, or
// next to the verb: English), else one before it ("X said: “...”"), else
// the speaker of the previous quotation in the same paragraph.
func (q *quoteCtx) attributeDirect(ds sangbad.Span, all []sangbad.Span, idx int) sangbad.Quote {
	// a quotation that ends its own sentence ("... বাড়াবে।”") is more
	// likely introduced before it ("X বলেন, “...”") than after
	if endsSentence(ds.Text) {
		if qt, ok := q.directBefore(ds); ok {
			return qt
		}
	}
	first := q.tokAt(ds.End)
	// after: up to the end of the sentence, not into the next quotation
	limit := len(q.toks)
	if idx+1 < len(all) {
		limit = q.tokAt(all[idx+1].Start)
	}
	for k := first; k < limit && k < first+40; k++ {
		t := q.toks[k]
		if t.newline || (t.kind == tkPunct && (t.text == "।" || t.text == "." || t.text == "!" || t.text == "?") && (k > first || t.text == "." || t.text == "।")) {
			break // a full stop right after the quotation ends its sentence
		}
		end, ok := q.isSayVerb(k)
		if !ok {
			continue
		}
		// the speaker between the quote and the verb (person first)
		best, bestSpan := -1, (*sangbad.Span)(nil)
		for j := first; j < k; j++ {
			if mi := q.mentionAt(q.toks[j].start); mi >= 0 && q.actors[q.mentions[mi].actor].Type == sangbad.ActorPerson {
				sp := q.mentions[mi].span
				best, bestSpan = q.mentions[mi].actor, &sp
				break
			}
		}
		for j := first; j < k && best < 0; j++ {
			a, sp, found := q.speakerAt(j)
			if !found {
				continue
			}
			if a >= 0 && q.actors[a].Type == sangbad.ActorPerson {
				best, bestSpan = a, sp
				break
			}
			if best < 0 {
				best, bestSpan = a, sp
			}
		}
		if best < 0 {
			best, bestSpan, _ = q.speakerNear(k, first, min(end+4, limit))
			if bestSpan == nil {
				best, bestSpan, _ = q.speakerNear(end-1, first, min(end+4, limit))
			}
		}

		if best >= 0 || bestSpan != nil {
			return q.quote(ds.Start, ds.End, best, bestSpan, true)
		}
		break
	}
	if qt, ok := q.directBefore(ds); ok {
		return qt
	}
	// a running quotation: the previous one's speaker in the same paragraph
	if idx > 0 && q.lastSpeaker >= 0 && !strings.Contains(q.d.ix.Slice(all[idx-1].End, ds.Start), "\n") {
		return q.quote(ds.Start, ds.End, q.lastSpeaker, nil, true)
	}
	return q.quote(ds.Start, ds.End, -1, nil, true)
}

// directBefore attributes a quotation introduced before it: "X said: “...”",
// "X বলেন, ‘...’".
func (q *quoteCtx) directBefore(ds sangbad.Span) (sangbad.Quote, bool) {
	open := q.tokAt(ds.Start)
	for k := open - 1; k >= 0 && k >= open-6; k-- {
		t := q.toks[k]
		if t.kind == tkPunct && t.text != ":" && t.text != "," {
			break
		}
		if _, ok := q.isSayVerb(k); ok {
			a, sp, found := q.speakerNear(k, max(0, k-6), open)
			if found {
				return q.quote(ds.Start, ds.End, a, sp, true), true
			}
			break
		}
		if enCallVerbs[strings.ToLower(q.toks[k].text)] {
			// "Narendra Modi called it “inclusive and innovative”"
			if a, sp, found := q.speakerNear(k, max(0, k-6), open); found {
				return q.quote(ds.Start, ds.End, a, sp, true), true
			}
			break
		}
		if enSayParticiples[strings.ToLower(q.toks[k].text)] {
			// "Marc Mukasey argued ..., saying his client was “...”": the
			// participle's subject is the sentence's first person
			if mi := q.sentenceSubject(q.toks[k].start); mi >= 0 {
				sp := q.mentions[mi].span
				return q.quote(ds.Start, ds.End, q.mentions[mi].actor, &sp, true), true
			}
			break
		}
	}
	return sangbad.Quote{}, false
}

// enCallVerbs introduce a quoted description: "called it", "described
// it as".
var enCallVerbs = map[string]bool{"called": true, "calls": true, "described": true, "describes": true, "dubbed": true,
	"termed": true, "labelled": true, "labeled": true, "branded": true}

// enSayParticiples introduce a quotation in a participle clause whose
// subject is the sentence's.
var enSayParticiples = map[string]bool{"saying": true, "adding": true, "noting": true, "arguing": true, "insisting": true,
	"warning": true, "telling": true, "writing": true, "declaring": true, "stressing": true}

// sentenceSubject returns the first person mention of the sentence around
// code point p that starts before p, or -1.
func (q *quoteCtx) sentenceSubject(p int) int {
	for _, s := range q.d.sentences {
		if p < s.Start || p >= s.End {
			continue
		}
		for mi, m := range q.mentions {
			if m.start >= s.Start && m.start < p && q.actors[m.actor].Type == sangbad.ActorPerson {
				return mi
			}
		}
		return -1
	}
	return -1
}

// endsSentence reports a quotation whose text ends with a sentence's final
// mark before its closing quotation mark.
func endsSentence(quoted string) bool {
	t := strings.TrimRightFunc(quoted, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"”’'»", r)
	})
	r, _ := utf8.DecodeLastRuneInString(t)
	return r == '।' || r == '.' || r == '!' || r == '?'
}

// indirect finds reported speech in sentence s outside direct quotations:
// "X said (that) ...", "..., X said.", Bengali "X বলেছেন ...",
// "..., X বলেছেন।". Only speakers that are actors (or pronouns standing for
// them) count: an unnamed "analysts said" is not attributed.
func (q *quoteCtx) indirect(s sangbad.Span, direct []sangbad.Span) []sangbad.Quote {
	for _, ds := range direct {
		if ds.Start < s.End && ds.End > s.Start {
			return nil // the verb belongs to the direct quotation
		}
	}
	lo, hi := q.tokAt(s.Start), q.tokAt(s.End)
	type attr struct {
		v, end int // verb token range
		actor  int
		sp     *sangbad.Span
		spTok  int // first token of the speaker
	}
	var attrs []attr
	for k := lo; k < hi; k++ {
		end, ok := q.isSayVerb(k)
		if !ok {
			continue
		}
		a, sp, found := q.speakerNear(k, lo, hi)
		if !found || a < 0 {
			k = end - 1
			continue
		}
		attrs = append(attrs, attr{v: k, end: end, actor: a, sp: sp, spTok: q.tokAt(sp.Start)})
		k = end - 1
	}
	var out []sangbad.Quote
	prevEnd := s.Start
	for i, at := range attrs {
		lastWord := true
		for k := at.end; k < hi; k++ {
			if q.toks[k].kind != tkPunct && !q.skippable(k) && !isWeekday(q.toks[k].text) && !isTimeWord(q.toks[k].text) {
				lastWord = false
				break
			}
		}
		if !lastWord && q.trailingAdjunct(at.end, hi) {
			lastWord = true // "..., OpenAI said in a post."
		}
		// "..., the Labor Department said Tuesday, down from ...": an
		// attribution set off by commas closes the content before it
		aside := false
		if at.spTok < at.v && q.toks[at.v].kind == tkLatin { // Bengali "X বলেন, ..." introduces the content
			k := at.end
			for k < hi && (q.skippable(k) || isWeekday(q.toks[k].text) || isTimeWord(q.toks[k].text)) && q.toks[k].kind != tkPunct {
				k++
			}
			aside = k < hi && q.toks[k].text == ","
		}
		var cs, ce int
		if lastWord || aside || at.spTok > at.v {
			// "..., X said." / "..., said X.": the content ends at a comma
			// before the speaker (and the speaker's role words)
			first := min(at.spTok, at.v)
			comma := -1
			for k := first - 1; k >= lo && k >= first-5; k-- {
				if q.toks[k].text == "," {
					comma = k
					break
				}
				if q.toks[k].kind == tkPunct {
					break
				}
			}
			// "..., the state's chief minister, Mamata Banerjee, told ...":
			// the speaker's role set off before the name is no content
			if comma > lo {
				if c2 := q.roleApposition(lo, comma); c2 >= 0 {
					comma = c2
				}
			}
			if comma < 0 && first-1 > lo && nfc(q.toks[first-1].text) == "বলে" {
				// the Bengali quotative ends the content: "X হবে বলে জানান"
				comma = first - 1
			}
			if comma < 0 {
				q.lastSpeaker = at.actor
				prevEnd = q.toks[at.end-1].end
				continue
			}
			cs, ce = prevEnd, q.toks[comma].start
		} else {
			cs = q.toks[at.end-1].end
			ce = s.End
			if i+1 < len(attrs) {
				ce = q.toks[min(attrs[i+1].spTok, attrs[i+1].v)].start
			}
			// "said on Tuesday that ...", "said in a note that ...", "said in
			// a letter to investors that ..."
			k := q.tokAt(cs)
			for n := 0; k < hi && n < 4 && q.toks[k].kind == tkLatin && (q.skippable(k) || isWeekday(q.toks[k].text)); n++ {
				k++
			}
			if k < hi && strings.EqualFold(q.toks[k].text, "that") {
				cs = q.toks[k].end
			} else if k < hi && q.toks[k].kind == tkLatin {
				for n, m := 0, k; m < hi && n < 6 && q.toks[m].kind == tkLatin && q.toks[m].end <= ce; n, m = n+1, m+1 {
					if strings.EqualFold(q.toks[m].text, "that") {
						cs = q.toks[m].end
						break
					}
				}
			}
		}
		cs = q.skipDateline(cs, ce)
		cs, ce = q.trim(cs, ce)
		if ce-cs >= 8 {
			out = append(out, q.quote(cs, ce, at.actor, at.sp, false))
		} else if at.actor >= 0 {
			q.lastSpeaker = at.actor
		}
		prevEnd = q.toks[at.end-1].end
	}
	return out
}

// roleApposition reports a role phrase between an earlier comma and the
// comma at token c ("..., the state's chief minister, Mamata Banerjee"):
// up to six words with a role word, no verb of saying. It returns the
// earlier comma, or -1.
func (q *quoteCtx) roleApposition(lo, c int) int {
	role := false
	for k := c - 1; k >= lo && k >= c-7; k-- {
		t := q.toks[k]
		if t.text == "," {
			if role && k > lo {
				return k
			}
			return -1
		}
		if t.kind == tkPunct && t.text != "'" && t.text != "’" {
			return -1
		}
		low := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s"))
		if q.w.enSay[low] {
			return -1
		}
		if q.w.enRole[low] || q.w.enTitle[low] {
			role = true
		}
	}
	return -1
}

// trailingAdjunct reports a short English prepositional phrase that ends
// the sentence after a reporting verb ("in a post", "on X", "in an
// interview with CNN").
func (q *quoteCtx) trailingAdjunct(k, hi int) bool {
	if k >= hi || q.toks[k].kind != tkLatin {
		return false
	}
	switch strings.ToLower(q.toks[k].text) {
	case "in", "on", "at", "via", "during", "through", "to", "after", "before":
	default:
		return false
	}
	words := 0
	for ; k < hi; k++ {
		t := q.toks[k]
		if t.kind == tkPunct {
			if t.text == "." || t.text == "!" || t.text == "?" {
				break
			}
			return false // a clause goes on
		}
		words++
		if strings.EqualFold(t.text, "that") {
			return false // "said in a note that ..."
		}
	}
	return words <= 6
}

// skipDateline moves cs past a dateline at the start of the text
// ("JAKARTA, Dec 12 (Reuters) - ", "জাকার্তা, ডিসেম্বর 12 – ").
func (q *quoteCtx) skipDateline(cs, ce int) int {
	if cs > 0 {
		if r, _ := utf8.DecodeLastRuneInString(q.d.text[:q.d.ix.Byte(cs)]); r != '\n' {
			return cs
		}
	}
	k := q.tokAt(cs)
	for n := 0; k+n < len(q.toks) && n < 12 && q.toks[k+n].start < ce; n++ {
		t := q.toks[k+n]
		if t.newline && n > 0 {
			break
		}
		if t.kind == tkPunct && (t.text == "–" || t.text == "—" || t.text == "-") && t.space {
			if n >= 2 && q.toks[k+1].text == "," || strings.Contains(q.d.text[q.toks[k].bs:t.bs], "(") {
				return t.end
			}
		}
	}
	return cs
}

// isTimeWord reports a time adverb that may trail a reporting verb ("said
// on Monday", "told reporters yesterday").
func isTimeWord(s string) bool {
	switch strings.ToLower(s) {
	case "yesterday", "today", "tonight", "later", "earlier", "recently", "morning", "afternoon", "evening", "night", "week", "last", "this":
		return true
	}
	return false
}

func isWeekday(s string) bool {
	switch strings.ToLower(s) {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday":
		return true
	}
	return false
}

// trim narrows [cs,ce) past spaces and punctuation at both ends.
func (q *quoteCtx) trim(cs, ce int) (int, int) {
	for cs < ce {
		r, _ := utf8.DecodeRuneInString(q.d.text[q.d.ix.Byte(cs):])
		if !unicode.IsSpace(r) && !strings.ContainsRune(",:;–—-।.", r) {
			break
		}
		cs++
	}
	if cs >= ce {
		return cs, ce
	}
	// a discourse marker opening the sentence is no part of what was said:
	// "Meanwhile, police arrested ..."
	if rest := q.d.text[q.d.ix.Byte(cs):q.d.ix.Byte(ce)]; len(rest) > 0 {
		for _, m := range []string{"Meanwhile, ", "However, ", "Separately, ", "Earlier, ", "Later, ", "Still, ", "Also, ", "এদিকে, ", "এদিকে ", "তবে "} {
			if strings.HasPrefix(rest, m) && len(rest) > len(m)+8 {
				cs += utf8.RuneCountInString(m)
				break
			}
		}
	}
	for ce > cs {
		r, _ := utf8.DecodeLastRuneInString(q.d.text[:q.d.ix.Byte(ce)])
		if !unicode.IsSpace(r) && !strings.ContainsRune(",:;–—-।.", r) {
			break
		}
		ce--
	}
	return cs, ce
}
