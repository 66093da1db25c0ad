package verify

import (
	"testing"

	"github.com/sangbad/sangbad"
)

func TestValueMatch(t *testing.T) {
	tests := []struct {
		text   string
		value  float64
		approx bool
		src    float64
		want   bool
	}{
		{"$840 million", 840e6, false, 840e6, true},
		{"$0.84 billion", 840e6, false, 840e6, true},
		{"৮৪ কোটি", 840e6, false, 840e6, true},
		{"$850 million", 850e6, false, 840e6, false},
		{"$843 million", 843e6, false, 840e6, true}, // within 0.5%
		{"$845 million", 845e6, false, 840e6, false},
		{"1.2 million", 1.2e6, false, 1234567, true},
		{"1.3 million", 1.3e6, false, 1234567, false},
		{"১৩ কোটি", 130e6, false, 125e6, true},
		{"$6 billion", 6e9, false, 6.4e9, false}, // one significant digit: no rounding
		{"$6.4 billion", 6.4e9, false, 6e9, false},
		{"about $6 billion", 6e9, true, 6.4e9, true},
		{"about $880 million", 880e6, true, 840e6, false},
		{"about 70 million", 70e6, true, 67e6, true},
		{"about $800 million", 800e6, true, 840e6, true},
		{"19", 19, false, 19, true},
		{"29", 29, false, 19, false},
		{"five", 5, false, 4, false},
		{"90%", 90, false, 89.6, false},
		{"89.6%", 89.6, false, 89.6, true},
		{"৯০", 90, false, 90, true},
		{"about 20 meters", 20, true, 17, true},
		{"about 20 meters", 20, true, 26, false},
		{"প্রায় ছয় কোটি", 60e6, true, 61e6, true}, // words: 5%
		{"১২ কোটি ৫০ লাখ", 125e6, false, 125e6, true},
		{"১২ কোটি ৫০ লাখ", 125e6, false, 124e6, false},
	}
	for _, tt := range tests {
		n := numFact{span: sangbad.Span{Text: tt.text}, value: tt.value, approx: tt.approx}
		if got := valueMatch(n, tt.src); got != tt.want {
			t.Errorf("valueMatch(%q = %v, source %v) = %v, want %v (precision %+v)", tt.text, tt.value, tt.src, got, tt.want, precisionOf(n))
		}
	}
}

func TestCovers(t *testing.T) {
	tests := []struct {
		text, src string
		want      bool
	}{
		{"2023-12-12", "2023-12-12", true},
		{"2023-12", "2023-12-12", true},
		{"2023", "2023-09", true},
		{"2023-12-12", "2023-12", false},
		{"2023-12-1", "2023-12-12", false},
		{"2023-09", "2023-12-12", false},
		{"2023-W50", "2023-12-12", true},
		{"2023-W51", "2023-12-12", false},
		{"2030", "", false},
	}
	for _, tt := range tests {
		if got := covers(tt.text, tt.src); got != tt.want {
			t.Errorf("covers(%q, %q) = %v, want %v", tt.text, tt.src, got, tt.want)
		}
	}
}

func TestLiteralNames(t *testing.T) {
	tests := []struct {
		src, name string
		want      bool
	}{
		{fold("টোকোপিডিয়ার"), fold("টোকোপিডিয়া"), true},
		{fold("টিকটককে"), fold("টিকটক"), true},
		{fold("ইন্দোনেশিয়ায়"), fold("ইন্দোনেশিয়া"), true},
		{fold("বিশ্লেষকরা"), fold("বিশ্ব"), false},
		{fold("Indonesia's"), fold("indonesia"), true},
		{fold("Tokopedias"), fold("Tokopedia"), false}, // no suffixes on Latin words
	}
	for _, tt := range tests {
		if got := literalEq(tt.src, tt.name); got != tt.want {
			t.Errorf("literalEq(%q, %q) = %v, want %v", tt.src, tt.name, got, tt.want)
		}
	}
	demonyms := []struct {
		word, place string
		want        bool
	}{
		{"indonesian", "indonesia", true},
		{"chinese", "china", true},
		{"bangladeshi", "bangladesh", true},
		{"somali", "somalia", true},
		{"ethiopian", "ethiopia", true},
		{"musk", "muskat", false},
		{"goto", "go", false},
	}
	for _, tt := range demonyms {
		if got := isDemonym(tt.word, tt.place); got != tt.want {
			t.Errorf("isDemonym(%q, %q) = %v, want %v", tt.word, tt.place, got, tt.want)
		}
	}
}
