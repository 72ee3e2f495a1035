package reporting

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
)

// csvCase is a CSV file the two readers must read alike.
type csvCase struct {
	name string
	data string
}

const csvHead = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n"

// csvLoan is a good line of a loan.
func csvLoan(id string) string {
	return id + ",00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,1\n"
}

var csvCases = []csvCase{
	{"empty", ""},
	{"header only", csvHead},
	{"plain", csvHead + csvLoan("A1") + csvLoan("A2")},
	{"no final line break", csvHead + strings.TrimSuffix(csvLoan("A1"), "\n")},
	{"CRLF", strings.ReplaceAll(csvHead+csvLoan("A1")+csvLoan("A2"), "\n", "\r\n")},
	{"CR at the end", csvHead + strings.TrimSuffix(csvLoan("A1"), "\n") + "\r"},
	{"lone CR inside", csvHead + "A\r1" + csvLoan("")[0:] + "x\r,1\n"},
	{"BOM", "\ufeff" + csvHead + csvLoan("A1")},
	{"BOM only", "\ufeff"},
	{"half a BOM", "\xef\xbb"},
	{"blank lines", csvHead + "\n\n" + csvLoan("A1") + "\r\n\n" + csvLoan("A2") + "\n"},
	{"quoted cells", csvHead + `"A1","00100",individual,"production",central,farmers_union,"2024-01-15",50000000,"40000000",0,"1"` + "\n"},
	{"quoted header", `"loan_id","commune_code",borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,"jobs"` + "\n" + csvLoan("A1")},
	{"embedded quotes", csvHead + `"A""1","0""0100",individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,""""` + "\n" + csvLoan("A2")},
	{"quoted comma", csvHead + `"A,1",00100,individual,production,central,farmers_union,2024-01-15,"50,000",40000000,0,1` + "\n"},
	{"quoted line break", csvHead + "\"A\n1\",00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,\"1\r\n\"\n" + csvLoan("A2")},
	{"quoted line breaks, last cell", csvHead + "A1,00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,\"\n\n1\n\"\n" + csvLoan("A2") + strings.Repeat("x", 5000) + "\n"},
	{"empty quoted", csvHead + `"",00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,""` + "\n"},
	{"bare quote", csvHead + `A"1,00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,1` + "\n" + csvLoan("A2")},
	{"quote after a quoted cell", csvHead + `"A1"x,00100` + "\n" + csvLoan("A2")},
	{"unclosed quote", csvHead + csvLoan("A1") + `"A2,00100,individual` + "\n" + csvLoan("A3")},
	{"unclosed quote at the end", csvHead + csvLoan("A1") + `"A2`},
	{"unclosed quote, CR at the end", csvHead + csvLoan("A1") + "\"A2\r"},
	{"quote in the header", `loan"id,commune_code` + "\n"},
	{"unclosed quote in the header", `"loan_id,commune_code` + "\n"},
	{"wrong number of cells", csvHead + "A1,00100\n" + csvLoan("A2") + "A3,00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,1,extra\n"},
	{"not UTF-8", csvHead + csvLoan("A\xff1") + "A2,00\xc0,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,1\n" + csvLoan("A3")},
	{"bad cells", csvHead + "A1,,elephant,production,central,farmers_union,2024-13-15,-5,x,0,1000001\n" + csvLoan("A1")},
	{"spaces", csvHead + " A1 , 00100 ,individual,production,central,farmers_union, 2024-01-15 ,50000000,40000000,0, 1 \n"},
	{"semicolons", strings.ReplaceAll(csvHead, ",", ";")},
	{"long header", strings.Repeat("x", MaxCSVLine) + "," + csvHead},
	{"very long header", strings.Repeat("x", 30000) + "\n"},
	{"long line", csvHead + csvLoan("A1") + csvLoan(strings.Repeat("x", MaxCSVLine)) + csvLoan("A3")},
	{"very long line", csvHead + csvLoan("A1") + csvLoan(strings.Repeat("x", 40000)) + csvLoan("A3")},
	{"very long line without a break", csvHead + csvLoan("A1") + strings.Repeat("x", 40000)},
	{"line ending at the bound", csvHead + csvLoan("A1") + strings.Repeat("x", MaxCSVLine+csvBuffer-1)},
	{"line ending past the bound", csvHead + csvLoan("A1") + strings.Repeat("x", MaxCSVLine+csvBuffer)},
	{"long line after blank lines", csvHead + csvLoan("A1") + strings.Repeat("\n", 3000) + csvLoan(strings.Repeat("x", 3000))},
	{"long quoted line", csvHead + csvLoan("A1") + "\"" + strings.Repeat("x\n", 3000) + "\"" + csvLoan("")},
	{"very long quoted line", csvHead + csvLoan("A1") + "\"" + strings.Repeat("x\n", 30000) + "\"" + csvLoan("")},
	{"bare quote in a very long line", csvHead + csvLoan("A1") + "x\"" + strings.Repeat("y", 30000) + "\n" + csvLoan("A3")},
	{"bare quote past the bound", csvHead + csvLoan("A1") + strings.Repeat("y", 30000) + "\"\n" + csvLoan("A3")},
	{"unclosed quote to the bound", csvHead + csvLoan("A1") + "\"" + strings.Repeat("y", 30000) + "\n" + csvLoan("A3")},
	{"many lines", csvHead + strings.Repeat(csvLoan("A1"), 3) + func() string {
		var b strings.Builder
		for i := range 3000 {
			fmt.Fprintf(&b, "%s", csvLoan(fmt.Sprint("L", i)))
			if i%700 == 0 {
				b.WriteString(`"Q` + fmt.Sprint(i) + "\n\",00100,individual,production,central,farmers_union,2024-01-15,50000000,40000000,0,1\n")
			}
		}
		return b.String()
	}()},
}

// TestCSVReader: csvReader reads what encoding/csv's Reader reads through
// lineBound, as readLoansCSV read the file before: the same records, the
// same errors at the same lines, the same lines of the first and last
// fields and the same offsets.
func TestCSVReader(t *testing.T) {
	for _, tc := range csvCases {
		t.Run(tc.name, func(t *testing.T) { csvCompareRecords(t, []byte(tc.data)) })
	}
}

// TestReadLoansCSVAsBefore: readLoansCSV passes the same loans, with the
// same problems, on the same lines, and ends with the same error, as the
// reader on encoding/csv did; PortfolioCSV gives the same report or
// problems.
func TestReadLoansCSVAsBefore(t *testing.T) {
	for _, tc := range csvCases {
		t.Run(tc.name, func(t *testing.T) { csvCompareLoans(t, []byte(tc.data)) })
	}
}

// TestCSVReaderSmallReads: a source that gives a few bytes at a time, or
// its last bytes with io.EOF, or fails, is read as encoding/csv reads it.
func TestCSVReaderSmallReads(t *testing.T) {
	data := []byte(csvCases[len(csvCases)-1].data)
	for _, n := range []int{1, 2, 3, 7, 100, 5000} {
		a := csvRecords(func() io.Reader { return &oneByOne{data: data, n: n} }, true)
		b := csvRecords(func() io.Reader { return &oneByOne{data: data, n: n} }, false)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("reads of %d bytes: encoding/csv %v, csvReader %v", n, a[len(a)-1], b[len(b)-1])
		}
	}
	fail := errors.New("broken")
	for _, at := range []int{0, 2, 3, 200, 1000} {
		mk := func() io.Reader {
			return io.MultiReader(bytes.NewReader(data[:at]), &failing{err: fail})
		}
		a, b := csvRecords(mk, true), csvRecords(mk, false)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("failing after %d bytes: encoding/csv %v, csvReader %v", at, a, b)
		}
		ea := readLoansCSVStd(mk(), 0, &cappedProblems{}, nil, csvNoLoan)
		eb := readLoansCSV(mk(), 0, &cappedProblems{}, nil, csvNoLoan)
		if !errors.Is(ea, fail) || !errors.Is(eb, fail) || ea.Error() != eb.Error() {
			t.Fatalf("failing after %d bytes: before %v, now %v", at, ea, eb)
		}
	}
}

func csvNoLoan(int, *Loan, int, credit.Problems, uint64) (credit.Problems, error) { return nil, nil }

type oneByOne struct {
	data []byte
	n    int
}

func (r *oneByOne) Read(p []byte) (int, error) {
	n := copy(p[:min(len(p), r.n)], r.data)
	r.data = r.data[n:]
	if len(r.data) == 0 {
		return n, io.EOF // the last bytes with io.EOF
	}
	return n, nil
}

type failing struct{ err error }

func (r *failing) Read([]byte) (int, error) { return 0, r.err }

// FuzzCSVReader: any bytes are read alike by csvReader and by
// encoding/csv (through lineBound, as readLoansCSV read them before), and
// readLoansCSV and PortfolioCSV give what they gave on encoding/csv. The
// seeds are csvCases, the worked files of testdata/portfolio and those of
// testdata/fuzz/FuzzCSVReader.
func FuzzCSVReader(f *testing.F) {
	for _, tc := range csvCases {
		if len(tc.data) < 10000 {
			f.Add([]byte(tc.data))
		}
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "portfolio", "*.csv"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		csvCompareRecords(t, data)
		csvCompareLoans(t, data)
	})
}

// csvCompareRecords compares the records of data read by both readers.
func csvCompareRecords(t *testing.T, data []byte) {
	t.Helper()
	src := func() io.Reader { return bytes.NewReader(data) }
	a, b := csvRecords(src, true), csvRecords(src, false)
	for j := range max(len(a), len(b)) {
		if j >= len(a) || j >= len(b) || a[j] != b[j] {
			t.Fatalf("read %d:\nencoding/csv %s\ncsvReader    %s", j, at(a, j), at(b, j))
		}
	}
}

func at(s []string, j int) string {
	if j < len(s) {
		return s[j]
	}
	return "(nothing)"
}

// csvRecords reads the records of the source as readLoansCSV does, the
// bound on a line moved after each record, with encoding/csv through
// lineBound (std) or with csvReader, and describes each: its fields, the
// lines of its first and last fields and the offset after it; or its
// error.
func csvRecords(source func() io.Reader, std bool) []string {
	var (
		out   []string
		skip  int64
		read  func() ([]string, error)
		lines func(rec []string) (first, last int)
		off   func() int64
		mark  func(int64)
	)
	if std {
		src := &lineBound{r: source()}
		br := bufio.NewReaderSize(src, csvBuffer)
		head, err := br.Peek(len(utf8BOM))
		if string(head) == utf8BOM {
			skip = 3
			_, _ = br.Discard(3)
		} else if err != nil && err != io.EOF {
			return append(out, "peek: "+err.Error())
		}
		cr := csv.NewReader(br)
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		read = cr.Read
		lines = func(rec []string) (int, int) {
			first, _ := cr.FieldPos(0)
			last, _ := cr.FieldPos(len(rec) - 1)
			return first, last
		}
		off = func() int64 { return cr.InputOffset() + skip }
		mark = func(m int64) { src.mark = m }
	} else {
		cr := newCSVReader(source())
		head, err := cr.peek(len(utf8BOM))
		if head == utf8BOM {
			skip = 3
			cr.discard(3)
		} else if err != nil && err != io.EOF {
			return append(out, "peek: "+err.Error())
		}
		read = func() ([]string, error) { return cr.readRecord(nil) }
		lines = func([]string) (int, int) { return cr.recLine, cr.lastLine }
		off = cr.offset
		mark = func(m int64) { cr.limit = m + MaxCSVLine + csvBuffer }
	}
	for range 100_000 {
		rec, err := read()
		var pe *csv.ParseError
		switch {
		case err == nil:
			first, last := lines(rec)
			out = append(out, fmt.Sprintf("%q lines %d-%d, offset %d", rec, first, last, off()))
			mark(off())
		case errors.As(err, &pe):
			out = append(out, fmt.Sprintf("%v at lines %d-%d, offset %d", pe.Err, pe.StartLine, pe.Line, off()))
			mark(off())
		default:
			return append(out, fmt.Sprintf("error %v, offset %d", err, off()))
		}
	}
	return out
}

// csvCompareLoans compares what readLoansCSV (and PortfolioCSV) give with
// what they gave on encoding/csv.
func csvCompareLoans(t *testing.T, data []byte) {
	t.Helper()
	for _, max := range []int{0, 3} {
		a, b := csvLoans(data, max, readLoansCSVStd), csvLoans(data, max, readLoansCSV)
		for j := range len(a) {
			if j >= len(b) || a[j] != b[j] {
				t.Fatalf("at most %d lines, at %d:\nbefore %s\nnow    %s", max, j, a[j], at(b, j))
			}
		}
		if len(b) > len(a) {
			t.Fatalf("at most %d lines: now also %s", max, b[len(a)])
		}
	}
}

type loansReader func(r io.Reader, maxLines int, pl *cappedProblems, book idToucher,
	fn func(i int, l *Loan, line int, read credit.Problems, h uint64) (credit.Problems, error)) error

// csvLoans describes what each passes and the problems and error, read
// by read as ReadLoansCSV and then as PortfolioCSV reads.
func csvLoans(data []byte, maxLines int, read loansReader) []string {
	var out []string
	pl := cappedProblems{at: "/loans"}
	err := read(bytes.NewReader(data), maxLines, &pl, nil, func(i int, l *Loan, line int, ps credit.Problems, _ uint64) (credit.Problems, error) {
		out = append(out, fmt.Sprintf("loan %d line %d %+v %s", i, line, *l, csvProblems(ps)))
		if l.ID == "stop" {
			return nil, errors.New("stop")
		}
		return ps, nil
	})
	out = append(out, fmt.Sprintf("error %v; %s", err, csvProblems(pl.err())))

	p := NewPortfolio(pfAsOfInternal)
	pl = cappedProblems{at: "/loans"}
	err = read(bytes.NewReader(data), maxLines, &pl, p, func(i int, l *Loan, _ int, ps credit.Problems, h uint64) (credit.Problems, error) {
		return p.addHashed(i, l, ps, h), nil
	})
	return append(out, fmt.Sprintf("portfolio: error %v; %s; %+v", err, csvProblems(pl.err()), p.Report()))
}

var pfAsOfInternal = credit.MustDate(2026, 9, 30)

func csvProblems(err error) string {
	var ps credit.Problems
	if !errors.As(err, &ps) {
		return fmt.Sprint(err)
	}
	var b strings.Builder
	for _, e := range ps {
		fmt.Fprintf(&b, "[%s row %d col %q %s %q %v] ", e.Pointer, e.Row, e.Column, e.Code, e.Message.EN, e.Err)
	}
	return b.String()
}
