package llm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

var summarySchema = &Schema{Name: "summary", JSON: json.RawMessage(`{
  "type":"object","additionalProperties":false,"required":["sentences"],
  "properties":{"sentences":{"type":"array","minItems":1,"items":{
    "type":"object","additionalProperties":false,"required":["text","sources"],
    "properties":{"text":{"type":"string"},"sources":{"type":"array","items":{"type":"integer"}}}}}}}`)}

const enArticle = "<<<ARTICLE id=N1>>>\n[0] TikTok will invest $840 million in Tokopedia.\n[1] The deal was announced in Jakarta.\n<<<END ARTICLE id=N1>>>"

const bnArticle = "<<<ARTICLE id=N2>>>\n[0] টিকটক টোকোপিডিয়ায় ৮৪ কোটি ডলার বিনিয়োগ করবে।\n[1] জাকার্তায় চুক্তিটি ঘোষণা করা হয়।\n<<<END ARTICLE id=N2>>>"

// sleeper records the waits instead of sleeping.
type sleeper struct {
	mu     sync.Mutex
	delays []time.Duration
}

func (s *sleeper) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.delays = append(s.delays, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeper) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.delays...)
}

func newClient(t testing.TB, s *llmtest.Server, cfg Config, opts ...Option) *Client {
	t.Helper()
	cfg.BaseURL = s.BaseURL()
	if cfg.Model == "" {
		cfg.Model = "stub-model"
	}
	c, err := New(cfg, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func summaryRequest(article string) Request {
	return Request{Task: TaskSummary, System: "Summarise the article.", User: "Summarise:\n" + article, Schema: summarySchema}
}

type summary struct {
	Sentences []struct {
		Text    string `json:"text"`
		Sources []int  `json:"sources"`
	} `json:"sentences"`
}

func TestCompleteBothLanguages(t *testing.T) {
	tests := []struct {
		name, article, wantFirst string
	}{
		{"english", enArticle, "TikTok will invest $840 million in Tokopedia."},
		{"bengali", bnArticle, "টিকটক টোকোপিডিয়ায় ৮৪ কোটি ডলার বিনিয়োগ করবে।"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := llmtest.NewServer(t)
			c := newClient(t, s, Config{Models: map[string]string{TaskSummary: "summary-model"}})
			resp, err := c.Complete(t.Context(), summaryRequest(tt.article))
			if err != nil {
				t.Fatal(err)
			}
			var got summary
			if err := json.Unmarshal(resp.JSON, &got); err != nil {
				t.Fatal(err)
			}
			if len(got.Sentences) == 0 || got.Sentences[0].Text != tt.wantFirst {
				t.Fatalf("summary = %+v, want first sentence %q", got, tt.wantFirst)
			}
			if diff := cmp.Diff([]int{0}, got.Sentences[0].Sources); diff != "" {
				t.Errorf("sources (-want +got):\n%s", diff)
			}
			if resp.Model != "summary-model" || resp.Mode != ModeJSONSchema || resp.Attempts != 1 || resp.Usage.Calls != 1 {
				t.Errorf("model %q mode %q attempts %d calls %d", resp.Model, resp.Mode, resp.Attempts, resp.Usage.Calls)
			}
			if resp.Usage.PromptTokens == 0 || resp.Usage.TotalTokens != resp.Usage.PromptTokens+resp.Usage.CompletionTokens {
				t.Errorf("usage = %+v", resp.Usage)
			}
			reqs := s.Requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			r := reqs[0]
			if r.Model != "summary-model" || r.FormatType() != "json_schema" || !r.ResponseFormat.JSONSchema.Strict || r.ResponseFormat.JSONSchema.Name != "summary" {
				t.Errorf("request model %q format %+v", r.Model, r.ResponseFormat)
			}
			if r.System() != "Summarise the article." || !strings.Contains(r.User(), tt.article) {
				t.Errorf("messages = %+v", r.Messages)
			}
		})
	}
}

func TestCompleteText(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Content("একটি সারাংশ।")))
	c := newClient(t, s, Config{})
	resp, err := c.Complete(t.Context(), Request{User: "hello"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Content != "একটি সারাংশ।" || resp.JSON != nil || resp.Mode != ModeText {
		t.Errorf("resp = %+v", resp)
	}
	if r := s.Requests()[0]; r.ResponseFormat != nil || len(r.Messages) != 1 {
		t.Errorf("text request sent format %+v, messages %+v", r.ResponseFormat, r.Messages)
	}
}

func TestStream(t *testing.T) {
	chunks := []string{`{"sentences":[`, `{"text":"জাকার্তায় `, `চুক্তি।","sources":[1]}`, `]}`}
	s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{Chunks: chunks, PromptTokens: 120, CompletionTokens: 30})))
	c := newClient(t, s, Config{})
	var got []string
	resp, err := c.Stream(t.Context(), summaryRequest(bnArticle), func(d string) { got = append(got, d) })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(chunks, got); diff != "" {
		t.Errorf("deltas (-want +got):\n%s", diff)
	}
	if resp.Content != strings.Join(chunks, "") || string(resp.JSON) != resp.Content {
		t.Errorf("content %q json %s", resp.Content, resp.JSON)
	}
	if diff := cmp.Diff(sangbad.Usage{PromptTokens: 120, CompletionTokens: 30, TotalTokens: 150, Calls: 1}, resp.Usage); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
	r := s.Requests()[0]
	if !r.Stream || r.StreamOptions == nil || !r.StreamOptions.IncludeUsage {
		t.Errorf("stream request: stream %v options %+v", r.Stream, r.StreamOptions)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		name       string
		header     string
		wantDelay  time.Duration
		wantKind   sangbad.Kind // "" for success
		wantRetryA time.Duration
	}{
		{"seconds", "2", 2 * time.Second, "", 0},
		{"fraction", "0.25", 250 * time.Millisecond, "", 0},
		{"http date", now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second, "", 0},
		{"too long", "3600", 0, sangbad.RateLimited, time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Sequence(
				llmtest.Fixed(llmtest.RateLimited(tt.header)), llmtest.Echo)))
			sl := &sleeper{}
			c := newClient(t, s, Config{}, WithSleep(sl.sleep), WithClock(func() time.Time { return now }))
			resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
			if tt.wantKind != "" {
				var e *sangbad.Error
				if !errors.As(err, &e) || e.Kind != tt.wantKind || e.RetryAfter != tt.wantRetryA {
					t.Fatalf("error = %#v, want kind %s retry after %s", err, tt.wantKind, tt.wantRetryA)
				}
				if len(sl.got()) != 0 || resp.Usage.Calls != 1 {
					t.Errorf("waited %v, calls %d: want no wait and 1 call", sl.got(), resp.Usage.Calls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]time.Duration{tt.wantDelay}, sl.got()); diff != "" {
				t.Errorf("waits (-want +got):\n%s", diff)
			}
			if resp.Attempts != 2 || resp.Usage.Calls != 2 || s.Calls() != 2 {
				t.Errorf("attempts %d calls %d server calls %d, want 2", resp.Attempts, resp.Usage.Calls, s.Calls())
			}
		})
	}
}

func TestServerErrorsRetried(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Sequence(
		llmtest.Fixed(llmtest.Error(500, "boom", "server_error", "")),
		llmtest.Fixed(llmtest.Error(503, "overloaded", "server_error", "")),
		llmtest.Echo)))
	sl := &sleeper{}
	c := newClient(t, s, Config{}, WithSleep(sl.sleep), WithRandom(func() float64 { return 0.5 }),
		WithBackoff(100*time.Millisecond, time.Second, time.Minute))
	resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
	if err != nil {
		t.Fatal(err)
	}
	// Full jitter: random (0.5 here) times 100ms, 200ms, ...
	if diff := cmp.Diff([]time.Duration{50 * time.Millisecond, 100 * time.Millisecond}, sl.got()); diff != "" {
		t.Errorf("backoff (-want +got):\n%s", diff)
	}
	if resp.Attempts != 3 || resp.Usage.Calls != 3 {
		t.Errorf("attempts %d calls %d, want 3", resp.Attempts, resp.Usage.Calls)
	}
}

func TestRetriesExhausted(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Error(502, "bad gateway", "", ""))))
	sl := &sleeper{}
	c := newClient(t, s, Config{MaxRetries: 2}, WithSleep(sl.sleep))
	resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
	if sangbad.ErrorKind(err) != sangbad.Unavailable || sangbad.ErrorCode(err) != "llm_unavailable" {
		t.Fatalf("error = %v, want unavailable", err)
	}
	if s.Calls() != 3 || resp.Usage.Calls != 3 || len(sl.got()) != 2 {
		t.Errorf("server calls %d, usage calls %d, waits %d; want 3, 3, 2", s.Calls(), resp.Usage.Calls, len(sl.got()))
	}
}

func TestTimeout(t *testing.T) {
	t.Run("every attempt too slow", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{Content: "late", Delay: 10 * time.Second})))
		sl := &sleeper{}
		c := newClient(t, s, Config{Timeout: 20 * time.Millisecond, MaxRetries: 1}, WithSleep(sl.sleep))
		resp, err := c.Complete(t.Context(), Request{User: "x"})
		if sangbad.ErrorKind(err) != sangbad.Timeout || sangbad.ErrorCode(err) != "llm_timeout" {
			t.Fatalf("error = %v, want timeout", err)
		}
		if resp.Attempts != 2 || resp.Usage.Calls != 2 {
			t.Errorf("attempts %d calls %d, want 2", resp.Attempts, resp.Usage.Calls)
		}
	})
	t.Run("slow then fast", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Sequence(
			llmtest.Fixed(llmtest.Reply{Content: "late", Delay: 10 * time.Second}), llmtest.Content("on time"))))
		c := newClient(t, s, Config{Timeout: 20 * time.Millisecond}, WithSleep((&sleeper{}).sleep))
		resp, err := c.Complete(t.Context(), Request{User: "x"})
		if err != nil || resp.Content != "on time" {
			t.Fatalf("resp %q err %v", resp.Content, err)
		}
	})
	t.Run("caller deadline", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{Content: "late", Delay: 10 * time.Second})))
		c := newClient(t, s, Config{})
		ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
		defer cancel()
		_, err := c.Complete(ctx, Request{User: "x"})
		if sangbad.ErrorKind(err) != sangbad.Timeout {
			t.Fatalf("error = %v, want timeout", err)
		}
		if s.Calls() != 1 {
			t.Errorf("%d calls after the caller's deadline, want 1", s.Calls())
		}
	})
}

func TestInvalidOutput(t *testing.T) {
	valid := `{"sentences":[{"text":"TikTok will invest.","sources":[0]}]}`
	tests := []struct {
		name        string
		replies     []string
		wantErr     bool
		wantFixes   int
		wantInvalid string
	}{
		{"valid", []string{valid}, false, 0, ""},
		{"fenced with trailing comma", []string{"Here it is:\n```json\n{\"sentences\":[{\"text\":\"a\",\"sources\":[0,],},],}\n```"}, false, 0, ""},
		{"prose then repaired", []string{"Sure! TikTok invests.", valid}, false, 1, "Sure! TikTok invests."},
		{"wrong shape then repaired", []string{`{"summary":"x"}`, valid}, false, 1, `{"summary":"x"}`},
		{"invalid twice", []string{"nope", `{"sentences":[]}`}, true, 1, `{"sentences":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var hs []llmtest.Handler
			for _, r := range tt.replies {
				hs = append(hs, llmtest.Content(r))
			}
			s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Sequence(hs...)))
			c := newClient(t, s, Config{})
			resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
			if resp.Fixes != tt.wantFixes || resp.LastInvalid != tt.wantInvalid {
				t.Errorf("fixes %d last invalid %q, want %d %q", resp.Fixes, resp.LastInvalid, tt.wantFixes, tt.wantInvalid)
			}
			if tt.wantErr {
				var oe *OutputError
				if sangbad.ErrorKind(err) != sangbad.BadOutput || !errors.As(err, &oe) || oe.Output != tt.wantInvalid {
					t.Fatalf("error = %v, want bad output carrying the last answer", err)
				}
				if !strings.Contains(oe.Problem, "at least 1 items") {
					t.Errorf("problem = %q", oe.Problem)
				}
				if resp.Usage.Calls != 2 {
					t.Errorf("calls = %d, want 2 (bounded)", resp.Usage.Calls)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := Validate(summarySchema.JSON, resp.JSON); err != nil {
				t.Errorf("returned JSON invalid: %v", err)
			}
			if tt.wantFixes > 0 {
				second := s.Requests()[1]
				n := len(second.Messages)
				if second.Messages[n-2].Role != "assistant" || second.Messages[n-2].Content != tt.replies[0] {
					t.Errorf("fix round does not show the invalid answer: %+v", second.Messages)
				}
				if !strings.Contains(second.User(), "not valid") {
					t.Errorf("fix round does not give the validation error: %q", second.User())
				}
			}
		})
	}
}

func TestTruncated(t *testing.T) {
	t.Run("json", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{Content: `{"sentences":[{"text":"TikTok wi`, FinishReason: "length"})))
		c := newClient(t, s, Config{MaxTokens: 10})
		resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
		var oe *OutputError
		if sangbad.ErrorCode(err) != "llm_output_truncated" || !errors.As(err, &oe) || !oe.Truncated {
			t.Fatalf("error = %v, want llm_output_truncated", err)
		}
		if !resp.Truncated || resp.LastInvalid == "" || s.Calls() != 1 {
			t.Errorf("truncated %v last invalid %q calls %d", resp.Truncated, resp.LastInvalid, s.Calls())
		}
		if s.Requests()[0].MaxTokens != 10 {
			t.Errorf("max_tokens = %d, want 10", s.Requests()[0].MaxTokens)
		}
	})
	t.Run("text", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{Content: "The minister said", FinishReason: "length"})))
		c := newClient(t, s, Config{})
		resp, err := c.Complete(t.Context(), Request{User: "x"})
		if err != nil || !resp.Truncated || resp.FinishReason != "length" {
			t.Fatalf("resp %+v err %v, want truncated", resp, err)
		}
	})
}

func TestOutputModeFallback(t *testing.T) {
	tests := []struct {
		name      string
		opts      []llmtest.Option
		wantModes []string // response_format of each server request, "" for none
		wantMode  string
	}{
		{"json_schema supported", nil, []string{"json_schema", "json_schema"}, ModeJSONSchema},
		{"no json_schema", []llmtest.Option{llmtest.WithoutJSONSchema()}, []string{"json_schema", "json_object", "json_object"}, ModeJSONObject},
		{"no response_format at all", []llmtest.Option{llmtest.WithoutJSONSchema(), llmtest.WithoutJSONObject()},
			[]string{"json_schema", "json_object", "", ""}, ModeText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := llmtest.NewServer(t, tt.opts...)
			c := newClient(t, s, Config{})
			for range 2 {
				resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
				if err != nil {
					t.Fatal(err)
				}
				if resp.Mode != tt.wantMode {
					t.Errorf("mode = %q, want %q", resp.Mode, tt.wantMode)
				}
			}
			var got []string
			for _, r := range s.Requests() {
				got = append(got, r.FormatType())
				if r.FormatType() != "json_schema" && !strings.Contains(r.System(), `"sentences"`) {
					t.Errorf("%s request without the schema in the system message", r.FormatType())
				}
			}
			if diff := cmp.Diff(tt.wantModes, got); diff != "" {
				t.Errorf("formats sent (-want +got):\n%s", diff)
			}
			if c.OutputMode() != tt.wantMode {
				t.Errorf("OutputMode() = %q", c.OutputMode())
			}
		})
	}
	t.Run("fixed mode not supported", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithoutJSONSchema())
		c := newClient(t, s, Config{OutputMode: ModeJSONSchema})
		_, err := c.Complete(t.Context(), summaryRequest(enArticle))
		if sangbad.ErrorCode(err) != "llm_output_mode_unsupported" || !strings.Contains(sangbad.ErrorMessage(err), "SANGBAD_LLM_OUTPUT_MODE") {
			t.Fatalf("error = %v", err)
		}
	})
	t.Run("schema silently ignored", func(t *testing.T) {
		// Like Ollama or llama.cpp: json_schema accepted, the model answers
		// prose around JSON that misses a field; validation catches it.
		s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Sequence(
			llmtest.Content("The summary:\n{\"sentences\":[{\"text\":\"x\"}]}"),
			llmtest.Content("{\"sentences\":[{\"text\":\"x\",\"sources\":[0]}]}"))))
		c := newClient(t, s, Config{})
		resp, err := c.Complete(t.Context(), summaryRequest(enArticle))
		if err != nil {
			t.Fatal(err)
		}
		if resp.Fixes != 1 || !strings.Contains(s.Requests()[1].User(), `missing required property \"sources\"`) && !strings.Contains(s.Requests()[1].User(), `missing required property "sources"`) {
			t.Errorf("fixes %d, fix message %q", resp.Fixes, s.Requests()[1].User())
		}
	})
}

func TestCancellation(t *testing.T) {
	for _, stream := range []bool{false, true} {
		t.Run(fmt.Sprint("stream=", stream), func(t *testing.T) {
			arrived := make(chan struct{}, 1)
			s := llmtest.NewServer(t, llmtest.WithHandler(func(llmtest.Request) llmtest.Reply {
				arrived <- struct{}{}
				return llmtest.Reply{Content: "late", Delay: time.Minute}
			}))
			c := newClient(t, s, Config{})
			ctx, cancel := context.WithCancel(t.Context())
			go func() {
				<-arrived
				cancel()
			}()
			var err error
			if stream {
				_, err = c.Stream(ctx, Request{User: "x"}, func(string) {})
			} else {
				_, err = c.Complete(ctx, Request{User: "x"})
			}
			if sangbad.ErrorKind(err) != sangbad.Canceled {
				t.Fatalf("error = %v, want canceled", err)
			}
			if s.Calls() != 1 {
				t.Errorf("%d calls, want 1 (no retry after cancellation)", s.Calls())
			}
		})
	}
}

func TestStreamCanceledMidway(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(llmtest.Reply{
		Chunks: []string{"one ", "two ", "three"}, ChunkDelay: time.Minute})))
	c := newClient(t, s, Config{})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var got []string
	_, err := c.Stream(ctx, Request{User: "x"}, func(d string) {
		got = append(got, d)
		cancel()
	})
	if sangbad.ErrorKind(err) != sangbad.Canceled || len(got) != 1 {
		t.Fatalf("error %v after deltas %q, want canceled after the first", err, got)
	}
}

func TestConcurrencyLimit(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithLatency(20*time.Millisecond))
	c := newClient(t, s, Config{MaxConcurrent: 3})
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for range 12 {
		wg.Go(func() {
			_, err := c.Complete(t.Context(), summaryRequest(enArticle))
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := s.MaxInFlight(); got > 3 || got < 1 {
		t.Errorf("max in flight = %d, want 1..3", got)
	}
	if s.Calls() != 12 {
		t.Errorf("calls = %d, want 12", s.Calls())
	}
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name     string
		reply    llmtest.Reply
		wantKind sangbad.Kind
		wantCode string
		wantMsg  string // part of the client-safe message
		calls    int
	}{
		{"401", llmtest.Error(401, "Incorrect API key provided", "invalid_request_error", "invalid_api_key"), sangbad.Unauthorized, "llm_unauthorized", "OPENAI_API_KEY", 1},
		{"403", llmtest.Error(403, "forbidden", "", ""), sangbad.Unauthorized, "llm_unauthorized", "OPENAI_API_KEY", 1},
		{"404 model", llmtest.Error(404, "The model `gpt-9` does not exist", "invalid_request_error", "model_not_found"), sangbad.Unavailable, "llm_model_not_found", `"stub-model"`, 1},
		{"context length", llmtest.Error(400, "This model's maximum context length is 8192 tokens", "invalid_request_error", "context_length_exceeded"), sangbad.TooLarge, "llm_context_length", "too long", 1},
		{"quota", llmtest.Error(429, "You exceeded your current quota", "insufficient_quota", "insufficient_quota"), sangbad.RateLimited, "llm_rate_limited", "quota", 1},
		{"bad request", llmtest.Error(400, "temperature too high", "invalid_request_error", ""), sangbad.Invalid, "llm_bad_request", "rejected", 1},
		{"plain text 502", llmtest.Reply{Status: 502}, sangbad.Unavailable, "llm_unavailable", "HTTP 502", 4},
		{"dropped connection", llmtest.Reply{Hijack: true}, sangbad.Unavailable, "llm_unreachable", "OPENAI_BASE_URL", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := llmtest.NewServer(t, llmtest.WithHandler(llmtest.Fixed(tt.reply)))
			c := newClient(t, s, Config{}, WithSleep((&sleeper{}).sleep))
			resp, err := c.Complete(t.Context(), Request{User: "x"})
			if sangbad.ErrorKind(err) != tt.wantKind || sangbad.ErrorCode(err) != tt.wantCode {
				t.Fatalf("error = %v (kind %s code %s), want %s %s", err, sangbad.ErrorKind(err), sangbad.ErrorCode(err), tt.wantKind, tt.wantCode)
			}
			if !strings.Contains(sangbad.ErrorMessage(err), tt.wantMsg) {
				t.Errorf("message %q does not contain %q", sangbad.ErrorMessage(err), tt.wantMsg)
			}
			if resp.Usage.Calls != tt.calls {
				t.Errorf("calls = %d, want %d", resp.Usage.Calls, tt.calls)
			}
		})
	}
	t.Run("connection refused", func(t *testing.T) {
		s := llmtest.NewServer(t)
		base := s.BaseURL()
		s.Close()
		c, err := New(Config{BaseURL: base, MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Complete(t.Context(), Request{User: "x"})
		if sangbad.ErrorKind(err) != sangbad.Unavailable || !strings.Contains(sangbad.ErrorMessage(err), base) {
			t.Fatalf("error = %v, want unavailable naming %s", err, base)
		}
	})
}

func TestNotConfigured(t *testing.T) {
	c, err := New(ConfigFromEnv(env(nil)))
	if err != nil {
		t.Fatal(err)
	}
	if c.Configured() {
		t.Error("Configured() = true without base URL or key")
	}
	for _, call := range []func() error{
		func() error { _, err := c.Complete(t.Context(), Request{User: "x"}); return err },
		func() error { _, err := c.Stream(t.Context(), Request{User: "x"}, nil); return err },
		func() error { _, err := c.Check(t.Context()); return err },
	} {
		err := call()
		if sangbad.ErrorKind(err) != sangbad.Unavailable || sangbad.ErrorCode(err) != "llm_not_configured" {
			t.Fatalf("error = %v, want llm_not_configured", err)
		}
		msg := sangbad.ErrorMessage(err)
		if !strings.Contains(msg, "OPENAI_BASE_URL") || !strings.Contains(msg, "OPENAI_API_KEY") {
			t.Errorf("message %q must name the settings", msg)
		}
	}
}

func TestAPIKeyAndAzure(t *testing.T) {
	t.Run("openai bearer", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithAPIKey("sk-test"))
		c := newClient(t, s, Config{APIKey: "sk-test"})
		if _, err := c.Complete(t.Context(), Request{User: "x"}); err != nil {
			t.Fatal(err)
		}
		wrong := newClient(t, s, Config{APIKey: "sk-wrong"})
		if _, err := wrong.Complete(t.Context(), Request{User: "x"}); sangbad.ErrorKind(err) != sangbad.Unauthorized {
			t.Fatalf("error = %v, want unauthorized", err)
		}
	})
	t.Run("azure", func(t *testing.T) {
		s := llmtest.NewServer(t, llmtest.WithAPIKey("az-key"))
		c, err := New(Config{APIType: APITypeAzure, BaseURL: s.URL(), APIKey: "az-key", Model: "my-gpt4o"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Complete(t.Context(), summaryRequest(enArticle)); err != nil {
			t.Fatal(err)
		}
		r := s.Requests()[0]
		if r.Path != "/openai/deployments/my-gpt4o/chat/completions" || r.Header.Get("api-key") != "az-key" {
			t.Errorf("path %q api-key %q", r.Path, r.Header.Get("api-key"))
		}
	})
}

func TestCheck(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithModels("a", "b"))
	c := newClient(t, s, Config{})
	got, err := c.Check(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, got); diff != "" {
		t.Errorf("models (-want +got):\n%s", diff)
	}
}

func TestCache(t *testing.T) {
	s := llmtest.NewServer(t)
	cache := NewCache(10, time.Hour)
	c := newClient(t, s, Config{}, WithCache(cache))
	req := summaryRequest(enArticle)
	req.PromptVersion = "summary-abc"
	first, err := c.Complete(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	// Different white space, same request.
	req2 := req
	req2.User = strings.ReplaceAll(req.User, "\n", "\n  ")
	second, err := c.Complete(t.Context(), req2)
	if err != nil {
		t.Fatal(err)
	}
	if s.Calls() != 1 || first.Cached || !second.Cached || string(second.JSON) != string(first.JSON) || second.Usage.Calls != 0 {
		t.Errorf("calls %d, cached %v/%v, usage %+v", s.Calls(), first.Cached, second.Cached, second.Usage)
	}
	var deltas []string
	if _, err := c.Stream(t.Context(), req, func(d string) { deltas = append(deltas, d) }); err != nil || len(deltas) != 1 || deltas[0] != first.Content {
		t.Errorf("cached stream deltas %q err %v", deltas, err)
	}
	// Anything that changes the answer misses.
	for _, change := range []func(*Request){
		func(r *Request) { r.PromptVersion = "summary-def" },
		func(r *Request) { r.Task = TaskTranslate },
		func(r *Request) { r.User += " more" },
		func(r *Request) { r.MaxTokens = 5 },
		func(r *Request) { r.CacheKey = "article-hash" },
	} {
		r := req
		change(&r)
		resp, err := c.Complete(t.Context(), r)
		if err != nil || resp.Cached {
			t.Errorf("changed request answered from cache (err %v)", err)
		}
	}
	// A cache key replaces the messages (prompts carry a random nonce).
	keyed := req
	keyed.CacheKey, keyed.User = "article-hash", "other nonce"
	if resp, err := c.Complete(t.Context(), keyed); err != nil || !resp.Cached {
		t.Errorf("same cache key not answered from cache (err %v)", err)
	}
}

func TestCacheLRUAndTTL(t *testing.T) {
	now := time.Unix(0, 0)
	c := NewCache(2, time.Minute)
	c.now = func() time.Time { return now }
	c.Put("a", Response{Content: "A"})
	c.Put("b", Response{Content: "B"})
	if _, ok := c.Get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.Put("c", Response{Content: "C"}) // evicts b
	if _, ok := c.Get("b"); ok {
		t.Error("b not evicted")
	}
	if r, ok := c.Get("a"); !ok || r.Content != "A" {
		t.Error("a evicted instead of b")
	}
	now = now.Add(time.Minute)
	if _, ok := c.Get("c"); ok {
		t.Error("c not expired after its TTL")
	}
	if c.Len() != 1 {
		t.Errorf("Len = %d, want 1", c.Len())
	}
	if hits, misses := c.Stats(); hits != 2 || misses != 2 {
		t.Errorf("stats %d/%d, want 2/2", hits, misses)
	}
}

func TestDiagnostics(t *testing.T) {
	r := Response{Attempts: 3, Fixes: 1, LastInvalid: "x", Mode: ModeJSONObject}
	want := &sangbad.Diagnostics{Attempts: 3, RepairRounds: 1, LastInvalid: "x", OutputMode: ModeJSONObject}
	if diff := cmp.Diff(want, r.Diagnostics()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReasoningModelParameters(t *testing.T) {
	s := llmtest.NewServer(t)
	c := newClient(t, s, Config{Model: "o3-mini", MaxTokens: 500})
	if _, err := c.Complete(t.Context(), summaryRequest(enArticle)); err != nil {
		t.Fatal(err)
	}
	r := s.Requests()[0]
	if r.MaxTokens != 0 || r.MaxCompletionTokens != 500 || r.Temperature != 0 {
		t.Errorf("max_tokens %d max_completion_tokens %d temperature %v", r.MaxTokens, r.MaxCompletionTokens, r.Temperature)
	}
}

func TestStreamRetriedBeforeFirstDelta(t *testing.T) {
	s := llmtest.NewServer(t, llmtest.WithoutJSONSchema(), llmtest.WithHandler(llmtest.Sequence(
		llmtest.Fixed(llmtest.Error(503, "loading model", "", "")), llmtest.Echo)))
	sl := &sleeper{}
	c := newClient(t, s, Config{}, WithSleep(sl.sleep))
	var got strings.Builder
	resp, err := c.Stream(t.Context(), Request{User: enArticle, Schema: summarySchema}, FieldText("text", " ", func(d string) { got.WriteString(d) }))
	if err != nil {
		t.Fatal(err)
	}
	if want := "TikTok will invest $840 million in Tokopedia. The deal was announced in Jakarta."; got.String() != want {
		t.Errorf("streamed text %q, want %q", got.String(), want)
	}
	// 400 on json_schema, then 503 and a retry in json_object mode.
	var formats []string
	for _, r := range s.Requests() {
		formats = append(formats, r.FormatType())
	}
	if diff := cmp.Diff([]string{"json_schema", "json_object", "json_object"}, formats); diff != "" {
		t.Errorf("formats (-want +got):\n%s", diff)
	}
	if resp.Usage.Calls != 3 || len(sl.got()) != 1 {
		t.Errorf("calls %d waits %v", resp.Usage.Calls, sl.got())
	}
	// Without a system message the schema instruction gets one of its own.
	if r := s.Requests()[1]; r.Messages[0].Role != "system" || !strings.Contains(r.System(), "JSON schema") {
		t.Errorf("json_object request without schema instruction: %+v", r.Messages)
	}
}
