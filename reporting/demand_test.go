package reporting_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/reporting"
)

// lstGroups is the by-purpose split: production, then vocational training.
func lstGroups(prodPeople int, prod credit.VND, trainPeople int, train credit.VND) []reporting.DemandGroup {
	return []reporting.DemandGroup{
		{Purpose: credit.Production, People: prodPeople, Demand: prod},
		{Purpose: credit.VocationalTraining, People: trainPeople, Demand: train},
	}
}

// lstCommune is a commune's group.
func lstCommune(code string, people int, demand credit.VND, byPurpose []reporting.DemandGroup) reporting.DemandGroup {
	return reporting.DemandGroup{CommuneCode: code, People: people, Demand: demand, ByPurpose: byPurpose}
}

// lstReviewLists are the lists of the demand review of testdata (given out
// of order): person 1 asks 50,000,000 in May and 60,000,000 in November
// (03424); person 2 asks 24,000,000 for training in May (03424) and
// 20,000,000 in August, having moved to 03430; person 3 asks 30,000,000 in
// August (03430).
func lstReviewLists() []forms.List01 {
	return []forms.List01{
		lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(1, 60_000_000)),
		lstList("03424", lstPeriod(2026, time.May), lstDate(2026, 5, 5),
			lstProd(1, 50_000_000), lstTrain(2, 24_000_000)),
		lstList("03430", lstPeriod(2026, time.August), lstDate(2026, 8, 4),
			lstProd(3, 30_000_000), lstTrain(2, 20_000_000)),
	}
}

func TestDemandReview(t *testing.T) {
	mar, jun, jul, sep := lstPeriod(2026, time.March), lstPeriod(2026, time.June),
		lstPeriod(2026, time.July), lstPeriod(2026, time.September)
	contractCapital := reporting.Capital{Central: 50_000_000, Local: 20_000_000}
	tests := []struct {
		name    string
		lists   []forms.List01
		capital reporting.Capital
		want    reporting.Demand
	}{
		{
			// People 1 (60,000,000, 03424, November), 2 (20,000,000, 03430,
			// August), 3 (30,000,000, 03430): demand 110,000,000 against
			// 70,000,000: short 40,000,000; 70/110 = 63.6363… %.
			name: "latest row of each person", lists: lstReviewLists(), capital: contractCapital,
			want: reporting.Demand{
				Year: 2026, People: 3, Demand: 110_000_000, Capital: 70_000_000,
				Shortfall: 40_000_000, CoveragePct: "63.64",
				ByCommune: []reporting.DemandGroup{
					lstCommune("03424", 1, 60_000_000, lstGroups(1, 60_000_000, 0, 0)),
					lstCommune("03430", 2, 50_000_000, lstGroups(1, 30_000_000, 1, 20_000_000)),
				},
				ByPurpose: lstGroups(2, 90_000_000, 1, 20_000_000),
			},
		},
		{
			// Person 40 is on three lists: March (03424, 10,000,000),
			// September (03433, training 12,000,000) and June (03430,
			// 30,000,000). They count once, in 03433, for 12,000,000.
			// Person 41 is only on March's list: 5,000,000.
			name: "a person in three lists counts once, latest row", capital: reporting.Capital{Local: 17_000_000},
			lists: []forms.List01{
				lstList("03424", mar, lstDate(2026, 3, 5), lstProd(40, 10_000_000), lstProd(41, 5_000_000)),
				lstList("03433", sep, lstDate(2026, 9, 5), lstTrain(40, 12_000_000)),
				lstList("03430", jun, lstDate(2026, 6, 5), lstProd(40, 30_000_000)),
			},
			want: reporting.Demand{
				Year: 2026, People: 2, Demand: 17_000_000, Capital: 17_000_000,
				Shortfall: 0, CoveragePct: "100.00",
				ByCommune: []reporting.DemandGroup{
					lstCommune("03424", 1, 5_000_000, lstGroups(1, 5_000_000, 0, 0)),
					lstCommune("03433", 1, 12_000_000, lstGroups(0, 0, 1, 12_000_000)),
				},
				ByPurpose: lstGroups(1, 5_000_000, 1, 12_000_000),
			},
		},
		{
			// Two lists of July: the one prepared later (list 0, on the 4th)
			// wins over list 1 (the 2nd), although it comes first.
			name: "same period: the list prepared last", capital: reporting.Capital{Central: 200_000_000},
			lists: []forms.List01{
				lstList("03430", jul, lstDate(2026, 7, 4), lstProd(50, 70_000_000)),
				lstList("03424", jul, lstDate(2026, 7, 2), lstProd(50, 80_000_000)),
			},
			want: reporting.Demand{
				Year: 2026, People: 1, Demand: 70_000_000, Capital: 200_000_000,
				Shortfall: 0, CoveragePct: "285.71", // 200/70 = 2.857142…
				ByCommune: []reporting.DemandGroup{
					lstCommune("03430", 1, 70_000_000, lstGroups(1, 70_000_000, 0, 0)),
				},
				ByPurpose: lstGroups(1, 70_000_000, 0, 0),
			},
		},
		{
			// Same period, same day: the later list in the request wins.
			name: "same period and day: the later list", capital: reporting.Capital{Central: 40_000_000},
			lists: []forms.List01{
				lstList("03430", jul, lstDate(2026, 7, 3), lstProd(50, 70_000_000)),
				lstList("03424", jul, lstDate(2026, 7, 3), lstProd(50, 80_000_000)),
			},
			want: reporting.Demand{
				Year: 2026, People: 1, Demand: 80_000_000, Capital: 40_000_000,
				Shortfall: 40_000_000, CoveragePct: "50.00", // a half
				ByCommune: []reporting.DemandGroup{
					lstCommune("03424", 1, 80_000_000, lstGroups(1, 80_000_000, 0, 0)),
				},
				ByPurpose: lstGroups(1, 80_000_000, 0, 0),
			},
		},
		{
			// A later period beats a later preparation date: December's
			// list, prepared on 1 December, over November's prepared on
			// 20 December.
			name: "the period decides before the day", capital: reporting.Capital{},
			lists: []forms.List01{
				lstList("03424", lstPeriod(2026, time.December), lstDate(2026, 12, 1), lstProd(60, 1_000_000)),
				lstList("03430", lstNov, lstDate(2026, 12, 20), lstProd(60, 2_000_000)),
			},
			want: reporting.Demand{
				Year: 2026, People: 1, Demand: 1_000_000, Capital: 0,
				Shortfall: 1_000_000, CoveragePct: "0.00",
				ByCommune: []reporting.DemandGroup{
					lstCommune("03424", 1, 1_000_000, lstGroups(1, 1_000_000, 0, 0)),
				},
				ByPurpose: lstGroups(1, 1_000_000, 0, 0),
			},
		},
		{
			// 1,000,000 / 800,000,000 = 0.125 %: half away from zero, 0.13.
			name: "coverage rounded half away from zero", capital: reporting.Capital{Other: 1_000_000},
			lists: []forms.List01{
				lstList("03424", mar, lstDate(2026, 3, 5), lstProd(1, 100_000_000), lstProd(2, 100_000_000),
					lstProd(3, 100_000_000), lstProd(4, 100_000_000)),
				lstList("03430", mar, lstDate(2026, 3, 5), lstProd(5, 100_000_000), lstProd(6, 100_000_000),
					lstProd(7, 100_000_000), lstProd(8, 100_000_000)),
			},
			want: reporting.Demand{
				Year: 2026, People: 8, Demand: 800_000_000, Capital: 1_000_000,
				Shortfall: 799_000_000, CoveragePct: "0.13",
				ByCommune: []reporting.DemandGroup{
					lstCommune("03424", 4, 400_000_000, lstGroups(4, 400_000_000, 0, 0)),
					lstCommune("03430", 4, 400_000_000, lstGroups(4, 400_000_000, 0, 0)),
				},
				ByPurpose: lstGroups(8, 800_000_000, 0, 0),
			},
		},
		{
			name: "no lists: no demand, coverage 0", capital: contractCapital,
			want: reporting.Demand{
				Year: 2026, Capital: 70_000_000, CoveragePct: "0",
				ByCommune: []reporting.DemandGroup{}, ByPurpose: lstGroups(0, 0, 0, 0),
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := reporting.DemandReview(credit.DefaultBook(), 2026, tc.lists, tc.capital)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("DemandReview:\n got  %+v\n want %+v", got, tc.want)
			}
			lstNoPersonalData(t, got, tc.lists)
		})
	}
}

func TestDemandReviewProblems(t *testing.T) {
	list := func(p forms.Period, f func(l *forms.List01)) forms.List01 {
		l := lstList("03430", p, lstDate(p.Year, p.Month, 5), lstProd(3, 30_000_000))
		if f != nil {
			f(&l)
		}
		return l
	}
	y26 := lstPeriod(2026, time.June)
	tests := []struct {
		name    string
		year    int
		lists   []forms.List01
		capital reporting.Capital
		want    []lstProblem
	}{
		{
			name: "invalid row re-pointed under its list", year: 2026,
			lists: []forms.List01{list(y26, nil), list(y26, func(l *forms.List01) { l.Rows[0].IDNumber = "01208300000" })},
			want:  []lstProblem{{"/lists/1/rows/0/id_number", credit.CodeInvalidID}},
		},
		{
			// December of the year before and January of the year after
			// are of other years.
			name: "lists of other years", year: 2026,
			lists: []forms.List01{
				list(lstPeriod(2025, time.December), nil), list(lstPeriod(2026, time.January), nil),
				list(lstPeriod(2026, time.December), nil), list(lstPeriod(2027, time.January), nil),
			},
			want: []lstProblem{{"/lists/0/period", reporting.CodeWrongYear}, {"/lists/3/period", reporting.CodeWrongYear}},
		},
		{
			name: "capital out of range", year: 2026, lists: []forms.List01{list(y26, nil)},
			capital: reporting.Capital{Central: -1, Local: credit.MaxVND, Other: credit.MaxVND + 1},
			want: []lstProblem{
				{"/capital/central", credit.CodeNegative},
				{"/capital/other", credit.CodeOutOfRange},
			},
		},
		{
			// The year is wrong, not every list.
			name: "year out of range", year: 26, lists: []forms.List01{list(y26, nil)},
			want: []lstProblem{{"/year", credit.CodeOutOfRange}},
		},
		{
			name: "every problem at once", year: 2026,
			capital: reporting.Capital{Local: -5},
			lists: []forms.List01{
				list(lstPeriod(2027, time.March), nil),
				list(y26, func(l *forms.List01) {
					l.Rows[0].Purpose = credit.VocationalTraining // no course months
					l.PreparedOn = credit.Date{}
				}),
			},
			want: []lstProblem{
				{"/capital/local", credit.CodeNegative},
				{"/lists/0/period", reporting.CodeWrongYear},
				{"/lists/1/prepared_on", credit.CodeRequired},
				{"/lists/1/rows/0/course_months", credit.CodeRequired},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := reporting.DemandReview(credit.DefaultBook(), tc.year, tc.lists, tc.capital)
			if err == nil {
				t.Fatalf("no error; result %+v", got)
			}
			if !reflect.DeepEqual(got, reporting.Demand{}) {
				t.Errorf("a result beside the error: %+v", got)
			}
			lstCheck(t, err, tc.want...)
		})
	}
}

// apiDemand writes a Demand in the response shape of api-v1 (the fields the
// contract names, plus those the project adds).
func apiDemand(d reporting.Demand) any {
	type purpose struct {
		Purpose string `json:"purpose"`
		People  int    `json:"people"`
		Demand  string `json:"demand"`
	}
	type commune struct {
		CommuneCode string    `json:"commune_code"`
		People      int       `json:"people"`
		Demand      string    `json:"demand"`
		ByPurpose   []purpose `json:"by_purpose"`
	}
	purposes := func(gs []reporting.DemandGroup) []purpose {
		out := []purpose{}
		for _, g := range gs {
			out = append(out, purpose{g.Purpose.String(), g.People, g.Demand.String()})
		}
		return out
	}
	out := struct {
		Year        int       `json:"year"`
		People      int       `json:"people"`
		Demand      string    `json:"demand"`
		Capital     string    `json:"capital"`
		Shortfall   string    `json:"shortfall"`
		CoveragePct string    `json:"coverage_pct"`
		ByCommune   []commune `json:"by_commune"`
		ByPurpose   []purpose `json:"by_purpose"`
	}{
		Year: d.Year, People: d.People, Demand: d.Demand.String(), Capital: d.Capital.String(),
		Shortfall: d.Shortfall.String(), CoveragePct: d.CoveragePct, ByCommune: []commune{},
		ByPurpose: purposes(d.ByPurpose),
	}
	for _, c := range d.ByCommune {
		out.ByCommune = append(out.ByCommune, commune{c.CommuneCode, c.People, c.Demand.String(), purposes(c.ByPurpose)})
	}
	return out
}

// apiDemandRequest is the request of POST /v1/reports/demand-review.
type apiDemandRequest struct {
	Year    int         `json:"year"`
	Lists   []apiList01 `json:"lists"`
	Capital struct {
		Central string `json:"central"`
		Local   string `json:"local"`
	} `json:"capital"`
}

// The review as files: a request with the contract's capital and lists of
// three people, and the response.
func TestDemandReviewFiles(t *testing.T) {
	var req apiDemandRequest
	lstReadJSON(t, "demand/review_request.json", &req)
	lists := lstAPILists(t, req.Lists)
	if !reflect.DeepEqual(lists, lstReviewLists()) {
		t.Fatalf("lstReviewLists is not the request of testdata:\n got  %+v\n want %+v", lstReviewLists(), lists)
	}
	central, err1 := credit.ParseVND(req.Capital.Central)
	local, err2 := credit.ParseVND(req.Capital.Local)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	got, err := reporting.DemandReview(credit.DefaultBook(), req.Year, lists, reporting.Capital{Central: central, Local: local})
	if err != nil {
		t.Fatal(err)
	}
	lstSameJSON(t, apiDemand(got), "demand/review_response.json")
}

// lstGenYear draws up to 6 valid lists of 2026 from communes that may
// repeat, each prepared on a different day of the year (so that the latest
// row of a person never ties), for the month of that day, naming 1 to 5 of
// 20 synthetic people.
func lstGenYear(t *rapid.T) []forms.List01 {
	days := rapid.SliceOfNDistinct(rapid.IntRange(0, 364), 0, 6, rapid.ID[int]).Draw(t, "days")
	lists := make([]forms.List01, len(days))
	for i, day := range days {
		on := lstDate(2026, time.January, 1).AddDays(day)
		commune := rapid.SampledFrom([]string{"03424", "03430", "03433"}).Draw(t, "commune")
		people := rapid.SliceOfNDistinct(rapid.IntRange(1, 20), 1, 5, rapid.ID[int]).Draw(t, "people")
		rows := make([]forms.Row01, len(people))
		for j, n := range people {
			rows[j] = lstGenRow(t, n)
		}
		lists[i] = lstList(commune, lstPeriod(2026, on.Month()), on, rows...)
	}
	return lists
}

// Properties of every review: communes and purposes add up to the people
// and the demand, each person counts once, the shortfall is what capital
// leaves uncovered, and the order of the lists does not matter.
func TestDemandReviewProperties(t *testing.T) {
	book := credit.DefaultBook()
	rapid.Check(t, func(t *rapid.T) {
		lists := lstGenYear(t)
		capital := reporting.Capital{
			Central: credit.VND(rapid.Int64Range(0, 500_000_000).Draw(t, "central")),
			Local:   credit.VND(rapid.Int64Range(0, 500_000_000).Draw(t, "local")),
		}
		d, err := reporting.DemandReview(book, 2026, lists, capital)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]bool{}
		for _, l := range lists {
			for _, r := range l.Rows {
				ids[r.IDNumber] = true
			}
		}
		if d.People != len(ids) {
			t.Errorf("people %d, want %d distinct ID numbers", d.People, len(ids))
		}
		sum := func(gs []reporting.DemandGroup) (people int, demand credit.VND) {
			for _, g := range gs {
				people += g.People
				demand += g.Demand
			}
			return people, demand
		}
		if p, v := sum(d.ByCommune); p != d.People || v != d.Demand {
			t.Errorf("communes add up to %d people, %v; review %d, %v", p, v, d.People, d.Demand)
		}
		if p, v := sum(d.ByPurpose); p != d.People || v != d.Demand || len(d.ByPurpose) != 2 {
			t.Errorf("purposes %+v add up to %d people, %v; review %d, %v", d.ByPurpose, p, v, d.People, d.Demand)
		}
		for i, c := range d.ByCommune {
			if p, v := sum(c.ByPurpose); p != c.People || v != c.Demand || len(c.ByPurpose) != 2 {
				t.Errorf("%s: purposes %+v add up to %d, %v", c.CommuneCode, c.ByPurpose, p, v)
			}
			if i > 0 && d.ByCommune[i-1].CommuneCode >= c.CommuneCode {
				t.Errorf("communes not sorted: %+v", d.ByCommune)
			}
		}
		if d.Capital != capital.Central+capital.Local || d.Shortfall != max(0, d.Demand-d.Capital) {
			t.Errorf("capital %v, shortfall %v for demand %v", d.Capital, d.Shortfall, d.Demand)
		}
		if d.Demand > 0 {
			pct, err := decimal.NewFromString(d.CoveragePct)
			if err != nil || (d.Shortfall == 0 && pct.LessThan(decimal.NewFromInt(100))) {
				t.Errorf("shortfall %v, coverage %s (%v)", d.Shortfall, d.CoveragePct, err)
			}
		}
		shuffled := rapid.Permutation(lists).Draw(t, "shuffled")
		if d2, err := reporting.DemandReview(book, 2026, shuffled, capital); err != nil || !reflect.DeepEqual(d, d2) {
			t.Errorf("the order of the lists changes the review:\n %+v\n %+v (%v)", d, d2, err)
		}
		lstNoPersonalDataRapid(t, d, ids)
	})
}

// lstNoPersonalDataRapid fails if the JSON of the review carries one of
// ids.
func lstNoPersonalDataRapid(t *rapid.T, d reporting.Demand, ids map[string]bool) {
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for id := range ids {
		if bytes.Contains(b, []byte(id)) {
			t.Fatalf("an ID number in the result: %s", b)
		}
	}
}
