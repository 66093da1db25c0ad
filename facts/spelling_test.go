package facts

import "testing"

func TestSpellingNear(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Hasina", "হাসিনা", true},
		{"Hasina", "হাসান", false},
		{"Hasina", "Hasan", false},
		{"Hasan", "হাসানের", true}, // a case ending
		{"Zulkifli", "জুলকিফলি", true},
		{"Tokopedia", "টোকোপিডিয়ার", true},
		{"Lazada", "লাজাদা", true},
		{"Chowdhury", "চৌধুরী", true},
		{"Hossain", "হোসেন", true},
		{"Rizvi", "রিজভী", true},
		{"Musk", "মাস্ক", true},
		{"Biden", "বাইডেন", true},
		{"Shanto", "শান্ত", true},
		{"Sheikh", "শেখ", true},
		{"Trump", "Obama", false},
		{"Rahman", "Rahim", false},
		{"Karim", "করিম", true},
		{"Karim", "কামাল", false},
		{"Jakarta", "জাকার্তা", true},
		{"Jakarta", "Karachi", false},
		{"Alibaba", "Lazada", false},
		{"Jefferies", "জেফরিজ", true},
		{"Psaki", "সাকি", true},
		{"Banerjee", "বন্দ্যোপাধ্যায়", true},
		{"Mamata Banerjee", "মমতা বন্দ্যোপাধ্যায়", true},
		{"Mamata Banerjee", "মমতা মুখোপাধ্যায়", false},
		{"D'Angelo", "ডি'অ্যাঞ্জেলো", true},
		{"Southee", "সাউদি", true},
		{"Sea", "সি", true},
		{"Google", "গুগল", true},
		{"Shopee", "শোপি", true},
		{"Singapore", "সিঙ্গাপুর", true},
		{"Narayanganj", "নারায়ণগঞ্জ", true},
		{"Roy", "রায়", true},
		{"Microsoft", "মাইক্রোসফট", true},
		{"Khaleda", "খালেদ", false},
		{"হাসিনা", "হাসান", false},
		{"হাসানের", "হাসান", true},
		{"Tarique", "তারেক", true},
		{"Farooq", "ফারুক", true},
		{"Mahmood", "মাহমুদ", true},
		{"Khaleda", "খালেদা", true},
		{"Nadella", "Nadal", false},
	}
	for _, tt := range tests {
		if got := SpellingNear(tt.a, tt.b); got != tt.want {
			t.Errorf("SpellingNear(%q, %q) = %v, want %v (forms %q %q)", tt.a, tt.b, got, tt.want, spellingForms(tt.a), spellingForms(tt.b))
		}
	}
}
