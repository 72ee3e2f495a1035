package httpapi

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
)

// lastAudit is the action of the trail's last entry.
func lastAudit(f *fakeRecords) string {
	es := f.snapshot()
	return es[len(es)-1].Action + " " + es[len(es)-1].Resource + " " + es[len(es)-1].Outcome
}

// The monthly round from the store: a sent list counts, on time by its
// first submit; the expected communes are the catalogue's in scope; a role
// with rows sees shared people, province_viewer never.
func TestStoredMonthly(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	_, viewer := f.addUser(access.ProvinceViewer, nil, "12")
	_, auditor := f.addUser(access.Auditor, nil, "")
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	// A draft of another period counts nowhere.
	require.Equal(t, http.StatusCreated, call(h, http.MethodPost, "/v1/lists", u.police,
		strings.Replace(list01(t), `"period": "2026-11"`, `"period": "2026-10"`, 1)).Code)

	get := func(token, query string) map[string]any {
		t.Helper()
		rec := call(h, http.MethodGet, "/v1/reports/monthly-lists"+query, token, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
		return out
	}
	m := get(u.vbsp, "?period=2026-11")
	assert.Equal(t, "report.rows report.monthly_lists ok", lastAudit(f), "rows: a read of personal data")
	assert.Equal(t, []any{map[string]any{"commune_code": "03424", "rows": 3.0, "demand": m["totals"].(map[string]any)["demand"],
		"on_time": false, "prepared_on": "2026-11-04", "submitted_on": "2027-01-10"}}, m["communes"],
		"prepared by the 4th, first submitted on 10 January: late")
	assert.Equal(t, []any{"03424"}, m["late"])
	assert.Equal(t, []any{}, m["missing"], "the officer's scope is Bản Bo")
	assert.Equal(t, []any{}, m["shared_people"])

	p := get(u.provincial, "?period=2026-11")
	assert.Contains(t, p["missing"], "03390", "the province's other communes are expected")
	assert.NotContains(t, p["missing"], "03424")
	assert.Contains(t, p, "shared_people")

	v := get(viewer, "?period=2026-11")
	assert.Equal(t, "report.aggregate report.monthly_lists ok", lastAudit(f))
	assert.NotContains(t, v, "shared_people", "province_viewer: counts only")
	assert.Equal(t, p["communes"], v["communes"])
	assert.Equal(t, p["totals"], v["totals"])

	other := get(u.otherPolice, "?period=2026-11")
	assert.Equal(t, []any{}, other["communes"], "another commune's police sees nothing of Bản Bo")
	assert.Equal(t, []any{"03390"}, other["missing"])

	empty := get(u.vbsp, "?period=2026-10")
	assert.Equal(t, []any{}, empty["communes"], "a draft is not sent")

	for _, tok := range []string{u.admin, auditor} {
		rec := call(h, http.MethodGet, "/v1/reports/monthly-lists?period=2026-11", tok, "")
		assert.Equal(t, http.StatusForbidden, rec.Code)
	}
	assert.Equal(t, "report.aggregate report.monthly_lists forbidden", lastAudit(f))
	for _, q := range []string{"", "?period=2026-13", "?period=2026-11&period=2026-10", "?period=2026-11&format=pdf"} {
		assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/reports/monthly-lists"+q, u.vbsp, "").Code, q)
	}
	for _, format := range []string{"csv", "xlsx"} {
		rec := call(h, http.MethodGet, "/v1/reports/monthly-lists?period=2026-11&format="+format, viewer, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	}
}

// The demand review from the store is POST /v1/reports/demand-review over
// the same lists.
func TestStoredDemand(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	_, viewer := f.addUser(access.ProvinceViewer, nil, "12")
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	got := call(h, http.MethodGet, "/v1/reports/demand-review?year=2026&capital=100000000", viewer, "")
	require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
	assert.Equal(t, "report.aggregate report.demand_review ok", lastAudit(f))
	want := call(h, http.MethodPost, "/v1/reports/demand-review", viewer,
		`{"year": 2026, "capital": {"central": "100000000"}, "lists": [`+list01(t)+`]}`)
	require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
	assert.JSONEq(t, want.Body.String(), got.Body.String())

	none := call(h, http.MethodGet, "/v1/reports/demand-review?year=2025", viewer, "")
	require.Equal(t, http.StatusOK, none.Code)
	assert.Contains(t, none.Body.String(), `"people":0`)
	for _, q := range []string{"", "?year=26", "?year=2026&capital=-1", "?year=2026&capital=1.5"} {
		assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/reports/demand-review"+q, viewer, "").Code, q)
	}
	assert.Equal(t, http.StatusForbidden, call(h, http.MethodGet, "/v1/reports/demand-review?year=2026", u.admin, "").Code)
}

// The loan book from the store is POST /v1/reports/portfolio over the
// same loans, each loan's outstanding and overdue principal from its
// statement (as POST /v1/statements computes it) on the day.
func TestStoredPortfolioAgrees(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	_, viewer := f.addUser(access.ProvinceViewer, nil, "12")
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	decide := func(app, body string) {
		t.Helper()
		rec := call(h, http.MethodPost, "/v1/applications/"+app+"/decision", u.vbsp, body)
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	}
	decide("1", `{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 6,
		"disbursed_on": "2026-06-01", "channel": "womens_union", "capital_source": "central"}`)
	// A channel the loan book does not know is refused at the decision,
	// so that no stored loan is left out of the portfolio.
	refused := call(h, http.MethodPost, "/v1/applications/2/decision", u.vbsp, `{"outcome": "approved", "amount": "10000000",
		"term_months": 12, "principal_every_months": 1, "disbursed_on": "2026-12-01", "channel": "Hội Nông dân", "capital_source": "central"}`)
	require.Equal(t, http.StatusUnprocessableEntity, refused.Code, "body: %s", refused.Body)
	rec := call(h, http.MethodPost, "/v1/loans/1/payments", u.vbsp, `{"on": "2026-12-01", "amount": "5000000"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)

	for _, asOf := range []string{"2026-05-31", "2026-12-15", "2027-01-10"} {
		st := call(h, http.MethodPost, "/v1/statements", u.vbsp, `{"amount": "80000000", "disbursed_on": "2026-06-01",
			"term_months": 36, "principal_every_months": 6, "purpose": "production", "province": "12", "as_of": "`+asOf+`",
			"payments": [{"on": "2026-12-01", "amount": "5000000"}]}`)
		s := struct {
			Outstanding string `json:"principal_outstanding"`
			Overdue     string `json:"principal_overdue"`
		}{"0", "0"} // before the disbursement: no statement, and the book leaves the loan out
		if asOf != "2026-05-31" {
			require.Equal(t, http.StatusOK, st.Code, "body: %s", st.Body)
			require.NoError(t, json.Unmarshal(st.Body.Bytes(), &s))
		}
		want := call(h, http.MethodPost, "/v1/reports/portfolio", viewer, `{"as_of": "`+asOf+`", "loans": [{"loan_id": "1",
			"commune_code": "03424", "borrower_kind": "individual", "purpose": "production", "capital_source": "central",
			"channel": "womens_union", "disbursed_on": "2026-06-01", "amount": "80000000", "outstanding": "`+s.Outstanding+`",
			"overdue": "`+s.Overdue+`", "jobs": 0}]}`)
		require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
		got := call(h, http.MethodGet, "/v1/reports/portfolio?as_of="+asOf, viewer, "")
		require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
		var g map[string]any
		require.NoError(t, json.Unmarshal(got.Body.Bytes(), &g))
		assert.Equal(t, []any{}, g["unclassified_loans"], asOf)
		assert.Equal(t, map[string]any{"loans": 0.0, "without_position": 0.0}, g["imported"], asOf)
		delete(g, "unclassified_loans")
		delete(g, "imported")
		rest, _ := json.Marshal(g)
		assert.JSONEq(t, want.Body.String(), string(rest), "as of %s: the stored book is the POST's over the same loans", asOf)
		for _, format := range []string{"csv", "xlsx", "svg"} {
			w := call(h, http.MethodPost, "/v1/reports/portfolio?format="+format, viewer, `{"as_of": "`+asOf+`", "loans": [{"loan_id": "1",
			"commune_code": "03424", "borrower_kind": "individual", "purpose": "production", "capital_source": "central",
			"channel": "womens_union", "disbursed_on": "2026-06-01", "amount": "80000000", "outstanding": "`+s.Outstanding+`",
			"overdue": "`+s.Overdue+`", "jobs": 0}]}`)
			g := call(h, http.MethodGet, "/v1/reports/portfolio?format="+format+"&as_of="+asOf, viewer, "")
			require.Equal(t, http.StatusOK, g.Code, "body: %s", g.Body)
			if format != "xlsx" { // a workbook's bytes differ from one writing to the next
				assert.Equal(t, w.Body.String(), g.Body.String(), "%s as %s", asOf, format)
			}
		}
	}
	assert.Equal(t, "report.aggregate report.portfolio ok", lastAudit(f))
	other := call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2027-01-10", u.otherPolice, "")
	require.Equal(t, http.StatusOK, other.Code)
	assert.Contains(t, other.Body.String(), `"loans":0`, "out of scope: nothing")
	assert.Equal(t, http.StatusForbidden, call(h, http.MethodGet, "/v1/reports/portfolio", u.admin, "").Code)
	assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/reports/portfolio?as_of=2027-13-01", viewer, "").Code)
}

// Completions of the provincial plan are recorded by the admin and the
// plan's status from them is POST /v1/reports/plan's over the same ones.
func TestPlanCompletions(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	post := func(token, body string, header ...string) int {
		t.Helper()
		return call(h, http.MethodPost, "/v1/plan/completions", token, body, header...).Code
	}
	one := `{"task_id": "propaganda", "occurrence": "2023-12-31", "done_on": "2023-12-20"}`
	rec := call(h, http.MethodPost, "/v1/plan/completions", u.admin, one, "Idempotency-Key", "k1")
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.JSONEq(t, `{"seq": 1, "task_id": "propaganda", "occurrence": "2023-12-31", "done_on": "2023-12-20",
		"recorded_by": 7, "at": "2027-01-10T03:04:05Z"}`, rec.Body.String())
	assert.Equal(t, "plan.complete plan_task ok", lastAudit(f))
	assert.Equal(t, http.StatusCreated, post(u.admin, one, "Idempotency-Key", "k1"), "a retry answers the first")
	assert.Len(t, f.plan.done, 1)

	problems := func(body string) []string {
		t.Helper()
		rec := call(h, http.MethodPost, "/v1/plan/completions", u.admin, body)
		require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
		return pointers(problemOf(t, rec))
	}
	dup := call(h, http.MethodPost, "/v1/plan/completions", u.admin, one)
	assert.Equal(t, http.StatusConflict, dup.Code, "done before: %s", dup.Body)
	assert.Contains(t, dup.Body.String(), "duplicate_completion")
	assert.Equal(t, []string{"/task_id unknown_task"}, problems(`{"task_id": "nope", "occurrence": "2023-12-31", "done_on": "2023-12-20"}`))
	assert.Contains(t, problems(`{"task_id": "propaganda", "occurrence": "2024-12-31", "done_on": "2027-02-01"}`), "/done_on in_the_future")
	assert.Equal(t, http.StatusForbidden, post(u.vbsp, one))
	assert.Equal(t, http.StatusBadRequest, post(u.admin, `{"task_id": "propaganda", "extra": 1}`))

	got := call(h, http.MethodGet, "/v1/reports/plan?on=2024-06-30", u.admin, "")
	require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
	want := call(h, http.MethodPost, "/v1/reports/plan", u.admin, `{"on": "2024-06-30", "completions": [`+one+`]}`)
	require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
	assert.Equal(t, want.Body.String(), got.Body.String())
	csv := call(h, http.MethodGet, "/v1/reports/plan?on=2024-06-30&format=csv", u.admin, "")
	require.Equal(t, http.StatusOK, csv.Code)
	assert.Equal(t, http.StatusForbidden, call(h, http.MethodGet, "/v1/reports/plan", u.vbsp, "").Code)
	assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/reports/plan?on=2100-01-01", u.admin, "").Code)
}

// A commune's supplementary list of a period counts with its first: rows
// after the first list's, a person listed again counted once at the later
// row, and a person shared with another commune named by the stored list
// and row where each was listed.
func TestStoredMonthlySupplementary(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	_, police90 := f.addUser(access.CommunePolice, []string{"03390"}, "")
	submit := func(token, body string) int64 {
		t.Helper()
		rec := call(h, http.MethodPost, "/v1/lists", token, body)
		require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
		id := docOf(t, rec).ID
		rec = call(h, http.MethodPost, "/v1/lists/"+strconv.FormatInt(id, 10)+"/submit", token, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		return id
	}
	first := list01(t) // three people: 80, 30 and 50 million
	// The supplementary list: Páo again with 60 million, and a fourth person.
	var l map[string]any
	require.NoError(t, json.Unmarshal([]byte(first), &l))
	rows := l["rows"].([]any)
	pao := rows[2].(map[string]any)
	pao["amount"] = "60000000"
	fourth := maps.Clone(rows[0].(map[string]any))
	fourth["id_number"], fourth["full_name"], fourth["amount"] = "012090009999", "Lò Văn Mới", "20000000"
	l["rows"] = []any{pao, fourth}
	supp, _ := json.Marshal(l)
	// Bình Lư lists the fourth person too.
	l["commune_code"], l["commune_name"], l["rows"] = "03390", "Xã Bình Lư", []any{fourth}
	other, _ := json.Marshal(l)

	submit(u.police, first)
	id2 := submit(u.police, string(supp))
	id3 := submit(police90, string(other))

	rec := call(h, http.MethodGet, "/v1/reports/monthly-lists?period=2026-11", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	var m struct {
		Communes []struct {
			Code   string `json:"commune_code"`
			Rows   int    `json:"rows"`
			Demand string `json:"demand"`
		} `json:"communes"`
		Shared []struct {
			Communes []string `json:"communes"`
			Rows     []struct {
				ListID int64 `json:"list_id"`
				Row    int   `json:"row"`
			} `json:"rows"`
		} `json:"shared_people"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &m))
	require.Len(t, m.Communes, 2)
	assert.Equal(t, "03390", m.Communes[0].Code)
	assert.Equal(t, []any{"03424", 4, "190000000"}, []any{m.Communes[1].Code, m.Communes[1].Rows, m.Communes[1].Demand},
		"80 + 30 + 60 (Páo at the later row) + 20 million")
	require.Len(t, m.Shared, 1)
	assert.Equal(t, []string{"03390", "03424"}, m.Shared[0].Communes)
	var refs []string
	for _, r := range m.Shared[0].Rows {
		refs = append(refs, fmt.Sprintf("%d/%d", r.ListID, r.Row))
	}
	assert.ElementsMatch(t, []string{fmt.Sprintf("%d/1", id2), fmt.Sprintf("%d/0", id3)}, refs,
		"each where it was stored: row 1 of the supplementary list, row 0 of Bình Lư's")

	rec = call(h, http.MethodGet, "/v1/reports/demand-review?year=2026", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"people":4,"demand":"190000000"`, "the shared person once, at the later list")
}
