package store_test

import (
	"slices"
	"strconv"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// BenchmarkImportLoans loads a province's loan book of 100,000 loans
// (VBSP's export, in 100 communes): "new" into an empty book (every loan
// and its position written), "again" the same book (nothing written: each
// loan found and its position compared), "next-day" the same loans a day
// later (a position each); then "read" walks the book with its positions
// on a day, as the portfolio from the store does.
func BenchmarkImportLoans(b *testing.B) {
	const n = 100_000
	province, communes := largeProvince(b)
	book := make([]records.BookedLoan, n)
	for i := range book {
		c := communes[i%len(communes)]
		book[i] = records.BookedLoan{LoanID: "VBSP-" + strconv.Itoa(1_000_000+i), Commune: c.Code, Province: province,
			BorrowerKind: "individual", Purpose: "production", CapitalSource: "central", Channel: "womens_union",
			DisbursedOn: day("2024-05-20"), Amount: 50_000_000,
			Position: records.Position{Outstanding: credit.VND(40_000_000 - i%1000), Overdue: credit.VND(i % 7 * 1000), Jobs: 1}}
	}
	eachEngineB(b, func(b *testing.B, e *engine) {
		perLoan := func(b *testing.B) {
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/loan")
		}
		var s *store.Store
		outer := b
		b.Run("new", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				s = open(outer, e.fresh(outer), store.Options{})
				b.StartTimer()
				imp, err := s.ImportLoans(ctx, vbsp, day("2025-11-30"), slices.All(book))
				if err != nil || imp.Created != n {
					b.Fatalf("%+v, %v", imp, err)
				}
			}
			perLoan(b)
		})
		b.Run("again", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				imp, err := s.ImportLoans(ctx, vbsp, day("2025-11-30"), slices.All(book))
				if err != nil || imp.Created != 0 || imp.Positions != 0 {
					b.Fatalf("%+v, %v", imp, err)
				}
			}
			perLoan(b)
		})
		b.Run("next-day", func(b *testing.B) {
			b.ReportAllocs()
			on := day("2025-12-01")
			for b.Loop() {
				imp, err := s.ImportLoans(ctx, vbsp, on, slices.All(book))
				if err != nil || imp.Positions != n {
					b.Fatalf("%+v, %v", imp, err)
				}
				on = on.AddDays(1)
			}
			perLoan(b)
		})
		b.Run("read", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				k := 0
				if err := s.EachBookedLoan(ctx, access.Scope{Province: province}, day("2025-12-31"), func(records.BookedLoan) error {
					k++
					return nil
				}); err != nil || k != n {
					b.Fatalf("%d loans, %v", k, err)
				}
			}
			perLoan(b)
		})
	})
}
