package access

// Action is something a principal asks to do. The names are stable: routes
// ask for them and the audit trail records them.
type Action string

// The actions. The comment of each says which roles may do it; the package
// documentation has the whole table and the reasons.
const (
	// Actions that concern no record: any role, any resource.
	Calculate    Action = "calculate"     // the stateless calculators of api-v1 (assessments, schedules, statements, forms, reports over bodies)
	ReadRules    Action = "rules.read"    // GET /v1/rules: open, but listed for completeness
	ReadCommunes Action = "communes.read" // GET /v1/communes: the catalogue is public

	// The store's administration: admin.
	WriteCommunes Action = "communes.write" // PUT /v1/communes
	ManageUsers   Action = "users.manage"   // create and read users
	ManageTokens  Action = "tokens.manage"  // make and revoke any user's tokens
	CompletePlan  Action = "plan.complete"  // record (and read back) completions of the provincial plan's tasks; not a Mẫu 02 plan

	// The audit trail: auditor.
	ReadAudit   Action = "audit.read"   // GET /v1/audit
	VerifyAudit Action = "audit.verify" // GET /v1/audit/verify

	// The Mẫu 01 lists of the monthly round.
	ListCreate  Action = "list.create"  // commune_police
	ListRead    Action = "list.read"    // commune_police, commune_committee, vbsp_officer, provincial_police
	ListEdit    Action = "list.edit"    // commune_police
	ListSubmit  Action = "list.submit"  // commune_police
	ListCertify Action = "list.certify" // commune_committee
	ListReturn  Action = "list.return"  // commune_committee (from submitted), vbsp_officer (from certified)
	ListReceive Action = "list.receive" // vbsp_officer

	// The Mẫu 02 plans of establishments (/v1/plans).
	PlanCreate  Action = "plan.create"  // commune_police, commune_committee
	PlanRead    Action = "plan.read"    // commune_police, commune_committee, vbsp_officer, provincial_police
	PlanEdit    Action = "plan.edit"    // commune_police, commune_committee
	PlanSubmit  Action = "plan.submit"  // commune_police, commune_committee
	PlanConfirm Action = "plan.confirm" // commune_committee
	PlanReturn  Action = "plan.return"  // commune_committee (from submitted), vbsp_officer (from confirmed)
	PlanReceive Action = "plan.receive" // vbsp_officer

	// Applications and loans.
	ApplicationRead   Action = "application.read"   // vbsp_officer, provincial_police
	ApplicationDecide Action = "application.decide" // vbsp_officer
	LoanRead          Action = "loan.read"          // vbsp_officer, provincial_police (loans and their statements)
	LoanPay           Action = "loan.pay"           // vbsp_officer (record a repayment)
	LoanImport        Action = "loan.import"        // vbsp_officer (load VBSP's loan book: each loan in the officer's communes)

	// Reports from the store.
	ReportRows      Action = "report.rows"      // reports that show rows or names: the roles that read lists
	ReportAggregate Action = "report.aggregate" // counts and sums, no name: every role scoped to communes or a province
)

// rule is one line of the policy.
type rule struct {
	action   Action
	free     bool // concerns no record: allowed on any resource
	personal bool // reads or changes records holding personal data
	roles    roleSet
}

const (
	free     = true
	personal = true
)

// policy is the whole policy, in the order of Actions. Deny by default: an
// action not here, or a role not in its set, is Forbidden.
var policy = [...]rule{
	{Calculate, free, false, everyone},
	{ReadRules, free, false, everyone},
	{ReadCommunes, free, false, everyone},

	{WriteCommunes, false, false, bAdmin},
	{ManageUsers, false, false, bAdmin},
	{ManageTokens, false, false, bAdmin},
	{CompletePlan, false, false, bAdmin},

	{ReadAudit, false, false, bAuditor},
	{VerifyAudit, false, false, bAuditor},

	{ListCreate, false, personal, bCommunePolice},
	{ListRead, false, personal, bCommunePolice | bCommuneCommittee | bVBSPOfficer | bProvincialPolice},
	{ListEdit, false, personal, bCommunePolice},
	{ListSubmit, false, personal, bCommunePolice},
	{ListCertify, false, personal, bCommuneCommittee},
	{ListReturn, false, personal, bCommuneCommittee | bVBSPOfficer},
	{ListReceive, false, personal, bVBSPOfficer},

	{PlanCreate, false, personal, bCommunePolice | bCommuneCommittee},
	{PlanRead, false, personal, bCommunePolice | bCommuneCommittee | bVBSPOfficer | bProvincialPolice},
	{PlanEdit, false, personal, bCommunePolice | bCommuneCommittee},
	{PlanSubmit, false, personal, bCommunePolice | bCommuneCommittee},
	{PlanConfirm, false, personal, bCommuneCommittee},
	{PlanReturn, false, personal, bCommuneCommittee | bVBSPOfficer},
	{PlanReceive, false, personal, bVBSPOfficer},

	{ApplicationRead, false, personal, bVBSPOfficer | bProvincialPolice},
	{ApplicationDecide, false, personal, bVBSPOfficer},
	{LoanRead, false, personal, bVBSPOfficer | bProvincialPolice},
	{LoanPay, false, personal, bVBSPOfficer},
	{LoanImport, false, personal, bVBSPOfficer},

	{ReportRows, false, personal, bCommunePolice | bCommuneCommittee | bVBSPOfficer | bProvincialPolice},
	{ReportAggregate, false, false, bCommunePolice | bCommuneCommittee | bVBSPOfficer | bProvincialPolice | bProvinceViewer},
}

// byAction indexes policy; built once, never changed.
var byAction = func() map[Action]*rule {
	m := make(map[Action]*rule, len(policy))
	for i := range policy {
		m[policy[i].action] = &policy[i]
	}
	return m
}()

func lookup(a Action) (*rule, bool) {
	r, ok := byAction[a]
	return r, ok
}

// Actions returns every action in the order of the policy. The slice is
// new on each call.
func Actions() []Action {
	as := make([]Action, len(policy))
	for i := range policy {
		as[i] = policy[i].action
	}
	return as
}

// ParseAction returns the action named s. Names are exact.
func ParseAction(s string) (Action, bool) {
	_, ok := byAction[Action(s)]
	return Action(s), ok
}

// Personal reports whether the action reads or changes records that hold
// personal data — names, ID numbers, rows: the Mẫu 01 lists, the Mẫu 02
// plans, applications, loans and the reports that show rows. A read of
// such a record is audited; admin, auditor and province_viewer never may.
// The calculators are not Personal: they keep nothing, and what they are
// sent is the caller's own.
func (a Action) Personal() bool {
	r, ok := byAction[a]
	return ok && r.personal
}
