package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
)

// bookCSV is VBSP's loan book as the bank exports it: the CSV of POST
// /v1/reports/portfolio.
func bookCSV(lines ...string) string {
	return "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
		strings.Join(lines, "\n") + "\n"
}

const (
	bookLine1 = "VBSP-001,03424,individual,production,central,womens_union,2024-05-20,30000000,20000000,0,1"
	bookLine2 = "VBSP-002,03424,establishment,production,local,farmers_union,2025-02-01,100000000,90000000,10000000,4"
)

func importBook(h http.Handler, token, asOf, csv string) *httptest.ResponseRecorder {
	return call(h, http.MethodPost, "/v1/loans/import?as_of="+asOf, token, csv, "Content-Type", "text/csv")
}

// TestLoanBookImport loads VBSP's book into the store and reads it back
// through the portfolio from the store: the same book as POST
// /v1/reports/portfolio makes of the same file.
func TestLoanBookImport(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	_, viewer := f.addUser(access.ProvinceViewer, nil, "12")
	book := bookCSV(bookLine1, bookLine2)

	rec := importBook(h, u.vbsp, "2026-11-30", book)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.JSONEq(t, `{"id": 1, "as_of": "2026-11-30", "loans": 2, "created": 2, "positions": 2, "unchanged": 0,
		"imported_by": 5, "at": "2027-01-10T03:04:05Z"}`, rec.Body.String())
	// The same file again changes nothing: idempotent by loan_id.
	rec = importBook(h, u.vbsp, "2026-11-30", book)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"loans":2,"created":0,"positions":0,"unchanged":2`)

	// The portfolio from the store on the book's day is the POST's over the file.
	want := call(h, http.MethodPost, "/v1/reports/portfolio?as_of=2026-11-30", viewer, book, "Content-Type", "text/csv")
	require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
	got := call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2026-11-30", viewer, "")
	require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
	var g map[string]any
	require.NoError(t, json.Unmarshal(got.Body.Bytes(), &g))
	assert.Equal(t, map[string]any{"loans": 2.0, "positions_from": "2026-11-30", "positions_to": "2026-11-30", "without_position": 0.0}, g["imported"])
	delete(g, "imported")
	delete(g, "unclassified_loans")
	rest, _ := json.Marshal(g)
	assert.JSONEq(t, want.Body.String(), string(rest))
	// Before the book's day no position is known: the loans are left out, and counted so.
	got = call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2026-11-29", viewer, "")
	require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
	assert.Contains(t, got.Body.String(), `"imported":{"loans":0,"without_position":2}`)

	// A corrected book of the same day: a new position, read instead.
	rec = importBook(h, u.vbsp, "2026-11-30", bookCSV(bookLine1, strings.Replace(bookLine2, ",90000000,10000000,", ",90000000,9000000,", 1)))
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"loans":2,"created":0,"positions":1,"unchanged":1`)
	got = call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2026-12-15", viewer, "")
	assert.Contains(t, got.Body.String(), `"overdue":"9000000"`)

	// Every problem at once, with its line and column; nothing kept.
	rec = importBook(h, u.vbsp, "2026-12-31", bookCSV(
		"VBSP-003,99999,individual,production,central,womens_union,2024-05-20,30000000,20000000,0,1",
		"VBSP-004,03390,individual,production,central,womens_union,2024-05-20,30000000,20000000,0,1",
		"VBSP-005,03424,individual,production,central,womens_union,2027-01-05,30000000,20000000,0,1",
		"VBSP-006,03424,individual,production,central,womens_union,2024-05-20,30000000,40000000,0,1",
		"VBSP-001,03424,individual,production,central,youth_union,2024-05-20,30000000,20000000,0,1"))
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	p := problemOf(t, rec)
	var where []string
	for _, e := range p.Errors {
		where = append(where, *e.Pointer+" "+e.Code)
	}
	assert.Equal(t, []string{"/loans/0/commune_code unknown_commune", "/loans/1/commune_code out_of_scope",
		"/loans/2/disbursed_on after_as_of", "/loans/3/outstanding exceeds_amount"}, where,
		"the store is asked only when the file is right")
	rec = importBook(h, u.vbsp, "2026-12-31", bookCSV(bookLine2,
		"VBSP-001,03424,individual,production,central,youth_union,2024-05-20,30000000,20000000,0,1"))
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"row":3,"code":"differs_from_stored"`, "with the line of the loan")

	// Refusals.
	for _, tc := range []struct {
		name, token, target, ctype, body string
		want                             int
	}{
		{"no token", "", "/v1/loans/import?as_of=2026-12-31", "text/csv", book, http.StatusUnauthorized},
		{"commune police", u.police, "/v1/loans/import?as_of=2026-12-31", "text/csv", book, http.StatusForbidden},
		{"provincial police", u.provincial, "/v1/loans/import?as_of=2026-12-31", "text/csv", book, http.StatusForbidden},
		{"viewer", viewer, "/v1/loans/import?as_of=2026-12-31", "text/csv", book, http.StatusForbidden},
		{"JSON", u.vbsp, "/v1/loans/import?as_of=2026-12-31", "application/json", `{"loans": []}`, http.StatusUnsupportedMediaType},
		{"no as_of", u.vbsp, "/v1/loans/import", "text/csv", book, http.StatusUnprocessableEntity},
		{"bad as_of", u.vbsp, "/v1/loans/import?as_of=2026-02-30", "text/csv", book, http.StatusUnprocessableEntity},
		{"bad header", u.vbsp, "/v1/loans/import?as_of=2026-12-31", "text/csv", "id,amount\n1,2\n", http.StatusUnprocessableEntity},
		{"bad cell", u.vbsp, "/v1/loans/import?as_of=2026-12-31", "text/csv", bookCSV(strings.Replace(bookLine1, "central", "bank", 1)), http.StatusUnprocessableEntity},
		{"empty", u.vbsp, "/v1/loans/import?as_of=2026-12-31", "text/csv", "", http.StatusUnprocessableEntity},
	} {
		rec := call(h, http.MethodPost, tc.target, tc.token, tc.body, "Content-Type", tc.ctype)
		assert.Equal(t, tc.want, rec.Code, "%s: %s", tc.name, rec.Body)
	}
	// Nothing of the refused imports was kept: the book is as corrected.
	got = call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2027-01-10", viewer, "")
	assert.Contains(t, got.Body.String(), `"imported":{"loans":2,"positions_from":"2026-11-30","positions_to":"2026-11-30","without_position":0}`)

	// The day of the book is the last day a loan may have been disbursed.
	rec = importBook(h, u.vbsp, "2024-05-19", bookCSV(bookLine1))
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"code":"after_as_of"`)
	rec = importBook(h, u.vbsp, "2024-05-20", bookCSV(bookLine1))
	require.Equal(t, http.StatusOK, rec.Code, "disbursed on the book's day: %s", rec.Body)
}
