package summarize_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/summarize"
)

func TestLooksLikeHTMLWarning(t *testing.T) {
	det, fx := shared()
	p := summarize.NewPipeline(det, fx)
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"html document", "<!DOCTYPE html><html><body><p>The minister said on Monday that talks would go on.</p></body></html>", true},
		{"fragment", "<div><p>One.</p><p>Two.</p><p>Three.</p></div> The minister spoke.", true},
		{"plain text with a <b> mention", "The tag <b> is shown in bold, the minister said on Monday.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, err := p.Analyze(context.Background(), sangbad.Article{Text: tt.text, Published: "2023-12-12"}, sangbad.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := slices.ContainsFunc(an.Warnings, func(w string) bool { return strings.Contains(w, "HTML") })
			if got != tt.want {
				t.Errorf("HTML warning = %v, want %v (warnings %q)", got, tt.want, an.Warnings)
			}
		})
	}
}
