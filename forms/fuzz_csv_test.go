package forms_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// FuzzReadCSV01: any bytes give rows or an error, never a panic, and the
// result is well formed: nil, Problems (with the rows, every problem located
// at the line and column of its cell) or one of the three sentinels (with no
// rows and no origin). Rows read without error survive WriteCSV01 and
// ReadCSV01 unchanged. The seeds are the files of testdata/csv, the golden
// list and testdata/fuzz/FuzzReadCSV01.
func FuzzReadCSV01(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "csv", "*.csv"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	var b bytes.Buffer
	if err := forms.WriteCSV01(&b, ioList01()); err == nil {
		f.Add(b.Bytes())
	}
	f.Add([]byte(ioHead01 + ioRow01 + "2,\"unterminated\r\n"))
	const max = 20
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, origin, err := forms.ReadCSV01(bytes.NewReader(data), max)
		var ps credit.Problems
		switch {
		case err == nil:
		case errors.As(err, &ps):
			if len(ps) == 0 {
				t.Fatal("an empty Problems error")
			}
			for _, p := range ps {
				rest, ok := strings.CutPrefix(p.Pointer, "/rows/")
				if !ok {
					t.Fatalf("problem %v is not at a row", p)
				}
				if p.Row <= 0 || p.Column == "" || !strings.Contains(rest, "/") {
					t.Fatalf("problem %v not located at a cell", p)
				}
				if !errors.Is(p, credit.ErrInvalid) {
					t.Fatalf("problem %v is not ErrInvalid", p)
				}
			}
		case errors.Is(err, forms.ErrNotForm), errors.Is(err, forms.ErrTooManyRows), errors.Is(err, forms.ErrFileTooLarge):
			if rows != nil || origin != nil {
				t.Fatalf("%d rows and origin %v with error %v", len(rows), origin, err)
			}
			return
		default:
			t.Fatalf("unexpected error %v", err)
		}
		if origin == nil || origin.Table != "/rows" || len(origin.Rows) != len(rows) || len(rows) > max {
			t.Fatalf("%d rows (max %d) with origin %+v", len(rows), max, origin)
		}
		for i, line := range origin.Rows {
			if line < 2 || i > 0 && line <= origin.Rows[i-1] {
				t.Fatalf("row lines %v", origin.Rows)
			}
		}
		if len(origin.Columns) == 0 {
			t.Fatal("a header row with no columns")
		}

		// What was read survives a round trip (but for rows that read as
		// nothing at all, such as a lone amount "0": written back they are
		// blank lines).
		var kept []forms.Row01
		for _, r := range rows {
			if r != (forms.Row01{}) {
				kept = append(kept, r)
			}
		}
		var out bytes.Buffer
		if err := forms.WriteCSV01(&out, &forms.List01{Rows: rows}); err != nil {
			t.Fatal(err)
		}
		back, _, err := forms.ReadCSV01(&out, max)
		if err != nil {
			t.Fatalf("ReadCSV01(WriteCSV01(rows)) error %v\n%q", err, out.Bytes())
		}
		if !reflect.DeepEqual(back, kept) {
			t.Fatalf("round trip changed the rows\ngot  %+v\nwant %+v", back, kept)
		}
	})
}
