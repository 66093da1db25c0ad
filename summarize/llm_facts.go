package summarize

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sangbad/sangbad"
	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/prompts"
	"github.com/sangbad/sangbad/segment"
)

// factsAnswer is the JSON a facts prompt asks for (prompts/facts.json).
type factsAnswer struct {
	Actors []struct {
		Name  string `json:"name"`
		Type  string `json:"type"`
		Role  string `json:"role"`
		Quote string `json:"quote"`
	} `json:"actors"`
	Relations []struct {
		Subject  string `json:"subject"`
		Relation string `json:"relation"`
		Object   string `json:"object"`
		Quote    string `json:"quote"`
	} `json:"relations"`
}

// llmActor is an actor the model named, located in the source.
type llmActor struct {
	name, typ, role string
	mentions        []sangbad.Mention
	// roleFound is set when the role is backed by the source: its text is
	// in the article, or the model's quote is and names the actor.
	roleFound bool
}

// maxBengaliSuffix is the longest case ending or clitic (in code points)
// a Bengali name mention may carry ("টোকোপিডিয়ার", "হাসানের").
const maxBengaliSuffix = 4

// Facts asks the model for the actors, roles and relations the rules
// missed and merges them with the rule actors of an. Every actor the model
// names is looked up in the article: found, it gets mentions with
// code-point offsets and Source "llm"; not found, it is kept with
// Unverified set and no mentions. A role is added only when the source
// backs it (its text is in the article, or the model's quotation is and
// names the actor). An actor with the same name as a rule actor (across
// scripts, facts.SameName, or equal to one of its mentions) is not
// duplicated: the rule actor gains the role it lacked, the new surface
// name as an alias, and the new mentions. Relations are read but not
// returned (the domain types have no place for them yet).
//
// The returned actors replace an.Facts.Actors; usage counts every call,
// failed ones included. On error the rule actors are returned unchanged.
func (l *LLM) Facts(ctx context.Context, a sangbad.Article, an *sangbad.Analysis) ([]sangbad.Actor, sangbad.Usage, error) {
	var usage sangbad.Usage
	var rule []sangbad.Actor
	language := ""
	var sents []sangbad.Span
	if an != nil {
		rule, sents = an.Facts.Actors, an.Sentences
		if c := an.Language.Code; c != "und" {
			language = c
		}
	}
	if !l.factsOn || strings.TrimSpace(a.Text) == "" {
		return rule, usage, nil
	}
	known := make([]string, 0, len(rule))
	for _, r := range rule {
		s := r.Name + " (" + r.Type + ")"
		if r.Role != "" {
			s += ", " + r.Role
		}
		known = append(known, normalizeText(s))
	}
	var found []llmActor
	norm := normalizeText(a.Text)
	ix := segment.NewIndex(a.Text)
	for _, chunk := range l.factChunks(a.Text, sents) {
		in := prompts.FactsInput{Title: a.Title, Text: chunk, Language: language, KnownActors: known}
		if language == "" {
			in.LanguageName = "its own language"
		}
		p, err := prompts.Facts(in)
		if err != nil {
			return rule, usage, sangbad.WrapError(sangbad.Internal, err, "build the facts prompt")
		}
		c, err := l.c.Generate(ctx, sangbad.CompletionRequest{
			Task: p.Task, System: p.System, User: p.User, SchemaName: p.SchemaName, Schema: p.Schema,
			MaxTokens: l.maxTokens, PromptVersion: p.Version,
			CacheKey: cacheKey("sangbad-facts", p.Version, normalizeText(a.Title), normalizeText(chunk), language, strings.Join(known, "\n")),
		})
		usage.Add(c.Usage)
		if err != nil {
			return rule, usage, fmt.Errorf("facts call: %w", err)
		}
		raw := c.JSON
		if len(raw) == 0 {
			raw = json.RawMessage(extractObject(c.Content))
		}
		var ans factsAnswer
		if err := json.Unmarshal(raw, &ans); err != nil {
			return rule, usage, &sangbad.Error{Kind: sangbad.BadOutput, Code: "llm_bad_output", Message: "the model's facts were not the expected JSON", Err: err}
		}
		for _, fa := range ans.Actors {
			name := strings.TrimSpace(fa.Name)
			switch fa.Type {
			case sangbad.ActorPerson, sangbad.ActorOrganization, sangbad.ActorPlace:
			default:
				continue
			}
			if name == "" {
				continue
			}
			la := llmActor{name: name, typ: fa.Type, role: strings.TrimSpace(fa.Role), mentions: findName(a.Text, ix, name)}
			if la.role != "" {
				q := normalizeText(fa.Quote)
				quoteFound := q != "" && strings.Contains(norm, q)
				la.roleFound = strings.Contains(norm, normalizeText(la.role)) || quoteFound && strings.Contains(q, name)
			}
			found = append(found, la)
		}
		l.log.LogAttrs(ctx, slog.LevelDebug, "llm facts", slog.String("id", a.ID), slog.Int("actors", len(ans.Actors)), slog.Int("relations", len(ans.Relations)))
	}
	return mergeActors(rule, found), usage, nil
}

// factChunks splits an article over the context budget at paragraph and
// sentence boundaries.
func (l *LLM) factChunks(text string, sents []sangbad.Span) []string {
	if estimateTokens(text) <= l.budget || len(sents) < 2 {
		return []string{text}
	}
	toks := make([]int, len(sents))
	for i, s := range sents {
		toks[i] = estimateTokens(s.Text)
	}
	ix := segment.NewIndex(text)
	var out []string
	for _, g := range groupUnits(toks, paragraphBreaks(text, sents), l.budget) {
		out = append(out, ix.Slice(sents[g[0]].Start, sents[g[1]-1].End))
	}
	return out
}

// findName returns the mentions of name in text: occurrences that start at
// a word boundary and end at one, or (Bengali names) continue with a short
// case ending, which the mention's Surface then covers.
func findName(text string, ix *segment.Index, name string) []sangbad.Mention {
	var out []sangbad.Mention
	last, _ := utf8.DecodeLastRuneInString(name)
	bengali := unicode.Is(unicode.Bengali, last)
	for from := 0; from < len(text); {
		k := strings.Index(text[from:], name)
		if k < 0 {
			break
		}
		bs := from + k
		be := bs + len(name)
		from = be
		if r, _ := utf8.DecodeLastRuneInString(text[:bs]); bs > 0 && wordRune(r) {
			continue
		}
		end := be
		n := 0
		for end < len(text) {
			r, size := utf8.DecodeRuneInString(text[end:])
			if !wordRune(r) {
				break
			}
			end += size
			n++
		}
		m := sangbad.Mention{Span: ix.Span(bs, be)}
		if n > 0 {
			if !bengali || n > maxBengaliSuffix {
				continue
			}
			s := ix.Span(bs, end)
			m.Surface = &s
		}
		out = append(out, m)
	}
	return out
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// mergeActors adds the model's actors to the rule actors (see Facts).
func mergeActors(rule []sangbad.Actor, found []llmActor) []sangbad.Actor {
	out := make([]sangbad.Actor, len(rule))
	next := 1
	for i, a := range rule {
		a.Aliases = slices.Clone(a.Aliases)
		a.Mentions = slices.Clone(a.Mentions)
		out[i] = a
		if n, err := strconv.Atoi(strings.TrimPrefix(a.ID, "a")); err == nil && n >= next {
			next = n + 1
		}
	}
	taken := func(s sangbad.Span) bool {
		for _, a := range out {
			for _, m := range a.Mentions {
				if m.Start < s.End && s.Start < m.End {
					return true
				}
			}
		}
		return false
	}
	for _, f := range found {
		var fresh []sangbad.Mention
		for _, m := range f.mentions {
			if !taken(m.Span) {
				fresh = append(fresh, m)
			}
		}
		i := slices.IndexFunc(out, func(a sangbad.Actor) bool { return sameActor(a, f.name) })
		if i < 0 && len(f.mentions) > 0 && len(fresh) == 0 {
			// Every occurrence is already another actor's mention (a
			// longer or differently typed name): nothing new.
			continue
		}
		if i >= 0 {
			a := &out[i]
			if a.Role == "" && f.roleFound {
				a.Role = f.role
			}
			otherScript := isBengaliName(f.name) != isBengaliName(a.Name)
			if (otherScript || facts.NameKey(f.name) != facts.NameKey(a.Name)) && f.name != a.Name && !slices.Contains(a.Aliases, f.name) && !hasMention(*a, f.name) {
				a.Aliases = append(a.Aliases, f.name)
			}
			a.Mentions = append(a.Mentions, fresh...)
			slices.SortFunc(a.Mentions, func(x, y sangbad.Mention) int { return x.Start - y.Start })
			continue
		}
		a := sangbad.Actor{ID: "a" + strconv.Itoa(next), Name: f.name, Type: f.typ, Source: "llm", Mentions: fresh}
		next++
		if f.roleFound || len(fresh) == 0 {
			a.Role = f.role
		}
		if len(fresh) == 0 {
			a.Unverified = true
			a.Mentions = []sangbad.Mention{}
		}
		out = append(out, a)
	}
	return out
}

// sameActor reports whether name names actor a: the same name across
// scripts, or one of its aliases or mention texts.
func sameActor(a sangbad.Actor, name string) bool {
	if facts.SameName(a.Name, name) || hasMention(a, name) {
		return true
	}
	for _, al := range a.Aliases {
		if facts.SameName(al, name) {
			return true
		}
	}
	return false
}

// isBengaliName reports whether name is written in Bengali script (its
// first letter is).
func isBengaliName(name string) bool {
	for _, r := range name {
		if unicode.IsLetter(r) {
			return unicode.Is(unicode.Bengali, r)
		}
	}
	return false
}

func hasMention(a sangbad.Actor, name string) bool {
	for _, m := range a.Mentions {
		if m.Text == name || m.Surface != nil && m.Surface.Text == name {
			return true
		}
	}
	return false
}
