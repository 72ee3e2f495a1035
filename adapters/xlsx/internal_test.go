package xlsx

import (
	"archive/zip"
	"bytes"
	"strconv"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

func TestLabelKey(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"Tỉnh:", "TỈNH"},
		{"Chủ tịch Uỷ ban nhân dân xã", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ"},
		{"Chủ tịch UBND xã", "Chủ tịch Ủy ban nhân dân xã"},
		{"Xã, phường, đặc khu", "xã phường đặc khu"},
		{"Hoà", "Hòa"},
	} {
		if labelKey(tc.a) != labelKey(tc.b) {
			t.Errorf("labelKey(%q) = %q, labelKey(%q) = %q", tc.a, labelKey(tc.a), tc.b, labelKey(tc.b))
		}
	}
	if labelKey("Tỉnh") == labelKey("Tháng") {
		t.Error("different labels compare equal")
	}
}

func TestParseDateLine(t *testing.T) {
	for _, tc := range []struct {
		in    string
		date  string
		place bool
		ok    bool
	}{
		{"Bản Bo, ngày 04 tháng 11 năm 2026", "04/11/2026", true, true},
		{"Ngày 5 tháng 3 năm 2026.", "05/03/2026", false, true},
		{"Tam Đường,  NGÀY 30  THÁNG 6 NĂM 2026", "30/06/2026", true, true},
		{"……, ngày …… tháng …… năm ……", "", false, false},
		{"ngày 32 tháng 1 năm 2026", "", false, false},
		{"Lò Văn Hùng", "", false, false},
	} {
		d, place, ok := parseDateLine(tc.in)
		if d != tc.date || place != tc.place || ok != tc.ok {
			t.Errorf("parseDateLine(%q) = %q, %v, %v; want %q, %v, %v", tc.in, d, place, ok, tc.date, tc.place, tc.ok)
		}
	}
}

func TestFooterAndTotals(t *testing.T) {
	for in, want := range map[string]bool{
		"TRƯỞNG CÔNG AN XÃ":                 true,
		"(Ký, ghi rõ họ tên)":               true,
		"(ký tên, đóng dấu)":                true,
		"TM. ỦY BAN NHÂN DÂN XÃ":            true,
		"……, ngày …… tháng …… năm ……":       true,
		"Bản Bo, ngày 04 tháng 11 năm 2026": true,
		"Lò Văn Hùng":                       false,
		"Chấp hành xong án phạt tù":         false,
		"Bản Nà Luồng, xã Bản Bo":           false,
		"":                                  false,
	} {
		if got := isFooterCell(in); got != want {
			t.Errorf("isFooterCell(%q) = %v", in, got)
		}
	}
	for _, tc := range []struct {
		cells []string
		want  bool
	}{
		{[]string{"", "Tổng cộng"}, true},
		{[]string{"TỔNG:", "", "3"}, true},
		{[]string{"Cộng", "150000000"}, true},
		{[]string{"1", "Tổng cộng"}, false},
		{[]string{"Tổngcộng"}, false},
	} {
		if got := forms.IsTotalsRow(tc.cells); got != tc.want {
			t.Errorf("IsTotalsRow(%q) = %v", tc.cells, got)
		}
	}
	if !isColumnNumbers([]string{"(1)", "(2)", "(3)", ""}, 1) || isColumnNumbers([]string{"1", "Lò Văn Hùng", "3"}, 1) {
		t.Error("isColumnNumbers")
	}
}

// The leading zeros of an ID number stored as a number come back (the
// repair lives in forms.ReadRow01, for every importer).
func TestFixID(t *testing.T) {
	for in, want := range map[string]string{
		"12088004512":  "012088004512",
		"1201003456":   "001201003456",
		"012088004512": "012088004512",
		"123456789":    "123456789",
		"1208800451x":  "1208800451x",
		"":             "",
	} {
		cells := make([]string, len(forms.Layout01))
		cells[forms.ColumnIndex(forms.Layout01, "id_number")] = in
		var pr credit.Problems
		if got := forms.ReadRow01(cells, "/rows/0", &pr).IDNumber; got != want {
			t.Errorf("ReadRow01 with ID %q: %q, want %q", in, got, want)
		}
	}
}

func TestSerial(t *testing.T) {
	for in, want := range map[string]int{"45231": 45231, "45231.0": 45231, " 61 ": 61, "45231.5": -1, "12/04/1988": -1, "": -1, "12345678": -1} {
		n, ok := serial(in)
		if !ok {
			n = -1
		}
		if n != want {
			t.Errorf("serial(%q) = %d, want %d", in, n, want)
		}
	}
}

func TestCountEntries(t *testing.T) {
	for _, n := range []int{0, 1, 7, maxParts + 5} {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for i := range n {
			if _, err := zw.CreateHeader(&zip.FileHeader{Name: "p" + strconv.Itoa(i), Method: zip.Store}); err != nil {
				t.Fatal(err)
			}
		}
		zw.SetComment("a comment")
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		got, ok := countEntries(buf.Bytes())
		if !ok || got != min(n, maxParts+1) {
			t.Errorf("%d entries: countEntries = %d, %v", n, got, ok)
		}
	}
	for _, data := range [][]byte{nil, []byte("PK\x05\x06"), []byte("hello"), bytes.Repeat([]byte("PK\x05\x06"), 20)} {
		countEntries(data) // no panic
	}
}
