// Package prompts holds the LLM prompt templates and their JSON schemas, one
// per task (summary, facts, translate, repair), embedded in the binary.
//
// Templates are parsed once (text/template, missingkey=error). Every prompt
// carries Version, a short hash of its template and schema, which callers
// record in their results so an output can be traced to the exact prompt.
//
// The article is untrusted data: it is placed only in the user message,
// between delimiters that carry a per-request random nonce
// (<<<ARTICLE id=NONCE>>> ... <<<END ARTICLE id=NONCE>>>), look-alike
// delimiters inside it are neutralised, and the system message says it is
// data to process, not instructions to follow.
package prompts

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"text/template"
)

// Tasks.
const (
	TaskSummary   = "summary"
	TaskFacts     = "facts"
	TaskTranslate = "translate"
	TaskRepair    = "repair"
)

//go:embed *.tmpl *.json
var files embed.FS

// Prompt is a rendered prompt ready for a chat completion.
type Prompt struct {
	Task   string
	System string
	User   string
	// SchemaName and Schema describe the JSON object the model must answer.
	SchemaName string
	Schema     json.RawMessage
	// Version is the prompt version to record with the result.
	Version string
	// Nonce is the delimiter nonce used in User (repair rounds reuse it).
	Nonce string
}

type task struct {
	tmpl    *template.Template
	schema  json.RawMessage
	version string
}

// set is the parsed templates; built once on first use.
type set struct {
	tasks map[string]*task
	err   error
}

var load = sync.OnceValue(func() *set {
	s := &set{tasks: map[string]*task{}}
	funcs := template.FuncMap{"inc": func(i int) int { return i + 1 }}
	for _, name := range []string{TaskSummary, TaskFacts, TaskTranslate, TaskRepair} {
		src, err := files.ReadFile(name + ".tmpl")
		if err != nil {
			s.err = fmt.Errorf("read %s template: %w", name, err)
			return s
		}
		t, err := template.New(name).Option("missingkey=error").Funcs(funcs).Parse(string(src))
		if err != nil {
			s.err = fmt.Errorf("parse %s template: %w", name, err)
			return s
		}
		h := sha256.New()
		h.Write(src)
		var schema json.RawMessage
		if b, err := files.ReadFile(name + ".json"); err == nil {
			var buf bytes.Buffer
			if err := json.Compact(&buf, b); err != nil {
				s.err = fmt.Errorf("%s schema: %w", name, err)
				return s
			}
			schema = buf.Bytes()
			h.Write(schema)
		}
		s.tasks[name] = &task{tmpl: t, schema: schema, version: name + "-" + hex.EncodeToString(h.Sum(nil))[:10]}
	}
	return s
})

func get(name string) (*task, error) {
	s := load()
	if s.err != nil {
		return nil, s.err
	}
	t, ok := s.tasks[name]
	if !ok {
		return nil, fmt.Errorf("unknown prompt task %q", name)
	}
	return t, nil
}

// Tasks lists the prompt tasks.
func Tasks() []string {
	return []string{TaskSummary, TaskFacts, TaskTranslate, TaskRepair}
}

// Version returns the version of a task's prompt ("summary-1a2b3c4d5e"): a
// short content hash of its template and schema. It is "" for an unknown task.
func Version(name string) string {
	t, err := get(name)
	if err != nil {
		return ""
	}
	return t.version
}

// Schema returns the JSON schema of a task's answer (compact JSON), or nil
// for a task without its own schema (repair answers in the schema of the
// task it repairs).
func Schema(name string) json.RawMessage {
	t, err := get(name)
	if err != nil {
		return nil
	}
	return t.schema
}

// GlossaryEntry is a fixed rendering of a name in the target language.
type GlossaryEntry struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

// SummaryInput is the data of a summary prompt.
type SummaryInput struct {
	Title string
	// Sentences are the article's sentences; the model cites them by index
	// (0-based) in "sources". When empty, Text is used as a single sentence.
	Sentences []string
	Text      string
	// Source and Target are ISO 639-1 codes; the names are their English
	// names ("Bengali"). Missing names are filled in for en and bn.
	Source, SourceName string
	Target, TargetName string
	// Length is headline, short, standard (default) or bullets.
	Length string
	// BengaliDigits asks for Bengali digits in Bengali output.
	BengaliDigits bool
	// Facts are known facts found by the rules, one line each
	// ("amount: $840 million", "date: 2023-12-12 (Tuesday)", "person: Zulkifli Hasan").
	Facts    []string
	Glossary []GlossaryEntry
	// Nonce is the delimiter nonce; empty means a random one (tests fix it).
	Nonce string
}

// FactsInput is the data of an LLM-assisted facts prompt.
type FactsInput struct {
	Title string
	Text  string
	// Language is the article's ISO 639-1 code, LanguageName its name.
	Language, LanguageName string
	// KnownActors are the actors the rules found ("Zulkifli Hasan (person)").
	KnownActors []string
	Nonce       string
}

// TranslateInput is the data of a translation prompt for one chunk.
type TranslateInput struct {
	Text               string
	Source, SourceName string
	Target, TargetName string
	Glossary           []GlossaryEntry
	// PreviousSource and PreviousTranslation are the previous chunk and its
	// translation, given as context only.
	PreviousSource      string
	PreviousTranslation string
	BengaliDigits       bool
	Nonce               string
}

var lengthRules = map[string]string{
	"headline": "one sentence of at most 15 words, like a headline.",
	"short":    "2 to 3 sentences.",
	"standard": "4 to 6 sentences.",
	"bullets":  "3 to 5 short sentences, one key point each (they are shown as bullet points).",
}

var languageNames = map[string]string{
	"en": "English", "bn": "Bengali", "hi": "Hindi", "ur": "Urdu", "ar": "Arabic",
	"fr": "French", "de": "German", "es": "Spanish", "zh": "Chinese", "ja": "Japanese",
}

func langName(code, name string) string {
	if name != "" {
		return name
	}
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}

// Summary renders the summary prompt.
func Summary(in SummaryInput) (Prompt, error) {
	if in.Target == "" {
		return Prompt{}, fmt.Errorf("summary prompt: target language required")
	}
	if in.Length == "" {
		in.Length = "standard"
	}
	rule, ok := lengthRules[in.Length]
	if !ok {
		return Prompt{}, fmt.Errorf("summary prompt: unknown length %q", in.Length)
	}
	nonce, err := nonceOr(in.Nonce)
	if err != nil {
		return Prompt{}, err
	}
	sentences := in.Sentences
	if len(sentences) == 0 {
		if strings.TrimSpace(in.Text) == "" {
			return Prompt{}, fmt.Errorf("summary prompt: article text required")
		}
		sentences = []string{in.Text}
	}
	data := struct {
		SummaryInput
		Sentences  []string
		Facts      []string
		Glossary   []GlossaryEntry
		LengthRule string
	}{
		SummaryInput: in,
		Sentences:    neutraliseAll(sentences),
		Facts:        neutraliseAll(in.Facts),
		Glossary:     neutraliseGlossary(in.Glossary),
		LengthRule:   rule,
	}
	data.Title = neutralise(in.Title)
	data.Nonce = nonce
	data.SourceName = langName(in.Source, in.SourceName)
	data.TargetName = langName(in.Target, in.TargetName)
	return render(TaskSummary, data, nonce)
}

// Facts renders the LLM-assisted facts prompt.
func Facts(in FactsInput) (Prompt, error) {
	if strings.TrimSpace(in.Text) == "" {
		return Prompt{}, fmt.Errorf("facts prompt: article text required")
	}
	nonce, err := nonceOr(in.Nonce)
	if err != nil {
		return Prompt{}, err
	}
	in.Nonce = nonce
	in.Title = neutralise(in.Title)
	in.Text = neutralise(in.Text)
	in.KnownActors = neutraliseAll(in.KnownActors)
	in.LanguageName = langName(in.Language, in.LanguageName)
	return render(TaskFacts, in, nonce)
}

// Translate renders the translation prompt for one chunk.
func Translate(in TranslateInput) (Prompt, error) {
	if strings.TrimSpace(in.Text) == "" {
		return Prompt{}, fmt.Errorf("translate prompt: text required")
	}
	if in.Target == "" {
		return Prompt{}, fmt.Errorf("translate prompt: target language required")
	}
	nonce, err := nonceOr(in.Nonce)
	if err != nil {
		return Prompt{}, err
	}
	in.Nonce = nonce
	in.Text = neutralise(in.Text)
	in.PreviousSource = neutralise(in.PreviousSource)
	in.PreviousTranslation = neutralise(in.PreviousTranslation)
	in.Glossary = neutraliseGlossary(in.Glossary)
	in.SourceName = langName(in.Source, in.SourceName)
	in.TargetName = langName(in.Target, in.TargetName)
	return render(TaskTranslate, in, nonce)
}

// Repair renders one repair round for orig (a summary or translation
// prompt): the original messages, then the previous output and the problems
// the verifier found. The answer follows orig's schema; the version is
// orig's version joined with the repair template's.
func Repair(orig Prompt, previousOutput string, problems []string) (Prompt, error) {
	if len(problems) == 0 {
		return Prompt{}, fmt.Errorf("repair prompt: no problems to repair")
	}
	t, err := get(TaskRepair)
	if err != nil {
		return Prompt{}, err
	}
	nonce := orig.Nonce
	if nonce == "" {
		if nonce, err = nonceOr(""); err != nil {
			return Prompt{}, err
		}
	}
	data := struct {
		PreviousOutput string
		Problems       []string
		Nonce          string
	}{neutralise(previousOutput), neutraliseAll(problems), nonce}
	var b strings.Builder
	if err := t.tmpl.ExecuteTemplate(&b, "user", data); err != nil {
		return Prompt{}, fmt.Errorf("render repair prompt: %w", err)
	}
	return Prompt{
		Task:       TaskRepair,
		System:     orig.System,
		User:       orig.User + "\n\n" + b.String(),
		SchemaName: orig.SchemaName,
		Schema:     orig.Schema,
		Version:    orig.Version + "+" + t.version,
		Nonce:      nonce,
	}, nil
}

func render(name string, data any, nonce string) (Prompt, error) {
	t, err := get(name)
	if err != nil {
		return Prompt{}, err
	}
	var sys, user strings.Builder
	if err := t.tmpl.ExecuteTemplate(&sys, "system", data); err != nil {
		return Prompt{}, fmt.Errorf("render %s system prompt: %w", name, err)
	}
	if err := t.tmpl.ExecuteTemplate(&user, "user", data); err != nil {
		return Prompt{}, fmt.Errorf("render %s user prompt: %w", name, err)
	}
	return Prompt{
		Task:       name,
		System:     sys.String(),
		User:       user.String(),
		SchemaName: "sangbad_" + name,
		Schema:     t.schema,
		Version:    t.version,
		Nonce:      nonce,
	}, nil
}

func nonceOr(n string) (string, error) {
	if n != "" {
		for _, r := range n {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return "", fmt.Errorf("prompt nonce must be alphanumeric, got %q", n)
			}
		}
		return n, nil
	}
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("prompt nonce: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// delimiterReplacer neutralises anything that could pass for one of our
// delimiters: runs of angle brackets (ASCII, full-width, guillemet-like
// look-alikes) become single-angle quotation marks, which no delimiter uses.
var delimiterReplacer = strings.NewReplacer(
	"<<", "‹‹", ">>", "››",
	"＜＜", "‹‹", "＞＞", "››",
	"≪", "‹‹", "≫", "››",
	"《", "‹‹", "》", "››",
)

// neutralise makes untrusted text safe to place between delimiters.
func neutralise(s string) string {
	if !strings.ContainsAny(s, "<>＜＞≪≫《》") {
		return s
	}
	// Replace until stable: "<<<" leaves "‹‹<" after one pass.
	for {
		t := delimiterReplacer.Replace(s)
		t = strings.ReplaceAll(t, "‹<", "‹‹")
		t = strings.ReplaceAll(t, "<‹", "‹‹")
		t = strings.ReplaceAll(t, "›>", "››")
		t = strings.ReplaceAll(t, ">›", "››")
		if t == s {
			return t
		}
		s = t
	}
}

func neutraliseAll(ss []string) []string {
	if len(ss) == 0 {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = neutralise(s)
	}
	return out
}

func neutraliseGlossary(g []GlossaryEntry) []GlossaryEntry {
	if len(g) == 0 {
		return nil
	}
	out := make([]GlossaryEntry, len(g))
	for i, e := range g {
		out[i] = GlossaryEntry{Source: neutralise(e.Source), Target: neutralise(e.Target)}
	}
	return out
}
