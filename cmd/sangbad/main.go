// Command sangbad turns news articles into verified facts and English and
// Bengali summaries. Subcommands: analyze, serve, verify, translate, batch,
// watch, worker, eval, version. Run `sangbad help` for usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/sangbad/sangbad"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(os.Stderr, "sangbad: %v\n", err)
		}
		os.Exit(exitCode(err))
	}
}

// env is what every subcommand gets from the outside world.
type env struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	name  string
	usage string
	run   func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"analyze", "analyze [FILE|-] [--published YYYY-MM-DD] [--format json|text]  language, facts and summaries of one article", runAnalyze},
		{"serve", "serve [--addr HOST:PORT]  the JSON API, the web page and the embedded queue", runServe},
		{"verify", "verify --source FILE TEXTFILE  check a summary or translation against its source", runVerify},
		{"translate", "translate --to bn FILE  translate an article (needs an LLM backend)", runTranslate},
		{"batch", "batch --in FILE|DIR|URL|- --out results.jsonl  analyse many articles", runBatch},
		{"watch", "watch --feed URL --every 1m  poll RSS/Atom feeds and analyse new stories", runWatch},
		{"worker", "worker --nats nats://...  process queued articles from NATS JetStream", runWorker},
		{"eval", "eval [--dir ../shared/eval]  score the extractor and summarizer on labelled data", runEval},
		{"hash-key", "hash-key KEY  print the sha256:<hex> hash of an API key, to store in an API keys file", runHashKey},
		{"version", "version  print the version", func(_ context.Context, e *env, _ []string) error {
			_, err := fmt.Fprintln(e.stdout, "sangbad", version)
			return err
		}},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) < 2 || args[1] == "help" || args[1] == "-h" || args[1] == "--help" {
		usage(stderr)
		if len(args) < 2 {
			return usageError("no command given")
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[1] {
			return c.run(ctx, e, args[2:])
		}
	}
	usage(stderr)
	return usageError(fmt.Sprintf("unknown command %q", args[1]))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: sangbad <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nEvery command takes --config FILE (YAML); `sangbad <command> -h` lists its flags.")
}

// errUsage marks command-line mistakes (exit code 2).
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usageError(msg string) error { return errUsage{msg} }

func exitCode(err error) int {
	var u errUsage
	switch {
	case errors.As(err, &u), errors.Is(err, flag.ErrHelp):
		return 2
	case sangbad.ErrorKind(err) == sangbad.Invalid, sangbad.ErrorKind(err) == sangbad.TooLarge:
		return 3
	case sangbad.ErrorKind(err) == sangbad.Unavailable:
		return 4
	}
	return 1
}
