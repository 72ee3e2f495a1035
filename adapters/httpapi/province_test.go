package httpapi_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

// The provinces of the storm-relief cut of 2 %/year from 2025-10-01 to
// 2025-12-31: the 22 of QĐ2654 (signed 2025-12-04) and the 4 of QĐ2731
// (signed 2025-12-16), by their two-digit codes of 2025.
var (
	provincesQD2654 = []string{"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33",
		"37", "38", "40", "42", "44", "46", "48", "51"}
	provincesQD2731 = []string{"52", "56", "66", "68"}
	provincesOfCut  = append(append([]string(nil), provincesQD2654...), provincesQD2731...)
)

// ---- GET /v1/rules, as a client reads it, every field known ----

type rulesOut struct {
	RulesVersion    string      `json:"rules_version"`
	On              string      `json:"on"`
	InForce         string      `json:"in_force"`
	InForceCitation citationOut `json:"in_force_citation"`
	ValidFrom       string      `json:"valid_from"`
	ValidTo         *string     `json:"valid_to"`
	Rates           struct {
		RateMonthlyPct        string      `json:"rate_monthly_pct"`
		RateYearlyPct         string      `json:"rate_yearly_pct"`
		OverdueRateMonthlyPct string      `json:"overdue_rate_monthly_pct"`
		OverdueRateYearlyPct  string      `json:"overdue_rate_yearly_pct"`
		Citation              citationOut `json:"citation"`
	} `json:"rates"`
	Parameters []parameterOut `json:"parameters"`
	Rules      []struct {
		Rule      string        `json:"rule"`
		AppliesTo []string      `json:"applies_to"`
		Citations []citationOut `json:"citations"`
	} `json:"rules"`
	TermRules    []string         `json:"term_rules"`
	Jurisdiction *jurisdictionOut `json:"jurisdiction"`
}

type parameterOut struct {
	Key       string      `json:"key"`
	Value     any         `json:"value"`
	Unit      string      `json:"unit"`
	AboutVI   string      `json:"about_vi"`
	AboutEN   string      `json:"about_en"`
	From      string      `json:"from"`
	To        *string     `json:"to"`
	Provinces []string    `json:"provinces"`
	Enacted   *string     `json:"enacted"`
	Citation  citationOut `json:"citation"`
}

// parameter returns the parameter named key.
func (r *rulesOut) parameter(t *testing.T, key string) parameterOut {
	t.Helper()
	for _, p := range r.Parameters {
		if p.Key == key {
			return p
		}
	}
	t.Fatalf("no parameter %s", key)
	return parameterOut{}
}

func readRules(t *testing.T, h http.Handler, query string) rulesOut {
	t.Helper()
	var r rulesOut
	decodeStrict(t, do(h, http.MethodGet, "/v1/rules?"+query, ""), &r)
	return r
}

// national is a jurisdiction that names no province and lists those with
// values of their own.
func national(own []string) *jurisdictionOut {
	return &jurisdictionOut{OwnValuesIn: own,
		MessageVI: "Đây là giá trị áp dụng trên cả nước. Một số tỉnh có giá trị riêng trong thời gian này (ví dụ giảm lãi suất theo Quyết định 2654/QĐ-TTg); hãy ghi mã tỉnh (province) để có giá trị của tỉnh.",
		MessageEN: "These are the national values. Some provinces have values of their own over these days (e.g. the rate cut of Decision 2654/QĐ-TTg); give the province code (province) for its values."}
}

// in is a jurisdiction that names a province.
func in(code, name string) *jurisdictionOut {
	return &jurisdictionOut{Province: &code, ProvinceName: name}
}

// knownOn returns j with its known_on day.
func knownOn(j *jurisdictionOut, day string) *jurisdictionOut {
	if j == nil {
		j = &jurisdictionOut{}
	}
	j.KnownOn = &day
	return j
}

// TestRulesByProvince: the rate charged in Lai Châu (12, QĐ2654) and Khánh
// Hòa (56, QĐ2731) during the cut, beside Cà Mau (96, outside it) and the
// national answer, with the cut's parameter and citation.
func TestRulesByProvince(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, query         string
		monthly, yearly     string
		rateCite            string // rates.citation.instrument
		rateYear            int
		cut                 string // lending_rate_cut_yearly_pct
		cutProvinces        []string
		cutCite, cutEnacted string
		cutFrom, cutTo      string
		validFrom, validTo  string
		jurisdiction        *jurisdictionOut
	}{
		{
			name: "Lai Châu during the cut", query: "on=2025-10-15&province=12",
			monthly: "0.383333333", yearly: "4.6", rateCite: "2654/QĐ-TTg", rateYear: 2025,
			cut: "2", cutProvinces: provincesQD2654, cutCite: "2654/QĐ-TTg", cutEnacted: "2025-12-04",
			cutFrom: "2025-10-01", cutTo: "2025-12-31", validFrom: "2025-10-01", validTo: "2025-11-30",
			jurisdiction: in("12", "Tỉnh Lai Châu"),
		},
		{
			name: "Khánh Hòa during the cut (QĐ2731)", query: "on=2025-10-15&province=56",
			monthly: "0.383333333", yearly: "4.6", rateCite: "2731/QĐ-TTg", rateYear: 2025,
			cut: "2", cutProvinces: provincesQD2731, cutCite: "2731/QĐ-TTg", cutEnacted: "2025-12-16",
			cutFrom: "2025-10-01", cutTo: "2025-12-31", validFrom: "2025-10-01", validTo: "2025-11-30",
			jurisdiction: in("56", "Tỉnh Khánh Hòa"),
		},
		{
			name: "Cà Mau has no cut", query: "on=2025-10-15&province=96",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
			jurisdiction: in("96", "Tỉnh Cà Mau"),
		},
		{
			name: "nationally, with the provinces that differ", query: "on=2025-10-15",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
			jurisdiction: national(provincesOfCut),
		},
		{
			name: "nationally, before the cut: nothing to say", query: "on=2025-09-30",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
		},
		{
			name: "Lai Châu in December: the cut on QĐ2553's rate", query: "on=2025-12-15&province=12",
			monthly: "0.353333333", yearly: "4.24", rateCite: "2654/QĐ-TTg", rateYear: 2025,
			cut: "2", cutProvinces: provincesQD2654, cutCite: "2654/QĐ-TTg", cutEnacted: "2025-12-04",
			cutFrom: "2025-10-01", cutTo: "2025-12-31", validFrom: "2025-12-01", validTo: "2025-12-31",
			jurisdiction: in("12", "Tỉnh Lai Châu"),
		},
		{
			name: "Lai Châu as known the day before QĐ2654 was signed", query: "on=2025-10-15&province=12&known_on=2025-12-03",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
			jurisdiction: knownOn(in("12", "Tỉnh Lai Châu"), "2025-12-03"),
		},
		{
			name: "Lai Châu as known the day QĐ2654 was signed", query: "on=2025-10-15&province=12&known_on=2025-12-04",
			monthly: "0.383333333", yearly: "4.6", rateCite: "2654/QĐ-TTg", rateYear: 2025,
			cut: "2", cutProvinces: provincesQD2654, cutCite: "2654/QĐ-TTg", cutEnacted: "2025-12-04",
			cutFrom: "2025-10-01", cutTo: "2025-12-31", validFrom: "2025-10-01", validTo: "2025-11-30",
			jurisdiction: knownOn(in("12", "Tỉnh Lai Châu"), "2025-12-04"),
		},
		// Regression: the national answer as known before QĐ2654 was signed
		// once named the 26 provinces of a cut nobody knew of yet.
		{
			name: "nationally, as known before any cut was signed", query: "on=2025-10-15&known_on=2025-12-03",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
			jurisdiction: knownOn(nil, "2025-12-03"),
		},
		{
			name: "nationally, as known between QĐ2654 and QĐ2731", query: "on=2025-10-15&known_on=2025-12-10",
			monthly: "0.55", yearly: "6.6", rateCite: "750/QĐ-TTg", rateYear: 2015,
			cut: "0", cutCite: "22/2023/QĐ-TTg", cutEnacted: "2023-08-17",
			cutFrom: "2023-10-10", validFrom: "2023-10-10", validTo: "2025-11-30",
			jurisdiction: knownOn(national(provincesQD2654), "2025-12-10"),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := readRules(t, h, tc.query)
			assert.Equal(t, credit.DefaultVersion, r.RulesVersion)
			assert.Equal(t, tc.monthly, r.Rates.RateMonthlyPct)
			assert.Equal(t, tc.yearly, r.Rates.RateYearlyPct)
			assert.Equal(t, tc.rateCite, r.Rates.Citation.Instrument)
			assert.Equal(t, tc.rateYear, r.Rates.Citation.Year)
			assert.Contains(t, r.Rates.Citation.Text, "năm "+map[int]string{2015: "2015", 2025: "2025"}[tc.rateYear])
			assert.Equal(t, tc.validFrom, r.ValidFrom)
			require.NotNil(t, r.ValidTo)
			assert.Equal(t, tc.validTo, *r.ValidTo)

			cut := r.parameter(t, "lending_rate_cut_yearly_pct")
			assert.Equal(t, tc.cut, cut.Value)
			assert.Equal(t, "percent per year", cut.Unit)
			assert.Equal(t, tc.cutProvinces, cut.Provinces)
			assert.Equal(t, tc.cutCite, cut.Citation.Instrument)
			assert.Equal(t, tc.cutFrom, cut.From)
			if tc.cutTo == "" {
				assert.Nil(t, cut.To)
			} else if assert.NotNil(t, cut.To) {
				assert.Equal(t, tc.cutTo, *cut.To)
			}
			if assert.NotNil(t, cut.Enacted) {
				assert.Equal(t, tc.cutEnacted, *cut.Enacted)
			}
			// Only the cut is provincial; the flag that leaves the overdue
			// rate alone holds everywhere.
			for _, p := range r.Parameters {
				if p.Key != "lending_rate_cut_yearly_pct" {
					assert.Empty(t, p.Provinces, p.Key)
				}
			}
			assert.Equal(t, false, r.parameter(t, "rate_cut_lowers_overdue_rate").Value)
			overdue := "0.715" // 130 % of 0.55 %/month, not of the rate charged
			if tc.yearly == "4.24" {
				overdue = "0.676" // 130 % of 0.52 %/month
			}
			assert.Equal(t, overdue, r.Rates.OverdueRateMonthlyPct, "the cut leaves the overdue rate alone")

			assert.Equal(t, tc.jurisdiction, r.Jurisdiction)
		})
	}
}

// TestRulesCutBoundaries walks the days around the cut (2025-10-01 to
// 2025-12-31) and QĐ2553's new rate (2025-12-01) in Lai Châu and Cà Mau.
func TestRulesCutBoundaries(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		on        string
		laiChau   string // rate_yearly_pct in 12
		caMau     string // in 96
		laiChauBy string // rates.citation.instrument in 12
	}{
		{"2025-09-30", "6.6", "6.6", "750/QĐ-TTg"},
		{"2025-10-01", "4.6", "6.6", "2654/QĐ-TTg"},
		{"2025-11-30", "4.6", "6.6", "2654/QĐ-TTg"},
		{"2025-12-01", "4.24", "6.24", "2654/QĐ-TTg"},
		{"2025-12-31", "4.24", "6.24", "2654/QĐ-TTg"},
		{"2026-01-01", "6.24", "6.24", "2553/QĐ-TTg"},
	}
	for _, tc := range tests {
		t.Run(tc.on, func(t *testing.T) {
			r := readRules(t, h, "on="+tc.on+"&province=12")
			assert.Equal(t, tc.laiChau, r.Rates.RateYearlyPct, "Lai Châu")
			assert.Equal(t, tc.laiChauBy, r.Rates.Citation.Instrument, "Lai Châu")
			r = readRules(t, h, "on="+tc.on+"&province=96")
			assert.Equal(t, tc.caMau, r.Rates.RateYearlyPct, "Cà Mau")
			assert.NotEqual(t, "2654/QĐ-TTg", r.Rates.Citation.Instrument, "Cà Mau")
			assert.Empty(t, r.parameter(t, "lending_rate_cut_yearly_pct").Provinces, "Cà Mau")
		})
	}
}

// TestRulesBadProvinceOrKnownOn: a province code that names no province of
// 2025 (a three-digit code of an ID number is not one) and a known_on day
// that is not a date, or is before QĐ22 was signed, are 400s naming the
// parameter.
func TestRulesBadProvinceOrKnownOn(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, query, param, code string
	}{
		{"no province 99", "on=2025-10-15&province=99", "province", "unknown_province"},
		{"an ID number's province code", "on=2025-10-15&province=012", "province", "unknown_province"},
		{"a name, not a code", "on=2025-10-15&province=" + url.QueryEscape("Lai Châu"), "province", "unknown_province"},
		{"known_on not a date", "on=2025-10-15&known_on=bad", "known_on", "invalid_date"},
		{"known_on not a real day", "on=2025-10-15&known_on=2025-02-29", "known_on", "invalid_date"},
		{"known_on before QĐ22 was signed", "on=2025-10-15&known_on=2023-08-16", "known_on", "not_yet_enacted"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodGet, "/v1/rules?"+tc.query, "")
			p := readProblem(t, rec, http.StatusBadRequest)
			assert.True(t, strings.HasSuffix(p.Type, "#invalid-parameter"), p.Type)
			require.Len(t, p.Errors, 1)
			assert.Equal(t, tc.param, p.Errors[0].Parameter)
			assert.Nil(t, p.Errors[0].Pointer)
			assert.Equal(t, tc.code, p.Errors[0].Code)
		})
	}
	t.Run("the day QĐ22 was signed is known", func(t *testing.T) {
		r := readRules(t, h, "on=2023-10-10&known_on=2023-08-17")
		assert.Equal(t, "6.6", r.Rates.RateYearlyPct)
	})
}

// ---- POST /v1/statements and /v1/schedules ----

// q4Loan is 100,000,000 disbursed on 2025-10-01, as the storm-relief cut
// begins: 24 months, principal every 12.
const q4Loan = `{"amount": "100000000", "disbursed_on": "2025-10-01", "term_months": 24, "principal_every_months": 12}`

// TestStatementByProvince: at the end of 2025, a loan in Lai Châu owes
// exactly the cut less interest than the same loan in Cà Mau: 2 %/year on
// 100,000,000 for October (31 days: 172,222), November (30 days: 166,667)
// and December (31 days: 172,222), each month rounded on each side.
func TestStatementByProvince(t *testing.T) {
	h := newHandler(httpapi.Options{})
	interest := func(t *testing.T, edits ...edit) (int64, statementOut) {
		t.Helper()
		st := readStatement(t, postStatement(h, editJSON(t, q4Loan, append([]edit{set("/as_of", "2026-01-01")}, edits...)...)))
		return vnd(t, st.InterestDue) + vnd(t, st.InterestAccrued), st
	}
	caMau, stCaMau := interest(t, set("/province", "96"))
	laiChau, stLaiChau := interest(t, set("/province", "12"))
	assert.Equal(t, int64(1_655_666), caMau, "568,333 + 550,000 + 537,333")
	assert.Equal(t, int64(1_144_555), laiChau, "396,111 + 383,333 + 365,111")
	assert.Equal(t, int64(172_222+166_667+172_222), caMau-laiChau)
	assert.Equal(t, int64(511_111), caMau-laiChau)

	assert.Equal(t, in("96", "Tỉnh Cà Mau"), stCaMau.Jurisdiction)
	assert.Equal(t, in("12", "Tỉnh Lai Châu"), stLaiChau.Jurisdiction)
	var cites []string
	for _, r := range stLaiChau.Rates {
		cites = append(cites, r.From+" "+r.RateYearlyPct+" "+r.Citation.Instrument)
	}
	assert.Equal(t, []string{"2025-10-01 4.6 2654/QĐ-TTg", "2025-12-01 4.24 2654/QĐ-TTg", "2026-01-01 6.24 2553/QĐ-TTg"}, cites)

	nationally, st := interest(t)
	assert.Equal(t, caMau, nationally, "the national statement is Cà Mau's")
	assert.Equal(t, national(provincesOfCut), st.Jurisdiction)

	before, st := interest(t, set("/province", "12"), set("/known_on", "2025-12-03"))
	assert.Equal(t, caMau, before, "as known before QĐ2654 was signed, Lai Châu pays the full rate")
	assert.Equal(t, knownOn(in("12", "Tỉnh Lai Châu"), "2025-12-03"), st.Jurisdiction)
	signed, _ := interest(t, set("/province", "12"), set("/known_on", "2025-12-04"))
	assert.Equal(t, laiChau, signed)
}

// TestScheduleByProvince: the installments of the same loan in Lai Châu and
// Cà Mau differ by the cut month by month, and only while it holds.
func TestScheduleByProvince(t *testing.T) {
	h := newHandler(httpapi.Options{})
	laiChau := readSchedule(t, postSchedule(h, editJSON(t, q4Loan, set("/province", "12"))))
	caMau := readSchedule(t, postSchedule(h, editJSON(t, q4Loan, set("/province", "96"))))
	require.Len(t, laiChau.Installments, 24)
	require.Len(t, caMau.Installments, 24)
	want := []int64{172_222, 166_667, 172_222}
	for i := range laiChau.Installments {
		diff := vnd(t, caMau.Installments[i].Interest) - vnd(t, laiChau.Installments[i].Interest)
		if i < len(want) {
			assert.Equal(t, want[i], diff, "installment %d", i+1)
		} else {
			assert.Zero(t, diff, "installment %d", i+1)
		}
	}
	assert.Equal(t, in("12", "Tỉnh Lai Châu"), laiChau.Jurisdiction)
	assert.Equal(t, "2654/QĐ-TTg", laiChau.Rates[0].Citation.Instrument)
	assert.Equal(t, 2025, laiChau.Rates[0].Citation.Year)
	assert.Equal(t, "0.715", laiChau.Rates[0].OverdueRateMonthlyPct, "the cut leaves the overdue rate")
}

// TestScheduleJurisdiction: a national schedule says which provinces have
// values of their own on the days it counts interest — from disbursed_on
// to the day before the last due date — and says nothing when none has.
//
// Regression: the days once ran to the last due date itself, so a loan
// whose last day of interest was 2025-09-30 was warned of the cut.
func TestScheduleJurisdiction(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		loan  string
		wantJ *jurisdictionOut
	}{
		{"last day of interest 2025-09-30", `{"amount":"1000000","disbursed_on":"2025-09-01","term_months":1,"principal_every_months":1}`, nil},
		{"last day of interest 2025-10-01", `{"amount":"1000000","disbursed_on":"2025-09-02","term_months":1,"principal_every_months":1}`, national(provincesOfCut)},
		{"first day 2025-12-31", `{"amount":"1000000","disbursed_on":"2025-12-31","term_months":1,"principal_every_months":1}`, national(provincesOfCut)},
		{"first day 2026-01-01", `{"amount":"1000000","disbursed_on":"2026-01-01","term_months":1,"principal_every_months":1}`, nil},
		{"a province: named, whatever the days", `{"amount":"1000000","disbursed_on":"2026-01-01","term_months":1,"principal_every_months":1,"province":"12"}`, in("12", "Tỉnh Lai Châu")},
		{"as known on a day: echoed", `{"amount":"1000000","disbursed_on":"2026-01-01","term_months":1,"principal_every_months":1,"known_on":"2026-01-01"}`, knownOn(nil, "2026-01-01")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postSchedule(h, tc.loan)
			s := readSchedule(t, rec)
			assert.Equal(t, tc.wantJ, s.Jurisdiction)
			if tc.wantJ == nil {
				assert.NotContains(t, rec.Body.String(), `"jurisdiction"`, "absent, not null")
			}
		})
	}
}

// TestLoanProvinceInvalid: what a loan may say about where and when the law
// is read, and about study leave, is checked like the rest of it.
func TestLoanProvinceInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	training := []edit{set("/purpose", "vocational_training"), set("/course_months", 10), set("/term_months", 30),
		set("/principal_every_months", 1)}
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"no province 99", []edit{set("/province", "99")}, []at{{"/province", "unknown_province"}}},
		{"an ID number's province code", []edit{set("/province", "012")}, []at{{"/province", "unknown_province"}}},
		{"a province as a number", []edit{set("/province", 12)}, []at{{"/province", "invalid_type"}}},
		{"known_on not a date", []edit{set("/known_on", "2025-13-01")}, []at{{"/known_on", "invalid_date"}}},
		{"known_on before QĐ22 was signed", []edit{set("/known_on", "2023-08-16")}, []at{{"/known_on", "not_yet_enacted"}}},
		{"study leave on a production loan", []edit{set("/leave_months", 2)}, []at{{"/leave_months", "leave_not_training"}}},
		{"study leave of 61 months", append(training, set("/leave_months", 61)), []at{{"/leave_months", "out_of_range"}}},
		{"negative study leave", append(training, set("/leave_months", -1)), []at{{"/leave_months", "out_of_range"}}},
		{"everything at once", []edit{set("/province", "99"), set("/known_on", "2023-08-16"), set("/leave_months", 2)},
			[]at{{"/province", "unknown_province"}, {"/known_on", "not_yet_enacted"}, {"/leave_months", "leave_not_training"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, path := range []string{"/v1/schedules", "/v1/statements"} {
				b := editJSON(t, q4Loan, tc.edits...)
				if path == "/v1/statements" {
					b = editJSON(t, b, set("/as_of", "2026-01-01"))
				}
				p := readProblem(t, do(h, http.MethodPost, path, b), http.StatusUnprocessableEntity)
				assert.ElementsMatch(t, tc.want, p.at(), path)
			}
		})
	}
}

// TestScheduleStudyLeave: study leave belongs to the disbursement period
// (Art. 8 cl. 1 point b): a 10-month course with 2 months of leave repays
// over at most 2 × 12 months, so the term may reach 36 months, and no
// principal falls due in the first 12.
func TestScheduleStudyLeave(t *testing.T) {
	h := newHandler(httpapi.Options{})
	training := `{"amount":"40000000","disbursed_on":"2026-01-05","term_months":36,"principal_every_months":1,"purpose":"vocational_training","course_months":10,"leave_months":2}`

	s := readSchedule(t, postSchedule(h, training))
	require.Len(t, s.Installments, 36)
	assert.Equal(t, "term.training", s.Term.Rule)
	assert.Equal(t, 36, s.Term.MaxMonths)
	for i, in := range s.Installments {
		if i < 12 {
			assert.Equal(t, "0", in.Principal, "installment %d: still in the disbursement period", in.No)
		} else {
			assert.NotEqual(t, "0", in.Principal, "installment %d", in.No)
		}
	}

	for _, tc := range []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"a month above the limit", []edit{set("/term_months", 37)}, []at{{"/term_months", "out_of_range"}}},
		{"without the leave, 36 months is above 30", []edit{del("/leave_months")}, []at{{"/term_months", "out_of_range"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postSchedule(h, editJSON(t, training, tc.edits...)), http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// ---- POST /v1/assessments ----

// TestAssessmentByProvince: the terms of an application in a province carry
// the rate charged there and its citation, and say where they hold.
func TestAssessmentByProvince(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name         string
		edits        []edit
		yearly       string
		rateCite     string
		jurisdiction *jurisdictionOut
	}{
		{"Lai Châu during the cut", []edit{set("/province", "12")}, "4.6", "2654/QĐ-TTg", in("12", "Tỉnh Lai Châu")},
		{"Cà Mau", []edit{set("/province", "96")}, "6.6", "750/QĐ-TTg", in("96", "Tỉnh Cà Mau")},
		{"nationally", nil, "6.6", "750/QĐ-TTg", national(provincesOfCut)},
		{"Lai Châu as known before QĐ2654", []edit{set("/province", "12"), set("/known_on", "2025-12-03")}, "6.6", "750/QĐ-TTg",
			knownOn(in("12", "Tỉnh Lai Châu"), "2025-12-03")},
		{"Lai Châu as known when QĐ2654 was signed", []edit{set("/province", "12"), set("/known_on", "2025-12-04")}, "4.6", "2654/QĐ-TTg",
			knownOn(in("12", "Tỉnh Lai Châu"), "2025-12-04")},
		{"a province given as null is none", []edit{set("/province", nil)}, "6.6", "750/QĐ-TTg", national(provincesOfCut)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := individualBody(t, append([]edit{set("/requested_on", "2025-10-15")}, tc.edits...)...)
			var a assessmentOut
			decodeStrict(t, post(h, b), &a)
			assert.Equal(t, "eligible", a.Decision)
			require.NotNil(t, a.Terms)
			assert.Equal(t, tc.yearly, a.Terms.RateYearlyPct)
			assert.Equal(t, "0.715", a.Terms.OverdueRateMonthlyPct)
			ground := a.ground(t, "rate")
			assert.Equal(t, "rate", ground.Rule)
			assert.Equal(t, tc.rateCite, ground.Citation.Instrument)
			assert.Contains(t, ground.Citation.Text, strings.TrimSuffix(tc.rateCite, "/QĐ-TTg"))
			assert.Equal(t, tc.jurisdiction, a.Jurisdiction)
		})
	}
}

// TestAssessmentProvinceInvalid: the problems of province, known_on and
// leave_months, each at its pointer.
func TestAssessmentProvinceInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	training := []edit{set("/purpose", "vocational_training"), set("/course_months", 10)}
	tests := []struct {
		name string
		body string
		want []at
	}{
		{"no province 99", individualBody(t, set("/province", "99")), []at{{"/province", "unknown_province"}}},
		{"an ID number's province code", individualBody(t, set("/province", "012")), []at{{"/province", "unknown_province"}}},
		{"a province as a number", individualBody(t, set("/province", 12)), []at{{"/province", "invalid_type"}}},
		{"known_on not a date", individualBody(t, set("/known_on", "2024-02-30")), []at{{"/known_on", "invalid_date"}}},
		{"known_on before QĐ22 was signed", individualBody(t, set("/known_on", "2023-08-16")), []at{{"/known_on", "not_yet_enacted"}}},
		{"study leave on a production loan", individualBody(t, set("/leave_months", 2)), []at{{"/leave_months", "leave_not_training"}}},
		{"study leave for an establishment", establishmentBody(t, set("/purpose", "vocational_training"), set("/leave_months", 2)),
			[]at{{"/leave_months", "leave_not_training"}}},
		{"study leave of 61 months", individualBody(t, append(training, set("/leave_months", 61))...), []at{{"/leave_months", "out_of_range"}}},
		{"study leave as a string", individualBody(t, append(training, set("/leave_months", "2"))...), []at{{"/leave_months", "not_integer"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, post(h, tc.body), http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// TestAssessmentStudyLeave: study leave lengthens the disbursement period
// (Art. 8 cl. 1 point b) and so the repayment period and the term, not the
// cap, which counts months of the course (Art. 6 cl. 1). Whether a course is
// short (12 months or less) is a matter of the course alone.
func TestAssessmentStudyLeave(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name                   string
		course, leave          int
		cap                    string
		maxTerm, maxRepayment  int
		wantLeaveInTheResponse bool
	}{
		{"10-month course, no leave", 10, 0, "40000000", 30, 20, false},
		{"10-month course, 2 months of leave", 10, 2, "40000000", 36, 24, true},
		{"12-month course, 2 months of leave: still short", 12, 2, "48000000", 42, 28, true},
		{"13-month course, 2 months of leave: long", 13, 2, "52000000", 30, 15, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			edits := []edit{set("/purpose", "vocational_training"), set("/course_months", tc.course), del("/amount")}
			if tc.leave > 0 {
				edits = append(edits, set("/leave_months", tc.leave))
			}
			rec := post(h, individualBody(t, edits...))
			var a assessmentOut
			decodeStrict(t, rec, &a)
			require.NotNil(t, a.Terms)
			assert.Equal(t, tc.cap, a.Terms.Cap)
			assert.Equal(t, tc.course, a.Terms.CourseMonths)
			assert.Equal(t, tc.leave, a.Terms.LeaveMonths)
			assert.Equal(t, tc.maxTerm, a.Terms.MaxTermMonths)
			assert.Equal(t, tc.maxRepayment, a.Terms.MaxRepaymentMonths)
			assert.Equal(t, tc.wantLeaveInTheResponse, strings.Contains(rec.Body.String(), `"leave_months"`))
			assert.Equal(t, "term.training", a.ground(t, "max_term_months").Rule)
		})
	}
}

// TestAssessmentBorrowerOfRecord: who signs follows whether the household
// has a capable adult; when that is not stated, it is still to be
// confirmed ("unknown"), not guessed to be the household.
func TestAssessmentBorrowerOfRecord(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		edit  edit
		want  string
		cites string // the method ground's citation
	}{
		{"a capable adult", set("/individual/household_has_capable_adult", true), "household", "Điều 4 Quyết định 22/2023/QĐ-TTg"},
		{"none", set("/individual/household_has_capable_adult", false), "self", "Điều 4 Quyết định 22/2023/QĐ-TTg"},
		{"not stated", del("/individual/household_has_capable_adult"), "unknown", "Điều 4 Quyết định 22/2023/QĐ-TTg"},
		{"null", set("/individual/household_has_capable_adult", nil), "unknown", "Điều 4 Quyết định 22/2023/QĐ-TTg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a assessmentOut
			decodeStrict(t, post(h, individualBody(t, tc.edit)), &a)
			assert.Equal(t, "eligible", a.Decision, "no finding depends on it")
			require.NotNil(t, a.Terms)
			assert.Equal(t, tc.want, a.Terms.BorrowerOfRecord)
			assert.Equal(t, "entrusted", a.Terms.Method)
			assert.Equal(t, tc.cites, a.ground(t, "method").Citation.Text)
		})
	}
}

// ---- POST /v1/assessments, as a client reads it, every field known ----

type assessmentOut struct {
	Decision     string `json:"decision"`
	RulesVersion string `json:"rules_version"`
	RequestedOn  string `json:"requested_on"`
	Findings     []struct {
		Rule            string      `json:"rule"`
		Outcome         string      `json:"outcome"`
		Citation        citationOut `json:"citation"`
		MessageVI       string      `json:"message_vi"`
		MessageEN       string      `json:"message_en"`
		LastEligibleDay string      `json:"last_eligible_day"`
		MinSharePct     int         `json:"min_share_pct"`
	} `json:"findings"`
	Terms *struct {
		Cap                   string `json:"cap"`
		Amount                string `json:"amount"`
		MaxTermMonths         int    `json:"max_term_months"`
		CourseMonths          int    `json:"course_months"`
		LeaveMonths           int    `json:"leave_months"`
		MaxRepaymentMonths    int    `json:"max_repayment_months"`
		RateMonthlyPct        string `json:"rate_monthly_pct"`
		RateYearlyPct         string `json:"rate_yearly_pct"`
		OverdueRateMonthlyPct string `json:"overdue_rate_monthly_pct"`
		CollateralRequired    bool   `json:"collateral_required"`
		Method                string `json:"method"`
		BorrowerOfRecord      string `json:"borrower_of_record"`
		Grounds               []struct {
			Term     string      `json:"term"`
			Rule     string      `json:"rule"`
			Citation citationOut `json:"citation"`
		} `json:"grounds"`
	} `json:"terms"`
	Jurisdiction *jurisdictionOut `json:"jurisdiction"`
}

type groundOut struct {
	Rule     string
	Citation citationOut
}

// ground returns the ground of the term named term.
func (a *assessmentOut) ground(t *testing.T, term string) groundOut {
	t.Helper()
	require.NotNil(t, a.Terms)
	for _, g := range a.Terms.Grounds {
		if g.Term == term {
			return groundOut{g.Rule, g.Citation}
		}
	}
	t.Fatalf("no ground for %s", term)
	return groundOut{}
}
