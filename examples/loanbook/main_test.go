package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

func generate(t *testing.T, args ...string) []byte {
	t.Helper()
	var out, errs bytes.Buffer
	if err := run(args, &out, &errs); err != nil {
		t.Fatalf("loanbook %s: %v\n%s", strings.Join(args, " "), err, errs.String())
	}
	return out.Bytes()
}

// Every generated loan is one the loan book takes, the book has -n loans,
// and the same flags give the same file.
func TestValidAndDeterministic(t *testing.T) {
	const n = 20_000
	file := generate(t, "-n", "20000")
	rep, err := reporting.PortfolioCSV(bytes.NewReader(file), credit.MustDate(2026, 9, 30), n)
	if err != nil {
		t.Fatalf("the loan book refuses the file: %v", err)
	}
	if rep.Totals.Loans != n {
		t.Errorf("%d loans in the book, want %d", rep.Totals.Loans, n)
	}
	if rep.Totals.Overdue == 0 || len(rep.ByPurpose) != 2 || len(rep.ByBorrowerKind) != 2 ||
		len(rep.ByCapitalSource) != 3 || len(rep.ByChannel) != 5 {
		t.Errorf("the book lacks variety: %+v", rep.Totals)
	}
	if again := generate(t, "-n", "20000"); !bytes.Equal(file, again) {
		t.Error("two runs with the same flags differ")
	}
	if other := generate(t, "-n", "20000", "-seed", "7"); bytes.Equal(file, other) {
		t.Error("another seed gives the same file")
	}
	// The README states the size of a line: about 96 bytes a loan, so that
	// 20 MiB holds about 217,000 loans and a million loans 96 MB.
	if per := float64(len(file)) / n; per < 94 || per > 98 {
		t.Errorf("%.1f bytes a loan; the README says about 96", per)
	}
}

// -province 12 keeps to Lai Châu's 38 communes of 2025; -as-of bounds the
// disbursement dates.
func TestProvinceAndDate(t *testing.T) {
	file := generate(t, "-n", "3000", "-province", "12", "-as-of", "2024-09-30")
	laichau, err := communeCodes("12")
	if err != nil || len(laichau) != 38 {
		t.Fatalf("Lai Châu: %d communes, %v; want 38", len(laichau), err)
	}
	recs, err := csv.NewReader(bytes.NewReader(file)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	ofLaiChau := map[string]bool{}
	for _, c := range laichau {
		ofLaiChau[c] = true
	}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		if !ofLaiChau[r[1]] {
			t.Fatalf("commune %s is not one of Lai Châu's", r[1])
		}
		seen[r[1]] = true
		if r[6] < "2023-11-01" || r[6] > "2024-09-30" {
			t.Fatalf("disbursed on %s, outside 2023-11-01 … 2024-09-30", r[6])
		}
	}
	if len(seen) != 38 {
		t.Errorf("%d of Lai Châu's 38 communes used", len(seen))
	}
	if _, err := reporting.PortfolioCSV(bytes.NewReader(file), credit.MustDate(2024, 9, 30), 0); err != nil {
		t.Errorf("the loan book refuses the file: %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-n", "-1"}, "cannot be negative"},
		{[]string{"-province", "99"}, "not the code of a 2025 province"},
		{[]string{"-as-of", "2023-10-31"}, "on or after 2023-11-01"},
		{[]string{"-as-of", "30/09/2026"}, "want a date"},
		{[]string{"-n", "many"}, "invalid value"},
		{[]string{"extra"}, "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			err := run(tc.args, &bytes.Buffer{}, &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

// -o writes to a file what standard output would get.
func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loans.csv")
	generate(t, "-n", "500", "-o", path)
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := generate(t, "-n", "500"); !bytes.Equal(got, want) {
		t.Error("-o wrote another file than standard output gets")
	}
}
