package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/unicode/norm"

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
	// cellsPerRow is the budget of cells per row of the table (a row may be
	// wide, but not all of them): reading stops with ErrFileTooLarge beyond
	// (rows + maxHeadRows + 1000) × cellsPerRow cells.
	cellsPerRow = 64
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
// be located too (Origin.Locate).
func Read01(r io.Reader, o Options) (forms.List01, *forms.Origin, error) {
	var (
		rows []forms.Row01
		pr   credit.Problems
	)
	t, err := read(r, o, &spec01, func(i int, cells []string) {
		rows = append(rows, forms.ReadRow01(cells, "/rows/"+strconv.Itoa(i), &pr))
	})
	if err != nil {
		return forms.List01{}, nil, err
	}
	var hp credit.Problems
	l := forms.ReadHeader01(t.header, &hp)
	l.Rows = rows
	hp = append(hp, pr...)
	t.origin.Locate(hp)
	return l, t.origin, hp.Err()
}

// Read02 reads a Mẫu số 02 plan from an .xlsx workbook, as Write02 writes
// it or as an officer fills one in, like Read01: the plan's fields from
// their labels above the worker table, the workers from the table (at
// /workers/N); the error is nil, a credit.Problems with the plan, or an
// error wrapping forms.ErrNotForm, forms.ErrTooManyRows or
// forms.ErrFileTooLarge.
func Read02(r io.Reader, o Options) (forms.Plan02, *forms.Origin, error) {
	var (
		workers []forms.Worker02
		pr      credit.Problems
	)
	t, err := read(r, o, &spec02, func(i int, cells []string) {
		workers = append(workers, forms.ReadWorker02(cells, "/workers/"+strconv.Itoa(i), &pr))
	})
	if err != nil {
		return forms.Plan02{}, nil, err
	}
	var hp credit.Problems
	pl := forms.ReadHeader02(t.header, &hp)
	pl.Workers = workers
	hp = append(hp, pr...)
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

func read(r io.Reader, o Options, sp *spec, onRow func(i int, cells []string)) (found, error) {
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
		return found{}, tooLarge("the file is larger than %d bytes", maxBytes)
	}
	if err := checkZip(data); err != nil {
		return found{}, err
	}
	f, err := open(data)
	if err != nil {
		return found{}, err
	}
	defer f.Close()
	rd := &reader{spec: sp, f: f, maxRows: maxRows, budget: (maxRows + maxHeadRows + 1000) * cellsPerRow}
	rd.date1904 = date1904(f)
	for _, name := range sheetOrder(sheetList(f), sp.sheet) {
		t, ok, err := rd.sheet(name, onRow)
		if err != nil {
			return found{}, err
		}
		if ok {
			return t, nil
		}
	}
	return found{}, notForm("no sheet has a header row naming the columns of %s", sp.formNo)
}

// The calls into excelize are guarded: a panic while reading a damaged
// workbook is the workbook's fault and reported as ErrNotForm.

func guard(err *error) {
	if p := recover(); p != nil {
		*err = notForm("the workbook is damaged")
	}
}

func open(data []byte) (f *excelize.File, err error) {
	defer guard(&err)
	f, err = excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    maxUnzipped,
		UnzipXMLSizeLimit: maxXMLInMemory,
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, notForm("not an .xlsx workbook")
	}
	return f, nil
}

func sheetList(f *excelize.File) (names []string) {
	defer func() {
		if recover() != nil {
			names = nil
		}
	}()
	return f.GetSheetList()
}

func date1904(f *excelize.File) (yes bool) {
	defer func() {
		if recover() != nil {
			yes = false
		}
	}()
	p, err := f.GetWorkbookProps()
	return err == nil && p.Date1904 != nil && *p.Date1904
}

// sheetOrder puts the sheet named like the form's first.
func sheetOrder(names []string, first string) []string {
	out := make([]string, 0, len(names))
	for _, n := range names {
		if strings.EqualFold(strings.TrimSpace(n), first) {
			out = append(out, n)
		}
	}
	for _, n := range names {
		if !strings.EqualFold(strings.TrimSpace(n), first) {
			out = append(out, n)
		}
	}
	return out
}

// reader reads one workbook.
type reader struct {
	spec     *spec
	f        *excelize.File
	maxRows  int
	date1904 bool
	budget   int // cells left to read
}

// rowIter walks the rows of a sheet, numbering them (excelize's iterator
// stops at every row number, with no cells for a row the file lacks).
type rowIter struct {
	rd   *reader
	rows *excelize.Rows
	n    int
}

func (it *rowIter) next() (ok bool, err error) {
	defer guard(&err)
	if !it.rows.Next() {
		return false, nil
	}
	it.n++
	return true, nil
}

var rawValues = excelize.Options{RawCellValue: true}

func (it *rowIter) cells() (cells []string, err error) {
	defer guard(&err)
	cells, err = it.rows.Columns(rawValues)
	if err != nil {
		return nil, notForm("row %d of the sheet cannot be read", it.n)
	}
	if it.rd.budget -= len(cells); it.rd.budget < 0 {
		return nil, tooLarge("too many cells")
	}
	for i, c := range cells {
		if !norm.NFC.IsNormalString(c) {
			cells[i] = norm.NFC.String(c)
		}
	}
	return cells, nil
}

// sheet reads the sheet name if it has the form's header row: ok is false
// if not.
func (rd *reader) sheet(name string, onRow func(i int, cells []string)) (t found, ok bool, err error) {
	sp := rd.spec
	rows, err := openRows(rd.f, name)
	if err != nil {
		return found{}, false, nil
	}
	defer rows.Close()
	it := &rowIter{rd: rd, rows: rows}

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
		cells, err := it.cells()
		if err != nil {
			return found{}, false, err
		}
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
		Sheet:   name,
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
			break
		}
		cells, err := it.cells()
		if err != nil {
			return found{}, false, err
		}
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

func openRows(f *excelize.File, name string) (r *excelize.Rows, err error) {
	defer guard(&err)
	return f.Rows(name)
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
	if n, ok := serial(s); ok && rd.date1904 {
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
