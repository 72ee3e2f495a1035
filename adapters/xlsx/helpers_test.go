package xlsx_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

var update = flag.Bool("update", false, "rewrite the golden files and the fuzz seeds in testdata")

func day(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// sample01 is a synthetic Mẫu 01 list of three people (no real person):
// the ID numbers are structurally valid for the dates of birth and sexes.
func sample01() forms.List01 {
	return forms.List01{
		Province:    "Lai Châu",
		CommuneCode: "03424",
		CommuneName: "Xã Bản Bo",
		Period:      forms.Period{Year: 2026, Month: time.November},
		PreparedOn:  day(2026, time.November, 4),
		PreparedBy:  "Hoàng Văn Dũng",
		CertifiedBy: "Lường Thị Hoa",
		Rows: []forms.Row01{
			{
				FullName: "Lò Văn Hùng", DateOfBirth: day(1988, time.April, 12), Sex: forms.Male,
				IDNumber: "012088004512", Residence: "Bản Nà Luồng, xã Bản Bo, tỉnh Lai Châu",
				ReleaseBasis: eligibility.Completion, CertificateNo: "125/GCN-THA",
				CertificateDate: day(2024, time.February, 20), CompletedOn: day(2024, time.February, 15),
				Purpose: credit.Production, Amount: 100_000_000,
			},
			{
				FullName: "Tòng Thị Mai", DateOfBirth: day(1990, time.September, 3), Sex: forms.Female,
				IDNumber: "012190001234", Residence: "Bản Cốc Phát, xã Bản Bo, tỉnh Lai Châu",
				ReleaseBasis: eligibility.SpecialAmnesty, CertificateNo: "08/GCN-ĐX",
				CertificateDate: day(2025, time.September, 2), CompletedOn: day(2025, time.September, 1),
				Purpose: credit.VocationalTraining, Amount: 12_000_000, CourseMonths: 3, Note: "Học nghề may",
			},
			{
				FullName: "Nguyễn Văn An", DateOfBirth: day(2001, time.January, 20), Sex: forms.Male,
				IDNumber: "001201003456", Residence: "Tổ 5, xã Bản Bo, tỉnh Lai Châu",
				ReleaseBasis: eligibility.Completion, CertificateNo: "311/GCN",
				CertificateDate: day(2023, time.November, 10), CompletedOn: day(2023, time.November, 5),
				Purpose: credit.Production, Amount: 50_000_000,
			},
		},
	}
}

// sample02 is a synthetic Mẫu 02 plan with two workers.
func sample02() forms.Plan02 {
	return forms.Plan02{
		Province:            "Lai Châu",
		CommuneCode:         "03424",
		CommuneName:         "Xã Bản Bo",
		PreparedOn:          day(2026, time.October, 20),
		Name:                "Hợp tác xã Chè Bản Bo",
		Kind:                eligibility.Cooperative,
		RegistrationNo:      "0123/HTX-ĐKKD",
		Address:             "Bản Nà Luồng, xã Bản Bo, tỉnh Lai Châu",
		LegalRepresentative: "Đèo Văn Thắng",
		TotalWorkers:        25,
		Workers: []forms.Worker02{
			{
				FullName: "Lò Văn Hùng", DateOfBirth: day(1988, time.April, 12), Sex: forms.Male,
				IDNumber: "012088004512", ReleaseBasis: eligibility.Completion, CertificateNo: "125/GCN-THA",
				CompletedOn: day(2024, time.February, 15), OnCommuneList: eligibility.Yes,
				ContractNo: "07/2026/HĐLĐ", ContractDate: day(2026, time.March, 1),
			},
			{
				FullName: "Tòng Thị Mai", DateOfBirth: day(1990, time.September, 3), Sex: forms.Female,
				IDNumber: "012190001234", ReleaseBasis: eligibility.SpecialAmnesty, CertificateNo: "08/GCN-ĐX",
				CompletedOn: day(2025, time.September, 1), OnCommuneList: eligibility.No,
				ContractNo: "11/2026/HĐLĐ", ContractDate: day(2026, time.June, 15),
			},
		},
		Purpose:         credit.Production,
		CapitalNeed:     1_500_000_000,
		OwnCapital:      500_000_000,
		AmountRequested: 900_000_000,
		TermMonths:      60,
		RepaymentPlan:   "Trả gốc 6 tháng một lần, mỗi lần 90.000.000 đồng.\nTrả lãi hằng tháng từ doanh thu bán chè.",
		Collateral:      "Quyền sử dụng đất 2.000 m² tại bản Nà Luồng",
		ConfirmedOn:     day(2026, time.October, 25),
		ConfirmedBy:     "Lường Thị Hoa",
	}
}

// manyRows01 is a synthetic list of n rows.
func manyRows01(n int) forms.List01 {
	l := sample01()
	base := l.Rows
	l.Rows = make([]forms.Row01, n)
	for i := range l.Rows {
		r := base[i%len(base)]
		r.FullName += " " + strconv.Itoa(i)
		l.Rows[i] = r
	}
	return l
}

func write01(t testing.TB, l *forms.List01) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write01(&buf, l); err != nil {
		t.Fatalf("Write01: %v", err)
	}
	return buf.Bytes()
}

func write02(t testing.TB, pl *forms.Plan02) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write02(&buf, pl); err != nil {
		t.Fatalf("Write02: %v", err)
	}
	return buf.Bytes()
}

// workbook builds a workbook in a test, the way an officer's would be: f is
// given a sheet named sheet to fill in.
func workbook(t testing.TB, sheet string, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	fill(f, sheet)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// must fails the test on an error of excelize while building a workbook.
func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// goldenSheet is what a golden file records of an exported workbook: every
// cell that is not blank, with its type, raw value, number format and
// formula, the merged ranges, the column widths and the print setup.
type goldenSheet struct {
	Sheets      []string              `json:"sheets"`
	Cells       map[string]goldenCell `json:"cells"`
	Merges      []string              `json:"merges"`
	Widths      map[string]float64    `json:"widths"`
	Paper       int                   `json:"paper"`
	Orientation string                `json:"orientation"`
	FitToWidth  int                   `json:"fit_to_width"`
	FitToHeight int                   `json:"fit_to_height"`
	FitToPage   bool                  `json:"fit_to_page"`
	Margins     map[string]float64    `json:"margins"`
	PrintTitles string                `json:"print_titles"`
}

type goldenCell struct {
	Type    string `json:"type"`
	Value   string `json:"value"`
	Format  string `json:"format,omitempty"`
	Formula string `json:"formula,omitempty"`
}

var cellTypeNames = map[excelize.CellType]string{
	excelize.CellTypeUnset:        "number",
	excelize.CellTypeBool:         "bool",
	excelize.CellTypeDate:         "date",
	excelize.CellTypeError:        "error",
	excelize.CellTypeFormula:      "formula-string",
	excelize.CellTypeInlineString: "string",
	excelize.CellTypeNumber:       "number",
	excelize.CellTypeSharedString: "string",
}

var builtinFormats = map[int]string{0: "", 3: "#,##0", 14: "builtin 14 (m/d/yyyy)", 49: "@"}

// dumpSheet reads what a golden file records from a workbook.
func dumpSheet(t testing.TB, data []byte, sheet string) goldenSheet {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := goldenSheet{Sheets: f.GetSheetList(), Cells: map[string]goldenCell{}, Widths: map[string]float64{}}
	merges, err := f.GetMergeCells(sheet)
	must(t, err)
	hidden := map[string]bool{} // cells of a merged range but its first
	for _, m := range merges {
		g.Merges = append(g.Merges, m.GetStartAxis()+":"+m.GetEndAxis())
		c1, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				if r != r1 || c != c1 {
					name, _ := excelize.CoordinatesToCellName(c, r)
					hidden[name] = true
				}
			}
		}
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	must(t, err)
	for r, row := range rows {
		for c := range row {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if hidden[name] {
				continue
			}
			formula, err := f.GetCellFormula(sheet, name)
			must(t, err)
			if row[c] == "" && formula == "" {
				continue
			}
			typ, err := f.GetCellType(sheet, name)
			must(t, err)
			cell := goldenCell{Type: cellTypeNames[typ], Value: row[c], Formula: formula}
			style, err := f.GetCellStyle(sheet, name)
			must(t, err)
			st, err := f.GetStyle(style)
			must(t, err)
			if st.CustomNumFmt != nil {
				cell.Format = *st.CustomNumFmt
			} else if s, ok := builtinFormats[st.NumFmt]; ok {
				cell.Format = s
			} else {
				cell.Format = "builtin " + strconv.Itoa(st.NumFmt)
			}
			g.Cells[name] = cell
		}
	}
	for c := 1; c <= 14; c++ {
		col, _ := excelize.ColumnNumberToName(c)
		w, err := f.GetColWidth(sheet, col)
		must(t, err)
		g.Widths[col] = w
	}
	pl, err := f.GetPageLayout(sheet)
	must(t, err)
	if pl.Size != nil {
		g.Paper = *pl.Size
	}
	if pl.Orientation != nil {
		g.Orientation = *pl.Orientation
	}
	if pl.FitToWidth != nil {
		g.FitToWidth = *pl.FitToWidth
	}
	if pl.FitToHeight != nil {
		g.FitToHeight = *pl.FitToHeight
	}
	sp, err := f.GetSheetProps(sheet)
	must(t, err)
	g.FitToPage = sp.FitToPage != nil && *sp.FitToPage
	pm, err := f.GetPageMargins(sheet)
	must(t, err)
	g.Margins = map[string]float64{}
	for k, v := range map[string]*float64{"left": pm.Left, "right": pm.Right, "top": pm.Top, "bottom": pm.Bottom} {
		if v != nil {
			g.Margins[k] = *v
		}
	}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet {
			g.PrintTitles = dn.RefersTo
		}
	}
	return g
}

// golden compares got with the golden file name in testdata, or rewrites
// it with -update.
func golden(t *testing.T, name string, got goldenSheet) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		b, err := json.MarshalIndent(got, "", "  ")
		must(t, err)
		must(t, os.WriteFile(path, append(b, '\n'), 0o644))
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	var want goldenSheet
	must(t, json.Unmarshal(b, &want))
	for name, w := range want.Cells {
		if g, ok := got.Cells[name]; !ok {
			t.Errorf("cell %s: missing, want %+v", name, w)
		} else if g != w {
			t.Errorf("cell %s: got %+v, want %+v", name, g, w)
		}
	}
	for name, g := range got.Cells {
		if _, ok := want.Cells[name]; !ok {
			t.Errorf("cell %s: unexpected %+v", name, g)
		}
	}
	got.Cells, want.Cells = nil, nil
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if !bytes.Equal(gb, wb) {
		t.Errorf("sheet setup:\n got %s\nwant %s", gb, wb)
	}
}
