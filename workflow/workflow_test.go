package workflow_test

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/workflow"
)

// The dimensions of testdata/transitions.csv, spelled out from
// records-v1.md rather than taken from the package: a status or a
// transition the package dropped would still be walked.
var (
	kindNames   = map[string]workflow.Kind{"list": workflow.List, "plan": workflow.Plan}
	allStatuses = []workflow.Status{"draft", "submitted", "certified", "confirmed", "returned", "received"}
	allTrans    = []workflow.Transition{"submit", "certify", "confirm", "return", "receive"}
	actors      = []string{"submitter", "other"}
	notes       = map[string]string{"given": "Thiếu giấy chứng nhận", "blank": ""}
	codes       = map[string]*workflow.Error{
		"forbidden":          workflow.ErrForbidden,
		"invalid_transition": workflow.ErrInvalidTransition,
		"same_person":        workflow.ErrSamePerson,
		"note_required":      workflow.ErrNoteRequired,
	}
)

// The users of the table: user 7 acts; the record was submitted by user 7
// ("submitter") or by user 8 ("other").
const (
	actingUser = 7
	otherUser  = 8
)

type tableRow struct {
	line       int
	kind       workflow.Kind
	from       workflow.Status
	transition workflow.Transition
	role       access.Role
	actor      string
	note       string
	want       string
}

type tableKey struct {
	kind       workflow.Kind
	from       workflow.Status
	transition workflow.Transition
	role       access.Role
	actor      string
	note       string
}

// readTable reads testdata/transitions.csv; a row naming something that is
// not a dimension of the table fails the test.
func readTable(t *testing.T) []tableRow {
	t.Helper()
	f, err := os.Open("testdata/transitions.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.Comment = '#'
	cr.FieldsPerRecord = 7
	header, err := cr.Read()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"kind", "from", "transition", "role", "actor", "note", "want"}; !slices.Equal(header, want) {
		t.Fatalf("transitions.csv header = %v, want %v", header, want)
	}
	var rows []tableRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := cr.FieldPos(0)
		k, ok := kindNames[rec[0]]
		switch {
		case !ok:
			t.Fatalf("transitions.csv:%d: %q is no kind", line, rec[0])
		case !slices.Contains(allStatuses, workflow.Status(rec[1])):
			t.Fatalf("transitions.csv:%d: %q is no status", line, rec[1])
		case !slices.Contains(allTrans, workflow.Transition(rec[2])):
			t.Fatalf("transitions.csv:%d: %q is no transition", line, rec[2])
		case !slices.Contains(access.Roles(), access.Role(rec[3])):
			t.Fatalf("transitions.csv:%d: %q is no role", line, rec[3])
		case !slices.Contains(actors, rec[4]):
			t.Fatalf("transitions.csv:%d: actor %q is neither submitter nor other", line, rec[4])
		}
		if _, ok := notes[rec[5]]; !ok {
			t.Fatalf("transitions.csv:%d: note %q is neither given nor blank", line, rec[5])
		}
		_, isCode := codes[rec[6]]
		if !isCode && rec[6] != "unknown_status" && !slices.Contains(allStatuses, workflow.Status(rec[6])) {
			t.Fatalf("transitions.csv:%d: want %q is no status, code or unknown_status", line, rec[6])
		}
		rows = append(rows, tableRow{line, k, workflow.Status(rec[1]), workflow.Transition(rec[2]), access.Role(rec[3]), rec[4], rec[5], rec[6]})
	}
	return rows
}

// TestTransitionTable walks testdata/transitions.csv: every kind × every
// status × every transition × every role × (the actor submitted the record
// or not) × (a note or none), each exactly once, against Apply. A
// combination missing from the file, or given twice, fails.
func TestTransitionTable(t *testing.T) {
	seen := map[tableKey]int{}
	for _, row := range readTable(t) {
		k := tableKey{row.kind, row.from, row.transition, row.role, row.actor, row.note}
		if first, dup := seen[k]; dup {
			t.Errorf("transitions.csv:%d: the combination of line %d again", row.line, first)
			continue
		}
		seen[k] = row.line

		submittedBy := int64(otherUser)
		if row.actor == "submitter" {
			submittedBy = actingUser
		}
		actor := workflow.Actor{UserID: actingUser, Role: row.role}
		got, err := workflow.Apply(row.kind, row.from, row.transition, actor, submittedBy, notes[row.note])
		at := func(format string, args ...any) {
			t.Helper()
			t.Errorf("transitions.csv:%d: Apply(%v, %s, %s, %s, %s, note %s): "+format,
				append([]any{row.line, row.kind, row.from, row.transition, row.role, row.actor, row.note}, args...)...)
		}
		var we *workflow.Error
		switch sentinel, isCode := codes[row.want]; {
		case row.want == "unknown_status":
			if err == nil || errors.As(err, &we) || got != "" {
				at("= %q, %v; want a plain error (misuse)", got, err)
			}
		case isCode:
			if !errors.As(err, &we) || got != "" {
				at("= %q, %v; want *Error %s", got, err, row.want)
				continue
			}
			if we.Code != row.want || !errors.Is(err, sentinel) {
				at("code %s (Is %s: %v), want %s", we.Code, sentinel.Code, errors.Is(err, sentinel), row.want)
			}
			if we.Kind != row.kind || we.Transition != row.transition {
				at("error names %v %s, want %v %s", we.Kind, we.Transition, row.kind, row.transition)
			}
			if we.Code != workflow.CodeForbidden && we.From != row.from {
				at("error names status %s, want %s", we.From, row.from)
			}
			checkMessage(t, we)
		default:
			if err != nil || got != workflow.Status(row.want) {
				at("= %q, %v; want %s", got, err, row.want)
			}
		}
	}
	n := 0
	for kn, k := range kindNames {
		for _, s := range allStatuses {
			for _, tr := range allTrans {
				for _, r := range access.Roles() {
					for _, a := range actors {
						for nn := range notes {
							n++
							if _, ok := seen[tableKey{k, s, tr, r, a, nn}]; !ok {
								t.Errorf("transitions.csv has no row for %s,%s,%s,%s,%s,%s", kn, s, tr, r, a, nn)
							}
						}
					}
				}
			}
		}
	}
	if len(seen) != n {
		t.Errorf("transitions.csv has %d combinations, want %d", len(seen), n)
	}
}

// checkMessage: a refusal speaks Vietnamese and English, in text a form
// could hold, and says what it is.
func checkMessage(t *testing.T, e *workflow.Error) {
	t.Helper()
	m := e.Message
	if m.VI == "" || m.EN == "" || m.VI == m.EN || !credit.ValidText(m.VI) || !credit.ValidText(m.EN) {
		t.Errorf("%s: message %+v", e.Code, m)
	}
	if !strings.HasPrefix(e.Error(), "workflow: "+e.Code+": ") {
		t.Errorf("Error() = %q", e.Error())
	}
}

// The roles of the workflow are those package access allows the matching
// action, transition by transition, both ways: the HTTP adapter asks
// access first, and the two must never disagree.
func TestRolesAgreeWithAccess(t *testing.T) {
	for kn, k := range kindNames {
		for _, tr := range allTrans {
			a := k.Action(tr)
			for _, r := range access.Roles() {
				hasRule := slices.ContainsFunc(workflow.Transitions(k), func(rule workflow.Rule) bool {
					return rule.Transition == tr && rule.Role == r
				})
				if may := access.May(access.Principal{UserID: actingUser, Role: r}, a); may != hasRule {
					t.Errorf("%s %s by %s: workflow has a rule: %v; access.May(%q): %v", kn, tr, r, hasRule, a, may)
				}
			}
		}
	}
	// Every action of access that is a transition is one of the workflow's.
	want := map[access.Action]workflow.Kind{
		access.ListSubmit: workflow.List, access.ListCertify: workflow.List,
		access.ListReturn: workflow.List, access.ListReceive: workflow.List,
		access.PlanSubmit: workflow.Plan, access.PlanConfirm: workflow.Plan,
		access.PlanReturn: workflow.Plan, access.PlanReceive: workflow.Plan,
	}
	for _, a := range access.Actions() {
		kind, verb, _ := strings.Cut(string(a), ".")
		k, isKind := kindNames[kind]
		if !isKind || !slices.Contains(allTrans, workflow.Transition(verb)) {
			continue
		}
		if want[a] != k || k.Action(workflow.Transition(verb)) != a {
			t.Errorf("access action %s: %v.Action(%s) = %q", a, k, verb, k.Action(workflow.Transition(verb)))
		}
		delete(want, a)
	}
	for a := range want {
		t.Errorf("access has no action %s", a)
	}
	if a := workflow.List.Action(workflow.Confirm); a != "" {
		t.Errorf("List.Action(Confirm) = %q", a)
	}
	if a := workflow.Kind(0).Action(workflow.Submit); a != "" {
		t.Errorf("Kind(0).Action(Submit) = %q", a)
	}
}

// Transitions is the table Apply decides by: each rule applies, and
// changing the returned slice changes nothing.
func TestTransitionsIsTheTable(t *testing.T) {
	for _, k := range workflow.Kinds() {
		rules := workflow.Transitions(k)
		if len(rules) == 0 {
			t.Fatalf("Transitions(%v) is empty", k)
		}
		type key struct {
			t    workflow.Transition
			r    access.Role
			from workflow.Status
		}
		seen := map[key]bool{}
		for _, r := range rules {
			if seen[key{r.Transition, r.Role, r.From}] {
				t.Errorf("%v: %s by %s from %s twice", k, r.Transition, r.Role, r.From)
			}
			seen[key{r.Transition, r.Role, r.From}] = true
			if !slices.Contains(workflow.Statuses(k), r.From) || !slices.Contains(workflow.Statuses(k), r.To) {
				t.Errorf("%v: rule %+v names a status not of the kind", k, r)
			}
			if r.From == workflow.Received {
				t.Errorf("%v: rule %+v leaves received, which is final", k, r)
			}
			if r.NoteRequired != (r.Transition == workflow.Return) {
				t.Errorf("%v: rule %+v: a note is required exactly to return", k, r)
			}
			if r.MakerChecker != (r.Transition == workflow.Certify || r.Transition == workflow.Confirm) {
				t.Errorf("%v: rule %+v: maker-checker exactly on certify and confirm", k, r)
			}
			got, err := workflow.Apply(k, r.From, r.Transition, workflow.Actor{UserID: 1, Role: r.Role}, 2, "lý do")
			if err != nil || got != r.To {
				t.Errorf("%v: rule %+v: Apply = %q, %v", k, r, got, err)
			}
		}
		rules[0].Role = access.Admin
		rules[0].To = workflow.Received
		if fresh := workflow.Transitions(k); fresh[0].Role == access.Admin || fresh[0].To == workflow.Received {
			t.Errorf("%v: changing the slice Transitions returned changed the table", k)
		}
		if _, err := workflow.Apply(k, workflow.Draft, workflow.Submit, workflow.Actor{UserID: 1, Role: access.Admin}, 0, ""); !errors.Is(err, workflow.ErrForbidden) {
			t.Errorf("%v: admin submits after the copy was changed: %v", k, err)
		}
		// Every status but received can be left, and every one reached from draft.
		rules = workflow.Transitions(k)
		reached := map[workflow.Status]bool{workflow.Draft: true}
		for range rules {
			for _, r := range rules {
				if reached[r.From] {
					reached[r.To] = true
				}
			}
		}
		for _, s := range workflow.Statuses(k) {
			if !reached[s] {
				t.Errorf("%v: %s cannot be reached from draft", k, s)
			}
			leaves := slices.ContainsFunc(rules, func(r workflow.Rule) bool { return r.From == s })
			if leaves != (s != workflow.Received) {
				t.Errorf("%v: %s can be left: %v", k, s, leaves)
			}
		}
	}
	if workflow.Transitions(0) != nil || workflow.Statuses(3) != nil {
		t.Error("a Kind that is neither has rules or statuses")
	}
}

// A record is edited only as a draft or when returned; an edit in any other
// status of the kind is invalid_transition, with no transition named.
func TestEditable(t *testing.T) {
	tests := []struct {
		k    workflow.Kind
		s    workflow.Status
		want bool
		bad  bool // not a status of the kind: misuse
	}{
		{workflow.List, "draft", true, false},
		{workflow.List, "submitted", false, false},
		{workflow.List, "certified", false, false},
		{workflow.List, "confirmed", false, true},
		{workflow.List, "returned", true, false},
		{workflow.List, "received", false, false},
		{workflow.Plan, "draft", true, false},
		{workflow.Plan, "submitted", false, false},
		{workflow.Plan, "certified", false, true},
		{workflow.Plan, "confirmed", false, false},
		{workflow.Plan, "returned", true, false},
		{workflow.Plan, "received", false, false},
	}
	seen := map[[2]string]bool{}
	for _, tc := range tests {
		seen[[2]string{tc.k.String(), string(tc.s)}] = true
		t.Run(tc.k.String()+"/"+string(tc.s), func(t *testing.T) {
			if got := workflow.Editable(tc.k, tc.s); got != tc.want {
				t.Errorf("Editable = %v, want %v", got, tc.want)
			}
			err := workflow.Edit(tc.k, tc.s)
			var we *workflow.Error
			switch {
			case tc.want:
				if err != nil {
					t.Errorf("Edit = %v, want nil", err)
				}
			case tc.bad:
				if err == nil || errors.As(err, &we) {
					t.Errorf("Edit = %v, want a plain error (misuse)", err)
				}
			case !errors.As(err, &we) || we.Code != workflow.CodeInvalidTransition || !errors.Is(err, workflow.ErrInvalidTransition):
				t.Errorf("Edit = %v, want invalid_transition", err)
			default:
				if we.Kind != tc.k || we.From != tc.s || we.Transition != "" {
					t.Errorf("Edit error names %v %s %q", we.Kind, we.From, we.Transition)
				}
				checkMessage(t, we)
			}
		})
	}
	for kn := range kindNames {
		for _, s := range allStatuses {
			if !seen[[2]string{kn, string(s)}] {
				t.Errorf("no case for %s %s", kn, s)
			}
		}
	}
	for _, s := range []workflow.Status{"", "Draft", " draft", "bogus"} {
		if workflow.Editable(workflow.List, s) {
			t.Errorf("Editable(list, %q)", s)
		}
	}
	if workflow.Editable(0, workflow.Draft) || workflow.Edit(0, workflow.Draft) == nil {
		t.Error("a Kind that is neither is editable")
	}
}

// The edges of Apply that the table does not walk: strings that are no
// role, transition or status, actors and submitters without a user id,
// notes of spaces only.
func TestApplyBoundaries(t *testing.T) {
	police := workflow.Actor{UserID: 7, Role: access.CommunePolice}
	committee := workflow.Actor{UserID: 7, Role: access.CommuneCommittee}
	vbsp := workflow.Actor{UserID: 7, Role: access.VBSPOfficer}
	const misuse = "misuse"
	tests := []struct {
		name        string
		k           workflow.Kind
		from        workflow.Status
		t           workflow.Transition
		actor       workflow.Actor
		submittedBy int64
		note        string
		want        string // a status, a code, or misuse
	}{
		{"zero kind", 0, "draft", "submit", police, 0, "", misuse},
		{"kind 3", 3, "draft", "submit", police, 0, "", misuse},
		{"empty status", workflow.List, "", "submit", police, 0, "", misuse},
		{"status of another case", workflow.List, "Draft", "submit", police, 0, "", misuse},
		{"status padded", workflow.List, "draft ", "submit", police, 0, "", misuse},
		{"unknown status, forbidden role", workflow.List, "bogus", "submit", workflow.Actor{UserID: 7, Role: access.Auditor}, 0, "", misuse},
		{"no actor id", workflow.List, "draft", "submit", workflow.Actor{Role: access.CommunePolice}, 0, "", misuse},
		{"negative actor id", workflow.List, "draft", "submit", workflow.Actor{UserID: -7, Role: access.CommunePolice}, 0, "", misuse},
		{"certify, submitter unknown", workflow.List, "submitted", "certify", committee, 0, "", misuse},
		{"confirm, submitter negative", workflow.Plan, "submitted", "confirm", committee, -1, "", misuse},
		{"certify from draft, submitter unknown", workflow.List, "draft", "certify", committee, 0, "", "invalid_transition"},
		{"submit, submitter unknown", workflow.List, "draft", "submit", police, 0, "", "submitted"},
		{"return, submitter unknown", workflow.List, "submitted", "return", committee, 0, "lý do", "returned"},
		{"unknown role", workflow.List, "draft", "submit", workflow.Actor{UserID: 7, Role: "superuser"}, 0, "", "forbidden"},
		{"no role", workflow.List, "draft", "submit", workflow.Actor{UserID: 7}, 0, "", "forbidden"},
		{"role of another case", workflow.List, "draft", "submit", workflow.Actor{UserID: 7, Role: "Commune_Police"}, 0, "", "forbidden"},
		{"unknown transition", workflow.List, "draft", "approve", police, 0, "", "forbidden"},
		{"empty transition", workflow.List, "draft", "", police, 0, "", "forbidden"},
		{"transition padded", workflow.List, "draft", " submit", police, 0, "", "forbidden"},
		{"access action as transition", workflow.List, "draft", "list.submit", police, 0, "", "forbidden"},
		{"note of spaces", workflow.List, "submitted", "return", committee, 0, " \t\r\n", "note_required"},
		{"note of wide spaces", workflow.Plan, "confirmed", "return", vbsp, 0, "\u00a0\u3000", "note_required"},
		{"note of one letter", workflow.Plan, "confirmed", "return", vbsp, 0, " x ", "returned"},
		{"note on submit is kept, not required", workflow.List, "returned", "submit", police, 0, "đã bổ sung", "submitted"},
		{"maker-checker before the note", workflow.Plan, "submitted", "confirm", committee, 7, "", "same_person"},
		{"committee submits a plan", workflow.Plan, "draft", "submit", committee, 0, "", "submitted"},
		{"another member confirms it", workflow.Plan, "submitted", "confirm", workflow.Actor{UserID: 9, Role: access.CommuneCommittee}, 7, "", "confirmed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := workflow.Apply(tc.k, tc.from, tc.t, tc.actor, tc.submittedBy, tc.note)
			var we *workflow.Error
			switch _, isCode := codes[tc.want]; {
			case tc.want == misuse:
				if err == nil || errors.As(err, &we) || got != "" {
					t.Errorf("= %q, %v; want a plain error", got, err)
				} else if !strings.HasPrefix(err.Error(), "workflow: ") {
					t.Errorf("misuse error %q has no package prefix", err)
				}
			case isCode:
				if !errors.As(err, &we) || we.Code != tc.want || got != "" {
					t.Errorf("= %q, %v; want %s", got, err, tc.want)
				} else {
					checkMessage(t, we)
				}
			default:
				if err != nil || got != workflow.Status(tc.want) {
					t.Errorf("= %q, %v; want %s", got, err, tc.want)
				}
			}
		})
	}
}

// Refusals never quote the note: it is free text an officer wrote, and may
// name a person.
func TestRefusalsDoNotQuoteTheNote(t *testing.T) {
	const note = "Nguyễn Văn A, 001099012345"
	for _, k := range workflow.Kinds() {
		for _, s := range workflow.Statuses(k) {
			for _, tr := range allTrans {
				for _, r := range access.Roles() {
					_, err := workflow.Apply(k, s, tr, workflow.Actor{UserID: 7, Role: r}, 7, note)
					var we *workflow.Error
					if errors.As(err, &we) && (strings.Contains(we.Error(), "Nguyễn") || strings.Contains(we.Message.VI, "Nguyễn")) {
						t.Errorf("%v %s %s %s: %v", k, s, tr, r, err)
					}
				}
			}
		}
	}
}

func TestSubmittedBy(t *testing.T) {
	at := time.Date(2025, 11, 5, 9, 0, 0, 0, time.UTC)
	step := func(s workflow.Status, user int64, role access.Role) workflow.Step {
		at = at.Add(time.Hour)
		return workflow.Step{Status: s, At: at, UserID: user, Role: role}
	}
	created := step(workflow.Draft, 3, access.CommunePolice)
	first := step(workflow.Submitted, 3, access.CommunePolice)
	returned := step(workflow.Returned, 5, access.CommuneCommittee)
	again := step(workflow.Submitted, 4, access.CommunePolice)
	certified := step(workflow.Certified, 5, access.CommuneCommittee)
	for _, tc := range []struct {
		name string
		h    []workflow.Step
		want int64
	}{
		{"no history", nil, 0},
		{"a draft", []workflow.Step{created}, 0},
		{"submitted", []workflow.Step{created, first}, 3},
		{"returned", []workflow.Step{created, first, returned}, 3},
		{"submitted again by another officer", []workflow.Step{created, first, returned, again}, 4},
		{"certified", []workflow.Step{created, first, returned, again, certified}, 4},
	} {
		if got := workflow.SubmittedBy(tc.h); got != tc.want {
			t.Errorf("%s: SubmittedBy = %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestNames(t *testing.T) {
	if got := []string{workflow.List.String(), workflow.Plan.String(), workflow.Kind(0).String(), workflow.Kind(9).String()}; !slices.Equal(got, []string{"list", "plan", "Kind(0)", "Kind(9)"}) {
		t.Errorf("Kind.String = %v", got)
	}
	for kn, k := range kindNames {
		for _, s := range allStatuses {
			_, ok := workflow.ParseStatus(k, string(s))
			if want := slices.Contains(workflow.Statuses(k), s); ok != want {
				t.Errorf("ParseStatus(%s, %s) ok = %v, want %v", kn, s, ok, want)
			}
			if s.Text().VI == "" || s.Text().EN != string(s) {
				t.Errorf("%s.Text() = %+v", s, s.Text())
			}
		}
		for _, tr := range allTrans {
			_, ok := workflow.ParseTransition(k, string(tr))
			if want := k.Action(tr) != ""; ok != want {
				t.Errorf("ParseTransition(%s, %s) ok = %v, want %v", kn, tr, ok, want)
			}
			if tr.Text().VI == "" || tr.Text().EN != string(tr) {
				t.Errorf("%s.Text() = %+v", tr, tr.Text())
			}
		}
	}
	if got := workflow.Statuses(workflow.List); !slices.Equal(got, []workflow.Status{"draft", "submitted", "certified", "returned", "received"}) {
		t.Errorf("Statuses(List) = %v", got)
	}
	if got := workflow.Statuses(workflow.Plan); !slices.Equal(got, []workflow.Status{"draft", "submitted", "confirmed", "returned", "received"}) {
		t.Errorf("Statuses(Plan) = %v", got)
	}
	for _, s := range []string{"", "Draft", "bogus"} {
		if _, ok := workflow.ParseStatus(workflow.List, s); ok {
			t.Errorf("ParseStatus(list, %q) ok", s)
		}
		if _, ok := workflow.ParseTransition(workflow.List, s); ok {
			t.Errorf("ParseTransition(list, %q) ok", s)
		}
		if workflow.Status(s).Text() != (credit.Text{}) || workflow.Transition(s).Text() != (credit.Text{}) {
			t.Errorf("%q has a text", s)
		}
	}
}

// Apply, Edit and Editable allocate nothing, refusals included: they run on
// every acting request and every page that shows a button.
func TestNoAllocations(t *testing.T) {
	committee := workflow.Actor{UserID: 7, Role: access.CommuneCommittee}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"certify", func() { workflow.Apply(workflow.List, workflow.Submitted, workflow.Certify, committee, 8, "") }},
		{"same_person", func() { workflow.Apply(workflow.List, workflow.Submitted, workflow.Certify, committee, 7, "") }},
		{"invalid_transition", func() { workflow.Apply(workflow.Plan, workflow.Draft, workflow.Confirm, committee, 8, "") }},
		{"forbidden", func() { workflow.Apply(workflow.List, workflow.Draft, workflow.Submit, committee, 8, "") }},
		{"unknown transition", func() { workflow.Apply(workflow.List, workflow.Draft, "approve", committee, 8, "") }},
		{"note_required", func() { workflow.Apply(workflow.List, workflow.Submitted, workflow.Return, committee, 8, "  ") }},
		{"edit refused", func() { _ = workflow.Edit(workflow.Plan, workflow.Confirmed) }},
		{"editable", func() { workflow.Editable(workflow.List, workflow.Returned) }},
	} {
		if n := testing.AllocsPerRun(100, tc.f); n != 0 {
			t.Errorf("%s: %v allocations", tc.name, n)
		}
	}
}

// FuzzApply: whatever is asked, Apply does not panic, and what it allows
// is a rule of Transitions with its checks met.
func FuzzApply(f *testing.F) {
	f.Add(uint8(1), "submitted", "certify", "commune_committee", int64(7), int64(8), "")
	f.Add(uint8(2), "confirmed", "return", "vbsp_officer", int64(7), int64(7), " ")
	f.Add(uint8(0), "", "", "", int64(0), int64(0), "\xff")
	f.Fuzz(func(t *testing.T, kind uint8, from, tr, role string, user, submittedBy int64, note string) {
		k := workflow.Kind(kind)
		got, err := workflow.Apply(k, workflow.Status(from), workflow.Transition(tr), workflow.Actor{UserID: user, Role: access.Role(role)}, submittedBy, note)
		var we *workflow.Error
		switch {
		case err == nil:
			i := slices.IndexFunc(workflow.Transitions(k), func(r workflow.Rule) bool {
				return string(r.Transition) == tr && string(r.Role) == role && string(r.From) == from
			})
			if i < 0 {
				t.Fatalf("allowed %v %s %s by %s: no rule", k, from, tr, role)
			}
			r := workflow.Transitions(k)[i]
			if got != r.To || user <= 0 || r.MakerChecker && (user == submittedBy || submittedBy <= 0) || r.NoteRequired && strings.TrimSpace(note) == "" {
				t.Fatalf("allowed %v %s %s by %s (user %d, submitter %d, note %q) = %s", k, from, tr, role, user, submittedBy, note, got)
			}
		case errors.As(err, &we):
			if _, ok := codes[we.Code]; !ok || got != "" {
				t.Fatalf("= %q, code %q", got, we.Code)
			}
		case got != "":
			t.Fatalf("= %q, %v", got, err)
		}
	})
}
