package workflow_test

import (
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/workflow"
)

// BenchmarkApply is the cost of deciding a transition, allowed or refused.
// None of the cases allocates.
func BenchmarkApply(b *testing.B) {
	police := workflow.Actor{UserID: 12, Role: access.CommunePolice}
	committee := workflow.Actor{UserID: 31, Role: access.CommuneCommittee}
	vbsp := workflow.Actor{UserID: 40, Role: access.VBSPOfficer}
	for _, bc := range []struct {
		name        string
		k           workflow.Kind
		from        workflow.Status
		t           workflow.Transition
		actor       workflow.Actor
		submittedBy int64
		note        string
		want        string // a status or a code
	}{
		{"list/submit", workflow.List, workflow.Returned, workflow.Submit, police, 0, "", "submitted"},
		{"list/certify", workflow.List, workflow.Submitted, workflow.Certify, committee, 12, "", "certified"},
		{"list/return", workflow.List, workflow.Certified, workflow.Return, vbsp, 12, "Thiếu giấy chứng nhận", "returned"},
		{"plan/receive", workflow.Plan, workflow.Confirmed, workflow.Receive, vbsp, 12, "", "received"}, // the last rule of the longer table
		{"same_person", workflow.Plan, workflow.Submitted, workflow.Confirm, committee, 31, "", workflow.CodeSamePerson},
		{"note_required", workflow.List, workflow.Submitted, workflow.Return, committee, 12, "   ", workflow.CodeNoteRequired},
		{"invalid_transition", workflow.List, workflow.Received, workflow.Return, vbsp, 12, "x", workflow.CodeInvalidTransition},
		{"forbidden", workflow.Plan, workflow.Confirmed, workflow.Receive, committee, 12, "", workflow.CodeForbidden},
	} {
		b.Run(bc.name, func(b *testing.B) {
			got, err := workflow.Apply(bc.k, bc.from, bc.t, bc.actor, bc.submittedBy, bc.note)
			if e, ok := err.(*workflow.Error); ok {
				if e.Code != bc.want {
					b.Fatalf("Apply: %v, want %s", err, bc.want)
				}
			} else if err != nil || string(got) != bc.want {
				b.Fatalf("Apply = %q, %v; want %s", got, err, bc.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				workflow.Apply(bc.k, bc.from, bc.t, bc.actor, bc.submittedBy, bc.note)
			}
		})
	}
}

// BenchmarkEditable is the check every page makes before it shows an edit
// button, and every PUT before it writes.
func BenchmarkEditable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		workflow.Editable(workflow.List, workflow.Returned)
	}
}
