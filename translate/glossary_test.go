package translate

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
)

func TestLoadGlossary(t *testing.T) {
	tests := []struct {
		file    string
		want    Glossary
		wantErr string // substring of the message; "" for success
	}{
		{"names.tsv", Glossary{
			"":   {"TikTok": "টিকটক", "Tokopedia": "টোকোপিডিয়া"},
			"bn": {"Zulkifli Hasan": "জুলকিফলি হাসান"},
		}, ""},
		{"names.json", Glossary{"": {"TikTok": "টিকটক", "Tokopedia": "টোকোপিডিয়া"}}, ""},
		{"per_language.json", Glossary{"bn": {"TikTok": "টিকটক"}, "hi": {"TikTok": "टिकटॉक"}}, ""},
		{"bad_fields.tsv", nil, "line 1"},
		{"bad_value.json", nil, "want a string or an object"},
		{"bad_language.json", nil, "ISO 639-1"},
		{"missing.tsv", nil, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got, err := LoadGlossary(filepath.Join("testdata", "glossary", tt.file))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one mentioning %q", err, tt.wantErr)
				}
				if tt.file != "missing.tsv" && sangbad.ErrorKind(err) != sangbad.Invalid {
					t.Errorf("error kind %s, want invalid", sangbad.ErrorKind(err))
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("glossary (-want +got):\n%s", diff)
			}
		})
	}
}

func TestGlossaryFor(t *testing.T) {
	g := Glossary{
		"":   {"TikTok": "টিকটক", "Tokopedia": "টোকোপিডিয়া", "BBC": "BBC"},
		"bn": {"Tokopedia": "টোকোপেডিয়া"},
		"hi": {"TikTok": "टिकटॉक"},
	}
	tests := []struct {
		source, target string
		want           map[string]string
	}{
		// the language's own entries win over the language-free ones
		{"en", "bn", map[string]string{"TikTok": "টিকটক", "Tokopedia": "টোকোপেডিয়া", "BBC": "BBC"}},
		// Bengali to English: the language-free entries are used in reverse
		{"bn", "en", map[string]string{"টিকটক": "TikTok", "টোকোপিডিয়া": "Tokopedia", "BBC": "BBC"}},
		// Hindi: Bengali renderings do not apply
		{"en", "hi", map[string]string{"TikTok": "टिकटॉक", "BBC": "BBC"}},
	}
	for _, tt := range tests {
		t.Run(tt.source+"_"+tt.target, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, g.For(tt.source, tt.target)); diff != "" {
				t.Errorf("For (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContainsName(t *testing.T) {
	tests := []struct {
		text, name string
		want       bool
	}{
		{"TikTok said on Monday", "TikTok", true},
		{"TikTok's shop", "TikTok", true},
		{"TikTokers said", "TikTok", false},
		{"টিকটকের বিনিয়োগ", "টিকটক", true},          // genitive
		{"টিকটককে সাহায্য", "টিকটক", true},           // objective
		{"ইন্দোনেশিয়ায় তার", "ইন্দোনেশিয়া", true}, // locative
		{"সিঙ্গাপুর-হেডকোয়ার্টারড", "সি", false},
		{"এটি GoTo-এর ইউনিট", "GoTo", true},
		{"the Southeast Asian country", "Southeast Asia", false},
	}
	for _, tt := range tests {
		if got := containsName(tt.text, tt.name); got != tt.want {
			t.Errorf("containsName(%q, %q) = %v, want %v", tt.text, tt.name, got, tt.want)
		}
	}
	for _, tt := range []struct {
		text, name string
		want       bool
	}{
		{"the Southeast Asian country", "Southeast Asia", true},
		{"China's TikTok", "China", true},
		{"Chinese e-commerce giant", "China", true},
		{"Indonesian tech group", "Indonesia", true},
		{"Chinatown restaurants", "China", false},
	} {
		if got := containsDerived(tt.text, tt.name) || containsName(tt.text, tt.name); got != tt.want {
			t.Errorf("derived %q in %q = %v, want %v", tt.name, tt.text, got, tt.want)
		}
	}
}
