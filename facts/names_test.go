package facts

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"TikTok", "টিকটক", true},
		{"TikTok", "টিকটককে", true},
		{"Tokopedia", "টোকোপিডিয়া", true},
		{"Tokopedia", "টোকোপিডিয়ার", true},
		{"Zulkifli Hasan", "জুলকিফলি হাসান", true},
		{"Zulkifli", "জুলকিফলি", true},
		{"Shopee", "শোপি", true},
		{"Lazada", "লাজাদা", true},
		{"Alibaba", "আলিবাবার", true},
		{"Jakarta", "জাকার্তা", true},
		{"Indonesia", "ইন্দোনেশিয়ায়", true},
		{"Singapore", "সিঙ্গাপুর", true},
		{"Bangladesh", "বাংলাদেশের", true},
		{"Washington", "ওয়াশিংটন", true},
		{"Sea", "সি", true},
		{"TikTok", "Tokopedia", false},
		{"TikTok", "টোকোপিডিয়া", false},
		{"Shopee", "লাজাদা", false},
		{"Jakarta", "ঢাকা", false},
		{"GoTo", "গুগল", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := SameName(tt.a, tt.b); got != tt.want {
				t.Errorf("SameName(%q, %q) = %v, want %v (keys %q, %q)", tt.a, tt.b, got, tt.want, NameKey(tt.a), NameKey(tt.b))
			}
			if got := SameName(tt.b, tt.a); got != tt.want {
				t.Errorf("SameName is not symmetric for %q, %q", tt.a, tt.b)
			}
		})
	}
}

func TestBnStem(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ইন্দোনেশিয়ার", "ইন্দোনেশিয়া"},
		{"ইন্দোনেশিয়ায়", "ইন্দোনেশিয়া"},
		{"চীনের", "চীন"},
		{"টিকটককে", "টিকটক"},
		{"টিকটকেরও", "টিকটক"},
		{"দেশটির", "দেশ"},
		{"সেপ্টেম্বরে", "সেপ্টেম্বর"},
		{"নিয়ন্ত্রকদের", "নিয়ন্ত্রক"},
		{"মনসুর", "মনসুর"},
		{"পিচাই", "পিচাই"},
		{"সি", "সি"},
		{"ই", "ই"},
	}
	for _, tt := range tests {
		if got := bnStem(nfc(tt.in)); got != nfc(tt.want) {
			t.Errorf("bnStem(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"জুলকিফলি হাসান", "julkifli hasan"},
		{"আলিবাবা", "alibaba"},
		{"লাজাদা", "lajada"},
		{"ঢাকা", "dhaka"},
		{"GoTo-এর", "GoTo-er"},
		{"রফিকুল ইসলাম", "rafikul islam"},
		{"প্রধান", "pradhan"},
		{"বন্দর", "bandar"},
		{"নজরুল", "najrul"},
		{"করিম", "karim"},
		{"ইউনূস", "yunus"},
		{"নরেন্দ্র", "narendra"},
		{"মিত্র", "mitra"},
		{"ডোনাল্ড", "donald"},
	}
	for _, tt := range tests {
		if got := Transliterate(tt.in); got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNameKeyScripts(t *testing.T) {
	got := []string{NameKey("TikTok"), NameKey("টিকটক"), NameKey("Zulkifli Hasan"), NameKey("জুলকিফলি হাসানের")}
	want := []string{"tktk", "tktk", "jlkfl hsn", "jlkfl hsn"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func ExampleSameName() {
	fmt.Println(SameName("Tokopedia", "টোকোপিডিয়ার"))
	fmt.Println(SameName("TikTok", "শোপি"))
	// Output:
	// true
	// false
}

func ExampleTransliterate() {
	fmt.Println(Transliterate("জুলকিফলি হাসান"))
	// Output: julkifli hasan
}
