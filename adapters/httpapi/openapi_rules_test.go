package httpapi_test

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// TestOpenAPIRulesExamplesMatchServer checks the examples of GET /v1/rules:
// each example of the 200, 400 and 422 answers is what the server answers
// to the query made of the examples of the same name of the operation's
// query parameters (on, province, known_on), as JSON; and every such
// parameter example belongs to an answer.
func TestOpenAPIRulesExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	doc, ok := decodeAny(t, rec.Body.Bytes()).(map[string]any)
	require.True(t, ok)

	op := docObject(t, doc, "paths", "/v1/rules", "get")
	queries := map[string]url.Values{}
	params, _ := op["parameters"].([]any)
	for _, p := range params {
		m, _ := p.(map[string]any)
		if m["in"] != "query" {
			continue
		}
		name, _ := m["name"].(string)
		require.NotContains(t, m, "example", "parameter %s: examples are named, to pair them with the answers", name)
		for ex, v := range docObject(t, m, "examples") {
			value, ok := exampleValue(t, v).(string)
			require.True(t, ok, "parameter %s, example %s: not a string", name, ex)
			if queries[ex] == nil {
				queries[ex] = url.Values{}
			}
			queries[ex].Set(name, value)
		}
	}

	responses := docObject(t, op, "responses")
	answered := map[string]bool{}
	for _, status := range []int{http.StatusOK, http.StatusBadRequest, http.StatusUnprocessableEntity} {
		resp := resolveDocRef(t, doc, responses[map[int]string{200: "200", 400: "400", 422: "422"}[status]])
		media := "application/problem+json"
		if status == http.StatusOK {
			media = "application/json"
		}
		examples := docObject(t, resp, "content", media, "examples")
		require.NotEmpty(t, examples, "no %d examples", status)
		for _, name := range slices.Sorted(maps.Keys(examples)) {
			t.Run(name, func(t *testing.T) {
				require.NotContains(t, answered, name, "two answers of one name")
				answered[name] = true
				q, ok := queries[name]
				require.True(t, ok, "no query parameter has an example %q", name)
				rec := do(h, http.MethodGet, "/v1/rules?"+q.Encode(), "", "X-Request-Id", exampleRequestID)
				require.Equal(t, status, rec.Code, "body: %s", rec.Body)
				assertSameJSON(t, exampleValue(t, examples[name]), decodeAny(t, rec.Body.Bytes()), name)
			})
		}
	}
	for name := range queries {
		assert.Contains(t, answered, name, "parameter examples %q answer nothing", name)
	}
}
