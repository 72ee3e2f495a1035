package forms_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// The golden files in testdata/csv and testdata/html are rewritten by
// go test ./forms -run 'Golden' -update
// (the flag is shared with any other test of the package that defines it).
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func ioUpdatingGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// ioCheckGolden compares got with the file testdata/dir/name, or rewrites the
// file under -update.
func ioCheckGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", filepath.FromSlash(name))
	if ioUpdatingGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run with -update to accept it)\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func ioDate(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// ioList01 is the synthetic Mẫu số 01 list of the golden files: three people
// of a commune of Lai Châu (made up, with structurally valid ID numbers),
// valid on its date.
func ioList01() *forms.List01 {
	return &forms.List01{
		Province:    "Lai Châu",
		CommuneCode: "03424",
		CommuneName: "Xã Bản Bo",
		Period:      forms.Period{Year: 2026, Month: time.November},
		PreparedOn:  ioDate(2026, time.November, 5),
		PreparedBy:  "Hoàng Văn Chiến",
		CertifiedBy: "Tao Văn Dũng",
		Rows: []forms.Row01{
			{
				FullName: "Lò Văn Hùng", DateOfBirth: ioDate(1988, time.March, 2), Sex: forms.Male,
				IDNumber: "012088004512", Residence: "Bản Nà Bó, xã Bản Bo",
				ReleaseBasis: eligibility.Completion, CertificateNo: "45/GCN",
				CertificateDate: ioDate(2022, time.March, 15), CompletedOn: ioDate(2022, time.March, 15),
				Purpose: credit.Production, Amount: 50_000_000,
			},
			{
				FullName: "Tòng Thị Mai", DateOfBirth: ioDate(1995, time.July, 20), Sex: forms.Female,
				IDNumber: "012195003318", Residence: "Bản Bo, xã Bản Bo",
				ReleaseBasis: eligibility.SpecialAmnesty, CertificateNo: "112/GCN-ĐX",
				CertificateDate: ioDate(2024, time.September, 2), CompletedOn: ioDate(2024, time.September, 2),
				Purpose: credit.VocationalTraining, Amount: 24_000_000, CourseMonths: 6,
			},
			{
				FullName: "Nguyễn Văn An", DateOfBirth: ioDate(2001, time.December, 9), Sex: forms.Male,
				IDNumber: "012201007788", Residence: "Bản Phiêng Phát, xã Bản Bo",
				ReleaseBasis: eligibility.Completion, CertificateNo: "07/GCN",
				CertificateDate: ioDate(2025, time.June, 30), CompletedOn: ioDate(2025, time.June, 28),
				Purpose: credit.Production, Amount: 30_000_000,
				Note: `Đã có đất sản xuất, cần vốn "nuôi bò"`,
			},
		},
	}
}

// ioPlan02 is the synthetic Mẫu số 02 plan of the golden files, valid on its
// date.
func ioPlan02() *forms.Plan02 {
	return &forms.Plan02{
		Province:            "Lai Châu",
		CommuneCode:         "03424",
		CommuneName:         "Xã Bản Bo",
		PreparedOn:          ioDate(2026, time.November, 10),
		Name:                "Hợp tác xã Nông nghiệp Bản Bo",
		Kind:                eligibility.Cooperative,
		RegistrationNo:      "6200123456",
		Address:             "Bản Nà Bó, xã Bản Bo, tỉnh Lai Châu",
		LegalRepresentative: "Lò Thị Hoa",
		TotalWorkers:        12,
		Workers: []forms.Worker02{
			{
				FullName: "Lò Văn Hùng", DateOfBirth: ioDate(1988, time.March, 2), Sex: forms.Male,
				IDNumber: "012088004512", ReleaseBasis: eligibility.Completion, CertificateNo: "45/GCN",
				CompletedOn: ioDate(2022, time.March, 15), OnCommuneList: eligibility.Yes,
				ContractNo: "01/2026/HĐLĐ", ContractDate: ioDate(2026, time.January, 5),
			},
			{
				FullName: "Nguyễn Văn An", DateOfBirth: ioDate(2001, time.December, 9), Sex: forms.Male,
				IDNumber: "012201007788", ReleaseBasis: eligibility.Completion, CertificateNo: "07/GCN",
				CompletedOn: ioDate(2025, time.June, 28), OnCommuneList: eligibility.No,
				ContractNo: "07/2026/HĐLĐ", ContractDate: ioDate(2026, time.August, 1),
			},
		},
		Purpose:         credit.Production,
		CapitalNeed:     500_000_000,
		OwnCapital:      200_000_000,
		AmountRequested: 250_000_000,
		TermMonths:      36,
		RepaymentPlan:   "Trả gốc 6 tháng một lần từ tháng thứ 7,\ntrả lãi hằng tháng từ tiền bán chè.",
		Collateral:      "Không",
		ConfirmedOn:     ioDate(2026, time.November, 12),
		ConfirmedBy:     "Tao Văn Dũng",
	}
}

func TestGoldenFixturesAreValid(t *testing.T) {
	if err := forms.Validate01(credit.DefaultBook(), ioList01()); err != nil {
		t.Errorf("Validate01(golden list) = %v", err)
	}
	if err := forms.Validate02(credit.DefaultBook(), ioPlan02()); err != nil {
		t.Errorf("Validate02(golden plan) = %v", err)
	}
}

func TestWriteCSVGolden(t *testing.T) {
	var b01, b02 bytes.Buffer
	if err := forms.WriteCSV01(&b01, ioList01()); err != nil {
		t.Fatal(err)
	}
	ioCheckGolden(t, "csv/list01.csv", b01.Bytes())
	if err := forms.WriteCSV02(&b02, ioPlan02()); err != nil {
		t.Fatal(err)
	}
	ioCheckGolden(t, "csv/plan02.csv", b02.Bytes())
}

// TestWriteCSVShape: a byte-order mark, CRLF line ends, one header row with
// the Vietnamese headings, one line per row and no totals row.
func TestWriteCSVShape(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(io.Writer) error
		cols  []forms.Column
		rows  int
	}{
		{"01", func(w io.Writer) error { return forms.WriteCSV01(w, ioList01()) }, forms.Layout01, 3},
		{"02", func(w io.Writer) error { return forms.WriteCSV02(w, ioPlan02()) }, forms.Layout02, 2},
		{"01 empty", func(w io.Writer) error { return forms.WriteCSV01(w, &forms.List01{}) }, forms.Layout01, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			s, ok := strings.CutPrefix(b.String(), "\ufeff")
			if !ok || !bytes.HasPrefix(b.Bytes(), []byte{0xef, 0xbb, 0xbf}) {
				t.Fatalf("no byte-order mark: % x", b.Bytes()[:min(3, b.Len())])
			}
			if strings.Count(s, "\n") != strings.Count(s, "\r\n") || !strings.HasSuffix(s, "\r\n") {
				t.Errorf("line ends are not all CRLF: %q", s)
			}
			lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
			if len(lines) != 1+tc.rows {
				t.Errorf("%d lines, want a header and %d rows", len(lines), tc.rows)
			}
			var head []string
			for _, c := range tc.cols {
				head = append(head, c.HeadingVI)
			}
			if lines[0] != strings.Join(head, ",") {
				t.Errorf("header row %q, want %q", lines[0], strings.Join(head, ","))
			}
			if strings.Contains(s, "Tổng") {
				t.Error("the CSV has a totals row")
			}
		})
	}
}

// TestWriteCSVFormulas: a text a spreadsheet would run as a formula is
// written with an apostrophe in front.
func TestWriteCSVFormulas(t *testing.T) {
	for _, tc := range []struct{ note, cell string }{
		{"=1+1", "'=1+1"},
		{"+84 912", "'+84 912"},
		{"-", "'-"},
		{"@A1", "'@A1"},
		{"\t=1", "'\t=1"},
		{" =1", "' =1"},
		{"'x", "''x"},
		{"a=1", "a=1"},
		{"", ""},
	} {
		t.Run(tc.note, func(t *testing.T) {
			l := ioList01()
			l.Rows = l.Rows[:1]
			l.Rows[0].Note = tc.note
			var b bytes.Buffer
			if err := forms.WriteCSV01(&b, l); err != nil {
				t.Fatal(err)
			}
			if !strings.HasSuffix(b.String(), ",50000000,,"+tc.cell+"\r\n") {
				t.Errorf("note %q written %q, want the cell %q", tc.note, b.String()[strings.LastIndex(b.String(), "50000000"):], tc.cell)
			}
		})
	}
}

// ioFailingWriter fails after n bytes.
type ioFailingWriter struct{ n int }

var ioErrWrite = errors.New("disk full")

func (w *ioFailingWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, ioErrWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteCSVWriterError(t *testing.T) {
	for _, n := range []int{0, 10, 500} {
		if err := forms.WriteCSV01(&ioFailingWriter{n}, ioList01()); !errors.Is(err, ioErrWrite) {
			t.Errorf("WriteCSV01(writer failing after %d bytes) = %v, want its error", n, err)
		}
		if err := forms.WriteCSV02(&ioFailingWriter{n}, ioPlan02()); !errors.Is(err, ioErrWrite) {
			t.Errorf("WriteCSV02(writer failing after %d bytes) = %v, want its error", n, err)
		}
	}
}

// ioTrickyRows are rows whose texts need quoting or escaping in CSV.
func ioTrickyRows() []forms.Row01 {
	rows := ioList01().Rows
	notes := []string{
		"=HYPERLINK(\"http://example.invalid\",\"x\")", "+84 912 000 000", "-", "@SUM(A1)",
		"'quoted", "a;b,c", "dòng 1\ndòng 2", `"`, "'=", "Ghi chú bình thường",
	}
	var out []forms.Row01
	for i, n := range notes {
		r := rows[i%len(rows)]
		r.Note = n
		r.CertificateNo = fmt.Sprintf("%d/GCN", i+1)
		out = append(out, r)
	}
	out[0].FullName = "Lò Văn <Hùng> & \"Tèo\""
	return out
}

func TestCSVRoundTrip01(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows []forms.Row01
	}{
		{"golden", ioList01().Rows},
		{"tricky texts", ioTrickyRows()},
		{"empty", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := forms.WriteCSV01(&b, &forms.List01{Rows: tc.rows}); err != nil {
				t.Fatal(err)
			}
			rows, origin, err := forms.ReadCSV01(&b, 0)
			if err != nil {
				t.Fatalf("ReadCSV01(WriteCSV01()) error %v", err)
			}
			want := tc.rows
			if want == nil {
				want = []forms.Row01{}
			}
			if rows == nil {
				rows = []forms.Row01{}
			}
			if !reflect.DeepEqual(rows, want) {
				t.Errorf("rows differ\ngot  %+v\nwant %+v", rows, want)
			}
			ioCheckOrigin(t, origin, "/rows", forms.Layout01, len(tc.rows))
		})
	}
}

func TestCSVRoundTrip02(t *testing.T) {
	pl := ioPlan02()
	var b bytes.Buffer
	if err := forms.WriteCSV02(&b, pl); err != nil {
		t.Fatal(err)
	}
	workers, origin, err := forms.ReadCSV02(&b, 0)
	if err != nil {
		t.Fatalf("ReadCSV02(WriteCSV02()) error %v", err)
	}
	if !reflect.DeepEqual(workers, pl.Workers) {
		t.Errorf("workers differ\ngot  %+v\nwant %+v", workers, pl.Workers)
	}
	ioCheckOrigin(t, origin, "/workers", forms.Layout02, len(pl.Workers))
}

// ioCheckOrigin checks the origin of a file written by WriteCSV01/02: row N
// on line N+2 (when no text runs over lines), column i at letter i.
func ioCheckOrigin(t *testing.T, o *forms.Origin, table string, cols []forms.Column, n int) {
	t.Helper()
	if o == nil {
		t.Fatal("no origin")
	}
	if o.Table != table || o.Sheet != "" || len(o.Rows) != n {
		t.Errorf("origin table %q sheet %q with %d rows, want %q, \"\", %d", o.Table, o.Sheet, len(o.Rows), table, n)
	}
	for i := 1; i < len(o.Rows); i++ {
		if o.Rows[i] <= o.Rows[i-1] {
			t.Errorf("origin rows not increasing: %v", o.Rows)
		}
	}
	if n > 0 && o.Rows[0] != 2 {
		t.Errorf("first row on line %d, want 2", o.Rows[0])
	}
	for i, c := range cols {
		if got, want := o.Columns[c.Key], forms.ColumnLetters(i+1); got != want {
			t.Errorf("column %s at %q, want %q", c.Key, got, want)
		}
	}
}

// ioOfficerRows are the golden rows as the officer-style files in
// testdata/csv hold them: without the columns those files lack.
func ioOfficerRows(drop ...string) []forms.Row01 {
	rows := ioList01().Rows
	for i := range rows {
		r := &rows[i]
		for _, k := range drop {
			switch k {
			case "note":
				r.Note = ""
			case "certificate_date":
				r.CertificateDate = credit.Date{}
			}
		}
	}
	return rows
}

// TestReadCSV01Officer reads files as commune officers keep them (the
// comment of each case says what its file exercises).
func TestReadCSV01Officer(t *testing.T) {
	for _, tc := range []struct {
		file    string
		want    []forms.Row01
		lines   []int
		columns map[string]string
		valid   bool // the rows pass Validate01
	}{
		{
			// a title and header fields above the table, ';' separators, no
			// byte-order mark, a line of column numbers, money "50.000.000",
			// Vietnamese labels, a totals row and a line of empty cells.
			file:    "officer-semicolon.csv",
			want:    ioOfficerRows(),
			lines:   []int{8, 9, 10},
			columns: map[string]string{"no": "A", "full_name": "B", "id_number": "E", "note": "N"},
			valid:   true,
		},
		{
			// a byte-order mark, columns reordered, STT, certificate date and
			// note missing, an extra column, English headings and API names,
			// YYYY-MM-DD dates, an ID number that lost its leading zero and one
			// written ="…", blank and comma-only lines, "Tổng cộng" in the
			// second cell, LF line ends.
			file:    "officer-reordered.csv",
			want:    ioOfficerRows("note", "certificate_date"),
			lines:   []int{3, 5, 8},
			columns: map[string]string{"full_name": "C", "id_number": "A", "course_months": "K", "amount": "J"},
		},
		{
			// a heading and a cell over two lines in quotes, Excel date serials,
			// money with spaces and "đồng", choices in capitals, CRLF.
			file: "officer-multiline.csv",
			want: func() []forms.Row01 {
				rows := ioOfficerRows("certificate_date")
				rows[2].Note = "Đã có đất sản xuất,\ncần vốn \"nuôi bò\""
				return rows
			}(),
			lines:   []int{3, 4, 6},
			columns: map[string]string{"no": "A", "note": "M"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", "csv", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, origin, err := forms.ReadCSV01(f, 0)
			if err != nil {
				t.Fatalf("ReadCSV01 error %v", err)
			}
			if !reflect.DeepEqual(rows, tc.want) {
				t.Errorf("rows differ\ngot  %+v\nwant %+v", rows, tc.want)
			}
			if !reflect.DeepEqual(origin.Rows, tc.lines) {
				t.Errorf("lines %v, want %v", origin.Rows, tc.lines)
			}
			for k, v := range tc.columns {
				if origin.Columns[k] != v {
					t.Errorf("column %s at %q, want %q", k, origin.Columns[k], v)
				}
			}
			if tc.valid {
				l := ioList01()
				l.Rows = rows
				if err := forms.Validate01(credit.DefaultBook(), l); err != nil {
					t.Errorf("Validate01 = %v", err)
				}
			}
		})
	}
}

func TestReadCSV02Officer(t *testing.T) {
	in := "Danh sách lao động;;;\r\n" +
		"Số hợp đồng lao động;Họ và tên;Ngày sinh;Giới tính;Số định danh cá nhân;Loại giấy chứng nhận;Số giấy chứng nhận;Ngày chấp hành xong án phạt tù;Có tên trong danh sách Mẫu số 01;Ngày ký hợp đồng\r\n" +
		"01/2026/HĐLĐ;Lò Văn Hùng;02/03/1988;Nam;12088004512;Chấp hành xong án phạt tù;45/GCN;15/03/2022;Có;05/01/2026\r\n" +
		";;;;;;;;;\r\n" +
		"07/2026/HĐLĐ;Nguyễn Văn An;2001-12-09;male;012201007788;completion;07/GCN;2025-06-28;false;2026-08-01\r\n" +
		"Tổng;2;;;;;;;;\r\n"
	workers, origin, err := forms.ReadCSV02(strings.NewReader(in), 0)
	if err != nil {
		t.Fatal(err)
	}
	if want := ioPlan02().Workers; !reflect.DeepEqual(workers, want) {
		t.Errorf("workers differ\ngot  %+v\nwant %+v", workers, want)
	}
	if !reflect.DeepEqual(origin.Rows, []int{3, 5}) || origin.Table != "/workers" || origin.Columns["contract_no"] != "A" {
		t.Errorf("origin %+v", origin)
	}
}

// TestReadCSV01BadCells: cells that cannot be read are problems located at
// their line and column letters, with the row still read.
func TestReadCSV01BadCells(t *testing.T) {
	in := "\ufeffDANH SÁCH\r\n" +
		"STT,Họ và tên,Ngày sinh,Giới tính,Số định danh cá nhân,Nơi cư trú,Loại giấy chứng nhận,Số giấy chứng nhận,Ngày cấp giấy chứng nhận,Ngày chấp hành xong án phạt tù,Mục đích vay,Số tiền cần vay (đồng),Số tháng học nghề,Ghi chú\r\n" +
		"1,Lò Văn Hùng,31/02/1988,Nam,012088004512,Bản Nà Bó,Chấp hành xong án phạt tù,45/GCN,15/03/2022,15/03/2022,Sản xuất kinh doanh,50.000.000,,\r\n" +
		"\r\n" +
		"2,Tòng Thị Mai,20/07/1995,Nữ giới,012195003318,Bản Bo,Đặc xá,112/GCN,02/09/2024,02/09/2024,Học nghề,24 triệu,sáu,\r\n"
	rows, origin, err := forms.ReadCSV01(strings.NewReader(in), 0)
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v, want Problems", err)
	}
	if len(rows) != 2 || rows[0].FullName != "Lò Văn Hùng" || rows[1].Amount != 0 || rows[0].Amount != 50_000_000 {
		t.Errorf("rows %+v", rows)
	}
	want := []struct {
		ptr, code, col string
		row            int
	}{
		{"/rows/0/date_of_birth", credit.CodeInvalidDate, "C", 3},
		{"/rows/1/sex", credit.CodeInvalidEnum, "D", 5},
		{"/rows/1/amount", credit.CodeNotInteger, "L", 5},
		{"/rows/1/course_months", credit.CodeNotInteger, "M", 5},
	}
	if len(ps) != len(want) {
		t.Fatalf("problems %v, want %d", ps, len(want))
	}
	for i, w := range want {
		p := ps[i]
		if p.Pointer != w.ptr || p.Code != w.code || p.Column != w.col || p.Row != w.row {
			t.Errorf("problem %d = %s %s row %d col %s, want %s %s row %d col %s",
				i, p.Pointer, p.Code, p.Row, p.Column, w.ptr, w.code, w.row, w.col)
		}
		if strings.Contains(p.Message.VI+p.Message.EN, "Nữ giới") || strings.Contains(p.Error(), "triệu") {
			t.Errorf("problem %d quotes the value: %v", i, p)
		}
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Error("problems are not ErrInvalid")
	}

	// Problems found later by Validate01 are located through the same origin.
	l := ioList01()
	l.Rows = rows
	verr := forms.Validate01(credit.DefaultBook(), l)
	var vps credit.Problems
	if !errors.As(verr, &vps) {
		t.Fatalf("Validate01 = %v", verr)
	}
	origin.Locate(vps)
	found := false
	for _, p := range vps {
		if p.Pointer == "/rows/1/amount" {
			found = true
			if p.Row != 5 || p.Column != "L" {
				t.Errorf("validation problem %v not located at L5", p)
			}
		}
	}
	if !found {
		t.Errorf("Validate01 found no problem with the unreadable amount: %v", vps)
	}
}

// The headings of Layout01 and a valid row, for building inputs.
var (
	ioHead01 = func() string {
		var hs []string
		for _, c := range forms.Layout01 {
			hs = append(hs, c.HeadingVI)
		}
		return strings.Join(hs, ",") + "\r\n"
	}()
	ioRow01 = "1,Lò Văn Hùng,02/03/1988,Nam,012088004512,Bản Nà Bó,Chấp hành xong án phạt tù,45/GCN,15/03/2022,15/03/2022,Sản xuất kinh doanh,50000000,,\r\n"
)

func TestReadCSVNotForm(t *testing.T) {
	utf16 := []byte{0xff, 0xfe}
	for _, r := range ioHead01 {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for _, tc := range []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"byte-order mark only", []byte("\ufeff")},
		{"text", []byte("hello, world\nthis is not a form\n")},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")},
		{"zip (an xlsx sent as CSV)", []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00b\xee\x9dh^\x01\x00\x00\x90\x04")},
		{"Mẫu 02 header only a few columns", []byte("Họ và tên,Ngày sinh,Giới tính\n" + ioRow01)},
		{"header below line 50", []byte(strings.Repeat("tiêu đề\n", 60) + ioHead01 + ioRow01)},
		{"header beyond 64 KiB", []byte(strings.Repeat(strings.Repeat("x", 2000)+"\n", 40) + ioHead01 + ioRow01)},
		{"UTF-16", utf16},
		{"Windows-1258 header", []byte("STT,H\xf4 v\xe0 t\xean,Ng\xe0y sinh,Gi\xf4\xf9i t\xednh\n")},
		{"Windows-1258 row", []byte(ioHead01 + "1,L\xf2 V\xe3n H\xf9ng,02/03/1988,Nam\r\n")},
		{"no newline for 1 MiB", bytes.Repeat([]byte{'a', ';'}, 1<<19)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, origin, err := forms.ReadCSV01(bytes.NewReader(tc.in), 0)
			if !errors.Is(err, forms.ErrNotForm) || rows != nil || origin != nil {
				t.Errorf("ReadCSV01 = %d rows, %v, %v; want ErrNotForm", len(rows), origin, err)
			}
		})
	}
}

func TestReadCSVHeaderOnly(t *testing.T) {
	rows, origin, err := forms.ReadCSV01(strings.NewReader(ioHead01+",,,,\r\nTổng cộng,,,0\r\n"), 0)
	if err != nil || len(rows) != 0 || origin == nil || len(origin.Rows) != 0 {
		t.Errorf("ReadCSV01(header only) = %v, %+v, %v", rows, origin, err)
	}
}

func TestReadCSVTooManyRows(t *testing.T) {
	for _, tc := range []struct {
		rows, max int
		tooMany   bool
	}{
		{3, 3, false},
		{4, 3, true},
		{1, 1, false},
		{2, 1, true},
	} {
		in := ioHead01 + strings.Repeat(ioRow01, tc.rows)
		rows, _, err := forms.ReadCSV01(strings.NewReader(in), tc.max)
		if tc.tooMany != errors.Is(err, forms.ErrTooManyRows) || tc.tooMany && rows != nil || !tc.tooMany && len(rows) != tc.rows {
			t.Errorf("%d rows, max %d: %d rows, %v", tc.rows, tc.max, len(rows), err)
		}
	}
}

// ioEndless is a CSV file of a header and rows that never ends; it counts the
// bytes read.
type ioEndless struct {
	head, row string
	buf       []byte
	n         int64
}

func (e *ioEndless) Read(p []byte) (int, error) {
	if len(e.buf) == 0 {
		if e.n == 0 {
			e.buf = []byte(e.head)
		} else {
			e.buf = []byte(strings.Repeat(e.row, 16))
		}
	}
	k := copy(p, e.buf)
	e.buf = e.buf[k:]
	e.n += int64(k)
	return k, nil
}

// TestReadCSVStreams: reading stops as soon as the rows exceed max, and at
// the byte bound.
func TestReadCSVStreams(t *testing.T) {
	src := &ioEndless{head: ioHead01, row: ioRow01}
	_, _, err := forms.ReadCSV01(src, 10)
	if !errors.Is(err, forms.ErrTooManyRows) {
		t.Fatalf("ioEndless rows, max 10: %v", err)
	}
	if src.n > 1<<17 {
		t.Errorf("read %d bytes for 11 rows", src.n)
	}

	long := strings.TrimSuffix(ioRow01, ",\r\n") + "," + strings.Repeat("ghi chú dài ", 4000) + "\r\n"
	src = &ioEndless{head: ioHead01, row: long}
	_, _, err = forms.ReadCSV01(src, 0)
	if !errors.Is(err, forms.ErrFileTooLarge) {
		t.Fatalf("ioEndless rows of %d bytes: %v", len(long), err)
	}
	if src.n > 64<<20+1<<20 {
		t.Errorf("read %d bytes before ErrFileTooLarge", src.n)
	}
}

// TestReadCSVLongLine: a line longer than the bound is ErrFileTooLarge, even
// an unterminated quote that would make the rest of the file one cell.
func TestReadCSVLongLine(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   io.Reader
	}{
		{"long note", strings.NewReader(ioHead01 + ioRow01 + "2,An,,,,,,,,,,,,\"" + strings.Repeat("x", 70<<10) + "\"\r\n")},
		{"unterminated quote", &ioEndless{head: ioHead01 + ioRow01 + "2,\"An", row: "a,b,c\n"}},
		{"no newline", &ioEndless{head: ioHead01 + ioRow01, row: "xxxxxxxxxxxxxxxx"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rows, _, err := forms.ReadCSV01(tc.in, 0)
			if !errors.Is(err, forms.ErrFileTooLarge) || rows != nil {
				t.Errorf("ReadCSV01 = %d rows, %v; want ErrFileTooLarge", len(rows), err)
			}
		})
	}
	// A line just under the bound is read.
	note := strings.Repeat("x", 60<<10)
	rows, _, err := forms.ReadCSV01(strings.NewReader(ioHead01+strings.TrimSuffix(ioRow01, ",\r\n")+","+note+"\r\n"), 0)
	if err != nil || len(rows) != 1 || rows[0].Note != note {
		t.Errorf("a 60 KiB note: %d rows, %v", len(rows), err)
	}
}

var ioErrRead = errors.New("connection reset")

type ioFailingReader struct {
	data []byte
}

func (r *ioFailingReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, ioErrRead
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestReadCSVReaderError(t *testing.T) {
	for _, in := range []string{"", ioHead01, ioHead01 + ioRow01 + ioRow01, ioHead01 + strings.Repeat(ioRow01, 1000)} {
		rows, origin, err := forms.ReadCSV01(&ioFailingReader{[]byte(in)}, 0)
		if !errors.Is(err, ioErrRead) || rows != nil || origin != nil {
			t.Errorf("ReadCSV01(failing after %d bytes) = %v, %v, %v; want the reader's error", len(in), rows, origin, err)
		}
	}
}

func ioBenchList(n int) *forms.List01 {
	l := ioList01()
	base := l.Rows
	l.Rows = make([]forms.Row01, n)
	for i := range l.Rows {
		l.Rows[i] = base[i%len(base)]
	}
	return l
}

func BenchmarkWriteCSV01_10000(b *testing.B) {
	l := ioBenchList(10_000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := forms.WriteCSV01(&buf, l); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkReadCSV01_10000(b *testing.B) {
	var buf bytes.Buffer
	if err := forms.WriteCSV01(&buf, ioBenchList(10_000)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rows, _, err := forms.ReadCSV01(bytes.NewReader(data), 0)
		if err != nil || len(rows) != 10_000 {
			b.Fatal(len(rows), err)
		}
	}
}

// TestReadCSVColumnNumbers: a line of column numbers just below the header
// is skipped; a row that only looks a little like one is read.
func TestReadCSVColumnNumbers(t *testing.T) {
	var nums, letters []string
	for i := range forms.Layout01 {
		nums = append(nums, fmt.Sprintf("(%d)", i+1))
		letters = append(letters, string(rune('A'+i)))
	}
	for _, tc := range []struct {
		name  string
		below string
		rows  int
	}{
		{"(1) (2) …", strings.Join(nums, ",") + "\r\n", 1},
		{"A B …", strings.Join(letters, ",") + "\r\n", 1},
		{"all but one", strings.Join(nums[:len(nums)-1], ",") + ",\r\n", 1},
		{"a few numbers", "1,2,3,,,,,,,,,,,\r\n", 2},
		{"below the first row", ioRow01 + strings.Join(nums, ",") + "\r\n", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := ioHead01 + tc.below + ioRow01
			rows, origin, err := forms.ReadCSV01(strings.NewReader(in), 0)
			var ps credit.Problems
			if err != nil && !errors.As(err, &ps) {
				t.Fatal(err)
			}
			if len(rows) != tc.rows || tc.rows == 1 && origin.Rows[0] != 3 {
				t.Errorf("%d rows on lines %v, want %d", len(rows), origin.Rows, tc.rows)
			}
		})
	}
}

// TestCSVRoundTripEarlyYears guards against dates before the year 1000
// written with fewer than four digits ("01/01/999"), which no reader takes
// back.
func TestCSVRoundTripEarlyYears(t *testing.T) {
	l := ioList01()
	l.Rows[0].CertificateDate = ioDate(999, time.January, 1)
	var b bytes.Buffer
	if err := forms.WriteCSV01(&b, l); err != nil {
		t.Fatal(err)
	}
	rows, _, err := forms.ReadCSV01(&b, 0)
	if err != nil || !reflect.DeepEqual(rows, l.Rows) {
		t.Errorf("round trip: %v, %+v", err, rows)
	}
}
