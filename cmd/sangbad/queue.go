package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/web"
)

// queueFlags adds the NATS settings shared by serve and worker.
func (c *cmdFlags) queueFlags() {
	c.intSetting("replicas", "replicas of streams and buckets on a NATS cluster", func(c *Config) *int { return &c.Queue.Replicas })
	c.intSetting("concurrency", "jobs processed at once", func(c *Config) *int { return &c.Queue.Concurrency })
}

// connectQueue connects to the external NATS cluster of the settings, or
// starts the embedded JetStream server in the data folder, and opens the
// queue. The returned stop function closes everything in order.
func (c *core) connectQueue(ctx context.Context) (*batch.Queue, func(), error) {
	qc := c.cfg.Queue
	var (
		nc       *nats.Conn
		err      error
		embedded *batch.Embedded
	)
	if qc.NATSURL != "" {
		nc, err = nats.Connect(qc.NATSURL, nats.Name("sangbad"), nats.MaxReconnects(-1), nats.RetryOnFailedConnect(true))
		if err != nil {
			return nil, nil, fmt.Errorf("connect to NATS %s: %w", qc.NATSURL, err)
		}
	} else {
		opts := batch.EmbeddedOptions{Logger: c.log}
		if qc.Listen != "" {
			host, port, err := net.SplitHostPort(qc.Listen)
			if err != nil {
				return nil, nil, fmt.Errorf("queue listen address %q: %w", qc.Listen, err)
			}
			opts.Host = host
			if opts.Port, err = strconv.Atoi(port); err != nil {
				return nil, nil, fmt.Errorf("queue listen port %q: %w", port, err)
			}
		}
		embedded, err = batch.StartEmbedded(ctx, filepath.Join(qc.DataDir, "nats"), opts)
		if err != nil {
			return nil, nil, fmt.Errorf("start embedded NATS in %s: %w", qc.DataDir, err)
		}
		if nc, err = embedded.Connect(); err != nil {
			_ = embedded.Shutdown(ctx)
			return nil, nil, fmt.Errorf("connect to embedded NATS: %w", err)
		}
	}
	stop := func() {
		_ = nc.Drain()
		if embedded != nil {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = embedded.Shutdown(sctx)
		}
	}
	q, err := batch.NewQueue(ctx, nc, batch.QueueConfig{
		AckWait: qc.AckWait, MaxDeliver: qc.MaxDeliver, Replicas: qc.Replicas, Logger: c.log,
	})
	if err != nil {
		stop()
		return nil, nil, fmt.Errorf("open queue: %w", err)
	}
	return q, stop, nil
}

// startQueue runs the queue for `serve`: the batch service behind
// /v1/batches and an in-process worker. Both stop with ctx; the queue's
// connections close with the core.
func (c *core) startQueue(ctx context.Context, reg *prometheus.Registry) (web.Batches, error) {
	q, stop, err := c.connectQueue(ctx)
	if err != nil {
		return nil, err
	}
	// The service and the worker stop with ctx, or when the core closes
	// early (serve failing after this point must not wait on them forever).
	ctx, cancel := context.WithCancel(ctx)
	svc := batch.NewService(q, batch.ServiceConfig{Logger: c.log})
	done := make(chan struct{}, 2)
	go func() {
		defer func() { done <- struct{}{} }()
		if err := svc.Run(ctx); err != nil && ctx.Err() == nil {
			c.log.Error("batch service stopped", "err", err)
		}
	}()
	go func() {
		defer func() { done <- struct{}{} }()
		if err := batch.RunWorker(ctx, q, c.pipeline, batch.WorkerConfig{Concurrency: c.cfg.Queue.Concurrency, Logger: c.log}); err != nil && ctx.Err() == nil {
			c.log.Error("worker stopped", "err", err)
		}
	}()
	// On shutdown the worker finishes and acks its jobs before the
	// connection drains and the embedded server stops.
	c.closers = append(c.closers, func() {
		cancel()
		<-done
		<-done
		stop()
	})
	registerQueueMetrics(reg, q, c)
	return webBatches{svc}, nil
}

// webBatches adapts the batch service to the web API's types.
type webBatches struct{ s *batch.Service }

func (w webBatches) Create(ctx context.Context, r io.Reader, o web.BatchOptions) (web.BatchStatus, error) {
	st, err := w.s.Create(ctx, r, batch.CreateOptions{Options: o.Options, Webhook: o.Webhook})
	return toWebStatus(st), err
}

func (w webBatches) Status(ctx context.Context, id string) (web.BatchStatus, error) {
	st, err := w.s.Status(ctx, id)
	return toWebStatus(st), err
}

func (w webBatches) Results(ctx context.Context, id string, out io.Writer) error {
	return w.s.Results(ctx, id, out)
}

func toWebStatus(s batch.BatchStatus) web.BatchStatus {
	ws := web.BatchStatus{ID: s.ID, State: string(s.State), Total: s.Total, Done: s.Done, Failed: s.Failed, Created: s.CreatedAt, Error: s.Error}
	if s.FinishedAt != nil {
		ws.Updated = *s.FinishedAt
	}
	if s.ID != "" {
		ws.ResultsURL = "/v1/batches/" + s.ID + "/results"
	}
	return ws
}

func runWorker(ctx context.Context, e *env, args []string) error {
	f := newFlags("worker", e, "worker --nats nats://host:4222[,nats://...] [--concurrency N] [flags]")
	f.stringSetting("nats", "NATS URL(s) of the shared cluster (env SANGBAD_NATS_URL)", func(c *Config) *string { return &c.Queue.NATSURL })
	f.queueFlags()
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError(fmt.Sprintf("worker takes no arguments, got %q", pos[0]))
	}
	cfg, err := f.load(e)
	if err != nil {
		return err
	}
	if cfg.Queue.NATSURL == "" {
		return usageError("worker needs --nats URL (or SANGBAD_NATS_URL): the NATS server that `sangbad serve` embeds (with --nats-listen) or an external cluster")
	}
	log := newLogger(cfg.Log, e.stderr)
	c, err := newCore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()
	q, stop, err := c.connectQueue(ctx)
	if err != nil {
		return err
	}
	defer stop()
	log.Info("worker started", "nats", cfg.Queue.NATSURL, "concurrency", cfg.Queue.Concurrency, "llm", c.llmConfigured())
	err = batch.RunWorker(ctx, q, c.pipeline, batch.WorkerConfig{Concurrency: cfg.Queue.Concurrency, Logger: log})
	if err != nil && ctx.Err() == nil {
		return fmt.Errorf("worker: %w", err)
	}
	log.Info("worker stopped")
	return nil
}

// registerQueueMetrics exposes the queue depth (jobs waiting or in flight).
func registerQueueMetrics(reg *prometheus.Registry, q *batch.Queue, c *core) {
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "sangbad_queue_depth",
		Help: "Jobs in the work-queue stream (waiting or in flight).",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		s, err := q.JetStream().Stream(ctx, "SANGBAD_JOBS")
		if err != nil {
			c.log.Debug("queue depth", "err", err)
			return -1
		}
		info, err := s.Info(ctx)
		if err != nil {
			return -1
		}
		return float64(info.State.Msgs)
	}))
}
