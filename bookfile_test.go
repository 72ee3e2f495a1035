package credit_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// maxRulesFile mirrors the package's limit on the size of a rules file.
const maxRulesFile = 4 << 20

func writeJSON(t testing.TB, b *credit.Book) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := b.WriteJSON(&buf); err != nil {
		t.Fatalf("WriteJSON: %v", err)
	}
	return buf.Bytes()
}

// assertSameBook checks that two books hold the same version, date of
// force, holidays, series (with citations) and editions.
func assertSameBook(t *testing.T, got, want *credit.Book) {
	t.Helper()
	if got.Version() != want.Version() {
		t.Errorf("Version() = %q, want %q", got.Version(), want.Version())
	}
	if got.InForce() != want.InForce() {
		t.Errorf("InForce() = %v, want %v", got.InForce(), want.InForce())
	}
	if !slices.Equal(got.Holidays(), want.Holidays()) {
		t.Errorf("Holidays() = %v, want %v", got.Holidays(), want.Holidays())
	}
	for _, k := range credit.Keys() {
		if g, w := got.Series(k), want.Series(k); !reflect.DeepEqual(g, w) {
			t.Errorf("Series(%v):\n got %+v\nwant %+v", k, g, w)
		}
	}
	ge, we := got.Editions(), want.Editions()
	if len(ge) != len(we) {
		t.Fatalf("%d editions, want %d", len(ge), len(we))
	}
	for i := range ge {
		if ge[i].From() != we[i].From() || ge[i].To() != we[i].To() {
			t.Errorf("edition %d = %v..%v, want %v..%v", i, ge[i].From(), ge[i].To(), we[i].From(), we[i].To())
		}
		for _, k := range credit.Keys() {
			if ge[i].Int(k) != we[i].Int(k) {
				t.Errorf("edition %d: %v = %d, want %d", i, k, ge[i].Int(k), we[i].Int(k))
			}
		}
	}
}

func loadFixture(t *testing.T, name string) *credit.Book {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "rules", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := credit.LoadBook(f)
	if err != nil {
		t.Fatalf("LoadBook(%s): %v", name, err)
	}
	return b
}

func TestWriteJSONOverrideRoundTrip(t *testing.T) {
	rateCut, err := credit.DefaultBook().With("test/rate-cut", credit.LendingRate, []credit.Span{
		{From: d(2015, time.June, 5), To: d(2025, time.November, 30), Value: 6_600_000_000, Citation: credit.Cite(credit.QD750, 0, 0, "")},
		{From: d(2025, time.December, 1), To: d(2025, time.December, 31), Value: 6_240_000_000, Citation: credit.Cite(credit.QD2553, 0, 0, "")},
		{From: d(2026, time.January, 1), To: d(2026, time.March, 31), Value: 4_240_000_000, Citation: credit.Cite("9999/QĐ-TTg", 0, 0, "")},
		{From: d(2026, time.April, 1), Value: 6_240_000_000, Citation: credit.Cite(credit.QD2553, 0, 0, "")},
	})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		book *credit.Book
	}{
		{name: "default book", book: credit.DefaultBook()},
		{name: "temporary rate cut", book: rateCut},
		{name: "holidays and working-day flag", book: loadFixture(t, "good_working_day.json")},
		{name: "money, choice and percent values", book: loadFixture(t, "good_values.json")},
		{name: "later date of force", book: loadFixture(t, "good_in_force.json")},
		// Regression: WriteJSON dropped citation text written by hand.
		{name: "citation text written by hand", book: loadFixture(t, "good_rate_cut.json")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first := writeJSON(t, tc.book)
			back, err := credit.LoadBook(bytes.NewReader(first))
			if err != nil {
				t.Fatalf("LoadBook(WriteJSON()): %v\n%s", err, first)
			}
			assertSameBook(t, back, tc.book)
			// Override on another base gives the same book: the file names
			// every parameter.
			other, err := rateCut.Override(bytes.NewReader(first))
			if err != nil {
				t.Fatal(err)
			}
			assertSameBook(t, other, tc.book)
			if second := writeJSON(t, back); !bytes.Equal(first, second) {
				t.Errorf("WriteJSON after a round trip differs:\n%s\nwant\n%s", second, first)
			}
		})
	}
}

func TestWriteJSONShape(t *testing.T) {
	out := writeJSON(t, credit.DefaultBook())
	var f struct {
		Version        string   `json:"version"`
		InForce        string   `json:"in_force"`
		PublicHolidays []string `json:"public_holidays"`
		Parameters     map[string][]struct {
			From      string          `json:"from"`
			To        *string         `json:"to"`
			Value     json.RawMessage `json:"value"`
			Provinces []string        `json:"provinces"`
			Enacted   string          `json:"enacted"`
			Citation  map[string]any  `json:"citation"`
		} `json:"parameters"`
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		t.Fatalf("WriteJSON output: %v\n%s", err, out)
	}
	if f.Version != credit.DefaultVersion || f.InForce != "2023-10-10" {
		t.Errorf("version %q, in_force %q", f.Version, f.InForce)
	}
	if f.PublicHolidays == nil || len(f.PublicHolidays) != 0 {
		t.Errorf("public_holidays = %#v, want []", f.PublicHolidays)
	}
	if len(f.Parameters) != len(credit.Keys()) {
		t.Errorf("%d parameters, want %d", len(f.Parameters), len(credit.Keys()))
	}
	tests := []struct {
		name  string
		param string
		index int
		from  string
		to    string // "" means no "to" member
		value string // the raw JSON value
		cite  map[string]any
	}{
		{name: "rate until 2025-11-30", param: "lending_rate_yearly_pct", index: 0, from: "2015-06-05", to: "2025-11-30", value: `"6.6"`,
			cite: map[string]any{"instrument": "750/QĐ-TTg", "note": f.Parameters["lending_rate_yearly_pct"][0].Citation["note"]}},
		{name: "rate from 2025-12-01", param: "lending_rate_yearly_pct", index: 1, from: "2025-12-01", value: `"6.24"`,
			cite: map[string]any{"instrument": "2553/QĐ-TTg", "note": f.Parameters["lending_rate_yearly_pct"][1].Citation["note"]}},
		{name: "count", param: "release_window_years", from: "2023-10-10", value: `5`,
			cite: map[string]any{"instrument": "22/2023/QĐ-TTg", "article": 3.0, "clause": 2.0, "point": "a"}},
		{name: "money is a string", param: "cap_individual", from: "2023-10-10", value: `"100000000"`,
			cite: map[string]any{"instrument": "22/2023/QĐ-TTg", "article": 6.0, "clause": 2.0, "point": "a"}},
		{name: "percent", param: "overdue_rate_pct", from: "2023-10-10", value: `130`,
			cite: map[string]any{"instrument": "22/2023/QĐ-TTg", "article": 9.0}},
		{name: "flag", param: "window_ends_on_working_day", from: "2023-10-10", value: `false`,
			cite: map[string]any{"instrument": "91/2015/QH13", "article": 148.0, "clause": 5.0, "note": f.Parameters["window_ends_on_working_day"][0].Citation["note"]}},
		{name: "choice", param: "per_worker_cap_base", from: "2023-10-10", value: `"all_workers"`,
			cite: map[string]any{"instrument": "22/2023/QĐ-TTg", "article": 6.0, "clause": 2.0, "point": "b", "note": f.Parameters["per_worker_cap_base"][0].Citation["note"]}},
		{name: "a provincial span", param: "lending_rate_cut_yearly_pct", index: 1, from: "2025-10-01", to: "2025-12-31", value: `"2"`,
			cite: map[string]any{"instrument": "2654/QĐ-TTg", "note": f.Parameters["lending_rate_cut_yearly_pct"][1].Citation["note"]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spans := f.Parameters[tc.param]
			if len(spans) <= tc.index {
				t.Fatalf("%s has %d spans", tc.param, len(spans))
			}
			s := spans[tc.index]
			if s.From != tc.from {
				t.Errorf("from = %q, want %q", s.From, tc.from)
			}
			if (s.To == nil) != (tc.to == "") || (s.To != nil && *s.To != tc.to) {
				t.Errorf("to = %v, want %q", s.To, tc.to)
			}
			if string(s.Value) != tc.value {
				t.Errorf("value = %s, want %s", s.Value, tc.value)
			}
			if n, ok := tc.cite["note"]; ok && (n == nil || n == "") {
				t.Errorf("citation has no note")
			}
			if !reflect.DeepEqual(s.Citation, tc.cite) {
				t.Errorf("citation = %v, want %v", s.Citation, tc.cite)
			}
		})
	}
}

func TestLoadBookFixtures(t *testing.T) {
	const rate = "/parameters/lending_rate_yearly_pct"
	rateOn := func(t *testing.T, b *credit.Book, on credit.Date) string {
		t.Helper()
		p, err := b.On(on)
		if err != nil {
			t.Fatalf("On(%v): %v", on, err)
		}
		return p.LendingRate().YearlyPct().String()
	}
	tests := []struct {
		file      string
		rulesFile bool      // want ErrRulesFile
		want      []problem // want these problems
		check     func(t *testing.T, b *credit.Book)
	}{
		{file: "good_new_rate.json", check: func(t *testing.T, b *credit.Book) {
			if b.Version() != "test/new-rate-2026-07-01" {
				t.Errorf("Version() = %q", b.Version())
			}
			for _, c := range []struct {
				on   credit.Date
				want string
			}{
				{d(2025, time.November, 30), "6.6"},
				{d(2025, time.December, 1), "6.24"},
				{d(2026, time.June, 30), "6.24"},
				{d(2026, time.July, 1), "6"},
			} {
				if got := rateOn(t, b, c.on); got != c.want {
					t.Errorf("rate on %v = %s, want %s", c.on, got, c.want)
				}
			}
			p, _ := b.On(d(2026, time.July, 1))
			if got := p.OverdueRate().MonthlyPct().String(); got != "0.65" {
				t.Errorf("overdue on 2026-07-01 = %s %%/month, want 0.65", got)
			}
			if c := p.Citation(credit.LendingRate); c.Instrument != "1234/QĐ-TTg" || c.Text != "Quyết định 1234/QĐ-TTg" || c.Note == "" {
				t.Errorf("citation = %+v", c)
			}
			if n := len(b.Editions()); n != 3 {
				t.Errorf("%d editions, want 3", n)
			}
			// Parameters the file does not name keep the built-in values.
			if got := p.VND(credit.CapIndividual); got != 100_000_000 {
				t.Errorf("cap_individual = %d", got)
			}
			if got := p.Citation(credit.CapIndividual).Instrument; got != credit.QD22 {
				t.Errorf("cap_individual citation = %s", got)
			}
		}},
		{file: "good_rate_cut.json", check: func(t *testing.T, b *credit.Book) {
			for _, c := range []struct {
				on   credit.Date
				want string
			}{
				{d(2025, time.December, 31), "6.24"},
				{d(2026, time.January, 1), "4.24"},
				{d(2026, time.March, 31), "4.24"},
				{d(2026, time.April, 1), "6.24"},
			} {
				if got := rateOn(t, b, c.on); got != c.want {
					t.Errorf("rate on %v = %s, want %s", c.on, got, c.want)
				}
			}
			p, _ := b.On(d(2026, time.January, 1))
			if c := p.Citation(credit.LendingRate); c.Text != "Quyết định giảm lãi suất tạm thời" || c.TextEN != "Temporary rate cut" {
				t.Errorf("a citation's own text was not kept: %+v", c)
			}
			if got := p.LendingRate().MonthlyPct().String(); got != "0.353333333" {
				t.Errorf("monthly = %s", got)
			}
		}},
		{file: "good_working_day.json", check: func(t *testing.T, b *credit.Book) {
			want := []credit.Date{d(2024, time.September, 2), d(2024, time.September, 3), d(2025, time.January, 1)}
			if got := b.Holidays(); !slices.Equal(got, want) {
				t.Errorf("Holidays() = %v, want %v", got, want)
			}
			p, _ := b.On(d(2024, time.June, 1))
			if !p.Flag(credit.WindowEndsOnWorkingDay) {
				t.Fatal("flag is off")
			}
			if got := p.WindowLastDay(d(2019, time.August, 31)); got != d(2024, time.September, 4) {
				t.Errorf("WindowLastDay(2019-08-31) = %v, want 2024-09-04", got)
			}
			if got := p.WindowLastDay(d(2019, time.December, 31)); got != d(2024, time.December, 31) {
				t.Errorf("WindowLastDay(2019-12-31) = %v, want 2024-12-31 (a Tuesday)", got)
			}
			if got := p.WindowLastDay(d(2020, time.January, 1)); got != d(2025, time.January, 2) {
				t.Errorf("WindowLastDay(2020-01-01) = %v, want 2025-01-02", got)
			}
		}},
		{file: "good_values.json", check: func(t *testing.T, b *credit.Book) {
			before, _ := b.On(d(2025, time.December, 31))
			after, _ := b.On(d(2026, time.January, 1))
			if before.VND(credit.CapIndividual) != 100_000_000 || after.VND(credit.CapIndividual) != 120_000_000 {
				t.Errorf("cap_individual = %d then %d", before.VND(credit.CapIndividual), after.VND(credit.CapIndividual))
			}
			if after.VND(credit.CollateralThreshold) != 0 {
				t.Errorf("collateral_threshold = %d", after.VND(credit.CollateralThreshold))
			}
			if after.Int(credit.PerWorkerCapBase) != credit.CapBaseQualifyingWorkers {
				t.Errorf("per_worker_cap_base = %d", after.Int(credit.PerWorkerCapBase))
			}
			if got := after.OverdueRate().MonthlyPct().String(); got != "0.78" {
				t.Errorf("overdue at 150 %% of 0.52 = %s, want 0.78", got)
			}
			if after.Int(credit.ReleaseWindowYears) != 100 || after.Int(credit.TrainingRepaymentFactorShort) != 0 {
				t.Errorf("window %d, factor %d", after.Int(credit.ReleaseWindowYears), after.Int(credit.TrainingRepaymentFactorShort))
			}
			if c := after.Citation(credit.PerWorkerCapBase); c.Instrument != credit.LegalReference || c.TextEN != "project legal reference (qd22.md)" {
				t.Errorf("citation = %+v", c)
			}
		}},
		{file: "good_version_only.json", check: func(t *testing.T, b *credit.Book) {
			def := credit.DefaultBook()
			if b.Version() != "test/version-only" || b.InForce() != def.InForce() {
				t.Errorf("version %q, in force %v", b.Version(), b.InForce())
			}
			for _, k := range credit.Keys() {
				if !reflect.DeepEqual(b.Series(k), def.Series(k)) {
					t.Errorf("Series(%v) differs from the default", k)
				}
			}
		}},
		{file: "good_in_force.json", check: func(t *testing.T, b *credit.Book) {
			if b.InForce() != d(2024, time.January, 1) {
				t.Errorf("InForce() = %v", b.InForce())
			}
			if _, err := b.On(d(2023, time.December, 31)); !errors.Is(err, credit.ErrBeforePolicy) {
				t.Errorf("On(2023-12-31) error = %v, want ErrBeforePolicy", err)
			}
			p, err := b.On(d(2024, time.January, 1))
			if err != nil || p.From() != d(2024, time.January, 1) {
				t.Errorf("On(2024-01-01) = %v, %v", p, err)
			}
		}},
		{file: "bad_not_json.json", rulesFile: true},
		{file: "bad_unknown_field.json", rulesFile: true},
		{file: "bad_unknown_span_field.json", rulesFile: true},
		{file: "bad_unknown_citation_field.json", rulesFile: true},
		{file: "bad_trailing_data.json", rulesFile: true},
		{file: "bad_trailing_garbage.json", rulesFile: true},
		{file: "bad_version_type.json", rulesFile: true},
		{file: "bad_parameters_type.json", rulesFile: true},
		{file: "bad_holidays_type.json", rulesFile: true},
		{file: "bad_article_type.json", rulesFile: true},
		{file: "bad_top_level_array.json", rulesFile: true},
		{file: "bad_empty.json", rulesFile: true},
		{file: "bad_truncated.json", rulesFile: true},
		{file: "bad_unknown_parameter.json", want: []problem{
			{"/parameters/lending_rate_monthly_pct", credit.CodeUnknownKey}}},
		{file: "bad_missing_version.json", want: []problem{{"/version", credit.CodeRequired}}},
		{file: "bad_empty_version.json", want: []problem{{"/version", credit.CodeRequired}}},
		{file: "bad_gap.json", want: []problem{
			{rate + "/1/from", credit.CodeGap},
			{"/parameters/overdue_rate_pct/0/from", credit.CodeGap}}},
		{file: "bad_overlap.json", want: []problem{
			{rate + "/1/from", credit.CodeOverlap},
			{"/parameters/cap_individual/1/from", credit.CodeOverlap}}},
		{file: "bad_unordered.json", want: []problem{
			{rate + "/0/from", credit.CodeGap},
			{rate + "/1/from", credit.CodeUnordered},
			{rate + "/1/to", credit.CodeGap}}},
		{file: "bad_to_before_from.json", want: []problem{
			{rate + "/0/to", credit.CodeToBeforeFrom},
			{rate + "/1/from", credit.CodeUnordered}}},
		{file: "bad_open_end.json", want: []problem{{rate + "/1/to", credit.CodeGap}}},
		{file: "bad_invalid_date.json", want: []problem{
			{"/public_holidays/1", credit.CodeInvalidDate},
			{"/public_holidays/2", credit.CodeInvalidDate},
			{rate + "/1/from", credit.CodeInvalidDate},
			{"/parameters/release_window_years/0/from", credit.CodeInvalidDate}}},
		{file: "bad_invalid_value_type.json", want: []problem{
			{rate + "/1/value", credit.CodeInvalidValue},
			{"/parameters/window_ends_on_working_day/0/value", credit.CodeInvalidValue},
			{"/parameters/release_window_years/0/value", credit.CodeInvalidValue},
			{"/parameters/term_production_max_months/0/value", credit.CodeInvalidValue},
			{"/parameters/overdue_rate_pct/0/value", credit.CodeInvalidValue},
			{"/parameters/per_worker_cap_base/0/value", credit.CodeInvalidValue},
			{"/parameters/cap_individual/0/value", credit.CodeInvalidValue},
			{"/parameters/cap_establishment_project/0/value", credit.CodeInvalidValue},
			{"/parameters/collateral_threshold/0/value", credit.CodeInvalidValue},
			{"/parameters/worker_share_min_pct/0/value", credit.CodeInvalidValue}}},
		{file: "bad_out_of_range.json", want: []problem{
			{"/parameters/release_window_years/0/value", credit.CodeOutOfRange},
			{"/parameters/overdue_rate_pct/0/value", credit.CodeOutOfRange},
			{"/parameters/cap_individual/0/value", credit.CodeOutOfRange},
			{"/parameters/worker_share_min_pct/0/value", credit.CodeOutOfRange}}},
		{file: "bad_missing_citation.json", want: []problem{
			{"/parameters/release_window_years/0/citation/instrument", credit.CodeRequired},
			{"/parameters/cap_individual/0/citation/instrument", credit.CodeRequired}}},
		{file: "bad_missing_from.json", want: []problem{
			{"/parameters/release_window_years/0/from", credit.CodeRequired},
			{"/parameters/cap_individual/0/from", credit.CodeRequired}}},
		{file: "bad_empty_series.json", want: []problem{
			{"/parameters/cap_individual", credit.CodeEmpty},
			{"/parameters/cap_establishment_project", credit.CodeEmpty}}},
		{file: "bad_many_problems.json", want: []problem{
			{"/version", credit.CodeRequired},
			{"/parameters/lending_rate", credit.CodeUnknownKey},
			{"/parameters/overdue_rate_pct/1/from", credit.CodeGap},
			{"/parameters/overdue_rate_pct/1/value", credit.CodeOutOfRange},
			{"/parameters/overdue_rate_pct/1/citation/instrument", credit.CodeRequired}}},
	}
	covered := map[string]bool{}
	for _, tc := range tests {
		covered[tc.file] = true
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "rules", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := credit.LoadBook(bytes.NewReader(data))
			switch {
			case tc.rulesFile:
				if !errors.Is(err, credit.ErrRulesFile) {
					t.Fatalf("LoadBook error = %v, want ErrRulesFile", err)
				}
				if errors.Is(err, credit.ErrInvalid) {
					t.Errorf("a malformed file is also ErrInvalid: %v", err)
				}
				if b != nil {
					t.Error("LoadBook returned a book with an error")
				}
			case tc.want != nil:
				if b != nil {
					t.Error("LoadBook returned a book with an error")
				}
				checkProblems(t, err, tc.want)
			default:
				if err != nil {
					t.Fatalf("LoadBook error = %v", err)
				}
				tc.check(t, b)
			}
		})
	}
	files, err := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("fixture %s has no case", f)
		}
	}
}

func TestOverrideKeepsBase(t *testing.T) {
	base := loadFixture(t, "good_rate_cut.json")
	base, err := base.Override(strings.NewReader(`{"version": "test/holidays", "public_holidays": ["2024-09-02"]}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name         string
		file         string
		wantHolidays []credit.Date
		wantWindow   int64
	}{
		{name: "other parameter only", wantWindow: 7, wantHolidays: []credit.Date{d(2024, time.September, 2)},
			file: `{"version": "test/window", "parameters": {"release_window_years": [
				{"from": "2023-10-10", "value": 7, "citation": {"instrument": "22/2023/QĐ-TTg"}}]}}`},
		{name: "holidays replaced", wantWindow: 5, wantHolidays: []credit.Date{d(2025, time.September, 2)},
			file: `{"version": "test/holidays-2025", "public_holidays": ["2025-09-02"]}`},
		{name: "holidays cleared", wantWindow: 5, wantHolidays: nil,
			file: `{"version": "test/no-holidays", "public_holidays": []}`},
		{name: "holidays absent keep the base's", wantWindow: 5, wantHolidays: []credit.Date{d(2024, time.September, 2)},
			file: `{"version": "test/keep"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			nb, err := base.Override(strings.NewReader(tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p, err := nb.On(d(2026, time.January, 1))
			if err != nil {
				t.Fatal(err)
			}
			if got := p.LendingRate().YearlyPct().String(); got != "4.24" {
				t.Errorf("rate on 2026-01-01 = %s, want the base's 4.24", got)
			}
			if got := p.Int(credit.ReleaseWindowYears); got != tc.wantWindow {
				t.Errorf("window = %d, want %d", got, tc.wantWindow)
			}
			if got := nb.Holidays(); len(got) != len(tc.wantHolidays) || !slices.Equal(got, tc.wantHolidays) {
				t.Errorf("Holidays() = %v, want %v", got, tc.wantHolidays)
			}
			if got := base.Holidays(); !slices.Equal(got, []credit.Date{d(2024, time.September, 2)}) {
				t.Errorf("Override changed the base's holidays to %v", got)
			}
		})
	}
}

func TestOverrideSizeLimit(t *testing.T) {
	doc := `{"version": "test/size"}`
	tests := []struct {
		name    string
		size    int
		wantErr bool
	}{
		{name: "exactly the limit", size: maxRulesFile},
		{name: "one byte over", size: maxRulesFile + 1, wantErr: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(doc + strings.Repeat(" ", tc.size-len(doc)))
			b, err := credit.LoadBook(bytes.NewReader(data))
			if tc.wantErr {
				if !errors.Is(err, credit.ErrRulesFile) || b != nil {
					t.Errorf("LoadBook(%d bytes) = %v, %v, want ErrRulesFile", len(data), b, err)
				}
				return
			}
			if err != nil || b.Version() != "test/size" {
				t.Errorf("LoadBook(%d bytes) = %v, %v", len(data), b, err)
			}
		})
	}
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

func TestOverrideReadError(t *testing.T) {
	cause := errors.New("disk on fire")
	b, err := credit.DefaultBook().Override(failingReader{cause})
	if b != nil || !errors.Is(err, cause) {
		t.Errorf("Override(failing reader) = %v, %v, want the reader's error", b, err)
	}
	if errors.Is(err, credit.ErrInvalid) {
		t.Errorf("a read error is ErrInvalid: %v", err)
	}
}

// FuzzOverride: any bytes give a book or an error, never a panic. Errors are
// ErrRulesFile or Problems (ErrInvalid). A book answers On for its first day
// of force, its editions tile the time line, and it survives WriteJSON and
// LoadBook.
func FuzzOverride(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "rules", "*.json"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	var buf bytes.Buffer
	if err := credit.DefaultBook().WriteJSON(&buf); err == nil {
		f.Add(buf.Bytes())
	}
	f.Add([]byte(`{"version":"x","in_force":"0001-01-01"}`))
	f.Add([]byte(`{"version":"x","in_force":"9999-12-31"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		base := credit.DefaultBook()
		b, err := base.Override(bytes.NewReader(data))
		if err != nil {
			if b != nil {
				t.Fatal("book and error")
			}
			if !errors.Is(err, credit.ErrRulesFile) && !errors.Is(err, credit.ErrInvalid) {
				t.Fatalf("error is neither ErrRulesFile nor ErrInvalid: %v", err)
			}
			var ps credit.Problems
			if errors.As(err, &ps) && len(ps) == 0 {
				t.Fatalf("empty Problems error: %v", err)
			}
			return
		}
		p, err := b.On(b.InForce())
		if err != nil || p == nil {
			t.Fatalf("On(in force %v) = %v, %v", b.InForce(), p, err)
		}
		if first := d(1, time.January, 1); b.InForce() != first {
			if _, err := b.On(b.InForce().AddDays(-1)); !errors.Is(err, credit.ErrBeforePolicy) {
				t.Fatalf("On(day before %v) error = %v", b.InForce(), err)
			}
		}
		eds := b.Editions()
		if len(eds) == 0 || eds[0].From() != b.InForce() || !eds[len(eds)-1].To().IsZero() {
			t.Fatalf("editions do not start on %v or do not end open", b.InForce())
		}
		for i, ed := range eds {
			if i+1 < len(eds) && ed.To().AddDays(1) != eds[i+1].From() {
				t.Fatalf("edition %d ends %v, next starts %v", i, ed.To(), eds[i+1].From())
			}
			for _, k := range credit.Keys() {
				if c := ed.Citation(k); c.Instrument == "" || c.Text == "" {
					t.Fatalf("edition %d: %v has citation %+v", i, k, c)
				}
			}
		}
		var out bytes.Buffer
		if err := b.WriteJSON(&out); err != nil {
			t.Fatalf("WriteJSON: %v", err)
		}
		back, err := base.Override(&out)
		if err != nil {
			t.Fatalf("LoadBook(WriteJSON()) = %v\n%s", err, out.Bytes())
		}
		if back.Version() != b.Version() || back.InForce() != b.InForce() || !slices.Equal(back.Holidays(), b.Holidays()) {
			t.Fatalf("round trip changed version, date of force or holidays")
		}
		for _, k := range credit.Keys() {
			g, w := back.Series(k), b.Series(k)
			if len(g) != len(w) {
				t.Fatalf("round trip changed %v: %d spans, want %d", k, len(g), len(w))
			}
			for i := range g {
				gc, wc := g[i].Citation, w[i].Citation
				if g[i].From != w[i].From || g[i].To != w[i].To || g[i].Value != w[i].Value ||
					gc.Instrument != wc.Instrument || gc.Article != wc.Article || gc.Clause != wc.Clause ||
					gc.Point != wc.Point || gc.Note != wc.Note {
					t.Fatalf("round trip changed %v[%d]: %+v, want %+v", k, i, g[i], w[i])
				}
			}
		}
	})
}
