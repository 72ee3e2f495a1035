package reporting

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
)

// csvBOM is the byte-order mark Excel needs to read a CSV file as UTF-8.
const csvBOM = "\ufeff"

// csvFormulaChars are the first characters that make a spreadsheet read a
// cell as a formula ("CSV injection"): = + - @, and a tab or a carriage
// return, which some spreadsheets skip before looking.
const csvFormulaChars = "=+-@\t\r"

// WriteCSV writes a report's table as CSV for Excel: UTF-8 with a
// byte-order mark (so that Excel shows Vietnamese correctly), the header
// row, then the rows, every line ended by CRLF; cells are quoted as
// encoding/csv quotes them (a comma, a quote or a line break). Rows may
// have any number of cells.
//
// A cell that begins with = + - or @ (or a tab or a carriage return, also
// after leading spaces) is written with a single quote (') in front, so
// that a spreadsheet shows it as text instead of running it as a formula:
// a commune named "=HYPERLINK(…)" stays a name. A number alone, negative
// too ("-180000000", "-33.96"), is not a formula and stays a number.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, csvBOM); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	write := func(cells []string) error {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = CSVCell(c)
		}
		return cw.Write(out)
	}
	if err := write(header); err != nil {
		return err
	}
	for _, r := range rows {
		if err := write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSVCell returns s as WriteCSV writes it: with a single quote in front
// when a spreadsheet would read it as a formula, unchanged otherwise. A
// number alone ("-180000000", "-33.96") is not a formula and stays a
// number.
func CSVCell(s string) string {
	t := strings.TrimLeft(s, " ")
	if t != "" && strings.IndexByte(csvFormulaChars, t[0]) >= 0 && !isNumber(s) {
		return "'" + s
	}
	return s
}

// isNumber reports whether s is a number as the table helpers write it: an
// optional minus, digits, and optionally a point and digits.
func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	return digitsOnly(whole) && (!dot || digitsOnly(frac))
}

func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// TableRows turns a list of items into the rows of a table, one row per
// item, in order.
func TableRows[T any](items []T, row func(T) []string) [][]string {
	rows := make([][]string, len(items))
	for i, it := range items {
		rows[i] = row(it)
	}
	return rows
}

// AmountCell writes an amount as a table cell: plain digits, without
// grouping, so that a spreadsheet reads it as a number ("50000000").
func AmountCell(v credit.VND) string { return v.String() }

// CountCell writes a count as a table cell.
func CountCell(n int) string { return strconv.Itoa(n) }

// DateCell writes a date as a table cell the way Vietnamese spreadsheets
// show dates, dd/mm/yyyy ("05/11/2023"); the zero Date is an empty cell.
func DateCell(d credit.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Date()
	return twoDigits(dd) + "/" + twoDigits(int(m)) + "/" + strconv.Itoa(y)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// planStatusVI names the statuses in Vietnamese for a table.
var planStatusVI = [...]string{"", "Đến hạn", "Quá hạn", "Đã hoàn thành"}

// taskPartVI names the parts of a task that may be assumed, for people.
var taskPartVI = [...]string{PartDue: "hạn", PartRecurring: "chu kỳ", PartAgency: "cơ quan thực hiện", PartSection: "số mục"}

// PlanTable returns a PlanReport as a table: one row per item, in the
// report's order, with the due date, the task's ID, title and agency
// (Vietnamese), the status ("Đến hạn", "Quá hạn", "Đã hoàn thành", with
// " (trễ hạn)" when done late), the day done, the days late, the plan's
// provision and the parts of the task the plan does not give, which the
// project assumed (Task.Assumptions: "hạn; chu kỳ"):
//
//	t := PlanTable(r)
//	err := t.WriteCSV(w)
func PlanTable(r PlanReport) Table {
	text := func(vi, en string, width int) TableColumn {
		return TableColumn{Heading: credit.Text{VI: vi, EN: en}, Width: width}
	}
	date := func(vi, en string) TableColumn {
		return TableColumn{Heading: credit.Text{VI: vi, EN: en}, Kind: ColumnDate, Width: 12}
	}
	return Table{
		Sheet: "Kế hoạch",
		Title: credit.Text{VI: "Tình hình thực hiện kế hoạch đến ngày " + DateCell(r.On),
			EN: "The plan's tasks on " + r.On.String()},
		Columns: []TableColumn{
			date("Hạn", "Due"), text("Mã nhiệm vụ", "Task", 18), text("Nhiệm vụ", "Title", 50),
			text("Cơ quan thực hiện", "Agency", 28), text("Trạng thái", "Status", 22),
			date("Ngày hoàn thành", "Done on"),
			{Heading: credit.Text{VI: "Số ngày trễ", EN: "Days late"}, Kind: ColumnCount, Width: 10},
			text("Căn cứ", "Provision", 40),
			text("Giả định (Kế hoạch không ghi)", "Assumed (not in the plan)", 22),
		},
		Rows: TableRows(r.Items, func(it PlanItem) []string {
			status := ""
			if int(it.Status) < len(planStatusVI) {
				status = planStatusVI[it.Status]
			}
			if it.Late {
				status += " (trễ hạn)"
			}
			late := ""
			if it.DaysLate > 0 {
				late = CountCell(it.DaysLate)
			}
			var assumed []string
			for _, a := range it.Task.Assumptions {
				if int(a.Part) < len(taskPartVI) {
					assumed = append(assumed, taskPartVI[a.Part])
				}
			}
			return []string{
				DateCell(it.Due), it.Task.ID, it.Task.Title.VI, it.Task.Agency.VI, status,
				DateCell(it.DoneOn), late, it.Task.Citation.Text, strings.Join(assumed, "; "),
			}
		}),
	}
}
