package batch

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
)

var (
	_ Provider = (*llm.Client)(nil)
	_ Preparer = (*summarize.Pipeline)(nil)
)

// sharedCore is the language detector and fact extractor (the detector
// loads its models once).
var sharedCore = sync.OnceValues(func() (*lang.Detector, *facts.Extractor) {
	det, err := lang.New(lang.Options{})
	if err != nil {
		panic(err)
	}
	return det, facts.New()
})

// providerProxy stands between the client and the stub: it counts batch
// creations and can rewrite the batch objects the stub returns (a failed
// or expired batch, which the stub does not produce itself).
type providerProxy struct {
	srv     *httptest.Server
	creates atomic.Int64
	mu      sync.Mutex
	rewrite func(batch map[string]any)
}

func newProviderProxy(t testing.TB, stub *llmtest.Server) *providerProxy {
	t.Helper()
	target, err := url.Parse(stub.URL())
	if err != nil {
		t.Fatal(err)
	}
	p := &providerProxy{}
	tr := &http.Transport{}
	rp := &httputil.ReverseProxy{
		Transport: tr,
		Rewrite: func(r *httputil.ProxyRequest) {
			r.SetURL(target)
			if r.In.Method == http.MethodPost && r.In.URL.Path == "/v1/batches" {
				p.creates.Add(1)
			}
		},
		ModifyResponse: func(resp *http.Response) error {
			p.mu.Lock()
			rw := p.rewrite
			p.mu.Unlock()
			if rw == nil || resp.Request.Method != http.MethodGet || !strings.HasPrefix(resp.Request.URL.Path, "/v1/batches/") || resp.StatusCode != http.StatusOK {
				return nil
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				return err
			}
			var b map[string]any
			if err := json.Unmarshal(body, &b); err != nil {
				return err
			}
			rw(b)
			body, _ = json.Marshal(b)
			resp.Body = io.NopCloser(bytes.NewReader(body))
			resp.ContentLength = int64(len(body))
			resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
			return nil
		},
	}
	p.srv = httptest.NewServer(rp)
	t.Cleanup(func() {
		p.srv.Close()
		tr.CloseIdleConnections()
	})
	return p
}

func (p *providerProxy) setRewrite(f func(map[string]any)) {
	p.mu.Lock()
	p.rewrite = f
	p.mu.Unlock()
}

// providerEnv is the real pipeline and LLM client, the client talking to
// the stub through the proxy.
type providerEnv struct {
	stub   *llmtest.Server
	proxy  *providerProxy
	client *llm.Client
	pipe   *summarize.Pipeline
	dir    string
}

func newProviderEnv(t testing.TB, stubOpts ...llmtest.Option) *providerEnv {
	t.Helper()
	stub := llmtest.NewServer(t, stubOpts...)
	proxy := newProviderProxy(t, stub)
	c, err := llm.New(llm.Config{BaseURL: proxy.srv.URL + "/v1", Model: "stub-model"},
		llm.WithSleep(func(context.Context, time.Duration) error { return nil }))
	if err != nil {
		t.Fatal(err)
	}
	det, fx := sharedCore()
	l := summarize.NewLLM(c, verify.New(fx, det), summarize.WithRepairRounds(0))
	return &providerEnv{stub: stub, proxy: proxy, client: c, pipe: summarize.NewPipeline(det, fx, summarize.WithLLM(l)), dir: t.TempDir()}
}

func (e *providerEnv) state() string { return filepath.Join(e.dir, "run.state.json") }

func fixtureArticles(t testing.TB) []sangbad.Article {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "provider", "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []sangbad.Article
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a sangbad.Article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func readResults(t *testing.T, path string) map[string]Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]Result{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if line == "" {
			continue
		}
		var r Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad result line %q: %v", line, err)
		}
		if _, dup := out[r.ID]; dup {
			t.Errorf("result %s written twice", r.ID)
		}
		out[r.ID] = r
	}
	return out
}

// runProvider runs RunProvider into path, resuming it as the command does.
func (e *providerEnv) runProvider(ctx context.Context, t *testing.T, cfg ProviderConfig, as []sangbad.Article, provider Provider, path string) (Summary, error) {
	t.Helper()
	f, done, err := ResumeFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg.Done = done
	if cfg.StateFile == "" {
		cfg.StateFile = e.state()
	}
	if cfg.PollEvery == 0 {
		cfg.PollEvery = time.Millisecond
	}
	if provider == nil {
		provider = e.client
	}
	return RunProvider(ctx, cfg, feed.Slice(as...), e.pipe, provider, f, nil)
}

// comparable is what the batch and the synchronous path must agree on.
func comparableSummary(s sangbad.Summary) sangbad.Summary {
	s.Usage, s.Diagnostics = nil, nil
	return s
}

func TestRunProvider(t *testing.T) {
	as := fixtureArticles(t)
	// One answer invents a number, which the verifier must catch.
	invented := as[2]
	e := newProviderEnv(t, llmtest.WithBatchPolls(2), llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		if strings.Contains(r.User(), firstWords(invented.Text)) {
			return llmtest.Reply{Content: `{"sentences":[{"text":"Gunmen killed 977 people in Mogadishu.","sources":[0]}]}`}
		}
		return llmtest.Echo(r)
	}))
	out := filepath.Join(e.dir, "results.jsonl")
	sum, err := e.runProvider(t.Context(), t, ProviderConfig{}, as, nil, out)
	if err != nil {
		t.Fatal(err)
	}
	if want := (Summary{Total: len(as), OK: len(as)}); sum.Total != want.Total || sum.OK != want.OK || sum.Failed != 0 || sum.Skipped != 0 {
		t.Errorf("summary = %+v, want %d ok", sum, len(as))
	}
	if got := e.proxy.creates.Load(); got != 1 {
		t.Errorf("POST /v1/batches %d times, want 1", got)
	}
	reqs := e.stub.Requests()
	if len(reqs) != len(as) {
		t.Errorf("the stub answered %d requests, want one summary a article (%d)", len(reqs), len(as))
	}
	for _, r := range reqs {
		if !r.Batch {
			t.Errorf("a synchronous %q call: a batch run must send every summary through the batch", r.FormatType())
		}
	}
	for _, p := range []string{e.state(), e.state() + ".spool"} {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s left behind after a complete run (%v)", filepath.Base(p), err)
		}
	}

	// The synchronous path (LLM facts off: batch mode uses the rule facts)
	// over the same stub gives the same summaries.
	det, fx := sharedCore()
	sync := summarize.NewPipeline(det, fx, summarize.WithLLM(summarize.NewLLM(e.client, verify.New(fx, det), summarize.WithRepairRounds(0), summarize.WithFactsAssist(false))))
	got := readResults(t, out)
	langs := map[string]int{}
	for _, a := range as {
		r, ok := got[a.ID]
		if !ok || !r.OK() || r.Analysis == nil {
			t.Errorf("%s: result %+v", a.ID, r)
			continue
		}
		an := r.Analysis
		code := an.Language.Code
		langs[code]++
		s, ok := an.Summaries[code]
		if !ok {
			t.Errorf("%s: no summary in %s: %v", a.ID, code, an.Summaries)
			continue
		}
		if s.Method != sangbad.MethodLLM || s.Model != "stub-model" || s.PromptVersion == "" || s.Verified == nil || len(s.Sentences) == 0 || s.Usage == nil || s.Usage.Calls != 1 {
			t.Errorf("%s: summary %+v", a.ID, s)
		}
		wantVerified := a.ID != invented.ID
		if s.Verified != nil && *s.Verified != wantVerified {
			t.Errorf("%s: verified %v, want %v (issues %+v)", a.ID, *s.Verified, wantVerified, s.Issues)
		}
		if !wantVerified && !slices.ContainsFunc(s.Issues, func(is sangbad.Issue) bool { return is.Kind == sangbad.IssueNumber && is.Text == "977" }) {
			t.Errorf("%s: the invented number is not an issue: %+v", a.ID, s.Issues)
		}
		if an.Usage == nil || an.Usage.TotalTokens != s.Usage.TotalTokens {
			t.Errorf("%s: analysis usage %+v, summary usage %+v", a.ID, an.Usage, s.Usage)
		}
		want, err := sync.Analyze(t.Context(), a, sangbad.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(comparableSummary(want.Summaries[code]), comparableSummary(s)); diff != "" {
			t.Errorf("%s: batch summary differs from the synchronous one (-sync +batch):\n%s", a.ID, diff)
		}
		if diff := cmp.Diff(want.Warnings, an.Warnings); diff != "" {
			t.Errorf("%s: warnings (-sync +batch):\n%s", a.ID, diff)
		}
		if diff := cmp.Diff(want.Facts, an.Facts); diff != "" {
			t.Errorf("%s: facts (-sync +batch):\n%s", a.ID, diff)
		}
	}
	if diff := cmp.Diff(map[string]int{"en": 5, "bn": 5}, langs); diff != "" {
		t.Errorf("languages (-want +got):\n%s", diff)
	}

	// A rerun over the complete output does nothing.
	sum, err = e.runProvider(t.Context(), t, ProviderConfig{}, as, nil, out)
	if err != nil || sum.Skipped != len(as) || sum.OK != 0 {
		t.Errorf("rerun: %+v, %v", sum, err)
	}
	if got := e.proxy.creates.Load(); got != 1 {
		t.Errorf("rerun submitted again: %d batches", got)
	}
}

// cancelAfterSubmit cancels the run once n batches are submitted: a crash
// right after the provider accepted them.
type cancelAfterSubmit struct {
	Provider
	n      int
	cancel context.CancelFunc
	seen   int
}

func (c *cancelAfterSubmit) SubmitGenerateBatch(ctx context.Context, ids []string, reqs []sangbad.CompletionRequest, md map[string]string) (string, error) {
	id, err := c.Provider.SubmitGenerateBatch(ctx, ids, reqs, md)
	if c.seen++; c.seen == c.n {
		c.cancel()
	}
	return id, err
}

func TestRunProviderRestart(t *testing.T) {
	tests := []struct {
		name     string
		maxItems int
		cancelAt int
		batches  int64
	}{
		{"one batch", 0, 1, 1},
		{"first of three batches", 4, 1, 3},
		{"last of three batches", 4, 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newProviderEnv(t, llmtest.WithBatchPolls(3))
			as := fixtureArticles(t)
			out := filepath.Join(e.dir, "results.jsonl")
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			cfg := ProviderConfig{MaxItemsPerBatch: tt.maxItems}
			_, err := e.runProvider(ctx, t, cfg, as, &cancelAfterSubmit{Provider: e.client, n: tt.cancelAt, cancel: cancel}, out)
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("first run: %v, want canceled", err)
			}
			b, err := os.ReadFile(e.state())
			if err != nil {
				t.Fatal(err)
			}
			var st providerState
			if err := json.Unmarshal(b, &st); err != nil {
				t.Fatal(err)
			}
			if !st.Prepared || len(st.Batches) != tt.cancelAt || st.Batches[0].ID == "" || st.Batches[0].Finished {
				t.Fatalf("state after the first run: %s", b)
			}
			if got := readResults(t, out); len(got) != 0 {
				t.Errorf("the first run wrote %d results before any batch finished", len(got))
			}

			sum, err := e.runProvider(t.Context(), t, cfg, as, nil, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.proxy.creates.Load(); got != tt.batches {
				t.Errorf("POST /v1/batches %d times, want %d (no resubmission)", got, tt.batches)
			}
			if sum.OK != len(as) {
				t.Errorf("second run: %+v", sum)
			}
			got := readResults(t, out)
			if len(got) != len(as) {
				t.Errorf("%d results, want %d", len(got), len(as))
			}
			for id, r := range got {
				if !r.OK() || r.Analysis.Summaries[r.Analysis.Language.Code].Method != sangbad.MethodLLM {
					t.Errorf("%s: %+v", id, r)
				}
			}
			if n := len(e.stub.Requests()); n != len(as) {
				t.Errorf("the stub answered %d requests, want %d", n, len(as))
			}
		})
	}
}

// TestRunProviderRestartWhilePreparing cancels during preparation: the
// rerun prepares only what the spool lacks and submits everything once.
func TestRunProviderRestartWhilePreparing(t *testing.T) {
	e := newProviderEnv(t)
	as := fixtureArticles(t)
	out := filepath.Join(e.dir, "results.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	prep := &countingPreparer{Preparer: e.pipe, cancelAt: 4, cancel: cancel}
	f, done, err := ResumeFile(out, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = RunProvider(ctx, ProviderConfig{StateFile: e.state(), PollEvery: time.Millisecond, Concurrency: 1, Done: done}, feed.Slice(as...), prep, e.client, f, nil)
	f.Close()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v", err)
	}
	if e.proxy.creates.Load() != 0 {
		t.Fatal("submitted before every article was prepared")
	}
	first := prep.calls.Load()
	prep2 := &countingPreparer{Preparer: e.pipe}
	f, done, err = ResumeFile(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := RunProvider(t.Context(), ProviderConfig{StateFile: e.state(), PollEvery: time.Millisecond, Done: done}, feed.Slice(as...), prep2, e.client, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readResults(t, out); len(got) != len(as) {
		t.Errorf("%d results, want %d (summary %+v)", len(got), len(as), sum)
	}
	// Articles spooled before the cancellation are not prepared again.
	if first == 0 || len(prep.okIDs()) == 0 {
		t.Fatal("the first run prepared nothing")
	}
	for id := range prep.okIDs() {
		if prep2.okIDs()[id] {
			t.Errorf("%s prepared by both runs", id)
		}
	}
	if n := len(prep.okIDs()) + len(prep2.okIDs()); n != len(as) {
		t.Errorf("%d articles prepared in all, want %d", n, len(as))
	}
	if e.proxy.creates.Load() != 1 {
		t.Errorf("%d batches, want 1", e.proxy.creates.Load())
	}
}

// countingPreparer records the articles prepared without error, and
// cancels the run at its cancelAt-th call (after preparing that article).
type countingPreparer struct {
	Preparer
	calls    atomic.Int64
	cancelAt int64
	cancel   context.CancelFunc
	mu       sync.Mutex
	ok       map[string]bool
}

func (c *countingPreparer) PrepareBatch(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, map[string]sangbad.CompletionRequest, error) {
	n := c.calls.Add(1)
	an, reqs, err := c.Preparer.PrepareBatch(ctx, a, o)
	if err == nil && ctx.Err() == nil {
		c.mu.Lock()
		if c.ok == nil {
			c.ok = map[string]bool{}
		}
		c.ok[a.ID] = true
		c.mu.Unlock()
	} else if err == nil {
		err = ctx.Err() // prepared after the "crash": lost
	}
	if c.cancel != nil && n == c.cancelAt {
		c.cancel()
	}
	return an, reqs, err
}

func (c *countingPreparer) okIDs() map[string]bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.ok)
}

func TestRunProviderBatchFails(t *testing.T) {
	tests := []struct {
		name    string
		rewrite func(map[string]any)
		// llm is set when the answers are still used (an expired batch
		// keeps what it finished).
		llm      bool
		code     string
		warnings []string
	}{
		{
			name: "failed",
			rewrite: func(b map[string]any) {
				b["status"] = "failed"
				delete(b, "output_file_id")
				delete(b, "error_file_id")
			},
			code: "llm_batch_failed",
		},
		{
			name: "cancelled without output",
			rewrite: func(b map[string]any) {
				b["status"] = "cancelled"
				delete(b, "output_file_id")
			},
			code: "llm_batch_cancelled",
		},
		{
			name:    "expired with its finished answers",
			rewrite: func(b map[string]any) { b["status"] = "expired" },
			llm:     true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newProviderEnv(t)
			e.proxy.setRewrite(tt.rewrite)
			as := fixtureArticles(t)
			en, bn := as[0], as[len(as)-1]
			out := filepath.Join(e.dir, "results.jsonl")
			// Summaries in both languages: the article's own falls back to
			// the extractive summary, the other carries the error.
			o := sangbad.Options{Languages: []string{"en", "bn"}}
			sum, err := e.runProvider(t.Context(), t, ProviderConfig{Options: o}, []sangbad.Article{en, bn}, nil, out)
			if err != nil {
				t.Fatal(err)
			}
			if sum.OK != 2 || sum.Failed != 0 {
				t.Errorf("summary %+v: a failed provider batch must not fail the articles", sum)
			}
			if e.proxy.creates.Load() != 1 {
				t.Errorf("%d batches submitted, want 1 (no resubmission)", e.proxy.creates.Load())
			}
			got := readResults(t, out)
			for _, a := range []sangbad.Article{en, bn} {
				an := got[a.ID].Analysis
				if an == nil {
					t.Fatalf("%s: %+v", a.ID, got[a.ID])
				}
				own := an.Language.Code
				other := map[string]string{"en": "bn", "bn": "en"}[own]
				s, x := an.Summaries[own], an.Summaries[other]
				if tt.llm {
					if s.Method != sangbad.MethodLLM || x.Method != sangbad.MethodLLM || x.Error != nil {
						t.Errorf("%s: summaries %+v / %+v, want the expired batch's answers", a.ID, s, x)
					}
					continue
				}
				if s.Method != sangbad.MethodExtractive || s.Text == "" {
					t.Errorf("%s: own-language summary %+v, want the extractive fallback", a.ID, s)
				}
				if x.Error == nil || x.Error.Code != tt.code || x.Text != "" {
					t.Errorf("%s: %s summary %+v, want error %s", a.ID, other, x, tt.code)
				}
				wantWarn := []string{"LLM summary in " + own + " failed", "no summary in " + other + ":"}
				for _, w := range wantWarn {
					if !slices.ContainsFunc(an.Warnings, func(s string) bool { return strings.HasPrefix(s, w) && strings.Contains(s, "provider batch") }) {
						t.Errorf("%s: no warning %q naming the provider batch in %q", a.ID, w, an.Warnings)
					}
				}
			}
		})
	}
}

// TestRunProviderItemFails: one item the provider answered with garbage
// falls back alone; the others keep their LLM summaries.
func TestRunProviderItemFails(t *testing.T) {
	as := fixtureArticles(t)
	bad := as[1]
	e := newProviderEnv(t, llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		if strings.Contains(r.User(), firstWords(bad.Text)) {
			return llmtest.Reply{Content: "I cannot summarise this."}
		}
		return llmtest.Echo(r)
	}))
	out := filepath.Join(e.dir, "results.jsonl")
	if _, err := e.runProvider(t.Context(), t, ProviderConfig{}, as, nil, out); err != nil {
		t.Fatal(err)
	}
	got := readResults(t, out)
	for _, a := range as {
		an := got[a.ID].Analysis
		s := an.Summaries[an.Language.Code]
		wantMethod := sangbad.MethodLLM
		if a.ID == bad.ID {
			wantMethod = sangbad.MethodExtractive
			if s.Diagnostics == nil || s.Diagnostics.LastInvalid != "I cannot summarise this." {
				t.Errorf("fallback keeps the rejected answer in its diagnostics: %+v", s.Diagnostics)
			}
			if len(an.Warnings) == 0 || !strings.Contains(strings.Join(an.Warnings, "\n"), "extractive summary is given instead") {
				t.Errorf("no fallback warning: %q", an.Warnings)
			}
		}
		if s.Method != wantMethod {
			t.Errorf("%s: method %s, want %s", a.ID, s.Method, wantMethod)
		}
	}
}

func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(6, len(f))], " ")
}

// TestRunProviderNothingToSubmit: with the LLM off every article is done
// locally and nothing goes to the provider.
func TestRunProviderNothingToSubmit(t *testing.T) {
	e := newProviderEnv(t)
	as := fixtureArticles(t)
	out := filepath.Join(e.dir, "results.jsonl")
	bad := sangbad.Article{ID: "empty", Text: "  "}
	sum, err := e.runProvider(t.Context(), t, ProviderConfig{Options: sangbad.Options{LLM: "off"}}, append(as, bad), nil, out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != len(as) || sum.Failed != 1 || e.proxy.creates.Load() != 0 {
		t.Errorf("summary %+v, %d batches", sum, e.proxy.creates.Load())
	}
	got := readResults(t, out)
	if r := got["empty"]; r.Error == nil || r.Error.Code != "text_required" {
		t.Errorf("empty article: %+v", r)
	}
}

// cancelFinish cancels the run at the n-th FinishBatch: a crash while a
// downloaded batch is being written out.
type cancelFinish struct {
	Preparer
	n      int64
	calls  atomic.Int64
	cancel context.CancelFunc
}

func (c *cancelFinish) FinishBatch(ctx context.Context, a sangbad.Article, o sangbad.Options, an *sangbad.Analysis, answer func(string) (sangbad.Completion, error)) error {
	if c.calls.Add(1) == c.n {
		c.cancel()
		return ctx.Err()
	}
	return c.Preparer.FinishBatch(ctx, a, o, an, answer)
}

func TestRunProviderRestartWhileFinishing(t *testing.T) {
	e := newProviderEnv(t)
	as := fixtureArticles(t)
	out := filepath.Join(e.dir, "results.jsonl")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	f, done, err := ResumeFile(out, false)
	if err != nil {
		t.Fatal(err)
	}
	prep := &cancelFinish{Preparer: e.pipe, n: 6, cancel: cancel}
	_, err = RunProvider(ctx, ProviderConfig{StateFile: e.state(), PollEvery: time.Millisecond, Concurrency: 1, Done: done}, feed.Slice(as...), prep, e.client, f, nil)
	f.Close()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v", err)
	}
	partial := readResults(t, out)
	if len(partial) == 0 || len(partial) >= len(as) {
		t.Fatalf("the first run wrote %d of %d results", len(partial), len(as))
	}
	sum, err := e.runProvider(t.Context(), t, ProviderConfig{}, as, nil, out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Skipped != len(partial) || sum.OK != len(as)-len(partial) {
		t.Errorf("second run %+v after %d results", sum, len(partial))
	}
	if got := readResults(t, out); len(got) != len(as) { // readResults reports duplicates
		t.Errorf("%d results, want %d", len(got), len(as))
	}
	if e.proxy.creates.Load() != 1 {
		t.Errorf("%d batches, want 1", e.proxy.creates.Load())
	}
}
