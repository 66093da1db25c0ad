package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// Preparer splits an analysis around a provider batch
// (summarize.Pipeline satisfies it): PrepareBatch does everything local
// and returns the model requests still to answer, by summary language;
// FinishBatch completes the analysis from the answers.
type Preparer interface {
	PrepareBatch(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, map[string]sangbad.CompletionRequest, error)
	FinishBatch(ctx context.Context, a sangbad.Article, o sangbad.Options, an *sangbad.Analysis, answer func(lang string) (sangbad.Completion, error)) error
}

// Provider is a provider batch API such as the OpenAI Batch API (files and
// batches endpoints: about half the price, answers within 24 hours).
// *llm.Client satisfies it.
type Provider interface {
	// SubmitGenerateBatch sends one request per id and returns the
	// provider's batch id.
	SubmitGenerateBatch(ctx context.Context, ids []string, reqs []sangbad.CompletionRequest, metadata map[string]string) (string, error)
	// GenerateBatchStatus returns the provider's status of a batch and
	// whether it is final (completed, failed, expired, cancelled).
	GenerateBatchStatus(ctx context.Context, id string) (status string, done bool, err error)
	// GenerateBatchResults calls fn for every answered item of a finished
	// batch, with its completion or the error that took its place.
	GenerateBatchResults(ctx context.Context, id string, schemaFor func(id string) json.RawMessage, fn func(id string, c sangbad.Completion, err error)) error
}

// Limits of one provider batch (OpenAI: 50,000 requests and 200 MB per
// input file).
const (
	DefaultMaxItemsPerBatch = 50000
	DefaultMaxBatchBytes    = 180 << 20
)

// ProviderConfig configures RunProvider.
type ProviderConfig struct {
	// StateFile is where the run's state is kept (JSON, replaced
	// atomically); the prepared articles are spooled next to it in
	// StateFile+".spool". Both are removed when the run completes.
	// Required.
	StateFile string
	// PollEvery is the interval between status polls (default 1 minute).
	PollEvery time.Duration
	// MaxItemsPerBatch bounds the requests of one provider batch (default
	// and maximum DefaultMaxItemsPerBatch); MaxBatchBytes bounds its
	// estimated input file size (default DefaultMaxBatchBytes).
	MaxItemsPerBatch int
	MaxBatchBytes    int64
	// Concurrency is the number of articles prepared at once (default 4).
	Concurrency int
	// Options are the analysis options. A resumed run keeps the options
	// it was started with.
	Options sangbad.Options
	// Done holds the ids already in the output (see ResumeFile); they are
	// skipped.
	Done map[string]bool
	// Total is the expected number of items for progress (0: unknown).
	Total int
	// Metadata is attached to every provider batch.
	Metadata map[string]string
	// Logger receives the run's progress (submissions, status changes) at
	// info level and per-item failures at debug level (default: discard).
	Logger *slog.Logger
}

// providerState is the state file.
type providerState struct {
	Version int             `json:"version"`
	Options sangbad.Options `json:"options"`
	// Prepared is set when every input article is prepared: the spool is
	// complete and SpoolSize long.
	Prepared  bool         `json:"prepared"`
	SpoolSize int64        `json:"spool_size"`
	Batches   []stateBatch `json:"batches"`
}

// stateBatch is one submitted provider batch: the spool records
// [From, To) (byte offsets) it holds the requests of.
type stateBatch struct {
	ID        string    `json:"id"`
	From      int64     `json:"from"`
	To        int64     `json:"to"`
	Articles  int       `json:"articles"`
	Requests  int       `json:"requests"`
	Status    string    `json:"status"`
	Submitted time.Time `json:"submitted"`
	// Finished is set once its results are written to the output.
	Finished bool `json:"finished"`
}

// spoolRecord is a prepared article waiting for its LLM summaries.
type spoolRecord struct {
	ID       string                               `json:"id"`
	Article  sangbad.Article                      `json:"article"`
	Analysis *sangbad.Analysis                    `json:"analysis"`
	Requests map[string]sangbad.CompletionRequest `json:"requests"`
}

// customID is the provider's id of the summary of article id in lang:
// stable across restarts and unique within a run (article ids are).
func customID(id, lang string) string {
	h := sha256.Sum256([]byte(id))
	return "sangbad-" + hex.EncodeToString(h[:12]) + "-" + lang
}

// RunProvider analyses every article of src with its LLM summaries sent
// through a provider batch API, writing the same JSONL results as Run to
// out. It runs in three phases, each resumable from cfg.StateFile after a
// crash or a cancellation:
//
//  1. prepare: every article is analysed locally (language, facts,
//     extractive summary) with prep.PrepareBatch, cfg.Concurrency at a
//     time; articles that need no model call (and failures) go to out at
//     once, the others to the spool file. A restart skips what the spool
//     and out already hold.
//  2. submit: the spool is cut into provider batches (MaxItemsPerBatch,
//     MaxBatchBytes) and each batch id is recorded in the state file as
//     soon as the provider returns it; a restart never resubmits a
//     recorded batch. (A crash between the provider's answer and that
//     write, a few milliseconds, would submit the batch again: the cost
//     of one batch, never a duplicate result.)
//  3. poll: every PollEvery the unfinished batches are polled; a finished
//     one is downloaded, its articles finished with prep.FinishBatch and
//     written to out, and then marked finished in the state file.
//
// Results are written as articles finish, not in input order.
//
// A provider batch that failed, expired or was cancelled is not
// resubmitted: its answered items are used and every other summary falls
// back as a failed synchronous call would (the extractive summary with a
// warning naming the batch, or a summary carrying the error). When all
// batches are finished the state and spool files are removed. On
// cancellation RunProvider returns the partial Summary with the context's
// error; rerun it with the same state file to continue.
func RunProvider(ctx context.Context, cfg ProviderConfig, src feed.Source, prep Preparer, provider Provider, out io.Writer, progress Progress) (Summary, error) {
	start := time.Now()
	if cfg.StateFile == "" {
		return Summary{}, sangbad.Errorf(sangbad.Invalid, "a provider batch run needs a state file")
	}
	r := newProviderRun(cfg, prep, provider, out, progress)
	r.res.progress.Start(cfg.Total)
	err := r.run(ctx, src)
	if ferr := r.flush(); err == nil {
		err = ferr
	}
	sum := r.res.end(start)
	if err != nil && ctx.Err() != nil {
		return sum, ctx.Err()
	}
	return sum, err
}

type providerRun struct {
	cfg       ProviderConfig
	prep      Preparer
	provider  Provider
	log       *slog.Logger
	spoolPath string
	st        providerState

	rawOut io.Writer
	res    *resultWriter // to rawOut
}

func newProviderRun(cfg ProviderConfig, prep Preparer, provider Provider, out io.Writer, progress Progress) *providerRun {
	r := &providerRun{cfg: cfg, prep: prep, provider: provider, spoolPath: cfg.StateFile + ".spool", rawOut: out}
	r.defaults()
	r.res = newResultWriter(out, progress, cfg.Logger)
	r.log = r.res.log
	return r
}

func (r *providerRun) defaults() {
	if r.cfg.PollEvery <= 0 {
		r.cfg.PollEvery = time.Minute
	}
	if r.cfg.MaxItemsPerBatch <= 0 || r.cfg.MaxItemsPerBatch > DefaultMaxItemsPerBatch {
		r.cfg.MaxItemsPerBatch = DefaultMaxItemsPerBatch
	}
	if r.cfg.MaxBatchBytes <= 0 {
		r.cfg.MaxBatchBytes = DefaultMaxBatchBytes
	}
	if r.cfg.Concurrency <= 0 {
		r.cfg.Concurrency = 4
	}
}

func (r *providerRun) run(ctx context.Context, src feed.Source) error {
	resumed, err := r.loadState()
	if err != nil {
		return err
	}
	if resumed {
		r.log.Info("resuming provider batch run", "state", r.cfg.StateFile, "prepared", r.st.Prepared, "batches", len(r.st.Batches))
		if !reflect.DeepEqual(r.st.Options, r.cfg.Options) {
			r.log.Warn("provider batch: resuming with the options the run was started with", "started", r.st.Options, "given", r.cfg.Options)
		}
	} else {
		// A spool without a state file belongs to no run: start afresh.
		if err := os.Remove(r.spoolPath); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale spool: %w", err)
		}
		r.st = providerState{Version: 1, Options: r.cfg.Options}
		if err := r.saveState(); err != nil {
			return err
		}
	}
	if !r.st.Prepared {
		size, err := r.prepareAll(ctx, src)
		if err != nil {
			return err
		}
		r.st.Prepared, r.st.SpoolSize = true, size
		if err := r.saveState(); err != nil {
			return err
		}
		r.log.Info("provider batch: articles prepared", "spooled_bytes", size)
	} else {
		r.log.Info("provider batch: input already prepared, not read again")
	}
	if err := r.submitAll(ctx); err != nil {
		return err
	}
	if err := r.pollAll(ctx); err != nil {
		return err
	}
	// Everything is in out: the run is over and a rerun starts afresh.
	if err := r.flush(); err != nil {
		return err
	}
	for _, p := range []string{r.spoolPath, r.cfg.StateFile} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove provider batch state: %w", err)
		}
	}
	return nil
}

// --- state file ---

func (r *providerRun) loadState() (bool, error) {
	b, err := os.ReadFile(r.cfg.StateFile)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read provider batch state: %w", err)
	}
	if err := json.Unmarshal(b, &r.st); err != nil {
		return false, sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("the provider batch state file %s is damaged", r.cfg.StateFile))
	}
	if r.st.Version != 1 {
		return false, sangbad.Errorf(sangbad.Invalid, "the provider batch state file %s has unknown version %d", r.cfg.StateFile, r.st.Version)
	}
	return true, nil
}

// saveState replaces the state file atomically (write, sync, rename).
func (r *providerRun) saveState() error {
	b, err := json.MarshalIndent(r.st, "", "  ")
	if err != nil {
		return fmt.Errorf("encode provider batch state: %w", err)
	}
	if err := writeFileAtomic(r.cfg.StateFile, b); err != nil {
		return fmt.Errorf("save provider batch state: %w", err)
	}
	return nil
}

func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// --- output ---

// flush writes buffered results through and syncs a file output, so that
// what the state file marks finished is on disk.
func (r *providerRun) flush() error {
	if err := r.res.flush(); err != nil {
		return err
	}
	if s, ok := r.rawOut.(interface{ Sync() error }); ok {
		if err := s.Sync(); err != nil {
			return fmt.Errorf("sync results: %w", err)
		}
	}
	return nil
}

// --- phase 1: prepare ---

type prepJob struct {
	article sangbad.Article
	skip    bool
	readErr error
	// filled by a worker
	an   *sangbad.Analysis
	reqs map[string]sangbad.CompletionRequest
	err  error
}

// prepareAll prepares every article not yet in out or the spool, and
// returns the spool's size.
func (r *providerRun) prepareAll(ctx context.Context, src feed.Source) (int64, error) {
	spool, size, spooled, err := openSpool(r.spoolPath)
	if err != nil {
		return 0, err
	}
	defer spool.Close()
	if len(spooled) > 0 {
		r.log.Info("provider batch: resuming preparation", "spooled", len(spooled))
	}
	jobs := make(chan *prepJob, r.cfg.Concurrency)
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		seen := map[string]bool{}
		readErr <- readItems(ctx, src, func(a sangbad.Article, rerr error) error {
			j := &prepJob{article: a, readErr: rerr}
			id := j.article.ID
			// Done, spooled by an earlier run, or a repeated id: the
			// provider needs unique ids and out holds one result an id.
			j.skip = r.cfg.Done[id] || spooled[id] || seen[id]
			seen[id] = true
			return send(ctx, jobs, j)
		})
	}()
	results := parallel(r.cfg.Concurrency, jobs, func(j *prepJob) {
		switch {
		case j.skip:
		case j.readErr != nil:
			j.err = j.readErr
		default:
			j.an, j.reqs, j.err = prepare(ctx, r.prep, j.article, r.st.Options)
		}
	})

	sw := bufio.NewWriterSize(spool, 256<<10)
	var werr error
	var rec bytes.Buffer
	renc := json.NewEncoder(&rec)
	renc.SetEscapeHTML(false)
	for j := range results {
		if werr != nil {
			continue // drain
		}
		id := j.article.ID
		switch {
		case j.skip:
			r.res.skip(id)
		case j.err != nil:
			if ctx.Err() != nil && (errors.Is(j.err, context.Canceled) || errors.Is(j.err, context.DeadlineExceeded) || sangbad.ErrorKind(j.err) == sangbad.Canceled) {
				continue // canceled by us: a rerun retries it
			}
			werr = r.res.emit(errorResult(id, j.err), j.err)
		case len(j.reqs) == 0:
			werr = r.res.emit(Result{ID: id, Analysis: j.an}, nil)
		default:
			rec.Reset()
			if err := renc.Encode(spoolRecord{ID: id, Article: j.article, Analysis: j.an, Requests: j.reqs}); err != nil {
				werr = r.res.emit(errorResult(id, sangbad.WrapError(sangbad.Internal, err, "cannot encode the prepared article")), err)
				continue
			}
			if _, err := sw.Write(rec.Bytes()); err != nil {
				werr = fmt.Errorf("write spool: %w", err)
				continue
			}
			size += int64(rec.Len())
		}
	}
	if err := sw.Flush(); err != nil && werr == nil {
		werr = fmt.Errorf("write spool: %w", err)
	}
	if err := spool.Sync(); err != nil && werr == nil {
		werr = fmt.Errorf("sync spool: %w", err)
	}
	if err := runErr(ctx, werr, <-readErr); err != nil {
		return 0, err
	}
	return size, nil
}

// prepare calls PrepareBatch and turns a panic into an Internal error.
func prepare(ctx context.Context, p Preparer, a sangbad.Article, o sangbad.Options) (an *sangbad.Analysis, reqs map[string]sangbad.CompletionRequest, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &sangbad.Error{Kind: sangbad.Internal, Message: "internal error", Err: fmt.Errorf("prepare panic: %v\n%s", v, debug.Stack())}
		}
	}()
	an, reqs, err = p.PrepareBatch(ctx, a, o)
	if err == nil && an == nil {
		err = sangbad.Errorf(sangbad.Internal, "prepare returned no result")
	}
	return an, reqs, err
}

// openSpool opens the spool for appending after its last complete record
// (a record torn by a crash is cut off) and returns its size and the ids
// it holds.
func openSpool(path string) (*os.File, int64, map[string]bool, error) {
	ids := map[string]bool{}
	f, good, err := openResumed(path, "spool", func(f *os.File) (good int64, err error) {
		err = scanSpool(f, 0, -1, func(off, end int64, head []byte) error {
			var h struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(head, &h) == nil && h.ID != "" {
				ids[h.ID] = true
				good = end
			}
			return nil
		})
		return good, err
	})
	if err != nil {
		return nil, 0, nil, err
	}
	return f, good, ids, nil
}

// scanSpool calls fn for every complete line of f in [from, to) (to < 0:
// to the end) with its offsets. A last line without a newline is not
// complete.
func scanSpool(f *os.File, from, to int64, fn func(off, end int64, line []byte) error) error {
	var rd io.Reader = io.NewSectionReader(f, from, 1<<62)
	if to >= 0 {
		rd = io.NewSectionReader(f, from, to-from)
	}
	br := bufio.NewReaderSize(rd, 256<<10)
	off := from
	for {
		line, err := br.ReadBytes('\n')
		if len(line) > 0 && line[len(line)-1] == '\n' {
			end := off + int64(len(line))
			if ferr := fn(off, end, line); ferr != nil {
				return ferr
			}
			off = end
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read spool: %w", err)
		}
	}
}

// --- phase 2: submit ---

func (r *providerRun) submitAll(ctx context.Context) error {
	var from int64
	if n := len(r.st.Batches); n > 0 {
		from = r.st.Batches[n-1].To
	}
	if from >= r.st.SpoolSize {
		return nil
	}
	spool, err := os.Open(r.spoolPath)
	if err != nil {
		return fmt.Errorf("open spool: %w", err)
	}
	defer spool.Close()
	for from < r.st.SpoolSize {
		if err := ctx.Err(); err != nil {
			return err
		}
		var (
			ids      []string
			reqs     []sangbad.CompletionRequest
			articles int
			est      int64 // estimated input file size
			to       = from
		)
		errFull := errors.New("full")
		err := scanSpool(spool, from, r.st.SpoolSize, func(off, end int64, line []byte) error {
			var rec spoolRecord
			if err := json.Unmarshal(line, &rec); err != nil {
				return sangbad.WrapError(sangbad.Internal, err, "the provider batch spool is damaged")
			}
			langs := make([]string, 0, len(rec.Requests))
			var size int64
			for lang, q := range rec.Requests {
				langs = append(langs, lang)
				size += int64(len(q.System)+len(q.User)+len(q.Schema)) + 512
			}
			if articles > 0 && (len(ids)+len(langs) > r.cfg.MaxItemsPerBatch || est+size > r.cfg.MaxBatchBytes) {
				return errFull
			}
			slices.Sort(langs)
			for _, lang := range langs {
				ids = append(ids, customID(rec.ID, lang))
				reqs = append(reqs, rec.Requests[lang])
			}
			est += size
			articles++
			to = end
			return nil
		})
		if err != nil && !errors.Is(err, errFull) {
			return err
		}
		if articles == 0 {
			return sangbad.Errorf(sangbad.Internal, "the provider batch spool has no complete record at offset %d", from)
		}
		md := map[string]string{"sangbad_spool_range": fmt.Sprintf("%d-%d", from, to)}
		for k, v := range r.cfg.Metadata {
			md[k] = v
		}
		id, err := r.provider.SubmitGenerateBatch(ctx, ids, reqs, md)
		if err != nil {
			return fmt.Errorf("submit provider batch: %w", err)
		}
		// Recorded before anything else can fail: a restart polls this
		// batch and never submits its articles again.
		r.st.Batches = append(r.st.Batches, stateBatch{ID: id, From: from, To: to, Articles: articles, Requests: len(ids), Status: "submitted", Submitted: time.Now().UTC()})
		if err := r.saveState(); err != nil {
			return err
		}
		r.log.Info("provider batch submitted", "batch", id, "articles", articles, "requests", len(ids), "estimated_bytes", est)
		from = to
	}
	return nil
}

// --- phase 3: poll and finish ---

func (r *providerRun) pollAll(ctx context.Context) error {
	for {
		pending := 0
		for i := range r.st.Batches {
			b := &r.st.Batches[i]
			if b.Finished {
				continue
			}
			status, done, err := r.provider.GenerateBatchStatus(ctx, b.ID)
			if err != nil {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				switch sangbad.ErrorKind(err) {
				case sangbad.NotFound:
					status, done = "missing", true
				case sangbad.Unavailable, sangbad.RateLimited, sangbad.Timeout:
					r.log.Warn("provider batch poll failed; retrying", "batch", b.ID, "err", err)
					pending++
					continue
				default:
					return fmt.Errorf("poll provider batch %s: %w", b.ID, err)
				}
			}
			if status != b.Status {
				r.log.Info("provider batch status", "batch", b.ID, "status", status)
				b.Status = status
				if err := r.saveState(); err != nil {
					return err
				}
			}
			if !done {
				pending++
				continue
			}
			retry, err := r.finish(ctx, b)
			if err != nil {
				return err
			}
			if retry {
				pending++
				continue
			}
			b.Finished = true
			if err := r.saveState(); err != nil {
				return err
			}
		}
		if pending == 0 {
			return nil
		}
		t := time.NewTimer(r.cfg.PollEvery)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

type answer struct {
	c   sangbad.Completion
	err error
}

// finish downloads the answers of a finished provider batch, completes
// its articles and writes them to out. retry is set when the download
// failed for a passing reason (tried again at the next poll).
func (r *providerRun) finish(ctx context.Context, b *stateBatch) (retry bool, err error) {
	spool, err := os.Open(r.spoolPath)
	if err != nil {
		return false, fmt.Errorf("open spool: %w", err)
	}
	defer spool.Close()
	// The schemas the answers must match, by custom id (summaries share
	// one schema; keep each distinct one once).
	var schemas []json.RawMessage
	schemaOf := map[string]int{}
	err = scanSpool(spool, b.From, b.To, func(_, _ int64, line []byte) error {
		var rec struct {
			ID       string `json:"id"`
			Requests map[string]struct{ Schema json.RawMessage }
		}
		if err := json.Unmarshal(line, &rec); err != nil {
			return sangbad.WrapError(sangbad.Internal, err, "the provider batch spool is damaged")
		}
		for lang, q := range rec.Requests {
			k := slices.IndexFunc(schemas, func(s json.RawMessage) bool { return bytes.Equal(s, q.Schema) })
			if k < 0 {
				k = len(schemas)
				schemas = append(schemas, q.Schema)
			}
			schemaOf[customID(rec.ID, lang)] = k
		}
		return nil
	})
	if err != nil {
		return false, err
	}
	answers := make(map[string]answer, len(schemaOf))
	if b.Status == "completed" || b.Status == "expired" || b.Status == "cancelled" || b.Status == "failed" {
		err = r.provider.GenerateBatchResults(ctx, b.ID, func(id string) json.RawMessage {
			if k, ok := schemaOf[id]; ok {
				return schemas[k]
			}
			return nil
		}, func(id string, c sangbad.Completion, err error) {
			answers[id] = answer{c, err}
		})
		if err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			switch sangbad.ErrorKind(err) {
			case sangbad.Unavailable, sangbad.RateLimited, sangbad.Timeout:
				r.log.Warn("provider batch download failed; retrying", "batch", b.ID, "err", err)
				return true, nil
			}
			return false, fmt.Errorf("provider batch %s results: %w", b.ID, err)
		}
	}
	var missing error
	if b.Status == "completed" {
		missing = &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_batch_item_missing", Message: fmt.Sprintf("the provider batch %s has no answer for this summary", b.ID)}
	} else {
		missing = &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_batch_" + b.Status, Message: fmt.Sprintf("the provider batch %s ended %s without an answer for this summary", b.ID, b.Status)}
	}
	r.log.Info("provider batch finished", "batch", b.ID, "status", b.Status, "answers", len(answers), "requests", b.Requests)
	answerFor := func(id string) func(string) (sangbad.Completion, error) {
		return func(lang string) (sangbad.Completion, error) {
			a, ok := answers[customID(id, lang)]
			if !ok {
				return sangbad.Completion{}, missing
			}
			return a.c, a.err
		}
	}

	// Finish the articles cfg.Concurrency at a time (verification is
	// CPU work); results are written from this goroutine.
	type fin struct {
		rec  spoolRecord
		skip bool
		err  error
	}
	fctx, cancel := context.WithCancel(ctx)
	defer cancel()
	recs := make(chan *fin, r.cfg.Concurrency)
	scanErr := make(chan error, 1)
	go func() {
		defer close(recs)
		scanErr <- scanSpool(spool, b.From, b.To, func(_, _ int64, line []byte) error {
			f := &fin{}
			if err := json.Unmarshal(line, &f.rec); err != nil {
				return sangbad.WrapError(sangbad.Internal, err, "the provider batch spool is damaged")
			}
			// Written by an earlier run (cfg.Done is read only here; ids
			// written by this run are in no other batch).
			f.skip = r.cfg.Done[f.rec.ID]
			return send(fctx, recs, f)
		})
	}()
	fins := parallel(r.cfg.Concurrency, recs, func(f *fin) {
		if !f.skip {
			f.err = finishOne(fctx, r.prep, f.rec, r.st.Options, answerFor(f.rec.ID))
		}
	})
	var werr error
	for f := range fins {
		switch {
		case werr != nil:
		case f.skip:
			r.res.skip(f.rec.ID)
		case f.err != nil && ctx.Err() != nil:
			werr = ctx.Err()
		case f.err != nil:
			werr = r.res.emit(errorResult(f.rec.ID, f.err), f.err)
		default:
			werr = r.res.emit(Result{ID: f.rec.ID, Analysis: f.rec.Analysis}, nil)
		}
		if werr != nil {
			cancel()
		}
	}
	serr := <-scanErr
	switch {
	case werr != nil:
		return false, werr
	case serr != nil:
		return false, serr
	}
	// The results are on disk before the state file says so.
	return false, r.flush()
}

// finishOne calls FinishBatch and turns a panic into an Internal error.
func finishOne(ctx context.Context, p Preparer, rec spoolRecord, o sangbad.Options, answer func(string) (sangbad.Completion, error)) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &sangbad.Error{Kind: sangbad.Internal, Message: "internal error", Err: fmt.Errorf("finish panic: %v\n%s", v, debug.Stack())}
		}
	}()
	if rec.Analysis == nil {
		return sangbad.Errorf(sangbad.Internal, "the spooled article %s has no analysis", rec.ID)
	}
	return p.FinishBatch(ctx, rec.Article, o, rec.Analysis, answer)
}
