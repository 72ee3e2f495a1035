package credit_test

import (
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

// citationRow is one row of testdata/citations.csv.
type citationRow struct {
	instrument      string
	year            int
	article, clause int
	point           string
	text, textEN    string
}

func readCitationTable(t *testing.T) map[string]citationRow {
	t.Helper()
	f, err := os.Open("testdata/citations.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	num := func(s string) int {
		if s == "" {
			return 0
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("citations.csv: %q is not a number", s)
		}
		return n
	}
	table := map[string]citationRow{}
	for _, rec := range recs[1:] {
		key := rec[0] + " " + rec[1]
		if _, dup := table[key]; dup {
			t.Fatalf("citations.csv: %s twice", key)
		}
		table[key] = citationRow{instrument: rec[2], year: num(rec[3]), article: num(rec[4]), clause: num(rec[5]),
			point: rec[6], text: rec[7], textEN: rec[8]}
	}
	return table
}

// TestCitationTable walks every rule, every term and every span of every
// parameter of the built-in book, and checks each citation against the one
// table of expected citations (testdata/citations.csv), both ways: nothing
// cited is missing from the table, nothing in the table goes unchecked.
func TestCitationTable(t *testing.T) {
	table := readCitationTable(t)
	seen := map[string]bool{}
	check := func(kind, id string, c *credit.Citation) {
		t.Helper()
		key := kind + " " + id
		seen[key] = true
		want, ok := table[key]
		if !ok {
			t.Errorf("%s: cited as %q, but not in testdata/citations.csv", key, c.Text)
			return
		}
		if c.Instrument != want.instrument || c.Year != want.year || c.Article != want.article ||
			c.Clause != want.clause || c.Point != want.point || c.Text != want.text || c.TextEN != want.textEN {
			t.Errorf("%s: cited as\n\t%s %d art. %d cl. %d pt. %q %q %q\nwant\n\t%s %d art. %d cl. %d pt. %q %q %q", key,
				c.Instrument, c.Year, c.Article, c.Clause, c.Point, c.Text, c.TextEN,
				want.instrument, want.year, want.article, want.clause, want.point, want.text, want.textEN)
		}
	}
	b := credit.DefaultBook()

	// Every span of every parameter, national and provincial.
	for _, k := range credit.Keys() {
		for _, s := range b.Series(k) {
			id := k.String() + "@" + s.From.String()
			if !s.National() {
				id += "@" + strings.Join(s.Provinces, " ")
			}
			check("parameter", id, &s.Citation)
		}
	}
	ic := b.InForceCitation()
	check("parameter", "in_force", &ic)

	// Every rule, for each kind of borrower it applies to.
	on := credit.MustDate(2026, 1, 5)
	p, err := b.On(on)
	if err != nil {
		t.Fatal(err)
	}
	both := map[eligibility.Rule]bool{eligibility.NoSamePurposeDebt: true, eligibility.PurposeAllowed: true}
	for _, r := range eligibility.Rules() {
		est := strings.HasPrefix(r.String(), "establishment.")
		if both[r] {
			check("rule", r.String()+"/individual", r.Citation(p, false))
			check("rule", r.String()+"/establishment", r.Citation(p, true))
			continue
		}
		check("rule", r.String(), r.Citation(p, est))
	}

	// Every term, as Assess grounds it.
	person := func(d credit.Date, purpose credit.Purpose, course int, province string) eligibility.Application {
		return eligibility.Application{On: d, Province: province, Purpose: purpose, CourseMonths: course,
			SamePurposeDebt: eligibility.No,
			Individual: &eligibility.Individual{
				Release:       eligibility.Release{Basis: eligibility.Completion, CompletedOn: credit.MustDate(2023, 3, 1)},
				OnCommuneList: eligibility.Yes, HouseholdHasCapableAdult: eligibility.Yes}}
	}
	firm := func(total, qualifying int) eligibility.Application {
		return eligibility.Application{On: on, Purpose: credit.Production, SamePurposeDebt: eligibility.No,
			Establishment: &eligibility.Establishment{Kind: eligibility.Cooperative, Lawful: eligibility.Yes,
				TotalWorkers: eligibility.CountOf(total), QualifyingWorkers: eligibility.CountOf(qualifying),
				PlanConfirmed: eligibility.Yes}}
	}
	grounds := func(a eligibility.Application) [6]lending.Ground {
		t.Helper()
		as, err := lending.Assess(b, a)
		if err != nil || as.Terms == nil {
			t.Fatalf("Assess: %v, terms %v", err, as.Terms)
		}
		return as.Terms.Grounds
	}
	const capG, termG, rateG, overdueG, collateralG, methodG = 0, 1, 2, 3, 4, 5
	g := grounds(person(on, credit.Production, 0, ""))
	check("term", g[capG].Rule.String(), g[capG].Citation)
	check("term", g[termG].Rule.String(), g[termG].Citation)
	check("term", g[overdueG].Rule.String(), g[overdueG].Citation)
	check("term", g[collateralG].Rule.String(), g[collateralG].Citation)
	check("term", g[methodG].Rule.String(), g[methodG].Citation)
	g = grounds(person(on, credit.VocationalTraining, 12, ""))
	check("term", g[capG].Rule.String(), g[capG].Citation)
	check("term", g[termG].Rule.String()+"/short", g[termG].Citation)
	g = grounds(person(on, credit.VocationalTraining, 13, ""))
	check("term", g[termG].Rule.String()+"/long", g[termG].Citation)
	g = grounds(firm(30, 10)) // 30 × 100,000,000 > 2,000,000,000: the project cap binds
	check("term", g[capG].Rule.String()+"/project", g[capG].Citation)
	g = grounds(firm(10, 1)) // 10 × 100,000,000: the per-worker cap binds
	check("term", g[capG].Rule.String()+"/per_worker", g[capG].Citation)
	for _, tc := range []struct {
		on       credit.Date
		province string
	}{
		{credit.MustDate(2025, 11, 30), ""}, {credit.MustDate(2025, 12, 1), ""},
		{credit.MustDate(2025, 10, 15), "12"}, {credit.MustDate(2025, 10, 15), "56"}, {credit.MustDate(2025, 10, 15), "96"},
	} {
		g = grounds(person(tc.on, credit.Production, 0, tc.province))
		id := g[rateG].Rule.String() + "/" + tc.on.String()
		if tc.province != "" {
			id += "/" + tc.province
		}
		check("term", id, g[rateG].Citation)
	}

	var unchecked []string
	for key := range table {
		// Form problems are walked by forms.TestFormProblemCitations.
		if !seen[key] && !strings.HasPrefix(key, "form ") {
			unchecked = append(unchecked, key)
		}
	}
	slices.Sort(unchecked)
	for _, key := range unchecked {
		t.Errorf("%s is in testdata/citations.csv but nothing cites it", key)
	}
}
