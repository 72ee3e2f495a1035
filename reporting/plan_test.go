package reporting_test

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

func plnDate(y int, m time.Month, d int) credit.Date { return credit.MustDate(y, m, d) }

// plnDone is a completion of occurrence occ (YYYY-MM-DD or "") done on
// doneOn (YYYY-MM-DD or "").
func plnDone(task, occ, doneOn string) reporting.Completion {
	c := reporting.Completion{TaskID: task}
	if occ != "" {
		c.Occurrence, _ = credit.ParseDate(occ)
	}
	if doneOn != "" {
		c.DoneOn, _ = credit.ParseDate(doneOn)
	}
	return c
}

// plnItem writes an item as "due task status [done D] [late N]".
func plnItem(it reporting.PlanItem) string {
	s := it.Due.String() + " " + it.Task.ID + " " + it.Status.String()
	if !it.DoneOn.IsZero() {
		s += " " + it.DoneOn.String()
	}
	if it.Late {
		s += " late"
	}
	if it.DaysLate != 0 {
		s += fmt.Sprintf(" +%d", it.DaysLate)
	}
	return s
}

func plnItems(r reporting.PlanReport, task string) []string {
	var out []string
	for _, it := range r.Items {
		if task == "" || it.Task.ID == task {
			out = append(out, plnItem(it))
		}
	}
	return out
}

func TestPlanStatus(t *testing.T) {
	tests := []struct {
		name   string
		on     credit.Date
		done   []reporting.Completion
		task   string // only this task's items are compared; "" all
		want   []string
		counts reporting.StatusCounts // compared when task is ""
	}{
		{
			name: "2023-10-19: the department plans are due today, everything else upcoming",
			on:   plnDate(2023, 10, 19),
			want: []string{
				"2023-10-19 department_plans due",
				"2023-10-31 training due",
				"2023-11-05 monthly_list due",
				"2023-11-30 coordination due",
				"2023-12-31 propaganda due",
				"2024-09-30 demand_review due",
				"2024-09-30 review_one_year due",
				"2024-10-31 capital_proposal due",
				"2024-12-31 local_budget_capital due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Due: 10},
		},
		{
			name: "2023-10-20: the department plans, due before the 20th, are overdue by a day",
			on:   plnDate(2023, 10, 20),
			want: []string{
				"2023-10-19 department_plans overdue +1",
				"2023-10-31 training due",
				"2023-11-05 monthly_list due",
				"2023-11-30 coordination due",
				"2023-12-31 propaganda due",
				"2024-09-30 demand_review due",
				"2024-09-30 review_one_year due",
				"2024-10-31 capital_proposal due",
				"2024-12-31 local_budget_capital due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Due: 9, Overdue: 1},
		},
		{
			name: "a one-off task's occurrence may be left zero",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("department_plans", "", "2023-10-18")},
			task: "department_plans",
			want: []string{"2023-10-19 department_plans done 2023-10-18"},
		},
		{
			name: "done after the report's date does not count yet",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("department_plans", "2023-10-19", "2023-10-25")},
			task: "department_plans",
			want: []string{"2023-10-19 department_plans overdue +2"},
		},
		{
			name: "done late, counted as such after the fact",
			on:   plnDate(2023, 10, 25),
			done: []reporting.Completion{plnDone("department_plans", "2023-10-19", "2023-10-25")},
			task: "department_plans",
			want: []string{"2023-10-19 department_plans done 2023-10-25 late +6"},
		},
		{
			name: "2024-01-10: monthly lists on time, late and missing",
			on:   plnDate(2024, 1, 10),
			done: []reporting.Completion{
				plnDone("department_plans", "2023-10-19", "2023-10-19"),
				plnDone("training", "2023-10-31", "2023-11-02"),
				plnDone("monthly_list", "2023-11-05", "2023-11-03"),
				plnDone("monthly_list", "2023-12-05", "2023-12-08"),
			},
			want: []string{
				"2023-10-19 department_plans done 2023-10-19",
				"2023-10-31 training done 2023-11-02 late +2",
				"2023-11-05 monthly_list done 2023-11-03",
				"2023-11-30 coordination overdue +41",
				"2023-12-05 monthly_list done 2023-12-08 late +3",
				"2023-12-31 propaganda overdue +10",
				"2024-01-05 monthly_list overdue +5",
				"2024-02-05 monthly_list due",
				"2024-09-30 demand_review due",
				"2024-09-30 review_one_year due",
				"2024-10-31 capital_proposal due",
				"2024-12-31 local_budget_capital due",
				"2024-12-31 propaganda due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Done: 4, Late: 2, Due: 7, Overdue: 3},
		},
		{
			name: "an occurrence done ahead of its turn is listed",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("monthly_list", "2023-12-05", "2023-10-21")},
			task: "monthly_list",
			want: []string{
				"2023-11-05 monthly_list due",
				"2023-12-05 monthly_list done 2023-10-21",
			},
		},
		{
			name: "2026-10-01: the Q3 reviews of 2024, 2025 and 2026",
			on:   plnDate(2026, 10, 1),
			done: []reporting.Completion{
				plnDone("demand_review", "2024-09-30", "2024-09-25"),
				plnDone("demand_review", "2025-09-30", "2025-10-15"),
			},
			task: "demand_review",
			want: []string{
				"2024-09-30 demand_review done 2024-09-25",
				"2025-09-30 demand_review done 2025-10-15 late +15",
				"2026-09-30 demand_review overdue +1",
				"2027-09-30 demand_review due",
			},
		},
		{
			name: "2026-10-01: the Q3 review of 2026 done on its last day",
			on:   plnDate(2026, 10, 1),
			done: []reporting.Completion{plnDone("demand_review", "2026-09-30", "2026-09-30")},
			task: "demand_review",
			want: []string{
				"2024-09-30 demand_review overdue +731",
				"2025-09-30 demand_review overdue +366",
				"2026-09-30 demand_review done 2026-09-30",
				"2027-09-30 demand_review due",
			},
		},
		{
			name: "2026-10-01: the five-year review is still due",
			on:   plnDate(2026, 10, 1),
			task: "review_five_year",
			want: []string{"2028-09-30 review_five_year due"},
		},
		{
			name: "2026-10-01: the one-year review, never done, is overdue",
			on:   plnDate(2026, 10, 1),
			task: "review_one_year",
			want: []string{"2024-09-30 review_one_year overdue +731"},
		},
		{
			name: "2028-10-01: the five-year review done late",
			on:   plnDate(2028, 10, 1),
			done: []reporting.Completion{plnDone("review_five_year", "2028-09-30", "2028-10-01")},
			task: "review_five_year",
			want: []string{"2028-09-30 review_five_year done 2028-10-01 late +1"},
		},
		{
			name: "2024-11-05: the capital proposal and this month's list",
			on:   plnDate(2024, 11, 5),
			done: []reporting.Completion{plnDone("capital_proposal", "2024-10-31", "2024-10-30")},
			task: "capital_proposal",
			want: []string{
				"2024-10-31 capital_proposal done 2024-10-30",
				"2025-10-31 capital_proposal due",
			},
		},
		{
			name: "2026-01-01: the local budget of 2024 in time, 2025's not yet",
			on:   plnDate(2026, 1, 1),
			done: []reporting.Completion{plnDone("local_budget_capital", "2024-12-31", "2024-12-20")},
			task: "local_budget_capital",
			want: []string{
				"2024-12-31 local_budget_capital done 2024-12-20",
				"2025-12-31 local_budget_capital overdue +1",
				"2026-12-31 local_budget_capital due",
			},
		},
		{
			name: "before the plan: only the first occurrences, all due",
			on:   plnDate(2023, 1, 1),
			task: "monthly_list",
			want: []string{"2023-11-05 monthly_list due"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := reporting.PlanStatus(reporting.LaiChauPlan(), tc.on, tc.done)
			if err != nil {
				t.Fatal(err)
			}
			if r.On != tc.on {
				t.Errorf("On = %s, want %s", r.On, tc.on)
			}
			if got := plnItems(r, tc.task); !slices.Equal(got, tc.want) {
				t.Errorf("items:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
			if tc.task == "" && r.Counts != tc.counts {
				t.Errorf("counts = %+v, want %+v", r.Counts, tc.counts)
			}
			// The counts agree with the items, in total and by agency.
			var sum reporting.StatusCounts
			for _, a := range r.ByAgency {
				sum.Done += a.Done
				sum.Late += a.Late
				sum.Due += a.Due
				sum.Overdue += a.Overdue
			}
			if sum != r.Counts || r.Counts.Total() != len(r.Items) {
				t.Errorf("by agency %+v, counts %+v, %d items", sum, r.Counts, len(r.Items))
			}
		})
	}
}

func TestPlanStatusMonthlyListsOverYears(t *testing.T) {
	// 2023-11 .. 2026-09 is 35 lists due by 2026-10-01, and the next one,
	// 2026-10-05, upcoming.
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), plnDate(2026, 10, 1), nil)
	if err != nil {
		t.Fatal(err)
	}
	items := plnItems(r, "monthly_list")
	if len(items) != 36 {
		t.Fatalf("%d monthly items, want 36", len(items))
	}
	if items[0] != "2023-11-05 monthly_list overdue +1061" || items[34] != "2026-09-05 monthly_list overdue +26" || items[35] != "2026-10-05 monthly_list due" {
		t.Errorf("first, last, next = %q, %q, %q", items[0], items[34], items[35])
	}
	// Sorted by due date, then task ID.
	if !slices.IsSortedFunc(r.Items, func(a, b reporting.PlanItem) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return strings.Compare(a.Task.ID, b.Task.ID)
	}) {
		t.Error("items are not sorted by due date and task ID")
	}
}

func TestPlanStatusByAgency(t *testing.T) {
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), plnDate(2023, 10, 21), nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range r.ByAgency {
		got = append(got, fmt.Sprintf("%s: done %d, late %d, due %d, overdue %d", a.Agency.VI, a.Done, a.Late, a.Due, a.Overdue))
	}
	want := []string{
		"Các cơ quan, đơn vị thực hiện Kế hoạch: done 0, late 0, due 2, overdue 0",
		"Các sở, ban, ngành tỉnh; UBND cấp huyện: done 0, late 0, due 0, overdue 1",
		"Công an cấp xã: done 0, late 0, due 1, overdue 0",
		"Công an tỉnh; Chi nhánh NHCSXH tỉnh: done 0, late 0, due 3, overdue 0",
		"Kế hoạch không nêu cơ quan thực hiện: done 0, late 0, due 1, overdue 0",
		"Sở Tài chính: done 0, late 0, due 1, overdue 0",
		"UBND cấp huyện; từ 01/7/2025: UBND cấp xã, UBND tỉnh: done 0, late 0, due 1, overdue 0",
	}
	if !slices.Equal(got, want) {
		t.Errorf("by agency:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	for _, a := range r.ByAgency {
		if a.Agency.EN == "" {
			t.Errorf("agency %q has no English name", a.Agency.VI)
		}
	}
}

type plnProblem struct{ Pointer, Code string }

func plnProblems(t *testing.T, err error) []plnProblem {
	t.Helper()
	var ps credit.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v is not a credit.Problems", err)
	}
	if !errors.Is(err, credit.ErrInvalid) {
		t.Errorf("errors.Is(err, credit.ErrInvalid) = false")
	}
	var got []plnProblem
	for _, p := range ps {
		got = append(got, plnProblem{p.Pointer, p.Code})
		if p.Message.VI == "" || p.Message.EN == "" {
			t.Errorf("%s %s: message missing", p.Pointer, p.Code)
		}
	}
	return got
}

func TestPlanStatusProblems(t *testing.T) {
	on := plnDate(2024, 1, 10)
	d := plnDate(2023, 12, 1)
	tests := []struct {
		name  string
		tasks []reporting.Task
		on    credit.Date
		done  []reporting.Completion
		want  []plnProblem
		plan  bool // errors.Is(err, reporting.ErrPlan)
	}{
		{
			name:  "completions that do not match the plan",
			tasks: reporting.LaiChauPlan(),
			on:    on,
			done: []reporting.Completion{
				plnDone("", "2023-11-05", "2023-11-05"),                 // 0: no task ID
				plnDone("nope", "2023-11-05", "2023-11-05"),             // 1: unknown task
				plnDone("monthly_list", "2023-11-06", "2023-11-06"),     // 2: not the 5th
				plnDone("monthly_list", "", "2023-11-06"),               // 3: a recurring task needs the occurrence
				plnDone("monthly_list", "2023-11-05", ""),               // 4: not done on any day
				plnDone("monthly_list", "2023-11-05", "2023-11-05"),     // 5: the same occurrence again
				plnDone("training", "", "2023-10-30"),                   // 6: fine: a one-off task's only date
				plnDone("training", "2023-10-31", "2023-10-30"),         // 7: the same again
				plnDone("department_plans", "2023-10-21", ""),           // 8: not its date, and no day done
				plnDone("demand_review", "2023-09-30", "2023-09-30"),    // 9: before the first review
				plnDone("propaganda", "2024-12-30", "2024-01-01"),       // 10: not 31 December
				plnDone("capital_proposal", "2025-10-31", "2024-01-01"), // 11: fine: a future year, done early
			},
			want: []plnProblem{
				{"/completions/0/task_id", credit.CodeRequired},
				{"/completions/1/task_id", reporting.CodeUnknownTask},
				{"/completions/2/occurrence", reporting.CodeNotOccurrence},
				{"/completions/3/occurrence", credit.CodeRequired},
				{"/completions/4/done_on", credit.CodeRequired},
				{"/completions/5/occurrence", reporting.CodeDuplicateCompletion},
				{"/completions/7/occurrence", reporting.CodeDuplicateCompletion},
				{"/completions/8/occurrence", reporting.CodeNotOccurrence},
				{"/completions/8/done_on", credit.CodeRequired},
				{"/completions/9/occurrence", reporting.CodeNotOccurrence},
				{"/completions/10/occurrence", reporting.CodeNotOccurrence},
			},
			plan: true,
		},
		{
			name: "a missing date and a plan that does not hold together",
			tasks: []reporting.Task{
				{},
				{ID: "a", Due: reporting.Deadline{First: d}},
				{ID: "a", Due: reporting.Deadline{First: d, Until: d.AddDays(-1)}, Recurring: reporting.Recurrence(7)},
				{ID: "b", Due: reporting.Deadline{First: d, Until: d}, Recurring: reporting.EveryMonth},
				{ID: "c", Due: reporting.Deadline{First: d}, Assumptions: []reporting.Assumption{
					{}, {Part: reporting.PartSection}, {Part: reporting.TaskPart(5)},
				}},
			},
			done: []reporting.Completion{plnDone("b", "2024-01-01", "2024-01-01")},
			want: []plnProblem{
				{"/on", credit.CodeRequired},
				{"/tasks/0/id", credit.CodeRequired},
				{"/tasks/0/due/first", credit.CodeRequired},
				{"/tasks/2/id", reporting.CodeDuplicateTask},
				{"/tasks/2/recurring", credit.CodeInvalidEnum},
				{"/tasks/2/due/until", credit.CodeOutOfRange},
				{"/tasks/4/assumptions/0/part", credit.CodeInvalidEnum},
				{"/tasks/4/assumptions/2/part", credit.CodeInvalidEnum},
				{"/completions/0/occurrence", reporting.CodeNotOccurrence}, // b ended on its first date
			},
			plan: true,
		},
		{
			name:  "only the date missing",
			tasks: reporting.LaiChauPlan(),
			want:  []plnProblem{{"/on", credit.CodeRequired}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := reporting.PlanStatus(tc.tasks, tc.on, tc.done)
			if err == nil {
				t.Fatalf("no error; report %v", plnItems(r, ""))
			}
			if got := plnProblems(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("problems:\n got %v\nwant %v", got, tc.want)
			}
			if errors.Is(err, reporting.ErrPlan) != tc.plan {
				t.Errorf("errors.Is(err, ErrPlan) = %v, want %v", !tc.plan, tc.plan)
			}
			if r.Items != nil || !r.On.IsZero() {
				t.Errorf("a report came with the error")
			}
		})
	}
}

func TestPlanStatusDoesNotTouchInput(t *testing.T) {
	tasks := reporting.LaiChauPlan()
	first := tasks[0].ID
	r, err := reporting.PlanStatus(tasks, plnDate(2023, 10, 21), nil)
	if err != nil {
		t.Fatal(err)
	}
	tasks[0].ID = "changed"
	for i := range tasks {
		for j := range tasks[i].Assumptions {
			tasks[i].Assumptions[j].Text.VI = "changed"
		}
		for j := range tasks[i].Law {
			tasks[i].Law[j].Article = 99
		}
	}
	if r.Tasks[0].ID != first {
		t.Errorf("the report shares the caller's tasks")
	}
	for _, tk := range r.Tasks {
		for _, a := range tk.Assumptions {
			if a.Text.VI == "changed" {
				t.Errorf("%s: the report shares the caller's assumptions", tk.ID)
			}
		}
		for _, c := range tk.Law {
			if c.Article == 99 {
				t.Errorf("%s: the report shares the caller's law citations", tk.ID)
			}
		}
	}
	// Each call returns a fresh plan.
	if again := reporting.LaiChauPlan(); again[0].ID != first || again[0].Assumptions[0].Text.VI == "changed" {
		t.Errorf("LaiChauPlan returned a shared slice")
	}
}

// plnParts writes the parts of a task assumed as "due section".
func plnParts(tk reporting.Task) string {
	var ps []string
	for _, a := range tk.Assumptions {
		ps = append(ps, a.Part.String())
	}
	return strings.Join(ps, " ")
}

// plnLaw writes the QĐ22 provisions a task carries out as "3.2.a 11".
func plnLaw(tk reporting.Task) string {
	var ls []string
	for _, c := range tk.Law {
		l := strconv.Itoa(c.Article)
		if c.Clause != 0 {
			l += "." + strconv.Itoa(c.Clause)
		}
		if c.Point != "" {
			l += "." + c.Point
		}
		ls = append(ls, l)
	}
	return strings.Join(ls, " ")
}

// The tasks of the Lai Châu plan, each at its section: II.1, II.3, III.1
// (the monthly list) and III.7 are the legal reference's; the others are
// reconstructed and say so. Dates and recurrences the plan does not give
// are listed as assumptions.
func TestLaiChauPlan(t *testing.T) {
	tests := []struct {
		id            string
		section       string
		reconstructed bool
		first         credit.Date
		rec           reporting.Recurrence
		assumed       string // the parts assumed, in order
		law           string // QĐ22 provisions, article.clause.point
	}{
		{"propaganda", "II.1", false, plnDate(2023, 12, 31), reporting.EveryYear, "due recurring", ""},
		{"training", "II.2", true, plnDate(2023, 10, 31), reporting.OneOff, "section", ""},
		{"coordination", "II.3", false, plnDate(2023, 11, 30), reporting.OneOff, "", ""},
		{"monthly_list", "III.1", false, plnDate(2023, 11, 5), reporting.EveryMonth, "due", "3.2.a"},
		{"demand_review", "III.1", true, plnDate(2024, 9, 30), reporting.EveryYear, "section", "11"},
		{"capital_proposal", "III.3", true, plnDate(2024, 10, 31), reporting.EveryYear, "due section", "3.1.a 3.1.b 11"},
		{"local_budget_capital", "III.7", false, plnDate(2024, 12, 31), reporting.EveryYear, "due agency", "11"},
		// "Trước ngày 20/10/2023": before the 20th.
		{"department_plans", "IV.1", true, plnDate(2023, 10, 19), reporting.OneOff, "section", ""},
		{"review_one_year", "IV.2", true, plnDate(2024, 9, 30), reporting.OneOff, "section", ""},
		{"review_five_year", "IV.3", true, plnDate(2028, 9, 30), reporting.OneOff, "section", ""},
	}
	tasks := reporting.LaiChauPlan()
	if len(tasks) != len(tests) {
		t.Fatalf("%d tasks, want %d", len(tasks), len(tests))
	}
	for i, tc := range tests {
		tk := tasks[i]
		t.Run(tc.id, func(t *testing.T) {
			if tk.ID != tc.id {
				t.Fatalf("task %d is %s, want %s (in the order of the sections)", i, tk.ID, tc.id)
			}
			if tk.Title.VI == "" || tk.Title.EN == "" || tk.Agency.VI == "" || tk.Agency.EN == "" {
				t.Errorf("title or agency missing a language")
			}
			if tk.Due.First != tc.first || tk.Recurring != tc.rec || !tk.Due.Until.IsZero() {
				t.Errorf("due %s %s until %s, want %s %s", tk.Due.First, tk.Recurring, tk.Due.Until, tc.first, tc.rec)
			}
			c := tk.Citation
			if c.Instrument != reporting.PlanLaiChau || !strings.HasPrefix(c.Text, "Mục "+tc.section+" Kế hoạch") || !strings.HasSuffix(c.TextEN, ", section "+tc.section) {
				t.Errorf("citation %+v, want section %s", c, tc.section)
			}
			// A reconstructed section number says so, Vietnamese first.
			vi, en := strings.Index(c.Note, "do dự án dựng lại"), strings.Index(c.Note, "reconstructed")
			switch {
			case tc.reconstructed && (vi < 0 || en < vi || !strings.Contains(c.Note, "(độ tin cậy L)") || !strings.Contains(c.Note, "(confidence L)")):
				t.Errorf("a reconstructed section, note %q", c.Note)
			case !tc.reconstructed && (vi >= 0 || en >= 0):
				t.Errorf("the legal reference's section, note %q", c.Note)
			}
			if tc.reconstructed != tk.Assumed(reporting.PartSection) {
				t.Errorf("reconstructed %v, section assumed %v", tc.reconstructed, tk.Assumed(reporting.PartSection))
			}
			if got := plnParts(tk); got != tc.assumed {
				t.Errorf("assumed %q, want %q", got, tc.assumed)
			}
			for _, a := range tk.Assumptions {
				if a.Text.VI == "" || a.Text.EN == "" || !strings.Contains(a.Text.VI, "L)") || !strings.Contains(a.Text.EN, "L)") {
					t.Errorf("assumption %s: %+v (both languages, with the confidence)", a.Part, a.Text)
				}
			}
			for _, l := range tk.Law {
				if l.Instrument != credit.QD22 {
					t.Errorf("law citation %+v", l)
				}
			}
			if got := plnLaw(tk); got != tc.law {
				t.Errorf("law %q, want %q", got, tc.law)
			}
		})
	}

	byID := func(id string) reporting.Task {
		for _, tk := range tasks {
			if tk.ID == id {
				return tk
			}
		}
		t.Fatalf("no task %s", id)
		return reporting.Task{}
	}
	// The plan names districts; since 2025-07-01 there are none.
	for _, id := range []string{"department_plans", "local_budget_capital"} {
		if n := byID(id).Note; !strings.Contains(n.VI, "01/7/2025") || !strings.Contains(n.EN, "2025-07-01") {
			t.Errorf("%s note = %+v", id, n)
		}
	}
	// "Trước ngày 20/10/2023" is read as it is written, and the 20th is late.
	if dp := byID("department_plans"); !strings.Contains(dp.Title.VI, "trước ngày 20/10/2023") ||
		!strings.Contains(dp.Citation.Note, "19/10/2023") || !strings.Contains(dp.Citation.Note, "2023-10-20 is late") {
		t.Errorf("department_plans: %q, note %q", dp.Title.VI, dp.Citation.Note)
	}
	// Who holds the local budget since the districts went is an assumption:
	// the communes with their budgets, the province with its own, advised
	// by the Q3 review.
	lb := byID("local_budget_capital")
	for _, a := range lb.Assumptions {
		if a.Part != reporting.PartAgency {
			continue
		}
		for _, want := range []string{"UBND cấp huyện", "UBND cấp xã", "UBND tỉnh", "quý III", "giả định"} {
			if !strings.Contains(a.Text.VI, want) {
				t.Errorf("local_budget_capital agency assumption lacks %q: %q", want, a.Text.VI)
			}
		}
		for _, want := range []string{"district", "commune People's Committees", "Provincial People's Committee", "Q3", "assumed"} {
			if !strings.Contains(a.Text.EN, want) {
				t.Errorf("local_budget_capital agency assumption lacks %q: %q", want, a.Text.EN)
			}
		}
	}
	if !strings.Contains(lb.Agency.VI, "UBND cấp xã") || !strings.Contains(lb.Agency.EN, "commune People's Committees") {
		t.Errorf("local_budget_capital agency = %+v", lb.Agency)
	}
	// Section II.1 names no agency; the project invents none.
	if a := byID("propaganda").Agency; a.EN != "Not named by the plan" || !strings.Contains(a.VI, "không nêu") {
		t.Errorf("propaganda agency = %+v", a)
	}
	// Section II.3 is to research and propose the document, not issue it.
	if c := byID("coordination").Title; !strings.HasPrefix(c.VI, "Nghiên cứu, đề xuất ") || !strings.HasPrefix(c.EN, "Research and propose ") ||
		strings.Contains(c.VI, "Ban hành") || strings.Contains(c.EN, "Issue") {
		t.Errorf("coordination title = %+v", c)
	}
	// The capital proposal keeps the reason for its assumed date.
	for _, a := range byID("capital_proposal").Assumptions {
		if a.Part == reporting.PartDue && (!strings.Contains(a.Text.VI, "31/10") || !strings.Contains(a.Text.EN, "a month after the Q3 review")) {
			t.Errorf("capital_proposal due assumption = %+v", a.Text)
		}
	}
	// The first monthly list is an assumption, the 5th is the plan's.
	if ml := byID("monthly_list"); ml.Citation.Note != "" || ml.Due.First.Day() != reporting.DueDay {
		t.Errorf("monthly_list: note %q, first %s", ml.Citation.Note, ml.Due.First)
	}
	// An assumed date is never stated in a title as the plan's.
	if ti := byID("propaganda").Title; strings.Contains(ti.VI, "hằng năm") || strings.Contains(ti.EN, "every year") {
		t.Errorf("propaganda title states the assumed recurrence: %+v", ti)
	}
}

// "Trước ngày 20/10/2023" is before the 20th: the department plans are due
// on the 19th, on time when sent that day and late when sent on the 20th.
// Every due date is the last day on time.
func TestPlanDueDayBothSides(t *testing.T) {
	tests := []struct {
		name            string
		task, due, done string // done "": not done
		on              string
		want            string
	}{
		{"department plans sent on the 19th: on time", "department_plans", "2023-10-19", "2023-10-19", "2023-11-01", "2023-10-19 department_plans done 2023-10-19"},
		{"department plans sent on the 20th: late", "department_plans", "2023-10-19", "2023-10-20", "2023-11-01", "2023-10-19 department_plans done 2023-10-20 late +1"},
		{"department plans not sent, on the 19th: due", "department_plans", "2023-10-19", "", "2023-10-19", "2023-10-19 department_plans due"},
		{"department plans not sent, on the 20th: overdue", "department_plans", "2023-10-19", "", "2023-10-20", "2023-10-19 department_plans overdue +1"},
		{"monthly list on the 5th: on time", "monthly_list", "2024-03-05", "2024-03-05", "2024-03-10", "2024-03-05 monthly_list done 2024-03-05"},
		{"monthly list on the 6th: late", "monthly_list", "2024-03-05", "2024-03-06", "2024-03-10", "2024-03-05 monthly_list done 2024-03-06 late +1"},
		{"local budget on 31 December: on time", "local_budget_capital", "2025-12-31", "2025-12-31", "2026-01-10", "2025-12-31 local_budget_capital done 2025-12-31"},
		{"local budget on 1 January: late", "local_budget_capital", "2025-12-31", "2026-01-01", "2026-01-10", "2025-12-31 local_budget_capital done 2026-01-01 late +1"},
		{"capital proposal on 31 October: on time", "capital_proposal", "2025-10-31", "2025-10-31", "2025-11-10", "2025-10-31 capital_proposal done 2025-10-31"},
		{"capital proposal on 1 November: late", "capital_proposal", "2025-10-31", "2025-11-01", "2025-11-10", "2025-10-31 capital_proposal done 2025-11-01 late +1"},
		{"coordination on 30 November: on time", "coordination", "2023-11-30", "2023-11-30", "2023-12-10", "2023-11-30 coordination done 2023-11-30"},
		{"coordination on 1 December: late", "coordination", "2023-11-30", "2023-12-01", "2023-12-10", "2023-11-30 coordination done 2023-12-01 late +1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var done []reporting.Completion
			if tc.done != "" {
				done = append(done, plnDone(tc.task, tc.due, tc.done))
			}
			on, _ := credit.ParseDate(tc.on)
			r, err := reporting.PlanStatus(reporting.LaiChauPlan(), on, done)
			if err != nil {
				t.Fatal(err)
			}
			got := plnItems(r, tc.task)
			if !slices.Contains(got, tc.want) {
				t.Errorf("items %q, want %q among them", got, tc.want)
			}
		})
	}
}

func TestTaskParts(t *testing.T) {
	got := []string{
		reporting.PartDue.String(), reporting.PartRecurring.String(), reporting.PartAgency.String(),
		reporting.PartSection.String(), reporting.TaskPart(0).String(), reporting.TaskPart(9).String(),
	}
	want := []string{"due", "recurring", "agency", "section", "", ""}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
	tk := reporting.Task{Assumptions: []reporting.Assumption{{Part: reporting.PartDue}}}
	if !tk.Assumed(reporting.PartDue) || tk.Assumed(reporting.PartAgency) || (reporting.Task{}).Assumed(reporting.PartDue) {
		t.Errorf("Assumed")
	}
}

func TestTaskDueDates(t *testing.T) {
	end31 := reporting.Task{ID: "m", Due: reporting.Deadline{First: plnDate(2024, 1, 31)}, Recurring: reporting.EveryMonth}
	leap := reporting.Task{ID: "y", Due: reporting.Deadline{First: plnDate(2024, 2, 29)}, Recurring: reporting.EveryYear}
	bounded := reporting.Task{ID: "b", Due: reporting.Deadline{First: plnDate(2024, 1, 5), Until: plnDate(2024, 3, 4)}, Recurring: reporting.EveryMonth}
	late := reporting.Task{ID: "z", Due: reporting.Deadline{First: plnDate(9999, 11, 30)}, Recurring: reporting.EveryMonth}
	once := reporting.Task{ID: "o", Due: reporting.Deadline{First: plnDate(2024, 9, 30)}}
	str := func(ds []credit.Date) string {
		var s []string
		for _, d := range ds {
			s = append(s, d.String())
		}
		return strings.Join(s, " ")
	}
	for _, tc := range []struct {
		name    string
		task    reporting.Task
		through credit.Date
		want    string
	}{
		// Counted from the first date (Civil Code, Art. 148): the 31st comes back.
		{"31st monthly", end31, plnDate(2024, 5, 31), "2024-01-31 2024-02-29 2024-03-31 2024-04-30 2024-05-31"},
		{"29 February yearly", leap, plnDate(2028, 2, 29), "2024-02-29 2025-02-28 2026-02-28 2027-02-28 2028-02-29"},
		{"until", bounded, plnDate(2030, 1, 1), "2024-01-05 2024-02-05"},
		{"end of the calendar", late, plnDate(9999, 12, 31), "9999-11-30 9999-12-30"},
		{"once", once, plnDate(2030, 1, 1), "2024-09-30"},
		{"before the first", once, plnDate(2024, 9, 29), ""},
		{"no first date", reporting.Task{Recurring: reporting.EveryMonth}, plnDate(2030, 1, 1), ""},
	} {
		if got := str(tc.task.DueDates(tc.through)); got != tc.want {
			t.Errorf("%s: DueDates = %q, want %q", tc.name, got, tc.want)
		}
	}
	for _, tc := range []struct {
		name  string
		task  reporting.Task
		after credit.Date
		want  string // "" none
	}{
		{"31st, after 2024-02-28", end31, plnDate(2024, 2, 28), "2024-02-29"},
		{"31st, after 2024-02-29", end31, plnDate(2024, 2, 29), "2024-03-31"},
		{"31st, before the first", end31, plnDate(2020, 1, 1), "2024-01-31"},
		{"leap, after 2025-02-28", leap, plnDate(2025, 2, 28), "2026-02-28"},
		{"until reached", bounded, plnDate(2024, 2, 5), ""},
		{"end of the calendar", late, plnDate(9999, 12, 30), ""},
		{"once, after", once, plnDate(2024, 9, 30), ""},
	} {
		d, ok := tc.task.NextDue(tc.after)
		if got := d.String(); got != tc.want || ok != (tc.want != "") {
			t.Errorf("%s: NextDue = %q %v, want %q", tc.name, got, ok, tc.want)
		}
	}
	for _, tc := range []struct {
		task reporting.Task
		d    credit.Date
		want bool
	}{
		{end31, plnDate(2024, 2, 29), true},
		{end31, plnDate(2024, 2, 28), false},
		{end31, plnDate(2024, 4, 30), true},
		{end31, plnDate(2023, 12, 31), false},
		{leap, plnDate(2025, 2, 28), true},
		{leap, plnDate(2025, 3, 1), false},
		{leap, plnDate(2028, 2, 29), true},
		{bounded, plnDate(2024, 3, 5), false},
		{once, plnDate(2024, 9, 30), true},
		{once, plnDate(2025, 9, 30), false},
		{once, credit.Date{}, false},
	} {
		if got := tc.task.IsDueOn(tc.d); got != tc.want {
			t.Errorf("%s IsDueOn(%s) = %v, want %v", tc.task.ID, tc.d, got, tc.want)
		}
	}
}

func TestPlanStatusFarFuture(t *testing.T) {
	// A monthly task walked to the end of the calendar stops there.
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), plnDate(9999, 12, 31), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := (9999-2023)*12 + 2 // 2023-11 .. 9999-12
	if got := len(plnItems(r, "monthly_list")); got != want {
		t.Errorf("%d monthly items, want %d", got, want)
	}
}

func TestRecurrenceAndStatusNames(t *testing.T) {
	got := []string{
		reporting.OneOff.String(), reporting.EveryMonth.String(), reporting.EveryYear.String(), reporting.Recurrence(9).String(),
		reporting.TaskDue.String(), reporting.TaskOverdue.String(), reporting.TaskDone.String(), reporting.TaskStatus(0).String(),
	}
	want := []string{"once", "monthly", "yearly", "", "due", "overdue", "done", ""}
	if !slices.Equal(got, want) {
		t.Errorf("names = %q, want %q", got, want)
	}
	for _, r := range []reporting.Recurrence{reporting.OneOff, reporting.EveryMonth, reporting.EveryYear} {
		if p, ok := reporting.ParseRecurrence(r.String()); !ok || p != r {
			t.Errorf("ParseRecurrence(%q) = %v, %v", r, p, ok)
		}
	}
	for _, s := range []string{"", "Monthly", "weekly"} {
		if _, ok := reporting.ParseRecurrence(s); ok {
			t.Errorf("ParseRecurrence(%q) accepted", s)
		}
	}
}
