package httpapi

import (
	"context"
	"slices"
	"strconv"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// The fake's documents: every version and step kept, transitions decided
// by workflow.Apply under the fake's lock (so that concurrent requests are
// serialised as the store's locked rows serialise them), idempotency keys
// by user and key.

type fakeDoc struct {
	cur      records.Document // the current version, Body included
	versions [][]byte         // the bodies, version-1
	steps    []records.Step
}

type fakeIdemKey struct {
	user int64
	key  string
}

type fakeIdem struct {
	hash    [32]byte
	kind    string
	id      int64
	version int
	status  string
}

func wfKind(kind string) workflow.Kind {
	if kind == records.KindPlan {
		return workflow.Plan
	}
	return workflow.List
}

// replay answers a request whose key was seen: the document as the first
// request left it, or ErrIdempotencyMismatch. ok is false for a new key.
func (f *fakeRecords) replay(idem records.Idempotency) (records.Document, bool, error) {
	if idem.Key == "" {
		return records.Document{}, false, nil
	}
	seen, ok := f.idem[fakeIdemKey{idem.UserID, idem.Key}]
	if !ok {
		return records.Document{}, false, nil
	}
	if seen.hash != idem.RequestHash {
		return records.Document{}, true, records.ErrIdempotencyMismatch
	}
	d := f.docs[seen.kind][seen.id-1]
	out := d.cur
	out.Version, out.Status, out.Body = seen.version, seen.status, d.versions[seen.version-1]
	return out, true, nil
}

func (f *fakeRecords) remember(idem records.Idempotency, d records.Document) {
	if idem.Key == "" {
		return
	}
	if f.idem == nil {
		f.idem = map[fakeIdemKey]fakeIdem{}
	}
	f.idem[fakeIdemKey{idem.UserID, idem.Key}] = fakeIdem{hash: idem.RequestHash, kind: d.Kind, id: d.ID, version: d.Version, status: d.Status}
}

func (f *fakeRecords) CreateDocument(_ context.Context, a records.Actor, idem records.Idempotency, d records.Document) (records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if out, seen, err := f.replay(idem); seen {
		return out, err
	}
	if f.docs == nil {
		f.docs = map[string][]*fakeDoc{}
	}
	now := f.now()
	d.ID = int64(len(f.docs[d.Kind]) + 1)
	d.Version, d.Status, d.CreatedBy, d.SubmittedBy, d.CreatedAt, d.UpdatedAt = 1, string(workflow.Draft), a.UserID, 0, now, now
	d.Body = slices.Clone(d.Body)
	f.docs[d.Kind] = append(f.docs[d.Kind], &fakeDoc{cur: d, versions: [][]byte{d.Body},
		steps: []records.Step{{Transition: "create", Status: d.Status, Version: 1, At: now, UserID: a.UserID, Role: a.Role}}})
	action := access.ListCreate
	if d.Kind == records.KindPlan {
		action = access.PlanCreate
	}
	f.change(a, action, d.Kind, d.ID)
	f.remember(idem, d)
	return d, nil
}

func (f *fakeRecords) doc(kind string, id int64) (*fakeDoc, error) {
	ds := f.docs[kind]
	if id < 1 || id > int64(len(ds)) {
		return nil, records.ErrNotFound
	}
	return ds[id-1], nil
}

func (f *fakeRecords) Document(_ context.Context, kind string, id int64, version int) (records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.doc(kind, id)
	if err != nil {
		return records.Document{}, err
	}
	out := d.cur
	if version != 0 {
		if version < 1 || version > len(d.versions) {
			return records.Document{}, records.ErrNotFound
		}
		out.Version, out.Body = version, d.versions[version-1]
	}
	out.Body = slices.Clone(out.Body)
	return out, nil
}

func (f *fakeRecords) Documents(_ context.Context, kind string, scope access.Scope, flt records.DocumentFilter) ([]records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []records.Document
	if scope.Empty() {
		return out, nil
	}
	for _, d := range f.docs[kind] {
		c := d.cur
		if !scope.Holds(access.Resource{Commune: c.Commune, Province: c.Province}) ||
			flt.Period != "" && c.Period != flt.Period || flt.Commune != "" && c.Commune != flt.Commune ||
			flt.Status != "" && c.Status != flt.Status {
			continue
		}
		c.Body = nil
		out = append(out, c)
	}
	return fakePage(out, flt.Page, func(d records.Document) int64 { return d.ID }), nil
}

// fakePage is the page p of a listing, as the store cuts it: the records
// after p.After, at most p.Limit (when positive).
func fakePage[T any](all []T, p records.Page, id func(T) int64) []T {
	var out []T
	for _, v := range all {
		if id(v) > p.After && (p.Limit <= 0 || len(out) < p.Limit) {
			out = append(out, v)
		}
	}
	return out
}

func (f *fakeRecords) EditDocument(_ context.Context, a records.Actor, kind string, id int64, ifVersion int, body []byte) (records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.doc(kind, id)
	if err != nil {
		return records.Document{}, err
	}
	if d.cur.Version != ifVersion {
		return records.Document{}, records.ErrStale
	}
	if err := workflow.Edit(wfKind(kind), workflow.Status(d.cur.Status)); err != nil {
		return records.Document{}, err
	}
	now := f.now()
	d.cur.Version++
	d.cur.Body, d.cur.UpdatedAt = slices.Clone(body), now
	d.versions = append(d.versions, d.cur.Body)
	d.steps = append(d.steps, records.Step{Transition: "edit", Status: d.cur.Status, Version: d.cur.Version, At: now, UserID: a.UserID, Role: a.Role})
	action := access.ListEdit
	if kind == records.KindPlan {
		action = access.PlanEdit
	}
	f.change(a, action, kind, id)
	return d.cur, nil
}

func (f *fakeRecords) TransitionDocument(_ context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, t string, note string, check func(records.Document) error) (records.Document, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if out, seen, err := f.replay(idem); seen {
		return out, err
	}
	d, err := f.doc(kind, id)
	if err != nil {
		return records.Document{}, err
	}
	k := wfKind(kind)
	to, err := workflow.Apply(k, workflow.Status(d.cur.Status), workflow.Transition(t),
		workflow.Actor{UserID: a.UserID, Role: access.Role(a.Role)}, d.cur.SubmittedBy, note)
	if err != nil {
		return records.Document{}, err
	}
	if check != nil {
		if err := check(d.cur); err != nil {
			return records.Document{}, err
		}
	}
	now := f.now()
	d.cur.Status, d.cur.UpdatedAt = string(to), now
	if workflow.Transition(t) == workflow.Submit {
		d.cur.SubmittedBy = a.UserID
	}
	d.steps = append(d.steps, records.Step{Transition: t, Status: d.cur.Status, Version: d.cur.Version, At: now, UserID: a.UserID, Role: a.Role, Note: note})
	f.change(a, k.Action(workflow.Transition(t)), kind, id)
	f.remember(idem, d.cur)
	return d.cur, nil
}

func (f *fakeRecords) History(_ context.Context, kind string, id int64) ([]records.Step, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, err := f.doc(kind, id)
	if err != nil {
		return nil, err
	}
	return slices.Clone(d.steps), nil
}

// docID formats an id for a path.
func docID(id int64) string { return strconv.FormatInt(id, 10) }
