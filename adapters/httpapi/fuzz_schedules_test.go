package httpapi_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

// fuzzScheduleSeeds are the seeds of FuzzSchedule, and fuzzStatementSeeds
// those of FuzzStatement. The same seeds are stored as files in
// testdata/fuzz/FuzzSchedule/ and testdata/fuzz/FuzzStatement/ (seed-01 …
// seed-NN, in this order), so that `go test` replays them even without
// -fuzz; TestFuzzSeedFiles checks that the files and the lists agree, and
// `go test -run TestFuzzSeedFiles -update-fuzz-seeds` rewrites the files.
var fuzzScheduleSeeds = []string{
	// 01 the contract's example.
	`{"amount": "100000000", "disbursed_on": "2025-11-01", "term_months": 24, "principal_every_months": 12}`,
	// 02 a training loan paid out month by month, with grace.
	`{"amount":"40000000","disbursed_on":"2026-01-05","term_months":30,"principal_every_months":1,"grace_months":12,"purpose":"vocational_training","course_months":10,"disbursements":[{"on":"2026-01-05","amount":"4000000"},{"on":"2026-02-05","amount":"4000000"},{"on":"2026-03-05","amount":"4000000"},{"on":"2026-04-05","amount":"4000000"},{"on":"2026-05-05","amount":"4000000"},{"on":"2026-06-05","amount":"4000000"},{"on":"2026-07-05","amount":"4000000"},{"on":"2026-08-05","amount":"4000000"},{"on":"2026-09-05","amount":"4000000"},{"on":"2026-10-05","amount":"4000000"}]}`,
	// 03 early repayments, out of date order, one on a due date.
	`{"amount":100000000,"disbursed_on":"2025-11-01","term_months":24,"principal_every_months":3,"prepayments":[{"on":"2026-06-01","amount":"30000000"},{"on":"2026-03-15","amount":20000000},{"on":"2026-03-15","amount":"1"}]}`,
	// 04 disbursed on 31 January; principal every month.
	`{"amount":"99999999","disbursed_on":"2024-01-31","term_months":13,"principal_every_months":1}`,
	// 05 disbursed on 29 February, across the rate change, with grace.
	`{"amount":"7","disbursed_on":"2024-02-29","term_months":120,"principal_every_months":5,"grace_months":20}`,
	// 06 every field wrong at once: 422.
	`{"amount":"-5","disbursed_on":"2023-01-01","term_months":0,"principal_every_months":0,"grace_months":-1,"purpose":"housing","course_months":61,"disbursements":[{"on":"2022-13-01","amount":"1.5"},{"amount":0}],"prepayments":[{"on":"2020-01-01","amount":-1},{"on":"2025-11-01"}]}`,
	// 07 wrong JSON types everywhere: 422.
	`{"amount":true,"disbursed_on":20251101,"term_months":"24","principal_every_months":[],"grace_months":{},"purpose":1,"disbursements":"x","prepayments":[5,null,{},[]]}`,
	// 08 huge and odd numbers.
	`{"amount":1e400,"disbursed_on":"2025-11-01","term_months":99999999999999999999,"principal_every_months":-1e30,"grace_months":1.0,"course_months":1e1}`,
	// 09 the largest amount, the longest term, principal every month.
	`{"amount":"1000000000000000","disbursed_on":"2023-10-10","term_months":120,"principal_every_months":1}`,
	// 10 a term ending near the end of the calendar.
	`{"amount":"100000000","disbursed_on":"9989-12-31","term_months":120,"principal_every_months":60}`,
	// 11 an unknown field, a field in capitals, a statement's field: 400.
	`{"amount":"1","disbursed_on":"2025-11-01","term_months":1,"principal_every_months":1,"Purpose":"production","as_of":"2026-01-01","colour":"red"}`,
	// 12 trailing data after a valid object: 400.
	`{"amount":"1","disbursed_on":"2025-11-01","term_months":1,"principal_every_months":1} {"x":1}`,
	// 13 escapes, a NUL, invalid UTF-8, a key that is a name.
	"{\"amount\":\"1\\u0030\",\"disbursed\\u005fon\":\"2025\\u002d11\\u002d01\",\"term_months\":1,\"principal_every_months\":1,\"purpose\":\"producti\\u006fn\\u0000\",\"disbursements\":[{\"on\":\"\xff\xfe\",\"amount\":\"10\"}],\"Lò Văn Hùng\":1}",
	// 14 JSON that is not an object.
	`[{"amount":"1"}]`,
	// 15 the empty object.
	`{}`,
	// 16 null.
	`null`,
	// 17 Lai Châu across the storm-relief cut, as known the day QĐ2654 was signed.
	`{"amount":"100000000","disbursed_on":"2025-10-01","term_months":24,"principal_every_months":12,"province":"12","known_on":"2025-12-04"}`,
	// 18 a training loan with study leave, at its longest term.
	`{"amount":"40000000","disbursed_on":"2026-01-05","term_months":36,"principal_every_months":1,"purpose":"vocational_training","course_months":10,"leave_months":2}`,
	// 19 an unknown province, a known_on before QĐ22, leave on a production loan: 422.
	`{"amount":"1","disbursed_on":"2025-11-01","term_months":1,"principal_every_months":1,"province":"012","known_on":"2023-08-16","leave_months":2}`,
	// 20 province, known_on and leave_months of the wrong JSON types: 422.
	`{"amount":"1","disbursed_on":"2025-11-01","term_months":1,"principal_every_months":1,"province":12,"known_on":20251204,"leave_months":"2"}`,
}

var fuzzStatementSeeds = []string{
	// 01 a missed principal part.
	`{"amount": "100000000", "disbursed_on": "2025-11-01", "term_months": 24, "principal_every_months": 12, "payments": [{"on": "2026-11-01", "amount": "10000000"}], "as_of": "2026-12-15"}`,
	// 02 paid off early, with something over.
	`{"amount":"100000000","disbursed_on":"2025-11-01","term_months":24,"principal_every_months":12,"payments":[{"on":"2025-11-10","amount":"100200000"}],"as_of":"2025-11-20"}`,
	// 03 payments out of order, two on one day, one after as_of.
	`{"amount":"100000000","disbursed_on":"2025-11-01","term_months":24,"principal_every_months":1,"payments":[{"on":"2026-02-01","amount":"4000000"},{"on":"2025-12-01","amount":"4700000"},{"on":"2025-12-01","amount":"1"},{"on":"2030-01-01","amount":"5"}],"as_of":"2026-03-01"}`,
	// 04 a training loan mid-course, a payment larger than paid out so far.
	`{"amount":"40000000","disbursed_on":"2026-01-05","term_months":30,"principal_every_months":2,"purpose":"vocational_training","course_months":10,"disbursements":[{"on":"2026-01-05","amount":"20000000"},{"on":"2026-06-05","amount":"20000000"}],"payments":[{"on":"2026-03-01","amount":"25000000"}],"as_of":"2026-08-01"}`,
	// 05 nothing paid, long after the term.
	`{"amount":"1000000000000000","disbursed_on":"2023-10-10","term_months":120,"principal_every_months":120,"as_of":"2099-12-31"}`,
	// 06 every field wrong at once: 422.
	`{"amount":100.5,"disbursed_on":"2025-11-01","term_months":121,"principal_every_months":7,"grace_months":1300,"purpose":"vocational_training","payments":[{"on":"2025-10-01","amount":"1"},{"on":"2025-11-02","amount":"x"},{"on":"2025-11-02"}],"as_of":"2025-10-31"}`,
	// 07 wrong JSON types everywhere: 422.
	`{"amount":[],"disbursed_on":{},"term_months":true,"principal_every_months":"12","payments":[7,"x",null,{"on":1,"amount":{}}],"as_of":20261215}`,
	// 08 huge numbers.
	`{"amount":"99999999999999999999999","disbursed_on":"2025-11-01","term_months":24,"principal_every_months":12,"payments":[{"on":"2026-01-01","amount":1e400}],"as_of":"2026-01-01"}`,
	// 09 an unknown field inside a payment, a schedule's field: 400.
	`{"amount":"1","disbursed_on":"2025-11-01","term_months":1,"principal_every_months":1,"prepayments":[],"payments":[{"on":"2025-11-01","amount":"1","as_of":"x"}],"as_of":"2025-11-01"}`,
	// 10 the last day of the calendar.
	`{"amount":"100000000","disbursed_on":"2025-11-01","term_months":24,"principal_every_months":12,"payments":[{"on":"9999-12-31","amount":"1"}],"as_of":"9999-12-31"}`,
	// 11 the empty object.
	`{}`,
	// 12 the Q4 2025 statement in Lai Châu: the cut, then QĐ2553's rate.
	`{"amount":"100000000","disbursed_on":"2025-10-01","term_months":24,"principal_every_months":12,"province":"12","as_of":"2026-01-01"}`,
	// 13 nationally, as known before QĐ2654 was signed, with a payment during the cut.
	`{"amount":"100000000","disbursed_on":"2025-10-01","term_months":24,"principal_every_months":1,"known_on":"2025-12-03","payments":[{"on":"2025-11-01","amount":"5000000"}],"as_of":"2025-12-15"}`,
}

var updateFuzzSeeds = flag.Bool("update-fuzz-seeds", false, "rewrite testdata/fuzz/FuzzSchedule and FuzzStatement seed files from the seed lists")

// TestFuzzSeedFiles checks that the seed files of FuzzSchedule and
// FuzzStatement are the seed lists, in the `go test fuzz v1` format.
func TestFuzzSeedFiles(t *testing.T) {
	for name, seeds := range map[string][]string{"FuzzSchedule": fuzzScheduleSeeds, "FuzzStatement": fuzzStatementSeeds} {
		dir := filepath.Join("testdata", "fuzz", name)
		for i, s := range seeds {
			file := filepath.Join(dir, fmt.Sprintf("seed-%02d", i+1))
			want := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", []byte(s))
			if *updateFuzzSeeds {
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
				t.Errorf("%s differs from seed %d of %s (run with -update-fuzz-seeds)", file, i+1, name)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("seed-%02d", len(seeds)+1))); err == nil {
			t.Errorf("%s has more seed files than %s has seeds", dir, name)
		}
	}
}

// FuzzSchedule posts arbitrary bytes to POST /v1/schedules: never a 500 or
// a panic, and a 200 is a schedule that repays the loan.
func FuzzSchedule(f *testing.F) {
	for _, s := range fuzzScheduleSeeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := fuzzPost(t, h, "/v1/schedules", body)
		if rec.Code != http.StatusOK {
			return
		}
		var s scheduleOut
		strictJSON(t, rec.Body.Bytes(), &s)
		if len(s.Installments) == 0 {
			t.Fatalf("a schedule without installments: %s", rec.Body)
		}
		amount := parseMoney(t, s.TotalPrincipal)
		var principal, prepaid, disbursed, interest int64
		for i, in := range s.Installments {
			if in.No != i+1 {
				t.Fatalf("installment %d numbered %d", i+1, in.No)
			}
			balance := parseMoney(t, in.BalanceAfter) // digits: never negative
			principal += parseMoney(t, in.Principal)
			prepaid += parseMoney(t, in.Prepaid)
			disbursed += parseMoney(t, in.Disbursed)
			interest += parseMoney(t, in.Interest)
			if want := disbursed - principal - prepaid; balance != want {
				t.Fatalf("installment %d: balance_after %d, paid out − repaid = %d: %s", in.No, balance, want, rec.Body)
			}
			from, err1 := credit.ParseDate(in.From)
			due, err2 := credit.ParseDate(in.DueOn)
			if err1 != nil || err2 != nil || in.Days != due.DaysSince(from) || in.Days < 28 || in.Days > 31 {
				t.Fatalf("installment %d: from %s due_on %s days %d: %s", in.No, in.From, in.DueOn, in.Days, rec.Body)
			}
			if i > 0 && in.From != s.Installments[i-1].DueOn {
				t.Fatalf("installment %d starts on %s, the previous is due on %s", in.No, in.From, s.Installments[i-1].DueOn)
			}
		}
		if principal+prepaid != amount {
			t.Fatalf("principal parts %d + early repayments %d ≠ amount %d: %s", principal, prepaid, amount, rec.Body)
		}
		if disbursed != amount {
			t.Fatalf("paid out %d ≠ amount %d: %s", disbursed, amount, rec.Body)
		}
		if last := s.Installments[len(s.Installments)-1].BalanceAfter; last != "0" {
			t.Fatalf("last balance_after %s: %s", last, rec.Body)
		}
		if got := parseMoney(t, s.TotalInterest); got != interest {
			t.Fatalf("total_interest %d ≠ Σ interest %d", got, interest)
		}
		if s.Term.MaxMonths < len(s.Installments) {
			t.Fatalf("%d installments above the term limit %d", len(s.Installments), s.Term.MaxMonths)
		}
		if len(s.Rates) == 0 || s.RulesVersion == "" || s.InterestConvention.Text == "" {
			t.Fatalf("a schedule without its grounds: %s", rec.Body)
		}
		checkJurisdiction(t, s.Jurisdiction, rec.Body.Bytes())
	})
}

// checkJurisdiction checks what holds of a response's jurisdiction whatever
// the request: it names a province of 2025 with its name, or, nationally,
// lists provinces of 2025 in order with the message that says why, or only
// echoes the known-on day; it is absent when it has nothing to say.
func checkJurisdiction(t *testing.T, j *jurisdictionOut, body []byte) {
	t.Helper()
	if j == nil {
		return
	}
	if j.Province != nil {
		p, ok := credit.ProvinceByCode(*j.Province)
		if !ok || p.Name != j.ProvinceName || j.OwnValuesIn != nil || j.MessageVI != "" || j.MessageEN != "" {
			t.Fatalf("jurisdiction of a province: %s", body)
		}
		return
	}
	if j.ProvinceName != "" || (len(j.OwnValuesIn) > 0) != (j.MessageVI != "" && j.MessageEN != "") {
		t.Fatalf("national jurisdiction: %s", body)
	}
	if len(j.OwnValuesIn) == 0 && j.KnownOn == nil {
		t.Fatalf("a jurisdiction with nothing to say: %s", body)
	}
	for i, code := range j.OwnValuesIn {
		if _, ok := credit.ProvinceByCode(code); !ok || i > 0 && code <= j.OwnValuesIn[i-1] {
			t.Fatalf("provinces_with_own_values: %s", body)
		}
	}
}

// FuzzStatement posts arbitrary bytes to POST /v1/statements: never a 500
// or a panic, and a 200 is a consistent position.
func FuzzStatement(f *testing.F) {
	for _, s := range fuzzStatementSeeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := fuzzPost(t, h, "/v1/statements", body)
		if rec.Code != http.StatusOK {
			return
		}
		var s statementOut
		strictJSON(t, rec.Body.Bytes(), &s)
		// Every amount is a string of digits: nothing is negative.
		outstanding := parseMoney(t, s.PrincipalOutstanding)
		due := parseMoney(t, s.PrincipalDue)
		overdue := parseMoney(t, s.PrincipalOverdue)
		interestDue := parseMoney(t, s.InterestDue)
		accrued := parseMoney(t, s.InterestAccrued)
		overdueInterest := parseMoney(t, s.OverdueInterest)
		if payoff := parseMoney(t, s.Payoff); payoff != outstanding+interestDue+accrued+overdueInterest {
			t.Fatalf("payoff %d ≠ %d + %d + %d + %d: %s", payoff, outstanding, interestDue, accrued, overdueInterest, rec.Body)
		}
		if due+overdue > outstanding || outstanding > parseMoney(t, s.Disbursed) {
			t.Fatalf("due %d + overdue %d, outstanding %d, disbursed %s: %s", due, overdue, outstanding, s.Disbursed, rec.Body)
		}
		if (overdue > 0) != (s.OverdueSince != nil) {
			t.Fatalf("principal_overdue %d with overdue_since %v: %s", overdue, s.OverdueSince, rec.Body)
		}
		var total, unapplied int64
		prev := ""
		for _, p := range s.Payments {
			if p.On < prev || p.On > s.AsOf {
				t.Fatalf("payment on %s after one on %s, or after as_of %s", p.On, prev, s.AsOf)
			}
			prev = p.On
			amount := parseMoney(t, p.Amount)
			sum := parseMoney(t, p.OverdueInterest) + parseMoney(t, p.Interest) + parseMoney(t, p.OverduePrincipal) +
				parseMoney(t, p.Principal) + parseMoney(t, p.EarlyPrincipal) + parseMoney(t, p.AccruedInterest) + parseMoney(t, p.Unapplied)
			if sum != amount {
				t.Fatalf("payment on %s: buckets sum to %d, amount %d: %s", p.On, sum, amount, rec.Body)
			}
			if len(p.Order) != 4 {
				t.Fatalf("payment order %v", p.Order)
			}
			total += amount
			unapplied += parseMoney(t, p.Unapplied)
		}
		if got := parseMoney(t, s.Paid.Amount); got != total {
			t.Fatalf("paid.amount %d ≠ Σ payments %d", got, total)
		}
		if got := parseMoney(t, s.Overpaid); got != unapplied || parseMoney(t, s.Paid.Unapplied) != unapplied {
			t.Fatalf("overpaid %d, paid.unapplied %s, Σ unapplied %d", got, s.Paid.Unapplied, unapplied)
		}
		if s.NextDueOn != nil && *s.NextDueOn <= s.AsOf {
			t.Fatalf("next_due_on %s not after as_of %s", *s.NextDueOn, s.AsOf)
		}
		checkJurisdiction(t, s.Jurisdiction, rec.Body.Bytes())
	})
}

// fuzzPost posts body to target and checks what holds whatever the body: a
// known status, JSON, a request id, and a complete problem for an error.
func fuzzPost(t *testing.T, h http.Handler, target string, body []byte) *httptest.ResponseRecorder {
	t.Helper()
	return fuzzServe(t, h, httptest.NewRequest(http.MethodPost, target, bytes.NewReader(body)), body)
}

// fuzzServe serves req, whose body is body, with the checks of fuzzPost.
func fuzzServe(t *testing.T, h http.Handler, req *http.Request, body []byte) *httptest.ResponseRecorder {
	t.Helper()
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
	if rec.Code == http.StatusOK {
		return rec
	}
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
	seen := map[at]bool{}
	for _, e := range p.Errors {
		if e.Code == "" || e.Detail == "" || e.DetailEN == "" || e.Pointer == nil {
			t.Fatalf("incomplete problem item: %s", rec.Body)
		}
		if ptr := *e.Pointer; ptr != "" && ptr[0] != '/' {
			t.Fatalf("pointer %q: %s", ptr, rec.Body)
		}
		// A 422 names each problem once. (Unknown fields whose names are
		// not echoed are reported at their object, possibly several times.)
		if k := (at{*e.Pointer, e.Code}); seen[k] && rec.Code == http.StatusUnprocessableEntity {
			t.Fatalf("problem %v reported twice: %s", k, rec.Body)
		} else {
			seen[k] = true
		}
	}
	return rec
}

// strictJSON decodes a 200 body, refusing unknown fields and money that is
// not a string.
func strictJSON(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("200: %v: %s", err, b)
	}
}
