package httpapi

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// list01 is the example Mẫu 01 list of Bản Bo (03424), valid.
func list01(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/data/list-01.json")
	require.NoError(t, err)
	return string(b)
}

func plan02(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("../../examples/data/plan-02.json")
	require.NoError(t, err)
	return string(b)
}

// docOf decodes a document answer.
func docOf(t *testing.T, rec *httptest.ResponseRecorder) documentJSON {
	t.Helper()
	var d documentJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &d), "body: %s", rec.Body)
	return d
}

// roundUsers are the users of a round in Bản Bo (03424, Lai Châu 12).
type roundUsers struct {
	police, police2, committee, committee2, vbsp, provincial, admin, otherPolice string
}

func newRound(f *fakeRecords) roundUsers {
	bo := []string{"03424"}
	_, police := f.addUser(access.CommunePolice, bo, "")
	_, police2 := f.addUser(access.CommunePolice, bo, "")
	_, committee := f.addUser(access.CommuneCommittee, bo, "")
	_, committee2 := f.addUser(access.CommuneCommittee, bo, "")
	_, vbsp := f.addUser(access.VBSPOfficer, bo, "")
	_, provincial := f.addUser(access.ProvincialPolice, nil, "12")
	_, admin := f.addUser(access.Admin, nil, "")
	_, other := f.addUser(access.CommunePolice, []string{"03390"}, "")
	return roundUsers{police, police2, committee, committee2, vbsp, provincial, admin, other}
}

// TestListRound walks a list through the whole round: create, read, edit
// with If-Match, submit (validated), certify (maker-checker), return,
// submit again, certify, receive, and its history.
func TestListRound(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	body := list01(t)

	rec := call(h, http.MethodPost, "/v1/lists", u.police, body)
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "/v1/lists/1", rec.Header().Get("Location"))
	assert.Equal(t, `"v1"`, rec.Header().Get("ETag"))
	d := docOf(t, rec)
	assert.Equal(t, documentJSON{ID: 1, Status: "draft", Version: 1, CommuneCode: "03424", ProvinceCode: "12", Period: "2026-11",
		CreatedBy: 1, CreatedAt: f.now(), UpdatedAt: f.now(), List: d.List}, d)
	assert.JSONEq(t, body, string(d.List), "the form is kept as sent")
	e := lastEntry(t, f)
	assert.Equal(t, "list.create", e.Action)
	assert.Equal(t, "1", e.ResourceID)
	assert.Equal(t, rec.Header().Get("X-Request-Id"), e.RequestID)

	rec = call(h, http.MethodGet, "/v1/lists/1", u.committee, "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, `"v1"`, rec.Header().Get("ETag"))
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	e = lastEntry(t, f)
	assert.Equal(t, records.Entry{Seq: e.Seq, At: e.At, UserID: 3, Role: "commune_committee", Action: "list.read", Resource: "list",
		ResourceID: "1", Outcome: "ok", RequestID: rec.Header().Get("X-Request-Id"), PrevHash: e.PrevHash, Hash: e.Hash}, e,
		"a read of personal data is audited")

	// PUT: If-Match required, and current.
	edited := strings.Replace(body, `"Nuôi lợn thịt"`, `"Nuôi bò"`, 1)
	rec = call(h, http.MethodPut, "/v1/lists/1", u.police, edited)
	require.Equal(t, http.StatusPreconditionRequired, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, typePreconditionReq, problemOf(t, rec).Type)
	for _, bad := range []string{"*", `W/"v1"`, `"v2"`, `"v1", "v2"`, `v1`, `"v01"`} {
		rec = call(h, http.MethodPut, "/v1/lists/1", u.police, edited, "If-Match", bad)
		if bad == "*" {
			assert.Equal(t, http.StatusPreconditionRequired, rec.Code, bad)
			continue
		}
		require.Equal(t, http.StatusPreconditionFailed, rec.Code, "%s: %s", bad, rec.Body)
		assert.Equal(t, typePreconditionFail, problemOf(t, rec).Type)
	}
	rec = call(h, http.MethodPut, "/v1/lists/1", u.police, edited, "If-Match", `"v1"`)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, `"v2"`, rec.Header().Get("ETag"))
	assert.Equal(t, 2, docOf(t, rec).Version)
	rec = call(h, http.MethodPut, "/v1/lists/1", u.police, body, "If-Match", `"v1"`)
	assert.Equal(t, http.StatusPreconditionFailed, rec.Code, "stale")

	// Earlier versions stay readable.
	rec = call(h, http.MethodGet, "/v1/lists/1?version=1", u.police, "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, `"v1"`, rec.Header().Get("ETag"))
	assert.Contains(t, string(docOf(t, rec).List), "Nuôi lợn thịt")
	rec = call(h, http.MethodGet, "/v1/lists/1", u.police, "")
	assert.Contains(t, string(docOf(t, rec).List), "Nuôi bò")
	for _, q := range []string{"0", "x", "01", "-1"} {
		assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/lists/1?version="+q, u.police, "").Code, q)
	}
	assert.Equal(t, http.StatusNotFound, call(h, http.MethodGet, "/v1/lists/1?version=3", u.police, "").Code)

	// The commune and the period cannot change.
	moved := strings.Replace(strings.Replace(edited, `"03424"`, `"03390"`, 1), `"2026-11"`, `"2026-12"`, 1)
	rec = call(h, http.MethodPut, "/v1/lists/1", u.police, moved, "If-Match", `"v2"`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.ElementsMatch(t, []string{"/commune_code cannot_change", "/period cannot_change"}, pointers(problemOf(t, rec)))

	act := func(token, path, body string, header ...string) *httptest.ResponseRecorder {
		return call(h, http.MethodPost, "/v1/lists/1/"+path, token, body, header...)
	}
	rec = act(u.police, "certify", "")
	assert.Equal(t, http.StatusForbidden, rec.Code, "the police never certify")
	rec = act(u.committee, "certify", "")
	require.Equal(t, http.StatusConflict, rec.Code, "a draft is not certified")
	p := problemOf(t, rec)
	assert.Equal(t, typeConflict, p.Type)
	assert.Equal(t, "invalid_transition", p.Code)

	rec = act(u.police, "submit", "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	d = docOf(t, rec)
	assert.Equal(t, "submitted", d.Status)
	assert.Equal(t, int64(1), d.SubmittedBy)
	assert.Nil(t, d.List, "a transition answers the state, not the form")

	rec = call(h, http.MethodPut, "/v1/lists/1", u.police, body, "If-Match", `"v2"`)
	require.Equal(t, http.StatusConflict, rec.Code, "a submitted list is not edited")
	assert.Equal(t, "invalid_transition", problemOf(t, rec).Code)

	rec = act(u.committee, "return", `{"note": "  "}`)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	assert.Equal(t, []string{"/note note_required"}, pointers(problemOf(t, rec)))
	rec = act(u.committee, "return", `{"note": "Thiếu ngày cấp giấy chứng nhận"}`)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "returned", docOf(t, rec).Status)
	rec = act(u.police2, "submit", "")
	require.Equal(t, http.StatusOK, rec.Code, "another officer submits again")
	rec = act(u.vbsp, "receive", "")
	require.Equal(t, http.StatusConflict, rec.Code, "not certified yet")
	rec = act(u.committee, "certify", "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "certified", docOf(t, rec).Status)
	rec = act(u.vbsp, "receive", "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "received", docOf(t, rec).Status)
	assert.Equal(t, "list.receive", lastEntry(t, f).Action)
	rec = act(u.vbsp, "return", `{"note": "x"}`)
	assert.Equal(t, http.StatusConflict, rec.Code, "received is final")

	rec = call(h, http.MethodGet, "/v1/lists/1/history", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	var hist struct {
		History []stepJSON `json:"history"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &hist))
	var got []string
	for _, st := range hist.History {
		got = append(got, st.Transition+" "+st.Status+" v"+docID(int64(st.Version))+" u"+docID(st.UserID)+" "+st.Role+" "+st.Note)
	}
	assert.Equal(t, []string{
		"create draft v1 u1 commune_police ",
		"edit draft v2 u1 commune_police ",
		"submit submitted v2 u1 commune_police ",
		"return returned v2 u3 commune_committee Thiếu ngày cấp giấy chứng nhận",
		"submit submitted v2 u2 commune_police ",
		"certify certified v2 u3 commune_committee ",
		"receive received v2 u5 vbsp_officer ",
	}, got)
	assert.Contains(t, rec.Body.String(), `"at":"2026-01-05T03:04:05.123456Z"`)

	// No entry of the trail holds anything of a body: names, ID numbers, notes.
	for _, e := range f.snapshot() {
		all := strings.Join([]string{e.Role, e.Action, e.Resource, e.ResourceID, e.Outcome, e.RequestID}, "|")
		for _, secret := range []string{"Lò Văn Thắng", "012090003175", "Thiếu ngày", "Bản Bo"} {
			assert.NotContains(t, all, secret)
		}
	}
}

// Maker-checker: the committee member who submitted a plan may not
// confirm it; another may.
func TestPlanRound(t *testing.T) {
	h, f, _ := storeServer(t)
	tanUyen := []string{"03598"}
	_, committee := f.addUser(access.CommuneCommittee, tanUyen, "")
	_, committee2 := f.addUser(access.CommuneCommittee, tanUyen, "")
	_, vbsp := f.addUser(access.VBSPOfficer, tanUyen, "")

	rec := call(h, http.MethodPost, "/v1/plans", committee, plan02(t))
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	d := docOf(t, rec)
	assert.Equal(t, "03598", d.CommuneCode)
	assert.Empty(t, d.Period)
	assert.NotNil(t, d.Plan)
	assert.Equal(t, "/v1/plans/1", rec.Header().Get("Location"))

	for _, tc := range []struct {
		token, path string
		status      int
		code        string
	}{
		{committee, "certify", http.StatusNotFound, ""}, // a plan has no certify: no such route
		{committee, "submit", http.StatusOK, ""},
		{committee, "confirm", http.StatusConflict, "same_person"},
		{vbsp, "receive", http.StatusConflict, "invalid_transition"},
		{committee2, "confirm", http.StatusOK, ""},
		{vbsp, "receive", http.StatusOK, ""},
	} {
		rec := call(h, http.MethodPost, "/v1/plans/1/"+tc.path, tc.token, "")
		require.Equal(t, tc.status, rec.Code, "%s: %s", tc.path, rec.Body)
		if tc.code != "" {
			assert.Equal(t, tc.code, problemOf(t, rec).Code, tc.path)
		}
	}
	rec = call(h, http.MethodGet, "/v1/plans?status=received", vbsp, "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"plans": [{"id": 1, "status": "received", "version": 1, "commune_code": "03598", "province_code": "12",
		"created_by": 1, "submitted_by": 1, "created_at": "2026-01-05T03:04:05.123456Z", "updated_at": "2026-01-05T03:04:05.123456Z"}]}`, rec.Body.String())
	assert.Equal(t, http.StatusBadRequest, call(h, http.MethodGet, "/v1/plans?status=certified", vbsp, "").Code, "certified is a list's")
}

// Submit validates the whole list: 422 with exactly the problems
// /v1/forms/01/validate answers, and nothing changes.
func TestListSubmitValidates(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	bad := strings.Replace(strings.Replace(list01(t), `"012090003175"`, `"123"`, 1), `"prepared_by": "Trưởng Công an xã Bản Bo", `, "", 1)
	bad = strings.Replace(bad, `"2023-08-21", "purpose"`, `"2023-02-30", "purpose"`, 1) // a date that is no date: accepted in a draft
	rec := call(h, http.MethodPost, "/v1/lists", u.police, bad)
	require.Equal(t, http.StatusCreated, rec.Code, "a draft may be incomplete and wrong: %s", rec.Body)
	want := call(h, http.MethodPost, "/v1/forms/01/validate", u.police, bad)
	require.Equal(t, http.StatusUnprocessableEntity, want.Code)
	before := len(f.snapshot())
	rec = call(h, http.MethodPost, "/v1/lists/1/submit", u.police, "")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	p, wp := problemOf(t, rec), problemOf(t, want)
	assert.Equal(t, wp.Errors, p.Errors)
	assert.NotEmpty(t, p.Errors)
	assert.Contains(t, pointers(p), "/rows/0/id_number invalid_id_number")
	es := f.snapshot()
	require.Len(t, es, before+1, "only the server's entry of the refused attempt")
	assert.Equal(t, records.Entry{Seq: es[before].Seq, At: es[before].At, UserID: 1, Role: "commune_police", Action: "list.submit",
		Resource: "list", Outcome: "invalid", RequestID: rec.Header().Get("X-Request-Id"), PrevHash: es[before].PrevHash, Hash: es[before].Hash}, es[before])
	rec = call(h, http.MethodGet, "/v1/lists/1", u.police, "")
	assert.Equal(t, "draft", docOf(t, rec).Status)
}

// What a draft refuses: not the form's JSON, no commune or one that is
// not in the catalogue, no period.
func TestListDraftRefused(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	for _, tc := range []struct {
		name, body string
		status     int
		want       []string
	}{
		{"wrong types", `{"commune_code": "03424", "period": "2026-11", "rows": [{"full_name": 5}, 3], "prepared_on": true}`,
			422, []string{"/rows/0/full_name invalid_type", "/rows/1 invalid_type", "/prepared_on invalid_type"}},
		{"no commune, no period", `{"rows": []}`, 422, []string{"/commune_code required", "/period required"}},
		{"unknown commune, bad period", `{"commune_code": "99999", "period": "2026-13"}`, 422,
			[]string{"/commune_code unknown_commune", "/period invalid_period"}},
		{"unknown field", `{"commune_code": "03424", "period": "2026-11", "x": 1}`, 400, nil},
		{"not JSON", `{`, 400, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(h, http.MethodPost, "/v1/lists", u.police, tc.body)
			require.Equal(t, tc.status, rec.Code, "body: %s", rec.Body)
			if tc.want != nil {
				assert.ElementsMatch(t, tc.want, pointers(problemOf(t, rec)))
			}
			assert.Equal(t, records.OutcomeInvalid, lastEntry(t, f).Outcome)
		})
	}
	assert.Empty(t, f.docs[records.KindList], "nothing created")
	rec := call(h, http.MethodPost, "/v1/lists", u.police, `{"commune_code": "03424", "period": "2026-11"}`)
	assert.Equal(t, http.StatusCreated, rec.Code, "a bare draft: %s", rec.Body)
}

// Who may do what, and where: 401, 403, 404 outside the scope (as a
// missing record, and audited), 403 for a create in another commune.
func TestListAccess(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	require.Equal(t, http.StatusCreated, call(h, http.MethodPost, "/v1/lists", u.police, list01(t)).Code)

	for _, tc := range []struct {
		name, method, target, token, body string
		status                            int
		outcome                           string
	}{
		{"no token", http.MethodGet, "/v1/lists/1", "", "", 401, records.OutcomeUnauthenticated},
		{"admin reads no list", http.MethodGet, "/v1/lists/1", u.admin, "", 403, records.OutcomeForbidden},
		{"admin lists no list", http.MethodGet, "/v1/lists", u.admin, "", 403, records.OutcomeForbidden},
		{"committee creates none", http.MethodPost, "/v1/lists", u.committee, list01(t), 403, records.OutcomeForbidden},
		{"vbsp edits none", http.MethodPut, "/v1/lists/1", u.vbsp, list01(t), 403, records.OutcomeForbidden},
		{"another commune's police", http.MethodGet, "/v1/lists/1", u.otherPolice, "", 404, records.OutcomeNotFound},
		{"another commune's history", http.MethodGet, "/v1/lists/1/history", u.otherPolice, "", 404, records.OutcomeNotFound},
		{"another commune's submit", http.MethodPost, "/v1/lists/1/submit", u.otherPolice, "", 404, records.OutcomeNotFound},
		{"another commune's PUT, no If-Match", http.MethodPut, "/v1/lists/1", u.otherPolice, list01(t), 404, records.OutcomeNotFound},
		{"no such list", http.MethodGet, "/v1/lists/2", u.police, "", 404, records.OutcomeNotFound},
		{"not an id", http.MethodGet, "/v1/lists/01", u.police, "", 404, records.OutcomeNotFound},
		{"create in another commune", http.MethodPost, "/v1/lists", u.otherPolice, list01(t), 403, records.OutcomeForbidden},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := call(h, tc.method, tc.target, tc.token, tc.body)
			require.Equal(t, tc.status, rec.Code, "body: %s", rec.Body)
			p := problemOf(t, rec)
			if tc.status == 404 {
				assert.Equal(t, "Không có tài nguyên này.", p.Detail, "out of scope is answered as missing")
				assert.Empty(t, p.Errors)
			}
			e := lastEntry(t, f)
			assert.Equal(t, tc.outcome, e.Outcome)
			assert.Empty(t, e.ResourceID)
		})
	}
	rec := call(h, http.MethodPost, "/v1/lists", u.otherPolice, list01(t))
	p := problemOf(t, rec)
	assert.Equal(t, "out_of_scope", p.Code)
	assert.Equal(t, []string{"/commune_code out_of_scope"}, pointers(p))

	// Listings hold what is in scope, without rows.
	rec = call(h, http.MethodGet, "/v1/lists?period=2026-11&commune_code=03424&status=draft", u.provincial, "")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.JSONEq(t, `{"lists": [{"id": 1, "status": "draft", "version": 1, "commune_code": "03424", "province_code": "12",
		"period": "2026-11", "created_by": 1, "created_at": "2026-01-05T03:04:05.123456Z", "updated_at": "2026-01-05T03:04:05.123456Z"}]}`, rec.Body.String())
	for _, target := range []string{"/v1/lists?period=2026-12", "/v1/lists?status=submitted", "/v1/lists?commune_code=03390"} {
		rec = call(h, http.MethodGet, target, u.police, "")
		assert.JSONEq(t, `{"lists": []}`, rec.Body.String(), target)
	}
	assert.JSONEq(t, `{"lists": []}`, call(h, http.MethodGet, "/v1/lists", u.otherPolice, "").Body.String())
	for _, target := range []string{"/v1/lists?period=2026-13", "/v1/lists?status=confirmed", "/v1/lists?commune_code=3424"} {
		rec = call(h, http.MethodGet, target, u.police, "")
		require.Equal(t, http.StatusBadRequest, rec.Code, target)
		assert.Equal(t, typeInvalidParameter, problemOf(t, rec).Type)
	}

	// Without a store the routes do not exist.
	plain := New(Options{})
	for _, target := range []string{"/v1/lists", "/v1/lists/1", "/v1/plans/1/history"} {
		assert.Equal(t, http.StatusNotFound, call(plain, http.MethodGet, target, "", "").Code, target)
	}
	assert.Equal(t, http.StatusNotFound, call(plain, http.MethodPost, "/v1/lists/1/submit", "", "").Code)
}

// An Idempotency-Key makes a retry an answer, not a second change.
func TestListIdempotency(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	body := list01(t)
	first := call(h, http.MethodPost, "/v1/lists", u.police, body, "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusCreated, first.Code)
	again := call(h, http.MethodPost, "/v1/lists", u.police, body, "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusCreated, again.Code)
	assert.Equal(t, docOf(t, first), docOf(t, again))
	assert.Len(t, f.docs[records.KindList], 1, "one document")

	rec := call(h, http.MethodPost, "/v1/lists", u.police, strings.Replace(body, "2026-11", "2026-12", 1), "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code)
	p := problemOf(t, rec)
	assert.Equal(t, "idempotency_key_reused", p.Code)
	require.Len(t, p.Errors, 1)
	assert.Equal(t, "Idempotency-Key", p.Errors[0].Parameter)

	other := call(h, http.MethodPost, "/v1/lists", u.police2, body, "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusCreated, other.Code, "keys are the user's")
	assert.Equal(t, int64(2), docOf(t, other).ID)

	for _, key := range []string{strings.Repeat("k", 256), "a b", "ký"} {
		rec := call(h, http.MethodPost, "/v1/lists", u.police, body, "Idempotency-Key", key)
		assert.Equal(t, http.StatusBadRequest, rec.Code, "%q", key)
	}

	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/submit", u.police, "").Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/certify", u.committee, "").Code)
	r1 := call(h, http.MethodPost, "/v1/lists/1/receive", u.vbsp, "", "Idempotency-Key", "r-1")
	require.Equal(t, http.StatusOK, r1.Code)
	n := len(f.snapshot())
	r2 := call(h, http.MethodPost, "/v1/lists/1/receive", u.vbsp, "", "Idempotency-Key", "r-1")
	require.Equal(t, http.StatusOK, r2.Code, "the retry is answered: %s", r2.Body)
	assert.Equal(t, docOf(t, r1), docOf(t, r2))
	steps, _ := f.History(t.Context(), records.KindList, 1)
	assert.Len(t, steps, 4, "create, submit, certify, receive: one receive")
	assert.Len(t, f.snapshot(), n, "the retry changes nothing and records no second change")
	r3 := call(h, http.MethodPost, "/v1/lists/1/receive", u.vbsp, "")
	assert.Equal(t, http.StatusConflict, r3.Code, "without the key it is a second receive")
	r4 := call(h, http.MethodPost, "/v1/lists/1/return", u.vbsp, `{"note": "x"}`, "Idempotency-Key", "r-1")
	assert.Equal(t, http.StatusUnprocessableEntity, r4.Code, "the key of another request")
}

// Concurrent requests on one list: exactly one edit of a version, and one
// receive, succeed.
func TestListConcurrency(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	body := list01(t)
	require.Equal(t, http.StatusCreated, call(h, http.MethodPost, "/v1/lists", u.police, body).Code)

	race := func(n int, do func(i int) *httptest.ResponseRecorder) map[int]int {
		var mu sync.Mutex
		var wg sync.WaitGroup
		codes := map[int]int{}
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rec := do(i)
				mu.Lock()
				codes[rec.Code]++
				mu.Unlock()
			}()
		}
		wg.Wait()
		return codes
	}
	codes := race(8, func(i int) *httptest.ResponseRecorder {
		edited := strings.Replace(body, "Nuôi lợn thịt", "Nuôi "+docID(int64(i)), 1)
		return call(h, http.MethodPut, "/v1/lists/1", u.police, edited, "If-Match", `"v1"`)
	})
	assert.Equal(t, map[int]int{200: 1, 412: 7}, codes)

	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/submit", u.police, "").Code)
	require.Equal(t, http.StatusOK, call(h, http.MethodPost, "/v1/lists/1/certify", u.committee2, "").Code)
	codes = race(8, func(int) *httptest.ResponseRecorder {
		return call(h, http.MethodPost, "/v1/lists/1/receive", u.vbsp, "")
	})
	assert.Equal(t, map[int]int{200: 1, 409: 7}, codes)
}

// POST /v1/lists/import makes a draft of an officer's spreadsheet.
func TestListImport(t *testing.T) {
	h, f, _ := storeServer(t)
	u := newRound(f)
	send := func(target, contentType, body string, header ...string) *httptest.ResponseRecorder {
		return call(h, http.MethodPost, target, u.police, body, append([]string{"Content-Type", contentType}, header...)...)
	}
	rec := send("/v1/lists/import", "text/csv", "not,a,form\n1,2,3\n")
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, []string{" not_a_form"}, pointers(problemOf(t, rec)))
	assert.Empty(t, f.docs[records.KindList])

	// The export of the example list, read back.
	exp := call(h, http.MethodPost, "/v1/forms/01/export?format=csv", u.police, list01(t))
	require.Equal(t, http.StatusOK, exp.Code, "body: %s", exp.Body)
	rec = send("/v1/lists/import", "text/csv", exp.Body.String())
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "a CSV file without its header fields: %s", rec.Body)
	assert.Contains(t, pointers(problemOf(t, rec)), "/commune_code required")

	q := "?commune_code=03424&period=2026-11&province=Lai%20Ch%C3%A2u&commune_name=X%C3%A3%20B%E1%BA%A3n%20Bo"
	rec = send("/v1/lists/import"+q, "text/csv", exp.Body.String(), "Idempotency-Key", "imp-1")
	require.Equal(t, http.StatusCreated, rec.Code, "body: %s", rec.Body)
	d := docOf(t, rec)
	assert.Equal(t, "draft", d.Status)
	assert.Equal(t, "2026-11", d.Period)
	assert.Contains(t, string(d.List), "Lò Văn Thắng")
	assert.Contains(t, pointers(problemOf2(t, rec)), "/prepared_on required", "what submit will refuse is said")
	again := send("/v1/lists/import"+q, "text/csv", exp.Body.String(), "Idempotency-Key", "imp-1")
	require.Equal(t, http.StatusCreated, again.Code)
	assert.Equal(t, d.ID, docOf(t, again).ID)
	assert.Len(t, f.docs[records.KindList], 1)
}

// problemOf2 reads the errors of a 201 import answer.
func problemOf2(t *testing.T, rec *httptest.ResponseRecorder) problem {
	t.Helper()
	var d documentJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &d))
	return problem{Errors: d.Errors}
}
