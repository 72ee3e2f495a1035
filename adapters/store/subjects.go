package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"unicode"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// Signing in through the province's identity provider (migration 0007):
// an admin links a subject of an issuer (the "iss" and "sub" of the
// provider's ID tokens) to a user of the store, and the pages find the
// user of a subject that signed in there. A link is a row set once, never
// changed or removed; a wrong or stale one is ended by a row of its own
// (EndSubject), after which the subject may be linked again. Among the
// links not ended, a subject is one user's and a user has one subject of
// an issuer. Every link and end is audited (users.manage, resource
// "subject" for a link and "subject.end" for an end, id the user's):
// never the subject, which may be personal (a citizen's number, an
// e-mail address).

// Audit resources of the links of subjects.
const (
	ResourceSubject    = "subject"
	ResourceSubjectEnd = "subject.end"
)

// Codes of the *records.ConflictError of LinkSubject.
const (
	CodeSubjectTaken = "subject_taken" // the subject is linked to another user
	CodeSubjectSet   = "subject_set"   // the user is linked to another subject of the issuer: end that first
)

// Bounds of an issuer and a subject (OpenID Connect Core 2: a subject is
// at most 255 ASCII characters).
const (
	maxIssuer  = 512
	maxSubject = 255
)

// validSubject reports whether issuer and subject may be kept: not
// empty, within bounds, printable and without spaces at either end.
func validSubject(issuer, subject string) error {
	for _, f := range [...]struct {
		name, v string
		max     int
	}{{"issuer", issuer, maxIssuer}, {"subject", subject, maxSubject}} {
		if f.v == "" || len(f.v) > f.max {
			return fmt.Errorf("store: an OpenID %s is 1 to %d bytes", f.name, f.max)
		}
		for _, r := range f.v {
			if !unicode.IsPrint(r) || unicode.IsSpace(r) {
				return fmt.Errorf("store: an OpenID %s holds no space or control character", f.name)
			}
		}
	}
	return nil
}

// LinkSubject links the subject of the issuer to the user userID, by a,
// in one transaction with its audit entry (users.manage, resource
// "subject", id the user's; never the subject). Linking a user to the
// subject they are already linked to changes nothing and is not an error.
// records.ErrNotFound when there is no such user; a *records.ConflictError
// CodeSubjectTaken when the subject is linked to another user,
// CodeSubjectSet when the user is linked to another subject of the issuer
// (end it first, EndSubject); a plain error for an issuer or a subject
// not of their shape.
func (s *Store) LinkSubject(ctx context.Context, a records.Actor, userID int64, issuer, subject string) error {
	if err := validSubject(issuer, subject); err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = $1`, userID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return nil, records.ErrNotFound
		} else if err != nil {
			return nil, fmt.Errorf("store: user: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT s.user_id, s.subject FROM user_subjects s
			WHERE s.issuer = $1 AND (s.subject = $2 OR s.user_id = $3)
			AND NOT EXISTS (SELECT 1 FROM user_subject_ends e WHERE e.link_id = s.id)`, issuer, subject, userID)
		if err != nil {
			return nil, fmt.Errorf("store: subject: %w", err)
		}
		var conflict error
		same := false
		for rows.Next() {
			var uid int64
			var sub string
			if err := rows.Scan(&uid, &sub); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: subject: %w", err)
			}
			switch {
			case uid == userID && sub == subject:
				same = true
			case uid != userID:
				conflict = &records.ConflictError{Code: CodeSubjectTaken}
			case conflict == nil:
				conflict = &records.ConflictError{Code: CodeSubjectSet}
			}
		}
		if err := rows.Close(); err != nil {
			return nil, fmt.Errorf("store: subject: %w", err)
		}
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: subject: %w", err)
		}
		switch {
		case conflict != nil:
			return nil, conflict
		case same:
			return nil, nil
		}
		now := micro(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_subjects (issuer, subject, user_id, linked_by, linked_at)
			VALUES ($1, $2, $3, $4, $5)`, issuer, subject, userID, a.UserID, s.d.timeArg(now)); err != nil {
			return nil, fmt.Errorf("store: subject: %w", err)
		}
		e := s.entry(a, access.ManageUsers, ResourceSubject, strconv.FormatInt(userID, 10))
		e.At = now
		return []records.Entry{e}, nil
	})
}

// EndSubject ends the link of the user userID to their subject of the
// issuer (a row of user_subject_ends: the link is kept), by a, with its
// audit entry (users.manage, resource "subject.end", id the user's).
// records.ErrNotFound when the user has no link to the issuer in force.
func (s *Store) EndSubject(ctx context.Context, a records.Actor, userID int64, issuer string) error {
	return s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT s.id FROM user_subjects s WHERE s.user_id = $1 AND s.issuer = $2
			AND NOT EXISTS (SELECT 1 FROM user_subject_ends e WHERE e.link_id = s.id)`, userID, issuer).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, records.ErrNotFound
		}
		if err != nil {
			return nil, fmt.Errorf("store: end subject: %w", err)
		}
		now := micro(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_subject_ends (link_id, ended_by, at) VALUES ($1, $2, $3)`,
			id, a.UserID, s.d.timeArg(now)); err != nil {
			return nil, fmt.Errorf("store: end subject: %w", err)
		}
		e := s.entry(a, access.ManageUsers, ResourceSubjectEnd, strconv.FormatInt(userID, 10))
		e.At = now
		return []records.Entry{e}, nil
	})
}

// UserBySubject returns the user the subject of the issuer is linked to
// (by a link not ended); records.ErrNotFound when none.
func (s *Store) UserBySubject(ctx context.Context, issuer, subject string) (int64, error) {
	if validSubject(issuer, subject) != nil {
		return 0, records.ErrNotFound
	}
	var id int64
	err := s.db.QueryRowContext(ctx, `SELECT s.user_id FROM user_subjects s WHERE s.issuer = $1 AND s.subject = $2
		AND NOT EXISTS (SELECT 1 FROM user_subject_ends e WHERE e.link_id = s.id)`, issuer, subject).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, records.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: user by subject: %w", err)
	}
	return id, nil
}

// Subject returns the subject of the issuer the user userID is linked to
// (by a link not ended); "" when none.
func (s *Store) Subject(ctx context.Context, userID int64, issuer string) (string, error) {
	var sub string
	err := s.db.QueryRowContext(ctx, `SELECT s.subject FROM user_subjects s WHERE s.user_id = $1 AND s.issuer = $2
		AND NOT EXISTS (SELECT 1 FROM user_subject_ends e WHERE e.link_id = s.id)`, userID, issuer).Scan(&sub)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: subject: %w", err)
	}
	return sub, nil
}
