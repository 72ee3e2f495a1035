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
	h := httpapi.New(httpapi.Options{})
	body := []byte(individualBody(b))

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/assessments", bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}

	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/v1/assessments", bytes.NewReader(body))
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
}
