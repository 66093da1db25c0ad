package llmtest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func post(t *testing.T, url, body string) *http.Response {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

const article = "Summarise.\n<<<ARTICLE id=X>>>\nTitle: Deal\n[0] TikTok will invest $840 million.\n[1] It was announced in Jakarta.\n<<<END ARTICLE id=X>>>"

func TestChatJSON(t *testing.T) {
	s := NewServer(t)
	body, _ := json.Marshal(map[string]any{
		"model": "m1", "messages": []Message{{"system", "sys"}, {"user", article}},
		"response_format": map[string]any{"type": "json_schema", "json_schema": map[string]any{"name": "s", "strict": true,
			"schema": json.RawMessage(`{"type":"object","required":["sentences"],"properties":{"sentences":{"type":"array","items":{"type":"object","properties":{"text":{"type":"string"},"sources":{"type":"array","items":{"type":"integer"}}}}}}}`)}},
	})
	resp := post(t, s.BaseURL()+"/chat/completions", string(body))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var got struct {
		Model   string `json:"model"`
		Choices []struct {
			Message      Message `json:"message"`
			FinishReason string  `json:"finish_reason"`
		} `json:"choices"`
		Usage usage `json:"usage"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	want := `{"sentences":[{"sources":[0],"text":"TikTok will invest $840 million."},{"sources":[1],"text":"It was announced in Jakarta."}]}`
	if got.Model != "m1" || got.Choices[0].Message.Content != want || got.Choices[0].FinishReason != "stop" {
		t.Errorf("got %+v\nwant content %s", got, want)
	}
	if got.Usage.TotalTokens != got.Usage.PromptTokens+got.Usage.CompletionTokens || got.Usage.PromptTokens == 0 {
		t.Errorf("usage %+v", got.Usage)
	}
	r := s.Requests()[0]
	if r.System() != "sys" || r.User() != article || r.FormatType() != "json_schema" || r.N != 1 {
		t.Errorf("recorded %+v", r)
	}
}

func TestChatStream(t *testing.T) {
	s := NewServer(t, WithHandler(Fixed(Reply{Chunks: []string{"Hel", "lo"}, FinishReason: "length", PromptTokens: 5, CompletionTokens: 2})))
	resp := post(t, s.BaseURL()+"/chat/completions", `{"model":"m","messages":[{"role":"user","content":"x"}],"stream":true,"stream_options":{"include_usage":true}}`)
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("content type %q", ct)
	}
	var events []string
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if line := sc.Text(); line != "" {
			events = append(events, line)
		}
	}
	if len(events) != 6 || events[5] != "data: [DONE]" {
		t.Fatalf("events:\n%s", strings.Join(events, "\n"))
	}
	var content, finish string
	var u *usage
	for _, e := range events[:5] {
		var chunk struct {
			Choices []struct {
				Delta        map[string]string `json:"delta"`
				FinishReason *string           `json:"finish_reason"`
			} `json:"choices"`
			Usage *usage `json:"usage"`
		}
		if err := json.Unmarshal([]byte(strings.TrimPrefix(e, "data: ")), &chunk); err != nil {
			t.Fatalf("%s: %v", e, err)
		}
		for _, c := range chunk.Choices {
			content += c.Delta["content"]
			if c.FinishReason != nil {
				finish = *c.FinishReason
			}
		}
		if chunk.Usage != nil {
			u = chunk.Usage
		}
	}
	if content != "Hello" || finish != "length" || u == nil || *u != (usage{5, 2, 7}) {
		t.Errorf("content %q finish %q usage %+v", content, finish, u)
	}
}

func TestErrorsAndHeaders(t *testing.T) {
	s := NewServer(t, WithHandler(Sequence(Fixed(RateLimited("3")), Content("ok"))))
	resp := post(t, s.BaseURL()+"/chat/completions", `{"model":"m","messages":[]}`)
	var body errorBody
	json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "3" || body.Error.Code == nil || *body.Error.Code != "rate_limit_exceeded" {
		t.Errorf("status %d retry-after %q body %+v", resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if resp := post(t, s.BaseURL()+"/chat/completions", `{"model":"m","messages":[]}`); resp.StatusCode != 200 {
		t.Errorf("second answer status %d", resp.StatusCode)
	}
	if resp := post(t, s.BaseURL()+"/chat/completions", `{not json`); resp.StatusCode != 400 {
		t.Errorf("bad JSON status %d", resp.StatusCode)
	}
}

func TestWithoutJSONSchema(t *testing.T) {
	s := NewServer(t, WithoutJSONSchema())
	resp := post(t, s.BaseURL()+"/chat/completions", `{"model":"m","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":{}}}}`)
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 400 || !strings.Contains(string(b), "response_format") {
		t.Errorf("status %d body %s", resp.StatusCode, b)
	}
	if resp := post(t, s.BaseURL()+"/chat/completions", `{"model":"m","messages":[],"response_format":{"type":"json_object"}}`); resp.StatusCode != 200 {
		t.Errorf("json_object status %d", resp.StatusCode)
	}
}

func TestModelsAndAuth(t *testing.T) {
	s := NewServer(t, WithModels("a", "b"), WithAPIKey("k"))
	req, _ := http.NewRequest("GET", s.BaseURL()+"/models", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("no key: status %d", resp.StatusCode)
	}
	req.Header.Set("Authorization", "Bearer k")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	json.NewDecoder(resp.Body).Decode(&list)
	if len(list.Data) != 2 || list.Data[1].ID != "b" {
		t.Errorf("models %+v", list)
	}
}

func TestEcho(t *testing.T) {
	schemaInPrompt := `Answer with only a JSON object matching this JSON schema: {"type":"object","properties":{"translation":{"type":"string"},"names":{"type":"array","items":{"type":"object","properties":{"source":{"type":"string"}}}}}}`
	tests := []struct {
		name string
		req  Request
		want string
	}{
		{"text", Request{Messages: []Message{{"user", article}}}, "TikTok will invest $840 million. It was announced in Jakarta."},
		{"schema in system prompt", Request{Messages: []Message{{"system", schemaInPrompt}, {"user", "<<<TEXT id=1>>>\nটিকটক বিনিয়োগ করবে। চুক্তি হয়েছে।\n<<<END TEXT id=1>>>"}}},
			`{"names":[{"source":"টিকটক বিনিয়োগ করবে।"},{"source":"চুক্তি হয়েছে।"}],"translation":"টিকটক বিনিয়োগ করবে।"}`},
		{"enum", Request{Messages: []Message{{"user", "x"}}, ResponseFormat: &ResponseFormat{Type: "json_schema", JSONSchema: &JSONSchema{
			Schema: json.RawMessage(`{"type":"object","properties":{"type":{"type":"string","enum":["person","place"]}}}`)}}}, `{"type":"person"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Echo(tt.req).Content; got != tt.want {
				t.Errorf("Echo = %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestArticleSentences(t *testing.T) {
	got := ArticleSentences("<<<ARTICLE id=9>>>\nDhaka, Dec 12. Prices rose 5%! Why? ঢাকায় দাম বেড়েছে। শেষ।\n<<<END ARTICLE id=9>>>")
	want := []string{"Dhaka, Dec 12.", "Prices rose 5%!", "Why?", "ঢাকায় দাম বেড়েছে।", "শেষ।"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFilesAndBatches(t *testing.T) {
	s := NewServer(t, WithBatchPolls(1))
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("purpose", "batch")
	fw, _ := mw.CreateFormFile("file", "in.jsonl")
	fw.Write([]byte(`{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"Hello there."}]}}` + "\n"))
	mw.Close()
	resp, err := http.Post(s.BaseURL()+"/files", mw.FormDataContentType(), &buf)
	if err != nil {
		t.Fatal(err)
	}
	var f struct{ ID, Purpose string }
	json.NewDecoder(resp.Body).Decode(&f)
	resp.Body.Close()
	if f.ID == "" || f.Purpose != "batch" {
		t.Fatalf("file %+v", f)
	}
	type batchObj struct {
		ID, Status   string
		OutputFileID string `json:"output_file_id"`
	}
	var b batchObj
	json.NewDecoder(post(t, s.BaseURL()+"/batches", `{"input_file_id":"`+f.ID+`","endpoint":"/v1/chat/completions","completion_window":"24h"}`).Body).Decode(&b)
	if b.Status != "in_progress" {
		t.Fatalf("created batch %+v", b)
	}
	get := func(path string) *http.Response {
		resp, err := http.Get(s.BaseURL() + path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
	json.NewDecoder(get("/batches/" + b.ID).Body).Decode(&b)
	if b.Status != "completed" || b.OutputFileID == "" {
		t.Fatalf("polled batch %+v", b)
	}
	out, _ := io.ReadAll(get("/files/" + b.OutputFileID + "/content").Body)
	var line struct {
		CustomID string `json:"custom_id"`
		Response struct {
			StatusCode int `json:"status_code"`
			Body       struct {
				Choices []struct{ Message Message }
			} `json:"body"`
		} `json:"response"`
	}
	if err := json.Unmarshal(out, &line); err != nil {
		t.Fatalf("%s: %v", out, err)
	}
	if line.CustomID != "a" || line.Response.StatusCode != 200 || line.Response.Body.Choices[0].Message.Content != "Hello there." {
		t.Errorf("output line %s", out)
	}
	if r := s.Requests()[0]; !r.Batch || r.CustomID != "a" {
		t.Errorf("batch request recorded as %+v", r)
	}
	if resp := get("/batches/nope"); resp.StatusCode != 404 {
		t.Errorf("unknown batch status %d", resp.StatusCode)
	}
}
