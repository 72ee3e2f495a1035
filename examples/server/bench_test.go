package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/store"
)

// BenchmarkAssessmentLoopback is POST /v1/assessments over loopback HTTP
// with keep-alive and benchParallelism clients per CPU, on the same handler without a
// store (no token, no audit) and with one (a token checked and an audit
// entry written, through the group commit, before each answer) — on SQLite
// always, on PostgreSQL when CREDIT_TEST_POSTGRES is set. Compare the
// req/s of the sub-benchmarks of one run.
func BenchmarkAssessmentLoopback(b *testing.B) {
	body, err := os.ReadFile("../../adapters/httpapi/testdata/cases/01-production-above-cap.json")
	if err != nil {
		b.Fatal(err)
	}
	var c struct{ Request json.RawMessage }
	if err := json.Unmarshal(body, &c); err != nil {
		b.Fatal(err)
	}
	request := string(c.Request)
	dbs := map[string]string{"open": "", "sqlite": filepath.Join(b.TempDir(), "bench.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	}
	for _, name := range []string{"open", "sqlite", "postgres"} {
		db, ok := dbs[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			o := httpapi.Options{Book: credit.DefaultBook()}
			token := ""
			if db != "" {
				st, err := store.Open(context.Background(), db, benchStoreOptions())
				if err != nil {
					b.Fatal(err)
				}
				defer st.Close()
				if _, err := st.Bootstrap(context.Background(), testToken); err != nil {
					b.Fatal(err)
				}
				o.Records, token = st, testToken
			}
			srv := httptest.NewServer(httpapi.New(o))
			defer srv.Close()
			tr := &http.Transport{MaxIdleConnsPerHost: 64}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr}
			b.SetParallelism(benchParallelism())
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/assessments", strings.NewReader(request))
					req.Header.Set("Content-Type", "application/json")
					if token != "" {
						req.Header.Set("Authorization", "Bearer "+token)
					}
					resp, err := c.Do(req)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("status %d", resp.StatusCode)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// benchStoreOptions: BENCH_AUDIT_DELAY sets the group commit's
// AuditMaxDelay, to try it.
func benchStoreOptions() store.Options {
	var o store.Options
	if d, err := time.ParseDuration(os.Getenv("BENCH_AUDIT_DELAY")); err == nil {
		o.AuditMaxDelay = d
	}
	return o
}

// benchParallelism is the clients per CPU (BENCH_CLIENTS_PER_CPU, default
// 32: a server under load has many requests in flight). Each client waits
// for its answer before sending again, so with few clients the audited
// route is bound by the commit's latency, not by the server: the more at
// once, the larger the batches of the group commit.
func benchParallelism() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_CLIENTS_PER_CPU")); err == nil && n > 0 {
		return n
	}
	return 32
}
