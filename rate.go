package credit

import (
	"errors"

	"github.com/shopspring/decimal"
)

// Rate is an interest rate. It is kept exactly, as a whole number of
// billionths of a percent per year, because VBSP announces rates both per
// month (0.55 %/month) and per year (6.24 %/year, or a temporary 2 %/year
// cut), and every monthly rate with up to eight decimals is an exact yearly
// rate but not the other way round. The monthly rate is the yearly rate / 12.
//
// The zero Rate is 0 %.
type Rate struct {
	nanoPctYear int64
}

// ErrNotRate is returned for text that is not a percentage in range.
var ErrNotRate = errors.New("credit: not a rate: a percentage from 0 to 100 with at most 9 decimals")

const nanoPerPct = 1_000_000_000

var (
	nanoDecimal = decimal.New(1, 9)
	maxRatePct  = decimal.NewFromInt(100)
)

// ParseYearlyPct parses a yearly rate in percent, such as "6.24".
func ParseYearlyPct(s string) (Rate, error) { return parseRate(s, 1) }

// ParseMonthlyPct parses a monthly rate in percent, such as "0.55", and
// returns the rate with yearly value 12 × that.
func ParseMonthlyPct(s string) (Rate, error) { return parseRate(s, 12) }

func parseRate(s string, times int64) (Rate, error) {
	d, err := decimal.NewFromString(s)
	if err != nil || d.Sign() < 0 {
		return Rate{}, ErrNotRate
	}
	d = d.Mul(decimal.NewFromInt(times))
	if d.GreaterThan(maxRatePct) {
		return Rate{}, ErrNotRate
	}
	n := d.Mul(nanoDecimal)
	if !n.IsInteger() {
		return Rate{}, ErrNotRate
	}
	return Rate{nanoPctYear: n.IntPart()}, nil
}

// YearlyPct returns the yearly rate in percent, exactly.
func (r Rate) YearlyPct() decimal.Decimal { return decimal.New(r.nanoPctYear, -9) }

// MonthlyPct returns the monthly rate in percent: the yearly rate / 12, exact
// when it has at most nine decimals, otherwise rounded to nine decimals half
// away from zero (a temporary 4.24 %/year shows as 0.353333333 %/month).
// Calculations use the exact value, not this display.
func (r Rate) MonthlyPct() decimal.Decimal {
	return decimal.New(divRound(r.nanoPctYear, 12), -9)
}

// Scale returns the rate multiplied by pct percent: Scale(130) is the overdue
// rate of QĐ22 Art. 9. The result is exact when it can be; otherwise it is
// rounded to a billionth of a percent per year, half away from zero.
func (r Rate) Scale(pct int64) Rate {
	return Rate{nanoPctYear: divRound(r.nanoPctYear*pct, 100)}
}

// Less reports whether r is lower than s.
func (r Rate) Less(s Rate) bool { return r.nanoPctYear < s.nanoPctYear }

// InterestFraction returns the rate as an exact fraction per day under the
// project's interest convention (legal reference §4): a day's interest on a
// balance B is B × monthly rate / 30 = B × num / den.
func (r Rate) InterestFraction() (num, den int64) {
	// monthly % / 30 / 100 = yearly nano% / (12 × 30 × 100 × 10^9)
	return r.nanoPctYear, 12 * 30 * 100 * nanoPerPct
}

// String returns the monthly percentage followed by "%/month", for logs and
// messages.
func (r Rate) String() string { return r.MonthlyPct().String() + "%/month" }

// divRound divides a by b (b > 0), rounding half away from zero.
func divRound(a, b int64) int64 {
	q, rem := a/b, a%b
	if rem < 0 {
		rem = -rem
	}
	if 2*rem >= b {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}
