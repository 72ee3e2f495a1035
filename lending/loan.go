package lending

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Loan is a loan contract as its schedule needs it: how much, from when, for
// how long, and how the principal is repaid.
type Loan struct {
	// Amount is the principal lent, in whole đồng (more than 0).
	Amount credit.VND
	// DisbursedOn is the day the loan starts: installment k falls due
	// DisbursedOn + k months (credit.Date.AddMonths, never chained).
	DisbursedOn credit.Date
	// TermMonths is the term: one installment a month, TermMonths in all
	// (Art. 8: at most 120 for production; course + repayment for training).
	TermMonths int
	// PrincipalEveryMonths: after the grace period, principal falls due in
	// equal parts every this many months; it must divide the repayment
	// period (TermMonths − grace).
	PrincipalEveryMonths int
	// GraceMonths: no principal falls due in the first GraceMonths months
	// (interest still does). For a training loan the grace is at least the
	// course: repayment starts after the disbursement period (Art. 8).
	GraceMonths int
	// Purpose decides the longest term; the zero Purpose is production.
	Purpose credit.Purpose
	// CourseMonths is the course length of a training loan (1..60).
	CourseMonths int
	// LeaveMonths is study leave the training institution allows (0..60,
	// training only): with the course it makes the disbursement period
	// (Art. 8 cl. 1 point b).
	LeaveMonths int
	// Province is the two-digit code (2025) of the province where the loan
	// is made, when known: its own rates apply (a rate cut, legal reference
	// §1). Empty: the national rates.
	Province string
	// KnownOn, when set, computes as the law was known that day (values
	// enacted later are left out; credit.Query).
	KnownOn credit.Date
	// Disbursements pays the loan out in parts (a training loan month by
	// month of the course). Empty means Amount on DisbursedOn. Parts are
	// dated from DisbursedOn to the day before principal first falls due,
	// and sum to Amount.
	Disbursements []Flow
}

// Flow is an amount on a day: a disbursement, an early repayment or a
// payment.
type Flow struct {
	On     credit.Date
	Amount credit.VND
}

// Problem codes of lending, beside those of package credit. Stable.
const (
	// CodeNotDivisor: principal_every_months does not divide the repayment
	// period.
	CodeNotDivisor = "not_divisor"
	// CodeBeforeDisbursement: a payment, an early repayment, a disbursement
	// part or the statement date before the loan's disbursement date.
	CodeBeforeDisbursement = "before_disbursement"
	// CodeSumMismatch: the disbursement parts do not add up to the amount.
	CodeSumMismatch = "sum_mismatch"
	// CodeExceedsBalance: an early repayment larger than the balance that
	// day.
	CodeExceedsBalance = "exceeds_balance"
)

// MaxFlows bounds the disbursements, early repayments or payments of one
// loan: far more than a 120-month loan can have, small enough to bound work.
const MaxFlows = 10_000

var (
	msgAmountPositive = credit.Text{
		VI: "Số tiền vay phải lớn hơn 0.",
		EN: "The amount must be more than 0.",
	}
	msgFlowPositive = credit.Text{
		VI: "Số tiền phải lớn hơn 0.",
		EN: "The amount must be more than 0.",
	}
	msgEveryRange = credit.Text{
		VI: "Kỳ hạn trả gốc (principal_every_months) phải là số tháng từ 1 trở lên.",
		EN: "principal_every_months must be 1 or more months.",
	}
	msgNotDivisor = credit.Text{
		VI: "Kỳ hạn trả gốc (principal_every_months) phải chia hết thời gian trả nợ (term_months trừ thời gian ân hạn).",
		EN: "principal_every_months must divide the repayment period (term_months less the grace period).",
	}
	msgGraceRange = credit.Text{
		VI: "Thời gian ân hạn gốc (grace_months) phải từ 0 đến term_months − 1.",
		EN: "grace_months must be from 0 to term_months − 1.",
	}
	msgTrainingTerm = credit.Text{
		VI: "Vay học nghề: thời hạn vay phải dài hơn khóa học (còn thời gian trả nợ sau khóa học).",
		EN: "Training loan: the term must be longer than the course (repayment follows the course).",
	}
	msgBeforeDisbursement = credit.Text{
		VI: "Ngày này trước ngày giải ngân (disbursed_on).",
		EN: "This date is before the disbursement date (disbursed_on).",
	}
	msgDisbursementLate = credit.Text{
		VI: "Phải giải ngân hết trước kỳ trả gốc đầu tiên.",
		EN: "Every part must be paid out before principal first falls due.",
	}
	msgSumMismatch = credit.Text{
		VI: "Tổng các lần giải ngân phải bằng số tiền vay (amount).",
		EN: "The disbursement parts must add up to the amount.",
	}
	msgAfterTerm = credit.Text{
		VI: "Ngày trả nợ trước hạn phải trước ngày đến hạn của kỳ trả nợ cuối cùng.",
		EN: "An early repayment must fall before the last installment's due date.",
	}
	msgTotalTooLarge = credit.Text{
		VI: "Tổng số tiền trong danh sách quá lớn (tối đa 10^15 đồng).",
		EN: "The amounts in the list add up to too much (at most 10^15 đồng).",
	}
	msgExceedsBalance = credit.Text{
		VI: "Số tiền trả trước hạn lớn hơn dư nợ gốc còn lại vào ngày đó.",
		EN: "The early repayment is more than the principal outstanding that day.",
	}
	msgTooMany = credit.Text{
		VI: "Danh sách quá dài (tối đa " + strconv.Itoa(MaxFlows) + " mục).",
		EN: "The list is too long (at most " + strconv.Itoa(MaxFlows) + " items).",
	}
)

// ErrLoan is the cause of every problem Validate reports about the loan's
// terms against the policy (the term too long for its purpose, …), beside
// credit.ErrInvalid.
var ErrLoan = errors.New("lending: the loan breaks the policy or contradicts itself")

// TermLimit returns the longest term the policy allows for l on the day it
// is disbursed, with the term rule and the citation of the value that sets
// it: TermProductionMaxMonths for production; for training the course plus
// the repayment factor × the course (Art. 8). It needs l.DisbursedOn in the
// book and, for training, l.CourseMonths.
func TermLimit(b *credit.Book, l *Loan) (int, Ground, error) {
	p, err := b.At(l.query(l.DisbursedOn))
	if err != nil {
		return 0, Ground{}, err
	}
	if l.Purpose == credit.VocationalTraining {
		factor, key := p.Int(credit.TrainingRepaymentFactorLong), credit.TrainingRepaymentFactorLong
		if int64(l.CourseMonths) <= p.Int(credit.TrainingShortCourseMaxMonths) {
			factor, key = p.Int(credit.TrainingRepaymentFactorShort), credit.TrainingRepaymentFactorShort
		}
		disbursement := l.disbursementMonths()
		return disbursement + int(factor)*disbursement, Ground{TermTraining, p.Citation(key)}, nil
	}
	return int(p.Int(credit.TermProductionMaxMonths)), Ground{TermProduction, p.Citation(credit.TermProductionMaxMonths)}, nil
}

// query is the question the loan asks the book about day d.
func (l *Loan) query(d credit.Date) credit.Query {
	return credit.Query{On: d, Province: l.Province, KnownOn: l.KnownOn}
}

// disbursementMonths is the disbursement period of a training loan: the
// course and the study leave (Art. 8 cl. 1 point b).
func (l *Loan) disbursementMonths() int { return l.CourseMonths + l.LeaveMonths }

// grace is the effective grace period: at least the disbursement period of
// a training loan.
func (l *Loan) grace() int {
	if l.Purpose == credit.VocationalTraining {
		return max(l.GraceMonths, l.disbursementMonths())
	}
	return l.GraceMonths
}

// firstPrincipalDue is the first day principal falls due.
func (l *Loan) firstPrincipalDue() credit.Date {
	return l.DisbursedOn.AddMonths(l.grace() + l.PrincipalEveryMonths)
}

// Validate checks the loan against the policy in b and against itself. It
// returns nil or a credit.Problems listing every problem, with JSON pointers
// into the shape of POST /v1/schedules (api-v1).
func (l *Loan) Validate(b *credit.Book) error {
	var p credit.Problems
	l.check(b, &p)
	return p.Err()
}

// check adds l's problems to p.
func (l *Loan) check(b *credit.Book, p *credit.Problems) {
	switch {
	case l.Amount < 0:
		p.Add("/amount", credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case l.Amount == 0:
		p.Add("/amount", credit.CodeOutOfRange, msgAmountPositive, ErrLoan)
	case l.Amount > credit.MaxVND:
		p.Add("/amount", credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
	}
	dateOK := false
	switch {
	case l.DisbursedOn.IsZero():
		p.Add("/disbursed_on", credit.CodeRequired, credit.MsgRequired, nil)
	case l.DisbursedOn.Before(b.InForce()):
		p.Add("/disbursed_on", credit.CodeBeforePolicy, credit.MsgBeforePolicy, credit.ErrBeforePolicy)
	default:
		dateOK = true
	}
	courseOK := true
	if l.Purpose == credit.VocationalTraining && (l.CourseMonths < 1 || l.CourseMonths > eligibility.MaxCourseMonths) {
		courseOK = false
		if l.CourseMonths == 0 {
			p.Add("/course_months", credit.CodeRequired, credit.MsgRequired, nil)
		} else {
			p.Add("/course_months", credit.CodeOutOfRange, eligibility.MsgCourseRange, ErrLoan)
		}
	}

	switch {
	case l.LeaveMonths == 0:
	case l.Purpose != credit.VocationalTraining:
		courseOK = false
		p.Add("/leave_months", eligibility.CodeLeaveNotTraining, eligibility.MsgLeaveNotTraining, ErrLoan)
	case l.LeaveMonths < 0 || l.LeaveMonths > eligibility.MaxCourseMonths:
		courseOK = false
		p.Add("/leave_months", credit.CodeOutOfRange, eligibility.MsgLeaveRange, ErrLoan)
	}
	if l.Province != "" {
		if _, ok := credit.ProvinceByCode(l.Province); !ok {
			dateOK = false
			p.Add("/province", credit.CodeUnknownProvince, credit.MsgUnknownProvince, credit.ErrUnknownProvince)
		}
	}
	if !l.KnownOn.IsZero() {
		if _, err := b.At(credit.Query{On: b.InForce(), KnownOn: l.KnownOn}); errors.Is(err, credit.ErrNotYetEnacted) {
			dateOK = false
			p.Add("/known_on", credit.CodeNotYetEnacted, credit.MsgNotYetEnacted, err)
		}
	}

	termOK := false
	switch {
	case l.TermMonths < 1:
		p.Add("/term_months", credit.CodeOutOfRange, termRangeMsg(0), ErrLoan)
	case courseOK:
		// Without a usable disbursement date, the limit on the day the
		// policy came into force still bounds the term.
		at := *l
		if !dateOK {
			at.DisbursedOn = b.InForce()
		}
		limit, _, err := TermLimit(b, &at)
		switch {
		case err != nil:
		case l.TermMonths > limit:
			p.Add("/term_months", credit.CodeOutOfRange, termRangeMsg(limit), ErrLoan)
		case l.Purpose == credit.VocationalTraining && l.TermMonths <= l.disbursementMonths():
			p.Add("/term_months", credit.CodeOutOfRange, msgTrainingTerm, ErrLoan)
		case dateOK && endsTooLate(l.DisbursedOn, l.TermMonths):
			p.Add("/term_months", credit.CodeOutOfRange, msgEndsTooLate, ErrLoan)
		default:
			termOK = true
		}
	case l.TermMonths <= maxTermMonths:
		termOK = true // the limit is unknown; check the rest against the term given
	default:
		p.Add("/term_months", credit.CodeOutOfRange, termRangeMsg(maxTermMonths), ErrLoan)
	}

	graceOK := true
	if l.GraceMonths < 0 || termOK && l.GraceMonths >= l.TermMonths {
		graceOK = false
		p.Add("/grace_months", credit.CodeOutOfRange, msgGraceRange, ErrLoan)
	}
	switch {
	case l.PrincipalEveryMonths < 1:
		p.Add("/principal_every_months", credit.CodeOutOfRange, msgEveryRange, ErrLoan)
	case termOK && graceOK && courseOK && (l.TermMonths-l.grace()) > 0 && (l.TermMonths-l.grace())%l.PrincipalEveryMonths != 0:
		p.Add("/principal_every_months", CodeNotDivisor, msgNotDivisor, ErrLoan)
	}

	if len(l.Disbursements) > MaxFlows {
		p.Add("/disbursements", credit.CodeOutOfRange, msgTooMany, ErrLoan)
		return
	}
	if len(l.Disbursements) > 0 {
		var sum credit.VND
		sumOK := true
		firstDue := credit.Date{}
		if dateOK && termOK && graceOK && l.PrincipalEveryMonths >= 1 {
			firstDue = l.firstPrincipalDue()
		}
		for i, d := range l.Disbursements {
			at := "/disbursements/" + strconv.Itoa(i)
			checkFlow(p, at, d, l.DisbursedOn)
			if !firstDue.IsZero() && !d.On.Before(firstDue) {
				p.Add(at+"/on", credit.CodeOutOfRange, msgDisbursementLate, ErrLoan)
			}
			if d.Amount <= 0 || d.Amount > credit.MaxVND {
				sumOK = false
			} else if sum <= credit.MaxVND {
				sum += d.Amount // stops once above MaxVND: no overflow
			}
		}
		if sumOK && l.Amount > 0 && sum != l.Amount {
			p.Add("/disbursements", CodeSumMismatch, msgSumMismatch, ErrLoan)
		}
	}
}

// endsTooLate reports whether a loan from start for months months would fall
// due after the last day a credit.Date can hold (9999-12-31), where month
// arithmetic saturates.
func endsTooLate(start credit.Date, months int) bool {
	y, m, _ := start.Date()
	return (y*12+int(m)-1)+months > 9999*12+11
}

var msgEndsTooLate = credit.Text{
	VI: "Khoản vay kết thúc sau ngày 31/12/9999, vượt quá phạm vi ngày được hỗ trợ.",
	EN: "The loan would end after 9999-12-31, beyond the dates supported.",
}

// maxTermMonths bounds a term whose policy limit cannot be worked out (the
// disbursement date is missing): the longest the book allows a parameter.
const maxTermMonths = 1200

func termRangeMsg(limit int) credit.Text {
	if limit < 1 {
		return credit.Text{
			VI: "Thời hạn vay (term_months) phải từ 1 tháng trở lên.",
			EN: "term_months must be at least 1 month.",
		}
	}
	return credit.Text{
		VI: fmt.Sprintf("Thời hạn vay (term_months) phải từ 1 đến %d tháng theo Điều 8 Quyết định 22/2023/QĐ-TTg.", limit),
		EN: fmt.Sprintf("term_months must be from 1 to %d months under Decision 22/2023/QĐ-TTg, Article 8.", limit),
	}
}

// checkFlow checks one dated amount: a date on or after start, and an amount
// more than 0.
func checkFlow(p *credit.Problems, at string, f Flow, start credit.Date) {
	switch {
	case f.On.IsZero():
		p.Add(at+"/on", credit.CodeRequired, credit.MsgRequired, nil)
	case !start.IsZero() && f.On.Before(start):
		p.Add(at+"/on", CodeBeforeDisbursement, msgBeforeDisbursement, ErrLoan)
	}
	switch {
	case f.Amount < 0:
		p.Add(at+"/amount", credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case f.Amount == 0:
		p.Add(at+"/amount", credit.CodeOutOfRange, msgFlowPositive, ErrLoan)
	case f.Amount > credit.MaxVND:
		p.Add(at+"/amount", credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
	}
}

// checkFlows checks a list of dated amounts under pointer base.
func checkFlows(p *credit.Problems, base string, fs []Flow, start credit.Date) {
	if len(fs) > MaxFlows {
		p.Add(base, credit.CodeOutOfRange, msgTooMany, ErrLoan)
		return
	}
	var total credit.VND
	for i, f := range fs {
		checkFlow(p, base+"/"+strconv.Itoa(i), f, start)
		if f.Amount > 0 && f.Amount <= credit.MaxVND && total <= credit.MaxVND {
			total += f.Amount
		}
	}
	// Totals of payments must stay exact in int64.
	if total > credit.MaxVND {
		p.Add(base, credit.CodeOutOfRange, msgTotalTooLarge, ErrLoan)
	}
}

// sortedFlows returns fs in date order, keeping the given order within a
// day, and the position in fs of each (nil when fs was already in order);
// fs is not modified.
func sortedFlows(fs []Flow) ([]Flow, []int) {
	byDate := func(a, b Flow) int { return a.On.Compare(b.On) }
	if slices.IsSortedFunc(fs, byDate) {
		return fs, nil
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(i, j int) int { return byDate(fs[i], fs[j]) })
	out := make([]Flow, len(fs))
	for i, j := range idx {
		out[i] = fs[j]
	}
	return out, idx
}
