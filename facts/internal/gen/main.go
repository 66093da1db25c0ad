// Command gen builds the embedded tables of package facts from external
// data: the CLDR place names (territories and time-zone exemplar cities) in
// Bengali and English, the CLDR Bengali-Latin transliteration rules, and the
// hunspell-bn word list, and the English names of first-level subdivisions
// (states, provinces, divisions) of a few countries from Debian's iso-codes
// (CLDR 48's JSON packages ship no subdivision names: cldr-core has only
// subdivisionContainment.json, codes without names). Run it once when the sources change and commit its
// output; the package never reads these sources at run time.
//
// Regenerate (from the repository root):
//
//	mkdir -p /tmp/cldr && cd /tmp/cldr && \
//	  npm pack cldr-localenames-full@48.2.0 cldr-dates-full@48.2.0 cldr-transforms@48.2.0 && \
//	  for f in *.tgz; do d=${f%-48.2.0.tgz}; mkdir -p $d && tar xzf $f -C $d; done && cd - && \
//	  apt-get install -y hunspell-bn && \
//	  apt-get install -y wamerican iso-codes && \
//	  go run ./facts/internal/gen -cldr /tmp/cldr -dic /usr/share/hunspell/bn_BD.dic -endict /usr/share/dict/american-english -iso /usr/share/iso-codes/json/iso_3166-2.json -out facts && gofmt -w facts/translit_cldr.go
//
// The English common-word list (data/lexicon_en.txt.gz) keeps the
// lower-case ASCII words of Debian's wamerican list that have no
// capitalised entry there ("once", "sources", but not "brown": "Brown" is
// listed as a name); it tells sentence-initial common words from names.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	cldr := flag.String("cldr", "/tmp/cldr", "folder with the unpacked cldr-localenames-full, cldr-dates-full and cldr-transforms packages")
	dic := flag.String("dic", "/usr/share/hunspell/bn_BD.dic", "hunspell-bn word list")
	endict := flag.String("endict", "/usr/share/dict/american-english", "Debian wamerican word list")
	iso := flag.String("iso", "/usr/share/iso-codes/json/iso_3166-2.json", "Debian iso-codes ISO 3166-2 list (first-level subdivisions)")
	out := flag.String("out", "facts", "the facts package folder (tables go to its data/ folder and translit_cldr.go)")
	flag.Parse()
	if err := run(*cldr, *dic, *endict, *iso, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(cldr, dic, endict, iso, out string) error {
	en, err := enLexicon(endict)
	if err != nil {
		return fmt.Errorf("english lexicon: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "data", "lexicon_en.txt.gz"), en, 0o644); err != nil {
		return err
	}
	places, err := placeTable(cldr)
	if err != nil {
		return fmt.Errorf("places: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "data", "places_cldr.tsv"), []byte(places), 0o644); err != nil {
		return err
	}
	sub, err := subdivisionTable(iso)
	if err != nil {
		return fmt.Errorf("subdivisions: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "data", "places_subdiv.tsv"), []byte(sub), 0o644); err != nil {
		return err
	}
	tr, err := translitTable(cldr)
	if err != nil {
		return fmt.Errorf("translit: %w", err)
	}
	if err := os.WriteFile(filepath.Join(out, "translit_cldr.go"), []byte(tr), 0o644); err != nil {
		return err
	}
	lex, err := lexicon(dic)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	return os.WriteFile(filepath.Join(out, "data", "lexicon_bn.txt.gz"), lex, 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// placeTable writes "english<TAB>bengali<TAB>kind" lines, kind country,
// region or city.
func placeTable(cldr string) (string, error) {
	type terr struct {
		Main map[string]struct {
			LocaleDisplayNames struct {
				Territories map[string]string `json:"territories"`
			} `json:"localeDisplayNames"`
		} `json:"main"`
	}
	var bn, en terr
	base := filepath.Join(cldr, "cldr-localenames-full", "package", "main")
	if err := readJSON(filepath.Join(base, "bn", "territories.json"), &bn); err != nil {
		return "", err
	}
	if err := readJSON(filepath.Join(base, "en", "territories.json"), &en); err != nil {
		return "", err
	}
	bt, et := bn.Main["bn"].LocaleDisplayNames.Territories, en.Main["en"].LocaleDisplayNames.Territories
	var lines []string
	seen := map[string]bool{}
	add := func(e, b, kind string) {
		e, b = strings.TrimSpace(e), norm.NFC.String(strings.TrimSpace(b))
		if e == "" || b == "" || strings.ContainsAny(e+b, "()\t") {
			return
		}
		l := e + "\t" + b + "\t" + kind
		if !seen[l] {
			seen[l] = true
			lines = append(lines, l)
		}
	}
	for code, b := range bt {
		base, _, _ := strings.Cut(code, "-alt-")
		if base == "ZZ" || base == "EU" || base == "EZ" || base == "UN" || base == "QO" || base == "001" {
			continue
		}
		e := et[code]
		if e == "" {
			e = et[base]
		}
		kind := "country"
		if base[0] >= '0' && base[0] <= '9' {
			kind = "region"
		}
		add(e, b, kind)
		if alt, ok := et[base+"-alt-short"]; ok && code == base {
			add(alt, b, kind)
		}
	}
	type zones struct {
		Main map[string]struct {
			Dates struct {
				TimeZoneNames struct {
					Zone map[string]map[string]json.RawMessage `json:"zone"`
				} `json:"timeZoneNames"`
			} `json:"dates"`
		} `json:"main"`
	}
	var bz, ez zones
	dbase := filepath.Join(cldr, "cldr-dates-full", "package", "main")
	if err := readJSON(filepath.Join(dbase, "bn", "timeZoneNames.json"), &bz); err != nil {
		return "", err
	}
	if err := readJSON(filepath.Join(dbase, "en", "timeZoneNames.json"), &ez); err != nil {
		return "", err
	}
	type city struct {
		Exemplar string `json:"exemplarCity"`
	}
	for region, cities := range bz.Main["bn"].Dates.TimeZoneNames.Zone {
		if region == "Etc" {
			continue
		}
		for name, raw := range cities {
			var c city
			if json.Unmarshal(raw, &c) != nil || c.Exemplar == "" {
				continue
			}
			e := strings.ReplaceAll(name, "_", " ")
			var ec city
			if r, ok := ez.Main["en"].Dates.TimeZoneNames.Zone[region][name]; ok && json.Unmarshal(r, &ec) == nil && ec.Exemplar != "" {
				e = ec.Exemplar
			}
			add(e, c.Exemplar, "city")
		}
	}
	sort.Strings(lines)
	return "# generated by facts/internal/gen from CLDR 48.2.0 (Unicode licence): english\tbengali\tkind\n" + strings.Join(lines, "\n") + "\n", nil
}

var (
	ruleDef  = regexp.MustCompile(`^\$(\w+)\s*=\s*\\u([0-9A-Fa-f]{4})\s*;`)
	ruleMap  = regexp.MustCompile(`^((?:\$\w+\s*)+)→\s*([^;]*);`)
	bnToPUA  = regexp.MustCompile(`^(\S+?)→\\u([0-9A-Fa-f]{4});`)
	varNames = regexp.MustCompile(`\$(\w+)`)
)

// translitTable writes "kind<TAB>bengali<TAB>latin" lines from the CLDR
// Bengali-InterIndic and InterIndic-Latin rules: kind C is a consonant
// without its inherent vowel, V a dependent vowel sign, I an independent
// vowel, M a modifier sign. Context rules are left out: the Go side adds the
// inherent vowel itself.
func translitTable(cldr string) (string, error) {
	dir := filepath.Join(cldr, "cldr-transforms", "package", "transforms")
	pua := map[rune]string{} // PUA code -> Bengali text
	f, err := os.ReadFile(filepath.Join(dir, "Bengali-InterIndic.txt"))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(f), "\n") {
		m := bnToPUA.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		src := norm.NFC.String(m[1])
		if strings.ContainsAny(src, "$[]{}:") {
			continue
		}
		cp, _ := strconv.ParseUint(m[2], 16, 32)
		if _, dup := pua[rune(cp)]; !dup {
			pua[rune(cp)] = src
		}
	}
	g, err := os.ReadFile(filepath.Join(dir, "InterIndic-Latin.txt"))
	if err != nil {
		return "", err
	}
	vars := map[string]rune{}
	var lines []string
	seen := map[string]bool{}
	for _, line := range strings.Split(string(g), "\n") {
		line = strings.TrimSpace(line)
		if m := ruleDef.FindStringSubmatch(line); m != nil {
			cp, _ := strconv.ParseUint(m[2], 16, 32)
			vars[m[1]] = rune(cp)
			continue
		}
		m := ruleMap.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		names := varNames.FindAllStringSubmatch(m[1], -1)
		out := strings.TrimSpace(strings.Trim(m[2], " "))
		out = strings.ReplaceAll(out, "''", "")
		var src strings.Builder
		var kind string
		ok := true
		for i, n := range names {
			name := n[1]
			switch {
			case name == "virama" && i == len(names)-1 && i > 0:
				kind = "C"
				continue
			case name == "nukta" && i > 0:
				src.WriteRune('\u09BC')
				continue
			}
			cp, found := vars[name]
			b, inBengali := pua[cp]
			if !found || !inBengali {
				ok = false
				break
			}
			src.WriteString(b)
		}
		if !ok || src.Len() == 0 {
			continue
		}
		if kind == "" {
			first := names[0][1]
			switch {
			case len(names) == 1 && strings.HasPrefix(first, "w"):
				kind = "I"
			case len(names) == 1 && (first == "anusvara" || first == "visarga" || first == "chandrabindu"):
				kind = "M"
			case len(names) == 1 && vars[first] >= 0xE03E && vars[first] <= 0xE04C:
				kind = "V"
			default:
				continue
			}
		}
		s := norm.NFC.String(src.String())
		key := kind + "\t" + s
		if seen[key] {
			continue
		}
		seen[key] = true
		lines = append(lines, key+"\t"+norm.NFC.String(out))
	}
	sort.Strings(lines)
	var b strings.Builder
	b.WriteString("// Code generated by facts/internal/gen from CLDR 48.2.0 Bengali-InterIndic and InterIndic-Latin; DO NOT EDIT.\n\npackage facts\n\n")
	b.WriteString("// cldrLatin returns the Latin letters CLDR gives a Bengali letter (a consonant\n// with an optional nukta, without its inherent vowel) and its kind: 'C'\n// consonant, 'V' vowel sign, 'I' independent vowel, 'M' modifier sign.\nfunc cldrLatin(s string) (string, byte) {\n\tswitch s {\n")
	for _, l := range lines {
		f := strings.Split(l, "\t")
		fmt.Fprintf(&b, "\tcase %q:\n\t\treturn %q, '%s'\n", f[1], f[2], f[0])
	}
	b.WriteString("\t}\n\treturn \"\", 0\n}\n")
	return b.String(), nil
}

// lexicon returns the NFC, sorted, deduplicated hunspell-bn words, gzipped,
// one a line.
func lexicon(dic string) ([]byte, error) {
	f, err := os.Open(dic)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first {
			first = false
			if _, err := strconv.Atoi(line); err == nil {
				continue // the count line
			}
		}
		w, _, _ := strings.Cut(line, "/")
		if w == "" {
			continue
		}
		set[norm.NFC.String(w)] = true
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	words := make([]string, 0, len(set))
	for w := range set {
		words = append(words, w)
	}
	sort.Strings(words)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write([]byte(strings.Join(words, "\n") + "\n"))
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// enLexicon returns the lower-case ASCII words of a one-word-a-line list
// that have no capitalised entry in it, sorted and gzipped, one a line.
func enLexicon(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	all := map[string]bool{}
	for _, w := range strings.Split(string(b), "\n") {
		if w = strings.TrimSpace(w); w != "" && !strings.Contains(w, "'") {
			all[w] = true
		}
	}
	var words []string
	for w := range all {
		if w != strings.ToLower(w) || !isASCII(w) {
			continue
		}
		if all[strings.ToUpper(w[:1])+w[1:]] {
			continue
		}
		words = append(words, w)
	}
	sort.Strings(words)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	for _, w := range words {
		zw.Write([]byte(w + "\n"))
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// subdivisionTypes lists, per country, the ISO 3166-2 subdivision types
// kept: the first level (states, provinces, territories, divisions).
// Outlying areas and special administrative regions are CLDR territories
// already; districts are a second level except the US capital district.
var subdivisionTypes = map[string]map[string]bool{
	"US": {"State": true, "District": true},
	"IN": {"State": true, "Union territory": true},
	"CA": {"Province": true, "Territory": true},
	"AU": {"State": true, "Territory": true},
	"CN": {"Province": true, "Autonomous region": true, "Municipality": true},
	"PK": {"Province": true, "Federal capital territory": true, "Pakistan administered area": true},
	"BD": {"Division": true},
}

// cnSuffixes are the Pinyin type words of Chinese subdivision names
// ("Guangdong Sheng", "Xinjiang Uygur Zizhiqu"), dropped as news does.
var cnSuffixes = []string{" Sheng", " Shi", " Zizhiqu", " Zhuangzu", " Huizi", " Huizu", " Uygur"}

// subdivisionTable writes "english<TAB><TAB>subdivision" lines (no
// Bengali name: no source in both scripts) for the countries of
// subdivisionTypes, with diacritics folded ("Bihār" -> "Bihar").
func subdivisionTable(path string) (string, error) {
	var iso struct {
		Subdivisions []struct {
			Code string `json:"code"`
			Name string `json:"name"`
			Type string `json:"type"`
		} `json:"3166-2"`
	}
	if err := readJSON(path, &iso); err != nil {
		return "", err
	}
	seen := map[string]bool{}
	var lines []string
	for _, s := range iso.Subdivisions {
		cc, _, _ := strings.Cut(s.Code, "-")
		if !subdivisionTypes[cc][s.Type] || cc == "CN" && s.Code == "CN-TW" {
			continue
		}
		n := foldMarks(s.Name)
		if cc == "CN" {
			for _, suf := range cnSuffixes {
				for strings.HasSuffix(n, suf) {
					n = strings.TrimSuffix(n, suf)
				}
			}
		}
		n = strings.TrimSpace(n)
		if n == "" || strings.ContainsAny(n, ",()\t") || seen[n] {
			continue
		}
		seen[n] = true
		lines = append(lines, n+"\t\tsubdivision")
	}
	if len(lines) == 0 {
		return "", fmt.Errorf("%s: no subdivisions", path)
	}
	sort.Strings(lines)
	return "# generated by facts/internal/gen from Debian iso-codes (ISO 3166-2, LGPL-2.1): english\tbengali\tkind\n" + strings.Join(lines, "\n") + "\n", nil
}

// foldMarks drops combining marks after decomposition ("Bihār" -> "Bihar").
func foldMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
