package forms

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
)

// Sex as the forms record it. The zero value is unknown.
type Sex uint8

// Sexes.
const (
	SexUnknown Sex = iota
	Male
	Female
)

var sexNames = [...]string{"", "male", "female"}

// String returns "male", "female" or "".
func (s Sex) String() string {
	if int(s) < len(sexNames) {
		return sexNames[s]
	}
	return ""
}

// ParseSex returns the sex named s ("male", "female"), and false if none.
func ParseSex(s string) (Sex, bool) {
	for i, n := range sexNames {
		if i > 0 && n == s {
			return Sex(i), true
		}
	}
	return SexUnknown, false
}

// Period is the month a list is for, written "YYYY-MM".
type Period struct {
	Year  int
	Month time.Month
}

// ErrPeriod is returned for text that is not a real month "YYYY-MM".
var ErrPeriod = errors.New("forms: not a month written YYYY-MM")

// ParsePeriod reads "YYYY-MM" (years 2000 to 9999).
func ParsePeriod(s string) (Period, error) {
	if len(s) != 7 || s[4] != '-' {
		return Period{}, ErrPeriod
	}
	y, err1 := strconv.Atoi(s[:4])
	m, err2 := strconv.Atoi(s[5:])
	if err1 != nil || err2 != nil || s[0] == '+' || s[0] == '-' || s[5] == '+' || s[5] == '-' ||
		y < 2000 || m < 1 || m > 12 {
		return Period{}, ErrPeriod
	}
	return Period{Year: y, Month: time.Month(m)}, nil
}

// IsZero reports whether the period is unset.
func (p Period) IsZero() bool { return p.Year == 0 }

// String returns "YYYY-MM", or "" for the zero Period.
func (p Period) String() string {
	if p.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month))
}

// List01 is Mẫu số 01: the list of people who have completed a prison
// sentence and need a loan, drawn up each month by the commune police,
// certified by the commune People's Committee and sent to the VBSP office
// serving the commune on the 5th (QĐ22 Art. 3, Mẫu số 01; KH Lai Châu
// III.1). The fields are the project's reconstruction of the form (legal
// reference §5); Layout01 keeps the table's columns in one place.
type List01 struct {
	// Province is the province's name as written ("Lai Châu" or "Tỉnh Lai
	// Châu"). It is the commune's: Validate01 fills it from the commune
	// code when it is empty and refuses one that names another province.
	// ProvinceCode gives its two-digit code.
	Province    string      `form:"province" validate:"text,max=100"`
	CommuneCode string      `form:"commune_code" validate:"text,filled,max=10"`
	CommuneName string      `form:"commune_name" validate:"text,filled,max=100"`
	Period      Period      `form:"period"`
	PreparedOn  credit.Date `form:"prepared_on"`
	PreparedBy  string      `form:"prepared_by" validate:"text,filled,max=100"`
	CertifiedBy string      `form:"certified_by" validate:"text,filled,max=100"`
	Rows        []Row01     `form:"rows" validate:"dive"`
}

// Row01 is one person on a Mẫu số 01 list.
type Row01 struct {
	FullName        string                   `form:"full_name" validate:"text,filled,max=100"`
	DateOfBirth     credit.Date              `form:"date_of_birth"`
	Sex             Sex                      `form:"sex"`
	IDNumber        string                   `form:"id_number" validate:"text,filled"`
	Residence       string                   `form:"residence" validate:"text,filled,max=200"`
	ReleaseBasis    eligibility.ReleaseBasis `form:"release_basis"`
	CertificateNo   string                   `form:"certificate_no" validate:"text,filled,max=50"`
	CertificateDate credit.Date              `form:"certificate_date"`
	CompletedOn     credit.Date              `form:"completed_on"`
	Purpose         credit.Purpose           `form:"purpose"`
	Amount          credit.VND               `form:"amount"`
	CourseMonths    int                      `form:"course_months"` // 0: none given
	Note            string                   `form:"note" validate:"text,max=500"`
}

// Plan02 is Mẫu số 02: an establishment's borrowing plan (phương án vay
// vốn), confirmed by the People's Committee of the commune where it is
// carried out (QĐ22 Art. 3 cl. 3, Mẫu số 02). Fields: legal reference §5
// (a reconstruction, confidence L); Layout02 keeps the worker table's
// columns in one place.
type Plan02 struct {
	// Province: as List01.Province (Validate02).
	Province            string                        `form:"province" validate:"text,max=100"`
	CommuneCode         string                        `form:"commune_code" validate:"text,filled,max=10"`
	CommuneName         string                        `form:"commune_name" validate:"text,filled,max=100"`
	PreparedOn          credit.Date                   `form:"prepared_on"`
	Name                string                        `form:"name" validate:"text,filled,max=200"`
	Kind                eligibility.EstablishmentKind `form:"kind"`
	RegistrationNo      string                        `form:"registration_no" validate:"text,filled,max=50"`
	Address             string                        `form:"address" validate:"text,filled,max=200"`
	LegalRepresentative string                        `form:"legal_representative" validate:"text,filled,max=100"`
	TotalWorkers        int                           `form:"total_workers"`
	Workers             []Worker02                    `form:"workers" validate:"dive"`
	Purpose             credit.Purpose                `form:"purpose"`
	CapitalNeed         credit.VND                    `form:"capital_need"`
	OwnCapital          credit.VND                    `form:"own_capital"`
	AmountRequested     credit.VND                    `form:"amount_requested"`
	TermMonths          int                           `form:"term_months"`
	RepaymentPlan       string                        `form:"repayment_plan" validate:"text,filled,max=1000"`
	Collateral          string                        `form:"collateral" validate:"text,max=500"`
	// ConfirmedOn is the day the commune People's Committee confirmed the
	// plan; zero while it is not confirmed.
	ConfirmedOn credit.Date `form:"confirmed_on"`
	ConfirmedBy string      `form:"confirmed_by" validate:"text,max=100"`
}

// Worker02 is one ex-prisoner worker on a Mẫu số 02 plan.
type Worker02 struct {
	FullName      string                   `form:"full_name" validate:"text,filled,max=100"`
	DateOfBirth   credit.Date              `form:"date_of_birth"`
	Sex           Sex                      `form:"sex"`
	IDNumber      string                   `form:"id_number" validate:"text,filled"`
	ReleaseBasis  eligibility.ReleaseBasis `form:"release_basis"`
	CertificateNo string                   `form:"certificate_no" validate:"text,filled,max=50"`
	CompletedOn   credit.Date              `form:"completed_on"`
	// OnCommuneList: named on the commune's Mẫu số 01 list (Art. 3 cl. 2).
	OnCommuneList eligibility.Fact `form:"on_commune_list"`
	ContractNo    string           `form:"contract_no" validate:"text,filled,max=50"`
	ContractDate  credit.Date      `form:"contract_date"`
}
