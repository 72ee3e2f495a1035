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

// list01Rows returns the contract's list with n rows: the contract's person
// with a different serial in each ID number (all valid, none twice).
func list01Rows(tb testing.TB, n int) []byte {
	tb.Helper()
	var l map[string]any
	if err := json.Unmarshal([]byte(contractList01), &l); err != nil {
		tb.Fatal(err)
	}
	row := l["rows"].([]any)[0].(map[string]any)
	rows := make([]any, n)
	for i := range rows {
		r := make(map[string]any, len(row))
		for k, v := range row {
			r[k] = v
		}
		r["id_number"] = fmt.Sprintf("012088%06d", i)
		r["full_name"] = fmt.Sprintf("Người thứ %d", i+1)
		rows[i] = r
	}
	l["rows"] = rows
	b, err := json.Marshal(l)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkValidate01_10000 is a list of 10,000 rows (3.4 MB of JSON)
// through the whole validate handler: middleware, strict decoding, reading,
// Validate01 (the validator's struct rules, the ID numbers, duplicates, the
// caps) and the answer. The body limit is raised: the default 1 MiB takes
// about 3,100 such rows.
func BenchmarkValidate01_10000(b *testing.B) {
	body := list01Rows(b, 10_000)
	h := httpapi.New(httpapi.Options{MaxBodyBytes: 64 << 20})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/forms/01/validate", bytes.NewReader(body)))
	if rec.Code != http.StatusOK || rec.Body.String() != "{\"rows\":10000,\"valid\":true}\n" {
		b.Fatalf("status %d: %.500s", rec.Code, rec.Body)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/forms/01/validate", bytes.NewReader(body))
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}

// BenchmarkImport01_10000 is an officer's workbook of 10,000 rows (the
// export of list01Rows) through the whole import handler: the reading,
// Validate01, every problem located at its cell, and the list as JSON.
func BenchmarkImport01_10000(b *testing.B) {
	h := httpapi.New(httpapi.Options{})
	req := httptest.NewRequest(http.MethodPost, "/v1/forms/01/export?format=xlsx", bytes.NewReader(list01Rows(b, 10_000)))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("export: status %d: %.500s", rec.Code, rec.Body)
	}
	file := rec.Body.Bytes()
	b.ReportAllocs()
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/forms/01/import", bytes.NewReader(file))
		req.Header.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("import: status %d: %.500s", rec.Code, rec.Body)
		}
	}
}
