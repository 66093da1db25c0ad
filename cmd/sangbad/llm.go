package main

import (
	"context"
	"fmt"
	"github.com/prometheus/client_golang/prometheus"
	"log/slog"
	"time"

	"github.com/sangbad/sangbad/llm"
)

// newLLM builds the LLM client from the settings; nil when no backend is
// configured (every LLM feature then answers llm_not_configured).
func newLLM(cfg LLMConfig, log *slog.Logger, reg prometheus.Registerer) (*llm.Client, error) {
	lc := llm.Config{
		APIKey:          cfg.APIKey,
		BaseURL:         cfg.BaseURL,
		APIType:         cfg.APIType,
		AzureAPIVersion: cfg.AzureAPIVersion,
		Model:           cfg.Model,
		Models:          cfg.Models,
		Timeout:         cfg.Timeout,
		MaxRetries:      cfg.MaxRetries,
		MaxConcurrent:   cfg.MaxConcurrent,
		OutputMode:      cfg.OutputMode,
	}
	if !lc.Configured() {
		return nil, nil
	}
	opts := []llm.Option{llm.WithLogger(log), llm.WithMetrics(reg)}
	if cfg.CacheSize > 0 {
		opts = append(opts, llm.WithCache(llm.NewCache(cfg.CacheSize, cfg.CacheTTL)))
	}
	c, err := llm.New(lc, opts...)
	if err != nil {
		return nil, fmt.Errorf("llm backend: %w", err)
	}
	return c, nil
}

func (c *core) llmConfigured() bool { return c.llm != nil }

// llmReady asks the backend for its models, with a short deadline.
func (c *core) llmReady(ctx context.Context) error {
	if c.llm == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if _, err := c.llm.Check(ctx); err != nil {
		return fmt.Errorf("llm backend %s: %w", c.cfg.LLM.BaseURL, err)
	}
	return nil
}
