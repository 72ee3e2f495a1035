package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit/access"
)

// vbspReceivedList runs a round through the API up to the receipt: the
// commune police of 03424 create examples/data/list-01.json and submit
// it, the committee certifies it, VBSP receives it. It returns the
// list's id and its applications' ids, in row order.
func vbspReceivedList(s *site) (int64, []int64) {
	s.t.Helper()
	body, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		s.t.Fatal(err)
	}
	police := s.token(access.CommunePolice, []string{"03424"}, "")
	committee := s.token(access.CommuneCommittee, []string{"03424"}, "")
	bank := s.token(access.VBSPOfficer, []string{"03424"}, "")
	var doc struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(s.api(police, http.MethodPost, "/v1/lists", body, http.StatusCreated), &doc); err != nil {
		s.t.Fatal(err)
	}
	id := strconv.FormatInt(doc.ID, 10)
	s.api(police, http.MethodPost, "/v1/lists/"+id+"/submit", nil, http.StatusOK)
	s.api(committee, http.MethodPost, "/v1/lists/"+id+"/certify", nil, http.StatusOK)
	s.api(bank, http.MethodPost, "/v1/lists/"+id+"/receive", nil, http.StatusOK)
	var apps struct {
		Applications []struct {
			ID  int64 `json:"id"`
			Row int   `json:"row"`
		} `json:"applications"`
	}
	if err := json.Unmarshal(s.api(bank, http.MethodGet, "/v1/applications?list_id="+id, nil, http.StatusOK), &apps); err != nil {
		s.t.Fatal(err)
	}
	ids := make([]int64, len(apps.Applications))
	for _, a := range apps.Applications {
		ids[a.Row] = a.ID
	}
	return doc.ID, ids
}

// vbspWants fails the test for each string the page lacks.
func vbspWants(t *testing.T, what string, res response, status int, wants ...string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("%s: %d, want %d\n%s", what, res.status, status, res.body)
	}
	for _, w := range wants {
		if !strings.Contains(res.body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

// vbspTitle is a page's <title> and <h1>.
var vbspTitle = regexp.MustCompile(`(?s)<title>(.*?)</title>.*?<h1>(.*?)</h1>`)

func TestVBSPApplicationsAndSheet(t *testing.T) {
	s := newSite(t)
	s.advance(15 * 24 * time.Hour) // 25 November 2026
	listID, apps := vbspReceivedList(s)
	if len(apps) != 3 {
		t.Fatalf("%d applications", len(apps))
	}
	login, pw := s.user(access.VBSPOfficer, []string{"03424"}, "")
	b := s.browser()
	b.signIn(login, pw)

	home := b.get("/")
	vbspWants(t, "the home page", home, http.StatusOK, `href="/applications"`, `href="/loans"`)

	list := strconv.FormatInt(listID, 10)
	page := b.get("/applications?list_id=" + list)
	wants := []string{"Lò Văn Thắng", "Tòng Thị Mai", "Giàng A Páo", "Xã Bản Bo", "80.000.000 đ", "Chưa quyết định"}
	for _, id := range apps {
		wants = append(wants, `id="app-`+strconv.FormatInt(id, 10)+`" href="/applications/`+strconv.FormatInt(id, 10)+`"`)
	}
	vbspWants(t, "the applications of the list", page, http.StatusOK, wants...)
	if !strings.Contains(page.body, "Đủ điều kiện") && !strings.Contains(page.body, "Chưa đủ thông tin") && !strings.Contains(page.body, "Không đủ điều kiện") {
		t.Error("no verdict in words")
	}
	if strings.Contains(page.body, "012090003175") {
		t.Error("an ID number on the list of applications")
	}
	// The filters go to the API: a malformed one is its 400, shown.
	if res := b.get("/applications?decision=maybe"); res.status != http.StatusBadRequest || !strings.Contains(res.body, `class="error"`) {
		t.Errorf("a bad filter: %d", res.status)
	}
	if res := b.get("/applications?decision=approved"); res.status != http.StatusOK || strings.Contains(res.body, "app-") {
		t.Errorf("approved ones before any decision: %d", res.status)
	}

	// The screening sheet: every finding with its rule and its citation,
	// the terms, the rules version; printable; the decision forms.
	app := strconv.FormatInt(apps[0], 10)
	sheet := b.get("/applications/" + app)
	vbspWants(t, "the screening sheet", sheet, http.StatusOK,
		"Lò Văn Thắng", "012090003175",
		"individual.release_document", "individual.release_window", "individual.commune_list",
		"borrower.no_same_purpose_debt", "purpose.allowed", "Điều 3", "22/2023/QĐ-TTg",
		"Mức cho vay tối đa", "Lãi suất cho vay", "%/tháng", "Phiên bản quy định áp dụng", "qd22/",
		"data-print", `href="/static/print.css" media="print"`,
		`id="do-approve"`, `id="do-refuse"`, `id="do-withdraw"`, `id="note" name="note"`,
		`name="channel"`, `value="farmers_union"`, "Hội Nông dân", `value="central"`, "Vốn trung ương",
		`for="amount"`, `for="term_months"`, `for="principal_every_months"`, `for="disbursed_on"`)
	if n := strings.Count(sheet.body, `<code class="rule">`); n < 5+4 {
		t.Errorf("%d rule ids on the sheet: the findings and the terms' grounds", n)
	}
	if m := vbspTitle.FindStringSubmatch(sheet.body); m == nil || strings.Contains(m[0], "Lò Văn") || strings.Contains(m[0], "012090003175") {
		t.Errorf("a name in the title or the heading: %q", m)
	}

	// English on the switch.
	if res := b.get("/lang?to=en&next=/applications/" + app); res.status != http.StatusSeeOther {
		t.Fatalf("switch: %d", res.status)
	}
	en := b.get("/applications/" + app)
	vbspWants(t, "the English sheet", en, http.StatusOK, `<html lang="en">`, "Screening sheet", "Legal basis",
		"Most that may be lent", "Decision 22/2023/QĐ-TTg", "Approve the loan", "Farmers&#39; Union", "a month")
	if strings.Contains(en.body, "Mức cho vay tối đa") {
		t.Error("Vietnamese terms on the English sheet")
	}
	b.get("/lang?to=vi&next=/")

	// Refusing needs a note: 422 at the note; with one, refused.
	third := strconv.FormatInt(apps[2], 10)
	res := b.post("/applications/"+third+"/decision", url.Values{"outcome": {"refused"}, "note": {"  "}})
	vbspWants(t, "a refusal without a note", res, http.StatusUnprocessableEntity, `class="problem" id="note-error"`, `href="#note"`,
		`id="amount" name="amount" inputmode="numeric" autocomplete="off" value="50000000"`)
	res = b.post("/applications/"+third+"/decision", url.Values{"outcome": {"refused"}, "note": {"Không liên lạc được"}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/applications/"+third+"?done=refused" {
		t.Fatalf("refusal: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	vbspWants(t, "the refused sheet", b.get(res.header.Get("Location")), http.StatusOK, "Đã từ chối", "Không liên lạc được")
	// A decision is never changed: 409 shows the decision.
	res = b.post("/applications/"+third+"/decision", url.Values{"outcome": {"withdrawn"}})
	vbspWants(t, "a second decision", res, http.StatusConflict, "đã có quyết định", "Đã từ chối")
	if strings.Contains(res.body, `id="do-approve"`) {
		t.Error("the decision forms on a decided application")
	}
}

func TestVBSPApproveAndRepay(t *testing.T) {
	s := newSite(t)
	s.advance(15 * 24 * time.Hour) // 25 November 2026
	_, apps := vbspReceivedList(s)
	login, pw := s.user(access.VBSPOfficer, []string{"03424"}, "")
	b := s.browser()
	b.signIn(login, pw)
	app := strconv.FormatInt(apps[0], 10)
	approve := url.Values{"outcome": {"approved"}, "amount": {"80.000.000"}, "term_months": {"36"},
		"principal_every_months": {"12"}, "disbursed_on": {"20/11/2026"}, "channel": {"farmers_union"}, "capital_source": {"central"}}

	// Above the stored terms: 422 at the amount, the form kept.
	over := url.Values{}
	for k, v := range approve {
		over[k] = v
	}
	over.Set("amount", "150000000")
	res := b.post("/applications/"+app+"/decision", over)
	vbspWants(t, "an approval above the terms", res, http.StatusUnprocessableEntity,
		`class="problem" id="amount-error"`, `aria-describedby="amount-hint amount-error"`, `value="150000000"`,
		`<option value="farmers_union" selected>`, `href="#amount"`)
	// A term the API refuses: at its field.
	bad := url.Values{}
	for k, v := range approve {
		bad[k] = v
	}
	bad.Set("principal_every_months", "7")
	res = b.post("/applications/"+app+"/decision", bad)
	vbspWants(t, "a principal period that does not divide the term", res, http.StatusUnprocessableEntity,
		`class="problem" id="principal_every_months-error"`)

	// Within: the loan page, with its schedule.
	res = b.post("/applications/"+app+"/decision", approve)
	loc := res.header.Get("Location")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(loc, "/loans/") {
		t.Fatalf("approval: %d %q\n%s", res.status, loc, res.body)
	}
	loanPath := strings.SplitN(loc, "?", 2)[0]
	loanID := strings.TrimPrefix(loanPath, "/loans/")
	page := b.get(loc)
	vbspWants(t, "the new loan", page, http.StatusOK, "Đã phê duyệt", "80.000.000 đ", "20/11/2026", "36 tháng",
		"Lịch trả nợ", "20/12/2026", "20/11/2029", "Hội Nông dân", "Đang vay", "Sao kê", `id="do-pay"`,
		`for="on"`, `for="amount"`, `for="as_of"`, "25/11/2026")
	if n := strings.Count(page.body, `<tr><th scope="row">`); n < 36 {
		t.Errorf("%d rows: the schedule's 36 installments", n)
	}
	// The loans list links it.
	vbspWants(t, "the loans", b.get("/loans"), http.StatusOK, `id="loan-`+loanID+`" href="/loans/`+loanID+`"`, "80.000.000 đ")
	vbspWants(t, "the active loans", b.get("/loans?status=active&commune_code=03424"), http.StatusOK, `id="loan-`+loanID+`"`)
	if res := b.get("/loans?status=closed"); strings.Contains(res.body, `id="loan-`) {
		t.Error("a closed loan listed")
	}
	// The sheet now shows the decision and no form.
	sheet := b.get("/applications/" + app)
	vbspWants(t, "the approved sheet", sheet, http.StatusOK, "Đã phê duyệt", `href="/loans/`+loanID+`"`)
	if strings.Contains(sheet.body, `id="do-approve"`) {
		t.Error("the decision forms after the approval")
	}

	// A repayment dated before the disbursement, or of nothing: 422 at
	// the fields.
	res = b.post(loanPath+"/payments", url.Values{"on": {"2026-11-19"}, "amount": {"200000"}})
	vbspWants(t, "a payment before the disbursement", res, http.StatusUnprocessableEntity,
		`class="problem" id="on-error"`, `value="2026-11-19"`, `value="200000"`)
	res = b.post(loanPath+"/payments", url.Values{"on": {"2026-11-25"}, "amount": {"0"}})
	vbspWants(t, "a payment of nothing", res, http.StatusUnprocessableEntity, `class="problem" id="amount-error"`)
	res = b.post(loanPath+"/payments", url.Values{"on": {"2026-12-01"}, "amount": {"200000"}})
	vbspWants(t, "a payment in the future", res, http.StatusUnprocessableEntity, `class="problem" id="on-error"`)

	// A repayment.
	res = b.post(loanPath+"/payments", url.Values{"on": {"25/11/2026"}, "amount": {"200.000"}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != loanPath+"?paid=1" {
		t.Fatalf("payment: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	vbspWants(t, "the loan repaid", b.get(res.header.Get("Location")), http.StatusOK, "Đã ghi nhận khoản trả nợ",
		"200.000 đ", "25/11/2026")

	// The statement on a later day, as the API works it out.
	page = b.get(loanPath + "?as_of=2026-11-30")
	vbspWants(t, "the statement of 30/11/2026", page, http.StatusOK, "30/11/2026", "79.800.000 đ", "138.493 đ",
		"Kỳ hạn trả tiếp theo</th><td class=\"num\">20/12/2026")
	page = b.get(loanPath + "?as_of=01/03/2027")
	vbspWants(t, "a statement after missed installments", page, http.StatusOK, "01/03/2027", `value="2027-03-01"`,
		"Lãi đến hạn chưa trả</th><td class=\"num\">1.", "Kỳ hạn trả tiếp theo</th><td class=\"num\">20/03/2027")
	// Before the disbursement: the API's 422 at the day.
	page = b.get(loanPath + "?as_of=2026-11-01")
	vbspWants(t, "a statement before the disbursement", page, http.StatusUnprocessableEntity, `class="problem" id="as_of-error"`)

	// In English.
	b.get("/lang?to=en&next=/")
	vbspWants(t, "the English loan", b.get(loanPath), http.StatusOK, "Repayment schedule", "Principal outstanding", "Record a repayment")
}

func TestVBSPRefusals(t *testing.T) {
	s := newSite(t)
	s.advance(15 * 24 * time.Hour) // 25 November 2026
	_, apps := vbspReceivedList(s)
	app := strconv.FormatInt(apps[0], 10)
	// The second person's loan, approved through the API.
	bank := s.token(access.VBSPOfficer, []string{"03424"}, "")
	var decided struct {
		Loan struct {
			ID int64 `json:"id"`
		} `json:"loan"`
	}
	body := []byte(`{"outcome": "approved", "amount": "30000000", "term_months": 27, "principal_every_months": 1,
		"disbursed_on": "2026-11-20", "channel": "womens_union", "capital_source": "local"}`)
	if err := json.Unmarshal(s.api(bank, http.MethodPost, "/v1/applications/"+strconv.FormatInt(apps[1], 10)+"/decision",
		body, http.StatusCreated), &decided); err != nil || decided.Loan.ID == 0 {
		t.Fatalf("the loan: %v %+v", err, decided)
	}
	loan := "/loans/" + strconv.FormatInt(decided.Loan.ID, 10)
	for _, tc := range []struct {
		name     string
		role     access.Role
		communes []string
		province string
		path     string
		status   int
	}{
		{"commune police, the applications", access.CommunePolice, []string{"03424"}, "", "/applications", http.StatusForbidden},
		{"commune police, the loans", access.CommunePolice, []string{"03424"}, "", "/loans", http.StatusForbidden},
		{"commune police, a sheet", access.CommunePolice, []string{"03424"}, "", "/applications/" + app, http.StatusForbidden},
		{"vbsp of another commune, a sheet", access.VBSPOfficer, []string{"03430"}, "", "/applications/" + app, http.StatusNotFound},
		{"vbsp of another commune, a loan", access.VBSPOfficer, []string{"03430"}, "", loan, http.StatusNotFound},
		{"commune police, a loan", access.CommunePolice, []string{"03424"}, "", loan, http.StatusForbidden},
		{"vbsp, the training loan", access.VBSPOfficer, []string{"03424"}, "", loan, http.StatusOK},
		{"provincial police, the loan (read only)", access.ProvincialPolice, nil, "12", loan, http.StatusOK},
		{"vbsp, no such application", access.VBSPOfficer, []string{"03424"}, "", "/applications/999999", http.StatusNotFound},
		{"vbsp, not an id", access.VBSPOfficer, []string{"03424"}, "", "/applications/abc", http.StatusNotFound},
		{"province viewer, the applications", access.ProvinceViewer, nil, "12", "/applications", http.StatusForbidden},
		{"province viewer, a sheet", access.ProvinceViewer, nil, "12", "/applications/" + app, http.StatusForbidden},
		{"provincial police, a sheet (read only)", access.ProvincialPolice, nil, "12", "/applications/" + app, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			login, pw := s.user(tc.role, tc.communes, tc.province)
			b := s.browser()
			b.signIn(login, pw)
			res := b.get(tc.path)
			if res.status != tc.status {
				t.Fatalf("%s: %d, want %d\n%s", tc.path, res.status, tc.status, res.body)
			}
			if tc.status == http.StatusOK && tc.role != access.VBSPOfficer && (strings.Contains(res.body, `id="do-approve"`) ||
				strings.Contains(res.body, `id="do-pay"`)) {
				t.Error("a form for a role that may not act")
			}
			if tc.path == loan && tc.status == http.StatusOK && (!strings.Contains(res.body, "Học nghề") ||
				!strings.Contains(res.body, "Hội Liên hiệp Phụ nữ") || strings.Count(res.body, `<tr><th scope="row">`) < 27) {
				t.Error("the training loan with its schedule")
			}
			if tc.status != http.StatusOK && strings.Contains(res.body, "Lò Văn Thắng") {
				t.Error("a name on a refusal")
			}
		})
	}
	// The vbsp officer of another commune may not decide either.
	login, pw := s.user(access.VBSPOfficer, []string{"03430"}, "")
	b := s.browser()
	b.signIn(login, pw)
	if res := b.post("/applications/"+app+"/decision", url.Values{"outcome": {"withdrawn"}}); res.status != http.StatusNotFound {
		t.Errorf("a decision out of scope: %d", res.status)
	}
	if res := b.post(loan+"/payments", url.Values{"on": {"2026-11-25"}, "amount": {"100000"}}); res.status != http.StatusNotFound {
		t.Errorf("a payment out of scope: %d", res.status)
	}
	if res := b.get("/applications"); res.status != http.StatusOK || strings.Contains(res.body, "app-") {
		t.Errorf("another commune's applications listed: %d", res.status)
	}
}
