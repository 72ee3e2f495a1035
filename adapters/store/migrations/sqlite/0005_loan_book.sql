-- 0005_loan_book: the loans VBSP made outside the store, loaded from its
-- loan-book export (the CSV of /v1/reports/portfolio), and their
-- positions on the days of the exports. SQLite; the PostgreSQL twin is
-- migrations/postgres/0005_loan_book.sql.
--
-- A loan is known by VBSP's loan_id, once: loading the same loan again
-- adds nothing but, when its figures on the export's day are new, a
-- position. Nothing is ever changed or removed: a corrected export adds a
-- position for the same day, and the latest import's is the one read.
-- The loan_id is VBSP's number for a loan of a person with a criminal
-- record: personal data, as the loans of 0003 are. The audit trail names
-- the import, never a loan.

-- One loading of a loan book: its day and what it changed.
CREATE TABLE loan_imports (
	id          INTEGER NOT NULL PRIMARY KEY,
	as_of       TEXT NOT NULL,
	loans       INTEGER NOT NULL CHECK (loans >= 0),
	created     INTEGER NOT NULL CHECK (created >= 0 AND created <= loans),
	positions   INTEGER NOT NULL CHECK (positions >= 0 AND positions <= loans),
	imported_by INTEGER NOT NULL,
	at          TEXT NOT NULL
) STRICT;

-- What a loan is: never changes. import_id is the import that first
-- loaded it.
CREATE TABLE booked_loans (
	id             INTEGER NOT NULL PRIMARY KEY,
	loan_id        TEXT NOT NULL UNIQUE CHECK (length(CAST(loan_id AS BLOB)) BETWEEN 1 AND 64),
	commune_code   TEXT NOT NULL CHECK (length(commune_code) = 5 AND commune_code NOT GLOB '*[^0-9]*'),
	province_code  TEXT NOT NULL CHECK (length(province_code) = 2 AND province_code NOT GLOB '*[^0-9]*'),
	borrower_kind  TEXT NOT NULL,
	purpose        TEXT NOT NULL,
	capital_source TEXT NOT NULL,
	channel        TEXT NOT NULL,
	disbursed_on   TEXT NOT NULL,
	amount         INTEGER NOT NULL CHECK (amount > 0),
	import_id      INTEGER NOT NULL REFERENCES loan_imports (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;
CREATE INDEX booked_loans_commune ON booked_loans (commune_code, id);
CREATE INDEX booked_loans_province ON booked_loans (province_code, id);

-- What a loan owed on the day of an export, as the export said.
CREATE TABLE booked_positions (
	booked_loan INTEGER NOT NULL REFERENCES booked_loans (id),
	import_id   INTEGER NOT NULL REFERENCES loan_imports (id) DEFERRABLE INITIALLY DEFERRED,
	as_of       TEXT NOT NULL,
	outstanding INTEGER NOT NULL CHECK (outstanding >= 0),
	overdue     INTEGER NOT NULL CHECK (overdue >= 0 AND overdue <= outstanding),
	jobs        INTEGER NOT NULL CHECK (jobs >= 0),
	PRIMARY KEY (booked_loan, as_of, import_id)
) STRICT;

CREATE TRIGGER loan_imports_no_update BEFORE UPDATE ON loan_imports
BEGIN SELECT RAISE(ABORT, 'loan imports are append-only: update refused'); END;
CREATE TRIGGER loan_imports_no_delete BEFORE DELETE ON loan_imports
BEGIN SELECT RAISE(ABORT, 'loan imports are append-only: delete refused'); END;
CREATE TRIGGER booked_loans_no_update BEFORE UPDATE ON booked_loans
BEGIN SELECT RAISE(ABORT, 'booked loans are append-only: update refused'); END;
CREATE TRIGGER booked_loans_no_delete BEFORE DELETE ON booked_loans
BEGIN SELECT RAISE(ABORT, 'booked loans are append-only: delete refused'); END;
CREATE TRIGGER booked_positions_no_update BEFORE UPDATE ON booked_positions
BEGIN SELECT RAISE(ABORT, 'loan positions are append-only: update refused'); END;
CREATE TRIGGER booked_positions_no_delete BEFORE DELETE ON booked_positions
BEGIN SELECT RAISE(ABORT, 'loan positions are append-only: delete refused'); END;
