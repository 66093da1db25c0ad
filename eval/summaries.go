package eval

import (
	"context"
	"fmt"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/summarize"
)

// summaryRecord is one line of summ_bn.jsonl / summ_en.jsonl.
type summaryRecord struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Text    string `json:"text"`
	Summary string `json:"summary"`
	Lang    string `json:"lang"`
}

// SummaryReport scores summaries of one file against its human summaries.
// Matched rows choose as many sentences as bring the word count closest
// to the reference's (summarize.Budget{Min: 1, Words: reference words}),
// for the extractive summarizer and the lead baseline alike.
type SummaryReport struct {
	File     string `json:"file"`
	Language string `json:"language"`
	Articles int    `json:"articles"`
	// ReferenceWords is the mean length of the human summaries.
	ReferenceWords float64 `json:"reference_words"`
	// Rows: "lead" and "extractive" at the matched length, and
	// "extractive-standard" (what users get by default).
	Rows []SummaryRow `json:"rows"`
	// Wins counts articles where the matched extractive summary has a
	// higher ROUGE-1 F1 than the lead baseline; Ties where equal.
	Wins int `json:"wins_over_lead"`
	Ties int `json:"ties_with_lead"`
}

// SummaryRow is one system's mean scores.
type SummaryRow struct {
	System string  `json:"system"`
	Words  float64 `json:"words"`
	Rouge  Rouge   `json:"rouge"`
}

func runSummaries(ctx context.Context, an Analyzer, sz Summarizer, file string, recs []summaryRecord) (*SummaryReport, error) {
	rep := &SummaryReport{File: file, Articles: len(recs)}
	var lead, ext, std []Rouge
	var leadW, extW, stdW, refW float64
	for _, r := range recs {
		if rep.Language == "" {
			rep.Language = r.Lang
		}
		a := sangbad.Article{ID: r.ID, Title: r.Title, Text: r.Text}
		refTokens := len(RougeTokens(r.Summary))
		refW += float64(refTokens)
		if sz != nil {
			s, l, err := sz.SummarizeBudget(ctx, a, summarize.Budget{Min: 1, Words: refTokens})
			if err != nil {
				return nil, fmt.Errorf("summarize %s: %w", r.ID, err)
			}
			rs, rl := RougeAll(s.Text, r.Summary), RougeAll(l.Text, r.Summary)
			ext = append(ext, rs)
			lead = append(lead, rl)
			extW += float64(len(RougeTokens(s.Text)))
			leadW += float64(len(RougeTokens(l.Text)))
			switch {
			case rs.R1.F1 > rl.R1.F1:
				rep.Wins++
			case rs.R1.F1 == rl.R1.F1:
				rep.Ties++
			}
		}
		res, err := an.Analyze(ctx, a, sangbad.Options{Length: sangbad.LengthStandard, LLM: "off"})
		if err != nil {
			return nil, fmt.Errorf("analyze %s: %w", r.ID, err)
		}
		text := res.Summaries[res.Language.Code].Text
		std = append(std, RougeAll(text, r.Summary))
		stdW += float64(len(RougeTokens(text)))
	}
	n := float64(max(1, len(recs)))
	rep.ReferenceWords = refW / n
	if sz != nil {
		rep.Rows = append(rep.Rows,
			SummaryRow{System: "lead", Words: leadW / n, Rouge: meanRouge(lead)},
			SummaryRow{System: "extractive", Words: extW / n, Rouge: meanRouge(ext)})
	}
	rep.Rows = append(rep.Rows, SummaryRow{System: "extractive-standard", Words: stdW / n, Rouge: meanRouge(std)})
	return rep, nil
}
