//go:build !unix

package xlsxtest

import "time"

// CPUTime is zero where the process's CPU time is not known: the tests
// then bound the time on the clock alone.
func CPUTime() time.Duration { return 0 }
