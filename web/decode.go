package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/language"

	"github.com/sangbad/sangbad"
)

// readJSON reads the request body of c (at most limit bytes) and decodes it
// into dst, a pointer to a struct. Every problem is a client error naming
// it: the media type, the size limit, an empty body, invalid UTF-8 (checked
// on the raw bytes because encoding/json silently replaces it with U+FFFD),
// nesting deeper than maxDepth, the syntax error's position, or the field
// that has the wrong type. Unknown fields are ignored.
func readJSON(c *gin.Context, limit int64, maxDepth int, dst any) error {
	if err := checkJSONContentType(c.GetHeader("Content-Type")); err != nil {
		return err
	}
	body, err := readBody(c, limit)
	if err != nil {
		return err
	}
	return decodeJSON(body, maxDepth, dst)
}

// checkJSONContentType accepts application/json (any +json type) and an
// absent Content-Type; a charset must be UTF-8.
func checkJSONContentType(ct string) error {
	if ct == "" {
		return nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return newError(sangbad.Unsupported, codeUnsupportedMediaType,
			fmt.Sprintf("Content-Type %q is malformed; send application/json", ct))
	}
	if mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return newError(sangbad.Unsupported, codeUnsupportedMediaType,
			fmt.Sprintf("Content-Type %s is not supported; send application/json", mt))
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return newError(sangbad.Unsupported, codeUnsupportedMediaType,
			fmt.Sprintf("charset %s is not supported; send UTF-8", cs))
	}
	return nil
}

// readBody reads the whole body, at most limit bytes.
func readBody(c *gin.Context, limit int64) ([]byte, error) {
	if c.Request.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	r := http.MaxBytesReader(c.Writer, c.Request.Body, limit)
	var buf bytes.Buffer
	if n := c.Request.ContentLength; n > 0 {
		buf.Grow(int(n))
	}
	if _, err := buf.ReadFrom(r); err != nil {
		if mbe := (*http.MaxBytesError)(nil); errors.As(err, &mbe) {
			return nil, tooLarge(limit)
		}
		return nil, sangbad.WrapError(sangbad.Invalid, err, "the request body could not be read")
	}
	return buf.Bytes(), nil
}

func tooLarge(limit int64) error {
	return newError(sangbad.TooLarge, codeBodyTooLarge,
		fmt.Sprintf("the request body exceeds the limit of %d bytes", limit))
}

// decodeJSON decodes body into dst with the checks described at readJSON.
func decodeJSON(body []byte, maxDepth int, dst any) error {
	// Some Windows tools start UTF-8 with a byte order mark; JSON forbids it.
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(body)) == 0 {
		return newError(sangbad.Invalid, codeBodyEmpty,
			`the request body is empty; send a JSON object such as {"text": "..."}`)
	}
	if !utf8.Valid(body) {
		return newError(sangbad.Invalid, codeTextNotUTF8,
			fmt.Sprintf("the request body is not valid UTF-8 (first bad byte at offset %d)", invalidUTF8Offset(body)))
	}
	if off, ok := checkDepth(body, maxDepth); !ok {
		return newError(sangbad.Invalid, codeJSONTooDeep,
			fmt.Sprintf("the JSON nests deeper than %d levels (at offset %d)", maxDepth, off))
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return jsonError(body, err, dst)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(body[off:])) > 0 {
		line, col := lineCol(body, off)
		return newError(sangbad.Invalid, codeInvalidJSON,
			fmt.Sprintf("unexpected data after the JSON object at offset %d (line %d, column %d)", off, line, col))
	}
	return nil
}

// jsonError turns an encoding/json error into a client error that says
// where the problem is.
func jsonError(body []byte, err error, dst any) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		// Offset counts the bytes read, the bad one included.
		off := max(syn.Offset-1, 0)
		line, col := lineCol(body, off)
		return newError(sangbad.Invalid, codeInvalidJSON,
			fmt.Sprintf("invalid JSON at offset %d (line %d, column %d): %s", off, line, col, syn.Error()))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return newError(sangbad.Invalid, codeInvalidJSON,
			fmt.Sprintf("invalid JSON: the body ends early (after %d bytes)", len(body)))
	case errors.As(err, &typ):
		if typ.Field == "" {
			return newError(sangbad.Invalid, codeInvalidJSON,
				fmt.Sprintf("the body must be a JSON object, got %s", article(typ.Value)))
		}
		return newError(sangbad.Invalid, codeWrongType,
			fmt.Sprintf("field %q must be %s, got %s (at offset %d)", typ.Field, describeType(typ.Type), article(typ.Value), typ.Offset))
	}
	return sangbad.WrapError(sangbad.Invalid, err, "invalid JSON")
}

// describeType names a Go type the way a JSON client thinks of it.
func describeType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean (true or false)"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array of " + plural(t.Elem())
	case reflect.Map:
		return "an object whose values are " + plural(t.Elem())
	case reflect.Struct:
		return "an object"
	case reflect.Pointer:
		return describeType(t.Elem())
	}
	return t.String()
}

func plural(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "strings"
	case reflect.Bool:
		return "booleans"
	case reflect.Struct, reflect.Map:
		return "objects"
	}
	return "numbers"
}

func article(jsonValue string) string {
	switch jsonValue {
	case "array", "object", "", "unquoted value":
		return "an " + jsonValue
	}
	if strings.HasPrefix(jsonValue, "number") {
		return "a number"
	}
	return "a " + jsonValue
}

// checkDepth reports whether the JSON in b nests at most max arrays and
// objects, and otherwise the offset where it gets too deep. Brackets inside
// strings do not count.
func checkDepth(b []byte, max int) (int, bool) {
	depth := 0
	inString, escaped := false, false
	for i, ch := range b {
		if inString {
			switch {
			case escaped:
				escaped = false
			case ch == '\\':
				escaped = true
			case ch == '"':
				inString = false
			}
			continue
		}
		switch ch {
		case '"':
			inString = true
		case '{', '[':
			depth++
			if depth > max {
				return i, false
			}
		case '}', ']':
			depth--
		}
	}
	return 0, true
}

func invalidUTF8Offset(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// lineCol converts a byte offset into a 1-based line and column (in code
// points).
func lineCol(b []byte, off int64) (line, col int) {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	pre := b[:off]
	line = bytes.Count(pre, []byte{'\n'}) + 1
	if i := bytes.LastIndexByte(pre, '\n'); i >= 0 {
		pre = pre[i+1:]
	}
	return line, utf8.RuneCount(pre) + 1
}

// checkText rejects a missing or blank text field.
func checkText(field, s string) error {
	if strings.TrimSpace(s) == "" {
		return newError(sangbad.Invalid, codeTextRequired,
			fmt.Sprintf("field %q is required and must not be empty", field))
	}
	return nil
}

// checkDate validates an optional YYYY-MM-DD field.
func checkDate(field, s string) error {
	if _, err := sangbad.ParseDate(field, s); err != nil {
		return newError(sangbad.Invalid, codeInvalidDate, sangbad.ErrorMessage(err))
	}
	return nil
}

// checkLanguage validates an ISO 639-1 code ("en", "bn") and returns it in
// lower case. An empty code is allowed unless required.
func checkLanguage(field, code string, required bool) (string, error) {
	if code == "" {
		if required {
			return "", newError(sangbad.Invalid, codeUnknownLanguage,
				fmt.Sprintf("field %q is required: an ISO 639-1 language code such as \"en\" or \"bn\"", field))
		}
		return "", nil
	}
	lc := strings.ToLower(code)
	if len(lc) == 2 && lc[0] >= 'a' && lc[0] <= 'z' && lc[1] >= 'a' && lc[1] <= 'z' {
		if b, err := language.ParseBase(lc); err == nil && b.String() == lc {
			return lc, nil
		}
	}
	return "", newError(sangbad.Invalid, codeUnknownLanguage,
		fmt.Sprintf("field %q: %q is not an ISO 639-1 language code (such as \"en\" or \"bn\")", field, code))
}

// options validates the analysis options of a request.
func (r *articleRequest) options() (sangbad.Options, error) {
	o := sangbad.Options{
		Length:        r.Length,
		BengaliDigits: r.BengaliDigits,
		NoSummary:     r.NoSummary,
		LLM:           r.LLM,
	}
	for i, l := range r.Languages {
		code, err := checkLanguage(fmt.Sprintf("languages[%d]", i), l, true)
		if err != nil {
			return o, err
		}
		o.Languages = append(o.Languages, code)
	}
	switch r.Length {
	case "", sangbad.LengthHeadline, sangbad.LengthShort, sangbad.LengthStandard, sangbad.LengthBullets:
	default:
		return o, newError(sangbad.Invalid, codeInvalidOption,
			fmt.Sprintf("field \"length\" must be headline, short, standard or bullets, got %q", r.Length))
	}
	switch r.LLM {
	case "", "auto", "off", "required":
	default:
		return o, newError(sangbad.Invalid, codeInvalidOption,
			fmt.Sprintf("field \"llm\" must be auto, off or required, got %q", r.LLM))
	}
	return o, nil
}

// articleRequest is the body of /v1/analyze, /v1/facts, /v1/detect and
// /v1/summarize (the last three ignore the fields they do not need).
type articleRequest struct {
	ID            string   `json:"id"`
	Title         string   `json:"title"`
	Text          string   `json:"text"`
	Published     string   `json:"published"`
	URL           string   `json:"url"`
	Languages     []string `json:"languages"`
	Length        string   `json:"length"`
	BengaliDigits bool     `json:"bengali_digits"`
	NoSummary     bool     `json:"no_summary"`
	LLM           string   `json:"llm"`
}

func (r *articleRequest) article() sangbad.Article {
	return sangbad.Article{ID: r.ID, Title: r.Title, Text: r.Text, Published: r.Published, URL: r.URL}
}

// decodeArticle reads an articleRequest and checks text and published.
func decodeArticle(c *gin.Context, cfg Config) (*articleRequest, error) {
	var req articleRequest
	if err := readJSON(c, cfg.MaxBodyBytes, cfg.MaxJSONDepth, &req); err != nil {
		return nil, err
	}
	if err := checkText("text", req.Text); err != nil {
		return nil, err
	}
	if err := checkDate("published", req.Published); err != nil {
		return nil, err
	}
	return &req, nil
}

// decodeAnalyze decodes an analysis request (POST /v1/analyze and
// /v1/summarize): the article and its options.
func decodeAnalyze(c *gin.Context, cfg Config) (*articleRequest, sangbad.Options, error) {
	req, err := decodeArticle(c, cfg)
	if err != nil {
		return nil, sangbad.Options{}, err
	}
	opts, err := req.options()
	if err != nil {
		return nil, sangbad.Options{}, err
	}
	return req, opts, nil
}

// noResult turns an analyzer's nil result without an error (a bug) into
// an internal error.
func noResult(res *sangbad.Analysis, err error) error {
	if err == nil && res == nil {
		return sangbad.Errorf(sangbad.Internal, "the analyzer returned no result")
	}
	return err
}
