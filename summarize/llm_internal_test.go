package summarize

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/segment"
)

func TestGroupUnits(t *testing.T) {
	tests := []struct {
		name   string
		toks   []int
		breaks []bool
		budget int
		want   [][2]int
	}{
		{"fits", []int{10, 10, 10}, nil, 100, [][2]int{{0, 3}}},
		{"sentences", []int{40, 40, 40, 40}, nil, 100, [][2]int{{0, 2}, {2, 4}}},
		{"paragraphs_whole", []int{30, 30, 30, 30, 30}, []bool{false, false, true, false, false}, 70, [][2]int{{0, 2}, {2, 4}, {4, 5}}},
		{"paragraph_kept_together", []int{30, 30, 30, 30}, []bool{false, true, false, true}, 70, [][2]int{{0, 1}, {1, 3}, {3, 4}}},
		{"long_paragraph_split", []int{10, 60, 60, 60}, []bool{false, true, false, false}, 100, [][2]int{{0, 2}, {2, 3}, {3, 4}}},
		{"oversized_unit", []int{10, 500, 10}, nil, 100, [][2]int{{0, 1}, {1, 2}, {2, 3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := groupUnits(tt.toks, tt.breaks, tt.budget)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("groups (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParagraphBreaks(t *testing.T) {
	text := "First one. Second one.\n\nThird one.\nFourth one."
	got := paragraphBreaks(text, segment.Sentences(text))
	if diff := cmp.Diff([]bool{false, false, true, true}, got); diff != "" {
		t.Errorf("breaks (-want +got):\n%s", diff)
	}
}

func TestDigits(t *testing.T) {
	tests := []struct {
		lang   string
		bn     bool
		in     string
		want   string
		reason string
	}{
		{"bn", true, "টিকটক $840 মিলিয়ন ডলার দেবে, 90% ছোট ব্যবসা।", "টিকটক $৮৪০ মিলিয়ন ডলার দেবে, ৯০% ছোট ব্যবসা।", "Latin to Bengali"},
		{"bn", false, "টিকটক ৮৪০ মিলিয়ন ডলার দেবে।", "টিকটক 840 মিলিয়ন ডলার দেবে।", "Bengali to Latin"},
		{"bn", true, "G20 সম্মেলনে 3 দিন।", "G20 সম্মেলনে ৩ দিন।", "digits of a Latin word kept"},
		{"en", true, "TikTok will spend $840 million.", "TikTok will spend $840 million.", "only Bengali output"},
	}
	for _, tt := range tests {
		t.Run(tt.reason, func(t *testing.T) {
			j := &job{req: SummaryRequest{Language: tt.lang, BengaliDigits: tt.bn}}
			if got := j.digits(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFindName(t *testing.T) {
	text := "GoTo-এর ইউনিট টোকোপিডিয়ার বেশিরভাগ; টোকোপিডিয়া বড়। Go home. টোকোপিডিয়াসমূহের"
	ix := segment.NewIndex(text)
	tests := []struct {
		name string
		want []sangbad.Mention
	}{
		{"GoTo", []sangbad.Mention{{Span: sangbad.Span{Text: "GoTo", Start: 0, End: 4}}}},
		{"Go", []sangbad.Mention{{Span: sangbad.Span{Text: "Go", Start: 54, End: 56}}}},
		{"টোকোপিডিয়া", []sangbad.Mention{
			{Span: sangbad.Span{Text: "টোকোপিডিয়া", Start: 14, End: 25}, Surface: &sangbad.Span{Text: "টোকোপিডিয়ার", Start: 14, End: 26}},
			{Span: sangbad.Span{Text: "টোকোপিডিয়া", Start: 37, End: 48}},
		}},
		{"Jakarta", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findName(text, ix, tt.name)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("mentions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMergeActors(t *testing.T) {
	m := func(text string, start int) sangbad.Mention {
		return sangbad.Mention{Span: sangbad.Span{Text: text, Start: start, End: start + len([]rune(text))}}
	}
	rule := []sangbad.Actor{
		{ID: "a1", Name: "TikTok", Type: sangbad.ActorOrganization, Source: "rules", Mentions: []sangbad.Mention{m("TikTok", 0)}},
		{ID: "a2", Name: "জুলকিফলি হাসান", Type: sangbad.ActorPerson, Source: "rules", Mentions: []sangbad.Mention{m("জুলকিফলি হাসান", 20)}},
	}
	found := []llmActor{
		{name: "টিকটক", typ: sangbad.ActorOrganization, mentions: []sangbad.Mention{m("টিকটক", 50)}},
		{name: "জুলকিফলি হাসান", typ: sangbad.ActorPerson, role: "বাণিজ্যমন্ত্রী", roleFound: true, mentions: []sangbad.Mention{m("জুলকিফলি হাসান", 20)}},
		{name: "Jefferies", typ: sangbad.ActorOrganization, role: "broker", mentions: []sangbad.Mention{m("Jefferies", 70)}},
		{name: "Jefferies", typ: sangbad.ActorOrganization, mentions: []sangbad.Mention{m("Jefferies", 70)}},
		{name: "Joko Widodo", typ: sangbad.ActorPerson, role: "President"},
	}
	got := mergeActors(rule, found)
	want := []sangbad.Actor{
		{ID: "a1", Name: "TikTok", Type: sangbad.ActorOrganization, Source: "rules", Aliases: []string{"টিকটক"}, Mentions: []sangbad.Mention{m("TikTok", 0), m("টিকটক", 50)}},
		{ID: "a2", Name: "জুলকিফলি হাসান", Type: sangbad.ActorPerson, Source: "rules", Role: "বাণিজ্যমন্ত্রী", Mentions: []sangbad.Mention{m("জুলকিফলি হাসান", 20)}},
		{ID: "a3", Name: "Jefferies", Type: sangbad.ActorOrganization, Source: "llm", Mentions: []sangbad.Mention{m("Jefferies", 70)}},
		{ID: "a4", Name: "Joko Widodo", Type: sangbad.ActorPerson, Source: "llm", Role: "President", Unverified: true, Mentions: []sangbad.Mention{}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("actors (-want +got):\n%s", diff)
	}
	if len(rule[0].Mentions) != 1 || rule[1].Role != "" {
		t.Error("mergeActors changed the rule actors it was given")
	}
}

func TestEstimateTokens(t *testing.T) {
	en := strings.Repeat("abcd", 100) // 400 chars: ~100 tokens
	bn := strings.Repeat("টিকটক", 60) // 300 Bengali code points: ~100 tokens
	if got := estimateTokens(en); got < 95 || got > 105 {
		t.Errorf("English estimate %d, want about 100", got)
	}
	if got := estimateTokens(bn); got < 95 || got > 105 {
		t.Errorf("Bengali estimate %d, want about 100", got)
	}
}
