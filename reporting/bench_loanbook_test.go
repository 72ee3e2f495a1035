package reporting_test

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"testing"
	"time"

	"github.com/vnreentry/credit/reporting"
)

// pfBookSizes are the sizes of the loan book the in-memory benchmarks
// measure.
var pfBookSizes = []int{10_000, 100_000, 1_000_000}

// pfParseStd reads data with encoding/csv (ReuseRecord on) and nothing
// else: the floor the loan book is measured against.
func pfParseStd(b *testing.B, data []byte) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	for {
		_, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// pfParseOwn reads data with the package's own CSV reader and nothing
// else: the second floor.
func pfParseOwn(b *testing.B, data []byte, n int) {
	got, err := reporting.ReadCSVRecords(bytes.NewReader(data))
	if err != nil || got != n+1 {
		b.Fatalf("%d records, %v", got, err)
	}
}

func pfPortfolio(b *testing.B, data []byte, n int) {
	r, err := reporting.PortfolioCSV(bytes.NewReader(data), pfAsOf, 2*n)
	if err != nil {
		b.Fatal(err)
	}
	if r.Totals.Loans < n*98/100 {
		b.Fatalf("%d loans", r.Totals.Loans)
	}
}

func pfCompare(b *testing.B, data []byte, n int) {
	s, err := reporting.NewSnapshotCSV(bytes.NewReader(data), pfAsOf, 2*n)
	if err != nil {
		b.Fatal(err)
	}
	c, err := s.CompareCSV(bytes.NewReader(data), pfAsOf, 2*n)
	if err != nil {
		b.Fatal(err)
	}
	if c.Totals.Before != c.Totals.After || c.Totals.New.Loans != 0 || c.Totals.Repaid.Loans != 0 {
		b.Fatalf("the book against itself: %+v", c.Totals)
	}
}

// BenchmarkLoanBook: the loan book with the file in memory, at each size,
// one part at a time: the floors (encoding/csv, and the package's own
// reader), PortfolioCSV, and the comparison of the book with itself
// (NewSnapshotCSV then CompareCSV: two reads of the file).
func BenchmarkLoanBook(b *testing.B) {
	for _, n := range pfBookSizes {
		data := pfBenchCSV(n)
		name := "loans=" + strconv.Itoa(n)
		b.Run("parse-csv/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				pfParseStd(b, data)
			}
		})
		b.Run("parse-own/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				pfParseOwn(b, data, n)
			}
		})
		b.Run("portfolio/"+name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				pfPortfolio(b, data, n)
			}
		})
		b.Run("compare/"+name, func(b *testing.B) {
			b.SetBytes(2 * int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				pfCompare(b, data, n)
			}
		})
	}
}

// BenchmarkLoanBookRatio: the loan book against the parse floors, in
// interleaved rounds (each round runs encoding/csv's parse, the package's
// own reader's, PortfolioCSV and the comparison once, back to back, so
// that the machine's drift touches all alike), with the file in memory.
// It reports each one's time a loan and the ratios: portfolio/csv is
// PortfolioCSV over encoding/csv's parse, compare/csv the comparison (two
// reads) over two parses; own/csv is the package's own reader over
// encoding/csv, and portfolio/own and compare/own are measured against it.
// The ratios are of elapsed time; those ending in -cpu of the CPU time the
// process used (on a shared machine, without the time others held it).
func BenchmarkLoanBookRatio(b *testing.B) {
	for _, n := range pfBookSizes {
		data := pfBenchCSV(n)
		b.Run("loans="+strconv.Itoa(n), func(b *testing.B) {
			var wall, cpu [4]time.Duration // csv, own, portfolio, compare
			run := []func(){
				func() { pfParseStd(b, data) },
				func() { pfParseOwn(b, data, n) },
				func() { pfPortfolio(b, data, n) },
				func() { pfCompare(b, data, n) },
			}
			for b.Loop() {
				for k, f := range run {
					t, c := time.Now(), pfCPUTime()
					f()
					wall[k] += time.Since(t)
					cpu[k] += pfCPUTime() - c
				}
			}
			per := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) / float64(n) }
			ratio := func(d [4]time.Duration, k, floor int, reads float64) float64 {
				return float64(d[k]) / (reads * float64(d[floor]))
			}
			b.ReportMetric(per(wall[0]), "csv-ns/loan")
			b.ReportMetric(per(wall[1]), "own-ns/loan")
			b.ReportMetric(per(wall[2]), "portfolio-ns/loan")
			b.ReportMetric(per(wall[3]), "compare-ns/loan")
			for _, d := range []struct {
				suffix string
				t      [4]time.Duration
			}{{"", wall}, {"-cpu", cpu}} {
				if d.t[0] == 0 {
					continue
				}
				b.ReportMetric(ratio(d.t, 1, 0, 1), "own/csv"+d.suffix)
				b.ReportMetric(ratio(d.t, 2, 0, 1), "portfolio/csv"+d.suffix)
				b.ReportMetric(ratio(d.t, 3, 0, 2), "compare/csv"+d.suffix)
				b.ReportMetric(ratio(d.t, 2, 1, 1), "portfolio/own"+d.suffix)
				b.ReportMetric(ratio(d.t, 3, 1, 2), "compare/own"+d.suffix)
			}
		})
	}
}
