package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The listings come a page at a time; next_after leads to the next page
// and the last page has none.
func TestListingPages(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	var ids []float64
	for _, p := range []string{"2026-01", "2026-02", "2026-03", "2026-04", "2026-05"} {
		rec := call(h, http.MethodPost, "/v1/lists", u.police, strings.Replace(list01(t), `"period": "2026-11"`, `"period": "`+p+`"`, 1))
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		ids = append(ids, float64(docOf(t, rec).ID))
	}
	page := func(query string) (got []float64, next any) {
		t.Helper()
		rec := call(h, http.MethodGet, "/v1/lists"+query, u.police, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		for _, l := range out["lists"].([]any) {
			got = append(got, l.(map[string]any)["id"].(float64))
		}
		return got, out["next_after"]
	}
	got, next := page("?limit=2")
	assert.Equal(t, ids[:2], got)
	assert.Equal(t, ids[1], next)
	got, next = page("?limit=2&after=" + strconv.Itoa(int(ids[1])))
	assert.Equal(t, ids[2:4], got)
	assert.Equal(t, ids[3], next)
	got, next = page("?limit=2&after=" + strconv.Itoa(int(ids[3])))
	assert.Equal(t, ids[4:], got)
	assert.Nil(t, next, "the last page")
	got, next = page("?limit=5")
	assert.Equal(t, ids, got)
	assert.Nil(t, next, "exactly one page")
	got, next = page("")
	assert.Equal(t, ids, got)
	assert.Nil(t, next)

	for _, q := range []string{"/v1/lists?limit=0", "/v1/lists?limit=1001", "/v1/lists?limit=02", "/v1/lists?limit=x",
		"/v1/lists?after=0", "/v1/lists?after=-1", "/v1/lists?after=1&after=2", "/v1/loans?limit=10001", "/v1/loans?after=abc",
		"/v1/applications?limit=1001", "/v1/plans?after=1.5"} {
		token := u.police
		if strings.Contains(q, "loans") || strings.Contains(q, "applications") {
			token = u.vbsp
		}
		rec := call(h, http.MethodGet, q, token, "")
		assert.Equal(t, http.StatusBadRequest, rec.Code, "%s: %s", q, rec.Body)
	}
	assert.Equal(t, http.StatusOK, call(h, http.MethodGet, "/v1/loans?limit=10000", u.vbsp, "").Code)
}
