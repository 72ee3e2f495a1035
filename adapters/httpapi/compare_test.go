package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// The books of the one-year review (openapi.json's one_year_review): three
// loans on 2024-09-30; a year later L1 and L2 owe less, L3 is repaid and L4
// is new.
const (
	cmpHeader    = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n"
	cmpBeforeCSV = cmpHeader +
		"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n" +
		"L2,03424,establishment,production,local,direct,2024-03-01,500000000,450000000,0,6\n" +
		"L3,03430,individual,vocational_training,central,womens_union,2024-06-15,40000000,40000000,0,0\n"
	cmpAfterCSV = cmpHeader +
		"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,50000000,5000000,1\n" +
		"L2,03424,establishment,production,local,direct,2024-03-01,500000000,300000000,0,6\n" +
		"L3,03430,individual,vocational_training,central,womens_union,2024-06-15,40000000,0,0,0\n" +
		"L4,03433,individual,production,central,youth_union,2025-03-10,50000000,45000000,0,1\n"
)

// csvBook turns a loan-book CSV file of plain cells into the JSON body of
// the same book on asOf.
func csvBook(asOf, file string) map[string]any {
	lines := strings.Split(strings.TrimSpace(file), "\n")
	names := strings.Split(lines[0], ",")
	loans := []map[string]any{}
	for _, l := range lines[1:] {
		loan := map[string]any{}
		for i, v := range strings.Split(l, ",") {
			loan[names[i]] = v
			if names[i] == "jobs" {
				loan[names[i]] = json.Number(v)
			}
		}
		loans = append(loans, loan)
	}
	return map[string]any{"as_of": asOf, "loans": loans}
}

type cmpPart struct{ name, file string }

// postCompareCSV posts the files as a multipart body to
// /v1/reports/compare<query>.
func postCompareCSV(t *testing.T, h http.Handler, query string, parts ...cmpPart) *httptest.ResponseRecorder {
	t.Helper()
	ps := make([]multipartPart, len(parts))
	for i, p := range parts {
		ps[i] = multipartPart{name: p.name, filename: p.name + ".csv", content: []byte(p.file)}
	}
	body, ct := multipartBody(t, ps...)
	return postFile(h, "/v1/reports/compare"+query, ct, body)
}

type cmpFlowOut struct {
	Loans  int    `json:"loans"`
	Amount string `json:"amount"`
}

type cmpChangeOut struct {
	CommuneCode string     `json:"commune_code"`
	Before      figuresOut `json:"before"`
	After       figuresOut `json:"after"`
	Growth      string     `json:"growth"`
	GrowthPct   string     `json:"growth_pct"`
	New         cmpFlowOut `json:"new"`
	Repaid      cmpFlowOut `json:"repaid"`
}

type cmpOut struct {
	Before    string         `json:"before"`
	After     string         `json:"after"`
	Totals    cmpChangeOut   `json:"totals"`
	ByCommune []cmpChangeOut `json:"by_commune"`
}

func readComparison(t *testing.T, rec *httptest.ResponseRecorder) cmpOut {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	var c cmpOut
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&c))
	return c
}

// The same books give the same comparison as JSON and as two CSV files.
// Outstanding 570 → 395 (millions): −175, −30.70 % (−175/570 =
// −30.7017…); L4 new (50 disbursed); L3 repaid (40 outstanding before).
func TestCompare(t *testing.T) {
	h := newHandler(httpapi.Options{})
	fromJSON := readComparison(t, postReport(h, "compare", "", cmpJSONBody))
	fromCSV := readComparison(t, postCompareCSV(t, h, "?before_as_of=2024-09-30&after_as_of=2025-09-30",
		cmpPart{"before", cmpBeforeCSV}, cmpPart{"note", "skipped"}, cmpPart{"after", cmpAfterCSV}))
	assert.Equal(t, fromJSON, fromCSV)

	c := fromJSON
	assert.Equal(t, "2024-09-30", c.Before)
	assert.Equal(t, "2025-09-30", c.After)
	assert.Equal(t, cmpChangeOut{
		Before:    figuresOut{Loans: 3, Disbursed: "640000000", Outstanding: "570000000", Overdue: "0", OverdueRatioPct: "0.00", Jobs: 7},
		After:     figuresOut{Loans: 4, Disbursed: "690000000", Outstanding: "395000000", Overdue: "5000000", OverdueRatioPct: "1.27", Jobs: 8},
		Growth:    "-175000000",
		GrowthPct: "-30.70",
		New:       cmpFlowOut{1, "50000000"},
		Repaid:    cmpFlowOut{1, "40000000"},
	}, c.Totals)
	require.Len(t, c.ByCommune, 3)
	codes := []string{c.ByCommune[0].CommuneCode, c.ByCommune[1].CommuneCode, c.ByCommune[2].CommuneCode}
	assert.Equal(t, []string{"03424", "03430", "03433"}, codes)
	assert.Equal(t, "-180000000", c.ByCommune[0].Growth) // 530 → 350
	assert.Equal(t, "-33.96", c.ByCommune[0].GrowthPct)  // −180/530 = −33.962…
	assert.Equal(t, cmpFlowOut{1, "40000000"}, c.ByCommune[1].Repaid)
	assert.Equal(t, "0", c.ByCommune[2].GrowthPct) // nothing before
	assert.Equal(t, cmpFlowOut{1, "50000000"}, c.ByCommune[2].New)

	// The table: by commune as CSV, with a totals row in the workbook.
	recs := readCSVFile(t, postReport(h, "compare", "?format=csv", cmpJSONBody), "so-sanh-2024-09-30-2025-09-30.csv")
	require.Len(t, recs, 4)
	assert.Equal(t, []string{"03424", "2", "530000000", "2", "350000000", "-180000000", "-33.96", "0", "0", "0", "0", "0", "5000000"}, recs[1])
	sheets := readXLSXReport(t, postReport(h, "compare", "?format=xlsx", cmpJSONBody), "so-sanh-2024-09-30-2025-09-30.xlsx")
	require.Equal(t, []string{"So sánh"}, sheetNames(sheets))
	rows := sheets[0].rows
	require.Len(t, rows, 3+3+1, "title, blank, headings, 3 communes, totals")
	assert.Equal(t, "Tổng cộng", rows[6][0])
	assert.Equal(t, "-175000000", rows[6][5])
}

func TestCompareProblems(t *testing.T) {
	h := newHandler(httpapi.Options{})
	badAfter := strings.Replace(cmpAfterCSV, "50000000,5000000,1", "50000000,60000000,1", 1) // overdue > outstanding, line 2
	for _, tc := range []struct {
		name  string
		query string
		parts []cmpPart
		want  []at
	}{
		{"no dates", "", []cmpPart{{"before", cmpBeforeCSV}, {"after", cmpAfterCSV}},
			[]at{{"/before/as_of", "required"}, {"/after/as_of", "required"}}},
		{"not a date", "?before_as_of=2024-09-30&after_as_of=2025-02-29", []cmpPart{{"before", cmpBeforeCSV}, {"after", cmpAfterCSV}},
			[]at{{"/after/as_of", "invalid_date"}}},
		{"later date first", "?before_as_of=2024-09-30&after_as_of=2024-09-29", []cmpPart{{"before", cmpBeforeCSV}, {"after", cmpAfterCSV}},
			[]at{{"/after/as_of", "out_of_range"}}},
		{"no later file", "?before_as_of=2024-09-30&after_as_of=2025-09-30", []cmpPart{{"before", cmpBeforeCSV}},
			[]at{{"/after", "invalid_multipart"}}},
		{"no files", "?before_as_of=2024-09-30&after_as_of=2025-09-30", nil,
			[]at{{"/before", "invalid_multipart"}, {"/after", "invalid_multipart"}}},
		{"later file first", "?before_as_of=2024-09-30&after_as_of=2025-09-30", []cmpPart{{"after", cmpAfterCSV}, {"before", cmpBeforeCSV}},
			[]at{{"/before", "invalid_multipart"}, {"/after", "invalid_multipart"}}},
		{"a wrong header, and the later file still read", "?before_as_of=2024-09-30&after_as_of=2025-09-30",
			[]cmpPart{{"before", "id,amount\nL1,5\n"}, {"after", badAfter}},
			[]at{{"/before", "invalid_csv_header"}, {"/after/loans/0/overdue", "exceeds_outstanding"}}},
		{"problems in both, dates in the wrong order", "?before_as_of=2025-09-30&after_as_of=2024-09-30",
			[]cmpPart{{"before", cmpBeforeCSV + "L3,03430,individual,production,central,direct,2024-06-15,1,1,0,0\n"}, {"after", badAfter}},
			[]at{{"/before/loans/3/loan_id", "duplicate_loan_id"}, {"/after/loans/0/overdue", "exceeds_outstanding"},
				{"/after/as_of", "out_of_range"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postCompareCSV(t, h, tc.query, tc.parts...), http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
		})
	}
	t.Run("not multipart", func(t *testing.T) {
		p := readProblem(t, postFile(h, "/v1/reports/compare?before_as_of=2024-09-30&after_as_of=2025-09-30",
			"multipart/form-data", []byte(cmpBeforeCSV)), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"/before", "invalid_multipart"}}, p.at())
	})
	t.Run("JSON", func(t *testing.T) {
		for _, tc := range []struct {
			name, body string
			want       []at
		}{
			{"empty object", `{}`, []at{{"/before/as_of", "required"}, {"/after/as_of", "required"}}},
			{"books not objects", `{"before": 1, "after": []}`, []at{{"/after", "invalid_type"}, {"/before", "invalid_type"}}}, // the decoder's order
			{"a loan not an object", `{"before": {"as_of": "2024-09-30", "loans": [1]}, "after": {"as_of": "2025-09-30"}}`,
				[]at{{"/before/loans/0", "invalid_type"}}},
			{"a bad amount and the dates", `{"before": {"as_of": "2025-09-30", "loans": [{"loan_id": "L1", "commune_code": "03424",
				"borrower_kind": "individual", "purpose": "production", "capital_source": "central", "channel": "direct",
				"disbursed_on": "2024-01-10", "amount": "-5", "outstanding": "0", "overdue": "0", "jobs": 0}]},
				"after": {"as_of": "2024-09-30"}}`,
				[]at{{"/before/loans/0/amount", "negative"}, {"/after/as_of", "out_of_range"}}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				p := readProblem(t, postReport(h, "compare", "", tc.body), http.StatusUnprocessableEntity)
				assert.Equal(t, tc.want, p.at())
			})
		}
		p := readProblem(t, postReport(h, "compare", "", `{"before": {"as_of": "2024-09-30", "loan": []}}`), http.StatusBadRequest)
		assert.Equal(t, []at{{"/before/loan", "unknown_field"}}, p.at())
	})
	t.Run("too large", func(t *testing.T) {
		small := newHandler(httpapi.Options{MaxUploadBytes: 1 << 10})
		rec := postCompareCSV(t, small, "?before_as_of=2024-09-30&after_as_of=2025-09-30",
			cmpPart{"before", cmpBeforeCSV + strings.Repeat(strings.SplitAfter(cmpBeforeCSV, "\n")[1], 20)}, cmpPart{"after", cmpAfterCSV})
		readProblem(t, rec, http.StatusRequestEntityTooLarge)
	})
}

// xlsxSheet is a sheet of a workbook answer: its name and its rows as raw
// values (numbers in digits, dates as serials).
type xlsxSheet struct {
	name string
	rows [][]string
}

func sheetNames(sheets []xlsxSheet) []string {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.name
	}
	return names
}

// readXLSXReport checks that rec is a workbook file named filename and
// returns its sheets.
func readXLSXReport(t *testing.T, rec *httptest.ResponseRecorder, filename string) []xlsxSheet {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %.500s", rec.Body)
	assert.Equal(t, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", rec.Header().Get("Content-Type"))
	checkFileHeaders(t, rec, filename)
	f, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	require.NoError(t, err)
	defer f.Close()
	var out []xlsxSheet
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
		require.NoError(t, err)
		out = append(out, xlsxSheet{name, rows})
	}
	return out
}

var dateCell = regexp.MustCompile(`^[0-9]{2}/[0-9]{2}/[0-9]{4}$`)

// Every report is also a workbook: a sheet per table, the first the CSV
// table with a totals row.
func TestReportsXLSX(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		route, body, file string
		sheets            []string
		totals            []string // the first sheet's totals row, or nil
	}{
		{"portfolio", contractPortfolio, "du-no-2026-09-30.xlsx",
			[]string{"Theo xã", "Theo mục đích", "Theo đối tượng", "Theo nguồn vốn", "Theo kênh"},
			[]string{"Tổng cộng", "3", "640000000", "570000000", "20000000", "3.51", "7"}},
		{"monthly-lists", monthlyContractRequest, "danh-sach-thang-2026-11.xlsx",
			[]string{"Theo xã", "Theo mục đích", "Chưa gửi, gửi trễ", "Trùng người"}, []string{"Tổng cộng", "3", "104000000"}},
		{"demand-review", demandReviewRequest, "ra-soat-nhu-cau-2026.xlsx",
			[]string{"Theo xã", "Theo mục đích", "Cân đối vốn"}, nil},
		{"plan", `{"on": "2024-01-10"}`, "ke-hoach-2024-01-10.xlsx", []string{"Kế hoạch"}, nil},
	} {
		t.Run(tc.route, func(t *testing.T) {
			sheets := readXLSXReport(t, postReport(h, tc.route, "?format=xlsx", tc.body), tc.file)
			require.Equal(t, tc.sheets, sheetNames(sheets))
			csvRecs := readCSVFile(t, postReport(h, tc.route, "?format=csv", tc.body), strings.Replace(tc.file, ".xlsx", ".csv", 1))
			rows := sheets[0].rows
			require.GreaterOrEqual(t, len(rows), 2+len(csvRecs))
			assert.NotEmpty(t, rows[0][0], "a title")
			assert.Equal(t, csvRecs[0], rows[2], "the headings are the CSV's")
			for i, rec := range csvRecs[1:] {
				got := rows[3+i]
				for len(got) < len(rec) && rec[len(got)] == "" {
					got = append(got, "") // a workbook stores no trailing empty cell
				}
				require.Len(t, got, len(rec), "row %d", i)
				for j, cell := range rec {
					if dateCell.MatchString(cell) { // a serial in the workbook
						assert.NotEqual(t, cell, got[j])
						continue
					}
					assert.Equal(t, strings.TrimSuffix(strings.TrimSuffix(cell, ".00"), "0"), strings.TrimSuffix(got[j], "0"),
						"row %d cell %d", i, j)
				}
			}
			if tc.totals != nil {
				last := rows[len(rows)-1]
				assert.Equal(t, tc.totals[:len(tc.totals)], last[:len(tc.totals)])
			}
		})
	}
}
