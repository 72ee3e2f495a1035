package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vnreentry/credit/forms"
)

// pkg makes a zip archive of the parts, in the order given (name, body,
// name, body, …).
func pkg(t *testing.T, parts ...string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(parts[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

const (
	testRootRels = `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	testBookRels = `<Relationships>` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
		`</Relationships>`
	testBook = `<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="true"/>` +
		`<sheets><sheet name="Tên &amp; số" sheetId="1" r:id="rId1"/></sheets></workbook>`
)

// sheetRows reads every row of the first sheet of zr.
func sheetRows(t *testing.T, zr *zip.Reader) ([][]string, []int, error) {
	t.Helper()
	wb, err := openWorkbook(context.Background(), zr, 100)
	if err != nil {
		return nil, nil, err
	}
	r, ok, err := wb.openRows(wb.sheets[0].path)
	if err != nil || !ok {
		return nil, nil, err
	}
	var (
		out [][]string
		ns  []int
	)
	for {
		cells, more, err := r.next()
		if err != nil {
			return out, ns, err
		}
		if !more {
			return out, ns, r.close(true)
		}
		out = append(out, cells)
		ns = append(ns, r.n)
	}
}

func TestWorkbookParts(t *testing.T) {
	zr := pkg(t, "_rels/.rels", testRootRels, "xl/_rels/workbook.xml.rels", testBookRels, "xl/workbook.xml", testBook,
		"xl/worksheets/sheet1.xml", `<worksheet><sheetData/></worksheet>`)
	wb, err := openWorkbook(context.Background(), zr, 100)
	if err != nil {
		t.Fatal(err)
	}
	if !wb.date1904 || len(wb.sheets) != 1 || wb.sheets[0] != (sheetRef{"Tên & số", "xl/worksheets/sheet1.xml"}) || wb.sstPath != "xl/sharedstrings.xml" {
		t.Errorf("workbook %+v", wb)
	}
	// The workbook part elsewhere, named in _rels/.rels, with a
	// relationship to an absolute target, names in another case.
	zr = pkg(t, "_rels/.rels", strings.Replace(testRootRels, "xl/workbook.xml", "/Book/Main.xml", 1),
		"book/_rels/main.xml.rels", `<Relationships><Relationship Id="a" Type="x/worksheet" Target="/Book/S.xml"/></Relationships>`,
		"Book/Main.xml", `<workbook><sheets><sheet name="A" r:id="a"/></sheets></workbook>`,
		"book/s.xml", `<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>`)
	rows, _, err := sheetRows(t, zr)
	if err != nil || len(rows) != 1 || rows[0][0] != "1" {
		t.Errorf("rows %q, %v", rows, err)
	}
	for _, tc := range []struct {
		name  string
		parts []string
	}{
		{"no workbook part", []string{"a.txt", "x"}},
		{"no sheets", []string{"xl/workbook.xml", `<workbook><sheets/></workbook>`}},
		{"a sheet without a relationship", []string{"xl/workbook.xml", `<workbook><sheets><sheet name="A" r:id="rId9"/></sheets></workbook>`, "xl/_rels/workbook.xml.rels", testBookRels}},
		{"damaged workbook", []string{"xl/workbook.xml", `<workbook><sheets>`}},
		{"damaged relationships", []string{"_rels/.rels", `<Relationships><Relationship`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := openWorkbook(context.Background(), pkg(t, tc.parts...), 100); !errors.Is(err, forms.ErrNotForm) {
				t.Errorf("error %v, want ErrNotForm", err)
			}
		})
	}
}

func TestSheetCells(t *testing.T) {
	sst := `<sst count="4"><si><t>Họ và tên</t></si>` +
		`<si><r><rPr><b/></rPr><t xml:space="preserve">Lò </t></r><r><t>Văn Hùng</t></r><rPh><t>ろ</t></rPh></si>` +
		`<si><t>a_x000D__x000A_b _x005F_x0041_ _xZZZZ_</t></si>` +
		`<si/></sst>`
	for _, tc := range []struct {
		name  string
		sheet string
		want  [][]string
		ns    []int
		err   error
	}{
		{"shared, inline, number, boolean, formula, date",
			`<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v> 1 </v></c><c r="C2" t="inlineStr"><is><t>x</t><rPh><t>y</t></rPh></is></c>` +
				`<c r="D2"><v>45236</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="str"><f>A1</f><v>=</v></c><c r="G2" t="d"><v>2026-11-05T00:00:00</v></c>` +
				`<c r="H2" t="s"><v>2</v></c><c r="I2" t="e"><v>#N/A</v></c><c r="J2" t="s"><v>3</v></c><c r="K2"/><c r="L2"><f>1+1</f></c></row>`,
			[][]string{{"Họ và tên", "Lò Văn Hùng", "x", "45236", "1", "=", "05/11/2026", "a\r\nb _x0041_ _xZZZZ_", "#N/A"}}, []int{2}, nil},
		{"columns by reference, in any order, lower case",
			`<row><c r="c1"><v>3</v></c><c r="A1"><v>1</v></c></row>`, [][]string{{"1", "", "3"}}, []int{1}, nil},
		{"cells and rows without references follow the last",
			`<row r="3"><c r="B3"><v>2</v></c><c><v>3</v></c></row><row><c><v>1</v></c></row>`, [][]string{{"", "2", "3"}, {"1"}}, []int{3, 4}, nil},
		{"empty rows and cells", `<row r="1"/><row r="2"><c r="A2"/></row><row r="5"><c r="A5"><v></v></c></row>`, [][]string{nil, nil, nil}, []int{1, 2, 5}, nil},
		{"columns after IV are not read", `<row><c r="IV1"><v>1</v></c><c r="IW1"><v>2</v></c><c r="XFD1"><v>3</v></c></row>`,
			[][]string{append(make([]string, 255), "1")}, []int{1}, nil},
		{"NFC", "<row><c t=\"inlineStr\"><is><t>Lo\u0300</t></is></c></row>", [][]string{{"Lò"}}, []int{1}, nil},
		{"rows out of order", `<row r="2"/><row r="2"/>`, nil, nil, forms.ErrNotForm},
		{"row 0", `<row r="0"/>`, nil, nil, forms.ErrNotForm},
		{"row after the last", `<row r="1048577"/>`, nil, nil, forms.ErrNotForm},
		{"the last row", `<row r="1048576"><c><v>1</v></c></row>`, [][]string{{"1"}}, []int{1048576}, nil},
		{"column after XFD", `<row><c r="XFE1"><v>1</v></c></row>`, nil, nil, forms.ErrNotForm},
		{"bad reference", `<row><c r="1A"><v>1</v></c></row>`, nil, nil, forms.ErrNotForm},
		{"shared string out of range", `<row><c t="s"><v>4</v></c></row>`, nil, nil, forms.ErrNotForm},
		{"shared string not a number", `<row><c t="s"><v>x</v></c></row>`, nil, nil, forms.ErrNotForm},
		{"too many cells in a row", `<row>` + strings.Repeat(`<c/>`, maxRowCells+1) + `</row>`, nil, nil, forms.ErrFileTooLarge},
		{"as many cells as a row may have", `<row>` + strings.Repeat(`<c/>`, maxRowCells) + `</row>`, [][]string{nil}, []int{1}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			zr := pkg(t, "xl/_rels/workbook.xml.rels", testBookRels, "xl/workbook.xml", testBook, "xl/sharedStrings.xml", sst,
				"xl/worksheets/sheet1.xml", `<worksheet><dimension ref="A1"/><sheetData>`+tc.sheet+`</sheetData><mergeCells/></worksheet>`)
			got, ns, err := sheetRows(t, zr)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Errorf("error %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.EqualFunc(got, tc.want, slices.Equal) || !slices.Equal(ns, tc.ns) {
				t.Errorf("rows %q %v, want %q %v", got, ns, tc.want, tc.ns)
			}
		})
	}
}

// A sheet whose part has a wrong checksum is refused once it is read to
// its end; a part that unpacks to more than it declares is too large.
func TestPartChecks(t *testing.T) {
	zr := pkg(t, "xl/_rels/workbook.xml.rels", testBookRels, "xl/workbook.xml", testBook,
		"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c><v>1</v></c></row></sheetData></worksheet>`)
	zr.File[2].CRC32++
	if _, _, err := sheetRows(t, zr); !errors.Is(err, forms.ErrNotForm) {
		t.Errorf("wrong checksum: %v, want ErrNotForm", err)
	}
	zr.File[2].CRC32--
	zr.File[2].UncompressedSize64 -= 10
	if _, _, err := sheetRows(t, zr); !errors.Is(err, forms.ErrFileTooLarge) {
		t.Errorf("larger than declared: %v, want ErrFileTooLarge", err)
	}
	zr.File[2].UncompressedSize64 += 20
	if _, _, err := sheetRows(t, zr); !errors.Is(err, forms.ErrNotForm) {
		t.Errorf("smaller than declared: %v, want ErrNotForm", err)
	}
}

// The shared strings count against the budget: no more of them than the
// cells the table could have, and no more text than maxTextKept.
func TestSharedStringsBudget(t *testing.T) {
	zr := pkg(t, "xl/_rels/workbook.xml.rels", testBookRels, "xl/workbook.xml", testBook,
		"xl/sharedStrings.xml", `<sst>`+strings.Repeat(`<si><t>x</t></si>`, 1000)+`</sst>`,
		"xl/worksheets/sheet1.xml", `<worksheet><sheetData><row><c t="s"><v>999</v></c></row></sheetData></worksheet>`)
	for _, tc := range []struct {
		cells int
		err   error
	}{{1000, nil}, {999, forms.ErrFileTooLarge}} {
		wb, err := openWorkbook(context.Background(), zr, 100)
		if err != nil {
			t.Fatal(err)
		}
		wb.cells = tc.cells
		ss, err := wb.strings()
		if !errors.Is(err, tc.err) || err == nil && len(ss.at) != 1001 {
			t.Errorf("budget of %d cells: %v", tc.cells, err)
		}
	}
	for _, tc := range []struct {
		text int
		err  error
	}{{1000, nil}, {999, forms.ErrFileTooLarge}} { // 1,000 strings of one byte
		wb, err := openWorkbook(context.Background(), zr, 100)
		if err != nil {
			t.Fatal(err)
		}
		wb.lim.text = tc.text
		if _, err := wb.strings(); !errors.Is(err, tc.err) {
			t.Errorf("text budget of %d bytes: %v, want %v", tc.text, err, tc.err)
		}
	}
}

func TestLooksLikeWorkbook(t *testing.T) {
	for _, tc := range []struct {
		head string
		want bool
	}{
		{"PK\x03\x04", true},
		{"PK\x03\x04rest", true},
		{"\xd0\xcf\x11\xe0", true},
		{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", true},
		{"PK\x03", false},
		{"\xd0\xcf\x11", false},
		{"\xd0\xcf\x11\xe1", false},
		{"PK\x05\x06", false},
		{"STT,", false},
		{"", false},
	} {
		if got := LooksLikeWorkbook([]byte(tc.head)); got != tc.want {
			t.Errorf("LooksLikeWorkbook(%q) = %v", tc.head, got)
		}
	}
}

// Reading stops when the context is done.
func TestReadContext(t *testing.T) {
	zr := pkg(t, "xl/_rels/workbook.xml.rels", testBookRels, "xl/workbook.xml", testBook,
		"xl/worksheets/sheet1.xml", `<worksheet><sheetData>`+strings.Repeat(`<row><c><v>1</v></c></row>`, 2*checkEvery)+`</sheetData></worksheet>`)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	wb, err := openWorkbook(ctx, zr, 100)
	if err != nil {
		t.Fatal(err)
	}
	r, _, err := wb.openRows(wb.sheets[0].path)
	if err != nil {
		t.Fatal(err)
	}
	for {
		_, more, err := r.next()
		if err != nil {
			if !errors.Is(err, context.Canceled) || r.read != checkEvery {
				t.Errorf("stopped after %d rows with %v", r.read, err)
			}
			return
		}
		if !more {
			t.Fatal("read to the end")
		}
	}
}
