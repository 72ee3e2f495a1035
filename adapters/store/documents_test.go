package store_test

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// The people of the monthly round in the document tests. Documents do not
// reference users: any positive id will do.
var (
	police     = records.Actor{UserID: 10, Role: string(access.CommunePolice), RequestID: "req-police"}
	police2    = records.Actor{UserID: 11, Role: string(access.CommunePolice), RequestID: "req-police2"}
	committee  = records.Actor{UserID: 12, Role: string(access.CommuneCommittee), RequestID: "req-committee"}
	committee2 = records.Actor{UserID: 13, Role: string(access.CommuneCommittee), RequestID: "req-committee2"}
	vbsp       = records.Actor{UserID: 14, Role: string(access.VBSPOfficer), RequestID: "req-vbsp"}
)

// secretName is a name put in bodies and notes: it must never reach the
// audit trail.
const secretName = "Nguyễn Văn Bí Mật"

// Two communes of Lai Châu (province 12).
const (
	communeA = "03424"
	communeB = "03408"
)

// otherCommune is a commune of another province than 12.
func otherCommune(t testing.TB) places.Commune {
	t.Helper()
	for _, c := range places.Default().Communes() {
		if c.ProvinceCode != "12" {
			return c
		}
	}
	t.Fatal("no commune outside province 12")
	return places.Commune{}
}

func listBody(commune, period, who string) []byte {
	return []byte(`{"commune_code":"` + commune + `","period":"` + period + `","rows":[{"full_name":"` + who + `"}]}`)
}

func newList(t testing.TB, s *store.Store, a records.Actor, commune, period string) records.Document {
	t.Helper()
	d, err := s.CreateDocument(ctx, a, records.Idempotency{}, records.Document{
		Kind: records.KindList, Commune: commune, Period: period, Body: listBody(commune, period, secretName),
	})
	if err != nil {
		t.Fatalf("create list: %v", err)
	}
	return d
}

func move(t testing.TB, s *store.Store, a records.Actor, kind string, id int64, tr, note string) records.Document {
	t.Helper()
	d, err := s.TransitionDocument(ctx, a, records.Idempotency{}, kind, id, tr, note, nil)
	if err != nil {
		t.Fatalf("%s by %s: %v", tr, a.Role, err)
	}
	return d
}

// wantCode fails unless err is a *workflow.Error with the code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	var we *workflow.Error
	if !errors.As(err, &we) || we.Code != code {
		t.Fatalf("error %v, want a workflow error %s", err, code)
	}
}

func idem(a records.Actor, key, request string) records.Idempotency {
	return records.Idempotency{Key: key, UserID: a.UserID, RequestHash: sha256.Sum256([]byte(request))}
}

func docStore(t testing.TB, e *engine) (*store.Store, string, *clock) {
	c := newClock(time.Date(2025, 9, 3, 8, 0, 0, 0, time.UTC))
	dsn := e.fresh(t)
	return open(t, dsn, store.Options{Now: c.Now}), dsn, c
}

func TestDocumentCreateRead(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		body := listBody(communeA, "2025-09", secretName)
		d, err := s.CreateDocument(ctx, police, records.Idempotency{}, records.Document{
			Kind: records.KindList, Commune: communeA, Period: "2025-09", Body: body,
		})
		if err != nil {
			t.Fatal(err)
		}
		now := c.Now()
		want := records.Document{ID: d.ID, Kind: "list", Commune: communeA, Province: "12", Period: "2025-09",
			Status: "draft", Version: 1, Body: body, CreatedBy: police.UserID, CreatedAt: now, UpdatedAt: now}
		if d.ID <= 0 || !sameDoc(d, want) {
			t.Fatalf("created %+v\nwant %+v", d, want)
		}
		for _, v := range []int{0, 1} {
			got, err := s.Document(ctx, records.KindList, d.ID, v)
			if err != nil || !sameDoc(got, want) {
				t.Fatalf("Document(version %d) = %+v, %v\nwant %+v", v, got, err, want)
			}
		}
		for _, tc := range []struct {
			kind    string
			id      int64
			version int
		}{
			{records.KindPlan, d.ID, 0}, // another kind
			{records.KindList, d.ID + 1000, 0},
			{records.KindList, d.ID, 2},
			{records.KindList, d.ID, -1},
		} {
			if _, err := s.Document(ctx, tc.kind, tc.id, tc.version); !errors.Is(err, records.ErrNotFound) {
				t.Errorf("Document(%s, %d, %d): %v, want ErrNotFound", tc.kind, tc.id, tc.version, err)
			}
		}
		if _, err := s.History(ctx, records.KindList, d.ID+1000); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("History of nothing: %v", err)
		}

		// A draft may have no period yet; a plan has none.
		if d, err := s.CreateDocument(ctx, police, records.Idempotency{}, records.Document{
			Kind: records.KindList, Commune: communeA, Body: []byte(`{}`)}); err != nil || d.Period != "" {
			t.Errorf("a list without a period: %+v, %v", d, err)
		}
		p, err := s.CreateDocument(ctx, committee, records.Idempotency{}, records.Document{
			Kind: records.KindPlan, Commune: communeB, Province: "12", Body: []byte(`{"name":"` + secretName + `"}`)})
		if err != nil || p.Kind != "plan" || p.Status != "draft" || p.Province != "12" {
			t.Fatalf("plan: %+v, %v", p, err)
		}

		other := otherCommune(t)
		for _, tc := range []struct {
			name    string
			d       records.Document
			pointer string
			code    string
		}{
			{"unknown commune", records.Document{Kind: "list", Commune: "99999", Period: "2025-09"}, "/commune_code", "unknown_commune"},
			{"province of another", records.Document{Kind: "list", Commune: other.Code, Province: "12", Period: "2025-09"}, "/province", "province_mismatch"},
			{"not a month", records.Document{Kind: "list", Commune: communeA, Period: "2025-13"}, "/period", "invalid_period"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				tc.d.Body = []byte(`{}`)
				_, err := s.CreateDocument(ctx, police, records.Idempotency{}, tc.d)
				var pr credit.Problems
				if !errors.As(err, &pr) || len(pr) != 1 || pr[0].Pointer != tc.pointer || pr[0].Code != tc.code {
					t.Fatalf("error %v, want one problem %s at %s", err, tc.code, tc.pointer)
				}
			})
		}
		for _, bad := range []records.Document{
			{Kind: "loan", Commune: communeA, Body: []byte(`{}`)},
			{Kind: "plan", Commune: communeA, Period: "2025-09", Body: []byte(`{}`)},
			{Kind: "list", Commune: communeA, Body: []byte(`not json`)},
			{Kind: "list", Commune: communeA},
		} {
			if _, err := s.CreateDocument(ctx, police, records.Idempotency{}, bad); err == nil {
				t.Errorf("CreateDocument(%+v) succeeded", bad)
			}
		}
		mustVerify(t, s)
	})
}

// sameDoc compares documents, times to the microsecond.
func sameDoc(a, b records.Document) bool {
	return a.ID == b.ID && a.Kind == b.Kind && a.Commune == b.Commune && a.Province == b.Province &&
		a.Period == b.Period && a.Status == b.Status && a.Version == b.Version && bytes.Equal(a.Body, b.Body) &&
		a.CreatedBy == b.CreatedBy && a.SubmittedBy == b.SubmittedBy &&
		a.CreatedAt.Equal(b.CreatedAt.Truncate(time.Microsecond)) && a.UpdatedAt.Equal(b.UpdatedAt.Truncate(time.Microsecond))
}

func TestDocumentsScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		other := otherCommune(t)
		a := newList(t, s, police, communeA, "2025-09")
		b := newList(t, s, police, communeB, "2025-09")
		o := newList(t, s, police, other.Code, "2025-10")
		a2 := newList(t, s, police, communeA, "2025-10")
		move(t, s, police, records.KindList, b.ID, "submit", "")
		p, err := s.CreateDocument(ctx, committee, records.Idempotency{}, records.Document{Kind: "plan", Commune: communeA, Body: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name  string
			kind  string
			scope access.Scope
			f     records.DocumentFilter
			want  []int64
		}{
			{"one commune", "list", access.Scope{Communes: []string{communeA}}, records.DocumentFilter{}, []int64{a.ID, a2.ID}},
			{"two communes", "list", access.Scope{Communes: []string{communeB, communeA}}, records.DocumentFilter{}, []int64{a.ID, b.ID, a2.ID}},
			{"province", "list", access.Scope{Province: "12"}, records.DocumentFilter{}, []int64{a.ID, b.ID, a2.ID}},
			{"other province", "list", access.Scope{Province: other.ProvinceCode}, records.DocumentFilter{}, []int64{o.ID}},
			{"all", "list", access.Scope{All: true}, records.DocumentFilter{}, []int64{a.ID, b.ID, o.ID, a2.ID}},
			{"empty", "list", access.Scope{}, records.DocumentFilter{}, nil},
			{"empty codes", "list", access.Scope{Communes: []string{""}}, records.DocumentFilter{}, nil},
			{"no such commune", "list", access.Scope{Communes: []string{"99999"}}, records.DocumentFilter{}, nil},
			{"period", "list", access.Scope{All: true}, records.DocumentFilter{Period: "2025-10"}, []int64{o.ID, a2.ID}},
			{"commune filter", "list", access.Scope{Province: "12"}, records.DocumentFilter{Commune: communeB}, []int64{b.ID}},
			{"commune filter out of scope", "list", access.Scope{Communes: []string{communeA}}, records.DocumentFilter{Commune: communeB}, nil},
			{"status", "list", access.Scope{All: true}, records.DocumentFilter{Status: "submitted"}, []int64{b.ID}},
			{"all filters", "list", access.Scope{All: true}, records.DocumentFilter{Period: "2025-09", Commune: communeA, Status: "draft"}, []int64{a.ID}},
			{"plans", "plan", access.Scope{Communes: []string{communeA}}, records.DocumentFilter{}, []int64{p.ID}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.Documents(ctx, tc.kind, tc.scope, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if got == nil {
					t.Fatal("nil slice")
				}
				var ids []int64
				for _, d := range got {
					if d.Body != nil {
						t.Errorf("document %d listed with its body", d.ID)
					}
					if d.Kind != tc.kind {
						t.Errorf("document %d of kind %s", d.ID, d.Kind)
					}
					ids = append(ids, d.ID)
				}
				if fmt.Sprint(ids) != fmt.Sprint(tc.want) {
					t.Fatalf("ids %v, want %v", ids, tc.want)
				}
			})
		}
		got, _ := s.Documents(ctx, "list", access.Scope{All: true}, records.DocumentFilter{Status: "submitted"})
		if len(got) != 1 || got[0].SubmittedBy != police.UserID || got[0].Version != 1 || got[0].Province != "12" {
			t.Errorf("listed %+v", got)
		}
	})
}

func TestDocumentEdit(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		d := newList(t, s, police, communeA, "2025-09")
		v1 := d.Body
		c.Set(c.Now().Add(time.Hour))
		v2 := listBody(communeA, "2025-09", "Second")
		d2, err := s.EditDocument(ctx, police2, records.KindList, d.ID, 1, v2)
		if err != nil {
			t.Fatal(err)
		}
		if d2.Version != 2 || d2.Status != "draft" || !bytes.Equal(d2.Body, v2) || !d2.UpdatedAt.Equal(c.Now()) || !d2.CreatedAt.Equal(d.CreatedAt) {
			t.Fatalf("edited: %+v", d2)
		}
		for v, want := range map[int][]byte{0: v2, 1: v1, 2: v2} {
			got, err := s.Document(ctx, records.KindList, d.ID, v)
			if err != nil || !bytes.Equal(got.Body, want) || got.Version != max(v, 2)-boolInt(v == 1) {
				t.Errorf("version %d: %+v, %v", v, got, err)
			}
		}
		if _, err := s.EditDocument(ctx, police, records.KindList, d.ID, 1, v1); !errors.Is(err, records.ErrStale) {
			t.Fatalf("stale edit: %v", err)
		}
		if _, err := s.EditDocument(ctx, police, records.KindList, d.ID, 3, v1); !errors.Is(err, records.ErrStale) {
			t.Fatalf("edit of a future version: %v", err)
		}
		if _, err := s.EditDocument(ctx, police, records.KindPlan, d.ID, 2, v1); !errors.Is(err, records.ErrNotFound) {
			t.Fatalf("edit as a plan: %v", err)
		}
		move(t, s, police, records.KindList, d.ID, "submit", "")
		_, err = s.EditDocument(ctx, police, records.KindList, d.ID, 2, v1)
		wantCode(t, err, workflow.CodeInvalidTransition)
		if !errors.Is(err, workflow.ErrInvalidTransition) {
			t.Fatal("not Is ErrInvalidTransition")
		}
		// Stale is said before not editable: the If-Match is checked first.
		if _, err := s.EditDocument(ctx, police, records.KindList, d.ID, 1, v1); !errors.Is(err, records.ErrStale) {
			t.Fatalf("stale edit of a submitted list: %v", err)
		}
		move(t, s, committee, records.KindList, d.ID, "return", "thiếu ngày sinh")
		d3, err := s.EditDocument(ctx, police, records.KindList, d.ID, 2, v1)
		if err != nil || d3.Version != 3 || d3.Status != "returned" {
			t.Fatalf("edit of a returned list: %+v, %v", d3, err)
		}
		h, err := s.History(ctx, records.KindList, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := stepsString(h); got != "create/draft/1/10 edit/draft/2/11 submit/submitted/2/10 return/returned/2/12 edit/returned/3/10" {
			t.Fatalf("history %s", got)
		}
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func stepsString(h []records.Step) string {
	var b []string
	for _, st := range h {
		b = append(b, st.Transition+"/"+st.Status+"/"+strconv.Itoa(st.Version)+"/"+strconv.FormatInt(st.UserID, 10))
	}
	return strings.Join(b, " ")
}

func TestDocumentTransitions(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		d := newList(t, s, police, communeA, "2025-09")
		id := d.ID
		tick := func() { c.Set(c.Now().Add(time.Minute)) }
		refuse := func(a records.Actor, tr, note, code string) {
			t.Helper()
			_, err := s.TransitionDocument(ctx, a, records.Idempotency{}, records.KindList, id, tr, note, nil)
			wantCode(t, err, code)
		}
		refuse(committee, "certify", "", workflow.CodeInvalidTransition) // from draft
		refuse(police, "certify", "", workflow.CodeForbidden)
		refuse(police, "confirm", "", workflow.CodeForbidden) // a plan's
		refuse(police, "nonsense", "", workflow.CodeForbidden)
		tick()
		d = move(t, s, police, records.KindList, id, "submit", "")
		if d.Status != "submitted" || d.SubmittedBy != police.UserID || d.Version != 1 || !d.UpdatedAt.Equal(c.Now()) || d.Body == nil {
			t.Fatalf("submitted: %+v", d)
		}
		refuse(vbsp, "receive", "", workflow.CodeInvalidTransition)
		refuse(committee, "return", "", workflow.CodeNoteRequired)
		refuse(committee, "return", "  ", workflow.CodeNoteRequired)
		tick()
		d = move(t, s, committee, records.KindList, id, "return", "thiếu "+secretName)
		if d.Status != "returned" {
			t.Fatalf("returned: %+v", d)
		}
		tick()
		d = move(t, s, police2, records.KindList, id, "submit", "")
		if d.SubmittedBy != police2.UserID {
			t.Fatalf("submitter %d", d.SubmittedBy)
		}
		tick()
		d = move(t, s, committee, records.KindList, id, "certify", "")
		if d.Status != "certified" || d.SubmittedBy != police2.UserID {
			t.Fatalf("certified: %+v", d)
		}
		refuse(committee, "return", "x", workflow.CodeInvalidTransition) // the committee returns from submitted only
		tick()
		move(t, s, vbsp, records.KindList, id, "return", "sai số")
		tick()
		move(t, s, police, records.KindList, id, "submit", "")
		tick()
		move(t, s, committee2, records.KindList, id, "certify", "đã kiểm tra")
		tick()
		d = move(t, s, vbsp, records.KindList, id, "receive", "")
		if d.Status != "received" {
			t.Fatalf("received: %+v", d)
		}
		for _, tr := range []string{"submit", "certify", "return", "receive"} {
			for _, a := range []records.Actor{police, committee, vbsp} {
				_, err := s.TransitionDocument(ctx, a, records.Idempotency{}, records.KindList, id, tr, "n", nil)
				var we *workflow.Error
				if !errors.As(err, &we) || (we.Code != workflow.CodeInvalidTransition && we.Code != workflow.CodeForbidden) {
					t.Errorf("%s by %s of a received list: %v", tr, a.Role, err)
				}
			}
		}
		_, err := s.EditDocument(ctx, police, records.KindList, id, 1, []byte(`{}`))
		wantCode(t, err, workflow.CodeInvalidTransition)
		if _, err := s.TransitionDocument(ctx, vbsp, records.Idempotency{}, records.KindList, id+1000, "receive", "", nil); !errors.Is(err, records.ErrNotFound) {
			t.Fatalf("transition of nothing: %v", err)
		}

		h, err := s.History(ctx, records.KindList, id)
		if err != nil {
			t.Fatal(err)
		}
		want := "create/draft/1/10 submit/submitted/1/10 return/returned/1/12 submit/submitted/1/11 certify/certified/1/12 " +
			"return/returned/1/14 submit/submitted/1/10 certify/certified/1/13 receive/received/1/14"
		if got := stepsString(h); got != want {
			t.Fatalf("history\n%s\nwant\n%s", got, want)
		}
		notes := []string{"", "", "thiếu " + secretName, "", "", "sai số", "", "đã kiểm tra", ""}
		for i, st := range h {
			if st.Note != notes[i] {
				t.Errorf("step %d note %q, want %q", i, st.Note, notes[i])
			}
			if i > 0 && !st.At.After(h[i-1].At) {
				t.Errorf("step %d at %v, not after %v", i, st.At, h[i-1].At)
			}
			if st.Role == "" {
				t.Errorf("step %d without a role", i)
			}
		}

		// Plans: maker-checker on confirm.
		p, err := s.CreateDocument(ctx, committee, records.Idempotency{}, records.Document{Kind: "plan", Commune: communeA, Body: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		move(t, s, committee, records.KindPlan, p.ID, "submit", "")
		_, err = s.TransitionDocument(ctx, committee, records.Idempotency{}, records.KindPlan, p.ID, "confirm", "", nil)
		wantCode(t, err, workflow.CodeSamePerson)
		_, err = s.TransitionDocument(ctx, committee2, records.Idempotency{}, records.KindPlan, p.ID, "certify", "", nil)
		wantCode(t, err, workflow.CodeForbidden)
		move(t, s, committee2, records.KindPlan, p.ID, "confirm", "")
		if p = move(t, s, vbsp, records.KindPlan, p.ID, "receive", ""); p.Status != "received" {
			t.Fatalf("plan: %+v", p)
		}
		// The list's transitions under the list's id as a plan: not found.
		if _, err := s.TransitionDocument(ctx, police, records.Idempotency{}, records.KindPlan, id, "submit", "", nil); !errors.Is(err, records.ErrNotFound) {
			t.Fatalf("a list moved as a plan: %v", err)
		}

		// The audit trail: one entry per change, with its action, and
		// nothing of the bodies or notes.
		var actions []string
		for _, en := range allEntries(t, s) {
			if en.Resource == "list" {
				if en.ResourceID != strconv.FormatInt(id, 10) || en.Outcome != records.OutcomeOK {
					t.Errorf("entry %+v", en)
				}
				actions = append(actions, en.Action+"/"+strconv.FormatInt(en.UserID, 10))
			}
		}
		wantActions := "list.create/10 list.submit/10 list.return/12 list.submit/11 list.certify/12 list.return/14 list.submit/10 list.certify/13 list.receive/14"
		if got := strings.Join(actions, " "); got != wantActions {
			t.Fatalf("audit\n%s\nwant\n%s", got, wantActions)
		}
		noSecrets(t, s)
	})
}

// noSecrets fails if any audit entry holds anything of a body or a note.
func noSecrets(t testing.TB, s *store.Store) {
	t.Helper()
	for _, en := range allEntries(t, s) {
		for _, f := range []string{en.Role, en.Action, en.Resource, en.ResourceID, en.Outcome, en.RequestID} {
			for _, secret := range []string{secretName, "Bí Mật", "thiếu", "sai số", "full_name", "{"} {
				if strings.Contains(f, secret) {
					t.Fatalf("audit entry %d holds %q", en.Seq, secret)
				}
			}
		}
	}
	mustVerify(t, s)
}

func TestDocumentIdempotency(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		body := listBody(communeA, "2025-09", secretName)
		doc := records.Document{Kind: "list", Commune: communeA, Period: "2025-09", Body: body}
		k1 := idem(police, "key-1", "POST /v1/lists "+string(body))
		first, err := s.CreateDocument(ctx, police, k1, doc)
		if err != nil {
			t.Fatal(err)
		}
		entries := len(allEntries(t, s))
		c.Set(c.Now().Add(time.Hour))
		again, err := s.CreateDocument(ctx, police, k1, doc)
		if err != nil || !sameDoc(again, first) {
			t.Fatalf("retry: %+v, %v\nwant %+v", again, err, first)
		}
		all, _ := s.Documents(ctx, "list", access.Scope{All: true}, records.DocumentFilter{})
		if len(all) != 1 || len(allEntries(t, s)) != entries {
			t.Fatalf("a retried create made %d documents, %d entries (want 1, %d)", len(all), len(allEntries(t, s)), entries)
		}
		// Another request under the key: refused, nothing made.
		other := doc
		other.Body = listBody(communeA, "2025-09", "Other")
		if _, err := s.CreateDocument(ctx, police, idem(police, "key-1", "POST /v1/lists other"), other); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("key reused: %v", err)
		}
		// The same key of another user is another key.
		theirs, err := s.CreateDocument(ctx, police2, idem(police2, "key-1", "POST /v1/lists "+string(body)), doc)
		if err != nil || theirs.ID == first.ID {
			t.Fatalf("another user's key: %+v, %v", theirs, err)
		}
		// The key's user must be the actor.
		if _, err := s.CreateDocument(ctx, police2, k1, doc); err == nil || errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("someone else's key: %v", err)
		}

		// Edited since: the retry still answers the document as first made.
		if _, err := s.EditDocument(ctx, police, "list", first.ID, 1, []byte(`{"v":2}`)); err != nil {
			t.Fatal(err)
		}
		again, err = s.CreateDocument(ctx, police, k1, doc)
		if err != nil || again.Version != 1 || !bytes.Equal(again.Body, body) || again.ID != first.ID {
			t.Fatalf("retry after an edit: %+v, %v", again, err)
		}

		// Transitions.
		k2 := idem(police, "key-2", "POST /v1/lists/1/submit")
		c.Set(c.Now().Add(time.Hour))
		sub, err := s.TransitionDocument(ctx, police, k2, "list", first.ID, "submit", "", nil)
		if err != nil || sub.Status != "submitted" || sub.Version != 2 {
			t.Fatalf("submit: %+v, %v", sub, err)
		}
		entries = len(allEntries(t, s))
		called := false
		c.Set(c.Now().Add(time.Hour))
		again, err = s.TransitionDocument(ctx, police, k2, "list", first.ID, "submit", "", func(records.Document) error { called = true; return nil })
		if err != nil || !sameDoc(again, sub) || called {
			t.Fatalf("retried submit: %+v, %v (check called: %v)\nwant %+v", again, err, called, sub)
		}
		move(t, s, committee, "list", first.ID, "certify", "")
		again, err = s.TransitionDocument(ctx, police, k2, "list", first.ID, "submit", "", nil)
		if err != nil || again.Status != "submitted" || again.SubmittedBy != police.UserID {
			t.Fatalf("retried submit after a certify: %+v, %v", again, err)
		}
		if _, err := s.TransitionDocument(ctx, police, idem(police, "key-2", "POST /v1/lists/1/return"), "list", first.ID, "return", "x", nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("transition key reused: %v", err)
		}
		if _, err := s.TransitionDocument(ctx, police, idem(police, "key-1", "POST /v1/lists/1/submit"), "list", first.ID, "submit", "", nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a create's key on a transition: %v", err)
		}
		h, _ := s.History(ctx, "list", first.ID)
		if got := stepsString(h); got != "create/draft/1/10 edit/draft/2/10 submit/submitted/2/10 certify/certified/2/12" {
			t.Fatalf("history %s", got)
		}
		if n := len(allEntries(t, s)); n != entries+1 { // the certify
			t.Fatalf("%d entries, want %d", n, entries+1)
		}
		noSecrets(t, s)
	})
}

func TestDocumentCheck(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		d := newList(t, s, police, communeA, "2025-09")
		before := len(allEntries(t, s))
		var seen records.Document
		invalid := credit.Problems{&credit.FieldError{Pointer: "/rows/0/date_of_birth", Code: credit.CodeRequired}}
		_, err := s.TransitionDocument(ctx, police, idem(police, "k", "submit"), "list", d.ID, "submit", "",
			func(cur records.Document) error { seen = cur; return invalid })
		var pr credit.Problems
		if !errors.As(err, &pr) || len(pr) != 1 || pr[0].Pointer != "/rows/0/date_of_birth" {
			t.Fatalf("error %v, want the check's problems", err)
		}
		if !sameDoc(seen, d) {
			t.Fatalf("check saw %+v\nwant %+v", seen, d)
		}
		after, err := s.Document(ctx, "list", d.ID, 0)
		if err != nil || after.Status != "draft" || after.Version != 1 || after.SubmittedBy != 0 {
			t.Fatalf("after a failed check: %+v, %v", after, err)
		}
		h, _ := s.History(ctx, "list", d.ID)
		if len(h) != 1 {
			t.Fatalf("history %s", stepsString(h))
		}
		if _, err := s.Document(ctx, "list", d.ID, 2); !errors.Is(err, records.ErrNotFound) {
			t.Fatalf("a version after a failed check: %v", err)
		}
		if n := len(allEntries(t, s)); n != before {
			t.Fatalf("%d entries after a failed check, want %d", n, before)
		}
		// The key was not spent: the same request, now valid, goes through.
		if got, err := s.TransitionDocument(ctx, police, idem(police, "k", "submit"), "list", d.ID, "submit", "", nil); err != nil || got.Status != "submitted" {
			t.Fatalf("submit after the fix: %+v, %v", got, err)
		}
		// A refused transition never reaches check.
		_, err = s.TransitionDocument(ctx, police, records.Idempotency{}, "list", d.ID, "submit", "",
			func(records.Document) error { t.Error("check called for a refused transition"); return nil })
		wantCode(t, err, workflow.CodeInvalidTransition)
		// A bad note is a problem at /note.
		_, err = s.TransitionDocument(ctx, committee, records.Idempotency{}, "list", d.ID, "return", "a\x00b", nil)
		if !errors.As(err, &pr) || pr[0].Pointer != "/note" {
			t.Fatalf("note with a NUL: %v", err)
		}
		mustVerify(t, s)
	})
}

// Two servers on one database: concurrent requests on one document are
// decided one after the other.
func TestDocumentConcurrency(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s1, dsn, _ := docStore(t, e)
		s2 := open(t, dsn, store.Options{})
		stores := []*store.Store{s1, s2}
		const n = 8
		race := func(fn func(i int) error) []error {
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make([]error, n)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					errs[i] = fn(i)
				}()
			}
			close(start)
			wg.Wait()
			return errs
		}
		for round := range 3 {
			d := newList(t, s1, police, communeA, "2025-09")
			errs := race(func(i int) error {
				_, err := stores[i%2].EditDocument(ctx, police, "list", d.ID, 1, []byte(`{"edit":`+strconv.Itoa(i)+`}`))
				return err
			})
			ok, stale := 0, 0
			for _, err := range errs {
				switch {
				case err == nil:
					ok++
				case errors.Is(err, records.ErrStale):
					stale++
				default:
					t.Fatalf("round %d: %v", round, err)
				}
			}
			if ok != 1 || stale != n-1 {
				t.Fatalf("round %d: %d edits, %d stale; want 1, %d", round, ok, stale, n-1)
			}
			if cur, _ := s2.Document(ctx, "list", d.ID, 0); cur.Version != 2 {
				t.Fatalf("version %d after one edit", cur.Version)
			}

			move(t, s1, police, "list", d.ID, "submit", "")
			move(t, s2, committee, "list", d.ID, "certify", "")
			errs = race(func(i int) error {
				_, err := stores[i%2].TransitionDocument(ctx, vbsp, records.Idempotency{}, "list", d.ID, "receive", "", nil)
				return err
			})
			ok = 0
			for _, err := range errs {
				if err == nil {
					ok++
					continue
				}
				wantCode(t, err, workflow.CodeInvalidTransition)
			}
			if ok != 1 {
				t.Fatalf("round %d: %d receives", round, ok)
			}
			h, _ := s1.History(ctx, "list", d.ID)
			if got := stepsString(h); got != "create/draft/1/10 edit/draft/2/10 submit/submitted/2/10 certify/certified/2/12 receive/received/2/14" {
				t.Fatalf("history %s", got)
			}
		}
		// Concurrent retries of one idempotent create make one document.
		errs := make([]error, n)
		ids := make([]int64, n)
		var wg sync.WaitGroup
		k := idem(police, "burst", "POST /v1/lists burst")
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				d, err := stores[i%2].CreateDocument(ctx, police, k, records.Document{Kind: "list", Commune: communeB, Body: []byte(`{}`)})
				errs[i], ids[i] = err, d.ID
			}()
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil || ids[i] != ids[0] {
				t.Fatalf("burst %d: %d, %v (first %d)", i, ids[i], errs[i], ids[0])
			}
		}
		if got, _ := s1.Documents(ctx, "list", access.Scope{Communes: []string{communeB}}, records.DocumentFilter{}); len(got) != 1 {
			t.Fatalf("%d documents from one idempotent burst", len(got))
		}
		mustVerify(t, s1)
	})
}

// Versions and steps are append-only, and a document's identity is kept,
// even behind the store's back.
func TestDocumentsAppendOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, _ := docStore(t, e)
		d := newList(t, s, police, communeA, "2025-09")
		raw := e.raw(t, dsn)
		id := strconv.FormatInt(d.ID, 10)
		for _, q := range []string{
			`UPDATE document_versions SET body = X'7B7D' WHERE document_id = ` + id,
			`DELETE FROM document_versions WHERE document_id = ` + id,
			`UPDATE document_steps SET note = 'x' WHERE document_id = ` + id,
			`DELETE FROM document_steps WHERE document_id = ` + id,
			`DELETE FROM documents WHERE id = ` + id,
			`UPDATE documents SET commune_code = '03408' WHERE id = ` + id,
			`UPDATE documents SET kind = 'plan' WHERE id = ` + id,
			`UPDATE documents SET version = 0 WHERE id = ` + id,
		} {
			if e.name == "postgres" {
				q = strings.ReplaceAll(q, `X'7B7D'`, `'\x7b7d'::bytea`)
			}
			// Refused by the triggers, not by a CHECK or a typo.
			if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "refused") && !strings.Contains(err.Error(), "identity is kept") {
				t.Errorf("%s: %v, want a trigger's refusal", q, err)
			}
		}
		got, err := s.Document(ctx, "list", d.ID, 0)
		if err != nil || !sameDoc(got, d) {
			t.Fatalf("after the attempts: %+v, %v", got, err)
		}
	})
}

// BenchmarkDocumentRound is one list's round: create, edit, submit,
// certify, receive (five transactions, five audit entries).
func BenchmarkDocumentRound(b *testing.B) {
	eachEngineB(b, func(b *testing.B, e *engine) {
		s := open(b, e.fresh(b), store.Options{})
		body := listBody(communeA, "2025-09", secretName)
		for b.Loop() {
			d := newList(b, s, police, communeA, "2025-09")
			if _, err := s.EditDocument(ctx, police, "list", d.ID, 1, body); err != nil {
				b.Fatal(err)
			}
			move(b, s, police, "list", d.ID, "submit", "")
			move(b, s, committee, "list", d.ID, "certify", "")
			move(b, s, vbsp, "list", d.ID, "receive", "")
		}
	})
}
