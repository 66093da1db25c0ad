package llm

import "github.com/sangbad/sangbad/internal/jsonstream"

// FieldText turns the deltas of a streamed JSON answer into the text of its
// string values named field (e.g. "text" in a summary's sentences, or
// "translation"), decoded, as it arrives: give the returned function to
// Stream as onDelta. Values after the first are preceded by sep. Fix rounds
// restart the JSON: the text of a new answer simply follows.
func FieldText(field, sep string, onText func(string)) func(delta string) {
	return jsonstream.FieldText(field, "", sep, onText)
}
