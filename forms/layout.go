package forms

// CellKind is how a column's value is written in a cell.
type CellKind uint8

// Cell kinds.
const (
	CellText    CellKind = iota // free text
	CellNo                      // the row number (STT), written by exports, ignored on import
	CellDate                    // dd/mm/yyyy; also YYYY-MM-DD or an Excel date serial on import
	CellMoney                   // whole đồng; thousands separators tolerated on import
	CellInt                     // a whole number
	CellPeriod                  // a month, MM/YYYY; also YYYY-MM on import
	CellSex                     // Nam / Nữ
	CellBasis                   // the release basis
	CellPurpose                 // the loan purpose
	CellKindOf                  // the establishment's legal form
	CellFact                    // Có / Không / blank
	CellID                      // a 12-digit ID number, always text (leading zeros)
)

// Column is one field of a form as it appears on paper and in spreadsheets:
// its JSON name, its heading in Vietnamese (as printed) and English, a
// width in characters, and how its cells are written.
type Column struct {
	Key       string
	HeadingVI string
	HeadingEN string
	Width     int // characters
	Kind      CellKind
}

// The layout of the forms is the project's reconstruction (legal reference
// §5, confidence L: the official column layout of Mẫu số 01 and the fields
// of Mẫu số 02 were not found). It is kept here, in one place, so that it
// can change without touching exports, imports or validation.
var (
	// Header01 are the fields of a Mẫu số 01 list above its table.
	Header01 = []Column{
		{"province", "Tỉnh", "Province", 0, CellText},
		{"commune_name", "Xã, phường, đặc khu", "Commune", 0, CellText},
		{"commune_code", "Mã đơn vị hành chính cấp xã", "Commune code", 0, CellText},
		{"period", "Tháng", "Month", 0, CellPeriod},
		{"prepared_on", "Ngày lập", "Drawn up on", 0, CellDate},
		{"prepared_by", "Trưởng Công an xã", "Commune police chief", 0, CellText},
		{"certified_by", "Chủ tịch Ủy ban nhân dân xã", "Commune People's Committee chair", 0, CellText},
	}
	// Layout01 are the columns of a Mẫu số 01 table, in order.
	Layout01 = []Column{
		{"no", "STT", "No.", 5, CellNo},
		{"full_name", "Họ và tên", "Full name", 24, CellText},
		{"date_of_birth", "Ngày sinh", "Date of birth", 12, CellDate},
		{"sex", "Giới tính", "Sex", 8, CellSex},
		{"id_number", "Số định danh cá nhân", "Personal ID number", 16, CellID},
		{"residence", "Nơi cư trú", "Place of residence", 28, CellText},
		{"release_basis", "Loại giấy chứng nhận", "Release certificate", 18, CellBasis},
		{"certificate_no", "Số giấy chứng nhận", "Certificate no.", 14, CellText},
		{"certificate_date", "Ngày cấp giấy chứng nhận", "Certificate date", 12, CellDate},
		{"completed_on", "Ngày chấp hành xong án phạt tù", "Sentence completed on", 14, CellDate},
		{"purpose", "Mục đích vay", "Loan purpose", 16, CellPurpose},
		{"amount", "Số tiền cần vay (đồng)", "Amount needed (VND)", 16, CellMoney},
		{"course_months", "Số tháng học nghề", "Course months", 10, CellInt},
		{"note", "Ghi chú", "Note", 20, CellText},
	}
	// Header02 are the fields of a Mẫu số 02 plan outside its worker table.
	Header02 = []Column{
		{"province", "Tỉnh", "Province", 0, CellText},
		{"commune_name", "Xã, phường, đặc khu", "Commune", 0, CellText},
		{"commune_code", "Mã đơn vị hành chính cấp xã", "Commune code", 0, CellText},
		{"prepared_on", "Ngày lập", "Drawn up on", 0, CellDate},
		{"name", "Tên cơ sở", "Establishment", 0, CellText},
		{"kind", "Loại hình", "Legal form", 0, CellKindOf},
		{"registration_no", "Số đăng ký kinh doanh", "Registration no.", 0, CellText},
		{"address", "Địa chỉ", "Address", 0, CellText},
		{"legal_representative", "Người đại diện theo pháp luật", "Legal representative", 0, CellText},
		{"total_workers", "Tổng số lao động", "Total workers", 0, CellInt},
		{"purpose", "Mục đích vay", "Loan purpose", 0, CellPurpose},
		{"capital_need", "Tổng nhu cầu vốn (đồng)", "Total capital needed (VND)", 0, CellMoney},
		{"own_capital", "Vốn tự có (đồng)", "Own capital (VND)", 0, CellMoney},
		{"amount_requested", "Số tiền đề nghị vay (đồng)", "Amount requested (VND)", 0, CellMoney},
		{"term_months", "Thời hạn vay (tháng)", "Term (months)", 0, CellInt},
		{"repayment_plan", "Kế hoạch trả nợ", "Repayment plan", 0, CellText},
		{"collateral", "Tài sản bảo đảm", "Collateral offered", 0, CellText},
		{"confirmed_on", "Ngày Ủy ban nhân dân xã xác nhận", "Confirmed by the commune on", 0, CellDate},
		{"confirmed_by", "Chủ tịch Ủy ban nhân dân xã", "Commune People's Committee chair", 0, CellText},
	}
	// Layout02 are the columns of a Mẫu số 02 worker table, in order.
	Layout02 = []Column{
		{"no", "STT", "No.", 5, CellNo},
		{"full_name", "Họ và tên", "Full name", 24, CellText},
		{"date_of_birth", "Ngày sinh", "Date of birth", 12, CellDate},
		{"sex", "Giới tính", "Sex", 8, CellSex},
		{"id_number", "Số định danh cá nhân", "Personal ID number", 16, CellID},
		{"release_basis", "Loại giấy chứng nhận", "Release certificate", 18, CellBasis},
		{"certificate_no", "Số giấy chứng nhận", "Certificate no.", 14, CellText},
		{"completed_on", "Ngày chấp hành xong án phạt tù", "Sentence completed on", 14, CellDate},
		{"on_commune_list", "Có tên trong danh sách Mẫu số 01", "On the commune list", 12, CellFact},
		{"contract_no", "Số hợp đồng lao động", "Labour contract no.", 14, CellText},
		{"contract_date", "Ngày ký hợp đồng", "Contract date", 12, CellDate},
	}
)

// Titles of the forms, as printed.
const (
	Motto1   = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto2   = "Độc lập - Tự do - Hạnh phúc"
	Title01  = "DANH SÁCH NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ CÓ NHU CẦU VAY VỐN"
	Title02  = "PHƯƠNG ÁN VAY VỐN"
	FormNo01 = "Mẫu số 01"
	FormNo02 = "Mẫu số 02"
	Basis    = "(Kèm theo Quyết định số 22/2023/QĐ-TTg ngày 17 tháng 8 năm 2023 của Thủ tướng Chính phủ)"
)

// ColumnIndex returns the index of the column with the given key in cols,
// or -1.
func ColumnIndex(cols []Column, key string) int {
	for i := range cols {
		if cols[i].Key == key {
			return i
		}
	}
	return -1
}
