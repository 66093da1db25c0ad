package facts

import "github.com/sangbad/sangbad"

// TODO(actors helper): replace this file.

type gazetteer struct{}

func loadGazetteer() *gazetteer { return &gazetteer{} }

func (e *Extractor) extractActors(d *doc) []sangbad.Actor { return nil }

func extractQuotes(d *doc, actors []sangbad.Actor) []sangbad.Quote { return nil }
