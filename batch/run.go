package batch

import (
	"bufio"
	"bytes"
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
	if progress == nil {
		progress = noProgress{}
	}
	conc := cfg.Concurrency
	if conc <= 0 {
		conc = 4
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	window := 4 * conc
	if window < 16 {
		window = 16
	}
	progress.Start(cfg.Total)

	jobs := make(chan *job, conc)
	results := make(chan *job, conc)
	tokens := make(chan struct{}, window) // ordered mode: results not yet written
	readErr := make(chan error, 1)

	// Reader.
	go func() {
		defer close(jobs)
		seq := 0
		for {
			it, err := src.Next(ctx)
			if errors.Is(err, io.EOF) {
				readErr <- nil
				return
			}
			if err != nil {
				readErr <- err
				return
			}
			j := &job{seq: seq, article: it.Article, readErr: it.Err}
			seq++
			if j.readErr == nil {
				j.article = EnsureID(j.article)
			} else if j.article.ID == "" {
				j.article.ID = it.Pos
			}
			// Unreadable items are recorded once too: a rerun does not
			// append their error again (unless retrying failures).
			j.skip = cfg.Done[j.article.ID]
			if cfg.Ordered {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					readErr <- ctx.Err()
					return
				}
			}
			select {
			case jobs <- j:
			case <-ctx.Done():
				readErr <- ctx.Err()
				return
			}
		}
	}()

	// Workers.
	done := make(chan struct{})
	for range conc {
		go func() {
			defer func() { done <- struct{}{} }()
			for j := range jobs {
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
				results <- j
			}
		}()
	}
	go func() {
		for range conc {
			<-done
		}
		close(results)
	}()

	// Writer: this goroutine.
	var (
		sum     Summary
		bw      = bufio.NewWriterSize(out, 64<<10)
		pending = map[int]*job{}
		next    = 0
		werr    error
		line    bytes.Buffer
		enc     = json.NewEncoder(&line)
	)
	enc.SetEscapeHTML(false)
	write := func(j *job) {
		if cfg.Ordered {
			<-tokens
		}
		sum.Total++
		if j.skip {
			sum.Skipped++
			progress.Item(Event{ID: j.article.ID, Status: StatusSkipped})
			return
		}
		if j.err != nil && ctx.Err() != nil && (errors.Is(j.err, context.Canceled) || errors.Is(j.err, context.DeadlineExceeded)) {
			sum.Total-- // canceled by us: not an outcome, a rerun retries it
			return
		}
		if werr != nil {
			return
		}
		line.Reset()
		if err := enc.Encode(j.res); err != nil {
			j.err = err
			j.res = errorResult(j.article.ID, sangbad.WrapError(sangbad.Internal, err, "cannot encode the result"))
			line.Reset()
			enc.Encode(j.res)
		}
		if _, err := bw.Write(line.Bytes()); err != nil {
			werr = fmt.Errorf("write results: %w", err)
			return
		}
		if j.err != nil {
			sum.Failed++
			log.Debug("item failed", "id", j.article.ID, "err", j.err)
			progress.Item(Event{ID: j.article.ID, Status: StatusFailed, Err: j.err})
		} else {
			sum.OK++
			progress.Item(Event{ID: j.article.ID, Status: StatusOK})
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
			if err := bw.Flush(); err != nil {
				werr = fmt.Errorf("write results: %w", err)
			}
		}
	}
	if werr == nil {
		if err := bw.Flush(); err != nil {
			werr = fmt.Errorf("write results: %w", err)
		}
	}
	sum.Duration = time.Since(start)
	if s := sum.Duration.Seconds(); s > 0 {
		sum.Rate = float64(sum.OK+sum.Failed) / s
	}
	progress.Finish(sum)
	rerr := <-readErr
	switch {
	case werr != nil:
		return sum, werr
	case ctx.Err() != nil:
		return sum, ctx.Err()
	case rerr != nil:
		return sum, fmt.Errorf("read input: %w", rerr)
	}
	return sum, nil
}

// DoneIDs reads batch output (JSONL results) and returns the ids it holds.
// With retryFailed, ids whose only results are errors are left out so that
// a rerun tries them again. Unparsable lines are ignored.
func DoneIDs(r io.Reader, retryFailed bool) (map[string]bool, error) {
	done := map[string]bool{}
	_, err := scanResults(r, func(id string, ok bool) {
		if ok || !retryFailed {
			done[id] = true
		}
	})
	return done, err
}

// scanResults calls fn for every parsable result line and returns the
// length of the prefix of r that ends with a newline.
func scanResults(r io.Reader, fn func(id string, ok bool)) (int64, error) {
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
				fn(head.ID, len(head.Error) == 0 || string(head.Error) == "null")
			}
		}
		if errors.Is(err, io.EOF) {
			return good, nil
		}
		if err != nil {
			return good, fmt.Errorf("read previous results: %w", err)
		}
	}
}

// ResumeFile opens (or creates) a batch output file for appending and
// returns the ids it already holds, for RunConfig.Done. A last line torn by
// a crash is cut off so that appended results start on a fresh line.
func ResumeFile(path string, retryFailed bool) (*os.File, map[string]bool, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("open output: %w", err)
	}
	done := map[string]bool{}
	good, err := scanResults(f, func(id string, ok bool) {
		if ok || !retryFailed {
			done[id] = true
		}
	})
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("resume output %s: %w", path, err)
	}
	return f, done, nil
}
