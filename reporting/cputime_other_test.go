//go:build !unix

package reporting_test

import "time"

// pfCPUTime is not known here: 0.
func pfCPUTime() time.Duration { return 0 }
