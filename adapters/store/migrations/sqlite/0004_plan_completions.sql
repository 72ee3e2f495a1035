-- 0004_plan_completions: the completions of the provincial plan's tasks
-- (records.Completion) that GET /v1/reports/plan reads, and the
-- idempotency keys of recording them. SQLite; the PostgreSQL twin is
-- migrations/postgres/0004_plan_completions.sql.
--
-- Append-only: a completion is a row of its own, never changed or
-- removed. An occurrence is completed once: (task_id, occurrence) is
-- unique, a one-off task's zero occurrence (NULL) included. The task ids
-- are the plan's (reporting.Task.ID), not checked here: the plan lives in
-- code, not in the database. Nothing here is personal data.
CREATE TABLE plan_completions (
	seq         INTEGER NOT NULL PRIMARY KEY,
	task_id     TEXT NOT NULL CHECK (length(task_id) BETWEEN 1 AND 200),
	occurrence  TEXT,
	done_on     TEXT NOT NULL,
	recorded_by INTEGER NOT NULL,
	at          TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX plan_completions_once ON plan_completions (task_id, coalesce(occurrence, ''));

-- An Idempotency-Key of a completion: the hash of what was asked and the
-- completion it recorded. A key is one user's in this table,
-- document_idempotency and record_idempotency together: the store looks
-- in all three.
CREATE TABLE completion_idempotency (
	user_id      INTEGER NOT NULL,
	key          TEXT NOT NULL,
	request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
	seq          INTEGER NOT NULL REFERENCES plan_completions (seq),
	at           TEXT NOT NULL,
	PRIMARY KEY (user_id, key)
) STRICT;

CREATE TRIGGER plan_completions_no_update BEFORE UPDATE ON plan_completions
BEGIN SELECT RAISE(ABORT, 'plan completions are append-only: update refused'); END;
CREATE TRIGGER plan_completions_no_delete BEFORE DELETE ON plan_completions
BEGIN SELECT RAISE(ABORT, 'plan completions are append-only: delete refused'); END;
CREATE TRIGGER completion_idempotency_no_update BEFORE UPDATE ON completion_idempotency
BEGIN SELECT RAISE(ABORT, 'idempotency keys are kept as first recorded: update refused'); END;
