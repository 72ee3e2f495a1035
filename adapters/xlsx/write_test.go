package xlsx_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// The export of a fixed list, cell by cell (values, types, number formats,
// formulas), with its merged ranges, column widths and print setup.
func TestWrite01Golden(t *testing.T) {
	l := sample01()
	golden(t, "golden01.json", dumpSheet(t, write01(t, &l), xlsx.Sheet01))
}

func TestWrite02Golden(t *testing.T) {
	pl := sample02()
	golden(t, "golden02.json", dumpSheet(t, write02(t, &pl), xlsx.Sheet02))
}

// An empty list still makes a form to fill in, with a totals row of zero.
func TestWrite01Empty(t *testing.T) {
	var l forms.List01
	g := dumpSheet(t, write01(t, &l), xlsx.Sheet01)
	for name, want := range map[string]string{"A1": forms.FormNo01, "A6": forms.Title01, "A17": "Tổng cộng", "C17": "0", "L17": "0"} {
		if got := g.Cells[name].Value; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteError(t *testing.T) {
	l := sample01()
	if err := xlsx.Write01(failWriter{}, &l); err == nil {
		t.Fatal("Write01 to a failing writer: no error")
	}
	pl := sample02()
	if err := xlsx.Write02(failWriter{}, &pl); err == nil {
		t.Fatal("Write02 to a failing writer: no error")
	}
	var buf bytes.Buffer
	if err := xlsx.Write01(&buf, &l); err != nil {
		t.Fatal(err)
	}
}
