package translate

import (
	"strings"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"
)

// rebuild joins a plan's groups with their separators: it must give back
// the text.
func rebuild(text string, chunks []chunk, lead, trail string) string {
	var b strings.Builder
	b.WriteString(lead)
	for _, c := range chunks {
		for i, g := range c.groups {
			b.WriteString(c.sep[i])
			b.WriteString(text[g.start:g.end])
		}
	}
	b.WriteString(trail)
	return b.String()
}

func TestPlan(t *testing.T) {
	bn, en := seed(t)
	tests := []struct {
		name   string
		text   string
		budget int
		// wantEnds are the endings every chunk must have (its last rune)
		wantEnds string
		// wantChunks is the exact chunk count when > 0
		wantChunks int
	}{
		{"bengali_dandas", "প্রথম বাক্য এখানে শেষ। দ্বিতীয় বাক্যটি একটু লম্বা হয়েছে। তৃতীয় বাক্য! চতুর্থ বাক্য কি?", 12, "।!?", 0},
		{"bengali_two_paragraphs_fit", "এক দুই তিন।\n\nচার পাঁচ ছয়।", 100, "।", 1},
		{"english_abbreviations", "Mr. Hasan met Dr. Lee on Tuesday. The deal was signed in Jakarta. Shares rose 5%.", 10, ".", 3},
		{"seed_bengali_sentence_budget", article(bn, seedGroups, "\n\n"), sentenceBudget(article(bn, seedGroups, "\n\n")), "।", 0},
		{"seed_english_single_newlines", article(en, seedGroups, "\n"), sentenceBudget(article(en, seedGroups, "\n")), ".", 0},
		{"whole_seed_one_chunk", "\n" + strings.Join(bn, "\n") + "\n\n", 100000, "।", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			chunks, lead, trail := plan(tt.text, tt.budget)
			if got := rebuild(tt.text, chunks, lead, trail); got != tt.text {
				t.Fatalf("chunks do not rebuild the text:\n%q\nwant\n%q", got, tt.text)
			}
			if tt.wantChunks > 0 && len(chunks) != tt.wantChunks {
				t.Errorf("%d chunks, want %d", len(chunks), tt.wantChunks)
			}
			for i, c := range chunks {
				src := c.source(tt.text)
				if estimateTokens(src) > tt.budget {
					t.Errorf("chunk %d: %d tokens over the budget %d: %q", i, estimateTokens(src), tt.budget, src)
				}
				last := []rune(strings.TrimRightFunc(src, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune("”’\")", r) }))
				if !strings.ContainsRune(tt.wantEnds, last[len(last)-1]) {
					t.Errorf("chunk %d does not end at a sentence boundary: %q", i, src)
				}
				for j, g := range c.groups {
					if j > 0 && !strings.Contains(c.sep[j], "\n") {
						t.Errorf("chunk %d: groups %d and %d are not separate paragraphs (separator %q)", i, j-1, j, c.sep[j])
					}
					if strings.Contains(tt.text[g.start:g.end], "\n\n") {
						t.Errorf("chunk %d group %d spans a paragraph break", i, j)
					}
				}
			}
		})
	}
}

func TestCutLong(t *testing.T) {
	tests := []struct {
		name   string
		s      string
		budget int
		want   []string
	}{
		{"fits", "short sentence.", 10, []string{"short sentence."}},
		{"clause_boundary", "the first clause runs on and on, the second clause is here, and a third follows it.", 10,
			[]string{"the first clause runs on and on,", "the second clause is here,", "and a third follows it."}},
		{"word_boundary_bengali", "এক দুই তিন চার পাঁচ ছয় সাত আট নয় দশ", 4, nil},
		{"word_boundary_english", "one two three four five six seven eight nine ten eleven twelve", 5, nil},
		{"no_spaces", "abcdefghijklmnop", 2, []string{"abcdefgh", "ijklmnop"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range cutLong(tt.s, tt.budget) {
				got = append(got, tt.s[r[0]:r[1]])
			}
			if tt.want == nil { // whole words, in order, each within the budget
				if strings.Join(got, " ") != tt.s || len(got) < 2 {
					t.Errorf("pieces %q do not rebuild %q at word boundaries", got, tt.s)
				}
				for _, p := range got {
					if estimateTokens(p) > tt.budget {
						t.Errorf("piece %q has %d tokens, budget %d", p, estimateTokens(p), tt.budget)
					}
				}
				return
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("cutLong (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEstimateTokens(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abcd", 1},
		{"abcdefgh", 2},
		{"একদুই", 2}, // 5 code points
		{"TikTok টিকটক", 4},
	}
	for _, tt := range tests {
		if got := estimateTokens(tt.s); got != tt.want {
			t.Errorf("estimateTokens(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestAssemble(t *testing.T) {
	two := chunk{groups: []group{{0, 1}, {3, 4}}, sep: []string{"", "\n\n"}}
	one := chunk{groups: []group{{0, 1}}, sep: []string{""}}
	tests := []struct {
		name   string
		c      chunk
		tr     string
		want   string
		wantOK bool
	}{
		{"blank_lines", two, "First para.\n\nSecond para.", "First para.\n\nSecond para.", true},
		{"single_newlines", two, "First para.\nSecond para.\n", "First para.\n\nSecond para.", true},
		{"one_group_wrapped", one, "A wrapped\nline.", "A wrapped line.", true},
		{"too_many", two, "A.\n\nB.\n\nC.", "A.\n\nB.\n\nC.", false},
		{"too_few", two, "A. B.", "A. B.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok, _ := assemble(tt.c, tt.tr)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("assemble = %q, %v; want %q, %v", got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
