package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// contractList01 is the request of api-v1.md, POST /v1/forms/01/validate,
// as the contract writes it.
const contractList01 = `{
  "province": "Lai Châu", "commune_code": "03424", "commune_name": "Xã Bản Bo",
  "period": "2026-11", "prepared_on": "2026-11-05",
  "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
  "rows": [{
    "full_name": "Lò Văn Hùng", "date_of_birth": "1988-03-02", "sex": "male",
    "id_number": "012088004512", "residence": "Bản Nà Bó, xã Bản Bo",
    "release_basis": "completion", "certificate_no": "45/GCN", "certificate_date": "2022-03-15",
    "completed_on": "2022-03-15", "purpose": "production", "amount": "50000000",
    "course_months": null, "note": ""
  }]
}`

// contractRow01 is the contract's row, for adding rows to a list.
const contractRow01 = `{
    "full_name": "Lò Văn Hùng", "date_of_birth": "1988-03-02", "sex": "male",
    "id_number": "012088004512", "residence": "Bản Nà Bó, xã Bản Bo",
    "release_basis": "completion", "certificate_no": "45/GCN", "certificate_date": "2022-03-15",
    "completed_on": "2022-03-15", "purpose": "production", "amount": "50000000",
    "course_months": null, "note": ""
  }`

// Two more synthetic people (no real person): their ID numbers agree with
// their dates of birth and sexes. The second has a note a spreadsheet would
// run as a formula, and an ID number with leading zeros.
const (
	trainingRow01 = `{
    "full_name": "Tòng Thị Mai", "date_of_birth": "1990-09-03", "sex": "female",
    "id_number": "012190001234", "residence": "Bản Cốc Phát, xã Bản Bo",
    "release_basis": "special_amnesty", "certificate_no": "08/GCN-ĐX", "certificate_date": "2025-09-02",
    "completed_on": "2025-09-01", "purpose": "vocational_training", "amount": "12000000",
    "course_months": 3, "note": "Học nghề may"
  }`
	formulaRow01 = `{
    "full_name": "Nguyễn Văn An", "date_of_birth": "2001-01-20", "sex": "male",
    "id_number": "001201003456", "residence": "Tổ 5, xã Bản Bo",
    "release_basis": "completion", "certificate_no": "311/GCN", "certificate_date": "2023-11-10",
    "completed_on": "2023-11-05", "purpose": "production", "amount": "100000000",
    "course_months": null, "note": "=HYPERLINK(\"http://x\";\"y\")"
  }`
)

// examplePlan02 is a valid Mẫu số 02 plan (synthetic).
const examplePlan02 = `{
  "province": "Lai Châu", "commune_code": "03424", "commune_name": "Xã Bản Bo",
  "prepared_on": "2026-10-20",
  "name": "Hợp tác xã Chè Bản Bo", "kind": "cooperative", "registration_no": "0123/HTX-ĐKKD",
  "address": "Bản Nà Luồng, xã Bản Bo", "legal_representative": "Đèo Văn Thắng",
  "total_workers": 25,
  "workers": [{
    "full_name": "Lò Văn Hùng", "date_of_birth": "1988-03-02", "sex": "male", "id_number": "012088004512",
    "release_basis": "completion", "certificate_no": "45/GCN", "completed_on": "2022-03-15",
    "on_commune_list": true, "contract_no": "07/2026/HĐLĐ", "contract_date": "2026-03-01"
  }],
  "purpose": "production", "capital_need": "1500000000", "own_capital": "500000000",
  "amount_requested": "900000000", "term_months": 60,
  "repayment_plan": "Trả gốc 6 tháng một lần, trả lãi hằng tháng.", "collateral": "Quyền sử dụng đất 2.000 m²",
  "confirmed_on": "2026-10-25", "confirmed_by": "Chủ tịch UBND xã"
}`

const exampleWorker02 = `{
    "full_name": "Tòng Thị Mai", "date_of_birth": "1990-09-03", "sex": "female", "id_number": "012190001234",
    "release_basis": "special_amnesty", "certificate_no": "08/GCN-ĐX", "completed_on": "2025-09-01",
    "on_commune_list": false, "contract_no": "11/2026/HĐLĐ", "contract_date": "2026-06-15"
  }`

// ---- request building ----

// list01 is the contract's list with the edits applied.
func list01(t testing.TB, edits ...edit) string { return editJSON(t, contractList01, edits...) }

// plan02 is the example plan with the edits applied.
func plan02(t testing.TB, edits ...edit) string { return editJSON(t, examplePlan02, edits...) }

// obj decodes a JSON object, so that edits can reach inside it.
func obj(t testing.TB, s string) map[string]any {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&m))
	return m
}

// richList01 is the contract's list with the two other people.
func richList01(t testing.TB) string {
	return list01(t, set("/rows/1", obj(t, trainingRow01)), set("/rows/2", obj(t, formulaRow01)))
}

func postForm(h http.Handler, target, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, target, body)
}

// postFile posts a file as the raw body of an import.
func postFile(h http.Handler, target, contentType string, file []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader(file))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// multipartBody builds a multipart/form-data body with the given parts
// (field name → file content; a name starting with "field:" is a plain
// field) and returns it with its Content-Type.
func multipartBody(t testing.TB, parts ...multipartPart) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.filename == "" {
			w, err = mw.CreateFormField(p.name)
		} else {
			w, err = mw.CreateFormFile(p.name, p.filename)
		}
		require.NoError(t, err)
		_, err = w.Write(p.content)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

type multipartPart struct {
	name, filename string
	content        []byte
}

// export posts body to the export route of form ("01" or "02") in format.
func export(h http.Handler, form, format, body string) *httptest.ResponseRecorder {
	target := "/v1/forms/" + form + "/export"
	if format != "" {
		target += "?format=" + url.QueryEscape(format)
	}
	return postForm(h, target, body)
}

// exported returns the file of a successful export.
func exported(t testing.TB, h http.Handler, form, format, body string) []byte {
	t.Helper()
	rec := export(h, form, format, body)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	return rec.Body.Bytes()
}

// headerQuery returns the header fields (keys: forms.Header01 or
// forms.Header02) of a request as the query of a CSV import.
func headerQuery(t testing.TB, body string, keys []forms.Column) string {
	t.Helper()
	var m map[string]any
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&m))
	q := url.Values{}
	for _, c := range keys {
		switch v := m[c.Key].(type) {
		case string:
			q.Set(c.Key, v)
		case json.Number:
			q.Set(c.Key, v.String())
		case nil:
		default:
			t.Fatalf("header field %s: %T", c.Key, v)
		}
	}
	return q.Encode()
}

// ---- response shapes ----

// fileProblem is a problem item of an import: a problemItem located in
// the file.
type fileProblem struct {
	Pointer   *string `json:"pointer"`
	Parameter string  `json:"parameter"`
	Row       int     `json:"row"`
	Column    string  `json:"column"`
	Cell      string  `json:"cell"`
	Code      string  `json:"code"`
	Detail    string  `json:"detail"`
	DetailEN  string  `json:"detail_en"`
}

type import01Out struct {
	Format string          `json:"format"`
	Sheet  string          `json:"sheet"`
	Valid  bool            `json:"valid"`
	Rows   int             `json:"rows"`
	List   json.RawMessage `json:"list"`
	Errors []fileProblem   `json:"errors"`
}

type import02Out struct {
	Format  string          `json:"format"`
	Sheet   string          `json:"sheet"`
	Valid   bool            `json:"valid"`
	Workers int             `json:"workers"`
	Plan    json.RawMessage `json:"plan"`
	Errors  []fileProblem   `json:"errors"`
}

// located is a file problem as the tests name it.
type located struct {
	Pointer string
	Row     int
	Column  string
	Cell    string
	Code    string
}

func locatedOf(ps []fileProblem) []located {
	out := make([]located, 0, len(ps))
	for _, p := range ps {
		ptr := "<no pointer>"
		if p.Pointer != nil {
			ptr = *p.Pointer
		}
		out = append(out, located{ptr, p.Row, p.Column, p.Cell, p.Code})
	}
	return out
}

func readImport01(t testing.TB, rec *httptest.ResponseRecorder) import01Out {
	t.Helper()
	var out import01Out
	decodeStrict(t, rec, &out)
	checkFileProblems(t, out.Errors)
	assert.Equal(t, len(out.Errors) == 0, out.Valid, "valid is true exactly when there are no errors")
	return out
}

func readImport02(t testing.TB, rec *httptest.ResponseRecorder) import02Out {
	t.Helper()
	var out import02Out
	decodeStrict(t, rec, &out)
	checkFileProblems(t, out.Errors)
	assert.Equal(t, len(out.Errors) == 0, out.Valid, "valid is true exactly when there are no errors")
	return out
}

// checkFileProblems checks what every import problem promises: a pointer, a
// code, both messages, and a cell that is its column and row.
func checkFileProblems(t testing.TB, ps []fileProblem) {
	t.Helper()
	for i, p := range ps {
		assert.NotNil(t, p.Pointer, "errors[%d].pointer", i)
		assert.NotEmpty(t, p.Code, "errors[%d].code", i)
		assert.NotEmpty(t, p.Detail, "errors[%d].detail", i)
		assert.NotEmpty(t, p.DetailEN, "errors[%d].detail_en", i)
		if p.Row > 0 && p.Column != "" {
			assert.Equal(t, p.Column+strconv.Itoa(p.Row), p.Cell, "errors[%d].cell", i)
		} else {
			assert.Empty(t, p.Cell, "errors[%d].cell without row and column", i)
		}
	}
}

// jsonEqual asserts that two JSON texts are the same JSON value.
func jsonEqual(t testing.TB, want, got []byte, msg string) {
	t.Helper()
	var w, g any
	require.NoError(t, json.Unmarshal(want, &w), "want: %s", want)
	require.NoError(t, json.Unmarshal(got, &g), "got: %s", got)
	if !assert.Equal(t, w, g, msg) {
		wb, _ := json.MarshalIndent(w, "", "  ")
		gb, _ := json.MarshalIndent(g, "", "  ")
		t.Logf("want:\n%s\ngot:\n%s", wb, gb)
	}
}

// ---- Mẫu 01: validate ----

// The contract's example is a valid list of one row.
func TestForm01ContractExampleValidates(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postForm(h, "/v1/forms/01/validate", contractList01)
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	jsonEqual(t, []byte(`{"valid": true, "rows": 1}`), rec.Body.Bytes(), "response")

	rec = postForm(h, "/v1/forms/01/validate", richList01(t))
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	jsonEqual(t, []byte(`{"valid": true, "rows": 3}`), rec.Body.Bytes(), "three rows")
}

// Values at the edge of a rule that are still valid.
func TestForm01ValidEdges(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		name  string
		edits []edit
	}{
		{"amount exactly the individual cap", []edit{set("/rows/0/amount", "100000000")}},
		{"amount as a JSON integer", []edit{set("/rows/0/amount", 50000000)}},
		{"training at exactly 4,000,000 a month", []edit{set("/rows/0/purpose", "vocational_training"), set("/rows/0/course_months", 6), set("/rows/0/amount", "24000000")}},
		{"completed on the day the list is drawn up", []edit{set("/rows/0/completed_on", "2026-11-05"), set("/rows/0/certificate_date", "2026-11-05")}},
		{"special amnesty", []edit{set("/rows/0/release_basis", "special_amnesty")}},
		{"a woman born in the 2000s", []edit{set("/rows/0/sex", "female"), set("/rows/0/date_of_birth", "2003-07-01"), set("/rows/0/id_number", "012303004512")}},
		{"note absent", []edit{del("/rows/0/note"), del("/rows/0/course_months")}},
		{"December", []edit{set("/period", "2026-12")}},
		// The province is the commune's: taken from the code when not
		// given, compared without its kind, capitals or diacritics.
		{"province missing", []edit{del("/province")}},
		{"province null", []edit{set("/province", nil)}},
		{"province blank", []edit{set("/province", "  ")}},
		{"province with its kind", []edit{set("/province", "Tỉnh Lai Châu")}},
		{"province without diacritics", []edit{set("/province", "lai chau")}},
		{"another commune of Lai Châu", []edit{set("/commune_code", "03430"), set("/commune_name", "Xã Khun Há")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, "/v1/forms/01/validate", list01(t, tc.edits...))
			require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
			jsonEqual(t, []byte(`{"valid": true, "rows": 1}`), rec.Body.Bytes(), "response")
		})
	}
}

// Every check the contract names gives a 422 naming the field by pointer,
// with exactly the problems listed.
func TestForm01Invalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	row1 := set("/rows/1", obj(t, contractRow01))
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		// required fields
		{"commune_code missing", []edit{del("/commune_code")}, []at{{"/commune_code", "required"}}},
		// the commune and its province
		{"commune_code not a commune", []edit{set("/commune_code", "03423")}, []at{{"/commune_code", "unknown_commune"}}},
		{"commune_code made up (the old examples' 03205)", []edit{set("/commune_code", "03205")}, []at{{"/commune_code", "unknown_commune"}}},
		{"province not the commune's", []edit{set("/province", "Điện Biên")}, []at{{"/province", "province_mismatch"}}},
		{"commune of another province", []edit{set("/commune_code", "03199")}, []at{{"/province", "province_mismatch"}}}, // Xã Si Pa Phìn, Điện Biên
		{"commune_name missing", []edit{del("/commune_name")}, []at{{"/commune_name", "required"}}},
		{"period missing", []edit{del("/period")}, []at{{"/period", "required"}}},
		{"prepared_on missing", []edit{del("/prepared_on")}, []at{{"/prepared_on", "required"}}},
		{"prepared_by missing", []edit{del("/prepared_by")}, []at{{"/prepared_by", "required"}}},
		{"certified_by empty", []edit{set("/certified_by", "")}, []at{{"/certified_by", "required"}}},
		{"rows missing", []edit{del("/rows")}, []at{{"/rows", "required"}}},
		{"rows empty", []edit{set("/rows", []any{})}, []at{{"/rows", "required"}}},
		{"full_name missing", []edit{del("/rows/0/full_name")}, []at{{"/rows/0/full_name", "required"}}},
		{"date_of_birth missing", []edit{del("/rows/0/date_of_birth")}, []at{{"/rows/0/date_of_birth", "required"}}},
		{"sex missing", []edit{del("/rows/0/sex")}, []at{{"/rows/0/sex", "required"}}},
		{"id_number missing", []edit{del("/rows/0/id_number")}, []at{{"/rows/0/id_number", "required"}}},
		{"residence missing", []edit{del("/rows/0/residence")}, []at{{"/rows/0/residence", "required"}}},
		{"release_basis missing", []edit{del("/rows/0/release_basis")}, []at{{"/rows/0/release_basis", "required"}}},
		{"certificate_no missing", []edit{del("/rows/0/certificate_no")}, []at{{"/rows/0/certificate_no", "required"}}},
		{"certificate_date missing", []edit{del("/rows/0/certificate_date")}, []at{{"/rows/0/certificate_date", "required"}}},
		{"completed_on missing", []edit{del("/rows/0/completed_on")}, []at{{"/rows/0/completed_on", "required"}}},
		{"purpose missing", []edit{del("/rows/0/purpose")}, []at{{"/rows/0/purpose", "required"}}},
		{"amount missing", []edit{del("/rows/0/amount")}, []at{{"/rows/0/amount", "required"}}},
		{"amount zero", []edit{set("/rows/0/amount", "0")}, []at{{"/rows/0/amount", "required"}}},

		// the ID number against the row
		{"ID number year of birth differs", []edit{set("/rows/0/date_of_birth", "1989-03-02")}, []at{{"/rows/0/id_number", "id_birth_mismatch"}}},
		{"ID number century differs", []edit{set("/rows/0/id_number", "012288004512")}, []at{{"/rows/0/id_number", "id_birth_mismatch"}}},
		{"ID number sex differs", []edit{set("/rows/0/sex", "female")}, []at{{"/rows/0/id_number", "id_sex_mismatch"}}},
		{"ID number sex and year differ", []edit{set("/rows/0/sex", "female"), set("/rows/0/date_of_birth", "1990-03-02")},
			[]at{{"/rows/0/id_number", "id_birth_mismatch"}, {"/rows/0/id_number", "id_sex_mismatch"}}},
		{"ID number province not a real code", []edit{set("/rows/0/id_number", "999088004512")}, []at{{"/rows/0/id_number", "id_province"}}},
		{"ID number province 003 (no such code)", []edit{set("/rows/0/id_number", "003088004512")}, []at{{"/rows/0/id_number", "id_province"}}},
		{"ID number 11 digits", []edit{set("/rows/0/id_number", "01208800451")}, []at{{"/rows/0/id_number", "invalid_id_number"}}},
		{"ID number 13 digits", []edit{set("/rows/0/id_number", "0120880045123")}, []at{{"/rows/0/id_number", "invalid_id_number"}}},
		{"ID number with a letter", []edit{set("/rows/0/id_number", "01208800451X")}, []at{{"/rows/0/id_number", "invalid_id_number"}}},
		{"ID number with spaces", []edit{set("/rows/0/id_number", "012 088 004 512")}, []at{{"/rows/0/id_number", "invalid_id_number"}}},

		// the list
		{"the same ID number twice", []edit{row1}, []at{{"/rows/1/id_number", "duplicate_id_number"}}},
		{"the same ID number three times", []edit{row1, set("/rows/2", obj(t, trainingRow01)), set("/rows/3", obj(t, contractRow01))},
			[]at{{"/rows/1/id_number", "duplicate_id_number"}, {"/rows/3/id_number", "duplicate_id_number"}}},
		{"completed_on after prepared_on", []edit{set("/rows/0/completed_on", "2026-11-06")}, []at{{"/rows/0/completed_on", "after_prepared_on"}}},
		{"certificate_date after prepared_on", []edit{set("/rows/0/certificate_date", "2026-11-06")}, []at{{"/rows/0/certificate_date", "after_prepared_on"}}},
		{"date_of_birth after prepared_on", []edit{set("/rows/0/date_of_birth", "2088-03-02"), set("/rows/0/id_number", "012288004512")},
			[]at{{"/rows/0/date_of_birth", "after_prepared_on"}}},
		{"sentence completed more than 5 years before", []edit{set("/rows/0/completed_on", "2021-01-04"), set("/rows/0/certificate_date", "2021-01-04")},
			[]at{{"/rows/0/completed_on", "window_closed"}}},
		{"conditional release", []edit{set("/rows/0/release_basis", "conditional_release")}, []at{{"/rows/0/release_basis", "not_allowed"}}},
		{"prepared_on before the policy", []edit{set("/prepared_on", "2023-10-09"), set("/rows/0/completed_on", "2022-03-15")},
			[]at{{"/prepared_on", "before_policy"}}},

		// the period
		{"period month 13", []edit{set("/period", "2026-13")}, []at{{"/period", "invalid_period"}}},
		{"period month 00", []edit{set("/period", "2026-00")}, []at{{"/period", "invalid_period"}}},
		{"period one-digit month", []edit{set("/period", "2026-1")}, []at{{"/period", "invalid_period"}}},
		{"period with a day", []edit{set("/period", "2026-11-01")}, []at{{"/period", "invalid_period"}}},
		{"period with a slash", []edit{set("/period", "11/2026")}, []at{{"/period", "invalid_period"}}},
		{"period before 2000", []edit{set("/period", "1999-12")}, []at{{"/period", "invalid_period"}}},
		{"period signed", []edit{set("/period", "+026-11")}, []at{{"/period", "invalid_period"}}},
		{"period as a number", []edit{set("/period", 202611)}, []at{{"/period", "invalid_type"}}},

		// purpose, course months and amount
		{"course_months for production", []edit{set("/rows/0/course_months", 6)}, []at{{"/rows/0/course_months", "not_applicable"}}},
		{"course_months missing for training", []edit{set("/rows/0/purpose", "vocational_training")}, []at{{"/rows/0/course_months", "required"}}},
		{"course_months 61 for training", []edit{set("/rows/0/purpose", "vocational_training"), set("/rows/0/course_months", 61)},
			[]at{{"/rows/0/course_months", "out_of_range"}}},
		{"course_months a fraction", []edit{set("/rows/0/purpose", "vocational_training"), set("/rows/0/course_months", 2.5)},
			[]at{{"/rows/0/course_months", "not_integer"}}},
		{"amount above the individual cap", []edit{set("/rows/0/amount", "100000001")}, []at{{"/rows/0/amount", "above_cap"}}},
		{"amount above the training cap", []edit{set("/rows/0/purpose", "vocational_training"), set("/rows/0/course_months", 6), set("/rows/0/amount", "24000001")},
			[]at{{"/rows/0/amount", "above_cap"}}},
		{"amount negative", []edit{set("/rows/0/amount", "-1")}, []at{{"/rows/0/amount", "negative"}}},
		{"amount a fraction", []edit{set("/rows/0/amount", "1.5")}, []at{{"/rows/0/amount", "not_integer"}}},
		{"amount above 10^15", []edit{set("/rows/0/amount", "1000000000000001")}, []at{{"/rows/0/amount", "out_of_range"}}},

		// malformed values
		{"sex not an enum", []edit{set("/rows/0/sex", "Nam")}, []at{{"/rows/0/sex", "invalid_enum"}}},
		{"purpose not an enum", []edit{set("/rows/0/purpose", "housing")}, []at{{"/rows/0/purpose", "invalid_enum"}}},
		{"release_basis not an enum", []edit{set("/rows/0/release_basis", "pardon")}, []at{{"/rows/0/release_basis", "invalid_enum"}}},
		{"date_of_birth not a real date", []edit{set("/rows/0/date_of_birth", "1988-02-30")}, []at{{"/rows/0/date_of_birth", "invalid_date"}}},
		{"prepared_on written dd/mm/yyyy", []edit{set("/prepared_on", "05/11/2026")}, []at{{"/prepared_on", "invalid_date"}}},
		{"full_name too long", []edit{set("/rows/0/full_name", strings.Repeat("Ỹ", 101))}, []at{{"/rows/0/full_name", "too_long"}}},
		{"full_name of 100 characters", []edit{set("/rows/0/full_name", strings.Repeat("Ỹ", 100))}, nil},
		{"commune_code too long", []edit{set("/commune_code", "03199031990")}, []at{{"/commune_code", "too_long"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, "/v1/forms/01/validate", list01(t, tc.edits...))
			if tc.want == nil {
				require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
				return
			}
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.ElementsMatch(t, tc.want, p.at(), "body: %s", rec.Body)
		})
	}
}

// Every problem is reported at once, not only the first.
func TestForm01InvalidListsEveryProblem(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postForm(h, "/v1/forms/01/validate", list01(t,
		set("/period", "2026-13"),
		del("/prepared_by"),
		set("/rows/0/sex", "female"),
		set("/rows/0/course_months", 3),
		set("/rows/0/amount", "100000001"),
		set("/rows/1", obj(t, contractRow01)),
		set("/rows/1/completed_on", "2026-12-01"),
		set("/rows/1/date_of_birth", "1988-02-30"),
		set("/rows/2", obj(t, trainingRow01)),
		set("/rows/2/course_months", nil),
		set("/rows/2/id_number", "999190001234"),
	))
	p := readProblem(t, rec, http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/period", "invalid_period"},
		{"/prepared_by", "required"},
		{"/rows/0/id_number", "id_sex_mismatch"},
		{"/rows/0/course_months", "not_applicable"},
		{"/rows/0/amount", "above_cap"},
		{"/rows/1/date_of_birth", "invalid_date"},
		{"/rows/1/completed_on", "after_prepared_on"},
		{"/rows/1/id_number", "duplicate_id_number"},
		{"/rows/2/id_number", "id_province"},
		{"/rows/2/course_months", "required"},
	}, p.at(), "body: %s", rec.Body)

	// The empty object: every required header field and the rows (the
	// province is the commune's, and not required).
	rec = postForm(h, "/v1/forms/01/validate", `{}`)
	p = readProblem(t, rec, http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/commune_code", "required"}, {"/commune_name", "required"},
		{"/period", "required"}, {"/prepared_on", "required"}, {"/prepared_by", "required"},
		{"/certified_by", "required"}, {"/rows", "required"},
	}, p.at(), "body: %s", rec.Body)
}

// A value of the wrong JSON type is one invalid_type (or not_integer for a
// number) and nothing else is reported for it; the rest is still read.
func TestForm01WrongJSONTypes(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"rows as a string", []edit{set("/rows", "Lò Văn Hùng")}, []at{{"/rows", "invalid_type"}}},
		{"rows as an object", []edit{set("/rows", map[string]any{})}, []at{{"/rows", "invalid_type"}}},
		{"province as a number", []edit{set("/province", 12)}, []at{{"/province", "invalid_type"}}},
		{"full_name as an array", []edit{set("/rows/0/full_name", []any{"Lò"})}, []at{{"/rows/0/full_name", "invalid_type"}}},
		{"sex as a bool", []edit{set("/rows/0/sex", true)}, []at{{"/rows/0/sex", "invalid_type"}}},
		{"id_number as a number", []edit{set("/rows/0/id_number", 12088004512)}, []at{{"/rows/0/id_number", "invalid_type"}}},
		{"amount as a bool", []edit{set("/rows/0/amount", true)}, []at{{"/rows/0/amount", "not_integer"}}},
		{"course_months as a string", []edit{set("/rows/0/purpose", "vocational_training"), set("/rows/0/course_months", "6")},
			[]at{{"/rows/0/course_months", "not_integer"}}},
		{"several at once, with a rule broken elsewhere", []edit{set("/province", 1), set("/rows/0/date_of_birth", 19880302), set("/rows/0/amount", "100000001")},
			[]at{{"/province", "invalid_type"}, {"/rows/0/date_of_birth", "invalid_type"}, {"/rows/0/amount", "above_cap"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, "/v1/forms/01/validate", list01(t, tc.edits...))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at(), "body: %s", rec.Body)
		})
	}

	t.Run("body as an array", func(t *testing.T) {
		p := readProblem(t, postForm(h, "/v1/forms/01/validate", `[`+contractList01+`]`), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"", "invalid_type"}}, p.at())
	})
}

// A row (or worker) that is not an object is one invalid_type at the row:
// its fields are not also "required", like a list item of a schedule
// (TestLoanListItemOfTheWrongType).
func TestFormRowOfTheWrongType(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		name, target, body string
		want               []at
	}{
		{"Mẫu 01 rows[0] a number", "/v1/forms/01/validate", list01(t, set("/rows/0", 5)), []at{{"/rows/0", "invalid_type"}}},
		{"Mẫu 01 rows[1] a string, rows[0] valid", "/v1/forms/01/validate", list01(t, set("/rows/1", "x")), []at{{"/rows/1", "invalid_type"}}},
		{"Mẫu 02 workers[0] an array", "/v1/forms/02/validate", plan02(t, set("/workers/0", []any{})), []at{{"/workers/0", "invalid_type"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, tc.target, tc.body)
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at(), "body: %s", rec.Body)
		})
	}
}

// Text that is not JSON, unknown fields and trailing data are a 400.
func TestForm01BadJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name     string
		body     string
		wantCode string
		want     []at // checked when not nil
	}{
		{name: "unknown top-level field", body: list01(t, set("/colour", "red")), wantCode: "unknown_field", want: []at{{"/colour", "unknown_field"}}},
		{name: "unknown field in a row", body: list01(t, set("/rows/0/nickname", "x")), wantCode: "unknown_field", want: []at{{"/rows/0/nickname", "unknown_field"}}},
		{name: "a Mẫu 02 field", body: list01(t, set("/workers", []any{})), wantCode: "unknown_field", want: []at{{"/workers", "unknown_field"}}},
		{name: "a field in capitals", body: list01(t, set("/Province", "Lai Châu")), wantCode: "unknown_field", want: []at{{"/Province", "unknown_field"}}},
		{name: "two unknown fields", body: list01(t, set("/a", 1), set("/rows/0/b", 2)), wantCode: "unknown_field",
			want: []at{{"/a", "unknown_field"}, {"/rows/0/b", "unknown_field"}}},
		{name: "not JSON", body: `province=Lai Châu`, wantCode: "invalid_json"},
		{name: "truncated", body: contractList01[:60], wantCode: "invalid_json"},
		{name: "empty", body: ``, wantCode: "empty_body"},
		{name: "trailing data", body: contractList01 + `{}`, wantCode: "trailing_data"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, target := range []string{"/v1/forms/01/validate", "/v1/forms/01/export?format=csv"} {
				rec := postForm(h, target, tc.body)
				p := readProblem(t, rec, http.StatusBadRequest)
				assert.True(t, strings.HasSuffix(p.Type, "#invalid-json"), p.Type)
				require.NotEmpty(t, p.Errors)
				assert.Equal(t, tc.wantCode, p.Errors[0].Code)
				if tc.want != nil {
					assert.ElementsMatch(t, tc.want, p.at())
				}
				assert.Empty(t, rec.Header().Get("Content-Disposition"), target)
			}
		})
	}
}

// A list of more than forms.MaxRows rows is one problem at /rows (and a
// plan of more workers one at /workers), whatever the rows hold.
func TestFormTooManyRowsInJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rows := "[" + strings.Repeat("{},", forms.MaxRows) + "{}]"
	for _, tc := range []struct{ target, body, ptr string }{
		{"/v1/forms/01/validate", list01(t, set("/rows", raw(rows))), "/rows"},
		{"/v1/forms/02/validate", plan02(t, set("/workers", raw(rows))), "/workers"},
	} {
		require.Less(t, len(tc.body), httpapi.DefaultMaxBodyBytes)
		p := readProblem(t, postForm(h, tc.target, tc.body), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{tc.ptr, "out_of_range"}}, p.at(), tc.target)
	}
}

// ---- Mẫu 02: validate ----

func TestForm02Validate(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		name string
		body string
		want string
	}{
		{"the example plan", plan02(t), `{"valid": true, "workers": 1}`},
		{"two workers", plan02(t, set("/workers/1", obj(t, exampleWorker02))), `{"valid": true, "workers": 2}`},
		{"not yet confirmed", plan02(t, del("/confirmed_on"), del("/confirmed_by")), `{"valid": true, "workers": 1}`},
		{"no own capital, collateral offered", plan02(t, del("/own_capital"), set("/amount_requested", "1000000000")), `{"valid": true, "workers": 1}`},
		{"no collateral for exactly 100,000,000", plan02(t, del("/collateral"), set("/amount_requested", "100000000")), `{"valid": true, "workers": 1}`},
		{"province taken from the commune", plan02(t, del("/province")), `{"valid": true, "workers": 1}`},
		{"amount as a JSON integer", plan02(t, set("/amount_requested", 900000000)), `{"valid": true, "workers": 1}`},
		{"the 2,000,000,000 cap", plan02(t, set("/capital_need", "2500000000"), set("/amount_requested", "2000000000")), `{"valid": true, "workers": 1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, "/v1/forms/02/validate", tc.body)
			require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
			assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
			jsonEqual(t, []byte(tc.want), rec.Body.Bytes(), "response")
		})
	}
}

func TestForm02Invalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	w1 := set("/workers/1", obj(t, exampleWorker02))
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"name missing", []edit{del("/name")}, []at{{"/name", "required"}}},
		{"kind missing", []edit{del("/kind")}, []at{{"/kind", "required"}}},
		{"kind not an enum", []edit{set("/kind", "ngo")}, []at{{"/kind", "invalid_enum"}}},
		{"registration_no missing", []edit{del("/registration_no")}, []at{{"/registration_no", "required"}}},
		{"legal_representative blank", []edit{set("/legal_representative", " ")}, []at{{"/legal_representative", "required"}}},
		{"repayment_plan missing", []edit{del("/repayment_plan")}, []at{{"/repayment_plan", "required"}}},
		{"prepared_on missing", []edit{del("/prepared_on")}, []at{{"/prepared_on", "required"}}},
		{"total_workers missing", []edit{del("/total_workers")}, []at{{"/total_workers", "required"}}},
		{"total_workers negative", []edit{set("/total_workers", -1)}, []at{{"/total_workers", "out_of_range"}}},
		{"total_workers above 1,000,000", []edit{set("/total_workers", 1000001)}, []at{{"/total_workers", "out_of_range"}}},
		{"workers empty", []edit{set("/workers", []any{})}, []at{{"/workers", "required"}}},
		{"more workers listed than employed", []edit{w1, set("/total_workers", 1), set("/amount_requested", "100000000")},
			[]at{{"/workers", "exceeds_total_workers"}}},
		{"vocational training", []edit{set("/purpose", "vocational_training")}, []at{{"/purpose", "not_allowed"}}},
		{"purpose missing", []edit{del("/purpose")}, []at{{"/purpose", "required"}}},
		{"capital_need missing", []edit{del("/capital_need")}, []at{{"/capital_need", "required"}}},
		{"own capital above the need", []edit{set("/own_capital", "1500000001")}, []at{{"/own_capital", "above_need"}}},
		{"more asked than the need less own capital", []edit{set("/amount_requested", "1000000001")}, []at{{"/amount_requested", "above_need"}}},
		{"above the per-worker cap", []edit{set("/total_workers", 5)}, []at{{"/amount_requested", "above_cap"}}},
		{"above the 2,000,000,000 cap", []edit{set("/capital_need", "3000000000"), set("/amount_requested", "2000000001")},
			[]at{{"/amount_requested", "above_cap"}}},
		{"amount_requested negative", []edit{set("/amount_requested", "-5")}, []at{{"/amount_requested", "negative"}}},
		{"no collateral for 100,000,001", []edit{del("/collateral"), set("/amount_requested", "100000001")}, []at{{"/collateral", "collateral_required"}}},
		{"commune_code not a commune", []edit{set("/commune_code", "03205")}, []at{{"/commune_code", "unknown_commune"}}},
		{"province not the commune's", []edit{set("/province", "Sơn La")}, []at{{"/province", "province_mismatch"}}},
		{"term_months missing", []edit{del("/term_months")}, []at{{"/term_months", "required"}}},
		{"term_months 121", []edit{set("/term_months", 121)}, []at{{"/term_months", "out_of_range"}}},
		{"confirmed before the plan was drawn up", []edit{set("/confirmed_on", "2026-10-19")}, []at{{"/confirmed_on", "before_prepared_on"}}},
		{"worker's ID number sex differs", []edit{set("/workers/0/sex", "female")}, []at{{"/workers/0/id_number", "id_sex_mismatch"}}},
		{"worker's ID number year differs", []edit{set("/workers/0/date_of_birth", "1987-03-02")}, []at{{"/workers/0/id_number", "id_birth_mismatch"}}},
		{"worker's ID number province", []edit{set("/workers/0/id_number", "099088004512")}, []at{{"/workers/0/id_number", "id_province"}}},
		{"worker's ID number malformed", []edit{set("/workers/0/id_number", "12088004512")}, []at{{"/workers/0/id_number", "invalid_id_number"}}},
		{"a worker twice", []edit{set("/workers/1", obj(t, examplePlanWorker0(t)))}, []at{{"/workers/1/id_number", "duplicate_id_number"}}},
		{"contract after the plan", []edit{set("/workers/0/contract_date", "2026-10-21")}, []at{{"/workers/0/contract_date", "after_prepared_on"}}},
		{"completed after the plan", []edit{set("/workers/0/completed_on", "2026-10-21")}, []at{{"/workers/0/completed_on", "after_prepared_on"}}},
		{"worker's contract missing", []edit{del("/workers/0/contract_no"), del("/workers/0/contract_date")},
			[]at{{"/workers/0/contract_no", "required"}, {"/workers/0/contract_date", "required"}}},
		{"on_commune_list not a bool", []edit{set("/workers/0/on_commune_list", "yes")}, []at{{"/workers/0/on_commune_list", "invalid_type"}}},
		{"workers as a string", []edit{set("/workers", "x")}, []at{{"/workers", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, "/v1/forms/02/validate", plan02(t, tc.edits...))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at(), "body: %s", rec.Body)
		})
	}

	t.Run("the empty object", func(t *testing.T) {
		p := readProblem(t, postForm(h, "/v1/forms/02/validate", `{}`), http.StatusUnprocessableEntity)
		assert.ElementsMatch(t, []at{
			{"/commune_code", "required"}, {"/commune_name", "required"},
			{"/prepared_on", "required"}, {"/name", "required"}, {"/kind", "required"},
			{"/registration_no", "required"}, {"/address", "required"}, {"/legal_representative", "required"},
			{"/total_workers", "required"}, {"/workers", "required"}, {"/purpose", "required"},
			{"/capital_need", "required"}, {"/amount_requested", "required"}, {"/term_months", "required"},
			{"/repayment_plan", "required"},
		}, p.at())
	})

	t.Run("unknown field", func(t *testing.T) {
		p := readProblem(t, postForm(h, "/v1/forms/02/validate", plan02(t, set("/workers/0/residence", "x"))), http.StatusBadRequest)
		assert.Equal(t, []at{{"/workers/0/residence", "unknown_field"}}, p.at())
	})
}

// examplePlanWorker0 is the first worker of the example plan.
func examplePlanWorker0(t testing.TB) string {
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal([]byte(examplePlan02), &m))
	var ws []json.RawMessage
	require.NoError(t, json.Unmarshal(m["workers"], &ws))
	return string(ws[0])
}

// ---- export ----

var mediaTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
	"html": "text/html; charset=utf-8",
}

func TestFormExport(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		form, body, name string
		people           []string // what the file must hold
	}{
		{"01", contractList01, "mau-so-01-03424-2026-11", []string{exampleName, exampleID}},
		{"01", richList01(t), "mau-so-01-03424-2026-11", []string{exampleName, exampleID, "Tòng Thị Mai", "001201003456"}},
		{"02", plan02(t), "mau-so-02-03424-2026-10-20", []string{exampleName, exampleID}},
	} {
		for _, format := range []string{"xlsx", "csv", "html"} {
			t.Run(tc.form+"/"+format, func(t *testing.T) {
				rec := export(h, tc.form, format, tc.body)
				require.Equal(t, http.StatusOK, rec.Code, "body: %.500s", rec.Body)
				assert.Equal(t, mediaTypes[format], rec.Header().Get("Content-Type"))
				assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
				assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
				assert.NotEmpty(t, rec.Header().Get("X-Request-Id"))

				cd := rec.Header().Get("Content-Disposition")
				disp, params, err := mime.ParseMediaType(cd)
				require.NoError(t, err, "Content-Disposition %q", cd)
				assert.Equal(t, "attachment", disp)
				assert.Equal(t, tc.name+"."+format, params["filename"])
				for _, secret := range []string{exampleName, "Lò", "Hùng", exampleID, "012088", "Chè"} {
					assert.NotContains(t, cd, secret)
				}

				file := rec.Body.Bytes()
				switch format {
				case "csv":
					require.True(t, bytes.HasPrefix(file, []byte("\xef\xbb\xbf")), "CSV starts with the UTF-8 BOM: % x", file[:min(8, len(file))])
					recs, err := csv.NewReader(bytes.NewReader(file[3:])).ReadAll()
					require.NoError(t, err)
					require.GreaterOrEqual(t, len(recs), 2)
					assert.Equal(t, "STT", recs[0][0], "one header row: the headings")
					assert.Equal(t, "Họ và tên", recs[0][1])
					for _, s := range tc.people {
						assert.Contains(t, string(file), s)
					}
					assert.True(t, strings.HasSuffix(string(file), "\r\n"), "CRLF line ends")
				case "xlsx":
					f, err := excelize.OpenReader(bytes.NewReader(file))
					require.NoError(t, err, "the workbook opens with excelize")
					defer f.Close()
					sheet := xlsx.Sheet01
					if tc.form == "02" {
						sheet = xlsx.Sheet02
					}
					rows, err := f.GetRows(sheet)
					require.NoError(t, err)
					found := false
					for _, r := range rows {
						joined := strings.Join(r, "\x00")
						if strings.Contains(joined, exampleName) && strings.Contains(joined, exampleID) {
							found = true
						}
					}
					assert.True(t, found, "a row of sheet %s holds the person's name and ID number", sheet)
					all := ""
					for _, r := range rows {
						all += strings.Join(r, "\x00") + "\n"
					}
					for _, s := range tc.people {
						assert.Contains(t, all, s)
					}
				case "html":
					s := string(file)
					assert.True(t, strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "<!doctype html"), "%.80s", s)
					for _, p := range tc.people {
						assert.Contains(t, s, p)
					}
					assert.NotContains(t, strings.ToLower(s), "<script")
				}
			})
		}
	}
}

// The file name is made of the commune code and the period only: a name
// put in the commune code keeps only its plain letters and digits.
func TestFormExportFileName(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := export(h, "01", "csv", list01(t))
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	cd := rec.Header().Get("Content-Disposition")
	_, params, err := mime.ParseMediaType(cd)
	require.NoError(t, err, cd)
	assert.Equal(t, "mau-so-01-03424-2026-11.csv", params["filename"])
	assert.Regexp(t, regexp.MustCompile(`^attachment; filename="?[A-Za-z0-9.-]+"?$`), cd)

	// A commune code that is not a commune never reaches a file name: the
	// list is refused (safeName, tested inside the package, cleans what
	// would).
	for _, code := range []string{"../x/..", "Lò \"Hùng\"", "a;b=c", "Hồ", "ồ"} {
		t.Run(code, func(t *testing.T) {
			rec := export(h, "01", "csv", list01(t, set("/commune_code", code)))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, []at{{"/commune_code", "unknown_commune"}}, p.at())
			assert.Empty(t, rec.Header().Get("Content-Disposition"))
		})
	}
}

// format missing or not one of xlsx, csv, html is a 400 naming the
// parameter, whatever the body.
func TestFormExportFormat(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, form := range []string{"01", "02"} {
		body := contractList01
		if form == "02" {
			body = plan02(t)
		}
		for _, format := range []string{"", "pdf", "XLSX", "xls", "csv,html", " csv"} {
			t.Run(form+"/"+format, func(t *testing.T) {
				target := "/v1/forms/" + form + "/export"
				if format != "" {
					target += "?format=" + url.QueryEscape(format)
				}
				for _, b := range []string{body, `{}`, `not json`} {
					rec := postForm(h, target, b)
					p := readProblem(t, rec, http.StatusBadRequest)
					assert.True(t, strings.HasSuffix(p.Type, "#invalid-parameter"), p.Type)
					require.Len(t, p.Errors, 1)
					assert.Equal(t, "format", p.Errors[0].Parameter)
					assert.Nil(t, p.Errors[0].Pointer)
					assert.Equal(t, "invalid_enum", p.Errors[0].Code)
					assert.Empty(t, rec.Header().Get("Content-Disposition"))
				}
			})
		}
	}
}

// An invalid form is a 422 and no file.
func TestFormExportInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, format := range []string{"xlsx", "csv", "html"} {
		t.Run(format, func(t *testing.T) {
			rec := export(h, "01", format, list01(t, set("/rows/0/amount", "100000001"), set("/rows/1", obj(t, contractRow01))))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, []at{
				{"/rows/0/amount", "above_cap"}, {"/rows/1/id_number", "duplicate_id_number"},
			}, p.at())
			assert.Empty(t, rec.Header().Get("Content-Disposition"))
			assert.NotContains(t, rec.Body.String(), exampleName)

			rec = export(h, "02", format, plan02(t, set("/total_workers", 5)))
			p = readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, []at{{"/amount_requested", "above_cap"}}, p.at())
			assert.Empty(t, rec.Header().Get("Content-Disposition"))
		})
	}
}

// ---- import ----

// An exported workbook imported again, as the body or as the "file" part of
// a multipart body, is the same list, valid.
func TestForm01ImportXLSXRoundTrip(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for name, body := range map[string]string{"contract": contractList01, "three rows": richList01(t)} {
		file := exported(t, h, "01", "xlsx", body)
		mp, mpType := multipartBody(t, multipartPart{name: "file", filename: "mau-so-01.xlsx", content: file})
		mpFirst, mpFirstType := multipartBody(t,
			multipartPart{name: "comment", content: []byte("x")},
			multipartPart{name: "file", filename: "mau-so-01.xlsx", content: file})
		for _, tc := range []struct {
			name, ct string
			body     []byte
		}{
			{"raw body", mediaTypes["xlsx"], file},
			{"raw body without a content type", "", file},
			{"multipart", mpType, mp},
			{"multipart, file not first", mpFirstType, mpFirst},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				out := readImport01(t, postFile(h, "/v1/forms/01/import", tc.ct, tc.body))
				assert.Equal(t, "xlsx", out.Format)
				assert.Equal(t, xlsx.Sheet01, out.Sheet)
				jsonEqual(t, []byte(body), out.List, "the list read back")
				assert.Empty(t, locatedOf(out.Errors))
				assert.True(t, out.Valid)
				assert.Equal(t, strings.Count(body, `"full_name"`), out.Rows)
			})
		}
	}
}

// An exported CSV file imported with the list's header fields as query
// parameters is the same list, valid.
func TestForm01ImportCSVRoundTrip(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for name, body := range map[string]string{"contract": contractList01, "three rows": richList01(t)} {
		file := exported(t, h, "01", "csv", body)
		target := "/v1/forms/01/import?" + headerQuery(t, body, forms.Header01)
		mp, mpType := multipartBody(t, multipartPart{name: "file", filename: "mau-so-01.csv", content: file})
		for _, tc := range []struct {
			name, ct string
			body     []byte
		}{
			{"raw body", "text/csv", file},
			{"multipart", mpType, mp},
		} {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				out := readImport01(t, postFile(h, target, tc.ct, tc.body))
				assert.Equal(t, "csv", out.Format)
				assert.Empty(t, out.Sheet)
				jsonEqual(t, []byte(body), out.List, "the list read back")
				assert.Empty(t, locatedOf(out.Errors))
				assert.True(t, out.Valid)
			})
		}
	}

	t.Run("without the header fields", func(t *testing.T) {
		out := readImport01(t, postFile(h, "/v1/forms/01/import", "text/csv", exported(t, h, "01", "csv", contractList01)))
		assert.False(t, out.Valid)
		assert.ElementsMatch(t, []located{
			{"/commune_code", 0, "", "", "required"},
			{"/commune_name", 0, "", "", "required"}, {"/period", 0, "", "", "required"},
			{"/prepared_on", 0, "", "", "required"}, {"/prepared_by", 0, "", "", "required"},
			{"/certified_by", 0, "", "", "required"},
		}, locatedOf(out.Errors))
		jsonEqual(t, []byte(list01(t, set("/province", ""), set("/commune_code", ""), set("/commune_name", ""),
			set("/period", nil), set("/prepared_on", nil), set("/prepared_by", ""), set("/certified_by", ""))), out.List, "the list read back")
	})

	t.Run("a malformed header parameter", func(t *testing.T) {
		q := headerQuery(t, contractList01, forms.Header01)
		q = strings.Replace(q, "period=2026-11", "period=2026-13", 1)
		out := readImport01(t, postFile(h, "/v1/forms/01/import?"+q, "text/csv", exported(t, h, "01", "csv", contractList01)))
		assert.Equal(t, []located{{"/period", 0, "", "", "invalid_period"}}, locatedOf(out.Errors))
	})
}

// A cell that cannot be read is a 200 with valid false and a problem naming
// the pointer, the row, the column and the cell.
func TestForm01ImportCSVBadCell(t *testing.T) {
	h := newHandler(httpapi.Options{})
	file := string(exported(t, h, "01", "csv", contractList01))
	require.Contains(t, file, "02/03/1988")
	target := "/v1/forms/01/import?" + headerQuery(t, contractList01, forms.Header01)

	for _, tc := range []struct {
		name, from, to string
		want           []located
	}{
		{"date of birth 31/02", "02/03/1988", "31/02/1988", []located{{"/rows/0/date_of_birth", 2, "C", "C2", "invalid_date"}}},
		{"date of birth text", "02/03/1988", "hai tháng ba", []located{{"/rows/0/date_of_birth", 2, "C", "C2", "invalid_date"}}},
		{"sex", ",Nam,", ",Trai,", []located{{"/rows/0/sex", 2, "D", "D2", "invalid_enum"}}},
		{"amount", "50000000", "50tr", []located{{"/rows/0/amount", 2, "L", "L2", "not_integer"}}},
		{"ID number with a letter", "012088004512", "01208800451X", []located{{"/rows/0/id_number", 2, "E", "E2", "invalid_id_number"}}},
		{"ID number year (a validation problem, located)", "012088004512", "012089004512", []located{{"/rows/0/id_number", 2, "E", "E2", "id_birth_mismatch"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Contains(t, file, tc.from)
			bad := strings.Replace(file, tc.from, tc.to, 1)
			out := readImport01(t, postFile(h, target, "text/csv", []byte(bad)))
			assert.False(t, out.Valid)
			assert.Equal(t, 1, out.Rows)
			assert.Equal(t, tc.want, locatedOf(out.Errors))
			for _, e := range out.Errors {
				assert.NotContains(t, e.Detail, tc.to)
				assert.NotContains(t, e.DetailEN, tc.to)
			}
		})
	}
}

// A problem found by the validation of an imported workbook names its cell.
func TestForm01ImportXLSXLocatesProblems(t *testing.T) {
	h := newHandler(httpapi.Options{})
	l := contractList(t)
	l.Rows = append(l.Rows, l.Rows[0]) // the same person twice: not exportable through the API
	l.Rows[0].Amount = 100_000_001
	var buf bytes.Buffer
	require.NoError(t, xlsx.Write01(&buf, &l))

	out := readImport01(t, postFile(h, "/v1/forms/01/import", mediaTypes["xlsx"], buf.Bytes()))
	assert.False(t, out.Valid)
	assert.Equal(t, 2, out.Rows)
	byPointer := map[string]located{}
	for _, e := range locatedOf(out.Errors) {
		byPointer[e.Pointer] = e
	}
	amount, dup := byPointer["/rows/0/amount"], byPointer["/rows/1/id_number"]
	assert.Equal(t, "above_cap", amount.Code)
	assert.Equal(t, "L", amount.Column)
	assert.Equal(t, "duplicate_id_number", dup.Code)
	assert.Equal(t, "E", dup.Column)
	assert.Positive(t, amount.Row)
	assert.Equal(t, amount.Row+1, dup.Row, "the second row is the next row of the sheet")
	assert.Equal(t, "E"+strconv.Itoa(dup.Row), dup.Cell)
}

// contractList is the contract's list as a forms.List01.
func contractList(t testing.TB) forms.List01 {
	d := func(s string) credit.Date {
		v, err := credit.ParseDate(s)
		require.NoError(t, err)
		return v
	}
	return forms.List01{
		Province: "Lai Châu", CommuneCode: "03424", CommuneName: "Xã Bản Bo",
		Period: forms.Period{Year: 2026, Month: time.November}, PreparedOn: d("2026-11-05"),
		PreparedBy: "Trưởng Công an xã", CertifiedBy: "Chủ tịch UBND xã",
		Rows: []forms.Row01{{
			FullName: exampleName, DateOfBirth: d("1988-03-02"), Sex: forms.Male,
			IDNumber: exampleID, Residence: "Bản Nà Bó, xã Bản Bo",
			ReleaseBasis: eligibility.Completion, CertificateNo: "45/GCN", CertificateDate: d("2022-03-15"),
			CompletedOn: d("2022-03-15"), Purpose: credit.Production, Amount: 50_000_000,
		}},
	}
}

// A file that is not a spreadsheet or CSV of the form is a 422 not_a_form.
func TestFormImportNotAForm(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rnd := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(r.Uint32())
	}
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89")
	noFile, noFileType := multipartBody(t, multipartPart{name: "other", filename: "mau.csv", content: exported(t, h, "01", "csv", contractList01)})
	fieldOnly, fieldOnlyType := multipartBody(t, multipartPart{name: "file", content: []byte("not a file")})
	empty, emptyType := multipartBody(t)
	for _, tc := range []struct {
		name, ct string
		body     []byte
	}{
		{"random bytes", "application/octet-stream", rnd},
		{"a PNG header", "application/octet-stream", png},
		{"an empty body", "", nil},
		{"blank lines", "text/csv", []byte("\r\n\r\n \r\n")},
		{"a zip header and garbage", mediaTypes["xlsx"], []byte("PK\x03\x04 garbage garbage garbage")},
		{"a CSV of something else", "text/csv", []byte("a,b,c\r\n1,2,3\r\n")},
		{"JSON", "text/csv", []byte(contractList01)},
		{"UTF-16 text", "text/csv", []byte("\xff\xfeS\x00T\x00T\x00")},
		{"multipart without a file part", noFileType, noFile},
		{"multipart with a file field that is not a form", fieldOnlyType, fieldOnly},
		{"multipart with no parts", emptyType, empty},
		{"multipart with a broken body", "multipart/form-data; boundary=xyz", []byte("--abc\r\nnot multipart")},
		{"multipart without a boundary", "multipart/form-data", []byte("--abc\r\n")},
	} {
		for _, form := range []string{"01", "02"} {
			t.Run(form+"/"+tc.name, func(t *testing.T) {
				rec := postFile(h, "/v1/forms/"+form+"/import", tc.ct, tc.body)
				p := readProblem(t, rec, http.StatusUnprocessableEntity)
				assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
				assert.Equal(t, []at{{"", "not_a_form"}}, p.at(), "body: %s", rec.Body)
			})
		}
	}
}

// Each import takes its own form only: the other form's file is not_a_form.
func TestFormImportTheOtherForm(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct{ from, to, format string }{
		{"01", "02", "csv"}, {"02", "01", "csv"}, {"01", "02", "xlsx"}, {"02", "01", "xlsx"},
	} {
		t.Run(tc.from+"→"+tc.to+"/"+tc.format, func(t *testing.T) {
			body := contractList01
			if tc.from == "02" {
				body = plan02(t)
			}
			file := exported(t, h, tc.from, tc.format, body)
			rec := postFile(h, "/v1/forms/"+tc.to+"/import", mediaTypes[tc.format], file)
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, []at{{"", "not_a_form"}}, p.at())
		})
	}
}

// A file above MaxUploadBytes is a 413, whether its length is announced,
// chunked or in a multipart body; the limit of the other routes does not
// apply to imports, nor the import limit to them.
func TestFormImportTooLarge(t *testing.T) {
	big := newHandler(httpapi.Options{})
	file := exported(t, big, "01", "xlsx", contractList01)
	csvFile := exported(t, big, "01", "csv", contractList01)
	limit := int64(len(file)/2) | 1 // odd: written in bytes, not KiB
	h := newHandler(httpapi.Options{MaxUploadBytes: limit})
	mp, mpType := multipartBody(t, multipartPart{name: "file", filename: "mau.xlsx", content: file})
	bigCSV := append(bytes.Clone(csvFile), bytes.Repeat([]byte("\r\n"), int(limit))...)

	chunked := func(ct string, b []byte) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/v1/forms/01/import", unknownLength{bytes.NewReader(b)})
		r.ContentLength = -1
		r.TransferEncoding = []string{"chunked"}
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		return r
	}
	withLength := func(ct string, b []byte) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/v1/forms/01/import", bytes.NewReader(b))
		r.Header.Set("Content-Type", ct)
		return r
	}
	for _, tc := range []struct {
		name string
		req  *http.Request
	}{
		{"xlsx, content-length", withLength(mediaTypes["xlsx"], file)},
		{"xlsx, chunked", chunked(mediaTypes["xlsx"], file)},
		{"csv, chunked", chunked("text/csv", bigCSV)},
		{"multipart, content-length", withLength(mpType, mp)},
		{"multipart, chunked", chunked(mpType, mp)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, tc.req)
			p := readProblem(t, rec, http.StatusRequestEntityTooLarge)
			assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
			assert.Contains(t, p.DetailEN, strconv.FormatInt(limit, 10)+" bytes", "the detail names the upload limit")
		})
	}

	// Every forms route takes the upload limit, so that an imported list of
	// many rows can be sent back to validate or export as it is; the other
	// routes keep the body limit.
	t.Run("validate takes the upload limit", func(t *testing.T) {
		small := newHandler(httpapi.Options{MaxUploadBytes: 64})
		require.Greater(t, len(contractList01), 64)
		p := readProblem(t, postForm(small, "/v1/forms/01/validate", contractList01), http.StatusRequestEntityTooLarge)
		assert.Contains(t, p.DetailEN, "64 bytes")
	})
	t.Run("forms routes are not bound by the body limit", func(t *testing.T) {
		small := newHandler(httpapi.Options{MaxBodyBytes: 256})
		require.Greater(t, len(file), 256)
		readImport01(t, postFile(small, "/v1/forms/01/import", mediaTypes["xlsx"], file))
		rec := postForm(small, "/v1/forms/01/validate", richList01(t))
		require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
		p := readProblem(t, post(small, individualBody(t)), http.StatusRequestEntityTooLarge)
		assert.Contains(t, p.DetailEN, "256 bytes")
	})
}

// A file of more rows than forms.MaxRows is a 413.
func TestFormImportTooManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("a file of 100,001 rows")
	}
	h := newHandler(httpapi.Options{})
	// The shortest rows that are not skipped: the headings of more than
	// half of the columns, then a name in each row.
	head := "STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận\n"
	for _, tc := range []struct{ form, head string }{
		{"01", head},
		{"02", "STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Số hợp đồng lao động\n"}, // a column only Mẫu 02 has
	} {
		t.Run(tc.form, func(t *testing.T) {
			var b bytes.Buffer
			b.Grow(len(tc.head) + 4*(forms.MaxRows+1))
			b.WriteString(tc.head)
			for range forms.MaxRows + 1 {
				b.WriteString(",a\n")
			}
			rec := postFile(h, "/v1/forms/"+tc.form+"/import", "text/csv", b.Bytes())
			p := readProblem(t, rec, http.StatusRequestEntityTooLarge)
			assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
			assert.Contains(t, p.DetailEN, "too many rows")
		})
	}
}

func TestForm02ImportRoundTrip(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for name, body := range map[string]string{"one worker": plan02(t), "two workers": plan02(t, set("/workers/1", obj(t, exampleWorker02)))} {
		t.Run(name+"/xlsx", func(t *testing.T) {
			file := exported(t, h, "02", "xlsx", body)
			mp, mpType := multipartBody(t, multipartPart{name: "file", filename: "mau-so-02.xlsx", content: file})
			for _, out := range []import02Out{
				readImport02(t, postFile(h, "/v1/forms/02/import", mediaTypes["xlsx"], file)),
				readImport02(t, postFile(h, "/v1/forms/02/import", mpType, mp)),
			} {
				assert.Equal(t, "xlsx", out.Format)
				assert.Equal(t, xlsx.Sheet02, out.Sheet)
				jsonEqual(t, []byte(body), out.Plan, "the plan read back")
				assert.Empty(t, locatedOf(out.Errors))
				assert.True(t, out.Valid)
			}
		})
		t.Run(name+"/csv", func(t *testing.T) {
			file := exported(t, h, "02", "csv", body)
			require.True(t, bytes.HasPrefix(file, []byte("\xef\xbb\xbf")))
			out := readImport02(t, postFile(h, "/v1/forms/02/import?"+headerQuery(t, body, forms.Header02), "text/csv", file))
			assert.Equal(t, "csv", out.Format)
			jsonEqual(t, []byte(body), out.Plan, "the plan read back")
			assert.Empty(t, locatedOf(out.Errors))
			assert.True(t, out.Valid)
			assert.Equal(t, strings.Count(body, `"full_name"`), out.Workers)
		})
	}

	t.Run("a bad cell", func(t *testing.T) {
		file := string(exported(t, h, "02", "csv", plan02(t)))
		require.Contains(t, file, ",Có,")
		bad := strings.Replace(file, ",Có,", ",Có lẽ,", 1)
		out := readImport02(t, postFile(h, "/v1/forms/02/import?"+headerQuery(t, plan02(t), forms.Header02), "text/csv", []byte(bad)))
		assert.False(t, out.Valid)
		assert.Equal(t, []located{{"/workers/0/on_commune_list", 2, "I", "I2", "invalid_enum"}}, locatedOf(out.Errors))
	})
}

// Only POST is served on the form routes.
func TestFormEndpointsArePostOnly(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, path := range []string{"/v1/forms/01/validate", "/v1/forms/01/export", "/v1/forms/01/import",
		"/v1/forms/02/validate", "/v1/forms/02/export", "/v1/forms/02/import"} {
		rec := do(h, http.MethodGet, path, "")
		readProblem(t, rec, http.StatusMethodNotAllowed)
		assert.Equal(t, "POST", rec.Header().Get("Allow"), path)
	}
	readProblem(t, do(h, http.MethodPost, "/v1/forms/03/validate", contractList01), http.StatusNotFound)
}

// ---- personal data ----

// Names, ID numbers and the other values of a list never reach the log,
// whatever the route, the status or the query.
func TestFormsLogsHoldNoPersonalData(t *testing.T) {
	var buf bytes.Buffer
	h := newHandler(httpapi.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	plain := newHandler(httpapi.Options{})
	xlsxFile := exported(t, plain, "01", "xlsx", contractList01)
	csvFile := exported(t, plain, "01", "csv", contractList01)
	badCSV := bytes.Replace(csvFile, []byte("02/03/1988"), []byte("31/02/1988"), 1)
	mp, mpType := multipartBody(t, multipartPart{name: "file", filename: exampleName + ".xlsx", content: xlsxFile})
	query := headerQuery(t, contractList01, forms.Header01)

	type request struct {
		target, ct string
		body       []byte
		status     int
	}
	requests := []request{
		{"/v1/forms/01/validate", "application/json", []byte(contractList01), http.StatusOK},
		{"/v1/forms/01/validate", "application/json", []byte(list01(t, set("/rows/1", obj(t, contractRow01)), set("/rows/0/id_number", "01208800451X"))), http.StatusUnprocessableEntity},
		{"/v1/forms/01/validate", "application/json", []byte(list01(t, set("/rows/0/"+exampleID, true))), http.StatusBadRequest},
		{"/v1/forms/01/validate", "application/json", []byte(contractList01 + " garbage " + exampleName), http.StatusBadRequest},
		{"/v1/forms/01/export?format=xlsx", "application/json", []byte(contractList01), http.StatusOK},
		{"/v1/forms/01/export?format=csv", "application/json", []byte(contractList01), http.StatusOK},
		{"/v1/forms/01/export?format=html", "application/json", []byte(contractList01), http.StatusOK},
		{"/v1/forms/01/export?format=" + url.QueryEscape(exampleName), "application/json", []byte(contractList01), http.StatusBadRequest},
		{"/v1/forms/01/import", mediaTypes["xlsx"], xlsxFile, http.StatusOK},
		{"/v1/forms/01/import", mpType, mp, http.StatusOK},
		{"/v1/forms/01/import?" + query, "text/csv", csvFile, http.StatusOK},
		{"/v1/forms/01/import?" + query, "text/csv", badCSV, http.StatusOK},
		{"/v1/forms/01/import", "text/csv", []byte(exampleName + "," + exampleID + "\n"), http.StatusUnprocessableEntity},
		{"/v1/forms/02/validate", "application/json", []byte(plan02(t)), http.StatusOK},
		{"/v1/forms/02/export?format=csv", "application/json", []byte(plan02(t)), http.StatusOK},
	}
	for _, r := range requests {
		req := httptest.NewRequest(http.MethodPost, r.target, bytes.NewReader(r.body))
		req.Header.Set("Content-Type", r.ct)
		req.Header.Set("X-Request-Id", exampleID)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, r.status, rec.Code, "%s: %.300s", r.target, rec.Body)
	}

	log := buf.String()
	require.NotEmpty(t, log)
	for _, secret := range []string{exampleName, exampleID, "Lò", "Hùng", "012088", "45/GCN", "1988-03-02", "02/03/1988",
		"31/02/1988", "2022-03-15", "Bản Nà Bó", "Trưởng Công an", "Chủ tịch", "Hợp tác xã", "Đèo Văn Thắng", "01208800451X", "garbage"} {
		assert.NotContains(t, log, secret)
	}
	for _, s := range []string{exampleName, "Trưởng Công an xã"} {
		esc, _ := json.Marshal(s)
		assert.NotContains(t, log, strings.Trim(string(esc), `"`))
		assert.NotContains(t, log, url.QueryEscape(s))
	}

	lines := strings.Split(strings.TrimSpace(log), "\n")
	require.Len(t, lines, len(requests), "one line per request")
	for i, line := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		assert.True(t, strings.HasPrefix(entry["route"].(string), "/v1/forms/"), line)
		assert.NotContains(t, entry["route"], "?", "the route pattern, not the query")
		assert.Equal(t, strconv.Itoa(requests[i].status), jsonNumber(entry["status"]), line)
	}
}

// No problem detail repeats a value that was sent.
func TestFormProblemsDoNotEchoValues(t *testing.T) {
	h := newHandler(httpapi.Options{})
	long := strings.Repeat("Ỹ", 101)
	for _, tc := range []struct {
		name   string
		target string
		body   string
		secret []string
	}{
		{"bad values", "/v1/forms/01/validate", list01(t,
			set("/rows/0/id_number", "999088004512"), set("/period", "2026-13"), set("/rows/0/date_of_birth", "1988-02-30"),
			set("/rows/0/sex", "nam giới"), set("/rows/0/purpose", "nhà ở"), set("/rows/0/amount", "12345678901234567890"),
			set("/rows/0/full_name", long), set("/commune_code", "ABCDEFGHIJKLM"), set("/rows/0/release_basis", "tha tù")),
			[]string{"999088004512", "2026-13", "1988-02-30", "nam giới", "nhà ở", "12345678901234567890", "ỸỸ", "ABCDEFGHIJKLM", "tha tù"}},
		{"rule problems", "/v1/forms/01/validate", list01(t, set("/rows/1", obj(t, contractRow01)), set("/rows/0/sex", "female"), set("/rows/0/amount", "123456789")),
			[]string{exampleName, exampleID, "123456789", "123.456.789"}},
		{"an unknown field named like a person", "/v1/forms/01/validate", list01(t, set("/rows/0/"+exampleName, 1), set("/"+exampleID, 1)),
			[]string{exampleName, exampleID}},
		{"a wrong type", "/v1/forms/01/validate", list01(t, set("/rows", "Lò Văn Hùng 012088004512")), []string{exampleName, exampleID}},
		{"a plan", "/v1/forms/02/validate", plan02(t, set("/name", strings.Repeat("Cơ sở ", 40)), set("/workers/0/id_number", "099088004512"), set("/kind", "Hộ kinh doanh")),
			[]string{"Cơ sở", "099088004512", "Hộ kinh doanh"}},
		{"an export", "/v1/forms/01/export?format=xlsx", list01(t, set("/rows/0/id_number", "012088004513"), set("/rows/0/sex", "female")),
			[]string{"012088004513", exampleName}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := postForm(h, tc.target, tc.body)
			require.Contains(t, []int{http.StatusBadRequest, http.StatusUnprocessableEntity}, rec.Code, "body: %s", rec.Body)
			for _, s := range tc.secret {
				assert.NotContains(t, rec.Body.String(), s)
			}
		})
	}
}
