-- 0001_init: the commune catalogue, users, tokens and the audit trail.
-- SQLite. Times are TEXT in UTC, "2006-01-02T15:04:05.000000Z"; days are
-- TEXT "2006-01-02". The PostgreSQL twin is migrations/postgres/0001_init.sql.

CREATE TABLE communes (
	code          TEXT NOT NULL PRIMARY KEY CHECK (length(code) = 5 AND code NOT GLOB '*[^0-9]*'),
	name          TEXT NOT NULL,
	province_code TEXT NOT NULL CHECK (length(province_code) = 2 AND province_code NOT GLOB '*[^0-9]*')
) STRICT;

-- catalogue.version grows by one with every replacement of the communes, so
-- that each process sharing the database sees when its cached copy is old.
CREATE TABLE catalogue (
	id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
	version INTEGER NOT NULL
) STRICT;
INSERT INTO catalogue (id, version) VALUES (1, 0);

CREATE TABLE users (
	id         INTEGER NOT NULL PRIMARY KEY,
	name       TEXT NOT NULL,
	role       TEXT NOT NULL CHECK (role IN ('admin', 'commune_police', 'commune_committee',
	           'vbsp_officer', 'provincial_police', 'province_viewer', 'auditor')),
	province   TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
) STRICT;

CREATE TABLE user_communes (
	user_id      INTEGER NOT NULL REFERENCES users (id),
	commune_code TEXT NOT NULL REFERENCES communes (code),
	PRIMARY KEY (user_id, commune_code)
) STRICT;
CREATE INDEX user_communes_commune ON user_communes (commune_code);

-- A token is kept only as the SHA-256 of the string shown once.
CREATE TABLE tokens (
	id           INTEGER NOT NULL PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id),
	hash         BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
	expires_on   TEXT,
	created_at   TEXT NOT NULL,
	revoked_at   TEXT,
	last_used_at TEXT
) STRICT;
CREATE INDEX tokens_user ON tokens (user_id);

-- The audit trail: append-only, hash-chained (records.HashEntry).
CREATE TABLE audit (
	seq         INTEGER NOT NULL PRIMARY KEY CHECK (seq > 0),
	at          TEXT NOT NULL,
	user_id     INTEGER NOT NULL,
	role        TEXT NOT NULL,
	action      TEXT NOT NULL,
	resource    TEXT NOT NULL,
	resource_id TEXT NOT NULL,
	outcome     TEXT NOT NULL,
	request_id  TEXT NOT NULL,
	prev_hash   BLOB NOT NULL,
	hash        BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

-- The head of the chain: one row, read and rewritten inside every
-- transaction that appends (SQLite's immediate transactions serialise the
-- writers), so that two writers never chain onto the same entry.
CREATE TABLE audit_head (
	id   INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
	seq  INTEGER NOT NULL,
	hash BLOB NOT NULL
) STRICT;
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, X'');

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: update refused'); END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are append-only: delete refused'); END;

-- Defence in depth; the head lock is what keeps the chain whole.
CREATE TRIGGER audit_in_order BEFORE INSERT ON audit
WHEN NEW.seq <> 1 + coalesce((SELECT max(seq) FROM audit), 0)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit WHERE seq = NEW.seq - 1), X'')
BEGIN SELECT RAISE(ABORT, 'audit entries are appended in order, each after the newest'); END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN SELECT RAISE(ABORT, 'the audit head is kept'); END;

CREATE TRIGGER audit_head_newest BEFORE UPDATE ON audit_head
WHEN NEW.id <> 1
  OR NEW.hash IS NOT (SELECT hash FROM audit WHERE seq = NEW.seq)
  OR EXISTS (SELECT 1 FROM audit WHERE seq > NEW.seq)
BEGIN SELECT RAISE(ABORT, 'the audit head must name the newest entry'); END;
