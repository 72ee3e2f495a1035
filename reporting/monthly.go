package reporting

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// Problem codes of the reports on commune lists, beside those of packages
// credit and forms. Stable.
const (
	CodeWrongPeriod      = "wrong_period"      // a list of another month than the round's
	CodeWrongYear        = "wrong_year"        // a list of another year than the review's
	CodeDuplicateCommune = "duplicate_commune" // two lists (or two expected entries) for one commune
)

// ErrLists is the cause of the problems MonthlyRound and DemandReview find
// between lists (a list of another month, two lists of one commune) and of
// the CodeTooManyProblems that ends a list of problems cut at MaxProblems,
// as opposed to problems within one list, which keep the causes of
// forms.Validate01.
var ErrLists = errors.New("reporting: the lists do not make one report")

// full reports whether pr holds more than MaxProblems problems: checking
// can stop.
func full(pr credit.Problems) bool { return len(pr) > MaxProblems }

// capped returns pr as an error (nil when empty), cut to its first
// MaxProblems problems and one CodeTooManyProblems at at when it holds
// more.
func capped(pr credit.Problems, at string) error {
	if !full(pr) {
		return pr.Err()
	}
	clear(pr[MaxProblems:])
	return append(pr[:MaxProblems], &credit.FieldError{Pointer: at, Code: CodeTooManyProblems,
		Message: forms.MsgTooManyProblems, Err: ErrLists})
}

var (
	msgWrongPeriod = credit.Text{
		VI: "Danh sách này lập cho tháng khác với kỳ báo cáo.",
		EN: "This list is for another month than the report's period.",
	}
	msgWrongYear = credit.Text{
		VI: "Danh sách này lập cho năm khác với năm rà soát.",
		EN: "This list is for another year than the year under review.",
	}
	msgDuplicateList = credit.Text{
		VI: "Xã này đã có một danh sách khác trong kỳ báo cáo (mỗi xã gửi một danh sách mỗi tháng).",
		EN: "This commune already has another list in the report (each commune sends one list a month).",
	}
	msgDuplicateExpected = credit.Text{
		VI: "Mã xã này đã có trong danh sách các xã phải gửi.",
		EN: "This commune code is already among the expected communes.",
	}
	msgRoundPeriod = credit.Text{
		VI: "Kỳ báo cáo phải là một tháng có thật, ghi theo dạng NNNN-TT (ví dụ 2026-11).",
		EN: "The period must be a real month written YYYY-MM (for example 2026-11).",
	}
	msgYear = credit.Text{
		VI: "Năm rà soát phải từ 2000 đến 9999.",
		EN: "The year under review must be between 2000 and 9999.",
	}
	msgTotalTooLarge = credit.Text{
		VI: "Tổng số tiền của các danh sách quá lớn (tối đa 10^15 đồng).",
		EN: "The lists' amounts add up to too much (at most 10^15 đồng).",
	}
)

// DueDay is the day of the month by which the commune police send the
// month's Mẫu số 01 list to the VBSP office (KH Lai Châu III.1; legal
// reference §5 and §7: "the 5th of every month").
const DueDay = 5

// DueOn returns the day the lists of period are due: the 5th of the
// period's month. The zero Date for a period that is not a real month.
func DueOn(period forms.Period) credit.Date {
	d, err := credit.NewDate(period.Year, period.Month, DueDay)
	if err != nil {
		return credit.Date{}
	}
	return d
}

// Monthly is the round of commune lists for one month (legal reference §7:
// the commune police send their Mẫu số 01 list to the VBSP office on the
// 5th of every month): which communes sent a list, which are late and which
// are missing, and the loan demand the lists add up to.
//
// Lists are sorted by their key, ascending, and are never nil (empty when
// there is nothing to report).
type Monthly struct {
	Period forms.Period
	DueOn  credit.Date // the 5th of the period's month

	// Communes has one entry per list received, by commune code, including
	// lists from communes that were not expected.
	Communes []CommuneRound
	// Missing are the expected communes that sent no list.
	Missing []string
	// Late are the communes whose list was prepared after DueOn.
	Late []string
	// Unexpected are the communes that sent a list but were not among the
	// expected ones. Their lists still count in Communes and Totals.
	Unexpected []string

	Totals MonthlyTotals

	// SharedPeople are the people (by ID number) on the lists of more than
	// one commune. They count in the rows and demand of every commune that
	// lists them, so the province should look at each.
	SharedPeople []SharedPerson
}

// CommuneRound is one commune's list in a monthly round.
type CommuneRound struct {
	CommuneCode string
	Rows        int        // people on the list
	Demand      credit.VND // the sum of the rows' amounts
	OnTime      bool       // prepared on or before the 5th of the period's month
	PreparedOn  credit.Date
}

// MonthlyTotals adds up every list of a monthly round.
type MonthlyTotals struct {
	Rows   int
	Demand credit.VND
	// DemandByPurpose has one entry for each of credit.Purposes(), in that
	// order (production, vocational_training), "0" when no row asks for it;
	// the entries add up to Demand.
	DemandByPurpose []PurposeDemand
}

// PurposeDemand is the demand for one purpose.
type PurposeDemand struct {
	Purpose credit.Purpose
	Demand  credit.VND
}

// SharedPerson is one person named on the lists of two or more communes in
// the same round. It says where the person is listed and never who: the ID
// number (and the name) stay out of the report. Everything built from Mẫu
// số 01 reveals a criminal record, and provincial aggregates carry no names
// or ID numbers (legal reference §8): an officer allowed to see the lists
// follows the row references to them.
type SharedPerson struct {
	Communes []string // the communes whose lists name the person, sorted
	Rows     []RowRef // every row naming the person, by list then row
}

// RowRef points at one row of the lists given to a report: Rows[Row] of
// lists[List], both counted from 0 like the JSON pointer
// /lists/{List}/rows/{Row}.
type RowRef struct {
	List int
	Row  int
}

// MonthlyRound reports the round of commune lists for period: the lists
// received (lists), checked against the communes expected to send one
// (expected, commune codes). A nil b is credit.DefaultBook().
//
// Every list must be valid (forms.Validate01) and of period, no two lists
// may come from the same commune and no commune may be expected twice;
// otherwise the error is a credit.Problems with every problem at once, each
// pointing into the request of POST /v1/reports/monthly-lists: problems of
// a list are re-pointed under it (/lists/1/rows/0/id_number), a list of
// another month is CodeWrongPeriod at /lists/i/period, the second list of a
// commune CodeDuplicateCommune at /lists/j/commune_code and the second
// entry of an expected commune CodeDuplicateCommune at
// /expected_communes/k. At most MaxProblems problems are listed: once it
// has found more, MonthlyRound stops checking and ends the list with one
// CodeTooManyProblems, at "/lists" (or at "/expected_communes" when the
// expected communes alone have that many problems).
//
// A list is on time when it was prepared on or before the 5th of the
// period's month. A commune's demand is the sum of its rows' amounts.
func MonthlyRound(b *credit.Book, period forms.Period, expected []string, lists []forms.List01) (Monthly, error) {
	if b == nil {
		b = credit.DefaultBook()
	}
	var pr credit.Problems
	okPeriod := validYear(period.Year) && period.Month >= time.January && period.Month <= time.December
	switch {
	case period.IsZero():
		pr.Add("/period", credit.CodeRequired, credit.MsgRequired, nil)
	case !okPeriod:
		pr.Add("/period", forms.CodeInvalidPeriod, msgRoundPeriod, forms.ErrPeriod)
	}
	want := make(map[string]bool, len(expected))
	for k, c := range expected {
		at := "/expected_communes/" + strconv.Itoa(k)
		switch {
		case c == "":
			pr.Add(at, credit.CodeRequired, credit.MsgRequired, nil)
		case want[c]:
			pr.Add(at, CodeDuplicateCommune, msgDuplicateExpected, ErrLists)
		}
		if full(pr) {
			return Monthly{}, capped(pr, "/expected_communes")
		}
		want[c] = true
	}
	// A list of another month is reported only against a real period.
	if !checkLists(&pr, b, lists, func(l *forms.List01) bool { return !okPeriod || l.Period == period },
		CodeWrongPeriod, msgWrongPeriod) {
		return Monthly{}, capped(pr, "/lists")
	}
	seen := make(map[string]bool, len(lists))
	for j := range lists {
		if full(pr) {
			return Monthly{}, capped(pr, "/lists")
		}
		c := lists[j].CommuneCode
		if c == "" {
			continue // reported by Validate01
		}
		if seen[c] {
			pr.Add(listPointer(j)+"/commune_code", CodeDuplicateCommune, msgDuplicateList, ErrLists)
		}
		seen[c] = true
	}
	if err := capped(pr, "/lists"); err != nil {
		return Monthly{}, err
	}

	m := Monthly{
		Period:       period,
		DueOn:        DueOn(period),
		Communes:     make([]CommuneRound, 0, len(lists)),
		Missing:      []string{},
		Late:         []string{},
		Unexpected:   []string{},
		SharedPeople: []SharedPerson{},
	}
	byPurpose := make(map[credit.Purpose]credit.VND, 2)
	for i := range lists {
		l := &lists[i]
		c := CommuneRound{CommuneCode: l.CommuneCode, Rows: len(l.Rows), PreparedOn: l.PreparedOn,
			OnTime: !l.PreparedOn.After(m.DueOn)}
		for j := range l.Rows {
			c.Demand += l.Rows[j].Amount
			byPurpose[l.Rows[j].Purpose] += l.Rows[j].Amount
		}
		m.Communes = append(m.Communes, c)
		m.Totals.Rows += c.Rows
		m.Totals.Demand += c.Demand
		if !c.OnTime {
			m.Late = append(m.Late, c.CommuneCode)
		}
		if !want[c.CommuneCode] {
			m.Unexpected = append(m.Unexpected, c.CommuneCode)
		}
	}
	m.Totals.DemandByPurpose = purposeDemands(byPurpose)
	for c := range want {
		if !seen[c] {
			m.Missing = append(m.Missing, c)
		}
	}
	slices.SortFunc(m.Communes, func(a, b CommuneRound) int { return cmp.Compare(a.CommuneCode, b.CommuneCode) })
	slices.Sort(m.Missing)
	slices.Sort(m.Late)
	slices.Sort(m.Unexpected)
	m.SharedPeople = sharedPeople(lists)
	return m, nil
}

// purposeDemands returns the demand of each purpose of credit.Purposes(),
// in that order, zero when none.
func purposeDemands(byPurpose map[credit.Purpose]credit.VND) []PurposeDemand {
	ps := credit.Purposes()
	out := make([]PurposeDemand, len(ps))
	for i, p := range ps {
		out[i] = PurposeDemand{Purpose: p, Demand: byPurpose[p]}
	}
	return out
}

// sharedPeople finds the ID numbers on the lists of more than one commune
// and returns where they are, without the numbers, sorted by communes and
// then by rows. The lists are valid and of distinct communes: a number is
// on at most one row of a list.
func sharedPeople(lists []forms.List01) []SharedPerson {
	at := make(map[string][]RowRef)
	for i := range lists {
		for j := range lists[i].Rows {
			id := lists[i].Rows[j].IDNumber
			at[id] = append(at[id], RowRef{List: i, Row: j})
		}
	}
	out := []SharedPerson{}
	for _, refs := range at {
		communes := make([]string, 0, len(refs))
		for _, r := range refs {
			communes = append(communes, lists[r.List].CommuneCode)
		}
		slices.Sort(communes)
		communes = slices.Compact(communes)
		if len(communes) < 2 {
			continue
		}
		out = append(out, SharedPerson{Communes: communes, Rows: refs}) // refs are by list, then row
	}
	slices.SortFunc(out, func(a, b SharedPerson) int {
		if c := slices.Compare(a.Communes, b.Communes); c != 0 {
			return c
		}
		return slices.CompareFunc(a.Rows, b.Rows, compareRowRef)
	})
	return out
}

func compareRowRef(a, b RowRef) int {
	if c := cmp.Compare(a.List, b.List); c != 0 {
		return c
	}
	return cmp.Compare(a.Row, b.Row)
}

// checkLists validates every list with forms.Validate01 and adds its
// problems to pr under /lists/i; a valid-looking list whose period fails
// ofReport gets code at /lists/i/period (unless its period already has a
// problem). Last, it refuses lists whose amounts add up to more than
// credit.MaxVND, so that no sum of a report can overflow. It stops once pr
// is full (more than MaxProblems problems) and then reports false.
func checkLists(pr *credit.Problems, b *credit.Book, lists []forms.List01, ofReport func(*forms.List01) bool,
	code string, msg credit.Text) bool {
	var total credit.VND
	for i := range lists {
		if full(*pr) {
			return false
		}
		l := &lists[i]
		base := listPointer(i)
		err := forms.Validate01(b, l)
		var ps credit.Problems
		switch {
		case err == nil:
		case errors.As(err, &ps):
			for _, e := range ps {
				if full(*pr) {
					return false // a list cut at forms.MaxProblems is cut here too
				}
				fe := *e
				fe.Pointer = base + e.Pointer
				*pr = append(*pr, &fe)
			}
		default:
			pr.Add(base, credit.CodeInvalidType, credit.Text{VI: "Danh sách không hợp lệ.", EN: "Invalid list."}, err)
		}
		if !ps.Has("/period") && !l.Period.IsZero() && !ofReport(l) {
			pr.Add(base+"/period", code, msg, ErrLists)
		}
		for j := range l.Rows {
			if a := l.Rows[j].Amount; a > 0 && a <= credit.MaxVND && total <= credit.MaxVND {
				total += a
			}
		}
	}
	if total > credit.MaxVND {
		pr.Add("/lists", credit.CodeOutOfRange, msgTotalTooLarge, credit.ErrAmountTooLarge)
	}
	return !full(*pr)
}

// listPointer is the JSON pointer of lists[i] in a report's request.
func listPointer(i int) string { return "/lists/" + strconv.Itoa(i) }

// periodCompare orders periods by year, then month.
func periodCompare(a, b forms.Period) int {
	if c := cmp.Compare(a.Year, b.Year); c != 0 {
		return c
	}
	return cmp.Compare(a.Month, b.Month)
}

// validYear reports whether y can be the year of a list (forms.ParsePeriod
// reads years 2000 to 9999).
func validYear(y int) bool { return y >= 2000 && y <= 9999 }
