package xlsx

import (
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// A workbook's XML is read by a small pull scanner of our own rather than
// encoding/xml (which excelize uses): it allocates nothing per token, and
// it keeps the budget of a read as it goes — how deep elements nest, how
// many elements and attributes there are, how long a tag or a text is — so
// that a part built to cost its reader is refused at the first token over
// a bound, never read further. It reads what a spreadsheet's parts are
// made of: elements, attributes, text with the five predefined entities and
// character references, CDATA sections, comments and processing
// instructions (skipped). A document type declaration is refused: no
// workbook has one, and entities it could declare are a classic attack.

// Bounds of one token and of nesting.
const (
	// maxDepth bounds how deep elements nest (a worksheet's cells are at
	// depth 4, a drawing's shapes rarely beyond 20).
	maxDepth = 64
	// maxAttrs bounds the attributes of one element (a row has at most
	// 13, a part's root a few namespace declarations more).
	maxAttrs = 128
	// maxToken bounds one tag or one run of text: it must be shorter than
	// this many bytes (a cell holds at most 32,767 characters).
	maxToken = 512 << 10
	// scanBuffer is the scanner's first buffer size; it grows up to
	// maxToken for a long token.
	scanBuffer = 32 << 10
)

// Kinds of token.
const (
	tokEOF   = iota
	tokStart // <name attr="…"> or <name/>: name, attrs, selfClose
	tokEnd   // </name>, or the end of an element <name/>
	tokText  // text: raw, to be decoded with appendText (cdata: literal)
)

// xmlAttr is an attribute: local name and raw value (entities not decoded).
type xmlAttr struct{ name, value []byte }

// budget is what a whole read may still cost: elements and text kept.
type budget struct {
	elements int // start tags
	text     int // bytes of text kept (shared strings and cells)
}

// errDamaged is the cause of a notForm error for XML that is not well
// formed.
var errDamaged = errors.New("xlsx: the workbook's XML is damaged")

// scanner reads the tokens of one XML part. A token's slices point into
// its buffer and are valid until the next call of next.
type scanner struct {
	src  io.Reader
	buf  []byte
	r, w int  // the unread bytes are buf[r:w]
	eof  bool // src is exhausted
	err  error
	lim  *budget

	kind      int
	name      []byte // local name of a start or end tag
	selfClose bool   // the start tag was <name/>: its tokEnd comes next
	attrs     []xmlAttr
	text      []byte
	cdata     bool
	pendEnd   bool // a self-closing tag's end is the next token

	depth int
	stack [maxDepth]uint64 // hashes of the open elements' qualified names
}

// nameHash is FNV-1a of a qualified name: the stack of open elements keeps
// hashes, not names, to check that an end tag closes the element open
// (a collision would only let a damaged part through, never misread a
// well-formed one).
func nameHash(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func newScanner(src io.Reader, lim *budget) *scanner {
	return &scanner{src: src, buf: make([]byte, scanBuffer), lim: lim, attrs: make([]xmlAttr, 0, 16)}
}

// fill reads more of src into the buffer, keeping buf[keep:w]: it moves
// them to the front, growing the buffer (up to maxToken) when they fill
// it. It returns the shift applied to offsets into the buffer and false at
// the end of src or on an error (in s.err).
func (s *scanner) fill(keep int) (shift int, ok bool) {
	if s.eof {
		return 0, false
	}
	if keep > 0 {
		copy(s.buf, s.buf[keep:s.w])
		s.w -= keep
		s.r -= keep
		shift = keep
	}
	if s.w == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.err = tooLarge(CodeXMLTokenTooLong, "Một thẻ hoặc một đoạn văn bản trong XML của bảng tính dài từ %s trở lên (một ô chứa tối đa 32.767 ký tự).",
				"An XML tag or run of text of the workbook is %s or longer (a cell holds at most 32,767 characters).", byteSize(maxToken))
			return shift, false
		}
		nb := make([]byte, min(2*len(s.buf), maxToken))
		copy(nb, s.buf[:s.w])
		s.buf = nb
	}
	for {
		n, err := s.src.Read(s.buf[s.w:])
		s.w += n
		if err != nil {
			if err != io.EOF {
				s.err = err
			}
			s.eof = true
			return shift, n > 0
		}
		if n > 0 {
			return shift, true
		}
	}
}

// next reads the next token; at the end of the part it returns tokEOF, or
// an error if the XML is not well formed, is over a bound, or src failed.
func (s *scanner) next() (int, error) {
	if s.err != nil {
		return tokEOF, s.err
	}
	if s.pendEnd {
		s.pendEnd = false
		s.depth--
		s.kind = tokEnd
		return tokEnd, nil
	}
	for {
		if s.r == s.w {
			if _, ok := s.fill(s.r); !ok {
				if s.err != nil {
					return tokEOF, s.err
				}
				if s.depth != 0 {
					return tokEOF, s.fail(errDamaged)
				}
				s.kind = tokEOF
				return tokEOF, nil
			}
		}
		if s.buf[s.r] != '<' {
			return s.scanText()
		}
		k, err := s.scanMarkup()
		if err != nil {
			return tokEOF, s.fail(err)
		}
		if k >= 0 {
			s.kind = k
			return k, nil
		}
	}
}

func (s *scanner) fail(err error) error {
	if s.err == nil {
		s.err = err
	}
	return s.err
}

// scanText reads text up to the next '<' (or the end of the part).
func (s *scanner) scanText() (int, error) {
	from := s.r
	at := s.r
	for {
		if i := bytes.IndexByte(s.buf[at:s.w], '<'); i >= 0 {
			s.text, s.cdata = s.buf[from:at+i], false
			s.r = at + i
			s.kind = tokText
			return tokText, nil
		}
		at = s.w
		shift, ok := s.fill(from)
		from -= shift
		at -= shift
		if !ok {
			if s.err != nil {
				return tokEOF, s.err
			}
			s.text, s.cdata = s.buf[from:s.w], false
			s.r = s.w
			s.kind = tokText
			return tokText, nil
		}
	}
}

// find returns the offset in the buffer of the first sep at or after from+skip,
// reading more as needed; the bytes from `from` are kept.
func (s *scanner) find(from, skip int, sep []byte) (start, end int, err error) {
	at := from + skip
	for {
		if i := bytes.Index(s.buf[at:s.w], sep); i >= 0 {
			return from, at + i, nil
		}
		// Keep the last len(sep)-1 bytes: sep may straddle the boundary.
		at = max(from+skip, s.w-len(sep)+1)
		shift, ok := s.fill(from)
		from -= shift
		at -= shift
		if !ok {
			if s.err != nil {
				return 0, 0, s.err
			}
			return 0, 0, errDamaged
		}
	}
}

// ensure makes n bytes from s.r available, if the part has them.
func (s *scanner) ensure(n int) bool {
	for s.w-s.r < n {
		if _, ok := s.fill(s.r); !ok {
			return false
		}
	}
	return true
}

var (
	cdataOpen  = []byte("<![CDATA[")
	cdataClose = []byte("]]>")
	piClose    = []byte("?>")
	comOpen    = []byte("<!--")
	comClose   = []byte("-->")
)

// scanMarkup reads the markup at s.r ('<'): a tag, or a CDATA section
// (tokText); it returns -1 for what is skipped (comments, processing
// instructions).
func (s *scanner) scanMarkup() (int, error) {
	s.ensure(9)
	rest := s.buf[s.r:s.w]
	switch {
	case len(rest) >= 2 && rest[1] == '?':
		_, end, err := s.find(s.r, 2, piClose)
		if err != nil {
			return 0, err
		}
		s.r = end + len(piClose)
		return -1, nil
	case bytes.HasPrefix(rest, comOpen):
		_, end, err := s.find(s.r, len(comOpen), comClose)
		if err != nil {
			return 0, err
		}
		s.r = end + len(comClose)
		return -1, nil
	case bytes.HasPrefix(rest, cdataOpen):
		if s.depth == 0 {
			return 0, errDamaged
		}
		start, end, err := s.find(s.r, len(cdataOpen), cdataClose)
		if err != nil {
			return 0, err
		}
		s.text, s.cdata = s.buf[start+len(cdataOpen):end], true
		s.r = end + len(cdataClose)
		return tokText, nil
	case len(rest) >= 2 && rest[1] == '!':
		return 0, errDoctype
	}
	end, err := s.tagEnd()
	if err != nil {
		return 0, err
	}
	tag := s.buf[s.r+1 : end]
	s.r = end + 1
	if len(tag) > 0 && tag[0] == '/' {
		return tokEnd, s.endTag(tag[1:])
	}
	return tokStart, s.startTag(tag)
}

// tagEnd finds the '>' that ends the tag at s.r, outside quoted values.
func (s *scanner) tagEnd() (int, error) {
	at := s.r + 1
	var quote byte
	for {
		for at < s.w {
			if quote != 0 {
				i := bytes.IndexByte(s.buf[at:s.w], quote)
				if i < 0 {
					at = s.w
					break
				}
				at += i + 1
				quote = 0
				continue
			}
			i := bytes.IndexAny(s.buf[at:s.w], tagStops)
			if i < 0 {
				at = s.w
				break
			}
			at += i
			switch c := s.buf[at]; c {
			case '>':
				return at, nil
			case '<':
				return 0, errDamaged
			default:
				quote = c
				at++
			}
		}
		shift, ok := s.fill(s.r)
		at -= shift
		if !ok {
			if s.err != nil {
				return 0, s.err
			}
			return 0, errDamaged
		}
	}
}

// tagStops are the bytes that matter inside a tag, outside quoted values.
const tagStops = "<>\"'"

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// localName is the part of a qualified name after its prefix.
func localName(q []byte) []byte {
	if i := bytes.LastIndexByte(q, ':'); i >= 0 {
		return q[i+1:]
	}
	return q
}

func (s *scanner) startTag(tag []byte) error {
	if s.lim.elements--; s.lim.elements < 0 {
		return tooLarge(CodeXMLTooManyElems, "XML của bảng tính có nhiều phần tử hơn bảng của biểu mẫu có thể có.",
			"The workbook's XML has more elements than the form's table could have.")
	}
	self := len(tag) > 0 && tag[len(tag)-1] == '/'
	if self {
		tag = tag[:len(tag)-1]
	}
	i := 0
	for i < len(tag) && !isSpace(tag[i]) {
		i++
	}
	q := tag[:i]
	if len(q) == 0 {
		return errDamaged
	}
	s.name, s.selfClose = localName(q), self
	s.attrs = s.attrs[:0]
	for {
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i == len(tag) {
			break
		}
		j := i
		for j < len(tag) && tag[j] != '=' && !isSpace(tag[j]) {
			j++
		}
		name := tag[i:j]
		for j < len(tag) && isSpace(tag[j]) {
			j++
		}
		if len(name) == 0 || j == len(tag) || tag[j] != '=' {
			return errDamaged
		}
		j++
		for j < len(tag) && isSpace(tag[j]) {
			j++
		}
		if j == len(tag) || tag[j] != '"' && tag[j] != '\'' {
			return errDamaged
		}
		k := bytes.IndexByte(tag[j+1:], tag[j])
		if k < 0 {
			return errDamaged
		}
		if len(s.attrs) == maxAttrs {
			return tooLarge(CodeXMLTooManyAttrs, "Một phần tử XML của bảng tính có hơn %d thuộc tính.", "An XML element of the workbook has more than %d attributes.", maxAttrs)
		}
		s.attrs = append(s.attrs, xmlAttr{localName(name), tag[j+1 : j+1+k]})
		i = j + 1 + k + 1
	}
	if s.depth == maxDepth {
		return tooLarge(CodeXMLTooDeep, "XML của bảng tính lồng nhau sâu hơn %d cấp.", "The workbook's XML nests deeper than %d levels.", maxDepth)
	}
	s.stack[s.depth] = nameHash(q)
	s.depth++
	if self {
		s.pendEnd = true
	}
	return nil
}

func (s *scanner) endTag(tag []byte) error {
	for len(tag) > 0 && isSpace(tag[len(tag)-1]) {
		tag = tag[:len(tag)-1]
	}
	if s.depth == 0 || s.stack[s.depth-1] != nameHash(tag) {
		return errDamaged
	}
	s.depth--
	s.name = localName(tag)
	return nil
}

// attr returns the raw value of the attribute of the current start tag
// with the local name, and whether it is there.
func (s *scanner) attr(name string) ([]byte, bool) {
	for _, a := range s.attrs {
		if string(a.name) == name {
			return a.value, true
		}
	}
	return nil, false
}

// skip reads past the end of the element whose start tag was just read.
func (s *scanner) skip() error {
	d := s.depth - 1
	for s.depth > d {
		k, err := s.next()
		if err != nil {
			return err
		}
		if k == tokEOF {
			return s.fail(errDamaged)
		}
	}
	return nil
}

// is reports whether the current token's local name is name.
func (s *scanner) is(name string) bool { return string(s.name) == name }

// appendText appends the text raw (as read: entities and character
// references, line ends) decoded to dst. Line ends are normalised to "\n"
// as an XML processor does.
func appendText(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 12 {
			return dst, errDamaged
		}
		ref := raw[1:end]
		raw = raw[end+1:]
		switch string(ref) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ref) < 2 || ref[0] != '#' {
				return dst, errDamaged
			}
			var n uint64
			var err error
			if ref[1] == 'x' {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil || n > utf8.MaxRune {
				return dst, errDamaged
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}

// textOf appends the current text token to dst, decoded.
func (s *scanner) textOf(dst []byte) ([]byte, error) {
	if s.cdata {
		return append(dst, s.text...), nil
	}
	out, err := appendText(dst, s.text)
	if err != nil {
		return out, s.fail(err)
	}
	return out, nil
}

// elementText reads the text of the element whose start tag was just read,
// up to its end, appending it to dst (child elements are skipped).
func (s *scanner) elementText(dst []byte) ([]byte, error) {
	d := s.depth - 1
	for {
		k, err := s.next()
		if err != nil {
			return dst, err
		}
		switch k {
		case tokEOF:
			return dst, s.fail(errDamaged)
		case tokText:
			if s.depth == d+1 {
				if dst, err = s.textOf(dst); err != nil {
					return dst, err
				}
			}
		case tokEnd:
			if s.depth == d {
				return dst, nil
			}
		}
	}
}
