package llm

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sangbad/sangbad"
	openai "github.com/sashabaranov/go-openai"
)

// BatchItem is one request of a provider batch (the OpenAI Batch API:
// cheaper, answered within 24 hours). ID is the caller's custom_id; it
// must be unique within the batch.
type BatchItem struct {
	ID      string
	Request Request
}

// BatchStatus is the state of a provider batch.
type BatchStatus struct {
	ID string
	// Status is the provider's: validating, in_progress, finalizing,
	// completed, failed, expired, cancelling or cancelled.
	Status                   string
	Total, Completed, Failed int
	OutputFileID             string
	ErrorFileID              string
}

// Done reports whether the batch reached a final state.
func (s BatchStatus) Done() bool {
	switch s.Status {
	case "completed", "failed", "expired", "cancelled":
		return true
	}
	return false
}

// BatchResult is the answer to one BatchItem. Err is a *sangbad.Error.
type BatchResult struct {
	ID       string
	Response Response
	Err      error
}

// SubmitBatch uploads the items as a JSONL file (purpose "batch") and
// creates a batch on /v1/chat/completions. Each request is built as
// Complete would build it, in the client's current output mode. Keep the
// returned ID to poll and fetch the results, across restarts too.
func (c *Client) SubmitBatch(ctx context.Context, items []BatchItem, metadata map[string]string) (BatchStatus, error) {
	if c.api == nil {
		return BatchStatus{}, notConfigured()
	}
	if len(items) == 0 {
		return BatchStatus{}, sangbad.Errorf(sangbad.Invalid, "a batch needs at least one item")
	}
	var upload openai.UploadBatchFileRequest
	upload.FileName = "sangbad-batch.jsonl"
	seen := make(map[string]bool, len(items))
	for _, it := range items {
		if it.ID == "" || seen[it.ID] {
			return BatchStatus{}, sangbad.Errorf(sangbad.Invalid, "batch item ids must be unique and not empty (%q)", it.ID)
		}
		seen[it.ID] = true
		upload.AddChatCompletion(it.ID, c.chatRequest(it.Request))
	}
	var file openai.File
	err := c.call(ctx, func(actx context.Context) (err error) {
		file, err = c.api.UploadBatchFile(actx, upload)
		return err
	})
	if err != nil {
		return BatchStatus{}, fmt.Errorf("upload batch input: %w", err)
	}
	md := make(map[string]any, len(metadata))
	for k, v := range metadata {
		md[k] = v
	}
	var b openai.BatchResponse
	err = c.call(ctx, func(actx context.Context) (err error) {
		b, err = c.api.CreateBatch(actx, openai.CreateBatchRequest{
			InputFileID: file.ID, Endpoint: openai.BatchEndpointChatCompletions, CompletionWindow: "24h", Metadata: md,
		})
		return err
	})
	if err != nil {
		return BatchStatus{}, fmt.Errorf("create batch: %w", err)
	}
	return batchStatus(b.Batch), nil
}

// BatchStatus polls a batch.
func (c *Client) BatchStatus(ctx context.Context, id string) (BatchStatus, error) {
	if c.api == nil {
		return BatchStatus{}, notConfigured()
	}
	var b openai.BatchResponse
	err := c.call(ctx, func(actx context.Context) (err error) {
		b, err = c.api.RetrieveBatch(actx, id)
		return err
	})
	if err != nil {
		var apiErr *openai.APIError
		if errors.As(err, &apiErr) && apiErr.HTTPStatusCode == 404 {
			return BatchStatus{}, &sangbad.Error{Kind: sangbad.NotFound, Code: "llm_batch_not_found", Message: fmt.Sprintf("the LLM provider has no batch %q", id), Err: err}
		}
		return BatchStatus{}, fmt.Errorf("batch %s: %w", id, err)
	}
	return batchStatus(b.Batch), nil
}

// CancelBatch asks the provider to cancel a batch.
func (c *Client) CancelBatch(ctx context.Context, id string) (BatchStatus, error) {
	if c.api == nil {
		return BatchStatus{}, notConfigured()
	}
	var b openai.BatchResponse
	err := c.call(ctx, func(actx context.Context) (err error) {
		b, err = c.api.CancelBatch(actx, id)
		return err
	})
	if err != nil {
		return BatchStatus{}, fmt.Errorf("cancel batch %s: %w", id, err)
	}
	return batchStatus(b.Batch), nil
}

// BatchResults downloads the output (and error) file of a finished batch
// and returns one result per answered line. schemaFor gives the schema an
// item's answer must match (nil: no JSON expected); answers are parsed
// tolerantly and validated as in Complete, without fix rounds (resubmit
// the failures with Complete).
func (c *Client) BatchResults(ctx context.Context, st BatchStatus, schemaFor func(id string) *Schema) ([]BatchResult, error) {
	if c.api == nil {
		return nil, notConfigured()
	}
	if st.OutputFileID == "" && st.ErrorFileID == "" {
		return nil, sangbad.Errorf(sangbad.Conflict, "batch %s has no results yet (status %s)", st.ID, st.Status)
	}
	var out []BatchResult
	for _, fid := range []string{st.OutputFileID, st.ErrorFileID} {
		if fid == "" {
			continue
		}
		var data []byte
		err := c.call(ctx, func(actx context.Context) error {
			raw, err := c.api.GetFileContent(actx, fid)
			if err != nil {
				return err
			}
			defer raw.Close()
			data, err = io.ReadAll(raw)
			return err
		})
		if err != nil {
			return out, fmt.Errorf("batch %s results: %w", st.ID, err)
		}
		rs, err := c.parseBatchOutput(data, schemaFor)
		if err != nil {
			return out, fmt.Errorf("batch %s results: %w", st.ID, err)
		}
		out = append(out, rs...)
	}
	return out, nil
}

type batchLine struct {
	CustomID string `json:"custom_id"`
	Response *struct {
		StatusCode int             `json:"status_code"`
		Body       json.RawMessage `json:"body"`
	} `json:"response"`
	Error *struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func (c *Client) parseBatchOutput(data []byte, schemaFor func(string) *Schema) ([]BatchResult, error) {
	var out []BatchResult
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var bl batchLine
		if err := json.Unmarshal([]byte(line), &bl); err != nil {
			return out, fmt.Errorf("read output line: %w", err)
		}
		r := BatchResult{ID: bl.CustomID}
		switch {
		case bl.Error != nil:
			r.Err = &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_batch_item_failed", Message: "the provider could not process this batch item", Err: errors.New(bl.Error.Code + ": " + bl.Error.Message)}
		case bl.Response == nil:
			r.Err = &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_batch_item_failed", Message: "the provider returned no response for this batch item"}
		case bl.Response.StatusCode >= 400:
			var er openai.ErrorResponse
			apiErr := &openai.APIError{HTTPStatusCode: bl.Response.StatusCode, Message: string(bl.Response.Body)}
			if json.Unmarshal(bl.Response.Body, &er) == nil && er.Error != nil {
				apiErr = er.Error
				apiErr.HTTPStatusCode = bl.Response.StatusCode
			}
			r.Err, _ = c.classify(apiErr, nil, "")
		default:
			var cr openai.ChatCompletionResponse
			if err := json.Unmarshal(bl.Response.Body, &cr); err != nil {
				return out, fmt.Errorf("read output line %s: %w", bl.CustomID, err)
			}
			r.Response = Response{Model: cr.Model, Usage: usageOf(cr.Usage), Attempts: 1}
			if len(cr.Choices) > 0 {
				r.Response.Content = cr.Choices[0].Message.Content
				r.Response.FinishReason = string(cr.Choices[0].FinishReason)
				r.Response.Truncated = r.Response.FinishReason == string(openai.FinishReasonLength)
			}
			if schemaFor != nil {
				if s := schemaFor(bl.CustomID); s != nil {
					r.Response.JSON, r.Err = c.checkJSON(r.Response, s)
					if r.Err != nil {
						r.Response.LastInvalid = r.Response.Content
					}
				}
			}
		}
		out = append(out, r)
	}
	return out, sc.Err()
}

// checkJSON extracts and validates the answer's JSON.
func (c *Client) checkJSON(r Response, s *Schema) (json.RawMessage, error) {
	n, err := c.schemas.compile(s.JSON)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Internal, err, "invalid response schema")
	}
	doc, verr := ExtractJSON(r.Content)
	if verr == nil {
		verr = validateDoc(n, doc)
	}
	if verr == nil && !r.Truncated {
		return doc, nil
	}
	if r.Truncated {
		return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_output_truncated", Message: "the model's answer was cut off at the token limit",
			Err: &OutputError{Output: r.Content, Problem: "truncated (finish_reason length)", Truncated: true}}
	}
	return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_bad_output", Message: "the model's answer did not match the expected JSON schema",
		Err: &OutputError{Output: r.Content, Problem: verr.Error()}}
}

func batchStatus(b openai.Batch) BatchStatus {
	st := BatchStatus{ID: b.ID, Status: b.Status, Total: b.RequestCounts.Total, Completed: b.RequestCounts.Completed, Failed: b.RequestCounts.Failed}
	if b.OutputFileID != nil {
		st.OutputFileID = *b.OutputFileID
	}
	if b.ErrorFileID != nil {
		st.ErrorFileID = *b.ErrorFileID
	}
	return st
}

// call runs one API call under the concurrency limit and per-attempt
// timeout, with the retry policy of chat completions.
func (c *Client) call(ctx context.Context, fn func(context.Context) error) error {
	for attempt := 0; ; attempt++ {
		info := &callInfo{}
		err := func() error {
			select {
			case c.sem <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			defer func() { <-c.sem }()
			actx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
			defer cancel()
			err := fn(context.WithValue(actx, callInfoKey{}, info))
			if err != nil && ctx.Err() == nil && errors.Is(actx.Err(), context.DeadlineExceeded) {
				info.timedOut = true
			}
			return err
		}()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return ctxError(ctx)
		}
		e, retry := c.classify(err, info, "")
		if !retry || attempt >= c.cfg.MaxRetries {
			return e
		}
		delay := c.backoff(attempt)
		var se *sangbad.Error
		if errors.As(e, &se) && se.RetryAfter > 0 {
			if se.RetryAfter > c.maxRetryAfter {
				return e
			}
			delay = se.RetryAfter
		}
		if err := c.sleep(ctx, delay); err != nil {
			return ctxError(ctx)
		}
	}
}
