package credit_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// problem is what a test expects of one FieldError.
type problem struct {
	Pointer string
	Code    string
}

func (p problem) String() string { return p.Pointer + " " + p.Code }

func sortedProblems(ps []problem) []problem {
	out := slices.Clone(ps)
	slices.SortFunc(out, func(a, b problem) int { return strings.Compare(a.String(), b.String()) })
	return out
}

// checkProblems asserts that err is a Problems error (errors.As), that it is
// ErrInvalid (errors.Is), and that it lists exactly the wanted problems,
// in any order.
func checkProblems(t *testing.T, err error, want []problem) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want problems %v", want)
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Errorf("errors.Is(err, ErrInvalid) = false for %v", err)
	}
	if errors.Is(err, credit.ErrRulesFile) {
		t.Errorf("errors.Is(err, ErrRulesFile) = true for a problem with values: %v", err)
	}
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("errors.As(err, *Problems) = false for %v", err)
	}
	got := make([]problem, len(ps))
	for i, fe := range ps {
		got[i] = problem{Pointer: fe.Pointer, Code: fe.Code}
		if fe.Message.VI == "" || fe.Message.EN == "" {
			t.Errorf("problem %v has no message in both languages: %+v", got[i], fe.Message)
		}
		if !errors.Is(fe, credit.ErrInvalid) {
			t.Errorf("problem %v is not ErrInvalid", got[i])
		}
	}
	if g, w := sortedProblems(got), sortedProblems(want); !slices.Equal(g, w) {
		t.Errorf("problems:\n got %v\nwant %v\n(error: %v)", g, w, err)
	}
}

var (
	policyDay = d(2023, time.October, 10)
	rateCut   = d(2025, time.December, 1)
)

func TestDefaultBookIdentity(t *testing.T) {
	b := credit.DefaultBook()
	if b.Version() != "qd22/2025-12-16" || credit.DefaultVersion != "qd22/2025-12-16" {
		t.Errorf("Version() = %q, DefaultVersion = %q, want qd22/2025-12-16", b.Version(), credit.DefaultVersion)
	}
	if b.InForce() != policyDay {
		t.Errorf("InForce() = %v, want 2023-10-10", b.InForce())
	}
	c := b.InForceCitation()
	if c.Instrument != credit.QD22 || c.Text != "Quyết định 22/2023/QĐ-TTg" || c.TextEN != "Decision 22/2023/QĐ-TTg" || c.Note == "" {
		t.Errorf("InForceCitation() = %+v", c)
	}
	if len(b.Holidays()) != 0 {
		t.Errorf("Holidays() = %v, want none", b.Holidays())
	}
	if credit.DefaultBook() == b {
		t.Error("DefaultBook returns the same *Book twice; each call must build a fresh one")
	}
}

func TestDefaultBookOn(t *testing.T) {
	b := credit.DefaultBook()
	tests := []struct {
		name        string
		on          credit.Date
		wantErr     error
		wantMonthly string
		wantOverdue string
		wantFrom    credit.Date
	}{
		{name: "zero date", on: credit.Date{}, wantErr: credit.ErrInvalidDate},
		{name: "first representable day", on: d(1, time.January, 1), wantErr: credit.ErrBeforePolicy},
		{name: "day before the policy", on: d(2023, time.October, 9), wantErr: credit.ErrBeforePolicy},
		{name: "policy in force", on: policyDay, wantMonthly: "0.55", wantOverdue: "0.715", wantFrom: policyDay},
		{name: "worked case 1 (2024-06-01)", on: d(2024, time.June, 1), wantMonthly: "0.55", wantOverdue: "0.715", wantFrom: policyDay},
		{name: "last day of 0.55", on: d(2025, time.November, 30), wantMonthly: "0.55", wantOverdue: "0.715", wantFrom: policyDay},
		{name: "worked case 2: first day of 0.52", on: rateCut, wantMonthly: "0.52", wantOverdue: "0.676", wantFrom: rateCut},
		{name: "day after the change", on: d(2025, time.December, 2), wantMonthly: "0.52", wantOverdue: "0.676", wantFrom: rateCut},
		{name: "last representable day", on: d(9999, time.December, 31), wantMonthly: "0.52", wantOverdue: "0.676", wantFrom: rateCut},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.On(tc.on)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) || p != nil {
					t.Fatalf("On(%v) = %v, %v, want nil, %v", tc.on, p, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("On(%v) error = %v", tc.on, err)
			}
			if got := p.LendingRate().MonthlyPct().String(); got != tc.wantMonthly {
				t.Errorf("LendingRate() = %s %%/month, want %s", got, tc.wantMonthly)
			}
			if got := p.OverdueRate().MonthlyPct().String(); got != tc.wantOverdue {
				t.Errorf("OverdueRate() = %s %%/month, want %s", got, tc.wantOverdue)
			}
			if p.From() != tc.wantFrom {
				t.Errorf("From() = %v, want %v", p.From(), tc.wantFrom)
			}
			if p.Version() != credit.DefaultVersion {
				t.Errorf("Version() = %q", p.Version())
			}
		})
	}
}

func TestDefaultBookValues(t *testing.T) {
	b := credit.DefaultBook()
	type cite struct {
		instrument string
		article    int
		clause     int
		point      string
		note       bool
	}
	tests := []struct {
		name        string
		key         credit.Key
		on          credit.Date
		want        int64
		money       bool
		cite        cite
		text        string // the Vietnamese citation text, when checked
		textEN      string
		spanFrom    credit.Date
		spanTo      credit.Date
		formatValue string
	}{
		{name: "release window", key: credit.ReleaseWindowYears, on: policyDay, want: 5,
			cite: cite{credit.QD22, 3, 2, "a", false},
			text: "Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg", textEN: "Decision 22/2023/QĐ-TTg, Article 3, clause 2, point a",
			spanFrom: policyDay, formatValue: "5"},
		{name: "worker share", key: credit.WorkerShareMinPct, on: policyDay, want: 10,
			cite: cite{credit.QD22, 3, 2, "b", true}, text: "Điều 3 khoản 2 điểm b Quyết định 22/2023/QĐ-TTg", spanFrom: policyDay, formatValue: "10"},
		{name: "training cap per month", key: credit.CapTrainingPerMonth, on: policyDay, want: 4_000_000, money: true,
			cite: cite{credit.QD22, 6, 1, "", false}, text: "Điều 6 khoản 1 Quyết định 22/2023/QĐ-TTg", textEN: "Decision 22/2023/QĐ-TTg, Article 6, clause 1",
			spanFrom: policyDay, formatValue: "4000000"},
		{name: "individual cap", key: credit.CapIndividual, on: policyDay, want: 100_000_000, money: true,
			cite: cite{credit.QD22, 6, 2, "a", false}, spanFrom: policyDay, formatValue: "100000000"},
		{name: "establishment project cap", key: credit.CapEstablishmentProject, on: policyDay, want: 2_000_000_000, money: true,
			cite: cite{credit.QD22, 6, 2, "b", false}, spanFrom: policyDay, formatValue: "2000000000"},
		{name: "establishment per-worker cap", key: credit.CapEstablishmentPerWorker, on: policyDay, want: 100_000_000, money: true,
			cite: cite{credit.QD22, 6, 2, "b", false}, spanFrom: policyDay, formatValue: "100000000"},
		{name: "production term", key: credit.TermProductionMaxMonths, on: policyDay, want: 120,
			cite: cite{credit.QD22, 8, 2, "", false}, spanFrom: policyDay, formatValue: "120"},
		{name: "short course", key: credit.TrainingShortCourseMaxMonths, on: policyDay, want: 12,
			cite: cite{credit.QD22, 8, 1, "", false}, spanFrom: policyDay, formatValue: "12"},
		{name: "short-course factor", key: credit.TrainingRepaymentFactorShort, on: policyDay, want: 2,
			cite: cite{credit.QD22, 8, 1, "", false}, spanFrom: policyDay, formatValue: "2"},
		{name: "long-course factor", key: credit.TrainingRepaymentFactorLong, on: policyDay, want: 1,
			cite: cite{credit.QD22, 8, 1, "", false}, spanFrom: policyDay, formatValue: "1"},
		{name: "lending rate to 2025-11-30", key: credit.LendingRate, on: d(2025, time.November, 30), want: 6_600_000_000,
			cite: cite{credit.QD750, 0, 0, "", true}, text: "Quyết định 750/QĐ-TTg năm 2015", textEN: "Decision 750/QĐ-TTg of 2015",
			spanFrom: d(2015, time.June, 5), spanTo: d(2025, time.November, 30), formatValue: "6.6"},
		{name: "lending rate from 2025-12-01", key: credit.LendingRate, on: rateCut, want: 6_240_000_000,
			cite: cite{credit.QD2553, 0, 0, "", true}, text: "Quyết định 2553/QĐ-TTg năm 2025", textEN: "Decision 2553/QĐ-TTg of 2025",
			spanFrom: rateCut, formatValue: "6.24"},
		{name: "overdue percent", key: credit.OverdueRatePct, on: policyDay, want: 130,
			cite: cite{credit.QD22, 9, 0, "", false}, spanFrom: policyDay, formatValue: "130"},
		{name: "collateral threshold", key: credit.CollateralThreshold, on: policyDay, want: 100_000_000, money: true,
			cite: cite{credit.QD22, 10, 0, "", false}, spanFrom: policyDay, formatValue: "100000000"},
		{name: "per-worker cap base", key: credit.PerWorkerCapBase, on: policyDay, want: credit.CapBaseAllWorkers,
			cite: cite{credit.QD22, 6, 2, "b", true}, spanFrom: policyDay, formatValue: "all_workers"},
		{name: "window ends on working day", key: credit.WindowEndsOnWorkingDay, on: policyDay, want: 0,
			cite: cite{credit.BLDS, 148, 5, "", true}, text: "Điều 148 khoản 5 Bộ luật Dân sự 2015",
			textEN: "Civil Code 2015 (91/2015/QH13), Article 148, clause 5", spanFrom: policyDay, formatValue: "false"},
		{name: "payment order", key: credit.PaymentOrder, on: policyDay, want: credit.PayInterestFirst,
			cite: cite{credit.QD22, 12, 0, "", true}, spanFrom: policyDay, formatValue: "interest_first"},
		{name: "early repayment order", key: credit.EarlyRepaymentOrder, on: policyDay, want: credit.EarlyNextPartsFirst,
			cite: cite{credit.QD22, 12, 0, "", true}, spanFrom: policyDay, formatValue: "next_parts_first"},
		{name: "no rate cut nationally", key: credit.LendingRateCut, on: d(2025, time.October, 15), want: 0,
			cite: cite{credit.QD22, 9, 0, "", true}, spanFrom: policyDay, formatValue: "0"},
		{name: "the cut does not lower the overdue rate", key: credit.CutLowersOverdueRate, on: policyDay, want: 0,
			cite: cite{credit.QD2654, 0, 0, "", true}, text: "Quyết định 2654/QĐ-TTg năm 2025", spanFrom: policyDay, formatValue: "false"},
	}
	seen := map[credit.Key]bool{}
	for _, tc := range tests {
		seen[tc.key] = true
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.On(tc.on)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.Int(tc.key); got != tc.want {
				t.Errorf("Int(%v) = %d, want %d", tc.key, got, tc.want)
			}
			if tc.money && p.VND(tc.key) != credit.VND(tc.want) {
				t.Errorf("VND(%v) = %d, want %d", tc.key, p.VND(tc.key), tc.want)
			}
			if got := p.Flag(tc.key); got != (tc.want != 0) {
				t.Errorf("Flag(%v) = %v", tc.key, got)
			}
			if got := tc.key.Format(p.Int(tc.key)); got != tc.formatValue {
				t.Errorf("Format = %q, want %q", got, tc.formatValue)
			}
			c := p.Citation(tc.key)
			if c.Instrument != tc.cite.instrument || c.Article != tc.cite.article || c.Clause != tc.cite.clause || c.Point != tc.cite.point {
				t.Errorf("Citation(%v) = %s art. %d cl. %d pt. %q, want %+v", tc.key, c.Instrument, c.Article, c.Clause, c.Point, tc.cite)
			}
			if (c.Note != "") != tc.cite.note {
				t.Errorf("Citation(%v).Note = %q, want a note: %v", tc.key, c.Note, tc.cite.note)
			}
			if tc.text != "" && c.Text != tc.text {
				t.Errorf("Citation(%v).Text = %q, want %q", tc.key, c.Text, tc.text)
			}
			if tc.textEN != "" && c.TextEN != tc.textEN {
				t.Errorf("Citation(%v).TextEN = %q, want %q", tc.key, c.TextEN, tc.textEN)
			}
			s := p.Span(tc.key)
			if s == nil || s.From != tc.spanFrom || s.To != tc.spanTo || s.Value != tc.want || &s.Citation != c {
				t.Errorf("Span(%v) = %+v, want from %v to %v value %d", tc.key, s, tc.spanFrom, tc.spanTo, tc.want)
			}
		})
	}
	for _, k := range credit.Keys() {
		if !seen[k] {
			t.Errorf("parameter %v has no case in this table", k)
		}
	}
}

// TestEveryParameterCited checks every parameter of every edition of the
// default book: a span that covers the edition, a citation with an
// instrument and a text in both languages.
func TestEveryParameterCited(t *testing.T) {
	b := credit.DefaultBook()
	for _, ed := range b.Editions() {
		for _, k := range credit.Keys() {
			t.Run(ed.From().String()+"/"+k.String(), func(t *testing.T) {
				s := ed.Span(k)
				if s == nil {
					t.Fatal("no span")
				}
				if !s.Covers(ed.From()) || (!ed.To().IsZero() && !s.Covers(ed.To())) {
					t.Errorf("span %v..%v does not cover the edition %v..%v", s.From, s.To, ed.From(), ed.To())
				}
				if s.Value != ed.Int(k) {
					t.Errorf("span value %d, Int %d", s.Value, ed.Int(k))
				}
				c := ed.Citation(k)
				if c.Instrument == "" || c.Text == "" || c.TextEN == "" {
					t.Errorf("citation %+v lacks instrument or text", c)
				}
				if !strings.Contains(c.TextEN, c.Instrument) {
					t.Errorf("TextEN %q does not name the instrument %q", c.TextEN, c.Instrument)
				}
			})
		}
	}
	for _, k := range credit.Keys() {
		for i, s := range b.Series(k) {
			if s.Citation.Instrument == "" || s.Citation.Text == "" || s.Citation.TextEN == "" {
				t.Errorf("Series(%v)[%d] citation %+v lacks instrument or text", k, i, s.Citation)
			}
		}
	}
}

func TestDefaultBookEditions(t *testing.T) {
	b := credit.DefaultBook()
	eds := b.Editions()
	want := []struct{ from, to credit.Date }{
		{from: policyDay, to: d(2025, time.November, 30)},
		{from: rateCut, to: credit.Date{}},
	}
	if len(eds) != len(want) {
		t.Fatalf("Editions() has %d editions, want %d", len(eds), len(want))
	}
	for i, w := range want {
		t.Run(w.from.String(), func(t *testing.T) {
			ed := eds[i]
			if ed.From() != w.from || ed.To() != w.to {
				t.Errorf("edition %d = %v..%v, want %v..%v", i, ed.From(), ed.To(), w.from, w.to)
			}
			if ed.Version() != credit.DefaultVersion {
				t.Errorf("edition %d version %q", i, ed.Version())
			}
			for _, on := range []credit.Date{ed.From(), ed.To()} {
				if on.IsZero() {
					continue
				}
				if p, err := b.On(on); err != nil || p != ed {
					t.Errorf("On(%v) = %p, %v, want edition %d (%p)", on, p, err, i, ed)
				}
			}
		})
	}
}

func TestSpanCovers(t *testing.T) {
	closed := credit.Span{From: d(2026, time.January, 1), To: d(2026, time.March, 31)}
	open := credit.Span{From: d(2026, time.January, 1)}
	tests := []struct {
		name string
		span credit.Span
		on   credit.Date
		want bool
	}{
		{name: "closed: day before", span: closed, on: d(2025, time.December, 31), want: false},
		{name: "closed: first day", span: closed, on: d(2026, time.January, 1), want: true},
		{name: "closed: last day", span: closed, on: d(2026, time.March, 31), want: true},
		{name: "closed: day after", span: closed, on: d(2026, time.April, 1), want: false},
		{name: "open: day before", span: open, on: d(2025, time.December, 31), want: false},
		{name: "open: first day", span: open, on: d(2026, time.January, 1), want: true},
		{name: "open: far future", span: open, on: d(9999, time.December, 31), want: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.span.Covers(tc.on); got != tc.want {
				t.Errorf("Covers(%v) = %v, want %v", tc.on, got, tc.want)
			}
		})
	}
}

func TestKeys(t *testing.T) {
	names := []string{
		"release_window_years", "worker_share_min_pct", "cap_training_per_month", "cap_individual",
		"cap_establishment_project", "cap_establishment_per_worker", "term_production_max_months",
		"training_short_course_max_months", "training_repayment_factor_short", "training_repayment_factor_long",
		"lending_rate_yearly_pct", "overdue_rate_pct", "collateral_threshold", "per_worker_cap_base",
		"window_ends_on_working_day", "payment_order", "early_repayment_order",
		"lending_rate_cut_yearly_pct", "rate_cut_lowers_overdue_rate",
	}
	ks := credit.Keys()
	if len(ks) != len(names) {
		t.Fatalf("Keys() has %d keys, want %d", len(ks), len(names))
	}
	for i, k := range ks {
		t.Run(names[i], func(t *testing.T) {
			if k != credit.Key(i) || k.String() != names[i] {
				t.Errorf("Keys()[%d] = %v (%d), want %s", i, k, k, names[i])
			}
			if got, ok := credit.KeyNamed(names[i]); !ok || got != k {
				t.Errorf("KeyNamed(%q) = %v, %v", names[i], got, ok)
			}
			a := k.About()
			if a.VI == "" || a.EN == "" {
				t.Errorf("About() = %+v", a)
			}
		})
	}
	if _, ok := credit.KeyNamed("lending_rate_monthly_pct"); ok {
		t.Error("KeyNamed found a key that does not exist")
	}
	if _, ok := credit.KeyNamed(""); ok {
		t.Error("KeyNamed(\"\") found a key")
	}
	if got := credit.Key(len(names)).String(); got != "key("+strconv.Itoa(len(names))+")" {
		t.Errorf("String() of an unknown key = %q", got)
	}
}

func TestKeyKindsAndFormat(t *testing.T) {
	tests := []struct {
		name string
		key  credit.Key
		kind credit.Kind
		unit string
		v    int64
		want string
	}{
		{name: "count", key: credit.ReleaseWindowYears, kind: credit.KindCount, unit: "years", v: 5, want: "5"},
		{name: "percent", key: credit.OverdueRatePct, kind: credit.KindPercent, unit: "percent of the lending rate", v: 130, want: "130"},
		{name: "money", key: credit.CapIndividual, kind: credit.KindMoney, unit: "VND", v: 100_000_000, want: "100000000"},
		{name: "rate", key: credit.LendingRate, kind: credit.KindRate, unit: "percent per year", v: 4_240_000_000, want: "4.24"},
		{name: "rate smallest", key: credit.LendingRate, kind: credit.KindRate, unit: "percent per year", v: 1, want: "0.000000001"},
		{name: "flag off", key: credit.WindowEndsOnWorkingDay, kind: credit.KindFlag, v: 0, want: "false"},
		{name: "flag on", key: credit.WindowEndsOnWorkingDay, kind: credit.KindFlag, v: 1, want: "true"},
		{name: "choice 0", key: credit.PerWorkerCapBase, kind: credit.KindChoice, v: credit.CapBaseAllWorkers, want: "all_workers"},
		{name: "choice 1", key: credit.PerWorkerCapBase, kind: credit.KindChoice, v: credit.CapBaseQualifyingWorkers, want: "qualifying_workers"},
		{name: "choice out of range", key: credit.PerWorkerCapBase, kind: credit.KindChoice, v: 2, want: "2"},
		{name: "choice negative", key: credit.PerWorkerCapBase, kind: credit.KindChoice, v: -1, want: "-1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.key.Kind() != tc.kind {
				t.Errorf("Kind() = %v, want %v", tc.key.Kind(), tc.kind)
			}
			if tc.key.Unit() != tc.unit {
				t.Errorf("Unit() = %q, want %q", tc.key.Unit(), tc.unit)
			}
			if got := tc.key.Format(tc.v); got != tc.want {
				t.Errorf("Format(%d) = %q, want %q", tc.v, got, tc.want)
			}
		})
	}
	ch := credit.PerWorkerCapBase.Choices()
	if !slices.Equal(ch, []string{"all_workers", "qualifying_workers"}) {
		t.Fatalf("Choices() = %v", ch)
	}
	ch[0] = "changed"
	if credit.PerWorkerCapBase.Choices()[0] != "all_workers" {
		t.Error("Choices() returns the key's own slice")
	}
}

func TestWindowLastDayDefault(t *testing.T) {
	p, err := credit.DefaultBook().On(d(2024, time.June, 1))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		completed credit.Date
		want      credit.Date
	}{
		{name: "legal reference: 2019-06-01", completed: d(2019, time.June, 1), want: d(2024, time.June, 1)},
		{name: "legal reference: 2020-02-29", completed: d(2020, time.February, 29), want: d(2025, time.February, 28)},
		{name: "worked case 3: 2019-03-01", completed: d(2019, time.March, 1), want: d(2024, time.March, 1)},
		{name: "worked case 1: 2022-03-15", completed: d(2022, time.March, 15), want: d(2027, time.March, 15)},
		{name: "a Saturday stays when the flag is off", completed: d(2019, time.August, 31), want: d(2024, time.August, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := p.WindowLastDay(tc.completed); got != tc.want {
				t.Errorf("WindowLastDay(%v) = %v, want %v", tc.completed, got, tc.want)
			}
		})
	}
}

func workingDayOn(t *testing.T, b *credit.Book) *credit.Book {
	t.Helper()
	nb, err := b.With("test/working-day", credit.WindowEndsOnWorkingDay, []credit.Span{
		{From: policyDay, Value: 1, Citation: credit.Cite(credit.BLDS, 148, 5, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return nb
}

func TestWindowLastDayWorkingDay(t *testing.T) {
	weekends := workingDayOn(t, credit.DefaultBook())
	holidays, err := credit.LoadBook(strings.NewReader(`{
		"version": "test/holidays",
		"public_holidays": ["2024-09-03", "2024-09-02", "2024-09-02"],
		"parameters": {
			"window_ends_on_working_day": [
				{"from": "2023-10-10", "value": true, "citation": {"instrument": "91/2015/QH13", "article": 148, "clause": 5}}
			]
		}
	}`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := holidays.Holidays(), []credit.Date{d(2024, time.September, 2), d(2024, time.September, 3)}; !slices.Equal(got, want) {
		t.Errorf("Holidays() = %v, want %v (sorted, without duplicates)", got, want)
	}
	// Holidays without the flag change nothing.
	flagOff, err := credit.LoadBook(strings.NewReader(`{"version": "test/holidays-only", "public_holidays": ["2024-09-02", "2024-09-03"]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		book      *credit.Book
		completed credit.Date
		want      credit.Date
	}{
		{name: "Saturday moves to Monday", book: weekends, completed: d(2019, time.June, 1), want: d(2024, time.June, 3)},
		{name: "Sunday moves to Monday", book: weekends, completed: d(2019, time.June, 2), want: d(2024, time.June, 3)},
		{name: "Friday stays", book: weekends, completed: d(2019, time.May, 31), want: d(2024, time.May, 31)},
		{name: "Monday stays", book: weekends, completed: d(2019, time.June, 3), want: d(2024, time.June, 3)},
		{name: "leap-day completion ending on a Friday", book: weekends, completed: d(2020, time.February, 29), want: d(2025, time.February, 28)},
		{name: "no holidays known: Monday holiday stays", book: weekends, completed: d(2019, time.September, 2), want: d(2024, time.September, 2)},
		{name: "weekend then two holidays", book: holidays, completed: d(2019, time.August, 31), want: d(2024, time.September, 4)},
		{name: "Sunday then two holidays", book: holidays, completed: d(2019, time.September, 1), want: d(2024, time.September, 4)},
		{name: "first holiday", book: holidays, completed: d(2019, time.September, 2), want: d(2024, time.September, 4)},
		{name: "second holiday", book: holidays, completed: d(2019, time.September, 3), want: d(2024, time.September, 4)},
		{name: "working day after the holidays", book: holidays, completed: d(2019, time.September, 4), want: d(2024, time.September, 4)},
		{name: "Friday before the holidays", book: holidays, completed: d(2019, time.August, 30), want: d(2024, time.August, 30)},
		{name: "flag off ignores holidays", book: flagOff, completed: d(2019, time.September, 2), want: d(2024, time.September, 2)},
		{name: "flag off ignores weekends", book: flagOff, completed: d(2019, time.August, 31), want: d(2024, time.August, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.book.On(d(2024, time.June, 1))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.WindowLastDay(tc.completed); got != tc.want {
				t.Errorf("WindowLastDay(%v) = %v (%v), want %v (%v)", tc.completed, got, got.Weekday(), tc.want, tc.want.Weekday())
			}
		})
	}
}

func TestWindowLastDayLongerWindow(t *testing.T) {
	b, err := credit.DefaultBook().With("test/window-7", credit.ReleaseWindowYears, []credit.Span{
		{From: policyDay, To: d(2025, time.December, 31), Value: 5, Citation: credit.Cite(credit.QD22, 3, 2, "a")},
		{From: d(2026, time.January, 1), Value: 7, Citation: credit.Cite("1/2026/QĐ-UBND", 0, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		on   credit.Date
		want credit.Date
	}{
		{name: "last day of the 5-year window", on: d(2025, time.December, 31), want: d(2025, time.February, 28)},
		{name: "first day of the 7-year window", on: d(2026, time.January, 1), want: d(2027, time.February, 28)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.On(tc.on)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.WindowLastDay(d(2020, time.February, 29)); got != tc.want {
				t.Errorf("WindowLastDay(2020-02-29) on %v = %v, want %v", tc.on, got, tc.want)
			}
		})
	}
}

func TestBookWith(t *testing.T) {
	qd := credit.Cite(credit.QD22, 3, 2, "a")
	const window = "/parameters/release_window_years"
	const rate = "/parameters/lending_rate_yearly_pct"
	const overdue = "/parameters/overdue_rate_pct"
	tests := []struct {
		name    string
		version string // "test/with" when empty, unless noVersion
		noVer   bool
		key     credit.Key
		spans   []credit.Span
		want    []problem // nil: no error
	}{
		{name: "one open span", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 5, Citation: qd}}},
		{name: "first span starts before the policy", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: d(2000, time.January, 1), Value: 5, Citation: qd}}},
		{name: "first span starts a day after the policy", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: d(2023, time.October, 11), Value: 5, Citation: qd}},
			want:  []problem{{window + "/0/from", credit.CodeGap}}},
		{name: "adjacent spans", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2024, time.December, 31), Value: 5, Citation: qd},
				{From: d(2025, time.January, 1), Value: 6, Citation: qd}}},
		{name: "one-day span", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: policyDay, Value: 5, Citation: qd},
				{From: d(2023, time.October, 11), Value: 6, Citation: qd}}},
		{name: "gap of one day", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2024, time.December, 31), Value: 5, Citation: qd},
				{From: d(2025, time.January, 2), Value: 6, Citation: qd}},
			want: []problem{{window + "/1/from", credit.CodeGap}}},
		{name: "overlap of one day", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2024, time.December, 31), Value: 5, Citation: qd},
				{From: d(2024, time.December, 31), Value: 6, Citation: qd}},
			want: []problem{{window + "/1/from", credit.CodeOverlap}}},
		{name: "open span before another", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, Value: 5, Citation: qd},
				{From: d(2025, time.January, 1), Value: 6, Citation: qd}},
			want: []problem{{window + "/1/from", credit.CodeOverlap}}},
		{name: "same start twice", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2024, time.December, 31), Value: 5, Citation: qd},
				{From: policyDay, Value: 6, Citation: qd}},
			want: []problem{{window + "/1/from", credit.CodeUnordered}}},
		{name: "newest first", key: credit.LendingRate,
			spans: []credit.Span{
				{From: rateCut, Value: 6_240_000_000, Citation: credit.Cite(credit.QD2553, 0, 0, "")},
				{From: d(2015, time.June, 5), To: d(2025, time.November, 30), Value: 6_600_000_000, Citation: credit.Cite(credit.QD750, 0, 0, "")}},
			want: []problem{
				{rate + "/0/from", credit.CodeGap},
				{rate + "/1/from", credit.CodeUnordered},
				{rate + "/1/to", credit.CodeGap}}},
		{name: "to before from", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, To: d(2023, time.October, 9), Value: 5, Citation: qd}},
			want:  []problem{{window + "/0/to", credit.CodeToBeforeFrom}}},
		{name: "to before from, then a span", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2023, time.October, 9), Value: 5, Citation: qd},
				{From: d(2023, time.October, 11), Value: 6, Citation: qd}},
			want: []problem{{window + "/0/to", credit.CodeToBeforeFrom}, {window + "/1/from", credit.CodeGap}}},
		{name: "last span has an end", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, To: d(2030, time.December, 31), Value: 5, Citation: qd}},
			want:  []problem{{window + "/0/to", credit.CodeGap}}},
		{name: "missing from", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{Value: 5, Citation: qd}},
			want:  []problem{{window + "/0/from", credit.CodeRequired}}},
		{name: "window 0 years", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 0, Citation: qd}},
			want:  []problem{{window + "/0/value", credit.CodeOutOfRange}}},
		{name: "window 1 year", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 1, Citation: qd}}},
		{name: "window 100 years", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 100, Citation: qd}}},
		{name: "window 101 years", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 101, Citation: qd}},
			want:  []problem{{window + "/0/value", credit.CodeOutOfRange}}},
		{name: "rate -1 billionth", key: credit.LendingRate,
			spans: []credit.Span{{From: policyDay, Value: -1, Citation: qd}},
			want:  []problem{{rate + "/0/value", credit.CodeOutOfRange}}},
		{name: "rate 0", key: credit.LendingRate,
			spans: []credit.Span{{From: policyDay, Value: 0, Citation: qd}}},
		{name: "rate 100 %/year", key: credit.LendingRate,
			spans: []credit.Span{{From: policyDay, Value: 100_000_000_000, Citation: qd}}},
		{name: "rate just over 100 %/year", key: credit.LendingRate,
			spans: []credit.Span{{From: policyDay, Value: 100_000_000_001, Citation: qd}},
			want:  []problem{{rate + "/0/value", credit.CodeOutOfRange}}},
		{name: "overdue 99 %", key: credit.OverdueRatePct,
			spans: []credit.Span{{From: policyDay, Value: 99, Citation: qd}},
			want:  []problem{{overdue + "/0/value", credit.CodeOutOfRange}}},
		{name: "overdue 100 %", key: credit.OverdueRatePct,
			spans: []credit.Span{{From: policyDay, Value: 100, Citation: qd}}},
		{name: "overdue 1000 %", key: credit.OverdueRatePct,
			spans: []credit.Span{{From: policyDay, Value: 1000, Citation: qd}}},
		{name: "overdue 1001 %", key: credit.OverdueRatePct,
			spans: []credit.Span{{From: policyDay, Value: 1001, Citation: qd}},
			want:  []problem{{overdue + "/0/value", credit.CodeOutOfRange}}},
		{name: "individual cap 0", key: credit.CapIndividual,
			spans: []credit.Span{{From: policyDay, Value: 0, Citation: qd}},
			want:  []problem{{"/parameters/cap_individual/0/value", credit.CodeOutOfRange}}},
		{name: "individual cap MaxVND", key: credit.CapIndividual,
			spans: []credit.Span{{From: policyDay, Value: int64(credit.MaxVND), Citation: qd}}},
		{name: "individual cap MaxVND + 1", key: credit.CapIndividual,
			spans: []credit.Span{{From: policyDay, Value: int64(credit.MaxVND) + 1, Citation: qd}},
			want:  []problem{{"/parameters/cap_individual/0/value", credit.CodeOutOfRange}}},
		{name: "collateral threshold 0", key: credit.CollateralThreshold,
			spans: []credit.Span{{From: policyDay, Value: 0, Citation: qd}}},
		{name: "collateral threshold -1", key: credit.CollateralThreshold,
			spans: []credit.Span{{From: policyDay, Value: -1, Citation: qd}},
			want:  []problem{{"/parameters/collateral_threshold/0/value", credit.CodeOutOfRange}}},
		{name: "flag 1", key: credit.WindowEndsOnWorkingDay,
			spans: []credit.Span{{From: policyDay, Value: 1, Citation: qd}}},
		{name: "flag 2", key: credit.WindowEndsOnWorkingDay,
			spans: []credit.Span{{From: policyDay, Value: 2, Citation: qd}},
			want:  []problem{{"/parameters/window_ends_on_working_day/0/value", credit.CodeOutOfRange}}},
		{name: "choice 1", key: credit.PerWorkerCapBase,
			spans: []credit.Span{{From: policyDay, Value: credit.CapBaseQualifyingWorkers, Citation: qd}}},
		{name: "choice 2", key: credit.PerWorkerCapBase,
			spans: []credit.Span{{From: policyDay, Value: 2, Citation: qd}},
			want:  []problem{{"/parameters/per_worker_cap_base/0/value", credit.CodeOutOfRange}}},
		{name: "missing citation instrument", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 5}},
			want:  []problem{{window + "/0/citation/instrument", credit.CodeRequired}}},
		{name: "citation with text but no instrument", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 5, Citation: credit.Citation{Text: "Điều 3", Article: 3}}},
			want:  []problem{{window + "/0/citation/instrument", credit.CodeRequired}}},
		{name: "empty series", key: credit.ReleaseWindowYears, spans: []credit.Span{},
			want: []problem{{window, credit.CodeEmpty}}},
		{name: "nil series", key: credit.LendingRate, spans: nil,
			want: []problem{{rate, credit.CodeEmpty}}},
		{name: "two mistakes in one span", key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 0}},
			want: []problem{
				{window + "/0/value", credit.CodeOutOfRange},
				{window + "/0/citation/instrument", credit.CodeRequired}}},
		{name: "mistakes in several spans", key: credit.ReleaseWindowYears,
			spans: []credit.Span{
				{From: policyDay, To: d(2024, time.December, 31), Value: 101, Citation: qd},
				{From: d(2025, time.January, 5), To: d(2025, time.January, 4), Value: 5},
				{From: d(2025, time.January, 5), Value: 5, Citation: qd}},
			want: []problem{
				{window + "/0/value", credit.CodeOutOfRange},
				{window + "/1/from", credit.CodeGap},
				{window + "/1/to", credit.CodeToBeforeFrom},
				{window + "/1/citation/instrument", credit.CodeRequired},
				{window + "/2/from", credit.CodeUnordered}}},
		{name: "missing version", noVer: true, key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 5, Citation: qd}},
			want:  []problem{{"/version", credit.CodeRequired}}},
		{name: "missing version and a bad value", noVer: true, key: credit.ReleaseWindowYears,
			spans: []credit.Span{{From: policyDay, Value: 0, Citation: qd}},
			want:  []problem{{"/version", credit.CodeRequired}, {window + "/0/value", credit.CodeOutOfRange}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			base := credit.DefaultBook()
			version := "test/with"
			if tc.noVer {
				version = ""
			}
			nb, err := base.With(version, tc.key, tc.spans)
			if tc.want != nil {
				if nb != nil {
					t.Errorf("With returned a book with an error")
				}
				checkProblems(t, err, tc.want)
				return
			}
			if err != nil {
				t.Fatalf("With error = %v", err)
			}
			if nb.Version() != version {
				t.Errorf("Version() = %q, want %q", nb.Version(), version)
			}
			got := nb.Series(tc.key)
			if len(got) != len(tc.spans) {
				t.Fatalf("Series has %d spans, want %d", len(got), len(tc.spans))
			}
			for i, s := range got {
				w := tc.spans[i]
				if s.From != w.From || s.To != w.To || s.Value != w.Value || s.Citation.Instrument != w.Citation.Instrument {
					t.Errorf("Series[%d] = %+v, want %+v", i, s, w)
				}
			}
			if base.Version() != credit.DefaultVersion {
				t.Errorf("With changed the base book's version to %q", base.Version())
			}
			for _, ed := range nb.Editions() {
				if ed.Version() != version {
					t.Errorf("edition from %v has version %q", ed.From(), ed.Version())
				}
			}
		})
	}
}

func TestBookWithUnknownKey(t *testing.T) {
	qd := credit.Cite(credit.QD22, 0, 0, "")
	last := credit.Keys()[len(credit.Keys())-1]
	tests := []struct {
		name    string
		key     credit.Key
		wantErr bool
	}{
		{name: "last key", key: last},
		{name: "one past the last key", key: last + 1, wantErr: true},
		{name: "far past the last key", key: 255, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nb, err := credit.DefaultBook().With("test", tc.key, []credit.Span{{From: policyDay, Value: 0, Citation: qd}})
			if (err != nil) != tc.wantErr || (nb == nil) != tc.wantErr {
				t.Errorf("With(key %d) = %v, %v; want error %v", tc.key, nb, err, tc.wantErr)
			}
		})
	}
}

func TestBookIsolation(t *testing.T) {
	base := credit.DefaultBook()
	spans := []credit.Span{{From: policyDay, Value: 7, Citation: credit.Cite(credit.QD22, 3, 2, "a")}}
	nb, err := base.With("test/isolation", credit.ReleaseWindowYears, spans)
	if err != nil {
		t.Fatal(err)
	}
	spans[0].Value = 9 // the caller's slice must not be shared
	series := nb.Series(credit.ReleaseWindowYears)
	series[0].Value = 11 // nor the copy Series returns
	p, _ := nb.On(policyDay)
	if got := p.Int(credit.ReleaseWindowYears); got != 7 {
		t.Errorf("new book's window = %d, want 7", got)
	}
	if got := nb.Series(credit.ReleaseWindowYears)[0].Value; got != 7 {
		t.Errorf("new book's series value = %d, want 7", got)
	}
	bp, _ := base.On(policyDay)
	if got := bp.Int(credit.ReleaseWindowYears); got != 5 {
		t.Errorf("base book's window = %d after With, want 5", got)
	}
	hs := credit.DefaultBook().Holidays()
	if hs != nil && len(hs) != 0 {
		t.Errorf("default holidays = %v", hs)
	}
}

// TestTemporaryRateCut models a cut to 4.24 %/year over one quarter, after
// which the rate returns to 6.24 %/year.
func TestTemporaryRateCut(t *testing.T) {
	cut := credit.Cite("9999/QĐ-TTg", 0, 0, "")
	b, err := credit.DefaultBook().With("test/rate-cut", credit.LendingRate, []credit.Span{
		{From: d(2015, time.June, 5), To: d(2025, time.November, 30), Value: 6_600_000_000, Citation: credit.Cite(credit.QD750, 0, 0, "")},
		{From: rateCut, To: d(2025, time.December, 31), Value: 6_240_000_000, Citation: credit.Cite(credit.QD2553, 0, 0, "")},
		{From: d(2026, time.January, 1), To: d(2026, time.March, 31), Value: 4_240_000_000, Citation: cut},
		{From: d(2026, time.April, 1), Value: 6_240_000_000, Citation: credit.Cite(credit.QD2553, 0, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var after []*credit.Params
	for _, ed := range b.Editions() {
		if !ed.From().Before(rateCut) {
			after = append(after, ed)
		}
	}
	wantEds := []struct{ from, to credit.Date }{
		{rateCut, d(2025, time.December, 31)},
		{d(2026, time.January, 1), d(2026, time.March, 31)},
		{d(2026, time.April, 1), credit.Date{}},
	}
	if len(after) != len(wantEds) || len(b.Editions()) != 4 {
		t.Fatalf("%d editions from 2025-12-01 (of %d), want 3 (of 4)", len(after), len(b.Editions()))
	}
	for i, w := range wantEds {
		if after[i].From() != w.from || after[i].To() != w.to {
			t.Errorf("edition %d = %v..%v, want %v..%v", i, after[i].From(), after[i].To(), w.from, w.to)
		}
	}
	tests := []struct {
		name       string
		on         credit.Date
		yearly     string
		monthly    string
		overdue    string
		instrument string
	}{
		{name: "last day of 0.55", on: d(2025, time.November, 30), yearly: "6.6", monthly: "0.55", overdue: "0.715", instrument: credit.QD750},
		{name: "last day before the cut", on: d(2025, time.December, 31), yearly: "6.24", monthly: "0.52", overdue: "0.676", instrument: credit.QD2553},
		{name: "first day of the cut", on: d(2026, time.January, 1), yearly: "4.24", monthly: "0.353333333", overdue: "0.459333333", instrument: "9999/QĐ-TTg"},
		{name: "last day of the cut", on: d(2026, time.March, 31), yearly: "4.24", monthly: "0.353333333", overdue: "0.459333333", instrument: "9999/QĐ-TTg"},
		{name: "back to 6.24", on: d(2026, time.April, 1), yearly: "6.24", monthly: "0.52", overdue: "0.676", instrument: credit.QD2553},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.On(tc.on)
			if err != nil {
				t.Fatal(err)
			}
			if got := p.LendingRate().YearlyPct().String(); got != tc.yearly {
				t.Errorf("yearly = %s, want %s", got, tc.yearly)
			}
			if got := p.LendingRate().MonthlyPct().String(); got != tc.monthly {
				t.Errorf("monthly = %s, want %s", got, tc.monthly)
			}
			if got := p.OverdueRate().MonthlyPct().String(); got != tc.overdue {
				t.Errorf("overdue monthly = %s, want %s", got, tc.overdue)
			}
			if got := p.Citation(credit.LendingRate).Instrument; got != tc.instrument {
				t.Errorf("rate citation = %s, want %s", got, tc.instrument)
			}
			if p.Version() != "test/rate-cut" {
				t.Errorf("Version() = %q", p.Version())
			}
		})
	}
}

func TestFieldErrorText(t *testing.T) {
	cause := errors.New("cause")
	tests := []struct {
		name string
		fe   credit.FieldError
		want string
	}{
		{name: "pointer", fe: credit.FieldError{Pointer: "/version", Code: credit.CodeRequired, Message: credit.MsgRequired},
			want: "/version: required: This value is required."},
		{name: "whole input", fe: credit.FieldError{Code: credit.CodeInvalidType},
			want: "/: invalid_type"},
		{name: "row and column", fe: credit.FieldError{Pointer: "/rows/3/amount", Row: 4, Column: "M", Code: credit.CodeNegative, Message: credit.MsgNegativeAmount},
			want: "/rows/3/amount (row 4, column M): negative: The amount must not be negative."},
		{name: "row only", fe: credit.FieldError{Pointer: "/rows/0", Row: 1, Code: credit.CodeRequired, Err: cause},
			want: "/rows/0 (row 1): required"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.fe.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
			if !errors.Is(&tc.fe, credit.ErrInvalid) {
				t.Error("not ErrInvalid")
			}
			if errors.Is(&tc.fe, cause) != (tc.fe.Err == cause) {
				t.Errorf("errors.Is(cause) = %v", errors.Is(&tc.fe, cause))
			}
		})
	}
}

func TestProblemsList(t *testing.T) {
	var empty credit.Problems
	if empty.Err() != nil {
		t.Error("Err() of no problems is not nil")
	}
	var ps credit.Problems
	ps.Add("/a", credit.CodeRequired, credit.MsgRequired, nil)
	if ps.Err() == nil || ps.Error() != "/a: required: This value is required." {
		t.Errorf("one problem: %v", ps.Err())
	}
	ps.Add("/b", credit.CodeBeforePolicy, credit.MsgBeforePolicy, credit.ErrBeforePolicy)
	err := ps.Err()
	if !strings.HasPrefix(err.Error(), "2 problems: /a: required") {
		t.Errorf("Error() = %q", err.Error())
	}
	if !errors.Is(err, credit.ErrInvalid) || !errors.Is(err, credit.ErrBeforePolicy) {
		t.Error("errors.Is does not see through Problems")
	}
	if !ps.Has("/b") || ps.Has("/c") {
		t.Error("Has")
	}
}
