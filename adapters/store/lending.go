package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// Codes of the *records.ConflictError of deciding and paying. Stable.
const (
	CodeAlreadyDecided = "already_decided" // the application was decided before
	CodeLoanClosed     = "loan_closed"     // the loan is closed: it takes no payment
)

// Audit resources of the lending records.
const (
	ResourceApplication = "application"
	ResourceLoan        = "loan"
	ResourcePayment     = "payment"
)

// MaxApplications and MaxLoans are the most rows Applications and Loans
// return.
const (
	MaxApplications = 10000
	MaxLoans        = 100000
)

// maxShortText bounds a loan's purpose, channel and capital source and an
// application's rules version, in bytes.
const maxShortText = 200

// keyUsedBy returns records.ErrIdempotencyMismatch when the key is
// recorded in table (document_idempotency, record_idempotency or
// completion_idempotency): one key, one request, whatever it did.
func (s *Store) keyUsedBy(ctx context.Context, tx *sql.Tx, table string, idem records.Idempotency) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM `+table+` WHERE user_id = $1 AND key = $2`, idem.UserID, idem.Key).Scan(&one)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil
	case err != nil:
		return fmt.Errorf("store: idempotency key: %w", err)
	}
	return records.ErrIdempotencyMismatch
}

// recordHit is what a key of a decision or a payment recorded.
type recordHit struct {
	resource string
	id       int64
	seq      int
}

// recordLookup reads the key of a decision or a payment in tx: found is
// false when the key is new; records.ErrIdempotencyMismatch when it was
// used for another request (of any kind).
func (s *Store) recordLookup(ctx context.Context, tx *sql.Tx, idem records.Idempotency) (h recordHit, found bool, err error) {
	if idem.Key == "" {
		return recordHit{}, false, nil
	}
	var hash []byte
	err = tx.QueryRowContext(ctx, `SELECT request_hash, resource, resource_id, seq FROM record_idempotency
		WHERE user_id = $1 AND key = $2`, idem.UserID, idem.Key).Scan(&hash, &h.resource, &h.id, &h.seq)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		for _, table := range [...]string{"document_idempotency", "completion_idempotency"} {
			if err := s.keyUsedBy(ctx, tx, table, idem); err != nil {
				return recordHit{}, false, err
			}
		}
		return recordHit{}, false, nil
	case err != nil:
		return recordHit{}, false, fmt.Errorf("store: idempotency key: %w", err)
	case !bytes.Equal(hash, idem.RequestHash[:]):
		return recordHit{}, false, records.ErrIdempotencyMismatch
	}
	return h, true, nil
}

func (s *Store) recordKey(ctx context.Context, tx *sql.Tx, idem records.Idempotency, h recordHit, at time.Time) error {
	if idem.Key == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO record_idempotency (user_id, key, request_hash, resource, resource_id, seq, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, idem.UserID, idem.Key, idem.RequestHash[:], h.resource, h.id, h.seq, s.d.timeArg(at))
	if err != nil {
		return fmt.Errorf("store: idempotency key: %w", err)
	}
	return nil
}

// validPersonKey reports whether k is a person key: 64 lower-case hex
// digits (an HMAC-SHA-256), never an ID number.
func validPersonKey(k string) bool {
	if len(k) != 64 {
		return false
	}
	for i := range len(k) {
		if c := k[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

func shortText(v string) bool { return len(v) <= maxShortText && credit.ValidText(v) }

// checkScreened refuses what screen returned that the store cannot keep:
// mistakes of the caller, not of its users.
func checkScreened(d records.Document, apps []records.Application, keys []string) error {
	if len(keys) != len(apps) {
		return fmt.Errorf("store: screen returned %d applications and %d person keys", len(apps), len(keys))
	}
	if d.Kind == records.KindPlan && len(apps) > 1 {
		return errors.New("store: a plan makes one application")
	}
	rows := make(map[int]bool, len(apps))
	for i, ap := range apps {
		switch {
		case ap.Row < 0 || (d.Kind == records.KindPlan && ap.Row != 0):
			return fmt.Errorf("store: application %d: row %d", i, ap.Row)
		case rows[ap.Row]:
			return fmt.Errorf("store: application %d: row %d twice", i, ap.Row)
		case ap.Verdict != "eligible" && ap.Verdict != "incomplete" && ap.Verdict != "ineligible":
			return fmt.Errorf("store: application %d: verdict %q", i, ap.Verdict)
		case ap.RulesVersion == "" || !shortText(ap.RulesVersion):
			return fmt.Errorf("store: application %d: a rules version must be short valid text", i)
		case len(bytes.TrimSpace(ap.Screening)) == 0 || !json.Valid(ap.Screening):
			return fmt.Errorf("store: application %d: the screening must be JSON", i)
		case keys[i] != "" && (d.Kind == records.KindPlan || !validPersonKey(keys[i])):
			return fmt.Errorf("store: application %d: a person key is 64 lower-case hex digits, and a plan has none", i)
		}
		rows[ap.Row] = true
	}
	return nil
}

// ReceiveDocument is TransitionDocument for the transition "receive" (no
// check) that also inserts, in the same transaction, the applications that
// screen returns for the document as received (status received, with the
// body of its current version): one per row of a list, at most one for a
// plan. screen's error is returned as it is and nothing is written: the
// document stays as it was. screen may run more than once (a transaction
// tried again after a lock) and must not use the Store.
//
// Of each application screen sets Row (0-based; 0 for a plan), Verdict
// ("eligible", "incomplete" or "ineligible"), RulesVersion and Screening
// (JSON); the store sets ID, DocumentID, Kind, Commune, Province, Period
// (the document's) and CreatedAt, and ignores the rest. screen's second
// result holds one person key per application, in order: the hex
// HMAC-SHA-256 (64 lower-case hex digits) of the person's ID number under
// the server's secret, or "" (a plan; a row with no number). The store
// never sees the number. Applications of lists with the same key in the
// same period and other communes are each other's SharedWith. What screen
// returns wrong (counts, rows, verdicts, keys) is a plain error.
//
// The audit entry is the transition's (list.receive or plan.receive): the
// applications are part of the receipt. Idempotency as TransitionDocument:
// a retry returns the document as received and makes nothing again.
func (s *Store) ReceiveDocument(ctx context.Context, a records.Actor, idem records.Idempotency, kind string, id int64,
	note string, screen func(records.Document) ([]records.Application, []string, error)) (records.Document, error) {
	if screen == nil {
		return records.Document{}, errors.New("store: ReceiveDocument needs a screen")
	}
	return s.transition(ctx, a, idem, kind, id, string(workflow.Receive), note, nil, func(tx *sql.Tx, d records.Document, now time.Time) error {
		apps, keys, err := screen(d)
		if err != nil {
			return err
		}
		if err := checkScreened(d, apps, keys); err != nil {
			return err
		}
		return s.insertApplications(ctx, tx, d, apps, keys, now)
	})
}

// insertApplications writes the applications of a received document and
// their person keys, in chunks of multi-row INSERTs.
func (s *Store) insertApplications(ctx context.Context, tx *sql.Tx, d records.Document, apps []records.Application, keys []string, now time.Time) error {
	const chunk = 50
	at := s.d.timeArg(now)
	for lo := 0; lo < len(apps); lo += chunk {
		part := apps[lo:min(lo+chunk, len(apps))]
		var b strings.Builder
		b.WriteString(`INSERT INTO applications (document_id, kind, row_index, commune_code, province_code, period, verdict, rules_version, screening, created_at) VALUES `)
		args := make([]any, 0, 10*len(part))
		for i, ap := range part {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + s.d.marks(len(args)+1, 10) + ")")
			args = append(args, d.ID, d.Kind, ap.Row, d.Commune, d.Province, d.Period, ap.Verdict, ap.RulesVersion, ap.Screening, at)
		}
		b.WriteString(` RETURNING id, row_index`)
		rows, err := tx.QueryContext(ctx, b.String(), args...)
		if err != nil {
			return fmt.Errorf("store: applications: %w", err)
		}
		ids := make(map[int]int64, len(part))
		for rows.Next() {
			var id int64
			var row int
			if err := rows.Scan(&id, &row); err != nil {
				rows.Close()
				return fmt.Errorf("store: applications: %w", err)
			}
			ids[row] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: applications: %w", err)
		}
		b.Reset()
		args = args[:0]
		for i, ap := range part {
			k := keys[lo+i]
			if k == "" {
				continue
			}
			id, ok := ids[ap.Row]
			if !ok {
				return fmt.Errorf("store: applications: row %d was not returned", ap.Row)
			}
			if len(args) == 0 {
				b.WriteString(`INSERT INTO person_keys (application_id, period, key, commune_code) VALUES `)
			} else {
				b.WriteString(", ")
			}
			b.WriteString("(" + s.d.marks(len(args)+1, 4) + ")")
			args = append(args, id, d.Period, k, d.Commune)
		}
		if len(args) > 0 {
			if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
				return fmt.Errorf("store: person keys: %w", err)
			}
		}
	}
	return nil
}

// appColumns are what scanApp reads, from applications a, decisions d and
// loans l.
const appColumns = `a.id, a.document_id, a.kind, a.row_index, a.commune_code, a.province_code, a.period, a.verdict, a.rules_version,
	a.screening, a.created_at, d.outcome, d.note, d.decided_by, d.decided_at, l.id`

const appFrom = ` FROM applications a LEFT JOIN decisions d ON d.application_id = a.id LEFT JOIN loans l ON l.application_id = a.id`

func scanApp(r rowScanner, ap *records.Application) error {
	var (
		outcome, note sql.NullString
		by, loan      sql.NullInt64
	)
	err := r.Scan(&ap.ID, &ap.DocumentID, &ap.Kind, &ap.Row, &ap.Commune, &ap.Province, &ap.Period, &ap.Verdict, &ap.RulesVersion,
		&ap.Screening, timeScan{&ap.CreatedAt}, &outcome, &note, &by, nullTimeScan{&ap.DecidedAt}, &loan)
	if err != nil {
		return err
	}
	ap.Decision, ap.Note, ap.DecidedBy, ap.LoanID = outcome.String, note.String, by.Int64, loan.Int64
	if ap.Screening == nil {
		ap.Screening = []byte{}
	}
	ap.SharedWith = []string{}
	return nil
}

// readApplication reads the application with the id, its decision, loan
// and SharedWith, through q.
func (s *Store) readApplication(ctx context.Context, q queryer, id int64) (records.Application, error) {
	var ap records.Application
	err := scanApp(q.QueryRowContext(ctx, `SELECT `+appColumns+appFrom+` WHERE a.id = $1`, id), &ap)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Application{}, records.ErrNotFound
	}
	if err != nil {
		return records.Application{}, fmt.Errorf("store: application: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT o.commune_code FROM person_keys p
		JOIN person_keys o ON o.period = p.period AND o.key = p.key AND o.commune_code <> p.commune_code
		WHERE p.application_id = $1 ORDER BY o.commune_code`, id)
	if err != nil {
		return records.Application{}, fmt.Errorf("store: application: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return records.Application{}, fmt.Errorf("store: application: %w", err)
		}
		ap.SharedWith = append(ap.SharedWith, c)
	}
	if err := rows.Err(); err != nil {
		return records.Application{}, fmt.Errorf("store: application: %w", err)
	}
	return ap, nil
}

type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Application returns the application with the id: its screening as
// stored, its decision and loan when decided, and SharedWith (the other
// communes whose lists of the same period hold the same person, sorted;
// empty when none). records.ErrNotFound when there is none. Whether the
// caller may see it is the caller's to decide (access, on Commune and
// Province), and so is the audit entry of the read.
func (s *Store) Application(ctx context.Context, id int64) (records.Application, error) {
	return s.readApplication(ctx, s.db, id)
}

// scopeWhere appends to where the condition that a row of the table alias
// lies in scope (not Empty).
func scopeWhere(scope access.Scope, alias string, arg func(any) string) string {
	var or []string
	if scope.Province != "" {
		or = append(or, alias+".province_code = "+arg(scope.Province))
	}
	var in []string
	for _, c := range scope.Communes {
		if c != "" {
			in = append(in, arg(c))
		}
	}
	if len(in) > 0 {
		or = append(or, alias+".commune_code IN ("+strings.Join(in, ", ")+")")
	}
	return "(" + strings.Join(or, " OR ") + ")"
}

// Applications returns the applications in scope that match f (DocumentID;
// Decision: an outcome, or "pending" for undecided ones), by id: the page
// f.Page, at most MaxApplications, each as Application returns it (SharedWith filled). An
// Empty scope returns none. The slice is never nil.
func (s *Store) Applications(ctx context.Context, scope access.Scope, f records.ApplicationFilter) ([]records.Application, error) {
	out := []records.Application{}
	if scope.Empty() {
		return out, nil
	}
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !scope.All {
		where = append(where, scopeWhere(scope, "a", arg))
	}
	if f.DocumentID != 0 {
		where = append(where, "a.document_id = "+arg(f.DocumentID))
	}
	switch f.Decision {
	case "":
	case "pending":
		where = append(where, "d.outcome IS NULL")
	default:
		where = append(where, "d.outcome = "+arg(f.Decision))
	}
	if f.After > 0 {
		where = append(where, "a.id > "+arg(f.After))
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+appColumns+appFrom+cond+` ORDER BY a.id LIMIT `+strconv.Itoa(f.Size(MaxApplications)), args...)
	if err != nil {
		return nil, fmt.Errorf("store: applications: %w", err)
	}
	defer rows.Close()
	byID := map[int64]int{}
	for rows.Next() {
		var ap records.Application
		if err := scanApp(rows, &ap); err != nil {
			return nil, fmt.Errorf("store: applications: %w", err)
		}
		byID[ap.ID] = len(out)
		out = append(out, ap)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: applications: %w", err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	// The communes sharing a person with the applications found: the same
	// conditions, joined to the other communes' keys.
	cond2 := " WHERE a.id <= " + arg(out[len(out)-1].ID)
	if len(where) > 0 {
		cond2 += " AND " + strings.Join(where, " AND ")
	}
	rows, err = s.db.QueryContext(ctx, `SELECT DISTINCT a.id, o.commune_code`+appFrom+`
		JOIN person_keys p ON p.application_id = a.id
		JOIN person_keys o ON o.period = p.period AND o.key = p.key AND o.commune_code <> p.commune_code`+cond2+
		` ORDER BY a.id, o.commune_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: applications: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id int64
			c  string
		)
		if err := rows.Scan(&id, &c); err != nil {
			return nil, fmt.Errorf("store: applications: %w", err)
		}
		if i, ok := byID[id]; ok {
			out[i].SharedWith = append(out[i].SharedWith, c)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: applications: %w", err)
	}
	return out, nil
}

// msgDecisionNoteRequired refuses a refusal without a note.
var msgDecisionNoteRequired = credit.Text{
	VI: "Từ chối phải có ghi chú.",
	EN: "A refusal needs a note.",
}

// Decide records the decision d on the undecided application appID, by
// a, with its audit entry (action application.decide, resource
// "application", id appID; never the note). d.Outcome is
// records.DecisionApproved, DecisionRefused or DecisionWithdrawn; a
// refusal needs a note, and a note must be valid text of at most 4,000
// bytes (credit.Problems at /note, 422). An approval takes loan, which it
// makes in the same transaction, and any other outcome refuses one (a
// plain error): of loan the store reads Purpose, Amount, DisbursedOn,
// TermMonths, PrincipalEveryMonths, CourseMonths, Channel and
// CapitalSource (d's terms are not read: the loan's are the ones kept),
// and sets the rest (ID, ApplicationID, Commune and Province of the
// application, Status active, CreatedBy, CreatedAt). Whether the decision
// is allowed by the screening and the terms is the caller's to check,
// before.
//
// records.ErrNotFound when there is no such application; a
// *records.ConflictError of code CodeAlreadyDecided (409) when it was
// decided before — of two concurrent decisions, one wins. It returns the
// application as decided and the loan (nil but for an approval). With
// idem.Key set, a retry with the same key and hash returns the
// application and its loan as they are, and decides nothing again.
func (s *Store) Decide(ctx context.Context, a records.Actor, idem records.Idempotency, appID int64, d records.Decision, loan *records.Loan) (records.Application, *records.Loan, error) {
	if err := checkIdem(idem, a); err != nil {
		return records.Application{}, nil, err
	}
	if a.UserID <= 0 {
		return records.Application{}, nil, errors.New("store: a decision is made by a user")
	}
	switch d.Outcome {
	case records.DecisionApproved:
		if loan == nil {
			return records.Application{}, nil, errors.New("store: an approval makes a loan: give it")
		}
		switch {
		case loan.Amount <= 0, loan.TermMonths <= 0, loan.PrincipalEveryMonths <= 0, loan.CourseMonths < 0, loan.DisbursedOn.IsZero():
			return records.Application{}, nil, errors.New("store: a loan needs a positive amount, term and principal period, and a disbursement day")
		case loan.Purpose == "" || !shortText(loan.Purpose) || !shortText(loan.Channel) || !shortText(loan.CapitalSource):
			return records.Application{}, nil, errors.New("store: a loan's purpose, channel and capital source must be short valid text (and a purpose given)")
		}
	case records.DecisionRefused, records.DecisionWithdrawn:
		if loan != nil {
			return records.Application{}, nil, fmt.Errorf("store: a decision %q makes no loan", d.Outcome)
		}
	default:
		return records.Application{}, nil, fmt.Errorf("store: %q is not an outcome of a decision", d.Outcome)
	}
	switch {
	case !credit.ValidText(d.Note):
		return records.Application{}, nil, credit.Problems{&credit.FieldError{Pointer: "/note", Code: credit.CodeInvalidText, Message: msgNoteText}}
	case len(d.Note) > maxNoteBytes:
		return records.Application{}, nil, credit.Problems{&credit.FieldError{Pointer: "/note", Code: credit.CodeOutOfRange, Message: msgNoteLong}}
	case d.Outcome == records.DecisionRefused && strings.TrimSpace(d.Note) == "":
		return records.Application{}, nil, credit.Problems{&credit.FieldError{Pointer: "/note", Code: credit.CodeRequired, Message: msgDecisionNoteRequired}}
	}
	var (
		out     records.Application
		outLoan *records.Loan
	)
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		out, outLoan = records.Application{}, nil
		h, found, err := s.recordLookup(ctx, tx, idem)
		if err != nil {
			return nil, err
		}
		if found {
			if h.resource != ResourceApplication || h.id != appID {
				return nil, records.ErrIdempotencyMismatch
			}
			out, outLoan, err = s.decided(ctx, tx, appID)
			return nil, err
		}
		ap, err := s.readApplication(ctx, tx, appID)
		if err != nil {
			return nil, err
		}
		if ap.Decision != "" {
			return nil, &records.ConflictError{Code: CodeAlreadyDecided}
		}
		now := micro(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO decisions (application_id, outcome, note, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5)`,
			appID, d.Outcome, d.Note, a.UserID, s.d.timeArg(now)); err != nil {
			if s.d.class(err) == errUnique {
				return nil, &records.ConflictError{Code: CodeAlreadyDecided}
			}
			return nil, fmt.Errorf("store: decide: %w", err)
		}
		ap.Decision, ap.Note, ap.DecidedBy, ap.DecidedAt = d.Outcome, d.Note, a.UserID, &now
		if loan != nil {
			l := *loan
			l.ApplicationID, l.Commune, l.Province = appID, ap.Commune, ap.Province
			l.Status, l.ClosedOn, l.CreatedBy, l.CreatedAt = records.LoanActive, credit.Date{}, a.UserID, now
			if err := tx.QueryRowContext(ctx, `INSERT INTO loans (application_id, commune_code, province_code, purpose, amount, disbursed_on,
				term_months, principal_every_months, course_months, channel, capital_source, status, closed_on, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, $13, $14) RETURNING id`,
				l.ApplicationID, l.Commune, l.Province, l.Purpose, int64(l.Amount), s.dayArg(l.DisbursedOn),
				l.TermMonths, l.PrincipalEveryMonths, l.CourseMonths, l.Channel, l.CapitalSource, l.Status,
				l.CreatedBy, s.d.timeArg(now)).Scan(&l.ID); err != nil {
				return nil, fmt.Errorf("store: loan: %w", err)
			}
			ap.LoanID = l.ID
			outLoan = &l
		}
		if err := s.recordKey(ctx, tx, idem, recordHit{resource: ResourceApplication, id: appID}, now); err != nil {
			return nil, err
		}
		out = ap
		return []records.Entry{s.entryAt(a, access.ApplicationDecide, ResourceApplication, appID, now)}, nil
	})
	if err != nil {
		return records.Application{}, nil, err
	}
	return out, outLoan, nil
}

// decided is the application and its loan, for the retry of a decision.
func (s *Store) decided(ctx context.Context, q queryer, appID int64) (records.Application, *records.Loan, error) {
	ap, err := s.readApplication(ctx, q, appID)
	if err != nil {
		return records.Application{}, nil, err
	}
	if ap.LoanID == 0 {
		return ap, nil, nil
	}
	l, err := s.readLoan(ctx, q, ap.LoanID, false)
	if err != nil {
		return records.Application{}, nil, err
	}
	return ap, &l, nil
}

const loanColumns = `id, application_id, commune_code, province_code, purpose, amount, disbursed_on, term_months,
	principal_every_months, course_months, channel, capital_source, status, closed_on, created_by, created_at`

func scanLoan(r rowScanner, l *records.Loan) error {
	var amount int64
	if err := r.Scan(&l.ID, &l.ApplicationID, &l.Commune, &l.Province, &l.Purpose, &amount, dayScan{&l.DisbursedOn}, &l.TermMonths,
		&l.PrincipalEveryMonths, &l.CourseMonths, &l.Channel, &l.CapitalSource, &l.Status, dayScan{&l.ClosedOn},
		&l.CreatedBy, timeScan{&l.CreatedAt}); err != nil {
		return err
	}
	l.Amount = credit.VND(amount)
	return nil
}

func (s *Store) readLoan(ctx context.Context, q queryer, id int64, lock bool) (records.Loan, error) {
	var l records.Loan
	forUpdate := ""
	if lock {
		forUpdate = s.d.forUpdate
	}
	err := scanLoan(q.QueryRowContext(ctx, `SELECT `+loanColumns+` FROM loans WHERE id = $1`+forUpdate, id), &l)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Loan{}, records.ErrNotFound
	}
	if err != nil {
		return records.Loan{}, fmt.Errorf("store: loan: %w", err)
	}
	return l, nil
}

func (s *Store) readPayments(ctx context.Context, q queryer, loanID int64) ([]records.Payment, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, paid_on, amount, recorded_by, at FROM payments WHERE loan_id = $1 ORDER BY seq`, loanID)
	if err != nil {
		return nil, fmt.Errorf("store: payments: %w", err)
	}
	defer rows.Close()
	out := []records.Payment{}
	for rows.Next() {
		p := records.Payment{LoanID: loanID}
		var amount int64
		if err := rows.Scan(&p.Seq, dayScan{&p.On}, &amount, &p.RecordedBy, timeScan{&p.At}); err != nil {
			return nil, fmt.Errorf("store: payments: %w", err)
		}
		p.Amount = credit.VND(amount)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: payments: %w", err)
	}
	return out, nil
}

// Loan returns the loan with the id and its payments in the order
// recorded (never nil). records.ErrNotFound when there is none. Whether
// the caller may see it is the caller's to decide (access, on Commune and
// Province).
func (s *Store) Loan(ctx context.Context, id int64) (records.Loan, []records.Payment, error) {
	// No transaction (on SQLite it would take the write lock): the loan is
	// read first, so the payments read after hold at least those it was
	// closed by; a payment never changes once written.
	l, err := s.readLoan(ctx, s.db, id, false)
	if err != nil {
		return records.Loan{}, nil, err
	}
	ps, err := s.readPayments(ctx, s.db, id)
	if err != nil {
		return records.Loan{}, nil, err
	}
	return l, ps, nil
}

// Loans returns the loans in scope that match f (Commune; Status: active
// or closed), by id: the page f.Page, at most MaxLoans. An Empty scope
// returns none. The
// slice is never nil.
func (s *Store) Loans(ctx context.Context, scope access.Scope, f records.LoanFilter) ([]records.Loan, error) {
	out := []records.Loan{}
	if scope.Empty() {
		return out, nil
	}
	cond, args := loanWhere(scope, f)
	if f.After > 0 {
		args = append(args, f.After)
		if cond != "" {
			cond += " AND "
		}
		cond += "l.id > $" + strconv.Itoa(len(args))
	}
	if cond != "" {
		cond = " WHERE " + cond
	}
	return collect(ctx, s.db, "loans", `SELECT `+loanColumns+` FROM loans l`+cond+` ORDER BY id LIMIT `+strconv.Itoa(f.Size(MaxLoans)), args, scanLoan)
}

// AddPayment records the payment p (p.On, a day, and p.Amount, positive;
// the store sets LoanID, Seq, RecordedBy and At) against the loan, by a,
// with its audit entry (action loan.pay, resource "payment", id
// "LOAN/SEQ"). A payment is never changed or removed: a mistake is put
// right by what the caller's rules allow, never by editing. closes, when
// not nil, is asked in the same transaction, with the loan locked, after
// the payment is written, with the loan and all its payments in the order
// recorded: the day it answers, when not zero, closes the loan (the caller
// finds from the statement that nothing is owed). Of two payments
// recorded at once, the second sees the first: together they close the
// loan if they repay it. closes may run more than once (a transaction
// tried again) and must not use the Store.
//
// records.ErrNotFound when there is no such loan; a *records.ConflictError
// of code CodeLoanClosed (409) when it is closed. With idem.Key set, a
// retry with the same key and hash returns the payment the first call
// recorded, and records nothing again.
func (s *Store) AddPayment(ctx context.Context, a records.Actor, idem records.Idempotency, loanID int64, p records.Payment, closes records.Closing) (records.Payment, error) {
	if err := checkIdem(idem, a); err != nil {
		return records.Payment{}, err
	}
	switch {
	case a.UserID <= 0:
		return records.Payment{}, errors.New("store: a payment is recorded by a user")
	case p.Amount <= 0 || p.On.IsZero():
		return records.Payment{}, errors.New("store: a payment needs a day and a positive amount")
	}
	var out records.Payment
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		out = records.Payment{}
		h, found, err := s.recordLookup(ctx, tx, idem)
		if err != nil {
			return nil, err
		}
		if found {
			if h.resource != ResourcePayment || h.id != loanID {
				return nil, records.ErrIdempotencyMismatch
			}
			ps, err := s.readPayments(ctx, tx, loanID)
			if err != nil {
				return nil, err
			}
			i := slices.IndexFunc(ps, func(p records.Payment) bool { return p.Seq == h.seq })
			if i < 0 {
				return nil, fmt.Errorf("store: loan %d has no payment %d", loanID, h.seq)
			}
			out = ps[i]
			return nil, nil
		}
		l, err := s.readLoan(ctx, tx, loanID, true)
		if err != nil {
			return nil, err
		}
		if l.Status != records.LoanActive {
			return nil, &records.ConflictError{Code: CodeLoanClosed}
		}
		now := micro(s.now())
		out = records.Payment{LoanID: loanID, On: p.On, Amount: p.Amount, RecordedBy: a.UserID, At: now}
		if err := tx.QueryRowContext(ctx, `INSERT INTO payments (loan_id, seq, paid_on, amount, recorded_by, at)
			SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM payments WHERE loan_id = $1 RETURNING seq`,
			loanID, s.dayArg(p.On), int64(p.Amount), a.UserID, s.d.timeArg(now)).Scan(&out.Seq); err != nil {
			return nil, fmt.Errorf("store: payment: %w", err)
		}
		var closeOn credit.Date
		if closes != nil {
			ps, err := s.readPayments(ctx, tx, loanID)
			if err != nil {
				return nil, err
			}
			closeOn = closes(l, ps)
		}
		if !closeOn.IsZero() {
			res, err := tx.ExecContext(ctx, `UPDATE loans SET status = $1, closed_on = $2 WHERE id = $3 AND status = $4`,
				records.LoanClosed, s.dayArg(closeOn), loanID, records.LoanActive)
			if err != nil {
				return nil, fmt.Errorf("store: close loan: %w", err)
			}
			if n, err := res.RowsAffected(); err != nil || n != 1 {
				return nil, fmt.Errorf("store: close loan: the loan moved under its lock")
			}
		}
		if err := s.recordKey(ctx, tx, idem, recordHit{resource: ResourcePayment, id: loanID, seq: out.Seq}, now); err != nil {
			return nil, err
		}
		e := s.entry(a, access.LoanPay, ResourcePayment, strconv.FormatInt(loanID, 10)+"/"+strconv.Itoa(out.Seq))
		e.At = now
		return []records.Entry{e}, nil
	})
	if err != nil {
		return records.Payment{}, err
	}
	return out, nil
}
