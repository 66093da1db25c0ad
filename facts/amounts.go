package facts

import (
	"strings"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
)

// Amount rules: a number (digits or words with scale words, see
// numerals.go) becomes money with a currency before or after it, a
// percentage with %/percent/শতাংশ, or a quantity with the noun it counts.
// A number that is part of a date, a time, an ordinal, a phone number, a
// name (COVID-19, G20) or a list marker is no amount, nor is a bare number
// without any of these (a count needs its noun).

// amountMention is an amount candidate over tokens [i,j); the number itself is
// tokens [ni,nj).
type amountMention struct {
	i, j, ni, nj int
	value        float64
	valueMax     float64
	hasMax       bool
	kind         string
	currency     string
	unit         string
	approx       bool
	qualifier    string
	// for Numbers
	year, date bool
}

var enApprox = map[string]bool{
	"about": true, "around": true, "approximately": true, "approx": true, "roughly": true, "nearly": true,
	"almost": true, "some": true, "estimated": true, "circa": true,
}

var bnApprox = map[string]bool{"প্রায়": true, "আনুমানিক": true, "প্রায়ই": false}

var enQualifier1 = map[string]string{
	"over": "more_than", "above": "more_than", "exceeding": "more_than",
	"under": "less_than", "below": "less_than",
}

// two-word English qualifiers, keyed "first second"
var enQualifier2 = map[string]string{
	"more than": "more_than", "upwards of": "more_than", "in excess of": "more_than",
	"less than": "less_than", "fewer than": "less_than",
	"up to": "up_to", "as many as": "up_to", "as much as": "up_to", "at most": "up_to",
	"at least": "at_least", "no fewer than": "at_least", "no less than": "at_least", "close to": "approx",
}

var bnQualifierBefore = map[string]string{"অন্তত": "at_least", "কমপক্ষে": "at_least", "ন্যূনতম": "at_least", "সর্বোচ্চ": "up_to", "সর্বনিম্ন": "at_least"}

// enUnitStop are words after a number that are not the counted noun.
var enUnitStop = map[string]bool{
	"the": true, "a": true, "an": true, "and": true, "or": true, "but": true, "of": true, "to": true, "in": true,
	"on": true, "at": true, "by": true, "for": true, "from": true, "with": true, "as": true, "than": true,
	"that": true, "this": true, "these": true, "those": true, "is": true, "are": true, "was": true, "were": true,
	"be": true, "been": true, "has": true, "have": true, "had": true, "will": true, "would": true, "can": true,
	"could": true, "may": true, "might": true, "should": true, "said": true, "says": true, "per": true,
	"percent": true, "pct": true, "cent": true, "p": true, "am": true, "pm": true, "o'clock": true, "times": true,
	"who": true, "which": true, "it": true, "he": true, "she": true, "they": true, "we": true, "i": true,
	"more": true, "less": true, "out": true, "into": true, "after": true, "before": true, "since": true, "ago": true,
	"up": true, "down": true, "off": true, "over": true, "under": true, "about": true, "against": true, "between": true,
	"during": true, "including": true, "among": true, "last": true, "next": true, "this's": true, "not": true, "no": true,
	"percentage": true, "if": true, "so": true, "also": true, "all": true, "each": true,
	"without": true, "within": true, "across": true, "through": true, "via": true, "near": true, "until": true,
	"while": true, "when": true, "where": true, "because": true, "despite": true, "above": true, "below": true,
	// irregular past tenses: "42 came back", "30 fled"
	"came": true, "went": true, "fled": true, "left": true, "got": true, "took": true, "made": true, "ran": true,
	"saw": true, "gave": true, "became": true, "began": true, "won": true, "lost": true, "sold": true, "bought": true,
	"paid": true, "met": true, "held": true, "kept": true, "fell": true, "rose": true, "grew": true, "spoke": true,
	"did": true, "do": true, "does": true, "get": true, "go": true, "come": true,
}

// enUnitSkip are adjectives skipped to reach the noun ("125 million
// monthly active users").
var enUnitSkip = map[string]bool{
	"more": false, "other": true, "others": false, "new": true, "additional": true, "active": true, "monthly": true,
	"daily": true, "registered": true, "small": true, "local": true, "foreign": true, "young": true, "armed": true,
	"extra": true, "unemployed": true, "square": true, "cubic": true, "metric": true, "million": false,
}

// bnUnitStop are Bengali words after a number that are not its noun.
var bnUnitStop = map[string]bool{
	"থেকে": true, "এবং": true, "ও": true, "বা": true, "এর": true, "জন্য": true, "সাথে": true, "সঙ্গে": true,
	"মধ্যে": true, "পর": true, "পরে": true, "আগে": true, "করে": true, "হয়": true, "হয়েছে": true,
	"ছিল": true, "বেশি": true, "কম": true, "প্রায়": true, "যা": true, "যে": true,
	"নয়": true, "না": true, "হবে": true, "করা": true, "করেছে": true, "পর্যন্ত": true, "দিয়ে": true,
	"কোটি": true, "লাখ": true, "হাজার": true, "নম্বর": true, "তম": true, "সংখ্যক": false, "বলে": true, "বলেন": true,
	"তার": true, "তাদের": true, "এই": true, "সেই": true, "একটি": true, "কি": true, "কী": true, "তো": true, "বার": true,
	"অর্থাৎ": true, "আর": true, "মতো": true, "মত": true, "নিচে": true, "নীচে": true, "ওপরে": true, "উপরে": true, "অধিক": true, "কিন্তু": true, "তবে": true, "যেখানে": true, "শতাংশ": true, "ভাগ": true,
}

// measureUnits are units included in the amount's span ("10 বছর", "450
// kilometers"); other counted nouns ("users") stay outside it.
var measureUnits = map[string]bool{
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true,
	"hour": true, "hours": true, "minute": true, "minutes": true, "second": true, "seconds": true, "decade": true, "decades": true,
	"meter": true, "meters": true, "metre": true, "metres": true, "kilometer": true, "kilometers": true, "kilometre": true,
	"kilometres": true, "km": true, "mile": true, "miles": true, "feet": true, "foot": true, "kg": true, "kilograms": true,
	"tonnes": true, "tons": true, "tonne": true, "ton": true, "acres": true, "hectares": true, "litres": true, "liters": true,
	"barrels": true, "megawatts": true, "mw": true, "gw": true, "kwh": true, "mph": true, "inches": true, "inch": true,
	"দিন": true, "সপ্তাহ": true, "মাস": true, "বছর": true, "ঘণ্টা": true, "ঘন্টা": true, "মিনিট": true, "সেকেন্ড": true, "দশক": true,
	"কিলোমিটার": true, "কিমি": true, "মিটার": true, "ইঞ্চি": true, "ফুট": true, "গজ": true, "মাইল": true, "কিলোগ্রাম": true, "গ্রাম": true, "মণ": true, "কেজি": true, "টন": true, "একর": true, "হেক্টর": true, "লিটার": true, "মেগাওয়াট": true,
	"জন": true, "টি": true, "টা": true,
}

// ambiguous-word units: a number word that is also an ordinary word (এক,
// নয়, "one") counts only with these nouns after it.
var strictUnits = map[string]bool{
	"day": true, "days": true, "week": true, "weeks": true, "month": true, "months": true, "year": true, "years": true,
	"hour": true, "hours": true, "minute": true, "minutes": true, "person": true, "people": true,
	"দিন": true, "সপ্তাহ": true, "মাস": true, "বছর": true, "ঘণ্টা": true, "ঘন্টা": true, "মিনিট": true, "জন": true,
}

// enTimeZones after a bare number make it a clock time ("8 ET", "at 10
// GMT"); matched case-sensitively on the token text.
var enTimeZones = map[string]bool{
	"ET": true, "EST": true, "EDT": true, "CT": true, "CST": true, "CDT": true, "MT": true, "MST": true, "MDT": true,
	"PT": true, "PST": true, "PDT": true, "GMT": true, "UTC": true, "BST": true, "CET": true, "CEST": true, "IST": true,
	"WIB": true, "JST": true, "AEST": true, "AEDT": true, "HKT": true, "SGT": true, "BDT": false, "local": false,
}

var bnTimeOfDay = map[string]bool{
	"সকাল": true, "দুপুর": true, "বিকাল": true, "বিকেল": true, "সন্ধ্যা": true, "রাত": true, "ভোর": true, "বেলা": true, "রাত্রি": true,
}

// bnOrdinalEndings are written on digits: ১ম, ২য়, ৪র্থ, ৬ষ্ঠ, ১১তম.
var bnOrdinalEndings = map[string]bool{"ম": true, "য়": true, "র্থ": true, "ষ্ঠ": true, "তম": true, "তমো": true}

// amountScanner finds amount mentions on a token stream.
type amountScanner struct {
	toks []ntok
	mask []bool // tokens inside date expressions
}

func newAmountScanner(d *doc) (*amountScanner, []dateHit) {
	toks := d.ntoks()
	_, hits := d.dateScan()
	mask := make([]bool, len(toks))
	for _, h := range hits {
		for k := h.i; k < h.j; k++ {
			mask[k] = true
		}
	}
	return &amountScanner{toks: toks, mask: mask}, hits
}

func (a *amountScanner) key(k int) string {
	if k < 0 || k >= len(a.toks) {
		return ""
	}
	return a.toks[k].key
}

// scan returns the amount mentions; with bare set it also returns numbers
// without money, percent or unit (for Numbers).
func (a *amountScanner) scan(bare bool) []amountMention {
	var out []amountMention
	for i := 0; i < len(a.toks); {
		if a.mask[i] {
			i++
			continue
		}
		m, ok := a.at(i, bare)
		if !ok {
			i++
			continue
		}
		out = append(out, m)
		i = max(m.j, i+1)
	}
	return out
}

// startsNumber is a cheap filter: digits, a Latin word or a Bengali word.
func (a *amountScanner) at(i int, bare bool) (amountMention, bool) {
	toks := a.toks
	t := &toks[i]
	if t.kind == ntPunct {
		return amountMention{}, false
	}
	cur, curStart, hasCur := currencyBefore(toks, i)
	ne, ok := parseNumber(toks, i, hasCur)
	if !ok {
		return amountMention{}, false
	}
	// never run into a date
	for k := ne.i; k < ne.j; k++ {
		if a.mask[k] {
			return amountMention{}, false
		}
	}
	if t.kind == ntNum && a.excluded(i, ne) {
		return amountMention{}, false
	}
	if i > 1 && toks[i-1].key == "-" && toks[i-1].attached() && t.attached() && toks[i-2].kind == ntNum {
		return amountMention{}, false // the second part of a score or code ("2-1")
	}
	m := amountMention{i: i, j: ne.j, ni: i, nj: ne.j, value: ne.value}
	// a minus sign: "from -0.1%", "−3.2 degrees" (a hyphen after a space and
	// right before the digits; not the second end of a range "3-4")
	if t.kind == ntNum && !hasCur && i > 0 && t.attached() && (toks[i-1].key == "-" || toks[i-1].key == "−") && (i == 1 || !toks[i-1].attached()) {
		m.value = -m.value
		m.i = i - 1
	} else if !hasCur && i > 0 && (toks[i-1].key == "minus" || toks[i-1].key == "negative" || toks[i-1].key == "ঋণাত্মক" || toks[i-1].key == "মাইনাস") {
		m.value = -m.value // "minus 0.1%", "negative 0.1 percent"
		m.i = i - 1
	}
	if hasCur {
		m.i, m.currency, m.kind = curStart, cur, sangbad.AmountMoney
	}
	if a.key(i-1) == "শতকরা" {
		m.i, m.kind, m.unit = i-1, sangbad.AmountPercent, "percent"
	}
	// a percent range with the sign on both ends: "5.25% to 5.5%",
	// "between 2% and 3%", "৫ শতাংশ থেকে ৬ শতাংশ"
	if pr, ok := a.percentRange(i, ne, m); ok {
		return pr, true
	}
	k := ne.j
	// a range: "3-4", "তিন থেকে চার", "three to four", "$5-6 billion"
	if ne2, nk, ok := a.rangeEnd(i, ne, hasCur); ok {
		hi := ne2.value
		lo := ne.value
		if !ne.scale && ne2.scale {
			lo *= ne2.unitMul
		}
		if hi > lo {
			m.value, m.valueMax, m.hasMax = lo, hi, true
			ne.scale = ne.scale || ne2.scale
			ne.words = ne.words && ne2.words
			ne.ambig = false
			ne.classif = ne2.classif
			k, m.nj = nk, nk
		}
	}
	// the kind from what follows
	switch {
	case a.percentAt(&k, &m):
	case m.kind == sangbad.AmountPercent:
		// শতকরা N ভাগ
		if strings.HasPrefix(a.key(k), "ভাগ") {
			k++
		}
	default:
		if c, div, nk, ok := minorUnitAfter(toks, k); ok && !ne.scale && !m.hasMax && m.currency == "" {
			// "245 pence" = 2.45 GBP, "12 cents" = 0.12 USD
			m.currency, m.kind, k = c, sangbad.AmountMoney, nk
			m.value /= div
		} else if c, nk, ok := currencyAfter(toks, k, ne.scale); ok {
			if m.currency == "" || c != "USD" {
				m.currency = c
			}
			m.kind, k = sangbad.AmountMoney, nk
		}
	}
	if m.kind == "" {
		unit, nk, inSpan, ok := a.unitAt(k, ne)
		switch {
		case ok && unit == "":
			return amountMention{}, false // a time, an age
		case ok:
			m.kind, m.unit = sangbad.AmountQuantity, unit
			if inSpan {
				k = nk
			}
		}
	}
	// "গ্রাহক এখন ৪৭ কোটি ছাড়িয়েছে": a Bengali count with its noun before
	if m.kind == "" && ne.scale && t.bn {
		if u := a.bnUnitBefore(m.i); u != "" {
			m.kind, m.unit = sangbad.AmountQuantity, u
		}
	}
	// "left more than 3.5 million without power", "a record 906,000": a
	// large count is a fact even when the noun it counts is left out
	if m.kind == "" && !ne.words && (ne.scale || t.kind == ntNum && (t.commas > 0 || ne.value >= 10000) && !isYearLike(t)) {
		m.kind = sangbad.AmountQuantity
	}
	if m.kind == "" && (!bare || ((ne.words || ne.ambig) && !ne.scale)) {
		return amountMention{}, false
	}
	if ne.ambig && ne.classif != "" && ne.words {
		return amountMention{}, false // একটি "a", একজন "someone"
	}
	if ne.ambig && m.kind != sangbad.AmountMoney && m.kind != sangbad.AmountPercent && !strictUnits[m.unit] {
		return amountMention{}, false
	}
	// "১৫ টাকা ৮০ পয়সা" = 15.80 taka
	if m.currency == "BDT" && !m.hasMax && k+1 < len(toks) && toks[k].kind == ntNum && strings.HasPrefix(toks[k+1].key, "পয়সা") {
		if p, ok := digitValue(&toks[k]); ok && p < 100 {
			m.value += p / 100
			k += 2
		}
	}
	for x := ne.i; x < ne.j; x++ {
		if strings.HasPrefix(toks[x].key, "শতাধিক") {
			m.qualifier = "more_than" // "চার শতাধিক" = more than 400
		}
	}
	m.j = k
	a.qualifiers(&m)
	return m, true
}

// bnUnitBefore finds the noun a Bengali count with no noun after it counts
// among the words just before it ("গ্রাহক এখন ৪৭ কোটি", "ব্যবহারকারীর সংখ্যা
// প্রায় ৫ কোটি"), or "".
func (a *amountScanner) bnUnitBefore(i int) string {
	toks := a.toks
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := &toks[k]
		if t.kind != ntWord || !t.bn {
			return ""
		}
		switch t.key {
		case "এখন", "প্রায়", "মোট", "সংখ্যা", "ছিল", "হয়", "দাঁড়িয়েছে", "বর্তমানে", "অন্তত", "আরও", "মাত্র", "কেবল":
			continue
		}
		if bnUnitStop[t.key] || bnVerbTense(t.key) != 0 {
			return ""
		}
		return unitStem(t.key)
	}
	return ""
}

// bnUnitAdjectives stand between a number and the noun it counts.
var bnUnitAdjectives = map[string]bool{"নতুন": true, "অতিরিক্ত": true, "মোট": true, "নিবন্ধিত": true, "সক্রিয়": true,
	"বিদেশি": true, "বিদেশী": true, "দেশি": true, "স্থানীয়": true, "সাধারণ": true, "বেকার": true}

// excluded reports numbers that are no amounts: parts of names (COVID-19,
// G20, 4G), ordinals (1st, ২য়), times (10:30, 5 p.m.), phone numbers, list
// markers and dotted versions.
func (a *amountScanner) excluded(i int, ne numExpr) bool {
	toks := a.toks
	t := &toks[i]
	if t.dots > 1 {
		return true
	}
	if isYearLike(t) && i+2 < len(toks) && (toks[i+1].key == "-" || toks[i+1].key == "–") && toks[i+1].attached() && toks[i+2].attached() && toks[i+2].digits == 2 {
		return true // a fiscal year "2023-24"
	}
	if i > 0 && t.attached() {
		p := &toks[i-1]
		if p.kind == ntWord && !p.bn {
			if _, ok := currencyAbbr[p.key]; !ok && !isoCodes[p.text] {
				return true // G20, A380
			}
		}
		if (p.key == "-" || p.key == "/") && i > 1 && toks[i-2].kind == ntWord && p.attached() && (!toks[i-2].bn || isBnAcronym(toks[i-2].key) || strings.HasPrefix(toks[i-2].key, "কোভিড")) {
			return true // COVID-19, F-16, বিপিএম-৬, কোভিড-১৯
		}
		if (p.key == "-" || p.key == "–") && i > 1 && p.attached() && isYearLike(&toks[i-2]) && t.digits == 2 {
			return true // the "24" of the fiscal year "2023-24"
		}
		if p.key == ":" || p.key == "+" || p.key == "#" || p.key == "№" {
			return true
		}
		if p.key == "." && i > 1 && toks[i-2].kind == ntNum {
			return true
		}
	}
	// "No. 1", "Boeing 737", "Interstate 35": a number naming something
	if i > 1 && toks[i-1].key == "." && toks[i-1].attached() && (toks[i-2].key == "no" || toks[i-2].key == "nos") {
		return true
	}
	if i > 0 && toks[i-1].kind == ntWord && !toks[i-1].bn && toks[i-1].upper && !toks[i-1].nl && ne.j == i+1 && !ne.scale && !strings.HasSuffix(toks[i-1].key, "'s") {
		p := toks[i-1].key
		_, isCur := currencyAbbr[p]
		_, isNum := enNumberWords[p]
		// ... unless a unit noun follows: "took Tokopedia 10 years",
		// "gave Acme 15 people"
		unitNext := i+1 < len(toks) && toks[i+1].kind == ntWord && strictUnits[toks[i+1].key]
		if !isCur && !isNum && !isoCodes[toks[i-1].text] && !enApprox[p] && enQualifier1[p] == "" && !isSentenceStart(toks, i-1) && !unitNext {
			return true
		}
	}
	// a score "2-1" (the lower second part is no range end)
	if i+2 < len(toks) && toks[i+1].key == "-" && toks[i+1].attached() && toks[i+2].attached() && toks[i+2].kind == ntNum && ne.j == i+1 {
		if v2, ok := digitValue(&toks[i+2]); ok && v2 <= ne.value && !a.unitFollows(i+3) {
			return true
		}
	}
	if i+1 < len(toks) {
		n := &toks[i+1]
		if n.attached() && n.kind == ntWord {
			if !n.bn {
				switch n.key {
				case "st", "nd", "rd", "th":
					return true
				}
				if _, ok := scaleAt(toks, i+1, true); !ok && !measureUnits[n.key] && !isoCodes[n.text] {
					return true // 4G, 3D
				}
			} else if bnOrdinalEndings[n.key] || dayEndings[n.key] && n.key != "এ" && n.key != "ই" {
				return true
			}
		}
		if n.key == ":" && n.attached() && i+2 < len(toks) && toks[i+2].kind == ntNum {
			return true // 10:30
		}
		if (n.key == "a" || n.key == "p") && i+2 < len(toks) && toks[i+2].key == "." {
			return true // 5 p.m.
		}
		if n.bn && (strings.HasPrefix(n.key, "ধারা") || strings.HasPrefix(n.key, "অনুচ্ছেদ") || n.key == "নং") && ne.j == i+1 {
			return true // a legal section: "১৬৪ ধারায়", "৭০ অনুচ্ছেদ"
		}
		if enTimeZones[n.text] && !n.attached() {
			return true // 8 ET, at 10 GMT
		}
		if n.key == "am" || n.key == "pm" || n.key == "এএম" || n.key == "পিএম" || n.key == "o'clock" || strings.HasPrefix(n.key, "বাজ") {
			return true
		}
		// list marker: "1." or "2)" at the start of a line
		if t.nl && (n.key == "." || n.key == ")") && n.attached() && ne.j == i+1 {
			return true
		}
	}
	// phone numbers: long digit runs starting with 0, a leading +, or
	// three hyphenated groups
	if t.commas == 0 && t.dots == 0 && t.digits >= 7 && (strings.HasPrefix(t.text, "0") || strings.HasPrefix(t.text, "০") || t.digits >= 9) {
		return true
	}
	if i+2 < len(toks) && toks[i+1].key == "-" && toks[i+1].attached() && toks[i+2].kind == ntNum && toks[i+2].attached() && toks[i+2].digits >= 5 && toks[i+2].commas == 0 && t.commas == 0 {
		return true
	}
	// a clock time with the classifier টা: "সকাল ১০টায়", "সাড়ে আটটার দিকে"
	if ne.classif != "" && strings.HasPrefix(ne.classif, "টা") {
		if i > 0 {
			if _, _, ok := stemLookup(a.key(i-1), bnTimeOfDay); ok || bnTimeOfDay[a.key(i-1)] {
				return true
			}
		}
	}
	return false
}

// rangeEnd parses the upper end of a range after ne.
func (a *amountScanner) rangeEnd(i int, ne numExpr, money bool) (numExpr, int, bool) {
	toks := a.toks
	k := ne.j
	if k+1 >= len(toks) || (ne.classif != "" && !ne.words) {
		return numExpr{}, 0, false
	}
	sep := toks[k].key
	switch sep {
	case "-", "–", "—":
		if toks[k].attached() != toks[k+1].attached() {
			return numExpr{}, 0, false
		}
	case "to", "থেকে":
		if a.key(i-1) == "from" || a.key(i-2) == "from" {
			return numExpr{}, 0, false
		}
	case "and":
		if a.key(i-1) != "between" && !(money && a.key(i-2) == "between") { // "between $2bn and $3bn"
			return numExpr{}, 0, false
		}
	default:
		return numExpr{}, 0, false
	}
	k++
	if _, ok := currencySymbols[toks[k].key]; ok && money {
		k++
	}
	if k < len(toks) && a.mask[k] {
		return numExpr{}, 0, false
	}
	ne2, ok := parseNumber(toks, k, money)
	if !ok || ne2.words != ne.words && !(toks[i].bn && toks[k].bn) {
		if !ok {
			return numExpr{}, 0, false
		}
	}
	if toks[k].kind == ntNum && a.excluded(k, ne2) {
		return numExpr{}, 0, false
	}
	return ne2, ne2.j, true
}

// percentRange reads a range of percentages each written with its sign
// from the number ne at token i.
func (a *amountScanner) percentRange(i int, ne numExpr, m amountMention) (amountMention, bool) {
	if m.kind != "" {
		return amountMention{}, false
	}
	k := ne.j
	var first amountMention
	if !a.percentAt(&k, &first) {
		return amountMention{}, false
	}
	end := ne
	end.j = k
	ne2, nk, ok := a.rangeEnd(i, end, false)
	if !ok || ne2.value <= ne.value || ne2.scale != ne.scale {
		return amountMention{}, false
	}
	var second amountMention
	if !a.percentAt(&nk, &second) || second.unit != first.unit {
		return amountMention{}, false
	}
	m.kind, m.unit = sangbad.AmountPercent, first.unit
	m.value, m.valueMax, m.hasMax = ne.value, ne2.value, true
	m.nj, m.j = ne2.j, nk
	a.qualifiers(&m)
	return m, true
}

// percentAt consumes "%", "percent", "per cent", "pct", "শতাংশ",
// "পার্সেন্ট" (and "percentage points", "শতাংশ পয়েন্ট") at *k.
func (a *amountScanner) percentAt(k *int, m *amountMention) bool {
	toks := a.toks
	if *k >= len(toks) {
		return false
	}
	t := &toks[*k]
	n := 0
	switch {
	case t.key == "%":
		n = 1
	case t.key == "percent" || t.key == "pct" || t.key == "percentage":
		n = 1
	case t.key == "per" && a.key(*k+1) == "cent":
		n = 2
	case t.bn:
		if _, _, ok := stemLookup(t.key, map[string]bool{"শতাংশ": true, "পার্সেন্ট": true, "পারসেন্ট": true}); ok {
			n = 1
		}
	}
	if n == 0 {
		return false
	}
	m.kind, m.unit = sangbad.AmountPercent, "percent"
	*k += n
	if p := a.key(*k); p == "point" || p == "points" || strings.HasPrefix(p, "পয়েন্ট") || strings.HasPrefix(p, "পয়েন্ট") {
		m.unit = "percentage point"
		*k++
	} else if t.key == "percentage" {
		*k -= n
		m.kind, m.unit = "", ""
		return false
	}
	return true
}

// unitAt finds the noun a number counts. ok with an empty unit means the
// number is a time or an age and no amount at all; inSpan says the unit
// belongs in the span (measures, classifiers) and next is after it.
func (a *amountScanner) unitAt(k int, ne numExpr) (unit string, next int, inSpan bool, ok bool) {
	toks := a.toks
	if ne.classif != "" {
		c := ne.classif
		base := strings.TrimRight(c, "েরকতোয়")
		switch {
		case strings.HasPrefix(c, "টা") && (strings.HasSuffix(c, "য়") || strings.HasSuffix(c, "য়") || a.clockContext(ne, k)):
			return "", k, false, true // "১০টায়" = at ten o'clock, "সাড়ে আটটার দিকে"
		case strings.HasPrefix(c, "জন"):
			base = "জন"
		case strings.HasPrefix(c, "টি"):
			base = "টি"
		case strings.HasPrefix(c, "টা"):
			base = "টা"
		}
		if ne.classTok {
			k++ // the classifier token after the digits
		}
		// "দুটি সংস্থা": the noun after the classifier, when there is one
		if k < len(toks) && toks[k].bn && toks[k].kind == ntWord && !bnUnitStop[toks[k].key] && base != "জন" && bnVerbTense(toks[k].key) == 0 {
			return unitStem(toks[k].key), k, true, true
		}
		if base == "টা" {
			// "সাড়ে আটটার দিকে", "আটটা": a clock time
			return "", k, false, true
		}
		return base, k, true, true
	}
	if k >= len(toks) {
		return "", k, false, false
	}
	t := &toks[k]
	// "50 basis points", "৫০ বেসিস পয়েন্ট", "25 bps"
	if t.kind == ntWord && (t.key == "basis" || t.key == "বেসিস") && k+1 < len(toks) && (strings.HasPrefix(toks[k+1].key, "point") || strings.HasPrefix(toks[k+1].key, "পয়েন্ট")) {
		return "basis point", k + 2, true, true
	}
	if t.kind == ntWord && (t.key == "bps" || t.key == "bp") {
		return "basis point", k + 1, true, true
	}
	if t.kind == ntPunct {
		// "10-day", "30-year-old"
		if t.key == "-" && t.attached() && k+1 < len(toks) && toks[k+1].attached() && toks[k+1].kind == ntWord && !toks[k+1].bn {
			w := toks[k+1].key
			if a.key(k+2) == "-" && a.key(k+3) == "old" {
				return "", k, false, true
			}
			if w == "plus" {
				// "1,000-plus detainees": the noun after it
				if n := k + 2; n < len(toks) && toks[n].kind == ntWord && !toks[n].bn && !enUnitStop[toks[n].key] && !toks[n].attached() {
					return toks[n].key, n + 1, false, true
				}
				return "", k, false, false
			}
			if enUnitStop[w] {
				return "", k, false, false
			}
			return w, k + 2, measureUnits[w] || measureUnits[w+"s"], true
		}
		return "", k, false, false
	}
	if t.kind != ntWord {
		return "", k, false, false
	}
	if t.bn {
		if bnUnitStop[t.key] || bnVerbTense(t.key) != 0 {
			return "", k, false, false
		}
		if _, ok := bnMonths[t.key]; ok {
			return "", k, false, false
		}
		if _, _, ok := stemLookup(t.key, bnWeekdays); ok {
			return "", k, false, false
		}
		// an age: "৩০ বছর বয়সী"
		if n := a.key(k + 1); strings.HasPrefix(n, "বয়") || strings.HasPrefix(n, "বয়") {
			return "", k, false, true
		}
		// a year: "৭২ সালে"
		if strings.HasPrefix(t.key, "সাল") {
			return "", k, false, true
		}
		// "১২ লাখ নতুন কর্মসংস্থান": the noun after an adjective
		if bnUnitAdjectives[t.key] && k+1 < len(toks) && toks[k+1].bn && toks[k+1].kind == ntWord && !bnUnitStop[toks[k+1].key] && bnVerbTense(toks[k+1].key) == 0 {
			t = &toks[k+1]
		}
		u := unitStem(t.key)
		return u, k + 1, measureUnits[u], true
	}
	if t.upper && !ne.words && k > 0 && !toks[k-1].nl {
		// "19 Ethiopians" is fine; a capitalised word that is a month or
		// weekday is not a unit
		if _, ok := enMonths[t.key]; ok {
			return "", k, false, false
		}
		if _, ok := enWeekdays[t.key]; ok {
			return "", k, false, false
		}
	}
	// "222 of the 299 seats": the part counts what the whole counts
	if t.key == "of" && !ne.words {
		// "of the", "of its", "of OpenAI's roughly 770 employees"
		n := k + 1
		for s := 0; s < 3 && n < len(toks) && toks[n].kind == ntWord; s++ {
			d := a.key(n)
			if d == "the" || d == "its" || d == "their" || d == "roughly" || d == "about" || d == "some" || d == "nearly" || d == "around" || d == "almost" ||
				toks[n].upper && (strings.HasSuffix(toks[n].text, "'s") || strings.HasSuffix(toks[n].text, "’s")) {
				n++
				continue
			}
			break
		}
		if n+1 < len(toks) && toks[n].kind == ntNum && !toks[n].bn {
			if u, _, _, ok := a.unitAt(n+1, numExpr{}); ok && u != "" {
				return u, k, false, true
			}
		}
	}
	w := t.key
	j := k
	for n := 0; n < 2 && (enUnitSkip[w] || looksAdjective(w) || strings.HasSuffix(w, "ing")) && j+1 < len(toks) && toks[j+1].kind == ntWord && !toks[j+1].bn && !enUnitStop[toks[j+1].key] && !toks[j+1].attached(); n++ {
		j++
		w = toks[j].key
	}
	if enUnitStop[w] || len(w) < 2 || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") || w == "plus" {
		return "", k, false, false
	}
	// a noun modifying the counted noun: "120 opposition activists", "50
	// police officers"
	if !strings.HasSuffix(w, "s") && j+1 < len(toks) && toks[j+1].kind == ntWord && !toks[j+1].bn && !toks[j+1].upper && !toks[j+1].attached() {
		if nw := toks[j+1].key; strings.HasSuffix(nw, "s") && !strings.HasSuffix(nw, "ss") && len(nw) > 3 && !enUnitStop[nw] && !measureUnits[w] {
			j++
			w = nw
		}
	}
	if w == "years" || w == "year" {
		if a.key(j+1) == "old" {
			return "", k, false, true
		}
	}
	if w == "aged" {
		return "", k, false, false
	}
	return w, j + 1, measureUnits[w], true
}

// unitStem strips one case ending from a Bengali noun: a genitive -র only
// after a vowel sign, -ে only when a known unit remains.
func unitStem(key string) string {
	if measureUnits[key] {
		return key
	}
	if _, n, ok := stemLookup(key, measureUnits); ok && n > 0 {
		for _, suf := range numSuffixes {
			if strings.HasSuffix(key, suf) && measureUnits[key[:len(key)-len(suf)]] {
				return key[:len(key)-len(suf)]
			}
		}
	}
	for _, suf := range []string{"গুলোর", "গুলির", "গুলোতে", "গুলিতে", "গুলো", "গুলি", "দের", "রা", "েরও", "ের", "কে", "তে", "য়ে", "য়"} {
		if strings.HasSuffix(key, suf) && utf8.RuneCountInString(key)-utf8.RuneCountInString(suf) >= 2 {
			return key[:len(key)-len(suf)]
		}
	}
	// a genitive -র after a vowel sign other than া ("ব্যবহারকারীর"; but
	// "ওভার", "বাজার" end in া + র), a locative -ে after a consonant
	if stem, ok := strings.CutSuffix(key, "র"); ok {
		if r := lastRuneOf(stem); r >= 0x09BF && r <= 0x09CC {
			return stem
		}
	}
	if stem, ok := strings.CutSuffix(key, "\u09c7"); ok && utf8.RuneCountInString(stem) >= 2 {
		if r := lastRuneOf(stem); r >= 0x0995 && r <= 0x09B9 {
			return stem
		}
	}
	return key
}

func lastRuneOf(s string) rune {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i]&0xC0 != 0x80 {
			r := []rune(s[i:])
			return r[0]
		}
	}
	return 0
}

// qualifiers sets Approximate and Qualifier from words before the amount
// (about, more than, প্রায়, অন্তত) or after it (Bengali: "-এর বেশি") and
// widens the span over them.
func (a *amountScanner) qualifiers(m *amountMention) {
	toks := a.toks
	i := m.i
	if i > 0 {
		p := a.key(i - 1)
		switch {
		case enApprox[p] || bnApprox[p]:
			m.approx, m.i = true, i-1
			if p == "estimated" && (a.key(i-2) == "an" || a.key(i-2) == "a") {
				m.i = i - 2
			}
		case bnQualifierBefore[p] != "":
			m.qualifier, m.i = bnQualifierBefore[p], i-1
		default:
			if q, ok := enQualifier2[a.key(i-3)+" "+a.key(i-2)+" "+p]; ok && i >= 3 {
				m.i = i - 3
				setQualifier(m, q)
			} else if q, ok := enQualifier2[a.key(i-2)+" "+p]; ok && i >= 2 {
				m.i = i - 2
				setQualifier(m, q)
			} else if q, ok := enQualifier1[p]; ok && !strictUnits[m.unit] {
				m.qualifier, m.i = q, i-1
			}
		}
	}
	// Bengali after: "১০০ জনের বেশি", "৫০ কোটি টাকার কম", "১৪ হাজারের নিচে",
	// "৭৮টির মতো", "... পর্যন্ত"; also after a counted noun outside the
	// span ("৫০০ ব্যবহারকারীর বেশি")
	for _, k := range []int{m.j, m.j + 1} {
		if k >= len(toks) || !toks[k].bn || k == 0 {
			continue
		}
		if k == m.j+1 && (m.kind != sangbad.AmountQuantity || unitStem(toks[m.j].key) != m.unit) {
			break
		}
		if a.postQualifier(m, k) {
			break
		}
	}
}

// postQualifier reads a Bengali qualifier at token k after an amount.
func (a *amountScanner) postQualifier(m *amountMention, k int) bool {
	toks := a.toks
	pk := strings.TrimSuffix(strings.TrimSuffix(toks[k-1].key, "ও"), "ই")
	gen := strings.HasSuffix(pk, "র")
	kk := k
	if toks[kk].key == "এর" || toks[kk].key == "-" && a.key(kk+1) == "এর" {
		if toks[kk].key == "-" {
			kk++
		}
		kk++
		gen = true
	}
	q := ""
	switch w := a.key(kk); {
	case gen && (w == "বেশি" || strings.HasPrefix(w, "ঊর্ধ্ব") || strings.HasPrefix(w, "উর্ধ্ব") || w == "ওপরে" || w == "উপরে" || w == "অধিক"):
		q = "more_than"
	case gen && (w == "কম" || w == "নিচে" || w == "নীচে"):
		q = "less_than"
	case w == "পর্যন্ত" && kk == k:
		if m.hasMax {
			q = "range" // "২৭ থেকে ৯০ শতাংশ পর্যন্ত": the end of the range
		} else {
			q = "up_to"
		}
	case strings.HasPrefix(w, "ছাড়িয়ে"):
		q = "more_than"
	case (w == "মতো" || w == "মত") && kk == k:
		q = "approx"
	}
	if q == "" {
		return false
	}
	if q != "range" {
		setQualifier(m, q)
	}
	m.j = kk + 1
	return true
}

func setQualifier(m *amountMention, q string) {
	if q == "approx" {
		m.approx = true
		return
	}
	m.qualifier = q
}

// extractAmounts returns the money amounts, percentages and counted
// quantities of d.
func extractAmounts(d *doc) []sangbad.Amount {
	a, _ := newAmountScanner(d)
	toks := a.toks
	ms := a.scan(false)
	out := make([]sangbad.Amount, 0, len(ms))
	for _, m := range ms {
		out = append(out, m.amount(d.text, toks))
	}
	return out
}

func (m amountMention) amount(text string, toks []ntok) sangbad.Amount {
	am := sangbad.Amount{
		Span:        sangbad.Span{Text: text[toks[m.i].b:toks[m.j-1].e], Start: toks[m.i].rs, End: toks[m.j-1].re},
		Kind:        m.kind,
		Value:       m.value,
		Approximate: m.approx,
		Qualifier:   m.qualifier,
		Currency:    m.currency,
		Unit:        m.unit,
		Number:      &sangbad.Span{Text: text[toks[m.ni].b:toks[m.nj-1].e], Start: toks[m.ni].rs, End: toks[m.nj-1].re},
	}
	if m.hasMax {
		v := m.valueMax
		am.ValueMax = &v
	}
	return am
}

// clockContext reports a number with the classifier টা that is a clock
// time: after a time of day (সকাল, রাত) or a fraction word (সাড়ে আটটা), or
// before দিকে/বাজে/নাগাদ.
func (a *amountScanner) clockContext(ne numExpr, k int) bool {
	if ne.i > 0 {
		p := a.key(ne.i - 1)
		if _, _, ok := stemLookup(p, bnTimeOfDay); ok {
			return true
		}
	}
	if _, ok := bnFractionPrefix[a.key(ne.i)]; ok {
		return true
	}
	if ne.classTok {
		k++
	}
	n := a.key(k)
	return n == "দিকে" || n == "নাগাদ" || strings.HasPrefix(n, "বাজ")
}

// looksAdjective guesses an English adjective before the counted noun
// ("38 unforced errors", "18,000 medical workers", "40 Iraqi refugees").
func looksAdjective(w string) bool {
	if len(w) < 5 || measureUnits[w] {
		return false
	}
	for _, suf := range []string{"al", "ic", "ive", "ous", "ian", "ese", "ful", "able", "ible", "ary", "ed", "qi", "ish", "ent", "ant"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// isSentenceStart reports a token that starts a sentence (so its capital
// says nothing).
func isSentenceStart(toks []ntok, k int) bool {
	if k == 0 || toks[k].nl {
		return true
	}
	p := toks[k-1].key
	return p == "." || p == "?" || p == "!" || p == "\"" || p == "“" || p == "।"
}

// unitFollows reports a measure or count word at k ("3-4 মাস").
func (a *amountScanner) unitFollows(k int) bool {
	if k >= len(a.toks) || a.toks[k].kind != ntWord {
		return false
	}
	return measureUnits[a.toks[k].key] || measureUnits[unitStem(a.toks[k].key)]
}
