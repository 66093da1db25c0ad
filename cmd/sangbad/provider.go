package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/batch/feed"
)

// providerRun is one `sangbad batch --provider-batch` run.
type providerRun struct {
	src   feed.Source
	out   io.Writer
	done  map[string]bool
	state string
	poll  time.Duration
	opts  sangbad.Options
}

// runProviderBatch prepares every article locally, sends the LLM summaries
// through the provider's Batch API and writes the results; rerunning with
// the same state file resumes at whatever phase the last run reached.
func (c *core) runProviderBatch(ctx context.Context, e *env, r providerRun) error {
	if c.llm == nil {
		return &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_not_configured",
			Message: "--provider-batch sends the LLM work to the provider's Batch API, and needs an LLM backend: " + llmHint}
	}
	sum, err := batch.RunProvider(ctx, batch.ProviderConfig{
		StateFile:   r.state,
		PollEvery:   r.poll,
		Concurrency: c.cfg.Queue.Concurrency,
		Options:     r.opts,
		Done:        r.done,
		Logger:      c.log,
	}, r.src, c.pipeline, c.llm, r.out, progressFor(e, c))
	fmt.Fprintf(e.stderr, "%s\n", sum)
	if err != nil {
		return fmt.Errorf("provider batch (state in %s; rerun to resume): %w", r.state, err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("provider batch finished with %d failed item(s); they are in the output with their error", sum.Failed)
	}
	return nil
}
