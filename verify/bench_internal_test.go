package verify

import (
	"context"
	"os"
	"testing"

	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/segment"
)

// BenchmarkChecks measures the verifier's own work, without the
// extraction of facts from the text: "warm" against a prepared source,
// "cold" preparing the source from its facts first (numbers, words, name
// keys).
func BenchmarkChecks(b *testing.B) {
	b.StopTimer()
	srcB, err := os.ReadFile("testdata/seed_article_bn.txt")
	if err != nil {
		b.Fatal(err)
	}
	src := string(srcB)
	text := benchText
	ctx := context.Background()
	ext := facts.New()
	v := New(ext, nil)
	sf, _ := ext.Extract(ctx, src, facts.Options{Published: published})
	tf, _ := ext.Extract(ctx, text, facts.Options{Published: published})
	prep, _ := v.Prepare(ctx, src, published, &sf)
	run := func(s *Source) {
		c := &check{v: v, src: s, ix: segment.NewIndex(text), txt: tf}
		c.numbers()
		c.dates()
		c.names()
		_ = c.language(ctx, "bn")
	}
	run(prep)
	b.StartTimer()
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			run(prep)
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			s, _ := v.Prepare(ctx, src, published, &sf)
			run(s)
		}
	})
}

const benchText = "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী জুলকিফলি হাসান মঙ্গলবার (১২ ডিসেম্বর) বলেছেন, TikTok ও GoTo তিন থেকে চার মাস পরীক্ষামূলক ই-কমার্স অংশীদারিত্ব চালাবে। " +
	"টিকটক সোমবার জানিয়েছে, টোকোপিডিয়ার বেশিরভাগ অংশ কিনতে তারা ৮৪ কোটি ডলার খরচ করবে। " +
	"মন্ত্রী বলেন, দেশের ৯০ শতাংশ কর্মশক্তি ছোট ব্যবসায় নিয়োজিত। " +
	"ইন্দোনেশিয়ায় টিকটকের ব্যবহারকারী সাড়ে ১২ কোটি; ২০৩০ সালের মধ্যে দেশের ই-কমার্স ১৬ হাজার কোটি ডলারে পৌঁছাতে পারে। " +
	"Jefferies-এর বিশ্লেষকরা বলেছেন, এই বছর নিষেধাজ্ঞার আগে TikTok Shop-এর লেনদেন ৬০০ কোটি ডলারে পৌঁছেছিল, যেখানে পৌঁছাতে টোকোপিডিয়ার ১০ বছর লেগেছে।"
