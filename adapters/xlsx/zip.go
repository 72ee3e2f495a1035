package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"strings"

	"github.com/vnreentry/credit/forms"
)

// Bounds of reading a workbook. An .xlsx file is a zip archive of XML
// parts; the bounds keep what a small file can unpack to (a zip bomb) from
// filling memory or disk.
const (
	// DefaultMaxBytes bounds the file as read, compressed, when
	// Options.MaxBytes is 0.
	DefaultMaxBytes = 20 << 20
	// maxUnzipped bounds all the parts of a workbook together, unpacked
	// (excelize's UnzipSizeLimit).
	maxUnzipped = 200 << 20
	// maxXMLInMemory is excelize's UnzipXMLSizeLimit: a worksheet or the
	// shared strings larger than this unpacked are written to a temporary
	// file and read from it as a stream.
	maxXMLInMemory = 16 << 20
	// maxSharedStrings bounds the shared strings part, unpacked.
	maxSharedStrings = 64 << 20
	// maxPart bounds every other part (styles, workbook, drawings, …),
	// which excelize holds in memory.
	maxPart = 16 << 20
	// maxParts bounds the number of parts of the archive.
	maxParts = 10_000
)

func tooLarge(format string, args ...any) error {
	return fmt.Errorf("%w: xlsx: "+format, append([]any{forms.ErrFileTooLarge}, args...)...)
}

func notForm(format string, args ...any) error {
	return fmt.Errorf("%w: xlsx: "+format, append([]any{forms.ErrNotForm}, args...)...)
}

// checkZip checks that data is a zip archive within the bounds, and that
// every part unpacks to exactly the size it declares with the checksum it
// declares, before excelize opens it (excelize trusts the declared sizes
// and ignores errors while unpacking a part). Nothing is kept: each part is
// unpacked as a stream into a checksum.
func checkZip(data []byte) error {
	if n, ok := countEntries(data); ok && n > maxParts {
		return tooLarge("more than %d parts in the archive", maxParts)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return notForm("not an .xlsx workbook (not a zip archive)")
	}
	if len(zr.File) > maxParts {
		return tooLarge("more than %d parts in the archive", maxParts)
	}
	var total uint64
	for _, zf := range zr.File {
		size := zf.UncompressedSize64
		name := strings.ToLower(strings.ReplaceAll(zf.Name, `\`, "/"))
		limit := uint64(maxPart)
		switch {
		case strings.HasPrefix(name, "xl/worksheets/sheet"):
			limit = maxUnzipped
		case name == "xl/sharedstrings.xml":
			limit = maxSharedStrings
		}
		if size > limit {
			return tooLarge("a part of the workbook unpacks to more than %d bytes", limit)
		}
		if total += size; total > maxUnzipped {
			return tooLarge("the workbook unpacks to more than %d bytes", maxUnzipped)
		}
	}
	for _, zf := range zr.File {
		if err := verifyPart(zf); err != nil {
			return err
		}
	}
	return nil
}

// verifyPart unpacks one part as a stream, stopping one byte after its
// declared size.
func verifyPart(zf *zip.File) error {
	raw, err := zf.OpenRaw()
	if err != nil {
		return notForm("the archive is damaged")
	}
	var r io.Reader
	switch zf.Method {
	case zip.Store:
		r = raw
	case zip.Deflate:
		fr := flate.NewReader(raw)
		defer fr.Close()
		r = fr
	default:
		return notForm("a part is packed with an unknown method")
	}
	h := crc32.NewIEEE()
	n, err := io.Copy(h, io.LimitReader(r, int64(zf.UncompressedSize64)+1))
	switch {
	case uint64(n) > zf.UncompressedSize64:
		return tooLarge("a part unpacks to more than the size it declares")
	case err != nil, uint64(n) != zf.UncompressedSize64, zf.CRC32 != 0 && h.Sum32() != zf.CRC32:
		return notForm("the archive is damaged")
	}
	return nil
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
