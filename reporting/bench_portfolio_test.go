package reporting_test

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// pfBenchLoans is the number of loans of the benchmark file.
const pfBenchLoans = 1_000_000

// pfBenchFile writes pfBenchCSV(pfBenchLoans) into a temporary directory
// of b and returns its path and size.
func pfBenchFile(b *testing.B) (string, int64) {
	b.Helper()
	if testing.Short() {
		b.Skip("the 1,000,000-loan file is not made with -short")
	}
	path := filepath.Join(b.TempDir(), "loans.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	// (written as it is made, not kept: the benchmarks' peak heap is the
	// reader's)
	w := bufio.NewWriterSize(f, 1<<20)
	pfWriteCSV(w, pfBenchLoans)
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		b.Fatal(err)
	}
	return path, st.Size()
}

var pfBenchFiles = map[int][]byte{}

// pfBenchCSV returns the CSV file of n loans of pfWriteCSV, made once and
// kept.
func pfBenchCSV(n int) []byte {
	if data, ok := pfBenchFiles[n]; ok {
		return data
	}
	var w bytes.Buffer
	w.Grow(n * 120)
	pfWriteCSV(&w, n)
	pfBenchFiles[n] = w.Bytes()
	return w.Bytes()
}

// pfWriteCSV writes a CSV file of n loans to w. The file is the same at
// every run (a seeded generator): 600 communes, 90 % individuals (10 to 100
// million đồng through the four unions) and 10 % establishments (100
// million to 2 billion, direct), disbursed from 2023-11-01 to a little
// after 2026-09-30 (about 1 % after it), about 110 bytes a line.
func pfWriteCSV(w interface {
	io.Writer
	io.StringWriter
}, n int) {
	w.WriteString(strings.Join(reporting.LoanFields(), ",") + "\n")

	rng := rand.New(rand.NewPCG(22, 2023))
	first := credit.MustDate(2023, time.November, 1)
	days := make([]string, pfAsOfDays+10)
	for i := range days {
		days[i] = first.AddDays(i).String()
	}
	communes := make([]string, 600)
	for i := range communes {
		c := strconv.Itoa(100 + 7*i)
		communes[i] = strings.Repeat("0", 5-len(c)) + c
	}
	unions := []string{"farmers_union", "womens_union", "veterans_association", "youth_union"}
	sources := []string{"central", "central", "central", "central", "central", "central", "central", "local", "local", "other"}
	line := make([]byte, 0, 256)
	for i := range n {
		var amount int64
		kind, purpose, channel, jobs := "individual", "production", unions[rng.IntN(len(unions))], 1
		if rng.IntN(10) == 0 {
			kind, channel, jobs = "establishment", "direct", 1+rng.IntN(20)
			amount = int64(10+rng.IntN(191)) * 10_000_000
		} else {
			amount = int64(10+rng.IntN(91)) * 1_000_000
			if rng.IntN(5) == 0 {
				purpose, jobs = "vocational_training", 0
			}
		}
		outstanding := amount * int64(rng.IntN(11)) / 10
		var overdue int64
		if rng.IntN(10) == 0 {
			overdue = outstanding * int64(rng.IntN(11)) / 10
		}
		line = append(line[:0], "VBSP-"...)
		line = strconv.AppendInt(line, int64(10_000_000+i), 10)
		line = append(line, ',')
		line = append(line, communes[rng.IntN(len(communes))]...)
		for _, s := range []string{kind, purpose, sources[rng.IntN(len(sources))], channel, days[rng.IntN(len(days))]} {
			line = append(line, ',')
			line = append(line, s...)
		}
		for _, v := range []int64{amount, outstanding, overdue, int64(jobs)} {
			line = append(line, ',')
			line = strconv.AppendInt(line, v, 10)
		}
		line = append(line, '\n')
		w.Write(line)
	}
}

// pfAsOfDays is the number of days from 2023-11-01 to 2026-09-30.
var pfAsOfDays = pfAsOf.DaysSince(credit.MustDate(2023, time.November, 1))

// pfHeapPeak samples the heap's objects (live, and dead not yet freed)
// every millisecond from now until the returned function is called, which
// returns the largest sample in MiB. It collects garbage first, so that
// what came before counts as little as it can.
func pfHeapPeak() (stop func() float64) {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		return float64(peak) / (1 << 20)
	}
}

// BenchmarkPortfolioCSV: the loan book of 1,000,000 loans from a CSV file
// (about 110 MB): reading, checking every loan (duplicates included) and
// adding up. Target: at most twice BenchmarkParseCSVOnly's time, and a
// peak heap of at most 64 MiB.
func BenchmarkPortfolioCSV(b *testing.B) {
	path, size := pfBenchFile(b)
	b.SetBytes(size)
	b.ReportAllocs()
	peak := pfHeapPeak()
	var r reporting.Report
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		r, err = reporting.PortfolioCSV(f, pfAsOf, 2*pfBenchLoans)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(peak(), "peak-heap-MiB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pfBenchLoans, "ns/loan")
	if r.Totals.Loans < pfBenchLoans*98/100 || len(r.ByCommune) != 600 {
		b.Fatalf("%d loans in %d communes", r.Totals.Loans, len(r.ByCommune))
	}
}

// BenchmarkParseCSVOnly: the same file read with encoding/csv
// (ReuseRecord on) and nothing else: the floor PortfolioCSV is measured
// against.
func BenchmarkParseCSVOnly(b *testing.B) {
	path, size := pfBenchFile(b)
	b.SetBytes(size)
	b.ReportAllocs()
	peak := pfHeapPeak()
	for b.Loop() {
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		cr := csv.NewReader(f)
		cr.ReuseRecord = true
		n := 0
		for {
			_, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		f.Close()
		if n != pfBenchLoans+1 {
			b.Fatalf("%d records", n)
		}
	}
	b.ReportMetric(peak(), "peak-heap-MiB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pfBenchLoans, "ns/loan")
}

// BenchmarkCompareCSV: the one-year review of two 1,000,000-loan books
// read from CSV files — here the same file twice, so that every loan is
// matched by its loan_id: a Snapshot of the first (kept: each loan's ID,
// commune and outstanding), the second compared against it as a stream.
func BenchmarkCompareCSV(b *testing.B) {
	path, size := pfBenchFile(b)
	b.SetBytes(2 * size)
	b.ReportAllocs()
	peak := pfHeapPeak()
	var c reporting.Comparison
	for b.Loop() {
		var s *reporting.Snapshot
		for i := range 2 {
			f, err := os.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			if i == 0 {
				s, err = reporting.NewSnapshotCSV(f, pfAsOf, 2*pfBenchLoans)
			} else {
				c, err = s.CompareCSV(f, pfAsOf, 2*pfBenchLoans)
			}
			f.Close()
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(peak(), "peak-heap-MiB")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/pfBenchLoans, "ns/loan")
	if c.Totals.Before != c.Totals.After || c.Totals.New.Loans != 0 || c.Totals.Repaid.Loans != 0 || len(c.ByCommune) != 600 {
		b.Fatalf("the book against itself: %+v", c.Totals)
	}
}
