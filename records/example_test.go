package records_test

import (
	"encoding/hex"
	"fmt"
	"time"

	"github.com/vnreentry/credit/records"
)

// Anyone holding a copy of the audit trail can check it: each entry's hash
// covers the previous one.
func ExampleHashEntry() {
	at := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	var prev []byte
	for seq, action := range []string{"calculate", "users.manage"} {
		e := records.Entry{Seq: int64(seq + 1), At: at, UserID: 1, Role: "admin", Action: action,
			Resource: "user", Outcome: records.OutcomeOK}
		prev = records.HashEntry(prev, &e)
		fmt.Println(e.Seq, hex.EncodeToString(prev)[:16])
	}
	// Output:
	// 1 c0959d02b3370920
	// 2 4da0bc5eca94e3bb
}
