//go:build unix

package reporting_test

import (
	"syscall"
	"time"
)

// pfCPUTime is the CPU time the process has used (user and system), so
// that a benchmark's ratios leave out the time other processes of a shared
// machine held the CPU.
func pfCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
