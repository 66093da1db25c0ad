package summarize

import (
	"context"
	"fmt"
	"time"

	"github.com/sangbad/sangbad"
)

// BatchSummarizer is an LLMSummarizer whose summaries can be split in two
// halves around a provider batch (the OpenAI Batch API: half the price,
// answered within 24 hours): the model request, built now, and the parsing
// and verification of the answer, done when it arrives, maybe in another
// process. *LLM satisfies it.
type BatchSummarizer interface {
	// PrepareSummary returns the one model request of a summary. ok is
	// false when the summary needs more than one call (an article over the
	// context budget is summarised chunk by chunk) and must be written
	// with Summarize instead.
	PrepareSummary(req SummaryRequest) (creq sangbad.CompletionRequest, ok bool, err error)
	// FinishSummary turns the answer to that request (or the error that
	// took its place) into the summary, as Summarize would have.
	FinishSummary(ctx context.Context, req SummaryRequest, c sangbad.Completion, callErr error) (sangbad.Summary, error)
}

// WithBatchRepair lets FinishSummary run the repair rounds of
// WithRepairRounds when a summary from a provider batch fails
// verification. Repairs are synchronous model calls at the full price, so
// the default is off: a batch summary that fails verification is returned
// with Verified false and its issues listed.
func WithBatchRepair(on bool) LLMOption { return func(l *LLM) { l.batchRepair = on } }

// PrepareSummary returns the request of a summary that takes one model
// call, for a provider batch. It builds exactly the request Summarize
// sends first (same prompt, schema, token bound and cache key).
func (l *LLM) PrepareSummary(req SummaryRequest) (sangbad.CompletionRequest, bool, error) {
	j, err := l.newJob(req)
	if err != nil {
		return sangbad.CompletionRequest{}, false, err
	}
	if !j.fitsOneCall() {
		return sangbad.CompletionRequest{}, false, nil
	}
	st := j.direct()
	p, err := j.stagePrompt(st)
	if err != nil {
		return sangbad.CompletionRequest{}, false, err
	}
	return j.request(p, cacheKey(j.key, st.key)), true, nil
}

// FinishSummary parses the answer c to the request PrepareSummary made for
// req and checks it as Summarize does: citations mapped to the article's
// sentences, digits as asked, the verifier's issues, Method "llm", Model,
// PromptVersion, Usage and Diagnostics. There is no repair round unless
// WithBatchRepair is on. With callErr (the provider could not answer the
// item) it returns callErr and a Summary with what was spent.
func (l *LLM) FinishSummary(ctx context.Context, req SummaryRequest, c sangbad.Completion, callErr error) (sangbad.Summary, error) {
	j, err := l.newJob(req)
	if err != nil {
		return sangbad.Summary{}, err
	}
	spent := c.Usage.Calls > 0 || c.Usage.TotalTokens > 0 || c.Model != ""
	if spent {
		j.account(c)
	}
	failed := func(err error) (sangbad.Summary, error) {
		s := j.summary(nil)
		if !spent {
			s.Usage, s.Diagnostics = nil, nil
		}
		return s, err
	}
	if callErr != nil {
		return failed(callErr)
	}
	st := j.direct()
	p, err := j.stagePrompt(st)
	if err != nil {
		return failed(err)
	}
	d, err := j.parseStage(c, p, st)
	if err != nil {
		return failed(err)
	}
	repairs := 0
	if l.batchRepair {
		repairs = l.repairs
	}
	if d, err = j.verifyAndRepair(ctx, d, repairs); err != nil {
		return failed(err)
	}
	return j.summary(d), nil
}

// PrepareBatch is the first half of Analyze for provider batches: it
// checks the input, detects the language, extracts the facts and writes
// every summary that needs no model call (the extractive one, errors),
// and returns the analysis so far with the model request of each LLM
// summary still to write, by target language. Those languages are absent
// from an.Summaries until FinishBatch fills them.
//
// Batch mode differs from Analyze in two ways. LLM-assisted facts are not
// run (the summary prompt and the verifier see the rule facts), because
// the summary request depends on them and a second provider round would
// double the delay. A summary that needs several calls (an article over
// the context budget) is written at once with the synchronous client and
// is not among the requests. Without a BatchSummarizer (or with LLM off)
// the analysis comes back complete and the map empty.
func (p *Pipeline) PrepareBatch(ctx context.Context, a sangbad.Article, o sangbad.Options) (*sangbad.Analysis, map[string]sangbad.CompletionRequest, error) {
	start := time.Now()
	published, err := p.checkInput(a, o)
	if err != nil {
		return nil, nil, err
	}
	an, err := p.core(ctx, a, published)
	if err != nil {
		return nil, nil, err
	}
	pending := map[string]sangbad.CompletionRequest{}
	if !o.NoSummary {
		if err := p.summaries(ctx, a, o, an, nil, pending); err != nil {
			return nil, nil, err
		}
		for _, s := range an.Summaries {
			if s.Usage != nil {
				addUsage(an, *s.Usage)
			}
		}
	}
	an.Took = float64(time.Since(start).Microseconds()) / 1000
	return an, pending, nil
}

// FinishBatch is the second half: for every summary language PrepareBatch
// left open it asks answer for the provider's answer (or the error that
// took its place: a failed item, a failed or expired batch) and completes
// an exactly as Analyze would have, including its fallbacks: a failed
// summary in the article's own language becomes the extractive summary
// with a warning, one in another language a summary carrying the error
// with a warning. It fails only when the summary is required
// (Options.LLM "required") or ctx is canceled. a and o must be the ones
// given to PrepareBatch; an may have been stored and read back as JSON.
func (p *Pipeline) FinishBatch(ctx context.Context, a sangbad.Article, o sangbad.Options, an *sangbad.Analysis, answer func(lang string) (sangbad.Completion, error)) error {
	start := time.Now()
	if o.NoSummary {
		return nil
	}
	own := an.Language.Code
	length := o.Length
	if length == "" {
		length = sangbad.LengthStandard
	}
	if an.Summaries == nil {
		an.Summaries = map[string]sangbad.Summary{}
	}
	var extractive *sangbad.Summary
	for _, lang := range targets(o, own) {
		if _, done := an.Summaries[lang]; done || lang == "und" {
			continue
		}
		bs, ok := p.llm.(BatchSummarizer)
		if !ok {
			return sangbad.Errorf(sangbad.Internal, "a summary in %s waits for a provider batch, but the pipeline has no batch summarizer", lang)
		}
		if extractive == nil && own != "und" {
			s := p.ext.Summarize(Document{Title: a.Title, Text: a.Text, Language: own, Sentences: an.Sentences, Facts: an.Facts}, length)
			extractive = &s
		}
		req := SummaryRequest{Article: a, Analysis: an, Language: lang, Length: length, BengaliDigits: o.BengaliDigits, Extractive: extractive}
		c, cerr := answer(lang)
		s, err := bs.FinishSummary(ctx, req, c, cerr)
		out, warning, _, fatal := p.llmOutcome(ctx, a, o, lang, own, length, func() *sangbad.Summary { return extractive }, s, err)
		if fatal != nil {
			return fmt.Errorf("finish batch summary: %w", fatal)
		}
		an.Summaries[lang] = out
		if warning != "" {
			an.Warnings = appendUnique(an.Warnings, warning)
		}
		if out.Usage != nil {
			addUsage(an, *out.Usage)
		}
	}
	an.Took += float64(time.Since(start).Microseconds()) / 1000
	return nil
}
