package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/lending"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// Loans and repayments (records-v1.md, "Applications, loans,
// repayments"). A loan is made by an approval; its payments are only ever
// appended. Its statement is computed, never stored: lending.StatementOf
// over the stored contract and payments, answered exactly as POST
// /v1/statements answers the same loan and payments, in the commune's
// province (its own rates). A payment that leaves nothing owed — the
// statement on the day of the latest payment has payoff 0 — closes the
// loan in the payment's transaction, decided there with the loan locked:
// two payments recorded at once that together repay it close it.

// codeInFuture: a payment dated after today.
const codeInFuture = "in_the_future"

var (
	msgPaymentPositive = credit.Text{
		VI: "Số tiền trả phải lớn hơn 0.",
		EN: "The amount paid must be more than 0.",
	}
	msgPaymentBeforeDisbursement = credit.Text{
		VI: "Ngày trả trước ngày giải ngân của khoản vay.",
		EN: "The payment is dated before the loan was disbursed.",
	}
	msgPaymentInFuture = credit.Text{
		VI: "Ngày trả sau ngày hôm nay: chỉ ghi khoản tiền đã thu.",
		EN: "The payment is dated after today: only money received is recorded.",
	}
	msgLoanStatus = credit.Text{
		VI: "Tham số status phải là \"active\" hoặc \"closed\".",
		EN: "The status parameter must be \"active\" or \"closed\".",
	}
	msgAsOf = credit.Text{
		VI: "Tham số as_of phải là ngày dạng YYYY-MM-DD.",
		EN: "The as_of parameter must be a date, YYYY-MM-DD.",
	}
)

// loanRecordJSON is a stored loan as the answers show it.
type loanRecordJSON struct {
	ID                   int64        `json:"id"`
	ApplicationID        int64        `json:"application_id"`
	CommuneCode          string       `json:"commune_code"`
	ProvinceCode         string       `json:"province_code"`
	Purpose              string       `json:"purpose"`
	Amount               credit.VND   `json:"amount"`
	DisbursedOn          credit.Date  `json:"disbursed_on"`
	TermMonths           int          `json:"term_months"`
	PrincipalEveryMonths int          `json:"principal_every_months"`
	CourseMonths         int          `json:"course_months,omitempty"`
	Channel              string       `json:"channel,omitempty"`
	CapitalSource        string       `json:"capital_source,omitempty"`
	Status               string       `json:"status"`
	ClosedOn             *credit.Date `json:"closed_on,omitempty"`
	CreatedBy            int64        `json:"created_by"`
	CreatedAt            time.Time    `json:"created_at"`
}

func newLoanRecordJSON(l records.Loan) loanRecordJSON {
	out := loanRecordJSON{ID: l.ID, ApplicationID: l.ApplicationID, CommuneCode: l.Commune, ProvinceCode: l.Province,
		Purpose: l.Purpose, Amount: l.Amount, DisbursedOn: l.DisbursedOn, TermMonths: l.TermMonths,
		PrincipalEveryMonths: l.PrincipalEveryMonths, CourseMonths: l.CourseMonths, Channel: l.Channel,
		CapitalSource: l.CapitalSource, Status: l.Status, ClosedOn: optDate(l.ClosedOn), CreatedBy: l.CreatedBy,
		CreatedAt: l.CreatedAt.UTC()}
	return out
}

// paymentJSON is a recorded payment.
type paymentJSON struct {
	LoanID     int64       `json:"loan_id"`
	Seq        int         `json:"seq"`
	On         credit.Date `json:"on"`
	Amount     credit.VND  `json:"amount"`
	RecordedBy int64       `json:"recorded_by"`
	At         time.Time   `json:"at"`
}

func newPaymentJSON(p records.Payment) paymentJSON {
	return paymentJSON{LoanID: p.LoanID, Seq: p.Seq, On: p.On, Amount: p.Amount, RecordedBy: p.RecordedBy, At: p.At.UTC()}
}

// loanWithPayments is the answer of GET /v1/loans/{id}.
type loanWithPayments struct {
	loanRecordJSON
	Payments []paymentJSON `json:"payments"`
}

// paymentAnswer is the answer of POST /v1/loans/{id}/payments: the
// payment, and the loan's status after it.
type paymentAnswer struct {
	paymentJSON
	LoanStatus string       `json:"loan_status"`
	ClosedOn   *credit.Date `json:"closed_on,omitempty"`
}

// contract is the stored loan as lending computes it.
func contract(l records.Loan) lending.Loan {
	purpose, _ := credit.ParsePurpose(l.Purpose)
	return lending.Loan{Amount: l.Amount, DisbursedOn: l.DisbursedOn, TermMonths: l.TermMonths,
		PrincipalEveryMonths: l.PrincipalEveryMonths, Purpose: purpose, CourseMonths: l.CourseMonths, Province: l.Province}
}

// paidFlows is the stored payments as lending's flows, in the order recorded.
func paidFlows(ps []records.Payment) []lending.Flow {
	out := make([]lending.Flow, len(ps))
	for i, p := range ps {
		out[i] = lending.Flow{On: p.On, Amount: p.Amount}
	}
	return out
}

// locatedLoan looks the loan of the path's {id} up, with its payments,
// and asks the policy about it: one outside the caller's scope is a 404.
func (s *server) locatedLoan(r *http.Request) (records.Loan, []records.Payment, error) {
	id, err := pathID(r)
	if err != nil {
		return records.Loan{}, nil, err
	}
	l, ps, err := s.records.Loan(r.Context(), id)
	if err != nil {
		return l, nil, err
	}
	if err := s.authorize(r, access.Resource{Commune: l.Commune, Province: l.Province}); err != nil {
		return records.Loan{}, nil, err
	}
	return l, ps, nil
}

// listLoans handles GET /v1/loans?commune_code=&status=.
func (s *server) listLoans(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f records.LoanFilter
	if v := q.Get("commune_code"); v != "" {
		if !digits(v, 5) {
			s.writeError(w, r, badParameter("commune_code", places.CodeInvalidCode, msgCommuneCode))
			return
		}
		f.Commune = v
	}
	switch v := q.Get("status"); v {
	case "":
	case records.LoanActive, records.LoanClosed:
		f.Status = v
	default:
		s.writeError(w, r, badParameter("status", credit.CodeInvalidEnum, msgLoanStatus))
		return
	}
	ls, next, ok := listed(s, w, r, access.LoanRead, MaxLoansPage, &f.Page,
		func(scope access.Scope) ([]records.Loan, error) { return s.records.Loans(r.Context(), scope, f) },
		func(l *records.Loan) int64 { return l.ID })
	if !ok {
		return
	}
	// listingAnswer("loans", newLoanRecordJSON of each, next), appended.
	writeAnswer(w, func(b []byte) []byte { return appendLoanListing(b, ls, next) })
}

// getLoan handles GET /v1/loans/{id}: the loan with its payments.
func (s *server) getLoan(w http.ResponseWriter, r *http.Request) {
	l, ps, err := s.locatedLoan(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := loanWithPayments{loanRecordJSON: newLoanRecordJSON(l), Payments: make([]paymentJSON, len(ps))}
	for i, p := range ps {
		out.Payments[i] = newPaymentJSON(p)
	}
	writeJSON(w, http.StatusOK, out)
}

// paymentRequest is the body of POST /v1/loans/{id}/payments.
type paymentRequest struct {
	On     json.RawMessage `json:"on"`
	Amount json.RawMessage `json:"amount"`
}

// closing is the records.Closing of a payment: the loan closes when, on
// the day of its latest payment, nothing is owed (the statement's payoff
// is 0). The store asks it with the loan locked and every payment, the
// one being recorded included.
func (s *server) closing(l records.Loan, ps []records.Payment) credit.Date {
	var asOf credit.Date
	for _, p := range ps {
		if p.On.After(asOf) {
			asOf = p.On
		}
	}
	if st, err := lending.StatementOf(s.book, contract(l), paidFlows(ps), asOf); err == nil && st.Payoff == 0 {
		return asOf
	}
	return credit.Date{}
}

// addPayment handles POST /v1/loans/{id}/payments: 201 with the payment
// and the loan's status after it.
func (s *server) addPayment(w http.ResponseWriter, r *http.Request) {
	l, _, err := s.locatedLoan(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var req paymentRequest
	rd, idem, err := actingJSON(r, &req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	on := rd.date(req.On, "/on", true)
	var amount credit.VND
	if absent(req.Amount) {
		rd.add("/amount", credit.CodeRequired, credit.MsgRequired, nil)
	} else if v, ok := rd.money(req.Amount, "/amount"); ok {
		if amount = v; v == 0 {
			rd.add("/amount", credit.CodeOutOfRange, msgPaymentPositive, nil)
		}
	}
	switch {
	case on.IsZero():
	case on.Before(l.DisbursedOn):
		rd.add("/on", lending.CodeBeforeDisbursement, msgPaymentBeforeDisbursement, nil)
	case on.After(s.today()):
		rd.add("/on", codeInFuture, msgPaymentInFuture, nil)
	}
	if len(rd.problems) > 0 {
		s.writeError(w, r, rd.problems)
		return
	}
	if l.Status == records.LoanClosed && idem.Key == "" {
		s.writeError(w, r, &records.ConflictError{Code: codeLoanClosed})
		return
	}
	p, err := s.records.AddPayment(r.Context(), actor(r), idem, l.ID, records.Payment{LoanID: l.ID, On: on, Amount: amount}, s.closing)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	after, _, err := s.records.Loan(r.Context(), l.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Location", "/v1/loans/"+strconv.FormatInt(l.ID, 10))
	writeJSON(w, http.StatusCreated, paymentAnswer{paymentJSON: newPaymentJSON(p), LoanStatus: after.Status, ClosedOn: optDate(after.ClosedOn)})
}

// loanStatement handles GET /v1/loans/{id}/statement?as_of=DATE (today
// without it): the statement of POST /v1/statements for the stored loan
// and payments.
func (s *server) loanStatement(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.reportFormat(w, r, "json"); !ok { // the statement has no other format: said, not ignored
		return
	}
	l, pays, err := s.locatedLoan(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	asOf := s.today()
	if vs, has := r.URL.Query()["as_of"]; has {
		d, err := credit.ParseDate(vs[0])
		if err != nil || len(vs) > 1 {
			s.writeError(w, r, badParameter("as_of", credit.CodeInvalidDate, msgAsOf))
			return
		}
		asOf = d
	}
	c := contract(l)
	st, err := lending.StatementOf(s.book, c, paidFlows(pays), asOf)
	if err != nil {
		var ps credit.Problems
		if errors.As(err, &ps) && len(ps) == 1 && ps[0].Pointer == "/as_of" {
			err = &requestError{sentinel: credit.ErrInvalid, msg: ps[0].Message, param: "as_of", items: ps}
		}
		s.writeError(w, r, err)
		return
	}
	resp := newStatementResponse(&st)
	resp.Jurisdiction = newJurisdiction(s.book, c.Province, c.KnownOn, c.DisbursedOn, asOf)
	writeJSON(w, http.StatusOK, resp)
}
