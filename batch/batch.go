// Package batch processes many articles: locally from files and feeds with
// bounded concurrency and resumable JSONL output, continuously by watching
// feeds with de-duplication, and across machines through a NATS JetStream
// work queue with durable results, redelivery and a dead-letter subject.
// The analysis itself is done by an Analyzer the caller supplies; batch
// knows nothing about how an article is analysed.
package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sangbad/sangbad"
)

// Analyzer analyses one article. summarize.Pipeline satisfies it.
type Analyzer interface {
	Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error)
}

// AnalyzerFunc adapts a function to Analyzer.
type AnalyzerFunc func(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error)

// Analyze calls f.
func (f AnalyzerFunc) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	return f(ctx, a, o)
}

// Result is one line of batch output: the analysis of an article or the
// error that kept it from being analysed.
type Result struct {
	ID       string             `json:"id"`
	Analysis *sangbad.Analysis  `json:"analysis,omitempty"`
	Error    *sangbad.ErrorBody `json:"error,omitempty"`
}

// OK reports whether r holds an analysis.
func (r *Result) OK() bool { return r.Error == nil }

func errorResult(id string, err error) Result {
	return Result{ID: id, Error: &sangbad.ErrorBody{Code: sangbad.ErrorCode(err), Message: sangbad.ErrorMessage(err)}}
}

// ContentHash is the hex SHA-256 of an article's normalised title and text
// (Unicode NFC, case-folded, white space collapsed), so that re-encoded or
// re-wrapped copies of one story hash alike and any edit to the wording
// changes the hash.
func ContentHash(a sangbad.Article) string {
	h := sha256.New()
	writeNormalized(h, a.Title)
	h.Write([]byte{0})
	writeNormalized(h, a.Text)
	return hex.EncodeToString(h.Sum(nil))
}

func writeNormalized(w interface{ Write([]byte) (int, error) }, s string) {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFC.String(s) {
		if unicode.IsSpace(r) || r == '\u00a0' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	w.Write([]byte(b.String()))
}

// HashID is the id given to an article that has none: "sha256-" and the
// first 32 hex digits of its ContentHash.
func HashID(a sangbad.Article) string {
	return "sha256-" + ContentHash(a)[:32]
}

// EnsureID returns a with an id: its own, else HashID.
func EnsureID(a sangbad.Article) sangbad.Article {
	if strings.TrimSpace(a.ID) == "" {
		a.ID = HashID(a)
	}
	return a
}

// analyze calls an Analyzer and turns a panic into an Internal error, so
// that one bad article cannot bring down a batch or a worker.
func analyze(ctx context.Context, an Analyzer, a sangbad.Article, o sangbad.Options) (res *sangbad.Analysis, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &sangbad.Error{Kind: sangbad.Internal, Message: "internal error", Err: fmt.Errorf("analyzer panic: %v\n%s", p, debug.Stack())}
		}
	}()
	res, err = an.Analyze(ctx, a, o)
	if err == nil && res == nil {
		err = sangbad.Errorf(sangbad.Internal, "analyzer returned no result")
	}
	return res, err
}
