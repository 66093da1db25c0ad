package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/batch/feed"
)

func runAnalyze(ctx context.Context, e *env, args []string) error {
	f := newFlags("analyze", e, "analyze [FILE|-] [--published YYYY-MM-DD] [--format json|text] [flags]")
	published := f.fs.String("published", "", "publication date `YYYY-MM-DD` for relative dates (default: the dateline, else unresolved)")
	format := f.fs.String("format", "json", "output format: json|text")
	title := f.fs.String("title", "", "article headline")
	languages := f.fs.String("languages", "", "summary languages, comma-separated, e.g. en,bn (default: the article's language)")
	length := f.fs.String("length", "", "summary length: headline|short|standard|bullets")
	bnDigits := f.fs.Bool("bengali-digits", false, "write numbers in Bengali summaries with Bengali digits")
	offline := f.fs.Bool("offline", false, "never call the LLM backend, even when configured")
	f.intSetting("max-chars", "maximum article length in characters", func(c *Config) *int { return &c.Analysis.MaxChars })
	f.llmFlags()
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	name, err := oneInput("analyze", pos)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "text" {
		return usageError(fmt.Sprintf("--format must be json or text, got %q", *format))
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
	opts := sangbad.Options{Length: *length, BengaliDigits: *bnDigits}
	if *languages != "" {
		opts.Languages = splitList(*languages)
	}
	if *offline {
		opts.LLM = "off"
	}
	a, err := c.pipeline.Analyze(ctx, sangbad.Article{ID: name, Title: *title, Text: text, Published: *published}, opts)
	if err != nil {
		return fmt.Errorf("analyze %s: %w", orDash(name), err)
	}
	if *format == "text" {
		return writeText(e.stdout, a)
	}
	return writeJSON(e.stdout, a)
}

// readArticle reads a whole article from a file or stdin, refusing inputs
// far beyond the character limit before reading them whole. HTML files are
// reduced to their visible text.
func readArticle(e *env, name string, maxChars int) (string, error) {
	r, label, err := input(e, name)
	if err != nil {
		return "", err
	}
	defer r.Close()
	limit := int64(maxChars)*4 + 1 // a code point is at most 4 bytes
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", label, err)
	}
	if int64(len(b)) > limit {
		return "", sangbad.Errorf(sangbad.TooLarge, "%s is larger than the %d-character limit (--max-chars)", label, maxChars)
	}
	text := string(b)
	if isHTML(name, text) {
		text = feed.HTMLText(text)
	}
	return text, nil
}

func isHTML(name, text string) bool {
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") {
		return true
	}
	t := strings.ToLower(strings.TrimSpace(text[:min(len(text), 512)]))
	return strings.HasPrefix(t, "<!doctype html") || strings.HasPrefix(t, "<html")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
