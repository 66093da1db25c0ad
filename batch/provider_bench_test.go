package batch

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// BenchmarkRunProvider runs the whole provider batch path (prepare,
// spool, submit, poll, download, finish with verification) over the
// English and Bengali fixtures against the stub, and reports articles per
// second and spool bytes per article.
func BenchmarkRunProvider(b *testing.B) {
	for _, n := range []int{100} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := newProviderEnv(b)
			base := fixtureArticles(b)
			as := make([]sangbad.Article, n)
			for i := range as {
				as[i] = base[i%len(base)]
				as[i].ID = fmt.Sprintf("%s-%d", as[i].ID, i)
			}
			var spool int64
			b.ResetTimer()
			for i := range b.N {
				state := filepath.Join(e.dir, fmt.Sprintf("state-%d.json", i))
				cfg := ProviderConfig{StateFile: state, PollEvery: time.Millisecond, Concurrency: 2}
				sum, err := RunProvider(b.Context(), cfg, feed.Slice(as...), e.pipe, e.client, io.Discard, nil)
				if err != nil || sum.OK != n {
					b.Fatalf("%+v %v", sum, err)
				}
				if i == 0 {
					spool = spoolSize(b, e, as)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(spool)/float64(n), "spool-B/article")
		})
	}
}

// spoolSize prepares the articles once without submitting and returns the
// spool's size.
func spoolSize(b *testing.B, e *providerEnv, as []sangbad.Article) int64 {
	r := newProviderRun(ProviderConfig{Concurrency: 2, StateFile: filepath.Join(e.dir, "measure")}, e.pipe, nil, io.Discard, nil)
	size, err := r.prepareAll(b.Context(), feed.Slice(as...))
	if err != nil {
		b.Fatal(err)
	}
	os.Remove(r.spoolPath)
	return size
}
