// Package segment splits text into paragraphs, sentences and words, and maps
// between byte offsets (what Go slices) and code-point offsets (what every
// Sangbad result carries). It knows the Bengali danda, abbreviations in both
// languages and quotation marks.
package segment

import (
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// Index maps between byte and code-point offsets of one string.
type Index struct {
	s string
	// runeAt[i] is the byte offset of code point i; runeAt[n] == len(s).
	byteOf []int
	// ascii is true when every byte is ASCII (offsets coincide).
	ascii bool
}

// NewIndex builds the offset map for s.
func NewIndex(s string) *Index {
	ix := &Index{s: s}
	n := utf8.RuneCountInString(s)
	if n == len(s) {
		ix.ascii = true
		return ix
	}
	ix.byteOf = make([]int, 0, n+1)
	for i := range s {
		ix.byteOf = append(ix.byteOf, i)
	}
	ix.byteOf = append(ix.byteOf, len(s))
	return ix
}

// String returns the indexed string.
func (ix *Index) String() string { return ix.s }

// Len returns the number of code points.
func (ix *Index) Len() int {
	if ix.ascii {
		return len(ix.s)
	}
	return len(ix.byteOf) - 1
}

// Byte returns the byte offset of code point r (clamped to the string).
func (ix *Index) Byte(r int) int {
	if r < 0 {
		return 0
	}
	if ix.ascii {
		return min(r, len(ix.s))
	}
	if r >= len(ix.byteOf) {
		return len(ix.s)
	}
	return ix.byteOf[r]
}

// Rune returns the code-point offset of byte offset b. b must be at a rune
// boundary; otherwise the rune containing b is returned.
func (ix *Index) Rune(b int) int {
	if b <= 0 {
		return 0
	}
	if ix.ascii {
		return min(b, len(ix.s))
	}
	// binary search
	lo, hi := 0, len(ix.byteOf)-1
	for lo < hi {
		m := (lo + hi + 1) / 2
		if ix.byteOf[m] <= b {
			lo = m
		} else {
			hi = m - 1
		}
	}
	return lo
}

// Span returns the Span for byte range [bs,be).
func (ix *Index) Span(bs, be int) sangbad.Span {
	return sangbad.Span{Text: ix.s[bs:be], Start: ix.Rune(bs), End: ix.Rune(be)}
}

// Slice returns the text of code-point range [start,end).
func (ix *Index) Slice(start, end int) string {
	return ix.s[ix.Byte(start):ix.Byte(end)]
}
