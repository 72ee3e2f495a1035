package httpapi

import (
	"context"
	"iter"

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
// (409), records.ErrStale (412), records.ErrIdempotencyMismatch (422), a
// *workflow.Error (by its code: forbidden 403, invalid_transition and
// same_person 409, note_required 422), and credit.Problems (422, with
// pointers into the request). Another error is a 500 whose cause goes to
// the log only.
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

	// The documents of the monthly round: Mẫu 01 lists and Mẫu 02 plans
	// (kind records.KindList, records.KindPlan). Versions and steps are
	// only ever appended; every change commits with its step and its audit
	// entry (never a body) in one transaction.

	// CreateDocument stores a new draft (Version 1, Status "draft") with
	// its creation step and audit entry (action access.ListCreate or
	// PlanCreate, resource "list" or "plan", the document's id). With
	// idem.Key set, a second call with the same key and user and the same
	// RequestHash returns the document as first created (same ID, the
	// version it had) and changes nothing; with another RequestHash,
	// records.ErrIdempotencyMismatch.
	CreateDocument(ctx context.Context, a records.Actor, idem records.Idempotency, d records.Document) (records.Document, error)
	// Document returns the current version (version 0) or the given one;
	// records.ErrNotFound when there is none.
	Document(ctx context.Context, kind string, id int64, version int) (records.Document, error)
	// Documents lists the current versions in scope matching f, without
	// Body, ordered by id; nothing for an Empty scope.
	Documents(ctx context.Context, kind string, scope access.Scope, f records.DocumentFilter) ([]records.Document, error)
	// EditDocument replaces the body of a draft or returned document
	// whose current version is ifVersion: records.ErrStale when it is not
	// (412); the *workflow.Error of workflow.Edit when the status is not
	// editable (409); otherwise a new version, with its step and audit
	// entry (action list.edit or plan.edit).
	EditDocument(ctx context.Context, a records.Actor, kind string, id int64, ifVersion int, body []byte) (records.Document, error)
	// TransitionDocument applies workflow.Apply to the current document,
	// locked, and then check (when not nil; the HTTP side passes the full
	// validation of a submit): an error of either aborts with nothing
	// written. Otherwise it records the step and the audit entry (action
	// the kind's access.Action for t) and returns the document after it.
	// Idempotency as for CreateDocument: the same key and hash again
	// returns the document as the first call left it.
	TransitionDocument(ctx context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, t string, note string, check func(records.Document) error) (records.Document, error)
	// History returns the document's steps in order.
	History(ctx context.Context, kind string, id int64) ([]records.Step, error)

	// Applications, loans and repayments (records-v1.md, "Applications,
	// loans, repayments").

	// ReceiveDocument is TransitionDocument for "receive" that also, in
	// the same transaction, inserts the applications screen returns for
	// the document as received (one per row of a list, one for a plan),
	// with their person keys (same order; "" for a plan): hex
	// HMAC-SHA-256 of the person's ID number under the server's secret,
	// so that the store never holds the number. An error of screen aborts
	// everything. The store fills ID, DocumentID, Kind, Commune, Province,
	// Period and CreatedAt. Idempotency as TransitionDocument.
	ReceiveDocument(ctx context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, note string,
		screen func(records.Document) ([]records.Application, []string, error)) (records.Document, error)
	// Applications lists the applications in scope matching f, ordered by
	// id, SharedWith filled (the other communes whose lists of the same
	// period hold the same person key); nothing for an Empty scope.
	Applications(ctx context.Context, scope access.Scope, f records.ApplicationFilter) ([]records.Application, error)
	// Application returns one application, SharedWith filled;
	// records.ErrNotFound when there is none.
	Application(ctx context.Context, id int64) (records.Application, error)
	// Decide records a decision on an undecided application (a
	// *records.ConflictError "already_decided" otherwise) with its audit
	// entry (application.decide); an approval (loan not nil) also creates
	// the loan, returned, in the same transaction. The HTTP side has
	// checked the decision against the stored screening and the book.
	// Idempotency as CreateDocument: the retry returns what the first call
	// made.
	Decide(ctx context.Context, a records.Actor, idem records.Idempotency, appID int64, d records.Decision, loan *records.Loan) (records.Application, *records.Loan, error)
	// Loan returns a loan and its payments in the order recorded;
	// records.ErrNotFound when there is none.
	Loan(ctx context.Context, id int64) (records.Loan, []records.Payment, error)
	// Loans lists the loans in scope matching f, ordered by id; nothing
	// for an Empty scope.
	Loans(ctx context.Context, scope access.Scope, f records.LoanFilter) ([]records.Loan, error)
	// AddPayment appends a payment (never edits one) with its audit entry
	// (loan.pay); closes, when not nil, is asked in the same transaction,
	// with the loan locked and all its payments, the day the loan closes
	// (zero: not yet). A payment on a closed loan: *records.ConflictError
	// "loan_closed". Idempotency as CreateDocument.
	AddPayment(ctx context.Context, a records.Actor, idem records.Idempotency, loanID int64, p records.Payment, closes records.Closing) (records.Payment, error)
	// ImportLoans loads VBSP's loan book on asOf (loans checked by the
	// HTTP side: the book's rules, the communes, the scope) in one
	// transaction with its audit entry (loan.import), idempotent by
	// LoanID; a loan stored with other values of what it is refuses the
	// whole import with credit.Problems at /loans/i/<field>. loans may be
	// ranged more than once.
	ImportLoans(ctx context.Context, a records.Actor, asOf credit.Date, loans iter.Seq2[int, records.BookedLoan]) (records.LoanImport, error)

	// Reports from the store (records-v1.md, "Reports from the store").

	// EachDocument streams the current version (with Body) of every
	// document of kind in scope matching f, ordered by id, to fn; fn's
	// error stops it and is returned. fn must not call the store.
	EachDocument(ctx context.Context, kind string, scope access.Scope, f records.DocumentFilter, fn func(records.Document) error) error
	// EachLoan streams every loan in scope matching f with its payments
	// (in the order recorded), ordered by id, to fn; fn's error stops it
	// and is returned. fn must not call the store.
	EachLoan(ctx context.Context, scope access.Scope, f records.LoanFilter, fn func(records.Loan, []records.Payment) error) error
	// EachBookedLoan streams every loan loaded from VBSP's book in scope,
	// ordered by id, with its latest position on or before asOf (zero when
	// none), to fn; fn's error stops it and is returned. fn must not call
	// the store.
	EachBookedLoan(ctx context.Context, scope access.Scope, asOf credit.Date, fn func(records.BookedLoan) error) error
	// RecordCompletion appends a completion of a task of the provincial
	// plan with its audit entry (action plan.complete, resource
	// "plan_task"); the store fills Seq, RecordedBy and At. Idempotency as
	// CreateDocument. Completions returns them all, in order.
	RecordCompletion(ctx context.Context, a records.Actor, idem records.Idempotency, c records.Completion) (records.Completion, error)
	Completions(ctx context.Context) ([]records.Completion, error)
}
