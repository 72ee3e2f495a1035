package forms

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

// Bounds of reading a CSV file.
const (
	// maxCSVBytes bounds the whole file: far above MaxRows rows of a form.
	maxCSVBytes = 64 << 20
	// maxCSVLine bounds one record (a line, or the lines of a record whose
	// quoted cells run over several lines): far above any row of a form.
	maxCSVLine = 64 << 10
	// maxCSVHead bounds the records looked at for the header row (a title
	// and the header fields of a paper-like sheet come before it); they must
	// also lie within the first maxCSVLine bytes.
	maxCSVHead = 50
	// maxCSVHeadCells and maxCSVHeading bound the cells of a line looked at
	// for headings (up to column IV, of up to 256 bytes): matching compares
	// every cell with every heading.
	maxCSVHeadCells = 256
	maxCSVHeading   = 256
	// csvReadAhead is how far csv.Reader's bufio.Reader reads ahead of the
	// record it parses.
	csvReadAhead = 4096
)

// bom is the byte-order mark Excel needs to read a CSV file as UTF-8.
const bom = "\ufeff"

// csvFormulaStart are the first characters that make a spreadsheet read a
// cell as a formula ("CSV injection"); an apostrophe is escaped too, so
// that the escape can be undone without ambiguity.
const csvFormulaStart = "=+-@\t\r'"

// WriteCSV01 writes the table of a Mẫu số 01 list as CSV for Excel: UTF-8
// with a byte-order mark, exactly one header row (the Vietnamese headings of
// Layout01), then one line per row as Row01.Cells writes it (dates
// dd/mm/yyyy, choices in Vietnamese, amounts in whole đồng without
// separators), lines ended by CRLF, and no totals row. The list's header
// fields (province, commune, period, dates and signatories) are not in the
// file: a CSV file has one header row and that is the table's. ReadCSV01
// reads the file back.
//
// A cell that begins with one of = + - @ (or a tab, a carriage return or an
// apostrophe) is written with an apostrophe in front, so that a spreadsheet
// shows it as text instead of running it as a formula; ReadCSV01 removes the
// apostrophe again.
func WriteCSV01(w io.Writer, l *List01) error {
	return writeCSV(w, Layout01, len(l.Rows), func(i int) []string { return l.Rows[i].Cells(i + 1) })
}

// WriteCSV02 writes the worker table of a Mẫu số 02 plan as CSV, as
// WriteCSV01 does for a list: UTF-8 with a byte-order mark, one header row
// (the Vietnamese headings of Layout02), one line per worker as
// Worker02.Cells writes it, CRLF line ends. The plan's other fields (the
// establishment, the loan, the confirmation) are not in the file. ReadCSV02
// reads the file back.
func WriteCSV02(w io.Writer, pl *Plan02) error {
	return writeCSV(w, Layout02, len(pl.Workers), func(i int) []string { return pl.Workers[i].Cells(i + 1) })
}

func writeCSV(w io.Writer, cols []Column, n int, row func(i int) []string) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	head := make([]string, len(cols))
	for i := range cols {
		head[i] = cols[i].HeadingVI
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for i := range n {
		cells := row(i)
		for j, c := range cells {
			cells[j] = csvEscape(c)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// csvEscape puts an apostrophe before a cell a spreadsheet would read as a
// formula.
func csvEscape(s string) string {
	if s != "" && strings.IndexByte(csvFormulaStart, s[0]) >= 0 {
		return "'" + s
	}
	if t := strings.TrimLeft(s, " "); t != s && t != "" && strings.IndexByte(csvFormulaStart, t[0]) >= 0 {
		return "'" + s
	}
	return s
}

// csvUnescape undoes csvEscape, and unwraps ="…", the way some programs
// write text for Excel so that it keeps leading zeros.
func csvUnescape(s string) string {
	t := strings.TrimSpace(s)
	if len(t) >= 2 && t[0] == '\'' && strings.IndexByte(csvFormulaStart+" ", t[1]) >= 0 {
		return t[1:]
	}
	if len(t) >= 3 && strings.HasPrefix(t, `="`) && strings.HasSuffix(t, `"`) && !strings.Contains(t[2:len(t)-1], `"`) {
		return t[2 : len(t)-1]
	}
	return s
}

// ReadCSV01 reads the table of a Mẫu số 01 list from CSV as commune officers
// keep it in Excel: UTF-8 with or without a byte-order mark, cells separated
// by commas or by semicolons (as Excel saves them under a Vietnamese locale;
// told apart on the header row). The header row is the first line whose
// cells name most of Layout01's columns (MatchHeadings: the Vietnamese or
// English headings or the keys); lines above it (a title, the list's header
// fields) are skipped. Columns may come in any order, columns the file lacks
// read as blank, columns the layout lacks are ignored. Blank lines (or lines
// with nothing but a row number), a line of column numbers just below the
// header ("(1)", "(2)", … or "A", "B", "1", … in every column, or all but
// one) and totals lines (the first cell that is not blank is "Tổng cộng",
// "Tổng" or "Cộng") are skipped; lines may have fewer or more cells than
// the header. A line break in a cell is a line feed (carriage returns are
// dropped, as WriteCSV01 drops them). Cells are read by ReadRow01, leniently
// (dd/mm/yyyy or YYYY-MM-DD dates, "50.000.000", the API's names for
// choices); an ID number of eleven digits gets back the leading zero a
// spreadsheet dropped.
//
// At most max data rows are read (MaxRows when max ≤ 0); the file is read
// as a stream and never held whole, and its size and the length of a line
// are bounded.
//
// The origin maps each row to its line in the file (Rows[N] is the line of
// row N, 1-based) and each column key to the column letters of its cell
// ("E"), for naming the cells of problems found later, by Validate01
// (Origin.Locate). The error is nil; or a credit.Problems with a problem for
// every cell that cannot be read, located (Pointer /rows/N/key, Row the
// line, Column the letters), the rows being returned too; or, with no rows
// and no origin, an error wrapping ErrNotForm (no header row, a file that is
// not UTF-8 text), ErrTooManyRows or ErrFileTooLarge, or the reader's
// error.
func ReadCSV01(r io.Reader, max int) ([]Row01, *Origin, error) {
	return readCSV(r, max, Layout01, "/rows", ReadRow01)
}

// ReadCSV02 reads the worker table of a Mẫu số 02 plan from CSV, as
// ReadCSV01 reads a list's table: the header row is the first line naming
// most of Layout02's columns, each worker is read by ReadWorker02 at
// /workers/N, and the origin's Table is "/workers".
func ReadCSV02(r io.Reader, max int) ([]Worker02, *Origin, error) {
	return readCSV(r, max, Layout02, "/workers", ReadWorker02)
}

// errLineTooLong is returned by recordBound for a record longer than
// maxCSVLine.
var errLineTooLong = errors.New("forms: line too long")

// fileBound reads at most max bytes of a file, then fails with
// ErrFileTooLarge.
type fileBound struct {
	r   io.Reader
	n   int64
	max int64
}

func (b *fileBound) Read(p []byte) (int, error) {
	if b.n > b.max {
		return 0, ErrFileTooLarge
	}
	if room := b.max + 1 - b.n; int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	if b.n > b.max {
		return n, ErrFileTooLarge
	}
	return n, err
}

// recordBound lets a csv.Reader read no further than maxCSVLine bytes (and
// its read-ahead) past the end of the last record it returned (mark, set by
// the caller from InputOffset), so that no record, however malformed, is
// held longer than that.
type recordBound struct {
	r    io.Reader
	off  int64
	mark int64
}

func (b *recordBound) Read(p []byte) (int, error) {
	room := b.mark + maxCSVLine + csvReadAhead - b.off
	if room <= 0 {
		return 0, errLineTooLong
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := b.r.Read(p)
	b.off += int64(n)
	return n, err
}

func newCSVReader(r io.Reader, sep rune) *csv.Reader {
	cr := csv.NewReader(r)
	cr.Comma = sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true
	return cr
}

// findHeader looks for the header row among the first records of head
// separated by sep, and returns its index among the records (blank lines not
// counted) and how many of cols it names, or -1.
func findHeader(head []byte, sep rune, cols []Column) (at, found int) {
	cr := newCSVReader(bytes.NewReader(head), sep)
	for i := range maxCSVHead {
		rec, err := cr.Read()
		if err != nil {
			return -1, 0
		}
		if idx, ok := MatchHeadings(cols, headCells(rec)); ok && validUTF8(rec) {
			n := 0
			for _, j := range idx {
				if j >= 0 {
					n++
				}
			}
			return i, n
		}
	}
	return -1, 0
}

// headCells are the cells of rec looked at for headings: longer cells are
// no headings.
func headCells(rec []string) []string {
	out := make([]string, min(len(rec), maxCSVHeadCells))
	for i := range out {
		if len(rec[i]) <= maxCSVHeading {
			out[i] = rec[i]
		}
	}
	return out
}

func validUTF8(rec []string) bool {
	for _, c := range rec {
		if !utf8.ValidString(c) {
			return false
		}
	}
	return true
}

// isBlank reports whether every cell but the row number (at skip) is blank.
func isBlank(cells []string, skip int) bool {
	for i, c := range cells {
		if i != skip && strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// isColumnNumbers reports whether cells (those of the columns the file
// has: present of them) are a line of column numbers, as Vietnamese forms
// print below the headings: every one of them, or all but one, filled with
// a number or a letter or two, in parentheses or not ("1", "(2)", "A").
// Such a line could not be read as a row without problems (its dates and
// choices would be wrong), so skipping it never drops a person.
func isColumnNumbers(cells []string, idx []int) bool {
	n, present := 0, 0
	for i, c := range cells {
		if idx[i] < 0 {
			continue
		}
		present++
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if inner, ok := strings.CutPrefix(c, "("); ok {
			if c, ok = strings.CutSuffix(inner, ")"); !ok {
				return false
			}
		}
		if len(c) < 1 || len(c) > 3 {
			return false
		}
		for i := 0; i < len(c); i++ {
			if !(c[i] >= '0' && c[i] <= '9' || c[i] >= 'A' && c[i] <= 'Z' || c[i] >= 'a' && c[i] <= 'z') {
				return false
			}
		}
		n++
	}
	return n >= 3 && n >= present-1
}

func readCSV[T any](r io.Reader, max int, cols []Column, table string,
	read func(cells []string, base string, pr *credit.Problems) T) ([]T, *Origin, error) {
	if max <= 0 {
		max = MaxRows
	}
	fail := func(err error) ([]T, *Origin, error) { return nil, nil, err }
	file := &fileBound{r: r, max: maxCSVBytes}

	// The separator and the header row are found in the first bytes.
	head := make([]byte, maxCSVLine)
	n, err := readHead(file, head)
	switch {
	case errors.Is(err, ErrFileTooLarge):
		return fail(fmt.Errorf("%w: larger than %d bytes", ErrFileTooLarge, maxCSVBytes))
	case err != nil:
		return fail(fmt.Errorf("forms: reading CSV: %w", err))
	}
	head = head[:n]
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return fail(fmt.Errorf("%w: the file is UTF-16 text; save it as \"CSV UTF-8\"", ErrNotForm))
	}
	head = bytes.TrimPrefix(head, []byte(bom))
	sep, at := ',', -1
	if i, found := findHeader(head, ',', cols); i >= 0 {
		at = i
		if j, found2 := findHeader(head, ';', cols); j >= 0 && (j < i || j == i && found2 > found) {
			sep, at = ';', j
		}
	} else if j, _ := findHeader(head, ';', cols); j >= 0 {
		sep, at = ';', j
	}
	if at < 0 {
		return fail(fmt.Errorf("%w: no header row naming the columns in the first %d lines", ErrNotForm, maxCSVHead))
	}

	src := &recordBound{r: io.MultiReader(bytes.NewReader(head), file)}
	cr := newCSVReader(src, sep)
	readErr := func(err error, line int) error {
		switch {
		case errors.Is(err, ErrFileTooLarge):
			return fmt.Errorf("%w: larger than %d bytes", ErrFileTooLarge, maxCSVBytes)
		case errors.Is(err, errLineTooLong):
			return fmt.Errorf("%w: a line after line %d is longer than %d bytes", ErrFileTooLarge, line, maxCSVLine)
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("%w: line %d is not CSV", ErrNotForm, pe.StartLine)
		}
		return fmt.Errorf("forms: reading CSV: %w", err)
	}
	var rec []string
	for range at + 1 {
		if rec, err = cr.Read(); err != nil {
			// The header row runs past the first bytes, where it was found.
			if err == io.EOF || errors.Is(err, errLineTooLong) {
				return fail(fmt.Errorf("%w: the header row is not complete", ErrNotForm))
			}
			return fail(readErr(err, 0))
		}
	}
	idx, ok := MatchHeadings(cols, headCells(rec))
	if !ok {
		return fail(fmt.Errorf("%w: the header row is not complete", ErrNotForm))
	}
	line, _ := cr.FieldPos(0)
	src.mark = cr.InputOffset()
	origin := &Origin{Columns: make(map[string]string, len(cols)), Table: table}
	for i, j := range idx {
		if j >= 0 {
			origin.Columns[cols[i].Key] = ColumnLetters(j + 1)
		}
	}
	noCol := ColumnIndex(cols, "no")

	var (
		rows  []T
		pr    = RowProblems{Table: table}
		cells = make([]string, len(cols))
		first = true
	)
	for {
		rec, err = cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(readErr(err, line))
		}
		line, _ = cr.FieldPos(0)
		end := cr.InputOffset()
		if end-src.mark > maxCSVLine {
			return fail(fmt.Errorf("%w: line %d is longer than %d bytes", ErrFileTooLarge, line, maxCSVLine))
		}
		src.mark = end
		if !validUTF8(rec) {
			return fail(fmt.Errorf("%w: line %d is not UTF-8 text; save the file as \"CSV UTF-8\"", ErrNotForm, line))
		}
		for i, j := range idx {
			cells[i] = ""
			if j >= 0 && j < len(rec) {
				cells[i] = csvUnescape(rec[j])
				if strings.IndexByte(cells[i], '\r') >= 0 {
					// as csv.Writer drops a carriage return not before a
					// line feed, so does reading
					cells[i] = strings.ReplaceAll(cells[i], "\r", "")
				}
			}
		}
		if isBlank(cells, noCol) || IsTotalsRow(rec) {
			continue
		}
		if first {
			first = false
			if isColumnNumbers(cells, idx) {
				continue
			}
		}
		if len(rows) == max {
			return fail(fmt.Errorf("%w: more than %d rows", ErrTooManyRows, max))
		}
		rows = append(rows, read(cells, table+"/"+strconv.Itoa(len(rows)), pr.Row()))
		pr.Keep()
		origin.Rows = append(origin.Rows, line)
	}
	origin.Locate(pr.List())
	return rows, origin, pr.List().Err()
}

// readHead reads the first bytes of a file into head, as many as it has:
// the end of a short file is no error, but any other error of r is (an
// upload cut short is not a short file).
func readHead(r io.Reader, head []byte) (int, error) {
	n := 0
	for n < len(head) {
		m, err := r.Read(head[n:])
		n += m
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
