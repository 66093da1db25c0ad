// Package translate translates whole news articles with a language model
// and checks the result.
//
// An article is split at paragraph boundaries, and at sentence boundaries
// (the Bengali danda included) where a paragraph is longer than the chunk
// budget, into chunks that fit the model's context; each chunk is one model
// call, with the previous chunk and its translation as context, and the
// output keeps the source's paragraph structure (the same separators).
//
// Names stay consistent across chunks through a glossary: the user's
// entries (which win), the renderings the fact rules know in both scripts,
// and the renderings the model reported for earlier chunks (its "names"
// answer). Every chunk's prompt carries the entries whose names occur in
// it, and afterwards every glossary name in a chunk's source must appear in
// its translation in the glossary's form. Numbers, dates and names are
// checked by the verifier against the chunk's source, and the output
// language against the target. Problems trigger a repair round (one by
// default) with the list of problems; what remains is reported as issues
// (Verified false), never hidden.
//
// The translator's own cost is small next to the model's: for the 5.6 KB
// seed article (BenchmarkTranslateOverhead, stub with no latency, 2-core
// machine) a whole request takes about 3-4 ms in process and 4.5 ms through
// HTTP and the llm client; three quarters of it is fact extraction (the
// source once, each translation once) and verification.
package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/sync/errgroup"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/prompts"
	"github.com/sangbad/sangbad/segment"
	"github.com/sangbad/sangbad/verify"
)

// Completer runs one model call. *llm.Client satisfies it.
type Completer interface {
	Generate(ctx context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error)
}

// Detector detects the language of a text. *lang.Detector satisfies it.
type Detector interface {
	Detect(ctx context.Context, text string) (sangbad.Language, error)
}

// Extractor finds the facts of a text. *facts.Extractor satisfies it.
type Extractor interface {
	Extract(ctx context.Context, text string, opts facts.Options) (facts.Result, error)
}

// Verifier checks a translation against its source. *verify.Verifier
// satisfies it.
type Verifier interface {
	Prepare(ctx context.Context, source string, published time.Time, sf *facts.Result) (*verify.Source, error)
	Verify(ctx context.Context, req verify.Request) (verify.Result, error)
}

// Defaults.
const (
	DefaultChunkTokens  = 1200
	DefaultRepairRounds = 1
)

// Option configures a Translator.
type Option func(*Translator)

// WithChunkTokens sets the context budget: the most source tokens
// (estimated: about three Bengali or four Latin characters a token) one
// chunk may hold. The model's context must also hold the instructions, the
// glossary, a quarter of a chunk of previous context and the answer (about
// twice the chunk). Values below 16 are raised to 16.
func WithChunkTokens(n int) Option { return func(t *Translator) { t.chunkTokens = max(n, 16) } }

// WithGlossary sets the user glossary (LoadGlossary reads one from a file).
// A request's own glossary wins over it.
func WithGlossary(g Glossary) Option { return func(t *Translator) { t.glossary = g } }

// WithRepairRounds sets how many repair rounds a chunk with problems gets
// (default 1; 0 turns repairs off).
func WithRepairRounds(n int) Option { return func(t *Translator) { t.repairs = max(n, 0) } }

// WithConcurrency translates up to n chunks at once. The default, 1,
// translates them in order, each with the previous chunk as context and
// the names the model chose so far; with n > 1 chunks get neither (only
// the user's and the rules' glossary), and names rendered differently in
// different chunks are reported afterwards.
func WithConcurrency(n int) Option { return func(t *Translator) { t.concurrency = max(n, 1) } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(t *Translator) { t.log = l } }

// Translator translates articles. It is safe for concurrent use; build it
// once.
type Translator struct {
	c           Completer
	ext         Extractor
	v           Verifier
	det         Detector
	glossary    Glossary
	chunkTokens int
	repairs     int
	concurrency int
	log         *slog.Logger
}

// New returns a Translator that calls the model through c, finds the
// source's actors with ext, checks chunks with v and detects the source
// language with det. A nil c makes every Translate fail with code
// llm_not_configured; a nil ext or v means facts.New() and verify.New(ext,
// det); a nil det limits source detection to the script (Bengali or
// English).
func New(c Completer, ext Extractor, v Verifier, det Detector, opts ...Option) *Translator {
	t := &Translator{
		c: c, ext: ext, v: v, det: det,
		chunkTokens: DefaultChunkTokens, repairs: DefaultRepairRounds, concurrency: 1,
	}
	for _, o := range opts {
		o(t)
	}
	if t.ext == nil {
		t.ext = facts.New()
	}
	if t.v == nil {
		t.v = verify.New(t.ext, det)
	}
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	return t
}

// Request is one text to translate.
type Request struct {
	Text string `json:"text"`
	// Source is the ISO 639-1 language of Text; "" means detect it.
	Source string `json:"source,omitempty"`
	// Target is the ISO 639-1 language to translate into; required.
	Target string `json:"target"`
	// Glossary maps names to their fixed rendering ("TikTok" -> "টিকটক");
	// it wins over the Translator's glossary and the rules'.
	Glossary map[string]string `json:"glossary,omitempty"`
	// Published (YYYY-MM-DD) resolves relative dates when checking.
	Published string `json:"published,omitempty"`
	// BengaliDigits asks for Bengali digits in a Bengali translation.
	BengaliDigits bool `json:"bengali_digits,omitempty"`
}

// Result is a checked translation.
type Result struct {
	Translation string `json:"translation"`
	Source      string `json:"source"`
	Target      string `json:"target"`
	// Verified is set when no issue remains.
	Verified bool `json:"verified"`
	// Issues are the remaining problems; offsets are code points into
	// Translation.
	Issues []sangbad.Issue `json:"issues"`
	// Chunks is the number of chunks (model calls before repairs).
	Chunks int `json:"chunks"`
	// Glossary is every entry in force at the end, with its origin.
	Glossary []Entry `json:"glossary,omitempty"`
	// Usage counts every model call, repairs and failed attempts included.
	Usage         sangbad.Usage       `json:"usage"`
	Model         string              `json:"model,omitempty"`
	PromptVersion string              `json:"prompt_version,omitempty"`
	Diagnostics   sangbad.Diagnostics `json:"diagnostics,omitzero"`
}

// job is the state of one Translate call.
type job struct {
	text           string
	source, target string
	digits         bool
	ref            time.Time
	gl             *glossary
	// facts are the source's facts; ix indexes the source's code points.
	facts facts.Result
	ix    *segment.Index

	mu      sync.Mutex
	usage   sangbad.Usage
	diag    sangbad.Diagnostics
	cached  int
	calls   int
	model   string
	version string
}

// record adds a completion's usage and diagnostics.
func (j *job) record(c sangbad.Completion) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.usage.Add(c.Usage)
	j.calls++
	if c.Diagnostics.Cached {
		j.cached++
	}
	j.diag.Attempts += max(c.Diagnostics.Attempts, 1)
	if c.Diagnostics.OutputMode != "" {
		j.diag.OutputMode = c.Diagnostics.OutputMode
	}
	if c.Diagnostics.LastInvalid != "" {
		j.diag.LastInvalid = c.Diagnostics.LastInvalid
	}
	if c.Model != "" {
		j.model = c.Model
	}
}

func (j *job) note(f func(d *sangbad.Diagnostics)) {
	j.mu.Lock()
	f(&j.diag)
	j.mu.Unlock()
}

// Translate translates req.Text into req.Target.
func (t *Translator) Translate(ctx context.Context, req Request) (Result, error) {
	if t.c == nil {
		return Result{}, &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_not_configured",
			Message: "translation needs an LLM backend: set OPENAI_BASE_URL (an OpenAI-compatible server such as Ollama or vLLM) or OPENAI_API_KEY (OpenAI)"}
	}
	j, err := t.start(ctx, req)
	if err != nil {
		return Result{}, err
	}
	chunks, lead, trail := plan(j.text, t.chunkTokens)
	if len(chunks) == 0 {
		return Result{}, sangbad.Errorf(sangbad.Invalid, "text has nothing to translate")
	}
	outs := make([]*chunkOut, len(chunks))
	if t.concurrency > 1 && len(chunks) > 1 {
		g, gctx := errgroup.WithContext(ctx)
		g.SetLimit(t.concurrency)
		for i, c := range chunks {
			g.Go(func() error {
				o, err := t.translateChunk(gctx, j, i, c, nil)
				outs[i] = o
				return err
			})
		}
		if err := g.Wait(); err != nil {
			return Result{}, err
		}
		for i, o := range outs {
			t.learn(j, i, o)
		}
	} else {
		var prev *chunkOut
		for i, c := range chunks {
			o, err := t.translateChunk(ctx, j, i, c, prev)
			if err != nil {
				return Result{}, err
			}
			t.learn(j, i, o)
			outs[i], prev = o, o
		}
	}
	return t.finish(j, chunks, outs, lead, trail), nil
}

// start validates the request and prepares the job: languages, reference
// date, glossary.
func (t *Translator) start(ctx context.Context, req Request) (*job, error) {
	if strings.TrimSpace(req.Text) == "" {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "text_required", Message: "text is required"}
	}
	if !utf8.ValidString(req.Text) {
		return nil, sangbad.Errorf(sangbad.Invalid, "text must be valid UTF-8")
	}
	if req.Target == "" {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "unknown_language",
			Message: `target is required: an ISO 639-1 language code such as "en" or "bn"`}
	}
	target, err := checkCode("target", req.Target)
	if err != nil {
		return nil, err
	}
	published, err := sangbad.ParseDate("published", req.Published)
	if err != nil {
		return nil, err
	}
	text := strings.ReplaceAll(req.Text, "\r\n", "\n")
	source := ""
	if req.Source != "" {
		if source, err = checkCode("source", req.Source); err != nil {
			return nil, err
		}
	} else if source, err = t.detect(ctx, text); err != nil {
		return nil, err
	}
	if source == target {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "same_language",
			Message: fmt.Sprintf("the text is already in %s (%s)", languageName(target), target)}
	}
	sf, err := t.ext.Extract(ctx, text, facts.Options{Published: published, Language: source})
	if err != nil {
		return nil, fmt.Errorf("extract source facts: %w", err)
	}
	ref := published
	if ref.IsZero() {
		ref = sf.Reference
	}
	gl := newGlossary()
	user := t.glossary.For(source, target)
	for k, v := range req.Glossary {
		user[k] = v
	}
	normUser := make(map[string]string, len(user))
	for k, v := range user {
		if k, v = norm.NFC.String(strings.TrimSpace(k)), norm.NFC.String(strings.TrimSpace(v)); k != "" && v != "" {
			normUser[k] = v
		}
	}
	gl.addUser(normUser)
	gl.addActors(sf.Facts.Actors, norm.NFC.String(text), source, target)
	return &job{
		text: text, source: source, target: target, digits: req.BengaliDigits, ref: ref, gl: gl,
		facts: sf, ix: segment.NewIndex(text),
		version: prompts.Version(prompts.TaskTranslate),
	}, nil
}

// detect finds the source language with the detector, else by script.
func (t *Translator) detect(ctx context.Context, text string) (string, error) {
	if t.det != nil {
		l, err := t.det.Detect(ctx, text)
		if err != nil {
			return "", fmt.Errorf("detect source language: %w", err)
		}
		if l.Code != "" && l.Code != "und" {
			return l.Code, nil
		}
		msg := "could not detect the language of the text"
		if l.Reason != "" {
			msg += " (" + l.Reason + ")"
		}
		return "", &sangbad.Error{Kind: sangbad.Invalid, Code: "unknown_language", Message: msg + `: pass "source"`}
	}
	switch scriptOf(text) {
	case "Bengali":
		return "bn", nil
	case "Latin":
		return "en", nil
	}
	return "", &sangbad.Error{Kind: sangbad.Invalid, Code: "unknown_language",
		Message: `could not tell the language of the text: pass "source"`}
}

// checkCode validates an ISO 639-1 code and returns it in lower case.
func checkCode(field, code string) (string, error) {
	lc := strings.ToLower(strings.TrimSpace(code))
	if len(lc) == 2 && lc[0] >= 'a' && lc[0] <= 'z' && lc[1] >= 'a' && lc[1] <= 'z' {
		if b, err := language.ParseBase(lc); err == nil && b.String() == lc {
			return lc, nil
		}
	}
	return "", &sangbad.Error{Kind: sangbad.Invalid, Code: "unknown_language",
		Message: fmt.Sprintf("%s: %q is not an ISO 639-1 language code (such as \"en\" or \"bn\")", field, code)}
}

var languageNames = map[string]string{
	"en": "English", "bn": "Bengali", "hi": "Hindi", "ur": "Urdu", "ar": "Arabic", "fr": "French",
	"de": "German", "es": "Spanish", "zh": "Chinese", "ja": "Japanese", "as": "Assamese", "ne": "Nepali",
}

func languageName(code string) string {
	if n, ok := languageNames[code]; ok {
		return n
	}
	return code
}

// chunkOut is a chunk's final translation.
type chunkOut struct {
	src    string // the chunk's source as sent
	nsrc   string // src in NFC, for name matching
	text   string // the translation as it appears in the output
	names  []prompts.GlossaryEntry
	issues []sangbad.Issue // offsets into text
	given  map[string]bool // glossary sources given in the prompt
}

// attempt is one checked model answer for a chunk.
type attempt struct {
	raw      string
	text     string
	names    []prompts.GlossaryEntry
	issues   []sangbad.Issue
	problems []string
	empty    bool
}

func (t *Translator) translateChunk(ctx context.Context, j *job, ci int, c chunk, prev *chunkOut) (*chunkOut, error) {
	src := c.source(j.text)
	nsrc := norm.NFC.String(src)
	// The chunk is verified against its stretch of the source, with the
	// facts of the whole article that lie inside it.
	bs, be := c.groups[0].start, c.groups[len(c.groups)-1].end
	cf := sliceFacts(j.facts, j.ix.Rune(bs), j.ix.Rune(be))
	prep, err := t.v.Prepare(ctx, j.text[bs:be], j.ref, &cf)
	if err != nil {
		return nil, fmt.Errorf("chunk %d: prepare verification: %w", ci+1, err)
	}
	entries := j.gl.in(nsrc)
	in := prompts.TranslateInput{
		Text: src, Source: j.source, Target: j.target, BengaliDigits: j.digits,
		SourceName: languageNames[j.source], TargetName: languageNames[j.target],
	}
	given := map[string]bool{}
	for _, e := range entries {
		in.Glossary = append(in.Glossary, prompts.GlossaryEntry{Source: e.Source, Target: e.Target})
		given[e.Source] = true
	}
	if prev != nil {
		in.PreviousSource, in.PreviousTranslation = contextTail(prev.src, prev.text, max(64, t.chunkTokens/4))
	}
	p, err := prompts.Translate(in)
	if err != nil {
		return nil, fmt.Errorf("chunk %d: %w", ci+1, err)
	}
	creq := sangbad.CompletionRequest{
		Task: prompts.TaskTranslate, System: p.System, User: p.User,
		SchemaName: p.SchemaName, Schema: p.Schema,
		MaxTokens:     max(1024, 4*c.tokens+256),
		PromptVersion: p.Version,
		CacheKey:      cacheKey(p.Version, j, src, in.Glossary, in.PreviousSource),
	}
	comp, err := t.c.Generate(ctx, creq)
	j.record(comp)
	if err != nil {
		return nil, fmt.Errorf("translate chunk %d: %w", ci+1, err)
	}
	best, err := t.check(ctx, j, c, comp, entries, prep)
	if err != nil {
		return nil, fmt.Errorf("check chunk %d: %w", ci+1, err)
	}
	for round := 0; round < t.repairs && len(best.problems) > 0; round++ {
		rp, err := prompts.Repair(p, best.raw, best.problems)
		if err != nil {
			return nil, fmt.Errorf("chunk %d: %w", ci+1, err)
		}
		rreq := creq
		rreq.Task, rreq.System, rreq.User, rreq.PromptVersion = prompts.TaskRepair, rp.System, rp.User, rp.Version
		rreq.CacheKey = cacheKey(rp.Version, j, creq.CacheKey, nil, best.raw+"\x00"+strings.Join(best.problems, "\x00"))
		j.note(func(d *sangbad.Diagnostics) { d.RepairRounds++ })
		t.log.DebugContext(ctx, "translate: repair round", "chunk", ci+1, "problems", len(best.problems))
		comp, err := t.c.Generate(ctx, rreq)
		j.record(comp)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("repair chunk %d: %w", ci+1, err)
			}
			// The first answer stands, with its issues reported.
			t.log.WarnContext(ctx, "translate: repair call failed", "chunk", ci+1, "err", err)
			break
		}
		j.mu.Lock()
		j.version = rp.Version
		j.mu.Unlock()
		next, err := t.check(ctx, j, c, comp, entries, prep)
		if err != nil {
			return nil, fmt.Errorf("check chunk %d: %w", ci+1, err)
		}
		rejected := best
		if next.empty || (!best.empty && len(next.issues) > len(best.issues)) {
			rejected = next
		} else {
			best = next
		}
		j.note(func(d *sangbad.Diagnostics) { d.LastInvalid = rejected.raw })
	}
	if best.empty {
		return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "bad_output",
			Message: fmt.Sprintf("the model returned no translation for chunk %d", ci+1)}
	}
	return &chunkOut{src: src, nsrc: nsrc, text: best.text, names: best.names, issues: best.issues, given: given}, nil
}

// check parses one answer, rebuilds the chunk's paragraphs and checks
// numbers, dates, names, the language and the glossary.
func (t *Translator) check(ctx context.Context, j *job, c chunk, comp sangbad.Completion, entries []gEntry, prep *verify.Source) (attempt, error) {
	raw := string(comp.JSON)
	if raw == "" {
		raw = comp.Content
	}
	a := attempt{raw: raw}
	var ans struct {
		Translation string                  `json:"translation"`
		Names       []prompts.GlossaryEntry `json:"names"`
	}
	if err := json.Unmarshal([]byte(raw), &ans); err != nil || strings.TrimSpace(ans.Translation) == "" {
		a.empty = true
		a.problems = []string{`the answer has no translation: give the complete translation of the text in "translation"`}
		return a, nil
	}
	a.names = ans.Names
	text, ok, got := assemble(c, ans.Translation)
	a.text = text
	if !ok {
		a.issues = append(a.issues, sangbad.Issue{Kind: sangbad.IssueFormat,
			Message: fmt.Sprintf("the source has %d paragraphs but the translation has %d: paragraph breaks were not kept", len(c.groups), got)})
	}
	res, err := t.v.Verify(ctx, verify.Request{Text: text, Language: j.target, Prepared: prep})
	if err != nil {
		return a, err
	}
	a.issues = append(a.issues, res.Issues...)
	for _, e := range entries {
		if is, bad := nameIssue(text, e, ans.Names); bad {
			a.issues = append(a.issues, is)
		}
	}
	slices.SortStableFunc(a.issues, func(x, y sangbad.Issue) int { return x.Start - y.Start })
	for _, is := range a.issues {
		a.problems = append(a.problems, problem(is, len(c.groups)))
	}
	return a, nil
}

// problem describes an issue for the repair prompt. The prompt lists
// problems outside the delimited blocks, so the offending text (model
// output that may echo the article) is quoted only when it is short: a
// number, a date or a name, never a whole passage.
func problem(is sangbad.Issue, paragraphs int) string {
	switch {
	case is.Kind == sangbad.IssueFormat:
		return fmt.Sprintf("%s: give exactly %d paragraphs separated by blank lines, one for each source paragraph", is.Message, paragraphs)
	case is.Kind == sangbad.IssueLanguage:
		return "language: part of the translation is not in the target language; translate all of it"
	case is.Text == "" || utf8.RuneCountInString(is.Text) > maxQuote || len(strings.Fields(is.Text)) > 6:
		return fmt.Sprintf("%s: %s", is.Kind, clipMessage(is.Message))
	}
	return fmt.Sprintf("%s %q: %s", is.Kind, is.Text, clipMessage(is.Message))
}

// maxQuote is the longest offending text quoted in a repair prompt.
const maxQuote = 40

// clipMessage keeps the verifier's message short (it may quote the source).
func clipMessage(m string) string {
	if utf8.RuneCountInString(m) <= 160 {
		return m
	}
	return string([]rune(m)[:160]) + "…"
}

// assemble rebuilds the chunk's paragraphs from the model's translation,
// joined by the source's separators. ok is false when the paragraph count
// differs (got); the text then keeps the model's own breaks.
func assemble(c chunk, tr string) (text string, ok bool, got int) {
	tr = norm.NFC.String(strings.TrimSpace(strings.ReplaceAll(tr, "\r\n", "\n")))
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if len(c.groups) == 1 {
		return flat(tr), true, 1
	}
	var parts []string
	for _, p := range blankLineSplit(tr) {
		parts = append(parts, flat(p))
	}
	if len(parts) != len(c.groups) {
		parts = parts[:0]
		for _, l := range strings.Split(tr, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				parts = append(parts, flat(l))
			}
		}
	}
	var b strings.Builder
	if len(parts) != len(c.groups) {
		sep := c.sep[1]
		for i, p := range parts {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteString(p)
		}
		return b.String(), false, len(parts)
	}
	for i, p := range parts {
		if i > 0 {
			b.WriteString(c.sep[i])
		}
		b.WriteString(p)
	}
	return b.String(), true, len(parts)
}

// blankLineSplit splits s at blank lines into non-empty trimmed parts.
func blankLineSplit(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if p := strings.TrimSpace(strings.Join(cur, "\n")); p != "" {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return out
}

// nameIssue checks that the glossary form of e appears in text; the issue
// points at the rendering the model used instead when it can be found.
func nameIssue(text string, e gEntry, answered []prompts.GlossaryEntry) (sangbad.Issue, bool) {
	if containsName(text, e.Target) || (e.lenient && containsDerived(text, e.Target)) {
		return sangbad.Issue{}, false
	}
	is := sangbad.Issue{Kind: sangbad.IssueName,
		Message: fmt.Sprintf("%q must be written %q (glossary)", e.Source, e.Target)}
	ix := segment.NewIndex(text)
	for _, n := range answered {
		tgt := norm.NFC.String(strings.TrimSpace(n.Target))
		if norm.NFC.String(strings.TrimSpace(n.Source)) != e.Source || tgt == "" {
			continue
		}
		if r := findName(text, tgt, 1); len(r) > 0 {
			is.Start, is.End = ix.Rune(r[0][0]), ix.Rune(r[0][1])
			is.Text = text[r[0][0]:r[0][1]]
			return is, true
		}
	}
	words := segment.Words(text)
	k := max(1, len(strings.Fields(e.Target)))
	for i := 0; i+k <= len(words); i++ {
		cand := ix.Slice(words[i].Start, words[i+k-1].End)
		if facts.SameName(cand, e.Target) || facts.SameName(cand, e.Source) {
			is.Start, is.End, is.Text = words[i].Start, words[i+k-1].End, cand
			return is, true
		}
	}
	is.Message += "; it is missing from this passage"
	return is, true
}

// learn adds the names the model reported for chunk i to the glossary:
// those whose source occurs in the chunk and whose rendering occurs in its
// translation. Known sources keep their entry.
func (t *Translator) learn(j *job, i int, o *chunkOut) {
	if o == nil {
		return
	}
	for _, n := range o.names {
		src := norm.NFC.String(strings.TrimSpace(n.Source))
		tgt := norm.NFC.String(strings.TrimSpace(n.Target))
		if utf8.RuneCountInString(src) < 2 || tgt == "" || !containsName(o.nsrc, src) || !containsName(o.text, tgt) {
			continue
		}
		j.gl.add(gEntry{Entry: Entry{Source: src, Target: tgt, Origin: OriginModel}, from: i})
	}
}

// finish joins the chunks, checks names learned from other chunks and maps
// issue offsets into the whole translation.
func (t *Translator) finish(j *job, chunks []chunk, outs []*chunkOut, lead, trail string) Result {
	var b strings.Builder
	var issues []sangbad.Issue
	b.WriteString(lead)
	offset := utf8.RuneCountInString(lead)
	for i, o := range outs {
		if i > 0 {
			b.WriteString(chunks[i].sep[0])
			offset += utf8.RuneCountInString(chunks[i].sep[0])
		}
		own := o.issues
		for _, e := range j.gl.entries {
			if e.Origin != OriginModel || e.from == i || o.given[e.Source] || !containsName(o.nsrc, e.Source) {
				continue
			}
			if is, bad := nameIssue(o.text, e, o.names); bad {
				is.Message += fmt.Sprintf(" (as in passage %d)", e.from+1)
				own = append(own, is)
			}
		}
		for _, is := range own {
			is.Start += offset
			is.End += offset
			issues = append(issues, is)
		}
		b.WriteString(o.text)
		offset += utf8.RuneCountInString(o.text)
	}
	b.WriteString(trail)
	slices.SortStableFunc(issues, func(x, y sangbad.Issue) int { return x.Start - y.Start })
	if issues == nil {
		issues = []sangbad.Issue{}
	}
	diag := j.diag
	diag.Cached = j.calls > 0 && j.cached == j.calls
	return Result{
		Translation:   b.String(),
		Source:        j.source,
		Target:        j.target,
		Verified:      len(issues) == 0,
		Issues:        issues,
		Chunks:        len(chunks),
		Glossary:      j.gl.used(),
		Usage:         j.usage,
		Model:         j.model,
		PromptVersion: j.version,
		Diagnostics:   diag,
	}
}

// contextTail returns the end of the previous chunk and of its translation,
// at most limit tokens of source: whole when short, else the same number
// of final sentences of each.
func contextTail(src, tr string, limit int) (string, string) {
	if estimateTokens(src) <= limit {
		return src, tr
	}
	ss, ts := segment.Sentences(src), segment.Sentences(tr)
	if len(ss) == 0 || len(ts) == 0 {
		return "", ""
	}
	k, tokens := 0, 0
	for k < len(ss) && k < len(ts) {
		n := estimateTokens(ss[len(ss)-1-k].Text)
		if k > 0 && tokens+n > limit {
			break
		}
		tokens += n
		k++
	}
	six, tix := segment.NewIndex(src), segment.NewIndex(tr)
	return six.Slice(ss[len(ss)-k].Start, six.Len()), tix.Slice(ts[len(ts)-k].Start, tix.Len())
}

// cacheKey identifies a chunk's request: the normalised chunk, the
// languages, the glossary given, the context and the prompt version.
func cacheKey(version string, j *job, text string, gl []prompts.GlossaryEntry, context string) string {
	h := sha256.New()
	field := func(s string) {
		fmt.Fprintf(h, "%d:", len(s))
		h.Write([]byte(s))
	}
	field(version)
	field(j.source)
	field(j.target)
	field(fmt.Sprint(j.digits))
	field(strings.Join(strings.Fields(text), " "))
	for _, e := range gl {
		field(e.Source)
		field(e.Target)
	}
	field(strings.Join(strings.Fields(context), " "))
	return "translate:" + hex.EncodeToString(h.Sum(nil))
}
