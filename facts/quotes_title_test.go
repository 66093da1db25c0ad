package facts

import (
	"context"
	"testing"
)

func TestNamingQuotesAreNotSpeech(t *testing.T) {
	tests := []struct {
		name string
		text string
		want int // direct quotes
	}{
		{"bn seminar title", "রাজধানীতে ‘বাজেট পরবর্তী অতি দারিদ্র্য নিরসন: জাতীয় সংলাপ’ শীর্ষক সেমিনারে বক্তব্য দেন অর্থনীতিবিদ খোন্দকার ইব্রাহিম খালেদ।", 0},
		{"bn campaign name", "সরকার “সবার জন্য শিক্ষা চাই” নামে একটি কর্মসূচি শুরু করেছে বলে মন্ত্রী জানিয়েছেন।", 0},
		{"en report titled", `The ministry published a report titled "A Fair Deal for Workers Now" on Monday, officials said.`, 0},
		{"en speech", `"We will give three to four months for the trial," Zulkifli Hasan said on Tuesday.`, 1},
		{"bn speech", "“আমরা ট্রায়ালের জন্য তিন থেকে চার মাস সময় দেব,” বাণিজ্যমন্ত্রী জুলকিফলি হাসান বলেছেন।", 1},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := e.Extract(context.Background(), tt.text, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, q := range res.Facts.Quotes {
				if q.Direct {
					got++
				}
			}
			if got != tt.want {
				t.Errorf("direct quotes = %d, want %d: %+v", got, tt.want, res.Facts.Quotes)
			}
		})
	}
}
