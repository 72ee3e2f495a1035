package reporting_test

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// Where the Lai Châu plan stands on 10 December 2023: the departments sent
// their plans in time (before 20 October: due on the 19th), the training
// was held, November's commune lists came two days late, and the
// coordination document and December's lists are still outstanding.
func ExamplePlanStatus() {
	on := credit.MustDate(2023, time.December, 10)
	done := []reporting.Completion{
		{TaskID: "department_plans", DoneOn: credit.MustDate(2023, time.October, 18)},
		{TaskID: "training", DoneOn: credit.MustDate(2023, time.October, 31)},
		{TaskID: "monthly_list", Occurrence: credit.MustDate(2023, time.November, 5), DoneOn: credit.MustDate(2023, time.November, 7)},
	}
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), on, done)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, it := range r.Items {
		line := fmt.Sprintf("%s %-20s %-7s", it.Due, it.Task.ID, it.Status)
		switch {
		case it.Late:
			line += fmt.Sprintf(" on %s, %d days late", it.DoneOn, it.DaysLate)
		case it.Status == reporting.TaskDone:
			line += fmt.Sprintf(" on %s", it.DoneOn)
		case it.Status == reporting.TaskOverdue:
			line += fmt.Sprintf(" by %d days", it.DaysLate)
		}
		fmt.Println(strings.TrimRight(line, " "))
	}
	c := r.Counts
	fmt.Printf("done %d (late %d), due %d, overdue %d\n", c.Done, c.Late, c.Due, c.Overdue)
	// Output:
	// 2023-10-19 department_plans     done    on 2023-10-18
	// 2023-10-31 training             done    on 2023-10-31
	// 2023-11-05 monthly_list         done    on 2023-11-07, 2 days late
	// 2023-11-30 coordination         overdue by 10 days
	// 2023-12-05 monthly_list         overdue by 5 days
	// 2023-12-31 propaganda           due
	// 2024-01-05 monthly_list         due
	// 2024-09-30 demand_review        due
	// 2024-09-30 review_one_year      due
	// 2024-10-31 capital_proposal     due
	// 2024-12-31 local_budget_capital due
	// 2028-09-30 review_five_year     due
	// done 3 (late 1), due 7, overdue 2
}

// A chart of demand by commune, to paste into the monthly report.
func ExampleBarChartSVG() {
	var b bytes.Buffer
	err := reporting.BarChartSVG(&b, reporting.BarChart{
		Title: "Nhu cầu vốn theo xã, tháng 11/2026",
		Unit:  "đồng",
		Bars: []reporting.Bar{
			{Label: "Xã Bản Bo", Value: 74_000_000},
			{Label: "Xã Nậm Tăm", Value: 30_000_000},
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	svg := b.String()
	fmt.Println(strings.HasPrefix(svg, `<?xml version="1.0" encoding="UTF-8"?>`))
	fmt.Println(strings.Contains(svg, ">74.000.000</text>"))
	// Output:
	// true
	// true
}

// The plan's status as a CSV file for Excel, on 20 October 2023: the
// departments' plans, due before that day, are a day late.
func ExamplePlanTable() {
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), credit.MustDate(2023, time.October, 20), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	t := reporting.PlanTable(r)
	var b bytes.Buffer
	if err := reporting.WriteCSV(&b, t.Headings(), t.Rows[:1]); err != nil {
		fmt.Println(err)
		return
	}
	text, bom := strings.CutPrefix(b.String(), "\ufeff")
	fmt.Println("byte-order mark:", bom)
	fmt.Print(strings.ReplaceAll(text, "\r\n", "\n"))
	// Output:
	// byte-order mark: true
	// Hạn,Mã nhiệm vụ,Nhiệm vụ,Cơ quan thực hiện,Trạng thái,Ngày hoàn thành,Số ngày trễ,Căn cứ,Giả định (Kế hoạch không ghi)
	// 19/10/2023,department_plans,"Các sở, ban, ngành và UBND cấp huyện xây dựng kế hoạch thực hiện, gửi Công an tỉnh (cơ quan thường trực) trước ngày 20/10/2023","Các sở, ban, ngành tỉnh; UBND cấp huyện",Quá hạn,,1,Mục IV.1 Kế hoạch của UBND tỉnh Lai Châu (2023) thực hiện Quyết định 22/2023/QĐ-TTg,số mục
}
