package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// The province's reports (report.aggregate: the provincial police, the
// province viewers and the commune roles; the plan: the admin): each page
// asks the API's report over the stored records (GET /v1/reports/…) as
// the signed-in user and renders what it answers — a province_viewer's
// answer comes without rows or names, and nothing is added to it here.
// The downloads (CSV, xlsx, the charts' svg) are the API's files, passed
// on with their Content-Type and Content-Disposition.

func init() {
	addRoutes(
		route{pattern: "GET /reports/monthly", signedIn: true, handle: (*server).reportMonthly},
		route{pattern: "GET /reports/demand", signedIn: true, handle: (*server).reportDemand},
		route{pattern: "GET /reports/portfolio", signedIn: true, handle: (*server).reportPortfolio},
		route{pattern: "GET /reports/plan", signedIn: true, handle: (*server).reportPlan},
	)
	for _, d := range repDownloads {
		for _, ext := range d.formats {
			d, ext := d, ext
			addRoutes(route{pattern: "GET /reports/" + d.name + "." + ext, signedIn: true,
				handle: func(s *server, w http.ResponseWriter, r *http.Request, u *viewer) { s.reportFile(w, r, u, d, ext) }})
		}
	}
	addMessages(map[string][2]string{
		"report.monthly.title":                {"Danh sách hằng tháng của các xã", "The monthly round of the communes' lists"},
		"report.demand.title":                 {"Rà soát nhu cầu vay vốn trong năm", "The year's review of loan demand"},
		"report.portfolio.title":              {"Dư nợ cho vay", "The loan book"},
		"report.plan.title":                   {"Tiến độ thực hiện Kế hoạch của tỉnh", "Where the provincial plan stands"},
		"report.show":                         {"Xem", "Show"},
		"report.period":                       {"Tháng (năm-tháng, ví dụ 2026-11)", "Month (year-month, e.g. 2026-11)"},
		"report.year":                         {"Năm", "Year"},
		"report.capital":                      {"Nguồn vốn hiện có (đồng, không bắt buộc)", "Capital available (đồng, optional)"},
		"report.as_of":                        {"Tính đến ngày", "As of"},
		"report.on":                           {"Vào ngày", "On"},
		"report.downloads":                    {"Tải về", "Downloads"},
		"report.csv":                          {"Tệp CSV", "CSV file"},
		"report.xlsx":                         {"Tệp Excel (xlsx)", "Excel workbook (xlsx)"},
		"report.svg":                          {"Biểu đồ (svg)", "Chart (svg)"},
		"report.due_on":                       {"Hạn gửi danh sách", "Lists due on"},
		"report.sent":                         {"Danh sách đã gửi", "Lists sent"},
		"report.commune":                      {"Mã xã", "Commune code"},
		"report.people":                       {"Số người", "People"},
		"report.demand":                       {"Nhu cầu vốn", "Loan demand"},
		"report.on_time":                      {"Đúng hạn", "On time"},
		"report.prepared_on":                  {"Ngày lập", "Prepared on"},
		"report.submitted_on":                 {"Ngày gửi", "Sent on"},
		"report.yes":                          {"Có", "Yes"},
		"report.no":                           {"Không", "No"},
		"report.late":                         {"Gửi trễ", "Late"},
		"report.missing":                      {"Chưa gửi", "Missing"},
		"report.unexpected":                   {"Gửi ngoài danh mục", "Not expected"},
		"report.none":                         {"Không có.", "None."},
		"report.totals":                       {"Tổng cộng", "Totals"},
		"report.rows":                         {"Số người trong các danh sách", "People on the lists"},
		"report.purpose":                      {"Mục đích", "Purpose"},
		"report.shared":                       {"Người có tên trong danh sách của nhiều xã", "People listed by several communes"},
		"report.shared.where":                 {"Các xã", "Communes"},
		"report.shared.rows":                  {"Dòng trong danh sách", "Rows of the lists"},
		"report.shared.list":                  {"Danh sách số", "List no."},
		"report.shared.line":                  {"dòng", "row"},
		"report.purpose.production":           {"Sản xuất, kinh doanh, tạo việc làm", "Production, business and jobs"},
		"report.purpose.vocational_training":  {"Học nghề", "Vocational training"},
		"report.capital_total":                {"Nguồn vốn", "Capital"},
		"report.shortfall":                    {"Còn thiếu (đề nghị ngân sách địa phương)", "Shortfall (to ask of the local budget)"},
		"report.coverage":                     {"Tỷ lệ đáp ứng (%)", "Coverage (%)"},
		"report.by_commune":                   {"Theo xã", "By commune"},
		"report.by_purpose":                   {"Theo mục đích", "By purpose"},
		"report.by_borrower_kind":             {"Theo đối tượng vay", "By borrower"},
		"report.by_capital_source":            {"Theo nguồn vốn", "By capital source"},
		"report.by_channel":                   {"Theo kênh cho vay", "By channel"},
		"report.chart.demand":                 {"Biểu đồ nhu cầu vốn theo xã", "Chart of the loan demand by commune"},
		"report.chart.portfolio":              {"Biểu đồ dư nợ và nợ quá hạn theo xã", "Chart of the outstanding and overdue loans by commune"},
		"report.group":                        {"Nhóm", "Group"},
		"report.loans":                        {"Số món vay", "Loans"},
		"report.disbursed":                    {"Doanh số cho vay", "Lent"},
		"report.outstanding":                  {"Dư nợ", "Outstanding"},
		"report.overdue":                      {"Nợ quá hạn", "Overdue"},
		"report.overdue_ratio":                {"Tỷ lệ nợ quá hạn (%)", "Overdue ratio (%)"},
		"report.jobs":                         {"Lao động có việc làm", "Jobs"},
		"report.imported":                     {"Khoản vay nạp từ sổ của Ngân hàng Chính sách xã hội", "Loans loaded from VBSP's book"},
		"report.imported.loans":               {"Số khoản vay được tính", "Loans counted"},
		"report.imported.positions":           {"Số liệu của các ngày", "Positions of the days"},
		"report.imported.without":             {"Không có số liệu đến ngày này (không tính)", "Without a position on or before the day (left out)"},
		"report.unclassified":                 {"Khoản vay không phân loại được (không tính)", "Loans that could not be classified (left out)"},
		"report.kind.individual":              {"Cá nhân", "Individual"},
		"report.kind.establishment":           {"Cơ sở sản xuất, kinh doanh", "Establishment"},
		"report.source.central":               {"Ngân sách trung ương", "Central budget"},
		"report.source.local":                 {"Ngân sách địa phương", "Local budget"},
		"report.source.other":                 {"Nguồn khác", "Other"},
		"report.channel.direct":               {"Cho vay trực tiếp", "Direct"},
		"report.channel.farmers_union":        {"Hội Nông dân", "Farmers' Union"},
		"report.channel.veterans_association": {"Hội Cựu chiến binh", "Veterans' Association"},
		"report.channel.womens_union":         {"Hội Liên hiệp Phụ nữ", "Women's Union"},
		"report.channel.youth_union":          {"Đoàn Thanh niên", "Youth Union"},
		"report.plan.counts":                  {"Số việc theo tình trạng", "Tasks by status"},
		"report.plan.done":                    {"Đã làm", "Done"},
		"report.plan.done_late":               {"Trong đó làm trễ", "Of which late"},
		"report.plan.due":                     {"Chưa đến hạn", "Due"},
		"report.plan.overdue":                 {"Quá hạn", "Overdue"},
		"report.plan.items":                   {"Các việc", "Tasks"},
		"report.plan.task":                    {"Việc", "Task"},
		"report.plan.agency":                  {"Cơ quan thực hiện", "Agency"},
		"report.plan.due_on":                  {"Hạn", "Due on"},
		"report.plan.status":                  {"Tình trạng", "Status"},
		"report.plan.done_on":                 {"Ngày làm", "Done on"},
		"report.plan.days_late":               {"Số ngày trễ", "Days late"},
		"report.plan.citation":                {"Căn cứ", "Provision"},
		"report.plan.assumed":                 {"Giả định của dự án", "The project's assumption"},
		"report.plan.by_agency":               {"Theo cơ quan", "By agency"},
		"report.plan.status.done":             {"Đã làm", "Done"},
		"report.plan.status.due":              {"Chưa đến hạn", "Due"},
		"report.plan.status.overdue":          {"Quá hạn", "Overdue"},
	})
	addWork("report.aggregate", "/reports/monthly", "report.monthly.title")
	addWork("report.aggregate", "/reports/demand", "report.demand.title")
	addWork("report.aggregate", "/reports/portfolio", "report.portfolio.title")
	addWork("plan.complete", "/reports/plan", "report.plan.title")
}

// repDownload is a report the pages pass on as a file: its page's name,
// the API's route, the query parameters it takes and its formats.
type repDownload struct {
	name, api string
	params    []string
	formats   []string
}

var repDownloads = []repDownload{
	{"monthly", "/v1/reports/monthly-lists", []string{"period"}, []string{"csv", "xlsx"}},
	{"demand", "/v1/reports/demand-review", []string{"year", "capital"}, []string{"csv", "xlsx", "svg"}},
	{"portfolio", "/v1/reports/portfolio", []string{"as_of"}, []string{"csv", "xlsx", "svg"}},
	{"plan", "/v1/reports/plan", []string{"on"}, []string{"csv", "xlsx"}},
}

// repQuery is the query the page passes on: the parameters it takes that
// were given (never anything else), with format when not "".
func repQuery(r *http.Request, params []string, format string) url.Values {
	q := url.Values{}
	for _, p := range params {
		if v := r.URL.Query().Get(p); v != "" {
			q.Set(p, v)
		}
	}
	if format != "" {
		q.Set("format", format)
	}
	return q
}

// reportFile passes on the API's file of a report.
func (s *server) reportFile(w http.ResponseWriter, r *http.Request, u *viewer, d repDownload, ext string) {
	a := s.call(r, u, http.MethodGet, d.api+"?"+repQuery(r, d.params, ext).Encode(), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	h := w.Header()
	for _, k := range []string{"Content-Type", "Content-Disposition"} {
		if v := a.Header.Get(k); v != "" {
			h.Set(k, v)
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(a.Body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(a.Body)
}

// repPage is what a report's template gets: the form's values, the
// report (nil when the API refused the query: its problem is at the
// field), and the downloads' query.
type repPage struct {
	Form   map[string]string
	Query  template.URL // the query, already encoded (url.Values.Encode)
	Report any
}

// reportPage asks the API for a report and renders it: with a 400 or a
// 422 (a parameter that is not a month, a year or a day), the form again
// with the problem at its field.
func (s *server) reportPage(w http.ResponseWriter, r *http.Request, u *viewer, d repDownload, defaults map[string]string,
	title string, report any) {
	form := map[string]string{}
	for _, p := range d.params {
		form[p] = r.URL.Query().Get(p)
		if form[p] == "" {
			form[p] = defaults[p]
		}
	}
	q := url.Values{}
	for _, p := range d.params {
		if form[p] != "" {
			q.Set(p, form[p])
		}
	}
	a := s.call(r, u, http.MethodGet, d.api+"?"+q.Encode(), nil, "")
	data := &repPage{Form: form, Query: template.URL(q.Encode())}
	p := newPage(r, u, title, data)
	switch {
	case a.Status == http.StatusBadRequest || a.Status == http.StatusUnprocessableEntity:
		pr := a.problem()
		p.Problem = &pr
		s.render(w, r, a.Status, "report_"+d.name, p)
		return
	case !a.OK():
		s.failAPI(w, r, u, a)
		return
	}
	if err := a.decode(report); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	data.Report = report
	s.render(w, r, http.StatusOK, "report_"+d.name, p)
}

// repToday is today in Vietnam, YYYY-MM-DD.
func (s *server) repToday() string { return s.now().In(vietnam).Format("2006-01-02") }

// ---- the monthly round ----

type repMonthly struct {
	Period   string `json:"period"`
	DueOn    string `json:"due_on"`
	Communes []struct {
		CommuneCode string `json:"commune_code"`
		Rows        int    `json:"rows"`
		Demand      string `json:"demand"`
		OnTime      bool   `json:"on_time"`
		PreparedOn  string `json:"prepared_on"`
		SubmittedOn string `json:"submitted_on"`
	} `json:"communes"`
	Missing    []string `json:"missing"`
	Late       []string `json:"late"`
	Unexpected []string `json:"unexpected"`
	Totals     struct {
		Rows            int    `json:"rows"`
		Demand          string `json:"demand"`
		DemandByPurpose struct {
			Production         string `json:"production"`
			VocationalTraining string `json:"vocational_training"`
		} `json:"demand_by_purpose"`
	} `json:"totals"`
	// SharedPeople: only for the roles that read lists (the API leaves it
	// out for a province_viewer).
	SharedPeople []struct {
		Communes []string    `json:"communes"`
		Rows     []repRowRef `json:"rows"`
	} `json:"shared_people"`
}

// repRowRef is a row of a stored list (its row from 0).
type repRowRef struct {
	ListID int64 `json:"list_id"`
	Row    int   `json:"row"`
}

// Line is the row's number as people count, from 1.
func (r repRowRef) Line() int { return r.Row + 1 }

func (s *server) reportMonthly(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.reportPage(w, r, u, repDownloads[0], map[string]string{"period": s.now().In(vietnam).Format("2006-01")},
		"report.monthly.title", &repMonthly{})
}

// ---- the demand review ----

type repDemandGroup struct {
	CommuneCode string           `json:"commune_code"`
	Purpose     string           `json:"purpose"`
	People      int              `json:"people"`
	Demand      string           `json:"demand"`
	ByPurpose   []repDemandGroup `json:"by_purpose"`
}

type repDemand struct {
	Year        int              `json:"year"`
	People      int              `json:"people"`
	Demand      string           `json:"demand"`
	Capital     string           `json:"capital"`
	Shortfall   string           `json:"shortfall"`
	CoveragePct string           `json:"coverage_pct"`
	ByCommune   []repDemandGroup `json:"by_commune"`
	ByPurpose   []repDemandGroup `json:"by_purpose"`
}

func (s *server) reportDemand(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.reportPage(w, r, u, repDownloads[1], map[string]string{"year": s.now().In(vietnam).Format("2006")},
		"report.demand.title", &repDemand{})
}

// ---- the loan book ----

type repFigures struct {
	CommuneCode     string `json:"commune_code"`
	Purpose         string `json:"purpose"`
	BorrowerKind    string `json:"borrower_kind"`
	CapitalSource   string `json:"capital_source"`
	Channel         string `json:"channel"`
	Loans           int    `json:"loans"`
	Disbursed       string `json:"disbursed"`
	Outstanding     string `json:"outstanding"`
	Overdue         string `json:"overdue"`
	OverdueRatioPct string `json:"overdue_ratio_pct"`
	Jobs            int    `json:"jobs"`
}

type repPortfolio struct {
	AsOf            string       `json:"as_of"`
	Totals          repFigures   `json:"totals"`
	ByCommune       []repFigures `json:"by_commune"`
	ByPurpose       []repFigures `json:"by_purpose"`
	ByBorrowerKind  []repFigures `json:"by_borrower_kind"`
	ByCapitalSource []repFigures `json:"by_capital_source"`
	ByChannel       []repFigures `json:"by_channel"`
	Unclassified    []string     `json:"unclassified_loans"`
	Imported        *struct {
		Loans           int    `json:"loans"`
		PositionsFrom   string `json:"positions_from"`
		PositionsTo     string `json:"positions_to"`
		WithoutPosition int    `json:"without_position"`
	} `json:"imported"`
}

// repSection is a breakdown of the loan book: its title and its groups,
// each with the message key of its label (or the commune code itself).
type repSection struct {
	Title  string
	Groups []repGroup
}

type repGroup struct {
	Label string // a message key, or a commune code
	repFigures
}

// Sections are the loan book's five breakdowns.
func (p *repPortfolio) Sections() []repSection {
	mk := func(title string, fs []repFigures, label func(f repFigures) string) repSection {
		sec := repSection{Title: title}
		for _, f := range fs {
			sec.Groups = append(sec.Groups, repGroup{Label: label(f), repFigures: f})
		}
		return sec
	}
	return []repSection{
		mk("report.by_commune", p.ByCommune, func(f repFigures) string { return f.CommuneCode }),
		mk("report.by_purpose", p.ByPurpose, func(f repFigures) string { return "report.purpose." + f.Purpose }),
		mk("report.by_borrower_kind", p.ByBorrowerKind, func(f repFigures) string { return "report.kind." + f.BorrowerKind }),
		mk("report.by_capital_source", p.ByCapitalSource, func(f repFigures) string { return "report.source." + f.CapitalSource }),
		mk("report.by_channel", p.ByChannel, func(f repFigures) string { return "report.channel." + f.Channel }),
	}
}

func (s *server) reportPortfolio(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.reportPage(w, r, u, repDownloads[2], map[string]string{"as_of": s.repToday()}, "report.portfolio.title", &repPortfolio{})
}

// ---- the provincial plan ----

type repCitation struct {
	Text   string `json:"text"`
	TextEN string `json:"text_en"`
	Note   string `json:"note"`
}

type repPlan struct {
	On     string `json:"on"`
	Counts struct {
		Done     int `json:"done"`
		DoneLate int `json:"done_late"`
		Due      int `json:"due"`
		Overdue  int `json:"overdue"`
	} `json:"counts"`
	Items []struct {
		TaskID      string      `json:"task_id"`
		Title       string      `json:"title"`
		TitleEN     string      `json:"title_en"`
		Agency      string      `json:"agency"`
		AgencyEN    string      `json:"agency_en"`
		Recurring   string      `json:"recurring"`
		DueOn       string      `json:"due_on"`
		Status      string      `json:"status"`
		DoneOn      string      `json:"done_on"`
		Late        bool        `json:"late"`
		DaysLate    int         `json:"days_late"`
		Citation    repCitation `json:"citation"`
		Assumptions []struct {
			Part   string `json:"part"`
			Text   string `json:"text"`
			TextEN string `json:"text_en"`
		} `json:"assumptions"`
	} `json:"items"`
	ByAgency []struct {
		Agency   string `json:"agency"`
		AgencyEN string `json:"agency_en"`
		Done     int    `json:"done"`
		DoneLate int    `json:"done_late"`
		Due      int    `json:"due"`
		Overdue  int    `json:"overdue"`
	} `json:"by_agency"`
}

func (s *server) reportPlan(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.reportPage(w, r, u, repDownloads[3], map[string]string{"on": s.repToday()}, "report.plan.title", &repPlan{})
}
