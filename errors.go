package sangbad

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Kind classifies an error so every front door can answer it the same way
// (HTTP status, exit code, dead-letter reason).
type Kind string

// Error kinds. Front doors map each to exactly one status (web/errors.go).
const (
	Invalid      Kind = "invalid"      // bad input: 400
	TooLarge     Kind = "too_large"    // a size limit: 413
	Unsupported  Kind = "unsupported"  // e.g. media type, language: 415/422
	NotFound     Kind = "not_found"    // 404
	Unauthorized Kind = "unauthorized" // 401
	Forbidden    Kind = "forbidden"    // 403
	Conflict     Kind = "conflict"     // 409
	RateLimited  Kind = "rate_limited" // 429
	Unavailable  Kind = "unavailable"  // a backend is down or not configured: 503
	Timeout      Kind = "timeout"      // a deadline passed: 504
	Canceled     Kind = "canceled"     // the caller went away: 499
	BadOutput    Kind = "bad_output"   // the LLM answered something unusable: 502
	Internal     Kind = "internal"     // a bug: 500
)

// Error is the one error type of the domain. Message is safe to show to a
// client; Err (the cause) is for logs only.
type Error struct {
	Kind    Kind
	Code    string // a stable machine-readable code, e.g. "text_required"; defaults to Kind
	Message string
	// RetryAfter is set for RateLimited/Unavailable when the caller should wait.
	RetryAfter time.Duration
	Err        error
}

func (e *Error) Error() string {
	if e.Err != nil {
		if e.Message == "" {
			return e.Err.Error()
		}
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of kind k with a formatted client-safe message.
func Errorf(k Kind, format string, args ...any) *Error {
	return &Error{Kind: k, Message: fmt.Sprintf(format, args...)}
}

// WrapError returns an *Error of kind k with message msg and cause err.
func WrapError(k Kind, err error, msg string) *Error {
	return &Error{Kind: k, Message: msg, Err: err}
}

// ErrorKind returns the kind of the first *Error in err's chain, Timeout or
// Canceled for context errors, and Internal otherwise.
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return Timeout
	case errors.Is(err, context.Canceled):
		return Canceled
	}
	return Internal
}

// ErrorMessage returns the client-safe message of err: the Message of its
// *Error, or a generic text for anything else (internal details stay in logs).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Message != "" {
		return e.Message
	}
	switch ErrorKind(err) {
	case Timeout:
		return "the request took longer than its deadline"
	case Canceled:
		return "the request was canceled"
	}
	return "internal error"
}

// ErrorCode returns the stable code of err (its Code, else its kind).
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) && e.Code != "" {
		return e.Code
	}
	return string(ErrorKind(err))
}

// ErrorBody is the JSON shape of an error: {"code","message","id"}.
type ErrorBody struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	ID      string `json:"id,omitempty"`
}
