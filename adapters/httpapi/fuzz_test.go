package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// fuzzSeeds are the seeds of FuzzAssessment. The same seeds are stored as
// files in testdata/fuzz/FuzzAssessment/ (seed-01 … seed-NN, in this order),
// so that `go test` replays them even without -fuzz.
var fuzzSeeds = []string{
	// 01 the contract example as an individual: eligible.
	`{"requested_on":"2024-06-01","purpose":"production","amount":"150000000","course_months":10,"same_purpose_debt":false,"individual":{"full_name":"Lò Văn Hùng","date_of_birth":"1988-03-02","id_number":"012088004512","release":{"basis":"completion","certificate_no":"45/GCN","completed_on":"2022-03-15"},"on_commune_list":true,"household_has_capable_adult":true}}`,
	// 02 the contract example as an establishment: eligible.
	`{"requested_on":"2024-06-01","purpose":"production","amount":"150000000","course_months":10,"same_purpose_debt":false,"establishment":{"name":"HTX Nông nghiệp Tân Uyên","kind":"cooperative","lawful":true,"total_workers":30,"qualifying_workers":10,"plan_confirmed":true}}`,
	// 03 the contract example as written, with both borrowers: 422.
	`{"requested_on":"2024-06-01","purpose":"production","amount":"150000000","course_months":10,"same_purpose_debt":false,"individual":{"full_name":"Lò Văn Hùng","date_of_birth":"1988-03-02","id_number":"012088004512","release":{"basis":"completion","certificate_no":"45/GCN","completed_on":"2022-03-15"},"on_commune_list":true,"household_has_capable_adult":true},"establishment":{"name":"HTX Nông nghiệp Tân Uyên","kind":"cooperative","lawful":true,"total_workers":30,"qualifying_workers":10,"plan_confirmed":true}}`,
	// 04 nulls: every fact unknown: incomplete.
	`{"requested_on":"2025-12-01","purpose":"vocational_training","amount":null,"course_months":12,"same_purpose_debt":null,"individual":{"full_name":null,"date_of_birth":null,"id_number":null,"release":{"basis":null,"certificate_no":null,"completed_on":null},"on_commune_list":null,"household_has_capable_adult":null}}`,
	// 05 wrong JSON types everywhere: 422.
	`{"requested_on":20240601,"purpose":1,"amount":true,"course_months":"10","same_purpose_debt":"no","individual":{"full_name":7,"release":"completion","on_commune_list":1}}`,
	// 06 huge numbers.
	`{"requested_on":"2024-06-01","purpose":"vocational_training","amount":1e400,"course_months":99999999999999999999999,"establishment":{"kind":"sme","lawful":true,"total_workers":1e400,"qualifying_workers":-99999999999999999999999,"plan_confirmed":true}}`,
	// 07 a huge amount as a string; an establishment that is ineligible.
	`{"requested_on":"2026-11-26","purpose":"vocational_training","amount":"99999999999999999999999","establishment":{"kind":"large_enterprise","lawful":false,"total_workers":1000000,"qualifying_workers":1000000,"plan_confirmed":false}}`,
	// 08 deep nesting of arrays where a string belongs.
	`{"requested_on":"2024-06-01","purpose":"production","individual":{"release":{"basis":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}}`,
	// 09 deep nesting of objects.
	`{"individual":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{"release":{}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}`,
	// 10 unicode: escapes, a NUL, invalid UTF-8, a key that is a name.
	"{\"requested_on\":\"2024\\u002d06\\u002d01\",\"purpose\":\"producti\\u006fn\",\"individual\":{\"full_name\":\"L\\u00f2 V\\u0103n H\\u00f9ng\\u0000\",\"id_number\":\"\xff\xfe012088004512\",\"release\":{\"basis\":\"special_amnesty\",\"completed_on\":\"2019-06-01\"},\"on_commune_list\":true},\"Lò Văn Hùng\":1}",
	// 11 the empty object.
	`{}`,
	// 12 an array holding a request.
	`[{"requested_on":"2024-06-01","purpose":"production","individual":{"release":{"basis":"completion","completed_on":"2022-03-15"},"on_commune_list":true}}]`,
	// 13 trailing garbage after a valid object.
	`{"requested_on":"2024-06-01","purpose":"production","individual":{"release":{"basis":"completion","completed_on":"2022-03-15"},"on_commune_list":true}} {"x":1}garbage`,
	// 14 amount as a JSON number with a fraction, an exponent and a sign; ineligible.
	`{"requested_on":"2023-10-10","purpose":"production","amount":-1.5e1,"same_purpose_debt":true,"individual":{"release":{"basis":"conditional_release","completed_on":"2023-10-11"},"on_commune_list":false,"household_has_capable_adult":false}}`,
	// 15 a JSON scalar.
	`null`,
	// 16 in Lai Châu during the storm-relief cut, as known the day QĐ2654 was signed; training with study leave.
	`{"requested_on":"2025-10-15","province":"12","known_on":"2025-12-04","purpose":"vocational_training","course_months":10,"leave_months":2,"same_purpose_debt":false,"individual":{"release":{"basis":"completion","completed_on":"2022-03-15"},"on_commune_list":true}}`,
	// 17 an unknown province, a known_on before QĐ22, leave on a production loan: 422.
	`{"requested_on":"2025-10-15","province":"012","known_on":"2023-08-16","purpose":"production","leave_months":2,"individual":{"release":{"basis":"completion","completed_on":"2022-03-15"},"on_commune_list":true}}`,
}

// FuzzAssessment posts arbitrary bytes to POST /v1/assessments and checks
// what the contract promises whatever the body: no panic (the recover
// middleware would make it a 500), a known status, a JSON body, problem+json
// for errors, and, for a 200, a decision consistent with its findings and an
// amount within the cap.
func FuzzAssessment(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 10})

	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, "/v1/assessments", bytes.NewReader(body))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)

		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
		default:
			t.Fatalf("status %d for body %q: %s", rec.Code, body, rec.Body)
		}
		if !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("status %d: response is not JSON: %q", rec.Code, rec.Body)
		}
		if rec.Header().Get("X-Request-Id") == "" {
			t.Fatal("no X-Request-Id")
		}

		if rec.Code != http.StatusOK {
			if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
				t.Fatalf("status %d with Content-Type %q", rec.Code, ct)
			}
			var p problemJSON
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("problem: %v: %s", err, rec.Body)
			}
			if p.Status != rec.Code || p.Type == "" || p.Title == "" || p.Detail == "" || p.DetailEN == "" {
				t.Fatalf("incomplete problem: %s", rec.Body)
			}
			if rec.Code == http.StatusUnprocessableEntity && len(p.Errors) == 0 {
				t.Fatalf("422 without errors: %s", rec.Body)
			}
			for _, e := range p.Errors {
				if e.Code == "" || e.Detail == "" || e.DetailEN == "" {
					t.Fatalf("incomplete problem item: %s", rec.Body)
				}
			}
			return
		}

		var a assessmentJSON
		if err := json.Unmarshal(rec.Body.Bytes(), &a); err != nil {
			t.Fatalf("200: %v: %s", err, rec.Body)
		}
		if len(a.Findings) == 0 {
			t.Fatalf("200 without findings: %s", rec.Body)
		}
		notMet, unknown := false, false
		for _, fd := range a.Findings {
			switch fd.Outcome {
			case "not_met":
				notMet = true
			case "unknown":
				unknown = true
			case "met":
			default:
				t.Fatalf("outcome %q: %s", fd.Outcome, rec.Body)
			}
		}
		want := "eligible"
		switch {
		case notMet:
			want = "ineligible"
		case unknown:
			want = "incomplete"
		}
		if a.Decision != want {
			t.Fatalf("decision %q, findings say %q: %s", a.Decision, want, rec.Body)
		}
		switch {
		case a.Decision == "ineligible" && a.Terms != nil:
			t.Fatalf("terms for an ineligible borrower: %s", rec.Body)
		case a.Decision == "eligible" && a.Terms == nil:
			t.Fatalf("no terms for an eligible borrower: %s", rec.Body)
		}
		if a.Terms != nil {
			capV := parseMoney(t, a.Terms.Cap)
			amount := parseMoney(t, a.Terms.Amount)
			if amount > capV {
				t.Fatalf("amount %d above cap %d: %s", amount, capV, rec.Body)
			}
			if tm := a.Terms; tm.CourseMonths > 0 && tm.MaxTermMonths != tm.CourseMonths+tm.LeaveMonths+tm.MaxRepaymentMonths {
				t.Fatalf("max_term_months %d ≠ course %d + leave %d + repayment %d: %s",
					tm.MaxTermMonths, tm.CourseMonths, tm.LeaveMonths, tm.MaxRepaymentMonths, rec.Body)
			}
		}
		checkJurisdiction(t, a.Jurisdiction, rec.Body.Bytes())
	})
}

// parseMoney reads money as the contract writes it: a string of digits.
func parseMoney(t *testing.T, s string) int64 {
	t.Helper()
	if s == "" {
		t.Fatal("money is empty")
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			t.Fatalf("money %q is not a string of digits", s)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return n
}
