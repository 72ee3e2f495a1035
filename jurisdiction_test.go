package credit_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

// TestRateCutByProvince walks the storm-relief cut of QĐ2654 (province 12,
// Lai Châu) and QĐ2731 (56, Khánh Hòa) across its boundaries, beside a
// province outside it (96, Cà Mau) and the national values.
func TestRateCutByProvince(t *testing.T) {
	b := credit.DefaultBook()
	d := func(y int, m time.Month, day int) credit.Date { return credit.MustDate(y, m, day) }
	tests := []struct {
		province string
		on       credit.Date
		yearly   string // the rate charged, %/year
		overdue  string // the overdue rate, %/month
		own      string // Params.Province()
		cite     string // RateCitation().Instrument
	}{
		{"12", d(2025, 9, 30), "6.6", "0.715", "", credit.QD750},
		{"12", d(2025, 10, 1), "4.6", "0.715", "12", credit.QD2654},
		{"12", d(2025, 11, 30), "4.6", "0.715", "12", credit.QD2654},
		{"12", d(2025, 12, 1), "4.24", "0.676", "12", credit.QD2654},
		{"12", d(2025, 12, 31), "4.24", "0.676", "12", credit.QD2654},
		{"12", d(2026, 1, 1), "6.24", "0.676", "", credit.QD2553},
		{"56", d(2025, 9, 30), "6.6", "0.715", "", credit.QD750},
		{"56", d(2025, 10, 1), "4.6", "0.715", "56", credit.QD2731},
		{"56", d(2025, 12, 31), "4.24", "0.676", "56", credit.QD2731},
		{"56", d(2026, 1, 1), "6.24", "0.676", "", credit.QD2553},
		{"96", d(2025, 9, 30), "6.6", "0.715", "", credit.QD750},
		{"96", d(2025, 10, 1), "6.6", "0.715", "", credit.QD750},
		{"96", d(2025, 11, 30), "6.6", "0.715", "", credit.QD750},
		{"96", d(2025, 12, 1), "6.24", "0.676", "", credit.QD2553},
		{"96", d(2025, 12, 31), "6.24", "0.676", "", credit.QD2553},
		{"96", d(2026, 1, 1), "6.24", "0.676", "", credit.QD2553},
		{"", d(2025, 10, 15), "6.6", "0.715", "", credit.QD750},
		{"", d(2025, 12, 15), "6.24", "0.676", "", credit.QD2553},
	}
	for _, tc := range tests {
		t.Run(tc.province+"/"+tc.on.String(), func(t *testing.T) {
			p, err := b.At(credit.Query{On: tc.on, Province: tc.province})
			if err != nil {
				t.Fatal(err)
			}
			if got := p.LendingRate().YearlyPct().String(); got != tc.yearly {
				t.Errorf("rate %s %%/year, want %s", got, tc.yearly)
			}
			if got := p.OverdueRate().MonthlyPct().String(); got != tc.overdue {
				t.Errorf("overdue %s %%/month, want %s", got, tc.overdue)
			}
			if p.Province() != tc.own {
				t.Errorf("Province() = %q, want %q", p.Province(), tc.own)
			}
			if c := p.RateCitation(); c.Instrument != tc.cite || c.Year != 2015 && c.Year != 2025 {
				t.Errorf("RateCitation() = %s of %d, want %s with its year", c.Instrument, c.Year, tc.cite)
			}
		})
	}
}

// TestRateCutLowersOverdue: with the flag on, the overdue rate is 130 % of
// the cut rate.
func TestRateCutLowersOverdue(t *testing.T) {
	b, err := credit.DefaultBook().With("test/overdue-cut", credit.CutLowersOverdueRate,
		[]credit.Span{{From: credit.MustDate(2023, 10, 10), Value: 1, Citation: credit.Cite(credit.QD2654, 0, 0, "")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		province, overdue string
	}{{"12", "0.498333333"}, {"96", "0.715"}} {
		p, err := b.At(credit.Query{On: credit.MustDate(2025, 10, 15), Province: tc.province})
		if err != nil {
			t.Fatal(err)
		}
		if got := p.OverdueRate().MonthlyPct().String(); got != tc.overdue {
			t.Errorf("province %s: overdue %s %%/month, want %s", tc.province, got, tc.overdue)
		}
	}
}

// TestKnownOn: QĐ2654 was signed on 2025-12-04 for days from 2025-10-01,
// QĐ2731 on 2025-12-16, QĐ2553 on 2025-11-21; an answer as known before
// each leaves it out.
func TestKnownOn(t *testing.T) {
	b := credit.DefaultBook()
	d := func(y int, m time.Month, day int) credit.Date { return credit.MustDate(y, m, day) }
	tests := []struct {
		name     string
		q        credit.Query
		yearly   string
		wantErr  error
		province string
	}{
		{"cut known the day it was signed", credit.Query{On: d(2025, 10, 15), Province: "12", KnownOn: d(2025, 12, 4)}, "4.6", nil, "12"},
		{"cut not known the day before", credit.Query{On: d(2025, 10, 15), Province: "12", KnownOn: d(2025, 12, 3)}, "6.6", nil, ""},
		{"QĐ2731 not known before 12-16", credit.Query{On: d(2025, 10, 15), Province: "56", KnownOn: d(2025, 12, 15)}, "6.6", nil, ""},
		{"QĐ2731 known on 12-16", credit.Query{On: d(2025, 10, 15), Province: "56", KnownOn: d(2025, 12, 16)}, "4.6", nil, "56"},
		{"QĐ2553 not known on 11-20: 6.6 held until further notice", credit.Query{On: d(2025, 12, 15), KnownOn: d(2025, 11, 20)}, "6.6", nil, ""},
		{"QĐ2553 known on 11-21", credit.Query{On: d(2025, 12, 15), KnownOn: d(2025, 11, 21)}, "6.24", nil, ""},
		{"known later than everything", credit.Query{On: d(2025, 12, 15), Province: "12", KnownOn: d(2030, 1, 1)}, "4.24", nil, "12"},
		{"before QĐ22 was signed", credit.Query{On: d(2025, 12, 15), KnownOn: d(2023, 8, 16)}, "", credit.ErrNotYetEnacted, ""},
		{"the day QĐ22 was signed", credit.Query{On: d(2023, 10, 10), KnownOn: d(2023, 8, 17)}, "6.6", nil, ""},
		{"unknown province", credit.Query{On: d(2025, 10, 15), Province: "99"}, "", credit.ErrUnknownProvince, ""},
		{"an ID-number province code is not a 2025 code", credit.Query{On: d(2025, 10, 15), Province: "012"}, "", credit.ErrUnknownProvince, ""},
		{"before the policy", credit.Query{On: d(2023, 10, 9), Province: "12"}, "", credit.ErrBeforePolicy, ""},
		{"zero day", credit.Query{Province: "12"}, "", credit.ErrInvalidDate, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.At(tc.q)
			if !errors.Is(err, tc.wantErr) || (err != nil) != (tc.wantErr != nil) {
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if got := p.LendingRate().YearlyPct().String(); got != tc.yearly {
				t.Errorf("rate %s, want %s", got, tc.yearly)
			}
			if p.Province() != tc.province {
				t.Errorf("Province() = %q, want %q", p.Province(), tc.province)
			}
		})
	}
}

func TestProvincesWithOwnValues(t *testing.T) {
	b := credit.DefaultBook()
	d := func(y int, m time.Month, day int) credit.Date { return credit.MustDate(y, m, day) }
	all := []string{"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33",
		"37", "38", "40", "42", "44", "46", "48", "51", "52", "56", "66", "68"}
	for _, tc := range []struct {
		name     string
		from, to credit.Date
		knownOn  credit.Date
		want     []string
	}{
		{"the day before", d(2025, 9, 30), d(2025, 9, 30), credit.Date{}, nil},
		{"the first day", d(2025, 10, 1), d(2025, 10, 1), credit.Date{}, all},
		{"the last day", d(2025, 12, 31), d(2025, 12, 31), credit.Date{}, all},
		{"the day after", d(2026, 1, 1), d(2026, 1, 1), credit.Date{}, nil},
		{"a loan from 2024 on", d(2024, 1, 1), credit.Date{}, credit.Date{}, all},
		{"known the day before QĐ2654", d(2025, 10, 1), d(2025, 10, 1), d(2025, 12, 3), nil},
		{"known the day QĐ2654 was signed", d(2025, 10, 1), d(2025, 10, 1), d(2025, 12, 4), all[:22]},
		{"known the day QĐ2731 was signed", d(2025, 10, 1), d(2025, 10, 1), d(2025, 12, 16), all},
		{"known before QĐ22", d(2025, 10, 1), d(2025, 10, 1), d(2023, 1, 1), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := b.ProvincesWithOwnValues(tc.from, tc.to, tc.knownOn); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRulesFileProvinces: a rules file adds provincial spans, overrides a
// series, and is checked per province with pointers into the file.
func TestRulesFileProvinces(t *testing.T) {
	cite := `"citation": {"instrument": "99/2026/QĐ-UBND"}`
	tests := []struct {
		name  string
		file  string
		check func(t *testing.T, b *credit.Book)
		probs []string // "pointer code"
	}{
		{
			name: "a province adds a span of its own",
			file: `{"version": "t/1", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2026-03-01", "to": "2026-05-31", "value": "1", "provinces": ["12"], "enacted": "2026-02-20", ` + cite + `}]}}`,
			check: func(t *testing.T, b *credit.Book) {
				for _, tc := range []struct {
					on       credit.Date
					province string
					want     string
				}{
					{credit.MustDate(2025, 10, 15), "12", "4.6"}, // the built-in span is kept
					{credit.MustDate(2026, 2, 28), "12", "6.24"},
					{credit.MustDate(2026, 3, 1), "12", "5.24"},
					{credit.MustDate(2026, 5, 31), "12", "5.24"},
					{credit.MustDate(2026, 6, 1), "12", "6.24"},
					{credit.MustDate(2026, 3, 1), "11", "6.24"},
				} {
					p, err := b.At(credit.Query{On: tc.on, Province: tc.province})
					if err != nil {
						t.Fatal(err)
					}
					if got := p.LendingRate().YearlyPct().String(); got != tc.want {
						t.Errorf("%s in %s: %s, want %s", tc.on, tc.province, got, tc.want)
					}
				}
				p, _ := b.At(credit.Query{On: credit.MustDate(2026, 3, 1), Province: "12", KnownOn: credit.MustDate(2026, 2, 19)})
				if got := p.LendingRate().YearlyPct().String(); got != "6.24" {
					t.Errorf("known before it was enacted: %s, want 6.24", got)
				}
			},
		},
		{
			name: "a whole series replaces the built-in one",
			file: `{"version": "t/2", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2023-10-10", "value": "0", ` + cite + `},
				{"from": "2025-10-01", "to": "2025-11-30", "value": "2", "provinces": ["12"], ` + cite + `}]}}`,
			check: func(t *testing.T, b *credit.Book) {
				p, _ := b.At(credit.Query{On: credit.MustDate(2025, 12, 15), Province: "12"})
				if got := p.LendingRate().YearlyPct().String(); got != "6.24" {
					t.Errorf("December in 12: %s, want 6.24 (the override ends in November)", got)
				}
				p, _ = b.At(credit.Query{On: credit.MustDate(2025, 10, 15), Province: "01"})
				if got := p.LendingRate().YearlyPct().String(); got != "6.6" {
					t.Errorf("October in 01: %s, want 6.6 (not in the override)", got)
				}
			},
		},
		{
			name: "overlap with a built-in span of the same province",
			file: `{"version": "t/3", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2025-12-31", "to": "2026-01-31", "value": "1", "provinces": ["12", "96"], ` + cite + `}]}}`,
			probs: []string{"/parameters/lending_rate_cut_yearly_pct/0/from overlap"},
		},
		{
			name: "a day apart is no overlap",
			file: `{"version": "t/4", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2026-01-01", "to": "2026-01-31", "value": "1", "provinces": ["12"], ` + cite + `}]}}`,
		},
		{
			name: "overlap between two spans of the file",
			file: `{"version": "t/5", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2027-01-01", "to": "2027-03-31", "value": "1", "provinces": ["96"], ` + cite + `},
				{"from": "2027-03-31", "value": "1", "provinces": ["11", "96"], ` + cite + `}]}}`,
			probs: []string{"/parameters/lending_rate_cut_yearly_pct/1/from overlap"},
		},
		{
			name: "unknown, unordered and repeated province codes; a bad enactment date",
			file: `{"version": "t/6", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2027-01-01", "value": "1", "provinces": ["012", "96", "12", "12"], "enacted": "2026-02-30", ` + cite + `}]}}`,
			probs: []string{
				"/parameters/lending_rate_cut_yearly_pct/0/enacted invalid_date",
				"/parameters/lending_rate_cut_yearly_pct/0/provinces/0 unknown_province",
				"/parameters/lending_rate_cut_yearly_pct/0/provinces/2 unordered",
				"/parameters/lending_rate_cut_yearly_pct/0/provinces/3 unordered",
			},
		},
		{
			name: "a series of provincial spans only, with a national one missing after override",
			file: `{"version": "t/7", "parameters": {"lending_rate_cut_yearly_pct": [
				{"from": "2023-10-10", "to": "2025-09-30", "value": "0", ` + cite + `},
				{"from": "2025-10-01", "to": "2025-12-31", "value": "2", "provinces": ["12"], ` + cite + `}]}}`,
			probs: []string{"/parameters/lending_rate_cut_yearly_pct/0/to gap"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := credit.LoadBook(strings.NewReader(tc.file))
			if len(tc.probs) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				if tc.check != nil {
					tc.check(t, b)
				}
				// What WriteJSON writes, Override reads back the same.
				again, err := credit.DefaultBook().Override(strings.NewReader(string(writeJSON(t, b))))
				if err != nil {
					t.Fatal(err)
				}
				assertSameBook(t, again, b)
				return
			}
			var p credit.Problems
			if !errors.As(err, &p) {
				t.Fatalf("error %v, want Problems", err)
			}
			var got []string
			for _, pr := range p {
				got = append(got, pr.Pointer+" "+pr.Code)
			}
			if !slices.Equal(got, tc.probs) {
				t.Errorf("problems\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.probs, "\n"))
			}
		})
	}
}

// BenchmarkBookAt: reading the parameters nationally, in a province with
// values of its own, and as known on a past day cost the same binary search.
func BenchmarkBookAt(b *testing.B) {
	book := credit.DefaultBook()
	on := credit.MustDate(2025, 10, 15)
	for _, bc := range []struct {
		name string
		q    credit.Query
	}{
		{"national", credit.Query{On: on}},
		{"province 12 (cut)", credit.Query{On: on, Province: "12"}},
		{"province 96 (no cut)", credit.Query{On: on, Province: "96"}},
		{"province 12 known on 2025-12-01", credit.Query{On: on, Province: "12", KnownOn: credit.MustDate(2025, 12, 1)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := book.At(bc.q); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func TestProvinces(t *testing.T) {
	ps := credit.Provinces()
	if len(ps) != 34 {
		t.Fatalf("%d provinces, want 34", len(ps))
	}
	for i, p := range ps {
		got, ok := credit.ProvinceByCode(p.Code)
		if !ok || got != p {
			t.Errorf("ProvinceByCode(%q) = %v, %v", p.Code, got, ok)
		}
		if i > 0 && p.Code <= ps[i-1].Code {
			t.Errorf("%s after %s: not in code order", p.Code, ps[i-1].Code)
		}
	}
	for _, tc := range []struct {
		code string
		name string // "" for none
	}{
		{"01", "Thành phố Hà Nội"}, {"12", "Tỉnh Lai Châu"}, {"96", "Tỉnh Cà Mau"},
		{"00", ""}, {"02", ""}, {"95", ""}, {"97", ""}, {"99", ""},
		{"1", ""}, {"012", ""}, {"", ""}, {"a2", ""}, {"1a", ""}, {"１２", ""},
	} {
		p, ok := credit.ProvinceByCode(tc.code)
		if ok != (tc.name != "") || p.Name != tc.name {
			t.Errorf("ProvinceByCode(%q) = %v, %v; want %q", tc.code, p, ok, tc.name)
		}
	}
}
