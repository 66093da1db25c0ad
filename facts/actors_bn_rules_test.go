package facts

import (
	"context"
	"testing"

	"github.com/sangbad/sangbad"
)

// TestBengaliActorRules checks Bengali name rules on news-like sentences:
// want maps a mention's surface text to its actor's type.
func TestBengaliActorRules(t *testing.T) {
	const (
		P = sangbad.ActorPerson
	)
	tests := []struct {
		name   string
		text   string
		want   map[string]string
		absent []string
	}{
		{"role name ends before the reporting verb", "এদিকে ঢাকা দক্ষিণের মেয়র সাঈদ খোকন বলেন, ফুটপাত দখল করা যাবে না।",
			map[string]string{"সাঈদ খোকন": P}, []string{"সাঈদ"}},
		{"verb-first speaker", "বিবৃতিতে বলেছেন শচীন।", map[string]string{"শচীন": P}, nil},
		{"unknown words before an honorific verb", "আর ২০০২ সালে মিচেল নাইট নিখোঁজ হন ২০ বছর বয়সে।",
			map[string]string{"মিচেল নাইট": P}, nil},
		{"prefixed rank is a role", "পুলিশের মহাপরিদর্শক বেনজীর আহমেদ সভায় উপস্থিত ছিলেন।",
			map[string]string{"বেনজীর আহমেদ": P}, []string{"মহাপরিদর্শক"}},
		{"a place genitive does not start a name", "সেগুনবাগিচার খাইরুল হাসান এ মামলা করেন।",
			map[string]string{"খাইরুল হাসান": P}, []string{"সেগুনবাগিচার খাইরুল হাসান"}},
		{"occupational surname keeps its -র", "কৃষি ব্যাংকের সাবেক চেয়ারম্যান খোন্দকার ইব্রাহিম খালেদ বলেন, ঋণ বাড়বে।",
			map[string]string{"খোন্দকার ইব্রাহিম খালেদ": P}, nil},
		{"police station takes one place word", "মামলার বাদী সামছুল আলম তেজগাঁও থানায় অভিযোগ করেন।",
			map[string]string{"তেজগাঁও থানা": sangbad.ActorOrganization}, []string{"সামছুল আলম তেজগাঁও থানা", "সামছুল আলম তেজগাঁও থানায়"}},
		{"occupations and ranks are roles, not names", "সাংসদ সালাউদ্দিন কাদের ও প্রকৌশলী নুরুল আলম সভায় ছিলেন।",
			map[string]string{"সালাউদ্দিন কাদের": P, "নুরুল আলম": P}, []string{"সাংসদ সালাউদ্দিন কাদের", "প্রকৌশলী নুরুল আলম"}},
		{"locatives are no name words", "প্রধানমন্ত্রী সম্প্রতি সাভারে রানা প্লাজা ধসের পর উদ্ধার অভিযানে যান। নামী চিকিৎসকদের চেম্বারে ভিড়।",
			map[string]string{"রানা প্লাজা": sangbad.ActorPlace}, []string{"সম্প্রতি", "সাভারে রানা", "চেম্বারে", "চেম্বার"}},
		{"place, common word, org head", "ঢাকা শিক্ষা বোর্ড এবার ফল প্রকাশ করেছে।",
			map[string]string{"ঢাকা শিক্ষা বোর্ড": sangbad.ActorOrganization}, []string{"শিক্ষা বোর্ড"}},
		{"a person before a party is no part of it", "ওবায়দুল কাদের ছাত্রলীগের সম্মেলনে যান।",
			map[string]string{"ওবায়দুল কাদের": P, "ছাত্রলীগের": sangbad.ActorOrganization}, []string{"ওবায়দুল কাদের ছাত্রলীগের"}},
		{"experts, long names and subjects without a genitive", "অধিদপ্তরের মহাপরিচালক অধ্যাপক আবুল বাশার মোহাম্মদ খুরশীদ আলম বলেন, সংক্রমণ বাড়ছে। কীটতত্ত্ববিদ কবিরুল বাশার বলেন, উদ্যোগ যথেষ্ট নয়।",
			map[string]string{"আবুল বাশার মোহাম্মদ খুরশীদ আলম": P, "কবিরুল বাশার": P}, []string{"কীটতত্ত্ববিদ কবিরুল বাশা", "আবুল বাশার মোহাম্মদ খুরশীদ"}},
		{"an acronym ending in the letter O; a plural is no body", "বিশ্ব স্বাস্থ্য সংস্থা (ডব্লিউএইচও) সতর্ক করেছে। সিটি করপোরেশনগুলোর উদ্যোগ যথেষ্ট নয়।",
			map[string]string{"বিশ্ব স্বাস্থ্য সংস্থা": sangbad.ActorOrganization, "ডব্লিউএইচও": sangbad.ActorOrganization}, []string{"সিটি করপোরেশন", "ডব্লিউএইচ"}},
		{"a name ending like a plural, a classified word ends it; people after a descriptor; codes", "কৃত্রিম বুদ্ধিমত্তা প্রতিষ্ঠান OpenAI নতুন মডেল GPT-4o উন্মোচন করেছে। প্রধান প্রযুক্তি কর্মকর্তা মিরা মুরাতি মডেলটি দেখান। প্রযুক্তি বিশ্লেষকেরা বলছেন, প্রতিযোগিতা বাড়বে।",
			map[string]string{"মিরা মুরাতি": P, "OpenAI": sangbad.ActorOrganization}, []string{"মি", "মিরা মুরাতি মডেল", "GPT", "o", "বিশ্লেষকে", "বিশ্লেষক"}},
		{"an alias; the accused; retired officers; a wife", "ব্যবসায়ী লাল চাঁদ ওরফে সোহাগকে হত্যার ঘটনায় প্রধান আসামি মাহমুদুল হাসান মহিনসহ চারজন গ্রেপ্তার। স্বরাষ্ট্র উপদেষ্টা লেফটেন্যান্ট জেনারেল (অব.) জাহাঙ্গীর আলম চৌধুরী বলেছেন, কেউ ছাড় পাবে না। নিহত সোহাগের স্ত্রী লাকী আক্তার মামলা করেছেন।",
			map[string]string{"লাল চাঁদ ওরফে সোহাগ": P, "মাহমুদুল হাসান মহিন": P, "জাহাঙ্গীর আলম চৌধুরী": P, "লাকী আক্তার": P}, []string{"আসামি মাহমুদুল হাসান মহিন"}},
		{"a given name alone as the subject of an honorific verb", "তিনি বিশ্বাস করেন, সরকার জানান এটি ঠিক। হাসিনা টানা চতুর্থবার জয় পেয়েছেন। মাধুরী বলেন, নাচ ভালো। আনোয়ার মারা যান।",
			map[string]string{"মাধুরী": P, "আনোয়ার": P}, []string{"বিশ্বাস", "সরকার", "জয়"}},
		{"structures; 'the tunnel' points back", "চট্টগ্রামের পতেঙ্গায় বঙ্গবন্ধু টানেলে গাড়ি কম চলছে। নির্মিত টানেলটি গত বছর উদ্বোধন করা হয়।",
			map[string]string{"বঙ্গবন্ধু টানেলে": sangbad.ActorPlace, "পতেঙ্গায়": sangbad.ActorPlace}, []string{"নির্মিত টানেল"}},
		{"a name joined by ও to a person's", "ছবিতে অভিনয় করেছেন চঞ্চল চৌধুরী ও নাজিফা তুষি। রহিম ও করিমের দোকান বন্ধ।",
			map[string]string{"চঞ্চল চৌধুরী": P, "নাজিফা তুষি": P}, nil},
		{"counted bodies are no named one", "এবার ১১টি শিক্ষা বোর্ডের অধীনে পরীক্ষা হয়। যশোর বোর্ডে পাসের হার বেশি।",
			map[string]string{"যশোর বোর্ডে": sangbad.ActorOrganization}, []string{"শিক্ষা বোর্ড"}},
		{"a role in the genitive names no one", "প্রধান বিচারপতির নেতৃত্বে ছয় সদস্যের আপিল বেঞ্চ আদেশ দেন। আপিল বিভাগ রায় স্থগিত করেছে।",
			map[string]string{"আপিল বিভাগ": sangbad.ActorOrganization}, []string{"আপিল বেঞ্চ"}},
		{"a Bengali abbreviation in parentheses; a kind of market", "বাংলাদেশ জুয়েলার্স সমিতি (বাজুস) দাম বাড়িয়েছে। বাজুসের সভাপতি বলেন, আন্তর্জাতিক বাজারে দাম বেড়েছে।",
			map[string]string{"বাংলাদেশ জুয়েলার্স সমিতি": sangbad.ActorOrganization, "বাজুস": sangbad.ActorOrganization}, []string{"আন্তর্জাতিক বাজার"}},
		{"classifiers, another person's surname, greetings, a beach", "৫৩৮টি ইলেকটোরাল ভোটের মধ্যে ডোনাল্ড ট্রাম্প পেয়েছেন ৩১২টি। ফ্লোরিডার পাম বিচে সমর্থকদের উদ্দেশে ট্রাম্প বলেন, জয় হয়েছে। প্রধান উপদেষ্টা মুহাম্মদ ইউনূস ট্রাম্পকে অভিনন্দন জানিয়েছেন। মোদিও শুভেচ্ছা জানান।",
			map[string]string{"ডোনাল্ড ট্রাম্প": P, "মুহাম্মদ ইউনূস": P, "পাম বিচে": sangbad.ActorPlace}, []string{"টি ইলেকটোরাল", "মুহাম্মদ ইউনূস ট্রাম্প", "শুভেচ্ছা"}},
		{"a verb ends a name", "বিচারক লুইস ক্যাপলান রায় দেন।",
			nil, []string{"লুইস ক্যাপলান রায় দেন"}},
		{"a known place ends a name", "বিজ্ঞানী স্টিফেন হকিং ইসরায়েলের একটি সম্মেলন বর্জন করেন।",
			map[string]string{"স্টিফেন হকিং": P}, []string{"স্টিফেন হকিং ইসরায়েল"}},
		{"a quoted name the text calls a name", "মতবিনিময় সভাটি আয়োজন করে ‘উন্নয়ন সমন্বয়’ নামের একটি সংগঠন। তারা “সবুজপুর” নামে একটি গ্রামে থাকে।",
			map[string]string{"উন্নয়ন সমন্বয়": sangbad.ActorOrganization, "সবুজপুর": sangbad.ActorPlace}, nil},
		{"the second half of a hyphenated compound names no place", "২০৩০ সালের মধ্যে দেশের ই-কমার্স বাজার দ্বিগুণ হবে। কারওয়ান বাজারে আগুন লেগেছে।",
			map[string]string{"কারওয়ান বাজার": sangbad.ActorPlace}, []string{"কমার্স বাজার"}},
		{"hyphenated places before a road", "ঢাকা-চট্টগ্রাম মহাসড়কের যানজট কমেছে।",
			map[string]string{"ঢাকা-চট্টগ্রাম মহাসড়কের": sangbad.ActorPlace}, nil},
		{"the place before an administrative unit is the name alone", "নোয়াখালীর কবিরহাট উপজেলার ঘোষবাগ ইউনিয়নে সভা হয়।",
			map[string]string{"কবিরহাট": sangbad.ActorPlace, "ঘোষবাগ": sangbad.ActorPlace}, []string{"কবিরহাট উপজেলার", "ঘোষবাগ ইউনিয়নে"}},
		{"a police station keeps its place inside", "পরে তাঁকে মিরপুর থানায় নেওয়া হয়।",
			map[string]string{"মিরপুর থানায়": sangbad.ActorOrganization, "মিরপুর": sangbad.ActorPlace}, nil},
		{"a modifier of the unit is no place", "পরে তাঁকে মডেল থানায় নেওয়া হয়।", nil, []string{"মডেল"}},
		{"a professional title is no part of the name", "সভায় ছিলেন সমিতির সভাপতি প্রকৌশলী মাহফুজুর রহমান ও অধ্যাপক সেলিনা আক্তার।",
			map[string]string{"মাহফুজুর রহমান": P, "সেলিনা আক্তার": P}, []string{"প্রকৌশলী মাহফুজুর রহমান", "অধ্যাপক সেলিনা আক্তার"}},
		{"a two-word role before a name", "জেলার পুলিশ সুপার মোহাম্মদ কামরুল বলেন, তদন্ত চলছে।",
			map[string]string{"মোহাম্মদ কামরুল": P}, []string{"সুপার মোহাম্মদ কামরুল"}},
		{"a country's name starts a national body", "বাংলাদেশ সেনাবাহিনীর সদস্যরা এবং বাংলাদেশ বেসামরিক বিমান চলাচল কর্তৃপক্ষের কর্মীরা ছিলেন।",
			map[string]string{"বাংলাদেশ সেনাবাহিনীর": sangbad.ActorOrganization, "বাংলাদেশ বেসামরিক বিমান চলাচল কর্তৃপক্ষের": sangbad.ActorOrganization}, []string{"বাংলাদেশ"}},
		{"an occupation names an association", "খুলনা সাংবাদিক ফোরামের সভায় তিনি বক্তব্য দেন।",
			map[string]string{"খুলনা সাংবাদিক ফোরামের": sangbad.ActorOrganization}, []string{"খুলনা"}},
		{"a participle is no name", "তিনি দলের সভাপতি হয়েই সবাইকে ডেকে এনে থানায় নিয়ে যান।", nil, []string{"হয়েই", "এনে থানায়"}},
		{"an acronym after a role abbreviates the role", "জেলার উপমহাপরিদর্শক (ডিআইজিপি) মাসুদ করিম এবং অতিরিক্ত পরিচালক (এপিডি) সভায় ছিলেন।",
			map[string]string{"মাসুদ করিম": P}, []string{"ডিআইজিপি", "এপিডি"}},
		{"initials start a name", "বিভাগের প্রধান অধ্যাপক এ কে এম শফিকুল বলেন, ফল ভালো হয়েছে।",
			map[string]string{"এ কে এম শফিকুল": P}, []string{"কে এম শফিকুল"}},
		{"a noun of the predicate after a surname", "শ্রম প্রতিমন্ত্রী নজরুল ইসলাম চৌধুরী ঘটনাস্থল পরিদর্শন করেছেন।",
			map[string]string{"নজরুল ইসলাম চৌধুরী": P}, []string{"নজরুল ইসলাম চৌধুরী ঘটনাস্থল"}},
		{"a nickname after a surname", "দলের মুখপাত্র আনিসুল হক রাসেল তাঁর বক্তব্যে এ কথা বলেন।",
			map[string]string{"আনিসুল হক রাসেল": P}, []string{"আনিসুল হক"}},
		{"a demonym starts a national body and is no name", "পাকিস্তানি ক্রিকেট বোর্ডের সভায় শ্রীলঙ্কান কোচ উপস্থিত ছিলেন। বাংলাদেশি ক্রেতারা আসেন।",
			map[string]string{"পাকিস্তানি ক্রিকেট বোর্ডের": sangbad.ActorOrganization}, []string{"ক্রিকেট বোর্ডের", "শ্রীলঙ্কান", "বাংলাদেশি"}},
		{"a geographic adjective and a place", "পার্বত্য চট্টগ্রামে শান্তিচুক্তি হয়। পরে পার্বত্য চট্টগ্রাম উন্নয়ন বোর্ডের সভা হয়।",
			map[string]string{"পার্বত্য চট্টগ্রামে": sangbad.ActorPlace, "পার্বত্য চট্টগ্রাম উন্নয়ন বোর্ডের": sangbad.ActorOrganization}, []string{"চট্টগ্রামে"}},
		{"a role's abbreviation before the name", "বনানী থানার ভারপ্রাপ্ত কর্মকর্তা (ওসি) খন্দকার রফিকুল বলেন, তদন্ত চলছে।",
			map[string]string{"খন্দকার রফিকুল": P}, []string{"ওসি"}},
		{"the force and a national modifier name a body", "পুলিশ সদর দপ্তর ও জাতীয় মানবাধিকার কমিশনের প্রতিনিধিরা ছিলেন।",
			map[string]string{"পুলিশ সদর দপ্তর": sangbad.ActorOrganization, "জাতীয় মানবাধিকার কমিশনের": sangbad.ActorOrganization}, []string{"সদর দপ্তর", "মানবাধিকার কমিশনের"}},
		{"a place starts no name after a role", "কমিটির প্রধান খুলনা রেঞ্জের কর্মকর্তা ছিলেন।", nil, []string{"খুলনা রেঞ্জের"}},
		{"a kind of road is no place name", "নদীভাঙনে ফেরিঘাটের সংযোগ সড়ক বিলীন হয়। আদালত চত্বরে ভিড় ছিল।", nil, []string{"সংযোগ সড়ক", "আদালত চত্বরে"}},
		{"an English label and a domain ending are no names", "তিনি পুরস্কার পান; Source: Reuters.com", nil, []string{"Source", "com"}},
		{"an honorific verb before the subject", "দ্বিতীয় মেয়াদে শপথ নিয়েছেন জোকো উইদোদো। বিক্ষোভ করেছেন এলাকাবাসী।",
			map[string]string{"জোকো উইদোদো": P}, []string{"এলাকাবাসী"}},
		{"the short form of a Persian-style name", "হেফাজতে ইসলামের নেতারা সমাবেশ করেন। পরে হেফাজতের মিছিলে হামলা হয়।",
			map[string]string{"হেফাজতের": sangbad.ActorOrganization, "হেফাজতে ইসলামের": sangbad.ActorOrganization}, nil},
		{"an org head behind a classifier-like ending", "সভায় বাংলাদেশ ওয়ার্কার্স পার্টির নেতারা ছিলেন।",
			map[string]string{"বাংলাদেশ ওয়ার্কার্স পার্টির": sangbad.ActorOrganization}, []string{"বাংলাদেশ"}},
		{"a generic modifier and head name no body", "মন্ত্রণালয়ের তদন্ত কমিটি প্রতিবেদন দিয়েছে। নিরাপত্তা বাহিনীর সদস্যরা ছিলেন।",
			nil, []string{"তদন্ত কমিটি", "নিরাপত্তা বাহিনীর"}},
		{"unknown words without a person verb stay out", "প্রতিষ্ঠানটি ই-কমার্স ইউনিট চালু করেছে।", nil, []string{"কমার্স ইউনিট"}},
	}
	e := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := e.Extract(context.Background(), tt.text, Options{Language: "bn"})
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, a := range r.Facts.Actors {
				for _, m := range a.Mentions {
					got[m.Text] = a.Type
					if m.Surface != nil {
						got[m.Surface.Text] = a.Type
					}
				}
			}
			for n, typ := range tt.want {
				if g, ok := got[n]; !ok || g != typ {
					t.Errorf("%q: got type %q (present %v), want %q; all: %v", n, g, ok, typ, got)
				}
			}
			for _, n := range tt.absent {
				if _, ok := got[n]; ok {
					t.Errorf("%q should be no mention; all: %v", n, got)
				}
			}
		})
	}
}

// TestBnLetterSet keeps the initials set equal to the letter names.
func TestBnLetterSet(t *testing.T) {
	if len(bnLetterSet) != len(bnLetterNames) {
		t.Errorf("bnLetterSet has %d letters, bnLetterNames %d", len(bnLetterSet), len(bnLetterNames))
	}
	for _, l := range bnLetterNames {
		if !bnLetterSet[l] {
			t.Errorf("%q missing from bnLetterSet", l)
		}
	}
}

// TestBnPlaceEndingsNFC keeps the place endings in the form tokens have.
func TestBnPlaceEndingsNFC(t *testing.T) {
	for _, e := range bnPlaceEndings {
		if nfc(e) != e {
			t.Errorf("%q is not NFC", e)
		}
	}
	if !bnPlaceLike(nfc("শিমুলবাড়ী")) {
		t.Error("শিমুলবাড়ী should look like a place")
	}
}
