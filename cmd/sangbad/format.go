package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/sangbad/sangbad"
)

func openFile(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("open input: %w", err)
	}
	return f, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeText prints an analysis for a person at a terminal.
func writeText(w io.Writer, a *sangbad.Analysis) error {
	b := &strings.Builder{}
	l := a.Language
	fmt.Fprintf(b, "Language: %s (%s) confidence %.2f", l.Name, l.Code, l.Confidence)
	if l.Reason != "" {
		fmt.Fprintf(b, " - %s", l.Reason)
	}
	b.WriteString("\n")
	for _, o := range l.Others {
		fmt.Fprintf(b, "  also: %s (%s) %.0f%% of letters\n", o.Name, o.Code, o.Share*100)
	}
	if a.Published != "" {
		fmt.Fprintf(b, "Reference date: %s (%s)\n", a.Published, a.PublishedSource)
	}
	for _, warn := range a.Warnings {
		fmt.Fprintf(b, "Warning: %s\n", warn)
	}
	tw := tabwriter.NewWriter(b, 0, 4, 2, ' ', 0)
	f := a.Facts
	if len(f.Amounts) > 0 {
		fmt.Fprintf(tw, "\nAMOUNTS\tkind\tvalue\tunit\tat\n")
		for _, m := range f.Amounts {
			unit := m.Currency
			if unit == "" {
				unit = m.Unit
			}
			val := fmt.Sprintf("%.10g", m.Value)
			if m.ValueMax != nil {
				val += fmt.Sprintf("-%.10g", *m.ValueMax)
			}
			if m.Approximate {
				val = "~" + val
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d-%d\n", m.Text, m.Kind, val, unit, m.Start, m.End)
		}
	}
	if len(f.Dates) > 0 {
		fmt.Fprintf(tw, "\nDATES\tvalue\tgranularity\tat\n")
		for _, d := range f.Dates {
			val := d.Value
			if d.Unresolved {
				val = "(unresolved)"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d-%d\n", d.Text, val, d.Granularity, d.Start, d.End)
		}
	}
	if len(f.Actors) > 0 {
		fmt.Fprintf(tw, "\nACTORS\ttype\trole\tmentions\n")
		for _, ac := range f.Actors {
			name := ac.Name
			if len(ac.Aliases) > 0 {
				name += " / " + strings.Join(ac.Aliases, " / ")
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\n", name, ac.Type, ac.Role, len(ac.Mentions))
		}
	}
	tw.Flush()
	if len(f.Quotes) > 0 {
		b.WriteString("\nQUOTES\n")
		for _, q := range f.Quotes {
			kind := "indirect"
			if q.Direct {
				kind = "direct"
			}
			fmt.Fprintf(b, "  [%s] %s: %s\n", kind, orDash(q.Speaker), q.Text)
		}
	}
	for _, code := range sortedKeys(a.Summaries) {
		s := a.Summaries[code]
		fmt.Fprintf(b, "\nSUMMARY (%s, %s)", code, orDash(s.Method))
		if s.Verified != nil {
			if *s.Verified {
				b.WriteString(" verified")
			} else {
				b.WriteString(" NOT verified")
			}
		}
		b.WriteString("\n")
		if s.Error != nil {
			fmt.Fprintf(b, "  unavailable: %s\n", s.Error.Message)
			continue
		}
		if s.Length == sangbad.LengthBullets && len(s.Sentences) > 0 {
			for _, st := range s.Sentences {
				fmt.Fprintf(b, "  • %s\n", st.Text)
			}
		} else {
			fmt.Fprintf(b, "  %s\n", s.Text)
		}
		for _, is := range s.Issues {
			fmt.Fprintf(b, "  ! %s %q: %s\n", is.Kind, is.Text, is.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
