package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/lending"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
)

// portfolioAsOf is the day the benchmark's loan book is taken on: the
// seeded loans (disbursed 2024-01-15, 36 months, principal every 6) have
// had their twelve payments and owe principal past due.
var portfolioAsOf = credit.MustDate(2025, 12, 31)

// portfolioLoans is the number of loans of BenchmarkPortfolioFromStore:
// BENCH_PORTFOLIO_LOANS, default 100,000.
func portfolioLoans() int {
	if n, err := strconv.Atoi(os.Getenv("BENCH_PORTFOLIO_LOANS")); err == nil && n > 0 {
		return n
	}
	return 100_000
}

// storedPortfolio is the loan book of the stored loans on asOf as
// GET /v1/reports/portfolio builds it (adapters/httpapi, storedPortfolio,
// unexported there, so written again here): the applications read for the
// borrowers' kinds, then every loan streamed by EachLoan with its payments,
// its outstanding and overdue principal from lending.StatementOf, and
// added to a reporting.Portfolio. It returns the report and the loans
// left out as unclassified.
func storedPortfolio(ctx context.Context, s *store.Store, book *credit.Book, asOf credit.Date) (reporting.Report, int, error) {
	scope := access.Scope{All: true}
	apps, err := s.Applications(ctx, scope, records.ApplicationFilter{})
	if err != nil {
		return reporting.Report{}, 0, err
	}
	kinds := make(map[int64]reporting.BorrowerKind)
	for _, a := range apps {
		if a.Kind == records.KindPlan {
			kinds[a.ID] = reporting.BorrowerEstablishment
		}
	}
	p := reporting.NewPortfolio(asOf)
	i, unclassified := 0, 0
	err = s.EachLoan(ctx, scope, records.LoanFilter{}, func(l records.Loan, ps []records.Payment) error {
		rl, ok, err := reportLoan(book, l, ps, kinds[l.ApplicationID], asOf)
		if err != nil {
			return err
		}
		if ok && p.Add(i, &rl) == nil {
			i++
			return nil
		}
		unclassified++
		return nil
	})
	if err != nil {
		return reporting.Report{}, 0, err
	}
	return p.Report(), unclassified, nil
}

// reportLoan is httpapi's: a stored loan as the portfolio report takes it
// on asOf; ok is false when its channel or capital source is not one of
// the report's. Jobs are not stored: 0.
func reportLoan(book *credit.Book, l records.Loan, ps []records.Payment, kind reporting.BorrowerKind, asOf credit.Date) (reporting.Loan, bool, error) {
	if kind == 0 {
		kind = reporting.BorrowerIndividual
	}
	purpose, _ := credit.ParsePurpose(l.Purpose)
	channel, okC := reporting.ParseChannel(l.Channel)
	source, okS := reporting.ParseCapitalSource(l.CapitalSource)
	rl := reporting.Loan{ID: strconv.FormatInt(l.ID, 10), CommuneCode: l.Commune, BorrowerKind: kind, Purpose: purpose,
		CapitalSource: source, Channel: channel, DisbursedOn: l.DisbursedOn, Amount: l.Amount}
	if !okC || !okS {
		return rl, false, nil
	}
	if l.DisbursedOn.After(asOf) {
		return rl, true, nil
	}
	flows := make([]lending.Flow, len(ps))
	for i, p := range ps {
		flows[i] = lending.Flow{On: p.On, Amount: p.Amount}
	}
	st, err := lending.StatementOf(book, lending.Loan{Amount: l.Amount, DisbursedOn: l.DisbursedOn, TermMonths: l.TermMonths,
		PrincipalEveryMonths: l.PrincipalEveryMonths, Purpose: purpose, CourseMonths: l.CourseMonths, Province: l.Province},
		flows, asOf)
	if err != nil {
		return rl, false, fmt.Errorf("statement of loan %d on %s: %w", l.ID, asOf, err)
	}
	rl.Outstanding, rl.Overdue = st.PrincipalOutstanding, st.PrincipalOverdue
	return rl, true, nil
}

// writeLoansCSV writes the stored loans as the loan book's CSV file
// (reporting.LoanFields, one loan a line, as VBSP's export and
// POST /v1/reports/portfolio have them), each with its outstanding and
// overdue on asOf from its statement, and returns the file's size.
func writeLoansCSV(ctx context.Context, s *store.Store, book *credit.Book, asOf credit.Date, path string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(strings.Join(reporting.LoanFields(), ",") + "\n")
	err = s.EachLoan(ctx, access.Scope{All: true}, records.LoanFilter{}, func(l records.Loan, ps []records.Payment) error {
		rl, ok, err := reportLoan(book, l, ps, 0, asOf)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("loan %d cannot be classified", l.ID)
		}
		_, err = fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%d\n", rl.ID, rl.CommuneCode, rl.BorrowerKind, rl.Purpose,
			rl.CapitalSource, rl.Channel, rl.DisbursedOn, int64(rl.Amount), int64(rl.Outstanding), int64(rl.Overdue), rl.Jobs)
		return err
	})
	if err != nil {
		return 0, err
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), f.Close()
}

// BenchmarkPortfolioFromStore is the loan book on one day of 100,000
// stored loans with 12 payments each (BENCH_PORTFOLIO_LOANS to change the
// count), the whole country's communes, seeded once: "store" builds it as
// GET /v1/reports/portfolio does (each loan's statement over its stored
// payments), "csv" reads the same loans, with the outstanding and overdue
// the statements gave, from a CSV file with reporting.PortfolioCSV (as
// POST /v1/reports/portfolio does). The two reports must agree; "csv"
// reports x-store, the ratio of the store's time to its own in the same
// run.
func BenchmarkPortfolioFromStore(b *testing.B) {
	loans, payments := portfolioLoans(), 12
	book := credit.DefaultBook()
	eachEngineB(b, func(b *testing.B, e *engine) {
		s := open(b, e.fresh(b), store.Options{})
		var communes [][2]string
		for _, c := range places.Default().Communes() {
			communes = append(communes, [2]string{c.Code, c.ProvinceCode})
		}
		if err := store.SeedLoans(ctx, s, communes, loans, payments, day("2024-01-15")); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(b.TempDir(), "loans.csv")
		size, err := writeLoansCSV(ctx, s, book, portfolioAsOf, path)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d loans, %d payments, CSV file %d bytes", loans, loans*payments, size)
		var fromStore reporting.Report
		var storeNs float64
		b.Run("store", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r, unclassified, err := storedPortfolio(ctx, s, book, portfolioAsOf)
				if err != nil {
					b.Fatal(err)
				}
				if r.Totals.Loans != loans || unclassified != 0 {
					b.Fatalf("%d loans in the book, %d unclassified; want %d, 0", r.Totals.Loans, unclassified, loans)
				}
				fromStore = r
			}
			storeNs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(storeNs/float64(loans), "ns/loan")
		})
		b.Run("csv", func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			var r reporting.Report
			for b.Loop() {
				f, err := os.Open(path)
				if err != nil {
					b.Fatal(err)
				}
				r, err = reporting.PortfolioCSV(f, portfolioAsOf, 2*loans)
				f.Close()
				if err != nil {
					b.Fatal(err)
				}
			}
			ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(ns/float64(loans), "ns/loan")
			if r.Totals.Loans != loans {
				b.Fatalf("%d loans from the CSV, want %d", r.Totals.Loans, loans)
			}
			if storeNs > 0 {
				b.ReportMetric(storeNs/ns, "x-store")
				b.Logf("on %s: %+v", portfolioAsOf, r.Totals)
				if r.Totals != fromStore.Totals || len(r.ByCommune) != len(fromStore.ByCommune) {
					b.Fatalf("the CSV's book %+v (%d communes), the store's %+v (%d)",
						r.Totals, len(r.ByCommune), fromStore.Totals, len(fromStore.ByCommune))
				}
			}
		})
	})
}
