package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

// loanJSON is the loan of POST /v1/schedules and POST /v1/statements
// (api-v1): the contract's four fields and the optional rest.
type loanJSON struct {
	Amount               json.RawMessage `json:"amount"`
	DisbursedOn          json.RawMessage `json:"disbursed_on"`
	TermMonths           json.RawMessage `json:"term_months"`
	PrincipalEveryMonths json.RawMessage `json:"principal_every_months"`
	GraceMonths          json.RawMessage `json:"grace_months"`
	Purpose              json.RawMessage `json:"purpose"`
	CourseMonths         json.RawMessage `json:"course_months"`
	LeaveMonths          json.RawMessage `json:"leave_months"`
	Disbursements        []flowJSON      `json:"disbursements"`
	whereJSON
}

// flowJSON is an amount on a day.
type flowJSON struct {
	On     json.RawMessage `json:"on"`
	Amount json.RawMessage `json:"amount"`
}

// scheduleRequest is the body of POST /v1/schedules.
type scheduleRequest struct {
	loanJSON
	Prepayments []flowJSON `json:"prepayments"`
}

// statementRequest is the body of POST /v1/statements: the loan as for a
// schedule, the payments made, and the day of the statement.
type statementRequest struct {
	loanJSON
	Payments []flowJSON      `json:"payments"`
	AsOf     json.RawMessage `json:"as_of"`
}

var msgMonthsRange = credit.Text{
	VI: "Số tháng phải là số nguyên từ 0 đến 1200.",
	EN: "A number of months must be a whole number from 0 to 1200.",
}

// loan reads the loan, recording every malformed value. Ranges that depend
// on the policy (the term's limit, the frequency dividing the term) are the
// domain's to check; here numbers are only read.
func (lj *loanJSON) loan(rd *reader) lending.Loan {
	var l lending.Loan
	if absent(lj.Amount) {
		rd.add("/amount", credit.CodeRequired, credit.MsgRequired, nil)
	} else {
		l.Amount, _ = rd.money(lj.Amount, "/amount") // zero: the domain says why
	}
	l.DisbursedOn = rd.date(lj.DisbursedOn, "/disbursed_on", true)
	l.TermMonths = months(rd, lj.TermMonths, "/term_months", true)
	l.PrincipalEveryMonths = months(rd, lj.PrincipalEveryMonths, "/principal_every_months", true)
	l.GraceMonths = months(rd, lj.GraceMonths, "/grace_months", false)
	l.Purpose = credit.Production
	if !absent(lj.Purpose) {
		if p, ok := enum(rd, lj.Purpose, "/purpose", credit.ParsePurpose, msgPurposeEnum); ok {
			l.Purpose = p
		}
	}
	if !absent(lj.CourseMonths) {
		l.CourseMonths, _ = rd.integer(lj.CourseMonths, "/course_months", 1, eligibility.MaxCourseMonths, eligibility.MsgCourseRange)
	}
	if !absent(lj.LeaveMonths) {
		l.LeaveMonths, _ = rd.integer(lj.LeaveMonths, "/leave_months", 0, eligibility.MaxCourseMonths, eligibility.MsgLeaveRange)
	}
	l.Province, l.KnownOn = lj.whereJSON.read(rd)
	l.Disbursements = flows(rd, lj.Disbursements, "/disbursements")
	return l
}

// months reads a whole number of months in 0..1200 (a number that cannot be
// a term at all); 0 is left for the domain to judge.
func months(rd *reader, raw json.RawMessage, ptr string, required bool) int {
	if absent(raw) {
		if required {
			rd.add(ptr, credit.CodeRequired, credit.MsgRequired, nil)
		}
		return 0
	}
	n, ok := rd.integer(raw, ptr, -1200, 1200, msgMonthsRange)
	if ok && n < 0 {
		rd.add(ptr, credit.CodeOutOfRange, msgMonthsRange, nil)
		return 0
	}
	return n
}

// flows reads a list of dated amounts; both fields of each are required.
func flows(rd *reader, fs []flowJSON, base string) []lending.Flow {
	if len(fs) == 0 {
		return nil
	}
	if len(fs) > lending.MaxFlows {
		out := make([]lending.Flow, len(fs)) // the domain reports the length
		return out
	}
	out := make([]lending.Flow, len(fs))
	for i := range fs {
		at := base + "/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue // not an object: reported once, by the decoder
		}
		out[i].On = rd.date(fs[i].On, at+"/on", true)
		if absent(fs[i].Amount) {
			rd.add(at+"/amount", credit.CodeRequired, credit.MsgRequired, nil)
		} else if v, ok := rd.money(fs[i].Amount, at+"/amount"); ok {
			out[i].Amount = v
		}
	}
	return out
}

// schedule handles POST /v1/schedules.
func (s *server) schedule(w http.ResponseWriter, r *http.Request) {
	sc, j, ok := s.scheduleOf(w, r)
	if !ok {
		return
	}
	writeAnswer(w, func(b []byte) []byte { return appendSchedule(b, &sc, j) })
}

// scheduleOf decodes the request and works out the schedule, with the
// answer's jurisdiction; when it cannot, it answers with the problem and
// returns false.
func (s *server) scheduleOf(w http.ResponseWriter, r *http.Request) (lending.Schedule, *jurisdictionJSON, bool) {
	var req scheduleRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return lending.Schedule{}, nil, false
	}
	l := req.loan(rd)
	pre := flows(rd, req.Prepayments, "/prepayments")
	sc, err := lending.ScheduleOf(s.book, l, pre)
	if len(rd.problems) > 0 || err != nil {
		s.writeError(w, r, merge(rd.problems, err))
		return lending.Schedule{}, nil, false
	}
	// The schedule counts interest from disbursed_on to the day before the
	// last due date.
	return sc, newJurisdiction(s.book, l.Province, l.KnownOn, l.DisbursedOn, l.DisbursedOn.AddMonths(l.TermMonths).AddDays(-1)), true
}

// statement handles POST /v1/statements.
func (s *server) statement(w http.ResponseWriter, r *http.Request) {
	st, j, ok := s.statementOf(w, r)
	if !ok {
		return
	}
	writeAnswer(w, func(b []byte) []byte { return appendStatement(b, &st, j) })
}

// statementOf decodes the request and works out the statement, with the
// answer's jurisdiction; when it cannot, it answers with the problem and
// returns false.
func (s *server) statementOf(w http.ResponseWriter, r *http.Request) (lending.Statement, *jurisdictionJSON, bool) {
	var req statementRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return lending.Statement{}, nil, false
	}
	l := req.loan(rd)
	pays := flows(rd, req.Payments, "/payments")
	asOf := rd.date(req.AsOf, "/as_of", true)
	st, err := lending.StatementOf(s.book, l, pays, asOf)
	if len(rd.problems) > 0 || err != nil {
		s.writeError(w, r, merge(rd.problems, err))
		return lending.Statement{}, nil, false
	}
	return st, newJurisdiction(s.book, l.Province, l.KnownOn, l.DisbursedOn, asOf), true
}

// decodeRequest decodes the body into req; on a 400 or 413, or a body
// that is not an object, it answers and returns false. Values of the wrong
// JSON type are recorded and the rest is still read.
func (s *server) decodeRequest(w http.ResponseWriter, r *http.Request, req any) (*reader, bool) {
	var decoded credit.Problems
	if err := decodeBody(r, req); err != nil {
		if !errors.As(err, &decoded) || decoded.Has("") {
			s.writeError(w, r, err)
			return nil, false
		}
	}
	return newReader(decoded), true
}

// overflowing answers with the reader's problems, and returns true, when
// there are more than an answer lists: the rules would only add to what is
// cut.
func (s *server) overflowing(w http.ResponseWriter, r *http.Request, rd *reader) bool {
	if !rd.overflowing() {
		return false
	}
	s.writeError(w, r, rd.problems)
	return true
}

// scheduleResponse is the 200 body of POST /v1/schedules.
type scheduleResponse struct {
	Installments   []installmentJSON `json:"installments"`
	TotalInterest  credit.VND        `json:"total_interest"`
	TotalPrincipal credit.VND        `json:"total_principal"`
	Term           termLimitJSON     `json:"term"`
	Rates          []rateSpanJSON    `json:"rates"`
	Convention     citationJSON      `json:"interest_convention"`
	RulesVersion   string            `json:"rules_version"`
	Jurisdiction   *jurisdictionJSON `json:"jurisdiction,omitempty"`
}

type installmentJSON struct {
	No           int         `json:"no"`
	From         credit.Date `json:"from"`
	DueOn        credit.Date `json:"due_on"`
	Days         int         `json:"days"`
	Principal    credit.VND  `json:"principal"`
	Interest     credit.VND  `json:"interest"`
	BalanceAfter credit.VND  `json:"balance_after"`
	Disbursed    credit.VND  `json:"disbursed"`
	Prepaid      credit.VND  `json:"prepaid"`
}

// termLimitJSON is the term rule the loan was checked against.
type termLimitJSON struct {
	Rule      string       `json:"rule"`
	MaxMonths int          `json:"max_months"`
	Citation  citationJSON `json:"citation"`
}

// rateSpanJSON is a stretch of days at the same rates, with their grounds.
type rateSpanJSON struct {
	From                  credit.Date  `json:"from"`
	To                    credit.Date  `json:"to"`
	RateMonthlyPct        string       `json:"rate_monthly_pct"`
	RateYearlyPct         string       `json:"rate_yearly_pct"`
	OverdueRateMonthlyPct string       `json:"overdue_rate_monthly_pct"`
	Citation              citationJSON `json:"citation"`
	OverdueCitation       citationJSON `json:"overdue_citation"`
}

func rateSpans(rs []lending.RateSpan) []rateSpanJSON {
	out := make([]rateSpanJSON, len(rs))
	for i := range rs {
		r := &rs[i]
		out[i] = rateSpanJSON{
			From: r.From, To: r.To,
			RateMonthlyPct:        r.Rate.MonthlyPct().String(),
			RateYearlyPct:         r.Rate.YearlyPct().String(),
			OverdueRateMonthlyPct: r.OverdueRate.MonthlyPct().String(),
			Citation:              citation(r.Citation),
			OverdueCitation:       citation(r.OverdueCitation),
		}
	}
	return out
}

func newScheduleResponse(sc *lending.Schedule) scheduleResponse {
	resp := scheduleResponse{
		Installments:   make([]installmentJSON, len(sc.Installments)),
		TotalInterest:  sc.TotalInterest,
		TotalPrincipal: sc.TotalPrincipal,
		Term:           termLimitJSON{Rule: sc.Term.Rule.String(), MaxMonths: sc.TermLimit, Citation: citation(sc.Term.Citation)},
		Rates:          rateSpans(sc.Rates),
		Convention:     citation(sc.Convention),
		RulesVersion:   sc.Version,
	}
	for i := range sc.Installments {
		in := &sc.Installments[i]
		resp.Installments[i] = installmentJSON{
			No: in.No, From: in.From, DueOn: in.DueOn, Days: in.Days,
			Principal: in.Principal, Interest: in.Interest, BalanceAfter: in.BalanceAfter,
			Disbursed: in.Disbursed, Prepaid: in.Prepaid,
		}
	}
	return resp
}

// statementResponse is the 200 body of POST /v1/statements.
type statementResponse struct {
	AsOf                  credit.Date       `json:"as_of"`
	Disbursed             credit.VND        `json:"disbursed"`
	PrincipalOutstanding  credit.VND        `json:"principal_outstanding"`
	PrincipalDue          credit.VND        `json:"principal_due"`
	PrincipalOverdue      credit.VND        `json:"principal_overdue"`
	OverdueSince          *credit.Date      `json:"overdue_since"`
	InterestDue           credit.VND        `json:"interest_due"`
	InterestAccrued       credit.VND        `json:"interest_accrued"`
	OverdueInterest       credit.VND        `json:"overdue_interest"`
	Payoff                credit.VND        `json:"payoff"`
	NextDueOn             *credit.Date      `json:"next_due_on"`
	Overpaid              credit.VND        `json:"overpaid"`
	Paid                  paidJSON          `json:"paid"`
	Payments              []allocationJSON  `json:"payments"`
	RateMonthlyPct        string            `json:"rate_monthly_pct"`
	OverdueRateMonthlyPct string            `json:"overdue_rate_monthly_pct"`
	Rates                 []rateSpanJSON    `json:"rates"`
	Convention            citationJSON      `json:"interest_convention"`
	RulesVersion          string            `json:"rules_version"`
	Jurisdiction          *jurisdictionJSON `json:"jurisdiction,omitempty"`
}

// paidJSON is how payments were applied, bucket by bucket.
type paidJSON struct {
	Amount           credit.VND `json:"amount"`
	OverdueInterest  credit.VND `json:"overdue_interest"`
	Interest         credit.VND `json:"interest"`
	OverduePrincipal credit.VND `json:"overdue_principal"`
	Principal        credit.VND `json:"principal"`
	EarlyPrincipal   credit.VND `json:"early_principal"`
	AccruedInterest  credit.VND `json:"accrued_interest"`
	Unapplied        credit.VND `json:"unapplied"`
}

// allocationJSON is one payment and how it was applied, in the order in
// force that day.
type allocationJSON struct {
	On credit.Date `json:"on"`
	paidJSON
	Order         []string     `json:"order"`
	OrderCitation citationJSON `json:"order_citation"`
}

func paid(a *lending.Allocation) paidJSON {
	return paidJSON{Amount: a.Amount, OverdueInterest: a.OverdueInterest, Interest: a.Interest,
		OverduePrincipal: a.OverduePrincipal, Principal: a.Principal, EarlyPrincipal: a.EarlyPrincipal,
		AccruedInterest: a.AccruedInterest, Unapplied: a.Unapplied}
}

func newStatementResponse(st *lending.Statement) statementResponse {
	resp := statementResponse{
		AsOf: st.AsOf, Disbursed: st.Disbursed,
		PrincipalOutstanding: st.PrincipalOutstanding, PrincipalDue: st.PrincipalDue,
		PrincipalOverdue: st.PrincipalOverdue, OverdueSince: optDate(st.OverdueSince),
		InterestDue: st.InterestDue, InterestAccrued: st.InterestAccrued, OverdueInterest: st.OverdueInterest,
		Payoff: st.Payoff, NextDueOn: optDate(st.NextDueOn), Overpaid: st.Overpaid,
		Paid:                  paid(&st.Paid),
		Payments:              make([]allocationJSON, len(st.Payments)),
		RateMonthlyPct:        st.Rate.MonthlyPct().String(),
		OverdueRateMonthlyPct: st.OverdueRate.MonthlyPct().String(),
		Rates:                 rateSpans(st.Rates),
		Convention:            citation(st.Convention),
		RulesVersion:          st.Version,
	}
	for i := range st.Payments {
		a := &st.Payments[i]
		order := make([]string, len(a.Order))
		for j, b := range a.Order {
			order[j] = b.String()
		}
		resp.Payments[i] = allocationJSON{On: a.On, paidJSON: paid(a), Order: order, OrderCitation: citation(a.OrderCitation)}
	}
	return resp
}
