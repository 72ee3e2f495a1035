package reporting

import (
	"cmp"
	"slices"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// Capital is the capital available for the year's lending, by source, in
// whole đồng: the state budget entrusted through VBSP (Central), the
// province's own budget entrusted to VBSP (Local) and any other source
// (Other). The zero value is no capital.
type Capital struct {
	Central credit.VND
	Local   credit.VND
	Other   credit.VND
}

// Total returns the capital of every source.
func (c Capital) Total() credit.VND { return c.Central + c.Local + c.Other }

// Demand is the annual (Q3) review of loan demand against capital (legal
// reference §7: "review borrowers and total the loan demand; advise the
// People's Council/Committee on local budget to entrust to VBSP").
//
// Each person (ID number) counts once, with the row of their latest list;
// they belong to that list's commune and that row's purpose. Lists are
// sorted by their key, ascending, and are never nil.
type Demand struct {
	Year   int
	People int        // distinct people on the year's lists
	Demand credit.VND // the sum of each person's latest amount

	Capital credit.VND // Capital.Total() of the capital given
	// Shortfall is max(0, Demand − Capital): what the province would need
	// to entrust from its local budget.
	Shortfall credit.VND
	// CoveragePct is Capital / Demand as a percentage (RatioPct): "50.00"
	// when the capital covers half the demand, above "100.00" when it
	// covers more than all of it, "0" when there is no demand.
	CoveragePct string

	ByCommune []DemandGroup // by commune code; each with its ByPurpose
	ByPurpose []DemandGroup // one per credit.Purposes(), in that order, even when empty
}

// DemandGroup is the demand of the people of one commune (CommuneCode set,
// Purpose unknown) or of one purpose (Purpose set, CommuneCode "").
type DemandGroup struct {
	CommuneCode string
	Purpose     credit.Purpose
	People      int
	Demand      credit.VND
	// ByPurpose splits a commune's group by purpose: one group per
	// credit.Purposes(), in that order, even when empty. Nil in a purpose's
	// group.
	ByPurpose []DemandGroup
}

// DemandReview totals the demand of the year's commune lists against the
// capital available. A nil b is credit.DefaultBook().
//
// Every list must be valid (forms.Validate01) and of year; the capital of
// each source must be between 0 and credit.MaxVND. Otherwise the error is a
// credit.Problems with every problem at once, each pointing into the
// request of POST /v1/reports/demand-review: problems of a list are
// re-pointed under it (/lists/1/rows/0/id_number), a list of another year
// is CodeWrongYear at /lists/i/period, a bad amount of capital is at
// /capital/central, /capital/local or /capital/other. At most MaxProblems
// problems are listed: once it has found more, DemandReview stops checking
// and ends the list with one CodeTooManyProblems at "/lists".
//
// A person (ID number) on several lists counts once, with the row of the
// latest period; between lists of the same period, the one prepared last;
// between lists prepared on the same day too, the later in lists.
func DemandReview(b *credit.Book, year int, lists []forms.List01, capital Capital) (Demand, error) {
	if b == nil {
		b = credit.DefaultBook()
	}
	var pr credit.Problems
	if !validYear(year) {
		pr.Add("/year", credit.CodeOutOfRange, msgYear, ErrLists)
	}
	checkCapital(&pr, "/capital/central", capital.Central)
	checkCapital(&pr, "/capital/local", capital.Local)
	checkCapital(&pr, "/capital/other", capital.Other)
	// A list of another year is reported only against a real year.
	checkLists(&pr, b, lists, func(l *forms.List01) bool { return !validYear(year) || l.Period.Year == year },
		CodeWrongYear, msgWrongYear)
	if err := capped(pr, "/lists"); err != nil {
		return Demand{}, err
	}

	// latest[id] is the list whose row names the person last.
	latest := make(map[string]int)
	for i := range lists {
		for j := range lists[i].Rows {
			id := lists[i].Rows[j].IDNumber
			if k, ok := latest[id]; !ok || !listBefore(&lists[i], &lists[k]) {
				latest[id] = i // i > k: a tie goes to the later list
			}
		}
	}

	d := Demand{Year: year, Capital: capital.Total()}
	communes := make(map[string]*DemandGroup)
	purposes := purposeGroups()
	for i := range lists {
		l := &lists[i]
		for j := range l.Rows {
			r := &l.Rows[j]
			if latest[r.IDNumber] != i {
				continue
			}
			d.People++
			d.Demand += r.Amount
			c := communes[l.CommuneCode]
			if c == nil {
				c = &DemandGroup{CommuneCode: l.CommuneCode, ByPurpose: purposeGroups()}
				communes[l.CommuneCode] = c
			}
			c.People++
			c.Demand += r.Amount
			for _, g := range [...]*DemandGroup{groupOf(c.ByPurpose, r.Purpose), groupOf(purposes, r.Purpose)} {
				if g != nil { // always: the purpose of a valid row is one of credit.Purposes()
					g.People++
					g.Demand += r.Amount
				}
			}
		}
	}
	d.ByCommune = make([]DemandGroup, 0, len(communes))
	for _, c := range communes {
		d.ByCommune = append(d.ByCommune, *c)
	}
	slices.SortFunc(d.ByCommune, func(a, b DemandGroup) int { return cmp.Compare(a.CommuneCode, b.CommuneCode) })
	d.ByPurpose = purposes
	d.Shortfall = max(0, d.Demand-d.Capital)
	d.CoveragePct = RatioPct(d.Capital, d.Demand)
	return d, nil
}

// listBefore reports whether list a comes before list b in time: an
// earlier period, or the same period prepared earlier.
func listBefore(a, b *forms.List01) bool {
	if c := periodCompare(a.Period, b.Period); c != 0 {
		return c < 0
	}
	return a.PreparedOn.Before(b.PreparedOn)
}

// purposeGroups returns an empty group for each of credit.Purposes().
func purposeGroups() []DemandGroup {
	ps := credit.Purposes()
	gs := make([]DemandGroup, len(ps))
	for i, p := range ps {
		gs[i] = DemandGroup{Purpose: p}
	}
	return gs
}

// groupOf returns the group of purpose p in gs, nil if none.
func groupOf(gs []DemandGroup, p credit.Purpose) *DemandGroup {
	for i := range gs {
		if gs[i].Purpose == p {
			return &gs[i]
		}
	}
	return nil
}

// checkCapital checks one source of capital.
func checkCapital(pr *credit.Problems, at string, v credit.VND) {
	switch {
	case v < 0:
		pr.Add(at, credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case v > credit.MaxVND:
		pr.Add(at, credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
	}
}
