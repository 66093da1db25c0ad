package lang

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/sangbad/sangbad"
)

// Options tune a Detector. The zero value gives the defaults.
type Options struct {
	// SampleLetters bounds the letters given to the statistical model for a
	// script several languages share (default 200). Longer texts are
	// sampled: words from the start and from three windows spread over the
	// rest. Detection cost is then independent of the article's length.
	SampleLetters int
	// MinLetters is the fewest letters a text needs (default 10); shorter
	// texts are "und".
	MinLetters int
	// MinWords is the fewest words a text in a script shared by several
	// languages (Latin, Cyrillic, Arabic, Devanagari) needs (default 3).
	MinWords int
	// MinConfidence is the confidence the best language needs (default 0.6);
	// below it the result is "und" with the candidates as alternatives.
	MinConfidence float64
	// Exhaustive turns the English rule and the English stage off: every
	// Latin-script text is scored by lingua against all 49 Latin-script
	// languages, which loads their trigram models (about 40 MB) on first
	// use and costs about 1.4 ms of CPU per article instead of 0.07 ms.
	Exhaustive bool
}

func (o Options) withDefaults() Options {
	if o.SampleLetters <= 0 {
		o.SampleLetters = 200
	}
	if o.MinLetters <= 0 {
		o.MinLetters = 10
	}
	if o.MinWords <= 0 {
		o.MinWords = 3
	}
	if o.MinConfidence <= 0 {
		o.MinConfidence = 0.6
	}
	return o
}

// englishGate is the share of English function words above which a Latin
// text tries the fast path (English news: about 0.3; other Latin-script
// languages: below 0.05).
const englishGate = 0.15

// strongEnglishShare and strongEnglishWords make the English rule: in a
// text of at least that many words (names left out) at least that share of
// English function words. In the 30 CNN/DailyMail articles of the eval set
// the share is 0.33 to 0.47 (186 words or more); in Article 1 of the UDHR
// it is 0 in French, Spanish, German, Dutch and Danish and 0.13 in Tagalog
// ("at" means "and").
const (
	strongEnglishShare = 0.25
	strongEnglishWords = 40
)

// fastSampleLetters bounds the sample of the fast path: with the
// function-word gate passed, English against four neighbours is clear on a
// short sample, and lingua's cost grows with the sample.
const fastSampleLetters = 120

// minStatLetters is the fewest letters on which the trigram models are
// asked, and minContentLetters the fewest of them outside capitalised
// words (names; German nouns too, hence only half): on less, lingua's
// low-accuracy mode returns confident nonsense (an English headline that is
// mostly names scored as Indonesian at 0.93).
const (
	minStatLetters    = 40
	minContentLetters = 20
)

// shortLetters is where lingua itself stops trusting trigrams alone (it
// switches to 1- to 5-grams below it in high-accuracy mode).
const shortLetters = 120

// shortConfidence is the confidence a text shorter than shortLetters
// needs from the trigram models.
const shortConfidence = 0.99

// assameseMinWords is the length from which an Assamese text without ৰ or
// ৱ (its r and w) is implausible.
const assameseMinWords = 20

// maxDetectBytes bounds the text a detection reads: a longer text is
// detected on its first 1 MiB (offsets stay valid: it is a prefix).
const maxDetectBytes = 1 << 20

// prefix returns at most the first n bytes of s, cut at a rune boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// Detector detects the language of texts. It is safe for concurrent use;
// build one with New and share it.
type Detector struct {
	opts Options
	// fast scores a Latin text that reads like English against English and
	// the four Latin-script languages closest to it in news text.
	fast *stage
	// full scores a text against every lingua language of its script, for
	// the scripts several languages share.
	full [numScripts]*stage
}

// stage is one lingua detector in low-accuracy mode (trigrams only: the
// 1-, 2-, 4- and 5-gram models cost about 20 MB per language).
type stage struct {
	det   lingua.LanguageDetector
	probe string
	once  sync.Once
}

func newStage(langs []lingua.Language, probe string) *stage {
	return &stage{
		det: lingua.NewLanguageDetectorBuilder().
			FromLanguages(langs...).
			WithLowAccuracyMode().
			Build(),
		probe: probe,
	}
}

// scores returns lingua's confidence values for text, best first. The first
// call loads the stage's models once (lingua loads lazily but, called
// concurrently, would load and throw away duplicates).
func (s *stage) scores(text string) []lingua.ConfidenceValue {
	s.once.Do(func() { s.det.ComputeLanguageConfidenceValues(s.probe) })
	return s.det.ComputeLanguageConfidenceValues(text)
}

// New returns a Detector. It loads no language model: models are loaded on
// first use, per script (see the package documentation for the figures).
func New(opts Options) (*Detector, error) {
	opts = opts.withDefaults()
	if opts.MinConfidence > 1 {
		return nil, fmt.Errorf("lang: MinConfidence %v is above 1", opts.MinConfidence)
	}
	d := &Detector{opts: opts}
	d.fast = newStage([]lingua.Language{lingua.English, lingua.German, lingua.French, lingua.Spanish, lingua.Dutch}, "abc def qqq")
	probes := map[script]string{
		scriptLatin:      "abc def qqq",
		scriptCyrillic:   "абв где ъъъ",
		scriptArabic:     "ابت ثجح ظظظ",
		scriptDevanagari: "कखग घचछ ञञञ",
	}
	for s, p := range probes {
		d.full[s] = newStage(languagesOf(s), p)
	}
	return d, nil
}

// Detect returns the main language of text with its confidence, script and
// alternatives, and for a mixed-language text the other languages with
// their share of the letters and where they occur. A text with too little
// evidence gives Code "und" and a Reason. The only errors are ctx's.
func (d *Detector) Detect(ctx context.Context, text string) (sangbad.Language, error) {
	r, err := d.detect(ctx, text, true, false)
	return r.Language, err
}

// Is reports whether text is written in the language code, for checking
// that a generated text is in the language that was asked for. Only
// evidence of another language gives false: a text too short to tell (an
// "und" result in a script code is written in, or no letters at all) is
// accepted, and so is a low-confidence result that lists code among its
// candidates. The Language is returned for the caller's message. An unknown
// code is an Invalid error.
func (d *Detector) Is(ctx context.Context, text, code string) (bool, sangbad.Language, error) {
	want := strings.ToLower(code)
	if _, ok := Name(want); !ok || want == Undetermined {
		return false, sangbad.Language{}, sangbad.Errorf(sangbad.Invalid, "unknown language code %q", code)
	}
	r, err := d.detect(ctx, text, false, true)
	if err != nil {
		return false, r.Language, err
	}
	l := r.Language
	switch {
	case l.Code == want:
		return true, l, nil
	case want == assameseCode && l.Code == "bn" && r.words < assameseMinWords:
		// Bengali is the default for the script; a short Assamese text
		// may simply have no ৰ or ৱ.
		return true, l, nil
	case l.Code != Undetermined:
		return false, l, nil
	case r.main == scriptNone:
		return true, l, nil
	case r.lowConfidence:
		for _, a := range l.Alternatives {
			if a.Code == want {
				return true, l, nil
			}
		}
		return false, l, nil
	}
	for _, s := range scriptsOf(want) {
		if s.group() == r.main {
			return true, l, nil
		}
	}
	return false, l, nil
}

// Script returns the dominant writing system of text ("Latin", "Bengali"),
// or "" when it has no letters. It loads no model.
func Script(text string) string {
	c := takeCensus(prefix(text, maxDetectBytes))
	m := c.dominant()
	if m == scriptNone {
		return ""
	}
	return c.scriptName(m)
}

// result is a Language with what Is needs to know about an "und".
type result struct {
	sangbad.Language
	main          script
	words         int // words of the main script
	lowConfidence bool
}

func und(reason string) sangbad.Language {
	return sangbad.Language{Code: Undetermined, Name: "Undetermined", Reason: reason}
}

// detect runs the detection; mixed looks for other languages, verify is
// Is's mode (a short text is not scored against every language of its
// script: the trigrams cannot settle it and would load the models).
func (d *Detector) detect(ctx context.Context, text string, mixed, verify bool) (result, error) {
	if err := ctx.Err(); err != nil {
		return result{}, fmt.Errorf("detect language: %w", err)
	}
	c := takeCensus(prefix(text, maxDetectBytes))
	if c.total == 0 {
		if strings.TrimSpace(text) == "" {
			return result{Language: und("empty text")}, nil
		}
		return result{Language: und("no letters (only digits, punctuation or symbols)")}, nil
	}
	main := c.dominant()
	if main == scriptNone {
		return result{Language: und("no letters of a known script")}, nil
	}
	r := result{main: main}
	if c.total < d.opts.MinLetters {
		r.Language = und(fmt.Sprintf("too short: %d letters, at least %d needed", c.total, d.opts.MinLetters))
		r.Script = c.scriptName(main)
		return r, nil
	}
	all := c.indexes(func(w *word) bool { return w.s.group() == main })
	r.words = len(all)
	l, low, err := d.identify(ctx, c, main, all, verify)
	if err != nil {
		return r, err
	}
	r.Language, r.lowConfidence = l, low
	r.Script = c.scriptName(main)
	if mixed && r.Code != Undetermined {
		others, err := d.others(ctx, c, main, r.Code)
		if err != nil {
			return r, err
		}
		r.Others = others
	}
	return r, nil
}

// identify names the language of the words idx (all of script group s).
// low is set for an "und" because no language was confident enough.
func (d *Detector) identify(ctx context.Context, c *census, s script, idx []int, verify bool) (l sangbad.Language, low bool, err error) {
	switch s {
	case scriptBengali:
		as := 0
		for _, i := range idx {
			if c.words[i].assamese {
				as++
			}
		}
		// ৰ and ৱ are Assamese-only: a few such words mean Assamese; a
		// single one in a long Bengali text is a quoted name.
		if as > 0 && as*20 >= len(idx) {
			return byCode(assameseCode), false, nil
		}
		return byCode("bn"), false, nil
	case scriptHan:
		kana, han := 0, 0
		for _, i := range idx {
			if w := c.words[i]; w.s == scriptHan {
				han += int(w.letters)
			} else {
				kana += int(w.letters)
			}
		}
		if kana*20 >= kana+han {
			return byCode("ja"), false, nil
		}
		return byCode("zh"), false, nil
	}
	langs := languagesOf(s)
	if len(langs) == 0 {
		return und(fmt.Sprintf("no supported language is written in %s script", s)), false, nil
	}
	if len(langs) == 1 {
		return byCode(code(langs[0])), false, nil
	}
	if len(idx) < d.opts.MinWords {
		return und(fmt.Sprintf("too short: %d words, at least %d needed to tell apart the languages written in %s script", len(idx), d.opts.MinWords, s)), false, nil
	}
	if n, content := c.lettersOf(idx), c.contentLetters(idx); n < minStatLetters || content < minContentLetters {
		return und(fmt.Sprintf("too short: %d letters (%d outside capitalised words), at least %d (%d) needed to tell apart the languages written in %s script",
			n, content, minStatLetters, minContentLetters, s)), false, nil
	}
	if err := ctx.Err(); err != nil {
		return l, false, fmt.Errorf("detect language: %w", err)
	}
	share, words := c.englishShare(idx)
	if s == scriptLatin && !d.opts.Exhaustive && share >= strongEnglishShare && words >= strongEnglishWords {
		// Like lingua's own rule engine, a rule that settles the language
		// gives confidence 1 without consulting the n-gram models.
		return byCode("en"), false, nil
	}
	if s == scriptLatin && !d.opts.Exhaustive && share >= englishGate {
		l := d.fromScores(d.fast.scores(c.sample(idx, min(d.opts.SampleLetters, fastSampleLetters))))
		if l.Code == "en" && l.Confidence >= d.opts.MinConfidence {
			return l, false, nil
		}
		// A short text full of English function words that the trigrams
		// do not call English is too short to say either way.
		if content := c.contentLetters(idx); content < shortLetters && c.englishCount(idx) >= 2 {
			return und(fmt.Sprintf("too short to be sure: %d letters read like English by their function words but not by their trigrams", content)), false, nil
		}
	}
	content := c.contentLetters(idx)
	if verify && content < shortLetters {
		return und(fmt.Sprintf("too short: %d letters (outside capitalised words), at least %d needed to check the language among those written in %s script", content, shortLetters, s)), false, nil
	}
	l = d.fromScores(d.full[s].scores(c.sample(idx, d.opts.SampleLetters)))
	if l.Code == Undetermined {
		return und(fmt.Sprintf("no language written in %s script matched the text", s)), true, nil
	}
	// On a short text trigrams alone are overconfident (English headlines
	// scored as Latin at 0.95, Swedish at 0.94): ask for near certainty.
	minConf := d.opts.MinConfidence
	if content < shortLetters {
		minConf = max(minConf, shortConfidence)
	}
	if l.Confidence < minConf {
		alts := append([]sangbad.LanguageScore{{Code: l.Code, Name: l.Name, Confidence: l.Confidence}}, l.Alternatives...)
		if len(alts) > 3 {
			alts = alts[:3]
		}
		got, need := confTexts(l.Confidence, minConf)
		reason := fmt.Sprintf("low confidence: best guess %s at %s, below the %s required", l.Name, got, need)
		if content < shortLetters {
			reason = fmt.Sprintf("low confidence: best guess %s at %s, below the %s a text this short needs", l.Name, got, need)
		}
		l = und(reason)
		l.Alternatives = alts
		return l, true, nil
	}
	return l, false, nil
}

func byCode(c string) sangbad.Language {
	n, _ := Name(c)
	return sangbad.Language{Code: c, Name: n, Confidence: 1}
}

// fromScores turns lingua's confidence values into a Language with up to
// three alternatives; languages lingua gives (almost) no chance are left out.
func (d *Detector) fromScores(cv []lingua.ConfidenceValue) sangbad.Language {
	if len(cv) == 0 || cv[0].Value() == 0 {
		return sangbad.Language{Code: Undetermined, Name: "Undetermined"}
	}
	l := sangbad.Language{Code: code(cv[0].Language()), Name: englishName(cv[0].Language()), Confidence: round(cv[0].Value())}
	for _, v := range cv[1:] {
		if len(l.Alternatives) == 3 || round(v.Value()) == 0 {
			break
		}
		l.Alternatives = append(l.Alternatives, sangbad.LanguageScore{
			Code: code(v.Language()), Name: englishName(v.Language()), Confidence: round(v.Value()),
		})
	}
	return l
}

// round keeps four decimals, so results are stable in JSON and tests.
func round(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// confTexts prints a confidence and the threshold it fell below with as
// many decimals as it takes to tell them apart (0.986 below 0.99, not 0.99
// below 0.99).
func confTexts(c, min float64) (string, string) {
	for p := 2; p < 6; p++ {
		a, b := strconv.FormatFloat(c, 'f', p, 64), strconv.FormatFloat(min, 'f', p, 64)
		if a != b || p == 5 {
			return a, strings.TrimRight(strings.TrimRight(b, "0"), ".")
		}
	}
	return "", ""
}
