package lang_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/lang"
)

// Real sentences: Article 1 of the Universal Declaration of Human Rights in
// its official translations, the first lines of the fixtures.
const (
	udhrFrench   = "Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité."
	udhrSpanish  = "Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros."
	udhrRussian  = "Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства."
	udhrHindi    = "सभी मनुष्यों को गौरव और अधिकारों के मामले में जन्मजात स्वतन्त्रता और समानता प्राप्त है। उन्हें बुद्धि और अन्तरात्मा की देन प्राप्त है और परस्पर उन्हें भाईचारे के भाव से बर्ताव करना चाहिए।"
	udhrAssamese = "সকলো মানুহ মুক্ত হৈ জন্ম লাভ কৰে আৰু মৰ্যাদা আৰু অধিকাৰত সমান। তেওঁলোকৰ বিবেক আৰু বুদ্ধি আছে; তেওঁলোকে পৰস্পৰৰ মাজত ভ্ৰাতৃত্বৰ মনোভাৱেৰে আচৰণ কৰা উচিত।"
	udhrJapanese = "すべての人間は、生まれながらにして自由であり、かつ、尊厳と権利とについて平等である。"
	udhrChinese  = "人人生而自由,在尊严和权利上一律平等。他们赋有理性和良心,并应以兄弟关系的精神相对待。"
	udhrKannada  = "ಎಲ್ಲಾ ಮಾನವರೂ ಸ್ವತಂತ್ರರಾಗಿಯೇ ಜನಿಸಿದ್ದಾರೆ. ಹಾಗೂ ಘನತೆ ಮತ್ತು ಹಕ್ಕುಗಳಲ್ಲಿ ಸಮಾನರಾಗಿದ್ದಾರೆ."
)

func readFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newDetector(t testing.TB) *lang.Detector {
	t.Helper()
	d, err := lang.New(lang.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// outcome is the part of a result a test pins down; confidences are
// lingua's and checked for range only.
type outcome struct {
	Code   string
	Script string
	Und    bool // a Reason is given
	Others []string
}

func outcomeOf(l sangbad.Language) outcome {
	o := outcome{Code: l.Code, Script: l.Script, Und: l.Reason != ""}
	for _, s := range l.Others {
		o.Others = append(o.Others, s.Code)
	}
	return o
}

func TestDetect(t *testing.T) {
	d := newDetector(t)
	enLead := "Firefighters in Southern California are facing wind-whipped walls of flame from 15 wildfires that have scorched more than 400,000 acres and forced hundreds of thousands of people to flee their homes. Firefighters battle the Witch fire Tuesday in the Del Dios area of Escondido, California. The blazes have killed one person and injured at least 70 more. "
	tests := []struct {
		name string
		text string
		want outcome
	}{
		{"english article", readFile(t, "article_en.txt"), outcome{Code: "en", Script: "Latin"}},
		// Latin-script names (TikTok, GoTo, Tokopedia, TikTok Shop) in a
		// Bengali story are not a second language.
		{"bengali seed article", readFile(t, "article_bn.txt"), outcome{Code: "bn", Script: "Bengali"}},
		{"english story quoting bengali", readFile(t, "mixed_en_bn.txt"), outcome{Code: "en", Script: "Latin", Others: []string{"bn"}}},
		{"bengali story quoting english", readFile(t, "mixed_bn_en.txt"), outcome{Code: "bn", Script: "Bengali", Others: []string{"en"}}},
		{"english story quoting french", enLead + "The declaration reads: " + udhrFrench, outcome{Code: "en", Script: "Latin", Others: []string{"fr"}}},
		{"english sentence", "TikTok will invest $1.5 billion in Tokopedia, the e-commerce unit of GoTo, the trade minister said on Tuesday.", outcome{Code: "en", Script: "Latin"}},
		// A headline is mostly names: too little to tell Latin-script
		// languages apart with trigrams.
		{"english headline", "TikTok to invest $1.5 billion in Indonesia's Tokopedia", outcome{Code: "und", Script: "Latin", Und: true}},
		// CNN/DailyMail highlights that trigrams alone score as Latin (0.95),
		// Swedish (0.94) and French (0.92): und, not a wrong guess.
		{"english highlight read as latin", "British graphic artist's identity remains a mystery despite huge popularity .", outcome{Code: "und", Script: "Latin", Und: true}},
		{"english highlight read as swedish", "Thousands lined Beirut streets to honor anti-Syrian MP, killed in car bomb blast .", outcome{Code: "und", Script: "Latin", Und: true}},
		{"english highlight read as french", "Police confiscate computers, examine information on Web sites .", outcome{Code: "und", Script: "Latin", Und: true}},
		{"french", udhrFrench, outcome{Code: "fr", Script: "Latin"}},
		{"spanish", udhrSpanish, outcome{Code: "es", Script: "Latin"}},
		{"russian", udhrRussian, outcome{Code: "ru", Script: "Cyrillic"}},
		{"hindi", udhrHindi, outcome{Code: "hi", Script: "Devanagari"}},
		{"assamese", udhrAssamese, outcome{Code: "as", Script: "Bengali"}},
		{"japanese", udhrJapanese, outcome{Code: "ja", Script: "Hiragana"}},
		{"chinese", udhrChinese, outcome{Code: "zh", Script: "Han"}},
		{"bengali headline", "টিকটক ইন্দোনেশিয়ায় বিনিয়োগ করবে", outcome{Code: "bn", Script: "Bengali"}},
		{"unsupported script", udhrKannada, outcome{Code: "und", Script: "Kannada", Und: true}},
		{"too short latin", "Hello world", outcome{Code: "und", Script: "Latin", Und: true}},
		{"too short bengali", "হ্যাঁ", outcome{Code: "und", Script: "Bengali", Und: true}},
		{"digits only", "2023-12-12 400,000 ৪৫০ 90%", outcome{Code: "und", Und: true}},
		{"emoji", "🔥🔥👍 🇧🇩", outcome{Code: "und", Und: true}},
		{"empty", "", outcome{Code: "und", Und: true}},
		{"whitespace", " \n\t ", outcome{Code: "und", Und: true}},
		{"invalid utf-8", "\xff\xfe\xfd", outcome{Code: "und", Und: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, outcomeOf(got)); diff != "" {
				t.Errorf("Detect() mismatch (-want +got):\n%s\nfull result: %+v", diff, got)
			}
			checkValid(t, tt.text, got)
		})
	}
}

// checkValid checks what must hold for every result.
func checkValid(t *testing.T, text string, l sangbad.Language) {
	t.Helper()
	if l.Code == lang.Undetermined {
		if l.Reason == "" {
			t.Errorf("und without a reason: %+v", l)
		}
		if l.Confidence != 0 {
			t.Errorf("und with confidence %v", l.Confidence)
		}
	} else {
		if !slices.Contains(lang.Codes(), l.Code) {
			t.Errorf("code %q is not in Codes()", l.Code)
		}
		if n, _ := lang.Name(l.Code); n != l.Name {
			t.Errorf("name %q, Name(%q) = %q", l.Name, l.Code, n)
		}
		if l.Confidence <= 0 || l.Confidence > 1 {
			t.Errorf("confidence %v out of (0,1]", l.Confidence)
		}
	}
	if len(l.Alternatives) > 3 {
		t.Errorf("%d alternatives, want at most 3", len(l.Alternatives))
	}
	for _, a := range l.Alternatives {
		if a.Confidence < 0 || a.Confidence > 1 || a.Code == "" || a.Name == "" {
			t.Errorf("bad alternative %+v", a)
		}
	}
	runes := []rune(text)
	for _, o := range l.Others {
		if o.Share <= 0 || o.Share > 1 || o.Code == l.Code {
			t.Errorf("bad other %+v", o)
		}
		if len(o.Spans) == 0 || len(o.Spans) > 3 {
			t.Errorf("other %s has %d spans", o.Code, len(o.Spans))
		}
		for _, s := range o.Spans {
			if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
				t.Fatalf("span %+v out of range (%d runes)", s, len(runes))
			}
			if got := string(runes[s.Start:s.End]); got != s.Text {
				t.Errorf("span text %q, text at its offsets %q", s.Text, got)
			}
		}
	}
}

func TestDetectOtherSpans(t *testing.T) {
	d := newDetector(t)
	text := readFile(t, "mixed_en_bn.txt")
	got, err := d.Detect(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Others) != 1 {
		t.Fatalf("Others = %+v, want one (Bengali)", got.Others)
	}
	// The quote is one stretch: from its first to its last Bengali word.
	wantText := "আমরা ট্রায়ালের জন্য তিন থেকে চার মাস সময় দেব কারণ প্রযুক্তি একটি সহজ জিনিস নয়। সম্ভবত এটি নিখুঁত করার প্রচেষ্টার প্রয়োজন হবে"
	var spans []string
	for _, s := range got.Others[0].Spans {
		spans = append(spans, s.Text)
	}
	if diff := cmp.Diff([]string{wantText}, spans); diff != "" {
		t.Errorf("spans (-want +got):\n%s", diff)
	}
	bnLetters, all := 0, 0
	for _, r := range text {
		if lang.Script(string(r)) != "" {
			all++
			if r >= 0x0980 && r <= 0x09FF {
				bnLetters++
			}
		}
	}
	want := float64(bnLetters) / float64(all)
	if s := got.Others[0].Share; s < want-0.01 || s > want+0.01 {
		t.Errorf("share %v, want about %v (Bengali letters / letters)", s, want)
	}
}

func TestDetectAssameseLetters(t *testing.T) {
	d := newDetector(t)
	bn := readFile(t, "article_bn.txt")
	tests := []struct {
		name string
		text string
		want string
	}{
		// One Assamese spelling in a long Bengali story is a quoted word.
		{"one assamese word in bengali", bn + " অসমৰ", "bn"},
		{"assamese sentence", udhrAssamese, "as"},
		{"bengali sentence", "সকল মানুষ স্বাধীনভাবে সমান মর্যাদা এবং অধিকার নিয়ে জন্মগ্রহণ করে।", "bn"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := d.Detect(context.Background(), tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if got.Code != tt.want {
				t.Errorf("Code = %q, want %q (%+v)", got.Code, tt.want, got)
			}
		})
	}
}

func TestIs(t *testing.T) {
	d := newDetector(t)
	tests := []struct {
		name string
		text string
		code string
		want bool
	}{
		{"english summary is en", "TikTok will invest $1.5 billion in Tokopedia, the trade minister said.", "en", true},
		{"english summary is not bn", "TikTok will invest $1.5 billion in Tokopedia, the trade minister said.", "bn", false},
		{"bengali summary is bn", "টিকটক টোকোপিডিয়ায় ১৫০ কোটি ডলার বিনিয়োগ করবে।", "bn", true},
		{"bengali summary is not en", "টিকটক টোকোপিডিয়ায় ১৫০ কোটি ডলার বিনিয়োগ করবে।", "en", false},
		{"upper-case code", "টিকটক টোকোপিডিয়ায় ১৫০ কোটি ডলার বিনিয়োগ করবে।", "BN", true},
		{"french is not en", udhrFrench, "en", false},
		{"assamese is not bn", udhrAssamese, "bn", false},
		{"assamese is as", udhrAssamese, "as", true},
		// Short Assamese need not have ৰ or ৱ; a long text without them is Bengali.
		{"short text without ৰ may be as", "সকলো মানুহ মুক্ত হৈ জন্ম লাভ", "as", true},
		{"bengali article is not as", readFile(t, "article_bn.txt"), "as", false},
		// Too short to tell is no evidence against a language of its script...
		{"short latin may be en", "Okay.", "en", true},
		// ...but is evidence against a language of another script.
		{"short latin is not bn", "Okay.", "bn", false},
		{"digits may be bn", "১২৩ 2023", "bn", true},
		{"short highlight may be en", "British graphic artist's identity remains a mystery despite huge popularity .", "en", true},
		{"short highlight is not bn", "British graphic artist's identity remains a mystery despite huge popularity .", "bn", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, l, err := d.Is(context.Background(), tt.text, tt.code)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("Is(%q) = %v, want %v (%+v)", tt.code, got, tt.want, l)
			}
		})
	}
}

func TestDetectLongText(t *testing.T) {
	d := newDetector(t)
	// 1.5 MiB: detected on its first MiB, spans still inside the text.
	text := strings.Repeat(readFile(t, "mixed_bn_en.txt"), 1600)
	got, err := d.Detect(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if got.Code != "bn" {
		t.Errorf("Code = %q, want bn", got.Code)
	}
	checkValid(t, text, got)
}

func TestIsUnknownCode(t *testing.T) {
	d := newDetector(t)
	for _, c := range []string{"xx", "und", "", "eng"} {
		_, _, err := d.Is(context.Background(), "some text in English for the check", c)
		if got := sangbad.ErrorKind(err); got != sangbad.Invalid {
			t.Errorf("Is(%q): error kind %q (%v), want %q", c, got, err, sangbad.Invalid)
		}
	}
}

func TestDetectCanceled(t *testing.T) {
	d := newDetector(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := d.Detect(ctx, readFile(t, "article_en.txt"))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if got := sangbad.ErrorKind(err); got != sangbad.Canceled {
		t.Errorf("kind %q, want %q", got, sangbad.Canceled)
	}
}

// TestDetectConcurrent runs detections of several scripts at once, the
// first of each loading models (run with -race).
func TestDetectConcurrent(t *testing.T) {
	d := newDetector(t)
	texts := map[string]string{
		"en": readFile(t, "article_en.txt"),
		"bn": readFile(t, "article_bn.txt"),
		"fr": udhrFrench,
		"ru": udhrRussian,
		"hi": udhrHindi,
	}
	var wg sync.WaitGroup
	errs := make(chan string, 100)
	for i := 0; i < 4; i++ {
		for want, text := range texts {
			wg.Go(func() {
				got, err := d.Detect(context.Background(), text)
				if err != nil || got.Code != want {
					errs <- want + ": got " + got.Code
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestName(t *testing.T) {
	tests := []struct {
		code, want string
		ok         bool
	}{
		{"bn", "Bengali", true},
		{"EN", "English", true},
		{"as", "Assamese", true},
		{"nb", "Norwegian Bokmål", true},
		{"und", "Undetermined", true},
		{"xx", "", false},
		{"", "", false},
		{"ben", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			got, ok := lang.Name(tt.code)
			if diff := cmp.Diff([]any{tt.want, tt.ok}, []any{got, ok}); diff != "" {
				t.Errorf("Name(%q) (-want +got):\n%s", tt.code, diff)
			}
		})
	}
}

func TestSupported(t *testing.T) {
	codes := lang.Codes()
	if !slices.IsSorted(codes) {
		t.Error("Codes() not sorted")
	}
	// lingua-go v1.4.0 knows 75 languages; the script rule adds Assamese.
	if len(codes) != 76 {
		t.Errorf("%d codes, want 76", len(codes))
	}
	for _, info := range lang.Supported() {
		if len(info.Code) != 2 || info.Name == "" || len(info.Scripts) == 0 {
			t.Errorf("incomplete %+v", info)
		}
	}
	got := map[string][]string{}
	for _, info := range lang.Supported() {
		got[info.Code] = info.Scripts
	}
	want := map[string][]string{"bn": {"Bengali"}, "as": {"Bengali"}, "en": {"Latin"}, "hi": {"Devanagari"}, "ja": {"Han", "Hiragana", "Katakana"}}
	for c, w := range want {
		if diff := cmp.Diff(w, got[c]); diff != "" {
			t.Errorf("scripts of %s (-want +got):\n%s", c, diff)
		}
	}
}

func TestScript(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Hello, world", "Latin"},
		{"চীনের TikTok এবং ইন্দোনেশিয়ার GoTo", "Bengali"},
		{"सभी मनुष्यों को", "Devanagari"},
		{"123 !?", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := lang.Script(tt.text); got != tt.want {
			t.Errorf("Script(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	if _, err := lang.New(lang.Options{MinConfidence: 1.5}); err == nil || !strings.Contains(err.Error(), "MinConfidence") {
		t.Errorf("New(MinConfidence 1.5) error = %v", err)
	}
}
