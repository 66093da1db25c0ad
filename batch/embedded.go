package batch

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// EmbeddedOptions configure the embedded NATS server.
type EmbeddedOptions struct {
	// Host and Port of the client listener. Port 0 starts no listener (only
	// in-process connections, the single-binary default); -1 picks a free
	// port, for workers in other processes.
	Host string
	Port int
	// ServerName names the server (default "sangbad").
	ServerName string
	// MaxStore caps JetStream file storage in bytes (0: server default).
	MaxStore int64
	// Logger receives server errors and warnings (nil: none).
	Logger *slog.Logger
}

// Embedded is a NATS server with JetStream file storage running inside this
// process.
type Embedded struct {
	srv    *server.Server
	listen bool
}

// StartEmbedded starts a NATS server with JetStream storing its streams in
// dir and waits until it accepts connections (bounded by ctx, at most 30 s).
func StartEmbedded(ctx context.Context, dir string, opts EmbeddedOptions) (*Embedded, error) {
	o := &server.Options{
		ServerName: opts.ServerName,
		JetStream:  true,
		StoreDir:   dir,
		Host:       opts.Host,
		Port:       opts.Port,
		NoSigs:     true,
		NoLog:      opts.Logger == nil,
		// Analyses of long articles outgrow the 1 MiB default.
		MaxPayload: 8 << 20,
	}
	if o.ServerName == "" {
		o.ServerName = "sangbad"
	}
	if o.Host == "" {
		o.Host = "127.0.0.1"
	}
	if opts.Port == 0 {
		o.DontListen = true
	}
	if opts.MaxStore > 0 {
		o.JetStreamMaxStore = opts.MaxStore
	}
	s, err := server.NewServer(o)
	if err != nil {
		return nil, fmt.Errorf("embedded nats: %w", err)
	}
	if opts.Logger != nil {
		s.SetLoggerV2(&natsLogger{opts.Logger}, false, false, false)
	}
	s.Start()
	wait := 30 * time.Second
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
		wait = time.Until(dl)
	}
	if !s.ReadyForConnections(wait) {
		s.Shutdown()
		s.WaitForShutdown()
		return nil, fmt.Errorf("embedded nats: not ready after %s", wait)
	}
	return &Embedded{srv: s, listen: !o.DontListen}, nil
}

// ClientURL is the URL other processes connect to, "" without a listener.
func (e *Embedded) ClientURL() string {
	if !e.listen {
		return ""
	}
	return e.srv.ClientURL()
}

// Connect opens an in-process client connection.
func (e *Embedded) Connect(opts ...nats.Option) (*nats.Conn, error) {
	opts = append([]nats.Option{nats.InProcessServer(e.srv), nats.Name("sangbad")}, opts...)
	nc, err := nats.Connect("", opts...)
	if err != nil {
		return nil, fmt.Errorf("connect to embedded nats: %w", err)
	}
	return nc, nil
}

// Server is the underlying server.
func (e *Embedded) Server() *server.Server { return e.srv }

// Shutdown stops the server, flushing JetStream state to disk, and waits
// for it (bounded by ctx).
func (e *Embedded) Shutdown(ctx context.Context) error {
	done := make(chan struct{})
	go func() {
		e.srv.Shutdown()
		e.srv.WaitForShutdown()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("embedded nats shutdown: %w", ctx.Err())
	}
}

// natsLogger forwards server logs to slog (notices at debug level).
type natsLogger struct{ l *slog.Logger }

func (n *natsLogger) Noticef(format string, v ...any) { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Warnf(format string, v ...any)   { n.l.Warn(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Fatalf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Errorf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Debugf(format string, v ...any)  { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n *natsLogger) Tracef(format string, v ...any)  {}
