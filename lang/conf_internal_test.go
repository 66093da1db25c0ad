package lang

import "testing"

func TestConfTexts(t *testing.T) {
	tests := []struct {
		c, min    float64
		got, need string
	}{
		{0.9862, 0.99, "0.986", "0.99"},
		{0.5, 0.8, "0.50", "0.8"},
		{0.99499, 0.995, "0.99499", "0.995"},
	}
	for _, tt := range tests {
		got, need := confTexts(tt.c, tt.min)
		if got != tt.got || need != tt.need {
			t.Errorf("confTexts(%v, %v) = %q, %q; want %q, %q", tt.c, tt.min, got, need, tt.got, tt.need)
		}
	}
}
