package reporting_test

import (
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/reporting"
)

// lstAllocated returns the bytes f allocates.
func lstAllocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// lstProblemsOf returns the problems of err, which must be a
// credit.Problems of ErrInvalid problems with messages in both languages.
func lstProblemsOf(t *testing.T, err error) credit.Problems {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not a credit.Problems", err, err)
	}
	for _, e := range ps {
		if !errors.Is(e, credit.ErrInvalid) || e.Message.VI == "" || e.Message.EN == "" {
			t.Fatalf("%s %s: not an ErrInvalid with messages in both languages", e.Pointer, e.Code)
		}
	}
	return ps
}

// lstCheckCut checks that err lists exactly MaxProblems problems and then
// one too_many_problems at at, and returns the problems listed before it.
func lstCheckCut(t *testing.T, err error, at string) credit.Problems {
	t.Helper()
	ps := lstProblemsOf(t, err)
	if len(ps) != reporting.MaxProblems+1 {
		t.Fatalf("%d problems, want MaxProblems+1 = %d", len(ps), reporting.MaxProblems+1)
	}
	last := ps[reporting.MaxProblems]
	if last.Pointer != at || last.Code != reporting.CodeTooManyProblems || last.Message != forms.MsgTooManyProblems ||
		!errors.Is(last, reporting.ErrLists) {
		t.Errorf("last problem = %s %s %+v, want %s %s (ErrLists)", last.Pointer, last.Code, last.Message, at,
			reporting.CodeTooManyProblems)
	}
	listed := ps[:reporting.MaxProblems]
	for i, e := range listed {
		if e.Code == reporting.CodeTooManyProblems {
			t.Errorf("problem %d is %s %s: too_many_problems before the end", i, e.Pointer, e.Code)
		}
	}
	return listed
}

// lstMonthly and lstDemand run the two reports on lists, returning only
// their error.
func lstMonthly(expected []string, lists []forms.List01) error {
	_, err := reporting.MonthlyRound(nil, lstNov, expected, lists)
	return err
}

func lstDemand(lists []forms.List01) error {
	_, err := reporting.DemandReview(nil, 2026, lists, reporting.Capital{})
	return err
}

// lstOneBadRowList is one list of n empty rows: forms.Validate01 cuts it.
func lstOneBadRowList(n int) []forms.List01 {
	return []forms.List01{lstList("03424", lstNov, lstDate(2026, 11, 5), make([]forms.Row01, n)...)}
}

// lstOtherMonth is n valid lists, of distinct communes (the first n of
// the 2025 map, in every province: their province is left to validation to
// fill), of another month and year than lstNov and the review's 2026: one
// problem each, at /lists/i/period.
func lstOtherMonth(n int) []forms.List01 {
	communes := places.Default().Communes()
	lists := make([]forms.List01, n)
	for i := range lists {
		lists[i] = lstList(communes[i].Code, lstPeriod(2025, time.October), lstDate(2025, 10, 5), lstProd(i+1, 30_000_000))
		lists[i].Province = ""
	}
	return lists
}

// Many bad lists, or one list of many bad rows, list the first MaxProblems
// problems and then one too_many_problems at /lists; the cut of a list by
// forms.Validate01 is not among them.
func TestListReportsProblemsCapped(t *testing.T) {
	empty := make([]forms.List01, 200_000) // seven problems each
	tests := []struct {
		name  string
		run   func() error
		at    string
		first string // the first problem's pointer
		last  string // the last listed problem's pointer
	}{
		{"monthly round: 200,000 empty lists", func() error { return lstMonthly(nil, empty) },
			"/lists", "/lists/0/commune_code", "/lists/142/prepared_on"},
		{"demand review: 200,000 empty lists", func() error { return lstDemand(empty) },
			"/lists", "/lists/0/commune_code", "/lists/142/prepared_on"},
		{"monthly round: one list of 100,000 empty rows", func() error { return lstMonthly([]string{"03424"}, lstOneBadRowList(100_000)) },
			"/lists", "/lists/0/rows/0/full_name", "/lists/0/rows/249/certificate_no"},
		{"demand review: one list of 100,000 empty rows", func() error { return lstDemand(lstOneBadRowList(100_000)) },
			"/lists", "/lists/0/rows/0/full_name", "/lists/0/rows/249/certificate_no"},
		{"monthly round: 200,000 empty expected communes", func() error { return lstMonthly(make([]string, 200_000), nil) },
			"/expected_communes", "/expected_communes/0", "/expected_communes/999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			listed := lstCheckCut(t, tc.run(), tc.at)
			if g := listed[0].Pointer; g != tc.first {
				t.Errorf("first problem at %s, want %s", g, tc.first)
			}
			if g := listed[len(listed)-1].Pointer; g != tc.last {
				t.Errorf("last problem listed at %s, want %s", g, tc.last)
			}
			for _, e := range listed {
				if !strings.HasPrefix(e.Pointer, tc.at+"/") {
					t.Errorf("problem at %s, not under %s", e.Pointer, tc.at)
				}
			}
		})
	}
}

// Exactly MaxProblems problems are all listed; one more is the cut.
func TestListReportsProblemsBoundary(t *testing.T) {
	const m = reporting.MaxProblems
	tests := []struct {
		name string
		run  func() error
		cut  string // the pointer of the cut; "" when there is none
		last string // the pointer of the last problem listed
	}{
		{"monthly round: MaxProblems lists of another month", func() error { return lstMonthly(nil, lstOtherMonth(m)) },
			"", "/lists/999/period"},
		{"monthly round: MaxProblems+1 lists of another month", func() error { return lstMonthly(nil, lstOtherMonth(m+1)) },
			"/lists", "/lists/999/period"},
		{"demand review: MaxProblems lists of another year", func() error { return lstDemand(lstOtherMonth(m)) },
			"", "/lists/999/period"},
		{"demand review: MaxProblems+1 lists of another year", func() error { return lstDemand(lstOtherMonth(m + 1)) },
			"/lists", "/lists/999/period"},
		{"monthly round: MaxProblems empty expected communes", func() error { return lstMonthly(make([]string, m), nil) },
			"", "/expected_communes/999"},
		{"monthly round: MaxProblems+1 empty expected communes", func() error { return lstMonthly(make([]string, m+1), nil) },
			"/expected_communes", "/expected_communes/999"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			var listed credit.Problems
			if tc.cut == "" {
				listed = lstProblemsOf(t, err)
				if len(listed) != m {
					t.Fatalf("%d problems, want MaxProblems = %d", len(listed), m)
				}
				for _, e := range listed {
					if e.Code == reporting.CodeTooManyProblems {
						t.Fatalf("%s %s: cut at MaxProblems problems", e.Pointer, e.Code)
					}
				}
			} else {
				listed = lstCheckCut(t, err, tc.cut)
			}
			if g := listed[len(listed)-1].Pointer; g != tc.last {
				t.Errorf("last problem listed at %s, want %s", g, tc.last)
			}
		})
	}
}

// Checking many bad lists costs the memory of MaxProblems problems, not of
// one problem per mistake: 200,000 empty lists allocate little, and no more
// than twice what 20,000 do (before the cut, 200,000 empty lists allocated
// about 860 MB, ten times 20,000 lists).
func TestListReportsMemoryBounded(t *testing.T) {
	const limit = 5 << 20 // bytes for 200,000 lists; about 0.5 MB is needed
	tests := []struct {
		name string
		run  func(lists []forms.List01) func()
	}{
		{"monthly round", func(lists []forms.List01) func() { return func() { _ = lstMonthly(nil, lists) } }},
		{"demand review", func(lists []forms.List01) func() { return func() { _ = lstDemand(lists) } }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			small := lstAllocated(tc.run(make([]forms.List01, 20_000)))
			large := lstAllocated(tc.run(make([]forms.List01, 200_000)))
			if large > limit {
				t.Errorf("200,000 lists allocate %d bytes, want at most %d", large, limit)
			}
			if large > 2*small {
				t.Errorf("200,000 lists allocate %d bytes, more than twice the %d of 20,000 lists", large, small)
			}
		})
	}
}
