package web

import (
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// kindStatus is the one table from error kind to HTTP status.
var kindStatus = map[sangbad.Kind]int{
	sangbad.Invalid:      http.StatusBadRequest,
	sangbad.TooLarge:     http.StatusRequestEntityTooLarge,
	sangbad.Unsupported:  http.StatusUnprocessableEntity,
	sangbad.NotFound:     http.StatusNotFound,
	sangbad.Unauthorized: http.StatusUnauthorized,
	sangbad.Forbidden:    http.StatusForbidden,
	sangbad.Conflict:     http.StatusConflict,
	sangbad.RateLimited:  http.StatusTooManyRequests,
	sangbad.Unavailable:  http.StatusServiceUnavailable,
	sangbad.Timeout:      http.StatusGatewayTimeout,
	sangbad.Canceled:     499, // client closed request (nginx)
	sangbad.BadOutput:    http.StatusBadGateway,
	sangbad.Internal:     http.StatusInternalServerError,
}

// codeStatus refines kindStatus for the few codes HTTP has its own status
// for (both tables live here so the mapping stays in one place).
var codeStatus = map[string]int{
	codeUnsupportedMediaType: http.StatusUnsupportedMediaType,
	codeMethodNotAllowed:     http.StatusMethodNotAllowed,
}

// Error codes the web layer produces itself.
const (
	codeBodyEmpty            = "body_empty"
	codeBodyTooLarge         = "body_too_large"
	codeInvalidJSON          = "invalid_json"
	codeJSONTooDeep          = "json_too_deep"
	codeWrongType            = "wrong_type"
	codeTextRequired         = "text_required"
	codeTextNotUTF8          = "text_not_utf8"
	codeInvalidDate          = "invalid_date"
	codeUnknownLanguage      = "unknown_language"
	codeInvalidOption        = "invalid_option"
	codeUnsupportedMediaType = "unsupported_media_type"
	codeNotFound             = "not_found"
	codeMethodNotAllowed     = "method_not_allowed"
	codeUnauthorized         = "unauthorized"
	codeRateLimited          = "rate_limited"
	codeOverloaded           = "overloaded"
	codeLLMNotConfigured     = "llm_not_configured"
	codeNotAvailable         = "not_available"
	codeNotReady             = "not_ready"
	codeInternal             = "internal"
)

// statusOf returns the HTTP status for err.
func statusOf(err error) int {
	if st, ok := codeStatus[sangbad.ErrorCode(err)]; ok {
		return st
	}
	if st, ok := kindStatus[sangbad.ErrorKind(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorResponse is the JSON shape of every error answer.
type errorResponse struct {
	Error sangbad.ErrorBody `json:"error"`
}

// newError is a client-visible error with a stable code.
func newError(k sangbad.Kind, code, msg string) *sangbad.Error {
	return &sangbad.Error{Kind: k, Code: code, Message: msg}
}

// errorBody builds the client view of err: code, safe message, request id.
// Internal details stay in the log.
func errorBody(c *gin.Context, err error) sangbad.ErrorBody {
	return sangbad.ErrorBody{
		Code:    sangbad.ErrorCode(err),
		Message: sangbad.ErrorMessage(err),
		ID:      requestIDOf(c),
	}
}

// writeError answers err as {"error":{"code","message","id"}} with the
// status of its kind, logs it with the request id and aborts the chain.
func writeError(c *gin.Context, log *slog.Logger, err error) {
	status := statusOf(err)
	logError(c, log, status, err)
	var se *sangbad.Error
	if errors.As(err, &se) && se.RetryAfter > 0 {
		c.Header("Retry-After", retryAfterSeconds(se.RetryAfter))
	}
	if c.Writer.Written() {
		c.Abort()
		return
	}
	writeJSON(c, status, errorResponse{Error: errorBody(c, err)})
	c.Abort()
}

// logError records err: client errors at debug level, server errors (and
// the causes the client does not see) at error level.
func logError(c *gin.Context, log *slog.Logger, status int, err error) {
	level := slog.LevelDebug
	if status >= 500 && status != 499 {
		level = slog.LevelError
	}
	log.LogAttrs(c.Request.Context(), level, "request error",
		slog.String("request_id", requestIDOf(c)),
		slog.String("route", c.FullPath()),
		slog.Int("status", status),
		slog.String("code", sangbad.ErrorCode(err)),
		slog.String("err", err.Error()),
	)
}

// retryAfterSeconds formats d as whole seconds, at least 1.
func retryAfterSeconds(d time.Duration) string {
	s := int64((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	return strconv.FormatInt(s, 10)
}

func handleNotFound(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeError(c, log, newError(sangbad.NotFound, codeNotFound,
			"no endpoint "+c.Request.Method+" "+c.Request.URL.Path+"; see /openapi.json"))
	}
}

func handleMethodNotAllowed(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		writeError(c, log, newError(sangbad.Invalid, codeMethodNotAllowed,
			"method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path))
	}
}

// notConfigured is the 503 of an endpoint whose dependency is missing.
func notConfigured(code, msg string) *sangbad.Error {
	return newError(sangbad.Unavailable, code, msg)
}
