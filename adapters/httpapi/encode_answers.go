package httpapi

import (
	"github.com/vnreentry/credit/lending"
)

// The answers of POST /v1/assessments, /v1/schedules and /v1/statements,
// appended straight from the domain's values. Each writes, byte for byte,
// what writeJSON writes for the response types of assessments.go and
// schedules.go (field order, omitempty, null for nil pointers, [] for the
// lists made with make, the trailing newline of json.Encoder); the response
// types stay as the reference the tests compare with.

// appendAssessment appends the answer of newAssessmentResponse(as) with
// Jurisdiction j.
func appendAssessment(b []byte, as *lending.Assessment, j *jurisdictionJSON) []byte {
	d := &as.Decision
	b = append(b, `{"decision":`...)
	b = appendStr(b, d.Verdict.String())
	b = append(b, `,"rules_version":`...)
	b = appendStr(b, d.Params.Version())
	b = append(b, `,"requested_on":`...)
	b = appendDate(b, d.Application.On)
	b = append(b, `,"findings":[`...)
	for i := range d.Findings {
		f := &d.Findings[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"rule":`...)
		b = appendStr(b, f.Rule.String())
		b = append(b, `,"outcome":`...)
		b = appendStr(b, f.Outcome.String())
		b = append(b, `,"citation":`...)
		b = appendCitation(b, f.Citation)
		b = append(b, ',')
		b = appendMessage(b, f.Message)
		if !f.LastDay.IsZero() {
			b = append(b, `,"last_eligible_day":`...)
			b = appendDate(b, f.LastDay)
		}
		if f.MinSharePct != 0 {
			b = append(b, `,"min_share_pct":`...)
			b = appendInt(b, int64(f.MinSharePct))
		}
		b = append(b, '}')
	}
	b = append(b, ']')
	if t := as.Terms; t != nil {
		b = append(b, `,"terms":{"cap":`...)
		b = appendVND(b, t.Cap)
		b = append(b, `,"amount":`...)
		b = appendVND(b, t.Amount)
		b = append(b, `,"max_term_months":`...)
		b = appendInt(b, int64(t.MaxTermMonths))
		if t.CourseMonths != 0 {
			b = append(b, `,"course_months":`...)
			b = appendInt(b, int64(t.CourseMonths))
		}
		if t.LeaveMonths != 0 {
			b = append(b, `,"leave_months":`...)
			b = appendInt(b, int64(t.LeaveMonths))
		}
		if t.MaxRepaymentMonths != 0 {
			b = append(b, `,"max_repayment_months":`...)
			b = appendInt(b, int64(t.MaxRepaymentMonths))
		}
		rate, overdue := rateOf(t.Rate), rateOf(t.OverdueRate)
		b = append(b, `,"rate_monthly_pct":`...)
		b = append(b, rate.monthly...)
		b = append(b, `,"rate_yearly_pct":`...)
		b = append(b, rate.yearly...)
		b = append(b, `,"overdue_rate_monthly_pct":`...)
		b = append(b, overdue.monthly...)
		b = append(b, `,"collateral_required":`...)
		b = appendBool(b, t.CollateralRequired)
		b = append(b, `,"method":`...)
		b = appendStr(b, t.Method.String())
		b = append(b, `,"borrower_of_record":`...)
		b = appendStr(b, t.BorrowerOfRecord.String())
		b = append(b, `,"grounds":[`...)
		for i, g := range t.Grounds {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"term":`...)
			b = appendStr(b, groundTerms[i])
			b = append(b, `,"rule":`...)
			b = appendStr(b, g.Rule.String())
			b = append(b, `,"citation":`...)
			b = appendCitation(b, g.Citation)
			b = append(b, '}')
		}
		b = append(b, "]}"...)
	}
	b = appendJurisdiction(b, j)
	return append(b, "}\n"...)
}

// appendJurisdiction appends ,"jurisdiction":{…} for j, nothing for nil.
func appendJurisdiction(b []byte, j *jurisdictionJSON) []byte {
	if j == nil {
		return b
	}
	b = append(b, `,"jurisdiction":{"province":`...)
	if j.Province == nil {
		b = append(b, "null"...)
	} else {
		b = appendStr(b, *j.Province)
	}
	if j.ProvinceName != "" {
		b = append(b, `,"province_name":`...)
		b = appendStr(b, j.ProvinceName)
	}
	if j.KnownOn != nil {
		b = append(b, `,"known_on":`...)
		b = appendDate(b, *j.KnownOn)
	}
	if len(j.OwnValuesIn) > 0 {
		b = append(b, `,"provinces_with_own_values":[`...)
		for i, p := range j.OwnValuesIn {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendStr(b, p)
		}
		b = append(b, ']')
	}
	if j.MessageVI == msgProvincialMayDiffer.VI && j.MessageEN == msgProvincialMayDiffer.EN {
		b = append(b, ',')
		b = appendMessage(b, &msgProvincialMayDiffer)
	} else {
		if j.MessageVI != "" {
			b = append(b, `,"message_vi":`...)
			b = appendStr(b, j.MessageVI)
		}
		if j.MessageEN != "" {
			b = append(b, `,"message_en":`...)
			b = appendStr(b, j.MessageEN)
		}
	}
	return append(b, '}')
}

// appendSchedule appends the answer of newScheduleResponse(sc) with
// Jurisdiction j.
func appendSchedule(b []byte, sc *lending.Schedule, j *jurisdictionJSON) []byte {
	b = append(b, `{"installments":[`...)
	for i := range sc.Installments {
		in := &sc.Installments[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"no":`...)
		b = appendInt(b, int64(in.No))
		b = append(b, `,"from":`...)
		b = appendDate(b, in.From)
		b = append(b, `,"due_on":`...)
		b = appendDate(b, in.DueOn)
		b = append(b, `,"days":`...)
		b = appendInt(b, int64(in.Days))
		b = append(b, `,"principal":`...)
		b = appendVND(b, in.Principal)
		b = append(b, `,"interest":`...)
		b = appendVND(b, in.Interest)
		b = append(b, `,"balance_after":`...)
		b = appendVND(b, in.BalanceAfter)
		b = append(b, `,"disbursed":`...)
		b = appendVND(b, in.Disbursed)
		b = append(b, `,"prepaid":`...)
		b = appendVND(b, in.Prepaid)
		b = append(b, '}')
	}
	b = append(b, `],"total_interest":`...)
	b = appendVND(b, sc.TotalInterest)
	b = append(b, `,"total_principal":`...)
	b = appendVND(b, sc.TotalPrincipal)
	b = append(b, `,"term":{"rule":`...)
	b = appendStr(b, sc.Term.Rule.String())
	b = append(b, `,"max_months":`...)
	b = appendInt(b, int64(sc.TermLimit))
	b = append(b, `,"citation":`...)
	b = appendCitation(b, sc.Term.Citation)
	b = append(b, `},"rates":`...)
	b = appendRateSpans(b, sc.Rates)
	b = append(b, `,"interest_convention":`...)
	b = appendCitation(b, sc.Convention)
	b = append(b, `,"rules_version":`...)
	b = appendStr(b, sc.Version)
	b = appendJurisdiction(b, j)
	return append(b, "}\n"...)
}

// appendRateSpans appends rateSpans(rs).
func appendRateSpans(b []byte, rs []lending.RateSpan) []byte {
	b = append(b, '[')
	for i := range rs {
		r := &rs[i]
		if i > 0 {
			b = append(b, ',')
		}
		rate, overdue := rateOf(r.Rate), rateOf(r.OverdueRate)
		b = append(b, `{"from":`...)
		b = appendDate(b, r.From)
		b = append(b, `,"to":`...)
		b = appendDate(b, r.To)
		b = append(b, `,"rate_monthly_pct":`...)
		b = append(b, rate.monthly...)
		b = append(b, `,"rate_yearly_pct":`...)
		b = append(b, rate.yearly...)
		b = append(b, `,"overdue_rate_monthly_pct":`...)
		b = append(b, overdue.monthly...)
		b = append(b, `,"citation":`...)
		b = appendCitation(b, r.Citation)
		b = append(b, `,"overdue_citation":`...)
		b = appendCitation(b, r.OverdueCitation)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStatement appends the answer of newStatementResponse(st) with
// Jurisdiction j.
func appendStatement(b []byte, st *lending.Statement, j *jurisdictionJSON) []byte {
	b = append(b, `{"as_of":`...)
	b = appendDate(b, st.AsOf)
	b = append(b, `,"disbursed":`...)
	b = appendVND(b, st.Disbursed)
	b = append(b, `,"principal_outstanding":`...)
	b = appendVND(b, st.PrincipalOutstanding)
	b = append(b, `,"principal_due":`...)
	b = appendVND(b, st.PrincipalDue)
	b = append(b, `,"principal_overdue":`...)
	b = appendVND(b, st.PrincipalOverdue)
	b = append(b, `,"overdue_since":`...)
	b = appendOptDate(b, st.OverdueSince)
	b = append(b, `,"interest_due":`...)
	b = appendVND(b, st.InterestDue)
	b = append(b, `,"interest_accrued":`...)
	b = appendVND(b, st.InterestAccrued)
	b = append(b, `,"overdue_interest":`...)
	b = appendVND(b, st.OverdueInterest)
	b = append(b, `,"payoff":`...)
	b = appendVND(b, st.Payoff)
	b = append(b, `,"next_due_on":`...)
	b = appendOptDate(b, st.NextDueOn)
	b = append(b, `,"overpaid":`...)
	b = appendVND(b, st.Overpaid)
	b = append(b, `,"paid":{`...)
	b = appendPaid(b, &st.Paid)
	b = append(b, `},"payments":[`...)
	for i := range st.Payments {
		a := &st.Payments[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"on":`...)
		b = appendDate(b, a.On)
		b = append(b, ',')
		b = appendPaid(b, a)
		b = append(b, `,"order":[`...)
		for k, o := range a.Order {
			if k > 0 {
				b = append(b, ',')
			}
			b = appendStr(b, o.String())
		}
		b = append(b, `],"order_citation":`...)
		b = appendCitation(b, a.OrderCitation)
		b = append(b, '}')
	}
	b = append(b, `],"rate_monthly_pct":`...)
	b = append(b, rateOf(st.Rate).monthly...)
	b = append(b, `,"overdue_rate_monthly_pct":`...)
	b = append(b, rateOf(st.OverdueRate).monthly...)
	b = append(b, `,"rates":`...)
	b = appendRateSpans(b, st.Rates)
	b = append(b, `,"interest_convention":`...)
	b = appendCitation(b, st.Convention)
	b = append(b, `,"rules_version":`...)
	b = appendStr(b, st.Version)
	b = appendJurisdiction(b, j)
	return append(b, "}\n"...)
}

// appendPaid appends the fields of paid(a), without braces.
func appendPaid(b []byte, a *lending.Allocation) []byte {
	b = append(b, `"amount":`...)
	b = appendVND(b, a.Amount)
	b = append(b, `,"overdue_interest":`...)
	b = appendVND(b, a.OverdueInterest)
	b = append(b, `,"interest":`...)
	b = appendVND(b, a.Interest)
	b = append(b, `,"overdue_principal":`...)
	b = appendVND(b, a.OverduePrincipal)
	b = append(b, `,"principal":`...)
	b = appendVND(b, a.Principal)
	b = append(b, `,"early_principal":`...)
	b = appendVND(b, a.EarlyPrincipal)
	b = append(b, `,"accrued_interest":`...)
	b = appendVND(b, a.AccruedInterest)
	b = append(b, `,"unapplied":`...)
	return appendVND(b, a.Unapplied)
}
