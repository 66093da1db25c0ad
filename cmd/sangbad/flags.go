package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"
)

// cmdFlags is a subcommand's flag set. Flags bound to Config settings
// override the file and the environment only when given.
type cmdFlags struct {
	fs      *flag.FlagSet
	config  string
	setters map[string]func(*Config)
}

func newFlags(name string, e *env, summary string) *cmdFlags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	c := &cmdFlags{fs: fs, setters: map[string]func(*Config){}}
	fs.StringVar(&c.config, "config", "", "YAML config file (default $SANGBAD_CONFIG)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: sangbad %s\n\nFlags:\n", summary)
		fs.PrintDefaults()
	}
	return c
}

// parse parses flags and positional arguments in any order.
func (c *cmdFlags) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := c.fs.Parse(args); err != nil {
			return nil, err
		}
		rest := c.fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// load returns the configuration with the given flags applied on top.
func (c *cmdFlags) load(e *env) (Config, error) {
	cfg, err := loadConfig(c.config, e.getenv)
	if err != nil {
		return cfg, err
	}
	c.fs.Visit(func(f *flag.Flag) {
		if set, ok := c.setters[f.Name]; ok {
			set(&cfg)
		}
	})
	return cfg, nil
}

func (c *cmdFlags) stringSetting(name, usage string, field func(*Config) *string) {
	v := c.fs.String(name, *field(ptrDefault()), usage)
	c.setters[name] = func(cfg *Config) { *field(cfg) = *v }
}

func (c *cmdFlags) intSetting(name, usage string, field func(*Config) *int) {
	v := c.fs.Int(name, *field(ptrDefault()), usage)
	c.setters[name] = func(cfg *Config) { *field(cfg) = *v }
}

func (c *cmdFlags) durationSetting(name, usage string, field func(*Config) *time.Duration) {
	v := c.fs.Duration(name, *field(ptrDefault()), usage)
	c.setters[name] = func(cfg *Config) { *field(cfg) = *v }
}

func ptrDefault() *Config {
	d := defaultConfig()
	return &d
}

// llmFlags adds the LLM backend flags every LLM-using command shares.
func (c *cmdFlags) llmFlags() {
	c.stringSetting("llm-url", "OpenAI-compatible base URL (env OPENAI_BASE_URL)", func(c *Config) *string { return &c.LLM.BaseURL })
	c.stringSetting("llm-model", "model name (env SANGBAD_LLM_MODEL)", func(c *Config) *string { return &c.LLM.Model })
	c.durationSetting("llm-timeout", "timeout of one LLM attempt", func(c *Config) *time.Duration { return &c.LLM.Timeout })
	c.intSetting("llm-max-concurrent", "maximum concurrent LLM calls", func(c *Config) *int { return &c.LLM.MaxConcurrent })
}

// input opens the named file, or stdin for "-" or no name.
func input(e *env, name string) (io.ReadCloser, string, error) {
	if name == "" || name == "-" {
		return io.NopCloser(e.stdin), "stdin", nil
	}
	f, err := openFile(name)
	if err != nil {
		return nil, name, err
	}
	return f, name, nil
}

// oneInput returns the single FILE argument of a command ("" means stdin).
func oneInput(cmd string, pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", usageError(cmd + " takes one FILE (or - for stdin)")
}

// open loads the settings with the flags applied and builds the core, the
// common start of every command. The caller closes the core.
func (c *cmdFlags) open(ctx context.Context, e *env) (Config, *core, error) {
	cfg, err := c.load(e)
	if err != nil {
		return cfg, nil, err
	}
	co, err := newCore(ctx, cfg, newLogger(cfg.Log, e.stderr))
	return cfg, co, err
}
