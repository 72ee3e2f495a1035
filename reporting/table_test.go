package reporting_test

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/reporting"
)

const tblPortfolioCSV = "loan_id,commune_code,borrower_kind,purpose,capital_source,channel,disbursed_on,amount,outstanding,overdue,jobs\n" +
	"L1,03424,individual,production,central,farmers_union,2024-01-10,100000000,80000000,0,1\n" +
	"L2,03424,establishment,production,local,direct,2025-03-01,500000000,450000000,20000000,6\n" +
	"L3,03430,individual,vocational_training,central,womens_union,2025-06-15,40000000,40000000,0,0\n"

// tblCheck checks what every report table must be: a sheet name a workbook
// accepts, unique in its report; every row and the totals as wide as the
// columns; every cell readable as its column's kind; and the totals of the
// count and amount columns the sums of the rows (breakdowns add up).
func tblCheck(t *testing.T, tables []reporting.Table) {
	t.Helper()
	sheets := map[string]bool{}
	for _, tb := range tables {
		if n := utf8.RuneCountInString(tb.Sheet); n == 0 || n > 31 || strings.ContainsAny(tb.Sheet, `:\/?*[]`) {
			t.Errorf("sheet name %q", tb.Sheet)
		}
		if sheets[strings.ToLower(tb.Sheet)] {
			t.Errorf("sheet %q twice", tb.Sheet)
		}
		sheets[strings.ToLower(tb.Sheet)] = true
		if tb.Title.VI == "" || tb.Title.EN == "" {
			t.Errorf("%s: title %+v", tb.Sheet, tb.Title)
		}
		for j, c := range tb.Columns {
			if c.Heading.VI == "" || c.Heading.EN == "" {
				t.Errorf("%s: column %d heading %+v", tb.Sheet, j, c.Heading)
			}
		}
		sums := make([]int64, len(tb.Columns))
		for i, row := range append(slicesClone(tb.Rows), tb.Totals) {
			totals := i == len(tb.Rows)
			if totals && tb.Totals == nil {
				continue
			}
			if len(row) != len(tb.Columns) {
				t.Errorf("%s: row %d has %d cells for %d columns", tb.Sheet, i, len(row), len(tb.Columns))
				continue
			}
			for j, cell := range row {
				if totals && j == 0 {
					if cell != "Tổng cộng" {
						t.Errorf("%s: totals label %q", tb.Sheet, cell)
					}
					continue
				}
				kind := tb.Columns[j].Kind
				if !tblReadable(kind, cell) {
					t.Errorf("%s: row %d column %d: %q is not a %d cell", tb.Sheet, i, j, cell, kind)
					continue
				}
				if kind == reporting.ColumnCount || kind == reporting.ColumnAmount {
					n, _ := strconv.ParseInt(cell, 10, 64)
					if !totals {
						sums[j] += n
					} else if cell != "" && n != sums[j] {
						t.Errorf("%s: column %q totals %d, rows add up to %d", tb.Sheet, tb.Columns[j].Heading.VI, n, sums[j])
					}
				}
			}
		}
	}
}

func slicesClone(rows [][]string) [][]string { return append([][]string(nil), rows...) }

func tblReadable(kind reporting.ColumnKind, cell string) bool {
	if cell == "" {
		return true
	}
	switch kind {
	case reporting.ColumnCount:
		n, err := strconv.Atoi(cell)
		return err == nil && n >= 0
	case reporting.ColumnAmount:
		_, err := strconv.ParseInt(cell, 10, 64)
		return err == nil
	case reporting.ColumnPercent:
		if cell == "0" {
			return true
		}
		i := strings.IndexByte(cell, '.')
		_, err := strconv.ParseInt(strings.Replace(cell, ".", "", 1), 10, 64)
		return err == nil && i > 0 && i == len(cell)-3
	case reporting.ColumnDate:
		_, err := forms.ParseCellDate(cell)
		return err == nil && len(cell) == 10
	}
	return true
}

func TestPortfolioTables(t *testing.T) {
	r, err := reporting.PortfolioCSV(strings.NewReader(tblPortfolioCSV), credit.MustDate(2026, time.September, 30), 0)
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.PortfolioTables(&r)
	tblCheck(t, tables)
	var sheets []string
	for _, tb := range tables {
		sheets = append(sheets, tb.Sheet)
	}
	if want := []string{"Theo xã", "Theo mục đích", "Theo đối tượng", "Theo nguồn vốn", "Theo kênh"}; !reflect.DeepEqual(sheets, want) {
		t.Fatalf("sheets %q, want %q", sheets, want)
	}
	totals := []string{"Tổng cộng", "3", "640000000", "570000000", "20000000", "3.51", "7"}
	for _, tc := range []struct {
		sheet int
		rows  [][]string
	}{
		{0, [][]string{ // 20 / 530 = 3.7735…
			{"03424", "2", "600000000", "530000000", "20000000", "3.77", "7"},
			{"03430", "1", "40000000", "40000000", "0", "0.00", "0"}}},
		{1, [][]string{
			{"Sản xuất, kinh doanh", "2", "600000000", "530000000", "20000000", "3.77", "7"},
			{"Học nghề", "1", "40000000", "40000000", "0", "0.00", "0"}}},
		{2, [][]string{ // 20 / 450 = 4.444…
			{"Cơ sở sản xuất, kinh doanh", "1", "500000000", "450000000", "20000000", "4.44", "6"},
			{"Người chấp hành xong án phạt tù", "2", "140000000", "120000000", "0", "0.00", "1"}}},
		{3, [][]string{
			{"Ngân sách trung ương", "2", "140000000", "120000000", "0", "0.00", "1"},
			{"Ngân sách địa phương ủy thác", "1", "500000000", "450000000", "20000000", "4.44", "6"}}},
		{4, [][]string{
			{"Cho vay trực tiếp", "1", "500000000", "450000000", "20000000", "4.44", "6"},
			{"Hội Nông dân", "1", "100000000", "80000000", "0", "0.00", "1"},
			{"Hội Liên hiệp Phụ nữ", "1", "40000000", "40000000", "0", "0.00", "0"}}},
	} {
		tb := tables[tc.sheet]
		if !reflect.DeepEqual(tb.Rows, tc.rows) {
			t.Errorf("%s rows\n got %q\nwant %q", tb.Sheet, tb.Rows, tc.rows)
		}
		if !reflect.DeepEqual(tb.Totals, totals) {
			t.Errorf("%s totals %q", tb.Sheet, tb.Totals)
		}
	}
	if got := tables[0].Title.VI; got != "Dư nợ cho vay người chấp hành xong án phạt tù đến ngày 30/09/2026 theo xã" {
		t.Errorf("title %q", got)
	}
	var b bytes.Buffer
	if err := tables[0].WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffMã xã,Số món vay,Doanh số cho vay (đồng),Dư nợ (đồng),Nợ quá hạn (đồng),Tỷ lệ nợ quá hạn (%),Số lao động có việc làm\r\n" +
		"03424,2,600000000,530000000,20000000,3.77,7\r\n03430,1,40000000,40000000,0,0.00,0\r\n"
	if b.String() != want {
		t.Errorf("CSV\n%q\nwant\n%q", b.String(), want)
	}
}

// An empty book still has its tables, with zero totals.
func TestPortfolioTablesEmpty(t *testing.T) {
	r, err := reporting.Build(credit.MustDate(2026, time.September, 30), func(func(int, *reporting.Loan) bool) {})
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.PortfolioTables(&r)
	tblCheck(t, tables)
	for _, tb := range tables {
		if len(tb.Rows) != 0 || !reflect.DeepEqual(tb.Totals, []string{"Tổng cộng", "0", "0", "0", "0", "0", "0"}) {
			t.Errorf("%s: rows %q totals %q", tb.Sheet, tb.Rows, tb.Totals)
		}
	}
}

// The contract's round: 03424 on time, 03430 late, 03433 missing.
func TestMonthlyTables(t *testing.T) {
	m, err := reporting.MonthlyRound(nil, lstNov, lstContractExpected, lstContractLists())
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.MonthlyTables(&m)
	tblCheck(t, tables)
	want := []struct {
		sheet  string
		rows   [][]string
		totals []string
	}{
		{"Theo xã", [][]string{{"03424", "2", "74000000", "Có", "05/11/2026"}, {"03430", "1", "30000000", "Không", "06/11/2026"}},
			[]string{"Tổng cộng", "3", "104000000", "", ""}},
		{"Theo mục đích", [][]string{{"Sản xuất, kinh doanh", "80000000"}, {"Học nghề", "24000000"}},
			[]string{"Tổng cộng", "104000000"}},
		{"Chưa gửi, gửi trễ", [][]string{{"03433", "Chưa gửi"}, {"03430", "Gửi trễ"}}, nil},
		{"Trùng người", nil, nil},
	}
	if len(tables) != len(want) {
		t.Fatalf("%d tables", len(tables))
	}
	for i, w := range want {
		tb := tables[i]
		if tb.Sheet != w.sheet || !reflect.DeepEqual(tb.Rows, w.rows) || !reflect.DeepEqual(tb.Totals, w.totals) {
			t.Errorf("table %d: %q %q %q\nwant %q %q %q", i, tb.Sheet, tb.Rows, tb.Totals, w.sheet, w.rows, w.totals)
		}
	}
	if got := tables[0].Title.VI; !strings.Contains(got, "tháng 11/2026") || !strings.Contains(got, "hạn gửi 05/11/2026") {
		t.Errorf("title %q", got)
	}
}

// A person on two communes' lists is shown by where, never by who.
func TestMonthlyTablesSharedPerson(t *testing.T) {
	lists := []forms.List01{
		lstList("03424", lstNov, lstDate(2026, 11, 5), lstProd(1, 50_000_000), lstProd(2, 10_000_000)),
		lstList("03430", lstNov, lstDate(2026, 11, 5), lstProd(2, 30_000_000)),
		lstList("03433", lstNov, lstDate(2026, 11, 4), lstProd(7, 30_000_000)),
	}
	m, err := reporting.MonthlyRound(nil, lstNov, []string{"03424", "03430"}, lists)
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.MonthlyTables(&m)
	tblCheck(t, tables)
	if got, want := tables[3].Rows, [][]string{{"1", "03424, 03430", "/lists/0/rows/1, /lists/1/rows/0"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("shared %q, want %q", got, want)
	}
	if got, want := tables[2].Rows, [][]string{{"03433", "Không có trong danh sách xã phải gửi"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("late %q, want %q", got, want)
	}
	var b bytes.Buffer
	for _, tb := range tables {
		b.WriteString(tb.Title.VI)
		for _, r := range tb.Rows {
			b.WriteString(strings.Join(r, "|"))
		}
	}
	for _, l := range lists {
		for _, r := range l.Rows {
			if strings.Contains(b.String(), r.IDNumber) || strings.Contains(b.String(), r.FullName) {
				t.Errorf("the tables name a person: %s", b.String())
			}
		}
	}
}

// Person 1: 03424 production 60,000,000 (November, latest); person 2:
// 03430 training 20,000,000 (August, later than May); person 3: 03430
// production 30,000,000. Capital 80,000,000 for 110,000,000: short by
// 30,000,000, covering 72.727… %.
func TestDemandTables(t *testing.T) {
	d, err := reporting.DemandReview(nil, 2026, lstReviewLists(), reporting.Capital{Central: 50_000_000, Local: 30_000_000})
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.DemandTables(&d)
	tblCheck(t, tables)
	want := []struct {
		sheet  string
		rows   [][]string
		totals []string
	}{
		{"Theo xã", [][]string{{"03424", "1", "60000000", "60000000", "0"}, {"03430", "2", "50000000", "30000000", "20000000"}},
			[]string{"Tổng cộng", "3", "110000000", "90000000", "20000000"}},
		{"Theo mục đích", [][]string{{"Sản xuất, kinh doanh", "2", "90000000"}, {"Học nghề", "1", "20000000"}},
			[]string{"Tổng cộng", "3", "110000000"}},
		{"Cân đối vốn", [][]string{{"110000000", "80000000", "30000000", "72.73"}}, nil},
	}
	for i, w := range want {
		tb := tables[i]
		if tb.Sheet != w.sheet || !reflect.DeepEqual(tb.Rows, w.rows) || !reflect.DeepEqual(tb.Totals, w.totals) {
			t.Errorf("table %d: %q %q %q\nwant %q %q %q", i, tb.Sheet, tb.Rows, tb.Totals, w.sheet, w.rows, w.totals)
		}
	}
}

// 03424 had A (80) and B (50, 10 overdue) outstanding; a year later A (50,
// 5 overdue), B repaid and F new (30): 130 → 80, −50, −38.46 %.
func TestComparisonTables(t *testing.T) {
	before, after := cmpBooks()
	c, err := reporting.CompareSnapshots(cmpBefore, tblLoans(before), cmpAfter, tblLoans(after))
	if err != nil {
		t.Fatal(err)
	}
	tables := reporting.ComparisonTables(&c)
	tblCheck(t, tables)
	if len(tables) != 1 || len(tables[0].Rows) != 3 {
		t.Fatalf("tables %+v", tables)
	}
	want := []string{"03424", "2", "130000000", "3", "80000000", "-50000000", "-38.46", "1", "30000000", "1", "50000000",
		"10000000", "5000000"}
	if got := tables[0].Rows[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("03424\n got %q\nwant %q", got, want)
	}
	if got := tables[0].Columns[1].Heading.VI; got != "Số món vay ngày 30/09/2024" {
		t.Errorf("heading %q", got)
	}
}

func tblLoans(ls []reporting.Loan) func(func(int, *reporting.Loan) bool) {
	return func(yield func(int, *reporting.Loan) bool) {
		for i := range ls {
			if !yield(i, &ls[i]) {
				return
			}
		}
	}
}
