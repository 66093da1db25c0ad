package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch"
	"github.com/sangbad/sangbad/batch/feed"
)

// analysisFlags adds the options every bulk command passes to the pipeline.
type analysisFlags struct {
	languages, length *string
	bnDigits, offline *bool
	noSummary         *bool
}

func (c *cmdFlags) analysisOptions() analysisFlags {
	return analysisFlags{
		languages: c.fs.String("languages", "", "summary languages, comma-separated (default: each article's language)"),
		length:    c.fs.String("length", "", "summary length: headline|short|standard|bullets"),
		bnDigits:  c.fs.Bool("bengali-digits", false, "Bengali digits in Bengali summaries"),
		offline:   c.fs.Bool("offline", false, "never call the LLM backend"),
		noSummary: c.fs.Bool("no-summary", false, "facts and language only"),
	}
}

func (a analysisFlags) options() sangbad.Options {
	o := sangbad.Options{Length: *a.length, BengaliDigits: *a.bnDigits, NoSummary: *a.noSummary}
	if *a.languages != "" {
		o.Languages = splitList(*a.languages)
	}
	if *a.offline {
		o.LLM = "off"
	}
	return o
}

// progressFor draws a progress bar on a terminal and logs plain lines
// otherwise (CI, files, pipes).
func progressFor(e *env, c *core) batch.Progress {
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return batch.NewBarProgress(e.stderr)
	}
	return batch.NewLogProgress(c.log, 10*time.Second)
}

func runBatch(ctx context.Context, e *env, args []string) error {
	f := newFlags("batch", e, "batch --in FILE|DIR|URL|- --out results.jsonl [--concurrency N] [flags]")
	in := f.fs.String("in", "", "input: JSONL, a folder of .txt/.html/.json, an RSS/Atom/NITF/NewsML-G2 file or URL, or - for stdin (required)")
	out := f.fs.String("out", "", "results JSONL; a rerun skips the ids it already holds (default: stdout, no resume)")
	format := f.fs.String("format", "", "force the input format (jsonl, json, txt, html, rss, nitf, newsml); default: detected")
	ordered := f.fs.Bool("ordered", false, "write results in input order")
	retryFailed := f.fs.Bool("retry-failed", false, "on resume, process again the items that failed before")
	itemTimeout := f.fs.Duration("item-timeout", 5*time.Minute, "deadline of one article")
	providerBatch := f.fs.Bool("provider-batch", false, "send the LLM work through the OpenAI Batch API (about half the price, results within 24 h; resumable)")
	stateFile := f.fs.String("state", "", "state file of --provider-batch (default: OUT.provider.json)")
	pollEvery := f.fs.Duration("poll-every", time.Minute, "how often --provider-batch polls the provider")
	f.intSetting("concurrency", "articles analysed at once", func(c *Config) *int { return &c.Queue.Concurrency })
	ao := f.analysisOptions()
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *in == "" && len(pos) == 1 {
		*in = pos[0]
	} else if len(pos) > 0 {
		return usageError(fmt.Sprintf("unexpected argument %q (use --in)", pos[0]))
	}
	if *in == "" {
		return usageError("batch needs --in FILE|DIR|URL|-")
	}
	cfg, c, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer c.Close()
	log := c.log
	src, err := feed.Open(ctx, *in, feed.Options{Format: feed.Format(strings.ToLower(*format)), Stdin: e.stdin})
	if err != nil {
		return fmt.Errorf("open input %s: %w", *in, err)
	}
	defer src.Close()

	w := e.stdout
	var done map[string]bool
	if *out != "" && *out != "-" {
		fh, ids, err := batch.ResumeFile(*out, *retryFailed)
		if err != nil {
			return err
		}
		defer fh.Close()
		w, done = fh, ids
		if len(ids) > 0 {
			log.Info("resuming", "out", *out, "already_done", len(ids))
		}
	}
	if *providerBatch {
		if *out == "" || *out == "-" {
			return usageError("--provider-batch needs --out FILE (its state lives next to it)")
		}
		if *stateFile == "" {
			*stateFile = *out + ".provider.json"
		}
		return c.runProviderBatch(ctx, e, providerRun{src: src, out: w, done: done, state: *stateFile, poll: *pollEvery, opts: ao.options()})
	}
	sum, err := batch.Run(ctx, batch.RunConfig{
		Concurrency: cfg.Queue.Concurrency, Ordered: *ordered, Options: ao.options(), Done: done,
		ItemTimeout: *itemTimeout, Logger: log,
	}, src, c.pipeline, w, progressFor(e, c))
	fmt.Fprintf(e.stderr, "%s\n", sum)
	if err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	if sum.Failed > 0 {
		return fmt.Errorf("batch finished with %d failed item(s); they are in the output with their error (rerun with --retry-failed to try them again)", sum.Failed)
	}
	return nil
}

func runWatch(ctx context.Context, e *env, args []string) error {
	f := newFlags("watch", e, "watch --feed URL [--feed URL ...] --every 1m [--out results.jsonl | --nats URL] [flags]")
	var feeds stringList
	f.fs.Var(&feeds, "feed", "RSS/Atom feed URL or file (repeatable; comma-separated also works)")
	every := f.fs.Duration("every", time.Minute, "polling interval")
	out := f.fs.String("out", "", "append results to this JSONL file (default: stdout); ignored with --nats")
	seenFile := f.fs.String("seen", "", "file remembering processed stories across restarts (default: OUT.seen, or a JetStream bucket with --nats)")
	once := f.fs.Bool("once", false, "poll once and exit")
	f.stringSetting("nats", "queue the stories on this NATS cluster instead of analysing them here", func(c *Config) *string { return &c.Queue.NATSURL })
	ao := f.analysisOptions()
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	feeds = append(feeds, pos...)
	if len(feeds) == 0 {
		return usageError("watch needs at least one --feed URL")
	}
	cfg, c, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer c.Close()
	log := c.log
	wc := batch.WatchConfig{Feeds: feeds, Every: *every, Logger: log}
	var sink batch.Sink
	if cfg.Queue.NATSURL != "" {
		q, stop, err := c.connectQueue(ctx)
		if err != nil {
			return err
		}
		defer stop()
		seen, err := batch.NewKVSeen(ctx, q.JetStream(), "sangbad-seen", 30*24*time.Hour)
		if err != nil {
			return fmt.Errorf("seen-state bucket: %w", err)
		}
		wc.Seen = seen
		sink = batch.QueueSink{Queue: q, Batch: "watch", Options: ao.options()}
	} else {
		w := e.stdout
		if *out != "" && *out != "-" {
			fh, err := os.OpenFile(*out, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err != nil {
				return fmt.Errorf("open output: %w", err)
			}
			defer fh.Close()
			w = fh
			if *seenFile == "" {
				*seenFile = *out + ".seen"
			}
		}
		if *seenFile != "" {
			seen, err := batch.OpenFileSeen(*seenFile)
			if err != nil {
				return err
			}
			defer seen.Close()
			wc.Seen = seen
		} else {
			wc.Seen = batch.NewMemorySeen()
		}
		sink = batch.NewWriterSink(c.pipeline, ao.options(), w)
	}
	if *once {
		st, err := batch.Poll(ctx, wc, sink)
		fmt.Fprintf(e.stderr, "read %d, new %d, updated %d, duplicates %d, failed %d\n", st.Read, st.New, st.Updated, st.Duplicates, st.Failed)
		return err
	}
	log.Info("watching", "feeds", len(feeds), "every", every.String())
	if err := batch.Watch(ctx, wc, sink); err != nil && ctx.Err() == nil {
		return fmt.Errorf("watch: %w", err)
	}
	return nil
}

// stringList is a repeatable, comma-splitting string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ",") }

func (s *stringList) Set(v string) error {
	*s = append(*s, splitList(v)...)
	return nil
}
