package access_test

import (
	"fmt"
	"testing"

	"github.com/vnreentry/credit/access"
)

// BenchmarkDecide is the cost of the check every route makes. None of the
// cases allocates.
func BenchmarkDecide(b *testing.B) {
	many := make([]string, 40) // a large office: the commune asked for is the last
	for i := range many {
		many[i] = fmt.Sprintf("%05d", 3400+i)
	}
	last := access.Resource{Commune: many[len(many)-1], Province: "12"}
	for _, bc := range []struct {
		name string
		p    access.Principal
		a    access.Action
		r    access.Resource
		want access.Verdict
	}{
		{"communes/allow", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.LoanPay, inScope, access.Allow},
		{"communes/not_found", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.LoanRead, outScope, access.NotFound},
		{"communes/40", access.Principal{Role: access.VBSPOfficer, Communes: many}, access.ListReceive, last, access.Allow},
		{"province/allow", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.ListRead, inScope, access.Allow},
		{"store/allow", access.Principal{Role: access.Admin}, access.ManageUsers, store, access.Allow},
		{"forbidden", access.Principal{Role: access.Auditor}, access.ListRead, inScope, access.Forbidden},
		{"unknown_action", access.Principal{Role: access.Admin}, "users.delete", store, access.Forbidden},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if got := access.Decide(bc.p, bc.a, bc.r); got != bc.want {
				b.Fatalf("Decide = %v, want %v", got, bc.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				access.Decide(bc.p, bc.a, bc.r)
			}
		})
	}
}

// BenchmarkScopeOf is the cost of scoping a list query.
func BenchmarkScopeOf(b *testing.B) {
	for _, bc := range []struct {
		name string
		p    access.Principal
		a    access.Action
	}{
		{"communes", access.Principal{Role: access.CommuneCommittee, Communes: []string{"03405", "03424"}}, access.ListRead},
		{"province", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.LoanRead},
		{"store", access.Principal{Role: access.Auditor}, access.ReadAudit},
		{"forbidden", access.Principal{Role: access.ProvinceViewer, Province: "12"}, access.ListRead},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				access.ScopeOf(bc.p, bc.a)
			}
		})
	}
}

// BenchmarkMay is the 403 check a route makes before it looks anything up.
func BenchmarkMay(b *testing.B) {
	p := access.Principal{Role: access.CommunePolice, Communes: []string{"03424"}}
	b.ReportAllocs()
	for b.Loop() {
		access.May(p, access.ListSubmit)
	}
}
