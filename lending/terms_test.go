package lending_test

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

func date(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

func person(on credit.Date, purpose credit.Purpose, amount credit.VND, course int) eligibility.Application {
	return eligibility.Application{
		On: on, Purpose: purpose, Amount: amount, AmountAsked: true, CourseMonths: course,
		SamePurposeDebt: eligibility.No,
		Individual: &eligibility.Individual{
			Release:                  eligibility.Release{Basis: eligibility.Completion, CompletedOn: date(2022, 3, 15)},
			OnCommuneList:            eligibility.Yes,
			HouseholdHasCapableAdult: eligibility.Yes,
		},
	}
}

func business(on credit.Date, kind eligibility.EstablishmentKind, total, qualifying int, amount credit.VND) eligibility.Application {
	return eligibility.Application{
		On: on, Purpose: credit.Production, Amount: amount, AmountAsked: true,
		SamePurposeDebt: eligibility.No,
		Establishment: &eligibility.Establishment{
			Kind: kind, Lawful: eligibility.Yes, PlanConfirmed: eligibility.Yes,
			TotalWorkers: eligibility.CountOf(total), QualifyingWorkers: eligibility.CountOf(qualifying),
		},
	}
}

func assess(t *testing.T, b *credit.Book, a eligibility.Application) lending.Assessment {
	t.Helper()
	as, err := lending.Assess(b, a)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestCaps(t *testing.T) {
	qualifyingOnly, err := credit.DefaultBook().With("test/qualifying", credit.PerWorkerCapBase, []credit.Span{
		{From: date(2023, 10, 10), Value: credit.CapBaseQualifyingWorkers, Citation: credit.Cite(credit.QD22, 6, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	on := date(2024, 9, 2)
	tests := []struct {
		name    string
		book    *credit.Book
		app     eligibility.Application
		cap     credit.VND
		amount  credit.VND
		capRule lending.Rule
	}{
		{"production, asks more than the cap (worked case 1)", nil, person(on, credit.Production, 150_000_000, 0), 100_000_000, 100_000_000, lending.CapIndividual},
		{"production, asks exactly the cap", nil, person(on, credit.Production, 100_000_000, 0), 100_000_000, 100_000_000, lending.CapIndividual},
		{"production, asks one đồng more", nil, person(on, credit.Production, 100_000_001, 0), 100_000_000, 100_000_000, lending.CapIndividual},
		{"production, asks less", nil, person(on, credit.Production, 99_999_999, 0), 100_000_000, 99_999_999, lending.CapIndividual},
		{"production, asks one đồng", nil, person(on, credit.Production, 1, 0), 100_000_000, 1, lending.CapIndividual},
		{"production, asks no amount: the cap", nil, func() eligibility.Application {
			a := person(on, credit.Production, 0, 0)
			a.AmountAsked = false
			return a
		}(), 100_000_000, 100_000_000, lending.CapIndividual},
		{"training, 10 months (worked case 4)", nil, person(on, credit.VocationalTraining, 50_000_000, 10), 40_000_000, 40_000_000, lending.CapTraining},
		{"training, 1 month", nil, person(on, credit.VocationalTraining, 3_000_000, 1), 4_000_000, 3_000_000, lending.CapTraining},
		{"training, 60 months", nil, person(on, credit.VocationalTraining, 300_000_000, 60), 240_000_000, 240_000_000, lending.CapTraining},
		{"establishment, 10 workers", nil, business(on, eligibility.HouseholdBusiness, 10, 1, 100_000_000), 1_000_000_000, 100_000_000, lending.CapEstablishment},
		{"establishment, 19 workers: per-worker cap binds", nil, business(on, eligibility.SME, 19, 2, 2_500_000_000), 1_900_000_000, 1_900_000_000, lending.CapEstablishment},
		{"establishment, 20 workers: both caps equal", nil, business(on, eligibility.SME, 20, 2, 2_500_000_000), 2_000_000_000, 2_000_000_000, lending.CapEstablishment},
		{"establishment, 21 workers: project cap binds", nil, business(on, eligibility.SME, 21, 3, 2_500_000_000), 2_000_000_000, 2_000_000_000, lending.CapEstablishment},
		{"worked case 9, all workers", nil, business(on, eligibility.Cooperative, 30, 10, 2_500_000_000), 2_000_000_000, 2_000_000_000, lending.CapEstablishment},
		{"worked case 9, qualifying workers", qualifyingOnly, business(on, eligibility.Cooperative, 30, 10, 2_500_000_000), 1_000_000_000, 1_000_000_000, lending.CapEstablishment},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.book
			if b == nil {
				b = credit.DefaultBook()
			}
			as := assess(t, b, tc.app)
			if as.Terms == nil {
				t.Fatalf("no terms; verdict %s", as.Decision.Verdict)
			}
			if as.Terms.Cap != tc.cap || as.Terms.Amount != tc.amount {
				t.Errorf("cap, amount = %d, %d; want %d, %d", as.Terms.Cap, as.Terms.Amount, tc.cap, tc.amount)
			}
			if g := as.Terms.Grounds[0]; g.Rule != tc.capRule || g.Citation.Article != 6 {
				t.Errorf("cap ground = %s %s, want %s, Art. 6", g.Rule, g.Citation.Text, tc.capRule)
			}
		})
	}
}

func TestNoAmountAskedGrantsTheCap(t *testing.T) {
	a := person(date(2024, 6, 1), credit.Production, 0, 0)
	a.AmountAsked = false
	as := assess(t, credit.DefaultBook(), a)
	if as.Terms.Amount != as.Terms.Cap || as.Terms.Cap != 100_000_000 {
		t.Errorf("amount %d, cap %d; want both 100000000", as.Terms.Amount, as.Terms.Cap)
	}
}

func TestTerm(t *testing.T) {
	tests := []struct {
		name     string
		purpose  credit.Purpose
		course   int
		term     int
		repay    int
		termRule lending.Rule
	}{
		{"production", credit.Production, 0, 120, 0, lending.TermProduction},
		{"training, 10 months (worked case 4)", credit.VocationalTraining, 10, 30, 20, lending.TermTraining},
		{"training, 12 months: still twice", credit.VocationalTraining, 12, 36, 24, lending.TermTraining},
		{"training, 13 months: once", credit.VocationalTraining, 13, 26, 13, lending.TermTraining},
		{"training, 1 month", credit.VocationalTraining, 1, 3, 2, lending.TermTraining},
		{"training, 60 months", credit.VocationalTraining, 60, 120, 60, lending.TermTraining},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			as := assess(t, credit.DefaultBook(), person(date(2024, 9, 2), tc.purpose, 1, tc.course))
			tm := as.Terms
			if tm.MaxTermMonths != tc.term || tm.MaxRepaymentMonths != tc.repay || tm.CourseMonths != tc.course {
				t.Errorf("term %d, repay %d, course %d; want %d, %d, %d", tm.MaxTermMonths, tm.MaxRepaymentMonths, tm.CourseMonths, tc.term, tc.repay, tc.course)
			}
			if g := tm.Grounds[1]; g.Rule != tc.termRule || g.Citation.Article != 8 {
				t.Errorf("term ground = %s %s", g.Rule, g.Citation.Text)
			}
		})
	}
}

// Rates follow the date of the request: 0.55 %/month to 2025-11-30,
// 0.52 %/month from 2025-12-01 (worked cases 1 and 2).
func TestRates(t *testing.T) {
	tests := []struct {
		on                       credit.Date
		monthly, yearly, overdue string
		rateInstrument           string
		overdueArticle           int
	}{
		{date(2023, 10, 10), "0.55", "6.6", "0.715", credit.QD750, 9},
		{date(2025, 11, 30), "0.55", "6.6", "0.715", credit.QD750, 9},
		{date(2025, 12, 1), "0.52", "6.24", "0.676", credit.QD2553, 9},
		{date(2030, 1, 1), "0.52", "6.24", "0.676", credit.QD2553, 9},
	}
	for _, tc := range tests {
		t.Run(tc.on.String(), func(t *testing.T) {
			a := person(tc.on, credit.Production, 1, 0)
			a.Individual.Release.CompletedOn = tc.on
			tm := assess(t, credit.DefaultBook(), a).Terms
			if got := tm.Rate.MonthlyPct().String(); got != tc.monthly {
				t.Errorf("monthly = %s, want %s", got, tc.monthly)
			}
			if got := tm.Rate.YearlyPct().String(); got != tc.yearly {
				t.Errorf("yearly = %s, want %s", got, tc.yearly)
			}
			if got := tm.OverdueRate.MonthlyPct().String(); got != tc.overdue {
				t.Errorf("overdue = %s, want %s", got, tc.overdue)
			}
			if g := tm.Grounds[2]; g.Rule != lending.RateRule || g.Citation.Instrument != tc.rateInstrument {
				t.Errorf("rate ground = %s %s, want %s", g.Rule, g.Citation.Instrument, tc.rateInstrument)
			}
			if g := tm.Grounds[3]; g.Rule != lending.RateOverdue || g.Citation.Article != tc.overdueArticle {
				t.Errorf("overdue ground = %s %s", g.Rule, g.Citation.Text)
			}
		})
	}
}

func TestCollateralMethodBorrower(t *testing.T) {
	on := date(2024, 6, 1)
	self := person(on, credit.Production, 100_000_000, 0)
	self.Individual.HouseholdHasCapableAdult = eligibility.No
	unknownAdult := person(on, credit.Production, 100_000_000, 0)
	unknownAdult.Individual.HouseholdHasCapableAdult = eligibility.Unknown
	tests := []struct {
		name       string
		app        eligibility.Application
		collateral bool
		method     lending.Method
		borrower   lending.Borrower
	}{
		{"individual, the cap, no collateral", person(on, credit.Production, 100_000_000, 0), false, lending.Entrusted, lending.Household},
		{"individual without a capable adult borrows in own name", self, false, lending.Entrusted, lending.Self},
		{"capable adult unknown: who signs is to be confirmed", unknownAdult, false, lending.Entrusted, lending.BorrowerToConfirm},
		{"establishment, exactly 100,000,000 (worked case 7)", business(on, eligibility.HouseholdBusiness, 10, 1, 100_000_000), false, lending.Direct, lending.EstablishmentBorrower},
		{"establishment, 100,000,001", business(on, eligibility.HouseholdBusiness, 10, 1, 100_000_001), true, lending.Direct, lending.EstablishmentBorrower},
		{"establishment, 99,999,999", business(on, eligibility.HouseholdBusiness, 10, 1, 99_999_999), false, lending.Direct, lending.EstablishmentBorrower},
		{"establishment asking above the cap: collateral on the amount granted", business(on, eligibility.Cooperative, 30, 10, 2_500_000_000), true, lending.Direct, lending.EstablishmentBorrower},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tm := assess(t, credit.DefaultBook(), tc.app).Terms
			if tm.CollateralRequired != tc.collateral || tm.Method != tc.method || tm.BorrowerOfRecord != tc.borrower {
				t.Errorf("collateral %v, method %s, borrower %s; want %v, %s, %s",
					tm.CollateralRequired, tm.Method, tm.BorrowerOfRecord, tc.collateral, tc.method, tc.borrower)
			}
			if g := tm.Grounds[4]; g.Rule != lending.Collateral || g.Citation.Article != 10 {
				t.Errorf("collateral ground = %s %s", g.Rule, g.Citation.Text)
			}
			if g := tm.Grounds[5]; g.Rule != lending.MethodRule || g.Citation.Article != 4 {
				t.Errorf("method ground = %s %s", g.Rule, g.Citation.Text)
			}
		})
	}
}

func TestNoTerms(t *testing.T) {
	on := date(2024, 6, 1)
	ineligible := person(on, credit.Production, 1, 0)
	ineligible.SamePurposeDebt = eligibility.Yes
	unknownWorkers := business(on, eligibility.SME, 10, 1, 1)
	unknownWorkers.Establishment.TotalWorkers = eligibility.Count{}
	incomplete := person(on, credit.Production, 1, 0)
	incomplete.Individual.OnCommuneList = eligibility.Unknown
	tests := []struct {
		name    string
		app     eligibility.Application
		verdict eligibility.Verdict
		terms   bool
		err     error
	}{
		{"ineligible: no terms", ineligible, eligibility.Ineligible, false, lending.ErrIneligible},
		{"incomplete, terms computable", incomplete, eligibility.Incomplete, true, nil},
		{"incomplete, cap needs the worker count", unknownWorkers, eligibility.Incomplete, false, lending.ErrUndetermined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			as := assess(t, credit.DefaultBook(), tc.app)
			if as.Decision.Verdict != tc.verdict || (as.Terms != nil) != tc.terms {
				t.Errorf("verdict %s, terms %v; want %s, %v", as.Decision.Verdict, as.Terms != nil, tc.verdict, tc.terms)
			}
			_, err := lending.Offer(&as.Decision)
			if !errors.Is(err, tc.err) {
				t.Errorf("Offer error = %v, want %v", err, tc.err)
			}
		})
	}
}

func TestAssessRejectsBadApplications(t *testing.T) {
	a := person(date(2023, 10, 9), credit.Production, 1, 0)
	_, err := lending.Assess(credit.DefaultBook(), a)
	var ps credit.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || ps[0].Code != credit.CodeBeforePolicy || !errors.Is(err, credit.ErrBeforePolicy) {
		t.Fatalf("error = %v, want one before_policy problem", err)
	}
}

func TestRuleNames(t *testing.T) {
	want := []string{"method", "cap.training", "cap.individual", "cap.establishment", "term.production",
		"term.training", "rate", "rate.overdue", "collateral"}
	rules := lending.Rules()
	if len(rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(rules), len(want))
	}
	for i, r := range rules {
		if r.String() != want[i] {
			t.Errorf("rule %d = %q, want %q", i, r, want[i])
		}
	}
}

// Properties over many generated applications: the decision is ineligible
// exactly when some finding is not met (incomplete exactly when none is not
// met and some is unknown), ineligible decisions have no terms, and the
// amount granted never exceeds the cap.
func TestProperties(t *testing.T) {
	book := credit.DefaultBook()
	rng := rand.New(rand.NewPCG(22, 2023))
	facts := []eligibility.Fact{eligibility.Unknown, eligibility.Yes, eligibility.No}
	fact := func() eligibility.Fact { return facts[rng.IntN(3)] }
	count := func(max int) eligibility.Count {
		if rng.IntN(8) == 0 {
			return eligibility.Count{}
		}
		return eligibility.CountOf(rng.IntN(max + 1))
	}
	start := date(2023, 10, 10)
	const n = 20000
	seen := map[eligibility.Verdict]int{}
	for i := 0; i < n; i++ {
		on := start.AddDays(rng.IntN(3000))
		a := eligibility.Application{
			On:              on,
			Purpose:         credit.Purposes()[rng.IntN(2)],
			Amount:          credit.VND(rng.Int64N(3_000_000_000)),
			AmountAsked:     rng.IntN(5) > 0,
			CourseMonths:    1 + rng.IntN(eligibility.MaxCourseMonths),
			SamePurposeDebt: fact(),
		}
		if rng.IntN(2) == 0 {
			var completed credit.Date
			if rng.IntN(6) > 0 {
				completed = on.AddDays(-rng.IntN(3000))
			}
			a.Individual = &eligibility.Individual{
				Release:                  eligibility.Release{Basis: eligibility.ReleaseBasis(rng.IntN(4)), CompletedOn: completed},
				OnCommuneList:            fact(),
				HouseholdHasCapableAdult: fact(),
			}
		} else {
			total := count(200)
			if v, ok := total.Get(); ok && v == 0 {
				total = eligibility.CountOf(1)
			}
			q := count(200)
			if tv, ok := total.Get(); ok {
				if qv, ok := q.Get(); ok && qv > tv {
					q = eligibility.CountOf(tv)
				}
			}
			a.Establishment = &eligibility.Establishment{
				Kind: eligibility.EstablishmentKind(rng.IntN(6)), Lawful: fact(), PlanConfirmed: fact(),
				TotalWorkers: total, QualifyingWorkers: q,
			}
		}
		as, err := lending.Assess(book, a)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		d := as.Decision
		seen[d.Verdict]++
		notMet, unknown := false, false
		for _, f := range d.Findings {
			notMet = notMet || f.Outcome == eligibility.NotMet
			unknown = unknown || f.Outcome == eligibility.Undetermined
		}
		if (d.Verdict == eligibility.Ineligible) != notMet {
			t.Fatalf("case %d: verdict %s but not-met finding = %v", i, d.Verdict, notMet)
		}
		if (d.Verdict == eligibility.Incomplete) != (!notMet && unknown) {
			t.Fatalf("case %d: verdict %s, not met %v, unknown %v", i, d.Verdict, notMet, unknown)
		}
		if d.Verdict == eligibility.Ineligible && as.Terms != nil {
			t.Fatalf("case %d: ineligible with terms", i)
		}
		if d.Verdict == eligibility.Eligible && as.Terms == nil {
			t.Fatalf("case %d: eligible without terms", i)
		}
		if tm := as.Terms; tm != nil {
			if tm.Amount > tm.Cap || tm.Amount < 0 || (a.AmountAsked && tm.Amount > a.Amount) {
				t.Fatalf("case %d: amount %d, cap %d, asked %d", i, tm.Amount, tm.Cap, a.Amount)
			}
			if tm.MaxTermMonths < 1 || tm.MaxTermMonths > 120 {
				t.Fatalf("case %d: term %d", i, tm.MaxTermMonths)
			}
		}
	}
	// The generator must reach every verdict, or the property says little.
	for _, v := range []eligibility.Verdict{eligibility.Eligible, eligibility.Incomplete, eligibility.Ineligible} {
		if seen[v] < n/100 {
			t.Errorf("only %d %s decisions in %d", seen[v], v, n)
		}
	}
}
