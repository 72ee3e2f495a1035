package forms

import (
	"strconv"

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

// Validate02 checks a Mẫu số 02 plan against the form and the policy in
// force on its date (prepared_on): every problem at once, each with a JSON
// pointer into the plan's JSON shape (/workers/0/id_number, …) — at most
// MaxProblems of them: past that it stops checking and ends the list with
// one CodeTooManyProblems at "/workers".
func Validate02(b *credit.Book, pl *Plan02) error {
	var pr credit.Problems
	if len(pl.Workers) > MaxRows {
		pr.Add("/workers", credit.CodeOutOfRange, msgTooManyRows, ErrForm)
		return pr
	}
	if !fieldRules(&pr, pl, "Workers", "/workers", len(pl.Workers), func(i int) any { return &pl.Workers[i] }) {
		return capped(pr, "/workers")
	}
	p := checkPreparedOn(&pr, b, pl.PreparedOn)
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
	if !pl.ConfirmedOn.IsZero() && !pl.PreparedOn.IsZero() && pl.ConfirmedOn.Before(pl.PreparedOn) {
		pr.Add("/confirmed_on", CodeBeforePreparedOn, msgConfirmedBefore, ErrForm)
	}
	return capped(pr, "/workers")
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
