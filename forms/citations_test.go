package forms_test

import (
	"encoding/csv"
	"os"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// TestFormProblemCitations checks the form problems that a rule of law
// decides against the project's one table of expected citations
// (testdata/citations.csv at the root, kind "form"): each problem's message
// cites the clause in both languages, and every "form" row of the table is
// checked.
func TestFormProblemCitations(t *testing.T) {
	f, err := os.Open("../testdata/citations.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{} // id → text, text_en
	for _, rec := range recs[1:] {
		if rec[0] == "form" {
			want[rec[1]] = [2]string{rec[7], rec[8]}
		}
	}
	b := credit.DefaultBook()
	production := fxList01()
	production.Rows = []forms.Row01{fxRow01()}
	production.Rows[0].Amount = 100_000_001
	training := fxList01()
	training.Rows = []forms.Row01{fxRow01Training()}
	training.Rows[0].Amount = 4_000_000*credit.VND(training.Rows[0].CourseMonths) + 1
	perWorker := fxPlan02() // 10 workers × 100,000,000 = 1,000,000,000
	perWorker.AmountRequested = 1_000_000_001
	perWorker.Collateral = "Nhà xưởng"
	collateral := fxPlan02()
	collateral.AmountRequested = 100_000_001
	collateral.Collateral = ""
	for _, tc := range []struct {
		id, pointer, code string
		err               error
	}{
		{"01/above_cap/production", "/rows/0/amount", forms.CodeAboveCap, forms.Validate01(b, production)},
		{"01/above_cap/vocational_training", "/rows/0/amount", forms.CodeAboveCap, forms.Validate01(b, training)},
		{"02/above_cap/per_worker", "/amount_requested", forms.CodeAboveCap, forms.Validate02(b, perWorker)},
		{"02/collateral_required", "/collateral", forms.CodeCollateralRequired, forms.Validate02(b, collateral)},
	} {
		t.Run(tc.id, func(t *testing.T) {
			texts, ok := want[tc.id]
			if !ok {
				t.Fatalf("%s is not in testdata/citations.csv", tc.id)
			}
			delete(want, tc.id)
			p := fxFind(t, tc.err, tc.pointer, tc.code)
			if !strings.Contains(p.Message.VI, "("+texts[0]+")") || !strings.Contains(p.Message.EN, "("+texts[1]+")") {
				t.Errorf("message\n\t%s\n\t%s\nwant it to cite\n\t%s\n\t%s", p.Message.VI, p.Message.EN, texts[0], texts[1])
			}
		})
	}
	for id := range want {
		t.Errorf("form %s is in testdata/citations.csv but no case checks it", id)
	}
}
