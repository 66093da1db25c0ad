package batch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sangbad/sangbad"
)

// WorkerConfig tunes RunWorker.
type WorkerConfig struct {
	// Concurrency is the number of jobs analysed at once (default 4).
	Concurrency int
	// ItemTimeout bounds one analysis (0: none; heartbeats keep long jobs
	// from being redelivered).
	ItemTimeout time.Duration
	// ShutdownTimeout is how long in-flight jobs may run after ctx is
	// canceled before they are interrupted and handed back (default: the
	// queue's AckWait).
	ShutdownTimeout time.Duration
	// RetryBackoff is the delay before a retryable failure is redelivered,
	// doubled per attempt up to a minute (default 2 s).
	RetryBackoff time.Duration
	// FetchWait is how long one pull waits for jobs (default 1 s).
	FetchWait time.Duration
	Logger    *slog.Logger
}

// RunWorker takes jobs from q, analyses them with an, stores and publishes
// the results and acknowledges each job only after its result is stored. It
// returns when ctx is canceled, after the jobs in flight have finished (or
// ShutdownTimeout has passed and they were handed back for redelivery).
//
// Retryable failures (backend unavailable, rate limits, timeouts, internal
// errors) are redelivered with backoff; on the last allowed delivery, and
// at once for permanent failures (invalid input), the error is recorded as
// the item's result and dead-lettered. The worker also listens, in a queue
// group shared with the other workers, to the JetStream advisory for jobs
// that ran out of deliveries without any answer (their worker crashed), and
// dead-letters those.
func RunWorker(ctx context.Context, q *Queue, an Analyzer, cfg WorkerConfig) error {
	conc := cfg.Concurrency
	if conc <= 0 {
		conc = 4
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = q.cfg.AckWait
	}
	if cfg.RetryBackoff <= 0 {
		cfg.RetryBackoff = 2 * time.Second
	}
	if cfg.FetchWait <= 0 {
		cfg.FetchWait = time.Second
	}
	log := cfg.Logger
	if log == nil {
		log = q.log
	}
	w := &worker{q: q, an: an, cfg: cfg, log: log}

	// Handlers outlive ctx so that in-flight jobs can finish on shutdown.
	hctx, hcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hcancel()
	var wg sync.WaitGroup

	var (
		advMu     sync.Mutex
		advClosed bool
		advWG     sync.WaitGroup
	)
	adv := "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + q.cfg.JobsStream + "." + q.cfg.Consumer
	sub, err := q.nc.QueueSubscribe(adv, "sangbad-dlq", func(m *nats.Msg) {
		advMu.Lock()
		if advClosed {
			advMu.Unlock()
			return
		}
		advWG.Add(1)
		advMu.Unlock()
		defer advWG.Done()
		w.maxDeliveries(hctx, m.Data)
	})
	if err != nil {
		return fmt.Errorf("subscribe to max-deliveries advisories: %w", err)
	}

	sem := make(chan struct{}, conc)
	backoff := time.Duration(0)
	for ctx.Err() == nil {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			continue
		}
		n := 1
	more:
		for n < conc {
			select {
			case sem <- struct{}{}:
				n++
			default:
				break more
			}
		}
		b, err := q.cons.Fetch(n, jetstream.FetchMaxWait(cfg.FetchWait))
		if err != nil {
			for range n {
				<-sem
			}
			if ctx.Err() != nil {
				break
			}
			backoff = min(max(2*backoff, 100*time.Millisecond), 5*time.Second)
			log.Warn("fetch jobs", "err", err, "retry_in", backoff)
			sleep(ctx, backoff)
			continue
		}
		backoff = 0
		got := 0
		for msg := range b.Messages() {
			got++
			if ctx.Err() != nil {
				msg.Nak() // arrived after shutdown began: hand it straight back
				<-sem
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				w.handle(hctx, msg)
			}()
		}
		for range n - got {
			<-sem
		}
		if err := b.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && ctx.Err() == nil {
			log.Warn("fetch jobs", "err", err)
		}
	}

	// Graceful shutdown: let in-flight jobs finish, then interrupt them.
	advMu.Lock()
	advClosed = true
	advMu.Unlock()
	sub.Unsubscribe()
	done := make(chan struct{})
	go func() { wg.Wait(); advWG.Wait(); close(done) }()
	t := time.NewTimer(cfg.ShutdownTimeout)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
		log.Warn("shutdown timeout: handing back jobs in flight")
		hcancel()
		<-done
	}
	return nil
}

type worker struct {
	q   *Queue
	an  Analyzer
	cfg WorkerConfig
	log *slog.Logger
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// handle processes one job message and settles it (ack, nak or term).
func (w *worker) handle(ctx context.Context, msg jetstream.Msg) {
	q := w.q
	var j queuedJob
	md, merr := msg.Metadata()
	delivered := 1
	if merr == nil {
		delivered = int(md.NumDelivered)
	}
	if err := json.Unmarshal(msg.Data(), &j); err != nil || j.Batch == "" || j.Article.ID == "" {
		id := "job"
		if merr == nil {
			id = "job-" + strconv.FormatUint(md.Sequence.Stream, 10)
		}
		batch := j.Batch
		if !batchIDPattern.MatchString(batch) {
			batch = "unknown"
		}
		if _, ferr := q.fail(ctx, queuedJob{Batch: batch}, id, sangbad.WrapError(sangbad.Invalid, err, "malformed job"), delivered); ferr != nil {
			w.log.Error("dead-letter malformed job", "err", ferr)
			msg.Nak()
			return
		}
		msg.Term()
		return
	}
	id := j.Article.ID
	log := w.log.With("batch", j.Batch, "id", id, "delivery", delivered)

	// Processed already (a redelivery after a crash between storing and
	// acking, or the same story in another batch)?
	if st, ok, err := q.lookup(ctx, id, j.Hash); err != nil {
		log.Warn("look up result", "err", err)
		msg.NakWithDelay(time.Second)
		return
	} else if ok {
		if _, err := q.publishResult(ctx, j.Batch, j.Hash, st.Result); err != nil {
			log.Warn("republish result", "err", err)
			msg.NakWithDelay(time.Second)
			return
		}
		w.ack(ctx, msg, log)
		return
	}

	stop := heartbeat(msg, q.cfg.AckWait/3)
	actx, cancel := ctx, context.CancelFunc(func() {})
	if w.cfg.ItemTimeout > 0 {
		actx, cancel = context.WithTimeout(ctx, w.cfg.ItemTimeout)
	}
	res, err := analyze(actx, w.an, j.Article, j.Options)
	cancel()
	stop()

	if err != nil {
		if ctx.Err() != nil { // interrupted by shutdown: not the article's fault
			msg.Nak()
			return
		}
		if retryable(err) && delivered < q.cfg.MaxDeliver {
			delay := w.cfg.RetryBackoff << min(delivered-1, 10)
			var se *sangbad.Error
			if errors.As(err, &se) && se.RetryAfter > delay {
				delay = se.RetryAfter
			}
			delay = min(delay, time.Minute)
			log.Info("retrying item", "err", err, "in", delay)
			msg.NakWithDelay(delay)
			return
		}
		if _, ferr := q.fail(ctx, j, id, err, delivered); ferr != nil {
			log.Error("record failure", "err", ferr)
			msg.NakWithDelay(time.Second)
			return
		}
		w.ack(ctx, msg, log)
		return
	}
	r := Result{ID: id, Analysis: res}
	if err := q.store(ctx, j, r); err != nil {
		log.Error("store result", "err", err)
		msg.NakWithDelay(time.Second)
		return
	}
	if _, err := q.publishResult(ctx, j.Batch, j.Hash, r); err != nil {
		log.Error("publish result", "err", err) // stored: the redelivery republishes it
		msg.NakWithDelay(time.Second)
		return
	}
	w.ack(ctx, msg, log)
}

func (w *worker) ack(ctx context.Context, msg jetstream.Msg, log *slog.Logger) {
	actx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := msg.DoubleAck(actx); err != nil {
		// The result is stored: a redelivery finds it and only acks.
		log.Warn("ack", "err", err)
	}
}

// heartbeat tells the server every interval that msg is still being worked
// on, so that long analyses are not redelivered; the returned func stops it.
func heartbeat(msg jetstream.Msg, every time.Duration) func() {
	if every <= 0 {
		every = time.Second
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				msg.InProgress()
			case <-done:
				return
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// retryable reports whether another attempt may succeed.
func retryable(err error) bool {
	switch sangbad.ErrorKind(err) {
	case sangbad.Invalid, sangbad.TooLarge, sangbad.Unsupported, sangbad.NotFound,
		sangbad.Unauthorized, sangbad.Forbidden, sangbad.Conflict:
		return false
	}
	return true
}

// maxDeliveries dead-letters a job that used up its deliveries without an
// answer (the worker holding it crashed or hung on the last attempt).
func (w *worker) maxDeliveries(ctx context.Context, data []byte) {
	var adv struct {
		Stream     string `json:"stream"`
		Consumer   string `json:"consumer"`
		StreamSeq  uint64 `json:"stream_seq"`
		Deliveries uint64 `json:"deliveries"`
	}
	if err := json.Unmarshal(data, &adv); err != nil || adv.StreamSeq == 0 {
		return
	}
	q := w.q
	raw, err := q.jobs.GetMsg(ctx, adv.StreamSeq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return // acknowledged in the meantime
	}
	if err != nil {
		w.log.Warn("max deliveries: get job", "seq", adv.StreamSeq, "err", err)
		return
	}
	var j queuedJob
	if err := json.Unmarshal(raw.Data, &j); err != nil || j.Article.ID == "" {
		j = queuedJob{Batch: "unknown", Article: sangbad.Article{ID: "job-" + strconv.FormatUint(adv.StreamSeq, 10)}}
	}
	if st, ok, err := q.lookup(ctx, j.Article.ID, j.Hash); err == nil && ok {
		if _, err := q.publishResult(ctx, j.Batch, j.Hash, st.Result); err != nil {
			w.log.Warn("max deliveries: republish", "err", err)
			return
		}
	} else {
		cause := &sangbad.Error{Kind: sangbad.Unavailable, Code: "max_deliveries",
			Message: fmt.Sprintf("gave up after %d deliveries without an answer (the worker crashed or timed out)", adv.Deliveries)}
		if _, err := q.fail(ctx, j, j.Article.ID, cause, int(adv.Deliveries)); err != nil {
			w.log.Warn("max deliveries: dead-letter", "err", err)
			return
		}
	}
	if err := q.jobs.DeleteMsg(ctx, adv.StreamSeq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		w.log.Warn("max deliveries: delete job", "seq", adv.StreamSeq, "err", err)
	}
}
