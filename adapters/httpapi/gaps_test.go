package httpapi_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// The last validation gaps (issue 10): damaged text, impossible dates of
// birth, amounts of zero and byte-order marks, through every JSON route.

// badJSONTexts are JSON string tokens whose text is not acceptable
// (credit.ValidText), written every way a client can write them: escaped,
// raw, and raw bytes that are not UTF-8 (which encoding/json would quietly
// turn into U+FFFD).
var badJSONTexts = map[string]string{
	"escaped NUL":         `"Lò\u0000"`,
	"escaped U+001F":      `"Lò\u001f"`,
	"escaped DEL":         `"Lò\u007f"`,
	"raw DEL":             "\"Lò\x7f\"",
	"raw U+0085":          "\"Lò\u0085\"",
	"escaped U+0085":      `"Lò\u0085"`,
	"escaped U+FFFD":      `"L\ufffd"`,
	"raw U+FFFD":          "\"L\ufffd\"",
	"escaped U+FFFF":      `"L\uffff"`,
	"lone surrogate":      `"L\ud800"`,
	"raw invalid UTF-8":   "\"L\xf2 V\xe3n\"",
	"raw truncated UTF-8": "\"L\xc3\"",
}

// goodJSONTexts are tokens with the control characters a cell may hold.
var goodJSONTexts = map[string]string{
	"escaped tab":     `"Lò\tVăn"`,
	"escaped LF":      `"Lò\nVăn"`,
	"escaped CR LF":   `"Lò\r\nVăn"`,
	"escaped U+00A0":  `"Lò\u00a0Văn"`,
	"escaped ASCII":   `"L\u00f2 V\u0103n"`,
	"raw Vietnamese":  `"Lò Văn Hùng"`,
	"escaped U+2028":  `"Lò\u2028Văn"`,
	"escaped U+10000": `"\ud800\udc00"`,
}

// withToken replaces the value at ptr of body (a JSON text written by
// editJSON) with a raw JSON token, bytes and all.
func withToken(t testing.TB, body, ptr, token string) string {
	t.Helper()
	const mark = "@@TOKEN@@"
	b := editJSON(t, body, set(ptr, mark))
	require.Equal(t, 1, strings.Count(b, `"`+mark+`"`))
	return strings.Replace(b, `"`+mark+`"`, token, 1)
}

func TestAssessmentInvalidText(t *testing.T) {
	h := newHandler(httpapi.Options{})
	individual, establishment := individualBody(t), establishmentBody(t)
	for _, tc := range []struct{ base, ptr string }{
		{individual, "/individual/full_name"},
		{individual, "/individual/id_number"},
		{individual, "/individual/release/certificate_no"},
		{individual, "/individual/date_of_birth"},
		{individual, "/individual/release/basis"},
		{individual, "/requested_on"},
		{individual, "/purpose"},
		{establishment, "/establishment/name"},
		{establishment, "/establishment/kind"},
	} {
		for name, tok := range badJSONTexts {
			t.Run(tc.ptr+"/"+name, func(t *testing.T) {
				p := readProblem(t, post(h, withToken(t, tc.base, tc.ptr, tok)), http.StatusUnprocessableEntity)
				want := []at{{tc.ptr, "invalid_text"}}
				if tc.ptr == "/requested_on" { // a request without its date is not decided further
					want = p.at()[:1]
					assert.Equal(t, at{tc.ptr, "invalid_text"}, want[0])
				}
				assert.Equal(t, want, p.at())
				assert.NotContains(t, p.Errors[0].Detail, "Lò")
			})
		}
	}
	for _, ptr := range []string{"/individual/full_name", "/individual/release/certificate_no"} {
		for name, tok := range goodJSONTexts {
			t.Run(ptr+"/"+name, func(t *testing.T) {
				a, _ := readAssessment(t, post(h, withToken(t, individual, ptr, tok)))
				assert.Equal(t, "eligible", a.Decision)
			})
		}
	}
	t.Run("establishment name with a tab", func(t *testing.T) {
		a, _ := readAssessment(t, post(h, withToken(t, establishment, "/establishment/name", `"HTX\tChè"`)))
		assert.Equal(t, "eligible", a.Decision)
	})
}

// The date of birth is possible on requested_on (2024-06-01 in the
// example): from 1904-06-01 to 2024-06-01, both included; and the sentence
// was completed on or after it.
func TestAssessmentDateOfBirth(t *testing.T) {
	h := newHandler(httpapi.Options{})
	const dob, completed = "/individual/date_of_birth", "/individual/release/completed_on"
	tests := []struct {
		name  string
		edits []edit
		want  []at // nil: 200
	}{
		{"born on the day of the request (and completed that day)", []edit{set(dob, "2024-06-01"), set(completed, "2024-06-01")}, nil},
		{"born the day after", []edit{set(dob, "2024-06-02")}, []at{{dob, "out_of_range"}}},
		{"born on 9999-12-31", []edit{set(dob, "9999-12-31")}, []at{{dob, "out_of_range"}}},
		{"born exactly 120 years before", []edit{set(dob, "1904-06-01")}, nil},
		{"born the day before that", []edit{set(dob, "1904-05-31")}, []at{{dob, "out_of_range"}}},
		{"born in year 1", []edit{set(dob, "0001-01-01")}, []at{{dob, "out_of_range"}}},
		{"completed on the day of birth", []edit{set(dob, "2022-03-15")}, nil},
		{"completed the day before birth", []edit{set(dob, "2022-03-16")}, []at{{completed, "before_birth"}}},
		{"born after the request and completed after it too", []edit{set(dob, "2024-06-05"), set(completed, "2024-06-03")},
			[]at{{dob, "out_of_range"}, {completed, "after_requested_on"}}},
		{"no date of birth", []edit{del(dob)}, nil},
		{"no request date: the date of birth is not checked", []edit{del("/requested_on"), set(dob, "2030-01-01"), set(completed, "2030-01-01")},
			[]at{{"/requested_on", "required"}}},
		{"no request date: the sentence still comes after birth", []edit{del("/requested_on"), set(dob, "2030-01-01")},
			[]at{{"/requested_on", "required"}, {completed, "before_birth"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := post(h, individualBody(t, tc.edits...))
			if tc.want == nil {
				readAssessment(t, rec)
				return
			}
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
			for _, e := range p.Errors {
				if e.Code == "out_of_range" {
					assert.Contains(t, e.DetailEN, "120 years")
					assert.Contains(t, e.Detail, "120 năm")
				}
			}
		})
	}
}

// A requested amount of zero is a 422; 1 đồng is granted; no amount gives
// the cap.
func TestAssessmentAmountZero(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, amount := range []any{"0", raw("0"), raw("0.0"), "00"} {
		p := readProblem(t, post(h, individualBody(t, set("/amount", amount))), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"/amount", "out_of_range"}}, p.at(), "amount %v", amount)
		assert.Contains(t, p.Errors[0].DetailEN, "at least 1 đồng")
	}
	a, _ := readAssessment(t, post(h, individualBody(t, set("/amount", "1"))))
	require.NotNil(t, a.Terms)
	assert.Equal(t, "1", a.Terms.Amount)
	a, _ = readAssessment(t, post(h, individualBody(t, set("/amount", nil))))
	require.NotNil(t, a.Terms)
	assert.Equal(t, a.Terms.Cap, a.Terms.Amount)
	p := readProblem(t, post(h, establishmentBody(t, set("/amount", "0"))), http.StatusUnprocessableEntity)
	assert.Equal(t, []at{{"/amount", "out_of_range"}}, p.at())
}

// Zero amounts on the other routes: refused everywhere a loan or a payment
// is an amount of money lent or paid; 1 đồng passes.
func TestZeroAmountsEverywhere(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name   string
		target string
		body   string
		want   []at // nil: 200
	}{
		{"schedule amount 0", "/v1/schedules", loan(t, set("/amount", "0")), []at{{"/amount", "out_of_range"}}},
		{"schedule amount 1", "/v1/schedules", loan(t, set("/amount", "1")), nil},
		{"statement amount 0", "/v1/statements", statementBody(t, "2026-01-01", set("/amount", "0")), []at{{"/amount", "out_of_range"}}},
		{"a disbursement part of 0", "/v1/schedules", loan(t, set("/disbursements", flows(flow("2025-11-01", "100000000"), flow("2025-11-15", "0")))),
			[]at{{"/disbursements/1/amount", "out_of_range"}}},
		{"a prepayment of 0", "/v1/schedules", loan(t, set("/prepayments", flows(flow("2026-01-01", "0")))),
			[]at{{"/prepayments/0/amount", "out_of_range"}}},
		{"a prepayment of 1", "/v1/schedules", loan(t, set("/prepayments", flows(flow("2026-01-01", "1")))), nil},
		{"a payment of 0", "/v1/statements", statementBody(t, "2026-01-01", set("/payments", flows(flow("2025-12-01", "0")))),
			[]at{{"/payments/0/amount", "out_of_range"}}},
		{"a payment of 1", "/v1/statements", statementBody(t, "2026-01-01", set("/payments", flows(flow("2025-12-01", "1")))), nil},
		{"a loan of the book lending 0", "/v1/reports/portfolio", portfolio(t, set("/loans/0/amount", "0"), set("/loans/0/outstanding", "0")),
			[]at{{"/loans/0/amount", "out_of_range"}}},
		{"a loan of the book lending 1", "/v1/reports/portfolio", portfolio(t, set("/loans/0/amount", "1"), set("/loans/0/outstanding", "1")), nil},
		{"a loan of the book owing 0", "/v1/reports/portfolio", portfolio(t, set("/loans/0/outstanding", "0"), set("/loans/0/overdue", "0")), nil},
		{"Mẫu 01 amount 0", "/v1/forms/01/validate", list01(t, set("/rows/0/amount", "0")), []at{{"/rows/0/amount", "required"}}},
		{"Mẫu 01 amount 1", "/v1/forms/01/validate", list01(t, set("/rows/0/amount", "1")), nil},
		{"Mẫu 02 amount_requested 0", "/v1/forms/02/validate", plan02(t, set("/amount_requested", "0")), []at{{"/amount_requested", "required"}}},
		{"Mẫu 02 amount_requested 1", "/v1/forms/02/validate", plan02(t, set("/amount_requested", "1")), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, tc.target, tc.body)
			if tc.want == nil {
				require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
				return
			}
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// Every JSON route reads its strings through the same reader: damaged text
// is invalid_text at its pointer.
func TestInvalidTextEveryRoute(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, target, base, ptr string
	}{
		{"Mẫu 01 header", "/v1/forms/01/validate", list01(t), "/province"},
		{"Mẫu 01 certified_by", "/v1/forms/01/validate", list01(t), "/certified_by"},
		{"Mẫu 01 full name", "/v1/forms/01/validate", list01(t), "/rows/0/full_name"},
		{"Mẫu 01 ID number", "/v1/forms/01/validate", list01(t), "/rows/0/id_number"},
		{"Mẫu 01 note", "/v1/forms/01/validate", list01(t), "/rows/0/note"},
		{"Mẫu 01 period", "/v1/forms/01/validate", list01(t), "/period"},
		{"Mẫu 02 repayment plan", "/v1/forms/02/validate", plan02(t), "/repayment_plan"},
		{"Mẫu 02 collateral", "/v1/forms/02/validate", plan02(t), "/collateral"},
		{"Mẫu 02 worker's contract", "/v1/forms/02/validate", plan02(t), "/workers/0/contract_no"},
		{"Mẫu 02 worker's name", "/v1/forms/02/validate", plan02(t), "/workers/0/full_name"},
		{"Mẫu 01 export", "/v1/forms/01/export?format=csv", list01(t), "/rows/0/residence"},
		{"loan book loan_id", "/v1/reports/portfolio", portfolio(t), "/loans/1/loan_id"},
		{"loan book commune_code", "/v1/reports/portfolio", portfolio(t), "/loans/0/commune_code"},
		{"monthly round: an expected commune", "/v1/reports/monthly-lists", monthly(t), "/expected_communes/1"},
		{"monthly round: a list's row", "/v1/reports/monthly-lists", monthly(t), "/lists/0/rows/0/full_name"},
	}
	for _, tc := range tests {
		for _, tok := range []string{`"x\u0000"`, "\"x\xff\"", "\"x\u0085\""} {
			t.Run(tc.name+"/"+tok, func(t *testing.T) {
				p := readProblem(t, do(h, http.MethodPost, tc.target, withToken(t, tc.base, tc.ptr, tok)), http.StatusUnprocessableEntity)
				assert.Contains(t, p.at(), at{tc.ptr, "invalid_text"})
				for _, a := range p.at() {
					assert.NotEqual(t, "invalid_id_number", a.Code, "one problem per damaged field")
				}
			})
		}
	}
}

// The bank's CSV file: a damaged loan_id is a problem at its cell.
func TestPortfolioCSVInvalidText(t *testing.T) {
	h := newHandler(httpapi.Options{})
	file := strings.Replace(contractPortfolioCSV, "L2,", "L\x012,", 1)
	require.NotEqual(t, contractPortfolioCSV, file)
	rec := postLoansCSV(h, "?as_of=2026-09-30", file)
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %s", rec.Body)
	got := readLocated(t, rec)
	require.Len(t, got, 1)
	assert.Equal(t, "invalid_text", got[0].Code)
	assert.Equal(t, "A", got[0].Column)
	assert.Equal(t, 3, got[0].Row)
}

// Dates of birth on the forms, over HTTP: the bound is on the list's date
// (2026-11-05) and the plan's (2026-10-20).
func TestFormsDateOfBirth(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, target, body string
		want               []at
	}{
		{"Mẫu 01: 120 years before the list", "/v1/forms/01/validate",
			list01(t, set("/rows/0/date_of_birth", "1906-11-05"), set("/rows/0/id_number", "012006004512")), nil},
		{"Mẫu 01: a day more", "/v1/forms/01/validate",
			list01(t, set("/rows/0/date_of_birth", "1906-11-04"), set("/rows/0/id_number", "012006004512")),
			[]at{{"/rows/0/date_of_birth", "out_of_range"}}},
		{"Mẫu 01: completed before birth", "/v1/forms/01/validate",
			list01(t, set("/rows/0/completed_on", "1988-03-01")),
			[]at{{"/rows/0/completed_on", "before_birth"}}},
		{"Mẫu 02: 120 years before the plan", "/v1/forms/02/validate",
			plan02(t, set("/workers/0/date_of_birth", "1906-10-20"), set("/workers/0/id_number", "012006004512")), nil},
		{"Mẫu 02: a day more", "/v1/forms/02/validate",
			plan02(t, set("/workers/0/date_of_birth", "1906-10-19"), set("/workers/0/id_number", "012006004512")),
			[]at{{"/workers/0/date_of_birth", "out_of_range"}}},
		{"Mẫu 02: completed before birth", "/v1/forms/02/validate",
			plan02(t, set("/workers/0/completed_on", "1988-03-01")),
			[]at{{"/workers/0/completed_on", "before_birth"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, tc.target, tc.body)
			if tc.want == nil {
				require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
				return
			}
			assert.Equal(t, tc.want, readProblem(t, rec, http.StatusUnprocessableEntity).at())
		})
	}
}

// A JSON body may begin with a UTF-8 byte-order mark, as Windows tools
// write one: it is skipped, once, on every JSON route.
func TestJSONBodyByteOrderMark(t *testing.T) {
	h := newHandler(httpapi.Options{})
	const bom = "\ufeff"
	for _, tc := range []struct{ target, body string }{
		{"/v1/assessments", individualBody(t)},
		{"/v1/schedules", loan(t)},
		{"/v1/statements", statementBody(t, "2026-01-01")},
		{"/v1/forms/01/validate", list01(t)},
		{"/v1/forms/02/validate", plan02(t)},
		{"/v1/reports/portfolio", portfolio(t)},
		{"/v1/reports/monthly-lists", monthly(t)},
	} {
		t.Run(tc.target, func(t *testing.T) {
			want := do(h, http.MethodPost, tc.target, tc.body)
			require.Equal(t, http.StatusOK, want.Code, "body: %s", want.Body)
			got := do(h, http.MethodPost, tc.target, bom+tc.body)
			require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
			assert.JSONEq(t, want.Body.String(), got.Body.String())
		})
	}
	for _, tc := range []struct{ name, body string }{
		{"two marks", bom + bom + individualBody(t)},
		{"a mark after a space", " " + bom + individualBody(t)},
		{"a mark and nothing else", bom},
		{"a mark inside", `{` + bom + `"requested_on":"2024-06-01"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			readProblem(t, post(h, tc.body), http.StatusBadRequest)
		})
	}
}

// jsonText is a request body as the server reads its JSON: without a
// leading UTF-8 byte-order mark, which it skips (and encoding/json does
// not).
func jsonText(body []byte) []byte { return bytes.TrimPrefix(body, []byte("\ufeff")) }

// An imported file is validated as a JSON list is: a damaged cell is
// invalid_text, located at its cell.
func TestFormImportInvalidText(t *testing.T) {
	h := newHandler(httpapi.Options{})
	file := string(exported(t, h, "01", "csv", contractList01))
	target := "/v1/forms/01/import?" + headerQuery(t, contractList01, forms.Header01)
	for _, tc := range []struct {
		name, from, to string
		want           []located
	}{
		{"a control character in the residence", "Bản Nà Bó", "Bản Nà\x01Bó", []located{{"/rows/0/residence", 2, "F", "F2", "invalid_text"}}},
		{"U+FFFD in the name", "Lò Văn Hùng", "L\ufffd V\ufffdn H\ufffdng", []located{{"/rows/0/full_name", 2, "B", "B2", "invalid_text"}}},
		{"DEL in the certificate number", "45/GCN", "45\x7fGCN", []located{{"/rows/0/certificate_no", 2, "H", "H2", "invalid_text"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, file, tc.from)
			out := readImport01(t, postFile(h, target, "text/csv", []byte(strings.Replace(file, tc.from, tc.to, 1))))
			assert.False(t, out.Valid)
			assert.Equal(t, tc.want, locatedOf(out.Errors))
		})
	}

	t.Run("xlsx", func(t *testing.T) {
		l := contractList(t)
		l.Rows[0].Residence = "Bản Nà\x01Bó"
		var buf bytes.Buffer
		if err := xlsx.Write01(&buf, &l); err != nil {
			t.Skipf("the workbook writer refuses the text: %v", err)
		}
		out := readImport01(t, postFile(h, "/v1/forms/01/import", mediaTypes["xlsx"], buf.Bytes()))
		assert.False(t, out.Valid)
		got := locatedOf(out.Errors)
		require.Len(t, got, 1, "%+v", got)
		assert.Equal(t, "/rows/0/residence", got[0].Pointer)
		assert.Equal(t, "invalid_text", got[0].Code)
		assert.NotEmpty(t, got[0].Cell)
	})
}
