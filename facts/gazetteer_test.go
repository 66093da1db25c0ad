package facts

import "testing"

func TestGazetteer(t *testing.T) {
	g, err := parseGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	places := []struct{ bn, en string }{
		{"ইন্দোনেশিয়া", "Indonesia"},
		{"চীন", "China"},
		{"জাকার্তা", "Jakarta"},
		{"সিঙ্গাপুর", "Singapore"},
		{"ঢাকা", "Dhaka"},
		{"দক্ষিণ পূর্ব এশিয়া", "Southeast Asia"},
	}
	for _, p := range places {
		got, ok := g.bnPlace(nfc(p.bn))
		if !ok || got.en != p.en {
			t.Errorf("bnPlace(%q) = %+v, %v; want %s", p.bn, got, ok, p.en)
		}
		if _, ok := g.enPlace(p.en); !ok {
			t.Errorf("enPlace(%q) not found", p.en)
		}
	}
	if p, ok := g.enPlace("U.S."); !ok || p.en != "United States" {
		t.Errorf("enPlace(U.S.) = %+v, %v", p, ok)
	}
	lex := []struct {
		word  string
		known bool
	}{
		{"হাসান", true}, {"বেলি", true}, {"চীনের", true}, {"সম্মত", true},
		{"টিকটক", false}, {"শোপি", false}, {"লাজাদা", false}, {"সি", false},
	}
	for _, l := range lex {
		if got := g.known(l.word); got != l.known {
			t.Errorf("known(%q) = %v, want %v", l.word, got, l.known)
		}
	}
	if len(g.lex.off) < 100000 {
		t.Errorf("lexicon has %d words, want the full hunspell-bn list", len(g.lex.off))
	}
}

// TestLexiconStem checks that suffix stripping takes the reading the
// lexicon confirms.
func TestLexiconStem(t *testing.T) {
	g, err := parseGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word, want string }{
		{"পার্টির", "পার্টি"},          // "-র", not "-টির" leaving "পার্"
		{"কমিটির", "কমিটি"},            // a case reading beats a classifier one
		{"কমিটি", "কমিটি"},             // a lexicon word keeps its -টি
		{"দেশটির", "দেশ"},              // a classifier with a real stem
		{"দলের", "দল"},                 // "-ের" after a consonant, not "দলে" + "-র"
		{"মহাসড়কে", "মহাসড়ক"},        // a cue-list word, not "মহাসড়" + "-কে"
		{"ঢাকার", "ঢাকা"},              // a place
		{"সরকারকে", "সরকার"},           // accusative
		{"শিক্ষার্থীরা", "শিক্ষার্থী"}, // plural
		{"টিকটকের", "টিকটক"},           // an unknown name falls back to the rules
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := g.stem(nfc(tt.word)); got != nfc(tt.want) {
				t.Errorf("stem(%q) = %q, want %q", tt.word, got, tt.want)
			}
		})
	}
}
