package batch

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// RunConfig configures a local batch run.
type RunConfig struct {
	// Concurrency is the number of articles analysed at once (default 4).
	Concurrency int
	// Ordered writes results in input order; otherwise as they finish.
	// Ordered output holds back at most a window of 4×Concurrency results.
	Ordered bool
	// Options are passed to the Analyzer for every article.
	Options sangbad.Options
	// Done holds the ids already in the output (see ResumeFile); they are
	// skipped.
	Done map[string]bool
	// Total is the expected number of items for progress (0: unknown).
	Total int
	// ItemTimeout bounds one analysis (0: none).
	ItemTimeout time.Duration
	// Logger receives per-item failures at debug level (default: discard).
	Logger *slog.Logger
}

// Summary is the outcome of a batch.
type Summary struct {
	// Total counts the items read (skipped ones included).
	Total   int `json:"total"`
	OK      int `json:"ok"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	// Duration is the wall-clock time of the run.
	Duration time.Duration `json:"duration_ns"`
	// Rate is processed (ok + failed) items per second.
	Rate float64 `json:"rate"`
}

func (s Summary) String() string {
	return fmt.Sprintf("%d items: %d ok, %d failed, %d skipped in %s (%.1f items/s)",
		s.Total, s.OK, s.Failed, s.Skipped, s.Duration.Round(time.Millisecond), s.Rate)
}

// Status is the outcome of one item.
type Status string

// Item statuses.
const (
	StatusOK      Status = "ok"
	StatusFailed  Status = "failed"
	StatusSkipped Status = "skipped"
)

// Event reports one finished item to a Progress.
type Event struct {
	ID     string
	Status Status
	// Err is set for failed items.
	Err error
}

// Progress follows a batch. Run calls it from one goroutine only.
type Progress interface {
	Start(total int)
	Item(e Event)
	Finish(s Summary)
}

type noProgress struct{}

func (noProgress) Start(int)      {}
func (noProgress) Item(Event)     {}
func (noProgress) Finish(Summary) {}

type job struct {
	seq     int
	article sangbad.Article
	skip    bool
	readErr error
	// filled by a worker
	res Result
	err error
}

// Run analyses every article of src with an, writing one JSON result a line
// to out. A failing article is written with its error and does not stop the
// batch; ids in cfg.Done are skipped; an article without id gets HashID.
// Memory stays bounded by the concurrency, whatever the input size. When ctx
// is canceled Run stops reading, drops the results the cancellation caused
// (so that a rerun retries them) and returns the partial Summary with the
// context's error.
func Run(ctx context.Context, cfg RunConfig, src feed.Source, an Analyzer, out io.Writer, progress Progress) (Summary, error) {
	start := time.Now()
	conc := cfg.Concurrency
	if conc <= 0 {
		conc = 4
	}
	window := 4 * conc
	if window < 16 {
		window = 16
	}
	w := newResultWriter(out, progress, cfg.Logger)
	w.progress.Start(cfg.Total)

	jobs := make(chan *job, conc)
	tokens := make(chan struct{}, window) // ordered mode: results not yet written
	readErr := make(chan error, 1)

	// Reader.
	go func() {
		defer close(jobs)
		seq := 0
		readErr <- readItems(ctx, src, func(a sangbad.Article, rerr error) error {
			j := &job{seq: seq, article: a, readErr: rerr}
			seq++
			// Unreadable items are recorded once too: a rerun does not
			// append their error again (unless retrying failures).
			j.skip = cfg.Done[j.article.ID]
			if cfg.Ordered {
				if err := send(ctx, tokens, struct{}{}); err != nil {
					return err
				}
			}
			return send(ctx, jobs, j)
		})
	}()

	// Workers.
	results := parallel(conc, jobs, func(j *job) {
		switch {
		case j.skip:
		case j.readErr != nil:
			j.err = j.readErr
			j.res = errorResult(j.article.ID, j.readErr)
		default:
			ictx, cancel := ctx, context.CancelFunc(func() {})
			if cfg.ItemTimeout > 0 {
				ictx, cancel = context.WithTimeout(ctx, cfg.ItemTimeout)
			}
			a, err := analyze(ictx, an, j.article, cfg.Options)
			cancel()
			if err != nil {
				j.err = err
				j.res = errorResult(j.article.ID, err)
			} else {
				j.res = Result{ID: j.article.ID, Analysis: a}
			}
		}
	})

	// Writer: this goroutine.
	var (
		pending = map[int]*job{}
		next    = 0
		werr    error
	)
	write := func(j *job) {
		if cfg.Ordered {
			<-tokens
		}
		switch {
		case j.skip:
			w.skip(j.article.ID)
		case j.err != nil && ctx.Err() != nil && (errors.Is(j.err, context.Canceled) || errors.Is(j.err, context.DeadlineExceeded)):
			// Canceled by us: not an outcome, a rerun retries it.
		case werr != nil:
			w.sum.Total++ // read, but no longer written
		default:
			werr = w.emit(j.res, j.err)
		}
	}
	for j := range results {
		if cfg.Ordered {
			pending[j.seq] = j
			for {
				pj, ok := pending[next]
				if !ok {
					break
				}
				delete(pending, next)
				next++
				write(pj)
			}
		} else {
			write(j)
		}
		if len(results) == 0 && werr == nil {
			werr = w.flush()
		}
	}
	if werr == nil {
		werr = w.flush()
	}
	sum := w.end(start)
	return sum, runErr(ctx, werr, <-readErr)
}

// DoneIDs reads batch output (JSONL results) and returns the ids it holds.
// With retryFailed, ids whose only results are errors are left out so that
// a rerun tries them again. Unparsable lines are ignored.
func DoneIDs(r io.Reader, retryFailed bool) (map[string]bool, error) {
	done, _, err := doneIDs(r, retryFailed)
	return done, err
}

// doneIDs reads batch output like DoneIDs and also returns the length of
// the prefix of r that ends with a newline.
func doneIDs(r io.Reader, retryFailed bool) (map[string]bool, int64, error) {
	done := map[string]bool{}
	br := bufio.NewReaderSize(r, 64<<10)
	var off, good int64
	for {
		line, err := br.ReadBytes('\n')
		off += int64(len(line))
		if len(line) > 0 && line[len(line)-1] == '\n' {
			good = off
			var head struct {
				ID    string          `json:"id"`
				Error json.RawMessage `json:"error"`
			}
			if json.Unmarshal(line, &head) == nil && head.ID != "" {
				if ok := len(head.Error) == 0 || string(head.Error) == "null"; ok || !retryFailed {
					done[head.ID] = true
				}
			}
		}
		if errors.Is(err, io.EOF) {
			return done, good, nil
		}
		if err != nil {
			return done, good, fmt.Errorf("read previous results: %w", err)
		}
	}
}

// ResumeFile opens (or creates) a batch output file for appending and
// returns the ids it already holds, for RunConfig.Done. A last line torn by
// a crash is cut off so that appended results start on a fresh line.
func ResumeFile(path string, retryFailed bool) (*os.File, map[string]bool, error) {
	var done map[string]bool
	f, _, err := openResumed(path, "output", func(f *os.File) (good int64, err error) {
		done, good, err = doneIDs(f, retryFailed)
		return good, err
	})
	if err != nil {
		return nil, nil, err
	}
	return f, done, nil
}
