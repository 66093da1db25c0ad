package eval

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sangbad/sangbad"
)

// Role mentions ("the trade minister") are no entity spans and no names.
func TestRoleMentionsIgnored(t *testing.T) {
	a := sangbad.Actor{Name: "Zulkifli Hasan", Type: sangbad.ActorPerson, Mentions: []sangbad.Mention{
		{Span: sangbad.Span{Text: "the trade minister", Start: 0, End: 18}, Kind: sangbad.MentionRole},
		{Span: sangbad.Span{Text: "Zulkifli Hasan", Start: 30, End: 44}},
	}}
	t.Run("ner", func(t *testing.T) {
		want := []entSpan{{typ: "PERSON", start: 30, end: 44, altStart: 30, altEnd: 44, text: "Zulkifli Hasan"}}
		got := predictedEntities(sangbad.Facts{Actors: []sangbad.Actor{a}})
		if diff := cmp.Diff(want, got, cmp.AllowUnexported(entSpan{})); diff != "" {
			t.Errorf("entities (-want +got):\n%s", diff)
		}
	})
	t.Run("keys", func(t *testing.T) {
		withRole := actorKeys(a)
		a.Mentions = a.Mentions[1:]
		if diff := cmp.Diff(actorKeys(a), withRole); diff != "" {
			t.Errorf("role mention changed the actor's keys (-want +got):\n%s", diff)
		}
	})
}
