package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// startStub runs the command until the test ends and returns its base URL.
func startStub(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	if !sc.Scan() {
		cancel()
		t.Fatalf("no banner: %v", <-done)
	}
	m := regexp.MustCompile(`OPENAI_BASE_URL=(\S+),`).FindStringSubmatch(sc.Text())
	if m == nil {
		t.Fatalf("banner %q names no base URL", sc.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return m[1]
}

func TestStubAnswers(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		wantStatus int
	}{
		{"schema-valid JSON", []string{"--latency", "0s"}, http.StatusOK},
		{"every request failed", []string{"--latency", "0s", "--fail-rate", "1"}, http.StatusServiceUnavailable},
	}
	body := `{"model":"m","messages":[{"role":"user","content":"<<<ARTICLE id=a>>>\nTikTok will invest $840 million. The deal was signed.\n<<<END ARTICLE id=a>>>"}],
	  "response_format":{"type":"json_schema","json_schema":{"name":"s","strict":true,"schema":{"type":"object","required":["summary"],"properties":{"summary":{"type":"string"}}}}}}`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := startStub(t, tt.args...)
			c := &http.Client{Timeout: 5 * time.Second}
			defer c.CloseIdleConnections()
			resp, err := c.Post(base+"/chat/completions", "application/json", strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d", resp.StatusCode, tt.wantStatus)
			}
			if tt.wantStatus != http.StatusOK {
				return
			}
			var out struct {
				Choices []struct {
					Message struct{ Content string } `json:"message"`
				} `json:"choices"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Choices) != 1 {
				t.Fatalf("decode: %v (%d choices)", err, len(out.Choices))
			}
			var answer struct {
				Summary string `json:"summary"`
			}
			if err := json.Unmarshal([]byte(out.Choices[0].Message.Content), &answer); err != nil {
				t.Fatalf("answer %q is not JSON: %v", out.Choices[0].Message.Content, err)
			}
			if want := "TikTok will invest $840 million."; answer.Summary != want {
				t.Errorf("summary %q, want %q", answer.Summary, want)
			}
		})
	}
}

func TestFlagsRejected(t *testing.T) {
	tests := []struct {
		name string
		args []string
	}{
		{"fail rate above 1", []string{"--fail-rate", "2"}},
		{"public address", []string{"--addr", "8.8.8.8:80"}},
		{"stray argument", []string{"extra"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := run(context.Background(), tt.args, io.Discard, io.Discard); err == nil {
				t.Errorf("run(%q) succeeded, want an error", tt.args)
			}
		})
	}
}
