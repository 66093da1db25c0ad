package batch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
)

// wire is a fake agency feed whose items can be changed between polls.
type wire struct {
	mu    sync.Mutex
	items []sangbad.Article
}

func (w *wire) set(items ...sangbad.Article) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.items = items
}

func (w *wire) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	w.mu.Lock()
	defer w.mu.Unlock()
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>`)
	for _, a := range w.items {
		fmt.Fprintf(&b, "<item><guid>%s</guid><title>%s</title><pubDate>Tue, 12 Dec 2023 07:15:00 +0700</pubDate><description>%s</description></item>", a.ID, a.Title, a.Text)
	}
	b.WriteString("</channel></rss>")
	rw.Header().Set("Content-Type", "application/rss+xml")
	rw.Write([]byte(b.String()))
}

type collectSink struct {
	mu  sync.Mutex
	got []string
}

func (c *collectSink) Handle(_ context.Context, a sangbad.Article) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got = append(c.got, a.ID+": "+a.Text)
	return nil
}

func (c *collectSink) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.got
	c.got = nil
	return out
}

func TestPollDeduplicates(t *testing.T) {
	w := &wire{}
	srv := httptest.NewServer(w)
	defer srv.Close()
	state := filepath.Join(t.TempDir(), "seen.tsv")
	seen, err := OpenFileSeen(state)
	if err != nil {
		t.Fatal(err)
	}
	cfg := WatchConfig{Feeds: []string{srv.URL}, Seen: seen}
	sink := &collectSink{}
	ctx := context.Background()

	rounds := []struct {
		name  string
		items []sangbad.Article
		want  []string
		stats PollStats
	}{
		{"first poll", []sangbad.Article{{ID: "g1", Title: "Rates", Text: "Rates held."}, {ID: "g2", Title: "Rice", Text: "Rice steady."}},
			[]string{"g1: Rates held.", "g2: Rice steady."}, PollStats{Read: 2, New: 2}},
		{"identical re-send", []sangbad.Article{{ID: "g1", Title: "Rates", Text: "Rates held."}, {ID: "g2", Title: "Rice", Text: "Rice  steady."}},
			nil, PollStats{Read: 2, Duplicates: 2}},
		{"updated story", []sangbad.Article{{ID: "g1", Title: "Rates", Text: "Rates held at 7.75 percent."}, {ID: "g2", Title: "Rice", Text: "Rice steady."}},
			[]string{"g1: Rates held at 7.75 percent."}, PollStats{Read: 2, Updated: 1, Duplicates: 1}},
		{"same story under a new GUID", []sangbad.Article{{ID: "g3", Title: "Rice", Text: "Rice steady."}},
			nil, PollStats{Read: 1, Duplicates: 1}},
	}
	for _, r := range rounds {
		t.Run(r.name, func(t *testing.T) {
			w.set(r.items...)
			st, err := Poll(ctx, cfg, sink)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(r.want, sink.take()); diff != "" {
				t.Errorf("handed off (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(r.stats, st); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
		})
	}

	// The state survives a restart.
	seen.Close()
	seen2, err := OpenFileSeen(state)
	if err != nil {
		t.Fatal(err)
	}
	defer seen2.Close()
	w.set(sangbad.Article{ID: "g1", Title: "Rates", Text: "Rates held at 7.75 percent."}, sangbad.Article{ID: "g4", Title: "New", Text: "A new story."})
	st, err := Poll(ctx, WatchConfig{Feeds: []string{srv.URL}, Seen: seen2}, sink)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"g4: A new story."}, sink.take()); diff != "" || st.New != 1 {
		t.Errorf("after restart (-want +got):\n%s stats %+v", diff, st)
	}
}

func TestPollRetriesFailedHandOff(t *testing.T) {
	w := &wire{}
	w.set(sangbad.Article{ID: "g1", Title: "T", Text: "Body."})
	srv := httptest.NewServer(w)
	defer srv.Close()
	cfg := WatchConfig{Feeds: []string{srv.URL, srv.URL + "/missing-feed.xml?x"}, Seen: NewMemorySeen()}
	fail := true
	var handed int
	sink := SinkFunc(func(ctx context.Context, a sangbad.Article) error {
		handed++
		if fail {
			return sangbad.Errorf(sangbad.Unavailable, "queue down")
		}
		return nil
	})
	if _, err := Poll(context.Background(), cfg, sink); err != nil {
		// both URLs serve the same feed here; no feed error expected
		t.Fatal(err)
	}
	fail = false
	st, err := Poll(context.Background(), cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	if st.New != 1 || st.Duplicates != 1 {
		t.Errorf("second round stats = %+v, want the story handed off again once", st)
	}
	if handed != 3 {
		t.Errorf("hand-offs = %d, want 3 (2 failed, then 1 accepted; the copy is skipped as seen)", handed)
	}
}

func TestWatchWithQueueAndKVSeen(t *testing.T) {
	env := startQueue(t, false, QueueConfig{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seen, err := NewKVSeen(ctx, env.q.JetStream(), "", 0)
	if err != nil {
		t.Fatal(err)
	}
	w := &wire{}
	w.set(sangbad.Article{ID: "w1", Title: "A", Text: "Alpha."}, sangbad.Article{ID: "w2", Title: "B", Text: "Beta."})
	srv := httptest.NewServer(w)
	defer srv.Close()
	cfg := WatchConfig{Feeds: []string{srv.URL}, Seen: seen}
	sink := QueueSink{Queue: env.q, Batch: "watch"}
	for range 2 {
		if _, err := Poll(ctx, cfg, sink); err != nil {
			t.Fatal(err)
		}
	}
	an := &fakeAnalyzer{}
	stop := startWorker(t, env.q, an, WorkerConfig{})
	waitFor(t, "watch results", func() bool { r, _ := counts(t, env.q, "watch"); return r >= 2 })
	stop()
	if an.calls.Load() != 2 {
		t.Errorf("analyzer calls = %d, want 2 (second poll was all re-sends)", an.calls.Load())
	}
}

func TestWriterSink(t *testing.T) {
	var buf strings.Builder
	sink := NewWriterSink(&fakeAnalyzer{}, sangbad.Options{}, &buf)
	for _, a := range []sangbad.Article{{ID: "w1", Text: "fine"}, {ID: "w2", Text: "FAIL"}, {Text: "no id"}} {
		if err := sink.Handle(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	for _, r := range decodeResults(t, []byte(buf.String())) {
		got = append(got, fmt.Sprintf("%s ok=%v", r.ID[:min(len(r.ID), 7)], r.OK()))
	}
	if diff := cmp.Diff([]string{"w1 ok=true", "w2 ok=false", "sha256- ok=true"}, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
