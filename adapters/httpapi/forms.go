package httpapi

import (
	"encoding/json"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// list01JSON is a Mẫu số 01 list in the contract's JSON shape (api-v1,
// POST /v1/forms/01/validate). Leaves are raw so that every bad value is
// reported.
type list01JSON struct {
	Province    json.RawMessage `json:"province"`
	CommuneCode json.RawMessage `json:"commune_code"`
	CommuneName json.RawMessage `json:"commune_name"`
	Period      json.RawMessage `json:"period"`
	PreparedOn  json.RawMessage `json:"prepared_on"`
	PreparedBy  json.RawMessage `json:"prepared_by"`
	CertifiedBy json.RawMessage `json:"certified_by"`
	Rows        []row01JSON     `json:"rows"`
}

type row01JSON struct {
	FullName        json.RawMessage `json:"full_name"`
	DateOfBirth     json.RawMessage `json:"date_of_birth"`
	Sex             json.RawMessage `json:"sex"`
	IDNumber        json.RawMessage `json:"id_number"`
	Residence       json.RawMessage `json:"residence"`
	ReleaseBasis    json.RawMessage `json:"release_basis"`
	CertificateNo   json.RawMessage `json:"certificate_no"`
	CertificateDate json.RawMessage `json:"certificate_date"`
	CompletedOn     json.RawMessage `json:"completed_on"`
	Purpose         json.RawMessage `json:"purpose"`
	Amount          json.RawMessage `json:"amount"`
	CourseMonths    json.RawMessage `json:"course_months"`
	Note            json.RawMessage `json:"note"`
}

// plan02JSON is a Mẫu số 02 plan, in the same style.
type plan02JSON struct {
	Province            json.RawMessage `json:"province"`
	CommuneCode         json.RawMessage `json:"commune_code"`
	CommuneName         json.RawMessage `json:"commune_name"`
	PreparedOn          json.RawMessage `json:"prepared_on"`
	Name                json.RawMessage `json:"name"`
	Kind                json.RawMessage `json:"kind"`
	RegistrationNo      json.RawMessage `json:"registration_no"`
	Address             json.RawMessage `json:"address"`
	LegalRepresentative json.RawMessage `json:"legal_representative"`
	TotalWorkers        json.RawMessage `json:"total_workers"`
	Workers             []worker02JSON  `json:"workers"`
	Purpose             json.RawMessage `json:"purpose"`
	CapitalNeed         json.RawMessage `json:"capital_need"`
	OwnCapital          json.RawMessage `json:"own_capital"`
	AmountRequested     json.RawMessage `json:"amount_requested"`
	TermMonths          json.RawMessage `json:"term_months"`
	RepaymentPlan       json.RawMessage `json:"repayment_plan"`
	Collateral          json.RawMessage `json:"collateral"`
	ConfirmedOn         json.RawMessage `json:"confirmed_on"`
	ConfirmedBy         json.RawMessage `json:"confirmed_by"`
}

type worker02JSON struct {
	FullName      json.RawMessage `json:"full_name"`
	DateOfBirth   json.RawMessage `json:"date_of_birth"`
	Sex           json.RawMessage `json:"sex"`
	IDNumber      json.RawMessage `json:"id_number"`
	ReleaseBasis  json.RawMessage `json:"release_basis"`
	CertificateNo json.RawMessage `json:"certificate_no"`
	CompletedOn   json.RawMessage `json:"completed_on"`
	OnCommuneList json.RawMessage `json:"on_commune_list"`
	ContractNo    json.RawMessage `json:"contract_no"`
	ContractDate  json.RawMessage `json:"contract_date"`
}

var (
	msgSexEnum = credit.Text{
		VI: "Giới tính phải là \"male\" hoặc \"female\".",
		EN: "The sex must be \"male\" or \"female\".",
	}
	msgPeriodFormat = credit.Text{
		VI: "Kỳ báo cáo phải là một tháng có thật, ghi theo dạng NNNN-TT (ví dụ 2026-11).",
		EN: "The period must be a real month written YYYY-MM (for example 2026-11).",
	}
	msgCountRange = credit.Text{
		VI: "Cần một số nguyên từ 0 đến 1.000.000.",
		EN: "A whole number from 0 to 1,000,000 is expected.",
	}
)

// text reads an optional string leaf.
func (rd *reader) text(raw json.RawMessage, ptr string) string {
	s, _ := rd.str(raw, ptr)
	return s
}

// count reads an optional whole number in -1,000,000..10,000,000 (wider
// than any form allows, so that the form's own range check speaks).
func (rd *reader) count(raw json.RawMessage, ptr string) int {
	n, _ := rd.integer(raw, ptr, -eligibility.MaxWorkers, 10*eligibility.MaxWorkers, msgCountRange)
	return n
}

// amount reads an optional amount; zero when absent.
func (rd *reader) amount(raw json.RawMessage, ptr string) credit.VND {
	v, _ := rd.money(raw, ptr)
	return v
}

func (rd *reader) sex(raw json.RawMessage, ptr string) forms.Sex {
	v, _ := enum(rd, raw, ptr, forms.ParseSex, msgSexEnum)
	return v
}

func (rd *reader) basis(raw json.RawMessage, ptr string) eligibility.ReleaseBasis {
	v, _ := enum(rd, raw, ptr, eligibility.ParseReleaseBasis, msgBasisEnum)
	return v
}

func (rd *reader) purpose(raw json.RawMessage, ptr string) credit.Purpose {
	v, _ := enum(rd, raw, ptr, credit.ParsePurpose, msgPurposeEnum)
	return v
}

func (rd *reader) period(raw json.RawMessage, ptr string) forms.Period {
	s, ok := rd.str(raw, ptr)
	if !ok {
		return forms.Period{}
	}
	p, err := forms.ParsePeriod(s)
	if err != nil {
		rd.add(ptr, forms.CodeInvalidPeriod, msgPeriodFormat, err)
	}
	return p
}

// list reads a Mẫu 01 list, recording every malformed value with its
// pointer under base ("" for a list that is the whole body, "/lists/2" for
// one of a report's). Whether a value is required is the form's to say
// (forms.Validate01).
func (lj *list01JSON) list(rd *reader, base string) forms.List01 {
	l := forms.List01{
		Province:    rd.text(lj.Province, base+"/province"),
		CommuneCode: rd.text(lj.CommuneCode, base+"/commune_code"),
		CommuneName: rd.text(lj.CommuneName, base+"/commune_name"),
		Period:      rd.period(lj.Period, base+"/period"),
		PreparedOn:  rd.date(lj.PreparedOn, base+"/prepared_on", false),
		PreparedBy:  rd.text(lj.PreparedBy, base+"/prepared_by"),
		CertifiedBy: rd.text(lj.CertifiedBy, base+"/certified_by"),
	}
	if len(lj.Rows) > forms.MaxRows {
		l.Rows = make([]forms.Row01, len(lj.Rows)) // the form reports the length
		return l
	}
	l.Rows = make([]forms.Row01, len(lj.Rows))
	for i := range lj.Rows {
		at := base + "/rows/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue // not an object: reported once, by the decoder
		}
		j, r := &lj.Rows[i], &l.Rows[i]
		r.FullName = rd.text(j.FullName, at+"/full_name")
		r.DateOfBirth = rd.date(j.DateOfBirth, at+"/date_of_birth", false)
		r.Sex = rd.sex(j.Sex, at+"/sex")
		r.IDNumber = rd.text(j.IDNumber, at+"/id_number")
		r.Residence = rd.text(j.Residence, at+"/residence")
		r.ReleaseBasis = rd.basis(j.ReleaseBasis, at+"/release_basis")
		r.CertificateNo = rd.text(j.CertificateNo, at+"/certificate_no")
		r.CertificateDate = rd.date(j.CertificateDate, at+"/certificate_date", false)
		r.CompletedOn = rd.date(j.CompletedOn, at+"/completed_on", false)
		r.Purpose = rd.purpose(j.Purpose, at+"/purpose")
		r.Amount = rd.amount(j.Amount, at+"/amount")
		r.CourseMonths = rd.count(j.CourseMonths, at+"/course_months")
		r.Note = rd.text(j.Note, at+"/note")
	}
	return l
}

// plan reads a Mẫu 02 plan, recording every malformed value.
func (pj *plan02JSON) plan(rd *reader) forms.Plan02 {
	pl := forms.Plan02{
		Province:            rd.text(pj.Province, "/province"),
		CommuneCode:         rd.text(pj.CommuneCode, "/commune_code"),
		CommuneName:         rd.text(pj.CommuneName, "/commune_name"),
		PreparedOn:          rd.date(pj.PreparedOn, "/prepared_on", false),
		Name:                rd.text(pj.Name, "/name"),
		RegistrationNo:      rd.text(pj.RegistrationNo, "/registration_no"),
		Address:             rd.text(pj.Address, "/address"),
		LegalRepresentative: rd.text(pj.LegalRepresentative, "/legal_representative"),
		TotalWorkers:        rd.count(pj.TotalWorkers, "/total_workers"),
		Purpose:             rd.purpose(pj.Purpose, "/purpose"),
		CapitalNeed:         rd.amount(pj.CapitalNeed, "/capital_need"),
		OwnCapital:          rd.amount(pj.OwnCapital, "/own_capital"),
		AmountRequested:     rd.amount(pj.AmountRequested, "/amount_requested"),
		TermMonths:          rd.count(pj.TermMonths, "/term_months"),
		RepaymentPlan:       rd.text(pj.RepaymentPlan, "/repayment_plan"),
		Collateral:          rd.text(pj.Collateral, "/collateral"),
		ConfirmedOn:         rd.date(pj.ConfirmedOn, "/confirmed_on", false),
		ConfirmedBy:         rd.text(pj.ConfirmedBy, "/confirmed_by"),
	}
	pl.Kind, _ = enum(rd, pj.Kind, "/kind", eligibility.ParseEstablishmentKind, msgKindEnum)
	if len(pj.Workers) > forms.MaxRows {
		pl.Workers = make([]forms.Worker02, len(pj.Workers))
		return pl
	}
	pl.Workers = make([]forms.Worker02, len(pj.Workers))
	for i := range pj.Workers {
		at := "/workers/" + strconv.Itoa(i)
		if rd.unreadable(at) {
			continue
		}
		j, w := &pj.Workers[i], &pl.Workers[i]
		w.FullName = rd.text(j.FullName, at+"/full_name")
		w.DateOfBirth = rd.date(j.DateOfBirth, at+"/date_of_birth", false)
		w.Sex = rd.sex(j.Sex, at+"/sex")
		w.IDNumber = rd.text(j.IDNumber, at+"/id_number")
		w.ReleaseBasis = rd.basis(j.ReleaseBasis, at+"/release_basis")
		w.CertificateNo = rd.text(j.CertificateNo, at+"/certificate_no")
		w.CompletedOn = rd.date(j.CompletedOn, at+"/completed_on", false)
		w.OnCommuneList = fact(rd, j.OnCommuneList, at+"/on_commune_list")
		w.ContractNo = rd.text(j.ContractNo, at+"/contract_no")
		w.ContractDate = rd.date(j.ContractDate, at+"/contract_date", false)
	}
	return pl
}
