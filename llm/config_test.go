package llm

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sangbad/sangbad"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr bool
	}{
		{"empty", nil, Config{}, false},
		{"ollama", map[string]string{
			"OPENAI_BASE_URL": "http://localhost:11434/v1", "SANGBAD_LLM_MODEL": "qwen2.5:7b",
			"SANGBAD_LLM_MODEL_TRANSLATE": "aya:8b", "SANGBAD_LLM_TIMEOUT": "90",
			"SANGBAD_LLM_MAX_CONCURRENT": "2", "SANGBAD_LLM_OUTPUT_MODE": "JSON_OBJECT",
		}, Config{
			BaseURL: "http://localhost:11434/v1", Model: "qwen2.5:7b", Models: map[string]string{"translate": "aya:8b"},
			Timeout: 90 * time.Second, MaxConcurrent: 2, OutputMode: "json_object",
		}, false},
		{"azure", map[string]string{
			"OPENAI_API_KEY": "k", "OPENAI_BASE_URL": "https://x.openai.azure.com", "SANGBAD_LLM_API_TYPE": "azure",
			"AZURE_OPENAI_API_VERSION": "2024-08-01-preview", "SANGBAD_LLM_MODEL": "gpt4o-deploy",
			"SANGBAD_LLM_TIMEOUT": "1m30s", "SANGBAD_LLM_MAX_RETRIES": "0", "SANGBAD_LLM_TEMPERATURE": "0",
			"SANGBAD_LLM_MAX_TOKENS": "800",
		}, Config{
			APIKey: "k", BaseURL: "https://x.openai.azure.com", APIType: "azure", AzureAPIVersion: "2024-08-01-preview",
			Model: "gpt4o-deploy", Timeout: 90 * time.Second, MaxRetries: -1, Temperature: -1, MaxTokens: 800,
		}, false},
		{"bad timeout", map[string]string{"SANGBAD_LLM_TIMEOUT": "soon"}, Config{}, true},
		{"bad concurrency", map[string]string{"SANGBAD_LLM_MAX_CONCURRENT": "-3"}, Config{}, true},
		{"bad temperature", map[string]string{"SANGBAD_LLM_TEMPERATURE": "hot"}, Config{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ConfigFromEnv(env(tt.env))
			_, err := New(got)
			if tt.wantErr {
				if sangbad.ErrorKind(err) != sangbad.Invalid {
					t.Fatalf("New error = %v, want kind Invalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreUnexported(Config{})); diff != "" {
				t.Errorf("ConfigFromEnv mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestConfigured(t *testing.T) {
	tests := []struct {
		cfg  Config
		want bool
	}{
		{Config{}, false},
		{Config{Model: "x"}, false},
		{Config{APIKey: "sk"}, true},
		{Config{BaseURL: "http://localhost:8080/v1"}, true},
	}
	for _, tt := range tests {
		if got := tt.cfg.Configured(); got != tt.want {
			t.Errorf("%+v.Configured() = %v, want %v", tt.cfg, got, tt.want)
		}
	}
}

func TestModelFor(t *testing.T) {
	c := Config{Model: "base", Models: map[string]string{TaskTranslate: "tr"}}
	for task, want := range map[string]string{TaskSummary: "base", TaskTranslate: "tr", "": "base"} {
		if got := c.ModelFor(task); got != want {
			t.Errorf("ModelFor(%q) = %q, want %q", task, got, want)
		}
	}
	if got := (Config{}).ModelFor(TaskFacts); got != DefaultModel {
		t.Errorf("default model = %q", got)
	}
}

func TestInvalidConfig(t *testing.T) {
	for _, cfg := range []Config{{APIType: "bedrock"}, {OutputMode: "xml"}} {
		if _, err := New(cfg); sangbad.ErrorKind(err) != sangbad.Invalid {
			t.Errorf("New(%+v) error = %v, want kind Invalid", cfg, err)
		}
	}
}
