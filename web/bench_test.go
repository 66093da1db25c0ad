package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/web"
)

// benchSetup returns a server whose analyzer costs nothing and answers the
// fixture analysis (facts, two summaries), and the body of a 5.7 KB
// Bengali wire story: what is measured is HTTP in and out (middleware,
// decoding and checks, encoding).
func benchSetup(b *testing.B) (http.Handler, []byte) {
	b.Helper()
	fix := loadAnalysis(b)
	a := &fakeAnalyzer{analyze: func(context.Context, sangbad.Article, sangbad.Options) (*sangbad.Analysis, error) { return fix, nil }}
	text, err := os.ReadFile("testdata/seed_article_bn.txt")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"text": string(text), "published": "2023-12-12", "languages": []string{"bn", "en"}})
	return web.NewServer(web.Deps{Analyzer: noRecord{a}}, web.Config{}), body
}

// noRecord forwards to the fake without keeping the articles (a benchmark
// must not grow memory with b.N).
type noRecord struct{ f *fakeAnalyzer }

func (n noRecord) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	return n.f.analyze(ctx, a, o)
}
func (n noRecord) Detect(ctx context.Context, t string) (sangbad.Language, error) {
	return n.f.detect(ctx, t)
}
func (n noRecord) Facts(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error) {
	return n.f.facts(ctx, a)
}

// reportPercentiles adds p50 and p99 of the per-request latencies.
func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkAnalyzeHandler measures POST /v1/analyze in process (the
// handler chain, no sockets).
func BenchmarkAnalyzeHandler(b *testing.B) {
	h, body := benchSetup(b)
	lat := make([]time.Duration, 0, 1<<16)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/v1/analyze", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
		if len(lat) < cap(lat) {
			lat = append(lat, time.Since(start))
		}
	}
	reportPercentiles(b, lat)
}

// BenchmarkAnalyzeHTTP measures the same request over a real loopback
// connection with keep-alive (client and server on the same 2 cores).
func BenchmarkAnalyzeHTTP(b *testing.B) {
	h, body := benchSetup(b)
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()
	lat := make([]time.Duration, 0, 1<<16)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		res, err := client.Post(srv.URL+"/v1/analyze", "application/json", bytes.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			b.Fatalf("status %d", res.StatusCode)
		}
		if len(lat) < cap(lat) {
			lat = append(lat, time.Since(start))
		}
	}
	reportPercentiles(b, lat)
}
