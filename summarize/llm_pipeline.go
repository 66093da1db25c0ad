package summarize

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/sangbad/sangbad"
)

// LLMFacter adds the facts the rules missed with a language model (*LLM
// satisfies it). It returns the merged actors, which replace
// an.Facts.Actors, and the tokens spent.
type LLMFacter interface {
	Facts(ctx context.Context, a sangbad.Article, an *sangbad.Analysis) ([]sangbad.Actor, sangbad.Usage, error)
}

// llmFacts runs LLM-assisted facts when the LLM is on for this request and
// the LLMSummarizer given to WithLLM is also an LLMFacter (NewLLM's is;
// WithFactsAssist(false) turns it off). It runs before the summaries so
// that they, and the verifier, see the actors it located. A failure
// leaves the rule facts and a warning, unless the request was canceled or
// requires the LLM.
func (p *Pipeline) llmFacts(ctx context.Context, a sangbad.Article, o sangbad.Options, an *sangbad.Analysis) error {
	f, ok := p.llm.(LLMFacter)
	if !ok || o.LLM == llmOff {
		return nil
	}
	actors, usage, err := f.Facts(ctx, a, an)
	addUsage(an, usage)
	if usage.Calls > 0 {
		p.log.LogAttrs(ctx, slog.LevelInfo, "llm facts usage", slog.String("id", a.ID),
			slog.Int("calls", usage.Calls), slog.Int("prompt_tokens", usage.PromptTokens), slog.Int("completion_tokens", usage.CompletionTokens))
	}
	if err != nil {
		kind := sangbad.ErrorKind(err)
		if o.LLM == llmRequired || kind == sangbad.Canceled || ctx.Err() != nil {
			return fmt.Errorf("llm facts: %w", err)
		}
		p.log.LogAttrs(ctx, slog.LevelWarn, "llm facts failed", slog.String("id", a.ID), slog.String("error", err.Error()))
		an.Warnings = appendUnique(an.Warnings, fmt.Sprintf("LLM-assisted facts failed (%s); the facts are the rules' only", sangbad.ErrorMessage(err)))
		return nil
	}
	if actors != nil {
		an.Facts.Actors = actors
	}
	return nil
}

// addUsage adds u to the analysis' total LLM usage.
func addUsage(an *sangbad.Analysis, u sangbad.Usage) {
	if u.Calls == 0 && u.TotalTokens == 0 {
		return
	}
	if an.Usage == nil {
		an.Usage = &sangbad.Usage{}
	}
	an.Usage.Add(u)
}
