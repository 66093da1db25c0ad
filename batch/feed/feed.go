// Package feed reads news articles from the formats wire agencies and
// newsrooms deliver: JSONL, folders of .txt/.html/.json files, RSS and Atom
// feeds, NITF and NewsML-G2 XML, and standard input. Every reader is a
// streaming Source: large inputs are never loaded whole, and a record that
// cannot be read becomes an item error instead of ending the input.
package feed

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/sangbad/sangbad"
)

// Item is one article read from a source, or the error that kept one record
// from being read. A record error does not end the source.
type Item struct {
	Article sangbad.Article
	// Err is set when this record could not be read (a bad JSONL line, an
	// unparsable file). Article.ID is still set when it was known.
	Err error
	// Pos says where the record came from ("in.jsonl:12", "dir/a.html").
	Pos string
}

// Source yields articles one at a time. Next returns io.EOF after the last
// item; any other error is fatal for the whole source (an unreadable folder,
// a dropped connection). Close releases files and connections.
type Source interface {
	Next(ctx context.Context) (Item, error)
	Close() error
}

// Format is an input format.
type Format string

// Input formats.
const (
	FormatJSONL   Format = "jsonl"
	FormatJSON    Format = "json"
	FormatText    Format = "text"
	FormatHTML    Format = "html"
	FormatFeed    Format = "feed" // RSS, Atom, RDF
	FormatNITF    Format = "nitf"
	FormatNewsML  Format = "newsml"
	FormatUnknown Format = ""
)

// Options tune Open.
type Options struct {
	// Format forces a format instead of detecting it.
	Format Format
	// Stdin is read for the path "-".
	Stdin io.Reader
	// HTTPClient fetches http(s) URLs; nil uses a client with a 30 s timeout.
	HTTPClient *http.Client
	// MaxRecord bounds one JSONL line or one document in bytes (default 16 MiB).
	MaxRecord int
}

func (o Options) maxRecord() int {
	if o.MaxRecord > 0 {
		return o.MaxRecord
	}
	return 16 << 20
}

// Open opens path as a Source: "-" for stdin, an http(s) URL (usually a
// feed), a folder, or a file. The format is detected from the extension and
// the content unless opt.Format is set.
func Open(ctx context.Context, path string, opt Options) (Source, error) {
	switch {
	case path == "-":
		if opt.Stdin == nil {
			return nil, sangbad.Errorf(sangbad.Invalid, "no standard input to read")
		}
		return openReader(ctx, io.NopCloser(opt.Stdin), "stdin", "", opt)
	case strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://"):
		body, err := fetch(ctx, path, opt.HTTPClient)
		if err != nil {
			return nil, err
		}
		return openReader(ctx, body, path, "", opt)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("cannot open input %q", path))
	}
	if fi.IsDir() {
		return newDirSource(path, opt), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("cannot open input %q", path))
	}
	return openReader(ctx, f, path, filepath.Base(path), opt)
}

// Fetch GETs a URL and returns its body; the caller closes it.
func fetch(ctx context.Context, url string, c *http.Client) (io.ReadCloser, error) {
	if c == nil {
		c = &http.Client{Timeout: 30 * time.Second}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Invalid, err, fmt.Sprintf("bad URL %q", url))
	}
	req.Header.Set("User-Agent", "sangbad/1 (+https://github.com/sangbad/sangbad)")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml, text/xml, application/x-ndjson, */*;q=0.5")
	resp, err := c.Do(req)
	if err != nil {
		return nil, sangbad.WrapError(sangbad.Unavailable, err, fmt.Sprintf("cannot fetch %s", url))
	}
	if resp.StatusCode/100 != 2 {
		resp.Body.Close()
		return nil, sangbad.Errorf(sangbad.Unavailable, "fetch %s: HTTP %d", url, resp.StatusCode)
	}
	return resp.Body, nil
}

// openReader detects the format of rc and wraps it. id is the article id for
// single-article formats (text, HTML); rc is closed by the returned Source.
func openReader(ctx context.Context, rc io.ReadCloser, name, id string, opt Options) (Source, error) {
	br := bufio.NewReaderSize(rc, 64<<10)
	format := opt.Format
	if format == FormatUnknown {
		head, _ := br.Peek(64 << 10) // a short read just gives a shorter head
		format = Detect(name, head)
	}
	switch format {
	case FormatJSONL:
		return newJSONL(br, rc, name, opt.maxRecord()), nil
	case FormatJSON:
		return newJSONDoc(br, rc, name), nil
	}
	defer rc.Close()
	data, err := readAll(br, opt.maxRecord())
	if err != nil {
		return &sliceSource{items: []Item{{Article: sangbad.Article{ID: id}, Err: err, Pos: name}}}, nil
	}
	var items []Item
	switch format {
	case FormatText:
		items = []Item{textItem(data, id, name)}
	case FormatHTML:
		items = []Item{htmlItem(data, id, name)}
	case FormatFeed:
		items = parseFeed(data, name)
	case FormatNITF:
		items = parseNITF(data, id, name)
	case FormatNewsML:
		items = parseNewsML(data, name)
	default:
		return nil, sangbad.Errorf(sangbad.Unsupported, "%s: unrecognised input format", name)
	}
	return &sliceSource{items: items}, nil
}

func readAll(r io.Reader, max int) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return nil, fmt.Errorf("read: %w", err)
	}
	if len(data) > max {
		return nil, sangbad.Errorf(sangbad.TooLarge, "document larger than %d bytes", max)
	}
	return data, nil
}

// Detect guesses the format from a file name (may be empty) and the first
// bytes of the content.
func Detect(name string, head []byte) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".json":
		return FormatJSON
	case ".txt", ".text":
		return FormatText
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	case ".rss", ".atom":
		return FormatFeed
	case ".nitf":
		return FormatNITF
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(trimmed) == 0 {
		return FormatText
	}
	switch trimmed[0] {
	case '{':
		return FormatJSONL
	case '[':
		return FormatJSON
	case '<':
		return sniffXML(trimmed)
	}
	return FormatText
}

// sniffXML names the format from the root element.
func sniffXML(head []byte) Format {
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch strings.ToLower(se.Name.Local) {
		case "rss", "feed", "rdf":
			return FormatFeed
		case "nitf":
			return FormatNITF
		case "newsmessage", "newsitem":
			return FormatNewsML
		case "html":
			return FormatHTML
		}
		break
	}
	if bytes.Contains(bytes.ToLower(head[:min(len(head), 4096)]), []byte("<html")) {
		return FormatHTML
	}
	return FormatUnknown
}

// sliceSource yields items parsed up front (a feed, one XML document).
type sliceSource struct {
	items []Item
	i     int
}

func (s *sliceSource) Next(ctx context.Context) (Item, error) {
	if err := ctx.Err(); err != nil {
		return Item{}, err
	}
	if s.i >= len(s.items) {
		return Item{}, io.EOF
	}
	it := s.items[s.i]
	s.items[s.i] = Item{}
	s.i++
	return it, nil
}

func (s *sliceSource) Close() error { return nil }

// Slice returns a Source over the given articles (for tests and callers that
// already hold articles in memory).
func Slice(articles ...sangbad.Article) Source {
	items := make([]Item, len(articles))
	for i, a := range articles {
		items[i] = Item{Article: a, Pos: fmt.Sprintf("#%d", i+1)}
	}
	return &sliceSource{items: items}
}

// ErrNoText is the cause of an item error for a record without any text.
var errNoText = errors.New("no text")

func noText(pos string) error {
	return &sangbad.Error{Kind: sangbad.Invalid, Code: "text_required", Message: pos + ": the article has no text", Err: errNoText}
}

// textItem makes an article of a plain-text file: the whole file is the text.
func textItem(data []byte, id, pos string) Item {
	text := strings.TrimSpace(strings.ReplaceAll(string(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), "\r\n", "\n"))
	it := Item{Article: sangbad.Article{ID: id, Text: text}, Pos: pos}
	if text == "" {
		it.Err = noText(pos)
	}
	return it
}

// NormalizeDate turns the date forms found in feeds and wire XML into
// YYYY-MM-DD, or "" when s is not a recognised date.
func NormalizeDate(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	layouts := []string{
		time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", sangbad.DateLayout,
		"20060102T150405Z0700", "20060102T150405Z", "20060102T150405", "20060102",
		time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST",
		"2 Jan 2006", "January 2, 2006", "Jan 2, 2006",
	}
	for _, l := range layouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.Format(sangbad.DateLayout)
		}
	}
	if len(s) >= 10 { // a longer ISO timestamp with an unusual suffix
		if t, err := time.Parse(sangbad.DateLayout, s[:10]); err == nil {
			return t.Format(sangbad.DateLayout)
		}
	}
	return ""
}
