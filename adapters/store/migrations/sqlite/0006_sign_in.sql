-- 0006_sign_in: what the officers' pages need to let people in: a login
-- name and a password for a user, and browser sessions. SQLite; the
-- PostgreSQL twin is migrations/postgres/0006_sign_in.sql.
--
-- A login is set once for a user and never changes. A password is a row
-- of its own each time it is set (by an admin, who may require it to be
-- changed, or by its user): the latest is the one in force; none is ever
-- changed or removed, and each is only its argon2id hash. A session is
-- kept as the SHA-256 of its cookie, never the cookie: it ends at its
-- absolute expiry, after its idle time since last_seen_at, or when
-- revoked (sign-out, sign-out everywhere); only last_seen_at and
-- revoked_at ever change.

CREATE TABLE user_logins (
	user_id INTEGER NOT NULL PRIMARY KEY REFERENCES users (id),
	login   TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 3 AND 64 AND login NOT GLOB '*[^a-z0-9._-]*')
) STRICT;

CREATE TABLE user_passwords (
	user_id     INTEGER NOT NULL REFERENCES users (id),
	seq         INTEGER NOT NULL CHECK (seq >= 1),
	hash        TEXT NOT NULL CHECK (hash GLOB '$argon2id$*'),
	must_change INTEGER NOT NULL CHECK (must_change IN (0, 1)),
	set_by      INTEGER NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (user_id, seq)
) STRICT;

CREATE TABLE sessions (
	id           INTEGER NOT NULL PRIMARY KEY,
	hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
	user_id      INTEGER NOT NULL REFERENCES users (id),
	created_at   TEXT NOT NULL,
	expires_at   TEXT NOT NULL,
	last_seen_at TEXT NOT NULL,
	revoked_at   TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TRIGGER user_logins_no_update BEFORE UPDATE ON user_logins
BEGIN SELECT RAISE(ABORT, 'logins are kept as set: update refused'); END;
CREATE TRIGGER user_logins_no_delete BEFORE DELETE ON user_logins
BEGIN SELECT RAISE(ABORT, 'logins are kept as set: delete refused'); END;
CREATE TRIGGER user_passwords_no_update BEFORE UPDATE ON user_passwords
BEGIN SELECT RAISE(ABORT, 'passwords are append-only: update refused'); END;
CREATE TRIGGER user_passwords_no_delete BEFORE DELETE ON user_passwords
BEGIN SELECT RAISE(ABORT, 'passwords are append-only: delete refused'); END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are kept: delete refused'); END;
CREATE TRIGGER sessions_seen_or_revoked BEFORE UPDATE ON sessions
WHEN NOT (NEW.id IS OLD.id AND NEW.hash IS OLD.hash AND NEW.user_id IS OLD.user_id
  AND NEW.created_at IS OLD.created_at AND NEW.expires_at IS OLD.expires_at
  AND (OLD.revoked_at IS NULL OR NEW.revoked_at IS OLD.revoked_at))
BEGIN SELECT RAISE(ABORT, 'a session changes only its last use and, once, its end'); END;
