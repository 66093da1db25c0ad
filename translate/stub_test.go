package translate

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/sangbad/sangbad/llm"
	"github.com/sangbad/sangbad/llm/llmtest"
	"github.com/sangbad/sangbad/prompts"
	"github.com/sangbad/sangbad/segment"
)

// seed returns the seed article's paragraphs (testdata/seed_bn.txt) and
// their English translation (testdata/seed_en.txt), one paragraph a line.
func seed(t testing.TB) (bn, en []string) {
	t.Helper()
	read := func(p string) []string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSpace(string(b)), "\n")
	}
	bn, en = read("testdata/seed_bn.txt"), read("testdata/seed_en.txt")
	if len(bn) != len(en) {
		t.Fatalf("%d Bengali paragraphs, %d English", len(bn), len(en))
	}
	return bn, en
}

// article joins paragraphs: groups of paragraph indexes become one
// paragraph (sentences joined by a space), groups are separated by sep.
func article(paras []string, groups [][]int, sep string) string {
	var out []string
	for _, g := range groups {
		var ps []string
		for _, i := range g {
			ps = append(ps, paras[i])
		}
		out = append(out, strings.Join(ps, " "))
	}
	return strings.Join(out, sep)
}

// model is a scripted translator behind the stub server: it translates the
// TEXT block sentence by sentence from an aligned dictionary, applies the
// prompt's glossary to its output (as an obedient model would) and reports
// the names it knows in "names".
type model struct {
	dict  map[string]string
	names map[string]string

	mu     sync.Mutex
	misses []string
}

func newModel(t testing.TB) *model {
	t.Helper()
	bn, en := seed(t)
	m := &model{dict: map[string]string{}, names: map[string]string{
		"জুলকিফলি হাসান": "Zulkifli Hasan", "জুলকিফলি": "Zulkifli", "টোকোপিডিয়া": "Tokopedia",
		"Zulkifli Hasan": "জুলকিফলি হাসান", "Tokopedia": "টোকোপিডিয়া", "Zulkifli": "জুলকিফলি",
	}}
	for i := range bn {
		bs, es := segment.Sentences(bn[i]), segment.Sentences(en[i])
		if len(bs) != len(es) {
			t.Fatalf("paragraph %d: %d Bengali sentences, %d English", i, len(bs), len(es))
		}
		for k := range bs {
			m.dict[bs[k].Text] = es[k].Text
			m.dict[es[k].Text] = bs[k].Text
		}
	}
	return m
}

var glossaryRE = regexp.MustCompile(`(?s)<<<GLOSSARY id=\w+>>>\n(.*?)\n<<<END GLOSSARY`)

// glossaryOf returns the glossary lines of a request's prompt.
func glossaryOf(r llmtest.Request) map[string]string {
	out := map[string]string{}
	m := glossaryRE.FindStringSubmatch(r.User())
	if m == nil {
		return out
	}
	for _, l := range strings.Split(m[1], "\n") {
		l = strings.TrimPrefix(l, "- ")
		if s, t, ok := strings.Cut(l, " -> "); ok {
			out[s] = t
		}
	}
	return out
}

// textOf returns the TEXT block of a request (the chunk to translate).
func textOf(r llmtest.Request) string { return llmtest.Article(r.User()) }

// isRepair reports a repair round.
func isRepair(r llmtest.Request) bool { return strings.Contains(r.User(), "<<<OUTPUT id=") }

// translate returns the model's translation of the request's chunk and
// the names it reports.
func (m *model) translate(r llmtest.Request, applyGlossary bool) (string, []prompts.GlossaryEntry) {
	src := textOf(r)
	var paras []string
	for _, p := range strings.Split(src, "\n\n") {
		var ss []string
		for _, s := range segment.Sentences(p) {
			tr, ok := m.dict[s.Text]
			if !ok {
				m.mu.Lock()
				m.misses = append(m.misses, s.Text)
				m.mu.Unlock()
				tr = s.Text
			}
			ss = append(ss, tr)
		}
		paras = append(paras, strings.Join(ss, " "))
	}
	out := strings.Join(paras, "\n\n")
	if applyGlossary {
		for s, t := range glossaryOf(r) {
			out = strings.ReplaceAll(out, s, t)
		}
	}
	var names []prompts.GlossaryEntry
	for s, t := range m.names {
		if strings.Contains(src, s) && strings.Contains(out, t) {
			names = append(names, prompts.GlossaryEntry{Source: s, Target: t})
		}
	}
	return out, names
}

// reply encodes a translate answer.
func reply(translation string, names []prompts.GlossaryEntry) llmtest.Reply {
	if names == nil {
		names = []prompts.GlossaryEntry{}
	}
	b, _ := json.Marshal(map[string]any{"translation": translation, "names": names})
	return llmtest.Reply{Content: string(b)}
}

// handler answers every request with the model's translation.
func (m *model) handler() llmtest.Handler {
	return func(r llmtest.Request) llmtest.Reply { return reply(m.translate(r, true)) }
}

// client returns an llm client for srv without retries.
func client(t testing.TB, srv *llmtest.Server, opts ...llm.Option) *llm.Client {
	t.Helper()
	c, err := llm.New(llm.Config{BaseURL: srv.BaseURL(), Model: "stub-model", MaxRetries: -1}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
