package verify

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/sangbad/sangbad"
)

// sortedIssues returns the issues in text order.
func (c *check) sortedIssues() []sangbad.Issue {
	out := append([]sangbad.Issue{}, c.issues...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Start != out[j].Start {
			return out[i].Start < out[j].Start
		}
		return out[i].Kind < out[j].Kind
	})
	return out
}

// Format writes r as a report for people: the verdict, what was checked
// and one line per issue with its code-point offsets in the text.
func Format(w io.Writer, r Result) error {
	bw := bufio.NewWriter(w)
	checked := fmt.Sprintf("checked %s, %s, %s", plural(r.Checked.Numbers, "number"), plural(r.Checked.Dates, "date"), plural(r.Checked.Names, "name"))
	if r.Reference != "" {
		checked += "; dates resolved against " + r.Reference
	}
	if r.Language != nil && r.Language.Code != "" {
		checked += fmt.Sprintf("; language %s (%.2f)", r.Language.Code, r.Language.Confidence)
	}
	if r.Verified {
		fmt.Fprintf(bw, "verified: %s\n", checked)
	} else {
		fmt.Fprintf(bw, "NOT VERIFIED: %s (%s)\n", plural(len(r.Issues), "issue"), checked)
	}
	for i, is := range r.Issues {
		fmt.Fprintf(bw, "%3d. %-8s %d-%d %q: %s\n", i+1, is.Kind, is.Start, is.End, clip(is.Text, 60), is.Message)
	}
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// clip shortens s to at most n code points, marking the cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
