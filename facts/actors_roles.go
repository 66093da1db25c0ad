package facts

import (
	"sort"
	"strings"

	"github.com/sangbad/sangbad"
)

// Role heads that name one office, so that a reference by the role alone
// ("the trade minister", "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী") can stand for the
// one person holding it. Generic roles ("official", "analyst", "শিক্ষার্থী")
// are left out: "an official said" is no reference to a known person.
const (
	enOfficeHeads = `minister president chairman chairwoman chairperson chair ceo cfo coo cto executive director
	spokesman spokeswoman spokesperson secretary governor senator ambassador founder co-founder mayor judge
	king queen prince princess emir premier chancellor commissioner envoy coach captain editor
	president-elect co-chair vice-chairman sultan pope`

	bnOfficeHeads = `প্রধানমন্ত্রী রাষ্ট্রপতি প্রেসিডেন্ট সভাপতি চেয়ারম্যান চেয়ারপারসন গভর্নর রাষ্ট্রদূত মেয়র
	উপদেষ্টা মুখপাত্র সিইও এমডি উপাচার্য স্পিকার মুখ্যমন্ত্রী কমিশনার অধিনায়ক কোচ প্রতিষ্ঠাতা সম্পাদক
	রাজা রানি সম্রাট আহ্বায়ক কোষাধ্যক্ষ সহসভাপতি অধ্যক্ষ`
)

// roleRef is a role-only reference: the tokens [i,j) with their role head
// and the words before the head.
type roleRef struct {
	i, j int
	head string
	mods []string
}

// addRoleMentions adds to each person actor the references to it by role
// alone, as mentions of Kind "role": a role phrase with the same head as
// the actor's role, not next to a person's name (a title or an
// apposition), when exactly one person actor carries that role.
func (x *actorExtractor) addRoleMentions(actors []sangbad.Actor) {
	enHeads, bnHeads := wordSet(enOfficeHeads, true), wordSet(bnOfficeHeads, false)
	type holder struct {
		ai    int
		head  string
		words map[string]bool
	}
	var holders []holder
	for ai, a := range actors {
		if a.Type != sangbad.ActorPerson || a.Role == "" {
			continue
		}
		h := holder{ai: ai, words: map[string]bool{}}
		for _, f := range strings.Fields(nfc(a.Role)) {
			f = strings.Trim(f, ",.;:()\"'“”‘’")
			low := strings.ToLower(f)
			if p, ok := possessive(f); ok {
				h.words[strings.ToLower(p)] = true
			}
			h.words[low] = true
			if st := bnStem(f); hasBengali(f) {
				h.words[st] = true
				if bnHeads[st] || x.bnOfficeHead(st) {
					h.head = st
				}
			} else if enHeads[low] {
				h.head = low
			}
			if low == "of" || low == "for" || low == "at" || low == "in" {
				break
			}
		}
		if h.head != "" {
			holders = append(holders, h)
		}
	}
	if len(holders) == 0 {
		return
	}
	// person mentions by token, to keep titles and appositions out
	person := make([]bool, len(x.toks))
	named := make([]bool, len(x.toks))
	for _, a := range actors {
		for _, m := range a.Mentions {
			s, e := m.Start, m.End
			if m.Surface != nil {
				s, e = m.Surface.Start, m.Surface.End
			}
			lo := sort.Search(len(x.toks), func(k int) bool { return x.toks[k].end > s })
			for k := lo; k < len(x.toks) && x.toks[k].start < e; k++ {
				named[k] = true
				person[k] = person[k] || a.Type == sangbad.ActorPerson
			}
		}
	}
	nextTo := func(k, step int) bool {
		if k < 0 || k >= len(x.toks) {
			return false
		}
		if person[k] {
			return true
		}
		switch x.toks[k].text {
		case ",", "(", "–", "—", "-", ")":
			k += step
			return k >= 0 && k < len(x.toks) && person[k]
		}
		return false
	}
	added := make([][]sangbad.Mention, len(actors))
	for k := range x.toks {
		ref, ok := x.roleRefAt(k, enHeads, bnHeads)
		if !ok || named[k] || nextTo(ref.j, 1) || nextTo(ref.i-1, -1) {
			continue
		}
		match := -1
		n := 0
		for hi, h := range holders {
			if !(h.head == ref.head || hasBengali(h.head) && strings.HasSuffix(h.head, ref.head)) {
				continue
			}
			fits := true
			for _, m := range ref.mods {
				if !h.words[m] {
					fits = false
				}
			}
			if fits {
				match = hi
				n++
			}
		}
		if n != 1 {
			continue
		}
		h := holders[match]
		start := ref.i
		// the genitive or modifier before, when part of the holder's role
		// ("ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী", "Indonesia's trade minister")
		if p := start - 1; p >= 0 && !person[p] {
			t := x.toks[p]
			w := nfc(t.text)
			switch {
			case t.kind == tkBengali && (h.words[w] || h.words[bnStem(w)]):
				start = p
			case t.kind == tkLatin && h.words[strings.ToLower(w)]:
				start = p
			case t.kind == tkBengali && named[p] && strings.HasSuffix(w, "র"):
				continue // another country's or body's ("চীনের বাণিজ্যমন্ত্রী")
			}
		}
		sp := x.d.ix.Span(x.toks[start].bs, x.toks[ref.j-1].be)
		added[h.ai] = append(added[h.ai], sangbad.Mention{Span: sp, Kind: sangbad.MentionRole})
	}
	for ai, ms := range added {
		if len(ms) == 0 {
			continue
		}
		actors[ai].Mentions = append(actors[ai].Mentions, ms...)
		sort.SliceStable(actors[ai].Mentions, func(i, j int) bool { return actors[ai].Mentions[i].Start < actors[ai].Mentions[j].Start })
	}
}

// bnOfficeHead reports a Bengali office compound: -মন্ত্রী, -সচিব,
// -পরিচালক ("বাণিজ্যমন্ত্রী", "মহাপরিচালক").
func (x *actorExtractor) bnOfficeHead(st string) bool {
	return strings.HasSuffix(st, "মন্ত্রী") || strings.HasSuffix(st, "সচিব") || strings.HasSuffix(st, "পরিচালক")
}

// roleRefAt returns the role phrase whose head is token k: English a run
// of role words after "the" or a possessive ("the trade minister",
// "Indonesia's finance minister"), Bengali a singular office word.
func (x *actorExtractor) roleRefAt(k int, enHeads, bnHeads map[string]bool) (roleRef, bool) {
	t := x.toks[k]
	w := x.g.w
	switch t.kind {
	case tkBengali:
		word, st := x.bnWord(k)
		if !(bnHeads[st] || x.bnOfficeHead(st)) {
			return roleRef{}, false
		}
		// plurals ("মন্ত্রীরা", "উপদেষ্টাদের") refer to no one person
		for _, suf := range []string{"রা", "দের", "গণ", "বৃন্দ"} {
			if strings.HasSuffix(word, suf) && !strings.HasSuffix(st, suf) {
				return roleRef{}, false
			}
		}
		// a role before a name or another role is a title ("প্রধান উপদেষ্টা")
		if k+1 < len(x.toks) && x.toks[k+1].kind == tkBengali {
			if _, nst := x.bnWord(k + 1); w.isBnRole(nst) {
				return roleRef{}, false
			}
		}
		return roleRef{i: k, j: k + 1, head: st}, true
	case tkLatin:
		low := strings.ToLower(t.text)
		if !enHeads[low] {
			return roleRef{}, false
		}
		// the head ends the run: "the trade minister said", not "minister Zulkifli"
		if k+1 < len(x.toks) && x.toks[k+1].kind == tkLatin && w.enRole[strings.ToLower(x.toks[k+1].text)] {
			return roleRef{}, false
		}
		i := k
		var mods []string
		for i > 0 && x.toks[i-1].kind == tkLatin {
			pl := strings.ToLower(x.toks[i-1].text)
			if !w.enRole[pl] || w.enStop[pl] {
				break
			}
			mods = append(mods, pl)
			i--
		}
		if i == 0 {
			return roleRef{}, false
		}
		det := strings.ToLower(x.toks[i-1].text)
		switch {
		case det == "the" || det == "his" || det == "her" || det == "its" || det == "their":
			i--
		case x.toks[i-1].kind == tkLatin && isUpperStart(x.toks[i-1].text):
			p, ok := possessive(x.toks[i-1].text)
			if !ok {
				return roleRef{}, false
			}
			mods = append(mods, strings.ToLower(p))
			i--
		default:
			return roleRef{}, false
		}
		return roleRef{i: i, j: k + 1, head: low, mods: mods}, true
	}
	return roleRef{}, false
}
