package facts

import (
	"testing"

	"github.com/sangbad/sangbad"
)

// First-level subdivisions (states, provinces, divisions) are places, not
// organisations.
func TestSubdivisionPlaces(t *testing.T) {
	g, err := parseGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, kind string }{
		{"Florida", "subdivision"}, {"Ohio", "subdivision"}, {"Texas", "subdivision"},
		{"Uttar Pradesh", "subdivision"}, {"Bihar", "subdivision"}, // "Bihār" folded
		{"Ontario", "subdivision"}, {"Queensland", "subdivision"}, {"Guangdong", "subdivision"},
		{"Khyber Pakhtunkhwa", "subdivision"}, {"Sindh", "subdivision"},
		{"Georgia", "country"}, // the country keeps its entry
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.enPlace(tt.name)
			if !ok || p.kind != tt.kind {
				t.Errorf("enPlace(%q) = %+v, %v; want kind %s", tt.name, p, ok, tt.kind)
			}
		})
	}
	if _, ok := g.bnPlaces[""]; ok {
		t.Error("an English-only entry added an empty Bengali name")
	}

	e := New()
	tests := []struct{ text, name string }{
		{"Officials in Florida said the storm had passed.", "Florida"},
		{"The company opened a plant in Ohio last year, its chief executive said.", "Ohio"},
		{"Texas sued the federal government on Monday.", "Texas"},
		{"Floods hit Punjab and Sindh, officials in Islamabad said.", "Sindh"},
		{"The plant in Guangdong will close, the firm said.", "Guangdong"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			f := extractFacts(t, e, tt.text, "en")
			checkOffsets(t, tt.text, f)
			a, ok := findActor(f.Actors, tt.name)
			if !ok || a.Type != sangbad.ActorPlace {
				t.Errorf("actor %q = %+v, %v; want a place", tt.name, a, ok)
			}
		})
	}
}
