package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

// rulesResponse is the body of GET /v1/rules: the parameters in force on a
// day, each with its value, period and citation, and the rules with theirs.
type rulesResponse struct {
	RulesVersion    string          `json:"rules_version"`
	On              credit.Date     `json:"on"`
	InForce         credit.Date     `json:"in_force"`
	InForceCitation citationJSON    `json:"in_force_citation"`
	ValidFrom       credit.Date     `json:"valid_from"`
	ValidTo         *credit.Date    `json:"valid_to"`
	Rates           ratesJSON       `json:"rates"`
	Parameters      []parameterJSON `json:"parameters"`
	Rules           []ruleJSON      `json:"rules"`
	TermRules       []string        `json:"term_rules"`
	// Jurisdiction: see jurisdictionJSON; absent when nothing needs saying.
	Jurisdiction *jurisdictionJSON `json:"jurisdiction,omitempty"`
}

type ratesJSON struct {
	RateMonthlyPct        string `json:"rate_monthly_pct"`
	RateYearlyPct         string `json:"rate_yearly_pct"`
	OverdueRateMonthlyPct string `json:"overdue_rate_monthly_pct"`
	OverdueRateYearlyPct  string `json:"overdue_rate_yearly_pct"`
	// Citation is of the rate charged: the cut's where one holds.
	Citation citationJSON `json:"citation"`
}

type parameterJSON struct {
	Key     string          `json:"key"`
	Value   json.RawMessage `json:"value"`
	Unit    string          `json:"unit,omitempty"`
	AboutVI string          `json:"about_vi"`
	AboutEN string          `json:"about_en"`
	From    credit.Date     `json:"from"`
	To      *credit.Date    `json:"to"`
	// Provinces: where a provincial value holds; absent for a national one.
	Provinces []string     `json:"provinces,omitempty"`
	Enacted   *credit.Date `json:"enacted,omitempty"`
	Citation  citationJSON `json:"citation"`
}

// ruleJSON is a rule with the borrowers it applies to and, in the same
// order, its citation for each.
type ruleJSON struct {
	Rule      string         `json:"rule"`
	AppliesTo []string       `json:"applies_to"`
	Citations []citationJSON `json:"citations"`
}

var (
	msgOnParameter = credit.Text{
		VI: "Tham số on phải là ngày dạng NNNN-TT-NN.",
		EN: "The on parameter must be a date, YYYY-MM-DD.",
	}
	msgKnownOnParameter = credit.Text{
		VI: "Tham số known_on phải là ngày dạng NNNN-TT-NN.",
		EN: "The known_on parameter must be a date, YYYY-MM-DD.",
	}
)

// rules handles GET /v1/rules?on=YYYY-MM-DD (default: today, Vietnam
// time), with optional province=12 and known_on=YYYY-MM-DD.
func (s *server) rules(w http.ResponseWriter, r *http.Request) {
	q := credit.Query{On: s.today()}
	query := r.URL.Query()
	for _, param := range [...]struct {
		name string
		to   *credit.Date
		msg  credit.Text
	}{{"on", &q.On, msgOnParameter}, {"known_on", &q.KnownOn, msgKnownOnParameter}} {
		if !query.Has(param.name) {
			continue
		}
		d, err := credit.ParseDate(query.Get(param.name))
		if err != nil {
			s.writeError(w, r, &requestError{sentinel: errBadParameter, msg: param.msg, param: param.name,
				items: credit.Problems{{Code: credit.CodeInvalidDate, Message: param.msg}}})
			return
		}
		*param.to = d
	}
	q.Province = query.Get("province")
	p, err := s.book.At(q)
	if err != nil {
		switch {
		case errors.Is(err, credit.ErrBeforePolicy):
			err = &requestError{sentinel: credit.ErrBeforePolicy, msg: credit.MsgBeforePolicy, param: "on",
				items: credit.Problems{{Code: credit.CodeBeforePolicy, Message: credit.MsgBeforePolicy}}}
		case errors.Is(err, credit.ErrUnknownProvince):
			err = &requestError{sentinel: errBadParameter, msg: credit.MsgUnknownProvince, param: "province",
				items: credit.Problems{{Code: credit.CodeUnknownProvince, Message: credit.MsgUnknownProvince}}}
		case errors.Is(err, credit.ErrNotYetEnacted):
			err = &requestError{sentinel: errBadParameter, msg: credit.MsgNotYetEnacted, param: "known_on",
				items: credit.Problems{{Code: credit.CodeNotYetEnacted, Message: credit.MsgNotYetEnacted}}}
		}
		s.writeError(w, r, err)
		return
	}
	resp := newRulesResponse(s.book, p, q.On)
	resp.Jurisdiction = newJurisdiction(s.book, q.Province, q.KnownOn, q.On, q.On)
	writeJSON(w, http.StatusOK, resp)
}

func newRulesResponse(b *credit.Book, p *credit.Params, on credit.Date) rulesResponse {
	ic := b.InForceCitation()
	resp := rulesResponse{
		RulesVersion:    p.Version(),
		On:              on,
		InForce:         b.InForce(),
		InForceCitation: citation(&ic),
		ValidFrom:       p.From(),
		ValidTo:         optDate(p.To()),
		Rates: ratesJSON{
			RateMonthlyPct:        p.LendingRate().MonthlyPct().String(),
			Citation:              citation(p.RateCitation()),
			RateYearlyPct:         p.LendingRate().YearlyPct().String(),
			OverdueRateMonthlyPct: p.OverdueRate().MonthlyPct().String(),
			OverdueRateYearlyPct:  p.OverdueRate().YearlyPct().String(),
		},
	}
	for _, k := range credit.Keys() {
		sp := p.Span(k)
		v := k.Format(sp.Value)
		raw := json.RawMessage(v)
		switch k.Kind() {
		case credit.KindMoney, credit.KindRate, credit.KindChoice:
			raw, _ = json.Marshal(v)
		}
		about := k.About()
		resp.Parameters = append(resp.Parameters, parameterJSON{
			Key: k.String(), Value: raw, Unit: k.Unit(), AboutVI: about.VI, AboutEN: about.EN,
			From: sp.From, To: optDate(sp.To), Provinces: sp.Provinces, Enacted: optDate(sp.Enacted),
			Citation: citation(&sp.Citation),
		})
	}
	for _, rule := range eligibility.Rules() {
		rj := ruleJSON{Rule: rule.String()}
		switch rule {
		case eligibility.ReleaseDocument, eligibility.ReleaseWindow, eligibility.CommuneList:
			rj.AppliesTo = []string{"individual"}
		case eligibility.NoSamePurposeDebt, eligibility.PurposeAllowed:
			rj.AppliesTo = []string{"individual", "establishment"}
		default:
			rj.AppliesTo = []string{"establishment"}
		}
		for _, who := range rj.AppliesTo {
			rj.Citations = append(rj.Citations, citation(rule.Citation(p, who == "establishment")))
		}
		resp.Rules = append(resp.Rules, rj)
	}
	for _, r := range lending.Rules() {
		resp.TermRules = append(resp.TermRules, r.String())
	}
	return resp
}

func optDate(d credit.Date) *credit.Date {
	if d.IsZero() {
		return nil
	}
	return &d
}
