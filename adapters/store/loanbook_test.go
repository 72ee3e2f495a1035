package store_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/records"
)

// booked is a loan of VBSP's book for the tests: 30,000,000 lent in the
// commune, owing outstanding (overdue of it) on the book's day.
func booked(id, commune string, outstanding, overdue credit.VND) records.BookedLoan {
	return records.BookedLoan{LoanID: id, Commune: commune, Province: "12", BorrowerKind: "individual",
		Purpose: "livelihood", CapitalSource: "central", Channel: "womens_union", DisbursedOn: day("2024-05-20"),
		Amount: 30_000_000, Position: records.Position{Outstanding: outstanding, Overdue: overdue, Jobs: 1}}
}

func each(loans ...records.BookedLoan) func(func(int, records.BookedLoan) bool) {
	return slices.All(loans)
}

// bookOn collects the booked loans in scope with their positions on a day.
func bookOn(t *testing.T, s *store.Store, scope access.Scope, on string) []records.BookedLoan {
	t.Helper()
	var out []records.BookedLoan
	if err := s.EachBookedLoan(ctx, scope, day(on), func(b records.BookedLoan) error {
		out = append(out, b)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportLoans(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, c := docStore(t, e)
		before := len(allEntries(t, s))

		// The first book: two loans, new.
		imp, err := s.ImportLoans(ctx, vbsp, day("2025-11-30"), each(
			booked("VBSP-1", communeA, 20_000_000, 0), booked("VBSP-2", communeB, 30_000_000, 5_000_000)))
		if err != nil {
			t.Fatal(err)
		}
		want := records.LoanImport{ID: 1, AsOf: day("2025-11-30"), Loans: 2, Created: 2, Positions: 2, ImportedBy: vbsp.UserID, At: c.Now()}
		if imp != want {
			t.Fatalf("import %+v\nwant %+v", imp, want)
		}
		// The same book again: idempotent by loan_id.
		imp, err = s.ImportLoans(ctx, vbsp, day("2025-11-30"), each(
			booked("VBSP-1", communeA, 20_000_000, 0), booked("VBSP-2", communeB, 30_000_000, 5_000_000)))
		if err != nil || imp.ID != 2 || imp.Loans != 2 || imp.Created != 0 || imp.Positions != 0 {
			t.Fatalf("again: %+v, %v", imp, err)
		}
		// A corrected book of the same day, and the next month's with a new loan.
		if imp, err = s.ImportLoans(ctx, vbsp, day("2025-11-30"), each(booked("VBSP-2", communeB, 30_000_000, 4_000_000))); err != nil || imp.Positions != 1 {
			t.Fatalf("correction: %+v, %v", imp, err)
		}
		if imp, err = s.ImportLoans(ctx, vbsp, day("2025-12-31"), each(
			booked("VBSP-1", communeA, 18_000_000, 0), booked("VBSP-3", communeA, 30_000_000, 0))); err != nil || imp.Created != 1 || imp.Positions != 2 {
			t.Fatalf("next month: %+v, %v", imp, err)
		}

		// The position on a day: the latest day on or before it, the latest import of that day.
		type pos struct {
			id                   string
			asOf                 string
			outstanding, overdue credit.VND
		}
		positions := func(on string, scope access.Scope) []pos {
			var out []pos
			for _, b := range bookOn(t, s, scope, on) {
				p := pos{id: b.LoanID, outstanding: b.Position.Outstanding, overdue: b.Position.Overdue}
				if !b.Position.AsOf.IsZero() {
					p.asOf = b.Position.AsOf.String()
				}
				out = append(out, p)
			}
			return out
		}
		for _, tc := range []struct {
			on    string
			scope access.Scope
			want  []pos
		}{
			{"2025-11-29", all, []pos{{"VBSP-1", "", 0, 0}, {"VBSP-2", "", 0, 0}, {"VBSP-3", "", 0, 0}}},
			{"2025-11-30", all, []pos{{"VBSP-1", "2025-11-30", 20_000_000, 0}, {"VBSP-2", "2025-11-30", 30_000_000, 4_000_000}, {"VBSP-3", "", 0, 0}}},
			{"2025-12-30", all, []pos{{"VBSP-1", "2025-11-30", 20_000_000, 0}, {"VBSP-2", "2025-11-30", 30_000_000, 4_000_000}, {"VBSP-3", "", 0, 0}}},
			{"2025-12-31", all, []pos{{"VBSP-1", "2025-12-31", 18_000_000, 0}, {"VBSP-2", "2025-11-30", 30_000_000, 4_000_000}, {"VBSP-3", "2025-12-31", 30_000_000, 0}}},
			{"2026-06-01", access.Scope{Communes: []string{communeA}}, []pos{{"VBSP-1", "2025-12-31", 18_000_000, 0}, {"VBSP-3", "2025-12-31", 30_000_000, 0}}},
			{"2026-06-01", access.Scope{Province: "12"}, []pos{{"VBSP-1", "2025-12-31", 18_000_000, 0}, {"VBSP-2", "2025-11-30", 30_000_000, 4_000_000}, {"VBSP-3", "2025-12-31", 30_000_000, 0}}},
			{"2026-06-01", access.Scope{Province: "11"}, nil},
			{"2026-06-01", access.Scope{}, nil},
		} {
			if got := positions(tc.on, tc.scope); !slices.Equal(got, tc.want) {
				t.Errorf("on %s in %+v:\n got %v\nwant %v", tc.on, tc.scope, got, tc.want)
			}
		}

		// A book that contradicts what is stored: every difference, nothing written.
		moved := booked("VBSP-1", communeB, 1, 0)
		moved.Amount, moved.Channel = 31_000_000, "youth_union"
		_, err = s.ImportLoans(ctx, vbsp, day("2026-01-31"), each(booked("VBSP-9", communeA, 1, 0), moved, booked("VBSP-3", communeA, 1, 0)))
		var ps credit.Problems
		if !errors.As(err, &ps) {
			t.Fatalf("contradiction: %v", err)
		}
		var got []string
		for _, p := range ps {
			got = append(got, p.Pointer+" "+p.Code)
		}
		if w := []string{"/loans/1/commune_code differs_from_stored", "/loans/1/channel differs_from_stored", "/loans/1/amount differs_from_stored"}; !slices.Equal(got, w) {
			t.Fatalf("problems %v\nwant %v", got, w)
		}
		if n := len(bookOn(t, s, all, "2026-01-31")); n != 3 {
			t.Fatalf("%d booked loans after a refused import, want 3", n)
		}

		// The caller's mistakes: plain errors, nothing written.
		for name, b := range map[string]records.BookedLoan{
			"no loan_id":            booked("", communeA, 1, 0),
			"loan_id too long":      booked(strings.Repeat("x", 65), communeA, 1, 0),
			"commune of 4 digits":   booked("VBSP-8", "0342", 1, 0),
			"outstanding > amount":  booked("VBSP-8", communeA, 30_000_001, 0),
			"overdue > outstanding": booked("VBSP-8", communeA, 1, 2),
		} {
			if _, err := s.ImportLoans(ctx, vbsp, day("2026-01-31"), each(booked("VBSP-7", communeA, 1, 0), b)); err == nil || errors.As(err, &ps) {
				t.Errorf("%s: %v", name, err)
			}
		}
		late := booked("VBSP-8", communeA, 1, 0)
		late.DisbursedOn = day("2026-02-01")
		for name, loans := range map[string]func(func(int, records.BookedLoan) bool){
			"disbursed after the book": each(late),
			"a loan_id twice":          each(booked("VBSP-8", communeA, 1, 0), booked("VBSP-8", communeA, 1, 0)),
		} {
			if _, err := s.ImportLoans(ctx, vbsp, day("2026-01-31"), loans); err == nil {
				t.Errorf("%s: imported", name)
			}
		}
		if n := len(bookOn(t, s, all, "2026-01-31")); n != 3 {
			t.Fatalf("%d booked loans after refused imports, want 3", n)
		}

		// One entry per import that happened, naming the import, never a loan.
		entries := allEntries(t, s)[before:]
		if len(entries) != 4 {
			t.Fatalf("%d entries, want 4", len(entries))
		}
		for i, en := range entries {
			if en.Action != string(access.LoanImport) || en.Resource != store.ResourceLoanImport || en.ResourceID != string(rune('1'+i)) {
				t.Errorf("entry %+v", en)
			}
		}
		mustVerify(t, s)

		// Nothing of the book changes behind the store's back either.
		raw := e.raw(t, dsn)
		for _, q := range []string{`UPDATE booked_loans SET amount = 1`, `DELETE FROM booked_positions`, `UPDATE loan_imports SET loans = 0`} {
			if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "append-only") && !strings.Contains(err.Error(), "kept") {
				t.Errorf("%s: %v", q, err)
			}
		}
	})
}

// TestImportLoansManyProblems: a book contradicting the store everywhere
// lists forms.MaxProblems problems and stops there.
func TestImportLoansManyProblems(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		var first, second []records.BookedLoan
		for i := range forms.MaxProblems + 10 {
			b := booked("L"+strconv.Itoa(i), communeA, 1, 0)
			first = append(first, b)
			b.Amount++
			second = append(second, b)
		}
		if _, err := s.ImportLoans(ctx, vbsp, day("2025-11-30"), slices.All(first)); err != nil {
			t.Fatal(err)
		}
		_, err := s.ImportLoans(ctx, vbsp, day("2025-12-31"), slices.All(second))
		var ps credit.Problems
		if !errors.As(err, &ps) || len(ps) != forms.MaxProblems+1 || ps[len(ps)-1].Code != forms.CodeTooManyProblems || ps[len(ps)-1].Pointer != "/loans" {
			t.Fatalf("%d problems, %v", len(ps), err)
		}
	})
}
