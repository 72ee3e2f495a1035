package httpapi

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit/access"
)

// BenchmarkAssessmentAuth measures what a store adds to POST
// /v1/assessments through the whole handler: "open" is Options.Records
// nil, as before; "auth+audit" reads and checks the bearer token, asks the
// policy and appends the calculation's entry, against a fake store whose
// Authenticate is a cache hit and whose Append does nothing — the
// server's own cost, not the database's (the store's benchmarks measure
// that).
func BenchmarkAssessmentAuth(b *testing.B) {
	const token = "crd_benchtoken000000000000000000000000000000"
	f := newFakeRecords()
	f.nopAppend = true
	f.fixedAuth = &fixedAuth{token: token, p: access.Principal{UserID: 7, Role: access.VBSPOfficer, Communes: []string{"03424"}}}
	for _, bc := range []struct {
		name string
		o    Options
		auth string
	}{
		{"open", Options{}, ""},
		{"auth+audit", Options{Records: f}, "Bearer " + token},
	} {
		b.Run(bc.name, func(b *testing.B) {
			h := New(bc.o)
			send := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodPost, "/v1/assessments", strings.NewReader(assessmentBody))
				if bc.auth != "" {
					req.Header.Set("Authorization", bc.auth)
				}
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				return rec
			}
			if rec := send(); rec.Code != http.StatusOK {
				b.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			b.ReportAllocs()
			b.SetBytes(int64(len(assessmentBody)))
			for b.Loop() {
				send()
			}
		})
	}
}

// BenchmarkAuthAuditOverhead isolates what authentication, the policy and
// the audit append cost a request, around a handler that does nothing but
// answer 200: "open" is the bare chain of a calculator, "auth+audit" the
// same with a store (a token cache hit, an Append that does nothing).
func BenchmarkAuthAuditOverhead(b *testing.B) {
	const token = "crd_benchtoken000000000000000000000000000000"
	f := newFakeRecords()
	f.nopAppend = true
	f.fixedAuth = &fixedAuth{token: token, p: access.Principal{UserID: 7, Role: access.VBSPOfficer, Communes: []string{"03424"}}}
	rt := v1Routes[0] // POST /v1/assessments
	rt.handle = func(s *server, w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, struct{}{}) }
	for _, bc := range []struct {
		name    string
		records Records
	}{{"open", nil}, {"auth+audit", f}} {
		b.Run(bc.name, func(b *testing.B) {
			s := &server{log: slog.New(slog.DiscardHandler), now: time.Now, loc: vietnam, maxBody: DefaultMaxBodyBytes, records: bc.records}
			h := s.requestID(s.handler(&rt))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/v1/assessments", nil)
				req.Header.Set("Authorization", "Bearer "+token)
				h.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
