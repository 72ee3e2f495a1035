package credit_test

import (
	"errors"
	"math/big"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

func mustYearly(t *testing.T, s string) credit.Rate {
	t.Helper()
	r, err := credit.ParseYearlyPct(s)
	if err != nil {
		t.Fatalf("ParseYearlyPct(%q): %v", s, err)
	}
	return r
}

func mustMonthly(t *testing.T, s string) credit.Rate {
	t.Helper()
	r, err := credit.ParseMonthlyPct(s)
	if err != nil {
		t.Fatalf("ParseMonthlyPct(%q): %v", s, err)
	}
	return r
}

func TestParseRate(t *testing.T) {
	tests := []struct {
		name        string
		in          string
		monthly     bool // ParseMonthlyPct instead of ParseYearlyPct
		wantYearly  string
		wantMonthly string
		wantErr     bool
	}{
		{name: "QĐ750 0.55 %/month", in: "0.55", monthly: true, wantYearly: "6.6", wantMonthly: "0.55"},
		{name: "QĐ750 as 6.6 %/year", in: "6.6", wantYearly: "6.6", wantMonthly: "0.55"},
		{name: "QĐ2553 6.24 %/year", in: "6.24", wantYearly: "6.24", wantMonthly: "0.52"},
		{name: "QĐ2553 0.52 %/month", in: "0.52", monthly: true, wantYearly: "6.24", wantMonthly: "0.52"},
		{name: "temporary 4.24 %/year", in: "4.24", wantYearly: "4.24", wantMonthly: "0.353333333"},
		{name: "2 %/year", in: "2", wantYearly: "2", wantMonthly: "0.166666667"},
		{name: "zero yearly", in: "0", wantYearly: "0", wantMonthly: "0"},
		{name: "zero monthly", in: "0", monthly: true, wantYearly: "0", wantMonthly: "0"},
		{name: "trailing zeros", in: "6.240", wantYearly: "6.24", wantMonthly: "0.52"},
		{name: "yearly 100", in: "100", wantYearly: "100", wantMonthly: "8.333333333"},
		{name: "yearly just over 100", in: "100.000000001", wantErr: true},
		{name: "yearly 101", in: "101", wantErr: true},
		{name: "yearly nine decimals", in: "0.000000001", wantYearly: "0.000000001", wantMonthly: "0"},
		{name: "yearly ten decimals", in: "0.0000000001", wantErr: true},
		{name: "yearly 6.24 with a tenth decimal", in: "6.2400000001", wantErr: true},
		{name: "monthly nine decimals", in: "0.000000001", monthly: true, wantYearly: "0.000000012", wantMonthly: "0.000000001"},
		{name: "monthly ten decimals", in: "0.0000000001", monthly: true, wantErr: true},
		{name: "monthly highest below 100 %/year", in: "8.333333333", monthly: true, wantYearly: "99.999999996", wantMonthly: "8.333333333"},
		{name: "monthly just over 100 %/year", in: "8.333333334", monthly: true, wantErr: true},
		{name: "monthly 9 is 108 %/year", in: "9", monthly: true, wantErr: true},
		{name: "minus one", in: "-1", wantErr: true},
		{name: "minus one monthly", in: "-1", monthly: true, wantErr: true},
		{name: "slightly negative", in: "-0.000000001", wantErr: true},
		{name: "letters", in: "abc", wantErr: true},
		{name: "letters monthly", in: "abc", monthly: true, wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "percent sign", in: "6.24%", wantErr: true},
		{name: "decimal comma", in: "6,24", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			parse := credit.ParseYearlyPct
			if tc.monthly {
				parse = credit.ParseMonthlyPct
			}
			r, err := parse(tc.in)
			if tc.wantErr {
				if !errors.Is(err, credit.ErrNotRate) {
					t.Fatalf("parse(%q) error = %v, want ErrNotRate", tc.in, err)
				}
				if r != (credit.Rate{}) {
					t.Errorf("parse(%q) = %v on error, want the zero Rate", tc.in, r)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse(%q) error = %v", tc.in, err)
			}
			if got := r.YearlyPct().String(); got != tc.wantYearly {
				t.Errorf("YearlyPct() = %s, want %s", got, tc.wantYearly)
			}
			if got := r.MonthlyPct().String(); got != tc.wantMonthly {
				t.Errorf("MonthlyPct() = %s, want %s", got, tc.wantMonthly)
			}
			if got, want := r.String(), tc.wantMonthly+"%/month"; got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
		})
	}
}

func TestRateMonthlyAndYearlyAgree(t *testing.T) {
	tests := []struct {
		name            string
		monthly, yearly string
	}{
		{name: "QĐ750", monthly: "0.55", yearly: "6.6"},
		{name: "QĐ2553", monthly: "0.52", yearly: "6.24"},
		{name: "overdue before 2025-12-01", monthly: "0.715", yearly: "8.58"},
		{name: "overdue from 2025-12-01", monthly: "0.676", yearly: "8.112"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if m, y := mustMonthly(t, tc.monthly), mustYearly(t, tc.yearly); m != y {
				t.Errorf("ParseMonthlyPct(%s) = %v, ParseYearlyPct(%s) = %v, want equal", tc.monthly, m, tc.yearly, y)
			}
		})
	}
}

func TestRateScale(t *testing.T) {
	tests := []struct {
		name        string
		yearly      string
		pct         int64
		wantYearly  string
		wantMonthly string
	}{
		{name: "overdue at 0.55 %/month", yearly: "6.6", pct: 130, wantYearly: "8.58", wantMonthly: "0.715"},
		{name: "overdue at 0.52 %/month", yearly: "6.24", pct: 130, wantYearly: "8.112", wantMonthly: "0.676"},
		{name: "100 % is the same rate", yearly: "6.24", pct: 100, wantYearly: "6.24", wantMonthly: "0.52"},
		{name: "0 % is zero", yearly: "6.24", pct: 0, wantYearly: "0", wantMonthly: "0"},
		{name: "1000 %", yearly: "6.6", pct: 1000, wantYearly: "66", wantMonthly: "5.5"},
		{name: "half a billionth rounds up", yearly: "0.000000001", pct: 50, wantYearly: "0.000000001", wantMonthly: "0"},
		{name: "just under a half rounds down", yearly: "0.000000001", pct: 49, wantYearly: "0", wantMonthly: "0"},
		{name: "1.5 billionths rounds up", yearly: "0.000000001", pct: 150, wantYearly: "0.000000002", wantMonthly: "0"},
		{name: "1.49 billionths rounds down", yearly: "0.000000001", pct: 149, wantYearly: "0.000000001", wantMonthly: "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustYearly(t, tc.yearly).Scale(tc.pct)
			if got := s.YearlyPct().String(); got != tc.wantYearly {
				t.Errorf("Scale(%d).YearlyPct() = %s, want %s", tc.pct, got, tc.wantYearly)
			}
			if got := s.MonthlyPct().String(); got != tc.wantMonthly {
				t.Errorf("Scale(%d).MonthlyPct() = %s, want %s", tc.pct, got, tc.wantMonthly)
			}
		})
	}
}

// TestRateMonthlyRounding checks the display rounding of MonthlyPct on both
// sides of a half billionth.
func TestRateMonthlyRounding(t *testing.T) {
	tests := []struct {
		name   string
		yearly string
		want   string
	}{
		{name: "5/12 billionth rounds down", yearly: "0.000000005", want: "0"},
		{name: "6/12 billionth rounds up", yearly: "0.000000006", want: "0.000000001"},
		{name: "12/12 is exact", yearly: "0.000000012", want: "0.000000001"},
		{name: "17/12 rounds down", yearly: "0.000000017", want: "0.000000001"},
		{name: "18/12 rounds up", yearly: "0.000000018", want: "0.000000002"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustYearly(t, tc.yearly).MonthlyPct().String(); got != tc.want {
				t.Errorf("MonthlyPct() of %s %%/year = %s, want %s", tc.yearly, got, tc.want)
			}
		})
	}
}

func TestRateLess(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want bool
	}{
		{name: "lower", a: "6.24", b: "6.6", want: true},
		{name: "higher", a: "6.6", b: "6.24", want: false},
		{name: "equal", a: "6.24", b: "6.24", want: false},
		{name: "one billionth lower", a: "6.239999999", b: "6.24", want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustYearly(t, tc.a).Less(mustYearly(t, tc.b)); got != tc.want {
				t.Errorf("%s.Less(%s) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

// interest is balance × days × num / den, computed exactly with big integers
// (balance × num × 30 overflows int64 for ordinary loans), and reported as
// the exact quotient and whether there was a remainder.
func interest(balance credit.VND, days int64, r credit.Rate) (q *big.Int, exact bool) {
	num, den := r.InterestFraction()
	n := new(big.Int).Mul(big.NewInt(int64(balance)), big.NewInt(num))
	n.Mul(n, big.NewInt(days))
	q, rem := new(big.Int).QuoRem(n, big.NewInt(den), new(big.Int))
	return q, rem.Sign() == 0
}

func TestInterestFraction(t *testing.T) {
	tests := []struct {
		name      string
		rate      credit.Rate
		balance   credit.VND
		days      int64
		want      int64 // exact interest in đồng when wantExact, else RoundDong of it
		wantExact bool
	}{
		// Legal reference §9 case 10: 100,000,000 outstanding, a 30-day month.
		{name: "case 10 before 2025-12-01", rate: mustMonthly(t, "0.55"), balance: 100_000_000, days: 30, want: 550_000, wantExact: true},
		{name: "case 10 from 2025-12-01", rate: mustYearly(t, "6.24"), balance: 100_000_000, days: 30, want: 520_000, wantExact: true},
		{name: "overdue at 0.715 %/month", rate: mustMonthly(t, "0.55").Scale(130), balance: 100_000_000, days: 30, want: 715_000, wantExact: true},
		{name: "overdue at 0.676 %/month", rate: mustYearly(t, "6.24").Scale(130), balance: 100_000_000, days: 30, want: 676_000, wantExact: true},
		{name: "a 31-day month at 0.52", rate: mustMonthly(t, "0.52"), balance: 100_000_000, days: 31, want: 537_333},
		{name: "one day at 0.55", rate: mustMonthly(t, "0.55"), balance: 100_000_000, days: 1, want: 18_333},
		{name: "one day at 0.52 on 1,000,000", rate: mustMonthly(t, "0.52"), balance: 1_000_000, days: 1, want: 173},
		{name: "zero rate", rate: credit.Rate{}, balance: 100_000_000, days: 30, want: 0, wantExact: true},
		{name: "largest balance, 120 months of 31 days", rate: mustYearly(t, "100"), balance: credit.MaxVND, days: 3720, want: 10_333_333_333_333_333},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			num, den := tc.rate.InterestFraction()
			if den <= 0 || num < 0 {
				t.Fatalf("InterestFraction() = %d/%d", num, den)
			}
			q, exact := interest(tc.balance, tc.days, tc.rate)
			if exact != tc.wantExact {
				t.Errorf("interest exact = %v, want %v", exact, tc.wantExact)
			}
			if tc.wantExact {
				if !q.IsInt64() || q.Int64() != tc.want {
					t.Errorf("interest = %s, want %d", q, tc.want)
				}
				return
			}
			// Not whole: round the exact fraction to đồng.
			n := decimal.NewFromInt(int64(tc.balance)).Mul(decimal.NewFromInt(num)).Mul(decimal.NewFromInt(tc.days))
			got := credit.RoundDong(n.DivRound(decimal.NewFromInt(den), 12))
			if int64(got) != tc.want {
				t.Errorf("rounded interest = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestInterestFractionIsMonthlyOver30 checks the convention itself: a day's
// interest fraction times 30 is the monthly rate as a fraction of one.
func TestInterestFractionIsMonthlyOver30(t *testing.T) {
	tests := []struct {
		name    string
		monthly string
	}{
		{name: "0.55", monthly: "0.55"},
		{name: "0.52", monthly: "0.52"},
		{name: "0.715", monthly: "0.715"},
		{name: "smallest", monthly: "0.000000001"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			num, den := mustMonthly(t, tc.monthly).InterestFraction()
			got := decimal.NewFromInt(num).Mul(decimal.NewFromInt(30)).Div(decimal.NewFromInt(den))
			want := decimal.RequireFromString(tc.monthly).Div(decimal.NewFromInt(100))
			if !got.Equal(want) {
				t.Errorf("30 × %d/%d = %s, want %s", num, den, got, want)
			}
		})
	}
}
