package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"go/parser"
	"go/token"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// Personal data an assessment carries, which must never reach the audit
// trail or the log.
const (
	secretName = "Lò Văn Bí Mật"
	secretID   = "012088004512"
)

// assessmentBody is an individual's assessment with a name and an ID
// number.
const assessmentBody = `{
  "requested_on": "2024-06-01", "purpose": "production", "amount": "150000000", "same_purpose_debt": false,
  "individual": {"full_name": "` + secretName + `", "date_of_birth": "1988-03-02", "id_number": "` + secretID + `",
    "release": {"basis": "completion", "certificate_no": "45/GCN", "completed_on": "2022-03-15"},
    "on_commune_list": true, "household_has_capable_adult": true}
}`

// storeServer is a handler with a fake store, logging to the returned
// buffer.
func storeServer(t testing.TB) (http.Handler, *fakeRecords, *bytes.Buffer) {
	t.Helper()
	f := newFakeRecords()
	var log bytes.Buffer
	h := New(Options{Records: f, Logger: slog.New(slog.NewJSONHandler(&log, nil)), Now: f.now})
	return h, f, &log
}

// call sends a request with a bearer token ("" for none) and header pairs.
func call(h http.Handler, method, target, token, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// problemOf decodes a problem answer.
func problemOf(t *testing.T, rec *httptest.ResponseRecorder) problem {
	t.Helper()
	require.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), "body: %s", rec.Body)
	var p problem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.NotEmpty(t, p.Detail)
	require.NotEmpty(t, p.DetailEN)
	require.Equal(t, rec.Code, p.Status)
	return p
}

// lastEntry is the newest entry of the trail.
func lastEntry(t *testing.T, f *fakeRecords) records.Entry {
	t.Helper()
	es := f.snapshot()
	require.NotEmpty(t, es, "no audit entry")
	return es[len(es)-1]
}

func TestBearerParsing(t *testing.T) {
	long := strings.Repeat("a", maxToken)
	for _, tc := range []struct {
		header string
		want   string
		ok     bool
	}{
		{"Bearer crd_abc", "crd_abc", true},
		{"bearer crd_abc", "crd_abc", true},
		{"BEARER crd_abc", "crd_abc", true},
		{"bEaReR crd_abc", "crd_abc", true},
		{"Bearer a-b.c_d~e+f/g==", "a-b.c_d~e+f/g==", true},
		{"Bearer " + long, long, true},
		{"Bearer " + long + "a", "", false},
		{"", "", false},
		{"Bearer", "", false},
		{"Bearer ", "", false},
		{"Bearer  crd_abc", "", false}, // two spaces
		{"Bearer\tcrd_abc", "", false},
		{"Bearer crd_abc ", "", false},
		{" Bearer crd_abc", "", false},
		{"Bearer crd abc", "", false},
		{"Bearer crd_abc\x00", "", false},
		{"Bearer =abc", "", false},     // padding first
		{"Bearer ab=c", "", false},     // padding inside
		{"Bearer tökén", "", false},    // non-ASCII
		{"Bearer crd_\xff", "", false}, // not UTF-8
		{"Basic dXNlcjpwYXNz", "", false},
		{"Bearerx crd_abc", "", false},
		{"Bearér crd_abc", "", false},
		{"BearerK crd", "", false},
		{"Token crd_abc", "", false},
		{"garbage", "", false},
	} {
		got, ok := parseBearer(tc.header)
		assert.Equal(t, tc.ok, ok, "%q", tc.header)
		assert.Equal(t, tc.want, got, "%q", tc.header)
	}
}

// Every /v1/ route but GET /v1/rules wants a valid bearer token: without
// one, 401 with WWW-Authenticate, an unauthenticated problem, and an audit
// entry of the refused attempt with no user.
func TestUnauthenticated(t *testing.T) {
	h, f, log := storeServer(t)
	good := f.roleToken(access.CommunePolice)
	for _, tc := range []struct {
		name      string
		header    []string // values of Authorization; none: no header
		challenge string
	}{
		{"no header", nil, "Bearer"},
		{"empty", []string{""}, `Bearer error="invalid_token"`},
		{"garbage", []string{"garbage"}, `Bearer error="invalid_token"`},
		{"Bearer alone", []string{"Bearer"}, `Bearer error="invalid_token"`},
		{"Bearer and a space", []string{"Bearer "}, `Bearer error="invalid_token"`},
		{"two spaces", []string{"Bearer  " + good}, `Bearer error="invalid_token"`},
		{"Basic", []string{"Basic dXNlcjpwYXNz"}, `Bearer error="invalid_token"`},
		{"10 KB", []string{"Bearer " + strings.Repeat("A", 10<<10)}, `Bearer error="invalid_token"`},
		{"non-ASCII", []string{"Bearer tökén-" + secretName}, `Bearer error="invalid_token"`},
		{"not UTF-8", []string{"Bearer \xff\xfe"}, `Bearer error="invalid_token"`},
		{"control character", []string{"Bearer crd_\x00abc"}, `Bearer error="invalid_token"`},
		{"unknown token", []string{"Bearer crd_unknown0000000000000000000000000000000"}, `Bearer error="invalid_token"`},
		{"two headers", []string{"Bearer " + good, "Bearer " + good}, `Bearer error="invalid_token"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := len(f.snapshot())
			req := httptest.NewRequest(http.MethodPost, "/v1/assessments", strings.NewReader(assessmentBody))
			req.Header.Set("Content-Type", "application/json")
			req.Header["Authorization"] = tc.header
			rec := httptest.NewRecorder()
			require.NotPanics(t, func() { h.ServeHTTP(rec, req) })
			require.Equal(t, http.StatusUnauthorized, rec.Code, "body: %s", rec.Body)
			assert.Equal(t, tc.challenge, rec.Header().Get("WWW-Authenticate"))
			assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
			p := problemOf(t, rec)
			assert.Equal(t, typeUnauthenticated, p.Type)
			assert.NotContains(t, rec.Body.String(), "tökén")

			es := f.snapshot()
			require.Len(t, es, before+1, "one entry per refused attempt")
			e := es[len(es)-1]
			assert.Equal(t, records.Entry{Seq: e.Seq, At: e.At, Action: "calculate", Resource: "assessment",
				Outcome: records.OutcomeUnauthenticated, RequestID: rec.Header().Get("X-Request-Id"),
				PrevHash: e.PrevHash, Hash: e.Hash}, e)
		})
	}
	assert.NotContains(t, log.String(), secretName)

	t.Run("every route", func(t *testing.T) {
		for _, rt := range v1Routes {
			if rt.open {
				continue
			}
			target := "/v1" + strings.ReplaceAll(rt.pattern, "{id}", "1")
			rec := call(h, rt.method, target, "", "")
			assert.Equal(t, http.StatusUnauthorized, rec.Code, "%s %s", rt.method, target)
			assert.Equal(t, "Bearer", rec.Header().Get("WWW-Authenticate"), "%s %s", rt.method, target)
			e := lastEntry(t, f)
			assert.Equal(t, string(rt.action), e.Action)
			assert.Equal(t, records.OutcomeUnauthenticated, e.Outcome)
			assert.Empty(t, e.ResourceID, "a refused attempt names no record")
		}
	})

	t.Run("scheme in any case", func(t *testing.T) {
		for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
			rec := call(h, http.MethodPost, "/v1/assessments", "", assessmentBody, "Authorization", scheme+" "+good)
			assert.Equal(t, http.StatusOK, rec.Code, scheme)
		}
	})
}

// GET /v1/rules, /healthz and /openapi.json need no token and leave no
// entry.
func TestOpenRoutes(t *testing.T) {
	h, f, _ := storeServer(t)
	for _, target := range []string{"/v1/rules?on=2024-06-01", "/healthz", "/openapi.json"} {
		rec := call(h, http.MethodGet, target, "", "")
		assert.Equal(t, http.StatusOK, rec.Code, target)
	}
	assert.Empty(t, f.snapshot())
}

// A role that may never do a route's action gets 403, recorded with its
// user and role; the role that may gets past the policy.
func TestForbiddenByRole(t *testing.T) {
	h, f, _ := storeServer(t)
	tokens := map[access.Role]string{}
	users := map[access.Role]int64{}
	for _, role := range access.Roles() {
		tokens[role] = f.roleToken(role)
		users[role] = int64(len(f.users))
	}
	for _, tc := range []struct {
		method, target, body string
		may                  access.Role
	}{
		{http.MethodPut, "/v1/communes", `[]`, access.Admin},
		{http.MethodPost, "/v1/users", `{}`, access.Admin},
		{http.MethodGet, "/v1/users", "", access.Admin},
		{http.MethodGet, "/v1/users/1", "", access.Admin},
		{http.MethodPost, "/v1/users/1/tokens", `{}`, access.Admin},
		{http.MethodDelete, "/v1/tokens/999", "", access.Admin},
		{http.MethodGet, "/v1/audit", "", access.Auditor},
		{http.MethodGet, "/v1/audit/verify", "", access.Auditor},
		{http.MethodGet, "/v1/audit/checkpoint", "", access.Auditor},
	} {
		for _, role := range access.Roles() {
			t.Run(tc.method+" "+tc.target+" "+string(role), func(t *testing.T) {
				rec := call(h, tc.method, tc.target, tokens[role], tc.body)
				if role == tc.may {
					assert.NotEqual(t, http.StatusForbidden, rec.Code)
					assert.NotEqual(t, http.StatusUnauthorized, rec.Code)
					return
				}
				require.Equal(t, http.StatusForbidden, rec.Code, "body: %s", rec.Body)
				assert.Equal(t, typeForbidden, problemOf(t, rec).Type)
				e := lastEntry(t, f)
				assert.Equal(t, records.OutcomeForbidden, e.Outcome)
				assert.Equal(t, users[role], e.UserID)
				assert.Equal(t, string(role), e.Role)
				assert.Empty(t, e.ResourceID)
				assert.Equal(t, rec.Header().Get("X-Request-Id"), e.RequestID)
			})
		}
	}
	t.Run("any role reads the communes", func(t *testing.T) {
		for _, role := range access.Roles() {
			assert.Equal(t, http.StatusOK, call(h, http.MethodGet, "/v1/communes", tokens[role], "").Code, role)
		}
	})
}

// Any authenticated role may use every calculator, and each calculation
// is recorded: action calculate, the route's kind, no id, the outcome.
func TestAnyRoleMayCalculate(t *testing.T) {
	h, f, _ := storeServer(t)
	for _, role := range access.Roles() {
		tok := f.roleToken(role)
		uid := int64(len(f.users))
		for _, tc := range []struct {
			target, body, kind string
			status             int
		}{
			{"/v1/assessments", assessmentBody, "assessment", http.StatusOK},
			{"/v1/assessments", `{"requested_on": "2024-02-30"}`, "assessment", http.StatusUnprocessableEntity},
			{"/v1/assessments", `{`, "assessment", http.StatusBadRequest},
			{"/v1/schedules", `{"amount": "100000000", "disbursed_on": "2025-06-10", "term_months": 36, "principal_every_months": 3}`, "schedule", http.StatusOK},
			{"/v1/reports/plan", `{"on": "2026-11-25"}`, "report.plan", http.StatusOK},
		} {
			rec := call(h, http.MethodPost, tc.target, tok, tc.body)
			require.Equal(t, tc.status, rec.Code, "%s %s: %s", role, tc.target, rec.Body)
			outcome := records.OutcomeOK
			if tc.status >= 400 {
				outcome = records.OutcomeInvalid
			}
			e := lastEntry(t, f)
			assert.Equal(t, records.Entry{Seq: e.Seq, At: f.now().UTC(), UserID: uid, Role: string(role), Action: "calculate",
				Resource: tc.kind, Outcome: outcome, RequestID: rec.Header().Get("X-Request-Id"), PrevHash: e.PrevHash, Hash: e.Hash}, e)
		}
	}
	v, err := f.Verify(t.Context())
	require.NoError(t, err)
	assert.True(t, v.Valid, "the chain holds: %+v", v)
}

// No entry field ever holds a name, an ID number or anything of a body;
// nor does the log.
func TestAuditHoldsNoPersonalData(t *testing.T) {
	h, f, log := storeServer(t)
	admin := f.roleToken(access.Admin)
	police := f.roleToken(access.CommunePolice)
	const officer = "Trần Thị Cán Bộ"
	for _, tc := range []struct {
		method, target, token, body string
	}{
		{http.MethodPost, "/v1/assessments", police, assessmentBody},
		{http.MethodPost, "/v1/assessments", police, strings.Replace(assessmentBody, `"2024-06-01"`, `"2024-06-31"`, 1)}, // 422
		{http.MethodPost, "/v1/assessments", "", assessmentBody},                                                         // 401
		{http.MethodPost, "/v1/assessments", secretID, assessmentBody},                                                   // 401, the ID number as token
		{http.MethodPost, "/v1/forms/01/validate", police, `{"period": "2025-11", "commune_code": "03424", "rows": [{"full_name": "` + secretName + `", "id_number": "` + secretID + `"}]}`},
		{http.MethodPost, "/v1/users", admin, `{"name": "` + officer + `", "role": "commune_police", "communes": ["03424"]}`},
		{http.MethodPost, "/v1/users", admin, `{"name": "` + officer + `", "role": "` + secretID + `"}`}, // 422
		{http.MethodGet, "/v1/users", admin, ""},
		{http.MethodGet, "/v1/users/" + secretID, admin, ""}, // 404: a path naming nothing
		{http.MethodGet, "/v1/users/3", admin, ""},
		{http.MethodGet, "/v1/users/3", police, ""}, // 403
	} {
		rec := call(h, tc.method, tc.target, tc.token, tc.body)
		require.NotEqual(t, http.StatusInternalServerError, rec.Code)
	}
	es := f.snapshot()
	require.GreaterOrEqual(t, len(es), 11)
	for _, e := range es {
		b, err := json.Marshal(e)
		require.NoError(t, err)
		for _, secret := range []string{secretName, secretID, officer, "Bí Mật", "Cán Bộ", "12088004512"} {
			assert.NotContains(t, string(b), secret, "entry %d", e.Seq)
		}
		for _, v := range []string{e.Role, e.Action, e.Resource, e.ResourceID, e.Outcome, e.RequestID} {
			assert.True(t, isPlainWord(v), "entry %d: %q", e.Seq, v)
		}
	}
	for _, secret := range []string{secretName, secretID, officer} {
		assert.NotContains(t, log.String(), secret)
	}
}

// isPlainWord reports whether s is made of what entries hold: lower-case
// letters, digits, '_', '.', '-'.
func isPlainWord(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// The entry of an answer is durable before the answer leaves; an Append
// that fails turns any answer into a 503 audit-unavailable, never a 2xx.
func TestAuditBeforeAnswer(t *testing.T) {
	h, f, log := storeServer(t)
	police := f.roleToken(access.CommunePolice)
	admin := f.roleToken(access.Admin)

	t.Run("appended before the status is written", func(t *testing.T) {
		w := &watchWriter{ResponseRecorder: httptest.NewRecorder()}
		appended := 0
		f.onAppend = func() {
			appended++
			assert.False(t, w.wrote, "Append after the answer's status")
		}
		defer func() { f.onAppend = nil }()
		req := httptest.NewRequest(http.MethodPost, "/v1/assessments", strings.NewReader(assessmentBody))
		req.Header.Set("Authorization", "Bearer "+police)
		h.ServeHTTP(w, req)
		assert.Equal(t, http.StatusOK, w.Code)
		assert.Equal(t, 1, appended)
	})

	t.Run("the client gone, the entry is still appended", func(t *testing.T) {
		var ctxErr error = errors.New("not called")
		f.appendCtx = func(err error) { ctxErr = err }
		defer func() { f.appendCtx = nil }()
		ctx, cancel := context.WithCancel(context.Background())
		req := httptest.NewRequestWithContext(ctx, http.MethodPost, "/v1/assessments", strings.NewReader(assessmentBody))
		req.Header.Set("Authorization", "Bearer "+police)
		cancel()
		h.ServeHTTP(httptest.NewRecorder(), req)
		assert.NoError(t, ctxErr)
	})

	f.appendErr = errors.New("disk full")
	before := len(f.snapshot())
	for _, tc := range []struct {
		name, method, target, token, body string
	}{
		{"calculation", http.MethodPost, "/v1/assessments", police, assessmentBody},
		{"invalid calculation", http.MethodPost, "/v1/assessments", police, `{}`},
		{"export", http.MethodPost, "/v1/forms/01/export?format=csv", police, `{"period": "2025-11", "commune_code": "03424", "rows": []}`},
		{"refused", http.MethodPost, "/v1/assessments", "", assessmentBody},
		{"forbidden", http.MethodGet, "/v1/users", police, ""},
		{"read of users", http.MethodGet, "/v1/users", admin, ""},
		{"failed write", http.MethodPost, "/v1/users", admin, `{"role": "nobody"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(h, tc.method, tc.target, tc.token, tc.body)
			require.Equal(t, http.StatusServiceUnavailable, rec.Code, "body: %s", rec.Body)
			p := problemOf(t, rec)
			assert.Equal(t, typeAuditUnavailable, p.Type)
			assert.Empty(t, rec.Header().Get("Content-Disposition"))
			assert.Empty(t, rec.Header().Get("WWW-Authenticate"))
			assert.NotContains(t, rec.Body.String(), "decision")
			assert.NotContains(t, rec.Body.String(), "disk full")
		})
	}
	assert.Len(t, f.snapshot(), before)
	assert.Contains(t, log.String(), "disk full", "the cause goes to the log")
	assert.Contains(t, log.String(), `"problem":"audit-unavailable"`)

	t.Run("the store's reads are not audited and still answer", func(t *testing.T) {
		assert.Equal(t, http.StatusOK, call(h, http.MethodGet, "/v1/communes", police, "").Code)
	})
}

// watchWriter records whether the status has been written.
type watchWriter struct {
	*httptest.ResponseRecorder
	wrote bool
}

func (w *watchWriter) WriteHeader(code int) {
	w.wrote = true
	w.ResponseRecorder.WriteHeader(code)
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.wrote = true
	return w.ResponseRecorder.Write(p)
}

// Every route of /v1 the router serves is in v1Routes with an action of
// the policy; only GET /v1/rules is open; no route is declared twice.
func TestRouteActionTable(t *testing.T) {
	s := &server{book: nil, log: slog.New(slog.DiscardHandler), now: time.Now, loc: vietnam, maxBody: DefaultMaxBodyBytes,
		records: newFakeRecords()}
	actions := access.Actions()
	seen := map[string]bool{}
	for _, rt := range v1Routes {
		key := rt.method + " /v1" + rt.pattern
		assert.False(t, seen[key], "%s declared twice", key)
		seen[key] = true
		assert.Contains(t, actions, rt.action, "%s: %q is no action of the policy", key, rt.action)
		assert.NotEmpty(t, rt.kind, key)
		assert.Equal(t, key == "GET /v1/rules", rt.open, "%s: only GET /v1/rules is open", key)
		if rt.action == access.Calculate {
			assert.Equal(t, auditCalc, rt.audit, "%s: a calculation is audited", key)
		}
		if rt.action.Personal() {
			assert.NotEqual(t, auditRefusals, rt.audit, "%s reads personal data: it must be audited", key)
		}
		if rt.method != http.MethodGet {
			assert.NotEqual(t, auditRefusals, rt.audit, "%s writes or calculates: it must be audited", key)
		}
	}
	walked := 0
	err := chi.Walk(s.routes(), func(method, pattern string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if !strings.HasPrefix(pattern, "/v1/") {
			return nil
		}
		walked++
		assert.True(t, seen[method+" "+pattern], "%s %s is served but not in v1Routes: it has no action", method, pattern)
		return nil
	})
	require.NoError(t, err)
	assert.Equal(t, len(v1Routes), walked)
}

// Without a store the server is as it was: no authentication, no audit,
// and the store's paths do not exist, whatever the method.
func TestNoRecords(t *testing.T) {
	h := New(Options{})
	assert.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/assessments", "", assessmentBody).Code)
	assert.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/assessments", "garbage", assessmentBody).Code)
	for _, tc := range []struct{ method, target string }{
		{http.MethodGet, "/v1/communes"}, {http.MethodPut, "/v1/communes"}, {http.MethodPatch, "/v1/communes"},
		{http.MethodPost, "/v1/users"}, {http.MethodGet, "/v1/users/1"}, {http.MethodDelete, "/v1/users/1"},
		{http.MethodPost, "/v1/users/1/tokens"}, {http.MethodDelete, "/v1/tokens/1"},
		{http.MethodGet, "/v1/audit"}, {http.MethodGet, "/v1/audit/verify"}, {http.MethodPost, "/v1/audit/checkpoint"},
	} {
		rec := call(h, tc.method, tc.target, "", "")
		assert.Equal(t, http.StatusNotFound, rec.Code, "%s %s", tc.method, tc.target)
		assert.Empty(t, rec.Header().Get("Allow"))
		assert.Equal(t, typeNotFound, problemOf(t, rec).Type)
	}
	rec := call(h, http.MethodDelete, "/v1/assessments", "", "")
	assert.Equal(t, http.StatusMethodNotAllowed, rec.Code, "the other paths are as before")
	assert.Equal(t, "POST", rec.Header().Get("Allow"))
	assert.Empty(t, rec.Header().Get("Cache-Control"))
}

// A located route's handler asks authorize where the record is: outside
// the caller's scope it is a 404 as if it did not exist, recorded as a
// refused attempt; a role that may never is a 403 before the handler.
func TestAuthorizeScope(t *testing.T) {
	f := newFakeRecords()
	s := &server{book: nil, log: slog.New(slog.DiscardHandler), now: f.now, loc: vietnam, maxBody: DefaultMaxBodyBytes,
		maxUpload: DefaultMaxUploadBytes, records: f, turns: make(chan struct{}, 1)}
	r := s.routes()
	rt := &route{method: http.MethodGet, pattern: "/lists/{id}", action: access.ListRead, located: true, kind: "list",
		audit: auditRead, handle: func(s *server, w http.ResponseWriter, r *http.Request) {
			commune := map[string]string{"1": "03424", "2": "03427"}[chi.URLParam(r, "id")]
			if err := s.authorize(r, access.Resource{Commune: commune, Province: "12"}); err != nil {
				s.writeError(w, r, err)
				return
			}
			writeJSON(w, http.StatusOK, map[string]string{"commune": commune})
		}}
	r.Method(rt.method, "/v1"+rt.pattern, s.handler(rt))

	police := f.roleToken(access.CommunePolice)        // 03424
	provincial := f.roleToken(access.ProvincialPolice) // 12
	admin := f.roleToken(access.Admin)

	rec := call(r, http.MethodGet, "/v1/lists/1", police, "")
	assert.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, records.OutcomeOK, lastEntry(t, f).Outcome)
	assert.Equal(t, "1", lastEntry(t, f).ResourceID)

	rec = call(r, http.MethodGet, "/v1/lists/2", police, "")
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, typeNotFound, problemOf(t, rec).Type)
	e := lastEntry(t, f)
	assert.Equal(t, records.OutcomeNotFound, e.Outcome)
	assert.Equal(t, "list.read", e.Action)
	assert.Equal(t, string(access.CommunePolice), e.Role)

	assert.Equal(t, http.StatusOK, call(r, http.MethodGet, "/v1/lists/2", provincial, "").Code)

	rec = call(r, http.MethodGet, "/v1/lists/1", admin, "")
	assert.Equal(t, http.StatusForbidden, rec.Code, "admin never reads personal data")
	assert.Equal(t, records.OutcomeForbidden, lastEntry(t, f).Outcome)

	// Without a route or a principal, authorize denies.
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	assert.ErrorIs(t, s.authorize(req, access.Resource{}), errForbidden)
}

// Answers with a store are never kept by a cache.
func TestAuthenticatedAnswersNotStored(t *testing.T) {
	h, f, _ := storeServer(t)
	admin := f.roleToken(access.Admin)
	for _, target := range []string{"/v1/communes", "/v1/users", "/v1/users/1"} {
		rec := call(h, http.MethodGet, target, admin, "")
		require.Equal(t, http.StatusOK, rec.Code, target)
		assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"), target)
	}
}

func TestStatusOfRecords(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{records.ErrUnauthenticated, http.StatusUnauthorized},
		{errForbidden, http.StatusForbidden},
		{records.ErrNotFound, http.StatusNotFound},
		{records.ErrConflict, http.StatusConflict},
		{&records.ConflictError{Code: "commune_in_use"}, http.StatusConflict},
		{errAuditUnavailable, http.StatusServiceUnavailable},
		{errors.ErrUnsupported, http.StatusNotImplemented},
		{records.ErrNewerSchema, http.StatusInternalServerError},
	} {
		assert.Equal(t, tc.want, statusOf(tc.err), "%v", tc.err)
	}
}

// httpapi owns the interface it needs of the store and never imports the
// store itself.
func TestNoStoreImport(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.ImportsOnly)
		require.NoError(t, err)
		for _, im := range f.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			assert.False(t, strings.Contains(p, "/adapters/store"), "%s imports %s", name, p)
		}
	}
}

// The entry JSON field names are the contract's.
func TestEntryJSONNames(t *testing.T) {
	var names []string
	typ := reflect.TypeFor[entryJSON]()
	for i := range typ.NumField() {
		names = append(names, strings.Split(typ.Field(i).Tag.Get("json"), ",")[0])
	}
	assert.Equal(t, []string{"seq", "at", "user_id", "role", "action", "resource", "resource_id", "outcome", "request_id", "prev_hash", "hash"}, names)
	assert.True(t, slices.IsSorted([]int{DefaultAuditLimit, MaxAuditLimit}))
}

// Every problem type the server answers has its section in
// docs/problems.md.
func TestProblemTypesDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/problems.md")
	require.NoError(t, err)
	for _, typ := range []string{typeInvalidJSON, typeInvalidParameter, typeValidation, typeTooLarge, typeNotFound,
		typeMethodNotAllowed, typeInternal, typeIncompleteBody, typeRequestTimeout, typeBusy, typeClientClosed,
		typeUnsupportedType, typeUnauthenticated, typeForbidden, typeConflict, typeAuditUnavailable, typeNotConfigured} {
		assert.Contains(t, string(doc), "\n## "+strings.TrimPrefix(typ, problemBase)+"\n", typ)
	}
}

// A request carrying an in-process principal (AsPrincipal) is served as
// that principal, with the policy and the audit of any other; a request
// from outside cannot carry one.
func TestAsPrincipal(t *testing.T) {
	f := newFakeRecords()
	u, _ := f.addUser(access.Admin, nil, "")
	h := New(Options{Records: f, Logger: slog.New(slog.DiscardHandler)})
	req := httptest.NewRequest(http.MethodGet, "/v1/users", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req.WithContext(AsPrincipal(req.Context(), access.Principal{UserID: u.ID, Role: access.Admin})))
	assert.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	es := f.snapshot()
	assert.Equal(t, u.ID, es[len(es)-1].UserID, "the read is audited as the principal's")

	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/users", nil))
	assert.Equal(t, http.StatusUnauthorized, rec.Code, "without it, a token is needed")
	rec = httptest.NewRecorder()
	req = httptest.NewRequest(http.MethodGet, "/v1/lists", nil)
	h.ServeHTTP(rec, req.WithContext(AsPrincipal(req.Context(), access.Principal{UserID: u.ID, Role: access.Admin})))
	assert.Equal(t, http.StatusForbidden, rec.Code, "the policy as for anyone")
}
