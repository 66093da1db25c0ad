package llm

import (
	"slices"
	"testing"
	"time"

	"github.com/sangbad/sangbad/llm/llmtest"
)

// BenchmarkComplete measures the plumbing of one structured call against
// the stub with zero latency: request building, JSON encoding, HTTP over
// loopback, the stub's own work, decoding, tolerant parsing and schema
// validation. p50/p99 are reported per call.
func BenchmarkComplete(b *testing.B) {
	for _, bc := range []struct {
		name   string
		stream bool
	}{{"json", false}, {"stream", true}} {
		b.Run(bc.name, func(b *testing.B) {
			s := llmtest.NewServer(b)
			c := newClient(b, s, Config{})
			req := summaryRequest(enArticle)
			durs := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				var err error
				if bc.stream {
					_, err = c.Stream(b.Context(), req, func(string) {})
				} else {
					_, err = c.Complete(b.Context(), req)
				}
				if err != nil {
					b.Fatal(err)
				}
				durs = append(durs, time.Since(start))
			}
			b.StopTimer()
			reportPercentiles(b, durs)
		})
	}
}

// BenchmarkCompleteParallel is the same call from many goroutines.
func BenchmarkCompleteParallel(b *testing.B) {
	s := llmtest.NewServer(b)
	c := newClient(b, s, Config{MaxConcurrent: 64})
	req := summaryRequest(enArticle)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Complete(b.Context(), req); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkValidate is the tolerant parsing and validation of an answer.
func BenchmarkValidate(b *testing.B) {
	doc := []byte(`{"sentences":[{"text":"TikTok will invest $840 million in Tokopedia.","sources":[0]},{"text":"The deal was announced in Jakarta.","sources":[1]}]}`)
	var sc schemas
	n, err := sc.compile(summarySchema.JSON)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		raw, err := ExtractJSON(string(doc))
		if err != nil {
			b.Fatal(err)
		}
		if err := validateDoc(n, raw); err != nil {
			b.Fatal(err)
		}
	}
}

func reportPercentiles(b *testing.B, durs []time.Duration) {
	if len(durs) == 0 {
		return
	}
	slices.Sort(durs)
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(durs[len(durs)*99/100].Microseconds()), "p99-µs")
}
