package llm

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

// TestGenerateBatch: the domain-typed batch adapter (what batch.Provider
// calls) submits, polls and reports every answer, validated against the
// schema schemaFor gives.
func TestGenerateBatch(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithBatchPolls(2), llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		if r.CustomID == "bad" {
			return llmtest.Reply{Content: "no json"}
		}
		return llmtest.Echo(r)
	}))
	c := newClient(t, s, Config{})
	req := sangbad.CompletionRequest{Task: "summary", User: enArticle, Schema: summarySchema.JSON, SchemaName: "summary"}
	if _, err := c.SubmitGenerateBatch(t.Context(), []string{"a"}, nil, nil); sangbad.ErrorKind(err) != sangbad.Internal {
		t.Errorf("ids without requests: %v", err)
	}
	id, err := c.SubmitGenerateBatch(t.Context(), []string{"ok", "bad", "text"}, []sangbad.CompletionRequest{req, req, {Task: "summary", User: enArticle}}, map[string]string{"run": "t"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.GenerateBatchResults(t.Context(), id, nil, func(string, sangbad.Completion, error) {}); sangbad.ErrorKind(err) != sangbad.Conflict {
		t.Errorf("results of a running batch: %v", err)
	}
	var statuses []string
	for {
		st, done, err := c.GenerateBatchStatus(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, st)
		if done {
			break
		}
	}
	// One in_progress poll was spent by the Conflict check above.
	if diff := cmp.Diff([]string{"completed"}, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	var got []string
	err = c.GenerateBatchResults(t.Context(), id, func(id string) json.RawMessage {
		if id == "text" {
			return nil
		}
		return summarySchema.JSON
	}, func(id string, comp sangbad.Completion, err error) {
		got = append(got, id+":"+sangbad.ErrorCode(err))
		if id == "ok" && (len(comp.JSON) == 0 || comp.Model != "stub-model" || comp.Usage.Calls != 1) {
			t.Errorf("ok: %+v", comp)
		}
		if id == "text" && (comp.Content == "" || len(comp.JSON) != 0) {
			t.Errorf("text: %+v", comp)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(got)
	if diff := cmp.Diff([]string{"bad:llm_bad_output", "ok:", "text:"}, got); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
}

// TestGenerateBatchCancelled: a batch that ended without output reports
// no answers and no error.
func TestGenerateBatchCancelled(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithBatchPolls(5))
	c := newClient(t, s, Config{})
	id, err := c.SubmitGenerateBatch(t.Context(), []string{"x"}, []sangbad.CompletionRequest{{Task: "summary", User: enArticle}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.CancelBatch(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	st, done, err := c.GenerateBatchStatus(t.Context(), id)
	if err != nil || !done || st != "cancelled" {
		t.Fatalf("status %q done %v err %v", st, done, err)
	}
	n := 0
	if err := c.GenerateBatchResults(t.Context(), id, nil, func(string, sangbad.Completion, error) { n++ }); err != nil || n != 0 {
		t.Errorf("cancelled batch: %d answers, %v", n, err)
	}
}
