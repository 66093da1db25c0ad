package translate

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

// The model merges two paragraphs of a chunk: the format issue triggers a
// repair round that restores the breaks.
func TestTranslateRepairsParagraphBreaks(t *testing.T) {
	bn, en := seed(t)
	text := article(bn, [][]int{{0}, {1}, {2}}, "\n\n")
	m := newModel(t)
	h := func(r llmtest.Request) llmtest.Reply {
		out, names := m.translate(r, true)
		if !isRepair(r) {
			out = strings.ReplaceAll(out, "\n\n", " ")
		}
		return reply(out, names)
	}
	srv := llmtest.NewServer(t, llmtest.WithHandler(h))
	tr := newTranslator(t, srv) // one chunk
	res, err := tr.Translate(context.Background(), Request{Text: text, Target: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(article(en, [][]int{{0}, {1}, {2}}, "\n\n"), res.Translation); diff != "" {
		t.Errorf("translation (-want +got):\n%s", diff)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 || !strings.Contains(reqs[1].User(), "give exactly 3 paragraphs") {
		t.Errorf("%d requests; want a repair asking for 3 paragraphs", len(reqs))
	}
	if !res.Verified {
		t.Errorf("issues %+v", res.Issues)
	}
}

// A paragraph mismatch that survives the repair is reported as a format
// issue and the text keeps the model's own breaks.
func TestTranslateReportsParagraphMismatch(t *testing.T) {
	bn, _ := seed(t)
	m := newModel(t)
	h := func(r llmtest.Request) llmtest.Reply {
		out, names := m.translate(r, true)
		return reply(strings.ReplaceAll(out, "\n\n", " "), names)
	}
	srv := llmtest.NewServer(t, llmtest.WithHandler(h))
	tr := newTranslator(t, srv)
	res, err := tr.Translate(context.Background(), Request{Text: article(bn, [][]int{{0}, {1}}, "\n"), Target: "en"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Verified || len(res.Issues) != 1 || res.Issues[0].Kind != sangbad.IssueFormat || !strings.Contains(res.Issues[0].Message, "2 paragraphs") {
		t.Errorf("issues %+v, want one format issue", res.Issues)
	}
}

func TestTranslateBadOutput(t *testing.T) {
	bn, en := seed(t)
	tests := []struct {
		name string
		h    func(m *model) llmtest.Handler
		// wantKind is the error kind; "" means a result with issues.
		wantKind sangbad.Kind
	}{
		{"empty_translation_twice", func(m *model) llmtest.Handler {
			return func(llmtest.Request) llmtest.Reply { return reply("  ", nil) }
		}, sangbad.BadOutput},
		{"empty_then_repaired", func(m *model) llmtest.Handler {
			return func(r llmtest.Request) llmtest.Reply {
				if !isRepair(r) {
					return reply("", nil)
				}
				return reply(m.translate(r, true))
			}
		}, ""},
		{"repair_call_fails_first_answer_stands", func(m *model) llmtest.Handler {
			return func(r llmtest.Request) llmtest.Reply {
				if isRepair(r) {
					return llmtest.Error(http.StatusInternalServerError, "boom", "server_error", "")
				}
				out, names := m.translate(r, true)
				return reply(strings.Replace(out, "$840 million", "$480 million", 1), names)
			}
		}, ""},
		{"backend_down", func(m *model) llmtest.Handler {
			return llmtest.Fixed(llmtest.Error(http.StatusServiceUnavailable, "overloaded", "server_error", ""))
		}, sangbad.Unavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newModel(t)
			srv := llmtest.NewServer(t, llmtest.WithHandler(tt.h(m)))
			tr := newTranslator(t, srv)
			res, err := tr.Translate(context.Background(), Request{Text: article(bn, [][]int{{1}}, ""), Target: "en"})
			if tt.wantKind != "" {
				if sangbad.ErrorKind(err) != tt.wantKind {
					t.Fatalf("error %v (kind %s), want kind %s", err, sangbad.ErrorKind(err), tt.wantKind)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch tt.name {
			case "empty_then_repaired":
				if res.Translation != en[1] || !res.Verified {
					t.Errorf("translation %q verified %v issues %+v", res.Translation, res.Verified, res.Issues)
				}
			default:
				if res.Verified || len(res.Issues) != 1 || res.Issues[0].Kind != sangbad.IssueNumber {
					t.Errorf("issues %+v, want the wrong number reported", res.Issues)
				}
				if res.Usage.Calls != srv.Calls() {
					t.Errorf("usage counts %d calls, the server saw %d", res.Usage.Calls, srv.Calls())
				}
			}
		})
	}
}

// The request's glossary wins over the translator's, which wins over the
// rules'.
func TestTranslateGlossaryPrecedence(t *testing.T) {
	_, en := seed(t)
	m := newModel(t)
	srv := llmtest.NewServer(t, llmtest.WithHandler(m.handler()))
	tr := newTranslator(t, srv, WithGlossary(Glossary{
		"bn": {"TikTok": "টিক টক", "GoTo": "গোটু"},
		"":   {"Jefferies": "জেফারিজ"},
	}))
	res, err := tr.Translate(context.Background(), Request{Text: en[0], Source: "en", Target: "bn", Glossary: map[string]string{"TikTok": "টিকটক"}})
	if err != nil {
		t.Fatal(err)
	}
	got := glossaryOf(srv.Requests()[0])
	want := map[string]string{"TikTok": "টিকটক", "GoTo": "গোটু"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prompt glossary (-want +got):\n%s", diff)
	}
	if !strings.Contains(res.Translation, "টিকটক") || !strings.Contains(res.Translation, "গোটু") {
		t.Errorf("translation %q does not follow the glossary", res.Translation)
	}
}
