// Package httpapi serves the v1 HTTP/JSON contract of vnreentry/credit
// (api-v1.md; the OpenAPI 3.1 document is served at GET /openapi.json):
//
//	POST /v1/assessments              may this borrower borrow, and on what terms?
//	POST /v1/schedules, /v1/statements repayment schedules; what is owed on a day
//	POST /v1/forms/01|02/validate|export|import  Mẫu số 01 and 02 (JSON, xlsx, CSV, HTML)
//	POST /v1/reports/monthly-lists    the 5th-of-the-month round of commune lists
//	POST /v1/reports/demand-review    the annual (Q3) review of demand against capital
//	POST /v1/reports/portfolio        the loan book on a date (JSON, or the bank's CSV, streamed)
//	POST /v1/reports/compare          two loan books compared (JSON, or two CSV files)
//	POST /v1/reports/plan             where the provincial plan's tasks stand on a day
//	GET  /v1/rules                    the parameters in force on ?on=YYYY-MM-DD (&province=&known_on=), with citations
//	GET, PUT /v1/communes             the store's commune catalogue (with a store)
//	POST, GET /v1/users, GET /v1/users/{id}, POST /v1/users/{id}/tokens, DELETE /v1/tokens/{id}
//	                                  users, roles and bearer tokens (admin)
//	GET  /v1/audit, /v1/audit/verify, /v1/audit/checkpoint  the audit trail (auditor)
//	POST, GET, PUT /v1/lists…, /v1/plans…  the monthly round's Mẫu 01 lists and Mẫu 02 plans:
//	                                  drafts, versions, submit, certify or confirm, return, receive, history
//	GET  /v1/applications…, POST /v1/applications/{id}/decision  each received row screened; decisions
//	GET  /v1/loans…, POST /v1/loans/{id}/payments, GET /v1/loans/{id}/statement  loans and repayments
//	POST /v1/loans/import             VBSP's loan book loaded into the store (the bank's CSV, streamed)
//	GET  /v1/reports/monthly-lists|demand-review|portfolio|plan  the reports from what is stored
//	POST /v1/plan/completions         the provincial plan's tasks done (admin)
//	GET  /healthz                     liveness and the rules version
//	GET  /openapi.json                the contract
//
// The rules, assessments, schedules and statements read the law where and
// as known when the request says: "province" (a two-digit code of 2025,
// e.g. "12" for Lai Châu; unknown_province otherwise) gives that
// province's own values, such as the storm-relief rate cut of QĐ2654, and
// "known_on" (a date; not_yet_enacted before QĐ22 was signed) leaves out
// what was signed after it (credit.Query). The answer's "jurisdiction"
// says where it holds — the province asked for, or nationally, naming the
// provinces that have values of their own on the days it covers — and is
// absent when nothing needs saying.
//
// Every report answers JSON by default, and with ?format=csv (the main
// table, UTF-8 with BOM) or ?format=xlsx (a workbook, a sheet per table);
// the loan book and the demand review also ?format=svg (a bar chart).
//
// It is the only package that imports chi. Each handler decodes, calls one
// domain function and encodes; request and response types live here.
// Decoding is strict: unknown fields, a body that is not one JSON object
// and trailing data are a 400 (a leading UTF-8 byte-order mark is skipped);
// every string is checked as text (credit.ValidText: invalid UTF-8 in the
// raw token, control characters once escapes are undone: invalid_text);
// values that break the contract are a 422 listing every problem with its
// JSON pointer (at most 1,000, then too_many_problems; reading stops
// checking once it has found more); a body over the limit, a JSON body of
// more than MaxJSONValues objects and list elements, a CSV file of more
// than MaxPortfolioLines loans, or a workbook over a bound of its reading
// (xlsx.FileError: the code of the bound in errors) is a 413. Errors are
// RFC 9457 problem documents (application/problem+json) with detail in
// Vietnamese and detail_en in English; statusOf is the one function that
// maps errors to statuses, and anything it does not know is a 500 that
// tells the client nothing of the cause.
//
// # At the edge
//
// Before a handler runs:
//
//   - A body route takes only its media types (application/json, or none;
//     text/csv for the loan book; multipart/form-data for the comparison;
//     the imports multipart, CSV, .xlsx or application/octet-stream; a
//     charset must be UTF-8): any other Content-Type is a 415 naming them,
//     before the body is read.
//   - The body is bounded (Options.MaxBodyBytes, MaxUploadBytes) and
//     watched: a body cut short is a 400 incomplete-body and one too slow
//     for the server's read timeout a 408, logged once at INFO without the
//     client's address; whatever a handler made of the part it got, no
//     2xx is ever answered to a body that did not arrive whole.
//   - The heavy routes (/v1/forms/… and /v1/reports/…, which read files and
//     large bodies) run Options.MaxHeavyRequests at a time (4); one more
//     waits Options.HeavyWait (2 s) for its turn, then is a 503 with
//     Retry-After; each runs at most Options.HeavyTimeout (60 s). Its
//     context is cancelled then, or when the client goes away (logged as
//     499), and the reading of a workbook stops. With MaxUploadBytes this
//     bounds the memory uploads take: about MaxHeavyRequests ×
//     (MaxUploadBytes + 100 MB) at worst.
//   - Every answer to a POST carries Cache-Control: no-store (lists and
//     imports carry names and ID numbers).
//   - X-Request-Id is taken from the client only as 16 or 32 lower-case
//     hexadecimal digits or a UUID, without a run of nine or more decimal
//     digits (an identity card's or an ID number's), so that no person's
//     data can come in with it and reach the logs; otherwise the server
//     makes one.
//
// Logs carry the request id, method, route pattern, status, duration, size
// and the problem type of each request, never a body, a name or an ID
// number.
//
// # With a store
//
// Options.Records is the store (records-v1.md: "Who is who", "The audit
// trail"); examples/server passes a *store.Store, and this package knows it
// only as the interface Records. Without one the server is stateless and
// open, as above, and the store's routes do not exist. With one, every
// /v1/ route but GET /v1/rules needs "Authorization: Bearer TOKEN" — the
// scheme in any case, one space, a token68 of at most 512 characters, read
// strictly: anything else, two headers, or a token the store does not
// know (Records.Authenticate: unknown, expired or revoked) is a 401 with
// WWW-Authenticate, never a 500. Tokens are made by POST
// /v1/users/{id}/tokens, shown once, and revoked by DELETE /v1/tokens/{id}.
//
// Access is decided by package access alone. The table v1Routes declares
// each route with the access.Action it asks for, and the router is built
// from it, so that no route can be served without one. For a route whose
// resource is the store itself (all of them so far) the middleware asks
// access.Decide before the handler runs: 403 for a role that may never do
// the action, 404 when the resource is outside the principal's scope. A
// route whose records sit in communes asks access.May first and its
// handler calls authorize with where the record is. The principal rides
// in the request's context; no handler checks a role.
//
// The listings of stored records (lists, plans, applications, loans) come
// a page at a time in order of id (?after=, ?limit=; next_after when a
// page follows): nothing is cut off unsaid. VBSP's loan book comes in as
// the CSV the bank exports (POST /v1/loans/import?as_of=): read as a
// stream, checked whole, kept in one transaction, each loan once by its
// loan_id with its position on each export's day.
//
// Every calculation (action "calculate", the route's kind as resource, no
// id), every read of personal data (the users: officers' names), every
// write and every refused attempt (401, 403, out-of-scope 404) is one
// records.Entry: user id, role, action, resource kind and id, outcome,
// request id — never a name, an ID number or anything of a body. A change
// and its entry commit together in the store (records.Actor); the server
// appends the rest with Records.Append, and does so before the answer
// leaves: the status line is held back until Append returns (the body is
// not buffered), and if Append fails the answer is replaced by a 503
// audit-unavailable. No 2xx is ever sent without its entry. Answers to
// authenticated requests carry Cache-Control: no-store.
package httpapi
