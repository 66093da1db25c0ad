package llm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Schema is the JSON schema an answer must match. Only this subset is
// checked: type (string or list), properties, required, items, enum,
// additionalProperties false, minItems, maxItems. The client always checks
// answers itself because many servers accept json_schema and ignore it.
type Schema struct {
	// Name is the schema's name in response_format (letters, digits, _ and -).
	Name string
	JSON json.RawMessage
}

type schemaNode struct {
	Type                 any                    `json:"type"`
	Properties           map[string]*schemaNode `json:"properties"`
	Required             []string               `json:"required"`
	Items                *schemaNode            `json:"items"`
	Enum                 []any                  `json:"enum"`
	AdditionalProperties *bool                  `json:"-"`
	MinItems             *int                   `json:"minItems"`
	MaxItems             *int                   `json:"maxItems"`

	types []string
}

func (n *schemaNode) UnmarshalJSON(b []byte) error {
	type plain schemaNode
	var p struct {
		plain
		AdditionalProperties json.RawMessage `json:"additionalProperties"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*n = schemaNode(p.plain)
	if string(p.AdditionalProperties) == "false" {
		f := false
		n.AdditionalProperties = &f
	}
	switch t := n.Type.(type) {
	case string:
		n.types = []string{t}
	case []any:
		for _, v := range t {
			if s, ok := v.(string); ok {
				n.types = append(n.types, s)
			}
		}
	case nil:
	default:
		return fmt.Errorf("schema type must be a string or a list, got %v", t)
	}
	return nil
}

// schemas caches compiled schemas by their text.
type schemas struct{ m sync.Map }

func (s *schemas) compile(raw json.RawMessage) (*schemaNode, error) {
	if v, ok := s.m.Load(string(raw)); ok {
		return v.(*schemaNode), nil
	}
	var n schemaNode
	if err := json.Unmarshal(raw, &n); err != nil {
		return nil, fmt.Errorf("compile schema: %w", err)
	}
	s.m.Store(string(raw), &n)
	return &n, nil
}

// Validate checks the JSON document doc against schema and returns an error
// listing the first few problems, with their JSON paths.
func Validate(schema, doc json.RawMessage) error {
	var s schemas
	n, err := s.compile(schema)
	if err != nil {
		return err
	}
	return validateDoc(n, doc)
}

func validateDoc(n *schemaNode, doc json.RawMessage) error {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Errorf("not JSON: %w", err)
	}
	var problems []string
	validate(n, v, "$", &problems)
	if len(problems) == 0 {
		return nil
	}
	const maxShown = 5
	more := ""
	if len(problems) > maxShown {
		more = fmt.Sprintf(" (and %d more)", len(problems)-maxShown)
		problems = problems[:maxShown]
	}
	return errors.New(strings.Join(problems, "; ") + more)
}

func typeOf(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := strconv.ParseInt(string(x), 10, 64); err == nil {
			return "integer"
		}
		if f, err := x.Float64(); err == nil && f == float64(int64(f)) {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func typeMatches(want, got string) bool {
	return want == got || want == "number" && got == "integer"
}

func validate(n *schemaNode, v any, path string, problems *[]string) {
	if len(*problems) > 20 {
		return
	}
	add := func(format string, args ...any) {
		*problems = append(*problems, path+": "+fmt.Sprintf(format, args...))
	}
	got := typeOf(v)
	if len(n.types) > 0 {
		ok := false
		for _, t := range n.types {
			if typeMatches(t, got) {
				ok = true
				break
			}
		}
		if !ok {
			add("expected %s, got %s", strings.Join(n.types, " or "), got)
			return
		}
	}
	if len(n.Enum) > 0 {
		ok := false
		for _, e := range n.Enum {
			if fmt.Sprint(e) == fmt.Sprint(v) {
				ok = true
				break
			}
		}
		if !ok {
			add("%v is not one of %v", v, n.Enum)
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for _, r := range n.Required {
			if _, ok := x[r]; !ok {
				add("missing required property %q", r)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if p, ok := n.Properties[k]; ok {
				validate(p, x[k], path+"."+k, problems)
			} else if n.AdditionalProperties != nil {
				add("unexpected property %q", k)
			}
		}
	case []any:
		if n.MinItems != nil && len(x) < *n.MinItems {
			add("expected at least %d items, got %d", *n.MinItems, len(x))
		}
		if n.MaxItems != nil && len(x) > *n.MaxItems {
			add("expected at most %d items, got %d", *n.MaxItems, len(x))
		}
		if n.Items != nil {
			for i, e := range x {
				validate(n.Items, e, path+"["+strconv.Itoa(i)+"]", problems)
			}
		}
	}
}

// ExtractJSON finds the JSON object in a model's answer, tolerating what
// models add around it: code fences, prose before and after (the outermost
// {...} is taken) and trailing commas. It returns the object as valid JSON.
func ExtractJSON(s string) (json.RawMessage, error) {
	s = strings.TrimSpace(s)
	if json.Valid([]byte(s)) && strings.HasPrefix(s, "{") {
		return json.RawMessage(s), nil
	}
	start := strings.IndexByte(s, '{')
	if start < 0 {
		return nil, errors.New("no JSON object in the answer")
	}
	end := matchBrace(s, start)
	if end < 0 {
		return nil, errors.New("unterminated JSON object in the answer")
	}
	obj := removeTrailingCommas(s[start : end+1])
	if !json.Valid([]byte(obj)) {
		var v any
		err := json.Unmarshal([]byte(obj), &v)
		return nil, fmt.Errorf("invalid JSON object in the answer: %w", err)
	}
	return json.RawMessage(obj), nil
}

// matchBrace returns the index of the brace closing the one at start,
// skipping strings, or -1.
func matchBrace(s string, start int) int {
	depth, inStr, esc := 0, false, false
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// removeTrailingCommas drops commas directly before } or ] outside strings.
func removeTrailingCommas(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inStr, esc := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if inStr {
			switch {
			case esc:
				esc = false
			case c == '\\':
				esc = true
			case c == '"':
				inStr = false
			}
			b.WriteByte(c)
			continue
		}
		if c == '"' {
			inStr = true
		}
		if c == ',' {
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\r' || s[j] == '\t') {
				j++
			}
			if j < len(s) && (s[j] == '}' || s[j] == ']') {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}
