// Package eval scores the analysis pipeline on labelled JSONL files (the
// formats of shared/eval/README.md): fact extraction against hand-labelled
// facts (precision, recall and F1 per kind, micro-averaged), extractive
// summaries against human summaries (ROUGE-1/2/L with Unicode-aware
// tokens, against a lead baseline of the same length) and actor mentions
// against gold named entities. It is the logic of `sangbad eval`; it runs
// the real pipeline through the small interfaces below.
//
// Method notes. Facts: amounts match on value (±0.5%) and currency, dates
// on the ISO string, actors when a gold name equals the predicted name or a
// mention (case-folded, Bengali case suffixes stripped); predicted values
// are deduplicated; a second predicted actor for one gold actor is a false
// positive (not merged); also_ok names are ignored; quotes are the direct
// quotations (what the gold lists), matched by speaker. Summaries: ROUGE F1
// on segment.Tokens (lower-cased, no stemming), ROUGE-L over the whole
// token sequence; the extractive summary and the lead baseline both take
// sentences until the word count is closest to the human summary's
// (summarize.Budget{Min: 1, Words: n}); scores are averaged over articles.
package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/summarize"
)

// Analyzer runs the analysis pipeline (summarize.Pipeline satisfies it).
type Analyzer interface {
	Analyze(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, error)
}

// Summarizer makes an extractive summary and the lead baseline within a
// budget, so both can match a reference summary's length
// (summarize.Pipeline satisfies it).
type Summarizer interface {
	SummarizeBudget(ctx context.Context, a sangbad.Article, b summarize.Budget) (summary, lead sangbad.Summary, err error)
}

// Config says what to evaluate and how to report it.
type Config struct {
	// Paths are JSONL files or directories (every *.jsonl inside). The kind
	// of each file (facts, summaries, ner) is read from its first record.
	Paths    []string
	Analyzer Analyzer
	// Summarizer is optional: without it summaries are scored at the
	// standard length only, with no lead baseline.
	Summarizer Summarizer
	// JSON writes the report as JSON instead of text tables.
	JSON bool
	// Limit caps the records read from each file (0: all).
	Limit int
	Log   *slog.Logger
}

// Report is the result of Run.
type Report struct {
	Facts     []*FactsReport   `json:"facts,omitempty"`
	Summaries []*SummaryReport `json:"summaries,omitempty"`
	NER       []*NERReport     `json:"ner,omitempty"`
	// Took is the wall time in seconds.
	Took float64 `json:"took_s"`
}

// Run evaluates every file of cfg and writes the report to w.
func Run(ctx context.Context, cfg Config, w io.Writer) (Report, error) {
	start := time.Now()
	var rep Report
	if cfg.Analyzer == nil {
		return rep, sangbad.Errorf(sangbad.Invalid, "eval needs an analyzer")
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	files, err := expand(cfg.Paths)
	if err != nil {
		return rep, err
	}
	if len(files) == 0 {
		return rep, sangbad.Errorf(sangbad.Invalid, "no .jsonl files to evaluate in %s", strings.Join(cfg.Paths, ", "))
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		kind, err := fileKind(f)
		if err != nil {
			return rep, err
		}
		name := filepath.Base(f)
		log.Info("evaluating", "file", f, "kind", kind)
		switch kind {
		case "facts":
			recs, err := readJSONL[factsRecord](f, cfg.Limit)
			if err != nil {
				return rep, err
			}
			r, err := runFacts(ctx, cfg.Analyzer, name, recs)
			if err != nil {
				return rep, fmt.Errorf("%s: %w", f, err)
			}
			rep.Facts = append(rep.Facts, r)
		case "summaries":
			recs, err := readJSONL[summaryRecord](f, cfg.Limit)
			if err != nil {
				return rep, err
			}
			r, err := runSummaries(ctx, cfg.Analyzer, cfg.Summarizer, name, recs)
			if err != nil {
				return rep, fmt.Errorf("%s: %w", f, err)
			}
			rep.Summaries = append(rep.Summaries, r)
		case "ner":
			recs, err := readJSONL[nerRecord](f, cfg.Limit)
			if err != nil {
				return rep, err
			}
			r, err := runNER(ctx, cfg.Analyzer, name, recs)
			if err != nil {
				return rep, fmt.Errorf("%s: %w", f, err)
			}
			rep.NER = append(rep.NER, r)
		default:
			log.Warn("skipping file of unknown format", "file", f)
		}
	}
	rep.Took = time.Since(start).Seconds()
	if cfg.JSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return rep, enc.Encode(rep)
	}
	return rep, WriteText(w, rep)
}

// expand turns files and directories into a sorted list of .jsonl files.
func expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, sangbad.WrapError(sangbad.NotFound, err, fmt.Sprintf("cannot read %s", p))
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		m, err := filepath.Glob(filepath.Join(p, "*.jsonl"))
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", p, err)
		}
		sort.Strings(m)
		out = append(out, m...)
	}
	return out, nil
}

// fileKind reads the first record of f and names its format.
func fileKind(f string) (string, error) {
	fh, err := os.Open(f)
	if err != nil {
		return "", sangbad.WrapError(sangbad.NotFound, err, fmt.Sprintf("cannot read %s", f))
	}
	defer fh.Close()
	br := bufio.NewReader(fh)
	line, err := br.ReadBytes('\n')
	if err != nil && err != io.EOF {
		return "", fmt.Errorf("read %s: %w", f, err)
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(line, &keys); err != nil {
		return "", sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("%s: first line is not a JSON object", f))
	}
	switch {
	case keys["gold"] != nil:
		return "facts", nil
	case keys["entities"] != nil:
		return "ner", nil
	case keys["summary"] != nil:
		return "summaries", nil
	}
	return "", nil
}

func readJSONL[T any](f string, limit int) ([]T, error) {
	fh, err := os.Open(f)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.NotFound, err, fmt.Sprintf("cannot read %s", f))
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 1<<16), 64<<20)
	var out []T
	line := 0
	for sc.Scan() {
		line++
		if len(strings.TrimSpace(sc.Text())) == 0 {
			continue
		}
		var r T
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("%s:%d: not a valid record", f, line))
		}
		out = append(out, r)
		if limit > 0 && len(out) >= limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", f, err)
	}
	return out, nil
}

// WriteText writes rep as plain-text tables (scores in percent).
func WriteText(w io.Writer, rep Report) error {
	var b strings.Builder
	pct := func(x float64) string { return fmt.Sprintf("%.1f", 100*x) }
	const prfLine = "  %-18s %6s %6s %6s %6s %6s %6s\n"
	prfRow := func(name string, p PRF) {
		if p.TP+p.FP+p.FN == 0 {
			fmt.Fprintf(&b, prfLine, name, "-", "-", "-", "0", "0", "0")
			return
		}
		prec, f1 := pct(p.Precision), pct(p.F1)
		if p.NoPrecision {
			prec, f1 = "n/a", "n/a"
		}
		fmt.Fprintf(&b, prfLine, name, prec, pct(p.Recall), f1, fmt.Sprint(p.TP), fmt.Sprint(p.FP), fmt.Sprint(p.FN))
	}
	for _, f := range rep.Facts {
		fmt.Fprintf(&b, "FACTS %s (%d articles)\n", f.File, f.Articles)
		fmt.Fprintf(&b, prfLine, "kind", "P", "R", "F1", "tp", "fp", "fn")
		for _, k := range factKinds {
			prfRow(k, f.Kinds[k])
		}
		prfRow("micro", f.Micro)
		if a := f.Kinds["actors"]; a.TP > 0 {
			fmt.Fprintf(&b, "  actor types right: %d of %d matched actors\n", f.ActorTypesRight, a.TP)
		}
		b.WriteString("\n")
	}
	const rougeLine = "  %-20s %6s %6s %6s %6s\n"
	for _, s := range rep.Summaries {
		fmt.Fprintf(&b, "SUMMARIES %s (%d articles, %s; reference summaries %.0f words on average)\n", s.File, s.Articles, s.Language, s.ReferenceWords)
		fmt.Fprintf(&b, rougeLine, "system (ROUGE F1)", "words", "R1", "R2", "RL")
		for _, r := range s.Rows {
			fmt.Fprintf(&b, rougeLine, r.System, fmt.Sprintf("%.0f", r.Words), pct(r.Rouge.R1.F1), pct(r.Rouge.R2.F1), pct(r.Rouge.RL.F1))
		}
		if len(s.Rows) > 1 {
			fmt.Fprintf(&b, "  extractive beats lead on R1 in %d of %d articles (%d ties)\n", s.Wins, s.Articles, s.Ties)
		}
		b.WriteString("\n")
	}
	for _, n := range rep.NER {
		fmt.Fprintf(&b, "NER %s (%d sentences; actors vs PERSON/ORG/GPE)\n", n.File, n.Sentences)
		fmt.Fprintf(&b, prfLine, "match type", "P", "R", "F1", "tp", "fp", "fn")
		for _, m := range []struct {
			name string
			acc  map[string]PRF
		}{{"exact", n.Exact}, {"overlap", n.Overlap}} {
			for _, t := range []string{"PERSON", "ORG", "GPE", "micro"} {
				prfRow(m.name+" "+t, m.acc[t])
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "took %.1fs\n", rep.Took)
	_, err := io.WriteString(w, b.String())
	return err
}
