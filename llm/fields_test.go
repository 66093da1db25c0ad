package llm

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFieldText(t *testing.T) {
	tests := []struct {
		name, field, json, want string
	}{
		{"summary", "text", `{"sentences":[{"text":"TikTok will invest.","sources":[0]},{"sources":[1],"text":"In \"Jakarta\"."}]}`, `TikTok will invest. In "Jakarta".`},
		{"bengali and escapes", "text", `{"sentences":[{"text":"টিকটক\n৮৪০ \u09ae\u09bf\u09b2\u09bf\u09af\u09bc\u09a8 😀 \ud83d\ude00"}]}`, "টিকটক\n৮৪০ মিলিয়ন 😀 😀"},
		{"translation", "translation", `{"names":[{"source":"translation","target":"x"}],"translation":"অনুবাদ, সম্পূর্ণ।"}`, "অনুবাদ, সম্পূর্ণ।"},
		{"key named like field inside value", "text", `{"title":"text","text":"yes"}`, "yes"},
		{"non-string value", "text", `{"text":12,"other":"no"}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Feed the answer in every split into pieces of n bytes,
			// which cuts escapes and UTF-8 sequences.
			for n := 1; n <= len(tt.json); n++ {
				var got strings.Builder
				w := FieldText(tt.field, " ", func(s string) { got.WriteString(s) })
				for i := 0; i < len(tt.json); i += n {
					w(tt.json[i:min(i+n, len(tt.json))])
				}
				if got.String() != tt.want {
					t.Fatalf("pieces of %d: got %q, want %q", n, got.String(), tt.want)
				}
				if !utf8.ValidString(got.String()) {
					t.Fatalf("pieces of %d: invalid UTF-8", n)
				}
			}
		})
	}
}
