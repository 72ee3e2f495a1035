package credit

import "unicode/utf8"

// ValidText reports whether s is text this module accepts in a field: valid
// UTF-8 holding no character a workbook cannot keep and none that is only
// junk. Refused are
//
//   - bytes that are not UTF-8;
//   - the C0 control characters U+0000–U+001F, except tab, line feed and
//     carriage return (a spreadsheet cell holds line breaks);
//   - DEL (U+007F) and the C1 control characters U+0080–U+009F;
//   - the noncharacters U+FFFE and U+FFFF;
//   - U+FFFD, the replacement character: the text was damaged by an
//     earlier conversion (a file read in the wrong encoding), and what it
//     said is lost.
//
// This is what an XML 1.0 document (an .xlsx workbook) cannot hold, plus
// what no person's name or address holds. The empty string is valid. Every
// text field of a form, a request or a loan book is checked with it; a
// field that fails is a problem with code CodeInvalidText.
//
// It runs on every string that enters, so it is one pass over the bytes
// that allocates nothing: a table says what each byte begins, ASCII takes
// one look, and the two- and three-byte sequences of Vietnamese letters
// are checked in place.
func ValidText(s string) bool {
	n := len(s)
	for i := 0; i < n; {
		c := s[i]
		switch textBytes[c] {
		case tbASCII:
			i++
		case tbRefused:
			return false
		case tbTwo:
			if i+1 >= n || s[i+1]&0xc0 != 0x80 {
				return false
			}
			i += 2
		case tbC2: // U+0080–U+00BF: the C1 controls are U+0080–U+009F
			if i+1 >= n || s[i+1] < 0xa0 || s[i+1] > 0xbf {
				return false
			}
			i += 2
		case tbThree:
			if i+2 >= n || s[i+1]&0xc0 != 0x80 || s[i+2]&0xc0 != 0x80 {
				return false
			}
			i += 3
		default: // E0, ED, EF and the four-byte leads: the decoder's rules
			if c == 0xef && i+2 < n && s[i+1] == 0xbf && s[i+2] >= 0xbd {
				return false // U+FFFD, U+FFFE, U+FFFF
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			i += size
		}
	}
	return true
}

// What a byte begins, for ValidText.
const (
	tbASCII   = iota // a printable ASCII character, a tab, a line feed, a carriage return
	tbRefused        // another ASCII control, DEL, or a byte no UTF-8 sequence begins with
	tbTwo            // C3–DF: a two-byte sequence, U+00C0–U+07FF
	tbC2             // C2: U+0080–U+00BF, of which U+0080–U+009F are refused
	tbThree          // E1–EC, EE: a three-byte sequence with no special case
	tbOther          // E0, ED, EF, F0–F4: overlong forms, surrogates, U+FFFx, four bytes
)

var textBytes = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == '\t' || c == '\n' || c == '\r':
			t[c] = tbASCII
		case c < 0x20 || c == 0x7f:
			t[c] = tbRefused
		case c < 0x80:
			t[c] = tbASCII
		case c < 0xc2 || c > 0xf4: // continuation bytes, overlong leads, beyond U+10FFFF
			t[c] = tbRefused
		case c == 0xc2:
			t[c] = tbC2
		case c < 0xe0:
			t[c] = tbTwo
		case c >= 0xe1 && c <= 0xec || c == 0xee:
			t[c] = tbThree
		default:
			t[c] = tbOther
		}
	}
	return t
}()
