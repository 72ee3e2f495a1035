package httpapi

import (
	"context"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// Records is what the server needs of the store (examples/server passes a
// *store.Store). A business change (ReplaceCommunes, CreateUser,
// CreateToken, RevokeToken) commits with its audit entry, made from the
// Actor, in one transaction; Append records what changes nothing — a
// calculation, a read of personal data, a refused or failed attempt — and
// returns only once the entry is durable.
//
// The errors the server branches on are records.ErrUnauthenticated (401),
// records.ErrNotFound (404), records.ErrConflict and *records.ConflictError
// (409), and credit.Problems (422, with pointers into the request). Another
// error is a 500 whose cause goes to the log only.
type Records interface {
	// Authenticate checks a bearer token, the text after "Bearer ".
	Authenticate(ctx context.Context, token string) (access.Principal, error)
	// Append appends one audit entry; Seq, PrevHash and Hash are the
	// store's to fill in.
	Append(ctx context.Context, e records.Entry) error
	Communes(ctx context.Context) (*places.Catalogue, error)
	ReplaceCommunes(ctx context.Context, a records.Actor, communes []places.Commune) error
	CreateUser(ctx context.Context, a records.Actor, u records.NewUser) (records.User, error)
	User(ctx context.Context, id int64) (records.User, error)
	Users(ctx context.Context) ([]records.User, error)
	// CreateToken makes a token for the user and returns it once, as the
	// second result; the store keeps only its hash.
	CreateToken(ctx context.Context, a records.Actor, userID int64, expiresOn credit.Date) (records.Token, string, error)
	RevokeToken(ctx context.Context, a records.Actor, tokenID int64) error
	Audit(ctx context.Context, after int64, limit int) ([]records.Entry, error)
	Verify(ctx context.Context) (records.Verification, error)
	// Checkpoint returns a signed note of the chain's head. With no key
	// configured it returns an error wrapping errors.ErrUnsupported (501).
	Checkpoint(ctx context.Context) ([]byte, error)
}
