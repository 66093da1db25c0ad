package batch

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// BatchState is the life-cycle state of a batch.
type BatchState string

// Batch states.
const (
	StateQueued  BatchState = "queued"
	StateRunning BatchState = "running"
	StateDone    BatchState = "done"
	StateFailed  BatchState = "failed"
)

// BatchStatus is the progress of a batch as the HTTP API shows it. Done
// counts items analysed successfully and Failed items whose error was
// recorded (and dead-lettered); the batch is done when Done+Failed = Total.
type BatchStatus struct {
	ID         string     `json:"id"`
	State      BatchState `json:"state"`
	Total      int        `json:"total"`
	Done       int        `json:"done"`
	Failed     int        `json:"failed"`
	CreatedAt  time.Time  `json:"created_at"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
	// Error says why a batch failed as a whole (its input could not be read).
	Error string `json:"error,omitempty"`
}

// CreateOptions configure a batch.
type CreateOptions struct {
	// Options are the analysis options for every article of the batch.
	Options sangbad.Options
	// Webhook, when set, receives a POST of the final BatchStatus as JSON.
	Webhook string
}

// batchRecord is the bookkeeping kept in the batches bucket.
type batchRecord struct {
	ID         string          `json:"id"`
	State      BatchState      `json:"state"`
	Total      int             `json:"total"`
	Submitted  bool            `json:"submitted"`
	Report     SubmitReport    `json:"report"`
	Options    sangbad.Options `json:"options"`
	Webhook    string          `json:"webhook,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
	FinishedAt *time.Time      `json:"finished_at,omitempty"`
	Error      string          `json:"error,omitempty"`
}

// ServiceConfig tunes a Service.
type ServiceConfig struct {
	// PollInterval is how often Run checks open batches (default 1 s).
	PollInterval time.Duration
	// HTTPClient posts webhooks (default: 10 s timeout).
	HTTPClient *http.Client
	// WebhookAttempts (default 5) and WebhookBackoff (default 1 s, doubled
	// per attempt) govern webhook retries.
	WebhookAttempts int
	WebhookBackoff  time.Duration
	Logger          *slog.Logger
}

// Service is the batch bookkeeping behind the HTTP batch API: it creates
// batches from JSONL bodies, reports their progress and streams their
// results. Run marks finished batches done and calls their webhooks.
type Service struct {
	q   *Queue
	cfg ServiceConfig
	log *slog.Logger

	mu     sync.Mutex
	active map[string]bool // batches created here and not yet finished
}

// NewService returns a Service over q.
func NewService(q *Queue, cfg ServiceConfig) *Service {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = time.Second
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.WebhookAttempts <= 0 {
		cfg.WebhookAttempts = 5
	}
	if cfg.WebhookBackoff <= 0 {
		cfg.WebhookBackoff = time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = q.log
	}
	return &Service{q: q, cfg: cfg, log: log, active: map[string]bool{}}
}

// Create reads a JSONL body of articles, queues them as a new batch and
// returns its status. Unreadable lines become failed items of the batch.
func (s *Service) Create(ctx context.Context, r io.Reader, opts CreateOptions) (BatchStatus, error) {
	if opts.Webhook != "" {
		u, err := url.Parse(opts.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return BatchStatus{}, &sangbad.Error{Kind: sangbad.Invalid, Code: "bad_webhook", Message: "webhook must be an http(s) URL"}
		}
	}
	var b [9]byte
	rand.Read(b[:])
	rec := batchRecord{ID: "b_" + hex.EncodeToString(b[:]), State: StateQueued, Options: opts.Options, Webhook: opts.Webhook, CreatedAt: time.Now().UTC()}
	if err := s.put(ctx, rec, 0); err != nil {
		return BatchStatus{}, err
	}
	rep, err := s.q.Submit(ctx, rec.ID, feed.NewJSONL(r, "line"), opts.Options)
	rec.Report = rep
	rec.Total = rep.Total - rep.Duplicates
	rec.Submitted = true
	switch {
	case err != nil:
		rec.State, rec.Error = StateFailed, "the batch could not be read: "+sangbad.ErrorMessage(err)
		err = fmt.Errorf("create batch: %w", err)
	case rec.Total == 0:
		rec.State, rec.Error = StateFailed, "the batch has no articles"
		err = &sangbad.Error{Kind: sangbad.Invalid, Code: "empty_batch", Message: rec.Error}
	}
	if err != nil {
		now := time.Now().UTC()
		rec.FinishedAt = &now
	}
	// Bookkeeping must be saved even when the caller has gone.
	if perr := s.put(context.WithoutCancel(ctx), rec, 0); perr != nil && err == nil {
		err = perr
	}
	if err != nil {
		return toStatus(rec, 0, 0), err
	}
	s.mu.Lock()
	s.active[rec.ID] = true
	s.mu.Unlock()
	st, _, _, err := s.status(ctx, rec.ID)
	return st, err
}

// Status returns the progress of batch id (kind NotFound when unknown).
func (s *Service) Status(ctx context.Context, id string) (BatchStatus, error) {
	st, _, _, err := s.status(ctx, id)
	return st, err
}

func (s *Service) status(ctx context.Context, id string) (BatchStatus, batchRecord, uint64, error) {
	rec, rev, err := s.get(ctx, id)
	if err != nil {
		return BatchStatus{}, rec, 0, err
	}
	results, failed, err := s.q.counts(ctx, id)
	if err != nil {
		return BatchStatus{}, rec, 0, err
	}
	return toStatus(rec, results, failed), rec, rev, nil
}

func toStatus(rec batchRecord, results, failed int) BatchStatus {
	st := BatchStatus{ID: rec.ID, State: rec.State, Total: rec.Total, CreatedAt: rec.CreatedAt, FinishedAt: rec.FinishedAt, Error: rec.Error}
	if rec.Submitted && results > rec.Total { // de-duplication window passed on a redelivery
		results = rec.Total
	}
	failed = min(failed, results)
	st.Done, st.Failed = results-failed, failed
	if rec.State == StateQueued || rec.State == StateRunning {
		switch {
		case rec.Submitted && results >= rec.Total:
			st.State = StateDone
		case results > 0:
			st.State = StateRunning
		default:
			st.State = StateQueued
		}
	}
	return st
}

// Results streams the results of batch id to w as JSONL, one line per item
// in the order they finished; for an unfinished batch, those so far.
func (s *Service) Results(ctx context.Context, id string, w io.Writer) error {
	if _, _, err := s.get(ctx, id); err != nil {
		return err
	}
	subj := s.q.cfg.ResultsSubject + "." + id
	info, err := s.q.out.Info(ctx, jetstream.WithSubjectFilter(subj))
	if err != nil {
		return fmt.Errorf("batch %s results: %w", id, err)
	}
	if info.State.Subjects[subj] == 0 {
		return nil
	}
	cons, err := s.q.js.OrderedConsumer(ctx, s.q.cfg.OutStream, jetstream.OrderedConsumerConfig{FilterSubjects: []string{subj}})
	if err != nil {
		return fmt.Errorf("batch %s results: %w", id, err)
	}
	defer func() {
		if ci := cons.CachedInfo(); ci != nil {
			s.q.js.DeleteConsumer(context.WithoutCancel(ctx), s.q.cfg.OutStream, ci.Name)
		}
	}()
	bw := bufio.NewWriterSize(w, 64<<10)
	for {
		msg, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			return fmt.Errorf("batch %s results: %w", id, err)
		}
		data := bytes.TrimRight(msg.Data(), "\n")
		bw.Write(data)
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("write results: %w", err)
		}
		md, err := msg.Metadata()
		if err != nil {
			return fmt.Errorf("batch %s results: %w", id, err)
		}
		if md.NumPending == 0 {
			break
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	return nil
}

// Run watches open batches until ctx is canceled: a batch whose items all
// have results is marked done (once, across service instances) and its
// webhook is called. Batches left open by an earlier run are picked up.
func (s *Service) Run(ctx context.Context) error {
	lister, err := s.q.batches.ListKeys(ctx)
	if err == nil {
		for k := range lister.Keys() {
			if rec, _, err := s.get(ctx, k); err == nil && rec.FinishedAt == nil && rec.State != StateFailed {
				s.mu.Lock()
				s.active[k] = true
				s.mu.Unlock()
			}
		}
	} else if !errors.Is(err, jetstream.ErrNoKeysFound) {
		return fmt.Errorf("list batches: %w", err)
	}
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(s.cfg.PollInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
		s.mu.Lock()
		ids := make([]string, 0, len(s.active))
		for id := range s.active {
			ids = append(ids, id)
		}
		s.mu.Unlock()
		for _, id := range ids {
			st, rec, rev, err := s.status(ctx, id)
			if err != nil {
				if ctx.Err() == nil {
					s.log.Warn("batch status", "batch", id, "err", err)
				}
				continue
			}
			if st.State != StateDone && st.State != StateFailed {
				continue
			}
			s.mu.Lock()
			delete(s.active, id)
			s.mu.Unlock()
			if rec.FinishedAt != nil {
				continue // finished elsewhere
			}
			now := time.Now().UTC()
			rec.State, rec.FinishedAt = st.State, &now
			if err := s.put(ctx, rec, rev); err != nil {
				continue // another instance won the update and calls the webhook
			}
			st.FinishedAt = &now
			s.log.Info("batch finished", "batch", id, "total", st.Total, "done", st.Done, "failed", st.Failed)
			if rec.Webhook != "" {
				wg.Add(1)
				go func() {
					defer wg.Done()
					s.callWebhook(ctx, rec.Webhook, st)
				}()
			}
		}
	}
}

// callWebhook POSTs the status, retrying failures with backoff.
func (s *Service) callWebhook(ctx context.Context, hook string, st BatchStatus) {
	body, _ := json.Marshal(st)
	delay := s.cfg.WebhookBackoff
	for attempt := 1; attempt <= s.cfg.WebhookAttempts; attempt++ {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook, bytes.NewReader(body))
		if err != nil {
			s.log.Warn("webhook", "batch", st.ID, "err", err)
			return
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("User-Agent", "sangbad-webhook/1")
		resp, err := s.cfg.HTTPClient.Do(req)
		if err == nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
			if resp.StatusCode/100 == 2 {
				return
			}
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		s.log.Warn("webhook failed", "batch", st.ID, "attempt", attempt, "err", err)
		if attempt < s.cfg.WebhookAttempts {
			sleep(ctx, delay)
			delay *= 2
		}
		if ctx.Err() != nil {
			return
		}
	}
}

func (s *Service) get(ctx context.Context, id string) (batchRecord, uint64, error) {
	var rec batchRecord
	if !batchIDPattern.MatchString(id) {
		return rec, 0, sangbad.Errorf(sangbad.NotFound, "no batch %q", id)
	}
	e, err := s.q.batches.Get(ctx, id)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return rec, 0, sangbad.Errorf(sangbad.NotFound, "no batch %q", id)
	}
	if err != nil {
		return rec, 0, fmt.Errorf("get batch %s: %w", id, err)
	}
	if err := json.Unmarshal(e.Value(), &rec); err != nil {
		return rec, 0, fmt.Errorf("decode batch %s: %w", id, err)
	}
	return rec, e.Revision(), nil
}

// put saves rec; with rev > 0 only if it is still at that revision.
func (s *Service) put(ctx context.Context, rec batchRecord, rev uint64) error {
	data, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode batch: %w", err)
	}
	if rev > 0 {
		_, err = s.q.batches.Update(ctx, rec.ID, data, rev)
	} else {
		_, err = s.q.batches.Put(ctx, rec.ID, data)
	}
	if err != nil {
		return fmt.Errorf("save batch %s: %w", rec.ID, err)
	}
	return nil
}
