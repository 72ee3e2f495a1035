package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// The admin's pages: the users (GET /v1/users, POST /v1/users), their
// logins and one-time passwords (kept by the store through Records:
// hashed here, to be changed at the first sign-in), their bearer tokens
// (POST /v1/users/{id}/tokens, DELETE /v1/tokens/{id}); the commune
// catalogue (GET /v1/communes: public, so any signed-in user may read
// it; the home page links it for the admin); and, for anyone signed in,
// the parameter book in force on a day (GET /v1/rules) with each value's
// citation. A one-time password or a token is shown once, on the answer
// to the form that made it, and never again.

func init() {
	addRoutes(
		route{pattern: "GET /admin/users", signedIn: true, handle: (*server).adminUsers},
		route{pattern: "POST /admin/users", signedIn: true, handle: (*server).adminCreateUser},
		route{pattern: "GET /admin/users/{id}", signedIn: true, handle: (*server).adminUser},
		route{pattern: "POST /admin/users/{id}/password", signedIn: true, handle: (*server).adminResetPassword},
		route{pattern: "POST /admin/users/{id}/tokens", signedIn: true, handle: (*server).adminCreateToken},
		route{pattern: "POST /admin/tokens/{id}/revoke", signedIn: true, handle: (*server).adminRevokeToken},
		route{pattern: "GET /admin/communes", signedIn: true, handle: (*server).adminCommunes},
		route{pattern: "GET /rules", signedIn: true, handle: (*server).rulesPage},
	)
	addMessages(map[string][2]string{
		"admin.users.title":    {"Người dùng", "Users"},
		"admin.user.title":     {"Người dùng", "A user"},
		"admin.communes.title": {"Danh mục xã, phường", "The commune catalogue"},
		"admin.id":             {"Mã", "Id"},
		"admin.name":           {"Họ và tên", "Name"},
		"admin.role":           {"Vai trò", "Role"},
		"admin.communes":       {"Xã phụ trách", "Communes"},
		"admin.communes.hint":  {"Mã xã, cách nhau bằng dấu phẩy (cho Công an xã, UBND xã, cán bộ NHCSXH)", "Commune codes, separated by commas (commune police, commune committee, VBSP officer)"},
		"admin.province":       {"Tỉnh phụ trách", "Province"},
		"admin.province.hint":  {"Mã tỉnh hai chữ số (cho Công an tỉnh, người xem số liệu tỉnh)", "The province's two-digit code (provincial police, province viewer)"},
		"admin.province.none":  {"(không)", "(none)"},
		"admin.login":          {"Tên đăng nhập", "Login"},
		"admin.login.hint":     {"3 đến 64 ký tự: chữ thường không dấu a-z, số, dấu chấm, gạch dưới, gạch ngang", "3 to 64 of a-z, 0-9, '.', '_' and '-'"},
		"admin.login.none":     {"(chưa có)", "(none yet)"},
		"admin.login.invalid":  {"Tên đăng nhập phải có 3 đến 64 ký tự a-z, 0-9, '.', '_' hoặc '-'.", "A login is 3 to 64 of a-z, 0-9, '.', '_' and '-'."},
		"admin.login.taken":    {"Tên đăng nhập này đã có người dùng.", "Another user has this login."},
		"admin.login.kept":     {"Người dùng đã có tên đăng nhập; tên đăng nhập không đổi được.", "The user has a login already; logins never change."},
		"admin.created_at":     {"Ngày tạo", "Created"},
		"admin.create":         {"Tạo người dùng mới", "Create a user"},
		"admin.create.submit":  {"Tạo người dùng", "Create the user"},
		"admin.created":        {"Đã tạo người dùng.", "The user is created."},
		"admin.open":           {"Xem", "Open"},
		"admin.password.once":  {"Mật khẩu dùng một lần", "One-time password"},
		"admin.password.handover": {"Hãy trao mật khẩu này tận tay người dùng. Nó chỉ hiện một lần; người dùng phải đổi mật khẩu ngay lần đăng nhập đầu.",
			"Hand this password over to the user in person. It is shown only once; the user must change it at the first sign-in."},
		"admin.password.reset":                   {"Đặt lại mật khẩu", "Reset the password"},
		"admin.password.reset.hint":              {"Tạo một mật khẩu dùng một lần mới; mật khẩu cũ hết hiệu lực.", "Make a new one-time password; the old one stops working."},
		"admin.password.done":                    {"Đã đặt mật khẩu dùng một lần mới.", "A new one-time password is set."},
		"admin.token":                            {"Mã truy cập API (bearer token)", "API bearer token"},
		"admin.token.create":                     {"Tạo mã truy cập", "Make a token"},
		"admin.token.expires":                    {"Hết hạn sau ngày (không bắt buộc)", "Last day it works (optional)"},
		"admin.token.once":                       {"Mã này chỉ hiện một lần. Hãy sao chép và trao cho người dùng qua kênh an toàn.", "This token is shown only once. Copy it and hand it over by a safe channel."},
		"admin.token.id":                         {"Mã số của token", "Token id"},
		"admin.token.never":                      {"không hết hạn (đến khi thu hồi)", "never (until revoked)"},
		"admin.token.revoke":                     {"Thu hồi token này", "Revoke this token"},
		"admin.token.revoked":                    {"Đã thu hồi token.", "The token is revoked."},
		"admin.back":                             {"Về danh sách người dùng", "Back to the users"},
		"admin.communes.search":                  {"Tìm theo tên hoặc mã xã", "Search by name or code"},
		"admin.communes.in":                      {"Tỉnh", "Province"},
		"admin.communes.all":                     {"Tất cả các tỉnh", "Every province"},
		"admin.communes.submit":                  {"Tìm", "Search"},
		"admin.communes.count":                   {"Số xã, phường", "Communes"},
		"admin.communes.total":                   {"Tổng số", "In all"},
		"admin.communes.found":                   {"Kết quả", "Found"},
		"admin.communes.more":                    {"Chỉ hiện 200 kết quả đầu; hãy tìm cụ thể hơn.", "Only the first 200 are shown; search more narrowly."},
		"admin.communes.ask":                     {"Nhập tên hoặc mã, hoặc chọn một tỉnh, để xem các xã.", "Type a name or a code, or choose a province, to see its communes."},
		"admin.communes.code":                    {"Mã xã", "Code"},
		"admin.communes.name":                    {"Tên", "Name"},
		"admin.communes.province":                {"Mã tỉnh", "Province code"},
		"admin.communes.by_province":             {"Số xã theo tỉnh", "Communes by province"},
		"rules.title":                            {"Các thông số và quy định đang áp dụng", "The parameters and rules in force"},
		"rules.on":                               {"Vào ngày", "On"},
		"rules.province":                         {"Tỉnh, thành phố", "Province"},
		"rules.national":                         {"Toàn quốc", "National"},
		"rules.show":                             {"Xem", "Show"},
		"rules.version":                          {"Phiên bản bộ thông số", "Version of the parameter book"},
		"rules.in_force":                         {"Chính sách có hiệu lực từ", "The policy is in force from"},
		"rules.valid":                            {"Bộ thông số này áp dụng", "This set of values holds"},
		"rules.until_notice":                     {"đến khi có quy định mới", "until further notice"},
		"rules.rates":                            {"Lãi suất", "Rates"},
		"rules.rate":                             {"Lãi suất cho vay", "Lending rate"},
		"rules.overdue_rate":                     {"Lãi suất nợ quá hạn", "Overdue rate"},
		"rules.per_month":                        {"%/tháng", "%/month"},
		"rules.per_year":                         {"%/năm", "%/year"},
		"rules.parameters":                       {"Thông số", "Parameters"},
		"rules.key":                              {"Thông số", "Parameter"},
		"rules.value":                            {"Giá trị", "Value"},
		"rules.span":                             {"Áp dụng", "Holds"},
		"rules.citation":                         {"Căn cứ", "Citation"},
		"rules.rules":                            {"Điều kiện được vay", "Eligibility rules"},
		"rules.rule":                             {"Quy định", "Rule"},
		"rules.applies":                          {"Áp dụng cho", "Applies to"},
		"rules.individual":                       {"cá nhân", "individuals"},
		"rules.establishment":                    {"cơ sở sản xuất, kinh doanh", "establishments"},
		"rules.yes":                              {"Có", "Yes"},
		"rules.no":                               {"Không", "No"},
		"rules.unit.years":                       {"năm", "years"},
		"rules.unit.percent":                     {"%", "%"},
		"rules.unit.months":                      {"tháng", "months"},
		"rules.unit.percent per year":            {"%/năm", "%/year"},
		"rules.unit.percent of the lending rate": {"% lãi suất cho vay", "% of the lending rate"},
		"rules.unit.VND per course month":        {"mỗi tháng học", "per course month"},
		"rules.unit.VND per worker":              {"mỗi lao động", "per worker"},
		"rules.unit.times the course length":     {"lần thời gian khóa học", "times the course length"},
		"rules.choice.all_workers":               {"tính trên tổng số lao động", "counted on all workers"},
		"rules.choice.qualifying_workers":        {"tính trên số lao động đủ điều kiện", "counted on the qualifying workers"},
		"rules.choice.interest_first":            {"trả lãi trước, gốc sau", "interest first, then principal"},
		"rules.choice.principal_first":           {"trả gốc trước, lãi sau", "principal first, then interest"},
		"rules.choice.next_parts_first":          {"trừ vào các kỳ gần nhất trước", "to the next instalments first"},
		"rules.choice.last_parts_first":          {"trừ vào các kỳ cuối trước", "to the last instalments first"},
	})
	addWork("users.manage", "/admin/users", "admin.users.title")
	addWork("users.manage", "/admin/communes", "admin.communes.title")
	addWork("calculate", "/rules", "rules.title")
}

// admRoles are the roles, in the order the form offers them.
var admRoles = []string{"commune_police", "commune_committee", "vbsp_officer", "provincial_police", "province_viewer", "auditor", "admin"}

// admUser is a user as the API answers it, with the login the store
// keeps for the pages.
type admUser struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	Communes  []string `json:"communes"`
	Province  string   `json:"province"`
	CreatedAt string   `json:"created_at"`
	Login     string   `json:"-"`
	// OIDC is the user's link to the province's identity provider (nil
	// without one; see oidc.go).
	OIDC *admSubjectView `json:"-"`
}

// CommuneList is the user's communes, comma separated.
func (u admUser) CommuneList() string { return strings.Join(u.Communes, ", ") }

// admToken is a token just made (shown once).
type admToken struct {
	ID        int64   `json:"id"`
	UserID    int64   `json:"user_id"`
	Token     string  `json:"token"`
	ExpiresOn *string `json:"expires_on"`
}

// admView is what admin_users.html gets: the list with the creation form
// (Users), or one user (User) with what was just made for them.
type admView struct {
	Users     []admUser
	User      *admUser
	Roles     []string
	Provinces []credit.Province
	Form      map[string]string
	Errs      map[string][]string // a field's problems, in the page's language
	Others    []string            // problems at no field of the form
	Password  string              // a one-time password, shown once
	Token     *admToken           // a token, shown once
}

func (s *server) admNewView() *admView {
	return &admView{Roles: admRoles, Provinces: credit.Provinces(), Form: map[string]string{}, Errs: map[string][]string{}}
}

// admLogin is the user's login ("" when none, or when the store fails:
// the page still shows the user).
func (s *server) admLogin(r *http.Request, id int64) string {
	l, err := s.records.Login(r.Context(), id)
	if err != nil {
		s.log.Error("login", "request_id", requestID(r), "error", err)
	}
	return l
}

func (s *server) adminUsers(w http.ResponseWriter, r *http.Request, u *viewer) {
	v := s.admNewView()
	if !s.admList(w, r, u, v) {
		return
	}
	p := newPage(r, u, "admin.users.title", v)
	if r.URL.Query().Get("done") == "revoked" {
		p.Notice = "admin.token.revoked"
	}
	s.render(w, r, http.StatusOK, "admin_users", p)
}

// admList fills v.Users from the API; false when it answered an error
// page.
func (s *server) admList(w http.ResponseWriter, r *http.Request, u *viewer, v *admView) bool {
	a := s.call(r, u, http.MethodGet, "/v1/users", nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return false
	}
	var out struct {
		Users []admUser `json:"users"`
	}
	if err := a.decode(&out); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return false
	}
	for i := range out.Users {
		out.Users[i].Login = s.admLogin(r, out.Users[i].ID)
	}
	v.Users = out.Users
	return true
}

// admValidLogin: 3 to 64 of a-z, 0-9, '.', '_' and '-' (the store's
// rule for a login, checked before the user is made so that no user is
// left without one).
func admValidLogin(l string) bool {
	if len(l) < 3 || len(l) > 64 {
		return false
	}
	for i := range len(l) {
		c := l[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// admLoginProblem is why login cannot be a new user's login ("" when it
// can), as a message key.
func (s *server) admLoginProblem(r *http.Request, login string) (string, error) {
	if !admValidLogin(login) {
		return "admin.login.invalid", nil
	}
	_, _, _, err := s.records.Credentials(r.Context(), login)
	switch {
	case err == nil:
		return "admin.login.taken", nil
	case errors.Is(err, records.ErrNotFound):
		return "", nil
	}
	return "", err
}

func (s *server) adminCreateUser(w http.ResponseWriter, r *http.Request, u *viewer) {
	if !u.May("users.manage") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	v := s.admNewView()
	for _, k := range []string{"name", "role", "communes", "province", "login"} {
		v.Form[k] = strings.TrimSpace(r.PostFormValue(k))
	}
	lang := langOf(r)
	again := func(status int) {
		if !s.admList(w, r, u, v) {
			return
		}
		p := newPage(r, u, "admin.users.title", v)
		p.Error = "form.problems"
		s.render(w, r, status, "admin_users", p)
	}
	login := strings.ToLower(v.Form["login"])
	v.Form["login"] = login
	msg, err := s.admLoginProblem(r, login)
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	if msg != "" {
		v.Errs["login"] = []string{tr(lang, msg)}
		again(http.StatusUnprocessableEntity)
		return
	}
	body := map[string]any{"name": v.Form["name"], "role": v.Form["role"]}
	if c := v.Form["communes"]; c != "" {
		var codes []string
		for _, code := range strings.Split(c, ",") {
			codes = append(codes, strings.TrimSpace(code))
		}
		body["communes"] = codes
	}
	if p := v.Form["province"]; p != "" {
		body["province"] = p
	}
	a := s.callJSON(r, u, http.MethodPost, "/v1/users", body)
	if a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest {
		pr := a.problem()
		admSpread(&pr, lang, v)
		again(a.Status)
		return
	}
	var created admUser
	if !s.read(w, r, u, a, &created) {
		return
	}
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err == nil {
		err = s.records.SetPassword(r.Context(), u.actor(r), created.ID, login, hash, true)
	}
	if err != nil {
		// The user is made but has no login: the user's page offers one.
		s.log.Error("set password", "request_id", requestID(r), "error", err)
		http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(created.ID, 10), http.StatusSeeOther)
		return
	}
	created.Login = login
	v = s.admNewView()
	v.User, v.Password = &created, pw
	p := newPage(r, u, "admin.user.title", v)
	p.Notice = "admin.created"
	s.render(w, r, http.StatusOK, "admin_users", p)
}

// admSpread puts the API's problems at the form's fields.
func admSpread(pr *problem, lang string, v *admView) {
	for _, e := range pr.Errors {
		field := strings.TrimPrefix(e.Pointer, "/")
		if i := strings.IndexByte(field, '/'); i >= 0 {
			field = field[:i]
		}
		d := pick(lang, e.Detail, e.DetailEN)
		switch field {
		case "name", "role", "communes", "province":
			v.Errs[field] = append(v.Errs[field], d)
		default:
			v.Others = append(v.Others, e.Text(lang))
		}
	}
	if len(pr.Errors) == 0 {
		v.Others = append(v.Others, pr.Text(lang))
	}
}

// admOne reads a user from the API (its 404 and 403 as pages); nil when
// it answered an error page.
func (s *server) admOne(w http.ResponseWriter, r *http.Request, u *viewer) *admUser {
	a := s.call(r, u, http.MethodGet, "/v1/users/"+url.PathEscape(r.PathValue("id")), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return nil
	}
	var one admUser
	if err := a.decode(&one); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return nil
	}
	one.Login = s.admLogin(r, one.ID)
	one.OIDC = s.admSubject(r, one.ID)
	return &one
}

func (s *server) adminUser(w http.ResponseWriter, r *http.Request, u *viewer) {
	one := s.admOne(w, r, u)
	if one == nil {
		return
	}
	v := s.admNewView()
	v.User = one
	p := newPage(r, u, "admin.user.title", v)
	switch r.URL.Query().Get("done") {
	case "linked":
		p.Notice = "admin.subject.done"
	case "unlinked":
		p.Notice = "admin.subject.ended"
	}
	s.render(w, r, http.StatusOK, "admin_users", p)
}

// adminResetPassword gives the user a new one-time password (and a login,
// when they have none yet).
func (s *server) adminResetPassword(w http.ResponseWriter, r *http.Request, u *viewer) {
	if !u.May("users.manage") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	one := s.admOne(w, r, u)
	if one == nil {
		return
	}
	v := s.admNewView()
	v.User = one
	login := ""
	if one.Login == "" {
		login = strings.ToLower(strings.TrimSpace(r.PostFormValue("login")))
		v.Form["login"] = login
		msg, err := s.admLoginProblem(r, login)
		if err != nil {
			s.fail(w, r, u, http.StatusInternalServerError, "error.server")
			return
		}
		if msg != "" {
			v.Errs["login"] = []string{tr(langOf(r), msg)}
			p := newPage(r, u, "admin.user.title", v)
			p.Error = "form.problems"
			s.render(w, r, http.StatusUnprocessableEntity, "admin_users", p)
			return
		}
	}
	pw := NewPassword()
	hash, err := HashPassword(pw)
	if err == nil {
		err = s.records.SetPassword(r.Context(), u.actor(r), one.ID, login, hash, true)
	}
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	if login != "" {
		one.Login = login
	}
	v.Password = pw
	p := newPage(r, u, "admin.user.title", v)
	p.Notice = "admin.password.done"
	s.render(w, r, http.StatusOK, "admin_users", p)
}

func (s *server) adminCreateToken(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	body := map[string]any{}
	exp := strings.TrimSpace(r.PostFormValue("expires_on"))
	if exp != "" {
		body["expires_on"] = exp
	}
	a := s.callJSON(r, u, http.MethodPost, "/v1/users/"+url.PathEscape(r.PathValue("id"))+"/tokens", body)
	if a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest {
		one := s.admOne(w, r, u)
		if one == nil {
			return
		}
		pr := a.problem()
		v := s.admNewView()
		v.User = one
		v.Form["expires_on"] = exp
		for _, e := range pr.Errors {
			if e.Pointer == "/expires_on" {
				v.Errs["expires_on"] = append(v.Errs["expires_on"], pick(langOf(r), e.Detail, e.DetailEN))
			} else {
				v.Others = append(v.Others, e.Text(langOf(r)))
			}
		}
		p := newPage(r, u, "admin.user.title", v)
		p.Error = "form.problems"
		s.render(w, r, a.Status, "admin_users", p)
		return
	}
	var tok admToken
	if !s.read(w, r, u, a, &tok) {
		return
	}
	one := s.admOne(w, r, u)
	if one == nil {
		return
	}
	v := s.admNewView()
	v.User, v.Token = one, &tok
	s.render(w, r, http.StatusCreated, "admin_users", newPage(r, u, "admin.user.title", v))
}

func (s *server) adminRevokeToken(w http.ResponseWriter, r *http.Request, u *viewer) {
	a := s.call(r, u, http.MethodDelete, "/v1/tokens/"+url.PathEscape(r.PathValue("id")), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	http.Redirect(w, r, "/admin/users?done=revoked", http.StatusSeeOther)
}

// ---- the commune catalogue ----

type admCommune struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	ProvinceCode string `json:"province_code"`
}

type admProvinceCount struct {
	Code, Name string
	Communes   int
}

type admCatalogue struct {
	Query, Province string
	Provinces       []admProvinceCount
	Total           int
	Found           []admCommune
	Searched, More  bool
}

// admFound is at most this many communes of a search.
const admFound = 200

func (s *server) adminCommunes(w http.ResponseWriter, r *http.Request, u *viewer) {
	var out struct {
		Communes []admCommune `json:"communes"`
	}
	if !s.fetch(w, r, u, "/v1/communes", &out) {
		return
	}
	c := &admCatalogue{Query: strings.TrimSpace(r.URL.Query().Get("q")), Province: r.URL.Query().Get("province"), Total: len(out.Communes)}
	counts := map[string]int{}
	for _, cm := range out.Communes {
		counts[cm.ProvinceCode]++
	}
	for code, n := range counts {
		pc := admProvinceCount{Code: code, Communes: n}
		if p, ok := credit.ProvinceByCode(code); ok {
			pc.Name = p.Name
		}
		c.Provinces = append(c.Provinces, pc)
	}
	sort.Slice(c.Provinces, func(i, j int) bool { return c.Provinces[i].Code < c.Provinces[j].Code })
	if c.Query != "" || c.Province != "" {
		c.Searched = true
		q := places.Fold(c.Query)
		for _, cm := range out.Communes {
			if c.Province != "" && cm.ProvinceCode != c.Province {
				continue
			}
			if q != "" && !strings.Contains(places.Fold(cm.Name), q) && !strings.HasPrefix(cm.Code, c.Query) {
				continue
			}
			if len(c.Found) == admFound {
				c.More = true
				break
			}
			c.Found = append(c.Found, cm)
		}
	}
	s.render(w, r, http.StatusOK, "admin_communes", newPage(r, u, "admin.communes.title", c))
}

// ---- the parameter book ----

type rulesCitation struct {
	Text   string `json:"text"`
	TextEN string `json:"text_en"`
	Note   string `json:"note"`
}

type rulesParameter struct {
	Key       string          `json:"key"`
	Value     json.RawMessage `json:"value"`
	Unit      string          `json:"unit"`
	AboutVI   string          `json:"about_vi"`
	AboutEN   string          `json:"about_en"`
	From      string          `json:"from"`
	To        *string         `json:"to"`
	Provinces []string        `json:"provinces"`
	Citation  rulesCitation   `json:"citation"`
}

// ValueText is the parameter's value as people read it, in lang: money
// as money, flags as yes or no, with its unit.
func (p rulesParameter) ValueText(lang string) string {
	var v any
	if err := json.Unmarshal(p.Value, &v); err != nil {
		return string(p.Value)
	}
	var s string
	switch x := v.(type) {
	case bool:
		s = tr(lang, "rules.no")
		if x {
			s = tr(lang, "rules.yes")
		}
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		s = x
	}
	if _, ok := messages["rules.choice."+s]; ok {
		s = tr(lang, "rules.choice."+s)
	}
	unit := p.Unit
	if strings.HasPrefix(unit, "VND") {
		s = vnMoney(s)
	}
	if _, ok := messages["rules.unit."+unit]; ok {
		unit = tr(lang, "rules.unit."+unit)
	} else {
		unit = strings.TrimSpace(strings.TrimPrefix(unit, "VND"))
	}
	if unit != "" {
		s += " " + unit
	}
	return s
}

// Until is the last day of the value, "" when until further notice.
func (p rulesParameter) Until() string {
	if p.To == nil {
		return ""
	}
	return *p.To
}

type rulesBook struct {
	RulesVersion    string        `json:"rules_version"`
	On              string        `json:"on"`
	InForce         string        `json:"in_force"`
	InForceCitation rulesCitation `json:"in_force_citation"`
	ValidFrom       string        `json:"valid_from"`
	ValidTo         *string       `json:"valid_to"`
	Rates           struct {
		RateMonthlyPct        string        `json:"rate_monthly_pct"`
		RateYearlyPct         string        `json:"rate_yearly_pct"`
		OverdueRateMonthlyPct string        `json:"overdue_rate_monthly_pct"`
		OverdueRateYearlyPct  string        `json:"overdue_rate_yearly_pct"`
		Citation              rulesCitation `json:"citation"`
	} `json:"rates"`
	Parameters []rulesParameter `json:"parameters"`
	Rules      []struct {
		Rule      string          `json:"rule"`
		AppliesTo []string        `json:"applies_to"`
		Citations []rulesCitation `json:"citations"`
	} `json:"rules"`
	Jurisdiction *struct {
		Province     *string `json:"province"`
		ProvinceName string  `json:"province_name"`
		MessageVI    string  `json:"message_vi"`
		MessageEN    string  `json:"message_en"`
	} `json:"jurisdiction"`
}

// ValidUntil is the last day of the set, "" when until further notice.
func (b *rulesBook) ValidUntil() string {
	if b.ValidTo == nil {
		return ""
	}
	return *b.ValidTo
}

type rulesView struct {
	Form      map[string]string
	Provinces []credit.Province
	Book      *rulesBook
}

func (s *server) rulesPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	v := &rulesView{Form: map[string]string{"on": r.URL.Query().Get("on"), "province": r.URL.Query().Get("province")},
		Provinces: credit.Provinces()}
	if v.Form["on"] == "" {
		v.Form["on"] = s.now().In(vietnam).Format("2006-01-02")
	}
	q := url.Values{"on": {v.Form["on"]}}
	if v.Form["province"] != "" {
		q.Set("province", v.Form["province"])
	}
	a := s.call(r, u, http.MethodGet, "/v1/rules?"+q.Encode(), nil, "")
	p := newPage(r, u, "rules.title", v)
	switch {
	case a.Status == http.StatusBadRequest || a.Status == http.StatusUnprocessableEntity:
		pr := a.problem()
		p.Problem = &pr
		s.render(w, r, a.Status, "rules", p)
		return
	case !a.OK():
		s.failAPI(w, r, u, a)
		return
	}
	var b rulesBook
	if err := a.decode(&b); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	v.Book = &b
	s.render(w, r, http.StatusOK, "rules", p)
}
