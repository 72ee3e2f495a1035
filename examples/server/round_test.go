package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// call is one request of a scenario, with its headers, and what came back.
type call struct {
	status int
	header http.Header
	body   []byte
}

// send sends a request with extra headers (pairs) and returns the answer.
func (c client) send(method, path, body string, headers ...string) call {
	c.t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, r)
	if err != nil {
		c.t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return call{status: resp.StatusCode, header: resp.Header, body: data}
}

// expect fails the test unless the call's status is want.
func (k call) expect(t *testing.T, what string, want int) call {
	t.Helper()
	if k.status != want {
		t.Fatalf("%s: %d, want %d\n%s", what, k.status, want, k.body)
	}
	return k
}

// field reads a top-level JSON field of the answer.
func (k call) field(t *testing.T, name string) any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(k.body, &m); err != nil {
		t.Fatalf("%v\n%s", err, k.body)
	}
	return m[name]
}

// TestMonthlyListRound walks a month's list through the real store over
// HTTP: the commune police draft it, submit it; the committee returns it
// with a note; the police correct it (If-Match) and submit it again; a
// committee member who did not submit certifies it; VBSP receives it. At
// each step the refusals the contract names — 401, 403, 404 outside scope,
// 409, 412, 428, 422 — and at the end the history and the audit chain. On
// SQLite always; on PostgreSQL when CREDIT_TEST_POSTGRES is set (CI).
func TestMonthlyListRound(t *testing.T) {
	list, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		t.Fatal(err)
	}
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "round.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	} else {
		t.Log("CREDIT_TEST_POSTGRES not set: the round on PostgreSQL skipped")
	}
	for engine, db := range dbs {
		t.Run(engine, func(t *testing.T) {
			admin := startOn(t, db)
			police := admin.newUser("commune_police", `, "communes": ["03424"]`)
			police2 := admin.newUser("commune_police", `, "communes": ["03424"]`)
			committee := admin.newUser("commune_committee", `, "communes": ["03424"]`)
			vbsp := admin.newUser("vbsp_officer", `, "communes": ["03424", "03430"]`)
			elsewhere := admin.newUser("commune_police", `, "communes": ["03430"]`)
			viewer := admin.newUser("province_viewer", `, "province": "12"`)
			auditor := admin.newUser("auditor", "")
			anonymous := client{t: t, base: admin.base}

			// Draft. A retry with the same Idempotency-Key makes no second list.
			created := police.send("POST", "/v1/lists", string(list), "Idempotency-Key", "round-1-create").expect(t, "create", http.StatusCreated)
			again := police.send("POST", "/v1/lists", string(list), "Idempotency-Key", "round-1-create").expect(t, "create again", http.StatusCreated)
			id := int64(created.field(t, "id").(float64))
			if got := int64(again.field(t, "id").(float64)); got != id {
				t.Fatalf("the retried create made list %d, the first %d", got, id)
			}
			police.send("POST", "/v1/lists", strings.Replace(string(list), `"03424"`, `"03430"`, 1)).expect(t, "create in another commune", http.StatusForbidden)
			path := fmt.Sprintf("/v1/lists/%d", id)

			// Who may see it.
			anonymous.send("GET", path, "").expect(t, "no token", http.StatusUnauthorized)
			elsewhere.send("GET", path, "").expect(t, "another commune's police", http.StatusNotFound)
			admin.send("GET", path, "").expect(t, "the admin (no personal data)", http.StatusForbidden)
			viewer.send("GET", path, "").expect(t, "a province viewer", http.StatusForbidden)
			got := police.send("GET", path, "").expect(t, "read", http.StatusOK)
			etag := got.header.Get("ETag")

			// Submit; the committee returns it, a note required.
			police.send("POST", path+"/submit", "", "Idempotency-Key", "round-1-submit").expect(t, "submit", http.StatusOK)
			police.send("POST", path+"/submit", "", "Idempotency-Key", "round-1-submit").expect(t, "submit retried", http.StatusOK)
			police.send("POST", path+"/submit", "").expect(t, "submit twice", http.StatusConflict)
			vbsp.send("POST", path+"/receive", "").expect(t, "receive before certification", http.StatusConflict)
			committee.send("POST", path+"/return", `{}`).expect(t, "return without a note", http.StatusUnprocessableEntity)
			committee.send("POST", path+"/return", `{"note": "Dòng 2: thiếu số giấy chứng nhận."}`).expect(t, "return", http.StatusOK)

			// The police correct it: If-Match required, and current.
			fixed := strings.Replace(string(list), `"prepared_on": "2026-11-04"`, `"prepared_on": "2026-11-05"`, 1)
			police.send("PUT", path, fixed).expect(t, "edit without If-Match", http.StatusPreconditionRequired)
			edited := police.send("PUT", path, fixed, "If-Match", etag).expect(t, "edit", http.StatusOK)
			police.send("PUT", path, fixed, "If-Match", etag).expect(t, "edit with a stale ETag", http.StatusPreconditionFailed)
			police.send("GET", path+"?version=1", "").expect(t, "the first version, kept", http.StatusOK)
			if edited.header.Get("ETag") == etag {
				t.Fatal("the edit kept its ETag")
			}

			// Another officer resubmits; the committee member certifies
			// (not the submitter); VBSP receives, once.
			police2.send("POST", path+"/submit", "").expect(t, "resubmit", http.StatusOK)
			committee.send("POST", path+"/certify", "").expect(t, "certify", http.StatusOK)
			police.send("POST", path+"/certify", "").expect(t, "the police certifying", http.StatusForbidden)
			vbsp.send("POST", path+"/receive", "").expect(t, "receive", http.StatusOK)
			vbsp.send("POST", path+"/receive", "").expect(t, "receive twice", http.StatusConflict)
			police.send("PUT", path, fixed, "If-Match", edited.header.Get("ETag")).expect(t, "edit once received", http.StatusConflict)

			// The history, and the listing in scope.
			var h struct {
				History []struct{ Transition, Status string } `json:"history"`
			}
			hist := vbsp.send("GET", path+"/history", "").expect(t, "history", http.StatusOK)
			if err := json.Unmarshal(hist.body, &h); err != nil {
				t.Fatal(err)
			}
			var steps []string
			for _, s := range h.History {
				steps = append(steps, s.Transition+">"+s.Status)
			}
			want := "create>draft submit>submitted return>returned edit>returned submit>submitted certify>certified receive>received"
			if strings.Join(steps, " ") != want {
				t.Errorf("history\n%s\nwant\n%s", strings.Join(steps, " "), want)
			}
			listed := vbsp.send("GET", "/v1/lists?period=2026-11&status=received", "").expect(t, "listing", http.StatusOK)
			if !bytes.Contains(listed.body, []byte(fmt.Sprintf(`"id":%d`, id))) || bytes.Contains(listed.body, []byte("Lò Văn")) {
				t.Errorf("the listing should name the list and no person:\n%s", listed.body)
			}
			if other := elsewhere.send("GET", "/v1/lists?period=2026-11", "").expect(t, "another commune's listing", http.StatusOK); bytes.Contains(other.body, []byte(fmt.Sprintf(`"id":%d`, id))) {
				t.Errorf("another commune's police see the list:\n%s", other.body)
			}

			// Screened at receipt: one application per row, each with its
			// stored assessment. VBSP approves the first within its terms,
			// refuses the second with a note; a repayment is recorded and
			// the loan's statement agrees with POST /v1/statements.
			var apps struct {
				Applications []struct {
					ID      int64  `json:"id"`
					Verdict string `json:"verdict"`
				} `json:"applications"`
			}
			got = vbsp.send("GET", fmt.Sprintf("/v1/applications?list_id=%d", id), "").expect(t, "applications", http.StatusOK)
			if err := json.Unmarshal(got.body, &apps); err != nil || len(apps.Applications) != 3 {
				t.Fatalf("applications of a 3-row list: %v\n%s", err, got.body)
			}
			elsewhere.send("GET", fmt.Sprintf("/v1/applications/%d", apps.Applications[0].ID), "").expect(t, "another commune's application", http.StatusForbidden)
			first := fmt.Sprintf("/v1/applications/%d/decision", apps.Applications[0].ID)
			loan := `{"outcome": "approved", "amount": "80000000", "term_months": 36, "principal_every_months": 12, "disbursed_on": "2026-11-20", "channel": "farmers_union", "capital_source": "central"}`
			police.send("POST", first, loan).expect(t, "the police deciding", http.StatusForbidden)
			vbsp.send("POST", first, strings.Replace(loan, `"80000000"`, `"100000001"`, 1)).expect(t, "approving above the cap", http.StatusUnprocessableEntity)
			decided := vbsp.send("POST", first, loan, "Idempotency-Key", "round-1-decide").expect(t, "approve", http.StatusCreated)
			vbsp.send("POST", first, loan, "Idempotency-Key", "round-1-decide").expect(t, "approve retried", http.StatusCreated)
			vbsp.send("POST", first, `{"outcome": "withdrawn"}`).expect(t, "decide twice", http.StatusConflict)
			vbsp.send("POST", fmt.Sprintf("/v1/applications/%d/decision", apps.Applications[1].ID), `{"outcome": "refused"}`).expect(t, "refuse without a note", http.StatusUnprocessableEntity)
			vbsp.send("POST", fmt.Sprintf("/v1/applications/%d/decision", apps.Applications[1].ID), `{"outcome": "refused", "note": "Khóa học chưa được xác nhận."}`).expect(t, "refuse", http.StatusCreated)
			var d struct {
				Loan struct {
					ID int64 `json:"id"`
				} `json:"loan"`
			}
			if err := json.Unmarshal(decided.body, &d); err != nil || d.Loan.ID == 0 {
				t.Fatalf("the approval made no loan: %v\n%s", err, decided.body)
			}
			loanPath := fmt.Sprintf("/v1/loans/%d", d.Loan.ID)
			vbsp.send("POST", loanPath+"/payments", `{"on": "2026-11-25", "amount": "200000"}`).expect(t, "a repayment", http.StatusCreated)
			stored := vbsp.send("GET", loanPath+"/statement?as_of=2026-11-30", "").expect(t, "the loan's statement", http.StatusOK)
			computed := vbsp.send("POST", "/v1/statements", `{"amount": "80000000", "disbursed_on": "2026-11-20", "term_months": 36, "principal_every_months": 12, "province": "12", "payments": [{"on": "2026-11-25", "amount": "200000"}], "as_of": "2026-11-30"}`).expect(t, "the same statement computed", http.StatusOK)
			if !bytes.Equal(stored.body, computed.body) {
				t.Errorf("the stored loan's statement\n%s\ndiffers from the computed one\n%s", stored.body, computed.body)
			}

			// The trail: whole, and without the names of the list.
			if valid, _ := auditor.verify(); !valid {
				t.Fatal("the audit chain does not verify after the round")
			}
			trail := auditor.send("GET", "/v1/audit?after=0&limit=1000", "").expect(t, "audit", http.StatusOK)
			for _, name := range []string{"Lò Văn", "012090003175", "thiếu số giấy", "Khóa học chưa"} {
				if bytes.Contains(trail.body, []byte(name)) {
					t.Errorf("the audit trail holds %q", name)
				}
			}
		})
	}
}
