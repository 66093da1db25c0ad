package llm

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

func TestProviderBatch(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithBatchPolls(2), llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		switch r.CustomID {
		case "bad":
			return llmtest.Reply{Content: "not json at all"}
		case "rejected":
			return llmtest.Error(400, "maximum context length exceeded", "invalid_request_error", "context_length_exceeded")
		}
		return llmtest.Echo(r)
	}))
	c := newClient(t, s, Config{})
	items := []BatchItem{
		{ID: "en", Request: summaryRequest(enArticle)},
		{ID: "bn", Request: summaryRequest(bnArticle)},
		{ID: "bad", Request: summaryRequest(enArticle)},
		{ID: "rejected", Request: summaryRequest(enArticle)},
	}
	st, err := c.SubmitBatch(t.Context(), items, map[string]string{"job": "t1"})
	if err != nil {
		t.Fatal(err)
	}
	if st.ID == "" || st.Done() || st.Total != 4 {
		t.Fatalf("submitted status %+v", st)
	}
	var polls int
	for !st.Done() {
		polls++
		if polls > 5 {
			t.Fatal("batch never completed")
		}
		if st, err = c.BatchStatus(t.Context(), st.ID); err != nil {
			t.Fatal(err)
		}
	}
	if st.Status != "completed" || st.Completed != 3 || st.Failed != 1 {
		t.Errorf("final status %+v", st)
	}
	// The input the provider saw is the same request Complete sends.
	for _, r := range s.Requests() {
		if !r.Batch || r.FormatType() != "json_schema" || r.Model != "stub-model" {
			t.Errorf("batch request %s: batch %v format %q model %q", r.CustomID, r.Batch, r.FormatType(), r.Model)
		}
	}
	results, err := c.BatchResults(t.Context(), st, func(string) *Schema { return summarySchema })
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(results, func(i, j int) bool { return results[i].ID < results[j].ID })
	var got []string
	for _, r := range results {
		got = append(got, r.ID+":"+string(sangbad.ErrorCode(r.Err)))
	}
	want := []string{"bad:llm_bad_output", "bn:", "en:", "rejected:llm_context_length"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	for _, r := range results {
		switch r.ID {
		case "bn":
			var sum summary
			if err := json.Unmarshal(r.Response.JSON, &sum); err != nil || !strings.Contains(sum.Sentences[0].Text, "টিকটক") {
				t.Errorf("bn result %s (%v)", r.Response.JSON, err)
			}
			if r.Response.Usage.TotalTokens == 0 {
				t.Error("batch result without usage")
			}
		case "bad":
			if r.Response.LastInvalid != "not json at all" {
				t.Errorf("last invalid = %q", r.Response.LastInvalid)
			}
		}
	}
}

func TestProviderBatchErrors(t *testing.T) {
	s := llmtest.NewServer(t)
	c := newClient(t, s, Config{})
	if _, err := c.SubmitBatch(t.Context(), nil, nil); sangbad.ErrorKind(err) != sangbad.Invalid {
		t.Errorf("empty batch: %v", err)
	}
	dup := []BatchItem{{ID: "a", Request: Request{User: "x"}}, {ID: "a", Request: Request{User: "y"}}}
	if _, err := c.SubmitBatch(t.Context(), dup, nil); sangbad.ErrorKind(err) != sangbad.Invalid {
		t.Errorf("duplicate ids: %v", err)
	}
	if _, err := c.BatchStatus(t.Context(), "batch-nope"); sangbad.ErrorKind(err) != sangbad.NotFound {
		t.Errorf("unknown batch: %v (kind %s)", err, sangbad.ErrorKind(err))
	}
	if _, err := c.BatchResults(t.Context(), BatchStatus{ID: "b", Status: "in_progress"}, nil); sangbad.ErrorKind(err) != sangbad.Conflict {
		t.Errorf("results before completion: %v", err)
	}
}
