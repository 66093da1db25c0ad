package batch

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/sangbad/sangbad"
)

// resultWriter writes the JSONL results of a run (Run, RunProvider)
// through a buffer and keeps its Summary and Progress up to date. It is
// used from one goroutine.
type resultWriter struct {
	out      *bufio.Writer
	line     bytes.Buffer
	enc      *json.Encoder
	sum      Summary
	progress Progress
	log      *slog.Logger
}

// newResultWriter returns a resultWriter to out; a nil progress reports
// nowhere and a nil log discards.
func newResultWriter(out io.Writer, progress Progress, log *slog.Logger) *resultWriter {
	if progress == nil {
		progress = noProgress{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	w := &resultWriter{out: bufio.NewWriterSize(out, 64<<10), progress: progress, log: log}
	w.enc = json.NewEncoder(&w.line)
	w.enc.SetEscapeHTML(false)
	return w
}

// emit writes one result line and reports it, failed when err is set. A
// result that cannot be encoded is written as an Internal error instead.
func (w *resultWriter) emit(res Result, err error) error {
	w.sum.Total++
	w.line.Reset()
	if eerr := w.enc.Encode(res); eerr != nil {
		err = eerr
		res = errorResult(res.ID, sangbad.WrapError(sangbad.Internal, eerr, "cannot encode the result"))
		w.line.Reset()
		w.enc.Encode(res)
	}
	if _, werr := w.out.Write(w.line.Bytes()); werr != nil {
		return fmt.Errorf("write results: %w", werr)
	}
	if err != nil {
		w.sum.Failed++
		w.log.Debug("item failed", "id", res.ID, "err", err)
		w.progress.Item(Event{ID: res.ID, Status: StatusFailed, Err: err})
	} else {
		w.sum.OK++
		w.progress.Item(Event{ID: res.ID, Status: StatusOK})
	}
	return nil
}

// skip counts and reports an item that is not written (already done).
func (w *resultWriter) skip(id string) {
	w.sum.Total++
	w.sum.Skipped++
	w.progress.Item(Event{ID: id, Status: StatusSkipped})
}

// flush writes the buffered results through.
func (w *resultWriter) flush() error {
	if err := w.out.Flush(); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	return nil
}

// end completes the Summary of a run that started at start (duration and
// rate), reports it to the Progress and returns it.
func (w *resultWriter) end(start time.Time) Summary {
	w.sum.Duration = time.Since(start)
	if s := w.sum.Duration.Seconds(); s > 0 {
		w.sum.Rate = float64(w.sum.OK+w.sum.Failed) / s
	}
	w.progress.Finish(w.sum)
	return w.sum
}

// openResumed opens (or creates) the file at path for reading and writing,
// positioned to append after its first good bytes, as scan finds them; the
// rest (a line torn by a crash) is cut off. what names the file in errors.
func openResumed(path, what string, scan func(f *os.File) (good int64, err error)) (*os.File, int64, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, 0, fmt.Errorf("open %s: %w", what, err)
	}
	good, err := scan(f)
	if err == nil {
		err = f.Truncate(good)
	}
	if err == nil {
		_, err = f.Seek(good, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("resume %s %s: %w", what, path, err)
	}
	return f, good, nil
}
