package reporting

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// Errors of reading loans from CSV, beside the problems of its lines.
var (
	// ErrCSVHeader: the first line of the file is not a header row naming
	// the loan fields (LoanFields), each once, and nothing else.
	ErrCSVHeader = errors.New("reporting: the CSV header row does not name the loan fields")
	// ErrTooManyLines: more loans than the reader accepts (the HTTP
	// layer's 413).
	ErrTooManyLines = errors.New("reporting: the file has too many lines")
)

// MaxCSVLine bounds one line of a CSV file of loans, in bytes (a record
// whose quoted cells run over several lines counts as one): far above any
// loan, which takes about 120.
const MaxCSVLine = 4 << 10

const (
	// csvBuffer is the size of the buffer the lines are read through, and
	// so how far the reader reads ahead of the line it parses.
	csvBuffer = 16 << 10
	utf8BOM   = "\ufeff"
)

// errLineTooLong ends a line longer than the reader may read (csvReader's
// limit).
var errLineTooLong = errors.New("reporting: line too long")

// ReadLoansCSV reads loans from CSV as the contract's text/csv body of
// POST /v1/reports/portfolio gives them: UTF-8, with or without a byte-order
// mark, cells separated by commas; a header row naming the fields of
// LoanFields, each once, in any order (names compared without case or
// surrounding spaces); then one loan a line. Cells are read as the JSON
// values are: amounts in whole đồng written in digits, dates YYYY-MM-DD,
// enums by their names, jobs in digits; spaces around a cell are ignored;
// no cell may be blank. A line is at most MaxCSVLine bytes.
//
// each is called for every loan read without a problem, with its index i
// among the data lines (0-based; the loan's problems are at /loans/i), the
// loan, and the line it starts on (the header is line 1). The loan is the
// same value each time, overwritten: copy *l to keep it (its strings may be
// kept; they are not overwritten, and keep the block of the file they were
// read from, 64 KiB, in memory). If each returns a credit.Problems, they
// are the loan's problems: they get the line as Row and their cell's column
// letters as Column, and reading goes on; any other error stops reading and
// is returned.
//
// The error is nil; or a credit.Problems with every problem found, at most
// MaxProblems of them then one too_many_problems: a cell that cannot be
// read (at /loans/i/<field>, with Row the line and Column the letters: "H";
// a loan_id or commune_code with control characters is invalid_text),
// a line with the wrong number of cells or broken quoting, not UTF-8 or too
// long (invalid_line, at /loans/i; reading stops after a line too long),
// and each's problems; or a *HeaderError, wrapping ErrCSVHeader (an empty file, an
// unknown, blank, repeated or missing column); or each's or the reader's
// error. A line with a problem is not passed to each.
func ReadLoansCSV(r io.Reader, each func(i int, l *Loan, line int) error) error {
	pl := cappedProblems{at: "/loans"}
	err := readLoansCSV(r, 0, &pl, nil, func(i int, l *Loan, line int, read credit.Problems, _ uint64) (credit.Problems, error) {
		if len(read) > 0 {
			return read, nil
		}
		err := each(i, l, line)
		if ps, ok := err.(credit.Problems); ok {
			return ps, nil
		}
		return nil, err
	})
	if err != nil {
		return err
	}
	return pl.err()
}

// PortfolioCSV reads the loans of a CSV file (as ReadLoansCSV does) into
// the loan book on asOf (as Portfolio.Add checks and adds them) and returns
// its report. The file is read as a stream: what is held is the
// Portfolio (12 MiB of loan_id hashes for 1,000,000 loans) and a block of
// the file (64 KiB). If r knows its length (a Len method, as bytes.Reader,
// strings.Reader and bytes.Buffer have), the set of hashes is sized from
// it at the start (a loan for every 100 bytes, at most maxLines) instead
// of growing as loans come.
//
// A file with more than maxLines loans is an error wrapping
// ErrTooManyLines, returned as soon as the line after the last allowed is
// read; maxLines ≤ 0 means no limit. Otherwise the error is nil, or a
// credit.Problems with every problem of every loan, those of its cells and
// those Portfolio.Add finds (with the line and column of the cell), at most
// MaxProblems then one too_many_problems (a zero asOf is required at
// "/as_of"), or a *HeaderError (wrapping ErrCSVHeader), or the reader's
// error.
func PortfolioCSV(r io.Reader, asOf credit.Date, maxLines int) (Report, error) {
	pl := cappedProblems{at: "/loans"}
	if asOf.IsZero() {
		pl.add(credit.Problems{{Pointer: "/as_of", Code: credit.CodeRequired, Message: credit.MsgRequired}})
	}
	p := NewPortfolio(asOf)
	p.ids.reserve(loansHint(r, maxLines))
	err := readLoansCSV(r, maxLines, &pl, p, func(i int, l *Loan, _ int, read credit.Problems, h uint64) (credit.Problems, error) {
		return p.addHashed(i, l, read, h), nil
	})
	if err == nil {
		err = pl.err()
	}
	if err != nil {
		return Report{}, err
	}
	return p.Report(), nil
}

// bytesPerLoan is about the fewest bytes a line of a loan takes as VBSP's
// books write them (a line of the benchmarks' book takes 110).
const bytesPerLoan = 100

// loansHint is about how many loans a file read from r has, if r knows its
// length (bytes.Reader, strings.Reader, bytes.Buffer: a Len method), at
// most maxLines if that is above 0, or 0:
// what the tables of loan_id hashes are sized from at the start, so that
// they do not grow one by one as the loans come. Reading more or fewer
// loans than the hint changes nothing but the time and memory.
func loansHint(r io.Reader, maxLines int) int {
	l, ok := r.(interface{ Len() int })
	if !ok {
		return 0
	}
	if n := l.Len() / bytesPerLoan; maxLines <= 0 || n < maxLines {
		return n
	}
	return maxLines
}

// loanColumns is where the fields are in the lines of a file.
type loanColumns struct {
	idx     [numLoanFields]int    // index of each field's cell
	letters [numLoanFields]string // column letters of each field
	width   int                   // cells of a line
}

// readLoansCSV reads the file, calls fn for each line that could be split
// into cells (with the problems of its cells) and adds the problems fn
// returns, and those of lines that could not, to pl. It returns an error
// that ends reading: a wrong header, too many lines, fn's error or the
// reader's.
//
// Lines are read csvBatch at a time before fn sees them, and if book is not
// nil, the loan_id of each line of a batch is hashed with it first (the
// hash is passed on to fn as h), then book is told to start loading the
// memory each will need, all at once, so that the waits for memory overlap
// instead of adding up (see Portfolio.touch).
//
// The cells are read with csvReader, which reads what encoding/csv's
// Reader would, and no record of a line is read further than MaxCSVLine
// bytes (and csvBuffer more) past the end of the previous one (mark), so
// that no line, however malformed, is held longer than that.
func readLoansCSV(r io.Reader, maxLines int, pl *cappedProblems, book idToucher,
	fn func(i int, l *Loan, line int, read credit.Problems, h uint64) (credit.Problems, error)) error {
	cr := newCSVReader(r)
	var skip int64
	switch head, err := cr.peek(len(utf8BOM)); {
	case head == utf8BOM:
		skip = int64(len(utf8BOM))
		cr.discard(len(utf8BOM))
	case err != nil && err != io.EOF:
		return fmt.Errorf("reporting: reading CSV: %w", err)
	}
	rec, err := cr.readRecord(nil)
	if err == nil && cr.offset()-skip > MaxCSVLine {
		err = errLineTooLong
	}
	cols, err := readHeader(rec, err)
	if err != nil {
		return err
	}
	var (
		l     Loan
		pe    *csv.ParseError
		line  int
		next  = 2 // the line after the last record read
		mark  int64
		cells = make([]string, 0, csvBatch*cols.width)
		batch = make([]pendingLine, 0, csvBatch)
	)
	// setMark notes that the record before the next ends at the reader's
	// offset.
	setMark := func() {
		mark = cr.offset()
		cr.limit = mark + MaxCSVLine + csvBuffer
	}
	setMark()
	// flush passes the lines of the batch to fn, in order.
	flush := func() error {
		if book != nil {
			var hs [csvBatch]uint64
			k := 0
			for j := range batch {
				if b := &batch[j]; b.cells != nil {
					b.h = book.hash(cellText(b.cells[cols.idx[fLoanID]], b.plain))
					hs[k] = b.h
					k++
				}
			}
			// (apart, so that the loads are many at once)
			book.touch(hs[:k])
		}
		for _, b := range batch {
			if b.problem != nil {
				pl.add(credit.Problems{b.problem})
				continue
			}
			ps, err := fn(b.i, &l, b.line, cols.read(b.cells, b.plain, b.i, b.line, &l), b.h)
			if err != nil {
				return err
			}
			cols.locate(ps, b.i, b.line)
			pl.add(ps)
		}
		batch = batch[:0]
		cells = cells[:0]
		return nil
	}
	bad := func(i, line int, msg credit.Text) {
		batch = append(batch, pendingLine{i: i, problem: lineProblem(i, line, msg)})
	}
	for i := 0; ; i++ {
		if len(batch) == csvBatch {
			if err := flush(); err != nil {
				return err
			}
		}
		start := len(cells)
		cells, err = cr.readRecord(cells)
		rec := cells[start:]
		if err != nil {
			cells = cells[:start]
		}
		if err == io.EOF {
			return flush()
		}
		if maxLines > 0 && i >= maxLines {
			return fmt.Errorf("%w: more than %d loans", ErrTooManyLines, maxLines)
		}
		switch {
		case err == nil:
			line = cr.recLine
		case errors.Is(err, errLineTooLong):
			// (next is the line it starts on, unless blank lines came between)
			bad(i, next, msgLineTooLong)
			return flush()
		case errors.As(err, &pe):
			bad(i, pe.StartLine, msgNotCSV)
			setMark()
			next = pe.Line + 1
			continue
		default:
			return fmt.Errorf("reporting: reading CSV: %w", err)
		}
		if cr.offset()-mark > MaxCSVLine {
			bad(i, line, msgLineTooLong)
			return flush()
		}
		setMark()
		next = cr.lastLine + 1
		switch {
		case len(rec) != cols.width:
			cells = cells[:start]
			bad(i, line, credit.Text{
				VI: "Dòng có " + strconv.Itoa(len(rec)) + " ô, nhưng dòng tiêu đề có " + strconv.Itoa(cols.width) + " cột.",
				EN: "The line has " + strconv.Itoa(len(rec)) + " cells but the header row " + strconv.Itoa(cols.width) + " columns.",
			})
		case !cr.plain && (!utf8.ValidString(rec[cols.idx[fLoanID]]) || !utf8.ValidString(rec[cols.idx[fCommuneCode]])):
			cells = cells[:start]
			bad(i, line, msgNotUTF8)
		default:
			batch = append(batch, pendingLine{i: i, line: line, cells: rec, plain: cr.plain})
		}
	}
}

// csvBatch is the number of lines readLoansCSV reads before passing them
// on.
const csvBatch = 32

// pendingLine is a line read and not yet passed on: its cells, or the
// problem that it cannot be read.
type pendingLine struct {
	i, line int
	cells   []string
	h       uint64 // the hash of its loan_id (book's)
	plain   bool   // its cells need no trimming (csvReader.plain)
	problem *credit.FieldError
}

// readHeader finds the columns of the fields in the header row rec, read
// with the error err.
func readHeader(rec []string, err error) (*loanColumns, error) {
	var pe *csv.ParseError
	switch {
	case err == io.EOF:
		return nil, headerError("tệp trống", "the file is empty")
	case errors.Is(err, errLineTooLong):
		return nil, headerError("dòng đầu dài quá "+strconv.Itoa(MaxCSVLine)+" byte",
			"the first line is longer than "+strconv.Itoa(MaxCSVLine)+" bytes")
	case errors.As(err, &pe):
		return nil, headerError("dòng đầu không đúng định dạng CSV", "the first line is not CSV ("+pe.Err.Error()+")")
	case err != nil:
		return nil, fmt.Errorf("reporting: reading CSV: %w", err)
	}
	cols := &loanColumns{width: len(rec)}
	for f := range cols.idx {
		cols.idx[f] = -1
	}
	var vi, en []string
	wrong := func(v, e string) { vi, en = append(vi, v), append(en, e) }
	for j, cell := range rec {
		name := strings.TrimSpace(cell)
		letters := forms.ColumnLetters(j + 1)
		f, ok := loanFieldNamedFold(name)
		switch {
		case name == "":
			wrong("cột "+letters+" chưa có tên", "column "+letters+" has no name")
		case !ok:
			wrong("cột "+letters+headingText(name)+" không phải trường của khoản vay",
				"column "+letters+headingText(name)+" is not a loan field")
		case cols.idx[f] >= 0:
			other := forms.ColumnLetters(cols.idx[f] + 1)
			wrong("cột "+other+" và cột "+letters+" cùng ghi "+loanFieldNames[f],
				"columns "+other+" and "+letters+" both name "+loanFieldNames[f])
		default:
			cols.idx[f] = j
			cols.letters[f] = letters
		}
	}
	var missing []string
	for f, j := range cols.idx {
		if j < 0 {
			missing = append(missing, loanFieldNames[f])
		}
	}
	if len(missing) > 0 {
		wrong("thiếu "+strings.Join(missing, ", "), "missing "+strings.Join(missing, ", "))
	}
	if len(en) == 0 {
		return cols, nil
	}
	hintVI, hintEN := "", ""
	if len(rec) == 1 && strings.Contains(rec[0], ";") {
		hintVI = " (các ô phải cách nhau bằng dấu phẩy, không phải dấu chấm phẩy)"
		hintEN = " (cells must be separated by commas, not semicolons)"
	}
	return nil, headerError(strings.Join(vi, "; ")+hintVI, strings.Join(en, "; ")+hintEN)
}

// HeaderError is the error of a CSV file whose first line is not a header
// row naming the loan fields: what is wrong with it, in Vietnamese and in
// English ("column L \"amout\" is not a loan field; missing amount"); its
// Error names the fields too. A column's name is quoted only when it is plain ASCII
// letters, so that the message never echoes a cell's data. It wraps
// ErrCSVHeader.
type HeaderError struct {
	Message credit.Text
}

func headerError(vi, en string) *HeaderError {
	return &HeaderError{Message: credit.Text{VI: vi, EN: en}}
}

func (e *HeaderError) Error() string {
	return ErrCSVHeader.Error() + ": " + e.Message.EN + "; the fields are " + strings.Join(loanFieldNames[:], ",")
}

// Unwrap returns ErrCSVHeader.
func (e *HeaderError) Unwrap() error { return ErrCSVHeader }

func loanFieldNamedFold(s string) (loanField, bool) {
	for f, n := range loanFieldNames {
		if strings.EqualFold(n, s) {
			return loanField(f), true
		}
	}
	return 0, false
}

// headingText is a heading quoted for an error message, or nothing if it
// does not look like a field name (it could be data: the file has no
// header row).
func headingText(s string) string {
	if len(s) > 40 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ' ' || c == '-') {
			return ""
		}
	}
	return " " + strconv.Quote(s)
}

// read reads the cells of rec into l (all of it: l is reset first) and
// returns the problems of the cells that cannot be read.
//
// If plain, the cells are printable ASCII without spaces (csvReader.plain):
// they are not trimmed.
func (c *loanColumns) read(rec []string, plain bool, i, line int, l *Loan) (read credit.Problems) {
	*l = Loan{}
	bad := func(f loanField, code string, msg credit.Text, cause error) {
		read = append(read, &credit.FieldError{Pointer: loanPointer("/loans", i, int(f)), Row: line,
			Column: c.letters[f], Code: code, Message: msg, Err: cause})
	}
	for f := range numLoanFields {
		s := cellText(rec[c.idx[f]], plain)
		if s == "" {
			bad(f, credit.CodeRequired, credit.MsgRequired, nil)
			continue
		}
		ok := true
		switch f {
		case fLoanID, fCommuneCode:
			if !credit.ValidText(s) {
				bad(f, credit.CodeInvalidText, credit.MsgInvalidText, ErrPortfolio)
				continue
			}
			if f == fLoanID {
				l.ID = s
			} else {
				l.CommuneCode = s
			}
		case fBorrowerKind:
			l.BorrowerKind, ok = ParseBorrowerKind(s)
		case fPurpose:
			l.Purpose, ok = credit.ParsePurpose(s)
		case fCapitalSource:
			l.CapitalSource, ok = ParseCapitalSource(s)
		case fChannel:
			l.Channel, ok = ParseChannel(s)
		case fDisbursedOn:
			d, err := credit.ParseDate(s)
			if err != nil {
				bad(f, credit.CodeInvalidDate, credit.MsgInvalidDate, err)
				continue
			}
			l.DisbursedOn = d
		case fAmount, fOutstanding, fOverdue:
			v, err := credit.ParseVND(s)
			switch {
			case err == nil && f == fAmount:
				l.Amount = v
			case err == nil && f == fOutstanding:
				l.Outstanding = v
			case err == nil:
				l.Overdue = v
			case errors.Is(err, credit.ErrNegativeAmount):
				bad(f, credit.CodeNegative, credit.MsgNegativeAmount, err)
			case errors.Is(err, credit.ErrAmountTooLarge):
				bad(f, credit.CodeOutOfRange, credit.MsgAmountTooLarge, err)
			default:
				bad(f, credit.CodeNotInteger, credit.MsgNotAmount, err)
			}
		case fJobs:
			n, code := parseJobs(s)
			switch code {
			case "":
				l.Jobs = n
			case credit.CodeOutOfRange:
				bad(f, code, msgJobsRange, ErrPortfolio)
			default:
				bad(f, code, msgJobsNotInteger, ErrPortfolio)
			}
		}
		if !ok {
			bad(f, credit.CodeInvalidEnum, enumMsgs[f], ErrPortfolio)
		}
	}
	return read
}

// cellText is cell without the spaces around it, cell itself if plain
// (csvReader.plain: there are none).
func cellText(cell string, plain bool) string {
	if plain {
		return cell
	}
	return trimSpace(cell)
}

// trimSpace is strings.TrimSpace, quicker for a cell that begins and ends
// with a printable ASCII character, as nearly every cell does.
func trimSpace(s string) string {
	if n := len(s); n > 0 && s[0] > ' ' && s[0] < utf8.RuneSelf && s[n-1] > ' ' && s[n-1] < utf8.RuneSelf {
		return s
	}
	return strings.TrimSpace(s)
}

// parseJobs reads a count of jobs written in digits: n, or the code of the
// problem.
func parseJobs(s string) (n int, code string) {
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	if s == "" {
		return 0, credit.CodeNotInteger
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, credit.CodeNotInteger
		}
		if n <= MaxJobs {
			n = n*10 + int(c-'0')
		}
	}
	if neg || n > MaxJobs {
		return 0, credit.CodeOutOfRange
	}
	return n, ""
}

// locate sets Row (the line) and Column (of the cell its pointer names) on
// every problem of loan i not located yet, and puts the line in front of
// its message.
func (c *loanColumns) locate(ps credit.Problems, i, line int) {
	if len(ps) == 0 {
		return
	}
	prefix := "/loans/" + strconv.Itoa(i) + "/"
	for _, e := range ps {
		if e.Row != 0 {
			continue
		}
		e.Row = line
		e.Message = atLine(line, e.Message)
		if name, ok := strings.CutPrefix(e.Pointer, prefix); ok {
			if f, ok := loanFieldNamed(name); ok {
				e.Column = c.letters[f]
			}
		}
	}
}

func lineProblem(i, line int, msg credit.Text) *credit.FieldError {
	return &credit.FieldError{Pointer: loanPointer("/loans", i, -1), Row: line, Code: CodeInvalidLine,
		Message: atLine(line, msg), Err: ErrPortfolio}
}

// atLine puts the line of a file in front of a message ("Dòng 5: …",
// "Line 5: …"), as the contract asks of the problems of a CSV file.
func atLine(line int, m credit.Text) credit.Text {
	n := strconv.Itoa(line)
	return credit.Text{VI: "Dòng " + n + ": " + m.VI, EN: "Line " + n + ": " + m.EN}
}

var (
	msgLineTooLong = credit.Text{
		VI: "Dòng dài quá " + strconv.Itoa(MaxCSVLine) + " byte; không đọc tiếp tệp.",
		EN: "The line is longer than " + strconv.Itoa(MaxCSVLine) + " bytes; the rest of the file is not read.",
	}
	msgNotCSV = credit.Text{
		VI: "Dòng không đúng định dạng CSV (dấu ngoặc kép không đúng chỗ).",
		EN: "The line is not valid CSV (a misplaced double quote).",
	}
	msgNotUTF8 = credit.Text{
		VI: "Dòng không phải văn bản UTF-8; hãy lưu tệp dạng \"CSV UTF-8\".",
		EN: "The line is not UTF-8 text; save the file as \"CSV UTF-8\".",
	}
)
