package httpapi_test

import (
	"bytes"
	"encoding/json"
	"maps"
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
const exampleRequestID = "5968e34989cdec16"

// TestOpenAPIExamplesMatchServer posts every request example that
// openapi.json documents for POST /v1/assessments, POST /v1/schedules,
// POST /v1/statements, POST /v1/forms/01/validate, POST
// /v1/forms/02/validate and the four report routes to the handler, and checks that the answer is the response
// example of the same name (under 200, or under the operation's 422), as
// JSON: the document cannot drift from the code. A text/csv request example
// (the loan book's) is sent as a CSV file, with the examples of the
// operation's query parameters other than format as the query. The
// document is read as the server serves it.
func TestOpenAPIExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))

	for _, path := range []string{"/v1/assessments", "/v1/schedules", "/v1/statements", "/v1/forms/01/validate", "/v1/forms/02/validate",
		"/v1/reports/portfolio", "/v1/reports/compare", "/v1/reports/monthly-lists", "/v1/reports/demand-review",
		"/v1/reports/plan"} {
		t.Run(strings.TrimPrefix(path, "/v1/"), func(t *testing.T) {
			op := docObject(t, doc, "paths", path, "post")
			requests := docObject(t, op, "requestBody", "content", "application/json", "examples")
			csvRequests := map[string]any{}
			if content := docObject(t, op, "requestBody", "content"); content["text/csv"] != nil {
				csvRequests, _ = docObject(t, content, "text/csv")["examples"].(map[string]any)
			}
			for name := range csvRequests {
				require.NotContains(t, requests, name, "a JSON and a CSV request example of one name")
			}
			requests = maps.Clone(requests)
			maps.Copy(requests, csvRequests)
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

					var rec *httptest.ResponseRecorder
					if file, ok := reqValue.(string); ok && csvRequests[name] != nil {
						req := httptest.NewRequest(http.MethodPost, path+"?"+queryExamples(t, op).Encode(), strings.NewReader(file))
						req.Header.Set("Content-Type", "text/csv")
						req.Header.Set("X-Request-Id", exampleRequestID)
						rec = httptest.NewRecorder()
						h.ServeHTTP(rec, req)
					} else {
						b, err := json.Marshal(reqValue)
						require.NoError(t, err)
						rec = do(h, http.MethodPost, path, string(b), "X-Request-Id", exampleRequestID)
					}
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

// TestOpenAPIReportExamplesMatchServer checks the report routes' examples
// that are not JSON answers to JSON requests: the CSV and SVG files of the
// 200 are what the server makes of the request example named in their
// description with ?format=csv or svg, byte for byte; the 400 example
// invalid_format is the answer to ?format=pdf; and the 413 examples are the
// answers to a body above the default upload limit and, unless -short, to
// a CSV file of 1,000,001 loans.
func TestOpenAPIReportExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))

	for path, example := range map[string]string{
		"/v1/reports/portfolio":     "contract_example",
		"/v1/reports/monthly-lists": "contract_example",
		"/v1/reports/demand-review": "review_2026",
		"/v1/reports/plan":          "first_deadline_passed",
		"/v1/reports/compare":       "one_year_review",
	} {
		t.Run(strings.TrimPrefix(path, "/v1/"), func(t *testing.T) {
			op := docObject(t, doc, "paths", path, "post")
			body, err := json.Marshal(exampleValue(t, docObject(t, op, "requestBody", "content", "application/json", "examples")[example]))
			require.NoError(t, err)
			files := docObject(t, op, "responses", "200", "content")
			for media, format := range map[string]string{"text/csv": "csv", "image/svg+xml": "svg"} {
				m, ok := files[media].(map[string]any)
				if !ok {
					continue
				}
				assert.Contains(t, m["schema"].(map[string]any)["description"], example, "the description names the request example")
				rec := do(h, http.MethodPost, path+"?format="+format, string(body))
				require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
				want, _ := m["example"].(string)
				assert.Equal(t, want, rec.Body.String(), "the %s example of the 200", media)
			}
			assert.Contains(t, files, "text/csv", "every report is also a CSV file")

			bad := docObject(t, op, "responses", "400", "content", "application/problem+json", "examples")
			rec := do(h, http.MethodPost, path+"?format=pdf", string(body), "X-Request-Id", exampleRequestID)
			require.Equal(t, http.StatusBadRequest, rec.Code, "body: %s", rec.Body)
			require.Contains(t, bad, "invalid_format")
			assertSameJSON(t, exampleValue(t, bad["invalid_format"]), decodeAny(t, rec.Body.Bytes()), "invalid_format")
		})
	}

	t.Run("413", func(t *testing.T) {
		tooLarge := docObject(t, doc, "components", "responses", "ReportTooLarge", "content", "application/problem+json", "examples")
		req := httptest.NewRequest(http.MethodPost, "/v1/reports/monthly-lists", strings.NewReader("{}"))
		req.ContentLength = 30 << 20 // announced: refused before it is read
		req.Header.Set("X-Request-Id", exampleRequestID)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
		assertSameJSON(t, exampleValue(t, tooLarge["too_large"]), decodeAny(t, rec.Body.Bytes()), "too_large")
		if testing.Short() {
			t.Skip("a file of 1,000,001 loans")
		}
		var b strings.Builder
		b.WriteString("loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n")
		b.WriteString(strings.Repeat(",,,,,,,,,,\n", httpapi.MaxPortfolioLines+1))
		req = httptest.NewRequest(http.MethodPost, "/v1/reports/portfolio?as_of=2026-09-30", strings.NewReader(b.String()))
		req.Header.Set("Content-Type", "text/csv")
		req.Header.Set("X-Request-Id", exampleRequestID)
		rec = httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, http.StatusRequestEntityTooLarge, rec.Code)
		assertSameJSON(t, exampleValue(t, tooLarge["too_many_lines"]), decodeAny(t, rec.Body.Bytes()), "too_many_lines")
	})
}

// queryExamples returns the examples of an operation's query parameters,
// format excepted, as a query.
func queryExamples(t *testing.T, op map[string]any) url.Values {
	t.Helper()
	q := url.Values{}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		m, _ := p.(map[string]any)
		if m["in"] == "query" && m["name"] != "format" {
			ex, ok := m["example"].(string)
			require.True(t, ok, "query parameter %v has no example", m["name"])
			q.Set(m["name"].(string), ex)
		}
	}
	return q
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
