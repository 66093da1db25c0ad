package main

import (
	"context"
	"path/filepath"

	"github.com/sangbad/sangbad/eval"
)

func runEval(ctx context.Context, e *env, args []string) error {
	f := newFlags("eval", e, "eval [--json] [--limit N] [FILE.jsonl|DIR ...]")
	asJSON := f.fs.Bool("json", false, "write the report as JSON")
	limit := f.fs.Int("limit", 0, "score at most N records of each file (0: all)")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		def := filepath.Join("..", "shared", "eval")
		if !fileExists(def) {
			return usageError("eval needs labelled JSONL files or a folder of them (formats: ../shared/eval/README.md)")
		}
		pos = []string{def}
	}
	_, c, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = eval.Run(ctx, eval.Config{Paths: pos, Analyzer: c.pipeline, Summarizer: c.pipeline, JSON: *asJSON, Limit: *limit, Log: c.log}, e.stdout)
	return err
}
