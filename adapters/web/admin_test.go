package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
)

var (
	reAdmPassword = regexp.MustCompile(`id="one-time-password">([A-Z0-9]{16})<`)
	reAdmUserID   = regexp.MustCompile(`action="/admin/users/(\d+)/password"`)
	reAdmToken    = regexp.MustCompile(`id="token">(crd_[A-Za-z0-9_-]+)<`)
	reAdmRevoke   = regexp.MustCompile(`action="(/admin/tokens/\d+/revoke)"`)
)

// admFind is the first submatch of re in body; it fails the test without.
func admFind(t *testing.T, re *regexp.Regexp, body string) string {
	t.Helper()
	m := re.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no %s in\n%s", re, body)
	}
	return m[1]
}

func TestAdminCreatesUser(t *testing.T) {
	s := newSite(t)
	admin := s.browser()
	admin.signIn(s.user(access.Admin, nil, ""))

	repWants(t, "the users", admin.get("/admin/users"), http.StatusOK, `id="do-create-user"`, `for="login"`, "Quản trị viên")

	// Mistakes, each at its field; nothing is made.
	for _, tc := range []struct {
		name  string
		form  url.Values
		field string
	}{
		{"an unknown commune", url.Values{"name": {"Lò Thị Hoa"}, "role": {"commune_police"}, "communes": {"99999"}, "login": {"hoa.lt"}}, "communes-error"},
		{"no commune", url.Values{"name": {"Lò Thị Hoa"}, "role": {"commune_police"}, "login": {"hoa.lt"}}, "communes-error"},
		{"a province for a commune role", url.Values{"name": {"Lò Thị Hoa"}, "role": {"commune_police"}, "communes": {"03424"}, "province": {"12"}, "login": {"hoa.lt"}}, "province-error"},
		{"no name", url.Values{"role": {"auditor"}, "login": {"hoa.lt"}}, "name-error"},
		{"a bad login", url.Values{"name": {"Lò Thị Hoa"}, "role": {"auditor"}, "login": {"Hoa LT"}}, "login-error"},
	} {
		res := admin.post("/admin/users", tc.form)
		repWants(t, tc.name, res, http.StatusUnprocessableEntity, `id="`+tc.field+`"`, `class="problem"`)
		if strings.Contains(res.body, "one-time-password") {
			t.Errorf("%s: a password was made", tc.name)
		}
	}

	res := admin.post("/admin/users", url.Values{"name": {"Lò Thị Hoa"}, "role": {"commune_police"}, "communes": {"03424, 03430"}, "login": {"hoa.lt"}})
	repWants(t, "the new user", res, http.StatusOK, "Đã tạo người dùng.", `<code id="user-login">hoa.lt</code>`, "03424, 03430",
		"trao mật khẩu này tận tay")
	pw := admFind(t, reAdmPassword, res.body)
	id := admFind(t, reAdmUserID, res.body)
	if strings.Contains(res.header.Get("Cache-Control"), "no-store") == false {
		t.Error("the one-time password may be cached")
	}

	// The login is taken now.
	repWants(t, "a login taken", admin.post("/admin/users", url.Values{"name": {"Người khác"}, "role": {"auditor"}, "login": {"hoa.lt"}}),
		http.StatusUnprocessableEntity, `id="login-error"`, "đã có người dùng")

	// The new user signs in with it and is sent to change it.
	hoa := s.browser()
	hoa.signIn("hoa.lt", pw)
	if res := hoa.get("/"); res.status != http.StatusSeeOther || res.header.Get("Location") != "/password" {
		t.Fatalf("the new user's home: %d %q", res.status, res.header.Get("Location"))
	}

	// The user's page shows no password again; a reset makes a new one.
	page := admin.get("/admin/users/" + id)
	repWants(t, "the user's page", page, http.StatusOK, `id="do-reset-password"`, `id="do-create-token"`)
	if strings.Contains(page.body, pw) {
		t.Error("the password shown again")
	}
	res = admin.post("/admin/users/"+id+"/password", nil)
	repWants(t, "a reset", res, http.StatusOK, "Đã đặt mật khẩu dùng một lần mới.")
	pw2 := admFind(t, reAdmPassword, res.body)
	if pw2 == pw {
		t.Error("the same password")
	}
	if r := s.browser().post("/signin", url.Values{"login": {"hoa.lt"}, "password": {pw}}); r.status != http.StatusUnauthorized {
		t.Errorf("the old password: %d", r.status)
	}
	s.browser().signIn("hoa.lt", pw2)
	repWants(t, "no such user", admin.post("/admin/users/999999/password", nil), http.StatusNotFound)
	repWants(t, "not a user id", admin.get("/admin/users/abc"), http.StatusNotFound)

	// A token, shown once, then revoked.
	res = admin.post("/admin/users/"+id+"/tokens", nil)
	repWants(t, "a token", res, http.StatusCreated, "chỉ hiện một lần")
	tok := admFind(t, reAdmToken, res.body)
	revoke := admFind(t, reAdmRevoke, res.body)
	if b := s.api(tok, http.MethodGet, "/v1/lists?period=2026-11", nil, http.StatusOK); len(b) == 0 {
		t.Error("the token does not work")
	}
	repWants(t, "a token that expired", admin.post("/admin/users/"+id+"/tokens", url.Values{"expires_on": {"2020-01-01"}}),
		http.StatusUnprocessableEntity, `id="expires_on-error"`)
	if r := admin.post(revoke, nil); r.status != http.StatusSeeOther || r.header.Get("Location") != "/admin/users?done=revoked" {
		t.Fatalf("revoke: %d %q", r.status, r.header.Get("Location"))
	}
	repWants(t, "after the revocation", admin.get("/admin/users?done=revoked"), http.StatusOK, "Đã thu hồi token.", "hoa.lt")
	s.api(tok, http.MethodGet, "/v1/lists?period=2026-11", nil, http.StatusUnauthorized)

	// The admin's home links its pages.
	home := admin.get("/")
	for _, l := range []string{`href="/admin/users"`, `href="/admin/communes"`, `href="/rules"`, `href="/eligibility"`, `href="/reports/plan"`} {
		if !strings.Contains(home.body, l) {
			t.Errorf("the admin's home has no %s", l)
		}
	}
}

func TestAdminAndAuditRefused(t *testing.T) {
	s := newSite(t)
	police := s.browser()
	police.signIn(s.user(access.CommunePolice, []string{"03424"}, ""))
	for _, tc := range []struct {
		method, path string
	}{
		{"GET", "/admin/users"}, {"POST", "/admin/users"}, {"GET", "/admin/users/1"}, {"POST", "/admin/users/1/password"},
		{"POST", "/admin/users/1/tokens"}, {"POST", "/admin/tokens/1/revoke"},
		{"GET", "/audit"}, {"GET", "/audit/verify"}, {"POST", "/audit/verify"}, {"GET", "/audit/checkpoint"},
	} {
		var res response
		if tc.method == "GET" {
			res = police.get(tc.path)
		} else {
			res = police.post(tc.path, url.Values{"name": {"x"}, "role": {"admin"}, "login": {"xyz"}})
		}
		repWants(t, tc.method+" "+tc.path, res, http.StatusForbidden, "Vai trò của bạn không được làm việc này.")
	}
	home := police.get("/")
	if strings.Contains(home.body, `href="/admin/users"`) || strings.Contains(home.body, `href="/audit"`) {
		t.Error("the commune police's home links the admin's or the auditor's pages")
	}
	// The auditor may not manage users either.
	auditor := s.browser()
	auditor.signIn(s.user(access.Auditor, nil, ""))
	repWants(t, "the auditor's users", auditor.get("/admin/users"), http.StatusForbidden)
}

func TestAuditPages(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.signIn(s.user(access.Auditor, nil, ""))
	res := b.get("/audit")
	repWants(t, "the trail", res, http.StatusOK, `<th scope="col" class="num">Số thứ tự</th>`, "<code>signin</code>", "thành công",
		`id="do-verify"`, `href="/audit/checkpoint"`)
	if strings.Contains(res.body, `id="audit-next"`) {
		t.Error("a next page of a short trail")
	}
	repWants(t, "verify", b.post("/audit/verify", nil), http.StatusOK, `id="audit-valid"`, "Nhật ký toàn vẹn")
	repWants(t, "verify by GET", b.get("/audit/verify"), http.StatusOK, `id="audit-valid"`)
	// Without a signing key, the server says so.
	repWants(t, "the checkpoint", b.get("/audit/checkpoint"), http.StatusNotImplemented, "chưa được cấu hình khóa ký")

	// Many entries: a next page.
	for range 60 {
		b.get("/reports/monthly?period=2026-11") // a refusal each, audited
		b.get("/reports/demand?year=2026")
	}
	res = b.get("/audit")
	repWants(t, "a full page", res, http.StatusOK, `href="/audit?after=100"`, "bị từ chối")
	repWants(t, "the next page", b.get("/audit?after=100"), http.StatusOK, "<td class=\"num\">101</td>")
	repWants(t, "a bad after", b.get("/audit?after=x"), http.StatusBadRequest)
	if home := b.get("/"); !strings.Contains(home.body, `href="/audit"`) || strings.Contains(home.body, `href="/admin/users"`) {
		t.Error("the auditor's home links")
	}
}

func TestCommunesAndRules(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.signIn(s.user(access.Admin, nil, ""))
	res := b.get("/admin/communes")
	repWants(t, "the catalogue", res, http.StatusOK, "3321", "Tỉnh Lai Châu", `for="q"`)
	repWants(t, "a search", b.get("/admin/communes?q=ban+bo"), http.StatusOK, "<td>03424</td>", "Xã Bản Bo")
	repWants(t, "a province", b.get("/admin/communes?province=12"), http.StatusOK, "<td>03424</td>")
	if res := b.get("/admin/communes?q=zzzz"); strings.Contains(res.body, "communes-found") {
		t.Error("found something for zzzz")
	}

	viewer := s.browser()
	viewer.signIn(s.user(access.ProvinceViewer, nil, "12"))
	repWants(t, "the rules", viewer.get("/rules?on=2024-06-01"), http.StatusOK, "Quyết định 22/2023/QĐ-TTg", "0.55 %/tháng",
		"100.000.000 đ", "Điều 3 khoản 2 điểm a", `id="param-release_window_years"`, "5 năm", "4.000.000 đ mỗi tháng học", "trả lãi trước, gốc sau")
	repWants(t, "the rules of Lai Châu in the cut", viewer.get("/rules?on=2025-10-15&province=12"), http.StatusOK, "2654/QĐ-TTg")
	repWants(t, "not a day", viewer.get("/rules?on=2024-02-30"), http.StatusBadRequest, `id="on-error"`)
	repWants(t, "before the policy", viewer.get("/rules?on=2023-01-01"), http.StatusUnprocessableEntity, `class="problem" id="on-error"`)
}
