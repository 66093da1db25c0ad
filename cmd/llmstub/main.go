// Command llmstub runs the OpenAI-compatible stub server of the tests
// (llm/llmtest) as a process, for load tests and local development without
// a model:
//
//	go run ./cmd/llmstub --addr 127.0.0.1:9999 --latency 1s [--fail-rate 0.1]
//
// Point Sangbad at it with OPENAI_BASE_URL=http://127.0.0.1:9999/v1. It
// answers every chat completion with schema-valid JSON built from the
// article (summary, facts and translation prompts alike; see llmtest.Echo)
// after the given latency, streams when asked, lists one model, and fails a
// random share of the requests with a 503 when --fail-rate is set. It
// listens on loopback addresses only and stops on SIGINT or SIGTERM,
// printing how many requests it served.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "llmstub:", err)
		}
		os.Exit(2)
	}
}

// run serves the stub until ctx ends.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("llmstub", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9999", "loopback address to listen on (HOST:PORT; port 0 picks a free one)")
	latency := fs.Duration("latency", time.Second, "delay before every answer")
	failRate := fs.Float64("fail-rate", 0, "share of chat completions answered with HTTP 503 (0 to 1)")
	model := fs.String("model", "stub-model", "model name listed by GET /v1/models")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *failRate < 0 || *failRate > 1 {
		return fmt.Errorf("--fail-rate must be between 0 and 1, got %v", *failRate)
	}
	if *latency < 0 {
		return fmt.Errorf("--latency must not be negative, got %v", *latency)
	}
	var served, failed atomic.Int64
	handler := failing(llmtest.Echo, *failRate, rand.Float64, &failed)
	counted := func(r llmtest.Request) llmtest.Reply {
		served.Add(1)
		return handler(r)
	}
	s, err := loadtest.StartStub(*addr, llmtest.WithHandler(counted), llmtest.WithLatency(*latency), llmtest.WithModels(*model))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "llmstub listening on %s (OPENAI_BASE_URL=%s, latency %s, fail rate %g)\n", s.Addr(), s.BaseURL(), *latency, *failRate)
	<-ctx.Done()
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = s.Shutdown(sctx)
	fmt.Fprintf(stdout, "llmstub stopped: %d chat completions, %d failed on purpose, at most %d at once\n",
		served.Load(), failed.Load(), s.Backend().MaxInFlight())
	return nil
}

// failing answers a share rate of the requests with a 503 and the others
// with h.
func failing(h llmtest.Handler, rate float64, random func() float64, failed *atomic.Int64) llmtest.Handler {
	if rate <= 0 {
		return h
	}
	return func(r llmtest.Request) llmtest.Reply {
		if random() < rate {
			failed.Add(1)
			return llmtest.Error(http.StatusServiceUnavailable, "the stub failed this request on purpose (--fail-rate)", "server_error", "")
		}
		return h(r)
	}
}
