package httpapi

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// pointers lists "pointer code" of a problem's items, and row and column
// when given.
func pointers(p problem) []string {
	var out []string
	for _, it := range p.Errors {
		s := ""
		if it.Pointer != nil {
			s = *it.Pointer
		}
		s += " " + it.Code
		if it.Row > 0 {
			s += " " + strconv.Itoa(it.Row) + it.Column
		}
		out = append(out, s)
	}
	return out
}

func TestCommunes(t *testing.T) {
	h, f, _ := storeServer(t)
	admin := f.roleToken(access.Admin)
	viewer := f.roleToken(access.ProvinceViewer)

	t.Run("GET", func(t *testing.T) {
		rec := call(h, http.MethodGet, "/v1/communes", viewer, "")
		require.Equal(t, http.StatusOK, rec.Code)
		var resp communesResponse
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
		require.Len(t, resp.Communes, 3321)
		assert.Contains(t, resp.Communes, communeJSON{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"})
		assert.Contains(t, rec.Body.String(), `{"code":"03424","name":"Xã Bản Bo","province_code":"12"}`)
	})

	put := func(contentType, body string) *httptest.ResponseRecorder {
		return call(h, http.MethodPut, "/v1/communes", admin, body, "Content-Type", contentType)
	}
	two := `[{"code": "03424", "name": "Xã Bản Bo", "province_code": "12"}, {"code": "03427", "name": "Xã Bình Lư", "province_code": "12"}]`

	t.Run("PUT a JSON list", func(t *testing.T) {
		before := len(f.snapshot())
		rec := put("application/json", two)
		require.Equal(t, http.StatusNoContent, rec.Code, "body: %s", rec.Body)
		cat, _ := f.Communes(t.Context())
		assert.Equal(t, 2, cat.Len())
		es := f.snapshot()
		require.Len(t, es, before+1, "one entry: the store's, with the change")
		assert.Equal(t, "communes.write", es[len(es)-1].Action)
		assert.Equal(t, rec.Header().Get("X-Request-Id"), es[len(es)-1].RequestID)
	})
	t.Run("PUT what GET answers", func(t *testing.T) {
		got := call(h, http.MethodGet, "/v1/communes", admin, "")
		rec := put("application/json", got.Body.String())
		require.Equal(t, http.StatusNoContent, rec.Code, "body: %s", rec.Body)
	})
	t.Run("PUT the repository's CSV", func(t *testing.T) {
		data, err := os.ReadFile("../../places/data/communes-2025.csv")
		require.NoError(t, err)
		rec := put("text/csv", string(data))
		require.Equal(t, http.StatusNoContent, rec.Code, "body: %s", rec.Body)
		cat, _ := f.Communes(t.Context())
		assert.Equal(t, 3321, cat.Len())
	})
	t.Run("PUT a CSV with a byte-order mark", func(t *testing.T) {
		rec := put("text/csv; charset=utf-8", "\ufeffcode,name,province_code\n03424,Xã Bản Bo,12\n")
		require.Equal(t, http.StatusNoContent, rec.Code, "body: %s", rec.Body)
	})

	for _, tc := range []struct {
		name, contentType, body string
		want                    []string
	}{
		{"JSON list", "application/json",
			`[{"code": "3424", "name": "Xã Bản Bo", "province_code": "12"}, {"code": "03427", "name": "", "province_code": "99"}, {"code": "03427", "name": 5, "province_code": "12"}]`,
			[]string{"/2/name invalid_type", "/0/code invalid_code", "/1/name required", "/1/province_code unknown_province", "/2/code duplicate_code"}},
		{"JSON object", "application/json",
			`{"communes": [{"code": "03424", "name": "Xã\u0000", "province_code": "1"}]}`,
			[]string{"/communes/0/name invalid_text", "/communes/0/province_code invalid_code"}},
		{"empty list", "application/json", `[]`, []string{" required"}},
		{"not an object", "application/json", `[1, {"code": "03424", "name": "Xã Bản Bo", "province_code": "12"}]`, []string{"/0 invalid_type"}},
		{"CSV", "text/csv", "code,name,province_code\n03424,Xã Bản Bo,12\n0342,X,12\n03424,\"Y\",12\n03425,Z\n",
			[]string{"/communes/3 invalid_line 5", "/communes/1/code invalid_code 3A", "/communes/2/code duplicate_code 4A"}},
		{"CSV header", "text/csv", "ma,ten,tinh\n03424,Xã Bản Bo,12\n", []string{" invalid_csv_header 1"}},
		{"empty CSV", "text/csv", "", []string{" invalid_csv_header 1"}},
	} {
		t.Run("422 "+tc.name, func(t *testing.T) {
			before := len(f.snapshot())
			rec := put(tc.contentType, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
			p := problemOf(t, rec)
			assert.Equal(t, typeValidation, p.Type)
			assert.ElementsMatch(t, tc.want, pointers(p))
			es := f.snapshot()
			require.Len(t, es, before+1, "the failed write is recorded by the server")
			assert.Equal(t, records.OutcomeInvalid, es[len(es)-1].Outcome)
			assert.Equal(t, "communes.write", es[len(es)-1].Action)
		})
	}
	t.Run("415", func(t *testing.T) {
		rec := put("application/xml", "<x/>")
		assert.Equal(t, http.StatusUnsupportedMediaType, rec.Code)
	})
	t.Run("409 commune in use", func(t *testing.T) {
		f.inUse["03427"] = true
		defer delete(f.inUse, "03427")
		f.addUser(access.CommunePolice, []string{"03424"}, "")
		before := len(f.snapshot())
		rec := put("application/json", `[{"code": "00004", "name": "Phường Ba Đình", "province_code": "01"}]`)
		require.Equal(t, http.StatusConflict, rec.Code, "body: %s", rec.Body)
		p := problemOf(t, rec)
		assert.Equal(t, typeConflict, p.Type)
		assert.Equal(t, "commune_in_use", p.Code)
		assert.Equal(t, []string{"03424", "03427"}, p.Codes)
		assert.Contains(t, p.Detail, "xã")
		es := f.snapshot()
		require.Len(t, es, before+1)
		assert.Equal(t, records.OutcomeConflict, es[len(es)-1].Outcome)
	})
}

func TestUsers(t *testing.T) {
	h, f, _ := storeServer(t)
	admin := f.roleToken(access.Admin) // user 1

	t.Run("create", func(t *testing.T) {
		rec := call(h, http.MethodPost, "/v1/users", admin, `{"name": "Lò Thị Mai", "role": "commune_police", "communes": ["03390", "03424"]}`)
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		assert.Equal(t, "/v1/users/2", rec.Header().Get("Location"))
		assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
		var u map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &u))
		assert.Equal(t, map[string]any{"id": 2.0, "name": "Lò Thị Mai", "role": "commune_police", "communes": []any{"03390", "03424"},
			"created_at": "2026-01-05T03:04:05.123456Z"}, u)
		e := lastEntry(t, f)
		assert.Equal(t, "users.manage", e.Action)
		assert.Equal(t, "2", e.ResourceID)
		assert.Equal(t, int64(1), e.UserID)
	})
	t.Run("create scoped to a province", func(t *testing.T) {
		rec := call(h, http.MethodPost, "/v1/users", admin, `{"name": "Sở Tài chính", "role": "province_viewer", "province": "12"}`)
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		rec = call(h, http.MethodPost, "/v1/users", admin, `{"name": "Kiểm toán", "role": "auditor"}`)
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	})
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"unknown role", `{"name": "A", "role": "superuser"}`, []string{"/role invalid_enum"}},
		{"role of another case", `{"name": "A", "role": "Admin"}`, []string{"/role invalid_enum"}},
		{"nothing", `{}`, []string{"/name required", "/role required"}},
		{"blank name", `{"name": "  ", "role": "auditor"}`, []string{"/name required"}},
		{"long name", `{"name": "` + strings.Repeat("ă", MaxUserName+1) + `", "role": "auditor"}`, []string{"/name too_long"}},
		{"no communes", `{"name": "A", "role": "vbsp_officer"}`, []string{"/communes required"}},
		{"empty communes", `{"name": "A", "role": "vbsp_officer", "communes": []}`, []string{"/communes required"}},
		{"bad communes", `{"name": "A", "role": "commune_police", "communes": ["3424", "99999", "03424", "03424", 5, null]}`,
			[]string{"/communes/0 invalid_code", "/communes/1 unknown_commune", "/communes/3 duplicate_code", "/communes/4 invalid_type", "/communes/5 required"}},
		{"province for a commune role", `{"name": "A", "role": "commune_committee", "communes": ["03424"], "province": "12"}`, []string{"/province not_applicable"}},
		{"no province", `{"name": "A", "role": "provincial_police"}`, []string{"/province required"}},
		{"bad province", `{"name": "A", "role": "provincial_police", "province": "012"}`, []string{"/province invalid_code"}},
		{"unknown province", `{"name": "A", "role": "provincial_police", "province": "99"}`, []string{"/province unknown_province"}},
		{"communes for a province role", `{"name": "A", "role": "province_viewer", "province": "12", "communes": ["03424"]}`, []string{"/communes not_applicable"}},
		{"scope for admin", `{"name": "A", "role": "admin", "province": "12", "communes": ["03424"]}`, []string{"/communes not_applicable", "/province not_applicable"}},
		{"communes not a list", `{"name": "A", "role": "commune_police", "communes": "03424"}`, []string{"/communes invalid_type"}},
		{"bad text", `{"name": "A\u0000", "role": "auditor"}`, []string{"/name invalid_text"}},
	} {
		t.Run("422 "+tc.name, func(t *testing.T) {
			rec := call(h, http.MethodPost, "/v1/users", admin, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
			assert.ElementsMatch(t, tc.want, pointers(problemOf(t, rec)))
			assert.Equal(t, records.OutcomeInvalid, lastEntry(t, f).Outcome)
		})
	}
	t.Run("400 unknown field", func(t *testing.T) {
		rec := call(h, http.MethodPost, "/v1/users", admin, `{"name": "A", "role": "auditor", "password": "x"}`)
		require.Equal(t, http.StatusBadRequest, rec.Code)
	})

	t.Run("list and read", func(t *testing.T) {
		rec := call(h, http.MethodGet, "/v1/users", admin, "")
		require.Equal(t, http.StatusOK, rec.Code)
		var resp usersResponse
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
		assert.Len(t, resp.Users, 4)
		e := lastEntry(t, f)
		assert.Equal(t, records.Entry{Seq: e.Seq, At: e.At, UserID: 1, Role: "admin", Action: "users.manage", Resource: "user",
			Outcome: "ok", RequestID: rec.Header().Get("X-Request-Id"), PrevHash: e.PrevHash, Hash: e.Hash}, e)

		rec = call(h, http.MethodGet, "/v1/users/2", admin, "")
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Contains(t, rec.Body.String(), `"name":"Lò Thị Mai"`)
		assert.Equal(t, "2", lastEntry(t, f).ResourceID)
	})
	for _, id := range []string{"99", "0", "02", "-1", "abc", "99999999999999999999", "012088004512"} {
		t.Run("404 "+id, func(t *testing.T) {
			rec := call(h, http.MethodGet, "/v1/users/"+id, admin, "")
			require.Equal(t, http.StatusNotFound, rec.Code)
			assert.Equal(t, typeNotFound, problemOf(t, rec).Type)
			e := lastEntry(t, f)
			assert.Equal(t, records.OutcomeNotFound, e.Outcome)
			assert.Empty(t, e.ResourceID, "never what the client typed")
		})
	}
}

func TestTokens(t *testing.T) {
	h, f, _ := storeServer(t)
	admin := f.roleToken(access.Admin)
	u, _ := f.addUser(access.VBSPOfficer, []string{"03424"}, "")

	rec := call(h, http.MethodPost, "/v1/users/"+strconv.FormatInt(u.ID, 10)+"/tokens", admin, `{"expires_on": "2026-12-31"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	var tok map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &tok))
	token, _ := tok["token"].(string)
	require.NotEmpty(t, token)
	id := int64(tok["id"].(float64))
	assert.Equal(t, map[string]any{"id": float64(id), "user_id": float64(u.ID), "token": token, "expires_on": "2026-12-31",
		"created_at": "2026-01-05T03:04:05.123456Z"}, tok)
	assert.Equal(t, "/v1/tokens/"+strconv.FormatInt(id, 10), rec.Header().Get("Location"))
	for _, e := range f.snapshot() {
		assert.NotContains(t, e.ResourceID+e.RequestID, token)
	}

	rec = call(h, http.MethodPost, "/v1/assessments", token, assessmentBody)
	require.Equal(t, http.StatusOK, rec.Code, "the new token works")

	rec = call(h, http.MethodPost, "/v1/users/1/tokens", admin, `{}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"expires_on":null`)

	for _, tc := range []struct{ name, target, body string }{
		{"in the past", "/v1/users/1/tokens", `{"expires_on": "2026-01-04"}`},
		{"not a date", "/v1/users/1/tokens", `{"expires_on": "2026-02-30"}`},
	} {
		t.Run("422 "+tc.name, func(t *testing.T) {
			rec := call(h, http.MethodPost, tc.target, admin, tc.body)
			require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
			assert.Equal(t, "/expires_on", *problemOf(t, rec).Errors[0].Pointer)
		})
	}
	assert.Equal(t, http.StatusCreated, call(h, http.MethodPost, "/v1/users/1/tokens", admin, `{"expires_on": "2026-01-05"}`).Code, "today is fine")
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodPost, "/v1/users/99/tokens", admin, `{}`).Code)
	assert.Equal(t, http.StatusBadRequest, call(h, http.MethodPost, "/v1/users/1/tokens", admin, `{"expires": "2026-12-31"}`).Code)

	rec = call(h, http.MethodDelete, "/v1/tokens/"+strconv.FormatInt(id, 10), admin, "")
	require.Equal(t, http.StatusNoContent, rec.Code, "body: %s", rec.Body)
	assert.Empty(t, rec.Body.String())
	rec = call(h, http.MethodPost, "/v1/assessments", token, assessmentBody)
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "a revoked token no longer works")
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodDelete, "/v1/tokens/999", admin, "").Code)
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodDelete, "/v1/tokens/x", admin, "").Code)
}

func TestAuditRoutes(t *testing.T) {
	h, f, _ := storeServer(t)
	auditor := f.roleToken(access.Auditor)
	for range 5 {
		call(h, http.MethodPost, "/v1/assessments", "", assessmentBody) // 401s
	}
	n := len(f.snapshot())

	t.Run("page", func(t *testing.T) {
		rec := call(h, http.MethodGet, "/v1/audit?after=2&limit=3", auditor, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		var resp struct {
			Entries []map[string]any `json:"entries"`
		}
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
		require.Len(t, resp.Entries, 3)
		es := f.snapshot()
		e := es[2]
		assert.Equal(t, map[string]any{"seq": 3.0, "at": "2026-01-05T03:04:05.123456Z", "user_id": 0.0, "role": "",
			"action": e.Action, "resource": e.Resource, "resource_id": e.ResourceID, "outcome": e.Outcome,
			"request_id": e.RequestID, "prev_hash": hex.EncodeToString(es[1].Hash), "hash": hex.EncodeToString(e.Hash)}, resp.Entries[0])

		rec = call(h, http.MethodGet, "/v1/audit", auditor, "")
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &resp))
		assert.Len(t, resp.Entries, n)
		assert.Empty(t, resp.Entries[0]["prev_hash"])

		rec = call(h, http.MethodGet, "/v1/audit?after=1000", auditor, "")
		assert.JSONEq(t, `{"entries": []}`, rec.Body.String())
	})
	for _, q := range []string{"after=-1", "after=x", "limit=0", "limit=1001", "limit=1.5", "after=99999999999999999999999"} {
		t.Run("400 "+q, func(t *testing.T) {
			rec := call(h, http.MethodGet, "/v1/audit?"+q, auditor, "")
			require.Equal(t, http.StatusBadRequest, rec.Code)
			p := problemOf(t, rec)
			assert.Equal(t, typeInvalidParameter, p.Type)
			assert.Equal(t, strings.Split(q, "=")[0], p.Errors[0].Parameter)
		})
	}
	t.Run("reads of the trail add nothing to it", func(t *testing.T) {
		before := len(f.snapshot())
		call(h, http.MethodGet, "/v1/audit", auditor, "")
		call(h, http.MethodGet, "/v1/audit/verify", auditor, "")
		assert.Len(t, f.snapshot(), before)
	})
	t.Run("verify", func(t *testing.T) {
		rec := call(h, http.MethodGet, "/v1/audit/verify", auditor, "")
		require.Equal(t, http.StatusOK, rec.Code)
		es := f.snapshot()
		assert.JSONEq(t, `{"valid": true, "entries": `+strconv.Itoa(len(es))+`, "head": "`+hex.EncodeToString(es[len(es)-1].Hash)+`"}`, rec.Body.String())

		f.mu.Lock()
		f.entries[3].Outcome = "ok" // tampered
		f.mu.Unlock()
		rec = call(h, http.MethodGet, "/v1/audit/verify", auditor, "")
		require.Equal(t, http.StatusOK, rec.Code)
		assert.JSONEq(t, `{"valid": false, "entries": 3, "first_bad_seq": 4, "reason": "hash_mismatch"}`, rec.Body.String())
	})
	t.Run("checkpoint", func(t *testing.T) {
		rec := call(h, http.MethodGet, "/v1/audit/checkpoint", auditor, "")
		require.Equal(t, http.StatusOK, rec.Code)
		assert.Equal(t, "text/plain; charset=utf-8", rec.Header().Get("Content-Type"))
		assert.True(t, strings.HasPrefix(rec.Body.String(), "vnreentry/credit audit\n"))
		assert.Contains(t, rec.Body.String(), "\n\n— vnreentry-credit-audit ")

		f.noSigner = true
		rec = call(h, http.MethodGet, "/v1/audit/checkpoint", auditor, "")
		require.Equal(t, http.StatusNotImplemented, rec.Code)
		assert.Equal(t, typeNotConfigured, problemOf(t, rec).Type)
	})
}
