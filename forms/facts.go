package forms

import (
	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Individual returns the facts a Mẫu số 01 row gives the eligibility rules:
// the release (basis and date) and, since the row is on a certified commune
// list, OnCommuneList = Yes. Whether the household has a capable adult is
// not on the form: Unknown.
func (r *Row01) Individual() eligibility.Individual {
	return eligibility.Individual{
		Release:       eligibility.Release{Basis: r.ReleaseBasis, CompletedOn: r.CompletedOn},
		OnCommuneList: eligibility.Yes,
	}
}

// Application returns the application of row i of the list, decided for the
// list's date in the commune's province (Province: its two-digit code in
// places.Default(); for a list checked against another catalogue c, set
// a.Province = l.ProvinceCode(c)): the row's purpose, amount and course,
// and its facts. Debt to VBSP under a programme with the same purpose is
// not on the form: Unknown.
func (l *List01) Application(i int) eligibility.Application {
	r := &l.Rows[i]
	ind := r.Individual()
	return eligibility.Application{
		On:           l.PreparedOn,
		Province:     l.ProvinceCode(nil),
		Purpose:      r.Purpose,
		Amount:       r.Amount,
		AmountAsked:  r.Amount > 0,
		CourseMonths: r.CourseMonths,
		Individual:   &ind,
	}
}

// Qualifies reports whether worker w counts towards an establishment's 10 %
// (QĐ22 Art. 3 cl. 3; legal reference §3, confidence M): a completion or
// special-amnesty certificate, the sentence completed within the window on
// the plan's date on (parameters p), named on the commune list, and a
// labour contract signed by then.
func Qualifies(p *credit.Params, on credit.Date, w *Worker02) bool {
	switch {
	case w.ReleaseBasis != eligibility.Completion && w.ReleaseBasis != eligibility.SpecialAmnesty:
		return false
	case w.CompletedOn.IsZero() || w.CompletedOn.After(on) || p.WindowLastDay(w.CompletedOn).Before(on):
		return false
	case w.OnCommuneList != eligibility.Yes:
		return false
	case w.ContractNo == "" || w.ContractDate.IsZero() || w.ContractDate.After(on):
		return false
	}
	return true
}

// qualifying counts the plan's qualifying workers.
func qualifying(p *credit.Params, pl *Plan02) int {
	n := 0
	for i := range pl.Workers {
		if Qualifies(p, pl.PreparedOn, &pl.Workers[i]) {
			n++
		}
	}
	return n
}

// Application returns the establishment's application decided for the
// plan's date in the commune's province (Province: its two-digit code in
// places.Default(), as List01.Application): the worker counts (QualifyingWorkers computed from the worker
// list with Qualifies), the plan confirmed when ConfirmedOn is set, the
// amount requested. Lawfulness is not proven by the form: Lawful is
// Unknown until the caller has checked the business registration. Debt to
// VBSP for the same purpose is not on the form either: Unknown. The error is
// credit.ErrBeforePolicy or credit.ErrInvalidDate for a plan date the book
// cannot answer for.
func (pl *Plan02) Application(b *credit.Book) (eligibility.Application, error) {
	province := pl.ProvinceCode(nil)
	p, err := b.At(credit.Query{On: pl.PreparedOn, Province: province})
	if err != nil {
		return eligibility.Application{}, err
	}
	e := &eligibility.Establishment{
		Kind:              pl.Kind,
		TotalWorkers:      eligibility.CountOf(pl.TotalWorkers),
		QualifyingWorkers: eligibility.CountOf(qualifying(p, pl)),
		PlanConfirmed:     eligibility.FactOf(!pl.ConfirmedOn.IsZero()),
	}
	return eligibility.Application{
		On:            pl.PreparedOn,
		Province:      province,
		Purpose:       pl.Purpose,
		Amount:        pl.AmountRequested,
		AmountAsked:   pl.AmountRequested > 0,
		Establishment: e,
	}, nil
}
