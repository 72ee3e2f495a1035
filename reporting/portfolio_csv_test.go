package reporting_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

const pfHeader = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n"

func pfOpen(t *testing.T, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "portfolio", name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestPortfolioCSVWorkedFiles(t *testing.T) {
	want := pfReadJSON(t, "contract_report.json")
	for _, name := range []string{
		"contract.csv",
		// BOM, CRLF, columns in reverse order, headings with spaces and
		// capitals, a quoted cell, a blank line
		"contract_reordered_bom.csv",
	} {
		t.Run(name, func(t *testing.T) {
			r, err := reporting.PortfolioCSV(pfOpen(t, name), pfAsOf, 10)
			if err != nil {
				t.Fatal(err)
			}
			if got := pfJSON(t, r); !reflect.DeepEqual(got, want) {
				t.Errorf("report differs from contract_report.json:\n%s", pfMarshal(t, pfAPIReport(r)))
			}
			fromLoans, _ := reporting.Build(pfAsOf, pfLoans(pfContractLoans()...))
			if !reflect.DeepEqual(r, fromLoans) {
				t.Errorf("report from CSV %+v\nfrom loans %+v", r, fromLoans)
			}
		})
	}
}

// pfLocated is a problem with its cell.
type pfLocated struct {
	Pointer string `json:"pointer"`
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Code    string `json:"code"`
}

func pfLocate(t *testing.T, err error) []pfLocated {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	out := make([]pfLocated, len(ps))
	for i, e := range ps {
		out[i] = pfLocated{e.Pointer, e.Row, e.Column, e.Code}
		if !errors.Is(e, credit.ErrInvalid) || e.Message.VI == "" || e.Message.EN == "" {
			t.Errorf("problem %v: not ErrInvalid, or no message", e)
		}
	}
	return out
}

// TestPortfolioCSVProblems: every problem of the contract's list (and of
// reading cells) in one file, each at its loan, line and column.
func TestPortfolioCSVProblems(t *testing.T) {
	var want struct {
		Errors []pfLocated `json:"errors"`
	}
	b, err := os.ReadFile(filepath.Join("testdata", "portfolio", "problems.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	r, err := reporting.PortfolioCSV(pfOpen(t, "problems.csv"), pfAsOf, 0)
	if got := pfLocate(t, err); !reflect.DeepEqual(got, want.Errors) {
		t.Errorf("problems\ngot  %+v\nwant %+v", got, want.Errors)
	}
	if !reflect.DeepEqual(r, reporting.Report{}) {
		t.Errorf("a report with the error: %+v", r)
	}
}

func TestPortfolioCSV(t *testing.T) {
	good := func(id string) string {
		return id + ",03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n"
	}
	for _, tc := range []struct {
		name string
		file string
		max  int
		want []pfLocated
	}{
		{"header only", pfHeader, 0, nil},
		{"no final line end", pfHeader + strings.TrimSuffix(good("A"), "\n"), 0, nil},
		{"spaces around cells", pfHeader + " A , 03424 ,individual,production,central,farmers_union, 2024-01-10 ,100000000, 80000000,0 , 1 \n", 0, nil},
		{"as many lines as allowed", pfHeader + good("A") + good("B"), 2, nil},
		{"truncated line", pfHeader + good("A") + "B,03424,individual,production,central\n" + good("C"), 0,
			[]pfLocated{{"/loans/1", 3, "", reporting.CodeInvalidLine}}},
		{"a line with a cell too many", pfHeader + strings.TrimSuffix(good("A"), "\n") + ",x\n", 0,
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}}},
		{"duplicate loan_id", pfHeader + good("A") + good("B") + good("A"), 0,
			[]pfLocated{{"/loans/2/loan_id", 4, "A", reporting.CodeDuplicateLoanID}}},
		{"a bare quote, and reading goes on", pfHeader + `A,03"199,individual,production,central,farmers_union,2024-01-10,1,1,0,1` + "\n" +
			good("B") + strings.Replace(good("C"), "80000000", "100000001", 1), 0,
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}, {"/loans/2/outstanding", 4, "I", reporting.CodeExceedsAmount}}},
		{"a quoted cell over two lines", pfHeader + `"A` + "\n" + `B",03424,individual,production,central,farmers_union,2024-01-10,1,1,0,1` + "\n" +
			strings.Replace(good("C"), "individual", "x", 1), 0,
			[]pfLocated{{"/loans/1/borrower_kind", 4, "C", credit.CodeInvalidEnum}}},
		{"an unterminated quote", pfHeader + good("A") + `"B,03424` + "\n" + good("C"), 0,
			[]pfLocated{{"/loans/1", 3, "", reporting.CodeInvalidLine}}},
		{"not UTF-8", pfHeader + good("A\xff") + good("B"), 0,
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}}},
		{"blank cells", pfHeader + ",,,,,,,,,,\n", 0,
			[]pfLocated{{"/loans/0/loan_id", 2, "A", "required"}, {"/loans/0/commune_code", 2, "B", "required"},
				{"/loans/0/borrower_kind", 2, "C", "required"}, {"/loans/0/purpose", 2, "D", "required"},
				{"/loans/0/capital_source", 2, "E", "required"}, {"/loans/0/channel", 2, "F", "required"},
				{"/loans/0/disbursed_on", 2, "G", "required"}, {"/loans/0/amount", 2, "H", "required"},
				{"/loans/0/outstanding", 2, "I", "required"}, {"/loans/0/overdue", 2, "J", "required"},
				{"/loans/0/jobs", 2, "K", "required"}}},
		{"bad cells by line", pfHeader + good("A") +
			strings.Replace(good("B"), "2024-01-10", "10/01/2024", 1) +
			strings.Replace(good("C"), "100000000", "100.000.000", 1) +
			strings.Replace(good("D"), ",1\n", ",+1\n", 1) +
			strings.Replace(good("E"), ",0,", ",1.5,", 1) +
			strings.Replace(good("F"), "production", "Production", 1), 0,
			[]pfLocated{{"/loans/1/disbursed_on", 3, "G", credit.CodeInvalidDate},
				{"/loans/2/amount", 4, "H", credit.CodeNotInteger},
				{"/loans/3/jobs", 5, "K", credit.CodeNotInteger},
				{"/loans/4/overdue", 6, "J", credit.CodeNotInteger},
				{"/loans/5/purpose", 7, "D", credit.CodeInvalidEnum}}},
		{"unreadable amount is not also exceeded", pfHeader + strings.Replace(good("A"), "100000000", "x", 1), 0,
			[]pfLocated{{"/loans/0/amount", 2, "H", credit.CodeNotInteger}}},
		{"a line too long stops reading", pfHeader + good("A") + strings.Repeat("x", reporting.MaxCSVLine+1) + "\n" +
			strings.Replace(good("A"), "individual", "x", 1), 0,
			[]pfLocated{{"/loans/1", 3, "", reporting.CodeInvalidLine}}},
		{"a very long line", pfHeader + strings.Repeat("x", 10*reporting.MaxCSVLine) + good("A"), 0,
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}}},
		{"a long quoted cell", pfHeader + `"` + strings.Repeat("x\n", reporting.MaxCSVLine) + `"` + good("A"), 0,
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := reporting.PortfolioCSV(strings.NewReader(tc.file), pfAsOf, tc.max)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if got := pfLocate(t, err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems\ngot  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestPortfolioCSVTooManyLines(t *testing.T) {
	file := pfHeader + pfCSVLine(pfLoan("A")) + "\n" + pfCSVLine(pfLoan("B")) + "\n" + "x\n"
	_, err := reporting.PortfolioCSV(strings.NewReader(file), pfAsOf, 2)
	if !errors.Is(err, reporting.ErrTooManyLines) || !strings.Contains(err.Error(), "more than 2 loans") {
		t.Errorf("error %v, want ErrTooManyLines", err)
	}
	if _, err := reporting.PortfolioCSV(strings.NewReader(file), pfAsOf, 3); errors.Is(err, reporting.ErrTooManyLines) || err == nil {
		t.Errorf("error %v, want the third line's problem", err)
	}
}

func TestPortfolioCSVTooManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString(pfHeader)
	for range reporting.MaxProblems + 500 {
		b.WriteString("x\n")
	}
	_, err := reporting.PortfolioCSV(strings.NewReader(b.String()), pfAsOf, 0)
	got := pfLocate(t, err)
	if len(got) != reporting.MaxProblems+1 {
		t.Fatalf("%d problems", len(got))
	}
	if last := got[len(got)-1]; last != (pfLocated{"/loans", 0, "", reporting.CodeTooManyProblems}) {
		t.Errorf("last problem %+v", last)
	}
	if got[reporting.MaxProblems-1] != (pfLocated{"/loans/999", 1001, "", reporting.CodeInvalidLine}) {
		t.Errorf("last listed problem %+v", got[reporting.MaxProblems-1])
	}
	// Beyond the cap, a file with too many lines is still too many.
	_, err = reporting.PortfolioCSV(strings.NewReader(b.String()), pfAsOf, reporting.MaxProblems+100)
	if !errors.Is(err, reporting.ErrTooManyLines) {
		t.Errorf("error %v, want ErrTooManyLines", err)
	}
}

func TestPortfolioCSVAsOf(t *testing.T) {
	_, err := reporting.PortfolioCSV(strings.NewReader(pfHeader), credit.Date{}, 0)
	if got := pfLocate(t, err); !reflect.DeepEqual(got, []pfLocated{{"/as_of", 0, "", credit.CodeRequired}}) {
		t.Errorf("problems %+v", got)
	}
}

func TestPortfolioCSVHeader(t *testing.T) {
	row := "\nA,03424,individual,production,central,farmers_union,2024-01-10,1,1,0,1\n"
	for _, tc := range []struct {
		name, file string
		says       []string
	}{
		{"empty file", "", []string{"empty"}},
		{"only a BOM", "\ufeff", []string{"empty"}},
		{"only blank lines", "\n\r\n\n", []string{"empty"}},
		{"missing column", strings.TrimSuffix(pfHeader, ",jobs\n") + "\nA,03424,individual,production,central,farmers_union,2024-01-10,1,1,0\n",
			[]string{"missing jobs"}},
		{"missing columns", "loan_id,amount\nA,1\n", []string{"missing commune_code, borrower_kind, purpose, capital_source, channel, disbursed_on, outstanding, overdue, jobs"}},
		{"unknown column", strings.TrimSuffix(pfHeader, "\n") + ",borrower_name" + row, []string{`column L "borrower_name" is not a loan field`}},
		{"misspelt column", strings.Replace(pfHeader, "amount", "amout", 1) + row,
			[]string{`column H "amout" is not a loan field`, "missing amount"}},
		{"repeated column", strings.Replace(pfHeader, "jobs", "amount", 1) + row,
			[]string{"columns H and K both name amount", "missing jobs"}},
		{"blank column", strings.Replace(pfHeader, ",jobs", ",,jobs", 1) + row, []string{"column K has no name"}},
		{"no header row: data first", row[1:] + row[1:], []string{`column A "A" is not a loan field`, "column B is not a loan field", "missing"}},
		{"semicolons", strings.ReplaceAll(pfHeader, ",", ";") + row, []string{"not semicolons"}},
		{"UTF-16", "\xff\xfel\x00o\x00a\x00n\x00", []string{"is not a loan field"}},
		{"broken quoting", `"loan_id"x,amount` + "\n", []string{"not CSV"}},
		{"a header too long", strings.Repeat("a", reporting.MaxCSVLine+1) + "\n", []string{"longer than"}},
		{"a header much too long", strings.Repeat("a", 10*reporting.MaxCSVLine) + "\n", []string{"longer than"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := reporting.PortfolioCSV(strings.NewReader(tc.file), pfAsOf, 0)
			if !errors.Is(err, reporting.ErrCSVHeader) {
				t.Fatalf("error %v, want ErrCSVHeader", err)
			}
			for _, s := range tc.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if errors.Is(err, credit.ErrInvalid) {
				t.Errorf("error %v is a problem list too", err)
			}
		})
	}
}

func TestPortfolioCSVReaderError(t *testing.T) {
	boom := errors.New("boom")
	r := io.MultiReader(strings.NewReader(pfHeader+pfCSVLine(pfLoan("A"))+"\n"), iotest.ErrReader(boom))
	if _, err := reporting.PortfolioCSV(r, pfAsOf, 0); !errors.Is(err, boom) {
		t.Errorf("error %v, want the reader's", err)
	}
	if _, err := reporting.PortfolioCSV(iotest.ErrReader(boom), pfAsOf, 0); !errors.Is(err, boom) {
		t.Errorf("error %v, want the reader's", err)
	}
	// A reader that gives one byte at a time reads the same.
	want, _ := reporting.PortfolioCSV(pfOpen(t, "contract_reordered_bom.csv"), pfAsOf, 0)
	got, err := reporting.PortfolioCSV(iotest.OneByteReader(pfOpen(t, "contract_reordered_bom.csv")), pfAsOf, 0)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("one byte at a time: %+v, %v", got, err)
	}
}

func TestReadLoansCSV(t *testing.T) {
	file := pfHeader +
		pfCSVLine(pfLoan("A")) + "\n" +
		"\n" + // a blank line is no loan
		pfCSVLine(pfLoan("B", func(l *reporting.Loan) { l.Amount = 1 })) + "\n" + // Add's problem: not ReadLoansCSV's
		"C,03424,x,production,central,direct,2024-01-10,1,1,0,1\n" + // a cell: not passed to each
		pfCSVLine(pfLoan("D")) + "\n" +
		pfCSVLine(pfLoan("A")) + "\n" // no duplicates check
	type seen struct {
		i, line int
		id      string
	}
	var got []seen
	var kept []*reporting.Loan
	err := reporting.ReadLoansCSV(strings.NewReader(file), func(i int, l *reporting.Loan, line int) error {
		got = append(got, seen{i, line, l.ID})
		kept = append(kept, l)
		if l.ID == "D" {
			return credit.Problems{{Pointer: "/loans/" + strconv.Itoa(i) + "/jobs", Code: "mine", Message: credit.MsgRequired}}
		}
		return nil
	})
	want := []seen{{0, 2, "A"}, {1, 4, "B"}, {3, 6, "D"}, {4, 7, "A"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("each saw %+v, want %+v", got, want)
	}
	if kept[0] != kept[1] {
		t.Errorf("the loan is not reused")
	}
	if got, want := pfLocate(t, err), []pfLocated{{"/loans/2/borrower_kind", 5, "C", credit.CodeInvalidEnum},
		{"/loans/3/jobs", 6, "K", "mine"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems %+v, want %+v", got, want)
	}

	// Another error of each stops reading and is returned.
	stop := errors.New("stop")
	n := 0
	err = reporting.ReadLoansCSV(strings.NewReader(file), func(int, *reporting.Loan, int) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("error %v after %d loans, want stop after 1", err, n)
	}
}

// FuzzReadLoansCSV: any bytes give loans or an error, never a panic, and
// the error is well formed: a credit.Problems (every problem at a loan, on
// a line after the header, ErrInvalid), or wrapping ErrCSVHeader or
// ErrTooManyLines. A file that reads without problems gives the report of
// the loans each saw. The seeds are the worked files of testdata/portfolio
// and those of testdata/fuzz/FuzzReadLoansCSV.
func FuzzReadLoansCSV(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "portfolio", "*.csv"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	const max = 20
	f.Fuzz(func(t *testing.T, data []byte) {
		var loans []reporting.Loan
		lines := 0
		err := reporting.ReadLoansCSV(bytes.NewReader(data), func(i int, l *reporting.Loan, line int) error {
			if i < len(loans) || line <= lines || line < 2 {
				t.Fatalf("loan %d on line %d after %d loans, line %d", i, line, len(loans), lines)
			}
			lines = line
			for len(loans) < i {
				loans = append(loans, reporting.Loan{}) // lines with problems
			}
			loans = append(loans, *l)
			return nil
		})
		pfFuzzError(t, err)

		r, err := reporting.PortfolioCSV(bytes.NewReader(data), pfAsOf, max)
		pfFuzzError(t, err)
		if err != nil {
			if !reflect.DeepEqual(r, reporting.Report{}) {
				t.Fatalf("a report with error %v", err)
			}
			return
		}
		if len(loans) > max {
			t.Fatalf("%d loans read, more than %d", len(loans), max)
		}
		want, err := reporting.Build(pfAsOf, pfLoans(loans...))
		if err != nil {
			t.Fatalf("PortfolioCSV found no problem, Build of the loans read %v", err)
		}
		if !reflect.DeepEqual(r, want) {
			t.Fatalf("PortfolioCSV %+v\nBuild %+v", r, want)
		}
	})
}

func pfFuzzError(t *testing.T, err error) {
	t.Helper()
	var ps credit.Problems
	switch {
	case err == nil:
	case errors.As(err, &ps):
		if len(ps) == 0 || len(ps) > reporting.MaxProblems+1 {
			t.Fatalf("%d problems", len(ps))
		}
		for _, p := range ps {
			if p.Code == reporting.CodeTooManyProblems {
				continue
			}
			if !strings.HasPrefix(p.Pointer, "/loans/") || p.Row < 2 || !errors.Is(p, credit.ErrInvalid) {
				t.Fatalf("problem %v not at a loan and a line", p)
			}
			if (p.Column == "") != (strings.Count(p.Pointer, "/") == 2) {
				t.Fatalf("problem %v: a column for the line, or none for a cell", p)
			}
		}
	case errors.Is(err, reporting.ErrCSVHeader), errors.Is(err, reporting.ErrTooManyLines):
	default:
		t.Fatalf("unexpected error %v", err)
	}
}
