package forms_test

import (
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

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// Fixtures shared by the test files of this package. Their names start with
// fx so that they cannot clash with helpers of other test files here.

func fxDate(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// fxList01 is the example body of POST /v1/forms/01/validate (api-v1.md) as
// a List01: a valid list (TestValidate01ContractExample checks that it is
// the contract's example, read from testdata/cases/list01_api_example.json).
func fxList01() *forms.List01 {
	return &forms.List01{
		Province:    "Lai Châu",
		CommuneCode: "03424",
		CommuneName: "Xã Bản Bo",
		Period:      forms.Period{Year: 2026, Month: time.November},
		PreparedOn:  fxDate(2026, 11, 5),
		PreparedBy:  "Trưởng Công an xã",
		CertifiedBy: "Chủ tịch UBND xã",
		Rows:        []forms.Row01{fxRow01()},
	}
}

// fxRow01 is the row of the contract's example: born 1988, male, ID number
// 012 (Lai Châu) 0 (1900s, male) 88 (1988).
func fxRow01() forms.Row01 {
	return forms.Row01{
		FullName:        "Lò Văn Hùng",
		DateOfBirth:     fxDate(1988, 3, 2),
		Sex:             forms.Male,
		IDNumber:        "012088004512",
		Residence:       "Bản Nà Bó, xã Bản Bo",
		ReleaseBasis:    eligibility.Completion,
		CertificateNo:   "45/GCN",
		CertificateDate: fxDate(2022, 3, 15),
		CompletedOn:     fxDate(2022, 3, 15),
		Purpose:         credit.Production,
		Amount:          50_000_000,
	}
}

// fxRow01Training is a valid vocational-training row (worked case 4): special
// amnesty on 2024-09-02, a 10-month course, 40,000,000 đồng; ID number 012
// 1 (1900s, female) 95.
func fxRow01Training() forms.Row01 {
	return forms.Row01{
		FullName:        "Lò Thị Mai",
		DateOfBirth:     fxDate(1995, 7, 10),
		Sex:             forms.Female,
		IDNumber:        "012195003311",
		Residence:       "Bản Bo, xã Bản Bo",
		ReleaseBasis:    eligibility.SpecialAmnesty,
		CertificateNo:   "07/GCNĐX",
		CertificateDate: fxDate(2024, 9, 2),
		CompletedOn:     fxDate(2024, 9, 2),
		Purpose:         credit.VocationalTraining,
		Amount:          40_000_000,
		CourseMonths:    10,
		Note:            "Học nghề sửa chữa xe máy",
	}
}

// fxRow01Young is a valid row of someone born in the 2000s: ID number 012 2
// (2000s, male) 01.
func fxRow01Young() forms.Row01 {
	return forms.Row01{
		FullName:        "Vàng A Dính",
		DateOfBirth:     fxDate(2001, 1, 20),
		Sex:             forms.Male,
		IDNumber:        "012201000789",
		Residence:       "Bản Nậm Ngập, xã Bản Bo",
		ReleaseBasis:    eligibility.Completion,
		CertificateNo:   "112/GCN",
		CertificateDate: fxDate(2025, 1, 10),
		CompletedOn:     fxDate(2025, 1, 10),
		Purpose:         credit.Production,
		Amount:          100_000_000,
	}
}

// fxPlan02 is a valid Mẫu 02 plan for worked case 7: a household business
// with 10 workers, one of them a qualifying ex-prisoner, confirmed by the
// commune, asking 100,000,000 đồng.
func fxPlan02() *forms.Plan02 {
	return &forms.Plan02{
		Province:            "Lai Châu",
		CommuneCode:         "03424",
		CommuneName:         "Xã Bản Bo",
		PreparedOn:          fxDate(2026, 11, 5),
		Name:                "Hộ kinh doanh đồ gỗ Bản Bo",
		Kind:                eligibility.HouseholdBusiness,
		RegistrationNo:      "12H8001234",
		Address:             "Bản Nà Bó, xã Bản Bo",
		LegalRepresentative: "Tòng Văn Khánh",
		TotalWorkers:        10,
		Workers:             []forms.Worker02{fxWorker02()},
		Purpose:             credit.Production,
		CapitalNeed:         300_000_000,
		OwnCapital:          100_000_000,
		AmountRequested:     100_000_000,
		TermMonths:          36,
		RepaymentPlan:       "Trả gốc 6 tháng một lần từ doanh thu bán đồ gỗ.",
		ConfirmedOn:         fxDate(2026, 11, 10),
		ConfirmedBy:         "Chủ tịch UBND xã",
	}
}

// fxWorker02 is a worker who qualifies on 2026-11-05: completion on
// 2023-05-20, on the commune list, a labour contract of 2026-10-01.
func fxWorker02() forms.Worker02 {
	return forms.Worker02{
		FullName:      "Lường Văn Sáng",
		DateOfBirth:   fxDate(1990, 5, 20),
		Sex:           forms.Male,
		IDNumber:      "012090001234",
		ReleaseBasis:  eligibility.Completion,
		CertificateNo: "12/GCN",
		CompletedOn:   fxDate(2023, 5, 20),
		OnCommuneList: eligibility.Yes,
		ContractNo:    "01/2026/HĐLĐ",
		ContractDate:  fxDate(2026, 10, 1),
	}
}

// fxWorker02Female is a second qualifying worker (special amnesty; ID number
// 012 1 98).
func fxWorker02Female() forms.Worker02 {
	return forms.Worker02{
		FullName:      "Tòng Thị Lan",
		DateOfBirth:   fxDate(1998, 8, 8),
		Sex:           forms.Female,
		IDNumber:      "012198005678",
		ReleaseBasis:  eligibility.SpecialAmnesty,
		CertificateNo: "03/GCNĐX",
		CompletedOn:   fxDate(2024, 9, 2),
		OnCommuneList: eligibility.Yes,
		ContractNo:    "02/2026/HĐLĐ",
		ContractDate:  fxDate(2026, 10, 1),
	}
}

// fxWorkerN returns the n-th of many distinct qualifying workers (n < 100000).
func fxWorkerN(n int) forms.Worker02 {
	w := fxWorker02()
	w.FullName = fmt.Sprintf("Người lao động %d", n)
	w.IDNumber = fmt.Sprintf("0120900%05d", n)
	w.CertificateNo = fmt.Sprintf("%d/GCN", n)
	w.ContractNo = fmt.Sprintf("%d/2026/HĐLĐ", n)
	return w
}

// fxSensitive are the names and ID numbers of the fixtures: no message may
// quote them.
var fxSensitive = []string{
	"Lò Văn Hùng", "012088004512", "Lò Thị Mai", "012195003311", "Vàng A Dính", "012201000789",
	"Lường Văn Sáng", "012090001234", "Tòng Thị Lan", "012198005678", "Tòng Văn Khánh",
	"013088004512", "012188004512", "0120900",
}

type fxProblem struct{ Pointer, Code string }

func (p fxProblem) String() string { return p.Pointer + " " + p.Code }

func fxP(pointer, code string) fxProblem { return fxProblem{pointer, code} }

// fxProblemsOf returns the problems of err (nil for nil), failing unless err
// is a credit.Problems whose every problem is an ErrInvalid with messages in
// both languages that quote no name or ID number of the fixtures.
func fxProblemsOf(t *testing.T, err error) credit.Problems {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	if len(ps) == 0 {
		t.Fatalf("non-nil error with no problems")
	}
	for _, e := range ps {
		if !errors.Is(e, credit.ErrInvalid) {
			t.Errorf("%s %s: not an ErrInvalid", e.Pointer, e.Code)
		}
		if e.Message.VI == "" || e.Message.EN == "" {
			t.Errorf("%s %s: message missing in one language: %+v", e.Pointer, e.Code, e.Message)
		}
		for _, s := range fxSensitive {
			if strings.Contains(e.Message.VI, s) || strings.Contains(e.Message.EN, s) || strings.Contains(e.Error(), s) {
				t.Errorf("%s %s: message quotes %q: %+v", e.Pointer, e.Code, s, e.Message)
			}
		}
	}
	return ps
}

// fxCheck compares the (pointer, code) pairs of err with want, as multisets
// (the order found is not part of the contract).
func fxCheck(t *testing.T, err error, want ...fxProblem) {
	t.Helper()
	ps := fxProblemsOf(t, err)
	got := make([]fxProblem, len(ps))
	for i, e := range ps {
		got[i] = fxP(e.Pointer, e.Code)
	}
	cmp := func(a, b fxProblem) int {
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

// fxFind returns the problem at pointer with code.
func fxFind(t *testing.T, err error, pointer, code string) *credit.FieldError {
	t.Helper()
	for _, e := range fxProblemsOf(t, err) {
		if e.Pointer == pointer && e.Code == code {
			return e
		}
	}
	t.Fatalf("no problem %s %s in %v", pointer, code, err)
	return nil
}

// fxBookFrom returns the default book in which k is old until the day before
// from and new from then on.
func fxBookFrom(t *testing.T, k credit.Key, old, new int64, from credit.Date) *credit.Book {
	t.Helper()
	def := credit.DefaultBook()
	c := def.Series(k)[0].Citation
	b, err := def.With("test/"+k.String(), k, []credit.Span{
		{From: def.InForce(), To: from.AddDays(-1), Value: old, Citation: c},
		{From: from, Value: new, Citation: c},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fxBookWith returns the default book in which k has value v throughout.
func fxBookWith(t *testing.T, k credit.Key, v int64) *credit.Book {
	t.Helper()
	def := credit.DefaultBook()
	c := def.Series(k)[0].Citation
	b, err := def.With("test/"+k.String(), k, []credit.Span{{From: def.InForce(), Value: v, Citation: c}})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// knownBug skips the rest of a test that checks the behaviour a reported
// bug breaks, naming the bug; once the bug is fixed the check runs.
func knownBug(t *testing.T, broken bool, format string, args ...any) {
	t.Helper()
	if broken {
		t.Skipf("KNOWN BUG (reported, not fixed by the tests): "+format, args...)
	}
}

// apiList01 is the JSON shape of a Mẫu 01 list in api-v1 (the test's own
// reading of it; the domain types carry no JSON tags).
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

func (a *apiList01) list(t *testing.T) *forms.List01 {
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
	l := &forms.List01{Province: a.Province, CommuneCode: a.CommuneCode, CommuneName: a.CommuneName,
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
	return l
}

// The base case of these tests is the example of the HTTP contract, kept
// verbatim in testdata.
func TestValidate01ContractExample(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "cases", "list01_api_example.json"))
	if err != nil {
		t.Fatal(err)
	}
	var a apiList01
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&a); err != nil {
		t.Fatal(err)
	}
	l := a.list(t)
	if !reflect.DeepEqual(l, fxList01()) {
		t.Fatalf("fxList01 is not the contract's example:\n got  %+v\n want %+v", fxList01(), l)
	}
	if err := forms.Validate01(credit.DefaultBook(), l); err != nil {
		t.Fatalf("the contract's example is not valid: %v", err)
	}
}

func TestValidate01Valid(t *testing.T) {
	book := credit.DefaultBook()
	l := fxList01()
	l.Rows = append(l.Rows, fxRow01Training(), fxRow01Young())
	if err := forms.Validate01(book, l); err != nil {
		t.Fatalf("valid list: %v", err)
	}
}

// v01Case is one row of a Validate01 table: a change to the contract's
// example and the exact problems it must give.
type v01Case struct {
	name   string
	book   *credit.Book // nil: the default book
	change func(l *forms.List01)
	want   []fxProblem // nil: valid
}

func runV01(t *testing.T, tests []v01Case) {
	t.Helper()
	def := credit.DefaultBook()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := fxList01()
			tc.change(l)
			b := tc.book
			if b == nil {
				b = def
			}
			fxCheck(t, forms.Validate01(b, l), tc.want...)
		})
	}
}

// row0 changes the first row.
func row0(f func(r *forms.Row01)) func(l *forms.List01) {
	return func(l *forms.List01) { f(&l.Rows[0]) }
}

func TestValidate01Required(t *testing.T) {
	req := func(ptr string) []fxProblem { return []fxProblem{fxP(ptr, credit.CodeRequired)} }
	runV01(t, []v01Case{
		// The province is the commune's: an empty one is filled from
		// the commune code (TestValidate01Place).
		{"province is not required", nil, func(l *forms.List01) { l.Province = "" }, nil},
		{"commune_code", nil, func(l *forms.List01) { l.CommuneCode = "" }, req("/commune_code")},
		{"commune_name", nil, func(l *forms.List01) { l.CommuneName = "" }, req("/commune_name")},
		{"period", nil, func(l *forms.List01) { l.Period = forms.Period{} }, req("/period")},
		// Without a date there are no parameters: no window or cap checks,
		// and no date can be after it.
		{"prepared_on", nil, func(l *forms.List01) { l.PreparedOn = credit.Date{} }, req("/prepared_on")},
		{"prepared_by", nil, func(l *forms.List01) { l.PreparedBy = "" }, req("/prepared_by")},
		{"certified_by", nil, func(l *forms.List01) { l.CertifiedBy = "" }, req("/certified_by")},
		{"rows nil", nil, func(l *forms.List01) { l.Rows = nil }, req("/rows")},
		{"rows empty", nil, func(l *forms.List01) { l.Rows = []forms.Row01{} }, req("/rows")},
		{"full_name", nil, row0(func(r *forms.Row01) { r.FullName = "" }), req("/rows/0/full_name")},
		// A missing date of birth or sex skips the ID number's agreement
		// with it.
		{"date_of_birth", nil, row0(func(r *forms.Row01) { r.DateOfBirth = credit.Date{} }), req("/rows/0/date_of_birth")},
		{"sex", nil, row0(func(r *forms.Row01) { r.Sex = forms.SexUnknown }), req("/rows/0/sex")},
		{"id_number", nil, row0(func(r *forms.Row01) { r.IDNumber = "" }), req("/rows/0/id_number")},
		{"residence", nil, row0(func(r *forms.Row01) { r.Residence = "" }), req("/rows/0/residence")},
		{"release_basis", nil, row0(func(r *forms.Row01) { r.ReleaseBasis = eligibility.BasisUnknown }), req("/rows/0/release_basis")},
		{"certificate_no", nil, row0(func(r *forms.Row01) { r.CertificateNo = "" }), req("/rows/0/certificate_no")},
		{"certificate_date", nil, row0(func(r *forms.Row01) { r.CertificateDate = credit.Date{} }), req("/rows/0/certificate_date")},
		{"completed_on", nil, row0(func(r *forms.Row01) { r.CompletedOn = credit.Date{} }), req("/rows/0/completed_on")},
		{"purpose", nil, row0(func(r *forms.Row01) { r.Purpose = credit.PurposeUnknown }), req("/rows/0/purpose")},
		{"amount", nil, row0(func(r *forms.Row01) { r.Amount = 0 }), req("/rows/0/amount")},
		{"note is optional", nil, row0(func(r *forms.Row01) { r.Note = "" }), nil},
		{"empty list", nil, func(l *forms.List01) { *l = forms.List01{} }, []fxProblem{
			fxP("/commune_code", credit.CodeRequired),
			fxP("/commune_name", credit.CodeRequired), fxP("/period", credit.CodeRequired),
			fxP("/prepared_on", credit.CodeRequired), fxP("/prepared_by", credit.CodeRequired),
			fxP("/certified_by", credit.CodeRequired), fxP("/rows", credit.CodeRequired),
		}},
		{"empty row", nil, func(l *forms.List01) { l.Rows[0] = forms.Row01{} }, []fxProblem{
			fxP("/rows/0/full_name", credit.CodeRequired), fxP("/rows/0/date_of_birth", credit.CodeRequired),
			fxP("/rows/0/sex", credit.CodeRequired), fxP("/rows/0/id_number", credit.CodeRequired),
			fxP("/rows/0/residence", credit.CodeRequired), fxP("/rows/0/release_basis", credit.CodeRequired),
			fxP("/rows/0/certificate_no", credit.CodeRequired), fxP("/rows/0/certificate_date", credit.CodeRequired),
			fxP("/rows/0/completed_on", credit.CodeRequired), fxP("/rows/0/purpose", credit.CodeRequired),
			fxP("/rows/0/amount", credit.CodeRequired),
		}},
		{"second row", nil, func(l *forms.List01) {
			l.Rows = append(l.Rows, fxRow01Training())
			l.Rows[1].CertificateNo = ""
		}, req("/rows/1/certificate_no")},
	})
}

// Lengths are counted by go-playground/validator's max, which counts runes
// (Unicode code points), not bytes: 100 "ễ" are 300 bytes and still fit.
func TestValidate01TooLong(t *testing.T) {
	viet := func(n int) string { return strings.Repeat("ễ", n) }
	fields := []struct {
		ptr string
		max int
		set func(l *forms.List01, s string)
		// atMax: what a text of the longest length is refused for, being
		// no province or commune; the text one longer is only too long.
		atMax []fxProblem
	}{
		{"/province", 100, func(l *forms.List01, s string) { l.Province = s }, []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}},
		{"/commune_code", 10, func(l *forms.List01, s string) { l.CommuneCode = s }, []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}},
		{"/commune_name", 100, func(l *forms.List01, s string) { l.CommuneName = s }, nil},
		{"/prepared_by", 100, func(l *forms.List01, s string) { l.PreparedBy = s }, nil},
		{"/certified_by", 100, func(l *forms.List01, s string) { l.CertifiedBy = s }, nil},
		{"/rows/0/full_name", 100, func(l *forms.List01, s string) { l.Rows[0].FullName = s }, nil},
		{"/rows/0/residence", 200, func(l *forms.List01, s string) { l.Rows[0].Residence = s }, nil},
		{"/rows/0/certificate_no", 50, func(l *forms.List01, s string) { l.Rows[0].CertificateNo = s }, nil},
		{"/rows/0/note", 500, func(l *forms.List01, s string) { l.Rows[0].Note = s }, nil},
	}
	var tests []v01Case
	for _, f := range fields {
		tests = append(tests,
			v01Case{fmt.Sprintf("%s %d characters", f.ptr, f.max), nil,
				func(l *forms.List01) { f.set(l, viet(f.max)) }, f.atMax},
			v01Case{fmt.Sprintf("%s %d characters", f.ptr, f.max+1), nil,
				func(l *forms.List01) { f.set(l, viet(f.max+1)) }, []fxProblem{fxP(f.ptr, forms.CodeTooLong)}},
		)
	}
	tests = append(tests,
		v01Case{"full_name 100 characters of Vietnamese words", nil,
			row0(func(r *forms.Row01) { r.FullName = strings.Repeat("Đặng", 25) }), nil},
		v01Case{"full_name 101 characters of Vietnamese words", nil,
			row0(func(r *forms.Row01) { r.FullName = strings.Repeat("Đặng", 25) + "ễ" }),
			[]fxProblem{fxP("/rows/0/full_name", forms.CodeTooLong)}},
		v01Case{"full_name 100 ASCII", nil, row0(func(r *forms.Row01) { r.FullName = strings.Repeat("a", 100) }), nil},
		v01Case{"full_name 101 ASCII", nil, row0(func(r *forms.Row01) { r.FullName = strings.Repeat("a", 101) }),
			[]fxProblem{fxP("/rows/0/full_name", forms.CodeTooLong)}},
		// Runes, not what a reader sees: a decomposed "é" (e + U+0301) is two.
		v01Case{"full_name 100 characters, one decomposed, is 101 runes", nil,
			row0(func(r *forms.Row01) { r.FullName = strings.Repeat("a", 99) + "e\u0301" }),
			[]fxProblem{fxP("/rows/0/full_name", forms.CodeTooLong)}},
	)
	runV01(t, tests)

	l := fxList01()
	l.Rows[0].FullName = viet(101)
	e := fxFind(t, forms.Validate01(credit.DefaultBook(), l), "/rows/0/full_name", forms.CodeTooLong)
	if want := (credit.Text{VI: "Quá dài: tối đa 100 ký tự.", EN: "Too long: at most 100 characters."}); e.Message != want {
		t.Errorf("message %+v, want %+v", e.Message, want)
	}
	if !errors.Is(e, forms.ErrForm) {
		t.Errorf("too_long is not an ErrForm")
	}
}

func TestValidate01IDNumber(t *testing.T) {
	id := func(s string) func(l *forms.List01) { return row0(func(r *forms.Row01) { r.IDNumber = s }) }
	at := "/rows/0/id_number"
	bad := func(codes ...string) []fxProblem {
		var ps []fxProblem
		for _, c := range codes {
			ps = append(ps, fxP(at, c))
		}
		return ps
	}
	runV01(t, []v01Case{
		{"valid", nil, id("012088004512"), nil},
		{"11 digits", nil, id("01208800451"), bad(credit.CodeInvalidID)},
		{"13 digits", nil, id("0120880045123"), bad(credit.CodeInvalidID)},
		{"a letter", nil, id("01208800451A"), bad(credit.CodeInvalidID)},
		{"a space inside", nil, id("012 88004512"), bad(credit.CodeInvalidID)},
		{"a leading space", nil, id(" 012088004512"), bad(credit.CodeInvalidID)},
		{"a full-width digit", nil, id("01208800451１"), bad(credit.CodeInvalidID)},
		{"province 013", nil, id("013088004512"), bad(forms.CodeIDProvince)},
		{"province 000", nil, id("000088004512"), bad(forms.CodeIDProvince)},
		{"year 89 for 1988", nil, id("012089004512"), bad(forms.CodeIDBirthMismatch)},
		{"century 2000 for 1988", nil, id("012288004512"), bad(forms.CodeIDBirthMismatch)},
		{"female digit for a man", nil, id("012188004512"), bad(forms.CodeIDSexMismatch)},
		{"date of birth 1989", nil, row0(func(r *forms.Row01) { r.DateOfBirth = fxDate(1989, 3, 2) }), bad(forms.CodeIDBirthMismatch)},
		{"last day of 1988", nil, row0(func(r *forms.Row01) { r.DateOfBirth = fxDate(1988, 12, 31) }), nil},
		{"first day of 1989", nil, row0(func(r *forms.Row01) { r.DateOfBirth = fxDate(1989, 1, 1) }), bad(forms.CodeIDBirthMismatch)},
		{"sex female", nil, row0(func(r *forms.Row01) { r.Sex = forms.Female }), bad(forms.CodeIDSexMismatch)},
		{"province, century, year and sex at once", nil, id("013389004512"),
			bad(forms.CodeIDProvince, forms.CodeIDBirthMismatch, forms.CodeIDSexMismatch)},
		{"province and sex", nil, id("097188004512"), bad(forms.CodeIDProvince, forms.CodeIDSexMismatch)},
		{"woman of the 2000s", nil, func(l *forms.List01) {
			l.Rows[0].DateOfBirth = fxDate(2000, 1, 1)
			l.Rows[0].Sex = forms.Female
			l.Rows[0].IDNumber = "012300004512"
		}, nil},
	})

	// The causes callers may branch on.
	l := fxList01()
	l.Rows[0].IDNumber = "01208800451"
	if err := forms.Validate01(credit.DefaultBook(), l); !errors.Is(err, forms.ErrIDFormat) {
		t.Errorf("invalid_id_number: %v is not ErrIDFormat", err)
	}
	l.Rows[0].IDNumber = "013088004512"
	if err := forms.Validate01(credit.DefaultBook(), l); !errors.Is(err, forms.ErrIDProvince) {
		t.Errorf("id_province: %v is not ErrIDProvince", err)
	}
}

func TestValidate01Duplicates(t *testing.T) {
	book := credit.DefaultBook()
	t.Run("second and third occurrence", func(t *testing.T) {
		l := fxList01()
		same := fxRow01()
		same.FullName = "Lò Văn Hưng" // another name, the same number
		l.Rows = append(l.Rows, fxRow01Training(), same, same)
		err := forms.Validate01(book, l)
		fxCheck(t, err,
			fxP("/rows/2/id_number", forms.CodeDuplicateID),
			fxP("/rows/3/id_number", forms.CodeDuplicateID))
		want := credit.Text{
			VI: "Số định danh trùng với dòng số 1 của danh sách.",
			EN: "The same ID number as row 1 of the list.",
		}
		for _, ptr := range []string{"/rows/2/id_number", "/rows/3/id_number"} {
			if e := fxFind(t, err, ptr, forms.CodeDuplicateID); e.Message != want {
				t.Errorf("%s: message %+v, want %+v (the first row, numbered from 1)", ptr, e.Message, want)
			}
		}
	})
	t.Run("first occurrence on the second row", func(t *testing.T) {
		l := fxList01()
		l.Rows = append(l.Rows, fxRow01Training(), fxRow01Training())
		err := forms.Validate01(book, l)
		fxCheck(t, err, fxP("/rows/2/id_number", forms.CodeDuplicateID))
		if e := fxFind(t, err, "/rows/2/id_number", forms.CodeDuplicateID); !strings.Contains(e.Message.VI, "dòng số 2") || !strings.Contains(e.Message.EN, "row 2") {
			t.Errorf("message %+v does not name row 2", e.Message)
		}
	})
	t.Run("missing numbers are not duplicates", func(t *testing.T) {
		l := fxList01()
		l.Rows = append(l.Rows, fxRow01Training())
		l.Rows[0].IDNumber, l.Rows[1].IDNumber = "", ""
		fxCheck(t, forms.Validate01(book, l),
			fxP("/rows/0/id_number", credit.CodeRequired), fxP("/rows/1/id_number", credit.CodeRequired))
	})
	t.Run("two pairs", func(t *testing.T) {
		l := fxList01()
		l.Rows = append(l.Rows, fxRow01Training(), fxRow01Training(), fxRow01())
		fxCheck(t, forms.Validate01(book, l),
			fxP("/rows/2/id_number", forms.CodeDuplicateID), fxP("/rows/3/id_number", forms.CodeDuplicateID))
	})
}

func TestValidate01Dates(t *testing.T) {
	// The list of the example is drawn up on 2026-11-05.
	completed := func(d credit.Date) func(l *forms.List01) {
		return row0(func(r *forms.Row01) { r.CompletedOn, r.CertificateDate = d, d })
	}
	on := func(prepared credit.Date, done credit.Date) func(l *forms.List01) {
		return func(l *forms.List01) {
			l.PreparedOn = prepared
			l.Period = forms.Period{Year: prepared.Year(), Month: prepared.Month()}
			l.Rows[0].CompletedOn, l.Rows[0].CertificateDate = done, done
		}
	}
	runV01(t, []v01Case{
		{"completed the day after the list", nil, row0(func(r *forms.Row01) { r.CompletedOn = fxDate(2026, 11, 6) }),
			[]fxProblem{fxP("/rows/0/completed_on", forms.CodeAfterPreparedOn)}},
		{"completed on the list's day", nil, completed(fxDate(2026, 11, 5)), nil},
		{"certificate the day after the list", nil, row0(func(r *forms.Row01) { r.CertificateDate = fxDate(2026, 11, 6) }),
			[]fxProblem{fxP("/rows/0/certificate_date", forms.CodeAfterPreparedOn)}},
		{"born after the list", nil, row0(func(r *forms.Row01) { r.DateOfBirth = fxDate(2026, 11, 6) }),
			[]fxProblem{fxP("/rows/0/date_of_birth", forms.CodeAfterPreparedOn), fxP("/rows/0/id_number", forms.CodeIDBirthMismatch)}},
		// Art. 3 cl. 2 pt. a: five years counted as the Civil Code does.
		{"window: last eligible day", nil, completed(fxDate(2021, 11, 5)), nil},
		{"window: one day late", nil, completed(fxDate(2021, 11, 4)),
			[]fxProblem{fxP("/rows/0/completed_on", forms.CodeWindowClosed)}},
		{"window: completed 29 February, list on 28 February", nil, on(fxDate(2029, 2, 28), fxDate(2024, 2, 29)), nil},
		{"window: completed 29 February, list on 1 March", nil, on(fxDate(2029, 3, 1), fxDate(2024, 2, 29)),
			[]fxProblem{fxP("/rows/0/completed_on", forms.CodeWindowClosed)}},
		{"window: completed 31 October, list on 31 October", nil, on(fxDate(2026, 10, 31), fxDate(2021, 10, 31)), nil},
		{"window: completed 31 October, list on 1 November", nil, on(fxDate(2026, 11, 1), fxDate(2021, 10, 31)),
			[]fxProblem{fxP("/rows/0/completed_on", forms.CodeWindowClosed)}},
		// QĐ22 came into force on 2023-10-10.
		{"prepared the day before the policy", nil, on(fxDate(2023, 10, 9), fxDate(2022, 3, 15)),
			[]fxProblem{fxP("/prepared_on", credit.CodeBeforePolicy)}},
		{"prepared the day the policy came into force", nil, on(fxDate(2023, 10, 10), fxDate(2022, 3, 15)), nil},
		{"before the policy, no window or cap check", nil, func(l *forms.List01) {
			on(fxDate(2023, 10, 9), fxDate(2017, 1, 1))(l)
			l.Rows[0].Amount = 900_000_000
		}, []fxProblem{fxP("/prepared_on", credit.CodeBeforePolicy)}},
	})

	// The window follows the book: with ReleaseWindowYears 6 the day that
	// was late is inside.
	l := fxList01()
	completed(fxDate(2021, 11, 4))(l)
	if err := forms.Validate01(fxBookWith(t, credit.ReleaseWindowYears, 6), l); err != nil {
		t.Errorf("6-year window: %v", err)
	}
	// Causes.
	l = fxList01()
	on(fxDate(2023, 10, 9), fxDate(2022, 3, 15))(l)
	if err := forms.Validate01(credit.DefaultBook(), l); !errors.Is(err, credit.ErrBeforePolicy) {
		t.Errorf("before_policy: %v is not ErrBeforePolicy", err)
	}
	l = fxList01()
	completed(fxDate(2021, 11, 4))(l)
	err := forms.Validate01(credit.DefaultBook(), l)
	if !errors.Is(err, forms.ErrForm) {
		t.Errorf("window_closed: %v is not ErrForm", err)
	}
	if e := fxFind(t, err, "/rows/0/completed_on", forms.CodeWindowClosed); !strings.Contains(e.Message.VI, "Điều 3 khoản 2 điểm a") {
		t.Errorf("window_closed message does not cite Art. 3 cl. 2 pt. a: %+v", e.Message)
	}
}

func TestValidate01ReleaseBasis(t *testing.T) {
	basis := func(b eligibility.ReleaseBasis) func(l *forms.List01) {
		return row0(func(r *forms.Row01) { r.ReleaseBasis = b })
	}
	runV01(t, []v01Case{
		{"completion", nil, basis(eligibility.Completion), nil},
		{"special amnesty", nil, basis(eligibility.SpecialAmnesty), nil},
		{"conditional release", nil, basis(eligibility.ConditionalRelease),
			[]fxProblem{fxP("/rows/0/release_basis", forms.CodeNotAllowed)}},
	})
}

func TestValidate01PurposeAndAmount(t *testing.T) {
	training := func(months int, amount credit.VND) func(l *forms.List01) {
		return row0(func(r *forms.Row01) { r.Purpose, r.CourseMonths, r.Amount = credit.VocationalTraining, months, amount })
	}
	production := func(amount credit.VND) func(l *forms.List01) {
		return row0(func(r *forms.Row01) { r.Purpose, r.Amount = credit.Production, amount })
	}
	at := func(key, code string) []fxProblem { return []fxProblem{fxP("/rows/0/"+key, code)} }
	runV01(t, []v01Case{
		{"training without course months", nil, training(0, 40_000_000), at("course_months", credit.CodeRequired)},
		{"training 1 month", nil, training(1, 4_000_000), nil},
		{"training 60 months", nil, training(60, 240_000_000), nil},
		{"training 61 months", nil, training(61, 40_000_000), at("course_months", credit.CodeOutOfRange)},
		{"training -1 months", nil, training(-1, 40_000_000), at("course_months", credit.CodeOutOfRange)},
		{"production with course months", nil, row0(func(r *forms.Row01) { r.CourseMonths = 10 }),
			at("course_months", forms.CodeNotApplicable)},
		{"amount 0", nil, production(0), at("amount", credit.CodeRequired)},
		{"amount -1", nil, production(-1), at("amount", credit.CodeNegative)},
		{"amount 1", nil, production(1), nil},
		{"amount above MaxVND", nil, production(credit.MaxVND + 1), at("amount", credit.CodeOutOfRange)},
		{"production 100,000,000", nil, production(100_000_000), nil},
		{"production 100,000,001", nil, production(100_000_001), at("amount", forms.CodeAboveCap)},
		{"training 10 months 40,000,000", nil, training(10, 40_000_000), nil},
		{"training 10 months 40,000,001", nil, training(10, 40_000_001), at("amount", forms.CodeAboveCap)},
		{"training 1 month 4,000,001", nil, training(1, 4_000_001), at("amount", forms.CodeAboveCap)},
		{"training 60 months 240,000,001", nil, training(60, 240_000_001), at("amount", forms.CodeAboveCap)},
		// An unusable course skips the cap, which depends on it.
		{"training 61 months, any amount", nil, training(61, 900_000_000), at("course_months", credit.CodeOutOfRange)},
		{"unknown purpose, any amount", nil, row0(func(r *forms.Row01) { r.Purpose, r.Amount = credit.PurposeUnknown, 900_000_000 }),
			at("purpose", credit.CodeRequired)},
	})

	book := credit.DefaultBook()
	l := fxList01()
	production(100_000_001)(l)
	e := fxFind(t, forms.Validate01(book, l), "/rows/0/amount", forms.CodeAboveCap)
	want := credit.Text{
		VI: "Vượt mức cho vay tối đa 100.000.000 đồng (Điều 6 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg).",
		EN: "Above the cap of 100.000.000 đồng (Decision 22/2023/QĐ-TTg, Article 6, clause 2, point a).",
	}
	if e.Message != want {
		t.Errorf("above_cap message %+v, want %+v", e.Message, want)
	}
	l = fxList01()
	training(10, 40_000_001)(l)
	if e := fxFind(t, forms.Validate01(book, l), "/rows/0/amount", forms.CodeAboveCap); !strings.Contains(e.Message.VI, "40.000.000 đồng") {
		t.Errorf("training above_cap message does not name 40.000.000: %+v", e.Message)
	}
	l = fxList01()
	production(-1)(l)
	if err := forms.Validate01(book, l); !errors.Is(err, credit.ErrNegativeAmount) {
		t.Errorf("negative: %v is not ErrNegativeAmount", err)
	}
}

// The caps are those the book holds on the list's date.
func TestValidate01CapFollowsBook(t *testing.T) {
	from := fxDate(2026, 7, 1)
	raised := fxBookFrom(t, credit.CapIndividual, 100_000_000, 150_000_000, from)
	dated := func(d credit.Date, amount credit.VND) func(l *forms.List01) {
		return func(l *forms.List01) {
			l.PreparedOn = d
			l.Period = forms.Period{Year: d.Year(), Month: d.Month()}
			l.Rows[0].Amount = amount
		}
	}
	above := []fxProblem{fxP("/rows/0/amount", forms.CodeAboveCap)}
	runV01(t, []v01Case{
		{"old cap, the day before", raised, dated(from.AddDays(-1), 120_000_000), above},
		{"old cap holds exactly", raised, dated(from.AddDays(-1), 100_000_000), nil},
		{"new cap, the day it starts", raised, dated(from, 120_000_000), nil},
		{"new cap holds exactly", raised, dated(from, 150_000_000), nil},
		{"new cap exceeded", raised, dated(from, 150_000_001), above},
		{"default book on the same day", nil, dated(from, 120_000_000), above},
	})
	l := fxList01()
	dated(from, 150_000_001)(l)
	if e := fxFind(t, forms.Validate01(raised, l), "/rows/0/amount", forms.CodeAboveCap); !strings.Contains(e.Message.VI, "150.000.000 đồng") {
		t.Errorf("message does not name the new cap: %+v", e.Message)
	}

	// The training cap per month too.
	perMonth := fxBookFrom(t, credit.CapTrainingPerMonth, 4_000_000, 5_000_000, from)
	l = fxList01()
	dated(from, 50_000_000)(l)
	l.Rows[0].Purpose, l.Rows[0].CourseMonths = credit.VocationalTraining, 10
	if err := forms.Validate01(perMonth, l); err != nil {
		t.Errorf("training cap 5,000,000 × 10: %v", err)
	}
	l.PreparedOn = from.AddDays(-1)
	fxCheck(t, forms.Validate01(perMonth, l), above...)
}

func TestValidate01Period(t *testing.T) {
	period := func(y int, m time.Month) func(l *forms.List01) {
		return func(l *forms.List01) { l.Period = forms.Period{Year: y, Month: m} }
	}
	invalid := []fxProblem{fxP("/period", forms.CodeInvalidPeriod)}
	runV01(t, []v01Case{
		{"month 13", nil, period(2026, 13), invalid},
		{"month 0", nil, period(2026, 0), invalid},
		{"month -1", nil, period(2026, -1), invalid},
		{"December", nil, period(2026, 12), nil},
		{"January", nil, period(2026, 1), nil},
		{"year 1999", nil, period(1999, 12), invalid},
		{"year 2000", nil, period(2000, 1), nil},
		{"year 9999", nil, period(9999, 12), nil},
		{"year 10000", nil, period(10000, 1), invalid},
	})
	l := fxList01()
	l.Period.Month = 13
	if err := forms.Validate01(credit.DefaultBook(), l); !errors.Is(err, forms.ErrPeriod) {
		t.Errorf("invalid_period: %v is not ErrPeriod", err)
	}
}

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		in   string
		want forms.Period
		ok   bool
	}{
		{"2026-11", forms.Period{Year: 2026, Month: 11}, true},
		{"2000-01", forms.Period{Year: 2000, Month: 1}, true},
		{"9999-12", forms.Period{Year: 9999, Month: 12}, true},
		{"2026-13", forms.Period{}, false},
		{"2026-00", forms.Period{}, false},
		{"1999-12", forms.Period{}, false},
		{"2026-1", forms.Period{}, false},
		{"26-11", forms.Period{}, false},
		{"2026/11", forms.Period{}, false},
		{"+026-11", forms.Period{}, false},
		{"2026-+1", forms.Period{}, false},
		{"2026-11-05", forms.Period{}, false},
		{"", forms.Period{}, false},
	}
	for _, tc := range tests {
		got, err := forms.ParsePeriod(tc.in)
		if got != tc.want || (err == nil) != tc.ok || (err != nil && !errors.Is(err, forms.ErrPeriod)) {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v, ok %v", tc.in, got, err, tc.want, tc.ok)
		}
		if tc.ok && got.String() != tc.in {
			t.Errorf("Period(%q).String() = %q", tc.in, got.String())
		}
	}
	if s := (forms.Period{}).String(); s != "" {
		t.Errorf("zero Period writes %q", s)
	}
	for _, tc := range []struct {
		in   string
		want forms.Sex
		ok   bool
	}{{"male", forms.Male, true}, {"female", forms.Female, true}, {"", forms.SexUnknown, false}, {"Male", forms.SexUnknown, false}, {"nam", forms.SexUnknown, false}} {
		if got, ok := forms.ParseSex(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("ParseSex(%q) = %v, %v", tc.in, got, ok)
		}
		if tc.ok && tc.want.String() != tc.in {
			t.Errorf("%v.String() = %q", tc.want, tc.want.String())
		}
	}
}

func TestValidate01Rows(t *testing.T) {
	book := credit.DefaultBook()
	t.Run("MaxRows+1", func(t *testing.T) {
		l := fxList01()
		l.Rows = make([]forms.Row01, forms.MaxRows+1) // empty rows: only the count is reported
		fxCheck(t, forms.Validate01(book, l), fxP("/rows", credit.CodeOutOfRange))
	})
	t.Run("MaxRows", func(t *testing.T) {
		if testing.Short() {
			t.Skip("100,000 rows")
		}
		l := fxList01()
		l.Rows = make([]forms.Row01, forms.MaxRows)
		for i := range l.Rows {
			l.Rows[i] = fxRow01()
			l.Rows[i].IDNumber = fmt.Sprintf("012088%06d", i)
		}
		if err := forms.Validate01(book, l); err != nil {
			t.Fatalf("%d valid rows: %.300v", forms.MaxRows, err)
		}
	})
}

// Every problem of every row is reported at once, and no message quotes a
// name or an ID number.
func TestValidate01ManyProblems(t *testing.T) {
	l := fxList01()
	l.CertifiedBy = ""
	l.Period.Month = 13
	r0 := &l.Rows[0]
	r0.IDNumber = "013088004512" // not a province
	r0.Amount = 0
	r0.CourseMonths = 5 // production
	r1 := fxRow01Training()
	r1.CourseMonths = 61
	r1.CompletedOn = fxDate(2026, 12, 1)
	r1.Sex = forms.Male // the number says female
	r2 := fxRow01Young()
	r2.FullName = ""
	r2.IDNumber = "013088004512" // row 1's number, which says 1988
	l.Rows = append(l.Rows, r1, r2)

	err := forms.Validate01(credit.DefaultBook(), l)
	fxCheck(t, err,
		fxP("/certified_by", credit.CodeRequired),
		fxP("/period", forms.CodeInvalidPeriod),
		fxP("/rows/0/id_number", forms.CodeIDProvince),
		fxP("/rows/0/course_months", forms.CodeNotApplicable),
		fxP("/rows/0/amount", credit.CodeRequired),
		fxP("/rows/1/id_number", forms.CodeIDSexMismatch),
		fxP("/rows/1/completed_on", forms.CodeAfterPreparedOn),
		fxP("/rows/1/course_months", credit.CodeOutOfRange),
		fxP("/rows/2/full_name", credit.CodeRequired),
		fxP("/rows/2/id_number", forms.CodeIDProvince),
		fxP("/rows/2/id_number", forms.CodeIDBirthMismatch),
		fxP("/rows/2/id_number", forms.CodeDuplicateID),
	)
	// fxProblemsOf checked each message; the summary must not leak either.
	var values []string
	for _, r := range l.Rows {
		values = append(values, r.FullName, r.IDNumber, r.Residence, r.CertificateNo)
	}
	for _, v := range values {
		if v != "" && strings.Contains(err.Error(), v) {
			t.Errorf("the error quotes %q: %v", v, err)
		}
	}
	var ps credit.Problems
	errors.As(err, &ps)
	for _, e := range ps {
		for _, v := range values {
			if v != "" && (strings.Contains(e.Message.VI, v) || strings.Contains(e.Message.EN, v)) {
				t.Errorf("%s %s quotes %q", e.Pointer, e.Code, v)
			}
		}
	}
}

// Values a Go caller can set outside the enumerations (the JSON decoder
// cannot produce them) should not pass as valid.
func TestValidate01OutOfRangeChoices(t *testing.T) {
	book := credit.DefaultBook()
	tests := []struct {
		name   string
		change func(r *forms.Row01)
		ptr    string
	}{
		{"purpose 3", func(r *forms.Row01) { r.Purpose = 3 }, "/rows/0/purpose"},
		{"release basis 9", func(r *forms.Row01) { r.ReleaseBasis = 9 }, "/rows/0/release_basis"},
		{"sex 3", func(r *forms.Row01) { r.Sex = 3 }, "/rows/0/sex"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := fxList01()
			tc.change(&l.Rows[0])
			err := forms.Validate01(book, l)
			var ps credit.Problems
			errors.As(err, &ps)
			knownBug(t, !ps.Has(tc.ptr), "forms/validate.go Validate01 accepts %s (problems at %s: none; got %v), want a problem at %s", tc.name, tc.ptr, err, tc.ptr)
		})
	}
}

// A required text of spaces only is as good as missing.
func TestValidate01BlankText(t *testing.T) {
	l := fxList01()
	l.Rows[0].FullName = "   "
	err := forms.Validate01(credit.DefaultBook(), l)
	knownBug(t, err == nil, "forms/validate.go: validator's required accepts full_name \"   \" (got nil), want required at /rows/0/full_name")
	fxCheck(t, err, fxP("/rows/0/full_name", credit.CodeRequired))
}

// ---- Mẫu 02 ----

type v02Case struct {
	name   string
	book   *credit.Book
	change func(p *forms.Plan02)
	want   []fxProblem
}

func runV02(t *testing.T, tests []v02Case) {
	t.Helper()
	def := credit.DefaultBook()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := fxPlan02()
			tc.change(p)
			b := tc.book
			if b == nil {
				b = def
			}
			fxCheck(t, forms.Validate02(b, p), tc.want...)
		})
	}
}

func worker0(f func(w *forms.Worker02)) func(p *forms.Plan02) {
	return func(p *forms.Plan02) { f(&p.Workers[0]) }
}

func TestValidate02Valid(t *testing.T) {
	if err := forms.Validate02(credit.DefaultBook(), fxPlan02()); err != nil {
		t.Fatalf("valid plan: %v", err)
	}
	p := fxPlan02()
	p.Workers = append(p.Workers, fxWorker02Female())
	p.Collateral = "Quyền sử dụng đất"
	if err := forms.Validate02(credit.DefaultBook(), p); err != nil {
		t.Fatalf("valid plan with two workers: %v", err)
	}
}

func TestValidate02Required(t *testing.T) {
	req := func(ptr string) []fxProblem { return []fxProblem{fxP(ptr, credit.CodeRequired)} }
	runV02(t, []v02Case{
		{"province is not required", nil, func(p *forms.Plan02) { p.Province = "" }, nil},
		{"commune_code", nil, func(p *forms.Plan02) { p.CommuneCode = "" }, req("/commune_code")},
		{"commune_name", nil, func(p *forms.Plan02) { p.CommuneName = "" }, req("/commune_name")},
		{"prepared_on", nil, func(p *forms.Plan02) { p.PreparedOn = credit.Date{} }, req("/prepared_on")},
		{"name", nil, func(p *forms.Plan02) { p.Name = "" }, req("/name")},
		{"kind", nil, func(p *forms.Plan02) { p.Kind = eligibility.KindUnknown }, req("/kind")},
		{"registration_no", nil, func(p *forms.Plan02) { p.RegistrationNo = "" }, req("/registration_no")},
		{"address", nil, func(p *forms.Plan02) { p.Address = "" }, req("/address")},
		{"legal_representative", nil, func(p *forms.Plan02) { p.LegalRepresentative = "" }, req("/legal_representative")},
		{"total_workers", nil, func(p *forms.Plan02) { p.TotalWorkers = 0 }, req("/total_workers")},
		{"workers nil", nil, func(p *forms.Plan02) { p.Workers = nil }, req("/workers")},
		{"purpose", nil, func(p *forms.Plan02) { p.Purpose = credit.PurposeUnknown }, req("/purpose")},
		{"capital_need", nil, func(p *forms.Plan02) { p.CapitalNeed = 0 }, req("/capital_need")},
		{"amount_requested", nil, func(p *forms.Plan02) { p.AmountRequested = 0 }, req("/amount_requested")},
		{"term_months", nil, func(p *forms.Plan02) { p.TermMonths = 0 }, req("/term_months")},
		{"repayment_plan", nil, func(p *forms.Plan02) { p.RepaymentPlan = "" }, req("/repayment_plan")},
		{"own capital, collateral and confirmation are optional", nil, func(p *forms.Plan02) {
			p.OwnCapital, p.Collateral, p.ConfirmedOn, p.ConfirmedBy = 0, "", credit.Date{}, ""
		}, nil},
		{"worker full_name", nil, worker0(func(w *forms.Worker02) { w.FullName = "" }), req("/workers/0/full_name")},
		{"worker date_of_birth", nil, worker0(func(w *forms.Worker02) { w.DateOfBirth = credit.Date{} }), req("/workers/0/date_of_birth")},
		{"worker sex", nil, worker0(func(w *forms.Worker02) { w.Sex = forms.SexUnknown }), req("/workers/0/sex")},
		{"worker id_number", nil, worker0(func(w *forms.Worker02) { w.IDNumber = "" }), req("/workers/0/id_number")},
		{"worker release_basis", nil, worker0(func(w *forms.Worker02) { w.ReleaseBasis = eligibility.BasisUnknown }), req("/workers/0/release_basis")},
		{"worker certificate_no", nil, worker0(func(w *forms.Worker02) { w.CertificateNo = "" }), req("/workers/0/certificate_no")},
		{"worker completed_on", nil, worker0(func(w *forms.Worker02) { w.CompletedOn = credit.Date{} }), req("/workers/0/completed_on")},
		{"worker contract_no", nil, worker0(func(w *forms.Worker02) { w.ContractNo = "" }), req("/workers/0/contract_no")},
		{"worker contract_date", nil, worker0(func(w *forms.Worker02) { w.ContractDate = credit.Date{} }), req("/workers/0/contract_date")},
		{"worker on_commune_list is optional", nil, worker0(func(w *forms.Worker02) { w.OnCommuneList = eligibility.Unknown }), nil},
		{"empty plan", nil, func(p *forms.Plan02) { *p = forms.Plan02{} }, []fxProblem{
			fxP("/commune_code", credit.CodeRequired),
			fxP("/commune_name", credit.CodeRequired), fxP("/prepared_on", credit.CodeRequired),
			fxP("/name", credit.CodeRequired), fxP("/kind", credit.CodeRequired),
			fxP("/registration_no", credit.CodeRequired), fxP("/address", credit.CodeRequired),
			fxP("/legal_representative", credit.CodeRequired), fxP("/total_workers", credit.CodeRequired),
			fxP("/workers", credit.CodeRequired), fxP("/purpose", credit.CodeRequired),
			fxP("/capital_need", credit.CodeRequired), fxP("/amount_requested", credit.CodeRequired),
			fxP("/term_months", credit.CodeRequired), fxP("/repayment_plan", credit.CodeRequired),
		}},
		{"empty worker", nil, func(p *forms.Plan02) { p.Workers[0] = forms.Worker02{} }, []fxProblem{
			fxP("/workers/0/full_name", credit.CodeRequired), fxP("/workers/0/date_of_birth", credit.CodeRequired),
			fxP("/workers/0/sex", credit.CodeRequired), fxP("/workers/0/id_number", credit.CodeRequired),
			fxP("/workers/0/release_basis", credit.CodeRequired), fxP("/workers/0/certificate_no", credit.CodeRequired),
			fxP("/workers/0/completed_on", credit.CodeRequired), fxP("/workers/0/contract_no", credit.CodeRequired),
			fxP("/workers/0/contract_date", credit.CodeRequired),
		}},
	})
}

func TestValidate02TooLong(t *testing.T) {
	viet := func(n int) string { return strings.Repeat("ữ", n) }
	fields := []struct {
		ptr   string
		max   int
		set   func(p *forms.Plan02, s string)
		atMax []fxProblem // as in TestValidate01TooLong
	}{
		{"/province", 100, func(p *forms.Plan02, s string) { p.Province = s }, []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}},
		{"/commune_code", 10, func(p *forms.Plan02, s string) { p.CommuneCode = s }, []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}},
		{"/name", 200, func(p *forms.Plan02, s string) { p.Name = s }, nil},
		{"/registration_no", 50, func(p *forms.Plan02, s string) { p.RegistrationNo = s }, nil},
		{"/legal_representative", 100, func(p *forms.Plan02, s string) { p.LegalRepresentative = s }, nil},
		{"/repayment_plan", 1000, func(p *forms.Plan02, s string) { p.RepaymentPlan = s }, nil},
		{"/collateral", 500, func(p *forms.Plan02, s string) { p.Collateral = s }, nil},
		{"/confirmed_by", 100, func(p *forms.Plan02, s string) { p.ConfirmedBy = s }, nil},
		{"/workers/0/full_name", 100, func(p *forms.Plan02, s string) { p.Workers[0].FullName = s }, nil},
		{"/workers/0/contract_no", 50, func(p *forms.Plan02, s string) { p.Workers[0].ContractNo = s }, nil},
	}
	var tests []v02Case
	for _, f := range fields {
		tests = append(tests,
			v02Case{fmt.Sprintf("%s %d", f.ptr, f.max), nil, func(p *forms.Plan02) { f.set(p, viet(f.max)) }, f.atMax},
			v02Case{fmt.Sprintf("%s %d", f.ptr, f.max+1), nil, func(p *forms.Plan02) { f.set(p, viet(f.max+1)) },
				[]fxProblem{fxP(f.ptr, forms.CodeTooLong)}})
	}
	runV02(t, tests)
}

func TestValidate02Rules(t *testing.T) {
	one := func(ptr, code string) []fxProblem { return []fxProblem{fxP(ptr, code)} }
	// money sets the amounts, with collateral offered: what an amount above
	// 100,000,000 needs besides (TestValidate02Collateral).
	money := func(need, own, ask credit.VND) func(p *forms.Plan02) {
		return func(p *forms.Plan02) {
			p.CapitalNeed, p.OwnCapital, p.AmountRequested = need, own, ask
			p.Collateral = "Nhà xưởng và máy xẻ gỗ"
		}
	}
	runV02(t, []v02Case{
		{"kind large enterprise is for eligibility to refuse", nil, func(p *forms.Plan02) { p.Kind = eligibility.LargeEnterprise }, nil},
		{"purpose vocational training", nil, func(p *forms.Plan02) { p.Purpose = credit.VocationalTraining },
			one("/purpose", forms.CodeNotAllowed)},
		{"total workers -1", nil, func(p *forms.Plan02) { p.TotalWorkers = -1 }, one("/total_workers", credit.CodeOutOfRange)},
		{"total workers 1,000,001", nil, func(p *forms.Plan02) { p.TotalWorkers = 1_000_001 }, one("/total_workers", credit.CodeOutOfRange)},
		{"total workers 1,000,000", nil, func(p *forms.Plan02) { p.TotalWorkers = 1_000_000 }, nil},
		{"total workers 1, one listed", nil, func(p *forms.Plan02) { p.TotalWorkers = 1 }, nil},
		{"total workers 1, two listed", nil, func(p *forms.Plan02) {
			p.TotalWorkers = 1
			p.Workers = append(p.Workers, fxWorker02Female())
		}, one("/workers", forms.CodeExceedsTotalWorker)},
		{"total workers 2, two listed", nil, func(p *forms.Plan02) {
			p.TotalWorkers = 2
			p.Workers = append(p.Workers, fxWorker02Female())
		}, nil},
		{"no workers listed", nil, func(p *forms.Plan02) { p.Workers = []forms.Worker02{} }, one("/workers", credit.CodeRequired)},
		// Money: need 300,000,000, own 100,000,000 leaves 200,000,000.
		{"own capital above need", nil, money(300_000_000, 300_000_001, 100_000_000), one("/own_capital", forms.CodeAboveNeed)},
		{"own capital equals need", nil, money(300_000_000, 300_000_000, 100_000_000), one("/amount_requested", forms.CodeAboveNeed)},
		{"own capital negative", nil, money(300_000_000, -1, 100_000_000), one("/own_capital", credit.CodeNegative)},
		{"own capital 0", nil, money(300_000_000, 0, 100_000_000), nil},
		{"asks need less own", nil, money(300_000_000, 100_000_000, 200_000_000), nil},
		{"asks 1 more than need less own", nil, money(300_000_000, 100_000_000, 200_000_001), one("/amount_requested", forms.CodeAboveNeed)},
		{"amount requested negative", nil, money(300_000_000, 100_000_000, -1), one("/amount_requested", credit.CodeNegative)},
		{"capital need negative", nil, money(-1, 0, 100_000_000), one("/capital_need", credit.CodeNegative)},
		{"capital need above MaxVND", nil, money(credit.MaxVND+1, 0, 100_000_000), one("/capital_need", credit.CodeOutOfRange)},
		// Cap (all-workers reading): min(2,000,000,000, 100,000,000 × 10).
		{"cap 10 workers exactly", nil, money(3_000_000_000, 0, 1_000_000_000), nil},
		{"cap 10 workers exceeded", nil, money(3_000_000_000, 0, 1_000_000_001), one("/amount_requested", forms.CodeAboveCap)},
		{"cap 30 workers: the project cap", nil, func(p *forms.Plan02) {
			p.TotalWorkers = 30
			money(3_000_000_000, 0, 2_000_000_000)(p)
		}, nil},
		{"cap 30 workers exceeded", nil, func(p *forms.Plan02) {
			p.TotalWorkers = 30
			money(3_000_000_000, 0, 2_000_000_001)(p)
		}, one("/amount_requested", forms.CodeAboveCap)},
		{"above need and above cap", nil, func(p *forms.Plan02) {
			p.TotalWorkers = 1
			money(300_000_000, 0, 300_000_001)(p)
		}, []fxProblem{fxP("/amount_requested", forms.CodeAboveNeed), fxP("/amount_requested", forms.CodeAboveCap)}},
		{"term 1", nil, func(p *forms.Plan02) { p.TermMonths = 1 }, nil},
		{"term 120", nil, func(p *forms.Plan02) { p.TermMonths = 120 }, nil},
		{"term 121", nil, func(p *forms.Plan02) { p.TermMonths = 121 }, one("/term_months", credit.CodeOutOfRange)},
		{"term -1", nil, func(p *forms.Plan02) { p.TermMonths = -1 }, one("/term_months", credit.CodeOutOfRange)},
		{"term follows the book", fxBookWith(t, credit.TermProductionMaxMonths, 180), func(p *forms.Plan02) { p.TermMonths = 180 }, nil},
		{"contract the day after the plan", nil, worker0(func(w *forms.Worker02) { w.ContractDate = fxDate(2026, 11, 6) }),
			one("/workers/0/contract_date", forms.CodeAfterPreparedOn)},
		{"contract on the plan's day", nil, worker0(func(w *forms.Worker02) { w.ContractDate = fxDate(2026, 11, 5) }), nil},
		{"completed after the plan", nil, worker0(func(w *forms.Worker02) { w.CompletedOn = fxDate(2026, 11, 6) }),
			one("/workers/0/completed_on", forms.CodeAfterPreparedOn)},
		// Validate02 leaves the window to Qualifies and the 10 % rule.
		{"worker out of the window", nil, worker0(func(w *forms.Worker02) { w.CompletedOn = fxDate(2015, 1, 1) }), nil},
		// The code is after_prepared_on though the date is before it (see
		// the report: the code's name says the opposite).
		{"confirmed the day before the plan", nil, func(p *forms.Plan02) { p.ConfirmedOn = fxDate(2026, 11, 4) },
			one("/confirmed_on", forms.CodeBeforePreparedOn)},
		{"confirmed on the plan's day", nil, func(p *forms.Plan02) { p.ConfirmedOn = fxDate(2026, 11, 5) }, nil},
		{"prepared before the policy", nil, func(p *forms.Plan02) {
			p.PreparedOn = fxDate(2023, 10, 9)
			p.Workers[0].ContractDate = fxDate(2023, 9, 1)
			money(30_000_000_000, 0, 9_000_000_000)(p) // no cap without parameters
		}, one("/prepared_on", credit.CodeBeforePolicy)},
		{"prepared the day the policy came into force", nil, func(p *forms.Plan02) {
			p.PreparedOn = fxDate(2023, 10, 10)
			p.Workers[0].ContractDate = fxDate(2023, 9, 1)
		}, nil},
	})

	p := fxPlan02()
	money(3_000_000_000, 0, 1_000_000_001)(p)
	e := fxFind(t, forms.Validate02(credit.DefaultBook(), p), "/amount_requested", forms.CodeAboveCap)
	if !strings.HasPrefix(e.Message.VI, "Vượt mức cho vay tối đa 1.000.000.000 đồng (Điều 6") {
		t.Errorf("above_cap message %+v", e.Message)
	}
	p = fxPlan02()
	p.TotalWorkers = 30
	money(3_000_000_000, 0, 2_000_000_001)(p)
	if e := fxFind(t, forms.Validate02(credit.DefaultBook(), p), "/amount_requested", forms.CodeAboveCap); !strings.Contains(e.Message.VI, "2.000.000.000 đồng") {
		t.Errorf("above_cap message %+v", e.Message)
	}
}

// With the qualifying-workers reading of the per-worker cap (legal reference
// §10), the cap counts only the workers for whom Qualifies holds.
func TestValidate02CapQualifyingWorkers(t *testing.T) {
	qbook := fxBookWith(t, credit.PerWorkerCapBase, credit.CapBaseQualifyingWorkers)
	notOnList := fxWorkerN(3)
	notOnList.OnCommuneList = eligibility.No
	outOfWindow := fxWorkerN(4)
	outOfWindow.CompletedOn = fxDate(2021, 11, 4) // window ended 2026-11-04
	threeListed := func(ask credit.VND) func(p *forms.Plan02) {
		return func(p *forms.Plan02) {
			p.Workers = []forms.Worker02{fxWorker02(), fxWorker02Female(), notOnList, outOfWindow}
			p.CapitalNeed, p.OwnCapital, p.AmountRequested = 3_000_000_000, 0, ask
			p.Collateral = "Nhà xưởng và máy xẻ gỗ"
		}
	}
	above := []fxProblem{fxP("/amount_requested", forms.CodeAboveCap)}
	runV02(t, []v02Case{
		{"2 qualifying: 200,000,000", qbook, threeListed(200_000_000), nil},
		{"2 qualifying: 200,000,001", qbook, threeListed(200_000_001), above},
		// Were the other two counted, 250,000,000 would pass.
		{"non-qualifying workers not counted", qbook, threeListed(250_000_000), above},
		{"all workers (default): 10 × 100,000,000", nil, threeListed(1_000_000_000), nil},
		{"no qualifying worker: cap 0", qbook, func(p *forms.Plan02) {
			threeListed(1)(p)
			p.Workers = p.Workers[2:]
		}, above},
	})
	p := fxPlan02()
	threeListed(200_000_001)(p)
	if e := fxFind(t, forms.Validate02(qbook, p), "/amount_requested", forms.CodeAboveCap); !strings.Contains(e.Message.VI, "200.000.000 đồng") {
		t.Errorf("message does not name the cap 200.000.000: %+v", e.Message)
	}
}

func TestValidate02Workers(t *testing.T) {
	id := func(s string) func(p *forms.Plan02) { return worker0(func(w *forms.Worker02) { w.IDNumber = s }) }
	at := "/workers/0/id_number"
	runV02(t, []v02Case{
		{"id 11 digits", nil, id("01209000123"), []fxProblem{fxP(at, credit.CodeInvalidID)}},
		{"id letters", nil, id("O12090001234"), []fxProblem{fxP(at, credit.CodeInvalidID)}},
		{"id province 099", nil, id("099090001234"), []fxProblem{fxP(at, forms.CodeIDProvince)}},
		{"id year", nil, id("012091001234"), []fxProblem{fxP(at, forms.CodeIDBirthMismatch)}},
		{"id sex", nil, id("012190001234"), []fxProblem{fxP(at, forms.CodeIDSexMismatch)}},
		{"id all three", nil, id("100391001234"), []fxProblem{fxP(at, forms.CodeIDProvince), fxP(at, forms.CodeIDBirthMismatch), fxP(at, forms.CodeIDSexMismatch)}},
		{"born after the plan", nil, worker0(func(w *forms.Worker02) { w.DateOfBirth = fxDate(2027, 1, 1) }),
			[]fxProblem{fxP("/workers/0/date_of_birth", forms.CodeAfterPreparedOn), fxP(at, forms.CodeIDBirthMismatch)}},
		{"duplicates", nil, func(p *forms.Plan02) {
			again := fxWorker02()
			again.ContractNo = "09/2026/HĐLĐ"
			p.Workers = append(p.Workers, fxWorker02Female(), again, again)
		}, []fxProblem{fxP("/workers/2/id_number", forms.CodeDuplicateID), fxP("/workers/3/id_number", forms.CodeDuplicateID)}},
	})
	p := fxPlan02()
	p.Workers = append(p.Workers, fxWorker02Female(), fxWorker02())
	e := fxFind(t, forms.Validate02(credit.DefaultBook(), p), "/workers/2/id_number", forms.CodeDuplicateID)
	if !strings.Contains(e.Message.VI, "dòng số 1") {
		t.Errorf("duplicate message does not name row 1: %+v", e.Message)
	}

	t.Run("MaxRows+1", func(t *testing.T) {
		p := fxPlan02()
		p.Workers = make([]forms.Worker02, forms.MaxRows+1)
		fxCheck(t, forms.Validate02(credit.DefaultBook(), p), fxP("/workers", credit.CodeOutOfRange))
	})
}

// The term's message should state the bound the book holds.
func TestValidate02TermMessageFollowsBook(t *testing.T) {
	b := fxBookWith(t, credit.TermProductionMaxMonths, 180)
	p := fxPlan02()
	p.TermMonths = 181
	e := fxFind(t, forms.Validate02(b, p), "/term_months", credit.CodeOutOfRange)
	knownBug(t, !strings.Contains(e.Message.VI, "180"),
		"forms/validate02.go msgTermRange is fixed at 120 months: with TermProductionMaxMonths 180 and term 181 the message is %q", e.Message.VI)
}
