package workflow_test

import (
	"errors"
	"fmt"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/workflow"
)

// A month of Xã Bản Bo: the commune police submit their list (user 12),
// the committee returns it for a missing certificate, the police submit
// it again, the committee certifies it (user 31), and the VBSP office
// receives it (user 40). Each step starts from the status the previous
// one answered, as the store keeps it.
func Example() {
	police := workflow.Actor{UserID: 12, Role: access.CommunePolice}
	committee := workflow.Actor{UserID: 31, Role: access.CommuneCommittee}
	vbsp := workflow.Actor{UserID: 40, Role: access.VBSPOfficer}

	status, submittedBy := workflow.Draft, int64(0)
	for _, step := range []struct {
		t     workflow.Transition
		actor workflow.Actor
		note  string
	}{
		{workflow.Submit, police, ""},
		{workflow.Certify, police, ""},   // not the police's to do
		{workflow.Return, committee, ""}, // a return says why
		{workflow.Return, committee, "Dòng 3 thiếu số giấy chứng nhận"},
		{workflow.Receive, vbsp, ""}, // not certified yet
		{workflow.Submit, police, ""},
		{workflow.Certify, committee, ""},
		{workflow.Receive, vbsp, ""},
	} {
		next, err := workflow.Apply(workflow.List, status, step.t, step.actor, submittedBy, step.note)
		var we *workflow.Error
		if errors.As(err, &we) {
			fmt.Printf("%-9s %-8s by %-17s refused: %s\n", status, step.t, step.actor.Role, we.Code)
			continue
		}
		fmt.Printf("%-9s %-8s by %-17s → %s\n", status, step.t, step.actor.Role, next)
		if step.t == workflow.Submit {
			submittedBy = step.actor.UserID
		}
		status = next
	}
	fmt.Println("editable:", workflow.Editable(workflow.List, status))
	// Output:
	// draft     submit   by commune_police    → submitted
	// submitted certify  by commune_police    refused: forbidden
	// submitted return   by commune_committee refused: note_required
	// submitted return   by commune_committee → returned
	// returned  receive  by vbsp_officer      refused: invalid_transition
	// returned  submit   by commune_police    → submitted
	// submitted certify  by commune_committee → certified
	// certified receive  by vbsp_officer      → received
	// editable: false
}

// Maker-checker: a committee member who entered and submitted an
// establishment's plan may not confirm it; another member may.
func ExampleApply_makerChecker() {
	entered := workflow.Actor{UserID: 31, Role: access.CommuneCommittee}
	other := workflow.Actor{UserID: 32, Role: access.CommuneCommittee}

	_, err := workflow.Apply(workflow.Plan, workflow.Submitted, workflow.Confirm, entered, 31, "")
	fmt.Println(errors.Is(err, workflow.ErrSamePerson))
	fmt.Println(err.(*workflow.Error).Message.VI)

	status, err := workflow.Apply(workflow.Plan, workflow.Submitted, workflow.Confirm, other, 31, "")
	fmt.Println(status, err)
	// Output:
	// true
	// Người đã gửi phương án vay vốn (Mẫu số 02) không được tự xác nhận: một thành viên khác của Ủy ban nhân dân cấp xã phải xác nhận.
	// confirmed <nil>
}

// The table of a list's workflow, as a page or the documentation shows it.
func ExampleTransitions() {
	for _, r := range workflow.Transitions(workflow.List) {
		var also string
		if r.NoteRequired {
			also = " (note required)"
		}
		if r.MakerChecker {
			also = " (not by the submitter)"
		}
		fmt.Printf("%-7s %-17s %s → %s%s\n", r.Transition, r.Role, r.From, r.To, also)
	}
	// Output:
	// submit  commune_police    draft → submitted
	// submit  commune_police    returned → submitted
	// certify commune_committee submitted → certified (not by the submitter)
	// return  commune_committee submitted → returned (note required)
	// return  vbsp_officer      certified → returned (note required)
	// receive vbsp_officer      certified → received
}

// An edit (PUT) of a list the committee has certified is refused with the
// code the HTTP adapter answers as 409.
func ExampleEdit() {
	err := workflow.Edit(workflow.List, workflow.Certified)
	fmt.Println(err)
	fmt.Println(workflow.Edit(workflow.List, workflow.Returned))
	// Output:
	// workflow: invalid_transition: A list (Form 01) in status “certified” cannot be edited: only a draft or a returned one can.
	// <nil>
}
