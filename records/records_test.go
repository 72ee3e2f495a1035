package records_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"
	"time"

	"github.com/vnreentry/credit/records"
)

func entry(seq int64) records.Entry {
	return records.Entry{Seq: seq, At: time.Date(2026, 12, 2, 1, 2, 3, 456789000, time.UTC), UserID: 7,
		Role: "commune_police", Action: "calculate", Resource: "assessment", Outcome: records.OutcomeOK,
		RequestID: "5968e34989cdec16"}
}

// TestHashEntry: every field is in the hash, the chain links by prev, and
// the encoding is fixed (a known answer, so that another implementation —
// or a later version of this one — can be checked against it).
func TestHashEntry(t *testing.T) {
	e := entry(1)
	h1 := records.HashEntry(nil, &e)
	if got := hex.EncodeToString(h1); got != knownHash {
		t.Errorf("hash of the first entry %s, want %s", got, knownHash)
	}
	for _, tc := range []struct {
		name   string
		change func(e *records.Entry)
	}{
		{"seq", func(e *records.Entry) { e.Seq++ }},
		{"at, a microsecond", func(e *records.Entry) { e.At = e.At.Add(time.Microsecond) }},
		{"user", func(e *records.Entry) { e.UserID = 8 }},
		{"role", func(e *records.Entry) { e.Role = "auditor" }},
		{"action", func(e *records.Entry) { e.Action = "audit.read" }},
		{"resource", func(e *records.Entry) { e.Resource = "schedule" }},
		{"resource id", func(e *records.Entry) { e.ResourceID = "1" }},
		{"outcome", func(e *records.Entry) { e.Outcome = records.OutcomeForbidden }},
		{"request id", func(e *records.Entry) { e.RequestID = "5968e34989cdec17" }},
		// Lengths are encoded: moving a byte from one field to the next changes the hash.
		{"a byte moved between fields", func(e *records.Entry) { e.Role, e.Action = "commune_polic", "ecalculate" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := entry(1)
			tc.change(&c)
			if bytes.Equal(records.HashEntry(nil, &c), h1) {
				t.Error("the hash did not change")
			}
		})
	}
	// A time zone is not a change: at is hashed in UTC.
	local := entry(1)
	local.At = local.At.In(time.FixedZone("ICT", 7*3600))
	if !bytes.Equal(records.HashEntry(nil, &local), h1) {
		t.Error("the same instant in another zone hashes differently")
	}
	// Sub-microsecond detail is not kept by the stores, nor hashed.
	fine := entry(1)
	fine.At = fine.At.Add(999 * time.Nanosecond)
	if !bytes.Equal(records.HashEntry(nil, &fine), h1) {
		t.Error("nanoseconds below a microsecond changed the hash")
	}
	e2 := entry(2)
	if bytes.Equal(records.HashEntry(h1, &e2), records.HashEntry(nil, &e2)) {
		t.Error("the previous hash is not in the hash")
	}
}

// knownHash was computed independently (Python hashlib, struct.pack) from
// the encoding HashEntry documents.
const knownHash = "72fc1403d6da5dd61559e5cb0d0e4f7c2e52b7a45608737e1a5d19c95cfea204"

func TestConflictError(t *testing.T) {
	var err error = &records.ConflictError{Code: "commune_in_use", Codes: []string{"03424"}}
	if !errors.Is(err, records.ErrConflict) {
		t.Error("a ConflictError is not an ErrConflict")
	}
	var ce *records.ConflictError
	if !errors.As(err, &ce) || ce.Codes[0] != "03424" {
		t.Error("errors.As lost the codes")
	}
}
