package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/sangbad/sangbad/web"
)

func runServe(ctx context.Context, e *env, args []string) error {
	start := time.Now()
	f := newFlags("serve", e, "serve [--addr HOST:PORT] [--nats nats://...] [flags]")
	f.stringSetting("addr", "listen address HOST:PORT (env SANGBAD_ADDR)", func(c *Config) *string { return &c.Server.Addr })
	f.stringSetting("nats", "external NATS URL; empty runs an embedded JetStream server (env SANGBAD_NATS_URL)", func(c *Config) *string { return &c.Queue.NATSURL })
	f.stringSetting("data-dir", "data folder of the embedded JetStream server (env SANGBAD_DATA_DIR)", func(c *Config) *string { return &c.Queue.DataDir })
	f.stringSetting("auth", "API keys: auto (required beyond loopback), on, off (env SANGBAD_AUTH)", func(c *Config) *string { return &c.Server.Auth })
	f.stringSetting("api-keys-file", "file with one API key or sha256:<hex> hash a line (env SANGBAD_API_KEYS_FILE)", func(c *Config) *string { return &c.Server.APIKeysFile })
	f.intSetting("max-chars", "maximum article length in characters", func(c *Config) *int { return &c.Analysis.MaxChars })
	f.stringSetting("nats-listen", "let workers on other machines join the embedded NATS server at HOST:PORT (env SANGBAD_NATS_LISTEN)", func(c *Config) *string { return &c.Queue.Listen })
	f.queueFlags()
	noQueue := f.fs.Bool("no-queue", false, "do not start the queue (no /v1/batches)")
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError(fmt.Sprintf("serve takes no arguments, got %q", pos[0]))
	}
	cfg, err := f.load(e)
	if err != nil {
		return err
	}
	log := newLogger(cfg.Log, e.stderr)
	wcfg, err := webConfig(cfg)
	if err != nil {
		return err
	}
	c, err := newCore(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer c.Close()

	reg := c.reg
	deps := web.Deps{
		Analyzer:  c.pipeline,
		Verifier:  webVerifier{c.verifier},
		Streamer:  c.pipeline,
		Readiness: c,
		Logger:    log,
		Registry:  reg,
		Version:   version,
	}
	tr, err := c.webTranslator()
	if err != nil {
		return err
	}
	if tr != nil {
		deps.Translator = tr
	}
	if !*noQueue {
		b, err := c.startQueue(ctx, reg)
		if err != nil {
			return err
		}
		deps.Batches = b
	}

	ln, err := net.Listen("tcp", cfg.Server.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Server.Addr, err)
	}
	srv := &http.Server{
		Handler:           web.NewServer(deps, wcfg),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.Server.ReadTimeout,
		WriteTimeout:      cfg.Server.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("sangbad serving", "url", "http://"+ln.Addr().String()+"/", "llm", c.llmConfigured(),
		"auth", wcfg.RequireAPIKey, "queue", deps.Batches != nil, "startup_ms", time.Since(start).Milliseconds(), "version", version)

	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: finishing in-flight requests", "timeout", cfg.Server.ShutdownTimeout.String())
	sctx, cancel := context.WithTimeout(context.Background(), cfg.Server.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// webConfig turns the settings into the web server's configuration,
// loading API keys and deciding whether they are required.
func webConfig(cfg Config) (web.Config, error) {
	s := cfg.Server
	wc := web.Config{
		MaxBodyBytes:   s.MaxBodyBytes,
		RequestTimeout: s.RequestTimeout,
		MaxInFlight:    s.MaxInFlight,
		AllowedOrigins: s.CORSOrigins,
		RateLimit:      s.RateLimit,
		RateBurst:      s.RateBurst,
		KeyConcurrency: s.KeyInFlight,
	}
	keys := append([]string(nil), s.APIKeys...)
	if s.APIKeysFile != "" {
		fk, err := readKeysFile(s.APIKeysFile)
		if err != nil {
			return wc, err
		}
		keys = append(keys, fk...)
	}
	for _, k := range keys {
		wc.APIKeys = append(wc.APIKeys, keyHash(k))
	}
	switch strings.ToLower(s.Auth) {
	case "on", "true", "required":
		wc.RequireAPIKey = true
	case "off", "false", "none":
	case "auto", "":
		wc.RequireAPIKey = !isLoopback(s.Addr)
	default:
		return wc, usageError(fmt.Sprintf("auth must be auto, on or off, got %q", s.Auth))
	}
	if wc.RequireAPIKey && len(wc.APIKeys) == 0 {
		return wc, usageError(fmt.Sprintf("listening on %s (beyond loopback) requires API keys: set SANGBAD_API_KEYS or --api-keys-file (generate a hash with `sangbad hash-key`), or --auth off to accept anyone", s.Addr))
	}
	if err := wc.Validate(); err != nil {
		return wc, fmt.Errorf("server settings: %w", err)
	}
	return wc, nil
}

// keyHash accepts "sha256:<hex>" hashes (what should be stored at rest) and
// plain keys (hashed here, never kept).
func keyHash(k string) string {
	k = strings.TrimSpace(k)
	if h, ok := strings.CutPrefix(k, "sha256:"); ok {
		return strings.ToLower(h)
	}
	return web.HashKey(k)
}

func readKeysFile(path string) ([]string, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("api keys file: %w", err)
	}
	defer fh.Close()
	var keys []string
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keys = append(keys, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("api keys file %s: %w", path, err)
	}
	return keys, nil
}

// isLoopback reports whether addr listens only on the loopback interface.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func runHashKey(_ context.Context, e *env, args []string) error {
	if len(args) != 1 || strings.TrimSpace(args[0]) == "" {
		return usageError("hash-key takes one KEY")
	}
	_, err := fmt.Fprintf(e.stdout, "sha256:%s\n", web.HashKey(strings.TrimSpace(args[0])))
	return err
}
