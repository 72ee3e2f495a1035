package httpapi

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// The fake's applications, loans and payments, kept as the store keeps
// them: applications made only with their receipt, person keys beside
// them, a decision once, payments appended, a loan closed only from
// active.

type fakeLending struct {
	apps     []records.Application // id = index + 1
	keys     []fakePersonKey
	loans    []records.Loan // id = index + 1
	payments map[int64][]records.Payment
	idem     map[fakeIdemKey]fakeLendIdem
}

type fakePersonKey struct {
	period, key, commune string
	app                  int64
}

// fakeLendIdem is what a decision or a payment answered first.
type fakeLendIdem struct {
	hash [32]byte
	app  records.Application
	loan *records.Loan
	pay  records.Payment
}

// lendReplay answers a retried decision or payment; ok is false for a new
// key. A key the documents used is a mismatch.
func (f *fakeRecords) lendReplay(idem records.Idempotency) (fakeLendIdem, bool, error) {
	if idem.Key == "" {
		return fakeLendIdem{}, false, nil
	}
	k := fakeIdemKey{idem.UserID, idem.Key}
	if _, used := f.idem[k]; used {
		return fakeLendIdem{}, true, records.ErrIdempotencyMismatch
	}
	seen, ok := f.lend.idem[k]
	if !ok {
		return fakeLendIdem{}, false, nil
	}
	if seen.hash != idem.RequestHash {
		return fakeLendIdem{}, true, records.ErrIdempotencyMismatch
	}
	return seen, true, nil
}

func (f *fakeRecords) lendRemember(idem records.Idempotency, v fakeLendIdem) {
	if idem.Key == "" {
		return
	}
	if f.lend.idem == nil {
		f.lend.idem = map[fakeIdemKey]fakeLendIdem{}
	}
	v.hash = idem.RequestHash
	f.lend.idem[fakeIdemKey{idem.UserID, idem.Key}] = v
}

func (f *fakeRecords) ReceiveDocument(_ context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, note string,
	screen func(records.Document) ([]records.Application, []string, error)) (records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if out, seen, err := f.replay(idem); seen {
		return out, err
	}
	d, err := f.doc(kind, id)
	if err != nil {
		return records.Document{}, err
	}
	k := wfKind(kind)
	to, err := workflow.Apply(k, workflow.Status(d.cur.Status), workflow.Receive,
		workflow.Actor{UserID: a.UserID, Role: access.Role(a.Role)}, d.cur.SubmittedBy, note)
	if err != nil {
		return records.Document{}, err
	}
	received := d.cur
	received.Body = slices.Clone(received.Body)
	apps, keys, err := screen(received)
	if err != nil {
		return records.Document{}, err
	}
	if len(keys) != len(apps) {
		return records.Document{}, fmt.Errorf("fake: %d applications, %d person keys", len(apps), len(keys))
	}
	now := f.now()
	for i, app := range apps {
		app.ID = int64(len(f.lend.apps) + 1)
		app.DocumentID, app.Kind, app.Commune, app.Province, app.Period, app.CreatedAt = id, kind, d.cur.Commune, d.cur.Province, d.cur.Period, now
		app.Screening, app.SharedWith = slices.Clone(app.Screening), nil
		f.lend.apps = append(f.lend.apps, app)
		if keys[i] != "" {
			f.lend.keys = append(f.lend.keys, fakePersonKey{period: d.cur.Period, key: keys[i], commune: d.cur.Commune, app: app.ID})
		}
	}
	d.cur.Status, d.cur.UpdatedAt = string(to), now
	d.steps = append(d.steps, records.Step{Transition: string(workflow.Receive), Status: d.cur.Status, Version: d.cur.Version, At: now, UserID: a.UserID, Role: a.Role, Note: note})
	f.change(a, k.Action(workflow.Receive), kind, id)
	f.remember(idem, d.cur)
	return d.cur, nil
}

// withShared returns the application with SharedWith filled.
func (f *fakeRecords) withShared(app records.Application) records.Application {
	var mine []fakePersonKey
	for _, k := range f.lend.keys {
		if k.app == app.ID {
			mine = append(mine, k)
		}
	}
	var shared []string
	for _, m := range mine {
		for _, k := range f.lend.keys {
			if k.key == m.key && k.period == m.period && k.commune != app.Commune && !slices.Contains(shared, k.commune) {
				shared = append(shared, k.commune)
			}
		}
	}
	slices.Sort(shared)
	app.SharedWith = shared
	app.Screening = slices.Clone(app.Screening)
	return app
}

func (f *fakeRecords) Applications(_ context.Context, scope access.Scope, flt records.ApplicationFilter) ([]records.Application, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []records.Application
	if scope.Empty() {
		return out, nil
	}
	for _, app := range f.lend.apps {
		decision := app.Decision
		if decision == "" {
			decision = "pending"
		}
		if !scope.Holds(access.Resource{Commune: app.Commune, Province: app.Province}) ||
			flt.DocumentID != 0 && app.DocumentID != flt.DocumentID || flt.Decision != "" && decision != flt.Decision {
			continue
		}
		out = append(out, f.withShared(app))
	}
	return fakePage(out, flt.Page, func(a records.Application) int64 { return a.ID }), nil
}

func (f *fakeRecords) Application(_ context.Context, id int64) (records.Application, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id < 1 || id > int64(len(f.lend.apps)) {
		return records.Application{}, records.ErrNotFound
	}
	return f.withShared(f.lend.apps[id-1]), nil
}

func (f *fakeRecords) Decide(_ context.Context, a records.Actor, idem records.Idempotency, appID int64, d records.Decision, loan *records.Loan) (records.Application, *records.Loan, error) {
	// As the store: an approval always comes with its loan, a retry too.
	if (d.Outcome == records.DecisionApproved) != (loan != nil) {
		return records.Application{}, nil, fmt.Errorf("fake: outcome %q with loan %v", d.Outcome, loan != nil)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if seen, ok, err := f.lendReplay(idem); ok {
		return seen.app, seen.loan, err
	}
	if appID < 1 || appID > int64(len(f.lend.apps)) {
		return records.Application{}, nil, records.ErrNotFound
	}
	app := &f.lend.apps[appID-1]
	if app.Decision != "" {
		return records.Application{}, nil, &records.ConflictError{Code: "already_decided"}
	}
	now := f.now()
	app.Decision, app.Note, app.DecidedBy, app.DecidedAt = d.Outcome, d.Note, a.UserID, &now
	var made *records.Loan
	if loan != nil {
		l := *loan
		l.ID, l.ApplicationID, l.Status, l.CreatedBy, l.CreatedAt = int64(len(f.lend.loans)+1), appID, records.LoanActive, a.UserID, now
		f.lend.loans = append(f.lend.loans, l)
		app.LoanID = l.ID
		made = &l
	}
	f.change(a, access.ApplicationDecide, "application", appID)
	out := f.withShared(*app)
	f.lendRemember(idem, fakeLendIdem{app: out, loan: made})
	return out, made, nil
}

func (f *fakeRecords) Loan(_ context.Context, id int64) (records.Loan, []records.Payment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id < 1 || id > int64(len(f.lend.loans)) {
		return records.Loan{}, nil, records.ErrNotFound
	}
	return f.lend.loans[id-1], slices.Clone(f.lend.payments[id]), nil
}

func (f *fakeRecords) Loans(_ context.Context, scope access.Scope, flt records.LoanFilter) ([]records.Loan, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []records.Loan
	if scope.Empty() {
		return out, nil
	}
	for _, l := range f.lend.loans {
		if !scope.Holds(access.Resource{Commune: l.Commune, Province: l.Province}) ||
			flt.Commune != "" && l.Commune != flt.Commune || flt.Status != "" && l.Status != flt.Status {
			continue
		}
		out = append(out, l)
	}
	return fakePage(out, flt.Page, func(l records.Loan) int64 { return l.ID }), nil
}

func (f *fakeRecords) AddPayment(_ context.Context, a records.Actor, idem records.Idempotency, loanID int64, p records.Payment, closes records.Closing) (records.Payment, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if seen, ok, err := f.lendReplay(idem); ok {
		return seen.pay, err
	}
	if loanID < 1 || loanID > int64(len(f.lend.loans)) {
		return records.Payment{}, records.ErrNotFound
	}
	l := &f.lend.loans[loanID-1]
	if l.Status == records.LoanClosed {
		return records.Payment{}, &records.ConflictError{Code: "loan_closed"}
	}
	if f.lend.payments == nil {
		f.lend.payments = map[int64][]records.Payment{}
	}
	p.LoanID, p.Seq, p.RecordedBy, p.At = loanID, len(f.lend.payments[loanID])+1, a.UserID, f.now().Truncate(time.Microsecond)
	f.lend.payments[loanID] = append(f.lend.payments[loanID], p)
	if closes != nil {
		if on := closes(*l, slices.Clone(f.lend.payments[loanID])); !on.IsZero() {
			l.Status, l.ClosedOn = records.LoanClosed, on
		}
	}
	// As the store: resource "payment", id "loan/seq".
	f.appendLocked(records.Entry{UserID: a.UserID, Role: a.Role, Action: string(access.LoanPay), Resource: "payment",
		ResourceID: fmt.Sprintf("%d/%d", loanID, p.Seq), Outcome: records.OutcomeOK, RequestID: a.RequestID})
	f.lendRemember(idem, fakeLendIdem{pay: p})
	return p, nil
}
