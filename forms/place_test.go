package forms_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
)

// The commune code names a commune of the catalogue, and the province is
// the commune's: filled when empty, and when given compared folded, with
// or without its kind.
func TestValidatePlace(t *testing.T) {
	tests := []struct {
		name, province, commune string
		want                    []fxProblem
		filled                  string // the province after validation; "" when unchanged
	}{
		{"Lai Châu", "Lai Châu", "03424", nil, ""},
		{"with its kind", "Tỉnh Lai Châu", "03424", nil, ""},
		{"folded", "  lai CHAU ", "03424", nil, ""},
		{"decomposed (NFD)", "Lai Cha\u0302u", "03424", nil, ""},
		{"the last commune of Lai Châu", "Lai Châu", "03640", nil, ""},
		{"a city with its kind", "Thành phố Hồ Chí Minh", "25888", nil, ""}, // Phường Tân Uyên
		{"a city without", "Hồ Chí Minh", "25888", nil, ""},
		{"a city abbreviated", "TP. Hồ Chí Minh", "25888", nil, ""},
		{"empty: filled", "", "03424", nil, "Tỉnh Lai Châu"},
		{"blank: filled", "   ", "03424", nil, "Tỉnh Lai Châu"},
		{"empty, a city: filled", "", "25888", nil, "Thành phố Hồ Chí Minh"},
		{"another province", "Điện Biên", "03424", []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}, ""},
		{"the old examples' code: Điện Biên's", "Lai Châu", "03199", []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}, ""},
		{"the old examples' code and its province", "Điện Biên", "03199", nil, ""},
		{"a province of before 2025", "Yên Bái", "03424", []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}, ""},
		{"part of the name", "Lai", "03424", []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}, ""},
		{"the kind alone", "Tỉnh", "03424", []fxProblem{fxP("/province", forms.CodeProvinceMismatch)}, ""},
		{"one below Bản Bo", "Lai Châu", "03423", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		{"one above Bản Bo", "Lai Châu", "03425", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		{"four digits", "Lai Châu", "3424", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		{"spaces around", "Lai Châu", " 03424 ", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		// An unknown commune has no province to fill or compare.
		{"unknown commune, no province", "", "99999", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		{"unknown commune, any province", "Hà Giang", "99999", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, ""},
		// A field already wrong is reported once, as what it is.
		{"commune code missing", "Lai Châu", "", []fxProblem{fxP("/commune_code", credit.CodeRequired)}, ""},
		{"commune code damaged", "Lai Châu", "034\x0024", []fxProblem{fxP("/commune_code", credit.CodeInvalidText)}, ""},
		{"commune code too long", "Lai Châu", "03424034240", []fxProblem{fxP("/commune_code", forms.CodeTooLong)}, ""},
		{"province damaged", "Lai Ch\xe2u", "03424", []fxProblem{fxP("/province", credit.CodeInvalidText)}, ""},
		{"province too long", strings.Repeat("Lai Châu ", 12), "03424", []fxProblem{fxP("/province", forms.CodeTooLong)}, ""},
	}
	book := credit.DefaultBook()
	for _, tc := range tests {
		t.Run("01 "+tc.name, func(t *testing.T) {
			l := fxList01()
			l.Province, l.CommuneCode = tc.province, tc.commune
			fxCheck(t, forms.Validate01(book, l), tc.want...)
			if want := cmpOr(tc.filled, tc.province); l.Province != want {
				t.Errorf("province %q, want %q", l.Province, want)
			}
		})
		t.Run("02 "+tc.name, func(t *testing.T) {
			p := fxPlan02()
			p.Province, p.CommuneCode = tc.province, tc.commune
			fxCheck(t, forms.Validate02(book, p), tc.want...)
			if want := cmpOr(tc.filled, tc.province); p.Province != want {
				t.Errorf("province %q, want %q", p.Province, want)
			}
		})
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// The messages never quote what was written; the mismatch names the
// commune's province, which is the catalogue's, not the form's.
func TestValidatePlaceMessages(t *testing.T) {
	book := credit.DefaultBook()
	l := fxList01()
	l.CommuneCode = "98765"
	e := fxFind(t, forms.Validate01(book, l), "/commune_code", forms.CodeUnknownCommune)
	if strings.Contains(e.Message.VI+e.Message.EN, "98765") || !strings.HasPrefix(e.Message.VI, "Mã xã không có trong danh mục") || e.Message.EN == "" {
		t.Errorf("unknown_commune message %+v", e.Message)
	}
	if !errors.Is(e, forms.ErrForm) || !errors.Is(e, credit.ErrInvalid) {
		t.Error("unknown_commune is not an ErrForm")
	}
	l = fxList01()
	l.Province = "Quảng Ninh"
	e = fxFind(t, forms.Validate01(book, l), "/province", forms.CodeProvinceMismatch)
	if strings.Contains(e.Message.VI+e.Message.EN, "Quảng Ninh") ||
		!strings.Contains(e.Message.VI, "Tỉnh Lai Châu") || !strings.Contains(e.Message.EN, "Tỉnh Lai Châu") {
		t.Errorf("province_mismatch message %+v", e.Message)
	}
}

// A Checker checks against its own catalogue: a commune it has is known
// even if the map of 2025 lacks it, and one it lacks is unknown.
func TestCheckerCommunes(t *testing.T) {
	c, err := places.New([]credit.Province{{Code: "12", Name: "Tỉnh Lai Châu"}}, []places.Commune{
		{Code: "03424", Name: "Xã Bản Bo", ProvinceCode: "12"},
		{Code: "99001", Name: "Xã Mới", ProvinceCode: "12"}, // not in the map of 2025
	})
	if err != nil {
		t.Fatal(err)
	}
	book := credit.DefaultBook()
	check := forms.Checker{Book: book, Communes: c}
	for _, tc := range []struct {
		commune string
		own     []fxProblem // against c
		def     []fxProblem // against places.Default()
	}{
		{"03424", nil, nil},
		{"99001", nil, []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}},
		{"03430", []fxProblem{fxP("/commune_code", forms.CodeUnknownCommune)}, nil}, // Khun Há: only in 2025's
	} {
		l := fxList01()
		l.CommuneCode = tc.commune
		fxCheck(t, check.Validate01(l), tc.own...)
		fxCheck(t, forms.Validate01(book, l), tc.def...)
		fxCheck(t, forms.Checker{Book: book}.Validate01(l), tc.def...) // nil Communes: the default
		p := fxPlan02()
		p.CommuneCode = tc.commune
		fxCheck(t, check.Validate02(p), tc.own...)
		fxCheck(t, forms.Validate02(book, p), tc.def...)
		if got, want := l.ProvinceCode(c), map[bool]string{true: "12"}[tc.own == nil]; got != want {
			t.Errorf("%s: ProvinceCode(c) = %q, want %q", tc.commune, got, want)
		}
		if got, want := p.ProvinceCode(nil), map[bool]string{true: "12"}[tc.def == nil]; got != want {
			t.Errorf("%s: ProvinceCode(nil) = %q, want %q", tc.commune, got, want)
		}
	}
}

// Mẫu 02: more than the collateral threshold (100,000,000, Art. 10) asked
// with no collateral offered; exactly the threshold needs none.
func TestValidate02Collateral(t *testing.T) {
	ask := func(amount credit.VND, collateral string) func(p *forms.Plan02) {
		return func(p *forms.Plan02) {
			p.CapitalNeed, p.OwnCapital, p.AmountRequested = 3_000_000_000, 0, amount
			p.Collateral = collateral
		}
	}
	required := []fxProblem{fxP("/collateral", forms.CodeCollateralRequired)}
	runV02(t, []v02Case{
		{"100,000,000, none offered", nil, ask(100_000_000, ""), nil},
		{"100,000,001, none offered", nil, ask(100_000_001, ""), required},
		{"100,000,001, blank", nil, ask(100_000_001, " \t "), required},
		{"100,000,001, offered", nil, ask(100_000_001, "Quyền sử dụng đất"), nil},
		{"1, none offered", nil, ask(1, ""), nil},
		{"above the cap too", nil, ask(1_000_000_001, ""),
			[]fxProblem{fxP("/amount_requested", forms.CodeAboveCap), fxP("/collateral", forms.CodeCollateralRequired)}},
		{"damaged collateral: reported once, as text", nil, ask(100_000_001, "Nh\x00à"),
			[]fxProblem{fxP("/collateral", credit.CodeInvalidText)}},
		{"no amount: nothing to secure", nil, ask(0, ""), []fxProblem{fxP("/amount_requested", credit.CodeRequired)}},
		{"threshold 50,000,000: 50,000,001", fxBookWith(t, credit.CollateralThreshold, 50_000_000), ask(50_000_001, ""), required},
		{"threshold 50,000,000: 50,000,000", fxBookWith(t, credit.CollateralThreshold, 50_000_000), ask(50_000_000, ""), nil},
		// Before the policy there are no parameters, and no threshold.
		{"before the policy", nil, func(p *forms.Plan02) {
			ask(100_000_001, "")(p)
			p.PreparedOn = fxDate(2023, 10, 9)
			p.Workers[0].ContractDate = fxDate(2023, 9, 1)
		}, []fxProblem{fxP("/prepared_on", credit.CodeBeforePolicy)}},
	})

	p := fxPlan02()
	ask(100_000_001, "")(p)
	e := fxFind(t, forms.Validate02(credit.DefaultBook(), p), "/collateral", forms.CodeCollateralRequired)
	want := credit.Text{
		VI: "Số tiền đề nghị vay trên 100.000.000 đồng phải có tài sản bảo đảm: ghi tài sản bảo đảm của cơ sở (Điều 10 Quyết định 22/2023/QĐ-TTg).",
		EN: "An amount requested above 100.000.000 đồng needs collateral: write the collateral the establishment offers (Decision 22/2023/QĐ-TTg, Article 10).",
	}
	if e.Message != want {
		t.Errorf("message %+v\nwant %+v", e.Message, want)
	}
	if !errors.Is(e, forms.ErrForm) {
		t.Error("collateral_required is not an ErrForm")
	}
}

// The application carries the province of the commune, so that the rate of
// that province applies.
func TestApplicationProvince(t *testing.T) {
	book := credit.DefaultBook()
	l := fxList01()
	l.Province = "" // filled by validation; the code comes from the commune
	if err := forms.Validate01(book, l); err != nil {
		t.Fatal(err)
	}
	if a := l.Application(0); a.Province != "12" {
		t.Errorf("List01.Application: province %q, want 12", a.Province)
	}
	p := fxPlan02()
	p.CommuneCode, p.Province = "25888", "" // Phường Tân Uyên, Hồ Chí Minh
	if err := forms.Validate02(book, p); err != nil {
		t.Fatal(err)
	}
	a, err := p.Application(book)
	if err != nil || a.Province != "79" || p.Province != "Thành phố Hồ Chí Minh" {
		t.Errorf("Plan02.Application: province %q (%v), form's %q", a.Province, err, p.Province)
	}
}

// A catalogue with a province the parameter book does not know gives no
// parameters for its communes: a problem at the commune, not another
// province's rules.
func TestCheckerProvinceNotInBook(t *testing.T) {
	c, err := places.New([]credit.Province{{Code: "99", Name: "Tỉnh Thử"}}, []places.Commune{
		{Code: "99001", Name: "Xã Thử", ProvinceCode: "99"},
	})
	if err != nil {
		t.Fatal(err)
	}
	check := forms.Checker{Book: credit.DefaultBook(), Communes: c}
	l := fxList01()
	l.Province, l.CommuneCode = "", "99001"
	err = check.Validate01(l)
	fxCheck(t, err, fxP("/commune_code", credit.CodeUnknownProvince))
	if !errors.Is(err, credit.ErrUnknownProvince) || l.Province != "Tỉnh Thử" {
		t.Errorf("error %v, province %q", err, l.Province)
	}
	p := fxPlan02()
	p.Province, p.CommuneCode = "Thử", "99001"
	fxCheck(t, check.Validate02(p), fxP("/commune_code", credit.CodeUnknownProvince))
}
