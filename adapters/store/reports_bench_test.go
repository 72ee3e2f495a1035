package store_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

// list20 is the body of a list of 20 rows: the example list's header and
// rows (examples/data/list-01.json), the rows repeated, about the size of
// a real one.
func list20(b testing.TB) []byte {
	raw, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		b.Fatal(err)
	}
	var l map[string]any
	if err := json.Unmarshal(raw, &l); err != nil {
		b.Fatal(err)
	}
	rows := l["rows"].([]any)
	var twenty []any
	for i := range 20 {
		twenty = append(twenty, rows[i%len(rows)])
	}
	l["rows"] = twenty
	out, err := json.Marshal(l)
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// largeProvince is the province with the most communes, and 100 of them.
func largeProvince(b testing.TB) (string, []places.Commune) {
	by := map[string][]places.Commune{}
	for _, c := range places.Default().Communes() {
		by[c.ProvinceCode] = append(by[c.ProvinceCode], c)
	}
	best := ""
	for p, cs := range by {
		if best == "" || len(cs) > len(by[best]) || len(cs) == len(by[best]) && p < best {
			best = p
		}
	}
	if len(by[best]) < 100 {
		b.Fatalf("the largest province has %d communes", len(by[best]))
	}
	return best, by[best][:100]
}

var months2025 = []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
	"2025-07", "2025-08", "2025-09", "2025-10", "2025-11", "2025-12"}

// BenchmarkEachDocument streams the lists of the monthly round, bodies
// included, as the reports read them: a year of a large province (100
// communes × 12 months, one list of 20 rows each: 1,200 lists, read a
// month at a time) and the whole country for one month (3,321 lists). One
// store holds both: the country's September and the province's other
// eleven months, 4,421 lists, seeded once.
func BenchmarkEachDocument(b *testing.B) {
	body := list20(b)
	eachEngineB(b, func(b *testing.B, e *engine) {
		s := open(b, e.fresh(b), store.Options{})
		province, communes := largeProvince(b)
		var lists []store.SeedList
		for _, c := range places.Default().Communes() {
			lists = append(lists, store.SeedList{Commune: c.Code, Province: c.ProvinceCode, Period: "2025-09", Status: "submitted", Body: body})
		}
		for _, m := range months2025 {
			if m == "2025-09" {
				continue
			}
			for _, c := range communes {
				lists = append(lists, store.SeedList{Commune: c.Code, Province: c.ProvinceCode, Period: m, Status: "submitted", Body: body})
			}
		}
		if err := store.SeedLists(ctx, s, lists); err != nil {
			b.Fatal(err)
		}
		inProvince := 0
		for _, c := range places.Default().Communes() {
			if c.ProvinceCode == province {
				inProvince++
			}
		}
		read := func(b *testing.B, scope access.Scope, periods []string, want int) {
			b.ReportAllocs()
			var n, bytes int
			for b.Loop() {
				n, bytes = 0, 0
				for _, p := range periods {
					if err := s.EachDocument(ctx, records.KindList, scope, records.DocumentFilter{Period: p}, func(d records.Document) error {
						n++
						bytes += len(d.Body)
						return nil
					}); err != nil {
						b.Fatal(err)
					}
				}
				if n != want {
					b.Fatalf("%d lists, want %d", n, want)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/list")
			b.SetBytes(int64(bytes))
		}
		// The province's 100 communes have 12 lists each; its others, one.
		b.Run("province-year", func(b *testing.B) {
			read(b, access.Scope{Province: province}, months2025, 1200+inProvince-100)
		})
		b.Run("country-month", func(b *testing.B) {
			read(b, access.Scope{All: true}, []string{"2025-09"}, len(places.Default().Communes()))
		})
	})
}

// BenchmarkEachLoan streams 100,000 loans with 12 payments each (the
// country's portfolio), seeded once.
func BenchmarkEachLoan(b *testing.B) {
	const loans, payments = 100_000, 12
	eachEngineB(b, func(b *testing.B, e *engine) {
		s := open(b, e.fresh(b), store.Options{})
		var communes [][2]string
		for _, c := range places.Default().Communes() {
			communes = append(communes, [2]string{c.Code, c.ProvinceCode})
		}
		if err := store.SeedLoans(ctx, s, communes, loans, payments, day("2024-01-15")); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			n, ps := 0, 0
			if err := s.EachLoan(ctx, access.Scope{All: true}, records.LoanFilter{}, func(l records.Loan, p []records.Payment) error {
				n++
				ps += len(p)
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			if n != loans || ps != loans*payments {
				b.Fatalf("%d loans, %d payments", n, ps)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/loans, "ns/loan")
	})
}
