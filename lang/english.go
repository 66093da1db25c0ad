package lang

// maxFunctionWord is the length of the longest word in isEnglishFunctionWord.
const maxFunctionWord = 5

// isEnglishFunctionWord reports the frequent English function words that
// are rare as words of other Latin-script languages. Words such as "a", "in",
// "is", "die" or "on" are left out on purpose: they are frequent in Dutch,
// German, Italian, Afrikaans or French too. In English news about a quarter
// of all words are on this list; in other Latin-script languages a few
// percent at most ("at" in Tagalog and Danish, "was" in Dutch and German,
// "to" in Polish and Czech).
func isEnglishFunctionWord(w string) bool {
	if len(w) > maxFunctionWord {
		return false
	}
	var buf [maxFunctionWord]byte
	for i := 0; i < len(w); i++ {
		b := w[i]
		switch {
		case 'A' <= b && b <= 'Z':
			b += 'a' - 'A'
		case 'a' <= b && b <= 'z':
		default:
			return false
		}
		buf[i] = b
	}
	switch string(buf[:len(w)]) {
	case "the", "of", "and", "to", "that", "with", "which", "from", "this", "these",
		"was", "were", "are", "have", "has", "had", "been", "would", "will", "said",
		"for", "his", "their", "they", "there", "what", "who", "but", "not",
		"by", "it", "its", "as", "at", "be", "he", "she", "we", "you", "or", "if",
		"about", "after", "more", "than", "also", "into", "our", "can", "could",
		"when", "where", "while", "other", "only", "just", "some", "such",
		"does", "did", "should", "those", "them", "him", "your", "any", "all",
		"out", "up", "new", "first", "last", "year", "years", "how", "why", "says":
		return true
	}
	return false
}
