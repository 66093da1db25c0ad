package translate_test

import (
	"context"
	"fmt"

	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/translate"
)

// A Bengali sentence translated into English through an OpenAI-compatible
// server (here the stub, answering like a model would), checked by the
// verifier: the amount and the names match the source.
func Example() {
	srv := llmtest.Start(llmtest.WithHandler(llmtest.Content(
		`{"translation":"TikTok will spend $840 million to buy a majority of Tokopedia.","names":[{"source":"টোকোপিডিয়া","target":"Tokopedia"}]}`)))
	defer srv.Close()
	client, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "stub-model"})
	if err != nil {
		fmt.Println(err)
		return
	}
	tr := translate.New(client, facts.New(), nil, nil)
	res, err := tr.Translate(context.Background(), translate.Request{
		Text:   "TikTok টোকোপিডিয়ার বেশিরভাগ কেনার জন্য $840 মিলিয়ন খরচ করবে।",
		Target: "en",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Translation)
	fmt.Println("source:", res.Source, "verified:", res.Verified, "chunks:", res.Chunks)
	for _, e := range res.Glossary {
		fmt.Printf("%s -> %s (%s)\n", e.Source, e.Target, e.Origin)
	}
	// Output:
	// TikTok will spend $840 million to buy a majority of Tokopedia.
	// source: bn verified: true chunks: 1
	// TikTok -> TikTok (facts)
	// টোকোপিডিয়া -> Tokopedia (model)
}

// Without a backend, translation fails with a clear error naming the
// settings to change.
func Example_notConfigured() {
	tr := translate.New(nil, facts.New(), nil, nil)
	_, err := tr.Translate(context.Background(), translate.Request{Text: "TikTok will invest.", Target: "bn"})
	fmt.Println(err)
	// Output:
	// translation needs an LLM backend: set OPENAI_BASE_URL (an OpenAI-compatible server such as Ollama or vLLM) or OPENAI_API_KEY (OpenAI)
}
