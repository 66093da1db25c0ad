package feed

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"testing"
	"unicode/utf8"
)

// FuzzOpen feeds arbitrary bytes to format detection and every reader: no
// input may panic or loop, and texts stay valid UTF-8 when the input is.
func FuzzOpen(f *testing.F) {
	for _, p := range []string{"testdata/articles.jsonl", "testdata/rss.xml", "testdata/atom.xml", "testdata/story.nitf.xml", "testdata/message.newsml.xml", "testdata/folder/b-page.html", "testdata/folder/sub/c-list.json"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := Open(context.Background(), "-", Options{Stdin: bytes.NewReader(data), MaxRecord: 1 << 16})
		if err != nil {
			return
		}
		defer src.Close()
		for range 10000 {
			it, err := src.Next(context.Background())
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				return
			}
			if it.Err == nil && utf8.Valid(data) && !utf8.ValidString(it.Article.Text) {
				t.Fatalf("invalid UTF-8 text from valid input")
			}
		}
		t.Fatal("source did not end")
	})
}
