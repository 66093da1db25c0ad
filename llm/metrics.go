package llm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/sangbad/sangbad"
)

// Metric names (all prefixed sangbad_llm_).
const (
	metricCalls       = "sangbad_llm_calls_total"
	metricTokens      = "sangbad_llm_tokens_total"
	metricErrors      = "sangbad_llm_errors_total"
	metricRetries     = "sangbad_llm_retries_total"
	metricCacheHits   = "sangbad_llm_cache_hits_total"
	metricCacheMisses = "sangbad_llm_cache_misses_total"
	metricDuration    = "sangbad_llm_request_duration_seconds"
	metricInFlight    = "sangbad_llm_in_flight"
)

// Outcomes of sangbad_llm_calls_total.
const (
	outcomeOK     = "ok"
	outcomeCached = "cached"
	outcomeError  = "error"
)

// WithMetrics registers the client's Prometheus metrics on reg:
//
//	sangbad_llm_calls_total{task,model,outcome}    calls (Complete, Stream, Generate); outcome ok|cached|error
//	sangbad_llm_tokens_total{task,model,kind}      tokens of every attempt, failed ones included; kind prompt|completion
//	sangbad_llm_errors_total{task,kind}            failed calls by error kind (unavailable, timeout, rate_limited, bad_output, ...)
//	sangbad_llm_retries_total{task}                attempts retried after a 429, 5xx, timeout or connection error
//	sangbad_llm_cache_hits_total{task}             calls answered from the cache (WithCache)
//	sangbad_llm_cache_misses_total{task}           cache lookups that found nothing
//	sangbad_llm_request_duration_seconds{task}     duration of the calls not answered from the cache, retries and fix rounds included
//	sangbad_llm_in_flight                          HTTP calls to the backend in flight
//
// Several clients may share one registry: they then share the metrics. New
// fails with kind Internal when reg already holds a different metric of one
// of these names.
func WithMetrics(reg prometheus.Registerer) Option { return func(o *options) { o.reg = reg } }

// metrics are the collectors of a client; a nil *metrics records nothing.
type metrics struct {
	calls       *prometheus.CounterVec
	tokens      *prometheus.CounterVec
	errors      *prometheus.CounterVec
	retries     *prometheus.CounterVec
	cacheHits   *prometheus.CounterVec
	cacheMisses *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	inFlight    prometheus.Gauge
}

// durationBuckets span a cache-speed local call to a slow model's minute.
var durationBuckets = []float64{0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricCalls, Help: "LLM calls by task, model and outcome (ok, cached, error).",
		}, []string{"task", "model", "outcome"}),
		tokens: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricTokens, Help: "LLM tokens used, failed attempts included, by task, model and kind (prompt, completion).",
		}, []string{"task", "model", "kind"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricErrors, Help: "Failed LLM calls by task and error kind.",
		}, []string{"task", "kind"}),
		retries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricRetries, Help: "LLM attempts retried after a 429, 5xx, timeout or connection error.",
		}, []string{"task"}),
		cacheHits: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricCacheHits, Help: "LLM calls answered from the cache.",
		}, []string{"task"}),
		cacheMisses: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: metricCacheMisses, Help: "LLM cache lookups that found no answer.",
		}, []string{"task"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: metricDuration, Help: "Duration of LLM calls not answered from the cache, retries and fix rounds included.",
			Buckets: durationBuckets,
		}, []string{"task"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: metricInFlight, Help: "HTTP calls to the LLM backend in flight.",
		}),
	}
	var err error
	m.calls, err = register(reg, m.calls)
	if err == nil {
		m.tokens, err = register(reg, m.tokens)
	}
	if err == nil {
		m.errors, err = register(reg, m.errors)
	}
	if err == nil {
		m.retries, err = register(reg, m.retries)
	}
	if err == nil {
		m.cacheHits, err = register(reg, m.cacheHits)
	}
	if err == nil {
		m.cacheMisses, err = register(reg, m.cacheMisses)
	}
	if err == nil {
		m.duration, err = register(reg, m.duration)
	}
	if err == nil {
		m.inFlight, err = register(reg, m.inFlight)
	}
	if err != nil {
		return nil, fmt.Errorf("register llm metrics: %w", err)
	}
	return m, nil
}

// register registers c on reg, or returns the collector already registered
// under the same description, so that clients can share a registry.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) (C, error) {
	err := reg.Register(c)
	if err == nil {
		return c, nil
	}
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing, nil
		}
	}
	return c, err
}

// observeCall records one finished call.
func (m *metrics) observeCall(task string, resp Response, err error, d time.Duration) {
	if m == nil {
		return
	}
	task = taskLabel(task)
	outcome := outcomeOK
	switch {
	case err != nil:
		outcome = outcomeError
		m.errors.WithLabelValues(task, string(sangbad.ErrorKind(err))).Inc()
	case resp.Cached:
		outcome = outcomeCached
	}
	m.calls.WithLabelValues(task, resp.Model, outcome).Inc()
	if resp.Usage.PromptTokens > 0 {
		m.tokens.WithLabelValues(task, resp.Model, "prompt").Add(float64(resp.Usage.PromptTokens))
	}
	if resp.Usage.CompletionTokens > 0 {
		m.tokens.WithLabelValues(task, resp.Model, "completion").Add(float64(resp.Usage.CompletionTokens))
	}
	if !resp.Cached {
		m.duration.WithLabelValues(task).Observe(d.Seconds())
	}
}

// cacheLookup records a cache hit or miss.
func (m *metrics) cacheLookup(task string, hit bool) {
	if m == nil {
		return
	}
	if hit {
		m.cacheHits.WithLabelValues(taskLabel(task)).Inc()
		return
	}
	m.cacheMisses.WithLabelValues(taskLabel(task)).Inc()
}

// retry records an attempt about to be retried.
func (m *metrics) retry(task string) {
	if m == nil {
		return
	}
	m.retries.WithLabelValues(taskLabel(task)).Inc()
}

// begin marks an HTTP call in flight; the returned func marks its end.
func (m *metrics) begin() func() {
	if m == nil {
		return func() {}
	}
	m.inFlight.Inc()
	return m.inFlight.Dec
}

// taskLabel keeps an empty task readable in the metrics.
func taskLabel(task string) string {
	if task == "" {
		return "default"
	}
	return task
}

// observed runs a call and records it in the metrics.
func (c *Client) observed(ctx context.Context, req Request, onDelta func(string)) (Response, error) {
	if c.metrics == nil {
		return c.run(ctx, req, onDelta)
	}
	start := time.Now()
	resp, err := c.run(ctx, req, onDelta)
	c.metrics.observeCall(req.Task, resp, err, time.Since(start))
	return resp, err
}
