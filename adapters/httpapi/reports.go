package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/reporting"
)

// monthlyRequest is the body of POST /v1/reports/monthly-lists (api-v1).
type monthlyRequest struct {
	Period           json.RawMessage   `json:"period"`
	ExpectedCommunes []json.RawMessage `json:"expected_communes"`
	Lists            []list01JSON      `json:"lists"`
}

// demandRequest is the body of POST /v1/reports/demand-review (api-v1).
type demandRequest struct {
	Year    json.RawMessage `json:"year"`
	Lists   []list01JSON    `json:"lists"`
	Capital *capitalJSON    `json:"capital"`
}

type capitalJSON struct {
	Central json.RawMessage `json:"central"`
	Local   json.RawMessage `json:"local"`
	Other   json.RawMessage `json:"other"`
}

var msgYearRange = credit.Text{
	VI: "Năm phải là số nguyên từ 2000 đến 9999.",
	EN: "The year must be a whole number from 2000 to 9999.",
}

// lists reads a report's Mẫu 01 lists, each under /lists/i.
func lists(rd *reader, ljs []list01JSON) []forms.List01 {
	if rd.overflowing() {
		return nil // the answer is the problems already found
	}
	out := make([]forms.List01, len(ljs))
	for i := range ljs {
		at := "/lists/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue // not an object: reported once, by the decoder
		}
		out[i] = ljs[i].list(rd, at)
	}
	return out
}

// monthlyLists handles POST /v1/reports/monthly-lists: the 5th-of-the-month
// round.
func (s *server) monthlyLists(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx")
	if !ok {
		return
	}
	var req monthlyRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return
	}
	period := rd.period(req.Period, "/period")
	expected := make([]string, len(req.ExpectedCommunes))
	for i, raw := range req.ExpectedCommunes {
		expected[i] = rd.text(raw, "/expected_communes/"+strconv.Itoa(i))
	}
	ls := lists(rd, req.Lists)
	if s.overflowing(w, r, rd) {
		return
	}
	m, err := reporting.MonthlyRound(s.book, period, expected, ls)
	if len(rd.problems) > 0 || err != nil {
		s.writeError(w, r, merge(rd.problems, err))
		return
	}
	if format != "json" {
		s.sendTables(w, r, format, "danh-sach-thang-"+m.Period.String(), reporting.MonthlyTables(&m))
		return
	}
	writeJSON(w, http.StatusOK, newMonthlyResponse(&m))
}

// demandReview handles POST /v1/reports/demand-review: the annual (Q3)
// review of demand against capital.
func (s *server) demandReview(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx", "svg")
	if !ok {
		return
	}
	var req demandRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return
	}
	if absent(req.Year) {
		rd.add("/year", credit.CodeRequired, credit.MsgRequired, nil)
	}
	year, _ := rd.integer(req.Year, "/year", 0, 1_000_000, msgYearRange)
	var capital reporting.Capital
	if c := req.Capital; c != nil {
		capital.Central = rd.amount(c.Central, "/capital/central")
		capital.Local = rd.amount(c.Local, "/capital/local")
		capital.Other = rd.amount(c.Other, "/capital/other")
	}
	ls := lists(rd, req.Lists)
	if s.overflowing(w, r, rd) {
		return
	}
	d, err := reporting.DemandReview(s.book, year, ls, capital)
	if len(rd.problems) > 0 || err != nil {
		s.writeError(w, r, merge(rd.problems, err))
		return
	}
	s.sendDemand(w, r, format, &d)
}

// sendDemand answers the demand review in format.
func (s *server) sendDemand(w http.ResponseWriter, r *http.Request, format string, d *reporting.Demand) {
	name := "ra-soat-nhu-cau-" + strconv.Itoa(d.Year)
	switch format {
	case "csv", "xlsx":
		s.sendTables(w, r, format, name, reporting.DemandTables(d))
	case "svg":
		chart := reporting.BarChart{Title: "Nhu cầu vốn theo xã, năm " + strconv.Itoa(d.Year), Unit: "đồng",
			PrimaryName: "Nhu cầu vốn"}
		for _, g := range d.ByCommune {
			chart.Bars = append(chart.Bars, reporting.Bar{Label: g.CommuneCode, Value: g.Demand})
		}
		s.sendSVG(w, r, name, chart)
	default:
		writeJSON(w, http.StatusOK, newDemandResponse(d))
	}
}

// monthlyResponse is the 200 body of POST /v1/reports/monthly-lists.
type monthlyResponse struct {
	Period     string             `json:"period"`
	DueOn      credit.Date        `json:"due_on"`
	Communes   []communeRoundJSON `json:"communes"`
	Missing    []string           `json:"missing"`
	Late       []string           `json:"late"`
	Unexpected []string           `json:"unexpected"`
	Totals     monthlyTotalsJSON  `json:"totals"`
	Shared     []sharedPersonJSON `json:"shared_people"`
}

type communeRoundJSON struct {
	CommuneCode string      `json:"commune_code"`
	Rows        int         `json:"rows"`
	Demand      credit.VND  `json:"demand"`
	OnTime      bool        `json:"on_time"`
	PreparedOn  credit.Date `json:"prepared_on"`
	// SubmittedOn: the day a stored list was first submitted (GET only).
	SubmittedOn *credit.Date `json:"submitted_on,omitempty"`
}

type monthlyTotalsJSON struct {
	Rows            int                   `json:"rows"`
	Demand          credit.VND            `json:"demand"`
	DemandByPurpose map[string]credit.VND `json:"demand_by_purpose"`
}

// sharedPersonJSON is a person listed by several communes: where, never
// who (legal reference §8).
type sharedPersonJSON struct {
	Communes []string     `json:"communes"`
	Rows     []rowRefJSON `json:"rows"`
}

type rowRefJSON struct {
	List int `json:"list"`
	// ListID: the stored list's id (GET only).
	ListID int64 `json:"list_id,omitempty"`
	Row    int   `json:"row"`
}

func newMonthlyResponse(m *reporting.Monthly) monthlyResponse {
	resp := monthlyResponse{
		Period: m.Period.String(), DueOn: m.DueOn,
		Communes: make([]communeRoundJSON, len(m.Communes)),
		Missing:  m.Missing, Late: m.Late, Unexpected: m.Unexpected,
		Totals: monthlyTotalsJSON{Rows: m.Totals.Rows, Demand: m.Totals.Demand,
			DemandByPurpose: map[string]credit.VND{}},
		Shared: make([]sharedPersonJSON, len(m.SharedPeople)),
	}
	for i, c := range m.Communes {
		resp.Communes[i] = communeRoundJSON{CommuneCode: c.CommuneCode, Rows: c.Rows, Demand: c.Demand,
			OnTime: c.OnTime, PreparedOn: c.PreparedOn}
	}
	for _, pd := range m.Totals.DemandByPurpose {
		resp.Totals.DemandByPurpose[pd.Purpose.String()] = pd.Demand
	}
	for i, sp := range m.SharedPeople {
		refs := make([]rowRefJSON, len(sp.Rows))
		for j, rr := range sp.Rows {
			refs[j] = rowRefJSON{List: rr.List, Row: rr.Row}
		}
		resp.Shared[i] = sharedPersonJSON{Communes: sp.Communes, Rows: refs}
	}
	return resp
}

// demandResponse is the 200 body of POST /v1/reports/demand-review.
type demandResponse struct {
	Year        int               `json:"year"`
	People      int               `json:"people"`
	Demand      credit.VND        `json:"demand"`
	Capital     credit.VND        `json:"capital"`
	Shortfall   credit.VND        `json:"shortfall"`
	CoveragePct string            `json:"coverage_pct"`
	ByCommune   []demandGroupJSON `json:"by_commune"`
	ByPurpose   []demandGroupJSON `json:"by_purpose"`
}

type demandGroupJSON struct {
	CommuneCode string            `json:"commune_code,omitempty"`
	Purpose     string            `json:"purpose,omitempty"`
	People      int               `json:"people"`
	Demand      credit.VND        `json:"demand"`
	ByPurpose   []demandGroupJSON `json:"by_purpose,omitempty"`
}

func demandGroups(gs []reporting.DemandGroup) []demandGroupJSON {
	out := make([]demandGroupJSON, len(gs))
	for i, g := range gs {
		out[i] = demandGroupJSON{CommuneCode: g.CommuneCode, Purpose: g.Purpose.String(), People: g.People,
			Demand: g.Demand}
		if len(g.ByPurpose) > 0 {
			out[i].ByPurpose = demandGroups(g.ByPurpose)
		}
	}
	return out
}

func newDemandResponse(d *reporting.Demand) demandResponse {
	return demandResponse{
		Year: d.Year, People: d.People, Demand: d.Demand, Capital: d.Capital, Shortfall: d.Shortfall,
		CoveragePct: d.CoveragePct, ByCommune: demandGroups(d.ByCommune), ByPurpose: demandGroups(d.ByPurpose),
	}
}

// reportFormat reads ?format= among the formats a report offers (the first
// is the default); a bad one is answered with a 400.
func (s *server) reportFormat(w http.ResponseWriter, r *http.Request, formats ...string) (string, bool) {
	f := r.URL.Query().Get("format")
	if f == "" {
		return formats[0], true
	}
	if slices.Contains(formats, f) {
		return f, true
	}
	msg := credit.Text{
		VI: "Tham số format phải là một trong: " + strings.Join(formats, ", ") + ".",
		EN: "The format parameter must be one of: " + strings.Join(formats, ", ") + ".",
	}
	s.writeError(w, r, &requestError{sentinel: errBadParameter, msg: msg, param: "format",
		items: credit.Problems{{Code: credit.CodeInvalidEnum, Message: msg}}})
	return "", false
}

// sendTables answers with a report's tables: as CSV, the first table
// (UTF-8 with BOM); as xlsx, a workbook with a sheet per table.
func (s *server) sendTables(w http.ResponseWriter, r *http.Request, format, name string, tables []reporting.Table) {
	var buf bytes.Buffer
	var err error
	if format == "xlsx" {
		err = xlsx.WriteTables(&buf, tables...)
	} else {
		err = tables[0].WriteCSV(&buf)
	}
	s.sendFile(w, r, &buf, err, format, name)
}

// sendSVG answers with a bar chart.
func (s *server) sendSVG(w http.ResponseWriter, r *http.Request, name string, c reporting.BarChart) {
	var buf bytes.Buffer
	err := reporting.BarChartSVG(&buf, c)
	s.sendFile(w, r, &buf, err, "svg", name)
}
