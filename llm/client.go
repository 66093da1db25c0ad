// Package llm is the client of OpenAI-compatible chat completion servers
// (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp's server) and the only
// importer of github.com/sashabaranov/go-openai.
//
// It asks for structured output (json_schema strict, else JSON mode, else
// plain text parsed tolerantly; detected once per client), always validates
// the answer against the schema itself, sends the validation error back for
// a bounded number of fix rounds, retries 429/5xx/timeouts/connection errors
// with exponential backoff and full jitter honouring Retry-After, bounds the
// requests in flight, streams, reports token usage including failed
// attempts, and maps every failure to a *sangbad.Error kind.
package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/sangbad/sangbad"
	openai "github.com/sashabaranov/go-openai"
)

// Request is one completion request.
type Request struct {
	// Task selects the model (Config.Models): summary, facts, translate,
	// repair; any other value uses the default model.
	Task string
	// System and User are the two messages. Untrusted text belongs only
	// in User, inside delimiters (see package prompts).
	System, User string
	// Schema, when set, asks for a JSON object matching it; the answer is
	// validated and returned in Response.JSON.
	Schema *Schema
	// MaxTokens overrides Config.MaxTokens for this request.
	MaxTokens int
	// PromptVersion is part of the cache key.
	PromptVersion string
	// CacheKey, when set, replaces the messages in the cache key. Prompts
	// carry a random delimiter nonce, so callers that want caching pass a
	// key built from what determines the answer (the normalised article and
	// the options).
	CacheKey string
}

// Response is the result of a completion. It is returned with an error too,
// filled as far as the call went (usage, attempts, the last invalid output).
type Response struct {
	// Content is the model's answer as sent.
	Content string
	// JSON is the validated JSON object (requests with a Schema).
	JSON json.RawMessage
	// Usage counts the tokens of every attempt, failed ones included, and
	// the calls made.
	Usage sangbad.Usage
	// Model is the model asked; Mode the output mode used last.
	Model string
	Mode  string
	// Attempts is the number of HTTP calls; Fixes the rounds that sent a
	// validation error back to the model.
	Attempts int
	Fixes    int
	// LastInvalid is the last answer that did not match the schema.
	LastInvalid string
	// FinishReason is the server's; Truncated is set when it was "length".
	FinishReason string
	Truncated    bool
	// Cached is set when the answer came from the cache (Usage is then zero).
	Cached bool
}

// Diagnostics returns what helps debug the result, for the result's
// diagnostics field.
func (r Response) Diagnostics() *sangbad.Diagnostics {
	return &sangbad.Diagnostics{
		Attempts:     r.Attempts,
		RepairRounds: r.Fixes,
		Cached:       r.Cached,
		LastInvalid:  r.LastInvalid,
		OutputMode:   r.Mode,
	}
}

// OutputError is the cause of a kind BadOutput error: the answer that did
// not match its schema and why.
type OutputError struct {
	Output    string
	Problem   string
	Truncated bool
}

func (e *OutputError) Error() string {
	return "invalid model output: " + e.Problem
}

// Client calls the LLM backend. It is safe for concurrent use.
type Client struct {
	cfg     Config
	api     *openai.Client
	log     *slog.Logger
	sem     chan struct{}
	sleep   func(context.Context, time.Duration) error
	random  func() float64
	now     func() time.Time
	cache   *Cache
	schemas schemas
	metrics *metrics
	// mode is the index in fallbackModes of the output mode auto uses now.
	mode atomic.Int32

	baseDelay, maxDelay, maxRetryAfter time.Duration
}

var fallbackModes = [...]string{ModeJSONSchema, ModeJSONObject, ModeText}

type options struct {
	log       *slog.Logger
	http      *http.Client
	sleep     func(context.Context, time.Duration) error
	random    func() float64
	now       func() time.Time
	cache     *Cache
	baseDelay time.Duration
	maxDelay  time.Duration
	maxWait   time.Duration
	reg       prometheus.Registerer
}

// Option configures a Client.
type Option func(*options)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithHTTPClient sets the HTTP client (its Timeout should be zero: the
// client bounds each attempt with Config.Timeout through the context).
func WithHTTPClient(c *http.Client) Option { return func(o *options) { o.http = c } }

// WithSleep replaces the wait between retries (tests record the delays
// instead of waiting). It must return ctx.Err() when ctx ends first.
func WithSleep(f func(ctx context.Context, d time.Duration) error) Option {
	return func(o *options) { o.sleep = f }
}

// WithRandom replaces the jitter source (a float in [0,1)).
func WithRandom(f func() float64) Option { return func(o *options) { o.random = f } }

// WithClock replaces time.Now (Retry-After dates are relative to it).
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// WithCache answers identical requests from c.
func WithCache(c *Cache) Option { return func(o *options) { o.cache = c } }

// WithBackoff sets the first retry delay, its cap, and the longest
// Retry-After the client waits for (beyond it the call fails with kind
// RateLimited and RetryAfter set, so a queue can reschedule the work).
// Defaults: 500ms, 20s, 60s.
func WithBackoff(base, maxDelay, maxRetryAfter time.Duration) Option {
	return func(o *options) { o.baseDelay, o.maxDelay, o.maxWait = base, maxDelay, maxRetryAfter }
}

// New returns a client. With no backend configured it still succeeds, and
// every call fails with kind Unavailable and code "llm_not_configured".
// A malformed configuration is a kind Invalid error.
func New(cfg Config, opts ...Option) (*Client, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "llm_config", Message: "invalid LLM configuration: " + err.Error()}
	}
	o := options{
		sleep: sleepCtx, random: rand.Float64, now: time.Now,
		baseDelay: 500 * time.Millisecond, maxDelay: 20 * time.Second, maxWait: 60 * time.Second,
	}
	for _, opt := range opts {
		opt(&o)
	}
	if o.log == nil {
		o.log = slog.New(slog.DiscardHandler)
	}
	c := &Client{
		cfg: cfg, log: o.log, sem: make(chan struct{}, cfg.MaxConcurrent),
		sleep: o.sleep, random: o.random, now: o.now, cache: o.cache,
		baseDelay: o.baseDelay, maxDelay: o.maxDelay, maxRetryAfter: o.maxWait,
	}
	if o.reg != nil {
		if c.metrics, err = newMetrics(o.reg); err != nil {
			return nil, sangbad.WrapError(sangbad.Internal, err, "the LLM metrics could not be registered")
		}
	}
	if !cfg.Configured() {
		return c, nil
	}
	hc := o.http
	if hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = max(cfg.MaxConcurrent, 16)
		t.MaxIdleConns = max(t.MaxIdleConns, t.MaxIdleConnsPerHost)
		hc = &http.Client{Transport: t}
	}
	var oc openai.ClientConfig
	if cfg.APIType == APITypeAzure {
		oc = openai.DefaultAzureConfig(cfg.APIKey, strings.TrimSuffix(cfg.BaseURL, "/"))
		oc.APIVersion = cfg.AzureAPIVersion
		// Config.Model is the deployment name as the operator wrote it.
		oc.AzureModelMapperFunc = func(model string) string { return model }
	} else {
		oc = openai.DefaultConfig(cfg.APIKey)
		if cfg.BaseURL != "" {
			oc.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
		}
	}
	oc.HTTPClient = headerDoer{hc}
	c.api = openai.NewClientWithConfig(oc)
	return c, nil
}

// Configured reports whether a backend is configured.
func (c *Client) Configured() bool { return c.api != nil }

// Model returns the model used for a task.
func (c *Client) Model(task string) string { return c.cfg.ModelFor(task) }

// OutputMode returns the output mode JSON requests use now (in auto mode,
// what detection has settled on so far).
func (c *Client) OutputMode() string {
	if c.cfg.OutputMode == ModeAuto {
		return fallbackModes[c.mode.Load()]
	}
	return c.cfg.OutputMode
}

func notConfigured() error {
	return &sangbad.Error{
		Kind: sangbad.Unavailable, Code: "llm_not_configured",
		Message: "no LLM backend is configured: set OPENAI_BASE_URL (an OpenAI-compatible server such as Ollama or vLLM) or OPENAI_API_KEY (OpenAI)",
	}
}

// Complete sends the request and returns the answer.
func (c *Client) Complete(ctx context.Context, req Request) (Response, error) {
	return c.observed(ctx, req, nil)
}

// Stream is Complete with the answer streamed: onDelta receives each piece
// of text as it arrives, in order, on the calling goroutine. When an answer
// is rejected and the model asked again (schema fix rounds), the pieces of
// the new answer follow; Response.Content is the final answer. An answer
// from the cache arrives as one piece.
func (c *Client) Stream(ctx context.Context, req Request, onDelta func(string)) (Response, error) {
	if onDelta == nil {
		onDelta = func(string) {}
	}
	return c.observed(ctx, req, onDelta)
}

// Check asks the backend for its model list: a cheap readiness probe that
// verifies the base URL and the key.
func (c *Client) Check(ctx context.Context) ([]string, error) {
	if c.api == nil {
		return nil, notConfigured()
	}
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	info := &callInfo{}
	list, err := c.api.ListModels(context.WithValue(actx, callInfoKey{}, info))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctxError(ctx)
		}
		e, _ := c.classify(err, info, "")
		return nil, e
	}
	ids := make([]string, len(list.Models))
	for i, m := range list.Models {
		ids[i] = m.ID
	}
	return ids, nil
}

func (c *Client) run(ctx context.Context, req Request, onDelta func(string)) (Response, error) {
	model := c.cfg.ModelFor(req.Task)
	resp := Response{Model: model}
	if c.api == nil {
		return resp, notConfigured()
	}
	var schema *schemaNode
	if req.Schema != nil {
		var err error
		if schema, err = c.schemas.compile(req.Schema.JSON); err != nil {
			return resp, sangbad.WrapError(sangbad.Internal, err, "invalid response schema")
		}
	}
	var key string
	if c.cache != nil {
		key = c.cacheKey(model, req)
		r, ok := c.cache.Get(key)
		c.metrics.cacheLookup(req.Task, ok)
		if ok {
			if onDelta != nil {
				onDelta(r.Content)
			}
			return r, nil
		}
	}
	maxTokens := req.MaxTokens
	if maxTokens == 0 {
		maxTokens = c.cfg.MaxTokens
	}
	msgs := initialMessages(req)
	for {
		mode := ModeText
		if req.Schema != nil {
			mode = c.OutputMode()
		}
		resp.Mode = mode
		creq := c.buildChat(model, msgs, mode, req.Schema, maxTokens)
		out, err := c.attempts(ctx, req.Task, &resp, creq, onDelta)
		if err != nil {
			if errors.Is(err, errFormatUnsupported) {
				if c.cfg.OutputMode == ModeAuto && mode != ModeText {
					c.downgrade(mode, err)
					continue
				}
				return resp, &sangbad.Error{
					Kind: sangbad.Unavailable, Code: "llm_output_mode_unsupported", Err: err,
					Message: fmt.Sprintf("the LLM backend does not support response_format %s; set SANGBAD_LLM_OUTPUT_MODE=auto", mode),
				}
			}
			return resp, err
		}
		resp.Content, resp.FinishReason = out.content, out.finish
		resp.Truncated = out.finish == string(openai.FinishReasonLength)
		if req.Schema == nil {
			if resp.Truncated {
				c.log.WarnContext(ctx, "llm answer truncated", "model", model, "task", req.Task, "max_tokens", maxTokens)
			}
			c.store(key, resp)
			return resp, nil
		}
		doc, verr := ExtractJSON(out.content)
		if verr == nil {
			verr = validateDoc(schema, doc)
		}
		if verr == nil && !resp.Truncated {
			resp.JSON = doc
			c.store(key, resp)
			return resp, nil
		}
		resp.LastInvalid = out.content
		if resp.Truncated {
			// Asking again gives the same cut: report it for the caller to
			// raise the limit or shorten the input.
			return resp, &sangbad.Error{
				Kind: sangbad.BadOutput, Code: "llm_output_truncated",
				Message: fmt.Sprintf("the model's answer was cut off at the token limit (max tokens %d); raise SANGBAD_LLM_MAX_TOKENS or shorten the input", maxTokens),
				Err:     &OutputError{Output: out.content, Problem: "truncated (finish_reason length)", Truncated: true},
			}
		}
		if resp.Fixes >= c.cfg.MaxFixes {
			return resp, &sangbad.Error{
				Kind: sangbad.BadOutput, Code: "llm_bad_output",
				Message: "the model's answer did not match the expected JSON schema",
				Err:     &OutputError{Output: out.content, Problem: verr.Error()},
			}
		}
		resp.Fixes++
		c.log.InfoContext(ctx, "llm answer invalid, asking again", "model", model, "task", req.Task, "problem", verr.Error())
		msgs = append(msgs,
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: out.content},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: fixMessage(verr, req.Schema)})
	}
}

func initialMessages(req Request) []openai.ChatCompletionMessage {
	msgs := make([]openai.ChatCompletionMessage, 0, 4)
	if req.System != "" {
		msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleSystem, Content: req.System})
	}
	return append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: req.User})
}

// chatRequest builds the first chat request for req as Complete sends it.
func (c *Client) chatRequest(req Request) openai.ChatCompletionRequest {
	mode := ModeText
	if req.Schema != nil {
		mode = c.OutputMode()
	}
	maxTokens := req.MaxTokens
	if maxTokens == 0 {
		maxTokens = c.cfg.MaxTokens
	}
	return c.buildChat(c.cfg.ModelFor(req.Task), initialMessages(req), mode, req.Schema, maxTokens)
}

func (c *Client) buildChat(model string, msgs []openai.ChatCompletionMessage, mode string, s *Schema, maxTokens int) openai.ChatCompletionRequest {
	creq := openai.ChatCompletionRequest{
		Model:       model,
		Messages:    c.messages(msgs, mode, s),
		Temperature: float32(c.cfg.Temperature),
		MaxTokens:   maxTokens,
	}
	if isReasoningModel(model) {
		creq.MaxTokens, creq.MaxCompletionTokens, creq.Temperature = 0, maxTokens, 0
	}
	switch {
	case s != nil && mode == ModeJSONSchema:
		name := s.Name
		if name == "" {
			name = "answer"
		}
		creq.ResponseFormat = &openai.ChatCompletionResponseFormat{
			Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{
				Name: name, Schema: s.JSON, Strict: true,
			},
		}
	case s != nil && mode == ModeJSONObject:
		creq.ResponseFormat = &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject}
	}
	return creq
}

func (c *Client) store(key string, r Response) {
	if c.cache == nil || key == "" {
		return
	}
	r.Cached = true
	r.Usage = sangbad.Usage{}
	r.Attempts = 0
	c.cache.Put(key, r)
}

// messages returns msgs with the schema spelled out in the system message
// for the modes where the server does not receive it.
func (c *Client) messages(msgs []openai.ChatCompletionMessage, mode string, s *Schema) []openai.ChatCompletionMessage {
	if s == nil || mode == ModeJSONSchema || len(msgs) == 0 {
		return msgs
	}
	instruction := "Answer with only a JSON object (no code fence, no comments) matching this JSON schema: " + string(s.JSON)
	if msgs[0].Role != openai.ChatMessageRoleSystem {
		return append([]openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleSystem, Content: instruction}}, msgs...)
	}
	out := make([]openai.ChatCompletionMessage, len(msgs))
	copy(out, msgs)
	out[0].Content += "\n\n" + instruction
	return out
}

func fixMessage(problem error, s *Schema) string {
	return "Your answer is not valid: " + problem.Error() +
		".\nAnswer again with only the complete JSON object, matching this JSON schema: " + string(s.JSON)
}

func (c *Client) downgrade(from string, cause error) {
	for i, m := range fallbackModes {
		if m == from && i+1 < len(fallbackModes) {
			if c.mode.CompareAndSwap(int32(i), int32(i+1)) {
				c.log.Warn("llm backend rejected response_format; falling back for this client", "from", from, "to", fallbackModes[i+1], "err", cause)
			}
			return
		}
	}
}

type result struct {
	content  string
	finish   string
	usage    sangbad.Usage
	streamed bool // some deltas reached the caller
}

// attempts runs one request with retries.
func (c *Client) attempts(ctx context.Context, task string, resp *Response, creq openai.ChatCompletionRequest, onDelta func(string)) (result, error) {
	for attempt := 0; ; attempt++ {
		res, info, err := c.attempt(ctx, creq, onDelta)
		resp.Attempts++
		resp.Usage.Add(res.usage)
		if err == nil {
			return res, nil
		}
		if ctx.Err() != nil {
			return res, ctxError(ctx)
		}
		e, retry := c.classify(err, info, creq.Model)
		if !retry || attempt >= c.cfg.MaxRetries || res.streamed {
			return res, e
		}
		delay := c.backoff(attempt)
		var se *sangbad.Error
		if errors.As(e, &se) && se.RetryAfter > 0 {
			if se.RetryAfter > c.maxRetryAfter {
				return res, e
			}
			delay = se.RetryAfter
		}
		c.log.WarnContext(ctx, "llm call failed, retrying", "model", creq.Model, "attempt", attempt+1, "delay", delay, "err", err)
		c.metrics.retry(task)
		if err := c.sleep(ctx, delay); err != nil {
			return res, ctxError(ctx)
		}
	}
}

// backoff is the full-jitter exponential delay before retry n+1.
func (c *Client) backoff(n int) time.Duration {
	d := c.baseDelay << min(n, 20)
	if d <= 0 || d > c.maxDelay {
		d = c.maxDelay
	}
	return time.Duration(c.random() * float64(d))
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// attempt makes one HTTP call under the concurrency limit and the
// per-attempt timeout.
func (c *Client) attempt(ctx context.Context, creq openai.ChatCompletionRequest, onDelta func(string)) (res result, info *callInfo, err error) {
	info = &callInfo{}
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return res, info, ctx.Err()
	}
	defer func() { <-c.sem }()
	defer c.metrics.begin()()
	actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	actx = context.WithValue(actx, callInfoKey{}, info)
	res.usage.Calls = 1
	defer func() {
		if err != nil && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
			info.timedOut = true
		}
	}()
	if onDelta == nil {
		r, err := c.api.CreateChatCompletion(actx, creq)
		if err != nil {
			return res, info, err
		}
		res.usage = usageOf(r.Usage)
		if len(r.Choices) == 0 {
			return res, info, errNoChoices
		}
		res.content, res.finish = r.Choices[0].Message.Content, string(r.Choices[0].FinishReason)
		return res, info, nil
	}
	creq.StreamOptions = &openai.StreamOptions{IncludeUsage: true}
	stream, err := c.api.CreateChatCompletionStream(actx, creq)
	if err != nil {
		return res, info, err
	}
	defer stream.Close()
	var b strings.Builder
	for {
		chunk, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.content = b.String()
			return res, info, err
		}
		if chunk.Usage != nil {
			res.usage = usageOf(*chunk.Usage)
		}
		for _, ch := range chunk.Choices {
			if ch.Index != 0 {
				continue
			}
			if d := ch.Delta.Content; d != "" {
				b.WriteString(d)
				res.streamed = true
				onDelta(d)
			}
			if ch.FinishReason != "" {
				res.finish = string(ch.FinishReason)
			}
		}
	}
	res.content = b.String()
	if res.usage.TotalTokens == 0 {
		// Servers that ignore stream_options send no usage: estimate it
		// so that cost reports are not silently zero.
		res.usage.CompletionTokens = estimateTokens(res.content)
		for _, m := range creq.Messages {
			res.usage.PromptTokens += estimateTokens(m.Content)
		}
		res.usage.TotalTokens = res.usage.PromptTokens + res.usage.CompletionTokens
	}
	res.usage.Calls = 1
	return res, info, nil
}

func usageOf(u openai.Usage) sangbad.Usage {
	return sangbad.Usage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens, TotalTokens: u.TotalTokens, Calls: 1}
}

func estimateTokens(s string) int {
	n := 0
	for range s {
		n++
	}
	return n/4 + 1
}

func ctxError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &sangbad.Error{Kind: sangbad.Timeout, Code: "llm_timeout", Message: "the LLM call did not finish before the deadline", Err: ctx.Err()}
	}
	return &sangbad.Error{Kind: sangbad.Canceled, Code: "canceled", Message: "the request was canceled", Err: ctx.Err()}
}
