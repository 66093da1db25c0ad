package llm

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sangbad/sangbad"
	openai "github.com/sashabaranov/go-openai"
)

var (
	errNoChoices = errors.New("the LLM backend answered without choices")
	// errFormatUnsupported marks a 400 that rejects the response_format.
	errFormatUnsupported = errors.New("response_format not supported")
)

// callInfo collects what go-openai does not expose: the response headers
// and whether the attempt's own deadline ended it.
type callInfo struct {
	status     int
	retryAfter string
	retryMS    string
	timedOut   bool
}

type callInfoKey struct{}

// headerDoer is the HTTP doer given to go-openai: it records the status
// and the Retry-After headers into the request's callInfo, since go-openai's
// errors carry the status but not the headers.
type headerDoer struct{ c *http.Client }

func (d headerDoer) Do(r *http.Request) (*http.Response, error) {
	resp, err := d.c.Do(r)
	if resp != nil {
		if info, ok := r.Context().Value(callInfoKey{}).(*callInfo); ok {
			info.status = resp.StatusCode
			info.retryAfter = resp.Header.Get("Retry-After")
			info.retryMS = resp.Header.Get("Retry-After-Ms")
		}
	}
	return resp, err
}

// parseRetryAfter reads Retry-After (seconds or an HTTP date) and
// retry-after-ms; 0 when absent or unreadable.
func parseRetryAfter(info *callInfo, now time.Time) time.Duration {
	if info == nil {
		return 0
	}
	if ms, err := strconv.ParseFloat(strings.TrimSpace(info.retryMS), 64); err == nil && ms > 0 {
		return time.Duration(ms * float64(time.Millisecond))
	}
	v := strings.TrimSpace(info.retryAfter)
	if v == "" {
		return 0
	}
	if s, err := strconv.ParseFloat(v, 64); err == nil {
		if s <= 0 {
			return 0
		}
		return time.Duration(s * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// classify maps an attempt's error to a *sangbad.Error and says whether
// another attempt may succeed.
func (c *Client) classify(err error, info *callInfo, model string) (error, bool) {
	status, msg, code := 0, err.Error(), ""
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	switch {
	case errors.As(err, &apiErr):
		status, msg = apiErr.HTTPStatusCode, apiErr.Message
		if s, ok := apiErr.Code.(string); ok {
			code = s
		}
	case errors.As(err, &reqErr):
		status = reqErr.HTTPStatusCode
		if len(reqErr.Body) > 0 {
			msg = string(reqErr.Body)
		}
	}
	if status == 0 && info != nil {
		status = info.status
	}
	lower := strings.ToLower(msg + " " + code)
	e := &sangbad.Error{Err: err}
	retry := false
	switch {
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		e.Kind, e.Code = sangbad.Unauthorized, "llm_unauthorized"
		e.Message = fmt.Sprintf("the LLM backend rejected the credentials (HTTP %d); check OPENAI_API_KEY", status)
	case status == http.StatusNotFound:
		e.Kind = sangbad.Unavailable
		if strings.Contains(lower, "model") || strings.Contains(lower, "deployment") || code == "model_not_found" || code == "DeploymentNotFound" {
			e.Code = "llm_model_not_found"
			e.Message = fmt.Sprintf("the LLM backend has no model %q; check SANGBAD_LLM_MODEL", model)
		} else {
			e.Code = "llm_not_found"
			e.Message = "the LLM backend answered 404 Not Found; check OPENAI_BASE_URL (it usually ends in /v1)"
		}
	case status == http.StatusTooManyRequests:
		e.Kind, e.Code = sangbad.RateLimited, "llm_rate_limited"
		e.RetryAfter = parseRetryAfter(info, c.now())
		if code == "insufficient_quota" || strings.Contains(lower, "quota") && !strings.Contains(lower, "rate") {
			e.Message = "the LLM account has no quota left; check the billing of OPENAI_API_KEY"
			break
		}
		e.Message = "the LLM backend is rate limiting requests; try again later"
		retry = true
	case status == http.StatusRequestEntityTooLarge || isContextLength(lower):
		e.Kind, e.Code = sangbad.TooLarge, "llm_context_length"
		e.Message = "the text is too long for the model's context window; shorten it or use a model with a larger context"
	case (status == http.StatusBadRequest || status == http.StatusUnprocessableEntity) && isFormatError(lower):
		return fmt.Errorf("%w: %w", errFormatUnsupported, err), false
	case status == http.StatusRequestTimeout:
		e.Kind, e.Code = sangbad.Timeout, "llm_timeout"
		e.Message = "the LLM backend timed out"
		retry = true
	case status >= 500:
		e.Kind, e.Code = sangbad.Unavailable, "llm_unavailable"
		e.Message = fmt.Sprintf("the LLM backend failed (HTTP %d)", status)
		e.RetryAfter = parseRetryAfter(info, c.now())
		retry = true
	case status >= 400:
		e.Kind, e.Code = sangbad.Invalid, "llm_bad_request"
		e.Message = fmt.Sprintf("the LLM backend rejected the request (HTTP %d)", status)
	case info != nil && info.timedOut || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		e.Kind, e.Code = sangbad.Timeout, "llm_timeout"
		e.Message = fmt.Sprintf("the LLM backend did not answer within %s (SANGBAD_LLM_TIMEOUT)", c.cfg.Timeout)
		retry = true
	case isLocalValidation(err):
		e.Kind, e.Code = sangbad.Invalid, "llm_bad_request"
		e.Message = fmt.Sprintf("the request does not suit model %q: %v", model, err)
	case errors.Is(err, errNoChoices):
		e.Kind, e.Code = sangbad.BadOutput, "llm_no_choices"
		e.Message = "the LLM backend answered without any choice"
		retry = true
	default:
		// Connection refused or reset, a dropped stream, an unreadable body.
		e.Kind, e.Code = sangbad.Unavailable, "llm_unreachable"
		e.Message = fmt.Sprintf("cannot reach the LLM backend at %s; check OPENAI_BASE_URL", c.baseURLForMessages())
		retry = true
	}
	return e, retry
}

func (c *Client) baseURLForMessages() string {
	if c.cfg.BaseURL == "" {
		return "api.openai.com"
	}
	return c.cfg.BaseURL
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func isContextLength(s string) bool {
	for _, k := range []string{"context_length_exceeded", "context length", "maximum context", "context window", "too many tokens", "exceeds the context"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

func isFormatError(s string) bool {
	for _, k := range []string{"response_format", "json_schema", "json_object", "unsupported_response_format"} {
		if strings.Contains(s, k) {
			return true
		}
	}
	return false
}

// isLocalValidation reports go-openai's own checks of a request (model
// families that refuse some parameters), which no retry can fix.
func isLocalValidation(err error) bool {
	for _, target := range []error{
		openai.ErrReasoningModelMaxTokensDeprecated, openai.ErrReasoningModelLimitationsOther,
		openai.ErrReasoningModelLimitationsLogprobs, openai.ErrO1MaxTokensDeprecated,
		openai.ErrO1BetaLimitationsMessageTypes, openai.ErrO1BetaLimitationsTools,
		openai.ErrO1BetaLimitationsOther, openai.ErrReasoningSamplingUnsupported,
		openai.ErrReasoningEffortUnsupported, openai.ErrChatCompletionInvalidModel,
		openai.ErrChatCompletionStreamNotSupported,
	} {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

// isReasoningModel reports the OpenAI model families that take
// max_completion_tokens instead of max_tokens and a fixed temperature.
func isReasoningModel(model string) bool {
	for _, p := range []string{"o1", "o3", "o4", "gpt-5", "gpt-6"} {
		if strings.HasPrefix(model, p) {
			return true
		}
	}
	return false
}
