package forms

import (
	"errors"

	"github.com/vnreentry/credit"
)

// IDNumber is what the structure of a 12-digit personal identification
// number says (Nghị định 137/2015/NĐ-CP Art. 7, Thông tư 07/2016/TT-BCA;
// legal reference §6): the province where the birth was registered, the sex
// and century of birth, and the last two digits of the year of birth. The
// six-digit serial says nothing and is not kept.
type IDNumber struct {
	ProvinceCode string // 3 digits, one of the 63 codes of TT07 Appendix 1
	Sex          Sex
	Century      int // 1900, 2000, 2100, 2200 or 2300
	YearTwo      int // 0..99: the year of birth modulo 100
}

// Errors of ParseIDNumber.
var (
	ErrIDFormat   = errors.New("forms: a personal ID number is exactly 12 digits")
	ErrIDProvince = errors.New("forms: the ID number's province code is not one of the 63")
)

// ParseIDNumber reads the structure of a personal ID number. A number that
// is not 12 digits is ErrIDFormat; a province code that is not one of the 63
// of TT07 Appendix 1 is ErrIDProvince (a birth registered abroad carries a
// country code: the legal reference asks for an officer to look at it).
func ParseIDNumber(s string) (IDNumber, error) {
	if len(s) != 12 {
		return IDNumber{}, ErrIDFormat
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return IDNumber{}, ErrIDFormat
		}
	}
	id := IDNumber{ProvinceCode: s[:3]}
	d := int(s[3] - '0')
	id.Century = 1900 + d/2*100
	id.Sex = Male
	if d%2 == 1 {
		id.Sex = Female
	}
	id.YearTwo = int(s[4]-'0')*10 + int(s[5]-'0')
	if _, ok := provinceNames[id.ProvinceCode]; !ok {
		return id, ErrIDProvince
	}
	return id, nil
}

// BirthYearMatches reports whether the number's century and two-digit year
// agree with a date of birth.
func (id IDNumber) BirthYearMatches(dob credit.Date) bool {
	y := dob.Year()
	return y/100*100 == id.Century && y%100 == id.YearTwo
}

// ProvinceName returns the name of a province-of-birth code of TT07
// Appendix 1 ("012" → "Lai Châu"), and false for any other code.
func ProvinceName(code string) (string, bool) {
	n, ok := provinceNames[code]
	return n, ok
}

// provinceNames are the 63 codes of TT07 Appendix 1 (legal reference §6).
// They did not change with the 2025 merger of provinces: numbers already
// issued keep them.
var provinceNames = map[string]string{
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
