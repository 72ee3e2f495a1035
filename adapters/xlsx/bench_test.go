package xlsx_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/adapters/xlsx/xlsxtest"
)

// Writing a list of 10,000 rows (target ≤ 2 s).
func BenchmarkWrite01_10000(b *testing.B) {
	l := manyRows01(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Write01(io.Discard, &l); err != nil {
			b.Fatal(err)
		}
	}
}

// Reading a list of 10,000 rows (target ≤ 2 s).
func BenchmarkRead01_10000(b *testing.B) {
	l := manyRows01(10_000)
	data := write01(b, &l)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
		if err != nil || len(got.Rows) != 10_000 {
			b.Fatal(len(got.Rows), err)
		}
	}
}

// Reading hostile workbooks (xlsxtest.Attacks): each is refused at the
// first token over a bound, or read within them all. One op is one read.
func BenchmarkReadHostile(b *testing.B) {
	l := sample01()
	valid := write01(b, &l)
	for _, a := range xlsxtest.Attacks {
		switch a.Name {
		case "sheet nested 4 million deep", "3 million shared strings", "a row of a million cells",
			"10 million empty elements", "a cell of 16 MB of text", "200,000 rows of 13 cells":
		default:
			continue
		}
		data, err := a.Build(valid)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(strings.ReplaceAll(a.Name, " ", "_"), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				_, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
				if cerr := a.Check(err); cerr != nil {
					b.Fatal(cerr)
				}
			}
		})
	}
}
