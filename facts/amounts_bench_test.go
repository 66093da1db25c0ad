package facts

import (
	"strings"
	"testing"
)

// benchArticle is a 5 KB article: the seed (Bengali, 5.7 KB) or the
// first English dev articles joined to about 5 KB.
func benchArticles(b *testing.B) map[string]string {
	b.Helper()
	var en strings.Builder
	for _, a := range readDev(b) {
		if a.Lang == "en" {
			en.WriteString(a.Text)
			en.WriteString("\n")
		}
	}
	return map[string]string{"bn": readSeed(b), "en": en.String()[:min(en.Len(), 5000)]}
}

func BenchmarkExtractAmounts(b *testing.B) {
	for lang, text := range benchArticles(b) {
		b.Run(lang, func(b *testing.B) {
			d := newDoc(text, lang)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				extractAmounts(d)
			}
		})
	}
}

func BenchmarkExtractDates(b *testing.B) {
	for lang, text := range benchArticles(b) {
		b.Run(lang, func(b *testing.B) {
			d := newDoc(text, lang)
			ref, src := referenceDate(d, day("2023-12-12"))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				extractDates(d, ref, src)
			}
		})
	}
}

func BenchmarkNumbers(b *testing.B) {
	text := readSeed(b)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Numbers(text)
	}
}
