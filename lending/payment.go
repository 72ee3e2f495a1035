package lending

import "github.com/vnreentry/credit"

// Bucket is one kind of debt a payment can settle.
type Bucket uint8

// The buckets a payment settles, in the book's PaymentOrder; then, always
// after them, principal not yet due (early repayment) and, once no principal
// is left, the interest accrued in the current period.
const (
	OverdueInterestBucket  Bucket = iota + 1 // interest at the overdue rate
	InterestBucket                           // interest of installments fallen due
	OverduePrincipalBucket                   // principal unpaid after its due date
	PrincipalBucket                          // principal falling due that day
)

// String returns the bucket's name as the API writes it.
func (k Bucket) String() string {
	switch k {
	case OverdueInterestBucket:
		return "overdue_interest"
	case InterestBucket:
		return "interest"
	case OverduePrincipalBucket:
		return "overdue_principal"
	case PrincipalBucket:
		return "principal"
	}
	return ""
}

// PaymentOrderOf returns the order the parameters p apply to a payment
// (credit.PaymentOrder): interest first (overdue interest, interest,
// overdue principal, principal; the default) or principal first (overdue
// principal, principal, overdue interest, interest).
func PaymentOrderOf(p *credit.Params) [4]Bucket {
	if p.Int(credit.PaymentOrder) == credit.PayPrincipalFirst {
		return [4]Bucket{OverduePrincipalBucket, PrincipalBucket, OverdueInterestBucket, InterestBucket}
	}
	return [4]Bucket{OverdueInterestBucket, InterestBucket, OverduePrincipalBucket, PrincipalBucket}
}

// Allocation is how one payment was applied: to each bucket, to principal
// not yet due (EarlyPrincipal), to interest accrued in the current period
// when it settled the loan (AccruedInterest), and what was left over
// (Unapplied: more than the loan owed that day).
type Allocation struct {
	On               credit.Date
	Amount           credit.VND
	OverdueInterest  credit.VND
	Interest         credit.VND
	OverduePrincipal credit.VND
	Principal        credit.VND
	EarlyPrincipal   credit.VND
	AccruedInterest  credit.VND
	Unapplied        credit.VND
	// Order is the PaymentOrder in force on the day, with its citation.
	Order         [4]Bucket
	OrderCitation *credit.Citation
}

// pay applies payment i of amount a on the cursor's day.
func (e *engine) pay(i int, a credit.VND) {
	al := Allocation{On: e.c, Amount: a, Order: PaymentOrderOf(e.p), OrderCitation: e.p.Citation(credit.PaymentOrder)}
	for _, k := range al.Order {
		switch k {
		case OverdueInterestBucket:
			x := min(a, e.overdueInterest())
			e.overduePaid += x
			al.OverdueInterest, a = x, a-x
		case InterestBucket:
			x := min(a, e.interestDue())
			e.interestPaid += x
			al.Interest, a = x, a-x
		case OverduePrincipalBucket:
			x := min(a, e.overdue())
			e.paidDue += x
			al.OverduePrincipal, a = x, a-x
		case PrincipalBucket:
			x := min(a, e.dueNow())
			e.paidDue += x
			al.Principal, a = x, a-x
		}
	}
	// Principal not yet due: the early repayment (EarlyRepaymentOrder).
	notDue := e.outstanding() - e.overdue() - e.dueNow()
	if x := min(a, notDue); x > 0 {
		e.prepaid += x
		e.periodPrepaid += x
		e.reducePlan(x)
		al.EarlyPrincipal, a = x, a-x
	}
	if a > 0 && e.autopay && e.problem != nil {
		e.problem(i, CodeExceedsBalance, msgExceedsBalance)
	}
	// With no principal left, the interest accrued so far settles the loan.
	if e.outstanding() == 0 {
		x := min(a, e.interestAccrued())
		e.interestPaid += x
		al.AccruedInterest, a = x, a-x
	}
	al.Unapplied = a
	if !e.autopay {
		e.allocs = append(e.allocs, al)
	}
}
