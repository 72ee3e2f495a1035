package xlsx_test

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

func TestRoundTrip01(t *testing.T) {
	edge := sample01()
	// Two leading zeros: Phường Tây Hồ, Hà Nội (a real code, with its name).
	edge.Province, edge.CommuneCode, edge.CommuneName = "Thành phố Hà Nội", "00103", "Phường Tây Hồ"
	edge.Rows[0].CertificateNo = "00123" // digits with a leading zero, as text
	edge.Rows[0].Note = "=SUM(A1:A2)"    // a formula's text stays text
	edge.Rows[1].Note = "Dòng 1\nDòng 2" // a line break inside a cell
	edge.Rows[2].Residence = strings.Repeat("Bản Nà Luồng, ", 14) + "Lai Châu"
	edge.Rows[2].Note = `A & B <c> "d" 'e' _x0041_ ]]>` + "\ttab\r\nline"
	edge.Rows[2].CertificateNo = "12345678901234567890"    // digits beyond a float's precision
	edge.Rows[2].DateOfBirth = day(1900, time.January, 15) // before Excel's dates: written as text
	edge.Rows[2].Amount = credit.MaxVND                    // the largest amount, exact
	var empty forms.List01

	for _, tc := range []struct {
		name string
		list forms.List01
	}{
		{"sample", sample01()},
		{"edge values", edge},
		{"empty list", empty},
		{"100 rows", manyRows01(100)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := write01(t, &tc.list)
			got, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
			if err != nil {
				t.Fatalf("Read01: %v", err)
			}
			if !reflect.DeepEqual(got, tc.list) {
				t.Errorf("read back:\n got %+v\nwant %+v", got, tc.list)
			}
			if origin.Sheet != xlsx.Sheet01 || origin.Table != "/rows" || len(origin.Rows) != len(tc.list.Rows) {
				t.Fatalf("origin = %+v", origin)
			}
			for i, r := range origin.Rows {
				if r != 17+i {
					t.Errorf("origin.Rows[%d] = %d, want %d", i, r, 17+i)
				}
			}
			if origin.Columns["id_number"] != "E" || origin.Columns["note"] != "N" {
				t.Errorf("origin.Columns = %v", origin.Columns)
			}
			if origin.Header["prepared_on"] != "C12" || origin.Header["province"] != "C8" {
				t.Errorf("origin.Header = %v", origin.Header)
			}
		})
	}
}

func TestRoundTrip02(t *testing.T) {
	edge := sample02()
	edge.Workers = nil
	edge.ConfirmedOn = credit.Date{}
	edge.ConfirmedBy = ""
	edge.OwnCapital = 0
	for _, tc := range []struct {
		name string
		plan forms.Plan02
	}{
		{"sample", sample02()},
		{"unconfirmed, no workers", edge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := write02(t, &tc.plan)
			got, origin, err := xlsx.Read02(context.Background(), bytes.NewReader(data), xlsx.Options{})
			if err != nil {
				t.Fatalf("Read02: %v", err)
			}
			if !reflect.DeepEqual(got, tc.plan) {
				t.Errorf("read back:\n got %+v\nwant %+v", got, tc.plan)
			}
			if origin.Sheet != xlsx.Sheet02 || origin.Table != "/workers" || len(origin.Rows) != len(tc.plan.Workers) {
				t.Errorf("origin = %+v", origin)
			}
		})
	}
}

// The sample forms are valid: what the export writes passes validation
// once read back.
func TestRoundTripValidates(t *testing.T) {
	l := sample01()
	got, _, err := xlsx.Read01(context.Background(), bytes.NewReader(write01(t, &l)), xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := forms.Validate01(credit.DefaultBook(), &got); err != nil {
		t.Errorf("Validate01: %v", err)
	}
	pl := sample02()
	gotPl, _, err := xlsx.Read02(context.Background(), bytes.NewReader(write02(t, &pl)), xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := forms.Validate02(credit.DefaultBook(), &gotPl); err != nil {
		t.Errorf("Validate02: %v", err)
	}
}

// Each reader takes its own form only: Mẫu 02's headings are mostly Mẫu
// 01's, but the form number above the table tells them apart.
func TestReadOtherForm(t *testing.T) {
	pl := sample02()
	if _, _, err := xlsx.Read01(context.Background(), bytes.NewReader(write02(t, &pl)), xlsx.Options{}); !errors.Is(err, forms.ErrNotForm) {
		t.Errorf("Read01 of a Mẫu 02 workbook: %v, want ErrNotForm", err)
	}
	l := sample01()
	if _, _, err := xlsx.Read02(context.Background(), bytes.NewReader(write01(t, &l)), xlsx.Options{}); !errors.Is(err, forms.ErrNotForm) {
		t.Errorf("Read02 of a Mẫu 01 workbook: %v, want ErrNotForm", err)
	}
}

// officer01 is a workbook as a commune officer makes one: a title, header
// fields as "Label: value" and in the next cells, the table from column B
// in another order and without the course-months and note columns, a row
// of column numbers, blank lines, numbers and dates typed as text or stored
// as numbers, an ID number typed as a number (leading zero lost), a totals
// row, and the names only in the signature block.
func officer01(t testing.TB) []byte {
	return workbook(t, "Danh sách", func(f *excelize.File, s string) {
		set := func(cell string, v any) { must(t, f.SetCellValue(s, cell, v)) }
		text := func(cell, v string) { must(t, f.SetCellStr(s, cell, v)) }
		dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
		must(t, err)
		date := func(cell string, serial int) {
			set(cell, serial)
			must(t, f.SetCellStyle(s, cell, cell, dateStyle))
		}
		text("A1", "CÔNG AN XÃ BẢN BO")
		text("F1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
		text("C3", "DANH SÁCH NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ CÓ NHU CẦU VAY VỐN")
		text("B4", "Tỉnh: Lai Châu")
		text("B5", "Xã, phường, đặc khu:")
		text("D5", "Xã Bản Bo")
		text("F5", "Mã đơn vị hành chính cấp xã")
		text("G5", "03424")
		text("B6", "Tháng")
		text("C6", "11/2026")
		text("B7", "NGÀY LẬP")
		date("C7", 46330) // 04/11/2026
		// The header row: B..L, in another order, some headings in English.
		for i, h := range []string{"STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Sex", "Nơi cư trú",
			"Loại giấy chứng nhận", "Số giấy chứng nhận", "Ngày cấp giấy chứng nhận", "Ngày chấp hành xong án phạt tù",
			"Mục đích vay", "Số tiền cần vay (đồng)"} {
			cell, _ := excelize.CoordinatesToCellName(i+2, 9)
			text(cell, h)
		}
		for i := range 12 {
			cell, _ := excelize.CoordinatesToCellName(i+2, 10)
			text(cell, "("+string(rune('1'+i%9))+")")
		}
		// Row 11: person 1, dates as text, amount as text with dots.
		set("B11", 1)
		text("C11", "Lò Văn Hùng")
		text("D11", "012088004512")
		text("E11", "12/04/1988")
		text("F11", "Nam")
		text("G11", "Bản Nà Luồng, xã Bản Bo, tỉnh Lai Châu")
		text("H11", "Chấp hành xong án phạt tù")
		text("I11", "125/GCN-THA")
		text("J11", "20/02/2024")
		text("K11", "15/2/2024")
		text("L11", "sản xuất, kinh doanh")
		text("M11", "100.000.000")
		// Row 12 blank. Row 13: person 2, dates as serials, ID as a number.
		set("B13", 2)
		text("C13", "Nguyễn Văn An")
		set("D13", 1201003456) // 001201003456 taken for a number
		date("E13", 36911)     // 20/01/2001
		text("F13", "nam")
		text("G13", "Tổ 5, xã Bản Bo, tỉnh Lai Châu")
		text("H13", "Chấp hành xong án phạt tù")
		text("I13", "311/GCN")
		date("J13", 45240)
		date("K13", 45235)
		text("L13", "Sản xuất, kinh doanh")
		set("M13", 50000000)
		// Rows 14-15 numbered but blank, then the totals row.
		set("B14", 3)
		set("B15", 4)
		text("B16", "Tổng cộng")
		set("M16", 150000000)
		// The signature block.
		text("J18", "Bản Bo, ngày 04 tháng 11 năm 2026")
		text("C19", "TRƯỞNG CÔNG AN XÃ")
		text("J19", "CHỦ TỊCH UBND XÃ")
		text("C20", "(Ký, ghi rõ họ tên)")
		text("J20", "(Ký, ghi rõ họ tên, đóng dấu)")
		text("C24", "Hoàng Văn Dũng")
		text("J24", "Lường Thị Hoa")
	})
}

func TestReadOfficerWorkbook(t *testing.T) {
	got, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(officer01(t)), xlsx.Options{})
	if err != nil {
		t.Fatalf("Read01: %v", err)
	}
	want := sample01()
	want.Rows = []forms.Row01{want.Rows[0], want.Rows[2]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read:\n got %+v\nwant %+v", got, want)
	}
	wantOrigin := &forms.Origin{
		Sheet: "Danh sách",
		Rows:  []int{11, 13},
		Columns: map[string]string{"no": "B", "full_name": "C", "id_number": "D", "date_of_birth": "E", "sex": "F",
			"residence": "G", "release_basis": "H", "certificate_no": "I", "certificate_date": "J",
			"completed_on": "K", "purpose": "L", "amount": "M"},
		Header: map[string]string{"province": "B4", "commune_name": "D5", "commune_code": "G5", "period": "C6",
			"prepared_on": "C7", "prepared_by": "C24", "certified_by": "J24"},
		Table: "/rows",
	}
	if !reflect.DeepEqual(origin, wantOrigin) {
		t.Errorf("origin:\n got %+v\nwant %+v", origin, wantOrigin)
	}
}

// A sheet in the 1904 date system (old Mac workbooks) and a month Excel
// turned into a date.
func TestReadDate1904(t *testing.T) {
	l := sample01()
	data := write01(t, &l)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	must(t, err)
	must(t, f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: ptr(true)}))
	for _, cell := range []string{"C12", "C17", "I17", "J17", "C18", "I18", "J18", "C19", "I19", "J19"} {
		v, err := f.GetCellValue(xlsx.Sheet01, cell, excelize.Options{RawCellValue: true})
		must(t, err)
		n, _ := strconvAtoi(v)
		must(t, f.SetCellInt(xlsx.Sheet01, cell, int64(n-1462)))
	}
	must(t, f.SetCellInt(xlsx.Sheet01, "C11", 46327-1462)) // 01/11/2026, shown as Nov-26
	var buf bytes.Buffer
	must(t, f.Write(&buf))
	got, _, err := xlsx.Read01(context.Background(), &buf, xlsx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, l) {
		t.Errorf("read:\n got %+v\nwant %+v", got, l)
	}
}

func ptr[T any](v T) *T { return &v }

func strconvAtoi(s string) (int, error) {
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, errors.New("not a number")
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// Cells that cannot be read are problems located at their cells, and the
// list is returned with them; Origin.Locate locates validation's problems
// too.
func TestReadLocatesBadCells(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File, s string) {
		must(t, f.SetCellStr(s, "A1", forms.Title01))
		must(t, f.SetCellStr(s, "A3", "Ngày lập"))
		must(t, f.SetCellStr(s, "B3", "31/02/2026"))
		var head []any
		for _, c := range forms.Layout01 {
			head = append(head, c.HeadingVI)
		}
		must(t, f.SetSheetRow(s, "A5", &head))
		l := sample01()
		for i := range l.Rows {
			row := []any{}
			for _, c := range l.Rows[i].Cells(i + 1) {
				row = append(row, c)
			}
			must(t, f.SetSheetRow(s, "A"+string(rune('6'+i)), &row))
		}
		must(t, f.SetCellStr(s, "C7", "ngày 3/9/1990"))  // row 1's date of birth
		must(t, f.SetCellStr(s, "D8", "không rõ"))       // row 2's sex
		must(t, f.SetCellStr(s, "L8", "năm mươi triệu")) // row 2's amount
	})
	got, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Read01: %v, want credit.Problems", err)
	}
	type where struct {
		ptr, code string
		row       int
		col       string
	}
	var gotWhere []where
	for _, p := range ps {
		gotWhere = append(gotWhere, where{p.Pointer, p.Code, p.Row, p.Column})
	}
	want := []where{
		{"/prepared_on", credit.CodeInvalidDate, 3, "B"},
		{"/rows/1/date_of_birth", credit.CodeInvalidDate, 7, "C"},
		{"/rows/2/sex", credit.CodeInvalidEnum, 8, "D"},
		{"/rows/2/amount", credit.CodeNotInteger, 8, "L"},
	}
	if !reflect.DeepEqual(gotWhere, want) {
		t.Errorf("problems:\n got %+v\nwant %+v", gotWhere, want)
	}
	if len(got.Rows) != 3 || got.Rows[0].FullName != "Lò Văn Hùng" {
		t.Errorf("the list is not returned with the problems: %+v", got)
	}
	// A problem found afterwards is located too.
	vp := credit.Problems{{Pointer: "/rows/2/id_number"}, {Pointer: "/prepared_by"}}
	origin.Locate(vp)
	if vp[0].Row != 8 || vp[0].Column != "E" || vp[1].Row != 0 {
		t.Errorf("Locate: %+v %+v", vp[0], vp[1])
	}
}

// The brief's case: the table from row 2 with the date of birth in column
// E; a bad date in E7 is /rows/4/date_of_birth at row 7, column E.
func TestReadBadDateInE7(t *testing.T) {
	data := workbook(t, "Sheet1", func(f *excelize.File, s string) {
		head := []any{"STT", "Họ và tên", "Giới tính", "Số định danh cá nhân", "Ngày sinh", "Nơi cư trú",
			"Loại giấy chứng nhận", "Số giấy chứng nhận", "Ngày cấp giấy chứng nhận", "Mục đích vay",
			"Số tiền cần vay (đồng)"}
		must(t, f.SetSheetRow(s, "A1", &head))
		for r := 2; r <= 7; r++ {
			row := []any{r - 1, "Lò Văn Hùng", "Nam", "012088004512", "12/04/1988", "Bản Nà Luồng",
				"Chấp hành xong án phạt tù", "125/GCN", "20/02/2024", "Sản xuất, kinh doanh", 50000000}
			if r == 7 {
				row[4] = "12/13/1988"
			}
			must(t, f.SetSheetRow(s, "A"+string(rune('0'+r)), &row))
		}
	})
	_, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
	var ps credit.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("Read01: %v, want one problem", err)
	}
	p := ps[0]
	if p.Pointer != "/rows/5/date_of_birth" || p.Row != 7 || p.Column != "E" || p.Code != credit.CodeInvalidDate {
		t.Errorf("problem = %+v, want /rows/5/date_of_birth at E7", p)
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Errorf("errors.Is(err, credit.ErrInvalid) = false")
	}
	if origin.Rows[5] != 7 {
		t.Errorf("origin.Rows = %v", origin.Rows)
	}
}

// A workbook where Read02's fields are typed by hand, with the worker table
// after them.
func TestReadOfficerPlan(t *testing.T) {
	data := workbook(t, "PA", func(f *excelize.File, s string) {
		rows := [][]any{
			{"PHƯƠNG ÁN VAY VỐN"},
			{"Tên cơ sở:", "Hợp tác xã Chè Bản Bo"},
			{"Loại hình", "hợp tác xã"},
			{"Tổng số lao động", "25"},
			{"Số tiền đề nghị vay (đồng)", "900.000.000"},
			{"Thời hạn vay (tháng)", 60},
			{},
			{"STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số định danh cá nhân", "Loại giấy chứng nhận",
				"Số giấy chứng nhận", "Ngày chấp hành xong án phạt tù", "Có tên trong danh sách Mẫu số 01",
				"Số hợp đồng lao động", "Ngày ký hợp đồng"},
			{1, "Lò Văn Hùng", "12/04/1988", "Nam", "012088004512", "Chấp hành xong án phạt tù", "125/GCN-THA",
				"15/02/2024", "có", "07/2026/HĐLĐ", "01/03/2026"},
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			must(t, f.SetSheetRow(s, cell, &r))
		}
	})
	got, origin, err := xlsx.Read02(context.Background(), bytes.NewReader(data), xlsx.Options{})
	if err != nil {
		t.Fatalf("Read02: %v", err)
	}
	want := sample02()
	if got.Name != want.Name || got.Kind != want.Kind || got.TotalWorkers != 25 || got.AmountRequested != want.AmountRequested ||
		got.TermMonths != 60 || len(got.Workers) != 1 || !reflect.DeepEqual(got.Workers[0], want.Workers[0]) {
		t.Errorf("read %+v", got)
	}
	if origin.Header["name"] != "B2" || origin.Header["term_months"] != "B6" || origin.Rows[0] != 9 {
		t.Errorf("origin = %+v", origin)
	}
}

func TestReadMaxRows(t *testing.T) {
	l := manyRows01(6)
	data := write01(t, &l)
	if _, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{MaxRows: 5}); !errors.Is(err, forms.ErrTooManyRows) {
		t.Errorf("6 rows, MaxRows 5: %v, want ErrTooManyRows", err)
	}
	if got, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{MaxRows: 6}); err != nil || len(got.Rows) != 6 {
		t.Errorf("6 rows, MaxRows 6: %d rows, %v", len(got.Rows), err)
	}
	if _, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{MaxBytes: int64(len(data) - 1)}); !errors.Is(err, forms.ErrFileTooLarge) {
		t.Errorf("MaxBytes one short: %v, want ErrFileTooLarge", err)
	}
	if _, _, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{MaxBytes: int64(len(data))}); err != nil {
		t.Errorf("MaxBytes exact: %v", err)
	}
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestReadReaderError(t *testing.T) {
	_, origin, err := xlsx.Read01(context.Background(), failReader{}, xlsx.Options{})
	if err == nil || origin != nil || errors.Is(err, forms.ErrNotForm) {
		t.Errorf("Read01 of a failing reader: %v", err)
	}
}

// The sheet named like the form is read first; otherwise the first sheet
// with the headings, after sheets without them.
func TestReadSheetChoice(t *testing.T) {
	table := func(f *excelize.File, s, name string) {
		var head []any
		for _, c := range forms.Layout01 {
			head = append(head, c.HeadingVI)
		}
		must(t, f.SetSheetRow(s, "A1", &head))
		row := []any{1, name}
		must(t, f.SetSheetRow(s, "A2", &row))
	}
	data := workbook(t, "Hướng dẫn", func(f *excelize.File, s string) {
		must(t, f.SetCellStr(s, "A1", "Điền danh sách vào trang sau."))
		_, err := f.NewSheet("Tháng 10")
		must(t, err)
		table(f, "Tháng 10", "Lò Văn Hùng")
		_, err = f.NewSheet("mau01")
		must(t, err)
		table(f, "mau01", "Tòng Thị Mai")
	})
	got, origin, err := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{})
	var ps credit.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatal(err)
	}
	if origin.Sheet != "mau01" || len(got.Rows) != 1 || got.Rows[0].FullName != "Tòng Thị Mai" {
		t.Errorf("read sheet %q: %+v", origin.Sheet, got.Rows)
	}
	data = workbook(t, "Hướng dẫn", func(f *excelize.File, s string) {
		_, err := f.NewSheet("Tháng 10")
		must(t, err)
		table(f, "Tháng 10", "Lò Văn Hùng")
	})
	if _, origin, _ := xlsx.Read01(context.Background(), bytes.NewReader(data), xlsx.Options{}); origin == nil || origin.Sheet != "Tháng 10" {
		t.Errorf("origin = %+v", origin)
	}
}
