package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// compareSeed is a seed of FuzzCompare: a JSON body (asCSV false; after is
// then unused) or the two CSV files of a multipart body, sent with
// ?before_as_of=2024-09-30&after_as_of=2025-09-30.
type compareSeed struct {
	body  string
	asCSV bool
	after string
}

// fuzzCompareSeeds are the seeds of FuzzCompare, also stored as files in
// testdata/fuzz/FuzzCompare (TestReportFuzzSeedFiles).
var fuzzCompareSeeds = []compareSeed{
	// 01 the one-year review as JSON.
	{cmpJSONBody, false, ""},
	// 02 the same as two CSV files.
	{cmpBeforeCSV, true, cmpAfterCSV},
	// 03 problems in both books, dates in the wrong order (JSON).
	{`{"before":{"as_of":"2025-09-30","loans":[{"loan_id":"L1","commune_code":"03424","borrower_kind":"individual","purpose":"production","capital_source":"central","channel":"farmers_union","disbursed_on":"2024-01-10","amount":"100000000","outstanding":"80000000","overdue":"90000000","jobs":1}]},"after":{"as_of":"2024-09-30","loans":[{"loan_id":"L1","commune_code":"03424","borrower_kind":"individual","purpose":"production","capital_source":"central","channel":"farmers_union","disbursed_on":"2024-01-10","amount":"100000000","outstanding":"50000000","overdue":"0","jobs":1},{"loan_id":"L1"}]}}`, false, ""},
	// 04 wrong types everywhere.
	{`{"before":5,"after":{"as_of":20250930,"loans":[1,{"amount":{}}]}}`, false, ""},
	// 05 a wrong header, a bad line in the later file.
	{"id,amount\nL1,5\n", true, cmpHeader + "L1,03424,individual,production,central,direct,2024-01-10,5,6,7,x\n"},
	// 06 the later book empty, the earlier all repaid.
	{cmpBeforeCSV, true, cmpHeader},
	// 07 nothing.
	{"", false, ""},
	// 08 nothing, as files.
	{"", true, ""},
	// 09 the same loan in two communes, a loan disbursed after the later date.
	{cmpBeforeCSV, true, cmpHeader + "L1,03430,individual,production,central,direct,2024-01-10,100000000,1,0,1\n" +
		"L9,03433,individual,production,central,direct,2030-01-01,5,5,0,0\n"},
	// 10 unknown fields: 400.
	{`{"before":{"as_of":"2024-09-30"},"later":{}}`, false, ""},
}

// cmpJSONBody is the one-year review as a JSON body.
var cmpJSONBody = func() string {
	b, err := json.Marshal(map[string]any{"before": csvBook("2024-09-30", cmpBeforeCSV), "after": csvBook("2025-09-30", cmpAfterCSV)})
	if err != nil {
		panic(err)
	}
	return string(b)
}()

func compareSeedFile(s compareSeed) string {
	return fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbool(%t)\n[]byte(%q)\n", []byte(s.body), s.asCSV, []byte(s.after))
}

// compareMultipart is the multipart body of two files, with a fixed
// boundary.
func compareMultipart(t *testing.T, before, after []byte) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	if err := mw.SetBoundary("fuzz-boundary-0123456789"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name string
		file []byte
	}{{"before", before}, {"after", after}} {
		w, err := mw.CreateFormFile(p.name, p.name+".csv")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write(p.file)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), mw.FormDataContentType()
}

// FuzzCompare posts arbitrary books to POST /v1/reports/compare, as JSON or
// as two CSV files: never a 500 or a panic, every problem located, and a
// 200 whose two sides are what POST /v1/reports/portfolio makes of each
// book, whose communes add up to its totals, and whose growth is the
// difference of the outstanding.
func FuzzCompare(f *testing.F) {
	for _, s := range fuzzCompareSeeds {
		f.Add([]byte(s.body), s.asCSV, []byte(s.after))
	}
	h := httpapi.New(httpapi.Options{MaxUploadBytes: 32 << 10})
	f.Fuzz(func(t *testing.T, body []byte, asCSV bool, after []byte) {
		const query = "?before_as_of=2024-09-30&after_as_of=2025-09-30"
		sent, ct := body, "application/json"
		if asCSV {
			sent, ct = compareMultipart(t, body, after)
		}
		req := httptest.NewRequest(http.MethodPost, "/v1/reports/compare"+query, bytes.NewReader(sent))
		req.Header.Set("Content-Type", ct)
		rec := fuzzServe(t, h, req, sent)
		if rec.Code != http.StatusOK {
			checkLocatedProblems(t, rec)
			if rec.Code == http.StatusBadRequest && asCSV {
				t.Fatalf("400 for CSV files: %s", rec.Body)
			}
			return
		}
		var c cmpOut
		strictJSON(t, rec.Body.Bytes(), &c)

		// Each side is the loan book of its loans.
		sides := [2]*httptest.ResponseRecorder{}
		if asCSV {
			sides[0] = postLoansCSV(h, "?as_of=2024-09-30", string(body))
			sides[1] = postLoansCSV(h, "?as_of=2025-09-30", string(after))
		} else {
			var books struct{ Before, After json.RawMessage }
			if err := json.Unmarshal(jsonText(body), &books); err != nil {
				t.Fatalf("200 for a body encoding/json cannot read: %v", err)
			}
			sides[0] = postReport(h, "portfolio", "", string(books.Before))
			sides[1] = postReport(h, "portfolio", "", string(books.After))
		}
		for i, want := range []figuresOut{c.Totals.Before, c.Totals.After} {
			if sides[i].Code != http.StatusOK {
				t.Fatalf("comparison 200, but side %d alone: %d %s", i, sides[i].Code, sides[i].Body)
			}
			var p portfolioOut
			strictJSON(t, sides[i].Body.Bytes(), &p)
			if p.Totals != want {
				t.Fatalf("side %d: %+v, its loan book %+v", i, want, p.Totals)
			}
		}
		checkComparison(t, &c)
	})
}

// checkComparison checks that the communes of c add up to its totals and
// that every growth is the difference of the outstanding.
func checkComparison(t *testing.T, c *cmpOut) {
	t.Helper()
	num := func(s string) *big.Int {
		n, ok := new(big.Int).SetString(s, 10)
		if !ok {
			t.Fatalf("not a number: %q", s)
		}
		return n
	}
	var sum [7]big.Int
	var loans [4]int
	for _, g := range append([]cmpChangeOut{c.Totals}, c.ByCommune...) {
		if d := new(big.Int).Sub(num(g.After.Outstanding), num(g.Before.Outstanding)); d.Cmp(num(g.Growth)) != 0 {
			t.Fatalf("%s: growth %s, outstanding %s → %s", g.CommuneCode, g.Growth, g.Before.Outstanding, g.After.Outstanding)
		}
	}
	for _, g := range c.ByCommune {
		for i, s := range []string{g.Before.Outstanding, g.After.Outstanding, g.Growth, g.New.Amount, g.Repaid.Amount,
			g.Before.Disbursed, g.After.Disbursed} {
			sum[i].Add(&sum[i], num(s))
		}
		loans[0] += g.Before.Loans
		loans[1] += g.After.Loans
		loans[2] += g.New.Loans
		loans[3] += g.Repaid.Loans
	}
	tot := c.Totals
	for i, s := range []string{tot.Before.Outstanding, tot.After.Outstanding, tot.Growth, tot.New.Amount, tot.Repaid.Amount,
		tot.Before.Disbursed, tot.After.Disbursed} {
		if sum[i].Cmp(num(s)) != 0 {
			t.Fatalf("figure %d: the communes add up to %s, the totals say %s", i, &sum[i], s)
		}
	}
	if loans != [4]int{tot.Before.Loans, tot.After.Loans, tot.New.Loans, tot.Repaid.Loans} {
		t.Fatalf("loans: communes %v, totals %+v", loans, tot)
	}
}
