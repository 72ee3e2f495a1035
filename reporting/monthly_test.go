package reporting_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/reporting"
)

// Fixtures shared by monthly_test.go and demand_test.go. Their names start
// with lst so that they cannot clash with the helpers of the package's
// other test files. Every person is synthetic.

func lstDate(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

func lstPeriod(y int, m time.Month) forms.Period { return forms.Period{Year: y, Month: m} }

// lstPersonOf returns synthetic person n (1..999 999): a name, a date of
// birth, a sex and a 12-digit ID number that agrees with them: 012 (Lai
// Châu), the sex-and-century digit (0 male 1900s, 1 female 1900s, 2 male
// 2000s), the two-digit year of birth and a six-digit serial made from n.
func lstPersonOf(n int) (name string, dob credit.Date, sex forms.Sex, id string) {
	var digit, year int
	switch n % 3 {
	case 0:
		digit, year, sex = 0, 1980+n%20, forms.Male
	case 1:
		digit, year, sex = 1, 1970+n%30, forms.Female
	default:
		digit, year, sex = 2, 2001+n%5, forms.Male
	}
	return fmt.Sprintf("Người Thử %06d", n), lstDate(year, time.March, 2), sex,
		fmt.Sprintf("012%d%02d%06d", digit, year%100, n)
}

// lstID is the ID number of synthetic person n.
func lstID(n int) string { _, _, _, id := lstPersonOf(n); return id }

// lstRow is a valid row for synthetic person n asking amount for purpose:
// a completion certificate of 2024-03-15 (the window runs to 2029-03-15),
// and for vocational training a 6-month course (cap 24,000,000).
func lstRow(n int, purpose credit.Purpose, amount credit.VND) forms.Row01 {
	name, dob, sex, id := lstPersonOf(n)
	r := forms.Row01{
		FullName:        name,
		DateOfBirth:     dob,
		Sex:             sex,
		IDNumber:        id,
		Residence:       "Bản Thử",
		ReleaseBasis:    eligibility.Completion,
		CertificateNo:   "01/GCN",
		CertificateDate: lstDate(2024, time.March, 15),
		CompletedOn:     lstDate(2024, time.March, 15),
		Purpose:         purpose,
		Amount:          amount,
	}
	if purpose == credit.VocationalTraining {
		r.CourseMonths = 6
	}
	return r
}

func lstProd(n int, amount credit.VND) forms.Row01 { return lstRow(n, credit.Production, amount) }
func lstTrain(n int, amount credit.VND) forms.Row01 {
	return lstRow(n, credit.VocationalTraining, amount)
}

// lstList is a valid list of commune (a code of Lai Châu) for period,
// prepared on prepared.
func lstList(commune string, period forms.Period, prepared credit.Date, rows ...forms.Row01) forms.List01 {
	m, _ := places.Default().Commune(commune)
	return forms.List01{
		Province:    "Lai Châu",
		CommuneCode: commune,
		CommuneName: m.Name,
		Period:      period,
		PreparedOn:  prepared,
		PreparedBy:  "Trưởng Công an xã",
		CertifiedBy: "Chủ tịch UBND xã",
		Rows:        rows,
	}
}

var lstNov = lstPeriod(2026, time.November)

// lstContractLists are lists consistent with the example of POST
// /v1/reports/monthly-lists (api-v1.md): 03424 sends 2 rows asking
// 50,000,000 (production) + 24,000,000 (training) = 74,000,000 on the 5th;
// 03430 sends 1 row asking 30,000,000 (production), prepared on the 6th.
func lstContractLists() []forms.List01 {
	return []forms.List01{
		lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(1, 50_000_000), lstTrain(2, 24_000_000)),
		lstList("03430", lstNov, lstDate(2026, 11, 6), lstProd(3, 30_000_000)),
	}
}

var lstContractExpected = []string{"03424", "03430", "03433"}

// lstByPurpose is the by-purpose demand: production, vocational training.
func lstByPurpose(production, training credit.VND) []reporting.PurposeDemand {
	return []reporting.PurposeDemand{
		{Purpose: credit.Production, Demand: production},
		{Purpose: credit.VocationalTraining, Demand: training},
	}
}

// lstProblem is a problem as a test names it.
type lstProblem struct{ Pointer, Code string }

// lstCheck compares the (pointer, code) pairs of err, which must be a
// credit.Problems of ErrInvalid problems whose messages quote no ID number
// or name of the fixtures, with want, as multisets.
func lstCheck(t *testing.T, err error, want ...lstProblem) {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	got := make([]lstProblem, 0, len(ps))
	for _, e := range ps {
		got = append(got, lstProblem{e.Pointer, e.Code})
		if !errors.Is(e, credit.ErrInvalid) {
			t.Errorf("%s %s: not an ErrInvalid", e.Pointer, e.Code)
		}
		if e.Message.VI == "" || e.Message.EN == "" {
			t.Errorf("%s %s: message missing in one language", e.Pointer, e.Code)
		}
		if strings.Contains(e.Error(), "012") || strings.Contains(e.Error(), "Người Thử") {
			t.Errorf("%s %s: the message quotes a value: %s", e.Pointer, e.Code, e.Error())
		}
	}
	cmp := func(a, b lstProblem) int {
		if c := strings.Compare(a.Pointer, b.Pointer); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	}
	want = slices.Clone(want)
	slices.SortFunc(got, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n got  %v\n want %v", got, want)
	}
}

// lstNoPersonalData fails if the JSON of v names any of the people of
// lists (ID number or name): reports built from Mẫu số 01 carry neither
// (legal reference §8).
func lstNoPersonalData(t *testing.T, v any, lists []forms.List01) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lists {
		for _, r := range l.Rows {
			if bytes.Contains(b, []byte(r.IDNumber)) || bytes.Contains(b, []byte(r.FullName)) {
				t.Errorf("the result names a person of the lists:\n%s", b)
				return
			}
		}
	}
}

func TestMonthlyRound(t *testing.T) {
	dec := lstPeriod(2026, time.December)
	jan := lstPeriod(2027, time.January)
	feb := lstPeriod(2028, time.February) // 2028 is a leap year
	tests := []struct {
		name     string
		period   forms.Period
		expected []string
		lists    []forms.List01
		want     reporting.Monthly
	}{
		{
			// The example of api-v1.md: 74,000,000 + 30,000,000 = 104,000,000;
			// production 50,000,000 + 30,000,000 = 80,000,000; training
			// 24,000,000.
			name: "contract example", period: lstNov, expected: lstContractExpected,
			lists: lstContractLists(),
			want: reporting.Monthly{
				Period: lstNov, DueOn: lstDate(2026, 11, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 2, Demand: 74_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 5)},
					{CommuneCode: "03430", Rows: 1, Demand: 30_000_000, OnTime: false, PreparedOn: lstDate(2026, 11, 6)},
				},
				Missing: []string{"03433"}, Late: []string{"03430"}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 3, Demand: 104_000_000,
					DemandByPurpose: lstByPurpose(80_000_000, 24_000_000)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			name: "no lists: every expected commune missing, totals zero", period: lstNov,
			expected: []string{"03433", "03424"},
			want: reporting.Monthly{
				Period: lstNov, DueOn: lstDate(2026, 11, 5), Communes: []reporting.CommuneRound{},
				Missing: []string{"03424", "03433"}, Late: []string{}, Unexpected: []string{},
				Totals:       reporting.MonthlyTotals{DemandByPurpose: lstByPurpose(0, 0)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// Lists given out of order, one from a commune not expected: it
			// counts in the totals and is flagged. Only training asked:
			// production is "0", not left out.
			name: "unexpected commune, sorted output", period: lstNov, expected: []string{"03430"},
			lists: []forms.List01{
				lstList("03439", lstNov, lstDate(2026, 11, 1), lstTrain(4, 10_000_000)),
				lstList("03430", lstNov, lstDate(2026, 11, 2), lstTrain(5, 12_000_000), lstTrain(6, 1)),
			},
			want: reporting.Monthly{
				Period: lstNov, DueOn: lstDate(2026, 11, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03430", Rows: 2, Demand: 12_000_001, OnTime: true, PreparedOn: lstDate(2026, 11, 2)},
					{CommuneCode: "03439", Rows: 1, Demand: 10_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 1)},
				},
				Missing: []string{}, Late: []string{}, Unexpected: []string{"03439"},
				Totals: reporting.MonthlyTotals{Rows: 3, Demand: 22_000_001,
					DemandByPurpose: lstByPurpose(0, 22_000_001)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// The 5th is on time, the 6th late; a list prepared in the month
			// before is on time.
			name: "5th on time, 6th late, before the month on time", period: lstNov,
			expected: []string{"03424", "03430", "03433"},
			lists: []forms.List01{
				lstList("03433", lstNov, lstDate(2026, 11, 6), lstProd(7, 1_000_000)),
				lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(8, 2_000_000)),
				lstList("03430", lstNov, lstDate(2026, 10, 31), lstProd(9, 3_000_000)),
			},
			want: reporting.Monthly{
				Period: lstNov, DueOn: lstDate(2026, 11, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 1, Demand: 2_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 5)},
					{CommuneCode: "03430", Rows: 1, Demand: 3_000_000, OnTime: true, PreparedOn: lstDate(2026, 10, 31)},
					{CommuneCode: "03433", Rows: 1, Demand: 1_000_000, OnTime: false, PreparedOn: lstDate(2026, 11, 6)},
				},
				Missing: []string{}, Late: []string{"03433"}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 3, Demand: 6_000_000,
					DemandByPurpose: lstByPurpose(6_000_000, 0)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// December's lists are due on 5 December: one prepared on
			// 3 January of the next year is late.
			name: "December: due 5 December, January of the next year late", period: dec,
			expected: []string{"03424", "03430"},
			lists: []forms.List01{
				lstList("03424", dec, lstDate(2026, 12, 5), lstProd(10, 5_000_000)),
				lstList("03430", dec, lstDate(2027, 1, 3), lstProd(11, 7_000_000)),
			},
			want: reporting.Monthly{
				Period: dec, DueOn: lstDate(2026, 12, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 1, Demand: 5_000_000, OnTime: true, PreparedOn: lstDate(2026, 12, 5)},
					{CommuneCode: "03430", Rows: 1, Demand: 7_000_000, OnTime: false, PreparedOn: lstDate(2027, 1, 3)},
				},
				Missing: []string{}, Late: []string{"03430"}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 2, Demand: 12_000_000,
					DemandByPurpose: lstByPurpose(12_000_000, 0)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// January's lists are due on 5 January, even when prepared in
			// December of the year before.
			name: "January: due 5 January, December before on time", period: jan,
			expected: []string{"03424", "03430"},
			lists: []forms.List01{
				lstList("03424", jan, lstDate(2026, 12, 30), lstProd(10, 5_000_000)),
				lstList("03430", jan, lstDate(2027, 1, 6), lstTrain(11, 24_000_000)),
			},
			want: reporting.Monthly{
				Period: jan, DueOn: lstDate(2027, 1, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 1, Demand: 5_000_000, OnTime: true, PreparedOn: lstDate(2026, 12, 30)},
					{CommuneCode: "03430", Rows: 1, Demand: 24_000_000, OnTime: false, PreparedOn: lstDate(2027, 1, 6)},
				},
				Missing: []string{}, Late: []string{"03430"}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 2, Demand: 29_000_000,
					DemandByPurpose: lstByPurpose(5_000_000, 24_000_000)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// February's lists are due on the 5th like any month's: the
			// 29th of a leap year changes nothing.
			name: "February of a leap year: due on the 5th, the 29th late", period: feb,
			expected: []string{"03424", "03430"},
			lists: []forms.List01{
				lstList("03424", feb, lstDate(2028, 2, 5), lstProd(12, 1_000_000)),
				lstList("03430", feb, lstDate(2028, 2, 29), lstProd(13, 1_000_000)),
			},
			want: reporting.Monthly{
				Period: feb, DueOn: lstDate(2028, 2, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 1, Demand: 1_000_000, OnTime: true, PreparedOn: lstDate(2028, 2, 5)},
					{CommuneCode: "03430", Rows: 1, Demand: 1_000_000, OnTime: false, PreparedOn: lstDate(2028, 2, 29)},
				},
				Missing: []string{}, Late: []string{"03430"}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 2, Demand: 2_000_000,
					DemandByPurpose: lstByPurpose(2_000_000, 0)},
				SharedPeople: []reporting.SharedPerson{},
			},
		},
		{
			// Person 20 is on the lists of 03433 (list 0, row 1) and 03424
			// (list 2, row 0); person 21 on those of 03424 (list 2, row 1),
			// 03430 (list 1, row 0) and 03433 (list 0, row 0). Both count in
			// every commune's rows and demand.
			name: "people shared between communes", period: lstNov,
			expected: []string{"03424", "03430", "03433"},
			lists: []forms.List01{
				lstList("03433", lstNov, lstDate(2026, 11, 5), lstProd(21, 1_000_000), lstProd(20, 2_000_000)),
				lstList("03430", lstNov, lstDate(2026, 11, 5), lstProd(21, 3_000_000), lstProd(22, 4_000_000)),
				lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(20, 5_000_000), lstTrain(21, 6_000_000)),
			},
			want: reporting.Monthly{
				Period: lstNov, DueOn: lstDate(2026, 11, 5),
				Communes: []reporting.CommuneRound{
					{CommuneCode: "03424", Rows: 2, Demand: 11_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 5)},
					{CommuneCode: "03430", Rows: 2, Demand: 7_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 5)},
					{CommuneCode: "03433", Rows: 2, Demand: 3_000_000, OnTime: true, PreparedOn: lstDate(2026, 11, 5)},
				},
				Missing: []string{}, Late: []string{}, Unexpected: []string{},
				Totals: reporting.MonthlyTotals{Rows: 6, Demand: 21_000_000,
					DemandByPurpose: lstByPurpose(15_000_000, 6_000_000)},
				SharedPeople: []reporting.SharedPerson{
					{Communes: []string{"03424", "03430", "03433"},
						Rows: []reporting.RowRef{{List: 0, Row: 0}, {List: 1, Row: 0}, {List: 2, Row: 1}}},
					{Communes: []string{"03424", "03433"},
						Rows: []reporting.RowRef{{List: 0, Row: 1}, {List: 2, Row: 0}}},
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := reporting.MonthlyRound(credit.DefaultBook(), tc.period, tc.expected, tc.lists)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("MonthlyRound:\n got  %+v\n want %+v", got, tc.want)
			}
			lstNoPersonalData(t, got, tc.lists)
		})
	}
}

// The shared person is reported by where they are, never by their ID
// number: no ID number or name of the lists is anywhere in the result
// (legal reference §8).
func TestMonthlyRoundSharedPersonWithoutIDNumber(t *testing.T) {
	lists := []forms.List01{
		lstList("03424", lstNov, lstDate(2026, 11, 4), lstProd(1, 10_000_000), lstProd(30, 20_000_000)),
		lstList("03433", lstNov, lstDate(2026, 11, 5), lstTrain(30, 24_000_000)),
	}
	got, err := reporting.MonthlyRound(nil, lstNov, []string{"03424", "03433"}, lists)
	if err != nil {
		t.Fatal(err)
	}
	want := []reporting.SharedPerson{{Communes: []string{"03424", "03433"},
		Rows: []reporting.RowRef{{List: 0, Row: 1}, {List: 1, Row: 0}}}}
	if !reflect.DeepEqual(got.SharedPeople, want) {
		t.Errorf("SharedPeople = %+v, want %+v", got.SharedPeople, want)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if id := lstID(30); bytes.Contains(b, []byte(id)) {
		t.Errorf("the result carries the shared person's ID number:\n%s", b)
	}
	if !bytes.Contains(b, []byte(`"SharedPeople":[{"Communes":["03424","03433"]`)) {
		t.Errorf("the JSON of the result does not flag the shared person:\n%s", b)
	}
	// The references lead an officer who may see the lists to the person.
	for _, r := range got.SharedPeople[0].Rows {
		if lists[r.List].Rows[r.Row].IDNumber != lstID(30) {
			t.Errorf("%+v does not point at the shared person", r)
		}
	}
}

func TestMonthlyRoundProblems(t *testing.T) {
	bad := func(f func(l *forms.List01)) forms.List01 {
		l := lstList("03430", lstNov, lstDate(2026, 11, 5), lstProd(3, 30_000_000))
		f(&l)
		return l
	}
	ok := lstContractLists()[0]
	tests := []struct {
		name     string
		period   forms.Period
		expected []string
		lists    []forms.List01
		want     []lstProblem
	}{
		{
			name: "invalid row re-pointed under its list", period: lstNov, expected: lstContractExpected,
			lists: []forms.List01{ok, bad(func(l *forms.List01) { l.Rows[0].IDNumber = "12345" })},
			want:  []lstProblem{{"/lists/1/rows/0/id_number", credit.CodeInvalidID}},
		},
		{
			name: "list of another month", period: lstNov, expected: lstContractExpected,
			lists: []forms.List01{ok, bad(func(l *forms.List01) { l.Period = lstPeriod(2026, time.October) })},
			want:  []lstProblem{{"/lists/1/period", reporting.CodeWrongPeriod}},
		},
		{
			name: "list of the same month of another year", period: lstNov, expected: lstContractExpected,
			lists: []forms.List01{bad(func(l *forms.List01) { l.Period = lstPeriod(2027, time.November) })},
			want:  []lstProblem{{"/lists/0/period", reporting.CodeWrongPeriod}},
		},
		{
			name: "a list's own bad period is not also of another month", period: lstNov,
			lists: []forms.List01{bad(func(l *forms.List01) { l.Period = forms.Period{Year: 2026, Month: 13} })},
			want:  []lstProblem{{"/lists/0/period", forms.CodeInvalidPeriod}},
		},
		{
			name: "two lists of one commune", period: lstNov, expected: lstContractExpected,
			lists: []forms.List01{ok, lstContractLists()[1], ok},
			want:  []lstProblem{{"/lists/2/commune_code", reporting.CodeDuplicateCommune}},
		},
		{
			name: "a commune expected twice", period: lstNov, expected: []string{"03424", "03430", "03424", ""},
			lists: []forms.List01{ok},
			want: []lstProblem{
				{"/expected_communes/2", reporting.CodeDuplicateCommune},
				{"/expected_communes/3", credit.CodeRequired},
			},
		},
		{
			name: "the round's period missing", period: forms.Period{}, lists: []forms.List01{ok},
			want: []lstProblem{{"/period", credit.CodeRequired}},
		},
		{
			name: "the round's period not a month", period: forms.Period{Year: 2026, Month: 0},
			lists: []forms.List01{ok},
			want:  []lstProblem{{"/period", forms.CodeInvalidPeriod}},
		},
		{
			// Every problem at once, each under its own list.
			name: "every problem at once", period: lstNov, expected: []string{"03424", "03424"},
			lists: []forms.List01{
				bad(func(l *forms.List01) { l.Period = lstPeriod(2026, time.December) }),
				bad(func(l *forms.List01) {
					l.CommuneCode = "03424"
					l.Rows[0].IDNumber = lstID(4) // person 4's number: female, born 1974
					l.Rows = append(l.Rows, lstProd(5, 200_000_000))
				}),
				ok,
			},
			want: []lstProblem{
				{"/expected_communes/1", reporting.CodeDuplicateCommune},
				{"/lists/0/period", reporting.CodeWrongPeriod},
				{"/lists/1/rows/0/id_number", forms.CodeIDBirthMismatch},
				{"/lists/1/rows/0/id_number", forms.CodeIDSexMismatch},
				{"/lists/1/rows/1/amount", forms.CodeAboveCap},
				{"/lists/2/commune_code", reporting.CodeDuplicateCommune},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := reporting.MonthlyRound(credit.DefaultBook(), tc.period, tc.expected, tc.lists)
			if err == nil {
				t.Fatalf("no error; result %+v", got)
			}
			if !reflect.DeepEqual(got, reporting.Monthly{}) {
				t.Errorf("a result beside the error: %+v", got)
			}
			lstCheck(t, err, tc.want...)
		})
	}
}

func TestDueOn(t *testing.T) {
	tests := []struct {
		period forms.Period
		want   credit.Date
	}{
		{lstPeriod(2026, time.November), lstDate(2026, 11, 5)},
		{lstPeriod(2026, time.December), lstDate(2026, 12, 5)},
		{lstPeriod(2027, time.January), lstDate(2027, 1, 5)},
		{lstPeriod(2027, time.February), lstDate(2027, 2, 5)},
		{lstPeriod(2028, time.February), lstDate(2028, 2, 5)},
		{forms.Period{}, credit.Date{}},
		{forms.Period{Year: 2026, Month: 13}, credit.Date{}},
	}
	for _, tc := range tests {
		if got := reporting.DueOn(tc.period); got != tc.want {
			t.Errorf("DueOn(%v) = %v, want %v", tc.period, got, tc.want)
		}
	}
}

// apiMonthlyRequest is the request of POST /v1/reports/monthly-lists in
// api-v1 (the test's own reading of it; the domain types carry no JSON
// tags).
type apiMonthlyRequest struct {
	Period           string      `json:"period"`
	ExpectedCommunes []string    `json:"expected_communes"`
	Lists            []apiList01 `json:"lists"`
}

type apiList01 struct {
	Province    string     `json:"province"`
	CommuneCode string     `json:"commune_code"`
	CommuneName string     `json:"commune_name"`
	Period      string     `json:"period"`
	PreparedOn  string     `json:"prepared_on"`
	PreparedBy  string     `json:"prepared_by"`
	CertifiedBy string     `json:"certified_by"`
	Rows        []apiRow01 `json:"rows"`
}

type apiRow01 struct {
	FullName        string `json:"full_name"`
	DateOfBirth     string `json:"date_of_birth"`
	Sex             string `json:"sex"`
	IDNumber        string `json:"id_number"`
	Residence       string `json:"residence"`
	ReleaseBasis    string `json:"release_basis"`
	CertificateNo   string `json:"certificate_no"`
	CertificateDate string `json:"certificate_date"`
	CompletedOn     string `json:"completed_on"`
	Purpose         string `json:"purpose"`
	Amount          string `json:"amount"`
	CourseMonths    *int   `json:"course_months"`
	Note            string `json:"note"`
}

// lstAPILists reads the lists of a request.
func lstAPILists(t *testing.T, as []apiList01) []forms.List01 {
	t.Helper()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	date := func(s string) credit.Date {
		t.Helper()
		d, err := credit.ParseDate(s)
		must(err)
		return d
	}
	var out []forms.List01
	for _, a := range as {
		l := forms.List01{Province: a.Province, CommuneCode: a.CommuneCode, CommuneName: a.CommuneName,
			PreparedOn: date(a.PreparedOn), PreparedBy: a.PreparedBy, CertifiedBy: a.CertifiedBy}
		var err error
		l.Period, err = forms.ParsePeriod(a.Period)
		must(err)
		for _, r := range a.Rows {
			sex, ok1 := forms.ParseSex(r.Sex)
			basis, ok2 := eligibility.ParseReleaseBasis(r.ReleaseBasis)
			purpose, ok3 := credit.ParsePurpose(r.Purpose)
			if !ok1 || !ok2 || !ok3 {
				t.Fatalf("unknown choice in %+v", r)
			}
			amount, err := credit.ParseVND(r.Amount)
			must(err)
			row := forms.Row01{FullName: r.FullName, DateOfBirth: date(r.DateOfBirth), Sex: sex, IDNumber: r.IDNumber,
				Residence: r.Residence, ReleaseBasis: basis, CertificateNo: r.CertificateNo,
				CertificateDate: date(r.CertificateDate), CompletedOn: date(r.CompletedOn), Purpose: purpose,
				Amount: amount, Note: r.Note}
			if r.CourseMonths != nil {
				row.CourseMonths = *r.CourseMonths
			}
			l.Rows = append(l.Rows, row)
		}
		out = append(out, l)
	}
	return out
}

// lstReadJSON decodes testdata file name into v, refusing unknown fields.
func lstReadJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// lstSameJSON fails unless got, marshalled, is the same JSON value as the
// testdata file name.
func lstSameJSON(t *testing.T, got any, name string) {
	t.Helper()
	var want, have any
	lstReadJSON(t, name, &want)
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &have); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(have, want) {
		w, _ := json.Marshal(want)
		t.Errorf("%s:\n got  %s\n want %s", name, b, w)
	}
}

// apiMonthly writes a Monthly in the response shape of api-v1 (the fields
// the contract names, plus those the project adds).
func apiMonthly(m reporting.Monthly) any {
	type commune struct {
		CommuneCode string `json:"commune_code"`
		Rows        int    `json:"rows"`
		Demand      string `json:"demand"`
		OnTime      bool   `json:"on_time"`
		PreparedOn  string `json:"prepared_on"`
	}
	type ref struct {
		List int `json:"list"`
		Row  int `json:"row"`
	}
	type shared struct {
		Communes []string `json:"communes"`
		Rows     []ref    `json:"rows"`
	}
	type totals struct {
		Rows            int               `json:"rows"`
		Demand          string            `json:"demand"`
		DemandByPurpose map[string]string `json:"demand_by_purpose"`
	}
	out := struct {
		Period       string    `json:"period"`
		DueOn        string    `json:"due_on"`
		Communes     []commune `json:"communes"`
		Missing      []string  `json:"missing"`
		Late         []string  `json:"late"`
		Unexpected   []string  `json:"unexpected"`
		Totals       totals    `json:"totals"`
		SharedPeople []shared  `json:"shared_people"`
	}{
		Period: m.Period.String(), DueOn: m.DueOn.String(), Missing: m.Missing, Late: m.Late,
		Unexpected: m.Unexpected, Communes: []commune{}, SharedPeople: []shared{},
		Totals: totals{Rows: m.Totals.Rows, Demand: m.Totals.Demand.String(), DemandByPurpose: map[string]string{}},
	}
	for _, c := range m.Communes {
		out.Communes = append(out.Communes, commune{c.CommuneCode, c.Rows, c.Demand.String(), c.OnTime, c.PreparedOn.String()})
	}
	for _, p := range m.Totals.DemandByPurpose {
		out.Totals.DemandByPurpose[p.Purpose.String()] = p.Demand.String()
	}
	for _, s := range m.SharedPeople {
		sh := shared{Communes: s.Communes}
		for _, r := range s.Rows {
			sh.Rows = append(sh.Rows, ref{r.List, r.Row})
		}
		out.SharedPeople = append(out.SharedPeople, sh)
	}
	return out
}

// The contract's example as files: the request (with lists consistent with
// the example's totals) and the response, whose fields and values are the
// example's, with the second commune's entry the example leaves out.
func TestMonthlyRoundContractFiles(t *testing.T) {
	var req apiMonthlyRequest
	lstReadJSON(t, "monthly/contract_request.json", &req)
	lists := lstAPILists(t, req.Lists)
	if !reflect.DeepEqual(lists, lstContractLists()) {
		t.Fatalf("lstContractLists is not the request of testdata:\n got  %+v\n want %+v", lstContractLists(), lists)
	}
	period, err := forms.ParsePeriod(req.Period)
	if err != nil {
		t.Fatal(err)
	}
	got, err := reporting.MonthlyRound(credit.DefaultBook(), period, req.ExpectedCommunes, lists)
	if err != nil {
		t.Fatal(err)
	}
	lstSameJSON(t, apiMonthly(got), "monthly/contract_response.json")
}

// lstGenLists draws up to 6 valid lists of distinct communes for period,
// prepared from the 1st to the 10th of its month, each naming 1 to 5 of
// 25 synthetic people (so that people are often shared between communes).
func lstGenLists(t *rapid.T, period forms.Period) []forms.List01 {
	pool := []string{"03424", "03430", "03433", "03434", "03439", "03442"}
	communes := rapid.SliceOfNDistinct(rapid.SampledFrom(pool), 0, len(pool), rapid.ID[string]).Draw(t, "communes")
	lists := make([]forms.List01, len(communes))
	for i, c := range communes {
		day := rapid.IntRange(1, 10).Draw(t, "day")
		people := rapid.SliceOfNDistinct(rapid.IntRange(1, 25), 1, 5, rapid.ID[int]).Draw(t, "people")
		rows := make([]forms.Row01, len(people))
		for j, n := range people {
			rows[j] = lstGenRow(t, n)
		}
		lists[i] = lstList(c, period, lstDate(period.Year, period.Month, day), rows...)
	}
	return lists
}

// lstGenRow draws a valid row for person n: production up to the cap of
// 100,000,000, or training up to the 6-month course's 24,000,000.
func lstGenRow(t *rapid.T, n int) forms.Row01 {
	if rapid.Bool().Draw(t, "training") {
		return lstTrain(n, credit.VND(rapid.Int64Range(1, 24_000_000).Draw(t, "amount")))
	}
	return lstProd(n, credit.VND(rapid.Int64Range(1, 100_000_000).Draw(t, "amount")))
}

// Properties of every round: the communes add up to the totals, the
// purposes to the demand; late, missing and unexpected are what they say;
// shared people are exactly the numbers on more than one list, and none is
// in the result.
func TestMonthlyRoundProperties(t *testing.T) {
	book := credit.DefaultBook()
	rapid.Check(t, func(t *rapid.T) {
		lists := lstGenLists(t, lstNov)
		expected := rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"03424", "03430", "03433", "03445"}),
			0, 4, rapid.ID[string]).Draw(t, "expected")
		m, err := reporting.MonthlyRound(book, lstNov, expected, lists)
		if err != nil {
			t.Fatal(err)
		}
		var rows int
		var demand, byPurpose credit.VND
		var late, sent []string
		for _, c := range m.Communes {
			rows += c.Rows
			demand += c.Demand
			if !c.OnTime {
				late = append(late, c.CommuneCode)
			}
			if c.OnTime != (c.PreparedOn.Day() <= 5) {
				t.Errorf("%s prepared %v: on time %v", c.CommuneCode, c.PreparedOn, c.OnTime)
			}
			sent = append(sent, c.CommuneCode)
		}
		for _, p := range m.Totals.DemandByPurpose {
			byPurpose += p.Demand
		}
		if rows != m.Totals.Rows || demand != m.Totals.Demand || byPurpose != m.Totals.Demand {
			t.Errorf("communes add up to %d rows, %v; purposes to %v; totals %+v", rows, demand, byPurpose, m.Totals)
		}
		if len(m.Totals.DemandByPurpose) != 2 {
			t.Errorf("demand by purpose %+v: not both purposes", m.Totals.DemandByPurpose)
		}
		if !slices.IsSorted(sent) || len(sent) != len(lists) {
			t.Errorf("communes %v: not one per list, sorted", sent)
		}
		if !slices.Equal(late, m.Late) {
			t.Errorf("late %v, want %v", m.Late, late)
		}
		for _, c := range expected {
			if slices.Contains(sent, c) == slices.Contains(m.Missing, c) {
				t.Errorf("expected %s: sent %v, missing %v", c, sent, m.Missing)
			}
		}
		for _, c := range sent {
			if slices.Contains(expected, c) == slices.Contains(m.Unexpected, c) {
				t.Errorf("sent %s: expected %v, unexpected %v", c, expected, m.Unexpected)
			}
		}
		lists01 := map[string]int{}
		for _, l := range lists {
			for _, r := range l.Rows {
				lists01[r.IDNumber]++
			}
		}
		var shared int
		for _, n := range lists01 {
			if n > 1 {
				shared++
			}
		}
		if shared != len(m.SharedPeople) {
			t.Errorf("%d people on several lists, %d reported", shared, len(m.SharedPeople))
		}
		for _, s := range m.SharedPeople {
			id := lists[s.Rows[0].List].Rows[s.Rows[0].Row].IDNumber
			if len(s.Rows) != lists01[id] || len(s.Communes) != len(s.Rows) {
				t.Errorf("%+v: not every row of the person", s)
			}
			for _, r := range s.Rows {
				if lists[r.List].Rows[r.Row].IDNumber != id {
					t.Errorf("%+v: rows of different people", s)
				}
			}
		}
		b, _ := json.Marshal(m)
		for id := range lists01 {
			if bytes.Contains(b, []byte(id)) {
				t.Fatalf("an ID number in the result: %s", b)
			}
		}
	})
}

// Lists whose amounts add up to more than credit.MaxVND are refused, so
// that no total can overflow: possible only with a book whose cap is far
// above the law's.
func TestMonthlyRoundTotalTooLarge(t *testing.T) {
	def := credit.DefaultBook()
	b, err := def.With("test/huge-cap", credit.CapIndividual, []credit.Span{{
		From: def.InForce(), Value: int64(credit.MaxVND), Citation: def.Series(credit.CapIndividual)[0].Citation,
	}})
	if err != nil {
		t.Fatal(err)
	}
	half := credit.MaxVND/2 + 1
	lists := []forms.List01{
		lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(1, half)),
		lstList("03430", lstNov, lstDate(2026, 11, 5), lstProd(2, half)),
	}
	_, err = reporting.MonthlyRound(b, lstNov, nil, lists)
	lstCheck(t, err, lstProblem{"/lists", credit.CodeOutOfRange})
	_, err = reporting.DemandReview(b, 2026, lists, reporting.Capital{})
	lstCheck(t, err, lstProblem{"/lists", credit.CodeOutOfRange})

	lists[1].Rows[0].Amount = credit.MaxVND - half // exactly MaxVND in all
	if _, err := reporting.MonthlyRound(b, lstNov, nil, lists); err != nil {
		t.Errorf("amounts adding up to MaxVND: %v", err)
	}
}
