package llm_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
)

func TestGenerateRoundTrip(t *testing.T) {
	srv := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Content(`{"answer":"৮৪০ মিলিয়ন ডলার"}`)))
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "m"})
	if err != nil {
		t.Fatal(err)
	}
	schema := json.RawMessage(`{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"],"additionalProperties":false}`)
	got, err := c.Generate(context.Background(), sangbad.CompletionRequest{Task: "summary", System: "s", User: "u", SchemaName: "answer", Schema: schema})
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Answer string }
	if err := json.Unmarshal(got.JSON, &v); err != nil {
		t.Fatalf("JSON %q: %v", got.JSON, err)
	}
	if v.Answer != "৮৪০ মিলিয়ন ডলার" {
		t.Errorf("answer = %q", v.Answer)
	}
	if got.Model != "m" || got.Usage.Calls != 1 || got.Diagnostics.Attempts != 1 {
		t.Errorf("model %q usage %+v diagnostics %+v", got.Model, got.Usage, got.Diagnostics)
	}
}
