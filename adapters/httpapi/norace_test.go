//go:build !race

package httpapi_test

// raceEnabled skips the slowest tests under the race detector.
const raceEnabled = false
