package lending_test

import (
	"slices"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

// stLoan is the loan of most statement tests: 30,000,000 disbursed on
// 2026-01-10 (all at 0.52 %/month; overdue 0.676 %/month), 6 months,
// principal every 2 months: 10,000,000 due on 2026-03-10, 05-10 and 07-10.
//
// Periods and their days: 1: 01-10..02-09 (31), 2: 02-10..03-09 (28),
// 3: 03-10..04-09 (31), 4: 04-10..05-09 (30), 5: 05-10..06-09 (31),
// 6: 06-10..07-09 (30).
//
// A day's interest: 30M × 0.52 % / 30 = 5,200; 20M: 3,466.67; 10M:
// 1,733.33; overdue 10M × 0.676 % / 30 = 2,253.33.
// Installment 1: 30M × 31 days = 161,200; installment 2: 30M × 28 = 145,600.
var stLoan = lending.Loan{
	Amount:               30_000_000,
	DisbursedOn:          ymd(2026, time.January, 10),
	TermMonths:           6,
	PrincipalEveryMonths: 2,
}

func mustStatement(t testing.TB, b *credit.Book, l lending.Loan, pays []lending.Flow, asOf credit.Date) lending.Statement {
	t.Helper()
	st, err := lending.StatementOf(b, l, pays, asOf)
	if err != nil {
		t.Fatalf("StatementOf(%s): %v", asOf, err)
	}
	return st
}

// pos is a statement's position, field by field.
type pos struct {
	out, due, overdue credit.VND
	since             credit.Date
	intDue, accrued   credit.VND
	odInt, payoff     credit.VND
	next              credit.Date
}

func positionOf(st lending.Statement) pos {
	return pos{
		out: st.PrincipalOutstanding, due: st.PrincipalDue, overdue: st.PrincipalOverdue, since: st.OverdueSince,
		intDue: st.InterestDue, accrued: st.InterestAccrued, odInt: st.OverdueInterest, payoff: st.Payoff, next: st.NextDueOn,
	}
}

// alloc is how a payment was applied.
type alloc struct{ oi, i, op, p, early, accrued, unapplied credit.VND }

func allocOf(a lending.Allocation) alloc {
	return alloc{a.OverdueInterest, a.Interest, a.OverduePrincipal, a.Principal, a.EarlyPrincipal, a.AccruedInterest, a.Unapplied}
}

// flows builds payments from pairs: flows(day, amount, day, amount, …).
func flows(fs ...any) []lending.Flow {
	var out []lending.Flow
	for i := 0; i < len(fs); i += 2 {
		out = append(out, lending.Flow{On: fs[i].(credit.Date), Amount: credit.VND(fs[i+1].(int))})
	}
	return out
}

// principalFirst is the default book with credit.PaymentOrder set to
// PayPrincipalFirst.
func principalFirst(t testing.TB) *credit.Book {
	t.Helper()
	b, err := credit.DefaultBook().With("test/principal-first", credit.PaymentOrder, []credit.Span{
		{From: ymd(2023, 10, 10), Value: credit.PayPrincipalFirst, Citation: credit.Cite(credit.QD22, 12, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStatementPaidAsScheduled: a 24-month loan paid exactly as its
// schedule says, each installment's principal and interest on its due date:
// on every due date nothing is due, overdue or accrued, and the principal
// outstanding is the schedule's BalanceAfter.
//
// 60,000,000 disbursed on 2025-10-15, principal every 3 months (8 parts of
// 7,500,000). Installment 1 (10-15..11-14, 31 days at 0.55 %):
// 60M × 0.55 % × 31/30 = 341,000; installment 2 (11-15..12-14: 16 days at
// 0.55 %, 14 at 0.52 %): 60M × (16 × 0.55 % + 14 × 0.52 %) / 30
// = 60M × 0.1608 / 30 = 321,600.
func TestStatementPaidAsScheduled(t *testing.T) {
	book := credit.DefaultBook()
	loan := lending.Loan{Amount: 60_000_000, DisbursedOn: ymd(2025, 10, 15), TermMonths: 24, PrincipalEveryMonths: 3}
	s := mustSchedule(t, book, loan, nil)
	if s.Installments[0].Interest != 341_000 || s.Installments[1].Interest != 321_600 ||
		s.Installments[2].Principal != 7_500_000 || s.Installments[2].BalanceAfter != 52_500_000 {
		t.Fatalf("schedule: %+v %+v %+v", s.Installments[0], s.Installments[1], s.Installments[2])
	}
	var pays []lending.Flow
	for k, in := range s.Installments {
		pays = append(pays, lending.Flow{On: in.DueOn, Amount: in.Principal + in.Interest})
		st := mustStatement(t, book, loan, pays, in.DueOn)
		want := pos{out: in.BalanceAfter, payoff: in.BalanceAfter}
		if k+1 < len(s.Installments) {
			want.next = s.Installments[k+1].DueOn
		}
		if got := positionOf(st); got != want {
			t.Errorf("installment %d, as of %s:\n got %+v\nwant %+v", in.No, in.DueOn, got, want)
		}
		if st.Overpaid != 0 || st.Paid.Amount != st.Paid.Interest+st.Paid.Principal {
			t.Errorf("installment %d: paid %+v, overpaid %d", in.No, st.Paid, st.Overpaid)
		}
		// The day before the due date the installment is not yet due:
		// nothing overdue, its interest accrued (one day short of it).
		if k > 0 {
			prev := mustStatement(t, book, loan, pays[:k], in.DueOn.AddDays(-1))
			if prev.PrincipalOverdue != 0 || prev.InterestDue != 0 || prev.OverdueInterest != 0 || prev.PrincipalDue != 0 ||
				prev.InterestAccrued > in.Interest || prev.PrincipalOutstanding != s.Installments[k-1].BalanceAfter {
				t.Errorf("the day before installment %d: %+v", in.No, positionOf(prev))
			}
		}
	}
	// Mid-period: 2026-01-25 with installments 1-3 paid (due 2026-01-15):
	// 10 days (01-15..24) of 52,500,000 at 0.52 %: 273,000 × 10/30 = 91,000.
	st := mustStatement(t, book, loan, pays[:3], ymd(2026, 1, 25))
	if want := (pos{out: 52_500_000, accrued: 91_000, payoff: 52_591_000, next: ymd(2026, 2, 15)}); positionOf(st) != want {
		t.Errorf("2026-01-25: got %+v, want %+v", positionOf(st), want)
	}
}

// TestStatementMissedPrincipal: stLoan with the interest of installments 1
// and 2 paid on time but not the 10,000,000 due on 2026-03-10. It is due on
// 03-10, overdue from 03-11, and from then on bears 0.676 %/month instead
// of 0.52 %: regular interest runs on the 20,000,000 not overdue only.
func TestStatementMissedPrincipal(t *testing.T) {
	pays := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 145_600)
	since := ymd(2026, 3, 11)
	tests := []struct {
		asOf credit.Date
		want pos
	}{
		// Due today, not yet overdue.
		{ymd(2026, 3, 10), pos{out: 30_000_000, due: 10_000_000, payoff: 30_000_000, next: ymd(2026, 4, 10)}},
		// Overdue from today; 03-10 was a regular day on all 30M: 5,200.
		{ymd(2026, 3, 11), pos{out: 30_000_000, overdue: 10_000_000, since: since,
			accrued: 5_200, payoff: 30_005_200, next: ymd(2026, 4, 10)}},
		// 03-11 is the first overdue day: 10M × 0.676 % / 30 = 2,253.33;
		// regular: 5,200 + 20M × 0.52 % / 30 = 5,200 + 3,466.67 = 8,666.67.
		{ymd(2026, 3, 12), pos{out: 30_000_000, overdue: 10_000_000, since: since,
			accrued: 8_667, odInt: 2_253, payoff: 30_010_920, next: ymd(2026, 4, 10)}},
		// Installment 3 falls due: (30M × 1 + 20M × 30) × 0.52 % / 30 =
		// 3,276,000 / 30 = 109,200; overdue 10M × 30 days × 0.676 % / 30 =
		// 67,600. (Had the overdue part kept the lending rate: 30M × 31 days
		// = 161,200.)
		{ymd(2026, 4, 10), pos{out: 30_000_000, overdue: 10_000_000, since: since,
			intDue: 109_200, odInt: 67_600, payoff: 30_176_800, next: ymd(2026, 5, 10)}},
		// 10 more days: accrued 20M × 10 × 0.52 % / 30 = 34,666.67;
		// overdue 67,600 + 10M × 10 × 0.676 % / 30 = 67,600 + 22,533.33.
		{ymd(2026, 4, 20), pos{out: 30_000_000, overdue: 10_000_000, since: since,
			intDue: 109_200, accrued: 34_667, odInt: 90_133, payoff: 30_234_000, next: ymd(2026, 5, 10)}},
		// Installment 4: 20M × 30 days = 104,000 and 67,600 overdue more;
		// the second part is due.
		{ymd(2026, 5, 10), pos{out: 30_000_000, due: 10_000_000, overdue: 10_000_000, since: since,
			intDue: 213_200, odInt: 135_200, payoff: 30_348_400, next: ymd(2026, 6, 10)}},
		// The second part is overdue too; the oldest is still since 03-11.
		// 05-10: regular on 20M (3,466.67), overdue on 10M (2,253.33).
		{ymd(2026, 5, 11), pos{out: 30_000_000, overdue: 20_000_000, since: since,
			intDue: 213_200, accrued: 3_467, odInt: 137_453, payoff: 30_354_120, next: ymd(2026, 6, 10)}},
		// After the term, nothing paid since 03-10:
		// 5: regular (20M × 1 + 10M × 30) × 0.52 % / 30 = 55,466.67,
		//    overdue (10M × 1 + 20M × 30) × 0.676 % / 30 = 137,453.33;
		// 6: regular 10M × 30 days = 52,000, overdue 20M × 30 days = 135,200;
		// 07-10: regular 10M 1,733.33, overdue 20M 4,506.67.
		// Interest due 213,200 + 55,467 + 52,000 = 320,667; overdue interest
		// 135,200 + 137,453 + 135,200 + 4,507 = 412,360. No next due date.
		{ymd(2026, 7, 11), pos{out: 30_000_000, overdue: 30_000_000, since: since,
			intDue: 320_667, accrued: 1_733, odInt: 412_360, payoff: 30_734_760}},
	}
	for _, tt := range tests {
		t.Run(tt.asOf.String(), func(t *testing.T) {
			st := mustStatement(t, credit.DefaultBook(), stLoan, pays, tt.asOf)
			if got := positionOf(st); got != tt.want {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
			if st.Rate.MonthlyPct().String() != "0.52" || st.OverdueRate.MonthlyPct().String() != "0.676" {
				t.Errorf("rates %s, %s", st.Rate, st.OverdueRate)
			}
		})
	}
}

// TestStatementAllocation: how a payment is split, in the default order
// (overdue interest, interest, overdue principal, principal) and in
// principal-first order (overdue principal, principal, overdue interest,
// interest), at the boundaries of each bucket.
//
// stLoan with only installment 1 paid (161,200 on 2026-02-10). On
// 2026-04-10 the borrower owes: overdue interest 67,600 (10M overdue from
// 03-11, 30 days × 2,253.33), interest 145,600 + 109,200 = 254,800 (of
// installments 2 and 3; installment 3: (30M + 20M × 30) × 0.52 % / 30),
// overdue principal 10,000,000; in all 10,322,400 besides 20,000,000 not
// yet due. On 2026-05-10 also: overdue interest 67,600 more, interest
// 104,000 more (20M × 30 days), principal due 10,000,000.
func TestStatementAllocation(t *testing.T) {
	paid1 := flows(ymd(2026, 2, 10), 161_200)
	apr10, may10, may11 := ymd(2026, 4, 10), ymd(2026, 5, 10), ymd(2026, 5, 11)
	since := ymd(2026, 3, 11)
	switched, err := credit.DefaultBook().With("test/switch", credit.PaymentOrder, []credit.Span{
		{From: ymd(2023, 10, 10), To: ymd(2026, 4, 30), Value: credit.PayInterestFirst, Citation: credit.Cite(credit.QD22, 12, 0, "")},
		{From: ymd(2026, 5, 1), Value: credit.PayPrincipalFirst, Citation: credit.Cite(credit.QD22, 12, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	pf := principalFirst(t)
	tests := []struct {
		name  string
		book  *credit.Book
		pay   []lending.Flow // after paid1
		asOf  credit.Date
		alloc alloc // of the last payment
		want  pos
	}{
		{"default: overdue interest exactly", nil, flows(apr10, 67_600), apr10,
			alloc{oi: 67_600},
			pos{out: 30_000_000, overdue: 10_000_000, since: since, intDue: 254_800, payoff: 30_254_800, next: may10}},
		{"default: one đồng into interest", nil, flows(apr10, 67_601), apr10,
			alloc{oi: 67_600, i: 1},
			pos{out: 30_000_000, overdue: 10_000_000, since: since, intDue: 254_799, payoff: 30_254_799, next: may10}},
		// 5,000,000 − 67,600 − 254,800 = 4,677,600 of overdue principal.
		{"default: into overdue principal", nil, flows(apr10, 5_000_000), apr10,
			alloc{oi: 67_600, i: 254_800, op: 4_677_600},
			pos{out: 25_322_400, overdue: 5_322_400, since: since, payoff: 25_322_400, next: may10}},
		{"default: everything owed", nil, flows(apr10, 10_322_400), apr10,
			alloc{oi: 67_600, i: 254_800, op: 10_000_000},
			pos{out: 20_000_000, payoff: 20_000_000, next: may10}},
		{"default: one đồng early", nil, flows(apr10, 10_322_401), apr10,
			alloc{oi: 67_600, i: 254_800, op: 10_000_000, early: 1},
			pos{out: 19_999_999, payoff: 19_999_999, next: may10}},
		{"principal first: part of the overdue principal", pf, flows(apr10, 5_000_000), apr10,
			alloc{op: 5_000_000},
			pos{out: 25_000_000, overdue: 5_000_000, since: since, intDue: 254_800, odInt: 67_600, payoff: 25_322_400, next: may10}},
		{"principal first: the overdue principal exactly", pf, flows(apr10, 10_000_000), apr10,
			alloc{op: 10_000_000},
			pos{out: 20_000_000, intDue: 254_800, odInt: 67_600, payoff: 20_322_400, next: may10}},
		{"principal first: one đồng into interest", pf, flows(apr10, 10_067_601), apr10,
			alloc{op: 10_000_000, oi: 67_600, i: 1},
			pos{out: 20_000_000, intDue: 254_799, payoff: 20_254_799, next: may10}},
		{"principal first: one đồng early", pf, flows(apr10, 10_322_401), apr10,
			alloc{op: 10_000_000, oi: 67_600, i: 254_800, early: 1},
			pos{out: 19_999_999, payoff: 19_999_999, next: may10}},
		// On 2026-05-10: 135,200 + 358,800 + 10M overdue, then 4,506,000 of
		// the 10M due; the rest is overdue from 05-11. 05-10 bears regular
		// interest on the 15,494,000 left (paid at the start of the day):
		// 15,494,000 × 0.52 % / 30 = 2,685.63.
		{"default: into principal due", nil, flows(may10, 15_000_000), may11,
			alloc{oi: 135_200, i: 358_800, op: 10_000_000, p: 4_506_000},
			pos{out: 15_494_000, overdue: 5_494_000, since: may11, accrued: 2_686, payoff: 15_496_686, next: ymd(2026, 6, 10)}},
		// Principal first: 10M overdue, 5M of the 10M due; interest stays:
		// 05-10 regular on 15M: 2,600; no overdue principal that day.
		{"principal first: into principal due", pf, flows(may10, 15_000_000), may11,
			alloc{op: 10_000_000, p: 5_000_000},
			pos{out: 15_000_000, overdue: 5_000_000, since: may11, intDue: 358_800, accrued: 2_600, odInt: 135_200,
				payoff: 15_496_600, next: ymd(2026, 6, 10)}},
		// The order in force on each payment's day: interest first on
		// 04-10 (100,000: 67,600 overdue interest, 32,400 interest),
		// principal first from 05-01 (15M: 10M overdue, 5M due).
		// Interest left: 254,800 − 32,400 + 104,000 = 326,400; overdue
		// interest 67,600 (period 4); 05-10 regular on 15M: 2,600.
		// Payoff 15,000,000 + 326,400 + 2,600 + 67,600.
		{"order switched by the book on 2026-05-01", switched, flows(apr10, 100_000, may10, 15_000_000), may11,
			alloc{op: 10_000_000, p: 5_000_000},
			pos{out: 15_000_000, overdue: 5_000_000, since: may11, intDue: 326_400, accrued: 2_600, odInt: 67_600,
				payoff: 15_396_600, next: ymd(2026, 6, 10)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.book
			if b == nil {
				b = credit.DefaultBook()
			}
			st := mustStatement(t, b, stLoan, append(slices.Clone(paid1), tt.pay...), tt.asOf)
			if len(st.Payments) != 1+len(tt.pay) {
				t.Fatalf("%d payments applied", len(st.Payments))
			}
			last := st.Payments[len(st.Payments)-1]
			if got := allocOf(last); got != tt.alloc {
				t.Errorf("allocation\n got %+v\nwant %+v", got, tt.alloc)
			}
			if got := positionOf(st); got != tt.want {
				t.Errorf("position\n got %+v\nwant %+v", got, tt.want)
			}
			wantOrder := lending.PaymentOrderOf(mustOn(t, b, last.On))
			if last.Order != wantOrder || last.OrderCitation == nil || last.OrderCitation.Instrument != credit.QD22 {
				t.Errorf("order %v (%v), want %v", last.Order, last.OrderCitation, wantOrder)
			}
		})
	}
	// The two orders themselves.
	if got := lending.PaymentOrderOf(mustOn(t, credit.DefaultBook(), apr10)); got != [4]lending.Bucket{
		lending.OverdueInterestBucket, lending.InterestBucket, lending.OverduePrincipalBucket, lending.PrincipalBucket} {
		t.Errorf("default order %v", got)
	}
	if got := lending.PaymentOrderOf(mustOn(t, pf, apr10)); got != [4]lending.Bucket{
		lending.OverduePrincipalBucket, lending.PrincipalBucket, lending.OverdueInterestBucket, lending.InterestBucket} {
		t.Errorf("principal-first order %v", got)
	}
	// The switched book: the first payment interest first, the last
	// principal first.
	st := mustStatement(t, switched, stLoan, append(slices.Clone(paid1), flows(apr10, 100_000, may10, 15_000_000)...), may11)
	if got := allocOf(st.Payments[1]); got != (alloc{oi: 67_600, i: 32_400}) {
		t.Errorf("04-10 payment under interest first: %+v", got)
	}
}

func mustOn(t testing.TB, b *credit.Book, d credit.Date) *credit.Params {
	t.Helper()
	p, err := b.On(d)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestStatementEarlyRepayment: paying more than is due repays principal
// early; interest falls from that day. stLoan paid on time, with 5,000,000
// more on 2026-03-10 (installment 2: 145,600 interest + 10,000,000).
func TestStatementEarlyRepayment(t *testing.T) {
	over := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 15_145_600)
	st := mustStatement(t, credit.DefaultBook(), stLoan, over, ymd(2026, 3, 20))
	if got := allocOf(st.Payments[1]); got != (alloc{i: 145_600, p: 10_000_000, early: 5_000_000}) {
		t.Errorf("allocation %+v", got)
	}
	// 10 days (03-10..19) on 15M: 78,000 × 10/30 = 26,000 (not the 34,667
	// of 20M).
	if want := (pos{out: 15_000_000, accrued: 26_000, payoff: 15_026_000, next: ymd(2026, 4, 10)}); positionOf(st) != want {
		t.Errorf("2026-03-20:\n got %+v\nwant %+v", positionOf(st), want)
	}

	// Then paying each installment of the reduced plan on its due date
	// settles the loan on 2026-07-10. Installment 3: 15M × 31 days =
	// 78,000 × 31/30 = 80,600; installment 4: 15M × 30 = 78,000.
	// Coming parts first (default): part 2 (05-10) is 5,000,000, part 3
	// 10,000,000: 5: 10M × 31 = 53,733.33; 6: 10M × 30 = 52,000.
	// Last parts first: part 2 stays 10,000,000, part 3 is 5,000,000:
	// 5: 5M × 31 = 26,866.67; 6: 5M × 30 = 26,000.
	tests := []struct {
		name  string
		book  *credit.Book
		rest  []lending.Flow
		may   pos          // on 2026-05-11 when nothing is paid on 05-10
		sched []credit.VND // the schedule's principal + interest, 1..6
	}{
		{"coming parts first", credit.DefaultBook(),
			flows(ymd(2026, 4, 10), 80_600, ymd(2026, 5, 10), 5_078_000, ymd(2026, 6, 10), 53_733, ymd(2026, 7, 10), 10_052_000),
			// 5M overdue; interest due 78,000; on 05-10 the part was due,
			// not overdue: regular on all 15M, 2,600.
			pos{out: 15_000_000, overdue: 5_000_000, since: ymd(2026, 5, 11), intDue: 78_000, accrued: 2_600,
				payoff: 15_080_600, next: ymd(2026, 6, 10)},
			[]credit.VND{161_200, 10_145_600, 80_600, 5_078_000, 53_733, 10_052_000}},
		{"last parts first", lastPartsFirst(t),
			flows(ymd(2026, 4, 10), 80_600, ymd(2026, 5, 10), 10_078_000, ymd(2026, 6, 10), 26_867, ymd(2026, 7, 10), 5_026_000),
			// 10M overdue; 05-10 on 15M: 2,600.
			pos{out: 15_000_000, overdue: 10_000_000, since: ymd(2026, 5, 11), intDue: 78_000, accrued: 2_600,
				payoff: 15_080_600, next: ymd(2026, 6, 10)},
			[]credit.VND{161_200, 10_145_600, 80_600, 10_078_000, 26_867, 5_026_000}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pays := append(slices.Clone(over), tt.rest...)
			if got := positionOf(mustStatement(t, tt.book, stLoan, pays[:3], ymd(2026, 5, 11))); got != tt.may {
				t.Errorf("2026-05-11 with nothing paid on 05-10:\n got %+v\nwant %+v", got, tt.may)
			}
			st := mustStatement(t, tt.book, stLoan, pays, ymd(2026, 7, 10))
			if got := positionOf(st); got != (pos{}) || st.Overpaid != 0 {
				t.Errorf("2026-07-10: got %+v, overpaid %d; want everything settled", got, st.Overpaid)
			}
			// The schedule with the same prepayment agrees (the 5,000,000
			// apart from installment 2).
			s := mustSchedule(t, tt.book, stLoan, flows(ymd(2026, 3, 10), 5_000_000))
			for i, in := range s.Installments {
				if want := tt.sched[i]; in.Principal+in.Interest != want {
					t.Errorf("schedule installment %d: %d + %d, want %d", in.No, in.Principal, in.Interest, want)
				}
			}
		})
	}

	// Paying an installment's principal a few days before its due date
	// covers that installment by default; with the last parts first it
	// shortens the loan and the installment is still owed.
	// On time to 04-10 (installment 3: 20M × 31 = 107,466.67), then
	// 10,000,000 on 05-05. Installment 4: (20M × 25 + 10M × 5) × 0.52 % / 30
	// = 2,860,000 / 30 = 95,333.33, due on 05-10 and unpaid; 05-10 on 10M:
	// 1,733.33.
	early := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 10_145_600, ymd(2026, 4, 10), 107_467, ymd(2026, 5, 5), 10_000_000)
	st = mustStatement(t, credit.DefaultBook(), stLoan, early, ymd(2026, 5, 11))
	if want := (pos{out: 10_000_000, intDue: 95_333, accrued: 1_733, payoff: 10_097_066, next: ymd(2026, 6, 10)}); positionOf(st) != want {
		t.Errorf("a few days early, coming parts first:\n got %+v\nwant %+v", positionOf(st), want)
	}
	st = mustStatement(t, lastPartsFirst(t), stLoan, early, ymd(2026, 5, 11))
	if want := (pos{out: 10_000_000, overdue: 10_000_000, since: ymd(2026, 5, 11), intDue: 95_333, accrued: 1_733,
		payoff: 10_097_066, next: ymd(2026, 6, 10)}); positionOf(st) != want {
		t.Errorf("a few days early, last parts first:\n got %+v\nwant %+v", positionOf(st), want)
	}
}

// TestStatementPayoff: paying Payoff on its day settles everything; a
// statement on the next day (and after the term) shows nothing owed.
func TestStatementPayoff(t *testing.T) {
	missed := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 145_600)
	apr20, apr21 := ymd(2026, 4, 20), ymd(2026, 4, 21)
	// From TestStatementMissedPrincipal: 30,000,000 + 109,200 + 34,667 +
	// 90,133 = 30,234,000 on 2026-04-20.
	st := mustStatement(t, credit.DefaultBook(), stLoan, missed, apr20)
	if st.Payoff != 30_234_000 {
		t.Fatalf("payoff %d, want 30234000", st.Payoff)
	}
	may10, jun10, aug1 := ymd(2026, 5, 10), ymd(2026, 6, 10), ymd(2026, 8, 1)
	settled := map[credit.Date]pos{apr20: {}, apr21: {}, may10: {}, aug1: {}}
	tests := []struct {
		name      string
		amount    credit.VND
		alloc     alloc
		after     map[credit.Date]pos
		unapplied credit.VND
	}{
		{"exactly the payoff", 30_234_000,
			alloc{oi: 90_133, i: 109_200, op: 10_000_000, early: 20_000_000, accrued: 34_667}, settled, 0},
		// 1 đồng of the interest accrued to 04-19 is left: accrued until
		// installment 4 falls due on 05-10, then due. Nothing accrues on
		// a zero balance.
		{"one đồng short", 30_233_999,
			alloc{oi: 90_133, i: 109_200, op: 10_000_000, early: 20_000_000, accrued: 34_666},
			map[credit.Date]pos{
				apr20: {accrued: 1, payoff: 1, next: may10},
				apr21: {accrued: 1, payoff: 1, next: may10},
				may10: {intDue: 1, payoff: 1, next: jun10},
				aug1:  {intDue: 1, payoff: 1},
			}, 0},
		{"one đồng over", 30_234_001,
			alloc{oi: 90_133, i: 109_200, op: 10_000_000, early: 20_000_000, accrued: 34_667, unapplied: 1}, settled, 1},
		// 40,000,000 − 30,234,000 = 9,766,000 unapplied.
		{"more than everything", 40_000_000,
			alloc{oi: 90_133, i: 109_200, op: 10_000_000, early: 20_000_000, accrued: 34_667, unapplied: 9_766_000}, settled, 9_766_000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pays := append(slices.Clone(missed), lending.Flow{On: apr20, Amount: tt.amount})
			for asOf, want := range tt.after {
				st := mustStatement(t, credit.DefaultBook(), stLoan, pays, asOf)
				if got := allocOf(st.Payments[2]); got != tt.alloc {
					t.Errorf("as of %s: allocation\n got %+v\nwant %+v", asOf, got, tt.alloc)
				}
				if got := positionOf(st); got != want {
					t.Errorf("as of %s:\n got %+v\nwant %+v", asOf, got, want)
				}
				if st.Overpaid != tt.unapplied || st.Paid.Unapplied != tt.unapplied {
					t.Errorf("as of %s: overpaid %d, want %d", asOf, st.Overpaid, tt.unapplied)
				}
			}
		})
	}

	// On time, paid off between due dates: 2026-03-25 with installments 1
	// and 2 paid: 20M outstanding, 15 days (03-10..24) × 3,466.67 = 52,000.
	onTime := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 10_145_600)
	st = mustStatement(t, credit.DefaultBook(), stLoan, onTime, ymd(2026, 3, 25))
	if want := (pos{out: 20_000_000, accrued: 52_000, payoff: 20_052_000, next: ymd(2026, 4, 10)}); positionOf(st) != want {
		t.Fatalf("2026-03-25:\n got %+v\nwant %+v", positionOf(st), want)
	}
	pays := append(onTime, lending.Flow{On: ymd(2026, 3, 25), Amount: st.Payoff})
	for _, asOf := range []credit.Date{ymd(2026, 3, 25), ymd(2026, 3, 26), ymd(2026, 4, 10), ymd(2026, 7, 11)} {
		st := mustStatement(t, credit.DefaultBook(), stLoan, pays, asOf)
		if got := positionOf(st); got != (pos{}) || st.Overpaid != 0 {
			t.Errorf("as of %s after the payoff: %+v, overpaid %d", asOf, got, st.Overpaid)
		}
	}
}

// TestStatementPaymentDates: payments after as_of are not applied; payments
// given out of order are applied in date order, those of one day in the
// order given.
func TestStatementPaymentDates(t *testing.T) {
	book := credit.DefaultBook()
	inOrder := flows(ymd(2026, 2, 10), 161_200, ymd(2026, 3, 10), 145_600)
	base := mustStatement(t, book, stLoan, inOrder, ymd(2026, 4, 20))

	// A payment the day after as_of changes nothing.
	later := append(slices.Clone(inOrder), lending.Flow{On: ymd(2026, 4, 21), Amount: 5_000_000})
	st := mustStatement(t, book, stLoan, later, ymd(2026, 4, 20))
	if positionOf(st) != positionOf(base) || len(st.Payments) != 2 || st.Paid.Amount != 306_800 {
		t.Errorf("payment after as_of applied: %+v, %d payments, paid %d", positionOf(st), len(st.Payments), st.Paid.Amount)
	}
	// On as_of it is applied: 90,133 + 109,200 + 4,800,667 of the 10M
	// overdue.
	onDay := append(slices.Clone(inOrder), lending.Flow{On: ymd(2026, 4, 20), Amount: 5_000_000})
	st = mustStatement(t, book, stLoan, onDay, ymd(2026, 4, 20))
	if len(st.Payments) != 3 || allocOf(st.Payments[2]) != (alloc{oi: 90_133, i: 109_200, op: 4_800_667}) {
		t.Errorf("payment on as_of: %+v", st.Payments)
	}

	// Out of order: the same statement, payments listed by date.
	st = mustStatement(t, book, stLoan, []lending.Flow{inOrder[1], inOrder[0]}, ymd(2026, 4, 20))
	if positionOf(st) != positionOf(base) || len(st.Payments) != 2 ||
		st.Payments[0].On != ymd(2026, 2, 10) || st.Payments[1].On != ymd(2026, 3, 10) ||
		allocOf(st.Payments[0]) != (alloc{i: 161_200}) || allocOf(st.Payments[1]) != (alloc{i: 145_600}) {
		t.Errorf("out of order: %+v, payments %+v", positionOf(st), st.Payments)
	}

	// Two payments on one day apply in the order given. On 2026-04-10
	// (owed: 67,600 overdue interest, 109,200 interest, 10M overdue):
	// 100,000 then 1,000,000: 67,600 + 32,400; then 76,800 + 923,200.
	// 1,000,000 then 100,000: 67,600 + 109,200 + 823,200; then 100,000.
	apr10 := ymd(2026, 4, 10)
	a := append(slices.Clone(inOrder), lending.Flow{On: apr10, Amount: 100_000}, lending.Flow{On: apr10, Amount: 1_000_000})
	b := append(slices.Clone(inOrder), lending.Flow{On: apr10, Amount: 1_000_000}, lending.Flow{On: apr10, Amount: 100_000})
	sa, sb := mustStatement(t, book, stLoan, a, apr10), mustStatement(t, book, stLoan, b, apr10)
	if got := []alloc{allocOf(sa.Payments[2]), allocOf(sa.Payments[3])}; got[0] != (alloc{oi: 67_600, i: 32_400}) || got[1] != (alloc{i: 76_800, op: 923_200}) {
		t.Errorf("100,000 then 1,000,000: %+v", got)
	}
	if got := []alloc{allocOf(sb.Payments[2]), allocOf(sb.Payments[3])}; got[0] != (alloc{oi: 67_600, i: 109_200, op: 823_200}) || got[1] != (alloc{op: 100_000}) {
		t.Errorf("1,000,000 then 100,000: %+v", got)
	}
	if positionOf(sa) != positionOf(sb) || sa.PrincipalOverdue != 10_000_000-923_200 {
		t.Errorf("same total, different positions: %+v, %+v", positionOf(sa), positionOf(sb))
	}
	// Out of order across days, same-day order kept: given [04-10 1M,
	// 02-10, 04-10 100k, 03-10].
	mixed := []lending.Flow{b[2], inOrder[0], b[3], inOrder[1]}
	sm := mustStatement(t, book, stLoan, mixed, apr10)
	if len(sm.Payments) != 4 || sm.Payments[2].Amount != 1_000_000 || sm.Payments[3].Amount != 100_000 || positionOf(sm) != positionOf(sb) {
		t.Errorf("mixed order: %+v", sm.Payments)
	}

	// Many payments on a few days, given out of order: applied by date,
	// those of one day in the order given (amounts 1..40 đồng, on
	// 2026-01-10 + 0..4 days, so that their order shows).
	var many []lending.Flow
	for i := range 40 {
		many = append(many, lending.Flow{On: stLoan.DisbursedOn.AddDays((i * 3) % 5), Amount: credit.VND(40 - i)})
	}
	want := slices.Clone(many)
	slices.SortStableFunc(want, func(a, b lending.Flow) int { return a.On.Compare(b.On) })
	st = mustStatement(t, book, stLoan, many, stLoan.DisbursedOn.AddDays(4))
	if len(st.Payments) != len(want) {
		t.Fatalf("%d payments applied, want %d", len(st.Payments), len(want))
	}
	for i, w := range want {
		if got := st.Payments[i]; got.On != w.On || got.Amount != w.Amount || got.EarlyPrincipal != w.Amount {
			t.Errorf("payment %d: %s %d (early %d), want %s %d", i, got.On, got.Amount, got.EarlyPrincipal, w.On, w.Amount)
		}
	}
}

// TestStatementProblems: as_of and payments before the disbursement date
// are problems with pointers /as_of and /payments/N/on; the disbursement
// day itself is fine.
func TestStatementProblems(t *testing.T) {
	jan9, jan10 := ymd(2026, 1, 9), ymd(2026, 1, 10)
	tests := []struct {
		name string
		loan lending.Loan
		pays []lending.Flow
		asOf credit.Date
		want []pc
	}{
		{"as_of the day before", stLoan, nil, jan9,
			[]pc{{"/as_of", lending.CodeBeforeDisbursement}}},
		{"as_of missing", stLoan, nil, credit.Date{},
			[]pc{{"/as_of", credit.CodeRequired}}},
		{"a payment the day before", stLoan, flows(jan10, 1, jan9, 1), jan10,
			[]pc{{"/payments/1/on", lending.CodeBeforeDisbursement}}},
		{"both, and a bad amount", stLoan, flows(jan9, 1, jan10, 0), jan9,
			[]pc{{"/payments/0/on", lending.CodeBeforeDisbursement}, {"/payments/1/amount", credit.CodeOutOfRange}, {"/as_of", lending.CodeBeforeDisbursement}}},
		{"a bad loan too", lending.Loan{Amount: 0, DisbursedOn: jan10, TermMonths: 6, PrincipalEveryMonths: 4}, flows(jan9, -1), jan9,
			[]pc{{"/amount", credit.CodeOutOfRange}, {"/principal_every_months", lending.CodeNotDivisor},
				{"/payments/0/on", lending.CodeBeforeDisbursement}, {"/payments/0/amount", credit.CodeNegative}, {"/as_of", lending.CodeBeforeDisbursement}}},
		{"as_of and a payment on the disbursement day", stLoan, flows(jan10, 1_000_000), jan10, nil},
		// Totals stay exact in int64: payments adding up to more than
		// 10^15 are refused (one more đồng than the limit, and 10,000 × the
		// limit, which would overflow int64).
		{"payments totalling 10^15", stLoan, flows(jan10, int(credit.MaxVND-1), jan10, 1), jan10, nil},
		{"payments totalling 10^15 + 1", stLoan, flows(jan10, int(credit.MaxVND), jan10, 1), jan10,
			[]pc{{"/payments", credit.CodeOutOfRange}}},
		{"10,000 payments of 10^15", stLoan, slices.Repeat(flows(jan10, int(credit.MaxVND)), lending.MaxFlows), jan10,
			[]pc{{"/payments", credit.CodeOutOfRange}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := lending.StatementOf(credit.DefaultBook(), tt.loan, tt.pays, tt.asOf)
			if got := problemList(t, err); !slices.Equal(got, tt.want) {
				t.Errorf("problems\n got %v\nwant %v", got, tt.want)
			}
			if err != nil && (st.AsOf != credit.Date{} || st.Payments != nil) {
				t.Errorf("a statement came with the error: %+v", st)
			}
		})
	}
	// On the disbursement day, a payment repays principal early; no
	// interest yet.
	st := mustStatement(t, credit.DefaultBook(), stLoan, flows(jan10, 1_000_000), jan10)
	if want := (pos{out: 29_000_000, payoff: 29_000_000, next: ymd(2026, 2, 10)}); positionOf(st) != want || st.Paid.EarlyPrincipal != 1_000_000 || st.Disbursed != 30_000_000 {
		t.Errorf("disbursement day: %+v, paid %+v", positionOf(st), st.Paid)
	}
}

// TestStatementOverdueAcrossRateChange: principal overdue across the rate
// change of 2025-12-01 bears 0.715 %/month (130 % of 0.55 %) to 11-30 and
// 0.676 %/month (130 % of 0.52 %) from 12-01.
//
// 30,000,000 disbursed on 2025-09-10, 6 months, principal every 2
// (10,000,000 due 2025-11-10, 2026-01-10, 03-10). Interest paid on time:
// installment 1 (09-10..10-09, 30 days) 165,000; installment 2 (10-10..
// 11-09, 31 days) 170,500. The first part is not paid: overdue from 11-11.
// Period 3 runs 11-10..12-09 (30 days).
func TestStatementOverdueAcrossRateChange(t *testing.T) {
	loan := lending.Loan{Amount: 30_000_000, DisbursedOn: ymd(2025, 9, 10), TermMonths: 6, PrincipalEveryMonths: 2}
	pays := flows(ymd(2025, 10, 10), 165_000, ymd(2025, 11, 10), 170_500)
	since := ymd(2025, 11, 11)
	next := ymd(2025, 12, 10)
	tests := []struct {
		asOf        credit.Date
		want        pos
		rate, odRat string
	}{
		// 11-10 regular on 30M: 30M × 0.55 % / 30 = 5,500.
		{ymd(2025, 11, 11), pos{out: 30_000_000, overdue: 10_000_000, since: since, accrued: 5_500, payoff: 30_005_500, next: next}, "0.55", "0.715"},
		// 20 overdue days at 0.715 %: 10M × 0.00715 × 20 / 30 = 47,666.67;
		// regular: (30M + 20M × 20) × 0.55 % / 30 = 2,365,000 / 30 = 78,833.33.
		{ymd(2025, 12, 1), pos{out: 30_000_000, overdue: 10_000_000, since: since, accrued: 78_833, odInt: 47_667, payoff: 30_126_500, next: next}, "0.52", "0.676"},
		// One day at 0.676 %: (1,430,000 + 67,600) / 30 = 49,920; regular
		// + 20M × 0.52 % / 30: 78,833.33 + 3,466.67 = 82,300.
		{ymd(2025, 12, 2), pos{out: 30_000_000, overdue: 10_000_000, since: since, accrued: 82_300, odInt: 49_920, payoff: 30_132_220, next: next}, "0.52", "0.676"},
		// The period closes: overdue 10M × (20 × 0.715 % + 9 × 0.676 %) / 30
		// = 2,038,400 / 30 = 67,946.67; interest (30M × 0.55 % + 20M × 20 ×
		// 0.55 % + 20M × 9 × 0.52 %) / 30 = 3,301,000 / 30 = 110,033.33.
		{ymd(2025, 12, 10), pos{out: 30_000_000, overdue: 10_000_000, since: since, intDue: 110_033, odInt: 67_947, payoff: 30_177_980, next: ymd(2026, 1, 10)}, "0.52", "0.676"},
	}
	for _, tt := range tests {
		t.Run(tt.asOf.String(), func(t *testing.T) {
			st := mustStatement(t, credit.DefaultBook(), loan, pays, tt.asOf)
			if got := positionOf(st); got != tt.want {
				t.Errorf("\n got %+v\nwant %+v", got, tt.want)
			}
			if st.Rate.MonthlyPct().String() != tt.rate || st.OverdueRate.MonthlyPct().String() != tt.odRat {
				t.Errorf("rates on as_of: %s, %s; want %s, %s", st.Rate, st.OverdueRate, tt.rate, tt.odRat)
			}
		})
	}
	// The rates applied to 2025-12-09, with their citations.
	st := mustStatement(t, credit.DefaultBook(), loan, pays, ymd(2025, 12, 10))
	if len(st.Rates) != 2 ||
		st.Rates[0].From != ymd(2025, 9, 10) || st.Rates[0].To != ymd(2025, 11, 30) || st.Rates[0].OverdueRate.MonthlyPct().String() != "0.715" ||
		st.Rates[1].From != ymd(2025, 12, 1) || st.Rates[1].To != ymd(2025, 12, 9) || st.Rates[1].OverdueRate.MonthlyPct().String() != "0.676" ||
		st.Rates[1].Citation.Instrument != credit.QD2553 || st.Rates[1].OverdueCitation.Instrument != credit.QD22 {
		t.Errorf("rates %+v", st.Rates)
	}
}
