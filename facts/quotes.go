package facts

import "github.com/sangbad/sangbad"

func extractQuotes(d *doc, actors []sangbad.Actor) []sangbad.Quote { return nil }
