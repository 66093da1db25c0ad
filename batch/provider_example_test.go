package batch_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/batch/feed"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
)

// RunProvider sends the LLM summaries of a batch through the provider's
// Batch API (here the stub server) and writes the same results as Run.
// The pipeline is the Preparer and the LLM client the Provider.
func ExampleRunProvider() {
	stub := llmtest.Start(llmtest.WithBatchPolls(1))
	defer stub.Close()
	client, err := llm.New(llm.Config{BaseURL: stub.BaseURL(), Model: "stub-model"})
	if err != nil {
		panic(err)
	}
	det, err := lang.New(lang.Options{})
	if err != nil {
		panic(err)
	}
	fx := facts.New()
	pipe := summarize.NewPipeline(det, fx, summarize.WithLLM(summarize.NewLLM(client, verify.New(fx, det))))

	dir, _ := os.MkdirTemp("", "provider")
	defer os.RemoveAll(dir)
	articles := feed.Slice(
		sangbad.Article{ID: "w1", Text: "DHAKA, Dec 12 - Bangladesh Bank kept its policy rate at 6.5 percent on Tuesday. The governor said inflation had eased to 9 percent in November."},
		sangbad.Article{ID: "w2", Text: "ঢাকা, ১২ ডিসেম্বর - বাংলাদেশ ব্যাংক মঙ্গলবার নীতি সুদহার সাড়ে ছয় শতাংশে অপরিবর্তিত রেখেছে। গভর্নর বলেন, নভেম্বরে মূল্যস্ফীতি কমে ৯ শতাংশ হয়েছে।"},
	)
	var out bytes.Buffer
	sum, err := batch.RunProvider(context.Background(), batch.ProviderConfig{
		StateFile:   filepath.Join(dir, "results.provider.json"), // rerun with the same file to resume
		PollEvery:   10 * time.Millisecond,                       // minutes in production
		Concurrency: 1,                                           // results in input order, for this example
	}, articles, pipe, client, &out, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(sum.OK, "ok,", sum.Failed, "failed")
	dec := json.NewDecoder(&out)
	for dec.More() {
		var r batch.Result
		if err := dec.Decode(&r); err != nil {
			panic(err)
		}
		s := r.Analysis.Summaries[r.Analysis.Language.Code]
		fmt.Println(r.ID, r.Analysis.Language.Code, s.Method, s.Model, *s.Verified)
	}
	// Output:
	// 2 ok, 0 failed
	// w1 en llm stub-model true
	// w2 bn llm stub-model true
}
