package access_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"testing"

	"github.com/vnreentry/credit/access"
)

// The resources of testdata/policy.csv: a record of Xã Bản Bo (03424, Lai
// Châu, 12), one of Phường Điện Biên Phủ (03127, Điện Biên, 11), and the
// store itself.
var (
	inScope  = access.Resource{Commune: "03424", Province: "12"}
	outScope = access.Resource{Commune: "03127", Province: "11"}
	store    = access.Resource{}
)

// principal is the user of each role the policy table is read for: its
// scope holds inScope and not outScope.
func principal(r access.Role) access.Principal {
	p := access.Principal{UserID: 7, Role: r}
	switch r.Scope() {
	case access.ScopeCommunes:
		p.Communes = []string{"03424"}
	case access.ScopeProvince:
		p.Province = "12"
	}
	return p
}

type policyRow struct {
	line             int
	role             access.Role
	action           access.Action
	in, out, atStore access.Verdict
}

func parseVerdict(s string) (access.Verdict, bool) {
	for _, v := range []access.Verdict{access.Allow, access.Forbidden, access.NotFound} {
		if v.String() == s {
			return v, true
		}
	}
	return 0, false
}

// readPolicy reads testdata/policy.csv; a row it cannot read fails the test.
func readPolicy(t *testing.T) []policyRow {
	t.Helper()
	f, err := os.Open("testdata/policy.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comment = '#'
	cr.FieldsPerRecord = 5
	header, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"role", "action", "in", "out", "store"}; !slices.Equal(header, want) {
		t.Fatalf("policy.csv header = %v, want %v", header, want)
	}
	var rows []policyRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := cr.FieldPos(0)
		row := policyRow{line: line, role: access.Role(rec[0]), action: access.Action(rec[1])}
		for i, v := range []*access.Verdict{&row.in, &row.out, &row.atStore} {
			var ok bool
			if *v, ok = parseVerdict(rec[2+i]); !ok {
				t.Fatalf("policy.csv:%d: %q is no verdict", line, rec[2+i])
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// TestPolicyTable walks testdata/policy.csv: every role × every action,
// each exactly once, with the verdict in scope, out of scope and on the
// store itself. A combination missing from the file, one that is not a
// role or an action of the package, or one given twice fails.
func TestPolicyTable(t *testing.T) {
	type key struct {
		r access.Role
		a access.Action
	}
	seen := map[key]int{}
	for _, row := range readPolicy(t) {
		if _, ok := access.ParseRole(string(row.role)); !ok {
			t.Errorf("policy.csv:%d: %q is not a role of the package", row.line, row.role)
			continue
		}
		if _, ok := access.ParseAction(string(row.action)); !ok {
			t.Errorf("policy.csv:%d: %q is not an action of the package", row.line, row.action)
			continue
		}
		k := key{row.role, row.action}
		if first, dup := seen[k]; dup {
			t.Errorf("policy.csv:%d: %s × %s again (first on line %d)", row.line, row.role, row.action, first)
			continue
		}
		seen[k] = row.line

		p := principal(row.role)
		t.Run(string(row.role)+"/"+string(row.action), func(t *testing.T) {
			for _, c := range []struct {
				where string
				r     access.Resource
				want  access.Verdict
			}{
				{"in scope", inScope, row.in},
				{"out of scope", outScope, row.out},
				{"store", store, row.atStore},
			} {
				if got := access.Decide(p, row.action, c.r); got != c.want {
					t.Errorf("policy.csv:%d: Decide(%s, %s, %s) = %v, want %v", row.line, row.role, row.action, c.where, got, c.want)
				}
			}
			if got, want := access.May(p, row.action), row.in != access.Forbidden; got != want {
				t.Errorf("May(%s, %s) = %v, want %v", row.role, row.action, got, want)
			}
		})
	}
	for _, r := range access.Roles() {
		for _, a := range access.Actions() {
			if _, ok := seen[key{r, a}]; !ok {
				t.Errorf("policy.csv has no row for %s × %s", r, a)
			}
		}
	}
	if n, want := len(seen), len(access.Roles())*len(access.Actions()); n != want {
		t.Errorf("policy.csv has %d combinations, want %d", n, want)
	}
}

// Personal data never reaches admin, auditor or province_viewer: guarded
// apart from the table, so that an edit of both cannot let it through.
func TestPersonalDataStaysInItsRoom(t *testing.T) {
	personal := []access.Action{
		access.ListCreate, access.ListRead, access.ListEdit, access.ListSubmit, access.ListCertify, access.ListReturn, access.ListReceive,
		access.PlanCreate, access.PlanRead, access.PlanEdit, access.PlanSubmit, access.PlanConfirm, access.PlanReturn, access.PlanReceive,
		access.ApplicationRead, access.ApplicationDecide, access.LoanRead, access.LoanPay, access.LoanImport, access.ReportRows,
	}
	for _, a := range access.Actions() {
		if got, want := a.Personal(), slices.Contains(personal, a); got != want {
			t.Errorf("%s.Personal() = %v, want %v", a, got, want)
		}
	}
	for _, r := range []access.Role{access.Admin, access.Auditor, access.ProvinceViewer} {
		p := principal(r)
		for _, a := range personal {
			for _, res := range []access.Resource{inScope, outScope, store} {
				if v := access.Decide(p, a, res); v != access.Forbidden {
					t.Errorf("Decide(%s, %s, %+v) = %v, want forbidden", r, a, res, v)
				}
			}
		}
		for _, a := range []access.Action{access.ReportAggregate, access.ReportRows} {
			if r != access.ProvinceViewer && access.May(p, a) {
				t.Errorf("%s may %s", r, a)
			}
		}
	}
	// provincial_police reads and never writes.
	p := principal(access.ProvincialPolice)
	for _, a := range personal {
		reads := a == access.ListRead || a == access.PlanRead || a == access.ApplicationRead || a == access.LoanRead || a == access.ReportRows
		if got := access.May(p, a); got != reads {
			t.Errorf("May(provincial_police, %s) = %v, want %v", a, got, reads)
		}
	}
}

// The boundaries of scope: a principal with an empty scope, one serving two
// communes, a neighbouring province, a neighbouring commune of the same
// province, and strings that are no role or action.
func TestBoundaries(t *testing.T) {
	ta := access.Resource{Commune: "03405", Province: "12"} // Xã Tả Lèng, Lai Châu: same province as inScope
	tests := []struct {
		name string
		p    access.Principal
		a    access.Action
		r    access.Resource
		want access.Verdict
	}{
		{"commune police with no commune", access.Principal{Role: access.CommunePolice}, access.ListRead, inScope, access.NotFound},
		{"commune police with no commune, store", access.Principal{Role: access.CommunePolice}, access.ListCreate, store, access.NotFound},
		{"commune police with no commune calculates", access.Principal{Role: access.CommunePolice}, access.Calculate, store, access.Allow},
		{"commune police with an empty code", access.Principal{Role: access.CommunePolice, Communes: []string{""}}, access.ListRead, access.Resource{Province: "12"}, access.NotFound},
		{"commune police, a neighbour commune of its province", principal(access.CommunePolice), access.ListRead, ta, access.NotFound},
		{"commune police given a province it is not scoped by", access.Principal{Role: access.CommunePolice, Province: "12"}, access.ListRead, inScope, access.NotFound},
		{"vbsp officer of two communes, the first", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.ListReceive, ta, access.Allow},
		{"vbsp officer of two communes, the second", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.LoanPay, inScope, access.Allow},
		{"vbsp officer of two communes, a third", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.LoanRead, access.Resource{Commune: "03388", Province: "12"}, access.NotFound},
		{"vbsp officer of two communes, unsorted", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03424", "03405"}}, access.ApplicationRead, ta, access.Allow},
		{"vbsp officer of two communes, forbidden action", access.Principal{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}}, access.ListCertify, inScope, access.Forbidden},
		{"provincial police of 12 on a commune of 11", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.ListRead, access.Resource{Commune: "03127", Province: "11"}, access.NotFound},
		{"provincial police of 12 on a commune of 12", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.LoanRead, ta, access.Allow},
		{"provincial police of 12 on province 12 itself", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.ReportRows, access.Resource{Province: "12"}, access.Allow},
		{"provincial police of 12 writes", access.Principal{Role: access.ProvincialPolice, Province: "12"}, access.ListEdit, ta, access.Forbidden},
		{"provincial police with no province on the store", access.Principal{Role: access.ProvincialPolice}, access.ListRead, store, access.NotFound},
		{"provincial police with no province on a province-less commune", access.Principal{Role: access.ProvincialPolice}, access.ListRead, access.Resource{Commune: "03424"}, access.NotFound},
		{"provincial police given communes it is not scoped by", access.Principal{Role: access.ProvincialPolice, Communes: []string{"03127"}}, access.ListRead, outScope, access.NotFound},
		{"province viewer, aggregate of its province", access.Principal{Role: access.ProvinceViewer, Province: "11"}, access.ReportAggregate, outScope, access.Allow},
		{"province viewer, rows", access.Principal{Role: access.ProvinceViewer, Province: "11"}, access.ReportRows, outScope, access.Forbidden},
		{"admin given communes still reads no list", access.Principal{Role: access.Admin, Communes: []string{"03424"}}, access.ListRead, inScope, access.Forbidden},
		{"unknown role", access.Principal{Role: "superuser", Communes: []string{"03424"}}, access.ListRead, inScope, access.Forbidden},
		{"unknown role calculates", access.Principal{Role: "superuser"}, access.Calculate, store, access.Forbidden},
		{"role in capitals", access.Principal{Role: "Admin"}, access.ManageUsers, store, access.Forbidden},
		{"empty role", access.Principal{}, access.ReadRules, store, access.Forbidden},
		{"unknown action", principal(access.Admin), "users.delete", store, access.Forbidden},
		{"empty action", principal(access.VBSPOfficer), "", inScope, access.Forbidden},
		{"action in capitals", principal(access.CommunePolice), "LIST.READ", inScope, access.Forbidden},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := access.Decide(tc.p, tc.a, tc.r); got != tc.want {
				t.Errorf("Decide = %v, want %v", got, tc.want)
			}
			if got, want := access.May(tc.p, tc.a), tc.want != access.Forbidden; got != want {
				t.Errorf("May = %v, want %v", got, want)
			}
			s, ok := access.ScopeOf(tc.p, tc.a)
			if ok != (tc.want != access.Forbidden) {
				t.Errorf("ScopeOf ok = %v, want %v", ok, !ok)
			}
			if got := ok && s.Holds(tc.r); got != (tc.want == access.Allow) {
				t.Errorf("ScopeOf(...).Holds = %v, want %v", got, !got)
			}
		})
	}
}

func TestScopeOf(t *testing.T) {
	two := []string{"03405", "03424"}
	tests := []struct {
		name  string
		p     access.Principal
		a     access.Action
		want  access.Scope
		ok    bool
		empty bool
	}{
		{"admin, users", access.Principal{Role: access.Admin}, access.ManageUsers, access.Scope{All: true}, true, false},
		{"auditor, audit", access.Principal{Role: access.Auditor}, access.VerifyAudit, access.Scope{All: true}, true, false},
		{"admin, lists", access.Principal{Role: access.Admin}, access.ListRead, access.Scope{}, false, true},
		{"vbsp officer of two communes", access.Principal{Role: access.VBSPOfficer, Communes: two, Province: "12"}, access.LoanRead, access.Scope{Communes: two}, true, false},
		{"commune police with no commune", access.Principal{Role: access.CommunePolice}, access.ListRead, access.Scope{}, true, true},
		{"commune police, the catalogue", access.Principal{Role: access.CommunePolice, Communes: two}, access.ReadCommunes, access.Scope{All: true}, true, false},
		{"provincial police", access.Principal{Role: access.ProvincialPolice, Province: "12", Communes: two}, access.ApplicationRead, access.Scope{Province: "12"}, true, false},
		{"provincial police with no province", access.Principal{Role: access.ProvincialPolice}, access.ListRead, access.Scope{}, true, true},
		{"province viewer, aggregates", access.Principal{Role: access.ProvinceViewer, Province: "11"}, access.ReportAggregate, access.Scope{Province: "11"}, true, false},
		{"province viewer, rows", access.Principal{Role: access.ProvinceViewer, Province: "11"}, access.ReportRows, access.Scope{}, false, true},
		{"unknown role", access.Principal{Role: "root"}, access.ReadCommunes, access.Scope{}, false, true},
		{"unknown action", access.Principal{Role: access.Admin}, "everything", access.Scope{}, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := access.ScopeOf(tc.p, tc.a)
			if ok != tc.ok || s.All != tc.want.All || s.Province != tc.want.Province || !slices.Equal(s.Communes, tc.want.Communes) {
				t.Errorf("ScopeOf = %+v, %v; want %+v, %v", s, ok, tc.want, tc.ok)
			}
			if s.Empty() != tc.empty {
				t.Errorf("Empty() = %v, want %v", s.Empty(), tc.empty)
			}
		})
	}

	// The communes of a scope are the principal's, capped: appending to
	// them never writes into the principal's slice.
	backing := make([]string, 2, 4)
	copy(backing, two)
	p := access.Principal{Role: access.CommuneCommittee, Communes: backing}
	s, _ := access.ScopeOf(p, access.ListCertify)
	if cap(s.Communes) != 2 {
		t.Errorf("cap(Scope.Communes) = %d, want 2", cap(s.Communes))
	}
	_ = append(s.Communes, "03127")
	if got := backing[:3][2]; got != "" {
		t.Errorf("appending to Scope.Communes wrote %q into the principal's slice", got)
	}
}

// ScopeOf and Holds agree with Decide for every role, action and resource
// of the table and the boundaries: a list query returns exactly the
// records Decide would let the principal open.
func TestScopeOfAgreesWithDecide(t *testing.T) {
	resources := []access.Resource{
		inScope, outScope, store,
		{Commune: "03405", Province: "12"},
		{Province: "12"}, {Commune: "03424"}, {Commune: "03424", Province: "11"},
	}
	principals := []access.Principal{
		{Role: access.CommunePolice},
		{Role: access.VBSPOfficer, Communes: []string{"03405", "03424"}},
		{Role: access.ProvincialPolice},
		{Role: "nobody", Communes: []string{"03424"}, Province: "12"},
	}
	for _, r := range access.Roles() {
		principals = append(principals, principal(r))
	}
	for _, p := range principals {
		for _, a := range append(access.Actions(), "unknown", "") {
			s, ok := access.ScopeOf(p, a)
			if ok != access.May(p, a) {
				t.Errorf("ScopeOf(%+v, %s) ok = %v, May = %v", p, a, ok, !ok)
			}
			for _, r := range resources {
				want := access.Forbidden
				if ok {
					want = access.NotFound
					if s.Holds(r) {
						want = access.Allow
					}
				}
				if got := access.Decide(p, a, r); got != want {
					t.Errorf("Decide(%+v, %s, %+v) = %v; ScopeOf says %v", p, a, r, got, want)
				}
			}
		}
	}
}

func TestScopeHolds(t *testing.T) {
	tests := []struct {
		name string
		s    access.Scope
		r    access.Resource
		want bool
	}{
		{"all, store", access.Scope{All: true}, store, true},
		{"all, a commune", access.Scope{All: true}, outScope, true},
		{"zero scope, store", access.Scope{}, store, false},
		{"zero scope, a commune", access.Scope{}, inScope, false},
		{"communes, one of them", access.Scope{Communes: []string{"03405", "03424"}}, inScope, true},
		{"communes, another", access.Scope{Communes: []string{"03405", "03424"}}, outScope, false},
		{"communes, the store", access.Scope{Communes: []string{"03405", "03424"}}, store, false},
		{"communes, only its province", access.Scope{Communes: []string{"03424"}}, access.Resource{Province: "12"}, false},
		{"an empty commune code never matches", access.Scope{Communes: []string{""}}, access.Resource{Province: "12"}, false},
		{"province, a commune of it", access.Scope{Province: "12"}, inScope, true},
		{"province, the province itself", access.Scope{Province: "12"}, access.Resource{Province: "12"}, true},
		{"province, a commune of another", access.Scope{Province: "12"}, outScope, false},
		{"province, the store", access.Scope{Province: "12"}, store, false},
		{"province, a commune without its province", access.Scope{Province: "12"}, access.Resource{Commune: "03424"}, false},
		{"both, by commune", access.Scope{Communes: []string{"03127"}, Province: "12"}, outScope, true},
		{"both, by province", access.Scope{Communes: []string{"03127"}, Province: "12"}, inScope, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Holds(tc.r); got != tc.want {
				t.Errorf("Holds(%+v) = %v, want %v", tc.r, got, tc.want)
			}
		})
	}
	for _, tc := range []struct {
		s    access.Scope
		want bool
	}{
		{access.Scope{}, true},
		{access.Scope{Communes: []string{}}, true},
		{access.Scope{Communes: []string{""}}, true},
		{access.Scope{All: true}, false},
		{access.Scope{Province: "12"}, false},
		{access.Scope{Communes: []string{"03424"}}, false},
	} {
		if got := tc.s.Empty(); got != tc.want {
			t.Errorf("%+v.Empty() = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestRoles(t *testing.T) {
	want := []struct {
		r     access.Role
		scope access.ScopeKind
	}{
		{access.Admin, access.ScopeStore},
		{access.CommunePolice, access.ScopeCommunes},
		{access.CommuneCommittee, access.ScopeCommunes},
		{access.VBSPOfficer, access.ScopeCommunes},
		{access.ProvincialPolice, access.ScopeProvince},
		{access.ProvinceViewer, access.ScopeProvince},
		{access.Auditor, access.ScopeStore},
	}
	roles := access.Roles()
	if len(roles) != len(want) {
		t.Fatalf("Roles() = %v", roles)
	}
	for i, w := range want {
		if roles[i] != w.r {
			t.Errorf("Roles()[%d] = %s, want %s", i, roles[i], w.r)
		}
		if got := w.r.Scope(); got != w.scope {
			t.Errorf("%s.Scope() = %v, want %v", w.r, got, w.scope)
		}
		if r, ok := access.ParseRole(string(w.r)); !ok || r != w.r {
			t.Errorf("ParseRole(%q) = %q, %v", w.r, r, ok)
		}
	}
	roles[0] = "changed"
	if access.Roles()[0] != access.Admin {
		t.Error("Roles() shares its slice")
	}
	for _, s := range []string{"", "Admin", " admin", "admin ", "root", "commune-police", "auditor\x00"} {
		if _, ok := access.ParseRole(s); ok {
			t.Errorf("ParseRole(%q) is a role", s)
		}
		if k := access.Role(s).Scope(); k != access.ScopeNone {
			t.Errorf("Role(%q).Scope() = %v, want none", s, k)
		}
	}
}

func TestActions(t *testing.T) {
	as := access.Actions()
	if len(as) != 30 {
		t.Errorf("len(Actions()) = %d, want 30", len(as))
	}
	seen := map[access.Action]bool{}
	for _, a := range as {
		if seen[a] {
			t.Errorf("%s twice in Actions()", a)
		}
		seen[a] = true
		if got, ok := access.ParseAction(string(a)); !ok || got != a {
			t.Errorf("ParseAction(%q) = %q, %v", a, got, ok)
		}
	}
	for _, s := range []string{"", "List.Read", "list.read ", "list", "plan.delete"} {
		if _, ok := access.ParseAction(s); ok {
			t.Errorf("ParseAction(%q) is an action", s)
		}
		if access.Action(s).Personal() {
			t.Errorf("Action(%q).Personal()", s)
		}
	}
	as[0] = "changed"
	if access.Actions()[0] != access.Calculate {
		t.Error("Actions() shares its slice")
	}
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{access.Allow.String(), "allow"},
		{access.Forbidden.String(), "forbidden"},
		{access.NotFound.String(), "not_found"},
		{access.Verdict(0).String(), "Verdict(0)"},
		{access.Verdict(9).String(), "Verdict(9)"},
		{access.ScopeNone.String(), "none"},
		{access.ScopeStore.String(), "store"},
		{access.ScopeCommunes.String(), "communes"},
		{access.ScopeProvince.String(), "province"},
		{access.ScopeKind(7).String(), "ScopeKind(7)"},
	} {
		if tc.got != tc.want {
			t.Errorf("String() = %q, want %q", tc.got, tc.want)
		}
	}
}
