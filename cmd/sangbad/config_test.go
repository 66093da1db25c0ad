package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestExampleConfigMatchesDefaults(t *testing.T) {
	cfg, err := loadConfig(filepath.Join("..", "..", "sangbad.example.yaml"), func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	want := defaultConfig()
	want.LLM.APIType = "openai" // documented explicitly in the example
	if diff := cmp.Diff(want, cfg, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("sangbad.example.yaml differs from the defaults (-want +got):\n%s", diff)
	}
}

func TestConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte("server:\n  addr: 127.0.0.1:9000\nllm:\n  timeout: 5s\n  model: file-model\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{"SANGBAD_LLM_MODEL": "env-model", "SANGBAD_LLM_MODEL_SUMMARY": "sum-model", "OPENAI_BASE_URL": "http://127.0.0.1:1/v1"}
	e := &env{getenv: func(k string) string { return vars[k] }, stderr: io.Discard}
	f := newFlags("x", e, "x")
	f.stringSetting("addr", "", func(c *Config) *string { return &c.Server.Addr })
	f.stringSetting("llm-model", "", func(c *Config) *string { return &c.LLM.Model })
	if _, err := f.parse([]string{"--config", path, "--llm-model", "flag-model"}); err != nil {
		t.Fatal(err)
	}
	cfg, err := f.load(e)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"file sets addr", cfg.Server.Addr, "127.0.0.1:9000"},
		{"file sets timeout", cfg.LLM.Timeout, 5 * time.Second},
		{"flag beats env and file", cfg.LLM.Model, "flag-model"},
		{"env per-task model", cfg.LLM.Models["summary"], "sum-model"},
		{"env base url", cfg.LLM.BaseURL, "http://127.0.0.1:1/v1"},
		{"default kept", cfg.Analysis.MaxChars, 200000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("server:\n  adress: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := loadConfig(bad, func(string) string { return "" }); err == nil {
		t.Error("unknown field in config file: no error")
	}
	if _, err := loadConfig("", func(k string) string {
		if k == "SANGBAD_LLM_TIMEOUT" {
			return "soon"
		}
		return ""
	}); err == nil {
		t.Error("bad duration in environment: no error")
	}
}
