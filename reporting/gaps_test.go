package reporting_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// A loan lends at least 1 đồng; what is still owed, and what is overdue,
// may be 0.
func TestPortfolioAmountAtLeastOneDong(t *testing.T) {
	tests := []struct {
		name string
		edit func(l *reporting.Loan)
		want []pfProblem
	}{
		{"amount 1", func(l *reporting.Loan) { l.Amount, l.Outstanding, l.Overdue = 1, 1, 1 }, nil},
		{"amount 0", func(l *reporting.Loan) { l.Amount, l.Outstanding = 0, 0 },
			[]pfProblem{pfP("/loans/0/amount", credit.CodeOutOfRange)}},
		{"amount 0, something outstanding: not also exceeds_amount", func(l *reporting.Loan) { l.Amount = 0 },
			[]pfProblem{pfP("/loans/0/amount", credit.CodeOutOfRange)}},
		{"outstanding 0", func(l *reporting.Loan) { l.Outstanding, l.Overdue = 0, 0 }, nil},
		{"overdue 0", func(l *reporting.Loan) { l.Overdue = 0 }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := pfLoan("L1", tc.edit)
			err := reporting.NewPortfolio(pfAsOf).Add(0, &l)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := pfProblems(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
			var ps credit.Problems
			errors.As(err, &ps)
			if ps[0].Message != credit.MsgAmountPositive {
				t.Errorf("message %+v", ps[0].Message)
			}
			// and the same from a CSV file, at the cell
			_, err = reporting.PortfolioCSV(strings.NewReader(pfCSV([]reporting.Loan{l})), pfAsOf, 0)
			if got := pfLocate(t, err); len(got) != 1 || got[0] != (pfLocated{"/loans/0/amount", 2, "H", credit.CodeOutOfRange}) {
				t.Errorf("from CSV: %v", got)
			}
		})
	}
}

// loan_id and commune_code are text: control characters and damaged text
// are invalid_text at the field, from Go, JSON or a CSV file (at the cell).
func TestPortfolioInvalidText(t *testing.T) {
	tests := []struct {
		name, id, commune string
		want              []pfProblem
	}{
		{"plain", "L-1", "03424", nil},
		{"a NUL in loan_id", "L\x00", "03424", []pfProblem{pfP("/loans/0/loan_id", credit.CodeInvalidText)}},
		{"DEL in commune_code", "L1", "031\x7f", []pfProblem{pfP("/loans/0/commune_code", credit.CodeInvalidText)}},
		{"U+0085 in loan_id", "L\u00851", "03424", []pfProblem{pfP("/loans/0/loan_id", credit.CodeInvalidText)}},
		{"U+FFFD in commune_code", "L1", "0\ufffd", []pfProblem{pfP("/loans/0/commune_code", credit.CodeInvalidText)}},
		{"invalid UTF-8 in loan_id", "L\xff", "03424", []pfProblem{pfP("/loans/0/loan_id", credit.CodeInvalidText)}},
		{"both", "\x1f", "\x01", []pfProblem{pfP("/loans/0/loan_id", credit.CodeInvalidText), pfP("/loans/0/commune_code", credit.CodeInvalidText)}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := pfLoan(tc.id, func(l *reporting.Loan) { l.CommuneCode = tc.commune })
			err := reporting.NewPortfolio(pfAsOf).Add(0, &l)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if got := pfProblems(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("problems %v, want %v", got, tc.want)
			}
		})
	}
}

// From the bank's CSV file: the problem of a damaged cell has its line and
// column, as every problem of a cell; invalid UTF-8 in loan_id or
// commune_code stays a line that is not UTF-8 (invalid_line, "save the
// file as CSV UTF-8"). Tabs around a cell are spaces, trimmed.
func TestPortfolioCSVInvalidText(t *testing.T) {
	line := func(id, commune string) string {
		return id + "," + commune + ",individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n"
	}
	tests := []struct {
		name string
		file string
		want []pfLocated
	}{
		{"plain", pfHeader + line("L1", "03424"), nil},
		{"tabs around a cell", pfHeader + line("\tL1\t", "03424"), nil},
		{"a control character in loan_id", pfHeader + line("L1", "03424") + line("L\x012", "03424"),
			[]pfLocated{{"/loans/1/loan_id", 3, "A", credit.CodeInvalidText}}},
		{"DEL in commune_code", pfHeader + line("L1", "03\x7f99"),
			[]pfLocated{{"/loans/0/commune_code", 2, "B", credit.CodeInvalidText}}},
		{"U+FFFD in commune_code", pfHeader + line("L1", "0\ufffd"),
			[]pfLocated{{"/loans/0/commune_code", 2, "B", credit.CodeInvalidText}}},
		{"a quoted cell holding a NUL", pfHeader + line("\"L\x001\"", "03424"),
			[]pfLocated{{"/loans/0/loan_id", 2, "A", credit.CodeInvalidText}}},
		{"invalid UTF-8: the line", pfHeader + line("L\xff", "03424"),
			[]pfLocated{{"/loans/0", 2, "", reporting.CodeInvalidLine}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := reporting.PortfolioCSV(strings.NewReader(tc.file), pfAsOf, 0)
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else if got := pfLocate(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("PortfolioCSV: %v, want %v", got, tc.want)
			}
			// ReadLoansCSV, which has no book, finds the same problems of
			// the cells.
			err = reporting.ReadLoansCSV(strings.NewReader(tc.file), func(int, *reporting.Loan, int) error { return nil })
			if tc.want == nil {
				if err != nil {
					t.Fatal(err)
				}
			} else if got := pfLocate(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("ReadLoansCSV: %v, want %v", got, tc.want)
			}
		})
	}
}
