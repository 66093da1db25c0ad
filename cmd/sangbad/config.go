package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Config is every setting of Sangbad. Precedence: flags > environment
// (SANGBAD_*, OPENAI_API_KEY, OPENAI_BASE_URL) > config file (--config or
// SANGBAD_CONFIG, YAML) > defaults. The defaults run on one machine with
// nothing else installed. sangbad.example.yaml documents each field.
type Config struct {
	Server   ServerConfig   `yaml:"server"`
	LLM      LLMConfig      `yaml:"llm"`
	Analysis AnalysisConfig `yaml:"analysis"`
	Queue    QueueConfig    `yaml:"queue"`
	Log      LogConfig      `yaml:"log"`
}

// ServerConfig configures `sangbad serve`.
type ServerConfig struct {
	Addr            string        `yaml:"addr"`
	MaxBodyBytes    int64         `yaml:"max_body_bytes"`
	RequestTimeout  time.Duration `yaml:"request_timeout"`
	ReadTimeout     time.Duration `yaml:"read_timeout"`
	WriteTimeout    time.Duration `yaml:"write_timeout"`
	ShutdownTimeout time.Duration `yaml:"shutdown_timeout"`
	MaxInFlight     int           `yaml:"max_in_flight"`
	CORSOrigins     []string      `yaml:"cors_origins"`
	// APIKeysFile holds one key or SHA-256 key hash ("sha256:<hex>") a line.
	APIKeysFile string `yaml:"api_keys_file"`
	// APIKeys are SHA-256 hashes ("sha256:<hex>") or plain keys.
	APIKeys []string `yaml:"api_keys"`
	// Auth is "auto" (required when listening beyond loopback), "on" or "off".
	Auth string `yaml:"auth"`
	// RateLimit is requests per second per key (0 = unlimited), Burst its bucket.
	RateLimit   float64 `yaml:"rate_limit"`
	RateBurst   int     `yaml:"rate_burst"`
	KeyInFlight int     `yaml:"key_in_flight"`
}

// LLMConfig configures the OpenAI-compatible backend.
type LLMConfig struct {
	BaseURL         string            `yaml:"base_url"`
	APIKey          string            `yaml:"api_key"`
	APIType         string            `yaml:"api_type"`
	AzureAPIVersion string            `yaml:"azure_api_version"`
	Model           string            `yaml:"model"`
	Models          map[string]string `yaml:"models"`
	Timeout         time.Duration     `yaml:"timeout"`
	MaxRetries      int               `yaml:"max_retries"`
	MaxConcurrent   int               `yaml:"max_concurrent"`
	OutputMode      string            `yaml:"output_mode"`
	CacheSize       int               `yaml:"cache_size"`
	CacheTTL        time.Duration     `yaml:"cache_ttl"`
	RepairRounds    int               `yaml:"repair_rounds"`
	ContextTokens   int               `yaml:"context_tokens"`
}

// AnalysisConfig configures the pipeline.
type AnalysisConfig struct {
	MaxChars      int    `yaml:"max_chars"`
	DefaultLength string `yaml:"default_length"`
	GlossaryFile  string `yaml:"glossary_file"`
}

// QueueConfig configures NATS JetStream.
type QueueConfig struct {
	// NATSURL of an external cluster; empty means the embedded server.
	NATSURL     string        `yaml:"nats_url"`
	DataDir     string        `yaml:"data_dir"`
	Embedded    bool          `yaml:"embedded"`
	MaxDeliver  int           `yaml:"max_deliver"`
	AckWait     time.Duration `yaml:"ack_wait"`
	Concurrency int           `yaml:"concurrency"`
	// Replicas of streams and buckets on a NATS cluster (3 on three nodes).
	Replicas int `yaml:"replicas"`
	// Listen makes the embedded server accept other machines' workers
	// ("0.0.0.0:4222"); empty keeps it in-process only.
	Listen string `yaml:"listen"`
}

// LogConfig configures log/slog.
type LogConfig struct {
	Level  string `yaml:"level"`
	Format string `yaml:"format"` // json | text
}

func defaultConfig() Config {
	return Config{
		Server: ServerConfig{
			Addr:            "127.0.0.1:8080",
			MaxBodyBytes:    4 << 20,
			RequestTimeout:  120 * time.Second,
			ReadTimeout:     30 * time.Second,
			WriteTimeout:    180 * time.Second,
			ShutdownTimeout: 30 * time.Second,
			MaxInFlight:     512,
			Auth:            "auto",
			RateBurst:       20,
		},
		LLM: LLMConfig{
			Model:         "gpt-4o-mini",
			Timeout:       60 * time.Second,
			MaxRetries:    3,
			MaxConcurrent: 16,
			OutputMode:    "auto",
			CacheSize:     1024,
			CacheTTL:      24 * time.Hour,
			RepairRounds:  1,
			ContextTokens: 8192,
		},
		Analysis: AnalysisConfig{MaxChars: 200000, DefaultLength: "standard"},
		Queue:    QueueConfig{DataDir: "data", Embedded: true, MaxDeliver: 5, AckWait: 2 * time.Minute, Concurrency: 8, Replicas: 1},
		Log:      LogConfig{Level: "info", Format: "json"},
	}
}

// loadConfig builds the configuration from defaults, the file (if any) and
// the environment. Flags are applied by each subcommand afterwards.
func loadConfig(path string, getenv func(string) string) (Config, error) {
	cfg := defaultConfig()
	if path == "" {
		path = getenv("SANGBAD_CONFIG")
	}
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return cfg, fmt.Errorf("read config: %w", err)
		}
		dec := yaml.NewDecoder(strings.NewReader(string(b)))
		dec.KnownFields(true)
		if err := dec.Decode(&cfg); err != nil && !errors.Is(err, io.EOF) {
			return cfg, fmt.Errorf("config %s: %w", path, err)
		}
	}
	if err := applyEnv(&cfg, getenv); err != nil {
		return cfg, err
	}
	return cfg, nil
}

// envVar binds one environment variable to a setting.
type envVar struct {
	name string
	set  func(c *Config, v string) error
	doc  string
}

func str(p func(c *Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *p(c) = v; return nil }
}

func num(p func(c *Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return err
		}
		*p(c) = n
		return nil
	}
}

func dur(p func(c *Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := time.ParseDuration(v)
		if err != nil {
			return err
		}
		*p(c) = d
		return nil
	}
}

func list(p func(c *Config) *[]string) func(*Config, string) error {
	return func(c *Config, v string) error {
		var out []string
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
		*p(c) = out
		return nil
	}
}

// envVars lists every environment variable Sangbad reads.
var envVars = []envVar{
	{"SANGBAD_ADDR", str(func(c *Config) *string { return &c.Server.Addr }), "listen address of serve"},
	{"SANGBAD_MAX_BODY_BYTES", func(c *Config, v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		c.Server.MaxBodyBytes = n
		return err
	}, "maximum request body in bytes"},
	{"SANGBAD_REQUEST_TIMEOUT", dur(func(c *Config) *time.Duration { return &c.Server.RequestTimeout }), "per-request deadline"},
	{"SANGBAD_MAX_IN_FLIGHT", num(func(c *Config) *int { return &c.Server.MaxInFlight }), "maximum concurrent requests"},
	{"SANGBAD_CORS_ORIGINS", list(func(c *Config) *[]string { return &c.Server.CORSOrigins }), "comma-separated allowed origins"},
	{"SANGBAD_API_KEYS_FILE", str(func(c *Config) *string { return &c.Server.APIKeysFile }), "file of API keys or sha256 hashes"},
	{"SANGBAD_API_KEYS", list(func(c *Config) *[]string { return &c.Server.APIKeys }), "comma-separated API keys or sha256 hashes"},
	{"SANGBAD_AUTH", str(func(c *Config) *string { return &c.Server.Auth }), "auto|on|off"},
	{"SANGBAD_RATE_LIMIT", func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		c.Server.RateLimit = f
		return err
	}, "requests per second per key"},
	{"OPENAI_BASE_URL", str(func(c *Config) *string { return &c.LLM.BaseURL }), "OpenAI-compatible base URL (e.g. http://localhost:11434/v1)"},
	{"OPENAI_API_KEY", str(func(c *Config) *string { return &c.LLM.APIKey }), "API key of the LLM backend"},
	{"SANGBAD_LLM_API_TYPE", str(func(c *Config) *string { return &c.LLM.APIType }), "openai|azure"},
	{"AZURE_OPENAI_API_VERSION", str(func(c *Config) *string { return &c.LLM.AzureAPIVersion }), "Azure OpenAI API version"},
	{"SANGBAD_LLM_MODEL", str(func(c *Config) *string { return &c.LLM.Model }), "default model"},
	{"SANGBAD_LLM_TIMEOUT", dur(func(c *Config) *time.Duration { return &c.LLM.Timeout }), "timeout of one LLM attempt"},
	{"SANGBAD_LLM_MAX_RETRIES", num(func(c *Config) *int { return &c.LLM.MaxRetries }), "retries on 429/5xx/timeouts"},
	{"SANGBAD_LLM_MAX_CONCURRENT", num(func(c *Config) *int { return &c.LLM.MaxConcurrent }), "maximum concurrent LLM calls"},
	{"SANGBAD_LLM_OUTPUT_MODE", str(func(c *Config) *string { return &c.LLM.OutputMode }), "auto|json_schema|json_object|text"},
	{"SANGBAD_LLM_CONTEXT_TOKENS", num(func(c *Config) *int { return &c.LLM.ContextTokens }), "model context budget for chunking"},
	{"SANGBAD_MAX_CHARS", num(func(c *Config) *int { return &c.Analysis.MaxChars }), "maximum article length in characters"},
	{"SANGBAD_GLOSSARY", str(func(c *Config) *string { return &c.Analysis.GlossaryFile }), "translation glossary file"},
	{"SANGBAD_NATS_URL", str(func(c *Config) *string { return &c.Queue.NATSURL }), "external NATS URL (empty: embedded)"},
	{"SANGBAD_NATS_LISTEN", str(func(c *Config) *string { return &c.Queue.Listen }), "address the embedded NATS server listens on for remote workers"},
	{"SANGBAD_DATA_DIR", str(func(c *Config) *string { return &c.Queue.DataDir }), "data folder of the embedded JetStream"},
	{"SANGBAD_LOG_LEVEL", str(func(c *Config) *string { return &c.Log.Level }), "debug|info|warn|error"},
	{"SANGBAD_LOG_FORMAT", str(func(c *Config) *string { return &c.Log.Format }), "json|text"},
}

func applyEnv(c *Config, getenv func(string) string) error {
	for _, ev := range envVars {
		v := getenv(ev.name)
		if v == "" {
			continue
		}
		if err := ev.set(c, v); err != nil {
			return fmt.Errorf("environment %s=%q: %w", ev.name, v, err)
		}
	}
	// per-task models: SANGBAD_LLM_MODEL_SUMMARY etc.
	for _, task := range []string{"summary", "facts", "translate", "repair"} {
		if v := getenv("SANGBAD_LLM_MODEL_" + strings.ToUpper(task)); v != "" {
			if c.LLM.Models == nil {
				c.LLM.Models = map[string]string{}
			}
			c.LLM.Models[task] = v
		}
	}
	return nil
}
