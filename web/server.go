// Package web is Sangbad's HTTP front door: a Gin JSON API under /v1, the
// operational endpoints (/healthz, /readyz, /metrics, /openapi.json) and the
// embedded web page. It holds no analysis logic: every handler decodes and
// checks a request, calls one of the small interfaces below (implemented by
// the core packages and wired in by cmd), and encodes the answer. Only this
// package imports gin.
package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/sangbad/sangbad"
)

// Analyzer runs the analysis pipeline: language, facts and summaries.
type Analyzer interface {
	Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error)
	Detect(ctx context.Context, text string) (sangbad.Language, error)
	Facts(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error)
}

// Verifier checks a generated or edited text against its source.
type Verifier interface {
	Verify(ctx context.Context, req VerifyRequest) (VerifyResult, error)
}

// Translator translates a text with an LLM backend and verifies the result.
type Translator interface {
	Translate(ctx context.Context, req TranslateRequest) (TranslateResult, error)
}

// Streamer produces an analysis whose LLM summaries are streamed: onDelta
// is called with each new piece of a summary's text, in order per language.
// onDelta may be called from several goroutines; it must not be called after
// StreamSummary returns.
type Streamer interface {
	StreamSummary(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error)
}

// Batches is the asynchronous bulk API. Create reads a JSONL stream of
// articles (one sangbad.Article object a line), queues it and returns; its
// ctx ends with the HTTP request, so the processing must not use it.
// Status reports progress (a NotFound error for an unknown id). Results
// writes one JSON object a line ({"id", "analysis"} or {"id", "error"}) as
// they are read; an error before the first write becomes an HTTP error.
type Batches interface {
	Create(ctx context.Context, r io.Reader, opts BatchOptions) (BatchStatus, error)
	Status(ctx context.Context, id string) (BatchStatus, error)
	Results(ctx context.Context, id string, w io.Writer) error
}

// Readiness reports whether the server can do its work (the detector is
// loaded, the configured LLM backend answers).
type Readiness interface {
	Ready(ctx context.Context) error
}

// VerifyRequest is the input of POST /v1/verify.
type VerifyRequest struct {
	// Source is the original article text.
	Source string `json:"source"`
	// Text is the summary or translation to check.
	Text string `json:"text"`
	// Published (YYYY-MM-DD) resolves relative dates in the source.
	Published string `json:"published,omitempty"`
	// Language is the language Text should be in (ISO 639-1); optional.
	Language string `json:"language,omitempty"`
}

// VerifyResult is the answer of POST /v1/verify.
type VerifyResult struct {
	Verified bool            `json:"verified"`
	Issues   []sangbad.Issue `json:"issues"`
}

// TranslateRequest is the input of POST /v1/translate.
type TranslateRequest struct {
	Text string `json:"text"`
	// Source is the language of Text; empty means detect it.
	Source string `json:"source,omitempty"`
	// Target is the language to translate into (ISO 639-1); required.
	Target string `json:"target"`
	// Glossary maps source names to their fixed translation
	// ("TikTok" -> "টিকটক").
	Glossary map[string]string `json:"glossary,omitempty"`
}

// TranslateResult is the answer of POST /v1/translate.
type TranslateResult struct {
	Translation   string          `json:"translation"`
	Source        string          `json:"source,omitempty"`
	Target        string          `json:"target"`
	Verified      bool            `json:"verified"`
	Issues        []sangbad.Issue `json:"issues"`
	Usage         *sangbad.Usage  `json:"usage,omitempty"`
	Model         string          `json:"model,omitempty"`
	PromptVersion string          `json:"prompt_version,omitempty"`
}

// BatchOptions are the settings of one HTTP batch, taken from the query
// string of POST /v1/batches.
type BatchOptions struct {
	// Options apply to every article of the batch.
	Options sangbad.Options
	// Webhook, when set, is POSTed the final BatchStatus when the batch ends.
	Webhook string
}

// Batch states.
const (
	BatchQueued  = "queued"
	BatchRunning = "running"
	BatchDone    = "done"
	BatchFailed  = "failed"
)

// BatchStatus is the progress of a batch.
type BatchStatus struct {
	ID string `json:"id"`
	// State is queued, running, done or failed.
	State string `json:"state"`
	// Total is the number of articles read (0 while still unknown).
	Total      int       `json:"total"`
	Done       int       `json:"done"`
	Failed     int       `json:"failed"`
	Created    time.Time `json:"created"`
	Updated    time.Time `json:"updated,omitzero"`
	Error      string    `json:"error,omitempty"`
	ResultsURL string    `json:"results_url,omitempty"`
}

// Deps are the collaborators of the server. Any of them may be nil: the
// endpoints that need it then answer 503 with a JSON error naming the
// setting to change.
type Deps struct {
	Analyzer   Analyzer
	Verifier   Verifier
	Translator Translator
	// Streamer streams LLM summaries for POST /v1/summarize with
	// Accept: text/event-stream. When nil, the stream carries the finished
	// summaries of Analyzer as single deltas.
	Streamer  Streamer
	Batches   Batches
	Readiness Readiness
	// Logger receives the access log and every internal error (with the
	// request id). Nil discards.
	Logger *slog.Logger
	// Registry is where the HTTP metrics are registered and what /metrics
	// serves; other packages register their own collectors on the same
	// registry. Nil gives the server a private registry.
	Registry *prometheus.Registry
	// Version is reported by /healthz.
	Version string
}

// Default limits.
const (
	DefaultMaxBodyBytes   = 2 << 20
	DefaultMaxBatchBytes  = 256 << 20
	DefaultRequestTimeout = 120 * time.Second
	DefaultMaxInFlight    = 512
	DefaultMaxJSONDepth   = 32
)

// Config are the HTTP limits and access settings. The zero value is a
// local single-user server: no API keys, no CORS, default limits.
type Config struct {
	// MaxBodyBytes limits JSON request bodies (default 2 MiB).
	MaxBodyBytes int64
	// MaxBatchBytes limits the JSONL body of POST /v1/batches (default 256 MiB).
	MaxBatchBytes int64
	// MaxJSONDepth limits the nesting of JSON bodies (default 32).
	MaxJSONDepth int
	// RequestTimeout is the deadline of each /v1 request (default 120s;
	// negative disables it). Downloads of batch results are exempt.
	RequestTimeout time.Duration
	// MaxInFlight limits the /v1 requests served at once; more get 503 with
	// Retry-After (default 512; negative disables it).
	MaxInFlight int

	// AllowedOrigins enables CORS for these origins ("https://a.example",
	// or "*" for any). Empty disables CORS.
	AllowedOrigins []string

	// APIKeys are the SHA-256 hashes (HashKey) of the accepted API keys.
	APIKeys []string
	// RequireAPIKey makes every /v1 request present one of APIKeys as
	// "Authorization: Bearer <key>". When false a presented key is still
	// checked (and used for rate limits).
	RequireAPIKey bool
	// ProtectMetrics puts /metrics behind the API key too.
	ProtectMetrics bool
	// RateLimit is the sustained rate of /v1 requests per second allowed to
	// each API key (each client address without keys); 0 means unlimited.
	RateLimit float64
	// RateBurst is the token-bucket size (default: max(1, ceil(RateLimit))).
	RateBurst int
	// KeyConcurrency is the number of /v1 requests each key (client
	// address) may have in flight; 0 means unlimited.
	KeyConcurrency int
	// TrustedProxies are the proxy addresses whose X-Forwarded-For is
	// believed when identifying a client; empty trusts none.
	TrustedProxies []string
}

func (c Config) withDefaults() Config {
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxBatchBytes <= 0 {
		c.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if c.MaxJSONDepth <= 0 {
		c.MaxJSONDepth = DefaultMaxJSONDepth
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = DefaultRequestTimeout
	}
	if c.MaxInFlight == 0 {
		c.MaxInFlight = DefaultMaxInFlight
	}
	if c.RateLimit > 0 && c.RateBurst <= 0 {
		c.RateBurst = max(1, int(c.RateLimit+0.999999))
	}
	return c
}

// Validate reports settings that cannot work, such as a required API key
// with no keys configured or a key that is not a SHA-256 hash.
func (c Config) Validate() error {
	if c.RequireAPIKey && len(c.APIKeys) == 0 {
		return fmt.Errorf("api keys are required but none is configured")
	}
	for i, k := range c.APIKeys {
		if !isKeyHash(normalizeHash(k)) {
			return fmt.Errorf("api key %d is not a SHA-256 hash (64 hex digits): hash keys with web.HashKey", i+1)
		}
	}
	if c.RateLimit < 0 {
		return fmt.Errorf("rate limit must not be negative, got %v", c.RateLimit)
	}
	for _, o := range c.AllowedOrigins {
		if o != "*" && !strings.Contains(o, "://") {
			return fmt.Errorf("allowed origin %q must be \"*\" or a scheme://host[:port] origin", o)
		}
	}
	return nil
}

// server holds what the handlers and middleware share.
type server struct {
	deps    Deps
	cfg     Config
	log     *slog.Logger
	metrics *httpMetrics
	keys    map[string]bool
	limits  *keyLimits
	page    *staticFiles
}

// NewServer returns the HTTP handler of the whole service. It does not
// start listening; cmd owns the http.Server (and its read/write timeouts).
func NewServer(deps Deps, cfg Config) http.Handler {
	cfg = cfg.withDefaults()
	log := deps.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if deps.Registry == nil {
		deps.Registry = prometheus.NewRegistry()
		deps.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	if err := cfg.Validate(); err != nil {
		// NewServer cannot fail; cmd calls Validate first. A broken key
		// list locks the API instead of opening it.
		log.Error("invalid web config", "err", err)
	}
	s := &server{
		deps:    deps,
		cfg:     cfg,
		log:     log,
		metrics: newHTTPMetrics(deps.Registry),
		keys:    make(map[string]bool, len(cfg.APIKeys)),
		limits:  newKeyLimits(cfg.RateLimit, cfg.RateBurst, cfg.KeyConcurrency),
		page:    newStaticFiles(),
	}
	for _, k := range cfg.APIKeys {
		if h := normalizeHash(k); isKeyHash(h) {
			s.keys[h] = true
		}
	}

	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.ContextWithFallback = true
	r.RedirectTrailingSlash = false
	r.RedirectFixedPath = false
	if err := r.SetTrustedProxies(cfg.TrustedProxies); err != nil {
		log.Error("invalid trusted proxies", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	s.addRoutes(r)
	return r
}
