package credit

import (
	"errors"
	"strconv"

	"github.com/shopspring/decimal"
)

// VND is an amount of money in whole Vietnamese đồng, the unit QĐ22 lends in
// (Quyết định 22/2023/QĐ-TTg, Art. 7). Amounts are exact integers; nothing in
// this module holds money as a float.
type VND int64

// MaxVND is the largest amount the library accepts as input:
// 10^15 đồng, far above any loan under the policy, and small enough that
// sums of many amounts and products with rates stay exact in int64 and decimal.
const MaxVND VND = 1_000_000_000_000_000

var (
	// ErrNotAmount is returned for text that is not a whole number of đồng.
	ErrNotAmount = errors.New("credit: not a whole number of đồng")
	// ErrNegativeAmount is returned for an amount below zero.
	ErrNegativeAmount = errors.New("credit: amount is negative")
	// ErrAmountTooLarge is returned for an amount above MaxVND.
	ErrAmountTooLarge = errors.New("credit: amount is too large")
)

// ParseVND parses an amount written as decimal digits ("100000000"): no sign,
// no separators, no decimal point.
func ParseVND(s string) (VND, error) {
	if s == "" {
		return 0, ErrNotAmount
	}
	if s[0] == '-' {
		if _, ok := allDigits(s[1:]); ok {
			return 0, ErrNegativeAmount
		}
		return 0, ErrNotAmount
	}
	n, ok := allDigits(s)
	if !ok {
		return 0, ErrNotAmount
	}
	if n < 0 {
		return 0, ErrAmountTooLarge
	}
	return VND(n), nil
}

// allDigits parses s as a non-negative integer; n < 0 means it is larger than
// MaxVND.
func allDigits(s string) (n int64, ok bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		if n >= 0 {
			n = n*10 + int64(c-'0')
			if n > int64(MaxVND) {
				n = -1
			}
		}
	}
	return n, true
}

// VNDFromDecimal converts an exact whole number of đồng. A fraction is
// ErrNotAmount, a negative value ErrNegativeAmount and a value above MaxVND
// ErrAmountTooLarge. Use RoundDong to round a computed value instead.
func VNDFromDecimal(d decimal.Decimal) (VND, error) {
	if !d.IsInteger() {
		return 0, ErrNotAmount
	}
	if d.Sign() < 0 {
		return 0, ErrNegativeAmount
	}
	if d.GreaterThan(maxVNDDecimal) {
		return 0, ErrAmountTooLarge
	}
	return VND(d.IntPart()), nil
}

var maxVNDDecimal = decimal.NewFromInt(int64(MaxVND))

// RoundDong is the module's one rounding rule for money: round to whole đồng,
// half away from zero (0.5 → 1, −0.5 → −1). Every computed amount that is not
// already whole (interest for a period, a share of a total) is rounded by it,
// once, at the end of its calculation.
func RoundDong(d decimal.Decimal) VND {
	return VND(d.Round(0).IntPart())
}

// Decimal returns v as a decimal number of đồng.
func (v VND) Decimal() decimal.Decimal { return decimal.NewFromInt(int64(v)) }

// String returns v as plain digits (with a leading minus if negative), the
// way the HTTP contract writes money.
func (v VND) String() string { return strconv.FormatInt(int64(v), 10) }

// AppendText appends v as plain digits to b.
func (v VND) AppendText(b []byte) ([]byte, error) { return strconv.AppendInt(b, int64(v), 10), nil }

// MarshalText implements encoding.TextMarshaler, writing plain digits.
func (v VND) MarshalText() ([]byte, error) { return v.AppendText(nil) }

// MinVND returns the smaller of a and b.
func MinVND(a, b VND) VND {
	if a < b {
		return a
	}
	return b
}
