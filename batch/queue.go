package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"regexp"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// QueueConfig names the JetStream resources of the queue and sets its
// delivery policy. The zero value gives the defaults shown.
type QueueConfig struct {
	// JobsStream is the work-queue stream ("SANGBAD_JOBS") holding jobs on
	// JobsSubject.<batch> ("sangbad.jobs").
	JobsStream  string
	JobsSubject string
	// Consumer is the durable pull consumer all workers share
	// ("sangbad-workers").
	Consumer string
	// OutStream ("SANGBAD_OUT") keeps what workers publish: results on
	// ResultsSubject.<batch> ("sangbad.results") and dead letters on
	// DLQSubject.<batch> ("sangbad.dlq"), for OutMaxAge (7 days).
	OutStream      string
	ResultsSubject string
	DLQSubject     string
	OutMaxAge      time.Duration
	// ResultsBucket ("sangbad-results") is the KV bucket of results by item
	// id; BatchesBucket ("sangbad-batches") holds batch bookkeeping.
	ResultsBucket string
	BatchesBucket string
	// AckWait is how long a job may go without an ack or heartbeat before it
	// is redelivered (60 s); MaxDeliver is the number of attempts before a
	// job is dead-lettered (5).
	AckWait    time.Duration
	MaxDeliver int
	// Duplicates is the publish de-duplication window (20 min).
	Duplicates time.Duration
	// Replicas for streams and buckets (1; 3 on a three-node cluster).
	Replicas int
	// MemoryStorage keeps everything in memory (tests); the default is file.
	MemoryStorage bool
	Logger        *slog.Logger
}

func (c *QueueConfig) defaults() {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&c.JobsStream, "SANGBAD_JOBS")
	def(&c.JobsSubject, "sangbad.jobs")
	def(&c.Consumer, "sangbad-workers")
	def(&c.OutStream, "SANGBAD_OUT")
	def(&c.ResultsSubject, "sangbad.results")
	def(&c.DLQSubject, "sangbad.dlq")
	def(&c.ResultsBucket, "sangbad-results")
	def(&c.BatchesBucket, "sangbad-batches")
	if c.OutMaxAge <= 0 {
		c.OutMaxAge = 7 * 24 * time.Hour
	}
	if c.AckWait <= 0 {
		c.AckWait = time.Minute
	}
	if c.MaxDeliver <= 0 {
		c.MaxDeliver = 5
	}
	if c.Duplicates <= 0 {
		c.Duplicates = 20 * time.Minute
	}
	if c.Replicas <= 0 {
		c.Replicas = 1
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Queue is the JetStream work queue: jobs in, results and dead letters out.
// It is safe for concurrent use.
type Queue struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	cfg     QueueConfig
	jobs    jetstream.Stream
	out     jetstream.Stream
	cons    jetstream.Consumer
	results jetstream.KeyValue
	batches jetstream.KeyValue
	log     *slog.Logger
}

// NewQueue creates or updates the streams, the shared consumer and the KV
// buckets the queue needs, so that every process may call it at start-up.
func NewQueue(ctx context.Context, nc *nats.Conn, cfg QueueConfig) (*Queue, error) {
	cfg.defaults()
	js, err := jetstream.New(nc)
	if err != nil {
		return nil, fmt.Errorf("jetstream: %w", err)
	}
	storage := jetstream.FileStorage
	if cfg.MemoryStorage {
		storage = jetstream.MemoryStorage
	}
	q := &Queue{nc: nc, js: js, cfg: cfg, log: cfg.Logger}
	q.jobs, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.JobsStream,
		Description: "sangbad analysis jobs (work queue)",
		Subjects:    []string{cfg.JobsSubject + ".>"},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     storage,
		Replicas:    cfg.Replicas,
		Duplicates:  cfg.Duplicates,
	})
	if err != nil {
		return nil, fmt.Errorf("create stream %s: %w", cfg.JobsStream, err)
	}
	q.out, err = js.CreateOrUpdateStream(ctx, jetstream.StreamConfig{
		Name:        cfg.OutStream,
		Description: "sangbad results and dead letters by batch",
		Subjects:    []string{cfg.ResultsSubject + ".>", cfg.DLQSubject + ".>"},
		Retention:   jetstream.LimitsPolicy,
		Storage:     storage,
		Replicas:    cfg.Replicas,
		Duplicates:  cfg.Duplicates,
		MaxAge:      cfg.OutMaxAge,
	})
	if err != nil {
		return nil, fmt.Errorf("create stream %s: %w", cfg.OutStream, err)
	}
	q.cons, err = js.CreateOrUpdateConsumer(ctx, cfg.JobsStream, jetstream.ConsumerConfig{
		Durable:       cfg.Consumer,
		Description:   "sangbad workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cfg.AckWait,
		MaxDeliver:    cfg.MaxDeliver,
		MaxAckPending: 20000,
		FilterSubject: cfg.JobsSubject + ".>",
	})
	if err != nil {
		return nil, fmt.Errorf("create consumer %s: %w", cfg.Consumer, err)
	}
	q.results, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: cfg.ResultsBucket, Description: "sangbad results by item id", History: 1, Storage: storage, Replicas: cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", cfg.ResultsBucket, err)
	}
	q.batches, err = js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket: cfg.BatchesBucket, Description: "sangbad batches", History: 1, Storage: storage, Replicas: cfg.Replicas,
	})
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", cfg.BatchesBucket, err)
	}
	return q, nil
}

// JetStream returns the JetStream context of the queue's connection.
func (q *Queue) JetStream() jetstream.JetStream { return q.js }

// job is a queued article.
type queuedJob struct {
	Batch   string          `json:"batch"`
	Article sangbad.Article `json:"article"`
	Options sangbad.Options `json:"options"`
	Hash    string          `json:"hash"`
}

// StoredResult is the value kept in the results bucket.
type StoredResult struct {
	Result
	// Hash is the ContentHash of the article the result is for.
	Hash  string    `json:"hash"`
	Batch string    `json:"batch"`
	At    time.Time `json:"at"`
}

// DeadLetter is published on DLQSubject.<batch> for a job that failed for
// good; it carries the job so that it can be resubmitted.
type DeadLetter struct {
	ID         string            `json:"id"`
	Batch      string            `json:"batch"`
	Error      sangbad.ErrorBody `json:"error"`
	Deliveries int               `json:"deliveries"`
	Article    sangbad.Article   `json:"article"`
	Options    sangbad.Options   `json:"options"`
	At         time.Time         `json:"at"`
}

// SubmitReport counts what Submit did with the items it read.
type SubmitReport struct {
	// Total is the number of items read.
	Total int `json:"total"`
	// Queued items were published as jobs.
	Queued int `json:"queued"`
	// Cached items already had a result for the same content, which was
	// republished for this batch without new work.
	Cached int `json:"cached"`
	// Duplicates were dropped by the stream's de-duplication window (the
	// same item submitted twice in this batch).
	Duplicates int `json:"duplicates"`
	// Invalid items could not be read; their errors went to the results
	// and the dead-letter subject.
	Invalid int `json:"invalid"`
}

var batchIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// Submit reads src to the end and queues every article under batchID with
// options o. An article without id gets HashID; an article whose result is
// already stored for the same content is not queued again; the Nats-Msg-Id
// header makes a repeated submission of the same batch a no-op within the
// stream's Duplicates window.
func (q *Queue) Submit(ctx context.Context, batchID string, src feed.Source, o sangbad.Options) (SubmitReport, error) {
	var rep SubmitReport
	if !batchIDPattern.MatchString(batchID) {
		return rep, sangbad.Errorf(sangbad.Invalid, "batch id must be 1-64 letters, digits, '-' or '_', got %q", batchID)
	}
	var futures []jetstream.PubAckFuture
	settle := func() error {
		if len(futures) == 0 {
			return nil
		}
		for _, f := range futures {
			select {
			case ack := <-f.Ok():
				if ack.Duplicate {
					rep.Duplicates++
					rep.Queued--
				}
			case err := <-f.Err():
				return fmt.Errorf("queue job: %w", err)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		futures = futures[:0]
		return nil
	}
	for {
		it, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			if serr := settle(); serr != nil {
				return rep, serr
			}
			return rep, fmt.Errorf("read batch input: %w", err)
		}
		rep.Total++
		if it.Err != nil {
			id := it.Article.ID
			if id == "" {
				id = it.Pos
			}
			dup, err := q.fail(ctx, queuedJob{Batch: batchID, Article: it.Article, Options: o}, id, it.Err, 0)
			if err != nil {
				return rep, err
			}
			if dup {
				rep.Duplicates++
			} else {
				rep.Invalid++
			}
			continue
		}
		a := EnsureID(it.Article)
		j := queuedJob{Batch: batchID, Article: a, Options: o, Hash: ContentHash(a)}
		if st, ok, err := q.lookup(ctx, a.ID, j.Hash); err != nil {
			return rep, err
		} else if ok {
			dup, err := q.publishResult(ctx, batchID, j.Hash, st.Result)
			if err != nil {
				return rep, err
			}
			if dup {
				rep.Duplicates++
			} else {
				rep.Cached++
			}
			continue
		}
		data, err := json.Marshal(j)
		if err != nil {
			return rep, fmt.Errorf("encode job: %w", err)
		}
		msg := nats.NewMsg(q.cfg.JobsSubject + "." + batchID)
		msg.Data = data
		msg.Header.Set(jetstream.MsgIDHeader, batchID+"/"+a.ID+"/"+short(j.Hash))
		f, err := q.js.PublishMsgAsync(msg)
		if err != nil {
			return rep, fmt.Errorf("queue job: %w", err)
		}
		futures = append(futures, f)
		rep.Queued++
		if len(futures) >= 256 {
			if err := settle(); err != nil {
				return rep, err
			}
		}
	}
	return rep, settle()
}

// Get returns the stored result for an item id.
func (q *Queue) Get(ctx context.Context, id string) (*StoredResult, error) {
	e, err := q.results.Get(ctx, kvKey(id))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, sangbad.Errorf(sangbad.NotFound, "no result for %q", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get result %q: %w", id, err)
	}
	var st StoredResult
	if err := json.Unmarshal(e.Value(), &st); err != nil {
		return nil, fmt.Errorf("decode result %q: %w", id, err)
	}
	return &st, nil
}

// lookup reports whether a successful result for id and content hash is
// stored.
func (q *Queue) lookup(ctx context.Context, id, hash string) (*StoredResult, bool, error) {
	st, err := q.Get(ctx, id)
	if sangbad.ErrorKind(err) == sangbad.NotFound {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return st, st.Hash == hash && st.OK(), nil
}

func (q *Queue) store(ctx context.Context, j queuedJob, r Result) error {
	data, err := json.Marshal(StoredResult{Result: r, Hash: j.Hash, Batch: j.Batch, At: time.Now().UTC()})
	if err != nil {
		return fmt.Errorf("encode result: %w", err)
	}
	if _, err := q.results.Put(ctx, kvKey(r.ID), data); err != nil {
		return fmt.Errorf("store result %q: %w", r.ID, err)
	}
	return nil
}

// publishResult publishes r on ResultsSubject.<batch>, once per batch and
// id within the de-duplication window.
// It reports whether the stream dropped it as a duplicate.
func (q *Queue) publishResult(ctx context.Context, batch, hash string, r Result) (bool, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return false, fmt.Errorf("encode result: %w", err)
	}
	msg := nats.NewMsg(q.cfg.ResultsSubject + "." + batch)
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, "r/"+batch+"/"+r.ID+"/"+short(hash))
	msg.Header.Set("Sangbad-Batch", batch)
	msg.Header.Set("Sangbad-Id", r.ID)
	status := string(StatusOK)
	if !r.OK() {
		status = string(StatusFailed)
	}
	msg.Header.Set("Sangbad-Status", status)
	ack, err := q.js.PublishMsg(ctx, msg)
	if err != nil {
		return false, fmt.Errorf("publish result %q: %w", r.ID, err)
	}
	return ack.Duplicate, nil
}

// fail records a job that failed for good: the error result is stored and
// published with the batch's results, and a DeadLetter goes to
// DLQSubject.<batch>.
// It reports whether the result was a duplicate (already recorded).
func (q *Queue) fail(ctx context.Context, j queuedJob, id string, cause error, deliveries int) (bool, error) {
	r := errorResult(id, cause)
	if j.Hash != "" {
		if err := q.store(ctx, j, r); err != nil {
			return false, err
		}
	}
	dup, err := q.publishResult(ctx, j.Batch, j.Hash, r)
	if err != nil {
		return false, err
	}
	dl := DeadLetter{ID: id, Batch: j.Batch, Error: *r.Error, Deliveries: deliveries, Article: j.Article, Options: j.Options, At: time.Now().UTC()}
	data, err := json.Marshal(dl)
	if err != nil {
		return false, fmt.Errorf("encode dead letter: %w", err)
	}
	msg := nats.NewMsg(q.cfg.DLQSubject + "." + j.Batch)
	msg.Data = data
	msg.Header.Set(jetstream.MsgIDHeader, "d/"+j.Batch+"/"+id+"/"+short(j.Hash))
	msg.Header.Set("Sangbad-Batch", j.Batch)
	msg.Header.Set("Sangbad-Id", id)
	msg.Header.Set("Sangbad-Error", r.Error.Code)
	if _, err := q.js.PublishMsg(ctx, msg); err != nil {
		return false, fmt.Errorf("publish dead letter %q: %w", id, err)
	}
	q.log.Warn("item dead-lettered", "batch", j.Batch, "id", id, "deliveries", deliveries, "err", cause)
	return dup, nil
}

// counts returns the number of result and dead-letter messages of a batch.
func (q *Queue) counts(ctx context.Context, batch string) (results, failed int, err error) {
	for _, c := range []struct {
		subj string
		n    *int
	}{{q.cfg.ResultsSubject + "." + batch, &results}, {q.cfg.DLQSubject + "." + batch, &failed}} {
		info, err := q.out.Info(ctx, jetstream.WithSubjectFilter(c.subj))
		if err != nil {
			return 0, 0, fmt.Errorf("batch %s counts: %w", batch, err)
		}
		*c.n = int(info.State.Subjects[c.subj])
	}
	return results, failed, nil
}

// kvKey maps an item id to a valid KV key: ids made of letters, digits, '-'
// and '_' (and inner dots) are used as they are, others are hashed.
func kvKey(id string) string {
	if kvKeyPattern.MatchString(id) && len(id) <= 200 {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	return "h_" + hex.EncodeToString(sum[:20])
}

var kvKeyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

func short(hash string) string { return hash[:min(len(hash), 16)] }
