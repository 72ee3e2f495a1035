package xlsx_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/reporting"
)

// loans yields the loans of ls as reporting.Build reads them.
func loans(ls []reporting.Loan) iter.Seq2[int, *reporting.Loan] {
	return func(yield func(int, *reporting.Loan) bool) {
		for i := range ls {
			if !yield(i, &ls[i]) {
				return
			}
		}
	}
}

func loan(id, commune string, kind reporting.BorrowerKind, p credit.Purpose, src reporting.CapitalSource,
	ch reporting.Channel, on credit.Date, amount, outstanding, overdue credit.VND, jobs int) reporting.Loan {
	return reporting.Loan{ID: id, CommuneCode: commune, BorrowerKind: kind, Purpose: p, CapitalSource: src,
		Channel: ch, DisbursedOn: on, Amount: amount, Outstanding: outstanding, Overdue: overdue, Jobs: jobs}
}

// portfolioTables is the loan book of the contract's example, on
// 30/09/2026: three communes, one loan overdue.
func portfolioTables(t testing.TB) []reporting.Table {
	t.Helper()
	ls := []reporting.Loan{
		loan("L1", "03424", reporting.BorrowerIndividual, credit.Production, reporting.SourceCentral,
			reporting.ChannelFarmersUnion, day(2024, time.January, 10), 100_000_000, 80_000_000, 0, 1),
		loan("L2", "03424", reporting.BorrowerEstablishment, credit.Production, reporting.SourceLocal,
			reporting.ChannelDirect, day(2025, time.March, 1), 500_000_000, 450_000_000, 20_000_000, 6),
		loan("L3", "03430", reporting.BorrowerIndividual, credit.VocationalTraining, reporting.SourceCentral,
			reporting.ChannelWomensUnion, day(2025, time.June, 15), 40_000_000, 40_000_000, 0, 0),
	}
	r, err := reporting.Build(day(2026, time.September, 30), loans(ls))
	must(t, err)
	return reporting.PortfolioTables(&r)
}

// hugeTables is a loan book of two loans of credit.MaxVND each: its totals
// have 16 digits, more than Excel keeps.
func hugeTables(t testing.TB) []reporting.Table {
	t.Helper()
	ls := []reporting.Loan{
		loan("H1", "03424", reporting.BorrowerEstablishment, credit.Production, reporting.SourceOther,
			reporting.ChannelDirect, day(2025, time.May, 5), credit.MaxVND, credit.MaxVND, 1, 1),
		loan("H2", "03430", reporting.BorrowerEstablishment, credit.Production, reporting.SourceOther,
			reporting.ChannelDirect, day(2025, time.May, 6), credit.MaxVND, credit.MaxVND, 0, 1),
	}
	r, err := reporting.Build(day(2026, time.September, 30), loans(ls))
	must(t, err)
	return reporting.PortfolioTables(&r)[:1]
}

// comparisonTables is a book whose outstanding fell by 20,000,000 đồng
// (-12.50 %) in a year.
func comparisonTables(t testing.TB) []reporting.Table {
	t.Helper()
	l := func(id string, on credit.Date, amount, outstanding credit.VND) reporting.Loan {
		return loan(id, "03424", reporting.BorrowerIndividual, credit.Production, reporting.SourceCentral,
			reporting.ChannelWomensUnion, on, amount, outstanding, 0, 1)
	}
	before := []reporting.Loan{
		l("L1", day(2023, time.December, 1), 100_000_000, 100_000_000),
		l("L2", day(2024, time.March, 1), 60_000_000, 60_000_000),
	}
	after := []reporting.Loan{
		l("L1", day(2023, time.December, 1), 100_000_000, 50_000_000),
		l("L3", day(2025, time.February, 1), 90_000_000, 90_000_000),
	}
	c, err := reporting.CompareSnapshots(day(2024, time.September, 30), loans(before), day(2025, time.September, 30), loans(after))
	must(t, err)
	return reporting.ComparisonTables(&c)
}

// roundLists are November 2026's lists (synthetic people): 03424 sends its
// list on the 5th, 03430 on the 6th, and one person is on both.
func roundLists() []forms.List01 {
	nov := forms.Period{Year: 2026, Month: time.November}
	row := func(name string, born int, sex forms.Sex, id string, purpose credit.Purpose, amount credit.VND) forms.Row01 {
		r := sample01().Rows[0]
		r.FullName, r.DateOfBirth, r.Sex, r.IDNumber, r.Purpose, r.Amount = name, day(born, time.March, 2), sex, id, purpose, amount
		if purpose == credit.VocationalTraining {
			r.CourseMonths = 6
		}
		return r
	}
	list := func(commune string, on int, rows ...forms.Row01) forms.List01 {
		l := sample01()
		m, _ := places.Default().Commune(commune)
		l.CommuneCode, l.CommuneName, l.Period, l.PreparedOn, l.Rows = commune, m.Name, nov,
			day(2026, time.November, on), rows
		return l
	}
	return []forms.List01{
		list("03424", 5,
			row("Người Thử 000001", 1971, forms.Female, "012171000001", credit.Production, 50_000_000),
			row("Người Thử 000002", 2003, forms.Male, "012203000002", credit.VocationalTraining, 24_000_000)),
		list("03430", 6,
			row("Người Thử 000003", 1983, forms.Male, "012083000003", credit.Production, 30_000_000),
			row("Người Thử 000001", 1971, forms.Female, "012171000001", credit.Production, 40_000_000)),
	}
}

func monthlyTables(t testing.TB) []reporting.Table {
	t.Helper()
	m, err := reporting.MonthlyRound(credit.DefaultBook(), forms.Period{Year: 2026, Month: time.November},
		[]string{"03424", "03430", "03433"}, roundLists())
	must(t, err)
	return reporting.MonthlyTables(&m)
}

func demandTables(t testing.TB) []reporting.Table {
	t.Helper()
	d, err := reporting.DemandReview(nil, 2026, roundLists(), reporting.Capital{Central: 50_000_000, Local: 10_000_000})
	must(t, err)
	return reporting.DemandTables(&d)
}

func planTables(t testing.TB) []reporting.Table {
	t.Helper()
	done := []reporting.Completion{
		{TaskID: "department_plans", DoneOn: day(2023, time.October, 18)},
		{TaskID: "monthly_list", Occurrence: day(2023, time.November, 5), DoneOn: day(2023, time.November, 7)},
	}
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), day(2023, time.December, 10), done)
	must(t, err)
	return []reporting.Table{reporting.PlanTable(r)}
}

func writeTables(t testing.TB, tables ...reporting.Table) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	must(t, xlsx.WriteTables(&b, tables...))
	f, err := excelize.OpenReader(&b)
	must(t, err)
	t.Cleanup(func() { f.Close() })
	return f
}

// cellInfo is what a test looks at in a cell.
type cellInfo struct {
	raw     string
	str     bool // a string cell (else a number, or blank)
	format  string
	align   string
	bold    bool
	border  bool
	formula string
}

var formatNames = map[int]string{0: "General", 2: "0.00", 3: "#,##0", 49: "@"}

func cellAt(t testing.TB, f *excelize.File, sheet, cell string) cellInfo {
	t.Helper()
	raw, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	must(t, err)
	typ, err := f.GetCellType(sheet, cell)
	must(t, err)
	formula, err := f.GetCellFormula(sheet, cell)
	must(t, err)
	id, err := f.GetCellStyle(sheet, cell)
	must(t, err)
	st, err := f.GetStyle(id)
	must(t, err)
	c := cellInfo{raw: raw, formula: formula, border: len(st.Border) == 4,
		str: typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString}
	if st.CustomNumFmt != nil {
		c.format = *st.CustomNumFmt
	} else if s, ok := formatNames[st.NumFmt]; ok {
		c.format = s
	} else {
		c.format = "builtin " + strconv.Itoa(st.NumFmt)
	}
	if st.Alignment != nil {
		c.align = st.Alignment.Horizontal
	}
	c.bold = st.Font != nil && st.Font.Bold
	return c
}

func name(col, row int) string {
	s, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		panic(err)
	}
	return s
}

// checkCell checks a cell written from text in a column of kind: what the
// cell holds must read back to the text, as a number for numbers Excel
// keeps exactly.
func checkCell(t *testing.T, f *excelize.File, sheet, cell string, kind reporting.ColumnKind, text string, bold bool) {
	t.Helper()
	c := cellAt(t, f, sheet, cell)
	if !c.border || c.bold != bold || c.formula != "" {
		t.Errorf("%s!%s: border %v, bold %v, formula %q; want a border, bold %v, no formula",
			sheet, cell, c.border, c.bold, c.formula, bold)
	}
	if text == "" {
		if c.raw != "" {
			t.Errorf("%s!%s = %q, want blank", sheet, cell, c.raw)
		}
		return
	}
	number := func(format string) {
		if c.str || c.format != format {
			t.Errorf("%s!%s (%q): string %v, format %q; want a number formatted %q", sheet, cell, text, c.str, c.format, format)
		}
	}
	asText := func() {
		if !c.str || c.raw != text || c.format != "@" {
			t.Errorf("%s!%s = %q (string %v, format %q), want the text %q formatted @", sheet, cell, c.raw, c.str, c.format, text)
		}
	}
	switch kind {
	case reporting.ColumnCount, reporting.ColumnAmount:
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil || len(strings.TrimPrefix(text, "-")) > 15 {
			asText()
			return
		}
		format := "#,##0"
		if kind == reporting.ColumnAmount {
			format = "#,##0;-#,##0"
		}
		number(format)
		if got, err := strconv.ParseInt(c.raw, 10, 64); err != nil || got != n {
			t.Errorf("%s!%s = %q, want %d", sheet, cell, c.raw, n)
		}
	case reporting.ColumnPercent:
		x, err := strconv.ParseFloat(text, 64)
		if err != nil {
			asText()
			return
		}
		number("0.00")
		if got, err := strconv.ParseFloat(c.raw, 64); err != nil || got != x {
			t.Errorf("%s!%s = %q, want %v", sheet, cell, c.raw, x)
		}
	case reporting.ColumnDate:
		number("dd/mm/yyyy")
		serial, err := strconv.Atoi(c.raw)
		if err != nil {
			t.Errorf("%s!%s = %q, want a date serial", sheet, cell, c.raw)
			return
		}
		if got := reporting.DateCell(day(1899, time.December, 30).AddDays(serial)); got != text {
			t.Errorf("%s!%s = %d = %s, want %s", sheet, cell, serial, got, text)
		}
	default:
		asText()
	}
}

// checkWorkbook checks that f holds tables as WriteTables lays them out.
func checkWorkbook(t *testing.T, f *excelize.File, tables []reporting.Table) {
	t.Helper()
	var want []string
	for _, tb := range tables {
		want = append(want, tb.Sheet)
	}
	if got := f.GetSheetList(); !equal(got, want) {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	props, err := f.GetDocProps()
	must(t, err)
	if props.Title != tables[0].Title.VI || props.Language != "vi-VN" {
		t.Errorf("document title %q, language %q", props.Title, props.Language)
	}
	if font, err := f.GetDefaultFont(); err != nil || font != "Times New Roman" {
		t.Errorf("default font %q, %v", font, err)
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	for _, tb := range tables {
		sheet, ncol := tb.Sheet, len(tb.Columns)
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		must(t, err)
		last := 3 + len(tb.Rows)
		if tb.Totals != nil {
			last++
		}
		if len(rows) != last {
			t.Errorf("%s: %d rows, want %d", sheet, len(rows), last)
		}
		// The title, across the columns.
		if len(rows) < 3 || strings.Join(rows[0], "") != tb.Title.VI || len(rows[1]) != 0 {
			t.Fatalf("%s: first rows %q, want the title %q and a blank row", sheet, rows[:min(3, len(rows))], tb.Title.VI)
		}
		merges, err := f.GetMergeCells(sheet)
		must(t, err)
		if ncol > 1 && (len(merges) != 1 || merges[0].GetStartAxis() != "A1" || merges[0].GetEndAxis() != name(ncol, 1)) {
			t.Errorf("%s: merged %v, want A1:%s", sheet, merges, name(ncol, 1))
		}
		if c := cellAt(t, f, sheet, "A1"); !c.bold {
			t.Errorf("%s!A1: the title is not bold", sheet)
		}
		// The headings.
		if got := rows[2]; !equal(got, tb.Headings()) {
			t.Errorf("%s: headings %q, want %q", sheet, got, tb.Headings())
		}
		for j := range tb.Columns {
			id, err := f.GetCellStyle(sheet, name(j+1, 3))
			must(t, err)
			st, err := f.GetStyle(id)
			must(t, err)
			if !st.Font.Bold || st.Alignment.Horizontal != "center" || !st.Alignment.WrapText ||
				len(st.Fill.Color) != 1 || st.Fill.Color[0] != "F2F2F2" || len(st.Border) != 4 {
				t.Errorf("%s!%s: heading style %+v", sheet, name(j+1, 3), st)
			}
		}
		// The rows and the totals.
		for i, row := range tb.Rows {
			for j, c := range tb.Columns {
				checkCell(t, f, sheet, name(j+1, 4+i), c.Kind, row[j], false)
			}
		}
		if tb.Totals != nil {
			for j, c := range tb.Columns {
				text := ""
				if j < len(tb.Totals) {
					text = tb.Totals[j]
				}
				checkCell(t, f, sheet, name(j+1, last), c.Kind, text, true)
			}
		}
		// Widths, panes, printing.
		for j, c := range tb.Columns {
			col, err := excelize.ColumnNumberToName(j + 1)
			must(t, err)
			w, err := f.GetColWidth(sheet, col)
			must(t, err)
			if c.Width > 0 && w != float64(c.Width) {
				t.Errorf("%s: column %d is %v wide, want %d", sheet, j+1, w, c.Width)
			}
		}
		panes, err := f.GetPanes(sheet)
		must(t, err)
		if !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 0 || panes.TopLeftCell != "A4" {
			t.Errorf("%s: panes %+v, want frozen above A4", sheet, panes)
		}
		if want := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$3:$3"; titles[sheet] != want {
			t.Errorf("%s: print titles %q, want %q", sheet, titles[sheet], want)
		}
		pl, err := f.GetPageLayout(sheet)
		must(t, err)
		if *pl.Size != 9 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
			t.Errorf("%s: page layout %d %s %d×%d", sheet, *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
		}
		hf, err := f.GetHeaderFooter(sheet)
		must(t, err)
		if hf.OddFooter != "&CTrang &P/&N" {
			t.Errorf("%s: footer %q", sheet, hf.OddFooter)
		}
	}
}

func equal(a, b []string) bool {
	return len(a) == len(b) && strings.Join(a, "\x00") == strings.Join(b, "\x00")
}

// The tables of every report, written and read back.
func TestWriteTablesReports(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tables func(testing.TB) []reporting.Table
		sheets []string
	}{
		{"portfolio", portfolioTables, []string{"Theo xã", "Theo mục đích", "Theo đối tượng", "Theo nguồn vốn", "Theo kênh"}},
		{"huge portfolio", hugeTables, []string{"Theo xã"}},
		{"comparison", comparisonTables, []string{"So sánh"}},
		{"monthly", monthlyTables, []string{"Theo xã", "Theo mục đích", "Chưa gửi, gửi trễ", "Trùng người"}},
		{"demand", demandTables, []string{"Theo xã", "Theo mục đích", "Cân đối vốn"}},
		{"plan", planTables, []string{"Kế hoạch"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tables := tc.tables(t)
			f := writeTables(t, tables...)
			if got := f.GetSheetList(); !equal(got, tc.sheets) {
				t.Fatalf("sheets %q, want %q", got, tc.sheets)
			}
			checkWorkbook(t, f, tables)
		})
	}
}

// What the reports' tables hold that the generic check cannot tell: the
// rows are there, with the values expected.
func TestWriteTablesValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tables func(testing.TB) []reporting.Table
		sheet  string
		cell   string
		want   cellInfo
	}{
		// The overdue ratio of commune 03424: 20,000,000 / 530,000,000.
		{"ratio", portfolioTables, "Theo xã", "F4", cellInfo{raw: "3.77", format: "0.00", align: "right", border: true}},
		{"totals label", portfolioTables, "Theo kênh", "A7",
			cellInfo{raw: "Tổng cộng", str: true, format: "@", align: "left", bold: true, border: true}},
		{"count", portfolioTables, "Theo xã", "B4", cellInfo{raw: "2", format: "#,##0", align: "right", border: true}},
		{"group named in Vietnamese", portfolioTables, "Theo kênh", "A4",
			cellInfo{raw: "Cho vay trực tiếp", str: true, format: "@", align: "left", border: true}},
		// 2 × 10^15 đồng: 16 digits, kept as text, right-aligned.
		{"16-digit total", hugeTables, "Theo xã", "C6",
			cellInfo{raw: "2000000000000000", str: true, format: "@", align: "right", bold: true, border: true}},
		{"15-digit amount", hugeTables, "Theo xã", "C4",
			cellInfo{raw: "1000000000000000", str: true, format: "@", align: "right", border: true}},
		{"tiny ratio", hugeTables, "Theo xã", "F4", cellInfo{raw: "0", format: "0.00", align: "right", border: true}},
		{"negative growth", comparisonTables, "So sánh", "F4",
			cellInfo{raw: "-20000000", format: "#,##0;-#,##0", align: "right", border: true}},
		{"negative growth %", comparisonTables, "So sánh", "G5",
			cellInfo{raw: "-12.5", format: "0.00", align: "right", bold: true, border: true}},
		{"date", monthlyTables, "Theo xã", "E4",
			cellInfo{raw: strconv.Itoa(day(2026, time.November, 5).DaysSince(day(1899, time.December, 30))),
				format: "dd/mm/yyyy", align: "center", border: true}},
		{"blank date in totals", monthlyTables, "Theo xã", "E6",
			cellInfo{format: "dd/mm/yyyy", align: "center", bold: true, border: true}},
		{"yes/no", monthlyTables, "Theo xã", "D5", cellInfo{raw: "Không", str: true, format: "@", align: "left", border: true}},
		{"shared person", monthlyTables, "Trùng người", "C4",
			cellInfo{raw: "/lists/0/rows/0, /lists/1/rows/1", str: true, format: "@", align: "left", border: true}},
		// 60,000,000 đồng of capital for 94,000,000 of demand: person
		// 000001 counts once, with the later list's 40,000,000.
		{"coverage", demandTables, "Cân đối vốn", "D4", cellInfo{raw: "63.83", format: "0.00", align: "right", border: true}},
		{"blank count", planTables, "Kế hoạch", "G4", cellInfo{format: "#,##0", align: "right", border: true}},
		{"days late", planTables, "Kế hoạch", "G6", cellInfo{raw: "2", format: "#,##0", align: "right", border: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := writeTables(t, tc.tables(t)...)
			if got := cellAt(t, f, tc.sheet, tc.cell); got != tc.want {
				t.Errorf("%s!%s = %+v, want %+v", tc.sheet, tc.cell, got, tc.want)
			}
		})
	}
}

// Cells of every kind, as the helpers of package reporting write them and
// as they do not.
func TestWriteTablesCells(t *testing.T) {
	serial := func(y int, m time.Month, d int) string {
		return strconv.Itoa(day(y, m, d).DaysSince(day(1899, time.December, 30)))
	}
	for _, tc := range []struct {
		name string
		kind reporting.ColumnKind
		text string
		want cellInfo
	}{
		{"text", reporting.ColumnText, "Xã Bản Bo", cellInfo{raw: "Xã Bản Bo", str: true, format: "@", align: "left"}},
		{"text of digits", reporting.ColumnText, "03424", cellInfo{raw: "03424", str: true, format: "@", align: "left"}},
		{"formula-like =", reporting.ColumnText, "=1+2", cellInfo{raw: "=1+2", str: true, format: "@", align: "left"}},
		{"formula-like +", reporting.ColumnText, "+84912345678", cellInfo{raw: "+84912345678", str: true, format: "@", align: "left"}},
		{"formula-like -", reporting.ColumnText, "-5", cellInfo{raw: "-5", str: true, format: "@", align: "left"}},
		{"formula-like @", reporting.ColumnText, `@HYPERLINK("http://x")`,
			cellInfo{raw: `@HYPERLINK("http://x")`, str: true, format: "@", align: "left"}},
		{"blank text", reporting.ColumnText, "", cellInfo{format: "@", align: "left"}},
		{"count", reporting.ColumnCount, "1234", cellInfo{raw: "1234", format: "#,##0", align: "right"}},
		{"count 0", reporting.ColumnCount, "0", cellInfo{raw: "0", format: "#,##0", align: "right"}},
		{"negative count", reporting.ColumnCount, "-3", cellInfo{raw: "-3", str: true, format: "@", align: "left"}},
		{"count with a plus", reporting.ColumnCount, "+3", cellInfo{raw: "+3", str: true, format: "@", align: "left"}},
		{"count with a leading zero", reporting.ColumnCount, "007", cellInfo{raw: "007", str: true, format: "@", align: "left"}},
		{"blank count", reporting.ColumnCount, "", cellInfo{format: "#,##0", align: "right"}},
		{"amount", reporting.ColumnAmount, "50000000", cellInfo{raw: "50000000", format: "#,##0;-#,##0", align: "right"}},
		{"negative amount", reporting.ColumnAmount, "-50000000", cellInfo{raw: "-50000000", format: "#,##0;-#,##0", align: "right"}},
		{"15 digits", reporting.ColumnAmount, "999999999999999",
			cellInfo{raw: "999999999999999", format: "#,##0;-#,##0", align: "right"}},
		{"-15 digits", reporting.ColumnAmount, "-999999999999999",
			cellInfo{raw: "-999999999999999", format: "#,##0;-#,##0", align: "right"}},
		{"16 digits", reporting.ColumnAmount, "1234567890123456",
			cellInfo{raw: "1234567890123456", str: true, format: "@", align: "right"}},
		{"-16 digits", reporting.ColumnAmount, "-1234567890123456",
			cellInfo{raw: "-1234567890123456", str: true, format: "@", align: "right"}},
		{"beyond int64", reporting.ColumnAmount, "99999999999999999999",
			cellInfo{raw: "99999999999999999999", str: true, format: "@", align: "right"}},
		{"-0", reporting.ColumnAmount, "-0", cellInfo{raw: "-0", str: true, format: "@", align: "left"}},
		{"grouped amount", reporting.ColumnAmount, "50.000.000", cellInfo{raw: "50.000.000", str: true, format: "@", align: "left"}},
		{"label under an amount", reporting.ColumnAmount, "Tổng cộng", cellInfo{raw: "Tổng cộng", str: true, format: "@", align: "left"}},
		{"formula under an amount", reporting.ColumnAmount, "=SUM(A1:A9)",
			cellInfo{raw: "=SUM(A1:A9)", str: true, format: "@", align: "left"}},
		{"blank amount", reporting.ColumnAmount, "", cellInfo{format: "#,##0;-#,##0", align: "right"}},
		{"percent", reporting.ColumnPercent, "12.50", cellInfo{raw: "12.5", format: "0.00", align: "right"}},
		{"negative percent", reporting.ColumnPercent, "-3.00", cellInfo{raw: "-3", format: "0.00", align: "right"}},
		{"percent 0", reporting.ColumnPercent, "0", cellInfo{raw: "0", format: "0.00", align: "right"}},
		{"percent -0.00", reporting.ColumnPercent, "-0.00", cellInfo{raw: "0", format: "0.00", align: "right"}},
		{"big percent", reporting.ColumnPercent, "100000000000000000.00",
			cellInfo{raw: "100000000000000000.00", str: true, format: "@", align: "right"}},
		{"percent NaN", reporting.ColumnPercent, "NaN", cellInfo{raw: "NaN", str: true, format: "@", align: "left"}},
		{"percent Inf", reporting.ColumnPercent, "Inf", cellInfo{raw: "Inf", str: true, format: "@", align: "left"}},
		{"percent 1e3", reporting.ColumnPercent, "1e3", cellInfo{raw: "1e3", str: true, format: "@", align: "left"}},
		{"percent 5.", reporting.ColumnPercent, "5.", cellInfo{raw: "5.", str: true, format: "@", align: "left"}},
		{"percent with a sign", reporting.ColumnPercent, "12.50 %", cellInfo{raw: "12.50 %", str: true, format: "@", align: "left"}},
		{"date", reporting.ColumnDate, "05/11/2026", cellInfo{raw: serial(2026, time.November, 5), format: "dd/mm/yyyy", align: "center"}},
		{"29/02/2024", reporting.ColumnDate, "29/02/2024", cellInfo{raw: serial(2024, time.February, 29), format: "dd/mm/yyyy", align: "center"}},
		{"01/03/1900", reporting.ColumnDate, "01/03/1900", cellInfo{raw: "61", format: "dd/mm/yyyy", align: "center"}},
		{"28/02/1900", reporting.ColumnDate, "28/02/1900", cellInfo{raw: "28/02/1900", str: true, format: "@", align: "left"}},
		{"31/12/9999", reporting.ColumnDate, "31/12/9999", cellInfo{raw: "2958465", format: "dd/mm/yyyy", align: "center"}},
		{"29/02/2023", reporting.ColumnDate, "29/02/2023", cellInfo{raw: "29/02/2023", str: true, format: "@", align: "left"}},
		{"d/m/yyyy", reporting.ColumnDate, "5/11/2026", cellInfo{raw: "5/11/2026", str: true, format: "@", align: "left"}},
		{"ISO date", reporting.ColumnDate, "2026-11-05", cellInfo{raw: "2026-11-05", str: true, format: "@", align: "left"}},
		{"blank date", reporting.ColumnDate, "", cellInfo{format: "dd/mm/yyyy", align: "center"}},
		{"unknown kind", reporting.ColumnKind(99), "12", cellInfo{raw: "12", str: true, format: "@", align: "left"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := reporting.Table{Sheet: "Ô", Title: credit.Text{VI: "Thử"},
				Columns: []reporting.TableColumn{{Heading: credit.Text{VI: "Cột"}, Kind: tc.kind}},
				Rows:    [][]string{{tc.text}}, Totals: []string{tc.text}}
			f := writeTables(t, tb)
			want := tc.want
			want.border = true
			if got := cellAt(t, f, "Ô", "A4"); got != want {
				t.Errorf("A4 = %+v, want %+v", got, want)
			}
			want.bold = true
			if got := cellAt(t, f, "Ô", "A5"); got != want {
				t.Errorf("totals A5 = %+v, want %+v", got, want)
			}
		})
	}
}

// Rows may have more cells than the table has columns, or fewer: the extra
// cells are left out, the missing ones are blank, every column of every
// row is bordered.
func TestWriteTablesRowLengths(t *testing.T) {
	cols := []reporting.TableColumn{
		{Heading: credit.Text{VI: "Xã"}},
		{Heading: credit.Text{VI: "Số người"}, Kind: reporting.ColumnCount},
		{Heading: credit.Text{VI: "Nhu cầu"}, Kind: reporting.ColumnAmount},
	}
	for _, tc := range []struct {
		name string
		row  []string
		want []string // the raw values of A:C
	}{
		{"exact", []string{"03424", "2", "74000000"}, []string{"03424", "2", "74000000"}},
		{"more", []string{"03424", "2", "74000000", "extra", "=1+1"}, []string{"03424", "2", "74000000"}},
		{"fewer", []string{"03424"}, []string{"03424", "", ""}},
		{"empty", []string{}, []string{"", "", ""}},
		{"nil", nil, []string{"", "", ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tb := reporting.Table{Sheet: "Theo xã", Title: credit.Text{VI: "Thử"}, Columns: cols,
				Rows: [][]string{tc.row}, Totals: append([]string{}, tc.row...)}
			f := writeTables(t, tb)
			for _, r := range []int{4, 5} {
				for j, want := range tc.want {
					cell := name(j+1, r)
					c := cellAt(t, f, "Theo xã", cell)
					if c.raw != want || !c.border || c.bold != (r == 5) {
						t.Errorf("%s = %+v, want %q bordered", cell, c, want)
					}
				}
				for _, cell := range []string{name(4, r), name(5, r)} {
					if v, err := f.GetCellValue("Theo xã", cell); err != nil || v != "" {
						t.Errorf("%s = %q, %v; want nothing beyond the columns", cell, v, err)
					}
				}
			}
			rows, err := f.GetRows("Theo xã")
			must(t, err)
			for i, r := range rows {
				if len(r) > len(cols) {
					t.Errorf("row %d has %d cells", i+1, len(r))
				}
			}
		})
	}
}

// Column widths default by kind; the title and the headings get rows tall
// enough for their lines.
func TestWriteTablesLayout(t *testing.T) {
	long := strings.Repeat("Nhu cầu vay vốn của người chấp hành xong án phạt tù ", 6)
	tb := reporting.Table{
		Sheet: "Bố cục", Title: credit.Text{VI: long},
		Columns: []reporting.TableColumn{
			{Heading: credit.Text{VI: "Tên"}},
			{Heading: credit.Text{VI: "Số người được vay vốn trong tháng"}, Kind: reporting.ColumnCount},
			{Heading: credit.Text{VI: "Số tiền"}, Kind: reporting.ColumnAmount},
			{Heading: credit.Text{VI: "Tỷ lệ"}, Kind: reporting.ColumnPercent},
			{Heading: credit.Text{VI: "Ngày"}, Kind: reporting.ColumnDate},
			{Heading: credit.Text{VI: "Rộng"}, Width: 300},
		},
	}
	f := writeTables(t, tb)
	for col, want := range map[string]float64{"A": 20, "B": 10, "C": 18, "D": 10, "E": 12, "F": 255} {
		if w, err := f.GetColWidth("Bố cục", col); err != nil || w != want {
			t.Errorf("column %s is %v wide (%v), want %v", col, w, err, want)
		}
	}
	// The title is 318 characters across 325 character widths: at 14 pt
	// it takes two lines.
	h1, err := f.GetRowHeight("Bố cục", 1)
	must(t, err)
	if h1 < 2*18 || h1 > 409 {
		t.Errorf("title row %v high, want two 14 pt lines", h1)
	}
	// "Số người được vay vốn trong tháng" in 10 characters: four lines.
	h3, err := f.GetRowHeight("Bố cục", 3)
	must(t, err)
	if h3 < 4*15 || h3 > 409 {
		t.Errorf("heading row %v high, want four lines", h3)
	}
	// A single column: the title is not merged.
	f = writeTables(t, reporting.Table{Sheet: "Một cột", Title: credit.Text{VI: "Thử"},
		Columns: []reporting.TableColumn{{Heading: credit.Text{VI: "Cột"}}}})
	if m, err := f.GetMergeCells("Một cột"); err != nil || len(m) != 0 {
		t.Errorf("merges %v, %v; want none", m, err)
	}
}

// Tables that cannot be written are refused before anything is written.
func TestWriteTablesErrors(t *testing.T) {
	col := []reporting.TableColumn{{Heading: credit.Text{VI: "Cột"}}}
	sheet := func(names ...string) []reporting.Table {
		var ts []reporting.Table
		for _, n := range names {
			ts = append(ts, reporting.Table{Sheet: n, Columns: col})
		}
		return ts
	}
	type tc struct {
		name   string
		tables []reporting.Table
		is     error // errors.Is, when not nil
		in     string
	}
	cases := []tc{
		{"no tables", nil, nil, "no table"},
		{"empty name", sheet(""), excelize.ErrSheetNameBlank, "empty"},
		{"32 characters", sheet(strings.Repeat("ă", 32)), excelize.ErrSheetNameLength, "longer than 31"},
		{"31 characters and an emoji", sheet(strings.Repeat("a", 30) + "📈"), excelize.ErrSheetNameLength, "longer than 31"},
		{"duplicate", sheet("Theo xã", "Theo mục đích", "THEO XÃ"), nil, `table 3: the sheet name "THEO XÃ" is table 1's`},
		{"leading apostrophe", sheet("'Theo xã"), excelize.ErrSheetNameSingleQuote, "apostrophe"},
		{"trailing apostrophe", sheet("Theo xã'"), excelize.ErrSheetNameSingleQuote, "apostrophe"},
		{"control character", sheet("Theo\txã"), excelize.ErrSheetNameInvalid, "control"},
		{"not UTF-8", sheet("Theo x\xe3"), excelize.ErrSheetNameInvalid, "UTF-8"},
		{"History", sheet("Theo xã", "history"), excelize.ErrSheetNameInvalid, "reserved"},
		{"no columns", []reporting.Table{{Sheet: "Trống"}}, nil, "no columns"},
		{"bad second table", append(sheet("Theo xã"), reporting.Table{Sheet: "Trống"}), nil, "table 2"},
		{"too many columns", []reporting.Table{{Sheet: "Rộng", Columns: make([]reporting.TableColumn, excelize.MaxColumns+1),
			Rows: [][]string{{"a"}}}}, excelize.ErrColumnNumber, `sheet "Rộng": preparing`},
	}
	for _, c := range `:\/?*[]` {
		cases = append(cases, tc{"holds " + string(c), sheet("Theo xã", "Tháng 11"+string(c)+"2026"),
			excelize.ErrSheetNameInvalid, fmt.Sprintf("table 2: the sheet name %q holds %q", "Tháng 11"+string(c)+"2026", c)})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			err := xlsx.WriteTables(&b, c.tables...)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.HasPrefix(err.Error(), "xlsx: ") || !strings.Contains(err.Error(), c.in) {
				t.Errorf("error %q, want one prefixed xlsx: with %q", err, c.in)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %q is not %v", err, c.is)
			}
			if b.Len() != 0 {
				t.Errorf("%d bytes written", b.Len())
			}
		})
	}
	// Names Excel takes: 31 characters, apostrophes inside, case kept.
	ok := sheet(strings.Repeat("ă", 31), "Xã 'Bản' Bo", "Theo xã", "Theo xa")
	f := writeTables(t, ok...)
	checkWorkbook(t, f, ok)
	// A writer that fails.
	if err := xlsx.WriteTables(failWriter{}, portfolioTables(t)...); err == nil || !strings.HasPrefix(err.Error(), "xlsx: ") {
		t.Errorf("writing to a failing writer: %v", err)
	}
}

// manyCommunes is a portfolio-like table of n communes.
func manyCommunes(n int) reporting.Table {
	r := reporting.Report{AsOf: day(2026, time.September, 30)}
	for i := range n {
		f := reporting.Figures{Loans: 1 + i%7, Disbursed: credit.VND(50_000_000 * (1 + i%7)),
			Outstanding: credit.VND(40_000_000 * (1 + i%7)), Overdue: credit.VND(1_000_000 * (i % 5)), Jobs: i % 9}
		r.ByCommune = append(r.ByCommune, reporting.Group{Key: fmt.Sprintf("%05d", i), Figures: f})
		r.Totals.Loans += f.Loans
		r.Totals.Disbursed += f.Disbursed
		r.Totals.Outstanding += f.Outstanding
		r.Totals.Overdue += f.Overdue
		r.Totals.Jobs += f.Jobs
	}
	return reporting.PortfolioTables(&r)[0]
}

func TestWriteTablesManyRows(t *testing.T) {
	n := 10_000
	if testing.Short() || raceEnabled {
		n = 1_000
	}
	tb := manyCommunes(n)
	f := writeTables(t, tb)
	rows, err := f.GetRows("Theo xã", excelize.Options{RawCellValue: true})
	must(t, err)
	if len(rows) != n+4 {
		t.Fatalf("%d rows, want %d", len(rows), n+4)
	}
	for i, row := range tb.Rows {
		got := rows[3+i]
		if len(got) != len(row) {
			t.Fatalf("row %d: %q, want %q", 4+i, got, row)
		}
		for j := range row {
			// Every number reads back as the table's text, except the
			// ratio: "2.50" is written 2.5.
			if x, err := strconv.ParseFloat(row[j], 64); err == nil && j == 5 {
				if y, err := strconv.ParseFloat(got[j], 64); err != nil || y != x {
					t.Fatalf("%s = %q, want %s", name(j+1, 4+i), got[j], row[j])
				}
			} else if got[j] != row[j] {
				t.Fatalf("%s = %q, want %q", name(j+1, 4+i), got[j], row[j])
			}
		}
	}
}

// Writing a portfolio-like table of 10,000 communes.
func BenchmarkWriteTables(b *testing.B) {
	tb := manyCommunes(10_000)
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.WriteTables(io.Discard, tb); err != nil {
			b.Fatal(err)
		}
	}
}

// The annual demand review of one commune's list, as a workbook of three
// sheets.
func ExampleWriteTables() {
	list := forms.List01{
		Province: "Lai Châu", CommuneCode: "03424", CommuneName: "Xã Bản Bo",
		Period:     forms.Period{Year: 2026, Month: time.November},
		PreparedOn: credit.MustDate(2026, time.November, 4),
		PreparedBy: "Hoàng Văn Dũng", CertifiedBy: "Lường Thị Hoa",
		Rows: []forms.Row01{{ // a synthetic person
			FullName: "Lò Văn Hùng", DateOfBirth: credit.MustDate(1988, time.April, 12), Sex: forms.Male,
			IDNumber: "012088004512", Residence: "Bản Nà Luồng, xã Bản Bo",
			ReleaseBasis: eligibility.Completion, CertificateNo: "125/GCN-THA",
			CertificateDate: credit.MustDate(2024, time.February, 20), CompletedOn: credit.MustDate(2024, time.February, 15),
			Purpose: credit.Production, Amount: 100_000_000,
		}},
	}
	d, err := reporting.DemandReview(nil, 2026, []forms.List01{list}, reporting.Capital{Central: 80_000_000})
	if err != nil {
		fmt.Println(err)
		return
	}
	var file bytes.Buffer
	if err := xlsx.WriteTables(&file, reporting.DemandTables(&d)...); err != nil {
		fmt.Println(err)
		return
	}

	f, err := excelize.OpenReader(&file)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		title, _ := f.GetCellValue(sheet, "A1")
		fmt.Printf("%s: %s\n", sheet, title)
	}
	rows, _ := f.GetRows("Cân đối vốn")
	for _, row := range rows[2:] {
		fmt.Println(strings.Join(row, " | "))
	}
	// Output:
	// Theo xã: Rà soát nhu cầu vay vốn năm 2026 theo xã
	// Theo mục đích: Nhu cầu vay vốn năm 2026 theo mục đích vay
	// Cân đối vốn: Cân đối nhu cầu và nguồn vốn năm 2026
	// Nhu cầu vốn (đồng) | Nguồn vốn (đồng) | Thiếu hụt, đề nghị ngân sách địa phương ủy thác (đồng) | Tỷ lệ đáp ứng (%)
	// 100,000,000 | 80,000,000 | 20,000,000 | 80.00
}
