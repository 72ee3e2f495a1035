package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

// assessmentRequest is the body of POST /v1/assessments (api-v1). Leaves are
// raw so that every bad value is reported, not only the first.
type assessmentRequest struct {
	RequestedOn  json.RawMessage `json:"requested_on"`
	Purpose      json.RawMessage `json:"purpose"`
	Amount       json.RawMessage `json:"amount"`
	CourseMonths json.RawMessage `json:"course_months"`
	LeaveMonths  json.RawMessage `json:"leave_months"`
	whereJSON
	SamePurposeDebt json.RawMessage    `json:"same_purpose_debt"`
	Individual      *individualJSON    `json:"individual"`
	Establishment   *establishmentJSON `json:"establishment"`
}

type individualJSON struct {
	FullName                 json.RawMessage `json:"full_name"`
	DateOfBirth              json.RawMessage `json:"date_of_birth"`
	IDNumber                 json.RawMessage `json:"id_number"`
	Release                  *releaseJSON    `json:"release"`
	OnCommuneList            json.RawMessage `json:"on_commune_list"`
	HouseholdHasCapableAdult json.RawMessage `json:"household_has_capable_adult"`
}

type releaseJSON struct {
	Basis         json.RawMessage `json:"basis"`
	CertificateNo json.RawMessage `json:"certificate_no"`
	CompletedOn   json.RawMessage `json:"completed_on"`
}

type establishmentJSON struct {
	Name              json.RawMessage `json:"name"`
	Kind              json.RawMessage `json:"kind"`
	Lawful            json.RawMessage `json:"lawful"`
	TotalWorkers      json.RawMessage `json:"total_workers"`
	QualifyingWorkers json.RawMessage `json:"qualifying_workers"`
	PlanConfirmed     json.RawMessage `json:"plan_confirmed"`
}

var (
	msgPurposeEnum = credit.Text{
		VI: "Mục đích vay phải là \"production\" hoặc \"vocational_training\".",
		EN: "The purpose must be \"production\" or \"vocational_training\".",
	}
	msgBasisEnum = credit.Text{
		VI: "Căn cứ ra trại phải là \"completion\", \"special_amnesty\" hoặc \"conditional_release\".",
		EN: "The release basis must be \"completion\", \"special_amnesty\" or \"conditional_release\".",
	}
	msgKindEnum = credit.Text{
		VI: "Loại hình cơ sở phải là \"sme\", \"cooperative\", \"cooperative_group\", \"household_business\" hoặc \"large_enterprise\".",
		EN: "The kind must be \"sme\", \"cooperative\", \"cooperative_group\", \"household_business\" or \"large_enterprise\".",
	}
	msgWorkersRange = credit.Text{
		VI: "Số lao động phải là số nguyên từ 0 đến 1.000.000 (tổng số lao động ít nhất là 1).",
		EN: "Worker counts must be whole numbers from 0 to 1,000,000 (at least 1 in total).",
	}
	msgIDNumber = credit.Text{
		VI: "Số định danh cá nhân phải gồm đúng 12 chữ số.",
		EN: "The personal identification number must be exactly 12 digits.",
	}
)

// application converts the request into the domain's Application,
// recording every malformed value. Identity fields are checked for form
// (text, the ID number's 12 digits, a date of birth possible on the day of
// the request and before the sentence was completed: credit.CheckBirthDate,
// credit.CheckAfterBirth) and then dropped: no rule needs them.
func (req *assessmentRequest) application(rd *reader) eligibility.Application {
	var a eligibility.Application
	a.On = rd.date(req.RequestedOn, "/requested_on", true)
	if !absent(req.Purpose) { // absent: the domain reports it required
		a.Purpose, _ = enum(rd, req.Purpose, "/purpose", credit.ParsePurpose, msgPurposeEnum)
	}
	a.Amount, a.AmountAsked = rd.money(req.Amount, "/amount")
	// course_months, when given, is 1..60 whatever the purpose; it counts
	// only for training (the domain reports it missing there).
	a.CourseMonths, _ = rd.integer(req.CourseMonths, "/course_months", 1, eligibility.MaxCourseMonths, eligibility.MsgCourseRange)
	a.LeaveMonths, _ = rd.integer(req.LeaveMonths, "/leave_months", 0, eligibility.MaxCourseMonths, eligibility.MsgLeaveRange)
	a.Province, a.KnownOn = req.whereJSON.read(rd)
	a.SamePurposeDebt = fact(rd, req.SamePurposeDebt, "/same_purpose_debt")

	if in := req.Individual; in != nil {
		var ind eligibility.Individual
		rd.str(in.FullName, "/individual/full_name")
		dob := rd.date(in.DateOfBirth, "/individual/date_of_birth", false)
		if id, ok := rd.str(in.IDNumber, "/individual/id_number"); ok && !twelveDigits(id) {
			rd.add("/individual/id_number", credit.CodeInvalidID, msgIDNumber, nil)
		}
		// The date of birth must be possible on the day of the request, and
		// the sentence completed after it; then it is dropped.
		if !credit.CheckBirthDate(&rd.problems, "/individual/date_of_birth", dob, a.On) {
			dob = credit.Date{}
		}
		if rel := in.Release; rel != nil {
			if !absent(rel.Basis) {
				ind.Release.Basis, _ = enum(rd, rel.Basis, "/individual/release/basis", eligibility.ParseReleaseBasis, msgBasisEnum)
			}
			rd.str(rel.CertificateNo, "/individual/release/certificate_no")
			ind.Release.CompletedOn = rd.date(rel.CompletedOn, "/individual/release/completed_on", false)
			credit.CheckAfterBirth(&rd.problems, "/individual/release/completed_on", ind.Release.CompletedOn, dob)
		}
		ind.OnCommuneList = fact(rd, in.OnCommuneList, "/individual/on_commune_list")
		ind.HouseholdHasCapableAdult = fact(rd, in.HouseholdHasCapableAdult, "/individual/household_has_capable_adult")
		a.Individual = &ind
	}
	if es := req.Establishment; es != nil {
		var e eligibility.Establishment
		rd.str(es.Name, "/establishment/name")
		if !absent(es.Kind) {
			e.Kind, _ = enum(rd, es.Kind, "/establishment/kind", eligibility.ParseEstablishmentKind, msgKindEnum)
		}
		e.Lawful = fact(rd, es.Lawful, "/establishment/lawful")
		// Counts are read over a wide range here; the domain checks the
		// contract's bounds (total ≥ 1, qualifying ≤ total) with its own codes.
		if n, ok := rd.integer(es.TotalWorkers, "/establishment/total_workers", -eligibility.MaxWorkers, eligibility.MaxWorkers*10, msgWorkersRange); ok {
			e.TotalWorkers = eligibility.CountOf(n)
		}
		if n, ok := rd.integer(es.QualifyingWorkers, "/establishment/qualifying_workers", -eligibility.MaxWorkers, eligibility.MaxWorkers*10, msgWorkersRange); ok {
			e.QualifyingWorkers = eligibility.CountOf(n)
		}
		e.PlanConfirmed = fact(rd, es.PlanConfirmed, "/establishment/plan_confirmed")
		a.Establishment = &e
	}
	return a
}

// dropWrongTypes forgets the objects that came with the wrong JSON type:
// encoding/json may leave them allocated but empty, and they must not be
// read as given.
func (req *assessmentRequest) dropWrongTypes(ps credit.Problems) {
	if ps.Has("/individual") {
		req.Individual = nil
	}
	if ps.Has("/establishment") {
		req.Establishment = nil
	}
	if ps.Has("/individual/release") && req.Individual != nil {
		req.Individual.Release = nil
	}
}

func fact(rd *reader, raw json.RawMessage, ptr string) eligibility.Fact {
	v, known := rd.fact(raw, ptr)
	if !known {
		return eligibility.Unknown
	}
	return eligibility.FactOf(v)
}

func twelveDigits(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// assessmentResponse is the 200 body of POST /v1/assessments.
type assessmentResponse struct {
	Decision     string        `json:"decision"`
	RulesVersion string        `json:"rules_version"`
	RequestedOn  credit.Date   `json:"requested_on"`
	Findings     []findingJSON `json:"findings"`
	Terms        *termsJSON    `json:"terms,omitempty"`
	// Jurisdiction: see jurisdictionJSON; absent when nothing needs saying.
	Jurisdiction *jurisdictionJSON `json:"jurisdiction,omitempty"`
}

type findingJSON struct {
	Rule      string       `json:"rule"`
	Outcome   string       `json:"outcome"`
	Citation  citationJSON `json:"citation"`
	MessageVI string       `json:"message_vi"`
	MessageEN string       `json:"message_en"`
	// LastEligibleDay: for individual.release_window, the last day a loan
	// may be requested.
	LastEligibleDay *credit.Date `json:"last_eligible_day,omitempty"`
	// MinSharePct: for establishment.worker_share, the share to reach.
	MinSharePct int64 `json:"min_share_pct,omitempty"`
}

type citationJSON struct {
	Instrument string `json:"instrument"`
	Year       int    `json:"year,omitempty"`
	Article    int    `json:"article,omitempty"`
	Clause     int    `json:"clause,omitempty"`
	Point      string `json:"point,omitempty"`
	Text       string `json:"text"`
	TextEN     string `json:"text_en"`
	Note       string `json:"note,omitempty"`
}

func citation(c *credit.Citation) citationJSON {
	return citationJSON{Instrument: c.Instrument, Year: c.Year, Article: c.Article, Clause: c.Clause, Point: c.Point,
		Text: c.Text, TextEN: c.TextEN, Note: c.Note}
}

type termsJSON struct {
	Cap                   credit.VND   `json:"cap"`
	Amount                credit.VND   `json:"amount"`
	MaxTermMonths         int          `json:"max_term_months"`
	CourseMonths          int          `json:"course_months,omitempty"`
	LeaveMonths           int          `json:"leave_months,omitempty"`
	MaxRepaymentMonths    int          `json:"max_repayment_months,omitempty"`
	RateMonthlyPct        string       `json:"rate_monthly_pct"`
	RateYearlyPct         string       `json:"rate_yearly_pct"`
	OverdueRateMonthlyPct string       `json:"overdue_rate_monthly_pct"`
	CollateralRequired    bool         `json:"collateral_required"`
	Method                string       `json:"method"`
	BorrowerOfRecord      string       `json:"borrower_of_record"`
	Grounds               []groundJSON `json:"grounds"`
}

// groundJSON says which rule set a term and where it comes from.
type groundJSON struct {
	Term     string       `json:"term"`
	Rule     string       `json:"rule"`
	Citation citationJSON `json:"citation"`
}

// groundTerms names the terms of lending.Terms.Grounds, in its order.
var groundTerms = [6]string{"cap", "max_term_months", "rate", "overdue_rate", "collateral_required", "method"}

func newAssessmentResponse(as *lending.Assessment) assessmentResponse {
	d := &as.Decision
	resp := assessmentResponse{
		Decision:     d.Verdict.String(),
		RulesVersion: d.Params.Version(),
		RequestedOn:  d.Application.On,
		Findings:     make([]findingJSON, len(d.Findings)),
	}
	for i := range d.Findings {
		f := &d.Findings[i]
		fj := findingJSON{Rule: f.Rule.String(), Outcome: f.Outcome.String(), Citation: citation(f.Citation),
			MessageVI: f.Message.VI, MessageEN: f.Message.EN, MinSharePct: f.MinSharePct}
		if !f.LastDay.IsZero() {
			fj.LastEligibleDay = &f.LastDay
		}
		resp.Findings[i] = fj
	}
	if t := as.Terms; t != nil {
		tj := &termsJSON{
			Cap: t.Cap, Amount: t.Amount, MaxTermMonths: t.MaxTermMonths,
			CourseMonths: t.CourseMonths, LeaveMonths: t.LeaveMonths, MaxRepaymentMonths: t.MaxRepaymentMonths,
			RateMonthlyPct:        t.Rate.MonthlyPct().String(),
			RateYearlyPct:         t.Rate.YearlyPct().String(),
			OverdueRateMonthlyPct: t.OverdueRate.MonthlyPct().String(),
			CollateralRequired:    t.CollateralRequired,
			Method:                t.Method.String(),
			BorrowerOfRecord:      t.BorrowerOfRecord.String(),
			Grounds:               make([]groundJSON, len(t.Grounds)),
		}
		for i, g := range t.Grounds {
			tj.Grounds[i] = groundJSON{Term: groundTerms[i], Rule: g.Rule.String(), Citation: citation(g.Citation)}
		}
		resp.Terms = tj
	}
	return resp
}

// assess handles POST /v1/assessments: decode, call lending.Assess, encode.
func (s *server) assess(w http.ResponseWriter, r *http.Request) {
	as, j, ok := s.assessment(w, r)
	if !ok {
		return
	}
	writeAnswer(w, func(b []byte) []byte { return appendAssessment(b, &as, j) })
}

// assessment decodes the request and assesses it, with the answer's
// jurisdiction; when the request cannot be assessed it answers with the
// problem and returns false.
func (s *server) assessment(w http.ResponseWriter, r *http.Request) (lending.Assessment, *jurisdictionJSON, bool) {
	var req assessmentRequest
	var rd reader
	if err := decodeBody(r, &req); err != nil {
		// A 422 from decoding (an object of the wrong type) still lets the
		// rest of the body be read, so that every problem is reported.
		if !errors.As(err, &rd.problems) || rd.problems.Has("") {
			s.writeError(w, r, err) // not a 422, or the body is not an object at all
			return lending.Assessment{}, nil, false
		}
	}
	req.dropWrongTypes(rd.problems)
	app := req.application(&rd)
	if len(rd.problems) > 0 {
		s.writeError(w, r, merge(rd.problems, app.Validate(s.book)))
		return lending.Assessment{}, nil, false
	}
	as, err := lending.Assess(s.book, app)
	if err != nil {
		s.writeError(w, r, err)
		return lending.Assessment{}, nil, false
	}
	return as, newJurisdiction(s.book, app.Province, app.KnownOn, app.On, app.On), true
}
