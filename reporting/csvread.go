package reporting

import (
	"encoding/csv"
	"io"
	"math/bits"
	"strings"
)

// csvReader reads the records of a CSV file as encoding/csv's Reader does
// with its defaults (comma-separated, no comments, LazyQuotes and
// TrimLeadingSpace off, any number of fields a record), and with
// readLoansCSV's bound on a line: it gives the same records, the same
// errors (a *csv.ParseError with the same StartLine and Line, io.EOF,
// errLineTooLong, the source's error) at the same places, the same line of
// each field and the same input offsets. It is quicker because it does not
// copy each record into a string of its own: the input is kept as text, a
// block at a time, and a field is a part of it (a quoted field with a
// doubled quote or a line break inside is the only one made anew).
//
// What it reads past is bounded as encoding/csv's Reader was through
// lineBound: no byte at or beyond limit is part of a line; a line that
// needs one ends there with errLineTooLong (a source that ends exactly at
// limit included).
type csvReader struct {
	src   io.Reader
	chunk []byte // what src is read into
	text  string // the input from offset base
	pos   int    // in text, the first byte not read as a line
	base  int64  // input offset of text[0]
	eof   bool   // src has ended: text holds the rest of the input
	err   error  // src's error (not io.EOF), returned when text is read to its end

	limit   int64 // input offset no line may reach: set by the caller
	numLine int   // lines read (encoding/csv's numLine)

	recLine  int // the line the last record starts on
	lastLine int // the line its last field starts on
	// plain says the last record is a line of printable ASCII without
	// quotes or spaces: its fields need no trimming and are UTF-8.
	plain bool
	field []byte // a quoted field being unquoted
}

// csvChunk is how much of the input csvReader reads at a time: with the
// end of a line before it, a block of text of at most 64 KiB most times.
const csvChunk = 60 << 10

func newCSVReader(src io.Reader) *csvReader {
	return &csvReader{src: src, chunk: make([]byte, csvChunk), limit: MaxCSVLine + csvBuffer}
}

// offset is the input offset of the end of the last line read.
func (r *csvReader) offset() int64 { return r.base + int64(r.pos) }

// fill reads the next block of the input after text, or notes that it
// ended (or failed).
func (r *csvReader) fill() {
	var (
		n, empty int
		err      error
	)
	// The chunk is filled, so that a source that gives a few bytes at a
	// time does not make as many blocks; as bufio.Reader, a source that
	// gives nothing many times over fails.
	for n < len(r.chunk) && err == nil {
		var m int
		m, err = r.src.Read(r.chunk[n:])
		n += m
		if m == 0 && err == nil {
			if empty++; empty == 100 {
				err = io.ErrNoProgress
			}
		}
	}
	if n > 0 {
		// (a Builder's text is not copied again, as a conversion would be)
		var b strings.Builder
		b.Grow(len(r.text) - r.pos + n)
		b.WriteString(r.text[r.pos:])
		b.Write(r.chunk[:n])
		r.base += int64(r.pos)
		r.text = b.String()
		r.pos = 0
	}
	switch {
	case err == io.EOF:
		r.eof = true
	case err != nil:
		r.err = err
	}
}

// peek returns the first n bytes of the input, or fewer with the error
// that ended it (io.EOF at the end of the input), as bufio.Reader.Peek.
func (r *csvReader) peek(n int) (string, error) {
	for len(r.text)-r.pos < n && !r.eof && r.err == nil {
		r.fill()
	}
	if s := r.text[r.pos:]; len(s) >= n {
		return s[:n], nil
	}
	if r.err != nil {
		err := r.err
		r.err = nil
		return r.text[r.pos:], err
	}
	return r.text[r.pos:], io.EOF
}

// discard skips n bytes peeked.
func (r *csvReader) discard(n int) { r.pos += n }

// readLine is encoding/csv's readLine: the next line, s without its line
// break ("\n" or "\r\n"; nl says whether it had one). At the end of the
// input, a line without a break loses a trailing "\r" and its error is
// nil; an empty one is io.EOF. A line cut short by limit or by src's error
// ends with that error.
func (r *csvReader) readLine() (s string, nl bool, err error) {
	for {
		end := len(r.text)
		if lim := r.limit - r.base; int64(end) > lim {
			end = max(int(lim), r.pos)
		}
		if i := strings.IndexByte(r.text[r.pos:end], '\n'); i >= 0 {
			s = r.text[r.pos : r.pos+i]
			r.pos += i + 1
			r.numLine++
			if n := len(s); n > 0 && s[n-1] == '\r' {
				s = s[:n-1]
			}
			return s, true, nil
		}
		switch {
		case r.base+int64(len(r.text)) >= r.limit:
			err = errLineTooLong
		case r.eof:
			err = io.EOF
		case r.err != nil:
			err, r.err = r.err, nil
		default:
			r.fill()
			continue
		}
		s = r.text[r.pos:end]
		r.pos = end
		r.numLine++
		if s != "" && err == io.EOF {
			err = nil
			if s[len(s)-1] == '\r' {
				s = s[:len(s)-1]
			}
		}
		return s, false, err
	}
}

// readRecord reads the next record, as encoding/csv's readRecord does, and
// returns its fields appended to dst. The error is nil, io.EOF (and no
// record), a *csv.ParseError, errLineTooLong or src's error. recLine and
// lastLine are the lines its first and last fields start on.
func (r *csvReader) readRecord(dst []string) ([]string, error) {
	// Read a line, skipping empty lines.
	var (
		s       string
		nl      bool
		errRead error
	)
	for errRead == nil {
		s, nl, errRead = r.readLine()
		if errRead == nil && s == "" {
			continue
		}
		break
	}
	if errRead == io.EOF {
		return dst, errRead
	}
	r.recLine = r.numLine
	r.lastLine = r.numLine

	// The quick way: a line without a quote is its fields.
	d, ok, plain := splitLine(dst, s)
	r.plain = plain
	if ok {
		return d, errRead
	}

	posLine := r.numLine // encoding/csv's pos.line
	for {
		if s == "" || s[0] != '"' {
			// A field without quotes.
			r.lastLine = posLine
			i := strings.IndexByte(s, ',')
			f := s
			if i >= 0 {
				f = s[:i]
			}
			if strings.IndexByte(f, '"') >= 0 {
				return dst, &csv.ParseError{StartLine: r.recLine, Line: r.numLine, Err: csv.ErrBareQuote}
			}
			dst = append(dst, f)
			if i < 0 {
				return dst, errRead
			}
			s = s[i+1:]
			continue
		}
		// A quoted field. While it is one piece of text (no doubled quote,
		// no line break inside), it is a part of the text; otherwise it is
		// built in r.field.
		r.lastLine = posLine
		s = s[1:]
		var (
			part  string // the field so far, while it is one piece
			built bool   // the field is in r.field
		)
		add := func(t string) {
			switch {
			case t == "":
			case built:
				r.field = append(r.field, t...)
			case part == "":
				part = t
			default:
				r.field = append(append(r.field[:0], part...), t...)
				built = true
			}
		}
		value := func() string {
			if built {
				return string(r.field)
			}
			return part
		}
	quoted:
		for {
			if i := strings.IndexByte(s, '"'); i >= 0 {
				add(s[:i])
				s = s[i+1:]
				switch {
				case s != "" && s[0] == '"': // `""`: a quote
					add(`"`)
					s = s[1:]
				case s != "" && s[0] == ',': // `",`: the end of the field
					dst = append(dst, value())
					s = s[1:]
					break quoted
				case s == "": // `"` and the line break: the end of the record
					return append(dst, value()), errRead
				default: // `"` and anything else
					return dst, &csv.ParseError{StartLine: r.recLine, Line: r.numLine, Err: csv.ErrQuote}
				}
			} else if s != "" || nl {
				// The line ends inside the field: it goes on on the next.
				add(s)
				if nl {
					add("\n")
				}
				if errRead != nil {
					return dst, errRead
				}
				s, nl, errRead = r.readLine()
				if s != "" || nl {
					posLine++
				}
				if errRead == io.EOF {
					errRead = nil
				}
			} else {
				// The input ends inside the field.
				if errRead == nil {
					return dst, &csv.ParseError{StartLine: r.recLine, Line: posLine, Err: csv.ErrQuote}
				}
				return append(dst, value()), errRead
			}
		}
	}
}

// splitLine appends the fields of line s to dst, if s has no quote; if it
// has one, it returns dst as it was and false. plain says that s is all
// printable ASCII without spaces (no byte below '!' or above 0x7f). It
// looks at eight bytes at a time.
func splitLine(dst []string, s string) (_ []string, ok, plain bool) {
	n, start, i := len(dst), 0, 0
	var high, low uint64 // bytes above 0x7f, bytes below '!' (if none above)
	for ; i+8 <= len(s); i += 8 {
		t := s[i : i+8] // (one load of eight bytes)
		w := uint64(t[7])<<56 | uint64(t[6])<<48 | uint64(t[5])<<40 | uint64(t[4])<<32 |
			uint64(t[3])<<24 | uint64(t[2])<<16 | uint64(t[1])<<8 | uint64(t[0])
		if zeroBytes(w^quotes) != 0 {
			return dst[:n], false, false
		}
		high |= w
		low |= (w - bangs) &^ w
		for m := zeroBytes(w ^ commas); m != 0; m &= m - 1 {
			j := i + bits.TrailingZeros64(m)>>3
			dst = append(dst, s[start:j])
			start = j + 1
		}
	}
	plain = (high|low)&highBits == 0
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"':
			return dst[:n], false, false
		case c == ',':
			dst = append(dst, s[start:i])
			start = i + 1
		case c < '!' || c >= 0x80:
			plain = false
		}
	}
	return append(dst, s[start:]), true, plain
}

const (
	lows7    = 0x7f7f7f7f7f7f7f7f
	quotes   = 0x2222222222222222 // '"' in each byte
	commas   = 0x2c2c2c2c2c2c2c2c // ','
	bangs    = 0x2121212121212121 // '!'
	highBits = 0x8080808080808080
)

// zeroBytes has the top bit of each byte of x that is 0 set, and no other
// bit.
func zeroBytes(x uint64) uint64 {
	return ^((x&lows7 + lows7) | x | lows7)
}
