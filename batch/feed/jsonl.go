package feed

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sangbad/sangbad"
)

// record is the accepted shape of one JSON article: the sangbad field names
// plus the common aliases used by scrapers and agency exports.
type record struct {
	ID          json.RawMessage `json:"id"`
	GUID        string          `json:"guid"`
	Title       string          `json:"title"`
	Headline    string          `json:"headline"`
	Text        *string         `json:"text"`
	Body        *string         `json:"body"`
	Content     *string         `json:"content"`
	Published   string          `json:"published"`
	Date        string          `json:"date"`
	PublishedAt string          `json:"published_at"`
	PubDate     string          `json:"pubDate"`
	URL         string          `json:"url"`
	Link        string          `json:"link"`
}

func (r *record) article(pos string) (sangbad.Article, error) {
	a := sangbad.Article{
		ID:    rawID(r.ID),
		Title: strings.TrimSpace(first(r.Title, r.Headline)),
		URL:   first(r.URL, r.Link),
	}
	if a.ID == "" {
		a.ID = r.GUID
	}
	for _, p := range []*string{r.Text, r.Body, r.Content} {
		if p != nil && strings.TrimSpace(*p) != "" {
			a.Text = *p
			break
		}
	}
	if raw := first(r.Published, r.Date, r.PublishedAt, r.PubDate); raw != "" {
		a.Published = NormalizeDate(raw)
		if a.Published == "" {
			return a, &sangbad.Error{Kind: sangbad.Invalid, Code: "bad_date", Message: fmt.Sprintf("%s: published %q is not a date", pos, raw)}
		}
	}
	if strings.TrimSpace(a.Text) == "" {
		return a, noText(pos)
	}
	return a, nil
}

// rawID accepts a string or a number as id.
func rawID(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

func first(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// jsonlSource reads one JSON object a line, holding only the current line.
type jsonlSource struct {
	r      *bufio.Reader
	c      io.Closer
	name   string
	max    int
	line   int
	closed bool
}

// NewJSONL returns a Source over JSONL read from r. name prefixes item
// positions ("in.jsonl:12").
func NewJSONL(r io.Reader, name string) Source {
	return newJSONL(bufio.NewReaderSize(r, 64<<10), nopCloser{}, name, Options{}.maxRecord())
}

func newJSONL(r *bufio.Reader, c io.Closer, name string, max int) *jsonlSource {
	return &jsonlSource{r: r, c: c, name: name, max: max}
}

func (s *jsonlSource) Next(ctx context.Context) (Item, error) {
	for {
		if err := ctx.Err(); err != nil {
			return Item{}, err
		}
		line, tooLong, err := s.readLine()
		if err != nil {
			return Item{}, err
		}
		s.line++
		pos := s.name + ":" + strconv.Itoa(s.line)
		if tooLong {
			return Item{Pos: pos, Err: sangbad.Errorf(sangbad.TooLarge, "%s: line longer than %d bytes", pos, s.max)}, nil
		}
		line = bytes.TrimSpace(line)
		if s.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
		}
		if len(line) == 0 {
			continue
		}
		var rec record
		if err := json.Unmarshal(line, &rec); err != nil {
			return Item{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": not a JSON object")}, nil
		}
		a, err := rec.article(pos)
		return Item{Article: a, Err: err, Pos: pos}, nil
	}
}

// readLine returns the next line without its newline; an over-long line is
// consumed and reported instead of buffered. io.EOF after the last line.
func (s *jsonlSource) readLine() ([]byte, bool, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := s.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > s.max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		switch {
		case err == nil:
			return buf, tooLong, nil
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			if len(buf) == 0 && !tooLong {
				return nil, false, io.EOF
			}
			return buf, tooLong, nil
		default:
			return nil, false, fmt.Errorf("read %s: %w", s.name, err)
		}
	}
}

func (s *jsonlSource) Close() error {
	if s.closed {
		return nil
	}
	s.closed = true
	return s.c.Close()
}

// jsonDocSource reads a JSON document: one article object, an array of
// them, or several concatenated values. The array is streamed element by
// element.
type jsonDocSource struct {
	d     *json.Decoder
	c     io.Closer
	name  string
	n     int
	depth int // 1 inside a top-level array
	done  bool
}

func newJSONDoc(r io.Reader, c io.Closer, name string) *jsonDocSource {
	return &jsonDocSource{d: json.NewDecoder(r), c: c, name: name}
}

func (s *jsonDocSource) Next(ctx context.Context) (Item, error) {
	if err := ctx.Err(); err != nil {
		return Item{}, err
	}
	if s.done {
		return Item{}, io.EOF
	}
	pos := func() string {
		s.n++
		return s.name + "#" + strconv.Itoa(s.n)
	}
	for {
		if s.depth == 1 {
			if !s.d.More() {
				if _, err := s.d.Token(); err != nil { // the closing ]
					return s.fail(pos(), err)
				}
				s.depth = 0
				continue
			}
			return s.decodeOne(pos())
		}
		if !s.d.More() {
			s.done = true
			return Item{}, io.EOF
		}
		// Peek at the next value: an array opens, an object is one article.
		tok, err := s.d.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				s.done = true
				return Item{}, io.EOF
			}
			return s.fail(pos(), err)
		}
		switch tok {
		case json.Delim('['):
			s.depth = 1
			continue
		case json.Delim('{'):
			return s.decodeRest(pos())
		default:
			return s.fail(pos(), fmt.Errorf("unexpected %v", tok))
		}
	}
}

func (s *jsonDocSource) decodeOne(pos string) (Item, error) {
	var rec record
	if err := s.d.Decode(&rec); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || errors.Is(err, io.ErrUnexpectedEOF) {
			return s.fail(pos, err)
		}
		return Item{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": not an article object")}, nil
	}
	a, err := rec.article(pos)
	return Item{Article: a, Err: err, Pos: pos}, nil
}

// decodeRest decodes an object whose '{' was already consumed, by reading its
// key/value tokens into a map and re-marshalling (top-level objects are few).
func (s *jsonDocSource) decodeRest(pos string) (Item, error) {
	m := map[string]json.RawMessage{}
	for s.d.More() {
		kt, err := s.d.Token()
		if err != nil {
			return s.fail(pos, err)
		}
		k, _ := kt.(string)
		var v json.RawMessage
		if err := s.d.Decode(&v); err != nil {
			return s.fail(pos, err)
		}
		m[k] = v
	}
	if _, err := s.d.Token(); err != nil {
		return s.fail(pos, err)
	}
	b, _ := json.Marshal(m)
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return Item{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": not an article object")}, nil
	}
	a, err := rec.article(pos)
	return Item{Article: a, Err: err, Pos: pos}, nil
}

// fail reports a syntax error as an item error and ends the document: after
// a JSON syntax error nothing further can be trusted.
func (s *jsonDocSource) fail(pos string, err error) (Item, error) {
	s.done = true
	return Item{Pos: pos, Err: sangbad.WrapError(sangbad.Invalid, err, pos+": invalid JSON")}, nil
}

func (s *jsonDocSource) Close() error { return s.c.Close() }

type nopCloser struct{}

func (nopCloser) Close() error { return nil }
