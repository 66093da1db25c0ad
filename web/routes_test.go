package web

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"
)

// TestRoutesAreDocumented checks that routes.go and openapi.json list the
// same endpoints.
func TestRoutesAreDocumented(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	var routed []string
	for _, r := range NewServer(Deps{}, Config{}).(*gin.Engine).Routes() {
		if r.Method == "HEAD" || strings.HasPrefix(r.Path, "/static/") {
			continue // HEAD mirrors GET; the page's assets are not API
		}
		p := r.Path
		if i := strings.Index(p, ":id"); i >= 0 {
			p = p[:i] + "{id}" + p[i+3:]
		}
		routed = append(routed, r.Method+" "+p)
	}
	slices.Sort(documented)
	slices.Sort(routed)
	if !slices.Equal(documented, routed) {
		t.Errorf("routes and openapi.json differ:\n routes:  %v\n openapi: %v", routed, documented)
	}
}

func TestKeyLimitsSweep(t *testing.T) {
	l := newKeyLimits(1, 1, 2)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	held, _, why := l.acquire("busy", now)
	if why != "" {
		t.Fatal(why)
	}
	for i := range sweepMinSize - 1 { // the table reaches the sweep size
		release, _, why := l.acquire("ip:"+string(rune('a'+i%26))+strings.Repeat("x", i/26), now)
		if why != "" {
			t.Fatal(why)
		}
		release()
	}
	// Much later, a new caller triggers a sweep of the idle ones; the
	// caller with a request in flight stays.
	if _, _, why := l.acquire("new", now.Add(2*idleAfter)); why != "" {
		t.Fatal(why)
	}
	if got := len(l.callers); got != 2 {
		t.Errorf("after the sweep %d callers remain, want 2 (busy, new)", got)
	}
	held()
	held() // a second release is harmless
	if got := l.callers["busy"].inFlight; got != 0 {
		t.Errorf("in flight after release = %d", got)
	}
}
