package workflow

import "github.com/vnreentry/credit"

// The codes of an *Error. They are stable: the HTTP adapter answers them
// as the problem's code and clients branch on them, so they are never
// renamed.
const (
	CodeForbidden         = "forbidden"          // the role never makes this transition (403)
	CodeInvalidTransition = "invalid_transition" // not from this status, or not editable in it (409)
	CodeSamePerson        = "same_person"        // the certifier or confirmer is the submitter (409)
	CodeNoteRequired      = "note_required"      // a return without a note (422)
)

// Error is a refusal of the workflow: a stable Code, where it happened
// (Kind, From, Transition — empty for an edit) and a message for people in
// Vietnamese and English. Messages never quote a note or a name.
//
// The *Error values Apply and Edit return are shared (built once, so that
// a refusal allocates nothing): read them, never change them.
type Error struct {
	Code       string
	Kind       Kind
	From       Status
	Transition Transition
	Message    credit.Text
}

// Error returns the code and the English message, prefixed with the
// package: "workflow: same_person: The user who submitted …".
func (e *Error) Error() string {
	return "workflow: " + e.Code + ": " + e.Message.EN
}

// Is reports whether target is an *Error with the same Code, so that
// errors.Is(err, ErrSamePerson) holds for every same_person refusal.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is, one per code. Apply and Edit never return these
// values themselves but errors that are Is them, with the kind, status
// and transition in their message.
var (
	ErrForbidden = &Error{Code: CodeForbidden, Message: credit.Text{
		VI: "Vai trò của người dùng không được thực hiện bước chuyển này.",
		EN: "The user's role may not make this transition.",
	}}
	ErrInvalidTransition = &Error{Code: CodeInvalidTransition, Message: credit.Text{
		VI: "Không thể thực hiện bước chuyển này ở trạng thái hiện tại.",
		EN: "This transition cannot be made from the current status.",
	}}
	ErrSamePerson = &Error{Code: CodeSamePerson, Message: credit.Text{
		VI: "Người xác nhận phải khác người đã gửi.",
		EN: "The user who submitted may not certify or confirm.",
	}}
	ErrNoteRequired = &Error{Code: CodeNoteRequired, Message: credit.Text{
		VI: "Phải ghi rõ lý do.",
		EN: "A note saying why is required.",
	}}
)

// The nouns of the messages: the kind at the start of a sentence (VI) and
// within one.
var kindNouns = [...]struct {
	capVI string
	noun  credit.Text
}{
	List: {"Danh sách (Mẫu số 01)", credit.Text{VI: "danh sách (Mẫu số 01)", EN: "list (Form 01)"}},
	Plan: {"Phương án vay vốn (Mẫu số 02)", credit.Text{VI: "phương án vay vốn (Mẫu số 02)", EN: "plan (Form 02)"}},
}

// The refusals, built once, indexed by Kind, then by statusIndex and
// transitionIndex (only the statuses of the kind are filled in). forbiddenErrs is indexed by transitionIndex+1: 0 is a
// string that is no transition.
var (
	invalidErrs    [len(kindNouns)][len(allStatuses)][len(transitionLabels)]Error
	forbiddenErrs  [len(kindNouns)][len(transitionLabels) + 1]Error
	samePersonErrs [len(kindNouns)]Error
	noteErrs       [len(kindNouns)][len(allStatuses)]Error
	editErrs       [len(kindNouns)][len(allStatuses)]Error
)

func init() {
	for _, k := range Kinds() {
		kn := kindNouns[k]
		for si, s := range allStatuses {
			if statusIndex(k, s) < 0 {
				continue
			}
			st := statusLabels[si]
			for ti, tl := range transitionLabels {
				invalidErrs[k][si][ti] = Error{
					Code: CodeInvalidTransition, Kind: k, From: s, Transition: tl.t,
					Message: credit.Text{
						VI: "Không thể " + tl.verb.VI + " " + kn.noun.VI + " đang ở trạng thái “" + st.VI + "”.",
						EN: "A " + kn.noun.EN + " in status “" + st.EN + "” cannot be " + tl.done + ".",
					},
				}
			}
			noteErrs[k][si] = Error{Code: CodeNoteRequired, Kind: k, From: s, Transition: Return, Message: credit.Text{
				VI: "Trả lại " + kn.noun.VI + " phải ghi rõ lý do.",
				EN: "Returning a " + kn.noun.EN + " needs a note saying why.",
			}}
			editErrs[k][si] = Error{
				Code: CodeInvalidTransition, Kind: k, From: s,
				Message: credit.Text{
					VI: "Không thể sửa " + kn.noun.VI + " đang ở trạng thái “" + st.VI + "”: chỉ sửa được khi là dự thảo hoặc bị trả lại.",
					EN: "A " + kn.noun.EN + " in status “" + st.EN + "” cannot be edited: only a draft or a returned one can.",
				},
			}
		}
		forbiddenErrs[k][0] = Error{Code: CodeForbidden, Kind: k, Message: credit.Text{
			VI: kn.capVI + " không có bước chuyển này.",
			EN: "A " + kn.noun.EN + " has no such transition.",
		}}
		for ti, tl := range transitionLabels {
			t := tl.t
			e := Error{Code: CodeForbidden, Kind: k, Transition: t, Message: credit.Text{
				VI: "Vai trò của người dùng không được " + tl.verb.VI + " " + kn.noun.VI + ".",
				EN: "The user's role may not " + tl.verb.EN + " a " + kn.noun.EN + ".",
			}}
			if k.Action(t) == "" {
				e.Message = credit.Text{
					VI: kn.capVI + " không có bước chuyển “" + string(t) + "”.",
					EN: "A " + kn.noun.EN + " has no transition “" + string(t) + "”.",
				}
			}
			forbiddenErrs[k][ti+1] = e
		}
	}
	samePersonErrs[List] = Error{Code: CodeSamePerson, Kind: List, From: Submitted, Transition: Certify, Message: credit.Text{
		VI: "Người đã gửi danh sách (Mẫu số 01) không được tự xác nhận: một thành viên khác của Ủy ban nhân dân cấp xã phải xác nhận.",
		EN: "The user who submitted the list (Form 01) may not certify it: another member of the commune People's Committee must.",
	}}
	samePersonErrs[Plan] = Error{Code: CodeSamePerson, Kind: Plan, From: Submitted, Transition: Confirm, Message: credit.Text{
		VI: "Người đã gửi phương án vay vốn (Mẫu số 02) không được tự xác nhận: một thành viên khác của Ủy ban nhân dân cấp xã phải xác nhận.",
		EN: "The user who submitted the plan (Form 02) may not confirm it: another member of the commune People's Committee must.",
	}}
}
