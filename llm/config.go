package llm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// API types.
const (
	APITypeOpenAI = "openai"
	APITypeAzure  = "azure"
)

// Output modes: how a JSON answer is requested from the server.
const (
	// ModeAuto starts with json_schema and falls back, once per client, to
	// json_object and then to text when the server rejects a mode.
	ModeAuto = "auto"
	// ModeJSONSchema sends response_format json_schema with strict: true.
	ModeJSONSchema = "json_schema"
	// ModeJSONObject sends response_format json_object (JSON mode).
	ModeJSONObject = "json_object"
	// ModeText sends no response_format; the JSON is parsed tolerantly.
	ModeText = "text"
)

// Tasks with their own model setting.
const (
	TaskSummary   = "summary"
	TaskFacts     = "facts"
	TaskTranslate = "translate"
	TaskRepair    = "repair"
)

// Defaults of Config.
const (
	DefaultModel         = "gpt-4o-mini"
	DefaultTimeout       = 60 * time.Second
	DefaultMaxRetries    = 3
	DefaultMaxConcurrent = 8
	DefaultTemperature   = 0.2
	DefaultOutputMode    = ModeAuto
	// DefaultAzureAPIVersion is the Azure OpenAI API version used when none
	// is configured (one that supports json_schema structured output).
	DefaultAzureAPIVersion = "2024-10-21"
)

// Config configures a Client. The zero value of a field means its default.
type Config struct {
	// APIKey is sent as a Bearer token (OpenAI and compatible servers) or
	// as the api-key header (Azure). Local servers need none.
	APIKey string
	// BaseURL is the API root, e.g. https://api.openai.com/v1,
	// http://localhost:11434/v1 (Ollama), http://localhost:8000/v1 (vLLM),
	// http://localhost:8080/v1 (llama.cpp) or https://NAME.openai.azure.com
	// (Azure). Empty with an APIKey means api.openai.com.
	BaseURL string
	// APIType is "openai" (default; any OpenAI-compatible server) or "azure".
	APIType string
	// AzureAPIVersion is the api-version query parameter for Azure.
	AzureAPIVersion string
	// Model is the default model (Azure: deployment name); Models overrides
	// it per task ("summary", "facts", "translate", "repair").
	Model  string
	Models map[string]string
	// Timeout bounds one attempt (one HTTP call), not the whole call with
	// its retries; the caller's context bounds that.
	Timeout time.Duration
	// MaxRetries is the number of retries after a failed attempt on 429,
	// 5xx, timeouts and connection errors. Negative means none.
	MaxRetries int
	// MaxConcurrent bounds the requests in flight from this client.
	MaxConcurrent int
	// OutputMode is auto (default), json_schema, json_object or text.
	OutputMode string
	// Temperature of sampling; 0 means the default (0.2), negative means
	// "let the server decide".
	Temperature float64
	// MaxTokens bounds the answer's length; 0 means the server's default.
	MaxTokens int
	// MaxFixes is the number of extra rounds when an answer does not match
	// its schema (the validation error is sent back); 0 means 1, negative 0.
	MaxFixes int

	// envErr records a malformed environment variable; New reports it.
	envErr error
}

// Configured reports whether a backend is configured (a base URL or an API
// key). Without one, calls fail with kind Unavailable and code
// "llm_not_configured".
func (c Config) Configured() bool {
	return strings.TrimSpace(c.BaseURL) != "" || strings.TrimSpace(c.APIKey) != ""
}

// ModelFor returns the model of a task: Models[task], else Model, else
// DefaultModel.
func (c Config) ModelFor(task string) string {
	if m := c.Models[task]; m != "" {
		return m
	}
	if c.Model != "" {
		return c.Model
	}
	return DefaultModel
}

// ConfigFromEnv reads the configuration from environment variables through
// getenv (os.Getenv in main, a map in tests):
//
//	OPENAI_API_KEY               API key (Azure: the resource key)
//	OPENAI_BASE_URL              API root, e.g. http://localhost:11434/v1
//	SANGBAD_LLM_API_TYPE         openai (default) or azure
//	AZURE_OPENAI_API_VERSION     Azure api-version (default 2024-10-21)
//	SANGBAD_LLM_MODEL            default model or Azure deployment (default gpt-4o-mini)
//	SANGBAD_LLM_MODEL_SUMMARY    model for summaries (likewise _FACTS, _TRANSLATE, _REPAIR)
//	SANGBAD_LLM_TIMEOUT          per-attempt timeout: a Go duration (45s) or seconds (default 60s)
//	SANGBAD_LLM_MAX_RETRIES      retries on 429/5xx/timeouts (default 3)
//	SANGBAD_LLM_MAX_CONCURRENT   requests in flight (default 8)
//	SANGBAD_LLM_OUTPUT_MODE      auto (default), json_schema, json_object or text
//	SANGBAD_LLM_TEMPERATURE      sampling temperature (default 0.2)
//	SANGBAD_LLM_MAX_TOKENS       answer length limit (default: the server's)
//
// A malformed value is reported by New as a kind Invalid error naming the
// variable.
func ConfigFromEnv(getenv func(string) string) Config {
	var errs []error
	c := Config{
		APIKey:          strings.TrimSpace(getenv("OPENAI_API_KEY")),
		BaseURL:         strings.TrimSpace(getenv("OPENAI_BASE_URL")),
		APIType:         strings.ToLower(strings.TrimSpace(getenv("SANGBAD_LLM_API_TYPE"))),
		AzureAPIVersion: strings.TrimSpace(getenv("AZURE_OPENAI_API_VERSION")),
		Model:           strings.TrimSpace(getenv("SANGBAD_LLM_MODEL")),
		OutputMode:      strings.ToLower(strings.TrimSpace(getenv("SANGBAD_LLM_OUTPUT_MODE"))),
	}
	for _, task := range []string{TaskSummary, TaskFacts, TaskTranslate, TaskRepair} {
		if m := strings.TrimSpace(getenv("SANGBAD_LLM_MODEL_" + strings.ToUpper(task))); m != "" {
			if c.Models == nil {
				c.Models = map[string]string{}
			}
			c.Models[task] = m
		}
	}
	if v := strings.TrimSpace(getenv("SANGBAD_LLM_TIMEOUT")); v != "" {
		d, err := parseDuration(v)
		if err != nil {
			errs = append(errs, fmt.Errorf("SANGBAD_LLM_TIMEOUT: %w", err))
		}
		c.Timeout = d
	}
	ints := []struct {
		name string
		dst  *int
	}{
		{"SANGBAD_LLM_MAX_RETRIES", &c.MaxRetries},
		{"SANGBAD_LLM_MAX_CONCURRENT", &c.MaxConcurrent},
		{"SANGBAD_LLM_MAX_TOKENS", &c.MaxTokens},
	}
	for _, v := range ints {
		s := strings.TrimSpace(getenv(v.name))
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s must be a whole number >= 0, got %q", v.name, s))
			continue
		}
		if v.name == "SANGBAD_LLM_MAX_RETRIES" && n == 0 {
			n = -1 // explicit "no retries"
		}
		*v.dst = n
	}
	if s := strings.TrimSpace(getenv("SANGBAD_LLM_TEMPERATURE")); s != "" {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || f < 0 || f > 2 {
			errs = append(errs, fmt.Errorf("SANGBAD_LLM_TEMPERATURE must be a number from 0 to 2, got %q", s))
		} else if f == 0 {
			c.Temperature = -1 // server default (go-openai omits a zero temperature)
		} else {
			c.Temperature = f
		}
	}
	c.envErr = errors.Join(errs...)
	return c
}

func parseDuration(s string) (time.Duration, error) {
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		if n <= 0 {
			return 0, fmt.Errorf("must be positive, got %q", s)
		}
		return time.Duration(n * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("must be a duration such as 45s or a number of seconds, got %q", s)
	}
	return d, nil
}

// withDefaults fills in defaults and checks the values.
func (c Config) withDefaults() (Config, error) {
	if c.envErr != nil {
		return c, c.envErr
	}
	if c.APIType == "" {
		c.APIType = APITypeOpenAI
	}
	if c.APIType != APITypeOpenAI && c.APIType != APITypeAzure {
		return c, fmt.Errorf("SANGBAD_LLM_API_TYPE must be openai or azure, got %q", c.APIType)
	}
	if c.APIType == APITypeAzure && c.AzureAPIVersion == "" {
		c.AzureAPIVersion = DefaultAzureAPIVersion
	}
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = DefaultMaxRetries
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = DefaultMaxConcurrent
	}
	if c.OutputMode == "" {
		c.OutputMode = DefaultOutputMode
	}
	switch c.OutputMode {
	case ModeAuto, ModeJSONSchema, ModeJSONObject, ModeText:
	default:
		return c, fmt.Errorf("SANGBAD_LLM_OUTPUT_MODE must be auto, json_schema, json_object or text, got %q", c.OutputMode)
	}
	switch {
	case c.Temperature == 0:
		c.Temperature = DefaultTemperature
	case c.Temperature < 0:
		c.Temperature = 0
	}
	switch {
	case c.MaxFixes == 0:
		c.MaxFixes = 1
	case c.MaxFixes < 0:
		c.MaxFixes = 0
	}
	if c.MaxTokens < 0 {
		c.MaxTokens = 0
	}
	return c, nil
}
