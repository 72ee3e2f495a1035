package forms

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Cells are how the forms are written on paper and in spreadsheets: dates
// dd/mm/yyyy, money in whole đồng, the choices in Vietnamese ("Nam",
// "Học nghề", …). Reading is lenient in the ways officers type: the API's
// names ("male", "vocational_training") are accepted too, case and extra
// spaces do not matter, dates may be YYYY-MM-DD or an Excel date serial,
// money may carry thousands separators.

var (
	sexLabels     = [...]string{"", "Nam", "Nữ"}
	basisLabels   = [...]string{"", "Chấp hành xong án phạt tù", "Đặc xá", "Tha tù trước thời hạn có điều kiện"}
	purposeLabels = [...]string{"", "Sản xuất, kinh doanh", "Học nghề"}
	kindLabels    = [...]string{"", "Doanh nghiệp nhỏ và vừa", "Hợp tác xã", "Tổ hợp tác", "Hộ kinh doanh", "Doanh nghiệp lớn"}
	factLabels    = [...]string{"", "Có", "Không"}
)

// FormatDate writes d as dd/mm/yyyy, or "" for the zero Date.
func FormatDate(d credit.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, dd := d.Date()
	return fmt.Sprintf("%02d/%02d/%04d", dd, int(m), y)
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// ParseCellDate reads a date as officers type it: dd/mm/yyyy (or d/m/yyyy),
// YYYY-MM-DD, or an Excel date serial (days since 1899-12-30, as a
// spreadsheet stores a date cell) from 1920 on.
func ParseCellDate(s string) (credit.Date, error) {
	s = strings.TrimSpace(s)
	if d, m, y, ok := dmy(s); ok {
		return credit.NewDate(y, time.Month(m), d)
	}
	if d, err := credit.ParseDate(s); err == nil {
		return d, nil
	}
	// Serials from 7306 (1920-01-01): a bare year ("1988") is not a date.
	if n, ok := serial(s); ok && n >= minSerial && n <= 2_958_465 {
		return credit.MustDate(1899, time.December, 30).AddDays(n), nil
	}
	return credit.Date{}, credit.ErrInvalidDate
}

// minSerial is the Excel serial of 1920-01-01, the earliest date a form
// holds as a serial: smaller numbers are more likely a year typed alone.
const minSerial = 7306

// dmy splits "d/m/yyyy".
func dmy(s string) (d, m, y int, ok bool) {
	parts := strings.Split(s, "/")
	if len(parts) != 3 || len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return 0, 0, 0, false
	}
	var errs [3]error
	d, errs[0] = atoiDigits(parts[0])
	m, errs[1] = atoiDigits(parts[1])
	y, errs[2] = atoiDigits(parts[2])
	return d, m, y, errs[0] == nil && errs[1] == nil && errs[2] == nil
}

func atoiDigits(s string) (int, error) {
	if s == "" {
		return 0, strconv.ErrSyntax
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.Atoi(s)
}

// serial reads a whole number written as digits, optionally with a zero
// fraction ("45231" or "45231.0").
func serial(s string) (int, bool) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		if strings.Trim(s[i+1:], "0") != "" {
			return 0, false
		}
		s = s[:i]
	}
	n, err := atoiDigits(s)
	if err != nil || len(s) > 7 {
		return 0, false
	}
	return n, true
}

// ParseCellMoney reads whole đồng: digits, with "." "," or spaces grouping
// thousands ("50.000.000"), or a number a spreadsheet wrote with a zero
// fraction ("50000000.0", "5E+07").
func ParseCellMoney(s string) (credit.VND, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "đồng"), "đ"))
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	v, err := parseMoneyText(s)
	switch {
	case err != nil:
		return 0, err
	case neg && v != 0:
		return 0, credit.ErrNegativeAmount
	}
	return v, nil
}

// parseMoneyText reads an unsigned amount: grouped digits, or a number
// with at most a zero fraction of one or two digits ("50000000.0") or an
// exponent ("5E+07"). Any other point or comma is refused: in Vietnamese
// "5.000" is five thousand, and a misplaced separator must not silently
// change an amount a thousandfold.
func parseMoneyText(s string) (credit.VND, error) {
	if g, ok := ungroup(s); ok {
		return credit.ParseVND(g)
	}
	if len(s) > 40 || strings.ContainsAny(s, ",-+ ") && !strings.ContainsAny(s, "eE") {
		return 0, credit.ErrNotAmount
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && !strings.ContainsAny(s, "eE") {
		if frac := s[i+1:]; len(frac) > 2 || strings.Trim(frac, "0") != "" {
			return 0, credit.ErrNotAmount
		}
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, credit.ErrNotAmount
	}
	return credit.VNDFromDecimal(d)
}

// ungroup removes thousands separators from "50.000.000", "50,000,000" or
// "50 000 000"; plain digits pass through.
func ungroup(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	for _, sep := range []string{".", ",", " ", "\u00a0"} {
		if !strings.Contains(s, sep) {
			continue
		}
		parts := strings.Split(s, sep)
		if len(parts[0]) < 1 || len(parts[0]) > 3 {
			return "", false
		}
		for i, p := range parts {
			if _, err := atoiDigits(p); err != nil || i > 0 && len(p) != 3 {
				return "", false
			}
		}
		return strings.Join(parts, ""), true
	}
	if _, err := atoiDigits(s); err != nil {
		return "", false
	}
	return s, true
}

// normal lower-cases s and collapses spaces and commas, for comparing
// choices.
func normal(s string) string {
	if isNormal(s) {
		return s
	}
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, ",", " ")
	return strings.Join(strings.Fields(s), " ")
}

// isNormal reports whether normal(s) is s: ASCII without capitals, commas
// or other spaces than single ones between words.
func isNormal(s string) bool {
	space := true // at the start, a space is not allowed
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, c >= 'A' && c <= 'Z', c == ',', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return false
		case c == ' ':
			if space {
				return false
			}
			space = true
		default:
			space = false
		}
	}
	return !space || s == ""
}

// choices are the values a choice cell takes: the form's Vietnamese labels
// and the API's names, normalised once; index 0 is "none" in both.
type choices struct {
	index map[string]int
	msg   credit.Text // the problem of a cell that is none of them
}

func newChoices(labels []string, names []string) *choices {
	c := &choices{index: make(map[string]int, 2*len(labels)), msg: msgChoice(labels)}
	for i := len(labels) - 1; i >= 1; i-- {
		if i < len(names) {
			c.index[names[i]] = i
		}
		c.index[normal(labels[i])] = i
	}
	return c
}

// find finds s among the choices.
func (c *choices) find(s string) (int, bool) {
	i, ok := c.index[normal(s)]
	return i, ok
}

var (
	basisNames   = []string{"", eligibility.Completion.String(), eligibility.SpecialAmnesty.String(), eligibility.ConditionalRelease.String()}
	purposeNames = []string{"", credit.Production.String(), credit.VocationalTraining.String()}
	kindNames    = []string{"", eligibility.SME.String(), eligibility.Cooperative.String(), eligibility.CooperativeGroup.String(),
		eligibility.HouseholdBusiness.String(), eligibility.LargeEnterprise.String()}
	factNames = []string{"", "true", "false"}

	sexChoices     = newChoices(sexLabels[:], sexNames[:])
	basisChoices   = newChoices(basisLabels[:], basisNames)
	purposeChoices = newChoices(purposeLabels[:], purposeNames)
	kindChoices    = newChoices(kindLabels[:], kindNames)
	factChoices    = newChoices(factLabels[:], factNames)
)

// Messages for cells that cannot be read.
var (
	msgCellDate = credit.Text{
		VI: "Ngày không hợp lệ: ghi theo dạng ngày/tháng/năm (ví dụ 15/03/2022).",
		EN: "Not a valid date: write it as dd/mm/yyyy (for example 15/03/2022).",
	}
	msgCellInt = credit.Text{
		VI: "Cần một số nguyên.",
		EN: "A whole number is expected.",
	}
	msgCellPeriod = credit.Text{
		VI: "Tháng không hợp lệ: ghi theo dạng tháng/năm (ví dụ 11/2026).",
		EN: "Not a valid month: write it as mm/yyyy (for example 11/2026).",
	}
)

func msgChoice(labels []string) credit.Text {
	vi := strings.Join(labels[1:], "\", \"")
	return credit.Text{
		VI: "Giá trị phải là một trong: \"" + vi + "\".",
		EN: "The value must be one of: \"" + vi + "\".",
	}
}

// formatField writes the value at ptr (a pointer to a field of a form) as a
// cell.
func formatField(ptr any) string {
	switch v := ptr.(type) {
	case *string:
		return *v
	case *credit.Date:
		return FormatDate(*v)
	case *credit.VND:
		if *v == 0 {
			return ""
		}
		return v.String()
	case *int:
		if *v == 0 {
			return ""
		}
		return strconv.Itoa(*v)
	case *Period:
		if v.IsZero() {
			return ""
		}
		return pad2(int(v.Month)) + "/" + strconv.Itoa(v.Year)
	case *Sex:
		return label(sexLabels[:], int(*v))
	case *eligibility.ReleaseBasis:
		return label(basisLabels[:], int(*v))
	case *credit.Purpose:
		return label(purposeLabels[:], int(*v))
	case *eligibility.EstablishmentKind:
		return label(kindLabels[:], int(*v))
	case *eligibility.Fact:
		return label(factLabels[:], int(*v))
	}
	return ""
}

func label(labels []string, i int) string {
	if i >= 0 && i < len(labels) {
		return labels[i]
	}
	return ""
}

// readField reads cell text s into the field at ptr, adding a problem at at
// when it cannot. A blank cell leaves the field at its zero value (the
// validation says whether it is required).
func readField(ptr any, s string, at string, pr *credit.Problems) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	bad := func(code string, msg credit.Text, err error) { pr.Add(at, code, msg, err) }
	switch v := ptr.(type) {
	case *string:
		*v = s
	case *credit.Date:
		d, err := ParseCellDate(s)
		if err != nil {
			bad(credit.CodeInvalidDate, msgCellDate, err)
			return
		}
		*v = d
	case *credit.VND:
		m, err := ParseCellMoney(s)
		switch {
		case err == nil:
			*v = m
		case errors.Is(err, credit.ErrNegativeAmount):
			bad(credit.CodeNegative, credit.MsgNegativeAmount, err)
		case errors.Is(err, credit.ErrAmountTooLarge):
			bad(credit.CodeOutOfRange, credit.MsgAmountTooLarge, err)
		default:
			bad(credit.CodeNotInteger, credit.MsgNotAmount, err)
		}
	case *int:
		n, ok := serial(s)
		if !ok || n > 10_000_000 {
			bad(credit.CodeNotInteger, msgCellInt, nil)
			return
		}
		*v = n
	case *Period:
		p, err := parseCellPeriod(s)
		if err != nil {
			bad(CodeInvalidPeriod, msgCellPeriod, err)
			return
		}
		*v = p
	case *Sex:
		i, ok := sexChoices.find(s)
		if !ok {
			bad(credit.CodeInvalidEnum, sexChoices.msg, nil)
			return
		}
		*v = Sex(i)
	case *eligibility.ReleaseBasis:
		i, ok := basisChoices.find(s)
		if !ok {
			bad(credit.CodeInvalidEnum, basisChoices.msg, nil)
			return
		}
		*v = eligibility.ReleaseBasis(i)
	case *credit.Purpose:
		i, ok := purposeChoices.find(s)
		if !ok {
			bad(credit.CodeInvalidEnum, purposeChoices.msg, nil)
			return
		}
		*v = credit.Purpose(i)
	case *eligibility.EstablishmentKind:
		i, ok := kindChoices.find(s)
		if !ok {
			bad(credit.CodeInvalidEnum, kindChoices.msg, nil)
			return
		}
		*v = eligibility.EstablishmentKind(i)
	case *eligibility.Fact:
		i, ok := factChoices.find(s)
		if !ok {
			bad(credit.CodeInvalidEnum, factChoices.msg, nil)
			return
		}
		*v = eligibility.Fact(i)
	}
}

// parseCellPeriod reads mm/yyyy (or m/yyyy) or YYYY-MM.
func parseCellPeriod(s string) (Period, error) {
	if m, y, ok := strings.Cut(s, "/"); ok && len(m) <= 2 && len(y) == 4 {
		mm, err1 := atoiDigits(m)
		yy, err2 := atoiDigits(y)
		if err1 == nil && err2 == nil && mm >= 1 && mm <= 12 && yy >= 2000 {
			return Period{Year: yy, Month: time.Month(mm)}, nil
		}
		return Period{}, ErrPeriod
	}
	return ParsePeriod(s)
}

// The fields of each form, aligned with its layout (nil for the row number).
func (r *Row01) fields() []any {
	return []any{nil, &r.FullName, &r.DateOfBirth, &r.Sex, &r.IDNumber, &r.Residence, &r.ReleaseBasis,
		&r.CertificateNo, &r.CertificateDate, &r.CompletedOn, &r.Purpose, &r.Amount, &r.CourseMonths, &r.Note}
}

func (l *List01) fields() []any {
	return []any{&l.Province, &l.CommuneName, &l.CommuneCode, &l.Period, &l.PreparedOn, &l.PreparedBy, &l.CertifiedBy}
}

func (w *Worker02) fields() []any {
	return []any{nil, &w.FullName, &w.DateOfBirth, &w.Sex, &w.IDNumber, &w.ReleaseBasis, &w.CertificateNo,
		&w.CompletedOn, &w.OnCommuneList, &w.ContractNo, &w.ContractDate}
}

func (pl *Plan02) fields() []any {
	return []any{&pl.Province, &pl.CommuneName, &pl.CommuneCode, &pl.PreparedOn, &pl.Name, &pl.Kind,
		&pl.RegistrationNo, &pl.Address, &pl.LegalRepresentative, &pl.TotalWorkers, &pl.Purpose,
		&pl.CapitalNeed, &pl.OwnCapital, &pl.AmountRequested, &pl.TermMonths, &pl.RepaymentPlan,
		&pl.Collateral, &pl.ConfirmedOn, &pl.ConfirmedBy}
}

// toCells writes fields as cells; no is written in the row-number column.
func toCells(fields []any, no int) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		if f == nil {
			out[i] = strconv.Itoa(no)
			continue
		}
		out[i] = formatField(f)
	}
	return out
}

// fromCells reads cells (aligned with cols; shorter is fine) into fields.
func fromCells(fields []any, cols []Column, cells []string, base string, pr *credit.Problems) {
	for i, f := range fields {
		if f == nil || i >= len(cells) {
			continue
		}
		s := cells[i]
		if cols[i].Kind == CellID {
			s = fixID(s)
		}
		readField(f, s, base+"/"+cols[i].Key, pr)
	}
}

// fixID gives back the leading zeros of an ID number a spreadsheet took for
// a number: every province-of-birth code begins with 0 (legal reference
// §6), codes 001 to 009 with 00, so ten or eleven digits are a twelve-digit
// number without them.
func fixID(s string) string {
	t := strings.TrimSpace(s)
	if len(t) != 10 && len(t) != 11 || strings.Trim(t, "0123456789") != "" {
		return s
	}
	return strings.Repeat("0", 12-len(t)) + t
}

// IsTotalsRow reports whether the first cell of a row that is not blank
// names a totals row ("Tổng cộng", "Tổng", "Cộng", with or without more
// words), which importers skip.
func IsTotalsRow(cells []string) bool {
	for _, c := range cells {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		c = strings.ToLower(c)
		for _, w := range [...]string{"tổng cộng", "tổng", "cộng"} {
			if rest, ok := strings.CutPrefix(c, w); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':') {
				return true
			}
		}
		return false
	}
	return false
}

// Cells returns the row as the texts of Layout01's columns, no being its
// row number.
func (r *Row01) Cells(no int) []string { return toCells(r.fields(), no) }

// ReadRow01 reads a row from texts aligned with Layout01 ("" for a column
// the file lacks), adding a problem at base/key for every cell that cannot
// be read (base is "/rows/N").
func ReadRow01(cells []string, base string, pr *credit.Problems) Row01 {
	var r Row01
	fromCells(r.fields(), Layout01, cells, base, pr)
	return r
}

// HeaderCells returns the list's header fields as texts aligned with
// Header01.
func (l *List01) HeaderCells() []string { return toCells(l.fields(), 0) }

// ReadHeader01 reads a list's header fields (no rows) from texts aligned
// with Header01; problems are at /key.
func ReadHeader01(cells []string, pr *credit.Problems) List01 {
	var l List01
	fromCells(l.fields(), Header01, cells, "", pr)
	return l
}

// Cells returns the worker as the texts of Layout02's columns.
func (w *Worker02) Cells(no int) []string { return toCells(w.fields(), no) }

// ReadWorker02 reads a worker from texts aligned with Layout02 (base is
// "/workers/N").
func ReadWorker02(cells []string, base string, pr *credit.Problems) Worker02 {
	var w Worker02
	fromCells(w.fields(), Layout02, cells, base, pr)
	return w
}

// HeaderCells returns the plan's fields outside the worker table as texts
// aligned with Header02.
func (pl *Plan02) HeaderCells() []string { return toCells(pl.fields(), 0) }

// ReadHeader02 reads a plan's fields (no workers) from texts aligned with
// Header02.
func ReadHeader02(cells []string, pr *credit.Problems) Plan02 {
	var pl Plan02
	fromCells(pl.fields(), Header02, cells, "", pr)
	return pl
}
