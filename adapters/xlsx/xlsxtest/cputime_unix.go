//go:build unix

package xlsxtest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time this process has used, user and system: a
// measure of work that other processes on a shared machine do not
// stretch, as they stretch the time on the clock.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
