package web

import (
	"sync"
	"time"
)

// throttle counts failed sign-ins by key (a login, a client address) and
// refuses a key with MaxFailures failures within the window, until the
// oldest leaves it. It holds at most maxKeys keys: when full, keys whose
// failures have all left the window go first, then the oldest. In memory,
// per process: several servers each count their own (issue 15 shares
// them).
type throttle struct {
	mu      sync.Mutex
	fails   map[string][]time.Time
	max     int
	window  time.Duration
	maxKeys int
}

// Throttling of failed sign-ins.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
)

func newThrottle() *throttle {
	return &throttle{fails: map[string][]time.Time{}, max: MaxFailures, window: FailureWindow, maxKeys: 100_000}
}

// recent are key's failures still in the window at now.
func (t *throttle) recent(key string, now time.Time) []time.Time {
	fs := t.fails[key]
	i := 0
	for i < len(fs) && now.Sub(fs[i]) >= t.window {
		i++
	}
	return fs[i:]
}

// blocked reports whether any of keys has MaxFailures failures in the
// window.
func (t *throttle) blocked(now time.Time, keys ...string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		if len(t.recent(k, now)) >= t.max {
			return true
		}
	}
	return false
}

// fail counts a failure of each of keys.
func (t *throttle) fail(now time.Time, keys ...string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, k := range keys {
		fs := append(t.recent(k, now), now)
		if len(fs) > t.max {
			fs = fs[len(fs)-t.max:]
		}
		if _, known := t.fails[k]; !known && len(t.fails) >= t.maxKeys {
			t.evict(now)
		}
		t.fails[k] = fs
	}
}

// forget drops key's failures (a sign-in that succeeded).
func (t *throttle) forget(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.fails, key)
}

// evict makes room: keys with nothing in the window, or else the one with
// the oldest latest failure.
func (t *throttle) evict(now time.Time) {
	var oldest string
	var at time.Time
	for k, fs := range t.fails {
		if len(t.recent(k, now)) == 0 {
			delete(t.fails, k)
			continue
		}
		if last := fs[len(fs)-1]; oldest == "" || last.Before(at) {
			oldest, at = k, last
		}
	}
	if len(t.fails) >= t.maxKeys && oldest != "" {
		delete(t.fails, oldest)
	}
}
