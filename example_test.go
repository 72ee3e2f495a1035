package credit_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/vnreentry/credit"
)

// The rates in force the day before and the day QĐ2553 lowered the
// poor-household rate (legal reference §4 and §9, cases 1 and 2).
func ExampleBook_On() {
	book := credit.DefaultBook()
	for _, s := range []string{"2023-10-09", "2025-11-30", "2025-12-01"} {
		day, _ := credit.ParseDate(s)
		p, err := book.On(day)
		if errors.Is(err, credit.ErrBeforePolicy) {
			fmt.Println(day, "policy not yet in force")
			continue
		}
		fmt.Printf("%s: lending %s, overdue %s (%s)\n",
			day, p.LendingRate(), p.OverdueRate(), p.Citation(credit.LendingRate).TextEN)
	}
	fmt.Println("rules version:", book.Version())
	// Output:
	// 2023-10-09 policy not yet in force
	// 2025-11-30: lending 0.55%/month, overdue 0.715%/month (Decision 750/QĐ-TTg of 2015)
	// 2025-12-01: lending 0.52%/month, overdue 0.676%/month (Decision 2553/QĐ-TTg of 2025)
	// rules version: qd22/2025-12-16
}

// The last day of the five-year window after completing a sentence, as the
// Civil Code counts it (legal reference §3).
func ExamplePeriodLastDay() {
	for _, completed := range []credit.Date{
		credit.MustDate(2019, time.June, 1),
		credit.MustDate(2020, time.February, 29),
	} {
		fmt.Println(completed, "→", credit.PeriodLastDay(completed, 5*12))
	}
	// Output:
	// 2019-06-01 → 2024-06-01
	// 2020-02-29 → 2025-02-28
}

// A province lowers the rate for one quarter with a rules file.
func ExampleLoadBook() {
	book, err := credit.LoadBook(strings.NewReader(`{
	  "version": "laichau/2026-01-15",
	  "parameters": {
	    "lending_rate_yearly_pct": [
	      {"from": "2015-06-05", "to": "2025-11-30", "value": "6.6", "citation": {"instrument": "750/QĐ-TTg"}},
	      {"from": "2025-12-01", "to": "2025-12-31", "value": "6.24", "citation": {"instrument": "2553/QĐ-TTg"}},
	      {"from": "2026-01-01", "to": "2026-03-31", "value": "4.24", "citation": {"instrument": "9999/QĐ-TTg"}},
	      {"from": "2026-04-01", "value": "6.24", "citation": {"instrument": "2553/QĐ-TTg"}}
	    ]
	  }
	}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, ed := range book.Editions() {
		fmt.Printf("%s..%s %s %%/year\n", ed.From(), ed.To(), ed.LendingRate().YearlyPct())
	}
	// Output:
	// 2023-10-10..2025-11-30 6.6 %/year
	// 2025-12-01..2025-12-31 6.24 %/year
	// 2026-01-01..2026-03-31 4.24 %/year
	// 2026-04-01.. 6.24 %/year
}

// Every problem in a rules file is reported at once, each with a JSON
// pointer and a stable code.
func ExampleProblems() {
	_, err := credit.LoadBook(strings.NewReader(`{
	  "parameters": {
	    "release_window_years": [{"from": "2023-10-10", "value": 0}]
	  }
	}`))
	var ps credit.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			fmt.Println(p.Pointer, p.Code)
		}
	}
	fmt.Println(errors.Is(err, credit.ErrInvalid))
	// Output:
	// /version required
	// /parameters/release_window_years/0/value out_of_range
	// /parameters/release_window_years/0/citation/instrument required
	// true
}
