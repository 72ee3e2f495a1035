package workflow

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
)

// Kind is what moves through the workflow: a Mẫu số 01 list or a Mẫu số 02
// plan. The zero Kind is neither.
type Kind uint8

// The kinds.
const (
	List Kind = iota + 1 // a Mẫu số 01 list of the commune police (/v1/lists)
	Plan                 // a Mẫu số 02 plan of an establishment (/v1/plans)
)

// Kinds returns List and Plan. The slice is new on each call.
func Kinds() []Kind { return []Kind{List, Plan} }

// String returns "list" or "plan", the first word of the kind's access
// actions ("list.submit").
func (k Kind) String() string {
	switch k {
	case List:
		return "list"
	case Plan:
		return "plan"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

func (k Kind) valid() bool { return k == List || k == Plan }

// Action returns the action of package access that a transition of this
// kind is: List.Action(Submit) is access.ListSubmit. It returns "" for a
// transition the kind does not have (List.Action(Confirm)), which access
// allows nobody.
func (k Kind) Action(t Transition) access.Action {
	switch k {
	case List:
		switch t {
		case Submit:
			return access.ListSubmit
		case Certify:
			return access.ListCertify
		case Return:
			return access.ListReturn
		case Receive:
			return access.ListReceive
		}
	case Plan:
		switch t {
		case Submit:
			return access.PlanSubmit
		case Confirm:
			return access.PlanConfirm
		case Return:
			return access.PlanReturn
		case Receive:
			return access.PlanReceive
		}
	}
	return ""
}

// Status is where a list or a plan stands. The names are records-v1.md's;
// certified is a list's only, confirmed a plan's only.
type Status string

// The statuses.
const (
	Draft     Status = "draft"     // being drawn up; may be incomplete; editable
	Submitted Status = "submitted" // sent to the commune People's Committee
	Certified Status = "certified" // a list certified by the committee, for VBSP
	Confirmed Status = "confirmed" // a plan confirmed by the committee, for VBSP
	Returned  Status = "returned"  // sent back with a note; editable, to submit again
	Received  Status = "received"  // taken in by the VBSP office: final
)

// The statuses of each kind, in the order of the diagrams.
var kindStatuses = [...][]Status{
	List: {Draft, Submitted, Certified, Returned, Received},
	Plan: {Draft, Submitted, Confirmed, Returned, Received},
}

// Statuses returns the statuses of the kind, in the order of its diagram;
// nil for a Kind that is neither. The slice is new on each call.
func Statuses(k Kind) []Status {
	if !k.valid() {
		return nil
	}
	return append([]Status(nil), kindStatuses[k]...)
}

// ParseStatus returns the status named s if it is one of the kind's:
// "certified" is a list's status, not a plan's. Names are exact.
func ParseStatus(k Kind, s string) (Status, bool) {
	i := statusIndex(k, Status(s))
	return Status(s), i >= 0
}

// statusIndex is the status's index in allStatuses if it is one of the
// kind's, -1 otherwise.
func statusIndex(k Kind, s Status) int {
	switch {
	case s == Draft:
		return 0
	case s == Submitted:
		return 1
	case s == Certified && k == List:
		return 2
	case s == Confirmed && k == Plan:
		return 3
	case s == Returned:
		return 4
	case s == Received:
		return 5
	}
	return -1
}

// allStatuses are the statuses of both kinds, in the order of statusIndex
// and statusLabels.
var allStatuses = [...]Status{Draft, Submitted, Certified, Confirmed, Returned, Received}

var statusLabels = [...]credit.Text{
	{VI: "dự thảo", EN: "draft"},
	{VI: "đã gửi", EN: "submitted"},
	{VI: "đã xác nhận", EN: "certified"},
	{VI: "đã xác nhận", EN: "confirmed"},
	{VI: "bị trả lại", EN: "returned"},
	{VI: "đã tiếp nhận", EN: "received"},
}

// Text returns the status for people, Vietnamese first: "đã gửi"
// (submitted). It is the zero Text for a string that is no status.
func (s Status) Text() credit.Text {
	for i, x := range allStatuses {
		if x == s {
			return statusLabels[i]
		}
	}
	return credit.Text{}
}

// Transition is a move from one status to another, asked for by POST
// /v1/lists/{id}/{transition} or /v1/plans/{id}/{transition}.
type Transition string

// The transitions. Certify is a list's only, Confirm a plan's only.
const (
	Submit  Transition = "submit"  // draft or returned → submitted
	Certify Transition = "certify" // list: submitted → certified
	Confirm Transition = "confirm" // plan: submitted → confirmed
	Return  Transition = "return"  // submitted, certified or confirmed → returned, with a note
	Receive Transition = "receive" // certified or confirmed → received
)

// transitionIndex is the transition's index in transitionLabels, -1 for a
// string that is no transition (of any kind).
func transitionIndex(t Transition) int {
	switch t {
	case Submit:
		return 0
	case Certify:
		return 1
	case Confirm:
		return 2
	case Return:
		return 3
	case Receive:
		return 4
	}
	return -1
}

// transitionLabels: the verb for people, and the English past participle
// for messages.
var transitionLabels = [...]struct {
	t    Transition
	verb credit.Text
	done string
}{
	{Submit, credit.Text{VI: "gửi", EN: "submit"}, "submitted"},
	{Certify, credit.Text{VI: "xác nhận", EN: "certify"}, "certified"},
	{Confirm, credit.Text{VI: "xác nhận", EN: "confirm"}, "confirmed"},
	{Return, credit.Text{VI: "trả lại", EN: "return"}, "returned"},
	{Receive, credit.Text{VI: "tiếp nhận", EN: "receive"}, "received"},
}

// Text returns the transition for people as a verb, Vietnamese first:
// "trả lại" (return). It is the zero Text for a string that is no
// transition.
func (t Transition) Text() credit.Text {
	i := transitionIndex(t)
	if i < 0 {
		return credit.Text{}
	}
	return transitionLabels[i].verb
}

// ParseTransition returns the transition named s if the kind has it:
// "certify" is a list's, not a plan's. Names are exact. An adapter that
// takes the transition from the path answers 404 when it is not one.
func ParseTransition(k Kind, s string) (Transition, bool) {
	t := Transition(s)
	return t, k.Action(t) != ""
}

// Actor is who asks for a transition: a user of the store in its role.
type Actor struct {
	UserID int64 // positive: an actor without one is misuse
	Role   access.Role
}

// Rule is one line of the workflow: a role may move a record of a kind by
// a transition from one status to another.
type Rule struct {
	Transition Transition
	Role       access.Role
	From, To   Status
	// NoteRequired: the transition needs a note saying why (a return).
	NoteRequired bool
	// MakerChecker: the actor must not be the user who submitted the
	// record (certify, confirm): same_person otherwise.
	MakerChecker bool
}

const (
	noteRequired = true
	makerChecker = true
)

// rules is the whole workflow, in the order of the package documentation.
// A transition, role and status not matched by a rule is refused.
var rules = [...][]Rule{
	List: {
		{Submit, access.CommunePolice, Draft, Submitted, false, false},
		{Submit, access.CommunePolice, Returned, Submitted, false, false},
		{Certify, access.CommuneCommittee, Submitted, Certified, false, makerChecker},
		{Return, access.CommuneCommittee, Submitted, Returned, noteRequired, false},
		{Return, access.VBSPOfficer, Certified, Returned, noteRequired, false},
		{Receive, access.VBSPOfficer, Certified, Received, false, false},
	},
	Plan: {
		{Submit, access.CommunePolice, Draft, Submitted, false, false},
		{Submit, access.CommunePolice, Returned, Submitted, false, false},
		{Submit, access.CommuneCommittee, Draft, Submitted, false, false},
		{Submit, access.CommuneCommittee, Returned, Submitted, false, false},
		{Confirm, access.CommuneCommittee, Submitted, Confirmed, false, makerChecker},
		{Return, access.CommuneCommittee, Submitted, Returned, noteRequired, false},
		{Return, access.VBSPOfficer, Confirmed, Returned, noteRequired, false},
		{Receive, access.VBSPOfficer, Confirmed, Received, false, false},
	},
}

// Transitions returns the rules of the kind, in the order of the package
// documentation: the table Apply decides by. It is nil for a Kind that is
// neither. The slice is new on each call; changing it changes nothing.
func Transitions(k Kind) []Rule {
	if !k.valid() {
		return nil
	}
	return append([]Rule(nil), rules[k]...)
}

// Apply decides a transition: the status a record of kind k moves to from
// status from when actor asks for transition t, given the user who
// submitted the record (submittedBy: the user of its last submit step,
// SubmittedBy) and the note sent with the request. The note is required
// for a return (blank: only spaces, counts as none); on other transitions
// it is kept in the history if given.
//
// A refusal is an *Error with the stable Code forbidden,
// invalid_transition, same_person or note_required, checked in that
// order (see the package documentation). Misuse — a Kind that is neither,
// a status that is not one of the kind's, an actor with no user id, or a
// certify or confirm with no submitter — is a plain error. Apply
// allocates nothing but for misuse.
func Apply(k Kind, from Status, t Transition, actor Actor, submittedBy int64, note string) (Status, error) {
	if !k.valid() {
		return "", fmt.Errorf("workflow: %v is not a kind", k)
	}
	si := statusIndex(k, from)
	if si < 0 {
		return "", fmt.Errorf("workflow: %q is not a status of a %v", from, k)
	}
	if actor.UserID <= 0 {
		return "", errNoActor
	}
	roleMay := false
	for i := range rules[k] {
		r := &rules[k][i]
		if r.Transition != t || r.Role != actor.Role {
			continue
		}
		roleMay = true
		if r.From != from {
			continue
		}
		if r.MakerChecker {
			if submittedBy <= 0 {
				return "", fmt.Errorf("workflow: a %v cannot be %s without the user who submitted it", k, transitionLabels[transitionIndex(t)].done)
			}
			if actor.UserID == submittedBy {
				return "", &samePersonErrs[k]
			}
		}
		if r.NoteRequired && strings.TrimSpace(note) == "" {
			return "", &noteErrs[k][si]
		}
		return r.To, nil
	}
	ti := transitionIndex(t)
	if !roleMay || ti < 0 { // ti < 0 implies !roleMay; said for the index below
		return "", &forbiddenErrs[k][ti+1]
	}
	return "", &invalidErrs[k][si][ti]
}

var errNoActor = errors.New("workflow: the actor has no user id")

// Editable reports whether a record of the kind may be edited (PUT) in
// status s: only as a draft or when returned. It is false for a status
// that is not one of the kind's.
func Editable(k Kind, s Status) bool {
	return k.valid() && (s == Draft || s == Returned)
}

// Edit is Editable as an error for the HTTP adapter: nil when the record
// may be edited, otherwise an *Error with Code invalid_transition (409)
// whose message says why, and with no Transition. Misuse (a Kind that is
// neither, a status that is not one of the kind's) is a plain error.
func Edit(k Kind, s Status) error {
	if !k.valid() {
		return fmt.Errorf("workflow: %v is not a kind", k)
	}
	si := statusIndex(k, s)
	if si < 0 {
		return fmt.Errorf("workflow: %q is not a status of a %v", s, k)
	}
	if Editable(k, s) {
		return nil
	}
	return &editErrs[k][si]
}

// Step is one entry of a record's history (GET /v1/lists/{id}/history):
// the status it entered — Draft for its creation —, when, who in which
// role, and the note (the reason of a return; may be empty otherwise).
// Steps are only ever appended.
type Step struct {
	Status Status
	At     time.Time
	UserID int64
	Role   access.Role
	Note   string
}

// SubmittedBy returns the user of the last submit in a history (steps in
// order): the submitter Apply checks a certify or confirm against. It is 0
// when the record was never submitted.
func SubmittedBy(history []Step) int64 {
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].Status == Submitted {
			return history[i].UserID
		}
	}
	return 0
}
