package forms_test

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

func TestWriteHTMLGolden(t *testing.T) {
	var b01, b02 bytes.Buffer
	if err := forms.WriteHTML01(&b01, ioList01()); err != nil {
		t.Fatal(err)
	}
	ioCheckGolden(t, "html/list01.html", b01.Bytes())
	if err := forms.WriteHTML02(&b02, ioPlan02()); err != nil {
		t.Fatal(err)
	}
	ioCheckGolden(t, "html/plan02.html", b02.Bytes())
}

// ioWellFormed checks that page is a complete document whose markup is
// well-formed (every element closed and nested, attributes quoted, only
// the entities XML knows): the page is written as polyglot markup so that
// the standard library's XML decoder can check it strictly.
func ioWellFormed(t *testing.T, page string) {
	t.Helper()
	if !strings.HasPrefix(page, "<!doctype html>\n<html lang=\"vi\">") || !strings.Contains(page, `<meta charset="utf-8" />`) {
		t.Errorf("not a complete Vietnamese UTF-8 document: %.80q", page)
	}
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the page is not well-formed: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			stack = append(stack, tok.Name.Local)
			switch tok.Name.Local {
			case "script", "link", "iframe", "object", "embed", "img", "base", "form", "input":
				t.Errorf("the page has an element <%s>", tok.Name.Local)
			}
			for _, a := range tok.Attr {
				if n := strings.ToLower(a.Name.Local); n == "src" || n == "href" || strings.HasPrefix(n, "on") {
					t.Errorf("the page has an attribute %s", n)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) != 0 {
		t.Errorf("unclosed elements %v", stack)
	}
	for _, bad := range []string{"url(", "@import", "http:", "https:"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page contains %q: it must load nothing", bad)
		}
	}
}

func TestWriteHTML01Page(t *testing.T) {
	l := ioList01()
	var b bytes.Buffer
	if err := forms.WriteHTML01(&b, l); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	ioWellFormed(t, page)
	for _, want := range []string{
		"@page { size: A4 landscape;", "@media print", "thead { display: table-header-group; }",
		forms.Motto1, forms.Motto2, forms.FormNo01, forms.Basis, forms.Title01,
		"<dt>Tỉnh:</dt> <dd>Lai Châu</dd>", "<dt>Tháng:</dt> <dd>11/2026</dd>", "<dd>03424</dd>",
		"<th scope=\"col\">Số định danh cá nhân</th>",
		"Tổng cộng: 3 người", "<td class=\"r\">104.000.000</td>",
		"<td class=\"r\">50.000.000</td>", "<td class=\"r\">24.000.000</td>",
		"Bản Bo, ngày 05 tháng 11 năm 2026",
		"TRƯỞNG CÔNG AN XÃ", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ", "(Ký, ghi rõ họ tên)",
		"<p class=\"name\">Hoàng Văn Chiến</p>", "<p class=\"name\">Tao Văn Dũng</p>",
		"Đã có đất sản xuất, cần vốn &#34;nuôi bò&#34;",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, c := range forms.Layout01 {
		if !strings.Contains(page, ">"+c.HeadingVI+"</th>") {
			t.Errorf("the page lacks the heading %q", c.HeadingVI)
		}
	}
	for i := range l.Rows {
		r := &l.Rows[i]
		cells := r.Cells(i + 1)
		if !strings.Contains(page, "<td class=\"c\">"+cells[0]+"</td><td>"+r.FullName+"</td><td class=\"c\">"+cells[2]+"</td>") {
			t.Errorf("the page lacks row %d", i+1)
		}
	}
	if n := strings.Count(page, "<tr>") + strings.Count(page, "<tr class=\"total\">"); n != 1+len(l.Rows)+1 {
		t.Errorf("%d table rows, want the heading, %d rows and the totals", n, len(l.Rows))
	}
}

func TestWriteHTML02Page(t *testing.T) {
	pl := ioPlan02()
	var b bytes.Buffer
	if err := forms.WriteHTML02(&b, pl); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	ioWellFormed(t, page)
	for _, want := range []string{
		"@page { size: A4 landscape;", "thead { display: table-header-group; }",
		forms.Motto1, forms.FormNo02, forms.Basis, forms.Title02,
		"<dt>Tên cơ sở:</dt> <dd>Hợp tác xã Nông nghiệp Bản Bo</dd>", "<dt>Loại hình:</dt> <dd>Hợp tác xã</dd>",
		"<dt>Tổng nhu cầu vốn (đồng):</dt> <dd>500.000.000</dd>", "<dd>250.000.000</dd>",
		"<dt>Thời hạn vay (tháng):</dt> <dd>36</dd>", "từ tháng thứ 7,\ntrả lãi",
		"Lò Văn Hùng", "Nguyễn Văn An", "01/2026/HĐLĐ", "<td class=\"c\">Có</td>", "<td class=\"c\">Không</td>",
		"Bản Bo, ngày 10 tháng 11 năm 2026", "Bản Bo, ngày 12 tháng 11 năm 2026",
		"NGƯỜI ĐẠI DIỆN THEO PHÁP LUẬT", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ",
		"<p class=\"name\">Lò Thị Hoa</p>", "<p class=\"name\">Tao Văn Dũng</p>",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	for _, c := range forms.Layout02 {
		if !strings.Contains(page, ">"+c.HeadingVI+"</th>") {
			t.Errorf("the page lacks the heading %q", c.HeadingVI)
		}
	}
	if strings.Contains(page, "Tổng cộng") {
		t.Error("a Mẫu 02 page has a totals row")
	}
}

// TestWriteHTMLEscapes: names and every other text can hold anything; the
// page shows them as text.
func TestWriteHTMLEscapes(t *testing.T) {
	evil := `<script>alert("x")</script><img src=x onerror=alert(1)> & </td></tr></table>`
	l := ioList01()
	l.Rows[0].FullName = evil
	l.Rows[1].Note = evil
	l.Province = evil
	l.PreparedBy = evil
	l.CommuneName = "Xã " + evil
	pl := ioPlan02()
	pl.Workers[0].FullName = evil
	pl.Name = evil
	pl.RepaymentPlan = evil
	pl.LegalRepresentative = evil
	for name, write := range map[string]func(io.Writer) error{
		"01": func(w io.Writer) error { return forms.WriteHTML01(w, l) },
		"02": func(w io.Writer) error { return forms.WriteHTML02(w, pl) },
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := write(&b); err != nil {
				t.Fatal(err)
			}
			page := b.String()
			ioWellFormed(t, page)
			if !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/td&gt;") {
				t.Error("the name is not escaped as text")
			}
		})
	}
}

// TestWriteHTMLDates: the place-and-date line as Vietnamese documents write
// it (Nghị định 30/2020/NĐ-CP): days below 10 and January and February with
// a leading zero; the place without "Xã"/"Phường" unless it is a number.
func TestWriteHTMLDates(t *testing.T) {
	for _, tc := range []struct {
		commune string
		on      credit.Date
		want    string
	}{
		{"Xã Bản Bo", ioDate(2026, time.November, 5), "Bản Bo, ngày 05 tháng 11 năm 2026"},
		{"Phường Tân Phong", ioDate(2024, time.February, 29), "Tân Phong, ngày 29 tháng 02 năm 2024"},
		{"phường 3", ioDate(2025, time.January, 1), "phường 3, ngày 01 tháng 01 năm 2025"},
		{"Đặc khu Cô Tô", ioDate(2025, time.March, 10), "Cô Tô, ngày 10 tháng 3 năm 2025"},
		{"Mường Tè", ioDate(2025, time.December, 31), "Mường Tè, ngày 31 tháng 12 năm 2025"},
		{"", credit.Date{}, "……, ngày … tháng … năm ……"},
	} {
		l := ioList01()
		l.CommuneName, l.PreparedOn = tc.commune, tc.on
		var b bytes.Buffer
		if err := forms.WriteHTML01(&b, l); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `<p class="date">`+tc.want+`</p>`) {
			t.Errorf("%q on %v: no line %q", tc.commune, tc.on, tc.want)
		}
	}
}

// TestWriteHTMLTotals: the sum is exact and grouped, whatever the rows.
func TestWriteHTMLTotals(t *testing.T) {
	for _, tc := range []struct {
		amounts []credit.VND
		want    string
	}{
		{nil, "Tổng cộng: 0 người</td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td></td><td class=\"r\">0</td>"},
		{[]credit.VND{1_234_567}, "<td class=\"r\">1.234.567</td>"},
		{[]credit.VND{999, 1}, "<td class=\"r\">1.000</td>"},
		{[]credit.VND{credit.MaxVND, credit.MaxVND, credit.MaxVND, credit.MaxVND, credit.MaxVND,
			credit.MaxVND, credit.MaxVND, credit.MaxVND, credit.MaxVND, credit.MaxVND}, "<td class=\"r\">10.000.000.000.000.000</td>"},
		{[]credit.VND{-5, 0}, "<td class=\"r\">-5</td>"},
	} {
		l := ioList01()
		l.Rows = nil
		for _, a := range tc.amounts {
			r := ioList01().Rows[0]
			r.Amount = a
			l.Rows = append(l.Rows, r)
		}
		var b bytes.Buffer
		if err := forms.WriteHTML01(&b, l); err != nil {
			t.Fatal(err)
		}
		total := b.String()[strings.Index(b.String(), `<tr class="total">`):]
		if !strings.Contains(total, tc.want) {
			t.Errorf("amounts %v: totals row %.300s, want %q", tc.amounts, total, tc.want)
		}
	}
}

func TestWriteHTMLWriterError(t *testing.T) {
	if err := forms.WriteHTML01(&ioFailingWriter{100}, ioList01()); !errors.Is(err, ioErrWrite) {
		t.Errorf("WriteHTML01(failing writer) = %v", err)
	}
	if err := forms.WriteHTML02(&ioFailingWriter{100}, ioPlan02()); !errors.Is(err, ioErrWrite) {
		t.Errorf("WriteHTML02(failing writer) = %v", err)
	}
}
