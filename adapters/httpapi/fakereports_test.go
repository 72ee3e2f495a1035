package httpapi

import (
	"context"
	"slices"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
)

// The fake's reads for the reports from the store, and the provincial
// plan's completions (append-only, idempotent by key like the others).

type fakePlan struct {
	done []records.Completion
	idem map[fakeIdemKey]fakePlanIdem
}

type fakePlanIdem struct {
	hash [32]byte
	c    records.Completion
}

func (f *fakeRecords) EachDocument(ctx context.Context, kind string, scope access.Scope, flt records.DocumentFilter, fn func(records.Document) error) error {
	f.mu.Lock()
	var out []records.Document
	if !scope.Empty() {
		for _, d := range f.docs[kind] {
			c := d.cur
			if !scope.Holds(access.Resource{Commune: c.Commune, Province: c.Province}) ||
				flt.Period != "" && c.Period != flt.Period || flt.Commune != "" && c.Commune != flt.Commune ||
				flt.Status != "" && c.Status != flt.Status {
				continue
			}
			c.Body = slices.Clone(c.Body)
			for _, st := range d.steps { // as the store: the first submit's time
				if st.Transition == "submit" {
					at := st.At
					c.FirstSubmittedAt = &at
					break
				}
			}
			out = append(out, c)
		}
	}
	f.mu.Unlock()
	for _, d := range out {
		if err := fn(d); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (f *fakeRecords) EachLoan(ctx context.Context, scope access.Scope, flt records.LoanFilter, fn func(records.Loan, []records.Payment) error) error {
	f.mu.Lock()
	type loanPays struct {
		l  records.Loan
		ps []records.Payment
	}
	var out []loanPays
	if !scope.Empty() {
		for _, l := range f.lend.loans {
			if !scope.Holds(access.Resource{Commune: l.Commune, Province: l.Province}) ||
				flt.Commune != "" && l.Commune != flt.Commune || flt.Status != "" && l.Status != flt.Status {
				continue
			}
			out = append(out, loanPays{l, slices.Clone(f.lend.payments[l.ID])})
		}
	}
	f.mu.Unlock()
	for _, lp := range out {
		if err := fn(lp.l, lp.ps); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (f *fakeRecords) RecordCompletion(_ context.Context, a records.Actor, idem records.Idempotency, c records.Completion) (records.Completion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := fakeIdemKey{idem.UserID, idem.Key}
	if idem.Key != "" {
		if seen, ok := f.plan.idem[k]; ok {
			if seen.hash != idem.RequestHash {
				return records.Completion{}, records.ErrIdempotencyMismatch
			}
			return seen.c, nil
		}
	}
	for _, d := range f.plan.done {
		if d.TaskID == c.TaskID && d.Occurrence == c.Occurrence {
			return records.Completion{}, &records.ConflictError{Code: reporting.CodeDuplicateCompletion}
		}
	}
	c.Seq, c.RecordedBy, c.At = int64(len(f.plan.done)+1), a.UserID, f.now()
	f.plan.done = append(f.plan.done, c)
	f.change(a, access.CompletePlan, "plan_task", c.Seq)
	if idem.Key != "" {
		if f.plan.idem == nil {
			f.plan.idem = map[fakeIdemKey]fakePlanIdem{}
		}
		f.plan.idem[k] = fakePlanIdem{hash: idem.RequestHash, c: c}
	}
	return c, nil
}

func (f *fakeRecords) Completions(context.Context) ([]records.Completion, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.plan.done), nil
}
