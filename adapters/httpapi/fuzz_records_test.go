package httpapi

import (
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"maps"
	"mime"
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

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// FuzzStoredRoutes sends arbitrary requests to the routes of stored
// records — lists, plans, applications, loans, the plan's completions and
// the reports from the store — over a fake store holding a small round,
// and checks what holds whatever the request:
//
//   - never a 5xx (the fake's Append always succeeds, so even the
//     documented 503 of a failing trail cannot occur);
//   - every answer is JSON: a problem (application/problem+json, whose
//     status is the answer's) or a success; CSV or a workbook only where a
//     report was asked for ?format=csv or xlsx;
//   - a request answered 4xx, and every GET, leaves the store's records
//     exactly as they were (documents with their versions and steps,
//     applications and decisions, loans and payments, completions,
//     idempotency keys); the entries it adds to the trail are refusals,
//     never "ok", and the chain still verifies.
//
// The inputs: route picks a row of storedFuzzRoutes, user one of
// storedFuzzUsers (or none), id fills {id}, query replaces the row's
// query when not empty, body is sent as the row's media type, and header
// is sent as If-Match (PUT) or Idempotency-Key (POST).
func FuzzStoredRoutes(f *testing.F) {
	for _, s := range storedFuzzSeeds(f) {
		f.Add(s.route, s.user, s.id, s.query, []byte(s.body), s.header)
	}
	// The round is made once; each input starts from it again.
	h, fr, tokens := storedFuzzServer(f)
	round, trail0 := snapshotStore(fr), fr.snapshot()
	f.Fuzz(func(t *testing.T, route, user, id uint8, query string, body []byte, header string) {
		round.restore(fr, trail0)
		rt := storedFuzzRoutes[int(route)%len(storedFuzzRoutes)]
		who := storedFuzzUsers[int(user)%len(storedFuzzUsers)]

		req := httptest.NewRequest(rt.method, strings.Replace(rt.path, "{id}", fuzzID(id), 1), strings.NewReader(string(body)))
		req.URL.RawQuery = rt.query
		if query != "" {
			req.URL.RawQuery = fuzzQuery(query)
		}
		req.RequestURI = req.URL.RequestURI()
		if len(body) > 0 || rt.method != http.MethodGet {
			req.Header.Set("Content-Type", rt.contentType)
		}
		if tok := tokens[who]; tok != "" {
			req.Header.Set("Authorization", "Bearer "+tok)
		}
		if header != "" && validHeaderValue(header) {
			switch rt.method {
			case http.MethodPut:
				req.Header.Set("If-Match", header)
			case http.MethodPost:
				req.Header.Set("Idempotency-Key", header)
			}
		}

		before := snapshotStore(fr)
		if !reflect.DeepEqual(before, round) {
			t.Fatalf("the round was not restored:\nwant %+v\ngot  %+v", round, before)
		}
		trail := len(fr.snapshot())
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		after := snapshotStore(fr)

		what := fmt.Sprintf("%s %s as %s (If-Match/Idempotency-Key %q, body %q)", rt.method, req.URL.RequestURI(), who, header, body)
		if rec.Code >= 500 {
			t.Fatalf("%s: %d: %s", what, rec.Code, rec.Body)
		}
		checkStoredAnswer(t, what, strings.Contains(req.URL.RawQuery, "format="), rec)
		if rec.Code >= 400 || rt.method == http.MethodGet {
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("%s: answered %d, but the store changed:\nbefore %+v\nafter  %+v\nanswer %s", what, rec.Code, before, after, rec.Body)
			}
		}
		if rec.Code >= 400 {
			for _, e := range fr.snapshot()[trail:] {
				if e.Outcome == records.OutcomeOK {
					t.Fatalf("%s: answered %d, but the trail has an ok entry: %+v", what, rec.Code, e)
				}
			}
		}
		if v, _ := fr.Verify(t.Context()); !v.Valid {
			t.Fatalf("%s: the trail no longer verifies: %+v", what, v)
		}
	})
}

// checkStoredAnswer checks an answer's media type and body: problem+json
// for an error, JSON for a success (CSV or a workbook only when the query
// asked for a format), nothing for a 204.
func checkStoredAnswer(t *testing.T, what string, formatAsked bool, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Header().Get("X-Request-Id") == "" {
		t.Fatalf("%s: no X-Request-Id", what)
	}
	ct, _, _ := mime.ParseMediaType(rec.Header().Get("Content-Type"))
	switch {
	case rec.Code >= 400:
		if ct != "application/problem+json" {
			t.Fatalf("%s: %d as %q: %s", what, rec.Code, ct, rec.Body)
		}
		var p problem
		if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || p.Status != rec.Code || p.Detail == "" || p.DetailEN == "" {
			t.Fatalf("%s: %d with a broken problem (%v): %s", what, rec.Code, err, rec.Body)
		}
	case rec.Code == http.StatusNoContent:
		if rec.Body.Len() != 0 {
			t.Fatalf("%s: 204 with a body: %s", what, rec.Body)
		}
	case ct == "application/json":
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s: %d, not JSON: %q", what, rec.Code, rec.Body)
		}
	case ct == "text/csv" || ct == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		if !formatAsked {
			t.Fatalf("%s: %d as %q, not asked for", what, rec.Code, ct)
		}
	default:
		t.Fatalf("%s: %d as %q: %q", what, rec.Code, ct, rec.Body)
	}
}

// storedFuzzRoute is a route of stored records as the fuzzer calls it.
type storedFuzzRoute struct {
	method, path string
	query        string // the query sent when the fuzzer gives none
	contentType  string // of a body
}

// storedFuzzRoutes are the routes of stored records; the order is the
// seeds' (route indexes them).
var storedFuzzRoutes = []storedFuzzRoute{
	0:  {http.MethodPost, "/v1/lists", "", "application/json"},
	1:  {http.MethodGet, "/v1/lists", "period=2026-11", "application/json"},
	2:  {http.MethodGet, "/v1/lists/{id}", "", "application/json"},
	3:  {http.MethodPut, "/v1/lists/{id}", "", "application/json"},
	4:  {http.MethodPost, "/v1/lists/{id}/submit", "", "application/json"},
	5:  {http.MethodPost, "/v1/lists/{id}/certify", "", "application/json"},
	6:  {http.MethodPost, "/v1/lists/{id}/return", "", "application/json"},
	7:  {http.MethodPost, "/v1/lists/{id}/receive", "", "application/json"},
	8:  {http.MethodGet, "/v1/lists/{id}/history", "", "application/json"},
	9:  {http.MethodPost, "/v1/lists/import", "", "text/csv"},
	10: {http.MethodPost, "/v1/plans", "", "application/json"},
	11: {http.MethodGet, "/v1/plans", "", "application/json"},
	12: {http.MethodGet, "/v1/plans/{id}", "", "application/json"},
	13: {http.MethodPut, "/v1/plans/{id}", "", "application/json"},
	14: {http.MethodPost, "/v1/plans/{id}/submit", "", "application/json"},
	15: {http.MethodPost, "/v1/plans/{id}/confirm", "", "application/json"},
	16: {http.MethodPost, "/v1/plans/{id}/return", "", "application/json"},
	17: {http.MethodPost, "/v1/plans/{id}/receive", "", "application/json"},
	18: {http.MethodGet, "/v1/plans/{id}/history", "", "application/json"},
	19: {http.MethodGet, "/v1/applications", "list_id=1", "application/json"},
	20: {http.MethodGet, "/v1/applications/{id}", "", "application/json"},
	21: {http.MethodPost, "/v1/applications/{id}/decision", "", "application/json"},
	22: {http.MethodGet, "/v1/loans", "", "application/json"},
	23: {http.MethodGet, "/v1/loans/{id}", "", "application/json"},
	24: {http.MethodPost, "/v1/loans/{id}/payments", "", "application/json"},
	25: {http.MethodGet, "/v1/loans/{id}/statement", "as_of=2027-01-10", "application/json"},
	26: {http.MethodPost, "/v1/plan/completions", "", "application/json"},
	27: {http.MethodGet, "/v1/reports/plan", "on=2024-06-30", "application/json"},
	28: {http.MethodGet, "/v1/reports/monthly-lists", "period=2026-11", "application/json"},
	29: {http.MethodGet, "/v1/reports/demand-review", "year=2026", "application/json"},
	30: {http.MethodGet, "/v1/reports/portfolio", "as_of=2027-01-10", "application/json"},
	31: {http.MethodPost, "/v1/loans/import", "as_of=2026-11-30", "text/csv"},
}

// storedFuzzUsers are the users of the scenario by name; "nobody" sends
// no token. The order is the seeds' (user indexes it).
var storedFuzzUsers = []string{
	0: "police",     // commune_police of Bản Bo and Tân Uyên: made the lists and plans
	1: "committee",  // commune_committee of both: certifies, confirms
	2: "vbsp",       // vbsp_officer of both: receives, decides, records payments
	3: "provincial", // provincial_police of Lai Châu
	4: "viewer",     // province_viewer of Lai Châu
	5: "admin",      // records completions
	6: "auditor",
	7: "police2",     // commune_police of Bản Bo only
	8: "otherPolice", // commune_police of another commune (03390)
	9: "nobody",
}

// fuzzID is the {id} of a path: 0 to 5 (the scenario's ids are 1 to 3)
// for most bytes, else a malformed one.
func fuzzID(id uint8) string {
	odd := []string{"01", "-1", "x", "99999999999999999999", "1.0", "%31", "+1", "1e0", "0x1", "%00", "９", "1%20", "2147483648", "9223372036854775808", "", "1;2"}
	if id >= 0xf0 {
		return odd[id-0xf0]
	}
	return strconv.Itoa(int(id % 6))
}

// fuzzQuery makes the fuzzer's query one a client could send: bytes a
// request line cannot hold are percent-encoded.
func fuzzQuery(q string) string {
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= 0x20 || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// validHeaderValue reports whether v can be sent as a header value (no
// control characters but tab; RFC 9110 field-value).
func validHeaderValue(v string) bool {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// storedFuzzServer is a server over a fake store holding a round. The clock reads
// 10 January 2027. Lists (Bản Bo, 03424): 1 received, its three rows
// applications 1-3, the first approved as loan 1 with one payment, the
// second refused, the third pending; 2 a draft (2026-12); 3 submitted
// (2026-10). Plans (Tân Uyên, 03598): 1 a draft, 2 submitted. One
// completion of the provincial plan. It returns the users' tokens by name.
func storedFuzzServer(t testing.TB) (http.Handler, *fakeRecords, map[string]string) {
	t.Helper()
	f := newFakeRecords()
	f.now = func() time.Time { return time.Date(2027, 1, 10, 3, 4, 5, 0, time.UTC) }
	h := New(Options{Records: f, Now: f.now, Logger: slog.New(slog.DiscardHandler), PersonKeySecret: []byte("a test secret of 32 bytes, fixed")})
	both := []string{"03424", "03598"}
	tok := map[string]string{
		"police":      f.seedUser("Công an xã", access.CommunePolice, both, ""),
		"committee":   f.seedUser("UBND xã", access.CommuneCommittee, both, ""),
		"vbsp":        f.seedUser("NHCSXH", access.VBSPOfficer, both, ""),
		"provincial":  f.seedUser("Công an tỉnh", access.ProvincialPolice, nil, "12"),
		"viewer":      f.seedUser("Sở Tài chính", access.ProvinceViewer, nil, "12"),
		"admin":       f.seedUser("Quản trị", access.Admin, nil, ""),
		"auditor":     f.seedUser("Kiểm toán", access.Auditor, nil, ""),
		"police2":     f.seedUser("Công an xã 2", access.CommunePolice, []string{"03424"}, ""),
		"otherPolice": f.seedUser("Công an xã khác", access.CommunePolice, []string{"03390"}, ""),
	}
	must := func(want int, method, target, who, body string) {
		t.Helper()
		if rec := call(h, method, target, tok[who], body); rec.Code != want {
			t.Fatalf("scenario: %s %s as %s: %d, want %d: %s", method, target, who, rec.Code, want, rec.Body)
		}
	}
	list, plan := fuzzList01(t), fuzzPlan02(t)
	must(201, "POST", "/v1/lists", "police", list)
	must(200, "POST", "/v1/lists/1/submit", "police", "")
	must(200, "POST", "/v1/lists/1/certify", "committee", "")
	must(200, "POST", "/v1/lists/1/receive", "vbsp", "")
	must(201, "POST", "/v1/applications/1/decision", "vbsp",
		`{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 6, "disbursed_on": "2026-12-01", "channel": "farmers_union", "capital_source": "central"}`)
	must(201, "POST", "/v1/applications/2/decision", "vbsp", `{"outcome": "refused", "note": "Hồ sơ chưa đủ"}`)
	must(201, "POST", "/v1/loans/1/payments", "vbsp", `{"on": "2027-01-01", "amount": "400000"}`)
	must(201, "POST", "/v1/lists", "police", strings.Replace(list, `"period": "2026-11"`, `"period": "2026-12"`, 1))
	must(201, "POST", "/v1/lists", "police", strings.Replace(list, `"period": "2026-11"`, `"period": "2026-10"`, 1))
	must(200, "POST", "/v1/lists/3/submit", "police", "")
	must(201, "POST", "/v1/plans", "police", plan)
	must(201, "POST", "/v1/plans", "police", plan)
	must(200, "POST", "/v1/plans/2/submit", "police", "")
	must(201, "POST", "/v1/plan/completions", "admin", `{"task_id": "propaganda", "occurrence": "2023-12-31", "done_on": "2023-12-20"}`)
	return h, f, tok
}

func fuzzExample(tb testing.TB, name string) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", "data", name))
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// fuzzList01 is the example Mẫu 01 list of Bản Bo; fuzzPlan02 the example
// Mẫu 02 plan of Tân Uyên.
func fuzzList01(tb testing.TB) string { return fuzzExample(tb, "list-01.json") }
func fuzzPlan02(tb testing.TB) string { return fuzzExample(tb, "plan-02.json") }

// storeState is what the fake store keeps of stored records, copied so
// that reflect.DeepEqual compares a state before a request with the state
// after it, and so that the fuzzer puts the round back before each input
// (restore). The fake appends to its slices and replaces (never mutates)
// their elements' slices and pointers, so shallow copies of the elements
// suffice; a fakeDoc's current version is changed in place, so it is
// copied by value.
type storeState struct {
	Docs        map[string][]docState
	DocIdem     map[fakeIdemKey]fakeIdem
	Apps        []records.Application
	Keys        []fakePersonKey
	Loans       []records.Loan
	Payments    map[int64][]records.Payment
	LendIdem    map[fakeIdemKey]fakeLendIdem
	Completions []records.Completion
	PlanIdem    map[fakeIdemKey]fakePlanIdem
	Users       []records.User
	Tokens      int
	Book        fakeBook
}

type docState struct {
	Cur      records.Document
	Versions [][]byte
	Steps    []records.Step
}

// snapshotStore copies the fake's records (not its trail).
func snapshotStore(f *fakeRecords) storeState {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := storeState{Docs: map[string][]docState{}, DocIdem: maps.Clone(f.idem),
		Apps: slices.Clone(f.lend.apps), Keys: slices.Clone(f.lend.keys), Loans: slices.Clone(f.lend.loans),
		Payments: map[int64][]records.Payment{}, LendIdem: maps.Clone(f.lend.idem),
		Completions: slices.Clone(f.plan.done), PlanIdem: maps.Clone(f.plan.idem),
		Users: slices.Clone(f.users), Tokens: len(f.tokenRows), Book: f.book.clone()}
	for kind, ds := range f.docs {
		for _, d := range ds {
			s.Docs[kind] = append(s.Docs[kind], docState{Cur: d.cur, Versions: slices.Clone(d.versions), Steps: slices.Clone(d.steps)})
		}
	}
	for id, ps := range f.lend.payments {
		s.Payments[id] = slices.Clone(ps)
	}
	return s
}

// restore makes the fake's records s again, and its trail entries; it
// copies, so that s can be restored again.
func (s storeState) restore(f *fakeRecords, entries []records.Entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.docs = map[string][]*fakeDoc{}
	for kind, ds := range s.Docs {
		for _, d := range ds {
			f.docs[kind] = append(f.docs[kind], &fakeDoc{cur: d.Cur, versions: slices.Clone(d.Versions), steps: slices.Clone(d.Steps)})
		}
	}
	f.idem = maps.Clone(s.DocIdem)
	f.lend = fakeLending{apps: slices.Clone(s.Apps), keys: slices.Clone(s.Keys), loans: slices.Clone(s.Loans),
		payments: map[int64][]records.Payment{}, idem: maps.Clone(s.LendIdem)}
	for id, ps := range s.Payments {
		f.lend.payments[id] = slices.Clone(ps)
	}
	f.plan = fakePlan{done: slices.Clone(s.Completions), idem: maps.Clone(s.PlanIdem)}
	f.users = slices.Clone(s.Users)
	f.book = s.Book.clone()
	f.entries = slices.Clone(entries)
}

// storedSeed is a seed of FuzzStoredRoutes.
type storedSeed struct {
	route, user, id uint8
	query, body     string
	header          string
}

// storedFuzzSeeds are the seeds of FuzzStoredRoutes: for each route a
// valid request, and broken ones. The same seeds are stored as files in
// testdata/fuzz/FuzzStoredRoutes/ (seed-01 … seed-NN, in this order);
// TestStoredFuzzSeedFiles checks that the files and the list agree, and
// `go test -run TestStoredFuzzSeedFiles -update-fuzz-seeds` rewrites them.
func storedFuzzSeeds(tb testing.TB) []storedSeed {
	list, plan := fuzzList01(tb), fuzzPlan02(tb)
	list12 := strings.Replace(list, `"period": "2026-11"`, `"period": "2026-12"`, 1) // list 2's period
	book := "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
		"VBSP-001,03424,individual,production,central,womens_union,2024-05-20,30000000,20000000,0,1\n" +
		"VBSP-002,03424,establishment,production,local,farmers_union,2025-02-01,100000000,90000000,10000000,4\n"
	dec := `{"outcome": "approved", "amount": "30000000", "term_months": 12, "principal_every_months": 6, "disbursed_on": "2026-12-15", "channel": "farmers_union", "capital_source": "central"}`
	const police, committee, vbsp, provincial, viewer, admin, auditor, police2, other, nobody = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
	return []storedSeed{
		// Lists.
		{0, police, 0, "", strings.Replace(list, `"period": "2026-11"`, `"period": "2027-01"`, 1), "k-list"}, // 01 a new list: 201
		{1, provincial, 0, "", "", ""},                                          // 02 the province's lists
		{1, police, 0, "status=draft&commune_code=03424", "", ""},               // 03 filtered
		{2, police2, 1, "version=1", "", ""},                                    // 04 a version
		{3, police, 2, "", list12, `"v1"`},                                      // 05 an edit of the draft: 200
		{3, police, 2, "", list12, ""},                                          // 06 no If-Match: 428
		{3, police, 2, "", list, `W/"v1"`},                                      // 07 a weak ETag: 412
		{3, police, 1, "", list, `"v1"`},                                        // 08 an edit of a received list: 409
		{4, police, 2, "", "", "k-submit"},                                      // 09 submit the draft
		{5, committee, 3, "", "", ""},                                           // 10 certify the submitted list
		{5, police, 3, "", "", ""},                                              // 11 the maker certifies: 403
		{6, committee, 3, "", `{"note": "Thiếu ngày cấp giấy chứng nhận"}`, ""}, // 12 return with a note
		{6, committee, 3, "", `{"note": 5}`, ""},                                // 13 a note of the wrong type
		{7, vbsp, 3, "", "", ""},                                                // 14 receive a submitted list: 409
		{8, auditor, 1, "", "", ""},                                             // 15 history as auditor: 403
		{9, police, 0, "", "", ""},                                              // 16 an empty CSV import
		// Plans.
		{10, committee, 0, "", plan, ""},                         // 17 a new plan
		{11, vbsp, 0, "", "", ""},                                // 18 the plans
		{12, police, 1, "", "", ""},                              // 19 a plan
		{13, police, 1, "", plan, `"v1"`},                        // 20 an edit of the draft plan
		{14, committee, 1, "", "", ""},                           // 21 submit it
		{15, committee, 2, "", "", "k-confirm"},                  // 22 confirm the submitted plan
		{16, committee, 2, "", `{"note": "Thiếu hợp đồng"}`, ""}, // 23 return the submitted plan
		{17, vbsp, 2, "", "", ""},                                // 24 receive a submitted plan: 409
		{18, other, 1, "", "", ""},                               // 25 another commune's history: 404
		// Applications, loans, payments.
		{19, vbsp, 0, "decision=pending", "", ""},       // 26 pending applications
		{20, viewer, 1, "", "", ""},                     // 27 province_viewer: no rows
		{21, vbsp, 3, "", dec, "k-dec"},                 // 28 approve the third row
		{21, vbsp, 3, "", `{"outcome": "refused"}`, ""}, // 29 refuse it
		{21, vbsp, 1, "", dec, ""},                      // 30 decided before: 409
		{21, vbsp, 3, "", `{"outcome": "approved", "amount": 30000000, "term_months": "12"}`, ""}, // 31 wrong types
		{21, vbsp, 3, "", `{"outcome": "approved", "amount": "99999999999999999999999999", "term_months": 99999999999999999999, "principal_every_months": -1e400, "disbursed_on": "2026-12-15", "channel": "farmers_union", "capital_source": "central"}`, ""}, // 32 huge numbers
		{22, provincial, 0, "status=active", "", ""},                                    // 33 loans
		{23, vbsp, 1, "", "", ""},                                                       // 34 a loan
		{24, vbsp, 1, "", `{"on": "2027-01-05", "amount": "500000"}`, "k-pay"},          // 35 a payment
		{24, vbsp, 1, "", `{"on": "2027-01-05", "amount": "99999999999999999999"}`, ""}, // 36 a huge payment
		{24, vbsp, 1, "", `{"on": "2027-01-05", "amount": "500000"`, ""},                // 37 truncated
		{24, vbsp, 1, "", "{\"on\": \"2027-01-05\", \"amount\": \"5\xff\"}", ""},        // 38 invalid UTF-8
		{25, vbsp, 1, "as_of=2027-06-30&format=csv", "", ""},                            // 39 a statement as CSV
		// The plan's completions and the reports.
		{26, admin, 0, "", `{"task_id": "propaganda", "occurrence": "2024-12-31", "done_on": "2024-12-20"}`, "k-done"}, // 40 a completion
		{26, admin, 0, "", `{"task_id": "propaganda", "occurrence": "2023-12-31", "done_on": "2023-12-20"}`, ""},       // 41 done before: 409
		{26, admin, 0, "", `{"task_id": ["propaganda"], "occurrence": 20241231, "done_on": null}`, ""},                 // 42 wrong types
		{26, nobody, 0, "", `{"task_id": "propaganda"}`, ""},                                                           // 43 no token: 401
		{27, admin, 0, "on=2099-12-31&format=xlsx", "", ""},                                                            // 44 the plan's status
		{28, viewer, 0, "period=2026-11&format=csv", "", ""},                                                           // 45 the monthly round
		{29, provincial, 0, "year=2026&capital=1e400", "", ""},                                                         // 46 the demand review, a huge capital
		{30, committee, 0, "as_of=9999-12-31", "", ""},                                                                 // 47 the portfolio in the year 9999
		{0, police, 0, "", list[:len(list)/2], ""},                                                                     // 48 a truncated list
		{0, police, 0, "", "\xef\xbb\xbf" + list, "khóa"},                                                              // 49 a BOM; a key that is not ASCII: 400
		{3, police, 0xf3, "", list, `"v1"`},                                                                            // 50 a huge id
		// VBSP's loan book.
		{31, vbsp, 0, "", book, ""},                                           // 51 two loans: 200
		{31, vbsp, 0, "as_of=2024-01-01", book, ""},                           // 52 disbursed after as_of: 422
		{31, vbsp, 0, "", strings.Replace(book, "03424", "03390", 1), ""},     // 53 another commune: 422
		{31, provincial, 0, "", book, ""},                                     // 54 not VBSP: 403
		{31, vbsp, 0, "", strings.Replace(book, "\n", "\r\n\"", 2), "k-book"}, // 55 broken quoting
	}
}

func storedSeedFile(s storedSeed) string {
	return fmt.Sprintf("go test fuzz v1\nbyte(%q)\nbyte(%q)\nbyte(%q)\nstring(%q)\n[]byte(%q)\nstring(%q)\n",
		s.route, s.user, s.id, s.query, []byte(s.body), s.header)
}

// TestStoredFuzzSeedFiles checks that the seed files of FuzzStoredRoutes
// are storedFuzzSeeds, in the `go test fuzz v1` format. The flag
// -update-fuzz-seeds (declared in fuzz_schedules_test.go, of the same test
// binary) rewrites them.
func TestStoredFuzzSeedFiles(t *testing.T) {
	update := false
	if fl := flag.Lookup("update-fuzz-seeds"); fl != nil {
		update = fl.Value.String() == "true"
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzStoredRoutes")
	seeds := storedFuzzSeeds(t)
	for i, s := range seeds {
		file := filepath.Join(dir, fmt.Sprintf("seed-%02d", i+1))
		want := storedSeedFile(s)
		if update {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (run with -update-fuzz-seeds)", file, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s differs from seed %d (run with -update-fuzz-seeds)", file, i+1)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("seed-%02d", len(seeds)+1))); err == nil {
		t.Errorf("%s has more seed files than storedFuzzSeeds has seeds", dir)
	}
}
