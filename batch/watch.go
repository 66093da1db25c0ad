package batch

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

// SeenStore remembers which stories were processed: a key (a GUID, or a
// content hash) and the content hash it was processed with.
type SeenStore interface {
	Seen(ctx context.Context, key string) (hash string, ok bool, err error)
	MarkSeen(ctx context.Context, key, hash string) error
}

// Dedup decides whether a story is new, by GUID and by content hash: a
// story whose GUID was seen with the same content is a re-send; one whose
// GUID was seen with other content is an update and is new; a story under a
// new GUID whose content was already seen is a re-send too.
type Dedup struct{ Store SeenStore }

// Verdicts of Dedup.Check.
const (
	VerdictNew     = "new"
	VerdictUpdate  = "update"
	VerdictResend  = "resend"
	VerdictCopy    = "copy" // same content under another GUID
	guidPrefix     = "g:"
	contentPrefix  = "h:"
	verdictUnknown = ""
)

// Check returns the verdict for a and the content hash it computed.
func (d Dedup) Check(ctx context.Context, a sangbad.Article) (verdict, hash string, err error) {
	hash = ContentHash(a)
	if a.ID != "" {
		prev, ok, err := d.Store.Seen(ctx, guidPrefix+a.ID)
		if err != nil {
			return verdictUnknown, hash, err
		}
		if ok {
			if prev == hash {
				return VerdictResend, hash, nil
			}
			return VerdictUpdate, hash, nil
		}
	}
	if _, ok, err := d.Store.Seen(ctx, contentPrefix+hash); err != nil {
		return verdictUnknown, hash, err
	} else if ok {
		return VerdictCopy, hash, nil
	}
	return VerdictNew, hash, nil
}

// Mark records a as processed with content hash.
func (d Dedup) Mark(ctx context.Context, a sangbad.Article, hash string) error {
	if a.ID != "" {
		if err := d.Store.MarkSeen(ctx, guidPrefix+a.ID, hash); err != nil {
			return err
		}
	}
	return d.Store.MarkSeen(ctx, contentPrefix+hash, a.ID)
}

// Sink receives the new and updated stories Watch finds.
type Sink interface {
	Handle(ctx context.Context, a sangbad.Article) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, a sangbad.Article) error

// Handle calls f.
func (f SinkFunc) Handle(ctx context.Context, a sangbad.Article) error { return f(ctx, a) }

// WatchConfig configures Watch.
type WatchConfig struct {
	// Feeds are feed URLs or files (anything feed.Open reads).
	Feeds []string
	// Every is the polling interval (default 1 min).
	Every time.Duration
	// Seen persists the de-duplication state (default: in memory only).
	Seen SeenStore
	// Feed options for reading (HTTP client).
	Feed   feed.Options
	Logger *slog.Logger
}

// PollStats counts one polling round.
type PollStats struct {
	Read, New, Updated, Duplicates, Failed int
}

// Watch polls the feeds every cfg.Every until ctx is canceled and hands
// every new or updated story to sink, once. A story is marked seen only
// after the sink accepted it, so a failed hand-off is retried next round.
func Watch(ctx context.Context, cfg WatchConfig, sink Sink) error {
	if cfg.Every <= 0 {
		cfg.Every = time.Minute
	}
	if cfg.Seen == nil {
		cfg.Seen = NewMemorySeen()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	t := time.NewTicker(cfg.Every)
	defer t.Stop()
	for {
		st, err := Poll(ctx, cfg, sink)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			cfg.Logger.Warn("watch round", "err", err)
		}
		cfg.Logger.Info("watch round", "read", st.Read, "new", st.New, "updated", st.Updated, "duplicates", st.Duplicates, "failed", st.Failed)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll reads every feed once and hands new and updated stories to sink. A
// feed that cannot be fetched is logged and counted, not fatal.
func Poll(ctx context.Context, cfg WatchConfig, sink Sink) (PollStats, error) {
	var st PollStats
	if cfg.Seen == nil {
		return st, errors.New("poll: no seen store")
	}
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := Dedup{Store: cfg.Seen}
	var errs []error
	for _, f := range cfg.Feeds {
		if err := pollFeed(ctx, f, cfg.Feed, d, sink, &st, log); err != nil {
			if ctx.Err() != nil {
				return st, ctx.Err()
			}
			st.Failed++
			errs = append(errs, err)
			log.Warn("poll feed", "feed", f, "err", err)
		}
	}
	return st, errors.Join(errs...)
}

func pollFeed(ctx context.Context, url string, opt feed.Options, d Dedup, sink Sink, st *PollStats, log *slog.Logger) error {
	src, err := feed.Open(ctx, url, opt)
	if err != nil {
		return err
	}
	defer src.Close()
	for {
		it, err := src.Next(ctx)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		st.Read++
		if it.Err != nil {
			st.Failed++
			log.Warn("feed item", "feed", url, "pos", it.Pos, "err", it.Err)
			continue
		}
		a := it.Article
		verdict, hash, err := d.Check(ctx, a)
		if err != nil {
			return fmt.Errorf("seen store: %w", err)
		}
		switch verdict {
		case VerdictResend, VerdictCopy:
			st.Duplicates++
			continue
		case VerdictUpdate:
			st.Updated++
		default:
			st.New++
		}
		if err := sink.Handle(ctx, EnsureID(a)); err != nil {
			st.Failed++
			log.Warn("hand off story", "feed", url, "id", a.ID, "err", err)
			continue
		}
		if err := d.Mark(ctx, a, hash); err != nil {
			return fmt.Errorf("seen store: %w", err)
		}
	}
}

// MemorySeen is a SeenStore in memory.
type MemorySeen struct {
	mu sync.Mutex
	m  map[string]string
}

// NewMemorySeen returns an empty MemorySeen.
func NewMemorySeen() *MemorySeen { return &MemorySeen{m: map[string]string{}} }

// Seen implements SeenStore.
func (s *MemorySeen) Seen(_ context.Context, key string) (string, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok, nil
}

// MarkSeen implements SeenStore.
func (s *MemorySeen) MarkSeen(_ context.Context, key, hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[key] = hash
	return nil
}

// FileSeen is a SeenStore kept in memory and persisted as an append-only
// file of "key<TAB>hash" lines, so that a restart remembers what was seen.
type FileSeen struct {
	MemorySeen
	f *os.File
}

// OpenFileSeen opens (or creates) the state file at path and loads it.
func OpenFileSeen(path string) (*FileSeen, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open seen state: %w", err)
	}
	s := &FileSeen{MemorySeen: MemorySeen{m: map[string]string{}}, f: f}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if ok {
			s.m[unescapeKey(k)] = v
		}
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return nil, fmt.Errorf("read seen state: %w", err)
	}
	return s, nil
}

// MarkSeen implements SeenStore.
func (s *FileSeen) MarkSeen(ctx context.Context, key, hash string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.m[key]; ok && v == hash {
		return nil
	}
	if _, err := fmt.Fprintf(s.f, "%s\t%s\n", escapeKey(key), strings.NewReplacer("\t", " ", "\n", " ").Replace(hash)); err != nil {
		return fmt.Errorf("write seen state: %w", err)
	}
	s.m[key] = hash
	return nil
}

// Close closes the state file.
func (s *FileSeen) Close() error { return s.f.Close() }

func escapeKey(k string) string {
	return strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`).Replace(k)
}

func unescapeKey(k string) string {
	return strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\n`, "\n").Replace(k)
}

// KVSeen is a SeenStore in a JetStream key-value bucket, shared by every
// watcher of a cluster.
type KVSeen struct{ kv jetstream.KeyValue }

// NewKVSeen creates or opens the bucket ("sangbad-seen" when empty); ttl > 0
// forgets stories after that long.
func NewKVSeen(ctx context.Context, js jetstream.JetStream, bucket string, ttl time.Duration) (*KVSeen, error) {
	if bucket == "" {
		bucket = "sangbad-seen"
	}
	kv, err := js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: bucket, Description: "sangbad watch: stories seen", History: 1, TTL: ttl})
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", bucket, err)
	}
	return &KVSeen{kv: kv}, nil
}

func seenKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:20])
}

// Seen implements SeenStore.
func (s *KVSeen) Seen(ctx context.Context, key string) (string, bool, error) {
	e, err := s.kv.Get(ctx, seenKey(key))
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("seen %q: %w", key, err)
	}
	return string(e.Value()), true, nil
}

// MarkSeen implements SeenStore.
func (s *KVSeen) MarkSeen(ctx context.Context, key, hash string) error {
	if _, err := s.kv.Put(ctx, seenKey(key), []byte(hash)); err != nil {
		return fmt.Errorf("mark seen %q: %w", key, err)
	}
	return nil
}

// QueueSink queues every story handed to it as a job of one batch.
type QueueSink struct {
	Queue   *Queue
	Batch   string
	Options sangbad.Options
}

// Handle implements Sink.
func (s QueueSink) Handle(ctx context.Context, a sangbad.Article) error {
	_, err := s.Queue.Submit(ctx, s.Batch, feed.Slice(a), s.Options)
	return err
}

// WriterSink analyses every story handed to it and writes the result line
// (or the error line) to a JSONL writer, for watching without a queue. An
// analysis failure is written, not returned, so the story counts as seen;
// only a write failure is returned (and the story retried next round).
type WriterSink struct {
	mu  sync.Mutex
	an  Analyzer
	o   sangbad.Options
	w   io.Writer
	enc *json.Encoder
}

// NewWriterSink returns a WriterSink analysing with an and options o.
func NewWriterSink(an Analyzer, o sangbad.Options, w io.Writer) *WriterSink {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &WriterSink{an: an, o: o, w: w, enc: enc}
}

// Handle implements Sink.
func (s *WriterSink) Handle(ctx context.Context, a sangbad.Article) error {
	a = EnsureID(a)
	res, err := analyze(ctx, s.an, a, s.o)
	if err != nil && ctx.Err() != nil {
		return err
	}
	r := Result{ID: a.ID, Analysis: res}
	if err != nil {
		r = errorResult(a.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.enc.Encode(r); err != nil {
		return fmt.Errorf("write result: %w", err)
	}
	return nil
}
