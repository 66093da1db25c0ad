package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// zeroAnalyzer answers instantly with an empty analysis.
type zeroAnalyzer struct{}

func (zeroAnalyzer) Analyze(_ context.Context, a sangbad.Article, _ sangbad.Options) (*sangbad.Analysis, error) {
	return &sangbad.Analysis{ID: a.ID, Language: sangbad.Language{Code: "und", Name: "Unknown"}}, nil
}

func (zeroAnalyzer) Detect(context.Context, string) (sangbad.Language, error) {
	return sangbad.Language{Code: "und", Name: "Unknown"}, nil
}

func (z zeroAnalyzer) Facts(ctx context.Context, a sangbad.Article) (*sangbad.Analysis, error) {
	return z.Analyze(ctx, a, sangbad.Options{})
}

// FuzzDecodeRequest feeds arbitrary bodies to the request decoding and to
// the whole /v1/analyze handler: nothing may panic, every rejection is a
// client error with a code, invalid UTF-8 is always caught, and whatever
// is accepted is valid JSON (after an optional byte order mark).
func FuzzDecodeRequest(f *testing.F) {
	for _, seed := range []string{
		`{"text": "TikTok will invest $840 million."}`,
		`{"text": "জাকার্তা, ডিসেম্বর 12 – চীনের TikTok", "published": "2023-12-12", "languages": ["en", "bn"]}`,
		`{"text": 1}`, `[]`, `{"text": "a"} x`, "{\"text\": \"\xff\"}", `{"text": "\ud800"}`,
		`{"text":"a","x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}`,
	} {
		f.Add([]byte(seed))
	}
	h := NewServer(Deps{Analyzer: zeroAnalyzer{}}, Config{MaxBodyBytes: 1 << 16})
	f.Fuzz(func(t *testing.T, body []byte) {
		var req articleRequest
		err := decodeJSON(body, DefaultMaxJSONDepth, &req)
		if err == nil {
			err = checkText("text", req.Text)
		}
		if err == nil {
			err = checkDate("published", req.Published)
		}
		if err == nil {
			_, err = req.options()
		}
		if err != nil {
			var se *sangbad.Error
			if !errors.As(err, &se) || se.Code == "" || statusOf(err) < 400 || statusOf(err) >= 500 {
				t.Fatalf("rejection %v is not a coded client error", err)
			}
			if !utf8.Valid(body) && se.Code != codeTextNotUTF8 {
				t.Fatalf("invalid UTF-8 gave %q", se.Code)
			}
		} else if !json.Valid(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))) {
			t.Fatalf("accepted invalid JSON %q", body)
		}

		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/v1/analyze", strings.NewReader(string(body)))
		r.Header.Set("Content-Type", "application/json")
		h.ServeHTTP(rec, r)
		switch {
		case err == nil && rec.Code != http.StatusOK, err != nil && rec.Code != statusOf(err):
			t.Fatalf("handler answered %d, decoding said %v: %s", rec.Code, err, rec.Body)
		case !json.Valid(rec.Body.Bytes()):
			t.Fatalf("answer is not JSON: %q", rec.Body)
		}
	})
}
