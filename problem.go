package credit

import (
	"errors"
	"strconv"
	"strings"
)

// ErrInvalid is the category of every FieldError: input that breaks a rule of
// the contract or contradicts itself. errors.Is(err, ErrInvalid) holds for a
// Problems list and for each FieldError in it.
var ErrInvalid = errors.New("invalid input")

// Problem codes shared by the packages of this module. Codes are stable:
// clients branch on them, so they are never renamed.
const (
	CodeRequired     = "required"      // a value that must be given is missing or null
	CodeInvalidType  = "invalid_type"  // wrong JSON type (a number where an object belongs, …)
	CodeInvalidDate  = "invalid_date"  // not a YYYY-MM-DD civil date
	CodeInvalidEnum  = "invalid_enum"  // not one of the listed values
	CodeNotInteger   = "not_integer"   // money or a count with a fraction, or not a number
	CodeNegative     = "negative"      // money below zero
	CodeOutOfRange   = "out_of_range"  // a number (or a date of birth: CheckBirthDate) outside its allowed range
	CodeBeforePolicy = "before_policy" // a date before QĐ22 came into force
	CodeInvalidID    = "invalid_id_number"
	CodeInvalidText  = "invalid_text" // text with control characters or not UTF-8 (ValidText)
	CodeBeforeBirth  = "before_birth" // a date in a person's life before their date of birth
	// CodeUnknownProvince: not the two-digit code of a province of 2025.
	CodeUnknownProvince = "unknown_province"
	// CodeNotYetEnacted: a known_on day before the parameters were enacted.
	CodeNotYetEnacted = "not_yet_enacted"
)

// FieldError is one problem with one value of an input: where it is (a JSON
// pointer, RFC 6901, into the request or file; and, for spreadsheets, the row
// and column), a stable code, and a message for people in Vietnamese and
// English. Messages never quote the value, so that names and ID numbers cannot
// leak into logs or responses through them.
type FieldError struct {
	Pointer string // RFC 6901, e.g. "/individual/release/completed_on"; "" is the whole input
	Row     int    // 1-based spreadsheet row, 0 if not from a spreadsheet
	Column  string // spreadsheet column letters, "" if not from a spreadsheet
	Code    string
	Message Text
	Err     error // the cause callers may branch on (e.g. ErrBeforePolicy); may be nil
}

// Error returns the pointer, code and English message.
func (e *FieldError) Error() string {
	var b strings.Builder
	if e.Pointer != "" {
		b.WriteString(e.Pointer)
	} else {
		b.WriteByte('/')
	}
	if e.Row > 0 {
		b.WriteString(" (row ")
		b.WriteString(strconv.Itoa(e.Row))
		if e.Column != "" {
			b.WriteString(", column ")
			b.WriteString(e.Column)
		}
		b.WriteByte(')')
	}
	b.WriteString(": ")
	b.WriteString(e.Code)
	if e.Message.EN != "" {
		b.WriteString(": ")
		b.WriteString(e.Message.EN)
	}
	return b.String()
}

// Unwrap returns ErrInvalid and the cause, if any.
func (e *FieldError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrInvalid, e.Err}
	}
	return []error{ErrInvalid}
}

// Problems is every problem found in one input, in the order found. A
// function that validates returns all of them at once, as a Problems error,
// never only the first.
type Problems []*FieldError

// Add appends a problem.
func (p *Problems) Add(pointer, code string, msg Text, cause error) {
	*p = append(*p, &FieldError{Pointer: pointer, Code: code, Message: msg, Err: cause})
}

// Has reports whether a problem is already recorded at pointer.
func (p Problems) Has(pointer string) bool {
	for _, e := range p {
		if e.Pointer == pointer {
			return true
		}
	}
	return false
}

// firstPerPointer drops every problem after the first at the same pointer
// (a value that cannot be read is not also reported as missing).
func (p Problems) firstPerPointer() Problems {
	out := p[:0:0]
	for _, e := range p {
		if !out.Has(e.Pointer) {
			out = append(out, e)
		}
	}
	return out
}

// Err returns p as an error, or nil when there are no problems.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return p
}

// Error summarises the problems on one line.
func (p Problems) Error() string {
	switch len(p) {
	case 0:
		return "no problems"
	case 1:
		return p[0].Error()
	}
	var b strings.Builder
	b.WriteString(strconv.Itoa(len(p)))
	b.WriteString(" problems: ")
	for i, e := range p {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Unwrap returns the individual problems, so that errors.Is and errors.As see
// each of them.
func (p Problems) Unwrap() []error {
	errs := make([]error, len(p))
	for i, e := range p {
		errs[i] = e
	}
	return errs
}

// PointerToken escapes one reference token of a JSON pointer (RFC 6901):
// "~" becomes "~0" and "/" becomes "~1".
func PointerToken(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// Messages for the shared problem codes.
var (
	MsgRequired = Text{
		VI: "Thiếu thông tin bắt buộc.",
		EN: "This value is required.",
	}
	MsgInvalidDate = Text{
		VI: "Ngày không hợp lệ: ghi theo dạng NNNN-TT-NN (ví dụ 2024-06-01) và phải là ngày có thật.",
		EN: "Not a valid date: write it as YYYY-MM-DD (for example 2024-06-01), and the day must exist.",
	}
	MsgNotAmount = Text{
		VI: "Số tiền phải là số nguyên đồng, chỉ gồm chữ số (ví dụ \"100000000\").",
		EN: "The amount must be a whole number of đồng, written in digits (for example \"100000000\").",
	}
	MsgNegativeAmount = Text{
		VI: "Số tiền không được âm.",
		EN: "The amount must not be negative.",
	}
	MsgAmountTooLarge = Text{
		VI: "Số tiền quá lớn (tối đa 10^15 đồng).",
		EN: "The amount is too large (at most 10^15 đồng).",
	}
	MsgInvalidText = Text{
		VI: "Văn bản có ký tự điều khiển hoặc ký tự hỏng (không phải UTF-8, hoặc đã bị chuyển mã sai); hãy gõ lại nội dung này.",
		EN: "The text holds control characters or damaged characters (not UTF-8, or garbled by a wrong conversion); type it again.",
	}
	MsgAmountPositive = Text{
		VI: "Số tiền phải từ 1 đồng trở lên.",
		EN: "The amount must be at least 1 đồng.",
	}
	MsgBeforeBirth = Text{
		VI: "Ngày này trước ngày sinh của người được kê khai.",
		EN: "This date is before the person's date of birth.",
	}
	MsgUnknownProvince = Text{
		VI: "Không có tỉnh, thành phố nào có mã này (mã hai chữ số theo danh mục năm 2025, ví dụ \"12\" là Lai Châu).",
		EN: "No province has this code (two-digit codes of 2025, e.g. \"12\" for Lai Châu).",
	}
	MsgNotYetEnacted = Text{
		VI: "Vào ngày known_on, các văn bản quy định tham số chưa được ban hành.",
		EN: "On the known_on day, the instruments that set the parameters had not been signed yet.",
	}
	MsgBeforePolicy = Text{
		VI: "Ngày này trước ngày Quyết định 22/2023/QĐ-TTg có hiệu lực; chính sách chưa áp dụng.",
		EN: "This date is before Decision 22/2023/QĐ-TTg came into force; the policy does not apply yet.",
	}
)
