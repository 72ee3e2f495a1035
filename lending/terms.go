package lending

import (
	"errors"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Rule identifies a term of QĐ22 (legal reference §4). Stable, like
// eligibility.Rule.
type Rule uint8

// The term rules.
const (
	MethodRule       Rule = iota + 1 // method (Art. 4)
	CapTraining                      // cap.training (Art. 6)
	CapIndividual                    // cap.individual (Art. 6)
	CapEstablishment                 // cap.establishment (Art. 6)
	TermProduction                   // term.production (Art. 8)
	TermTraining                     // term.training (Art. 8)
	RateRule                         // rate (Art. 9)
	RateOverdue                      // rate.overdue (Art. 9)
	Collateral                       // collateral (Art. 10)
	numRules
)

var ruleNames = [numRules]string{
	MethodRule:       "method",
	CapTraining:      "cap.training",
	CapIndividual:    "cap.individual",
	CapEstablishment: "cap.establishment",
	TermProduction:   "term.production",
	TermTraining:     "term.training",
	RateRule:         "rate",
	RateOverdue:      "rate.overdue",
	Collateral:       "collateral",
}

// String returns the rule's identifier, e.g. "cap.individual".
func (r Rule) String() string {
	if r > 0 && r < numRules {
		return ruleNames[r]
	}
	return ""
}

// Rules returns every term rule, in order.
func Rules() []Rule {
	rs := make([]Rule, 0, numRules-1)
	for r := Rule(1); r < numRules; r++ {
		rs = append(rs, r)
	}
	return rs
}

// Method is how VBSP lends (Art. 4).
type Method uint8

// Methods.
const (
	// Entrusted: through the socio-political organisations and their
	// savings-and-loan groups (individuals).
	Entrusted Method = iota + 1
	// Direct: VBSP lends to the borrower directly (establishments).
	Direct
)

// String returns "entrusted" or "direct".
func (m Method) String() string {
	switch m {
	case Entrusted:
		return "entrusted"
	case Direct:
		return "direct"
	}
	return ""
}

// Borrower is who signs the loan (Art. 4).
type Borrower uint8

// Borrowers of record.
const (
	// Household: the household representative signs for the person.
	Household Borrower = iota + 1
	// Self: no household member is 18 or older with full civil capacity,
	// so the person borrows in their own name.
	Self
	// EstablishmentBorrower: the establishment borrows.
	EstablishmentBorrower
	// BorrowerToConfirm: whether the household has a member aged 18 or over
	// with full civil capacity is not stated, so who signs — the household
	// representative or the person — is still to be confirmed (Art. 4). The
	// terms do not guess "household".
	BorrowerToConfirm
)

// String returns "household", "self", "establishment" or "unknown".
func (b Borrower) String() string {
	switch b {
	case Household:
		return "household"
	case Self:
		return "self"
	case EstablishmentBorrower:
		return "establishment"
	case BorrowerToConfirm:
		return "unknown"
	}
	return ""
}

// Ground says which term rule set a term, and the clause it comes from.
type Ground struct {
	Rule     Rule
	Citation *credit.Citation
}

// Terms are what an eligible borrower is entitled to on the day of the
// request, each with its ground.
type Terms struct {
	// Cap is the most that may be lent (Art. 6).
	Cap credit.VND
	// Amount is min(asked, Cap), or Cap when no amount was asked.
	Amount credit.VND
	// MaxTermMonths is the longest term (Art. 8): 120 months for production;
	// for training, the course plus the longest repayment period.
	MaxTermMonths int
	// CourseMonths, LeaveMonths and MaxRepaymentMonths are set for training
	// loans: the course and the study leave the institution allows, which
	// together make the disbursement period (Art. 8 cl. 1 point b), and the
	// longest repayment period after it.
	CourseMonths       int
	LeaveMonths        int
	MaxRepaymentMonths int
	// Rate and OverdueRate are in force on the day of the request (Art. 9).
	Rate        credit.Rate
	OverdueRate credit.Rate
	// CollateralRequired: establishments above the threshold only (Art. 10).
	CollateralRequired bool
	Method             Method
	BorrowerOfRecord   Borrower
	// Grounds holds the rule and citation of each term above, in the order
	// cap, term, rate, overdue rate, collateral, method.
	Grounds [6]Ground
}

var (
	// ErrIneligible is returned by Offer for a decision that is not
	// eligible: an ineligible borrower has no terms.
	ErrIneligible = errors.New("lending: the borrower is not eligible, so there are no terms")
	// ErrUndetermined is returned by Offer when the terms depend on a fact
	// that is unknown (an establishment's worker count for its cap).
	ErrUndetermined = errors.New("lending: the terms depend on facts that are not stated")
)

// citeMethod: the legal reference (§4) places the method in Art. 4 without
// a clause.
var citeMethod = credit.Cite(credit.QD22, 4, 0, "")

// Offer returns the terms for a decision that is eligible, or incomplete but
// with enough facts for the terms. The rates and caps are those the decision's
// parameters hold on the day of the request.
func Offer(d *eligibility.Decision) (Terms, error) {
	if d.Verdict == eligibility.Ineligible || d.Params == nil {
		return Terms{}, ErrIneligible
	}
	p := d.Params
	a := &d.Application
	var t Terms

	// Cap (Art. 6).
	var capRule Rule
	var capCite *credit.Citation
	switch {
	case a.Establishment != nil:
		var err error
		capRule = CapEstablishment
		t.Cap, capCite, err = EstablishmentCap(p, a.Establishment.TotalWorkers, a.Establishment.QualifyingWorkers)
		if err != nil {
			return Terms{}, err
		}
	case a.Purpose == credit.VocationalTraining:
		capRule = CapTraining
		t.Cap = p.VND(credit.CapTrainingPerMonth) * credit.VND(a.CourseMonths)
		capCite = p.Citation(credit.CapTrainingPerMonth)
	default:
		capRule = CapIndividual
		t.Cap = p.VND(credit.CapIndividual)
		capCite = p.Citation(credit.CapIndividual)
	}
	t.Amount = t.Cap
	if a.AmountAsked {
		t.Amount = credit.MinVND(a.Amount, t.Cap)
	}

	// Term (Art. 8).
	termRule := TermProduction
	termCite := p.Citation(credit.TermProductionMaxMonths)
	if a.Purpose == credit.VocationalTraining {
		termRule = TermTraining
		factor := p.Int(credit.TrainingRepaymentFactorLong)
		termCite = p.Citation(credit.TrainingRepaymentFactorLong)
		if int64(a.CourseMonths) <= p.Int(credit.TrainingShortCourseMaxMonths) {
			factor = p.Int(credit.TrainingRepaymentFactorShort)
			termCite = p.Citation(credit.TrainingRepaymentFactorShort)
		}
		t.CourseMonths, t.LeaveMonths = a.CourseMonths, a.LeaveMonths
		disbursement := a.CourseMonths + a.LeaveMonths
		t.MaxRepaymentMonths = int(factor) * disbursement
		t.MaxTermMonths = disbursement + t.MaxRepaymentMonths
	} else {
		t.MaxTermMonths = int(p.Int(credit.TermProductionMaxMonths))
	}

	// Rates (Art. 9).
	t.Rate = p.LendingRate()
	t.OverdueRate = p.OverdueRate()

	// Collateral (Art. 10), method and borrower of record (Art. 4).
	if a.Establishment != nil {
		t.CollateralRequired = t.Amount > p.VND(credit.CollateralThreshold)
		t.Method = Direct
		t.BorrowerOfRecord = EstablishmentBorrower
	} else {
		t.Method = Entrusted
		switch a.Individual.HouseholdHasCapableAdult {
		case eligibility.Yes:
			t.BorrowerOfRecord = Household
		case eligibility.No:
			t.BorrowerOfRecord = Self
		default:
			t.BorrowerOfRecord = BorrowerToConfirm
		}
	}

	t.Grounds = [6]Ground{
		{capRule, capCite},
		{termRule, termCite},
		{RateRule, p.RateCitation()},
		{RateOverdue, p.Citation(credit.OverdueRatePct)},
		{Collateral, p.Citation(credit.CollateralThreshold)},
		{MethodRule, &citeMethod},
	}
	return t, nil
}

// EstablishmentCap is an establishment's cap under the parameters p
// (Art. 6): the smaller of the project cap and the per-worker cap × the
// workers the book's PerWorkerCapBase counts (all workers by default, or the
// qualifying ones), with the citation of the value that binds. It is
// ErrUndetermined when the count it needs is unknown.
func EstablishmentCap(p *credit.Params, total, qualifying eligibility.Count) (credit.VND, *credit.Citation, error) {
	base := total
	if p.Int(credit.PerWorkerCapBase) == credit.CapBaseQualifyingWorkers {
		base = qualifying
	}
	n, ok := base.Get()
	if !ok {
		return 0, nil, ErrUndetermined
	}
	limit, cite := p.VND(credit.CapEstablishmentProject), p.Citation(credit.CapEstablishmentProject)
	// perWorker × n, compared without overflow: when perWorker ≤ ⌊cap/n⌋
	// the product fits under the project cap.
	if perWorker := p.VND(credit.CapEstablishmentPerWorker); n == 0 || perWorker <= limit/credit.VND(n) {
		if byWorkers := perWorker * credit.VND(n); byWorkers < limit {
			return byWorkers, p.Citation(credit.CapEstablishmentPerWorker), nil
		}
	}
	return limit, cite, nil
}

// Assessment is a decision with the terms it allows.
type Assessment struct {
	Decision eligibility.Decision
	// Terms is nil when the borrower is ineligible, or when the decision is
	// incomplete and the terms depend on the missing facts.
	Terms *Terms
}

// Assess decides a and, unless the borrower is ineligible, works out the
// terms: the whole answer to "may this borrower borrow, and on what terms?"
// for the day a.On under the book b. Its error is the Application's
// problems (a credit.Problems), never "not eligible".
func Assess(b *credit.Book, a eligibility.Application) (Assessment, error) {
	d, err := eligibility.Decide(b, a)
	if err != nil {
		return Assessment{}, err
	}
	as := Assessment{Decision: d}
	if d.Verdict != eligibility.Ineligible {
		if t, err := Offer(&as.Decision); err == nil {
			as.Terms = &t
		}
	}
	return as, nil
}
