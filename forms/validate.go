package forms

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Problem codes of forms, beside those of package credit. Stable.
const (
	CodeTooLong            = "too_long"              // text longer than the form allows
	CodeIDProvince         = "id_province"           // ID number's province code is not one of the 63
	CodeIDBirthMismatch    = "id_birth_mismatch"     // ID number's century/year disagree with the date of birth
	CodeIDSexMismatch      = "id_sex_mismatch"       // ID number's sex digit disagrees with the row's sex
	CodeDuplicateID        = "duplicate_id_number"   // the same ID number on two rows
	CodeAfterPreparedOn    = "after_prepared_on"     // a date after the date the form was drawn up
	CodeBeforePreparedOn   = "before_prepared_on"    // Mẫu 02: confirmed before the plan was drawn up
	CodeWindowClosed       = "window_closed"         // completed more than the window (5 years) before the list date
	CodeNotApplicable      = "not_applicable"        // a value given where the form has none (course months for production)
	CodeNotAllowed         = "not_allowed"           // a value the form does not take (conditional release on Mẫu 01)
	CodeAboveCap           = "above_cap"             // an amount above the cap for its purpose on the form's date
	CodeAboveNeed          = "above_need"            // Mẫu 02: more asked than the capital needed less own capital
	CodeInvalidPeriod      = "invalid_period"        // not a real month YYYY-MM
	CodeExceedsTotalWorker = "exceeds_total_workers" // Mẫu 02: more workers listed than employed
	CodeUnknownCommune     = "unknown_commune"       // commune_code is not a commune of the catalogue (package places)
	CodeProvinceMismatch   = "province_mismatch"     // province does not name the province of commune_code
	CodeCollateralRequired = "collateral_required"   // Mẫu 02: more than the collateral threshold asked, no collateral offered (Art. 10)
	// CodeTooManyProblems ends a list of problems cut at MaxProblems; its
	// pointer is the list's rows ("/rows") or the plan's workers
	// ("/workers"). The same code as reporting.CodeTooManyProblems.
	CodeTooManyProblems = "too_many_problems"
)

// MaxProblems is the most problems Validate01 and Validate02 list. Once
// they have found more, they stop checking and end the list with one more
// problem, CodeTooManyProblems at "/rows" (Validate01) or "/workers"
// (Validate02), so that a list of many bad rows costs the time and memory
// of MaxProblems problems, not of one problem per mistake. The problems
// listed are the first MaxProblems of those an unbounded check would list,
// in the same order.
const MaxProblems = 1000

// MsgTooManyProblems is the message of the CodeTooManyProblems problem that
// ends a list cut at MaxProblems. It cannot say how many more there are:
// checking stopped at the cut.
var MsgTooManyProblems = credit.Text{
	VI: "Có hơn 1.000 lỗi; chỉ liệt kê 1.000 lỗi đầu tiên. Sửa các lỗi này rồi gửi lại.",
	EN: "There are more than 1,000 problems; only the first 1,000 are listed. Fix them and send again.",
}

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
		Message: MsgTooManyProblems, Err: ErrForm})
}

// RowProblems gathers the problems found reading a table's cells, row by
// row, up to MaxProblems and a last CodeTooManyProblems at the table: a
// table of many bad rows must not cost memory in proportion to its
// mistakes. The zero value is ready to use.
type RowProblems struct {
	Table   string // the pointer of the too_many_problems problem ("/rows")
	list    credit.Problems
	scratch credit.Problems
}

// Row is where the reading of one row puts its problems (ReadRow01,
// ReadWorker02); Keep takes them.
func (p *RowProblems) Row() *credit.Problems {
	clear(p.scratch)
	p.scratch = p.scratch[:0]
	return &p.scratch
}

// Keep adds the row's problems to the list, up to the cut.
func (p *RowProblems) Keep() {
	for _, e := range p.scratch {
		switch {
		case len(p.list) < MaxProblems:
			p.list = append(p.list, e)
		case len(p.list) == MaxProblems:
			p.list = append(p.list, &credit.FieldError{Pointer: p.Table, Code: CodeTooManyProblems, Message: MsgTooManyProblems})
		}
	}
}

// List is the problems kept.
func (p *RowProblems) List() credit.Problems { return p.list }

// ErrForm is the cause of the problems Validate01 and Validate02 find that
// are rules of the form (as opposed to values that are missing or
// malformed).
var ErrForm = errors.New("forms: the form breaks a rule")

// MaxRows bounds the rows of one list or the workers of one plan.
const MaxRows = 100_000

var structs = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string { return f.Tag.Get("form") })
	// filled: required, and not only spaces.
	if err := v.RegisterValidation("filled", func(fl validator.FieldLevel) bool {
		return strings.TrimSpace(fl.Field().String()) != ""
	}); err != nil {
		panic(err) // a programming error, caught by every test
	}
	// text: no control characters, valid UTF-8 (credit.ValidText). It comes
	// first on every text field, so that a damaged value is reported as
	// such, once, and not as blank or too long.
	if err := v.RegisterValidation("text", func(fl validator.FieldLevel) bool {
		return credit.ValidText(fl.Field().String())
	}); err != nil {
		panic(err)
	}
	return v
}()

// fieldRules runs the validator's struct tags (required, max) over form (a
// *List01 or *Plan02) and adds a problem for each failure, with a JSON
// pointer built from the form names, in the order of a validation of the
// whole form diving into its rows: the fields before the slice of rows (the
// Go field rows, at JSON pointer at), each of its n rows (row(i) is a
// pointer to row i), the fields after it. Rows are checked one at a time,
// so that a check can stop: fieldRules stops once pr is full and then
// reports false.
func fieldRules(pr *credit.Problems, form any, rows, at string, n int, row func(i int) any) bool {
	var fes validator.ValidationErrors
	errors.As(structs.StructExcept(form, rows), &fes)
	t := reflect.TypeOf(form).Elem()
	r, _ := t.FieldByName(rows)
	after := func(fe validator.FieldError) bool { // the failed field comes after the rows
		// StructNamespace is "List01.Province": the form's Go field.
		_, name, _ := strings.Cut(fe.StructNamespace(), ".")
		if i := strings.IndexAny(name, ".["); i >= 0 {
			name = name[:i]
		}
		f, ok := t.FieldByName(name)
		return ok && f.Index[0] > r.Index[0]
	}
	for _, fe := range fes {
		if !after(fe) {
			addFieldError(pr, pointerOf(fe.Namespace()), fe)
		}
	}
	for i := range n {
		if full(*pr) {
			return false
		}
		var rfes validator.ValidationErrors
		if !errors.As(structs.Struct(row(i)), &rfes) {
			continue
		}
		base := at + "/" + strconv.Itoa(i)
		for _, fe := range rfes {
			addFieldError(pr, base+pointerOf(fe.Namespace()), fe) // "Row01.full_name"
		}
	}
	for _, fe := range fes {
		if after(fe) {
			addFieldError(pr, pointerOf(fe.Namespace()), fe)
		}
	}
	return !full(*pr)
}

// addFieldError adds the problem at pointer at of a failed struct tag.
func addFieldError(p *credit.Problems, at string, fe validator.FieldError) {
	switch fe.Tag() {
	case "filled":
		p.Add(at, credit.CodeRequired, credit.MsgRequired, nil)
	case "text":
		p.Add(at, credit.CodeInvalidText, credit.MsgInvalidText, nil)
	case "max":
		p.Add(at, CodeTooLong, credit.Text{
			VI: "Quá dài: tối đa " + fe.Param() + " ký tự.",
			EN: "Too long: at most " + fe.Param() + " characters.",
		}, ErrForm)
	default:
		p.Add(at, credit.CodeInvalidType, credit.Text{VI: "Giá trị không hợp lệ.", EN: "Invalid value."}, ErrForm)
	}
}

// pointerOf turns a validator namespace ("List01.rows[3].full_name") into a
// JSON pointer ("/rows/3/full_name").
func pointerOf(ns string) string {
	_, rest, _ := strings.Cut(ns, ".")
	var b strings.Builder
	for _, part := range strings.Split(rest, ".") {
		name, idx, hasIdx := strings.Cut(part, "[")
		b.WriteByte('/')
		b.WriteString(name)
		if hasIdx {
			b.WriteByte('/')
			b.WriteString(strings.TrimSuffix(idx, "]"))
		}
	}
	return b.String()
}

var (
	msgIDFormat = credit.Text{
		VI: "Số định danh cá nhân phải gồm đúng 12 chữ số.",
		EN: "The personal identification number must be exactly 12 digits.",
	}
	msgIDProvince = credit.Text{
		VI: "Ba chữ số đầu của số định danh không phải mã tỉnh nơi đăng ký khai sinh (63 mã của Thông tư 07/2016/TT-BCA); kiểm tra lại số.",
		EN: "The first three digits are not a province-of-birth code (the 63 codes of Circular 07/2016/TT-BCA); check the number.",
	}
	msgIDBirth = credit.Text{
		VI: "Chữ số thế kỷ và hai số năm sinh trong số định danh không khớp với ngày sinh.",
		EN: "The century digit and two-digit year of birth in the ID number do not match the date of birth.",
	}
	msgIDSex = credit.Text{
		VI: "Chữ số giới tính trong số định danh không khớp với giới tính.",
		EN: "The sex digit of the ID number does not match the sex.",
	}
	msgAfterPrepared = credit.Text{
		VI: "Ngày này sau ngày lập biểu.",
		EN: "This date is after the date the form was drawn up.",
	}
	msgWindowClosed = credit.Text{
		VI: "Đã quá thời hạn được vay (5 năm từ ngày chấp hành xong án phạt tù) tính đến ngày lập danh sách (Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg).",
		EN: "The time allowed to borrow (5 years from completing the sentence) ended before the list date (Decision 22/2023/QĐ-TTg, Article 3, clause 2, point a).",
	}
	msgConditional = credit.Text{
		VI: "Danh sách Mẫu số 01 chỉ gồm người có giấy chứng nhận chấp hành xong án phạt tù hoặc giấy chứng nhận đặc xá.",
		EN: "Form 01 lists only people with a completion certificate or a special-amnesty certificate.",
	}
	msgCourseNotApplicable = credit.Text{
		VI: "Chỉ ghi số tháng học nghề khi mục đích vay là học nghề.",
		EN: "Course months are given only when the purpose is vocational training.",
	}
	msgPeriod = credit.Text{
		VI: "Kỳ báo cáo phải là một tháng có thật, ghi theo dạng NNNN-TT (ví dụ 2026-11).",
		EN: "The period must be a real month written YYYY-MM (for example 2026-11).",
	}
	msgNoRows = credit.Text{
		VI: "Danh sách phải có ít nhất một người.",
		EN: "The list must name at least one person.",
	}
	msgTooManyRows = credit.Text{
		VI: "Quá nhiều dòng (tối đa " + strconv.Itoa(MaxRows) + ").",
		EN: "Too many rows (at most " + strconv.Itoa(MaxRows) + ").",
	}
	// msgAmountRequired: an amount that must be given is 0, which is
	// what a missing amount reads as.
	msgAmountRequired = credit.Text{
		VI: "Thiếu số tiền: ghi số tiền từ 1 đồng trở lên.",
		EN: "The amount is missing: write an amount of at least 1 đồng.",
	}
	msgEnum = credit.Text{
		VI: "Giá trị không thuộc danh sách các lựa chọn của biểu mẫu.",
		EN: "The value is not one of the form's choices.",
	}
)

func msgDuplicate(firstRow int) credit.Text {
	return credit.Text{
		VI: fmt.Sprintf("Số định danh trùng với dòng số %d của danh sách.", firstRow),
		EN: fmt.Sprintf("The same ID number as row %d of the list.", firstRow),
	}
}

func msgAboveCap(limit credit.VND, c *credit.Citation) credit.Text {
	return credit.Text{
		VI: fmt.Sprintf("Vượt mức cho vay tối đa %s đồng (%s).", groupDigits(limit), c.Text),
		EN: fmt.Sprintf("Above the cap of %s đồng (%s).", groupDigits(limit), c.TextEN),
	}
}

// groupDigits writes 100000000 as 100.000.000, the Vietnamese way.
func groupDigits(v credit.VND) string {
	s := v.String()
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// person is what Mẫu 01 rows and Mẫu 02 workers share.
type person struct {
	dob         credit.Date
	sex         Sex
	id          string
	basis       eligibility.ReleaseBasis
	completedOn credit.Date
}

// checkPerson checks a person's date of birth, sex, ID number (its
// structure and its agreement with the date of birth and sex) and release,
// against the form's date on (zero when unknown) and its parameters p (nil
// when unknown). The date of birth must also be possible on birthOn
// (credit.CheckBirthDate: not after it, at most credit.MaxAgeYears before
// it; birthOn is on, or a stand-in when on is missing, or zero), and the
// sentence completed on or after it (credit.CheckAfterBirth). It reports
// whether completed_on is given and had no problem, so that the rules that
// compare it with the policy may use it.
func checkPerson(pr *credit.Problems, base string, x person, on, birthOn credit.Date, p *credit.Params) (completedOK bool) {
	dobAt, completedAt := base+"/date_of_birth", base+"/completed_on"
	dobOK := checkDate(pr, dobAt, x.dob, on, true) && credit.CheckBirthDate(pr, dobAt, x.dob, birthOn)
	switch {
	case x.sex == SexUnknown:
		pr.Add(base+"/sex", credit.CodeRequired, credit.MsgRequired, nil)
	case x.sex > Female:
		pr.Add(base+"/sex", credit.CodeInvalidEnum, msgEnum, ErrForm)
		x.sex = SexUnknown
	}
	if x.id != "" && credit.ValidText(x.id) { // damaged text: reported by the field rules
		id, err := ParseIDNumber(x.id)
		switch {
		case errors.Is(err, ErrIDFormat):
			pr.Add(base+"/id_number", credit.CodeInvalidID, msgIDFormat, err)
		case errors.Is(err, ErrIDProvince):
			pr.Add(base+"/id_number", CodeIDProvince, msgIDProvince, err)
		}
		if !errors.Is(err, ErrIDFormat) {
			if !x.dob.IsZero() && !id.BirthYearMatches(x.dob) {
				pr.Add(base+"/id_number", CodeIDBirthMismatch, msgIDBirth, ErrForm)
			}
			if x.sex != SexUnknown && id.Sex != x.sex {
				pr.Add(base+"/id_number", CodeIDSexMismatch, msgIDSex, ErrForm)
			}
		}
	}
	switch {
	case x.basis == eligibility.BasisUnknown:
		pr.Add(base+"/release_basis", credit.CodeRequired, credit.MsgRequired, nil)
	case x.basis > eligibility.ConditionalRelease:
		pr.Add(base+"/release_basis", credit.CodeInvalidEnum, msgEnum, ErrForm)
	}
	completedOK = checkDate(pr, completedAt, x.completedOn, on, true)
	if completedOK && dobOK {
		completedOK = credit.CheckAfterBirth(pr, completedAt, x.completedOn, x.dob)
	}
	return completedOK
}

// checkDate checks a date that must be given (when required) and must not
// come after on. It reports whether the date is given and has no problem.
func checkDate(pr *credit.Problems, at string, d, on credit.Date, required bool) bool {
	switch {
	case d.IsZero():
		if required {
			pr.Add(at, credit.CodeRequired, credit.MsgRequired, nil)
		}
		return false
	case !on.IsZero() && d.After(on):
		pr.Add(at, CodeAfterPreparedOn, msgAfterPrepared, ErrForm)
		return false
	}
	return true
}

// checkDuplicates adds a problem at every ID number already seen on an
// earlier row of the n rows at base; id(i) is row i's number ("" when
// missing). It stops once pr is full.
func checkDuplicates(pr *credit.Problems, base string, n int, id func(i int) string) {
	seen := make(map[string]int)
	for i := range n {
		if full(*pr) {
			return
		}
		id := id(i)
		if id == "" {
			continue
		}
		if first, ok := seen[id]; ok {
			pr.Add(base+"/"+strconv.Itoa(i)+"/id_number", CodeDuplicateID, msgDuplicate(first+1), ErrForm)
			continue
		}
		seen[id] = i
	}
}

// checkPreparedOn checks the form's date and returns the parameters in
// force on it in the province with the two-digit code (national values
// when ""); nil when the date is missing or before the policy.
func checkPreparedOn(pr *credit.Problems, b *credit.Book, on credit.Date, province string) *credit.Params {
	if on.IsZero() {
		pr.Add("/prepared_on", credit.CodeRequired, credit.MsgRequired, nil)
		return nil
	}
	p, err := b.At(credit.Query{On: on, Province: province})
	switch {
	case errors.Is(err, credit.ErrUnknownProvince):
		// A catalogue (Checker.Communes) with a province the book does
		// not know: no parameters, rather than another province's.
		pr.Add("/commune_code", credit.CodeUnknownProvince, msgProvinceNotInBook, err)
		return nil
	case err != nil:
		pr.Add("/prepared_on", credit.CodeBeforePolicy, credit.MsgBeforePolicy, err)
		return nil
	}
	return p
}

// Validate01 checks a Mẫu số 01 list against the form, the communes of
// 2025 (places.Default) and the policy in force on its date (prepared_on)
// in the commune's province, and returns nil or a credit.Problems with
// every problem, each with a JSON pointer into the list's JSON shape
// (/rows/1/id_number, …) — at most MaxProblems of them: past that it stops
// checking and ends the list with one CodeTooManyProblems at "/rows".
//
// The commune code must be a commune of the catalogue (CodeUnknownCommune);
// the province is the commune's: an empty Province is filled with its name
// ("Tỉnh Lai Châu"), and a given one must name it, with or without its kind
// ("Lai Châu"), else CodeProvinceMismatch. Checker.Validate01 checks
// against another catalogue.
func Validate01(b *credit.Book, l *List01) error { return Checker{Book: b}.Validate01(l) }

// Validate01 is the package's Validate01, against c.Communes.
func (c Checker) Validate01(l *List01) error {
	b := c.Book
	var pr credit.Problems
	if len(l.Rows) > MaxRows {
		pr.Add("/rows", credit.CodeOutOfRange, msgTooManyRows, ErrForm)
		return pr
	}
	if !fieldRules(&pr, l, "Rows", "/rows", len(l.Rows), func(i int) any { return &l.Rows[i] }) {
		return capped(pr, "/rows")
	}
	province := checkPlace(&pr, c.communes(), &l.Province, l.CommuneCode)
	switch {
	case l.Period.IsZero():
		pr.Add("/period", credit.CodeRequired, credit.MsgRequired, nil)
	case l.Period.Year < 2000 || l.Period.Year > 9999 || l.Period.Month < 1 || l.Period.Month > 12:
		pr.Add("/period", CodeInvalidPeriod, msgPeriod, ErrPeriod)
	}
	p := checkPreparedOn(&pr, b, l.PreparedOn, province)
	if len(l.Rows) == 0 {
		pr.Add("/rows", credit.CodeRequired, msgNoRows, nil)
	}
	birthOn := birthDateOn01(l)
	for i := range l.Rows {
		if full(pr) {
			return capped(pr, "/rows")
		}
		r := &l.Rows[i]
		base := "/rows/" + strconv.Itoa(i)
		completedOK := checkPerson(&pr, base, person{r.DateOfBirth, r.Sex, r.IDNumber, r.ReleaseBasis, r.CompletedOn}, l.PreparedOn, birthOn, p)
		if r.ReleaseBasis == eligibility.ConditionalRelease {
			pr.Add(base+"/release_basis", CodeNotAllowed, msgConditional, ErrForm)
		}
		checkDate(&pr, base+"/certificate_date", r.CertificateDate, l.PreparedOn, true)
		if p != nil && completedOK && p.WindowLastDay(r.CompletedOn).Before(l.PreparedOn) {
			pr.Add(base+"/completed_on", CodeWindowClosed, msgWindowClosed, ErrForm)
		}
		checkPurposeAmount(&pr, base, r, p)
	}
	checkDuplicates(&pr, "/rows", len(l.Rows), func(i int) string { return l.Rows[i].IDNumber })
	return capped(pr, "/rows")
}

// birthDateOn01 is the date a Mẫu 01 list's dates of birth must be
// possible on: its prepared_on; when that is missing (itself a problem),
// the last day of its period, the latest day a list for that month is
// likely to be drawn up, so that a date of birth in the future is still
// found; zero when neither is known.
func birthDateOn01(l *List01) credit.Date {
	if !l.PreparedOn.IsZero() {
		return l.PreparedOn
	}
	if l.Period.Year < 2000 || l.Period.Year > 9999 || l.Period.Month < 1 || l.Period.Month > 12 {
		return credit.Date{}
	}
	first, err := credit.NewDate(l.Period.Year, l.Period.Month, 1)
	if err != nil {
		return credit.Date{}
	}
	return first.LastOfMonth()
}

// checkPurposeAmount checks a row's purpose, course months and amount
// against the cap for its purpose in force on the list's date (p; nil when
// unknown).
func checkPurposeAmount(pr *credit.Problems, base string, r *Row01, p *credit.Params) {
	switch r.Purpose {
	case credit.PurposeUnknown:
		pr.Add(base+"/purpose", credit.CodeRequired, credit.MsgRequired, nil)
	case credit.Production:
		if r.CourseMonths != 0 {
			pr.Add(base+"/course_months", CodeNotApplicable, msgCourseNotApplicable, ErrForm)
		}
	case credit.VocationalTraining:
		switch {
		case r.CourseMonths == 0:
			pr.Add(base+"/course_months", credit.CodeRequired, credit.MsgRequired, nil)
		case r.CourseMonths < 1 || r.CourseMonths > eligibility.MaxCourseMonths:
			pr.Add(base+"/course_months", credit.CodeOutOfRange, eligibility.MsgCourseRange, ErrForm)
		}
	default:
		pr.Add(base+"/purpose", credit.CodeInvalidEnum, msgEnum, ErrForm)
	}
	switch {
	case r.Amount < 0:
		pr.Add(base+"/amount", credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
		return
	case r.Amount == 0:
		pr.Add(base+"/amount", credit.CodeRequired, msgAmountRequired, nil)
		return
	case r.Amount > credit.MaxVND:
		pr.Add(base+"/amount", credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
		return
	}
	if p == nil {
		return
	}
	var limit credit.VND
	var cite *credit.Citation
	switch r.Purpose {
	case credit.Production:
		limit, cite = p.VND(credit.CapIndividual), p.Citation(credit.CapIndividual)
	case credit.VocationalTraining:
		if r.CourseMonths < 1 || r.CourseMonths > eligibility.MaxCourseMonths {
			return
		}
		limit, cite = p.VND(credit.CapTrainingPerMonth)*credit.VND(r.CourseMonths), p.Citation(credit.CapTrainingPerMonth)
	default:
		return
	}
	if r.Amount > limit {
		pr.Add(base+"/amount", CodeAboveCap, msgAboveCap(limit, cite), ErrForm)
	}
}
