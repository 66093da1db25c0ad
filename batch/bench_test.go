package batch

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// BenchmarkQueueThroughput pushes batches of 640 articles through the
// embedded JetStream queue to one worker with 64 in flight and an analyzer
// that takes 300 ms (the LLM stub latency): the ceiling is 64/0.3 = 213
// items/s. Run with -benchtime=1x for one batch.
func BenchmarkQueueThroughput(b *testing.B) {
	env := startQueue(b, false, QueueConfig{})
	an := &fakeAnalyzer{delay: 300 * time.Millisecond}
	stop := startWorker(b, env.q, an, WorkerConfig{Concurrency: 64})
	defer stop()
	const per = 640
	ctx := context.Background()
	total := 0
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch := fmt.Sprintf("bench%d", i)
		if _, err := env.q.Submit(ctx, batch, feed.Slice(articles(per, batch+"-")...), sangbad.Options{}); err != nil {
			b.Fatal(err)
		}
		for {
			r, _ := counts(b, env.q, batch)
			if r >= per {
				break
			}
			time.Sleep(10 * time.Millisecond)
		}
		total += per
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(total)/el, "items/s")
	b.ReportMetric(64/0.3, "ceiling-items/s")
}

// genJSONL is an io.Reader producing n small JSONL articles on the fly, so
// that the input itself takes no memory.
type genJSONL struct {
	n, i int
	buf  []byte
}

func (g *genJSONL) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		if g.i >= g.n {
			return 0, io.EOF
		}
		g.buf = fmt.Appendf(g.buf[:0], `{"id":"m%07d","title":"Story %d","text":"DHAKA, Jan 17 - Bangladesh Bank kept its policy rate unchanged at 7.75 percent on Wednesday, story %d.","published":"2024-01-17"}`+"\n", g.i, g.i, g.i)
		g.i++
	}
	n := copy(p, g.buf)
	g.buf = g.buf[n:]
	return n, nil
}

var trivial = AnalyzerFunc(func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	return &sangbad.Analysis{ID: a.ID, Language: sangbad.Language{Code: "en", Name: "English", Confidence: 1}, Published: a.Published,
		Sentences: []sangbad.Span{{Text: a.Text, Start: 0, End: len([]rune(a.Text))}}}, nil
})

// BenchmarkRunOffline measures the local runner's own cost per article
// (JSONL parsing, id, dispatch, JSON encoding) with a trivial analyzer.
func BenchmarkRunOffline(b *testing.B) {
	for _, ordered := range []bool{false, true} {
		b.Run(fmt.Sprintf("ordered=%v", ordered), func(b *testing.B) {
			const n = 20000
			b.ReportAllocs()
			var items int
			start := time.Now()
			for i := 0; i < b.N; i++ {
				sum, err := Run(context.Background(), RunConfig{Concurrency: runtime.GOMAXPROCS(0) * 2, Ordered: ordered},
					feed.NewJSONL(&genJSONL{n: n}, "gen"), trivial, io.Discard, nil)
				if err != nil || sum.OK != n {
					b.Fatalf("%+v %v", sum, err)
				}
				items += n
			}
			rate := float64(items) / time.Since(start).Seconds()
			b.ReportMetric(rate, "items/s")
			b.ReportMetric(rate/float64(runtime.GOMAXPROCS(0)), "items/s/core")
		})
	}
}

// BenchmarkRunMemory streams 100k articles through Run and reports the heap
// in use before, at its peak during, and after the batch.
func BenchmarkRunMemory(b *testing.B) {
	const n = 100_000
	heap := func() float64 {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapInuse) / (1 << 20)
	}
	for i := 0; i < b.N; i++ {
		runtime.GC()
		before := heap()
		var peak atomic.Uint64
		stop := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					var m runtime.MemStats
					runtime.ReadMemStats(&m)
					if m.HeapInuse > peak.Load() {
						peak.Store(m.HeapInuse)
					}
				}
			}
		}()
		sum, err := Run(context.Background(), RunConfig{Concurrency: 8, Ordered: true},
			feed.NewJSONL(&genJSONL{n: n}, "gen"), trivial, io.Discard, nil)
		close(stop)
		<-sampled
		if err != nil || sum.OK != n {
			b.Fatalf("%+v %v", sum, err)
		}
		runtime.GC()
		after := heap()
		b.ReportMetric(before, "heap-before-MB")
		b.ReportMetric(float64(peak.Load())/(1<<20), "heap-peak-MB")
		b.ReportMetric(after, "heap-after-MB")
		b.ReportMetric(sum.Rate, "items/s")
	}
}
