package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// The reports from the store (records-v1.md, "Reports from the store")
// read whole rounds and whole portfolios: EachDocument and EachLoan stream
// them to a function, row by row, in a fixed number of queries, never one
// per document or loan, and never holding them all at once.

// docWhere is the condition (after WHERE) of the documents d of the kind in
// scope (not Empty) that match f, with its arguments.
func docWhere(kind string, scope access.Scope, f records.DocumentFilter) (string, []any) {
	var (
		where = []string{"d.kind = $1"}
		args  = []any{kind}
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !scope.All {
		where = append(where, scopeWhere(scope, "d", arg))
	}
	if f.Period != "" {
		where = append(where, "d.period = "+arg(f.Period))
	}
	if f.Commune != "" {
		where = append(where, "d.commune_code = "+arg(f.Commune))
	}
	if f.Status != "" {
		where = append(where, "d.status = "+arg(f.Status))
	}
	return strings.Join(where, " AND "), args
}

// docColumnsD are docColumns of the documents d, in the same order.
const docColumnsD = `d.id, d.kind, d.commune_code, d.province_code, d.period, d.status, d.version, d.created_by, d.submitted_by, d.created_at, d.updated_at`

// EachDocument calls fn with the current version, Body included, of each
// document of the kind in scope that matches f (zero fields do not
// filter), in order of id: one query, streamed, with no limit of count.
// An Empty scope calls it for none. fn's error stops the walk and is
// returned as it is. fn may keep the document (its Body is its own), and
// may read from the Store meanwhile (another connection), but should not
// dawdle: the query stays open until the walk ends.
//
// Each document is as Document returns it for version 0, with
// FirstSubmittedAt (the first submit step's time, nil before any) read in
// the same query. Whether the
// caller may see them is decided by the scope it passes (access.ScopeOf),
// and the audit entry of the read is the caller's.
func (s *Store) EachDocument(ctx context.Context, kind string, scope access.Scope, f records.DocumentFilter, fn func(records.Document) error) error {
	if _, err := docKind(kind); err != nil {
		return err
	}
	if fn == nil {
		return errors.New("store: EachDocument needs a function")
	}
	if scope.Empty() {
		return nil
	}
	where, args := docWhere(kind, scope, f)
	rows, err := s.db.QueryContext(ctx, `SELECT `+docColumnsD+`, v.body,
		(SELECT min(st.at) FROM document_steps st WHERE st.document_id = d.id AND st.transition = 'submit')
		FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
		WHERE `+where+` ORDER BY d.id`, args...)
	if err != nil {
		return fmt.Errorf("store: documents: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d records.Document
		if err := rows.Scan(&d.ID, &d.Kind, &d.Commune, &d.Province, &d.Period, &d.Status, &d.Version,
			&d.CreatedBy, &d.SubmittedBy, timeScan{&d.CreatedAt}, timeScan{&d.UpdatedAt}, &d.Body,
			nullTimeScan{&d.FirstSubmittedAt}); err != nil {
			return fmt.Errorf("store: documents: %w", err)
		}
		if d.Body == nil {
			d.Body = []byte{}
		}
		if err := fn(d); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: documents: %w", err)
	}
	return nil
}

// loanWhere is the condition of the loans l in scope (not Empty) that
// match f, with its arguments; "" when there is none.
func loanWhere(scope access.Scope, f records.LoanFilter) (string, []any) {
	var (
		where []string
		args  []any
	)
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if !scope.All {
		where = append(where, scopeWhere(scope, "l", arg))
	}
	if f.Commune != "" {
		where = append(where, "l.commune_code = "+arg(f.Commune))
	}
	if f.Status != "" {
		where = append(where, "l.status = "+arg(f.Status))
	}
	return strings.Join(where, " AND "), args
}

// EachLoan calls fn with each loan in scope that matches f (Commune;
// Status: active or closed), in order of id, and its payments in the order
// recorded (never nil; fn may keep them): two queries, the loans and their
// payments in order of loan and seq, read side by side and merged —
// never one query per loan — with no limit of count. An Empty scope calls
// it for none. fn's error stops the walk and is returned as it is; fn may
// read from the Store meanwhile.
//
// As for Loan, the loans are read first: the payments read after hold at
// least those that closed a loan read closed. A payment recorded during
// the walk may be seen with a loan read just before it; none is ever
// half-seen. Whether the caller may see them is decided by the scope it
// passes, and the audit entry of the read is the caller's.
func (s *Store) EachLoan(ctx context.Context, scope access.Scope, f records.LoanFilter, fn func(records.Loan, []records.Payment) error) error {
	if fn == nil {
		return errors.New("store: EachLoan needs a function")
	}
	if scope.Empty() {
		return nil
	}
	where, args := loanWhere(scope, f)
	cond, join := "", ""
	if where != "" {
		cond = " WHERE " + where
		join = " JOIN loans l ON l.id = p.loan_id"
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // ends both queries early when fn stops the walk
	loans, err := s.db.QueryContext(ctx, `SELECT `+loanColumns+` FROM loans l`+cond+` ORDER BY l.id`, args...)
	if err != nil {
		return fmt.Errorf("store: loans: %w", err)
	}
	defer loans.Close()
	// The loans' query has begun (its first row read) before the payments'
	// does: on SQLite a statement takes its snapshot at its first step.
	more := loans.Next()
	pays, err := s.db.QueryContext(ctx, `SELECT p.loan_id, p.seq, p.paid_on, p.amount, p.recorded_by, p.at FROM payments p`+join+cond+
		` ORDER BY p.loan_id, p.seq`, args...)
	if err != nil {
		return fmt.Errorf("store: payments: %w", err)
	}
	defer pays.Close()
	var (
		p     records.Payment // the payment read and not yet handed on
		have  bool            // whether p holds one
		pdone bool            // whether the payments are all read
	)
	next := func() error {
		if pdone {
			have = false
			return nil
		}
		if !pays.Next() {
			pdone, have = true, false
			if err := pays.Err(); err != nil {
				return fmt.Errorf("store: payments: %w", err)
			}
			return nil
		}
		var amount int64
		p = records.Payment{}
		if err := pays.Scan(&p.LoanID, &p.Seq, dayScan{&p.On}, &amount, &p.RecordedBy, timeScan{&p.At}); err != nil {
			return fmt.Errorf("store: payments: %w", err)
		}
		p.Amount = credit.VND(amount)
		have = true
		return nil
	}
	if err := next(); err != nil {
		return err
	}
	for ; more; more = loans.Next() {
		var l records.Loan
		if err := scanLoan(loans, &l); err != nil {
			return fmt.Errorf("store: loans: %w", err)
		}
		// Payments of loans not read (made after the loans' query began)
		// are passed over.
		for have && p.LoanID < l.ID {
			if err := next(); err != nil {
				return err
			}
		}
		ps := []records.Payment{}
		for have && p.LoanID == l.ID {
			ps = append(ps, p)
			if err := next(); err != nil {
				return err
			}
		}
		if err := fn(l, ps); err != nil {
			return err
		}
	}
	if err := loans.Err(); err != nil {
		return fmt.Errorf("store: loans: %w", err)
	}
	return nil
}

// CodeDuplicateCompletion is the code of the *records.ConflictError of a
// completion recorded before for the same task and occurrence. Stable.
const CodeDuplicateCompletion = "duplicate_completion"

// ResourcePlanTask is the audit resource of a completion of a plan's task.
const ResourcePlanTask = "plan_task"

// completionLookup reads the key of a completion in tx: found is false
// when the key is new; records.ErrIdempotencyMismatch when it was used for
// another request (of any kind).
func (s *Store) completionLookup(ctx context.Context, tx *sql.Tx, idem records.Idempotency) (seq int64, found bool, err error) {
	if idem.Key == "" {
		return 0, false, nil
	}
	var hash []byte
	err = tx.QueryRowContext(ctx, `SELECT request_hash, seq FROM completion_idempotency WHERE user_id = $1 AND key = $2`,
		idem.UserID, idem.Key).Scan(&hash, &seq)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		for _, table := range [...]string{"document_idempotency", "record_idempotency"} {
			if err := s.keyUsedBy(ctx, tx, table, idem); err != nil {
				return 0, false, err
			}
		}
		return 0, false, nil
	case err != nil:
		return 0, false, fmt.Errorf("store: idempotency key: %w", err)
	case !bytes.Equal(hash, idem.RequestHash[:]):
		return 0, false, records.ErrIdempotencyMismatch
	}
	return seq, true, nil
}

const completionColumns = `seq, task_id, occurrence, done_on, recorded_by, at`

func scanCompletion(r rowScanner, c *records.Completion) error {
	return r.Scan(&c.Seq, &c.TaskID, dayScan{&c.Occurrence}, dayScan{&c.DoneOn}, &c.RecordedBy, timeScan{&c.At})
}

// RecordCompletion records, by a, that an occurrence of a task of the
// provincial plan was done: c.TaskID (the plan's id of the task: short
// valid text), c.Occurrence (the occurrence's due day; zero for a one-off
// task) and c.DoneOn (a day); the store sets Seq, RecordedBy and At. It
// appends it with its audit entry (action plan.complete, resource
// "plan_task", id the task's id) in one transaction, and returns it.
// Whether the task and occurrence are the plan's is the caller's to check,
// before (reporting.PlanStatus refuses what is not); so is giving a
// one-off task's occurrence always the same way (zero, or its due day).
//
// A completion is never changed or removed. An occurrence is completed
// once: a *records.ConflictError of code CodeDuplicateCompletion (409) when
// the task and occurrence were recorded before. With idem.Key set, a
// retry with the same key and hash returns the completion the first call
// recorded and records nothing again; the key used for another request is
// records.ErrIdempotencyMismatch.
func (s *Store) RecordCompletion(ctx context.Context, a records.Actor, idem records.Idempotency, c records.Completion) (records.Completion, error) {
	if err := checkIdem(idem, a); err != nil {
		return records.Completion{}, err
	}
	switch {
	case a.UserID <= 0:
		return records.Completion{}, errors.New("store: a completion is recorded by a user")
	case c.TaskID == "" || !shortText(c.TaskID):
		return records.Completion{}, errors.New("store: a completion's task id must be short valid text")
	case c.DoneOn.IsZero():
		return records.Completion{}, errors.New("store: a completion needs the day it was done")
	}
	var out records.Completion
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		out = records.Completion{}
		seq, found, err := s.completionLookup(ctx, tx, idem)
		if err != nil {
			return nil, err
		}
		if found {
			err := scanCompletion(tx.QueryRowContext(ctx, `SELECT `+completionColumns+` FROM plan_completions WHERE seq = $1`, seq), &out)
			if err != nil {
				return nil, fmt.Errorf("store: completion: %w", err)
			}
			return nil, nil
		}
		now := micro(s.now())
		out = records.Completion{TaskID: c.TaskID, Occurrence: c.Occurrence, DoneOn: c.DoneOn, RecordedBy: a.UserID, At: now}
		// The unique index decides a duplicate: looked for first, so that
		// PostgreSQL's transaction is not spoilt by the failed insert.
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM plan_completions WHERE task_id = $1 AND occurrence IS NOT DISTINCT FROM $2`,
			c.TaskID, s.dayArg(c.Occurrence)).Scan(&one)
		switch {
		case err == nil:
			return nil, &records.ConflictError{Code: CodeDuplicateCompletion}
		case !errors.Is(err, sql.ErrNoRows):
			return nil, fmt.Errorf("store: completion: %w", err)
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO plan_completions (task_id, occurrence, done_on, recorded_by, at)
			VALUES ($1, $2, $3, $4, $5) RETURNING seq`,
			c.TaskID, s.dayArg(c.Occurrence), s.dayArg(c.DoneOn), a.UserID, s.d.timeArg(now)).Scan(&out.Seq); err != nil {
			if s.d.class(err) == errUnique {
				return nil, &records.ConflictError{Code: CodeDuplicateCompletion}
			}
			return nil, fmt.Errorf("store: completion: %w", err)
		}
		if idem.Key != "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO completion_idempotency (user_id, key, request_hash, seq, at) VALUES ($1, $2, $3, $4, $5)`,
				idem.UserID, idem.Key, idem.RequestHash[:], out.Seq, s.d.timeArg(now)); err != nil {
				return nil, fmt.Errorf("store: idempotency key: %w", err)
			}
		}
		e := s.entry(a, access.CompletePlan, ResourcePlanTask, c.TaskID)
		e.At = now
		return []records.Entry{e}, nil
	})
	if err != nil {
		return records.Completion{}, err
	}
	return out, nil
}

// Completions returns every completion recorded, in the order recorded
// (by Seq). The slice is never nil.
func (s *Store) Completions(ctx context.Context) ([]records.Completion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+completionColumns+` FROM plan_completions ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("store: completions: %w", err)
	}
	defer rows.Close()
	out := []records.Completion{}
	for rows.Next() {
		var c records.Completion
		if err := scanCompletion(rows, &c); err != nil {
			return nil, fmt.Errorf("store: completions: %w", err)
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: completions: %w", err)
	}
	return out, nil
}
