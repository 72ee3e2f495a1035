package xlsx

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// The sheets the exports write, and the names the imports look for first.
const (
	Sheet01 = "Mau01"
	Sheet02 = "Mau02"
)

// Texts of the paper forms that are not in package forms: the signature
// blocks, the totals row and the heading of Mẫu 02's worker table.
const (
	totalsLabel    = "Tổng cộng"
	signPolice     = "TRƯỞNG CÔNG AN XÃ"
	signChair      = "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ"
	signHint       = "(Ký, ghi rõ họ tên)"
	signConfirm    = "XÁC NHẬN CỦA ỦY BAN NHÂN DÂN XÃ"
	signChairShort = "CHỦ TỊCH"
	signSeal       = "(Ký, ghi rõ họ tên, đóng dấu)"
	signRep        = "NGƯỜI ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ"
	signRepHint    = "(Ký, ghi rõ họ tên, đóng dấu nếu có)"
	workersTitle   = "DANH SÁCH LAO ĐỘNG LÀ NGƯỜI ĐÃ CHẤP HÀNH XONG ÁN PHẠT TÙ"
)

// Layout of the sheet (rows are 1-based).
const (
	rowFormNo   = 1
	rowBasis    = 2
	rowMotto1   = 3
	rowMotto2   = 4
	rowTitle    = 6
	rowFirstHdr = 8 // the first header field
	labelCol    = 2 // header fields: label in B, value from C
	valueCol    = 3
	fontName    = "Times New Roman"
	fontSize    = 12
	lineHeight  = 15.75 // points per line of 12 pt text
	a4Paper     = 9     // the paper size code of A4
)

// Number formats.
var (
	fmtDate  = "dd/mm/yyyy"
	fmtCount = `#,##0" người"`
)

const (
	numFmtText    = 49 // "@"
	numFmtGrouped = 3  // "#,##0"
)

// excelEpoch is day 0 of Excel's 1900 date system; serials from 61
// (1900-03-01) on count days from it.
var excelEpoch = credit.MustDate(1899, time.December, 30)

// Write01 writes a Mẫu số 01 list as an .xlsx workbook laid out like the
// paper form (see the package comment): one sheet, Sheet01, with the
// national motto, the form number, the title, the list's header fields, the
// table with a totals row and the signature block, set up to print on A4
// landscape pages one page wide with the table's headings repeated. Read01
// reads it back to the same list.
func Write01(w io.Writer, l *forms.List01) error {
	b, err := newBook(Sheet01, forms.Layout01, forms.Title01)
	if err != nil {
		return err
	}
	defer b.f.Close()
	if err := b.top(forms.FormNo01, forms.Title01); err != nil {
		return err
	}
	if err := b.header(forms.Header01, l.HeaderCells()); err != nil {
		return err
	}
	b.row++
	first := b.row + 2
	if err := b.table(forms.Layout01, len(l.Rows), func(i int) []string { return l.Rows[i].Cells(i + 1) }); err != nil {
		return err
	}
	if err := b.totals01(l, first); err != nil {
		return err
	}
	b.row++
	left, right := b.blocks()
	if err := b.lines(
		[]line{{}, {right, placeDate(l.CommuneName, l.PreparedOn), b.st.dateLine}},
		[]line{{left, signPolice, b.st.signTitle}, {right, signChair, b.st.signTitle}},
		[]line{{left, signHint, b.st.signHint}, {right, signHint, b.st.signHint}},
	); err != nil {
		return err
	}
	if err := b.signatureSpace(); err != nil {
		return err
	}
	if err := b.lines([]line{{left, l.PreparedBy, b.st.signName}, {right, l.CertifiedBy, b.st.signName}}); err != nil {
		return err
	}
	return b.finish(w)
}

// Write02 writes a Mẫu số 02 plan as an .xlsx workbook laid out like the
// paper form: one sheet, Sheet02, with the national motto, the form number,
// the title, the plan's fields (the establishment, the loan, the
// confirmation), the worker table and the signature blocks of the
// establishment's legal representative and of the commune People's
// Committee chair confirming the plan, set up to print like Write01's.
// Read02 reads it back to the same plan.
func Write02(w io.Writer, pl *forms.Plan02) error {
	b, err := newBook(Sheet02, forms.Layout02, forms.Title02)
	if err != nil {
		return err
	}
	defer b.f.Close()
	if err := b.top(forms.FormNo02, forms.Title02); err != nil {
		return err
	}
	if err := b.header(forms.Header02, pl.HeaderCells()); err != nil {
		return err
	}
	b.row++
	if err := b.merged(b.row+1, 1, b.ncol, workersTitle, b.st.section); err != nil {
		return err
	}
	if err := b.table(forms.Layout02, len(pl.Workers), func(i int) []string { return pl.Workers[i].Cells(i + 1) }); err != nil {
		return err
	}
	b.row++
	left, right := b.blocks()
	if err := b.lines(
		[]line{{left, confirmDate(pl.ConfirmedOn), b.st.dateLine}, {right, placeDate(pl.CommuneName, pl.PreparedOn), b.st.dateLine}},
		[]line{{left, signConfirm, b.st.signTitle}, {right, signRep, b.st.signTitle}},
		[]line{{left, signChairShort, b.st.signTitle}, {right, signRepHint, b.st.signHint}},
		[]line{{left, signSeal, b.st.signHint}, {}},
	); err != nil {
		return err
	}
	if err := b.signatureSpace(); err != nil {
		return err
	}
	if err := b.lines([]line{{left, pl.ConfirmedBy, b.st.signName}, {right, pl.LegalRepresentative, b.st.signName}}); err != nil {
		return err
	}
	return b.finish(w)
}

// book writes one sheet, top to bottom, through excelize's stream writer.
type book struct {
	f       *excelize.File
	sw      *excelize.StreamWriter
	sheet   string
	cols    []forms.Column
	ncol    int
	row     int // the last row written
	headRow int // the table's heading row
	st      styles
}

type styles struct {
	formNo, basis, motto, title, section         int
	label, valText, valDate, valNum              int
	head                                         int
	no, text, date, num, choice                  int
	totalLabel, totalCount, totalMoney, totalBox int
	signTitle, signHint, signName, dateLine      int
}

func newBook(sheet string, cols []forms.Column, title string) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f, sheet: sheet, cols: cols, ncol: len(cols)}
	err := b.setup(title)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx: preparing the workbook: %w", err)
	}
	return b, nil
}

// setup names the sheet, makes the styles and sets up printing (before the
// stream writer takes the sheet over).
func (b *book) setup(title string) error {
	f := b.f
	if err := f.SetSheetName(f.GetSheetName(0), b.sheet); err != nil {
		return err
	}
	if err := f.SetDefaultFont(fontName); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: title, Language: "vi-VN"}); err != nil {
		return err
	}
	if err := b.makeStyles(); err != nil {
		return err
	}
	if err := printSetup(f, b.sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(b.sheet)
	if err != nil {
		return err
	}
	b.sw = sw
	// The stream writer puts each column before those already set, and
	// Excel wants them in ascending order: set them from the last.
	for i := len(b.cols) - 1; i >= 0; i-- {
		if err := sw.SetColWidth(i+1, i+1, float64(b.cols[i].Width)); err != nil {
			return err
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

func (b *book) makeStyles() error {
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: fontName, Size: size, Bold: bold, Italic: italic}
	}
	align := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	box := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	defs := []struct {
		id *int
		s  excelize.Style
	}{
		{&b.st.formNo, excelize.Style{Font: font(true, false, fontSize), Alignment: align("right", false)}},
		{&b.st.basis, excelize.Style{Font: font(false, true, fontSize), Alignment: align("right", false)}},
		{&b.st.motto, excelize.Style{Font: font(true, false, 13), Alignment: align("center", false)}},
		{&b.st.title, excelize.Style{Font: font(true, false, 14), Alignment: align("center", true)}},
		{&b.st.section, excelize.Style{Font: font(true, false, fontSize), Alignment: align("left", false)}},
		{&b.st.label, excelize.Style{Font: font(false, false, fontSize), Alignment: align("left", true)}},
		{&b.st.valText, excelize.Style{Font: font(true, false, fontSize), Alignment: align("left", true), NumFmt: numFmtText}},
		{&b.st.valDate, excelize.Style{Font: font(true, false, fontSize), Alignment: align("left", false), CustomNumFmt: &fmtDate}},
		{&b.st.valNum, excelize.Style{Font: font(true, false, fontSize), Alignment: align("left", false), NumFmt: numFmtGrouped}},
		{&b.st.head, excelize.Style{Font: font(true, false, fontSize), Alignment: align("center", true), Border: box,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}}},
		{&b.st.no, excelize.Style{Font: font(false, false, fontSize), Alignment: align("center", false), Border: box}},
		{&b.st.text, excelize.Style{Font: font(false, false, fontSize), Alignment: align("left", true), Border: box, NumFmt: numFmtText}},
		{&b.st.date, excelize.Style{Font: font(false, false, fontSize), Alignment: align("center", false), Border: box, CustomNumFmt: &fmtDate}},
		{&b.st.num, excelize.Style{Font: font(false, false, fontSize), Alignment: align("right", false), Border: box, NumFmt: numFmtGrouped}},
		{&b.st.choice, excelize.Style{Font: font(false, false, fontSize), Alignment: align("center", true), Border: box, NumFmt: numFmtText}},
		{&b.st.totalLabel, excelize.Style{Font: font(true, false, fontSize), Alignment: align("center", false), Border: box}},
		{&b.st.totalCount, excelize.Style{Font: font(true, false, fontSize), Alignment: align("center", false), Border: box, CustomNumFmt: &fmtCount}},
		{&b.st.totalMoney, excelize.Style{Font: font(true, false, fontSize), Alignment: align("right", false), Border: box, NumFmt: numFmtGrouped}},
		{&b.st.totalBox, excelize.Style{Border: box}},
		{&b.st.signTitle, excelize.Style{Font: font(true, false, fontSize), Alignment: align("center", true)}},
		{&b.st.signHint, excelize.Style{Font: font(false, true, fontSize), Alignment: align("center", true)}},
		{&b.st.signName, excelize.Style{Font: font(true, false, fontSize), Alignment: align("center", true)}},
		{&b.st.dateLine, excelize.Style{Font: font(false, true, fontSize), Alignment: align("center", true)}},
	}
	for _, d := range defs {
		id, err := b.f.NewStyle(&d.s)
		if err != nil {
			return err
		}
		*d.id = id
	}
	return nil
}

// setRow writes row r (after the last row written); values are from
// column A.
func (b *book) setRow(r int, values []any, height float64) error {
	var opts []excelize.RowOpts
	if height > 0 {
		opts = append(opts, excelize.RowOpts{Height: height})
	}
	if err := b.sw.SetRow("A"+strconv.Itoa(r), values, opts...); err != nil {
		return fmt.Errorf("xlsx: writing row %d: %w", r, err)
	}
	b.row = r
	return nil
}

func (b *book) merge(r, c1, c2 int) error {
	if c2 <= c1 {
		return nil
	}
	return b.sw.MergeCell(cellName(c1, r), cellName(c2, r))
}

func cellName(col, row int) string { return forms.ColumnLetters(col) + strconv.Itoa(row) }

// merged writes text across columns c1..c2 of row r.
func (b *book) merged(r, c1, c2 int, text string, style int) error {
	values := make([]any, c2)
	values[c1-1] = excelize.Cell{StyleID: style, Value: text}
	if err := b.setRow(r, values, 0); err != nil {
		return err
	}
	return b.merge(r, c1, c2)
}

// top writes the form number, the legal basis, the national motto and the
// title.
func (b *book) top(formNo, title string) error {
	for _, l := range []struct {
		row   int
		text  string
		style int
	}{
		{rowFormNo, formNo, b.st.formNo},
		{rowBasis, forms.Basis, b.st.basis},
		{rowMotto1, forms.Motto1, b.st.motto},
		{rowMotto2, forms.Motto2, b.st.motto},
		{rowTitle, title, b.st.title},
	} {
		if err := b.merged(l.row, 1, b.ncol, l.text, l.style); err != nil {
			return err
		}
	}
	return nil
}

// header writes the form's header fields, one a row: the label in column
// B, the value from column C across to the last column.
func (b *book) header(cols []forms.Column, cells []string) error {
	valueWidth := 0.0
	for _, c := range b.cols[valueCol-1:] {
		valueWidth += float64(c.Width)
	}
	r := rowFirstHdr
	for i, c := range cols {
		v := cellValue(c.Kind, cells[i])
		values := make([]any, valueCol)
		values[labelCol-1] = excelize.Cell{StyleID: b.st.label, Value: c.HeadingVI}
		style := b.st.valText
		switch c.Kind {
		case forms.CellDate:
			if _, ok := v.(int); ok {
				style = b.st.valDate
			}
		case forms.CellMoney, forms.CellInt:
			if _, ok := v.(int64); ok {
				style = b.st.valNum
			}
		}
		values[valueCol-1] = excelize.Cell{StyleID: style, Value: v}
		lines := max(textLines(c.HeadingVI, float64(b.cols[labelCol-1].Width)), textLines(cells[i], valueWidth))
		height := 0.0
		if lines > 1 {
			height = lineHeight * float64(lines)
		}
		if err := b.setRow(r, values, height); err != nil {
			return err
		}
		if err := b.merge(r, valueCol, b.ncol); err != nil {
			return err
		}
		r++
	}
	return nil
}

// textLines estimates the lines text takes in a cell width characters wide.
func textLines(s string, width float64) int {
	n := 0
	for _, para := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(float64(utf8.RuneCountInString(para))*1.1/max(width-1, 1))))
	}
	return min(n, 20)
}

// cellValue turns a cell's text, as package forms writes it, into the value the
// sheet holds: a date serial for dates, a number for money, counts and the
// row number, the text for the rest. Dates before 1900-03-01, which Excel
// cannot hold as dates, stay text.
func cellValue(kind forms.CellKind, s string) any {
	if s == "" {
		return nil
	}
	switch kind {
	case forms.CellNo, forms.CellInt:
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n >= 0 {
			return n
		}
	case forms.CellMoney:
		if v, err := forms.ParseCellMoney(s); err == nil {
			return int64(v)
		}
	case forms.CellDate:
		if d, err := forms.ParseCellDate(s); err == nil {
			if n := d.DaysSince(excelEpoch); n >= 61 {
				return n
			}
		}
	}
	return s
}

// table writes the heading row and n rows of cells.
func (b *book) table(cols []forms.Column, n int, row func(i int) []string) error {
	lines := 1
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.st.head, Value: c.HeadingVI}
		lines = max(lines, textLines(c.HeadingVI, float64(c.Width)))
	}
	if err := b.setRow(b.row+1, head, lineHeight*float64(lines)+4); err != nil {
		return err
	}
	b.headRow = b.row
	values := make([]any, len(cols))
	for i := range n {
		cells := row(i)
		for j, c := range cols {
			v := cellValue(c.Kind, cells[j])
			values[j] = excelize.Cell{StyleID: b.cellStyle(c.Kind, v), Value: v}
		}
		if err := b.setRow(b.row+1, values, 0); err != nil {
			return err
		}
	}
	return nil
}

func (b *book) cellStyle(kind forms.CellKind, v any) int {
	switch kind {
	case forms.CellNo:
		return b.st.no
	case forms.CellDate:
		if _, ok := v.(int); ok {
			return b.st.date
		}
		return b.st.choice
	case forms.CellMoney, forms.CellInt:
		if _, ok := v.(int64); ok {
			return b.st.num
		}
		return b.st.text
	case forms.CellText, forms.CellID:
		return b.st.text
	}
	return b.st.choice
}

// totals01 writes the totals row of a Mẫu 01 table whose rows begin at
// first: "Tổng cộng", the number of people and the sum of the amounts, as
// formulas with their values computed, so that the sheet shows them before
// any recalculation.
func (b *book) totals01(l *forms.List01, first int) error {
	r := b.row + 1
	n := len(l.Rows)
	noCol := forms.ColumnIndex(b.cols, "no") + 1
	nameCol := forms.ColumnIndex(b.cols, "full_name") + 1
	amountCol := forms.ColumnIndex(b.cols, "amount") + 1
	countCol := nameCol + 1
	values := make([]any, b.ncol)
	for i := range values {
		values[i] = excelize.Cell{StyleID: b.st.totalBox}
	}
	values[0] = excelize.Cell{StyleID: b.st.totalLabel, Value: totalsLabel}
	count := excelize.Cell{StyleID: b.st.totalCount, Value: n}
	var sum int64
	overflow := false
	for i := range l.Rows {
		a := int64(l.Rows[i].Amount)
		if a > 0 && sum > math.MaxInt64-a || a < 0 && sum < math.MinInt64-a {
			overflow = true
		}
		sum += a
	}
	money := excelize.Cell{StyleID: b.st.totalMoney, Value: sum}
	if overflow {
		money.Value = nil
	}
	if n > 0 {
		last := first + n - 1
		col := func(c int) string { return forms.ColumnLetters(c) }
		count.Formula = fmt.Sprintf("COUNT(%s%d:%s%d)", col(noCol), first, col(noCol), last)
		money.Formula = fmt.Sprintf("SUM(%s%d:%s%d)", col(amountCol), first, col(amountCol), last)
	}
	values[countCol-1] = count
	values[amountCol-1] = money
	if err := b.setRow(r, values, 0); err != nil {
		return err
	}
	if err := b.merge(r, 1, nameCol); err != nil {
		return err
	}
	return b.merge(r, countCol, amountCol-1)
}

// blocks returns the columns of the left and the right signature blocks.
func (b *book) blocks() (left, right [2]int) {
	w := b.ncol * 2 / 5
	return [2]int{1, w}, [2]int{b.ncol - w + 1, b.ncol}
}

// line is one text of a signature block, across the columns cols.
type line struct {
	cols  [2]int
	text  string
	style int
}

// lines writes rows of at most two texts each, one row per argument.
func (b *book) lines(rows ...[]line) error {
	for _, ls := range rows {
		r := b.row + 1
		values := make([]any, b.ncol)
		for _, l := range ls {
			if l.cols[0] > 0 && l.text != "" {
				values[l.cols[0]-1] = excelize.Cell{StyleID: l.style, Value: l.text}
			}
		}
		if err := b.setRow(r, values, 0); err != nil {
			return err
		}
		for _, l := range ls {
			if l.cols[0] > 0 && l.text != "" {
				if err := b.merge(r, l.cols[0], l.cols[1]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// signatureSpace leaves room to sign.
func (b *book) signatureSpace() error {
	return b.setRow(b.row+1, nil, 4*lineHeight)
}

// placeDate writes the line above the signatures: "Bản Bo, ngày 05 tháng
// 11 năm 2026", with dots for what is not known.
func placeDate(place string, on credit.Date) string {
	if place == "" {
		place = "……………"
	}
	return place + ", ngày " + dateWords(on)
}

// confirmDate writes "Ngày 05 tháng 11 năm 2026", or one with dots to fill
// in.
func confirmDate(on credit.Date) string { return "Ngày " + dateWords(on) }

// dateWords writes "05 tháng 11 năm 2026".
func dateWords(on credit.Date) string {
	if on.IsZero() {
		return "…… tháng …… năm ……"
	}
	y, m, d := on.Date()
	return fmt.Sprintf("%02d tháng %02d năm %d", d, int(m), y)
}

// finish ends the sheet, names the heading row as the print titles and
// writes the workbook.
func (b *book) finish(w io.Writer) error {
	if err := b.sw.Flush(); err != nil {
		return fmt.Errorf("xlsx: writing the sheet: %w", err)
	}
	if err := b.f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("%s!$%d:$%d", b.sheet, b.headRow, b.headRow),
		Scope:    b.sheet,
	}); err != nil {
		return fmt.Errorf("xlsx: setting the print titles: %w", err)
	}
	if err := b.f.Write(w); err != nil {
		return fmt.Errorf("xlsx: writing the workbook: %w", err)
	}
	return nil
}
