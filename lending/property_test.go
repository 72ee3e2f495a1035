package lending_test

import (
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

var (
	propFirstDay = ymd(2023, time.October, 10) // the policy's first day
	propLastDay  = ymd(2030, time.December, 31)
)

// genDate draws a disbursement date from 2023-10-10 to 2030-12-31: any
// day, a month's last day, or the 28th-31st (clamped to the month), so
// that month ends come up often.
func genDate(t *rapid.T) credit.Date {
	switch rapid.IntRange(0, 2).Draw(t, "date_kind") {
	case 0:
		return propFirstDay.AddDays(rapid.IntRange(0, propLastDay.DaysSince(propFirstDay)).Draw(t, "day"))
	case 1:
		return ymd(2023, time.October, 1).AddMonths(rapid.IntRange(0, 86).Draw(t, "month")).LastOfMonth()
	default:
		m := ymd(2023, time.October, 1).AddMonths(rapid.IntRange(0, 86).Draw(t, "month"))
		d := min(rapid.IntRange(28, 31).Draw(t, "day_of_month"), credit.DaysIn(m.Year(), m.Month()))
		return ymd(m.Year(), m.Month(), d)
	}
}

func divisors(n int) []int {
	var ds []int
	for d := 1; d <= n; d++ {
		if n%d == 0 {
			ds = append(ds, d)
		}
	}
	return ds
}

// genLoan draws a production loan: amount 1..10^12 đồng, a disbursement
// date, term 1..120, an optional grace period and a principal frequency
// dividing the repayment period.
func genLoan(t *rapid.T) lending.Loan {
	l := lending.Loan{
		Amount:      credit.VND(rapid.Int64Range(1, 1_000_000_000_000).Draw(t, "amount")),
		DisbursedOn: genDate(t),
		TermMonths:  rapid.IntRange(1, 120).Draw(t, "term"),
	}
	if rapid.Bool().Draw(t, "has_grace") {
		l.GraceMonths = rapid.IntRange(0, l.TermMonths-1).Draw(t, "grace")
	}
	l.PrincipalEveryMonths = rapid.SampledFrom(divisors(l.TermMonths-l.GraceMonths)).Draw(t, "every")
	return l
}

// constantRateBook is the default book with one lending rate, nano
// billionths of a percent per year, from 2015-01-01 on.
func constantRateBook(t *rapid.T, nano int64) *credit.Book {
	b, err := credit.DefaultBook().With("test/constant", credit.LendingRate, []credit.Span{
		{From: ymd(2015, time.January, 1), Value: nano, Citation: credit.Cite("1/QĐ-TEST", 0, 0, "")},
	})
	if err != nil {
		t.Fatalf("With: %v", err)
	}
	return b
}

func scheduleOf(t *rapid.T, b *credit.Book, l lending.Loan, pre []lending.Flow) lending.Schedule {
	s, err := lending.ScheduleOf(b, l, pre)
	if err != nil {
		t.Fatalf("ScheduleOf(%+v, %+v): %v", l, pre, err)
	}
	return s
}

// dueDate is DisbursedOn + k months, worked out with package time (day 0 of
// the following month is the month's last day), not with credit.Date.
func dueDate(on credit.Date, k int) credit.Date {
	y, m, d := on.Date()
	last := time.Date(y, m+time.Month(k)+1, 0, 0, 0, 0, 0, time.UTC)
	return ymd(last.Year(), last.Month(), min(d, last.Day()))
}

// TestPropertyScheduleShape: one installment a month due on DisbursedOn + k
// months; the parts are equal, fall every PrincipalEveryMonths months after
// the grace, the last one takes the remainder, and they sum to the amount;
// BalanceAfter never goes negative, only falls, and ends at 0.
func TestPropertyScheduleShape(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		s := scheduleOf(t, credit.DefaultBook(), l, nil)
		if len(s.Installments) != l.TermMonths {
			t.Fatalf("%d installments for a term of %d", len(s.Installments), l.TermMonths)
		}
		n := (l.TermMonths - l.GraceMonths) / l.PrincipalEveryMonths
		part := l.Amount / credit.VND(n)
		var sum, interest credit.VND
		prev, balance := l.DisbursedOn, l.Amount
		for i, in := range s.Installments {
			k := i + 1
			if in.No != k || in.From != prev || in.DueOn != dueDate(l.DisbursedOn, k) || in.Days != in.DueOn.DaysSince(in.From) || in.Days < 28 || in.Days > 31 {
				t.Fatalf("installment %d: no %d %s..%s (%d days), want due %s", k, in.No, in.From, in.DueOn, in.Days, dueDate(l.DisbursedOn, k))
			}
			want := credit.VND(0)
			if k > l.GraceMonths && (k-l.GraceMonths)%l.PrincipalEveryMonths == 0 {
				want = part
				if k == l.TermMonths {
					want = l.Amount - part*credit.VND(n-1)
				}
			}
			if in.Principal != want {
				t.Fatalf("installment %d: principal %d, want %d", k, in.Principal, want)
			}
			balance -= in.Principal
			if in.BalanceAfter != balance || in.BalanceAfter < 0 {
				t.Fatalf("installment %d: balance %d, want %d", k, in.BalanceAfter, balance)
			}
			if in.Interest < 0 {
				t.Fatalf("installment %d: interest %d", k, in.Interest)
			}
			sum += in.Principal
			interest += in.Interest
			prev = in.DueOn
		}
		if sum != l.Amount || s.TotalPrincipal != l.Amount || balance != 0 {
			t.Fatalf("parts sum to %d (total %d), last balance %d; amount %d", sum, s.TotalPrincipal, balance, l.Amount)
		}
		if s.TotalInterest != interest {
			t.Fatalf("TotalInterest %d, sum %d", s.TotalInterest, interest)
		}
	})
}

// TestPropertyInterestRisesWithRate: the same loan under two constant rates
// r1 ≤ r2: no period's interest, nor the total, is lower at r2.
func TestPropertyInterestRisesWithRate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		r1 := rapid.Int64Range(0, 30_000_000_000).Draw(t, "rate1_nano_pct")
		r2 := rapid.Int64Range(r1, 100_000_000_000).Draw(t, "rate2_nano_pct")
		s1 := scheduleOf(t, constantRateBook(t, r1), l, nil)
		s2 := scheduleOf(t, constantRateBook(t, r2), l, nil)
		for i := range s1.Installments {
			if s1.Installments[i].Interest > s2.Installments[i].Interest {
				t.Fatalf("installment %d: %d at the lower rate > %d at the higher", i+1, s1.Installments[i].Interest, s2.Installments[i].Interest)
			}
		}
		if s1.TotalInterest > s2.TotalInterest {
			t.Fatalf("total %d at the lower rate > %d", s1.TotalInterest, s2.TotalInterest)
		}
	})
}

// TestPropertyInterestRisesWithTerm: the same loan with a longer term (more
// parts, the same frequency): its balance is never lower on any day, so no
// period's interest and not the total is lower.
func TestPropertyInterestRisesWithTerm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		// n parts now; the longer loan has more, the same grace and
		// frequency, within 120 months.
		g, every := l.GraceMonths, l.PrincipalEveryMonths
		n, most := (l.TermMonths-g)/every, (120-g)/every
		if n == most {
			if n == 1 {
				t.Skip("no other number of parts fits")
			}
			l.TermMonths = g + every*rapid.IntRange(1, n-1).Draw(t, "fewer_parts")
			n = (l.TermMonths - g) / every
		}
		longer := l
		longer.TermMonths = g + every*rapid.IntRange(n+1, most).Draw(t, "more_parts")
		s1 := scheduleOf(t, credit.DefaultBook(), l, nil)
		s2 := scheduleOf(t, credit.DefaultBook(), longer, nil)
		for i := range s1.Installments {
			if s1.Installments[i].Interest > s2.Installments[i].Interest {
				t.Fatalf("installment %d: %d over %d months > %d over %d", i+1,
					s1.Installments[i].Interest, l.TermMonths, s2.Installments[i].Interest, longer.TermMonths)
			}
		}
		if s1.TotalInterest > s2.TotalInterest {
			t.Fatalf("total %d over %d months > %d over %d", s1.TotalInterest, l.TermMonths, s2.TotalInterest, longer.TermMonths)
		}
	})
}

// TestPropertyRateCutNeverRaisesInterest: a rate history, and the same
// history with some of its rates lowered (a temporary cut, a permanent
// one): no period's interest is higher after the cut.
func TestPropertyRateCutNeverRaisesInterest(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		// Change days between 2023-10-11 and 2041-12-31 (the last due
		// date is at most 2040-12-31).
		n := rapid.IntRange(0, 5).Draw(t, "changes")
		span := ymd(2041, time.December, 31).DaysSince(propFirstDay)
		days := rapid.SliceOfNDistinct(rapid.IntRange(1, span), n, n, rapid.ID).Draw(t, "change_days")
		slices.Sort(days)
		base := []credit.Span{{From: ymd(2015, time.January, 1)}}
		for _, d := range days {
			base = append(base, credit.Span{From: propFirstDay.AddDays(d)})
		}
		cut := make([]credit.Span, len(base))
		for i := range base {
			if i+1 < len(base) {
				base[i].To = base[i+1].From.AddDays(-1)
			}
			base[i].Citation = credit.Cite("1/QĐ-TEST", 0, 0, "")
			base[i].Value = rapid.Int64Range(0, 20_000_000_000).Draw(t, "rate_nano_pct")
			cut[i] = base[i]
			if rapid.Bool().Draw(t, "lowered") {
				cut[i].Value -= rapid.Int64Range(0, base[i].Value).Draw(t, "cut_nano_pct")
			}
		}
		b1, err := credit.DefaultBook().With("test/base", credit.LendingRate, base)
		if err != nil {
			t.Fatalf("With base: %v", err)
		}
		b2, err := credit.DefaultBook().With("test/cut", credit.LendingRate, cut)
		if err != nil {
			t.Fatalf("With cut: %v", err)
		}
		s1, s2 := scheduleOf(t, b1, l, nil), scheduleOf(t, b2, l, nil)
		for i := range s1.Installments {
			if s2.Installments[i].Interest > s1.Installments[i].Interest {
				t.Fatalf("installment %d: %d after the cut > %d before", i+1, s2.Installments[i].Interest, s1.Installments[i].Interest)
			}
		}
		if s2.TotalInterest > s1.TotalInterest {
			t.Fatalf("total %d after the cut > %d before", s2.TotalInterest, s1.TotalInterest)
		}
	})
}

// TestPropertyClosedFormAtConstantRate: with one rate throughout and the
// balance changing only on due dates, a period's interest is
// round_half_away(balance at its start × monthly rate × days / 30), worked
// out here with decimal and credit.RoundDong: balance × yearly % × days /
// (12 × 100 × 30).
func TestPropertyClosedFormAtConstantRate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		nano := rapid.Int64Range(0, 100_000_000_000).Draw(t, "rate_nano_pct")
		s := scheduleOf(t, constantRateBook(t, nano), l, nil)
		yearlyPct := decimal.New(nano, -9)
		den := decimal.NewFromInt(12 * 100 * 30)
		balance := l.Amount
		for i, in := range s.Installments {
			exact := balance.Decimal().Mul(yearlyPct).Mul(decimal.NewFromInt(int64(in.Days))).DivRound(den, 24)
			if want := credit.RoundDong(exact); in.Interest != want {
				t.Fatalf("installment %d: interest %d, want RoundDong(%s) = %d (balance %d, %d days, %s %%/year)",
					i+1, in.Interest, exact, want, balance, in.Days, yearlyPct)
			}
			balance = in.BalanceAfter
		}
	})
}

// TestPropertyStatementSettlesSchedule: paying each installment's principal
// and interest on its due date (and any early repayment on its day) leaves
// nothing owed on the last due date, under either early-repayment order;
// on a due date in between the position is the schedule's balance (less an
// early repayment that same day).
func TestPropertyStatementSettlesSchedule(t *testing.T) {
	books := []*credit.Book{credit.DefaultBook(), lastPartsFirst(t)}
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		b := books[0]
		if rapid.Bool().Draw(t, "last_parts_first") {
			b = books[1]
		}
		var pre []lending.Flow
		if rapid.Bool().Draw(t, "prepay") {
			plain := scheduleOf(t, b, l, nil)
			last := plain.Installments[len(plain.Installments)-1].DueOn
			if span := last.DaysSince(l.DisbursedOn); span > 1 {
				on := l.DisbursedOn.AddDays(rapid.IntRange(0, span-1).Draw(t, "prepay_day"))
				// The balance that day, once the installment due that day
				// is paid: that of the end of the previous period.
				bal := l.Amount
				for _, in := range plain.Installments {
					if in.DueOn.After(on) {
						break
					}
					bal = in.BalanceAfter
				}
				if bal > 0 {
					pre = []lending.Flow{{On: on, Amount: credit.VND(rapid.Int64Range(1, int64(bal)).Draw(t, "prepay_amount"))}}
				}
			}
		}
		s := scheduleOf(t, b, l, pre)
		var pays []lending.Flow
		var total credit.VND
		for _, in := range s.Installments {
			if a := in.Principal + in.Interest; a > 0 {
				pays = append(pays, lending.Flow{On: in.DueOn, Amount: a})
				total += a
			}
		}
		// An early repayment on a due date comes after that day's
		// installment (payments of one day apply in the order given).
		pays = append(pays, pre...)
		for _, p := range pre {
			total += p.Amount
		}
		if total != l.Amount+s.TotalInterest {
			t.Fatalf("payments %d, want amount %d + interest %d", total, l.Amount, s.TotalInterest)
		}
		end := s.Installments[len(s.Installments)-1].DueOn
		st, err := lending.StatementOf(b, l, pays, end)
		if err != nil {
			t.Fatalf("StatementOf: %v", err)
		}
		if st.Payoff != 0 || st.PrincipalOutstanding != 0 || st.InterestDue != 0 || st.OverdueInterest != 0 ||
			st.InterestAccrued != 0 || st.PrincipalOverdue != 0 || st.Overpaid != 0 || !st.NextDueOn.IsZero() {
			t.Fatalf("not settled on %s: %+v", end, positionOf(st))
		}
		if st.Paid.Amount != total || st.Paid.Interest+st.Paid.AccruedInterest != s.TotalInterest {
			t.Fatalf("paid %+v; want %d in all, %d of interest", st.Paid, total, s.TotalInterest)
		}
		// On an earlier due date, with the payments made by then.
		k := rapid.IntRange(1, len(s.Installments)).Draw(t, "k")
		in := s.Installments[k-1]
		var by []lending.Flow
		for _, p := range pays {
			if !p.On.After(in.DueOn) {
				by = append(by, p)
			}
		}
		st, err = lending.StatementOf(b, l, by, in.DueOn)
		if err != nil {
			t.Fatalf("StatementOf: %v", err)
		}
		// BalanceAfter is the balance once installment k is paid; an early
		// repayment that same day belongs to the next period (Prepaid).
		want := in.BalanceAfter
		for _, p := range pre {
			if p.On == in.DueOn {
				want -= p.Amount
			}
		}
		if st.PrincipalOutstanding != want || st.Payoff != want || st.PrincipalOverdue != 0 || st.PrincipalDue != 0 {
			t.Fatalf("on installment %d's due date %s: %+v, want the balance %d", k, in.DueOn, positionOf(st), want)
		}
	})
}

// TestPropertyStatementPayoffSettles: after any payments, on any day, each
// payment is split without loss, the principal repaid is what left the
// balance, Payoff is the sum of what is owed, and paying Payoff that day
// settles the loan: the next day nothing is owed and nothing is left over.
func TestPropertyStatementPayoffSettles(t *testing.T) {
	books := []*credit.Book{credit.DefaultBook(), lastPartsFirst(t), principalFirst(t)}
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		b := books[rapid.IntRange(0, len(books)-1).Draw(t, "book")]
		end := l.DisbursedOn.AddMonths(l.TermMonths)
		span := end.AddDays(40).DaysSince(l.DisbursedOn)
		n := rapid.IntRange(0, 8).Draw(t, "payments")
		var pays []lending.Flow
		for range n {
			pays = append(pays, lending.Flow{
				On:     l.DisbursedOn.AddDays(rapid.IntRange(0, span).Draw(t, "pay_day")),
				Amount: credit.VND(rapid.Int64Range(1, int64(l.Amount)/2+1).Draw(t, "pay_amount")),
			})
		}
		asOf := l.DisbursedOn.AddDays(rapid.IntRange(0, span).Draw(t, "as_of"))
		st, err := lending.StatementOf(b, l, pays, asOf)
		if err != nil {
			t.Fatalf("StatementOf: %v", err)
		}
		var principal, applied credit.VND
		for _, a := range st.Payments {
			if a.On.After(asOf) {
				t.Fatalf("payment of %s applied on %s", a.On, asOf)
			}
			if a.OverdueInterest+a.Interest+a.OverduePrincipal+a.Principal+a.EarlyPrincipal+a.AccruedInterest+a.Unapplied != a.Amount {
				t.Fatalf("payment split loses money: %+v", a)
			}
			principal += a.OverduePrincipal + a.Principal + a.EarlyPrincipal
			applied += a.Amount
		}
		if st.Paid.Amount != applied || st.Disbursed-principal != st.PrincipalOutstanding {
			t.Fatalf("paid %d (applied %d); outstanding %d, want %d − %d", st.Paid.Amount, applied, st.PrincipalOutstanding, st.Disbursed, principal)
		}
		if st.PrincipalOverdue < 0 || st.PrincipalDue < 0 || st.PrincipalOverdue+st.PrincipalDue > st.PrincipalOutstanding ||
			st.InterestDue < 0 || st.InterestAccrued < 0 || st.OverdueInterest < 0 ||
			st.Payoff != st.PrincipalOutstanding+st.InterestDue+st.InterestAccrued+st.OverdueInterest {
			t.Fatalf("inconsistent position %+v", positionOf(st))
		}
		if (st.PrincipalOverdue > 0) != !st.OverdueSince.IsZero() || st.OverdueSince.After(asOf) {
			t.Fatalf("overdue %d since %s (as of %s)", st.PrincipalOverdue, st.OverdueSince, asOf)
		}
		if st.PrincipalOverdue == 0 && st.OverdueInterest > 0 && asOf.Before(end) && len(pays) == 0 {
			t.Fatalf("overdue interest %d with nothing ever overdue", st.OverdueInterest)
		}
		if st.Payoff == 0 {
			return
		}
		var before []lending.Flow
		for _, p := range pays {
			if !p.On.After(asOf) {
				before = append(before, p)
			}
		}
		settle := append(before, lending.Flow{On: asOf, Amount: st.Payoff})
		for _, day := range []credit.Date{asOf, asOf.AddDays(1), end.AddDays(45)} {
			after, err := lending.StatementOf(b, l, settle, day)
			if err != nil {
				t.Fatalf("StatementOf: %v", err)
			}
			if after.Payoff != 0 || after.PrincipalOutstanding != 0 || after.Overpaid != st.Overpaid || !after.NextDueOn.IsZero() {
				t.Fatalf("paying the payoff %d on %s: on %s %+v, overpaid %d (was %d)", st.Payoff, asOf, day, positionOf(after), after.Overpaid, st.Overpaid)
			}
		}
	})
}

// modelStatement is the statement worked out the slow, obvious way, as an
// independent check of the engine: day by day from the disbursement date,
// with exact rationals (math/big), the conventions of the package doc
// applied literally. On each day, in this order: the period ending that day
// closes (its interest and overdue interest rounded once, half up) and its
// part falls due; parts are paid out; payments are applied; then, unless it
// is as_of, the day's interest accrues on the balance at the end of the
// day: the part overdue (fallen due before that day, unpaid) at the overdue
// rate, the rest at the lending rate, each monthly rate / 30.
func modelStatement(b *credit.Book, l lending.Loan, pays []lending.Flow, asOf credit.Date) (pos, []alloc) {
	term := l.TermMonths
	grace := l.GraceMonths
	if l.Purpose == credit.VocationalTraining {
		grace = max(grace, l.CourseMonths)
	}
	plan := make([]credit.VND, term+1) // plan[k]: principal due with installment k
	n := (term - grace) / l.PrincipalEveryMonths
	part := l.Amount / credit.VND(n)
	for j := 1; j <= n; j++ {
		plan[grace+j*l.PrincipalEveryMonths] = part
	}
	plan[term] += l.Amount - part*credit.VND(n)
	disb := l.Disbursements
	if len(disb) == 0 {
		disb = []lending.Flow{{On: l.DisbursedOn, Amount: l.Amount}}
	}
	pays = slices.Clone(pays)
	slices.SortStableFunc(pays, func(a, b lending.Flow) int { return a.On.Compare(b.On) })

	round := func(x *big.Rat) credit.VND { // half up; x ≥ 0
		q, r := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
		if r.Lsh(r, 1).Cmp(x.Denom()) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		return credit.VND(q.Int64())
	}
	perDay := func(r credit.Rate) *big.Rat { // yearly % / 12 / 100 / 30
		y, _ := new(big.Rat).SetString(r.YearlyPct().String())
		return y.Quo(y, big.NewRat(36_000, 1))
	}

	var disbursed, fallen, paidDue, prepaid credit.VND // fallen: parts fallen due so far
	var ic, ip, oc, op credit.VND                      // interest and overdue interest charged, paid
	var dueDay credit.Date
	var dueAmount, overdue, dueNow credit.VND
	reg, od := new(big.Rat), new(big.Rat)
	k := 1 // the current period's installment
	var allocs []alloc
	for d := l.DisbursedOn; ; d = d.AddDays(1) {
		p, _ := b.On(d)
		if d == l.DisbursedOn.AddMonths(k) {
			ic, oc = ic+round(reg), oc+round(od)
			reg, od = new(big.Rat), new(big.Rat)
			if k <= term {
				fallen += plan[k]
				dueDay, dueAmount = d, plan[k]
			}
			k++
		}
		for _, x := range disb {
			if x.On == d {
				disbursed += x.Amount
			}
		}
		today := credit.VND(0)
		if d == dueDay {
			today = dueAmount
		}
		overdue = max(0, fallen-today-paidDue)
		dueNow = max(0, fallen-paidDue) - overdue
		for _, x := range pays {
			if x.On != d {
				continue
			}
			a, al := x.Amount, alloc{}
			take := func(owed credit.VND) credit.VND { y := min(a, owed); a -= y; return y }
			interestFirst := func() {
				al.oi = take(oc + round(od) - op)
				op += al.oi
				al.i = take(max(0, ic-ip))
				ip += al.i
			}
			principal := func() {
				al.op = take(overdue)
				al.p = take(dueNow)
				overdue, dueNow, paidDue = overdue-al.op, dueNow-al.p, paidDue+al.op+al.p
			}
			if p.Int(credit.PaymentOrder) == credit.PayPrincipalFirst {
				principal()
				interestFirst()
			} else {
				interestFirst()
				principal()
			}
			al.early = take(disbursed - paidDue - prepaid - overdue - dueNow)
			prepaid += al.early
			js := make([]int, 0, term)
			for j := k; j <= term; j++ {
				js = append(js, j)
			}
			if p.Int(credit.EarlyRepaymentOrder) == credit.EarlyLastPartsFirst {
				slices.Reverse(js)
			}
			left := al.early
			for _, j := range js {
				y := min(left, plan[j])
				plan[j], left = plan[j]-y, left-y
			}
			if disbursed-paidDue-prepaid == 0 {
				al.accrued = take(round(reg) - max(0, ip-ic))
				ip += al.accrued
			}
			al.unapplied = a
			allocs = append(allocs, al)
		}
		if d == asOf {
			break
		}
		out := disbursed - paidDue - prepaid
		reg.Add(reg, new(big.Rat).Mul(new(big.Rat).SetInt64(int64(out-overdue)), perDay(p.LendingRate())))
		od.Add(od, new(big.Rat).Mul(new(big.Rat).SetInt64(int64(overdue)), perDay(p.OverdueRate())))
	}
	got := pos{
		out: disbursed - paidDue - prepaid, due: dueNow, overdue: overdue,
		intDue: max(0, ic-ip), accrued: round(reg) - max(0, ip-ic), odInt: oc + round(od) - op,
	}
	got.payoff = got.out + got.intDue + got.accrued + got.odInt
	return got, allocs
}

// TestPropertyStatementMatchesModel: random loans (production, or training
// paid out in parts), random books (a lending-rate change, a change of the
// overdue percentage, of the payment order and of the early-repayment
// order, each on a random day), random payments and a random day: the
// statement agrees with modelStatement in every amount and every payment's
// split.
func TestPropertyStatementMatchesModel(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		l := genLoan(t)
		if l.TermMonths >= 2 && rapid.Bool().Draw(t, "training") {
			course := rapid.IntRange(1, min(12, l.TermMonths-1)).Draw(t, "course")
			if l.TermMonths <= 3*course {
				l.Purpose, l.CourseMonths, l.GraceMonths = credit.VocationalTraining, course, 0
				l.PrincipalEveryMonths = rapid.SampledFrom(divisors(l.TermMonths-course)).Draw(t, "every")
				parts := min(rapid.IntRange(1, course).Draw(t, "parts"), int(l.Amount))
				var sum credit.VND
				for i := range parts {
					a := l.Amount / credit.VND(parts)
					if i == parts-1 {
						a = l.Amount - sum
					}
					sum += a
					on := l.DisbursedOn.AddMonths(i).AddDays(rapid.IntRange(0, 27).Draw(t, "part_day"))
					l.Disbursements = append(l.Disbursements, lending.Flow{On: on, Amount: a})
				}
			}
		}
		cite := credit.Cite("1/QĐ-TEST", 0, 0, "")
		twoSpans := func(first credit.Date, v0, v1 int64, label string) []credit.Span {
			c := l.DisbursedOn.AddDays(rapid.IntRange(1, 1_000).Draw(t, label+"_change_day"))
			return []credit.Span{{From: first, To: c.AddDays(-1), Value: v0, Citation: cite}, {From: c, Value: v1, Citation: cite}}
		}
		b := credit.DefaultBook()
		for _, set := range []struct {
			key  credit.Key
			from credit.Date
			lo   int64
			hi   int64
			name string
		}{
			{credit.LendingRate, ymd(2015, time.January, 1), 0, 20_000_000_000, "rate"},
			{credit.OverdueRatePct, propFirstDay, 100, 1_000, "overdue_pct"},
			{credit.PaymentOrder, propFirstDay, 0, 1, "payment_order"},
			{credit.EarlyRepaymentOrder, propFirstDay, 0, 1, "early_order"},
		} {
			v0 := rapid.Int64Range(set.lo, set.hi).Draw(t, set.name+"_0")
			v1 := rapid.Int64Range(set.lo, set.hi).Draw(t, set.name+"_1")
			var err error
			if b, err = b.With("test/model", set.key, twoSpans(set.from, v0, v1, set.name)); err != nil {
				t.Fatalf("With %s: %v", set.key, err)
			}
		}
		end := l.DisbursedOn.AddMonths(l.TermMonths)
		span := end.AddDays(40).DaysSince(l.DisbursedOn)
		var pays []lending.Flow
		for range rapid.IntRange(0, 10).Draw(t, "payments") {
			pays = append(pays, lending.Flow{
				On:     l.DisbursedOn.AddDays(rapid.IntRange(0, span).Draw(t, "pay_day")),
				Amount: credit.VND(rapid.Int64Range(1, int64(l.Amount)/3+1).Draw(t, "pay_amount")),
			})
		}
		asOf := l.DisbursedOn.AddDays(rapid.IntRange(0, span).Draw(t, "as_of"))
		st, err := lending.StatementOf(b, l, pays, asOf)
		if err != nil {
			t.Fatalf("StatementOf: %v", err)
		}
		want, allocs := modelStatement(b, l, pays, asOf)
		got := positionOf(st)
		got.since, got.next = credit.Date{}, credit.Date{} // not modelled
		if got != want {
			t.Fatalf("as of %s:\n got %+v\nwant %+v", asOf, got, want)
		}
		if len(st.Payments) != len(allocs) {
			t.Fatalf("%d payments applied, the model %d", len(st.Payments), len(allocs))
		}
		for i, a := range st.Payments {
			if allocOf(a) != allocs[i] {
				t.Fatalf("payment %d on %s:\n got %+v\nwant %+v", i, a.On, allocOf(a), allocs[i])
			}
		}
	})
}
