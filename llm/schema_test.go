package llm

import (
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	schema := []byte(`{"type":"object","additionalProperties":false,"required":["kind","items","n"],
	  "properties":{"kind":{"type":"string","enum":["a","b"]},"n":{"type":"integer"},"x":{"type":["number","null"]},
	  "items":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"object","required":["t"],"properties":{"t":{"type":"string"}}}}}}`)
	tests := []struct {
		name, doc string
		wantErr   string // "" for valid
	}{
		{"valid", `{"kind":"a","n":3,"items":[{"t":"x"}]}`, ""},
		{"valid null and float", `{"kind":"b","n":3.0,"x":null,"items":[{"t":"x","extra":1}]}`, ""},
		{"missing required", `{"kind":"a","items":[{"t":"x"}]}`, `$: missing required property "n"`},
		{"enum", `{"kind":"c","n":1,"items":[{"t":"x"}]}`, `$.kind: c is not one of [a b]`},
		{"integer", `{"kind":"a","n":1.5,"items":[{"t":"x"}]}`, `$.n: expected integer, got number`},
		{"additional", `{"kind":"a","n":1,"items":[{"t":"x"}],"note":"hi"}`, `$: unexpected property "note"`},
		{"min items", `{"kind":"a","n":1,"items":[]}`, `$.items: expected at least 1 items, got 0`},
		{"max items", `{"kind":"a","n":1,"items":[{"t":"1"},{"t":"2"},{"t":"3"}]}`, `$.items: expected at most 2 items, got 3`},
		{"nested type", `{"kind":"a","n":1,"items":[{"t":7}]}`, `$.items[0].t: expected string, got integer`},
		{"not object", `[1]`, `$: expected object, got array`},
		{"not json", `{"kind":`, `not JSON`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Validate(schema, []byte(tt.doc))
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("Validate = %v, want valid", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("Validate = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestExtractJSON(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", `{"a":1}`, `{"a":1}`},
		{"spaces", "  {\"a\":1}\n", `{"a":1}`},
		{"fenced", "```json\n{\"a\": [1, 2]}\n```", `{"a": [1, 2]}`},
		{"prose around", "Sure! Here is the JSON:\n{\"a\":\"}\"}\nHope this helps {really}.", `{"a":"}"}`},
		{"trailing commas", "{\"a\":[1,2,],\"b\":{\"c\":\"x,]\",},}", `{"a":[1,2],"b":{"c":"x,]"}}`},
		{"escaped quote", `{"a":"say \"hi\" }"}`, `{"a":"say \"hi\" }"}`},
		{"bengali", "```\n{\"text\":\"টিকটক, ৮৪০ মিলিয়ন ডলার\",}\n```", `{"text":"টিকটক, ৮৪০ মিলিয়ন ডলার"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExtractJSON(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("ExtractJSON = %s, want %s", got, tt.want)
			}
		})
	}
	for _, bad := range []string{"", "no json here", `{"a":1`, `{"a":}`} {
		if got, err := ExtractJSON(bad); err == nil {
			t.Errorf("ExtractJSON(%q) = %s, want an error", bad, got)
		}
	}
}

func FuzzExtractJSON(f *testing.F) {
	for _, s := range []string{`{"a":1}`, "```json\n{\"a\":[1,],}\n```", `x{"a":"}"}y`, `{`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ExtractJSON(s)
		if err == nil && !strings.HasPrefix(string(got), "{") {
			t.Errorf("ExtractJSON(%q) = %q: not an object", s, got)
		}
	})
}
