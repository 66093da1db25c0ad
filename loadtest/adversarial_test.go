package loadtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/web"
)

// adversarialCase is one hostile or odd request to POST /v1/analyze.
type adversarialCase struct {
	name string
	// body is the raw request body; contentType defaults to JSON.
	body        []byte
	contentType string
	// wantStatus and wantCode are the expected answer; for errors the
	// message must contain wantMessage too (the limit it names).
	wantStatus  int
	wantCode    string
	wantMessage string
	// wantLanguage, when set, is the detected language of a 200, and
	// wantSentences, when set, its number of sentences.
	wantLanguage  string
	wantSentences int
}

// textBody is an analyze request for text (offline, both summaries).
func textBody(t *testing.T, text string) []byte {
	return analyzeBody(t, text, []string{"en", "bn"}, "off")
}

// adversarialFile reads testdata/adversarial/name.
func adversarialFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "adversarial", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// nested returns a JSON object whose languages field nests depth arrays.
func nested(depth int) []byte {
	return []byte(`{"text":"Dhaka is the capital.","languages":` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + `}`)
}

func adversarialCases(t *testing.T) []adversarialCase {
	en := fixture(t, "article_en.txt")
	sentences := strings.Repeat("It rained in Dhaka. ", 9000) // 9,000 sentences, 180,000 characters
	return []adversarialCase{
		{name: "empty body", body: nil, wantStatus: 400, wantCode: "body_empty"},
		{name: "empty object", body: []byte(`{}`), wantStatus: 400, wantCode: "text_required"},
		{name: "empty text", body: textBody(t, ""), wantStatus: 400, wantCode: "text_required"},
		{name: "whitespace only", body: textBody(t, " \n\t\r\n   \u00a0\u3000 "), wantStatus: 400, wantCode: "text_required"},
		{name: "zero-width spaces only", body: textBody(t, "\u200b\u200b\ufeff\u200b"), wantStatus: 400, wantCode: "text_required"},
		{name: "10 MB text", body: textBody(t, strings.Repeat("The minister spoke. ", 10<<20/20)),
			wantStatus: 413, wantCode: "body_too_large", wantMessage: fmt.Sprint(web.DefaultMaxBodyBytes)},
		{name: "text over the character limit", body: textBody(t, strings.Repeat("abcd ", 41000)),
			wantStatus: 413, wantCode: "text_too_large", wantMessage: "200000"},
		{name: "invalid UTF-8", body: adversarialFile(t, "invalid_utf8.json"), wantStatus: 400, wantCode: "text_not_utf8"},
		{name: "raw NUL byte in JSON", body: adversarialFile(t, "nul_raw.json"), wantStatus: 400, wantCode: "invalid_json"},
		{name: "escaped NUL characters", body: adversarialFile(t, "nul_escaped.json"), wantStatus: 200, wantLanguage: "en"},
		{name: "lone surrogates", body: adversarialFile(t, "lone_surrogate.json"), wantStatus: 200, wantLanguage: "en"},
		{name: "zero-width and RTL controls", body: textBody(t, string(adversarialFile(t, "controls.txt"))), wantStatus: 200, wantLanguage: "en"},
		{name: "mixed scripts", body: textBody(t, string(adversarialFile(t, "mixed_scripts.txt"))), wantStatus: 200},
		{name: "HTML page", body: textBody(t, string(adversarialFile(t, "page.html"))), wantStatus: 200, wantLanguage: "en"},
		{name: "emoji only", body: textBody(t, string(adversarialFile(t, "emoji.txt"))), wantStatus: 200, wantLanguage: "und"},
		{name: "single 10,000-character word", body: textBody(t, strings.Repeat("a", 10000)), wantStatus: 200},
		{name: "single 10,000-character Bengali word", body: textBody(t, strings.Repeat("ক", 10000)), wantStatus: 200},
		{name: "9,000 sentences", body: textBody(t, sentences), wantStatus: 200, wantLanguage: "en", wantSentences: 9000},
		{name: "one 150,000-character line of digits", body: textBody(t, strings.Repeat("8", 150000)), wantStatus: 200, wantLanguage: "und"},
		{name: "deeply nested JSON", body: nested(100), wantStatus: 400, wantCode: "json_too_deep", wantMessage: fmt.Sprint(web.DefaultMaxJSONDepth)},
		{name: "very deeply nested JSON", body: nested(100000), wantStatus: 400, wantCode: "json_too_deep"},
		{name: "text is a number", body: []byte(`{"text": 12345}`), wantStatus: 400, wantCode: "wrong_type"},
		{name: "text is an object", body: []byte(`{"text": {"body": "x"}}`), wantStatus: 400, wantCode: "wrong_type"},
		{name: "languages is a string", body: []byte(`{"text": "Dhaka is big.", "languages": "en"}`), wantStatus: 400, wantCode: "wrong_type"},
		{name: "llm is a boolean", body: []byte(`{"text": "Dhaka is big.", "llm": true}`), wantStatus: 400, wantCode: "wrong_type"},
		{name: "body is an array", body: []byte(`["Dhaka is big."]`), wantStatus: 400, wantCode: "invalid_json"},
		{name: "body is a string", body: []byte(`"Dhaka is big."`), wantStatus: 400, wantCode: "invalid_json"},
		{name: "truncated JSON", body: []byte(`{"text": "Dhaka is`), wantStatus: 400, wantCode: "invalid_json"},
		{name: "two JSON objects", body: []byte(`{"text": "a"} {"text": "b"}`), wantStatus: 400, wantCode: "invalid_json"},
		{name: "unknown language code", body: analyzeBody(t, en, []string{"english"}, "off"), wantStatus: 400, wantCode: "unknown_language"},
		{name: "invalid published date", body: []byte(`{"text": "Dhaka is big.", "published": "yesterday"}`), wantStatus: 400, wantCode: "invalid_date"},
		{name: "plain text body", body: []byte(en), contentType: "text/plain", wantStatus: 415, wantCode: "unsupported_media_type"},
		{name: "real English article", body: textBody(t, en), wantStatus: 200, wantLanguage: "en"},
	}
}

// TestAdversarialInputs sends every case to the real service (offline
// pipeline) and checks that each gets a clear answer: the expected status
// with a JSON error code naming the problem, or a 200 whose every offset
// points at the text it names. None may be a 500.
func TestAdversarialInputs(t *testing.T) {
	svc := startService(t, llmSettings{}, web.Config{})
	client := newClient(t, 30*time.Second)
	for _, tc := range adversarialCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, svc.url+"/v1/analyze", strings.NewReader(string(tc.body)))
			if err != nil {
				t.Fatal(err)
			}
			ct := tc.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
			a := do(client, req)
			if a.err != nil {
				t.Fatalf("no answer: %v", a.err)
			}
			if a.status != tc.wantStatus {
				t.Fatalf("status %d, want %d; body %.300s", a.status, tc.wantStatus, a.body)
			}
			if tc.wantStatus != http.StatusOK {
				checkError(t, a, tc)
				return
			}
			var an sangbad.Analysis
			if err := json.Unmarshal(a.body, &an); err != nil {
				t.Fatalf("200 with a body that is not an analysis: %v", err)
			}
			var in struct {
				Text string `json:"text"`
			}
			if err := json.Unmarshal(tc.body, &in); err != nil {
				t.Fatalf("test body: %v", err)
			}
			checkAnalysis(t, in.Text, &an)
			if tc.wantLanguage != "" && an.Language.Code != tc.wantLanguage {
				t.Errorf("language %q, want %q", an.Language.Code, tc.wantLanguage)
			}
			if an.Language.Code == "und" && an.Language.Reason == "" {
				t.Error("language undetermined without a reason")
			}
			if tc.wantSentences > 0 && len(an.Sentences) != tc.wantSentences {
				t.Errorf("%d sentences, want %d", len(an.Sentences), tc.wantSentences)
			}
		})
	}
}

// checkError checks a JSON error answer: its code, a message naming the
// limit, and a request id.
func checkError(t *testing.T, a answer, tc adversarialCase) {
	t.Helper()
	var e struct {
		Error sangbad.ErrorBody `json:"error"`
	}
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %.300s", err, a.body)
	}
	if e.Error.Code != tc.wantCode {
		t.Errorf("code %q, want %q (message %q)", e.Error.Code, tc.wantCode, e.Error.Message)
	}
	if e.Error.Message == "" || !strings.Contains(e.Error.Message, tc.wantMessage) {
		t.Errorf("message %q does not name %q", e.Error.Message, tc.wantMessage)
	}
	if e.Error.ID == "" {
		t.Error("error has no request id")
	}
}

// checkAnalysis checks that a 200 analysis is sane: a language, and every
// span (sentences, amounts, dates, quotes, actor mentions) inside the text
// with the text it claims, summaries that are either text or a JSON error
// and cite existing sentences.
func checkAnalysis(t *testing.T, text string, an *sangbad.Analysis) {
	t.Helper()
	if an.Language.Code == "" {
		t.Error("no language code")
	}
	runes := []rune(text)
	span := func(what string, s sangbad.Span) {
		if s.Start < 0 || s.Start > s.End || s.End > len(runes) {
			t.Errorf("%s [%d,%d) is outside the text (%d code points)", what, s.Start, s.End, len(runes))
			return
		}
		if got := string(runes[s.Start:s.End]); got != s.Text {
			t.Errorf("%s [%d,%d) is %q in the text but says %q", what, s.Start, s.End, got, s.Text)
		}
	}
	for i, s := range an.Sentences {
		span(fmt.Sprintf("sentence %d", i), s)
	}
	for i, f := range an.Facts.Amounts {
		span(fmt.Sprintf("amount %d", i), f.Span)
	}
	for i, f := range an.Facts.Dates {
		span(fmt.Sprintf("date %d", i), f.Span)
	}
	for i, f := range an.Facts.Quotes {
		span(fmt.Sprintf("quote %d", i), f.Span)
	}
	for i, f := range an.Facts.Actors {
		for j, m := range f.Mentions {
			span(fmt.Sprintf("actor %d mention %d", i, j), m.Span)
		}
	}
	for lang, s := range an.Summaries {
		if s.Error != nil {
			if s.Error.Code == "" || s.Error.Message == "" {
				t.Errorf("summary %s: error without code or message: %+v", lang, s.Error)
			}
			continue
		}
		if s.Text == "" && an.Language.Code != "und" {
			t.Errorf("summary %s is empty without an error", lang)
		}
		for _, ss := range s.Sentences {
			for _, src := range ss.Sources {
				if src < 0 || src >= len(an.Sentences) {
					t.Errorf("summary %s cites sentence %d of %d", lang, src, len(an.Sentences))
				}
			}
		}
	}
}
