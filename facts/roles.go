package facts

import (
	"strings"
)

// Cue words for actors and quotes, English and Bengali (bengali.md §7-8).
// They are kept as text and turned into sets once, in New.
const (
	// English words that never start or make up a name on their own.
	enStopWords = `a an the and or but nor so yet for of in on at to by from with without into onto over under
	about after before since until while when where which who whom whose what why how that this these those
	there here he she it they we i you me him her us them his its their our your my mine
	is are was were be been being has have had do does did will would shall should can could may might must
	not no yes all any some many much more most other another such each every both either neither one two
	three four five six seven eight nine ten first second third last next new old also only just even still
	if then than as because though although however meanwhile moreover instead yesterday today tomorrow
	according said says say told tells added asked mr mrs ms dr st monday tuesday wednesday thursday friday
	saturday sunday january february march april may june july august september october november december
	jan feb mar apr jun jul aug sep sept oct nov dec note photo video read editing later earlier now e-mail email god
	reporting writing additional watch click share advertisement copyright`

	// English organisation head words (last word of the name).
	enOrgSuffixes = `inc inc. incorporated ltd ltd. limited corp corp. corporation company co co. group bank ministry
	university college institute association agency authority council commission committee party league
	union foundation fund organization organisation federation services department court police army navy
	airlines airways holdings capital partners technologies technology systems motors energy securities
	exchange times post news network club church hospital school academy board trust industries media
	telecom plc llc ag sa nv gmbh bureau office centre center front movement alliance coalition congress
	parliament senate assembly government brigade brigades corps guard forces force secretariat
	tribunal court chamber institution observatory laboratories labs studios pictures records press
	journal magazine daily herald tribune gazette service house reserve average index republic`

	// English words that start an organisation name ("Bank of America").
	enOrgPrefixes = `university bank ministry department institute council federation association commission
	committee office court union league party church college school academy agency bureau museum directorate`

	// English titles that precede a person's name.
	enTitles = `mr mr. mrs mrs. ms ms. miss dr dr. prof prof. professor sir dame lord lady president
	vice-president prime minister secretary senator sen. sen rep. rep representative gov. gov governor mayor
	judge justice general gen. gen colonel col. col lt. lt lieutenant captain capt. capt sgt. sgt sergeant
	king queen prince princess pope rev. rev reverend father ambassador chancellor chairman chairwoman
	chief director commissioner inspector officer coach premier minister emir sultan crown speaker
	spokesman spokeswoman spokesperson ceo cfo coo chairperson chair deputy archbishop bishop imam cardinal
	detective constable superintendent commander admiral marshal major sheriff attorney`

	// English role heads and modifiers inside role phrases ("trade minister").
	enRoleWords = `minister president chairman chairwoman chair chief executive ceo cfo coo cto director
	spokesman spokeswoman spokesperson secretary governor senator ambassador analyst analysts economist
	official founder co-founder head leader mayor judge professor general commander king queen prince
	lawyer attorney coach manager captain editor correspondent reporter researcher scientist adviser
	advisor envoy negotiator lawmaker legislator candidate owner partner investor strategist officer
	inspector superintendent colonel lieutenant sergeant deputy vice prime foreign interior trade finance
	defence defense health education senior former acting state general managing assistant associate
	top regional national party opposition army police military security communications information
	economy commerce industry energy justice home affairs agriculture labor labour transport
	environment culture sports tourism technology investment external internal principal board
	spokeswoman emir premier chancellor commissioner president-elect co-chair vice-chairman laureate activist
	banker actor actress singer author writer poet filmmaker striker batsman bowler`

	// Bengali function words, pronouns, verbs of saying and other frequent
	// words that are never names.
	bnStopWords = `এবং ও আর বা কিংবা অথবা কিন্তু তবে যে যা যিনি যারা যাদের যার এই এ ওই সেই সে তিনি তাঁর তার তাঁরা তারা
	তাদের তাঁদের তাঁকে তাকে তিনিও উনি ওনার আমি আমরা আমাদের আমার তুমি তোমরা আপনি আপনারা এটি এটা ওটা সেটি সেটা এগুলো
	এসব এরা ওরা এর ওর এদের একটি একটা একজন একই দুটি দুই কোনো কোন কেউ কিছু সব সকল সবাই প্রতি অনেক বেশ আরও আরো
	হয় হয়েছে হয়েছিল হবে হলে হল হলো হচ্ছে ছিল ছিলেন আছে আছেন নেই না নয় করে করেন করেছেন করেছে করা করার করতে করবে
	বলেন বলেছেন বলে বলেছে বললেন বলল বলছেন বলছে বলেছিলেন বলেছিল বলবেন বলবে জানান জানিয়েছেন জানিয়েছে জানায় জানাল
	জানালেন যোগ মন্তব্য দাবি উল্লেখ নিশ্চিত ঘোষণা অভিযোগ স্বীকার মনে আশা সতর্ক আহ্বান জন্য সাথে সঙ্গে মধ্যে পরে পর আগে
	থেকে পর্যন্ত ধরে নাগাদ মতো মত কাছে দিকে উপর ওপর নিচে ভিতরে বাইরে সময় বছর মাস দিন আজ গতকাল আগামীকাল এখন তখন
	যখন কারণ যদি তাহলে তবুও এমন এমনকি শুধু কেবল খুব অত্যন্ত প্রায় নামক নামে নামের শীর্ষক মালিকানাধীন যেমন
	রবিবার রোববার সোমবার মঙ্গলবার বুধবার বৃহস্পতিবার শুক্রবার শনিবার জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই
	আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর মিলিয়ন বিলিয়ন ট্রিলিয়ন ডলার টাকা কোটি লাখ হাজার শতাংশ গত আগামী চলতি
	বর্তমান সাবেক প্রাক্তন নতুন বিভিন্ন অন্য অন্যান্য সরকার সরকারি বেসরকারি জাতীয় স্থানীয় দেশ দেশের দেশটির রাজধানী
	কর্মকর্তা বিশ্লেষক বিশ্লেষকরা ব্যবহারকারী প্রতিষ্ঠান সংস্থা কোম্পানি কোম্পানিটি পুলিশ নেতা নেতারা কর্মী ই হ্যাঁ
	ঊর্ধ্বতন ভ্রাম্যমাণ সংশ্লিষ্ট সহযোগী অরাজনৈতিক রাজনৈতিক বিশেষ উচ্চ নিম্ন সর্বোচ্চ সদ্যঘোষিত ঘোষিত শাখা লাশ
	এনে হয়ে হয়েই দিয়ে দিয়েই নিয়ে নিয়েই গিয়ে গিয়েই পেয়ে খেয়ে চেয়ে এসে বসে রেখে দেখে শুনে জেনে মেনে হওয়ায় হওয়ার
	দ্বিতীয় তৃতীয় চতুর্থ পঞ্চম ষষ্ঠ সপ্তম অষ্টম নবম দশম`

	// Bengali titles and honorifics before a person's name.
	bnTitles = `মো. মোঃ মোহাম্মদ মুহাম্মদ মুঃ মোসাঃ মোছাঃ মোসা. ড. ডঃ ডা. ডাঃ অধ্যাপক প্রফেসর জনাব মিস্টার শ্রী শ্রীমতী বিচারপতি
	মাওলানা হাজী আলহাজ ব্যারিস্টার অ্যাডভোকেট এডভোকেট কমরেড সৈয়দ শেখ কাজী মীর প্রকৌশলী লেফটেন্যান্ট কর্নেল মেজর
	জেনারেল ক্যাপ্টেন বীর রিয়ার ভাইস অ্যাডমিরাল এডমিরাল কমোডর ব্রিগেডিয়ার এয়ার মার্শাল স্কোয়াড্রন লিডার উইং কমান্ডার`

	// Bengali titles of a profession or office: they precede a name but
	// are no part of it ("অধ্যাপক আনোয়ার হোসেন" names আনোয়ার হোসেন), unlike
	// the name-forming ones ("মো.", "শেখ", "সৈয়দ").
	bnProfTitles = `ডা. ডাঃ অধ্যাপক প্রফেসর বিচারপতি ব্যারিস্টার অ্যাডভোকেট এডভোকেট কমরেড প্রকৌশলী
	লেফটেন্যান্ট কর্নেল মেজর জেনারেল ক্যাপ্টেন মিস্টার জনাব রিয়ার ভাইস অ্যাডমিরাল এডমিরাল কমোডর ব্রিগেডিয়ার এয়ার
	মার্শাল স্কোয়াড্রন লিডার উইং কমান্ডার`

	// Bengali role words (whole tokens); tokens ending in -মন্ত্রী are roles too.
	bnRoles = `মন্ত্রী প্রধানমন্ত্রী রাষ্ট্রপতি প্রেসিডেন্ট সভাপতি সভাপতিত্ব সম্পাদক চেয়ারম্যান পরিচালক মহাপরিচালক গভর্নর
	রাষ্ট্রদূত মেয়র উপদেষ্টা সচিব মুখপাত্র নির্বাহী সিইও এমডি এমপি সদস্য অধিনায়ক কোচ বিচারক জজ ওসি এসপি ডিসি
	নেতা নেত্রী অভিনেতা অভিনেত্রী শিক্ষক উপাচার্য প্রতিষ্ঠাতা কর্মকর্তা বিশ্লেষক অর্থনীতিবিদ বিশেষজ্ঞ প্রধান
	কমিশনার ইউএনও চিকিৎসক আইনজীবী স্পিকার মুখ্যমন্ত্রী রাজা রানি সম্রাট প্রতিনিধি পুলিশ সুপার তত্ত্বাবধায়ক
	পরিদর্শক উপপরিদর্শক সাংসদ শিক্ষার্থী মেন্টর চেয়ারপারসন চেয়ারপারসন গৃহবধূ ব্যবসায়ী চালক
	প্রকৌশলী জেনারেল লেফটেন্যান্ট কর্নেল মেজর ক্যাপ্টেন সার্জেন্ট ব্যারিস্টার অ্যাডভোকেট এডভোকেট কমরেড বীরশ্রেষ্ঠ সমন্বয়কারী আহ্বায়ক সুপার সহসভাপতি কোষাধ্যক্ষ যুগ্ম সংগঠক উপাধ্যক্ষ অধ্যক্ষ প্রভাষক ইমাম সভাপতিমণ্ডলী মুখ্য কাউন্সিলর কমান্ডার লেখক কবি শিল্পী গায়ক বিজ্ঞানী গবেষক খেলোয়াড় ব্যাটসম্যান বোলার সাংবাদিক প্রতিবেদক আসামি অভিযুক্ত বাদী স্ত্রী স্বামী অ্যাটর্নি এটর্নি কৌঁসুলি`

	// Bengali organisation head words (last word of the name, stem form).
	bnOrgHeads = `ব্যাংক মন্ত্রণালয় লিমিটেড লি. কোম্পানি কোম্পানী পার্টি লীগ বিশ্ববিদ্যালয় ইউনিভার্সিটি কলেজ হাসপাতাল
	স্কুল বোর্ড কমিশন কমিটি পরিষদ সমিতি অধিদপ্তর অধিদফতর দপ্তর দফতর কর্তৃপক্ষ ফাউন্ডেশন ট্রাস্ট গ্রুপ করপোরেশন
	কর্পোরেশন ইন্ডাস্ট্রিজ ইনস্যুরেন্স দল ফ্রন্ট জোট ঐক্যজোট বাহিনী আদালত ক্লাব একাডেমি ইনস্টিটিউট কাউন্সিল
	অ্যাসোসিয়েশন ফেডারেশন সেল প্রশাসন পিএলসি মাদ্রাসা ইনস্টিটিউশন সংঘ ব্যুরো থানা এজেন্সি অনুষদ ফোরাম`

	// Bengali modifiers that may continue an organisation name leftwards
	// ("খেলাঘর কেন্দ্রীয় কমিটি").
	bnOrgModifiers = `কেন্দ্রীয় জাতীয় আন্তর্জাতিক মেডিকেল সদর জেনারেল সমাজতান্ত্রিক কমিউনিস্ট ইসলামী আওয়ামী গণতান্ত্রিক
	প্রকৌশল কৃষি সাংস্কৃতিক সম্মিলিত ক্রিকেট ফুটবল রক্ষা উন্নয়ন শ্রমিক ছাত্র যুব মহিলা নারী বিজ্ঞান প্রযুক্তি মডেল`

	// Bengali head words of multi-word place names ("শাপলা চত্বর",
	// "ধানমন্ডি লেক", "ঢাকা-খুলনা মহাসড়ক").
	bnPlaceHeads = `রোড সড়ক মহাসড়ক চত্বর ঘাট মার্কেট স্ট্রিট এভিনিউ লেক বাজার প্লাজা মোড় পাড়া টানেল সেতু এক্সপ্রেসওয়ে বিচ সৈকত
	বিমানবন্দর স্টেডিয়াম উদ্যান`

	// Bengali words that name the kind of an organisation right before its
	// name ("টেক গ্রুপ GoTo", "ই-কমার্স ইউনিট টোকোপিডিয়া").
	bnOrgDescriptors = `গ্রুপ জায়ান্ট ইউনিট প্ল্যাটফর্ম কোম্পানি প্রতিষ্ঠান সংস্থা ব্র্যান্ড অ্যাপ স্টার্টআপ ব্যাংক প্রযুক্তি
	জায়ান্টের প্রতিষ্ঠানের কোম্পানির সংস্থার`

	// Common Bengali name parts (given names and surnames) that are also
	// in the lexicon or too frequent to rely on the lexicon for.
	bnNameParts = `বন্দ্যোপাধ্যায় মুখোপাধ্যায় চট্টোপাধ্যায় গঙ্গোপাধ্যায় ভট্টাচার্য রহমান হাসান হোসেন হোসাইন হুসেইন ইসলাম আহমেদ আহমদ আহম্মদ খান চৌধুরী উদ্দিন উদ্দীন আলী আলি হক কবির মিয়া বেগম
	আক্তার আখতার খাতুন সরকার তালুকদার মজুমদার ভূঁইয়া শেখ মাহমুদ রশিদ করিম জামান আলম দাস দত্ত রায় চক্রবর্তী
	ব্যানার্জি মুখার্জি ঘোষ বসু সেন গুপ্ত পাল সাহা বিশ্বাস মন্ডল মণ্ডল শাহ সিদ্দিকী কাজী মোল্লা মুন্সী মুনশি হায়দার
	আবদুল আব্দুল মোহাম্মদ মুহাম্মদ মোহাম্মেদ মুহম্মদ মুহাম্মাদ মোহাম্মাদ আবু আবুল মো. মোঃ সৈয়দ মীর আনোয়ার কামাল জামাল রফিক শফিক তারেক খালেদা জিয়া
	শেখ হাসিনা ইউনূস এরশাদ মুজিব মুজিবুর রাজ্জাক ফারুক মাসুদ মামুন নাসির জাহিদ জাহাঙ্গীর আলমগীর কাদের ওবায়দুল
	মির্জা ফখরুল আনিসুর মিজানুর হাবিবুর লুৎফর মোস্তফা মোস্তাফিজুর সাকিব তামিম মুশফিকুর মাশরাফি রানা সুমন সোহেল
	শহীদুল আতিকুল ওয়াজেদুল মাহবুবুল আমিনুল রবিউল আকলিমা শামীম আনু মুজাহিদুল খালেকুজ্জামান আসাদুজ্জামান
	কামরুজ্জামান মনিরুজ্জামান শাহজাহান নজরুল ভট্টাচার্য আব্দুস আবদুস সালাম আজিজ মান্নান হান্নান গণি লতিফ রেজাউল
	মকবুল আহমাদ জয়নাল আবেদীন মঞ্জুর নূরুল নুরুল সালেহ শরিফ ইমরান আয়েশা খানম গওহর রিজভী মেজবাহ ইউসুফ হাবীব আহসান
	মাহবুব দেলোয়ার দিলীপ কুদ্দুস তারিক শফিকুল সাইফুল আরিফ আশরাফ আসলাম হাছান নাজনীন জুনায়েদ মোকাররম মোকারম ছানোয়ার
	মুনশি মনসুর ফিরোজ মাসুদুর মোস্তাফা আক্তারুজ্জামান খালেক মতিউর আতাউর হাফিজুর বদরুল হেলাল কাইয়ুম মাহফুজ হামিদ
	ফজলুল শামসুল সিরাজুল জহিরুল নাজমুল আসিফ রাশেদ সোহেল জাহিদ মুনির বশির কবীর ফাহমিদা সুলতানা নাসরিন পারভীন শাহনাজ মিত্র সিংহ সিং কুমার চন্দ্র নাথ`

	// Given names common in Bengali news that are also common words or
	// unknown to the lexicon, taken as a person only as the subject of an
	// honorific verb ("মাধুরী বলেন").
	bnGivenNames = `মাধুরী শাহরুখ আমির সালমান অমিতাভ ঐশ্বরিয়া দীপিকা প্রিয়াঙ্কা আনুশকা মালেক শিহাব ইভা মনমোহন নরেন্দ্র
	মোদি মমতা সোনিয়া রাহুল অরূপ আলামিন ইমতিয়াজ শিবা কোহলি সৌরভ শচীন আকবর বাবর হাসিনা খালেদা মুজিব
	তারেক রাসেল কামাল জামাল রুবেল শাকিল শাহীন শাহিন জুয়েল মিঠু রাজু রনি সজীব সুমি রুমা
	রিনা শিরিন নাসিমা ফাতেমা রোকেয়া সেলিনা শাহানা মাহমুদা হাবিবা তাসলিমা সাবিনা শারমিন জেসমিন`

	// Bengali reporting verbs (honorific and not); "যোগ করেন" etc. end in
	// the second word.
	bnSayVerbs = `বলেন বলেছেন বললেন বলছেন বলেছিলেন বলবেন বলে বলেছে বলল বলছে বলেছিল বলবে জানান জানিয়েছেন জানালেন
	জানাচ্ছেন জানায় জানিয়েছে জানাল লিখেছেন লেখেন লিখেন লিখলেন লিখেছে লিখেছিলেন`

	// Bengali verbs that end a two-word reporting expression ("যোগ করেন").
	bnSayAux = `করেন করেছেন করে করেছে`

	// Bengali first words of a two-word reporting expression.
	bnSayNouns = `যোগ মন্তব্য দাবি উল্লেখ ঘোষণা অভিযোগ স্বীকার`

	// Bengali pronouns that can refer to a speaker.
	bnPronouns = `তিনি তাঁরা তারা সে উনি তিনিও`

	// English reporting verbs.
	enSayVerbs = `said says told added asked explained noted stated wrote argued insisted warned claimed
	declared announced confirmed admitted acknowledged replied responded tweeted posted`
)

// wordLists are the cue word sets.
type wordLists struct {
	enStop, enOrgSuffix, enOrgPrefix, enTitle, enRole, enSay                                  map[string]bool
	bnStop, bnTitle, bnProfTitle, bnRole, bnOrgHead, bnOrgDesc, bnName, bnOrgMod, bnPlaceHead map[string]bool
	bnGiven                                                                                   map[string]bool
	bnSay, bnSayAux, bnSayNoun, bnPronoun                                                     map[string]bool
}

func wordSet(s string, fold bool) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		if fold {
			w = strings.ToLower(w)
		} else {
			w = nfc(w)
		}
		m[w] = true
	}
	return m
}

func newWordLists() *wordLists {
	return &wordLists{
		enStop:      wordSet(enStopWords, true),
		enOrgSuffix: wordSet(enOrgSuffixes, true),
		enOrgPrefix: wordSet(enOrgPrefixes, true),
		enTitle:     wordSet(enTitles, true),
		enRole:      wordSet(enRoleWords, true),
		enSay:       wordSet(enSayVerbs, true),
		bnStop:      wordSet(bnStopWords, false),
		bnTitle:     wordSet(bnTitles, false),
		bnProfTitle: wordSet(bnProfTitles, false),
		bnRole:      wordSet(bnRoles, false),
		bnOrgHead:   wordSet(bnOrgHeads, false),
		bnOrgDesc:   wordSet(bnOrgDescriptors, false),
		bnOrgMod:    wordSet(bnOrgModifiers, false),
		bnPlaceHead: wordSet(bnPlaceHeads, false),
		bnName:      wordSet(bnNameParts, false),
		bnGiven:     wordSet(bnGivenNames, false),
		bnSay:       wordSet(bnSayVerbs, false),
		bnSayAux:    wordSet(bnSayAux, false),
		bnSayNoun:   wordSet(bnSayNouns, false),
		bnPronoun:   wordSet(bnPronouns, false),
	}
}

// isBnRole reports whether a Bengali token (stem) is a role word:
// listed, or a compound ending in -মন্ত্রী ("বাণিজ্যমন্ত্রী").
func (w *wordLists) isBnRole(s string) bool {
	// prefixed ranks: "মহাপরিদর্শক", "উপপরিচালক", "সহকারী ..." are in the
	// list or end in a listed role after the prefix
	for _, p := range []string{"মহা", "উপ", "সহ", "প্রধান"} {
		if r, ok := strings.CutPrefix(s, p); ok && r != "" && (w.bnRole[r] || w.isBnRole(r)) { // "উপমহাপরিদর্শক"
			return true
		}
	}
	// experts: "অর্থনীতিবিদ", "কীটতত্ত্ববিদ", "বিশেষজ্ঞ", "পুষ্টিবিজ্ঞানী"
	return w.bnRole[s] || strings.HasSuffix(s, "মন্ত্রী") || strings.HasSuffix(s, "সচিব") || strings.HasSuffix(s, "পরিচালক") ||
		strings.HasSuffix(s, "বিদ") && len(s) > len("বিদ")+6 || strings.HasSuffix(s, "বিজ্ঞানী") || strings.HasSuffix(s, "বিশেষজ্ঞ")
}

// isBnOrgHead reports whether a Bengali stem is an organisation head word;
// compounds ending in লীগ/ব্যাংক ("ছাত্রলীগ", "বিশ্বব্যাংক") count.
func (w *wordLists) isBnOrgHead(s string) bool {
	// "সেনাবাহিনী", "নৌবাহিনী": compounds of বাহিনী "force"; "হাইস্কুল"
	return w.bnOrgHead[s] || strings.HasSuffix(s, "বাহিনী") && len(s) > len("বাহিনী")+3 || strings.HasSuffix(s, "স্কুল") && len(s) > len("স্কুল")+3 // "হাইস্কুল"
}

// bnOrgCompound reports whether a single Bengali token is an organisation
// on its own: a compound ending in লীগ or ব্যাংক ("ছাত্রলীগ", "বিশ্বব্যাংক").
func bnOrgCompound(s string) bool {
	for _, h := range []string{"লীগ", "ব্যাংক"} {
		if strings.HasSuffix(s, h) && len(s) > len(h)+6 {
			return true
		}
	}
	return false
}
