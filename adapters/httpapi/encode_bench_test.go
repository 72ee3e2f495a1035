package httpapi

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
)

// loopbackRequests are the bodies of BenchmarkAnswerLoopback: the contract's
// individual example (a 4 KB answer) and the 120-month schedule of
// BenchmarkScheduleHandler (about 20 KB), and the statement of its fuzz
// seed with a missed part.
var loopbackRequests = []struct{ route, body string }{
	{"/v1/assessments", `{"requested_on":"2024-06-01","purpose":"production","amount":"150000000","course_months":10,"same_purpose_debt":false,"individual":{"full_name":"Lò Văn Hùng","date_of_birth":"1988-03-02","id_number":"012088004512","release":{"basis":"completion","certificate_no":"45/GCN","completed_on":"2022-03-15"},"on_commune_list":true,"household_has_capable_adult":true}}`},
	{"/v1/schedules", `{"amount": "100000000", "disbursed_on": "2025-06-10", "term_months": 120, "principal_every_months": 3}`},
	{"/v1/statements", `{"amount": "100000000", "disbursed_on": "2025-11-01", "term_months": 24, "principal_every_months": 12, "payments": [{"on": "2026-11-01", "amount": "10000000"}], "as_of": "2026-12-15"}`},
}

// floorHandler is the floor the answers are measured against (issue 15):
// a bare chi server that decodes the same body into the same request type
// with a json.Decoder and writes a fixed answer of the same bytes, with
// the same headers. Nothing is decided and nothing is encoded.
func floorHandler(route string, answer []byte) http.Handler {
	r := chi.NewRouter()
	r.Post(route, func(w http.ResponseWriter, r *http.Request) {
		var err error
		switch route {
		case "/v1/assessments":
			var req assessmentRequest
			err = json.NewDecoder(r.Body).Decode(&req)
		case "/v1/schedules":
			var req scheduleRequest
			err = json.NewDecoder(r.Body).Decode(&req)
		default:
			var req statementRequest
			err = json.NewDecoder(r.Body).Decode(&req)
		}
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(answer)
	})
	return r
}

// BenchmarkAnswerLoopback serves each route over loopback HTTP
// (httptest.NewServer, keep-alive clients, b.RunParallel): "floor" is
// floorHandler with the real answer's bytes, "handler" the package's
// handler (New, without a store). The two sub-benchmarks of a route run one
// after the other, so that with -count N the rounds interleave; compare
// their req/s within a round. BENCH_CLIENTS sets the clients per
// GOMAXPROCS (16 by default).
func BenchmarkAnswerLoopback(b *testing.B) {
	clients := 16
	if n, err := strconv.Atoi(os.Getenv("BENCH_CLIENTS")); err == nil && n > 0 {
		clients = n
	}
	h := New(Options{})
	for _, lr := range loopbackRequests {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, lr.route, strings.NewReader(lr.body)))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d: %s", lr.route, rec.Code, rec.Body)
		}
		answer := bytes.Clone(rec.Body.Bytes())
		name := strings.TrimPrefix(lr.route, "/v1/")
		for _, side := range []struct {
			name string
			h    http.Handler
		}{{"floor", floorHandler(lr.route, answer)}, {"handler", h}} {
			b.Run(name+"/"+side.name, func(b *testing.B) {
				loopback(b, side.h, lr.route, lr.body, len(answer), clients)
			})
		}
	}
}

func loopback(b *testing.B, h http.Handler, route, body string, size, clients int) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 1024}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr}
	url := srv.URL + route
	b.SetParallelism(clients)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var buf bytes.Buffer
		for pb.Next() {
			req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			buf.Reset()
			_, _ = io.Copy(&buf, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || buf.Len() != size {
				b.Errorf("status %d, %d bytes, want 200 and %d", resp.StatusCode, buf.Len(), size)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
