package verify_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/verify"
)

// A reference by role ("the trade minister") is no name: it neither
// supports an invented name nor is flagged itself.
func TestRoleMentionsAreNoNames(t *testing.T) {
	src := "Indonesia's trade minister Zulkifli Hasan met traders in Jakarta on Tuesday. The trade minister said the trial would last four months."
	tests := []struct {
		name, text string
		want       []string
	}{
		{"role of the right person", "Indonesia's trade minister Zulkifli Hasan met traders. The trade minister said the trial would last four months.", nil},
		{"role of an invented person", "Indonesia's trade minister Budi Santoso met traders. The trade minister said the trial would last four months.", []string{"Budi Santoso"}},
	}
	v := verify.New(facts.New(), nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := v.Verify(context.Background(), verify.Request{Source: src, Text: tt.text, Language: "en", Published: time.Date(2023, 12, 12, 0, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, is := range res.Issues {
				if is.Kind == sangbad.IssueName {
					got = append(got, is.Text)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("name issues (-want +got):\n%s", diff)
			}
		})
	}
}
