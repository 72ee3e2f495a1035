package lending_test

import (
	"errors"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

// Shared helpers of schedule_test.go, statement_test.go and property_test.go.

func ymd(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// rateFrom is one step of a lending-rate history: the yearly percentage in
// force from a day until the next step.
type rateFrom struct {
	from   credit.Date
	yearly string // percent per year, e.g. "6.6"
}

// newRateBook returns the default book with the lending-rate series
// replaced by steps (the first step must start on or before 2023-10-10).
func newRateBook(version string, steps ...rateFrom) (*credit.Book, error) {
	spans := make([]credit.Span, len(steps))
	for i, s := range steps {
		r, err := credit.ParseYearlyPct(s.yearly)
		if err != nil {
			return nil, err
		}
		spans[i] = credit.Span{
			From:     s.from,
			Value:    r.YearlyPct().Shift(9).IntPart(), // billionths of a percent per year
			Citation: credit.Cite("1/QĐ-TEST", 0, 0, ""),
		}
		if i+1 < len(steps) {
			spans[i].To = steps[i+1].from.AddDays(-1)
		}
	}
	return credit.DefaultBook().With(version, credit.LendingRate, spans)
}

func rateBook(t testing.TB, version string, steps ...rateFrom) *credit.Book {
	t.Helper()
	b, err := newRateBook(version, steps...)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustSchedule(t testing.TB, b *credit.Book, l lending.Loan, pre []lending.Flow) lending.Schedule {
	t.Helper()
	s, err := lending.ScheduleOf(b, l, pre)
	if err != nil {
		t.Fatalf("ScheduleOf: %v", err)
	}
	return s
}

// pc is a problem as a client sees it: where and what.
type pc struct{ Pointer, Code string }

// problemList returns the (pointer, code) of every problem in err, which
// must be a credit.Problems that is also credit.ErrInvalid.
func problemList(t testing.TB, err error) []pc {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Errorf("errors.Is(%v, credit.ErrInvalid) = false", err)
	}
	out := make([]pc, len(ps))
	for i, p := range ps {
		out[i] = pc{p.Pointer, p.Code}
	}
	return out
}

// row is an installment's expected values. A zero from means "not checked".
type row struct {
	no        int
	from, due credit.Date
	days      int
	principal credit.VND
	interest  credit.VND
	balance   credit.VND
}

func checkRows(t *testing.T, got []lending.Installment, want []row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d installments, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.No != w.no || (!w.from.IsZero() && g.From != w.from) || g.DueOn != w.due || g.Days != w.days ||
			g.Principal != w.principal || g.Interest != w.interest || g.BalanceAfter != w.balance {
			t.Errorf("installment %d:\n got no %d %s..%s %d days principal %d interest %d balance %d\nwant no %d %s..%s %d days principal %d interest %d balance %d",
				i+1, g.No, g.From, g.DueOn, g.Days, g.Principal, g.Interest, g.BalanceAfter,
				w.no, w.from, w.due, w.days, w.principal, w.interest, w.balance)
		}
	}
}

// TestScheduleContractExample is the example of POST /v1/schedules in
// api-v1: 100,000,000 đồng disbursed on 2025-11-01 for 24 months, principal
// every 12. Each period runs from the 1st to the 1st, so it has the days of
// its month. Rates: 0.55 %/month to 2025-11-30, 0.52 % from 2025-12-01.
//
//	100,000,000 × 0.55 % = 550,000 a month; × 30/30         = 550,000
//	100,000,000 × 0.52 % = 520,000 a month; × 31/30 = 537,333.33 → 537,333
//	                                        × 30/30         = 520,000
//	                                        × 28/30 = 485,333.33 → 485,333
//	 50,000,000 × 0.52 % = 260,000 a month; × 31/30 = 268,666.67 → 268,667
//	                                        × 30/30         = 260,000
//	                                        × 28/30 = 242,666.67 → 242,667
//
// Total: 550,000 + 7 × 537,333 + 3 × 520,000 + 485,333 (periods 1-12)
// + 7 × 268,667 + 4 × 260,000 + 242,667 (periods 13-24)
// = 6,356,664 + 3,163,336 = 9,520,000.
func TestScheduleContractExample(t *testing.T) {
	s := mustSchedule(t, credit.DefaultBook(), lending.Loan{
		Amount:               100_000_000,
		DisbursedOn:          ymd(2025, time.November, 1),
		TermMonths:           24,
		PrincipalEveryMonths: 12,
	}, nil)
	const full, half = 100_000_000, 50_000_000
	due := func(y int, m time.Month) credit.Date { return ymd(y, m, 1) }
	want := []row{
		{1, due(2025, 11), due(2025, 12), 30, 0, 550_000, full},
		{2, due(2025, 12), due(2026, 1), 31, 0, 537_333, full},
		{3, due(2026, 1), due(2026, 2), 31, 0, 537_333, full},
		{4, due(2026, 2), due(2026, 3), 28, 0, 485_333, full},
		{5, due(2026, 3), due(2026, 4), 31, 0, 537_333, full},
		{6, due(2026, 4), due(2026, 5), 30, 0, 520_000, full},
		{7, due(2026, 5), due(2026, 6), 31, 0, 537_333, full},
		{8, due(2026, 6), due(2026, 7), 30, 0, 520_000, full},
		{9, due(2026, 7), due(2026, 8), 31, 0, 537_333, full},
		{10, due(2026, 8), due(2026, 9), 31, 0, 537_333, full},
		{11, due(2026, 9), due(2026, 10), 30, 0, 520_000, full},
		{12, due(2026, 10), due(2026, 11), 31, half, 537_333, half},
		{13, due(2026, 11), due(2026, 12), 30, 0, 260_000, half},
		{14, due(2026, 12), due(2027, 1), 31, 0, 268_667, half},
		{15, due(2027, 1), due(2027, 2), 31, 0, 268_667, half},
		{16, due(2027, 2), due(2027, 3), 28, 0, 242_667, half},
		{17, due(2027, 3), due(2027, 4), 31, 0, 268_667, half},
		{18, due(2027, 4), due(2027, 5), 30, 0, 260_000, half},
		{19, due(2027, 5), due(2027, 6), 31, 0, 268_667, half},
		{20, due(2027, 6), due(2027, 7), 30, 0, 260_000, half},
		{21, due(2027, 7), due(2027, 8), 31, 0, 268_667, half},
		{22, due(2027, 8), due(2027, 9), 31, 0, 268_667, half},
		{23, due(2027, 9), due(2027, 10), 30, 0, 260_000, half},
		{24, due(2027, 10), due(2027, 11), 31, half, 268_667, 0},
	}
	checkRows(t, s.Installments, want)
	if s.TotalInterest != 9_520_000 || s.TotalPrincipal != full {
		t.Errorf("totals: interest %d principal %d, want 9520000 and 100000000", s.TotalInterest, s.TotalPrincipal)
	}
	if s.Version != credit.DefaultVersion {
		t.Errorf("Version = %q, want %q", s.Version, credit.DefaultVersion)
	}
	if s.TermLimit != 120 || s.Term.Rule != lending.TermProduction {
		t.Errorf("term limit %d rule %q, want 120 %q", s.TermLimit, s.Term.Rule, lending.TermProduction)
	}
	// Two rates applied: 0.55 % on 2025-11-01..30, 0.52 % from 2025-12-01
	// to the day before the last due date.
	if len(s.Rates) != 2 ||
		s.Rates[0].From != ymd(2025, 11, 1) || s.Rates[0].To != ymd(2025, 11, 30) || s.Rates[0].Rate.MonthlyPct().String() != "0.55" ||
		s.Rates[1].From != ymd(2025, 12, 1) || s.Rates[1].To != ymd(2027, 10, 31) || s.Rates[1].Rate.MonthlyPct().String() != "0.52" {
		t.Errorf("rates: %+v", s.Rates)
	}
	if len(s.Rates) == 2 && (s.Rates[0].Citation.Instrument != credit.QD750 || s.Rates[1].Citation.Instrument != credit.QD2553 ||
		s.Rates[1].OverdueRate.MonthlyPct().String() != "0.676" || s.Rates[0].OverdueRate.MonthlyPct().String() != "0.715") {
		t.Errorf("rate citations or overdue rates: %+v", s.Rates)
	}
}

// TestScheduleMonthEnds: due dates are DisbursedOn + k months, the month's
// last day when it has no such day, and never chained (31 Jan + 2 months is
// 31 March, not 28/29 March). 30,000,000 at 0.55 %/month (all before
// 2025-12-01) is 30,000,000 × 0.55 % / 30 = 5,500 a day, so a period's
// interest is 5,500 × its days.
func TestScheduleMonthEnds(t *testing.T) {
	const amount = 30_000_000
	tests := []struct {
		name string
		on   credit.Date
		term int
		want []row // principal every month: 10,000,000 a month for term 3
	}{
		{"31 Jan leap year", ymd(2024, 1, 31), 3, []row{
			{1, ymd(2024, 1, 31), ymd(2024, 2, 29), 29, 10_000_000, 29 * 5_500, 20_000_000}, // 159,500
			// 20,000,000 × 0.55 % / 30 = 3,666.67 a day: × 31 = 113,666.67 → 113,667
			{2, ymd(2024, 2, 29), ymd(2024, 3, 31), 31, 10_000_000, 113_667, 10_000_000},
			// 10,000,000: 1,833.33 a day × 30 = 55,000
			{3, ymd(2024, 3, 31), ymd(2024, 4, 30), 30, 10_000_000, 55_000, 0},
		}},
		{"31 Jan non-leap year", ymd(2025, 1, 31), 3, []row{
			{1, ymd(2025, 1, 31), ymd(2025, 2, 28), 28, 10_000_000, 28 * 5_500, 20_000_000}, // 154,000
			{2, ymd(2025, 2, 28), ymd(2025, 3, 31), 31, 10_000_000, 113_667, 10_000_000},
			{3, ymd(2025, 3, 31), ymd(2025, 4, 30), 30, 10_000_000, 55_000, 0},
		}},
		{"30 Jan non-leap year", ymd(2025, 1, 30), 3, []row{
			{1, ymd(2025, 1, 30), ymd(2025, 2, 28), 29, 10_000_000, 29 * 5_500, 20_000_000}, // 159,500
			// 20,000,000: 3,666.67 × 30 = 110,000
			{2, ymd(2025, 2, 28), ymd(2025, 3, 30), 30, 10_000_000, 110_000, 10_000_000},
			// 10,000,000: 1,833.33 × 31 = 56,833.33 → 56,833
			{3, ymd(2025, 3, 30), ymd(2025, 4, 30), 31, 10_000_000, 56_833, 0},
		}},
		{"30 Jan leap year", ymd(2024, 1, 30), 3, []row{
			{1, ymd(2024, 1, 30), ymd(2024, 2, 29), 30, 10_000_000, 30 * 5_500, 20_000_000}, // 165,000
			{2, ymd(2024, 2, 29), ymd(2024, 3, 30), 30, 10_000_000, 110_000, 10_000_000},
			{3, ymd(2024, 3, 30), ymd(2024, 4, 30), 31, 10_000_000, 56_833, 0},
		}},
		{"28 Jan: no clamping", ymd(2025, 1, 28), 3, []row{
			{1, ymd(2025, 1, 28), ymd(2025, 2, 28), 31, 10_000_000, 31 * 5_500, 20_000_000}, // 170,500
			// 20,000,000: 3,666.67 × 28 = 102,666.67 → 102,667
			{2, ymd(2025, 2, 28), ymd(2025, 3, 28), 28, 10_000_000, 102_667, 10_000_000},
			// 10,000,000: 1,833.33 × 31 = 56,833.33 → 56,833
			{3, ymd(2025, 3, 28), ymd(2025, 4, 28), 31, 10_000_000, 56_833, 0},
		}},
		{"31 March: 30 April, then 31 May", ymd(2025, 3, 31), 3, []row{
			{1, ymd(2025, 3, 31), ymd(2025, 4, 30), 30, 10_000_000, 30 * 5_500, 20_000_000}, // 165,000
			// 20,000,000: 3,666.67 × 31 = 113,666.67 → 113,667
			{2, ymd(2025, 4, 30), ymd(2025, 5, 31), 31, 10_000_000, 113_667, 10_000_000},
			{3, ymd(2025, 5, 31), ymd(2025, 6, 30), 30, 10_000_000, 55_000, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchedule(t, credit.DefaultBook(), lending.Loan{
				Amount: amount, DisbursedOn: tt.on, TermMonths: tt.term, PrincipalEveryMonths: 1,
			}, nil)
			checkRows(t, s.Installments, tt.want)
		})
	}

	// 29 February 2024: due on the 29th of each month (2024-03-29 first,
	// 29 days later), and twelve months on, in a non-leap February, on
	// 2025-02-28: the last period, from 2025-01-29, has 30 days.
	t.Run("29 Feb 2024", func(t *testing.T) {
		s := mustSchedule(t, credit.DefaultBook(), lending.Loan{
			Amount: amount, DisbursedOn: ymd(2024, 2, 29), TermMonths: 12, PrincipalEveryMonths: 12,
		}, nil)
		in := s.Installments
		if len(in) != 12 {
			t.Fatalf("%d installments", len(in))
		}
		wantDue := []credit.Date{
			ymd(2024, 3, 29), ymd(2024, 4, 29), ymd(2024, 5, 29), ymd(2024, 6, 29),
			ymd(2024, 7, 29), ymd(2024, 8, 29), ymd(2024, 9, 29), ymd(2024, 10, 29),
			ymd(2024, 11, 29), ymd(2024, 12, 29), ymd(2025, 1, 29), ymd(2025, 2, 28),
		}
		wantDays := []int{29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 30}
		for i := range in {
			if in[i].DueOn != wantDue[i] || in[i].Days != wantDays[i] {
				t.Errorf("installment %d: due %s (%d days), want %s (%d days)", i+1, in[i].DueOn, in[i].Days, wantDue[i], wantDays[i])
			}
			// 30,000,000 throughout: 5,500 a day.
			if want := credit.VND(5_500 * wantDays[i]); in[i].Interest != want {
				t.Errorf("installment %d: interest %d, want %d", i+1, in[i].Interest, want)
			}
		}
		if in[11].Principal != amount || in[11].BalanceAfter != 0 || in[10].BalanceAfter != amount {
			t.Errorf("last installments: %+v %+v", in[10], in[11])
		}
	})
}

// TestScheduleRateChange places a change of the lending rate on chosen days
// (With on credit.LendingRate) around the first period of a loan disbursed
// on 2024-07-01 (period 1: 2024-07-01..31, 31 days, due 2024-08-01;
// period 2: 2024-08-01..31, 31 days, due 2024-09-01).
//
// 10,000,000 đồng: at 6.6 %/year (0.55 %/month) 1,833.333… a day; at
// 6.24 %/year (0.52 %/month) 1,733.333… a day; at 7.2 %/year (0.6 %/month)
// 2,000 a day. The whole period is rounded once: with 29 days at 0.55 % and
// 2 at 0.52 %, 53,166.67 + 3,466.67 = 56,633.33 → 56,633, where rounding
// each rate's part would give 53,167 + 3,467 = 56,634.
func TestScheduleRateChange(t *testing.T) {
	from2015 := ymd(2015, 1, 1)
	loan := lending.Loan{Amount: 10_000_000, DisbursedOn: ymd(2024, 7, 1), TermMonths: 2, PrincipalEveryMonths: 2}
	tests := []struct {
		name     string
		steps    []rateFrom
		i1, i2   credit.VND
		rateDays []int // days of each rate span recorded, in order
	}{
		{"no change: 0.55 % throughout", []rateFrom{{from2015, "6.6"}},
			56_833, 56_833, []int{62}}, // 31 × 1,833.33 = 56,833.33
		{"change the day before the loan", []rateFrom{{from2015, "6.6"}, {ymd(2024, 6, 30), "6.24"}},
			53_733, 53_733, []int{62}}, // 31 × 1,733.33 = 53,733.33
		{"change on the first day", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 1), "6.24"}},
			53_733, 53_733, []int{62}},
		{"change on the second day", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 2), "6.24"}},
			53_833, 53_733, []int{1, 61}}, // 1,833.33 + 30 × 1,733.33 = 53,833.33
		{"change in the middle", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 16), "6.24"}},
			55_233, 53_733, []int{15, 47}}, // 15 × 1,833.33 + 16 × 1,733.33 = 27,500 + 27,733.33
		{"change two days before the end: rounded once", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 30), "6.24"}},
			56_633, 53_733, []int{29, 33}}, // 53,166.67 + 3,466.67 = 56,633.33
		{"change on the last day", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 31), "6.24"}},
			56_733, 53_733, []int{30, 32}}, // 30 × 1,833.33 + 1,733.33 = 55,000 + 1,733.33
		{"change on the due date: next period only", []rateFrom{{from2015, "6.6"}, {ymd(2024, 8, 1), "6.24"}},
			56_833, 53_733, []int{31, 31}},
		{"change the day after the due date", []rateFrom{{from2015, "6.6"}, {ymd(2024, 8, 2), "6.24"}},
			56_833, 53_833, []int{32, 30}},
		{"a rise", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 16), "7.2"}},
			59_500, 62_000, []int{15, 47}}, // 27,500 + 16 × 2,000 = 59,500; 31 × 2,000
		{"two changes in one period", []rateFrom{{from2015, "6.6"}, {ymd(2024, 7, 11), "6.24"}, {ymd(2024, 7, 21), "7.2"}},
			57_667, 62_000, []int{10, 10, 42}}, // 10 × 1,833.33 + 10 × 1,733.33 + 11 × 2,000 = 57,666.67
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := rateBook(t, "test/rate-change", tt.steps...)
			s := mustSchedule(t, b, loan, nil)
			if got1, got2 := s.Installments[0].Interest, s.Installments[1].Interest; got1 != tt.i1 || got2 != tt.i2 {
				t.Errorf("interest %d, %d; want %d, %d", got1, got2, tt.i1, tt.i2)
			}
			if s.Version != "test/rate-change" {
				t.Errorf("Version = %q", s.Version)
			}
			// The rate spans tile 2024-07-01..2024-08-31 (the day before the
			// last due date) without gaps.
			var days []int
			next := loan.DisbursedOn
			for _, r := range s.Rates {
				if r.From != next {
					t.Errorf("rate span starts %s, want %s", r.From, next)
				}
				days = append(days, r.To.DaysSince(r.From)+1)
				next = r.To.AddDays(1)
			}
			if next != ymd(2024, 9, 1) || !slices.Equal(days, tt.rateDays) {
				t.Errorf("rate spans of %v days ending %s; want %v ending 2024-08-31", days, next.AddDays(-1), tt.rateDays)
			}
		})
	}

	// The brief's case: 100,000,000 over a 30-day period (2024-06-01..30)
	// with 29 days at 0.55 % and the last day at 0.52 %:
	// 100,000,000 × (29 × 0.55 % + 1 × 0.52 %) / 30 = 100,000,000 × 0.1647 / 30
	// = 549,000.
	t.Run("100,000,000: 29 days at 0.55 %, 1 at 0.52 %", func(t *testing.T) {
		b := rateBook(t, "test/rate-change", rateFrom{from2015, "6.6"}, rateFrom{ymd(2024, 6, 30), "6.24"})
		s := mustSchedule(t, b, lending.Loan{Amount: 100_000_000, DisbursedOn: ymd(2024, 6, 1), TermMonths: 1, PrincipalEveryMonths: 1}, nil)
		if in := s.Installments[0]; in.Days != 30 || in.Interest != 549_000 {
			t.Errorf("got %d days, interest %d; want 30, 549000", in.Days, in.Interest)
		}
	})
}

// TestScheduleRoundingHalf: a period's interest is rounded to whole đồng,
// half away from zero, on both sides of the half. A 30-day period
// (2024-06-01..30) at 0.55 %/month: balance × 0.55 % × 30/30.
func TestScheduleRoundingHalf(t *testing.T) {
	tests := []struct {
		amount, interest credit.VND
	}{
		{999, 5},       // 5.4945
		{1_000, 6},     // 5.5: the half, away from zero
		{1_001, 6},     // 5.5055
		{2_999, 16},    // 16.4945
		{3_000, 17},    // 16.5
		{90, 0},        // 0.495
		{91, 1},        // 0.5005
		{1, 0},         // 0.0055
		{100_000, 550}, // exact
	}
	for _, tt := range tests {
		s := mustSchedule(t, credit.DefaultBook(), lending.Loan{Amount: tt.amount, DisbursedOn: ymd(2024, 6, 1), TermMonths: 1, PrincipalEveryMonths: 1}, nil)
		if in := s.Installments[0]; in.Days != 30 || in.Interest != tt.interest {
			t.Errorf("%d đồng for %d days: interest %d, want %d", tt.amount, in.Days, in.Interest, tt.interest)
		}
	}
}

// TestSchedulePrincipal: equal parts every PrincipalEveryMonths months after
// the grace period, the remainder of the division on the last part.
func TestSchedulePrincipal(t *testing.T) {
	tests := []struct {
		name   string
		loan   lending.Loan
		parts  map[int]credit.VND // installment no. → principal; others 0
		bal    []credit.VND       // BalanceAfter of every installment
		totInt credit.VND         // total interest, when checked (≠ 0)
	}{
		{
			// 100,000,000 / 3 = 33,333,333 rem 1: the last part is 33,333,334.
			name:  "remainder on the last of 3 monthly parts",
			loan:  lending.Loan{Amount: 100_000_000, DisbursedOn: ymd(2026, 1, 10), TermMonths: 3, PrincipalEveryMonths: 1},
			parts: map[int]credit.VND{1: 33_333_333, 2: 33_333_333, 3: 33_333_334},
			bal:   []credit.VND{66_666_667, 33_333_334, 0},
			// 0.52 %/month: 100,000,000 × 0.52 % × 31/30 = 537,333.33 → 537,333 (01-10..02-09)
			// 66,666,667 × 0.52 % × 28/30 = 323,555.56 → 323,556 (02-10..03-09)
			// 33,333,334 × 0.52 % × 31/30 = 179,111.11 → 179,111 (03-10..04-09)
			totInt: 537_333 + 323_556 + 179_111,
		},
		{
			name:  "remainder on the last of 3 parts every 4 months",
			loan:  lending.Loan{Amount: 100_000_000, DisbursedOn: ymd(2026, 1, 10), TermMonths: 12, PrincipalEveryMonths: 4},
			parts: map[int]credit.VND{4: 33_333_333, 8: 33_333_333, 12: 33_333_334},
			bal: []credit.VND{100_000_000, 100_000_000, 100_000_000, 66_666_667, 66_666_667, 66_666_667, 66_666_667,
				33_333_334, 33_333_334, 33_333_334, 33_333_334, 0},
		},
		{
			// 2 / 3 = 0 rem 2: nothing until the last part.
			name:  "amount smaller than the number of parts",
			loan:  lending.Loan{Amount: 2, DisbursedOn: ymd(2026, 1, 10), TermMonths: 3, PrincipalEveryMonths: 1},
			parts: map[int]credit.VND{3: 2},
			bal:   []credit.VND{2, 2, 0},
		},
		{
			// Grace 3, every 3: repayment period 9 months, 3 parts of
			// 30,000,000 on installments 3+3 = 6, 9 and 12.
			name:  "grace period",
			loan:  lending.Loan{Amount: 90_000_000, DisbursedOn: ymd(2026, 1, 10), TermMonths: 12, PrincipalEveryMonths: 3, GraceMonths: 3},
			parts: map[int]credit.VND{6: 30_000_000, 9: 30_000_000, 12: 30_000_000},
			bal: []credit.VND{90_000_000, 90_000_000, 90_000_000, 90_000_000, 90_000_000, 60_000_000,
				60_000_000, 60_000_000, 30_000_000, 30_000_000, 30_000_000, 0},
		},
		{
			name:  "grace of term − 1: one part at the end",
			loan:  lending.Loan{Amount: 90_000_000, DisbursedOn: ymd(2026, 1, 10), TermMonths: 4, PrincipalEveryMonths: 1, GraceMonths: 3},
			parts: map[int]credit.VND{4: 90_000_000},
			bal:   []credit.VND{90_000_000, 90_000_000, 90_000_000, 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustSchedule(t, credit.DefaultBook(), tt.loan, nil)
			if len(s.Installments) != len(tt.bal) {
				t.Fatalf("%d installments, want %d", len(s.Installments), len(tt.bal))
			}
			for i, in := range s.Installments {
				if in.Principal != tt.parts[i+1] || in.BalanceAfter != tt.bal[i] {
					t.Errorf("installment %d: principal %d balance %d; want %d, %d", i+1, in.Principal, in.BalanceAfter, tt.parts[i+1], tt.bal[i])
				}
			}
			if tt.totInt != 0 && s.TotalInterest != tt.totInt {
				t.Errorf("total interest %d, want %d", s.TotalInterest, tt.totInt)
			}
		})
	}

	// Interest is charged during the grace period on the whole amount:
	// 90,000,000 × 0.52 % × 31/30 = 483,600 for 2026-01-10..02-09.
	s := mustSchedule(t, credit.DefaultBook(), tests[3].loan, nil)
	if got := s.Installments[0].Interest; got != 483_600 {
		t.Errorf("grace period interest %d, want 483600", got)
	}
}

// TestScheduleTrainingLoan: a vocational-training loan for a 10-month
// course, term 30 (10 + 2 × 10, the longest for a course of at most 12
// months), paid out 4,000,000 a month on the first day of each of the first
// 10 periods. The grace is the course, so principal starts after it: every
// 5 months, parts of 10,000,000 on installments 15, 20, 25 and 30.
// Disbursed on 2026-01-10: all at 0.52 %/month, so interest is balance ×
// 0.52 % × days / 30, rounded.
func TestScheduleTrainingLoan(t *testing.T) {
	start := ymd(2026, 1, 10)
	var disb []lending.Flow
	for i := range 10 {
		disb = append(disb, lending.Flow{On: start.AddMonths(i), Amount: 4_000_000})
	}
	s := mustSchedule(t, credit.DefaultBook(), lending.Loan{
		Amount: 40_000_000, DisbursedOn: start, TermMonths: 30, PrincipalEveryMonths: 5,
		Purpose: credit.VocationalTraining, CourseMonths: 10, Disbursements: disb,
	}, nil)
	want := []row{
		{no: 1, due: ymd(2026, 2, 10), days: 31, interest: 21_493, balance: 4_000_000},   // 4M × 0.52 % × 31/30 = 21,493.33
		{no: 2, due: ymd(2026, 3, 10), days: 28, interest: 38_827, balance: 8_000_000},   // 8M × 0.52 % × 28/30 = 38,826.67
		{no: 3, due: ymd(2026, 4, 10), days: 31, interest: 64_480, balance: 12_000_000},  // 12M × 0.52 % × 31/30 = 64,480
		{no: 4, due: ymd(2026, 5, 10), days: 30, interest: 83_200, balance: 16_000_000},  // 16M × 0.52 % = 83,200
		{no: 5, due: ymd(2026, 6, 10), days: 31, interest: 107_467, balance: 20_000_000}, // 20M × 0.52 % × 31/30 = 107,466.67
		{no: 6, due: ymd(2026, 7, 10), days: 30, interest: 124_800, balance: 24_000_000}, // 24M × 0.52 % = 124,800
		{no: 7, due: ymd(2026, 8, 10), days: 31, interest: 150_453, balance: 28_000_000}, // 28M × 0.52 % × 31/30 = 150,453.33
		{no: 8, due: ymd(2026, 9, 10), days: 31, interest: 171_947, balance: 32_000_000}, // 32M × 0.52 % × 31/30 = 171,946.67
		{no: 9, due: ymd(2026, 10, 10), days: 30, interest: 187_200, balance: 36_000_000},
		{no: 10, due: ymd(2026, 11, 10), days: 31, interest: 214_933, balance: 40_000_000}, // 40M: 208,000 × 31/30 = 214,933.33
		{no: 11, due: ymd(2026, 12, 10), days: 30, interest: 208_000, balance: 40_000_000},
		{no: 12, due: ymd(2027, 1, 10), days: 31, interest: 214_933, balance: 40_000_000},
		{no: 13, due: ymd(2027, 2, 10), days: 31, interest: 214_933, balance: 40_000_000},
		{no: 14, due: ymd(2027, 3, 10), days: 28, interest: 194_133, balance: 40_000_000}, // 208,000 × 28/30 = 194,133.33
		{no: 15, due: ymd(2027, 4, 10), days: 31, principal: 10_000_000, interest: 214_933, balance: 30_000_000},
		{no: 16, due: ymd(2027, 5, 10), days: 30, interest: 156_000, balance: 30_000_000}, // 30M × 0.52 % = 156,000
		{no: 17, due: ymd(2027, 6, 10), days: 31, interest: 161_200, balance: 30_000_000}, // 156,000 × 31/30
		{no: 18, due: ymd(2027, 7, 10), days: 30, interest: 156_000, balance: 30_000_000},
		{no: 19, due: ymd(2027, 8, 10), days: 31, interest: 161_200, balance: 30_000_000},
		{no: 20, due: ymd(2027, 9, 10), days: 31, principal: 10_000_000, interest: 161_200, balance: 20_000_000},
		{no: 21, due: ymd(2027, 10, 10), days: 30, interest: 104_000, balance: 20_000_000},
		{no: 22, due: ymd(2027, 11, 10), days: 31, interest: 107_467, balance: 20_000_000},
		{no: 23, due: ymd(2027, 12, 10), days: 30, interest: 104_000, balance: 20_000_000},
		{no: 24, due: ymd(2028, 1, 10), days: 31, interest: 107_467, balance: 20_000_000},
		{no: 25, due: ymd(2028, 2, 10), days: 31, principal: 10_000_000, interest: 107_467, balance: 10_000_000},
		{no: 26, due: ymd(2028, 3, 10), days: 29, interest: 50_267, balance: 10_000_000}, // leap: 52,000 × 29/30 = 50,266.67
		{no: 27, due: ymd(2028, 4, 10), days: 31, interest: 53_733, balance: 10_000_000},
		{no: 28, due: ymd(2028, 5, 10), days: 30, interest: 52_000, balance: 10_000_000},
		{no: 29, due: ymd(2028, 6, 10), days: 31, interest: 53_733, balance: 10_000_000},
		{no: 30, due: ymd(2028, 7, 10), days: 30, principal: 10_000_000, interest: 52_000, balance: 0},
	}
	checkRows(t, s.Installments, want)
	for i, in := range s.Installments {
		want := credit.VND(0)
		if i < 10 {
			want = 4_000_000
		}
		if in.Disbursed != want {
			t.Errorf("installment %d: disbursed %d, want %d", i+1, in.Disbursed, want)
		}
	}
	if s.Term.Rule != lending.TermTraining || s.TermLimit != 30 {
		t.Errorf("term rule %q limit %d, want %q 30", s.Term.Rule, s.TermLimit, lending.TermTraining)
	}

	// A part paid out in the middle of a period counts for its whole day:
	// 10,000,000 on 2026-01-10 and 10,000,000 on 2026-01-25: 15 days of
	// 10,000,000 (01-10..24) and 16 days of 20,000,000 (01-25..02-09):
	// (150,000,000 + 320,000,000) × 0.52 % / 30 = 2,444,000 / 30 = 81,466.67.
	s = mustSchedule(t, credit.DefaultBook(), lending.Loan{
		Amount: 20_000_000, DisbursedOn: start, TermMonths: 2, PrincipalEveryMonths: 1,
		Disbursements: []lending.Flow{{On: ymd(2026, 1, 25), Amount: 10_000_000}, {On: start, Amount: 10_000_000}},
	}, nil)
	if in := s.Installments[0]; in.Interest != 81_467 || in.Disbursed != 20_000_000 || in.BalanceAfter != 10_000_000 {
		t.Errorf("mid-period disbursement: %+v; want interest 81467, disbursed 20000000, balance 10000000", in)
	}
}

// lastPartsFirst is the default book with credit.EarlyRepaymentOrder set to
// EarlyLastPartsFirst (the term shortens).
func lastPartsFirst(t testing.TB) *credit.Book {
	t.Helper()
	b, err := credit.DefaultBook().With("test/last-parts-first", credit.EarlyRepaymentOrder, []credit.Span{
		{From: ymd(2023, 10, 10), Value: credit.EarlyLastPartsFirst, Citation: credit.Cite(credit.QD22, 12, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSchedulePrepayments: an early repayment covers principal not yet due
// in the book's EarlyRepaymentOrder: by default the coming parts first (the
// end date stays), or the last parts first (the loan ends earlier).
// Interest falls from the day of the prepayment, which counts for that
// whole day.
//
// 120,000,000 disbursed on 2026-01-10 for 12 months, 10,000,000 of
// principal a month, 0.52 %/month (balance B: B × 0.52 % × days / 30).
// Installment 1 (01-10..02-09, 31 days): 120M: 624,000 × 31/30 = 644,800;
// installment 2 (02-10..03-09, 28 days): 110M: 572,000 × 28/30 = 533,866.67.
func TestSchedulePrepayments(t *testing.T) {
	loan := lending.Loan{Amount: 120_000_000, DisbursedOn: ymd(2026, 1, 10), TermMonths: 12, PrincipalEveryMonths: 1}
	r := func(no int, due credit.Date, days int, p, i, bal credit.VND) row {
		return row{no: no, due: due, days: days, principal: p, interest: i, balance: bal}
	}
	first := r(1, ymd(2026, 2, 10), 31, 10_000_000, 644_800, 110_000_000)
	second := r(2, ymd(2026, 3, 10), 28, 10_000_000, 533_867, 100_000_000)

	// Last parts first, 25,000,000 prepaid in period 3 or before: the parts
	// are 10,000,000 × 9, 5,000,000 (no. 10), 0, 0; from installment 4:
	//  4: 65M × 0.52 % × 30/30 = 338,000      5: 55M × 31/30 = 295,533.33
	//  6: 45M × 30/30 = 234,000               7: 35M × 31/30 = 188,066.67
	//  8: 25M × 31/30 = 134,333.33            9: 15M × 30/30 = 78,000
	// 10: 5M × 31/30 = 26,866.67             11, 12: nothing.
	lastTail := []row{
		r(4, ymd(2026, 5, 10), 30, 10_000_000, 338_000, 55_000_000),
		r(5, ymd(2026, 6, 10), 31, 10_000_000, 295_533, 45_000_000),
		r(6, ymd(2026, 7, 10), 30, 10_000_000, 234_000, 35_000_000),
		r(7, ymd(2026, 8, 10), 31, 10_000_000, 188_067, 25_000_000),
		r(8, ymd(2026, 9, 10), 31, 10_000_000, 134_333, 15_000_000),
		r(9, ymd(2026, 10, 10), 30, 10_000_000, 78_000, 5_000_000),
		r(10, ymd(2026, 11, 10), 31, 5_000_000, 26_867, 0),
		r(11, ymd(2026, 12, 10), 30, 0, 0, 0),
		r(12, ymd(2027, 1, 10), 31, 0, 0, 0),
	}
	// Coming parts first: 25,000,000 covers the two next parts and half the
	// third; from installment 6 the balance is 70M, then 10M less a month:
	//  6: 70M × 30/30 = 364,000               7: 60M × 31/30 = 322,400
	//  8: 50M × 31/30 = 268,666.67            9: 40M × 30/30 = 208,000
	// 10: 30M × 31/30 = 161,200              11: 20M × 30/30 = 104,000
	// 12: 10M × 31/30 = 53,733.33 — the end date stays.
	nextTail := []row{
		r(6, ymd(2026, 7, 10), 30, 10_000_000, 364_000, 60_000_000),
		r(7, ymd(2026, 8, 10), 31, 10_000_000, 322_400, 50_000_000),
		r(8, ymd(2026, 9, 10), 31, 10_000_000, 268_667, 40_000_000),
		r(9, ymd(2026, 10, 10), 30, 10_000_000, 208_000, 30_000_000),
		r(10, ymd(2026, 11, 10), 31, 10_000_000, 161_200, 20_000_000),
		r(11, ymd(2026, 12, 10), 30, 10_000_000, 104_000, 10_000_000),
		r(12, ymd(2027, 1, 10), 31, 10_000_000, 53_733, 0),
	}
	cat := func(parts ...[]row) []row { return slices.Concat(parts...) }
	tests := []struct {
		name    string
		last    bool // EarlyLastPartsFirst; default: the coming parts first
		pre     []lending.Flow
		want    []row
		prepaid []credit.VND // Prepaid of installments 1, 2, 3
	}{
		{
			// 2026-03-20, in period 3 (03-10..04-09, 31 days): 10 days of
			// 100,000,000 and 21 of 75,000,000:
			// (1,000,000,000 + 1,575,000,000) × 0.52 % / 30 = 446,333.33.
			// Parts 3 and 4 are covered, part 5 is 5,000,000:
			// 4: 75M × 30/30 = 390,000; 5: 75M × 31/30 = 403,000.
			name: "coming parts first: in the middle of a period",
			pre:  []lending.Flow{{On: ymd(2026, 3, 20), Amount: 25_000_000}},
			want: cat([]row{first, second,
				r(3, ymd(2026, 4, 10), 31, 0, 446_333, 75_000_000),
				r(4, ymd(2026, 5, 10), 30, 0, 390_000, 75_000_000),
				r(5, ymd(2026, 6, 10), 31, 5_000_000, 403_000, 70_000_000),
			}, nextTail),
			prepaid: []credit.VND{0, 0, 25_000_000},
		},
		{
			// On due date 2026-03-10: installment 2 is paid first, then the
			// prepayment; period 3 is all 75,000,000: 390,000 × 31/30 = 403,000.
			name: "coming parts first: on a due date",
			pre:  []lending.Flow{{On: ymd(2026, 3, 10), Amount: 25_000_000}},
			want: cat([]row{first, second,
				r(3, ymd(2026, 4, 10), 31, 0, 403_000, 75_000_000),
				r(4, ymd(2026, 5, 10), 30, 0, 390_000, 75_000_000),
				r(5, ymd(2026, 6, 10), 31, 5_000_000, 403_000, 70_000_000),
			}, nextTail),
			prepaid: []credit.VND{0, 0, 25_000_000},
		},
		{
			// The day before, 2026-03-09: it covers installment 2's part
			// (due the next day), part 3 and half of part 4. Period 2: 27
			// days of 110M and 1 of 85M: 3,055,000,000 × 0.52 % / 30 =
			// 529,533.33. 3: 85M × 31/30 = 456,733.33; 4: 85M × 30/30 =
			// 442,000; 5: 80M × 31/30 = 429,866.67.
			name: "coming parts first: the day before a due date",
			pre:  []lending.Flow{{On: ymd(2026, 3, 9), Amount: 25_000_000}},
			want: cat([]row{first,
				r(2, ymd(2026, 3, 10), 28, 0, 529_533, 85_000_000),
				r(3, ymd(2026, 4, 10), 31, 0, 456_733, 85_000_000),
				r(4, ymd(2026, 5, 10), 30, 5_000_000, 442_000, 80_000_000),
				r(5, ymd(2026, 6, 10), 31, 10_000_000, 429_867, 70_000_000),
			}, nextTail),
			prepaid: []credit.VND{0, 25_000_000, 0},
		},
		{
			name: "last parts first: in the middle of a period",
			last: true,
			pre:  []lending.Flow{{On: ymd(2026, 3, 20), Amount: 25_000_000}},
			want: cat([]row{first, second,
				r(3, ymd(2026, 4, 10), 31, 10_000_000, 446_333, 65_000_000),
			}, lastTail),
			prepaid: []credit.VND{0, 0, 25_000_000},
		},
		{
			name: "last parts first: on a due date",
			last: true,
			pre:  []lending.Flow{{On: ymd(2026, 3, 10), Amount: 25_000_000}},
			want: cat([]row{first, second,
				r(3, ymd(2026, 4, 10), 31, 10_000_000, 403_000, 65_000_000),
			}, lastTail),
			prepaid: []credit.VND{0, 0, 25_000_000},
		},
		{
			// Period 2 as in the default case (529,533.33); installment 2's
			// part still falls due: 110 − 25 − 10 = 75M after it.
			name: "last parts first: the day before a due date",
			last: true,
			pre:  []lending.Flow{{On: ymd(2026, 3, 9), Amount: 25_000_000}},
			want: cat([]row{first,
				r(2, ymd(2026, 3, 10), 28, 10_000_000, 529_533, 75_000_000),
				r(3, ymd(2026, 4, 10), 31, 10_000_000, 403_000, 65_000_000),
			}, lastTail),
			prepaid: []credit.VND{0, 25_000_000, 0},
		},
		{
			// Two prepayments on one day adding up to the same 25,000,000.
			name: "last parts first: two on one day",
			last: true,
			pre: []lending.Flow{
				{On: ymd(2026, 3, 20), Amount: 20_000_000},
				{On: ymd(2026, 3, 20), Amount: 5_000_000},
			},
			want: cat([]row{first, second,
				r(3, ymd(2026, 4, 10), 31, 10_000_000, 446_333, 65_000_000),
			}, lastTail),
			prepaid: []credit.VND{0, 0, 25_000_000},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := credit.DefaultBook()
			if tt.last {
				b = lastPartsFirst(t)
			}
			s := mustSchedule(t, b, loan, tt.pre)
			checkRows(t, s.Installments, tt.want)
			for i, p := range tt.prepaid {
				if s.Installments[i].Prepaid != p {
					t.Errorf("installment %d: prepaid %d, want %d", i+1, s.Installments[i].Prepaid, p)
				}
			}
			// Without the prepayment installment 3 would be 537,333
			// (100M × 0.52 % × 31/30); with it, less.
			if s.Installments[2].Interest >= 537_333 {
				t.Errorf("installment 3 interest %d not below 537333", s.Installments[2].Interest)
			}
		})
	}

	// Prepayments come back in date order, and each covers the parts of its
	// own day: 2,000,000 on 2026-02-01 (period 1), 1,000,000 on 2026-06-01
	// (period 5).
	pre := []lending.Flow{{On: ymd(2026, 6, 1), Amount: 1_000_000}, {On: ymd(2026, 2, 1), Amount: 2_000_000}}
	s := mustSchedule(t, credit.DefaultBook(), loan, pre)
	if len(s.Prepayments) != 2 || s.Prepayments[0].On != ymd(2026, 2, 1) || s.Prepayments[1].On != ymd(2026, 6, 1) {
		t.Errorf("Prepayments not in date order: %+v", s.Prepayments)
	}
	if p1, p5, p12 := s.Installments[0].Principal, s.Installments[4].Principal, s.Installments[11].Principal; p1 != 8_000_000 || p5 != 9_000_000 || p12 != 10_000_000 {
		t.Errorf("coming parts first: parts 1, 5, 12 = %d, %d, %d; want 8000000, 9000000, 10000000", p1, p5, p12)
	}
	s = mustSchedule(t, lastPartsFirst(t), loan, pre)
	if p1, p5, p12 := s.Installments[0].Principal, s.Installments[4].Principal, s.Installments[11].Principal; p1 != 10_000_000 || p5 != 10_000_000 || p12 != 7_000_000 {
		t.Errorf("last parts first: parts 1, 5, 12 = %d, %d, %d; want 10000000, 10000000, 7000000", p1, p5, p12)
	}

	// The whole balance: 110,000,000 on 2026-02-20 (after installment 1),
	// in either order. Installment 2: 10 days (02-10..19) of 110M:
	// 572,000 × 10/30 = 190,666.67. Nothing is left after it.
	for _, b := range []*credit.Book{credit.DefaultBook(), lastPartsFirst(t)} {
		s = mustSchedule(t, b, loan, []lending.Flow{{On: ymd(2026, 2, 20), Amount: 110_000_000}})
		if in := s.Installments[1]; in.Principal != 0 || in.Interest != 190_667 || in.BalanceAfter != 0 || in.Prepaid != 110_000_000 {
			t.Errorf("%s: installment 2 after paying everything: %+v", b.Version(), in)
		}
		for _, in := range s.Installments[2:] {
			if in.Principal != 0 || in.Interest != 0 || in.BalanceAfter != 0 {
				t.Errorf("%s: installment %d after the loan is repaid: %+v", b.Version(), in.No, in)
			}
		}
		if s.TotalInterest != 644_800+190_667 {
			t.Errorf("%s: total interest %d, want %d", b.Version(), s.TotalInterest, 644_800+190_667)
		}
	}
}

// TestScheduleValidation: every problem is reported at once, with a JSON
// pointer into POST /v1/schedules and a stable code; the boundary values on
// the other side pass.
func TestScheduleValidation(t *testing.T) {
	// Valid: the contract example; first principal due 2026-11-01, the
	// last installment 2027-11-01.
	base := func() lending.Loan {
		return lending.Loan{Amount: 100_000_000, DisbursedOn: ymd(2025, 11, 1), TermMonths: 24, PrincipalEveryMonths: 12}
	}
	training := func(course, term int) lending.Loan {
		return lending.Loan{Amount: 4_000_000, DisbursedOn: ymd(2025, 11, 1), TermMonths: term, PrincipalEveryMonths: 1,
			Purpose: credit.VocationalTraining, CourseMonths: course}
	}
	parts := func(fs ...lending.Flow) func(*lending.Loan) { return func(l *lending.Loan) { l.Disbursements = fs } }
	flow := func(on credit.Date, a credit.VND) lending.Flow { return lending.Flow{On: on, Amount: a} }
	tests := []struct {
		name string
		loan lending.Loan
		edit func(*lending.Loan)
		pre  []lending.Flow
		want []pc
	}{
		{name: "valid", loan: base()},
		{name: "amount negative", loan: base(), edit: func(l *lending.Loan) { l.Amount = -1 },
			want: []pc{{"/amount", credit.CodeNegative}}},
		{name: "amount zero", loan: base(), edit: func(l *lending.Loan) { l.Amount = 0 },
			want: []pc{{"/amount", credit.CodeOutOfRange}}},
		{name: "amount one đồng", loan: base(), edit: func(l *lending.Loan) { l.Amount = 1 }},
		{name: "term 0", loan: base(), edit: func(l *lending.Loan) { l.TermMonths = 0 },
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "term 121 production", loan: base(), edit: func(l *lending.Loan) { l.TermMonths = 121 },
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "term 120 production", loan: base(), edit: func(l *lending.Loan) { l.TermMonths = 120 }},
		{name: "term 1", loan: base(), edit: func(l *lending.Loan) { l.TermMonths, l.PrincipalEveryMonths = 1, 1 }},
		// Course ≤ 12: at most course + 2 × course.
		{name: "training course 12, term 37", loan: training(12, 37),
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "training course 12, term 36", loan: training(12, 36)},
		{name: "training course 1, term 4", loan: training(1, 4),
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "training course 1, term 3", loan: training(1, 3)},
		// Course > 12: at most course + 1 × course.
		{name: "training course 13, term 27", loan: training(13, 27),
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "training course 13, term 26", loan: training(13, 26)},
		{name: "training term equal to the course", loan: training(10, 10),
			want: []pc{{"/term_months", credit.CodeOutOfRange}}},
		{name: "training term course + 1", loan: training(10, 11)},
		{name: "principal every 0", loan: base(), edit: func(l *lending.Loan) { l.PrincipalEveryMonths = 0 },
			want: []pc{{"/principal_every_months", credit.CodeOutOfRange}}},
		{name: "principal every 5 does not divide 24", loan: base(), edit: func(l *lending.Loan) { l.PrincipalEveryMonths = 5 },
			want: []pc{{"/principal_every_months", lending.CodeNotDivisor}}},
		{name: "principal every 25 > term", loan: base(), edit: func(l *lending.Loan) { l.PrincipalEveryMonths = 25 },
			want: []pc{{"/principal_every_months", lending.CodeNotDivisor}}},
		{name: "principal every 24 = term", loan: base(), edit: func(l *lending.Loan) { l.PrincipalEveryMonths = 24 }},
		// Grace 4 of 24: the repayment period is 20, which 12 does not divide.
		{name: "every must divide term − grace", loan: base(), edit: func(l *lending.Loan) { l.GraceMonths = 4 },
			want: []pc{{"/principal_every_months", lending.CodeNotDivisor}}},
		{name: "grace 12, every 12", loan: base(), edit: func(l *lending.Loan) { l.GraceMonths = 12 }},
		{name: "grace = term", loan: base(), edit: func(l *lending.Loan) { l.GraceMonths, l.PrincipalEveryMonths = 24, 1 },
			want: []pc{{"/grace_months", credit.CodeOutOfRange}}},
		{name: "grace = term − 1", loan: base(), edit: func(l *lending.Loan) { l.GraceMonths, l.PrincipalEveryMonths = 23, 1 }},
		{name: "grace negative", loan: base(), edit: func(l *lending.Loan) { l.GraceMonths = -1 },
			want: []pc{{"/grace_months", credit.CodeOutOfRange}}},
		{name: "disbursement the day before disbursed_on", loan: base(),
			edit: parts(flow(ymd(2025, 10, 31), 50_000_000), flow(ymd(2025, 11, 1), 50_000_000)),
			want: []pc{{"/disbursements/0/on", lending.CodeBeforeDisbursement}}},
		{name: "disbursements on disbursed_on and the day before principal falls due", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 50_000_000), flow(ymd(2026, 10, 31), 50_000_000))},
		{name: "disbursement on the first principal due date", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 50_000_000), flow(ymd(2026, 11, 1), 50_000_000)),
			want: []pc{{"/disbursements/1/on", credit.CodeOutOfRange}}},
		{name: "disbursement after the first principal due date", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 50_000_000), flow(ymd(2027, 1, 1), 50_000_000)),
			want: []pc{{"/disbursements/1/on", credit.CodeOutOfRange}}},
		{name: "disbursements one đồng short", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 50_000_000), flow(ymd(2025, 12, 1), 49_999_999)),
			want: []pc{{"/disbursements", lending.CodeSumMismatch}}},
		{name: "disbursements one đồng over", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 50_000_000), flow(ymd(2025, 12, 1), 50_000_001)),
			want: []pc{{"/disbursements", lending.CodeSumMismatch}}},
		{name: "disbursement amount zero and negative", loan: base(),
			edit: parts(flow(ymd(2025, 11, 1), 0), flow(ymd(2025, 12, 1), -1), flow(ymd(2025, 12, 2), 100_000_000)),
			want: []pc{{"/disbursements/0/amount", credit.CodeOutOfRange}, {"/disbursements/1/amount", credit.CodeNegative}}},
		{name: "disbursed_on the day before the policy", loan: base(), edit: func(l *lending.Loan) { l.DisbursedOn = ymd(2023, 10, 9) },
			want: []pc{{"/disbursed_on", credit.CodeBeforePolicy}}},
		{name: "disbursed_on the day the policy came into force", loan: base(), edit: func(l *lending.Loan) { l.DisbursedOn = ymd(2023, 10, 10) }},
		{name: "disbursed_on missing", loan: base(), edit: func(l *lending.Loan) { l.DisbursedOn = credit.Date{} },
			want: []pc{{"/disbursed_on", credit.CodeRequired}}},
		{name: "prepayment the day before disbursement", loan: base(), pre: []lending.Flow{flow(ymd(2025, 10, 31), 1)},
			want: []pc{{"/prepayments/0/on", lending.CodeBeforeDisbursement}}},
		{name: "prepayment on the disbursement day", loan: base(), pre: []lending.Flow{flow(ymd(2025, 11, 1), 100_000_000)}},
		{name: "prepayment the day after the last due date", loan: base(), pre: []lending.Flow{flow(ymd(2027, 11, 2), 1)},
			want: []pc{{"/prepayments/0/on", credit.CodeOutOfRange}}},
		{name: "prepayment the day before the last due date", loan: base(), pre: []lending.Flow{flow(ymd(2027, 10, 31), 50_000_000)}},
		// On the last due date everything left falls due: an early
		// repayment must come before it.
		{name: "prepayment on the last due date", loan: base(), pre: []lending.Flow{flow(ymd(2027, 11, 1), 1)},
			want: []pc{{"/prepayments/0/on", credit.CodeOutOfRange}}},
		// The end of the term is known even when the amount is wrong: both
		// problems at once.
		{name: "prepayment after the term with a zero amount", loan: func() lending.Loan { l := base(); l.Amount = 0; return l }(),
			pre:  []lending.Flow{flow(ymd(2030, 1, 1), 1)},
			want: []pc{{"/amount", credit.CodeOutOfRange}, {"/prepayments/0/on", credit.CodeOutOfRange}}},
		{name: "prepayment of more than the balance", loan: base(), pre: []lending.Flow{flow(ymd(2025, 11, 1), 100_000_001)},
			want: []pc{{"/prepayments/0/amount", lending.CodeExceedsBalance}}},
		// The 1 prepaid on 2026-06-01 covers the coming part (due
		// 2026-11-01, the default order), which becomes 49,999,999; paid on
		// its due date, it leaves exactly 50,000,000 that day.
		{name: "prepayment of exactly the balance after a part fell due", loan: base(),
			pre: []lending.Flow{flow(ymd(2026, 11, 1), 50_000_000), flow(ymd(2026, 6, 1), 1)}},
		{name: "prepayment one đồng over the balance after a part fell due (pointer of the given order)", loan: base(),
			pre:  []lending.Flow{flow(ymd(2026, 11, 1), 50_000_001), flow(ymd(2026, 6, 1), 1)},
			want: []pc{{"/prepayments/0/amount", lending.CodeExceedsBalance}}},
		{name: "prepayment amount zero and negative", loan: base(),
			pre:  []lending.Flow{flow(ymd(2026, 1, 1), 0), flow(ymd(2026, 1, 1), -5)},
			want: []pc{{"/prepayments/0/amount", credit.CodeOutOfRange}, {"/prepayments/1/amount", credit.CodeNegative}}},
		{
			name: "every problem at once",
			loan: lending.Loan{
				Amount: -1, DisbursedOn: ymd(2023, 10, 9), TermMonths: 121, PrincipalEveryMonths: 0, GraceMonths: -1,
				Disbursements: []lending.Flow{flow(ymd(2023, 10, 1), 0)},
			},
			pre: []lending.Flow{flow(ymd(2023, 10, 8), -1)},
			want: []pc{
				{"/amount", credit.CodeNegative},
				{"/disbursed_on", credit.CodeBeforePolicy},
				{"/term_months", credit.CodeOutOfRange},
				{"/grace_months", credit.CodeOutOfRange},
				{"/principal_every_months", credit.CodeOutOfRange},
				{"/disbursements/0/on", lending.CodeBeforeDisbursement},
				{"/disbursements/0/amount", credit.CodeOutOfRange},
				{"/prepayments/0/on", lending.CodeBeforeDisbursement},
				{"/prepayments/0/amount", credit.CodeNegative},
			},
		},
		{
			name: "training loan problems at once",
			loan: lending.Loan{
				Amount: 40_000_000, DisbursedOn: ymd(2025, 11, 1), TermMonths: 31, PrincipalEveryMonths: 1,
				Purpose: credit.VocationalTraining, CourseMonths: 10,
				Disbursements: []lending.Flow{flow(ymd(2025, 10, 1), 20_000_000), flow(ymd(2025, 11, 1), 10_000_000)},
			},
			pre: []lending.Flow{flow(ymd(2025, 10, 31), 1)},
			want: []pc{
				{"/term_months", credit.CodeOutOfRange},
				{"/disbursements/0/on", lending.CodeBeforeDisbursement},
				{"/disbursements", lending.CodeSumMismatch},
				{"/prepayments/0/on", lending.CodeBeforeDisbursement},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.loan
			if tt.edit != nil {
				tt.edit(&l)
			}
			s, err := lending.ScheduleOf(credit.DefaultBook(), l, tt.pre)
			got := problemList(t, err)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n got %v\nwant %v", got, tt.want)
			}
			if err == nil && len(s.Installments) != l.TermMonths {
				t.Errorf("valid loan: %d installments, want %d", len(s.Installments), l.TermMonths)
			}
			if err != nil && len(s.Installments) != 0 {
				t.Errorf("invalid loan: %d installments returned with the error", len(s.Installments))
			}
			// Validate agrees with ScheduleOf on the loan's own problems.
			if tt.pre == nil {
				if got := problemList(t, l.Validate(credit.DefaultBook())); !slices.Equal(got, tt.want) {
					t.Errorf("Validate:\n got %v\nwant %v", got, tt.want)
				}
			}
		})
	}
}

// TestScheduleTemporaryCut: a province's rules file lowers the lending rate
// by 2 %/year from 2025-10-01 to 2025-12-31 under "2654/QĐ-TTg": 4.6 %/year
// to 2025-11-30, 4.24 %/year in December, 6.24 % again from 2026-01-01. A
// loan of 100,000,000 disbursed on 2025-09-01 (12 months, principal every 6)
// differs from the default book's schedule only in installments 2, 3 and 4,
// whose periods (2025-10-01..31, 11-01..30, 12-01..31) fall in the cut;
// installment 1 ends on 2025-09-30 and installment 5 starts on 2026-01-01.
// No code changes: only the file.
//
//	                   default                          cut
//	2 (31 days)  100M × 0.55 % × 31/30 = 568,333.33   100M × 4.6/1200 % × 31/30 = 396,111.11
//	3 (30 days)  100M × 0.55 %        = 550,000       100M × 4.6/1200 %        = 383,333.33
//	4 (31 days)  100M × 0.52 % × 31/30 = 537,333.33   100M × 4.24/1200 % × 31/30 = 365,111.11
func TestScheduleTemporaryCut(t *testing.T) {
	f, err := os.Open("testdata/rules/temporary-cut.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cut, err := credit.DefaultBook().Override(f)
	if err != nil {
		t.Fatalf("Override: %v", err)
	}
	loan := lending.Loan{Amount: 100_000_000, DisbursedOn: ymd(2025, 9, 1), TermMonths: 12, PrincipalEveryMonths: 6}
	def := mustSchedule(t, credit.DefaultBook(), loan, nil)
	got := mustSchedule(t, cut, loan, nil)

	if got.Version != "tinh/2025-10-01-giam-lai-tam-thoi" {
		t.Errorf("Version = %q, want the rules file's", got.Version)
	}
	want := map[int][2]credit.VND{ // installment → default, cut
		1: {550_000, 550_000},
		2: {568_333, 396_111},
		3: {550_000, 383_333},
		4: {537_333, 365_111},
		5: {537_333, 537_333}, // 2026-01-01..31 at 0.52 % in both
	}
	for i := range got.Installments {
		g, d := got.Installments[i], def.Installments[i]
		if w, ok := want[g.No]; ok && (d.Interest != w[0] || g.Interest != w[1]) {
			t.Errorf("installment %d: interest %d (default) and %d (cut); want %d and %d", g.No, d.Interest, g.Interest, w[0], w[1])
		}
		touches := g.No >= 2 && g.No <= 4
		if same := g == d; same == touches {
			t.Errorf("installment %d: cut %+v, default %+v; should differ: %v", g.No, g, d, touches)
		}
	}
	if diff := def.TotalInterest - got.TotalInterest; diff != (568_333-396_111)+(550_000-383_333)+(537_333-365_111) {
		t.Errorf("total interest falls by %d, want 511111", diff)
	}
	// The rates applied name the cut's instrument for 2025-10-01..12-31.
	wantRates := []struct {
		from, to   credit.Date
		instrument string
		monthly    string
	}{
		{ymd(2025, 9, 1), ymd(2025, 9, 30), credit.QD750, "0.55"},
		{ymd(2025, 10, 1), ymd(2025, 11, 30), "2654/QĐ-TTg", "0.383333333"},
		{ymd(2025, 12, 1), ymd(2025, 12, 31), "2654/QĐ-TTg", "0.353333333"},
		{ymd(2026, 1, 1), ymd(2026, 8, 31), credit.QD2553, "0.52"},
	}
	if len(got.Rates) != len(wantRates) {
		t.Fatalf("rates %+v", got.Rates)
	}
	for i, w := range wantRates {
		r := got.Rates[i]
		if r.From != w.from || r.To != w.to || r.Citation.Instrument != w.instrument || r.Rate.MonthlyPct().String() != w.monthly {
			t.Errorf("rate %d: %s..%s %s %s; want %s..%s %s %s", i, r.From, r.To, r.Citation.Instrument, r.Rate.MonthlyPct(),
				w.from, w.to, w.instrument, w.monthly)
		}
	}
	// The overdue rate follows: 130 % of 4.6 %/year is 5.98 %/year.
	if od := got.Rates[1].OverdueRate.YearlyPct(); !od.Equal(decimal.RequireFromString("5.98")) {
		t.Errorf("overdue rate during the cut %s %%/year, want 5.98", od)
	}
}
