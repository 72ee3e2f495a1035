package reporting

import (
	"strings"
	"testing"

	"github.com/vnreentry/credit"
)

// snapLine is a line of a loan of 50,000,000 đồng with outstanding out,
// disbursed on day.
func snapLine(id, day, out string) string {
	return id + ",00100,individual,production,central,farmers_union," + day + ",50000000," + out + ",0,1\n"
}

// TestSnapshotIDsOutOfTheBook: a Snapshot keeps the loan_ids of its file
// with its loans, those disbursed after its date too (for the check of a
// repeated loan_id), and a comparison takes them for loans that were not
// in the earlier book; a repeated loan_id is found in either file, and a
// comparison made again gives the same.
func TestSnapshotIDsOutOfTheBook(t *testing.T) {
	before, after := credit.MustDate(2024, 9, 30), credit.MustDate(2025, 9, 30)
	s, err := NewSnapshotCSV(strings.NewReader(csvHead+snapLine("A", "2024-01-15", "40000000")+
		snapLine("B", "2025-01-01", "50000000")), before, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || s.Report().Totals.Loans != 1 {
		t.Fatalf("%d loans, report %+v", s.Len(), s.Report().Totals)
	}
	later := csvHead + snapLine("B", "2025-01-01", "50000000") + snapLine("C", "2025-02-01", "50000000")
	for round := range 3 {
		c, err := s.CompareCSV(strings.NewReader(later), after, 0)
		if err != nil {
			t.Fatal(err)
		}
		if c.Totals.New != (Flow{2, 100_000_000}) || c.Totals.Repaid != (Flow{1, 40_000_000}) {
			t.Fatalf("round %d: new %+v, repaid %+v", round, c.Totals.New, c.Totals.Repaid)
		}
	}
	for _, tc := range []struct {
		name string
		file string
	}{
		{"a loan of the book twice", csvHead + snapLine("A", "2024-01-15", "0") + snapLine("A", "2024-01-15", "0")},
		{"a loan out of the book twice", csvHead + snapLine("B", "2025-01-01", "0") + snapLine("B", "2025-01-01", "0")},
		{"a new loan twice", csvHead + snapLine("D", "2025-01-01", "0") + snapLine("D", "2025-01-01", "0")},
	} {
		_, err := s.CompareCSV(strings.NewReader(tc.file), after, 0)
		ps, _ := err.(credit.Problems)
		if len(ps) != 1 || ps[0].Pointer != "/loans/1/loan_id" || ps[0].Code != CodeDuplicateLoanID {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	_, err = NewSnapshotCSV(strings.NewReader(csvHead+snapLine("B", "2025-01-01", "0")+snapLine("B", "2024-01-01", "0")), before, 0)
	ps, _ := err.(credit.Problems)
	if len(ps) != 1 || ps[0].Pointer != "/loans/1/loan_id" || ps[0].Code != CodeDuplicateLoanID {
		t.Errorf("a loan out of the snapshot's book, then in it: %v", err)
	}
}
