package credit_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// Regressions found by the first round of tests; each names what it guards.

// Date arithmetic saturated through int overflow instead of clamping.
func TestDateShiftsSaturateWithoutOverflow(t *testing.T) {
	start := credit.MustDate(2024, time.June, 1)
	first, last := credit.MustDate(1, time.January, 1), credit.MustDate(9999, time.December, 31)
	tests := []struct {
		name string
		got  credit.Date
		want credit.Date
	}{
		{"AddDays(MaxInt)", start.AddDays(math.MaxInt), last},
		{"AddDays(MinInt)", start.AddDays(math.MinInt), first},
		{"AddMonths(MaxInt)", start.AddMonths(math.MaxInt), last},
		{"AddMonths(MinInt)", start.AddMonths(math.MinInt), first},
		{"AddMonths(MaxInt-24293)", start.AddMonths(math.MaxInt - 24293), last},
		{"AddYears(1<<62)", start.AddYears(1 << 62), last},
		{"AddYears(MaxInt/12)", start.AddYears(math.MaxInt / 12), last},
		{"AddYears(MinInt)", start.AddYears(math.MinInt), first},
		{"AddYears(7975) stays in range", start.AddYears(7975), credit.MustDate(9999, time.June, 1)},
		{"AddYears(7976) saturates", start.AddYears(7976), last},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %s, want %s", tc.got, tc.want)
			}
		})
	}
}

func problemsOf(t *testing.T, err error) []string {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not credit.Problems", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Pointer+" "+p.Code)
	}
	return out
}

func TestRulesFileRegressions(t *testing.T) {
	const cite = `"citation": {"instrument": "22/2023/QĐ-TTg"}`
	tests := []struct {
		name    string
		file    string
		rulesFE bool     // want ErrRulesFile
		want    []string // else exactly these problems
	}{
		// A stray closing brace or bracket after the object was accepted.
		{"stray brace", `{"version":"x"}}`, true, nil},
		{"stray bracket", `{"version":"x"}]`, true, nil},
		// An unreadable in_force produced a gap for every parameter.
		{"unreadable in_force reported once", `{"version":"x","in_force":"2023-13-01"}`, false,
			[]string{"/in_force invalid_date"}},
		// An unreadable "to" made the next span look like an overlap.
		{"unreadable to reported once", `{"version":"x","parameters":{"lending_rate_yearly_pct":[
			{"from":"2015-06-05","to":"2025-11-31","value":"6.6",` + cite + `},
			{"from":"2025-12-01","value":"6.24",` + cite + `}]}}`, false,
			[]string{"/parameters/lending_rate_yearly_pct/0/to invalid_date"}},
		// A null value loaded as 0 or false.
		{"null count", `{"version":"x","parameters":{"training_repayment_factor_short":[{"from":"2023-10-10","value":null,` + cite + `}]}}`, false,
			[]string{"/parameters/training_repayment_factor_short/0/value required"}},
		{"null flag", `{"version":"x","parameters":{"window_ends_on_working_day":[{"from":"2023-10-10","value":null,` + cite + `}]}}`, false,
			[]string{"/parameters/window_ends_on_working_day/0/value required"}},
		{"absent value", `{"version":"x","parameters":{"release_window_years":[{"from":"2023-10-10",` + cite + `}]}}`, false,
			[]string{"/parameters/release_window_years/0/value required"}},
		// Counts are JSON integers, not strings or decimals.
		{"count as a string", `{"version":"x","parameters":{"release_window_years":[{"from":"2023-10-10","value":"5",` + cite + `}]}}`, false,
			[]string{"/parameters/release_window_years/0/value invalid_value"}},
		{"count with a decimal point", `{"version":"x","parameters":{"release_window_years":[{"from":"2023-10-10","value":5.0,` + cite + `}]}}`, false,
			[]string{"/parameters/release_window_years/0/value invalid_value"}},
		{"count as an integer", `{"version":"x","parameters":{"release_window_years":[{"from":"2023-10-10","value":6,` + cite + `}]}}`, false, nil},
		// Pointers were not escaped as RFC 6901 requires.
		{"escaped pointer", `{"version":"x","parameters":{"a/b~c":[]}}`, false,
			[]string{"/parameters/a~1b~0c unknown_parameter"}},
		// An overlap on the last representable day was missed.
		{"overlap on 9999-12-31", `{"version":"x","parameters":{"release_window_years":[
			{"from":"2023-10-10","to":"9999-12-31","value":5,` + cite + `},
			{"from":"9999-12-31","value":7,` + cite + `}]}}`, false,
			[]string{"/parameters/release_window_years/1/from overlap"}},
		{"a span ending on 9999-12-31 is complete", `{"version":"x","parameters":{"release_window_years":[
			{"from":"2023-10-10","to":"9999-12-30","value":5,` + cite + `},
			{"from":"9999-12-31","value":7,` + cite + `}]}}`, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := credit.LoadBook(strings.NewReader(tc.file))
			switch {
			case tc.rulesFE:
				if !errors.Is(err, credit.ErrRulesFile) {
					t.Fatalf("error = %v, want ErrRulesFile", err)
				}
			case tc.want == nil:
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if _, err := b.On(credit.MustDate(9999, time.December, 31)); err != nil {
					t.Fatal(err)
				}
			default:
				got := problemsOf(t, err)
				if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
					t.Errorf("problems:\n got %q\nwant %q", got, tc.want)
				}
			}
		})
	}
}
