package main

import (
	"context"
	"fmt"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"log/slog"
	"strings"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
	"github.com/sangbad/sangbad/web"
)

// core holds the expensive parts, built once per process and shared by
// every front door.
type core struct {
	cfg       Config
	log       *slog.Logger
	detector  *lang.Detector
	extractor *facts.Extractor
	pipeline  *summarize.Pipeline
	verifier  *verify.Verifier
	llm       *llm.Client
	// reg holds the process metrics (served by serve at /metrics).
	reg *prometheus.Registry
	// summarizer is the LLM summarizer; nil when no backend is configured.
	summarizer *summarize.LLM
	closers    []func()
}

// llmHint tells a user how to turn on the features that need an LLM.
const llmHint = "set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one), or --llm-url, to an OpenAI-compatible server such as OpenAI, Azure OpenAI, Ollama, vLLM or llama.cpp"

func newCore(ctx context.Context, cfg Config, log *slog.Logger) (*core, error) {
	det, err := lang.New(lang.Options{})
	if err != nil {
		return nil, fmt.Errorf("language detector: %w", err)
	}
	ext := facts.New()
	c := &core{cfg: cfg, log: log, detector: det, extractor: ext, reg: prometheus.NewRegistry()}
	c.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if c.llm, err = newLLM(cfg.LLM, log, c.reg); err != nil {
		return nil, err
	}
	c.verifier = verify.New(ext, det)
	opts := []summarize.Option{
		summarize.WithMaxChars(cfg.Analysis.MaxChars),
		summarize.WithLogger(log),
		summarize.WithVersion(version),
		summarize.WithLLMHint(llmHint),
	}
	if c.llm != nil {
		c.summarizer = summarize.NewLLM(c.llm, c.verifier,
			summarize.WithLLMLogger(log),
			summarize.WithRepairRounds(cfg.LLM.RepairRounds),
			summarize.WithContextBudget(cfg.LLM.ContextTokens))
		opts = append(opts, summarize.WithLLM(c.summarizer))
	}
	c.pipeline = summarize.NewPipeline(det, ext, opts...)
	return c, nil
}

// Close releases what the core holds.
func (c *core) Close() {
	for i := len(c.closers) - 1; i >= 0; i-- {
		c.closers[i]()
	}
}

// webVerifier adapts the verifier to the web API's request shape.
type webVerifier struct{ v *verify.Verifier }

func (w webVerifier) Verify(ctx context.Context, req web.VerifyRequest) (web.VerifyResult, error) {
	pub, err := sangbad.ParseDate("published", req.Published)
	if err != nil {
		return web.VerifyResult{}, err
	}
	res, err := w.v.Verify(ctx, verify.Request{Source: req.Source, Text: req.Text, Published: pub, Language: strings.ToLower(req.Language)})
	if err != nil {
		return web.VerifyResult{}, err
	}
	issues := res.Issues
	if issues == nil {
		issues = []sangbad.Issue{}
	}
	return web.VerifyResult{Verified: res.Verified, Issues: issues}, nil
}

// Ready reports whether the service can do its work: the detector answers
// and, when configured, the LLM backend too.
func (c *core) Ready(ctx context.Context) error {
	l, err := c.detector.Detect(ctx, "The minister said on Tuesday that the talks would continue.")
	if err != nil {
		return fmt.Errorf("language detector: %w", err)
	}
	if l.Code != "en" {
		return fmt.Errorf("language detector answers %q for an English sentence", l.Code)
	}
	return c.llmReady(ctx)
}
