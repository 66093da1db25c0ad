// Package sangbad holds the domain types shared by every part of the service:
// the article that comes in, the analysis that goes out (language, facts,
// summaries, verification) and the error kinds that front doors map to
// statuses. It imports only the standard library.
package sangbad

import "time"

// DateLayout is the layout of calendar dates in requests and results (ISO 8601).
const DateLayout = "2006-01-02"

// Article is one news story to analyse.
type Article struct {
	// ID is the caller's identifier (a wire GUID, a file name); optional.
	ID string `json:"id,omitempty"`
	// Title is the headline; optional, used by summaries and ranking.
	Title string `json:"title,omitempty"`
	// Text is the body. Offsets in every result are code points into it.
	Text string `json:"text"`
	// Published is the publication date (YYYY-MM-DD) used to resolve
	// relative dates; optional.
	Published string `json:"published,omitempty"`
	// URL of the story; optional.
	URL string `json:"url,omitempty"`
}

// Span locates a piece of the source text. Start and End are 0-based,
// half-open offsets in Unicode code points into the exact input string.
type Span struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
}

// Language is the result of language detection.
type Language struct {
	// Code is the ISO 639-1 code, or "und" when the language is undetermined.
	Code string `json:"code"`
	// Name is the English name of the language ("Bengali").
	Name string `json:"name"`
	// Confidence is in [0,1].
	Confidence float64 `json:"confidence"`
	// Script is the dominant writing system ("Latin", "Bengali").
	Script string `json:"script,omitempty"`
	// Reason explains an "und" result (too short, no letters, ...).
	Reason string `json:"reason,omitempty"`
	// Alternatives are the next most likely languages for the whole text.
	Alternatives []LanguageScore `json:"alternatives,omitempty"`
	// Others are further languages found in parts of a mixed-language text.
	Others []LanguageShare `json:"others,omitempty"`
}

// LanguageScore is a candidate language with its confidence.
type LanguageScore struct {
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
}

// LanguageShare is a language that occurs in part of a text.
type LanguageShare struct {
	Code string `json:"code"`
	Name string `json:"name"`
	// Share is the fraction of the text's letters in this language.
	Share float64 `json:"share"`
	// Spans are the stretches of text in this language (at most a few).
	Spans []Span `json:"spans,omitempty"`
}

// Amount kinds.
const (
	AmountMoney    = "money"
	AmountPercent  = "percent"
	AmountQuantity = "quantity"
)

// Amount is a number found in the text: money, a percentage or a counted
// quantity. Value is normalised (840 million -> 840000000).
type Amount struct {
	Span
	Kind  string  `json:"kind"`
	Value float64 `json:"value"`
	// ValueMax is the upper end of a range ("three to four months").
	ValueMax *float64 `json:"value_max,omitempty"`
	// Approximate is set for "about", "nearly", "প্রায়".
	Approximate bool `json:"approximate,omitempty"`
	// Qualifier is "more_than", "less_than", "up_to" or "at_least" when present.
	Qualifier string `json:"qualifier,omitempty"`
	// Currency is the ISO 4217 code for money.
	Currency string `json:"currency,omitempty"`
	// Unit is the counted noun for quantities ("users", "months") or "percent".
	Unit string `json:"unit,omitempty"`
	// Number is the span of the number itself inside Span.
	Number *Span `json:"number,omitempty"`
}

// Date granularities.
const (
	GranularityDay   = "day"
	GranularityWeek  = "week"
	GranularityMonth = "month"
	GranularityYear  = "year"
)

// Date is a date expression found in the text.
type Date struct {
	Span
	// Value is ISO 8601 at Granularity ("2023-12-12", "2023-09", "2030"),
	// empty when it could not be resolved.
	Value       string `json:"value"`
	Granularity string `json:"granularity"`
	// Relative is set for expressions that need a reference date
	// ("Tuesday", "last year", "গতকাল").
	Relative bool `json:"relative,omitempty"`
	// Reference is the date a relative expression was resolved against.
	Reference string `json:"reference,omitempty"`
	// ReferenceSource says where Reference came from: "published" (the
	// caller) or "dateline".
	ReferenceSource string `json:"reference_source,omitempty"`
	// Unresolved is set when a relative date had no reference date.
	Unresolved bool `json:"unresolved,omitempty"`
	// Qualifier is "by", "before", "after", "since", "until" when present.
	Qualifier string `json:"qualifier,omitempty"`
}

// Actor types.
const (
	ActorPerson       = "person"
	ActorOrganization = "organization"
	ActorPlace        = "place"
)

// Actor is a person, organisation or place with all its mentions.
type Actor struct {
	// ID is stable within one analysis ("a1", "a2", ...).
	ID   string `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	// Role is a title or description ("Indonesia's trade minister").
	Role string `json:"role,omitempty"`
	// Aliases are the other surface names (other scripts, short forms).
	Aliases  []string  `json:"aliases,omitempty"`
	Mentions []Mention `json:"mentions"`
	// Source is "rules" or "llm"; Unverified is set for LLM facts that could
	// not be located in the text.
	Source     string `json:"source,omitempty"`
	Unverified bool   `json:"unverified,omitempty"`
}

// Mention is one occurrence of an actor. Span covers the name stem (case
// suffixes stripped); Surface covers the whole token when it differs.
type Mention struct {
	Span
	Surface *Span `json:"surface,omitempty"`
	// Kind is "" or MentionName for a mention by name, MentionRole for a
	// reference by title or role alone ("the trade minister said",
	// "ইন্দোনেশিয়ার বাণিজ্যমন্ত্রী বলেছেন") to the one person who carries
	// that role elsewhere in the text. Name-based consumers (NER scoring,
	// name checks, glossaries) skip role mentions.
	Kind string `json:"kind,omitempty"`
}

// Mention kinds.
const (
	MentionName = "name"
	MentionRole = "role"
)

// IsRole reports whether m is a reference by role rather than by name.
func (m Mention) IsRole() bool { return m.Kind == MentionRole }

// Quote is a direct or indirect quotation with its speaker.
type Quote struct {
	Span
	Speaker string `json:"speaker,omitempty"`
	// SpeakerID refers to Actor.ID when the speaker is a known actor.
	SpeakerID string `json:"speaker_id,omitempty"`
	// SpeakerSpan locates the speaker's mention that attributes the quote.
	SpeakerSpan *Span `json:"speaker_span,omitempty"`
	// Direct is true for quotes in quotation marks.
	Direct bool `json:"direct"`
}

// Facts are the structured facts of an article.
type Facts struct {
	Amounts []Amount `json:"amounts"`
	Dates   []Date   `json:"dates"`
	Actors  []Actor  `json:"actors"`
	Quotes  []Quote  `json:"quotes"`
}

// Summary lengths.
const (
	LengthHeadline = "headline"
	LengthShort    = "short"
	LengthStandard = "standard"
	LengthBullets  = "bullets"
)

// Summary methods.
const (
	MethodExtractive = "extractive"
	MethodLLM        = "llm"
)

// Summary is a summary of the article in one language.
type Summary struct {
	Language string `json:"language"`
	Text     string `json:"text"`
	// Method is "extractive" (offline) or "llm".
	Method string `json:"method"`
	Length string `json:"length,omitempty"`
	// Sentences are the summary's sentences, each with the source sentences
	// (indexes into Analysis.Sentences) it rests on.
	Sentences     []SummarySentence `json:"sentences,omitempty"`
	Model         string            `json:"model,omitempty"`
	PromptVersion string            `json:"prompt_version,omitempty"`
	// Verified is set when every number, date and name was found in the source.
	Verified *bool   `json:"verified,omitempty"`
	Issues   []Issue `json:"issues,omitempty"`
	Usage    *Usage  `json:"usage,omitempty"`
	// Error is set (and Text empty) when this summary could not be produced,
	// for example when it needs an LLM backend that is not configured.
	Error *ErrorBody `json:"error,omitempty"`
	// Diagnostics holds what helps debug a generated result (last invalid
	// model output, repair rounds, cache hit).
	Diagnostics *Diagnostics `json:"diagnostics,omitempty"`
}

// SummarySentence is one sentence of a summary and its provenance.
type SummarySentence struct {
	Text    string `json:"text"`
	Sources []int  `json:"sources"`
}

// Issue kinds found by the verifier.
const (
	IssueNumber   = "number"
	IssueDate     = "date"
	IssueName     = "name"
	IssueLanguage = "language"
	IssueFormat   = "format"
)

// Issue is one problem the verifier found in a generated text.
type Issue struct {
	Kind    string `json:"kind"`
	Text    string `json:"text"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
	Message string `json:"message"`
}

// Usage counts LLM tokens.
type Usage struct {
	PromptTokens     int `json:"prompt_tokens"`
	CompletionTokens int `json:"completion_tokens"`
	TotalTokens      int `json:"total_tokens"`
	// Calls is the number of model calls, failed attempts included.
	Calls int `json:"calls"`
}

// Add adds o to u.
func (u *Usage) Add(o Usage) {
	u.PromptTokens += o.PromptTokens
	u.CompletionTokens += o.CompletionTokens
	u.TotalTokens += o.TotalTokens
	u.Calls += o.Calls
}

// Diagnostics explains how a generated result was obtained.
type Diagnostics struct {
	Attempts     int    `json:"attempts,omitempty"`
	RepairRounds int    `json:"repair_rounds,omitempty"`
	Cached       bool   `json:"cached,omitempty"`
	LastInvalid  string `json:"last_invalid_output,omitempty"`
	OutputMode   string `json:"output_mode,omitempty"`
}

// Analysis is the full result for one article.
type Analysis struct {
	ID       string   `json:"id,omitempty"`
	Language Language `json:"language"`
	// Published is the reference date used for relative dates, and
	// PublishedSource where it came from ("published", "dateline" or "").
	Published       string `json:"published,omitempty"`
	PublishedSource string `json:"published_source,omitempty"`
	// Sentences are the source sentences; summaries point into them.
	Sentences []Span             `json:"sentences"`
	Facts     Facts              `json:"facts"`
	Summaries map[string]Summary `json:"summaries"`
	Warnings  []string           `json:"warnings,omitempty"`
	// Usage totals the LLM tokens of the whole analysis (facts and
	// summaries, failed attempts included); nil when no LLM was called.
	Usage *Usage `json:"usage,omitempty"`
	// Took is the processing time in milliseconds.
	Took float64 `json:"took_ms"`
	// Version is the sangbad version that produced the result.
	Version string `json:"version,omitempty"`
}

// ParseDate parses a YYYY-MM-DD date and reports a kind Invalid error
// naming the field otherwise. An empty string gives the zero time.
func ParseDate(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return time.Time{}, Errorf(Invalid, "%s must be a date as YYYY-MM-DD, got %q", field, s)
	}
	return t, nil
}

// Options choose what an analysis produces. The zero value gives language,
// facts and an offline summary in the article's own language.
type Options struct {
	// Languages are the summary languages (ISO 639-1). Empty means the
	// article's language; a language other than the article's needs an LLM.
	Languages []string `json:"languages,omitempty"`
	// Length is headline, short, standard (default) or bullets.
	Length string `json:"length,omitempty"`
	// BengaliDigits writes numbers in Bengali summaries with Bengali digits.
	BengaliDigits bool `json:"bengali_digits,omitempty"`
	// NoSummary skips summaries (facts and language only).
	NoSummary bool `json:"no_summary,omitempty"`
	// LLM is "auto" (use the backend when configured, the default), "off"
	// (offline only) or "required" (fail when no backend is configured).
	LLM string `json:"llm,omitempty"`
}
