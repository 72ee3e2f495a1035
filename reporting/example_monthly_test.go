package reporting_test

import (
	"fmt"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/reporting"
)

// The round of November 2026 (api-v1.md, POST /v1/reports/monthly-lists):
// 03424 sends its list on the 5th, 03430 on the 6th, 03433 not at all.
// The people are synthetic.
func ExampleMonthlyRound() {
	nov := forms.Period{Year: 2026, Month: time.November}
	row := func(name string, born int, sex forms.Sex, id string, purpose credit.Purpose, amount credit.VND) forms.Row01 {
		r := forms.Row01{
			FullName: name, DateOfBirth: credit.MustDate(born, time.March, 2), Sex: sex, IDNumber: id,
			Residence: "Bản Thử", ReleaseBasis: eligibility.Completion,
			CertificateNo: "01/GCN", CertificateDate: credit.MustDate(2024, time.March, 15),
			CompletedOn: credit.MustDate(2024, time.March, 15), Purpose: purpose, Amount: amount,
		}
		if purpose == credit.VocationalTraining {
			r.CourseMonths = 6
		}
		return r
	}
	list := func(commune, name string, day int, rows ...forms.Row01) forms.List01 {
		return forms.List01{
			Province: "Lai Châu", CommuneCode: commune, CommuneName: name,
			Period: nov, PreparedOn: credit.MustDate(2026, time.November, day),
			PreparedBy: "Trưởng Công an xã", CertifiedBy: "Chủ tịch UBND xã", Rows: rows,
		}
	}
	lists := []forms.List01{
		list("03424", "Xã Bản Bo", 5,
			row("Người Thử 000001", 1971, forms.Female, "012171000001", credit.Production, 50_000_000),
			row("Người Thử 000002", 2003, forms.Male, "012203000002", credit.VocationalTraining, 24_000_000)),
		list("03430", "Xã Khun Há", 6,
			row("Người Thử 000003", 1983, forms.Male, "012083000003", credit.Production, 30_000_000)),
	}

	m, err := reporting.MonthlyRound(credit.DefaultBook(), nov, []string{"03424", "03430", "03433"}, lists)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("period", m.Period, "due on", m.DueOn)
	for _, c := range m.Communes {
		fmt.Println(c.CommuneCode, "rows", c.Rows, "demand", c.Demand, "on time", c.OnTime)
	}
	fmt.Println("missing", m.Missing, "late", m.Late)
	fmt.Println("rows", m.Totals.Rows, "demand", m.Totals.Demand)
	for _, p := range m.Totals.DemandByPurpose {
		fmt.Println(" ", p.Purpose, p.Demand)
	}

	// A list of another month is refused, with a pointer into the request.
	lists[1].Period = forms.Period{Year: 2026, Month: time.October}
	_, err = reporting.MonthlyRound(credit.DefaultBook(), nov, nil, lists)
	fmt.Println(err)
	// Output:
	// period 2026-11 due on 2026-11-05
	// 03424 rows 2 demand 74000000 on time true
	// 03430 rows 1 demand 30000000 on time false
	// missing [03433] late [03430]
	// rows 3 demand 104000000
	//   production 80000000
	//   vocational_training 24000000
	// /lists/1/period: wrong_period: This list is for another month than the report's period.
}
