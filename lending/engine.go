package lending

import "github.com/vnreentry/credit"

// engine walks a loan day by day — in steps between the days on which
// something changes — from its disbursement date: periods open and close,
// parts are paid out, payments are applied, rates change with the book's
// editions, principal falls due and, unpaid, becomes overdue the next day.
// Schedules and statements are both runs of this one engine, so that a loan
// repaid exactly as scheduled has a statement that agrees with its schedule.
type engine struct {
	book  *credit.Book
	loan  *Loan
	start credit.Date // the loan's first day (DisbursedOn)
	term  int
	plan  []credit.VND // plan[k-1]: principal falling due with installment k

	// autopay: every installment is paid in full on its due date (a
	// schedule). Otherwise only the payments given are made (a statement).
	autopay bool

	// Cursor and the current period [from, due) of installment k.
	c         credit.Date
	k         int
	from, due credit.Date
	p         *credit.Params
	pEnd      credit.Date // first day on which p no longer holds; zero: never

	disb []Flow
	di   int
	pays []Flow
	pidx []int // position of pays[i] as given; nil: the same
	pi   int

	disbursed credit.VND
	paidDue   credit.VND // principal paid as overdue or due (buckets 3, 4)
	prepaid   credit.VND // principal repaid before it fell due
	dueBefore credit.VND // principal that fell due before the cursor's day
	dueToday  credit.VND // principal that falls due on dueDay
	dueDay    credit.Date

	reg, od                          accrual // this period's interest, exactly
	interestCharged, interestPaid    credit.VND
	overdueCharged, overduePaid      credit.VND
	periodPrincipal, periodDisbursed credit.VND
	periodPrepaid                    credit.VND

	rates   []RateSpan
	insts   []Installment // autopay: one per installment closed
	allocs  []Allocation  // statement: one per payment applied
	problem func(i int, code string, msg credit.Text)
}

// RateSpan is a stretch of the loan's days over which the same lending rate
// and overdue rate applied, with the citations of both: the explanation of
// every đồng of interest.
type RateSpan struct {
	From, To        credit.Date // inclusive
	Rate            credit.Rate
	OverdueRate     credit.Rate
	Citation        *credit.Citation // of the rate charged (QĐ750, QĐ2553, a cut of QĐ2654, …)
	OverdueCitation *credit.Citation // of the overdue percentage (Art. 9)
}

func newEngine(b *credit.Book, l *Loan, payments []Flow, autopay bool) *engine {
	e := &engine{book: b, loan: l, start: l.DisbursedOn, term: l.TermMonths, autopay: autopay}
	e.plan = make([]credit.VND, e.term)
	g, every := l.grace(), l.PrincipalEveryMonths
	if n := (e.term - g) / every; n > 0 {
		part := l.Amount / credit.VND(n)
		for j := 1; j <= n; j++ {
			e.plan[g+j*every-1] = part
		}
		e.plan[e.term-1] += l.Amount - part*credit.VND(n)
	}
	e.disb = l.Disbursements
	if len(e.disb) == 0 {
		e.disb = []Flow{{On: l.DisbursedOn, Amount: l.Amount}}
	} else {
		e.disb, _ = sortedFlows(e.disb)
	}
	e.pays, e.pidx = sortedFlows(payments)
	e.c = e.start
	e.k = 1
	e.from, e.due = e.start, e.start.AddMonths(1)
	return e
}

// outstanding is the principal paid out and not repaid.
func (e *engine) outstanding() credit.VND { return e.disbursed - e.paidDue - e.prepaid }

// overdue is the principal that fell due before today and is unpaid.
func (e *engine) overdue() credit.VND { return max(0, e.dueBefore-e.paidDue) }

// dueNow is the principal falling due today and unpaid (not yet overdue).
func (e *engine) dueNow() credit.VND { return max(0, e.dueBefore+e.dueToday-e.paidDue) - e.overdue() }

// overdueInterest is the overdue interest owed: the closed periods' and the
// current period's to yesterday, less what was paid.
func (e *engine) overdueInterest() credit.VND {
	return e.overdueCharged + e.od.round() - e.overduePaid
}

// interestDue is the interest of installments fallen due, unpaid.
func (e *engine) interestDue() credit.VND { return max(0, e.interestCharged-e.interestPaid) }

// interestAccrued is the current period's interest to yesterday, not yet
// due, less any of it paid early.
func (e *engine) interestAccrued() credit.VND {
	return e.reg.round() - max(0, e.interestPaid-e.interestCharged)
}

// run walks the loan to the end of day until (payments on until applied;
// interest accrued for the days before it).
func (e *engine) run(until credit.Date) {
	for {
		e.dayEvents()
		if !e.c.Before(until) {
			break
		}
		next := e.nextEvent(until)
		e.accrue(next)
		e.c = next
	}
	e.closeRates(until)
}

// dayEvents handles what happens on the cursor's day, in this order: parts
// that fell due yesterday become overdue; the period ending today closes;
// parts are paid out; payments are applied.
func (e *engine) dayEvents() {
	if e.p == nil || !e.pEnd.IsZero() && !e.c.Before(e.pEnd) {
		// The loan starts on or after InForce, in a province Validate
		// checked: never an error.
		e.p, _ = e.book.At(e.loan.query(e.c))
		e.pEnd = credit.Date{}
		if to := e.p.To(); !to.IsZero() {
			e.pEnd = to.AddDays(1)
		}
		e.noteRates()
	}
	if e.dueToday > 0 && e.c.After(e.dueDay) {
		e.dueBefore += e.dueToday
		e.dueToday = 0
	}
	if e.c == e.due {
		e.closePeriod()
	}
	for e.di < len(e.disb) && e.disb[e.di].On == e.c {
		e.disbursed += e.disb[e.di].Amount
		e.periodDisbursed += e.disb[e.di].Amount
		e.di++
	}
	for e.pi < len(e.pays) && e.pays[e.pi].On == e.c {
		i := e.pi
		if e.pidx != nil {
			i = e.pidx[i]
		}
		e.pay(i, e.pays[e.pi].Amount)
		e.pi++
	}
}

// closePeriod ends the period of installment k on its due date: its
// interest and overdue interest are rounded (once) and charged, and its
// principal falls due.
func (e *engine) closePeriod() {
	interest := e.reg.round()
	e.interestCharged += interest
	e.overdueCharged += e.od.round()
	e.reg, e.od = accrual{}, accrual{}
	var part credit.VND
	if e.k <= e.term {
		part = e.plan[e.k-1]
		e.dueToday, e.dueDay = part, e.c
	}
	if e.autopay {
		e.interestPaid = e.interestCharged
		e.overduePaid = e.overdueCharged
		e.paidDue += e.dueNow() + e.overdue()
	}
	if e.autopay && e.k <= e.term {
		e.insts = append(e.insts, Installment{
			No: e.k, From: e.from, DueOn: e.due, Days: e.due.DaysSince(e.from),
			Principal: part, Interest: interest, BalanceAfter: e.outstanding(),
			Disbursed: e.periodDisbursed, Prepaid: e.periodPrepaid,
		})
	}
	e.periodDisbursed, e.periodPrepaid = 0, 0
	e.k++
	e.from, e.due = e.due, e.start.AddMonths(e.k)
}

// nextEvent is the first day after the cursor on which something changes,
// and at most until.
func (e *engine) nextEvent(until credit.Date) credit.Date {
	next := until
	consider := func(d credit.Date) {
		if d.After(e.c) && d.Before(next) {
			next = d
		}
	}
	consider(e.due)
	if !e.pEnd.IsZero() {
		consider(e.pEnd)
	}
	if e.di < len(e.disb) {
		consider(e.disb[e.di].On)
	}
	if e.pi < len(e.pays) {
		consider(e.pays[e.pi].On)
	}
	if e.dueToday > 0 {
		consider(e.dueDay.AddDays(1))
	}
	if !next.After(e.c) { // a saturated date; never stand still
		next = e.c.AddDays(1)
	}
	return next
}

// accrue adds the interest of the days from the cursor to next (exclusive):
// the regular balance at the lending rate, the overdue principal at the
// overdue rate (which replaces the lending rate on it).
func (e *engine) accrue(next credit.Date) {
	days := next.DaysSince(e.c)
	od := e.overdue()
	e.reg.add(e.outstanding()-od, e.p.LendingRate(), days)
	e.od.add(od, e.p.OverdueRate(), days)
}

// noteRates records the rates in force from the cursor's day when they
// differ from the last recorded.
func (e *engine) noteRates() {
	lend, pct := e.p.RateCitation(), e.p.Citation(credit.OverdueRatePct)
	rate, overdue := e.p.LendingRate(), e.p.OverdueRate()
	if n := len(e.rates); n > 0 {
		last := &e.rates[n-1]
		if last.Citation == lend && last.OverdueCitation == pct && last.Rate == rate && last.OverdueRate == overdue {
			return
		}
		last.To = e.c.AddDays(-1)
	}
	e.rates = append(e.rates, RateSpan{
		From: e.c, Rate: rate, OverdueRate: overdue, Citation: lend, OverdueCitation: pct,
	})
}

// closeRates ends the last rate span on the last day walked.
func (e *engine) closeRates(until credit.Date) {
	if n := len(e.rates); n > 0 {
		last := until.AddDays(-1)
		if last.Before(e.rates[n-1].From) {
			last = e.rates[n-1].From
		}
		e.rates[n-1].To = last
	}
}

// reducePlan takes x from the principal not yet due, in the book's
// EarlyRepaymentOrder in force on the cursor's day: the coming parts first
// (default) or the last parts first.
func (e *engine) reducePlan(x credit.VND) {
	// Installment k, the current period's, is the first not yet due: a
	// period ending today has been closed before any payment is applied.
	first := e.k
	if e.p.Int(credit.EarlyRepaymentOrder) == credit.EarlyLastPartsFirst {
		for j := e.term; j >= first && x > 0; j-- {
			take := min(x, e.plan[j-1])
			e.plan[j-1] -= take
			x -= take
		}
		return
	}
	for j := first; j <= e.term && x > 0; j++ {
		take := min(x, e.plan[j-1])
		e.plan[j-1] -= take
		x -= take
	}
}
