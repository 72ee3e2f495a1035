package xlsx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/vnreentry/credit/forms"
)

// tokens reads data with the scanner and writes its tokens one a line:
// "<name a=v>" for a start tag, "</name>" for an end, "text" (decoded,
// adjacent runs joined) for text.
func tokens(r io.Reader, lim *budget) (string, error) {
	s := newScanner(r, lim)
	var out strings.Builder
	var text []byte
	flush := func() {
		if len(text) > 0 {
			out.WriteString("text " + strings.ReplaceAll(string(text), "\n", `\n`) + "\n")
			text = text[:0]
		}
	}
	for {
		k, err := s.next()
		if err != nil {
			return out.String(), err
		}
		switch k {
		case tokEOF:
			flush()
			return out.String(), nil
		case tokText:
			if s.depth == 0 {
				continue // as encoding/xml: outside the root element
			}
			if text, err = s.textOf(text); err != nil {
				return out.String(), err
			}
		case tokStart:
			flush()
			out.WriteString("<" + string(s.name))
			for _, a := range s.attrs {
				v, err := attrText(a.value)
				if err != nil {
					return out.String(), err
				}
				out.WriteString(" " + string(a.name) + "=" + v)
			}
			out.WriteString(">\n")
		case tokEnd:
			flush()
			out.WriteString("</" + string(s.name) + ">\n")
		}
	}
}

func bigBudget() *budget { return &budget{elements: 1 << 30, text: 1 << 30} }

func TestScanner(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		err            error // nil, errDamaged, or a sentinel of the error
	}{
		{"empty", "", "", nil},
		{"declaration and root", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a/>`, "<a>\n</a>\n", nil},
		{"attributes, both quotes", `<x:c r="A1" t='s' >1</x:c>`, "<c r=A1 t=s>\ntext 1\n</c>\n", nil},
		{"a '>' inside a value", `<a b="x>y"/>`, "<a b=x>y>\n</a>\n", nil},
		{"entities", `<t>&lt;&gt;&amp;&quot;&apos;&#65;&#x1EA1;</t>`, "<t>\ntext <>&\"'Aạ\n</t>\n", nil},
		{"entity in a value", `<s name="A &amp; B"/>`, "<s name=A & B>\n</s>\n", nil},
		{"line ends", "<t>a\r\nb\rc&#13;</t>", "<t>\ntext a\\nb\\nc\r\n</t>\n", nil},
		{"CDATA", `<t>a<![CDATA[<b>&amp;]]>c</t>`, "<t>\ntext a<b>&amp;c\n</t>\n", nil},
		{"comments and instructions", `<a><!-- x > y --><?pi z?>b</a>`, "<a>\ntext b\n</a>\n", nil},
		{"nested", `<a><b><c/></b></a>`, "<a>\n<b>\n<c>\n</c>\n</b>\n</a>\n", nil},
		{"end tag with space", `<a></a >`, "<a>\n</a>\n", nil},
		{"end tag of another", `<a></b>`, "<a>\n", errDamaged},
		{"end tag of another prefix", `<x:a></y:a>`, "<a>\n", errDamaged},
		{"end without start", `</a>`, "", errDamaged},
		{"unclosed", `<a><b></b>`, "<a>\n<b>\n</b>\n", errDamaged},
		{"unterminated tag", `<a b="c`, "", errDamaged},
		{"'<' in a tag", `<a <b>`, "", errDamaged},
		{"attribute without value", `<a b>`, "", errDamaged},
		{"attribute without quotes", `<a b=c>`, "", errDamaged},
		{"no name", `< a>`, "", errDamaged},
		{"unknown entity", `<a>&nbsp;</a>`, "<a>\n", errDamaged},
		{"bad character reference", `<a>&#xZZ;</a>`, "<a>\n", errDamaged},
		{"reference out of range", `<a>&#1114112;</a>`, "<a>\n", errDamaged},
		{"bare ampersand", `<a>x & y</a>`, "<a>\n", errDamaged},
		{"unterminated comment", `<a><!-- x`, "<a>\n", errDamaged},
		{"unterminated CDATA", `<a><![CDATA[x`, "<a>\n", errDamaged},
		{"CDATA outside the root", `<![CDATA[x]]><a/>`, "", errDamaged},
		{"document type", `<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>`, "", forms.ErrNotForm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, r := range []struct {
				name string
				r    func() io.Reader
			}{
				{"whole", func() io.Reader { return strings.NewReader(tc.in) }},
				{"byte by byte", func() io.Reader { return iotest.OneByteReader(strings.NewReader(tc.in)) }},
			} {
				got, err := tokens(r.r(), bigBudget())
				if got != tc.want {
					t.Errorf("%s: tokens\n%s\nwant\n%s", r.name, got, tc.want)
				}
				if tc.err == nil && err != nil || tc.err != nil && !errors.Is(err, tc.err) {
					t.Errorf("%s: error %v, want %v", r.name, err, tc.err)
				}
			}
		})
	}
}

func TestScannerBounds(t *testing.T) {
	deep := func(n int) string { return strings.Repeat("<a>", n) + strings.Repeat("</a>", n) }
	attrs := func(n int) string { return "<a" + strings.Repeat(` b="1"`, n) + "/>" }
	for _, tc := range []struct {
		name     string
		in       string
		elements int
		tooLarge bool
	}{
		{"64 levels", deep(maxDepth), 1000, false},
		{"65 levels", deep(maxDepth + 1), 1000, true},
		{"128 attributes", attrs(maxAttrs), 1000, false},
		{"129 attributes", attrs(maxAttrs + 1), 1000, true},
		{"a text of maxToken-1 bytes", "<a>" + strings.Repeat("x", maxToken-1) + "</a>", 1000, false},
		{"a text of maxToken bytes", "<a>" + strings.Repeat("x", maxToken) + "</a>", 1000, true},
		{"a tag of maxToken+1 bytes", `<a b="` + strings.Repeat("x", maxToken) + `"/>`, 1000, true},
		{"a comment longer than maxToken", "<a><!--" + strings.Repeat("x", maxToken) + "--></a>", 1000, true},
		{"as many elements as the budget", "<a>" + strings.Repeat("<b/>", 9) + "</a>", 10, false},
		{"one element more", "<a>" + strings.Repeat("<b/>", 10) + "</a>", 10, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tokens(iotest.HalfReader(strings.NewReader(tc.in)), &budget{elements: tc.elements, text: 1 << 30})
			if got := errors.Is(err, forms.ErrFileTooLarge); got != tc.tooLarge {
				t.Errorf("error %v, want too large: %v", err, tc.tooLarge)
			}
			if !tc.tooLarge && err != nil {
				t.Errorf("error %v", err)
			}
		})
	}
}

// FuzzScanner compares the scanner with encoding/xml: where encoding/xml
// reads a document without error, the scanner reads the same elements,
// attributes and text (it may refuse a document type, which no workbook
// has, and XML over its bounds). Names with more than one colon are left
// aside (encoding/xml splits them at the first).
func FuzzScanner(f *testing.F) {
	for _, s := range []string{
		`<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		`<sst><si><t xml:space="preserve"> a </t></si><si><r><rPr/><t>b</t></r><rPh><t>c</t></rPh></si></sst>`,
		`<a x='1' y="&amp;&#65;">t&lt;<![CDATA[]]>u<!--c--></a>`,
		"<a>\r\n</a>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want, ok := stdTokens(data)
		got, err := tokens(iotest.HalfReader(bytes.NewReader(data)), bigBudget())
		if !ok || errors.Is(err, forms.ErrFileTooLarge) || err == errDoctype {
			return
		}
		if err != nil {
			t.Fatalf("scanner: %v; encoding/xml reads it:\n%s", err, want)
		}
		if got != want {
			t.Fatalf("scanner:\n%s\nencoding/xml:\n%s", got, want)
		}
	})
}

// stdTokens is tokens by encoding/xml; ok is false if it does not read
// data as one well-formed element.
func stdTokens(data []byte) (string, bool) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var out strings.Builder
	var text []byte
	depth, roots := 0, 0
	flush := func() {
		if len(text) > 0 {
			out.WriteString("text " + strings.ReplaceAll(string(text), "\n", `\n`) + "\n")
			text = text[:0]
		}
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			flush()
			return out.String(), depth == 0 && roots == 1
		}
		if err != nil {
			return "", false
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
			flush()
			if strings.Contains(tk.Name.Local, ":") {
				return "", false
			}
			out.WriteString("<" + tk.Name.Local)
			for _, a := range tk.Attr {
				if strings.Contains(a.Name.Local, ":") {
					return "", false
				}
				out.WriteString(" " + a.Name.Local + "=" + a.Value)
			}
			out.WriteString(">\n")
		case xml.EndElement:
			depth--
			flush()
			out.WriteString("</" + tk.Name.Local + ">\n")
		case xml.CharData:
			if depth == 0 {
				if len(bytes.TrimSpace(tk)) > 0 {
					return "", false
				}
				continue
			}
			text = append(text, tk...)
		}
	}
}
