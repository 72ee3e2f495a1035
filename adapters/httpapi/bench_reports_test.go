package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// loanBookCSV returns a loan book of n loans as the bank's CSV file: loan
// IDs as a bank numbers them, 150 communes, every borrower kind, purpose,
// capital source and channel, amounts of a few million to a few hundred
// million đồng, some overdue, all disbursed between 2023-10-10 and
// 2026-09-30. The same n always gives the same file.
func loanBookCSV(n int) []byte {
	var b bytes.Buffer
	b.Grow(96 * (n + 1))
	b.WriteString("loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\r\n")
	kinds := []string{"individual", "individual", "individual", "establishment"}
	purposes := []string{"production", "production", "vocational_training"}
	sources := []string{"central", "central", "local", "other"}
	channels := []string{"farmers_union", "womens_union", "veterans_association", "youth_union", "direct"}
	x := uint64(88172645463325252) // xorshift: a fixed sequence, no seed to vary
	next := func() uint64 {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		return x
	}
	for i := range n {
		r := next()
		amount := int64(r%100+1) * 1_000_000 * int64(1+r>>40%5)
		outstanding := amount * int64(r>>8%101) / 100
		overdue := int64(0)
		if r>>16%10 == 0 {
			overdue = outstanding * int64(r>>24%100) / 100
		}
		day := r >> 32 % 1086 // 2023-10-10 + up to 1,085 days
		y, m, d := 2023, 10, 10+int(day)
		for {
			dim := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
			if m == 2 && y%4 == 0 {
				dim = 29
			}
			if d <= dim {
				break
			}
			d -= dim
			if m++; m > 12 {
				m, y = 1, y+1
			}
		}
		fmt.Fprintf(&b, "VBSP-%08d,%05d,%s,%s,%s,%s,%04d-%02d-%02d,%d,%d,%d,%d\r\n",
			i+1, 3100+r>>48%150, kinds[r%4], purposes[r>>4%3], sources[r>>12%4], channels[r>>20%5],
			y, m, d, amount, outstanding, overdue, r>>56%4)
	}
	return b.Bytes()
}

// BenchmarkPortfolioHandlerCSV is a loan book of 100,000 loans (about 9 MB
// of CSV) through the whole handler: middleware, the body limit, streaming
// CSV reading, checking every loan, the breakdowns and the JSON answer.
func BenchmarkPortfolioHandlerCSV(b *testing.B) {
	const n = 100_000
	file := loanBookCSV(n)
	h := httpapi.New(httpapi.Options{})
	post := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/v1/reports/portfolio?as_of=2026-09-30", bytes.NewReader(file))
		req.Header.Set("Content-Type", "text/csv")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	rec := post()
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %.1000s", rec.Code, rec.Body)
	}
	var out struct {
		Totals struct {
			Loans int `json:"loans"`
		} `json:"totals"`
		ByCommune []json.RawMessage `json:"by_commune"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Totals.Loans != n || len(out.ByCommune) != 150 {
		b.Fatalf("%d loans, %d communes (%v), want %d, 150", out.Totals.Loans, len(out.ByCommune), err, n)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		post()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/loan")
}
