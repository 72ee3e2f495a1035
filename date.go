package credit

import (
	"errors"
	"time"
)

// Date is a civil date: a day in the proleptic Gregorian calendar, with no
// time of day and no time zone, as the law counts days. The zero Date means
// "no date" (unknown); every other Date lies between 0001-01-01 and 9999-12-31.
//
// Dates compare with ==, and with Before, After and Compare. Arithmetic in
// months and years follows the Civil Code (see AddMonths and PeriodLastDay).
type Date struct {
	n int32 // days since 0001-01-01, plus one; 0 is the zero Date
}

// ErrInvalidDate is returned for a string or a year, month and day that do not
// name a civil date.
var ErrInvalidDate = errors.New("credit: not a valid date (YYYY-MM-DD)")

const (
	minYear = 1
	maxYear = 9999
	// epochShift is daysFromCivil(1, 1, 1): the 1970-based day number of
	// 0001-01-01.
	epochShift = -719162
)

var (
	minDate = Date{n: 1}
	maxDate = Date{n: int32(daysFromCivil(maxYear, 12, 31) - epochShift + 1)}
)

// NewDate returns the date y-m-d, or ErrInvalidDate if there is no such day
// (2025-02-29, month 13) or the year is outside 1..9999.
func NewDate(y int, m time.Month, d int) (Date, error) {
	if y < minYear || y > maxYear || m < time.January || m > time.December || d < 1 || d > DaysIn(y, m) {
		return Date{}, ErrInvalidDate
	}
	return Date{n: int32(daysFromCivil(y, int(m), d) - epochShift + 1)}, nil
}

// MustDate is like NewDate but panics on an invalid date. It is meant for
// constants in code and tests, never for input.
func MustDate(y int, m time.Month, d int) Date {
	dt, err := NewDate(y, m, d)
	if err != nil {
		panic(err)
	}
	return dt
}

// ParseDate parses a date written exactly as YYYY-MM-DD. Anything else,
// including a day that does not exist, is ErrInvalidDate.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, ErrInvalidDate
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, ErrInvalidDate
	}
	return NewDate(y, time.Month(m), d)
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	dt, err := NewDate(y, m, d)
	if err != nil {
		return Date{}
	}
	return dt
}

// IsZero reports whether d is the zero Date ("no date").
func (d Date) IsZero() bool { return d.n == 0 }

// Date returns the year, month and day of d. The zero Date gives 0, 0, 0.
func (d Date) Date() (year int, month time.Month, day int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	y, m, dd := civilFromDays(int(d.n) - 1 + epochShift)
	return y, time.Month(m), dd
}

// Year returns the year of d.
func (d Date) Year() int { y, _, _ := d.Date(); return y }

// Month returns the month of d.
func (d Date) Month() time.Month { _, m, _ := d.Date(); return m }

// Day returns the day of the month of d.
func (d Date) Day() int { _, _, dd := d.Date(); return dd }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 0001-01-01 (n = 1) was a Monday (time.Weekday 1).
	return time.Weekday(int(d.n) % 7)
}

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.n < e.n:
		return -1
	case d.n > e.n:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.n > e.n }

// DaysSince returns the number of days from e to d (negative if d is before e).
func (d Date) DaysSince(e Date) int { return int(d.n) - int(e.n) }

// AddDays returns d moved by n days, saturating at 0001-01-01 and 9999-12-31.
// The zero Date stays zero.
func (d Date) AddDays(n int) Date {
	if d.n == 0 {
		return d
	}
	// Any shift beyond the whole range saturates; clamping first keeps the
	// sum from overflowing.
	const span = 4_000_000 // > days from 0001-01-01 to 9999-12-31
	n = max(-span, min(span, n))
	v := int64(d.n) + int64(n)
	if v < int64(minDate.n) {
		return minDate
	}
	if v > int64(maxDate.n) {
		return maxDate
	}
	return Date{n: int32(v)}
}

// AddMonths returns the same day n months later (or earlier, for negative n).
// When that month has no such day, the result is the month's last day, as the
// Civil Code (Bộ luật Dân sự 2015, Art. 148; legal reference §3) ends a
// period: 2024-01-31
// plus one month is 2024-02-29, and 2024-02-29 plus twelve months is
// 2025-02-28. Months are always counted from d itself, never chained.
// Results saturate at 0001-01-01 and 9999-12-31; the zero Date stays zero.
func (d Date) AddMonths(n int) Date {
	if d.n == 0 {
		return d
	}
	const span = 12 * (maxYear + 1) // more months than the whole range
	n = max(-span, min(span, n))
	y, m, dd := d.Date()
	total := int64(y)*12 + int64(m-1) + int64(n)
	if total < minYear*12 {
		return minDate
	}
	if total > maxYear*12+11 {
		return maxDate
	}
	ny, nm := int(total/12), time.Month(total%12+1)
	if last := DaysIn(ny, nm); dd > last {
		dd = last
	}
	return Date{n: int32(daysFromCivil(ny, int(nm), dd) - epochShift + 1)}
}

// AddYears returns d moved by n years, with the end-of-month rule of AddMonths.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * max(-maxYear-1, min(maxYear+1, n))) }

// PeriodLastDay returns the last day of a period of the given number of
// months that follows an event on day event, as the Civil Code counts it
// (Bộ luật Dân sự 2015, Art. 147-148, as the legal reference §3 reads them;
// the weekend rule of Art. 148 cl. 5 is the WindowEndsOnWorkingDay
// parameter): the period
// starts on the day after the event and ends at the end of the day in the
// last month that corresponds to the event's day, or on that month's last
// day when it has no such day. So five years after 2019-06-01 ends on
// 2024-06-01, and five years after 2020-02-29 ends on 2025-02-28.
//
// A period in years is a period of 12×years months.
func PeriodLastDay(event Date, months int) Date { return event.AddMonths(months) }

// FirstOfMonth returns the first day of d's month.
func (d Date) FirstOfMonth() Date {
	if d.n == 0 {
		return d
	}
	return Date{n: d.n - int32(d.Day()) + 1}
}

// LastOfMonth returns the last day of d's month.
func (d Date) LastOfMonth() Date {
	if d.n == 0 {
		return d
	}
	y, m, dd := d.Date()
	return Date{n: d.n + int32(DaysIn(y, m)-dd)}
}

// DaysIn returns the number of days in month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if IsLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// IsLeap reports whether y is a leap year of the Gregorian calendar.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.n == 0 {
		return ""
	}
	var b [10]byte
	return string(d.appendTo(b[:0]))
}

// AppendText appends d as YYYY-MM-DD to b (nothing for the zero Date).
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.n == 0 {
		return b, nil
	}
	return d.appendTo(b), nil
}

func (d Date) appendTo(b []byte) []byte {
	y, m, dd := d.Date()
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-',
		byte('0'+dd/10), byte('0'+dd%10))
}

// MarshalText implements encoding.TextMarshaler (YYYY-MM-DD; empty for zero).
func (d Date) MarshalText() ([]byte, error) { return d.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler. It accepts exactly
// YYYY-MM-DD; an empty text gives the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// daysFromCivil returns the number of days from 1970-01-01 to y-m-d
// (Howard Hinnant's algorithm, valid for years 1..9999 here).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := z / 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}
