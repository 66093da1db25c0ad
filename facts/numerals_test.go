package facts

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestNumKeyMatchesNFC(t *testing.T) {
	for _, s := range []string{
		"মিলি\u09dfন", "মিলি\u09af\u09bcন", "ন\u09dfা", "ক\u09c7\u09beটি", "ক\u09cbটি", "বড়\u09cd", "ক\u09cd\u09bc",
		"ব\u200dায়াত্তর", "ডিসেম্বর", "বৌ\u09c7\u09d7", "আষা\u09dd",
	} {
		want := norm.NFC.String(stripJoiners(s))
		if got := numKey(s, true); got != want {
			t.Errorf("numKey(%q) = %q, want NFC %q", s, got, want)
		}
	}
}

func stripJoiners(s string) string {
	out := []rune{}
	for _, r := range s {
		if r != '\u200c' && r != '\u200d' {
			out = append(out, r)
		}
	}
	return string(out)
}

func TestDigitValue(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"840", 840}, {"1,25,000", 125000}, {"১২,৫০,০০০", 1250000}, {"৩.৫", 3.5}, {"32,178", 32178}, {"0.84", 0.84},
	}
	for _, tt := range tests {
		toks := numTokenize(tt.in)
		if len(toks) != 1 {
			t.Fatalf("numTokenize(%q) = %d tokens, want 1", tt.in, len(toks))
		}
		if got, ok := digitValue(&toks[0]); !ok || got != tt.want {
			t.Errorf("digitValue(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestTokenizeOffsets(t *testing.T) {
	text := "TikTok-এর $840মিলিয়ন, ৯০%-এর\u200c ১০টি"
	runes := []rune(text)
	for _, tk := range numTokenize(text) {
		if string(runes[tk.rs:tk.re]) != tk.text || text[tk.b:tk.e] != tk.text {
			t.Errorf("token %q at runes %d-%d bytes %d-%d", tk.text, tk.rs, tk.re, tk.b, tk.e)
		}
	}
}

func TestSuffixGroups(t *testing.T) {
	n := 0
	for _, suf := range numSuffixes {
		r := []rune(suf)
		group := suffixesEndingIn(r[len(r)-1])
		found := false
		for _, g := range group {
			found = found || g == suf
		}
		if !found {
			t.Errorf("suffix %q is missing from the group of its last rune %q", suf, r[len(r)-1])
		}
	}
	for _, r := range "রোিওইা\u09bcএ\u09c7" {
		n += len(suffixesEndingIn(r))
	}
	if n != len(numSuffixes) {
		t.Errorf("the groups hold %d suffixes, numSuffixes %d", n, len(numSuffixes))
	}
}
