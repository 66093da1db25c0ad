package web

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// writeJSON encodes v (without HTML escaping, Bengali and quotes stay
// readable) and writes it with status.
func writeJSON(c *gin.Context, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		buf.Reset()
		status = http.StatusInternalServerError
		buf.WriteString(`{"error":{"code":"internal","message":"the response could not be encoded","id":"` + requestIDOf(c) + `"}}` + "\n")
	}
	c.Header("Content-Type", "application/json; charset=utf-8")
	c.Header("Cache-Control", "no-store")
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
}

// Messages for a missing dependency name the setting to change.
const (
	msgNoAnalyzer   = "the analysis pipeline is not available in this server; start it with `sangbad serve`, which wires it"
	msgNoVerifier   = "the verifier is not available in this server; start it with `sangbad serve`, which wires it"
	msgNoTranslator = "translation needs an LLM backend: set OPENAI_BASE_URL (and OPENAI_API_KEY if the server needs one) or the llm settings of the config file, then restart"
	msgNoBatches    = "batch processing is not enabled in this server; enable the batch/NATS settings of `sangbad serve`"
)

// handleAnalyze answers POST /v1/analyze with the full analysis.
func handleAnalyze(a Analyzer, cfg Config, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if a == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoAnalyzer))
			return
		}
		req, opts, err := decodeAnalyze(c, cfg)
		if err != nil {
			writeError(c, log, err)
			return
		}
		res, err := a.Analyze(c.Request.Context(), req.article(), opts)
		err = noResult(res, err)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// handleDetect answers POST /v1/detect with the language of the text.
func handleDetect(a Analyzer, cfg Config, log *slog.Logger) gin.HandlerFunc {
	type request struct {
		Text string `json:"text"`
	}
	return func(c *gin.Context) {
		if a == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoAnalyzer))
			return
		}
		var req request
		if err := readJSON(c, cfg.MaxBodyBytes, cfg.MaxJSONDepth, &req); err != nil {
			writeError(c, log, err)
			return
		}
		if err := checkText("text", req.Text); err != nil {
			writeError(c, log, err)
			return
		}
		res, err := a.Detect(c.Request.Context(), req.Text)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// handleFacts answers POST /v1/facts with language and facts (no summary).
func handleFacts(a Analyzer, cfg Config, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if a == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoAnalyzer))
			return
		}
		req, err := decodeArticle(c, cfg)
		if err != nil {
			writeError(c, log, err)
			return
		}
		res, err := a.Facts(c.Request.Context(), req.article())
		err = noResult(res, err)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// handleVerify answers POST /v1/verify: is every number, date and name of
// text backed by source, and is text in the expected language.
func handleVerify(v Verifier, cfg Config, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if v == nil {
			writeError(c, log, notConfigured(codeNotAvailable, msgNoVerifier))
			return
		}
		var req VerifyRequest
		if err := readJSON(c, cfg.MaxBodyBytes, cfg.MaxJSONDepth, &req); err != nil {
			writeError(c, log, err)
			return
		}
		err := checkText("source", req.Source)
		if err == nil {
			err = checkText("text", req.Text)
		}
		if err == nil {
			err = checkDate("published", req.Published)
		}
		if err == nil {
			req.Language, err = checkLanguage("language", req.Language, false)
		}
		if err != nil {
			writeError(c, log, err)
			return
		}
		res, err := v.Verify(c.Request.Context(), req)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		if res.Issues == nil {
			res.Issues = []sangbad.Issue{}
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// handleTranslate answers POST /v1/translate.
func handleTranslate(t Translator, cfg Config, log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		if t == nil {
			writeError(c, log, notConfigured(codeLLMNotConfigured, msgNoTranslator))
			return
		}
		var req TranslateRequest
		if err := readJSON(c, cfg.MaxBodyBytes, cfg.MaxJSONDepth, &req); err != nil {
			writeError(c, log, err)
			return
		}
		err := checkText("text", req.Text)
		if err == nil {
			req.Target, err = checkLanguage("target", req.Target, true)
		}
		if err == nil {
			req.Source, err = checkLanguage("source", req.Source, false)
		}
		if err != nil {
			writeError(c, log, err)
			return
		}
		res, err := t.Translate(c.Request.Context(), req)
		if err != nil {
			writeError(c, log, handlerError(c, err))
			return
		}
		if res.Issues == nil {
			res.Issues = []sangbad.Issue{}
		}
		if res.Target == "" {
			res.Target = req.Target
		}
		writeJSON(c, http.StatusOK, res)
	}
}

// handleHealthz reports that the process is up (liveness).
func handleHealthz(version string) gin.HandlerFunc {
	type response struct {
		Status  string `json:"status"`
		Version string `json:"version,omitempty"`
	}
	return func(c *gin.Context) {
		writeJSON(c, http.StatusOK, response{Status: "ok", Version: version})
	}
}

// handleReadyz reports whether the server can do its work (readiness).
func handleReadyz(r Readiness, log *slog.Logger) gin.HandlerFunc {
	type response struct {
		Status string `json:"status"`
	}
	return func(c *gin.Context) {
		if r != nil {
			ctx, cancel := context.WithTimeout(c.Request.Context(), 5*time.Second)
			defer cancel()
			if err := r.Ready(ctx); err != nil {
				e := &sangbad.Error{Kind: sangbad.Unavailable, Code: codeNotReady,
					Message: "not ready: " + sangbad.ErrorMessage(err), Err: err}
				if sangbad.ErrorKind(err) == sangbad.Internal {
					e.Message = "not ready"
				}
				writeError(c, log, e)
				return
			}
		}
		writeJSON(c, http.StatusOK, response{Status: "ready"})
	}
}
