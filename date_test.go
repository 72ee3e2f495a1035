package credit_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// d is a short way to write a date constant in tests.
func d(y int, m time.Month, day int) credit.Date { return credit.MustDate(y, m, day) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    credit.Date
		wantErr bool
	}{
		{name: "ordinary", in: "2024-06-01", want: d(2024, time.June, 1)},
		{name: "leap day in leap year", in: "2024-02-29", want: d(2024, time.February, 29)},
		{name: "leap day in century leap year", in: "2000-02-29", want: d(2000, time.February, 29)},
		{name: "leap day in non-leap year", in: "2025-02-29", wantErr: true},
		{name: "leap day in century non-leap year", in: "1900-02-29", wantErr: true},
		{name: "28 February non-leap", in: "2025-02-28", want: d(2025, time.February, 28)},
		{name: "30 April exists", in: "2023-04-30", want: d(2023, time.April, 30)},
		{name: "31 April does not", in: "2023-04-31", wantErr: true},
		{name: "31 December", in: "2023-12-31", want: d(2023, time.December, 31)},
		{name: "32 January", in: "2023-01-32", wantErr: true},
		{name: "day 00", in: "2023-01-00", wantErr: true},
		{name: "month 00", in: "2023-00-10", wantErr: true},
		{name: "month 12", in: "2023-12-10", want: d(2023, time.December, 10)},
		{name: "month 13", in: "2023-13-10", wantErr: true},
		{name: "first day of year 1", in: "0001-01-01", want: d(1, time.January, 1)},
		{name: "year 0000", in: "0000-01-01", wantErr: true},
		{name: "year 0000 last day", in: "0000-12-31", wantErr: true},
		{name: "last representable day", in: "9999-12-31", want: d(9999, time.December, 31)},
		{name: "single-digit month", in: "2024-6-01", wantErr: true},
		{name: "single-digit day", in: "2024-06-1", wantErr: true},
		{name: "slashes", in: "2024/06/01", wantErr: true},
		{name: "dots", in: "2024.06.01", wantErr: true},
		{name: "leading space", in: " 2024-06-01", wantErr: true},
		{name: "trailing space", in: "2024-06-01 ", wantErr: true},
		{name: "trailing newline", in: "2024-06-01\n", wantErr: true},
		{name: "empty", in: "", wantErr: true},
		{name: "five-digit year", in: "10000-01-01", wantErr: true},
		{name: "two-digit year", in: "24-06-01", wantErr: true},
		{name: "day first", in: "01-06-2024", wantErr: true},
		{name: "signed year", in: "+024-06-01", wantErr: true},
		{name: "signed month", in: "2024--6-01", wantErr: true},
		{name: "RFC 3339 timestamp", in: "2024-06-01T00:00:00Z", wantErr: true},
		{name: "letters", in: "abcd-ef-gh", wantErr: true},
		{name: "non-ASCII digits", in: "２０２４-06-01", wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := credit.ParseDate(tc.in)
			if tc.wantErr {
				if !errors.Is(err, credit.ErrInvalidDate) {
					t.Fatalf("ParseDate(%q) error = %v, want ErrInvalidDate", tc.in, err)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) = %v on error, want the zero Date", tc.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) error = %v", tc.in, err)
			}
			if got != tc.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if s := got.String(); s != tc.in {
				t.Errorf("ParseDate(%q).String() = %q", tc.in, s)
			}
		})
	}
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		y       int
		m       time.Month
		day     int
		want    string
		wantErr bool
	}{
		{name: "ordinary", y: 2024, m: time.June, day: 1, want: "2024-06-01"},
		{name: "year 1", y: 1, m: time.January, day: 1, want: "0001-01-01"},
		{name: "year 0", y: 0, m: time.December, day: 31, wantErr: true},
		{name: "negative year", y: -1, m: time.January, day: 1, wantErr: true},
		{name: "year 9999", y: 9999, m: time.December, day: 31, want: "9999-12-31"},
		{name: "year 10000", y: 10000, m: time.January, day: 1, wantErr: true},
		{name: "month 0", y: 2024, m: 0, day: 1, wantErr: true},
		{name: "month 1", y: 2024, m: 1, day: 1, want: "2024-01-01"},
		{name: "month 12", y: 2024, m: 12, day: 1, want: "2024-12-01"},
		{name: "month 13", y: 2024, m: 13, day: 1, wantErr: true},
		{name: "day 0", y: 2024, m: time.March, day: 0, wantErr: true},
		{name: "day 1", y: 2024, m: time.March, day: 1, want: "2024-03-01"},
		{name: "day 31 of March", y: 2024, m: time.March, day: 31, want: "2024-03-31"},
		{name: "day 32 of March", y: 2024, m: time.March, day: 32, wantErr: true},
		{name: "day 30 of June", y: 2024, m: time.June, day: 30, want: "2024-06-30"},
		{name: "day 31 of June", y: 2024, m: time.June, day: 31, wantErr: true},
		{name: "29 February leap", y: 2024, m: time.February, day: 29, want: "2024-02-29"},
		{name: "30 February leap", y: 2024, m: time.February, day: 30, wantErr: true},
		{name: "29 February non-leap", y: 2025, m: time.February, day: 29, wantErr: true},
		{name: "negative day", y: 2024, m: time.March, day: -1, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := credit.NewDate(tc.y, tc.m, tc.day)
			if tc.wantErr {
				if !errors.Is(err, credit.ErrInvalidDate) {
					t.Fatalf("NewDate(%d, %d, %d) error = %v, want ErrInvalidDate", tc.y, tc.m, tc.day, err)
				}
				if !got.IsZero() {
					t.Errorf("NewDate on error = %v, want zero", got)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewDate(%d, %d, %d) error = %v", tc.y, tc.m, tc.day, err)
			}
			if got.String() != tc.want {
				t.Errorf("NewDate(%d, %d, %d) = %v, want %s", tc.y, tc.m, tc.day, got, tc.want)
			}
			y, m, dd := got.Date()
			if y != tc.y || m != tc.m || dd != tc.day {
				t.Errorf("Date() = %d, %d, %d, want %d, %d, %d", y, m, dd, tc.y, tc.m, tc.day)
			}
			if got.Year() != tc.y || got.Month() != tc.m || got.Day() != tc.day {
				t.Errorf("Year/Month/Day = %d/%d/%d, want %d/%d/%d", got.Year(), got.Month(), got.Day(), tc.y, tc.m, tc.day)
			}
		})
	}
}

func TestMustDatePanics(t *testing.T) {
	tests := []struct {
		name      string
		y         int
		m         time.Month
		day       int
		wantPanic bool
	}{
		{name: "valid", y: 2024, m: time.February, day: 29},
		{name: "invalid", y: 2025, m: time.February, day: 29, wantPanic: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				r := recover()
				if (r != nil) != tc.wantPanic {
					t.Fatalf("panic = %v, want panic %v", r, tc.wantPanic)
				}
			}()
			credit.MustDate(tc.y, tc.m, tc.day)
		})
	}
}

func TestDateOf(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*60*60)
	tests := []struct {
		name string
		in   time.Time
		want credit.Date
	}{
		{name: "UTC midnight", in: time.Date(2024, time.June, 1, 0, 0, 0, 0, time.UTC), want: d(2024, time.June, 1)},
		{name: "UTC late evening", in: time.Date(2024, time.June, 1, 23, 59, 59, 0, time.UTC), want: d(2024, time.June, 1)},
		{name: "same instant in Vietnam is the next day", in: time.Date(2024, time.June, 1, 17, 0, 0, 0, time.UTC).In(hcm), want: d(2024, time.June, 2)},
		{name: "one hour before Vietnamese midnight", in: time.Date(2024, time.June, 1, 16, 0, 0, 0, time.UTC).In(hcm), want: d(2024, time.June, 1)},
		{name: "year 1", in: time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC), want: d(1, time.January, 1)},
		{name: "year 0 gives zero", in: time.Date(0, time.December, 31, 0, 0, 0, 0, time.UTC), want: credit.Date{}},
		{name: "year 9999", in: time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC), want: d(9999, time.December, 31)},
		{name: "year 10000 gives zero", in: time.Date(10000, time.January, 1, 0, 0, 0, 0, time.UTC), want: credit.Date{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.DateOf(tc.in); got != tc.want {
				t.Errorf("DateOf(%v) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		name string
		date credit.Date
		text string
	}{
		{name: "zero", date: credit.Date{}, text: ""},
		{name: "first day", date: d(1, time.January, 1), text: "0001-01-01"},
		{name: "year 99", date: d(99, time.December, 31), text: "0099-12-31"},
		{name: "year 999", date: d(999, time.October, 9), text: "0999-10-09"},
		{name: "policy in force", date: d(2023, time.October, 10), text: "2023-10-10"},
		{name: "leap day", date: d(2024, time.February, 29), text: "2024-02-29"},
		{name: "last day", date: d(9999, time.December, 31), text: "9999-12-31"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if s := tc.date.String(); s != tc.text {
				t.Errorf("String() = %q, want %q", s, tc.text)
			}
			b, err := tc.date.MarshalText()
			if err != nil || string(b) != tc.text {
				t.Errorf("MarshalText() = %q, %v, want %q", b, err, tc.text)
			}
			b, err = tc.date.AppendText([]byte("x="))
			if err != nil || string(b) != "x="+tc.text {
				t.Errorf("AppendText() = %q, %v, want %q", b, err, "x="+tc.text)
			}
			// Start from a non-zero date so that unmarshalling "" must reset it.
			back := d(2000, time.January, 1)
			if err := back.UnmarshalText([]byte(tc.text)); err != nil {
				t.Fatalf("UnmarshalText(%q) error = %v", tc.text, err)
			}
			if back != tc.date {
				t.Errorf("UnmarshalText(%q) = %v, want %v", tc.text, back, tc.date)
			}
			// The same through encoding/json, as the HTTP contract uses it.
			type doc struct {
				On credit.Date `json:"on"`
			}
			js, err := json.Marshal(doc{On: tc.date})
			if err != nil {
				t.Fatal(err)
			}
			if want := `{"on":"` + tc.text + `"}`; string(js) != want {
				t.Errorf("json.Marshal = %s, want %s", js, want)
			}
			var got doc
			if err := json.Unmarshal(js, &got); err != nil || got.On != tc.date {
				t.Errorf("json round trip = %v, %v, want %v", got.On, err, tc.date)
			}
		})
	}
}

func TestDateUnmarshalTextInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{name: "no such day", in: "2025-02-29"},
		{name: "wrong shape", in: "2024-6-1"},
		{name: "space", in: " "},
		{name: "year 0", in: "0000-01-01"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := d(2020, time.May, 5)
			got := before
			err := got.UnmarshalText([]byte(tc.in))
			if !errors.Is(err, credit.ErrInvalidDate) {
				t.Fatalf("UnmarshalText(%q) error = %v, want ErrInvalidDate", tc.in, err)
			}
			if got != before {
				t.Errorf("UnmarshalText(%q) changed the date to %v on error", tc.in, got)
			}
		})
	}
}

func TestZeroDate(t *testing.T) {
	var z credit.Date
	if !z.IsZero() {
		t.Fatal("zero Date: IsZero() = false")
	}
	if y, m, dd := z.Date(); y != 0 || m != 0 || dd != 0 {
		t.Errorf("zero Date: Date() = %d, %d, %d, want 0, 0, 0", y, m, dd)
	}
	if z.Year() != 0 || z.Month() != 0 || z.Day() != 0 {
		t.Errorf("zero Date: Year/Month/Day = %d/%d/%d", z.Year(), z.Month(), z.Day())
	}
	tests := []struct {
		name string
		got  credit.Date
	}{
		{name: "AddDays(1)", got: z.AddDays(1)},
		{name: "AddDays(-1)", got: z.AddDays(-1)},
		{name: "AddMonths(1)", got: z.AddMonths(1)},
		{name: "AddMonths(-1)", got: z.AddMonths(-1)},
		{name: "AddYears(5)", got: z.AddYears(5)},
		{name: "PeriodLastDay", got: credit.PeriodLastDay(z, 60)},
		{name: "FirstOfMonth", got: z.FirstOfMonth()},
		{name: "LastOfMonth", got: z.LastOfMonth()},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !tc.got.IsZero() {
				t.Errorf("%s of the zero Date = %v, want zero", tc.name, tc.got)
			}
		})
	}
	first := d(1, time.January, 1)
	if first.IsZero() {
		t.Error("0001-01-01 is zero")
	}
	if !z.Before(first) || z.Compare(first) != -1 {
		t.Error("the zero Date should sort before 0001-01-01")
	}
}

// TestDateAgainstTimePackage walks every day from 1900-01-01 to 2200-12-31
// and checks the day-number arithmetic against package time.
func TestDateAgainstTimePackage(t *testing.T) {
	tm := time.Date(1900, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2200, time.December, 31, 0, 0, 0, 0, time.UTC)
	dt := d(1900, time.January, 1)
	days := 0
	for ; !tm.After(end); tm, dt, days = tm.AddDate(0, 0, 1), dt.AddDays(1), days+1 {
		y, m, dd := tm.Date()
		gy, gm, gd := dt.Date()
		if gy != y || gm != m || gd != dd {
			t.Fatalf("day %d after 1900-01-01: Date() = %04d-%02d-%02d, want %s", days, gy, gm, gd, tm.Format(time.DateOnly))
		}
		if dt.Weekday() != tm.Weekday() {
			t.Fatalf("%s: Weekday() = %v, want %v", tm.Format(time.DateOnly), dt.Weekday(), tm.Weekday())
		}
		if s := dt.String(); s != tm.Format(time.DateOnly) {
			t.Fatalf("String() = %q, want %q", s, tm.Format(time.DateOnly))
		}
		if nd, err := credit.NewDate(y, m, dd); err != nil || nd != dt {
			t.Fatalf("NewDate(%s) = %v, %v, want %v", tm.Format(time.DateOnly), nd, err, dt)
		}
		if dt.DaysSince(d(1900, time.January, 1)) != days {
			t.Fatalf("%s: DaysSince(1900-01-01) = %d, want %d", dt, dt.DaysSince(d(1900, time.January, 1)), days)
		}
		if (dd == 1) != (dt.FirstOfMonth() == dt) {
			t.Fatalf("%s: FirstOfMonth() = %v", dt, dt.FirstOfMonth())
		}
		if (tm.AddDate(0, 0, 1).Day() == 1) != (dt.LastOfMonth() == dt) {
			t.Fatalf("%s: LastOfMonth() = %v", dt, dt.LastOfMonth())
		}
	}
	if days != 109_938 {
		t.Errorf("walked %d days, want 109938", days)
	}
}

// TestDateWholeRange samples the whole range 0001-01-01..9999-12-31.
func TestDateWholeRange(t *testing.T) {
	tm := time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	first := d(1, time.January, 1)
	for i := 0; ; i += 97 {
		cur := tm.AddDate(0, 0, i)
		if cur.Year() > 9999 {
			break
		}
		y, m, dd := cur.Date()
		dt, err := credit.NewDate(y, m, dd)
		if err != nil {
			t.Fatalf("NewDate(%s): %v", cur.Format(time.DateOnly), err)
		}
		if got := first.AddDays(i); got != dt {
			t.Fatalf("0001-01-01 + %d days = %v, want %v", i, got, dt)
		}
		if dt.Weekday() != cur.Weekday() {
			t.Fatalf("%v: Weekday() = %v, want %v", dt, dt.Weekday(), cur.Weekday())
		}
		if dt.DaysSince(first) != i {
			t.Fatalf("%v: DaysSince(0001-01-01) = %d, want %d", dt, dt.DaysSince(first), i)
		}
	}
	tests := []struct {
		name string
		date credit.Date
		want time.Weekday
	}{
		{name: "0001-01-01 was a Monday", date: d(1, time.January, 1), want: time.Monday},
		{name: "0001-01-07 was a Sunday", date: d(1, time.January, 7), want: time.Sunday},
		{name: "2023-10-10 was a Tuesday", date: d(2023, time.October, 10), want: time.Tuesday},
		{name: "2024-06-01 was a Saturday", date: d(2024, time.June, 1), want: time.Saturday},
		{name: "9999-12-31 is a Friday", date: d(9999, time.December, 31), want: time.Friday},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.date.Weekday(); got != tc.want {
				t.Errorf("Weekday() = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		name string
		from credit.Date
		n    int
		want credit.Date
	}{
		{name: "zero days", from: d(2024, time.June, 1), n: 0, want: d(2024, time.June, 1)},
		{name: "into leap day", from: d(2024, time.February, 28), n: 1, want: d(2024, time.February, 29)},
		{name: "over leap day", from: d(2024, time.February, 28), n: 2, want: d(2024, time.March, 1)},
		{name: "no leap day in 2025", from: d(2025, time.February, 28), n: 1, want: d(2025, time.March, 1)},
		{name: "year end", from: d(2023, time.December, 31), n: 1, want: d(2024, time.January, 1)},
		{name: "backwards over year end", from: d(2024, time.January, 1), n: -1, want: d(2023, time.December, 31)},
		{name: "a leap year", from: d(2024, time.January, 1), n: 366, want: d(2025, time.January, 1)},
		{name: "day before the policy", from: d(2023, time.October, 10), n: -1, want: d(2023, time.October, 9)},
		{name: "first day minus zero", from: d(1, time.January, 1), n: 0, want: d(1, time.January, 1)},
		{name: "second day minus one", from: d(1, time.January, 2), n: -1, want: d(1, time.January, 1)},
		{name: "saturates at first day", from: d(1, time.January, 2), n: -2, want: d(1, time.January, 1)},
		{name: "saturates from first day", from: d(1, time.January, 1), n: -1, want: d(1, time.January, 1)},
		{name: "saturates for MinInt", from: d(2024, time.June, 1), n: math.MinInt, want: d(1, time.January, 1)},
		{name: "second last day plus one", from: d(9999, time.December, 30), n: 1, want: d(9999, time.December, 31)},
		{name: "saturates at last day", from: d(9999, time.December, 30), n: 2, want: d(9999, time.December, 31)},
		{name: "saturates from last day", from: d(9999, time.December, 31), n: 1, want: d(9999, time.December, 31)},
		{name: "saturates for a huge n", from: d(2024, time.June, 1), n: 1 << 62, want: d(9999, time.December, 31)},
		{name: "whole range", from: d(1, time.January, 1), n: 3_652_058, want: d(9999, time.December, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.from.AddDays(tc.n); got != tc.want {
				t.Errorf("%v.AddDays(%d) = %v, want %v", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from credit.Date
		n    int
		want credit.Date
	}{
		{name: "zero months", from: d(2024, time.January, 31), n: 0, want: d(2024, time.January, 31)},
		{name: "31 Jan + 1 in leap year", from: d(2024, time.January, 31), n: 1, want: d(2024, time.February, 29)},
		{name: "31 Jan + 1 in common year", from: d(2023, time.January, 31), n: 1, want: d(2023, time.February, 28)},
		{name: "30 Jan + 1 in leap year", from: d(2024, time.January, 30), n: 1, want: d(2024, time.February, 29)},
		{name: "29 Jan + 1 in common year", from: d(2023, time.January, 29), n: 1, want: d(2023, time.February, 28)},
		{name: "28 Jan + 1 in common year", from: d(2023, time.January, 28), n: 1, want: d(2023, time.February, 28)},
		{name: "31 Mar - 1 in leap year", from: d(2024, time.March, 31), n: -1, want: d(2024, time.February, 29)},
		{name: "31 Mar - 1 in common year", from: d(2023, time.March, 31), n: -1, want: d(2023, time.February, 28)},
		{name: "30 Mar - 1 in leap year", from: d(2024, time.March, 30), n: -1, want: d(2024, time.February, 29)},
		{name: "31 Mar + 1", from: d(2024, time.March, 31), n: 1, want: d(2024, time.April, 30)},
		{name: "30 Apr + 1", from: d(2024, time.April, 30), n: 1, want: d(2024, time.May, 30)},
		{name: "30 May + 1", from: d(2024, time.May, 30), n: 1, want: d(2024, time.June, 30)},
		{name: "31 May + 1", from: d(2024, time.May, 31), n: 1, want: d(2024, time.June, 30)},
		{name: "30 Jun - 4", from: d(2024, time.June, 30), n: -4, want: d(2024, time.February, 29)},
		{name: "31 Aug + 1", from: d(2024, time.August, 31), n: 1, want: d(2024, time.September, 30)},
		{name: "leap day + 12", from: d(2024, time.February, 29), n: 12, want: d(2025, time.February, 28)},
		{name: "leap day + 48", from: d(2024, time.February, 29), n: 48, want: d(2028, time.February, 29)},
		{name: "leap day - 12", from: d(2024, time.February, 29), n: -12, want: d(2023, time.February, 28)},
		{name: "leap day - 48", from: d(2024, time.February, 29), n: -48, want: d(2020, time.February, 29)},
		{name: "leap day + 1", from: d(2024, time.February, 29), n: 1, want: d(2024, time.March, 29)},
		{name: "leap day to 2100 (not leap)", from: d(2096, time.February, 29), n: 48, want: d(2100, time.February, 28)},
		{name: "leap day to 2000 (leap)", from: d(1996, time.February, 29), n: 48, want: d(2000, time.February, 29)},
		{name: "over year end", from: d(2023, time.November, 15), n: 3, want: d(2024, time.February, 15)},
		{name: "back over year end", from: d(2024, time.February, 15), n: -3, want: d(2023, time.November, 15)},
		{name: "December + 1", from: d(2023, time.December, 31), n: 1, want: d(2024, time.January, 31)},
		{name: "January - 1", from: d(2024, time.January, 31), n: -1, want: d(2023, time.December, 31)},
		{name: "-13 months", from: d(2024, time.January, 31), n: -13, want: d(2022, time.December, 31)},
		{name: "120 months", from: d(2025, time.December, 1), n: 120, want: d(2035, time.December, 1)},
		{name: "lowest month exactly", from: d(1, time.February, 28), n: -1, want: d(1, time.January, 28)},
		{name: "saturates below year 1", from: d(1, time.February, 28), n: -2, want: d(1, time.January, 1)},
		{name: "saturates from January of year 1", from: d(1, time.January, 15), n: -1, want: d(1, time.January, 1)},
		{name: "saturates for MinInt", from: d(2024, time.June, 1), n: math.MinInt, want: d(1, time.January, 1)},
		{name: "highest month exactly", from: d(9999, time.November, 30), n: 1, want: d(9999, time.December, 30)},
		{name: "saturates above 9999", from: d(9999, time.November, 30), n: 2, want: d(9999, time.December, 31)},
		{name: "saturates from December of 9999", from: d(9999, time.December, 1), n: 1, want: d(9999, time.December, 31)},
		{name: "saturates for a huge n", from: d(2024, time.June, 1), n: 1 << 62, want: d(9999, time.December, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.from.AddMonths(tc.n); got != tc.want {
				t.Errorf("%v.AddMonths(%d) = %v, want %v", tc.from, tc.n, got, tc.want)
			}
			if tc.n%12 == 0 && tc.n > -1<<20 && tc.n < 1<<20 {
				if got := tc.from.AddYears(tc.n / 12); got != tc.want {
					t.Errorf("%v.AddYears(%d) = %v, want %v", tc.from, tc.n/12, got, tc.want)
				}
			}
		})
	}
}

// TestAddMonthsNotChained checks that months are counted from the date
// itself: two steps of one month can differ from one step of two.
func TestAddMonthsNotChained(t *testing.T) {
	start := d(2024, time.January, 31)
	if got := start.AddMonths(2); got != d(2024, time.March, 31) {
		t.Errorf("2024-01-31 + 2 months = %v, want 2024-03-31", got)
	}
	if got := start.AddMonths(1).AddMonths(1); got != d(2024, time.March, 29) {
		t.Errorf("(2024-01-31 + 1 month) + 1 month = %v, want 2024-03-29", got)
	}
}

// TestAddMonthsAgainstTimePackage checks AddMonths, for every day of
// 2019..2025 and shifts of -50..50 months, against a reference built on
// package time: the same day in the target month, or its last day.
func TestAddMonthsAgainstTimePackage(t *testing.T) {
	for tm := time.Date(2019, time.January, 1, 0, 0, 0, 0, time.UTC); tm.Year() < 2026; tm = tm.AddDate(0, 0, 1) {
		dt := credit.DateOf(tm)
		for n := -50; n <= 50; n++ {
			first := time.Date(tm.Year(), tm.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
			day := min(tm.Day(), credit.DaysIn(first.Year(), first.Month()))
			want := credit.MustDate(first.Year(), first.Month(), day)
			if got := dt.AddMonths(n); got != want {
				t.Fatalf("%v.AddMonths(%d) = %v, want %v", dt, n, got, want)
			}
		}
	}
}

func TestPeriodLastDay(t *testing.T) {
	tests := []struct {
		name   string
		event  credit.Date
		months int
		want   credit.Date
	}{
		{name: "legal reference: 2019-06-01 + 5 years", event: d(2019, time.June, 1), months: 60, want: d(2024, time.June, 1)},
		{name: "legal reference: 2020-02-29 + 5 years", event: d(2020, time.February, 29), months: 60, want: d(2025, time.February, 28)},
		{name: "2020-02-28 + 5 years", event: d(2020, time.February, 28), months: 60, want: d(2025, time.February, 28)},
		{name: "2020-03-01 + 5 years", event: d(2020, time.March, 1), months: 60, want: d(2025, time.March, 1)},
		{name: "leap day + 4 years", event: d(2020, time.February, 29), months: 48, want: d(2024, time.February, 29)},
		{name: "worked case 3: 2019-03-01 + 5 years", event: d(2019, time.March, 1), months: 60, want: d(2024, time.March, 1)},
		{name: "31 August + 6 months", event: d(2023, time.August, 31), months: 6, want: d(2024, time.February, 29)},
		{name: "zero months is the event day", event: d(2023, time.August, 31), months: 0, want: d(2023, time.August, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.PeriodLastDay(tc.event, tc.months); got != tc.want {
				t.Errorf("PeriodLastDay(%v, %d) = %v, want %v", tc.event, tc.months, got, tc.want)
			}
		})
	}
}

func TestFirstAndLastOfMonth(t *testing.T) {
	tests := []struct {
		name        string
		in          credit.Date
		first, last credit.Date
	}{
		{name: "mid February leap", in: d(2024, time.February, 15), first: d(2024, time.February, 1), last: d(2024, time.February, 29)},
		{name: "mid February common", in: d(2023, time.February, 15), first: d(2023, time.February, 1), last: d(2023, time.February, 28)},
		{name: "February 1900", in: d(1900, time.February, 10), first: d(1900, time.February, 1), last: d(1900, time.February, 28)},
		{name: "February 2000", in: d(2000, time.February, 10), first: d(2000, time.February, 1), last: d(2000, time.February, 29)},
		{name: "first day itself", in: d(2024, time.April, 1), first: d(2024, time.April, 1), last: d(2024, time.April, 30)},
		{name: "last day itself", in: d(2024, time.April, 30), first: d(2024, time.April, 1), last: d(2024, time.April, 30)},
		{name: "December", in: d(2025, time.December, 24), first: d(2025, time.December, 1), last: d(2025, time.December, 31)},
		{name: "first representable month", in: d(1, time.January, 1), first: d(1, time.January, 1), last: d(1, time.January, 31)},
		{name: "last representable month", in: d(9999, time.December, 31), first: d(9999, time.December, 1), last: d(9999, time.December, 31)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.FirstOfMonth(); got != tc.first {
				t.Errorf("%v.FirstOfMonth() = %v, want %v", tc.in, got, tc.first)
			}
			if got := tc.in.LastOfMonth(); got != tc.last {
				t.Errorf("%v.LastOfMonth() = %v, want %v", tc.in, got, tc.last)
			}
		})
	}
}

func TestDaysInAndIsLeap(t *testing.T) {
	tests := []struct {
		name string
		y    int
		m    time.Month
		days int
		leap bool
	}{
		{name: "Feb 2024", y: 2024, m: time.February, days: 29, leap: true},
		{name: "Feb 2023", y: 2023, m: time.February, days: 28, leap: false},
		{name: "Feb 1900", y: 1900, m: time.February, days: 28, leap: false},
		{name: "Feb 2000", y: 2000, m: time.February, days: 29, leap: true},
		{name: "Feb 2100", y: 2100, m: time.February, days: 28, leap: false},
		{name: "Feb 2400", y: 2400, m: time.February, days: 29, leap: true},
		{name: "Jan", y: 2023, m: time.January, days: 31},
		{name: "Apr", y: 2023, m: time.April, days: 30},
		{name: "Jun", y: 2023, m: time.June, days: 30},
		{name: "Jul", y: 2023, m: time.July, days: 31},
		{name: "Aug", y: 2023, m: time.August, days: 31},
		{name: "Sep", y: 2023, m: time.September, days: 30},
		{name: "Nov", y: 2023, m: time.November, days: 30},
		{name: "Dec", y: 2023, m: time.December, days: 31},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.DaysIn(tc.y, tc.m); got != tc.days {
				t.Errorf("DaysIn(%d, %v) = %d, want %d", tc.y, tc.m, got, tc.days)
			}
			if got := credit.IsLeap(tc.y); got != tc.leap {
				t.Errorf("IsLeap(%d) = %v, want %v", tc.y, got, tc.leap)
			}
		})
	}
}

func TestDaysSince(t *testing.T) {
	tests := []struct {
		name string
		a, b credit.Date
		want int
	}{
		{name: "same day", a: d(2024, time.June, 1), b: d(2024, time.June, 1), want: 0},
		{name: "over leap day", a: d(2024, time.March, 1), b: d(2024, time.February, 28), want: 2},
		{name: "over leap day backwards", a: d(2024, time.February, 28), b: d(2024, time.March, 1), want: -2},
		{name: "no leap day", a: d(2023, time.March, 1), b: d(2023, time.February, 28), want: 1},
		{name: "a 30-day month", a: d(2025, time.December, 31), b: d(2025, time.December, 1), want: 30},
		{name: "five years with one leap day", a: d(2024, time.June, 1), b: d(2019, time.June, 1), want: 1827},
		{name: "whole range", a: d(9999, time.December, 31), b: d(1, time.January, 1), want: 3_652_058},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.DaysSince(tc.b); got != tc.want {
				t.Errorf("%v.DaysSince(%v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestCompareBeforeAfter(t *testing.T) {
	tests := []struct {
		name string
		a, b credit.Date
		want int
	}{
		{name: "equal", a: d(2024, time.June, 1), b: d(2024, time.June, 1), want: 0},
		{name: "one day before", a: d(2023, time.October, 9), b: d(2023, time.October, 10), want: -1},
		{name: "one day after", a: d(2023, time.October, 11), b: d(2023, time.October, 10), want: 1},
		{name: "year decides", a: d(2023, time.December, 31), b: d(2024, time.January, 1), want: -1},
		{name: "zero before first day", a: credit.Date{}, b: d(1, time.January, 1), want: -1},
		{name: "last after first", a: d(9999, time.December, 31), b: d(1, time.January, 1), want: 1},
		{name: "zero equals zero", a: credit.Date{}, b: credit.Date{}, want: 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Compare(tc.b); got != tc.want {
				t.Errorf("%v.Compare(%v) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := tc.b.Compare(tc.a); got != -tc.want {
				t.Errorf("%v.Compare(%v) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
			if got := tc.a.Before(tc.b); got != (tc.want < 0) {
				t.Errorf("%v.Before(%v) = %v", tc.a, tc.b, got)
			}
			if got := tc.a.After(tc.b); got != (tc.want > 0) {
				t.Errorf("%v.After(%v) = %v", tc.a, tc.b, got)
			}
			if got := tc.a == tc.b; got != (tc.want == 0) {
				t.Errorf("%v == %v is %v", tc.a, tc.b, got)
			}
		})
	}
}

// FuzzParseDate: ParseDate never panics, fails only with ErrInvalidDate, and
// when it succeeds the date prints back as exactly the input.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2024-02-29", "2025-02-29", "2023-04-31", "0001-01-01", "9999-12-31",
		"0000-01-01", "2024-6-01", "2024/06/01", " 2024-06-01", "", "2024-13-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		dt, err := credit.ParseDate(s)
		if err != nil {
			if !errors.Is(err, credit.ErrInvalidDate) {
				t.Fatalf("ParseDate(%q) error = %v, want ErrInvalidDate", s, err)
			}
			if !dt.IsZero() {
				t.Fatalf("ParseDate(%q) = %v on error", s, dt)
			}
			return
		}
		if dt.IsZero() {
			t.Fatalf("ParseDate(%q) succeeded with the zero Date", s)
		}
		if got := dt.String(); got != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, got)
		}
		tm, terr := time.Parse(time.DateOnly, s)
		if terr != nil {
			t.Fatalf("ParseDate accepted %q, time.Parse rejects it: %v", s, terr)
		}
		if dt.Weekday() != tm.Weekday() {
			t.Fatalf("%q: Weekday() = %v, want %v", s, dt.Weekday(), tm.Weekday())
		}
	})
}
