// Package loadtest proves the service under load, faults and hostile input.
// Its tests start the real service in-process against the OpenAI-compatible
// stub (llm/llmtest) on loopback ports: a fault test kills the LLM backend
// mid-load and brings it back, a shutdown test checks that in-flight
// requests finish, and a table of adversarial inputs checks that each gets
// a clear answer. scripts/loadtest.sh measures throughput and latency of the
// built binary with wrk; cmd/llmstub runs the stub as a process for it.
//
// The package's one non-test type, Stub, serves an llmtest stub on a fixed
// address so that a backend can be stopped and started again on the same
// port (llmtest itself listens on a random one).
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"time"

	"github.com/sangbad/sangbad/llm/llmtest"
)

// Stub is an llmtest server reachable at a fixed loopback address: a
// reverse proxy on that address forwards to the stub. Close drops every
// connection at once, like a crashed backend.
type Stub struct {
	addr      string
	backend   *llmtest.Server
	srv       *http.Server
	transport *http.Transport
	done      chan struct{}
}

// StartStub starts an llmtest server with opts and serves it on addr
// ("127.0.0.1:0" for a free port). Only loopback addresses are accepted:
// load and fault tests never leave the machine.
func StartStub(addr string, opts ...llmtest.Option) (*Stub, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("stub address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return nil, fmt.Errorf("stub address %q: only loopback addresses are allowed", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("stub listen: %w", err)
	}
	backend := llmtest.Start(opts...)
	target, err := url.Parse(backend.URL())
	if err != nil {
		backend.Close()
		ln.Close()
		return nil, fmt.Errorf("stub url: %w", err)
	}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 1024, 1024
	proxy := &httputil.ReverseProxy{
		Rewrite:   func(r *httputil.ProxyRequest) { r.SetURL(target) },
		Transport: t,
		// Streams (server-sent events) pass through as they are written.
		FlushInterval: -1,
		ErrorLog:      log.New(io.Discard, "", 0),
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			if r.Context().Err() != nil {
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(w, `{"error":{"message":"stub backend unreachable","type":"server_error"}}`)
		},
	}
	s := &Stub{
		addr:      ln.Addr().String(),
		backend:   backend,
		transport: t,
		srv:       &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(io.Discard, "", 0)},
		done:      make(chan struct{}),
	}
	go func() {
		defer close(s.done)
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// Addr is the address the stub listens on (host:port).
func (s *Stub) Addr() string { return s.addr }

// BaseURL is the OpenAI base URL of the stub (http://addr/v1).
func (s *Stub) BaseURL() string { return "http://" + s.addr + "/v1" }

// Backend is the llmtest server behind the proxy (its requests, handler).
func (s *Stub) Backend() *llmtest.Server { return s.backend }

// Close stops listening and drops every open connection at once, then
// stops the backend.
func (s *Stub) Close() {
	_ = s.srv.Close()
	<-s.done
	s.backend.Close()
	s.transport.CloseIdleConnections()
}

// Shutdown stops listening and waits for the requests in flight (until ctx
// ends), then stops the backend.
func (s *Stub) Shutdown(ctx context.Context) error {
	err := s.srv.Shutdown(ctx)
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		_ = s.srv.Close()
	}
	<-s.done
	s.backend.Close()
	s.transport.CloseIdleConnections()
	return err
}
