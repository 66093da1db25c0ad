package lang

import (
	"sort"
	"strings"

	lingua "github.com/pemistahl/lingua-go"
)

// Undetermined is the code of a text whose language cannot be told.
const Undetermined = "und"

// Assamese is not one of lingua's languages; the script rule (ৰ, ৱ) adds it.
const assameseCode = "as"

// Info describes one language the detector can return.
type Info struct {
	// Code is the ISO 639-1 code.
	Code string `json:"code"`
	// Name is the English name.
	Name string `json:"name"`
	// Scripts are the writing systems the detector recognises it in.
	Scripts []string `json:"scripts"`
}

// code returns the ISO 639-1 code of a lingua language.
func code(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}

// englishName returns the English name of a lingua language. lingua's own
// names drop diacritics and qualifiers; the few that read wrongly are fixed.
func englishName(l lingua.Language) string {
	switch l {
	case lingua.Bokmal:
		return "Norwegian Bokmål"
	case lingua.Nynorsk:
		return "Norwegian Nynorsk"
	case lingua.Sotho:
		return "Southern Sotho"
	case lingua.Slovene:
		return "Slovenian"
	case lingua.Punjabi:
		return "Punjabi"
	}
	return l.String()
}

// fromCode returns the lingua language of an ISO 639-1 code.
func fromCode(c string) (lingua.Language, bool) {
	iso := lingua.GetIsoCode639_1FromValue(strings.ToUpper(c))
	if iso == lingua.UnknownIsoCode639_1 {
		return lingua.Unknown, false
	}
	l := lingua.GetLanguageFromIsoCode639_1(iso)
	return l, l != lingua.Unknown
}

// Name returns the English name of a language the detector knows, by its
// ISO 639-1 code (case-insensitive); "und" gives "Undetermined".
func Name(c string) (string, bool) {
	switch strings.ToLower(c) {
	case Undetermined:
		return "Undetermined", true
	case assameseCode:
		return "Assamese", true
	}
	if len(c) != 2 {
		return "", false
	}
	l, ok := fromCode(c)
	if !ok {
		return "", false
	}
	return englishName(l), true
}

// Codes returns the ISO 639-1 codes of every language the detector can
// return, sorted.
func Codes() []string {
	all := lingua.AllLanguages()
	out := make([]string, 0, len(all)+1)
	for _, l := range all {
		out = append(out, code(l))
	}
	out = append(out, assameseCode)
	sort.Strings(out)
	return out
}

// Supported returns every language the detector can return with its name
// and scripts, sorted by code.
func Supported() []Info {
	codes := Codes()
	out := make([]Info, 0, len(codes))
	for _, c := range codes {
		n, _ := Name(c)
		var ss []string
		for _, s := range scriptsOf(c) {
			ss = append(ss, s.String())
		}
		out = append(out, Info{Code: c, Name: n, Scripts: ss})
	}
	return out
}

// scriptsOf returns the scripts a language is written in, as the detector
// sees them.
func scriptsOf(c string) []script {
	if c == assameseCode {
		return []script{scriptBengali}
	}
	l, ok := fromCode(c)
	if !ok {
		return nil
	}
	for s := scriptLatin; s < numScripts; s++ {
		for _, m := range languagesOf(s) {
			if m == l {
				if l == lingua.Japanese {
					return []script{scriptHan, scriptHiragana, scriptKatakana}
				}
				return []script{s}
			}
		}
	}
	return nil
}

// languagesOf returns lingua's languages written in a script.
func languagesOf(s script) []lingua.Language {
	switch s {
	case scriptLatin:
		return lingua.AllLanguagesWithLatinScript()
	case scriptCyrillic:
		return lingua.AllLanguagesWithCyrillicScript()
	case scriptArabic:
		return lingua.AllLanguagesWithArabicScript()
	case scriptDevanagari:
		return lingua.AllLanguagesWithDevanagariScript()
	case scriptBengali:
		return []lingua.Language{lingua.Bengali}
	case scriptGreek:
		return []lingua.Language{lingua.Greek}
	case scriptArmenian:
		return []lingua.Language{lingua.Armenian}
	case scriptGeorgian:
		return []lingua.Language{lingua.Georgian}
	case scriptGujarati:
		return []lingua.Language{lingua.Gujarati}
	case scriptGurmukhi:
		return []lingua.Language{lingua.Punjabi}
	case scriptHan:
		return []lingua.Language{lingua.Chinese, lingua.Japanese}
	case scriptHangul:
		return []lingua.Language{lingua.Korean}
	case scriptHebrew:
		return []lingua.Language{lingua.Hebrew}
	case scriptTamil:
		return []lingua.Language{lingua.Tamil}
	case scriptTelugu:
		return []lingua.Language{lingua.Telugu}
	case scriptThai:
		return []lingua.Language{lingua.Thai}
	}
	return nil
}
