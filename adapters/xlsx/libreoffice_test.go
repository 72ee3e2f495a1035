package xlsx_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/vnreentry/credit/adapters/xlsx"
)

// Workbooks saved by another spreadsheet program read as the list and the
// plan they hold. The files in testdata were made by LibreOffice Calc
// (headless, "--convert-to xlsx") from Write01 and Write02 of the samples
// and from the officer's workbook: its writer lays the parts out its own
// way (shared strings with rich-text runs, styles, cell references on every
// cell, a different workbook part). go test -update makes them again when
// soffice is installed.
func TestReadLibreOffice(t *testing.T) {
	l := sample01()
	pl := sample02()
	sources := map[string][]byte{
		"libreoffice-01.xlsx":        write01(t, &l),
		"libreoffice-02.xlsx":        write02(t, &pl),
		"libreoffice-officer01.xlsx": officer01(t),
	}
	if *update {
		soffice, err := exec.LookPath("soffice")
		if err != nil {
			t.Fatalf("-update needs LibreOffice: %v", err)
		}
		in, out := t.TempDir(), t.TempDir()
		for name, data := range sources {
			must(t, os.WriteFile(filepath.Join(in, name), data, 0o644))
			cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+t.TempDir(),
				"--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, filepath.Join(in, name))
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
			data, err := os.ReadFile(filepath.Join(out, name))
			must(t, err)
			must(t, os.WriteFile(filepath.Join("testdata", name), data, 0o644))
		}
	}
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		must(t, err)
		return data
	}
	ctx := context.Background()
	got01, _, err := xlsx.Read01(ctx, bytes.NewReader(read("libreoffice-01.xlsx")), xlsx.Options{})
	if err != nil || !reflect.DeepEqual(got01, l) {
		t.Errorf("Mẫu 01 saved by LibreOffice: %v\n got %+v\nwant %+v", err, got01, l)
	}
	got02, _, err := xlsx.Read02(ctx, bytes.NewReader(read("libreoffice-02.xlsx")), xlsx.Options{})
	if err != nil || !reflect.DeepEqual(got02, pl) {
		t.Errorf("Mẫu 02 saved by LibreOffice: %v\n got %+v\nwant %+v", err, got02, pl)
	}
	want, wantOrigin, wantErr := xlsx.Read01(ctx, bytes.NewReader(sources["libreoffice-officer01.xlsx"]), xlsx.Options{})
	got, origin, err := xlsx.Read01(ctx, bytes.NewReader(read("libreoffice-officer01.xlsx")), xlsx.Options{})
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(origin, wantOrigin) || (err == nil) != (wantErr == nil) {
		t.Errorf("the officer's workbook saved by LibreOffice:\n got %+v %+v %v\nwant %+v %+v %v", got, origin, err, want, wantOrigin, wantErr)
	}
}
