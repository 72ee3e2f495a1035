// Package httpapi serves the v1 HTTP/JSON contract of vnreentry/credit
// (api-v1.md; the OpenAPI 3.1 document is served at GET /openapi.json):
//
//	POST /v1/assessments  may this borrower borrow, and on what terms?
//	GET  /v1/rules        the parameters in force on ?on=YYYY-MM-DD, with citations
//	GET  /healthz         liveness and the rules version
//	GET  /openapi.json    the contract
//
// It is the only package that imports chi. Each handler decodes, calls one
// domain function and encodes; request and response types live here.
// Decoding is strict: unknown fields, a body that is not one JSON object
// and trailing data are a 400; values that break the contract are a 422
// listing every problem with its JSON pointer; a body over the limit is a
// 413. Errors are RFC 9457 problem documents (application/problem+json)
// with detail in Vietnamese and detail_en in English; statusOf is the one
// function that maps errors to statuses, and anything it does not know is a
// 500 that tells the client nothing of the cause.
//
// Logs carry the request id, method, route pattern, status, duration and
// size of each request, never a body, a name or an ID number.
package httpapi
