package forms

import (
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
)

// WriteHTML01 writes a Mẫu số 01 list as a printable page: one complete
// HTML document in Vietnamese, laid out for A4 landscape (the motto, the
// form number and its legal basis, the title, the list's header fields, the
// numbered table with the headings of Layout01 repeated on every printed
// page, a totals row with the number of people and the sum of the amounts,
// the place and date, and the signature blocks of the commune police chief
// and of the People's Committee chair, who certifies). Amounts are grouped
// the Vietnamese way (50.000.000), dates dd/mm/yyyy. Every value is escaped;
// the page loads nothing and runs no script.
func WriteHTML01(w io.Writer, l *List01) error {
	return htmlTemplate.Execute(w, page01(l))
}

// WriteHTML02 writes a Mẫu số 02 plan as a printable page, as WriteHTML01
// does for a list: the establishment, the worker table (Layout02), the loan
// requested and the repayment plan, the place and date, and the signature
// blocks of the legal representative and of the commune People's Committee
// chair, who confirms the plan.
func WriteHTML02(w io.Writer, pl *Plan02) error {
	return htmlTemplate.Execute(w, page02(pl))
}

// htmlPage is what the template shows.
type htmlPage struct {
	FormNo, Basis  string
	Motto1, Motto2 string
	Heading        string
	Sections       []htmlSection
	Signs          []htmlSign
}

type htmlSection struct {
	Heading string
	Fields  []htmlField
	Table   *htmlTable
}

type htmlField struct{ Label, Value string }

type htmlTable struct {
	Cols  []htmlCol
	Rows  [][]htmlCell
	Total []htmlCell // nil: no totals row
}

type htmlCol struct{ Heading, Width string }

type htmlCell struct {
	Text  string
	Class string // "c" centred, "r" right-aligned
	Span  int    // columns the cell spans; 0 or 1: one
}

type htmlSign struct{ Date, Title, Note, Name string }

// Notes under the signatories' titles.
const (
	signNote      = "(Ký, ghi rõ họ tên)"
	signNoteSeal  = "(Ký, ghi rõ họ tên, đóng dấu)"
	signNoteSeal2 = "(Ký, ghi rõ họ tên, đóng dấu nếu có)"
)

func page01(l *List01) *htmlPage {
	hc := l.HeaderCells()
	signs := map[string]bool{"prepared_on": true, "prepared_by": true, "certified_by": true}
	sec := htmlSection{Table: htmlRows(Layout01, len(l.Rows), func(i int) []string { return l.Rows[i].Cells(i + 1) })}
	for i, c := range Header01 {
		if !signs[c.Key] {
			sec.Fields = append(sec.Fields, htmlField{c.HeadingVI, htmlValue(c, hc[i])})
		}
	}
	var sum decimal.Decimal
	for i := range l.Rows {
		sum = sum.Add(l.Rows[i].Amount.Decimal())
	}
	name, amount := ColumnIndex(Layout01, "full_name"), ColumnIndex(Layout01, "amount")
	total := []htmlCell{{Text: "Tổng cộng: " + strconv.Itoa(len(l.Rows)) + " người", Span: name + 1}}
	for j := name + 1; j < len(Layout01); j++ {
		c := htmlCell{}
		if j == amount {
			c = htmlCell{Text: groupThousands(sum.String()), Class: "r"}
		}
		total = append(total, c)
	}
	sec.Table.Total = total
	place := placeName(l.CommuneName)
	return &htmlPage{
		FormNo: FormNo01, Basis: Basis, Motto1: Motto1, Motto2: Motto2,
		Heading:  Title01,
		Sections: []htmlSection{sec},
		Signs: []htmlSign{
			{Title: upperHeading(Header01, "certified_by"), Note: signNoteSeal, Name: l.CertifiedBy},
			{Date: placeDate(place, l.PreparedOn), Title: upperHeading(Header01, "prepared_by"), Note: signNote, Name: l.PreparedBy},
		},
	}
}

func page02(pl *Plan02) *htmlPage {
	hc := pl.HeaderCells()
	signs := map[string]bool{"prepared_on": true, "confirmed_on": true, "confirmed_by": true}
	loan := map[string]bool{"purpose": true, "capital_need": true, "own_capital": true, "amount_requested": true,
		"term_months": true, "repayment_plan": true, "collateral": true}
	est := htmlSection{Heading: "I. THÔNG TIN VỀ CƠ SỞ"}
	workers := htmlSection{
		Heading: "II. DANH SÁCH LAO ĐỘNG LÀ NGƯỜI CHẤP HÀNH XONG ÁN PHẠT TÙ",
		Table:   htmlRows(Layout02, len(pl.Workers), func(i int) []string { return pl.Workers[i].Cells(i + 1) }),
	}
	plan := htmlSection{Heading: "III. NHU CẦU VỐN VÀ KẾ HOẠCH TRẢ NỢ"}
	for i, c := range Header02 {
		f := htmlField{c.HeadingVI, htmlValue(c, hc[i])}
		switch {
		case signs[c.Key]:
		case loan[c.Key]:
			plan.Fields = append(plan.Fields, f)
		default:
			est.Fields = append(est.Fields, f)
		}
	}
	place := placeName(pl.CommuneName)
	return &htmlPage{
		FormNo: FormNo02, Basis: Basis, Motto1: Motto1, Motto2: Motto2,
		Heading:  Title02,
		Sections: []htmlSection{est, workers, plan},
		Signs: []htmlSign{
			{Date: placeDate(place, pl.ConfirmedOn), Title: upperHeading(Header02, "confirmed_by"), Note: signNoteSeal, Name: pl.ConfirmedBy},
			{Date: placeDate(place, pl.PreparedOn), Title: upperHeading(Header02, "legal_representative"), Note: signNoteSeal2, Name: pl.LegalRepresentative},
		},
	}
}

// htmlRows builds the table of cols with n rows.
func htmlRows(cols []Column, n int, row func(i int) []string) *htmlTable {
	t := &htmlTable{Cols: make([]htmlCol, len(cols)), Rows: make([][]htmlCell, n)}
	width := 0
	for _, c := range cols {
		width += c.Width
	}
	for j, c := range cols {
		// The column's share in hundredths of a percent, rounded half up.
		bp := (20000*c.Width/max(width, 1) + 1) / 2
		t.Cols[j] = htmlCol{Heading: c.HeadingVI, Width: strconv.Itoa(bp/100) + "." + fmt.Sprintf("%02d", bp%100)}
	}
	for i := range n {
		cells := row(i)
		r := make([]htmlCell, len(cols))
		for j, c := range cols {
			r[j] = htmlCell{Text: htmlValue(c, cells[j]), Class: htmlAlign(c.Kind)}
		}
		t.Rows[i] = r
	}
	return t
}

// htmlValue writes a cell for the page: money grouped by thousands.
func htmlValue(c Column, s string) string {
	if c.Kind == CellMoney {
		return groupThousands(s)
	}
	return s
}

func htmlAlign(k CellKind) string {
	switch k {
	case CellMoney:
		return "r"
	case CellNo, CellDate, CellSex, CellInt, CellID, CellFact, CellPeriod:
		return "c"
	}
	return ""
}

// groupThousands writes a whole number in digits the Vietnamese way, with
// a dot between thousands ("50.000.000"); other text is returned as it is.
func groupThousands(s string) string {
	sign, digits := "", s
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, digits = "-", rest
	}
	if digits == "" {
		return s
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return s
		}
	}
	var b strings.Builder
	b.WriteString(sign)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// upperHeading returns the heading of the column key of cols in capitals,
// as a signatory's title is printed.
func upperHeading(cols []Column, key string) string {
	if i := ColumnIndex(cols, key); i >= 0 {
		return strings.ToUpper(cols[i].HeadingVI)
	}
	return ""
}

// placeName is the place name of a document drawn up in a commune: its name
// without "Xã", "Phường", "Đặc khu" or "Thị trấn", unless the name is a
// number ("Phường 3"), as Nghị định 30/2020/NĐ-CP (Appendix I) writes it;
// dots when the name is missing.
func placeName(commune string) string {
	s := strings.TrimSpace(commune)
	for _, unit := range [...]string{"xã ", "phường ", "đặc khu ", "thị trấn "} {
		if len(s) > len(unit) && strings.EqualFold(s[:len(unit)], unit) {
			rest := strings.TrimSpace(s[len(unit):])
			if _, err := atoiDigits(rest); err != nil {
				s = rest
			}
			break
		}
	}
	if s == "" {
		return "……"
	}
	return s
}

// placeDate writes the place-and-date line of a document, the day before
// 10 and the months January and February with a leading zero (Nghị định
// 30/2020/NĐ-CP, Appendix I): "Bản Bo, ngày 05 tháng 11 năm 2026". A
// missing date is left in dots to be written by hand.
func placeDate(place string, d credit.Date) string {
	if d.IsZero() {
		return place + ", ngày … tháng … năm ……"
	}
	y, m, dd := d.Date()
	month := strconv.Itoa(int(m))
	if m <= 2 {
		month = pad2(int(m))
	}
	return place + ", ngày " + pad2(dd) + " tháng " + month + " năm " + strconv.Itoa(y)
}

// htmlTemplate is the page. The markup is also well-formed XML (void
// elements closed, no named entities) so that it can be checked strictly;
// the stylesheet has no '>' or '&'.
var htmlTemplate = template.Must(template.New("form").Parse(`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>{{.FormNo}} - {{.Heading}}</title>
<style>
@page { size: A4 landscape; margin: 12mm 10mm; }
html { background: #fff; color: #000; }
body { margin: 0 auto; padding: 10mm; max-width: 297mm; font-family: "Times New Roman", Times, serif; font-size: 13pt; line-height: 1.3; }
p { margin: 0; }
.form-no { text-align: right; font-weight: bold; }
.basis { text-align: right; font-style: italic; font-size: 11pt; margin-bottom: 4mm; }
.motto { text-align: center; font-weight: bold; margin-bottom: 6mm; }
.motto span { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1mm; }
h1 { text-align: center; font-size: 14pt; margin: 0 0 4mm 0; }
h2 { font-size: 13pt; margin: 4mm 0 2mm 0; }
dl { margin: 0 0 4mm 0; }
dt, dd { display: inline; margin: 0; }
dd { white-space: pre-line; }
table { width: 100%; border-collapse: collapse; font-size: 11pt; }
th, td { border: 1px solid #000; padding: 1mm 1.5mm; vertical-align: top; overflow-wrap: break-word; }
th { text-align: center; vertical-align: middle; }
td.c { text-align: center; }
td.r { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; }
.signatures { display: flex; justify-content: space-between; margin-top: 6mm; }
.sign { width: 45%; text-align: center; }
.sign .date { font-style: italic; min-height: 1.3em; }
.sign .title { font-weight: bold; }
.sign .note { font-style: italic; }
.sign .name { font-weight: bold; margin-top: 22mm; }
@media print {
  body { padding: 0; max-width: none; }
  thead { display: table-header-group; }
  tr, .signatures { break-inside: avoid; page-break-inside: avoid; }
}
</style>
</head>
<body>
<p class="form-no">{{.FormNo}}</p>
<p class="basis">{{.Basis}}</p>
<div class="motto">
<p>{{.Motto1}}</p>
<p><span>{{.Motto2}}</span></p>
</div>
<h1>{{.Heading}}</h1>
{{- range .Sections}}
{{- with .Heading}}
<h2>{{.}}</h2>
{{- end}}
{{- with .Fields}}
<dl>
{{- range .}}
<div><dt>{{.Label}}:</dt> <dd>{{.Value}}</dd></div>
{{- end}}
</dl>
{{- end}}
{{- with .Table}}
<table>
<colgroup>
{{- range .Cols}}<col style="width: {{.Width}}%" />{{end -}}
</colgroup>
<thead>
<tr>{{range .Cols}}<th scope="col">{{.Heading}}</th>{{end}}</tr>
</thead>
<tbody>
{{- range .Rows}}
<tr>{{range .}}<td{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
{{- with .Total}}
<tr class="total">{{range .}}<td{{if gt .Span 1}} colspan="{{.Span}}"{{end}}{{with .Class}} class="{{.}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{- end}}
</tbody>
</table>
{{- end}}
{{- end}}
<div class="signatures">
{{- range .Signs}}
<div class="sign">
<p class="date">{{.Date}}</p>
<p class="title">{{.Title}}</p>
<p class="note">{{.Note}}</p>
<p class="name">{{.Name}}</p>
</div>
{{- end}}
</div>
</body>
</html>
`))
