package summarize_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
)

// BenchmarkLLMSummaryOverhead measures what Sangbad adds around the model:
// a whole Analyze of a 5 KB article with an LLM summary and LLM-assisted
// facts against a stub that answers at once (two HTTP round trips through
// the real client, JSON encode/decode and schema validation, language
// detection, rule facts, locating the LLM facts, the summary prompt, the
// verifier). The stub's summary copies the article's first sentences with
// their indexes (llmtest.Echo), so it verifies. Reported: ns/op (mean) and
// the median and p99 of the per-call latency in ms.
func BenchmarkLLMSummaryOverhead(b *testing.B) {
	cases := []struct {
		name, file, target string
		facts              string
	}{
		{"bn_to_bn", "bench_bn.txt", "bn", `{"actors":[
			{"name":"জুলকিফলি হাসান","type":"person","role":"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী","quote":"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান"},
			{"name":"মন্ত্রণালয়","type":"organization","role":"","quote":"মন্ত্রণালয় ট্রায়াল পিরিয়ডের পরে"},
			{"name":"Jefferies","type":"organization","role":"analyst firm","quote":"Jefferies বিশ্লেষকরা একটি নোটে বলেছেন"}],
			"relations":[{"subject":"TikTok","relation":"buys","object":"টোকোপিডিয়া","quote":"টোকোপিডিয়ার বেশিরভাগ কেনার জন্য"}]}`},
		{"en_to_en", "bench_en.txt", "en", `{"actors":[
			{"name":"Felicia Sullivan","type":"person","role":"","quote":"Take Felicia Sullivan, of Brooklyn."},
			{"name":"Judy McGuire","type":"person","role":"author of \"How Not to Date\"","quote":"says Judy McGuire, author of \"How Not to Date.\""},
			{"name":"LifeWire","type":"organization","role":"","quote":"LifeWire provides original and syndicated lifestyle content"}],
			"relations":[]}`},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			h := func(r llmtest.Request) llmtest.Reply {
				if isFacts(r) {
					return llmtest.Reply{Content: tc.facts}
				}
				return llmtest.Echo(r)
			}
			e := newEnv(b, h, envConfig{})
			a := sangbad.Article{Text: readFile(b, filepath.Join("testdata", tc.file)), Published: "2023-12-12"}
			o := sangbad.Options{Languages: []string{tc.target}, LLM: "required"}
			ctx := context.Background()
			check := func() {
				an, err := e.pipe.Analyze(ctx, a, o)
				if err != nil {
					b.Fatal(err)
				}
				s := an.Summaries[tc.target]
				if s.Method != sangbad.MethodLLM || s.Verified == nil || !*s.Verified {
					b.Fatalf("summary %q method %s verified %v issues %+v", s.Text, s.Method, s.Verified, s.Issues)
				}
			}
			check() // warm up: lazy models, connections
			times := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				start := time.Now()
				if _, err := e.pipe.Analyze(ctx, a, o); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(start))
			}
			b.StopTimer()
			slices.Sort(times)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(times[len(times)/2]), "ms-median")
			b.ReportMetric(ms(times[min(len(times)-1, len(times)*99/100)]), "ms-p99")
		})
	}
}

// BenchmarkOfflineBaseline is the same Analyze with the LLM off (language
// detection, rule facts, extractive summary): subtract it from
// BenchmarkLLMSummaryOverhead to see what the LLM path itself adds.
func BenchmarkOfflineBaseline(b *testing.B) {
	for _, file := range []string{"bench_bn.txt", "bench_en.txt"} {
		b.Run(file, func(b *testing.B) {
			e := newEnv(b, llmtest.Echo, envConfig{})
			a := sangbad.Article{Text: readFile(b, filepath.Join("testdata", file)), Published: "2023-12-12"}
			o := sangbad.Options{LLM: "off"}
			if _, err := e.pipe.Analyze(context.Background(), a, o); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.pipe.Analyze(context.Background(), a, o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkLLMSummarizeOnly is the LLM summarizer alone (one model call
// and the verifier) on an analysis made beforehand.
func BenchmarkLLMSummarizeOnly(b *testing.B) {
	e := newEnv(b, llmtest.Echo, envConfig{llm: []summarize.LLMOption{summarize.WithFactsAssist(false)}})
	a := sangbad.Article{Text: readFile(b, filepath.Join("testdata", "bench_bn.txt")), Published: "2023-12-12"}
	an, err := e.pipe.Facts(context.Background(), a)
	if err != nil {
		b.Fatal(err)
	}
	req := summarize.SummaryRequest{Article: a, Analysis: an, Language: "bn", Length: sangbad.LengthStandard}
	b.ReportAllocs()
	for b.Loop() {
		s, err := e.llm.Summarize(context.Background(), req)
		if err != nil || !*s.Verified {
			b.Fatal(err, s.Issues)
		}
	}
}
