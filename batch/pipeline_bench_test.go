package batch_test

// Benchmarks of the batch runner and the JetStream queue with the REAL
// analysis pipeline (language detection, rule facts, extractive summary,
// and, for the LLM benchmarks, one summary call per article through the
// real LLM client to the llmtest stub, checked by the real verifier).
// bench_test.go measures the batch machinery alone with a fake analyzer.
//
// The articles are real news texts (testdata/bench/articles.jsonl: 8
// English CNN/DailyMail and 8 Bengali BNLPC articles copied from the
// evaluation set; evaluation use only). Measured figures are in README.md,
// "Measured throughput".
//
//	go test ./batch -run '^$' -bench 'RunLLM|QueueLLM' -benchtime 1x
//	go test ./batch -run '^$' -bench RunOfflinePipeline -cpu 1,2
//	SANGBAD_LONG=1 go test ./batch -run TestBatchMemory100k -v

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/batch/feed"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/segment"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
)

const (
	// stubLatency is the LLM stub's answer time and inFlight the batch
	// concurrency: the ceiling is inFlight/stubLatency = 213 articles/s.
	stubLatency = 300 * time.Millisecond
	inFlight    = 64
	// llmItems is the number of articles one benchmark op processes.
	llmItems = 640
	// published is given to every article, as wire stories carry a date.
	published = "2024-01-17"
)

var ceiling = float64(inFlight) / stubLatency.Seconds()

// benchArticles reads the real news articles of testdata/bench and their
// languages.
func benchArticles(tb testing.TB) (arts []sangbad.Article, langs []string) {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "bench", "articles.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			ID, Lang, Title, Text string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatal(err)
		}
		arts = append(arts, sangbad.Article{ID: r.ID, Title: r.Title, Text: r.Text, Published: published})
		langs = append(langs, r.Lang)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	if len(arts) == 0 {
		tb.Fatal("no bench articles")
	}
	return arts, langs
}

// cycle returns n articles cycling through src, each with a distinct id
// (prefix, the source id and a number).
func cycle(src []sangbad.Article, n int, prefix string) []sangbad.Article {
	out := make([]sangbad.Article, n)
	for i := range out {
		a := src[i%len(src)]
		a.ID = fmt.Sprintf("%s%s-%05d", prefix, a.ID, i)
		out[i] = a
	}
	return out
}

// offlinePipeline is the production analysis without an LLM.
func offlinePipeline(tb testing.TB) *summarize.Pipeline {
	tb.Helper()
	det, err := lang.New(lang.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return summarize.NewPipeline(det, facts.New())
}

// llmEnv is the production analysis with LLM summaries against the stub.
type llmEnv struct {
	stub *llmtest.Server
	pipe *summarize.Pipeline
}

func newLLMEnv(b *testing.B) *llmEnv {
	b.Helper()
	stub := llmtest.NewServer(b, llmtest.WithLatency(stubLatency))
	det, err := lang.New(lang.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ext := facts.New()
	client, err := llm.New(llm.Config{
		BaseURL: stub.BaseURL(), Model: "stub",
		// As many as the batch has in flight: one call per article, so
		// the client's limit never holds the batch back.
		MaxConcurrent: inFlight,
		Timeout:       30 * time.Second,
	})
	if err != nil {
		b.Fatal(err)
	}
	l := summarize.NewLLM(client, verify.New(ext, det), summarize.WithFactsAssist(false))
	return &llmEnv{stub: stub, pipe: summarize.NewPipeline(det, ext, summarize.WithLLM(l))}
}

// llmOptions asks for an LLM summary in the article's own language; a
// failed LLM call fails the item instead of falling back silently.
var llmOptions = sangbad.Options{LLM: "required"}

// checked wraps an analyzer and counts what its summaries are: LLM-written
// and verified, or not.
type checked struct {
	an       batch.Analyzer
	llm, ver atomic.Int64

	mu    sync.Mutex
	times []time.Duration // wall time of each Analyze
}

func (c *checked) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	start := time.Now()
	res, err := c.an.Analyze(ctx, a, o)
	d := time.Since(start)
	c.mu.Lock()
	c.times = append(c.times, d)
	c.mu.Unlock()
	if err == nil {
		for _, s := range res.Summaries {
			if s.Method == sangbad.MethodLLM && s.Error == nil {
				c.llm.Add(1)
				if s.Verified != nil && *s.Verified {
					c.ver.Add(1)
				}
			}
		}
	}
	return res, err
}

func (c *checked) reset() {
	c.llm.Store(0)
	c.ver.Store(0)
	c.mu.Lock()
	c.times = c.times[:0]
	c.mu.Unlock()
}

// reportTimes reports the median and 99th percentile of the per-article
// analysis time in ms, and how busy the slots were: the analysis time of
// all articles over inFlight × the elapsed time (what is missing was lost
// between analyses: dispatch, result writing, the start and end of the
// batch).
func (c *checked) reportTimes(b *testing.B, el time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.times) == 0 {
		return
	}
	t := slices.Clone(c.times)
	slices.Sort(t)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(t[len(t)/2]), "ms-median")
	b.ReportMetric(ms(t[len(t)*99/100]), "ms-p99")
	var sum time.Duration
	for _, d := range t {
		sum += d
	}
	b.ReportMetric(100*sum.Seconds()/(inFlight*el.Seconds()), "slots-busy-%")
	b.ReportMetric(ms(sum/time.Duration(len(t))), "ms-mean")
}

// warm analyses one article of each language before timing: lingua loads
// its models on first use and the client opens its first connection.
func warm(b *testing.B, an batch.Analyzer, arts []sangbad.Article, langs []string, o sangbad.Options) {
	b.Helper()
	seen := map[string]bool{}
	for i, a := range arts {
		if seen[langs[i]] {
			continue
		}
		seen[langs[i]] = true
		if _, err := an.Analyze(context.Background(), a, o); err != nil {
			b.Fatal(err)
		}
	}
}

// reportLLM reports throughput against the ceiling and how the work was
// done: LLM calls per article, the stub's peak concurrency and the share
// of LLM summaries that verified.
func reportLLM(b *testing.B, env *llmEnv, c *checked, calls0 int, cpu time.Duration, items int, el time.Duration) {
	rate := float64(items) / el.Seconds()
	reportCPU(b, cpu, items, el)
	b.ReportMetric(rate, "articles/s")
	b.ReportMetric(rate/ceiling, "of-ceiling")
	b.ReportMetric(float64(env.stub.Calls()-calls0)/float64(items), "llm-calls/article")
	b.ReportMetric(float64(env.stub.MaxInFlight()), "max-in-flight")
	b.ReportMetric(100*float64(c.ver.Load())/float64(max(c.llm.Load(), 1)), "verified-%")
	c.reportTimes(b, el)
	if got := c.llm.Load(); got != int64(items) {
		b.Errorf("%d LLM summaries for %d articles", got, items)
	}
}

// reportCPU reports the process CPU time per article (stub server and
// embedded NATS server included when they run) and the cores it kept busy.
func reportCPU(b *testing.B, cpu time.Duration, items int, el time.Duration) {
	if cpu <= 0 {
		return
	}
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(items), "cpu-ms/article")
	b.ReportMetric(cpu.Seconds()/el.Seconds(), "cores-busy")
}

// BenchmarkRunLLM runs one batch of 640 real articles per op (b.N×640 in
// one batch.Run: -benchtime 1x is a 640-article batch, 4x a 2560-article
// one, where the start and the end of the batch weigh less) with 64 in
// flight; each article makes one LLM call answered after 300 ms, so the
// ceiling is 64/0.3 s = 213 articles/s. Reported: articles/s, the ratio to
// the ceiling (done when >= 0.9), CPU per article and cores kept busy, LLM
// calls per article, the peak number of calls the stub served at once, the
// median and p99 time of one analysis, and the share of verified summaries.
func BenchmarkRunLLM(b *testing.B) {
	env := newLLMEnv(b)
	arts, langs := benchArticles(b)
	c := &checked{an: env.pipe}
	warm(b, c, arts, langs, llmOptions)
	c.reset()
	calls0 := env.stub.Calls()
	items := b.N * llmItems
	src := feed.Slice(cycle(arts, items, "r-")...)
	b.ResetTimer()
	start, cpu0 := time.Now(), processCPU()
	sum, err := batch.Run(context.Background(), batch.RunConfig{Concurrency: inFlight, Options: llmOptions}, src, c, io.Discard, nil)
	el, cpu := time.Since(start), processCPU()-cpu0
	b.StopTimer()
	if err != nil || sum.OK != items {
		b.Fatalf("%v: %v", sum, err)
	}
	reportLLM(b, env, c, calls0, cpu, items, el)
}

// BenchmarkQueueLLM is BenchmarkRunLLM through the NATS JetStream queue:
// an embedded server with file storage in a temporary folder, one Submit
// of b.N×640 articles, one RunWorker with 64 in flight, timed from the
// Submit until the last result is published on the batch's results
// subject (each result is stored in the results bucket and published
// before its job is acked).
func BenchmarkQueueLLM(b *testing.B) {
	env := newLLMEnv(b)
	arts, langs := benchArticles(b)
	c := &checked{an: env.pipe}
	warm(b, c, arts, langs, llmOptions)
	c.reset()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := batch.StartEmbedded(ctx, b.TempDir(), batch.EmbeddedOptions{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Shutdown(context.Background())
	nc, err := srv.Connect()
	if err != nil {
		b.Fatal(err)
	}
	defer nc.Close()
	q, err := batch.NewQueue(ctx, nc, batch.QueueConfig{})
	if err != nil {
		b.Fatal(err)
	}
	wctx, stopWorker := context.WithCancel(ctx)
	workerDone := make(chan error, 1)
	go func() { workerDone <- batch.RunWorker(wctx, q, c, batch.WorkerConfig{Concurrency: inFlight}) }()
	defer func() {
		stopWorker()
		if err := <-workerDone; err != nil {
			b.Error(err)
		}
	}()

	calls0 := env.stub.Calls()
	items := b.N * llmItems
	const id = "qbench"
	var ok, failed atomic.Int64
	done := make(chan struct{})
	var once sync.Once
	sub, err := nc.Subscribe("sangbad.results."+id, func(m *nats.Msg) {
		if m.Header.Get("Sangbad-Status") == string(batch.StatusOK) {
			ok.Add(1)
		} else {
			failed.Add(1)
		}
		if ok.Load()+failed.Load() == int64(items) {
			once.Do(func() { close(done) })
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	defer sub.Unsubscribe()
	src := feed.Slice(cycle(arts, items, id+"-")...)
	b.ResetTimer()
	start, cpu0 := time.Now(), processCPU()
	rep, err := q.Submit(ctx, id, src, llmOptions)
	if err != nil || rep.Queued != items {
		b.Fatalf("%+v: %v", rep, err)
	}
	select {
	case <-done:
	case <-time.After(time.Duration(b.N) * 2 * time.Minute):
		b.Fatalf("batch %s: %d ok, %d failed after %d minutes", id, ok.Load(), failed.Load(), 2*b.N)
	}
	el, cpu := time.Since(start), processCPU()-cpu0
	b.StopTimer()
	if failed.Load() > 0 {
		b.Fatalf("batch %s: %d items failed", id, failed.Load())
	}
	reportLLM(b, env, c, calls0, cpu, items, el)
}

// BenchmarkRunOfflinePipeline measures batch.Run with the real offline
// pipeline (language detection, rule facts, extractive summary, no LLM) on
// the 4-5.4 KB articles of the fixture: one op is one article, so ns/op is
// the wall time per article at this GOMAXPROCS (run with -cpu 1,2).
// Reported besides: articles/s, articles/s per core, and the mean article
// size in bytes.
func BenchmarkRunOfflinePipeline(b *testing.B) {
	pipe := offlinePipeline(b)
	var big []sangbad.Article
	var bigLangs []string
	size := 0
	arts, langs := benchArticles(b)
	for i, a := range arts {
		if len(a.Text) >= 3900 {
			big = append(big, a)
			bigLangs = append(bigLangs, langs[i])
			size += len(a.Text)
		}
	}
	if len(big) == 0 {
		b.Fatal("no long articles in the fixture")
	}
	procs := runtime.GOMAXPROCS(0)
	warm(b, pipe, big, bigLangs, sangbad.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	start, cpu0 := time.Now(), processCPU()
	sum, err := batch.Run(context.Background(), batch.RunConfig{Concurrency: 2 * procs},
		feed.Slice(cycle(big, b.N, "o-")...), pipe, io.Discard, nil)
	el, cpu := time.Since(start), processCPU()-cpu0
	b.StopTimer()
	if err != nil || sum.OK != b.N {
		b.Fatalf("%v: %v", sum, err)
	}
	rate := float64(b.N) / el.Seconds()
	b.ReportMetric(rate, "articles/s")
	b.ReportMetric(rate/float64(procs), "articles/s/core")
	b.ReportMetric(float64(size)/float64(len(big)), "bytes/article")
	reportCPU(b, cpu, b.N, el)
}

// shortArticles generates n short articles (300-600 characters) lazily by
// cycling the real sentences of the fixture, English and Bengali in turn,
// each article starting at a different sentence and with its own id, so
// that the input itself holds no memory.
type shortArticles struct {
	pools [2][]string // sentences by language
	n, i  int
}

func newShortArticles(tb testing.TB, n int) *shortArticles {
	g := &shortArticles{n: n}
	arts, langs := benchArticles(tb)
	for i, a := range arts {
		k := 0
		if langs[i] == "bn" {
			k = 1
		}
		for _, s := range segment.Sentences(a.Text) {
			if t := strings.TrimSpace(s.Text); utf8.RuneCountInString(t) >= 20 && utf8.RuneCountInString(t) <= 300 {
				g.pools[k] = append(g.pools[k], t)
			}
		}
	}
	if len(g.pools[0]) == 0 || len(g.pools[1]) == 0 {
		tb.Fatal("no sentences")
	}
	return g
}

func (g *shortArticles) Next(ctx context.Context) (feed.Item, error) {
	if g.i >= g.n {
		return feed.Item{}, io.EOF
	}
	i := g.i
	g.i++
	pool := g.pools[i%2]
	var b strings.Builder
	n := 0
	for j := (i / 2) * 7; n < 300; j++ {
		s := pool[j%len(pool)]
		if n > 0 && n+1+utf8.RuneCountInString(s) > 600 {
			if n >= 300 {
				break
			}
			continue
		}
		if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(s)
		n += utf8.RuneCountInString(s)
	}
	id := fmt.Sprintf("short-%06d", i)
	return feed.Item{Article: sangbad.Article{ID: id, Text: b.String(), Published: published}, Pos: id}, nil
}

func (g *shortArticles) Close() error { return nil }

// heapSampler is a batch.Progress that, every `every` items, forces a
// collection and records the live heap.
type heapSampler struct {
	every, n int
	live     []uint64 // HeapAlloc after a forced GC, bytes
	inuse    []uint64 // HeapInuse before it
	items    []int
}

func (h *heapSampler) sample() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	inuse := m.HeapInuse
	runtime.GC()
	runtime.ReadMemStats(&m)
	h.live = append(h.live, m.HeapAlloc)
	h.inuse = append(h.inuse, inuse)
	h.items = append(h.items, h.n)
}

func (h *heapSampler) Start(int) {}
func (h *heapSampler) Item(batch.Event) {
	h.n++
	if h.n%h.every == 0 {
		h.sample()
	}
}
func (h *heapSampler) Finish(batch.Summary) {}

// countingWriter counts the bytes and lines written to it.
type countingWriter struct{ bytes, lines int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.bytes += int64(len(p))
	w.lines += int64(strings.Count(string(p), "\n"))
	return len(p), nil
}

// TestBatchMemory100k streams 100,000 short real-text articles through
// batch.Run with the real offline pipeline and checks that the live heap
// stays flat: sampled (after a forced GC) every 10,000 items, no sample
// exceeds the first by more than 4 MiB + 10%; a leak of 64 bytes or more
// per item would exceed that. It takes a minute or more on
// two cores, so it runs only with SANGBAD_LONG=1.
func TestBatchMemory100k(t *testing.T) {
	if os.Getenv("SANGBAD_LONG") != "1" {
		t.Skip("set SANGBAD_LONG=1 to stream 100k articles")
	}
	const n, every = 100_000, 10_000
	pipe := offlinePipeline(t)
	src := newShortArticles(t, n)
	out := &countingWriter{}
	h := &heapSampler{every: every}
	procs := runtime.GOMAXPROCS(0)
	sum, err := batch.Run(context.Background(), batch.RunConfig{Concurrency: 2 * procs, Ordered: true, Total: n},
		src, pipe, out, h)
	if err != nil {
		t.Fatal(err)
	}
	if sum.OK != n || out.lines != n {
		t.Fatalf("summary %v, %d lines written", sum, out.lines)
	}
	mib := func(v uint64) float64 { return float64(v) / (1 << 20) }
	for i := range h.live {
		t.Logf("after %6d items: live heap %6.1f MiB, heap in use %6.1f MiB", h.items[i], mib(h.live[i]), mib(h.inuse[i]))
	}
	if len(h.live) != n/every {
		t.Fatalf("%d samples, want %d", len(h.live), n/every)
	}
	// The last sample is taken as the batch drains (nothing in flight); the
	// others with the pipeline full.
	full := h.live[:len(h.live)-1]
	first, last := h.live[0], h.live[len(h.live)-1]
	lo, hi := slices.Min(full), slices.Max(full)
	t.Logf("%s; %.1f articles/s/core; output %.1f MiB (%.0f bytes/result); live heap first %.1f MiB, last %.1f MiB (drained); in flight min %.1f, max %.1f MiB (max/min %.2f)",
		sum, sum.Rate/float64(procs), float64(out.bytes)/(1<<20), float64(out.bytes)/n, mib(first), mib(last), mib(lo), mib(hi), float64(hi)/float64(lo))
	limit := first + first/10 + 4<<20
	if last > limit {
		t.Errorf("live heap grew from %.1f MiB at %d items to %.1f MiB at %d items (limit %.1f MiB)",
			mib(first), h.items[0], mib(last), h.items[len(h.items)-1], mib(limit))
	}
	if hi > limit {
		t.Errorf("live heap reached %.1f MiB, from %.1f MiB at %d items (limit %.1f MiB)", mib(hi), mib(first), h.items[0], mib(limit))
	}
}
