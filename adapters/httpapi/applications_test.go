package httpapi

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// lendingServer is a server with a fake store whose clock reads 10
// January 2027 (after the example list's month), and a fixed person key
// secret.
func lendingServer(t testing.TB) (http.Handler, *fakeRecords) {
	t.Helper()
	f := newFakeRecords()
	f.now = func() time.Time { return time.Date(2027, 1, 10, 3, 4, 5, 0, time.UTC) }
	h := New(Options{Records: f, Now: f.now, Logger: slog.New(slog.DiscardHandler), PersonKeySecret: []byte("a test secret of 32 bytes, fixed")})
	return h, f
}

// receivedList creates, submits, certifies and receives a list as the
// round's users, and returns its id.
func receivedList(t *testing.T, h http.Handler, police, committee, vbsp, body string) int64 {
	t.Helper()
	rec := call(h, http.MethodPost, "/v1/lists", police, body)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	id := docOf(t, rec).ID
	for _, step := range []struct{ token, t string }{{police, "submit"}, {committee, "certify"}, {vbsp, "receive"}} {
		rec := call(h, http.MethodPost, "/v1/lists/"+docID(id)+"/"+step.t, step.token, "")
		require.Equal(t, http.StatusOK, rec.Code, "%s: %s", step.t, rec.Body)
	}
	return id
}

func applicationsOf(t *testing.T, rec *httptest.ResponseRecorder) []applicationJSON {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	var out struct {
		Applications []applicationJSON `json:"applications"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	return out.Applications
}

// Receiving a list screens every row, in the receipt: the stored
// screening is exactly what POST /v1/assessments answers for the row on
// the list's prepared_on in the commune's province.
func TestReceiptScreens(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	id := receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))

	apps := applicationsOf(t, call(h, http.MethodGet, "/v1/applications?list_id="+docID(id), u.vbsp, ""))
	require.Len(t, apps, 3)
	e := lastEntry(t, f)
	assert.Equal(t, "application.read", e.Action)
	assert.Equal(t, "application", e.Resource)
	assert.Equal(t, records.OutcomeOK, e.Outcome)

	rows := []string{
		`"purpose": "production", "amount": "80000000", "individual": {"release": {"basis": "completion", "completed_on": "2023-08-21"}, "on_commune_list": true}`,
		`"purpose": "vocational_training", "amount": "30000000", "course_months": 9, "individual": {"release": {"basis": "special_amnesty", "completed_on": "2025-09-01"}, "on_commune_list": true}`,
		`"purpose": "production", "amount": "50000000", "individual": {"release": {"basis": "completion", "completed_on": "2024-12-10"}, "on_commune_list": true}`,
	}
	for i, a := range apps {
		assert.Equal(t, int64(i+1), a.ID)
		assert.Equal(t, id, a.ListID)
		assert.Equal(t, i, a.Row)
		assert.Equal(t, "03424", a.CommuneCode)
		assert.Equal(t, "12", a.ProvinceCode)
		assert.Equal(t, "2026-11", a.Period)
		assert.Equal(t, "pending", a.Decision)
		assert.Equal(t, []string{}, a.SharedWith)
		want := call(h, http.MethodPost, "/v1/assessments", u.vbsp, `{"requested_on": "2026-11-04", "province": "12", `+rows[i]+`}`)
		require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
		assert.Equal(t, strings.TrimSuffix(want.Body.String(), "\n"), string(a.Screening), "row %d: the stored screening is the assessment's answer", i)
		var s struct {
			Decision     string `json:"decision"`
			RulesVersion string `json:"rules_version"`
		}
		require.NoError(t, json.Unmarshal(a.Screening, &s))
		assert.Equal(t, s.Decision, a.Verdict)
		assert.Equal(t, s.RulesVersion, a.RulesVersion)
		assert.Equal(t, credit.DefaultBook().Version(), a.RulesVersion)
	}

	rec := call(h, http.MethodGet, "/v1/applications/2", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	var one applicationJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &one))
	assert.Equal(t, apps[1], one)
	e = lastEntry(t, f)
	assert.Equal(t, "application.read", e.Action)
	assert.Equal(t, "2", e.ResourceID, "a read of personal data names what was read")

	// No person's name or number reaches the trail or a listing's keys.
	for _, e := range f.snapshot() {
		all := strings.Join([]string{e.Role, e.Action, e.Resource, e.ResourceID, e.Outcome, e.RequestID}, "|")
		assert.NotContains(t, all, "012090003175")
	}
	for _, k := range f.lend.keys {
		assert.Len(t, k.key, 64)
		assert.NotContains(t, k.key, "012090003175")
	}

	// A receipt whose screening fails writes nothing: the list stays
	// certified, no application is made.
	body := strings.Replace(list01(t), `"period": "2026-11"`, `"period": "2026-12"`, 1)
	rec = call(h, http.MethodPost, "/v1/lists", u.police, body)
	require.Equal(t, http.StatusCreated, rec.Code)
	id2 := docOf(t, rec).ID
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/"+docID(id2)+"/submit", u.police, "").Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/"+docID(id2)+"/certify", u.committee, "").Code)
	f.mu.Lock()
	d := f.docs[records.KindList][id2-1]
	d.cur.Body = []byte(strings.Replace(string(d.cur.Body), `"prepared_on":"2026-11-04"`, `"prepared_on":"2020-01-01"`, 1)) // before QĐ22: Assess refuses
	f.mu.Unlock()
	n := len(f.snapshot())
	rec = call(h, http.MethodPost, "/v1/lists/"+docID(id2)+"/receive", u.vbsp, "")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, pointers(problemOf(t, rec)), "/rows/0/requested_on before_policy")
	assert.Len(t, f.lend.apps, 3, "nothing written")
	assert.Equal(t, "certified", f.docs[records.KindList][id2-1].cur.Status)
	es := f.snapshot()
	require.Len(t, es, n+1, "only the refused attempt's entry")
	assert.Equal(t, records.OutcomeInvalid, es[n].Outcome)

	// Filters.
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?plan_id="+docID(id), u.vbsp, "")), 0, "a list's id is not a plan's")
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?decision=pending", u.vbsp, "")), len(f.lend.apps))
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?decision=approved", u.vbsp, "")), 0)
	for _, q := range []string{"list_id=0", "list_id=x", "list_id=01", "list_id=1&plan_id=1", "decision=maybe"} {
		rec := call(h, http.MethodGet, "/v1/applications?"+q, u.vbsp, "")
		require.Equal(t, http.StatusBadRequest, rec.Code, q)
		assert.Equal(t, typeInvalidParameter, problemOf(t, rec).Type, q)
	}
}

// A person listed by two communes in a period is flagged to VBSP on both
// applications, by commune, never by number.
func TestReceiptSharedPerson(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	tanUyen := []string{"03598"}
	_, police := f.addUser(access.CommunePolice, tanUyen, "")
	_, committee := f.addUser(access.CommuneCommittee, tanUyen, "")
	_, vbsp := f.addUser(access.VBSPOfficer, tanUyen, "")
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	other := strings.Replace(strings.Replace(list01(t), `"03424"`, `"03598"`, 1), `"commune_name": "Xã Bản Bo"`, `"commune_name": "Xã Tân Uyên"`, 1)
	receivedList(t, h, police, committee, vbsp, other)

	mine := applicationsOf(t, call(h, http.MethodGet, "/v1/applications", u.vbsp, ""))
	require.Len(t, mine, 3, "only the applications in scope")
	for _, a := range mine {
		assert.Equal(t, []string{"03598"}, a.SharedWith)
	}
	theirs := applicationsOf(t, call(h, http.MethodGet, "/v1/applications", vbsp, ""))
	require.Len(t, theirs, 3)
	assert.Equal(t, []string{"03424"}, theirs[0].SharedWith)
	assert.NotContains(t, call(h, http.MethodGet, "/v1/applications", u.provincial, "").Body.String(), "012090003175")
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications", u.provincial, "")), 6)

	// Another period: not flagged.
	later := strings.Replace(other, `"period": "2026-12"`, "", 1)
	later = strings.Replace(later, `"2026-11"`, `"2026-12"`, 1)
	receivedList(t, h, police, committee, vbsp, later)
	apps := applicationsOf(t, call(h, http.MethodGet, "/v1/applications?list_id=3", vbsp, ""))
	require.Len(t, apps, 3)
	assert.Equal(t, "2026-12", apps[0].Period)
	assert.Equal(t, []string{}, apps[0].SharedWith)
}

// Who may read and decide applications: 401, 403 by role, 404 outside
// the scope (audited as a refused attempt).
func TestApplicationsAccess(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	_, otherVBSP := f.addUser(access.VBSPOfficer, []string{"03598"}, "")
	_, viewer := f.addUser(access.ProvinceViewer, nil, "12")
	_, otherProvince := f.addUser(access.ProvincialPolice, nil, "01")
	refusal := `{"outcome": "refused", "note": "Không liên lạc được"}`
	for _, tc := range []struct {
		name, method, target, token, body string
		status                            int
		outcome                           string
	}{
		{"no token", http.MethodGet, "/v1/applications", "", "", 401, records.OutcomeUnauthenticated},
		{"police read none", http.MethodGet, "/v1/applications", u.police, "", 403, records.OutcomeForbidden},
		{"committee reads none", http.MethodGet, "/v1/applications/1", u.committee, "", 403, records.OutcomeForbidden},
		{"viewer reads none", http.MethodGet, "/v1/applications/1", viewer, "", 403, records.OutcomeForbidden},
		{"admin reads none", http.MethodGet, "/v1/applications", u.admin, "", 403, records.OutcomeForbidden},
		{"provincial police decide none", http.MethodPost, "/v1/applications/1/decision", u.provincial, refusal, 403, records.OutcomeForbidden},
		{"police decide none", http.MethodPost, "/v1/applications/1/decision", u.police, refusal, 403, records.OutcomeForbidden},
		{"another commune's vbsp", http.MethodGet, "/v1/applications/1", otherVBSP, "", 404, records.OutcomeNotFound},
		{"another commune's decision", http.MethodPost, "/v1/applications/1/decision", otherVBSP, refusal, 404, records.OutcomeNotFound},
		{"another province", http.MethodGet, "/v1/applications/1", otherProvince, "", 404, records.OutcomeNotFound},
		{"no such application", http.MethodGet, "/v1/applications/9", u.vbsp, "", 404, records.OutcomeNotFound},
		{"not an id", http.MethodGet, "/v1/applications/01", u.vbsp, "", 404, records.OutcomeNotFound},
		{"no loan read by police", http.MethodGet, "/v1/loans", u.police, "", 403, records.OutcomeForbidden},
		{"no payment by provincial police", http.MethodPost, "/v1/loans/1/payments", u.provincial, `{"on": "2027-01-01", "amount": "1"}`, 403, records.OutcomeForbidden},
		{"no such loan", http.MethodGet, "/v1/loans/1", u.vbsp, "", 404, records.OutcomeNotFound},
		{"no such statement", http.MethodGet, "/v1/loans/1/statement", u.vbsp, "", 404, records.OutcomeNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(h, tc.method, tc.target, tc.token, tc.body)
			require.Equal(t, tc.status, rec.Code, "body: %s", rec.Body)
			if tc.status == 404 {
				assert.Equal(t, "Không có tài nguyên này.", problemOf(t, rec).Detail, "out of scope is answered as missing")
			}
			e := lastEntry(t, f)
			assert.Equal(t, tc.outcome, e.Outcome)
			assert.Empty(t, e.ResourceID)
		})
	}
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications", otherVBSP, "")), 0)
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications", otherProvince, "")), 0)
	assert.Equal(t, "", f.lend.apps[0].Decision, "nothing decided")

	// Without a store the routes do not exist.
	plain := New(Options{})
	for _, target := range []string{"/v1/applications", "/v1/applications/1", "/v1/loans", "/v1/loans/1", "/v1/loans/1/statement"} {
		assert.Equal(t, http.StatusNotFound, call(plain, http.MethodGet, target, "", "").Code, target)
	}
}

// The decisions: every refusal of a bad body, an approval checked against
// the stored screening and the book, once, retried with its key.
func TestDecision(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	decide := func(app, body string, header ...string) *httptest.ResponseRecorder {
		return call(h, http.MethodPost, "/v1/applications/"+app+"/decision", u.vbsp, body, header...)
	}
	approve := `{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 6, "disbursed_on": "2026-12-01", "channel": "farmers_union", "capital_source": "central"}`
	for _, tc := range []struct {
		name, body string
		status     int
		want       []string
	}{
		{"no outcome", `{}`, 422, []string{"/outcome required"}},
		{"unknown outcome", `{"outcome": "maybe"}`, 422, []string{"/outcome invalid_enum"}},
		{"refused without a note", `{"outcome": "refused", "note": "  "}`, 422, []string{"/note note_required"}},
		{"withdrawn with terms", `{"outcome": "withdrawn", "amount": "1"}`, 422, []string{"/amount not_applicable"}},
		{"approved without terms", `{"outcome": "approved"}`, 422, []string{"/amount required", "/term_months required",
			"/principal_every_months required", "/disbursed_on required", "/channel required", "/capital_source required"}},
		{"a channel not of the loan book", strings.Replace(approve, `"farmers_union"`, `"Hội Nông dân"`, 1), 422, []string{"/channel invalid_enum"}},
		{"a capital source not of the loan book", strings.Replace(approve, `"capital_source": "central"`, `"capital_source": "trung ương"`, 1), 422, []string{"/capital_source invalid_enum"}},
		{"above the cap", strings.Replace(approve, `"80000000"`, `"200000000"`, 1), 422, []string{"/amount above_cap"}},
		{"term too long", strings.Replace(approve, `"term_months": 36`, `"term_months": 121`, 1), 422, nil},
		{"frequency not dividing", strings.Replace(approve, `"principal_every_months": 6`, `"principal_every_months": 7`, 1), 422, []string{"/principal_every_months not_divisor"}},
		{"wrong types", `{"outcome": 1, "amount": true, "disbursed_on": "2026-13-01"}`, 422, nil},
		{"unknown field", `{"outcome": "withdrawn", "x": 1}`, 400, nil},
		{"not JSON", `{`, 400, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := decide("1", tc.body)
			require.Equal(t, tc.status, rec.Code, "body: %s", rec.Body)
			if tc.want != nil {
				assert.ElementsMatch(t, tc.want, pointers(problemOf(t, rec)))
			}
			e := lastEntry(t, f)
			assert.Equal(t, "application.decide", e.Action)
			assert.Equal(t, records.OutcomeInvalid, e.Outcome)
		})
	}
	assert.Empty(t, f.lend.loans)

	first := decide("1", approve, "Idempotency-Key", "d-1")
	require.Equal(t, http.StatusCreated, first.Code, "body: %s", first.Body)
	assert.Equal(t, "/v1/loans/1", first.Header().Get("Location"))
	var got struct {
		Decision string          `json:"decision"`
		Note     string          `json:"note"`
		LoanID   int64           `json:"loan_id"`
		Loan     json.RawMessage `json:"loan"`
	}
	require.NoError(t, json.Unmarshal(first.Body.Bytes(), &got))
	assert.Equal(t, "approved", got.Decision)
	assert.Equal(t, int64(1), got.LoanID)
	assert.JSONEq(t, `{"id": 1, "application_id": 1, "commune_code": "03424", "province_code": "12", "purpose": "production",
		"amount": "80000000", "disbursed_on": "2026-12-01", "term_months": 36, "principal_every_months": 6,
		"channel": "farmers_union", "capital_source": "central", "status": "active", "created_by": 5,
		"created_at": "2027-01-10T03:04:05Z"}`, string(got.Loan))
	e := lastEntry(t, f)
	assert.Equal(t, "application.decide", e.Action)
	assert.Equal(t, "1", e.ResourceID)
	n := len(f.snapshot())

	again := decide("1", approve, "Idempotency-Key", "d-1")
	require.Equal(t, http.StatusCreated, again.Code, "the retry is answered: %s", again.Body)
	assert.JSONEq(t, first.Body.String(), again.Body.String())
	assert.Len(t, f.lend.loans, 1, "one loan")
	assert.Len(t, f.snapshot(), n, "the retry records no second change")

	rec := decide("1", `{"outcome": "withdrawn"}`)
	require.Equal(t, http.StatusConflict, rec.Code, "body: %s", rec.Body)
	p := problemOf(t, rec)
	assert.Equal(t, "already_decided", p.Code)
	assert.Equal(t, conflictMessages["already_decided"].EN, p.DetailEN)
	rec = decide("1", `{"outcome": "withdrawn"}`, "Idempotency-Key", "d-1")
	assert.Equal(t, http.StatusUnprocessableEntity, rec.Code, "the key of another request")

	rec = decide("2", `{"outcome": "refused", "note": "Đã có khoản vay cùng mục đích"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "/v1/applications/2", rec.Header().Get("Location"))
	got.Loan, got.LoanID = nil, 0
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got))
	assert.Equal(t, "refused", got.Decision)
	assert.Equal(t, "Đã có khoản vay cùng mục đích", got.Note)
	assert.Nil(t, got.Loan)
	assert.Zero(t, got.LoanID)
	require.Equal(t, http.StatusCreated, decide("3", `{"outcome": "withdrawn"}`).Code)

	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?decision=pending", u.vbsp, "")), 0)
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?decision=refused", u.vbsp, "")), 1)
	for _, e := range f.snapshot() {
		assert.NotContains(t, e.ResourceID+e.Resource+e.Action, "Đã có")
	}
}

// An application screened ineligible is never approved.
func TestDecisionIneligible(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	// The rules have changed between the certification and the receipt:
	// the fake's stored list says the sentence was completed long before.
	rec := call(h, http.MethodPost, "/v1/lists", u.police, list01(t))
	require.Equal(t, http.StatusCreated, rec.Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/submit", u.police, "").Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/certify", u.committee, "").Code)
	f.mu.Lock()
	d := f.docs[records.KindList][0]
	d.cur.Body = []byte(strings.Replace(string(d.cur.Body), `"completed_on":"2023-08-21"`, `"completed_on":"2020-08-21"`, 1))
	f.mu.Unlock()
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/receive", u.vbsp, "").Code)
	a := f.lend.apps[0]
	require.Equal(t, "ineligible", a.Verdict, "screening: %s", a.Screening)
	rec = call(h, http.MethodPost, "/v1/applications/1/decision", u.vbsp,
		`{"outcome": "approved", "amount": "10000000", "term_months": 12, "principal_every_months": 6, "disbursed_on": "2026-12-01", "channel": "farmers_union", "capital_source": "central"}`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, pointers(problemOf(t, rec)), "/outcome ineligible")
	rec = call(h, http.MethodPost, "/v1/applications/1/decision", u.vbsp, `{"outcome": "refused", "note": "Quá thời hạn"}`)
	assert.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
}

// approvedLoan receives the example list and approves its first row:
// 80,000,000 đồng over 36 months from 1 December 2026, principal every 6
// months. It returns the round's users.
func approvedLoan(t *testing.T, h http.Handler, f *fakeRecords) roundUsers {
	t.Helper()
	u := newRound(f)
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	rec := call(h, http.MethodPost, "/v1/applications/1/decision", u.vbsp,
		`{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 6, "disbursed_on": "2026-12-01", "channel": "farmers_union", "capital_source": "central"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	return u
}

// statementBody is the POST /v1/statements body of the approved loan
// with the payments.
func statementBody(asOf string, payments ...string) string {
	return `{"amount": "80000000", "disbursed_on": "2026-12-01", "term_months": 36, "principal_every_months": 6,
		"purpose": "production", "province": "12", "as_of": "` + asOf + `", "payments": [` + strings.Join(payments, ", ") + `]}`
}

// The statement of a stored loan is POST /v1/statements' answer for the
// same loan and payments, to the đồng; a payment that leaves nothing owed
// closes the loan.
func TestLoanStatementAgrees(t *testing.T) {
	h, f := lendingServer(t)
	u := approvedLoan(t, h, f)
	pay := func(body string, header ...string) *httptest.ResponseRecorder {
		return call(h, http.MethodPost, "/v1/loans/1/payments", u.vbsp, body, header...)
	}
	agree := func(asOf string, payments ...string) {
		t.Helper()
		got := call(h, http.MethodGet, "/v1/loans/1/statement?as_of="+asOf, u.vbsp, "")
		require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
		want := call(h, http.MethodPost, "/v1/statements", u.vbsp, statementBody(asOf, payments...))
		require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
		assert.Equal(t, want.Body.String(), got.Body.String(), "as of %s: the stored loan's statement is POST /v1/statements'", asOf)
	}
	agree("2026-12-01")
	agree("2027-01-01")
	es := f.snapshot()
	e := es[len(es)-2] // the statement's read, before the calculation's

	assert.Equal(t, "loan.read", e.Action)
	assert.Equal(t, "loan", e.Resource)
	assert.Equal(t, "1", e.ResourceID)

	for _, tc := range []struct {
		name, body string
		status     int
		want       []string
	}{
		{"nothing", `{}`, 422, []string{"/on required", "/amount required"}},
		{"zero", `{"on": "2027-01-01", "amount": "0"}`, 422, []string{"/amount out_of_range"}},
		{"negative", `{"on": "2027-01-01", "amount": "-5"}`, 422, []string{"/amount negative"}},
		{"before disbursement", `{"on": "2026-11-30", "amount": "5"}`, 422, []string{"/on before_disbursement"}},
		{"after today", `{"on": "2027-01-11", "amount": "5"}`, 422, []string{"/on in_the_future"}},
		{"not a date", `{"on": "2027-02-30", "amount": "5"}`, 422, []string{"/on invalid_date"}},
		{"unknown field", `{"on": "2027-01-01", "amount": "5", "x": 1}`, 400, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := pay(tc.body)
			require.Equal(t, tc.status, rec.Code, "body: %s", rec.Body)
			if tc.want != nil {
				assert.ElementsMatch(t, tc.want, pointers(problemOf(t, rec)))
			}
			e := lastEntry(t, f)
			assert.Equal(t, "loan.pay", e.Action)
			assert.Equal(t, records.OutcomeInvalid, e.Outcome)
		})
	}
	assert.Empty(t, f.lend.payments[1])

	rec := pay(`{"on": "2027-01-01", "amount": "400000"}`, "Idempotency-Key", "p-1")
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.JSONEq(t, `{"loan_id": 1, "seq": 1, "on": "2027-01-01", "amount": "400000", "recorded_by": 5,
		"at": "2027-01-10T03:04:05Z", "loan_status": "active"}`, rec.Body.String())
	assert.Equal(t, "/v1/loans/1", rec.Header().Get("Location"))
	e = lastEntry(t, f)
	assert.Equal(t, records.Entry{Seq: e.Seq, At: e.At, UserID: 5, Role: "vbsp_officer", Action: "loan.pay", Resource: "payment", ResourceID: "1/1",
		Outcome: "ok", RequestID: rec.Header().Get("X-Request-Id"), PrevHash: e.PrevHash, Hash: e.Hash}, e)
	again := pay(`{"on": "2027-01-01", "amount": "400000"}`, "Idempotency-Key", "p-1")
	require.Equal(t, http.StatusCreated, again.Code)
	assert.JSONEq(t, rec.Body.String(), again.Body.String())
	require.Len(t, f.lend.payments[1], 1, "the retry records no second payment")
	require.Equal(t, http.StatusCreated, pay(`{"on": "2027-01-05", "amount": "1000000"}`).Code)

	p1, p2 := `{"on": "2027-01-01", "amount": "400000"}`, `{"on": "2027-01-05", "amount": "1000000"}`
	agree("2027-01-05", p1, p2)
	agree("2027-01-10", p1, p2)
	agree("2027-01-03", p1, p2)

	// Today without as_of; bad as_of.
	rec = call(h, http.MethodGet, "/v1/loans/1/statement", u.vbsp, "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Contains(t, rec.Body.String(), `"as_of":"2027-01-10"`)
	rec = call(h, http.MethodGet, "/v1/loans/1/statement?as_of=2027-13-01", u.vbsp, "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "as_of", problemOf(t, rec).Errors[0].Parameter)
	// A format it does not have is said, not ignored; json is the one it has.
	rec = call(h, http.MethodGet, "/v1/loans/1/statement?format=csv", u.vbsp, "")
	require.Equal(t, http.StatusBadRequest, rec.Code)
	assert.Equal(t, "format", problemOf(t, rec).Errors[0].Parameter)
	assert.Equal(t, http.StatusOK, call(h, http.MethodGet, "/v1/loans/1/statement?format=json", u.vbsp, "").Code)
	rec = call(h, http.MethodGet, "/v1/loans/1/statement?as_of=2026-11-01", u.vbsp, "")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	p := problemOf(t, rec)
	assert.Equal(t, "as_of", p.Errors[0].Parameter)
	assert.Equal(t, "before_disbursement", p.Errors[0].Code)

	// The loan and its payments.
	rec = call(h, http.MethodGet, "/v1/loans/1", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.JSONEq(t, `{"id": 1, "application_id": 1, "commune_code": "03424", "province_code": "12", "purpose": "production",
		"amount": "80000000", "disbursed_on": "2026-12-01", "term_months": 36, "principal_every_months": 6,
		"channel": "farmers_union", "capital_source": "central", "status": "active", "created_by": 5, "created_at": "2027-01-10T03:04:05Z", "payments": [
		{"loan_id": 1, "seq": 1, "on": "2027-01-01", "amount": "400000", "recorded_by": 5, "at": "2027-01-10T03:04:05Z"},
		{"loan_id": 1, "seq": 2, "on": "2027-01-05", "amount": "1000000", "recorded_by": 5, "at": "2027-01-10T03:04:05Z"}]}`, rec.Body.String())
	assert.Equal(t, "1", lastEntry(t, f).ResourceID)

	// Paying off closes the loan; nothing more is recorded.
	var st struct {
		Raw string `json:"payoff"`
	}
	rec = call(h, http.MethodGet, "/v1/loans/1/statement?as_of=2027-01-10", u.vbsp, "")
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &st))
	rec = pay(`{"on": "2027-01-10", "amount": "` + st.Raw + `"}`)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.Contains(t, rec.Body.String(), `"loan_status":"closed","closed_on":"2027-01-10"`)
	got := call(h, http.MethodGet, "/v1/loans/1/statement?as_of=2027-01-10", u.vbsp, "")
	assert.Contains(t, got.Body.String(), `"payoff":"0"`)
	agree("2027-01-10", p1, p2, `{"on": "2027-01-10", "amount": "`+st.Raw+`"}`)
	rec = pay(`{"on": "2027-01-10", "amount": "1"}`)
	require.Equal(t, http.StatusConflict, rec.Code)
	assert.Equal(t, "loan_closed", problemOf(t, rec).Code)

	// Listings.
	list := func(token, q string) string {
		rec := call(h, http.MethodGet, "/v1/loans"+q, token, "")
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		return rec.Body.String()
	}
	assert.Contains(t, list(u.vbsp, "?status=closed&commune_code=03424"), `"id":1,`)
	assert.JSONEq(t, `{"loans": []}`, list(u.vbsp, "?status=active"))
	assert.JSONEq(t, `{"loans": []}`, list(u.provincial, "?commune_code=03598"))
	_, otherVBSP := f.addUser(access.VBSPOfficer, []string{"03598"}, "")
	assert.JSONEq(t, `{"loans": []}`, list(otherVBSP, ""))
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodGet, "/v1/loans/1", otherVBSP, "").Code)
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodPost, "/v1/loans/1/payments", otherVBSP, p1).Code)
	for _, q := range []string{"?status=open", "?commune_code=3424"} {
		assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/loans"+q, u.vbsp, "").Code, q)
	}
}

// A plan makes one application for the establishment.
func TestPlanReceiptScreens(t *testing.T) {
	h, f := lendingServer(t)
	tanUyen := []string{"03598"}
	_, committee := f.addUser(access.CommuneCommittee, tanUyen, "")
	_, committee2 := f.addUser(access.CommuneCommittee, tanUyen, "")
	_, vbsp := f.addUser(access.VBSPOfficer, tanUyen, "")
	require.Equal(t, http.StatusCreated, call(h, http.MethodPost, "/v1/plans", committee, plan02(t)).Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/plans/1/submit", committee, "").Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/plans/1/confirm", committee2, "").Code)
	rec := call(h, http.MethodPost, "/v1/plans/1/receive", vbsp, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	apps := applicationsOf(t, call(h, http.MethodGet, "/v1/applications?plan_id=1", vbsp, ""))
	require.Len(t, apps, 1)
	a := apps[0]
	assert.Equal(t, int64(1), a.PlanID)
	assert.Zero(t, a.ListID)
	assert.Equal(t, 0, a.Row)
	assert.Equal(t, "03598", a.CommuneCode)
	assert.Empty(t, a.Period)
	assert.Contains(t, string(a.Screening), `"decision":"`+a.Verdict+`"`)
	assert.Empty(t, f.lend.keys, "an establishment has no person key")
	assert.Len(t, applicationsOf(t, call(h, http.MethodGet, "/v1/applications?list_id=1", vbsp, "")), 0)
}

// Concurrent decisions on one application: exactly one is recorded.
func TestDecisionConcurrency(t *testing.T) {
	h, f := lendingServer(t)
	u := newRound(f)
	receivedList(t, h, u.police, u.committee, u.vbsp, list01(t))
	var mu sync.Mutex
	var wg sync.WaitGroup
	codes := map[int]int{}
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body := `{"outcome": "withdrawn"}`
			if i%2 == 0 {
				body = `{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 6, "disbursed_on": "2026-12-01", "channel": "farmers_union", "capital_source": "central"}`
			}
			rec := call(h, http.MethodPost, "/v1/applications/1/decision", u.vbsp, body)
			mu.Lock()
			codes[rec.Code]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	assert.Equal(t, map[int]int{201: 1, 409: 7}, codes)
	assert.LessOrEqual(t, len(f.lend.loans), 1)
}
