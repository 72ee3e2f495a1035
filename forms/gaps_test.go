package forms_test

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// badTexts are texts credit.ValidText refuses, one of each kind; goodTexts
// texts with the characters it lets through that look like control ones.
var (
	badTexts = map[string]string{
		"NUL":              "Lò Văn\x00Hùng",
		"U+001F":           "Lò Văn\x1fHùng",
		"DEL":              "Lò Văn\x7fHùng",
		"U+0085":           "Lò Văn\u0085Hùng",
		"U+FFFD":           "L\ufffd V\ufffdn H\ufffdng",
		"invalid UTF-8":    "L\xf2 V\xe3n",
		"U+FFFF":           "Lò\uffff",
		"a lone U+0085":    "\u0085", // a space to strings.TrimSpace: still reported as text, not as blank
		"too long and NUL": strings.Repeat("a", 600) + "\x00",
	}
	goodTexts = map[string]string{
		"tab":             "Lò\tHùng", // short: commune_code holds 10
		"line feed":       "Lò\nHùng",
		"carriage return": "Lò\r\nHùng",
		"U+00A0":          "Lò\u00a0Văn",
	}
)

// setString sets the string field whose form name is key in the struct v
// points to.
func setString(t *testing.T, v any, key, s string) {
	t.Helper()
	rv := reflect.ValueOf(v).Elem()
	for i := 0; i < rv.NumField(); i++ {
		if rv.Type().Field(i).Tag.Get("form") == key {
			rv.Field(i).SetString(s)
			return
		}
	}
	t.Fatalf("%T has no field %q", v, key)
}

// stringFields are the form names of the string fields of the struct type
// of v.
func stringFields(v any) []string {
	var out []string
	rt := reflect.TypeOf(v).Elem()
	for i := 0; i < rt.NumField(); i++ {
		if f := rt.Field(i); f.Type.Kind() == reflect.String {
			out = append(out, f.Tag.Get("form"))
		}
	}
	return out
}

// Every text field of the forms is checked as text, first, so that a
// damaged value is reported once, as what it is. A field added later
// without the check fails here.
func TestEveryTextFieldIsCheckedAsText(t *testing.T) {
	for _, v := range []any{&forms.List01{}, &forms.Row01{}, &forms.Plan02{}, &forms.Worker02{}} {
		rt := reflect.TypeOf(v).Elem()
		for i := 0; i < rt.NumField(); i++ {
			f := rt.Field(i)
			if f.Type.Kind() != reflect.String {
				continue
			}
			if tag := f.Tag.Get("validate"); tag != "text" && !strings.HasPrefix(tag, "text,") {
				t.Errorf("%s.%s: validate tag %q does not begin with text", rt.Name(), f.Name, tag)
			}
		}
	}
}

// One problem per bad field, at its pointer, whatever else is wrong with
// it; the same field with a tab or a line break is fine.
func TestValidate01InvalidText(t *testing.T) {
	book := credit.DefaultBook()
	type target struct {
		ptr string
		set func(l *forms.List01, s string)
	}
	var targets []target
	for _, key := range stringFields(&forms.List01{}) {
		targets = append(targets, target{"/" + key, func(l *forms.List01, s string) { setString(t, l, key, s) }})
	}
	for _, key := range stringFields(&forms.Row01{}) {
		targets = append(targets, target{"/rows/1/" + key, func(l *forms.List01, s string) { setString(t, &l.Rows[1], key, s) }})
	}
	if len(targets) != 10 {
		t.Fatalf("%d text fields; the test expects the 5 of the header and the 5 of a row", len(targets))
	}
	for _, tg := range targets {
		for name, s := range badTexts {
			t.Run(tg.ptr+"/"+name, func(t *testing.T) {
				l := fxList01()
				l.Rows = append(l.Rows, fxRow01Training())
				tg.set(l, s)
				err := forms.Validate01(book, l)
				fxCheck(t, err, fxP(tg.ptr, credit.CodeInvalidText))
				if e := fxFind(t, err, tg.ptr, credit.CodeInvalidText); e.Message != credit.MsgInvalidText {
					t.Errorf("message %+v", e.Message)
				}
			})
		}
		if strings.HasSuffix(tg.ptr, "id_number") {
			continue // the ID number is 12 digits: a tab is invalid_id_number
		}
		// Acceptable text, but no place: a province and a commune code
		// must also name real ones.
		var want []fxProblem
		switch tg.ptr {
		case "/province":
			want = []fxProblem{fxP(tg.ptr, forms.CodeProvinceMismatch)}
		case "/commune_code":
			want = []fxProblem{fxP(tg.ptr, forms.CodeUnknownCommune)}
		}
		for name, s := range goodTexts {
			t.Run(tg.ptr+"/"+name, func(t *testing.T) {
				l := fxList01()
				l.Rows = append(l.Rows, fxRow01Training())
				tg.set(l, s)
				fxCheck(t, forms.Validate01(book, l), want...)
			})
		}
	}
}

func TestValidate02InvalidText(t *testing.T) {
	book := credit.DefaultBook()
	var n int
	check := func(ptr string, set func(p *forms.Plan02)) {
		n++
		t.Run(ptr, func(t *testing.T) {
			p := fxPlan02()
			p.Workers = append(p.Workers, fxWorker02Female())
			set(p)
			fxCheck(t, forms.Validate02(book, p), fxP(ptr, credit.CodeInvalidText))
		})
	}
	for _, key := range stringFields(&forms.Plan02{}) {
		check("/"+key, func(p *forms.Plan02) { setString(t, p, key, "x\x00y") })
	}
	for _, key := range stringFields(&forms.Worker02{}) {
		check("/workers/1/"+key, func(p *forms.Plan02) { setString(t, &p.Workers[1], key, "\xff") })
	}
	if n != 14 {
		t.Errorf("%d text fields; the test expects the 10 of the plan and the 4 of a worker", n)
	}
	// Control characters that are line breaks are text.
	p := fxPlan02()
	p.RepaymentPlan = "Năm 1: trả 30.000.000 đồng.\r\nNăm 2:\ttrả phần còn lại."
	fxCheck(t, forms.Validate02(book, p))
}

// The problems stay cut at MaxProblems when they are all damaged text.
func TestValidate01InvalidTextCapped(t *testing.T) {
	l := fxList01()
	l.Rows = make([]forms.Row01, 1500)
	for i := range l.Rows {
		r := fxRow01()
		r.IDNumber = "0120880" + strconv.Itoa(10000+i) // distinct: no duplicates
		r.FullName = "Lò\x00"
		l.Rows[i] = r
	}
	ps := fxProblemsOf(t, forms.Validate01(credit.DefaultBook(), l))
	if len(ps) != forms.MaxProblems+1 {
		t.Fatalf("%d problems, want %d", len(ps), forms.MaxProblems+1)
	}
	for i, e := range ps[:forms.MaxProblems] {
		if want := "/rows/" + strconv.Itoa(i) + "/full_name"; e.Pointer != want || e.Code != credit.CodeInvalidText {
			t.Fatalf("problem %d: %s %s, want %s invalid_text", i, e.Pointer, e.Code, want)
		}
	}
	if last := ps[forms.MaxProblems]; last.Pointer != "/rows" || last.Code != forms.CodeTooManyProblems {
		t.Errorf("last problem %s %s", last.Pointer, last.Code)
	}
}

// A CSV file's damaged cell is found by the validation and located at its
// line and column.
func TestReadCSV01InvalidTextLocated(t *testing.T) {
	row := strings.Replace(ioRow01, "Bản Nà Bó", "Bản Nà\x01Bó", 1)
	rows, origin, err := forms.ReadCSV01(strings.NewReader(ioHead01+row), 0)
	if err != nil {
		t.Fatal(err)
	}
	l := fxList01()
	l.Rows = rows
	err = forms.Validate01(credit.DefaultBook(), l)
	var ps credit.Problems
	if !errors.As(err, &ps) || len(ps) != 1 {
		t.Fatalf("Validate01 = %v, want one problem", err)
	}
	origin.Locate(ps)
	if e := ps[0]; e.Pointer != "/rows/0/residence" || e.Code != credit.CodeInvalidText || e.Row != 2 || e.Column != "F" {
		t.Errorf("problem %+v, want invalid_text at /rows/0/residence, line 2, column F", e)
	}
}

// rowBorn is the contract's row for a man born on dob: the ID number's
// century digit and year follow it, and the sentence is completed on
// completed (certificate the same day).
func rowBorn(dob, completed credit.Date) forms.Row01 {
	r := fxRow01()
	r.DateOfBirth = dob
	r.IDNumber = idFor(dob)
	r.CompletedOn, r.CertificateDate = completed, completed
	return r
}

// idFor is a Lai Châu ID number of a man born on dob.
func idFor(dob credit.Date) string {
	century := "0"
	if dob.Year() >= 2000 {
		century = "2"
	}
	return "012" + century + strconv.Itoa(dob.Year()%100 + 100)[1:] + "004512"
}

// The date of birth is possible on the list's date: from the same day 120
// years before to that day, both included. Without prepared_on the last
// day of the period stands in.
func TestValidate01DateOfBirthBounds(t *testing.T) {
	on := fxDate(2026, 11, 5)
	recent := fxDate(2022, 3, 15)
	withRow := func(r forms.Row01) func(l *forms.List01) {
		return func(l *forms.List01) { l.Rows[0] = r }
	}
	noDate := func(r forms.Row01) func(l *forms.List01) {
		return func(l *forms.List01) { l.PreparedOn = credit.Date{}; l.Rows[0] = r }
	}
	dob := "/rows/0/date_of_birth"
	required := fxP("/prepared_on", credit.CodeRequired)
	runV01(t, []v01Case{
		{"born on the list's date", nil, withRow(rowBorn(on, on)), nil},
		{"born the day after", nil, withRow(rowBorn(on.AddDays(1), on)), []fxProblem{fxP(dob, forms.CodeAfterPreparedOn)}},
		{"born exactly 120 years before", nil, withRow(rowBorn(fxDate(1906, 11, 5), recent)), nil},
		{"born the day before that", nil, withRow(rowBorn(fxDate(1906, 11, 4), recent)), []fxProblem{fxP(dob, credit.CodeOutOfRange)}},
		{"born in year 1", nil, withRow(rowBorn(fxDate(1, 1, 1), recent)), []fxProblem{fxP(dob, credit.CodeOutOfRange), fxP("/rows/0/id_number", forms.CodeIDBirthMismatch)}},
		{"no prepared_on: born on the period's last day", nil, noDate(rowBorn(fxDate(2026, 11, 30), fxDate(2026, 11, 30))), []fxProblem{required}},
		{"no prepared_on: born the day after", nil, noDate(rowBorn(fxDate(2026, 12, 1), fxDate(2026, 11, 30))), []fxProblem{required, fxP(dob, credit.CodeOutOfRange)}},
		{"no prepared_on: born in 2027", nil, noDate(rowBorn(fxDate(2027, 6, 1), fxDate(2027, 6, 1))), []fxProblem{required, fxP(dob, credit.CodeOutOfRange)}},
		{"no prepared_on: 120 years before the period's last day", nil, noDate(rowBorn(fxDate(1906, 11, 30), recent)), []fxProblem{required}},
		{"no prepared_on: the day before that", nil, noDate(rowBorn(fxDate(1906, 11, 29), recent)), []fxProblem{required, fxP(dob, credit.CodeOutOfRange)}},
		{"no prepared_on, no period: not checked", nil, func(l *forms.List01) {
			l.PreparedOn, l.Period = credit.Date{}, forms.Period{}
			l.Rows[0] = rowBorn(fxDate(2030, 1, 1), fxDate(2030, 1, 1))
		}, []fxProblem{required, fxP("/period", credit.CodeRequired)}},
	})
}

// A sentence cannot be completed before the person was born: a problem at
// completed_on, and the only one there.
func TestValidate01CompletedBeforeBirth(t *testing.T) {
	dob := fxDate(2022, 3, 15)
	completed := "/rows/0/completed_on"
	runV01(t, []v01Case{
		{"completed on the day of birth", nil, func(l *forms.List01) { l.Rows[0] = rowBorn(dob, dob) }, nil},
		{"completed the day before", nil, func(l *forms.List01) { l.Rows[0] = rowBorn(dob, dob.AddDays(-1)) },
			[]fxProblem{fxP(completed, credit.CodeBeforeBirth)}},
		{"long before: not also window_closed", nil, func(l *forms.List01) {
			l.Rows[0] = rowBorn(fxDate(1988, 3, 2), fxDate(1980, 1, 1))
		}, []fxProblem{fxP(completed, credit.CodeBeforeBirth)}},
		{"an impossible date of birth is not compared", nil, func(l *forms.List01) {
			l.Rows[0] = rowBorn(fxDate(2026, 11, 6), fxDate(2022, 3, 15))
		}, []fxProblem{fxP("/rows/0/date_of_birth", forms.CodeAfterPreparedOn)}},
	})
}

func TestValidate02DateOfBirth(t *testing.T) {
	on := fxDate(2026, 11, 5)
	born := func(dob, completed credit.Date) func(p *forms.Plan02) {
		return worker0(func(w *forms.Worker02) {
			w.DateOfBirth, w.IDNumber, w.CompletedOn = dob, idFor(dob), completed
		})
	}
	dob := "/workers/0/date_of_birth"
	runV02(t, []v02Case{
		{"born on the plan's date", nil, born(on, on), nil},
		{"born the day after", nil, born(on.AddDays(1), on), []fxProblem{fxP(dob, forms.CodeAfterPreparedOn)}},
		{"born exactly 120 years before", nil, born(fxDate(1906, 11, 5), fxDate(2023, 5, 20)), nil},
		{"born the day before that", nil, born(fxDate(1906, 11, 4), fxDate(2023, 5, 20)), []fxProblem{fxP(dob, credit.CodeOutOfRange)}},
		{"completed the day before birth", nil, born(fxDate(2023, 5, 21), fxDate(2023, 5, 20)),
			[]fxProblem{fxP("/workers/0/completed_on", credit.CodeBeforeBirth)}},
		{"completed on the day of birth", nil, born(fxDate(2023, 5, 20), fxDate(2023, 5, 20)), nil},
	})
}

// An amount of 0 reads as no amount: required, with a message that says
// what is asked, at least 1 đồng; 1 đồng passes.
func TestFormsAmountAtLeastOneDong(t *testing.T) {
	runV01(t, []v01Case{
		{"row amount 0", nil, row0(func(r *forms.Row01) { r.Amount = 0 }), []fxProblem{fxP("/rows/0/amount", credit.CodeRequired)}},
		{"row amount 1", nil, row0(func(r *forms.Row01) { r.Amount = 1 }), nil},
	})
	runV02(t, []v02Case{
		{"amount_requested 0", nil, func(p *forms.Plan02) { p.AmountRequested = 0 }, []fxProblem{fxP("/amount_requested", credit.CodeRequired)}},
		{"amount_requested 1", nil, func(p *forms.Plan02) { p.AmountRequested = 1 }, nil},
		{"capital_need 0", nil, func(p *forms.Plan02) { p.CapitalNeed, p.OwnCapital = 0, 0 }, []fxProblem{fxP("/capital_need", credit.CodeRequired)}},
		{"capital_need 1, own capital 0, 1 đồng asked", nil, func(p *forms.Plan02) { p.CapitalNeed, p.OwnCapital, p.AmountRequested = 1, 0, 1 }, nil},
		{"own_capital 0", nil, func(p *forms.Plan02) { p.OwnCapital = 0 }, nil},
	})
	l := fxList01()
	l.Rows[0].Amount = 0
	e := fxFind(t, forms.Validate01(credit.DefaultBook(), l), "/rows/0/amount", credit.CodeRequired)
	if !strings.Contains(e.Message.EN, "at least 1 đồng") || !strings.Contains(e.Message.VI, "1 đồng") {
		t.Errorf("message %+v", e.Message)
	}
}
