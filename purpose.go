package credit

// Purpose is what a loan is for (QĐ22 Art. 3; legal reference §3,
// `purpose.allowed`). The zero Purpose is unknown.
type Purpose uint8

// Loan purposes. The values are stable; new ones are only appended.
const (
	PurposeUnknown Purpose = iota
	// Production covers production, business and job creation.
	Production
	// VocationalTraining is learning a trade; individuals only.
	VocationalTraining
)

var purposeNames = [...]string{"", "production", "vocational_training"}

// String returns the contract's name of p ("production",
// "vocational_training"), or "" for an unknown purpose.
func (p Purpose) String() string {
	if int(p) < len(purposeNames) {
		return purposeNames[p]
	}
	return ""
}

// ParsePurpose returns the purpose named s, and false if there is none.
func ParsePurpose(s string) (Purpose, bool) {
	for i, n := range purposeNames {
		if i > 0 && n == s {
			return Purpose(i), true
		}
	}
	return PurposeUnknown, false
}

// Purposes lists the known purposes in order.
func Purposes() []Purpose { return []Purpose{Production, VocationalTraining} }
