package records

import (
	"errors"
	"time"
)

// Kinds of documents of the monthly round.
const (
	KindList = "list" // Mẫu số 01
	KindPlan = "plan" // Mẫu số 02
)

// ErrStale: the document changed since the version the caller named
// (If-Match): 412.
var ErrStale = errors.New("records: the document has changed since that version")

// ErrIdempotencyMismatch: an Idempotency-Key used before with another
// request: 422.
var ErrIdempotencyMismatch = errors.New("records: the idempotency key was used with another request")

// Document is one version of a Mẫu 01 list or a Mẫu 02 plan as the store
// keeps it. Body is the form as JSON, exactly as the API reads and writes
// it (the store does not look inside, beyond what the header fields below
// were taken from); it holds personal data and is never audited.
type Document struct {
	ID       int64
	Kind     string // KindList or KindPlan
	Commune  string // five-digit commune code
	Province string // two-digit code of the commune's province
	Period   string // YYYY-MM of a list; "" for a plan
	Status   string // a workflow.Status
	Version  int    // 1 on creation; +1 on every edit (never on a transition)
	Body     []byte
	// CreatedBy and SubmittedBy are user ids; SubmittedBy is the user of
	// the last submit, 0 before any.
	CreatedBy   int64
	SubmittedBy int64
	CreatedAt   time.Time
	UpdatedAt   time.Time // of the last edit or transition
	// FirstSubmittedAt is the time of the document's first submit (nil
	// before any): when a commune sent its list, however often it came
	// back. Filled by the store's walks for reports (EachDocument), not by
	// every read.
	FirstSubmittedAt *time.Time
}

// Step is one transition of a document's history, in order: the creation
// (Status draft, Transition "create"), each edit ("edit", with the
// Version it made) and each workflow transition.
type Step struct {
	Transition string // "create", "edit", or a workflow.Transition
	Status     string // the status after the step
	Version    int
	At         time.Time
	UserID     int64
	Role       string
	Note       string
}

// DocumentFilter narrows a listing; zero fields do not filter.
type DocumentFilter struct {
	Period  string
	Commune string
	Status  string
	Page
}

// Page is a window of a listing in order of id: the records after After
// (0: from the first), at most Limit of them (0, or more than the
// listing's most: that most). The walks of the reports (EachDocument,
// EachLoan) read every record and do not look at it.
type Page struct {
	After int64
	Limit int
}

// Size is the most records of the page, of a listing of at most max.
func (p Page) Size(max int) int {
	if p.Limit <= 0 || p.Limit > max {
		return max
	}
	return p.Limit
}

// Idempotency names a creating or acting request so that its retry is
// answered, not done again: the caller's key (the Idempotency-Key header),
// the user, and a hash of what was asked (method, path and body). Zero
// Key: not idempotent.
type Idempotency struct {
	Key         string
	UserID      int64
	RequestHash [32]byte
}
