package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A workbook as the reader sees it: the package's parts by name, the sheets
// in order with their parts, the shared strings (read when a cell first
// needs them), and the budget of the read.

// Bounds of the table's cells.
const (
	// maxRowCells bounds the cells of one row (Excel's 16,384 columns).
	maxRowCells = 16_384
	// keepColumns is how many columns of a row are read (A to IV); cells
	// further right are passed over: no form has a column there.
	keepColumns = 256
	// maxTextKept bounds the text kept from a workbook, in bytes: the
	// shared strings and the cells' values together.
	maxTextKept = 64 << 20
	// cellsPerRow is the budget of cells per row of the table (a row may be
	// wide, but not all of them): reading stops with ErrFileTooLarge beyond
	// (rows + maxHeadRows + 1000) × cellsPerRow cells.
	cellsPerRow = 64
	// elementsPerCell is the budget of XML elements per cell of the cell
	// budget (a cell is <c><v>…</v></c>, or <c><is><t>…</t></is></c>).
	elementsPerCell = 4
	// checkEvery is how many rows are read between looks at the context.
	checkEvery = 1024
)

// workbook is an opened workbook.
type workbook struct {
	ctx      context.Context
	parts    map[string]*zip.File // by lower-case name, '/' separated
	date1904 bool
	sheets   []sheetRef
	sstPath  string
	sst      *sharedStrings // nil until a cell needs it
	lim      budget
	cells    int // cells left to read
}

type sheetRef struct{ name, path string }

// openWorkbook finds the workbook's sheets in the archive (checked by
// checkZip).
func openWorkbook(ctx context.Context, zr *zip.Reader, maxRows int) (*workbook, error) {
	cells := (maxRows + maxHeadRows + 1000) * cellsPerRow
	wb := &workbook{
		ctx:   ctx,
		parts: make(map[string]*zip.File, len(zr.File)),
		lim:   budget{elements: cells * elementsPerCell, text: maxTextKept},
		cells: cells,
	}
	for _, zf := range zr.File {
		name := partName(zf.Name)
		if _, dup := wb.parts[name]; !dup {
			wb.parts[name] = zf
		}
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.kind, "/officeDocument") {
				main = r.target
				break
			}
		}
	} else if err != errNoPart {
		return nil, err
	}
	if err := wb.readMain(main); err != nil {
		return nil, err
	}
	return wb, nil
}

// partName is the key of a part: lower case ('/' separated, no leading
// '/'), as part names are compared in a package.
func partName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// errNoPart: the archive has no part of that name.
var errNoPart = errors.New("xlsx: no such part")

// open returns a reader of the part name, unpacked, checking as it reads
// that it unpacks to exactly its declared size with its declared checksum.
func (wb *workbook) open(name string) (*partReader, error) {
	zf, ok := wb.parts[partName(name)]
	if !ok {
		return nil, errNoPart
	}
	raw, err := zf.OpenRaw()
	if err != nil {
		return nil, errDamagedArchive
	}
	pr := &partReader{size: zf.UncompressedSize64, want: zf.CRC32, crc: crc32.NewIEEE()}
	switch zf.Method {
	case zip.Store:
		pr.r = raw
	case zip.Deflate:
		fr := flate.NewReader(raw)
		pr.r, pr.closer = fr, fr
	default:
		return nil, errDamagedArchive
	}
	pr.r = io.LimitReader(pr.r, int64(pr.size)+1)
	return pr, nil
}

// partReader unpacks a part, checking its size and checksum.
type partReader struct {
	r      io.Reader
	closer io.Closer
	crc    hash.Hash32
	n      uint64
	size   uint64
	want   uint32
}

func (p *partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.crc.Write(b[:n])
	p.n += uint64(n)
	if p.n > p.size {
		return n, tooLarge(CodeZipBomb, "Một phần của bảng tính giải nén ra nhiều hơn kích thước nó khai báo (tệp nén độc hại hoặc bị hỏng).",
			"A part of the workbook unpacks to more than the size it declares (a zip bomb, or a damaged file).")
	}
	switch {
	case err == io.EOF:
		if p.n != p.size || p.want != 0 && p.crc.Sum32() != p.want {
			return n, errDamagedArchive
		}
	case err != nil:
		return n, errDamagedArchive
	}
	return n, err
}

// drain reads the rest of the part, for its checksum.
func (p *partReader) drain() error {
	_, err := io.Copy(io.Discard, p)
	return err
}

func (p *partReader) Close() {
	if p.closer != nil {
		p.closer.Close()
	}
}

// rel is a relationship of a part: its type and its target's part name.
type rel struct{ id, kind, target string }

// rels reads the relationships part name, resolving targets against the
// folder base.
func (wb *workbook) rels(name, base string) ([]rel, error) {
	pr, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	s := newScanner(pr, &wb.lim)
	var out []rel
	for {
		k, err := s.next()
		if err != nil {
			return nil, xmlError(err)
		}
		if k == tokEOF {
			return out, nil
		}
		if k != tokStart || !s.is("Relationship") {
			continue
		}
		if mode, _ := s.attr("TargetMode"); string(mode) == "External" {
			continue
		}
		id, _ := s.attr("Id")
		kind, _ := s.attr("Type")
		target, _ := s.attr("Target")
		t, err := attrText(target)
		if err != nil {
			return nil, xmlError(err)
		}
		if len(out) == maxParts {
			return nil, tooLarge(CodeTooManyParts, "Bảng tính có hơn 10.000 quan hệ giữa các phần.", "The workbook has more than 10,000 relationships between its parts.")
		}
		out = append(out, rel{id: string(id), kind: string(kind), target: resolve(base, t)})
	}
}

// resolve is the part name of a relationship's target.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return partName(target)
	}
	return partName(path.Join(base, target))
}

// attrText decodes an attribute's raw value.
func attrText(raw []byte) (string, error) {
	if bytes.IndexByte(raw, '&') < 0 {
		return string(raw), nil
	}
	b, err := appendText(nil, raw)
	return string(b), err
}

// xmlError is the error of reading a part's XML: a bound or a damaged
// part as it is, XML that is not well formed as ErrNotForm.
func xmlError(err error) error {
	if err == errDamaged {
		return errDamagedXML
	}
	return err
}

// readMain reads the workbook part: the sheets in order, the date system,
// and where the sheets and the shared strings are.
func (wb *workbook) readMain(main string) error {
	dir := path.Dir(main)
	rels, err := wb.rels(path.Join(dir, "_rels", path.Base(main)+".rels"), dir)
	if err != nil && err != errNoPart {
		return err
	}
	targets := make(map[string]string, len(rels))
	for _, r := range rels {
		targets[r.id] = r.target
		if strings.HasSuffix(r.kind, "/sharedStrings") && wb.sstPath == "" {
			wb.sstPath = r.target
		}
	}
	if wb.sstPath == "" {
		wb.sstPath = "xl/sharedstrings.xml"
	}
	pr, err := wb.open(main)
	if err == errNoPart {
		return errNotXLSX
	}
	if err != nil {
		return err
	}
	defer pr.Close()
	s := newScanner(pr, &wb.lim)
	for {
		k, err := s.next()
		if err != nil {
			return xmlError(err)
		}
		if k == tokEOF {
			break
		}
		if k != tokStart {
			continue
		}
		switch {
		case s.is("workbookPr"):
			v, _ := s.attr("date1904")
			wb.date1904 = string(v) == "1" || string(v) == "true"
		case s.is("sheet"):
			name, _ := s.attr("name")
			id, _ := s.attr("id")
			n, err := attrText(name)
			if err != nil {
				return xmlError(err)
			}
			if p, ok := targets[string(id)]; ok && len(wb.sheets) < maxParts {
				wb.sheets = append(wb.sheets, sheetRef{name: n, path: p})
			}
		}
	}
	if len(wb.sheets) == 0 {
		return errNotXLSX
	}
	return nil
}

// sharedStrings are the workbook's shared strings, in one string: string
// i is all[at[i]:at[i+1]].
type sharedStrings struct {
	all string
	at  []uint32
}

func (ss *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i+1 >= len(ss.at) {
		return "", false
	}
	return ss.all[ss.at[i]:ss.at[i+1]], true
}

// strings reads the shared strings (once): the text of each <si>, its runs
// joined, phonetic hints left out.
func (wb *workbook) strings() (*sharedStrings, error) {
	if wb.sst != nil {
		return wb.sst, nil
	}
	ss := &sharedStrings{at: []uint32{0}}
	wb.sst = ss
	pr, err := wb.open(wb.sstPath)
	if err == errNoPart {
		return ss, nil
	}
	if err != nil {
		return nil, err
	}
	defer pr.Close()
	s := newScanner(pr, &wb.lim)
	var (
		all  []byte
		item int // bytes of all at the start of the current <si>
	)
	for {
		k, err := s.next()
		if err != nil {
			return nil, xmlError(err)
		}
		if k == tokEOF {
			break
		}
		if k != tokStart {
			continue
		}
		switch {
		case s.depth == 1: // <sst>
		case s.is("si") && s.depth == 2:
			item = len(all)
			if all, err = siText(s, all); err != nil {
				return nil, xmlError(err)
			}
			all = unescapeOOXML(all, item)
			if wb.lim.text -= len(all) - item; wb.lim.text < 0 {
				return nil, tooLarge(CodeTooMuchText, "Bảng tính chứa hơn %s văn bản; hãy chép riêng bảng danh sách sang một tệp mới rồi gửi tệp đó.", "The workbook holds more than %s of text; copy the list's table alone into a new workbook and send that.", byteSize(maxTextKept))
			}
			if len(ss.at) > wb.cells || len(all) > 1<<32-1 {
				return nil, tooLarge(CodeTooManySharedStrs, "Bảng tính có nhiều chuỗi dùng chung (shared strings) hơn số ô mà bảng của biểu mẫu có thể có.",
					"The workbook has more shared strings than the form's table could have cells.")
			}
			ss.at = append(ss.at, uint32(len(all)))
			if len(ss.at)%(1<<16) == 0 {
				if err := wb.ctx.Err(); err != nil {
					return nil, err
				}
			}
		default:
			if err := s.skip(); err != nil {
				return nil, xmlError(err)
			}
		}
	}
	ss.all = string(all)
	return ss, nil
}

// siText appends the text of the string item (<si> or <is>) whose start
// tag was just read: its <t>, or the <t> of each of its runs <r>, phonetic
// runs (<rPh>) left out.
func siText(s *scanner, dst []byte) ([]byte, error) {
	d := s.depth // the item's children are at depth d+1
	for {
		k, err := s.next()
		if err != nil {
			return dst, err
		}
		switch k {
		case tokEOF:
			return dst, errDamaged
		case tokEnd:
			if s.depth < d {
				return dst, nil
			}
		case tokStart:
			switch {
			case s.is("t"):
				if dst, err = s.elementText(dst); err != nil {
					return dst, err
				}
			case s.is("r") && s.depth == d+1:
				// its <t> is read by the case above
			default:
				if err := s.skip(); err != nil {
					return dst, err
				}
			}
		}
	}
}

// unescapeOOXML decodes, in b[from:], the escapes _xHHHH_ with which Office
// writes characters XML cannot hold (a control character, or "_x005F_" for
// a '_' that precedes what would read as an escape).
func unescapeOOXML(b []byte, from int) []byte {
	if bytes.Index(b[from:], []byte("_x")) < 0 {
		return b
	}
	out := b[:from]
	rest := append([]byte(nil), b[from:]...)
	for len(rest) > 0 {
		i := bytes.Index(rest, []byte("_x"))
		if i < 0 || i+7 > len(rest) || rest[i+6] != '_' || !isHex4(rest[i+2:i+6]) {
			if i < 0 {
				return append(out, rest...)
			}
			out = append(out, rest[:i+2]...)
			rest = rest[i+2:]
			continue
		}
		out = append(out, rest[:i]...)
		n, _ := strconv.ParseUint(string(rest[i+2:i+6]), 16, 16)
		out = utf8.AppendRune(out, rune(n))
		rest = rest[i+7:]
	}
	return out
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// rows reads the rows of a sheet, one at a time.
type rows struct {
	wb   *workbook
	pr   *partReader
	s    *scanner
	n    int      // the current row's number
	read int      // rows read
	val  []byte   // scratch for a cell's text
	wide []string // scratch for a row's cells
	done bool
}

// openRows starts reading the sheet at path: ok is false if it has no
// table (no <sheetData>: a chart sheet).
func (wb *workbook) openRows(p string) (*rows, bool, error) {
	pr, err := wb.open(p)
	if err == errNoPart {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	s := newScanner(pr, &wb.lim)
	for {
		k, err := s.next()
		if err != nil {
			pr.Close()
			return nil, false, xmlError(err)
		}
		if k == tokEOF {
			pr.Close()
			return nil, false, nil
		}
		if k != tokStart {
			continue
		}
		if s.is("sheetData") {
			if s.selfClose {
				pr.Close()
				return nil, false, nil
			}
			return &rows{wb: wb, pr: pr, s: s}, true, nil
		}
		if s.depth > 1 {
			if err := s.skip(); err != nil {
				pr.Close()
				return nil, false, xmlError(err)
			}
		}
	}
}

// close reads what is left of the part if the sheet was read to its end
// (its checksum is checked), and releases it.
func (r *rows) close(complete bool) error {
	defer r.pr.Close()
	if complete {
		return r.pr.drain()
	}
	return nil
}

// next reads the next row: its number (r.n) and its cells, NFC, trailing
// blanks left out. ok is false after the last row.
func (r *rows) next() (cells []string, ok bool, err error) {
	if r.done {
		return nil, false, nil
	}
	if r.read++; r.read%checkEvery == 0 {
		if err := r.wb.ctx.Err(); err != nil {
			return nil, false, err
		}
	}
	s := r.s
	for {
		k, err := s.next()
		if err != nil {
			return nil, false, xmlError(err)
		}
		switch k {
		case tokEOF:
			return nil, false, errDamagedXML
		case tokEnd:
			if s.is("sheetData") {
				r.done = true
				return nil, false, nil
			}
		case tokStart:
			if !s.is("row") {
				if err := s.skip(); err != nil {
					return nil, false, xmlError(err)
				}
				continue
			}
			n := r.n + 1
			if v, ok := s.attr("r"); ok {
				m, err := strconv.Atoi(string(v))
				if err != nil || m <= r.n || m > maxSheetRows {
					return nil, false, notForm(CodeDamaged, "Dòng sau dòng %d của trang tính sai thứ tự hoặc số dòng.", "The row after row %d of the sheet is out of order or numbered out of range.", r.n)
				}
				n = m
			}
			r.n = n
			cells, err := r.cells()
			if err != nil {
				return nil, false, err
			}
			return cells, true, nil
		}
	}
}

// maxSheetRows is Excel's last row.
const maxSheetRows = 1_048_576

// cells reads the cells of the row whose start tag was just read.
func (r *rows) cells() ([]string, error) {
	s := r.s
	wide := r.wide[:0]
	if s.selfClose {
		s.next()
		return nil, nil
	}
	d := s.depth // cells are at depth d+1
	col, count := 0, 0
	for {
		k, err := s.next()
		if err != nil {
			return nil, xmlError(err)
		}
		if k == tokEOF {
			return nil, errDamagedXML
		}
		if k == tokEnd && s.depth < d {
			break
		}
		if k != tokStart {
			continue
		}
		if !s.is("c") || s.depth != d+1 {
			if err := s.skip(); err != nil {
				return nil, xmlError(err)
			}
			continue
		}
		if count++; count > maxRowCells {
			return nil, tooLarge(CodeRowTooWide, "Dòng %d có hơn 16.384 ô; hãy xóa các cột thừa bên phải bảng.", "Row %d has more than 16,384 cells; delete the spare columns right of the table.", r.n)
		}
		if r.wb.cells--; r.wb.cells < 0 {
			return nil, errTooManyCells
		}
		col++
		if ref, ok := s.attr("r"); ok {
			c, ok := columnOf(ref)
			if !ok {
				return nil, notForm(CodeDamaged, "Không đọc được một ô của dòng %d (địa chỉ ô sai).", "A cell of row %d cannot be read (a wrong cell reference).", r.n)
			}
			col = c
		}
		kind, _ := s.attr("t")
		v, err := r.value(string(kind))
		if err != nil {
			return nil, err
		}
		if v == "" || col > keepColumns {
			continue
		}
		for len(wide) < col {
			wide = append(wide, "")
		}
		wide[col-1] = v
	}
	r.wide = wide
	if len(wide) == 0 {
		return nil, nil
	}
	// The budget pays for the XML of the cells (above, a <c> each) and for
	// the row handed on, blanks to its last value included: a row of two
	// cells, A and IV, costs 258.
	if r.wb.cells -= len(wide); r.wb.cells < 0 {
		return nil, errTooManyCells
	}
	out := make([]string, len(wide))
	for i, c := range wide {
		if !norm.NFC.IsNormalString(c) {
			c = norm.NFC.String(c)
		}
		out[i] = c
	}
	return out, nil
}

// value reads the value of the cell whose start tag was just read, as its
// raw text: a shared or inline string's text, a number as written, a
// boolean as 1 or 0, a date cell (t="d") as dd/mm/yyyy when it is one.
func (r *rows) value(kind string) (string, error) {
	s := r.s
	if s.selfClose {
		s.next()
		return "", nil
	}
	d := s.depth
	r.val = r.val[:0]
	var err error
	for {
		k, e := s.next()
		if e != nil {
			return "", xmlError(e)
		}
		if k == tokEOF {
			return "", errDamagedXML
		}
		if k == tokEnd && s.depth < d {
			break
		}
		if k != tokStart || s.depth != d+1 {
			continue
		}
		switch {
		case s.is("v"):
			r.val, err = s.elementText(r.val[:0])
		case s.is("is"):
			r.val, err = siText(s, r.val[:0])
			r.val = unescapeOOXML(r.val, 0)
		default:
			err = s.skip()
		}
		if err != nil {
			return "", xmlError(err)
		}
	}
	switch kind {
	case "s":
		ss, err := r.wb.strings()
		if err != nil {
			return "", err
		}
		i, err := strconv.Atoi(string(bytes.TrimSpace(r.val)))
		v, ok := ss.get(i)
		if err != nil || !ok {
			return "", notForm(CodeDamaged, "Không đọc được một ô của dòng %d (chuỗi dùng chung không có).", "A cell of row %d cannot be read (no such shared string).", r.n)
		}
		return v, nil
	case "d":
		if v, ok := isoDate(r.val); ok {
			return v, nil
		}
	}
	if len(r.val) == 0 {
		return "", nil
	}
	if r.wb.lim.text -= len(r.val); r.wb.lim.text < 0 {
		return "", tooLarge(CodeTooMuchText, "Bảng tính chứa hơn %s văn bản; hãy chép riêng bảng danh sách sang một tệp mới rồi gửi tệp đó.", "The workbook holds more than %s of text; copy the list's table alone into a new workbook and send that.", byteSize(maxTextKept))
	}
	return string(r.val), nil
}

// isoDate writes the date of a date cell (YYYY-MM-DD, a time may follow)
// as dd/mm/yyyy.
func isoDate(v []byte) (string, bool) {
	if len(v) < 10 || v[4] != '-' || v[7] != '-' {
		return "", false
	}
	for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
		if v[i] < '0' || v[i] > '9' {
			return "", false
		}
	}
	return string(v[8:10]) + "/" + string(v[5:7]) + "/" + string(v[0:4]), true
}

// columnOf reads the column of a cell reference ("AB12" is 28).
func columnOf(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
	}
	if i == 0 || col > maxRowCells {
		return 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	return col, true
}
