package eligibility

import (
	"errors"

	"github.com/vnreentry/credit"
)

// Rule identifies one condition of QĐ22. The identifiers are those of the
// legal reference (qd22.md §2-§3) and are stable: clients, forms and reports
// depend on them, so they are never renamed or reordered.
type Rule uint8

// The rules, in the order findings report them.
const (
	ReleaseDocument     Rule = iota + 1 // individual.release_document
	ReleaseWindow                       // individual.release_window
	CommuneList                         // individual.commune_list
	EstablishmentKindOK                 // establishment.kind
	Lawful                              // establishment.lawful
	WorkerShare                         // establishment.worker_share
	PlanConfirmed                       // establishment.plan_confirmed
	NoSamePurposeDebt                   // borrower.no_same_purpose_debt
	PurposeAllowed                      // purpose.allowed
	numRules
)

var ruleNames = [numRules]string{
	ReleaseDocument:     "individual.release_document",
	ReleaseWindow:       "individual.release_window",
	CommuneList:         "individual.commune_list",
	EstablishmentKindOK: "establishment.kind",
	Lawful:              "establishment.lawful",
	WorkerShare:         "establishment.worker_share",
	PlanConfirmed:       "establishment.plan_confirmed",
	NoSamePurposeDebt:   "borrower.no_same_purpose_debt",
	PurposeAllowed:      "purpose.allowed",
}

// String returns the rule's identifier, e.g. "individual.release_window".
func (r Rule) String() string {
	if r > 0 && r < numRules {
		return ruleNames[r]
	}
	return ""
}

// Rules returns every rule, in order.
func Rules() []Rule {
	rs := make([]Rule, 0, numRules-1)
	for r := Rule(1); r < numRules; r++ {
		rs = append(rs, r)
	}
	return rs
}

// Outcome is what a rule found.
type Outcome uint8

// Outcomes.
const (
	Met Outcome = iota + 1
	NotMet
	Undetermined // a fact the rule needs is unknown
)

var outcomeNames = [...]string{"", "met", "not_met", "unknown"}

// String returns "met", "not_met" or "unknown".
func (o Outcome) String() string {
	if int(o) < len(outcomeNames) {
		return outcomeNames[o]
	}
	return ""
}

// Verdict is the decision as a whole.
type Verdict uint8

// Verdicts.
const (
	// Eligible: every rule is met.
	Eligible Verdict = iota + 1
	// Incomplete: no rule is not met, but some could not be decided.
	Incomplete
	// Ineligible: at least one rule is not met.
	Ineligible
)

var verdictNames = [...]string{"", "eligible", "incomplete", "ineligible"}

// String returns "eligible", "incomplete" or "ineligible".
func (v Verdict) String() string {
	if int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return ""
}

// Finding is what one rule found, with the clause it comes from and a
// message for people. Citations and messages are shared static data.
type Finding struct {
	Rule     Rule
	Outcome  Outcome
	Citation *credit.Citation
	Message  *credit.Text
	// LastDay, for ReleaseWindow when the completion date is known: the last
	// day on which the loan may be requested.
	LastDay credit.Date
	// MinSharePct, for WorkerShare: the share (percent) that had to be reached.
	MinSharePct int64
}

// Decision is the answer for one Application: a verdict and one finding per
// rule that applies to the borrower, met or not, so that a refusal lists all
// of its reasons.
type Decision struct {
	Verdict     Verdict
	Findings    []Finding
	Params      *credit.Params // the parameters in force on Application.On
	Application Application
}

// Finding returns the finding of rule r, if the decision has one.
func (d *Decision) Finding(r Rule) (Finding, bool) {
	for _, f := range d.Findings {
		if f.Rule == r {
			return f, true
		}
	}
	return Finding{}, false
}

// Codes of problems with an Application (beyond those of package credit).
const (
	CodeAfterRequest        = "after_requested_on"    // completion after the request
	CodeExceedsTotalWorkers = "exceeds_total_workers" // more qualifying workers than workers
	CodeOneBorrower         = "one_borrower"          // both or neither of individual, establishment
	CodeLeaveNotTraining    = "leave_not_training"    // study leave on a loan that is not an individual's training
)

// ErrInconsistent is the cause of problems where facts contradict each other.
var ErrInconsistent = errors.New("eligibility: facts contradict each other")

// Validate reports every problem with a, as credit.Problems whose pointers
// follow the v1 JSON shape (/requested_on, /individual/release/completed_on,
// …). It returns nil when a can be decided. Unknown facts are not problems.
func (a *Application) Validate(b *credit.Book) error {
	var p credit.Problems
	switch {
	case a.On.IsZero():
		p.Add("/requested_on", credit.CodeRequired, credit.MsgRequired, nil)
	case a.On.Before(b.InForce()):
		p.Add("/requested_on", credit.CodeBeforePolicy, credit.MsgBeforePolicy, credit.ErrBeforePolicy)
	}
	if a.Purpose != credit.Production && a.Purpose != credit.VocationalTraining {
		p.Add("/purpose", credit.CodeRequired, msgPurposeRequired, nil)
	}
	// Course months belong to an individual's training; an establishment
	// asking for training is refused on purpose.allowed, not sent back for
	// a course length.
	if a.Purpose == credit.VocationalTraining && a.Establishment == nil {
		switch {
		case a.CourseMonths == 0:
			p.Add("/course_months", credit.CodeRequired, msgCourseRequired, nil)
		case a.CourseMonths < 1 || a.CourseMonths > MaxCourseMonths:
			p.Add("/course_months", credit.CodeOutOfRange, MsgCourseRange, nil)
		}
	}
	if a.Province != "" {
		if _, ok := credit.ProvinceByCode(a.Province); !ok {
			p.Add("/province", credit.CodeUnknownProvince, credit.MsgUnknownProvince, credit.ErrUnknownProvince)
		}
	}
	if !a.KnownOn.IsZero() {
		if _, err := b.At(credit.Query{On: b.InForce(), KnownOn: a.KnownOn}); errors.Is(err, credit.ErrNotYetEnacted) {
			p.Add("/known_on", credit.CodeNotYetEnacted, credit.MsgNotYetEnacted, err)
		}
	}
	switch {
	case a.LeaveMonths == 0:
	case a.Purpose != credit.VocationalTraining || a.Establishment != nil:
		p.Add("/leave_months", CodeLeaveNotTraining, MsgLeaveNotTraining, nil)
	case a.LeaveMonths < 0 || a.LeaveMonths > MaxCourseMonths:
		p.Add("/leave_months", credit.CodeOutOfRange, MsgLeaveRange, nil)
	}
	switch {
	case !a.AmountAsked:
	case a.Amount < 0:
		p.Add("/amount", credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case a.Amount == 0:
		p.Add("/amount", credit.CodeOutOfRange, credit.MsgAmountPositive, nil)
	}
	switch {
	case a.Individual == nil && a.Establishment == nil:
		p.Add("", CodeOneBorrower, msgOneBorrower, nil)
	case a.Individual != nil && a.Establishment != nil:
		p.Add("", CodeOneBorrower, msgOneBorrower, nil)
	}
	if in := a.Individual; in != nil {
		if c := in.Release.CompletedOn; !c.IsZero() && !a.On.IsZero() && c.After(a.On) {
			p.Add("/individual/release/completed_on", CodeAfterRequest, msgCompletedAfter, ErrInconsistent)
		}
	}
	if e := a.Establishment; e != nil {
		total, totalKnown := e.TotalWorkers.Get()
		q, qKnown := e.QualifyingWorkers.Get()
		if totalKnown && (total < 1 || total > MaxWorkers) {
			p.Add("/establishment/total_workers", credit.CodeOutOfRange, msgTotalWorkers, nil)
		}
		switch {
		case qKnown && (q < 0 || q > MaxWorkers):
			p.Add("/establishment/qualifying_workers", credit.CodeOutOfRange, msgQualifyingRange, nil)
		case qKnown && totalKnown && q > total:
			p.Add("/establishment/qualifying_workers", CodeExceedsTotalWorkers, msgQualifyingExceeds, ErrInconsistent)
		}
	}
	return p.Err()
}

// Decide applies every rule of QĐ22 that concerns the borrower to a, for the
// day a.On, with the parameters b holds on that day. "Not eligible" is a
// Decision, not an error; the error is for an Application that Validate
// rejects (a credit.Problems).
func Decide(b *credit.Book, a Application) (Decision, error) {
	if err := a.Validate(b); err != nil {
		return Decision{}, err
	}
	p, err := b.At(credit.Query{On: a.On, Province: a.Province, KnownOn: a.KnownOn})
	if err != nil {
		return Decision{}, err
	}
	d := Decision{Params: p, Application: a}
	if in := a.Individual; in != nil {
		d.Findings = make([]Finding, 0, 5)
		d.Findings = append(d.Findings,
			releaseDocument(p, in),
			releaseWindow(p, a.On, in),
			fact(p, CommuneList, in.OnCommuneList, false),
			fact(p, NoSamePurposeDebt, negate(a.SamePurposeDebt), false),
			finding(p, PurposeAllowed, Met, false),
		)
	} else {
		e := a.Establishment
		d.Findings = make([]Finding, 0, 6)
		d.Findings = append(d.Findings,
			establishmentKind(p, e),
			fact(p, Lawful, e.Lawful, true),
			workerShare(p, e),
			fact(p, PlanConfirmed, e.PlanConfirmed, true),
			fact(p, NoSamePurposeDebt, negate(a.SamePurposeDebt), true),
			establishmentPurpose(p, a.Purpose),
		)
	}
	d.Verdict = verdictOf(d.Findings)
	return d, nil
}

func verdictOf(fs []Finding) Verdict {
	v := Eligible
	for i := range fs {
		switch fs[i].Outcome {
		case NotMet:
			return Ineligible
		case Undetermined:
			v = Incomplete
		}
	}
	return v
}

// finding is rule r's finding with outcome o, cited as Rule.Citation says
// for the borrower (establishment or individual).
func finding(p *credit.Params, r Rule, o Outcome, establishment bool) Finding {
	return Finding{Rule: r, Outcome: o, Citation: r.Citation(p, establishment), Message: &messages[r][o]}
}

// fact is a rule met exactly when a fact holds.
func fact(p *credit.Params, r Rule, f Fact, establishment bool) Finding {
	switch f {
	case Yes:
		return finding(p, r, Met, establishment)
	case No:
		return finding(p, r, NotMet, establishment)
	}
	return finding(p, r, Undetermined, establishment)
}

func negate(f Fact) Fact {
	switch f {
	case Yes:
		return No
	case No:
		return Yes
	}
	return Unknown
}

// releaseDocument: a completion or special-amnesty certificate (Art. 2,
// Art. 3 cl. 1); conditional release without the certificate does not count.
func releaseDocument(p *credit.Params, in *Individual) Finding {
	switch in.Release.Basis {
	case Completion, SpecialAmnesty:
		return finding(p, ReleaseDocument, Met, false)
	case ConditionalRelease:
		return finding(p, ReleaseDocument, NotMet, false)
	}
	return finding(p, ReleaseDocument, Undetermined, false)
}

// releaseWindow: requested no later than the last day of the Civil Code
// period of ReleaseWindowYears after completion (Art. 3 cl. 2 pt. a).
func releaseWindow(p *credit.Params, on credit.Date, in *Individual) Finding {
	done := in.Release.CompletedOn
	if done.IsZero() {
		return finding(p, ReleaseWindow, Undetermined, false)
	}
	last := p.WindowLastDay(done)
	o := Met
	if on.After(last) {
		o = NotMet
	}
	f := finding(p, ReleaseWindow, o, false)
	f.LastDay = last
	return f
}

func establishmentKind(p *credit.Params, e *Establishment) Finding {
	switch e.Kind {
	case SME, Cooperative, CooperativeGroup, HouseholdBusiness:
		return finding(p, EstablishmentKindOK, Met, true)
	case LargeEnterprise:
		return finding(p, EstablishmentKindOK, NotMet, true)
	}
	return finding(p, EstablishmentKindOK, Undetermined, true)
}

// workerShare: qualifying workers ≥ WorkerShareMinPct percent of all
// workers, in exact integers: 100 × qualifying ≥ pct × total (Art. 3 cl. 3).
func workerShare(p *credit.Params, e *Establishment) Finding {
	pct := p.Int(credit.WorkerShareMinPct)
	total, tk := e.TotalWorkers.Get()
	q, qk := e.QualifyingWorkers.Get()
	o := Undetermined
	if tk && qk {
		o = NotMet
		if 100*int64(q) >= pct*int64(total) {
			o = Met
		}
	}
	f := finding(p, WorkerShare, o, true)
	f.MinSharePct = pct
	return f
}

// establishmentPurpose: establishments borrow for production, business and
// job creation only, never for an individual's vocational training.
func establishmentPurpose(p *credit.Params, pu credit.Purpose) Finding {
	if pu == credit.Production {
		return finding(p, PurposeAllowed, Met, true)
	}
	return finding(p, PurposeAllowed, NotMet, true)
}
