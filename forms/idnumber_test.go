package forms_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/vnreentry/credit/forms"
)

// The 63 province-of-birth codes of TT07 Appendix 1, as the legal reference
// (qd22.md §6) lists them.
var fxProvinces = map[string]string{
	"001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
	"010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
	"017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
	"025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
	"033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
	"038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
	"046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
	"054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
	"064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
	"072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh",
	"080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
	"087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
	"094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

// Legal reference §6: 1900s 0 male 1 female, 2000s 2/3, 2100s 4/5, 2200s
// 6/7, 2300s 8/9.
func TestParseIDNumberSexAndCentury(t *testing.T) {
	tests := []struct {
		digit   byte
		century int
		sex     forms.Sex
	}{
		{'0', 1900, forms.Male}, {'1', 1900, forms.Female},
		{'2', 2000, forms.Male}, {'3', 2000, forms.Female},
		{'4', 2100, forms.Male}, {'5', 2100, forms.Female},
		{'6', 2200, forms.Male}, {'7', 2200, forms.Female},
		{'8', 2300, forms.Male}, {'9', 2300, forms.Female},
	}
	for _, tc := range tests {
		s := "012" + string(tc.digit) + "88004512"
		id, err := forms.ParseIDNumber(s)
		if err != nil {
			t.Errorf("ParseIDNumber(%s): %v", s, err)
			continue
		}
		want := forms.IDNumber{ProvinceCode: "012", Sex: tc.sex, Century: tc.century, YearTwo: 88}
		if id != want {
			t.Errorf("ParseIDNumber(%s) = %+v, want %+v", s, id, want)
		}
	}
}

func TestParseIDNumberProvinces(t *testing.T) {
	if len(fxProvinces) != 63 {
		t.Fatalf("the test's table has %d codes", len(fxProvinces))
	}
	for code, name := range fxProvinces {
		s := code + "088004512"
		id, err := forms.ParseIDNumber(s)
		if err != nil || id.ProvinceCode != code {
			t.Errorf("ParseIDNumber(%s) = %+v, %v", s, id, err)
		}
		if got, ok := forms.ProvinceName(code); !ok || got != name {
			t.Errorf("ProvinceName(%s) = %q, %v; want %q", code, got, ok, name)
		}
	}
	// Exactly those 63 of the 1000 three-digit codes.
	valid := 0
	for n := range 1000 {
		code := fmt.Sprintf("%03d", n)
		_, err := forms.ParseIDNumber(code + "088004512")
		_, named := forms.ProvinceName(code)
		_, listed := fxProvinces[code]
		if (err == nil) != listed || named != listed {
			t.Errorf("code %s: parse error %v, named %v, listed %v", code, err, named, listed)
		}
		if err == nil {
			valid++
		}
	}
	if valid != 63 {
		t.Errorf("%d valid codes, want 63", valid)
	}
	for _, code := range []string{"000", "003", "013", "097", "100", "999"} {
		s := code + "188004512"
		id, err := forms.ParseIDNumber(s)
		if !errors.Is(err, forms.ErrIDProvince) {
			t.Errorf("ParseIDNumber(%s): error %v, want ErrIDProvince", s, err)
		}
		// The rest of the structure is still read, so that the date of
		// birth and sex can be checked beside the province.
		if want := (forms.IDNumber{ProvinceCode: code, Sex: forms.Female, Century: 1900, YearTwo: 88}); id != want {
			t.Errorf("ParseIDNumber(%s) = %+v, want %+v", s, id, want)
		}
		if name, ok := forms.ProvinceName(code); ok || name != "" {
			t.Errorf("ProvinceName(%s) = %q, %v", code, name, ok)
		}
	}
	for _, code := range []string{"", "12", "0012", "abc", "01 2"} {
		if name, ok := forms.ProvinceName(code); ok {
			t.Errorf("ProvinceName(%q) = %q", code, name)
		}
	}
}

func TestParseIDNumberFormat(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"11 digits", "01208800451"},
		{"13 digits", "0120880045123"},
		{"a letter", "01208800451A"},
		{"a letter O for zero", "O12088004512"},
		{"inner space", "012 88004512"},
		{"trailing space", "01208800451 "},
		{"leading space, 12 digits", " 012088004512"},
		{"dashes", "012-088-004512"},
		{"a full-width digit", "01208800451１"},
		{"all full-width", "０１２０８８００４５１２"},
		{"Arabic-Indic digit", "01208800451٢"},
		{"sign", "+12088004512"},
		{"nine digits of an old ID card", "012345678"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := forms.ParseIDNumber(tc.in)
			if !errors.Is(err, forms.ErrIDFormat) {
				t.Errorf("ParseIDNumber(%q) error %v, want ErrIDFormat", tc.in, err)
			}
			if id != (forms.IDNumber{}) {
				t.Errorf("ParseIDNumber(%q) = %+v, want the zero IDNumber", tc.in, id)
			}
		})
	}
}

func TestBirthYearMatches(t *testing.T) {
	tests := []struct {
		id   string // province 012, then sex/century digit and year, then a serial
		year int
		want bool
	}{
		{"012088004512", 1988, true},
		{"012188004512", 1988, true}, // female digit, same century: the year agrees
		{"012089004512", 1988, false},
		{"012288004512", 1988, false}, // 2088
		{"012200004512", 2000, true},
		{"012300004512", 2000, true},
		{"012000004512", 2000, false}, // 1900
		{"012100004512", 1900, true},
		{"012099004512", 1999, true},
		{"012299004512", 1999, false}, // 2099
		{"012200004512", 1999, false},
		{"012099004512", 2000, false},
		{"012299004512", 2099, true},
		{"012499004512", 2099, false}, // 2199
		{"012400004512", 2100, true},
		{"012200004512", 2100, false}, // 2000
		{"012500004512", 2100, true},
		{"012699004512", 2299, true},
		{"012800004512", 2300, true},
		{"012999004512", 2399, true},
	}
	for _, tc := range tests {
		id, err := forms.ParseIDNumber(tc.id)
		if err != nil {
			t.Fatalf("ParseIDNumber(%s): %v", tc.id, err)
		}
		for _, dob := range []struct{ m, d int }{{1, 1}, {12, 31}} {
			d := fxDate(tc.year, time.Month(dob.m), dob.d)
			if got := id.BirthYearMatches(d); got != tc.want {
				t.Errorf("%s.BirthYearMatches(%s) = %v, want %v", tc.id, d, got, tc.want)
			}
		}
	}
}

func TestProvinceName(t *testing.T) {
	for code, want := range map[string]string{"012": "Lai Châu", "001": "Hà Nội", "079": "Hồ Chí Minh", "096": "Cà Mau", "077": "Bà Rịa - Vũng Tàu"} {
		if got, ok := forms.ProvinceName(code); !ok || got != want {
			t.Errorf("ProvinceName(%s) = %q, %v; want %q", code, got, ok, want)
		}
	}
}
