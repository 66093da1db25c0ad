package translate

import (
	"context"
	"testing"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/llm/llmtest"
)

// completerFunc is a Completer without HTTP, for measuring the engine alone.
type completerFunc func(ctx context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error)

func (f completerFunc) Generate(ctx context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error) {
	return f(ctx, req)
}

// direct answers like the stub's model, in process.
func direct(m *model) Completer {
	return completerFunc(func(_ context.Context, req sangbad.CompletionRequest) (sangbad.Completion, error) {
		r := llmtest.Request{Messages: []llmtest.Message{{Role: "system", Content: req.System}, {Role: "user", Content: req.User}}}
		rep := m.handler()(r)
		return sangbad.Completion{Content: rep.Content, JSON: []byte(rep.Content), Model: "direct", Usage: sangbad.Usage{Calls: 1}}, nil
	})
}

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
		// inProcess skips HTTP and the llm client: the engine alone.
		inProcess bool
	}{
		{"bn_en_one_chunk", bnText, "en", DefaultChunkTokens, nil, false},
		{"bn_en_sentence_chunks", bnText, "en", sentenceBudget(bnText), nil, false},
		{"en_bn_one_chunk", enText, "bn", DefaultChunkTokens, map[string]string{"TikTok": "টিকটক"}, false},
		{"bn_en_one_chunk_engine_only", bnText, "en", DefaultChunkTokens, nil, true},
		{"en_bn_one_chunk_engine_only", enText, "bn", DefaultChunkTokens, map[string]string{"TikTok": "টিকটক"}, true},
	}
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			m := newModel(b)
			var tr *Translator
			if tt.inProcess {
				tr = New(direct(m), facts.New(), nil, nil, WithChunkTokens(tt.budget))
			} else {
				srv := llmtest.NewServer(b, llmtest.WithHandler(m.handler()))
				tr = newTranslator(b, srv, WithChunkTokens(tt.budget))
			}
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
