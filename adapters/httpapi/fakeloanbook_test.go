package httpapi

import (
	"context"
	"errors"
	"iter"
	"maps"
	"slices"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// The fake's loan book loaded from VBSP, kept as the store keeps it: a
// loan once by loan_id, a position per day and import, nothing changed.

type fakeBook struct {
	loans   []records.BookedLoan // id = index + 1; Position unused
	byID    map[string]int64
	pos     map[int64][]records.Position // in the order loaded
	imports int64
}

func (f *fakeRecords) ImportLoans(_ context.Context, a records.Actor, asOf credit.Date, loans iter.Seq2[int, records.BookedLoan]) (records.LoanImport, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	bk := &f.book
	if bk.byID == nil {
		bk.byID, bk.pos = map[string]int64{}, map[int64][]records.Position{}
	}
	imp := records.LoanImport{ID: bk.imports + 1, AsOf: asOf, ImportedBy: a.UserID, At: f.now().Truncate(time.Microsecond)}
	// Checked whole first, as the store's transaction does: nothing is
	// kept unless all is well.
	var ps credit.Problems
	for i, b := range loans {
		id, ok := bk.byID[b.LoanID]
		if !ok {
			continue
		}
		have := bk.loans[id-1]
		if have.Commune != b.Commune || have.Amount != b.Amount || have.DisbursedOn != b.DisbursedOn || have.Channel != b.Channel ||
			have.CapitalSource != b.CapitalSource || have.Purpose != b.Purpose || have.BorrowerKind != b.BorrowerKind {
			ps = append(ps, &credit.FieldError{Pointer: "/loans/" + strconv.Itoa(i), Code: "differs_from_stored"})
		}
	}
	if len(ps) > 0 {
		return records.LoanImport{}, ps
	}
	for _, b := range loans {
		if b.DisbursedOn.After(asOf) {
			return records.LoanImport{}, errors.New("fake: a loan disbursed after the book")
		}
		imp.Loans++
		p := b.Position
		p.AsOf, p.ImportID = asOf, imp.ID
		id, ok := bk.byID[b.LoanID]
		if !ok {
			b.ImportID, b.Position = imp.ID, records.Position{}
			bk.loans = append(bk.loans, b)
			id = int64(len(bk.loans))
			bk.loans[id-1].ID = id
			bk.byID[b.LoanID] = id
			imp.Created++
		}
		var last *records.Position
		for j, q := range bk.pos[id] {
			if q.AsOf == asOf {
				last = &bk.pos[id][j]
			}
		}
		if last == nil || last.Outstanding != p.Outstanding || last.Overdue != p.Overdue || last.Jobs != p.Jobs {
			bk.pos[id] = append(bk.pos[id], p)
			imp.Positions++
		}
	}
	bk.imports++
	f.appendLocked(records.Entry{UserID: a.UserID, Role: a.Role, Action: string(access.LoanImport), Resource: "loan_import",
		ResourceID: strconv.FormatInt(imp.ID, 10), Outcome: records.OutcomeOK, RequestID: a.RequestID})
	return imp, nil
}

func (f *fakeRecords) EachBookedLoan(ctx context.Context, scope access.Scope, asOf credit.Date, fn func(records.BookedLoan) error) error {
	f.mu.Lock()
	var out []records.BookedLoan
	if !scope.Empty() {
		for _, b := range f.book.loans {
			if !scope.Holds(access.Resource{Commune: b.Commune, Province: b.Province}) {
				continue
			}
			for _, p := range f.book.pos[b.ID] { // the latest day on or before asOf, the latest import of it
				if !p.AsOf.After(asOf) && !p.AsOf.Before(b.Position.AsOf) {
					b.Position = p
				}
			}
			out = append(out, b)
		}
	}
	f.mu.Unlock()
	for _, b := range out {
		if err := fn(b); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// clone copies the book, so that a snapshot of it stays as it was.
func (b fakeBook) clone() fakeBook {
	out := fakeBook{loans: slices.Clone(b.loans), byID: maps.Clone(b.byID), imports: b.imports}
	if b.pos != nil {
		out.pos = map[int64][]records.Position{}
		for id, ps := range b.pos {
			out.pos[id] = slices.Clone(ps)
		}
	}
	return out
}
