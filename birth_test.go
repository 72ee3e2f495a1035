package credit_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

func TestBirthDateRange(t *testing.T) {
	tests := []struct {
		on, earliest string
	}{
		{"2026-11-05", "1906-11-05"},
		{"2024-02-29", "1904-02-29"}, // 1904 is a leap year
		{"2020-02-29", "1900-02-28"}, // 1900 is not: the month's last day
		{"2000-03-01", "1880-03-01"},
		{"0121-01-01", "0001-01-01"},
		{"0100-06-01", "0001-01-01"}, // saturates at the first day a Date holds
	}
	for _, tc := range tests {
		t.Run(tc.on, func(t *testing.T) {
			on := mustParse(t, tc.on)
			earliest, latest := credit.BirthDateRange(on)
			if earliest.String() != tc.earliest || latest != on {
				t.Errorf("BirthDateRange(%s) = %s, %s; want %s, %s", on, earliest, latest, tc.earliest, on)
			}
		})
	}
	if credit.MaxAgeYears != 120 {
		t.Errorf("MaxAgeYears = %d; the messages say 120", credit.MaxAgeYears)
	}
}

// The bound is on both sides and inclusive: the day of the form and the
// same day 120 years before pass; the day after and the day before fail.
func TestCheckBirthDate(t *testing.T) {
	on := credit.MustDate(2026, time.November, 5)
	tests := []struct {
		name    string
		dob, on credit.Date
		ok      bool
	}{
		{"an ordinary date", credit.MustDate(1988, time.March, 2), on, true},
		{"born on the day of the form", on, on, true},
		{"born the day after", on.AddDays(1), on, false},
		{"born on 9999-12-31", credit.MustDate(9999, time.December, 31), on, false},
		{"exactly 120 years before", credit.MustDate(1906, time.November, 5), on, true},
		{"the day before that", credit.MustDate(1906, time.November, 4), on, false},
		{"born in year 1", credit.MustDate(1, time.January, 1), on, false},
		{"on 29 February, 120 years before is 28 February", credit.MustDate(1900, time.February, 28), credit.MustDate(2020, time.February, 29), true},
		{"and the day before fails", credit.MustDate(1900, time.February, 27), credit.MustDate(2020, time.February, 29), false},
		{"no date of birth: not checked", credit.Date{}, on, true},
		{"no date to check against: not checked", credit.MustDate(9999, time.December, 31), credit.Date{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ps credit.Problems
			ok := credit.CheckBirthDate(&ps, "/rows/3/date_of_birth", tc.dob, tc.on)
			if ok != tc.ok || ok != (len(ps) == 0) {
				t.Fatalf("CheckBirthDate = %v with %v; want %v", ok, ps, tc.ok)
			}
			if ok {
				return
			}
			p := ps[0]
			if len(ps) != 1 || p.Pointer != "/rows/3/date_of_birth" || p.Code != credit.CodeOutOfRange ||
				!errors.Is(p, credit.ErrBirthDate) || !errors.Is(p, credit.ErrInvalid) {
				t.Errorf("problems %v", ps)
			}
			if p.Message != credit.MsgBirthDate || p.Message.VI == "" || p.Message.EN == "" {
				t.Errorf("message %+v", p.Message)
			}
		})
	}
}

func TestCheckAfterBirth(t *testing.T) {
	dob := credit.MustDate(1988, time.March, 2)
	tests := []struct {
		name   string
		d, dob credit.Date
		ok     bool
	}{
		{"completed as an adult", credit.MustDate(2022, time.March, 15), dob, true},
		{"completed on the day of birth", dob, dob, true},
		{"completed the day before birth", dob.AddDays(-1), dob, false},
		{"no completion date", credit.Date{}, dob, true},
		{"no date of birth", dob.AddDays(-1), credit.Date{}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ps credit.Problems
			ok := credit.CheckAfterBirth(&ps, "/individual/release/completed_on", tc.d, tc.dob)
			if ok != tc.ok || ok != (len(ps) == 0) {
				t.Fatalf("CheckAfterBirth = %v with %v; want %v", ok, ps, tc.ok)
			}
			if !ok && (ps[0].Code != credit.CodeBeforeBirth || ps[0].Pointer != "/individual/release/completed_on" ||
				!errors.Is(ps[0], credit.ErrBirthDate) || ps[0].Message != credit.MsgBeforeBirth) {
				t.Errorf("problem %+v", ps[0])
			}
		})
	}
}

func mustParse(t *testing.T, s string) credit.Date {
	t.Helper()
	d, err := credit.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func ExampleCheckBirthDate() {
	on := credit.MustDate(2026, time.November, 5) // the date of the list
	var ps credit.Problems
	credit.CheckBirthDate(&ps, "/rows/0/date_of_birth", credit.MustDate(1906, time.November, 5), on) // exactly 120 years: passes
	credit.CheckBirthDate(&ps, "/rows/1/date_of_birth", credit.MustDate(1906, time.November, 4), on) // a day more
	credit.CheckBirthDate(&ps, "/rows/2/date_of_birth", credit.MustDate(2026, time.November, 6), on) // the day after the list
	for _, p := range ps {
		fmt.Println(p.Pointer, p.Code)
	}
	// Output:
	// /rows/1/date_of_birth out_of_range
	// /rows/2/date_of_birth out_of_range
}
