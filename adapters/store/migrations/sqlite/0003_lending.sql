-- 0003_lending: the applications a received list or plan makes (one per
-- row of a list, one for a plan) with their screening as decided on the
-- day of receipt, the keys that find one person listed by two communes in
-- a month, the decisions, the loans an approval makes, their payments, and
-- the idempotency keys of deciding and paying. SQLite; the PostgreSQL twin
-- is migrations/postgres/0003_lending.sql.
--
-- Nothing is updated in place but a loan's status, once, from active to
-- closed: an application, its person key, its decision and every payment
-- are rows of their own, and triggers refuse to change or delete them. The
-- screening is personal data (it is about a person with a criminal
-- record); the person key is an HMAC of the person's ID number under a
-- secret the store never sees, never the number. The audit trail copies
-- none of it.

-- The commune, province and period are the document's, as received.
CREATE TABLE applications (
	id            INTEGER NOT NULL PRIMARY KEY,
	document_id   INTEGER NOT NULL REFERENCES documents (id),
	kind          TEXT NOT NULL CHECK (kind IN ('list', 'plan')),
	row_index     INTEGER NOT NULL CHECK (row_index >= 0 AND (kind = 'list' OR row_index = 0)),
	commune_code  TEXT NOT NULL CHECK (length(commune_code) = 5 AND commune_code NOT GLOB '*[^0-9]*'),
	province_code TEXT NOT NULL CHECK (length(province_code) = 2 AND province_code NOT GLOB '*[^0-9]*'),
	period        TEXT NOT NULL,
	verdict       TEXT NOT NULL CHECK (verdict IN ('eligible', 'incomplete', 'ineligible')),
	rules_version TEXT NOT NULL,
	screening     BLOB NOT NULL,
	created_at    TEXT NOT NULL,
	UNIQUE (document_id, row_index)
) STRICT;
CREATE INDEX applications_commune ON applications (commune_code, id);
CREATE INDEX applications_province ON applications (province_code, id);

-- One row per application of a list whose person has an ID number: the
-- communes that listed the same person in the same period are found by
-- (period, key).
CREATE TABLE person_keys (
	application_id INTEGER NOT NULL PRIMARY KEY REFERENCES applications (id),
	period         TEXT NOT NULL,
	key            TEXT NOT NULL CHECK (length(key) = 64 AND key NOT GLOB '*[^0-9a-f]*'),
	commune_code   TEXT NOT NULL
) STRICT;
CREATE INDEX person_keys_period_key ON person_keys (period, key, commune_code);

-- At most one decision per application, never changed.
CREATE TABLE decisions (
	application_id INTEGER NOT NULL PRIMARY KEY REFERENCES applications (id),
	outcome        TEXT NOT NULL CHECK (outcome IN ('approved', 'refused', 'withdrawn')),
	note           TEXT NOT NULL,
	decided_by     INTEGER NOT NULL,
	decided_at     TEXT NOT NULL
) STRICT;
CREATE INDEX decisions_outcome ON decisions (outcome, application_id);

-- A loan is made by the approval of one application, in its commune.
CREATE TABLE loans (
	id                     INTEGER NOT NULL PRIMARY KEY,
	application_id         INTEGER NOT NULL UNIQUE REFERENCES decisions (application_id),
	commune_code           TEXT NOT NULL CHECK (length(commune_code) = 5 AND commune_code NOT GLOB '*[^0-9]*'),
	province_code          TEXT NOT NULL CHECK (length(province_code) = 2 AND province_code NOT GLOB '*[^0-9]*'),
	purpose                TEXT NOT NULL,
	amount                 INTEGER NOT NULL CHECK (amount > 0),
	disbursed_on           TEXT NOT NULL,
	term_months            INTEGER NOT NULL CHECK (term_months > 0),
	principal_every_months INTEGER NOT NULL CHECK (principal_every_months > 0),
	course_months          INTEGER NOT NULL CHECK (course_months >= 0),
	channel                TEXT NOT NULL,
	capital_source         TEXT NOT NULL,
	status                 TEXT NOT NULL CHECK ((status = 'active' AND closed_on IS NULL) OR (status = 'closed' AND closed_on IS NOT NULL)),
	closed_on              TEXT,
	created_by             INTEGER NOT NULL,
	created_at             TEXT NOT NULL
) STRICT;
CREATE INDEX loans_commune ON loans (commune_code, id);
CREATE INDEX loans_province ON loans (province_code, id);
CREATE INDEX loans_status ON loans (status, id);

-- seq counts a loan's payments from 1, in the order recorded.
CREATE TABLE payments (
	loan_id     INTEGER NOT NULL REFERENCES loans (id),
	seq         INTEGER NOT NULL CHECK (seq >= 1),
	paid_on     TEXT NOT NULL,
	amount      INTEGER NOT NULL CHECK (amount > 0),
	recorded_by INTEGER NOT NULL,
	at          TEXT NOT NULL,
	PRIMARY KEY (loan_id, seq)
) STRICT;

-- An Idempotency-Key of a decision (resource 'application', resource_id
-- the application's id) or a payment ('payment', the loan's id and the
-- payment's seq). A key is one user's in this table and in
-- document_idempotency together: the store looks in both.
CREATE TABLE record_idempotency (
	user_id      INTEGER NOT NULL,
	key          TEXT NOT NULL,
	request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
	resource     TEXT NOT NULL CHECK (resource IN ('application', 'payment')),
	resource_id  INTEGER NOT NULL,
	seq          INTEGER NOT NULL,
	at           TEXT NOT NULL,
	PRIMARY KEY (user_id, key)
) STRICT;

CREATE TRIGGER applications_no_update BEFORE UPDATE ON applications
BEGIN SELECT RAISE(ABORT, 'applications are append-only: update refused'); END;
CREATE TRIGGER applications_no_delete BEFORE DELETE ON applications
BEGIN SELECT RAISE(ABORT, 'applications are append-only: delete refused'); END;
CREATE TRIGGER person_keys_no_update BEFORE UPDATE ON person_keys
BEGIN SELECT RAISE(ABORT, 'person keys are append-only: update refused'); END;
CREATE TRIGGER person_keys_no_delete BEFORE DELETE ON person_keys
BEGIN SELECT RAISE(ABORT, 'person keys are append-only: delete refused'); END;
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: update refused'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: delete refused'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: update refused'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are append-only: delete refused'); END;
CREATE TRIGGER record_idempotency_no_update BEFORE UPDATE ON record_idempotency
BEGIN SELECT RAISE(ABORT, 'idempotency keys are kept as first recorded: update refused'); END;

-- Only an approval makes a loan; a closed loan takes no payment.
CREATE TRIGGER loans_approved BEFORE INSERT ON loans
WHEN (SELECT outcome FROM decisions WHERE application_id = NEW.application_id) IS NOT 'approved'
BEGIN SELECT RAISE(ABORT, 'a loan is made only by an approval'); END;
CREATE TRIGGER payments_active_loan BEFORE INSERT ON payments
WHEN (SELECT status FROM loans WHERE id = NEW.loan_id) IS NOT 'active'
BEGIN SELECT RAISE(ABORT, 'a closed loan takes no payment'); END;

-- A loan is never deleted, and changes once: from active to closed, with
-- the day it closed; nothing else about it ever changes.
CREATE TRIGGER loans_no_delete BEFORE DELETE ON loans
BEGIN SELECT RAISE(ABORT, 'loans are kept: delete refused'); END;
CREATE TRIGGER loans_close_only BEFORE UPDATE ON loans
WHEN NOT (OLD.status = 'active' AND NEW.status = 'closed'
  AND NEW.id IS OLD.id AND NEW.application_id IS OLD.application_id
  AND NEW.commune_code IS OLD.commune_code AND NEW.province_code IS OLD.province_code
  AND NEW.purpose IS OLD.purpose AND NEW.amount IS OLD.amount AND NEW.disbursed_on IS OLD.disbursed_on
  AND NEW.term_months IS OLD.term_months AND NEW.principal_every_months IS OLD.principal_every_months
  AND NEW.course_months IS OLD.course_months AND NEW.channel IS OLD.channel
  AND NEW.capital_source IS OLD.capital_source AND NEW.created_by IS OLD.created_by
  AND NEW.created_at IS OLD.created_at)
BEGIN SELECT RAISE(ABORT, 'a loan changes only from active to closed'); END;
