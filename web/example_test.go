package web_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/web"
)

// detectOnly is a minimal Analyzer for the example.
type detectOnly struct{}

func (detectOnly) Analyze(context.Context, sangbad.Article, sangbad.Options) (*sangbad.Analysis, error) {
	return nil, sangbad.Errorf(sangbad.Unsupported, "analysis is not wired in this example")
}

func (detectOnly) Detect(_ context.Context, text string) (sangbad.Language, error) {
	return sangbad.Language{Code: "bn", Name: "Bengali", Confidence: 0.99}, nil
}

func (detectOnly) Facts(context.Context, sangbad.Article) (*sangbad.Analysis, error) {
	return nil, sangbad.Errorf(sangbad.Unsupported, "facts are not wired in this example")
}

func ExampleNewServer() {
	h := web.NewServer(web.Deps{
		Analyzer: detectOnly{},
		Logger:   slog.New(slog.DiscardHandler),
	}, web.Config{
		APIKeys:       []string{web.HashKey("sk-example")},
		RequireAPIKey: true,
	})

	req := httptest.NewRequest("POST", "/v1/detect", strings.NewReader(`{"text": "টিকটক ও গোটু"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer sk-example")
	req.Header.Set("X-Request-ID", "example-1")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Print(rec.Code, " ", rec.Body)

	// Without the key, and with a missing dependency:
	for _, path := range []string{"/v1/detect", "/v1/translate"} {
		req := httptest.NewRequest("POST", path, strings.NewReader(`{"text": "a", "target": "bn"}`))
		req.Header.Set("X-Request-ID", "example-2")
		if path == "/v1/translate" {
			req.Header.Set("Authorization", "Bearer sk-example")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Body)
		fmt.Print(rec.Code, " ", string(body))
	}
	// Output:
	// 200 {"code":"bn","name":"Bengali","confidence":0.99}
	// 401 {"error":{"code":"unauthorized","message":"an API key is required: send Authorization: Bearer <key>","id":"example-2"}}
	// 503 {"error":{"code":"llm_not_configured","message":"translation needs an LLM backend: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) or the llm settings of the config file, then restart","id":"example-2"}}
}

func ExampleHashKey() {
	// Config.APIKeys holds hashes (the same as `printf %s KEY | sha256sum`),
	// so a leaked config file leaks no key.
	fmt.Println(web.HashKey("sk-example"))
	// Output: f2d4b279b82ad92867af5878fe7482caebdd7b75499868d0362a6e63ff51f046
}
