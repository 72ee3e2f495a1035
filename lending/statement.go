package lending

import "github.com/vnreentry/credit"

// Statement is a loan's position at the end of a day: its schedule plus the
// payments actually made, on or before AsOf.
type Statement struct {
	AsOf credit.Date
	// Disbursed is the principal paid out so far.
	Disbursed credit.VND
	// PrincipalOutstanding is the principal paid out and not repaid,
	// whether due or not.
	PrincipalOutstanding credit.VND
	// PrincipalDue fell due on AsOf and is unpaid: it becomes overdue the
	// next day.
	PrincipalDue credit.VND
	// PrincipalOverdue fell due before AsOf and is unpaid; OverdueSince is
	// the first day the oldest unpaid part was overdue (its due date + 1),
	// zero when nothing is overdue.
	PrincipalOverdue credit.VND
	OverdueSince     credit.Date
	// InterestDue is the interest of installments fallen due (on or before
	// AsOf), unpaid. QĐ22 sets no penalty on unpaid interest; it is not
	// compounded.
	InterestDue credit.VND
	// InterestAccrued is the current period's interest for the days before
	// AsOf, not yet due (it falls due on NextDueOn).
	InterestAccrued credit.VND
	// OverdueInterest is the interest at the overdue rate on overdue
	// principal, for the days before AsOf, unpaid.
	OverdueInterest credit.VND
	// Payoff is what settles the loan on AsOf: outstanding principal and
	// every interest above.
	Payoff credit.VND
	// NextDueOn is the next installment's due date after AsOf within the
	// term; zero once the term is over or nothing is owed.
	NextDueOn credit.Date
	// Overpaid is the sum of the payments' Unapplied amounts.
	Overpaid credit.VND
	// Paid totals the payments applied, bucket by bucket.
	Paid Allocation
	// Payments lists each payment applied (dated on or before AsOf), in
	// date order. Payments dated after AsOf are not applied.
	Payments []Allocation
	// Rate and OverdueRate are in force on AsOf; Rates are every rate
	// applied from the disbursement to AsOf, with their citations.
	Rate        credit.Rate
	OverdueRate credit.Rate
	Rates       []RateSpan
	Convention  *credit.Citation
	Version     string
}

// StatementOf returns the statement of loan l on asOf under the book b,
// from the payments made (in any order; those on one day apply in the order
// given). Principal unpaid on its due date becomes overdue the next day and
// bears the overdue rate in force each day (Art. 9: 130 % of the lending
// rate) instead of the lending rate, until paid. Each payment settles the
// buckets in the PaymentOrder in force on its day, then principal not yet
// due (in the book's EarlyRepaymentOrder), then, once no principal is left, the interest
// accrued in the current period; anything beyond is Unapplied.
//
// The error is a credit.Problems listing every problem with l, the payments
// (/payments/0/on, …) and asOf (/as_of).
func StatementOf(b *credit.Book, l Loan, payments []Flow, asOf credit.Date) (Statement, error) {
	var p credit.Problems
	l.check(b, &p)
	checkFlows(&p, "/payments", payments, l.DisbursedOn)
	switch {
	case asOf.IsZero():
		p.Add("/as_of", credit.CodeRequired, credit.MsgRequired, nil)
	case !l.DisbursedOn.IsZero() && asOf.Before(l.DisbursedOn):
		p.Add("/as_of", CodeBeforeDisbursement, msgBeforeDisbursement, ErrLoan)
	}
	if len(p) > 0 {
		return Statement{}, p
	}

	e := newEngine(b, &l, payments, false)
	e.allocs = make([]Allocation, 0, len(payments))
	e.run(asOf)

	st := Statement{
		AsOf:                 asOf,
		Disbursed:            e.disbursed,
		PrincipalOutstanding: e.outstanding(),
		PrincipalDue:         e.dueNow(),
		PrincipalOverdue:     e.overdue(),
		InterestDue:          e.interestDue(),
		InterestAccrued:      e.interestAccrued(),
		OverdueInterest:      e.overdueInterest(),
		Payments:             e.allocs,
		Rate:                 e.p.LendingRate(),
		OverdueRate:          e.p.OverdueRate(),
		Rates:                e.rates,
		Convention:           &InterestConvention,
		Version:              b.Version(),
	}
	st.Payoff = st.PrincipalOutstanding + st.InterestDue + st.InterestAccrued + st.OverdueInterest
	if st.PrincipalOverdue > 0 {
		// Parts are settled oldest first: the first part not covered by
		// what was paid is the oldest unpaid.
		var cum credit.VND
		for k := 1; k <= e.term; k++ {
			if cum += e.plan[k-1]; cum > e.paidDue {
				st.OverdueSince = l.DisbursedOn.AddMonths(k).AddDays(1)
				break
			}
		}
	}
	if e.k <= e.term && st.Payoff > 0 {
		st.NextDueOn = e.due
	}
	for i := range e.allocs {
		a := &e.allocs[i]
		st.Paid.Amount += a.Amount
		st.Paid.OverdueInterest += a.OverdueInterest
		st.Paid.Interest += a.Interest
		st.Paid.OverduePrincipal += a.OverduePrincipal
		st.Paid.Principal += a.Principal
		st.Paid.EarlyPrincipal += a.EarlyPrincipal
		st.Paid.AccruedInterest += a.AccruedInterest
		st.Paid.Unapplied += a.Unapplied
	}
	st.Overpaid = st.Paid.Unapplied
	return st, nil
}
