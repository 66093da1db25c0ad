package batch

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain checks that no test leaves goroutines behind: workers, the
// embedded server and the service all stop when asked.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
