package httpapi

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/lending"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
	"github.com/vnreentry/credit/workflow"
)

// Applications (records-v1.md, "Applications, loans, repayments").
//
// Receiving a list screens every row, and receiving a plan screens the
// establishment, in the receipt's transaction: the assessment POST
// /v1/assessments would answer for the row on the list's prepared_on, in
// the commune's province, under the server's book, is stored as JSON
// with its verdict and rules_version and never computed again. A later
// change of the rules does not touch it. Each listed person also gets a
// person key — hex HMAC-SHA-256 of the ID number under
// Options.PersonKeySecret — from which the store tells VBSP which other
// communes listed the same person in the same period (shared_with), by
// commune, never by number.
//
// A decision is checked against what was stored, not against today's
// rules: an ineligible screening is never approved, an approval never
// lends more than the stored terms' cap, and the loan must be one
// lending.Loan.Validate accepts under the book.

// Codes of the applications' problems.
const (
	codeIneligible     = "ineligible"
	codeAboveCap       = "above_cap"
	codeNoTerms        = "no_terms"
	codeNotApplicable  = "not_applicable"
	codeAlreadyDecided = "already_decided"
	codeLoanClosed     = "loan_closed"
)

var (
	msgOutcomeEnum = credit.Text{
		VI: "Kết quả phải là \"approved\", \"refused\" hoặc \"withdrawn\".",
		EN: "The outcome must be \"approved\", \"refused\" or \"withdrawn\".",
	}
	msgIneligible = credit.Text{
		VI: "Kết quả thẩm định khi tiếp nhận danh sách là không đủ điều kiện vay: không được phê duyệt.",
		EN: "The screening made when the list was received found the applicant ineligible: it cannot be approved.",
	}
	msgAboveCap = credit.Text{
		VI: "Số tiền vượt mức cho vay tối đa trong kết quả thẩm định đã lưu (terms.cap).",
		EN: "The amount is more than the cap of the stored screening's terms (terms.cap).",
	}
	msgNoTerms = credit.Text{
		VI: "Kết quả thẩm định đã lưu không xác định được mức vay, thời hạn, lãi suất: chưa thể phê duyệt.",
		EN: "The stored screening could not determine the terms: the application cannot be approved.",
	}
	msgNotApplicable = credit.Text{
		VI: "Trường này chỉ dùng khi phê duyệt (outcome \"approved\").",
		EN: "This field is only for an approval (outcome \"approved\").",
	}
	msgRefusalNote = credit.Text{
		VI: "Từ chối cần ghi rõ lý do (note).",
		EN: "A refusal needs a note saying why.",
	}
	msgDecisionFilter = credit.Text{
		VI: "Tham số decision phải là \"pending\", \"approved\", \"refused\" hoặc \"withdrawn\".",
		EN: "The decision parameter must be \"pending\", \"approved\", \"refused\" or \"withdrawn\".",
	}
	msgIDParameter = credit.Text{
		VI: "Mã hồ sơ phải là số nguyên dương; chỉ dùng một trong list_id và plan_id.",
		EN: "A record id must be a positive whole number; give at most one of list_id and plan_id.",
	}
	msgShortText = credit.Text{
		VI: "Giá trị dài quá 200 ký tự.",
		EN: "The value is longer than 200 characters.",
	}
)

// ---- screening at receipt ----

// subject is one applicant of a received document: what the rules decide
// on, the ID number the person key is made of ("" for a plan), and what
// the loan of an approval takes from the form.
type subject struct {
	app          eligibility.Application
	idNumber     string
	purpose      credit.Purpose
	courseMonths int
}

// subjects reads a stored document as it was received: one subject per
// row of a list, one for a plan, decided in the document's province.
func (s *server) subjects(d records.Document) ([]subject, error) {
	if d.Kind == records.KindPlan {
		var req plan02JSON
		rd, err := readDraftJSON(d.Body, &req)
		if err != nil {
			return nil, err
		}
		pl := req.plan(rd)
		if len(rd.problems) > 0 {
			return nil, rd.problems
		}
		a, err := pl.Application(s.book)
		if err != nil {
			return nil, err
		}
		a.Province = d.Province
		return []subject{{app: a, purpose: pl.Purpose}}, nil
	}
	var req list01JSON
	rd, err := readDraftJSON(d.Body, &req)
	if err != nil {
		return nil, err
	}
	l := req.list(rd, "")
	if len(rd.problems) > 0 {
		return nil, rd.problems
	}
	out := make([]subject, len(l.Rows))
	for i := range l.Rows {
		a := l.Application(i)
		a.Province = d.Province
		r := &l.Rows[i]
		out[i] = subject{app: a, idNumber: r.IDNumber, purpose: r.Purpose, courseMonths: r.CourseMonths}
	}
	return out, nil
}

// screen is the screening of a receipt: it runs inside the store's
// transaction on the document as received. An error aborts the receipt.
func (s *server) screen(d records.Document) ([]records.Application, []string, error) {
	subs, err := s.subjects(d)
	if err != nil {
		return nil, nil, err
	}
	apps := make([]records.Application, len(subs))
	keys := make([]string, len(subs))
	for i := range subs {
		a := &subs[i].app
		as, err := lending.Assess(s.book, *a)
		if err != nil {
			if d.Kind == records.KindPlan {
				return nil, nil, err
			}
			return nil, nil, repoint(err, "/rows/"+strconv.Itoa(i))
		}
		resp := newAssessmentResponse(&as)
		resp.Jurisdiction = newJurisdiction(s.book, a.Province, a.KnownOn, a.On, a.On)
		b, err := marshalJSON(resp)
		if err != nil {
			return nil, nil, err
		}
		apps[i] = records.Application{Row: i, Verdict: resp.Decision, RulesVersion: resp.RulesVersion, Screening: b}
		if d.Kind == records.KindPlan {
			apps[i].Row = 0
		}
		keys[i] = s.personKey(subs[i].idNumber)
	}
	return apps, keys, nil
}

// repoint puts the pointers of a list's problems under base.
func repoint(err error, base string) error {
	var ps credit.Problems
	if !errors.As(err, &ps) {
		return err
	}
	out := make(credit.Problems, len(ps))
	for i, e := range ps {
		c := *e
		c.Pointer = base + e.Pointer
		out[i] = &c
	}
	return out
}

// personKey is the hex HMAC-SHA-256 of an ID number under the server's
// secret; "" for none.
func (s *server) personKey(idNumber string) string {
	if idNumber == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.personSecret)
	m.Write([]byte(idNumber))
	return hex.EncodeToString(m.Sum(nil))
}

// marshalJSON encodes v as writeJSON does (no HTML escaping), without the
// final newline.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// ---- answers ----

// applicationJSON is an application as the answers show it.
type applicationJSON struct {
	ID           int64           `json:"id"`
	ListID       int64           `json:"list_id,omitempty"`
	PlanID       int64           `json:"plan_id,omitempty"`
	Row          int             `json:"row"`
	CommuneCode  string          `json:"commune_code"`
	ProvinceCode string          `json:"province_code"`
	Period       string          `json:"period,omitempty"`
	Verdict      string          `json:"verdict"`
	RulesVersion string          `json:"rules_version"`
	Screening    json.RawMessage `json:"screening"`
	SharedWith   []string        `json:"shared_with"`
	// Decision is "pending" until decided.
	Decision  string     `json:"decision"`
	Note      string     `json:"note,omitempty"`
	DecidedBy int64      `json:"decided_by,omitempty"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
	LoanID    int64      `json:"loan_id,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	// Loan: the loan an approval made, in the decision's answer.
	Loan *loanRecordJSON `json:"loan,omitempty"`
}

const decisionPending = "pending"

func newApplicationJSON(a records.Application) applicationJSON {
	out := applicationJSON{ID: a.ID, Row: a.Row, CommuneCode: a.Commune, ProvinceCode: a.Province, Period: a.Period,
		Verdict: a.Verdict, RulesVersion: a.RulesVersion, Screening: a.Screening, SharedWith: a.SharedWith,
		Decision: a.Decision, Note: a.Note, DecidedBy: a.DecidedBy, LoanID: a.LoanID, CreatedAt: a.CreatedAt.UTC()}
	if a.Kind == records.KindPlan {
		out.PlanID = a.DocumentID
	} else {
		out.ListID = a.DocumentID
	}
	if out.SharedWith == nil {
		out.SharedWith = []string{}
	}
	if out.Decision == "" {
		out.Decision = decisionPending
	}
	if len(out.Screening) == 0 {
		out.Screening = json.RawMessage("null")
	}
	if a.DecidedAt != nil {
		t := a.DecidedAt.UTC()
		out.DecidedAt = &t
	}
	return out
}

// ---- handlers ----

// locatedApplication looks the application of the path's {id} up and asks
// the policy about it: one outside the caller's scope is a 404.
func (s *server) locatedApplication(r *http.Request) (records.Application, error) {
	id, err := pathID(r)
	if err != nil {
		return records.Application{}, err
	}
	a, err := s.records.Application(r.Context(), id)
	if err != nil {
		return a, err
	}
	if err := s.authorize(r, access.Resource{Commune: a.Commune, Province: a.Province}); err != nil {
		return records.Application{}, err
	}
	return a, nil
}

// badParameter is the 400 of a malformed query parameter.
func badParameter(param, code string, msg credit.Text) error {
	return &requestError{sentinel: errBadParameter, msg: msg, param: param, items: credit.Problems{{Code: code, Message: msg}}}
}

// positiveID reads an id parameter: a positive decimal integer without
// leading zeros.
func positiveID(v string) (int64, bool) {
	if v == "" || v[0] == '0' || len(v) > 19 {
		return 0, false
	}
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	return n, err == nil
}

// listApplications handles GET /v1/applications?list_id=&plan_id=&decision=.
func (s *server) listApplications(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f records.ApplicationFilter
	kind := ""
	for _, param := range []string{"list_id", "plan_id"} {
		v := q.Get(param)
		if v == "" {
			continue
		}
		id, ok := positiveID(v)
		if !ok || kind != "" {
			s.writeError(w, r, badParameter(param, credit.CodeInvalidValue, msgIDParameter))
			return
		}
		f.DocumentID, kind = id, records.KindList
		if param == "plan_id" {
			kind = records.KindPlan
		}
	}
	switch v := q.Get("decision"); v {
	case "":
	case decisionPending, records.DecisionApproved, records.DecisionRefused, records.DecisionWithdrawn:
		f.Decision = v
	default:
		s.writeError(w, r, badParameter("decision", credit.CodeInvalidEnum, msgDecisionFilter))
		return
	}
	as, next, ok := listed(s, w, r, access.ApplicationRead, MaxApplicationsPage, &f.Page,
		func(scope access.Scope) ([]records.Application, error) {
			return s.records.Applications(r.Context(), scope, f)
		},
		func(a *records.Application) int64 { return a.ID })
	if !ok {
		return
	}
	// listingAnswer("applications", newApplicationJSON of each of kind,
	// next), appended.
	writeAnswer(w, func(b []byte) []byte { return appendApplicationListing(b, as, kind, next) })
}

// getApplication handles GET /v1/applications/{id}.
func (s *server) getApplication(w http.ResponseWriter, r *http.Request) {
	a, err := s.locatedApplication(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newApplicationJSON(a))
}

// decisionRequest is the body of POST /v1/applications/{id}/decision.
type decisionRequest struct {
	Outcome              json.RawMessage `json:"outcome"`
	Note                 json.RawMessage `json:"note"`
	Amount               json.RawMessage `json:"amount"`
	TermMonths           json.RawMessage `json:"term_months"`
	PrincipalEveryMonths json.RawMessage `json:"principal_every_months"`
	DisbursedOn          json.RawMessage `json:"disbursed_on"`
	Channel              json.RawMessage `json:"channel"`
	CapitalSource        json.RawMessage `json:"capital_source"`
}

func parseOutcome(s string) (string, bool) {
	switch s {
	case records.DecisionApproved, records.DecisionRefused, records.DecisionWithdrawn:
		return s, true
	}
	return "", false
}

// decision reads the body: every malformed value, a refusal without a
// note, loan fields with another outcome.
func (req *decisionRequest) decision(rd *reader) records.Decision {
	var d records.Decision
	if absent(req.Outcome) {
		rd.add("/outcome", credit.CodeRequired, credit.MsgRequired, nil)
	} else {
		d.Outcome, _ = enum(rd, req.Outcome, "/outcome", parseOutcome, msgOutcomeEnum)
	}
	d.Note = strings.TrimSpace(rd.text(req.Note, "/note"))
	if utf8.RuneCountInString(d.Note) > MaxNote {
		rd.add("/note", forms.CodeTooLong, msgNoteLength, nil)
	}
	switch d.Outcome {
	case records.DecisionApproved:
		if absent(req.Amount) {
			rd.add("/amount", credit.CodeRequired, credit.MsgRequired, nil)
		} else {
			d.Amount, _ = rd.money(req.Amount, "/amount")
		}
		d.TermMonths = months(rd, req.TermMonths, "/term_months", true)
		d.PrincipalEveryMonths = months(rd, req.PrincipalEveryMonths, "/principal_every_months", true)
		d.DisbursedOn = rd.date(req.DisbursedOn, "/disbursed_on", true)
		// The channel and the capital source are the loan book's
		// (api-v1's portfolio): a name outside them would leave the loan
		// out of every portfolio from the store.
		for _, f := range []struct {
			raw   json.RawMessage
			ptr   string
			to    *string
			parse func(string) (string, bool)
			msg   credit.Text
		}{
			{req.Channel, "/channel", &d.Channel, func(v string) (string, bool) { c, ok := reporting.ParseChannel(v); return c.String(), ok }, msgChannelEnum},
			{req.CapitalSource, "/capital_source", &d.CapitalSource, func(v string) (string, bool) { c, ok := reporting.ParseCapitalSource(v); return c.String(), ok }, msgCapitalSourceEnum},
		} {
			if absent(f.raw) {
				rd.add(f.ptr, credit.CodeRequired, credit.MsgRequired, nil)
			} else if v, ok := enum(rd, f.raw, f.ptr, f.parse, f.msg); ok {
				*f.to = v
			}
		}
	case records.DecisionRefused, records.DecisionWithdrawn:
		if d.Outcome == records.DecisionRefused && d.Note == "" && !rd.problems.Has("/note") {
			rd.add("/note", workflow.CodeNoteRequired, msgRefusalNote, nil)
		}
		for _, f := range []struct {
			raw json.RawMessage
			ptr string
		}{{req.Amount, "/amount"}, {req.TermMonths, "/term_months"}, {req.PrincipalEveryMonths, "/principal_every_months"},
			{req.DisbursedOn, "/disbursed_on"}, {req.Channel, "/channel"}, {req.CapitalSource, "/capital_source"}} {
			if !absent(f.raw) {
				rd.add(f.ptr, codeNotApplicable, msgNotApplicable, nil)
			}
		}
	}
	return d
}

// storedTerms is what a decision reads of a stored screening.
type storedTerms struct {
	Decision string `json:"decision"`
	Terms    *struct {
		Cap string `json:"cap"`
	} `json:"terms"`
}

// approval checks an approval against the stored screening and the book,
// and returns the loan it makes: every problem, with pointers into the
// decision's body.
func (s *server) approval(r *http.Request, a records.Application, d records.Decision) (*records.Loan, error) {
	var ps credit.Problems
	var st storedTerms
	if err := json.Unmarshal(a.Screening, &st); err != nil {
		return nil, err
	}
	switch {
	case a.Verdict == eligibility.Ineligible.String():
		ps.Add("/outcome", codeIneligible, msgIneligible, nil)
	case st.Terms == nil:
		ps.Add("/outcome", codeNoTerms, msgNoTerms, nil)
	default:
		capVND, err := credit.ParseVND(st.Terms.Cap)
		if err != nil {
			return nil, err
		}
		if d.Amount > capVND {
			ps.Add("/amount", codeAboveCap, msgAboveCap, nil)
		}
	}
	doc, err := s.records.Document(r.Context(), a.Kind, a.DocumentID, 0)
	if err != nil {
		return nil, err
	}
	subs, err := s.subjects(doc)
	if err != nil {
		return nil, err
	}
	if a.Row < 0 || a.Row >= len(subs) {
		return nil, errors.New("httpapi: the application's row is not in its document")
	}
	sub := subs[a.Row]
	l := lending.Loan{Amount: d.Amount, DisbursedOn: d.DisbursedOn, TermMonths: d.TermMonths,
		PrincipalEveryMonths: d.PrincipalEveryMonths, Purpose: sub.purpose, CourseMonths: sub.courseMonths, Province: a.Province}
	var more credit.Problems
	if err := l.Validate(s.book); errors.As(err, &more) {
		ps = append(ps, more...)
	} else if err != nil {
		return nil, err
	}
	if len(ps) > 0 {
		return nil, ps
	}
	return &records.Loan{ApplicationID: a.ID, Commune: a.Commune, Province: a.Province, Purpose: sub.purpose.String(),
		Amount: d.Amount, DisbursedOn: d.DisbursedOn, TermMonths: d.TermMonths, PrincipalEveryMonths: d.PrincipalEveryMonths,
		CourseMonths: sub.courseMonths, Channel: d.Channel, CapitalSource: d.CapitalSource, Status: records.LoanActive}, nil
}

// decide handles POST /v1/applications/{id}/decision: 201 with the
// application as decided, and its loan when approved.
func (s *server) decide(w http.ResponseWriter, r *http.Request) {
	a, err := s.locatedApplication(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var req decisionRequest
	rd, idem, err := actingJSON(r, &req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d := req.decision(rd)
	if len(rd.problems) > 0 {
		s.writeError(w, r, rd.problems)
		return
	}
	var loan *records.Loan
	switch {
	case a.Decision != "" && idem.Key == "":
		s.writeError(w, r, &records.ConflictError{Code: codeAlreadyDecided})
		return
	case d.Outcome == records.DecisionApproved:
		// Also for a retry (decided, with its key): the store answers it
		// as first decided, but an approval always comes with its loan.
		if loan, err = s.approval(r, a, d); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	got, made, err := s.records.Decide(r.Context(), actor(r), idem, a.ID, d, loan)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := newApplicationJSON(got)
	w.Header().Set("Location", "/v1/applications/"+strconv.FormatInt(got.ID, 10))
	if made != nil {
		lj := newLoanRecordJSON(*made)
		out.Loan = &lj
		w.Header().Set("Location", "/v1/loans/"+strconv.FormatInt(made.ID, 10))
	}
	writeJSON(w, http.StatusCreated, out)
}
