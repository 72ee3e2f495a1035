package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// exampleRequestID is the request id the documented problem examples carry;
// sending it makes the server's answer byte-for-byte comparable.
const exampleRequestID = "example-1"

// TestOpenAPIExamplesMatchServer posts every request example that
// openapi.json documents for POST /v1/schedules, POST /v1/statements,
// POST /v1/forms/01/validate and POST /v1/forms/02/validate to the handler,
// and checks that the answer is the response example of the same name
// (under 200, or under the operation's 422), as JSON: the document cannot
// drift from the code. The document is read as the server serves it.
func TestOpenAPIExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))

	for _, path := range []string{"/v1/schedules", "/v1/statements", "/v1/forms/01/validate", "/v1/forms/02/validate"} {
		t.Run(strings.TrimPrefix(path, "/v1/"), func(t *testing.T) {
			op := docObject(t, doc, "paths", path, "post")
			requests := docObject(t, op, "requestBody", "content", "application/json", "examples")
			responses := docObject(t, op, "responses")
			byStatus := map[int]map[string]any{
				http.StatusOK:                  docObject(t, resolveDocRef(t, doc, responses["200"]), "content", "application/json", "examples"),
				http.StatusUnprocessableEntity: docObject(t, resolveDocRef(t, doc, responses["422"]), "content", "application/problem+json", "examples"),
			}
			require.NotEmpty(t, requests, "no request examples")
			require.NotEmpty(t, byStatus[http.StatusOK], "no 200 examples")
			require.NotEmpty(t, byStatus[http.StatusUnprocessableEntity], "no 422 examples")

			// Every response example answers a request example.
			for status, exs := range byStatus {
				for name := range exs {
					assert.Contains(t, requests, name, "%d example %q answers no request example", status, name)
				}
			}

			names := make([]string, 0, len(requests))
			for name := range requests {
				names = append(names, name)
			}
			slices.Sort(names)
			for _, name := range names {
				t.Run(name, func(t *testing.T) {
					reqValue := exampleValue(t, requests[name])
					var want any
					wantStatus := 0
					for status, exs := range byStatus {
						if ex, ok := exs[name]; ok {
							require.Zero(t, wantStatus, "example %q is documented under two statuses", name)
							want, wantStatus = exampleValue(t, ex), status
						}
					}
					require.NotZero(t, wantStatus, "request example %q has no response example of the same name", name)

					b, err := json.Marshal(reqValue)
					require.NoError(t, err)
					rec := do(h, http.MethodPost, path, string(b), "X-Request-Id", exampleRequestID)
					require.Equal(t, wantStatus, rec.Code, "body: %s", rec.Body)

					got := decodeAny(t, rec.Body.Bytes())
					if !reflect.DeepEqual(want, got) {
						wantJSON, _ := json.MarshalIndent(want, "", "  ")
						gotJSON, _ := json.MarshalIndent(got, "", "  ")
						assert.Equal(t, string(wantJSON), string(gotJSON), "openapi.json example %q differs from the server's answer", name)
					}
				})
			}
		})
	}
}

// TestOpenAPIFormExamplesMatchServer does the same for the form routes that
// take files or parameters: every CSV request example of POST
// /v1/forms/0N/import, sent with the header fields of the parameters'
// examples as the query, answers the 200 example of the same name; and the
// 400 examples of the export routes that are about the format parameter
// are what the server answers for that format.
func TestOpenAPIFormExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))

	for _, form := range []string{"01", "02"} {
		t.Run(form+"/import", func(t *testing.T) {
			op := docObject(t, doc, "paths", "/v1/forms/"+form+"/import", "post")
			q := url.Values{}
			params, _ := op["parameters"].([]any)
			for _, p := range params {
				m, _ := p.(map[string]any)
				if m["in"] == "query" {
					q.Set(m["name"].(string), m["example"].(string))
				}
			}
			require.NotEmpty(t, q, "no header parameters")
			requests := docObject(t, op, "requestBody", "content", "text/csv", "examples")
			answers := docObject(t, op, "responses", "200", "content", "application/json", "examples")
			require.NotEmpty(t, requests)
			require.Equal(t, len(requests), len(answers), "one answer per request example")
			for name, ex := range requests {
				t.Run(name, func(t *testing.T) {
					file, ok := exampleValue(t, ex).(string)
					require.True(t, ok, "the CSV example is a string")
					require.Contains(t, answers, name)
					req := httptest.NewRequest(http.MethodPost, "/v1/forms/"+form+"/import?"+q.Encode(), strings.NewReader(file))
					req.Header.Set("Content-Type", "text/csv")
					req.Header.Set("X-Request-Id", exampleRequestID)
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, req)
					require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
					assertSameJSON(t, exampleValue(t, answers[name]), decodeAny(t, rec.Body.Bytes()), name)
				})
			}
		})

		t.Run(form+"/export", func(t *testing.T) {
			op := docObject(t, doc, "paths", "/v1/forms/"+form+"/export", "post")
			body, err := json.Marshal(exampleValue(t, docObject(t, op, "requestBody", "content", "application/json", "examples")[map[string]string{"01": "contract_example", "02": "example"}[form]]))
			require.NoError(t, err)
			bad := docObject(t, resolveDocRef(t, doc, docObject(t, op, "responses")["400"]), "content", "application/problem+json", "examples")
			for name, target := range map[string]string{
				"invalid_format": "/v1/forms/" + form + "/export?format=pdf",
				"missing_format": "/v1/forms/" + form + "/export",
			} {
				rec := do(h, http.MethodPost, target, string(body), "X-Request-Id", exampleRequestID)
				require.Equal(t, http.StatusBadRequest, rec.Code, "body: %s", rec.Body)
				require.Contains(t, bad, name)
				assertSameJSON(t, exampleValue(t, bad[name]), decodeAny(t, rec.Body.Bytes()), name)
			}
			// The CSV example of the 200 is the export of the request example.
			rec := do(h, http.MethodPost, "/v1/forms/"+form+"/export?format=csv", string(body))
			require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
			csvExample, _ := docObject(t, op, "responses", "200", "content", "text/csv")["example"].(string)
			assert.Equal(t, csvExample, rec.Body.String(), "the text/csv example of the 200")
		})
	}
}

// assertSameJSON compares two decoded JSON values, showing both indented.
func assertSameJSON(t *testing.T, want, got any, name string) {
	t.Helper()
	if !reflect.DeepEqual(want, got) {
		wantJSON, _ := json.MarshalIndent(want, "", "  ")
		gotJSON, _ := json.MarshalIndent(got, "", "  ")
		assert.Equal(t, string(wantJSON), string(gotJSON), "openapi.json example %q differs from the server's answer", name)
	}
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

// resolveDocRef follows a local "$ref" ("#/components/responses/X").
func resolveDocRef(t *testing.T, doc map[string]any, v any) any {
	t.Helper()
	m, ok := v.(map[string]any)
	require.True(t, ok, "not an object")
	ref, ok := m["$ref"].(string)
	if !ok {
		return v
	}
	parts := strings.Split(strings.TrimPrefix(ref, "#/"), "/")
	return docObject(t, doc, parts...)
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

// decodeAny decodes JSON as encoding/json does into any (numbers as
// float64), the form the document's examples are read in.
func decodeAny(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	require.NoError(t, dec.Decode(&v), "body: %s", b)
	return v
}
