package lending_test

import (
	"errors"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

// TestStatementOverTheCut: a loan of 100,000,000 from 2025-10-01, no
// principal due before 2026-10-01, stated on 2026-01-01. In Lai Châu (12,
// QĐ2654) and Khánh Hòa (56, QĐ2731) the three months of Q4 2025 are charged
// 2 %/year less than in Cà Mau (96, outside the cut) and than nationally:
// per period, the interest of the cut itself — 172,222 (31 days), 166,667
// (30 days), 172,222 (31 days) — and 511,111 over the quarter.
func TestStatementOverTheCut(t *testing.T) {
	b := credit.DefaultBook()
	loan := func(province string) lending.Loan {
		return lending.Loan{Amount: 100_000_000, DisbursedOn: credit.MustDate(2025, 10, 1), TermMonths: 24,
			PrincipalEveryMonths: 12, Province: province}
	}
	statement := func(province string, asOf credit.Date) lending.Statement {
		t.Helper()
		st, err := lending.StatementOf(b, loan(province), nil, asOf)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	for _, tc := range []struct {
		asOf credit.Date
		cut  credit.VND // interest of the cut up to asOf
	}{
		{credit.MustDate(2025, 10, 1), 0},
		{credit.MustDate(2025, 10, 2), 5_555},             // one day, each side rounded: 18,333 − 12,778
		{credit.MustDate(2025, 11, 1), 172_222},           // October
		{credit.MustDate(2025, 12, 1), 172_222 + 166_667}, // and November
		{credit.MustDate(2026, 1, 1), 511_111},            // and December
		{credit.MustDate(2026, 1, 2), 511_111},            // the cut is over
	} {
		t.Run(tc.asOf.String(), func(t *testing.T) {
			national, outside := statement("", tc.asOf), statement("96", tc.asOf)
			for _, province := range []string{"12", "56"} {
				in := statement(province, tc.asOf)
				owed := func(s lending.Statement) credit.VND { return s.InterestDue + s.InterestAccrued }
				if got := owed(outside) - owed(in); got != tc.cut {
					t.Errorf("province %s: interest %d, outside the cut %d: differs by %d, want %d", province, owed(in), owed(outside), got, tc.cut)
				}
				if owed(national) != owed(outside) {
					t.Errorf("national %d, province 96 %d: want the same", owed(national), owed(outside))
				}
			}
		})
	}
	// The rates applied name the cut's decision for its days.
	st := statement("12", credit.MustDate(2026, 2, 1))
	var got []string
	for _, r := range st.Rates {
		got = append(got, r.From.String()+" "+r.Rate.YearlyPct().String()+" "+r.Citation.Instrument)
	}
	want := []string{"2025-10-01 4.6 2654/QĐ-TTg", "2025-12-01 4.24 2654/QĐ-TTg", "2026-01-01 6.24 2553/QĐ-TTg"}
	if len(got) != len(want) {
		t.Fatalf("rates %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("rates[%d] = %s, want %s", i, got[i], want[i])
		}
	}
}

// TestLoanProvinceAndLeave: a province must exist; study leave belongs to
// training and lengthens the disbursement period (Art. 8 cl. 1 point b).
func TestLoanProvinceAndLeave(t *testing.T) {
	b := credit.DefaultBook()
	on := credit.MustDate(2026, 1, 5)
	training := func(course, leave, term int) lending.Loan {
		return lending.Loan{Amount: 40_000_000, DisbursedOn: on, Purpose: credit.VocationalTraining,
			CourseMonths: course, LeaveMonths: leave, TermMonths: term, PrincipalEveryMonths: 1}
	}
	for _, tc := range []struct {
		name string
		loan lending.Loan
		want string // the pointer of the one problem, "" for none
	}{
		{"10-month course, 2 months' leave: 12 + 24 months", training(10, 2, 36), ""},
		{"one month more than course, leave and twice both", training(10, 2, 37), "/term_months"},
		{"without leave the term is 30 months", training(10, 0, 30), ""},
		{"without leave 31 is too long", training(10, 0, 31), "/term_months"},
		{"the term must outlast the disbursement period", training(10, 2, 12), "/term_months"},
		{"60 months' leave", training(10, 60, 140), ""},
		{"61 months' leave", training(10, 61, 140), "/leave_months"},
		{"negative leave", training(10, -1, 30), "/leave_months"},
		{"leave on a production loan", lending.Loan{Amount: 1, DisbursedOn: on, TermMonths: 12, PrincipalEveryMonths: 12, LeaveMonths: 2}, "/leave_months"},
		{"a province of 2025", lending.Loan{Amount: 1, DisbursedOn: on, TermMonths: 12, PrincipalEveryMonths: 12, Province: "12"}, ""},
		{"an ID-number province code", lending.Loan{Amount: 1, DisbursedOn: on, TermMonths: 12, PrincipalEveryMonths: 12, Province: "012"}, "/province"},
		{"known before QĐ22 was signed", lending.Loan{Amount: 1, DisbursedOn: on, TermMonths: 12, PrincipalEveryMonths: 12, KnownOn: credit.MustDate(2023, 8, 16)}, "/known_on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.loan.Validate(b)
			var got string
			if err != nil {
				var probs credit.Problems
				if !errors.As(err, &probs) || len(probs) != 1 {
					t.Fatalf("error %v, want one problem", err)
				}
				got = probs[0].Pointer
			}
			if got != tc.want {
				t.Errorf("problem at %q, want %q (%v)", got, tc.want, err)
			}
		})
	}
}
