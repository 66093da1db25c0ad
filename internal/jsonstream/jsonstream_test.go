package jsonstream

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestFieldText(t *testing.T) {
	tests := []struct {
		name, field, first, sep, json, want string
	}{
		{"summary", "text", "", " ", `{"sentences":[{"text":"TikTok will invest.","sources":[0]},{"sources":[1],"text":"In \"Jakarta\"."}]}`, `TikTok will invest. In "Jakarta".`},
		{"bengali and escapes", "text", "", " ", `{"sentences":[{"text":"টিকটক\n৮৪০ \u09ae\u09bf\u09b2\u09bf\u09af\u09bc\u09a8 😀 \ud83d\ude00"}]}`, "টিকটক\n৮৪০ মিলিয়ন 😀 😀"},
		{"control escapes", "text", "", " ", `{"text":"a\tb\r\nc\bd\fe\/f\\g"}`, "a\tb\r\ncde/f\\g"},
		{"lone surrogate", "text", "", " ", `{"text":"x\ud83dy"}`, "x\uFFFDy"},
		{"translation", "translation", "", " ", `{"names":[{"source":"translation","target":"x"}],"translation":"অনুবাদ, সম্পূর্ণ।"}`, "অনুবাদ, সম্পূর্ণ।"},
		{"key named like field inside value", "text", "", " ", `{"title":"text","text":"yes"}`, "yes"},
		{"non-string value", "text", "", " ", `{"text":12,"other":"no"}`, ""},
		{"strings in an array", "text", "", " ", `{"text":["no"],"x":"no"}`, ""},
		{"bullets", "text", "• ", "\n• ", `{"sentences":[{"text":"One."},{"text":"Two."}]}`, "• One.\n• Two."},
		{"fix round follows", "text", "", " ", `{"sentences":[{"text":"First."}]}{"sentences":[{"text":"Second."}]}`, "First. Second."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for n := 1; n <= len(tt.json); n++ {
				got := feed(tt.field, tt.first, tt.sep, tt.json, n)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Fatalf("pieces of %d bytes (-want +got):\n%s", n, diff)
				}
				if !utf8.ValidString(got) {
					t.Fatalf("pieces of %d bytes: invalid UTF-8", n)
				}
			}
		})
	}
}

// TestFieldTextEncoded round-trips texts through encoding/json, once as it
// writes them and once with a \u escape for every non-ASCII rune
// (surrogate pairs for the emoji), as some servers send them.
func TestFieldTextEncoded(t *testing.T) {
	texts := []string{
		`TikTok "agreed" to spend $840 million.`,
		"টিকটক ৮৪০ মিলিয়ন ডলার খরচ করবে।\nনতুন লাইন\tট্যাব",
		"emoji 😀 and back\\slash and </script>",
	}
	type s struct {
		Text    string `json:"text"`
		Sources []int  `json:"sources"`
	}
	var ans struct {
		Note      string `json:"note"`
		Sentences []s    `json:"sentences"`
	}
	ans.Note = "text"
	for i, x := range texts {
		ans.Sentences = append(ans.Sentences, s{x, []int{i}})
	}
	b, err := json.Marshal(ans)
	if err != nil {
		t.Fatal(err)
	}
	var esc strings.Builder
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			esc.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			esc.WriteString(`\u` + hex4(0xD800+(r>>10)))
			esc.WriteString(`\u` + hex4(0xDC00+(r&0x3FF)))
		default:
			esc.WriteString(`\u` + hex4(r))
		}
	}
	want := "• " + strings.Join(texts, "\n• ")
	for name, doc := range map[string]string{"raw": string(b), "escaped": esc.String()} {
		t.Run(name, func(t *testing.T) {
			for _, n := range []int{1, 2, 3, 7, 64, len(doc)} {
				got := feed("text", "• ", "\n• ", doc, n)
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("pieces of %d bytes (-want +got):\n%s", n, diff)
				}
			}
		})
	}
}

// feed gives doc to a FieldText scanner in pieces of n bytes, which cut
// escapes and UTF-8 sequences, and returns all the text it passed on.
func feed(field, first, sep, doc string, n int) string {
	var got strings.Builder
	write := FieldText(field, first, sep, func(s string) { got.WriteString(s) })
	for i := 0; i < len(doc); i += n {
		write(doc[i:min(i+n, len(doc))])
	}
	return got.String()
}

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[r>>12&0xF], digits[r>>8&0xF], digits[r>>4&0xF], digits[r&0xF]})
}
