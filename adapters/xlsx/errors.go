package xlsx

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// FileError is why Read01 or Read02 refused a file: it is over a bound of
// reading (Err is forms.ErrFileTooLarge) or it is not a workbook with the
// form's table (forms.ErrNotForm). Code names the bound or the reason with
// a stable name (see the package comment); Message says it in Vietnamese
// and English, never quoting the file.
type FileError struct {
	Err     error
	Code    string
	Message credit.Text
}

func (e *FileError) Error() string {
	en := strings.TrimSuffix(e.Message.EN, ".")
	if en != "" {
		en = strings.ToLower(en[:1]) + en[1:]
	}
	return e.Err.Error() + ": xlsx: " + en
}
func (e *FileError) Unwrap() error { return e.Err }

// Codes of a FileError. They are stable: clients may branch on them.
const (
	// Over a bound (forms.ErrFileTooLarge).
	CodeFileTooLarge      = "file_too_large"     // the file, as read, over Options.MaxBytes
	CodeTooManyParts      = "too_many_parts"     // more than 10,000 parts (or relationships)
	CodePartTooLarge      = "part_too_large"     // a part declares more than its bound unpacked
	CodeUnzippedTooLarge  = "unzipped_too_large" // the parts together declare more than 200 MiB
	CodeZipBomb           = "zip_bomb"           // a part unpacks to more than it declares
	CodeXMLTooDeep        = "xml_too_deep"       // elements nested more than 64 deep
	CodeXMLTooManyAttrs   = "xml_too_many_attributes"
	CodeXMLTokenTooLong   = "xml_token_too_long"    // a tag or a run of text of 512 KiB or more
	CodeXMLTooManyElems   = "xml_too_many_elements" // more elements than the table could have
	CodeTooManySharedStrs = "too_many_shared_strings"
	CodeTooMuchText       = "too_much_text"  // more than 64 MiB of text kept
	CodeRowTooWide        = "row_too_wide"   // a row of more than 16,384 cells
	CodeTooManyCells      = "too_many_cells" // more cells than the table could have

	// Not the form (forms.ErrNotForm).
	CodeNotXLSX = "not_xlsx" // not a zip archive with a workbook; an old .xls; password-protected
	CodeDamaged = "damaged"  // XML not well formed, a wrong checksum, rows out of order, …
	CodeNoTable = "no_table" // no sheet with a header row naming the form's columns
)

func fileError(sentinel error, code string, vi, en string, args ...any) error {
	return &FileError{Err: sentinel, Code: code, Message: credit.Text{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}}
}

func tooLarge(code, vi, en string, args ...any) error {
	return fileError(forms.ErrFileTooLarge, code, vi, en, args...)
}

func notForm(code, vi, en string, args ...any) error {
	return fileError(forms.ErrNotForm, code, vi, en, args...)
}

// The reasons given most often.
var (
	errDamagedArchive = notForm(CodeDamaged, "Tệp bảng tính bị hỏng (tệp nén sai tổng kiểm tra hoặc không đọc được); hãy mở bằng Excel và lưu lại.",
		"The workbook is damaged (its archive has a wrong checksum or cannot be read); open it in Excel and save it again.")
	errDamagedXML = notForm(CodeDamaged, "Tệp bảng tính bị hỏng (XML không hợp lệ); hãy mở bằng Excel và lưu lại.",
		"The workbook is damaged (its XML is not well formed); open it in Excel and save it again.")
	errDoctype = notForm(CodeDamaged, "XML của bảng tính có khai báo kiểu tài liệu (DOCTYPE), điều không bảng tính nào có.",
		"The workbook's XML declares a document type (DOCTYPE), which no workbook does.")
	errNotXLSX = notForm(CodeNotXLSX, "Tệp không phải bảng tính .xlsx; hãy lưu lại dưới dạng \"Excel Workbook (.xlsx)\".",
		"The file is not an .xlsx workbook; save it as \"Excel Workbook (.xlsx)\".")
	errTooManyCells = tooLarge(CodeTooManyCells, "Bảng tính có nhiều ô hơn số ô mà bảng của biểu mẫu có thể có; hãy chép riêng bảng danh sách sang một tệp mới rồi gửi tệp đó.",
		"The sheet has more cells than the form's table could have; copy the list's table alone into a new workbook and send that.")
)

// byteSize writes a number of bytes for people: "20 MiB", "512 KiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
