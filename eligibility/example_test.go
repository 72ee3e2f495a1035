package eligibility_test

import (
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// A person who completed the sentence on 2019-03-01 asks on 2024-06-01: the
// five-year window closed on 2024-03-01 (worked case 3). Every rule is
// reported, each with its clause.
func ExampleDecide() {
	book := credit.DefaultBook()
	d, err := eligibility.Decide(book, eligibility.Application{
		On:              credit.MustDate(2024, time.June, 1),
		Purpose:         credit.Production,
		SamePurposeDebt: eligibility.No,
		Individual: &eligibility.Individual{
			Release:       eligibility.Release{Basis: eligibility.Completion, CompletedOn: credit.MustDate(2019, time.March, 1)},
			OnCommuneList: eligibility.Yes,
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d.Verdict, d.Params.Version())
	for _, f := range d.Findings {
		fmt.Printf("%-30s %-8s %s\n", f.Rule, f.Outcome, f.Citation.Text)
	}
	w, _ := d.Finding(eligibility.ReleaseWindow)
	fmt.Println("last day:", w.LastDay)
	fmt.Println(w.Message.VI)
	// Output:
	// ineligible qd22/2025-12-16
	// individual.release_document    met      Điều 3 khoản 1 điểm a Quyết định 22/2023/QĐ-TTg
	// individual.release_window      not_met  Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg
	// individual.commune_list        met      Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg
	// borrower.no_same_purpose_debt  met      Điều 3 khoản 3 Quyết định 22/2023/QĐ-TTg
	// purpose.allowed                met      Điều 3 Quyết định 22/2023/QĐ-TTg
	// last day: 2024-03-01
	// Ngày đề nghị vay đã quá thời hạn được vay tính từ ngày chấp hành xong án phạt tù.
}
