// Command langmem measures what language detection costs a fresh process:
// the time to build the Detector, then the heap and resident memory after
// detecting each given article (in order), and the time of the first and of
// later calls. The figures in lang's package documentation come from it:
//
//	go run ./lang/internal/langmem lang/testdata/article_en.txt lang/testdata/article_bn.txt
//	go run ./lang/internal/langmem -exhaustive lang/testdata/article_fr.txt
//	go run ./lang/internal/langmem -lingua-all lang/testdata/article_en.txt
//
// -lingua-all measures lingua itself for comparison: every language, high
// accuracy, lazy loading, the whole text.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"syscall"
	"time"

	lingua "github.com/pemistahl/lingua-go"

	"github.com/sangbad/sangbad/lang"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "langmem:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("langmem", flag.ContinueOnError)
	exhaustive := fs.Bool("exhaustive", false, "turn the English fast path off")
	linguaAll := fs.Bool("lingua-all", false, "measure plain lingua (all languages, high accuracy) instead")
	preload := fs.Bool("preload", false, "with -lingua-all: preload every model")
	reps := fs.Int("n", 200, "repetitions for the steady-state time")
	if err := fs.Parse(args); err != nil {
		return err
	}
	report(out, "start")
	t0 := time.Now()
	var detect func(string) string
	if *linguaAll {
		b := lingua.NewLanguageDetectorBuilder().FromAllLanguages()
		if *preload {
			b = b.WithPreloadedLanguageModels()
		}
		ld := b.Build()
		detect = func(s string) string {
			l, _ := ld.DetectLanguageOf(s)
			return l.String()
		}
	} else {
		d, err := lang.New(lang.Options{Exhaustive: *exhaustive})
		if err != nil {
			return err
		}
		detect = func(s string) string {
			l, err := d.Detect(ctx, s)
			if err != nil {
				return err.Error()
			}
			b, _ := json.Marshal(l)
			return string(b)
		}
	}
	fmt.Fprintf(out, "build: %v\n", time.Since(t0))
	report(out, "built")
	for _, name := range fs.Args() {
		b, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		text := string(b)
		t := time.Now()
		res := detect(text)
		first := time.Since(t)
		t = time.Now()
		c0 := cpuTime()
		for i := 0; i < *reps; i++ {
			detect(text)
		}
		wall, cpu := time.Since(t)/time.Duration(*reps), (cpuTime()-c0)/time.Duration(*reps)
		fmt.Fprintf(out, "%s (%d bytes): first %v, then %v/op wall, %v/op CPU\n  %s\n", name, len(b), first, wall, cpu, res)
		report(out, "after "+name)
	}
	return nil
}

// report prints the live heap (after a GC), the memory the runtime holds
// and the process's resident set.
func report(out io.Writer, label string) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	fmt.Fprintf(out, "%-40s heap %6.1f MB  sys %6.1f MB  rss %s\n", label, float64(m.HeapAlloc)/1e6, float64(m.Sys)/1e6, rss())
}

// cpuTime is the process's user and system CPU time: on a busy machine it
// tells the work done apart from the time spent waiting for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func rss() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}
