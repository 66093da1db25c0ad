package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/verify"
	"github.com/sangbad/sangbad/web"
)

// stubSummary is a summary the stub model writes for the seed article,
// with the indexes of the article sentences each sentence rests on.
type stubSummary struct {
	Sentences []struct {
		Text    string `json:"text"`
		Sources []int  `json:"sources"`
	} `json:"sentences"`
}

// Summaries of the seed article as a careful model would write them.
const (
	seedSummaryEN = `{"sentences":[
{"text":"TikTok said on Monday it agreed to spend $840 million to buy most of Tokopedia, the e-commerce unit of Indonesia's GoTo.","sources":[1]},
{"text":"Indonesia's trade minister Zulkifli Hasan said on Tuesday that the trial partnership will run for three to four months while regulators assess its impact on small businesses.","sources":[0,3]},
{"text":"The country's e-commerce market is forecast to double to $160 billion by 2030.","sources":[6]}]}`
	seedSummaryBN = `{"sentences":[
{"text":"TikTok সোমবার জানিয়েছে, তারা GoTo-এর ই-কমার্স ইউনিট টোকোপিডিয়ার বেশিরভাগ অংশ কিনতে $840 মিলিয়ন খরচ করবে।","sources":[1]},
{"text":"ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান মঙ্গলবার বলেছেন, ট্রায়াল তিন থেকে চার মাস চলবে।","sources":[0,3]},
{"text":"2030 সালের মধ্যে দেশের ই-কমার্স বাজার দ্বিগুণ হয়ে $160 বিলিয়ন হওয়ার পূর্বাভাস রয়েছে।","sources":[6]}]}`
)

// seedModel answers the prompts of the pipeline for the seed article: the
// summary in the language the prompt asks for (repairs get the same
// answer), and no extra actors for the facts prompt. Answers stream in
// word-sized chunks with a small delay, as a real model's do.
func seedModel(r llmtest.Request) llmtest.Reply {
	var all strings.Builder
	for _, m := range r.Messages {
		all.WriteString(m.Content)
		all.WriteString("\n")
	}
	prompt := all.String()
	reply := func(content string) llmtest.Reply {
		return llmtest.Reply{Content: content, ChunkDelay: 10 * time.Millisecond}
	}
	switch {
	case strings.Contains(prompt, "Extract the actors"):
		return reply(`{"actors":[],"relations":[]}`)
	case strings.Contains(prompt, "Write in English (en)"):
		return reply(seedSummaryEN)
	case strings.Contains(prompt, "Write in Bengali (bn)"):
		return reply(seedSummaryBN)
	}
	return llmtest.Error(http.StatusBadRequest, "the stub does not know this prompt", "invalid_request_error", "unknown_prompt")
}

// TestLLMPage drives the page against a server whose LLM summaries come
// from the stub model: both summaries stream in, then show their sentences,
// badges and problems as the API reports them.
func TestLLMPage(t *testing.T) {
	browser := newBrowser(t)
	c := newCore(t)
	stub := llmtest.NewServer(t, llmtest.WithHandler(seedModel))
	client, err := llm.New(llm.Config{BaseURL: stub.BaseURL(), Model: "stub"})
	if err != nil {
		t.Fatalf("llm.New: %v", err)
	}
	summarizer := summarize.NewLLM(client, verify.New(c.ext, c.det))
	pipeline := summarize.NewPipeline(c.det, c.ext, summarize.WithLLM(summarizer))
	url := startServer(t, pipeline, web.Config{})
	seed := readSeed(t)

	// The API's answer for the same request: what the page must show.
	want := analyze(t, url, seed)

	p := openPage(t, browser, url, desktop)
	// Record whether summary text appeared while it was being generated.
	p.do(evalVoid(`window.__streamed = new Set();
		new MutationObserver(() => document.querySelectorAll('#summaries .streaming').forEach(e => {
			if (e.textContent) window.__streamed.add(e.closest('.summary').dataset.lang);
		})).observe(document.getElementById('summaries'), {subtree: true, childList: true, characterData: true});`))
	p.fill(seed, "2023-12-12")
	p.click("#submit")
	p.wait(`document.querySelector('#summaries .streaming')`)
	p.screenshot("llm-streaming", desktop)
	p.waitDone()

	var streamed []string
	p.eval(`[...window.__streamed].sort()`, &streamed)
	if diff := cmp.Diff([]string{"bn", "en"}, streamed); diff != "" {
		t.Errorf("summaries seen streaming (-want +got):\n%s", diff)
	}

	sums := summariesByLang(p)
	for _, lang := range []string{"en", "bn"} {
		t.Run(lang, func(t *testing.T) {
			got, ok := sums[lang]
			if !ok {
				t.Fatalf("no %s summary card", lang)
			}
			s := want.Summaries[lang]
			if s.Method != sangbad.MethodLLM || s.Error != nil {
				t.Fatalf("the API's %s summary is not an LLM summary: %+v", lang, s)
			}
			var wantSents, wantSources []string
			for _, ss := range s.Sentences {
				wantSents = append(wantSents, ss.Text)
				var src []string
				for _, i := range ss.Sources {
					src = append(src, strconv.Itoa(i))
				}
				wantSources = append(wantSources, strings.Join(src, " "))
			}
			if diff := cmp.Diff(wantSents, got.Sentences); diff != "" {
				t.Errorf("sentences (-api +page):\n%s", diff)
			}
			if diff := cmp.Diff(wantSources, got.Sources); diff != "" {
				t.Errorf("sources (-api +page):\n%s", diff)
			}
			// the stub's summaries are faithful to the seed: a problem
			// found in them is a false alarm of the verifier
			if s.Verified == nil || !*s.Verified {
				t.Errorf("the faithful %s summary is not verified: %+v", lang, s.Issues)
			}
			wantBadge := "Not checked"
			if s.Verified != nil {
				wantBadge = map[bool]string{true: "Verified", false: "Not verified"}[*s.Verified]
			}
			if got.Badge != wantBadge {
				t.Errorf("badge = %q, want %q (verified %v)", got.Badge, wantBadge, s.Verified)
			}
			if len(got.Issues) != len(s.Issues) {
				t.Errorf("page lists %d problems, the API %d: %q", len(got.Issues), len(s.Issues), got.Issues)
			}
		})
	}
	// The stub's summaries are the model's: the page shows them.
	var stubEN stubSummary
	if err := json.Unmarshal([]byte(seedSummaryEN), &stubEN); err != nil {
		t.Fatal(err)
	}
	if en := sums["en"]; len(en.Sentences) == 0 || en.Sentences[0] != stubEN.Sentences[0].Text {
		t.Errorf("English summary %q does not start with the model's first sentence", en.Sentences)
	}

	var offline bool
	p.eval(`!document.getElementById('offline').hidden`, &offline)
	if offline {
		t.Errorf("the offline panel is shown although an LLM backend is configured")
	}

	// Clicking the second English sentence highlights article sentences 0 and 3.
	p.click(`#summaries .summary[data-lang="en"] .sum-sentence[data-i="1"]`)
	var src []string
	p.eval(`[...document.querySelectorAll('#article .sent.src')].map(e => e.dataset.s)`, &src)
	wantSrc := strings.Fields(sums["en"].Sources[1])
	if diff := cmp.Diff(wantSrc, src); diff != "" || len(src) == 0 {
		t.Errorf("highlighted source sentences (-want +got):\n%s", diff)
	}

	p.screenshot("llm", desktop)
	p.resize(phone)
	if n := p.horizontalOverflow(); n > 0 {
		t.Errorf("the page is %d px wider than a phone screen", n)
	}
	if o := p.overlaps(".summaries > .summary, .columns > .panel, .results-head, .input"); len(o) > 0 {
		t.Errorf("overlapping parts at phone width: %v", o)
	}
	p.screenshot("llm", phone)

	// A model that gets a number wrong, even after the repair round: the
	// page shows "Not verified" and names the problem.
	stub.SetHandler(func(r llmtest.Request) llmtest.Reply {
		reply := seedModel(r)
		reply.Content = strings.ReplaceAll(reply.Content, "$840 million", "$850 million")
		return reply
	})
	bad := analyze(t, url, seed).Summaries["en"]
	if bad.Verified == nil || *bad.Verified {
		t.Fatalf("the API verified a summary with a wrong amount: %+v", bad)
	}
	p = openPage(t, browser, url, desktop)
	p.fill(seed, "2023-12-12")
	p.click("#submit")
	p.waitDone()
	en := summariesByLang(p)["en"]
	if en.Badge != "Not verified" || len(en.Issues) != len(bad.Issues) || !rowWith(en.Issues, "850") {
		t.Errorf("English summary with a wrong amount: badge %q, problems %q; the API reports %d problems", en.Badge, en.Issues, len(bad.Issues))
	}
	p.screenshot("llm-unverified", desktop)
}

// TestCancel cancels an analysis while the model is still thinking: the
// page says so and keeps working.
func TestCancel(t *testing.T) {
	browser := newBrowser(t)
	c := newCore(t)
	stub := llmtest.NewServer(t, llmtest.WithHandler(func(r llmtest.Request) llmtest.Reply {
		reply := seedModel(r)
		reply.Delay = time.Minute // until the client goes away
		return reply
	}))
	client, err := llm.New(llm.Config{BaseURL: stub.BaseURL(), Model: "stub"})
	if err != nil {
		t.Fatalf("llm.New: %v", err)
	}
	pipeline := summarize.NewPipeline(c.det, c.ext, summarize.WithLLM(summarize.NewLLM(client, nil)))
	url := startServer(t, pipeline, web.Config{})

	p := openPage(t, browser, url, desktop)
	p.fill(readSeed(t), "2023-12-12")
	p.click("#submit")
	p.wait(`!document.getElementById('cancel').hidden && document.querySelector('#status .spinner')`)
	p.click("#cancel")
	p.waitDone()
	var st struct {
		Status string `json:"status"`
		Error  bool   `json:"error"`
	}
	p.eval(`({status: document.getElementById('status').textContent, error: !document.getElementById('error').hidden})`, &st)
	if !strings.HasPrefix(st.Status, "Cancelled") || st.Error {
		t.Errorf("after cancel: status %q, error shown %v", st.Status, st.Error)
	}
}

// analyze posts the seed request to /v1/analyze and returns the analysis.
func analyze(t *testing.T, url, text string) sangbad.Analysis {
	t.Helper()
	body, err := json.Marshal(map[string]any{"text": text, "published": "2023-12-12", "languages": []string{"en", "bn"}, "length": "standard"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := http.Post(url+"/v1/analyze", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("POST /v1/analyze: %v", err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("POST /v1/analyze: %s", res.Status)
	}
	var an sangbad.Analysis
	if err := json.NewDecoder(res.Body).Decode(&an); err != nil {
		t.Fatalf("decode analysis: %v", err)
	}
	return an
}
