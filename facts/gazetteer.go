package facts

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
)

// The place tables come from CLDR (territories and time-zone exemplar
// cities, both scripts), ISO 3166-2 first-level subdivisions of a few
// countries (English only: states, provinces, divisions) plus a short
// hand-curated list; the lexicon is the
// hunspell-bn word list. facts/internal/gen regenerates the CLDR and
// hunspell files (see its doc comment for the command).
//
//go:embed data/places_cldr.tsv data/places_extra.tsv data/places_subdiv.tsv data/orgs_extra.tsv data/lexicon_bn.txt.gz data/lexicon_en.txt.gz
var dataFS embed.FS

// place is one gazetteer entry.
type place struct {
	en, bn, kind string // kind: country, region, subdivision or city; bn may be empty
}

// gazetteer holds the read-only tables the actor extractor needs: places in
// both scripts, the Bengali lexicon and the cue word lists. It is built once
// by New and shared by concurrent extractions.
type gazetteer struct {
	bnPlaces    map[string]place // NFC Bengali name -> place
	enPlaces    map[string]place // lower-case English name -> place
	maxBnWords  int
	bnFirst     map[string]bool   // first words of multi-word Bengali places and organisations
	bnOrgs      map[string]string // NFC Bengali organisation name -> English name
	enOrgs      map[string]bool   // lower-case English names of the known organisations
	maxOrgWords int
	maxEnWords  int
	lex         lexicon
	enLex       lexicon // English common (lower-case only) words
	w           *wordLists
}

// loadGazetteer parses the embedded tables. They are part of the binary and
// checked by the tests, so a parse failure is a build defect and panics.
func loadGazetteer() *gazetteer {
	g, err := parseGazetteer()
	if err != nil {
		panic(fmt.Sprintf("facts: embedded gazetteer: %v", err))
	}
	return g
}

func parseGazetteer() (*gazetteer, error) {
	g := &gazetteer{bnPlaces: map[string]place{}, enPlaces: map[string]place{}, bnFirst: map[string]bool{}, bnOrgs: map[string]string{}, enOrgs: map[string]bool{}, w: newWordLists()}
	ob, err := dataFS.ReadFile("data/orgs_extra.tsv")
	if err != nil {
		return nil, fmt.Errorf("read organisations: %w", err)
	}
	for i, line := range strings.Split(string(ob), "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 2 {
			return nil, fmt.Errorf("data/orgs_extra.tsv:%d: want 2 fields, got %d", i+1, len(f))
		}
		bn := nfc(f[1])
		g.bnOrgs[bn] = f[0]
		g.enOrgs[strings.ToLower(f[0])] = true
		if w := strings.Fields(bn); len(w) > 1 {
			g.bnFirst[w[0]] = true
			g.maxOrgWords = max(g.maxOrgWords, len(w))
		}
	}
	for _, name := range []string{"data/places_cldr.tsv", "data/places_extra.tsv", "data/places_subdiv.tsv"} {
		b, err := dataFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if line == "" || line[0] == '#' {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 {
				return nil, fmt.Errorf("%s:%d: want 3 fields, got %d", name, i+1, len(f))
			}
			p := place{en: f[0], bn: nfc(f[1]), kind: f[2]}
			g.addPlace(p)
		}
	}
	z, err := dataFS.ReadFile("data/lexicon_bn.txt.gz")
	if err != nil {
		return nil, fmt.Errorf("read lexicon: %w", err)
	}
	g.lex, err = readLexicon(z)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	z, err = dataFS.ReadFile("data/lexicon_en.txt.gz")
	if err != nil {
		return nil, fmt.Errorf("read english lexicon: %w", err)
	}
	if g.enLex, err = readLexicon(z); err != nil {
		return nil, fmt.Errorf("english lexicon: %w", err)
	}
	return g, nil
}

func (g *gazetteer) addPlace(p place) {
	bnKey := strings.ReplaceAll(p.bn, "-", " ")
	// the first entry wins: countries come before same-named cities only
	// when listed first, so prefer a country over a city explicitly
	// (and আমেরিকা is the United States in Bengali news, not the Americas)
	if old, ok := g.bnPlaces[bnKey]; bnKey != "" && (!ok || ((old.kind == "city" || old.kind == "region") && p.kind == "country")) {
		g.bnPlaces[bnKey] = p
	}
	enKey := strings.ToLower(p.en)
	if old, ok := g.enPlaces[enKey]; !ok || (old.kind == "city" && p.kind == "country") {
		g.enPlaces[enKey] = p
	}
	if f := strings.Fields(bnKey); len(f) > 1 {
		g.bnFirst[f[0]] = true
		g.maxBnWords = max(g.maxBnWords, len(f))
	}
	g.maxEnWords = max(g.maxEnWords, len(strings.Fields(p.en)))
}

// bnPlace looks up a Bengali place name given as space-separated words
// (hyphens count as spaces).
func (g *gazetteer) bnPlace(name string) (place, bool) {
	p, ok := g.bnPlaces[name]
	return p, ok
}

// enPlace looks up an English place name or a common abbreviation of one.
func (g *gazetteer) enPlace(name string) (place, bool) {
	low := strings.ToLower(name)
	if full, ok := enPlaceAbbrevs[low]; ok {
		low = full
	}
	p, ok := g.enPlaces[low]
	return p, ok
}

// enPlaceAbbrevs are English abbreviations of place names.
var enPlaceAbbrevs = map[string]string{"u.s.": "united states", "us": "united states", "u.s.a.": "united states", "usa": "united states",
	"u.k.": "united kingdom", "uk": "united kingdom", "uae": "united arab emirates", "u.a.e.": "united arab emirates", "britain": "united kingdom",
	"america": "united states", "the united states": "united states",
	// AP style state abbreviations in datelines: "SACRAMENTO, Calif."
	// (only those that are no English word or title: not Ga., Pa., Ill., Wash., Miss.)
	"calif": "california", "fla": "florida", "mich": "michigan", "tenn": "tennessee", "ariz": "arizona", "colo": "colorado",
	"conn": "connecticut", "minn": "minnesota", "nev": "nevada", "wis": "wisconsin", "okla": "oklahoma", "ky": "kentucky"}

// lexicon is a sorted word list searched in place: one string and the
// offsets of its words, about 3 MB for 110,000 words.
type lexicon struct {
	text string
	off  []uint32 // start of each word; the word ends before the next '\n'
}

func readLexicon(z []byte) (lexicon, error) {
	zr, err := gzip.NewReader(bytes.NewReader(z))
	if err != nil {
		return lexicon{}, err
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return lexicon{}, err
	}
	if len(b) == 0 || b[len(b)-1] != '\n' || bytes.Contains(b, []byte("\n\n")) {
		return lexicon{}, fmt.Errorf("word list must be one word a line, ending with a newline")
	}
	lx := lexicon{text: string(b), off: make([]uint32, 0, bytes.Count(b, []byte{'\n'}))}
	start := 0
	for i, c := range b {
		if c == '\n' {
			if i > start {
				lx.off = append(lx.off, uint32(start))
			}
			start = i + 1
		}
	}
	if !sort.SliceIsSorted(lx.off, func(i, j int) bool { return lx.word(i) < lx.word(j) }) {
		return lexicon{}, fmt.Errorf("word list is not sorted")
	}
	return lx, nil
}

func (lx lexicon) word(i int) string {
	end := len(lx.text) - 1 // the text ends with '\n'
	if i+1 < len(lx.off) {
		end = int(lx.off[i+1]) - 1
	}
	return lx.text[lx.off[i]:end]
}

// has reports whether w (NFC) is a word of the lexicon.
func (lx lexicon) has(w string) bool {
	i := sort.Search(len(lx.off), func(i int) bool { return lx.word(i) >= w })
	return i < len(lx.off) && lx.word(i) == w
}

// known reports whether a Bengali word is an ordinary word: it or one of its
// suffix-stripped stems is in the lexicon or the function-word lists.
func (g *gazetteer) known(w string) bool {
	w = nfc(w)
	if g.lex.has(w) || g.w.bnStop[w] {
		return true
	}
	found := false
	forEachStem(w, func(s string) bool {
		found = g.lex.has(s) || g.w.bnStop[s]
		return !found
	})
	return found
}

// stem strips a case or classifier suffix from a Bengali word (NFC) the way
// the lexicon confirms. Of the suffix-stripped stems that are words of the
// lexicon, the cue lists or the gazetteer it prefers a case reading to a
// classifier one ("কমিটির" -> "কমিটি", not "কমি" + "-টির"; but "দেশটির" ->
// "দেশ") and then the longest suffix ("দলের" -> "দল", not "দলে" + "-র";
// "পার্টির" -> "পার্টি", "পার্" being no word). A word that is itself in the
// lexicon keeps a classifier-like ending ("কমিটি") or a final -য়
// ("ভারতীয়", "বিষয়"). With no confirmed stem
// it falls back to bnStem, the longest suffix the rules allow (unknown
// names).
func (g *gazetteer) stem(w string) string {
	st, _ := g.analyze(w)
	return st
}

// analyze returns stem(w) and known(w) together, looking each form up
// once.
func (g *gazetteer) analyze(w string) (string, bool) {
	stop := g.w.bnStop[w]
	if !stop && g.cueWord(w) {
		return w, g.known(w) // "সুপার" is a role, not "সুপা" + "-র"
	}
	type reading struct {
		s        string
		cls, lex bool
	}
	var buf [8]reading
	rs := buf[:0]
	anyLex, anyCls := false, false
	forEachStem(w, func(s string) bool {
		suf := w[len(s):]
		r := reading{s: s, cls: strings.HasPrefix(suf, "ট") || strings.HasPrefix(suf, "গুল"), lex: g.lex.has(s) || g.w.bnStop[s]}
		anyLex = anyLex || r.lex
		anyCls = anyCls || r.cls
		rs = append(rs, r)
		return true
	})
	if len(rs) == 0 {
		return w, stop || g.lex.has(w)
	}
	// the word itself is looked up only when it matters
	selfKnown, selfDone := false, false
	self := func() bool {
		if !selfDone {
			selfKnown, selfDone = g.lex.has(w), true
		}
		return selfKnown
	}
	best, bestCls := "", false
	for _, r := range rs {
		if (r.cls || w[len(r.s):] == "য়") && self() {
			continue // "কমিটি" is no "কমি" + "-টি", "ভারতীয়" no "ভারতী" + "-য়"
		}
		if !r.lex && !g.cueWord(r.s) {
			continue
		}
		if best == "" || bestCls && !r.cls || bestCls == r.cls && len(r.s) < len(best) {
			best, bestCls = r.s, r.cls
		}
	}
	known := stop || anyLex || self()
	if best != "" {
		return best, known
	}
	if self() || stop {
		return w, known // a word, and no stripped form is one ("রোববার")
	}
	if strings.HasSuffix(w, "কার") || strings.HasSuffix(w, "দার") {
		return w, known // surnames of trades: "খন্দকার", "চৌকিদার"
	}
	return bnStem(w), known
}

// goodStem reports a Bengali stem that is a word in its own right.
func (g *gazetteer) goodStem(s string) bool {
	return g.lex.has(s) || g.cueWord(s)
}

// cueWord reports a word of the cue lists or the gazetteer.
func (g *gazetteer) cueWord(s string) bool {
	w := g.w
	if w.bnStop[s] || w.bnOrgHead[s] || w.bnRole[s] || w.bnPlaceHead[s] || w.bnName[s] || w.bnTitle[s] || w.bnOrgMod[s] {
		return true
	}
	_, ok := g.bnPlaces[s]
	return ok
}
