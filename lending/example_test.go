package lending_test

import (
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

// A cooperative with 30 workers, 10 of them qualifying ex-prisoners, asks for
// 2,500,000,000 đồng on 2025-12-01 (worked case 9): eligible, capped at the
// project cap, collateral required, at the rate in force that day.
func ExampleAssess() {
	as, err := lending.Assess(credit.DefaultBook(), eligibility.Application{
		On:              credit.MustDate(2025, time.December, 1),
		Purpose:         credit.Production,
		Amount:          2_500_000_000,
		AmountAsked:     true,
		SamePurposeDebt: eligibility.No,
		Establishment: &eligibility.Establishment{
			Kind:              eligibility.Cooperative,
			Lawful:            eligibility.Yes,
			TotalWorkers:      eligibility.CountOf(30),
			QualifyingWorkers: eligibility.CountOf(10),
			PlanConfirmed:     eligibility.Yes,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	t := as.Terms
	fmt.Println(as.Decision.Verdict)
	fmt.Println("cap", t.Cap, "amount", t.Amount, "term", t.MaxTermMonths)
	fmt.Println("rate", t.Rate.MonthlyPct(), "%/month, overdue", t.OverdueRate.MonthlyPct(), "%/month")
	fmt.Println("collateral", t.CollateralRequired, "method", t.Method, "borrower", t.BorrowerOfRecord)
	for _, g := range t.Grounds {
		fmt.Printf("%-17s %s\n", g.Rule, g.Citation.Text)
	}
	// Output:
	// eligible
	// cap 2000000000 amount 2000000000 term 120
	// rate 0.52 %/month, overdue 0.676 %/month
	// collateral true method direct borrower establishment
	// cap.establishment Điều 6 khoản 2 điểm b Quyết định 22/2023/QĐ-TTg
	// term.production   Điều 8 khoản 2 Quyết định 22/2023/QĐ-TTg
	// rate              Quyết định 2553/QĐ-TTg năm 2025
	// rate.overdue      Điều 9 Quyết định 22/2023/QĐ-TTg
	// collateral        Điều 10 Quyết định 22/2023/QĐ-TTg
	// method            Điều 4 Quyết định 22/2023/QĐ-TTg
}
