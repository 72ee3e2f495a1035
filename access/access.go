package access

import (
	"slices"
	"strconv"
)

// Role is what a user of the store is: one of the seven roles of
// records-v1.md. The names are stable; they are stored with users and
// written into the audit trail.
type Role string

// The roles, in the order of the contract's table.
const (
	Admin            Role = "admin"
	CommunePolice    Role = "commune_police"
	CommuneCommittee Role = "commune_committee"
	VBSPOfficer      Role = "vbsp_officer"
	ProvincialPolice Role = "provincial_police"
	ProvinceViewer   Role = "province_viewer"
	Auditor          Role = "auditor"
)

// Roles returns the seven roles in the order of the contract's table. The
// slice is new on each call.
func Roles() []Role {
	return []Role{Admin, CommunePolice, CommuneCommittee, VBSPOfficer, ProvincialPolice, ProvinceViewer, Auditor}
}

// ParseRole returns the role named s. Names are exact: "Admin" and
// " admin" are no role.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, r.bit() != 0
}

// ScopeKind says what a role's scope is made of: the whole store, communes,
// or a province.
type ScopeKind uint8

// The kinds of scope. ScopeNone is the zero value, the scope of a string
// that is no role: it holds nothing.
const (
	ScopeNone     ScopeKind = iota // not a role
	ScopeStore                     // the whole store: admin, auditor
	ScopeCommunes                  // Principal.Communes: commune_police, commune_committee, vbsp_officer
	ScopeProvince                  // Principal.Province: provincial_police, province_viewer
)

var scopeKindNames = [...]string{"none", "store", "communes", "province"}

// String returns "none", "store", "communes" or "province".
func (k ScopeKind) String() string {
	if int(k) < len(scopeKindNames) {
		return scopeKindNames[k]
	}
	return "ScopeKind(" + strconv.Itoa(int(k)) + ")"
}

// Scope says what the role's scope is made of; ScopeNone for a string that
// is no role.
func (r Role) Scope() ScopeKind {
	switch r {
	case Admin, Auditor:
		return ScopeStore
	case CommunePolice, CommuneCommittee, VBSPOfficer:
		return ScopeCommunes
	case ProvincialPolice, ProvinceViewer:
		return ScopeProvince
	}
	return ScopeNone
}

// roleSet is a set of roles, one bit each.
type roleSet uint8

const (
	bAdmin roleSet = 1 << iota
	bCommunePolice
	bCommuneCommittee
	bVBSPOfficer
	bProvincialPolice
	bProvinceViewer
	bAuditor

	everyone = bAdmin | bCommunePolice | bCommuneCommittee | bVBSPOfficer | bProvincialPolice | bProvinceViewer | bAuditor
)

func (r Role) bit() roleSet {
	switch r {
	case Admin:
		return bAdmin
	case CommunePolice:
		return bCommunePolice
	case CommuneCommittee:
		return bCommuneCommittee
	case VBSPOfficer:
		return bVBSPOfficer
	case ProvincialPolice:
		return bProvincialPolice
	case ProvinceViewer:
		return bProvinceViewer
	case Auditor:
		return bAuditor
	}
	return 0
}

// Principal is who asks: a user of the store with its role and scope. Only
// the field the role's ScopeKind names is read: Communes for the roles
// scoped to communes, Province for the roles scoped to a province; the
// other is ignored. An empty scope holds nothing.
type Principal struct {
	UserID   int64
	Role     Role
	Communes []string // five-digit codes, sorted; for ScopeCommunes roles
	Province string   // two-digit code; for ScopeProvince roles
}

// Resource is what an action is done to: where it sits. Zero Commune and
// Province: the store itself (the user list, the audit trail, a report of
// every province). A record of the monthly round carries both its
// commune's code and that commune's province's code: a commune-scoped
// principal is matched on Commune, a province-scoped one on Province.
type Resource struct {
	Commune  string // five-digit code of the commune the record belongs to
	Province string // two-digit code of that commune's province
}

// Verdict is the answer of Decide.
type Verdict uint8

// The verdicts. The zero Verdict is none of them and allows nothing.
const (
	Allow     Verdict = iota + 1
	Forbidden         // 403: the role may never do the action
	NotFound          // 404: the resource is outside the caller's scope: answer as if it did not exist
)

var verdictNames = [...]string{Allow: "allow", Forbidden: "forbidden", NotFound: "not_found"}

// String returns "allow", "forbidden" or "not_found", the outcomes the
// audit trail records.
func (v Verdict) String() string {
	if v >= Allow && int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return "Verdict(" + strconv.Itoa(int(v)) + ")"
}

// Decide is the policy: deny by default. It answers Forbidden when the
// principal's role may never do the action (an unknown role or action
// included), Allow when it may and the resource lies in the principal's
// scope (or the action concerns no record: calculate, rules.read,
// communes.read), and NotFound otherwise: the resource exists, but not for
// this principal.
//
// Decide is the same as ScopeOf followed by Scope.Holds, without building
// anything: it does not allocate.
func Decide(p Principal, a Action, r Resource) Verdict {
	s, ok := ScopeOf(p, a)
	switch {
	case !ok:
		return Forbidden
	case s.Holds(r):
		return Allow
	}
	return NotFound
}

// May reports whether the principal's role may ever do the action: Decide
// before the resource is known. A route asks it first, so that a role that
// may never do the action gets 403 before anything is looked up.
func May(p Principal, a Action) bool {
	rule, ok := lookup(a)
	return ok && rule.roles&p.Role.bit() != 0
}

// Scope is what a list query may return for a principal and an action.
// It holds a resource when All is set, when the resource's Province is
// Province, or when the resource's Commune is one of Communes. A Scope
// that is Empty holds nothing: a query must then return nothing, never
// everything — check Empty before turning a Scope into a filter.
type Scope struct {
	All      bool     // the whole store
	Communes []string // else only these communes (sorted) ...
	Province string   // ... or this province
}

// ScopeOf gives list queries their scope; ok is false when the action is
// not allowed at all (403). The store's roles, and every role for the
// actions that concern no record, get All; a role scoped to communes gets
// its communes (the principal's slice itself, capped so that an append
// cannot write into it: do not change its elements); a role scoped to a
// province gets its province. A principal of a scoped role with no
// communes or no province gets an Empty scope, and ok is true: it may list,
// and finds nothing.
func ScopeOf(p Principal, a Action) (s Scope, ok bool) {
	rule, found := lookup(a)
	if !found || rule.roles&p.Role.bit() == 0 {
		return Scope{}, false
	}
	if rule.free {
		return Scope{All: true}, true
	}
	switch p.Role.Scope() {
	case ScopeStore:
		return Scope{All: true}, true
	case ScopeCommunes:
		return Scope{Communes: p.Communes[:len(p.Communes):len(p.Communes)]}, true
	case ScopeProvince:
		return Scope{Province: p.Province}, true
	}
	return Scope{}, false // unreachable: a role with a bit has a scope
}

// Holds reports whether the resource lies in the scope. An empty code
// never matches: the store itself (the zero Resource) is held only by a
// scope with All.
func (s Scope) Holds(r Resource) bool {
	switch {
	case s.All:
		return true
	case s.Province != "" && r.Province == s.Province:
		return true
	case r.Commune != "" && slices.Contains(s.Communes, r.Commune):
		return true
	}
	return false
}

// Empty reports whether the scope holds nothing: not All, no province, no
// commune. A list query with an Empty scope returns nothing.
func (s Scope) Empty() bool {
	return !s.All && s.Province == "" && !slices.ContainsFunc(s.Communes, func(c string) bool { return c != "" })
}
