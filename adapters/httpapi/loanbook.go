package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
)

// VBSP's loan book loaded into the store: POST /v1/loans/import?as_of=DATE
// takes the bank's loan-book export — the CSV file POST
// /v1/reports/portfolio reads, one loan a line — and keeps each loan, by
// its loan_id, with what it owed on as_of. The file is read as a stream
// and checked whole before anything is written: the loan book's rules
// (those of POST /v1/reports/portfolio), each commune in the store's
// catalogue and in the officer's scope, each loan disbursed by as_of, and
// each loan already stored described the same way. Every problem at once
// (422, with the line and column of its cell), or every loan kept in one
// transaction. Loading the same file again changes nothing (idempotent by
// loan_id: no Idempotency-Key is needed, and none is read); a later day's
// file adds each loan's position on that day. The loans take no payment
// here: the bank keeps their repayments, and its next export brings them.
// GET /v1/reports/portfolio counts each such loan at its latest position
// on or before the report's day.

// codeAfterAsOf is the problem of a loan disbursed after the day of its
// book; beside it a loan-book import has the loan book's codes,
// forms.CodeUnknownCommune and out_of_scope (a commune the officer does
// not serve). Stable.
const codeAfterAsOf = "after_as_of"

var (
	msgImportOutOfScope = credit.Text{
		VI: "Xã này không thuộc các xã mà cán bộ phục vụ: không nạp được khoản vay của xã này.",
		EN: "This commune is not one the officer serves: its loans cannot be loaded.",
	}
	msgImportAfterAsOf = credit.Text{
		VI: "Khoản vay giải ngân sau ngày của sổ (as_of).",
		EN: "The loan was disbursed after the day of the loan book (as_of).",
	}
)

// loanImportAnswer is the answer of POST /v1/loans/import.
type loanImportAnswer struct {
	ID         int64       `json:"id"`
	AsOf       credit.Date `json:"as_of"`
	Loans      int         `json:"loans"`
	Created    int         `json:"created"`
	Positions  int         `json:"positions"`
	Unchanged  int         `json:"unchanged"`
	ImportedBy int64       `json:"imported_by"`
	At         time.Time   `json:"at"`
}

// importLoans handles POST /v1/loans/import?as_of=DATE (text/csv).
func (s *server) importLoans(w http.ResponseWriter, r *http.Request) {
	var rd reader
	asOf := rd.date(queryValue(r, "as_of"), "/as_of", true)
	if len(rd.problems) > 0 {
		s.writeError(w, r, rd.problems)
		return
	}
	scope, ok := listScope(r, access.LoanImport)
	if !ok {
		s.writeError(w, r, errForbidden)
		return
	}
	cat, err := s.records.Communes(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	book := reporting.NewPortfolio(asOf) // the loan book's rules, a loan_id once
	var (
		loans []records.BookedLoan
		lines []int32 // the line of each loan, for the store's problems
		n     int
	)
	err = reporting.ReadLoansCSV(r.Body, func(i int, l *reporting.Loan, line int) error {
		if n++; n > MaxPortfolioLines {
			return fmt.Errorf("httpapi: %w", reporting.ErrTooManyLines)
		}
		var ps credit.Problems
		if err := book.Add(i, l); err != nil && !errors.As(err, &ps) {
			return err
		}
		at := "/loans/" + strconv.Itoa(i) + "/"
		if l.DisbursedOn.After(asOf) {
			ps = append(ps, &credit.FieldError{Pointer: at + "disbursed_on", Code: codeAfterAsOf, Message: msgImportAfterAsOf})
		}
		c, known := cat.Commune(l.CommuneCode)
		switch {
		case !known:
			ps = append(ps, &credit.FieldError{Pointer: at + "commune_code", Code: forms.CodeUnknownCommune, Message: msgUnknownCommune})
		case !scope.Holds(access.Resource{Commune: c.Code, Province: c.ProvinceCode}):
			ps = append(ps, &credit.FieldError{Pointer: at + "commune_code", Code: codeOutOfScope, Message: msgImportOutOfScope})
		}
		if len(ps) > 0 {
			return ps
		}
		loans = append(loans, records.BookedLoan{LoanID: l.ID, Commune: c.Code, Province: c.ProvinceCode,
			BorrowerKind: l.BorrowerKind.String(), Purpose: l.Purpose.String(), CapitalSource: l.CapitalSource.String(),
			Channel: l.Channel.String(), DisbursedOn: l.DisbursedOn, Amount: l.Amount,
			Position: records.Position{AsOf: asOf, Outstanding: l.Outstanding, Overdue: l.Overdue, Jobs: l.Jobs}})
		lines = append(lines, int32(line))
		return nil
	})
	if errors.Is(err, reporting.ErrCSVHeader) {
		err = csvHeaderProblem("", err)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	imp, err := s.records.ImportLoans(r.Context(), actor(r), asOf, slices.All(loans))
	var ps credit.Problems
	if errors.As(err, &ps) {
		for _, p := range ps { // the lines of the loans the store found at odds with it
			if i, ok := loanIndex(p.Pointer); ok && i < len(lines) {
				p.Row = int(lines[i])
			}
		}
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, loanImportAnswer{ID: imp.ID, AsOf: imp.AsOf, Loans: imp.Loans, Created: imp.Created,
		Positions: imp.Positions, Unchanged: imp.Loans - imp.Positions, ImportedBy: imp.ImportedBy, At: imp.At.UTC()})
}

// loanIndex reads i of a pointer /loans/i/….
func loanIndex(ptr string) (int, bool) {
	const prefix = "/loans/"
	if len(ptr) <= len(prefix) || ptr[:len(prefix)] != prefix {
		return 0, false
	}
	rest := ptr[len(prefix):]
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	i, err := strconv.Atoi(rest[:end])
	return i, err == nil
}

// importedBook is what the portfolio from the store took of the loans
// loaded from VBSP's book: how many it counted, the days of the positions
// it counted them at, and how many it left out for want of a position on
// or before its day (loaded from a later book).
type importedBook struct {
	Loans           int          `json:"loans"`
	PositionsFrom   *credit.Date `json:"positions_from,omitempty"`
	PositionsTo     *credit.Date `json:"positions_to,omitempty"`
	WithoutPosition int          `json:"without_position"`
}

// bookedReportLoan is a booked loan as the portfolio report takes it;
// ok is false when it has no position on or before the report's day.
func bookedReportLoan(b *records.BookedLoan) (reporting.Loan, bool) {
	kind, _ := reporting.ParseBorrowerKind(b.BorrowerKind)
	purpose, _ := credit.ParsePurpose(b.Purpose)
	source, _ := reporting.ParseCapitalSource(b.CapitalSource)
	channel, _ := reporting.ParseChannel(b.Channel)
	return reporting.Loan{ID: "b" + strconv.FormatInt(b.ID, 10), CommuneCode: b.Commune, BorrowerKind: kind,
		Purpose: purpose, CapitalSource: source, Channel: channel, DisbursedOn: b.DisbursedOn, Amount: b.Amount,
		Outstanding: b.Position.Outstanding, Overdue: b.Position.Overdue, Jobs: b.Position.Jobs}, !b.Position.AsOf.IsZero()
}

// add counts a booked loan the report took at its position.
func (ib *importedBook) add(on credit.Date) {
	ib.Loans++
	if ib.PositionsFrom == nil || on.Before(*ib.PositionsFrom) {
		ib.PositionsFrom = &on
	}
	if ib.PositionsTo == nil || on.After(*ib.PositionsTo) {
		ib.PositionsTo = &on
	}
}
