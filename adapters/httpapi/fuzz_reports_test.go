package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// portfolioSeed is a seed of FuzzPortfolio: a body, and whether it is sent
// as a CSV file (Content-Type text/csv, ?as_of=2026-09-30) or as JSON.
type portfolioSeed struct {
	body  string
	asCSV bool
}

// fuzzPortfolioSeeds are the seeds of FuzzPortfolio and fuzzMonthlySeeds
// those of FuzzMonthlyLists. The same seeds are stored as files in
// testdata/fuzz/<FuzzName>/ (seed-01 … seed-NN, in this order), so that
// `go test` replays them even without -fuzz; TestReportFuzzSeedFiles checks
// that the files and the lists agree, and `go test -run
// TestReportFuzzSeedFiles -update-fuzz-seeds` rewrites them.
var fuzzPortfolioSeeds = []portfolioSeed{
	// 01 the contract's loan book as JSON: valid, one loan after as_of.
	{contractPortfolio, false},
	// 02 the same as a CSV file.
	{contractPortfolioCSV, true},
	// 03 reordered columns, a BOM, CRLF, a blank line, a quoted cell.
	{contractPortfolioCSVReordered, true},
	// 04 every rule of the contract broken at once (JSON): 422.
	{`{"as_of":"2026-09-30","loans":[{"loan_id":"P1","commune_code":"03424","borrower_kind":"individual","purpose":"production","capital_source":"central","channel":"farmers_union","disbursed_on":"2024-01-10","amount":"100000000","outstanding":"80000000","overdue":"90000000","jobs":1},{"loan_id":"P2","commune_code":"03424","borrower_kind":"person","purpose":"fishing","capital_source":"state","channel":"bank","disbursed_on":"2024-01-10","amount":"-5","outstanding":"120000000","overdue":"0","jobs":1},{"loan_id":"P1","commune_code":"03430","borrower_kind":"individual","purpose":"production","capital_source":"central","channel":"direct","disbursed_on":"2024-02-01","amount":"100","outstanding":"101","overdue":"0","jobs":0}]}`, false},
	// 05 every rule broken in a CSV file, a short line, blank and bad cells: 422.
	{"loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
		"P1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,90000000,1\n" +
		"P2,03424,individual,production,central,farmers_union,2024-01-10,100000000,120000000,0,1\n" +
		"P3,03424,person,production,state,bank,2024-01-10,-5,0,0,1\n" +
		"P1,03430,individual,fishing,central,direct,2024-13-01,abc,,0,x\n" +
		"P7,03430,individual,production,central,direct,2024-02-01,100,100\n" +
		"P9,03433,individual,production,central,direct,2024-02-01,1000000000000001,0,0,2000000\n", true},
	// 06 wrong JSON types everywhere: 422.
	{`{"as_of":20260930,"loans":[5,"x",null,{"loan_id":1,"commune_code":true,"borrower_kind":[],"amount":{},"outstanding":1.5,"overdue":-1e400,"jobs":"1","disbursed_on":20240110}]}`, false},
	// 07 semicolons: not the header: 422.
	{strings.ReplaceAll(contractPortfolioCSV, ",", ";"), true},
	// 08 a truncated last line.
	{contractPortfolioCSV[:len(contractPortfolioCSV)-30], true},
	// 09 quoted cells, a cell over two lines, a quote in a cell.
	{"loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\r\n" +
		"\"L1\",\"03424\",individual,production,central,direct,2024-01-10,\"100\",\"100\",0,1\r\n" +
		"\"L\"\"2\",\"03\n199\",individual,production,central,direct,2024-01-10,1,1,1,0\r\n", true},
	// 10 a JSON body sent as CSV.
	{contractPortfolio, true},
	// 11 a CSV file sent as JSON: 400.
	{contractPortfolioCSV, false},
	// 12 nothing, as JSON.
	{"", false},
	// 13 nothing, as CSV.
	{"", true},
	// 14 the largest amounts: sums above 10^15 in one commune.
	{`{"as_of":"9999-12-31","loans":[{"loan_id":"A","commune_code":"1","borrower_kind":"establishment","purpose":"vocational_training","capital_source":"other","channel":"veterans_association","disbursed_on":"0001-01-01","amount":1000000000000000,"outstanding":"1000000000000000","overdue":"1000000000000000","jobs":1000000},{"loan_id":"B","commune_code":"1","borrower_kind":"establishment","purpose":"vocational_training","capital_source":"other","channel":"veterans_association","disbursed_on":"9999-12-31","amount":"1000000000000000","outstanding":"999999999999999","overdue":"0","jobs":0}]}`, false},
	// 15 a line that is not UTF-8, a NUL.
	{contractPortfolioCSV + "L\xff5,03424,individual,production,central,direct,2024-01-10,1,1,0,0\nL6,0\x0099,individual,production,central,direct,2024-01-10,1,1,0,0\n", true},
	// 16 commune codes that are markup or formulas.
	{`{"as_of":"2026-09-30","loans":[{"loan_id":"L1","commune_code":"<b>&\"'","borrower_kind":"individual","purpose":"production","capital_source":"central","channel":"direct","disbursed_on":"2024-01-10","amount":"1","outstanding":"1","overdue":"1","jobs":1},{"loan_id":"L2","commune_code":"=1+2","borrower_kind":"individual","purpose":"production","capital_source":"local","channel":"youth_union","disbursed_on":"2024-01-10","amount":"3","outstanding":"2","overdue":"0","jobs":0}]}`, false},
	// 17 the empty object: 422 (as_of).
	{`{}`, false},
	// 18 null.
	{`null`, false},
	// 19 unknown fields, one in capitals: 400.
	{`{"as_of":"2026-09-30","loans":[{"Loan_id":"L1","note":"x"}],"format":"csv"}`, false},
	// 20 escapes in keys and values.
	{"{\"as\\u005fof\":\"2026\\u002d09-30\",\"loans\":[{\"loan_id\":\"L\\u0031\",\"commune_code\":\"03424\",\"borrower_kind\":\"individu\\u0061l\",\"purpose\":\"production\",\"capital_source\":\"central\",\"channel\":\"direct\",\"disbursed_on\":\"2024-01-10\",\"amount\":\"1\\u0030\",\"outstanding\":\"10\",\"overdue\":\"0\",\"jobs\":0}]}", false},
}

var fuzzMonthlySeeds = []string{
	// 01 the contract's round: valid.
	monthlyContractRequest,
	// 02 a person listed by two communes; a commune not expected.
	`{"period":"2026-11","expected_communes":["03424"],"lists":[{"province":"Lai Châu","commune_code":"03424","commune_name":"Xã Bản Bo","period":"2026-11","prepared_on":"2026-11-05","prepared_by":"Trưởng Công an xã","certified_by":"Chủ tịch UBND xã","rows":[{"full_name":"Người Thử 000001","date_of_birth":"1971-03-02","sex":"female","id_number":"012171000001","residence":"Bản Thử","release_basis":"completion","certificate_no":"01/GCN","certificate_date":"2024-03-15","completed_on":"2024-03-15","purpose":"production","amount":"50000000","course_months":null,"note":""}]},{"province":"Lai Châu","commune_code":"03430","commune_name":"Xã Khun Há","period":"2026-11","prepared_on":"2026-11-30","prepared_by":"Trưởng Công an xã","certified_by":"Chủ tịch UBND xã","rows":[{"full_name":"Người Thử 000001","date_of_birth":"1971-03-02","sex":"female","id_number":"012171000001","residence":"Bản Thử","release_basis":"completion","certificate_no":"01/GCN","certificate_date":"2024-03-15","completed_on":"2024-03-15","purpose":"vocational_training","amount":"8000000","course_months":2,"note":""}]}]}`,
	// 03 every rule broken at once: 422.
	`{"period":"2026-11","expected_communes":["03424","03424",""],"lists":[{"province":"Lai Châu","commune_code":"03424","commune_name":"x","period":"2026-10","prepared_on":"2026-10-05","prepared_by":"y","certified_by":"z","rows":[{"full_name":"A","date_of_birth":"1971-03-02","sex":"male","id_number":"01217100000X","residence":"r","release_basis":"conditional_release","certificate_no":"1","certificate_date":"2024-03-15","completed_on":"2027-01-01","purpose":"production","amount":"100000001","course_months":3}]},{"commune_code":"03424","period":"2026-11","rows":[]}]}`,
	// 04 wrong JSON types everywhere: 422.
	`{"period":202611,"expected_communes":"03424","lists":[5,"x",null,{"commune_code":3199,"period":true,"prepared_on":[],"rows":{"a":1}},{"rows":[1,{"amount":true,"course_months":"6","id_number":12171000001}]}]}`,
	// 05 a period that is not a month.
	`{"period":"2026-13","expected_communes":[],"lists":[]}`,
	// 06 the empty object: 422.
	`{}`,
	// 07 null.
	`null`,
	// 08 no lists: every commune missing.
	`{"period":"2026-11","expected_communes":["03433","03424","03430"]}`,
	// 09 unknown fields: 400.
	`{"period":"2026-11","lists":[{"rows":[{"nickname":"x"}]}],"due_on":"2026-11-05"}`,
	// 10 escapes, invalid UTF-8, a NUL.
	"{\"period\":\"2026\\u002d11\",\"expected_communes\":[\"0342\\u0034\",\"\xff\xfe\",\"\\u0000\"],\"lists\":[]}",
	// 11 trailing data: 400.
	monthlyContractRequest + ` {"x":1}`,
}

func portfolioSeedFile(s portfolioSeed) string {
	return fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbool(%t)\n", []byte(s.body), s.asCSV)
}

// TestReportFuzzSeedFiles checks that the seed files of the report fuzzers
// are the seed lists, in the `go test fuzz v1` format.
func TestReportFuzzSeedFiles(t *testing.T) {
	files := map[string][]string{}
	for _, s := range fuzzPortfolioSeeds {
		files["FuzzPortfolio"] = append(files["FuzzPortfolio"], portfolioSeedFile(s))
	}
	for _, s := range fuzzMonthlySeeds {
		files["FuzzMonthlyLists"] = append(files["FuzzMonthlyLists"], fuzzSeedFile([]byte(s)))
	}
	for _, s := range fuzzCompareSeeds {
		files["FuzzCompare"] = append(files["FuzzCompare"], compareSeedFile(s))
	}
	for name, seeds := range files {
		dir := filepath.Join("testdata", "fuzz", name)
		for i, want := range seeds {
			file := filepath.Join(dir, fmt.Sprintf("seed-%02d", i+1))
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

// FuzzPortfolio posts arbitrary bytes to POST /v1/reports/portfolio, as a
// JSON body or as a CSV file (?as_of=2026-09-30): never a 500 or a panic, a
// problem that is complete (a located one with a consistent cell), and a
// 200 that is a well-formed loan book (breakdowns sorted, adding up to the
// totals, ratios by the contract's rule) whose totals are those of the
// loans sent that were disbursed on or before as_of.
func FuzzPortfolio(f *testing.F) {
	for _, s := range fuzzPortfolioSeeds {
		f.Add([]byte(s.body), s.asCSV)
	}
	h := httpapi.New(httpapi.Options{MaxUploadBytes: 32 << 10})
	f.Fuzz(func(t *testing.T, body []byte, asCSV bool) {
		req := httptest.NewRequest(http.MethodPost, "/v1/reports/portfolio?as_of=2026-09-30", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if asCSV {
			req.Header.Set("Content-Type", "text/csv")
		}
		rec := fuzzServe(t, h, req, body)
		if rec.Code != http.StatusOK {
			checkLocatedProblems(t, rec)
			if rec.Code == http.StatusBadRequest && asCSV {
				t.Fatalf("400 for a CSV file: %s", rec.Body)
			}
			return
		}
		var p portfolioOut
		strictJSON(t, rec.Body.Bytes(), &p)
		checkPortfolio(t, &p)
		var want bookSums
		if asCSV {
			want = csvBookSums(t, body, "2026-09-30")
		} else {
			want = jsonBookSums(t, body)
		}
		if p.AsOf != want.asOf || p.Totals.Loans != want.loans || p.Totals.Disbursed != want.disbursed.String() ||
			p.Totals.Outstanding != want.outstanding.String() || p.Totals.Overdue != want.overdue.String() {
			t.Fatalf("totals %+v on %s; the loans sent add up to %d loans, %s, %s, %s on %s\nbody: %q",
				p.Totals, p.AsOf, want.loans, &want.disbursed, &want.outstanding, &want.overdue, want.asOf, body)
		}
	})
}

// checkLocatedProblems checks the location of every problem of a 422: a
// cell is its column and row.
func checkLocatedProblems(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	var p locatedProblem
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatalf("problem: %v", err)
	}
	for _, e := range p.Errors {
		if (e.Row > 0 && e.Column != "") != (e.Cell != "") || e.Cell != "" && e.Cell != e.Column+fmt.Sprint(e.Row) || e.Row < 0 {
			t.Fatalf("cell %q, column %q, row %d: %s", e.Cell, e.Column, e.Row, rec.Body)
		}
	}
}

// bookSums are the totals a loan book must have, worked out from the
// request by the test itself.
type bookSums struct {
	asOf                            string
	loans                           int
	disbursed, outstanding, overdue big.Int
}

func (b *bookSums) add(t *testing.T, disbursedOn string, amount, outstanding, overdue string) {
	t.Helper()
	if disbursedOn > b.asOf {
		return
	}
	b.loans++
	for _, v := range []struct {
		sum *big.Int
		s   string
	}{{&b.disbursed, amount}, {&b.outstanding, outstanding}, {&b.overdue, overdue}} {
		n, ok := new(big.Int).SetString(v.s, 10)
		if !ok {
			t.Fatalf("200 for an amount %q", v.s)
		}
		v.sum.Add(v.sum, n)
	}
}

// jsonBookSums reads a JSON loan book the server accepted.
func jsonBookSums(t *testing.T, body []byte) bookSums {
	t.Helper()
	var req struct {
		AsOf  string                       `json:"as_of"`
		Loans []map[string]json.RawMessage `json:"loans"`
	}
	if err := json.Unmarshal(jsonText(body), &req); err != nil {
		t.Fatalf("200 for a body encoding/json cannot read: %v: %q", err, body)
	}
	b := bookSums{asOf: req.AsOf}
	amount := func(raw json.RawMessage) string {
		if len(raw) == 0 || string(raw) == "null" {
			return "0" // an amount left out is 0
		}
		var s string
		if raw[0] == '"' {
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatalf("200 for an amount %s", raw)
			}
			return s
		}
		return string(raw)
	}
	for _, l := range req.Loans {
		var on string
		if err := json.Unmarshal(l["disbursed_on"], &on); err != nil {
			t.Fatalf("200 for disbursed_on %s", l["disbursed_on"])
		}
		b.add(t, on, amount(l["amount"]), amount(l["outstanding"]), amount(l["overdue"]))
	}
	return b
}

// csvBookSums reads a CSV loan book the server accepted: a header naming
// the fields in any order and case, then one loan a line.
func csvBookSums(t *testing.T, body []byte, asOf string) bookSums {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("200 for a file encoding/csv cannot read (%v): %q", err, body)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	b := bookSums{asOf: asOf}
	for _, rec := range recs[1:] {
		cell := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				t.Fatalf("200 for a file without %s: %q", name, body)
			}
			return strings.TrimSpace(rec[i])
		}
		b.add(t, cell("disbursed_on"), cell("amount"), cell("outstanding"), cell("overdue"))
	}
	return b
}

// FuzzMonthlyLists posts arbitrary bytes to POST /v1/reports/monthly-lists:
// never a 500 or a panic, a problem that is complete, and a 200 that is a
// well-formed round (lists sorted, totals that add up, late and on_time
// that agree) of the lists sent: their communes, rows and demand, the
// missing and unexpected communes, the people listed by two communes, and
// no ID number sent anywhere in the answer.
func FuzzMonthlyLists(f *testing.F) {
	for _, s := range fuzzMonthlySeeds {
		f.Add([]byte(s))
	}
	h := httpapi.New(httpapi.Options{MaxUploadBytes: 64 << 10})
	f.Fuzz(func(t *testing.T, body []byte) {
		rec := fuzzPost(t, h, "/v1/reports/monthly-lists", body)
		if rec.Code != http.StatusOK {
			return
		}
		var m monthlyOut
		strictJSON(t, rec.Body.Bytes(), &m)
		checkMonthly(t, &m)

		var req struct {
			Period   string   `json:"period"`
			Expected []string `json:"expected_communes"`
			Lists    []struct {
				CommuneCode string `json:"commune_code"`
				PreparedOn  string `json:"prepared_on"`
				Rows        []struct {
					IDNumber string          `json:"id_number"`
					Amount   json.RawMessage `json:"amount"`
				} `json:"rows"`
			} `json:"lists"`
		}
		if err := json.Unmarshal(jsonText(body), &req); err != nil {
			t.Fatalf("200 for a body encoding/json cannot read: %v: %q", err, body)
		}
		if m.Period != req.Period {
			t.Fatalf("period %q for %q", m.Period, req.Period)
		}
		var got, sent []string
		for _, c := range m.Communes {
			got = append(got, c.CommuneCode)
		}
		rows, demand := 0, new(big.Int)
		byID := map[string][]rowRefOut{}
		for i, l := range req.Lists {
			sent = append(sent, l.CommuneCode)
			rows += len(l.Rows)
			for j, r := range l.Rows {
				byID[r.IDNumber] = append(byID[r.IDNumber], rowRefOut{i, j})
				a := strings.Trim(string(r.Amount), `"`)
				n, ok := new(big.Int).SetString(a, 10)
				if !ok {
					t.Fatalf("200 for an amount %s", r.Amount)
				}
				demand.Add(demand, n)
				if bytes.Contains(rec.Body.Bytes(), []byte(r.IDNumber)) {
					t.Fatalf("the answer holds the ID number %s: %s", r.IDNumber, rec.Body)
				}
			}
		}
		slices.Sort(sent)
		if !slices.Equal(got, sent) {
			t.Fatalf("communes %v, lists of %v", got, sent)
		}
		if rows != m.Totals.Rows || demand.String() != m.Totals.Demand {
			t.Fatalf("totals %d rows, %s; the lists hold %d, %s", m.Totals.Rows, m.Totals.Demand, rows, demand)
		}
		var missing, unexpected []string
		for _, c := range req.Expected {
			if !slices.Contains(sent, c) {
				missing = append(missing, c)
			}
		}
		for _, c := range sent {
			if !slices.Contains(req.Expected, c) {
				unexpected = append(unexpected, c)
			}
		}
		slices.Sort(missing)
		slices.Sort(unexpected)
		if !slices.Equal(missing, m.Missing) || !slices.Equal(unexpected, m.Unexpected) {
			t.Fatalf("missing %v, unexpected %v; want %v, %v", m.Missing, m.Unexpected, missing, unexpected)
		}
		var shared [][]rowRefOut
		for _, refs := range byID {
			communes := map[string]bool{}
			for _, r := range refs {
				communes[req.Lists[r.List].CommuneCode] = true
			}
			if len(communes) > 1 {
				shared = append(shared, refs)
			}
		}
		if len(shared) != len(m.SharedPeople) {
			t.Fatalf("%d people shared, %d reported: %s", len(shared), len(m.SharedPeople), rec.Body)
		}
		for _, sp := range m.SharedPeople {
			if !slices.ContainsFunc(shared, func(refs []rowRefOut) bool { return slices.Equal(refs, sp.Rows) }) {
				t.Fatalf("shared person %+v is no person listed twice: %s", sp, rec.Body)
			}
		}
	})
}
