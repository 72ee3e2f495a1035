package eligibility

import (
	"github.com/vnreentry/credit"
)

// Fact is a yes/no fact that may be unknown. The zero Fact is Unknown: a fact
// nobody stated makes its finding Unknown, never an error.
type Fact uint8

// Facts.
const (
	Unknown Fact = iota
	Yes
	No
)

// FactOf returns Yes for true and No for false.
func FactOf(b bool) Fact {
	if b {
		return Yes
	}
	return No
}

// String returns "unknown", "yes" or "no".
func (f Fact) String() string {
	switch f {
	case Yes:
		return "yes"
	case No:
		return "no"
	}
	return "unknown"
}

// Count is a whole number that may be unknown; the zero Count is unknown.
type Count struct {
	n     int
	known bool
}

// CountOf returns the known count n.
func CountOf(n int) Count { return Count{n: n, known: true} }

// Get returns the count and whether it is known.
func (c Count) Get() (int, bool) { return c.n, c.known }

// ReleaseBasis is the document on which a person's release rests
// (QĐ22 Art. 2, Art. 3 cl. 1). The zero value is unknown.
type ReleaseBasis uint8

// Release bases. Stable; new ones are only appended.
const (
	BasisUnknown ReleaseBasis = iota
	// Completion: a certificate of completion of the prison sentence.
	Completion
	// SpecialAmnesty: a special-amnesty certificate.
	SpecialAmnesty
	// ConditionalRelease: released early on conditions and still without a
	// completion certificate; does not qualify (TT10, legal reference §2).
	ConditionalRelease
)

var basisNames = [...]string{"", "completion", "special_amnesty", "conditional_release"}

// String returns the contract's name of the basis.
func (b ReleaseBasis) String() string {
	if int(b) < len(basisNames) {
		return basisNames[b]
	}
	return ""
}

// ParseReleaseBasis returns the basis named s, and false if there is none.
func ParseReleaseBasis(s string) (ReleaseBasis, bool) {
	return parseName[ReleaseBasis](basisNames[:], s)
}

// EstablishmentKind is the legal form of an establishment (QĐ22 Art. 2).
// The zero value is unknown.
type EstablishmentKind uint8

// Kinds of establishment. Stable; new ones are only appended.
const (
	KindUnknown       EstablishmentKind = iota
	SME                                 // doanh nghiệp nhỏ và vừa
	Cooperative                         // hợp tác xã
	CooperativeGroup                    // tổ hợp tác
	HouseholdBusiness                   // hộ kinh doanh
	LargeEnterprise                     // not listed by QĐ22: not eligible
)

var kindNames = [...]string{"", "sme", "cooperative", "cooperative_group", "household_business", "large_enterprise"}

// String returns the contract's name of the kind.
func (k EstablishmentKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return ""
}

// ParseEstablishmentKind returns the kind named s, and false if there is none.
func ParseEstablishmentKind(s string) (EstablishmentKind, bool) {
	return parseName[EstablishmentKind](kindNames[:], s)
}

func parseName[T ~uint8](names []string, s string) (T, bool) {
	for i, n := range names {
		if i > 0 && n == s {
			return T(i), true
		}
	}
	return 0, false
}

// Release is how and when a person's prison sentence ended.
type Release struct {
	Basis       ReleaseBasis
	CompletedOn credit.Date // date on the certificate; zero if unknown
}

// Individual holds the facts about a person who has completed a prison
// sentence. Identity (name, date of birth, ID number) is deliberately absent:
// no rule of QĐ22 depends on it, and what is not held cannot leak.
type Individual struct {
	Release Release
	// OnCommuneList: named on the commune's Mẫu số 01 list.
	OnCommuneList Fact
	// HouseholdHasCapableAdult: the household has a member aged 18 or over
	// with full civil capacity; No makes the person borrow in their own name
	// (Art. 4). Not a condition of eligibility.
	HouseholdHasCapableAdult Fact
}

// Establishment holds the facts about a business that employs such persons.
type Establishment struct {
	Kind   EstablishmentKind
	Lawful Fact // lawfully established and operating
	// TotalWorkers counts all workers; QualifyingWorkers those ex-prisoner
	// workers who themselves meet the individual conditions and hold labour
	// contracts.
	TotalWorkers      Count
	QualifyingWorkers Count
	PlanConfirmed     Fact // Mẫu số 02 confirmed by the commune People's Committee
}

// Application is what is asked: who, for what, how much, on which day.
// Exactly one of Individual and Establishment is set.
type Application struct {
	// On is the day of the request; the rules decide for this day.
	On credit.Date
	// Province is the two-digit code (2025) of the province where the loan
	// is made, when known: a parameter may hold a provincial value there
	// (a rate cut, legal reference §1). Empty: the national values.
	Province string
	// KnownOn, when set, decides as the law was known on that day: values
	// enacted later are left out (credit.Query).
	KnownOn credit.Date
	Purpose credit.Purpose
	// Amount is the amount asked, when AmountAsked is true: at least 1 đồng
	// (Validate reports 0 as out_of_range and a negative amount as
	// negative). When no amount is asked, the terms grant the cap.
	Amount      credit.VND
	AmountAsked bool
	// CourseMonths is the length of the vocational-training course, 1..60;
	// required for VocationalTraining, ignored otherwise.
	CourseMonths int
	// LeaveMonths is study leave the training institution allows, in months
	// (0..60, training only): it belongs to the disbursement period (Art. 8
	// cl. 1 point b), so it lengthens the repayment period and the term but
	// not the cap, which counts months of the course.
	LeaveMonths int
	// SamePurposeDebt: owes VBSP under another programme with the same purpose.
	SamePurposeDebt Fact
	Individual      *Individual
	Establishment   *Establishment
}

// Bounds on inputs that the contract sets (not the law).
const (
	// MaxCourseMonths is the longest vocational course accepted (api-v1).
	MaxCourseMonths = 60
	// MaxWorkers bounds an establishment's worker counts.
	MaxWorkers = 1_000_000
)
