package verify_test

import (
	"context"
	"testing"

	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/verify"
)

// benchSummary is a 600-code-point Bengali summary of the seed article
// (5.7 KB): the size of a standard summary of a wire story.
const benchSummary = "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান মঙ্গলবার (১২ ডিসেম্বর) বলেছেন, TikTok ও GoTo তিন থেকে চার মাস পরীক্ষামূলক ই-কমার্স অংশীদারিত্ব চালাবে। " +
	"টিকটক সোমবার জানিয়েছে, টোকোপিডিয়ার বেশিরভাগ অংশ কিনতে তারা ৮৪ কোটি ডলার খরচ করবে। " +
	"মন্ত্রী বলেন, দেশের ৯০ শতাংশ কর্মশক্তি ছোট ব্যবসায় নিয়োজিত। " +
	"ইন্দোনেশিয়ায় টিকটকের ব্যবহারকারী সাড়ে ১২ কোটি; ২০৩০ সালের মধ্যে দেশের ই-কমার্স ১৬ হাজার কোটি ডলারে পৌঁছাতে পারে। " +
	"Jefferies-এর বিশ্লেষকরা বলেছেন, এই বছর নিষেধাজ্ঞার আগে TikTok Shop-এর লেনদেন ৬০০ কোটি ডলারে পৌঁছেছিল, যেখানে পৌঁছাতে টোকোপিডিয়ার ১০ বছর লেগেছে।"

// BenchmarkVerify measures one verification of a 600-character summary
// against a 5.7 KB article: "full" extracts the source's facts too (what
// POST /v1/verify does), "source_facts" reuses them (what the analysis
// pipeline does, having extracted them already), "prepared" reuses a
// prepared source (translation chunks, repair rounds).
func BenchmarkVerify(b *testing.B) {
	src := readTestdata(b, "seed_article_bn.txt")
	ctx := context.Background()
	ext := facts.New()
	v := verify.New(ext, scriptDetector{})
	sf, err := ext.Extract(ctx, src, facts.Options{Published: seedPublished})
	if err != nil {
		b.Fatal(err)
	}
	prep, err := v.Prepare(ctx, src, seedPublished, &sf)
	if err != nil {
		b.Fatal(err)
	}
	reqs := map[string]verify.Request{
		"full":         {Source: src, Text: benchSummary, Published: seedPublished, Language: "bn"},
		"source_facts": {Source: src, Text: benchSummary, Published: seedPublished, Language: "bn", SourceFacts: &sf},
		"prepared":     {Text: benchSummary, Language: "bn", Prepared: prep},
	}
	for _, name := range []string{"full", "source_facts", "prepared"} {
		req := reqs[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src) + len(benchSummary)))
			for b.Loop() {
				if _, err := v.Verify(ctx, req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
