package facts

// Currency symbols written before (or, for ৳, after) a number. "¥" is
// shared by JPY and CNY; JPY is the default as in CLDR.
var currencySymbols = map[string]string{
	"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "৳": "BDT", "₽": "RUB",
	"₩": "KRW", "฿": "THB", "₺": "TRY", "₱": "PHP", "₨": "INR",
}

// dollarPrefixes are the letters written right before "$" (US$, S$, HK$).
var dollarPrefixes = map[string]string{
	"us": "USD", "u.s.": "USD", "s": "SGD", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "hk": "HKD",
	"nz": "NZD", "nt": "TWD", "r": "BRL", "mx": "MXN",
}

// currencyAbbr are abbreviations written before the number (Tk 50, Rs.
// 100, Rp 1 trillion, RM5).
var currencyAbbr = map[string]string{"tk": "BDT", "rs": "INR", "rp": "IDR", "rm": "MYR", "inr": "INR"}

// isoCodes are ISO 4217 codes accepted in upper case on either side.
var isoCodes = map[string]bool{
	"USD": true, "BDT": true, "INR": true, "EUR": true, "GBP": true, "JPY": true, "CNY": true, "RMB": true,
	"IDR": true, "MYR": true, "SGD": true, "AUD": true, "CAD": true, "HKD": true, "PKR": true, "NPR": true,
	"LKR": true, "SAR": true, "AED": true, "KWD": true, "QAR": true, "CHF": true, "KRW": true, "THB": true,
	"PHP": true, "VND": true, "RUB": true, "TRY": true, "NZD": true, "TWD": true, "MMK": true, "BRL": true,
	"ZAR": true, "MXN": true, "EGP": true, "NGN": true,
}

// currencyWords are currency names written after the number, by key (a
// Bengali word is also found with a case ending: ডলারে, টাকার).
var currencyWords = map[string]string{
	"dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "yuan": "CNY", "renminbi": "CNY",
	"yen": "JPY", "rupee": "INR", "rupees": "INR", "taka": "BDT", "ringgit": "MYR", "rupiah": "IDR",
	"riyal": "SAR", "riyals": "SAR", "rial": "SAR", "rials": "SAR", "dirham": "AED", "dirhams": "AED",
	"baht": "THB", "lira": "TRY", "liras": "TRY", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
	"franc": "CHF", "francs": "CHF", "dong": "VND", "kyat": "MMK", "kyats": "MMK",
	"sterling": "GBP",
	"ডলার":     "USD", "টাকা": "BDT", "রুপি": "INR", "রুপী": "INR", "রুপিয়া": "IDR", "রুপিয়াহ": "IDR",
	"ইউরো": "EUR", "পাউন্ড": "GBP", "ইয়েন": "JPY", "ইউয়ান": "CNY", "য়ুয়ান": "CNY",
	"রিঙ্গিত": "MYR", "রিঙ্গিৎ": "MYR", "রিয়াল": "SAR", "দিরহাম": "AED", "দিনার": "KWD", "রুবেল": "RUB", "লিরা": "TRY",
}

// currencyNeedsScale are currency words that are also ordinary words
// ("pounds" of weight, "won" the verb): money only after a scale word or
// with "sterling".
var currencyNeedsScale = map[string]bool{"pound": true, "pounds": true, "won": true}

// dollarCountries turn "dollar" into another currency when written just
// before it ("Singapore dollars", "সিঙ্গাপুর ডলার").
var dollarCountries = map[string]string{
	"us": "USD", "u.s": "USD", "american": "USD", "মার্কিন": "USD",
	"singapore": "SGD", "সিঙ্গাপুর": "SGD", "সিঙ্গাপুরি": "SGD", "australian": "AUD", "অস্ট্রেলিয়ান": "AUD", "অস্ট্রেলীয়": "AUD",
	"canadian": "CAD", "কানাডিয়ান": "CAD", "hong": "HKD", "হংকং": "HKD", "taiwan": "TWD", "zealand": "NZD",
}

// poundCountries name the pound of other countries ("Egyptian pounds").
var poundCountries = map[string]string{"egyptian": "EGP", "syrian": "SYP", "lebanese": "LBP", "sudanese": "SDG", "british": "GBP", "sterling": "GBP"}

// rupeeCountries do the same for rupees.
var rupeeCountries = map[string]string{
	"pakistani": "PKR", "পাকিস্তানি": "PKR", "nepali": "NPR", "nepalese": "NPR", "নেপালি": "NPR",
	"sri": "LKR", "lankan": "LKR", "শ্রীলঙ্কান": "LKR", "indonesian": "IDR", "ইন্দোনেশিয়ান": "IDR", "indian": "INR", "ভারতীয়": "INR",
}

// currencyBefore finds a currency written right before the number at
// token k: "$", "US$", "Tk", "Rs.", "USD", "USD $". It returns the code
// and the index of its first token.
func currencyBefore(toks []ntok, k int) (string, int, bool) {
	j := k - 1
	if j < 0 {
		return "", 0, false
	}
	t := &toks[j]
	if j >= 0 && t.key == "." && j > 0 && t.attached() {
		// "Rs. 100", "Tk. 50"
		if c, ok := currencyAbbr[toks[j-1].key]; ok {
			return c, j - 1, true
		}
	}
	switch t.kind {
	case ntPunct:
		c, ok := currencySymbols[t.key]
		if !ok {
			return "", 0, false
		}
		start := j
		if t.key == "$" && j > 0 && toks[j-1].kind == ntWord && t.attached() {
			if p, ok := dollarPrefixes[toks[j-1].key]; ok {
				c, start = p, j-1
			}
		}
		// "USD $70 million"
		if start > 0 && toks[start-1].kind == ntWord && isoCodes[toks[start-1].text] {
			c, start = toks[start-1].text, start-1
		}
		return c, start, true
	case ntWord:
		if isoCodes[t.text] {
			return t.text, j, true
		}
		if c, ok := currencyAbbr[t.key]; ok && !t.bn {
			// "Tk", "Rs", "Rp" are capitalised; "RM" only in capitals
			if (t.key == "rm" && t.text == "RM") || (t.key != "rm" && t.upper) {
				return c, j, true
			}
		}
	}
	return "", 0, false
}

// currencyAfter finds a currency written after the number (tokens from k):
// "dollars", "ডলারে", "Singapore dollars", "USD", "৳". It returns the code
// and the index after the currency.
func currencyAfter(toks []ntok, k int, scaled bool) (string, int, bool) {
	if k >= len(toks) {
		return "", k, false
	}
	t := &toks[k]
	if t.kind == ntPunct && t.key == "৳" {
		return "BDT", k + 1, true
	}
	if t.kind != ntWord {
		return "", k, false
	}
	if isoCodes[t.text] {
		return t.text, k + 1, true
	}
	// a country adjective before dollar/rupee
	if k+1 < len(toks) && toks[k+1].kind == ntWord {
		nk := toks[k+1].key
		adj := t.key
		if adj == "hong" && nk == "kong" && k+2 < len(toks) {
			if c, ok := currencyWordAt(toks, k+2); ok && c == "USD" {
				return "HKD", k + 3, true
			}
		}
		if adj == "new" && nk == "zealand" && k+2 < len(toks) {
			if c, ok := currencyWordAt(toks, k+2); ok && c == "USD" {
				return "NZD", k + 3, true
			}
		}
		if c, ok := currencyWordAt(toks, k+1); ok {
			if cc, ok := dollarCountries[adj]; ok && c == "USD" {
				return cc, k + 2, true
			}
			if cc, ok := rupeeCountries[adj]; ok && c == "INR" {
				return cc, k + 2, true
			}
			if adj == "sri" {
				return "", k, false
			}
		}
		if cc, ok := poundCountries[adj]; ok && (nk == "pound" || nk == "pounds") {
			return cc, k + 2, true
		}
	}
	if currencyNeedsScale[t.key] {
		if scaled || (k+1 < len(toks) && toks[k+1].key == "sterling") {
			if t.key == "won" {
				return "KRW", k + 1, true
			}
			end := k + 1
			if end < len(toks) && toks[end].key == "sterling" {
				end++
			}
			return "GBP", end, true
		}
		return "", k, false
	}
	if c, ok := currencyWordAt(toks, k); ok {
		return c, k + 1, true
	}
	return "", k, false
}

func currencyWordAt(toks []ntok, k int) (string, bool) {
	if k >= len(toks) || toks[k].kind != ntWord {
		return "", false
	}
	t := &toks[k]
	if c, ok := currencyWords[t.key]; ok {
		return c, true
	}
	if t.bn {
		if c, _, ok := stemLookup(t.key, currencyWords); ok {
			return c, true
		}
	}
	return "", false
}

// minorUnitAfter finds a currency's minor unit after a number: "pence",
// "paise", "cents" (US cents unless "euro cents"). It returns the code, the
// divisor to the major unit and the index after the unit.
func minorUnitAfter(toks []ntok, k int) (string, float64, int, bool) {
	if k >= len(toks) || toks[k].kind != ntWord || toks[k].bn {
		return "", 0, k, false
	}
	switch toks[k].key {
	case "pence", "penny":
		return "GBP", 100, k + 1, true
	case "paise":
		return "INR", 100, k + 1, true
	case "cents":
		return "USD", 100, k + 1, true
	case "euro":
		if k+1 < len(toks) && (toks[k+1].key == "cents" || toks[k+1].key == "cent") {
			return "EUR", 100, k + 2, true
		}
	case "us", "u.s.":
		if k+1 < len(toks) && toks[k+1].key == "cents" {
			return "USD", 100, k + 2, true
		}
	}
	return "", 0, k, false
}
