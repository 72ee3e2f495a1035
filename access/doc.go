// Package access is the one place that decides who may do what to which
// record of the store (records-v1.md, "Who is who"). It is pure: no
// database, no HTTP, no clock. Every route asks it, and list queries take
// their scope from it, so that no handler writes its own check.
//
// A Principal is a user with a Role and the scope of that role: the whole
// store, its communes, or its province (Role.Scope). An Action is what it
// asks to do; a Resource is where the record sits (its commune and that
// commune's province; the zero Resource is the store itself). Decide
// answers with a Verdict, denying by default:
//
//   - Forbidden (403) when the role may never do the action — an unknown
//     role or action included;
//   - NotFound (404) when it may, but the resource lies outside its scope:
//     the caller learns nothing of a record it may not see, not even that
//     it exists;
//   - Allow otherwise.
//
// May is Decide before the resource is known, for the 403 a route answers
// before it looks anything up. ScopeOf gives a list query its Scope (the
// whole store, some communes, or a province); a record is in it when
// Scope.Holds, which is exactly when Decide allows it. A Scope that is
// Empty (a commune police user given no commune) holds nothing, and a list
// query must then return nothing.
//
// # Roles
//
// The roles and scopes are records-v1.md's; the actions are this
// package's. Every role may also calculate, rules.read and communes.read:
// they concern no record, so they are allowed on any resource.
//
//	role               scope               may
//	admin              the whole store     users.manage, tokens.manage, communes.write, plan.complete
//	commune_police     its communes        list.create, list.read, list.edit, list.submit;
//	                                       plan.create, plan.read, plan.edit, plan.submit;
//	                                       report.rows, report.aggregate
//	commune_committee  its communes        list.read, list.certify, list.return;
//	                                       plan.create, plan.read, plan.edit, plan.submit,
//	                                       plan.confirm, plan.return; report.rows, report.aggregate
//	vbsp_officer       the communes its    list.read, list.return, list.receive;
//	                   office serves       plan.read, plan.return, plan.receive;
//	                                       application.read, application.decide, loan.read, loan.pay,
//	                                       loan.import; report.rows, report.aggregate
//	provincial_police  its province        list.read, plan.read, application.read, loan.read,
//	                                       report.rows, report.aggregate (reads only)
//	province_viewer    its province        report.aggregate
//	auditor            the whole store     audit.read, audit.verify
//
// testdata/policy.csv spells out every role × every action with its
// verdict in scope, out of scope and on the store itself; the tests walk
// it exhaustively.
//
// # Decisions
//
// Mẫu 02 plans. An establishment has no user of the store: it brings its
// plan to the commune, whose committee confirms it (Plan02) and whose
// police know who among its workers has served a sentence. So both
// commune_police and commune_committee may create, edit and submit the
// plans of their communes; commune_committee confirms or returns a
// submitted plan; vbsp_officer receives a confirmed plan or returns it.
// When the committee enters a plan itself, maker-checker is the
// workflow's: the user who confirms must not be the one who submitted
// (409 same_person), which is a rule on the record, not on the role.
//
// provincial_police, the standing agency, reads every list, plan,
// application, loan and row report of its province, and writes nothing.
//
// province_viewer (finance department, State Bank branch, mass
// organisations) sees aggregate reports of its province only: never a
// name, an ID number or a row.
//
// Personal data (Action.Personal: lists, plans, applications, loans, row
// reports) is never open to admin, auditor or province_viewer, for reading
// or writing. Neither admin nor auditor gets report.aggregate either,
// although aggregates carry no names: their work is keeping the store and
// checking its trail, not reading the programme's figures; their scope is
// the whole store, so they would see counts down to a single commune and
// month, fine enough to single out a person; and an admin who needs the
// figures creates a province_viewer user, an act the audit trail records
// for the auditor to see. Aggregates go to the roles whose work they are:
// those scoped to communes or a province.
//
// plan.complete is the admin's recording of the provincial plan's task
// completions (reporting.PlanStatus), not a transition of a Mẫu 02 plan.
//
// What a role sees may also depend on a record's state — a vbsp_officer
// works on lists from certification on — and who acted on it before (the
// same_person rule). Those are the workflow's rules, applied to records
// this package has already allowed.
//
// Decide, May, ScopeOf and Scope.Holds allocate nothing; a principal's
// communes are searched in order, so their order does not matter to a
// decision.
package access
