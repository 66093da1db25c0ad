package sangbad

import "encoding/json"

// CompletionRequest is one call to a language model, in the terms the
// summarizer and the translator need. The llm package turns it into an
// OpenAI-compatible request; consumers declare the one-method interface
// they call (summarize.Completer, translate.Completer).
type CompletionRequest struct {
	// Task selects the model: summary, facts, translate, repair.
	Task string
	// System and User are the two messages. Untrusted text belongs only in
	// User, inside the delimiters package prompts puts around it.
	System, User string
	// SchemaName and Schema ask for a JSON object matching a JSON Schema;
	// the answer is validated and returned in Completion.JSON.
	SchemaName string
	Schema     json.RawMessage
	// MaxTokens bounds the answer (0: the backend's default).
	MaxTokens int
	// PromptVersion and CacheKey identify identical requests for caching.
	PromptVersion string
	CacheKey      string
}

// Completion is a model's answer.
type Completion struct {
	Content string
	// JSON is the validated JSON object for requests with a Schema.
	JSON json.RawMessage
	// Usage counts every attempt, failed ones included.
	Usage Usage
	// Model is the model that answered.
	Model       string
	Diagnostics Diagnostics
	// Truncated is set when the answer was cut at the token limit.
	Truncated bool
}
