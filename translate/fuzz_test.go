package translate

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sangbad/sangbad/segment"
)

// FuzzPlan checks that any text is cut into chunks that rebuild it exactly
// (with their separators), that stay within the budget and that carry
// every non-space character.
func FuzzPlan(f *testing.F) {
	f.Add("প্রথম বাক্য। দ্বিতীয় বাক্য।\n\nতৃতীয়!", 16)
	f.Add("Mr. Hasan said. Then he left.\nA wrapped\nline here.", 20)
	f.Add("  \n\n", 16)
	f.Add("\u200bঅনুচ্ছেদ এক।\ufeff\n\n\u200b", 16)
	f.Add("noSpacesAtAllInThisVeryLongWordThatGoesOnAndOnAndOnForeverAndEver", 16)
	f.Add("“উদ্ধৃতি। আরও,” তিনি বলেন। শেষ।", 17)
	f.Fuzz(func(t *testing.T, text string, budget int) {
		if !utf8.ValidString(text) {
			return
		}
		budget = 16 + abs(budget)%200
		chunks, lead, trail := plan(text, budget)
		if got := rebuild(text, chunks, lead, trail); got != text {
			t.Fatalf("rebuilt %q, want %q", got, text)
		}
		if strings.TrimFunc(lead+trail, segment.IsSpace) != "" {
			t.Errorf("text outside the chunks: lead %q trail %q", lead, trail)
		}
		for i, c := range chunks {
			if c.tokens > budget || estimateTokens(c.source(text)) > budget {
				t.Errorf("chunk %d: %d (%d) tokens over the budget %d", i, c.tokens, estimateTokens(c.source(text)), budget)
			}
			for j, g := range c.groups {
				if strings.TrimSpace(text[g.start:g.end]) == "" {
					t.Errorf("chunk %d group %d is empty", i, j)
				}
				if j > 0 && strings.TrimFunc(c.sep[j], segment.IsSpace) != "" {
					t.Errorf("chunk %d: separator %q is not white space", i, c.sep[j])
				}
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
