package xlsx_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/adapters/xlsx/xlsxtest"
)

// Every hostile workbook is answered within about a second with a heap
// under 100 MiB above where it started: refused at the first token over a
// bound (the FileError says which), or read when it is within them all.
// (Before the reader kept a budget: the 16 KB nested sheet took 2.8 s and
// a 450 MiB heap; the 3 million shared strings 12 s, 2.5 GB allocated; the
// 200,000 rows 5.5 s and 320 MiB.)
// hostileTimeBound is the longest a hostile workbook may take to refuse.
const hostileTimeBound = 3 * time.Second

func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures time and memory: not with -short or -race")
	}
	l := sample01()
	valid := write01(t, &l)
	for _, a := range xlsxtest.Attacks {
		t.Run(a.Name, func(t *testing.T) {
			data, err := a.Build(valid)
			must(t, err)
			took, alloc, peak := xlsxtest.PeakHeap(func() {
				_, _, err = xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
			})
			t.Logf("%d bytes: %v in %v, %d MiB allocated, peak heap +%d MiB", len(data), err, took.Round(time.Millisecond), alloc>>20, peak>>20)
			if cerr := a.Check(err); cerr != nil {
				t.Error(cerr)
			}
			// Alone, the slowest attack (200,000 rows) reads in 1.3-1.6 s;
			// under go test ./... other packages' tests share the two
			// cores (2.1-2.2 s seen in CI). The bound is for a regression
			// of the kind the budget fixed (5.5 s and more), not for noise.
			// The fastest of up to three reads: a moment of contention
			// slows one read, a regression slows them all.
			for range 2 {
				if took <= hostileTimeBound {
					break
				}
				again, _, _ := xlsxtest.PeakHeap(func() {
					_, _, _ = xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
				})
				took = min(took, again)
			}
			if took > hostileTimeBound {
				t.Errorf("took %v", took)
			}
			if peak > 100<<20 {
				t.Errorf("peak heap +%d MiB", peak>>20)
			}
		})
	}
}
