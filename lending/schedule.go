package lending

import (
	"strconv"

	"github.com/vnreentry/credit"
)

// Installment is one month of a schedule: the period from From (inclusive)
// to DueOn (exclusive), and what falls due on DueOn.
type Installment struct {
	No    int
	From  credit.Date
	DueOn credit.Date
	Days  int // days in the period, DueOn − From
	// Principal falls due on DueOn; Interest is the period's interest under
	// InterestConvention.
	Principal credit.VND
	Interest  credit.VND
	// BalanceAfter is the principal outstanding once the installment is
	// paid.
	BalanceAfter credit.VND
	// Disbursed and Prepaid are paid out and repaid early during the
	// period (from From to DueOn − 1).
	Disbursed credit.VND
	Prepaid   credit.VND
}

// Schedule is a loan's repayment schedule: its installments, totals, and
// the grounds for them.
type Schedule struct {
	Loan         Loan
	Prepayments  []Flow // in date order
	Installments []Installment
	// TotalPrincipal is the amount lent; TotalInterest the sum of the
	// installments' interest.
	TotalPrincipal credit.VND
	TotalInterest  credit.VND
	// Term is the term rule and the citation of the limit the term was
	// checked against (Art. 8); TermLimit the limit.
	Term      Ground
	TermLimit int
	// Rates are the rates applied, in date order, with their citations.
	Rates []RateSpan
	// Convention is the citation of InterestConvention.
	Convention *credit.Citation
	// Version is the parameter book's version.
	Version string
}

// ScheduleOf returns the schedule of l under the parameter book b, with the
// early repayments given (principal repaid before it falls due, taken
// in the book's EarlyRepaymentOrder: by default the coming parts first).
//
// Periods are counted from l.DisbursedOn (installment k is due on
// DisbursedOn + k months, never chained); each period's interest is
// computed day by day at the rate in force each day (InterestConvention);
// principal falls due in equal parts every l.PrincipalEveryMonths months
// after the grace period, the last part taking the remainder of the
// division.
//
// The error is a credit.Problems listing every problem with l and with the
// prepayments (pointers into POST /v1/schedules: /amount, /prepayments/0/on,
// …).
func ScheduleOf(b *credit.Book, l Loan, prepayments []Flow) (Schedule, error) {
	var p credit.Problems
	l.check(b, &p)
	checkFlows(&p, "/prepayments", prepayments, l.DisbursedOn)
	// On the last due date all that is left falls due: an early repayment
	// comes before it. Checked whenever the term's end is known.
	if !l.DisbursedOn.IsZero() && l.TermMonths >= 1 && l.TermMonths <= maxTermMonths &&
		!endsTooLate(l.DisbursedOn, l.TermMonths) && len(prepayments) <= MaxFlows {
		last := l.DisbursedOn.AddMonths(l.TermMonths)
		for i, f := range prepayments {
			if !f.On.IsZero() && !f.On.Before(last) {
				p.Add("/prepayments/"+strconv.Itoa(i)+"/on", credit.CodeOutOfRange, msgAfterTerm, ErrLoan)
			}
		}
	}
	if len(p) > 0 {
		return Schedule{}, p
	}
	limit, ground, err := TermLimit(b, &l)
	if err != nil {
		return Schedule{}, err
	}

	e := newEngine(b, &l, prepayments, true)
	e.insts = make([]Installment, 0, l.TermMonths)
	e.problem = func(i int, code string, msg credit.Text) {
		p.Add("/prepayments/"+strconv.Itoa(i)+"/amount", code, msg, ErrLoan)
	}
	e.run(l.DisbursedOn.AddMonths(l.TermMonths))
	if len(p) > 0 {
		return Schedule{}, p
	}

	s := Schedule{
		Loan:           l,
		Prepayments:    e.pays,
		Installments:   e.insts,
		TotalPrincipal: l.Amount,
		Term:           ground,
		TermLimit:      limit,
		Rates:          e.rates,
		Convention:     &InterestConvention,
		Version:        b.Version(),
	}
	for i := range s.Installments {
		s.TotalInterest += s.Installments[i].Interest
	}
	return s, nil
}
