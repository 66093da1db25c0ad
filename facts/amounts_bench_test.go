package facts

import (
	"context"
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
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				// a fresh doc: its token and date caches are part of the cost
				extractAmounts(newDoc(text, lang))
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
				extractDates(newDoc(text, lang), ref, src)
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

// BenchmarkExtract measures the whole extraction of a 5 KB article.
func BenchmarkExtract(b *testing.B) {
	e := New()
	ctx := context.Background()
	opts := Options{Published: day("2023-12-12")}
	for lang, text := range benchArticles(b) {
		b.Run(lang, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := e.Extract(ctx, text, opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
