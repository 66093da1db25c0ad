package web

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// sseKeepAlive is how often an idle stream gets a comment line, so proxies
// do not close it while the model thinks.
const sseKeepAlive = 15 * time.Second

// handleSummarize answers POST /v1/summarize: the same body and result as
// /v1/analyze, streamed as server-sent events when the client accepts
// text/event-stream:
//
//	event: delta   data: {"language":"bn","text":"..."}   (repeated)
//	event: result  data: <the analysis>
//	event: error   data: {"error":{"code","message","id"}}
//
// Errors found before the stream starts are ordinary JSON errors.
func handleSummarize(st Streamer, a Analyzer, cfg Config, log *slog.Logger) gin.HandlerFunc {
	type delta struct {
		Language string `json:"language"`
		Text     string `json:"text"`
	}
	return func(c *gin.Context) {
		if st == nil && a == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoAnalyzer))
			return
		}
		req, opts, err := decodeAnalyze(c, cfg)
		if err != nil {
			writeError(c, log, err)
			return
		}
		ctx := c.Request.Context()
		if !acceptsEventStream(c.GetHeader("Accept")) {
			var res *sangbad.Analysis
			if a != nil {
				res, err = a.Analyze(ctx, req.article(), opts)
			} else {
				res, err = st.StreamSummary(ctx, req.article(), opts, func(string, string) {})
			}
			err = noResult(res, err)
			if err != nil {
				writeError(c, log, handlerError(c, err))
				return
			}
			writeJSON(c, http.StatusOK, res)
			return
		}

		sse := newSSEWriter(c)
		defer sse.close()
		stop := sse.keepAlive(sseKeepAlive)
		defer stop()
		onDelta := func(lang, text string) {
			if text != "" {
				sse.event("delta", delta{Language: lang, Text: text})
			}
		}
		var res *sangbad.Analysis
		if st != nil {
			res, err = st.StreamSummary(ctx, req.article(), opts, onDelta)
		} else {
			// No streaming backend: send each finished summary as one delta.
			res, err = a.Analyze(ctx, req.article(), opts)
			if err == nil && res != nil {
				for _, lang := range sortedKeys(res.Summaries) {
					onDelta(lang, res.Summaries[lang].Text)
				}
			}
		}
		stop()
		err = noResult(res, err)
		if err != nil {
			err = handlerError(c, err)
			logError(c, log, statusOf(err), err)
			sse.event("error", errorResponse{Error: errorBody(c, err)})
			return
		}
		sse.event("result", res)
	}
}

func sortedKeys(m map[string]sangbad.Summary) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// acceptsEventStream reports whether the Accept header asks for SSE.
func acceptsEventStream(accept string) bool {
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, _ := strings.Cut(part, ";")
		if strings.EqualFold(strings.TrimSpace(mt), "text/event-stream") {
			return true
		}
	}
	return false
}

// sseWriter writes server-sent events; it is safe for concurrent use and
// ignores events after close (a late callback cannot touch a finished
// response).
type sseWriter struct {
	mu     sync.Mutex
	c      *gin.Context
	closed bool
	buf    bytes.Buffer
}

func newSSEWriter(c *gin.Context) *sseWriter {
	h := c.Writer.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
	// The stream may outlive the server's WriteTimeout; the request
	// deadline still bounds it.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
	c.Status(http.StatusOK)
	c.Writer.WriteHeaderNow()
	c.Writer.Flush()
	return &sseWriter{c: c}
}

// event writes one event whose data is v as single-line JSON.
func (w *sseWriter) event(name string, v any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return
	}
	w.buf.Reset()
	w.buf.WriteString("event: ")
	w.buf.WriteString(name)
	w.buf.WriteString("\ndata: ")
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil { // Encode ends with "\n"
		w.buf.Reset()
		w.buf.WriteString("event: error\ndata: {\"error\":{\"code\":\"internal\",\"message\":\"an event could not be encoded\",\"id\":\"" + requestIDOf(w.c) + "\"}}\n")
	}
	w.buf.WriteString("\n")
	w.write(w.buf.Bytes())
}

func (w *sseWriter) write(b []byte) {
	if _, err := w.c.Writer.Write(b); err != nil {
		w.closed = true // the client went away
		return
	}
	w.c.Writer.Flush()
}

// keepAlive writes a comment every d until the returned stop is called.
func (w *sseWriter) keepAlive(d time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(d)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				w.mu.Lock()
				if !w.closed {
					w.write([]byte(": keep-alive\n\n"))
				}
				w.mu.Unlock()
			}
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			<-finished
		})
	}
}

func (w *sseWriter) close() {
	w.mu.Lock()
	w.closed = true
	w.mu.Unlock()
}
