package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
)

// storeStep is one request of the scenario the store routes' examples in
// openapi.json come from.
type storeStep struct {
	name   string // the example, request and response alike ("" for none)
	method string
	target string
	who    string // whose token: "admin", "auditor", "police", or "" for none
	op     string // the documented path of the operation
	status int
	before func(f *fakeRecords)
	// request: the example of the operation's request body called name,
	// else body.
	body string
}

// TestOpenAPIStoreExamplesMatchServer plays a scenario against a server
// with a fake store (fixed clock, fixed request ids): every request example
// of the store's routes is sent, and the answer must be the response
// example of the same name — the audit page and the verification with
// their hashes included. The document cannot drift from the code.
func TestOpenAPIStoreExamplesMatchServer(t *testing.T) {
	doc := openAPIDoc(t)
	f := newFakeRecords()
	h := New(Options{Records: f, Now: f.now})
	tokens := map[string]string{
		"admin":   f.seedUser("Nguyễn Văn An", access.Admin, nil, ""),
		"auditor": f.seedUser("Trần Thị Bình", access.Auditor, nil, ""),
	}
	steps := []storeStep{
		{name: "two_communes", method: http.MethodPut, target: "/v1/communes", who: "admin", op: "/v1/communes", status: http.StatusNoContent},
		{name: "two_communes", method: http.MethodGet, target: "/v1/communes", who: "admin", op: "/v1/communes", status: http.StatusOK},
		{name: "commune_police", method: http.MethodPost, target: "/v1/users", who: "admin", op: "/v1/users", status: http.StatusCreated},
		{name: "unknown_role", method: http.MethodPost, target: "/v1/users", who: "admin", op: "/v1/users", status: http.StatusUnprocessableEntity},
		{name: "commune_police", method: http.MethodGet, target: "/v1/users/3", who: "admin", op: "/v1/users/{id}", status: http.StatusOK},
		{name: "all", method: http.MethodGet, target: "/v1/users", who: "admin", op: "/v1/users", status: http.StatusOK},
		{name: "until_end_of_2026", method: http.MethodPost, target: "/v1/users/3/tokens", who: "admin", op: "/v1/users/{id}/tokens", status: http.StatusCreated},
		{name: "in_the_past", method: http.MethodPost, target: "/v1/users/3/tokens", who: "admin", op: "/v1/users/{id}/tokens", status: http.StatusUnprocessableEntity},
		{method: http.MethodPost, target: "/v1/assessments", who: "police", body: assessmentBody, status: http.StatusOK},
		{name: "forbidden", method: http.MethodGet, target: "/v1/users", who: "police", op: "/v1/users", status: http.StatusForbidden},
		{name: "unauthenticated", method: http.MethodPost, target: "/v1/assessments", op: "/v1/assessments", body: assessmentBody, status: http.StatusUnauthorized},
		{name: "commune_in_use", method: http.MethodPut, target: "/v1/communes", who: "admin", op: "/v1/communes", status: http.StatusConflict},
		{name: "invalid", method: http.MethodPut, target: "/v1/communes", who: "admin", op: "/v1/communes", status: http.StatusUnprocessableEntity},
		{name: "csv", method: http.MethodPut, target: "/v1/communes", who: "admin", op: "/v1/communes", status: http.StatusNoContent},
		{method: http.MethodDelete, target: "/v1/tokens/3", who: "admin", status: http.StatusNoContent},
		{name: "page", method: http.MethodGet, target: "/v1/audit?after=7&limit=3", who: "auditor", op: "/v1/audit", status: http.StatusOK},
		{name: "limit", method: http.MethodGet, target: "/v1/audit?limit=5000", who: "auditor", op: "/v1/audit", status: http.StatusBadRequest},
		{name: "valid", method: http.MethodGet, target: "/v1/audit/verify", who: "auditor", op: "/v1/audit/verify", status: http.StatusOK},
		{name: "checkpoint", method: http.MethodGet, target: "/v1/audit/checkpoint", who: "auditor", op: "/v1/audit/checkpoint", status: http.StatusOK},
		{name: "tampered", method: http.MethodGet, target: "/v1/audit/verify", who: "auditor", op: "/v1/audit/verify", status: http.StatusOK,
			before: func(f *fakeRecords) { f.entries[8].Outcome = "ok" }},
		{name: "no_key", method: http.MethodGet, target: "/v1/audit/checkpoint", who: "auditor", op: "/v1/audit/checkpoint", status: http.StatusNotImplemented,
			before: func(f *fakeRecords) { f.noSigner = true }},
		{name: "no_such_user", method: http.MethodGet, target: "/v1/users/99", who: "admin", op: "/v1/users/{id}", status: http.StatusNotFound},
		{name: "audit_unavailable", method: http.MethodPost, target: "/v1/schedules", who: "admin", op: "/v1/schedules", status: http.StatusServiceUnavailable,
			body:   `{"amount": "1", "disbursed_on": "2025-06-10", "term_months": 12, "principal_every_months": 12}`,
			before: func(f *fakeRecords) { f.appendErr = errors.New("disk full") }},
	}
	for i, st := range steps {
		if st.before != nil {
			st.before(f)
		}
		var op map[string]any
		if st.op != "" {
			op = docObject(t, doc, "paths", st.op, strings.ToLower(st.method))
		}
		body, contentType := st.body, "application/json"
		if rb, ok := op["requestBody"].(map[string]any); ok && body == "" {
			content := docObject(t, rb, "content")
			for mt, c := range content {
				exs, _ := c.(map[string]any)["examples"].(map[string]any)
				if ex, ok := exs[st.name]; ok {
					v := exampleValue(t, ex)
					if s, ok := v.(string); ok && mt == "text/csv" {
						body, contentType = s, mt
					} else {
						b, err := json.Marshal(v)
						require.NoError(t, err)
						body = string(b)
					}
				}
			}
			require.NotEmpty(t, body, "step %d: no request example %q", i, st.name)
		}
		var r *bytes.Reader
		if body != "" {
			r = bytes.NewReader([]byte(body))
		}
		req := httptest.NewRequest(st.method, st.target, nil)
		if r != nil {
			req = httptest.NewRequest(st.method, st.target, r)
			req.Header.Set("Content-Type", contentType)
		}
		if st.who != "" {
			req.Header.Set("Authorization", "Bearer "+tokens[st.who])
		}
		req.Header.Set("X-Request-Id", stepRequestID(i))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, st.status, rec.Code, "step %d (%s %s %s): %s", i, st.name, st.method, st.target, rec.Body)

		if st.name == "until_end_of_2026" {
			var tok tokenJSON
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &tok))
			tokens["police"] = tok.Token
		}
		if op == nil || rec.Body.Len() == 0 {
			continue
		}
		resp := resolveRef(t, doc, docObject(t, op, "responses")[itoa(int64(st.status))])
		content := docObject(t, resp, "content")
		if text, ok := content["text/plain"].(map[string]any); ok {
			assert.Equal(t, text["example"], rec.Body.String(), "step %d: the example of %s %s", i, st.method, st.op)
			continue
		}
		mt := "application/json"
		if rec.Code >= 400 {
			mt = "application/problem+json"
		}
		ex, ok := docObject(t, content, mt, "examples")[st.name]
		require.True(t, ok, "step %d: %s %s documents no %d example %q", i, st.method, st.op, st.status, st.name)
		want := exampleValue(t, ex)
		var got any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
		if !reflect.DeepEqual(want, got) {
			wantJSON, _ := json.MarshalIndent(want, "", "  ")
			gotJSON, _ := json.MarshalIndent(got, "", "  ")
			assert.Equal(t, string(wantJSON), string(gotJSON), "step %d: openapi.json example %q of %s %s differs from the server's answer", i, st.name, st.method, st.op)
		}
	}
}

// stepRequestID is the request id of the scenario's step i: 16
// hexadecimal digits, as the server makes them.
func stepRequestID(i int) string {
	const hexDigits = "0123456789abcdef"
	return "5968e34989cdec" + string(hexDigits[i/16%16]) + string(hexDigits[i%16])
}

// resolveRef follows a local "$ref" of an object, once.
func resolveRef(t *testing.T, doc map[string]any, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object: %v", v)
	if ref, ok := m["$ref"].(string); ok {
		r, err := resolvePointer(doc, ref)
		require.NoError(t, err)
		m, ok = r.(map[string]any)
		require.True(t, ok)
	}
	return m
}

// docObject follows keys from m, each of which must be an object.
func docObject(t *testing.T, m any, keys ...string) map[string]any {
	t.Helper()
	cur, ok := m.(map[string]any)
	require.True(t, ok, "not an object")
	for _, k := range keys {
		next, ok := cur[k].(map[string]any)
		require.True(t, ok, "%q: missing or not an object (path %v)", k, keys)
		cur = next
	}
	return cur
}

// exampleValue is the "value" of an OpenAPI example object.
func exampleValue(t *testing.T, ex any) any {
	t.Helper()
	m, ok := ex.(map[string]any)
	require.True(t, ok, "example is not an object")
	v, ok := m["value"]
	require.True(t, ok, "example has no value")
	return v
}

// Every operation of /v1 but GET /v1/rules answers 401 and is secured by
// the global bearerAuth; the open ones say security: [].
func TestOpenAPISecurity(t *testing.T) {
	doc := openAPIDoc(t)
	require.Equal(t, []any{map[string]any{"bearerAuth": []any{}}}, doc["security"])
	docObject(t, doc, "components", "securitySchemes", "bearerAuth")
	for path, item := range docObject(t, doc, "paths") {
		for method, o := range item.(map[string]any) {
			op := o.(map[string]any)
			open := path == "/healthz" || path == "/openapi.json" || path == "/v1/rules"
			sec, has := op["security"]
			responses := docObject(t, op, "responses")
			if open {
				assert.True(t, has && reflect.DeepEqual(sec, []any{}), "%s %s is open: security []", method, path)
				assert.NotContains(t, responses, "401", "%s %s", method, path)
				continue
			}
			assert.False(t, has, "%s %s: the global security applies", method, path)
			for _, status := range []string{"401", "500", "503"} {
				assert.Contains(t, responses, status, "%s %s", method, path)
			}
		}
	}
}
