package access_test

import (
	"fmt"

	"github.com/vnreentry/credit/access"
)

// A commune police officer of Xã Bản Bo (03424, Lai Châu) asks to read
// lists: one of its commune, one of a neighbouring commune, and to certify
// one, which is the committee's.
func Example() {
	p := access.Principal{UserID: 12, Role: access.CommunePolice, Communes: []string{"03424"}}
	own := access.Resource{Commune: "03424", Province: "12"}
	neighbour := access.Resource{Commune: "03405", Province: "12"}

	fmt.Println(access.Decide(p, access.ListRead, own))
	fmt.Println(access.Decide(p, access.ListRead, neighbour))
	fmt.Println(access.Decide(p, access.ListCertify, own))
	fmt.Println(access.Decide(p, access.Calculate, access.Resource{}))
	// Output:
	// allow
	// not_found
	// forbidden
	// allow
}

// A list query takes its scope from the policy: a VBSP officer serving two
// communes lists the loans of those two; a provincial police officer those
// of its province; an auditor may not list loans at all.
func ExampleScopeOf() {
	for _, p := range []access.Principal{
		{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}},
		{Role: access.ProvincialPolice, Province: "12"},
		{Role: access.CommunePolice}, // given no commune yet
		{Role: access.Auditor},
	} {
		s, ok := access.ScopeOf(p, access.LoanRead)
		if p.Role == access.CommunePolice {
			s, ok = access.ScopeOf(p, access.ListRead)
		}
		switch {
		case !ok:
			fmt.Printf("%s: 403\n", p.Role)
		case s.Empty():
			fmt.Printf("%s: nothing\n", p.Role)
		case s.All:
			fmt.Printf("%s: everything\n", p.Role)
		case s.Province != "":
			fmt.Printf("%s: province %s\n", p.Role, s.Province)
		default:
			fmt.Printf("%s: communes %v\n", p.Role, s.Communes)
		}
	}
	// Output:
	// vbsp_officer: communes [03405 03424]
	// provincial_police: province 12
	// commune_police: nothing
	// auditor: 403
}
