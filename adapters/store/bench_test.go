package store_test

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vnreentry/credit/adapters/store"
)

// BenchmarkAuthenticate is the token check of every request, from the
// cache (the database is not asked).
func BenchmarkAuthenticate(b *testing.B) {
	s := open(b, sqliteEngine.fresh(b), store.Options{})
	secret, err := s.Bootstrap(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, secret); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Authenticate(ctx, secret); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAuthenticateUncached asks the database every time.
func BenchmarkAuthenticateUncached(b *testing.B) {
	eachEngineB(b, func(b *testing.B, e *engine) {
		s := open(b, e.fresh(b), store.Options{AuthCacheTTL: -1})
		secret, err := s.Bootstrap(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if _, err := s.Authenticate(ctx, secret); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkAppend appends audit entries from 1 and 8 writers, with the
// group commit (default options) and without it (batches of one).
func BenchmarkAppend(b *testing.B) {
	eachEngineB(b, func(b *testing.B, e *engine) {
		for _, bc := range []struct {
			writers int
			o       store.Options
			name    string
		}{
			{1, store.Options{}, "writers=1"},
			{8, store.Options{}, "writers=8"},
			{8, store.Options{AuditMaxBatch: 1, AuditMaxDelay: -1}, "writers=8/no-group-commit"},
		} {
			b.Run(bc.name, func(b *testing.B) {
				s := open(b, e.fresh(b), bc.o)
				var next atomic.Int64
				var wg sync.WaitGroup
				b.ResetTimer()
				for w := range bc.writers {
					wg.Go(func() {
						for i := next.Add(1); i <= int64(b.N); i = next.Add(1) {
							if err := s.Append(ctx, calc(fmt.Sprintf("w%d-", w)+strconv.FormatInt(i, 10))); err != nil {
								b.Error(err)
								return
							}
						}
					})
				}
				wg.Wait()
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "appends/s")
			})
		}
	})
}
