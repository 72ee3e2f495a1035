package reporting

// The loan book's reader as it was before csvReader, on encoding/csv: the
// reference the tests compare readLoansCSV with.

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

// lineBound lets a csv.Reader read no further than MaxCSVLine bytes (and
// its read-ahead) past the start of the line it parses (mark, set by the
// caller from InputOffset), so that no line, however malformed, is held
// longer than that.
type lineBound struct {
	r    io.Reader
	off  int64
	mark int64
}

func (b *lineBound) Read(p []byte) (int, error) {
	room := b.mark + MaxCSVLine + csvBuffer - b.off
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

// readLoansCSV reads the file, calls fn for each line that could be split
// into cells (with the problems of its cells) and adds the problems fn
// returns, and those of lines that could not, to pl. It returns an error
// that ends reading: a wrong header, too many lines, fn's error or the
// reader's.
//
// Lines are read csvBatch at a time before fn sees them, and touch, if not
// nil, is called with the loan_id of each line of a batch first: it starts
// loading the memory each will need, all at once, so that the waits for
// memory overlap instead of adding up (see Portfolio.touch).
func readLoansCSVStd(r io.Reader, maxLines int, pl *cappedProblems, book idToucher,
	fn func(i int, l *Loan, line int, read credit.Problems, h uint64) (credit.Problems, error)) error {
	src := &lineBound{r: r}
	br := bufio.NewReaderSize(src, csvBuffer)
	var skip int64
	switch head, err := br.Peek(len(utf8BOM)); {
	case string(head) == utf8BOM:
		skip = int64(len(utf8BOM))
		_, _ = br.Discard(len(utf8BOM))
	case err != nil && err != io.EOF:
		return fmt.Errorf("reporting: reading CSV: %w", err)
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	cols, err := readHeaderStd(cr)
	if err != nil {
		return err
	}
	src.mark = cr.InputOffset() + skip
	var (
		l     Loan
		pe    *csv.ParseError
		line  int
		next  = 2 // the line after the last record read
		cells = make([]string, csvBatch*cols.width)
		batch = make([]pendingLine, 0, csvBatch)
	)
	// flush passes the lines of the batch to fn, in order.
	flush := func() error {
		if book != nil {
			var hs [csvBatch]uint64
			k := 0
			for j := range batch {
				if b := &batch[j]; b.cells != nil {
					b.h = book.hash(trimSpace(b.cells[cols.idx[fLoanID]]))
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
			ps, err := fn(b.i, &l, b.line, cols.read(b.cells, false, b.i, b.line, &l), b.h)
			if err != nil {
				return err
			}
			cols.locate(ps, b.i, b.line)
			pl.add(ps)
		}
		batch = batch[:0]
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
		rec, err := cr.Read()
		if err == io.EOF {
			return flush()
		}
		if maxLines > 0 && i >= maxLines {
			return fmt.Errorf("%w: more than %d loans", ErrTooManyLines, maxLines)
		}
		switch {
		case err == nil:
			line, _ = cr.FieldPos(0)
		case errors.Is(err, errLineTooLong):
			// (next is the line it starts on, unless blank lines came between)
			bad(i, next, msgLineTooLong)
			return flush()
		case errors.As(err, &pe):
			bad(i, pe.StartLine, msgNotCSV)
			src.mark = cr.InputOffset() + skip
			next = pe.Line + 1
			continue
		default:
			return fmt.Errorf("reporting: reading CSV: %w", err)
		}
		end := cr.InputOffset() + skip
		if end-src.mark > MaxCSVLine {
			bad(i, line, msgLineTooLong)
			return flush()
		}
		src.mark = end
		next, _ = cr.FieldPos(len(rec) - 1)
		next++
		switch {
		case len(rec) != cols.width:
			bad(i, line, credit.Text{
				VI: "Dòng có " + strconv.Itoa(len(rec)) + " ô, nhưng dòng tiêu đề có " + strconv.Itoa(cols.width) + " cột.",
				EN: "The line has " + strconv.Itoa(len(rec)) + " cells but the header row " + strconv.Itoa(cols.width) + " columns.",
			})
		case !utf8.ValidString(rec[cols.idx[fLoanID]]) || !utf8.ValidString(rec[cols.idx[fCommuneCode]]):
			bad(i, line, msgNotUTF8)
		default:
			// The strings of rec stay; only the slice is reused.
			c := cells[len(batch)*cols.width : (len(batch)+1)*cols.width]
			copy(c, rec)
			batch = append(batch, pendingLine{i: i, line: line, cells: c})
		}
	}
}

// readHeaderStd reads the header row with cr and finds the columns.
func readHeaderStd(cr *csv.Reader) (*loanColumns, error) {
	rec, err := cr.Read()
	if err == nil && cr.InputOffset() > MaxCSVLine {
		err = errLineTooLong
	}
	return readHeader(rec, err)
}
