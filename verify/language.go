package verify

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

// Language check thresholds. Short texts give detectors little to go on,
// so a disagreement only counts when the detector is very sure.
const (
	minScriptLetters = 12   // fewer letters: no script verdict
	shortLetters     = 40   // below this a text is short
	confShort        = 0.9  // detector confidence needed on a short text
	confLong         = 0.7  // and on a longer one
	scriptMajority   = 0.5  // share of the expected script below which the text is in another script
	scriptDecisive   = 0.85 // share above which the script outweighs the detector
)

// scriptOf is the writing system of a language, for the languages whose
// script tells them apart.
func scriptOf(code string) *unicode.RangeTable {
	switch code {
	case "bn", "as":
		return unicode.Bengali
	case "hi", "mr", "ne", "sa":
		return unicode.Devanagari
	case "ar", "ur", "fa", "ps":
		return unicode.Arabic
	case "ta":
		return unicode.Tamil
	case "te":
		return unicode.Telugu
	case "gu":
		return unicode.Gujarati
	case "pa":
		return unicode.Gurmukhi
	case "ru", "uk", "bg", "sr", "mk", "be", "kk":
		return unicode.Cyrillic
	case "el":
		return unicode.Greek
	case "th":
		return unicode.Thai
	case "ja", "zh", "ko":
		return nil // mixed scripts
	}
	if len(code) == 2 {
		return unicode.Latin
	}
	return nil
}

// scriptShare returns the number of letters counted and the share of them
// in script. Latin words that start with a capital letter are left out of
// texts in another script: they are names ("TikTok", "GoTo"), and names in
// Latin letters are normal in Bengali news.
func scriptShare(text string, script *unicode.RangeTable) (letters int, share float64) {
	in := 0
	for _, w := range segment.Words(text) {
		first := true
		skip := false
		for _, r := range w.Text {
			if first {
				first = false
				skip = script != unicode.Latin && unicode.Is(unicode.Latin, r) && unicode.IsUpper(r)
			}
			if skip || !(unicode.IsLetter(r) || unicode.Is(unicode.M, r)) {
				continue
			}
			letters++
			if unicode.Is(script, r) {
				in++
			}
		}
	}
	if letters == 0 {
		return 0, 0
	}
	return letters, float64(in) / float64(letters)
}

// language checks that the text is in the expected language: first by
// script (a Bengali summary written in Latin letters is wrong whatever a
// detector says), then with the detector when one is configured.
func (c *check) language(ctx context.Context, want string) error {
	text := c.ix.String()
	start, end := trimmedRange(text)
	script := scriptOf(want)
	letters, share := 0, 1.0
	if script != nil {
		letters, share = scriptShare(text, script)
		if letters >= minScriptLetters && share < scriptMajority {
			c.add(sangbad.IssueLanguage, start, end,
				fmt.Sprintf("text is not in the expected language %s: only %.0f%% of its letters are in the %s script", want, share*100, scriptName(script)))
			return nil
		}
	}
	if c.v.det == nil {
		return nil
	}
	got, err := c.v.det.Detect(ctx, text)
	if err != nil {
		return fmt.Errorf("detect language: %w", err)
	}
	c.lang = &got
	if got.Code == want || got.Code == "" || got.Code == "und" {
		return nil
	}
	need := confLong
	if countLetters(text) < shortLetters {
		need = confShort
	}
	if got.Confidence < need {
		return nil
	}
	// A text written in the expected script and detected as a language of
	// another script is mixed (names, terms): the script decides.
	if script != nil && letters >= minScriptLetters && share >= scriptDecisive && scriptOf(got.Code) != script {
		return nil
	}
	name := got.Name
	if name == "" {
		name = got.Code
	}
	c.add(sangbad.IssueLanguage, start, end,
		fmt.Sprintf("text is in %s (%s, confidence %.2f), expected %s", name, got.Code, got.Confidence, want))
	return nil
}

func scriptName(t *unicode.RangeTable) string {
	for name, rt := range unicode.Scripts {
		if rt == t {
			return name
		}
	}
	return "expected"
}

// trimmedRange returns the code-point range of text without surrounding
// white space.
func trimmedRange(text string) (int, int) {
	lead := len([]rune(text)) - len([]rune(strings.TrimLeftFunc(text, unicode.IsSpace)))
	end := len([]rune(strings.TrimRightFunc(text, unicode.IsSpace)))
	if end < lead {
		return 0, 0
	}
	return lead, end
}

func countLetters(text string) int {
	n := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.Is(unicode.M, r) {
			n++
		}
	}
	return n
}
