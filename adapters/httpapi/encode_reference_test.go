package httpapi

import (
	"encoding/hex"
	"time"

	"github.com/vnreentry/credit/records"
)

// The answers of the listings as values, encoded by encoding/json: the
// reference the appended answers are compared with, byte for byte
// (encode_listings_test.go). The server no longer builds them.

// entryJSON is an audit entry as GET /v1/audit shows it; hashes in
// lower-case hexadecimal.
type entryJSON struct {
	Seq        int64     `json:"seq"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id"`
	Role       string    `json:"role"`
	Action     string    `json:"action"`
	Resource   string    `json:"resource"`
	ResourceID string    `json:"resource_id"`
	Outcome    string    `json:"outcome"`
	RequestID  string    `json:"request_id"`
	PrevHash   string    `json:"prev_hash"`
	Hash       string    `json:"hash"`
}

// auditResponse is the 200 body of GET /v1/audit.
type auditResponse struct {
	Entries []entryJSON `json:"entries"`
}

// newEntryJSON is an entry as GET /v1/audit shows it.
func newEntryJSON(e *records.Entry) entryJSON {
	return entryJSON{Seq: e.Seq, At: e.At.UTC(), UserID: e.UserID, Role: e.Role, Action: e.Action, Resource: e.Resource,
		ResourceID: e.ResourceID, Outcome: e.Outcome, RequestID: e.RequestID,
		PrevHash: hex.EncodeToString(e.PrevHash), Hash: hex.EncodeToString(e.Hash)}
}

// listingAnswer is a page of a listing: the records under their plural
// name, and next_after when a page follows.
func listingAnswer[T any](name string, rows []T, next int64) map[string]any {
	out := map[string]any{name: rows}
	if next > 0 {
		out["next_after"] = next
	}
	return out
}
