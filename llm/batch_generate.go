package llm

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/sangbad/sangbad"
)

// SubmitGenerateBatch is SubmitBatch in domain terms, for callers that do
// not import this package (batch.Provider): one request per id (the
// custom_id, unique and not empty). It returns the provider's batch id.
func (c *Client) SubmitGenerateBatch(ctx context.Context, ids []string, reqs []sangbad.CompletionRequest, metadata map[string]string) (string, error) {
	if len(ids) != len(reqs) {
		return "", sangbad.Errorf(sangbad.Internal, "%d batch ids for %d requests", len(ids), len(reqs))
	}
	items := make([]BatchItem, len(ids))
	for i, id := range ids {
		items[i] = BatchItem{ID: id, Request: toRequest(reqs[i])}
	}
	st, err := c.SubmitBatch(ctx, items, metadata)
	if err != nil {
		return "", err
	}
	return st.ID, nil
}

// GenerateBatchStatus polls a provider batch: the provider's status
// (validating, in_progress, finalizing, completed, failed, expired,
// cancelling, cancelled) and whether it is final.
func (c *Client) GenerateBatchStatus(ctx context.Context, id string) (status string, done bool, err error) {
	st, err := c.BatchStatus(ctx, id)
	if err != nil {
		return "", false, err
	}
	return st.Status, st.Done(), nil
}

// GenerateBatchResults downloads the answers of a finished provider batch
// and calls fn for every item the provider answered, with its Completion
// or a *sangbad.Error (the item failed, or its answer did not match the
// schema schemaFor gives for its id; nil: no JSON expected). A batch that
// ended without any output (failed, cancelled) reports nothing; items
// missing from the output are the caller's to handle. It is a Conflict
// error while the batch is still running.
func (c *Client) GenerateBatchResults(ctx context.Context, id string, schemaFor func(id string) json.RawMessage, fn func(id string, c sangbad.Completion, err error)) error {
	st, err := c.BatchStatus(ctx, id)
	if err != nil {
		return err
	}
	if !st.Done() {
		return sangbad.Errorf(sangbad.Conflict, "batch %s has not finished (status %s)", id, st.Status)
	}
	if st.OutputFileID == "" && st.ErrorFileID == "" {
		return nil
	}
	var sf func(string) *Schema
	if schemaFor != nil {
		sf = func(id string) *Schema {
			if s := schemaFor(id); len(s) > 0 {
				return &Schema{Name: "batch", JSON: s}
			}
			return nil
		}
	}
	rs, err := c.BatchResults(ctx, st, sf)
	if err != nil {
		return fmt.Errorf("provider batch results: %w", err)
	}
	for _, r := range rs {
		fn(r.ID, fromResponse(r.Response), r.Err)
	}
	return nil
}
