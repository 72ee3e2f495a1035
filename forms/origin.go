package forms

import (
	"errors"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
)

// Errors of importing a file as a form, beside the problems of its cells.
var (
	// ErrNotForm: the file is not a table of the form (not a spreadsheet
	// or CSV, no sheet or header row with the form's headings).
	ErrNotForm = errors.New("forms: the file is not a table of the form")
	// ErrTooManyRows: more rows than the importer accepts (MaxRows by
	// default).
	ErrTooManyRows = errors.New("forms: the file has too many rows")
	// ErrFileTooLarge: the file, or what it unpacks to, is larger than the
	// importer accepts (a zip bomb).
	ErrFileTooLarge = errors.New("forms: the file is too large")
)

// Origin says where a form read from a file came from, so that every
// problem, found while reading or by Validate01/Validate02 afterwards, can
// name the cell an officer must fix ("E7").
type Origin struct {
	Sheet string // "" for CSV
	// Rows[N] is the 1-based line (CSV) or row (sheet) of table row N.
	Rows []int
	// Columns maps a table column's key ("id_number") to its letters ("E").
	Columns map[string]string
	// Header maps a header field's key ("prepared_on") to its cell ("C5").
	Header map[string]string
	// Table is the JSON pointer of the table: "/rows" (Mẫu 01) or
	// "/workers" (Mẫu 02).
	Table string
}

// Locate sets Row and Column on every problem whose pointer names a cell of
// the file: /rows/N/key (or /workers/N/key) and the header fields.
func (o *Origin) Locate(ps credit.Problems) {
	for i := range ps {
		e := ps[i]
		if e.Row != 0 {
			continue
		}
		ptr := e.Pointer
		if rest, ok := strings.CutPrefix(ptr, o.Table+"/"); ok && o.Table != "" {
			n, key, _ := strings.Cut(rest, "/")
			idx, err := strconv.Atoi(n)
			if err != nil || idx < 0 || idx >= len(o.Rows) {
				continue
			}
			e.Row = o.Rows[idx]
			e.Column = o.Columns[key]
			continue
		}
		if cell, ok := o.Header[strings.TrimPrefix(ptr, "/")]; ok {
			e.Column, e.Row = SplitCell(cell)
		}
	}
}

// SplitCell splits a cell name ("C5") into its column letters and row.
func SplitCell(cell string) (string, int) {
	i := 0
	for i < len(cell) && cell[i] >= 'A' && cell[i] <= 'Z' {
		i++
	}
	row, _ := strconv.Atoi(cell[i:])
	return cell[:i], row
}

// ColumnLetters returns the spreadsheet letters of the 1-based column n
// (1 → "A", 27 → "AA").
func ColumnLetters(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// MatchHeadings finds the columns of a header row: for each column of cols,
// the index in cells of the heading that names it (its Vietnamese heading,
// its English heading or its key, compared without case, spaces and
// punctuation), or -1. ok is false unless more than half of cols' headings
// are found — the test that tells a header row from a title or a data row —
// and at least one of them is a column only this layout has, which tells a
// Mẫu 01 table from a Mẫu 02 worker table (they share 8 columns).
func MatchHeadings(cols []Column, cells []string) (idx []int, ok bool) {
	idx = make([]int, len(cols))
	found := 0
	for i := range cols {
		idx[i] = -1
		for j, c := range cells {
			n := headingKey(c)
			if n != "" && (n == headingKey(cols[i].HeadingVI) || n == headingKey(cols[i].HeadingEN) || n == headingKey(cols[i].Key)) {
				idx[i] = j
				found++
				break
			}
		}
	}
	own := false
	for i := range cols {
		if idx[i] >= 0 && ownColumn(cols, cols[i].Key) {
			own = true
			break
		}
	}
	return idx, found*2 > len(cols) && own
}

// ownColumn reports whether key is a column of cols that the other form's
// table does not have.
func ownColumn(cols []Column, key string) bool {
	for _, other := range [][]Column{Layout01, Layout02} {
		if len(other) > 0 && len(cols) > 0 && &other[0] == &cols[0] {
			continue // cols itself
		}
		if ColumnIndex(other, key) >= 0 {
			return false
		}
	}
	return true
}

// headingKey normalises a heading for comparison.
func headingKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r == ' ' || r == '_' || r == '.' || r == '(' || r == ')' || r == ',' || r == '\n' || r == '\t' || r == '\u00a0' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
