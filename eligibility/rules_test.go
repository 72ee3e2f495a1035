package eligibility_test

import (
	"errors"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

func date(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// person returns an application of an individual who meets every condition,
// asking on on for production; tests change one fact at a time.
func person(on credit.Date) eligibility.Application {
	return eligibility.Application{
		On:              on,
		Purpose:         credit.Production,
		Amount:          50_000_000,
		AmountAsked:     true,
		SamePurposeDebt: eligibility.No,
		Individual: &eligibility.Individual{
			Release:                  eligibility.Release{Basis: eligibility.Completion, CompletedOn: date(2022, 3, 15)},
			OnCommuneList:            eligibility.Yes,
			HouseholdHasCapableAdult: eligibility.Yes,
		},
	}
}

// business returns an application of an establishment that meets every
// condition.
func business(on credit.Date, total, qualifying int) eligibility.Application {
	return eligibility.Application{
		On:              on,
		Purpose:         credit.Production,
		Amount:          100_000_000,
		AmountAsked:     true,
		SamePurposeDebt: eligibility.No,
		Establishment: &eligibility.Establishment{
			Kind:              eligibility.HouseholdBusiness,
			Lawful:            eligibility.Yes,
			TotalWorkers:      eligibility.CountOf(total),
			QualifyingWorkers: eligibility.CountOf(qualifying),
			PlanConfirmed:     eligibility.Yes,
		},
	}
}

func outcome(t *testing.T, d eligibility.Decision, r eligibility.Rule) eligibility.Outcome {
	t.Helper()
	f, ok := d.Finding(r)
	if !ok {
		t.Fatalf("no finding for %s", r)
	}
	return f.Outcome
}

func TestReleaseWindow(t *testing.T) {
	book := credit.DefaultBook()
	tests := []struct {
		name      string
		completed credit.Date
		on        credit.Date
		want      eligibility.Outcome
		lastDay   credit.Date
	}{
		// Legal reference §3: completion 2019-06-01 → last eligible day 2024-06-01.
		{"last day of the window", date(2019, 6, 1), date(2024, 6, 1), eligibility.Met, date(2024, 6, 1)},
		{"day after the window", date(2019, 6, 1), date(2024, 6, 2), eligibility.NotMet, date(2024, 6, 1)},
		{"day before the last day", date(2019, 6, 1), date(2024, 5, 31), eligibility.Met, date(2024, 6, 1)},
		// 29 February: the fifth anniversary month has no 29th, so the window ends on the 28th.
		{"29 February, last day 28 February", date(2020, 2, 29), date(2025, 2, 28), eligibility.Met, date(2025, 2, 28)},
		{"29 February, 1 March is too late", date(2020, 2, 29), date(2025, 3, 1), eligibility.NotMet, date(2025, 2, 28)},
		// The 31st: the anniversary exists, nothing moves.
		{"31st, last day the 31st", date(2019, 10, 31), date(2024, 10, 31), eligibility.Met, date(2024, 10, 31)},
		{"31st, next day too late", date(2019, 10, 31), date(2024, 11, 1), eligibility.NotMet, date(2024, 10, 31)},
		{"completed on the day of the request", date(2024, 6, 1), date(2024, 6, 1), eligibility.Met, date(2029, 6, 1)},
		// Worked case 3: completed 2019-03-01, asks 2024-06-01.
		{"worked case 3", date(2019, 3, 1), date(2024, 6, 1), eligibility.NotMet, date(2024, 3, 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := person(tc.on)
			a.Individual.Release.CompletedOn = tc.completed
			d, err := eligibility.Decide(book, a)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := d.Finding(eligibility.ReleaseWindow)
			if f.Outcome != tc.want {
				t.Errorf("outcome = %s, want %s", f.Outcome, tc.want)
			}
			if f.LastDay != tc.lastDay {
				t.Errorf("last day = %s, want %s", f.LastDay, tc.lastDay)
			}
		})
	}
}

// Civil Code Art. 148 cl. 5, off by default (legal reference §10): when on,
// a window ending on a weekend runs to the next working day.
func TestReleaseWindowWorkingDayParameter(t *testing.T) {
	on, err := credit.DefaultBook().With("test/working-day", credit.WindowEndsOnWorkingDay, []credit.Span{
		{From: date(2023, 10, 10), Value: 1, Citation: credit.Cite(credit.BLDS, 148, 5, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	// 2019-06-01 + 5 years = 2024-06-01, a Saturday; Monday is 2024-06-03.
	tests := []struct {
		name string
		book *credit.Book
		on   credit.Date
		want eligibility.Outcome
	}{
		{"default: Monday after a Saturday end is late", credit.DefaultBook(), date(2024, 6, 3), eligibility.NotMet},
		{"applied: Monday after a Saturday end is in time", on, date(2024, 6, 3), eligibility.Met},
		{"applied: Tuesday is late", on, date(2024, 6, 4), eligibility.NotMet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := person(tc.on)
			a.Individual.Release.CompletedOn = date(2019, 6, 1)
			d, err := eligibility.Decide(tc.book, a)
			if err != nil {
				t.Fatal(err)
			}
			if got := outcome(t, d, eligibility.ReleaseWindow); got != tc.want {
				t.Errorf("outcome = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestReleaseDocument(t *testing.T) {
	tests := []struct {
		basis eligibility.ReleaseBasis
		want  eligibility.Outcome
	}{
		{eligibility.Completion, eligibility.Met},
		{eligibility.SpecialAmnesty, eligibility.Met},
		{eligibility.ConditionalRelease, eligibility.NotMet}, // worked case 5
		{eligibility.BasisUnknown, eligibility.Undetermined},
	}
	for _, tc := range tests {
		t.Run(tc.basis.String()+"/"+tc.want.String(), func(t *testing.T) {
			a := person(date(2024, 6, 1))
			a.Individual.Release.Basis = tc.basis
			d, err := eligibility.Decide(credit.DefaultBook(), a)
			if err != nil {
				t.Fatal(err)
			}
			if got := outcome(t, d, eligibility.ReleaseDocument); got != tc.want {
				t.Errorf("outcome = %s, want %s", got, tc.want)
			}
		})
	}
}

// Facts that make their rule met, not met or unknown.
func TestFactRules(t *testing.T) {
	facts := []struct {
		fact eligibility.Fact
		want eligibility.Outcome
	}{
		{eligibility.Yes, eligibility.Met},
		{eligibility.No, eligibility.NotMet},
		{eligibility.Unknown, eligibility.Undetermined},
	}
	type setter func(a *eligibility.Application, f eligibility.Fact)
	rules := []struct {
		name  string
		rule  eligibility.Rule
		app   func() eligibility.Application
		set   setter
		ifYes eligibility.Outcome // outcome when the fact is Yes (debt inverts)
	}{
		{"commune list", eligibility.CommuneList, func() eligibility.Application { return person(date(2024, 6, 1)) },
			func(a *eligibility.Application, f eligibility.Fact) { a.Individual.OnCommuneList = f }, eligibility.Met},
		{"lawful", eligibility.Lawful, func() eligibility.Application { return business(date(2024, 6, 1), 10, 1) },
			func(a *eligibility.Application, f eligibility.Fact) { a.Establishment.Lawful = f }, eligibility.Met},
		{"plan confirmed", eligibility.PlanConfirmed, func() eligibility.Application { return business(date(2024, 6, 1), 10, 1) },
			func(a *eligibility.Application, f eligibility.Fact) { a.Establishment.PlanConfirmed = f }, eligibility.Met},
		{"same-purpose debt, individual", eligibility.NoSamePurposeDebt, func() eligibility.Application { return person(date(2024, 6, 1)) },
			func(a *eligibility.Application, f eligibility.Fact) { a.SamePurposeDebt = f }, eligibility.NotMet},
		{"same-purpose debt, establishment", eligibility.NoSamePurposeDebt, func() eligibility.Application { return business(date(2024, 6, 1), 10, 1) },
			func(a *eligibility.Application, f eligibility.Fact) { a.SamePurposeDebt = f }, eligibility.NotMet},
	}
	for _, r := range rules {
		for _, f := range facts {
			t.Run(r.name+"/"+f.fact.String(), func(t *testing.T) {
				a := r.app()
				r.set(&a, f.fact)
				d, err := eligibility.Decide(credit.DefaultBook(), a)
				if err != nil {
					t.Fatal(err)
				}
				want := f.want
				if r.ifYes == eligibility.NotMet && f.want != eligibility.Undetermined {
					want = map[eligibility.Outcome]eligibility.Outcome{eligibility.Met: eligibility.NotMet, eligibility.NotMet: eligibility.Met}[f.want]
				}
				if got := outcome(t, d, r.rule); got != want {
					t.Errorf("outcome = %s, want %s", got, want)
				}
			})
		}
	}
}

func TestWorkerShare(t *testing.T) {
	tests := []struct {
		name              string
		total, qualifying eligibility.Count
		want              eligibility.Outcome
	}{
		{"exactly 10 % passes (worked case 7)", eligibility.CountOf(10), eligibility.CountOf(1), eligibility.Met},
		{"just under 10 % fails", eligibility.CountOf(11), eligibility.CountOf(1), eligibility.NotMet},
		{"8 % fails (worked case 8)", eligibility.CountOf(50), eligibility.CountOf(4), eligibility.NotMet},
		{"5 of 50 passes", eligibility.CountOf(50), eligibility.CountOf(5), eligibility.Met},
		{"99 of 1000 fails", eligibility.CountOf(1000), eligibility.CountOf(99), eligibility.NotMet},
		{"100 of 1000 passes", eligibility.CountOf(1000), eligibility.CountOf(100), eligibility.Met},
		{"none qualifying fails", eligibility.CountOf(3), eligibility.CountOf(0), eligibility.NotMet},
		{"all qualifying passes", eligibility.CountOf(1), eligibility.CountOf(1), eligibility.Met},
		{"total unknown", eligibility.Count{}, eligibility.CountOf(1), eligibility.Undetermined},
		{"qualifying unknown", eligibility.CountOf(10), eligibility.Count{}, eligibility.Undetermined},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := business(date(2024, 6, 1), 1, 1)
			a.Establishment.TotalWorkers, a.Establishment.QualifyingWorkers = tc.total, tc.qualifying
			d, err := eligibility.Decide(credit.DefaultBook(), a)
			if err != nil {
				t.Fatal(err)
			}
			f, _ := d.Finding(eligibility.WorkerShare)
			if f.Outcome != tc.want {
				t.Errorf("outcome = %s, want %s", f.Outcome, tc.want)
			}
			if f.MinSharePct != 10 {
				t.Errorf("min share = %d, want 10", f.MinSharePct)
			}
		})
	}
}

func TestEstablishmentKind(t *testing.T) {
	tests := []struct {
		kind eligibility.EstablishmentKind
		want eligibility.Outcome
	}{
		{eligibility.SME, eligibility.Met},
		{eligibility.Cooperative, eligibility.Met},
		{eligibility.CooperativeGroup, eligibility.Met},
		{eligibility.HouseholdBusiness, eligibility.Met},
		{eligibility.LargeEnterprise, eligibility.NotMet},
		{eligibility.KindUnknown, eligibility.Undetermined},
	}
	for _, tc := range tests {
		t.Run(tc.kind.String(), func(t *testing.T) {
			a := business(date(2024, 6, 1), 10, 1)
			a.Establishment.Kind = tc.kind
			d, err := eligibility.Decide(credit.DefaultBook(), a)
			if err != nil {
				t.Fatal(err)
			}
			if got := outcome(t, d, eligibility.EstablishmentKindOK); got != tc.want {
				t.Errorf("outcome = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestPurposeAllowed(t *testing.T) {
	tests := []struct {
		name          string
		establishment bool
		purpose       credit.Purpose
		want          eligibility.Outcome
	}{
		{"individual, production", false, credit.Production, eligibility.Met},
		{"individual, training", false, credit.VocationalTraining, eligibility.Met},
		{"establishment, production", true, credit.Production, eligibility.Met},
		{"establishment, training", true, credit.VocationalTraining, eligibility.NotMet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := person(date(2024, 6, 1))
			if tc.establishment {
				a = business(date(2024, 6, 1), 10, 1)
			}
			a.Purpose = tc.purpose
			a.CourseMonths = 6
			d, err := eligibility.Decide(credit.DefaultBook(), a)
			if err != nil {
				t.Fatal(err)
			}
			if got := outcome(t, d, eligibility.PurposeAllowed); got != tc.want {
				t.Errorf("outcome = %s, want %s", got, tc.want)
			}
		})
	}
}

// Every rule that applies is reported, so a refusal lists all its reasons.
func TestDecisionListsEveryReason(t *testing.T) {
	a := person(date(2024, 6, 1))
	a.Individual.Release = eligibility.Release{Basis: eligibility.ConditionalRelease, CompletedOn: date(2019, 1, 1)}
	a.Individual.OnCommuneList = eligibility.No
	a.SamePurposeDebt = eligibility.Yes
	d, err := eligibility.Decide(credit.DefaultBook(), a)
	if err != nil {
		t.Fatal(err)
	}
	if d.Verdict != eligibility.Ineligible {
		t.Errorf("verdict = %s, want ineligible", d.Verdict)
	}
	var notMet []string
	for _, f := range d.Findings {
		if f.Outcome == eligibility.NotMet {
			notMet = append(notMet, f.Rule.String())
		}
		if f.Citation == nil || f.Citation.Text == "" || f.Message.VI == "" || f.Message.EN == "" {
			t.Errorf("%s: citation or message missing", f.Rule)
		}
	}
	want := []string{"individual.release_document", "individual.release_window", "individual.commune_list", "borrower.no_same_purpose_debt"}
	if len(notMet) != len(want) {
		t.Fatalf("not met = %v, want %v", notMet, want)
	}
	for i := range want {
		if notMet[i] != want[i] {
			t.Errorf("not met = %v, want %v", notMet, want)
		}
	}
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		name string
		edit func(a *eligibility.Application)
		want eligibility.Verdict
	}{
		{"everything met", func(*eligibility.Application) {}, eligibility.Eligible},
		{"one unknown", func(a *eligibility.Application) { a.Individual.OnCommuneList = eligibility.Unknown }, eligibility.Incomplete},
		{"unknown and not met", func(a *eligibility.Application) {
			a.Individual.OnCommuneList = eligibility.Unknown
			a.SamePurposeDebt = eligibility.Yes
		}, eligibility.Ineligible},
		{"nothing known", func(a *eligibility.Application) {
			a.SamePurposeDebt = eligibility.Unknown
			a.Individual = &eligibility.Individual{}
		}, eligibility.Incomplete},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := person(date(2024, 6, 1))
			tc.edit(&a)
			d, err := eligibility.Decide(credit.DefaultBook(), a)
			if err != nil {
				t.Fatal(err)
			}
			if d.Verdict != tc.want {
				t.Errorf("verdict = %s, want %s", d.Verdict, tc.want)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	book := credit.DefaultBook()
	tests := []struct {
		name  string
		edit  func(a *eligibility.Application)
		wants []want
		cause error
	}{
		{"valid", func(*eligibility.Application) {}, nil, nil},
		{"the day the policy came into force", func(a *eligibility.Application) { a.On = date(2023, 10, 10) }, nil, nil},
		{"the day before", func(a *eligibility.Application) { a.On = date(2023, 10, 9) },
			[]want{{"/requested_on", credit.CodeBeforePolicy}}, credit.ErrBeforePolicy},
		{"no date", func(a *eligibility.Application) { a.On = credit.Date{} }, []want{{"/requested_on", credit.CodeRequired}}, nil},
		{"no purpose", func(a *eligibility.Application) { a.Purpose = credit.PurposeUnknown }, []want{{"/purpose", credit.CodeRequired}}, nil},
		{"training without course", func(a *eligibility.Application) { a.Purpose = credit.VocationalTraining },
			[]want{{"/course_months", credit.CodeRequired}}, nil},
		{"training, 1 month", func(a *eligibility.Application) { a.Purpose, a.CourseMonths = credit.VocationalTraining, 1 }, nil, nil},
		{"training, 60 months", func(a *eligibility.Application) { a.Purpose, a.CourseMonths = credit.VocationalTraining, 60 }, nil, nil},
		{"training, 61 months", func(a *eligibility.Application) { a.Purpose, a.CourseMonths = credit.VocationalTraining, 61 },
			[]want{{"/course_months", credit.CodeOutOfRange}}, nil},
		{"training, -1 months", func(a *eligibility.Application) { a.Purpose, a.CourseMonths = credit.VocationalTraining, -1 },
			[]want{{"/course_months", credit.CodeOutOfRange}}, nil},
		{"negative amount", func(a *eligibility.Application) { a.Amount = -1 }, []want{{"/amount", credit.CodeNegative}}, nil},
		{"zero amount", func(a *eligibility.Application) { a.Amount = 0 }, []want{{"/amount", credit.CodeOutOfRange}}, nil},
		{"one đồng", func(a *eligibility.Application) { a.Amount = 1 }, nil, nil},
		{"no amount asked", func(a *eligibility.Application) { a.Amount, a.AmountAsked = 0, false }, nil, nil},
		{"completed the day of the request", func(a *eligibility.Application) { a.Individual.Release.CompletedOn = a.On }, nil, nil},
		{"completed the day after", func(a *eligibility.Application) { a.Individual.Release.CompletedOn = a.On.AddDays(1) },
			[]want{{"/individual/release/completed_on", eligibility.CodeAfterRequest}}, eligibility.ErrInconsistent},
		{"neither borrower", func(a *eligibility.Application) { a.Individual = nil }, []want{{"", eligibility.CodeOneBorrower}}, nil},
		{"both borrowers", func(a *eligibility.Application) { a.Establishment = business(a.On, 1, 1).Establishment },
			[]want{{"", eligibility.CodeOneBorrower}}, nil},
		{"everything at once", func(a *eligibility.Application) {
			a.On = date(2023, 1, 1)
			a.Purpose = credit.VocationalTraining
			a.Amount = -5
			a.Individual.Release.CompletedOn = date(2023, 2, 1)
		}, []want{
			{"/requested_on", credit.CodeBeforePolicy},
			{"/course_months", credit.CodeRequired},
			{"/amount", credit.CodeNegative},
			{"/individual/release/completed_on", eligibility.CodeAfterRequest},
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := person(date(2024, 6, 1))
			tc.edit(&a)
			err := a.Validate(book)
			checkProblems(t, err, tc.wants)
			if tc.cause != nil && !errors.Is(err, tc.cause) {
				t.Errorf("errors.Is(err, %v) = false", tc.cause)
			}
			if err != nil && !errors.Is(err, credit.ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			if _, derr := eligibility.Decide(book, a); (derr == nil) != (err == nil) {
				t.Errorf("Decide error = %v, Validate error = %v", derr, err)
			}
		})
	}
}

func TestValidateWorkers(t *testing.T) {
	tests := []struct {
		name              string
		total, qualifying eligibility.Count
		wants             []want
	}{
		{"1 worker, 1 qualifying", eligibility.CountOf(1), eligibility.CountOf(1), nil},
		{"0 workers", eligibility.CountOf(0), eligibility.CountOf(0), []want{{"/establishment/total_workers", credit.CodeOutOfRange}}},
		{"qualifying equals total", eligibility.CountOf(5), eligibility.CountOf(5), nil},
		{"qualifying above total", eligibility.CountOf(5), eligibility.CountOf(6),
			[]want{{"/establishment/qualifying_workers", eligibility.CodeExceedsTotalWorkers}}},
		{"negative qualifying", eligibility.CountOf(5), eligibility.CountOf(-1),
			[]want{{"/establishment/qualifying_workers", credit.CodeOutOfRange}}},
		{"most workers", eligibility.CountOf(eligibility.MaxWorkers), eligibility.CountOf(1), nil},
		{"too many workers", eligibility.CountOf(eligibility.MaxWorkers + 1), eligibility.CountOf(1),
			[]want{{"/establishment/total_workers", credit.CodeOutOfRange}}},
		{"unknown counts are not problems", eligibility.Count{}, eligibility.Count{}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := business(date(2024, 6, 1), 1, 1)
			a.Establishment.TotalWorkers, a.Establishment.QualifyingWorkers = tc.total, tc.qualifying
			checkProblems(t, a.Validate(credit.DefaultBook()), tc.wants)
		})
	}
}

// want is a problem expected at a pointer.
type want struct{ pointer, code string }

func checkProblems(t *testing.T, err error, wants []want) {
	t.Helper()
	if len(wants) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not credit.Problems", err)
	}
	if len(ps) != len(wants) {
		t.Fatalf("got %d problems (%v), want %d", len(ps), err, len(wants))
	}
	for i, w := range wants {
		if ps[i].Pointer != w.pointer || ps[i].Code != w.code {
			t.Errorf("problem %d = %s %s, want %s %s", i, ps[i].Pointer, ps[i].Code, w.pointer, w.code)
		}
		if ps[i].Message.VI == "" || ps[i].Message.EN == "" {
			t.Errorf("problem %d has no message", i)
		}
	}
}

func TestNames(t *testing.T) {
	// Identifiers are a contract: exactly those of the legal reference.
	want := []string{
		"individual.release_document", "individual.release_window", "individual.commune_list",
		"establishment.kind", "establishment.lawful", "establishment.worker_share",
		"establishment.plan_confirmed", "borrower.no_same_purpose_debt", "purpose.allowed",
	}
	rules := eligibility.Rules()
	if len(rules) != len(want) {
		t.Fatalf("%d rules, want %d", len(rules), len(want))
	}
	for i, r := range rules {
		if r.String() != want[i] {
			t.Errorf("rule %d = %q, want %q", i, r, want[i])
		}
		p, _ := credit.DefaultBook().On(date(2024, 1, 1))
		for _, est := range []bool{false, true} {
			if c := r.Citation(p, est); c.Instrument != credit.QD22 || c.Article != 3 {
				t.Errorf("%s: citation %+v, want QĐ22 Art. 3", r, c)
			}
		}
		for _, o := range []eligibility.Outcome{eligibility.Met, eligibility.NotMet, eligibility.Undetermined} {
			if m := r.Message(o); m.VI == "" || m.EN == "" {
				t.Errorf("%s/%s: message missing", r, o)
			}
		}
	}
	for s, ok := range map[string]bool{"completion": true, "special_amnesty": true, "conditional_release": true, "parole": false, "": false} {
		if _, got := eligibility.ParseReleaseBasis(s); got != ok {
			t.Errorf("ParseReleaseBasis(%q) ok = %v", s, got)
		}
	}
	for s, ok := range map[string]bool{"sme": true, "cooperative": true, "cooperative_group": true, "household_business": true, "large_enterprise": true, "SME": false} {
		if _, got := eligibility.ParseEstablishmentKind(s); got != ok {
			t.Errorf("ParseEstablishmentKind(%q) ok = %v", s, got)
		}
	}
	if eligibility.Rule(0).String() != "" || eligibility.Outcome(0).String() != "" || eligibility.Verdict(9).String() != "" {
		t.Error("invalid values should have empty names")
	}
}
