package lending_test

import (
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

// A 6-month loan of 30,000,000 đồng disbursed on 2025-10-15, principal every
// two months. The rate falls from 0.55 % to 0.52 % a month on 2025-12-01, in
// the middle of the second period, which is split day by day:
// 30,000,000 × (16 × 0.55 % + 14 × 0.52 %) / 30 = 160,800.
func ExampleScheduleOf() {
	s, err := lending.ScheduleOf(credit.DefaultBook(), lending.Loan{
		Amount:               30_000_000,
		DisbursedOn:          credit.MustDate(2025, time.October, 15),
		TermMonths:           6,
		PrincipalEveryMonths: 2,
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("no due on     days principal interest balance")
	for _, in := range s.Installments {
		fmt.Printf("%2d %s %4d %9d %8d %8d\n", in.No, in.DueOn, in.Days, in.Principal, in.Interest, in.BalanceAfter)
	}
	fmt.Println("total interest", s.TotalInterest)
	for _, r := range s.Rates {
		fmt.Printf("%s..%s %s %%/month (%s)\n", r.From, r.To, r.Rate.MonthlyPct(), r.Citation.Text)
	}
	// Output:
	// no due on     days principal interest balance
	//  1 2025-11-15   31         0   170500 30000000
	//  2 2025-12-15   30  10000000   160800 20000000
	//  3 2026-01-15   31         0   107467 20000000
	//  4 2026-02-15   31  10000000   107467 10000000
	//  5 2026-03-15   28         0    48533 10000000
	//  6 2026-04-15   31  10000000    53733        0
	// total interest 648500
	// 2025-10-15..2025-11-30 0.55 %/month (Quyết định 750/QĐ-TTg năm 2015)
	// 2025-12-01..2026-04-14 0.52 %/month (Quyết định 2553/QĐ-TTg năm 2025)
}

// A statement on 2026-01-20 for the same loan when the borrower paid the
// first installment's interest but nothing on 2025-12-15: the 10,000,000 due
// that day is overdue from 2025-12-16 and bears 130 % of the rate.
//
//	interest due: installment 2 (160,800) + installment 3: on 2025-12-15
//	  30,000,000 for 1 day, then 20,000,000 for 30 days at 0.52 %/30 = 109,200
//	accrued: 2026-01-15..19, 5 days × 20,000,000 × 0.52 %/30 = 17,333
//	overdue interest: 10,000,000 × 0.676 %/30 × 30 days (period 3) = 67,600,
//	  + 5 days of period 4 = 11,267 (each period rounded once)
func ExampleStatementOf() {
	loan := lending.Loan{
		Amount:               30_000_000,
		DisbursedOn:          credit.MustDate(2025, time.October, 15),
		TermMonths:           6,
		PrincipalEveryMonths: 2,
	}
	st, err := lending.StatementOf(credit.DefaultBook(), loan, []lending.Flow{
		{On: credit.MustDate(2025, time.November, 15), Amount: 170_500},
	}, credit.MustDate(2026, time.January, 20))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("outstanding", st.PrincipalOutstanding, "overdue", st.PrincipalOverdue, "since", st.OverdueSince)
	fmt.Println("interest due", st.InterestDue, "accrued", st.InterestAccrued, "overdue interest", st.OverdueInterest)
	fmt.Println("payoff", st.Payoff, "next due", st.NextDueOn)
	// Output:
	// outstanding 30000000 overdue 10000000 since 2025-12-16
	// interest due 270000 accrued 17333 overdue interest 78867
	// payoff 30366200 next due 2026-02-15
}
