package web

// The API's answers that several pages read: an assessment (POST
// /v1/assessments, and the screening stored with an application), its
// findings, terms and citations. Only the fields the pages show.

type citationJSON struct {
	Instrument string `json:"instrument"`
	Year       int    `json:"year"`
	Article    int    `json:"article"`
	Clause     int    `json:"clause"`
	Point      string `json:"point"`
	Text       string `json:"text"`
	TextEN     string `json:"text_en"`
	Note       string `json:"note"`
}

type findingJSON struct {
	Rule            string       `json:"rule"`
	Outcome         string       `json:"outcome"`
	Citation        citationJSON `json:"citation"`
	MessageVI       string       `json:"message_vi"`
	MessageEN       string       `json:"message_en"`
	LastEligibleDay string       `json:"last_eligible_day"`
	MinSharePct     int          `json:"min_share_pct"`
}

type termsJSON struct {
	Cap                string `json:"cap"`
	Amount             string `json:"amount"`
	MaxTermMonths      int    `json:"max_term_months"`
	CourseMonths       int    `json:"course_months"`
	LeaveMonths        int    `json:"leave_months"`
	MaxRepaymentMonths int    `json:"max_repayment_months"`
	RateMonthlyPct     string `json:"rate_monthly_pct"`
	RateYearlyPct      string `json:"rate_yearly_pct"`
	OverdueMonthlyPct  string `json:"overdue_rate_monthly_pct"`
	CollateralRequired bool   `json:"collateral_required"`
	Method             string `json:"method"`
	BorrowerOfRecord   string `json:"borrower_of_record"`
	Grounds            []struct {
		Term     string       `json:"term"`
		Rule     string       `json:"rule"`
		Citation citationJSON `json:"citation"`
	} `json:"grounds"`
}

type jurisdictionJSON struct {
	ProvinceName string `json:"province_name"`
	MessageVI    string `json:"message_vi"`
	MessageEN    string `json:"message_en"`
}

type assessmentJSON struct {
	Decision     string            `json:"decision"`
	RulesVersion string            `json:"rules_version"`
	RequestedOn  string            `json:"requested_on"`
	Findings     []findingJSON     `json:"findings"`
	Terms        *termsJSON        `json:"terms"`
	Jurisdiction *jurisdictionJSON `json:"jurisdiction"`
}
