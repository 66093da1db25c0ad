package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
	"go.uber.org/goleak"

	"github.com/sangbad/sangbad/web"
)

var fixedTime = time.Date(2023, 12, 12, 9, 30, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	// kin-openapi knows JSON and plain text; teach it the streaming types
	// so their bodies are checked against the document too.
	openapi3filter.RegisterBodyDecoder("text/event-stream", decodeSSEBody)
	openapi3filter.RegisterBodyDecoder("application/x-ndjson", decodeNDJSONBody)
	openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder)
	// No goroutine may outlive the tests (SSE keep-alives, streams).
	goleak.VerifyTestMain(m)
}

// sseEvent is one parsed server-sent event.
type sseEvent struct {
	Event string
	Data  string
}

// parseSSE reads events the way a browser's EventSource does (comments and
// unknown fields ignored, an empty line ends an event).
func parseSSE(r io.Reader) ([]sseEvent, error) {
	var events []sseEvent
	var cur sseEvent
	var data []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			if data != nil {
				cur.Data = strings.Join(data, "\n")
				if cur.Event == "" {
					cur.Event = "message"
				}
				events = append(events, cur)
			}
			cur, data = sseEvent{}, nil
		case strings.HasPrefix(line, ":"):
		default:
			field, value, _ := strings.Cut(line, ":")
			value = strings.TrimPrefix(value, " ")
			switch field {
			case "event":
				cur.Event = value
			case "data":
				data = append(data, value)
			}
		}
	}
	return events, sc.Err()
}

func decodeSSEBody(body io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	events, err := parseSSE(body)
	if err != nil {
		return nil, err
	}
	out := make([]any, 0, len(events))
	for _, ev := range events {
		var data any
		if err := json.Unmarshal([]byte(ev.Data), &data); err != nil {
			return nil, fmt.Errorf("event %q: data is not JSON: %w", ev.Event, err)
		}
		out = append(out, map[string]any{"event": ev.Event, "data": data})
	}
	return out, nil
}

func decodeNDJSONBody(body io.Reader, _ http.Header, schema *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	if schema != nil && schema.Value != nil && schema.Value.Type.Is("string") {
		return string(b), nil // a request body: JSONL text
	}
	out := []any{}
	for i, line := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var v any
		if err := json.Unmarshal(line, &v); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// loadDoc loads the document the server serves and checks it is valid
// OpenAPI 3.
func loadDoc(t testing.TB, spec []byte) (*openapi3.T, routers.Router) {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		t.Fatalf("load openapi: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi document is invalid: %v", err)
	}
	doc.Servers = nil // match any host (the test server's)
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi router: %v", err)
	}
	return doc, router
}

// harness is a real HTTP server around web.NewServer whose every answer is
// checked against /openapi.json and the error contract.
type harness struct {
	t      testing.TB
	srv    *httptest.Server
	router routers.Router
	// checked counts the responses validated against the document, by
	// "METHOD /path-template status".
	checked map[string]int
}

func newHarness(t testing.TB, deps web.Deps, cfg web.Config) *harness {
	t.Helper()
	srv := httptest.NewServer(web.NewServer(deps, cfg))
	t.Cleanup(srv.Close)
	h := &harness{t: t, srv: srv, checked: map[string]int{}}
	res, err := srv.Client().Get(srv.URL + "/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	spec, _ := io.ReadAll(res.Body)
	res.Body.Close()
	_, h.router = loadDoc(t, spec)
	return h
}

// response is a finished answer.
type response struct {
	Status int
	Header http.Header
	Body   []byte
}

func (r response) errorCode() string {
	var e struct {
		Error struct{ Code, Message, ID string }
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Code
}

// text is the error message of an error answer, else the body.
func (r response) text() string {
	var e struct {
		Error struct{ Code, Message, ID string }
	}
	if json.Unmarshal(r.Body, &e) == nil && e.Error.Message != "" {
		return e.Error.Message
	}
	return string(r.Body)
}

// request builds a request to the test server.
func (h *harness) request(method, path, contentType, body string) *http.Request {
	h.t.Helper()
	req, err := http.NewRequest(method, h.srv.URL+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return req
}

// postJSON posts body as application/json.
func (h *harness) postJSON(path, body string) response {
	return h.do(h.request(http.MethodPost, path, "application/json", body))
}

func (h *harness) get(path string) response {
	return h.do(h.request(http.MethodGet, path, "", ""))
}

// do sends req and checks the answer: every error is the JSON error shape
// carrying the request id, and every answer of a documented route
// validates against the OpenAPI document (the request too when it
// succeeded).
func (h *harness) do(req *http.Request) response {
	h.t.Helper()
	var reqBody []byte
	if req.Body != nil {
		reqBody, _ = io.ReadAll(req.Body)
		req.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	res, err := h.srv.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	if err != nil {
		h.t.Fatalf("%s %s: read body: %v", req.Method, req.URL.Path, err)
	}
	r := response{Status: res.StatusCode, Header: res.Header, Body: body}

	id := res.Header.Get("X-Request-ID")
	if id == "" {
		h.t.Errorf("%s %s: no X-Request-ID", req.Method, req.URL.Path)
	}
	if r.Status >= 400 && req.Method != http.MethodHead {
		var e struct {
			Error struct{ Code, Message, ID string }
		}
		if err := json.Unmarshal(body, &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
			h.t.Errorf("%s %s: %d answer is not a JSON error: %s", req.Method, req.URL.Path, r.Status, body)
		} else if e.Error.ID != id {
			h.t.Errorf("%s %s: error id %q, X-Request-ID %q", req.Method, req.URL.Path, e.Error.ID, id)
		}
	}

	vreq := req.Clone(context.Background())
	vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	route, params, err := h.router.FindRoute(vreq)
	if err != nil {
		return r // not a documented route (404/405 tests)
	}
	in := &openapi3filter.RequestValidationInput{
		Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true},
	}
	if r.Status < 300 && req.Header.Get("Content-Type") != "" {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			h.t.Errorf("%s %s: request does not match openapi.json: %v", req.Method, req.URL.Path, err)
		}
		vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 r.Status,
		Header:                 r.Header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	out.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		h.t.Errorf("%s %s: %d response does not match openapi.json: %v\nbody: %.2000s", req.Method, req.URL.Path, r.Status, err, body)
	}
	h.checked[fmt.Sprintf("%s %s %d", route.Method, route.Path, r.Status)]++
	return r
}
