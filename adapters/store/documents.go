package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// The transitions of a document's history that are not workflow
// transitions.
const (
	StepCreate = "create"
	StepEdit   = "edit"
)

// maxNoteBytes bounds the note of a transition.
const maxNoteBytes = 4000

// maxIdempotencyKey bounds an Idempotency-Key, in bytes.
const maxIdempotencyKey = 255

var (
	msgDocUnknownCommune = credit.Text{
		VI: "Mã xã không có trong danh mục xã.",
		EN: "The commune code is not in the commune catalogue.",
	}
	msgDocProvinceMismatch = credit.Text{
		VI: "Tỉnh không phải tỉnh của xã.",
		EN: "The province is not the commune's province.",
	}
	msgNoteText = credit.Text{
		VI: "Ghi chú chứa ký tự không hợp lệ.",
		EN: "The note holds characters that are not allowed.",
	}
	msgNoteLong = credit.Text{
		VI: "Ghi chú dài quá " + strconv.Itoa(maxNoteBytes) + " byte.",
		EN: "The note is longer than " + strconv.Itoa(maxNoteBytes) + " bytes.",
	}
	msgDocPeriod = credit.Text{
		VI: "Kỳ phải là một tháng có thật, dạng YYYY-MM.",
		EN: "The period must be a real month, YYYY-MM.",
	}
)

// docKind returns the workflow's Kind of a records kind.
func docKind(kind string) (workflow.Kind, error) {
	switch kind {
	case records.KindList:
		return workflow.List, nil
	case records.KindPlan:
		return workflow.Plan, nil
	}
	return 0, fmt.Errorf("store: %q is not a kind of document", kind)
}

// createAction and editAction are the access actions of making and editing
// a document of the kind.
func createAction(k workflow.Kind) access.Action {
	if k == workflow.Plan {
		return access.PlanCreate
	}
	return access.ListCreate
}

func editAction(k workflow.Kind) access.Action {
	if k == workflow.Plan {
		return access.PlanEdit
	}
	return access.ListEdit
}

// validPeriod reports whether p is a real month YYYY-MM.
func validPeriod(p string) bool {
	if len(p) != 7 || p[4] != '-' {
		return false
	}
	y, err1 := strconv.Atoi(p[:4])
	m, err2 := strconv.Atoi(p[5:])
	return err1 == nil && err2 == nil && y >= 1000 && m >= 1 && m <= 12 && p[0] != '+' && p[5] != '+'
}

// checkBody refuses a body that is not JSON: the adapter hands the store
// the form it decoded, so anything else is misuse.
func checkBody(body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 || !json.Valid(body) {
		return errors.New("store: a document's body must be JSON")
	}
	return nil
}

func checkIdem(idem records.Idempotency, a records.Actor) error {
	if idem.Key == "" {
		return nil
	}
	if len(idem.Key) > maxIdempotencyKey || !credit.ValidText(idem.Key) {
		return errors.New("store: an idempotency key must be short valid text")
	}
	if idem.UserID != a.UserID {
		return errors.New("store: an idempotency key's user is not the actor")
	}
	return nil
}

// idemHit is what an idempotency key recorded.
type idemHit struct {
	id          int64
	version     int
	status      string
	submittedBy int64
	at          time.Time
}

// idemLookup reads the key's record in tx: found is false when the key is
// new; records.ErrIdempotencyMismatch when it was used for another request.
func (s *Store) idemLookup(ctx context.Context, tx *sql.Tx, idem records.Idempotency) (h idemHit, found bool, err error) {
	if idem.Key == "" {
		return idemHit{}, false, nil
	}
	var hash []byte
	err = tx.QueryRowContext(ctx, `SELECT request_hash, document_id, version, status, submitted_by, at
		FROM document_idempotency WHERE user_id = $1 AND key = $2`, idem.UserID, idem.Key).
		Scan(&hash, &h.id, &h.version, &h.status, &h.submittedBy, timeScan{&h.at})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		for _, table := range [...]string{"record_idempotency", "completion_idempotency"} {
			if err := s.keyUsedBy(ctx, tx, table, idem); err != nil {
				return idemHit{}, false, err
			}
		}
		return idemHit{}, false, nil
	case err != nil:
		return idemHit{}, false, fmt.Errorf("store: idempotency key: %w", err)
	case !bytes.Equal(hash, idem.RequestHash[:]):
		return idemHit{}, false, records.ErrIdempotencyMismatch
	}
	return h, true, nil
}

// idemRecord records the key with the document as the request left it.
func (s *Store) idemRecord(ctx context.Context, tx *sql.Tx, idem records.Idempotency, d *records.Document) error {
	if idem.Key == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO document_idempotency
		(user_id, key, request_hash, document_id, version, status, submitted_by, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		idem.UserID, idem.Key, idem.RequestHash[:], d.ID, d.Version, d.Status, d.SubmittedBy, s.d.timeArg(d.UpdatedAt))
	if err != nil {
		return fmt.Errorf("store: idempotency key: %w", err)
	}
	return nil
}

// replay is the document as the request that recorded h left it: its
// version then (body included), status, submitter and time.
func (s *Store) replay(ctx context.Context, q docQuerier, kind string, h idemHit) (records.Document, error) {
	d, err := s.readDocument(ctx, q, kind, h.id, h.version, false)
	if errors.Is(err, records.ErrNotFound) { // the key made a document of another kind
		return records.Document{}, records.ErrIdempotencyMismatch
	}
	if err != nil {
		return records.Document{}, err
	}
	d.Status, d.SubmittedBy, d.UpdatedAt = h.status, h.submittedBy, h.at
	return d, nil
}

type docQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// docColumns are the columns of a document's current-pointer row, in the
// order scanDoc reads.
const docColumns = `id, kind, commune_code, province_code, period, status, version, created_by, submitted_by, created_at, updated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanDoc(r rowScanner, d *records.Document) error {
	return r.Scan(&d.ID, &d.Kind, &d.Commune, &d.Province, &d.Period, &d.Status, &d.Version,
		&d.CreatedBy, &d.SubmittedBy, timeScan{&d.CreatedAt}, timeScan{&d.UpdatedAt})
}

// readDocument reads the document's current-pointer row (locked until the
// end of the transaction when lock is set, on PostgreSQL) and the body of
// version (0: the current one).
func (s *Store) readDocument(ctx context.Context, q docQuerier, kind string, id int64, version int, lock bool) (records.Document, error) {
	var d records.Document
	forUpdate := ""
	if lock {
		forUpdate = s.d.forUpdate
	}
	err := scanDoc(q.QueryRowContext(ctx, `SELECT `+docColumns+` FROM documents WHERE id = $1 AND kind = $2`+forUpdate, id, kind), &d)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Document{}, records.ErrNotFound
	}
	if err != nil {
		return records.Document{}, fmt.Errorf("store: document: %w", err)
	}
	if version == 0 {
		version = d.Version
	}
	if version < 0 || version > d.Version {
		return records.Document{}, records.ErrNotFound
	}
	err = q.QueryRowContext(ctx, `SELECT body FROM document_versions WHERE document_id = $1 AND version = $2`, id, version).Scan(&d.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return records.Document{}, fmt.Errorf("store: document %d has no version %d", id, version)
	}
	if err != nil {
		return records.Document{}, fmt.Errorf("store: document version: %w", err)
	}
	if d.Body == nil {
		d.Body = []byte{}
	}
	d.Version = version
	return d, nil
}

// addStep appends a step to the document's history.
func (s *Store) addStep(ctx context.Context, tx *sql.Tx, id int64, st records.Step) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO document_steps (document_id, seq, transition, status, version, at, user_id, role, note)
		SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM document_steps WHERE document_id = $1`,
		id, st.Transition, st.Status, st.Version, s.d.timeArg(st.At), st.UserID, st.Role, st.Note)
	if err != nil {
		return fmt.Errorf("store: document step: %w", err)
	}
	return nil
}

func (s *Store) addVersion(ctx context.Context, tx *sql.Tx, id int64, version int, body []byte, at time.Time, user int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO document_versions (document_id, version, body, created_at, user_id) VALUES ($1, $2, $3, $4, $5)`,
		id, version, body, s.d.timeArg(at), user)
	if err != nil {
		return fmt.Errorf("store: document version: %w", err)
	}
	return nil
}

// CreateDocument stores a new draft of d.Kind (records.KindList or
// KindPlan) for d.Commune, with d.Period (a list's month YYYY-MM, or "" in
// a draft that has none yet; always "" for a plan) and d.Body (the form as
// JSON). The store sets the rest: ID, Status draft, Version 1, CreatedBy
// (a.UserID), the times, and Province (the commune's, from the stored
// catalogue, when d.Province is empty). The commune must be in the stored
// catalogue and d.Province, when given, its province: credit.Problems
// (422) at /commune_code (forms.CodeUnknownCommune), /province
// (forms.CodeProvinceMismatch) or /period (forms.CodeInvalidPeriod)
// otherwise. Whether the actor may make it there is the caller's to
// decide (access), before.
//
// The document, its first version, its creation step and its audit entry
// (action list.create or plan.create, resource the kind, id the new
// document's) commit together. With idem.Key set, a second call with the
// same key and user and the same RequestHash returns the document as the
// first call made it and changes nothing; another RequestHash is
// records.ErrIdempotencyMismatch.
func (s *Store) CreateDocument(ctx context.Context, a records.Actor, idem records.Idempotency, d records.Document) (records.Document, error) {
	k, err := docKind(d.Kind)
	if err != nil {
		return records.Document{}, err
	}
	if err := checkBody(d.Body); err != nil {
		return records.Document{}, err
	}
	if err := checkIdem(idem, a); err != nil {
		return records.Document{}, err
	}
	if k == workflow.Plan && d.Period != "" {
		return records.Document{}, errors.New("store: a plan has no period")
	}
	if a.UserID <= 0 {
		return records.Document{}, errors.New("store: a document is made by a user")
	}
	var pr credit.Problems
	if d.Period != "" && !validPeriod(d.Period) {
		pr.Add("/period", forms.CodeInvalidPeriod, msgDocPeriod, nil)
	}
	var out records.Document
	err = s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		out = records.Document{}
		h, found, err := s.idemLookup(ctx, tx, idem)
		if err != nil {
			return nil, err
		}
		if found {
			out, err = s.replay(ctx, tx, d.Kind, h)
			return nil, err
		}
		pr := append(credit.Problems(nil), pr...)
		var province string
		err = tx.QueryRowContext(ctx, `SELECT province_code FROM communes WHERE code = $1`, d.Commune).Scan(&province)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			pr.Add("/commune_code", forms.CodeUnknownCommune, msgDocUnknownCommune, nil)
		case err != nil:
			return nil, fmt.Errorf("store: communes: %w", err)
		case d.Province != "" && d.Province != province:
			pr.Add("/province", forms.CodeProvinceMismatch, msgDocProvinceMismatch, nil)
		}
		if len(pr) > 0 {
			return nil, pr
		}
		now := micro(s.now())
		out = records.Document{
			Kind: d.Kind, Commune: d.Commune, Province: province, Period: d.Period,
			Status: string(workflow.Draft), Version: 1, Body: d.Body,
			CreatedBy: a.UserID, CreatedAt: now, UpdatedAt: now,
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO documents
			(kind, commune_code, province_code, period, status, version, created_by, submitted_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, 1, $6, 0, $7, $7) RETURNING id`,
			out.Kind, out.Commune, out.Province, out.Period, out.Status, out.CreatedBy, s.d.timeArg(now)).Scan(&out.ID); err != nil {
			return nil, fmt.Errorf("store: create document: %w", err)
		}
		if err := s.addVersion(ctx, tx, out.ID, 1, out.Body, now, a.UserID); err != nil {
			return nil, err
		}
		if err := s.addStep(ctx, tx, out.ID, records.Step{Transition: StepCreate, Status: out.Status, Version: 1,
			At: now, UserID: a.UserID, Role: a.Role}); err != nil {
			return nil, err
		}
		if err := s.idemRecord(ctx, tx, idem, &out); err != nil {
			return nil, err
		}
		return []records.Entry{s.entryAt(a, createAction(k), d.Kind, out.ID, now)}, nil
	})
	if err != nil {
		return records.Document{}, err
	}
	out.Body = bytes.Clone(out.Body)
	return out, nil
}

// entryAt is the audit entry of a change to a document at a time.
func (s *Store) entryAt(a records.Actor, action access.Action, kind string, id int64, at time.Time) records.Entry {
	e := s.entry(a, action, kind, strconv.FormatInt(id, 10))
	e.At = at
	return e
}

// Document returns the document of the kind with the id: its current
// version (version 0) or the one given, with that version's Body and
// Version; the other fields (Status, SubmittedBy, UpdatedAt) are always
// the document's current ones. records.ErrNotFound when there is no such
// document of that kind, or no such version. Whether the caller may see it
// is the caller's to decide (access, on Commune and Province).
func (s *Store) Document(ctx context.Context, kind string, id int64, version int) (records.Document, error) {
	if _, err := docKind(kind); err != nil {
		return records.Document{}, err
	}
	// No transaction: a version, once written, never changes, and the
	// current-pointer row names only versions already committed.
	return s.readDocument(ctx, s.db, kind, id, version, false)
}

// MaxDocuments is the most documents Documents returns.
const MaxDocuments = 10000

// Documents returns the current versions, without Body, of the documents
// of the kind in scope that match f (zero fields do not filter), by id: the
// page f.Page, at most MaxDocuments of them. An Empty scope returns none. The slice is
// never nil.
func (s *Store) Documents(ctx context.Context, kind string, scope access.Scope, f records.DocumentFilter) ([]records.Document, error) {
	if _, err := docKind(kind); err != nil {
		return nil, err
	}
	out := []records.Document{}
	if scope.Empty() {
		return out, nil
	}
	where, args := docWhere(kind, scope, f)
	if f.After > 0 {
		args = append(args, f.After)
		where += " AND d.id > $" + strconv.Itoa(len(args))
	}
	return collect(ctx, s.db, "documents", `SELECT `+docColumnsD+` FROM documents d WHERE `+where+
		` ORDER BY d.id LIMIT `+strconv.Itoa(f.Size(MaxDocuments)), args, scanDoc)
}

// EditDocument replaces the body of the document of the kind with the id,
// whose current version must be ifVersion: records.ErrStale (412) when it
// is not, checked first; a *workflow.Error invalid_transition (409) when
// its status is neither draft nor returned (workflow.Edit);
// records.ErrNotFound when there is no such document. Otherwise it makes a
// new version (the old ones stay readable) in the same status, with its
// step (transition "edit") and audit entry (list.edit or plan.edit), and
// returns the document after it. Commune, Province and Period stay as
// made.
func (s *Store) EditDocument(ctx context.Context, a records.Actor, kind string, id int64, ifVersion int, body []byte) (records.Document, error) {
	k, err := docKind(kind)
	if err != nil {
		return records.Document{}, err
	}
	if err := checkBody(body); err != nil {
		return records.Document{}, err
	}
	var out records.Document
	err = s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		d, err := s.readDocument(ctx, tx, kind, id, 0, true)
		if err != nil {
			return nil, err
		}
		if d.Version != ifVersion {
			return nil, records.ErrStale
		}
		if err := workflow.Edit(k, workflow.Status(d.Status)); err != nil {
			return nil, err
		}
		now := micro(s.now())
		d.Version++
		d.Body = body
		d.UpdatedAt = now
		res, err := tx.ExecContext(ctx, `UPDATE documents SET version = $1, updated_at = $2 WHERE id = $3 AND version = $4`,
			d.Version, s.d.timeArg(now), id, ifVersion)
		if err != nil {
			return nil, fmt.Errorf("store: edit document: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			// The row is locked (or the database is): unreachable but for
			// a writer that bypasses the store.
			return nil, records.ErrStale
		}
		if err := s.addVersion(ctx, tx, id, d.Version, body, now, a.UserID); err != nil {
			return nil, err
		}
		if err := s.addStep(ctx, tx, id, records.Step{Transition: StepEdit, Status: d.Status, Version: d.Version,
			At: now, UserID: a.UserID, Role: a.Role}); err != nil {
			return nil, err
		}
		out = d
		return []records.Entry{s.entryAt(a, editAction(k), kind, id, now)}, nil
	})
	if err != nil {
		return records.Document{}, err
	}
	out.Body = bytes.Clone(out.Body)
	return out, nil
}

// TransitionDocument moves the document of the kind with the id by the
// transition t (a workflow.Transition: "submit", "certify", …), as
// workflow.Apply decides for the actor (a.Role as an access.Role) from the
// document's status, with the user of its last submit and the note: a
// *workflow.Error (forbidden, invalid_transition, same_person,
// note_required) when it refuses; records.ErrNotFound when there is no such
// document. The document's row is locked while it is decided (SELECT … FOR
// UPDATE on PostgreSQL; SQLite's immediate transactions serialise), so two
// concurrent transitions are decided one after the other.
//
// check, when not nil, runs inside the transaction on the current document
// (with its body) once Apply has allowed the transition and before
// anything is written: its error is returned as it is, and nothing is
// written. It may run more than once (a transaction tried again after a
// lock), and must not use the Store.
//
// The status, the submitter (on submit), the step (with the note) and the
// audit entry (the kind's access action for t, resource the kind, id the
// document's; never the note) commit together. The version does not
// change. Idempotency as for CreateDocument: the same key and hash again
// return the document as the first call left it, and nothing is done
// again.
func (s *Store) TransitionDocument(ctx context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, t string, note string, check func(records.Document) error) (records.Document, error) {
	return s.transition(ctx, a, idem, kind, id, t, note, check, nil)
}

// transition is TransitionDocument with after, when not nil, run inside
// the transaction once the document's row is moved, on the document as
// the transition leaves it: its error aborts everything.
func (s *Store) transition(ctx context.Context, a records.Actor, idem records.Idempotency, kind string, id int64, t string, note string,
	check func(records.Document) error, after func(tx *sql.Tx, d records.Document, now time.Time) error) (records.Document, error) {
	k, err := docKind(kind)
	if err != nil {
		return records.Document{}, err
	}
	if err := checkIdem(idem, a); err != nil {
		return records.Document{}, err
	}
	switch {
	case !credit.ValidText(note):
		return records.Document{}, credit.Problems{&credit.FieldError{Pointer: "/note", Code: credit.CodeInvalidText, Message: msgNoteText}}
	case len(note) > maxNoteBytes:
		return records.Document{}, credit.Problems{&credit.FieldError{Pointer: "/note", Code: credit.CodeOutOfRange, Message: msgNoteLong}}
	}
	tr := workflow.Transition(t)
	var out records.Document
	err = s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		out = records.Document{}
		h, found, err := s.idemLookup(ctx, tx, idem)
		if err != nil {
			return nil, err
		}
		if found {
			if h.id != id {
				return nil, records.ErrIdempotencyMismatch
			}
			out, err = s.replay(ctx, tx, kind, h)
			return nil, err
		}
		d, err := s.readDocument(ctx, tx, kind, id, 0, true)
		if err != nil {
			return nil, err
		}
		to, err := workflow.Apply(k, workflow.Status(d.Status), tr, workflow.Actor{UserID: a.UserID, Role: access.Role(a.Role)}, d.SubmittedBy, note)
		if err != nil {
			return nil, err
		}
		if check != nil {
			if err := check(d); err != nil {
				return nil, err
			}
		}
		now := micro(s.now())
		from := d.Status
		d.Status = string(to)
		d.UpdatedAt = now
		if tr == workflow.Submit {
			d.SubmittedBy = a.UserID
		}
		res, err := tx.ExecContext(ctx, `UPDATE documents SET status = $1, submitted_by = $2, updated_at = $3 WHERE id = $4 AND status = $5`,
			d.Status, d.SubmittedBy, s.d.timeArg(now), id, from)
		if err != nil {
			return nil, fmt.Errorf("store: transition document: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return nil, fmt.Errorf("store: transition document: the document moved under its lock")
		}
		if after != nil {
			if err := after(tx, d, now); err != nil {
				return nil, err
			}
		}
		if err := s.addStep(ctx, tx, id, records.Step{Transition: t, Status: d.Status, Version: d.Version,
			At: now, UserID: a.UserID, Role: a.Role, Note: note}); err != nil {
			return nil, err
		}
		if err := s.idemRecord(ctx, tx, idem, &d); err != nil {
			return nil, err
		}
		out = d
		return []records.Entry{s.entryAt(a, k.Action(tr), kind, id, now)}, nil
	})
	if err != nil {
		return records.Document{}, err
	}
	out.Body = bytes.Clone(out.Body)
	return out, nil
}

// History returns the steps of the document of the kind with the id, in
// order: its creation, each edit and each transition.
// records.ErrNotFound when there is no such document.
func (s *Store) History(ctx context.Context, kind string, id int64) ([]records.Step, error) {
	if _, err := docKind(kind); err != nil {
		return nil, err
	}
	var one int
	err := s.db.QueryRowContext(ctx, `SELECT 1 FROM documents WHERE id = $1 AND kind = $2`, id, kind).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, records.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT transition, status, version, at, user_id, role, note
		FROM document_steps WHERE document_id = $1 ORDER BY seq`, id)
	if err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	defer rows.Close()
	out := []records.Step{}
	for rows.Next() {
		var st records.Step
		if err := rows.Scan(&st.Transition, &st.Status, &st.Version, timeScan{&st.At}, &st.UserID, &st.Role, &st.Note); err != nil {
			return nil, fmt.Errorf("store: history: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: history: %w", err)
	}
	return out, nil
}
