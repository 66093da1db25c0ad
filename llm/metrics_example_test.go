package llm_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
)

func ExampleWithMetrics() {
	srv := llmtest.Start() // a stub OpenAI-compatible server
	defer srv.Close()
	// The registry /metrics serves; every client given it adds to the same
	// sangbad_llm_* metrics.
	reg := prometheus.NewRegistry()
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "stub-model"}, llm.WithMetrics(reg))
	if err != nil {
		panic(err)
	}
	for range 2 {
		if _, err := c.Complete(context.Background(), llm.Request{Task: llm.TaskSummary, User: "Dhaka is the capital."}); err != nil {
			panic(err)
		}
	}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, line := range strings.Split(rec.Body.String(), "\n") {
		if strings.HasPrefix(line, "sangbad_llm_calls_total") || strings.HasPrefix(line, "sangbad_llm_in_flight ") {
			fmt.Println(line)
		}
	}
	// Output:
	// sangbad_llm_calls_total{model="stub-model",outcome="ok",task="summary"} 2
	// sangbad_llm_in_flight 0
}
