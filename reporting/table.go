package reporting

import (
	"io"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
)

// ColumnKind is what the cells of a table's column hold, so that a
// spreadsheet writer can keep numbers as numbers and dates as dates. Every
// cell is text as the helpers of this package write it; a cell that does
// not read as its column's kind (a "Tổng cộng" label, an empty cell) is
// kept as text.
type ColumnKind uint8

// Column kinds.
const (
	ColumnText    ColumnKind = iota // text, as it is
	ColumnCount                     // a whole number of people, loans or jobs (CountCell)
	ColumnAmount                    // whole đồng (AmountCell), negative for a fall
	ColumnPercent                   // a percentage with two decimals (RatioPct): "12.50"
	ColumnDate                      // a date, dd/mm/yyyy (DateCell)
)

// TableColumn is one column of a Table.
type TableColumn struct {
	Heading credit.Text
	Kind    ColumnKind
	// Width is the column's width in characters for a spreadsheet; 0
	// leaves it to the writer.
	Width int
}

// Table is a report, or one part of it, as a table: what the CSV and xlsx
// exports write. Cells are text as WriteCSV writes them (AmountCell,
// CountCell, DateCell, RatioPct); Totals, when not nil, is the totals row,
// with "Tổng cộng" in its first cell.
//
// A CSV export writes the headings and Rows only: a CSV is data for the
// next program, which adds up for itself. A workbook writes each table on
// its own sheet, named Sheet, under Title, with Totals last.
type Table struct {
	// Sheet names the table's sheet in a workbook: at most 31 characters,
	// none of : \ / ? * [ ].
	Sheet   string
	Title   credit.Text
	Columns []TableColumn
	Rows    [][]string
	Totals  []string
}

// Headings returns the Vietnamese headings of the columns, the header row
// of the table's CSV.
func (t *Table) Headings() []string {
	h := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		h[i] = c.Heading.VI
	}
	return h
}

// WriteCSV writes the table's headings and rows with WriteCSV.
func (t *Table) WriteCSV(w io.Writer) error { return WriteCSV(w, t.Headings(), t.Rows) }

// totalsLabel is the first cell of a totals row.
const totalsLabel = "Tổng cộng"

// Columns shared by several tables.
var (
	colCommune = TableColumn{Heading: credit.Text{VI: "Mã xã", EN: "Commune code"}, Width: 12}
	colPeople  = TableColumn{Heading: credit.Text{VI: "Số người", EN: "People"}, Kind: ColumnCount, Width: 10}
	colDemand  = TableColumn{Heading: credit.Text{VI: "Nhu cầu vốn (đồng)", EN: "Loan demand (VND)"},
		Kind: ColumnAmount, Width: 20}
	colPurpose = TableColumn{Heading: credit.Text{VI: "Mục đích vay", EN: "Purpose"}, Width: 24}
)

// purposeVI names the purposes in Vietnamese, by credit.Purpose.
var purposeVI = [...]string{"", "Sản xuất, kinh doanh", "Học nghề"}

func purposeName(p credit.Purpose) string {
	if int(p) < len(purposeVI) {
		return purposeVI[p]
	}
	return ""
}

// amountColumn is a column of đồng headed vi / en with " (đồng)" / " (VND)".
func amountColumn(vi, en string) TableColumn {
	return TableColumn{Heading: credit.Text{VI: vi + " (đồng)", EN: en + " (VND)"}, Kind: ColumnAmount, Width: 20}
}

// MonthlyTables returns the monthly round as tables: the communes that sent
// a list (the CSV export), the demand by purpose, the communes that sent
// none or sent late, and the people listed by more than one commune (where
// they are listed: /lists/i/rows/j, never who).
func MonthlyTables(m *Monthly) []Table {
	period := twoDigits(int(m.Period.Month)) + "/" + strconv.Itoa(m.Period.Year)
	communes := Table{
		Sheet: "Theo xã",
		Title: credit.Text{
			VI: "Danh sách người chấp hành xong án phạt tù có nhu cầu vay vốn, tháng " + period + ": các xã (hạn gửi " + DateCell(m.DueOn) + ")",
			EN: "People released from prison who need a loan, " + m.Period.String() + ": communes (due " + m.DueOn.String() + ")",
		},
		Columns: []TableColumn{colCommune, colPeople, colDemand,
			{Heading: credit.Text{VI: "Gửi đúng hạn", EN: "On time"}, Width: 12},
			{Heading: credit.Text{VI: "Ngày lập", EN: "Prepared on"}, Kind: ColumnDate, Width: 12}},
		Rows: TableRows(m.Communes, func(c CommuneRound) []string {
			return []string{c.CommuneCode, CountCell(c.Rows), AmountCell(c.Demand), yesNo(c.OnTime), DateCell(c.PreparedOn)}
		}),
		Totals: []string{totalsLabel, CountCell(m.Totals.Rows), AmountCell(m.Totals.Demand), "", ""},
	}
	purposes := Table{
		Sheet:   "Theo mục đích",
		Title:   credit.Text{VI: "Nhu cầu vốn theo mục đích vay, tháng " + period, EN: "Loan demand by purpose, " + m.Period.String()},
		Columns: []TableColumn{colPurpose, colDemand},
		Rows: TableRows(m.Totals.DemandByPurpose, func(p PurposeDemand) []string {
			return []string{purposeName(p.Purpose), AmountCell(p.Demand)}
		}),
		Totals: []string{totalsLabel, AmountCell(m.Totals.Demand)},
	}
	late := Table{
		Sheet: "Chưa gửi, gửi trễ",
		Title: credit.Text{VI: "Các xã chưa gửi, gửi trễ hoặc ngoài danh sách, tháng " + period,
			EN: "Communes that sent no list, sent late or were not expected, " + m.Period.String()},
		Columns: []TableColumn{colCommune, {Heading: credit.Text{VI: "Tình trạng", EN: "Status"}, Width: 30}},
	}
	for _, s := range []struct {
		codes  []string
		status string
	}{{m.Missing, "Chưa gửi"}, {m.Late, "Gửi trễ"}, {m.Unexpected, "Không có trong danh sách xã phải gửi"}} {
		for _, c := range s.codes {
			late.Rows = append(late.Rows, []string{c, s.status})
		}
	}
	shared := Table{
		Sheet: "Trùng người",
		Title: credit.Text{VI: "Người có tên trong danh sách của nhiều xã, tháng " + period + " (vị trí trong danh sách, không ghi tên, số định danh)",
			EN: "People on the lists of several communes, " + m.Period.String() + " (where they are listed, never who)"},
		Columns: []TableColumn{
			{Heading: credit.Text{VI: "STT", EN: "No."}, Kind: ColumnCount, Width: 6},
			{Heading: credit.Text{VI: "Các xã", EN: "Communes"}, Width: 24},
			{Heading: credit.Text{VI: "Vị trí trong danh sách", EN: "Rows of the lists"}, Width: 40}},
	}
	for i, sp := range m.SharedPeople {
		rows := make([]string, len(sp.Rows))
		for j, r := range sp.Rows {
			rows[j] = "/lists/" + strconv.Itoa(r.List) + "/rows/" + strconv.Itoa(r.Row)
		}
		shared.Rows = append(shared.Rows, []string{CountCell(i + 1), strings.Join(sp.Communes, ", "), strings.Join(rows, ", ")})
	}
	return []Table{communes, purposes, late, shared}
}

func yesNo(b bool) string {
	if b {
		return "Có"
	}
	return "Không"
}

// DemandTables returns the annual demand review as tables: the demand by
// commune, split by purpose (the CSV export), the demand by purpose, and
// the balance of demand and capital.
func DemandTables(d *Demand) []Table {
	year := strconv.Itoa(d.Year)
	byCommune := Table{
		Sheet: "Theo xã",
		Title: credit.Text{VI: "Rà soát nhu cầu vay vốn năm " + year + " theo xã", EN: "Loan demand review " + year + ", by commune"},
		Columns: []TableColumn{colCommune, colPeople, colDemand,
			amountColumn("Sản xuất, kinh doanh", "Production"), amountColumn("Học nghề", "Vocational training")},
		Rows: TableRows(d.ByCommune, func(g DemandGroup) []string {
			row := []string{g.CommuneCode, CountCell(g.People), AmountCell(g.Demand)}
			for _, p := range g.ByPurpose {
				row = append(row, AmountCell(p.Demand))
			}
			return row
		}),
		Totals: []string{totalsLabel, CountCell(d.People), AmountCell(d.Demand)},
	}
	for _, p := range d.ByPurpose {
		byCommune.Totals = append(byCommune.Totals, AmountCell(p.Demand))
	}
	byPurpose := Table{
		Sheet:   "Theo mục đích",
		Title:   credit.Text{VI: "Nhu cầu vay vốn năm " + year + " theo mục đích vay", EN: "Loan demand " + year + ", by purpose"},
		Columns: []TableColumn{colPurpose, colPeople, colDemand},
		Rows: TableRows(d.ByPurpose, func(g DemandGroup) []string {
			return []string{purposeName(g.Purpose), CountCell(g.People), AmountCell(g.Demand)}
		}),
		Totals: []string{totalsLabel, CountCell(d.People), AmountCell(d.Demand)},
	}
	balance := Table{
		Sheet: "Cân đối vốn",
		Title: credit.Text{VI: "Cân đối nhu cầu và nguồn vốn năm " + year, EN: "Demand and capital " + year},
		Columns: []TableColumn{colDemand, amountColumn("Nguồn vốn", "Capital"),
			amountColumn("Thiếu hụt, đề nghị ngân sách địa phương ủy thác", "Shortfall, for the local budget to entrust"),
			{Heading: credit.Text{VI: "Tỷ lệ đáp ứng (%)", EN: "Coverage (%)"}, Kind: ColumnPercent, Width: 14}},
		Rows: [][]string{{AmountCell(d.Demand), AmountCell(d.Capital), AmountCell(d.Shortfall), d.CoveragePct}},
	}
	return []Table{byCommune, byPurpose, balance}
}

// Vietnamese names of the loan book's groups, by the enums' values.
var (
	borrowerKindVI  = [...]string{"", "Người chấp hành xong án phạt tù", "Cơ sở sản xuất, kinh doanh"}
	capitalSourceVI = [...]string{"", "Ngân sách trung ương", "Ngân sách địa phương ủy thác", "Nguồn khác"}
	channelVI       = [...]string{"", "Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Hội Cựu chiến binh", "Đoàn Thanh niên",
		"Cho vay trực tiếp"}
)

// PortfolioTables returns the loan book as tables: by commune (the CSV
// export), by purpose, by borrower kind, by capital source and by channel,
// each with the totals of the book; groups other than communes are named
// in Vietnamese.
func PortfolioTables(r *Report) []Table {
	date := DateCell(r.AsOf)
	figs := func(key string, f Figures) []string {
		return []string{key, CountCell(f.Loans), AmountCell(f.Disbursed), AmountCell(f.Outstanding),
			AmountCell(f.Overdue), f.OverdueRatioPct(), CountCell(f.Jobs)}
	}
	totals := figs(totalsLabel, r.Totals)
	table := func(sheet string, key TableColumn, vi, en string, gs []Group, name func(string) string) Table {
		return Table{
			Sheet: sheet,
			Title: credit.Text{VI: "Dư nợ cho vay người chấp hành xong án phạt tù đến ngày " + date + " " + vi,
				EN: "Loans to people released from prison on " + r.AsOf.String() + ", " + en},
			Columns: []TableColumn{key,
				{Heading: credit.Text{VI: "Số món vay", EN: "Loans"}, Kind: ColumnCount, Width: 10},
				amountColumn("Doanh số cho vay", "Disbursed"), amountColumn("Dư nợ", "Outstanding"),
				amountColumn("Nợ quá hạn", "Overdue"),
				{Heading: credit.Text{VI: "Tỷ lệ nợ quá hạn (%)", EN: "Overdue ratio (%)"}, Kind: ColumnPercent, Width: 12},
				{Heading: credit.Text{VI: "Số lao động có việc làm", EN: "Jobs"}, Kind: ColumnCount, Width: 14}},
			Rows:   TableRows(gs, func(g Group) []string { return figs(name(g.Key), g.Figures) }),
			Totals: totals,
		}
	}
	same := func(s string) string { return s }
	named := func(names []string, parse func(string) (int, bool)) func(string) string {
		return func(key string) string {
			if i, ok := parse(key); ok && i < len(names) {
				return names[i]
			}
			return key
		}
	}
	kind := func(s string) (int, bool) { k, ok := ParseBorrowerKind(s); return int(k), ok }
	source := func(s string) (int, bool) { c, ok := ParseCapitalSource(s); return int(c), ok }
	channel := func(s string) (int, bool) { c, ok := ParseChannel(s); return int(c), ok }
	purpose := func(s string) (int, bool) { p, ok := credit.ParsePurpose(s); return int(p), ok }
	return []Table{
		table("Theo xã", colCommune, "theo xã", "by commune", r.ByCommune, same),
		table("Theo mục đích", colPurpose, "theo mục đích vay", "by purpose", r.ByPurpose, named(purposeVI[:], purpose)),
		table("Theo đối tượng", TableColumn{Heading: credit.Text{VI: "Đối tượng vay", EN: "Borrower"}, Width: 30},
			"theo đối tượng vay", "by borrower", r.ByBorrowerKind, named(borrowerKindVI[:], kind)),
		table("Theo nguồn vốn", TableColumn{Heading: credit.Text{VI: "Nguồn vốn", EN: "Capital source"}, Width: 28},
			"theo nguồn vốn", "by capital source", r.ByCapitalSource, named(capitalSourceVI[:], source)),
		table("Theo kênh", TableColumn{Heading: credit.Text{VI: "Kênh cho vay", EN: "Channel"}, Width: 24},
			"theo kênh cho vay", "by channel", r.ByChannel, named(channelVI[:], channel)),
	}
}

// ComparisonTables returns a comparison of two loan books as a table by
// commune (the CSV export), with the totals.
func ComparisonTables(c *Comparison) []Table {
	before, after := DateCell(c.Before), DateCell(c.After)
	row := func(key string, ch Change) []string {
		return []string{key, CountCell(ch.Before.Loans), AmountCell(ch.Before.Outstanding), CountCell(ch.After.Loans),
			AmountCell(ch.After.Outstanding), AmountCell(ch.Growth), ch.GrowthPct(), CountCell(ch.New.Loans),
			AmountCell(ch.New.Amount), CountCell(ch.Repaid.Loans), AmountCell(ch.Repaid.Amount),
			AmountCell(ch.Before.Overdue), AmountCell(ch.After.Overdue)}
	}
	count := func(vi, en string) TableColumn {
		return TableColumn{Heading: credit.Text{VI: vi, EN: en}, Kind: ColumnCount, Width: 12}
	}
	return []Table{{
		Sheet: "So sánh",
		Title: credit.Text{VI: "So sánh dư nợ cho vay người chấp hành xong án phạt tù ngày " + before + " và ngày " + after,
			EN: "Loans to people released from prison: " + c.Before.String() + " against " + c.After.String()},
		Columns: []TableColumn{colCommune,
			count("Số món vay ngày "+before, "Loans on "+c.Before.String()),
			amountColumn("Dư nợ ngày "+before, "Outstanding on "+c.Before.String()),
			count("Số món vay ngày "+after, "Loans on "+c.After.String()),
			amountColumn("Dư nợ ngày "+after, "Outstanding on "+c.After.String()),
			amountColumn("Tăng, giảm dư nợ", "Growth"),
			{Heading: credit.Text{VI: "Tăng, giảm (%)", EN: "Growth (%)"}, Kind: ColumnPercent, Width: 12},
			count("Số món vay mới", "New loans"), amountColumn("Doanh số cho vay mới", "New loans' amount"),
			count("Số món đã trả hết", "Loans repaid"), amountColumn("Dư nợ đã trả hết", "Repaid outstanding"),
			amountColumn("Nợ quá hạn ngày "+before, "Overdue on "+c.Before.String()),
			amountColumn("Nợ quá hạn ngày "+after, "Overdue on "+c.After.String())},
		Rows:   TableRows(c.ByCommune, func(g ChangeGroup) []string { return row(g.Key, g.Change) }),
		Totals: row(totalsLabel, c.Totals),
	}}
}
