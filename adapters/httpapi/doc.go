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
//	GET  /v1/rules                    the parameters in force on ?on=YYYY-MM-DD, with citations
//	GET  /healthz                     liveness and the rules version
//	GET  /openapi.json                the contract
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
// values that break the contract are a 422
// listing every problem with its JSON pointer (at most 1,000, then
// too_many_problems; reading stops checking once it has found more); a body
// over the limit, a JSON body of more than MaxJSONValues objects and list
// elements, or a CSV file of more than MaxPortfolioLines loans is a 413. Errors are RFC 9457 problem documents (application/problem+json)
// with detail in Vietnamese and detail_en in English; statusOf is the one
// function that maps errors to statuses, and anything it does not know is a
// 500 that tells the client nothing of the cause.
//
// Logs carry the request id, method, route pattern, status, duration and
// size of each request, never a body, a name or an ID number.
package httpapi
