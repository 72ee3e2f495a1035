package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/vnreentry/credit/forms"
)

// What a sheet filled in by hand holds besides the table, and how it is
// recognised.

// toneFix writes the tone marks of "uy", "oa" and "oe" in one place (both
// "Uỷ ban" and "Ủy ban" are in use) and spells out UBND, for comparing
// labels.
var toneFix = strings.NewReplacer(
	"uỷ", "ủy", "uý", "úy", "uỳ", "ùy", "uỹ", "ũy", "uỵ", "ụy",
	"oà", "òa", "oá", "óa", "oả", "ỏa", "oã", "õa", "oạ", "ọa",
	"oè", "òe", "oé", "óe", "oẻ", "ỏe", "oẽ", "õe", "oẹ", "ọe",
	"ubnd", "ủy ban nhân dân",
)

// labelKey normalises a label for comparison: lower case, one way of
// placing tone marks, letters and digits only ("Tỉnh:" and "TỈNH" are
// "tỉnh"). Cells are NFC already.
func labelKey(s string) string {
	s = toneFix.Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// words normalises text for looking for phrases in it: lower case, one way
// of placing tone marks, single spaces.
func words(s string) string {
	return strings.Join(strings.Fields(toneFix.Replace(strings.ToLower(s))), " ")
}

// headerFields finds the header fields cols in the rows above the table: a
// cell holding a field's label (Vietnamese or English, or its key) and the
// next cell to its right that is not blank (unless that is a label too), or
// one cell "Label: value". values (aligned with cols) and at (key → cell)
// receive what is found; a label with no value is located at the cell to
// its right.
func headerFields(above []sheetRow, cols []forms.Column, values []string, at map[string]string) {
	labels := make(map[string]int, 3*len(cols))
	for i := len(cols) - 1; i >= 0; i-- {
		for _, s := range []string{cols[i].HeadingVI, cols[i].HeadingEN, cols[i].Key} {
			labels[labelKey(s)] = i
		}
	}
	// otherLabel: s is the label of another field than h. A value may
	// read like its own label: the contract's example signs the list
	// "Trưởng Công an xã", the title the form prints beside it.
	otherLabel := func(s string, h int) bool { g, ok := labels[labelKey(s)]; return ok && g != h }
	for _, r := range above {
		for j := 0; j < len(r.cells); j++ {
			c := strings.TrimSpace(r.cells[j])
			if c == "" {
				continue
			}
			if h, ok := labels[labelKey(c)]; ok {
				if _, done := at[cols[h].Key]; done {
					continue
				}
				m := j + 1
				for m < len(r.cells) && strings.TrimSpace(r.cells[m]) == "" {
					m++
				}
				if m < len(r.cells) && !otherLabel(r.cells[m], h) {
					values[h] = r.cells[m]
					at[cols[h].Key] = cellName(m+1, r.n)
					j = m
					continue
				}
				at[cols[h].Key] = cellName(j+2, r.n)
				continue
			}
			if before, after, ok := strings.Cut(c, ":"); ok && strings.TrimSpace(after) != "" {
				if h, ok := labels[labelKey(before)]; ok {
					if _, done := at[cols[h].Key]; !done {
						values[h] = strings.TrimSpace(after)
						at[cols[h].Key] = cellName(j+1, r.n)
					}
				}
			}
		}
	}
}

// signed are the header fields a paper form gives in its signature block:
// the signatories' names under their titles, and the date the form was
// drawn up in the line above them.
var signed = map[string]bool{
	"prepared_by": true, "certified_by": true, "legal_representative": true, "confirmed_by": true,
}

// signatures fills the signatories' names and the date the form was drawn
// up from the signature block (the rows after the table), for the fields
// not given above the table: a name is the first cell under the
// signatory's title (the field's label) that is not blank, a hint such as
// "(Ký, ghi rõ họ tên)" or another title; the date is read from the line
// "…, ngày 05 tháng 11 năm 2026".
func signatures(footer []sheetRow, cols []forms.Column, values []string, at map[string]string) {
	for h, c := range cols {
		if strings.TrimSpace(values[h]) != "" {
			continue
		}
		switch {
		case signed[c.Key]:
			if v, cell := signedName(footer, labelKey(c.HeadingVI)); v != "" {
				values[h], at[c.Key] = v, cell
			}
		case c.Key == "prepared_on":
			if v, cell := datedLine(footer); v != "" {
				values[h], at[c.Key] = v, cell
			}
		}
	}
}

func signedName(footer []sheetRow, title string) (string, string) {
	for i, r := range footer {
		for j, c := range r.cells {
			k := labelKey(c)
			if k == "" || !strings.HasPrefix(k, title) {
				continue
			}
			for _, below := range footer[i+1:] {
				if j >= len(below.cells) {
					continue
				}
				t := strings.TrimSpace(below.cells[j])
				if t == "" || strings.HasPrefix(t, "(") || isFooterCell(t) {
					continue
				}
				return t, cellName(j+1, below.n)
			}
			return "", ""
		}
	}
	return "", ""
}

// datedLine finds the date in the place-and-date line of the signature
// block, preferring a line that names the place.
func datedLine(footer []sheetRow) (string, string) {
	var v, cell string
	for _, r := range footer {
		for j, c := range r.cells {
			d, place, ok := parseDateLine(c)
			if !ok {
				continue
			}
			if place {
				return d, cellName(j+1, r.n)
			}
			if v == "" {
				v, cell = d, cellName(j+1, r.n)
			}
		}
	}
	return v, cell
}

// parseDateLine reads "Bản Bo, ngày 05 tháng 11 năm 2026" as 05/11/2026;
// place says whether words come before "ngày".
func parseDateLine(s string) (date string, place, ok bool) {
	k := words(s)
	i := strings.Index(k, "ngày")
	if i < 0 {
		return "", false, false
	}
	f := strings.Fields(k[i:])
	if len(f) < 6 || f[0] != "ngày" || f[2] != "tháng" || f[4] != "năm" {
		return "", false, false
	}
	d, err1 := strconv.Atoi(f[1])
	m, err2 := strconv.Atoi(f[3])
	y, err3 := strconv.Atoi(strings.TrimRight(f[5], ".,;)"))
	if err1 != nil || err2 != nil || err3 != nil || d < 1 || d > 31 || m < 1 || m > 12 || y < 1000 || y > 9999 {
		return "", false, false
	}
	return fmt.Sprintf("%02d/%02d/%04d", d, m, y), strings.TrimSpace(k[:i]) != "", true
}

// footerStarts are how the lines of a signature block begin.
var footerStarts = []string{
	"trưởng công an", "chủ tịch", "phó chủ tịch", "xác nhận", "người đại diện", "người lập",
	"thủ trưởng", "tm.", "tm ", "t/m", "kt.", "kt ", "đại diện", "giám đốc", "cán bộ",
}

// isFooterCell reports whether a cell is a line of a signature block: a
// signatory's title, a hint to sign, or a date line ("…, ngày … tháng …
// năm …").
func isFooterCell(c string) bool {
	k := words(c)
	if k == "" {
		return false
	}
	if strings.Contains(k, "(ký") || strings.Contains(k, "ghi rõ họ tên") || strings.HasPrefix(k, "ký tên") {
		return true
	}
	if i := strings.Index(k, "ngày"); i >= 0 {
		if j := strings.Index(k[i:], "tháng"); j >= 0 && strings.Contains(k[i+j:], "năm") {
			return true
		}
	}
	for _, p := range footerStarts {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// isFooter reports whether a row has a line of a signature block.
func isFooter(cells []string) bool {
	for _, c := range cells {
		if isFooterCell(c) {
			return true
		}
	}
	return false
}

// isColumnNumbers reports whether cells (aligned with the layout) are a
// line of column numbers, as Vietnamese forms print below the headings: at
// least three cells that are not blank, each a number of up to three digits
// or up to three letters or digits in parentheses ("1", "(2)", "(A)"), the
// full name's among them.
func isColumnNumbers(cells []string, name int) bool {
	n := 0
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		inner, paren := strings.CutPrefix(c, "(")
		if paren {
			var ok bool
			if inner, ok = strings.CutSuffix(inner, ")"); !ok {
				return false
			}
		}
		if len(inner) < 1 || len(inner) > 3 {
			return false
		}
		for i := 0; i < len(inner); i++ {
			d := inner[i] >= '0' && inner[i] <= '9'
			l := inner[i] >= 'A' && inner[i] <= 'Z' || inner[i] >= 'a' && inner[i] <= 'z'
			if !d && !(paren && l) {
				return false
			}
		}
		n++
	}
	return n >= 3 && name >= 0 && strings.TrimSpace(cells[name]) != ""
}
