package forms

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

var (
	msgNoWorkers = credit.Text{
		VI: "Phương án phải kê ít nhất một lao động là người chấp hành xong án phạt tù.",
		EN: "The plan must list at least one worker who has completed a prison sentence.",
	}
	msgWorkersRange = credit.Text{
		VI: "Tổng số lao động phải từ 1 đến 1.000.000.",
		EN: "Total workers must be from 1 to 1,000,000.",
	}
	msgExceedsTotal = credit.Text{
		VI: "Số lao động kê trong danh sách nhiều hơn tổng số lao động của cơ sở.",
		EN: "More workers are listed than the establishment employs.",
	}
	msgEstablishmentPurpose = credit.Text{
		VI: "Cơ sở chỉ vay để sản xuất, kinh doanh, tạo việc làm; không vay học nghề (Điều 3 Quyết định 22/2023/QĐ-TTg).",
		EN: "An establishment borrows only for production, business and job creation, not vocational training (Decision 22/2023/QĐ-TTg, Article 3).",
	}
	msgOwnAboveNeed = credit.Text{
		VI: "Vốn tự có lớn hơn tổng nhu cầu vốn.",
		EN: "Own capital is more than the total capital needed.",
	}
	msgAboveNeed = credit.Text{
		VI: "Số tiền đề nghị vay lớn hơn tổng nhu cầu vốn trừ vốn tự có.",
		EN: "The amount requested is more than the capital needed less own capital.",
	}
	msgConfirmedBefore = credit.Text{
		VI: "Ngày xác nhận trước ngày lập phương án.",
		EN: "The confirmation date is before the date the plan was drawn up.",
	}
)

// Validate02 checks a Mẫu số 02 plan against the form, the communes of
// 2025 (places.Default) and the policy in force on its date (prepared_on)
// in the commune's province: every problem at once, each with a JSON
// pointer into the plan's JSON shape (/workers/0/id_number, …) — at most
// MaxProblems of them: past that it stops checking and ends the list with
// one CodeTooManyProblems at "/workers". The commune and the province are
// checked (and an empty province filled) as by Validate01; an amount
// requested above the collateral threshold (credit.CollateralThreshold,
// 100,000,000 đồng: exactly that needs none) with no collateral offered is
// CodeCollateralRequired (Art. 10). Checker.Validate02 checks against
// another catalogue.
func Validate02(b *credit.Book, pl *Plan02) error { return Checker{Book: b}.Validate02(pl) }

// Validate02 is the package's Validate02, against c.Communes.
func (c Checker) Validate02(pl *Plan02) error {
	b := c.Book
	var pr credit.Problems
	if len(pl.Workers) > MaxRows {
		pr.Add("/workers", credit.CodeOutOfRange, msgTooManyRows, ErrForm)
		return pr
	}
	if !fieldRules(&pr, pl, "Workers", "/workers", len(pl.Workers), func(i int) any { return &pl.Workers[i] }) {
		return capped(pr, "/workers")
	}
	province := checkPlace(&pr, c.communes(), &pl.Province, pl.CommuneCode)
	p := checkPreparedOn(&pr, b, pl.PreparedOn, province)
	switch {
	case pl.Kind == eligibility.KindUnknown:
		pr.Add("/kind", credit.CodeRequired, credit.MsgRequired, nil)
	case pl.Kind > eligibility.LargeEnterprise:
		pr.Add("/kind", credit.CodeInvalidEnum, msgEnum, ErrForm)
	}
	switch {
	case pl.TotalWorkers == 0:
		pr.Add("/total_workers", credit.CodeRequired, credit.MsgRequired, nil)
	case pl.TotalWorkers < 1 || pl.TotalWorkers > eligibility.MaxWorkers:
		pr.Add("/total_workers", credit.CodeOutOfRange, msgWorkersRange, ErrForm)
	case len(pl.Workers) > pl.TotalWorkers:
		pr.Add("/workers", CodeExceedsTotalWorker, msgExceedsTotal, ErrForm)
	}
	if len(pl.Workers) == 0 {
		pr.Add("/workers", credit.CodeRequired, msgNoWorkers, nil)
	}
	for i := range pl.Workers {
		if full(pr) {
			return capped(pr, "/workers")
		}
		w := &pl.Workers[i]
		base := "/workers/" + strconv.Itoa(i)
		checkPerson(&pr, base, person{w.DateOfBirth, w.Sex, w.IDNumber, w.ReleaseBasis, w.CompletedOn}, pl.PreparedOn, pl.PreparedOn, p)
		checkDate(&pr, base+"/contract_date", w.ContractDate, pl.PreparedOn, true)
		if w.OnCommuneList > eligibility.No {
			pr.Add(base+"/on_commune_list", credit.CodeInvalidEnum, msgEnum, ErrForm)
		}
	}
	checkDuplicates(&pr, "/workers", len(pl.Workers), func(i int) string { return pl.Workers[i].IDNumber })
	if full(pr) {
		return capped(pr, "/workers")
	}

	switch pl.Purpose {
	case credit.PurposeUnknown:
		pr.Add("/purpose", credit.CodeRequired, credit.MsgRequired, nil)
	case credit.VocationalTraining:
		pr.Add("/purpose", CodeNotAllowed, msgEstablishmentPurpose, ErrForm)
	case credit.Production:
	default:
		pr.Add("/purpose", credit.CodeInvalidEnum, msgEnum, ErrForm)
	}
	needOK := checkMoney(&pr, "/capital_need", pl.CapitalNeed, true)
	ownOK := checkMoney(&pr, "/own_capital", pl.OwnCapital, false)
	askOK := checkMoney(&pr, "/amount_requested", pl.AmountRequested, true)
	if needOK && ownOK && pl.OwnCapital > pl.CapitalNeed {
		pr.Add("/own_capital", CodeAboveNeed, msgOwnAboveNeed, ErrForm)
	} else if needOK && ownOK && askOK && pl.AmountRequested > pl.CapitalNeed-pl.OwnCapital {
		pr.Add("/amount_requested", CodeAboveNeed, msgAboveNeed, ErrForm)
	}
	if askOK && p != nil && pl.TotalWorkers >= 1 && pl.TotalWorkers <= eligibility.MaxWorkers {
		limit, cite, _ := lending.EstablishmentCap(p, eligibility.CountOf(pl.TotalWorkers), eligibility.CountOf(qualifying(p, pl)))
		if pl.AmountRequested > limit {
			pr.Add("/amount_requested", CodeAboveCap, msgAboveCap(limit, cite), ErrForm)
		}
	}
	maxTerm := 120
	if p != nil {
		maxTerm = int(p.Int(credit.TermProductionMaxMonths))
	}
	switch {
	case pl.TermMonths == 0:
		pr.Add("/term_months", credit.CodeRequired, credit.MsgRequired, nil)
	case pl.TermMonths < 1 || pl.TermMonths > maxTerm:
		pr.Add("/term_months", credit.CodeOutOfRange, credit.Text{
			VI: "Thời hạn vay phải từ 1 đến " + strconv.Itoa(maxTerm) + " tháng (Điều 8 Quyết định 22/2023/QĐ-TTg).",
			EN: "The term must be from 1 to " + strconv.Itoa(maxTerm) + " months (Decision 22/2023/QĐ-TTg, Article 8).",
		}, ErrForm)
	}
	if askOK && p != nil && !pr.Has("/collateral") && strings.TrimSpace(pl.Collateral) == "" {
		if limit := p.VND(credit.CollateralThreshold); pl.AmountRequested > limit {
			pr.Add("/collateral", CodeCollateralRequired, msgCollateralRequired(limit, p.Citation(credit.CollateralThreshold)), ErrForm)
		}
	}
	if !pl.ConfirmedOn.IsZero() && !pl.PreparedOn.IsZero() && pl.ConfirmedOn.Before(pl.PreparedOn) {
		pr.Add("/confirmed_on", CodeBeforePreparedOn, msgConfirmedBefore, ErrForm)
	}
	return capped(pr, "/workers")
}

func msgCollateralRequired(limit credit.VND, c *credit.Citation) credit.Text {
	return credit.Text{
		VI: fmt.Sprintf("Số tiền đề nghị vay trên %s đồng phải có tài sản bảo đảm: ghi tài sản bảo đảm của cơ sở (%s).", groupDigits(limit), c.Text),
		EN: fmt.Sprintf("An amount requested above %s đồng needs collateral: write the collateral the establishment offers (%s).", groupDigits(limit), c.TextEN),
	}
}

// checkMoney checks an amount: not negative, at most credit.MaxVND, and more
// than 0 when required. It reports whether the amount is usable.
func checkMoney(pr *credit.Problems, at string, v credit.VND, required bool) bool {
	switch {
	case v < 0:
		pr.Add(at, credit.CodeNegative, credit.MsgNegativeAmount, credit.ErrNegativeAmount)
	case v == 0 && required:
		pr.Add(at, credit.CodeRequired, msgAmountRequired, nil)
	case v > credit.MaxVND:
		pr.Add(at, credit.CodeOutOfRange, credit.MsgAmountTooLarge, credit.ErrAmountTooLarge)
	default:
		return true
	}
	return false
}
