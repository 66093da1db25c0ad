package lang_test

import (
	"context"
	"slices"
	"testing"
	"unicode/utf8"

	"github.com/sangbad/sangbad/lang"
)

// FuzzDetect checks that any input gives a valid result without panicking:
// a known code or "und" with a reason, confidences in [0,1], spans inside
// the text whose Text matches their code-point offsets. Seeds are in
// testdata/fuzz/FuzzDetect.
func FuzzDetect(f *testing.F) {
	d, err := lang.New(lang.Options{})
	if err != nil {
		f.Fatal(err)
	}
	codes := lang.Codes()
	f.Fuzz(func(t *testing.T, text string) {
		l, err := d.Detect(context.Background(), text)
		if err != nil {
			t.Fatal(err)
		}
		if l.Code == lang.Undetermined {
			if l.Reason == "" {
				t.Errorf("und without reason")
			}
		} else if !slices.Contains(codes, l.Code) {
			t.Errorf("unknown code %q", l.Code)
		}
		if l.Confidence < 0 || l.Confidence > 1 {
			t.Errorf("confidence %v", l.Confidence)
		}
		for _, a := range l.Alternatives {
			if a.Confidence < 0 || a.Confidence > 1 {
				t.Errorf("alternative %+v", a)
			}
		}
		n := utf8.RuneCountInString(text)
		for _, o := range l.Others {
			if o.Share <= 0 || o.Share > 1 {
				t.Errorf("share %v", o.Share)
			}
			for _, s := range o.Spans {
				if s.Start < 0 || s.End > n || s.Start >= s.End {
					t.Fatalf("span %+v outside %d runes", s, n)
				}
				// Invalid bytes count as one code point each and read as
				// U+FFFD once converted.
				if got := string([]rune(text)[s.Start:s.End]); got != string([]rune(s.Text)) {
					t.Errorf("span text %q, at offsets %q", s.Text, got)
				}
			}
		}
		if _, _, err := d.Is(context.Background(), text, "bn"); err != nil {
			t.Errorf("Is: %v", err)
		}
	})
}
