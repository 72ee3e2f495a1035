package httpapi_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// BenchmarkAssessmentHandler measures the contract's example, as an
// individual, through the whole handler: middleware, decode, rules, terms
// and encode.
func BenchmarkAssessmentHandler(b *testing.B) {
	benchHandler(b, "/v1/assessments", individualBody(b))
}

// BenchmarkScheduleHandler is a 120-month schedule (the rate change of
// 2025-12-01 inside its sixth period) through the whole handler.
func BenchmarkScheduleHandler(b *testing.B) {
	benchHandler(b, "/v1/schedules", `{"amount": "100000000", "disbursed_on": "2025-06-10", "term_months": 120, "principal_every_months": 3}`)
}

func benchHandler(b *testing.B, target, body string) {
	h := httpapi.New(httpapi.Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, target, bytes.NewReader([]byte(body))))
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, target, bytes.NewReader([]byte(body)))
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
