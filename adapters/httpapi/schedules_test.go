package httpapi_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

// contractSchedule is the request of api-v1.md, POST /v1/schedules.
const contractSchedule = `{"amount": "100000000", "disbursed_on": "2025-11-01", "term_months": 24, "principal_every_months": 12}`

// ---- request building ----

// editJSON returns base with the edits applied, marshalled. Pointers may go
// through arrays ("/payments/0/on"); an index equal to the length appends.
func editJSON(t testing.TB, base string, edits ...edit) string {
	t.Helper()
	var root any
	dec := json.NewDecoder(strings.NewReader(base))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&root))
	for _, e := range edits {
		parts := strings.Split(strings.TrimPrefix(e.ptr, "/"), "/")
		root = setAt(t, root, parts, e.value)
	}
	b, err := json.Marshal(root)
	require.NoError(t, err)
	return string(b)
}

func setAt(t testing.TB, node any, parts []string, v any) any {
	t.Helper()
	if len(parts) == 0 {
		return v
	}
	last := len(parts) == 1
	switch n := node.(type) {
	case map[string]any:
		if last && v == absent {
			delete(n, parts[0])
			return n
		}
		n[parts[0]] = setAt(t, n[parts[0]], parts[1:], v)
		return n
	case []any:
		i, err := strconv.Atoi(parts[0])
		require.NoError(t, err, "index %q", parts[0])
		require.LessOrEqual(t, i, len(n))
		if last && v == absent {
			return append(n[:i], n[i+1:]...)
		}
		if i == len(n) {
			n = append(n, nil)
		}
		n[i] = setAt(t, n[i], parts[1:], v)
		return n
	}
	if _, err := strconv.Atoi(parts[0]); err == nil {
		return setAt(t, []any{}, parts, v)
	}
	return setAt(t, map[string]any{}, parts, v)
}

// loan is the contract's schedule request with the edits applied.
func loan(t testing.TB, edits ...edit) string { return editJSON(t, contractSchedule, edits...) }

// statementBody is the contract's loan, as of asOf, with the edits applied.
func statementBody(t testing.TB, asOf string, edits ...edit) string {
	return editJSON(t, contractSchedule, append([]edit{set("/as_of", asOf)}, edits...)...)
}

// flow is one dated amount of a request.
func flow(on, amount string) map[string]any { return map[string]any{"on": on, "amount": amount} }

func flows(fs ...map[string]any) []any {
	out := make([]any, len(fs))
	for i, f := range fs {
		out[i] = f
	}
	return out
}

func postSchedule(h http.Handler, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, "/v1/schedules", body)
}

func postStatement(h http.Handler, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, "/v1/statements", body)
}

// ---- response shapes, as a client reads them: money fields are strings,
// so a number in their place fails to decode; unknown fields fail too ----

type citationOut struct {
	Instrument string `json:"instrument"`
	Year       int    `json:"year"`
	Article    int    `json:"article"`
	Clause     int    `json:"clause"`
	Point      string `json:"point"`
	Text       string `json:"text"`
	TextEN     string `json:"text_en"`
	Note       string `json:"note"`
}

type installmentOut struct {
	No           int    `json:"no"`
	From         string `json:"from"`
	DueOn        string `json:"due_on"`
	Days         int    `json:"days"`
	Principal    string `json:"principal"`
	Interest     string `json:"interest"`
	BalanceAfter string `json:"balance_after"`
	Disbursed    string `json:"disbursed"`
	Prepaid      string `json:"prepaid"`
}

type rateSpanOut struct {
	From                  string      `json:"from"`
	To                    string      `json:"to"`
	RateMonthlyPct        string      `json:"rate_monthly_pct"`
	RateYearlyPct         string      `json:"rate_yearly_pct"`
	OverdueRateMonthlyPct string      `json:"overdue_rate_monthly_pct"`
	Citation              citationOut `json:"citation"`
	OverdueCitation       citationOut `json:"overdue_citation"`
}

type scheduleOut struct {
	Installments   []installmentOut `json:"installments"`
	TotalInterest  string           `json:"total_interest"`
	TotalPrincipal string           `json:"total_principal"`
	Term           struct {
		Rule      string      `json:"rule"`
		MaxMonths int         `json:"max_months"`
		Citation  citationOut `json:"citation"`
	} `json:"term"`
	Rates              []rateSpanOut    `json:"rates"`
	InterestConvention citationOut      `json:"interest_convention"`
	RulesVersion       string           `json:"rules_version"`
	Jurisdiction       *jurisdictionOut `json:"jurisdiction"`
}

type paidOut struct {
	Amount           string `json:"amount"`
	OverdueInterest  string `json:"overdue_interest"`
	Interest         string `json:"interest"`
	OverduePrincipal string `json:"overdue_principal"`
	Principal        string `json:"principal"`
	EarlyPrincipal   string `json:"early_principal"`
	AccruedInterest  string `json:"accrued_interest"`
	Unapplied        string `json:"unapplied"`
}

type allocationOut struct {
	On string `json:"on"`
	paidOut
	Order         []string    `json:"order"`
	OrderCitation citationOut `json:"order_citation"`
}

type statementOut struct {
	AsOf                  string           `json:"as_of"`
	Disbursed             string           `json:"disbursed"`
	PrincipalOutstanding  string           `json:"principal_outstanding"`
	PrincipalDue          string           `json:"principal_due"`
	PrincipalOverdue      string           `json:"principal_overdue"`
	OverdueSince          *string          `json:"overdue_since"`
	InterestDue           string           `json:"interest_due"`
	InterestAccrued       string           `json:"interest_accrued"`
	OverdueInterest       string           `json:"overdue_interest"`
	Payoff                string           `json:"payoff"`
	NextDueOn             *string          `json:"next_due_on"`
	Overpaid              string           `json:"overpaid"`
	Paid                  paidOut          `json:"paid"`
	Payments              []allocationOut  `json:"payments"`
	RateMonthlyPct        string           `json:"rate_monthly_pct"`
	OverdueRateMonthlyPct string           `json:"overdue_rate_monthly_pct"`
	Rates                 []rateSpanOut    `json:"rates"`
	InterestConvention    citationOut      `json:"interest_convention"`
	RulesVersion          string           `json:"rules_version"`
	Jurisdiction          *jurisdictionOut `json:"jurisdiction"`
}

// jurisdictionOut says where an answer holds: in the province asked for, or
// nationally, and then which provinces have values of their own.
type jurisdictionOut struct {
	Province     *string  `json:"province"`
	ProvinceName string   `json:"province_name"`
	KnownOn      *string  `json:"known_on"`
	OwnValuesIn  []string `json:"provinces_with_own_values"`
	MessageVI    string   `json:"message_vi"`
	MessageEN    string   `json:"message_en"`
}

// decodeStrict decodes a 200 body into v, refusing unknown fields.
func decodeStrict(t testing.TB, rec *httptest.ResponseRecorder, v any) {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %s", rec.Body)
	assert.Equal(t, "application/json; charset=utf-8", rec.Header().Get("Content-Type"))
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(v), "body: %s", rec.Body)
}

func readSchedule(t testing.TB, rec *httptest.ResponseRecorder) scheduleOut {
	t.Helper()
	var s scheduleOut
	decodeStrict(t, rec, &s)
	return s
}

func readStatement(t testing.TB, rec *httptest.ResponseRecorder) statementOut {
	t.Helper()
	var s statementOut
	decodeStrict(t, rec, &s)
	return s
}

// vnd reads money as the contract writes it: a string of digits.
func vnd(t testing.TB, s string) int64 {
	t.Helper()
	require.NotEmpty(t, s, "money is empty")
	for i := 0; i < len(s); i++ {
		require.True(t, s[i] >= '0' && s[i] <= '9', "money %q is not a string of digits", s)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	require.NoError(t, err)
	return n
}

func strp(s string) *string { return &s }

// ---- POST /v1/schedules: 200 ----

// The contract's example behaves as api-v1.md writes it.
func TestScheduleContractExample(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postSchedule(h, contractSchedule)
	s := readSchedule(t, rec)

	require.Len(t, s.Installments, 24)
	start := credit.MustDate(2025, 11, 1)
	var sumInterest, sumPrincipal int64
	for i, in := range s.Installments {
		k := i + 1
		assert.Equal(t, k, in.No)
		// Installment k is due on disbursed_on + k months, never chained.
		assert.Equal(t, start.AddMonths(k).String(), in.DueOn, "installment %d", k)
		assert.Equal(t, start.AddMonths(k-1).String(), in.From, "installment %d", k)
		from, _ := credit.ParseDate(in.From)
		due, _ := credit.ParseDate(in.DueOn)
		assert.Equal(t, due.DaysSince(from), in.Days, "installment %d", k)
		switch k {
		case 12, 24:
			assert.Equal(t, "50000000", in.Principal, "installment %d", k)
		default:
			assert.Equal(t, "0", in.Principal, "installment %d", k)
		}
		sumInterest += vnd(t, in.Interest)
		sumPrincipal += vnd(t, in.Principal)
		vnd(t, in.BalanceAfter)
		assert.Equal(t, "0", in.Prepaid)
	}
	assert.Equal(t, "2025-12-01", s.Installments[0].DueOn)
	assert.Equal(t, "2027-11-01", s.Installments[23].DueOn)

	// 100,000,000 × 0.55 %/month / 30 × 30 days (November 2025).
	assert.Equal(t, "550000", s.Installments[0].Interest)
	// 100,000,000 × 0.52 % / 30 × 31 days (December 2025, the new rate) = 537,333.33.
	assert.Equal(t, "537333", s.Installments[1].Interest)
	// Worked case 10: a 30-day month at 0.52 % (April 2026) is 520,000.
	assert.Equal(t, "520000", s.Installments[5].Interest)
	// After the first part: 50,000,000 × 0.52 % / 30 × 30 days (November 2026).
	assert.Equal(t, "260000", s.Installments[12].Interest)

	assert.Equal(t, "100000000", s.Installments[0].Disbursed)
	assert.Equal(t, "100000000", s.Installments[10].BalanceAfter)
	assert.Equal(t, "50000000", s.Installments[11].BalanceAfter)
	assert.Equal(t, "0", s.Installments[23].BalanceAfter)

	assert.Equal(t, strconv.FormatInt(sumInterest, 10), s.TotalInterest)
	assert.Equal(t, "9520000", s.TotalInterest)
	assert.Equal(t, int64(100_000_000), sumPrincipal)
	assert.Equal(t, "100000000", s.TotalPrincipal)

	assert.Equal(t, "term.production", s.Term.Rule)
	assert.Equal(t, 120, s.Term.MaxMonths)
	assert.Equal(t, 8, s.Term.Citation.Article)
	require.Len(t, s.Rates, 2)
	assert.Equal(t, rateSpanOut{From: "2025-11-01", To: "2025-11-30", RateMonthlyPct: "0.55", RateYearlyPct: "6.6", OverdueRateMonthlyPct: "0.715",
		Citation: s.Rates[0].Citation, OverdueCitation: s.Rates[0].OverdueCitation}, s.Rates[0])
	assert.Equal(t, rateSpanOut{From: "2025-12-01", To: "2027-10-31", RateMonthlyPct: "0.52", RateYearlyPct: "6.24", OverdueRateMonthlyPct: "0.676",
		Citation: s.Rates[1].Citation, OverdueCitation: s.Rates[1].OverdueCitation}, s.Rates[1])
	assert.Equal(t, "750/QĐ-TTg", s.Rates[0].Citation.Instrument)
	assert.Equal(t, "2553/QĐ-TTg", s.Rates[1].Citation.Instrument)
	assert.Equal(t, 9, s.Rates[1].OverdueCitation.Article)
	assert.NotEmpty(t, s.InterestConvention.Text)
	assert.Equal(t, credit.DefaultVersion, s.RulesVersion)

	// Money is written as JSON strings, everywhere.
	var raw struct {
		Installments []map[string]json.RawMessage `json:"installments"`
		Total        json.RawMessage              `json:"total_interest"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &raw))
	assert.Equal(t, byte('"'), raw.Total[0])
	for _, in := range raw.Installments {
		for _, k := range []string{"principal", "interest", "balance_after", "disbursed", "prepaid"} {
			assert.Equal(t, byte('"'), in[k][0], "%s = %s", k, in[k])
		}
	}
}

// The amount may be sent as a JSON integer; the answer is the same.
func TestScheduleAmountAsInteger(t *testing.T) {
	h := newHandler(httpapi.Options{})
	want := postSchedule(h, contractSchedule)
	got := postSchedule(h, loan(t, set("/amount", raw("100000000"))))
	require.Equal(t, http.StatusOK, got.Code, "body: %s", got.Body)
	assert.JSONEq(t, want.Body.String(), got.Body.String())
}

// An early repayment is taken from the coming part, and the interest from
// its day on is on the lower balance; the principal parts and the early
// repayments together sum to the amount.
func TestScheduleEarlyRepayment(t *testing.T) {
	h := newHandler(httpapi.Options{})
	s := readSchedule(t, postSchedule(h, loan(t, set("/prepayments", flows(flow("2026-03-15", "20000000"))))))
	require.Len(t, s.Installments, 24)
	// March 2026: 14 days on 100,000,000 and 17 days on 80,000,000 at
	// 0.52 % / 30: (1,400,000,000 + 1,360,000,000) × 0.0052 / 30 = 478,400.
	in := s.Installments[4]
	assert.Equal(t, installmentOut{No: 5, From: "2026-03-01", DueOn: "2026-04-01", Days: 31, Principal: "0",
		Interest: "478400", BalanceAfter: "80000000", Disbursed: "0", Prepaid: "20000000"}, in)
	assert.Equal(t, "416000", s.Installments[5].Interest) // 80,000,000 × 0.52 % for 30 days
	assert.Equal(t, "30000000", s.Installments[11].Principal)
	assert.Equal(t, "50000000", s.Installments[23].Principal)
	assert.Equal(t, "0", s.Installments[23].BalanceAfter)
	var principal, prepaid int64
	for _, in := range s.Installments {
		principal += vnd(t, in.Principal)
		prepaid += vnd(t, in.Prepaid)
	}
	assert.Equal(t, int64(100_000_000), principal+prepaid)
	assert.Equal(t, "8719203", s.TotalInterest)
}

// Month arithmetic: from 31 January, due dates fall on the last day of
// shorter months, counted from the disbursement each time (31 March, not 28).
func TestScheduleEndOfMonth(t *testing.T) {
	h := newHandler(httpapi.Options{})
	s := readSchedule(t, postSchedule(h, loan(t, set("/disbursed_on", "2026-01-31"), set("/term_months", 4), set("/principal_every_months", 1))))
	var due []string
	for _, in := range s.Installments {
		due = append(due, in.DueOn)
	}
	assert.Equal(t, []string{"2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"}, due)
	assert.Equal(t, 28, s.Installments[0].Days)
	// 100,000,000 × 0.52 % / 30 × 28 = 485,333.33.
	assert.Equal(t, "485333", s.Installments[0].Interest)
}

// A training loan may run to the course plus twice the course (Art. 8);
// principal starts after the course.
func TestScheduleTrainingLoan(t *testing.T) {
	h := newHandler(httpapi.Options{})
	parts := make([]any, 10)
	for i := range parts {
		parts[i] = flow(credit.MustDate(2026, 1, 5).AddMonths(i).String(), "4000000")
	}
	s := readSchedule(t, postSchedule(h, editJSON(t, `{}`,
		set("/amount", "40000000"), set("/disbursed_on", "2026-01-05"), set("/term_months", 30),
		set("/principal_every_months", 1), set("/purpose", "vocational_training"), set("/course_months", 10),
		set("/disbursements", parts))))
	require.Len(t, s.Installments, 30)
	assert.Equal(t, "term.training", s.Term.Rule)
	assert.Equal(t, 30, s.Term.MaxMonths)
	for i, in := range s.Installments {
		if i < 10 {
			assert.Equal(t, "0", in.Principal, "installment %d: no principal during the course", in.No)
			assert.Equal(t, "4000000", in.Disbursed, "installment %d", in.No)
			assert.Equal(t, strconv.Itoa((i+1)*4_000_000), in.BalanceAfter, "installment %d", in.No)
		} else {
			assert.Equal(t, "2000000", in.Principal, "installment %d", in.No)
		}
	}
	// 4,000,000 × 0.52 % / 30 × 31 days = 21,493.33.
	assert.Equal(t, "21493", s.Installments[0].Interest)
	assert.Equal(t, "0", s.Installments[29].BalanceAfter)
}

// ---- POST /v1/statements: 200 ----

// A principal part missed in part: the rest is overdue from the day after
// its due date and bears the overdue rate instead of the lending rate.
func TestStatementMissedPart(t *testing.T) {
	h := newHandler(httpapi.Options{})
	st := readStatement(t, postStatement(h, statementBody(t, "2026-12-15",
		set("/payments", flows(flow("2026-11-01", "10000000"))))))

	// Interest of installments 1-12: 550,000 (November 2025 at 0.55 %)
	// + 7 × 537,333 (31-day months at 0.52 %) + 485,333 (February 2026)
	// + 3 × 520,000 (30-day months) = 6,356,664. The payment of 10,000,000
	// on 2026-11-01 settles it (order: overdue interest 0, interest
	// 6,356,664, overdue principal 0, principal) and 3,643,336 of the
	// 50,000,000 falling due that day: 46,356,664 is overdue from 2026-11-02.
	require.Len(t, st.Payments, 1)
	assert.Equal(t, allocationOut{On: "2026-11-01", paidOut: paidOut{Amount: "10000000", OverdueInterest: "0", Interest: "6356664",
		OverduePrincipal: "0", Principal: "3643336", EarlyPrincipal: "0", AccruedInterest: "0", Unapplied: "0"},
		Order: []string{"overdue_interest", "interest", "overdue_principal", "principal"}, OrderCitation: st.Payments[0].OrderCitation},
		st.Payments[0])
	assert.Equal(t, st.Payments[0].paidOut, st.Paid)

	assert.Equal(t, "2026-12-15", st.AsOf)
	assert.Equal(t, "100000000", st.Disbursed)
	assert.Equal(t, "96356664", st.PrincipalOutstanding) // 100,000,000 − 3,643,336
	assert.Equal(t, "0", st.PrincipalDue)
	assert.Equal(t, "46356664", st.PrincipalOverdue)
	assert.Equal(t, strp("2026-11-02"), st.OverdueSince)
	// Installment 13 (2026-11-01 to 2026-11-30), at 0.52 % / 30 a day on
	// the principal not overdue: 96,356,664 on 11-01 (the unpaid part is
	// due, not yet overdue) = 16,701.82, and 50,000,000 for 29 days =
	// 251,333.33: 268,035.15 → 268,035, due on 2026-12-01 and unpaid.
	assert.Equal(t, "268035", st.InterestDue)
	// 2026-12-01 to 2026-12-14: 50,000,000 × 0.52 % / 30 × 14 = 121,333.33.
	assert.Equal(t, "121333", st.InterestAccrued)
	// Overdue interest at 0.676 %/month (130 % of 0.52 %): 46,356,664 ×
	// 0.676 % / 30 = 10,445.70 a day; × 29 days (2026-11-02 to 11-30) =
	// 302,925.35 → 302,925 (rounded with installment 13), + × 14 days
	// (2026-12-01 to 12-14) = 146,239.82 → 146,240: 449,165.
	assert.Equal(t, "449165", st.OverdueInterest)
	// 96,356,664 + 268,035 + 121,333 + 449,165.
	assert.Equal(t, "97195197", st.Payoff)
	assert.Equal(t, vnd(t, st.PrincipalOutstanding)+vnd(t, st.InterestDue)+vnd(t, st.InterestAccrued)+vnd(t, st.OverdueInterest), vnd(t, st.Payoff))
	assert.Equal(t, strp("2027-01-01"), st.NextDueOn)
	assert.Equal(t, "0", st.Overpaid)
	assert.Equal(t, "0.52", st.RateMonthlyPct)
	assert.Equal(t, "0.676", st.OverdueRateMonthlyPct)
	require.Len(t, st.Rates, 2)
	assert.Equal(t, "2026-12-14", st.Rates[1].To)
	assert.Equal(t, credit.DefaultVersion, st.RulesVersion)
}

// Payments settle overdue interest, interest, overdue principal and
// principal, in that order; they are listed in date order whatever the
// order they are sent in.
func TestStatementAllocationOrder(t *testing.T) {
	h := newHandler(httpapi.Options{})
	st := readStatement(t, postStatement(h, statementBody(t, "2028-01-01",
		set("/payments", flows(flow("2027-12-01", "20000000"), flow("2026-12-01", "20000000"))))))
	require.Len(t, st.Payments, 2)
	assert.Equal(t, "2026-12-01", st.Payments[0].On)
	assert.Equal(t, "2027-12-01", st.Payments[1].On)

	// Nothing paid on 2026-11-01: 50,000,000 is overdue from 2026-11-02.
	// On 2026-12-01 installment 13 closes. Overdue interest: 50,000,000 ×
	// 0.676 % / 30 × 29 days = 326,733.33 → 326,733. Interest due: 6,356,664
	// (installments 1-12) + installment 13: 100,000,000 on 11-01 (17,333.33)
	// and 50,000,000 for 29 days (251,333.33) = 268,666.67 → 268,667:
	// 6,625,331. The rest, 20,000,000 − 326,733 − 6,625,331 = 13,047,936,
	// goes to overdue principal.
	assert.Equal(t, paidOut{Amount: "20000000", OverdueInterest: "326733", Interest: "6625331",
		OverduePrincipal: "13047936", Principal: "0", EarlyPrincipal: "0", AccruedInterest: "0", Unapplied: "0"},
		st.Payments[0].paidOut)

	var total int64
	for _, p := range st.Payments {
		assert.Equal(t, []string{"overdue_interest", "interest", "overdue_principal", "principal"}, p.Order)
		assert.Equal(t, "22/2023/QĐ-TTg", p.OrderCitation.Instrument)
		sum := vnd(t, p.OverdueInterest) + vnd(t, p.Interest) + vnd(t, p.OverduePrincipal) + vnd(t, p.Principal) +
			vnd(t, p.EarlyPrincipal) + vnd(t, p.AccruedInterest) + vnd(t, p.Unapplied)
		assert.Equal(t, vnd(t, p.Amount), sum, "payment on %s: the buckets sum to the amount", p.On)
		total += vnd(t, p.Amount)
	}
	assert.Equal(t, strconv.FormatInt(total, 10), st.Paid.Amount)
	// Overdue principal is paid after the interest, so some is left: the
	// oldest part is still unpaid and overdue since 2026-11-02.
	assert.Equal(t, strp("2026-11-02"), st.OverdueSince)
	assert.Equal(t, "100000000", strconv.FormatInt(vnd(t, st.PrincipalOverdue)+vnd(t, st.Paid.OverduePrincipal), 10))
	assert.Nil(t, st.NextDueOn, "the term is over")
}

// Nothing paid: on a due date the part is due, not yet overdue; the next
// day it is overdue.
func TestStatementNextDueAndPayoff(t *testing.T) {
	h := newHandler(httpapi.Options{})

	st := readStatement(t, postStatement(h, statementBody(t, "2026-11-01")))
	assert.Equal(t, "50000000", st.PrincipalDue)
	assert.Equal(t, "0", st.PrincipalOverdue)
	assert.Nil(t, st.OverdueSince)
	assert.Equal(t, "6356664", st.InterestDue)
	assert.Equal(t, "0", st.InterestAccrued)
	assert.Equal(t, "106356664", st.Payoff)
	assert.Equal(t, strp("2026-12-01"), st.NextDueOn)
	assert.Empty(t, st.Payments)

	st = readStatement(t, postStatement(h, statementBody(t, "2026-11-02")))
	assert.Equal(t, "0", st.PrincipalDue)
	assert.Equal(t, "50000000", st.PrincipalOverdue)
	assert.Equal(t, strp("2026-11-02"), st.OverdueSince)
	assert.Equal(t, "0", st.OverdueInterest) // no whole overdue day yet
	// 2026-11-01 on 100,000,000 at 0.52 % / 30 = 17,333.33.
	assert.Equal(t, "17333", st.InterestAccrued)

	// Paid off early, with more than owed: principal, then the interest
	// accrued (9 days at 0.55 %: 100,000,000 × 0.0055 / 30 × 9 = 165,000),
	// then the rest unapplied.
	st = readStatement(t, postStatement(h, statementBody(t, "2025-11-20", set("/payments", flows(flow("2025-11-10", "100200000"))))))
	assert.Equal(t, paidOut{Amount: "100200000", OverdueInterest: "0", Interest: "0", OverduePrincipal: "0", Principal: "0",
		EarlyPrincipal: "100000000", AccruedInterest: "165000", Unapplied: "35000"}, st.Paid)
	assert.Equal(t, "35000", st.Overpaid)
	assert.Equal(t, "0", st.Payoff)
	assert.Equal(t, "0", st.PrincipalOutstanding)
	assert.Nil(t, st.NextDueOn, "nothing is owed")

	// The principal alone: the accrued interest is still owed, and due on
	// the next due date.
	st = readStatement(t, postStatement(h, statementBody(t, "2025-11-20", set("/payments", flows(flow("2025-11-10", "100000000"))))))
	assert.Equal(t, "165000", st.InterestAccrued)
	assert.Equal(t, "165000", st.Payoff)
	assert.Equal(t, strp("2025-12-01"), st.NextDueOn)

	// A payment after as_of is not applied.
	st = readStatement(t, postStatement(h, statementBody(t, "2026-01-01", set("/payments", flows(flow("2026-01-02", "5000000"))))))
	assert.Empty(t, st.Payments)
	assert.Equal(t, "0", st.Paid.Amount)
}

// A loan repaid exactly as scheduled has a statement that agrees with its
// schedule: nothing overdue, the balance of the schedule, and nothing owed
// after the last installment.
func TestStatementAgreesWithSchedule(t *testing.T) {
	h := newHandler(httpapi.Options{})
	s := readSchedule(t, postSchedule(h, contractSchedule))
	pays := make([]any, len(s.Installments))
	for i, in := range s.Installments {
		pays[i] = flow(in.DueOn, strconv.FormatInt(vnd(t, in.Principal)+vnd(t, in.Interest), 10))
	}
	for _, k := range []int{1, 12, 13, 24} {
		in := s.Installments[k-1]
		st := readStatement(t, postStatement(h, statementBody(t, in.DueOn, set("/payments", pays))))
		assert.Equal(t, in.BalanceAfter, st.PrincipalOutstanding, "on %s", in.DueOn)
		assert.Equal(t, "0", st.PrincipalDue, "on %s", in.DueOn)
		assert.Equal(t, "0", st.PrincipalOverdue, "on %s", in.DueOn)
		assert.Equal(t, "0", st.InterestDue, "on %s", in.DueOn)
		assert.Equal(t, "0", st.OverdueInterest, "on %s", in.DueOn)
		assert.Equal(t, "0", st.Overpaid, "on %s", in.DueOn)
		assert.Len(t, st.Payments, k)
	}
	st := readStatement(t, postStatement(h, statementBody(t, "2027-11-01", set("/payments", pays))))
	assert.Equal(t, "0", st.Payoff)
	assert.Nil(t, st.NextDueOn)
	assert.Equal(t, s.TotalInterest, st.Paid.Interest)
	assert.Equal(t, "100000000", st.Paid.Principal)
}

// ---- 422 ----

func TestScheduleInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	training := func(edits ...edit) string {
		return loan(t, append([]edit{set("/purpose", "vocational_training"), set("/course_months", 10),
			set("/term_months", 30), set("/principal_every_months", 1)}, edits...)...)
	}
	tests := []struct {
		name string
		body string
		want []at
	}{
		{"negative amount as a string", loan(t, set("/amount", "-5")), []at{{"/amount", "negative"}}},
		{"negative amount as a number", loan(t, set("/amount", raw("-5"))), []at{{"/amount", "negative"}}},
		{"fractional amount as a string", loan(t, set("/amount", "100.5")), []at{{"/amount", "not_integer"}}},
		{"fractional amount as a number", loan(t, set("/amount", raw("100.5"))), []at{{"/amount", "not_integer"}}},
		{"zero amount as a string", loan(t, set("/amount", "0")), []at{{"/amount", "out_of_range"}}},
		{"zero amount as a number", loan(t, set("/amount", raw("0"))), []at{{"/amount", "out_of_range"}}},
		{"amount above 10^15", loan(t, set("/amount", "1000000000000001")), []at{{"/amount", "out_of_range"}}},
		{"amount with separators", loan(t, set("/amount", "100.000.000")), []at{{"/amount", "not_integer"}}},
		{"amount a boolean", loan(t, set("/amount", true)), []at{{"/amount", "not_integer"}}},
		{"amount missing", loan(t, del("/amount")), []at{{"/amount", "required"}}},
		{"amount null", loan(t, set("/amount", nil)), []at{{"/amount", "required"}}},
		{"term 0", loan(t, set("/term_months", 0)), []at{{"/term_months", "out_of_range"}}},
		{"term 121 (Art. 8: at most 120)", loan(t, set("/term_months", 121)), []at{{"/term_months", "out_of_range"}}},
		{"term negative", loan(t, set("/term_months", -12)), []at{{"/term_months", "out_of_range"}}},
		{"term huge", loan(t, set("/term_months", raw("1e30"))), []at{{"/term_months", "out_of_range"}}},
		{"term fractional", loan(t, set("/term_months", raw("24.5"))), []at{{"/term_months", "not_integer"}}},
		{"term a string", loan(t, set("/term_months", "24")), []at{{"/term_months", "not_integer"}}},
		{"term missing", loan(t, del("/term_months")), []at{{"/term_months", "required"}}},
		{"principal_every_months 0", loan(t, set("/principal_every_months", 0)), []at{{"/principal_every_months", "out_of_range"}}},
		{"principal_every_months missing", loan(t, del("/principal_every_months")), []at{{"/principal_every_months", "required"}}},
		{"7 does not divide 24", loan(t, set("/principal_every_months", 7)), []at{{"/principal_every_months", "not_divisor"}}},
		{"5 does not divide 24 − 6 months' grace", loan(t, set("/principal_every_months", 5), set("/grace_months", 6)),
			[]at{{"/principal_every_months", "not_divisor"}}},
		{"grace as long as the term", loan(t, set("/grace_months", 24)), []at{{"/grace_months", "out_of_range"}}},
		{"grace negative", loan(t, set("/grace_months", -1)), []at{{"/grace_months", "out_of_range"}}},
		{"disbursed_on missing", loan(t, del("/disbursed_on")), []at{{"/disbursed_on", "required"}}},
		{"disbursed_on not a day", loan(t, set("/disbursed_on", "2025-02-29")), []at{{"/disbursed_on", "invalid_date"}}},
		{"disbursed_on a number", loan(t, set("/disbursed_on", 20251101)), []at{{"/disbursed_on", "invalid_type"}}},
		{"disbursed_on before the policy", loan(t, set("/disbursed_on", "2023-10-09")), []at{{"/disbursed_on", "before_policy"}}},
		{"unknown purpose", loan(t, set("/purpose", "housing")), []at{{"/purpose", "invalid_enum"}}},
		// Art. 8: a course of at most 12 months allows repayment over at
		// most twice the course: 10 + 2 × 10 = 30 months.
		{"training term above course + 2 × course", training(set("/term_months", 31)), []at{{"/term_months", "out_of_range"}}},
		// A course of more than 12 months: once the course, 13 + 13 = 26.
		{"training term above course + course", training(set("/course_months", 13), set("/term_months", 27), set("/principal_every_months", 1)),
			[]at{{"/term_months", "out_of_range"}}},
		{"training term no longer than the course", training(set("/term_months", 10)), []at{{"/term_months", "out_of_range"}}},
		{"training without course_months", training(del("/course_months")), []at{{"/course_months", "required"}}},
		{"training with course_months 61", training(set("/course_months", 61)), []at{{"/course_months", "out_of_range"}}},
		// The grace of a training loan is at least the course: 30 − 10 = 20
		// months of repayment, which 3 does not divide.
		{"training: 3 does not divide the 20 months after the course", training(set("/principal_every_months", 3)),
			[]at{{"/principal_every_months", "not_divisor"}}},
		{"disbursements not adding up", loan(t, set("/disbursements", flows(flow("2025-11-01", "50000000"), flow("2025-12-01", "40000000")))),
			[]at{{"/disbursements", "sum_mismatch"}}},
		{"a disbursement before disbursed_on", loan(t, set("/disbursements", flows(flow("2025-11-01", "50000000"), flow("2025-10-31", "50000000")))),
			[]at{{"/disbursements/1/on", "before_disbursement"}}},
		{"a disbursement on the first principal due date", loan(t, set("/disbursements", flows(flow("2025-11-01", "50000000"), flow("2026-11-01", "50000000")))),
			[]at{{"/disbursements/1/on", "out_of_range"}}},
		{"a disbursement of 0", loan(t, set("/disbursements", flows(flow("2025-11-01", "0")))),
			[]at{{"/disbursements/0/amount", "out_of_range"}}},
		{"a prepayment before disbursed_on", loan(t, set("/prepayments", flows(flow("2025-10-01", "1000000")))),
			[]at{{"/prepayments/0/on", "before_disbursement"}}},
		{"a prepayment after the last due date", loan(t, set("/prepayments", flows(flow("2027-11-02", "1000000")))),
			[]at{{"/prepayments/0/on", "out_of_range"}}},
		{"a prepayment above the balance", loan(t, set("/prepayments", flows(flow("2026-03-15", "100000001")))),
			[]at{{"/prepayments/0/amount", "exceeds_balance"}}},
		// The pointer names the prepayment as sent, not as sorted by date.
		{"the second prepayment, sent first, above the balance", loan(t, set("/prepayments", flows(flow("2026-06-01", "90000000"), flow("2026-03-15", "20000000")))),
			[]at{{"/prepayments/0/amount", "exceeds_balance"}}},
		{"a prepayment without a date", loan(t, set("/prepayments", []any{map[string]any{"amount": "1"}})),
			[]at{{"/prepayments/0/on", "required"}}},
		{"prepayments a string", loan(t, set("/prepayments", "x")), []at{{"/prepayments", "invalid_type"}}},
		{"disbursements an object", loan(t, set("/disbursements", map[string]any{})), []at{{"/disbursements", "invalid_type"}}},
		{"JSON array", `[` + contractSchedule + `]`, []at{{"", "invalid_type"}}},
		{"JSON number", `42`, []at{{"", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postSchedule(h, tc.body), http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.ElementsMatch(t, tc.want, p.at())
		})
	}
}

func TestStatementInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name string
		body string
		want []at
	}{
		{"a payment before disbursement", statementBody(t, "2026-01-01",
			set("/payments", flows(flow("2025-11-15", "1000000"), flow("2025-10-31", "1000000")))),
			[]at{{"/payments/1/on", "before_disbursement"}}},
		{"as_of before disbursement", statementBody(t, "2025-10-31"), []at{{"/as_of", "before_disbursement"}}},
		{"as_of missing", loan(t), []at{{"/as_of", "required"}}},
		{"as_of null", statementBody(t, "2026-01-01", set("/as_of", nil)), []at{{"/as_of", "required"}}},
		{"as_of not a day", statementBody(t, "2026-02-29"), []at{{"/as_of", "invalid_date"}}},
		{"as_of with a time", statementBody(t, "2026-01-01T00:00:00Z"), []at{{"/as_of", "invalid_date"}}},
		{"a payment of 0", statementBody(t, "2026-01-01", set("/payments", flows(flow("2025-12-01", "0")))),
			[]at{{"/payments/0/amount", "out_of_range"}}},
		{"a negative payment", statementBody(t, "2026-01-01", set("/payments", flows(flow("2025-12-01", "-1")))),
			[]at{{"/payments/0/amount", "negative"}}},
		{"a payment without an amount", statementBody(t, "2026-01-01", set("/payments", []any{map[string]any{"on": "2025-12-01"}})),
			[]at{{"/payments/0/amount", "required"}}},
		{"payments a string", statementBody(t, "2026-01-01", set("/payments", "x")), []at{{"/payments", "invalid_type"}}},
		{"term 0", statementBody(t, "2026-01-01", set("/term_months", 0)), []at{{"/term_months", "out_of_range"}}},
		{"7 does not divide 24", statementBody(t, "2026-01-01", set("/principal_every_months", 7)),
			[]at{{"/principal_every_months", "not_divisor"}}},
		{"disbursements not adding up", statementBody(t, "2026-01-01", set("/disbursements", flows(flow("2025-11-01", "1")))),
			[]at{{"/disbursements", "sum_mismatch"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postStatement(h, tc.body), http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.ElementsMatch(t, tc.want, p.at())
		})
	}
}

// Every problem is listed at once, the reader's (malformed values) and the
// domain's (the policy) together, and a malformed value is not also
// reported by the domain.
func TestScheduleInvalidListsEveryProblem(t *testing.T) {
	h := newHandler(httpapi.Options{})
	b := editJSON(t, `{}`,
		set("/amount", "-5"),
		set("/disbursed_on", "2023-01-01"),
		set("/term_months", 0),
		set("/principal_every_months", 0),
		set("/grace_months", -1),
		set("/purpose", "housing"),
		set("/course_months", 61),
		set("/disbursements", []any{flow("2022-13-01", "1.5"), map[string]any{"amount": 0}}),
		set("/prepayments", []any{map[string]any{"on": "2020-01-01", "amount": raw("-1")}, map[string]any{"on": "2025-11-01"}}),
	)
	p := readProblem(t, postSchedule(h, b), http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/amount", "negative"},
		{"/disbursed_on", "before_policy"},
		{"/term_months", "out_of_range"},
		{"/principal_every_months", "out_of_range"},
		{"/grace_months", "out_of_range"},
		{"/purpose", "invalid_enum"},
		{"/course_months", "out_of_range"},
		{"/disbursements/0/on", "invalid_date"},
		{"/disbursements/0/amount", "not_integer"},
		{"/disbursements/1/on", "required"},
		{"/disbursements/1/amount", "out_of_range"},
		{"/prepayments/0/on", "before_disbursement"},
		{"/prepayments/0/amount", "negative"},
		{"/prepayments/1/amount", "required"},
	}, p.at())
}

func TestStatementInvalidListsEveryProblem(t *testing.T) {
	h := newHandler(httpapi.Options{})
	b := editJSON(t, `{}`,
		set("/amount", raw("100.5")),
		set("/disbursed_on", "2025-11-01"),
		set("/term_months", 121),
		set("/principal_every_months", 7),
		set("/grace_months", 1300),
		set("/payments", []any{flow("2025-10-01", "1"), flow("2025-11-02", "x"), map[string]any{"on": "2025-11-02"}}),
		set("/as_of", "2025-10-31"),
	)
	p := readProblem(t, postStatement(h, b), http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{
		{"/amount", "not_integer"},
		{"/term_months", "out_of_range"},
		{"/grace_months", "out_of_range"},
		{"/payments/0/on", "before_disbursement"},
		{"/payments/1/amount", "not_integer"},
		{"/payments/2/amount", "required"},
		{"/as_of", "before_disbursement"},
	}, p.at())
}

// An item of a list that is not an object is one problem, at the item: its
// fields are not also "required".
func TestLoanListItemOfTheWrongType(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, target, body string
		want               []at
	}{
		{"payments[0] a number", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{5, flow("2025-12-01", "1000000")})),
			[]at{{"/payments/0", "invalid_type"}}},
		{"payments[0] an array", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{[]any{}})),
			[]at{{"/payments/0", "invalid_type"}}},
		{"disbursements[0] a string", "/v1/schedules",
			loan(t, set("/disbursements", []any{"2025-11-01", flow("2025-11-01", "100000000")})),
			[]at{{"/disbursements/0", "invalid_type"}}},
		{"prepayments[1] a boolean", "/v1/schedules",
			loan(t, set("/prepayments", []any{flow("2026-01-01", "1000000"), true})),
			[]at{{"/prepayments/1", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, do(h, http.MethodPost, tc.target, tc.body), http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// A list item whose date cannot be read must not hide a problem of the list
// as a whole that does not depend on it: the parts still do not add up.
func TestLoanUnreadableDateDoesNotHideSumMismatch(t *testing.T) {
	h := newHandler(httpapi.Options{})
	b := loan(t, set("/disbursements", flows(flow("2025-11-01", "50000000"), flow("2025-11-31", "1"))))
	p := readProblem(t, postSchedule(h, b), http.StatusUnprocessableEntity)
	assert.ElementsMatch(t, []at{{"/disbursements/1/on", "invalid_date"}, {"/disbursements", "sum_mismatch"}}, p.at())
}

// ---- 400 ----

func TestLoanBadJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name, target, body string
		wantCode           string
		wantPtr            *string
	}{
		{"not JSON", "/v1/schedules", `amount=100000000`, "invalid_json", nil},
		{"truncated", "/v1/schedules", contractSchedule[:30], "invalid_json", nil},
		{"empty", "/v1/statements", ``, "empty_body", nil},
		{"trailing data", "/v1/schedules", contractSchedule + ` {}`, "trailing_data", nil},
		{"unknown top-level field", "/v1/schedules", loan(t, set("/colour", "red")), "unknown_field", ptr("/colour")},
		{"payments in a schedule", "/v1/schedules", loan(t, set("/payments", []any{})), "unknown_field", ptr("/payments")},
		{"prepayments in a statement", "/v1/statements", statementBody(t, "2026-01-01", set("/prepayments", []any{})), "unknown_field", ptr("/prepayments")},
		{"as_of in a schedule", "/v1/schedules", loan(t, set("/as_of", "2026-01-01")), "unknown_field", ptr("/as_of")},
		{"unknown field inside payments[0]", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{map[string]any{"on": "2025-12-01", "amount": "1", "note": "x"}})),
			"unknown_field", ptr("/payments/0/note")},
		// A name the contract uses elsewhere is still unknown inside an item.
		{"as_of inside payments[1]", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{flow("2025-12-01", "1"), map[string]any{"on": "2025-12-01", "amount": "1", "as_of": "2026-01-01"}})),
			"unknown_field", ptr("/payments/1/as_of")},
		{"unknown field inside disbursements[0]", "/v1/schedules",
			loan(t, set("/disbursements", []any{map[string]any{"on": "2025-11-01", "amount": "100000000", "by": "x"}})),
			"unknown_field", ptr("/disbursements/0/by")},
		{"unknown field inside prepayments[0]", "/v1/schedules",
			loan(t, set("/prepayments", []any{map[string]any{"on": "2026-01-01", "amount": "1", "x": 1}})),
			"unknown_field", ptr("/prepayments/0/x")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, do(h, http.MethodPost, tc.target, tc.body), http.StatusBadRequest)
			assert.True(t, strings.HasSuffix(p.Type, "#invalid-json"), p.Type)
			require.NotEmpty(t, p.Errors)
			assert.Equal(t, tc.wantCode, p.Errors[0].Code)
			if tc.wantPtr != nil {
				assert.Equal(t, []at{{*tc.wantPtr, tc.wantCode}}, p.at())
			}
		})
	}
}

// Field names are the contract's exactly: "Amount" is not "amount".
func TestLoanFieldNamesAreCaseSensitive(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct{ name, target, body, wantPtr string }{
		{"top level", "/v1/schedules", loan(t, del("/amount"), set("/Amount", "100000000")), "/Amount"},
		{"snake case in capitals", "/v1/schedules", loan(t, del("/term_months"), set("/TERM_MONTHS", 24)), "/TERM_MONTHS"},
		{"as_of", "/v1/statements", loan(t, set("/As_Of", "2026-01-01")), "/As_Of"},
		{"inside payments", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{map[string]any{"On": "2025-12-01", "amount": "1"}})), "/payments/0/On"},
		{"inside prepayments", "/v1/schedules",
			loan(t, set("/prepayments", []any{map[string]any{"on": "2025-12-01", "AMOUNT": "1"}})), "/prepayments/0/AMOUNT"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, do(h, http.MethodPost, tc.target, tc.body), http.StatusBadRequest)
			assert.Equal(t, []at{{tc.wantPtr, "unknown_field"}}, p.at())
		})
	}
}

// ---- 413 ----

func TestLoanTooLarge(t *testing.T) {
	h := newHandler(httpapi.Options{MaxBodyBytes: 1024})
	pays := make([]any, 100)
	for i := range pays {
		pays[i] = flow("2025-12-01", "1000")
	}
	big := statementBody(t, "2026-01-01", set("/payments", pays))
	require.Greater(t, len(big), 1024)
	for _, target := range []string{"/v1/schedules", "/v1/statements"} {
		t.Run(target, func(t *testing.T) {
			p := readProblem(t, do(h, http.MethodPost, target, big), http.StatusRequestEntityTooLarge)
			assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
			// Without a Content-Length, as a chunked body comes.
			req := httptest.NewRequest(http.MethodPost, target, unknownLength{strings.NewReader(big)})
			req.ContentLength = -1
			req.TransferEncoding = []string{"chunked"}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			readProblem(t, rec, http.StatusRequestEntityTooLarge)
		})
	}
	// Within the limit.
	readSchedule(t, postSchedule(h, contractSchedule))
}

// ---- personal data ----

// Problem details never echo the values sent, and the log holds none of
// them: a value that is not a date, or a key that is a name or an ID
// number, comes back only as a pointer and a code.
func TestLoanProblemsDoNotEchoValues(t *testing.T) {
	var logBuf bytes.Buffer
	h := newHandler(httpapi.Options{Logger: slog.New(slog.NewJSONHandler(&logBuf, nil))})
	secrets := []string{exampleName, exampleID, "Hùng", "012088", "<script>"}
	weird := exampleName + " " + exampleID + " <script>"

	tests := []struct {
		name, target, body string
		status             int
	}{
		{"a date that is a name and an ID number", "/v1/statements", statementBody(t, weird), http.StatusUnprocessableEntity},
		{"disbursed_on", "/v1/schedules", loan(t, set("/disbursed_on", weird)), http.StatusUnprocessableEntity},
		{"a payment date", "/v1/statements", statementBody(t, "2026-01-01", set("/payments", flows(flow(weird, exampleID)))), http.StatusUnprocessableEntity},
		{"an amount", "/v1/schedules", loan(t, set("/amount", weird)), http.StatusUnprocessableEntity},
		{"a purpose", "/v1/schedules", loan(t, set("/purpose", weird)), http.StatusUnprocessableEntity},
		{"a key that is an ID number", "/v1/schedules", loan(t, set("/"+exampleID, exampleName)), http.StatusBadRequest},
		{"a key that is a name, inside payments", "/v1/statements",
			statementBody(t, "2026-01-01", set("/payments", []any{map[string]any{"on": "2025-12-01", "amount": "1", exampleName: exampleID}})), http.StatusBadRequest},
		{"garbage after the body", "/v1/schedules", contractSchedule + weird, http.StatusBadRequest},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := do(h, http.MethodPost, tc.target, tc.body, "X-Request-Id", exampleID)
			readProblem(t, rec, tc.status)
			for _, s := range secrets {
				assert.NotContains(t, rec.Body.String(), s)
				assert.NotContains(t, rec.Header().Get("X-Request-Id"), s)
			}
			esc, _ := json.Marshal(exampleName)
			assert.NotContains(t, rec.Body.String(), strings.Trim(string(esc), `"`))
		})
	}
	log := logBuf.String()
	require.NotEmpty(t, log)
	for _, s := range append(secrets, "2026-01-01", "100000000") {
		assert.NotContains(t, log, s)
	}
	lines := strings.Split(strings.TrimSpace(log), "\n")
	assert.Len(t, lines, len(tests), "one line per request")
	for _, line := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		assert.Contains(t, []any{"/v1/schedules", "/v1/statements"}, entry["route"], line)
	}
}

// ---- methods ----

func TestLoanEndpointsArePostOnly(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, target := range []string{"/v1/schedules", "/v1/statements"} {
		for _, method := range []string{http.MethodGet, http.MethodPut, http.MethodDelete} {
			rec := do(h, method, target, "")
			readProblem(t, rec, http.StatusMethodNotAllowed)
			assert.Equal(t, "POST", rec.Header().Get("Allow"), "%s %s", method, target)
		}
	}
}

// A term that would end after 9999-12-31, the last day a date can hold, is
// either refused or scheduled as the contract says: term_months
// installments, one a month, repaying the amount.
func TestScheduleTermPastTheLastDate(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		disbursedOn string
		term, every int
	}{
		{"9999-06-01", 24, 12},
		{"9999-11-30", 2, 1},
		{"9990-01-01", 120, 1},
	} {
		t.Run(tc.disbursedOn, func(t *testing.T) {
			rec := postSchedule(h, loan(t, set("/disbursed_on", tc.disbursedOn), set("/term_months", tc.term), set("/principal_every_months", tc.every)))
			if rec.Code == http.StatusUnprocessableEntity {
				p := readProblem(t, rec, http.StatusUnprocessableEntity)
				assert.NotEmpty(t, p.Errors)
				return
			}
			s := readSchedule(t, rec)
			require.Len(t, s.Installments, tc.term, "one installment a month, term_months in all")
			var principal int64
			for _, in := range s.Installments {
				principal += vnd(t, in.Principal)
				assert.GreaterOrEqual(t, in.Days, 28, "installment %d: %s to %s", in.No, in.From, in.DueOn)
			}
			assert.Equal(t, int64(100_000_000), principal, "the principal parts sum to the amount")
			assert.Equal(t, "0", s.Installments[len(s.Installments)-1].BalanceAfter)
		})
	}
}

// The same for a statement: the next due date, when there is one, is after
// the day of the statement.
func TestStatementTermPastTheLastDate(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postStatement(h, statementBody(t, "9999-12-31", set("/disbursed_on", "9999-06-01")))
	if rec.Code == http.StatusUnprocessableEntity {
		readProblem(t, rec, http.StatusUnprocessableEntity)
		return
	}
	st := readStatement(t, rec)
	if st.NextDueOn != nil {
		assert.Greater(t, *st.NextDueOn, st.AsOf, "next_due_on")
	}
}
