package loadtest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/web"
)

// Phases of the fault test: the LLM backend is up, down, then up again on
// the same port.
const (
	faultWorkers   = 32
	faultUp        = 3 * time.Second
	faultDown      = 3 * time.Second
	faultRecovered = 4 * time.Second
	// faultSettle is the time after the restart during which requests that
	// started in the outage may still be finishing their retries.
	faultSettle = time.Second
	// faultClientTimeout bounds every request: an answer later than this
	// counts as a hang.
	faultClientTimeout = 15 * time.Second
)

// verdict classifies one answer of the fault test.
type verdict int

const (
	// llmOK: 200 with an LLM summary in every requested language.
	llmOK verdict = iota
	// degraded: 200 with the extractive fallback (and a warning) or a
	// summary that carries a JSON error with a code.
	degraded
	// cleanError: a non-200 JSON error with a code (not 500).
	cleanError
	// broken: no answer, a reset, a 500, or a body that is none of these.
	broken
)

func (v verdict) String() string {
	return [...]string{"llm ok", "degraded", "clean error", "broken"}[v]
}

// record is one request of the fault test, timed from the start of load.
type record struct {
	start, end time.Duration
	answer     answer
	verdict    verdict
	why        string
}

// judge classifies an answer to an analyze request for languages.
func judge(a answer, languages []string) (verdict, string) {
	switch {
	case a.err != nil:
		return broken, "no answer: " + a.err.Error()
	case a.status == http.StatusInternalServerError:
		return broken, "500: " + string(a.body)
	case a.status != http.StatusOK && a.code == "":
		return broken, fmt.Sprintf("status %d without a JSON error code: %.200s", a.status, a.body)
	case a.status != http.StatusOK:
		return cleanError, fmt.Sprintf("%d %s", a.status, a.code)
	}
	var an sangbad.Analysis
	if err := json.Unmarshal(a.body, &an); err != nil {
		return broken, "200 with a body that is not an analysis: " + err.Error()
	}
	v := llmOK
	for _, l := range languages {
		s, ok := an.Summaries[l]
		switch {
		case !ok:
			return broken, "no summary in " + l
		case s.Error == nil && s.Method == sangbad.MethodLLM && s.Text != "":
		case s.Error != nil && s.Error.Code != "":
			v = degraded
		case s.Method == sangbad.MethodExtractive && s.Text != "" && hasWarning(an.Warnings, "LLM summary in "+l+" failed"):
			v = degraded
		default:
			return broken, fmt.Sprintf("summary in %s is neither an LLM summary, a fallback with a warning nor an error: method %q, text %q, warnings %q", l, s.Method, s.Text, an.Warnings)
		}
	}
	return v, ""
}

func hasWarning(ws []string, prefix string) bool {
	for _, w := range ws {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}

// TestLLMBackendDiesAndRecovers drives concurrent analyses through the real
// service while the LLM backend is killed (every connection dropped, the
// port closed) and, three seconds later, started again on the same port.
// Every request must get an answer; during the outage the answers are
// degraded successes or clean JSON errors, never 500s or resets; after the
// restart the service uses the LLM again by itself; nothing leaks.
func TestLLMBackendDiesAndRecovers(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) }) // runs last

	stub, err := StartStub("127.0.0.1:0", llmtest.WithLatency(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	addr := stub.Addr()
	var mu sync.Mutex
	current := stub
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if current != nil {
			current.Close()
		}
	})
	svc := startService(t, llmSettings{baseURL: stub.BaseURL(), timeout: 5 * time.Second, maxRetries: 2}, web.Config{})
	client := newClient(t, faultClientTimeout)
	languages := []string{"en", "bn"}
	bodies := [][]byte{
		analyzeBody(t, fixture(t, "article_en.txt"), languages, "auto"),
		analyzeBody(t, fixture(t, "article_bn.txt"), languages, "auto"),
	}

	t0 := time.Now()
	wait := drive(t0, client, svc.url+"/v1/analyze", bodies, languages, faultWorkers, faultUp+faultDown+faultRecovered)

	time.Sleep(faultUp)
	killedAt := time.Since(t0)
	mu.Lock()
	current.Close()
	current = nil
	mu.Unlock()
	time.Sleep(faultDown)
	restarted, err := restartStub(addr)
	if err != nil {
		wait()
		t.Fatalf("restart the stub on %s: %v", addr, err)
	}
	restartedAt := time.Since(t0)
	mu.Lock()
	current = restarted
	mu.Unlock()
	records := wait()

	counts := map[string]map[verdict]int{}
	count := func(phase string, v verdict) {
		if counts[phase] == nil {
			counts[phase] = map[verdict]int{}
		}
		counts[phase][v]++
	}
	for _, r := range records {
		phase := "spanning"
		switch {
		case r.end < killedAt:
			phase = "before"
		case r.start >= killedAt && r.end < restartedAt:
			phase = "outage"
		case r.start >= restartedAt+faultSettle:
			phase = "after"
		}
		count(phase, r.verdict)
		if r.verdict == broken {
			t.Errorf("request at %v-%v (%s): %s", r.start.Round(time.Millisecond), r.end.Round(time.Millisecond), phase, r.why)
			continue
		}
		switch phase {
		case "before", "after":
			if r.verdict != llmOK {
				t.Errorf("request at %v-%v with the backend up: %s (%s)", r.start.Round(time.Millisecond), r.end.Round(time.Millisecond), r.verdict, r.why)
			}
		case "outage":
			if r.verdict == llmOK {
				t.Errorf("request at %v-%v got LLM summaries while the backend was down", r.start.Round(time.Millisecond), r.end.Round(time.Millisecond))
			}
		}
	}
	t.Logf("%d requests; killed at %v, restarted at %v; verdicts by phase: %v", len(records), killedAt.Round(time.Millisecond), restartedAt.Round(time.Millisecond), counts)
	for _, phase := range []string{"before", "outage", "after"} {
		n := 0
		for _, c := range counts[phase] {
			n += c
		}
		if n == 0 {
			t.Errorf("no request completed %s the outage; the test proves nothing about that phase", phase)
		}
	}
	if counts["outage"][degraded]+counts["outage"][cleanError] == 0 {
		t.Error("no degraded answer during the outage")
	}
	if got := restarted.Backend().Calls(); got == 0 {
		t.Error("the restarted backend received no call")
	}
	svc.llmTransport.CloseIdleConnections()
}

// drive starts workers goroutines that post the bodies in turn until d has
// passed since t0; the returned func waits for them and returns what each
// request got, timed from t0.
func drive(t0 time.Time, client *http.Client, url string, bodies [][]byte, languages []string, workers int, d time.Duration) func() []record {
	var (
		mu      sync.Mutex
		records []record
		wg      sync.WaitGroup
	)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; time.Since(t0) < d; i++ {
				start := time.Since(t0)
				a := post(context.Background(), client, url, bodies[i%len(bodies)])
				r := record{start: start, end: time.Since(t0), answer: a}
				r.verdict, r.why = judge(a, languages)
				mu.Lock()
				records = append(records, r)
				mu.Unlock()
			}
		}()
	}
	return func() []record {
		wg.Wait()
		return records
	}
}

// restartStub starts a new stub on addr, retrying briefly while the port
// is still being released.
func restartStub(addr string) (*Stub, error) {
	var err error
	for range 50 {
		var s *Stub
		if s, err = StartStub(addr, llmtest.WithLatency(50*time.Millisecond)); err == nil {
			return s, nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil, err
}

// TestShutdownFinishesInFlight starts an analysis whose LLM calls are slow,
// shuts the server down while it runs, and checks that the request is
// answered in full, that new connections are refused meanwhile, and that
// Shutdown returns cleanly.
func TestShutdownFinishesInFlight(t *testing.T) {
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })

	stub, err := StartStub("127.0.0.1:0", llmtest.WithLatency(700*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stub.Close)
	svc := startService(t, llmSettings{baseURL: stub.BaseURL(), timeout: 5 * time.Second, maxRetries: 0}, web.Config{})
	client := newClient(t, 20*time.Second)
	body := analyzeBody(t, fixture(t, "article_en.txt"), []string{"en"}, "required")

	got := make(chan answer, 1)
	go func() { got <- post(context.Background(), client, svc.url+"/v1/analyze", body) }()
	for stub.Backend().Calls() == 0 {
		select {
		case a := <-got:
			t.Fatalf("the request ended before reaching the LLM: %d %s", a.status, a.body)
		case <-time.After(10 * time.Millisecond):
		}
	}

	shutdownErr := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		shutdownErr <- svc.srv.Shutdown(ctx)
	}()
	// The listener closes at once: new connections are refused while the
	// request in flight goes on.
	host := strings.TrimPrefix(svc.url, "http://")
	refused := false
	for range 200 {
		c, err := net.DialTimeout("tcp", host, time.Second)
		if err != nil {
			refused = true
			break
		}
		c.Close()
		time.Sleep(5 * time.Millisecond)
	}
	if !refused {
		t.Error("the server still accepts connections after Shutdown began")
	}

	a := <-got
	if v, why := judge(a, []string{"en"}); v != llmOK {
		t.Fatalf("in-flight request: %s %s (status %d)", v, why, a.status)
	}
	if err := <-shutdownErr; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	if calls := stub.Backend().Calls(); calls < 2 {
		t.Errorf("the stub saw %d calls, want the facts and the summary call", calls)
	}
	if err := <-svc.done; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve returned %v, want ErrServerClosed", err)
	}
	svc.done <- http.ErrServerClosed // for the cleanup, which shuts down again
}

// TestLLMBackendMisbehaves drives load against a backend that stays up but
// misbehaves: it never answers, or it fails the first attempt of every call
// (a 500, a 429 with Retry-After-Ms, a dropped connection). Every request
// must be answered; failures the client can retry through must not reach
// the caller.
func TestLLMBackendMisbehaves(t *testing.T) {
	// firstAttemptFails answers bad to the first attempt of every call (a
	// retry repeats the call's messages; prompts carry a random nonce, so
	// different calls never share them) and Echo to the retry.
	firstAttemptFails := func(bad llmtest.Reply) llmtest.Handler {
		var mu sync.Mutex
		seen := map[string]bool{}
		return func(r llmtest.Request) llmtest.Reply {
			var key strings.Builder
			for _, m := range r.Messages {
				key.WriteString(m.Role + "\x00" + m.Content + "\x00")
			}
			mu.Lock()
			first := !seen[key.String()]
			seen[key.String()] = true
			mu.Unlock()
			if first {
				return bad
			}
			return llmtest.Echo(r)
		}
	}
	rateLimited := llmtest.RateLimited("")
	rateLimited.Header = http.Header{"Retry-After-Ms": {"30"}}
	tests := []struct {
		name    string
		handler llmtest.Handler
		// timeout is the LLM client's per-attempt timeout.
		timeout time.Duration
		// want is the verdict every request must get; wantCode, when set,
		// must be the error code of at least one summary.
		want     verdict
		wantCode string
	}{
		{"never answers", llmtest.Fixed(llmtest.Reply{Delay: time.Hour}), 300 * time.Millisecond, degraded, "llm_timeout"},
		{"fails the first attempt of every call", firstAttemptFails(llmtest.Error(http.StatusInternalServerError, "boom", "server_error", "")), 5 * time.Second, llmOK, ""},
		{"rate limits the first attempt of every call", firstAttemptFails(rateLimited), 5 * time.Second, llmOK, ""},
		{"drops the connection on the first attempt", firstAttemptFails(llmtest.Reply{Hijack: true}), 5 * time.Second, llmOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
			stub, err := StartStub("127.0.0.1:0", llmtest.WithHandler(tt.handler), llmtest.WithLatency(20*time.Millisecond))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(stub.Close)
			svc := startService(t, llmSettings{baseURL: stub.BaseURL(), timeout: tt.timeout, maxRetries: 3}, web.Config{})
			client := newClient(t, faultClientTimeout)
			languages := []string{"en", "bn"}
			bodies := [][]byte{
				analyzeBody(t, fixture(t, "article_en.txt"), languages, "auto"),
				analyzeBody(t, fixture(t, "article_bn.txt"), languages, "auto"),
			}
			records := drive(time.Now(), client, svc.url+"/v1/analyze", bodies, languages, 8, 2*time.Second)()
			if len(records) == 0 {
				t.Fatal("no request completed")
			}
			codes := map[string]int{}
			for _, r := range records {
				if r.verdict != tt.want {
					t.Errorf("request at %v-%v: %s, want %s (%s)", r.start.Round(time.Millisecond), r.end.Round(time.Millisecond), r.verdict, tt.want, r.why)
				}
				var an sangbad.Analysis
				if r.answer.status == http.StatusOK && json.Unmarshal(r.answer.body, &an) == nil {
					for _, s := range an.Summaries {
						if s.Error != nil {
							codes[s.Error.Code]++
						}
					}
				}
			}
			if tt.wantCode != "" && codes[tt.wantCode] == 0 {
				t.Errorf("no summary error %q; codes %v", tt.wantCode, codes)
			}
			t.Logf("%d requests, %d LLM calls, summary error codes %v", len(records), stub.Backend().Calls(), codes)
		})
	}
}
