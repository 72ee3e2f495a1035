package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// ---- requests ----

// contractPortfolio is the loan book of api-v1.md, POST /v1/reports/portfolio:
// the contract's loan and two more, which make the contract's totals on
// 2026-09-30, and a fourth loan disbursed after that day, which is left out.
const contractPortfolio = `{"as_of": "2026-09-30", "loans": [
 {"loan_id": "L1", "commune_code": "03424", "borrower_kind": "individual", "purpose": "production",
  "capital_source": "central", "channel": "farmers_union", "disbursed_on": "2024-01-10",
  "amount": "100000000", "outstanding": "80000000", "overdue": "0", "jobs": 1},
 {"loan_id": "L2", "commune_code": "03424", "borrower_kind": "establishment", "purpose": "production",
  "capital_source": "local", "channel": "direct", "disbursed_on": "2025-03-01",
  "amount": "500000000", "outstanding": "450000000", "overdue": "20000000", "jobs": 6},
 {"loan_id": "L3", "commune_code": "03430", "borrower_kind": "individual", "purpose": "vocational_training",
  "capital_source": "central", "channel": "womens_union", "disbursed_on": "2025-06-15",
  "amount": "40000000", "outstanding": "40000000", "overdue": "0", "jobs": 0},
 {"loan_id": "L4", "commune_code": "03433", "borrower_kind": "individual", "purpose": "production",
  "capital_source": "central", "channel": "youth_union", "disbursed_on": "2026-10-01",
  "amount": "50000000", "outstanding": "50000000", "overdue": "0", "jobs": 1}
]}`

// contractPortfolioCSV is the same loan book as the bank's CSV file.
const contractPortfolioCSV = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
	"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n" +
	"L2,03424,establishment,production,local,direct,2025-03-01,500000000,450000000,20000000,6\n" +
	"L3,03430,individual,vocational_training,central,womens_union,2025-06-15,40000000,40000000,0,0\n" +
	"L4,03433,individual,production,central,youth_union,2026-10-01,50000000,50000000,0,1\n"

// contractPortfolioCSVReordered is the same file as a spreadsheet saves it:
// a byte-order mark, CRLF line ends, the columns in another order, headings
// in other case and with spaces, a quoted cell and a blank line.
const contractPortfolioCSVReordered = "\ufeff jobs ,Overdue,outstanding,AMOUNT,disbursed_on,channel,capital_source,purpose,borrower_kind,commune_code,loan_id\r\n" +
	"1,0,80000000,100000000,2024-01-10,farmers_union,central,production,individual,03424,L1\r\n" +
	"6,20000000,450000000,500000000,2025-03-01,direct,local,production,establishment,03424,\"L2\"\r\n" +
	"\r\n" +
	"0,0,40000000,40000000,2025-06-15,womens_union,central,vocational_training,individual,03430,L3\r\n" +
	"1,0,50000000,50000000,2026-10-01,youth_union,central,production,individual,03433,L4\r\n"

// contractPortfolioReport is the answer to contractPortfolio: the contract's
// totals, and breakdowns sorted by their key.
const contractPortfolioReport = `{
  "as_of": "2026-09-30",
  "totals": {"loans": 3, "disbursed": "640000000", "outstanding": "570000000", "overdue": "20000000",
             "overdue_ratio_pct": "3.51", "jobs": 7},
  "by_commune": [
    {"commune_code": "03424", "loans": 2, "disbursed": "600000000", "outstanding": "530000000",
     "overdue": "20000000", "overdue_ratio_pct": "3.77", "jobs": 7},
    {"commune_code": "03430", "loans": 1, "disbursed": "40000000", "outstanding": "40000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 0}
  ],
  "by_purpose": [
    {"purpose": "production", "loans": 2, "disbursed": "600000000", "outstanding": "530000000",
     "overdue": "20000000", "overdue_ratio_pct": "3.77", "jobs": 7},
    {"purpose": "vocational_training", "loans": 1, "disbursed": "40000000", "outstanding": "40000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 0}
  ],
  "by_borrower_kind": [
    {"borrower_kind": "establishment", "loans": 1, "disbursed": "500000000", "outstanding": "450000000",
     "overdue": "20000000", "overdue_ratio_pct": "4.44", "jobs": 6},
    {"borrower_kind": "individual", "loans": 2, "disbursed": "140000000", "outstanding": "120000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 1}
  ],
  "by_capital_source": [
    {"capital_source": "central", "loans": 2, "disbursed": "140000000", "outstanding": "120000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 1},
    {"capital_source": "local", "loans": 1, "disbursed": "500000000", "outstanding": "450000000",
     "overdue": "20000000", "overdue_ratio_pct": "4.44", "jobs": 6}
  ],
  "by_channel": [
    {"channel": "direct", "loans": 1, "disbursed": "500000000", "outstanding": "450000000",
     "overdue": "20000000", "overdue_ratio_pct": "4.44", "jobs": 6},
    {"channel": "farmers_union", "loans": 1, "disbursed": "100000000", "outstanding": "80000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 1},
    {"channel": "womens_union", "loans": 1, "disbursed": "40000000", "outstanding": "40000000",
     "overdue": "0", "overdue_ratio_pct": "0.00", "jobs": 0}
  ]
}`

// monthlyContractRequest is the round of api-v1.md, POST
// /v1/reports/monthly-lists: lists of synthetic people (no real person; the
// ID numbers agree with the dates of birth and sexes) that make the
// contract's answer: 03424 on time with two rows, 03430 late, 03433 missing.
const monthlyContractRequest = `{
  "period": "2026-11",
  "expected_communes": ["03424", "03430", "03433"],
  "lists": [
    {
      "province": "Lai Châu", "commune_code": "03424", "commune_name": "Xã Bản Bo",
      "period": "2026-11", "prepared_on": "2026-11-05",
      "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
      "rows": [
        {
          "full_name": "Người Thử 000001", "date_of_birth": "1971-03-02", "sex": "female",
          "id_number": "012171000001", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "production", "amount": "50000000",
          "course_months": null, "note": ""
        },
        {
          "full_name": "Người Thử 000002", "date_of_birth": "2003-03-02", "sex": "male",
          "id_number": "012203000002", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "vocational_training", "amount": "24000000",
          "course_months": 6, "note": ""
        }
      ]
    },
    {
      "province": "Lai Châu", "commune_code": "03430", "commune_name": "Xã Khun Há",
      "period": "2026-11", "prepared_on": "2026-11-06",
      "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
      "rows": [
        {
          "full_name": "Người Thử 000003", "date_of_birth": "1983-03-02", "sex": "male",
          "id_number": "012083000003", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "production", "amount": "30000000",
          "course_months": null, "note": ""
        }
      ]
    }
  ]
}`

// The synthetic people of the report requests: what must never reach a log
// or a report.
var reportPeople = []string{
	"Người Thử", "Người Thử 000001", "Người Thử 000002", "Người Thử 000003",
	"012171000001", "012203000002", "012083000003", "1971-03-02", "2003-03-02", "1983-03-02",
}

// demandReviewRequest is a year's review (api-v1.md, POST
// /v1/reports/demand-review): person 000001 is on two lists of 03424 (the
// later, 2026-11, counts: 60,000,000); person 000002 on a list of 03424
// (2026-05) and a later one of 03430 (2026-08, which counts: 20,000,000 for
// training); person 000003 on the list of 03430.
const demandReviewRequest = `{
  "year": 2026,
  "lists": [
    {
      "province": "Lai Châu", "commune_code": "03424", "commune_name": "Xã Bản Bo",
      "period": "2026-11", "prepared_on": "2026-11-05",
      "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
      "rows": [
        {
          "full_name": "Người Thử 000001", "date_of_birth": "1971-03-02", "sex": "female",
          "id_number": "012171000001", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "production", "amount": "60000000",
          "course_months": null, "note": ""
        }
      ]
    },
    {
      "province": "Lai Châu", "commune_code": "03424", "commune_name": "Xã Bản Bo",
      "period": "2026-05", "prepared_on": "2026-05-05",
      "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
      "rows": [
        {
          "full_name": "Người Thử 000001", "date_of_birth": "1971-03-02", "sex": "female",
          "id_number": "012171000001", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "production", "amount": "50000000",
          "course_months": null, "note": ""
        },
        {
          "full_name": "Người Thử 000002", "date_of_birth": "2003-03-02", "sex": "male",
          "id_number": "012203000002", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "vocational_training", "amount": "24000000",
          "course_months": 6, "note": ""
        }
      ]
    },
    {
      "province": "Lai Châu", "commune_code": "03430", "commune_name": "Xã Khun Há",
      "period": "2026-08", "prepared_on": "2026-08-04",
      "prepared_by": "Trưởng Công an xã", "certified_by": "Chủ tịch UBND xã",
      "rows": [
        {
          "full_name": "Người Thử 000003", "date_of_birth": "1983-03-02", "sex": "male",
          "id_number": "012083000003", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "production", "amount": "30000000",
          "course_months": null, "note": ""
        },
        {
          "full_name": "Người Thử 000002", "date_of_birth": "2003-03-02", "sex": "male",
          "id_number": "012203000002", "residence": "Bản Thử",
          "release_basis": "completion", "certificate_no": "01/GCN", "certificate_date": "2024-03-15",
          "completed_on": "2024-03-15", "purpose": "vocational_training", "amount": "20000000",
          "course_months": 6, "note": ""
        }
      ]
    }
  ],
  "capital": {"central": "50000000", "local": "20000000"}
}`

// demandReviewReport is the answer to demandReviewRequest.
const demandReviewReport = `{
  "year": 2026, "people": 3, "demand": "110000000", "capital": "70000000", "shortfall": "40000000",
  "coverage_pct": "63.64",
  "by_commune": [
    {"commune_code": "03424", "people": 1, "demand": "60000000",
     "by_purpose": [{"purpose": "production", "people": 1, "demand": "60000000"},
                    {"purpose": "vocational_training", "people": 0, "demand": "0"}]},
    {"commune_code": "03430", "people": 2, "demand": "50000000",
     "by_purpose": [{"purpose": "production", "people": 1, "demand": "30000000"},
                    {"purpose": "vocational_training", "people": 1, "demand": "20000000"}]}
  ],
  "by_purpose": [{"purpose": "production", "people": 2, "demand": "90000000"},
                 {"purpose": "vocational_training", "people": 1, "demand": "20000000"}]
}`

// portfolio is the contract's loan book with the edits applied.
func portfolio(t testing.TB, edits ...edit) string { return editJSON(t, contractPortfolio, edits...) }

// monthly is the contract's round with the edits applied.
func monthly(t testing.TB, edits ...edit) string {
	return editJSON(t, monthlyContractRequest, edits...)
}

// demand is the review request with the edits applied.
func demand(t testing.TB, edits ...edit) string { return editJSON(t, demandReviewRequest, edits...) }

// rowOf returns the JSON object at ptr in body (to copy a row or a loan).
func rowOf(t testing.TB, body, ptr string) any {
	t.Helper()
	var root any
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&root))
	for _, p := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		switch n := root.(type) {
		case map[string]any:
			root = n[p]
		case []any:
			i, err := strconv.Atoi(p)
			require.NoError(t, err)
			root = n[i]
		}
	}
	// A deep copy, so that editing one does not edit the other.
	b, err := json.Marshal(root)
	require.NoError(t, err)
	var out any
	dec = json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	require.NoError(t, dec.Decode(&out))
	return out
}

// postReport posts a JSON body to /v1/reports/<route><query>.
func postReport(h http.Handler, route, query, body string) *httptest.ResponseRecorder {
	return do(h, http.MethodPost, "/v1/reports/"+route+query, body)
}

// postLoansCSV posts a CSV file of loans to /v1/reports/portfolio<query>.
func postLoansCSV(h http.Handler, query, file string) *httptest.ResponseRecorder {
	return postFile(h, "/v1/reports/portfolio"+query, "text/csv", []byte(file))
}

// ---- response shapes ----

type figuresOut struct {
	Loans           int    `json:"loans"`
	Disbursed       string `json:"disbursed"`
	Outstanding     string `json:"outstanding"`
	Overdue         string `json:"overdue"`
	OverdueRatioPct string `json:"overdue_ratio_pct"`
	Jobs            int    `json:"jobs"`
}

// groupOut is a group of a breakdown: its key under the breakdown's name.
type groupOut struct {
	CommuneCode   *string `json:"commune_code"`
	Purpose       *string `json:"purpose"`
	BorrowerKind  *string `json:"borrower_kind"`
	CapitalSource *string `json:"capital_source"`
	Channel       *string `json:"channel"`
	figuresOut
}

type portfolioOut struct {
	AsOf            string     `json:"as_of"`
	Totals          figuresOut `json:"totals"`
	ByCommune       []groupOut `json:"by_commune"`
	ByPurpose       []groupOut `json:"by_purpose"`
	ByBorrowerKind  []groupOut `json:"by_borrower_kind"`
	ByCapitalSource []groupOut `json:"by_capital_source"`
	ByChannel       []groupOut `json:"by_channel"`
}

// breakdowns returns the breakdowns of p by their names, with the key of
// each group.
func (p *portfolioOut) breakdowns() map[string][]groupOut {
	return map[string][]groupOut{"commune_code": p.ByCommune, "purpose": p.ByPurpose,
		"borrower_kind": p.ByBorrowerKind, "capital_source": p.ByCapitalSource, "channel": p.ByChannel}
}

func (g *groupOut) keys() map[string]*string {
	return map[string]*string{"commune_code": g.CommuneCode, "purpose": g.Purpose, "borrower_kind": g.BorrowerKind,
		"capital_source": g.CapitalSource, "channel": g.Channel}
}

type communeRoundOut struct {
	CommuneCode string `json:"commune_code"`
	Rows        int    `json:"rows"`
	Demand      string `json:"demand"`
	OnTime      bool   `json:"on_time"`
	PreparedOn  string `json:"prepared_on"`
}

type rowRefOut struct {
	List int `json:"list"`
	Row  int `json:"row"`
}

type sharedPersonOut struct {
	Communes []string    `json:"communes"`
	Rows     []rowRefOut `json:"rows"`
}

type monthlyOut struct {
	Period     string            `json:"period"`
	DueOn      string            `json:"due_on"`
	Communes   []communeRoundOut `json:"communes"`
	Missing    []string          `json:"missing"`
	Late       []string          `json:"late"`
	Unexpected []string          `json:"unexpected"`
	Totals     struct {
		Rows            int               `json:"rows"`
		Demand          string            `json:"demand"`
		DemandByPurpose map[string]string `json:"demand_by_purpose"`
	} `json:"totals"`
	SharedPeople []sharedPersonOut `json:"shared_people"`
}

type demandGroupOut struct {
	CommuneCode string           `json:"commune_code"`
	Purpose     string           `json:"purpose"`
	People      int              `json:"people"`
	Demand      string           `json:"demand"`
	ByPurpose   []demandGroupOut `json:"by_purpose"`
}

type demandOut struct {
	Year        int              `json:"year"`
	People      int              `json:"people"`
	Demand      string           `json:"demand"`
	Capital     string           `json:"capital"`
	Shortfall   string           `json:"shortfall"`
	CoveragePct string           `json:"coverage_pct"`
	ByCommune   []demandGroupOut `json:"by_commune"`
	ByPurpose   []demandGroupOut `json:"by_purpose"`
}

type statusCountsOut struct {
	Done     int `json:"done"`
	DoneLate int `json:"done_late"`
	Due      int `json:"due"`
	Overdue  int `json:"overdue"`
}

type planItemOut struct {
	TaskID    string      `json:"task_id"`
	Title     string      `json:"title"`
	TitleEN   string      `json:"title_en"`
	Agency    string      `json:"agency"`
	AgencyEN  string      `json:"agency_en"`
	Recurring string      `json:"recurring"`
	DueOn     string      `json:"due_on"`
	Status    string      `json:"status"`
	DoneOn    *string     `json:"done_on"`
	Late      bool        `json:"late"`
	DaysLate  int         `json:"days_late"`
	Citation  citationOut `json:"citation"`
	// Assumptions are never null: [] when the plan gives every part.
	Assumptions *[]assumptionOut `json:"assumptions"`
}

type assumptionOut struct {
	Part   string `json:"part"`
	Text   string `json:"text"`
	TextEN string `json:"text_en"`
}

// parts returns the parts of the item's task that are assumed.
func (it *planItemOut) parts() []string {
	ps := []string{}
	if it.Assumptions != nil {
		for _, a := range *it.Assumptions {
			ps = append(ps, a.Part)
		}
	}
	return ps
}

type planOut struct {
	On       string          `json:"on"`
	Counts   statusCountsOut `json:"counts"`
	Items    []planItemOut   `json:"items"`
	ByAgency []struct {
		Agency   string `json:"agency"`
		AgencyEN string `json:"agency_en"`
		statusCountsOut
	} `json:"by_agency"`
}

// item returns the plan's item of task due on due.
func (p *planOut) item(t testing.TB, task, due string) planItemOut {
	t.Helper()
	for _, it := range p.Items {
		if it.TaskID == task && it.DueOn == due {
			return it
		}
	}
	t.Fatalf("no item %s due on %s", task, due)
	return planItemOut{}
}

// locatedProblem is a problem of a 422 with where it is in a CSV file.
type locatedProblem struct {
	Type   string        `json:"type"`
	Status int           `json:"status"`
	Errors []fileProblem `json:"errors"`
}

func readPortfolio(t testing.TB, rec *httptest.ResponseRecorder) portfolioOut {
	t.Helper()
	var p portfolioOut
	decodeStrict(t, rec, &p)
	checkPortfolio(t, &p)
	return p
}

func readMonthly(t testing.TB, rec *httptest.ResponseRecorder) monthlyOut {
	t.Helper()
	var m monthlyOut
	decodeStrict(t, rec, &m)
	checkMonthly(t, &m)
	return m
}

func readDemand(t testing.TB, rec *httptest.ResponseRecorder) demandOut {
	t.Helper()
	var d demandOut
	decodeStrict(t, rec, &d)
	checkDemand(t, &d)
	return d
}

func readPlan(t testing.TB, rec *httptest.ResponseRecorder) planOut {
	t.Helper()
	var p planOut
	decodeStrict(t, rec, &p)
	checkPlan(t, &p)
	return p
}

// ---- invariants of the answers ----

// money reads a money string as a big integer: digits only.
func money(t testing.TB, s string) *big.Int {
	t.Helper()
	if s == "" || strings.TrimLeft(s, "0123456789") != "" || len(s) > 1 && s[0] == '0' {
		t.Fatalf("money %q is not a string of digits", s)
	}
	n, _ := new(big.Int).SetString(s, 10)
	return n
}

// ratioPct is num / den as a percentage with two decimals, half away from
// zero, "0" when den is 0 (the contract's rule for ratios).
func ratioPct(num, den *big.Int) string {
	if den.Sign() == 0 {
		return "0"
	}
	// round(num × 10000 / den) = floor((2 × num × 10000 + den) / (2 × den))
	q := new(big.Int).Mul(num, big.NewInt(20000))
	q.Add(q, den)
	q.Quo(q, new(big.Int).Mul(den, big.NewInt(2)))
	s := q.String()
	for len(s) < 3 {
		s = "0" + s
	}
	return s[:len(s)-2] + "." + s[len(s)-2:]
}

// checkPortfolio checks what every loan book answer promises: money as
// digits, overdue within outstanding within disbursed, ratios by the
// contract's rule, and each breakdown sorted by its key (each key once,
// under the breakdown's name), with groups that have loans and add up to
// the totals.
func checkPortfolio(t testing.TB, p *portfolioOut) {
	t.Helper()
	check := func(at string, f figuresOut) {
		d, o, od := money(t, f.Disbursed), money(t, f.Outstanding), money(t, f.Overdue)
		if od.Cmp(o) > 0 || o.Cmp(d) > 0 {
			t.Errorf("%s: overdue %s, outstanding %s, disbursed %s", at, f.Overdue, f.Outstanding, f.Disbursed)
		}
		if want := ratioPct(od, o); f.OverdueRatioPct != want {
			t.Errorf("%s: overdue_ratio_pct %q, want %q", at, f.OverdueRatioPct, want)
		}
		if f.Loans < 0 || f.Jobs < 0 {
			t.Errorf("%s: loans %d, jobs %d", at, f.Loans, f.Jobs)
		}
	}
	check("totals", p.Totals)
	for name, gs := range p.breakdowns() {
		if gs == nil {
			t.Errorf("%s: null, want a list", name)
		}
		sum := struct {
			loans, jobs int
			d, o, od    big.Int
			prev        string
		}{}
		for i, g := range gs {
			at := fmt.Sprintf("by_%s[%d]", strings.TrimSuffix(name, "_code"), i)
			check(at, g.figuresOut)
			for k, v := range g.keys() {
				if (v != nil) != (k == name) {
					t.Errorf("%s: key %s present %v", at, k, v != nil)
				}
			}
			key := g.keys()[name]
			if key == nil {
				continue
			}
			if i > 0 && *key <= sum.prev {
				t.Errorf("%s: key %q after %q: not sorted, or twice", at, *key, sum.prev)
			}
			sum.prev = *key
			if g.Loans < 1 {
				t.Errorf("%s: a group without loans", at)
			}
			sum.loans += g.Loans
			sum.jobs += g.Jobs
			sum.d.Add(&sum.d, money(t, g.Disbursed))
			sum.o.Add(&sum.o, money(t, g.Outstanding))
			sum.od.Add(&sum.od, money(t, g.Overdue))
		}
		if sum.loans != p.Totals.Loans || sum.jobs != p.Totals.Jobs || sum.d.String() != p.Totals.Disbursed ||
			sum.o.String() != p.Totals.Outstanding || sum.od.String() != p.Totals.Overdue {
			t.Errorf("%s adds up to loans %d, disbursed %s, outstanding %s, overdue %s, jobs %d; totals %+v",
				name, sum.loans, sum.d.String(), sum.o.String(), sum.od.String(), sum.jobs, p.Totals)
		}
	}
}

// checkMonthly checks what every monthly round promises: lists sorted,
// never null; totals that add up; late and on_time that agree; missing
// communes that sent nothing; the due day the 5th of the period.
func checkMonthly(t testing.TB, m *monthlyOut) {
	t.Helper()
	for name, l := range map[string][]string{"missing": m.Missing, "late": m.Late, "unexpected": m.Unexpected} {
		if l == nil {
			t.Errorf("%s: null, want a list", name)
		}
		if !slices.IsSorted(l) || len(slices.Compact(slices.Clone(l))) != len(l) {
			t.Errorf("%s %v: not sorted, or a code twice", name, l)
		}
	}
	if m.Communes == nil || m.SharedPeople == nil {
		t.Errorf("communes %v, shared_people %v: null, want lists", m.Communes, m.SharedPeople)
	}
	if m.DueOn != m.Period+"-05" {
		t.Errorf("due_on %s for period %s", m.DueOn, m.Period)
	}
	rows, demand := 0, new(big.Int)
	var late []string
	for i, c := range m.Communes {
		if i > 0 && c.CommuneCode <= m.Communes[i-1].CommuneCode {
			t.Errorf("communes: %q after %q", c.CommuneCode, m.Communes[i-1].CommuneCode)
		}
		if slices.Contains(m.Missing, c.CommuneCode) {
			t.Errorf("commune %s sent a list and is missing", c.CommuneCode)
		}
		if c.OnTime != (c.PreparedOn <= m.DueOn) {
			t.Errorf("commune %s prepared on %s, due %s, on_time %v", c.CommuneCode, c.PreparedOn, m.DueOn, c.OnTime)
		}
		if !c.OnTime {
			late = append(late, c.CommuneCode)
		}
		rows += c.Rows
		demand.Add(demand, money(t, c.Demand))
	}
	if !slices.Equal(late, m.Late) {
		t.Errorf("late %v, communes not on time %v", m.Late, late)
	}
	if rows != m.Totals.Rows || demand.String() != m.Totals.Demand {
		t.Errorf("communes add up to %d rows, %s; totals %d, %s", rows, demand, m.Totals.Rows, m.Totals.Demand)
	}
	byPurpose := new(big.Int)
	for _, p := range []string{"production", "vocational_training"} {
		v, ok := m.Totals.DemandByPurpose[p]
		if !ok {
			t.Errorf("demand_by_purpose without %s", p)
			continue
		}
		byPurpose.Add(byPurpose, money(t, v))
	}
	if len(m.Totals.DemandByPurpose) != 2 || byPurpose.String() != m.Totals.Demand {
		t.Errorf("demand_by_purpose %v, demand %s", m.Totals.DemandByPurpose, m.Totals.Demand)
	}
	for _, sp := range m.SharedPeople {
		if len(sp.Communes) < 2 || !slices.IsSorted(sp.Communes) || len(sp.Rows) < len(sp.Communes) {
			t.Errorf("shared person %+v", sp)
		}
	}
}

// checkDemand checks what every demand review promises.
func checkDemand(t testing.TB, d *demandOut) {
	t.Helper()
	dem, capital, short := money(t, d.Demand), money(t, d.Capital), money(t, d.Shortfall)
	want := new(big.Int).Sub(dem, capital)
	if want.Sign() < 0 {
		want.SetInt64(0)
	}
	if short.Cmp(want) != 0 {
		t.Errorf("shortfall %s, want max(0, %s − %s) = %s", d.Shortfall, d.Demand, d.Capital, want)
	}
	if wantPct := ratioPct(capital, dem); d.CoveragePct != wantPct {
		t.Errorf("coverage_pct %s, want %s", d.CoveragePct, wantPct)
	}
	sumGroups := func(at string, gs []demandGroupOut, people int, demand string, key func(demandGroupOut) string) {
		p, s := 0, new(big.Int)
		for i, g := range gs {
			if i > 0 && key(g) <= key(gs[i-1]) {
				t.Errorf("%s: %q after %q", at, key(g), key(gs[i-1]))
			}
			p += g.People
			s.Add(s, money(t, g.Demand))
		}
		if p != people || s.String() != demand {
			t.Errorf("%s adds up to %d people, %s; want %d, %s", at, p, s, people, demand)
		}
	}
	purposeKey := func(g demandGroupOut) string {
		return map[string]string{"production": "1", "vocational_training": "2"}[g.Purpose] // credit.Purposes() order
	}
	sumGroups("by_commune", d.ByCommune, d.People, d.Demand, func(g demandGroupOut) string { return g.CommuneCode })
	sumGroups("by_purpose", d.ByPurpose, d.People, d.Demand, purposeKey)
	if len(d.ByPurpose) != 2 {
		t.Errorf("by_purpose has %d groups, want one per purpose", len(d.ByPurpose))
	}
	for _, c := range d.ByCommune {
		if len(c.ByPurpose) != 2 || c.Purpose != "" {
			t.Errorf("commune %s: purpose %q, %d purposes", c.CommuneCode, c.Purpose, len(c.ByPurpose))
		}
		sumGroups("by_commune/"+c.CommuneCode, c.ByPurpose, c.People, c.Demand, purposeKey)
	}
	for _, g := range d.ByPurpose {
		if g.CommuneCode != "" || g.ByPurpose != nil {
			t.Errorf("purpose group %+v", g)
		}
	}
}

// checkPlan checks what every plan status promises: items sorted by due
// date then task, counts and agencies that add up, statuses consistent
// with the report's day.
func checkPlan(t testing.TB, p *planOut) {
	t.Helper()
	var c statusCountsOut
	for i, it := range p.Items {
		if i > 0 {
			prev := p.Items[i-1]
			if it.DueOn < prev.DueOn || it.DueOn == prev.DueOn && it.TaskID <= prev.TaskID {
				t.Errorf("item %d (%s %s) after (%s %s)", i, it.TaskID, it.DueOn, prev.TaskID, prev.DueOn)
			}
		}
		switch it.Status {
		case "done":
			c.Done++
			if it.DoneOn == nil || *it.DoneOn > p.On || it.Late != (*it.DoneOn > it.DueOn) {
				t.Errorf("item %+v on %s", it, p.On)
			}
			if it.Late {
				c.DoneLate++
			}
		case "due":
			c.Due++
			if it.DoneOn != nil || it.DueOn < p.On || it.DaysLate != 0 {
				t.Errorf("item %+v on %s", it, p.On)
			}
		case "overdue":
			c.Overdue++
			if it.DoneOn != nil || it.DueOn >= p.On || it.DaysLate < 1 {
				t.Errorf("item %+v on %s", it, p.On)
			}
		default:
			t.Errorf("item %s: status %q", it.TaskID, it.Status)
		}
		if it.Title == "" || it.TitleEN == "" || it.Agency == "" || it.AgencyEN == "" || it.Citation.Text == "" ||
			!slices.Contains([]string{"once", "monthly", "yearly"}, it.Recurring) {
			t.Errorf("item %+v", it)
		}
		if it.Assumptions == nil {
			t.Errorf("item %s %s: assumptions missing or null", it.TaskID, it.DueOn)
		} else {
			for _, a := range *it.Assumptions {
				if !slices.Contains([]string{"due", "recurring", "agency", "section"}, a.Part) || a.Text == "" || a.TextEN == "" {
					t.Errorf("item %s %s: assumption %+v", it.TaskID, it.DueOn, a)
				}
			}
		}
	}
	if c != p.Counts {
		t.Errorf("counts %+v, the items count %+v", p.Counts, c)
	}
	var a statusCountsOut
	for i, g := range p.ByAgency {
		if i > 0 && g.Agency <= p.ByAgency[i-1].Agency {
			t.Errorf("by_agency: %q after %q", g.Agency, p.ByAgency[i-1].Agency)
		}
		a.Done += g.Done
		a.DoneLate += g.DoneLate
		a.Due += g.Due
		a.Overdue += g.Overdue
	}
	if a != p.Counts {
		t.Errorf("by_agency adds up to %+v, counts %+v", a, p.Counts)
	}
}

// readCSVFile checks a report's CSV answer (UTF-8 with a BOM, CRLF, the
// file name in Content-Disposition, not cached) and returns its records.
func readCSVFile(t testing.TB, rec *httptest.ResponseRecorder, filename string) [][]string {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %.500s", rec.Body)
	assert.Equal(t, "text/csv; charset=utf-8", rec.Header().Get("Content-Type"))
	checkFileHeaders(t, rec, filename)
	file := rec.Body.Bytes()
	require.True(t, bytes.HasPrefix(file, []byte("\xef\xbb\xbf")), "CSV starts with the UTF-8 BOM: % x", file[:min(8, len(file))])
	assert.True(t, bytes.HasSuffix(file, []byte("\r\n")), "CRLF line ends")
	recs, err := csv.NewReader(bytes.NewReader(file[3:])).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs, "a header row")
	return recs
}

// readSVGFile checks a report's SVG answer and returns the text it shows.
func readSVGFile(t testing.TB, rec *httptest.ResponseRecorder, filename string) string {
	t.Helper()
	require.Equal(t, http.StatusOK, rec.Code, "body: %.500s", rec.Body)
	assert.Equal(t, "image/svg+xml", rec.Header().Get("Content-Type"))
	checkFileHeaders(t, rec, filename)
	return wellFormedSVG(t, rec.Body.Bytes())
}

func checkFileHeaders(t testing.TB, rec *httptest.ResponseRecorder, filename string) {
	t.Helper()
	assert.Equal(t, "no-store", rec.Header().Get("Cache-Control"))
	assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"))
	assert.NotEmpty(t, rec.Header().Get("X-Request-Id"))
	disp, params, err := mime.ParseMediaType(rec.Header().Get("Content-Disposition"))
	require.NoError(t, err, "Content-Disposition %q", rec.Header().Get("Content-Disposition"))
	assert.Equal(t, "attachment", disp)
	assert.Equal(t, filename, params["filename"])
}

// wellFormedSVG parses b with encoding/xml (strict): one root element, svg
// in the SVG namespace, every element closed. It returns the character data.
func wellFormedSVG(t testing.TB, b []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(b))
	var text strings.Builder
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, "the SVG is not well-formed XML")
		switch tok := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
				assert.Equal(t, "svg", tok.Name.Local)
				assert.Equal(t, "http://www.w3.org/2000/svg", tok.Name.Space)
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			text.Write(tok)
			text.WriteByte('\n')
		}
	}
	assert.Equal(t, 0, depth, "every element is closed")
	assert.Equal(t, 1, roots, "one root element")
	return text.String()
}

// readLocated reads a 422 whose problems may be located in a CSV file.
func readLocated(t testing.TB, rec *httptest.ResponseRecorder) []located {
	t.Helper()
	require.Equal(t, http.StatusUnprocessableEntity, rec.Code, "body: %.1000s", rec.Body)
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	var p locatedProblem
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
	checkFileProblems(t, p.Errors)
	return locatedOf(p.Errors)
}

// ---- POST /v1/reports/portfolio: 200 ----

// The contract's example: three loans on 2026-09-30 (the fourth, disbursed
// after, is left out) make the contract's totals.
func TestPortfolioContractExample(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postReport(h, "portfolio", "", contractPortfolio)
	p := readPortfolio(t, rec)
	assert.Equal(t, figuresOut{Loans: 3, Disbursed: "640000000", Outstanding: "570000000", Overdue: "20000000",
		OverdueRatioPct: "3.51", Jobs: 7}, p.Totals)
	require.Len(t, p.ByCommune, 2, "03433 has only the loan disbursed after as_of")
	assert.Equal(t, "03424", *p.ByCommune[0].CommuneCode)
	assert.Equal(t, 2, p.ByCommune[0].Loans)
	assert.Equal(t, 7, p.ByCommune[0].Jobs)
	jsonEqual(t, []byte(contractPortfolioReport), rec.Body.Bytes(), "the whole answer")

	t.Run("amounts as JSON integers", func(t *testing.T) {
		body := portfolio(t, set("/loans/0/amount", json.Number("100000000")), set("/loans/1/overdue", json.Number("20000000")))
		jsonEqual(t, []byte(contractPortfolioReport), postReport(h, "portfolio", "", body).Body.Bytes(), "same answer")
	})
	t.Run("no loans", func(t *testing.T) {
		for _, body := range []string{`{"as_of": "2026-09-30"}`, `{"as_of": "2026-09-30", "loans": []}`, `{"as_of": "2026-09-30", "loans": null}`} {
			p := readPortfolio(t, postReport(h, "portfolio", "", body))
			assert.Equal(t, figuresOut{Disbursed: "0", Outstanding: "0", Overdue: "0", OverdueRatioPct: "0"}, p.Totals)
			assert.Empty(t, p.ByCommune)
		}
	})
	t.Run("nothing outstanding: a ratio of 0", func(t *testing.T) {
		body := portfolio(t, set("/loans", []any{rowOf(t, contractPortfolio, "/loans/0")}),
			set("/loans/0/outstanding", "0"), set("/loans/0/overdue", "0"))
		p := readPortfolio(t, postReport(h, "portfolio", "", body))
		assert.Equal(t, "0", p.Totals.OverdueRatioPct)
	})
	t.Run("rounding half away from zero", func(t *testing.T) {
		// 1 / 8 = 12.5 %; 1 / 800 = 0.125 % → 0.13; 2 / 3 = 66.666… → 66.67
		for _, tc := range []struct{ outstanding, overdue, want string }{
			{"8", "1", "12.50"}, {"800", "1", "0.13"}, {"3", "2", "66.67"}, {"80000", "1", "0.00"}, {"5", "5", "100.00"},
		} {
			body := portfolio(t, set("/loans", []any{rowOf(t, contractPortfolio, "/loans/0")}),
				set("/loans/0/outstanding", tc.outstanding), set("/loans/0/overdue", tc.overdue))
			p := readPortfolio(t, postReport(h, "portfolio", "", body))
			assert.Equal(t, tc.want, p.Totals.OverdueRatioPct, "%s / %s", tc.overdue, tc.outstanding)
		}
	})
}

// A loan disbursed after as_of is left out; one disbursed on as_of is in.
// A loan left out is still checked, and its loan_id still counts.
func TestPortfolioLeavesOutLoansDisbursedAfterAsOf(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		asOf  string
		loans int
	}{
		{"2024-01-09", 0}, {"2024-01-10", 1}, {"2025-02-28", 1}, {"2025-03-01", 2}, {"2026-09-30", 3},
		{"2026-10-01", 4}, {"2099-12-31", 4},
	} {
		t.Run(tc.asOf, func(t *testing.T) {
			p := readPortfolio(t, postReport(h, "portfolio", "", portfolio(t, set("/as_of", tc.asOf))))
			assert.Equal(t, tc.asOf, p.AsOf)
			assert.Equal(t, tc.loans, p.Totals.Loans)
			q := readPortfolio(t, postLoansCSV(h, "?as_of="+tc.asOf, contractPortfolioCSV))
			assert.Equal(t, p, q, "the CSV file gives the same book")
		})
	}
	t.Run("still checked", func(t *testing.T) {
		rec := postReport(h, "portfolio", "", portfolio(t, set("/loans/3/overdue", "60000000"), set("/loans/3/loan_id", "L1")))
		p := readProblem(t, rec, http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"/loans/3/loan_id", "duplicate_loan_id"}, {"/loans/3/overdue", "exceeds_outstanding"}}, p.at())
	})
}

// The same book as a CSV file, as the bank exports it or as a spreadsheet
// saves it, gives the same answer as the JSON body.
func TestPortfolioCSV(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for name, tc := range map[string]struct{ file, ct string }{
		"plain":                       {contractPortfolioCSV, "text/csv"},
		"with a BOM":                  {"\ufeff" + contractPortfolioCSV, "text/csv"},
		"CRLF":                        {strings.ReplaceAll(contractPortfolioCSV, "\n", "\r\n"), "text/csv"},
		"reordered, BOM, blank line":  {contractPortfolioCSVReordered, "text/csv"},
		"charset parameter":           {contractPortfolioCSV, "text/csv; charset=utf-8"},
		"media type in capitals":      {contractPortfolioCSV, "Text/CSV"},
		"spaces around cells":         {strings.ReplaceAll(contractPortfolioCSV, ",", " , "), "text/csv"},
		"reordered without BOM, LF":   {strings.ReplaceAll(strings.TrimPrefix(contractPortfolioCSVReordered, "\ufeff"), "\r\n", "\n"), "text/csv"},
		"no newline at the end":       {strings.TrimSuffix(contractPortfolioCSV, "\n"), "text/csv"},
		"every cell quoted, BOM+CRLF": {"\ufeff" + quoteAll(contractPortfolioCSV), "text/csv"},
	} {
		t.Run(name, func(t *testing.T) {
			rec := postFile(h, "/v1/reports/portfolio?as_of=2026-09-30", tc.ct, []byte(tc.file))
			readPortfolio(t, rec)
			jsonEqual(t, []byte(contractPortfolioReport), rec.Body.Bytes(), "the same answer as the JSON body")
		})
	}
	t.Run("a header row only", func(t *testing.T) {
		header, _, _ := strings.Cut(contractPortfolioCSV, "\n")
		p := readPortfolio(t, postLoansCSV(h, "?as_of=2026-09-30", header+"\n"))
		assert.Zero(t, p.Totals.Loans)
	})
	t.Run("as_of in the query of a JSON body is not read", func(t *testing.T) {
		p := readPortfolio(t, postReport(h, "portfolio", "?as_of=2024-01-10", contractPortfolio))
		assert.Equal(t, "2026-09-30", p.AsOf)
	})
}

// quoteAll quotes every cell of a simple CSV text.
func quoteAll(s string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(s, "\n") {
		body := strings.TrimSuffix(line, "\n")
		if body == "" {
			b.WriteString(line)
			continue
		}
		b.WriteString(`"` + strings.ReplaceAll(body, ",", `","`) + `"` + "\r\n")
	}
	return b.String()
}

// ?format=csv is the breakdown by commune as a table; ?format=svg as a
// bar chart.
func TestPortfolioFormats(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, post := range []struct {
		name string
		do   func(format string) *httptest.ResponseRecorder
	}{
		{"json body", func(f string) *httptest.ResponseRecorder {
			return postReport(h, "portfolio", "?format="+f, contractPortfolio)
		}},
		{"csv body", func(f string) *httptest.ResponseRecorder {
			return postLoansCSV(h, "?as_of=2026-09-30&format="+f, contractPortfolioCSVReordered)
		}},
	} {
		t.Run(post.name+"/csv", func(t *testing.T) {
			recs := readCSVFile(t, post.do("csv"), "du-no-2026-09-30.csv")
			assert.Equal(t, [][]string{
				{"Mã xã", "Số món vay", "Doanh số cho vay (đồng)", "Dư nợ (đồng)", "Nợ quá hạn (đồng)", "Tỷ lệ nợ quá hạn (%)", "Số lao động có việc làm"},
				{"03424", "2", "600000000", "530000000", "20000000", "3.77", "7"},
				{"03430", "1", "40000000", "40000000", "0", "0.00", "0"},
			}, recs)
		})
		t.Run(post.name+"/svg", func(t *testing.T) {
			text := readSVGFile(t, post.do("svg"), "du-no-2026-09-30.svg")
			for _, s := range []string{"03424", "03430", "530.000.000", "20.000.000", "Dư nợ", "Nợ quá hạn", "30/09/2026"} {
				assert.Contains(t, text, s)
			}
			assert.NotContains(t, text, "03433", "the loan disbursed after as_of is left out")
		})
		t.Run(post.name+"/json", func(t *testing.T) {
			jsonEqual(t, []byte(contractPortfolioReport), post.do("json").Body.Bytes(), "format=json is the default")
		})
	}

	t.Run("commune codes that are markup or formulas", func(t *testing.T) {
		body := portfolio(t, set("/loans/0/commune_code", `<b>&"'`), set("/loans/2/commune_code", "=1+2"))
		text := readSVGFile(t, postReport(h, "portfolio", "?format=svg", body), "du-no-2026-09-30.svg")
		assert.Contains(t, text, `<b>&"'`, "the label, escaped in the file, reads back as sent")
		recs := readCSVFile(t, postReport(h, "portfolio", "?format=csv", body), "du-no-2026-09-30.csv")
		require.Len(t, recs, 4)
		assert.Equal(t, []string{"03424", "<b>&\"'", "'=1+2"}, []string{recs[1][0], recs[2][0], recs[3][0]},
			"sorted by code; a formula is written as text")
	})
	t.Run("an empty book", func(t *testing.T) {
		body := `{"as_of": "2020-01-01", "loans": []}`
		text := readSVGFile(t, postReport(h, "portfolio", "?format=svg", body), "du-no-2020-01-01.svg")
		assert.Contains(t, text, "Không có dữ liệu")
		recs := readCSVFile(t, postReport(h, "portfolio", "?format=csv", body), "du-no-2020-01-01.csv")
		assert.Len(t, recs, 1, "the header row only")
	})
}

// A book whose commune holds more than 10^15 đồng outstanding (each loan
// within 10^15, the book within its 10^18 limit) is a valid book: its
// chart is drawn like its JSON and CSV answers are given.
func TestPortfolioSVGOfALargeBook(t *testing.T) {
	h := newHandler(httpapi.Options{})
	body := portfolio(t, set("/loans", []any{rowOf(t, contractPortfolio, "/loans/0"), rowOf(t, contractPortfolio, "/loans/0")}),
		set("/loans/1/loan_id", "L1b"),
		set("/loans/0/amount", "1000000000000000"), set("/loans/0/outstanding", "1000000000000000"),
		set("/loans/1/amount", "1000000000000000"), set("/loans/1/outstanding", "1000000000000000"))
	p := readPortfolio(t, postReport(h, "portfolio", "", body))
	assert.Equal(t, "2000000000000000", p.Totals.Outstanding)
	readCSVFile(t, postReport(h, "portfolio", "?format=csv", body), "du-no-2026-09-30.csv")
	rec := postReport(h, "portfolio", "?format=svg", body)
	if !assert.Equal(t, http.StatusOK, rec.Code, "the chart of a valid book: %s", rec.Body) {
		return
	}
	assert.Contains(t, readSVGFile(t, rec, "du-no-2026-09-30.svg"), "2.000.000.000.000.000")

	t.Run("the book's limit: 10^18 in one commune", func(t *testing.T) {
		loans := make([]any, 1001)
		for i := range loans {
			l := rowOf(t, contractPortfolio, "/loans/0").(map[string]any)
			l["loan_id"], l["amount"], l["outstanding"], l["overdue"] = "B"+strconv.Itoa(i), "1000000000000000", "1000000000000000", "1"
			loans[i] = l
		}
		body := portfolio(t, set("/loans", loans[:1000]))
		p := readPortfolio(t, postReport(h, "portfolio", "", body))
		assert.Equal(t, "1000000000000000000", p.Totals.Disbursed)
		text := readSVGFile(t, postReport(h, "portfolio", "?format=svg", body), "du-no-2026-09-30.svg")
		assert.Contains(t, text, "1.000.000.000.000.000.000")

		// One more loan would take the total beyond 10^18.
		rec := postReport(h, "portfolio", "?format=svg", portfolio(t, set("/loans", loans)))
		assert.Equal(t, []at{{"/loans/1000/amount", "out_of_range"}}, readProblem(t, rec, http.StatusUnprocessableEntity).at())
	})
}

// ---- POST /v1/reports/portfolio: 422 ----

// Every 422 of the contract, one at a time and all at once, each at its
// pointer with its code.
func TestPortfolioInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"overdue greater than outstanding", []edit{set("/loans/0/overdue", "80000001")},
			[]at{{"/loans/0/overdue", "exceeds_outstanding"}}},
		{"outstanding greater than amount", []edit{set("/loans/1/outstanding", "500000001")},
			[]at{{"/loans/1/outstanding", "exceeds_amount"}}},
		{"outstanding greater than amount, overdue within it", []edit{set("/loans/1/outstanding", "600000000"), set("/loans/1/overdue", "550000000")},
			[]at{{"/loans/1/outstanding", "exceeds_amount"}}},
		{"both", []edit{set("/loans/0/outstanding", "100000001"), set("/loans/0/overdue", "100000002")},
			[]at{{"/loans/0/outstanding", "exceeds_amount"}, {"/loans/0/overdue", "exceeds_outstanding"}}},
		{"a negative amount", []edit{set("/loans/2/amount", "-5")}, []at{{"/loans/2/amount", "negative"}}},
		{"a negative amount as an integer", []edit{set("/loans/2/amount", json.Number("-40000000"))}, []at{{"/loans/2/amount", "negative"}}},
		{"negative outstanding and overdue", []edit{set("/loans/0/outstanding", "-1"), set("/loans/0/overdue", json.Number("-1"))},
			[]at{{"/loans/0/outstanding", "negative"}, {"/loans/0/overdue", "negative"}}},
		{"an unknown borrower kind", []edit{set("/loans/0/borrower_kind", "person")}, []at{{"/loans/0/borrower_kind", "invalid_enum"}}},
		{"an unknown purpose", []edit{set("/loans/0/purpose", "housing")}, []at{{"/loans/0/purpose", "invalid_enum"}}},
		{"an unknown capital source", []edit{set("/loans/0/capital_source", "state")}, []at{{"/loans/0/capital_source", "invalid_enum"}}},
		{"an unknown channel", []edit{set("/loans/0/channel", "bank")}, []at{{"/loans/0/channel", "invalid_enum"}}},
		{"an enum in capitals", []edit{set("/loans/0/channel", "Direct")}, []at{{"/loans/0/channel", "invalid_enum"}}},
		{"the same loan_id twice", []edit{set("/loans/2/loan_id", "L1")}, []at{{"/loans/2/loan_id", "duplicate_loan_id"}}},
		{"the same loan_id three times", []edit{set("/loans/1/loan_id", "L1"), set("/loans/3/loan_id", "L1")},
			[]at{{"/loans/1/loan_id", "duplicate_loan_id"}, {"/loans/3/loan_id", "duplicate_loan_id"}}},
		{"all at once", []edit{
			set("/loans/0/overdue", "90000000"), set("/loans/1/outstanding", "500000001"), set("/loans/2/amount", "-5"),
			set("/loans/3/borrower_kind", "person"), set("/loans/3/purpose", "fishing"), set("/loans/3/capital_source", "state"),
			set("/loans/3/channel", "bank"), set("/loans/4", rowOf(t, contractPortfolio, "/loans/0")),
		}, []at{
			{"/loans/0/overdue", "exceeds_outstanding"}, {"/loans/1/outstanding", "exceeds_amount"}, {"/loans/2/amount", "negative"},
			{"/loans/3/borrower_kind", "invalid_enum"}, {"/loans/3/purpose", "invalid_enum"}, {"/loans/3/capital_source", "invalid_enum"},
			{"/loans/3/channel", "invalid_enum"}, {"/loans/4/loan_id", "duplicate_loan_id"},
		}},
		{"as_of missing", []edit{del("/as_of")}, []at{{"/as_of", "required"}}},
		{"as_of null", []edit{set("/as_of", nil)}, []at{{"/as_of", "required"}}},
		{"as_of not a date", []edit{set("/as_of", "2026-02-30")}, []at{{"/as_of", "invalid_date"}}},
		{"missing values", []edit{set("/loans/0", map[string]any{"amount": "1"})}, []at{
			{"/loans/0/loan_id", "required"}, {"/loans/0/commune_code", "required"}, {"/loans/0/borrower_kind", "required"},
			{"/loans/0/purpose", "required"}, {"/loans/0/capital_source", "required"}, {"/loans/0/channel", "required"},
			{"/loans/0/disbursed_on", "required"},
		}},
		{"wrong JSON types", []edit{set("/loans/0/loan_id", json.Number("1")), set("/loans/0/jobs", "1"), set("/loans/0/amount", true),
			set("/loans/0/disbursed_on", json.Number("20240110")), set("/loans/1", "L2"), set("/loans/2/channel", []any{})},
			[]at{{"/loans/1", "invalid_type"}, {"/loans/0/loan_id", "invalid_type"}, {"/loans/0/disbursed_on", "invalid_type"},
				{"/loans/0/amount", "not_integer"}, {"/loans/0/jobs", "not_integer"}, {"/loans/2/channel", "invalid_type"}}},
		{"fractions, too large, out of range", []edit{set("/loans/0/amount", "100000000.5"), set("/loans/1/amount", "1000000000000001"),
			set("/loans/2/jobs", json.Number("-1")), set("/loans/0/jobs", json.Number("1.5")), set("/loans/3/jobs", json.Number("1000001"))},
			[]at{{"/loans/0/amount", "not_integer"}, {"/loans/0/jobs", "not_integer"}, {"/loans/1/amount", "out_of_range"},
				{"/loans/2/jobs", "out_of_range"}, {"/loans/3/jobs", "out_of_range"}}},
		{"an invalid date", []edit{set("/loans/0/disbursed_on", "2024-13-01")}, []at{{"/loans/0/disbursed_on", "invalid_date"}}},
		{"codes too long", []edit{set("/loans/0/loan_id", strings.Repeat("L", 65)), set("/loans/0/commune_code", "03199031990")},
			[]at{{"/loans/0/loan_id", "too_long"}, {"/loans/0/commune_code", "too_long"}}},
		{"loans not a list", []edit{set("/loans", "L1")}, []at{{"/loans", "invalid_type"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postReport(h, "portfolio", "", portfolio(t, tc.edits...))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.True(t, strings.HasSuffix(p.Type, "#validation"), p.Type)
			assert.Equal(t, tc.want, p.at())
		})
	}
}

// The same problems in a CSV file are located at their line and cell; a
// line that cannot be read is located at its line, and the other lines are
// still checked.
func TestPortfolioCSVInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	header := "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n"
	file := header +
		"P1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,90000000,1\n" +
		"P2,03424,individual,production,central,farmers_union,2024-01-10,100000000,120000000,0,1\n" +
		"P3,03424,individual,production,central,farmers_union,2024-01-10,-5,0,0,1\n" +
		"P4,03424,person,production,state,bank,2024-01-10,100,0,0,1\n" +
		"P1,03430,individual,production,central,farmers_union,2024-02-01,100,100,0,0\n" +
		"P6,03430,individual,fishing,central,direct,2024-13-01,abc,,0,x\n" +
		"P7,03430,individual,production,central,direct,2024-02-01,100,100\n" +
		"P8,,establishment,vocational_training,other,youth_union,2024-02-01,100,-1,-2,-3\n" +
		"P9,03433,individual,production,central,direct,2024-02-01,1000000000000001,0,0,2000000\n"
	want := []located{
		{"/loans/0/overdue", 2, "J", "J2", "exceeds_outstanding"},
		{"/loans/1/outstanding", 3, "I", "I3", "exceeds_amount"},
		{"/loans/2/amount", 4, "H", "H4", "negative"},
		{"/loans/3/borrower_kind", 5, "C", "C5", "invalid_enum"},
		{"/loans/3/capital_source", 5, "E", "E5", "invalid_enum"},
		{"/loans/3/channel", 5, "F", "F5", "invalid_enum"},
		{"/loans/4/loan_id", 6, "A", "A6", "duplicate_loan_id"},
		{"/loans/5/purpose", 7, "D", "D7", "invalid_enum"},
		{"/loans/5/disbursed_on", 7, "G", "G7", "invalid_date"},
		{"/loans/5/amount", 7, "H", "H7", "not_integer"},
		{"/loans/5/outstanding", 7, "I", "I7", "required"},
		{"/loans/5/jobs", 7, "K", "K7", "not_integer"},
		{"/loans/6", 8, "", "", "invalid_line"},
		{"/loans/7/commune_code", 9, "B", "B9", "required"},
		{"/loans/7/outstanding", 9, "I", "I9", "negative"},
		{"/loans/7/overdue", 9, "J", "J9", "negative"},
		{"/loans/7/jobs", 9, "K", "K9", "out_of_range"},
		{"/loans/8/amount", 10, "H", "H10", "out_of_range"},
		{"/loans/8/jobs", 10, "K", "K10", "out_of_range"},
	}
	assert.Equal(t, want, readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", file)))

	t.Run("columns in another order", func(t *testing.T) {
		// The same loan with its columns reversed: the cell letters follow.
		f := "jobs,overdue,outstanding,amount,disbursed_on,channel,capital_source,purpose,borrower_kind,commune_code,loan_id\n" +
			"1,90000000,80000000,100000000,2024-01-10,farmers_union,central,production,individual,03424,P1\n"
		assert.Equal(t, []located{{"/loans/0/overdue", 2, "B", "B2", "exceeds_outstanding"}}, readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", f)))
	})
	t.Run("a truncated last line", func(t *testing.T) {
		f := contractPortfolioCSV[:len(contractPortfolioCSV)-30]
		assert.Equal(t, []located{{"/loans/3", 5, "", "", "invalid_line"}}, readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", f)))
	})
	t.Run("a truncated line in the middle, the others still checked", func(t *testing.T) {
		lines := strings.SplitAfter(contractPortfolioCSV, "\n")
		lines[2] = "L2,03424,establishment,production\n"
		lines[3] = strings.Replace(lines[3], ",0,0\n", ",40000001,0\n", 1)
		assert.Equal(t, []located{{"/loans/1", 3, "", "", "invalid_line"}, {"/loans/2/overdue", 4, "J", "J4", "exceeds_outstanding"}},
			readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", strings.Join(lines, ""))))
	})
	t.Run("the line numbers count the BOM's line and blank lines", func(t *testing.T) {
		f := strings.Replace(contractPortfolioCSVReordered, "0,0,40000000,40000000", "0,40000001,40000000,40000000", 1)
		assert.Equal(t, []located{{"/loans/2/overdue", 5, "B", "B5", "exceeds_outstanding"}},
			readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", f)))
	})
	t.Run("a broken quote", func(t *testing.T) {
		f := contractPortfolioCSV + "L5,\"03424,x\n"
		assert.Equal(t, []located{{"/loans/4", 6, "", "", "invalid_line"}}, readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", f)))
	})
	t.Run("not UTF-8", func(t *testing.T) {
		f := contractPortfolioCSV + "L\xff5,03424,individual,production,central,direct,2024-01-10,1,1,0,0\n"
		assert.Equal(t, []located{{"/loans/4", 6, "", "", "invalid_line"}}, readLocated(t, postLoansCSV(h, "?as_of=2026-09-30", f)))
	})
}

// A header row that does not name the loan fields is invalid_csv_header.
func TestPortfolioCSVHeader(t *testing.T) {
	h := newHandler(httpapi.Options{})
	header, rest, _ := strings.Cut(contractPortfolioCSV, "\n")
	for name, tc := range map[string]struct{ file, cause, causeVI string }{
		"empty file":            {"", "the file is empty", "tệp trống"},
		"a BOM only":            {"\ufeff", "the file is empty", "tệp trống"},
		"no header row":         {rest, `column A is not a loan field`, "cột A không phải trường"},
		"a column missing":      {strings.Replace(header, ",jobs", "", 1) + "\n", "missing jobs", "thiếu jobs"},
		"an unknown column":     {header + ",note\n", `column L "note" is not a loan field`, `cột L "note" không phải`},
		"a column twice":        {header + ",amount\n", "columns H and L both name amount", "cột H và cột L cùng ghi amount"},
		"a blank column name":   {header + ",\n", "column L has no name", "cột L chưa có tên"},
		"semicolons":            {strings.ReplaceAll(contractPortfolioCSV, ",", ";"), "not semicolons", "không phải dấu chấm phẩy"},
		"Vietnamese headings":   {"Mã khoản vay,Mã xã,Đối tượng,Mục đích,Nguồn vốn,Kênh,Ngày giải ngân,Số tiền,Dư nợ,Nợ quá hạn,Số lao động\n", "column A is not a loan field", "thiếu loan_id"},
		"a misspelt field":      {strings.Replace(contractPortfolioCSV, "capital_source", "capital-source", 1), `column E "capital-source" is not a loan field`, "thiếu capital_source"},
		"a header not CSV":      {"loan_id,\"commune_code\n", "the first line is not CSV", "không đúng định dạng CSV"},
		"a JSON body as CSV":    {contractPortfolio, "the first line is not CSV", "không đúng định dạng CSV"},
		"a header line too big": {strings.Repeat("x", 5000) + "\n", "longer than 4096 bytes", "dài quá 4096 byte"},
	} {
		t.Run(name, func(t *testing.T) {
			rec := postLoansCSV(h, "?as_of=2026-09-30", tc.file)
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.Equal(t, []at{{"", "invalid_csv_header"}}, p.at())
			assert.Contains(t, p.Errors[0].DetailEN, "loan_id, commune_code, borrower_kind", "the message names the fields")
			assert.Contains(t, p.Errors[0].DetailEN, tc.cause, "the message says what is wrong")
			assert.Contains(t, p.Errors[0].Detail, tc.causeVI, "in Vietnamese too")
		})
	}
}

// as_of of a CSV file comes in the query: missing or not a date is a 422 at
// /as_of, before the file is read.
func TestPortfolioCSVAsOf(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		query string
		want  []at
	}{
		{"", []at{{"/as_of", "required"}}},
		{"?as_of=", []at{{"/as_of", "required"}}},
		{"?format=csv", []at{{"/as_of", "required"}}},
		{"?as_of=2026-13-01", []at{{"/as_of", "invalid_date"}}},
		{"?as_of=30/09/2026", []at{{"/as_of", "invalid_date"}}},
		{"?as_of=" + url.QueryEscape(`"2026-09-30"`), []at{{"/as_of", "invalid_date"}}},
	} {
		t.Run(tc.query, func(t *testing.T) {
			for _, file := range []string{contractPortfolioCSV, "not, a, loan book\n"} {
				p := readProblem(t, postLoansCSV(h, tc.query, file), http.StatusUnprocessableEntity)
				assert.Equal(t, tc.want, p.at(), "as_of is checked first")
			}
		})
	}
}

// ---- 413 ----

// A report body above MaxUploadBytes is a 413, whether its length is
// announced or it comes chunked, as JSON or as a CSV file; the reports take
// the upload limit, not the body limit of the other routes.
func TestReportsTooLarge(t *testing.T) {
	const limit = 1001 // odd: written in bytes, not KiB
	h := newHandler(httpapi.Options{MaxUploadBytes: limit})
	bigCSV := contractPortfolioCSV + strings.Repeat("L9,03424,individual,production,central,direct,2024-01-10,1,1,0,0\n", 20)
	bigJSON := portfolio(t, set("/loans/0/loan_id", strings.Repeat("L", limit)))
	require.Greater(t, len(bigCSV), limit)
	require.Less(t, len(contractPortfolioCSV), limit)

	request := func(chunked bool, target, ct, body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
		if chunked {
			r = httptest.NewRequest(http.MethodPost, target, unknownLength{strings.NewReader(body)})
			r.ContentLength = -1
			r.TransferEncoding = []string{"chunked"}
		}
		r.Header.Set("Content-Type", ct)
		return r
	}
	for _, chunked := range []bool{false, true} {
		for _, tc := range []struct {
			name, target, ct, body string
		}{
			{"portfolio csv", "/v1/reports/portfolio?as_of=2026-09-30", "text/csv", bigCSV},
			{"portfolio csv, a BOM", "/v1/reports/portfolio?as_of=2026-09-30", "text/csv", "\ufeff" + bigCSV},
			{"portfolio csv, format=svg", "/v1/reports/portfolio?as_of=2026-09-30&format=svg", "text/csv", bigCSV},
			{"portfolio json", "/v1/reports/portfolio", "application/json", bigJSON},
			{"monthly-lists", "/v1/reports/monthly-lists", "application/json", monthlyContractRequest},
			{"demand-review", "/v1/reports/demand-review", "application/json", demandReviewRequest},
			{"plan", "/v1/reports/plan", "application/json", `{"on": "2024-01-01", "completions": [` +
				strings.TrimSuffix(strings.Repeat(`{"task_id": "training", "done_on": "2023-10-30"},`, 30), ",") + `]}`},
		} {
			t.Run(fmt.Sprintf("%s, chunked %v", tc.name, chunked), func(t *testing.T) {
				require.Greater(t, len(tc.body), limit)
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, request(chunked, tc.target, tc.ct, tc.body))
				p := readProblem(t, rec, http.StatusRequestEntityTooLarge)
				assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
				assert.Contains(t, p.DetailEN, "1001 bytes", "the detail names the upload limit")
			})
		}
	}
	t.Run("within the limit", func(t *testing.T) {
		readPortfolio(t, postLoansCSV(h, "?as_of=2026-09-30", contractPortfolioCSV))
	})
	t.Run("reports are not bound by the body limit", func(t *testing.T) {
		small := newHandler(httpapi.Options{MaxBodyBytes: 256})
		require.Greater(t, len(contractPortfolio), 256)
		readPortfolio(t, postReport(small, "portfolio", "", contractPortfolio))
		readPortfolio(t, postLoansCSV(small, "?as_of=2026-09-30", contractPortfolioCSV))
		readMonthly(t, postReport(small, "monthly-lists", "", monthlyContractRequest))
		readDemand(t, postReport(small, "demand-review", "", demandReviewRequest))
		p := readProblem(t, post(small, individualBody(t)), http.StatusRequestEntityTooLarge)
		assert.Contains(t, p.DetailEN, "256 bytes")
	})
}

// A CSV file of more than httpapi.MaxPortfolioLines loans is a 413, even
// when every line has problems.
func TestPortfolioCSVTooManyLines(t *testing.T) {
	if testing.Short() {
		t.Skip("a file of 1,000,001 lines")
	}
	h := newHandler(httpapi.Options{})
	header, _, _ := strings.Cut(contractPortfolioCSV, "\n")
	var b bytes.Buffer
	line := ",,,,,,,,,,\n" // every cell blank: problems, cut at 1,000
	b.Grow(len(header) + 1 + (httpapi.MaxPortfolioLines+1)*len(line))
	b.WriteString(header + "\n")
	for range httpapi.MaxPortfolioLines + 1 {
		b.WriteString(line)
	}
	require.Less(t, b.Len(), httpapi.DefaultMaxUploadBytes)
	p := readProblem(t, postFile(h, "/v1/reports/portfolio?as_of=2026-09-30", "text/csv", b.Bytes()), http.StatusRequestEntityTooLarge)
	assert.True(t, strings.HasSuffix(p.Type, "#too-large"), p.Type)
	assert.Contains(t, p.DetailEN, "too many lines")
	assert.Contains(t, p.DetailEN, strconv.Itoa(httpapi.MaxPortfolioLines))

	// One line fewer is read to the end: its problems, cut at 1,000.
	rec := postFile(h, "/v1/reports/portfolio?as_of=2026-09-30", "text/csv", b.Bytes()[:b.Len()-len(line)])
	got := readLocated(t, rec)
	require.Len(t, got, 1001)
	assert.Equal(t, located{Pointer: "/loans", Code: "too_many_problems"}, got[1000])
}

// The problems of a loan book are cut at 1,000, then one too_many_problems
// at /loans (docs/problems.md), for a JSON body as for a CSV file.
func TestPortfolioProblemsAreCapped(t *testing.T) {
	h := newHandler(httpapi.Options{})
	const n = 1500
	header, _, _ := strings.Cut(contractPortfolioCSV, "\n")
	var file strings.Builder
	file.WriteString(header + "\n")
	loans := make([]any, n)
	for i := range n {
		fmt.Fprintf(&file, "N%d,03424,individual,production,central,direct,2024-01-10,-1,0,0,1\n", i)
		l := rowOf(t, contractPortfolio, "/loans/0").(map[string]any)
		l["loan_id"], l["amount"] = "N"+strconv.Itoa(i), "-1"
		loans[i] = l
	}
	check := func(t *testing.T, got []at) {
		require.Len(t, got, 1001)
		for i, a := range got[:1000] {
			assert.Equal(t, at{"/loans/" + strconv.Itoa(i) + "/amount", "negative"}, a)
		}
		assert.Equal(t, at{"/loans", "too_many_problems"}, got[1000])
	}
	t.Run("csv", func(t *testing.T) {
		check(t, readProblem(t, postLoansCSV(h, "?as_of=2026-09-30", file.String()), http.StatusUnprocessableEntity).at())
	})
	t.Run("json", func(t *testing.T) {
		rec := postReport(h, "portfolio", "", portfolio(t, set("/loans", loans)))
		p := readProblem(t, rec, http.StatusUnprocessableEntity)
		if !assert.Equal(t, 1001, len(p.Errors), "the problems of a JSON loan book are cut at 1,000") {
			return
		}
		check(t, p.at())
	})
}

// ---- ?format= ----

// A format a report does not offer is a 400 naming the parameter, checked
// before the body.
func TestReportsBadFormat(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		route, body string
		formats     []string
	}{
		{"portfolio", contractPortfolio, []string{"json", "csv", "xlsx", "svg"}},
		{"monthly-lists", monthlyContractRequest, []string{"json", "csv", "xlsx"}},
		{"demand-review", demandReviewRequest, []string{"json", "csv", "xlsx", "svg"}},
		{"plan", `{"on": "2024-01-10"}`, []string{"json", "csv", "xlsx"}},
		{"compare", `{}`, []string{"json", "csv", "xlsx"}},
	} {
		for _, f := range []string{"pdf", "xlsx", "XLSX", "CSV", "svg", "html", "json,csv", " json"} {
			if slices.Contains(tc.formats, f) {
				continue
			}
			t.Run(tc.route+"/"+f, func(t *testing.T) {
				for _, body := range []string{tc.body, "not JSON"} {
					rec := postReport(h, tc.route, "?format="+url.QueryEscape(f), body)
					p := readProblem(t, rec, http.StatusBadRequest)
					assert.True(t, strings.HasSuffix(p.Type, "#invalid-parameter"), p.Type)
					require.Len(t, p.Errors, 1)
					assert.Equal(t, "format", p.Errors[0].Parameter)
					assert.Nil(t, p.Errors[0].Pointer)
					assert.Equal(t, "invalid_enum", p.Errors[0].Code)
					assert.Contains(t, p.DetailEN, strings.Join(tc.formats, ", "), "the detail names the formats offered")
				}
			})
		}
	}
	t.Run("portfolio/a CSV file", func(t *testing.T) {
		p := readProblem(t, postLoansCSV(h, "?as_of=2026-09-30&format=pdf", contractPortfolioCSV), http.StatusBadRequest)
		assert.Equal(t, "format", p.Errors[0].Parameter)
		p = readProblem(t, postLoansCSV(h, "?format=pdf", contractPortfolioCSV), http.StatusBadRequest)
		assert.Equal(t, "format", p.Errors[0].Parameter, "the format is checked before as_of")
	})
}

// ---- POST /v1/reports/monthly-lists ----

// The contract's example: 03424 on time with two rows, 03430 late, 03433
// missing.
func TestMonthlyListsContractExample(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postReport(h, "monthly-lists", "", monthlyContractRequest)
	m := readMonthly(t, rec)
	assert.Equal(t, "2026-11", m.Period)
	assert.Equal(t, "2026-11-05", m.DueOn)
	assert.Equal(t, []communeRoundOut{
		{CommuneCode: "03424", Rows: 2, Demand: "74000000", OnTime: true, PreparedOn: "2026-11-05"},
		{CommuneCode: "03430", Rows: 1, Demand: "30000000", OnTime: false, PreparedOn: "2026-11-06"},
	}, m.Communes)
	assert.Equal(t, []string{"03433"}, m.Missing)
	assert.Equal(t, []string{"03430"}, m.Late)
	assert.Equal(t, []string{}, m.Unexpected)
	assert.Equal(t, 3, m.Totals.Rows)
	assert.Equal(t, "104000000", m.Totals.Demand)
	assert.Equal(t, map[string]string{"production": "80000000", "vocational_training": "24000000"}, m.Totals.DemandByPurpose)
	assert.Equal(t, []sharedPersonOut{}, m.SharedPeople)
	jsonEqual(t, []byte(`{
	  "period": "2026-11", "due_on": "2026-11-05",
	  "communes": [
	    {"commune_code": "03424", "rows": 2, "demand": "74000000", "on_time": true, "prepared_on": "2026-11-05"},
	    {"commune_code": "03430", "rows": 1, "demand": "30000000", "on_time": false, "prepared_on": "2026-11-06"}
	  ],
	  "missing": ["03433"], "late": ["03430"], "unexpected": [],
	  "totals": {"rows": 3, "demand": "104000000",
	             "demand_by_purpose": {"production": "80000000", "vocational_training": "24000000"}},
	  "shared_people": []
	}`), rec.Body.Bytes(), "the whole answer")
	for _, s := range reportPeople {
		assert.NotContains(t, rec.Body.String(), s, "a report carries no names or ID numbers")
	}

	t.Run("lists in another order", func(t *testing.T) {
		body := monthly(t, set("/lists", []any{rowOf(t, monthlyContractRequest, "/lists/1"), rowOf(t, monthlyContractRequest, "/lists/0")}),
			set("/expected_communes", []any{"03433", "03430", "03424"}))
		jsonEqual(t, rec.Body.Bytes(), postReport(h, "monthly-lists", "", body).Body.Bytes(), "the same answer")
	})
	t.Run("a list from a commune not expected, none expected", func(t *testing.T) {
		m := readMonthly(t, postReport(h, "monthly-lists", "", monthly(t, del("/expected_communes"))))
		assert.Equal(t, []string{"03424", "03430"}, m.Unexpected)
		assert.Equal(t, []string{}, m.Missing)
		assert.Equal(t, 3, m.Totals.Rows, "unexpected lists still count")
	})
	t.Run("no lists", func(t *testing.T) {
		m := readMonthly(t, postReport(h, "monthly-lists", "", monthly(t, set("/lists", []any{}))))
		assert.Equal(t, []string{"03424", "03430", "03433"}, m.Missing)
		assert.Equal(t, []communeRoundOut{}, m.Communes)
		assert.Equal(t, "0", m.Totals.Demand)
		assert.Equal(t, map[string]string{"production": "0", "vocational_training": "0"}, m.Totals.DemandByPurpose)
	})
	t.Run("prepared before the period's month: on time", func(t *testing.T) {
		m := readMonthly(t, postReport(h, "monthly-lists", "", monthly(t, set("/lists/1/prepared_on", "2026-10-28"))))
		assert.Equal(t, []string{}, m.Late)
	})
}

// A person on the lists of two communes is reported where, never who: the
// communes and the row references, and no ID number or name anywhere in
// the answer (legal reference §8).
func TestMonthlyListsSharedPeople(t *testing.T) {
	h := newHandler(httpapi.Options{})
	body := monthly(t,
		set("/lists/1/rows/1", rowOf(t, monthlyContractRequest, "/lists/0/rows/0")),
		set("/lists/0/rows/2", rowOf(t, monthlyContractRequest, "/lists/1/rows/0")))
	rec := postReport(h, "monthly-lists", "", body)
	m := readMonthly(t, rec)
	assert.Equal(t, []sharedPersonOut{
		{Communes: []string{"03424", "03430"}, Rows: []rowRefOut{{0, 0}, {1, 1}}},
		{Communes: []string{"03424", "03430"}, Rows: []rowRefOut{{0, 2}, {1, 0}}},
	}, m.SharedPeople)
	assert.Equal(t, 5, m.Totals.Rows, "a shared person counts in each list")
	for _, s := range reportPeople {
		assert.NotContains(t, rec.Body.String(), s, "the answer names no one")
	}
	recs := readCSVFile(t, postReport(h, "monthly-lists", "?format=csv", body), "danh-sach-thang-2026-11.csv")
	for _, s := range reportPeople {
		assert.NotContains(t, fmt.Sprint(recs), s, "the CSV file names no one")
	}
}

func TestMonthlyListsCSV(t *testing.T) {
	h := newHandler(httpapi.Options{})
	recs := readCSVFile(t, postReport(h, "monthly-lists", "?format=csv", monthlyContractRequest), "danh-sach-thang-2026-11.csv")
	assert.Equal(t, [][]string{
		{"Mã xã", "Số người", "Nhu cầu vốn (đồng)", "Gửi đúng hạn", "Ngày lập"},
		{"03424", "2", "74000000", "Có", "05/11/2026"},
		{"03430", "1", "30000000", "Không", "06/11/2026"},
	}, recs)
	jsonEqual(t, postReport(h, "monthly-lists", "", monthlyContractRequest).Body.Bytes(),
		postReport(h, "monthly-lists", "?format=json", monthlyContractRequest).Body.Bytes(), "format=json is the default")
}

func TestMonthlyListsInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"an invalid list", []edit{set("/lists/1/rows/0/id_number", "01208300000X")},
			[]at{{"/lists/1/rows/0/id_number", "invalid_id_number"}}},
		{"an ID number that disagrees with the sex", []edit{set("/lists/1/rows/0/sex", "female")},
			[]at{{"/lists/1/rows/0/id_number", "id_sex_mismatch"}}},
		{"a list of another month", []edit{set("/lists/1/period", "2026-10"), set("/lists/1/prepared_on", "2026-10-05")},
			[]at{{"/lists/1/period", "wrong_period"}}},
		{"a list of the same month of another year", []edit{set("/lists/0/period", "2025-11")},
			[]at{{"/lists/0/period", "wrong_period"}}},
		{"a list of a period that is not a month", []edit{set("/lists/0/period", "2026-13")},
			[]at{{"/lists/0/period", "invalid_period"}}},
		{"two lists of one commune", []edit{set("/lists/1/commune_code", "03424")},
			[]at{{"/lists/1/commune_code", "duplicate_commune"}}},
		{"a commune expected twice", []edit{set("/expected_communes/3", "03424")},
			[]at{{"/expected_communes/3", "duplicate_commune"}}},
		{"expected communes of the wrong type", []edit{set("/expected_communes/1", json.Number("3202")), set("/expected_communes/2", "")},
			[]at{{"/expected_communes/1", "invalid_type"}, {"/expected_communes/2", "required"}}},
		{"period missing", []edit{del("/period")}, []at{{"/period", "required"}}},
		{"period not a month", []edit{set("/period", "2026-13")}, []at{{"/period", "invalid_period"}}},
		{"period not a string", []edit{set("/period", json.Number("202611"))}, []at{{"/period", "invalid_type"}}},
		{"a list that is not an object", []edit{set("/lists/0", "03424")}, []at{{"/lists/0", "invalid_type"}}},
		{"rows not a list", []edit{set("/lists/0/rows", "x")}, []at{{"/lists/0/rows", "invalid_type"}}},
		{"all at once", []edit{
			set("/lists/1/rows/0/id_number", "01208300000X"), set("/lists/0/period", "2026-10"), set("/lists/0/prepared_on", "2026-10-05"),
			set("/expected_communes/3", "03433"), set("/lists/2", rowOf(t, monthlyContractRequest, "/lists/1")),
		}, []at{
			{"/expected_communes/3", "duplicate_commune"},
			{"/lists/0/period", "wrong_period"},
			{"/lists/1/rows/0/id_number", "invalid_id_number"},
			{"/lists/2/commune_code", "duplicate_commune"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postReport(h, "monthly-lists", "", monthly(t, tc.edits...))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at())
			for _, s := range reportPeople {
				assert.NotContains(t, rec.Body.String(), s, "problems quote no value")
			}
		})
	}
	t.Run("unknown fields", func(t *testing.T) {
		p := readProblem(t, postReport(h, "monthly-lists", "", monthly(t, set("/lists/0/rows/0/nickname", "x"), set("/due_on", "2026-11-05"))),
			http.StatusBadRequest)
		assert.Equal(t, []at{{"/due_on", "unknown_field"}, {"/lists/0/rows/0/nickname", "unknown_field"}}, p.at())
	})
}

// ---- POST /v1/reports/demand-review ----

// Each person counts once, with the row of the latest list; the shortfall
// is max(0, demand − capital).
func TestDemandReview(t *testing.T) {
	h := newHandler(httpapi.Options{})
	rec := postReport(h, "demand-review", "", demandReviewRequest)
	d := readDemand(t, rec)
	jsonEqual(t, []byte(demandReviewReport), rec.Body.Bytes(), "the whole answer")
	assert.Equal(t, 3, d.People, "three people on five rows")
	for _, s := range reportPeople {
		assert.NotContains(t, rec.Body.String(), s, "a report carries no names or ID numbers")
	}

	for _, tc := range []struct {
		name                               string
		edits                              []edit
		capital, shortfall, coverage, dmnd string
	}{
		{"capital above demand: no shortfall", []edit{set("/capital", map[string]any{"central": "100000000", "local": "10000000", "other": "1"})},
			"110000001", "0", "100.00", "110000000"},
		{"capital equal to demand", []edit{set("/capital", map[string]any{"other": json.Number("110000000")})}, "110000000", "0", "100.00", "110000000"},
		{"no capital", []edit{del("/capital")}, "0", "110000000", "0.00", "110000000"},
		{"null capital", []edit{set("/capital", nil)}, "0", "110000000", "0.00", "110000000"},
		{"no lists", []edit{set("/lists", []any{})}, "70000000", "0", "0", "0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readDemand(t, postReport(h, "demand-review", "", demand(t, tc.edits...)))
			assert.Equal(t, tc.capital, d.Capital)
			assert.Equal(t, tc.shortfall, d.Shortfall)
			assert.Equal(t, tc.coverage, d.CoveragePct)
			assert.Equal(t, tc.dmnd, d.Demand)
		})
	}
	t.Run("the latest period wins whatever the order of the lists", func(t *testing.T) {
		lists := []any{rowOf(t, demandReviewRequest, "/lists/2"), rowOf(t, demandReviewRequest, "/lists/0"), rowOf(t, demandReviewRequest, "/lists/1")}
		jsonEqual(t, []byte(demandReviewReport), postReport(h, "demand-review", "", demand(t, set("/lists", lists))).Body.Bytes(), "same answer")
	})
	t.Run("the same period: the list prepared last", func(t *testing.T) {
		// Person 000002 on the 2026-08 lists of 03430 (prepared 08-04) and of
		// 03424 (prepared 08-05): the 03424 row counts.
		d := readDemand(t, postReport(h, "demand-review", "", demand(t, set("/lists/1/period", "2026-08"), set("/lists/1/prepared_on", "2026-08-05"))))
		assert.Equal(t, 3, d.People)
		assert.Equal(t, "03424", d.ByCommune[0].CommuneCode)
		assert.Equal(t, 2, d.ByCommune[0].People, "000001 (2026-11) and 000002 (2026-08, prepared last)")
		assert.Equal(t, "84000000", d.ByCommune[0].Demand)
	})
}

func TestDemandReviewFormats(t *testing.T) {
	h := newHandler(httpapi.Options{})
	recs := readCSVFile(t, postReport(h, "demand-review", "?format=csv", demandReviewRequest), "ra-soat-nhu-cau-2026.csv")
	assert.Equal(t, [][]string{
		{"Mã xã", "Số người", "Nhu cầu vốn (đồng)", "Sản xuất, kinh doanh (đồng)", "Học nghề (đồng)"},
		{"03424", "1", "60000000", "60000000", "0"},
		{"03430", "2", "50000000", "30000000", "20000000"},
	}, recs)
	text := readSVGFile(t, postReport(h, "demand-review", "?format=svg", demandReviewRequest), "ra-soat-nhu-cau-2026.svg")
	for _, s := range []string{"03424", "03430", "60.000.000", "50.000.000", "2026"} {
		assert.Contains(t, text, s)
	}
	for _, s := range reportPeople {
		assert.NotContains(t, text, s)
		assert.NotContains(t, fmt.Sprint(recs), s)
	}
	readSVGFile(t, postReport(h, "demand-review", "?format=svg", demand(t, set("/lists", []any{}))), "ra-soat-nhu-cau-2026.svg")
}

func TestDemandReviewInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	tests := []struct {
		name  string
		edits []edit
		want  []at
	}{
		{"a list of another year", []edit{set("/lists/2/period", "2025-08"), set("/lists/2/prepared_on", "2025-08-04")},
			[]at{{"/lists/2/period", "wrong_year"}}},
		{"negative capital", []edit{set("/capital/central", "-50000000")}, []at{{"/capital/central", "negative"}}},
		{"negative capital as an integer", []edit{set("/capital/local", json.Number("-1"))}, []at{{"/capital/local", "negative"}}},
		{"capital: a fraction, too large", []edit{set("/capital/other", "1.5"), set("/capital/central", "1000000000000001")},
			[]at{{"/capital/central", "out_of_range"}, {"/capital/other", "not_integer"}}},
		{"capital not an object", []edit{set("/capital", "70000000")}, []at{{"/capital", "invalid_type"}}},
		{"a year out of range", []edit{set("/year", json.Number("1999"))}, []at{{"/year", "out_of_range"}}},
		{"a year far out of range", []edit{set("/year", json.Number("2000000"))}, []at{{"/year", "out_of_range"}}},
		{"a year as a string", []edit{set("/year", "2026")}, []at{{"/year", "not_integer"}}},
		{"a year with a fraction", []edit{set("/year", json.Number("2026.5"))}, []at{{"/year", "not_integer"}}},
		{"an invalid list", []edit{set("/lists/0/rows/0/amount", "100000001")}, []at{{"/lists/0/rows/0/amount", "above_cap"}}},
		{"all at once", []edit{set("/lists/2/period", "2025-08"), set("/lists/2/prepared_on", "2025-08-04"), set("/capital/central", "-1"),
			set("/lists/0/rows/0/sex", "male")},
			[]at{{"/capital/central", "negative"}, {"/lists/0/rows/0/id_number", "id_sex_mismatch"}, {"/lists/2/period", "wrong_year"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rec := postReport(h, "demand-review", "", demand(t, tc.edits...))
			p := readProblem(t, rec, http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at())
			for _, s := range reportPeople {
				assert.NotContains(t, rec.Body.String(), s, "problems quote no value")
			}
		})
	}
}

// A year that is missing is "required", as every missing value that must
// be given (docs/problems.md).
func TestDemandReviewYearRequired(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, body := range []string{demand(t, del("/year")), demand(t, set("/year", nil))} {
		p := readProblem(t, postReport(h, "demand-review", "", body), http.StatusUnprocessableEntity)
		assert.Equal(t, []at{{"/year", "required"}}, p.at(), "a missing year is required, not out of range")
	}
}

// ---- POST /v1/reports/plan ----

// The first task of the plan, the departments' plans "trước ngày
// 20/10/2023" (before the 20th), is due on 2023-10-19: due that day,
// overdue on the 20th; sent on the 19th it is on time, on the 20th late.
func TestPlanDueAndOverdue(t *testing.T) {
	h := newHandler(httpapi.Options{})
	p := readPlan(t, postReport(h, "plan", "", `{"on": "2023-10-19"}`))
	assert.Equal(t, "2023-10-19", p.On)
	it := p.item(t, "department_plans", "2023-10-19")
	assert.Equal(t, "due", it.Status)
	assert.Zero(t, it.DaysLate)
	assert.Nil(t, it.DoneOn)
	assert.Equal(t, "once", it.Recurring)
	assert.Equal(t, "KH Lai Châu", it.Citation.Instrument)
	assert.Equal(t, statusCountsOut{Due: 10}, p.Counts, "every task shows its next deadline")

	p = readPlan(t, postReport(h, "plan", "", `{"on": "2023-10-20"}`))
	it = p.item(t, "department_plans", "2023-10-19")
	assert.Equal(t, "overdue", it.Status)
	assert.Equal(t, 1, it.DaysLate)
	assert.Equal(t, statusCountsOut{Due: 9, Overdue: 1}, p.Counts)

	for _, tc := range []struct {
		doneOn   string
		late     bool
		daysLate int
	}{
		{"2023-10-19", false, 0},
		{"2023-10-20", true, 1},
	} {
		t.Run("department plans sent on "+tc.doneOn, func(t *testing.T) {
			p := readPlan(t, postReport(h, "plan", "", `{"on": "2023-10-31", "completions": [{"task_id": "department_plans", "done_on": "`+tc.doneOn+`"}]}`))
			it := p.item(t, "department_plans", "2023-10-19")
			assert.Equal(t, "done", it.Status)
			assert.Equal(t, tc.late, it.Late)
			assert.Equal(t, tc.daysLate, it.DaysLate)
		})
	}

	t.Run("monthly list: the 5th of every month", func(t *testing.T) {
		p := readPlan(t, postReport(h, "plan", "", `{"on": "2024-01-10"}`))
		var dues []string
		for _, it := range p.Items {
			if it.TaskID == "monthly_list" {
				dues = append(dues, it.DueOn+" "+it.Status)
				assert.Equal(t, "monthly", it.Recurring)
			}
		}
		assert.Equal(t, []string{"2023-11-05 overdue", "2023-12-05 overdue", "2024-01-05 overdue", "2024-02-05 due"}, dues)
	})
}

func TestPlanCompletions(t *testing.T) {
	h := newHandler(httpapi.Options{})
	body := `{"on": "2023-12-01", "completions": [
	  {"task_id": "department_plans", "done_on": "2023-10-25"},
	  {"task_id": "monthly_list", "occurrence": "2023-11-05", "done_on": "2023-11-05"},
	  {"task_id": "training", "occurrence": "2023-10-31", "done_on": "2023-12-02"},
	  {"task_id": "monthly_list", "occurrence": "2024-03-05", "done_on": "2023-11-30"}
	]}`
	p := readPlan(t, postReport(h, "plan", "", body))
	late := p.item(t, "department_plans", "2023-10-19")
	assert.Equal(t, "done", late.Status)
	require.NotNil(t, late.DoneOn)
	assert.Equal(t, "2023-10-25", *late.DoneOn)
	assert.True(t, late.Late)
	assert.Equal(t, 6, late.DaysLate)

	onTime := p.item(t, "monthly_list", "2023-11-05")
	assert.Equal(t, "done", onTime.Status)
	assert.False(t, onTime.Late)
	assert.Zero(t, onTime.DaysLate)

	after := p.item(t, "training", "2023-10-31")
	assert.Equal(t, "overdue", after.Status, "done after the report's day: not counted")
	assert.Equal(t, 31, after.DaysLate)

	ahead := p.item(t, "monthly_list", "2024-03-05")
	assert.Equal(t, "done", ahead.Status, "an occurrence done ahead of time is listed")
	assert.Equal(t, "due", p.item(t, "monthly_list", "2023-12-05").Status)
	assert.Equal(t, statusCountsOut{Done: 3, DoneLate: 1, Due: 7, Overdue: 2}, p.Counts)
}

// What the plan does not give is marked as the project's assumption in
// every item of the task: a date, a recurrence, who holds a task since the
// districts went, a reconstructed section number.
func TestPlanAssumptions(t *testing.T) {
	h := newHandler(httpapi.Options{})
	p := readPlan(t, postReport(h, "plan", "", `{"on": "2026-01-10"}`))
	for _, tc := range []struct {
		task, due string
		parts     []string
	}{
		{"coordination", "2023-11-30", []string{}},
		{"monthly_list", "2023-11-05", []string{"due"}},
		{"monthly_list", "2026-02-05", []string{"due"}},
		{"propaganda", "2025-12-31", []string{"due", "recurring"}},
		{"capital_proposal", "2025-10-31", []string{"due", "section"}},
		{"local_budget_capital", "2025-12-31", []string{"due", "agency"}},
		{"department_plans", "2023-10-19", []string{"section"}},
	} {
		it := p.item(t, tc.task, tc.due)
		assert.Equal(t, tc.parts, it.parts(), "%s %s", tc.task, tc.due)
	}
	assert.Equal(t, "Not named by the plan", p.item(t, "propaganda", "2025-12-31").AgencyEN, "section II.1 names no agency")
	lb := p.item(t, "local_budget_capital", "2025-12-31")
	assert.Equal(t, "yearly", lb.Recurring)
	assert.Contains(t, lb.Citation.TextEN, "section III.7")
	assert.Contains(t, (*lb.Assumptions)[1].TextEN, "no districts")
}

func TestPlanInvalid(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		name, body string
		want       []at
	}{
		{"an unknown task", `{"on": "2023-12-01", "completions": [{"task_id": "no_such_task", "occurrence": "2023-11-05", "done_on": "2023-11-05"}]}`,
			[]at{{"/completions/0/task_id", "unknown_task"}}},
		{"on missing", `{}`, []at{{"/on", "required"}}},
		{"on null", `{"on": null}`, []at{{"/on", "required"}}},
		{"on not a date", `{"on": "2023-02-29"}`, []at{{"/on", "invalid_date"}}},
		{"on before the policy", `{"on": "2023-10-09"}`, []at{{"/on", "out_of_range"}}},
		{"on after 2099", `{"on": "2100-01-01"}`, []at{{"/on", "out_of_range"}}},
		{"on far in the future", `{"on": "9999-12-31"}`, []at{{"/on", "out_of_range"}}},
		{"every completion problem", `{"on": "2023-12-01", "completions": [
			{"task_id": "monthly_list", "done_on": "2023-11-05"},
			{"task_id": "monthly_list", "occurrence": "2023-11-06", "done_on": "2023-11-05"},
			{"task_id": "department_plans", "done_on": "2023-10-05"},
			{"task_id": "department_plans", "occurrence": "2023-10-19", "done_on": "2023-10-06"},
			{"task_id": "training"},
			{"task_id": "", "done_on": "2023-10-05"},
			{"done_on": "2023-10-05"}]}`,
			[]at{{"/completions/0/occurrence", "required"}, {"/completions/1/occurrence", "not_an_occurrence"},
				{"/completions/3/occurrence", "duplicate_completion"}, {"/completions/4/done_on", "required"},
				{"/completions/5/task_id", "required"}, {"/completions/6/task_id", "required"}}},
		{"wrong JSON types", `{"on": "2023-12-01", "completions": [5, {"task_id": 1, "occurrence": 20231105, "done_on": true}]}`,
			[]at{{"/completions/0", "invalid_type"}, {"/completions/1/task_id", "invalid_type"},
				{"/completions/1/occurrence", "invalid_type"}, {"/completions/1/done_on", "invalid_type"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postReport(h, "plan", "", tc.body), http.StatusUnprocessableEntity)
			assert.Equal(t, tc.want, p.at())
		})
	}
	t.Run("the ends of the range", func(t *testing.T) {
		readPlan(t, postReport(h, "plan", "", `{"on": "2023-10-10"}`))
		p := readPlan(t, postReport(h, "plan", "", `{"on": "2099-12-31"}`))
		assert.Equal(t, 0, p.Counts.Done)
	})
	t.Run("an unknown field", func(t *testing.T) {
		p := readProblem(t, postReport(h, "plan", "", `{"on": "2023-12-01", "tasks": []}`), http.StatusBadRequest)
		assert.Equal(t, []at{{"/tasks", "unknown_field"}}, p.at())
	})
}

// Every problem is listed at once (api-v1 Conventions): a value the
// reader cannot read does not hide the problems of the others.
func TestPlanListsEveryProblem(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, tc := range []struct {
		name, body string
		want       []at
	}{
		{"a malformed date beside an unknown task",
			`{"on": "2023-12-01", "completions": [{"task_id": "no_such_task", "occurrence": "2023-13-01", "done_on": "2023-11-01"}, {"task_id": "nope", "done_on": "2023-11-01"}]}`,
			[]at{{"/completions/0/occurrence", "invalid_date"}, {"/completions/0/task_id", "unknown_task"}, {"/completions/1/task_id", "unknown_task"}}},
		{"on out of range beside an unknown task",
			`{"on": "2023-10-09", "completions": [{"task_id": "nope", "done_on": "2023-10-01"}]}`,
			[]at{{"/on", "out_of_range"}, {"/completions/0/task_id", "unknown_task"}}},
		{"a completion of the wrong type beside a missing done_on",
			`{"on": "2023-12-01", "completions": [5, {"task_id": "training"}]}`,
			[]at{{"/completions/0", "invalid_type"}, {"/completions/1/done_on", "required"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := readProblem(t, postReport(h, "plan", "", tc.body), http.StatusUnprocessableEntity)
			assert.ElementsMatch(t, tc.want, p.at(), "a malformed value hides no other problem")
		})
	}
}

func TestPlanCSV(t *testing.T) {
	h := newHandler(httpapi.Options{})
	body := `{"on": "2023-10-21", "completions": [{"task_id": "training", "done_on": "2023-10-21"}]}`
	p := readPlan(t, postReport(h, "plan", "", body))
	recs := readCSVFile(t, postReport(h, "plan", "?format=csv", body), "ke-hoach-2023-10-21.csv")
	assert.Equal(t, []string{"Hạn", "Mã nhiệm vụ", "Nhiệm vụ", "Cơ quan thực hiện", "Trạng thái", "Ngày hoàn thành", "Số ngày trễ", "Căn cứ", "Giả định (Kế hoạch không ghi)"}, recs[0])
	require.Len(t, recs, len(p.Items)+1, "one row per item")
	for i, it := range p.Items {
		assert.Equal(t, it.TaskID, recs[i+1][1])
		assert.Equal(t, it.Title, recs[i+1][2])
	}
	assert.Equal(t, []string{"19/10/2023", "department_plans"}, recs[1][:2])
	assert.Equal(t, "Quá hạn", recs[1][4])
	assert.Equal(t, "2", recs[1][6])
	assert.Equal(t, []string{"31/10/2023", "training", "Đã hoàn thành", "21/10/2023", ""},
		[]string{recs[2][0], recs[2][1], recs[2][4], recs[2][5], recs[2][6]})
	assert.Equal(t, "Đến hạn", recs[3][4])
}

// ---- every report ----

// Only POST is served on the report routes without a store (GET answers
// from the store: 404 without one, as every route of the store).
func TestReportEndpointsArePostOnly(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, route := range []string{"portfolio", "monthly-lists", "demand-review", "plan"} {
		readProblem(t, do(h, http.MethodGet, "/v1/reports/"+route, ""), http.StatusNotFound)
		for _, m := range []string{http.MethodPut, http.MethodDelete} {
			rec := do(h, m, "/v1/reports/"+route, "")
			readProblem(t, rec, http.StatusMethodNotAllowed)
			assert.Equal(t, "POST", rec.Header().Get("Allow"), route)
		}
	}
	readProblem(t, do(h, http.MethodPost, "/v1/reports/loans", contractPortfolio), http.StatusNotFound)
}

// Bodies that are not JSON objects of the expected shape are a 400, as on
// every route.
func TestReportsBadJSON(t *testing.T) {
	h := newHandler(httpapi.Options{})
	for _, route := range []string{"portfolio", "monthly-lists", "demand-review", "plan"} {
		for _, tc := range []struct{ body, code string }{
			{"", "empty_body"}, {"{", "invalid_json"}, {`{"x": 1}`, "unknown_field"}, {`{} {}`, "trailing_data"},
			{"loan_id,commune_code\nL1,03424\n", "invalid_json"},
		} {
			t.Run(route+"/"+tc.code, func(t *testing.T) {
				p := readProblem(t, postReport(h, route, "", tc.body), http.StatusBadRequest)
				assert.True(t, strings.HasSuffix(p.Type, "#invalid-json"), p.Type)
				assert.Equal(t, tc.code, p.Errors[0].Code)
			})
		}
	}
}

// Names, ID numbers and the other values of the lists and loans never reach
// the log, whatever the route, the format or the status.
func TestReportsLogsHoldNoPersonalData(t *testing.T) {
	var buf bytes.Buffer
	h := newHandler(httpapi.Options{Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	shared := monthly(t, set("/lists/1/rows/1", rowOf(t, monthlyContractRequest, "/lists/0/rows/0")))
	withContractPerson := monthly(t, set("/lists/0/rows/2", obj(t, contractRow01)))
	requests := []struct {
		route, query, ct, body string
		status                 int
	}{
		{"monthly-lists", "", "application/json", monthlyContractRequest, http.StatusOK},
		{"monthly-lists", "?format=csv", "application/json", monthlyContractRequest, http.StatusOK},
		{"monthly-lists", "", "application/json", shared, http.StatusOK},
		{"monthly-lists", "", "application/json", withContractPerson, http.StatusOK},
		{"monthly-lists", "", "application/json", monthly(t, set("/lists/1/rows/0/id_number", "01208300000X")), http.StatusUnprocessableEntity},
		{"monthly-lists", "", "application/json", monthly(t, set("/lists/0/rows/0/"+exampleID, exampleName)), http.StatusBadRequest},
		{"monthly-lists", "?format=" + url.QueryEscape(exampleName), "application/json", monthlyContractRequest, http.StatusBadRequest},
		{"demand-review", "", "application/json", demandReviewRequest, http.StatusOK},
		{"demand-review", "?format=csv", "application/json", demandReviewRequest, http.StatusOK},
		{"demand-review", "?format=svg", "application/json", demandReviewRequest, http.StatusOK},
		{"demand-review", "", "application/json", demand(t, set("/lists/0/rows/0/sex", "male")), http.StatusUnprocessableEntity},
		{"demand-review", "", "application/json", demandReviewRequest + " " + exampleName, http.StatusBadRequest},
		{"portfolio", "", "application/json", portfolio(t, set("/loans/0/loan_id", exampleID), set("/loans/0/commune_code", "Hùng")), http.StatusOK},
		{"portfolio", "?as_of=2026-09-30", "text/csv", strings.Replace(contractPortfolioCSV, "L1,", exampleID+",", 1), http.StatusOK},
		{"portfolio", "?as_of=2026-09-30", "text/csv", strings.Replace(contractPortfolioCSV, "L2,", exampleID+",", 1) + exampleName + ",x\n", http.StatusUnprocessableEntity},
		{"portfolio", "?as_of=" + exampleID, "text/csv", contractPortfolioCSV, http.StatusUnprocessableEntity},
		{"portfolio", "?format=svg", "application/json", portfolio(t, set("/loans/0/commune_code", "Lò")), http.StatusOK},
		{"plan", "", "application/json", `{"on": "2024-01-10", "completions": [{"task_id": "` + exampleName + `", "done_on": "2024-01-01"}]}`, http.StatusUnprocessableEntity},
		{"plan", "?format=csv", "application/json", `{"on": "2024-01-10"}`, http.StatusOK},
	}
	for _, r := range requests {
		req := httptest.NewRequest(http.MethodPost, "/v1/reports/"+r.route+r.query, strings.NewReader(r.body))
		req.Header.Set("Content-Type", r.ct)
		req.Header.Set("X-Request-Id", exampleID)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		require.Equal(t, r.status, rec.Code, "%s%s: %.500s", r.route, r.query, rec.Body)
	}

	log := buf.String()
	require.NotEmpty(t, log)
	secrets := append(slices.Clone(reportPeople), exampleName, exampleID, "Lò", "Hùng", "012088", "Bản Thử", "01/GCN",
		"2024-03-15", "01208300000X", "Trưởng Công an", "Chủ tịch")
	for _, s := range secrets {
		assert.NotContains(t, log, s)
		esc, _ := json.Marshal(s)
		assert.NotContains(t, log, strings.Trim(string(esc), `"`))
		assert.NotContains(t, log, url.QueryEscape(s))
	}
	lines := strings.Split(strings.TrimSpace(log), "\n")
	require.Len(t, lines, len(requests), "one line per request")
	for i, line := range lines {
		var entry map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &entry), line)
		assert.Equal(t, "/v1/reports/"+requests[i].route, entry["route"], "the route pattern, not the path or query")
		assert.Equal(t, strconv.Itoa(requests[i].status), jsonNumber(entry["status"]), line)
	}
}
