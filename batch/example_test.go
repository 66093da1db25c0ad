package batch_test

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/batch/feed"
)

// Run analyses a JSONL stream with bounded concurrency; a bad line is
// recorded as a failed item and the batch goes on.
func ExampleRun() {
	in := strings.NewReader(`{"id":"a1","text":"Rates held."}
{"id":"a2","text":
{"id":"a3","body":"Rice steady."}
`)
	an := batch.AnalyzerFunc(func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
		return &sangbad.Analysis{Language: sangbad.Language{Code: "en", Name: "English"}}, nil
	})
	sum, err := batch.Run(context.Background(), batch.RunConfig{Concurrency: 2, Ordered: true},
		feed.NewJSONL(in, "in.jsonl"), an, os.Stdout, nil)
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(sum.Total, sum.OK, sum.Failed)
	// Output:
	// {"id":"a1","analysis":{"language":{"code":"en","name":"English","confidence":0},"sentences":null,"facts":{"amounts":null,"dates":null,"actors":null,"quotes":null},"summaries":null,"took_ms":0}}
	// {"id":"in.jsonl:2","error":{"code":"invalid","message":"in.jsonl:2: not a JSON object"}}
	// {"id":"a3","analysis":{"language":{"code":"en","name":"English","confidence":0},"sentences":null,"facts":{"amounts":null,"dates":null,"actors":null,"quotes":null},"summaries":null,"took_ms":0}}
	// 3 2 1
}
