package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/web"
)

// fullDeps wires every dependency with fakes.
func fullDeps(t testing.TB) (web.Deps, *fakeAnalyzer, *fakeVerifier, *fakeTranslator, *fakeBatches) {
	a, v, tr, b := newFakes(t)
	return web.Deps{Analyzer: a, Verifier: v, Translator: tr, Batches: b, Readiness: fakeReadiness{}, Version: "test"}, a, v, tr, b
}

func mustJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, b)
	}
	return v
}

func TestEndpointsSucceed(t *testing.T) {
	deps, fa, fv, ft, fb := fullDeps(t)
	h := newHarness(t, deps, web.Config{})
	fix := loadAnalysis(t)
	text := loadArticle(t)
	analyzeBody := mustJSON(t, map[string]any{
		"id": "seed-1", "title": "TikTok, GoTo", "text": text, "published": "2023-12-12",
		"languages": []string{"en", "BN"}, "length": "short", "bengali_digits": true, "llm": "off",
	})
	wantArticle := sangbad.Article{ID: "seed-1", Title: "TikTok, GoTo", Text: text, Published: "2023-12-12"}
	wantOptions := sangbad.Options{Languages: []string{"en", "bn"}, Length: "short", BengaliDigits: true, LLM: "off"}
	wantAnalysis := *fix
	wantAnalysis.ID = "seed-1"
	wantFacts := wantAnalysis
	wantFacts.Summaries = nil

	tests := []struct {
		name   string
		method string
		path   string
		ct     string
		body   string
		status int
		check  func(t *testing.T, r response)
	}{
		{"analyze", "POST", "/v1/analyze", "application/json", analyzeBody, 200, func(t *testing.T, r response) {
			if diff := cmp.Diff(wantAnalysis, decode[sangbad.Analysis](t, r.Body)); diff != "" {
				t.Errorf("analysis (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantArticle, fa.articles[len(fa.articles)-1]); diff != "" {
				t.Errorf("article passed on (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantOptions, fa.options[len(fa.options)-1]); diff != "" {
				t.Errorf("options passed on (-want +got):\n%s", diff)
			}
		}},
		{"analyze without content type", "POST", "/v1/analyze", "", `{"text":"Jakarta, Dec 12 - TikTok will invest $840 million."}`, 200, func(t *testing.T, r response) {
			if got := fa.options[len(fa.options)-1]; !cmp.Equal(got, sangbad.Options{}) {
				t.Errorf("options = %+v, want zero", got)
			}
		}},
		{"detect", "POST", "/v1/detect", "application/json; charset=utf-8", mustJSON(t, map[string]string{"text": text}), 200, func(t *testing.T, r response) {
			if diff := cmp.Diff(fix.Language, decode[sangbad.Language](t, r.Body)); diff != "" {
				t.Errorf("language (-want +got):\n%s", diff)
			}
			if got := fa.texts[len(fa.texts)-1]; got != text {
				t.Errorf("detect got text %q", got)
			}
		}},
		{"facts", "POST", "/v1/facts", "application/json", mustJSON(t, map[string]string{"id": "seed-1", "text": text, "title": "TikTok, GoTo", "published": "2023-12-12"}), 200, func(t *testing.T, r response) {
			if diff := cmp.Diff(wantFacts, decode[sangbad.Analysis](t, r.Body)); diff != "" {
				t.Errorf("facts (-want +got):\n%s", diff)
			}
		}},
		{"summarize as JSON", "POST", "/v1/summarize", "application/json", analyzeBody, 200, func(t *testing.T, r response) {
			if diff := cmp.Diff(wantAnalysis, decode[sangbad.Analysis](t, r.Body)); diff != "" {
				t.Errorf("analysis (-want +got):\n%s", diff)
			}
		}},
		{"verify", "POST", "/v1/verify", "application/json", mustJSON(t, web.VerifyRequest{Source: text, Text: "TikTok will invest $850 million.", Published: "2023-12-12", Language: "EN"}), 200, func(t *testing.T, r response) {
			want, _ := fv.verify(context.Background(), web.VerifyRequest{})
			if diff := cmp.Diff(want, decode[web.VerifyResult](t, r.Body)); diff != "" {
				t.Errorf("verify (-want +got):\n%s", diff)
			}
			wantReq := web.VerifyRequest{Source: text, Text: "TikTok will invest $850 million.", Published: "2023-12-12", Language: "en"}
			if diff := cmp.Diff(wantReq, fv.got[len(fv.got)-1]); diff != "" {
				t.Errorf("verify request (-want +got):\n%s", diff)
			}
		}},
		{"translate", "POST", "/v1/translate", "application/json", `{"text":"TikTok and GoTo will invest $840 million.","target":"bn","glossary":{"TikTok":"টিকটক"}}`, 200, func(t *testing.T, r response) {
			wantReq := web.TranslateRequest{Text: "TikTok and GoTo will invest $840 million.", Target: "bn", Glossary: map[string]string{"TikTok": "টিকটক"}}
			if diff := cmp.Diff(wantReq, ft.got[len(ft.got)-1]); diff != "" {
				t.Errorf("translate request (-want +got):\n%s", diff)
			}
			want, _ := ft.translate(context.Background(), wantReq)
			want.Issues = []sangbad.Issue{}
			if diff := cmp.Diff(want, decode[web.TranslateResult](t, r.Body)); diff != "" {
				t.Errorf("translate (-want +got):\n%s", diff)
			}
		}},
		{"create batch", "POST", "/v1/batches?languages=en,bn&length=headline&llm=off&webhook=https://hooks.example/done", "application/x-ndjson",
			"{\"id\":\"x1\",\"text\":\"one\"}\n{\"id\":\"x2\",\"text\":\"two\"}\n", 202, func(t *testing.T, r response) {
				if got := r.Header.Get("Location"); got != "/v1/batches/b1" {
					t.Errorf("Location = %q", got)
				}
				want := web.BatchStatus{ID: "b1", State: "queued", Created: fixedTime, ResultsURL: "/v1/batches/b1/results"}
				if diff := cmp.Diff(want, decode[web.BatchStatus](t, r.Body)); diff != "" {
					t.Errorf("status (-want +got):\n%s", diff)
				}
				if got := fb.bodies[len(fb.bodies)-1]; got != "{\"id\":\"x1\",\"text\":\"one\"}\n{\"id\":\"x2\",\"text\":\"two\"}\n" {
					t.Errorf("batch body passed on = %q", got)
				}
				wantOpts := web.BatchOptions{Options: sangbad.Options{Languages: []string{"en", "bn"}, Length: "headline", LLM: "off"}, Webhook: "https://hooks.example/done"}
				if diff := cmp.Diff(wantOpts, fb.options[len(fb.options)-1]); diff != "" {
					t.Errorf("batch options (-want +got):\n%s", diff)
				}
			}},
		{"batch status", "GET", "/v1/batches/b1", "", "", 200, func(t *testing.T, r response) {
			want := web.BatchStatus{ID: "b1", State: "running", Total: 3, Done: 1, Failed: 1, Created: fixedTime, Updated: fixedTime, ResultsURL: "/v1/batches/b1/results"}
			if diff := cmp.Diff(want, decode[web.BatchStatus](t, r.Body)); diff != "" {
				t.Errorf("status (-want +got):\n%s", diff)
			}
		}},
		{"batch results", "GET", "/v1/batches/b1/results", "", "", 200, func(t *testing.T, r response) {
			if ct := r.Header.Get("Content-Type"); ct != "application/x-ndjson" {
				t.Errorf("Content-Type = %q", ct)
			}
			lines := strings.Split(strings.TrimSpace(string(r.Body)), "\n")
			if len(lines) != 2 {
				t.Fatalf("got %d lines, want 2:\n%s", len(lines), r.Body)
			}
			var first struct {
				ID       string
				Analysis sangbad.Analysis
			}
			first = decode[struct {
				ID       string
				Analysis sangbad.Analysis
			}](t, []byte(lines[0]))
			if first.ID != "x1" || !cmp.Equal(*fix, first.Analysis) {
				t.Errorf("first line = %s", lines[0])
			}
		}},
		{"healthz", "GET", "/healthz", "", "", 200, func(t *testing.T, r response) {
			if diff := cmp.Diff(map[string]string{"status": "ok", "version": "test"}, decode[map[string]string](t, r.Body)); diff != "" {
				t.Errorf("healthz (-want +got):\n%s", diff)
			}
		}},
		{"readyz", "GET", "/readyz", "", "", 200, nil},
		{"metrics", "GET", "/metrics", "", "", 200, func(t *testing.T, r response) {
			if !strings.Contains(string(r.Body), "sangbad_http_requests_total") {
				t.Errorf("metrics lack sangbad_http_requests_total:\n%.500s", r.Body)
			}
		}},
		{"openapi", "GET", "/openapi.json", "", "", 200, nil},
		{"page", "GET", "/", "", "", 200, func(t *testing.T, r response) {
			if !strings.Contains(string(r.Body), "<html") {
				t.Errorf("page is not HTML: %.200s", r.Body)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := h.do(h.request(tt.method, tt.path, tt.ct, tt.body))
			if r.Status != tt.status {
				t.Fatalf("status = %d, want %d: %s", r.Status, tt.status, r.Body)
			}
			if tt.check != nil {
				tt.check(t, r)
			}
		})
	}

	// Every documented operation had a successful answer validated
	// against the document (the SSE form is covered by TestSummarizeStream).
	spec := h.get("/openapi.json").Body
	doc, _ := loadDoc(t, spec)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			found := false
			for code := range op.Responses.Map() {
				if strings.HasPrefix(code, "2") && h.checked[fmt.Sprintf("%s %s %s", method, path, code)] > 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("%s %s: no successful response was validated against the document", method, path)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	deps, _, _, _, _ := fullDeps(t)
	h := newHarness(t, deps, web.Config{MaxBodyBytes: 1024})
	nested := `{"text":"a","x":` + strings.Repeat("[", 100) + strings.Repeat("]", 100) + `}`
	tests := []struct {
		name     string
		method   string
		path     string
		ct       string
		body     string
		chunked  bool
		status   int
		code     string
		mentions string // the message must name the problem
	}{
		{"empty body", "POST", "/v1/analyze", "application/json", "", false, 400, "body_empty", "empty"},
		{"only a byte order mark", "POST", "/v1/analyze", "application/json", "\xef\xbb\xbf", false, 400, "body_empty", "empty"},
		{"white space body", "POST", "/v1/analyze", "application/json", " \n\t ", false, 400, "body_empty", "empty"},
		{"syntax error", "POST", "/v1/analyze", "application/json", `{"text": }`, false, 400, "invalid_json", "offset 9"},
		{"syntax error on line 2", "POST", "/v1/analyze", "application/json", "{\"title\": \"x\",\n \"text\" \"y\"}", false, 400, "invalid_json", "line 2"},
		{"truncated", "POST", "/v1/analyze", "application/json", `{"text": "abc"`, false, 400, "invalid_json", "ends early"},
		{"trailing data", "POST", "/v1/analyze", "application/json", `{"text": "abc"} {"x":1}`, false, 400, "invalid_json", "after the JSON object"},
		{"array body", "POST", "/v1/analyze", "application/json", `["text"]`, false, 400, "invalid_json", "JSON object"},
		{"string body", "POST", "/v1/detect", "application/json", `"hello"`, false, 400, "invalid_json", "JSON object"},
		{"text is a number", "POST", "/v1/analyze", "application/json", `{"text": 42}`, false, 400, "wrong_type", `"text" must be a string, got a number`},
		{"languages is a string", "POST", "/v1/analyze", "application/json", `{"text": "a", "languages": "en"}`, false, 400, "wrong_type", `"languages" must be an array of strings`},
		{"bengali_digits is a string", "POST", "/v1/analyze", "application/json", `{"text": "a", "bengali_digits": "yes"}`, false, 400, "wrong_type", `"bengali_digits" must be a boolean`},
		{"glossary is an array", "POST", "/v1/translate", "application/json", `{"text": "a", "target": "bn", "glossary": ["TikTok"]}`, false, 400, "wrong_type", `"glossary"`},
		{"text missing", "POST", "/v1/analyze", "application/json", `{"title": "only a title"}`, false, 400, "text_required", `"text"`},
		{"text blank", "POST", "/v1/facts", "application/json", `{"text": " \n "}`, false, 400, "text_required", `"text"`},
		{"text null", "POST", "/v1/detect", "application/json", `{"text": null}`, false, 400, "text_required", `"text"`},
		{"not UTF-8", "POST", "/v1/analyze", "application/json", "{\"text\": \"caf\xe9\"}", false, 400, "text_not_utf8", "offset 13"},
		{"too large", "POST", "/v1/analyze", "application/json", `{"text": "` + strings.Repeat("a", 2000) + `"}`, false, 413, "body_too_large", "1024 bytes"},
		{"too large, chunked", "POST", "/v1/analyze", "application/json", `{"text": "` + strings.Repeat("a", 2000) + `"}`, true, 413, "body_too_large", "1024 bytes"},
		{"form content type", "POST", "/v1/analyze", "application/x-www-form-urlencoded", `{"text": "a"}`, false, 415, "unsupported_media_type", "application/json"},
		{"text/plain", "POST", "/v1/verify", "text/plain", `{"text": "a"}`, false, 415, "unsupported_media_type", "application/json"},
		{"latin-1 charset", "POST", "/v1/analyze", "application/json; charset=iso-8859-1", `{"text": "a"}`, false, 415, "unsupported_media_type", "UTF-8"},
		{"bad published", "POST", "/v1/analyze", "application/json", `{"text": "a", "published": "12/12/2023"}`, false, 400, "invalid_date", "YYYY-MM-DD"},
		{"impossible published", "POST", "/v1/facts", "application/json", `{"text": "a", "published": "2023-02-30"}`, false, 400, "invalid_date", "published"},
		{"unknown language", "POST", "/v1/analyze", "application/json", `{"text": "a", "languages": ["en", "xx"]}`, false, 400, "unknown_language", `languages[1]`},
		{"language name", "POST", "/v1/analyze", "application/json", `{"text": "a", "languages": ["english"]}`, false, 400, "unknown_language", `"english"`},
		{"bad length", "POST", "/v1/summarize", "application/json", `{"text": "a", "length": "long"}`, false, 400, "invalid_option", `"length"`},
		{"bad llm", "POST", "/v1/analyze", "application/json", `{"text": "a", "llm": "always"}`, false, 400, "invalid_option", `"llm"`},
		{"deep nesting", "POST", "/v1/analyze", "application/json", nested, false, 400, "json_too_deep", "32 levels"},
		{"verify without source", "POST", "/v1/verify", "application/json", `{"text": "a"}`, false, 400, "text_required", `"source"`},
		{"verify without text", "POST", "/v1/verify", "application/json", `{"source": "a"}`, false, 400, "text_required", `"text"`},
		{"verify bad language", "POST", "/v1/verify", "application/json", `{"source": "a", "text": "b", "language": "bengali"}`, false, 400, "unknown_language", `"language"`},
		{"translate without target", "POST", "/v1/translate", "application/json", `{"text": "a"}`, false, 400, "unknown_language", `"target"`},
		{"translate unknown target", "POST", "/v1/translate", "application/json", `{"text": "a", "target": "qq"}`, false, 400, "unknown_language", `"qq"`},
		{"wrong method", "GET", "/v1/analyze", "", "", false, 405, "method_not_allowed", "GET"},
		{"unknown path", "POST", "/v1/analyse", "application/json", `{"text": "a"}`, false, 404, "not_found", "/v1/analyse"},
		{"batch empty", "POST", "/v1/batches", "application/x-ndjson", "\n\n", false, 400, "body_empty", "JSONL"},
		{"batch wrong type", "POST", "/v1/batches", "application/xml", "<a/>", false, 415, "unsupported_media_type", "application/x-ndjson"},
		{"batch bad option", "POST", "/v1/batches?length=huge", "application/x-ndjson", "{\"text\":\"a\"}\n", false, 400, "invalid_option", `"length"`},
		{"batch bad bool", "POST", "/v1/batches?bengali_digits=maybe", "application/x-ndjson", "{\"text\":\"a\"}\n", false, 400, "wrong_type", "bengali_digits"},
		{"batch bad webhook", "POST", "/v1/batches?webhook=ftp://x", "application/x-ndjson", "{\"text\":\"a\"}\n", false, 400, "invalid_option", "webhook"},
		{"batch not found", "GET", "/v1/batches/nope", "", "", false, 404, "batch_not_found", "nope"},
		{"batch bad id", "GET", "/v1/batches/a%20b", "", "", false, 404, "batch_not_found", "a b"},
		{"results not found", "GET", "/v1/batches/nope/results", "", "", false, 404, "batch_not_found", "nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := h.request(tt.method, tt.path, tt.ct, tt.body)
			if tt.chunked {
				req.ContentLength = -1
			}
			r := h.do(req)
			if r.Status != tt.status || r.errorCode() != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", r.Status, r.errorCode(), tt.status, tt.code, r.Body)
			}
			if !strings.Contains(r.text(), tt.mentions) {
				t.Errorf("message does not mention %q: %s", tt.mentions, r.Body)
			}
		})
	}
}

func TestBatchTooLarge(t *testing.T) {
	deps, _, _, _, _ := fullDeps(t)
	h := newHarness(t, deps, web.Config{MaxBatchBytes: 100})
	body := strings.Repeat("{\"text\":\"0123456789\"}\n", 20)
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			req := h.request("POST", "/v1/batches", "application/x-ndjson", body)
			if chunked {
				req.ContentLength = -1
			}
			r := h.do(req)
			if r.Status != 413 || r.errorCode() != "body_too_large" || !strings.Contains(string(r.Body), "100 bytes") {
				t.Fatalf("got %d %s", r.Status, r.Body)
			}
		})
	}
}

func TestAdversarialTextIsAccepted(t *testing.T) {
	deps, fa, _, _, _ := fullDeps(t)
	h := newHarness(t, deps, web.Config{})
	tests := map[string]string{
		"NUL bytes":        "a\x00b",
		"zero width":       "Tik\u200bTok\u200d",
		"RTL controls":     "\u202eabc\u202c",
		"emoji":            "👩‍👩‍👧 GoTo 🚀",
		"HTML":             "<script>alert(1)</script> & <b>x</b>",
		"long word":        strings.Repeat("ক", 10000),
		"mixed scripts":    "TikTok-এর GoTo ৮৪০ million",
		"lone surrogate":   "\\ud800", // JSON escape: decodes to U+FFFD
		"quotes and lines": "\"a\"\n\n'b'",
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			body := `{"text": ` + mustJSON(t, text) + `}`
			if name == "lone surrogate" {
				body = `{"text": "` + text + `"}`
			}
			r := h.postJSON("/v1/analyze", body)
			if r.Status != 200 {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			got := fa.articles[len(fa.articles)-1].Text
			if name != "lone surrogate" && got != text {
				t.Errorf("text passed on = %q, want %q", got, text)
			}
		})
	}
}

func TestErrorMapping(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		status     int
		code       string
		retryAfter string
	}{
		{"article too long", &sangbad.Error{Kind: sangbad.TooLarge, Code: "article_too_large", Message: "the article has 300001 characters; the limit is 300000"}, 413, "article_too_large", ""},
		{"unsupported language", sangbad.Errorf(sangbad.Unsupported, "summaries in xh need an LLM"), 422, "unsupported", ""},
		{"llm required", &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_not_configured", Message: "set OPENAI_BASE_URL"}, 503, "llm_not_configured", ""},
		{"backend rate limited", &sangbad.Error{Kind: sangbad.RateLimited, Message: "the model is rate limited", RetryAfter: 2500 * time.Millisecond}, 429, "rate_limited", "3"},
		{"bad model output", sangbad.Errorf(sangbad.BadOutput, "the model answered invalid JSON twice"), 502, "bad_output", ""},
		{"deadline", fmt.Errorf("summarize: %w", context.DeadlineExceeded), 504, "timeout", ""},
		{"wrapped kind", fmt.Errorf("pipeline: %w", sangbad.Errorf(sangbad.Invalid, "published is after today")), 400, "invalid", ""},
		{"plain error", errors.New("pq: password authentication failed for user sangbad"), 500, "internal", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deps, fa, _, _, _ := fullDeps(t)
			fa.analyze = func(context.Context, sangbad.Article, sangbad.Options) (*sangbad.Analysis, error) { return nil, tt.err }
			h := newHarness(t, deps, web.Config{})
			r := h.postJSON("/v1/analyze", `{"text": "a"}`)
			if r.Status != tt.status || r.errorCode() != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", r.Status, r.errorCode(), tt.status, tt.code, r.Body)
			}
			if got := r.Header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After = %q, want %q", got, tt.retryAfter)
			}
			if strings.Contains(string(r.Body), "password") {
				t.Errorf("internal detail leaked: %s", r.Body)
			}
		})
	}
}

func TestMissingDependencies(t *testing.T) {
	h := newHarness(t, web.Deps{}, web.Config{})
	tests := []struct {
		method, path, ct, body string
		status                 int
		code                   string
		mentions               string
	}{
		{"POST", "/v1/analyze", "application/json", `{"text":"a"}`, 503, "not_available", "sangbad serve"},
		{"POST", "/v1/detect", "application/json", `{"text":"a"}`, 503, "not_available", "sangbad serve"},
		{"POST", "/v1/facts", "application/json", `{"text":"a"}`, 503, "not_available", "sangbad serve"},
		{"POST", "/v1/summarize", "application/json", `{"text":"a"}`, 503, "not_available", "sangbad serve"},
		{"POST", "/v1/verify", "application/json", `{"source":"a","text":"b"}`, 503, "not_available", "verifier"},
		{"POST", "/v1/translate", "application/json", `{"text":"a","target":"bn"}`, 503, "llm_not_configured", "OPENAI_BASE_URL"},
		{"POST", "/v1/batches", "application/x-ndjson", "{\"text\":\"a\"}\n", 503, "not_available", "batch"},
		{"GET", "/v1/batches/b1", "", "", 503, "not_available", "batch"},
		{"GET", "/v1/batches/b1/results", "", "", 503, "not_available", "batch"},
		{"GET", "/healthz", "", "", 200, "", "ok"},
		{"GET", "/readyz", "", "", 200, "", "ready"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			r := h.do(h.request(tt.method, tt.path, tt.ct, tt.body))
			if r.Status != tt.status || r.errorCode() != tt.code {
				t.Fatalf("got %d %q, want %d %q: %s", r.Status, r.errorCode(), tt.status, tt.code, r.Body)
			}
			if !strings.Contains(r.text(), tt.mentions) {
				t.Errorf("answer does not mention %q: %s", tt.mentions, r.Body)
			}
		})
	}
}

func TestReadyz(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		msg    string
	}{
		{"ready", nil, 200, `"ready"`},
		{"backend down", sangbad.Errorf(sangbad.Unavailable, "the LLM backend at http://localhost:11434 does not answer"), 503, "localhost:11434"},
		{"internal detail hidden", errors.New("open /var/lib/secret: permission denied"), 503, `"not ready"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, web.Deps{Readiness: fakeReadiness{tt.err}}, web.Config{})
			r := h.get("/readyz")
			if r.Status != tt.status || !strings.Contains(string(r.Body), tt.msg) {
				t.Fatalf("got %d %s, want %d with %s", r.Status, r.Body, tt.status, tt.msg)
			}
			if strings.Contains(string(r.Body), "secret") {
				t.Errorf("leaked: %s", r.Body)
			}
		})
	}
}

// streamSummary posts to /v1/summarize asking for SSE and parses the events
// with a real client.
func streamSummary(t *testing.T, h *harness, body string) (response, []sseEvent) {
	t.Helper()
	req := h.request("POST", "/v1/summarize", "application/json", body)
	req.Header.Set("Accept", "text/event-stream")
	r := h.do(req)
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		return r, nil
	}
	events, err := parseSSE(strings.NewReader(string(r.Body)))
	if err != nil {
		t.Fatal(err)
	}
	return r, events
}

func TestSummarizeStream(t *testing.T) {
	fix := loadAnalysis(t)
	pieces := map[string][]string{
		"en": {"TikTok and GoTo ", "will invest ", "$840 million."},
		"bn": {"টিকটক ও গোটু ", "৮৪০ মিলিয়ন ডলার ", "বিনিয়োগ করবে।"},
	}
	streamer := &fakeStreamer{stream: func(ctx context.Context, a sangbad.Article, o sangbad.Options, onDelta func(lang, delta string)) (*sangbad.Analysis, error) {
		// Both languages at once, as a real backend may do.
		var wg sync.WaitGroup
		for lang, ps := range pieces {
			wg.Go(func() {
				for _, p := range ps {
					onDelta(lang, p)
				}
			})
		}
		wg.Wait()
		if a.Text == "fail" {
			return nil, &sangbad.Error{Kind: sangbad.BadOutput, Code: "bad_output", Message: "the model answered invalid JSON"}
		}
		return fix, nil
	}}
	deps, _, _, _, _ := fullDeps(t)
	deps.Streamer = streamer
	h := newHarness(t, deps, web.Config{})

	t.Run("deltas then result", func(t *testing.T) {
		r, events := streamSummary(t, h, `{"text": "TikTok", "languages": ["en", "bn"]}`)
		if r.Status != 200 || len(events) == 0 {
			t.Fatalf("status %d, %d events: %s", r.Status, len(events), r.Body)
		}
		got := map[string]string{}
		for i, ev := range events[:len(events)-1] {
			if ev.Event != "delta" {
				t.Fatalf("event %d is %q, want delta", i, ev.Event)
			}
			d := decode[struct{ Language, Text string }](t, []byte(ev.Data))
			got[d.Language] += d.Text
		}
		want := map[string]string{}
		for lang, ps := range pieces {
			want[lang] = strings.Join(ps, "")
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("streamed text (-want +got):\n%s", diff)
		}
		last := events[len(events)-1]
		if last.Event != "result" {
			t.Fatalf("last event is %q, want result", last.Event)
		}
		if diff := cmp.Diff(*fix, decode[sangbad.Analysis](t, []byte(last.Data))); diff != "" {
			t.Errorf("result (-want +got):\n%s", diff)
		}
	})
	t.Run("error event", func(t *testing.T) {
		r, events := streamSummary(t, h, `{"text": "fail"}`)
		if r.Status != 200 || len(events) == 0 {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		last := events[len(events)-1]
		e := decode[struct{ Error sangbad.ErrorBody }](t, []byte(last.Data))
		if last.Event != "error" || e.Error.Code != "bad_output" || e.Error.ID != r.Header.Get("X-Request-ID") {
			t.Errorf("last event = %+v", last)
		}
	})
	t.Run("bad input before the stream is a JSON error", func(t *testing.T) {
		r, events := streamSummary(t, h, `{"text": ""}`)
		if r.Status != 400 || r.errorCode() != "text_required" || events != nil {
			t.Errorf("got %d %s", r.Status, r.Body)
		}
	})
	t.Run("without a streamer the summaries come whole", func(t *testing.T) {
		deps, _, _, _, _ := fullDeps(t)
		h := newHarness(t, deps, web.Config{})
		r, events := streamSummary(t, h, `{"text": "TikTok"}`)
		if r.Status != 200 {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		got := map[string]string{}
		for _, ev := range events {
			if ev.Event == "delta" {
				d := decode[struct{ Language, Text string }](t, []byte(ev.Data))
				got[d.Language] += d.Text
			}
		}
		want := map[string]string{}
		for lang, s := range fix.Summaries {
			want[lang] = s.Text
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("deltas (-want +got):\n%s", diff)
		}
		if events[len(events)-1].Event != "result" {
			t.Errorf("last event %q", events[len(events)-1].Event)
		}
	})
}

func TestAuth(t *testing.T) {
	const key = "sk-sangbad-test-1"
	tests := []struct {
		name    string
		cfg     web.Config
		path    string
		header  string
		status  int
		wantErr string
	}{
		{"off: no key", web.Config{}, "/v1/detect", "", 200, ""},
		{"off, no keys: a key is ignored", web.Config{}, "/v1/detect", "Bearer anything", 200, ""},
		{"off: wrong key still rejected", web.Config{APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "Bearer nope", 401, "unauthorized"},
		{"off: right key", web.Config{APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "Bearer " + key, 200, ""},
		{"on: no key", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "", 401, "unauthorized"},
		{"on: wrong key", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "Bearer sk-other", 401, "unauthorized"},
		{"on: basic auth", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "Basic dXNlcjpwYXNz", 401, "unauthorized"},
		{"on: right key", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/v1/detect", "Bearer " + key, 200, ""},
		{"on: upper-case hash configured", web.Config{RequireAPIKey: true, APIKeys: []string{strings.ToUpper(web.HashKey(key))}}, "/v1/detect", "Bearer " + key, 200, ""},
		{"on: no keys configured locks", web.Config{RequireAPIKey: true}, "/v1/detect", "Bearer " + key, 401, "unauthorized"},
		{"on: healthz public", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/healthz", "", 200, ""},
		{"on: readyz public", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/readyz", "", 200, ""},
		{"on: page public", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/", "", 200, ""},
		{"on: openapi public", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/openapi.json", "", 200, ""},
		{"on: metrics public", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey(key)}}, "/metrics", "", 200, ""},
		{"metrics protected", web.Config{ProtectMetrics: true, APIKeys: []string{web.HashKey(key)}}, "/metrics", "", 401, "unauthorized"},
		{"metrics protected, key", web.Config{ProtectMetrics: true, APIKeys: []string{web.HashKey(key)}}, "/metrics", "Bearer " + key, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deps, _, _, _, _ := fullDeps(t)
			h := newHarness(t, deps, tt.cfg)
			method, body, ct := "GET", "", ""
			if strings.HasPrefix(tt.path, "/v1/") {
				method, body, ct = "POST", `{"text":"a"}`, "application/json"
			}
			req := h.request(method, tt.path, ct, body)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			r := h.do(req)
			if r.Status != tt.status || r.errorCode() != tt.wantErr {
				t.Fatalf("got %d %q, want %d %q: %s", r.Status, r.errorCode(), tt.status, tt.wantErr, r.Body)
			}
			if r.Status == 401 && r.Header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  web.Config
		ok   bool
	}{
		{"zero", web.Config{}, true},
		{"keys", web.Config{RequireAPIKey: true, APIKeys: []string{web.HashKey("k")}}, true},
		{"required without keys", web.Config{RequireAPIKey: true}, false},
		{"plain key instead of hash", web.Config{APIKeys: []string{"sk-plain"}}, false},
		{"bad origin", web.Config{AllowedOrigins: []string{"example.com"}}, false},
		{"negative rate", web.Config{RateLimit: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.cfg.Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	keyA, keyB := "key-a", "key-b"
	deps, _, _, _, _ := fullDeps(t)
	// One request per 100 s with a burst of 2: the third is refused and
	// must wait about 100 s, whatever the speed of the machine.
	h := newHarness(t, deps, web.Config{APIKeys: []string{web.HashKey(keyA), web.HashKey(keyB)}, RateLimit: 0.01, RateBurst: 2})
	send := func(key string) response {
		req := h.request("POST", "/v1/detect", "application/json", `{"text":"a"}`)
		req.Header.Set("Authorization", "Bearer "+key)
		return h.do(req)
	}
	for i := range 2 {
		if r := send(keyA); r.Status != 200 {
			t.Fatalf("request %d: %d %s", i, r.Status, r.Body)
		}
	}
	r := send(keyA)
	if r.Status != 429 || r.errorCode() != "rate_limited" {
		t.Fatalf("third request: %d %s", r.Status, r.Body)
	}
	ra, err := strconv.Atoi(r.Header.Get("Retry-After"))
	if err != nil || ra < 90 || ra > 100 {
		t.Errorf("Retry-After = %q, want about 100", r.Header.Get("Retry-After"))
	}
	if !strings.Contains(string(r.Body), "0.01 requests per second") {
		t.Errorf("message does not name the limit: %s", r.Body)
	}
	// Another key has its own bucket; public endpoints are not limited.
	if r := send(keyB); r.Status != 200 {
		t.Errorf("other key: %d %s", r.Status, r.Body)
	}
	if r := h.get("/healthz"); r.Status != 200 {
		t.Errorf("healthz: %d", r.Status)
	}
}

// blockingDeps returns deps whose Analyze blocks until release is closed,
// and a channel that receives once per request that entered Analyze.
func blockingDeps(t *testing.T) (web.Deps, chan struct{}, chan struct{}) {
	deps, fa, _, _, _ := fullDeps(t)
	entered, release := make(chan struct{}, 16), make(chan struct{})
	fix := loadAnalysis(t)
	fa.analyze = func(ctx context.Context, _ sangbad.Article, _ sangbad.Options) (*sangbad.Analysis, error) {
		entered <- struct{}{}
		select {
		case <-release:
			return fix, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return deps, entered, release
}

func TestConcurrencyLimits(t *testing.T) {
	tests := []struct {
		name   string
		cfg    web.Config
		status int
		code   string
	}{
		{"per key", web.Config{KeyConcurrency: 1}, 429, "rate_limited"},
		{"server", web.Config{MaxInFlight: 1}, 503, "overloaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deps, entered, release := blockingDeps(t)
			h := newHarness(t, deps, tt.cfg)
			first := make(chan response, 1)
			go func() { first <- h.postJSON("/v1/analyze", `{"text":"a"}`) }()
			<-entered
			r := h.postJSON("/v1/analyze", `{"text":"b"}`)
			if r.Status != tt.status || r.errorCode() != tt.code || r.Header.Get("Retry-After") == "" {
				t.Errorf("second request: %d %q Retry-After %q: %s", r.Status, r.errorCode(), r.Header.Get("Retry-After"), r.Body)
			}
			close(release)
			if r := <-first; r.Status != 200 {
				t.Errorf("first request: %d %s", r.Status, r.Body)
			}
			// The slot is free again.
			if r := h.postJSON("/v1/analyze", `{"text":"c"}`); r.Status != 200 {
				t.Errorf("third request: %d %s", r.Status, r.Body)
			}
		})
	}
}

func TestRequestTimeout(t *testing.T) {
	deps, _, _ := blockingDeps(t) // never released: only the deadline ends it
	h := newHarness(t, deps, web.Config{RequestTimeout: 20 * time.Millisecond})
	r := h.postJSON("/v1/analyze", `{"text":"a"}`)
	if r.Status != 504 || r.errorCode() != "timeout" || !strings.Contains(string(r.Body), "20ms") {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
}

func TestPanicIsAJSONError(t *testing.T) {
	deps, fa, _, _, _ := fullDeps(t)
	fa.detect = func(context.Context, string) (sangbad.Language, error) { panic("index out of range [7] with length 3") }
	h := newHarness(t, deps, web.Config{})
	r := h.postJSON("/v1/detect", `{"text":"a"}`)
	if r.Status != 500 || r.errorCode() != "internal" || strings.Contains(string(r.Body), "index out of range") {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
	if r := h.postJSON("/v1/analyze", `{"text":"a"}`); r.Status != 200 {
		t.Errorf("server did not survive: %d", r.Status)
	}
}

func TestRequestID(t *testing.T) {
	deps, _, _, _, _ := fullDeps(t)
	h := newHarness(t, deps, web.Config{})
	tests := []struct {
		name, in string
		echoed   bool
	}{
		{"caller's id", "req-42.abc:1", true},
		{"none", "", false},
		{"unsafe id replaced", "<script>alert(1)</script>", false},
		{"spaces replaced", "a b", false},
		{"too long replaced", strings.Repeat("x", 200), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := h.request("POST", "/v1/detect", "application/json", `{}`)
			if tt.in != "" {
				req.Header["X-Request-Id"] = []string{tt.in}
			}
			r := h.do(req)
			got := r.Header.Get("X-Request-ID")
			if (got == tt.in) != tt.echoed || got == "" {
				t.Errorf("X-Request-ID = %q for %q", got, tt.in)
			}
		})
	}
}

func TestCORS(t *testing.T) {
	tests := []struct {
		name      string
		origins   []string
		origin    string
		preflight bool
		allow     string
		status    int
	}{
		{"off by default", nil, "https://news.example", false, "", 200},
		{"allowed origin", []string{"https://news.example"}, "https://news.example", false, "https://news.example", 200},
		{"other origin", []string{"https://news.example"}, "https://evil.example", false, "", 200},
		{"any origin", []string{"*"}, "https://any.example", false, "*", 200},
		{"preflight allowed", []string{"https://news.example"}, "https://news.example", true, "https://news.example", 204},
		{"preflight other", []string{"https://news.example"}, "https://evil.example", true, "", 405},
		{"preflight, CORS off", nil, "https://news.example", true, "", 405},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			deps, _, _, _, _ := fullDeps(t)
			h := newHarness(t, deps, web.Config{AllowedOrigins: tt.origins})
			req := h.request("POST", "/v1/detect", "application/json", `{"text":"a"}`)
			if tt.preflight {
				req = h.request("OPTIONS", "/v1/detect", "", "")
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "authorization, content-type")
			}
			req.Header.Set("Origin", tt.origin)
			r := h.do(req)
			if r.Status != tt.status {
				t.Fatalf("status %d: %s", r.Status, r.Body)
			}
			if got := r.Header.Get("Access-Control-Allow-Origin"); got != tt.allow {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.allow)
			}
			if tt.preflight && tt.allow != "" && !strings.Contains(r.Header.Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("preflight does not allow Authorization: %v", r.Header)
			}
		})
	}
}

func TestPage(t *testing.T) {
	h := newHarness(t, web.Deps{}, web.Config{})
	r := h.get("/")
	if r.Status != 200 || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("got %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	for name, want := range map[string]string{
		"Content-Security-Policy": "default-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "no-referrer",
		"Cache-Control":           "no-cache",
	} {
		if got := r.Header.Get(name); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	etag := r.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	tests := []struct {
		name, method, inm string
		status            int
		body              bool
	}{
		{"same etag", "GET", etag, 304, false},
		{"weak same etag", "GET", "W/" + etag, 304, false},
		{"other etag", "GET", `"0000"`, 200, true},
		{"head", "HEAD", "", 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := h.request(tt.method, "/", "", "")
			if tt.inm != "" {
				req.Header.Set("If-None-Match", tt.inm)
			}
			r := h.do(req)
			if r.Status != tt.status || (len(r.Body) > 0) != tt.body {
				t.Errorf("got %d with %d bytes", r.Status, len(r.Body))
			}
		})
	}
	if r := h.get("/static/index.html"); r.Status != 200 || r.Header.Get("ETag") != etag {
		t.Errorf("/static/index.html: %d %q", r.Status, r.Header.Get("ETag"))
	}
	if r := h.get("/static/../../go.mod"); r.Status != 404 {
		t.Errorf("path escape: %d", r.Status)
	}
	if r := h.get("/openapi.json"); r.Header.Get("Content-Security-Policy") != "default-src 'none'; frame-ancestors 'none'" {
		t.Errorf("API CSP = %q", r.Header.Get("Content-Security-Policy"))
	}
}

func TestMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	other := prometheus.NewCounter(prometheus.CounterOpts{Name: "sangbad_llm_calls_total", Help: "LLM calls."})
	reg.MustRegister(other)
	other.Add(3)
	deps, _, _, _, _ := fullDeps(t)
	deps.Registry = reg
	h := newHarness(t, deps, web.Config{})
	for range 3 {
		h.postJSON("/v1/analyze", `{"text":"a"}`)
	}
	h.postJSON("/v1/analyze", `{}`)
	h.get("/nowhere")
	// A second server on the same registry shares the metrics.
	web.NewServer(deps, web.Config{})

	body := string(h.get("/metrics").Body)
	for _, want := range []string{
		`sangbad_http_requests_total{code="200",route="/v1/analyze"} 3`,
		`sangbad_http_requests_total{code="400",route="/v1/analyze"} 1`,
		`sangbad_http_requests_total{code="404",route="unmatched"} 1`,
		`sangbad_http_request_duration_seconds_count{route="/v1/analyze"} 4`,
		`sangbad_llm_calls_total 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}

func TestBatchResultsErrorMidStream(t *testing.T) {
	deps, _, _, fb, _ := func() (web.Deps, *fakeAnalyzer, *fakeVerifier, *fakeBatches, *fakeTranslator) {
		d, a, v, tr, b := fullDeps(t)
		return d, a, v, b, tr
	}()
	fb.results = func(_ context.Context, id string, w io.Writer) error {
		if _, err := io.WriteString(w, "{\"id\":\"x1\"}\n"); err != nil {
			return err
		}
		return errors.New("nats: connection closed")
	}
	h := newHarness(t, deps, web.Config{})
	res, err := h.srv.Client().Get(h.srv.URL + "/v1/batches/b1/results")
	if err != nil {
		t.Fatalf("the first line was not streamed before the error: %v", err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if res.StatusCode != 200 || string(body) != "{\"id\":\"x1\"}\n" || err == nil {
		t.Errorf("a cut stream must deliver what it had and then fail: status %d, body %q, read error %v", res.StatusCode, body, err)
	}
}

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestAccessLog(t *testing.T) {
	var logs syncBuffer
	deps, fa, _, _, _ := fullDeps(t)
	deps.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	fa.detect = func(context.Context, string) (sangbad.Language, error) {
		return sangbad.Language{}, errors.New("lingua: model file bengali.zip is corrupt")
	}
	h := newHarness(t, deps, web.Config{})
	req := h.request("POST", "/v1/detect", "application/json", `{"text":"a"}`)
	req.Header.Set("X-Request-ID", "trace-7")
	r := h.do(req)
	if r.Status != 500 || strings.Contains(string(r.Body), "corrupt") {
		t.Fatalf("got %d %s", r.Status, r.Body)
	}
	var access, failure map[string]any
	for line := range strings.SplitSeq(strings.TrimSpace(logs.String()), "\n") {
		m := decode[map[string]any](t, []byte(line))
		switch m["msg"] {
		case "http request":
			access = m
		case "request error":
			failure = m
		}
	}
	if access == nil || failure == nil {
		t.Fatalf("missing log lines:\n%s", logs.String())
	}
	for k, want := range map[string]any{"request_id": "trace-7", "route": "/v1/detect", "status": float64(500), "level": "ERROR"} {
		if access[k] != want {
			t.Errorf("access log %s = %v, want %v", k, access[k], want)
		}
	}
	if _, ok := access["latency_ms"].(float64); !ok {
		t.Errorf("access log has no latency_ms: %v", access)
	}
	// The cause the client does not see is in the log, with the id.
	if failure["request_id"] != "trace-7" || !strings.Contains(failure["err"].(string), "corrupt") {
		t.Errorf("error log = %v", failure)
	}
}
