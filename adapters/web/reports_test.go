package web_test

import (
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/places"
)

// repSeed stores examples/data/list-01.json (commune 03424, 2026-11)
// through the whole round: drafted and submitted by the commune police,
// certified by the committee, received by VBSP. It returns the VBSP
// officer's token and the list's id.
func repSeed(s *site) (vbspToken string, listID int64) {
	s.t.Helper()
	list, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		s.t.Fatal(err)
	}
	communes := []string{"03424"}
	police := s.token(access.CommunePolice, communes, "")
	committee := s.token(access.CommuneCommittee, communes, "")
	vbsp := s.token(access.VBSPOfficer, communes, "")
	var created struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(s.api(police, http.MethodPost, "/v1/lists", list, http.StatusCreated), &created); err != nil || created.ID == 0 {
		s.t.Fatalf("the list's id: %v", err)
	}
	id := "/v1/lists/" + repNum(created.ID)
	s.api(police, http.MethodPost, id+"/submit", nil, http.StatusOK)
	s.api(committee, http.MethodPost, id+"/certify", nil, http.StatusOK)
	s.api(vbsp, http.MethodPost, id+"/receive", nil, http.StatusOK)
	return vbsp, created.ID
}

// repLend approves the list's first application: a loan of 80.000.000 đ
// through the Farmers' Union.
func repLend(s *site, vbsp string, listID int64) {
	s.t.Helper()
	var apps struct {
		Applications []struct {
			ID int64 `json:"id"`
		} `json:"applications"`
	}
	if err := json.Unmarshal(s.api(vbsp, http.MethodGet, "/v1/applications?list_id="+repNum(listID), nil, http.StatusOK), &apps); err != nil || len(apps.Applications) == 0 {
		s.t.Fatalf("applications: %v", err)
	}
	s.api(vbsp, http.MethodPost, "/v1/applications/"+repNum(apps.Applications[0].ID)+"/decision",
		[]byte(`{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 12,
		"disbursed_on": "2026-11-20", "channel": "farmers_union", "capital_source": "central"}`), http.StatusCreated)
}

func repNum(n int64) string { b, _ := json.Marshal(n); return string(b) }

// repPersonal is every name and ID number of list-01.json.
func repPersonal(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Rows []struct {
			FullName string `json:"full_name"`
			IDNumber string `json:"id_number"`
		} `json:"rows"`
	}
	if err := json.Unmarshal(b, &l); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range l.Rows {
		out = append(out, r.FullName, r.IDNumber)
	}
	return out
}

// repWants fails the test unless the response has the status and every
// text.
func repWants(t *testing.T, what string, res response, status int, wants ...string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("%s: %d, want %d\n%s", what, res.status, status, res.body)
	}
	for _, w := range wants {
		if !strings.Contains(res.body, w) {
			t.Errorf("%s: no %q", what, w)
		}
	}
	if len(res.body) > 100<<10 && strings.HasPrefix(res.header.Get("Content-Type"), "text/html") {
		t.Errorf("%s: %d bytes, more than 100 KB", what, len(res.body))
	}
}

func TestReportsProvincialPolice(t *testing.T) {
	s := newSite(t)
	vbsp, listID := repSeed(s)
	repLend(s, vbsp, listID)
	b := s.browser()
	b.signIn(s.user(access.ProvincialPolice, nil, "12"))

	// Another commune of Lai Châu sent nothing: it is missing.
	var other string
	for _, c := range places.Default().CommunesIn("12") {
		if c.Code != "03424" {
			other = c.Code
			break
		}
	}
	res := b.get("/reports/monthly?period=2026-11")
	repWants(t, "the monthly round", res, http.StatusOK, "<td>03424</td>", `id="missing"`, "<li>"+other+"</li>",
		"160.000.000 đ", "05/11/2026", `href="/reports/monthly.csv?period=2026-11"`, `href="/reports/monthly.xlsx?period=2026-11"`)

	for _, tc := range []struct{ path, ctype string }{
		{"/reports/monthly.csv?period=2026-11", "text/csv"},
		{"/reports/monthly.xlsx?period=2026-11", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"/reports/demand.csv?year=2026", "text/csv"},
		{"/reports/demand.svg?year=2026", "image/svg+xml"},
		{"/reports/portfolio.svg?as_of=2026-11-30", "image/svg+xml"},
		{"/reports/portfolio.csv?as_of=2026-11-30", "text/csv"},
	} {
		res := b.get(tc.path)
		if res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), tc.ctype) || res.body == "" {
			t.Errorf("%s: %d %q", tc.path, res.status, res.header.Get("Content-Type"))
		}
		if tc.ctype != "image/svg+xml" && !strings.Contains(res.header.Get("Content-Disposition"), "attachment") {
			t.Errorf("%s: Content-Disposition %q", tc.path, res.header.Get("Content-Disposition"))
		}
	}
	if csv := b.get("/reports/monthly.csv?period=2026-11"); !strings.Contains(csv.body, "03424") {
		t.Errorf("the CSV:\n%s", csv.body)
	}

	repWants(t, "the demand review", b.get("/reports/demand?year=2026&capital=100000000"), http.StatusOK,
		"160.000.000 đ", "60.000.000 đ", `<img src="/reports/demand.svg?capital=100000000&amp;year=2026" alt=`)
	repWants(t, "the loan book", b.get("/reports/portfolio?as_of=2026-11-30"), http.StatusOK,
		`<img src="/reports/portfolio.svg?as_of=2026-11-30" alt=`, "Khoản vay nạp từ sổ", "Hội Nông dân", "Ngân sách trung ương",
		"<td class=\"num\">80.000.000 đ</td>")
	repWants(t, "not a day", b.get("/reports/portfolio?as_of=2026-13-01"), http.StatusBadRequest, `class="problem" id="as_of-error"`)
	repWants(t, "a year too early", b.get("/reports/demand?year=1999"), http.StatusBadRequest, `class="problem" id="year-error"`)

	// A month that is not one: the problem at the field.
	repWants(t, "a bad month", b.get("/reports/monthly?period=2026-13"), http.StatusBadRequest,
		`class="problem" id="period-error"`, `aria-invalid="true"`)
	// The plan is the admin's.
	repWants(t, "the plan", b.get("/reports/plan"), http.StatusForbidden)
	repWants(t, "the plan's CSV", b.get("/reports/plan.csv"), http.StatusForbidden)

	// In English.
	b.get("/lang?to=en&next=/")
	repWants(t, "the English round", b.get("/reports/monthly?period=2026-11"), http.StatusOK,
		`<html lang="en">`, "The monthly round of the communes&#39; lists", "Missing", "Lists due on")
}

func TestReportsProvinceViewerSeesNoPerson(t *testing.T) {
	s := newSite(t)
	repSeed(s)
	b := s.browser()
	b.signIn(s.user(access.ProvinceViewer, nil, "12"))
	personal := repPersonal(t)
	for _, path := range []string{
		"/reports/monthly?period=2026-11", "/reports/demand?year=2026", "/reports/portfolio?as_of=2026-11-30",
		"/reports/monthly.csv?period=2026-11", "/reports/demand.csv?year=2026", "/reports/demand.svg?year=2026",
		"/reports/monthly.xlsx?period=2026-11",
	} {
		res := b.get(path)
		if res.status != http.StatusOK {
			t.Fatalf("%s: %d\n%s", path, res.status, res.body)
		}
		for _, p := range personal {
			if strings.Contains(res.body, p) {
				t.Errorf("%s shows %q", path, p)
			}
		}
		if strings.Contains(res.body, "/lists/") {
			t.Errorf("%s links a list", path)
		}
	}
	repWants(t, "the viewer's round", b.get("/reports/monthly?period=2026-11"), http.StatusOK, "<td>03424</td>", "160.000.000 đ")

	// The provincial police sees the same round; a commune police its own.
	police := s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	repWants(t, "the commune's round", police.get("/reports/monthly?period=2026-11"), http.StatusOK, "<td>03424</td>")
	// The auditor and the admin read no report of the lists.
	auditor := s.browser()
	auditor.signIn(s.user(access.Auditor, nil, ""))
	repWants(t, "the auditor's round", auditor.get("/reports/monthly?period=2026-11"), http.StatusForbidden)
}

func TestReportsPlanForAdmin(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.signIn(s.user(access.Admin, nil, ""))
	repWants(t, "the plan", b.get("/reports/plan?on=2026-11-10"), http.StatusOK, "Kế hoạch của UBND tỉnh Lai Châu", `href="/reports/plan.csv?on=2026-11-10"`,
		"Quá hạn")
	if res := b.get("/reports/plan.csv?on=2026-11-10"); res.status != http.StatusOK || !strings.HasPrefix(res.header.Get("Content-Type"), "text/csv") {
		t.Errorf("the plan's CSV: %d %q", res.status, res.header.Get("Content-Type"))
	}
	repWants(t, "a bad day", b.get("/reports/plan?on=2026-02-30"), http.StatusBadRequest, `id="on-error"`)
	if home := b.get("/"); !strings.Contains(home.body, `href="/reports/plan"`) || strings.Contains(home.body, `href="/reports/monthly"`) {
		t.Error("the admin's home links")
	}
}
