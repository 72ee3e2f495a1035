package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/store"
)

// submitRows is the rows of the benchmark's lists: about a real list.
const submitRows = 20

// list20Body is the example list (examples/data/list-01.json) with
// submitRows rows: its three rows in turn, each with an ID number of its
// own (the last six digits), so that the list is valid.
func list20Body(b *testing.B) string {
	raw, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		b.Fatal(err)
	}
	var l map[string]any
	if err := json.Unmarshal(raw, &l); err != nil {
		b.Fatal(err)
	}
	rows := l["rows"].([]any)
	var out []any
	for i := range submitRows {
		r := map[string]any{}
		for k, v := range rows[i%len(rows)].(map[string]any) {
			r[k] = v
		}
		id := r["id_number"].(string)
		r["id_number"] = id[:6] + fmt.Sprintf("%06d", 100+i)
		out = append(out, r)
	}
	l["rows"] = out
	body, err := json.Marshal(l)
	if err != nil {
		b.Fatal(err)
	}
	return string(body)
}

// BenchmarkSubmitLoopback is POST /v1/lists/{id}/submit over loopback
// HTTP with keep-alive and benchParallelism clients per CPU, on the real
// store: SQLite always, PostgreSQL when CREDIT_TEST_POSTGRES is set. Each
// submit reads the draft, validates its 20 rows whole, and writes the
// document's new status, its step and an audit entry in one transaction.
// The b.N drafts are created first (POST /v1/lists, not timed), by one
// commune police officer, all in one commune and period (supplementary
// lists), and each is submitted once.
func BenchmarkSubmitLoopback(b *testing.B) {
	list := list20Body(b)
	dbs := map[string]string{"sqlite": filepath.Join(b.TempDir(), "bench.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	}
	for _, name := range []string{"sqlite", "postgres"} {
		db, ok := dbs[name]
		if !ok {
			continue
		}
		b.Run(name, func(b *testing.B) {
			st, err := store.Open(context.Background(), db, benchStoreOptions())
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			if _, err := st.Bootstrap(context.Background(), testToken); err != nil {
				b.Fatal(err)
			}
			srv := httptest.NewServer(httpapi.New(httpapi.Options{Book: credit.DefaultBook(), Records: st}))
			defer srv.Close()
			admin := client{t: b, base: srv.URL, token: testToken}
			police := admin.newUser("commune_police", `, "communes": ["03424"]`)
			tr := &http.Transport{MaxIdleConnsPerHost: 64}
			defer tr.CloseIdleConnections()
			c := &http.Client{Transport: tr}
			post := func(path, body string) (int, []byte, error) {
				var r io.Reader
				if body != "" {
					r = strings.NewReader(body)
				}
				req, _ := http.NewRequest(http.MethodPost, srv.URL+path, r)
				if body != "" {
					req.Header.Set("Content-Type", "application/json")
				}
				req.Header.Set("Authorization", "Bearer "+police.token)
				resp, err := c.Do(req)
				if err != nil {
					return 0, nil, err
				}
				defer resp.Body.Close()
				data, err := io.ReadAll(resp.Body)
				return resp.StatusCode, data, err
			}

			// The drafts, made by a few clients at once.
			ids := make([]int64, b.N)
			var next atomic.Int64
			var wg sync.WaitGroup
			for range 8 {
				wg.Go(func() {
					for i := next.Add(1) - 1; i < int64(b.N); i = next.Add(1) - 1 {
						code, data, err := post("/v1/lists", list)
						if err != nil || code != http.StatusCreated {
							b.Errorf("create: %d %v\n%s", code, err, data)
							return
						}
						var l struct{ ID int64 }
						if err := json.Unmarshal(data, &l); err != nil {
							b.Error(err)
							return
						}
						ids[i] = l.ID
					}
				})
			}
			wg.Wait()
			if b.Failed() {
				return
			}

			next.Store(0)
			b.SetParallelism(benchParallelism())
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					id := ids[next.Add(1)-1]
					code, data, err := post(fmt.Sprintf("/v1/lists/%d/submit", id), "")
					if err != nil || code != http.StatusOK {
						b.Errorf("submit %d: %d %v\n%s", id, code, err, data)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
