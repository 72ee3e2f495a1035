package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// Signing in on the officers' pages (migration 0006): a login and
// passwords for a user, and browser sessions. The store keeps only hashes
// — argon2id of a password, made by the caller; SHA-256 of a session's
// cookie — and audits every change: a password set (users.manage by an
// admin, password.change by its user), a session begun (signin) and ended
// (signout, signout.everywhere). Entries name the user by id, never by
// login.

// Audit actions and resources of signing in, beside access's actions.
const (
	ActionSignIn            = "signin"
	ActionSignOut           = "signout"
	ActionSignOutEverywhere = "signout.everywhere"
	ActionPasswordChange    = "password.change"
	ResourceSession         = "session"
	ResourcePassword        = "password"
)

// Codes of the *records.ConflictError of setting a login.
const (
	CodeLoginTaken = "login_taken" // another user has the login
	CodeLoginFixed = "login_fixed" // the user has another login, set before: logins never change
)

// ValidLogin reports whether login may be a login: 3 to 64 of a-z, 0-9,
// ".", "_" and "-".
func ValidLogin(login string) bool {
	if len(login) < 3 || len(login) > 64 {
		return false
	}
	for i := range len(login) {
		c := login[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '.' && c != '_' && c != '-' {
			return false
		}
	}
	return true
}

// SetPassword gives the user userID the password whose argon2id hash (its
// PHC string, "$argon2id$…") is hash, by a, in one transaction with its
// audit entry (users.manage when a is another user, an admin;
// password.change when a is the user), resource "password", id the
// user's. login is the user's login: set with the first password, and
// never changed after ("" keeps it; another is a *records.ConflictError
// CodeLoginFixed; one another user has, CodeLoginTaken). mustChange asks
// the user to choose their own at their next sign-in. The password is a
// new row: the earlier ones stay, never in force again. records.ErrNotFound
// when there is no such user, and a plain error for a login or hash not
// of their shape, or a first password without a login.
func (s *Store) SetPassword(ctx context.Context, a records.Actor, userID int64, login, hash string, mustChange bool) error {
	switch {
	case login != "" && !ValidLogin(login):
		return errors.New("store: a login is 3 to 64 of a-z, 0-9, '.', '_' and '-'")
	case !strings.HasPrefix(hash, "$argon2id$") || len(hash) > 512:
		return errors.New("store: a password is kept as its argon2id hash (a PHC string)")
	}
	action := string(access.ManageUsers)
	if a.UserID == userID {
		action = ActionPasswordChange
	}
	return s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM users WHERE id = $1`, userID).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return nil, records.ErrNotFound
		} else if err != nil {
			return nil, fmt.Errorf("store: user: %w", err)
		}
		var have string
		err := tx.QueryRowContext(ctx, `SELECT login FROM user_logins WHERE user_id = $1`, userID).Scan(&have)
		switch {
		case errors.Is(err, sql.ErrNoRows) && login == "":
			return nil, errors.New("store: a first password needs a login")
		case errors.Is(err, sql.ErrNoRows):
			if _, err := tx.ExecContext(ctx, `INSERT INTO user_logins (user_id, login) VALUES ($1, $2)`, userID, login); err != nil {
				if s.d.class(err) == errUnique {
					return nil, &records.ConflictError{Code: CodeLoginTaken}
				}
				return nil, fmt.Errorf("store: login: %w", err)
			}
		case err != nil:
			return nil, fmt.Errorf("store: login: %w", err)
		case login != "" && login != have:
			return nil, &records.ConflictError{Code: CodeLoginFixed}
		}
		now := micro(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_passwords (user_id, seq, hash, must_change, set_by, at)
			SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM user_passwords WHERE user_id = $1`,
			userID, hash, s.d.boolArg(mustChange), a.UserID, s.d.timeArg(now)); err != nil {
			return nil, fmt.Errorf("store: password: %w", err)
		}
		e := s.entry(a, access.Action(action), ResourcePassword, strconv.FormatInt(userID, 10))
		e.At = now
		return []records.Entry{e}, nil
	})
}

// Credentials returns the user whose login is login and the hash of the
// password in force (the latest set), and whether it must be changed.
// records.ErrNotFound when no user has that login, or it has no password.
func (s *Store) Credentials(ctx context.Context, login string) (userID int64, hash string, mustChange bool, err error) {
	if !ValidLogin(login) {
		return 0, "", false, records.ErrNotFound
	}
	var must any
	err = s.db.QueryRowContext(ctx, `SELECT l.user_id, p.hash, p.must_change FROM user_logins l
		JOIN user_passwords p ON p.user_id = l.user_id
		WHERE l.login = $1 ORDER BY p.seq DESC LIMIT 1`, login).Scan(&userID, &hash, &must)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, records.ErrNotFound
	}
	if err != nil {
		return 0, "", false, fmt.Errorf("store: credentials: %w", err)
	}
	return userID, hash, truthy(must), nil
}

// Login returns the login of the user ("" when none is set).
func (s *Store) Login(ctx context.Context, userID int64) (string, error) {
	var login string
	err := s.db.QueryRowContext(ctx, `SELECT login FROM user_logins WHERE user_id = $1`, userID).Scan(&login)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("store: login: %w", err)
	}
	return login, nil
}

// truthy reads a boolean column: an integer on SQLite, a bool on
// PostgreSQL.
func truthy(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case int64:
		return b != 0
	}
	return false
}

// StartSession begins a session of the user a.UserID, kept as hash (the
// SHA-256 of its cookie), ending at expiresAt at the latest, with its
// audit entry (signin, resource "session", its id; a.Role, when empty, is
// the user's). It returns the session's id; records.ErrNotFound when
// there is no such user.
func (s *Store) StartSession(ctx context.Context, a records.Actor, hash [32]byte, expiresAt time.Time) (int64, error) {
	if a.UserID <= 0 {
		return 0, errors.New("store: a session is a user's")
	}
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		now := micro(s.now())
		if a.Role == "" { // the user's, for the entry
			if err := tx.QueryRowContext(ctx, `SELECT role FROM users WHERE id = $1`, a.UserID).Scan(&a.Role); errors.Is(err, sql.ErrNoRows) {
				return nil, records.ErrNotFound
			} else if err != nil {
				return nil, fmt.Errorf("store: session: %w", err)
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO sessions (hash, user_id, created_at, expires_at, last_seen_at)
			VALUES ($1, $2, $3, $4, $3) RETURNING id`, hash[:], a.UserID, s.d.timeArg(now), s.d.timeArg(micro(expiresAt))).Scan(&id); err != nil {
			return nil, fmt.Errorf("store: session: %w", err)
		}
		return []records.Entry{s.entryAt(a, ActionSignIn, ResourceSession, id, now)}, nil
	})
	return id, err
}

// Session returns who holds the session kept as hash, and the session:
// records.ErrUnauthenticated when there is none, or it is revoked, past
// its absolute expiry, or unused for longer than idle. A use is written
// (last_seen_at) at most once a minute.
func (s *Store) Session(ctx context.Context, hash [32]byte, idle time.Duration) (access.Principal, records.Session, error) {
	var (
		ses      records.Session
		revoked  *time.Time
		role     string
		province string
		must     any
	)
	err := s.db.QueryRowContext(ctx, `SELECT se.id, se.user_id, se.created_at, se.expires_at, se.last_seen_at, se.revoked_at,
		u.role, u.province, coalesce((SELECT p.must_change FROM user_passwords p WHERE p.user_id = u.id ORDER BY p.seq DESC LIMIT 1), `+
		s.d.falseLiteral+`)
		FROM sessions se JOIN users u ON u.id = se.user_id WHERE se.hash = $1`, hash[:]).
		Scan(&ses.ID, &ses.UserID, timeScan{&ses.CreatedAt}, timeScan{&ses.ExpiresAt}, timeScan{&ses.LastSeenAt},
			nullTimeScan{&revoked}, &role, &province, &must)
	if errors.Is(err, sql.ErrNoRows) {
		return access.Principal{}, records.Session{}, records.ErrUnauthenticated
	}
	if err != nil {
		return access.Principal{}, records.Session{}, fmt.Errorf("store: session: %w", err)
	}
	now := s.now()
	if revoked != nil || !now.Before(ses.ExpiresAt) || now.Sub(ses.LastSeenAt) > idle {
		return access.Principal{}, records.Session{}, records.ErrUnauthenticated
	}
	p, err := s.principal(ctx, ses.UserID, role, province)
	if err != nil {
		return access.Principal{}, records.Session{}, err
	}
	ses.MustChange = truthy(must)
	if now.Sub(ses.LastSeenAt) >= touchEvery {
		if err := s.plainWrite(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND revoked_at IS NULL`,
			s.d.timeArg(micro(now)), ses.ID); err != nil {
			return access.Principal{}, records.Session{}, fmt.Errorf("store: session: %w", err)
		}
		ses.LastSeenAt = micro(now)
	}
	return p, ses, nil
}

// principal is the principal of a user of the role: its communes or its
// province as the role's scope says. records.ErrUnauthenticated for a
// role this version does not know.
func (s *Store) principal(ctx context.Context, userID int64, role, province string) (access.Principal, error) {
	r, ok := access.ParseRole(role)
	if !ok {
		return access.Principal{}, records.ErrUnauthenticated
	}
	p := access.Principal{UserID: userID, Role: r}
	switch r.Scope() {
	case access.ScopeCommunes:
		byUser, err := s.userCommunes(ctx, `WHERE user_id = $1`, userID)
		if err != nil {
			return access.Principal{}, err
		}
		p.Communes = byUser[userID]
	case access.ScopeProvince:
		p.Province = province
	}
	return p, nil
}

// EndSession revokes the session kept as hash (sign-out), by a, with its
// audit entry (signout). A session already ended, or none, changes
// nothing and is not an error.
func (s *Store) EndSession(ctx context.Context, a records.Actor, hash [32]byte) error {
	return s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		now := micro(s.now())
		var id int64
		err := tx.QueryRowContext(ctx, `UPDATE sessions SET revoked_at = $1 WHERE hash = $2 AND revoked_at IS NULL RETURNING id`,
			s.d.timeArg(now), hash[:]).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("store: sign out: %w", err)
		}
		return []records.Entry{s.entryAt(a, ActionSignOut, ResourceSession, id, now)}, nil
	})
}

// EndSessions revokes every session of the user userID (sign-out
// everywhere), by a, with one audit entry (signout.everywhere, resource
// "user", its id). It returns how many it ended.
func (s *Store) EndSessions(ctx context.Context, a records.Actor, userID int64) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) ([]records.Entry, error) {
		now := micro(s.now())
		res, err := tx.ExecContext(ctx, `UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL`,
			s.d.timeArg(now), userID)
		if err != nil {
			return nil, fmt.Errorf("store: sign out everywhere: %w", err)
		}
		if n, err = res.RowsAffected(); err != nil {
			return nil, fmt.Errorf("store: sign out everywhere: %w", err)
		}
		return []records.Entry{s.entryAt(a, ActionSignOutEverywhere, "user", userID, now)}, nil
	})
	return int(n), err
}

// FirstAdmin returns the id of the first admin (the one Bootstrap made);
// records.ErrNotFound when there is none.
func (s *Store) FirstAdmin(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT min(id) FROM users WHERE role = $1`, string(access.Admin)).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: first admin: %w", err)
	}
	if !id.Valid {
		return 0, records.ErrNotFound
	}
	return id.Int64, nil
}
