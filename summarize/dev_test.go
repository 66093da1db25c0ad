package summarize

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/internal/rouge"
	"github.com/sangbad/sangbad/segment"
)

// The development summaries live outside the repository
// (shared/eval/summ_*.jsonl, see its README); the tests here skip without
// them. They report ROUGE on the odd and the even lines separately, so a
// change tuned on one half can be checked on the other.

const devDir = "../../shared/eval"

// devArticle is one development article, analysed once.
type devArticle struct {
	doc       Document
	reference []string // ROUGE tokens of the human summary
	refWords  int
}

// readDev reads and analyses a development file, or skips the test when it
// is missing. With SANGBAD_DEV_CACHE set to a directory, the analyses are
// kept there and read back, so that tuning sees the same facts while the
// fact extractor changes.
func readDev(t testing.TB, name string) []devArticle {
	t.Helper()
	cache := ""
	if dir := os.Getenv("SANGBAD_DEV_CACHE"); dir != "" {
		cache = filepath.Join(dir, name+".docs.json")
		if b, err := os.ReadFile(cache); err == nil {
			var docs []struct {
				Doc       Document
				Reference []string
			}
			if err := json.Unmarshal(b, &docs); err != nil {
				t.Fatal(err)
			}
			out := make([]devArticle, len(docs))
			for i, d := range docs {
				out[i] = devArticle{doc: d.Doc, reference: d.Reference, refWords: len(d.Reference)}
			}
			return out
		}
	}
	f, err := os.Open(devDir + "/" + name)
	if os.IsNotExist(err) {
		t.Skipf("%s not found: development summaries are not in the repository", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := NewPipeline(fakeDetector{}, facts.New())
	var out []devArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct {
			Title, Text, Summary string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		an, err := p.core(context.Background(), sangbad.Article{Title: r.Title, Text: r.Text}, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		ref := segment.Tokens(r.Summary)
		out = append(out, devArticle{
			doc:       Document{Title: r.Title, Text: r.Text, Language: an.Language.Code, Sentences: an.Sentences, Facts: an.Facts},
			reference: ref,
			refWords:  len(ref),
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cache != "" {
		docs := make([]struct {
			Doc       Document
			Reference []string
		}, len(out))
		for i, a := range out {
			docs[i].Doc, docs[i].Reference = a.doc, a.reference
		}
		b, err := json.Marshal(docs)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(cache, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// rougeF is ROUGE-1, -2 and -L F1.
type rougeF [3]float64

func rougeOf(candidate, reference []string) rougeF {
	return rougeF{rouge.N(candidate, reference, 1).F1, rouge.N(candidate, reference, 2).F1, rouge.L(candidate, reference).F1}
}

// devScores are mean ROUGE F1 (in percent) of the extractive summaries and
// the lead at the reference's length, over all, the odd (1st, 3rd, ...)
// and the even lines, and the extractive summary's R1 wins over the lead.
type devScores struct {
	ext, lead    [3]rougeF // all, odd, even
	wins, losses int
}

func scoreDev(e *Extractive, arts []devArticle) devScores {
	var s devScores
	var n [3]float64
	for i, a := range arts {
		b := Budget{Min: 1, Words: a.refWords}
		x := rougeOf(segment.Tokens(e.SummarizeBudget(a.doc, b).Text), a.reference)
		l := rougeOf(segment.Tokens(e.Lead(a.doc, b).Text), a.reference)
		half := 1 + i%2 // line i+1: odd lines have even i
		for _, h := range []int{0, half} {
			n[h]++
			for k := range 3 {
				s.ext[h][k] += 100 * x[k]
				s.lead[h][k] += 100 * l[k]
			}
		}
		switch {
		case x[0] > l[0]:
			s.wins++
		case x[0] < l[0]:
			s.losses++
		}
	}
	for h := range 3 {
		for k := range 3 {
			s.ext[h][k] /= max(1, n[h])
			s.lead[h][k] /= max(1, n[h])
		}
	}
	return s
}

func (s devScores) String() string {
	var b strings.Builder
	for h, name := range []string{"all", "odd", "even"} {
		fmt.Fprintf(&b, "  %-4s extractive %5.1f %5.1f %5.1f   lead %5.1f %5.1f %5.1f\n", name,
			s.ext[h][0], s.ext[h][1], s.ext[h][2], s.lead[h][0], s.lead[h][1], s.lead[h][2])
	}
	fmt.Fprintf(&b, "  R1 wins %d, losses %d", s.wins, s.losses)
	return b.String()
}

// TestDevSummaries reports the development ROUGE by half and checks that
// the extractive summaries beat the lead on each half of each file.
func TestDevSummaries(t *testing.T) {
	e := newExtractive(t)
	for _, name := range []string{"summ_en.jsonl", "summ_bn.jsonl"} {
		t.Run(name, func(t *testing.T) {
			s := scoreDev(e, readDev(t, name))
			t.Logf("%s (R1 R2 RL F1)\n%s", name, s)
			for h, half := range []string{"all", "odd", "even"} {
				if s.ext[h][0] <= s.lead[h][0] {
					t.Errorf("%s, %s lines: extractive R1 %.1f does not beat the lead's %.1f", name, half, s.ext[h][0], s.lead[h][0])
				}
			}
		})
	}
}
