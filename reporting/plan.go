package reporting

import (
	"cmp"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
)

// PlanLaiChau is the instrument name under which the provincial
// implementation plan is cited: the plan of the Lai Châu Provincial People's
// Committee (2023) that carries out QĐ22 (legal reference §1 and §7). The
// plan has no official number in the legal reference, so it is cited by its
// short name.
const PlanLaiChau = "KH Lai Châu"

// Recurrence says how often a task of the plan comes back. The values are
// stable; the zero value is OneOff.
type Recurrence uint8

// Recurrences.
const (
	// OneOff: the task is due once, on Deadline.First.
	OneOff Recurrence = iota
	// EveryMonth: due on Deadline.First and on the same day of every month
	// after it.
	EveryMonth
	// EveryYear: due on Deadline.First and on the same day and month of every
	// year after it.
	EveryYear
	numRecurrences
)

var recurrenceNames = [numRecurrences]string{"once", "monthly", "yearly"}

// String returns "once", "monthly" or "yearly".
func (r Recurrence) String() string {
	if r < numRecurrences {
		return recurrenceNames[r]
	}
	return ""
}

// ParseRecurrence returns the recurrence named s ("once", "monthly" or
// "yearly"), and false for any other text.
func ParseRecurrence(s string) (Recurrence, bool) {
	for r, name := range recurrenceNames {
		if s == name {
			return Recurrence(r), true
		}
	}
	return 0, false
}

// months is the number of months between two occurrences (0 for OneOff).
func (r Recurrence) months() int {
	switch r {
	case EveryMonth:
		return 1
	case EveryYear:
		return 12
	}
	return 0
}

// Deadline is when a task is due. A one-off task is due on First. A
// recurring task is due on First and then every month or year after it,
// each due date counted from First with credit.Date.AddMonths (so a task
// first due on the 31st is due on the last day of shorter months, and on
// the 31st again when the month has one), up to Until.
//
// A due date is the last day on which the task is done on time: done on
// the due date is on time, done the day after is late (PlanStatus). So a
// plan's "trước ngày 20/10/2023" (before 20 October 2023) is due on
// 2023-10-19, and "ngày 05 hằng tháng" (on the 5th of every month) on the
// 5th.
type Deadline struct {
	First credit.Date // the first (for a one-off task, the only) due date
	Until credit.Date // the last day a recurring task can fall due; zero: no end
}

// Task is one task of a provincial plan: what is to be done, by whom and by
// when, and where the plan (and the law) say so.
type Task struct {
	ID     string      // stable key, e.g. "monthly_list"
	Title  credit.Text // what is to be done
	Agency credit.Text // the agency responsible, e.g. "Công an tỉnh" / "Provincial Police"
	// Due and Recurring are the task's deadline. Where the plan does not
	// give them, they are the project's assumption, listed in Assumptions.
	Due       Deadline
	Recurring Recurrence
	// Citation is the plan's provision (instrument PlanLaiChau for the Lai
	// Châu plan), at its section; its Note says how the plan's words were
	// read (e.g. a month taken as its last day) and, where the section
	// number is not given by the legal reference, that it is reconstructed.
	Citation credit.Citation
	// Law lists the provisions of QĐ22 the task carries out, to the point
	// where the legal reference places them.
	Law []credit.Citation
	// Note is a remark for people, e.g. that an agency the plan names no
	// longer exists.
	Note credit.Text
	// Assumptions lists the parts of the task that the plan, as the legal
	// reference captures it, does not give and the project assumed (a due
	// date, a recurrence, who holds the task now, a section number), each
	// with what was assumed and why. Empty: every part is the plan's.
	// Reports carry them with the task, so that an assumed date is never
	// shown as the plan's.
	Assumptions []Assumption
}

// TaskPart names a part of a task that can be an assumption. The values
// and their names are stable; the zero value is not a part.
type TaskPart uint8

// Parts of a task.
const (
	// PartDue: the due date (Deadline.First, and so the day a recurring
	// task comes back on).
	PartDue TaskPart = iota + 1
	// PartRecurring: how often the task comes back (Task.Recurring).
	PartRecurring
	// PartAgency: who does the task (Task.Agency).
	PartAgency
	// PartSection: the section of the plan cited (Task.Citation).
	PartSection
	numTaskParts
)

var taskPartNames = [numTaskParts]string{"", "due", "recurring", "agency", "section"}

// String returns "due", "recurring", "agency" or "section", and "" for
// any other value.
func (p TaskPart) String() string {
	if p < numTaskParts {
		return taskPartNames[p]
	}
	return ""
}

// Assumption is one part of a task that the project assumed where the
// plan is silent.
type Assumption struct {
	Part TaskPart
	Text credit.Text // what was assumed and why, with its confidence (legal reference, "Confidence")
}

// Assumed reports whether the given part of the task is an assumption.
func (t Task) Assumed(part TaskPart) bool {
	for _, a := range t.Assumptions {
		if a.Part == part {
			return true
		}
	}
	return false
}

// maxOccurrences bounds the due dates a recurring task is walked through:
// far more months than lie between 0001 and 9999.
const maxOccurrences = 12 * 10_000

// occurrence returns the due date of the task's n-th occurrence (n ≥ 0),
// and false when there is none (a one-off task beyond n = 0, a date after
// Until, or past the end of the calendar).
func (t Task) occurrence(n int) (credit.Date, bool) {
	step := t.Recurring.months()
	if t.Due.First.IsZero() || n < 0 || (step == 0 && n > 0) || n > maxOccurrences {
		return credit.Date{}, false
	}
	first := t.Due.First
	if first.Year()*12+int(first.Month())-1+n*step > 9999*12+11 {
		return credit.Date{}, false // past the end of the calendar
	}
	d := first.AddMonths(n * step)
	if !t.Due.Until.IsZero() && d.After(t.Due.Until) {
		return credit.Date{}, false
	}
	return d, true
}

// DueDates returns the task's due dates up to and including through, in
// order.
func (t Task) DueDates(through credit.Date) []credit.Date {
	var ds []credit.Date
	for n := 0; ; n++ {
		d, ok := t.occurrence(n)
		if !ok || d.After(through) {
			return ds
		}
		ds = append(ds, d)
	}
}

// NextDue returns the task's first due date after the given day, and false
// when there is none.
func (t Task) NextDue(after credit.Date) (credit.Date, bool) {
	n := t.index(after)
	for {
		d, ok := t.occurrence(n)
		if !ok {
			return credit.Date{}, false
		}
		if d.After(after) {
			return d, true
		}
		n++
	}
}

// IsDueOn reports whether d is one of the task's due dates.
func (t Task) IsDueOn(d credit.Date) bool {
	if d.IsZero() {
		return false
	}
	o, ok := t.occurrence(t.index(d))
	return ok && o == d
}

// index returns the number of the occurrence that falls in d's month (for
// a monthly task) or year (yearly), or the nearest one before it; 0 before
// the first.
func (t Task) index(d credit.Date) int {
	step := t.Recurring.months()
	if step == 0 || t.Due.First.IsZero() || !d.After(t.Due.First) {
		return 0
	}
	months := (d.Year()-t.Due.First.Year())*12 + int(d.Month()) - int(t.Due.First.Month())
	return months / step
}

// Completion records that one occurrence of a task was done.
type Completion struct {
	TaskID string
	// Occurrence is the due date of the occurrence done. For a one-off task
	// it may be left zero: it can only be the task's due date.
	Occurrence credit.Date
	DoneOn     credit.Date // the day it was done
}

// TaskStatus is where one occurrence of a task stands on a date. The values
// are stable.
type TaskStatus uint8

// Statuses.
const (
	// TaskDue: not done, due on the report's date or later.
	TaskDue TaskStatus = iota + 1
	// TaskOverdue: not done, and its due date has passed.
	TaskOverdue
	// TaskDone: done on or before the report's date (on time or late).
	TaskDone
)

var taskStatusNames = [...]string{"", "due", "overdue", "done"}

// String returns "due", "overdue" or "done".
func (s TaskStatus) String() string {
	if int(s) < len(taskStatusNames) {
		return taskStatusNames[s]
	}
	return ""
}

// PlanItem is one occurrence of a task in a PlanReport.
type PlanItem struct {
	Task   *Task       // the task, in PlanReport.Tasks
	Due    credit.Date // the occurrence's due date
	Status TaskStatus
	DoneOn credit.Date // when done (TaskDone); zero otherwise
	// Late reports, for a done occurrence, that it was done after its due
	// date.
	Late bool
	// DaysLate is, for an occurrence done late, the days from its due date
	// to the day it was done; for an overdue one, the days from its due date
	// to the report's date; 0 otherwise.
	DaysLate int
}

// StatusCounts counts occurrences by status.
type StatusCounts struct {
	Done    int
	Late    int // of Done, those done after their due date
	Due     int
	Overdue int
}

// Total returns the number of occurrences counted.
func (c StatusCounts) Total() int { return c.Done + c.Due + c.Overdue }

func (c *StatusCounts) add(it *PlanItem) {
	switch it.Status {
	case TaskDone:
		c.Done++
		if it.Late {
			c.Late++
		}
	case TaskDue:
		c.Due++
	case TaskOverdue:
		c.Overdue++
	}
}

// AgencyCounts counts the occurrences of one agency's tasks by status.
type AgencyCounts struct {
	Agency credit.Text
	StatusCounts
}

// PlanReport is where a plan stands on a date.
type PlanReport struct {
	On    credit.Date
	Tasks []Task // a copy of the tasks (their Law and Assumptions too), in the order given
	// Items lists, for every task, each occurrence due on or before On, the
	// first one due after On, and any later one already done; sorted by due
	// date, then task ID.
	Items    []PlanItem
	Counts   StatusCounts
	ByAgency []AgencyCounts // sorted by the agency's Vietnamese name
}

// Problem codes of PlanStatus, beside those of package credit. Stable.
const (
	CodeUnknownTask         = "unknown_task"         // a completion of a task the plan does not have
	CodeNotOccurrence       = "not_an_occurrence"    // a completion of a day that is not one of the task's due dates
	CodeDuplicateCompletion = "duplicate_completion" // the same occurrence completed twice
	CodeDuplicateTask       = "duplicate_task"       // two tasks with one ID
)

// ErrPlan is the cause of the problems PlanStatus finds between the
// completions and the plan (an unknown task, a day that is not a due date,
// an occurrence completed twice, two tasks with one ID).
var ErrPlan = errors.New("reporting: the completions do not match the plan")

var (
	msgPlanUnknownTask = credit.Text{
		VI: "Kế hoạch không có nhiệm vụ mang mã này.",
		EN: "The plan has no task with this ID.",
	}
	msgPlanNotOccurrence = credit.Text{
		VI: "Ngày này không phải là một hạn của nhiệm vụ.",
		EN: "This day is not one of the task's due dates.",
	}
	msgPlanDuplicateCompletion = credit.Text{
		VI: "Lần thực hiện này của nhiệm vụ đã được ghi nhận hoàn thành ở một dòng trước.",
		EN: "This occurrence of the task is already recorded as done by an earlier entry.",
	}
	msgPlanDuplicateTask = credit.Text{
		VI: "Mã nhiệm vụ này đã dùng cho một nhiệm vụ khác.",
		EN: "This task ID is already used by another task.",
	}
	msgPlanRecurrence = credit.Text{
		VI: "Chu kỳ phải là một lần (once), hằng tháng (monthly) hoặc hằng năm (yearly).",
		EN: "The recurrence must be once, monthly or yearly.",
	}
	msgPlanPart = credit.Text{
		VI: "Phần được giả định phải là hạn (due), chu kỳ (recurring), cơ quan (agency) hoặc mục (section).",
		EN: "The part assumed must be due, recurring, agency or section.",
	}
	msgPlanUntil = credit.Text{
		VI: "Ngày kết thúc của nhiệm vụ không được trước hạn đầu tiên.",
		EN: "A task's last day must not be before its first due date.",
	}
)

// PlanStatus reports where the tasks stand on the given day, given the
// occurrences done. For every task it lists each occurrence due on or
// before on, the first one due after on (so every task shows its next
// deadline) and any later one already done, each with a status:
//
//   - TaskDone: a completion of it was done on or before on; Late when it
//     was done after the due date;
//   - TaskDue: not done, and due on or after on (today or upcoming);
//   - TaskOverdue: not done, and due before on.
//
// A completion done after on does not count: the report is as things stood
// on that day, so it can be drawn for a past date from the whole record.
// The clock is never read.
//
// The error is a credit.Problems listing every problem at once: on missing
// (/on); a task without ID, with an ID used before, without a first due
// date, with an unknown recurrence, with Until before First or with an
// assumption of no known part (/tasks/N/id, /tasks/N/due/first,
// /tasks/N/recurring, /tasks/N/due/until, /tasks/N/assumptions/M/part);
// a completion without a task ID or of an unknown task
// (/completions/N/task_id), without an occurrence (for a recurring task),
// of a day that is not one of the task's due dates or of an occurrence
// completed before (/completions/N/occurrence), without DoneOn
// (/completions/N/done_on).
func PlanStatus(tasks []Task, on credit.Date, done []Completion) (PlanReport, error) {
	var pr credit.Problems
	if on.IsZero() {
		pr.Add("/on", credit.CodeRequired, credit.MsgRequired, nil)
	}
	byID := make(map[string]int, len(tasks))
	for i := range tasks {
		t := &tasks[i]
		at := "/tasks/" + strconv.Itoa(i)
		switch _, dup := byID[t.ID]; {
		case t.ID == "":
			pr.Add(at+"/id", credit.CodeRequired, credit.MsgRequired, nil)
		case dup:
			pr.Add(at+"/id", CodeDuplicateTask, msgPlanDuplicateTask, ErrPlan)
		default:
			byID[t.ID] = i
		}
		if t.Due.First.IsZero() {
			pr.Add(at+"/due/first", credit.CodeRequired, credit.MsgRequired, nil)
		}
		if t.Recurring >= numRecurrences {
			pr.Add(at+"/recurring", credit.CodeInvalidEnum, msgPlanRecurrence, nil)
		}
		if !t.Due.Until.IsZero() && t.Due.Until.Before(t.Due.First) {
			pr.Add(at+"/due/until", credit.CodeOutOfRange, msgPlanUntil, nil)
		}
		for j, a := range t.Assumptions {
			if a.Part == 0 || a.Part >= numTaskParts {
				pr.Add(at+"/assumptions/"+strconv.Itoa(j)+"/part", credit.CodeInvalidEnum, msgPlanPart, nil)
			}
		}
	}

	type key struct {
		task int
		due  credit.Date
	}
	doneOn := make(map[key]credit.Date, len(done))
	seen := make(map[key]bool, len(done))
	for i, c := range done {
		at := "/completions/" + strconv.Itoa(i)
		ti, known := byID[c.TaskID]
		switch {
		case c.TaskID == "":
			pr.Add(at+"/task_id", credit.CodeRequired, credit.MsgRequired, nil)
		case !known:
			pr.Add(at+"/task_id", CodeUnknownTask, msgPlanUnknownTask, ErrPlan)
		}
		occ := c.Occurrence
		if known {
			t := &tasks[ti]
			if occ.IsZero() && t.Recurring == OneOff {
				occ = t.Due.First
			}
			switch {
			case occ.IsZero():
				pr.Add(at+"/occurrence", credit.CodeRequired, credit.MsgRequired, nil)
			case !t.IsDueOn(occ):
				pr.Add(at+"/occurrence", CodeNotOccurrence, msgPlanNotOccurrence, ErrPlan)
			case seen[key{ti, occ}]:
				pr.Add(at+"/occurrence", CodeDuplicateCompletion, msgPlanDuplicateCompletion, ErrPlan)
			default:
				seen[key{ti, occ}] = true
				if !c.DoneOn.IsZero() && !c.DoneOn.After(on) {
					doneOn[key{ti, occ}] = c.DoneOn
				}
			}
		}
		if c.DoneOn.IsZero() {
			pr.Add(at+"/done_on", credit.CodeRequired, credit.MsgRequired, nil)
		}
	}
	if err := pr.Err(); err != nil {
		return PlanReport{}, err
	}

	r := PlanReport{On: on, Tasks: slices.Clone(tasks)}
	for ti := range r.Tasks {
		t := &r.Tasks[ti]
		// The report shares no slice with the caller's tasks.
		t.Law, t.Assumptions = slices.Clone(t.Law), slices.Clone(t.Assumptions)
		item := func(due credit.Date) PlanItem {
			it := PlanItem{Task: t, Due: due}
			if d, ok := doneOn[key{ti, due}]; ok {
				it.Status, it.DoneOn = TaskDone, d
				if d.After(due) {
					it.Late, it.DaysLate = true, d.DaysSince(due)
				}
				delete(doneOn, key{ti, due})
				return it
			}
			if due.Before(on) {
				it.Status, it.DaysLate = TaskOverdue, on.DaysSince(due)
			} else {
				it.Status = TaskDue
			}
			return it
		}
		for _, due := range t.DueDates(on) {
			r.Items = append(r.Items, item(due))
		}
		if next, ok := t.NextDue(on); ok {
			r.Items = append(r.Items, item(next))
		}
	}
	// Occurrences done ahead of time beyond each task's next due date.
	for k := range doneOn {
		it := PlanItem{Task: &r.Tasks[k.task], Due: k.due, Status: TaskDone, DoneOn: doneOn[k]}
		r.Items = append(r.Items, it)
	}
	slices.SortFunc(r.Items, func(a, b PlanItem) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.Task.ID, b.Task.ID)
	})

	agencies := map[string]int{}
	for i := range r.Items {
		it := &r.Items[i]
		r.Counts.add(it)
		ai, ok := agencies[it.Task.Agency.VI]
		if !ok {
			ai = len(r.ByAgency)
			agencies[it.Task.Agency.VI] = ai
			r.ByAgency = append(r.ByAgency, AgencyCounts{Agency: it.Task.Agency})
		}
		r.ByAgency[ai].add(it)
	}
	slices.SortFunc(r.ByAgency, func(a, b AgencyCounts) int { return cmp.Compare(a.Agency.VI, b.Agency.VI) })
	return r, nil
}

// Agencies of the Lai Châu plan (legal reference §7, "Roles").
var (
	// The plan (2023) names the provincial departments and the district
	// People's Committees; districts were abolished on 2025-07-01.
	agencyDepartments = credit.Text{
		VI: "Các sở, ban, ngành tỉnh; UBND cấp huyện",
		EN: "Provincial departments and agencies; district People's Committees",
	}
	agencyPoliceVBSP = credit.Text{
		VI: "Công an tỉnh; Chi nhánh NHCSXH tỉnh",
		EN: "Provincial Police; VBSP provincial branch",
	}
	agencyCommunePolice = credit.Text{VI: "Công an cấp xã", EN: "Commune police"}
	agencyFinance       = credit.Text{VI: "Sở Tài chính", EN: "Department of Finance"}
	agencyAll           = credit.Text{
		VI: "Các cơ quan, đơn vị thực hiện Kế hoạch",
		EN: "All agencies of the plan",
	}
	// Section II.1 gives the task to no agency; the project names none.
	agencyNotNamed = credit.Text{
		VI: "Kế hoạch không nêu cơ quan thực hiện",
		EN: "Not named by the plan",
	}
	// Section III.7 gives the local budget to the district People's
	// Committees; who holds it since 2025-07-01 is the project's assumption
	// (assumedLocalBudgetAgency).
	agencyLocalBudget = credit.Text{
		VI: "UBND cấp huyện; từ 01/7/2025: UBND cấp xã, UBND tỉnh",
		EN: "District People's Committees; from 2025-07-01: commune People's Committees, Provincial People's Committee",
	}
)

// citePlan cites a section of the Lai Châu plan. When the legal reference
// does not give the section's number (reconstructed), the note says so
// first (the reason is the task's PartSection assumption); note, if any,
// follows. The Note is Vietnamese first, then English.
func citePlan(section string, reconstructed bool, note credit.Text) credit.Citation {
	var vi, en []string
	if reconstructed {
		vi = append(vi, "Số mục "+section+" do dự án dựng lại (độ tin cậy L).")
		en = append(en, "Section number "+section+" reconstructed (confidence L).")
	}
	if note.VI != "" {
		vi, en = append(vi, note.VI), append(en, note.EN)
	}
	return credit.Citation{
		Instrument: PlanLaiChau,
		Text:       "Mục " + section + " Kế hoạch của UBND tỉnh Lai Châu (2023) thực hiện Quyết định " + credit.QD22,
		TextEN:     "Lai Châu Provincial People's Committee plan (2023) implementing Decision " + credit.QD22 + ", section " + section,
		Note:       strings.Join(append(vi, en...), " "),
	}
}

// assumedSection is the assumption that a task's section number is the
// project's reconstruction: the legal reference places only II.1, II.3,
// III.1 (the monthly list) and III.7.
func assumedSection(section string) Assumption {
	return Assumption{Part: PartSection, Text: credit.Text{
		VI: "Tài liệu pháp lý không ghi số mục: mục " + section + " do dự án dựng lại theo bố cục thường gặp của kế hoạch triển khai (II: nhiệm vụ, giải pháp; III: tổ chức thực hiện, theo cơ quan; IV: chế độ báo cáo, sơ kết, tổng kết) (L).",
		EN: "The legal reference gives no section number: " + section + " is reconstructed from the usual layout of an implementation plan (II: tasks and measures; III: organisation, by agency; IV: reporting and reviews) (L).",
	}}
}

// noteNoDistricts is the remark on tasks of the plan that name districts
// (legal reference §1, last paragraph).
var noteNoDistricts = credit.Text{
	VI: "Từ ngày 01/7/2025 không còn cấp huyện (Nghị quyết 202/2025/QH15): UBND và Công an cấp xã làm việc trực tiếp với cấp tỉnh; NHCSXH giữ các phòng giao dịch.",
	EN: "Since 2025-07-01 there are no districts (Resolution 202/2025/QH15): commune People's Committees and police deal directly with the province; VBSP keeps its transaction offices.",
}

// noteMonthEnd is the note on a deadline the plan gives as a month.
func noteMonthEnd(vi, en string) credit.Text {
	return credit.Text{
		VI: "Kế hoạch ghi " + vi + ": hạn là ngày cuối tháng.",
		EN: "The plan says " + en + ": due on the month's last day.",
	}
}

// noteQuarterEnd is the note on a deadline the plan gives as a quarter.
func noteQuarterEnd(vi, en string) credit.Text {
	return credit.Text{
		VI: "Kế hoạch ghi " + vi + ": hạn là ngày cuối quý.",
		EN: "The plan says " + en + ": due on the quarter's last day.",
	}
}

// LaiChauPlan returns the tasks of the Lai Châu provincial plan with their
// deadlines (legal reference §7), in the order of the plan's sections, as
// a fresh slice each call: the plan is data, and a province with another
// plan passes its own tasks to PlanStatus. Recurring tasks have no end
// (Deadline.Until is zero).
//
//	section  task                  first due   recurs   who: what
//	II.1     propaganda            2023-12-31* yearly*  not named by the plan: publicity
//	II.2 L   training              2023-10-31  once     police, VBSP: training (October 2023)
//	II.3     coordination          2023-11-30  once     police, VBSP: research, propose a coordination document
//	III.1    monthly_list          2023-11-05* monthly  commune police: Mẫu số 01 list to VBSP on the 5th
//	III.1 L  demand_review         2024-09-30  yearly   police, VBSP: Q3 review of demand, advice on local budget
//	III.3 L  capital_proposal      2024-10-31* yearly   Department of Finance: state-budget capital proposal
//	III.7    local_budget_capital  2024-12-31* yearly   districts; since 2025-07-01 communes, province*: local-budget capital
//	IV.1 L   department_plans      2023-10-19  once     departments, districts: own plans, before 20/10/2023
//	IV.2 L   review_one_year       2024-09-30  once     all agencies: one-year review (Q3/2024)
//	IV.3 L   review_five_year      2028-09-30  once     all agencies: five-year review (Q3/2028)
//
// L: the section number is the project's reconstruction (the legal
// reference places only II.1, II.3, III.1 and III.7); *: the project's
// assumption where the plan is silent. Both are listed in the task's
// Assumptions with their reasons, and the reconstruction in its Citation's
// Note. A deadline
// given as a month or quarter is due on its last day; one given as "before"
// a day is due on the day before (Deadline).
func LaiChauPlan() []Task {
	date := credit.MustDate
	return []Task{
		{
			ID: "propaganda",
			Title: credit.Text{
				VI: "Tuyên truyền chính sách tín dụng đối với người chấp hành xong án phạt tù",
				EN: "Publicise the credit policy for people who have completed a prison sentence",
			},
			Agency:    agencyNotNamed,
			Due:       Deadline{First: date(2023, 12, 31)},
			Recurring: EveryYear,
			Citation: citePlan("II.1", false, credit.Text{
				VI: "Mục II.1 không giao nhiệm vụ cho cơ quan cụ thể.",
				EN: "Section II.1 gives the task to no named agency.",
			}),
			Assumptions: []Assumption{
				{Part: PartDue, Text: credit.Text{
					VI: "Kế hoạch không ghi hạn: giả định mỗi năm xong trước hết ngày 31/12, lần đầu năm 2023 (L).",
					EN: "The plan gives no date: assumed done by 31 December each year, first in 2023 (L).",
				}},
				{Part: PartRecurring, Text: credit.Text{
					VI: "Kế hoạch không ghi chu kỳ: giả định theo dõi mỗi năm một lần (L).",
					EN: "The plan gives no recurrence: assumed tracked once a year (L).",
				}},
			},
		},
		{
			ID: "training",
			Title: credit.Text{
				VI: "Tập huấn cho cán bộ thực hiện chính sách tín dụng đối với người chấp hành xong án phạt tù (tháng 10/2023)",
				EN: "Training for the officers who carry out the credit policy for people who have completed a prison sentence (October 2023)",
			},
			Agency:      agencyPoliceVBSP,
			Due:         Deadline{First: date(2023, 10, 31)},
			Citation:    citePlan("II.2", true, noteMonthEnd("tháng 10/2023", "October 2023")),
			Assumptions: []Assumption{assumedSection("II.2")},
		},
		{
			ID: "coordination",
			Title: credit.Text{
				VI: "Nghiên cứu, đề xuất văn bản phối hợp giữa Công an tỉnh và Chi nhánh NHCSXH tỉnh (tháng 11/2023)",
				EN: "Research and propose a coordination document between the Provincial Police and the VBSP provincial branch (November 2023)",
			},
			Agency:   agencyPoliceVBSP,
			Due:      Deadline{First: date(2023, 11, 30)},
			Citation: citePlan("II.3", false, noteMonthEnd("tháng 11/2023", "November 2023")),
		},
		{
			ID: "monthly_list",
			Title: credit.Text{
				VI: "Lập danh sách Mẫu số 01 (người chấp hành xong án phạt tù có nhu cầu và đủ điều kiện vay vốn), gửi Phòng giao dịch NHCSXH vào ngày 05 hằng tháng",
				EN: "Draw up the Mẫu số 01 list of returnees who need and qualify for loans and send it to the VBSP transaction office by the 5th of every month",
			},
			Agency:    agencyCommunePolice,
			Due:       Deadline{First: date(2023, 11, DueDay)},
			Recurring: EveryMonth,
			Citation:  citePlan("III.1", false, credit.Text{}),
			Law:       []credit.Citation{credit.Cite(credit.QD22, 3, 2, "a")},
			Assumptions: []Assumption{{Part: PartDue, Text: credit.Text{
				VI: "Kế hoạch ghi ngày 05 hằng tháng nhưng không ghi tháng bắt đầu: giả định danh sách đầu tiên vào ngày 05/11/2023, ngày 05 đầu tiên sau hạn gửi kế hoạch của các sở, ngành (trước ngày 20/10/2023) (L).",
				EN: "The plan says the 5th of every month but not from which month: the first list is assumed due on 2023-11-05, the first 5th after the departments' plans were due (before 20/10/2023) (L).",
			}}},
		},
		{
			ID: "demand_review",
			Title: credit.Text{
				VI: "Rà soát người vay, tổng hợp nhu cầu vốn; tham mưu HĐND, UBND tỉnh bố trí ngân sách địa phương ủy thác qua NHCSXH (quý III hằng năm)",
				EN: "Review borrowers and total the loan demand; advise the provincial People's Council and Committee on local budget to entrust to VBSP (Q3 every year)",
			},
			Agency:    agencyPoliceVBSP,
			Due:       Deadline{First: date(2024, 9, 30)},
			Recurring: EveryYear,
			Citation: citePlan("III.1", true, credit.Text{
				VI: "Kế hoạch ghi quý III hằng năm: hạn là ngày cuối quý, 30/9; lần đầu năm 2024 (quý III/2023 đã qua khi có Kế hoạch).",
				EN: "The plan says Q3 every year: due on the quarter's last day, 30 September; first in 2024 (Q3/2023 had passed when the plan was made).",
			}),
			Law:         []credit.Citation{credit.Cite(credit.QD22, 11, 0, "")},
			Assumptions: []Assumption{assumedSection("III.1")},
		},
		{
			ID: "capital_proposal",
			Title: credit.Text{
				VI: "Đề xuất bố trí nguồn vốn ngân sách nhà nước ủy thác qua NHCSXH cho đối tượng tại khoản 1 Điều 3 Quyết định " + credit.QD22 + " (hằng năm)",
				EN: "Propose the state-budget capital entrusted via VBSP for borrowers under Decision " + credit.QD22 + ", Article 3, clause 1 (every year)",
			},
			Agency:    agencyFinance,
			Due:       Deadline{First: date(2024, 10, 31)},
			Recurring: EveryYear,
			Citation:  citePlan("III.3", true, credit.Text{}),
			// Clause 1 is both kinds of borrower: individuals (point a)
			// and establishments (point b).
			Law: []credit.Citation{credit.Cite(credit.QD22, 3, 1, "a"), credit.Cite(credit.QD22, 3, 1, "b"), credit.Cite(credit.QD22, 11, 0, "")},
			Assumptions: []Assumption{
				{Part: PartDue, Text: credit.Text{
					VI: "Kế hoạch chỉ ghi \"hằng năm\": hạn 31/10 là giả định của dự án (L), một tháng sau kỳ rà soát quý III mà đề xuất dựa vào, kịp dự toán ngân sách năm sau; lần đầu năm 2024.",
					EN: "The plan says only \"yearly\": the 31 October deadline is the project's assumption (L), a month after the Q3 review the proposal builds on, in time for the next year's budget estimate; first in 2024.",
				}},
				assumedSection("III.3"),
			},
		},
		{
			ID: "local_budget_capital",
			Title: credit.Text{
				VI: "Bố trí vốn ngân sách địa phương ủy thác qua NHCSXH để cho vay người chấp hành xong án phạt tù (hằng năm)",
				EN: "Provide local-budget capital entrusted to VBSP for loans to people who have completed a prison sentence (every year)",
			},
			Agency:    agencyLocalBudget,
			Due:       Deadline{First: date(2024, 12, 31)},
			Recurring: EveryYear,
			Citation:  citePlan("III.7", false, credit.Text{}),
			Law:       []credit.Citation{credit.Cite(credit.QD22, 11, 0, "")},
			Note:      noteNoDistricts,
			Assumptions: []Assumption{
				{Part: PartDue, Text: credit.Text{
					VI: "Kế hoạch không ghi hạn: giả định trước hết ngày 31/12 hằng năm, cùng với việc giao dự toán ngân sách năm sau, sau kỳ rà soát quý III và đề xuất của Sở Tài chính; lần đầu năm 2024 (L).",
					EN: "The plan gives no date: assumed by 31 December each year, with the next year's budget estimate, after the Q3 review and the Department of Finance's proposal; first in 2024 (L).",
				}},
				{Part: PartAgency, Text: credit.Text{
					VI: "Kế hoạch giao UBND cấp huyện. Từ 01/7/2025 không còn cấp huyện: giả định UBND cấp xã bố trí từ ngân sách cấp xã, UBND tỉnh bố trí từ ngân sách tỉnh theo tham mưu của kỳ rà soát nhu cầu quý III (L).",
					EN: "The plan gives it to the district People's Committees. Since 2025-07-01 there are no districts: assumed the commune People's Committees provide it from commune budgets, and the Provincial People's Committee from the provincial budget, advised by the Q3 demand review (L).",
				}},
			},
		},
		{
			ID: "department_plans",
			Title: credit.Text{
				VI: "Các sở, ban, ngành và UBND cấp huyện xây dựng kế hoạch thực hiện, gửi Công an tỉnh (cơ quan thường trực) trước ngày 20/10/2023",
				EN: "Departments and districts draw up their own implementation plans and send them to the Provincial Police (standing agency) before 20 October 2023",
			},
			Agency: agencyDepartments,
			Due:    Deadline{First: date(2023, 10, 19)},
			Citation: citePlan("IV.1", true, credit.Text{
				VI: "Kế hoạch ghi \"trước ngày 20/10/2023\": hạn là ngày 19/10/2023; gửi ngày 20/10/2023 là trễ hạn.",
				EN: "The plan says \"before 20/10/2023\": due on 2023-10-19; sent on 2023-10-20 is late.",
			}),
			Note:        noteNoDistricts,
			Assumptions: []Assumption{assumedSection("IV.1")},
		},
		{
			ID: "review_one_year",
			Title: credit.Text{
				VI: "Sơ kết 01 năm thực hiện (quý III/2024)",
				EN: "One-year review (Q3/2024)",
			},
			Agency:      agencyAll,
			Due:         Deadline{First: date(2024, 9, 30)},
			Citation:    citePlan("IV.2", true, noteQuarterEnd("quý III/2024", "Q3/2024")),
			Assumptions: []Assumption{assumedSection("IV.2")},
		},
		{
			ID: "review_five_year",
			Title: credit.Text{
				VI: "Tổng kết 05 năm thực hiện (quý III/2028)",
				EN: "Five-year review (Q3/2028)",
			},
			Agency:      agencyAll,
			Due:         Deadline{First: date(2028, 9, 30)},
			Citation:    citePlan("IV.3", true, noteQuarterEnd("quý III/2028", "Q3/2028")),
			Assumptions: []Assumption{assumedSection("IV.3")},
		},
	}
}
