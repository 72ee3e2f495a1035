package reporting_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

var pfAsOf = credit.MustDate(2026, time.September, 30)

// pfLoans yields the loans of ls, each at its index.
func pfLoans(ls ...reporting.Loan) iter.Seq2[int, *reporting.Loan] {
	return func(yield func(int, *reporting.Loan) bool) {
		for i := range ls {
			if !yield(i, &ls[i]) {
				return
			}
		}
	}
}

// pfLoan is a valid loan of 100,000,000 with 80,000,000 outstanding (the
// contract's example loan), with id, changed by the options.
func pfLoan(id string, opts ...func(*reporting.Loan)) reporting.Loan {
	l := reporting.Loan{
		ID: id, CommuneCode: "03424", BorrowerKind: reporting.BorrowerIndividual, Purpose: credit.Production,
		CapitalSource: reporting.SourceCentral, Channel: reporting.ChannelFarmersUnion,
		DisbursedOn: credit.MustDate(2024, time.January, 10),
		Amount:      100_000_000, Outstanding: 80_000_000, Overdue: 0, Jobs: 1,
	}
	for _, o := range opts {
		o(&l)
	}
	return l
}

// pfContractLoans are the three loans of the contract's example report,
// and a fourth disbursed after its date (testdata/portfolio/contract.csv).
func pfContractLoans() []reporting.Loan {
	return []reporting.Loan{
		pfLoan("L1"),
		pfLoan("L2", func(l *reporting.Loan) {
			l.BorrowerKind, l.CapitalSource, l.Channel = reporting.BorrowerEstablishment, reporting.SourceLocal, reporting.ChannelDirect
			l.DisbursedOn = credit.MustDate(2025, time.March, 1)
			l.Amount, l.Outstanding, l.Overdue, l.Jobs = 500_000_000, 450_000_000, 20_000_000, 6
		}),
		pfLoan("L3", func(l *reporting.Loan) {
			l.CommuneCode, l.Purpose, l.Channel = "03430", credit.VocationalTraining, reporting.ChannelWomensUnion
			l.DisbursedOn = credit.MustDate(2025, time.June, 15)
			l.Amount, l.Outstanding, l.Jobs = 40_000_000, 40_000_000, 0
		}),
		pfLoan("L4", func(l *reporting.Loan) {
			l.CommuneCode, l.Channel = "03433", reporting.ChannelYouthUnion
			l.DisbursedOn = credit.MustDate(2026, time.October, 1)
			l.Amount, l.Outstanding = 50_000_000, 50_000_000
		}),
	}
}

func pfFig(loans int, disbursed, outstanding, overdue credit.VND, jobs int) reporting.Figures {
	return reporting.Figures{Loans: loans, Disbursed: disbursed, Outstanding: outstanding, Overdue: overdue, Jobs: jobs}
}

func TestBuildContractExample(t *testing.T) {
	r, err := reporting.Build(pfAsOf, pfLoans(pfContractLoans()...))
	if err != nil {
		t.Fatal(err)
	}
	g := func(key string, f reporting.Figures) reporting.Group { return reporting.Group{Key: key, Figures: f} }
	c03424 := pfFig(2, 600_000_000, 530_000_000, 20_000_000, 7)
	c03430 := pfFig(1, 40_000_000, 40_000_000, 0, 0)
	estab := pfFig(1, 500_000_000, 450_000_000, 20_000_000, 6)
	indiv := pfFig(2, 140_000_000, 120_000_000, 0, 1)
	want := reporting.Report{
		AsOf:            pfAsOf,
		Totals:          pfFig(3, 640_000_000, 570_000_000, 20_000_000, 7),
		ByCommune:       []reporting.Group{g("03424", c03424), g("03430", c03430)},
		ByPurpose:       []reporting.Group{g("production", c03424), g("vocational_training", c03430)},
		ByBorrowerKind:  []reporting.Group{g("establishment", estab), g("individual", indiv)},
		ByCapitalSource: []reporting.Group{g("central", indiv), g("local", estab)},
		ByChannel: []reporting.Group{g("direct", estab), g("farmers_union", pfFig(1, 100_000_000, 80_000_000, 0, 1)),
			g("womens_union", c03430)},
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("report\ngot  %+v\nwant %+v", r, want)
	}
	for _, tc := range []struct {
		name string
		f    reporting.Figures
		want string
	}{
		{"totals", r.Totals, "3.51"},                  // 20/570 = 3.5087…
		{"commune 03424", c03424, "3.77"},             // 20/530 = 3.7735…
		{"commune 03430", c03430, "0.00"},             // nothing overdue
		{"establishment", estab, "4.44"},              // 20/450 = 4.444…
		{"nothing at all", pfFig(0, 0, 0, 0, 0), "0"}, // zero denominator
	} {
		if got := tc.f.OverdueRatioPct(); got != tc.want {
			t.Errorf("%s: OverdueRatioPct = %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := pfJSON(t, r); !reflect.DeepEqual(got, pfReadJSON(t, "contract_report.json")) {
		t.Errorf("JSON of the report differs from testdata/portfolio/contract_report.json:\n%s", pfMarshal(t, pfAPIReport(r)))
	}
}

func TestOverdueRatioRounding(t *testing.T) {
	for _, tc := range []struct {
		overdue, outstanding credit.VND
		want                 string
	}{
		{1, 800, "0.13"}, // 0.125 exactly: half away from zero
		{1, 801, "0.12"}, // 0.12484…: just below the half
		{1, 799, "0.13"}, // 0.12515…
		{3, 2400, "0.13"},
		{1, 1600, "0.06"}, // 0.0625
		{1, 8, "12.50"},
		{1, 3, "33.33"},
		{2, 3, "66.67"},
		{1, 80_000, "0.00"}, // 0.00125
		{1, 40_000, "0.00"}, // 0.0025
		{3, 40_000, "0.01"}, // 0.0075
		{0, 0, "0"},
		{5, 0, "0"},
		{0, 100, "0.00"},
		{100, 100, "100.00"},
		{999_999_999, 1_000_000_000, "100.00"}, // 99.9999999
		{20_000_000, 570_000_000, "3.51"},
	} {
		t.Run(fmt.Sprintf("%d/%d", tc.overdue, tc.outstanding), func(t *testing.T) {
			f := reporting.Figures{Overdue: tc.overdue, Outstanding: tc.outstanding}
			if got := f.OverdueRatioPct(); got != tc.want {
				t.Errorf("OverdueRatioPct = %q, want %q", got, tc.want)
			}
			// and the same through a report of one loan
			if tc.overdue > tc.outstanding {
				return
			}
			r, err := reporting.Build(pfAsOf, pfLoans(pfLoan("L", func(l *reporting.Loan) {
				l.Amount, l.Outstanding, l.Overdue = max(tc.outstanding, 1), tc.outstanding, tc.overdue
			})))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Totals.OverdueRatioPct(); got != tc.want {
				t.Errorf("report: OverdueRatioPct = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestBuildAsOf(t *testing.T) {
	on := pfLoan("ON", func(l *reporting.Loan) { l.DisbursedOn = pfAsOf })
	after := pfLoan("AFTER", func(l *reporting.Loan) { l.DisbursedOn = pfAsOf.AddDays(1); l.CommuneCode = "03640" })
	r, err := reporting.Build(pfAsOf, pfLoans(on, after))
	if err != nil {
		t.Fatal(err)
	}
	if want := pfFig(1, 100_000_000, 80_000_000, 0, 1); r.Totals != want {
		t.Errorf("totals %+v, want %+v (the loan disbursed on as_of only)", r.Totals, want)
	}
	if len(r.ByCommune) != 1 || r.ByCommune[0].Key != "03424" {
		t.Errorf("by commune %+v: the commune of a loan after as_of is listed", r.ByCommune)
	}

	// Nothing on or before as_of: an empty report, with empty lists.
	r, err = reporting.Build(pfAsOf, pfLoans(after))
	if err != nil {
		t.Fatal(err)
	}
	empty := reporting.Report{AsOf: pfAsOf, ByCommune: []reporting.Group{}, ByPurpose: []reporting.Group{},
		ByBorrowerKind: []reporting.Group{}, ByCapitalSource: []reporting.Group{}, ByChannel: []reporting.Group{}}
	if !reflect.DeepEqual(r, empty) {
		t.Errorf("report of loans all after as_of: %+v", r)
	}
	if got := r.Totals.OverdueRatioPct(); got != "0" {
		t.Errorf("ratio of an empty book %q, want \"0\"", got)
	}
}

// pfProblem is a problem as the tests compare it: where and which code.
type pfProblem struct{ Pointer, Code string }

func pfP(pointer, code string) pfProblem { return pfProblem{pointer, code} }

// pfProblems returns the problems of err, which must be a credit.Problems
// whose every problem is credit.ErrInvalid.
func pfProblems(t *testing.T, err error) []pfProblem {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Errorf("error %v is not credit.ErrInvalid", err)
	}
	out := make([]pfProblem, len(ps))
	for i, e := range ps {
		out[i] = pfP(e.Pointer, e.Code)
		if e.Message.VI == "" || e.Message.EN == "" {
			t.Errorf("problem %v has no message in both languages", e)
		}
	}
	return out
}

func TestBuildProblems(t *testing.T) {
	type L = reporting.Loan
	loan := pfLoan
	many := func(n int, l L) []L {
		out := make([]L, n)
		for i := range out {
			out[i] = l
			out[i].ID = "M" + strconv.Itoa(i)
		}
		return out
	}
	maxLoan := loan("", func(l *L) { l.Amount, l.Outstanding = credit.MaxVND, credit.MaxVND })
	for _, tc := range []struct {
		name  string
		asOf  credit.Date
		loans []L
		want  []pfProblem
	}{
		{"overdue greater than outstanding", pfAsOf,
			[]L{loan("A", func(l *L) { l.Overdue = 80_000_001 })},
			[]pfProblem{pfP("/loans/0/overdue", reporting.CodeExceedsOutstanding)}},
		{"overdue equal to outstanding is fine, not the next", pfAsOf,
			[]L{loan("A", func(l *L) { l.Overdue = 80_000_000 }), loan("B", func(l *L) { l.Overdue = 80_000_001 })},
			[]pfProblem{pfP("/loans/1/overdue", reporting.CodeExceedsOutstanding)}},
		{"outstanding greater than amount", pfAsOf,
			[]L{loan("A", func(l *L) { l.Outstanding = 100_000_001 })},
			[]pfProblem{pfP("/loans/0/outstanding", reporting.CodeExceedsAmount)}},
		{"both comparisons", pfAsOf,
			[]L{loan("A", func(l *L) { l.Amount, l.Outstanding, l.Overdue = 10, 20, 30 })},
			[]pfProblem{pfP("/loans/0/outstanding", reporting.CodeExceedsAmount), pfP("/loans/0/overdue", reporting.CodeExceedsOutstanding)}},
		{"negative amount", pfAsOf,
			[]L{loan("A", func(l *L) { l.Amount = -1 })},
			[]pfProblem{pfP("/loans/0/amount", credit.CodeNegative)}},
		{"negative outstanding and overdue", pfAsOf,
			[]L{loan("A", func(l *L) { l.Outstanding, l.Overdue = -1, -2 })},
			[]pfProblem{pfP("/loans/0/outstanding", credit.CodeNegative), pfP("/loans/0/overdue", credit.CodeNegative)}},
		{"amount above MaxVND", pfAsOf,
			[]L{loan("A", func(l *L) { l.Amount = credit.MaxVND + 1 })},
			[]pfProblem{pfP("/loans/0/amount", credit.CodeOutOfRange)}},
		{"unknown enum values", pfAsOf,
			[]L{loan("A", func(l *L) {
				l.BorrowerKind, l.Purpose, l.CapitalSource, l.Channel = 3, 3, 4, 6
			})},
			[]pfProblem{pfP("/loans/0/borrower_kind", credit.CodeInvalidEnum), pfP("/loans/0/purpose", credit.CodeInvalidEnum),
				pfP("/loans/0/capital_source", credit.CodeInvalidEnum), pfP("/loans/0/channel", credit.CodeInvalidEnum)}},
		{"missing values", pfAsOf,
			[]L{{Amount: 1}},
			[]pfProblem{pfP("/loans/0/loan_id", credit.CodeRequired), pfP("/loans/0/commune_code", credit.CodeRequired),
				pfP("/loans/0/borrower_kind", credit.CodeRequired), pfP("/loans/0/purpose", credit.CodeRequired),
				pfP("/loans/0/capital_source", credit.CodeRequired), pfP("/loans/0/channel", credit.CodeRequired),
				pfP("/loans/0/disbursed_on", credit.CodeRequired)}},
		{"the same loan_id twice", pfAsOf,
			[]L{loan("L1"), loan("L2"), loan("L1"), loan("L2"), loan("L1")},
			[]pfProblem{pfP("/loans/2/loan_id", reporting.CodeDuplicateLoanID), pfP("/loans/3/loan_id", reporting.CodeDuplicateLoanID),
				pfP("/loans/4/loan_id", reporting.CodeDuplicateLoanID)}},
		{"a duplicate disbursed after as_of", pfAsOf,
			[]L{loan("L1"), loan("L1", func(l *L) { l.DisbursedOn = pfAsOf.AddDays(10) })},
			[]pfProblem{pfP("/loans/1/loan_id", reporting.CodeDuplicateLoanID)}},
		{"a loan after as_of is still checked", pfAsOf,
			[]L{loan("L1", func(l *L) { l.DisbursedOn = pfAsOf.AddDays(1); l.Overdue = 90_000_000 })},
			[]pfProblem{pfP("/loans/0/overdue", reporting.CodeExceedsOutstanding)}},
		{"jobs out of range", pfAsOf,
			[]L{loan("A", func(l *L) { l.Jobs = -1 }), loan("B", func(l *L) { l.Jobs = reporting.MaxJobs + 1 }),
				loan("C", func(l *L) { l.Jobs = reporting.MaxJobs })},
			[]pfProblem{pfP("/loans/0/jobs", credit.CodeOutOfRange), pfP("/loans/1/jobs", credit.CodeOutOfRange)}},
		{"too long", pfAsOf,
			[]L{loan(strings.Repeat("x", reporting.MaxLoanIDLen+1), func(l *L) { l.CommuneCode = "12345678901" }),
				loan(strings.Repeat("x", reporting.MaxLoanIDLen), func(l *L) { l.CommuneCode = "1234567890" })},
			[]pfProblem{pfP("/loans/0/loan_id", "too_long"), pfP("/loans/0/commune_code", "too_long")}},
		{"no loan", pfAsOf,
			[]L{loan("A")},
			nil},
		{"a zero as_of", credit.Date{},
			[]L{loan("A")},
			[]pfProblem{pfP("/as_of", credit.CodeRequired)}},
		{"a total beyond 10^18", pfAsOf,
			append(many(1000, maxLoan), loan("X"), loan("Y", func(l *L) { l.DisbursedOn = pfAsOf.AddDays(1) })),
			[]pfProblem{pfP("/loans/1000/amount", credit.CodeOutOfRange)}},
		{"every problem at once", pfAsOf,
			[]L{
				loan("L1"),
				loan("L2", func(l *L) { l.Overdue = 90_000_000 }),
				loan("L3", func(l *L) { l.Outstanding = 200_000_000; l.Channel = 9 }),
				loan("L1", func(l *L) { l.Amount = -5; l.BorrowerKind = 0 }),
				loan("L5"),
				loan("L6", func(l *L) { l.CapitalSource = 7; l.Overdue = -1 }),
			},
			[]pfProblem{
				pfP("/loans/1/overdue", reporting.CodeExceedsOutstanding),
				pfP("/loans/2/channel", credit.CodeInvalidEnum),
				pfP("/loans/2/outstanding", reporting.CodeExceedsAmount),
				pfP("/loans/3/loan_id", reporting.CodeDuplicateLoanID),
				pfP("/loans/3/borrower_kind", credit.CodeRequired),
				pfP("/loans/3/amount", credit.CodeNegative),
				pfP("/loans/5/capital_source", credit.CodeInvalidEnum),
				pfP("/loans/5/overdue", credit.CodeNegative),
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := reporting.Build(tc.asOf, pfLoans(tc.loans...))
			if tc.want == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if got := pfProblems(t, err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("problems\ngot  %v\nwant %v", got, tc.want)
			}
			if !reflect.DeepEqual(r, reporting.Report{}) {
				t.Errorf("a report with the error: %+v", r)
			}
		})
	}
}

func TestBuildNilLoan(t *testing.T) {
	_, err := reporting.Build(pfAsOf, func(yield func(int, *reporting.Loan) bool) {
		l := pfLoan("A")
		_ = yield(0, &l) && yield(1, nil)
	})
	if got, want := pfProblems(t, err), []pfProblem{pfP("/loans/1", credit.CodeRequired)}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
}

func TestBuildTooManyProblems(t *testing.T) {
	const n = reporting.MaxProblems + 200
	_, err := reporting.Build(pfAsOf, func(yield func(int, *reporting.Loan) bool) {
		l := pfLoan("")
		for i := range n {
			if !yield(i, &l) {
				return
			}
		}
	})
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v", err)
	}
	if len(ps) != reporting.MaxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ps), reporting.MaxProblems+1)
	}
	if ps[reporting.MaxProblems-1].Pointer != "/loans/999/loan_id" {
		t.Errorf("last listed problem %v", ps[reporting.MaxProblems-1])
	}
	last := ps[reporting.MaxProblems]
	if last.Pointer != "/loans" || last.Code != reporting.CodeTooManyProblems || !strings.Contains(last.Message.EN, "200 more") {
		t.Errorf("the last problem is %v", last)
	}
}

func TestPortfolioAddRead(t *testing.T) {
	p := reporting.NewPortfolio(pfAsOf)
	read := credit.Problems{{Pointer: "/loans/0/amount", Code: credit.CodeNotInteger, Message: credit.MsgNotAmount}}
	// The amount could not be read (it is 0 here): no exceeds_amount,
	// but the overdue still compares with the outstanding.
	l := pfLoan("A", func(l *reporting.Loan) { l.Amount = 0; l.Overdue = 90_000_000 })
	got := pfProblems(t, p.AddRead(0, &l, read))
	want := []pfProblem{pfP("/loans/0/amount", credit.CodeNotInteger), pfP("/loans/0/overdue", reporting.CodeExceedsOutstanding)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems %v, want %v", got, want)
	}
	// An unreadable loan_id is not counted for duplicates.
	l = pfLoan("", func(l *reporting.Loan) { l.Outstanding = 0 })
	read = credit.Problems{{Pointer: "/loans/1/loan_id", Code: "too_long", Message: credit.MsgRequired}}
	if got := pfProblems(t, p.AddRead(1, &l, read)); len(got) != 1 {
		t.Errorf("problems %v, want only the one read", got)
	}
	// The whole loan unreadable: nothing else is checked.
	read = credit.Problems{{Pointer: "/loans/2", Code: reporting.CodeInvalidLine, Message: credit.MsgRequired}}
	if got := pfProblems(t, p.AddRead(2, &reporting.Loan{}, read)); len(got) != 1 {
		t.Errorf("problems %v, want only the one read", got)
	}
	// Neither loan was added; a good one is.
	l = pfLoan("B")
	if err := p.AddRead(3, &l, nil); err != nil {
		t.Fatal(err)
	}
	if r := p.Report(); r.Totals != pfFig(1, 100_000_000, 80_000_000, 0, 1) {
		t.Errorf("totals %+v", r.Totals)
	}
}

func TestDuplicateIDsAtScale(t *testing.T) {
	// Many distinct IDs (the set grows many times) are never duplicates;
	// each given again is.
	n := 300_000
	if testing.Short() {
		n = 30_000
	}
	p := reporting.NewPortfolio(pfAsOf)
	l := pfLoan("")
	for i := range n {
		l.ID = "VBSP-" + strconv.Itoa(i)
		if err := p.Add(i, &l); err != nil {
			t.Fatalf("loan %d: %v", i, err)
		}
	}
	for i := 0; i < n; i += 997 {
		l.ID = "VBSP-" + strconv.Itoa(i)
		if err := p.Add(n+i, &l); err == nil {
			t.Fatalf("loan_id %s again is not a duplicate", l.ID)
		}
	}
	if got := p.Report().Totals.Loans; got != n {
		t.Errorf("%d loans, want %d", got, n)
	}
}

func TestEnums(t *testing.T) {
	check := func(name string, names []string, str func(int) string, parse func(string) (int, bool)) {
		t.Helper()
		for i, n := range names {
			if got := str(i + 1); got != n {
				t.Errorf("%s %d String = %q, want %q", name, i+1, got, n)
			}
			if v, ok := parse(n); !ok || v != i+1 {
				t.Errorf("Parse%s(%q) = %d, %v", name, n, v, ok)
			}
		}
		for _, bad := range []string{"", "Individual", " direct", "x"} {
			if v, ok := parse(bad); ok || v != 0 {
				t.Errorf("Parse%s(%q) = %d, %v", name, bad, v, ok)
			}
		}
		if str(0) != "" || str(len(names)+1) != "" || str(255) != "" {
			t.Errorf("%s: an unknown value has a name", name)
		}
	}
	check("BorrowerKind", []string{"individual", "establishment"},
		func(i int) string { return reporting.BorrowerKind(i).String() },
		func(s string) (int, bool) { v, ok := reporting.ParseBorrowerKind(s); return int(v), ok })
	check("CapitalSource", []string{"central", "local", "other"},
		func(i int) string { return reporting.CapitalSource(i).String() },
		func(s string) (int, bool) { v, ok := reporting.ParseCapitalSource(s); return int(v), ok })
	check("Channel", []string{"farmers_union", "womens_union", "veterans_association", "youth_union", "direct"},
		func(i int) string { return reporting.Channel(i).String() },
		func(s string) (int, bool) { v, ok := reporting.ParseChannel(s); return int(v), ok })
	if got := reporting.LoanFields(); strings.Join(got, ",") !=
		"loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs" {
		t.Errorf("LoanFields = %v", got)
	}
}

// pfGenLoans draws loans of a few communes, some disbursed after pfAsOf,
// with distinct IDs.
func pfGenLoans(t *rapid.T, label string) []reporting.Loan {
	n := rapid.IntRange(0, 60).Draw(t, label+"_n")
	out := make([]reporting.Loan, n)
	for i := range out {
		amount := credit.VND(rapid.Int64Range(1, 2_000_000_000).Draw(t, "amount")) // a loan lends at least 1 đồng
		outstanding := credit.VND(rapid.Int64Range(0, int64(amount)).Draw(t, "outstanding"))
		out[i] = reporting.Loan{
			ID:            label + strconv.Itoa(i),
			CommuneCode:   rapid.SampledFrom([]string{"03424", "03430", "03433", "10", "9"}).Draw(t, "commune"),
			BorrowerKind:  reporting.BorrowerKind(rapid.IntRange(1, 2).Draw(t, "kind")),
			Purpose:       credit.Purpose(rapid.IntRange(1, 2).Draw(t, "purpose")),
			CapitalSource: reporting.CapitalSource(rapid.IntRange(1, 3).Draw(t, "source")),
			Channel:       reporting.Channel(rapid.IntRange(1, 5).Draw(t, "channel")),
			DisbursedOn:   pfAsOf.AddDays(rapid.IntRange(-1500, 20).Draw(t, "days")),
			Amount:        amount,
			Outstanding:   outstanding,
			Overdue:       credit.VND(rapid.Int64Range(0, int64(outstanding)).Draw(t, "overdue")),
			Jobs:          rapid.IntRange(0, 50).Draw(t, "jobs"),
		}
	}
	return out
}

// TestBuildProperties: the totals are the sums over the loans disbursed
// on or before as_of; every breakdown's groups are sorted, non-empty and
// add up to the totals; and a CSV file of the loans gives the same report.
func TestBuildProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		loans := pfGenLoans(t, "L")
		r, err := reporting.Build(pfAsOf, pfLoans(loans...))
		if err != nil {
			t.Fatal(err)
		}
		var want reporting.Figures
		for _, l := range loans {
			if !l.DisbursedOn.After(pfAsOf) {
				want.Loans++
				want.Disbursed += l.Amount
				want.Outstanding += l.Outstanding
				want.Overdue += l.Overdue
				want.Jobs += l.Jobs
			}
		}
		if r.Totals != want {
			t.Fatalf("totals %+v, want %+v", r.Totals, want)
		}
		for name, groups := range map[string][]reporting.Group{"commune": r.ByCommune, "purpose": r.ByPurpose,
			"borrower kind": r.ByBorrowerKind, "capital source": r.ByCapitalSource, "channel": r.ByChannel} {
			var sum reporting.Figures
			for j, g := range groups {
				if g.Loans == 0 || j > 0 && groups[j-1].Key >= g.Key {
					t.Fatalf("by %s: groups %+v not sorted or empty", name, groups)
				}
				sum.Loans += g.Loans
				sum.Disbursed += g.Disbursed
				sum.Outstanding += g.Outstanding
				sum.Overdue += g.Overdue
				sum.Jobs += g.Jobs
			}
			if sum != r.Totals {
				t.Fatalf("by %s: groups add up to %+v, totals %+v", name, sum, r.Totals)
			}
		}
		if got, want := r.Totals.OverdueRatioPct(), reporting.RatioPct(want.Overdue, want.Outstanding); got != want {
			t.Fatalf("ratio %s, want %s", got, want)
		}

		fromCSV, err := reporting.PortfolioCSV(strings.NewReader(pfCSV(loans)), pfAsOf, len(loans))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(fromCSV, r) {
			t.Fatalf("from CSV\n%+v\nfrom Build\n%+v", fromCSV, r)
		}
	})
}

// pfCSV writes loans as a CSV file.
func pfCSV(loans []reporting.Loan) string {
	var b strings.Builder
	b.WriteString(strings.Join(reporting.LoanFields(), ",") + "\n")
	for _, l := range loans {
		b.WriteString(pfCSVLine(l) + "\n")
	}
	return b.String()
}

func pfCSVLine(l reporting.Loan) string {
	return strings.Join([]string{l.ID, l.CommuneCode, l.BorrowerKind.String(), l.Purpose.String(),
		l.CapitalSource.String(), l.Channel.String(), l.DisbursedOn.String(), l.Amount.String(),
		l.Outstanding.String(), l.Overdue.String(), strconv.Itoa(l.Jobs)}, ",")
}

// The report as the contract writes it (the HTTP adapter's job; here to
// compare with the worked files).

type pfAPIFigures struct {
	Loans           int        `json:"loans"`
	Disbursed       credit.VND `json:"disbursed"`
	Outstanding     credit.VND `json:"outstanding"`
	Overdue         credit.VND `json:"overdue"`
	OverdueRatioPct string     `json:"overdue_ratio_pct"`
	Jobs            int        `json:"jobs"`
}

func pfAPIFig(f reporting.Figures) pfAPIFigures {
	return pfAPIFigures{f.Loans, f.Disbursed, f.Outstanding, f.Overdue, f.OverdueRatioPct(), f.Jobs}
}

func pfAPIGroups(key string, gs []reporting.Group) []map[string]any {
	out := []map[string]any{}
	for _, g := range gs {
		f := pfAPIFig(g.Figures)
		out = append(out, map[string]any{key: g.Key, "loans": f.Loans, "disbursed": f.Disbursed,
			"outstanding": f.Outstanding, "overdue": f.Overdue, "overdue_ratio_pct": f.OverdueRatioPct, "jobs": f.Jobs})
	}
	return out
}

func pfAPIReport(r reporting.Report) any {
	return map[string]any{
		"as_of":             r.AsOf,
		"totals":            pfAPIFig(r.Totals),
		"by_commune":        pfAPIGroups("commune_code", r.ByCommune),
		"by_purpose":        pfAPIGroups("purpose", r.ByPurpose),
		"by_borrower_kind":  pfAPIGroups("borrower_kind", r.ByBorrowerKind),
		"by_capital_source": pfAPIGroups("capital_source", r.ByCapitalSource),
		"by_channel":        pfAPIGroups("channel", r.ByChannel),
	}
}

func pfMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pfJSON is the report as generic JSON values, to compare with a file.
func pfJSON(t *testing.T, r reporting.Report) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(pfMarshal(t, pfAPIReport(r)), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func pfReadJSON(t *testing.T, name string) any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "portfolio", name))
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return v
}
