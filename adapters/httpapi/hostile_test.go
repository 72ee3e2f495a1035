package httpapi_test

import (
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// Bodies made of many small mistakes, within the byte limit, are answered
// quickly, with at most 1,000 problems and a last too_many_problems, and
// without memory in proportion to the mistakes; bodies of more values than
// MaxJSONValues are a 413 before they are decoded. (Before these limits a
// 1.3 MB body of 80,000 bad rows took 6 s and 950 MB, and the time grew
// with the square of the rows: the reader looked up every row in the list
// of problems.)
func TestHostileBodies(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures time and memory")
	}
	h := newHandler(httpapi.Options{})
	rows := func(item string, n int) string { return strings.Repeat(item+",", n-1) + item }
	for _, tc := range []struct {
		name, route, body string
		status            int
		maxAlloc          uint64 // bytes
	}{
		{"rows of wrong types", "/v1/reports/monthly-lists",
			`{"period": "2026-11", "lists": [{"rows": [` + rows(`{"full_name":1}`, 90_000) + `]}]}`, 422, 400 << 20},
		{"lists that are not objects", "/v1/reports/monthly-lists",
			`{"period": "2026-11", "lists": [` + rows(`1`, 240_000) + `]}`, 422, 400 << 20},
		{"loans of wrong types", "/v1/reports/portfolio",
			`{"as_of": "2026-09-30", "loans": [` + rows(`{"jobs":"x"}`, 99_000) + `]}`, 422, 400 << 20},
		{"completions of wrong types", "/v1/reports/plan",
			`{"on": "2026-09-30", "completions": [` + rows(`{"task_id":1}`, 99_000) + `]}`, 422, 400 << 20},
		{"workers of wrong types", "/v1/forms/02/validate",
			`{"workers": [` + rows(`{"full_name":1}`, 99_000) + `]}`, 422, 400 << 20},
		{"too many values", "/v1/reports/portfolio",
			`{"as_of": "2026-09-30", "loans": [` + rows(`{}`, httpapi.MaxJSONValues/2+1) + `]}`, 413, 64 << 20},
		{"too many list elements", "/v1/reports/monthly-lists",
			`{"period": "2026-11", "lists": [` + rows(`0`, httpapi.MaxJSONValues+1) + `]}`, 413, 64 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m0, m1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&m0)
			start := time.Now()
			rec := do(h, http.MethodPost, tc.route, tc.body)
			took := time.Since(start)
			runtime.ReadMemStats(&m1)
			p := readProblem(t, rec, tc.status)
			alloc := m1.TotalAlloc - m0.TotalAlloc
			t.Logf("%d bytes: %v, %d MB allocated", len(tc.body), took, alloc>>20)
			assert.Less(t, took, 10*time.Second)
			assert.Less(t, alloc, tc.maxAlloc, "bytes allocated")
			if tc.status == http.StatusUnprocessableEntity {
				require.Len(t, p.Errors, 1001)
				assert.Equal(t, "too_many_problems", p.Errors[1000].Code)
			} else {
				assert.Contains(t, p.DetailEN, "too many objects and list elements")
			}
		})
	}
}
