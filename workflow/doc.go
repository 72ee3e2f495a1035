// Package workflow is the monthly round's state machine: the statuses of a
// Mẫu số 01 list and of a Mẫu số 02 plan, the transitions between them,
// which role makes each, which need a note, and maker-checker — the user
// who certifies a list or confirms a plan is never the one who submitted
// it. It is pure: no database, no HTTP, no clock. The store and the HTTP
// adapter only carry out what it decides. The names are those of
// records-v1.md ("The monthly list", "Applications, loans, repayments");
// they are stored with every record and its history, so they never change.
//
// # Lists (Mẫu số 01)
//
// The commune police draw up the list and submit it; the commune People's
// Committee certifies it or returns it; the VBSP office receives a
// certified list or returns it. A returned list is corrected and submitted
// again.
//
//	draft --submit--> submitted --certify--> certified --receive--> received
//	  ^                   |                      |
//	  +----- returned <---+-- return (note) -----+
//
//	transition  role               from                 to
//	submit      commune_police     draft, returned      submitted
//	certify     commune_committee  submitted            certified   not by the user who submitted
//	return      commune_committee  submitted            returned    note required
//	return      vbsp_officer       certified            returned    note required
//	receive     vbsp_officer       certified            received
//
// # Plans (Mẫu số 02)
//
// An establishment has no user of the store: it brings its plan to the
// commune, where the police or the committee enter and submit it; the
// committee confirms it or returns it; the VBSP office receives a
// confirmed plan or returns it. A committee member may submit a plan, but
// another member confirms it.
//
//	draft --submit--> submitted --confirm--> confirmed --receive--> received
//	  ^                   |                      |
//	  +----- returned <---+-- return (note) -----+
//
//	transition  role               from                 to
//	submit      commune_police     draft, returned      submitted
//	submit      commune_committee  draft, returned      submitted
//	confirm     commune_committee  submitted            confirmed   not by the user who submitted
//	return      commune_committee  submitted            returned    note required
//	return      vbsp_officer       confirmed            returned    note required
//	receive     vbsp_officer       confirmed            received
//
// Transitions gives these tables as data, for documentation and pages.
// received is final: nothing leaves it. A record is edited (PUT) only as a
// draft or when returned (Editable, Edit); an edit is a new version, not a
// transition.
//
// # Deciding a transition
//
// Apply takes the kind, the record's status, the transition asked for, who
// asks (Actor: user id and access.Role), the user who submitted the record
// and the note, and answers the new status or an *Error whose Code is
// stable. After misuse (below), it checks in this order:
//
//  1. forbidden — the role never makes this transition of this kind, from
//     any status (nor does anyone make a transition the kind does not
//     have, or any role that is not one of access.Roles);
//  2. invalid_transition — the role makes it, but not from this status
//     (a vbsp_officer returns a certified list, not a submitted one);
//  3. same_person — certify or confirm by the user who submitted;
//  4. note_required — return with a blank note (empty or only spaces).
//
// A Kind that is neither, a status that is not one of the kind's (a
// corrupt record) or an actor without a user id is misuse, whoever asks:
// Apply answers a plain error, not an *Error, and the adapter answers 500.
// So is a certify or confirm, from submitted by the committee, without the
// submitter's user id: maker-checker fails closed.
//
// The HTTP adapter asks package access first: access.May for the 403
// before it looks the record up, access.Decide for the 404 of a record
// outside the caller's scope, and only then Apply on the record it found.
// So forbidden from Apply is the second line of defence, and the two
// tables must agree: a role has a rule here for a transition exactly when
// access allows it the matching action (Kind.Action: list submit is
// access.ListSubmit). A test keeps them so. Suggested statuses: forbidden
// 403, invalid_transition and same_person 409, note_required 422 (a field
// of the body missing, at the pointer /note).
//
// Apply, Edit and Editable allocate nothing, errors included: every *Error
// they return is built once, when the package is loaded, and shared — read
// it, never change it.
//
// # History
//
// Every transition is kept as a Step (status entered, when, by whom in
// which role, and the note); nothing is overwritten. The submitter Apply
// needs is the user of the last submit (SubmittedBy): after a return and a
// new submission, it is whoever submitted again.
package workflow
