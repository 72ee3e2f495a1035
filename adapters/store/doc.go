// Package store is the system of record of the reference server: the
// commune catalogue, the users and their bearer tokens, the Mẫu 01 lists
// and Mẫu 02 plans of the monthly round, the applications they make, the
// decisions, loans and repayments, and the audit trail, kept in SQLite (the default: a file, nothing to install) or
// PostgreSQL (a province's servers sharing one database). The contract is
// records-v1.md ("Running it", "Who is who", "The audit trail"); the types
// it shares with the HTTP adapter are those of package records, and who may
// do what is decided by package access, never here.
//
// # Engines
//
// Open takes a path (SQLite, through modernc.org/sqlite: pure Go) or a
// postgres:// URL (PostgreSQL, through pgx's database/sql driver). The
// queries are one set: both engines bind $1, $2, … by number and know
// INSERT … ON CONFLICT and RETURNING. What differs is said once, in a small
// dialect: row locks (PostgreSQL's SELECT … FOR UPDATE; SQLite's immediate
// transactions, which take the write lock at BEGIN), how times and days
// are passed, and how errors are classified. The column types differ only
// in the migration files, migrations/sqlite and migrations/postgres,
// numbered alike; each runs in a transaction and is recorded in
// schema_migrations, and a database migrated by a newer version is
// refused (records.ErrNewerSchema, naming both versions).
//
// SQLite runs in WAL mode with synchronous=FULL, so that a write that was
// acknowledged survives a kill -9 or a power cut; PostgreSQL's defaults do
// the same.
//
// # Schema
//
//	communes             code, name, province_code: the catalogue (places), 2025's when new
//	catalogue            version: grows with every replacement, so that each process sees a new one
//	users                id, name, role, province, created_at
//	user_communes        user_id → users, commune_code → communes: the scope of the commune roles
//	tokens               id, user_id → users, hash (SHA-256, unique), expires_on, created_at, revoked_at, last_used_at
//	audit                seq, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash
//	audit_head           the one row (seq, hash) of the chain's newest entry
//	documents            id, kind, commune_code, province_code, period, status, version, created_by, submitted_by, created_at, updated_at
//	document_versions    document_id → documents, version, body (the form's JSON, as given), created_at, user_id
//	document_steps       document_id → documents, seq, transition, status, version, at, user_id, role, note
//	document_idempotency user_id, key (unique together), request_hash, document_id, version, status, submitted_by, at
//	applications         id, document_id → documents, kind, row_index (unique with document_id), commune_code, province_code, period, verdict, rules_version, screening (JSON, as decided on receipt), created_at
//	person_keys          application_id → applications, period, key (HMAC of the ID number, made by the caller), commune_code
//	decisions            application_id → applications (one each), outcome, note, decided_by, decided_at
//	loans                id, application_id → decisions (approved; unique), commune_code, province_code, the contract's terms, status, closed_on, created_by, created_at
//	payments             loan_id → loans, seq, paid_on, amount, recorded_by, at
//	record_idempotency   user_id, key (unique together, and not in document_idempotency), request_hash, resource, resource_id, seq, at
//	plan_completions     seq, task_id, occurrence (unique with task_id; NULL for a one-off), done_on, recorded_by, at
//	completion_idempotency user_id, key (unique together, and in neither other key table), request_hash, seq → plan_completions, at
//	loan_imports         id, as_of, loans, created, positions, imported_by, at: each loading of VBSP's loan book
//	booked_loans         id, loan_id (VBSP's; unique), commune_code, province_code, borrower_kind, purpose, capital_source, channel, disbursed_on, amount, import_id → loan_imports
//	booked_positions     booked_loan → booked_loans, import_id → loan_imports, as_of, outstanding, overdue, jobs
//	user_logins          user_id → users (one each), login (unique, set once): the pages' sign-in name
//	user_passwords       user_id → users, seq, hash (argon2id PHC string, made by the caller), must_change, set_by, at
//	sessions             id, hash (SHA-256 of the cookie, unique), user_id → users, created_at, expires_at, last_seen_at, revoked_at
//	user_subjects        id, issuer, subject, user_id → users, linked_by, linked_at: a subject of an OpenID provider linked to a user (one at a time each way)
//	user_subject_ends    link_id → user_subjects (one each), ended_by, at: a link ended, the link kept
//
// Passwords and browser sessions (the officers' pages) are tables beside
// tokens: SetPassword keeps a new argon2id hash each time (the latest in
// force; the login set once), StartSession/Session/EndSession/EndSessions
// keep sessions by the hash of their cookies, with idle and absolute
// expiry; every change is audited, never with a login or a name.
// LinkSubject links the subject of an issuer (OpenID Connect's "iss" and
// "sub") to a user for the pages' sign-in through the province's identity
// provider, UserBySubject finds it; a link is never changed or removed,
// and a wrong one is ended by a row of its own (EndSubject), after which
// the subject may be linked again. The trail names the user, never the
// subject.
//
// # The audit trail
//
// Each entry says who (user id and role, never a name), did what (an
// access.Action, or "auth" for a refused token), to which resource (a kind
// and an id), with what outcome, in which request. Entries are chained:
// hash = records.HashEntry(prev_hash, entry), computed in Go, the same on
// both engines. Every transaction that appends first reads and locks the
// head row, chains its entries onto it and moves it, so the chain never
// forks, whether the writers are goroutines of one process or servers
// sharing one PostgreSQL. Triggers refuse UPDATE and DELETE of entries
// (and TRUNCATE on PostgreSQL, where PUBLIC is also denied those
// privileges), refuse an entry that does not follow the newest, and a head
// that does not name it. The table's owner can still drop a trigger: run
// the server as a role that owns nothing (it holds SELECT and INSERT on
// audit, SELECT and UPDATE on audit_head; the owner migrates), and keep
// Checkpoints (signed notes of seq and head) outside the database. Verify walks the chain and names the first entry changed,
// missing or out of place.
//
// A business change (a user, a token, the catalogue) and its entry commit
// in one transaction. Entries without one (calculations, reads, refused
// attempts) go through Append's group commit: concurrent appends share one
// transaction, and each Append returns only once its batch is durable, so
// that no answer is given for an entry that could still be lost.
//
// # Lists and plans
//
// CreateDocument, Document, Documents, EditDocument, TransitionDocument and
// History keep the documents of the monthly round (records.Document). Only
// a document's current-pointer row (status, version, submitted_by,
// updated_at) is ever updated: each edit is a new row of
// document_versions, every earlier one readable, and each creation, edit
// and transition a new row of document_steps; triggers refuse to change or
// delete those rows, or a document's kind, commune, period and maker. What
// a transition may do is workflow.Apply's to decide, inside the
// transaction, with the document's row locked (SELECT … FOR UPDATE on
// PostgreSQL; on SQLite the immediate transaction holds the write lock),
// so that of two concurrent edits of one version, or two concurrent
// receives, exactly one succeeds. An edit names the version it replaces:
// records.ErrStale when that is no longer the current one. A creating or
// acting request may carry an Idempotency-Key (records.Idempotency): its
// retry answers the document as the first request left it and does
// nothing again; the key reused for another request is
// records.ErrIdempotencyMismatch. Bodies and notes hold personal data:
// they are in document_versions and document_steps and nowhere else —
// the audit entry of each change names only the kind and the id.
//
// # Applications, loans and repayments
//
// ReceiveDocument receives a list or plan and, in the same transaction,
// keeps the applications its caller's screen made of it (one per row of a
// list, one for a plan), each with its screening as decided that day: a
// later change of the rules never rewrites it. With each application of a
// list goes a person key, an HMAC of the ID number that the caller makes
// under its own secret (the store never sees the number): Application and
// Applications name, in SharedWith, the other communes whose lists of the
// same period hold the same key — where, never who. Decide records one
// decision per application (the unique row of decisions: of two
// concurrent decisions, one wins, the other is already_decided), and an
// approval makes its loan in the same transaction; AddPayment appends a
// payment (never edits one) and may close the loan, the only update a
// loan ever takes (active to closed, enforced by a trigger). Applications,
// person keys, decisions and payments are append-only. Deciding and paying
// take Idempotency-Keys as documents do (record_idempotency; a key is one
// request across both tables). The screening, keys, notes and amounts are
// kept in their tables and nowhere else: an audit entry names the
// application, or the loan and the payment's seq ("12/3").
//
// # VBSP's loan book
//
// A province that already lends loads the bank's loan-book export (the
// loans made outside the store, as the CSV of /v1/reports/portfolio holds
// them) with ImportLoans: one transaction, one audit entry naming the
// import. Each loan is known once, by VBSP's loan_id; loading the same book
// again adds nothing, a book of a later day adds each loan's position on
// that day, and a corrected book of the same day adds a position read
// instead of the earlier one. A loan_id loaded before with another commune,
// amount or other value of what the loan is refuses the whole import, every
// difference listed. EachBookedLoan reads the loans in scope with their
// latest position on or before a day, for the portfolio from the store.
// These loans take no payment in the store: their positions come from the
// bank's next export.
//
// # Reports
//
// EachDocument and EachLoan stream what the reports from the store read
// (a month of a country's lists, bodies included; a portfolio of loans
// with their payments) to a function, row by row, in one query and two
// queries read side by side: never one per document or loan, never all at
// once in memory. RecordCompletion appends the completion of a task of
// the provincial plan (append-only, once per task and occurrence, with its
// key like the others), and Completions reads them back in order.
//
// # Tokens
//
// A token is "crd_" and 32 random bytes in unpadded base64url, shown once
// and kept as its SHA-256. Authenticate checks the token's shape before it
// asks the database, caches what it read for a few seconds (a revocation
// through the same Store drops it at once), counts expiry in days of
// Vietnam's time (UTC+7), and writes the last use at most once a minute,
// off the request's path. Bootstrap makes the first admin: from
// CREDIT_ADMIN_TOKEN, or a token printed once on the first start.
//
// # Errors
//
// records.ErrNotFound (404), records.ErrConflict with a
// *records.ConflictError (409), credit.Problems with JSON pointers (422),
// records.ErrUnauthenticated (401), records.ErrStale (412),
// records.ErrIdempotencyMismatch (422), and the *workflow.Error of a
// refused transition or edit (403, 409, 422). No error, entry or log line of this
// package holds a user's name or a token.
package store
