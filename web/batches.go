package web

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// isJSONLType reports whether mt is accepted for a batch body.
func isJSONLType(mt string) bool {
	switch mt {
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines",
		"application/json", "text/plain", "application/octet-stream":
		return true
	}
	return false
}

// handleBatchCreate answers POST /v1/batches: the body is JSONL (one
// article object a line), the options come from the query string
// (languages=en,bn&length=short&llm=off&bengali_digits=true&webhook=URL).
// It answers 202 with the batch status and its Location.
func handleBatchCreate(b Batches, cfg Config, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if b == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoBatches))
			return
		}
		if ct := c.GetHeader("Content-Type"); ct != "" {
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || !isJSONLType(mt) {
				writeError(c, log, newError(sangbad.Unsupported, codeUnsupportedMediaType,
					fmt.Sprintf("Content-Type %q is not supported for batches; send application/x-ndjson (one JSON article a line)", ct)))
				return
			}
		}
		opts, err := batchOptions(c.Request.URL.Query())
		if err != nil {
			writeError(c, log, err)
			return
		}
		if c.Request.ContentLength > cfg.MaxBatchBytes {
			writeError(c, log, tooLarge(cfg.MaxBatchBytes))
			return
		}
		body := bufio.NewReader(http.MaxBytesReader(c.Writer, c.Request.Body, cfg.MaxBatchBytes))
		if !hasContent(body) {
			writeError(c, log, newError(sangbad.Invalid, codeBodyEmpty,
				"the request body is empty; send JSONL, one article object such as {\"text\": \"...\"} a line"))
			return
		}
		st, err := b.Create(c.Request.Context(), body, opts)
		if err != nil {
			if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
				err = tooLarge(cfg.MaxBatchBytes)
			}
			writeError(c, log, handlerError(c, err))
			return
		}
		loc := "/v1/batches/" + url.PathEscape(st.ID)
		if st.ResultsURL == "" {
			st.ResultsURL = loc + "/results"
		}
		c.Header("Location", loc)
		writeJSON(c, http.StatusAccepted, st)
	}
}

// hasContent reports whether r has a byte other than white space left,
// without consuming it.
func hasContent(r *bufio.Reader) bool {
	for {
		b, err := r.Peek(1)
		if err != nil || len(b) == 0 {
			return false
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = r.ReadByte()
		default:
			return true
		}
	}
}

// batchOptions reads the options of a batch from its query string.
func batchOptions(q url.Values) (BatchOptions, error) {
	req := articleRequest{
		Length: q.Get("length"),
		LLM:    q.Get("llm"),
	}
	for _, l := range q["languages"] {
		for code := range strings.SplitSeq(l, ",") {
			if code = strings.TrimSpace(code); code != "" {
				req.Languages = append(req.Languages, code)
			}
		}
	}
	for name, dst := range map[string]*bool{"bengali_digits": &req.BengaliDigits, "no_summary": &req.NoSummary} {
		if v := q.Get(name); v != "" {
			bv, err := strconv.ParseBool(v)
			if err != nil {
				return BatchOptions{}, newError(sangbad.Invalid, codeWrongType,
					fmt.Sprintf("query parameter %q must be true or false, got %q", name, v))
			}
			*dst = bv
		}
	}
	o, err := req.options()
	if err != nil {
		return BatchOptions{}, err
	}
	opts := BatchOptions{Options: o, Webhook: q.Get("webhook")}
	if opts.Webhook != "" {
		u, err := url.Parse(opts.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return BatchOptions{}, newError(sangbad.Invalid, codeInvalidOption,
				fmt.Sprintf("query parameter \"webhook\" must be an http(s) URL, got %q", opts.Webhook))
		}
	}
	return opts, nil
}

// checkBatchID rejects ids that cannot be a batch's (they would only reach
// the store to be not found).
func checkBatchID(id string) error {
	ok := id != "" && len(id) <= 128
	for i := 0; ok && i < len(id); i++ {
		ch := id[i]
		ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.'
	}
	if !ok {
		return newError(sangbad.NotFound, "batch_not_found", fmt.Sprintf("no batch %q", id))
	}
	return nil
}

// handleBatchStatus answers GET /v1/batches/:id with the batch's progress.
func handleBatchStatus(b Batches, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if b == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoBatches))
			return
		}
		id := c.Param("id")
		if err := checkBatchID(id); err != nil {
			writeError(c, log, err)
			return
		}
		st, err := b.Status(c.Request.Context(), id)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		if st.ResultsURL == "" {
			st.ResultsURL = "/v1/batches/" + url.PathEscape(st.ID) + "/results"
		}
		writeJSON(c, http.StatusOK, st)
	}
}

// handleBatchResults answers GET /v1/batches/:id/results by streaming the
// results as JSONL (application/x-ndjson). An error before the first byte
// is a JSON error; after it the stream is cut (the client sees a truncated
// body, and the error is logged).
func handleBatchResults(b Batches, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if b == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoBatches))
			return
		}
		id := c.Param("id")
		if err := checkBatchID(id); err != nil {
			writeError(c, log, err)
			return
		}
		_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Time{})
		w := &lazyWriter{c: c}
		err := b.Results(c.Request.Context(), id, w)
		if err != nil {
			if !w.started {
				writeError(c, log, handlerError(c, err))
				return
			}
			logError(c, log, statusOf(err), err)
			// Abort the connection so the client cannot take the cut
			// stream for a complete one.
			panic(http.ErrAbortHandler)
		}
		if !w.started {
			w.start() // an empty batch: 200 with an empty body
		}
	}
}

// lazyWriter sends the ndjson headers with the first write.
type lazyWriter struct {
	c       *gin.Context
	started bool
}

func (w *lazyWriter) start() {
	w.started = true
	w.c.Header("Content-Type", "application/x-ndjson")
	w.c.Header("Cache-Control", "no-store")
	w.c.Status(http.StatusOK)
	w.c.Writer.WriteHeaderNow()
}

// Write sends p at once: results are streamed as they are read.
func (w *lazyWriter) Write(p []byte) (int, error) {
	if !w.started {
		w.start()
	}
	n, err := w.c.Writer.Write(p)
	if err == nil {
		w.c.Writer.Flush()
	}
	return n, err
}

var _ io.Writer = (*lazyWriter)(nil)
