package xlsx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// piece is a run of the same bytes in a generated part.
type piece struct {
	data  string
	times int
}

// rep is n copies of s.
func rep(s string, n int) piece { return piece{s, n} }

// once is s alone.
func once(s string) piece { return piece{s, 1} }

// rawPart writes into zw a part name made of the pieces, compressing each
// distinct piece once and repeating its compressed blocks (each a run of
// blocks ended by a sync flush), so that a part of hundreds of megabytes
// is made in a moment. Its declared size and checksum are true.
func rawPart(t testing.TB, zw *zip.Writer, name string, pieces ...piece) {
	t.Helper()
	var (
		compressed bytes.Buffer
		crc        uint32
		size       uint64
	)
	for _, p := range pieces {
		unit := p.data
		times := p.times
		// A unit of a few bytes is grouped into about 64 KiB first.
		if k := (64 << 10) / max(1, len(unit)); k > 1 && times > k {
			group := strings.Repeat(unit, k)
			writeRepeated(t, &compressed, &crc, group, times/k)
			unit, times = p.data, times%k
		}
		writeRepeated(t, &compressed, &crc, unit, times)
		size += uint64(len(p.data)) * uint64(p.times)
	}
	var end bytes.Buffer
	fw, err := flate.NewWriter(&end, flate.BestSpeed)
	must(t, err)
	must(t, fw.Close())
	compressed.Write(end.Bytes())
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(compressed.Len()), UncompressedSize64: size,
	})
	must(t, err)
	_, err = w.Write(compressed.Bytes())
	must(t, err)
}

func writeRepeated(t testing.TB, out *bytes.Buffer, crc *uint32, unit string, times int) {
	if times == 0 || unit == "" {
		return
	}
	var one bytes.Buffer
	fw, err := flate.NewWriter(&one, flate.BestCompression)
	must(t, err)
	_, err = fw.Write([]byte(unit))
	must(t, err)
	must(t, fw.Flush())
	for range times {
		out.Write(one.Bytes())
		*crc = crc32.Update(*crc, crc32.IEEETable, []byte(unit))
	}
}

// withPart returns the valid workbook data with the part name replaced by
// the pieces.
func withPart(t testing.TB, data []byte, name string, pieces ...piece) []byte {
	t.Helper()
	return rezip(t, data, map[string]func(*zip.Writer){name: func(zw *zip.Writer) { rawPart(t, zw, name, pieces...) }})
}

// withParts is withPart for a part that may not be in data yet (added at
// the end).
func withNewPart(t testing.TB, data []byte, name string, pieces ...piece) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if zf.Name != name {
			must(t, zw.Copy(zf))
		}
	}
	rawPart(t, zw, name, pieces...)
	must(t, zw.Close())
	return buf.Bytes()
}

// headings01 is row 1 of a sheet: the headings of Mẫu 01 as inline
// strings, so that the reader takes what follows for the table.
func headings01() string {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, c := range forms.Layout01 {
		b.WriteString(`<c r="` + forms.ColumnLetters(i+1) + `1" t="inlineStr"><is><t>` + c.HeadingVI + `</t></is></c>`)
	}
	b.WriteString(`</row>`)
	return b.String()
}

const (
	sheetOpen  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetClose = `</sheetData></worksheet>`
)

// hostileWorkbook is a workbook built to cost its reader: small on the
// wire, expensive to read.
type hostileWorkbook struct {
	name string
	data func(t testing.TB, valid []byte) []byte
	want error  // nil: read (with problems or not), within the time and memory
	code string // of the *xlsx.FileError
}

// hostileWorkbooks are the attacks of issue 10 and their kin. Each is a
// valid export with one part replaced.
var hostileWorkbooks = []hostileWorkbook{
	{"sheet nested 4 million deep", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2">`), rep("<a>", 4<<20))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"workbook nested 4 million deep", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, "xl/workbook.xml", once(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`), rep("<a>", 4<<20))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"sheet nested 58 million deep", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2">`), rep("<a>", 58<<20))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"3 million shared strings", func(t testing.TB, v []byte) []byte {
		v = withNewPart(t, v, "xl/sharedStrings.xml", once(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`), rep("<si><t>x</t></si>", 3<<20), once("</sst>"))
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2"><c r="B2" t="s"><v>1</v></c></row>`+sheetClose))
	}, nil, ""},
	{"a cell of a million attributes", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2"><c r="B2"`), rep(` x="1"`, 1<<20), once(`><v>1</v></c></row>`+sheetClose))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"a row of a million cells", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2">`), rep(`<c t="inlineStr"><is><t>x</t></is></c>`, 1<<20), once(`</row>`+sheetClose))
	}, forms.ErrFileTooLarge, xlsx.CodeRowTooWide},
	{"rows with a cell in column XFD", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()), rep(`<row><c r="B1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>`, 200_000), once(sheetClose))
	}, forms.ErrTooManyRows, ""},
	{"10 million empty elements", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()), rep(`<x/>`, 10<<20), once(sheetClose))
	}, nil, ""},
	{"a cell of 16 MB of text", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+`<row r="2"><c r="B2" t="inlineStr"><is><t>`), rep("x", 16<<20), once(`</t></is></c></row>`+sheetClose))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"a million rows numbered 1048576", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()), rep(`<row r="1048576"></row>`, 1<<20), once(sheetClose))
	}, forms.ErrNotForm, xlsx.CodeDamaged},
	{"400 cells of 500 KB of text", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()),
			rep(`<row><c t="inlineStr"><is><t>`+strings.Repeat("x", 500<<10)+`</t></is></c></row>`, 400), once(sheetClose))
	}, forms.ErrFileTooLarge, xlsx.CodeTooMuchText},
	{"a comment of 190 MB", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+"<!--"), rep("x", 190<<20), once("-->"+sheetClose))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"190 MB after the table", func(t testing.TB, v []byte) []byte {
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()+"</sheetData><x>"), rep("x", 190<<20), once("</x></worksheet>"))
	}, nil, ""},
	{"200,000 rows of 13 cells", func(t testing.TB, v []byte) []byte {
		var row strings.Builder
		row.WriteString(`<row>`)
		for range forms.Layout01 {
			row.WriteString(`<c t="inlineStr"><is><t>x</t></is></c>`)
		}
		row.WriteString(`</row>`)
		return withPart(t, v, sheetPath, once(sheetOpen+headings01()), rep(row.String(), 200_000), once(sheetClose))
	}, forms.ErrTooManyRows, ""},
}

// peakHeap runs f and returns how long it took, the bytes it allocated and
// the peak of the heap above where it started (sampled every millisecond).
func peakHeap(f func()) (took time.Duration, alloc, peak uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
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

// Every hostile workbook is answered within about a second with a bounded
// heap, with ErrFileTooLarge, ErrTooManyRows or ErrNotForm (or, for a
// sheet that is only large, problems).
func TestHostileWorkbooks(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("measures time and memory: not with -short or -race")
	}
	l := sample01()
	valid := write01(t, &l)
	for _, hw := range hostileWorkbooks {
		t.Run(hw.name, func(t *testing.T) {
			data := hw.data(t, valid)
			var err error
			took, alloc, peak := peakHeap(func() {
				_, _, err = xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
			})
			t.Logf("%d bytes: %v in %v, %d MiB allocated, peak heap +%d MiB", len(data), err, took.Round(time.Millisecond), alloc>>20, peak>>20)
			var ps credit.Problems
			if hw.want == nil && err != nil && !errors.As(err, &ps) || hw.want != nil && !errors.Is(err, hw.want) {
				t.Errorf("Read01: %v, want %v", err, hw.want)
			}
			var fe *xlsx.FileError
			if hw.code != "" && (!errors.As(err, &fe) || fe.Code != hw.code || fe.Message.VI == "" || fe.Message.EN == "") {
				t.Errorf("Read01: %#v, want a FileError %s", err, hw.code)
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
