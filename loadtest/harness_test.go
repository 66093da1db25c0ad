package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
	"github.com/sangbad/sangbad/web"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// service is the real service (detector, fact extractor, verifier,
// pipeline, web server) listening on a free loopback port.
type service struct {
	url string
	srv *http.Server
	// done receives Serve's error when the server stops.
	done chan error
	// llmTransport carries the LLM client's calls (nil offline).
	llmTransport *http.Transport
}

// llmSettings configure the LLM client of a service.
type llmSettings struct {
	baseURL    string
	timeout    time.Duration
	maxRetries int
}

// startService wires the service as cmd/sangbad does, with an LLM backend
// at ls.baseURL (none when empty), and serves it until the test ends.
func startService(t *testing.T, ls llmSettings, wcfg web.Config) *service {
	t.Helper()
	det, err := lang.New(lang.Options{})
	if err != nil {
		t.Fatalf("lang.New: %v", err)
	}
	ext := facts.New()
	ver := verify.New(ext, det)
	s := &service{done: make(chan error, 1)}
	var opts []summarize.Option
	if ls.baseURL != "" {
		s.llmTransport = http.DefaultTransport.(*http.Transport).Clone()
		s.llmTransport.MaxIdleConnsPerHost = 128
		client, err := llm.New(llm.Config{
			BaseURL: ls.baseURL, Model: "stub-model", Timeout: ls.timeout,
			MaxRetries: ls.maxRetries, MaxConcurrent: 128,
		}, llm.WithHTTPClient(&http.Client{Transport: s.llmTransport}),
			llm.WithBackoff(20*time.Millisecond, 200*time.Millisecond, time.Second))
		if err != nil {
			t.Fatalf("llm.New: %v", err)
		}
		opts = append(opts, summarize.WithLLM(summarize.NewLLM(client, ver)))
	}
	p := summarize.NewPipeline(det, ext, opts...)
	h := web.NewServer(web.Deps{Analyzer: p, Streamer: p, Version: "loadtest"}, wcfg)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	s.url = "http://" + ln.Addr().String()
	s.srv = &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { s.done <- s.srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			t.Errorf("shutdown: %v", err)
		}
		if err := <-s.done; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("serve: %v", err)
		}
		if s.llmTransport != nil {
			s.llmTransport.CloseIdleConnections()
		}
	})
	return s
}

// newClient is an HTTP client whose requests cannot hang: each has a
// deadline. Its idle connections are closed when the test ends.
func newClient(t *testing.T, timeout time.Duration) *http.Client {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 64
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: timeout}
}

// answer is what one request got.
type answer struct {
	status int
	// err is a transport error: no answer at all (timeout, reset).
	err error
	// code is the error code of a JSON error body.
	code string
	body []byte
}

// post sends body as JSON to url and reads the whole answer.
func post(ctx context.Context, c *http.Client, url string, body []byte) answer {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	return do(c, req)
}

// do sends req and reads the whole answer.
func do(c *http.Client, req *http.Request) answer {
	resp, err := c.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	a := answer{status: resp.StatusCode, body: b, err: err}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error sangbad.ErrorBody `json:"error"`
		}
		if json.Unmarshal(b, &e) == nil {
			a.code = e.Error.Code
		}
	}
	return a
}

// analyzeBody is a /v1/analyze request body.
func analyzeBody(t testing.TB, text string, languages []string, llmMode string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"text": text, "languages": languages, "llm": llmMode})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fixture reads testdata/name.
func fixture(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
