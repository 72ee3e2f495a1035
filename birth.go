package credit

import (
	"errors"
	"strconv"
)

// MaxAgeYears bounds the dates of birth accepted as input: a date of birth
// more than MaxAgeYears years before the date a form or request is for is
// a problem. It is a sanity bound on input, catching a mistyped or damaged
// date (1088 for 1988), not a rule of law: QĐ22 sets no age condition on
// the borrower (legal reference §3).
const MaxAgeYears = 120

// ErrBirthDate is the cause of the problems CheckBirthDate and
// CheckAfterBirth report: a date of birth that cannot be, or a date in a
// person's life before it.
var ErrBirthDate = errors.New("credit: not a possible date of birth")

// MsgBirthDate is the message of a date of birth outside BirthDateRange. It
// states the bounds, never the date.
var MsgBirthDate = Text{
	VI: "Ngày sinh không thể có: không được sau ngày lập biểu hoặc ngày đề nghị vay, và không được sớm hơn " +
		strconv.Itoa(MaxAgeYears) + " năm trước ngày đó.",
	EN: "Not a possible date of birth: it must not be after the date of the form or request, nor more than " +
		strconv.Itoa(MaxAgeYears) + " years before it.",
}

// BirthDateRange returns the dates of birth accepted for a person on date
// on (the date a list or plan is drawn up, a loan requested), both
// included: from the same day MaxAgeYears years before on (by AddYears, so
// 28 February when on is a 29 February and that year has none) to on
// itself. For on = 2026-11-05: 1906-11-05 to 2026-11-05; 1906-11-04 is a
// day too early and 2026-11-06 a day too late.
func BirthDateRange(on Date) (earliest, latest Date) {
	return on.AddYears(-MaxAgeYears), on
}

// CheckBirthDate adds to p a problem at pointer at when dob is not a
// possible date of birth on date on (outside BirthDateRange(on)): code
// CodeOutOfRange, message MsgBirthDate, cause ErrBirthDate. A zero dob or
// on is not checked. It reports whether dob passed (true when unchecked).
func CheckBirthDate(p *Problems, at string, dob, on Date) bool {
	if dob.IsZero() || on.IsZero() {
		return true
	}
	if earliest, latest := BirthDateRange(on); dob.Before(earliest) || dob.After(latest) {
		p.Add(at, CodeOutOfRange, MsgBirthDate, ErrBirthDate)
		return false
	}
	return true
}

// CheckAfterBirth adds to p a problem at pointer at when d, a date in a
// person's life (the day a sentence was completed), is before their date of
// birth dob: code CodeBeforeBirth, message MsgBeforeBirth, cause
// ErrBirthDate. The day of birth itself passes. A zero d or dob is not
// checked. It reports whether d passed (true when unchecked).
func CheckAfterBirth(p *Problems, at string, d, dob Date) bool {
	if d.IsZero() || dob.IsZero() || !d.Before(dob) {
		return true
	}
	p.Add(at, CodeBeforeBirth, MsgBeforeBirth, ErrBirthDate)
	return false
}
