package forms_test

import (
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// fxAllocated returns the bytes f allocates.
func fxAllocated(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// fxEmptyRows is a valid list header with n empty rows: every row breaks
// eleven rules (four field rules, then dates, sex, release, purpose, amount).
func fxEmptyRows(n int) *forms.List01 {
	l := fxList01()
	l.Rows = make([]forms.Row01, n)
	return l
}

// fxEmptyWorkers is a valid plan, employing enough, with n empty workers.
func fxEmptyWorkers(n int) *forms.Plan02 {
	p := fxPlan02()
	p.TotalWorkers = max(n, 1)
	p.Workers = make([]forms.Worker02, n)
	return p
}

// fxCopiesOfRow01 is a list of n copies of one valid row: every row after
// the first is a duplicate ID number, found last, after every other check.
func fxCopiesOfRow01(n int) *forms.List01 {
	l := fxList01()
	l.Rows = make([]forms.Row01, n)
	for i := range l.Rows {
		l.Rows[i] = fxRow01()
	}
	return l
}

// fxCopiesOfWorker02 is a plan with n copies of one qualifying worker.
func fxCopiesOfWorker02(n int) *forms.Plan02 {
	p := fxPlan02()
	p.TotalWorkers = max(n, 1)
	p.Workers = make([]forms.Worker02, n)
	for i := range p.Workers {
		p.Workers[i] = fxWorker02()
	}
	return p
}

// fxNamelessRows is a list of n valid rows of distinct people whose names
// are missing: exactly n problems, /rows/i/full_name.
func fxNamelessRows(n int) *forms.List01 {
	l := fxList01N(n)
	for i := range l.Rows {
		l.Rows[i].FullName = ""
	}
	return l
}

// fxNamelessWorkers is a valid plan with n distinct qualifying workers
// whose names are missing: exactly n problems, /workers/i/full_name.
func fxNamelessWorkers(n int) *forms.Plan02 {
	p := fxPlan02()
	p.TotalWorkers = max(n, 1)
	p.Workers = make([]forms.Worker02, n)
	for i := range p.Workers {
		p.Workers[i] = fxWorkerN(i)
		p.Workers[i].FullName = ""
	}
	return p
}

// fxCheckCut checks that err lists exactly MaxProblems problems and then
// one too_many_problems at at, and returns the problems listed before it.
func fxCheckCut(t *testing.T, err error, at string) credit.Problems {
	t.Helper()
	ps := fxProblemsOf(t, err)
	if len(ps) != forms.MaxProblems+1 {
		t.Fatalf("%d problems, want MaxProblems+1 = %d", len(ps), forms.MaxProblems+1)
	}
	last := ps[forms.MaxProblems]
	if last.Pointer != at || last.Code != forms.CodeTooManyProblems || last.Message != forms.MsgTooManyProblems {
		t.Errorf("last problem = %s %s %+v, want %s %s", last.Pointer, last.Code, last.Message, at, forms.CodeTooManyProblems)
	}
	listed := ps[:forms.MaxProblems]
	for i, e := range listed {
		if e.Code == forms.CodeTooManyProblems {
			t.Errorf("problem %d is %s %s: too_many_problems before the end", i, e.Pointer, e.Code)
		}
	}
	return listed
}

// fxRowOf returns i of a pointer base/i/…, failing if there is none.
func fxRowOf(t *testing.T, pointer, base string) int {
	t.Helper()
	rest, ok := strings.CutPrefix(pointer, base+"/")
	if !ok {
		t.Fatalf("problem at %s, not under %s", pointer, base)
	}
	s, _, _ := strings.Cut(rest, "/")
	i, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("problem at %s: no row number", pointer)
	}
	return i
}

// A list of many bad rows lists the first MaxProblems problems, row by row
// from the first, then one too_many_problems; duplicates are still found
// among the rows before the cut.
func TestValidateProblemsCapped(t *testing.T) {
	book := credit.DefaultBook()
	const n = 100_000
	tests := []struct {
		name     string
		validate func() error
		at       string // the rows' pointer, and the too_many_problems one
		// check looks at the problems listed before too_many_problems.
		check func(t *testing.T, listed credit.Problems)
	}{
		{
			name:     "Mẫu 01: 100,000 empty rows",
			validate: func() error { return forms.Validate01(book, fxEmptyRows(n)) },
			at:       "/rows",
			check: func(t *testing.T, listed credit.Problems) {
				// Four field rules a row (full_name, id_number, residence,
				// certificate_no), found before any other check: rows 0 to 249.
				if g := listed[0]; g.Pointer != "/rows/0/full_name" || g.Code != credit.CodeRequired {
					t.Errorf("first problem %s %s, want /rows/0/full_name required", g.Pointer, g.Code)
				}
				if g := listed[forms.MaxProblems-1]; g.Pointer != "/rows/249/certificate_no" || g.Code != credit.CodeRequired {
					t.Errorf("last listed %s %s, want /rows/249/certificate_no required", g.Pointer, g.Code)
				}
			},
		},
		{
			name: "Mẫu 01: 100,000 rows breaking the rules after the field rules",
			validate: func() error {
				l := fxList01N(n)
				for i := range l.Rows {
					r := &l.Rows[i]
					r.DateOfBirth, r.CompletedOn, r.CertificateDate = credit.Date{}, credit.Date{}, credit.Date{}
					r.Sex, r.ReleaseBasis, r.Purpose, r.Amount = forms.SexUnknown, 0, credit.PurposeUnknown, 0
				}
				return forms.Validate01(book, l)
			},
			at: "/rows",
			check: func(t *testing.T, listed credit.Problems) {
				// Seven problems a row: the first 143 rows, in order.
				prev := 0
				for _, e := range listed {
					i := fxRowOf(t, e.Pointer, "/rows")
					if i < prev {
						t.Fatalf("%s after a problem of row %d: not in row order", e.Pointer, prev)
					}
					prev = i
				}
				if prev != 142 {
					t.Errorf("last listed problem in row %d, want 142", prev)
				}
			},
		},
		{
			name:     "Mẫu 01: 100,000 copies of one row",
			validate: func() error { return forms.Validate01(book, fxCopiesOfRow01(n)) },
			at:       "/rows",
			check: func(t *testing.T, listed credit.Problems) {
				for i, e := range listed {
					want := "/rows/" + strconv.Itoa(i+1) + "/id_number"
					if e.Pointer != want || e.Code != forms.CodeDuplicateID ||
						!strings.Contains(e.Message.EN, "as row 1 of the list") {
						t.Fatalf("problem %d = %s %s %q, want %s %s naming row 1", i, e.Pointer, e.Code, e.Message.EN,
							want, forms.CodeDuplicateID)
					}
				}
			},
		},
		{
			name:     "Mẫu 02: 100,000 empty workers",
			validate: func() error { return forms.Validate02(book, fxEmptyWorkers(n)) },
			at:       "/workers",
			check: func(t *testing.T, listed credit.Problems) {
				// Four field rules a worker (full_name, id_number,
				// certificate_no, contract_no): workers 0 to 249.
				if g := listed[0]; g.Pointer != "/workers/0/full_name" {
					t.Errorf("first problem %s %s, want /workers/0/full_name", g.Pointer, g.Code)
				}
				if g := listed[forms.MaxProblems-1]; g.Pointer != "/workers/249/contract_no" {
					t.Errorf("last listed %s %s, want /workers/249/contract_no", g.Pointer, g.Code)
				}
			},
		},
		{
			name:     "Mẫu 02: 100,000 copies of one worker",
			validate: func() error { return forms.Validate02(book, fxCopiesOfWorker02(n)) },
			at:       "/workers",
			check: func(t *testing.T, listed credit.Problems) {
				for i, e := range listed {
					if want := "/workers/" + strconv.Itoa(i+1) + "/id_number"; e.Pointer != want || e.Code != forms.CodeDuplicateID {
						t.Fatalf("problem %d = %s %s, want %s %s", i, e.Pointer, e.Code, want, forms.CodeDuplicateID)
					}
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			listed := fxCheckCut(t, tc.validate(), tc.at)
			for _, e := range listed {
				fxRowOf(t, e.Pointer, tc.at)
			}
			tc.check(t, listed)
		})
	}
}

// The cut comes after MaxProblems problems, not before: exactly MaxProblems
// are all listed, one more is the cut. What a list of problems holds in the
// order found decides what is cut: a plan's fields after the workers
// (repayment_plan, …) are checked after them.
func TestValidateProblemsBoundary(t *testing.T) {
	book := credit.DefaultBook()
	const m = forms.MaxProblems
	tests := []struct {
		name     string
		validate func() error
		cut      string // the pointer of the cut; "" when there is none
		last     string // the pointer of the last problem listed
	}{
		{"Mẫu 01: MaxProblems field rules", func() error { return forms.Validate01(book, fxNamelessRows(m)) },
			"", "/rows/999/full_name"},
		{"Mẫu 01: MaxProblems+1 field rules", func() error { return forms.Validate01(book, fxNamelessRows(m+1)) },
			"/rows", "/rows/999/full_name"},
		{"Mẫu 01: MaxProblems duplicates", func() error { return forms.Validate01(book, fxCopiesOfRow01(m+1)) },
			"", "/rows/1000/id_number"},
		{"Mẫu 01: MaxProblems+1 duplicates", func() error { return forms.Validate01(book, fxCopiesOfRow01(m+2)) },
			"/rows", "/rows/1000/id_number"},
		{"Mẫu 02: MaxProblems field rules", func() error { return forms.Validate02(book, fxNamelessWorkers(m)) },
			"", "/workers/999/full_name"},
		{"Mẫu 02: MaxProblems+1 field rules", func() error { return forms.Validate02(book, fxNamelessWorkers(m+1)) },
			"/workers", "/workers/999/full_name"},
		{"Mẫu 02: MaxProblems with a field after the workers", func() error {
			p := fxNamelessWorkers(m - 1)
			p.RepaymentPlan = ""
			return forms.Validate02(book, p)
		}, "", "/repayment_plan"},
		{"Mẫu 02: MaxProblems+1 with a field after the workers", func() error {
			p := fxNamelessWorkers(m)
			p.RepaymentPlan = ""
			return forms.Validate02(book, p)
		}, "/workers", "/workers/999/full_name"},
		{"Mẫu 02: MaxProblems duplicates", func() error { return forms.Validate02(book, fxCopiesOfWorker02(m+1)) },
			"", "/workers/1000/id_number"},
		{"Mẫu 02: MaxProblems+1 duplicates", func() error { return forms.Validate02(book, fxCopiesOfWorker02(m+2)) },
			"/workers", "/workers/1000/id_number"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.validate()
			var listed credit.Problems
			if tc.cut == "" {
				listed = fxProblemsOf(t, err)
				if len(listed) != m {
					t.Fatalf("%d problems, want MaxProblems = %d", len(listed), m)
				}
				for _, e := range listed {
					if e.Code == forms.CodeTooManyProblems {
						t.Fatalf("%s %s: cut at MaxProblems problems", e.Pointer, e.Code)
					}
				}
			} else {
				listed = fxCheckCut(t, err, tc.cut)
			}
			if g := listed[len(listed)-1].Pointer; g != tc.last {
				t.Errorf("last problem listed at %s, want %s", g, tc.last)
			}
		})
	}
}

// Problems come in the order found, as when the validator checked a whole
// form at once: the form's fields before its rows, each row's field rules,
// the form's fields after its rows; then the form's other rules, each row's
// other rules, duplicates and (Mẫu 02) the plan's money and term.
func TestValidateProblemOrder(t *testing.T) {
	book := credit.DefaultBook()
	l := fxList01()
	l.CertifiedBy = ""
	l.Period.Month = 13
	l.Rows[0].FullName = ""
	l.Rows[0].Amount = 0
	l.Rows = append(l.Rows, fxRow01()) // the same ID number as row 0

	p := fxPlan02()
	p.Province = "Điện Biên" // commune 03424 is in Lai Châu
	p.Workers[0].FullName = ""
	p.Workers[0].ContractDate = credit.Date{}
	p.RepaymentPlan = ""
	p.Kind = 0
	p.TermMonths = 0

	tests := []struct {
		name string
		err  error
		want []fxProblem
	}{
		{"Mẫu 01", forms.Validate01(book, l), []fxProblem{
			fxP("/certified_by", credit.CodeRequired),
			fxP("/rows/0/full_name", credit.CodeRequired),
			fxP("/period", forms.CodeInvalidPeriod),
			fxP("/rows/0/amount", credit.CodeRequired),
			fxP("/rows/1/id_number", forms.CodeDuplicateID),
		}},
		{"Mẫu 02", forms.Validate02(book, p), []fxProblem{
			fxP("/workers/0/full_name", credit.CodeRequired),
			fxP("/repayment_plan", credit.CodeRequired),
			fxP("/province", forms.CodeProvinceMismatch),
			fxP("/kind", credit.CodeRequired),
			fxP("/workers/0/contract_date", credit.CodeRequired),
			fxP("/term_months", credit.CodeRequired),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := fxProblemsOf(t, tc.err)
			got := make([]fxProblem, len(ps))
			for i, e := range ps {
				got[i] = fxP(e.Pointer, e.Code)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n got  %v\n want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("problems:\n got  %v\n want %v", got, tc.want)
				}
			}
		})
	}
}

// Validating many bad rows costs the memory of MaxProblems problems, not of
// one problem per mistake: 100,000 rows allocate little, and no more than
// twice what 10,000 rows do (before the cut, 100,000 empty rows allocated
// about 380 MB, ten times 10,000 rows).
func TestValidateProblemsMemoryBounded(t *testing.T) {
	book := credit.DefaultBook()
	const limit = 5 << 20 // bytes for 100,000 rows; about 0.5 MB is needed
	tests := []struct {
		name     string
		validate func(n int) func()
	}{
		{"Mẫu 01: empty rows", func(n int) func() {
			l := fxEmptyRows(n)
			return func() { _ = forms.Validate01(book, l) }
		}},
		{"Mẫu 02: empty workers", func(n int) func() {
			p := fxEmptyWorkers(n)
			return func() { _ = forms.Validate02(book, p) }
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			small := fxAllocated(tc.validate(10_000))
			large := fxAllocated(tc.validate(100_000))
			if large > limit {
				t.Errorf("100,000 rows allocate %d bytes, want at most %d", large, limit)
			}
			if large > 2*small {
				t.Errorf("100,000 rows allocate %d bytes, more than twice the %d of 10,000 rows", large, small)
			}
		})
	}
}
