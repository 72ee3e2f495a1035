package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"strings"
)

// Bounds of reading a workbook. An .xlsx file is a zip archive of XML
// parts; the bounds keep what a small file can unpack to (a zip bomb) from
// filling memory or disk.
const (
	// DefaultMaxBytes bounds the file as read, compressed, when
	// Options.MaxBytes is 0.
	DefaultMaxBytes = 20 << 20
	// maxUnzipped bounds all the parts of a workbook together, unpacked,
	// and a sheet.
	maxUnzipped = 200 << 20
	// maxSharedStrings bounds the shared strings part, unpacked.
	maxSharedStrings = 64 << 20
	// maxPart bounds every other part (styles, workbook, drawings, …).
	maxPart = 16 << 20
	// maxParts bounds the number of parts of the archive.
	maxParts = 10_000
)

// checkZip checks that data is a zip archive within the bounds, before
// anything is unpacked: how many parts, and the sizes they declare. (That
// a part unpacks to exactly its declared size, with its declared checksum,
// is checked as it is read: workbook.open.)
// The first bytes of a zip archive (an .xlsx workbook) and of an OLE
// compound file (an old .xls workbook, or a password-protected .xlsx).
var (
	zipMagic = []byte("PK\x03\x04")
	oleMagic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
)

// LooksLikeWorkbook reports whether a file beginning with head is for
// Read01 and Read02 rather than a CSV reader: a zip archive, or an OLE file
// (which they refuse, saying it is an old .xls or a password-protected
// workbook). Four bytes are enough.
func LooksLikeWorkbook(head []byte) bool {
	n := min(len(head), len(oleMagic))
	return n >= 4 && (bytes.HasPrefix(head, zipMagic) || bytes.Equal(head[:n], oleMagic[:n]))
}

func checkZip(data []byte) (*zip.Reader, error) {
	if n, ok := countEntries(data); ok && n > maxParts {
		return nil, tooLarge(CodeTooManyParts, "Tệp nén có hơn 10.000 phần.", "The archive has more than 10,000 parts.")
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, notForm(CodeNotXLSX, "Tệp là bảng tính Excel cũ (.xls) hoặc bảng tính có đặt mật khẩu; hãy mở bằng Excel và lưu lại dưới dạng \"Excel Workbook (.xlsx)\", không đặt mật khẩu.",
			"The file is an old Excel workbook (.xls) or a password-protected one; open it in Excel and save it as \"Excel Workbook (.xlsx)\", without a password.")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errNotXLSX
	}
	if len(zr.File) > maxParts {
		return nil, tooLarge(CodeTooManyParts, "Tệp nén có hơn 10.000 phần.", "The archive has more than 10,000 parts.")
	}
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		name := partName(zf.Name)
		limit := uint64(maxPart)
		switch {
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
			limit = maxUnzipped
		case name == "xl/sharedstrings.xml":
			limit = maxSharedStrings
		}
		if size > limit {
			return nil, tooLarge(CodePartTooLarge, "Một phần của bảng tính giải nén ra hơn %s.", "A part of the workbook unpacks to more than %s.", byteSize(int64(limit)))
		}
		if total += size; total > maxUnzipped {
			return nil, tooLarge(CodeUnzippedTooLarge, "Bảng tính giải nén ra hơn %s.", "The workbook unpacks to more than %s.", byteSize(maxUnzipped))
		}
	}
	return zr, nil
}

// countEntries counts the entries of the zip archive's central directory,
// up to maxParts+1, without allocating: archive/zip would allocate a record
// for each before anything could be checked. ok is false when the end of
// the central directory is not found (archive/zip decides then).
func countEntries(data []byte) (n int, ok bool) {
	const (
		endLen     = 22
		locatorLen = 20
		end64Len   = 56
		headerLen  = 46
	)
	start := max(0, len(data)-(endLen+0xffff))
	i := bytes.LastIndex(data[start:], []byte("PK\x05\x06"))
	if i < 0 {
		return 0, false
	}
	i += start
	if i+endLen > len(data) {
		return 0, false
	}
	le := binary.LittleEndian
	off := uint64(le.Uint32(data[i+16:]))
	if (off == 0xffffffff || le.Uint16(data[i+10:]) == 0xffff) && i >= locatorLen &&
		string(data[i-locatorLen:i-locatorLen+4]) == "PK\x06\x07" {
		z := le.Uint64(data[i-locatorLen+8:])
		if len(data) >= end64Len && z <= uint64(len(data)-end64Len) && string(data[z:z+4]) == "PK\x06\x06" {
			off = le.Uint64(data[z+48:])
		}
	}
	if len(data) < headerLen {
		return 0, true
	}
	for p := off; p <= uint64(len(data)-headerLen) && string(data[p:p+4]) == "PK\x01\x02"; {
		if n++; n > maxParts {
			break
		}
		p += headerLen + uint64(le.Uint16(data[p+28:])) + uint64(le.Uint16(data[p+30:])) + uint64(le.Uint16(data[p+32:]))
	}
	return n, true
}
