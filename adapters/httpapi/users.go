package httpapi

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// Users and their tokens (admin): POST /v1/users, GET /v1/users, GET
// /v1/users/{id}, POST /v1/users/{id}/tokens, DELETE /v1/tokens/{id}.

// userRequest is the body of POST /v1/users.
type userRequest struct {
	Name     json.RawMessage   `json:"name"`
	Role     json.RawMessage   `json:"role"`
	Communes []json.RawMessage `json:"communes"`
	Province json.RawMessage   `json:"province"`
}

// userJSON is a user as the answers show it. The name is an officer's
// name: it is shown to the admin, never written to the audit trail or the
// log.
type userJSON struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Communes  []string  `json:"communes,omitempty"`
	Province  string    `json:"province,omitempty"`
	CreatedAt time.Time `json:"created_at"`
}

func newUserJSON(u records.User) userJSON {
	return userJSON{ID: u.ID, Name: u.Name, Role: u.Role, Communes: u.Communes, Province: u.Province, CreatedAt: u.CreatedAt.UTC()}
}

// usersResponse is the 200 body of GET /v1/users.
type usersResponse struct {
	Users []userJSON `json:"users"`
}

// MaxUserName bounds a user's name, in characters.
const MaxUserName = 200

var (
	msgRoleEnum = credit.Text{
		VI: "Vai trò phải là một trong: " + roleList() + ".",
		EN: "The role must be one of: " + roleList() + ".",
	}
	msgUserNameLength = credit.Text{
		VI: "Tên dài quá " + strconv.Itoa(MaxUserName) + " ký tự.",
		EN: "The name is longer than " + strconv.Itoa(MaxUserName) + " characters.",
	}
	msgCommuneCode = credit.Text{
		VI: "Mã xã phải gồm đúng 5 chữ số (ví dụ \"03424\").",
		EN: "A commune code must be exactly 5 digits (for example \"03424\").",
	}
	msgProvinceCode = credit.Text{
		VI: "Mã tỉnh phải gồm đúng 2 chữ số (ví dụ \"12\").",
		EN: "A province code must be exactly 2 digits (for example \"12\").",
	}
	msgDuplicateCommune = credit.Text{
		VI: "Xã này đã có ở một mục trước.",
		EN: "This commune is already listed.",
	}
	msgUnknownCommune = credit.Text{
		VI: "Mã xã không có trong danh mục xã của máy chủ (GET /v1/communes).",
		EN: "The commune code is not in the server's catalogue (GET /v1/communes).",
	}
	msgUnknownProvince = credit.Text{
		VI: "Mã tỉnh không có trong danh mục của máy chủ.",
		EN: "The province code is not in the server's catalogue.",
	}
	msgCommunesRequired = credit.Text{
		VI: "Vai trò này làm việc trong phạm vi các xã: cần ít nhất một xã (communes).",
		EN: "This role works within communes: at least one commune is needed (communes).",
	}
	msgProvinceRequired = credit.Text{
		VI: "Vai trò này làm việc trong phạm vi một tỉnh: cần mã tỉnh (province).",
		EN: "This role works within a province: the province code is needed (province).",
	}
	msgCommunesNotApplicable = credit.Text{
		VI: "Vai trò này không làm việc theo xã: bỏ trường communes.",
		EN: "This role does not work by commune: leave communes out.",
	}
	msgProvinceNotApplicable = credit.Text{
		VI: "Vai trò này không làm việc theo tỉnh: bỏ trường province.",
		EN: "This role does not work by province: leave province out.",
	}
	msgExpiresOnPast = credit.Text{
		VI: "Ngày hết hạn không được trước hôm nay (giờ Việt Nam).",
		EN: "The expiry date cannot be before today (Vietnam time).",
	}
)

func roleList() string {
	var names []string
	for _, r := range access.Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// createUser handles POST /v1/users: 201 with the user and its Location.
// The body is checked whole: the name (text, at most MaxUserName
// characters), the role (one of access.Roles), and the scope the role
// needs — communes of the catalogue for the roles scoped to communes, a
// province for those scoped to a province, neither for admin and auditor.
func (s *server) createUser(w http.ResponseWriter, r *http.Request) {
	var req userRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return
	}
	u, err := s.readUser(r, rd, &req)
	if err == nil {
		u, err := s.records.CreateUser(r.Context(), actor(r), u)
		if err == nil {
			w.Header().Set("Location", "/v1/users/"+strconv.FormatInt(u.ID, 10))
			writeJSON(w, http.StatusCreated, newUserJSON(u))
			return
		}
	}
	s.writeError(w, r, err)
}

// readUser reads a POST /v1/users body, reporting every problem.
func (s *server) readUser(r *http.Request, rd *reader, req *userRequest) (records.NewUser, error) {
	var u records.NewUser
	switch name, ok := rd.str(req.Name, "/name"); {
	case absent(req.Name) || ok && strings.TrimSpace(name) == "":
		rd.add("/name", credit.CodeRequired, credit.MsgRequired, nil)
	case ok && utf8.RuneCountInString(name) > MaxUserName:
		rd.add("/name", forms.CodeTooLong, msgUserNameLength, nil)
	case ok:
		u.Name = name
	}
	var role access.Role
	roleOK := false
	if absent(req.Role) {
		rd.add("/role", credit.CodeRequired, credit.MsgRequired, nil)
	} else {
		role, roleOK = enum(rd, req.Role, "/role", access.ParseRole, msgRoleEnum)
		u.Role = string(role)
	}

	var cat *places.Catalogue
	if len(req.Communes) > 0 || !absent(req.Province) {
		var err error
		if cat, err = s.records.Communes(r.Context()); err != nil {
			return u, err
		}
	}
	for i, raw := range req.Communes {
		at := "/communes/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue
		}
		code, ok := rd.str(raw, at)
		switch {
		case absent(raw):
			rd.add(at, credit.CodeRequired, credit.MsgRequired, nil)
		case !ok:
		case !digits(code, 5):
			rd.add(at, places.CodeInvalidCode, msgCommuneCode, nil)
		case slices.Contains(u.Communes, code):
			rd.add(at, places.CodeDuplicateCode, msgDuplicateCommune, nil)
		default:
			if _, known := cat.Commune(code); !known {
				rd.add(at, forms.CodeUnknownCommune, msgUnknownCommune, nil)
			}
			u.Communes = append(u.Communes, code)
		}
	}
	slices.Sort(u.Communes)
	if province, ok := rd.str(req.Province, "/province"); ok {
		switch _, known := cat.Province(province); {
		case !digits(province, 2):
			rd.add("/province", places.CodeInvalidCode, msgProvinceCode, nil)
		case !known:
			rd.add("/province", credit.CodeUnknownProvince, msgUnknownProvince, nil)
		default:
			u.Province = province
		}
	}

	if roleOK {
		hasCommunes, hasProvince := len(req.Communes) > 0, !absent(req.Province)
		switch role.Scope() {
		case access.ScopeCommunes:
			if !hasCommunes && !rd.problems.Has("/communes") {
				rd.add("/communes", credit.CodeRequired, msgCommunesRequired, nil)
			}
			if hasProvince {
				rd.add("/province", forms.CodeNotApplicable, msgProvinceNotApplicable, nil)
			}
		case access.ScopeProvince:
			if !hasProvince {
				rd.add("/province", credit.CodeRequired, msgProvinceRequired, nil)
			}
			if hasCommunes {
				rd.add("/communes", forms.CodeNotApplicable, msgCommunesNotApplicable, nil)
			}
		default:
			if hasCommunes {
				rd.add("/communes", forms.CodeNotApplicable, msgCommunesNotApplicable, nil)
			}
			if hasProvince {
				rd.add("/province", forms.CodeNotApplicable, msgProvinceNotApplicable, nil)
			}
		}
	}
	if len(rd.problems) > 0 {
		return u, rd.problems
	}
	return u, nil
}

// digits reports whether s is n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// users handles GET /v1/users.
func (s *server) users(w http.ResponseWriter, r *http.Request) {
	us, err := s.records.Users(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := usersResponse{Users: make([]userJSON, len(us))}
	for i, u := range us {
		resp.Users[i] = newUserJSON(u)
	}
	writeJSON(w, http.StatusOK, resp)
}

// user handles GET /v1/users/{id}.
func (s *server) user(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var u records.User
		if u, err = s.records.User(r.Context(), id); err == nil {
			writeJSON(w, http.StatusOK, newUserJSON(u))
			return
		}
	}
	s.writeError(w, r, err)
}

// tokenRequest is the body of POST /v1/users/{id}/tokens.
type tokenRequest struct {
	ExpiresOn json.RawMessage `json:"expires_on"`
}

// tokenJSON is the 201 body of POST /v1/users/{id}/tokens: the only time
// the token is ever shown.
type tokenJSON struct {
	ID        int64        `json:"id"`
	UserID    int64        `json:"user_id"`
	Token     string       `json:"token"`
	ExpiresOn *credit.Date `json:"expires_on"` // null: never
	CreatedAt time.Time    `json:"created_at"`
}

// createToken handles POST /v1/users/{id}/tokens: a new bearer token for
// the user, working until the end of expires_on (Vietnam time; absent or
// null: until revoked). 201, Cache-Control: no-store.
func (s *server) createToken(w http.ResponseWriter, r *http.Request) {
	userID, err := pathID(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var req tokenRequest
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return
	}
	expires := rd.date(req.ExpiresOn, "/expires_on", false)
	if !expires.IsZero() && expires.Before(s.today()) {
		rd.add("/expires_on", credit.CodeOutOfRange, msgExpiresOnPast, nil)
	}
	if len(rd.problems) > 0 {
		s.writeError(w, r, rd.problems)
		return
	}
	t, token, err := s.records.CreateToken(r.Context(), actor(r), userID, expires)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := tokenJSON{ID: t.ID, UserID: t.UserID, Token: token, CreatedAt: t.CreatedAt.UTC()}
	if !t.ExpiresOn.IsZero() {
		resp.ExpiresOn = &t.ExpiresOn
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Location", "/v1/tokens/"+strconv.FormatInt(t.ID, 10))
	writeJSON(w, http.StatusCreated, resp)
}

// revokeToken handles DELETE /v1/tokens/{id}: 204; the token no longer
// works from now on.
func (s *server) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.records.RevokeToken(r.Context(), actor(r), id)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
