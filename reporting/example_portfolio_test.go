package reporting_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// The contract's example loan book, from the CSV body of
// POST /v1/reports/portfolio: the fourth loan was disbursed after the
// report's date and is left out.
func ExamplePortfolioCSV() {
	const file = "\ufeffloan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
		"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n" +
		"L2,03424,establishment,production,local,direct,2025-03-01,500000000,450000000,20000000,6\n" +
		"L3,03430,individual,vocational_training,central,womens_union,2025-06-15,40000000,40000000,0,0\n" +
		"L4,03433,individual,production,central,youth_union,2026-10-01,50000000,50000000,0,1\n"
	r, err := reporting.PortfolioCSV(strings.NewReader(file), credit.MustDate(2026, time.September, 30), 1_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := r.Totals
	fmt.Printf("%s: %d loans, disbursed %s, outstanding %s, overdue %s (%s %%), %d jobs\n",
		r.AsOf, t.Loans, t.Disbursed, t.Outstanding, t.Overdue, t.OverdueRatioPct(), t.Jobs)
	for _, g := range r.ByCommune {
		fmt.Printf("commune %s: %d loans, outstanding %s, overdue %s %%\n", g.Key, g.Loans, g.Outstanding, g.OverdueRatioPct())
	}
	for _, g := range r.ByChannel {
		fmt.Printf("%s: %d\n", g.Key, g.Loans)
	}
	// Output:
	// 2026-09-30: 3 loans, disbursed 640000000, outstanding 570000000, overdue 20000000 (3.51 %), 7 jobs
	// commune 03424: 2 loans, outstanding 530000000, overdue 3.77 %
	// commune 03430: 1 loans, outstanding 40000000, overdue 0.00 %
	// direct: 1
	// farmers_union: 1
	// womens_union: 1
}

// Loans are added one at a time and never kept; every problem of every
// loan is reported, and the report is the book's once none is left.
func ExamplePortfolio() {
	p := reporting.NewPortfolio(credit.MustDate(2026, time.September, 30))
	loans := []reporting.Loan{
		{ID: "L1", CommuneCode: "03424", BorrowerKind: reporting.BorrowerIndividual, Purpose: credit.Production,
			CapitalSource: reporting.SourceCentral, Channel: reporting.ChannelFarmersUnion,
			DisbursedOn: credit.MustDate(2024, time.January, 10), Amount: 100_000_000, Outstanding: 80_000_000, Jobs: 1},
		{ID: "L1", CommuneCode: "03424", BorrowerKind: reporting.BorrowerIndividual, Purpose: credit.Production,
			CapitalSource: reporting.SourceLocal, Channel: reporting.ChannelYouthUnion,
			DisbursedOn: credit.MustDate(2025, time.May, 2), Amount: 50_000_000, Outstanding: 40_000_000, Overdue: 45_000_000},
	}
	for i := range loans {
		if err := p.Add(i, &loans[i]); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println(p.Report().Totals.Loans, "loan in the book")
	// Output:
	// 2 problems: /loans/1/loan_id: duplicate_loan_id: This loan_id is the same as an earlier loan's.; /loans/1/overdue: exceeds_outstanding: The overdue amount is greater than the outstanding amount.
	// 1 loan in the book
}

// The one-year review compares the book with the year before: loans are
// matched by loan_id.
func ExampleCompareSnapshots() {
	loan := func(id string, disbursed credit.Date, amount, outstanding credit.VND) reporting.Loan {
		return reporting.Loan{ID: id, CommuneCode: "03424", BorrowerKind: reporting.BorrowerIndividual,
			Purpose: credit.Production, CapitalSource: reporting.SourceCentral, Channel: reporting.ChannelWomensUnion,
			DisbursedOn: disbursed, Amount: amount, Outstanding: outstanding, Jobs: 1}
	}
	d := credit.MustDate
	before := []reporting.Loan{
		loan("L1", d(2023, time.December, 1), 100_000_000, 100_000_000),
		loan("L2", d(2024, time.March, 1), 60_000_000, 60_000_000),
	}
	after := []reporting.Loan{
		loan("L1", d(2023, time.December, 1), 100_000_000, 50_000_000),
		loan("L3", d(2025, time.February, 1), 90_000_000, 90_000_000),
	}
	seq := func(ls []reporting.Loan) func(func(int, *reporting.Loan) bool) {
		return func(yield func(int, *reporting.Loan) bool) {
			for i := range ls {
				if !yield(i, &ls[i]) {
					return
				}
			}
		}
	}
	c, err := reporting.CompareSnapshots(d(2024, time.September, 30), seq(before), d(2025, time.September, 30), seq(after))
	if err != nil {
		fmt.Println(err)
		return
	}
	t := c.Totals
	fmt.Printf("outstanding %s → %s (%s %%)\n", t.Before.Outstanding, t.After.Outstanding, t.GrowthPct())
	fmt.Printf("new: %d loans, %s disbursed\n", t.New.Loans, t.New.Amount)
	fmt.Printf("repaid: %d loans, %s outstanding before\n", t.Repaid.Loans, t.Repaid.Amount)
	// Output:
	// outstanding 160000000 → 140000000 (-12.50 %)
	// new: 1 loans, 90000000 disbursed
	// repaid: 1 loans, 60000000 outstanding before
}

// The one-year review from the bank's two CSV exports, each read as a
// stream: L3 is repaid, L4 is new.
func ExampleNewSnapshotCSV() {
	const header = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n"
	before := header +
		"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n" +
		"L3,03430,individual,vocational_training,central,womens_union,2024-06-15,40000000,40000000,0,0\n"
	after := header +
		"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,50000000,5000000,1\n" +
		"L3,03430,individual,vocational_training,central,womens_union,2024-06-15,40000000,0,0,0\n" +
		"L4,03433,individual,production,central,youth_union,2025-03-10,50000000,45000000,0,1\n"
	s, err := reporting.NewSnapshotCSV(strings.NewReader(before), credit.MustDate(2024, time.September, 30), 1_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := s.CompareCSV(strings.NewReader(after), credit.MustDate(2025, time.September, 30), 1_000_000)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := c.Totals
	fmt.Printf("outstanding %s → %s: %s (%s %%); new %d (%s); repaid %d (%s)\n", t.Before.Outstanding,
		t.After.Outstanding, t.Growth, t.GrowthPct(), t.New.Loans, t.New.Amount, t.Repaid.Loans, t.Repaid.Amount)
	table := reporting.ComparisonTables(&c)[0]
	fmt.Println(table.Headings()[5], "|", table.Rows[1][5], "|", table.Totals[5])
	// Output:
	// outstanding 120000000 → 95000000: -25000000 (-20.83 %); new 1 (50000000); repaid 1 (40000000)
	// Tăng, giảm dư nợ (đồng) | -40000000 | -25000000
}
