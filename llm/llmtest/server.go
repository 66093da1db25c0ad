// Package llmtest is an OpenAI-compatible stub server for tests. It speaks
// the real wire protocol (chat completions as JSON and as server-sent
// events, the models list, error bodies with status codes and Retry-After,
// and the files and batches endpoints of the Batch API) and is scripted by
// a Handler that receives each parsed request and returns a Reply.
//
// It imports only the standard library so that any package's tests can use
// it without pulling in the client.
package llmtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// Message is one chat message of a request.
type Message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// JSONSchema is the json_schema part of a response_format.
type JSONSchema struct {
	Name   string          `json:"name"`
	Strict bool            `json:"strict"`
	Schema json.RawMessage `json:"schema"`
}

// ResponseFormat is the response_format of a request.
type ResponseFormat struct {
	Type       string      `json:"type"`
	JSONSchema *JSONSchema `json:"json_schema,omitempty"`
}

// Request is a chat completion request as the server saw it.
type Request struct {
	Model          string          `json:"model"`
	Messages       []Message       `json:"messages"`
	ResponseFormat *ResponseFormat `json:"response_format,omitempty"`
	Stream         bool            `json:"stream"`
	StreamOptions  *struct {
		IncludeUsage bool `json:"include_usage"`
	} `json:"stream_options,omitempty"`
	MaxTokens           int     `json:"max_tokens,omitempty"`
	MaxCompletionTokens int     `json:"max_completion_tokens,omitempty"`
	Temperature         float64 `json:"temperature,omitempty"`

	// Header is the HTTP header of the request; Path its URL path (Azure
	// requests name the deployment there). Batch is set for requests that
	// came in through a batch input file, with the line's custom_id.
	Header   http.Header `json:"-"`
	Path     string      `json:"-"`
	Batch    bool        `json:"-"`
	CustomID string      `json:"-"`
	// N is the 1-based number of the request among all the server saw.
	N int `json:"-"`
}

// System returns the content of the first system message.
func (r Request) System() string { return r.message("system") }

// User returns the content of the last user message.
func (r Request) User() string {
	for i := len(r.Messages) - 1; i >= 0; i-- {
		if r.Messages[i].Role == "user" {
			return r.Messages[i].Content
		}
	}
	return ""
}

func (r Request) message(role string) string {
	for _, m := range r.Messages {
		if m.Role == role {
			return m.Content
		}
	}
	return ""
}

// FormatType is the response_format type ("" when none was sent).
func (r Request) FormatType() string {
	if r.ResponseFormat == nil {
		return ""
	}
	return r.ResponseFormat.Type
}

// Reply is what the stub answers to one request. The zero value is a
// successful empty answer.
type Reply struct {
	// Content is the assistant message. Chunks, when set, are the stream
	// deltas (their concatenation is the content); otherwise Content is
	// streamed in word-sized pieces.
	Content string
	Chunks  []string
	// FinishReason defaults to "stop"; "length" simulates truncation.
	FinishReason string
	// Status is the HTTP status (default 200). For a status >= 400 the body
	// is an OpenAI error object with ErrorMessage, ErrorType and ErrorCode.
	Status       int
	ErrorMessage string
	ErrorType    string
	ErrorCode    string
	// Header is added to the response (e.g. Retry-After).
	Header http.Header
	// Delay is waited before answering (or until the client goes away).
	// ChunkDelay is waited between stream chunks (after the first).
	Delay      time.Duration
	ChunkDelay time.Duration
	// PromptTokens and CompletionTokens override the estimated usage.
	PromptTokens, CompletionTokens int
	// Hijack closes the connection without an answer (a dropped connection).
	Hijack bool
}

// Handler scripts the server: it returns the reply to a request.
type Handler func(Request) Reply

// Error returns a reply with an OpenAI error body.
func Error(status int, message, typ, code string) Reply {
	return Reply{Status: status, ErrorMessage: message, ErrorType: typ, ErrorCode: code}
}

// RateLimited returns a 429 reply with a Retry-After header in seconds.
func RateLimited(retryAfter string) Reply {
	r := Error(http.StatusTooManyRequests, "Rate limit reached for requests", "requests", "rate_limit_exceeded")
	if retryAfter != "" {
		r.Header = http.Header{"Retry-After": {retryAfter}}
	}
	return r
}

// Sequence answers the n-th request with the n-th handler and every request
// after the last with the last handler.
func Sequence(handlers ...Handler) Handler {
	var mu sync.Mutex
	n := 0
	return func(r Request) Reply {
		mu.Lock()
		h := handlers[min(n, len(handlers)-1)]
		n++
		mu.Unlock()
		return h(r)
	}
}

// Fixed always returns reply.
func Fixed(reply Reply) Handler { return func(Request) Reply { return reply } }

// Content always answers content.
func Content(content string) Handler { return Fixed(Reply{Content: content}) }

// Option configures a Server.
type Option func(*Server)

// WithHandler sets the handler (default Echo).
func WithHandler(h Handler) Option { return func(s *Server) { s.handler = h } }

// WithLatency adds a fixed delay before every answer (benchmarks, timeouts).
func WithLatency(d time.Duration) Option { return func(s *Server) { s.latency = d } }

// WithModels sets the models GET /v1/models lists (default "stub-model").
func WithModels(models ...string) Option { return func(s *Server) { s.models = models } }

// WithAPIKey makes the server require this key (Bearer token or api-key
// header) and answer 401 otherwise.
func WithAPIKey(key string) Option { return func(s *Server) { s.apiKey = key } }

// WithoutJSONSchema makes the server reject response_format json_schema with
// a 400, as some OpenAI-compatible servers do.
func WithoutJSONSchema() Option { return func(s *Server) { s.noJSONSchema = true } }

// WithoutJSONObject makes the server reject response_format json_object too.
func WithoutJSONObject() Option { return func(s *Server) { s.noJSONObject = true } }

// WithBatchPolls makes a batch report "in_progress" for the first n status
// polls before "completed" (default 0: completed at once).
func WithBatchPolls(n int) Option { return func(s *Server) { s.batchPolls = n } }

// Server is the stub.
type Server struct {
	srv *httptest.Server

	handler      Handler
	latency      time.Duration
	models       []string
	apiKey       string
	noJSONSchema bool
	noJSONObject bool
	batchPolls   int

	mu       sync.Mutex
	requests []Request
	inFlight int
	maxIn    int
	files    map[string]*file
	batches  map[string]*batch
	nextID   int
}

// NewServer starts a stub server; it is closed when the test ends.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := Start(opts...)
	t.Cleanup(s.Close)
	return s
}

// Start starts a stub server outside a test (examples, load tests); the
// caller closes it.
func Start(opts ...Option) *Server {
	s := &Server{
		handler: Echo,
		models:  []string{"stub-model"},
		files:   map[string]*file{},
		batches: map[string]*batch{},
	}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(s.routes())
	return s
}

// Close shuts the server down, waiting for running requests.
func (s *Server) Close() {
	s.srv.CloseClientConnections()
	s.srv.Close()
}

// URL is the server's root URL (for Azure configurations).
func (s *Server) URL() string { return s.srv.URL }

// BaseURL is the OpenAI base URL to configure clients with (URL + "/v1").
func (s *Server) BaseURL() string { return s.srv.URL + "/v1" }

// SetHandler replaces the handler.
func (s *Server) SetHandler(h Handler) {
	s.mu.Lock()
	s.handler = h
	s.mu.Unlock()
}

// Requests returns the chat completion requests seen so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Calls is the number of chat completion requests seen so far.
func (s *Server) Calls() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

// MaxInFlight is the largest number of chat completions served at once.
func (s *Server) MaxInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxIn
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.handleChat)
	mux.HandleFunc("POST /openai/deployments/{deployment}/chat/completions", s.handleChat)
	mux.HandleFunc("GET /v1/models", s.handleModels)
	mux.HandleFunc("POST /v1/files", s.handleUpload)
	mux.HandleFunc("GET /v1/files/{id}", s.handleFile)
	mux.HandleFunc("GET /v1/files/{id}/content", s.handleFileContent)
	mux.HandleFunc("POST /v1/batches", s.handleCreateBatch)
	mux.HandleFunc("GET /v1/batches/{id}", s.handleBatch)
	mux.HandleFunc("POST /v1/batches/{id}/cancel", s.handleCancelBatch)
	return s.auth(mux)
}

func (s *Server) auth(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.apiKey != "" && r.Header.Get("Authorization") != "Bearer "+s.apiKey && r.Header.Get("api-key") != s.apiKey {
			writeError(w, Error(http.StatusUnauthorized, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) handleModels(w http.ResponseWriter, r *http.Request) {
	type model struct {
		ID      string `json:"id"`
		Object  string `json:"object"`
		Created int64  `json:"created"`
		OwnedBy string `json:"owned_by"`
	}
	list := struct {
		Object string  `json:"object"`
		Data   []model `json:"data"`
	}{Object: "list"}
	for _, m := range s.models {
		list.Data = append(list.Data, model{ID: m, Object: "model", Created: 1700000000, OwnedBy: "llmtest"})
	}
	writeJSON(w, http.StatusOK, list)
}

func (s *Server) handleChat(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var req Request
	if err := json.Unmarshal(body, &req); err != nil {
		writeError(w, Error(http.StatusBadRequest, "invalid JSON body: "+err.Error(), "invalid_request_error", ""))
		return
	}
	req.Header = r.Header.Clone()
	req.Path = r.URL.Path
	if d := r.PathValue("deployment"); d != "" && req.Model == "" {
		req.Model = d
	}
	reply, ok := s.serve(&req)
	s.mu.Lock()
	s.inFlight++
	s.maxIn = max(s.maxIn, s.inFlight)
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	if !ok {
		writeError(w, reply)
		return
	}
	if !wait(r, s.latency+reply.Delay) {
		return
	}
	if reply.Hijack {
		if hj, ok := w.(http.Hijacker); ok {
			if c, _, err := hj.Hijack(); err == nil {
				c.Close()
			}
		}
		return
	}
	for k, vs := range reply.Header {
		for _, v := range vs {
			w.Header().Add(k, v)
		}
	}
	if reply.Status >= 400 {
		writeError(w, reply)
		return
	}
	if req.Stream {
		s.writeStream(w, r, &req, reply)
		return
	}
	writeJSON(w, cmpOr(reply.Status, http.StatusOK), completion(&req, reply))
}

// serve records req and asks the handler; ok is false when the server
// itself rejects the request (unsupported response_format).
func (s *Server) serve(req *Request) (Reply, bool) {
	s.mu.Lock()
	s.requests = append(s.requests, *req)
	req.N = len(s.requests)
	s.requests[req.N-1].N = req.N
	h := s.handler
	s.mu.Unlock()
	switch t := req.FormatType(); {
	case t == "json_schema" && s.noJSONSchema:
		return Error(http.StatusBadRequest, "Invalid parameter: response_format of type 'json_schema' is not supported with this model", "invalid_request_error", "unsupported_response_format"), false
	case t == "json_object" && s.noJSONObject:
		return Error(http.StatusBadRequest, "Invalid parameter: response_format of type 'json_object' is not supported with this model", "invalid_request_error", "unsupported_response_format"), false
	}
	return h(*req), true
}

// wait sleeps d or until the client goes away; it reports whether to answer.
func wait(r *http.Request, d time.Duration) bool {
	if d <= 0 {
		return r.Context().Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

type usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
}

func usageOf(req *Request, reply Reply) usage {
	p, c := reply.PromptTokens, reply.CompletionTokens
	if p == 0 {
		for _, m := range req.Messages {
			p += tokens(m.Content)
		}
	}
	if c == 0 {
		c = tokens(reply.Content + strings.Join(reply.Chunks, ""))
	}
	return usage{PromptTokens: p, CompletionTokens: c, TotalTokens: p + c}
}

// tokens estimates a token count: about four characters a token.
func tokens(s string) int { return utf8.RuneCountInString(s)/4 + 1 }

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

func finish(reply Reply) string {
	if reply.FinishReason == "" {
		return "stop"
	}
	return reply.FinishReason
}

func completion(req *Request, reply Reply) any {
	content := reply.Content
	if content == "" && len(reply.Chunks) > 0 {
		content = strings.Join(reply.Chunks, "")
	}
	type message struct {
		Role    string `json:"role"`
		Content string `json:"content"`
	}
	type choice struct {
		Index        int     `json:"index"`
		Message      message `json:"message"`
		FinishReason string  `json:"finish_reason"`
	}
	return struct {
		ID      string   `json:"id"`
		Object  string   `json:"object"`
		Created int64    `json:"created"`
		Model   string   `json:"model"`
		Choices []choice `json:"choices"`
		Usage   usage    `json:"usage"`
	}{
		ID: fmt.Sprintf("chatcmpl-%d", req.N), Object: "chat.completion", Created: 1700000000, Model: req.Model,
		Choices: []choice{{Message: message{Role: "assistant", Content: content}, FinishReason: finish(reply)}},
		Usage:   usageOf(req, reply),
	}
}

func (s *Server) writeStream(w http.ResponseWriter, r *http.Request, req *Request, reply Reply) {
	flusher, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	id := fmt.Sprintf("chatcmpl-%d", req.N)
	send := func(delta map[string]string, finishReason *string, u *usage) bool {
		chunk := map[string]any{
			"id": id, "object": "chat.completion.chunk", "created": 1700000000, "model": req.Model,
			"choices": []any{},
		}
		if delta != nil {
			chunk["choices"] = []any{map[string]any{"index": 0, "delta": delta, "finish_reason": finishReason}}
		}
		if u != nil {
			chunk["usage"] = u
		}
		b, _ := json.Marshal(chunk)
		if _, err := fmt.Fprintf(w, "data: %s\n\n", b); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	if !send(map[string]string{"role": "assistant", "content": ""}, nil, nil) {
		return
	}
	chunks := reply.Chunks
	if chunks == nil {
		chunks = splitWords(reply.Content)
	}
	for i, c := range chunks {
		if i > 0 && !wait(r, reply.ChunkDelay) {
			return
		}
		if !send(map[string]string{"content": c}, nil, nil) {
			return
		}
	}
	f := finish(reply)
	if !send(map[string]string{}, &f, nil) {
		return
	}
	if req.StreamOptions != nil && req.StreamOptions.IncludeUsage {
		u := usageOf(req, reply)
		if !send(nil, nil, &u) {
			return
		}
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
	if flusher != nil {
		flusher.Flush()
	}
}

// splitWords splits s into pieces that each end after a space, so that
// their concatenation is s.
func splitWords(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, ' ')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

type errorBody struct {
	Error struct {
		Message string  `json:"message"`
		Type    string  `json:"type"`
		Param   *string `json:"param"`
		Code    *string `json:"code"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, reply Reply) {
	var b errorBody
	b.Error.Message = reply.ErrorMessage
	if b.Error.Message == "" {
		b.Error.Message = http.StatusText(reply.Status)
	}
	b.Error.Type = reply.ErrorType
	if b.Error.Type == "" {
		b.Error.Type = "server_error"
	}
	if reply.ErrorCode != "" {
		b.Error.Code = &reply.ErrorCode
	}
	for k, vs := range reply.Header {
		w.Header()[k] = vs
	}
	writeJSON(w, cmpOr(reply.Status, http.StatusInternalServerError), b)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
