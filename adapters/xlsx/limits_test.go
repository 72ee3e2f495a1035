package xlsx_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// zipOf makes a zip archive of the named parts.
func zipOf(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, err := zw.Create(name)
		must(t, err)
		_, err = io.WriteString(w, body)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

// rezip copies the archive data, replacing the parts in repl (a function
// writing the part into zw) and keeping the others.
func rezip(t testing.TB, data []byte, repl map[string]func(zw *zip.Writer)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if write, ok := repl[zf.Name]; ok {
			write(zw)
			continue
		}
		must(t, zw.Copy(zf))
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func TestReadBadFiles(t *testing.T) {
	l := sample01()
	valid := write01(t, &l)
	var encrypted bytes.Buffer
	{
		f, err := excelize.OpenReader(bytes.NewReader(valid))
		must(t, err)
		must(t, f.Write(&encrypted, excelize.Options{Password: "secret"}))
		f.Close()
	}
	badChecksum := damage(t, valid, "xl/worksheets/sheet1.xml")
	noHeadings := workbook(t, "Sheet1", func(f *excelize.File, s string) {
		must(t, f.SetCellStr(s, "A1", "Báo cáo tháng 11"))
		must(t, f.SetCellStr(s, "A2", "Họ và tên"))
		must(t, f.SetCellStr(s, "B2", "Ghi chú"))
	})
	emptySheet := workbook(t, "Sheet1", func(*excelize.File, string) {})
	onlyTable := workbook(t, "Sheet1", func(f *excelize.File, s string) {
		var head []any
		for _, c := range forms.Layout01 {
			head = append(head, c.HeadingVI)
		}
		must(t, f.SetSheetRow(s, "A1", &head))
	})
	for _, tc := range []struct {
		name string
		data []byte
		want error
	}{
		{"empty", nil, forms.ErrNotForm},
		{"text", []byte("STT,Họ và tên,Ngày sinh\n1,Lò Văn Hùng,12/04/1988\n"), forms.ErrNotForm},
		{"old .xls (OLE)", append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 1024)...), forms.ErrNotForm},
		{"encrypted workbook", encrypted.Bytes(), forms.ErrNotForm},
		{"zip of a text file", zipOf(t, map[string]string{"hello.txt": "xin chào"}), forms.ErrNotForm},
		{"zip with a broken workbook", zipOf(t, map[string]string{"[Content_Types].xml": "<Types", "xl/workbook.xml": "<<<"}), forms.ErrNotForm},
		{"truncated", valid[:len(valid)/2], forms.ErrNotForm},
		{"bad checksum", badChecksum, forms.ErrNotForm},
		{"no headings", noHeadings, forms.ErrNotForm},
		{"empty sheet", emptySheet, forms.ErrNotForm},
		{"headings only", onlyTable, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(tc.data), xlsx.Options{})
			if tc.want == nil {
				if err != nil || origin == nil || len(got.Rows) != 0 {
					t.Errorf("Read01 = %+v, %v", got, err)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Read01: %v, want %v", err, tc.want)
			}
			if origin != nil || !reflectZero(got) {
				t.Errorf("with %v: a list or an origin is returned", err)
			}
		})
	}
}

// damage copies the archive data with a wrong checksum for the part name.
func damage(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, zf := range zr.File {
		if zf.Name != name {
			must(t, zw.Copy(zf))
			continue
		}
		raw, err := zf.OpenRaw()
		must(t, err)
		h := zf.FileHeader
		h.CRC32++
		w, err := zw.CreateRaw(&h)
		must(t, err)
		_, err = io.Copy(w, raw)
		must(t, err)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func reflectZero(l forms.List01) bool {
	return l.Province == "" && l.Rows == nil && l.PreparedOn.IsZero()
}

// tooManyRows writes a workbook of n data rows (a name each) under the
// headings of Mẫu 01, streaming, into a temporary file.
func tooManyRows(t testing.TB, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	must(t, err)
	head := make([]any, len(forms.Layout01))
	for i, c := range forms.Layout01 {
		head[i] = c.HeadingVI
	}
	must(t, sw.SetRow("A1", head))
	row := []any{nil, "Lò Văn Hùng"}
	for i := range n {
		must(t, sw.SetRow("A"+strconv.Itoa(i+2), row))
	}
	must(t, sw.Flush())
	path := filepath.Join(t.TempDir(), "rows.xlsx")
	must(t, f.SaveAs(path))
	return path
}

func TestReadTooManyRows(t *testing.T) {
	path := tooManyRows(t, 1001)
	file, err := os.Open(path)
	must(t, err)
	defer file.Close()
	if _, _, err := xlsx.Read01(context.Background(), file, xlsx.Options{MaxRows: 1000}); !errors.Is(err, forms.ErrTooManyRows) {
		t.Errorf("1,001 rows, MaxRows 1,000: %v, want ErrTooManyRows", err)
	}
}

// A million rows: the reader stops at the row after forms.MaxRows, reading
// the sheet as a stream.
func TestReadMillionRows(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a million rows: not with -short or -race (TestReadTooManyRows is the small case)")
	}
	start := time.Now()
	path := tooManyRows(t, 1_000_001)
	fi, err := os.Stat(path)
	must(t, err)
	t.Logf("wrote 1,000,001 rows: %d bytes in %v", fi.Size(), time.Since(start))
	file, err := os.Open(path)
	must(t, err)
	defer file.Close()
	tmp := t.TempDir() // nothing is unpacked to a temporary file (excelize did)
	t.Setenv("TMPDIR", tmp)
	start = time.Now()
	_, _, err = xlsx.Read01(context.Background(), file, xlsx.Options{})
	if !errors.Is(err, forms.ErrTooManyRows) {
		t.Fatalf("Read01: %v, want ErrTooManyRows", err)
	}
	t.Logf("Read01: %v in %v", err, time.Since(start))
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// bombPart writes into zw a part name that unpacks to size bytes of
// repeated XML, declaring declared bytes (size, honestly; less, a lie).
// The deflate stream is one compressed chunk repeated: each copy is a
// self-contained run of blocks ended by a sync flush.
func bombPart(t testing.TB, zw *zip.Writer, name string, size, declared int64) {
	t.Helper()
	chunk := bytes.Repeat([]byte("<c/>"), 1<<18) // 1 MiB
	var one, end bytes.Buffer
	fw, err := flate.NewWriter(&one, flate.BestCompression)
	must(t, err)
	_, err = fw.Write(chunk)
	must(t, err)
	must(t, fw.Flush())
	fw, err = flate.NewWriter(&end, flate.BestCompression)
	must(t, err)
	must(t, fw.Close())
	n := int(size / int64(len(chunk)))
	compressed := append(bytes.Repeat(one.Bytes(), n), end.Bytes()...)
	var crc uint32
	for range n {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		CRC32:              crc,
		CompressedSize64:   uint64(len(compressed)),
		UncompressedSize64: uint64(declared),
	})
	must(t, err)
	_, err = w.Write(compressed)
	must(t, err)
}

// The bombs are real: a part made by bombPart unpacks to its size.
func TestBombPart(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	bombPart(t, zw, "bomb.xml", 32<<20, 32<<20)
	must(t, zw.Close())
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	must(t, err)
	r, err := zr.File[0].Open()
	must(t, err)
	n, err := io.Copy(io.Discard, r)
	if err != nil || n != 32<<20 {
		t.Fatalf("unpacked %d bytes, %v", n, err)
	}
	t.Logf("%d bytes unpack to %d", buf.Len(), n)
}

func TestReadZipBomb(t *testing.T) {
	l := sample01()
	valid := write01(t, &l)
	const size = 320 << 20
	sheet := "xl/worksheets/sheet1.xml"
	manyParts := func() []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range 20_000 {
			_, err := zw.CreateHeader(&zip.FileHeader{Name: "p" + strconv.Itoa(i), Method: zip.Store})
			must(t, err)
		}
		must(t, zw.Close())
		return buf.Bytes()
	}
	for _, tc := range []struct {
		name string
		data func() []byte
	}{
		{"sheet of 320 MiB", func() []byte {
			return rezip(t, valid, map[string]func(*zip.Writer){sheet: func(zw *zip.Writer) { bombPart(t, zw, sheet, size, size) }})
		}},
		{"sheet of 320 MiB declaring 1 MiB", func() []byte {
			return rezip(t, valid, map[string]func(*zip.Writer){sheet: func(zw *zip.Writer) { bombPart(t, zw, sheet, size, 1<<20) }})
		}},
		{"styles of 32 MiB", func() []byte {
			const styles = "xl/styles.xml"
			return rezip(t, valid, map[string]func(*zip.Writer){styles: func(zw *zip.Writer) { bombPart(t, zw, styles, 32<<20, 32<<20) }})
		}},
		{"20,000 parts", manyParts},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data()
			t.Logf("%d bytes", len(data))
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
			runtime.ReadMemStats(&after)
			if !errors.Is(err, forms.ErrFileTooLarge) {
				t.Fatalf("Read01: %v, want ErrFileTooLarge", err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("allocated %d MiB reading a zip bomb", alloc>>20)
			} else {
				t.Logf("allocated %.1f MiB", float64(alloc)/(1<<20))
			}
		})
	}
}
