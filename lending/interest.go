package lending

import (
	"math/bits"

	"github.com/vnreentry/credit"
)

// InterestConvention is the project's rule for a period's interest (legal
// reference §4, confidence L): the sum over the period's days of balance ×
// monthly rate in force that day / 30, counting actual days, from the
// period's first day (inclusive) to its due date (exclusive), rounded once
// per period to whole đồng, half away from zero. A balance change on a day
// (a disbursement, a payment) counts for that whole day. The rate is the
// one credit.Rate.InterestFraction gives, so the convention is stated once.
var InterestConvention = credit.Citation{
	Instrument: credit.LegalReference,
	Text:       "Quy ước tính lãi: Σ theo ngày (dư nợ × lãi suất tháng / 30), làm tròn mỗi kỳ đến đồng, nửa đồng làm tròn lên (tài liệu pháp lý của dự án, §4)",
	TextEN:     "Interest convention: Σ over days of balance × monthly rate / 30, rounded once per period to whole đồng, half away from zero (project legal reference, §4)",
	Note:       "Giả định (L); VBSP tính lãi trên dư nợ thực tế. An assumption (confidence L); VBSP charges interest on the actual outstanding balance.",
}

// accrual is interest accumulated exactly: the sum of balance × rate × days
// as a 128-bit numerator over the convention's fixed denominator, so that a
// period's interest is rounded once, at the end. Balances are at most
// credit.MaxVND (< 2^50), rates at most 1000 % a year in billionths of a
// percent (< 2^44), days per call at most a few hundred (< 2^9): each term is
// below 2^103, and a period sums a handful of terms.
type accrual struct{ hi, lo uint64 }

// interestDen is the denominator of credit.Rate.InterestFraction: the same
// for every rate.
var interestDen = func() uint64 { _, den := credit.Rate{}.InterestFraction(); return uint64(den) }()

// add accrues balance at rate r for days days.
func (a *accrual) add(balance credit.VND, r credit.Rate, days int) {
	if balance <= 0 || days <= 0 {
		return
	}
	num, _ := r.InterestFraction()
	hi, lo := bits.Mul64(uint64(balance), uint64(num))
	// × days: (hi·2^64 + lo) × days
	h2, l2 := bits.Mul64(lo, uint64(days))
	hi = hi*uint64(days) + h2
	var c uint64
	a.lo, c = bits.Add64(a.lo, l2, 0)
	a.hi, _ = bits.Add64(a.hi, hi, c)
}

// isZero reports whether nothing has accrued.
func (a accrual) isZero() bool { return a.hi == 0 && a.lo == 0 }

// round returns the accrued interest in whole đồng, half away from zero (the
// amounts are never negative, so half up).
func (a accrual) round() credit.VND {
	if a.hi >= interestDen { // unreachable within the bounds above; never panic
		return credit.MaxVND
	}
	q, r := bits.Div64(a.hi, a.lo, interestDen)
	if r >= interestDen-r {
		q++
	}
	return credit.VND(q)
}
