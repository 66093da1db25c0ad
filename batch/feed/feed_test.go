package feed

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
)

// got is an item reduced to what the tests compare.
type gotItem struct {
	Article sangbad.Article
	Pos     string
	ErrKind sangbad.Kind
}

func collect(t *testing.T, src Source) []gotItem {
	t.Helper()
	defer src.Close()
	var out []gotItem
	for {
		it, err := src.Next(context.Background())
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		g := gotItem{Article: it.Article, Pos: it.Pos}
		if it.Err != nil {
			g.ErrKind = sangbad.ErrorKind(it.Err)
		}
		out = append(out, g)
	}
}

func open(t *testing.T, path string, opt Options) Source {
	t.Helper()
	src, err := Open(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("Open(%q): %v", path, err)
	}
	return src
}

func TestJSONL(t *testing.T) {
	want := []gotItem{
		{Pos: "testdata/articles.jsonl:1", Article: sangbad.Article{ID: "reuters-001", Title: "TikTok, GoTo to run trial e-commerce partnership",
			Text:      "JAKARTA, Dec 12 (Reuters) - China's TikTok and Indonesian tech group GoTo will run a trial e-commerce partnership for several months.",
			Published: "2023-12-12", URL: "https://example.com/tiktok-goto"}},
		{Pos: "testdata/articles.jsonl:2", Article: sangbad.Article{ID: "42", Title: "Bangladesh central bank holds policy rate",
			Text: "DHAKA, Jan 17 - Bangladesh Bank kept its policy rate unchanged at 7.75 percent on Wednesday.", Published: "2024-01-17"}},
		{Pos: "testdata/articles.jsonl:4", Article: sangbad.Article{ID: "urn:bss:2024:0091",
			Text: "ঢাকা, ৫ ফেব্রুয়ারি - পদ্মা সেতু দিয়ে গত মাসে ১৫ লাখ যানবাহন পারাপার হয়েছে।", Published: "2024-02-05"}},
		{Pos: "testdata/articles.jsonl:5", ErrKind: sangbad.Invalid},
		{Pos: "testdata/articles.jsonl:6", Article: sangbad.Article{ID: "no-text", Title: "A headline without a story"}, ErrKind: sangbad.Invalid},
		{Pos: "testdata/articles.jsonl:7", Article: sangbad.Article{Text: "An article without an id gets a content hash later.", URL: "https://example.com/x"}},
	}
	got := collect(t, open(t, "testdata/articles.jsonl", Options{}))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSONL items (-want +got):\n%s", diff)
	}
}

func TestJSONLLongLine(t *testing.T) {
	in := `{"id":"a","text":"short"}` + "\n" + `{"id":"b","text":"` + strings.Repeat("x", 200) + `"}` + "\n" + `{"id":"c","text":"after"}`
	src, err := Open(context.Background(), "-", Options{Stdin: strings.NewReader(in), MaxRecord: 100})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, src)
	want := []gotItem{
		{Pos: "stdin:1", Article: sangbad.Article{ID: "a", Text: "short"}},
		{Pos: "stdin:2", ErrKind: sangbad.TooLarge},
		{Pos: "stdin:3", Article: sangbad.Article{ID: "c", Text: "after"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestFolder(t *testing.T) {
	want := []gotItem{
		{Pos: "a-story.txt", Article: sangbad.Article{ID: "a-story.txt",
			Text: "DHAKA, March 3 - Heavy rain flooded parts of the capital on Sunday, disrupting traffic for hours.\n\nThe Met Office forecast more rain for Monday."}},
		{Pos: "b-page.html", Article: sangbad.Article{ID: "b-page.html", Title: "Floods hit Sylhet",
			Text:      "Floods hit Sylhet\n\nSYLHET, June 18 – Flash floods have stranded nearly 800,000 people in north-eastern Bangladesh, officials said.\n\nThe army has been deployed to help with rescue work.",
			Published: "2024-06-18", URL: "https://news.example.com/2024/06/18/floods-sylhet"}},
		{Pos: "sub/c-list.json#1", Article: sangbad.Article{ID: "json-1", Title: "Port traffic rises", Text: "Chattogram port handled 3.2 million containers in 2023, up 4 percent."}},
		{Pos: "sub/c-list.json#2", Article: sangbad.Article{ID: "json-2", Text: "Exports of ready-made garments reached $47 billion."}},
	}
	got := collect(t, open(t, "testdata/folder", Options{}))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("folder items (-want +got):\n%s", diff)
	}
}

func TestFeeds(t *testing.T) {
	tests := []struct {
		path string
		want []gotItem
	}{
		{"testdata/rss.xml", []gotItem{
			{Pos: "testdata/rss.xml#1", Article: sangbad.Article{ID: "wire-2023-12-12-0042", Title: "Indonesia approves TikTok-Tokopedia deal",
				Text:      "JAKARTA, Dec 12 (Wire) - TikTok will invest $1.5 billion in Tokopedia.\n\nThe deal was approved by regulators on Monday.",
				Published: "2023-12-12", URL: "https://wire.example.com/asia/2023/12/12/tiktok"}},
			{Pos: "testdata/rss.xml#2", Article: sangbad.Article{ID: "https://wire.example.com/asia/2023/12/11/rice", Title: "Rice prices steady in Dhaka",
				Text:      "DHAKA, Dec 11 - Coarse rice sold at 50 taka a kilogram.",
				Published: "2023-12-11", URL: "https://wire.example.com/asia/2023/12/11/rice"}},
		}},
		{"testdata/atom.xml", []gotItem{
			{Pos: "testdata/atom.xml#1", Article: sangbad.Article{ID: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a", Title: "পদ্মা সেতুতে রেকর্ড যান চলাচল",
				Text:      "ঢাকা, ৫ ফেব্রুয়ারি - পদ্মা সেতু দিয়ে গত মাসে ১৫ লাখ যানবাহন পারাপার হয়েছে।",
				Published: "2024-02-05", URL: "https://atom.example.com/bn/padma"}},
		}},
		{"testdata/story.nitf.xml", []gotItem{
			{Pos: "testdata/story.nitf.xml", Article: sangbad.Article{ID: "EXW-20240110-0007", Title: "Bangladesh garment exports hit record $47 billion",
				Text: "DHAKA, Jan 10\n\n" +
					"Bangladesh's ready-made garment exports reached a record $47 billion in 2023, the Export Promotion Bureau said on Wednesday.\n\n" +
					"Shipments to the European Union rose 9 percent, while exports to the United States fell.\n\n" +
					"\"Demand is recovering,\" said Faruque Hassan, president of the BGMEA.",
				Published: "2024-01-10"}},
		}},
		{"testdata/message.newsml.xml", []gotItem{
			{Pos: "testdata/message.newsml.xml#1", Article: sangbad.Article{ID: "urn:newsml:wire.example.com:20240205:padma-traffic", Title: "পদ্মা সেতুতে রেকর্ড যান চলাচল",
				Text:      "ঢাকা, ৫ ফেব্রুয়ারি\n\nপদ্মা সেতু দিয়ে গত মাসে ১৫ লাখ যানবাহন পারাপার হয়েছে।\n\nসেতু কর্তৃপক্ষ জানিয়েছে, টোল আদায় হয়েছে ৮০ কোটি টাকা।",
				Published: "2024-02-05"}},
			{Pos: "testdata/message.newsml.xml#3", Article: sangbad.Article{ID: "urn:newsml:wire.example.com:20240205:rates", Title: "Central bank keeps rates on hold",
				Text: "Bangladesh Bank kept its policy rate at 7.75 percent.", Published: "2024-02-06"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			got := collect(t, open(t, tt.path, Options{}))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestFeedOverHTTP(t *testing.T) {
	data, err := os.ReadFile("testdata/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/feed" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(data)
	}))
	defer srv.Close()
	got := collect(t, open(t, srv.URL+"/feed", Options{HTTPClient: srv.Client()}))
	if len(got) != 2 || got[0].Article.ID != "wire-2023-12-12-0042" {
		t.Errorf("feed over HTTP: got %+v", got)
	}
	if _, err := Open(context.Background(), srv.URL+"/missing", Options{HTTPClient: srv.Client()}); sangbad.ErrorKind(err) != sangbad.Unavailable {
		t.Errorf("missing feed: got error %v, want kind unavailable", err)
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
	}{
		{"x.jsonl", "", FormatJSONL},
		{"", `  {"id":1}`, FormatJSONL},
		{"", `[{"id":1}]`, FormatJSON},
		{"", `<?xml version="1.0"?><rss version="2.0">`, FormatFeed},
		{"", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
		{"", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, FormatFeed},
		{"a.xml", `<?xml version="1.0"?><!-- c --><nitf version="3.6">`, FormatNITF},
		{"", `<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">`, FormatNewsML},
		{"", `<newsItem guid="x">`, FormatNewsML},
		{"", "<!DOCTYPE html>\n<html><head><meta charset=utf-8>", FormatHTML},
		{"page.htm", "", FormatHTML},
		{"", "Plain story text.", FormatText},
		{"", "<unknown/>", FormatUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name+tt.head, func(t *testing.T) {
			if got := Detect(tt.name, []byte(tt.head)); got != tt.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", tt.name, tt.head, got, tt.want)
			}
		})
	}
}

func TestStdinSniffsFormat(t *testing.T) {
	data, err := os.ReadFile("testdata/story.nitf.xml")
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, open(t, "-", Options{Stdin: strings.NewReader(string(data))}))
	if len(got) != 1 || got[0].Article.ID != "EXW-20240110-0007" {
		t.Errorf("NITF on stdin: got %+v", got)
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := map[string]string{
		"2023-12-12":                      "2023-12-12",
		"2024-01-17T09:30:00+06:00":       "2024-01-17",
		"20240110T061500+0600":            "2024-01-10",
		"20240110":                        "2024-01-10",
		"Mon, 05 Feb 2024 10:00:00 +0600": "2024-02-05",
		"2024-02-05T10:00:00.123456Z":     "2024-02-05",
		"yesterday":                       "",
		"":                                "",
	}
	for in, want := range tests {
		t.Run(in, func(t *testing.T) {
			if got := NormalizeDate(in); got != want {
				t.Errorf("NormalizeDate(%q) = %q, want %q", in, got, want)
			}
		})
	}
}

func TestHTMLText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n here", "plain text here"},
		{"<p>One <i>two</i></p><p>three</p>", "One two\n\nthree"},
		{"a<br>b<script>x()</script>", "a\n\nb"},
		{"Tom &amp; Jerry", "Tom & Jerry"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := HTMLText(tt.in); got != tt.want {
				t.Errorf("HTMLText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
