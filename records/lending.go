package records

import (
	"time"

	"github.com/vnreentry/credit"
)

// Outcomes of a decision on an application (records-v1.md).
const (
	DecisionApproved  = "approved"
	DecisionRefused   = "refused"
	DecisionWithdrawn = "withdrawn"
)

// Statuses of a loan.
const (
	LoanActive = "active"
	LoanClosed = "closed"
)

// Application is one person (a row of a received Mẫu 01 list) or one
// establishment (a received Mẫu 02 plan) asking to borrow, with its
// screening stored exactly as it was decided on the day of receipt: a
// later change of the rules never rewrites it.
type Application struct {
	ID         int64
	DocumentID int64  // the list or plan it came from
	Kind       string // KindList or KindPlan
	Row        int    // 0-based row of the list; 0 for a plan
	Commune    string
	Province   string
	Period     string
	// Verdict is the screening's decision: "eligible", "incomplete" or
	// "ineligible"; RulesVersion the parameter book that decided.
	Verdict      string
	RulesVersion string
	// Screening is the assessment as JSON, exactly as POST /v1/assessments
	// answers it for the row on the list's prepared_on, in the commune's
	// province. It names no person (the assessment holds no name), but it
	// is a record of a person with a criminal record: personal data.
	Screening []byte
	// SharedWith lists the other communes that listed the same person in
	// the same period (by where, never by number); empty when none.
	SharedWith []string
	// Decision is "" until decided, then a Decision* outcome.
	Decision  string
	Note      string
	DecidedBy int64
	DecidedAt *time.Time
	LoanID    int64 // the loan an approval made; 0 otherwise
	CreatedAt time.Time
}

// ApplicationFilter narrows a listing of applications; zero fields do not
// filter.
type ApplicationFilter struct {
	DocumentID int64
	Decision   string // "pending" for undecided ones
	Page
}

// Decision is what an officer decides on an application. For an approval
// the loan's terms; for a refusal a note.
type Decision struct {
	Outcome              string
	Note                 string
	Amount               credit.VND
	TermMonths           int
	PrincipalEveryMonths int
	DisbursedOn          credit.Date
	Channel              string // e.g. the mass organisation entrusted
	CapitalSource        string // e.g. "central", "local_budget"
}

// Loan is a loan made by an approval: its contract (as lending.Loan needs
// it) and where it sits. Payments are kept apart, append-only.
type Loan struct {
	ID                   int64
	ApplicationID        int64
	Commune              string
	Province             string
	Purpose              string // credit.Purpose's name
	Amount               credit.VND
	DisbursedOn          credit.Date
	TermMonths           int
	PrincipalEveryMonths int
	CourseMonths         int
	Channel              string
	CapitalSource        string
	Status               string // LoanActive or LoanClosed
	ClosedOn             credit.Date
	CreatedBy            int64
	CreatedAt            time.Time
}

// Payment is a repayment recorded against a loan.
type Payment struct {
	LoanID     int64
	Seq        int // 1, 2, … in the order recorded
	On         credit.Date
	Amount     credit.VND
	RecordedBy int64
	At         time.Time
}

// Closing decides, from a loan and all its payments (the one being
// recorded last), the day the loan closes: the zero Date while something
// is still owed. The store calls it inside the payment's transaction,
// with the loan locked, so that two payments recorded at once that
// together repay the loan close it.
type Closing func(l Loan, ps []Payment) credit.Date

// LoanFilter narrows a listing of loans; zero fields do not filter.
type LoanFilter struct {
	Commune string
	Status  string
	Page
}

// Completion records that a task of the provincial plan was done: the
// task's id (reporting.Task.ID), the occurrence of a recurring task (its
// due day; zero for a one-off), and the day it was done.
type Completion struct {
	Seq        int64
	TaskID     string
	Occurrence credit.Date
	DoneOn     credit.Date
	RecordedBy int64
	At         time.Time
}

// BookedLoan is a loan VBSP made outside the store, loaded from its
// loan-book export (the CSV of /v1/reports/portfolio, reporting.Loan's
// values), with what it owed on the export's day. What the loan is
// (LoanID to Amount) never changes once loaded; what it owed is a
// position of its own for each export's day (Position).
type BookedLoan struct {
	ID            int64  // the store's
	LoanID        string // VBSP's loan_id: one loan in the store
	Commune       string
	Province      string // the commune's, from the store's catalogue
	BorrowerKind  string // reporting.BorrowerKind's name
	Purpose       string // credit.Purpose's name
	CapitalSource string // reporting.CapitalSource's name
	Channel       string // reporting.Channel's name
	DisbursedOn   credit.Date
	Amount        credit.VND
	ImportID      int64 // the import that first loaded it
	Position      Position
}

// Position is what a booked loan owed on the day of an export (AsOf), as
// the export said: Outstanding of its Amount, Overdue of Outstanding, and
// the jobs the loan made. A zero AsOf is no position known.
type Position struct {
	AsOf                 credit.Date
	Outstanding, Overdue credit.VND
	Jobs                 int
	ImportID             int64 // the import that said it
}

// LoanImport is one loading of a loan book: the day of its export, how
// many loans it held, how many of them were new to the store (Created)
// and how many had figures new for that day (Positions; the others were
// loaded before exactly so).
type LoanImport struct {
	ID         int64
	AsOf       credit.Date
	Loans      int
	Created    int
	Positions  int
	ImportedBy int64
	At         time.Time
}
