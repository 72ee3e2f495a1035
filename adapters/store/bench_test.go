package store_test

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
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

// BenchmarkReceiveList20 receives a certified list of 20 rows: the
// document's transition, 20 applications with their screening and person
// keys, and the audit entry, in one transaction. The lists are made and
// certified outside the timer.
func BenchmarkReceiveList20(b *testing.B) {
	people := make([]string, 20)
	for i := range people {
		people[i] = "person " + strconv.Itoa(i)
	}
	screen := screenOf(people...)
	eachEngineB(b, func(b *testing.B, e *engine) {
		s, _, _ := docStore(b, e)
		b.ReportAllocs()
		for b.Loop() {
			b.StopTimer()
			d := certified(b, s, communeA, "2025-09")
			b.StartTimer()
			if _, err := s.ReceiveDocument(ctx, vbsp, records.Idempotency{}, records.KindList, d.ID, "", screen); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkLoans lists 10,000 loans of one province, of 20,000 in two.
func BenchmarkLoans(b *testing.B) {
	eachEngineB(b, func(b *testing.B, e *engine) {
		s, _, _ := docStore(b, e)
		other := otherCommune(b)
		people := make([]string, 100)
		for i := range people {
			people[i] = "person " + strconv.Itoa(i)
		}
		dec, l := approval()
		for i := range 200 {
			commune := communeA
			if i%2 == 1 {
				commune = other.Code
			}
			apps := receive(b, s, certified(b, s, commune, "2025-09"), people...)
			for _, ap := range apps {
				if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, ap.ID, dec, l); err != nil {
					b.Fatal(err)
				}
			}
		}
		scope := access.Scope{Province: "12"}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			loans, err := s.Loans(ctx, scope, records.LoanFilter{Status: records.LoanActive})
			if err != nil {
				b.Fatal(err)
			}
			if len(loans) != 10000 {
				b.Fatalf("%d loans", len(loans))
			}
		}
	})
}
