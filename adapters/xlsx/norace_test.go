//go:build !race

package xlsx_test

// raceEnabled skips the slowest tests under the race detector.
const raceEnabled = false
