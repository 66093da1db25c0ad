package summarize_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
)

var _ summarize.BatchSummarizer = (*summarize.LLM)(nil)

// llmClient is a second client on the env's stub: the "provider" that
// answers prepared requests.
func (e *env) llmClient(t *testing.T) *llm.Client {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: e.srv.BaseURL(), Model: "stub-model"})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var nonceRE = regexp.MustCompile(`id=[A-Za-z0-9]+>>>`)

func noNonce(s string) string { return nonceRE.ReplaceAllString(s, "id=N>>>") }

// roundTrip stores and reads back an analysis as the batch spool does.
func roundTrip(t *testing.T, an *sangbad.Analysis) *sangbad.Analysis {
	t.Helper()
	b, err := json.Marshal(an)
	if err != nil {
		t.Fatal(err)
	}
	var out sangbad.Analysis
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

// answerWith answers every prepared request with a synchronous call, as
// the provider would (same request, same stub).
func answerWith(ctx context.Context, c summarize.Completer, reqs map[string]sangbad.CompletionRequest, asked *[]string) func(string) (sangbad.Completion, error) {
	return func(lang string) (sangbad.Completion, error) {
		*asked = append(*asked, lang)
		return c.Generate(ctx, reqs[lang])
	}
}

// TestBatchMatchesAnalyze: PrepareBatch, a provider's answers and
// FinishBatch give exactly the analysis Analyze gives (LLM facts off, which
// batch mode does not run).
func TestBatchMatchesAnalyze(t *testing.T) {
	tests := []struct {
		name    string
		article func(testing.TB) sangbad.Article
		opts    sangbad.Options
		answer  llmtest.Handler
		langs   []string // requests prepared
	}{
		{"bn own language", seed, sangbad.Options{}, llmtest.Content(summaryJSON(seedBN...)), []string{"bn"}},
		{"bn to en and bn", seed, sangbad.Options{Languages: []string{"en", "bn"}}, func(r llmtest.Request) llmtest.Reply {
			if strings.Contains(r.System(), "Write in English (en) only") {
				return llmtest.Reply{Content: summaryJSON(seedEN...)}
			}
			return llmtest.Reply{Content: summaryJSON(seedBN...)}
		}, []string{"bn", "en"}},
		{"bn bengali digits", seed, sangbad.Options{BengaliDigits: true}, llmtest.Content(summaryJSON(seedBN...)), []string{"bn"}},
		{"en bullets, echo", tiktokEN, sangbad.Options{Length: sangbad.LengthBullets}, llmtest.Echo, []string{"en"}},
		{"wrong number", seed, sangbad.Options{Languages: []string{"en"}}, llmtest.Content(summaryJSON(withWrong(seedEN, 1, "840", "850")...)), []string{"en"}},
		{"bad citation", tiktokEN, sangbad.Options{}, llmtest.Content(summaryJSON(sent{"TikTok will spend $840 million on Tokopedia.", []int{1, 99}})), []string{"en"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// No repair rounds: batch mode has none by default.
			e := newEnv(t, tt.answer, envConfig{llm: []summarize.LLMOption{summarize.WithFactsAssist(false), summarize.WithRepairRounds(0)}})
			ctx := t.Context()
			a := tt.article(t)
			want, err := e.pipe.Analyze(ctx, a, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			syncReqs := e.srv.Requests()

			an, reqs, err := e.pipe.PrepareBatch(ctx, a, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.srv.Calls(); got != len(syncReqs) {
				t.Fatalf("PrepareBatch called the model (%d calls)", got-len(syncReqs))
			}
			var langs []string
			for l, q := range reqs {
				langs = append(langs, l)
				if _, ok := an.Summaries[l]; ok {
					t.Errorf("%s: a prepared summary is already in the analysis", l)
				}
				// The batch request is the one the synchronous path sent.
				// (Each prompt has its own random delimiter nonce.)
				if !slices.ContainsFunc(syncReqs, func(r llmtest.Request) bool {
					return noNonce(r.System()) == noNonce(q.System) && noNonce(r.User()) == noNonce(q.User)
				}) {
					t.Errorf("%s: the prepared request is not the synchronous one", l)
				}
				if len(q.Schema) == 0 || q.PromptVersion == "" || q.CacheKey == "" || q.Task != "summary" {
					t.Errorf("%s: request %+v", l, q)
				}
			}
			slices.Sort(langs)
			wantLangs := slices.Sorted(slices.Values(tt.langs))
			if diff := cmp.Diff(wantLangs, langs); diff != "" {
				t.Errorf("prepared languages (-want +got):\n%s", diff)
			}

			an = roundTrip(t, an)
			var asked []string
			if err := e.pipe.FinishBatch(ctx, a, tt.opts, an, answerWith(ctx, e.llmClient(t), reqs, &asked)); err != nil {
				t.Fatal(err)
			}
			slices.Sort(asked)
			if diff := cmp.Diff(wantLangs, asked); diff != "" {
				t.Errorf("answers asked (-want +got):\n%s", diff)
			}
			want.Took, an.Took = 0, 0
			if diff := cmp.Diff(want, an); diff != "" {
				t.Errorf("batch analysis differs from Analyze (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFinishBatchFallbacks(t *testing.T) {
	providerErr := &sangbad.Error{Kind: sangbad.Unavailable, Code: "llm_batch_expired", Message: "the provider batch b1 ended expired without an answer for this summary"}
	tests := []struct {
		name     string
		opts     sangbad.Options
		answer   func(string) (sangbad.Completion, error)
		wantErr  sangbad.Kind
		method   map[string]string
		errCode  map[string]string
		warnings []string
	}{
		{
			name:    "provider failed: extractive in the own language, error in the other",
			opts:    sangbad.Options{Languages: []string{"bn", "en"}},
			answer:  func(string) (sangbad.Completion, error) { return sangbad.Completion{}, providerErr },
			method:  map[string]string{"bn": sangbad.MethodExtractive, "en": sangbad.MethodLLM},
			errCode: map[string]string{"en": "llm_batch_expired"},
			warnings: []string{
				"LLM summary in bn failed (the provider batch b1 ended expired without an answer for this summary); the extractive summary is given instead",
				"no summary in en: the provider batch b1 ended expired without an answer for this summary",
			},
		},
		{
			name: "unparsable answer",
			opts: sangbad.Options{},
			answer: func(string) (sangbad.Completion, error) {
				return sangbad.Completion{Content: "Sorry, no.", Model: "stub-model", Usage: sangbad.Usage{PromptTokens: 10, CompletionTokens: 2, TotalTokens: 12, Calls: 1}}, nil
			},
			method:   map[string]string{"bn": sangbad.MethodExtractive},
			warnings: []string{"LLM summary in bn failed (the model's summary was not the expected JSON); the extractive summary is given instead"},
		},
		{
			name:    "llm required",
			opts:    sangbad.Options{LLM: "required"},
			answer:  func(string) (sangbad.Completion, error) { return sangbad.Completion{}, providerErr },
			wantErr: sangbad.Unavailable,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, llmtest.Echo, envConfig{})
			a := seed(t)
			an, reqs, err := e.pipe.PrepareBatch(t.Context(), a, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(reqs) == 0 {
				t.Fatal("nothing prepared")
			}
			err = e.pipe.FinishBatch(t.Context(), a, tt.opts, an, tt.answer)
			if tt.wantErr != "" {
				if sangbad.ErrorKind(err) != tt.wantErr {
					t.Fatalf("error %v, want kind %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for lang, m := range tt.method {
				s := an.Summaries[lang]
				if s.Method != m {
					t.Errorf("%s: method %q, want %q", lang, s.Method, m)
				}
				code := ""
				if s.Error != nil {
					code = s.Error.Code
				}
				if code != tt.errCode[lang] {
					t.Errorf("%s: error code %q, want %q", lang, code, tt.errCode[lang])
				}
			}
			got := slices.DeleteFunc(slices.Clone(an.Warnings), func(w string) bool { return !strings.Contains(w, "summary") })
			if diff := cmp.Diff(tt.warnings, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			if tt.name == "unparsable answer" {
				s := an.Summaries["bn"]
				if s.Usage == nil || s.Usage.TotalTokens != 12 || s.Diagnostics == nil || s.Diagnostics.LastInvalid != "Sorry, no." {
					t.Errorf("the failed answer's usage and output are not reported: %+v %+v", s.Usage, s.Diagnostics)
				}
				if an.Usage == nil || an.Usage.TotalTokens != 12 {
					t.Errorf("analysis usage %+v", an.Usage)
				}
			}
		})
	}
}

// TestPrepareBatchSynchronousCases: what cannot go through a provider
// batch is done at once, and the analysis comes back complete.
func TestPrepareBatchSynchronousCases(t *testing.T) {
	t.Run("over the context budget", func(t *testing.T) {
		// A short answer to every chunk, so that the combine rounds converge.
		short := llmtest.Content(summaryJSON(sent{"টিকটক টোকোপিডিয়া কিনছে।", []int{0}}))
		e := newEnv(t, short, envConfig{llm: []summarize.LLMOption{summarize.WithContextBudget(200), summarize.WithFactsAssist(false)}})
		an, reqs, err := e.pipe.PrepareBatch(t.Context(), seed(t), sangbad.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(reqs) != 0 {
			t.Errorf("%d requests for a chunked summary", len(reqs))
		}
		s := an.Summaries["bn"]
		if s.Method != sangbad.MethodLLM || s.Usage == nil || s.Usage.Calls < 2 {
			t.Errorf("chunked summary %+v", s)
		}
		if e.srv.Calls() < 2 {
			t.Errorf("%d model calls, want the chunk and combine calls", e.srv.Calls())
		}
		// Nothing left for FinishBatch.
		if err := e.pipe.FinishBatch(t.Context(), seed(t), sangbad.Options{}, an, func(string) (sangbad.Completion, error) {
			t.Error("FinishBatch asked for an answer")
			return sangbad.Completion{}, nil
		}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("llm off", func(t *testing.T) {
		e := newEnv(t, llmtest.Echo, envConfig{})
		an, reqs, err := e.pipe.PrepareBatch(t.Context(), seed(t), sangbad.Options{LLM: "off"})
		if err != nil {
			t.Fatal(err)
		}
		if len(reqs) != 0 || an.Summaries["bn"].Method != sangbad.MethodExtractive || e.srv.Calls() != 0 {
			t.Errorf("requests %d, summary %+v, calls %d", len(reqs), an.Summaries["bn"], e.srv.Calls())
		}
	})
	t.Run("invalid input", func(t *testing.T) {
		e := newEnv(t, llmtest.Echo, envConfig{})
		if _, _, err := e.pipe.PrepareBatch(t.Context(), sangbad.Article{Text: " "}, sangbad.Options{}); sangbad.ErrorKind(err) != sangbad.Invalid {
			t.Errorf("error %v", err)
		}
	})
}

// TestBatchRepair: without WithBatchRepair a batch summary that fails
// verification is kept with its issues and no further call; with it, one
// synchronous repair round runs.
func TestBatchRepair(t *testing.T) {
	wrong := summaryJSON(withWrong(seedEN, 1, "840", "850")...)
	for _, repair := range []bool{false, true} {
		t.Run(map[bool]string{false: "off", true: "on"}[repair], func(t *testing.T) {
			e := newEnv(t, byTask(noFacts, llmtest.Content(wrong), llmtest.Content(summaryJSON(seedEN...))),
				envConfig{llm: []summarize.LLMOption{summarize.WithBatchRepair(repair)}})
			a := seed(t)
			o := sangbad.Options{Languages: []string{"en"}}
			an, reqs, err := e.pipe.PrepareBatch(t.Context(), a, o)
			if err != nil {
				t.Fatal(err)
			}
			answer, err := e.llmClient(t).Generate(t.Context(), reqs["en"])
			if err != nil {
				t.Fatal(err)
			}
			before := e.srv.Calls()
			if err := e.pipe.FinishBatch(t.Context(), a, o, an, func(string) (sangbad.Completion, error) { return answer, nil }); err != nil {
				t.Fatal(err)
			}
			s := an.Summaries["en"]
			repairs := e.srv.Calls() - before
			if !repair {
				if repairs != 0 || verified(s) || !slices.Contains(issueKinds(s.Issues), sangbad.IssueNumber) {
					t.Errorf("repair off: %d calls, verified %v, issues %+v", repairs, verified(s), s.Issues)
				}
				return
			}
			if repairs != 1 || !verified(s) || s.Diagnostics.RepairRounds != 1 || s.Usage.Calls != 2 {
				t.Errorf("repair on: %d calls, verified %v, diagnostics %+v, usage %+v", repairs, verified(s), s.Diagnostics, s.Usage)
			}
			if diff := cmp.Diff(sentences(seedEN), s.Sentences); diff != "" {
				t.Errorf("repaired sentences (-want +got):\n%s", diff)
			}
		})
	}
}
