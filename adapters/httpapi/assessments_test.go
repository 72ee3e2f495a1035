package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// contractExample is the request of api-v1.md, POST /v1/assessments, as the
// contract writes it (with both borrowers, which is itself a 422).
const contractExample = `{
  "requested_on": "2024-06-01",
  "purpose": "production",
  "amount": "150000000",
  "course_months": 10,
  "same_purpose_debt": false,
  "individual": {
    "full_name": "Lò Văn Hùng",
    "date_of_birth": "1988-03-02",
    "id_number": "012088004512",
    "release": {"basis": "completion", "certificate_no": "45/GCN", "completed_on": "2022-03-15"},
    "on_commune_list": true,
    "household_has_capable_adult": true
  },
  "establishment": {
    "name": "HTX Nông nghiệp Tân Uyên",
    "kind": "cooperative",
    "lawful": true,
    "total_workers": 30,
    "qualifying_workers": 10,
    "plan_confirmed": true
  }
}`

// The personal data of the example, which must never reach a log.
const (
	exampleName = "Lò Văn Hùng"
	exampleID   = "012088004512"
)

// absent, as the value of an edit, deletes the member.
var absent = new(int)

// edit sets (or, with absent, deletes) the member at an RFC 6901 pointer.
type edit struct {
	ptr   string
	value any
}

func set(ptr string, v any) edit { return edit{ptr, v} }
func del(ptr string) edit        { return edit{ptr, absent} }
func raw(s string) json.RawMessage {
	return json.RawMessage(s)
}

// body returns the contract example with the edits applied, marshalled.
func body(t testing.TB, edits ...edit) string {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(contractExample))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&m))
	for _, e := range edits {
		parts := strings.Split(strings.TrimPrefix(e.ptr, "/"), "/")
		obj := m
		for _, p := range parts[:len(parts)-1] {
			next, ok := obj[p].(map[string]any)
			if !ok {
				next = map[string]any{}
				obj[p] = next
			}
			obj = next
		}
		last := parts[len(parts)-1]
		if e.value == absent {
			delete(obj, last)
		} else {
			obj[last] = e.value
		}
	}
	b, err := json.Marshal(m)
	require.NoError(t, err)
	return string(b)
}

// individualBody is the contract example as an individual.
func individualBody(t testing.TB, edits ...edit) string {
	return body(t, append([]edit{del("/establishment")}, edits...)...)
}

// establishmentBody is the contract example as an establishment.
func establishmentBody(t testing.TB, edits ...edit) string {
	return body(t, append([]edit{del("/individual")}, edits...)...)
}

func newHandler(o httpapi.Options) http.Handler { return httpapi.New(o) }

func do(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func post(h http.Handler, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, "/v1/assessments", body)
}

// ---- response shapes, as a client reads them ----

type citationJSON struct {
	Instrument string `json:"instrument"`
	Article    int    `json:"article"`
	Clause     int    `json:"clause"`
	Point      string `json:"point"`
	Text       string `json:"text"`
}

type findingJSON struct {
	Rule      string       `json:"rule"`
	Outcome   string       `json:"outcome"`
	Citation  citationJSON `json:"citation"`
	MessageVI string       `json:"message_vi"`
	MessageEN string       `json:"message_en"`
}

type termsJSON struct {
	Cap                   string `json:"cap"`
	Amount                string `json:"amount"`
	MaxTermMonths         int    `json:"max_term_months"`
	CourseMonths          int    `json:"course_months"`
	LeaveMonths           int    `json:"leave_months"`
	MaxRepaymentMonths    int    `json:"max_repayment_months"`
	RateMonthlyPct        string `json:"rate_monthly_pct"`
	RateYearlyPct         string `json:"rate_yearly_pct"`
	OverdueRateMonthlyPct string `json:"overdue_rate_monthly_pct"`
	CollateralRequired    bool   `json:"collateral_required"`
	Method                string `json:"method"`
	BorrowerOfRecord      string `json:"borrower_of_record"`
}

type assessmentJSON struct {
	Decision     string           `json:"decision"`
	RulesVersion string           `json:"rules_version"`
	Findings     []findingJSON    `json:"findings"`
	Terms        *termsJSON       `json:"terms"`
	Jurisdiction *jurisdictionOut `json:"jurisdiction"`
}

type problemItem struct {
	Pointer   *string `json:"pointer"`
	Parameter string  `json:"parameter"`
	Code      string  `json:"code"`
	Detail    string  `json:"detail"`
	DetailEN  string  `json:"detail_en"`
}

type problemJSON struct {
	Type      string        `json:"type"`
	Title     string        `json:"title"`
	Status    int           `json:"status"`
	Detail    string        `json:"detail"`
	DetailEN  string        `json:"detail_en"`
	RequestID string        `json:"request_id"`
	Errors    []problemItem `json:"errors"`
}

// at is a problem as the tests name it: where and which code.
type at struct{ Pointer, Code string }

func (p problemJSON) at() []at {
	out := make([]at, 0, len(p.Errors))
	for _, e := range p.Errors {
		ptr := "<no pointer>"
		if e.Pointer != nil {
			ptr = *e.Pointer
		}
		out = append(out, at{ptr, e.Code})
	}
	return out
}

// readProblem checks that rec is an RFC 9457 problem with status and returns it.
func readProblem(t *testing.T, rec *httptest.ResponseRecorder, status int) problemJSON {
	t.Helper()
	require.Equal(t, status, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	var p problemJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p), "body: %s", rec.Body)
	assert.Equal(t, status, p.Status)
	assert.NotEmpty(t, p.Type)
	assert.NotEmpty(t, p.Title)
	assert.NotEmpty(t, p.Detail)
	assert.NotEmpty(t, p.DetailEN)
	assert.Equal(t, rec.Header().Get("X-Request-Id"), p.RequestID)
	for i, e := range p.Errors {
		assert.NotEmpty(t, e.Code, "errors[%d].code", i)
		assert.NotEmpty(t, e.Detail, "errors[%d].detail", i)
		assert.NotEmpty(t, e.DetailEN, "errors[%d].detail_en", i)
	}
	return p
}

func readAssessment(t *testing.T, rec *httptest.ResponseRecorder) (assessmentJSON, map[string]json.RawMessage) {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var a assessmentJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &a))
	var top map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &top))
	return a, top
}

func rulesOf(fs []findingJSON) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.Rule
	}
	return out
}

func outcomesOf(fs []findingJSON) map[string]string {
	out := make(map[string]string, len(fs))
	for _, f := range fs {
		out[f.Rule] = f.Outcome
	}
	return out
}

var (
	individualRules = []string{
		"individual.release_document", "individual.release_window", "individual.commune_list",
		"borrower.no_same_purpose_debt", "purpose.allowed",
	}
	establishmentRules = []string{
		"establishment.kind", "establishment.lawful", "establishment.worker_share",
		"establishment.plan_confirmed", "borrower.no_same_purpose_debt", "purpose.allowed",
	}
)

// ---- 200 ----

func TestAssessmentOK(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, a assessmentJSON, top map[string]json.RawMessage)
	}{
		{
			name: "contract example as an individual",
			body: individualBody(t),
			check: func(t *testing.T, a assessmentJSON, top map[string]json.RawMessage) {
				assert.Equal(t, "eligible", a.Decision)
				assert.Equal(t, "qd22/2025-12-16", a.RulesVersion)
				require.Equal(t, individualRules, rulesOf(a.Findings))
				for _, f := range a.Findings {
					assert.Equal(t, "met", f.Outcome, f.Rule)
					assert.NotEmpty(t, f.Citation.Text, f.Rule)
					assert.NotEmpty(t, f.Citation.Instrument, f.Rule)
					assert.NotEmpty(t, f.MessageVI, f.Rule)
					assert.NotEmpty(t, f.MessageEN, f.Rule)
				}
				require.NotNil(t, a.Terms)
				assert.Equal(t, termsJSON{
					Cap: "100000000", Amount: "100000000", MaxTermMonths: 120,
					RateMonthlyPct: "0.55", RateYearlyPct: "6.6", OverdueRateMonthlyPct: "0.715",
					CollateralRequired: false, Method: "entrusted", BorrowerOfRecord: "household",
				}, *a.Terms)
				// Money is a JSON string of digits.
				var terms map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(top["terms"], &terms))
				assert.JSONEq(t, `"100000000"`, string(terms["cap"]))
				assert.JSONEq(t, `"100000000"`, string(terms["amount"]))
			},
		},
		{
			name: "contract example as an establishment",
			body: establishmentBody(t),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				assert.Equal(t, "eligible", a.Decision)
				require.Equal(t, establishmentRules, rulesOf(a.Findings))
				for _, f := range a.Findings {
					assert.Equal(t, "met", f.Outcome, f.Rule)
					assert.NotEmpty(t, f.Citation.Text, f.Rule)
					assert.NotEmpty(t, f.MessageVI, f.Rule)
					assert.NotEmpty(t, f.MessageEN, f.Rule)
				}
				require.NotNil(t, a.Terms)
				assert.Equal(t, "direct", a.Terms.Method)
				assert.Equal(t, "establishment", a.Terms.BorrowerOfRecord)
				assert.Equal(t, "150000000", a.Terms.Amount)
				assert.True(t, a.Terms.CollateralRequired, "150 000 000 is above the collateral threshold")
			},
		},
		{
			name: "unknown facts make the decision incomplete; an individual still gets terms",
			body: individualBody(t,
				set("/individual/on_commune_list", nil),
				del("/same_purpose_debt"),
				del("/individual/household_has_capable_adult"),
			),
			check: func(t *testing.T, a assessmentJSON, top map[string]json.RawMessage) {
				assert.Equal(t, "incomplete", a.Decision)
				require.Equal(t, individualRules, rulesOf(a.Findings))
				o := outcomesOf(a.Findings)
				assert.Equal(t, "unknown", o["individual.commune_list"])
				assert.Equal(t, "unknown", o["borrower.no_same_purpose_debt"])
				assert.Equal(t, "met", o["individual.release_document"])
				assert.Contains(t, top, "terms")
				require.NotNil(t, a.Terms)
				assert.Equal(t, "100000000", a.Terms.Amount)
				assert.Equal(t, "unknown", a.Terms.BorrowerOfRecord, "who signs is still to be confirmed, not guessed")
			},
		},
		{
			name: "an unknown release document is unknown, not an error",
			body: individualBody(t, del("/individual/release")),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				assert.Equal(t, "incomplete", a.Decision)
				o := outcomesOf(a.Findings)
				assert.Equal(t, "unknown", o["individual.release_document"])
				assert.Equal(t, "unknown", o["individual.release_window"])
			},
		},
		{
			name: "conditional release is ineligible and has no terms",
			body: individualBody(t, set("/individual/release/basis", "conditional_release")),
			check: func(t *testing.T, a assessmentJSON, top map[string]json.RawMessage) {
				assert.Equal(t, "ineligible", a.Decision)
				require.Equal(t, individualRules, rulesOf(a.Findings), "every rule is reported, met or not")
				assert.Equal(t, "not_met", outcomesOf(a.Findings)["individual.release_document"])
				assert.NotContains(t, top, "terms", "terms must be absent from the JSON, not null")
			},
		},
		{
			name: "ineligible lists every reason",
			body: individualBody(t,
				set("/individual/release/basis", "conditional_release"),
				set("/same_purpose_debt", true),
				set("/individual/on_commune_list", false),
			),
			check: func(t *testing.T, a assessmentJSON, top map[string]json.RawMessage) {
				assert.Equal(t, "ineligible", a.Decision)
				o := outcomesOf(a.Findings)
				assert.Equal(t, "not_met", o["individual.release_document"])
				assert.Equal(t, "not_met", o["individual.commune_list"])
				assert.Equal(t, "not_met", o["borrower.no_same_purpose_debt"])
				assert.NotContains(t, top, "terms")
			},
		},
		{
			name: "amount as a JSON integer",
			body: individualBody(t, set("/amount", raw("150000000"))),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				assert.Equal(t, "eligible", a.Decision)
				require.NotNil(t, a.Terms)
				assert.Equal(t, "100000000", a.Terms.Cap)
				assert.Equal(t, "100000000", a.Terms.Amount)
			},
		},
		{
			name: "amount below the cap is granted as asked",
			body: individualBody(t, set("/amount", raw("50000000"))),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				require.NotNil(t, a.Terms)
				assert.Equal(t, "50000000", a.Terms.Amount)
			},
		},
		{
			name: "amount absent grants the cap",
			body: individualBody(t, del("/amount")),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				require.NotNil(t, a.Terms)
				assert.Equal(t, a.Terms.Cap, a.Terms.Amount)
				assert.Equal(t, "100000000", a.Terms.Amount)
			},
		},
		{
			name: "rates are those in force on requested_on (QĐ2553 from 2025-12-01)",
			body: individualBody(t, set("/requested_on", "2025-12-01")),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				require.NotNil(t, a.Terms)
				assert.Equal(t, "0.52", a.Terms.RateMonthlyPct)
				assert.Equal(t, "6.24", a.Terms.RateYearlyPct)
				assert.Equal(t, "0.676", a.Terms.OverdueRateMonthlyPct)
			},
		},
		{
			name: "the day the policy came into force is accepted",
			body: individualBody(t, set("/requested_on", "2023-10-10")),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				assert.Equal(t, "eligible", a.Decision)
			},
		},
		{
			name: "completed_on equal to requested_on is accepted",
			body: individualBody(t, set("/individual/release/completed_on", "2024-06-01")),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				assert.Equal(t, "eligible", a.Decision)
			},
		},
		{
			name: "no capable adult in the household: the person borrows in their own name",
			body: individualBody(t, set("/individual/household_has_capable_adult", false)),
			check: func(t *testing.T, a assessmentJSON, _ map[string]json.RawMessage) {
				require.NotNil(t, a.Terms)
				assert.Equal(t, "self", a.Terms.BorrowerOfRecord)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := post(h, tc.body)
			a, top := readAssessment(t, rec)
			tc.check(t, a, top)
			// What the rules do not need is not held, so it cannot come back.
			assert.NotContains(t, rec.Body.String(), exampleName)
			assert.NotContains(t, rec.Body.String(), exampleID)
		})
	}
}

// ---- 400 ----

func TestAssessmentBadJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name     string
		body     string
		wantCode string
		wantPtr  *string // checked when not nil
	}{
		{name: "not JSON", body: `requested_on=2024-06-01`, wantCode: "invalid_json"},
		{name: "truncated JSON", body: individualBody(t)[:40], wantCode: "invalid_json"},
		{name: "empty body", body: ``, wantCode: "empty_body"},
		{name: "blank body", body: " \n\t ", wantCode: "empty_body"},
		{name: "unknown top-level field", body: individualBody(t, set("/colour", "red")), wantCode: "unknown_field", wantPtr: ptr("/colour")},
		{name: "unknown nested field", body: individualBody(t, set("/individual/release/xyz", 1)), wantCode: "unknown_field", wantPtr: ptr("/individual/release/xyz")},
		{name: "trailing object", body: individualBody(t) + ` {}`, wantCode: "trailing_data"},
		{name: "trailing garbage", body: individualBody(t) + `x`, wantCode: "trailing_data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, post(h, tc.body), http.StatusBadRequest)
			assert.True(t, strings.HasSuffix(p.Type, "#invalid-json"), p.Type)
			require.NotEmpty(t, p.Errors)
			assert.Equal(t, tc.wantCode, p.Errors[0].Code)
			if tc.wantPtr != nil {
				assert.Equal(t, []at{{*tc.wantPtr, tc.wantCode}}, p.at())
			}
		})
	}
}

func ptr(s string) *string { return &s }

// An unknown field whose name could be personal data is not echoed back.
func TestAssessmentUnknownFieldNotEchoed(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := post(h, individualBody(t, set("/individual/"+exampleID, true)))
	p := readProblem(t, rec, http.StatusBadRequest)
	assert.Equal(t, []at{{"/individual", "unknown_field"}}, p.at())
	assert.NotContains(t, rec.Body.String(), exampleID)
}

// ---- 413 ----

// bigBody is valid JSON of at least n bytes.
func bigBody(t testing.TB, n int) []byte {
	b := []byte(individualBody(t, set("/individual/release/certificate_no", strings.Repeat("9", n))))
	require.GreaterOrEqual(t, len(b), n)
	return b
}

// unknownLength hides the length of its reader, as a chunked body does.
type unknownLength struct{ r io.Reader }

func (u unknownLength) Read(p []byte) (int, error) { return u.r.Read(p) }

func TestAssessmentTooLarge(t *testing.T) {
	h := newHandler(httpapi.Options{MaxBodyBytes: 1024})
	big := bigBody(t, 2048)

	tests := []struct {
		name string
		req  func() *http.Request
	}{
		{"content-length", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/v1/assessments", bytes.NewReader(big))
			require.Equal(t, int64(len(big)), r.ContentLength)
			return r
		}},
		{"chunked", func() *http.Request {
			r := httptest.NewRequest(http.MethodPost, "/v1/assessments", unknownLength{bytes.NewReader(big)})
			r.ContentLength = -1
			r.TransferEncoding = []string{"chunked"}
			return r
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req())
			p := readProblem(t, rec, http.StatusRequestEntityTooLarge)
			assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
		})
	}

	t.Run("within the limit", func(t *testing.T) {
		b := individualBody(t)
		require.Less(t, len(b), 1024)
		readAssessment(t, post(h, b))
	})
}

// ---- 422 ----

func TestAssessmentInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name string
		body string
		want []at
	}{
		{"requested_on before the policy", individualBody(t, set("/requested_on", "2023-10-09")),
			[]at{{"/requested_on", "before_policy"}}},
		{"completed_on after requested_on", individualBody(t, set("/individual/release/completed_on", "2024-06-02")),
			[]at{{"/individual/release/completed_on", "after_requested_on"}}},
		{"qualifying_workers above total_workers", establishmentBody(t, set("/establishment/qualifying_workers", 31)),
			[]at{{"/establishment/qualifying_workers", "exceeds_total_workers"}}},
		{"total_workers 0", establishmentBody(t, set("/establishment/total_workers", 0), set("/establishment/qualifying_workers", 0)),
			[]at{{"/establishment/total_workers", "out_of_range"}}},
		{"negative amount as a string", individualBody(t, set("/amount", "-5")),
			[]at{{"/amount", "negative"}}},
		{"negative amount as a number", individualBody(t, set("/amount", raw("-5"))),
			[]at{{"/amount", "negative"}}},
		{"fractional amount as a number", individualBody(t, set("/amount", raw("1.5"))),
			[]at{{"/amount", "not_integer"}}},
		{"fractional amount as a string", individualBody(t, set("/amount", "1.5")),
			[]at{{"/amount", "not_integer"}}},
		{"amount with separators", individualBody(t, set("/amount", "100.000.000")),
			[]at{{"/amount", "not_integer"}}},
		{"unknown purpose", individualBody(t, set("/purpose", "housing")),
			[]at{{"/purpose", "invalid_enum"}}},
		{"unknown release basis", individualBody(t, set("/individual/release/basis", "parole")),
			[]at{{"/individual/release/basis", "invalid_enum"}}},
		{"unknown establishment kind", establishmentBody(t, set("/establishment/kind", "ngo")),
			[]at{{"/establishment/kind", "invalid_enum"}}},
		{"both individual and establishment", body(t),
			[]at{{"", "one_borrower"}}},
		{"neither individual nor establishment", body(t, del("/individual"), del("/establishment")),
			[]at{{"", "one_borrower"}}},
		{"individual null counts as absent", body(t, set("/individual", nil), del("/establishment")),
			[]at{{"", "one_borrower"}}},
		{"vocational training without course_months", individualBody(t, set("/purpose", "vocational_training"), del("/course_months")),
			[]at{{"/course_months", "required"}}},
		{"vocational training with course_months 61", individualBody(t, set("/purpose", "vocational_training"), set("/course_months", 61)),
			[]at{{"/course_months", "out_of_range"}}},
		{"vocational training with course_months 0", individualBody(t, set("/purpose", "vocational_training"), set("/course_months", 0)),
			[]at{{"/course_months", "out_of_range"}}},
		{"requested_on not a real day", individualBody(t, set("/requested_on", "2024-02-30")),
			[]at{{"/requested_on", "invalid_date"}}},
		{"completed_on not a real day", individualBody(t, set("/individual/release/completed_on", "2023-02-29")),
			[]at{{"/individual/release/completed_on", "invalid_date"}}},
		{"requested_on missing", individualBody(t, del("/requested_on")),
			[]at{{"/requested_on", "required"}}},
		{"requested_on null", individualBody(t, set("/requested_on", nil)),
			[]at{{"/requested_on", "required"}}},
		{"purpose missing", individualBody(t, del("/purpose")),
			[]at{{"/purpose", "required"}}},
		{"a fact that is not a boolean", individualBody(t, set("/individual/on_commune_list", "yes")),
			[]at{{"/individual/on_commune_list", "invalid_type"}}},
		{"an object where a string belongs", individualBody(t, set("/requested_on", map[string]any{})),
			[]at{{"/requested_on", "invalid_type"}}},
		{"a number where an object belongs", body(t, set("/individual", 5), del("/establishment")),
			[]at{{"/individual", "invalid_type"}}},
		// The body is JSON, but not the object the contract asks for: that
		// breaks the contract (422), it is not unreadable (400).
		{"JSON array", `[` + individualBody(t) + `]`,
			[]at{{"", "invalid_type"}}},
		{"JSON string", `"hello"`,
			[]at{{"", "invalid_type"}}},
		{"JSON number", `42`,
			[]at{{"", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, post(h, tc.body), http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// Every problem is listed at once, not only the first.
func TestAssessmentInvalidListsEveryProblem(t *testing.T) {
	h := newHandler(httpapi.Options{})
	b := body(t, // both borrowers
		set("/requested_on", "2023-01-01"),
		set("/purpose", "housing"),
		set("/amount", "-5"),
		set("/course_months", 61),
		set("/individual/release/basis", "parole"),
		set("/individual/release/completed_on", "2023-06-01"),
		set("/establishment/qualifying_workers", 31),
	)
	rec := post(h, b)
	p := readProblem(t, rec, http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/requested_on", "before_policy"},
		{"/purpose", "invalid_enum"},
		{"/amount", "negative"},
		{"/course_months", "out_of_range"},
		{"/individual/release/basis", "invalid_enum"},
		{"/individual/release/completed_on", "after_requested_on"},
		{"/establishment/qualifying_workers", "exceeds_total_workers"},
		{"", "one_borrower"},
	}, p.at())
	// Problems never quote the values sent.
	assert.NotContains(t, rec.Body.String(), exampleName)
	assert.NotContains(t, rec.Body.String(), exampleID)
}

// A value of the wrong JSON type where an object belongs must not hide the
// problems with the other fields: the contract lists every problem found.
//
// Regression: decodeBody once returned only the wrong-type problems and the
// leaves were never read.
func TestAssessmentInvalidTypeDoesNotHideOtherProblems(t *testing.T) {
	h := newHandler(httpapi.Options{})
	b := body(t, set("/establishment", 5), set("/amount", "-5"), set("/requested_on", "2024-02-30"))
	p := readProblem(t, post(h, b), http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/establishment", "invalid_type"},
		{"/amount", "negative"},
		{"/requested_on", "invalid_date"},
	}, p.at())
}

// A field name is the contract's snake_case name exactly: "Requested_On" is
// not "requested_on" but an unknown field (400).
//
// Regression: the decoder once matched field names without regard to case,
// as encoding/json does, and answered 200.
func TestAssessmentFieldNamesAreCaseSensitive(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct{ name, body, wantPtr string }{
		{"top level", individualBody(t, del("/requested_on"), set("/Requested_On", "2024-06-01")), "/Requested_On"},
		{"nested", individualBody(t, del("/individual/on_commune_list"), set("/individual/ON_COMMUNE_LIST", true)), "/individual/ON_COMMUNE_LIST"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, post(h, tc.body), http.StatusBadRequest)
			assert.Equal(t, []at{{tc.wantPtr, "unknown_field"}}, p.at())
		})
	}
}

// A JSON string means the same whether or not it is written with escapes
// (RFC 8259 §7): "requested\u005fon" is the key requested_on, and
// "producti\u006fn" the purpose production.
//
// Regression: keysExact once rejected every escaped key as invalid JSON.
func TestAssessmentEscapedJSONIsTheSameJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	plain := individualBody(t)
	tests := []struct{ name, from, to string }{
		{"escaped value", `"production"`, `"producti\u006fn"`},
		{"escaped key", `"requested_on"`, `"requested\u005fon"`},
		{"escaped nested key", `"on_commune_list"`, `"on\u005fcommune\u005flist"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := strings.Replace(plain, tc.from, tc.to, 1)
			require.NotEqual(t, plain, b)
			a, _ := readAssessment(t, post(h, b))
			assert.Equal(t, "eligible", a.Decision)
		})
	}
}

// A negative amount is "negative" however it is written; a long one written
// as a JSON number must not be reported as too large.
//
// Regression: money once checked the length of a JSON number before its
// sign, so a long negative number was "too large".
func TestAssessmentLongNegativeAmount(t *testing.T) {
	h := newHandler(httpapi.Options{})
	digits := "1" + strings.Repeat("0", 42)
	for _, amount := range []any{"-" + digits, raw("-" + digits)} {
		p := readProblem(t, post(h, individualBody(t, set("/amount", amount))), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"/amount", "negative"}}, p.at(), "amount %s", amount)
	}
}

// ---- 404, 405 ----

func TestNotFoundAndMethodNotAllowed(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, method, target string
		status               int
		typeSuffix           string
		allow                string // a method the Allow header of a 405 must name
	}{
		{"unknown path", http.MethodGet, "/v1/nothing-here", http.StatusNotFound, "#not-found", ""},
		{"unknown version", http.MethodPost, "/v2/assessments", http.StatusNotFound, "#not-found", ""},
		{"GET assessments", http.MethodGet, "/v1/assessments", http.StatusMethodNotAllowed, "#method-not-allowed", http.MethodPost},
		{"DELETE rules", http.MethodDelete, "/v1/rules", http.StatusMethodNotAllowed, "#method-not-allowed", http.MethodGet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, tc.method, tc.target, "")
			p := readProblem(t, rec, tc.status)
			assert.True(t, strings.HasSuffix(p.Type, tc.typeSuffix), p.Type)
			if tc.allow != "" {
				assert.Contains(t, rec.Header().Get("Allow"), tc.allow) // RFC 9110 §15.5.6
			}
		})
	}
}

// ---- X-Request-Id ----

func TestRequestID(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, incoming string
		echoed         bool
	}{
		{"none", "", false},
		{"well formed", "5968e34989cdec16", true},
		{"uuid", "3f0c2a8e-1b7d-4c1e-9b2a-5d6e7f8a9b0c", true},
		{"all digits, like an ID number", exampleID, false},
		{"an ID number among letters", "abc" + exampleID, false},
		{"an ID number in hex of the right length", "abcd" + exampleID, false},
		{"not hex", "abc-123", false},
		{"spaces", "abc 123", false},
		{"too long", strings.Repeat("a", 65), false},
		{"non-ASCII", "Hùng", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []struct{ method, target, body string }{
				{http.MethodPost, "/v1/assessments", individualBody(t)},
				{http.MethodPost, "/v1/assessments", "{"},
				{http.MethodGet, "/healthz", ""},
				{http.MethodGet, "/nowhere", ""},
			} {
				var hdr []string
				if tc.incoming != "" {
					hdr = []string{"X-Request-Id", tc.incoming}
				}
				rec := do(h, r.method, r.target, r.body, hdr...)
				got := rec.Header().Get("X-Request-Id")
				require.NotEmpty(t, got, "%s %s", r.method, r.target)
				if tc.echoed {
					assert.Equal(t, tc.incoming, got)
				} else {
					assert.NotEqual(t, tc.incoming, got)
					assert.NotContains(t, got, exampleID)
				}
			}
		})
	}

	t.Run("made-up ids differ", func(t *testing.T) {
		a := do(h, http.MethodGet, "/healthz", "").Header().Get("X-Request-Id")
		b := do(h, http.MethodGet, "/healthz", "").Header().Get("X-Request-Id")
		assert.NotEqual(t, a, b)
	})
}

// ---- GET /v1/rules, /healthz ----

type rulesJSON struct {
	RulesVersion string `json:"rules_version"`
	On           string `json:"on"`
	Rates        struct {
		RateMonthlyPct        string `json:"rate_monthly_pct"`
		RateYearlyPct         string `json:"rate_yearly_pct"`
		OverdueRateMonthlyPct string `json:"overdue_rate_monthly_pct"`
	} `json:"rates"`
	Parameters []struct {
		Key      string          `json:"key"`
		Value    json.RawMessage `json:"value"`
		From     string          `json:"from"`
		Citation citationJSON    `json:"citation"`
	} `json:"parameters"`
	Rules []struct {
		Rule      string         `json:"rule"`
		AppliesTo []string       `json:"applies_to"`
		Citations []citationJSON `json:"citations"`
	} `json:"rules"`
}

func getRules(t *testing.T, h http.Handler, target string) rulesJSON {
	t.Helper()
	rec := do(h, http.MethodGet, target, "")
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var r rulesJSON
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &r))
	return r
}

func TestRules(t *testing.T) {
	// 20:00 UTC on 25 November is 03:00 on 26 November in Vietnam (UTC+7).
	clock := func() time.Time { return time.Date(2026, time.November, 25, 20, 0, 0, 0, time.UTC) }
	h := newHandler(httpapi.Options{Now: clock})

	t.Run("rate changes on 2025-12-01", func(t *testing.T) {
		tests := []struct{ on, monthly, yearly string }{
			{"2023-10-10", "0.55", "6.6"},
			{"2025-11-30", "0.55", "6.6"},
			{"2025-12-01", "0.52", "6.24"},
		}
		for _, tc := range tests {
			r := getRules(t, h, "/v1/rules?on="+tc.on)
			assert.Equal(t, tc.on, r.On)
			assert.Equal(t, tc.monthly, r.Rates.RateMonthlyPct, tc.on)
			assert.Equal(t, tc.yearly, r.Rates.RateYearlyPct, tc.on)
			assert.Equal(t, "qd22/2025-12-16", r.RulesVersion)
		}
	})

	t.Run("without on, today in Vietnam from Options.Now", func(t *testing.T) {
		r := getRules(t, h, "/v1/rules")
		assert.Equal(t, "2026-11-26", r.On)
		assert.Equal(t, "0.52", r.Rates.RateMonthlyPct)
	})

	t.Run("parameters carry their citations", func(t *testing.T) {
		r := getRules(t, h, "/v1/rules?on=2025-12-01")
		found := false
		for _, p := range r.Parameters {
			assert.NotEmpty(t, p.Citation.Instrument, p.Key)
			assert.NotEmpty(t, p.Citation.Text, p.Key)
			if p.Key == "lending_rate_yearly_pct" {
				found = true
				assert.Equal(t, "2553/QĐ-TTg", p.Citation.Instrument)
				assert.Equal(t, "2025-12-01", p.From)
			}
		}
		assert.True(t, found, "parameters list lending_rate_yearly_pct")
	})

	t.Run("every rule is listed", func(t *testing.T) {
		r := getRules(t, h, "/v1/rules?on=2025-12-01")
		var ids []string
		for _, rule := range r.Rules {
			ids = append(ids, rule.Rule)
			assert.Len(t, rule.Citations, len(rule.AppliesTo), rule.Rule)
		}
		assert.ElementsMatch(t, []string{
			"individual.release_document", "individual.release_window", "individual.commune_list",
			"establishment.kind", "establishment.lawful", "establishment.worker_share",
			"establishment.plan_confirmed", "borrower.no_same_purpose_debt", "purpose.allowed",
		}, ids)
	})

	t.Run("bad on is a 400 naming the parameter", func(t *testing.T) {
		for _, on := range []string{"bad", "2025-02-29", "2025-1-1", ""} {
			p := readProblem(t, do(h, http.MethodGet, "/v1/rules?on="+on, ""), http.StatusBadRequest)
			require.NotEmpty(t, p.Errors, on)
			assert.Equal(t, "on", p.Errors[0].Parameter, on)
			assert.Nil(t, p.Errors[0].Pointer, on)
			assert.True(t, strings.HasSuffix(p.Type, "#invalid-parameter"), p.Type)
		}
	})

	t.Run("on before the policy is a 422", func(t *testing.T) {
		p := readProblem(t, do(h, http.MethodGet, "/v1/rules?on=2023-01-01", ""), http.StatusUnprocessableEntity)
		require.Len(t, p.Errors, 1)
		assert.Equal(t, "on", p.Errors[0].Parameter)
		assert.Equal(t, "before_policy", p.Errors[0].Code)
	})
}

func TestHealthz(t *testing.T) {
	rec := do(newHandler(httpapi.Options{}), http.MethodGet, "/healthz", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var v map[string]string
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &v))
	assert.Equal(t, "ok", v["status"])
}

// ---- logging ----

// Names, ID numbers and bodies never reach the log (house style 16).
func TestLogsHoldNoPersonalData(t *testing.T) {
	var buf bytes.Buffer
	h := newHandler(httpapi.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil))})

	ok := individualBody(t)
	invalid := individualBody(t, set("/requested_on", "2023-01-01"), set("/amount", "-5"),
		set("/individual/id_number", "01208800451X"))
	bad := individualBody(t, set("/individual/nickname", exampleName)) // unknown field: 400
	requests := []struct {
		body   string
		status int
	}{
		{ok, http.StatusOK},
		{invalid, http.StatusUnprocessableEntity},
		{bad, http.StatusBadRequest},
		{ok + "garbage " + exampleName, http.StatusBadRequest},
	}
	for _, r := range requests {
		rec := do(h, http.MethodPost, "/v1/assessments", r.body, "X-Request-Id", exampleID)
		require.Equal(t, r.status, rec.Code, "body: %s", rec.Body)
	}

	log := buf.String()
	require.NotEmpty(t, log)
	for _, secret := range []string{exampleName, exampleID, "Lò", "Hùng", "012088", "45/GCN", "1988-03-02", "2022-03-15", "Tân Uyên", "nickname", "garbage"} {
		assert.NotContains(t, log, secret)
	}
	// Nor, escaped as JSON may escape it, the name.
	esc, _ := json.Marshal(exampleName)
	assert.NotContains(t, log, strings.Trim(string(esc), `"`))

	lines := strings.Split(strings.TrimSpace(log), "\n")
	assert.Len(t, lines, len(requests), "one line per request")
	for i, line := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		assert.Contains(t, entry, "request_id", line)
		assert.Contains(t, entry, "status", line)
		assert.Contains(t, entry, "route", line)
		assert.Equal(t, "/v1/assessments", entry["route"], line)
		if i < len(requests) {
			assert.Equal(t, strconv.Itoa(requests[i].status), jsonNumber(entry["status"]), line)
		}
	}
}

func jsonNumber(v any) string {
	if f, ok := v.(float64); ok {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return ""
}
