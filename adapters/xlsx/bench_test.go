package xlsx_test

import (
	"bytes"
	"context"
	"io"
	"testing"

	"github.com/vnreentry/credit/adapters/xlsx"
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
