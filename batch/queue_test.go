package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// testQueueConfig is shared by the test process and its helper worker
// subprocess: NewQueue updates the consumer, so both must agree.
func testQueueConfig() QueueConfig {
	return QueueConfig{AckWait: time.Second, MaxDeliver: 3}
}

type natsEnv struct {
	e  *Embedded
	nc *nats.Conn
	q  *Queue
}

func startQueue(t testing.TB, listen bool, cfg QueueConfig) *natsEnv {
	t.Helper()
	ctx := context.Background()
	opts := EmbeddedOptions{}
	if listen {
		opts.Port = -1
	}
	e, err := StartEmbedded(ctx, t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	nc, err := e.Connect()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		nc.Close()
		e.Shutdown(context.Background())
	})
	q, err := NewQueue(ctx, nc, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &natsEnv{e: e, nc: nc, q: q}
}

// startWorker runs a worker until the returned stop function is called.
func startWorker(t testing.TB, q *Queue, an Analyzer, cfg WorkerConfig) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- RunWorker(ctx, q, an, cfg) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("RunWorker: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// waitFor polls cond until it holds; the limit only guards against a hung
// test, it is not a speed assertion.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func counts(t testing.TB, q *Queue, batch string) (results, failed int) {
	t.Helper()
	r, f, err := q.counts(context.Background(), batch)
	if err != nil {
		t.Fatal(err)
	}
	return r, f
}

// streamed reads every message on subject from the out stream.
func streamed(t testing.TB, q *Queue, subject string) []*jetstream.RawStreamMsg {
	t.Helper()
	ctx := context.Background()
	info, err := q.out.Info(ctx, jetstream.WithSubjectFilter(subject))
	if err != nil {
		t.Fatal(err)
	}
	var out []*jetstream.RawStreamMsg
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq && seq > 0; seq++ {
		m, err := q.out.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if m.Subject == subject {
			out = append(out, m)
		}
	}
	return out
}

func resultIDs(t testing.TB, q *Queue, batch string) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, m := range streamed(t, q, q.cfg.ResultsSubject+"."+batch) {
		var r Result
		if err := json.Unmarshal(m.Data, &r); err != nil {
			t.Fatal(err)
		}
		n[r.ID]++
	}
	return n
}

func deadLetters(t testing.TB, q *Queue, batch string) map[string]DeadLetter {
	t.Helper()
	out := map[string]DeadLetter{}
	for _, m := range streamed(t, q, q.cfg.DLQSubject+"."+batch) {
		var d DeadLetter
		if err := json.Unmarshal(m.Data, &d); err != nil {
			t.Fatal(err)
		}
		out[d.ID] = d
	}
	return out
}

func TestQueueTwoWorkersShareOneStream(t *testing.T) {
	env := startQueue(t, false, QueueConfig{})
	const n = 300
	rep, err := env.q.Submit(context.Background(), "two", feed.Slice(articles(n, "t")...), sangbad.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(SubmitReport{Total: n, Queued: n}, rep); diff != "" {
		t.Errorf("submit report (-want +got):\n%s", diff)
	}
	an := &fakeAnalyzer{delay: 2 * time.Millisecond}
	perWorker := [2]*countingAnalyzer{{an: an}, {an: an}}
	stop1 := startWorker(t, env.q, perWorker[0], WorkerConfig{Concurrency: 8})
	stop2 := startWorker(t, env.q, perWorker[1], WorkerConfig{Concurrency: 8})
	waitFor(t, "all results", func() bool { r, _ := counts(t, env.q, "two"); return r >= n })
	stop1()
	stop2()

	if got := an.calls.Load(); got != n {
		t.Errorf("analyzer called %d times for %d items", got, n)
	}
	for id, c := range an.counts() {
		if c != 1 {
			t.Errorf("%s analysed %d times", id, c)
		}
	}
	if perWorker[0].n == 0 || perWorker[1].n == 0 {
		t.Errorf("work not shared: worker calls %d and %d", perWorker[0].n, perWorker[1].n)
	}
	got := resultIDs(t, env.q, "two")
	if len(got) != n {
		t.Errorf("%d distinct ids in results, want %d", len(got), n)
	}
	for id, c := range got {
		if c != 1 {
			t.Errorf("%s in results %d times", id, c)
		}
	}
	st, err := env.q.Get(context.Background(), "t0042")
	if err != nil || st.Analysis == nil || st.Batch != "two" {
		t.Errorf("stored result t0042 = %+v, %v", st, err)
	}
}

type countingAnalyzer struct {
	an Analyzer
	mu sync.Mutex
	n  int
}

func (c *countingAnalyzer) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return c.an.Analyze(ctx, a, o)
}

func TestQueueFailuresEndInDLQ(t *testing.T) {
	env := startQueue(t, false, QueueConfig{MaxDeliver: 3})
	as := articles(10, "f")
	as[2].Text = "FLAKY backend always down"
	as[5].Text = "FAIL invalid article"
	var mu sync.Mutex
	calls := map[string]int{}
	an := AnalyzerFunc(func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
		mu.Lock()
		calls[a.ID]++
		mu.Unlock()
		if strings.HasPrefix(a.Text, "FLAKY") {
			return nil, &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_down", Message: "the LLM backend is unavailable"}
		}
		return (&fakeAnalyzer{}).Analyze(ctx, a, o)
	})
	if _, err := env.q.Submit(context.Background(), "fails", feed.Slice(as...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	stop := startWorker(t, env.q, an, WorkerConfig{Concurrency: 4, RetryBackoff: 10 * time.Millisecond})
	waitFor(t, "all results", func() bool { r, _ := counts(t, env.q, "fails"); return r >= 10 })
	stop()

	dl := deadLetters(t, env.q, "fails")
	want := map[string]DeadLetter{
		"f0002": {ID: "f0002", Batch: "fails", Error: sangbad.ErrorBody{Code: "llm_down", Message: "the LLM backend is unavailable"}, Deliveries: 3, Article: as[2]},
		"f0005": {ID: "f0005", Batch: "fails", Error: sangbad.ErrorBody{Code: "bad_article", Message: "cannot analyse f0005"}, Deliveries: 1, Article: as[5]},
	}
	for k, v := range dl {
		v.At = time.Time{}
		dl[k] = v
	}
	if diff := cmp.Diff(want, dl); diff != "" {
		t.Errorf("dead letters (-want +got):\n%s", diff)
	}
	if calls["f0002"] != 3 || calls["f0005"] != 1 || calls["f0000"] != 1 {
		t.Errorf("attempts: %v (want 3 for the flaky item, 1 for the invalid one)", calls)
	}
	if _, failed := counts(t, env.q, "fails"); failed != 2 {
		t.Errorf("failed count = %d, want 2", failed)
	}
	st, err := env.q.Get(context.Background(), "f0002")
	if err != nil || st.Error == nil || st.Error.Code != "llm_down" {
		t.Errorf("stored failure = %+v, %v", st, err)
	}
}

func TestQueueDuplicatesNotReprocessed(t *testing.T) {
	env := startQueue(t, false, QueueConfig{})
	ctx := context.Background()
	as := articles(20, "d")
	// The same batch submitted twice before any worker runs: the second
	// submission is dropped by the stream's de-duplication window.
	if _, err := env.q.Submit(ctx, "dup", feed.Slice(as...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	rep, err := env.q.Submit(ctx, "dup", feed.Slice(as...), sangbad.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(SubmitReport{Total: 20, Duplicates: 20}, rep); diff != "" {
		t.Errorf("resubmission (-want +got):\n%s", diff)
	}
	an := &fakeAnalyzer{}
	stop := startWorker(t, env.q, an, WorkerConfig{Concurrency: 4})
	waitFor(t, "batch dup", func() bool { r, _ := counts(t, env.q, "dup"); return r >= 20 })

	// The same stories in another batch: served from the results bucket;
	// one story changed its content and is analysed again.
	as2 := append([]sangbad.Article(nil), as...)
	as2[3].Text += " Updated with new figures."
	rep, err = env.q.Submit(ctx, "dup2", feed.Slice(as2...), sangbad.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(SubmitReport{Total: 20, Queued: 1, Cached: 19}, rep); diff != "" {
		t.Errorf("second batch (-want +got):\n%s", diff)
	}
	waitFor(t, "batch dup2", func() bool { r, _ := counts(t, env.q, "dup2"); return r >= 20 })
	stop()
	if got := an.calls.Load(); got != 21 {
		t.Errorf("analyzer calls = %d, want 21 (20 stories + 1 update)", got)
	}
	if c := an.counts()["d0003"]; c != 2 {
		t.Errorf("updated story analysed %d times, want 2", c)
	}
	if got := resultIDs(t, env.q, "dup2"); len(got) != 20 {
		t.Errorf("batch dup2 has %d results, want 20", len(got))
	}
}

func TestServiceCreateStatusResultsWebhook(t *testing.T) {
	env := startQueue(t, false, QueueConfig{})
	hooks := make(chan BatchStatus, 4)
	attempts := 0
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		attempts++
		if attempts == 1 { // the first call fails: the service retries
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		var st BatchStatus
		json.NewDecoder(r.Body).Decode(&st)
		hooks <- st
	}))
	defer hook.Close()
	svc := NewService(env.q, ServiceConfig{PollInterval: 20 * time.Millisecond, HTTPClient: hook.Client(), WebhookBackoff: 10 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	runDone := make(chan error, 1)
	go func() { runDone <- svc.Run(ctx) }()
	defer func() { cancel(); <-runDone }()

	body := `{"id":"s1","text":"One story."}` + "\n" + `{"id":"s1","text":"One story."}` + "\n" + `{"id":"s2","text":"FAIL this one"}` + "\nnot json\n" + `{"id":"s3","text":"Third story."}` + "\n"
	st, err := svc.Create(ctx, strings.NewReader(body), CreateOptions{Webhook: hook.URL + "/done"})
	if err != nil {
		t.Fatal(err)
	}
	// The unreadable line is already recorded as failed, so the batch may
	// count as running before any worker has started.
	if (st.State != StateQueued && st.State != StateRunning) || st.Total != 4 || st.Done != 0 || !strings.HasPrefix(st.ID, "b_") {
		t.Errorf("created status = %+v", st)
	}
	if _, err := svc.Status(ctx, "b_nope"); sangbad.ErrorKind(err) != sangbad.NotFound {
		t.Errorf("unknown batch: err = %v, want NotFound", err)
	}
	stop := startWorker(t, env.q, &fakeAnalyzer{}, WorkerConfig{Concurrency: 2})
	defer stop()
	var final BatchStatus
	select {
	case final = <-hooks:
	case <-time.After(60 * time.Second):
		t.Fatal("webhook not called")
	}
	if final.ID != st.ID || final.State != StateDone || final.Done != 2 || final.Failed != 2 || final.FinishedAt == nil {
		t.Errorf("webhook status = %+v", final)
	}
	got, err := svc.Status(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.State != StateDone || got.Total != 4 || got.Done != 2 || got.Failed != 2 {
		t.Errorf("final status = %+v", got)
	}
	var buf bytes.Buffer
	if err := svc.Results(ctx, st.ID, &buf); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, r := range decodeResults(t, buf.Bytes()) {
		state := "ok"
		if r.Error != nil {
			state = r.Error.Code
		}
		lines = append(lines, r.ID+" "+state)
	}
	sort.Strings(lines)
	if diff := cmp.Diff([]string{"line:4 invalid", "s1 ok", "s2 bad_article", "s3 ok"}, lines); diff != "" {
		t.Errorf("results (-want +got):\n%s", diff)
	}
	if _, err := svc.Create(ctx, strings.NewReader("\n"), CreateOptions{}); sangbad.ErrorKind(err) != sangbad.Invalid {
		t.Errorf("empty batch: err = %v, want Invalid", err)
	}
}

// TestWorkerKilledLosesNothing runs a worker in a subprocess, kills it with
// SIGKILL in the middle of a batch and lets a second worker finish: every
// item must end in the results exactly once (or in the dead-letter subject).
func TestWorkerKilledLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("subprocess test")
	}
	env := startQueue(t, true, testQueueConfig())
	const n = 80
	if _, err := env.q.Submit(context.Background(), "kill", feed.Slice(articles(n, "k")...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWorker$", "-test.v")
	cmd.Env = append(os.Environ(), "SANGBAD_HELPER_WORKER=1", "SANGBAD_HELPER_NATS="+env.e.ClientURL())
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the helper worker to make progress", func() bool { r, _ := counts(t, env.q, "kill"); return r >= 10 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	before, _ := counts(t, env.q, "kill")
	if before >= n {
		t.Fatalf("the helper finished the batch (%d results) before it was killed; output:\n%s", before, out.String())
	}
	t.Logf("helper killed after %d of %d results", before, n)

	an := &fakeAnalyzer{}
	stop := startWorker(t, env.q, an, WorkerConfig{Concurrency: 8})
	waitFor(t, "all results", func() bool { r, _ := counts(t, env.q, "kill"); return r >= n })
	stop()
	got := resultIDs(t, env.q, "kill")
	dl := deadLetters(t, env.q, "kill")
	for _, a := range articles(n, "k") {
		_, dead := dl[a.ID]
		if got[a.ID] != 1 {
			t.Errorf("%s in results %d times (dead-lettered: %v)", a.ID, got[a.ID], dead)
		}
	}
	t.Logf("second worker analysed %d items; %d dead letters", an.calls.Load(), len(dl))
	if an.calls.Load() > int64(n-before) {
		t.Errorf("second worker analysed %d items, but only %d were left", an.calls.Load(), n-before)
	}
}

// TestHelperWorker is the subprocess of TestWorkerKilledLosesNothing.
func TestHelperWorker(t *testing.T) {
	url := os.Getenv("SANGBAD_HELPER_NATS")
	if os.Getenv("SANGBAD_HELPER_WORKER") != "1" || url == "" {
		t.Skip("helper process only")
	}
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatal(err)
	}
	q, err := NewQueue(context.Background(), nc, testQueueConfig())
	if err != nil {
		t.Fatal(err)
	}
	// Runs until killed.
	RunWorker(context.Background(), q, &fakeAnalyzer{delay: 50 * time.Millisecond}, WorkerConfig{Concurrency: 4})
}

func TestEmbeddedRestartKeepsState(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	e, err := StartEmbedded(ctx, dir, EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if e.ClientURL() != "" {
		t.Errorf("ClientURL = %q without a listener", e.ClientURL())
	}
	nc, _ := e.Connect()
	q, err := NewQueue(ctx, nc, QueueConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Submit(ctx, "persist", feed.Slice(articles(5, "p")...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	nc.Close()
	if err := e.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	e, err = StartEmbedded(ctx, dir, EmbeddedOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Shutdown(ctx)
	nc, _ = e.Connect()
	defer nc.Close()
	q, err = NewQueue(ctx, nc, QueueConfig{})
	if err != nil {
		t.Fatal(err)
	}
	an := &fakeAnalyzer{}
	stop := startWorker(t, q, an, WorkerConfig{})
	waitFor(t, "results after restart", func() bool { r, _ := counts(t, q, "persist"); return r >= 5 })
	stop()
	if an.calls.Load() != 5 {
		t.Errorf("analyzer calls after restart = %d, want 5", an.calls.Load())
	}
}

func TestMaxDeliveriesAdvisoryDeadLetters(t *testing.T) {
	env := startQueue(t, false, QueueConfig{AckWait: 500 * time.Millisecond, MaxDeliver: 1})
	ctx := context.Background()
	if _, err := env.q.Submit(ctx, "adv", feed.Slice(articles(1, "z")...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	// A worker takes the job on its last allowed delivery and dies silently.
	b, err := env.q.cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if msg := <-b.Messages(); msg == nil {
		t.Fatal("no job fetched")
	}
	an := &fakeAnalyzer{}
	stop := startWorker(t, env.q, an, WorkerConfig{})
	waitFor(t, "the dead letter", func() bool { _, f := counts(t, env.q, "adv"); return f >= 1 })
	stop()
	dl := deadLetters(t, env.q, "adv")["z0000"]
	if dl.Error.Code != "max_deliveries" || dl.Deliveries != 1 || dl.Article.ID != "z0000" {
		t.Errorf("dead letter = %+v", dl)
	}
	if got := resultIDs(t, env.q, "adv"); got["z0000"] != 1 {
		t.Errorf("results = %v, want the error recorded once", got)
	}
	if an.calls.Load() != 0 {
		t.Errorf("analyzer called %d times, want 0", an.calls.Load())
	}
	info, err := env.q.jobs.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 0 {
		t.Errorf("%d jobs left in the work queue, want 0", info.State.Msgs)
	}
}

func TestHeartbeatKeepsLongJob(t *testing.T) {
	// The analysis takes three times AckWait: without InProgress heartbeats
	// the job would be redelivered and then dead-lettered.
	env := startQueue(t, false, QueueConfig{AckWait: 600 * time.Millisecond, MaxDeliver: 2})
	if _, err := env.q.Submit(context.Background(), "long", feed.Slice(articles(1, "l")...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	an := &fakeAnalyzer{delay: 1800 * time.Millisecond}
	stop := startWorker(t, env.q, an, WorkerConfig{Concurrency: 2})
	waitFor(t, "the result", func() bool { r, _ := counts(t, env.q, "long"); return r >= 1 })
	stop()
	if an.calls.Load() != 1 {
		t.Errorf("analyzer calls = %d, want 1", an.calls.Load())
	}
	if _, failed := counts(t, env.q, "long"); failed != 0 {
		t.Errorf("%d dead letters, want 0", failed)
	}
}

func TestWorkerShutdownFinishesInFlight(t *testing.T) {
	env := startQueue(t, false, QueueConfig{})
	if _, err := env.q.Submit(context.Background(), "graceful", feed.Slice(articles(4, "s")...), sangbad.Options{}); err != nil {
		t.Fatal(err)
	}
	an := &fakeAnalyzer{delay: 300 * time.Millisecond}
	stop := startWorker(t, env.q, an, WorkerConfig{Concurrency: 4})
	waitFor(t, "all four jobs in flight", func() bool { return an.calls.Load() == 4 })
	stop() // returns after the jobs in flight are stored and acked
	if r, _ := counts(t, env.q, "graceful"); r != 4 {
		t.Errorf("%d results after shutdown, want 4", r)
	}
	info, err := env.q.cons.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if info.NumAckPending != 0 || info.NumPending != 0 {
		t.Errorf("after shutdown: %d unacked, %d pending jobs, want 0", info.NumAckPending, info.NumPending)
	}
}

// batchAPI is the interface the HTTP handlers are written against.
type batchAPI interface {
	Create(ctx context.Context, r io.Reader, opts CreateOptions) (BatchStatus, error)
	Status(ctx context.Context, id string) (BatchStatus, error)
	Results(ctx context.Context, id string, w io.Writer) error
}

var _ batchAPI = (*Service)(nil)
