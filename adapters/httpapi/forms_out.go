package httpapi

import (
	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/forms"
)

// list01Out is a Mẫu 01 list in the JSON shape of the validate body, so
// that an imported list can be corrected and sent back as it is. Unknown
// values are null.
type list01Out struct {
	Province    string       `json:"province"`
	CommuneCode string       `json:"commune_code"`
	CommuneName string       `json:"commune_name"`
	Period      *string      `json:"period"`
	PreparedOn  *credit.Date `json:"prepared_on"`
	PreparedBy  string       `json:"prepared_by"`
	CertifiedBy string       `json:"certified_by"`
	Rows        []row01Out   `json:"rows"`
}

type row01Out struct {
	FullName        string       `json:"full_name"`
	DateOfBirth     *credit.Date `json:"date_of_birth"`
	Sex             *string      `json:"sex"`
	IDNumber        string       `json:"id_number"`
	Residence       string       `json:"residence"`
	ReleaseBasis    *string      `json:"release_basis"`
	CertificateNo   string       `json:"certificate_no"`
	CertificateDate *credit.Date `json:"certificate_date"`
	CompletedOn     *credit.Date `json:"completed_on"`
	Purpose         *string      `json:"purpose"`
	Amount          *credit.VND  `json:"amount"`
	CourseMonths    *int         `json:"course_months"`
	Note            string       `json:"note"`
}

// plan02Out is a Mẫu 02 plan in the JSON shape of its validate body.
type plan02Out struct {
	Province            string        `json:"province"`
	CommuneCode         string        `json:"commune_code"`
	CommuneName         string        `json:"commune_name"`
	PreparedOn          *credit.Date  `json:"prepared_on"`
	Name                string        `json:"name"`
	Kind                *string       `json:"kind"`
	RegistrationNo      string        `json:"registration_no"`
	Address             string        `json:"address"`
	LegalRepresentative string        `json:"legal_representative"`
	TotalWorkers        *int          `json:"total_workers"`
	Workers             []worker02Out `json:"workers"`
	Purpose             *string       `json:"purpose"`
	CapitalNeed         *credit.VND   `json:"capital_need"`
	OwnCapital          *credit.VND   `json:"own_capital"`
	AmountRequested     *credit.VND   `json:"amount_requested"`
	TermMonths          *int          `json:"term_months"`
	RepaymentPlan       string        `json:"repayment_plan"`
	Collateral          string        `json:"collateral"`
	ConfirmedOn         *credit.Date  `json:"confirmed_on"`
	ConfirmedBy         string        `json:"confirmed_by"`
}

type worker02Out struct {
	FullName      string       `json:"full_name"`
	DateOfBirth   *credit.Date `json:"date_of_birth"`
	Sex           *string      `json:"sex"`
	IDNumber      string       `json:"id_number"`
	ReleaseBasis  *string      `json:"release_basis"`
	CertificateNo string       `json:"certificate_no"`
	CompletedOn   *credit.Date `json:"completed_on"`
	OnCommuneList *bool        `json:"on_commune_list"`
	ContractNo    string       `json:"contract_no"`
	ContractDate  *credit.Date `json:"contract_date"`
}

// name returns a choice's contract name, or nil when unknown.
func name(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func money(v credit.VND) *credit.VND {
	if v == 0 {
		return nil
	}
	return &v
}

func number(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func newList01Out(l *forms.List01) list01Out {
	out := list01Out{
		Province: l.Province, CommuneCode: l.CommuneCode, CommuneName: l.CommuneName,
		Period: name(l.Period.String()), PreparedOn: optDate(l.PreparedOn),
		PreparedBy: l.PreparedBy, CertifiedBy: l.CertifiedBy,
		Rows: make([]row01Out, len(l.Rows)),
	}
	for i := range l.Rows {
		r := &l.Rows[i]
		out.Rows[i] = row01Out{
			FullName: r.FullName, DateOfBirth: optDate(r.DateOfBirth), Sex: name(r.Sex.String()),
			IDNumber: r.IDNumber, Residence: r.Residence, ReleaseBasis: name(r.ReleaseBasis.String()),
			CertificateNo: r.CertificateNo, CertificateDate: optDate(r.CertificateDate),
			CompletedOn: optDate(r.CompletedOn), Purpose: name(r.Purpose.String()),
			Amount: money(r.Amount), CourseMonths: number(r.CourseMonths), Note: r.Note,
		}
	}
	return out
}

func newPlan02Out(pl *forms.Plan02) plan02Out {
	out := plan02Out{
		Province: pl.Province, CommuneCode: pl.CommuneCode, CommuneName: pl.CommuneName,
		PreparedOn: optDate(pl.PreparedOn), Name: pl.Name, Kind: name(pl.Kind.String()),
		RegistrationNo: pl.RegistrationNo, Address: pl.Address, LegalRepresentative: pl.LegalRepresentative,
		TotalWorkers: number(pl.TotalWorkers), Purpose: name(pl.Purpose.String()),
		CapitalNeed: money(pl.CapitalNeed), OwnCapital: money(pl.OwnCapital), AmountRequested: money(pl.AmountRequested),
		TermMonths: number(pl.TermMonths), RepaymentPlan: pl.RepaymentPlan, Collateral: pl.Collateral,
		ConfirmedOn: optDate(pl.ConfirmedOn), ConfirmedBy: pl.ConfirmedBy,
		Workers: make([]worker02Out, len(pl.Workers)),
	}
	for i := range pl.Workers {
		w := &pl.Workers[i]
		wo := worker02Out{
			FullName: w.FullName, DateOfBirth: optDate(w.DateOfBirth), Sex: name(w.Sex.String()),
			IDNumber: w.IDNumber, ReleaseBasis: name(w.ReleaseBasis.String()), CertificateNo: w.CertificateNo,
			CompletedOn: optDate(w.CompletedOn), ContractNo: w.ContractNo, ContractDate: optDate(w.ContractDate),
		}
		if w.OnCommuneList != eligibility.Unknown {
			b := w.OnCommuneList == eligibility.Yes
			wo.OnCommuneList = &b
		}
		out.Workers[i] = wo
	}
	return out
}
