package web

import (
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// keyLimits holds a token bucket and an in-flight count per caller. Idle
// callers are swept when the table grows, so client addresses cannot grow
// it without bound.
type keyLimits struct {
	rate        rate.Limit
	burst       int
	concurrency int

	mu      sync.Mutex
	callers map[string]*caller
	sweepAt int
}

type caller struct {
	limiter  *rate.Limiter
	inFlight int
	lastSeen time.Time
}

const (
	sweepMinSize = 4096
	idleAfter    = 10 * time.Minute
)

func newKeyLimits(perSecond float64, burst, concurrency int) *keyLimits {
	l := &keyLimits{burst: burst, concurrency: concurrency, callers: map[string]*caller{}, sweepAt: sweepMinSize}
	if perSecond > 0 {
		l.rate = rate.Limit(perSecond)
	}
	return l
}

func (l *keyLimits) enabled() bool { return l.rate > 0 || l.concurrency > 0 }

// acquire admits one request of key at now. When refused it returns how
// long to wait and a message naming the limit; otherwise a release func.
func (l *keyLimits) acquire(key string, now time.Time) (release func(), wait time.Duration, why string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.callers[key]
	if c == nil {
		l.sweep(now)
		c = &caller{}
		if l.rate > 0 {
			c.limiter = rate.NewLimiter(l.rate, l.burst)
		}
		l.callers[key] = c
	}
	c.lastSeen = now
	if l.concurrency > 0 && c.inFlight >= l.concurrency {
		return nil, time.Second, fmt.Sprintf("too many concurrent requests: the limit is %d in flight per API key", l.concurrency)
	}
	if c.limiter != nil {
		r := c.limiter.ReserveN(now, 1)
		if !r.OK() {
			return nil, time.Second, "rate limit exceeded"
		}
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			return nil, d, fmt.Sprintf("rate limit of %g requests per second (burst %d) per API key exceeded; retry after %s",
				float64(l.rate), l.burst, retryAfterSeconds(d)+"s")
		}
	}
	c.inFlight++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			c.inFlight--
			l.mu.Unlock()
		})
	}, 0, ""
}

// sweep drops idle callers once the table has doubled since the last sweep.
func (l *keyLimits) sweep(now time.Time) {
	if len(l.callers) < l.sweepAt {
		return
	}
	for k, c := range l.callers {
		if c.inFlight == 0 && now.Sub(c.lastSeen) > idleAfter {
			delete(l.callers, k)
		}
	}
	l.sweepAt = max(sweepMinSize, 2*len(l.callers))
}
