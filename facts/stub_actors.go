package facts

import "github.com/sangbad/sangbad"

// TODO(actors helper): replace this file.

type gazetteer struct{}

func loadGazetteer() *gazetteer { return &gazetteer{} }

func (e *Extractor) extractActors(d *doc) []sangbad.Actor { return nil }

func extractQuotes(d *doc, actors []sangbad.Actor) []sangbad.Quote { return nil }

// NameKey returns a script-neutral key for a name, so that the same name
// written in Latin and Bengali script ("TikTok", "টিকটক") gets equal or
// near keys. Case suffixes of Bengali are stripped first.
func NameKey(name string) string { return name }

// SameName reports whether a and b are the same name, across scripts.
func SameName(a, b string) bool { return NameKey(a) == NameKey(b) }
