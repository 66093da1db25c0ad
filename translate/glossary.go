package translate

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
	"golang.org/x/text/unicode/norm"
)

// Glossary origins: where an entry of Result.Glossary came from.
const (
	OriginUser  = "user"  // the request or the glossary file
	OriginFacts = "facts" // the source's actors (both scripts known)
	OriginModel = "model" // the model's own rendering in an earlier chunk
)

// Entry is one fixed rendering of a name used in a translation.
type Entry struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Origin string `json:"origin"`
}

// Glossary holds a user's fixed renderings of names, per target language:
// Glossary["bn"]["TikTok"] = "টিকটক". The key "" holds entries for any
// target language; they are also used in reverse (target -> source) when
// the translation goes the other way, judged by the writing systems.
type Glossary map[string]map[string]string

// Add records one entry for target language lang ("" for any).
func (g Glossary) Add(lang, source, target string) {
	m := g[lang]
	if m == nil {
		m = map[string]string{}
		g[lang] = m
	}
	m[source] = target
}

// LoadGlossary reads a glossary file. A .json file is an object of names
// ({"TikTok": "টিকটক"}) or of language codes to such objects
// ({"bn": {"TikTok": "টিকটক"}}); anything else is read as tab-separated
// lines "source<TAB>target" or "source<TAB>target<TAB>lang", with blank
// lines and lines starting with # ignored.
func LoadGlossary(path string) (Glossary, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	var g Glossary
	if strings.EqualFold(filepath.Ext(path), ".json") || bytes.HasPrefix(bytes.TrimSpace(b), []byte("{")) {
		g, err = ParseGlossaryJSON(bytes.NewReader(b))
	} else {
		g, err = ParseGlossaryTSV(bytes.NewReader(b))
	}
	if err != nil {
		return nil, fmt.Errorf("glossary %s: %w", path, err)
	}
	return g, nil
}

// ParseGlossaryTSV reads "source<TAB>target[<TAB>lang]" lines.
func ParseGlossaryTSV(r io.Reader) (Glossary, error) {
	g := Glossary{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, sangbad.Errorf(sangbad.Invalid, "glossary line %d is not valid UTF-8", n)
		}
		f := strings.Split(line, "\t")
		if len(f) < 2 || len(f) > 3 {
			return nil, sangbad.Errorf(sangbad.Invalid, "glossary line %d: want source<TAB>target[<TAB>lang], got %d fields", n, len(f))
		}
		src, tgt := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
		if src == "" || tgt == "" {
			return nil, sangbad.Errorf(sangbad.Invalid, "glossary line %d: empty source or target", n)
		}
		lang := ""
		if len(f) == 3 {
			var err error
			if lang, err = checkCode("glossary language", f[2]); err != nil {
				return nil, sangbad.Errorf(sangbad.Invalid, "glossary line %d: %s", n, sangbad.ErrorMessage(err))
			}
		}
		g.Add(lang, src, tgt)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read glossary: %w", err)
	}
	return g, nil
}

// ParseGlossaryJSON reads {"source": "target"} or {"lang": {"source": "target"}}.
func ParseGlossaryJSON(r io.Reader) (Glossary, error) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, sangbad.WrapError(sangbad.Invalid, err, "glossary is not a JSON object")
	}
	g := Glossary{}
	for k, v := range raw {
		v = bytes.TrimSpace(v)
		switch {
		case len(v) > 0 && v[0] == '"':
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return nil, sangbad.WrapError(sangbad.Invalid, err, "glossary entry "+k)
			}
			if strings.TrimSpace(k) == "" || strings.TrimSpace(s) == "" {
				return nil, sangbad.Errorf(sangbad.Invalid, "glossary entry %q: empty source or target", k)
			}
			g.Add("", strings.TrimSpace(k), strings.TrimSpace(s))
		case len(v) > 0 && v[0] == '{':
			lang, err := checkCode("glossary language", k)
			if err != nil {
				return nil, err
			}
			var m map[string]string
			if err := json.Unmarshal(v, &m); err != nil {
				return nil, sangbad.WrapError(sangbad.Invalid, err, "glossary for "+k+" must map names to names")
			}
			for s, t := range m {
				if strings.TrimSpace(s) == "" || strings.TrimSpace(t) == "" {
					return nil, sangbad.Errorf(sangbad.Invalid, "glossary entry %q (%s): empty source or target", s, k)
				}
				g.Add(lang, strings.TrimSpace(s), strings.TrimSpace(t))
			}
		default:
			return nil, sangbad.Errorf(sangbad.Invalid, "glossary entry %q: want a string or an object", k)
		}
	}
	return g, nil
}

// For returns the entries that apply to a translation from source to
// target: the entries for target (which win) and the language-free ones,
// reversed when their sides are written the other way round, dropped when
// their target is in a script the target language does not use (unless
// it is the source unchanged: a name to keep as written).
func (g Glossary) For(source, target string) map[string]string {
	out := map[string]string{}
	ss, ts := langScript(source), langScript(target)
	for s, t := range g[""] {
		st, tt := scriptOf(s), scriptOf(t)
		switch {
		case s == t || ts == "" || tt == ts || tt == "":
			out[s] = t
		case st == ts && (ss == "" || tt == ss):
			if _, ok := out[t]; !ok {
				out[t] = s
			}
		}
	}
	for s, t := range g[target] {
		out[s] = t
	}
	return out
}

// glossary is the working glossary of one translation.
type glossary struct {
	entries []gEntry
	index   map[string]int // source form -> entries index
}

type gEntry struct {
	Entry
	// lenient accepts a derived form of the target (a demonym: "Chinese"
	// for "China"); set for places found by the rules.
	lenient bool
	// from is the chunk whose answer taught the entry (-1 otherwise).
	from int
}

func newGlossary() *glossary { return &glossary{index: map[string]int{}} }

// add adds an entry unless its source form is known; it reports whether
// it did.
func (g *glossary) add(e gEntry) bool {
	if e.Source == "" || e.Target == "" {
		return false
	}
	if _, ok := g.index[e.Source]; ok {
		return false
	}
	g.index[e.Source] = len(g.entries)
	g.entries = append(g.entries, e)
	return true
}

func (g *glossary) len() int { return len(g.entries) }

// addUser adds the user's entries in a stable order.
func (g *glossary) addUser(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		g.add(gEntry{Entry: Entry{Source: k, Target: m[k], Origin: OriginUser}, from: -1})
	}
}

// addActors adds the renderings the rules know in both scripts: a name of
// the source written in the target's script elsewhere in the article (or
// known to the gazetteer), and names already written in the target's
// script. Romanisations the extractor guessed letter by letter are not
// renderings and are skipped; so is everything when the two languages
// share a script, except people and organisations, whose names stay.
func (g *glossary) addActors(actors []sangbad.Actor, text, source, target string) {
	ss, ts := langScript(source), langScript(target)
	if ss == "" || ts == "" {
		return
	}
	for _, a := range actors {
		if a.Unverified {
			continue
		}
		forms := []string{norm.NFC.String(a.Name)}
		for _, al := range a.Aliases {
			forms = append(forms, norm.NFC.String(al))
		}
		var src, tgt []string
		for _, f := range forms {
			switch pureScript(f) {
			case ss:
				src = append(src, f)
			case ts:
				if a.Type == sangbad.ActorPlace || !guessed(f, forms) {
					tgt = append(tgt, f)
				}
			}
		}
		if ss == ts {
			if a.Type == sangbad.ActorPlace {
				continue
			}
			tgt = src
		}
		if len(tgt) == 0 {
			continue
		}
		place := a.Type == sangbad.ActorPlace
		for _, f := range append(src, tgt...) {
			if len([]rune(f)) < 2 || !containsName(text, f) {
				continue
			}
			t := tgt[0]
			if scriptOf(f) == ts && ss != ts {
				t = f // a name already in the target script stays as written
			}
			g.add(gEntry{Entry: Entry{Source: f, Target: t, Origin: OriginFacts}, lenient: place, from: -1})
		}
	}
}

// guessed reports a Latin alias that is the letter-by-letter romanisation
// of one of the other (Bengali) forms: the extractor's guess, not a
// spelling anyone wrote. (Places take their Latin names from the
// gazetteer, never from a guess.)
func guessed(f string, forms []string) bool {
	if scriptOf(f) != "Latin" {
		return false
	}
	for _, o := range forms {
		if o != f && scriptOf(o) == "Bengali" && strings.EqualFold(facts.Transliterate(o), f) {
			return true
		}
	}
	return false
}

// in returns the entries whose source form occurs in text, in glossary
// order.
func (g *glossary) in(text string) []gEntry {
	var out []gEntry
	for _, e := range g.entries {
		if containsName(text, e.Source) {
			out = append(out, e)
		}
	}
	return out
}

// used returns the public entries.
func (g *glossary) used() []Entry {
	out := make([]Entry, len(g.entries))
	for i, e := range g.entries {
		out[i] = e.Entry
	}
	return out
}

// scriptOf is the writing system of most of the letters of s ("Latin",
// "Bengali", "Other"), "" when it has no letters.
func scriptOf(s string) string {
	var latin, bengali, other int
	for _, r := range s {
		switch {
		case r >= 0x0980 && r <= 0x09FF:
			bengali++
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	switch {
	case latin == 0 && bengali == 0 && other == 0:
		return ""
	case bengali >= latin && bengali >= other:
		return "Bengali"
	case latin >= other:
		return "Latin"
	}
	return "Other"
}

// pureScript is the script of s when all its letters are in one script
// ("Latin", "Bengali", "Other"), else "".
func pureScript(s string) string {
	sc := ""
	for _, r := range s {
		var x string
		switch {
		case r >= 0x0980 && r <= 0x09FF:
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				continue
			}
			x = "Bengali"
		case unicode.Is(unicode.Latin, r):
			x = "Latin"
		case unicode.IsLetter(r):
			x = "Other"
		default:
			continue
		}
		if sc != "" && sc != x {
			return ""
		}
		sc = x
	}
	return sc
}

// bengaliScript are the languages written in the Bengali-Assamese script.
var bengaliScript = map[string]bool{"bn": true, "as": true, "mni": true}

// nonLatin are ISO 639-1 languages usually written in another script.
var nonLatin = map[string]bool{
	"am": true, "ar": true, "be": true, "bg": true, "bo": true, "dv": true, "dz": true, "el": true,
	"fa": true, "gu": true, "he": true, "hi": true, "hy": true, "iu": true, "ja": true, "ka": true,
	"kk": true, "km": true, "kn": true, "ko": true, "ky": true, "lo": true, "mk": true, "ml": true,
	"mn": true, "mr": true, "my": true, "ne": true, "or": true, "pa": true, "ps": true, "ru": true,
	"sa": true, "sd": true, "si": true, "sr": true, "ta": true, "te": true, "tg": true, "th": true,
	"ti": true, "tt": true, "ug": true, "uk": true, "ur": true, "yi": true, "zh": true,
}

// langScript is the script a language is written in: "Bengali", "Latin",
// "Other"; "" when unknown.
func langScript(code string) string {
	switch {
	case code == "":
		return ""
	case bengaliScript[code]:
		return "Bengali"
	case nonLatin[code]:
		return "Other"
	}
	return "Latin"
}

// bnSuffixes are the Bengali case endings and clitics a name may carry
// ("টিকটকের", "ইন্দোনেশিয়ায়").
var bnSuffixes = []string{
	"য়েরই", "য়ের", "য়েও", "েরই", "ের", "েরা", "দের", "রা", "কেই", "কে", "তেই", "তে", "য়ও", "য়",
	"রই", "র", "এর", "ও", "ই", "টি", "টির", "টিকে", "েও", "ে",
}

// containsName reports whether name occurs in text as a whole word run:
// not inside a longer word, except for a Bengali case ending after a
// Bengali name.
func containsName(text, name string) bool {
	return len(findName(text, name, 1)) > 0
}

// findName returns up to max byte ranges of name's occurrences in text
// (max <= 0: all).
func findName(text, name string, limit int) [][2]int {
	if name == "" {
		return nil
	}
	var out [][2]int
	bn := scriptOf(name) == "Bengali"
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], name)
		if j < 0 {
			break
		}
		s, e := i+j, i+j+len(name)
		i = s + 1
		if r, _ := utf8.DecodeLastRuneInString(text[:s]); s > 0 && segment.IsWordRune(r) {
			continue
		}
		end := e
		if r, _ := utf8.DecodeRuneInString(text[e:]); e < len(text) && segment.IsWordRune(r) {
			if !bn {
				continue
			}
			rest := text[e:]
			ok := false
			for _, suf := range bnSuffixes {
				if strings.HasPrefix(rest, suf) {
					r2, _ := utf8.DecodeRuneInString(rest[len(suf):])
					if len(rest) == len(suf) || !segment.IsWordRune(r2) {
						ok, end = true, e+len(suf)
						break
					}
				}
			}
			if !ok {
				continue
			}
		}
		out = append(out, [2]int{s, end})
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	return out
}

// containsDerived reports an occurrence in text of name less its last
// letter, at a word start, completed by at most four letters: a demonym or
// adjective ("Chinese" for "China", "Southeast Asian" for "Southeast
// Asia").
func containsDerived(text, name string) bool {
	rs := []rune(name)
	if len(rs) < 4 {
		return false
	}
	stem := strings.ToLower(string(rs[:len(rs)-1]))
	lt := strings.ToLower(text)
	for i := 0; i < len(lt); {
		j := strings.Index(lt[i:], stem)
		if j < 0 {
			return false
		}
		s := i + j
		i = s + 1
		if r, _ := utf8.DecodeLastRuneInString(lt[:s]); s > 0 && segment.IsWordRune(r) {
			continue
		}
		n := 0
		for _, r := range lt[s+len(stem):] {
			if !segment.IsWordRune(r) {
				break
			}
			n++
		}
		if n <= 4 {
			return true
		}
	}
	return false
}
