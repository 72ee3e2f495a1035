package credit

import (
	"strconv"
	"strings"
)

// Instruments the project cites, by their official numbers (legal reference §1).
const (
	QD22   = "22/2023/QĐ-TTg" // the policy
	QD750  = "750/QĐ-TTg"     // (2015) poor-household lending rate 0.55 %/month from 2015-06-05
	QD2553 = "2553/QĐ-TTg"    // (2025-11-21) poor-household lending rate 0.52 %/month from 2025-12-01
	QD2654 = "2654/QĐ-TTg"    // (2025-12-04) rate cut of 2 %/year, 2025-10-01..12-31, 22 provinces
	QD2731 = "2731/QĐ-TTg"    // (2025-12-16) the same cut in 4 more provinces
	BLDS   = "91/2015/QH13"   // Bộ luật Dân sự 2015 (Civil Code): periods, Art. 147-148
	// LegalReference is the project's legal reference (docs: qd22.md); it is
	// cited, beside the instrument, for the interpretation choices of its §10.
	LegalReference = "qd22.md"
)

// instrumentYears gives the year of the instruments whose number does not
// carry it (a Prime Minister's decision numbered without its year), so that
// a citation names it: "Quyết định 750/QĐ-TTg năm 2015".
var instrumentYears = map[string]int{QD750: 2015, QD2553: 2025, QD2654: 2025, QD2731: 2025}

// Citation says where a rule or a parameter comes from: instrument, article,
// clause and point. Article, Clause and Point are zero or empty when the
// legal reference does not pin them down; nothing is invented to fill them.
type Citation struct {
	Instrument string // official number, e.g. "22/2023/QĐ-TTg"
	// Year is the year of an instrument whose number does not carry it
	// (750/QĐ-TTg of 2015); zero when the number does (22/2023/QĐ-TTg).
	// Cite and the rules file fill it for the instruments the project
	// knows.
	Year    int
	Article int    // Điều
	Clause  int    // khoản
	Point   string // điểm
	// Text is the reference as a Vietnamese reader writes it, e.g.
	// "Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg".
	Text string
	// TextEN is the same in English.
	TextEN string
	// Note records an interpretation or a doubt, e.g. which reading of an
	// ambiguous clause the parameter encodes (legal reference §10).
	Note string
}

// Cite returns the citation of an instrument's article, clause and point,
// with its Vietnamese and English text filled in.
func Cite(instrument string, article, clause int, point string) Citation {
	c := Citation{Instrument: instrument, Article: article, Clause: clause, Point: point}
	c.fill()
	return c
}

// fill writes Year, Text and TextEN when they are empty.
func (c *Citation) fill() {
	if c.Year == 0 {
		c.Year = instrumentYears[c.Instrument]
	}
	if c.Text == "" {
		c.Text = c.text(false)
	}
	if c.TextEN == "" {
		c.TextEN = c.text(true)
	}
}

func (c *Citation) text(en bool) string {
	var b strings.Builder
	if en {
		b.WriteString(instrumentTitle(c.Instrument, true))
		if c.Year > 0 {
			b.WriteString(" of ")
			b.WriteString(strconv.Itoa(c.Year))
		}
		if c.Article > 0 {
			b.WriteString(", Article ")
			b.WriteString(strconv.Itoa(c.Article))
		}
		if c.Clause > 0 {
			b.WriteString(", clause ")
			b.WriteString(strconv.Itoa(c.Clause))
		}
		if c.Point != "" {
			b.WriteString(", point ")
			b.WriteString(c.Point)
		}
		return b.String()
	}
	if c.Article > 0 {
		b.WriteString("Điều ")
		b.WriteString(strconv.Itoa(c.Article))
		b.WriteByte(' ')
	}
	if c.Clause > 0 {
		b.WriteString("khoản ")
		b.WriteString(strconv.Itoa(c.Clause))
		b.WriteByte(' ')
	}
	if c.Point != "" {
		b.WriteString("điểm ")
		b.WriteString(c.Point)
		b.WriteByte(' ')
	}
	b.WriteString(instrumentTitle(c.Instrument, false))
	if c.Year > 0 {
		b.WriteString(" năm ")
		b.WriteString(strconv.Itoa(c.Year))
	}
	return b.String()
}

// instrumentTitle names an instrument for a citation's text.
func instrumentTitle(instrument string, en bool) string {
	switch {
	case instrument == BLDS:
		if en {
			return "Civil Code 2015 (" + BLDS + ")"
		}
		return "Bộ luật Dân sự 2015"
	case instrument == LegalReference:
		if en {
			return "project legal reference (" + LegalReference + ")"
		}
		return "tài liệu pháp lý của dự án (" + LegalReference + ")"
	case strings.Contains(instrument, "/QĐ-"):
		if en {
			return "Decision " + instrument
		}
		return "Quyết định " + instrument
	case strings.Contains(instrument, "/NĐ-"):
		if en {
			return "Decree " + instrument
		}
		return "Nghị định " + instrument
	case strings.Contains(instrument, "/TT-"):
		if en {
			return "Circular " + instrument
		}
		return "Thông tư " + instrument
	}
	return instrument
}

// Text is a message for people, in Vietnamese first and in English.
type Text struct {
	VI string
	EN string
}
