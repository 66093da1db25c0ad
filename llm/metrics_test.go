package llm

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

// series returns every sample of the sangbad_llm_ metrics in reg as
// "name{label=value,...}" -> value (histograms: their sample count), so a
// test can compare the whole set with cmp.Diff.
func series(t *testing.T, reg *prometheus.Registry) map[string]float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	out := map[string]float64{}
	for _, mf := range mfs {
		if !strings.HasPrefix(mf.GetName(), "sangbad_llm_") {
			continue
		}
		for _, m := range mf.GetMetric() {
			var labels []string
			for _, l := range m.GetLabel() {
				labels = append(labels, l.GetName()+"="+l.GetValue())
			}
			sort.Strings(labels)
			key := mf.GetName() + "{" + strings.Join(labels, ",") + "}"
			switch mf.GetType() {
			case dto.MetricType_COUNTER:
				out[key] = m.GetCounter().GetValue()
			case dto.MetricType_GAUGE:
				out[key] = m.GetGauge().GetValue()
			case dto.MetricType_HISTOGRAM:
				out[key] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	return out
}

func TestMetrics(t *testing.T) {
	tests := []struct {
		name    string
		handler llmtest.Handler
		cfg     Config
		cache   bool
		// requests are sent in order; wantErr the error kinds, "" for success.
		requests []Request
		wantErr  []sangbad.Kind
		// want holds the expected series except the token counters, which
		// are compared with the usage the responses report.
		want map[string]float64
	}{
		{
			name:     "successes",
			handler:  llmtest.Echo,
			requests: []Request{summaryRequest(enArticle), summaryRequest(bnArticle)},
			wantErr:  []sangbad.Kind{"", ""},
			want: map[string]float64{
				"sangbad_llm_calls_total{model=stub-model,outcome=ok,task=summary}": 2,
				"sangbad_llm_request_duration_seconds{task=summary}":                2,
				"sangbad_llm_in_flight{}":                                           0,
			},
		},
		{
			name:     "retried then answered",
			handler:  llmtest.Sequence(llmtest.Fixed(llmtest.Error(http.StatusInternalServerError, "boom", "", "")), llmtest.Echo),
			requests: []Request{summaryRequest(enArticle)},
			wantErr:  []sangbad.Kind{""},
			want: map[string]float64{
				"sangbad_llm_calls_total{model=stub-model,outcome=ok,task=summary}": 1,
				"sangbad_llm_retries_total{task=summary}":                           1,
				"sangbad_llm_request_duration_seconds{task=summary}":                1,
				"sangbad_llm_in_flight{}":                                           0,
			},
		},
		{
			name:     "backend down",
			handler:  llmtest.Fixed(llmtest.Error(http.StatusServiceUnavailable, "overloaded", "", "")),
			cfg:      Config{MaxRetries: 2},
			requests: []Request{{Task: TaskTranslate, User: "Translate: hello"}},
			wantErr:  []sangbad.Kind{sangbad.Unavailable},
			want: map[string]float64{
				"sangbad_llm_calls_total{model=stub-model,outcome=error,task=translate}": 1,
				"sangbad_llm_errors_total{kind=unavailable,task=translate}":              1,
				"sangbad_llm_retries_total{task=translate}":                              2,
				"sangbad_llm_request_duration_seconds{task=translate}":                   1,
				"sangbad_llm_in_flight{}":                                                0,
			},
		},
		{
			name:     "bad output",
			handler:  llmtest.Content("not json at all"),
			requests: []Request{{Task: TaskFacts, User: "Facts:\n" + enArticle, Schema: summarySchema}},
			wantErr:  []sangbad.Kind{sangbad.BadOutput},
			want: map[string]float64{
				"sangbad_llm_calls_total{model=stub-model,outcome=error,task=facts}": 1,
				"sangbad_llm_errors_total{kind=bad_output,task=facts}":               1,
				"sangbad_llm_request_duration_seconds{task=facts}":                   1,
				"sangbad_llm_in_flight{}":                                            0,
			},
		},
		{
			name:     "cache",
			handler:  llmtest.Echo,
			cache:    true,
			requests: []Request{summaryRequest(enArticle), summaryRequest(enArticle), {Task: "", User: "hello there."}},
			wantErr:  []sangbad.Kind{"", "", ""},
			want: map[string]float64{
				"sangbad_llm_calls_total{model=stub-model,outcome=ok,task=summary}":     1,
				"sangbad_llm_calls_total{model=stub-model,outcome=cached,task=summary}": 1,
				"sangbad_llm_calls_total{model=stub-model,outcome=ok,task=default}":     1,
				"sangbad_llm_cache_hits_total{task=summary}":                            1,
				"sangbad_llm_cache_misses_total{task=summary}":                          1,
				"sangbad_llm_cache_misses_total{task=default}":                          1,
				"sangbad_llm_request_duration_seconds{task=summary}":                    1,
				"sangbad_llm_request_duration_seconds{task=default}":                    1,
				"sangbad_llm_in_flight{}":                                               0,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := llmtest.NewServer(t, llmtest.WithHandler(tt.handler))
			reg := prometheus.NewRegistry()
			opts := []Option{WithMetrics(reg), WithSleep(func(context.Context, time.Duration) error { return nil })}
			if tt.cache {
				opts = append(opts, WithCache(NewCache(8, 0)))
			}
			c := newClient(t, s, tt.cfg, opts...)
			tokens := map[string]float64{}
			for i, req := range tt.requests {
				resp, err := c.Complete(context.Background(), req)
				if got := kindOf(err); got != tt.wantErr[i] {
					t.Fatalf("request %d: error kind %q, want %q (err %v)", i, got, tt.wantErr[i], err)
				}
				task := taskLabel(req.Task)
				if n := resp.Usage.PromptTokens; n > 0 {
					tokens["sangbad_llm_tokens_total{kind=prompt,model=stub-model,task="+task+"}"] += float64(n)
				}
				if n := resp.Usage.CompletionTokens; n > 0 {
					tokens["sangbad_llm_tokens_total{kind=completion,model=stub-model,task="+task+"}"] += float64(n)
				}
			}
			if tt.wantErr[0] == "" && len(tokens) == 0 {
				t.Fatal("a successful call reported no token usage")
			}
			want := map[string]float64{}
			for k, v := range tt.want {
				want[k] = v
			}
			for k, v := range tokens {
				want[k] = v
			}
			if diff := cmp.Diff(want, series(t, reg)); diff != "" {
				t.Errorf("metrics (-want +got):\n%s", diff)
			}
		})
	}
}

func kindOf(err error) sangbad.Kind {
	if err == nil {
		return ""
	}
	return sangbad.ErrorKind(err)
}

// TestMetricsInFlight holds a call inside the stub and reads the gauge.
func TestMetricsInFlight(t *testing.T) {
	entered := make(chan struct{})
	release := make(chan struct{})
	s := llmtest.NewServer(t, llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		entered <- struct{}{}
		<-release
		return llmtest.Echo(r)
	}))
	reg := prometheus.NewRegistry()
	c := newClient(t, s, Config{}, WithMetrics(reg))
	done := make(chan error, 1)
	go func() {
		_, err := c.Complete(context.Background(), summaryRequest(enArticle))
		done <- err
	}()
	<-entered
	if got := series(t, reg)["sangbad_llm_in_flight{}"]; got != 1 {
		t.Errorf("in flight during the call = %v, want 1", got)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := series(t, reg)["sangbad_llm_in_flight{}"]; got != 0 {
		t.Errorf("in flight after the call = %v, want 0", got)
	}
}

// TestMetricsSharedRegistry: two clients on one registry add up.
func TestMetricsSharedRegistry(t *testing.T) {
	s := llmtest.NewServer(t)
	reg := prometheus.NewRegistry()
	a := newClient(t, s, Config{}, WithMetrics(reg))
	b := newClient(t, s, Config{}, WithMetrics(reg))
	for _, c := range []*Client{a, b} {
		if _, err := c.Complete(context.Background(), summaryRequest(enArticle)); err != nil {
			t.Fatal(err)
		}
	}
	if got := series(t, reg)["sangbad_llm_calls_total{model=stub-model,outcome=ok,task=summary}"]; got != 2 {
		t.Errorf("calls = %v, want 2", got)
	}
}

// TestMetricsConflict: a registry holding another metric of the same name
// makes New fail instead of panicking.
func TestMetricsConflict(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: metricInFlight, Help: "something else"}))
	_, err := New(Config{BaseURL: "http://127.0.0.1:1/v1"}, WithMetrics(reg))
	if got := sangbad.ErrorKind(err); got != sangbad.Internal {
		t.Fatalf("New with a conflicting registry: kind %q (err %v), want internal", got, err)
	}
}

// TestMetricsNotConfigured: calls without a backend count as errors.
func TestMetricsNotConfigured(t *testing.T) {
	reg := prometheus.NewRegistry()
	c, err := New(Config{}, WithMetrics(reg))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Complete(context.Background(), Request{Task: TaskSummary, User: "x"}); sangbad.ErrorKind(err) != sangbad.Unavailable {
		t.Fatalf("error %v, want kind unavailable", err)
	}
	want := map[string]float64{
		"sangbad_llm_calls_total{model=gpt-4o-mini,outcome=error,task=summary}": 1,
		"sangbad_llm_errors_total{kind=unavailable,task=summary}":               1,
		"sangbad_llm_request_duration_seconds{task=summary}":                    1,
		"sangbad_llm_in_flight{}":                                               0,
	}
	if diff := cmp.Diff(want, series(t, reg)); diff != "" {
		t.Errorf("metrics (-want +got):\n%s", diff)
	}
}
