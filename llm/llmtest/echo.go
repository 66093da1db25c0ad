package llmtest

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"
)

// Echo is the default handler. It answers with schema-valid JSON built from
// the request when a JSON schema is given (in response_format, or after
// "JSON schema:" in a message for servers without json_schema support), and
// otherwise with the first sentences of the article. Strings are filled with
// the article's sentences (the text between <<<ARTICLE ...>>> delimiters,
// numbered lines "[i] ..." when present), integers inside an array item with
// that item's index, so a summary answer cites the sentence it copies.
func Echo(r Request) Reply {
	sentences := ArticleSentences(r.User())
	schema := requestSchema(r)
	if schema == nil {
		n := min(len(sentences), 3)
		return Reply{Content: strings.Join(sentences[:n], " ")}
	}
	var s node
	if err := json.Unmarshal(schema, &s); err != nil {
		return Reply{Content: "{}"}
	}
	g := gen{sentences: sentences}
	b, _ := json.Marshal(g.value(&s, 0))
	return Reply{Content: string(b)}
}

var (
	articleRE  = regexp.MustCompile(`(?s)<<<(?:ARTICLE|TEXT)[^>]*>>>\n?(.*?)\n?<<<END (?:ARTICLE|TEXT)[^>]*>>>`)
	numberedRE = regexp.MustCompile(`^\[(\d+)\]\s*(.*)$`)
	sentenceRE = regexp.MustCompile(`[^.!?।]+[.!?।]*`)
)

// Article returns the text between the first article (or translation text)
// delimiters of s, or s itself when it has none.
func Article(s string) string {
	if m := articleRE.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return s
}

// OutsideArticle returns the request's messages with every delimited
// untrusted block (ARTICLE, TEXT, FACTS, GLOSSARY, CONTEXT, KNOWN, OUTPUT)
// removed: what the model reads as instructions. Tests assert that an
// injection attempt in the article does not appear in it.
func (r Request) OutsideArticle() string {
	var b strings.Builder
	for _, m := range r.Messages {
		b.WriteString(blockRE.ReplaceAllString(m.Content, ""))
		b.WriteString("\n")
	}
	return b.String()
}

var blockRE = regexp.MustCompile(`(?s)<<<(ARTICLE|TEXT|FACTS|GLOSSARY|CONTEXT|KNOWN|OUTPUT) id=([A-Za-z0-9]+)>>>.*?<<<END (ARTICLE|TEXT|FACTS|GLOSSARY|CONTEXT|KNOWN|OUTPUT) id=([A-Za-z0-9]+)>>>`)

// ArticleSentences returns the sentences of the article in s: its numbered
// lines ("[0] ...") when it has them, otherwise a simple split at . ! ? and
// the danda. A "Title:" line is skipped.
func ArticleSentences(s string) []string {
	a := Article(s)
	var numbered, plain []string
	for _, line := range strings.Split(a, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "Title: ") {
			continue
		}
		if m := numberedRE.FindStringSubmatch(line); m != nil {
			numbered = append(numbered, m[2])
			continue
		}
		for _, sent := range sentenceRE.FindAllString(line, -1) {
			if sent = strings.TrimSpace(sent); sent != "" {
				plain = append(plain, sent)
			}
		}
	}
	if len(numbered) > 0 {
		return numbered
	}
	if len(plain) == 0 {
		return []string{"."}
	}
	return plain
}

func requestSchema(r Request) json.RawMessage {
	if rf := r.ResponseFormat; rf != nil && rf.JSONSchema != nil && len(rf.JSONSchema.Schema) > 0 {
		return rf.JSONSchema.Schema
	}
	for _, m := range r.Messages {
		i := strings.Index(m.Content, "JSON schema:")
		if i < 0 {
			continue
		}
		rest := m.Content[i+len("JSON schema:"):]
		j := strings.IndexByte(rest, '{')
		if j < 0 {
			continue
		}
		var raw json.RawMessage
		if err := json.NewDecoder(strings.NewReader(rest[j:])).Decode(&raw); err == nil {
			return raw
		}
	}
	return nil
}

type node struct {
	Type       any              `json:"type"`
	Properties map[string]*node `json:"properties"`
	Items      *node            `json:"items"`
	Enum       []any            `json:"enum"`
	MinItems   int              `json:"minItems"`
}

type gen struct{ sentences []string }

func (g gen) value(n *node, index int) any {
	if len(n.Enum) > 0 {
		return n.Enum[0]
	}
	typ, _ := n.Type.(string)
	if ts, ok := n.Type.([]any); ok && len(ts) > 0 {
		typ, _ = ts[0].(string)
	}
	switch typ {
	case "object":
		obj := map[string]any{}
		keys := make([]string, 0, len(n.Properties))
		for k := range n.Properties {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			obj[k] = g.value(n.Properties[k], index)
		}
		return obj
	case "array":
		count := max(n.MinItems, 1)
		if n.Items != nil && n.Items.Type == "object" {
			count = max(count, min(len(g.sentences), 3))
		}
		arr := make([]any, 0, count)
		for i := range count {
			if n.Items == nil {
				arr = append(arr, nil)
				continue
			}
			if n.Items.Type == "integer" || n.Items.Type == "number" {
				arr = append(arr, index+i)
				continue
			}
			arr = append(arr, g.value(n.Items, index+i))
		}
		return arr
	case "string":
		return g.sentences[index%len(g.sentences)]
	case "integer", "number":
		return index
	case "boolean":
		return false
	}
	return nil
}
