package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/llm/llmtest"
)

func noEnv(string) string { return "" }

func runCmd(t *testing.T, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), append([]string{"sangbad"}, args...), noEnv, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), err
}

func TestAnalyzeSeed(t *testing.T) {
	out, stderr, err := runCmd(t, "", "analyze", "testdata/seed_article_bn.txt", "--published", "2023-12-12")
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, stderr)
	}
	var a sangbad.Analysis
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("output is not an analysis: %v", err)
	}
	if a.Language.Code != "bn" {
		t.Errorf("language = %q, want bn", a.Language.Code)
	}
	var money []float64
	for _, m := range a.Facts.Amounts {
		if m.Kind == sangbad.AmountMoney {
			money = append(money, m.Value)
		}
	}
	if fmt.Sprint(money) != fmt.Sprint([]float64{840e6, 160e9, 6e9}) {
		t.Errorf("money = %v", money)
	}
	if s, ok := a.Summaries["bn"]; !ok || s.Method != sangbad.MethodExtractive || s.Text == "" {
		t.Errorf("bn summary = %+v", s)
	}
}

func TestAnalyzeErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		args []string
		kind sangbad.Kind
		code int
	}{
		{"empty stdin", "", []string{"analyze", "-"}, sangbad.Invalid, 3},
		{"bad date", "Some text here.", []string{"analyze", "--published", "12/12/2023"}, sangbad.Invalid, 3},
		{"too large", strings.Repeat("a", 500), []string{"analyze", "--max-chars", "100"}, sangbad.TooLarge, 3},
		{"missing file", "", []string{"analyze", "testdata/nope.txt"}, sangbad.Internal, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(t, tt.in, tt.args...)
			if err == nil {
				t.Fatal("no error")
			}
			if got := sangbad.ErrorKind(err); got != tt.kind {
				t.Errorf("kind = %s, want %s (%v)", got, tt.kind, err)
			}
			if got := exitCode(err); got != tt.code {
				t.Errorf("exit code = %d, want %d", got, tt.code)
			}
		})
	}
}

func TestUsage(t *testing.T) {
	_, stderr, err := runCmd(t, "", "frobnicate")
	var u errUsage
	if !errors.As(err, &u) || exitCode(err) != 2 {
		t.Errorf("unknown command: err = %v", err)
	}
	if !strings.Contains(stderr, "analyze") {
		t.Errorf("usage not printed: %q", stderr)
	}
}

func TestVerifyCommand(t *testing.T) {
	out, _, err := runCmd(t, "", "verify", "--source", "testdata/seed_article_bn.txt", "--published", "2023-12-12", "testdata/summary_en_good.txt")
	if err != nil {
		t.Fatalf("good summary: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "", "verify", "--source", "testdata/seed_article_bn.txt", "--published", "2023-12-12", "--format", "json", "testdata/summary_en_bad.txt")
	var nv errNotVerified
	if !errors.As(err, &nv) {
		t.Fatalf("bad summary: err = %v", err)
	}
	var res struct {
		Verified bool            `json:"verified"`
		Issues   []sangbad.Issue `json:"issues"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, is := range res.Issues {
		kinds[is.Kind+":"+strings.TrimPrefix(is.Text, "$")] = true
	}
	if res.Verified || !kinds["number:850 million"] || !kinds["name:Elon Musk"] {
		t.Errorf("issues = %+v", res.Issues)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func TestServe(t *testing.T) {
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var stderr bytes.Buffer
	go func() {
		done <- run(ctx, []string{"sangbad", "serve", "--addr", addr, "--data-dir", t.TempDir()}, noEnv, strings.NewReader(""), &bytes.Buffer{}, &stderr)
	}()
	base := "http://" + addr
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("server not healthy: %v\n%s", err, stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	body := `{"text": "DHAKA, Dec 12 (Reuters) - Bangladesh Bank raised its policy rate by 50 basis points to 7.75% on Tuesday, Governor Abdur Rouf Talukder said.", "published": "2023-12-12", "languages": ["en", "bn"]}`
	resp, err := http.Post(base+"/v1/analyze", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var a sangbad.Analysis
	err = json.NewDecoder(resp.Body).Decode(&a)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("analyze: status %d, %v", resp.StatusCode, err)
	}
	if a.Language.Code != "en" || a.Summaries["en"].Text == "" {
		t.Errorf("analysis: language %q, summaries %+v", a.Language.Code, a.Summaries)
	}
	if bn := a.Summaries["bn"]; bn.Error == nil || bn.Error.Code != "llm_not_configured" || !strings.Contains(bn.Error.Message, "OPENAI_BASE_URL") {
		t.Errorf("bn summary without LLM = %+v, want llm_not_configured naming OPENAI_BASE_URL", bn)
	}
	checkBatchAPI(t, base)
	resp, err = http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	metrics, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, m := range []string{"sangbad_http_requests_total", "sangbad_queue_depth", "go_goroutines"} {
		if !bytes.Contains(metrics, []byte(m)) {
			t.Errorf("/metrics lacks %s", m)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
}

func TestServeRefusesOpenAddressWithoutKeys(t *testing.T) {
	_, _, err := runCmd(t, "", "serve", "--addr", "0.0.0.0:0", "--no-queue")
	if err == nil || !strings.Contains(err.Error(), "API keys") {
		t.Errorf("err = %v, want a refusal naming API keys", err)
	}
}

func TestAnalyzeWithLLM(t *testing.T) {
	stub := llmtest.NewServer(t)
	getenv := func(k string) string {
		if k == "OPENAI_BASE_URL" {
			return stub.BaseURL()
		}
		return ""
	}
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"sangbad", "analyze", "testdata/seed_article_bn.txt", "--published", "2023-12-12", "--languages", "bn"}, getenv, strings.NewReader(""), &out, &errb)
	if err != nil {
		t.Fatalf("analyze: %v\n%s", err, errb.String())
	}
	var a sangbad.Analysis
	if err := json.Unmarshal(out.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	s := a.Summaries["bn"]
	if s.Method != sangbad.MethodLLM || s.Text == "" || s.Verified == nil || s.PromptVersion == "" {
		t.Errorf("bn summary = %+v, want an LLM summary with verification and prompt version", s)
	}
	if a.Usage == nil || a.Usage.Calls == 0 {
		t.Errorf("usage = %+v, want the LLM calls counted", a.Usage)
	}
	if len(stub.Requests()) == 0 {
		t.Error("the stub saw no request")
	}
}

func TestTranslateNeedsLLM(t *testing.T) {
	_, _, err := runCmd(t, "", "translate", "--to", "en", "testdata/seed_article_bn.txt")
	if sangbad.ErrorKind(err) != sangbad.Unavailable || !strings.Contains(err.Error(), "OPENAI_BASE_URL") {
		t.Errorf("err = %v, want Unavailable naming OPENAI_BASE_URL", err)
	}
	if exitCode(err) != 4 {
		t.Errorf("exit code = %d, want 4", exitCode(err))
	}
}

// checkBatchAPI submits two articles to POST /v1/batches and waits for
// their results through the embedded queue and worker.
func checkBatchAPI(t *testing.T, base string) {
	t.Helper()
	jsonl := `{"id": "s1", "text": "The central bank kept its policy rate at 7.75% on Tuesday, the governor said in Dhaka."}
{"id": "s2", "text": "বাংলাদেশ ব্যাংক মঙ্গলবার নীতি সুদহার ৭.৭৫ শতাংশে অপরিবর্তিত রেখেছে বলে গভর্নর জানিয়েছেন।"}
`
	resp, err := http.Post(base+"/v1/batches", "application/x-ndjson", strings.NewReader(jsonl))
	if err != nil {
		t.Fatal(err)
	}
	var st struct {
		ID    string `json:"id"`
		State string `json:"state"`
		Done  int    `json:"done"`
	}
	err = json.NewDecoder(resp.Body).Decode(&st)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusAccepted || st.ID == "" {
		t.Fatalf("create batch: status %d, %+v, %v", resp.StatusCode, st, err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for st.State != "done" {
		if time.Now().After(deadline) {
			t.Fatalf("batch not done: %+v", st)
		}
		time.Sleep(50 * time.Millisecond)
		resp, err := http.Get(base + "/v1/batches/" + st.ID)
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&st)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	resp, err = http.Get(base + "/v1/batches/" + st.ID + "/results")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	langs := map[string]string{}
	for dec.More() {
		var line struct {
			ID       string            `json:"id"`
			Analysis *sangbad.Analysis `json:"analysis"`
		}
		if err := dec.Decode(&line); err != nil {
			t.Fatal(err)
		}
		if line.Analysis != nil {
			langs[line.ID] = line.Analysis.Language.Code
		}
	}
	if langs["s1"] != "en" || langs["s2"] != "bn" {
		t.Errorf("batch results languages = %v, want s1:en s2:bn", langs)
	}
}

func TestBatchResumesAndWatchDedups(t *testing.T) {
	dir := t.TempDir()
	in := dir + "/in.jsonl"
	lines := `{"id": "a", "text": "The finance minister said on Monday the budget deficit would fall to 4.5% of GDP next year."}
{"id": "b", "text": ""}
{"id": "c", "text": "ঢাকা স্টক এক্সচেঞ্জে সোমবার লেনদেন হয়েছে ৮৫০ কোটি টাকা, জানিয়েছে কর্তৃপক্ষ।"}
`
	if err := os.WriteFile(in, []byte(lines), 0o600); err != nil {
		t.Fatal(err)
	}
	out := dir + "/out.jsonl"
	_, stderr, err := runCmd(t, "", "batch", "--in", in, "--out", out, "--concurrency", "2")
	if err == nil || !strings.Contains(err.Error(), "1 failed") {
		t.Fatalf("first run: err = %v (want 1 failed item reported)\n%s", err, stderr)
	}
	got := readLines(t, out)
	if len(got) != 3 {
		t.Fatalf("results = %d lines, want 3 (failures recorded too)", len(got))
	}
	// A rerun skips what the output holds.
	_, stderr, err = runCmd(t, "", "batch", "--in", in, "--out", out)
	if err != nil && !strings.Contains(err.Error(), "failed") {
		t.Fatalf("rerun: %v", err)
	}
	if n := len(readLines(t, out)); n != 3 {
		t.Errorf("after rerun: %d lines, want 3 (nothing reprocessed)\n%s", n, stderr)
	}

	// watch: an identical re-send is not processed again.
	rss := dir + "/feed.xml"
	feedXML := `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>g1</guid><title>Rates held</title><pubDate>Tue, 12 Dec 2023 08:00:00 GMT</pubDate>
<description>The central bank held its policy rate at 7.75% on Tuesday, the governor said.</description></item>
</channel></rss>`
	if err := os.WriteFile(rss, []byte(feedXML), 0o600); err != nil {
		t.Fatal(err)
	}
	wout := dir + "/watch.jsonl"
	for i := 0; i < 2; i++ {
		if _, stderr, err := runCmd(t, "", "watch", "--feed", rss, "--once", "--out", wout); err != nil {
			t.Fatalf("watch %d: %v\n%s", i, err, stderr)
		}
	}
	if n := len(readLines(t, wout)); n != 1 {
		t.Errorf("watch twice over the same feed: %d results, want 1", n)
	}
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSpace(string(b)), "\n")
}

func TestProviderBatch(t *testing.T) {
	stub := llmtest.NewServer(t)
	getenv := func(k string) string {
		if k == "OPENAI_BASE_URL" {
			return stub.BaseURL()
		}
		return ""
	}
	dir := t.TempDir()
	in := dir + "/in.jsonl"
	if err := os.WriteFile(in, []byte(`{"id": "p1", "text": "The central bank held its policy rate at 7.75% on Tuesday, the governor said in Dhaka. Markets were calm."}
{"id": "p2", "text": "The finance ministry said on Monday that exports rose 12% in November. Officials expect more growth."}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	out := dir + "/out.jsonl"
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), []string{"sangbad", "batch", "--in", in, "--out", out, "--provider-batch", "--poll-every", "10ms"}, getenv, strings.NewReader(""), &stdout, &stderr)
	if err != nil {
		t.Fatalf("provider batch: %v\n%s", err, stderr.String())
	}
	lines := readLines(t, out)
	if len(lines) != 2 {
		t.Fatalf("%d result lines, want 2", len(lines))
	}
	for _, l := range lines {
		var r struct {
			Analysis *sangbad.Analysis `json:"analysis"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Analysis == nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		if s := r.Analysis.Summaries["en"]; s.Method != sangbad.MethodLLM {
			t.Errorf("summary method = %q, want llm (via the Batch API)", s.Method)
		}
	}
	reqs := stub.Requests()
	for _, r := range reqs {
		if !r.Batch {
			t.Errorf("a synchronous model call (%s); every summary should go through the Batch API", r.Path)
		}
	}
	if len(reqs) != 2 {
		t.Errorf("%d model requests, want 2 (one summary per article)", len(reqs))
	}
	if fileExists(out + ".provider.json") {
		t.Error("state file left after a completed run")
	}
}

func TestServeFailsCleanlyWhenAddressIsTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	done := make(chan error, 1)
	go func() {
		_, _, err := runCmd(t, "", "serve", "--addr", ln.Addr().String(), "--data-dir", t.TempDir())
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "listen") {
			t.Errorf("err = %v, want a listen error", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve hung after failing to listen")
	}
}
