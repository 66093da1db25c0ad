package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/translate"
	"github.com/sangbad/sangbad/web"
)

// newTranslator builds the translator; nil when no LLM backend is configured.
func (c *core) newTranslator() (*translate.Translator, error) {
	if c.llm == nil {
		return nil, nil
	}
	opts := []translate.Option{
		translate.WithLogger(c.log),
		translate.WithRepairRounds(c.cfg.LLM.RepairRounds),
		translate.WithChunkTokens(c.cfg.LLM.ContextTokens / 4),
	}
	if c.cfg.Analysis.GlossaryFile != "" {
		g, err := translate.LoadGlossary(c.cfg.Analysis.GlossaryFile)
		if err != nil {
			return nil, fmt.Errorf("glossary: %w", err)
		}
		opts = append(opts, translate.WithGlossary(g))
	}
	return translate.New(c.llm, c.extractor, c.verifier, c.detector, opts...), nil
}

// webTranslator adapts the translator to the web API; nil without a backend.
func (c *core) webTranslator() (web.Translator, error) {
	t, err := c.newTranslator()
	if err != nil || t == nil {
		return nil, err
	}
	return webTranslate{t}, nil
}

type webTranslate struct{ t *translate.Translator }

func (w webTranslate) Translate(ctx context.Context, req web.TranslateRequest) (web.TranslateResult, error) {
	res, err := w.t.Translate(ctx, translate.Request{Text: req.Text, Source: req.Source, Target: req.Target, Glossary: req.Glossary})
	if err != nil {
		return web.TranslateResult{}, err
	}
	issues := res.Issues
	if issues == nil {
		issues = []sangbad.Issue{}
	}
	usage := res.Usage
	return web.TranslateResult{
		Translation: res.Translation, Source: res.Source, Target: res.Target,
		Verified: res.Verified, Issues: issues, Usage: &usage, Model: res.Model, PromptVersion: res.PromptVersion,
	}, nil
}

func runTranslate(ctx context.Context, e *env, args []string) error {
	f := newFlags("translate", e, "translate --to LANG [--from LANG] [--glossary FILE] [--format text|json] FILE|-")
	to := f.fs.String("to", "", "target language, ISO 639-1 (e.g. bn, en) (required)")
	from := f.fs.String("from", "", "source language (default: detected)")
	published := f.fs.String("published", "", "publication date `YYYY-MM-DD` for checking relative dates")
	format := f.fs.String("format", "text", "output: text (the translation, issues on stderr) or json")
	bnDigits := f.fs.Bool("bengali-digits", false, "Bengali digits in a Bengali translation")
	f.stringSetting("glossary", "glossary file: TSV \"TikTok<TAB>টিকটক\" or JSON (env SANGBAD_GLOSSARY)", func(c *Config) *string { return &c.Analysis.GlossaryFile })
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *to == "" {
		return usageError("translate needs --to LANG (e.g. --to bn)")
	}
	name, err := oneInput("translate", pos)
	if err != nil {
		return err
	}
	cfg, c, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer c.Close()
	text, err := readArticle(e, name, cfg.Analysis.MaxChars)
	if err != nil {
		return err
	}
	t, err := c.newTranslator()
	if err != nil {
		return err
	}
	if t == nil {
		return &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_not_configured", Message: "translation needs an LLM backend: " + llmHint}
	}
	res, err := t.Translate(ctx, translate.Request{Text: text, Source: *from, Target: strings.ToLower(*to), Published: *published, BengaliDigits: *bnDigits})
	if err != nil {
		return fmt.Errorf("translate %s: %w", orDash(name), err)
	}
	if *format == "json" {
		if err := writeJSON(e.stdout, res); err != nil {
			return err
		}
	} else {
		if _, err := fmt.Fprintln(e.stdout, res.Translation); err != nil {
			return err
		}
		status := "verified"
		if !res.Verified {
			status = fmt.Sprintf("NOT verified: %d issue(s)", len(res.Issues))
		}
		fmt.Fprintf(e.stderr, "%s -> %s, %d chunk(s), %d tokens, %s\n", res.Source, res.Target, res.Chunks, res.Usage.TotalTokens, status)
		for _, is := range res.Issues {
			fmt.Fprintf(e.stderr, "  ! %s %q: %s\n", is.Kind, is.Text, is.Message)
		}
	}
	if !res.Verified {
		return errNotVerified{len(res.Issues)}
	}
	return nil
}
