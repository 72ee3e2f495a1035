package credit_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

func TestValidText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		want bool
	}{
		{"empty", "", true},
		{"ASCII", "45/GCN-CA", true},
		{"Vietnamese", "Lò Văn Hùng, bản Nà Ún", true},
		{"tab", "a\tb", true},
		{"line feed", "a\nb", true},
		{"carriage return", "a\r\nb", true},
		{"space U+0020, the first printable", " ", true},
		{"tilde U+007E, the last printable ASCII", "~", true},
		{"NUL", "a\x00b", false},
		{"NUL alone", "\x00", false},
		{"U+0001", "\x01", false},
		{"U+0008, just below tab", "\x08", false},
		{"U+000B vertical tab, between LF and CR", "\x0b", false},
		{"U+000C form feed", "\x0c", false},
		{"U+000E, just above CR", "\x0e", false},
		{"U+001F, the last C0 control", "a\x1f", false},
		{"DEL U+007F", "a\x7f", false},
		{"U+0080, the first C1 control", "a\u0080", false},
		{"U+0085 next line", "a\u0085b", false},
		{"U+009F, the last C1 control", "\u009f", false},
		{"U+00A0 no-break space, just after C1", "\u00a0", true},
		{"U+00BF", "\u00bf", true},
		{"U+2028 line separator", "a\u2028b", true},
		{"U+FEFF inside the text", "a\ufeffb", true},
		{"U+FFFC, just below the replacement character", "\ufffc", true},
		{"U+FFFD replacement character", "L\ufffdng", false},
		{"U+FFFE", "\ufffe", false},
		{"U+FFFF", "a\uffff", false},
		{"U+EFBF (same lead byte, allowed)", "\uefbf", true},
		{"U+10000", "\U00010000", true},
		{"U+10FFFF", "\U0010ffff", true},
		{"invalid byte 0xFF", "a\xffb", false},
		{"lone continuation byte", "\x80", false},
		{"truncated two-byte sequence", "a\xc3", false},
		{"truncated three-byte sequence at U+FFFD's lead", "\xef\xbf", false},
		{"overlong NUL", "\xc0\x80", false},
		{"encoded surrogate", "\xed\xa0\x80", false},
		{"beyond U+10FFFF", "\xf4\x90\x80\x80", false},
		{"Windows-1258 text", "L\xf2 V\xe3n", false},
		{"long ASCII then NUL", strings.Repeat("a", 1000) + "\x00", false},
		{"long ASCII", strings.Repeat("abc ", 1000), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := credit.ValidText(tc.s); got != tc.want {
				t.Errorf("ValidText(%q) = %v, want %v", tc.s, got, tc.want)
			}
			if got := validTextByRunes(tc.s); got != tc.want {
				t.Errorf("reference(%q) = %v, want %v (the test's reference is wrong)", tc.s, got, tc.want)
			}
		})
	}
}

// validTextByRunes is ValidText written the plain way, rune by rune: the
// reference FuzzValidText compares it with.
func validTextByRunes(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '\t', r == '\n', r == '\r':
		case r < 0x20, r >= 0x7f && r <= 0x9f:
			return false
		case r == 0xfffd, r == 0xfffe, r == 0xffff:
			return false
		}
	}
	return true
}

// FuzzValidText compares ValidText, with its fast paths, with the plain
// reference.
func FuzzValidText(f *testing.F) {
	for _, s := range []string{"", "Lò Văn Hùng", "a\tb\r\n", "\x00", "\x7f", "\u0085", "\u009f", "\u00a0",
		"\ufffd", "\ufffe", "\uffff", "\uefbf", "\xef\xbf", "\xc2", "\xff", "\xed\xa0\x80", "\U0010ffff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := credit.ValidText(s), validTextByRunes(s); got != want {
			t.Fatalf("ValidText(%q) = %v, reference %v", s, got, want)
		}
	})
}

func BenchmarkValidText(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"ASCII-12", "012088004512"},
		{"Vietnamese-name", "Nguyễn Thị Phương Thảo"},
		{"address-200", strings.Repeat("Bản Nà Ún, xã Bản Bo, ", 9)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.s)))
			for b.Loop() {
				if !credit.ValidText(bc.s) {
					b.Fatal("invalid")
				}
			}
		})
	}
}

// A rules file may begin with a UTF-8 byte-order mark, as Windows editors
// write one; only one, and only at the start.
func TestLoadBookByteOrderMark(t *testing.T) {
	var buf bytes.Buffer
	if err := credit.DefaultBook().WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	file := buf.Bytes()
	tests := []struct {
		name string
		data []byte
		ok   bool
	}{
		{"no mark", file, true},
		{"a mark", append([]byte("\ufeff"), file...), true},
		{"two marks", append([]byte("\ufeff\ufeff"), file...), false},
		{"a mark after a space", append([]byte(" \ufeff"), file...), false},
		{"a mark and nothing else", []byte("\ufeff"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b, err := credit.LoadBook(bytes.NewReader(tc.data))
			if tc.ok {
				if err != nil {
					t.Fatalf("LoadBook: %v", err)
				}
				if b.Version() != credit.DefaultBook().Version() {
					t.Errorf("version %q", b.Version())
				}
				return
			}
			if !errors.Is(err, credit.ErrRulesFile) {
				t.Fatalf("LoadBook error = %v, want ErrRulesFile", err)
			}
		})
	}
}

// The text of a rules file is checked as any text that enters: the
// version is in every answer, the citations in many.
func TestLoadBookInvalidText(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string // pointers of invalid_text problems
	}{
		{"a tab in a note passes", `{"version":"x","parameters":{"cap_individual":[{"from":"2023-10-10","value":"100000000","citation":{"instrument":"22/2023/QĐ-TTg","note":"a\tb"}}]}}`, nil},
		{"a NUL in the version", `{"version":"laichau\u0000"}`, []string{"/version"}},
		{"invalid UTF-8 in the version", "{\"version\":\"lai\xffchau\"}", []string{"/version"}},
		{"control characters in a citation", `{"version":"x","parameters":{"cap_individual":[{"from":"2023-10-10","value":"100000000","citation":{"instrument":"22\u0007","text":"\u0085","note":"\ufffd"}}]}}`,
			[]string{"/parameters/cap_individual/0/citation/instrument", "/parameters/cap_individual/0/citation/text",
				"/parameters/cap_individual/0/citation/note"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := credit.LoadBook(strings.NewReader(tc.file))
			var ps credit.Problems
			errors.As(err, &ps)
			var got []string
			for _, p := range ps {
				if p.Code == credit.CodeInvalidText {
					got = append(got, p.Pointer)
				}
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("invalid_text at %v, want %v (error %v)", got, tc.want, err)
			}
			if len(tc.want) == 0 && err != nil {
				t.Errorf("LoadBook: %v", err)
			}
		})
	}
}

func ExampleValidText() {
	fmt.Println(credit.ValidText("Lò Văn Hùng"))
	fmt.Println(credit.ValidText("Bản Nà Bó\r\nxã Bản Bo")) // line breaks are text
	fmt.Println(credit.ValidText("Lò Văn\x00Hùng"))         // a NUL is not
	fmt.Println(credit.ValidText("L\ufffd V\ufffdn"))       // text damaged by a wrong conversion
	// Output:
	// true
	// true
	// false
	// false
}
