// Package records holds the vocabulary of the system of record that the
// store (adapters/store) and the HTTP adapter (adapters/httpapi) share:
// who acts (Actor), users and their tokens, the entries of the audit trail
// and their verification, and the errors both sides branch on. It has no
// behaviour beyond the audit chain's hash, which must be computed the same
// way by every engine and by anyone who checks a copy of the trail.
//
// The contract is records-v1.md ("Running it", "Who is who", "The audit
// trail").
package records

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"time"

	"github.com/vnreentry/credit"
)

// Errors the store returns and the HTTP adapter maps to statuses.
var (
	// ErrNotFound: no such record, or none the caller may see (404).
	ErrNotFound = errors.New("records: not found")
	// ErrConflict: the change would break what other records hold (409);
	// a *ConflictError says what.
	ErrConflict = errors.New("records: conflict")
	// ErrUnauthenticated: the bearer token is malformed, unknown, expired
	// or revoked (401). Which of these is never said.
	ErrUnauthenticated = errors.New("records: not authenticated")
	// ErrNewerSchema: the database was written by a newer version of the
	// server; this one refuses to touch it.
	ErrNewerSchema = errors.New("records: the database was written by a newer version")
)

// ConflictError is an ErrConflict with the codes of what is in the way,
// e.g. the communes still referenced by a user. Codes, never names.
type ConflictError struct {
	Code  string   // stable, e.g. "commune_in_use"
	Codes []string // e.g. the commune codes in use
}

func (e *ConflictError) Error() string { return "records: conflict: " + e.Code }
func (e *ConflictError) Unwrap() error { return ErrConflict }

// Actor is who acts, for which request: carried into the audit entry of
// the change.
type Actor struct {
	UserID    int64
	Role      string
	RequestID string
}

// User is a user of the store. Name is the officer's name, personal data
// of a kind: it is never written to the audit trail.
type User struct {
	ID        int64
	Name      string
	Role      string
	Communes  []string // sorted five-digit codes, for the roles scoped to communes
	Province  string   // two-digit code, for the roles scoped to a province
	CreatedAt time.Time
}

// NewUser is what creating a user takes.
type NewUser struct {
	Name     string
	Role     string
	Communes []string
	Province string
}

// Token is a bearer token of a user, as the store keeps it: never the
// token itself, which is shown once when made.
type Token struct {
	ID         int64
	UserID     int64
	ExpiresOn  credit.Date // the last day it works; zero: no expiry
	CreatedAt  time.Time
	RevokedAt  *time.Time
	LastUsedAt *time.Time
}

// Outcomes of audit entries. Stable.
const (
	OutcomeOK              = "ok"
	OutcomeUnauthenticated = "unauthenticated" // 401
	OutcomeForbidden       = "forbidden"       // 403
	OutcomeNotFound        = "not_found"       // 404, also out of scope
	OutcomeInvalid         = "invalid"         // 422
	OutcomeConflict        = "conflict"        // 409
)

// Entry is one entry of the audit trail: who did what to which resource,
// with what outcome, in which request — never a name, an ID number or a
// row.
type Entry struct {
	Seq        int64
	At         time.Time // UTC, microseconds
	UserID     int64     // 0 when no valid token was shown
	Role       string
	Action     string // an access.Action, or e.g. "auth"
	Resource   string // kind: "assessment", "user", "token", "communes", "audit", …
	ResourceID string
	Outcome    string
	RequestID  string
	PrevHash   []byte
	Hash       []byte
}

// ChainDomain starts every hashed message, so that an entry's hash can
// never be mistaken for another kind of SHA-256.
const ChainDomain = "vnreentry/credit audit v1\n"

// HashEntry returns SHA-256(ChainDomain ‖ prev ‖ canonical(e)): the hash
// of e in the chain after an entry whose hash is prev (empty for the first
// entry). The canonical encoding is seq and at (Unix microseconds, UTC)
// and user_id as 8-byte big-endian integers, then role, action, resource,
// resource_id, outcome and request_id, each as a 4-byte big-endian length
// and its bytes. e.PrevHash and e.Hash are not read.
func HashEntry(prev []byte, e *Entry) []byte {
	h := sha256.New()
	h.Write([]byte(ChainDomain))
	h.Write(prev)
	var b [8]byte
	for _, n := range [...]int64{e.Seq, e.At.UTC().UnixMicro(), e.UserID} {
		binary.BigEndian.PutUint64(b[:], uint64(n))
		h.Write(b[:])
	}
	for _, s := range [...]string{e.Role, e.Action, e.Resource, e.ResourceID, e.Outcome, e.RequestID} {
		binary.BigEndian.PutUint32(b[:4], uint32(len(s)))
		h.Write(b[:4])
		h.Write([]byte(s))
	}
	return h.Sum(nil)
}

// Verification is the answer of a check of the whole chain.
type Verification struct {
	Valid   bool
	Entries int64  // entries checked
	Head    []byte // the last entry's hash, when valid
	// FirstBadSeq is the seq of the first entry that does not hold
	// (changed, missing before it, or out of order); 0 when valid.
	FirstBadSeq int64
	Reason      string // e.g. "hash_mismatch", "seq_gap", "prev_mismatch"
}

// Session is a browser session of a user of the officers' pages, kept by
// the store as the hash of its cookie: begun at CreatedAt, ended at
// ExpiresAt at the latest, or sooner when unused for the idle time since
// LastSeenAt, or when revoked. MustChange: the user's password was set by
// an admin and must be changed before anything else.
type Session struct {
	ID         int64
	UserID     int64
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastSeenAt time.Time
	MustChange bool
}
