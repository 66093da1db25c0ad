package batch

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/sangbad/sangbad"
)

// fakeAnalyzer answers with a tiny analysis, fails articles whose text
// contains "FAIL" with a kind Invalid error, and counts its calls per id.
type fakeAnalyzer struct {
	delay time.Duration // simulated LLM latency
	calls atomic.Int64
	mu    sync.Mutex
	perID map[string]int
}

func (f *fakeAnalyzer) Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error) {
	f.calls.Add(1)
	f.mu.Lock()
	if f.perID == nil {
		f.perID = map[string]int{}
	}
	f.perID[a.ID]++
	f.mu.Unlock()
	if f.delay > 0 {
		t := time.NewTimer(f.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if strings.Contains(a.Text, "FAIL") {
		return nil, &sangbad.Error{Kind: sangbad.Invalid, Code: "bad_article", Message: "cannot analyse " + a.ID}
	}
	if strings.Contains(a.Text, "PANIC") {
		panic("analyzer bug")
	}
	return &sangbad.Analysis{ID: a.ID, Language: sangbad.Language{Code: "en", Name: "English"}, Warnings: []string{fmt.Sprintf("len=%d", len(a.Text))}}, nil
}

func (f *fakeAnalyzer) counts() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make(map[string]int, len(f.perID))
	for k, v := range f.perID {
		out[k] = v
	}
	return out
}

func articles(n int, prefix string) []sangbad.Article {
	out := make([]sangbad.Article, n)
	for i := range out {
		out[i] = sangbad.Article{ID: fmt.Sprintf("%s%04d", prefix, i), Title: "Story", Text: fmt.Sprintf("DHAKA - Story number %d about rice prices.", i)}
	}
	return out
}
