package web

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/sangbad/sangbad"
)

// Context keys (gin.Context keys).
const (
	ctxRequestID = "sangbad.request_id"
	ctxKeyID     = "sangbad.key_id"
)

// HashKey returns the hex SHA-256 of an API key: the form Config.APIKeys
// holds, so the keys themselves are never stored.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func normalizeHash(h string) string {
	return strings.ToLower(strings.TrimPrefix(strings.TrimSpace(h), "sha256:"))
}

func isKeyHash(h string) bool {
	if len(h) != sha256.Size*2 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// requestIDOf returns the request id set by the requestID middleware.
func requestIDOf(c *gin.Context) string {
	return c.GetString(ctxRequestID)
}

// validRequestID accepts a caller's X-Request-ID when it is short and
// made of safe characters (it ends up in logs and headers).
func validRequestID(id string) bool {
	if id == "" || len(id) > 128 {
		return false
	}
	for i := 0; i < len(id); i++ {
		ch := id[i]
		if !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' ||
			ch == '-' || ch == '_' || ch == '.' || ch == ':') {
			return false
		}
	}
	return true
}

// requestID takes the caller's X-Request-ID or makes one, and echoes it.
func (s *server) requestID() gin.HandlerFunc {
	return func(c *gin.Context) {
		id := c.GetHeader("X-Request-ID")
		if !validRequestID(id) {
			id = rand.Text()
		}
		c.Set(ctxRequestID, id)
		c.Header("X-Request-ID", id)
		c.Next()
	}
}

// securityHeaders sets headers that are right for every answer; the page
// handlers add their Content-Security-Policy.
func (s *server) securityHeaders() gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", apiCSP)
		c.Next()
	}
}

const (
	// apiCSP forbids everything for JSON answers (nothing to render).
	apiCSP = "default-src 'none'; frame-ancestors 'none'"
	// pageCSP lets the page load its own scripts, styles and calls only.
	pageCSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)

// observe writes the access log and the request metrics.
func (s *server) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		s.metrics.inFlight.Inc()
		defer s.metrics.inFlight.Dec()
		c.Next()
		took := time.Since(start)
		route := c.FullPath()
		if route == "" {
			route = "unmatched"
		}
		status := c.Writer.Status()
		s.metrics.observe(route, status, took)

		level := slog.LevelInfo
		switch {
		case status >= 500 && status != 499:
			level = slog.LevelError
		case route == "/healthz" || route == "/readyz" || route == "/metrics":
			level = slog.LevelDebug
		}
		if !s.log.Enabled(c.Request.Context(), level) {
			return
		}
		s.log.LogAttrs(c.Request.Context(), level, "http request",
			slog.String("request_id", requestIDOf(c)),
			slog.String("method", c.Request.Method),
			slog.String("route", route),
			slog.String("path", c.Request.URL.Path),
			slog.Int("status", status),
			slog.Float64("latency_ms", float64(took.Microseconds())/1000),
			slog.Int("bytes", max(c.Writer.Size(), 0)),
			slog.String("remote", c.ClientIP()),
			slog.String("key", c.GetString(ctxKeyID)),
		)
	}
}

// recoverJSON turns a panic into a logged 500 JSON error.
func (s *server) recoverJSON() gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic in handler",
				"request_id", requestIDOf(c),
				"route", c.FullPath(),
				"panic", fmt.Sprint(v),
				"stack", string(debug.Stack()))
			err := newError(sangbad.Internal, codeInternal, "internal error; quote the request id when reporting it")
			if c.Writer.Written() {
				c.Abort()
				return
			}
			writeJSON(c, http.StatusInternalServerError, errorResponse{Error: errorBody(c, err)})
			c.Abort()
		}()
		c.Next()
	}
}

// cors answers CORS for the configured origins; with none it does nothing.
func (s *server) cors() gin.HandlerFunc {
	anyOrigin := slices.Contains(s.cfg.AllowedOrigins, "*")
	allowed := make(map[string]bool, len(s.cfg.AllowedOrigins))
	for _, o := range s.cfg.AllowedOrigins {
		allowed[strings.TrimRight(o, "/")] = true
	}
	return func(c *gin.Context) {
		origin := c.GetHeader("Origin")
		if origin == "" || len(allowed) == 0 {
			c.Next()
			return
		}
		h := c.Writer.Header()
		h.Add("Vary", "Origin")
		if !anyOrigin && !allowed[origin] {
			c.Next()
			return
		}
		if anyOrigin {
			h.Set("Access-Control-Allow-Origin", "*")
		} else {
			h.Set("Access-Control-Allow-Origin", origin)
		}
		h.Set("Access-Control-Expose-Headers", "X-Request-ID, Retry-After, Location")
		if c.Request.Method == http.MethodOptions && c.GetHeader("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, Accept, X-Request-ID")
			h.Set("Access-Control-Max-Age", "600")
			c.AbortWithStatus(http.StatusNoContent)
			return
		}
		c.Next()
	}
}

// auth checks "Authorization: Bearer <key>" against the hashed keys. When
// keys are configured a presented key is always checked (and names the
// caller for rate limits); a missing one is refused only when required.
func (s *server) auth(required bool) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.GetHeader("Authorization")
		if h == "" || (!required && len(s.keys) == 0) {
			if required {
				s.unauthorized(c, "an API key is required: send Authorization: Bearer <key>")
			}
			return
		}
		key, ok := strings.CutPrefix(h, "Bearer ")
		if !ok {
			key, ok = strings.CutPrefix(h, "bearer ")
		}
		key = strings.TrimSpace(key)
		if !ok || key == "" {
			s.unauthorized(c, "the Authorization header must be Bearer <key>")
			return
		}
		hash := HashKey(key)
		if !s.keys[hash] {
			s.unauthorized(c, "the API key is not valid")
			return
		}
		// The first hex digits of the hash name the key in logs and limits.
		c.Set(ctxKeyID, hash[:12])
	}
}

func (s *server) unauthorized(c *gin.Context, msg string) {
	c.Header("WWW-Authenticate", `Bearer realm="sangbad"`)
	writeError(c, s.log, newError(sangbad.Unauthorized, codeUnauthorized, msg))
}

// limitKey identifies the caller for rate limits: its API key, else its
// address.
func limitKey(c *gin.Context) string {
	if k := c.GetString(ctxKeyID); k != "" {
		return "key:" + k
	}
	return "ip:" + c.ClientIP()
}

// limit applies the per-key token bucket and concurrency limit.
func (s *server) limit() gin.HandlerFunc {
	if !s.limits.enabled() {
		return func(c *gin.Context) {}
	}
	return func(c *gin.Context) {
		release, wait, why := s.limits.acquire(limitKey(c), time.Now())
		if why != "" {
			err := newError(sangbad.RateLimited, codeRateLimited, why)
			err.RetryAfter = wait
			writeError(c, s.log, err)
			return
		}
		defer release()
		c.Next()
	}
}

// inFlight bounds the /v1 requests served at once.
func (s *server) inFlight() gin.HandlerFunc {
	if s.cfg.MaxInFlight < 0 {
		return func(c *gin.Context) {}
	}
	sem := make(chan struct{}, s.cfg.MaxInFlight)
	return func(c *gin.Context) {
		select {
		case sem <- struct{}{}:
		default:
			err := newError(sangbad.Unavailable, codeOverloaded,
				fmt.Sprintf("the server is at its limit of %d requests in flight (MaxInFlight); retry shortly", s.cfg.MaxInFlight))
			err.RetryAfter = time.Second
			writeError(c, s.log, err)
			return
		}
		defer func() { <-sem }()
		c.Next()
	}
}

// deadline gives the request its RequestTimeout.
func (s *server) deadline() gin.HandlerFunc {
	if s.cfg.RequestTimeout < 0 {
		return func(c *gin.Context) {}
	}
	return func(c *gin.Context) {
		ctx, cancel := context.WithTimeoutCause(c.Request.Context(), s.cfg.RequestTimeout,
			errDeadline{s.cfg.RequestTimeout})
		defer cancel()
		c.Request = c.Request.WithContext(ctx)
		c.Next()
	}
}

// errDeadline is the cause of a request's own deadline.
type errDeadline struct{ d time.Duration }

func (e errDeadline) Error() string { return "request deadline of " + e.d.String() + " passed" }

// handlerError turns what a dependency returned into the client error,
// naming the request deadline when that is what ended it.
func handlerError(c *gin.Context, err error) error {
	ctx := c.Request.Context()
	var dl errDeadline
	if errors.As(context.Cause(ctx), &dl) && sangbad.ErrorKind(err) != sangbad.Canceled {
		return &sangbad.Error{Kind: sangbad.Timeout, Code: "timeout",
			Message: "the request took longer than the limit of " + dl.d.String() + " (RequestTimeout)", Err: err}
	}
	return err
}
