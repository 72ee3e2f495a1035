// Package xlsxtest builds workbooks for tests: parts of any size made in a
// moment (Part, Replace), and the hostile workbooks that the reader of
// package xlsx is tested against (Attacks) — small on the wire, built to
// cost their reader time and memory — for a server that takes uploads to
// test itself with, and PeakHeap to measure what reading one costs.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// Piece is a run of the same bytes in a generated part: Data, Times times.
type Piece struct {
	Data  string
	Times int
}

// Rep is n copies of s.
func Rep(s string, n int) Piece { return Piece{s, n} }

// Once is s alone.
func Once(s string) Piece { return Piece{s, 1} }

// Part writes into zw a part name made of the pieces. Each distinct run is
// compressed once and its compressed blocks (a run of blocks ended by a
// sync flush) repeated, so that a part of hundreds of megabytes is made in
// a moment; its declared size and checksum are true.
func Part(zw *zip.Writer, name string, pieces ...Piece) error {
	var (
		compressed bytes.Buffer
		crc        uint32
		size       uint64
	)
	for _, p := range pieces {
		unit, times := p.Data, p.Times
		// A unit of a few bytes is grouped into about 64 KiB first.
		if k := (64 << 10) / max(1, len(unit)); k > 1 && times > k {
			if err := repeated(&compressed, &crc, strings.Repeat(unit, k), times/k); err != nil {
				return err
			}
			times %= k
		}
		if err := repeated(&compressed, &crc, unit, times); err != nil {
			return err
		}
		size += uint64(len(p.Data)) * uint64(max(0, p.Times))
	}
	var end bytes.Buffer
	fw, err := flate.NewWriter(&end, flate.BestSpeed)
	if err != nil {
		return err
	}
	if err := fw.Close(); err != nil {
		return err
	}
	compressed.Write(end.Bytes())
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, CRC32: crc,
		CompressedSize64: uint64(compressed.Len()), UncompressedSize64: size,
	})
	if err != nil {
		return err
	}
	_, err = w.Write(compressed.Bytes())
	return err
}

func repeated(out *bytes.Buffer, crc *uint32, unit string, times int) error {
	if times <= 0 || unit == "" {
		return nil
	}
	var one bytes.Buffer
	fw, err := flate.NewWriter(&one, flate.BestCompression)
	if err != nil {
		return err
	}
	if _, err := fw.Write([]byte(unit)); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	for range times {
		out.Write(one.Bytes())
		*crc = crc32.Update(*crc, crc32.IEEETable, []byte(unit))
	}
	return nil
}

// Replace returns the workbook data with its part name made of the pieces
// (added at the end if data has no such part).
func Replace(data []byte, name string, pieces ...Piece) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	done := false
	for _, zf := range zr.File {
		if zf.Name != name {
			if err := zw.Copy(zf); err != nil {
				return nil, err
			}
			continue
		}
		if err := Part(zw, name, pieces...); err != nil {
			return nil, err
		}
		done = true
	}
	if !done {
		if err := Part(zw, name, pieces...); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Part names of a workbook as xlsx.Write01 writes it.
const (
	SheetPart         = "xl/worksheets/sheet1.xml"
	WorkbookPart      = "xl/workbook.xml"
	SharedStringsPart = "xl/sharedStrings.xml"
)

// Pieces of a worksheet.
const (
	SheetOpen  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	SheetClose = `</sheetData></worksheet>`
)

// Headings01 is row 1 of a sheet: the headings of Mẫu 01 as inline
// strings, so that a reader takes the rows after it for the table.
func Headings01() string {
	var b strings.Builder
	b.WriteString(`<row r="1">`)
	for i, c := range forms.Layout01 {
		b.WriteString(`<c r="` + forms.ColumnLetters(i+1) + `1" t="inlineStr"><is><t>` + c.HeadingVI + `</t></is></c>`)
	}
	b.WriteString(`</row>`)
	return b.String()
}

// Attack is a hostile workbook: Build makes it from a valid Mẫu 01
// workbook (xlsx.Write01's), replacing one part. Want is what xlsx.Read01
// answers (nil: the workbook is read, with problems or not, because it is
// within every bound however odd) and Code the *xlsx.FileError's code.
type Attack struct {
	Name  string
	Build func(valid []byte) ([]byte, error)
	Want  error
	Code  string
}

func sheet(pieces ...Piece) func([]byte) ([]byte, error) {
	return func(v []byte) ([]byte, error) { return Replace(v, SheetPart, pieces...) }
}

// Attacks are the hostile workbooks of issue 10 and their kin, each a few
// kilobytes to a few hundred on the wire. Before the reader kept a budget,
// the first cost 2.8 s and a 450 MiB heap, and the third (176 KB) 61 s and
// 6 GB.
var Attacks = []Attack{
	{"sheet nested 4 million deep", sheet(Once(SheetOpen+Headings01()+`<row r="2">`), Rep("<a>", 4<<20)),
		forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"workbook nested 4 million deep", func(v []byte) ([]byte, error) {
		return Replace(v, WorkbookPart, Once(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`), Rep("<a>", 4<<20))
	}, forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"sheet nested 58 million deep", sheet(Once(SheetOpen+Headings01()+`<row r="2">`), Rep("<a>", 58<<20)),
		forms.ErrFileTooLarge, xlsx.CodeXMLTooDeep},
	{"3 million shared strings", func(v []byte) ([]byte, error) {
		v, err := Replace(v, SharedStringsPart, Once(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`),
			Rep("<si><t>x</t></si>", 3<<20), Once("</sst>"))
		if err != nil {
			return nil, err
		}
		return Replace(v, SheetPart, Once(SheetOpen+Headings01()+`<row r="2"><c r="B2" t="s"><v>1</v></c></row>`+SheetClose))
	}, nil, ""},
	{"a cell of a million attributes", sheet(Once(SheetOpen+Headings01()+`<row r="2"><c r="B2"`), Rep(` x="1"`, 1<<20),
		Once(`><v>1</v></c></row>`+SheetClose)), forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"a row of a million cells", sheet(Once(SheetOpen+Headings01()+`<row r="2">`), Rep(`<c t="inlineStr"><is><t>x</t></is></c>`, 1<<20),
		Once(`</row>`+SheetClose)), forms.ErrFileTooLarge, xlsx.CodeRowTooWide},
	{"rows with a cell in column XFD", sheet(Once(SheetOpen+Headings01()), Rep(`<row><c r="B1"><v>1</v></c><c r="XFD1"><v>1</v></c></row>`, 200_000),
		Once(SheetClose)), forms.ErrTooManyRows, ""},
	{"10 million empty elements", sheet(Once(SheetOpen+Headings01()), Rep(`<x/>`, 10<<20), Once(SheetClose)), nil, ""},
	{"a cell of 16 MB of text", sheet(Once(SheetOpen+Headings01()+`<row r="2"><c r="B2" t="inlineStr"><is><t>`), Rep("x", 16<<20),
		Once(`</t></is></c></row>`+SheetClose)), forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"a million rows numbered 1048576", sheet(Once(SheetOpen+Headings01()), Rep(`<row r="1048576"></row>`, 1<<20), Once(SheetClose)),
		forms.ErrNotForm, xlsx.CodeDamaged},
	{"400 cells of 500 KB of text", sheet(Once(SheetOpen+Headings01()),
		Rep(`<row><c t="inlineStr"><is><t>`+strings.Repeat("x", 500<<10)+`</t></is></c></row>`, 400), Once(SheetClose)),
		forms.ErrFileTooLarge, xlsx.CodeTooMuchText},
	{"a comment of 190 MB", sheet(Once(SheetOpen+Headings01()+"<!--"), Rep("x", 190<<20), Once("-->"+SheetClose)),
		forms.ErrFileTooLarge, xlsx.CodeXMLTokenTooLong},
	{"190 MB after the table", sheet(Once(SheetOpen+Headings01()+"</sheetData><x>"), Rep("x", 190<<20), Once("</x></worksheet>")), nil, ""},
	{"a document type", sheet(Once(`<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>` + SheetOpen + `<row><c t="inlineStr"><is><t>&b;</t></is></c></row>` + SheetClose)),
		forms.ErrNotForm, xlsx.CodeDamaged},
	{"200,000 rows of 13 cells", sheet(Once(SheetOpen+Headings01()),
		Rep(`<row>`+strings.Repeat(`<c t="inlineStr"><is><t>x</t></is></c>`, len(forms.Layout01))+`</row>`, 200_000), Once(SheetClose)),
		forms.ErrTooManyRows, ""},
}

// Check reports whether err is what the attack's reader should answer.
func (a *Attack) Check(err error) error {
	if a.Want == nil {
		var fe *xlsx.FileError
		if errors.As(err, &fe) || errors.Is(err, forms.ErrTooManyRows) {
			return errors.New("xlsxtest: " + a.Name + ": refused (" + err.Error() + "), want read")
		}
		return nil
	}
	if !errors.Is(err, a.Want) {
		return errors.New("xlsxtest: " + a.Name + ": " + errString(err) + ", want " + a.Want.Error())
	}
	var fe *xlsx.FileError
	if a.Code != "" && (!errors.As(err, &fe) || fe.Code != a.Code || fe.Message.VI == "" || fe.Message.EN == "") {
		return errors.New("xlsxtest: " + a.Name + ": " + errString(err) + ", want a FileError " + a.Code)
	}
	return nil
}

func errString(err error) string {
	if err == nil {
		return "no error"
	}
	return err.Error()
}

// PeakHeap runs f and returns how long it took, the bytes it allocated and
// the peak of the heap above where it started, sampled every millisecond.
// The collector runs whenever the heap grows a tenth, not the default
// double, meanwhile: the peak is then what f holds, not the garbage the
// collector lets pile up in proportion to whatever else the process holds
// (a fuzzing worker holds much). It is for tests, one measurement at a
// time.
func PeakHeap(f func()) (took time.Duration, alloc, peak uint64) {
	defer debug.SetGCPercent(debug.SetGCPercent(10))
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	base := read()
	top := base
	done := make(chan struct{})
	var wg sync.WaitGroup
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
