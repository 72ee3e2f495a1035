package xlsx

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// Layout of a report table's sheet (rows are 1-based).
const (
	rowTableTitle = 1
	rowTableHead  = 3 // the headings; the rows follow
	titleSize     = 14
	// maxSheetName is the most UTF-16 code units of a sheet's name.
	maxSheetName = 31
	// exactDigits is the most significant digits a number in a cell keeps
	// exactly: Excel shows 15.
	exactDigits = 15
	// minSerial1900 is the first serial Excel reads as a date the calendar
	// agrees with (1900-03-01): earlier serials count a 29 February 1900.
	minSerial1900 = 61
)

// Number formats of report tables, beside numFmtText and numFmtGrouped.
var fmtSigned = "#,##0;-#,##0"

const numFmtFixed2 = 2 // "0.00"

// Default column widths, in characters, by reporting.ColumnKind.
var defaultWidths = [...]float64{
	reporting.ColumnText:    20,
	reporting.ColumnCount:   10,
	reporting.ColumnAmount:  18,
	reporting.ColumnPercent: 10,
	reporting.ColumnDate:    12,
}

// WriteTables writes report tables as an .xlsx workbook, one sheet per table,
// in order, each named its Table.Sheet: the table's Vietnamese title across
// the columns in row 1, the Vietnamese headings in row 3 (repeated on every
// printed page, with the rows below them frozen under them on screen), the
// rows, then the totals row in bold when Totals is not nil. The sheets
// print like Write01's: A4 landscape, one page wide, "Trang 1/2" in the
// footer.
//
// Cells are typed by their column's kind: counts and amounts are numbers
// formatted #,##0 (an amount of more than 15 digits, which Excel could not
// keep exactly, stays text), percentages are numbers formatted 0.00, dates
// (dd/mm/yyyy) are Excel dates, and text is text formatted "@", never a
// formula, whatever it begins with. A cell that does not read as its
// column's kind ("Tổng cộng" under an amount) is written as text, an empty
// cell as a blank bordered cell. A row may have any number of cells: those
// beyond the columns are left out, missing ones are blank.
//
// Writing fails, before anything is written to w, when there is no table,
// a table has no columns, or a sheet name is one Excel refuses: empty,
// longer than 31 characters, holding one of : \ / ? * [ ] or a control
// character, beginning or ending with an apostrophe, "History", or the
// name of an earlier table's sheet, even in another case ("Theo xã",
// "THEO XÃ").
// Errors are prefixed "xlsx: " and wrap excelize's sentinel errors
// (excelize.ErrSheetNameInvalid and the like) where one applies.
func WriteTables(w io.Writer, tables ...reporting.Table) error {
	if len(tables) == 0 {
		return errors.New("xlsx: no table to write")
	}
	for i := range tables {
		if err := checkTable(tables, i); err != nil {
			return err
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	st, err := newTableStyles(f)
	if err == nil {
		err = f.SetDefaultFont(fontName)
	}
	if err == nil {
		err = f.SetDocProps(&excelize.DocProperties{Title: tables[0].Title.VI, Language: "vi-VN"})
	}
	if err != nil {
		return fmt.Errorf("xlsx: preparing the workbook: %w", err)
	}
	for i := range tables {
		if err := writeTable(f, i, &tables[i], &st); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", err)
	}
	return nil
}

// checkTable checks tables[i]: it has columns and a sheet name Excel
// takes, unlike those of the tables before it.
func checkTable(tables []reporting.Table, i int) error {
	t := &tables[i]
	if len(t.Columns) == 0 {
		return fmt.Errorf("xlsx: table %d (sheet %q) has no columns", i+1, t.Sheet)
	}
	name := t.Sheet
	bad := func(why string, err error) error {
		return fmt.Errorf("xlsx: table %d: the sheet name %q %s: %w", i+1, name, why, err)
	}
	switch {
	case name == "":
		return bad("is empty", excelize.ErrSheetNameBlank)
	case !utf8.ValidString(name):
		return bad("is not UTF-8", excelize.ErrSheetNameInvalid)
	case utf16Len(name) > maxSheetName:
		return bad("is longer than 31 characters", excelize.ErrSheetNameLength)
	case strings.ContainsFunc(name, unicode.IsControl):
		return bad("holds a control character", excelize.ErrSheetNameInvalid)
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return bad("begins or ends with an apostrophe", excelize.ErrSheetNameSingleQuote)
	case strings.EqualFold(name, "History"):
		return bad("is reserved by Excel", excelize.ErrSheetNameInvalid)
	}
	if k := strings.IndexAny(name, `:\/?*[]`); k >= 0 {
		return bad(fmt.Sprintf("holds %q", name[k]), excelize.ErrSheetNameInvalid)
	}
	for j := range i {
		if strings.EqualFold(tables[j].Sheet, name) {
			return fmt.Errorf("xlsx: table %d: the sheet name %q is table %d's, %q (Excel ignores case)",
				i+1, name, j+1, tables[j].Sheet)
		}
	}
	return nil
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// slot is the style of a cell of a table's body or totals row.
type slot uint8

const (
	slotText      slot = iota // text: left, wrapped, "@"
	slotTextRight             // a number too long for a number cell, as text
	slotCount
	slotAmount
	slotPercent
	slotDate
	nSlots
)

// kindSlot is the style of a column's blank cells and its numbers.
var kindSlot = [...]slot{
	reporting.ColumnText:    slotText,
	reporting.ColumnCount:   slotCount,
	reporting.ColumnAmount:  slotAmount,
	reporting.ColumnPercent: slotPercent,
	reporting.ColumnDate:    slotDate,
}

type tableStyles struct {
	title, head int
	body, total [nSlots]int
}

func newTableStyles(f *excelize.File) (tableStyles, error) {
	var st tableStyles
	box := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	align := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	slots := [nSlots]excelize.Style{
		slotText:      {Alignment: align("left", true), NumFmt: numFmtText},
		slotTextRight: {Alignment: align("right", false), NumFmt: numFmtText},
		slotCount:     {Alignment: align("right", false), NumFmt: numFmtGrouped},
		slotAmount:    {Alignment: align("right", false), CustomNumFmt: &fmtSigned},
		slotPercent:   {Alignment: align("right", false), NumFmt: numFmtFixed2},
		slotDate:      {Alignment: align("center", false), CustomNumFmt: &fmtDate},
	}
	type def struct {
		id *int
		s  excelize.Style
	}
	defs := []def{
		{&st.title, excelize.Style{Font: &excelize.Font{Family: fontName, Size: titleSize, Bold: true},
			Alignment: align("center", true)}},
		{&st.head, excelize.Style{Font: &excelize.Font{Family: fontName, Size: fontSize, Bold: true},
			Alignment: align("center", true), Border: box,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
	}
	for i, s := range slots {
		s.Border = box
		s.Font = &excelize.Font{Family: fontName, Size: fontSize}
		defs = append(defs, def{&st.body[i], s})
		s.Font = &excelize.Font{Family: fontName, Size: fontSize, Bold: true}
		defs = append(defs, def{&st.total[i], s})
	}
	for _, d := range defs {
		id, err := f.NewStyle(&d.s)
		if err != nil {
			return st, err
		}
		*d.id = id
	}
	return st, nil
}

// writeTable writes table i on its own sheet, the first renaming the
// workbook's default sheet.
func writeTable(f *excelize.File, i int, t *reporting.Table, st *tableStyles) error {
	sheet := t.Sheet
	fail := func(what string, err error) error {
		return fmt.Errorf("xlsx: sheet %q: %s: %w", sheet, what, err)
	}
	var err error
	if i == 0 {
		err = f.SetSheetName(f.GetSheetName(0), sheet)
	} else {
		_, err = f.NewSheet(sheet)
	}
	if err == nil {
		err = printSetup(f, sheet)
	}
	if err != nil {
		return fail("preparing", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fail("preparing", err)
	}
	tw := tableWriter{sw: sw, st: st, cols: t.Columns}
	if err := tw.setup(); err != nil {
		return fail("preparing", err)
	}
	if err := tw.write(t); err != nil {
		return fail("writing", err)
	}
	if err := sw.Flush(); err != nil {
		return fail("writing", err)
	}
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), rowTableHead, rowTableHead),
		Scope:    sheet,
	}); err != nil {
		return fail("setting the print titles", err)
	}
	return nil
}

// printSetup sets a sheet up to print on A4 landscape pages, one page
// wide, with "Trang 1/2" in the footer: the forms and the report tables
// alike (before a stream writer takes the sheet over).
func printSetup(f *excelize.File, sheet string) error {
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:        ptr(a4Paper),
		Orientation: ptr("landscape"),
		FitToWidth:  ptr(1),
		FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.4), Top: ptr(0.6), Bottom: ptr(0.6),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
}

// tableWriter writes one table through a stream writer. cells and values
// are reused from row to row: values[j] points to cells[j].
type tableWriter struct {
	sw     *excelize.StreamWriter
	st     *tableStyles
	cols   []reporting.TableColumn
	widths []float64
	cells  []excelize.Cell
	values []any
}

// setup sets the column widths and freezes the rows down to the headings.
func (tw *tableWriter) setup() error {
	n := len(tw.cols)
	tw.widths = make([]float64, n)
	tw.cells = make([]excelize.Cell, n)
	tw.values = make([]any, n)
	for j, c := range tw.cols {
		w := float64(c.Width)
		if c.Width <= 0 {
			w = defaultWidths[reporting.ColumnText]
			if int(c.Kind) < len(defaultWidths) {
				w = defaultWidths[c.Kind]
			}
		}
		tw.widths[j] = min(w, excelize.MaxColumnWidth)
		tw.values[j] = &tw.cells[j]
	}
	// As in setup: set the columns from the last.
	for j := n - 1; j >= 0; j-- {
		if err := tw.sw.SetColWidth(j+1, j+1, tw.widths[j]); err != nil {
			return err
		}
	}
	top := cellName(1, rowTableHead+1)
	return tw.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: rowTableHead, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	})
}

func (tw *tableWriter) write(t *reporting.Table) error {
	// The title, across the columns, tall enough for its lines.
	total := 0.0
	for _, w := range tw.widths {
		total += w
	}
	var title any
	var opts []excelize.RowOpts
	if t.Title.VI != "" {
		title = t.Title.VI
		lines := textLines(t.Title.VI, total*fontSize/titleSize)
		opts = append(opts, excelize.RowOpts{Height: lineHeight*titleSize/fontSize*float64(lines) + 6})
	}
	if err := tw.sw.SetRow(cellName(1, rowTableTitle), []any{excelize.Cell{StyleID: tw.st.title, Value: title}},
		opts...); err != nil {
		return err
	}
	if len(tw.cols) > 1 {
		if err := tw.sw.MergeCell(cellName(1, rowTableTitle), cellName(len(tw.cols), rowTableTitle)); err != nil {
			return err
		}
	}
	// The headings, tall enough for the longest.
	lines := 1
	for j, c := range tw.cols {
		tw.cells[j] = excelize.Cell{StyleID: tw.st.head, Value: c.Heading.VI}
		lines = max(lines, textLines(c.Heading.VI, tw.widths[j]))
	}
	if err := tw.sw.SetRow(cellName(1, rowTableHead), tw.values,
		excelize.RowOpts{Height: lineHeight*float64(lines) + 4}); err != nil {
		return err
	}
	r := rowTableHead
	for _, row := range t.Rows {
		r++
		if err := tw.row(r, row, &tw.st.body); err != nil {
			return err
		}
	}
	if t.Totals != nil {
		if err := tw.row(r+1, t.Totals, &tw.st.total); err != nil {
			return err
		}
	}
	return nil
}

// row writes the cells of row r in the styles styles; every column gets a
// bordered cell.
func (tw *tableWriter) row(r int, cells []string, styles *[nSlots]int) error {
	for j, c := range tw.cols {
		s := ""
		if j < len(cells) {
			s = cells[j]
		}
		v, sl := tableCell(c.Kind, s)
		tw.cells[j] = excelize.Cell{StyleID: styles[sl], Value: v}
	}
	return tw.sw.SetRow("A"+strconv.Itoa(r), tw.values)
}

// tableCell turns a cell's text, as package reporting writes it, into the
// value the sheet holds and its style: an int64 for counts and amounts, a
// float64 for percentages, an int (the date serial) for dates, the text
// for the rest. An empty cell is nil, in its column's style.
func tableCell(kind reporting.ColumnKind, s string) (any, slot) {
	if s == "" {
		if int(kind) < len(kindSlot) {
			return nil, kindSlot[kind]
		}
		return nil, slotText
	}
	switch kind {
	case reporting.ColumnCount, reporting.ColumnAmount:
		if ok, exact := wholeNumber(s, kind == reporting.ColumnAmount); ok {
			if !exact {
				return s, slotTextRight
			}
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n, kindSlot[kind]
			}
		}
	case reporting.ColumnPercent:
		if ok, exact := decimalNumber(s); ok {
			if !exact {
				return s, slotTextRight
			}
			if x, err := strconv.ParseFloat(s, 64); err == nil {
				if x == 0 {
					x = 0 // not -0
				}
				return x, slotPercent
			}
		}
	case reporting.ColumnDate:
		if d, ok := dateCell(s); ok {
			if n := d.DaysSince(excelEpoch); n >= minSerial1900 {
				return n, slotDate
			}
		}
	}
	return s, slotText
}

// wholeNumber reports whether s is a whole number as AmountCell and
// CountCell write one (digits without a leading zero, "0", and with signed
// a '-' before a number other than 0), and whether it has at most 15
// digits, so that a number cell keeps it exactly.
func wholeNumber(s string, signed bool) (ok, exact bool) {
	if signed && len(s) > 1 && s[0] == '-' {
		s = s[1:]
		if s == "0" {
			return false, false
		}
	}
	if !allDigits(s) || len(s) > 1 && s[0] == '0' {
		return false, false
	}
	return true, len(s) <= exactDigits
}

// decimalNumber reports whether s is a number as RatioPct writes one: an
// optional '-', digits without a leading zero, and optionally '.' and
// digits; and whether it has at most 15 significant digits.
func decimalNumber(s string) (ok, exact bool) {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	if !allDigits(whole) || len(whole) > 1 && whole[0] == '0' || dot && !allDigits(frac) {
		return false, false
	}
	return true, len(strings.TrimLeft(whole+frac, "0")) <= exactDigits
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// dateCell reads a date written as DateCell writes it, dd/mm/yyyy.
func dateCell(s string) (credit.Date, bool) {
	if len(s) != 10 || s[2] != '/' || s[5] != '/' || !allDigits(s[:2]) || !allDigits(s[3:5]) || !allDigits(s[6:]) {
		return credit.Date{}, false
	}
	d, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:5])
	y, _ := strconv.Atoi(s[6:])
	date, err := credit.NewDate(y, time.Month(m), d)
	return date, err == nil
}
