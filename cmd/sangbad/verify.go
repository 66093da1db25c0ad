package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/verify"
)

// errNotVerified makes `sangbad verify` exit non-zero when issues were found,
// so scripts can gate publication on it.
type errNotVerified struct{ n int }

func (e errNotVerified) Error() string { return fmt.Sprintf("not verified: %d issue(s)", e.n) }

func runVerify(ctx context.Context, e *env, args []string) error {
	f := newFlags("verify", e, "verify --source FILE [--published YYYY-MM-DD] [--language bn] [--format text|json] TEXTFILE|-")
	source := f.fs.String("source", "", "the source article `FILE` (required)")
	published := f.fs.String("published", "", "publication date `YYYY-MM-DD` of the source (default: its dateline)")
	language := f.fs.String("language", "", "expected language of the text (ISO 639-1); empty skips the check")
	format := f.fs.String("format", "text", "output format: text|json")
	pos, err := f.parse(args)
	if err != nil {
		return err
	}
	if *source == "" {
		return usageError("verify needs --source FILE")
	}
	name, err := oneInput("verify", pos)
	if err != nil {
		return err
	}
	cfg, c, err := f.open(ctx, e)
	if err != nil {
		return err
	}
	defer c.Close()
	pub, err := sangbad.ParseDate("--published", *published)
	if err != nil {
		return err
	}
	src, err := readArticle(e, *source, cfg.Analysis.MaxChars)
	if err != nil {
		return err
	}
	text, err := readArticle(e, name, cfg.Analysis.MaxChars)
	if err != nil {
		return err
	}
	res, err := c.verifier.Verify(ctx, verify.Request{Source: src, Text: text, Published: pub, Language: *language})
	if err != nil {
		return fmt.Errorf("verify %s against %s: %w", orDash(name), filepath.Base(*source), err)
	}
	if res.Issues == nil {
		res.Issues = []sangbad.Issue{}
	}
	if *format == "json" {
		err = writeJSON(e.stdout, res)
	} else {
		err = verify.Format(e.stdout, res)
	}
	if err != nil {
		return err
	}
	if !res.Verified {
		return errNotVerified{len(res.Issues)}
	}
	return nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
