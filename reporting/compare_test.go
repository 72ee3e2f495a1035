package reporting_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

var (
	cmpBefore = credit.MustDate(2024, time.September, 30) // the one-year review
	cmpAfter  = credit.MustDate(2025, time.September, 30)
)

// cmpLoan is a loan of commune c disbursed on d: amount, outstanding,
// overdue, jobs.
func cmpLoan(id, c string, d credit.Date, amount, outstanding, overdue credit.VND, jobs int) reporting.Loan {
	return pfLoan(id, func(l *reporting.Loan) {
		l.CommuneCode, l.DisbursedOn = c, d
		l.Amount, l.Outstanding, l.Overdue, l.Jobs = amount, outstanding, overdue, jobs
	})
}

// cmpBooks are two books a year apart:
//
//	A 03424 continues, 80 → 50 outstanding
//	B 03424 repaid: 50 outstanding → 0
//	C 03430 repaid: 30 outstanding, gone from the later book
//	D 03430 nothing outstanding before, gone: not repaid
//	E 03433 in the earlier list but disbursed after its date: new
//	F 03424 new
//	G 03424 disbursed after the later date: left out
//
// (amounts in millions of đồng).
func cmpBooks() (before, after []reporting.Loan) {
	const M = 1_000_000
	d := func(y int, m time.Month, day int) credit.Date { return credit.MustDate(y, m, day) }
	before = []reporting.Loan{
		cmpLoan("A", "03424", d(2024, 1, 10), 100*M, 80*M, 0, 1),
		cmpLoan("B", "03424", d(2024, 2, 1), 50*M, 50*M, 10*M, 2),
		cmpLoan("C", "03430", d(2024, 3, 1), 40*M, 30*M, 0, 1),
		cmpLoan("D", "03430", d(2024, 3, 1), 20*M, 0, 0, 0),
		cmpLoan("E", "03433", d(2024, 10, 5), 70*M, 70*M, 0, 3),
	}
	after = []reporting.Loan{
		cmpLoan("A", "03424", d(2024, 1, 10), 100*M, 50*M, 5*M, 1),
		cmpLoan("B", "03424", d(2024, 2, 1), 50*M, 0, 0, 2),
		cmpLoan("E", "03433", d(2024, 10, 5), 70*M, 70*M, 0, 3),
		cmpLoan("F", "03424", d(2025, 3, 1), 30*M, 30*M, 0, 2),
		cmpLoan("G", "03424", d(2025, 10, 10), 60*M, 60*M, 0, 1),
	}
	return before, after
}

func TestCompareSnapshots(t *testing.T) {
	const M = 1_000_000
	before, after := cmpBooks()
	c, err := reporting.CompareSnapshots(cmpBefore, pfLoans(before...), cmpAfter, pfLoans(after...))
	if err != nil {
		t.Fatal(err)
	}
	want := reporting.Comparison{
		Before: cmpBefore,
		After:  cmpAfter,
		Totals: reporting.Change{
			Before: pfFig(4, 210*M, 160*M, 10*M, 4),
			After:  pfFig(4, 250*M, 150*M, 5*M, 8),
			Growth: -10 * M,
			New:    reporting.Flow{Loans: 2, Amount: 100 * M},
			Repaid: reporting.Flow{Loans: 2, Amount: 80 * M},
		},
		ByCommune: []reporting.ChangeGroup{
			{Key: "03424", Change: reporting.Change{
				Before: pfFig(2, 150*M, 130*M, 10*M, 3),
				After:  pfFig(3, 180*M, 80*M, 5*M, 5),
				Growth: -50 * M,
				New:    reporting.Flow{Loans: 1, Amount: 30 * M},
				Repaid: reporting.Flow{Loans: 1, Amount: 50 * M},
			}},
			{Key: "03430", Change: reporting.Change{
				Before: pfFig(2, 60*M, 30*M, 0, 1),
				Growth: -30 * M,
				Repaid: reporting.Flow{Loans: 1, Amount: 30 * M},
			}},
			{Key: "03433", Change: reporting.Change{
				After:  pfFig(1, 70*M, 70*M, 0, 3),
				Growth: 70 * M,
				New:    reporting.Flow{Loans: 1, Amount: 70 * M},
			}},
		},
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("comparison\ngot  %+v\nwant %+v", c, want)
	}
	for _, tc := range []struct {
		name string
		c    reporting.Change
		want string
	}{
		{"totals", c.Totals, "-6.25"},                                                                // −10/160
		{"03424", c.ByCommune[0].Change, "-38.46"},                                                   // −50/130 = −38.4615…
		{"03430", c.ByCommune[1].Change, "-100.00"},                                                  // all repaid
		{"03433", c.ByCommune[2].Change, "0"},                                                        // nothing before
		{"half", reporting.Change{Growth: -1, Before: reporting.Figures{Outstanding: 800}}, "-0.13"}, // −0.125: away from zero
		{"growth", reporting.Change{Growth: 1, Before: reporting.Figures{Outstanding: 801}}, "0.12"},
	} {
		if got := tc.c.GrowthPct(); got != tc.want {
			t.Errorf("%s: GrowthPct = %q, want %q", tc.name, got, tc.want)
		}
	}

	// A snapshot compares again, with the same result, and with itself.
	s, err := reporting.NewSnapshot(cmpBefore, pfLoans(before...))
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 4 || s.Report().Totals != want.Totals.Before {
		t.Errorf("snapshot of %d loans, totals %+v", s.Len(), s.Report().Totals)
	}
	for range 2 {
		again, err := s.Compare(cmpAfter, pfLoans(after...))
		if err != nil || !reflect.DeepEqual(again, want) {
			t.Fatalf("again: %+v, %v", again, err)
		}
	}
	same, err := s.Compare(cmpBefore, pfLoans(before...))
	if err != nil {
		t.Fatal(err)
	}
	if same.Totals.Growth != 0 || same.Totals.New != (reporting.Flow{}) || same.Totals.Repaid != (reporting.Flow{}) ||
		same.Totals.GrowthPct() != "0.00" {
		t.Errorf("the book against itself: %+v", same.Totals)
	}
}

func TestCompareSnapshotsProblems(t *testing.T) {
	before, after := cmpBooks()
	before[1].Overdue = before[1].Outstanding + 1
	after = append(after, after[0])
	for _, tc := range []struct {
		name          string
		before, after credit.Date
		want          []pfProblem
	}{
		{"loans", cmpBefore, cmpAfter, []pfProblem{
			pfP("/before/loans/1/overdue", reporting.CodeExceedsOutstanding),
			pfP("/after/loans/5/loan_id", reporting.CodeDuplicateLoanID)}},
		{"dates", credit.Date{}, cmpBefore.AddDays(-1), []pfProblem{
			pfP("/before/as_of", credit.CodeRequired),
			pfP("/before/loans/1/overdue", reporting.CodeExceedsOutstanding),
			pfP("/after/loans/5/loan_id", reporting.CodeDuplicateLoanID)}},
		{"later date before the earlier", cmpBefore, cmpBefore.AddDays(-1), []pfProblem{
			pfP("/before/loans/1/overdue", reporting.CodeExceedsOutstanding),
			pfP("/after/as_of", credit.CodeOutOfRange),
			pfP("/after/loans/5/loan_id", reporting.CodeDuplicateLoanID)}},
		{"no later date", cmpBefore, credit.Date{}, []pfProblem{
			pfP("/before/loans/1/overdue", reporting.CodeExceedsOutstanding),
			pfP("/after/as_of", credit.CodeRequired),
			pfP("/after/loans/5/loan_id", reporting.CodeDuplicateLoanID)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := reporting.CompareSnapshots(tc.before, pfLoans(before...), tc.after, pfLoans(after...))
			if got := pfProblems(t, err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems\ngot  %v\nwant %v", got, tc.want)
			}
			if !reflect.DeepEqual(c, reporting.Comparison{}) {
				t.Errorf("a comparison with the error: %+v", c)
			}
		})
	}
	if _, err := reporting.NewSnapshot(cmpBefore, pfLoans(before...)); err == nil {
		t.Error("NewSnapshot of a bad book: no error")
	}
}

// TestCompareProperties: the totals and communes of a comparison are the
// reports of the two books; its communes add up to its totals; every loan
// of the later book is new or was in the earlier one; and a repaid loan
// took its outstanding out of the book.
func TestCompareProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		before := pfGenLoans(t, "L")
		after := pfGenLoans(t, "L") // the same IDs, other values: some shared
		for i := range after {
			if rapid.Bool().Draw(t, "repaid") {
				after[i].Outstanding, after[i].Overdue = 0, 0
			}
		}
		if rapid.Bool().Draw(t, "gone") && len(after) > 0 {
			after = after[1:]
		}
		later := pfAsOf.AddDays(rapid.IntRange(0, 800).Draw(t, "later"))
		c, err := reporting.CompareSnapshots(pfAsOf, pfLoans(before...), later, pfLoans(after...))
		if err != nil {
			t.Fatal(err)
		}
		rb, _ := reporting.Build(pfAsOf, pfLoans(before...))
		ra, _ := reporting.Build(later, pfLoans(after...))
		if c.Totals.Before != rb.Totals || c.Totals.After != ra.Totals ||
			c.Totals.Growth != ra.Totals.Outstanding-rb.Totals.Outstanding {
			t.Fatalf("totals %+v, reports %+v and %+v", c.Totals, rb.Totals, ra.Totals)
		}
		in := map[string]credit.VND{}
		for _, l := range before {
			if !l.DisbursedOn.After(pfAsOf) {
				in[l.ID] = l.Outstanding
			}
		}
		var newLoans, kept int
		var repaid reporting.Flow
		seen := map[string]bool{}
		for _, l := range after {
			if l.DisbursedOn.After(later) {
				continue
			}
			seen[l.ID] = true
			out, ok := in[l.ID]
			switch {
			case !ok:
				newLoans++
			default:
				kept++
				if out > 0 && l.Outstanding == 0 {
					repaid.Loans++
					repaid.Amount += out
				}
			}
		}
		for id, out := range in {
			if !seen[id] && out > 0 {
				repaid.Loans++
				repaid.Amount += out
			}
		}
		if c.Totals.New.Loans != newLoans || newLoans+kept != ra.Totals.Loans || c.Totals.Repaid != repaid {
			t.Fatalf("new %+v (want %d loans), repaid %+v (want %+v)", c.Totals.New, newLoans, c.Totals.Repaid, repaid)
		}
		var sum reporting.Change
		for j, g := range c.ByCommune {
			if j > 0 && c.ByCommune[j-1].Key >= g.Key {
				t.Fatalf("communes not sorted: %+v", c.ByCommune)
			}
			if g.Growth != g.After.Outstanding-g.Before.Outstanding {
				t.Fatalf("commune %s: growth %d", g.Key, g.Growth)
			}
			sum.Before.Loans += g.Before.Loans
			sum.Before.Outstanding += g.Before.Outstanding
			sum.After.Loans += g.After.Loans
			sum.After.Outstanding += g.After.Outstanding
			sum.Growth += g.Growth
			sum.New.Loans += g.New.Loans
			sum.New.Amount += g.New.Amount
			sum.Repaid.Loans += g.Repaid.Loans
			sum.Repaid.Amount += g.Repaid.Amount
		}
		if sum.Before.Loans != c.Totals.Before.Loans || sum.Before.Outstanding != c.Totals.Before.Outstanding ||
			sum.After.Loans != c.Totals.After.Loans || sum.After.Outstanding != c.Totals.After.Outstanding ||
			sum.Growth != c.Totals.Growth || sum.New != c.Totals.New || sum.Repaid != c.Totals.Repaid {
			t.Fatalf("communes add up to %+v, totals %+v", sum, c.Totals)
		}
	})
}

// The snapshot and the comparison read from CSV files are those of the
// same loans given as values; problems carry the line and the column.
func TestCompareCSV(t *testing.T) {
	before, after := cmpBooks()
	want, err := reporting.CompareSnapshots(cmpBefore, pfLoans(before...), cmpAfter, pfLoans(after...))
	if err != nil {
		t.Fatal(err)
	}
	s, err := reporting.NewSnapshotCSV(strings.NewReader(pfCSV(before)), cmpBefore, 0)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.CompareCSV(strings.NewReader(pfCSV(after)), cmpAfter, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("from CSV\ngot  %+v\nwant %+v", got, want)
	}

	bad := append([]reporting.Loan(nil), after...)
	bad[2].Overdue = bad[2].Outstanding + 1 // line 4
	_, err = s.CompareCSV(strings.NewReader(pfCSV(bad)), cmpBefore.AddDays(-1), 0)
	if got, want := pfProblems(t, err), []pfProblem{pfP("/as_of", credit.CodeOutOfRange),
		pfP("/loans/2/overdue", reporting.CodeExceedsOutstanding)}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	var ps credit.Problems
	if errors.As(err, &ps) && (ps[1].Row != 4 || ps[1].Column != "J" || !strings.HasPrefix(ps[1].Message.VI, "Dòng 4: ") ||
		!strings.HasPrefix(ps[1].Message.EN, "Line 4: ")) {
		t.Errorf("overdue problem at row %d column %q, %+v; want 4, J and the line in the message", ps[1].Row, ps[1].Column, ps[1].Message)
	}

	bad = append([]reporting.Loan(nil), before...)
	bad[0].ID = ""
	if _, err := reporting.NewSnapshotCSV(strings.NewReader(pfCSV(bad)), credit.Date{}, 0); !reflect.DeepEqual(
		pfProblems(t, err), []pfProblem{pfP("/as_of", credit.CodeRequired), pfP("/loans/0/loan_id", credit.CodeRequired)}) {
		t.Errorf("snapshot problems: %v", err)
	}
	for _, tc := range []struct {
		name string
		file string
		max  int
		want error
	}{
		{"header", "loan_id,amount\nL1,5\n", 0, reporting.ErrCSVHeader},
		{"too many lines", pfCSV(before), 3, reporting.ErrTooManyLines},
		{"just enough", pfCSV(before), 5, nil},
	} {
		_, err := reporting.NewSnapshotCSV(strings.NewReader(tc.file), cmpBefore, tc.max)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("snapshot, %s: %v, want %v", tc.name, err, tc.want)
		}
		_, err = s.CompareCSV(strings.NewReader(tc.file), cmpAfter, tc.max)
		if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
			t.Errorf("compare, %s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// CheckCompareDates finds what CompareSnapshots finds with the dates alone:
// the later date may equal the earlier, not be a day before it.
func TestCheckCompareDates(t *testing.T) {
	none := pfLoans()
	for _, tc := range []struct {
		name          string
		before, after credit.Date
		want          []pfProblem
	}{
		{"a year apart", cmpBefore, cmpAfter, nil},
		{"the same day", cmpBefore, cmpBefore, nil},
		{"a day before", cmpBefore, cmpBefore.AddDays(-1), []pfProblem{pfP("/after/as_of", credit.CodeOutOfRange)}},
		{"no earlier date", credit.Date{}, cmpAfter, []pfProblem{pfP("/before/as_of", credit.CodeRequired)}},
		{"no later date", cmpBefore, credit.Date{}, []pfProblem{pfP("/after/as_of", credit.CodeRequired)}},
		{"no dates", credit.Date{}, credit.Date{}, []pfProblem{pfP("/before/as_of", credit.CodeRequired),
			pfP("/after/as_of", credit.CodeRequired)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := reporting.CheckCompareDates(tc.before, tc.after)
			_, full := reporting.CompareSnapshots(tc.before, none, tc.after, none)
			if tc.want == nil {
				if err != nil || full != nil {
					t.Fatalf("CheckCompareDates: %v; CompareSnapshots: %v", err, full)
				}
				return
			}
			if got := pfProblems(t, err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("CheckCompareDates: %v, want %v", got, tc.want)
			}
			if got := pfProblems(t, full); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("CompareSnapshots: %v, want %v", got, tc.want)
			}
		})
	}
}
