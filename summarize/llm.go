package summarize

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/internal/jsonstream"
	"github.com/sangbad/sangbad/prompts"
	"github.com/sangbad/sangbad/segment"
	"github.com/sangbad/sangbad/verify"
)

// Completer calls a language model (*llm.Client satisfies it). Errors are
// *sangbad.Error with their kind; the Completion returned with an error
// still counts the tokens and attempts spent.
type Completer interface {
	Generate(ctx context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error)
}

// StreamCompleter is a Completer that can stream the answer's text as it
// is generated. NewLLM uses it, when the Completer has it, for requests
// with an OnDelta.
type StreamCompleter interface {
	GenerateStream(ctx context.Context, req sangbad.CompletionRequest, onDelta func(string)) (sangbad.Completion, error)
}

// Verifier checks a generated text against its source (*verify.Verifier
// satisfies it).
type Verifier interface {
	Verify(ctx context.Context, req verify.Request) (verify.Result, error)
}

// preparer is the optional part of a Verifier that indexes a source once
// for several checks (first draft and repair rounds).
type preparer interface {
	Prepare(ctx context.Context, source string, published time.Time, sf *facts.Result) (*verify.Source, error)
}

// Defaults of an LLM summarizer.
const (
	// DefaultRepairRounds is the number of repair rounds after a summary
	// fails verification.
	DefaultRepairRounds = 1
	// DefaultContextBudget is the article size, in estimated tokens,
	// beyond which a summary is made in chunks and then combined.
	DefaultContextBudget = 6000
	// DefaultMapConcurrency bounds the chunk summaries in flight for one
	// long article.
	DefaultMapConcurrency = 4
	// maxFactLines bounds the known facts listed in a summary prompt.
	maxFactLines = 40
)

// LLMOption configures an LLM summarizer.
type LLMOption func(*LLM)

// WithRepairRounds sets how many repair rounds follow a summary that fails
// verification (default DefaultRepairRounds; 0 disables repair, negative
// values keep the default).
func WithRepairRounds(n int) LLMOption {
	return func(l *LLM) {
		if n >= 0 {
			l.repairs = n
		}
	}
}

// WithContextBudget sets the largest article, in estimated tokens (about a
// token per 3 Bengali or 4 other characters), summarised in one call;
// longer articles are summarised in chunks and the chunk summaries
// combined (default DefaultContextBudget; n <= 0 keeps it).
func WithContextBudget(tokens int) LLMOption {
	return func(l *LLM) {
		if tokens > 0 {
			l.budget = tokens
		}
	}
}

// WithMaxTokens bounds each answer (default 0: the backend's setting).
func WithMaxTokens(n int) LLMOption {
	return func(l *LLM) {
		if n >= 0 {
			l.maxTokens = n
		}
	}
}

// WithMapConcurrency bounds the chunk summaries of one long article that
// run at once (default DefaultMapConcurrency; n <= 0 keeps it). The
// Completer's own concurrency limit still applies.
func WithMapConcurrency(n int) LLMOption {
	return func(l *LLM) {
		if n > 0 {
			l.mapConcurrency = n
		}
	}
}

// WithFactsAssist turns LLM-assisted facts on or off (default on). When
// off, Facts returns the rule actors without calling the model.
func WithFactsAssist(on bool) LLMOption { return func(l *LLM) { l.factsOn = on } }

// WithLLMLogger sets the logger (default: discard).
func WithLLMLogger(log *slog.Logger) LLMOption {
	return func(l *LLM) {
		if log != nil {
			l.log = log
		}
	}
}

// LLM writes summaries with a language model, in any target language,
// checks them with the verifier, repairs them once when the check fails,
// and adds the actors the rules missed (Facts). It satisfies LLMSummarizer
// and LLMFacter. It is safe for concurrent use; build it once.
//
// Summaries cite their source sentences: the prompt numbers the article's
// sentences, each summary sentence lists the indexes it rests on, and
// indexes that are not sentences of the article are dropped and reported
// as an issue of kind format. Long articles (over the context budget) are
// summarised chunk by chunk and the chunk summaries combined; sources stay
// indexes into the whole article.
//
// With an OnDelta and a StreamCompleter, the text of the first draft is
// streamed as it is generated. When a repair round follows, the returned
// summary (the verified result) replaces the streamed text; front doors
// send the final summary after the stream for that reason. Without a
// StreamCompleter the final text arrives as one piece.
//
// Every result says how it was made: Method "llm", Model, PromptVersion
// (the summary prompt's, joined with the repair prompt's when a repair was
// taken), Usage of every call (chunk, combine and repair calls and failed
// attempts included), and Diagnostics: Attempts (HTTP calls), RepairRounds
// (the verifier's repair rounds plus the client's schema fix rounds),
// Cached (every call answered from the Completer's cache, which keys on
// CompletionRequest.CacheKey: a hash of the normalised article, target,
// length, digits option, facts and prompt version) and LastInvalid (the
// last answer rejected by the schema or by a repair round). Verified is
// false when issues remain; they are listed, never hidden.
type LLM struct {
	c              Completer
	v              Verifier
	repairs        int
	budget         int
	maxTokens      int
	mapConcurrency int
	factsOn        bool
	batchRepair    bool
	log            *slog.Logger
}

// NewLLM returns an LLM summarizer over a model and a verifier. A nil
// verifier leaves summaries unchecked (Verified unset).
func NewLLM(c Completer, v Verifier, opts ...LLMOption) *LLM {
	l := &LLM{
		c:              c,
		v:              v,
		repairs:        DefaultRepairRounds,
		budget:         DefaultContextBudget,
		mapConcurrency: DefaultMapConcurrency,
		factsOn:        true,
		log:            slog.New(slog.DiscardHandler),
	}
	for _, o := range opts {
		o(l)
	}
	return l
}

// summaryAnswer is the JSON a summary prompt asks for (prompts/summary.json).
type summaryAnswer struct {
	Sentences []struct {
		Text    string `json:"text"`
		Sources []int  `json:"sources"`
	} `json:"sentences"`
}

// job is one Summarize call: the source, the options and what the calls
// spent so far.
type job struct {
	l      *LLM
	req    SummaryRequest
	text   string
	sents  []string // source sentence texts
	source string   // article language ("" when undetermined)
	facts  []string // fact lines for the prompt
	key    string   // base cache key
	usage  sangbad.Usage
	diag   sangbad.Diagnostics
	calls  int
	cached int // calls answered from the cache
	model  string
	// haveFacts is set when the request brought an analysis, whose facts
	// the verifier then reuses.
	haveFacts bool
	// mu guards usage, diag, calls, cached and model: chunk summaries run
	// concurrently.
	mu sync.Mutex
}

// draft is one candidate summary.
type draft struct {
	sentences []sangbad.SummarySentence
	// bad[i] lists the invalid source indexes sentence i cited (dropped),
	// or holds -1 alone when it cited none at all.
	bad     map[int][]int
	prompt  prompts.Prompt
	version string
	// resolve maps the prompt's sentence indexes to article sentences; n
	// is how many sentences the prompt numbered.
	resolve func(int) ([]int, bool)
	n       int
	text    string
	issues  []sangbad.Issue
}

// Summarize writes the summary req asks for. Failures are *sangbad.Error
// (backend kinds from the Completer, BadOutput for unusable answers); the
// Summary returned with an error carries the usage and diagnostics spent.
func (l *LLM) Summarize(ctx context.Context, req SummaryRequest) (sangbad.Summary, error) {
	j, err := l.newJob(req)
	if err != nil {
		return sangbad.Summary{}, err
	}
	failed := func(err error) (sangbad.Summary, error) {
		s := j.summary(nil)
		return s, err
	}
	var onDelta func(string)
	if _, ok := l.c.(StreamCompleter); ok && req.OnDelta != nil {
		first, sep := "", " "
		if j.req.Length == sangbad.LengthBullets {
			first, sep = "• ", "\n• "
		}
		onDelta = jsonstream.FieldText("text", first, sep, func(s string) { req.OnDelta(j.digits(s)) })
	}
	d, err := j.write(ctx, onDelta)
	if err != nil {
		return failed(err)
	}
	if d, err = j.verifyAndRepair(ctx, d, l.repairs); err != nil {
		return failed(err)
	}
	if req.OnDelta != nil && onDelta == nil {
		req.OnDelta(d.text)
	}
	return j.summary(d), nil
}

// verifyAndRepair checks a first draft with the verifier and runs up to
// repairs repair rounds while issues remain; it returns the draft with the
// fewest issues. The synchronous and the provider-batch paths share it.
func (j *job) verifyAndRepair(ctx context.Context, d *draft, repairs int) (*draft, error) {
	l := j.l
	var src *verify.Source
	if l.v != nil {
		if p, ok := l.v.(preparer); ok {
			var err error
			src, err = p.Prepare(ctx, j.text, j.published(), j.sourceFacts())
			if err != nil {
				return nil, fmt.Errorf("prepare verification: %w", err)
			}
		}
	}
	if err := j.check(ctx, d, src); err != nil {
		return nil, err
	}
	rounds := 0
	for rounds < repairs && len(d.issues) > 0 {
		rounds++
		nd, err := j.repair(ctx, d, rounds)
		if err != nil {
			if ctx.Err() != nil || sangbad.ErrorKind(err) == sangbad.Canceled {
				return nil, err
			}
			l.log.LogAttrs(ctx, slog.LevelWarn, "llm summary repair failed", slog.String("id", j.req.Article.ID), slog.String("error", err.Error()))
			break
		}
		if err := j.check(ctx, nd, src); err != nil {
			return nil, err
		}
		if len(nd.issues) < len(d.issues) {
			j.diag.LastInvalid = d.raw()
			d = nd
		} else {
			j.diag.LastInvalid = nd.raw()
		}
	}
	j.diag.RepairRounds += rounds
	return d, nil
}

func (l *LLM) newJob(req SummaryRequest) (*job, error) {
	target := strings.ToLower(strings.TrimSpace(req.Language))
	if !validCode(target) || target == "und" {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "language_invalid", Message: fmt.Sprintf("summary language must be an ISO 639-1 code such as en or bn, got %q", req.Language)}
	}
	req.Language = target
	if req.Length == "" {
		req.Length = sangbad.LengthStandard
	}
	if err := checkLength(req.Length); err != nil {
		return nil, err
	}
	an := req.Analysis
	j := &job{l: l, text: req.Article.Text, haveFacts: an != nil}
	if an == nil {
		an = &sangbad.Analysis{Language: sangbad.Language{Code: "und"}, Sentences: segment.Sentences(req.Article.Text)}
	}
	req.Analysis = an
	j.req = req
	if c := an.Language.Code; c != "" && c != "und" {
		j.source = c
	} else if !j.haveFacts {
		j.source = scriptLanguage(j.text) // a caller without an analysis: guess en or bn by script
	}
	for _, s := range an.Sentences {
		j.sents = append(j.sents, s.Text)
	}
	if len(j.sents) == 0 {
		if strings.TrimSpace(j.text) == "" {
			return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "text_required", Message: "text is required and must not be empty or only white space"}
		}
		j.sents = []string{strings.TrimSpace(j.text)}
	}
	j.facts = factLines(an.Facts)
	parts := []string{"sangbad-summary", prompts.Version(prompts.TaskSummary), normalizeText(req.Article.Title), normalizeText(j.text),
		j.source, target, req.Length, strconv.FormatBool(req.BengaliDigits), an.Published, strconv.Itoa(l.budget)}
	for _, f := range j.facts {
		parts = append(parts, normalizeText(f))
	}
	j.key = cacheKey(parts...)
	return j, nil
}

func (j *job) published() time.Time {
	t, err := time.Parse(sangbad.DateLayout, j.req.Article.Published)
	if err != nil {
		return time.Time{}
	}
	return t
}

// sourceFacts are the analysis facts as the verifier takes them: actors
// the rules or the LLM located in the text (never unverified ones, which
// would let an invented name pass). Nil without an analysis.
func (j *job) sourceFacts() *facts.Result {
	if !j.haveFacts {
		return nil // the verifier extracts them
	}
	an := j.req.Analysis
	f := an.Facts
	f.Actors = slices.DeleteFunc(slices.Clone(f.Actors), func(a sangbad.Actor) bool { return a.Unverified })
	r := &facts.Result{Facts: f, ReferenceSource: an.PublishedSource}
	if t, err := time.Parse(sangbad.DateLayout, an.Published); err == nil {
		r.Reference = t
	}
	return r
}

// write produces the first draft: in one call, or chunk by chunk for an
// article over the context budget.
func (j *job) write(ctx context.Context, onDelta func(string)) (*draft, error) {
	if j.fitsOneCall() {
		return j.summarise(ctx, j.direct(), onDelta)
	}
	return j.mapReduce(ctx, onDelta)
}

// stage is one summary call: the numbered sentences the model reads, how
// its citations map to article sentences, and the options.
type stage struct {
	sents   []string
	source  string
	length  string
	facts   []string
	resolve func(i int) ([]int, bool)
	key     string
}

func rangeResolver(offset, n int) func(int) ([]int, bool) {
	return func(i int) ([]int, bool) {
		if i < 0 || i >= n {
			return nil, false
		}
		return []int{offset + i}, true
	}
}

// direct is the stage of an article summarised in one call.
func (j *job) direct() stage {
	return stage{sents: j.sents, source: j.source, length: j.req.Length, facts: j.facts,
		resolve: rangeResolver(0, len(j.sents)), key: "direct"}
}

// fitsOneCall reports whether the article is summarised in one call (not
// chunk by chunk).
func (j *job) fitsOneCall() bool {
	return estimateTokens(j.text) <= j.l.budget || len(j.sents) < 2
}

// summarise runs one summary call and parses its answer.
func (j *job) summarise(ctx context.Context, st stage, onDelta func(string)) (*draft, error) {
	p, err := j.stagePrompt(st)
	if err != nil {
		return nil, err
	}
	c, err := j.call(ctx, p, cacheKey(j.key, st.key), onDelta)
	if err != nil {
		return nil, err
	}
	return j.parseStage(c, p, st)
}

// parseStage parses the answer to a stage's prompt p.
func (j *job) parseStage(c sangbad.Completion, p prompts.Prompt, st stage) (*draft, error) {
	d, err := j.parse(c, st.resolve)
	if err != nil {
		return nil, err
	}
	d.prompt, d.version, d.resolve, d.n = p, p.Version, st.resolve, len(st.sents)
	return d, nil
}

// stagePrompt builds the summary prompt of a stage.
func (j *job) stagePrompt(st stage) (prompts.Prompt, error) {
	in := prompts.SummaryInput{
		Title:         j.req.Article.Title,
		Sentences:     st.sents,
		Source:        st.source,
		Target:        j.req.Language,
		Length:        st.length,
		BengaliDigits: j.req.BengaliDigits,
		Facts:         st.facts,
	}
	if st.source == "" {
		in.SourceName = "an undetermined language"
	}
	p, err := prompts.Summary(in)
	if err != nil {
		return prompts.Prompt{}, sangbad.WrapError(sangbad.Internal, err, "build the summary prompt")
	}
	return p, nil
}

// request is the model request for prompt p.
func (j *job) request(p prompts.Prompt, key string) sangbad.CompletionRequest {
	return sangbad.CompletionRequest{
		Task:          p.Task,
		System:        p.System,
		User:          p.User,
		SchemaName:    p.SchemaName,
		Schema:        p.Schema,
		MaxTokens:     j.l.maxTokens,
		PromptVersion: p.Version,
		CacheKey:      key,
	}
}

// call sends one prompt and accounts for what it spent.
func (j *job) call(ctx context.Context, p prompts.Prompt, key string, onDelta func(string)) (sangbad.Completion, error) {
	creq := j.request(p, key)
	var c sangbad.Completion
	var err error
	if sc, ok := j.l.c.(StreamCompleter); ok && onDelta != nil {
		c, err = sc.GenerateStream(ctx, creq, onDelta)
	} else {
		c, err = j.l.c.Generate(ctx, creq)
	}
	j.account(c)
	if err != nil {
		return c, fmt.Errorf("%s call: %w", p.Task, err)
	}
	return c, nil
}

func (j *job) account(c sangbad.Completion) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.usage.Add(c.Usage)
	j.calls++
	if c.Diagnostics.Cached {
		j.cached++
	}
	j.diag.Attempts += c.Diagnostics.Attempts
	j.diag.RepairRounds += c.Diagnostics.RepairRounds
	if c.Diagnostics.LastInvalid != "" {
		j.diag.LastInvalid = c.Diagnostics.LastInvalid
	}
	if c.Diagnostics.OutputMode != "" {
		j.diag.OutputMode = c.Diagnostics.OutputMode
	}
	if c.Model != "" {
		j.model = c.Model
	}
}

// invalid records an answer that could not be used.
func (j *job) invalid(content string) {
	j.mu.Lock()
	j.diag.LastInvalid = content
	j.mu.Unlock()
}

// parse reads a summary answer: sentence texts cleaned, digits set as
// asked, citations mapped through resolve (invalid ones dropped and
// recorded).
func (j *job) parse(c sangbad.Completion, resolve func(int) ([]int, bool)) (*draft, error) {
	raw := c.JSON
	if len(raw) == 0 {
		raw = json.RawMessage(extractObject(c.Content))
	}
	var a summaryAnswer
	if err := json.Unmarshal(raw, &a); err != nil {
		j.invalid(c.Content)
		return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_bad_output", Message: "the model's summary was not the expected JSON", Err: err}
	}
	d := &draft{bad: map[int][]int{}}
	for _, s := range a.Sentences {
		t := cleanSentence(s.Text)
		if t == "" {
			continue
		}
		t = j.digits(t)
		i := len(d.sentences)
		var src, bad []int
		for _, k := range s.Sources {
			g, ok := resolve(k)
			if !ok {
				bad = append(bad, k)
				continue
			}
			src = append(src, g...)
		}
		slices.Sort(src)
		src = slices.Compact(src)
		if src == nil {
			src = []int{}
		}
		if len(bad) > 0 {
			d.bad[i] = bad
		} else if len(src) == 0 {
			d.bad[i] = []int{-1}
		}
		d.sentences = append(d.sentences, sangbad.SummarySentence{Text: t, Sources: src})
	}
	if len(d.sentences) == 0 {
		j.invalid(c.Content)
		return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_empty_summary", Message: "the model's summary has no sentences"}
	}
	d.text = joinSentences(d.sentences, j.req.Length)
	return d, nil
}

// raw is the draft as the model's JSON answer (after post-processing), for
// a repair prompt and the diagnostics.
func (d *draft) raw() string {
	var a summaryAnswer
	for _, s := range d.sentences {
		a.Sentences = append(a.Sentences, struct {
			Text    string `json:"text"`
			Sources []int  `json:"sources"`
		}{s.Text, s.Sources})
	}
	b, _ := json.Marshal(a)
	return string(b)
}

func joinSentences(ss []sangbad.SummarySentence, length string) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.Text
		if length == sangbad.LengthBullets {
			parts[i] = "• " + s.Text
		}
	}
	if length == sangbad.LengthBullets {
		return strings.Join(parts, "\n")
	}
	return strings.Join(parts, " ")
}

// cleanSentence trims a sentence and the bullet marks models put in
// front of bullet points.
func cleanSentence(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimLeft(s, "•*-–—·")
		t = strings.TrimSpace(t)
		if t == s {
			return s
		}
		s = t
	}
}

// check verifies a draft and collects its issues: the verifier's, then
// one of kind format for each sentence whose citations were not sentences
// of the article.
func (j *job) check(ctx context.Context, d *draft, src *verify.Source) error {
	d.issues = nil
	if j.l.v != nil {
		vr := verify.Request{Text: d.text, Language: j.req.Language, Prepared: src}
		if src == nil {
			vr.Source, vr.Published, vr.SourceFacts = j.text, j.published(), j.sourceFacts()
		}
		res, err := j.l.v.Verify(ctx, vr)
		if err != nil {
			return fmt.Errorf("verify summary: %w", err)
		}
		d.issues = append(d.issues, res.Issues...)
	}
	pos := 0
	for i, s := range d.sentences {
		start := pos
		if j.req.Length == sangbad.LengthBullets {
			start += 2 // "• "
		}
		n := len([]rune(s.Text))
		pos = start + n + 1
		bad, ok := d.bad[i]
		if !ok {
			continue
		}
		msg := fmt.Sprintf("sentence %d cites no sentence of the article", i+1)
		if bad[0] != -1 {
			msg = fmt.Sprintf("sentence %d cites %s, which %s not a sentence of the article (valid: 0 to %d); dropped",
				i+1, intList(bad), plural(len(bad), "is", "are"), d.n-1)
		}
		d.issues = append(d.issues, sangbad.Issue{Kind: sangbad.IssueFormat, Text: s.Text, Start: start, End: start + n, Message: msg})
	}
	return nil
}

func intList(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return "[" + strings.Join(s, ", ") + "]"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// repair asks the model to fix the problems the check found.
func (j *job) repair(ctx context.Context, d *draft, round int) (*draft, error) {
	problems := make([]string, len(d.issues))
	for i, is := range d.issues {
		problems[i] = fmt.Sprintf("%s %q: %s", is.Kind, is.Text, is.Message)
	}
	prev := d.raw()
	p, err := prompts.Repair(d.prompt, prev, problems)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Internal, err, "build the repair prompt")
	}
	c, err := j.call(ctx, p, cacheKey(j.key, "repair", strconv.Itoa(round), prev, strings.Join(problems, "\n")), nil)
	if err != nil {
		return nil, err
	}
	nd, err := j.parse(c, d.resolve)
	if err != nil {
		return nil, err
	}
	nd.prompt, nd.version, nd.resolve, nd.n = d.prompt, p.Version, d.resolve, d.n
	return nd, nil
}

// summary builds the result from the final draft (nil: a failed call,
// usage and diagnostics only).
func (j *job) summary(d *draft) sangbad.Summary {
	s := sangbad.Summary{
		Language:      j.req.Language,
		Method:        sangbad.MethodLLM,
		Length:        j.req.Length,
		Model:         j.model,
		PromptVersion: prompts.Version(prompts.TaskSummary),
	}
	u := j.usage
	s.Usage = &u
	diag := j.diag
	diag.Cached = j.calls > 0 && j.cached == j.calls
	s.Diagnostics = &diag
	if d == nil {
		return s
	}
	s.Text = d.text
	s.Sentences = d.sentences
	s.PromptVersion = d.version
	if j.l.v != nil {
		ok := len(d.issues) == 0
		s.Verified = &ok
		s.Issues = d.issues
	}
	return s
}

// digits writes the numbers of a Bengali summary in the digits asked for
// (BengaliDigits: ০-৯, otherwise 0-9) when the model did not. Digits that
// are part of a Latin word ("G20", "iPhone15") keep their script.
func (j *job) digits(s string) string {
	if j.req.Language != "bn" {
		return s
	}
	rs := []rune(s)
	changed := false
	for i, r := range rs {
		var to rune
		switch {
		case j.req.BengaliDigits && r >= '0' && r <= '9':
			to = '০' + (r - '0')
		case !j.req.BengaliDigits && r >= '০' && r <= '৯':
			to = '0' + (r - '০')
		default:
			continue
		}
		if latinNeighbour(rs, i) {
			continue
		}
		rs[i] = to
		changed = true
	}
	if !changed {
		return s
	}
	return string(rs)
}

// latinNeighbour reports whether the run of digits around rs[i] touches a
// Latin letter.
func latinNeighbour(rs []rune, i int) bool {
	isDigit := func(r rune) bool { return r >= '0' && r <= '9' || r >= '০' && r <= '৯' }
	a := i
	for a > 0 && isDigit(rs[a-1]) {
		a--
	}
	b := i
	for b+1 < len(rs) && isDigit(rs[b+1]) {
		b++
	}
	latin := func(r rune) bool { return unicode.Is(unicode.Latin, r) }
	return a > 0 && latin(rs[a-1]) || b+1 < len(rs) && latin(rs[b+1])
}

// factLines lists the rule facts for the prompt, one line each.
func factLines(f sangbad.Facts) []string {
	var out []string
	add := func(s string) {
		if len(out) < maxFactLines && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, a := range f.Amounts {
		line := a.Kind + ": " + a.Text
		if a.Kind == sangbad.AmountMoney && a.Currency != "" {
			line += fmt.Sprintf(" (%s %s)", a.Currency, strconv.FormatFloat(a.Value, 'f', -1, 64))
		}
		add(line)
	}
	for _, d := range f.Dates {
		line := "date: " + d.Text
		if d.Value != "" {
			line += " (" + d.Value + ")"
		}
		add(line)
	}
	for _, a := range f.Actors {
		if a.Unverified {
			continue
		}
		line := a.Type + ": " + a.Name
		if a.Role != "" {
			line += ", " + a.Role
		}
		add(line)
	}
	return out
}

// estimateTokens estimates the tokens of s: about one per 3 Bengali
// characters and one per 4 others.
func estimateTokens(s string) int {
	bn, other := 0, 0
	for _, r := range s {
		if r >= 0x0980 && r <= 0x09FF {
			bn++
		} else {
			other++
		}
	}
	return bn/3 + other/4 + 1
}

// normalizeText collapses white space, the normalisation of cache keys.
func normalizeText(s string) string { return strings.Join(strings.Fields(s), " ") }

// cacheKey hashes its parts, each length-prefixed.
func cacheKey(parts ...string) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// extractObject returns the JSON object in s (a Completer without schema
// validation may wrap it in prose or a code fence), or s.
func extractObject(s string) string {
	i, k := strings.IndexByte(s, '{'), strings.LastIndexByte(s, '}')
	if i < 0 || k < i {
		return s
	}
	return s[i : k+1]
}
