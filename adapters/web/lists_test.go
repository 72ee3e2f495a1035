package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
)

// listsExample is examples/data/list-01.json: a valid list of commune
// 03424 for 2026-11.
func listsExample(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// listsFormValues is the list as the editor posts it (rows.N.field).
func listsFormValues(l map[string]any, fields ...string) url.Values {
	v := url.Values{}
	for _, k := range fields {
		if s, ok := l[k].(string); ok {
			v.Set(k, s)
		}
	}
	for i, r := range l["rows"].([]any) {
		for k, x := range r.(map[string]any) {
			v.Set(fmt.Sprintf("rows.%d.%s", i, k), fmt.Sprint(x))
		}
	}
	return v
}

var (
	reListsID      = regexp.MustCompile(`^/lists/(\d+)`)
	reListsVersion = regexp.MustCompile(`name="version" value="(\d+)"`)
)

// must fails the test unless the response has the status and every text.
func listsMust(t *testing.T, what string, res response, status int, texts ...string) {
	t.Helper()
	if res.status != status {
		t.Fatalf("%s: %d, want %d\n%s", what, res.status, status, res.body)
	}
	for _, s := range texts {
		if !strings.Contains(res.body, s) {
			t.Errorf("%s: no %q in\n%s", what, s, res.body)
		}
	}
}

func TestListRound(t *testing.T) {
	s := newSite(t)
	police := s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	committee, checker := s.browser(), s.browser()
	committee.signIn(s.user(access.CommuneCommittee, []string{"03424"}, ""))
	checker.signIn(s.user(access.CommuneCommittee, []string{"03424"}, ""))
	l := listsExample(t)

	// No list yet for November: the page says so, with its deadline.
	listsMust(t, "lists", police.get("/lists"), http.StatusOK, "05/11/2026", "Chưa có danh sách", `href="/lists/new?commune_code=03424&amp;period=2026-11"`,
		`href="/lists/import"`)
	listsMust(t, "new", police.get("/lists/new?commune_code=03424&period=2026-11"), http.StatusOK,
		`<option value="03424" selected>`, `name="rows.0.full_name"`, `id="rows-0-full_name"`, `for="rows-0-full_name"`, `id="do-save"`)

	// A draft with an ID number one digit short: saved (a draft may be
	// incomplete), refused on submit, the mistake shown at its field.
	form := listsFormValues(l, "period", "prepared_on", "prepared_by", "certified_by")
	form.Set("commune_code", "03424")
	form.Set("rows.0.id_number", "01209000317")
	form.Set("then", "save")
	res := police.post("/lists", form)
	if res.status != http.StatusSeeOther {
		t.Fatalf("create: %d\n%s", res.status, res.body)
	}
	m := reListsID.FindStringSubmatch(res.header.Get("Location"))
	if m == nil {
		t.Fatalf("create went to %q", res.header.Get("Location"))
	}
	id := m[1]
	page := police.get("/lists/" + id)
	listsMust(t, "the draft", page, http.StatusOK, "Lò Văn Thắng", "80.000.000 đ", "160.000.000 đ", `id="do-submit"`, `href="/lists/`+id+`/edit"`)
	if strings.Contains(page.body, `id="do-certify"`) {
		t.Error("the police may certify")
	}
	res = police.post("/lists/"+id+"/submit", nil)
	listsMust(t, "submit refused", res, http.StatusUnprocessableEntity, `id="rows-0-id_number-error"`, `aria-describedby="rows-0-id_number-error"`,
		`href="#rows-0-id_number"`)
	if !regexp.MustCompile(`<p class="problem" id="rows-0-id_number-error">[^<]+</p>`).MatchString(res.body) {
		t.Errorf("no problem at rows-0-id_number:\n%s", res.body)
	}

	// Fixed in the editor, saved and submitted at once.
	edit := police.get("/lists/" + id + "/edit")
	listsMust(t, "editor", edit, http.StatusOK, `value="01209000317"`, `name="rows.3.full_name"`, `id="rows-0-remove"`)
	version := reListsVersion.FindStringSubmatch(edit.body)[1]
	form = listsFormValues(l, "province", "commune_code", "commune_name", "period", "prepared_on", "prepared_by", "certified_by")
	form.Set("version", version)
	form.Set("then", "submit")
	res = police.post("/lists/"+id+"/edit", form)
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/lists/"+id+"?done=submit" {
		t.Fatalf("save and submit: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}

	// The committee returns it: a note is needed.
	listsMust(t, "the committee's view", committee.get("/lists/"+id), http.StatusOK, `id="do-certify"`, `id="do-return"`, `id="note"`, `for="note"`)
	listsMust(t, "return without a note", committee.post("/lists/"+id+"/return", nil), http.StatusUnprocessableEntity, `id="note-error"`)
	note := "Thiếu nơi cư trú cụ thể ở dòng 2"
	if res := committee.post("/lists/"+id+"/return", url.Values{"note": {note}}); res.status != http.StatusSeeOther {
		t.Fatalf("return: %d\n%s", res.status, res.body)
	}

	// The police see what came back and why, correct and submit again.
	listsMust(t, "returned", police.get("/lists/"+id), http.StatusOK, note, "Bị trả lại, lý do:")
	edit = police.get("/lists/" + id + "/edit")
	old := reListsVersion.FindStringSubmatch(edit.body)[1]
	form.Set("version", old)
	form.Set("rows.1.residence", "Bản Phiêng Phát, xã Bản Bo, tỉnh Lai Châu")
	form.Set("then", "save")
	if res := police.post("/lists/"+id+"/edit", form); res.status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", res.status, res.body)
	}
	// Saving again from the same page: someone (here, oneself) changed it.
	listsMust(t, "stale", police.post("/lists/"+id+"/edit", form), http.StatusPreconditionFailed, "Người khác đã sửa", `href="/lists/`+id+`/edit"`)
	if res := police.post("/lists/"+id+"/submit", nil); res.status != http.StatusSeeOther {
		t.Fatalf("resubmit: %d\n%s", res.status, res.body)
	}

	// Another member of the committee certifies; the list cannot be
	// certified twice.
	if res := checker.post("/lists/"+id+"/certify", nil); res.status != http.StatusSeeOther {
		t.Fatalf("certify: %d\n%s", res.status, res.body)
	}
	listsMust(t, "certify again", committee.post("/lists/"+id+"/certify", nil), http.StatusConflict, `class="error"`)
	page = police.get("/lists/" + id)
	listsMust(t, "certified", page, http.StatusOK, "Bản Phiêng Phát, xã Bản Bo, tỉnh Lai Châu", note)
	if strings.Contains(page.body, `id="do-submit"`) || strings.Contains(page.body, "/edit\"") {
		t.Error("a certified list offers a submit or an edit")
	}

	// The listing: the list of November, linked by id.
	listsMust(t, "listing", police.get("/lists?period=2026-11"), http.StatusOK, `id="list-`+id+`"`, `href="/lists/`+id+`"`)
	listsMust(t, "bad period", police.get("/lists?period=11-2026"), http.StatusBadRequest, `id="period-error"`)

	// Out of scope: another commune's police get a 404, the province
	// viewer a 403.
	other := s.browser()
	other.signIn(s.user(access.CommunePolice, []string{"03390"}, ""))
	listsMust(t, "another commune", other.get("/lists/"+id), http.StatusNotFound)
	listsMust(t, "another commune's edit", other.get("/lists/"+id+"/edit"), http.StatusNotFound)
	if res := other.post("/lists/"+id+"/submit", nil); res.status != http.StatusNotFound {
		t.Errorf("another commune's submit: %d", res.status)
	}
	viewer := s.browser()
	viewer.signIn(s.user(access.ProvinceViewer, nil, "12"))
	listsMust(t, "province viewer", viewer.get("/lists"), http.StatusForbidden)
	listsMust(t, "province viewer's list", viewer.get("/lists/"+id), http.StatusForbidden)
	listsMust(t, "committee's new", committee.get("/lists/new"), http.StatusForbidden)

	// English on the switch.
	if res := police.get("/lang?to=en&next=/lists"); res.status != http.StatusSeeOther || res.header.Get("Location") != "/lists" {
		t.Fatalf("switch: %d %q", res.status, res.header.Get("Location"))
	}
	listsMust(t, "English", police.get("/lists"), http.StatusOK, `<html lang="en">`, "Lists of people who need a loan", "This month&#39;s list", "Due on")
}

// listsCSVHead is the table's headings of Mẫu 01 as a CSV file has them.
const listsCSVHead = "STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận," +
	"Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú\r\n"

// upload posts a file as the import form does.
func (b *browser) listsUpload(path, name string, file []byte, fields map[string]string) response {
	b.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(file)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, b.site.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", b.site.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

func TestListImport(t *testing.T) {
	s := newSite(t)
	police := s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	listsMust(t, "import page", police.get("/lists/import"), http.StatusOK, `enctype="multipart/form-data"`, `id="do-import"`, `for="file"`)
	head := map[string]string{"commune_code": "03424", "period": "2026-11", "prepared_on": "2026-11-04",
		"prepared_by": "Trưởng Công an xã Bản Bo", "certified_by": "Chủ tịch UBND xã Bản Bo"}
	good := "1,Lò Văn Thắng,14/07/1990,Nam,012090003175,\"Bản Nà Bó, xã Bản Bo\",Chấp hành xong án phạt tù,112/GCN,21/08/2023,21/08/2023,Sản xuất kinh doanh,80.000.000,,Nuôi lợn thịt\r\n"
	bad := strings.Replace(good, "14/07/1990", "31/02/1990", 1)

	listsMust(t, "a date that is no date", police.listsUpload("/lists/import", "ds.csv", []byte(listsCSVHead+bad), head), http.StatusUnprocessableEntity, "C2: ")
	listsMust(t, "not a form", police.listsUpload("/lists/import", "x.csv", []byte("a,b\n1,2\n"), head), http.StatusUnprocessableEntity, `class="error"`)
	res := police.listsUpload("/lists/import", "ds.csv", []byte(listsCSVHead+good), head)
	if res.status != http.StatusSeeOther || !reListsID.MatchString(res.header.Get("Location")) {
		t.Fatalf("import: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	listsMust(t, "imported", police.get(res.header.Get("Location")), http.StatusOK, "Lò Văn Thắng", "80.000.000 đ", "Đã nhập tệp")

	// The same form sent twice (its key) makes one draft.
	head["key"] = "0123456789abcdef0123456789abcdef"
	first := police.listsUpload("/lists/import", "ds.csv", []byte(listsCSVHead+good), head)
	again := police.listsUpload("/lists/import", "ds.csv", []byte(listsCSVHead+good), head)
	if first.status != http.StatusSeeOther || first.header.Get("Location") != again.header.Get("Location") ||
		first.header.Get("Location") == res.header.Get("Location") {
		t.Errorf("sent twice: %d %q, then %d %q", first.status, first.header.Get("Location"), again.status, again.header.Get("Location"))
	}

	committee := s.browser()
	committee.signIn(s.user(access.CommuneCommittee, []string{"03424"}, ""))
	listsMust(t, "committee import", committee.listsUpload("/lists/import", "ds.csv", []byte(listsCSVHead+good), head), http.StatusForbidden)
}

func TestPlanPages(t *testing.T) {
	s := newSite(t)
	cLogin, cPw := s.user(access.CommuneCommittee, []string{"03598"}, "")
	maker := s.browser()
	maker.signIn(cLogin, cPw)
	checker := s.browser()
	checker.signIn(s.user(access.CommuneCommittee, []string{"03598"}, ""))

	// The plan comes in through the API (the pages show and move plans).
	plan, err := os.ReadFile("../../examples/data/plan-02.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID int64 `json:"id"`
	}
	_ = json.Unmarshal(s.api(s.tokenOf(cLogin), http.MethodPost, "/v1/plans", plan, http.StatusCreated), &doc)
	id := fmt.Sprint(doc.ID)

	listsMust(t, "plans", maker.get("/plans"), http.StatusOK, `id="plan-`+id+`"`)
	listsMust(t, "plan", maker.get("/plans/"+id), http.StatusOK, "Hợp tác xã Chè Suối Tiên", "300.000.000 đ", "Vàng A Chư", `id="do-submit"`)
	if res := maker.post("/plans/"+id+"/submit", nil); res.status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", res.status, res.body)
	}
	// Maker-checker: who submitted does not confirm.
	listsMust(t, "same person", maker.post("/plans/"+id+"/confirm", nil), http.StatusConflict, "không được tự xác nhận")
	if res := checker.post("/plans/"+id+"/confirm", nil); res.status != http.StatusSeeOther {
		t.Fatalf("confirm: %d\n%s", res.status, res.body)
	}
	listsMust(t, "confirmed", checker.get("/plans/"+id+"?done=confirm"), http.StatusOK, "Đã xác nhận phương án.")

	other := s.browser()
	other.signIn(s.user(access.CommuneCommittee, []string{"03424"}, ""))
	listsMust(t, "another commune's plan", other.get("/plans/"+id), http.StatusNotFound)
	viewer := s.browser()
	viewer.signIn(s.user(access.ProvinceViewer, nil, "12"))
	listsMust(t, "province viewer", viewer.get("/plans"), http.StatusForbidden)
}

// The editor's rows: a row ticked to remove and the empty rows are left
// out; a draft without its period is refused at the field.
func TestListEditorRows(t *testing.T) {
	s := newSite(t)
	police := s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	l := listsExample(t)
	form := listsFormValues(l, "period", "prepared_on", "prepared_by", "certified_by")
	form.Set("commune_code", "03424")

	noPeriod := url.Values{}
	for k, v := range form {
		noPeriod[k] = v
	}
	noPeriod.Del("period")
	listsMust(t, "no period", police.post("/lists", noPeriod), http.StatusUnprocessableEntity,
		`<p class="problem" id="period-error">`, `aria-describedby="period-error"`, `value="Lò Văn Thắng"`)

	form.Set("rows.1.remove", "1")
	form.Set("rows.3.full_name", "  ")
	form.Set("then", "submit")
	res := police.post("/lists", form)
	if res.status != http.StatusSeeOther || !strings.HasSuffix(res.header.Get("Location"), "?done=submit") {
		t.Fatalf("create and submit: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	page := police.get(res.header.Get("Location"))
	listsMust(t, "two people", page, http.StatusOK, "Lò Văn Thắng", "Giàng A Páo", "130.000.000 đ", "Đã gửi danh sách.")
	if strings.Contains(page.body, "Tòng Thị Mai") {
		t.Error("the row ticked to remove is still there")
	}
}

// The lists waiting for a role come first on its lists page: a submitted
// list for the committee, a certified one for VBSP, none for a viewer of
// lists who acts on none (provincial police).
func TestListsWaiting(t *testing.T) {
	s := newSite(t)
	police, committee, vbsp, province := s.browser(), s.browser(), s.browser(), s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	committee.signIn(s.user(access.CommuneCommittee, []string{"03424"}, ""))
	vbsp.signIn(s.user(access.VBSPOfficer, []string{"03424"}, ""))
	province.signIn(s.user(access.ProvincialPolice, nil, "12"))
	form := listsFormValues(listsExample(t), "period", "prepared_on", "prepared_by", "certified_by")
	form.Set("commune_code", "03424")
	form.Set("then", "save")
	res := police.post("/lists", form)
	m := reListsID.FindStringSubmatch(res.header.Get("Location"))
	if res.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	id := m[1]
	waiting := func(b *browser) bool {
		t.Helper()
		return strings.Contains(b.get("/lists").body, `id="waiting-`+id+`"`)
	}
	if !waiting(police) || waiting(committee) || waiting(vbsp) {
		t.Fatal("a draft waits for the police alone")
	}
	if res := police.post("/lists/"+id+"/submit", nil); res.status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", res.status, res.body)
	}
	if waiting(police) || !waiting(committee) || waiting(vbsp) {
		t.Fatal("a submitted list waits for the committee alone")
	}
	if res := committee.post("/lists/"+id+"/certify", nil); res.status != http.StatusSeeOther {
		t.Fatalf("certify: %d\n%s", res.status, res.body)
	}
	if waiting(committee) || !waiting(vbsp) || waiting(province) {
		t.Fatal("a certified list waits for VBSP alone")
	}
}
