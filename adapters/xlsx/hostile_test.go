package xlsx_test

import (
	"bytes"
	"context"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/adapters/xlsx/xlsxtest"
)

// peakHeap runs f and returns how long it took, the bytes it allocated and
// the peak of the heap above where it started (sampled every millisecond).
func peakHeap(f func()) (took time.Duration, alloc, peak uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	// A collection when the heap grows a tenth, not the default double:
	// the peak is then what the work holds, not the garbage the collector
	// lets pile up in proportion to whatever else the process holds (a
	// fuzzing worker holds much).
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	base := read()
	var (
		wg   sync.WaitGroup
		top  = base
		done = make(chan struct{})
	)
	wg.Go(func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				top = max(top, read())
			}
		}
	})
	start := time.Now()
	f()
	took = time.Since(start)
	close(done)
	wg.Wait()
	top = max(top, read())
	runtime.ReadMemStats(&m1)
	return took, m1.TotalAlloc - m0.TotalAlloc, top - base
}

// Every hostile workbook is answered within about a second with a heap
// under 100 MiB above where it started: refused at the first token over a
// bound (the FileError says which), or read when it is within them all.
// (Before the reader kept a budget: the 16 KB nested sheet took 2.8 s and
// a 450 MiB heap; the 3 million shared strings 12 s, 2.5 GB allocated; the
// 200,000 rows 5.5 s and 320 MiB.)
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
			took, alloc, peak := peakHeap(func() {
				_, _, err = xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
			})
			t.Logf("%d bytes: %v in %v, %d MiB allocated, peak heap +%d MiB", len(data), err, took.Round(time.Millisecond), alloc>>20, peak>>20)
			if cerr := a.Check(err); cerr != nil {
				t.Error(cerr)
			}
			if took > 2*time.Second {
				t.Errorf("took %v", took)
			}
			if peak > 100<<20 {
				t.Errorf("peak heap +%d MiB", peak>>20)
			}
		})
	}
}
