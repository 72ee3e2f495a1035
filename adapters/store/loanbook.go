package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/records"
)

// VBSP's loan book in the store (migration 0005): the loans made outside
// the store, loaded from the bank's export, each known once by its
// loan_id, with what it owed on the day of each export loaded.

// ResourceLoanImport is the audit resource of a loading of a loan book.
const ResourceLoanImport = "loan_import"

// CodeDiffersFromStored is the problem of a loan whose loan_id is in the
// store with another value of what the loan is (its commune, borrower
// kind, purpose, capital source, channel, disbursement day or amount):
// the export contradicts what an earlier one said. Stable.
const CodeDiffersFromStored = "differs_from_stored"

var msgDiffersFromStored = credit.Text{
	VI: "Khoản vay có mã này đã được nạp với giá trị khác ở trường này; giá trị đã lưu không bị thay đổi.",
	EN: "A loan with this loan_id was loaded before with another value of this field; the stored value is not changed.",
}

// bookedColumns are a booked loan's columns, in the order of its fields
// in records.BookedLoan.
const bookedColumns = `id, loan_id, commune_code, province_code, borrower_kind, purpose, capital_source, channel,
	disbursed_on, amount, import_id`

func scanBooked(r rowScanner, b *records.BookedLoan) error {
	var amount int64
	if err := r.Scan(&b.ID, &b.LoanID, &b.Commune, &b.Province, &b.BorrowerKind, &b.Purpose, &b.CapitalSource,
		&b.Channel, dayScan{&b.DisbursedOn}, &amount, &b.ImportID); err != nil {
		return err
	}
	b.Amount = credit.VND(amount)
	return nil
}

// checkBooked refuses a loan the store cannot keep: a mistake of the
// caller, who checks the loan book's rules (reporting.Portfolio) and the
// commune (the catalogue) before.
func checkBooked(b *records.BookedLoan, asOf credit.Date) error {
	p := &b.Position
	switch {
	case b.LoanID == "" || len(b.LoanID) > 64 || !credit.ValidText(b.LoanID):
		return errors.New("a loan_id is 1 to 64 bytes of valid text")
	case !digitsOnly(b.Commune, 5) || !digitsOnly(b.Province, 2):
		return errors.New("a commune is 5 digits and its province 2")
	case b.BorrowerKind == "" || b.Purpose == "" || b.CapitalSource == "" || b.Channel == "":
		return errors.New("a borrower kind, purpose, capital source and channel are given")
	case !shortText(b.BorrowerKind) || !shortText(b.Purpose) || !shortText(b.CapitalSource) || !shortText(b.Channel):
		return errors.New("a borrower kind, purpose, capital source and channel are short valid text")
	case b.DisbursedOn.IsZero() || b.DisbursedOn.After(asOf):
		return errors.New("a loan was disbursed on or before the day of the loan book")
	case b.Amount <= 0 || b.Amount > credit.MaxVND:
		return errors.New("an amount is positive, at most credit.MaxVND")
	case p.Outstanding < 0 || p.Outstanding > b.Amount || p.Overdue < 0 || p.Overdue > p.Outstanding:
		return errors.New("0 ≤ overdue ≤ outstanding ≤ amount")
	case p.Jobs < 0:
		return errors.New("jobs are not negative")
	}
	return nil
}

func digitsOnly(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ImportLoans loads loans, VBSP's loan book on asOf, into the store, by a,
// in one transaction with one audit entry (action loan.import, resource
// "loan_import", id the import's; never a loan). It returns what the
// import did (records.LoanImport).
//
// A loan is known by its LoanID. One not in the store is added (Created),
// with its position on asOf (Position's Outstanding, Overdue and Jobs;
// Position.AsOf is not read: the day is asOf). One already in the store
// must say the same of what the loan is — Commune, BorrowerKind, Purpose,
// CapitalSource, Channel, DisbursedOn and Amount (Province follows the
// commune) — or each differing value is a problem at /loans/i/<field>
// (CodeDiffersFromStored; i as loans yields it, 422): the whole import is
// refused, nothing is written, every such problem is listed (at most
// forms.MaxProblems, then forms.CodeTooManyProblems at /loans). Its position on asOf is added when it is new: loading the same
// book again adds no loan and no position (idempotent by loan_id), and a
// corrected book of the same day adds a position that is read instead of
// the earlier one (nothing is changed or removed).
//
// What each loan must be is the caller's to check before (the loan book's
// rules, the commune in the catalogue and in the caller's scope): a loan
// the store cannot keep — a LoanID not 1 to 64 bytes of valid text, a
// commune or province not of 5 or 2 digits, a blank or long name, a loan
// disbursed after asOf, amounts out of order (0 ≤ overdue ≤ outstanding ≤
// amount, amount > 0), negative jobs, a LoanID twice — is a plain error
// and nothing is written. loans may be ranged more than once (a
// transaction tried again after a lock): give it a slice's, not a
// stream's. Loading holds the store's write turn: a province's book of
// 100,000 loans takes a few seconds, during which other writes wait.
func (s *Store) ImportLoans(ctx context.Context, a records.Actor, asOf credit.Date, loans iter.Seq2[int, records.BookedLoan]) (records.LoanImport, error) {
	switch {
	case a.UserID <= 0:
		return records.LoanImport{}, errors.New("store: a loan book is loaded by a user")
	case asOf.IsZero():
		return records.LoanImport{}, errors.New("store: a loan book is of a day")
	case loans == nil:
		return records.LoanImport{}, errors.New("store: ImportLoans needs loans")
	}
	var out records.LoanImport
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		now := micro(s.now())
		out = records.LoanImport{AsOf: asOf, ImportedBy: a.UserID, At: now}
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM loan_imports`).Scan(&out.ID); err != nil {
			return nil, fmt.Errorf("store: loan import: %w", err)
		}
		var (
			problems credit.Problems
			seen     = map[string]bool{}
			day      = s.dayArg(asOf)
			per      = s.bookBatchSize()
			batch    = make([]indexedLoan, 0, per)
		)
		flush := func() error {
			created, fresh, ps, err := s.bookBatch(ctx, tx, batch, out.ID, day, problems == nil)
			if err != nil {
				return err
			}
			out.Created += created
			out.Positions += fresh
			problems = append(problems, ps...)
			batch = batch[:0]
			return nil
		}
		for i, b := range loans {
			if err := checkBooked(&b, asOf); err != nil {
				return nil, fmt.Errorf("store: loan %d: %w", i, err)
			}
			if seen[b.LoanID] {
				return nil, fmt.Errorf("store: loan %d: a loan_id twice in one book", i)
			}
			seen[b.LoanID] = true
			out.Loans++
			if batch = append(batch, indexedLoan{i, b}); len(batch) == per {
				if err := flush(); err != nil {
					return nil, err
				}
			}
			if len(problems) > forms.MaxProblems {
				problems = append(problems[:forms.MaxProblems], &credit.FieldError{Pointer: "/loans",
					Code: forms.CodeTooManyProblems, Message: forms.MsgTooManyProblems})
				return nil, problems // checking stops at the cut
			}
		}
		if err := flush(); err != nil {
			return nil, err
		}
		if len(problems) > forms.MaxProblems {
			problems = append(problems[:forms.MaxProblems], &credit.FieldError{Pointer: "/loans",
				Code: forms.CodeTooManyProblems, Message: forms.MsgTooManyProblems})
		}
		if len(problems) > 0 {
			return nil, problems
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO loan_imports (id, as_of, loans, created, positions, imported_by, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, out.ID, day, out.Loans, out.Created, out.Positions, a.UserID, s.d.timeArg(now)); err != nil {
			return nil, fmt.Errorf("store: loan import: %w", err)
		}
		return []records.Entry{s.entryAt(a, access.LoanImport, ResourceLoanImport, out.ID, now)}, nil
	})
	if err != nil {
		return records.LoanImport{}, err
	}
	return out, nil
}

// indexedLoan is a loan of a book and its index in it.
type indexedLoan struct {
	i int
	b records.BookedLoan
}

// bookBatchSize is the most loans one round of statements carries: one
// multi-row INSERT of loans (10 values each), one SELECT of those already
// stored, one of their positions on the day and one INSERT of positions
// — a few round trips per batch, not per loan.
func (s *Store) bookBatchSize() int { return inChunk }

// bookBatch adds the loans of batch whose loan_id is new, compares the
// others with the stored ones (the problems are the values that differ)
// and, when positions, adds each loan's position on day unless the latest
// one of that day says the same. It returns how many loans and positions
// it added.
func (s *Store) bookBatch(ctx context.Context, tx *sql.Tx, batch []indexedLoan, importID int64, day any, positions bool) (created, fresh int, ps credit.Problems, err error) {
	if len(batch) == 0 {
		return 0, 0, nil, nil
	}
	marks := s.d.marks
	var q strings.Builder
	q.WriteString(`INSERT INTO booked_loans (loan_id, commune_code, province_code, borrower_kind, purpose, capital_source,
		channel, disbursed_on, amount, import_id) VALUES `)
	args := make([]any, 0, 10*len(batch))
	for k, x := range batch {
		if k > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(" + marks(10*k+1, 10) + ")")
		b := &x.b
		args = append(args, b.LoanID, b.Commune, b.Province, b.BorrowerKind, b.Purpose, b.CapitalSource, b.Channel,
			s.dayArg(b.DisbursedOn), int64(b.Amount), importID)
	}
	q.WriteString(` ON CONFLICT (loan_id) DO NOTHING RETURNING id, loan_id`)
	ids := make(map[string]int64, len(batch)) // loan_id → the store's id
	isNew := make(map[string]bool, len(batch))
	if err := scanEach(ctx, tx, "booked loans", q.String(), args, func(r rowScanner) error {
		var id int64
		var loanID string
		if err := r.Scan(&id, &loanID); err != nil {
			return err
		}
		ids[loanID], isNew[loanID] = id, true
		return nil
	}); err != nil {
		return 0, 0, nil, err
	}
	created = len(ids)

	// The loans already stored: what they are must not differ.
	var known []any
	for _, x := range batch {
		if !isNew[x.b.LoanID] {
			known = append(known, x.b.LoanID)
		}
	}
	stored := make(map[string]records.BookedLoan, len(known))
	if len(known) > 0 {
		if err := scanEach(ctx, tx, "booked loans", `SELECT `+bookedColumns+` FROM booked_loans WHERE loan_id IN (`+
			marks(1, len(known))+`)`, known, func(r rowScanner) error {
			var b records.BookedLoan
			if err := scanBooked(r, &b); err != nil {
				return err
			}
			stored[b.LoanID], ids[b.LoanID] = b, b.ID
			return nil
		}); err != nil {
			return 0, 0, nil, err
		}
		for _, x := range batch {
			if have, ok := stored[x.b.LoanID]; ok {
				ps = append(ps, differences(x.i, &have, &x.b)...)
			}
		}
	}
	if !positions || len(ps) > 0 {
		return created, 0, ps, nil
	}

	// The latest position of each stored loan on day.
	type figures struct {
		outstanding, overdue int64
		jobs                 int
	}
	latest := make(map[int64]figures, len(known))
	if len(known) > 0 {
		pargs := []any{day}
		for _, x := range batch {
			if !isNew[x.b.LoanID] {
				pargs = append(pargs, ids[x.b.LoanID])
			}
		}
		if err := scanEach(ctx, tx, "loan positions", `SELECT booked_loan, outstanding, overdue, jobs FROM booked_positions
			WHERE as_of = `+marks(1, 1)+` AND booked_loan IN (`+marks(2, len(pargs)-1)+`) ORDER BY booked_loan, import_id`, pargs,
			func(r rowScanner) error {
				var id int64
				var f figures
				if err := r.Scan(&id, &f.outstanding, &f.overdue, &f.jobs); err != nil {
					return err
				}
				latest[id] = f // a later import's row comes later
				return nil
			}); err != nil {
			return 0, 0, nil, err
		}
	}
	q.Reset()
	q.WriteString(`INSERT INTO booked_positions (booked_loan, import_id, as_of, outstanding, overdue, jobs) VALUES `)
	args = args[:0]
	for _, x := range batch {
		id, p := ids[x.b.LoanID], &x.b.Position
		if f, ok := latest[id]; ok && f == (figures{int64(p.Outstanding), int64(p.Overdue), p.Jobs}) {
			continue
		}
		if fresh > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(" + marks(6*fresh+1, 6) + ")")
		args = append(args, id, importID, day, int64(p.Outstanding), int64(p.Overdue), p.Jobs)
		fresh++
	}
	if fresh > 0 {
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return 0, 0, nil, fmt.Errorf("store: loan positions: %w", err)
		}
	}
	return created, fresh, nil, nil
}

// differences are the problems of a loan b (the i-th of its book) whose
// loan_id is stored as have: each value of what the loan is that differs.
func differences(i int, have, b *records.BookedLoan) credit.Problems {
	var ps credit.Problems
	differ := func(field string, same bool) {
		if !same {
			ps = append(ps, &credit.FieldError{Pointer: "/loans/" + strconv.Itoa(i) + "/" + field,
				Code: CodeDiffersFromStored, Message: msgDiffersFromStored})
		}
	}
	differ("commune_code", have.Commune == b.Commune)
	differ("borrower_kind", have.BorrowerKind == b.BorrowerKind)
	differ("purpose", have.Purpose == b.Purpose)
	differ("capital_source", have.CapitalSource == b.CapitalSource)
	differ("channel", have.Channel == b.Channel)
	differ("disbursed_on", have.DisbursedOn == b.DisbursedOn)
	differ("amount", have.Amount == b.Amount)
	return ps
}

// scanEach runs query with args in tx and calls fn with each row; what
// names the query in errors.
func scanEach(ctx context.Context, tx *sql.Tx, what, query string, args []any, fn func(rowScanner) error) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return fmt.Errorf("store: %s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: %s: %w", what, err)
	}
	return nil
}

// EachBookedLoan calls fn with each booked loan in scope, in order of id,
// with its position on asOf: the latest import's of the latest day on or
// before asOf, or a zero Position when none is known by then (a loan
// loaded from a later book). Two loans' rows are never mixed; fn's error
// stops the walk and is returned as it is. An Empty scope calls it for
// none. Whether the caller may see them is decided by the scope it
// passes; the audit entry of the read is the caller's.
func (s *Store) EachBookedLoan(ctx context.Context, scope access.Scope, asOf credit.Date, fn func(records.BookedLoan) error) error {
	if fn == nil {
		return errors.New("store: EachBookedLoan needs a function")
	}
	if scope.Empty() {
		return nil
	}
	args := []any{s.dayArg(asOf)}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	cond := ""
	if !scope.All {
		cond = " WHERE " + scopeWhere(scope, "b", arg)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, err := s.db.QueryContext(ctx, `SELECT b.id, b.loan_id, b.commune_code, b.province_code, b.borrower_kind, b.purpose,
		b.capital_source, b.channel, b.disbursed_on, b.amount, b.import_id,
		p.as_of, p.outstanding, p.overdue, p.jobs, p.import_id
		FROM booked_loans b LEFT JOIN booked_positions p ON p.booked_loan = b.id AND p.as_of <= $1`+cond+`
		ORDER BY b.id, p.as_of, p.import_id`, args...)
	if err != nil {
		return fmt.Errorf("store: booked loans: %w", err)
	}
	defer rows.Close()
	var (
		cur  records.BookedLoan
		have bool
	)
	for rows.Next() {
		var (
			b                    records.BookedLoan
			amount               int64
			outstanding, overdue sql.NullInt64
			jobs, importID       sql.NullInt64
		)
		if err := rows.Scan(&b.ID, &b.LoanID, &b.Commune, &b.Province, &b.BorrowerKind, &b.Purpose, &b.CapitalSource,
			&b.Channel, dayScan{&b.DisbursedOn}, &amount, &b.ImportID,
			dayScan{&b.Position.AsOf}, &outstanding, &overdue, &jobs, &importID); err != nil {
			return fmt.Errorf("store: booked loans: %w", err)
		}
		b.Amount = credit.VND(amount)
		b.Position.Outstanding, b.Position.Overdue = credit.VND(outstanding.Int64), credit.VND(overdue.Int64)
		b.Position.Jobs, b.Position.ImportID = int(jobs.Int64), importID.Int64
		if have && b.ID != cur.ID {
			if err := fn(cur); err != nil {
				return err
			}
		}
		cur, have = b, true // a later row of the same loan is a later position
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: booked loans: %w", err)
	}
	if have {
		return fn(cur)
	}
	return nil
}
