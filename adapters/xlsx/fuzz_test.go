package xlsx_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// checkRead01 asserts what Read01 promises for any input: no panic; the
// error is nil, a credit.Problems (with the list, every problem located at
// a cell) or one of the three sentinel errors (with no list and no origin).
func checkRead01(t *testing.T, data []byte) {
	l, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{MaxRows: 1000})
	var ps credit.Problems
	switch {
	case err == nil || errors.As(err, &ps):
		if origin == nil || len(origin.Rows) != len(l.Rows) {
			t.Fatalf("origin %+v for %d rows", origin, len(l.Rows))
		}
		for _, p := range ps {
			if p.Row <= 0 || p.Column == "" {
				t.Fatalf("problem not located: %+v", p)
			}
		}
	case errors.Is(err, forms.ErrNotForm), errors.Is(err, forms.ErrTooManyRows), errors.Is(err, forms.ErrFileTooLarge):
		if origin != nil || len(l.Rows) != 0 {
			t.Fatalf("%v with a list or an origin", err)
		}
	default:
		t.Fatalf("unexpected error %v", err)
	}
}

// FuzzRead01 reads arbitrary bytes as a workbook. The seed corpus
// (testdata/fuzz/FuzzRead01) holds valid workbooks: an export and an
// officer's.
func FuzzRead01(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add(zipOf(f, map[string]string{"xl/workbook.xml": "<workbook/>"}))
	f.Fuzz(checkRead01)
}

// FuzzReadSheet01 reads an export whose worksheet XML is arbitrary, so
// that the fuzzer reaches the XML scanner and the table logic (mutating
// the zip archive itself mostly breaks its checksums).
func FuzzReadSheet01(f *testing.F) {
	l := sample01()
	valid := write01(f, &l)
	f.Add(part(f, valid, sheetPath))
	f.Add(part(f, officer01(f), sheetPath))
	f.Add([]byte(`<worksheet><sheetData><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>STT</t></is></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		checkRead01(t, rezip(t, valid, map[string]func(*zip.Writer){sheetPath: func(zw *zip.Writer) {
			w, err := zw.Create(sheetPath)
			must(t, err)
			_, err = w.Write(sheet)
			must(t, err)
		}}))
	})
}

const sheetPath = "xl/worksheets/sheet1.xml"

// part returns the part name of the archive data.
func part(t testing.TB, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	r, err := zr.Open(name)
	must(t, err)
	defer r.Close()
	b, err := io.ReadAll(r)
	must(t, err)
	return b
}

// TestFuzzSeeds writes the seed corpus of FuzzRead01 with -update, and
// reads every seed.
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzRead01")
	if *update {
		l := sample01()
		pl := sample02()
		seeds := map[string][]byte{
			"export01":  write01(t, &l),
			"export02":  write02(t, &pl),
			"officer01": officer01(t),
			"text":      []byte("STT;Họ và tên\n1;Lò Văn Hùng\n"),
			"zip":       zipOf(t, map[string]string{"hello.txt": "xin chào"}),
		}
		must(t, os.MkdirAll(dir, 0o755))
		for name, data := range seeds {
			must(t, os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)), 0o644))
		}
	}
	entries, err := os.ReadDir(dir)
	must(t, err)
	if len(entries) < 3 {
		t.Fatalf("%d seeds in %s (run go test -update)", len(entries), dir)
	}
}
