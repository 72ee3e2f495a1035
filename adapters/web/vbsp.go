package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The VBSP officer's pages: the applications of the received lists and
// plans, each one's screening sheet (phiếu) with the decision, the loans
// with their schedule, their statement on any day and their repayments.
// As every page, they ask the JSON API as the signed-in user and render
// its answer: the screening is the one stored at receipt, the schedule
// is POST /v1/schedules of the loan's contract, the statement GET
// /v1/loans/{id}/statement, and every check of a decision or a payment
// (the cap, the term, a day before disbursement, …) is the API's.

func init() {
	addRoutes(
		route{pattern: "GET /applications", signedIn: true, handle: (*server).vbspApplications},
		route{pattern: "GET /applications/{id}", signedIn: true, handle: (*server).vbspApplication},
		route{pattern: "POST /applications/{id}/decision", signedIn: true, handle: (*server).vbspDecide},
		route{pattern: "GET /loans", signedIn: true, handle: (*server).vbspLoans},
		route{pattern: "GET /loans/{id}", signedIn: true, handle: (*server).vbspLoan},
		route{pattern: "POST /loans/{id}/payments", signedIn: true, handle: (*server).vbspPay},
	)
	addMessages(vbspMessages)
	addWork("application.read", "/applications", "vbsp.apps.title")
	addWork("loan.read", "/loans", "vbsp.loans.title")
}

// vbspMaxForm bounds the forms of these pages.
const vbspMaxForm = 64 << 10

// vbspMaxDocuments is how many lists or plans a page of applications
// reads for the names of its people; beyond, rows show no name.
const vbspMaxDocuments = 25

// ---- the API's answers, as these pages read them ----

type vbspApp struct {
	ID           int64          `json:"id"`
	ListID       int64          `json:"list_id"`
	PlanID       int64          `json:"plan_id"`
	Row          int            `json:"row"`
	CommuneCode  string         `json:"commune_code"`
	ProvinceCode string         `json:"province_code"`
	Period       string         `json:"period"`
	Verdict      string         `json:"verdict"`
	RulesVersion string         `json:"rules_version"`
	Screening    assessmentJSON `json:"screening"`
	SharedWith   []string       `json:"shared_with"`
	Decision     string         `json:"decision"`
	Note         string         `json:"note"`
	DecidedAt    string         `json:"decided_at"`
	LoanID       int64          `json:"loan_id"`
	CreatedAt    string         `json:"created_at"`
	Loan         *vbspLoanJSON  `json:"loan"`
}

type vbspLoanJSON struct {
	ID                   int64  `json:"id"`
	ApplicationID        int64  `json:"application_id"`
	CommuneCode          string `json:"commune_code"`
	ProvinceCode         string `json:"province_code"`
	Purpose              string `json:"purpose"`
	Amount               string `json:"amount"`
	DisbursedOn          string `json:"disbursed_on"`
	TermMonths           int    `json:"term_months"`
	PrincipalEveryMonths int    `json:"principal_every_months"`
	CourseMonths         int    `json:"course_months"`
	Channel              string `json:"channel"`
	CapitalSource        string `json:"capital_source"`
	Status               string `json:"status"`
	ClosedOn             string `json:"closed_on"`
	CreatedAt            string `json:"created_at"`
	Payments             []struct {
		Seq    int    `json:"seq"`
		On     string `json:"on"`
		Amount string `json:"amount"`
		At     string `json:"at"`
	} `json:"payments"`
}

type vbspSchedule struct {
	Installments []struct {
		No           int    `json:"no"`
		From         string `json:"from"`
		DueOn        string `json:"due_on"`
		Days         int    `json:"days"`
		Principal    string `json:"principal"`
		Interest     string `json:"interest"`
		BalanceAfter string `json:"balance_after"`
	} `json:"installments"`
	TotalInterest  string `json:"total_interest"`
	TotalPrincipal string `json:"total_principal"`
	RulesVersion   string `json:"rules_version"`
	Rates          []struct {
		From           string       `json:"from"`
		To             string       `json:"to"`
		RateMonthlyPct string       `json:"rate_monthly_pct"`
		Citation       citationJSON `json:"citation"`
	} `json:"rates"`
}

type vbspStatement struct {
	AsOf                 string `json:"as_of"`
	Disbursed            string `json:"disbursed"`
	PrincipalOutstanding string `json:"principal_outstanding"`
	PrincipalDue         string `json:"principal_due"`
	PrincipalOverdue     string `json:"principal_overdue"`
	OverdueSince         string `json:"overdue_since"`
	InterestDue          string `json:"interest_due"`
	InterestAccrued      string `json:"interest_accrued"`
	OverdueInterest      string `json:"overdue_interest"`
	Payoff               string `json:"payoff"`
	NextDueOn            string `json:"next_due_on"`
	Overpaid             string `json:"overpaid"`
	Paid                 struct {
		Amount string `json:"amount"`
	} `json:"paid"`
	RateMonthlyPct    string `json:"rate_monthly_pct"`
	OverdueMonthlyPct string `json:"overdue_rate_monthly_pct"`
	RulesVersion      string `json:"rules_version"`
}

// vbspSubject is the person (a list's row) or the establishment (a
// plan) of an application, as the form that was received names them.
type vbspSubject struct {
	Name         string
	Born         string
	IDNumber     string
	Residence    string
	Purpose      string
	Amount       string
	CourseMonths int
	Note         string
	Plan         bool
}

type vbspRow struct {
	FullName     string          `json:"full_name"`
	DateOfBirth  string          `json:"date_of_birth"`
	IDNumber     string          `json:"id_number"`
	Residence    string          `json:"residence"`
	Purpose      string          `json:"purpose"`
	Amount       json.RawMessage `json:"amount"`
	CourseMonths int             `json:"course_months"`
	Note         string          `json:"note"`
}

type vbspDocument struct {
	List *struct {
		Rows []vbspRow `json:"rows"`
	} `json:"list"`
	Plan *struct {
		Name            string          `json:"name"`
		RegistrationNo  string          `json:"registration_no"`
		Address         string          `json:"address"`
		Purpose         string          `json:"purpose"`
		AmountRequested json.RawMessage `json:"amount_requested"`
	} `json:"plan"`
}

// vbspRawMoney is an amount of a form as it was sent: a string of
// digits or a number.
func vbspRawMoney(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var n json.Number
	if json.Unmarshal(raw, &n) == nil {
		return n.String()
	}
	return ""
}

// vbspDocKey names a list or a plan.
type vbspDocKey struct {
	plan bool
	id   int64
}

// vbspSubjects reads the lists and plans of apps (at most
// vbspMaxDocuments of them) for the people they name. A document the
// API does not give this user (its policy) names nobody.
func (s *server) vbspSubjects(r *http.Request, u *viewer, apps []vbspApp) map[vbspDocKey]*vbspDocument {
	out := map[vbspDocKey]*vbspDocument{}
	for _, a := range apps {
		k := vbspDocKey{plan: a.PlanID != 0, id: a.ListID}
		target := "/v1/lists/"
		if k.plan {
			k.id = a.PlanID
			target = "/v1/plans/"
		}
		if _, seen := out[k]; seen || k.id == 0 {
			continue
		}
		if len(out) >= vbspMaxDocuments {
			break
		}
		out[k] = nil
		ans := s.call(r, u, http.MethodGet, target+strconv.FormatInt(k.id, 10), nil, "")
		if !ans.OK() {
			continue
		}
		var d vbspDocument
		if ans.decode(&d) == nil {
			out[k] = &d
		}
	}
	return out
}

// subjectOf is the person or establishment of a from its document.
func vbspSubjectOf(docs map[vbspDocKey]*vbspDocument, a *vbspApp) *vbspSubject {
	if a.PlanID != 0 {
		d := docs[vbspDocKey{plan: true, id: a.PlanID}]
		if d == nil || d.Plan == nil {
			return nil
		}
		return &vbspSubject{Name: d.Plan.Name, IDNumber: d.Plan.RegistrationNo, Residence: d.Plan.Address,
			Purpose: d.Plan.Purpose, Amount: vbspRawMoney(d.Plan.AmountRequested), Plan: true}
	}
	d := docs[vbspDocKey{id: a.ListID}]
	if d == nil || d.List == nil || a.Row < 0 || a.Row >= len(d.List.Rows) {
		return nil
	}
	row := d.List.Rows[a.Row]
	return &vbspSubject{Name: row.FullName, Born: row.DateOfBirth, IDNumber: row.IDNumber, Residence: row.Residence,
		Purpose: row.Purpose, Amount: vbspRawMoney(row.Amount), CourseMonths: row.CourseMonths, Note: row.Note}
}

// vbspCommunes is the catalogue's name of each code ("" when the
// catalogue cannot be read: the code is shown alone).
func (s *server) vbspCommunes(r *http.Request, u *viewer, codes []string) map[string]string {
	out := map[string]string{}
	if len(codes) == 0 {
		return out
	}
	ans := s.call(r, u, http.MethodGet, "/v1/communes", nil, "")
	if !ans.OK() {
		return out
	}
	var cat struct {
		Communes []struct {
			Code string `json:"code"`
			Name string `json:"name"`
		} `json:"communes"`
	}
	if ans.decode(&cat) != nil {
		return out
	}
	want := map[string]bool{}
	for _, c := range codes {
		want[c] = true
	}
	for _, c := range cat.Communes {
		if want[c.Code] {
			out[c.Code] = c.Name
		}
	}
	return out
}

// vbspCommune writes a commune as "Xã Bản Bo (03424)".
func vbspCommune(names map[string]string, code string) string {
	if n := names[code]; n != "" {
		return n + " (" + code + ")"
	}
	return code
}

// ---- small helpers of the views ----

// vbspText is the message of key in lang, or fallback when there is none.
func vbspText(lang, key, fallback string) string {
	if _, ok := messages[key]; ok {
		return tr(lang, key)
	}
	return fallback
}

// vbspPct writes a percentage the API gives ("0.55") as the language
// writes it (0,55 in Vietnamese).
func vbspPct(lang, v string) string {
	if v == "" {
		return ""
	}
	if lang == langVI {
		v = strings.ReplaceAll(v, ".", ",")
	}
	return v + " %"
}

// vbspCite is a citation as the language reads it, with its note.
func vbspCite(lang string, c citationJSON) string {
	return pick(lang, c.Text, c.TextEN)
}

// vbspDMY is a day typed as dd/mm/yyyy.
var vbspDMY = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{4})$`)

// vbspDateIn is a day from a form: the date input's YYYY-MM-DD as it is,
// a dd/mm/yyyy typed by hand as YYYY-MM-DD; anything else as it is, for
// the API to say what is wrong with it.
func vbspDateIn(v string) string {
	v = strings.TrimSpace(v)
	if m := vbspDMY.FindStringSubmatch(v); m != nil {
		return m[3] + "-" + pad2(atoiOr0(m[2])) + "-" + pad2(atoiOr0(m[1]))
	}
	return v
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// vbspMoneyIn is an amount from a form: "80.000.000 đ" as "80000000";
// anything that is not then whole đồng as it is, for the API to refuse.
func vbspMoneyIn(v string) string {
	v = strings.TrimSpace(v)
	d := strings.NewReplacer(".", "", " ", "", "\u00a0", "", "đ", "", "_", "").Replace(v)
	if d != "" && strings.Trim(d, "0123456789") == "" {
		return d
	}
	return v
}

// vbspIntIn is a whole number from a form for the JSON body: the number
// when it is one, else the text as it is (the API answers not_integer
// at its pointer); nil when empty (the API answers required).
func vbspIntIn(v string) any {
	v = strings.TrimSpace(v)
	if v == "" {
		return nil
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n
	}
	return v
}

// vbspToday is today in Vietnam as YYYY-MM-DD.
func (s *server) vbspToday() string { return s.now().In(vietnam).Format(time.DateOnly) }

// vbspOption is an option of a select.
type vbspOption struct {
	Value, Label string
	Selected     bool
}

func vbspOptions(lang, prefix string, values []string, selected string) []vbspOption {
	out := make([]vbspOption, len(values))
	for i, v := range values {
		out[i] = vbspOption{Value: v, Label: tr(lang, prefix+v), Selected: v == selected}
	}
	return out
}

// vbspFieldError is a problem of a form, with the field it is at (its
// id) and its label, for the summary above the form.
type vbspFieldError struct {
	Field, Label, Text string
}

// vbspSummary lists pr's problems with the fields of labels (pointer or
// parameter → message key of the label); the id of a field is its
// pointer without the slash.
func vbspSummary(lang string, pr *problem, labels map[string]string) []vbspFieldError {
	if pr == nil {
		return nil
	}
	var out []vbspFieldError
	for _, e := range pr.Errors {
		where := e.Pointer
		if where == "" {
			where = e.Parameter
		}
		fe := vbspFieldError{Text: pick(lang, e.Detail, e.DetailEN)}
		if key, ok := labels[where]; ok {
			fe.Label = tr(lang, key)
			fe.Field = strings.TrimPrefix(where, "/")
		} else if where != "" {
			fe.Label = where
		}
		out = append(out, fe)
	}
	return out
}

// vbspErrs are pr's problems by field (the pointer without its slash,
// or the query parameter), joined when a field has more than one.
func vbspErrs(lang string, pr *problem) map[string]string {
	out := map[string]string{}
	if pr == nil {
		return out
	}
	for _, e := range pr.Errors {
		k := strings.TrimPrefix(e.Pointer, "/")
		if k == "" {
			k = e.Parameter
		}
		if k == "" {
			continue
		}
		t := pick(lang, e.Detail, e.DetailEN)
		if out[k] != "" {
			t = out[k] + " " + t
		}
		out[k] = t
	}
	return out
}

// vbspPeriod writes a month "2026-11" as 11/2026.
func vbspPeriod(p string) string {
	if len(p) == 7 && p[4] == '-' {
		return p[5:] + "/" + p[:4]
	}
	return p
}

// vbspPaging is the links between the pages of a listing.
type vbspPaging struct {
	First, Next string
}

func vbspPages(path string, q url.Values, nextAfter int64) vbspPaging {
	var p vbspPaging
	if q.Get("after") != "" {
		f := vbspCopy(q)
		f.Del("after")
		p.First = path + vbspQuery(f)
	}
	if nextAfter > 0 {
		n := vbspCopy(q)
		n.Set("after", strconv.FormatInt(nextAfter, 10))
		p.Next = path + vbspQuery(n)
	}
	return p
}

func vbspCopy(q url.Values) url.Values {
	out := url.Values{}
	for k, vs := range q {
		for _, v := range vs {
			if v != "" {
				out.Add(k, v)
			}
		}
	}
	return out
}

func vbspQuery(q url.Values) string {
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

// vbspPass is the API's query of the page's: the parameters named, as
// they are (the API answers a malformed one).
func vbspPass(q url.Values, names ...string) url.Values {
	out := url.Values{}
	for _, n := range names {
		if v := q.Get(n); v != "" {
			out.Set(n, v)
		}
	}
	return out
}

// ---- GET /applications ----

type vbspAppRow struct {
	ID         int64
	Source     string
	Name       string
	Purpose    string
	Amount     string
	Verdict    string
	Shared     []string
	Decision   string
	LoanID     int64
	Period     string
	Commune    string
	VerdictKey string
}

type vbspAppsData struct {
	Rows     []vbspAppRow
	ListID   string
	PlanID   string
	Decision []vbspOption
	Paging   vbspPaging
}

func (s *server) vbspApplications(w http.ResponseWriter, r *http.Request, u *viewer) {
	lang := langOf(r)
	q := r.URL.Query()
	pass := vbspPass(q, "list_id", "plan_id", "decision", "after", "limit")
	var out struct {
		Applications []vbspApp `json:"applications"`
		NextAfter    int64     `json:"next_after"`
	}
	if !s.fetch(w, r, u, "/v1/applications"+vbspQuery(pass), &out) {
		return
	}
	docs := s.vbspSubjects(r, u, out.Applications)
	var codes []string
	for _, ap := range out.Applications {
		codes = append(codes, ap.CommuneCode)
		codes = append(codes, ap.SharedWith...)
	}
	names := s.vbspCommunes(r, u, codes)
	data := vbspAppsData{ListID: q.Get("list_id"), PlanID: q.Get("plan_id"),
		Decision: vbspOptions(lang, "vbsp.decision.", []string{"pending", "approved", "refused", "withdrawn"}, q.Get("decision")),
		Paging:   vbspPages("/applications", pass, out.NextAfter)}
	for i := range out.Applications {
		ap := &out.Applications[i]
		row := vbspAppRow{ID: ap.ID, Verdict: ap.Verdict, VerdictKey: "vbsp.verdict." + ap.Verdict,
			Decision: ap.Decision, LoanID: ap.LoanID, Period: vbspPeriod(ap.Period), Commune: vbspCommune(names, ap.CommuneCode)}
		row.Source = vbspSource(lang, ap)
		if sub := vbspSubjectOf(docs, ap); sub != nil {
			row.Name, row.Amount = sub.Name, sub.Amount
			if sub.Purpose != "" {
				row.Purpose = tr(lang, "vbsp.purpose."+sub.Purpose)
			}
		}
		for _, c := range ap.SharedWith {
			row.Shared = append(row.Shared, vbspCommune(names, c))
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, http.StatusOK, "applications", newPage(r, u, "vbsp.apps.title", data))
}

// vbspSource is where an application came from: "List 3, row 2".
func vbspSource(lang string, a *vbspApp) string {
	if a.PlanID != 0 {
		return tr(lang, "vbsp.plan_no") + " " + strconv.FormatInt(a.PlanID, 10)
	}
	return tr(lang, "vbsp.list_no") + " " + strconv.FormatInt(a.ListID, 10) + ", " + tr(lang, "vbsp.row_no") + " " + strconv.Itoa(a.Row+1)
}

// ---- GET /applications/{id}: the screening sheet ----

type vbspFindingView struct {
	Condition, Rule, Outcome, Citation, Note, Message, LastDay string
	MinShare                                                   int
}

type vbspTermView struct {
	Label, Value, Rule, Citation string
}

// vbspDecisionForm is what the decision forms hold.
type vbspDecisionForm struct {
	Outcome, Amount, TermMonths, PrincipalEvery, DisbursedOn, Channel, CapitalSource, Note string
}

type vbspSheet struct {
	App       vbspApp
	Source    string
	Period    string
	Commune   string
	Subject   *vbspSubject
	Purpose   string
	Findings  []vbspFindingView
	Terms     []vbspTermView
	MaxTerm   int
	Shared    []string
	Verdict   string
	Screening string
	Juris     string
	CanDecide bool
	Form      vbspDecisionForm
	Channels  []vbspOption
	Sources   []vbspOption
	Summary   []vbspFieldError
	Errs      map[string]string
	Today     string
}

// vbspDecisionLabels are the decision's fields, by pointer.
var vbspDecisionLabels = map[string]string{
	"/amount": "vbsp.f.amount", "/term_months": "vbsp.f.term_months", "/principal_every_months": "vbsp.f.principal_every_months",
	"/disbursed_on": "vbsp.f.disbursed_on", "/channel": "vbsp.f.channel", "/capital_source": "vbsp.f.capital_source",
	"/note": "vbsp.f.note", "/outcome": "vbsp.f.outcome",
}

var (
	vbspChannels = []string{"farmers_union", "womens_union", "veterans_association", "youth_union", "direct"}
	vbspSources  = []string{"central", "local", "other"}
)

// vbspSheetOf reads the application id and makes its sheet; nil with the
// API's answer when it is not to be had.
func (s *server) vbspSheetOf(r *http.Request, u *viewer, id string, form *vbspDecisionForm) (*vbspSheet, *answer) {
	lang := langOf(r)
	a := s.call(r, u, http.MethodGet, "/v1/applications/"+url.PathEscape(id), nil, "")
	if !a.OK() {
		return nil, a
	}
	sh := &vbspSheet{}
	if err := a.decode(&sh.App); err != nil {
		return nil, &answer{Status: http.StatusInternalServerError}
	}
	ap := &sh.App
	docs := s.vbspSubjects(r, u, []vbspApp{*ap})
	sh.Subject = vbspSubjectOf(docs, ap)
	if sh.Subject != nil && sh.Subject.Purpose != "" {
		sh.Purpose = tr(lang, "vbsp.purpose."+sh.Subject.Purpose)
	}
	names := s.vbspCommunes(r, u, append([]string{ap.CommuneCode}, ap.SharedWith...))
	sh.Commune = vbspCommune(names, ap.CommuneCode)
	for _, c := range ap.SharedWith {
		sh.Shared = append(sh.Shared, vbspCommune(names, c))
	}
	sh.Source = vbspSource(lang, ap)
	sh.Period = vbspPeriod(ap.Period)
	sh.Verdict = "vbsp.verdict." + ap.Verdict
	sh.Screening = ap.Screening.RulesVersion
	if j := ap.Screening.Jurisdiction; j != nil {
		sh.Juris = j.ProvinceName
	}
	for _, f := range ap.Screening.Findings {
		sh.Findings = append(sh.Findings, vbspFindingView{
			Condition: vbspText(lang, "vbsp.rule."+f.Rule, f.Rule), Rule: f.Rule, Outcome: f.Outcome,
			Citation: vbspCite(lang, f.Citation), Note: f.Citation.Note, Message: pick(lang, f.MessageVI, f.MessageEN),
			LastDay: f.LastEligibleDay, MinShare: f.MinSharePct})
	}
	if t := ap.Screening.Terms; t != nil {
		sh.MaxTerm = t.MaxTermMonths
		sh.Terms = vbspTermsOf(lang, t)
	}
	sh.CanDecide = u.May("application.decide") && ap.Decision == "pending"
	sh.Today = s.vbspToday()
	if form != nil {
		sh.Form = *form
	}
	if sh.Form.Outcome != "approved" && ap.Screening.Terms != nil {
		sh.Form.Amount = ap.Screening.Terms.Amount
	}
	sh.Channels = vbspOptions(lang, "vbsp.channel.", vbspChannels, sh.Form.Channel)
	sh.Sources = vbspOptions(lang, "vbsp.source.", vbspSources, sh.Form.CapitalSource)
	return sh, nil
}

// vbspTermsOf is the terms as the sheet lists them, each with its ground.
func vbspTermsOf(lang string, t *termsJSON) []vbspTermView {
	ground := func(term string) (string, string) {
		for _, g := range t.Grounds {
			if g.Term == term {
				return g.Rule, vbspCite(lang, g.Citation)
			}
		}
		return "", ""
	}
	months := func(n int) string { return strconv.Itoa(n) + " " + tr(lang, "vbsp.months") }
	var out []vbspTermView
	add := func(label, value, term string) {
		v := vbspTermView{Label: tr(lang, label), Value: value}
		if term != "" {
			v.Rule, v.Citation = ground(term)
		}
		out = append(out, v)
	}
	add("vbsp.t.cap", vnMoney(t.Cap), "cap")
	add("vbsp.t.amount", vnMoney(t.Amount), "")
	add("vbsp.t.max_term", months(t.MaxTermMonths), "max_term_months")
	if t.CourseMonths > 0 {
		add("vbsp.t.course", months(t.CourseMonths), "")
	}
	if t.LeaveMonths > 0 {
		add("vbsp.t.leave", months(t.LeaveMonths), "")
	}
	if t.MaxRepaymentMonths > 0 {
		add("vbsp.t.repayment", months(t.MaxRepaymentMonths), "")
	}
	add("vbsp.t.rate", vbspPct(lang, t.RateMonthlyPct)+tr(lang, "vbsp.per_month")+" ("+vbspPct(lang, t.RateYearlyPct)+tr(lang, "vbsp.per_year")+")", "rate")
	add("vbsp.t.overdue", vbspPct(lang, t.OverdueMonthlyPct)+tr(lang, "vbsp.per_month"), "overdue_rate")
	coll := "vbsp.no"
	if t.CollateralRequired {
		coll = "vbsp.yes"
	}
	add("vbsp.t.collateral", tr(lang, coll), "collateral_required")
	add("vbsp.t.method", vbspText(lang, "vbsp.method."+t.Method, t.Method), "method")
	add("vbsp.t.borrower", vbspText(lang, "vbsp.borrower."+t.BorrowerOfRecord, t.BorrowerOfRecord), "")
	return out
}

func (s *server) vbspApplication(w http.ResponseWriter, r *http.Request, u *viewer) {
	sh, a := s.vbspSheetOf(r, u, r.PathValue("id"), nil)
	if sh == nil {
		s.failAPI(w, r, u, a)
		return
	}
	p := newPage(r, u, "vbsp.sheet.title", sh)
	switch r.URL.Query().Get("done") {
	case "refused":
		p.Notice = "vbsp.done.refused"
	case "withdrawn":
		p.Notice = "vbsp.done.withdrawn"
	}
	s.render(w, r, http.StatusOK, "application", p)
}

// vbspDecide handles the decision forms: POST /v1/applications/{id}/decision.
func (s *server) vbspDecide(w http.ResponseWriter, r *http.Request, u *viewer) {
	id := r.PathValue("id")
	r.Body = http.MaxBytesReader(w, r.Body, vbspMaxForm)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, u, http.StatusBadRequest, "vbsp.badform")
		return
	}
	f := vbspDecisionForm{Outcome: r.PostForm.Get("outcome"), Amount: r.PostForm.Get("amount"),
		TermMonths: r.PostForm.Get("term_months"), PrincipalEvery: r.PostForm.Get("principal_every_months"),
		DisbursedOn: r.PostForm.Get("disbursed_on"), Channel: r.PostForm.Get("channel"),
		CapitalSource: r.PostForm.Get("capital_source"), Note: r.PostForm.Get("note")}
	body := map[string]any{"outcome": f.Outcome}
	switch f.Outcome {
	case "approved":
		if v := strings.TrimSpace(f.Amount); v != "" {
			body["amount"] = vbspMoneyIn(v)
		}
		if v := vbspIntIn(f.TermMonths); v != nil {
			body["term_months"] = v
		}
		if v := vbspIntIn(f.PrincipalEvery); v != nil {
			body["principal_every_months"] = v
		}
		if v := vbspDateIn(f.DisbursedOn); v != "" {
			body["disbursed_on"] = v
		}
		if f.Channel != "" {
			body["channel"] = f.Channel
		}
		if f.CapitalSource != "" {
			body["capital_source"] = f.CapitalSource
		}
	default:
		if strings.TrimSpace(f.Note) != "" {
			body["note"] = f.Note
		}
	}
	a := s.callJSON(r, u, http.MethodPost, "/v1/applications/"+url.PathEscape(id)+"/decision", body)
	switch {
	case a.OK():
		var got vbspApp
		_ = a.decode(&got)
		if got.Loan != nil && got.Loan.ID > 0 {
			http.Redirect(w, r, "/loans/"+strconv.FormatInt(got.Loan.ID, 10)+"?made=1", http.StatusSeeOther)
			return
		}
		http.Redirect(w, r, "/applications/"+url.PathEscape(id)+"?done="+url.QueryEscape(got.Decision), http.StatusSeeOther)
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusConflict || a.Status == http.StatusBadRequest:
		form := &f
		if a.Status == http.StatusConflict {
			form = nil
		}
		sh, b := s.vbspSheetOf(r, u, id, form)
		if sh == nil {
			s.failAPI(w, r, u, b)
			return
		}
		p := newPage(r, u, "vbsp.sheet.title", sh)
		if a.Status == http.StatusConflict {
			p.Error = "vbsp.decided"
		} else {
			pr := a.problem()
			p.Problem = &pr
			sh.Summary = vbspSummary(p.Lang, &pr, vbspDecisionLabels)
			sh.Errs = vbspErrs(p.Lang, &pr)
		}
		s.render(w, r, a.Status, "application", p)
	default:
		s.failAPI(w, r, u, a)
	}
}

// ---- GET /loans ----

type vbspLoanRow struct {
	ID                int64
	Commune           string
	Purpose           string
	Amount            string
	DisbursedOn       string
	TermMonths        int
	Status, StatusKey string
}

type vbspLoansData struct {
	Rows     []vbspLoanRow
	Communes []vbspOption
	Commune  string
	Status   []vbspOption
	Paging   vbspPaging
}

func (s *server) vbspLoans(w http.ResponseWriter, r *http.Request, u *viewer) {
	lang := langOf(r)
	q := r.URL.Query()
	pass := vbspPass(q, "commune_code", "status", "after", "limit")
	var out struct {
		Loans     []vbspLoanJSON `json:"loans"`
		NextAfter int64          `json:"next_after"`
	}
	if !s.fetch(w, r, u, "/v1/loans"+vbspQuery(pass), &out) {
		return
	}
	codes := append([]string(nil), u.Communes...)
	for _, l := range out.Loans {
		codes = append(codes, l.CommuneCode)
	}
	names := s.vbspCommunes(r, u, codes)
	data := vbspLoansData{Commune: q.Get("commune_code"),
		Status: vbspOptions(lang, "vbsp.status.", []string{"active", "closed"}, q.Get("status")),
		Paging: vbspPages("/loans", pass, out.NextAfter)}
	for _, c := range u.Communes {
		data.Communes = append(data.Communes, vbspOption{Value: c, Label: vbspCommune(names, c), Selected: c == data.Commune})
	}
	for _, l := range out.Loans {
		row := vbspLoanRow{ID: l.ID, Commune: vbspCommune(names, l.CommuneCode), Amount: l.Amount, DisbursedOn: l.DisbursedOn,
			TermMonths: l.TermMonths, Status: l.Status, StatusKey: "vbsp.status." + l.Status}
		if l.Purpose != "" {
			row.Purpose = tr(lang, "vbsp.purpose."+l.Purpose)
		}
		data.Rows = append(data.Rows, row)
	}
	s.render(w, r, http.StatusOK, "loans", newPage(r, u, "vbsp.loans.title", data))
}

// ---- GET /loans/{id} ----

type vbspRateView struct {
	From, To, Rate, Citation string
}

type vbspLoanData struct {
	Loan             vbspLoanJSON
	Commune          string
	Purpose          string
	Channel          string
	CapitalSource    string
	StatusKey        string
	Schedule         *vbspSchedule
	ScheduleProblem  *problem
	Rates            []vbspRateView
	Statement        *vbspStatement
	StatementProblem *problem
	StatementRate    string
	StatementOverdue string
	AsOf             string
	CanPay           bool
	PayOn            string
	PayAmount        string
	Summary          []vbspFieldError
	Errs             map[string]string
	StErrs           map[string]string
}

var vbspPaymentLabels = map[string]string{"/on": "vbsp.f.on", "/amount": "vbsp.f.pay_amount"}

// vbspLoanOf reads the loan id with its schedule and its statement on
// asOf (today when ""); nil with the API's answer when the loan is not
// to be had.
func (s *server) vbspLoanOf(r *http.Request, u *viewer, id, asOf string) (*vbspLoanData, *answer) {
	lang := langOf(r)
	a := s.call(r, u, http.MethodGet, "/v1/loans/"+url.PathEscape(id), nil, "")
	if !a.OK() {
		return nil, a
	}
	d := &vbspLoanData{}
	if err := a.decode(&d.Loan); err != nil {
		return nil, &answer{Status: http.StatusInternalServerError}
	}
	l := &d.Loan
	names := s.vbspCommunes(r, u, []string{l.CommuneCode})
	d.Commune = vbspCommune(names, l.CommuneCode)
	if l.Purpose != "" {
		d.Purpose = tr(lang, "vbsp.purpose."+l.Purpose)
	}
	d.Channel = vbspText(lang, "vbsp.channel."+l.Channel, l.Channel)
	d.CapitalSource = vbspText(lang, "vbsp.source."+l.CapitalSource, l.CapitalSource)
	d.StatusKey = "vbsp.status." + l.Status

	// The schedule: POST /v1/schedules with the loan's contract.
	req := map[string]any{"amount": l.Amount, "disbursed_on": l.DisbursedOn, "term_months": l.TermMonths,
		"principal_every_months": l.PrincipalEveryMonths}
	if l.Purpose != "" {
		req["purpose"] = l.Purpose
	}
	if l.CourseMonths > 0 {
		req["course_months"] = l.CourseMonths
	}
	if l.ProvinceCode != "" {
		req["province"] = l.ProvinceCode
	}
	if sa := s.callJSON(r, u, http.MethodPost, "/v1/schedules", req); sa.OK() {
		var sc vbspSchedule
		if sa.decode(&sc) == nil {
			d.Schedule = &sc
			for _, rt := range sc.Rates {
				d.Rates = append(d.Rates, vbspRateView{From: rt.From, To: rt.To,
					Rate: vbspPct(lang, rt.RateMonthlyPct) + tr(lang, "vbsp.per_month"), Citation: vbspCite(lang, rt.Citation)})
			}
		}
	} else {
		pr := sa.problem()
		d.ScheduleProblem = &pr
	}

	// The statement on asOf.
	target := "/v1/loans/" + url.PathEscape(id) + "/statement"
	d.AsOf = vbspDateIn(asOf)
	if d.AsOf != "" {
		target += "?as_of=" + url.QueryEscape(d.AsOf)
	}
	if st := s.call(r, u, http.MethodGet, target, nil, ""); st.OK() {
		var sm vbspStatement
		if st.decode(&sm) == nil {
			d.Statement = &sm
			d.AsOf = sm.AsOf
			d.StatementRate = vbspPct(lang, sm.RateMonthlyPct) + tr(lang, "vbsp.per_month")
			d.StatementOverdue = vbspPct(lang, sm.OverdueMonthlyPct) + tr(lang, "vbsp.per_month")
		}
	} else if st.Status == http.StatusUnprocessableEntity || st.Status == http.StatusBadRequest {
		pr := st.problem()
		d.StatementProblem = &pr
		d.StErrs = vbspErrs(lang, &pr)
	} else {
		return nil, st
	}
	if d.AsOf == "" {
		d.AsOf = s.vbspToday()
	}
	d.CanPay = u.May("loan.pay") && l.Status == "active"
	d.PayOn = s.vbspToday()
	return d, nil
}

func (s *server) vbspLoan(w http.ResponseWriter, r *http.Request, u *viewer) {
	q := r.URL.Query()
	d, a := s.vbspLoanOf(r, u, r.PathValue("id"), q.Get("as_of"))
	if d == nil {
		s.failAPI(w, r, u, a)
		return
	}
	p := newPage(r, u, "vbsp.loan.title", d)
	switch {
	case q.Get("made") != "":
		p.Notice = "vbsp.done.approved"
	case q.Get("paid") == "closed":
		p.Notice = "vbsp.done.closed"
	case q.Get("paid") != "":
		p.Notice = "vbsp.done.paid"
	}
	status := http.StatusOK
	if d.StatementProblem != nil && q.Get("as_of") != "" {
		status = d.StatementProblem.Status
		if status < 400 {
			status = http.StatusUnprocessableEntity
		}
	}
	s.render(w, r, status, "loan", p)
}

// vbspPay handles the repayment form: POST /v1/loans/{id}/payments.
func (s *server) vbspPay(w http.ResponseWriter, r *http.Request, u *viewer) {
	id := r.PathValue("id")
	r.Body = http.MaxBytesReader(w, r.Body, vbspMaxForm)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, u, http.StatusBadRequest, "vbsp.badform")
		return
	}
	on, amount := r.PostForm.Get("on"), r.PostForm.Get("amount")
	body := map[string]any{}
	if v := vbspDateIn(on); v != "" {
		body["on"] = v
	}
	if v := strings.TrimSpace(amount); v != "" {
		body["amount"] = vbspMoneyIn(v)
	}
	a := s.callJSON(r, u, http.MethodPost, "/v1/loans/"+url.PathEscape(id)+"/payments", body)
	switch {
	case a.OK():
		var got struct {
			LoanStatus string `json:"loan_status"`
		}
		_ = a.decode(&got)
		paid := "1"
		if got.LoanStatus == "closed" {
			paid = "closed"
		}
		http.Redirect(w, r, "/loans/"+url.PathEscape(id)+"?paid="+paid, http.StatusSeeOther)
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusConflict || a.Status == http.StatusBadRequest:
		d, b := s.vbspLoanOf(r, u, id, "")
		if d == nil {
			s.failAPI(w, r, u, b)
			return
		}
		p := newPage(r, u, "vbsp.loan.title", d)
		if a.Status == http.StatusConflict {
			p.Error = "vbsp.loan_closed"
		} else {
			d.PayOn, d.PayAmount = on, amount
			pr := a.problem()
			p.Problem = &pr
			d.Summary = vbspSummary(p.Lang, &pr, vbspPaymentLabels)
			d.Errs = vbspErrs(p.Lang, &pr)
		}
		s.render(w, r, a.Status, "loan", p)
	default:
		s.failAPI(w, r, u, a)
	}
}

// vbspMessages are the texts of the VBSP officer's pages.
var vbspMessages = map[string][2]string{
	"vbsp.apps.title":    {"Hồ sơ đề nghị vay vốn", "Loan applications"},
	"vbsp.apps.caption":  {"Mỗi dòng là một người trong danh sách đã tiếp nhận (hoặc một cơ sở trong phương án), với kết quả thẩm định lưu khi tiếp nhận.", "Each row is one person of a received list (or one establishment of a plan), with the screening stored at receipt."},
	"vbsp.apps.none":     {"Không có hồ sơ nào.", "There are no applications."},
	"vbsp.loans.title":   {"Các khoản vay", "Loans"},
	"vbsp.loans.caption": {"Các khoản vay trong phạm vi của bạn.", "The loans in your scope."},
	"vbsp.loans.none":    {"Không có khoản vay nào.", "There are no loans."},
	"vbsp.sheet.title":   {"Phiếu thẩm định hồ sơ vay vốn", "Screening sheet of a loan application"},
	"vbsp.sheet.heading": {"Ngân hàng Chính sách xã hội — Phiếu thẩm định điều kiện vay vốn (Quyết định 22/2023/QĐ-TTg)", "Vietnam Bank for Social Policies — screening of the conditions of a loan (Decision 22/2023/QĐ-TTg)"},
	"vbsp.sheet.who":     {"Người đề nghị vay", "The applicant"},
	"vbsp.loan.title":    {"Khoản vay", "Loan"},

	"vbsp.all":           {"Tất cả", "All"},
	"vbsp.filter":        {"Lọc", "Filter"},
	"vbsp.choose":        {"— Chọn —", "— Choose —"},
	"vbsp.pages":         {"Các trang", "Pages"},
	"vbsp.first":         {"Trang đầu", "First page"},
	"vbsp.next":          {"Trang sau", "Next page"},
	"vbsp.app":           {"Hồ sơ", "Application"},
	"vbsp.loan":          {"Khoản vay", "Loan"},
	"vbsp.source":        {"Nguồn", "From"},
	"vbsp.list_no":       {"Danh sách", "List"},
	"vbsp.plan_no":       {"Phương án", "Plan"},
	"vbsp.row_no":        {"dòng", "row"},
	"vbsp.period":        {"tháng", "month"},
	"vbsp.person":        {"Họ và tên", "Name"},
	"vbsp.establishment": {"Cơ sở sản xuất, kinh doanh", "Establishment"},
	"vbsp.born":          {"Ngày sinh", "Date of birth"},
	"vbsp.id_number":     {"Số định danh cá nhân", "Personal ID number"},
	"vbsp.registration":  {"Số đăng ký kinh doanh", "Business registration number"},
	"vbsp.residence":     {"Nơi cư trú", "Residence"},
	"vbsp.asked":         {"Số tiền đề nghị vay", "Amount asked"},
	"vbsp.verdict":       {"Kết quả thẩm định", "Screening"},
	"vbsp.shared":        {"Cũng có tên ở xã khác", "Also listed elsewhere"},
	"vbsp.shared_none":   {"Không", "No"},
	"vbsp.also_listed":   {"Cũng có tên trong danh sách tháng này của", "Also listed this month by"},
	"vbsp.screened_on":   {"Ngày thẩm định", "Screened on"},
	"vbsp.rules_version": {"Phiên bản quy định áp dụng", "Rules version"},
	"vbsp.back_list":     {"Quay lại danh sách hồ sơ", "Back to the applications"},
	"vbsp.print":         {"In phiếu", "Print"},

	"vbsp.verdict.eligible":            {"Đủ điều kiện", "Eligible"},
	"vbsp.verdict.incomplete":          {"Chưa đủ thông tin", "Incomplete"},
	"vbsp.verdict.ineligible":          {"Không đủ điều kiện", "Ineligible"},
	"vbsp.decision.pending":            {"Chưa quyết định", "Not decided"},
	"vbsp.decision.approved":           {"Đã phê duyệt", "Approved"},
	"vbsp.decision.refused":            {"Đã từ chối", "Refused"},
	"vbsp.decision.withdrawn":          {"Đã rút hồ sơ", "Withdrawn"},
	"vbsp.outcome.met":                 {"✓ Đáp ứng", "✓ Met"},
	"vbsp.outcome.not_met":             {"✗ Không đáp ứng", "✗ Not met"},
	"vbsp.outcome.unknown":             {"? Chưa rõ", "? Unknown"},
	"vbsp.purpose.production":          {"Sản xuất, kinh doanh", "Production and business"},
	"vbsp.purpose.vocational_training": {"Học nghề", "Vocational training"},

	"vbsp.findings":                           {"Các điều kiện vay vốn", "The conditions of the loan"},
	"vbsp.condition":                          {"Điều kiện", "Condition"},
	"vbsp.outcome":                            {"Kết quả", "Outcome"},
	"vbsp.citation":                           {"Căn cứ", "Legal basis"},
	"vbsp.message":                            {"Nhận xét", "Finding"},
	"vbsp.last_day":                           {"Hạn cuối đề nghị vay", "Last day to ask for the loan"},
	"vbsp.min_share":                          {"Tỷ lệ tối thiểu", "Minimum share"},
	"vbsp.rule.individual.release_document":   {"Có giấy chứng nhận chấp hành xong án phạt tù (hoặc đặc xá, tha tù trước thời hạn có điều kiện)", "Holds a certificate of having completed the prison sentence (or of special amnesty, or of conditional early release)"},
	"vbsp.rule.individual.release_window":     {"Đề nghị vay trong thời hạn quy định kể từ khi chấp hành xong án phạt tù", "Asks for the loan within the time allowed after completing the sentence"},
	"vbsp.rule.individual.commune_list":       {"Có tên trong danh sách do Ủy ban nhân dân cấp xã lập", "Named on the list of the commune People's Committee"},
	"vbsp.rule.establishment.kind":            {"Loại hình cơ sở sản xuất, kinh doanh được vay vốn", "The establishment is of a kind that may borrow"},
	"vbsp.rule.establishment.lawful":          {"Cơ sở hoạt động hợp pháp", "The establishment operates lawfully"},
	"vbsp.rule.establishment.worker_share":    {"Tỷ lệ lao động là người chấp hành xong án phạt tù đạt mức tối thiểu", "The share of workers who have completed a prison sentence reaches the minimum"},
	"vbsp.rule.establishment.plan_confirmed":  {"Phương án vay vốn được Ủy ban nhân dân cấp xã xác nhận", "The loan plan is confirmed by the commune People's Committee"},
	"vbsp.rule.borrower.no_same_purpose_debt": {"Không còn dư nợ vay cùng mục đích tại Ngân hàng Chính sách xã hội", "No outstanding loan of the same purpose at the VBSP"},
	"vbsp.rule.purpose.allowed":               {"Mục đích vay vốn được phép", "The purpose of the loan is allowed"},

	"vbsp.terms":                  {"Mức vay, thời hạn và lãi suất được hưởng", "The terms the applicant is entitled to"},
	"vbsp.term":                   {"Nội dung", "Term"},
	"vbsp.value":                  {"Mức", "Value"},
	"vbsp.no_terms":               {"Kết quả thẩm định không xác định mức vay: không thể phê duyệt.", "The screening determined no terms: the application cannot be approved."},
	"vbsp.t.cap":                  {"Mức cho vay tối đa", "Most that may be lent"},
	"vbsp.t.amount":               {"Số tiền được vay (theo đề nghị, trong mức tối đa)", "Amount (as asked, within the cap)"},
	"vbsp.t.max_term":             {"Thời hạn cho vay tối đa", "Longest term"},
	"vbsp.t.course":               {"Thời gian học nghề", "Course"},
	"vbsp.t.leave":                {"Thời gian nghỉ học", "Study leave"},
	"vbsp.t.repayment":            {"Thời gian trả nợ tối đa", "Longest repayment period"},
	"vbsp.t.rate":                 {"Lãi suất cho vay", "Lending rate"},
	"vbsp.t.overdue":              {"Lãi suất nợ quá hạn", "Overdue rate"},
	"vbsp.t.collateral":           {"Phải có tài sản bảo đảm", "Collateral required"},
	"vbsp.t.method":               {"Phương thức cho vay", "Lending method"},
	"vbsp.t.borrower":             {"Người đứng tên vay", "Borrower of record"},
	"vbsp.months":                 {"tháng", "months"},
	"vbsp.per_month":              {"/tháng", " a month"},
	"vbsp.per_year":               {"/năm", " a year"},
	"vbsp.yes":                    {"Có", "Yes"},
	"vbsp.no":                     {"Không", "No"},
	"vbsp.method.entrusted":       {"Ủy thác qua tổ chức chính trị - xã hội", "Entrusted through the socio-political organisations"},
	"vbsp.method.direct":          {"Cho vay trực tiếp", "Direct lending"},
	"vbsp.borrower.household":     {"Đại diện hộ gia đình", "The household's representative"},
	"vbsp.borrower.self":          {"Người chấp hành xong án phạt tù", "The person themself"},
	"vbsp.borrower.establishment": {"Cơ sở sản xuất, kinh doanh", "The establishment"},
	"vbsp.borrower.unknown":       {"Chưa xác định (cần xác nhận hộ có người đủ năng lực)", "To be confirmed (whether the household has a capable adult)"},

	"vbsp.sign.day":     {"Ngày ..... tháng ..... năm ..........", "Date: ....................."},
	"vbsp.sign.officer": {"Cán bộ thẩm định (ký, ghi rõ họ tên)", "Screening officer (signature, full name)"},
	"vbsp.sign.head":    {"Lãnh đạo phòng giao dịch (ký, đóng dấu)", "Head of the transaction office (signature, seal)"},

	"vbsp.decide":           {"Quyết định", "Decision"},
	"vbsp.approve":          {"Phê duyệt cho vay", "Approve the loan"},
	"vbsp.refuse":           {"Từ chối", "Refuse"},
	"vbsp.withdraw":         {"Rút hồ sơ", "Withdraw"},
	"vbsp.withdraw_hint":    {"Người đề nghị không còn muốn vay.", "The applicant no longer wishes to borrow."},
	"vbsp.confirm_refuse":   {"Từ chối hồ sơ này? Quyết định không thay đổi được.", "Refuse this application? A decision cannot be changed."},
	"vbsp.confirm_withdraw": {"Rút hồ sơ này? Quyết định không thay đổi được.", "Withdraw this application? A decision cannot be changed."},
	"vbsp.amount_hint":      {"Tối đa", "At most"},
	"vbsp.term_hint":        {"Tối đa", "At most"},
	"vbsp.decided":          {"Hồ sơ này đã có quyết định; quyết định không thay đổi được.", "This application is already decided; a decision is never changed."},
	"vbsp.badform":          {"Biểu mẫu gửi lên không đọc được.", "The form sent could not be read."},
	"vbsp.done.approved":    {"Đã phê duyệt; khoản vay đã được lập.", "Approved: the loan is made."},
	"vbsp.done.refused":     {"Đã từ chối hồ sơ.", "The application is refused."},
	"vbsp.done.withdrawn":   {"Đã rút hồ sơ.", "The application is withdrawn."},
	"vbsp.done.paid":        {"Đã ghi nhận khoản trả nợ.", "The repayment is recorded."},
	"vbsp.done.closed":      {"Đã ghi nhận khoản trả nợ; khoản vay đã tất toán.", "The repayment is recorded; the loan is paid off and closed."},
	"vbsp.loan_closed":      {"Khoản vay đã tất toán: không ghi nhận thêm khoản trả nợ.", "The loan is closed: no more repayments are recorded."},

	"vbsp.f.list_id":                    {"Số danh sách", "List number"},
	"vbsp.f.decision":                   {"Quyết định", "Decision"},
	"vbsp.f.purpose":                    {"Mục đích vay", "Purpose"},
	"vbsp.f.commune":                    {"Xã", "Commune"},
	"vbsp.f.status":                     {"Trạng thái", "Status"},
	"vbsp.f.amount":                     {"Số tiền cho vay (đồng)", "Amount lent (đồng)"},
	"vbsp.f.term_months":                {"Thời hạn cho vay (tháng)", "Term (months)"},
	"vbsp.f.principal_every_months":     {"Kỳ hạn trả gốc (tháng)", "Principal due every (months)"},
	"vbsp.f.disbursed_on":               {"Ngày giải ngân", "Disbursed on"},
	"vbsp.f.channel":                    {"Kênh cho vay", "Channel"},
	"vbsp.f.capital_source":             {"Nguồn vốn", "Capital source"},
	"vbsp.f.note":                       {"Lý do từ chối", "Reason for refusing"},
	"vbsp.f.outcome":                    {"Quyết định", "Decision"},
	"vbsp.f.as_of":                      {"Sao kê đến ngày", "Statement on"},
	"vbsp.f.on":                         {"Ngày trả", "Paid on"},
	"vbsp.f.pay_amount":                 {"Số tiền trả (đồng)", "Amount paid (đồng)"},
	"vbsp.channel.farmers_union":        {"Hội Nông dân", "Farmers' Union"},
	"vbsp.channel.womens_union":         {"Hội Liên hiệp Phụ nữ", "Women's Union"},
	"vbsp.channel.veterans_association": {"Hội Cựu chiến binh", "Veterans' Association"},
	"vbsp.channel.youth_union":          {"Đoàn Thanh niên", "Youth Union"},
	"vbsp.channel.direct":               {"Cho vay trực tiếp", "Direct lending"},
	"vbsp.source.central":               {"Vốn trung ương", "Central capital"},
	"vbsp.source.local":                 {"Vốn ngân sách địa phương ủy thác", "Local budget capital (entrusted)"},
	"vbsp.source.other":                 {"Nguồn vốn khác", "Other capital"},
	"vbsp.status.active":                {"Đang vay", "Active"},
	"vbsp.status.closed":                {"Đã tất toán", "Closed"},

	"vbsp.l.amount":            {"Số tiền vay", "Amount"},
	"vbsp.l.disbursed_on":      {"Ngày giải ngân", "Disbursed on"},
	"vbsp.l.term":              {"Thời hạn", "Term"},
	"vbsp.l.principal_every":   {"trả gốc mỗi", "principal every"},
	"vbsp.statement":           {"Sao kê khoản vay", "Statement"},
	"vbsp.statement_on":        {"Tình hình khoản vay đến hết ngày", "The loan at the end of"},
	"vbsp.show":                {"Xem", "Show"},
	"vbsp.s.disbursed":         {"Đã giải ngân", "Disbursed"},
	"vbsp.s.outstanding":       {"Dư nợ gốc", "Principal outstanding"},
	"vbsp.s.principal_due":     {"Gốc đến hạn hôm nay", "Principal due that day"},
	"vbsp.s.principal_overdue": {"Gốc quá hạn", "Principal overdue"},
	"vbsp.s.since":             {"từ", "since"},
	"vbsp.s.interest_due":      {"Lãi đến hạn chưa trả", "Interest due, unpaid"},
	"vbsp.s.interest_accrued":  {"Lãi tính đến ngày (chưa đến hạn)", "Interest accrued, not yet due"},
	"vbsp.s.overdue_interest":  {"Lãi quá hạn", "Overdue interest"},
	"vbsp.s.payoff":            {"Số tiền tất toán", "Payoff"},
	"vbsp.s.paid":              {"Đã trả", "Paid"},
	"vbsp.s.overpaid":          {"Trả thừa", "Overpaid"},
	"vbsp.s.next_due":          {"Kỳ hạn trả tiếp theo", "Next due date"},
	"vbsp.s.rate":              {"Lãi suất áp dụng", "Rate in force"},
	"vbsp.payments":            {"Các lần trả nợ", "Repayments"},
	"vbsp.p.seq":               {"Lần", "No."},
	"vbsp.p.at":                {"Ghi nhận lúc", "Recorded at"},
	"vbsp.p.none":              {"Chưa có lần trả nợ nào.", "No repayment yet."},
	"vbsp.pay":                 {"Ghi nhận trả nợ", "Record a repayment"},
	"vbsp.schedule":            {"Lịch trả nợ", "Repayment schedule"},
	"vbsp.no_schedule":         {"Không lập được lịch trả nợ.", "The schedule could not be worked out."},
	"vbsp.rates":               {"Lãi suất áp dụng theo thời gian", "Rates applied"},
	"vbsp.i.no":                {"Kỳ", "No."},
	"vbsp.i.due_on":            {"Ngày đến hạn", "Due on"},
	"vbsp.i.days":              {"Số ngày", "Days"},
	"vbsp.i.principal":         {"Gốc", "Principal"},
	"vbsp.i.interest":          {"Lãi", "Interest"},
	"vbsp.i.balance":           {"Dư nợ sau kỳ", "Balance after"},
	"vbsp.i.total":             {"Cộng", "Total"},
}
