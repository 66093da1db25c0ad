package batch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

func decodeResults(t *testing.T, data []byte) []Result {
	t.Helper()
	var out []Result
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var r Result
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad output line %q: %v", line, err)
		}
		out = append(out, r)
	}
	return out
}

func ids(rs []Result) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func TestRunOrderedWithFailures(t *testing.T) {
	defer goleak.VerifyNone(t)
	as := articles(50, "a")
	as[7].Text = "FAIL me"
	as[20].Text = "PANIC here"
	as[30].ID = "" // gets a content-hash id
	an := &fakeAnalyzer{}
	var out bytes.Buffer
	rec := &recordProgress{}
	sum, err := Run(context.Background(), RunConfig{Concurrency: 8, Ordered: true}, feed.Slice(as...), an, &out, rec)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeResults(t, out.Bytes())
	var want []string
	for _, a := range as {
		want = append(want, EnsureID(a).ID)
	}
	if diff := cmp.Diff(want, ids(got)); diff != "" {
		t.Errorf("ordered ids (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(got[30].ID, "sha256-") {
		t.Errorf("id of an article without id = %q, want a content hash id", got[30].ID)
	}
	if got[7].Error == nil || got[7].Error.Code != "bad_article" || got[20].Error == nil || got[20].Error.Code != "internal" {
		t.Errorf("failures not recorded: %+v %+v", got[7], got[20])
	}
	if got[8].Analysis == nil || got[8].Analysis.ID != "a0008" {
		t.Errorf("result 8 = %+v", got[8])
	}
	wantSum := Summary{Total: 50, OK: 48, Failed: 2}
	sum.Duration, sum.Rate = 0, 0
	if diff := cmp.Diff(wantSum, sum); diff != "" {
		t.Errorf("summary (-want +got):\n%s", diff)
	}
	if rec.started != 1 || rec.finished != 1 || rec.events[StatusOK] != 48 || rec.events[StatusFailed] != 2 {
		t.Errorf("progress calls: %+v", rec)
	}
}

func TestRunUnorderedAllOnce(t *testing.T) {
	as := articles(200, "u")
	an := &fakeAnalyzer{}
	var out bytes.Buffer
	if _, err := Run(context.Background(), RunConfig{Concurrency: 16}, feed.Slice(as...), an, &out, nil); err != nil {
		t.Fatal(err)
	}
	got := ids(decodeResults(t, out.Bytes()))
	sort.Strings(got)
	var want []string
	for _, a := range as {
		want = append(want, a.ID)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestRunResume(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.jsonl")
	as := articles(30, "r")
	as[5].Text = "FAIL"
	// A previous run wrote 10 results, the last one torn by a crash.
	var prev bytes.Buffer
	if _, err := Run(context.Background(), RunConfig{Concurrency: 1, Ordered: true}, feed.Slice(as[:10]...), &fakeAnalyzer{}, &prev, nil); err != nil {
		t.Fatal(err)
	}
	torn := prev.Bytes()[:prev.Len()-7]
	if err := os.WriteFile(path, torn, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		retryFailed bool
		wantCalls   []string
	}{
		// r0009 was torn and is redone; the failed r0005 is kept as failed.
		{"skip-failed", false, []string{"r0009", "r0010"}},
		// r0005 is retried (and fails again).
		{"retry-failed", true, []string{"r0005", "r0009", "r0010"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := os.WriteFile(path, torn, 0o644); err != nil {
				t.Fatal(err)
			}
			f, done, err := ResumeFile(path, tt.retryFailed)
			if err != nil {
				t.Fatal(err)
			}
			an := &fakeAnalyzer{}
			sum, err := Run(context.Background(), RunConfig{Concurrency: 4, Done: done}, feed.Slice(as...), an, f, nil)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			calls := an.counts()
			for _, id := range tt.wantCalls {
				if calls[id] != 1 {
					t.Errorf("%s analysed %d times, want 1", id, calls[id])
				}
			}
			for _, id := range []string{"r0000", "r0008"} {
				if calls[id] != 0 {
					t.Errorf("%s analysed again although already in the output", id)
				}
			}
			if wantSkipped := 30 - len(calls); sum.Skipped != wantSkipped {
				t.Errorf("skipped = %d, want %d", sum.Skipped, wantSkipped)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Every line parses (the torn one was cut) and every id is there.
			seen := map[string]bool{}
			for _, r := range decodeResults(t, data) {
				seen[r.ID] = true
			}
			if len(seen) != 30 {
				t.Errorf("output holds %d distinct ids, want 30", len(seen))
			}
		})
	}
}

func TestRunCancelDoesNotRecordCanceled(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	var calls atomic.Int64
	an := AnalyzerFunc(func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
		if calls.Add(1) == 2 { // both workers busy
			cancel()
		}
		<-ctx.Done()
		return nil, ctx.Err()
	})
	var out bytes.Buffer
	_, err := Run(ctx, RunConfig{Concurrency: 2}, feed.Slice(articles(100, "c")...), an, &out, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if out.Len() != 0 {
		t.Errorf("canceled items were written as results:\n%s", out.String())
	}
}

func TestRunReadErrorsAreItems(t *testing.T) {
	in := `{"id":"x1","text":"one"}` + "\nnot json\n" + `{"id":"x2","text":"FAIL"}` + "\n" + `{"id":"x3","text":"three"}` + "\n"
	var out bytes.Buffer
	sum, err := Run(context.Background(), RunConfig{Concurrency: 2, Ordered: true}, feed.NewJSONL(strings.NewReader(in), "in"), &fakeAnalyzer{}, &out, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeResults(t, out.Bytes())
	if diff := cmp.Diff([]string{"x1", "in:2", "x2", "x3"}, ids(got)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got[1].Error == nil || got[1].Error.Code != "invalid" {
		t.Errorf("bad line result = %+v", got[1])
	}
	if sum.OK != 2 || sum.Failed != 2 {
		t.Errorf("summary = %+v", sum)
	}
}

func TestLogProgress(t *testing.T) {
	var buf bytes.Buffer
	p := NewLogProgress(slog.New(slog.NewTextHandler(&buf, nil)), 1)
	p.Start(3)
	p.Item(Event{ID: "a", Status: StatusOK})
	p.Item(Event{ID: "b", Status: StatusFailed, Err: errors.New("boom")})
	p.Finish(Summary{Total: 2, OK: 1, Failed: 1})
	for _, want := range []string{"batch started", "item failed", "id=b", "batch finished", "failed=1"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestBarProgress(t *testing.T) {
	var buf bytes.Buffer
	p := NewBarProgress(&buf)
	p.Start(2)
	p.Item(Event{ID: "a", Status: StatusOK})
	p.Item(Event{ID: "b", Status: StatusFailed})
	p.Finish(Summary{Total: 2, OK: 1, Failed: 1})
	if !strings.Contains(buf.String(), "2/2") || !strings.Contains(buf.String(), "1 failed") {
		t.Errorf("bar output lacks count or failures: %q", buf.String())
	}
}

type recordProgress struct {
	started, finished int
	events            map[Status]int
}

func (r *recordProgress) Start(int) { r.started++ }
func (r *recordProgress) Item(e Event) {
	if r.events == nil {
		r.events = map[Status]int{}
	}
	r.events[e.Status]++
}
func (r *recordProgress) Finish(Summary) { r.finished++ }

var _ io.Writer = (*os.File)(nil)
