package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/lending"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
	"github.com/vnreentry/credit/workflow"
)

// Reports from the store (records-v1.md, "Reports from the store"): the
// report routes of api-v1 answered from what is stored, in the caller's
// scope, with the same formats. A role that reads lists (access.ReportRows)
// sees the monthly round with its shared people (by stored list id and
// row, never who); province_viewer (access.ReportAggregate only) sees the
// same report with every row-level detail removed. Demand and portfolio
// are counts and sums for both.

var (
	msgPeriodParam = credit.Text{
		VI: "Tham số period phải là tháng dạng YYYY-MM.",
		EN: "The period parameter must be a month, YYYY-MM.",
	}
	msgYearParam = credit.Text{
		VI: "Tham số year phải là năm từ 2000 đến 9999.",
		EN: "The year parameter must be a year from 2000 to 9999.",
	}
	msgCapitalParam = credit.Text{
		VI: "Tham số capital phải là số tiền nguyên đồng, không âm.",
		EN: "The capital parameter must be a whole number of đồng, not negative.",
	}
	msgOnParam = credit.Text{
		VI: "Tham số on phải là ngày dạng YYYY-MM-DD, từ khi chính sách có hiệu lực đến hết năm 2099.",
		EN: "The on parameter must be a date, YYYY-MM-DD, from the policy's first day to the end of 2099.",
	}
)

// reportScope is the scope of a report from the store and whether it may
// show row-level detail: ReportRows when the caller's role has it (the
// audit entry then names report.rows: a read of personal data), else
// ReportAggregate; 403 for a role with neither.
func reportScope(r *http.Request, rows bool) (access.Scope, bool, error) {
	p, _ := principalOf(r.Context())
	if rows {
		if sc, ok := access.ScopeOf(p, access.ReportRows); ok {
			infoOf(r).action = access.ReportRows
			return sc, true, nil
		}
	}
	if sc, ok := access.ScopeOf(p, access.ReportAggregate); ok {
		return sc, false, nil
	}
	return access.Scope{}, false, errForbidden
}

// oneParam returns the query parameter key: "" when absent; ok false when
// it is given more than once.
func oneParam(r *http.Request, key string) (string, bool) {
	vs := r.URL.Query()[key]
	switch len(vs) {
	case 0:
		return "", true
	case 1:
		return vs[0], true
	}
	return "", false
}

// countsAsSent reports whether a list in status st has been sent and is
// not back with its commune: submitted, certified or received. A returned
// list counts again once submitted again.
func countsAsSent(st string) bool {
	switch workflow.Status(st) {
	case workflow.Submitted, workflow.Certified, workflow.Received:
		return true
	}
	return false
}

// storedList reads a stored Mẫu 01 body (validated whole when it was
// submitted) as the reports read a list.
func storedList(body []byte) forms.List01 {
	var lj list01JSON
	_ = decodeJSON(body, &lj) // shape problems: the list was valid when submitted
	return lj.list(newReader(nil), "")
}

// sentList is what a commune sent for a period, as a report counts it:
// its stored lists (a first one and any supplementary ones, danh sách bổ
// sung), merged into one list with the rows of each after the rows of
// those before. A person (an ID number) listed again in a later list is
// counted once, at the later row: the later list corrects the earlier.
type sentList struct {
	ids    []int64      // the stored lists, in order of id
	list   forms.List01 // their rows, merged
	origin []rowOrigin  // of each row of list: its stored list and row there
	// first is the earliest first submit of the lists: when the commune
	// sent the period's list.
	first time.Time
}

// rowOrigin is where a row of a merged list was stored.
type rowOrigin struct {
	id  int64
	row int
}

// merge adds the rows of the stored list id, first submitted at, after
// those of sl.
func (sl *sentList) merge(id int64, submitted *time.Time, l forms.List01) {
	sl.submitted(submitted)
	at := make(map[string]int, len(sl.list.Rows)) // ID number → row of sl
	for i, r := range sl.list.Rows {
		if r.IDNumber != "" {
			at[r.IDNumber] = i
		}
	}
	sl.ids = append(sl.ids, id)
	for j, r := range l.Rows {
		if i, again := at[r.IDNumber]; again && r.IDNumber != "" {
			sl.list.Rows[i], sl.origin[i] = r, rowOrigin{id: id, row: j}
			continue
		}
		at[r.IDNumber] = len(sl.list.Rows)
		sl.list.Rows = append(sl.list.Rows, r)
		sl.origin = append(sl.origin, rowOrigin{id: id, row: j})
	}
}

// sentLists returns what each commune in scope sent for period (every
// period when ""): the lists that count as sent, those of one commune and
// period merged (sentList), in the order of their first list's id.
func (s *server) sentLists(ctx context.Context, scope access.Scope, period string) ([]sentList, error) {
	var out []sentList
	at := map[string]int{} // commune/period → index in out
	err := s.records.EachDocument(ctx, records.KindList, scope, records.DocumentFilter{Period: period}, func(d records.Document) error {
		if !countsAsSent(d.Status) {
			return nil
		}
		l := storedList(d.Body)
		k := d.Commune + "/" + d.Period
		if i, more := at[k]; more {
			out[i].merge(d.ID, d.FirstSubmittedAt, l) // ordered by id: a supplementary list after the first
			return nil
		}
		at[k] = len(out)
		sl := sentList{ids: []int64{d.ID}, list: l, origin: make([]rowOrigin, len(l.Rows))}
		sl.submitted(d.FirstSubmittedAt)
		for j := range sl.origin {
			sl.origin[j] = rowOrigin{id: d.ID, row: j}
		}
		out = append(out, sl)
		return nil
	})
	return out, err
}

// submitted keeps at when it is the earliest first submit of sl's lists.
func (sl *sentList) submitted(at *time.Time) {
	if at != nil && (sl.first.IsZero() || at.Before(sl.first)) {
		sl.first = *at
	}
}

// storedReportError is a report's refusal of the stored data: the lists
// or loans were accepted by the routes that store them, so the report's
// problems are the server's (500, the cause in the log).
func storedReportError(report string, err error) error {
	var ps credit.Problems
	if errors.As(err, &ps) {
		return fmt.Errorf("httpapi: the stored records fail the %s report's checks (%d problems; first %s %s)",
			report, len(ps), ps[0].Pointer, ps[0].Code)
	}
	return err
}

// storedMonthly handles GET /v1/reports/monthly-lists?period=YYYY-MM: the
// round of the stored lists of period in the caller's scope, expected
// communes the catalogue's communes in scope. A list counts when it is
// sent (submitted, certified, received); it is on time when it was first
// submitted on or before the 5th.
func (s *server) storedMonthly(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx")
	if !ok {
		return
	}
	v, one := oneParam(r, "period")
	period, err := forms.ParsePeriod(v)
	if !one || v == "" || err != nil {
		s.writeError(w, r, badParameter("period", forms.CodeInvalidPeriod, msgPeriodParam))
		return
	}
	scope, rows, err := reportScope(r, true)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ctx := r.Context()
	var sent []sentList
	var expected []string
	if !scope.Empty() {
		cat, err := s.records.Communes(ctx)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		for _, c := range cat.Communes() {
			if scope.Holds(access.Resource{Commune: c.Code, Province: c.ProvinceCode}) {
				expected = append(expected, c.Code)
			}
		}
		if sent, err = s.sentLists(ctx, scope, period.String()); err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	ls := make([]forms.List01, len(sent))
	submitted := make(map[string]credit.Date, len(sent))
	for i := range sent {
		ls[i] = sent[i].list
		if !sent[i].first.IsZero() { // the day, in the server's zone, the commune first sent the period's list
			submitted[ls[i].CommuneCode] = credit.DateOf(sent[i].first.In(s.loc))
		}
	}
	m, err := reporting.MonthlyRound(s.book, period, expected, ls)
	if err != nil {
		s.writeError(w, r, storedReportError("monthly", err))
		return
	}
	// On time: first submitted by the 5th (the form's prepared_on stays
	// as the commune wrote it).
	m.Late = m.Late[:0]
	for i := range m.Communes {
		c := &m.Communes[i]
		on := submitted[c.CommuneCode]
		c.OnTime = !on.IsZero() && !on.After(m.DueOn)
		if !c.OnTime {
			m.Late = append(m.Late, c.CommuneCode)
		}
	}
	if !rows {
		m.SharedPeople = []reporting.SharedPerson{}
	}
	if format != "json" {
		tables := reporting.MonthlyTables(&m)
		if !rows {
			tables = tables[:len(tables)-1] // the shared people: rows of lists
		}
		s.sendTables(w, r, format, "danh-sach-thang-"+m.Period.String(), tables)
		return
	}
	resp := newMonthlyResponse(&m)
	for i := range resp.Communes {
		if on := submitted[resp.Communes[i].CommuneCode]; !on.IsZero() {
			resp.Communes[i].SubmittedOn = &on
		}
	}
	for i := range resp.Shared {
		for j := range resp.Shared[i].Rows {
			ref := &resp.Shared[i].Rows[j]
			o := sent[ref.List].origin[ref.Row]
			ref.ListID, ref.Row = o.id, o.row
		}
	}
	if rows {
		writeJSON(w, http.StatusOK, resp)
		return
	}
	// province_viewer sees counts only: not even the key.
	var fields map[string]json.RawMessage
	b, err := json.Marshal(resp)
	if err == nil {
		err = json.Unmarshal(b, &fields)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	delete(fields, "shared_people")
	writeJSON(w, http.StatusOK, fields)
}

// storedDemand handles GET /v1/reports/demand-review?year=YYYY[&capital=N]:
// the review of the year's stored lists that count as sent, in the
// caller's scope, against capital (whole đồng; only the total is
// reported).
func (s *server) storedDemand(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx", "svg")
	if !ok {
		return
	}
	v, one := oneParam(r, "year")
	year, err := strconv.Atoi(v)
	if !one || err != nil || year < 2000 || year > 9999 || v != strconv.Itoa(year) {
		s.writeError(w, r, badParameter("year", credit.CodeOutOfRange, msgYearParam))
		return
	}
	var capital reporting.Capital
	if v, one := oneParam(r, "capital"); !one || v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if !one || err != nil || n < 0 || credit.VND(n) > credit.MaxVND || v != strconv.FormatInt(n, 10) {
			s.writeError(w, r, badParameter("capital", credit.CodeOutOfRange, msgCapitalParam))
			return
		}
		capital.Central = credit.VND(n)
	}
	scope, _, err := reportScope(r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var ls []forms.List01
	if !scope.Empty() {
		for m := time.January; m <= time.December; m++ {
			sent, err := s.sentLists(r.Context(), scope, forms.Period{Year: year, Month: m}.String())
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			for i := range sent {
				ls = append(ls, sent[i].list)
			}
		}
	}
	d, err := reporting.DemandReview(s.book, year, ls, capital)
	if err != nil {
		s.writeError(w, r, storedReportError("demand", err))
		return
	}
	s.sendDemand(w, r, format, &d)
}

// storedPortfolio handles GET /v1/reports/portfolio?as_of=DATE (today
// without it): the loan book of the stored loans in the caller's scope,
// each loan's outstanding and overdue principal from its statement on
// as_of (lending.StatementOf over its payments, in its province), added up
// exactly as POST /v1/reports/portfolio adds up the same loans. A loan
// whose channel or capital source is not one of the report's (the
// decision leaves them free text) cannot be classified: it is left out
// and named in unclassified_loans (JSON only). The loans loaded from
// VBSP's book (POST /v1/loans/import) are counted at their latest
// position on or before as_of, as the bank's export gave it; one loaded
// only from a later book is left out and counted in
// imported.without_position (JSON only).
func (s *server) storedPortfolio(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx", "svg")
	if !ok {
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
	scope, _, err := reportScope(r, false)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	book := reporting.NewPortfolio(asOf)
	unclassified := []string{}
	var imported importedBook
	if !scope.Empty() {
		kinds, err := s.borrowerKinds(r.Context(), scope)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		i := 0
		err = s.records.EachLoan(r.Context(), scope, records.LoanFilter{}, func(l records.Loan, ps []records.Payment) error {
			rl, ok, err := s.reportLoan(l, ps, kinds[l.ApplicationID], asOf)
			if err != nil {
				return err
			}
			if ok && book.Add(i, &rl) == nil {
				i++
				return nil
			}
			unclassified = append(unclassified, strconv.FormatInt(l.ID, 10))
			return nil
		})
		if err == nil {
			err = s.records.EachBookedLoan(r.Context(), scope, asOf, func(b records.BookedLoan) error {
				rl, positioned := bookedReportLoan(&b)
				switch {
				case b.DisbursedOn.After(asOf): // left out of the book by its date
				case !positioned:
					imported.WithoutPosition++
				case book.Add(i, &rl) == nil:
					i++
					imported.add(b.Position.AsOf)
				default:
					return fmt.Errorf("httpapi: booked loan %d does not fit the loan book", b.ID)
				}
				return nil
			})
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
	}
	rep := book.Report()
	if format != "json" {
		s.sendPortfolio(w, r, format, &rep)
		return
	}
	writeJSON(w, http.StatusOK, storedPortfolioResponse{portfolioResponse: newPortfolioResponse(&rep), Unclassified: unclassified,
		Imported: imported})
}

// storedPortfolioResponse is the answer of GET /v1/reports/portfolio: the
// answer of the POST, and the loans left out.
type storedPortfolioResponse struct {
	portfolioResponse
	Unclassified []string `json:"unclassified_loans"`
	// Imported: the loans loaded from VBSP's book (POST /v1/loans/import).
	Imported importedBook `json:"imported"`
}

// borrowerKinds maps the applications in scope made from a Mẫu 02 plan
// (an establishment) to BorrowerEstablishment; the others are people.
func (s *server) borrowerKinds(ctx context.Context, scope access.Scope) (map[int64]reporting.BorrowerKind, error) {
	apps, err := s.records.Applications(ctx, scope, records.ApplicationFilter{})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]reporting.BorrowerKind)
	for _, a := range apps {
		if a.Kind == records.KindPlan {
			out[a.ID] = reporting.BorrowerEstablishment
		}
	}
	return out, nil
}

// reportLoan is a stored loan as the portfolio report takes it, on asOf;
// ok is false when its channel or capital source is not one of the
// report's. Jobs are not stored: 0.
func (s *server) reportLoan(l records.Loan, ps []records.Payment, kind reporting.BorrowerKind, asOf credit.Date) (reporting.Loan, bool, error) {
	if kind == 0 {
		kind = reporting.BorrowerIndividual
	}
	purpose, _ := credit.ParsePurpose(l.Purpose)
	channel, okC := reporting.ParseChannel(l.Channel)
	source, okS := reporting.ParseCapitalSource(l.CapitalSource)
	rl := reporting.Loan{ID: strconv.FormatInt(l.ID, 10), CommuneCode: l.Commune, BorrowerKind: kind, Purpose: purpose,
		CapitalSource: source, Channel: channel, DisbursedOn: l.DisbursedOn, Amount: l.Amount}
	if !okC || !okS {
		return rl, false, nil
	}
	if l.DisbursedOn.After(asOf) {
		return rl, true, nil // left out of the book by its date
	}
	st, err := lending.StatementOf(s.book, contract(l), paidFlows(ps), asOf)
	if err != nil {
		return rl, false, fmt.Errorf("httpapi: statement of loan %d on %s: %w", l.ID, asOf, err)
	}
	rl.Outstanding, rl.Overdue = st.PrincipalOutstanding, st.PrincipalOverdue
	return rl, true, nil
}

// ---- the provincial plan's completions ----

// completionRequest is the body of POST /v1/plan/completions.
type completionRequest struct {
	TaskID     json.RawMessage `json:"task_id"`
	Occurrence json.RawMessage `json:"occurrence"`
	DoneOn     json.RawMessage `json:"done_on"`
}

// completionAnswer is a recorded completion.
type completionAnswer struct {
	Seq        int64        `json:"seq"`
	TaskID     string       `json:"task_id"`
	Occurrence *credit.Date `json:"occurrence,omitempty"`
	DoneOn     credit.Date  `json:"done_on"`
	RecordedBy int64        `json:"recorded_by"`
	At         time.Time    `json:"at"`
}

// planOn is the day completions are checked on: today, within the plan's
// days.
func (s *server) planOn() credit.Date {
	on := s.today()
	if on.Before(s.book.InForce()) {
		on = s.book.InForce()
	}
	if on.After(planLastDay) {
		on = planLastDay
	}
	return on
}

func reportingCompletions(cs []records.Completion) []reporting.Completion {
	out := make([]reporting.Completion, len(cs))
	for i, c := range cs {
		out[i] = reporting.Completion{TaskID: c.TaskID, Occurrence: c.Occurrence, DoneOn: c.DoneOn}
	}
	return out
}

// completePlan handles POST /v1/plan/completions (admin): records that an
// occurrence of a task of the provincial plan (reporting.LaiChauPlan) was
// done. The task must be one of the plan's, the occurrence one of its due
// dates (none for a one-off task: its due date is stored), done_on a day
// not after today: 422 otherwise, as POST /v1/reports/plan would refuse
// it. An occurrence recorded before: 409 duplicate_completion (the
// store's, unique by task and occurrence). 201 with the completion.
func (s *server) completePlan(w http.ResponseWriter, r *http.Request) {
	var req completionRequest
	rd, idem, err := actingJSON(r, &req)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	c := records.Completion{
		TaskID:     rd.text(req.TaskID, "/task_id"),
		Occurrence: rd.date(req.Occurrence, "/occurrence", false),
		DoneOn:     rd.date(req.DoneOn, "/done_on", false),
	}
	if !c.DoneOn.IsZero() && c.DoneOn.After(s.today()) {
		rd.add("/done_on", codeInFuture, msgDoneInFuture, nil)
	}
	if len(rd.problems) == 0 {
		// The plan's own checks of this completion alone, re-pointed at the
		// body; one recorded before is the store's to refuse (409), after
		// its replay of a retried request.
		rep, err := reporting.PlanStatus(reporting.LaiChauPlan(), s.planOn(),
			[]reporting.Completion{{TaskID: c.TaskID, Occurrence: c.Occurrence, DoneOn: c.DoneOn}})
		var ps credit.Problems
		switch {
		case errors.As(err, &ps):
			for _, e := range ps {
				if rest, ok := cutPointer(e.Pointer, "/completions/0"); ok {
					fe := *e
					fe.Pointer = rest
					rd.problems = append(rd.problems, &fe)
				}
			}
		case err != nil:
			s.writeError(w, r, err)
			return
		case c.Occurrence.IsZero():
			// A one-off task: its occurrence is its due date, stored as such
			// so that the store's uniqueness holds.
			for _, t := range rep.Tasks {
				if t.ID == c.TaskID {
					c.Occurrence = t.Due.First
				}
			}
		}
	}
	if len(rd.problems) > 0 {
		s.writeError(w, r, rd.problems)
		return
	}
	out, err := s.records.RecordCompletion(r.Context(), actor(r), idem, c)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, completionAnswer{Seq: out.Seq, TaskID: out.TaskID, Occurrence: optDate(out.Occurrence),
		DoneOn: out.DoneOn, RecordedBy: out.RecordedBy, At: out.At.UTC()})
}

var msgDoneInFuture = credit.Text{
	VI: "Ngày hoàn thành sau ngày hôm nay: chỉ ghi việc đã làm.",
	EN: "The day done is after today: only work done is recorded.",
}

// cutPointer returns the rest of pointer after prefix ("/completions/3"),
// and whether it is under it.
func cutPointer(pointer, prefix string) (string, bool) {
	if pointer == prefix {
		return "", true
	}
	if len(pointer) > len(prefix) && pointer[:len(prefix)] == prefix && pointer[len(prefix)] == '/' {
		return pointer[len(prefix):], true
	}
	return "", false
}

// storedPlan handles GET /v1/reports/plan?on=DATE (today without it): POST
// /v1/reports/plan over the stored completions.
func (s *server) storedPlan(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx")
	if !ok {
		return
	}
	on := s.today()
	if vs, has := r.URL.Query()["on"]; has {
		d, err := credit.ParseDate(vs[0])
		if err != nil || len(vs) > 1 || d.Before(s.book.InForce()) || d.After(planLastDay) {
			s.writeError(w, r, badParameter("on", credit.CodeInvalidDate, msgOnParam))
			return
		}
		on = d
	}
	stored, err := s.records.Completions(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	rep, err := reporting.PlanStatus(reporting.LaiChauPlan(), on, reportingCompletions(stored))
	if err != nil {
		s.writeError(w, r, storedReportError("plan", err))
		return
	}
	s.sendPlan(w, r, format, &rep)
}
