package reporting

import (
	"encoding/xml"
	"io"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

// BarChart is a horizontal bar chart of amounts, one bar (or a pair of
// bars) per label, for an officer to paste into a report: loans by commune,
// demand against capital, outstanding with its overdue part.
type BarChart struct {
	Title string // shown above the chart and as the document's title
	Unit  string // the unit of the values, e.g. "đồng", shown as "Đơn vị: đồng"
	// PrimaryName and SecondaryName name the two series in the legend (by
	// default "Chuỗi 1" and "Chuỗi 2"). The chart has a second series, and a
	// legend, when SecondaryName is set or some bar has a Secondary value.
	PrimaryName   string
	SecondaryName string
	Bars          []Bar // in the order drawn, top to bottom
}

// Bar is one label of a BarChart and its values, in whole units (đồng).
type Bar struct {
	Label     string
	Value     credit.VND
	Secondary credit.VND // the second series, e.g. overdue within outstanding, or capital beside demand
}

// Layout of the chart, in tenths of a pixel.
const (
	svgWidth      = 8000
	svgPad        = 160
	svgCharW      = 75   // width of a character of the 12 px font, roughly (DejaVu Sans; Arial is narrower)
	svgTickCharW  = 65   // of the 11 px font
	svgLabelMin   = 600  // the label column's width, at least …
	svgLabelMax   = 2400 // … and at most
	svgLabelGap   = 80   // between a label and its bar
	svgValueGap   = 50   // between a bar and its value
	svgMaxLabel   = 32   // runes of a label shown; longer ones are cut with "…"
	svgMaxTicks   = 5    // intervals on the axis, at most
	svgColorMain  = "#1f5fa8"
	svgColorOther = "#e07b24"
	svgColorGrid  = "#d9d9d9"
	svgColorText  = "#222222"
	svgColorMuted = "#555555"
)

// BarChartSVG writes c as a self-contained SVG 1.1 document: bars drawn
// horizontally with their labels on the left (cut with "…" after 32
// characters; the whole label shows as the bar's tooltip), each value
// written at the end of its bar with Vietnamese digit grouping
// (50.000.000), an axis below with a few ticks at round numbers, the unit
// under the title and, when there are two series, a legend. The text is in
// the sans-serif font family; labels and titles are escaped. The
// document's own words are Vietnamese ("Đơn vị", "Không có dữ liệu" for a
// chart without bars). The output depends only on c.
//
// A value below zero or above MaxTotal is a problem
// (/bars/N/value or /bars/N/secondary), reported in a credit.Problems
// before anything is written.
func BarChartSVG(w io.Writer, c BarChart) error {
	var pr credit.Problems
	two := c.SecondaryName != ""
	for i, b := range c.Bars {
		at := "/bars/" + strconv.Itoa(i)
		checkChartValue(&pr, at+"/value", b.Value)
		checkChartValue(&pr, at+"/secondary", b.Secondary)
		two = two || b.Secondary != 0
	}
	if err := pr.Err(); err != nil {
		return err
	}
	var s svgWriter
	s.chart(c, two)
	_, err := io.WriteString(w, s.b.String())
	return err
}

func checkChartValue(pr *credit.Problems, at string, v credit.VND) {
	switch {
	case v < 0:
		pr.Add(at, credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case v > MaxTotal: // a report's totals may exceed credit.MaxVND, never MaxTotal
		pr.Add(at, credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
	}
}

type svgWriter struct{ b strings.Builder }

func (s *svgWriter) chart(c BarChart, two bool) {
	names := [2]string{c.PrimaryName, c.SecondaryName}
	for i := range names {
		if names[i] == "" {
			names[i] = "Chuỗi " + strconv.Itoa(i+1)
		}
	}
	labels := make([]string, len(c.Bars))
	labelW, valueW := int64(0), int64(0)
	var top credit.VND
	for i, b := range c.Bars {
		labels[i] = svgTruncate(b.Label, svgMaxLabel)
		labelW = max(labelW, int64(utf8.RuneCountInString(labels[i]))*svgCharW)
		valueW = max(valueW, int64(len(svgGroup(b.Value)))*svgCharW)
		top = max(top, b.Value)
		if two {
			valueW = max(valueW, int64(len(svgGroup(b.Secondary)))*svgCharW)
			top = max(top, b.Secondary)
		}
	}
	labelW = min(max(labelW+svgLabelGap, svgLabelMin), svgLabelMax)
	x0 := svgPad + labelW
	x1 := svgWidth - svgPad - valueW - svgValueGap
	plotW := x1 - x0

	rowH, barH, barGap := int64(280), int64(180), int64(0)
	if two {
		rowH, barH, barGap = 400, 140, 20
	}

	// The header: title, unit, legend.
	y := int64(svgPad)
	var head strings.Builder
	if c.Title != "" {
		y += 180
		head.WriteString(`<text x="` + tenths(svgPad) + `" y="` + tenths(y) + `" font-size="16" font-weight="bold">` + svgEscape(c.Title) + "</text>\n")
		y += 60
	}
	if c.Unit != "" {
		y += 140
		head.WriteString(`<text x="` + tenths(svgPad) + `" y="` + tenths(y) + `" font-size="11" fill="` + svgColorMuted + `">Đơn vị: ` + svgEscape(c.Unit) + "</text>\n")
		y += 40
	}
	if two {
		y += 80
		x := int64(svgPad)
		for i, name := range names {
			color := svgColorMain
			if i == 1 {
				color = svgColorOther
			}
			head.WriteString(`<rect x="` + tenths(x) + `" y="` + tenths(y) + `" width="12" height="12" fill="` + color + `"/>` + "\n")
			head.WriteString(`<text x="` + tenths(x+160) + `" y="` + tenths(y+100) + `">` + svgEscape(name) + "</text>\n")
			x += 160 + int64(utf8.RuneCountInString(name))*svgCharW + 240
		}
		y += 120
	}
	plotTop := y + 120

	height := plotTop + 300 + svgPad
	if len(c.Bars) > 0 {
		height = plotTop + int64(len(c.Bars))*rowH + 160 + 40 + svgPad
	}

	s.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	s.b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="` + tenths(svgWidth) + `" height="` + tenths(height) +
		`" viewBox="0 0 ` + tenths(svgWidth) + ` ` + tenths(height) + `" font-family="sans-serif" font-size="12" fill="` + svgColorText + `">` + "\n")
	s.b.WriteString("<title>" + svgEscape(c.Title) + "</title>\n")
	s.b.WriteString(`<rect x="0" y="0" width="` + tenths(svgWidth) + `" height="` + tenths(height) + `" fill="#ffffff"/>` + "\n")
	s.b.WriteString(head.String())

	if len(c.Bars) == 0 {
		s.b.WriteString(`<text x="` + tenths(svgWidth/2) + `" y="` + tenths(plotTop+150) + `" text-anchor="middle" fill="` + svgColorMuted + `">Không có dữ liệu</text>` + "\n")
		s.b.WriteString("</svg>\n")
		return
	}

	// The axis: grid lines and ticks at round numbers.
	axisY := plotTop + int64(len(c.Bars))*rowH
	step, n := svgTicks(top, plotW)
	axisMax := step * credit.VND(n)
	s.b.WriteString(`<g font-size="11" text-anchor="middle">` + "\n")
	for i := range n + 1 {
		x := x0 + plotW*int64(i)/int64(max(n, 1))
		if i > 0 {
			s.b.WriteString(`<line x1="` + tenths(x) + `" y1="` + tenths(plotTop) + `" x2="` + tenths(x) + `" y2="` + tenths(axisY) + `" stroke="` + svgColorGrid + `"/>` + "\n")
		}
		s.b.WriteString(`<text x="` + tenths(x) + `" y="` + tenths(axisY+160) + `">` + svgGroup(step*credit.VND(i)) + "</text>\n")
	}
	s.b.WriteString("</g>\n")

	// The bars.
	unit := ""
	if c.Unit != "" {
		unit = " " + c.Unit
	}
	for i, b := range c.Bars {
		rowTop := plotTop + int64(i)*rowH
		s.b.WriteString("<g>\n<title>" + svgEscape(b.Label) + ": ")
		if two {
			s.b.WriteString(svgEscape(names[0]) + " " + svgGroup(b.Value) + svgEscape(unit) + "; " + svgEscape(names[1]) + " " + svgGroup(b.Secondary) + svgEscape(unit))
		} else {
			s.b.WriteString(svgGroup(b.Value) + svgEscape(unit))
		}
		s.b.WriteString("</title>\n")
		s.b.WriteString(`<text x="` + tenths(x0-svgLabelGap) + `" y="` + tenths(rowTop+rowH/2+40) + `" text-anchor="end">` + svgEscape(labels[i]) + "</text>\n")
		if two {
			barTop := rowTop + (rowH-2*barH-barGap)/2
			s.bar(b.Value, axisMax, x0, plotW, barTop, barH, svgColorMain)
			s.bar(b.Secondary, axisMax, x0, plotW, barTop+barH+barGap, barH, svgColorOther)
		} else {
			s.bar(b.Value, axisMax, x0, plotW, rowTop+(rowH-barH)/2, barH, svgColorMain)
		}
		s.b.WriteString("</g>\n")
	}
	s.b.WriteString(`<line x1="` + tenths(x0) + `" y1="` + tenths(plotTop) + `" x2="` + tenths(x0) + `" y2="` + tenths(axisY) + `" stroke="` + svgColorText + `"/>` + "\n")
	s.b.WriteString(`<line x1="` + tenths(x0) + `" y1="` + tenths(axisY) + `" x2="` + tenths(x1) + `" y2="` + tenths(axisY) + `" stroke="` + svgColorText + `"/>` + "\n")
	s.b.WriteString("</svg>\n")
}

// bar writes one bar of value v at top y, and its value after it.
func (s *svgWriter) bar(v, axisMax credit.VND, x0, plotW, y, h int64, color string) {
	w := int64(0)
	if axisMax > 0 {
		// v ≤ axisMax ≤ a few × MaxTotal (10^18) and plotW < 10^4: the
		// product needs 128 bits; the quotient is at most plotW.
		hi, lo := bits.Mul64(uint64(v), uint64(plotW))
		a := uint64(axisMax)
		q, r := bits.Div64(hi%a, lo, a) // hi < a since v ≤ axisMax
		w = int64(q)
		if r >= a-r {
			w++
		}
	}
	if w > 0 {
		s.b.WriteString(`<rect x="` + tenths(x0) + `" y="` + tenths(y) + `" width="` + tenths(w) + `" height="` + tenths(h) + `" fill="` + color + `"/>` + "\n")
	}
	s.b.WriteString(`<text x="` + tenths(x0+w+svgValueGap) + `" y="` + tenths(y+h/2+40) + `">` + svgGroup(v) + "</text>\n")
}

// svgTicks chooses the axis: n intervals of step each (a round number,
// niceStep), the fewest steps covering top, at most svgMaxTicks, and
// fewer when the tick labels would not fit in plotW. With top 0, the axis
// is the single tick 0 (n = 0).
func svgTicks(top credit.VND, plotW int64) (step credit.VND, n int) {
	if top <= 0 {
		return 1, 0
	}
	for target := svgMaxTicks; ; target-- {
		step = niceStep((top + credit.VND(target) - 1) / credit.VND(target))
		n = int((top + step - 1) / step)
		labelW := int64(len(svgGroup(step*credit.VND(n))))*svgTickCharW + 100
		if target == 1 || plotW/int64(n) >= labelW {
			return step, n
		}
	}
}

// niceStep returns the smallest round number at least x (x ≥ 1): 1, 2,
// 2.5 or 5 times a power of ten (2.5 only from 25 on, so that steps are
// whole).
func niceStep(x credit.VND) credit.VND {
	for p := credit.VND(1); ; p *= 10 {
		for _, m := range [4]credit.VND{10, 20, 25, 50} {
			if m == 25 && p == 1 {
				continue
			}
			if m*p/10 >= x {
				return m * p / 10
			}
		}
	}
}

// svgGroup writes v with Vietnamese digit grouping: 50.000.000.
func svgGroup(v credit.VND) string {
	digits := strconv.FormatInt(int64(v), 10)
	neg := digits[0] == '-'
	if neg {
		digits = digits[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// svgTruncate cuts s to n runes, ending it with "…" when cut.
func svgTruncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// svgEscape escapes s for XML text and attribute values; characters XML
// cannot hold become U+FFFD.
func svgEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return b.String()
}

// tenths writes a length in tenths of a pixel: 1234 → "123.4", 1230 → "123".
func tenths(n int64) string {
	s := strconv.FormatInt(n/10, 10)
	if r := n % 10; r != 0 {
		if r < 0 {
			r = -r
			if n > -10 {
				s = "-" + s
			}
		}
		s += "." + strconv.FormatInt(r, 10)
	}
	return s
}
