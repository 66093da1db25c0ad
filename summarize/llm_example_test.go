package summarize_test

import (
	"context"
	"fmt"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
)

// An LLM summary through any OpenAI-compatible server (here the stub,
// which answers with the article's first sentence): each summary sentence
// cites the article sentences it rests on, and the verifier checks its
// numbers, dates and names against the article.
func ExampleLLM_Summarize() {
	srv := llmtest.Start(llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		first := llmtest.ArticleSentences(r.User())[0]
		return llmtest.Reply{Content: fmt.Sprintf(`{"sentences":[{"text":%q,"sources":[0]}]}`, first)}
	}))
	defer srv.Close()
	client, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "stub-model"})
	if err != nil {
		panic(err)
	}
	fx := facts.New()
	l := summarize.NewLLM(client, verify.New(fx, nil)) // pass the lang detector to check the language with lingua too

	a := sangbad.Article{Text: "Rice prices rose 40 percent in Dhaka this month, traders said on Monday. " +
		"The government said it would import 2 million tonnes of rice.", Published: "2024-06-10"}
	s, err := l.Summarize(context.Background(), summarize.SummaryRequest{Article: a, Language: "en", Length: sangbad.LengthHeadline})
	if err != nil {
		panic(err)
	}
	fmt.Println(s.Text)
	fmt.Println(s.Sentences[0].Sources, *s.Verified, s.Method, s.Model)
	// Output:
	// Rice prices rose 40 percent in Dhaka this month, traders said on Monday.
	// [0] true llm stub-model
}
