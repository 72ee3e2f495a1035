package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// planRequest is the body of POST /v1/reports/plan: the day of the report
// and the tasks a province has recorded as done.
type planRequest struct {
	On          json.RawMessage  `json:"on"`
	Completions []completionJSON `json:"completions"`
}

type completionJSON struct {
	TaskID     json.RawMessage `json:"task_id"`
	Occurrence json.RawMessage `json:"occurrence"`
	DoneOn     json.RawMessage `json:"done_on"`
}

// planLastDay bounds the report's date: a monthly task has one occurrence a
// month, and a plan status for the year 9999 would list about 96,000.
var planLastDay = credit.MustDate(2099, 12, 31)

var msgPlanOn = credit.Text{
	VI: "Ngày báo cáo phải từ khi chính sách có hiệu lực đến hết năm 2099.",
	EN: "The report's date must be from the policy's first day to the end of 2099.",
}

// planStatus handles POST /v1/reports/plan: where the provincial plan
// (reporting.LaiChauPlan) stands on a day — every occurrence of every task
// done, due or overdue — from the completions recorded. ?format=csv gives
// the table as CSV.
func (s *server) planStatus(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx")
	if !ok {
		return
	}
	var req planRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return
	}
	on := rd.date(req.On, "/on", true)
	if !on.IsZero() && (on.Before(s.book.InForce()) || on.After(planLastDay)) {
		rd.add("/on", credit.CodeOutOfRange, msgPlanOn, nil)
	}
	done := make([]reporting.Completion, len(req.Completions))
	for i := range req.Completions {
		at := "/completions/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue
		}
		c := &req.Completions[i]
		done[i] = reporting.Completion{
			TaskID:     rd.text(c.TaskID, at+"/task_id"),
			Occurrence: rd.date(c.Occurrence, at+"/occurrence", false),
			DoneOn:     rd.date(c.DoneOn, at+"/done_on", false),
		}
	}
	if rd.problems.Has("/on") {
		on = s.book.InForce() // for the other checks only: the answer is a 422
	}
	if s.overflowing(w, r, rd) {
		return
	}
	rep, err := reporting.PlanStatus(reporting.LaiChauPlan(), on, done)
	if len(rd.problems) > 0 || err != nil {
		s.writeError(w, r, merge(rd.problems, err))
		return
	}
	s.sendPlan(w, r, format, &rep)
}

// sendPlan answers the plan's status in format.
func (s *server) sendPlan(w http.ResponseWriter, r *http.Request, format string, rep *reporting.PlanReport) {
	if format != "json" {
		s.sendTables(w, r, format, "ke-hoach-"+rep.On.String(), []reporting.Table{reporting.PlanTable(*rep)})
		return
	}
	writeJSON(w, http.StatusOK, newPlanResponse(rep))
}

type planResponse struct {
	On       credit.Date      `json:"on"`
	Counts   statusCountsJSON `json:"counts"`
	Items    []planItemJSON   `json:"items"`
	ByAgency []agencyJSON     `json:"by_agency"`
}

type statusCountsJSON struct {
	Done    int `json:"done"`
	Late    int `json:"done_late"`
	Due     int `json:"due"`
	Overdue int `json:"overdue"`
}

type planItemJSON struct {
	TaskID    string       `json:"task_id"`
	Title     string       `json:"title"`
	TitleEN   string       `json:"title_en"`
	Agency    string       `json:"agency"`
	AgencyEN  string       `json:"agency_en"`
	Recurring string       `json:"recurring"`
	Due       credit.Date  `json:"due_on"`
	Status    string       `json:"status"`
	DoneOn    *credit.Date `json:"done_on"`
	Late      bool         `json:"late"`
	DaysLate  int          `json:"days_late"`
	Citation  citationJSON `json:"citation"`
	// Assumptions are the parts of the task the plan does not give and
	// the project assumed (reporting.Task.Assumptions); [] when none.
	Assumptions []assumptionJSON `json:"assumptions"`
}

type assumptionJSON struct {
	Part   string `json:"part"` // due, recurring, agency or section
	Text   string `json:"text"`
	TextEN string `json:"text_en"`
}

type agencyJSON struct {
	Agency   string `json:"agency"`
	AgencyEN string `json:"agency_en"`
	statusCountsJSON
}

func counts(c reporting.StatusCounts) statusCountsJSON {
	return statusCountsJSON{Done: c.Done, Late: c.Late, Due: c.Due, Overdue: c.Overdue}
}

func newPlanResponse(rep *reporting.PlanReport) planResponse {
	resp := planResponse{On: rep.On, Counts: counts(rep.Counts),
		Items: make([]planItemJSON, len(rep.Items)), ByAgency: make([]agencyJSON, len(rep.ByAgency))}
	assumed := make(map[*reporting.Task][]assumptionJSON, len(rep.Tasks)) // one per task, shared by its items
	for i := range rep.Items {
		it := &rep.Items[i]
		t := it.Task
		if _, ok := assumed[t]; !ok {
			assumed[t] = assumptions(t.Assumptions)
		}
		resp.Items[i] = planItemJSON{TaskID: t.ID, Title: t.Title.VI, TitleEN: t.Title.EN,
			Agency: t.Agency.VI, AgencyEN: t.Agency.EN, Recurring: t.Recurring.String(),
			Due: it.Due, Status: it.Status.String(), DoneOn: optDate(it.DoneOn), Late: it.Late,
			DaysLate: it.DaysLate, Citation: citation(&t.Citation), Assumptions: assumed[t]}
	}
	for i, a := range rep.ByAgency {
		resp.ByAgency[i] = agencyJSON{Agency: a.Agency.VI, AgencyEN: a.Agency.EN, statusCountsJSON: counts(a.StatusCounts)}
	}
	return resp
}

func assumptions(as []reporting.Assumption) []assumptionJSON {
	out := make([]assumptionJSON, len(as))
	for i, a := range as {
		out[i] = assumptionJSON{Part: a.Part.String(), Text: a.Text.VI, TextEN: a.Text.EN}
	}
	return out
}
