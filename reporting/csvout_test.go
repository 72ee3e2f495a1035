package reporting_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	err := reporting.WriteCSV(&b,
		[]string{"Mã xã", "Tên xã", "Dư nợ (đồng)"},
		[][]string{
			{"03424", "Xã Bản Bo", "480000000"},
			{"03517", `Xã "Nậm Tăm", bản 2`, "0"},
			{"03433", "dòng 1\ndòng 2", ""},
			{"=HYPERLINK(\"http://x\")", "+1", "-5"},
			{"@SUM(A1)", " =1", "\t=1"},
			{"a-b", "1+1", "x@y"},
			{"short row"},
		})
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeff" +
		"Mã xã,Tên xã,Dư nợ (đồng)\r\n" +
		"03424,Xã Bản Bo,480000000\r\n" +
		"03517,\"Xã \"\"Nậm Tăm\"\", bản 2\",0\r\n" +
		"03433,\"dòng 1\r\ndòng 2\",\r\n" +
		"\"'=HYPERLINK(\"\"http://x\"\")\",'+1,-5\r\n" +
		"'@SUM(A1),' =1,'\t=1\r\n" +
		"a-b,1+1,x@y\r\n" +
		"short row\r\n"
	if got := b.String(); got != want {
		t.Errorf("WriteCSV:\n got %q\nwant %q", got, want)
	}

	// The file reads back with encoding/csv: the quote is the only change.
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff")))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 8 || recs[4][0] != `'=HYPERLINK("http://x")` || recs[2][1] != `Xã "Nậm Tăm", bản 2` || recs[3][1] != "dòng 1\ndòng 2" {
		t.Errorf("read back %q", recs)
	}
}

func TestWriteCSVEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := reporting.WriteCSV(&b, []string{"a", "b"}, nil); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != "\ufeffa,b\r\n" {
		t.Errorf("got %q", got)
	}
}

type csvFailWriter struct{ n int } // fails after n bytes

var errCSVWrite = errors.New("disk full")

func (w *csvFailWriter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errCSVWrite
	}
	w.n -= len(p)
	return len(p), nil
}

func TestWriteCSVWriteError(t *testing.T) {
	for _, n := range []int{0, 5} {
		err := reporting.WriteCSV(&csvFailWriter{n: n}, []string{"a"}, [][]string{{"b"}})
		if !errors.Is(err, errCSVWrite) {
			t.Errorf("after %d bytes: error %v, want the writer's", n, err)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"03424", "03424"},
		{"=1+2", "'=1+2"},
		{"+84", "'+84"},
		{"-1", "-1"}, // a number, not a formula
		{"-180000000", "-180000000"},
		{"-33.96", "-33.96"},
		{"-1+2", "'-1+2"},
		{"-", "'-"},
		{"-.5", "'-.5"},
		{"-1.", "'-1."},
		{"--1", "'--1"},
		{" -1", "' -1"},
		{"-1e5", "'-1e5"},
		{"@x", "'@x"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"  =x", "'  =x"},
		{"   ", "   "},
		{"'quoted", "'quoted"},
		{"Xã Bản Bo", "Xã Bản Bo"},
	} {
		if got := reporting.CSVCell(tc.in); got != tc.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCells(t *testing.T) {
	got := []string{
		reporting.AmountCell(50_000_000), reporting.AmountCell(0), reporting.CountCell(12),
		reporting.DateCell(plnDate(2023, 11, 5)), reporting.DateCell(plnDate(2024, 12, 31)), reporting.DateCell(credit.Date{}),
	}
	want := []string{"50000000", "0", "12", "05/11/2023", "31/12/2024", ""}
	if !slices.Equal(got, want) {
		t.Errorf("cells %q, want %q", got, want)
	}
	rows := reporting.TableRows([]int{1, 2}, func(n int) []string { return []string{reporting.CountCell(n), reporting.CountCell(n * n)} })
	if len(rows) != 2 || !slices.Equal(rows[1], []string{"2", "4"}) {
		t.Errorf("TableRows = %q", rows)
	}
	if rows := reporting.TableRows[int](nil, nil); len(rows) != 0 {
		t.Errorf("TableRows(nil) = %q", rows)
	}
}

// The plan's status on 2024-01-10 as the CSV file an officer opens in Excel.
func TestPlanTableCSV(t *testing.T) {
	r, err := reporting.PlanStatus(reporting.LaiChauPlan(), plnDate(2024, 1, 10), []reporting.Completion{
		plnDone("department_plans", "2023-10-19", "2023-10-19"),
		plnDone("training", "2023-10-31", "2023-11-02"),
		plnDone("monthly_list", "2023-11-05", "2023-11-03"),
		plnDone("monthly_list", "2023-12-05", "2023-12-08"),
	})
	if err != nil {
		t.Fatal(err)
	}
	table := reporting.PlanTable(r)
	header, rows := table.Headings(), table.Rows
	if len(rows) != len(r.Items) {
		t.Fatalf("%d rows for %d items", len(rows), len(r.Items))
	}
	for i, row := range rows {
		if len(row) != len(header) {
			t.Errorf("row %d has %d cells, header %d", i, len(row), len(header))
		}
	}
	var b bytes.Buffer
	if err := table.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	goldenCompare(t, "plan/laichau_2024-01-10.csv", b.Bytes())
	for _, want := range []string{
		"05/12/2023,monthly_list,", ",Đã hoàn thành (trễ hạn),08/12/2023,3,",
		",Quá hạn,,41,", "Mục III.1 Kế hoạch của UBND tỉnh Lai Châu",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}
