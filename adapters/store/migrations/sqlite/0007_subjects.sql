-- 0007_subjects: sign-in through the province's identity provider (OpenID
-- Connect) on the officers' pages: which subject of which issuer is which
-- user of the store. SQLite; the PostgreSQL twin is
-- migrations/postgres/0007_subjects.sql.
--
-- A link (issuer, subject) → user is a row set once and never changed or
-- removed. A wrong or stale link is ended by a row of user_subject_ends
-- (who, when), also never changed or removed; the subject may then be
-- linked again, to the right user, as a new row. Among the links not
-- ended, a subject of an issuer is linked to one user, and a user to one
-- subject of an issuer: the insert trigger refuses a second (the store's
-- writers take their turns, so its check is not raced).

CREATE TABLE user_subjects (
	id        INTEGER NOT NULL PRIMARY KEY,
	issuer    TEXT NOT NULL CHECK (length(issuer) BETWEEN 1 AND 512),
	subject   TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
	user_id   INTEGER NOT NULL REFERENCES users (id),
	linked_by INTEGER NOT NULL,
	linked_at TEXT NOT NULL
) STRICT;
CREATE INDEX user_subjects_subject ON user_subjects (issuer, subject);
CREATE INDEX user_subjects_user ON user_subjects (user_id, issuer);

CREATE TABLE user_subject_ends (
	link_id  INTEGER NOT NULL PRIMARY KEY REFERENCES user_subjects (id),
	ended_by INTEGER NOT NULL,
	at       TEXT NOT NULL
) STRICT;

CREATE TRIGGER user_subjects_one_at_a_time BEFORE INSERT ON user_subjects
WHEN EXISTS (SELECT 1 FROM user_subjects s WHERE s.issuer = NEW.issuer AND (s.subject = NEW.subject OR s.user_id = NEW.user_id)
  AND NOT EXISTS (SELECT 1 FROM user_subject_ends e WHERE e.link_id = s.id))
BEGIN SELECT RAISE(ABORT, 'a subject links one user, and a user one subject of an issuer, at a time'); END;
CREATE TRIGGER user_subjects_no_update BEFORE UPDATE ON user_subjects
BEGIN SELECT RAISE(ABORT, 'subject links are kept as set: update refused'); END;
CREATE TRIGGER user_subjects_no_delete BEFORE DELETE ON user_subjects
BEGIN SELECT RAISE(ABORT, 'subject links are kept as set: delete refused'); END;
CREATE TRIGGER user_subject_ends_no_update BEFORE UPDATE ON user_subject_ends
BEGIN SELECT RAISE(ABORT, 'ends of subject links are append-only: update refused'); END;
CREATE TRIGGER user_subject_ends_no_delete BEFORE DELETE ON user_subject_ends
BEGIN SELECT RAISE(ABORT, 'ends of subject links are append-only: delete refused'); END;
