package xlsx

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// Options bound what Read01 and Read02 accept. The zero value is the
// defaults.
type Options struct {
	// MaxRows bounds the rows of the table (forms.MaxRows when 0 or less);
	// one more is ErrTooManyRows.
	MaxRows int
	// MaxBytes bounds the file as read from r, compressed
	// (DefaultMaxBytes, 20 MiB, when 0 or less); more is ErrFileTooLarge.
	MaxBytes int64
}

// More bounds of reading.
const (
	// maxHeadRows bounds the rows of a sheet looked at for the header row
	// (the title and the header fields come before it).
	maxHeadRows = 100
	// maxFooterRows bounds the rows of the signature block looked at for
	// names and the date.
	maxFooterRows = 40
	// date1904Offset is the days between Excel's 1900 and 1904 date systems.
	date1904Offset = 1462
)

// Read01 reads a Mẫu số 01 list from an .xlsx workbook, as Write01 writes
// it or as a commune officer fills one in (see the package comment for
// what is tolerated).
//
// The error is nil; or a credit.Problems with a problem for every cell
// that cannot be read (a date that is not a date, a choice that is not one
// of the form's), each located in the sheet (Row and Column, like row 7,
// column "E"), the list read so far being returned too; or, with no list
// and no origin, an error wrapping forms.ErrNotForm (not an .xlsx
// workbook, no sheet with a header row naming the form's columns),
// forms.ErrTooManyRows or forms.ErrFileTooLarge, or the error of r. The
// origin names the sheet, the sheet row of every table row and the cell of
// every column and header field, so that the problems Validate01 finds can
// be located too (Origin.Locate). When ctx is done the reading stops with
// its error.
func Read01(ctx context.Context, r io.Reader, o Options) (forms.List01, *forms.Origin, error) {
	var (
		rows []forms.Row01
		pr   = forms.RowProblems{Table: "/rows"}
	)
	t, err := read(ctx, r, o, &spec01, func(i int, cells []string) {
		rows = append(rows, forms.ReadRow01(cells, "/rows/"+strconv.Itoa(i), pr.Row()))
		pr.Keep()
	})
	if err != nil {
		return forms.List01{}, nil, err
	}
	var hp credit.Problems
	l := forms.ReadHeader01(t.header, &hp)
	l.Rows = rows
	hp = append(hp, pr.List()...)
	t.origin.Locate(hp)
	return l, t.origin, hp.Err()
}

// Read02 reads a Mẫu số 02 plan from an .xlsx workbook, as Write02 writes
// it or as an officer fills one in, like Read01: the plan's fields from
// their labels above the worker table, the workers from the table (at
// /workers/N); the error is nil, a credit.Problems with the plan, or an
// error wrapping forms.ErrNotForm, forms.ErrTooManyRows or
// forms.ErrFileTooLarge.
func Read02(ctx context.Context, r io.Reader, o Options) (forms.Plan02, *forms.Origin, error) {
	var (
		workers []forms.Worker02
		pr      = forms.RowProblems{Table: "/workers"}
	)
	t, err := read(ctx, r, o, &spec02, func(i int, cells []string) {
		workers = append(workers, forms.ReadWorker02(cells, "/workers/"+strconv.Itoa(i), pr.Row()))
		pr.Keep()
	})
	if err != nil {
		return forms.Plan02{}, nil, err
	}
	var hp credit.Problems
	pl := forms.ReadHeader02(t.header, &hp)
	pl.Workers = workers
	hp = append(hp, pr.List()...)
	t.origin.Locate(hp)
	return pl, t.origin, hp.Err()
}

// spec is what tells one form from another in a workbook.
type spec struct {
	sheet  string // the sheet looked at first
	formNo string
	title  string
	header []forms.Column
	layout []forms.Column
	table  string
	// other form's number and title: a sheet that names them and not this
	// form's is the other form.
	otherNo, otherTitle string
}

var (
	spec01 = spec{Sheet01, forms.FormNo01, forms.Title01, forms.Header01, forms.Layout01, "/rows", forms.FormNo02, forms.Title02}
	spec02 = spec{Sheet02, forms.FormNo02, forms.Title02, forms.Header02, forms.Layout02, "/workers", forms.FormNo01, forms.Title01}
)

// sheetRow is one row of a sheet: its number and its cells (raw values,
// NFC).
type sheetRow struct {
	n     int
	cells []string
}

// found is what read found: the header fields aligned with the spec's
// header, and the origin.
type found struct {
	header []string
	origin *forms.Origin
}

func read(ctx context.Context, r io.Reader, o Options, sp *spec, onRow func(i int, cells []string)) (found, error) {
	maxBytes := o.MaxBytes
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	maxRows := o.MaxRows
	if maxRows <= 0 {
		maxRows = forms.MaxRows
	}
	data, err := io.ReadAll(io.LimitReader(r, maxBytes+1))
	if err != nil {
		return found{}, fmt.Errorf("xlsx: reading the file: %w", err)
	}
	if int64(len(data)) > maxBytes {
		return found{}, tooLarge(CodeFileTooLarge, "Tệp lớn hơn %s.", "The file is larger than %s.", byteSize(maxBytes))
	}
	zr, err := checkZip(data)
	if err != nil {
		return found{}, err
	}
	wb, err := openWorkbook(ctx, zr, maxRows)
	if err != nil {
		return found{}, err
	}
	rd := &reader{spec: sp, wb: wb, maxRows: maxRows}
	for _, sh := range sheetOrder(wb.sheets, sp.sheet) {
		t, ok, err := rd.sheet(sh, onRow)
		if err != nil {
			return found{}, err
		}
		if ok {
			return t, nil
		}
	}
	return found{}, notForm(CodeNoTable, "Không trang tính nào có dòng tiêu đề cột của %s.", "No sheet has a header row naming the columns of %s.", sp.formNo)
}

// sheetOrder puts the sheets named like the form's first.
func sheetOrder(sheets []sheetRef, first string) []sheetRef {
	named := func(sh sheetRef) bool { return strings.EqualFold(strings.TrimSpace(sh.name), first) }
	out := make([]sheetRef, 0, len(sheets))
	for _, sh := range sheets {
		if named(sh) {
			out = append(out, sh)
		}
	}
	for _, sh := range sheets {
		if !named(sh) {
			out = append(out, sh)
		}
	}
	return out
}

// reader reads one workbook.
type reader struct {
	spec    *spec
	wb      *workbook
	maxRows int
}

// rowIter walks the rows of a sheet that have cells, with their numbers.
type rowIter struct {
	rows  *rows
	n     int // the current row's number
	cells []string
}

func (it *rowIter) next() (bool, error) {
	cells, ok, err := it.rows.next()
	if err != nil || !ok {
		return false, err
	}
	it.n, it.cells = it.rows.n, cells
	return true, nil
}

// sheet reads the sheet sh if it has the form's header row: ok is false
// if not.
func (rd *reader) sheet(sh sheetRef, onRow func(i int, cells []string)) (t found, ok bool, err error) {
	sp := rd.spec
	rows, ok, err := rd.wb.openRows(sh.path)
	if err != nil || !ok {
		return found{}, false, err
	}
	complete := false
	defer func() {
		if cerr := rows.close(complete); cerr != nil && err == nil {
			t, ok, err = found{}, false, cerr
		}
	}()
	it := &rowIter{rows: rows}

	// The header row, and the rows above it.
	var (
		above []sheetRow
		idx   []int
	)
	for it.n < maxHeadRows {
		more, err := it.next()
		if err != nil {
			return found{}, false, err
		}
		if !more {
			break
		}
		if it.n > maxHeadRows {
			break
		}
		cells := it.cells
		if len(cells) == 0 {
			continue
		}
		if i, ok := forms.MatchHeadings(sp.layout, cells); ok {
			idx = i
			break
		}
		above = append(above, sheetRow{it.n, cells})
	}
	if idx == nil || otherForm(above, sp) {
		return found{}, false, nil
	}
	origin := &forms.Origin{
		Sheet:   sh.name,
		Columns: make(map[string]string, len(idx)),
		Header:  make(map[string]string, len(sp.header)),
		Table:   sp.table,
	}
	for i, j := range idx {
		if j >= 0 {
			origin.Columns[sp.layout[i].Key] = forms.ColumnLetters(j + 1)
		}
	}
	values := make([]string, len(sp.header))
	headerFields(above, sp.header, values, origin.Header)

	// The table, up to the signature block.
	var (
		noCol    = forms.ColumnIndex(sp.layout, "no")
		nameCol  = forms.ColumnIndex(sp.layout, "full_name")
		aligned  = make([]string, len(sp.layout))
		footer   []sheetRow
		totals   bool
		first    = true
		nRows    int
		inFooter bool
	)
	for {
		more, err := it.next()
		if err != nil {
			return found{}, false, err
		}
		if !more {
			complete = true
			break
		}
		cells := it.cells
		if len(cells) == 0 {
			continue
		}
		if inFooter {
			if footer = append(footer, sheetRow{it.n, cells}); len(footer) >= maxFooterRows {
				break
			}
			continue
		}
		filled := 0
		for i, j := range idx {
			aligned[i] = ""
			if j >= 0 && j < len(cells) {
				aligned[i] = cells[j]
				if i != noCol && strings.TrimSpace(cells[j]) != "" {
					filled++
				}
			}
		}
		if forms.IsTotalsRow(cells) {
			totals = true
			continue
		}
		if filled == 0 {
			continue
		}
		if filled < 3 && (totals || isFooter(cells)) {
			inFooter = true
			footer = append(footer, sheetRow{it.n, cells})
			continue
		}
		if first {
			first = false
			if isColumnNumbers(aligned, nameCol) {
				continue
			}
		}
		if nRows == rd.maxRows {
			return found{}, false, fmt.Errorf("%w: xlsx: more than %d rows", forms.ErrTooManyRows, rd.maxRows)
		}
		rd.fixRow(aligned)
		onRow(nRows, aligned)
		origin.Rows = append(origin.Rows, it.n)
		nRows++
	}
	signatures(footer, sp.header, values, origin.Header)
	rd.fixHeader(values)
	return found{header: values, origin: origin}, true, nil
}

// otherForm reports whether the rows above the header row name the other
// form (its number or title) and not this one: the two tables share most of
// their headings.
func otherForm(above []sheetRow, sp *spec) bool {
	own, other := false, false
	keys := [...]string{labelKey(sp.formNo), labelKey(sp.title), labelKey(sp.otherNo), labelKey(sp.otherTitle)}
	for _, r := range above {
		for _, c := range r.cells {
			switch labelKey(c) {
			case "":
			case keys[0], keys[1]:
				own = true
			case keys[2], keys[3]:
				other = true
			}
		}
	}
	return other && !own
}

// fixRow mends what a spreadsheet does to cells: a date serial of the 1904
// date system is 1462 days short. (An ID number taken for a number loses
// its leading zeros; forms.ReadRow01 gives them back.)
func (rd *reader) fixRow(cells []string) {
	for i, c := range rd.spec.layout {
		switch c.Kind {
		case forms.CellDate:
			cells[i] = rd.fixDate(cells[i])
		}
	}
}

func (rd *reader) fixHeader(values []string) {
	for i, c := range rd.spec.header {
		switch c.Kind {
		case forms.CellDate:
			values[i] = rd.fixDate(values[i])
		case forms.CellPeriod:
			// A month typed 11/2026 becomes a date in Excel.
			if _, ok := serial(values[i]); ok {
				if d, err := forms.ParseCellDate(rd.fixDate(values[i])); err == nil {
					values[i] = fmt.Sprintf("%02d/%04d", int(d.Month()), d.Year())
				}
			}
		}
	}
}

func (rd *reader) fixDate(s string) string {
	if n, ok := serial(s); ok && rd.wb.date1904 {
		return strconv.Itoa(n + date1904Offset)
	}
	return s
}

// serial reads a whole number of up to 7 digits, as a date serial is.
func serial(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	if s == "" || len(s) > 7 || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}
