package llm

import (
	"context"

	"github.com/sangbad/sangbad"
)

// Generate runs a completion described in domain terms; it is how the
// summarizer and the translator, which do not import this package, call
// the model (their Completer interfaces).
func (c *Client) Generate(ctx context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error) {
	resp, err := c.Complete(ctx, toRequest(req))
	return fromResponse(resp), err
}

// GenerateStream is Generate with the answer's text streamed to onDelta as
// it arrives.
func (c *Client) GenerateStream(ctx context.Context, req sangbad.CompletionRequest, onDelta func(string)) (sangbad.Completion, error) {
	resp, err := c.Stream(ctx, toRequest(req), onDelta)
	return fromResponse(resp), err
}

func toRequest(req sangbad.CompletionRequest) Request {
	r := Request{
		Task:          req.Task,
		System:        req.System,
		User:          req.User,
		MaxTokens:     req.MaxTokens,
		PromptVersion: req.PromptVersion,
		CacheKey:      req.CacheKey,
	}
	if len(req.Schema) > 0 {
		name := req.SchemaName
		if name == "" {
			name = req.Task
		}
		r.Schema = &Schema{Name: name, JSON: req.Schema}
	}
	return r
}

func fromResponse(r Response) sangbad.Completion {
	return sangbad.Completion{
		Content:     r.Content,
		JSON:        r.JSON,
		Usage:       r.Usage,
		Model:       r.Model,
		Diagnostics: *r.Diagnostics(),
		Truncated:   r.Truncated,
	}
}
