package credit

import "slices"

// Province is a province or centrally-run city of the administrative map in
// force since 2025-07-01 (Nghị quyết 202/2025/QH15; legal reference §1):
// its two-digit code in the national list of administrative units
// (Quyết định 19/2025/QĐ-TTg) and its official name.
//
// These codes are not the three-digit province-of-birth codes of a personal
// identification number (legal reference §6), which keep the 63 former
// provinces.
type Province struct {
	Code string // e.g. "12"
	Name string // e.g. "Tỉnh Lai Châu"
}

// provinces2025 are the 34 provinces, by code. Source: the General
// Statistics Office's catalogue (danhmuchanhchinh.nso.gov.vn) as compiled by
// the MIT-licensed dataset thanglequoc/vietnamese-provinces-database (commit
// cd58063); the communes of each are in package places.
var provinces2025 = [...]Province{
	{"01", "Thành phố Hà Nội"},
	{"04", "Tỉnh Cao Bằng"},
	{"08", "Tỉnh Tuyên Quang"},
	{"11", "Tỉnh Điện Biên"},
	{"12", "Tỉnh Lai Châu"},
	{"14", "Tỉnh Sơn La"},
	{"15", "Tỉnh Lào Cai"},
	{"19", "Tỉnh Thái Nguyên"},
	{"20", "Tỉnh Lạng Sơn"},
	{"22", "Tỉnh Quảng Ninh"},
	{"24", "Tỉnh Bắc Ninh"},
	{"25", "Tỉnh Phú Thọ"},
	{"31", "Thành phố Hải Phòng"},
	{"33", "Tỉnh Hưng Yên"},
	{"37", "Tỉnh Ninh Bình"},
	{"38", "Tỉnh Thanh Hóa"},
	{"40", "Tỉnh Nghệ An"},
	{"42", "Tỉnh Hà Tĩnh"},
	{"44", "Tỉnh Quảng Trị"},
	{"46", "Thành phố Huế"},
	{"48", "Thành phố Đà Nẵng"},
	{"51", "Tỉnh Quảng Ngãi"},
	{"52", "Tỉnh Gia Lai"},
	{"56", "Tỉnh Khánh Hòa"},
	{"66", "Tỉnh Đắk Lắk"},
	{"68", "Tỉnh Lâm Đồng"},
	{"75", "Tỉnh Đồng Nai"},
	{"79", "Thành phố Hồ Chí Minh"},
	{"80", "Tỉnh Tây Ninh"},
	{"82", "Tỉnh Đồng Tháp"},
	{"86", "Tỉnh Vĩnh Long"},
	{"91", "Tỉnh An Giang"},
	{"92", "Thành phố Cần Thơ"},
	{"96", "Tỉnh Cà Mau"},
}

// Provinces returns the 34 provinces of 2025, in code order.
func Provinces() []Province { return slices.Clone(provinces2025[:]) }

// provinceIndex maps a two-digit code to 1 + its index in provinces2025
// (0: no province), so that a lookup on every request is a table read.
var provinceIndex = func() (ix [100]int8) {
	for i, p := range provinces2025 {
		ix[int(p.Code[0]-'0')*10+int(p.Code[1]-'0')] = int8(i + 1)
	}
	return ix
}()

// ProvinceByCode returns the province with the two-digit code, and false if
// there is none.
func ProvinceByCode(code string) (Province, bool) {
	if len(code) != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9' {
		return Province{}, false
	}
	if i := provinceIndex[int(code[0]-'0')*10+int(code[1]-'0')]; i > 0 {
		return provinces2025[i-1], true
	}
	return Province{}, false
}
