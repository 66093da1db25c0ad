package lang_test

import (
	"context"
	"os"
	"testing"

	"github.com/sangbad/sangbad/lang"
)

// BenchmarkDetect measures Detect on a 5 KB article in English and in
// Bengali (models loaded before the timer starts).
func BenchmarkDetect(b *testing.B) {
	d, err := lang.New(lang.Options{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	for _, name := range []string{"en", "bn"} {
		text, err := os.ReadFile("testdata/article_" + name + ".txt")
		if err != nil {
			b.Fatal(err)
		}
		s := string(text)
		b.Run(name, func(b *testing.B) {
			if _, err := d.Detect(ctx, s); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := d.Detect(ctx, s); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
