package translate

import (
	"context"
	"testing"

	"github.com/sangbad/sangbad/llm/llmtest"
)

// BenchmarkTranslateOverhead measures what the translator adds to the
// model's own latency for the 5.6 KB seed article: the stub answers at once,
// so the time is planning, prompts, HTTP and JSON through the real llm
// client, fact extraction, the glossary and verification of every chunk.
func BenchmarkTranslateOverhead(b *testing.B) {
	bn, en := seed(b)
	bnText, enText := article(bn, seedGroups, "\n"), article(en, seedGroups, "\n")
	tests := []struct {
		name   string
		text   string
		target string
		budget int
		gl     map[string]string
	}{
		{"bn_en_one_chunk", bnText, "en", DefaultChunkTokens, nil},
		{"bn_en_sentence_chunks", bnText, "en", sentenceBudget(bnText), nil},
		{"en_bn_one_chunk", enText, "bn", DefaultChunkTokens, map[string]string{"TikTok": "টিকটক"}},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			m := newModel(b)
			srv := llmtest.NewServer(b, llmtest.WithHandler(m.handler()))
			tr := newTranslator(b, srv, WithChunkTokens(tt.budget))
			req := Request{Text: tt.text, Source: "", Target: tt.target, Glossary: tt.gl}
			ctx := context.Background()
			res, err := tr.Translate(ctx, req)
			if err != nil {
				b.Fatal(err)
			}
			if !res.Verified {
				b.Fatalf("not verified: %+v", res.Issues)
			}
			b.ReportMetric(float64(res.Chunks), "chunks")
			b.SetBytes(int64(len(tt.text)))
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if _, err := tr.Translate(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
