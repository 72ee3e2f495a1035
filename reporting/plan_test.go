package reporting_test

import (
	"errors"
	"fmt"
	"slices"
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
			name: "2023-10-20: the department plans are due today, everything else upcoming",
			on:   plnDate(2023, 10, 20),
			want: []string{
				"2023-10-20 department_plans due",
				"2023-10-31 training due",
				"2023-11-05 monthly_list due",
				"2023-11-30 coordination due",
				"2023-12-31 propaganda due",
				"2024-09-30 demand_review due",
				"2024-09-30 review_one_year due",
				"2024-10-31 capital_proposal due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Due: 9},
		},
		{
			name: "2023-10-21: the department plans are overdue by a day",
			on:   plnDate(2023, 10, 21),
			want: []string{
				"2023-10-20 department_plans overdue +1",
				"2023-10-31 training due",
				"2023-11-05 monthly_list due",
				"2023-11-30 coordination due",
				"2023-12-31 propaganda due",
				"2024-09-30 demand_review due",
				"2024-09-30 review_one_year due",
				"2024-10-31 capital_proposal due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Due: 8, Overdue: 1},
		},
		{
			name: "2023-10-21: the department plans done on the day",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("department_plans", "2023-10-20", "2023-10-20")},
			task: "department_plans",
			want: []string{"2023-10-20 department_plans done 2023-10-20"},
		},
		{
			name: "a one-off task's occurrence may be left zero",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("department_plans", "", "2023-10-18")},
			task: "department_plans",
			want: []string{"2023-10-20 department_plans done 2023-10-18"},
		},
		{
			name: "done after the report's date does not count yet",
			on:   plnDate(2023, 10, 21),
			done: []reporting.Completion{plnDone("department_plans", "2023-10-20", "2023-10-25")},
			task: "department_plans",
			want: []string{"2023-10-20 department_plans overdue +1"},
		},
		{
			name: "done late, counted as such after the fact",
			on:   plnDate(2023, 10, 25),
			done: []reporting.Completion{plnDone("department_plans", "2023-10-20", "2023-10-25")},
			task: "department_plans",
			want: []string{"2023-10-20 department_plans done 2023-10-25 late +5"},
		},
		{
			name: "2024-01-10: monthly lists on time, late and missing",
			on:   plnDate(2024, 1, 10),
			done: []reporting.Completion{
				plnDone("department_plans", "2023-10-20", "2023-10-20"),
				plnDone("training", "2023-10-31", "2023-11-02"),
				plnDone("monthly_list", "2023-11-05", "2023-11-03"),
				plnDone("monthly_list", "2023-12-05", "2023-12-08"),
			},
			want: []string{
				"2023-10-20 department_plans done 2023-10-20",
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
				"2024-12-31 propaganda due",
				"2028-09-30 review_five_year due",
			},
			counts: reporting.StatusCounts{Done: 4, Late: 2, Due: 6, Overdue: 3},
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
		"Các cơ quan, đơn vị thực hiện Kế hoạch: done 0, late 0, due 3, overdue 0",
		"Các sở, ban, ngành tỉnh; UBND cấp huyện: done 0, late 0, due 0, overdue 1",
		"Công an cấp xã: done 0, late 0, due 1, overdue 0",
		"Công an tỉnh; Chi nhánh NHCSXH tỉnh: done 0, late 0, due 3, overdue 0",
		"Sở Tài chính: done 0, late 0, due 1, overdue 0",
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
			},
			done: []reporting.Completion{plnDone("b", "2024-01-01", "2024-01-01")},
			want: []plnProblem{
				{"/on", credit.CodeRequired},
				{"/tasks/0/id", credit.CodeRequired},
				{"/tasks/0/due/first", credit.CodeRequired},
				{"/tasks/2/id", reporting.CodeDuplicateTask},
				{"/tasks/2/recurring", credit.CodeInvalidEnum},
				{"/tasks/2/due/until", credit.CodeOutOfRange},
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
	r, err := reporting.PlanStatus(tasks, plnDate(2023, 10, 21), nil)
	if err != nil {
		t.Fatal(err)
	}
	tasks[0].ID = "changed"
	if r.Tasks[0].ID != "department_plans" || r.Items[0].Task.ID != "department_plans" {
		t.Errorf("the report shares the caller's tasks")
	}
	// Each call returns a fresh plan.
	if reporting.LaiChauPlan()[0].ID != "department_plans" {
		t.Errorf("LaiChauPlan returned a shared slice")
	}
}

func TestLaiChauPlan(t *testing.T) {
	tasks := reporting.LaiChauPlan()
	ids := map[string]bool{}
	for i, tk := range tasks {
		if ids[tk.ID] {
			t.Errorf("task %d: ID %q twice", i, tk.ID)
		}
		ids[tk.ID] = true
		if tk.Title.VI == "" || tk.Title.EN == "" || tk.Agency.VI == "" || tk.Agency.EN == "" {
			t.Errorf("%s: title or agency missing a language", tk.ID)
		}
		if tk.Citation.Instrument != reporting.PlanLaiChau || tk.Citation.Text == "" || tk.Citation.TextEN == "" {
			t.Errorf("%s: citation %+v", tk.ID, tk.Citation)
		}
		for _, c := range tk.Law {
			if c.Instrument != credit.QD22 || c.Article == 0 {
				t.Errorf("%s: law citation %+v", tk.ID, c)
			}
		}
		if tk.Due.First.IsZero() || !tk.Due.Until.IsZero() {
			t.Errorf("%s: deadline %+v", tk.ID, tk.Due)
		}
	}
	if len(tasks) != 9 {
		t.Errorf("%d tasks, want 9", len(tasks))
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
	if n := byID("department_plans").Note; !strings.Contains(n.VI, "01/7/2025") || !strings.Contains(n.EN, "2025-07-01") {
		t.Errorf("department_plans note = %+v", n)
	}
	// The capital proposal's date is an assumption and says so.
	if c := byID("capital_proposal").Citation; !strings.Contains(c.Note, "assumption") || !strings.Contains(c.Note, "giả định") {
		t.Errorf("capital_proposal note = %q", c.Note)
	}
	if c := byID("monthly_list").Citation; !strings.Contains(c.Text, "III.1") || !strings.Contains(c.TextEN, "section III.1") {
		t.Errorf("monthly_list citation = %+v", c)
	}
	for _, tc := range []struct {
		id    string
		first credit.Date
		rec   reporting.Recurrence
	}{
		{"department_plans", plnDate(2023, 10, 20), reporting.OneOff},
		{"training", plnDate(2023, 10, 31), reporting.OneOff},
		{"coordination", plnDate(2023, 11, 30), reporting.OneOff},
		{"monthly_list", plnDate(2023, 11, 5), reporting.EveryMonth},
		{"propaganda", plnDate(2023, 12, 31), reporting.EveryYear},
		{"demand_review", plnDate(2024, 9, 30), reporting.EveryYear},
		{"review_one_year", plnDate(2024, 9, 30), reporting.OneOff},
		{"capital_proposal", plnDate(2024, 10, 31), reporting.EveryYear},
		{"review_five_year", plnDate(2028, 9, 30), reporting.OneOff},
	} {
		if tk := byID(tc.id); tk.Due.First != tc.first || tk.Recurring != tc.rec {
			t.Errorf("%s: due %s %s, want %s %s", tc.id, tk.Due.First, tk.Recurring, tc.first, tc.rec)
		}
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
