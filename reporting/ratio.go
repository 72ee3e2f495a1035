package reporting

import (
	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

var hundred = decimal.NewFromInt(100)

// RatioPct is num / den as a percentage with two decimals, rounded half
// away from zero (the contract's rule for every ratio of a report), written
// "3.51"; a ratio whose denominator is zero is "0".
func RatioPct(num, den credit.VND) string {
	if den == 0 {
		return "0"
	}
	return num.Decimal().Mul(hundred).DivRound(den.Decimal(), 2).StringFixed(2)
}
