-- 0002_documents: the Mẫu 01 lists and Mẫu 02 plans of the monthly round,
-- their versions, their steps, and the idempotency keys of the requests
-- that made or moved them. SQLite; the PostgreSQL twin is
-- migrations/postgres/0002_documents.sql.
--
-- Nothing is updated in place but a document's current-pointer row
-- (status, version, submitted_by, updated_at): every version of the body
-- and every step is a row of its own, and triggers refuse to change or
-- delete them. The body is the form as JSON, byte for byte as the API took
-- it; it holds personal data, and no other table (the audit trail least of
-- all) copies any of it.

-- The commune and its province are kept as they were when the document was
-- made (no reference to communes: a catalogue replaced later neither
-- changes nor blocks what was filed).
CREATE TABLE documents (
	id            INTEGER NOT NULL PRIMARY KEY,
	kind          TEXT NOT NULL CHECK (kind IN ('list', 'plan')),
	commune_code  TEXT NOT NULL CHECK (length(commune_code) = 5 AND commune_code NOT GLOB '*[^0-9]*'),
	province_code TEXT NOT NULL CHECK (length(province_code) = 2 AND province_code NOT GLOB '*[^0-9]*'),
	period        TEXT NOT NULL CHECK (period = '' OR (kind = 'list' AND period GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]')),
	status        TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'received')
	              OR (kind = 'list' AND status = 'certified') OR (kind = 'plan' AND status = 'confirmed')),
	version       INTEGER NOT NULL CHECK (version >= 1),
	created_by    INTEGER NOT NULL,
	submitted_by  INTEGER NOT NULL DEFAULT 0,
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX documents_commune ON documents (kind, commune_code, id);
CREATE INDEX documents_province ON documents (kind, province_code, id);
CREATE INDEX documents_period ON documents (kind, period, id);

CREATE TABLE document_versions (
	document_id INTEGER NOT NULL REFERENCES documents (id),
	version     INTEGER NOT NULL CHECK (version >= 1),
	body        BLOB NOT NULL,
	created_at  TEXT NOT NULL,
	user_id     INTEGER NOT NULL,
	PRIMARY KEY (document_id, version)
) STRICT;

-- seq counts a document's steps from 1: its creation, each edit, each
-- transition.
CREATE TABLE document_steps (
	document_id INTEGER NOT NULL REFERENCES documents (id),
	seq         INTEGER NOT NULL CHECK (seq >= 1),
	transition  TEXT NOT NULL,
	status      TEXT NOT NULL,
	version     INTEGER NOT NULL,
	at          TEXT NOT NULL,
	user_id     INTEGER NOT NULL,
	role        TEXT NOT NULL,
	note        TEXT NOT NULL,
	PRIMARY KEY (document_id, seq)
) STRICT;

-- A creating or acting request named by its Idempotency-Key: the hash of
-- what was asked, and the document as the request left it (id, version,
-- status, submitted_by, at), to answer a retry without doing it again.
CREATE TABLE document_idempotency (
	user_id      INTEGER NOT NULL,
	key          TEXT NOT NULL,
	request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
	document_id  INTEGER NOT NULL REFERENCES documents (id),
	version      INTEGER NOT NULL,
	status       TEXT NOT NULL,
	submitted_by INTEGER NOT NULL,
	at           TEXT NOT NULL,
	PRIMARY KEY (user_id, key)
) STRICT;

CREATE TRIGGER document_versions_no_update BEFORE UPDATE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are append-only: update refused'); END;
CREATE TRIGGER document_versions_no_delete BEFORE DELETE ON document_versions
BEGIN SELECT RAISE(ABORT, 'document versions are append-only: delete refused'); END;
CREATE TRIGGER document_steps_no_update BEFORE UPDATE ON document_steps
BEGIN SELECT RAISE(ABORT, 'document steps are append-only: update refused'); END;
CREATE TRIGGER document_steps_no_delete BEFORE DELETE ON document_steps
BEGIN SELECT RAISE(ABORT, 'document steps are append-only: delete refused'); END;
CREATE TRIGGER document_idempotency_no_update BEFORE UPDATE ON document_idempotency
BEGIN SELECT RAISE(ABORT, 'idempotency keys are kept as first recorded: update refused'); END;

-- The current-pointer row moves forward only: a document is never deleted,
-- what it is (kind, commune, period, maker) never changes, and its version
-- never goes back.
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are kept: delete refused'); END;
CREATE TRIGGER documents_forward BEFORE UPDATE ON documents
WHEN NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.commune_code <> OLD.commune_code
  OR NEW.province_code <> OLD.province_code OR NEW.period <> OLD.period
  OR NEW.created_by <> OLD.created_by OR NEW.created_at <> OLD.created_at
  OR NEW.version < OLD.version
BEGIN SELECT RAISE(ABORT, 'a document''s identity is kept and its version only grows'); END;
