package httpapi

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"slices"
	"time"

	"github.com/vnreentry/credit/records"
)

// The answers of the listings of stored records (GET /v1/loans,
// /v1/applications, /v1/lists, /v1/plans and /v1/audit), appended straight
// from the store's records (issue 15, item 1). Each writes, byte for byte,
// what writeJSON writes for the listing's reference value (listingAnswer's
// map, whose keys encoding/json sorts, or auditResponse) of the response
// types of loans.go, applications.go, documents.go and audittrail.go;
// encode_listings_test.go compares them.
//
// Where encoding/json would fail — a time whose year is outside [0,9999],
// or a stored screening that is not JSON — json.Encoder writes nothing
// after the 200 header; the appenders report it (ok false) and the answer
// is written empty, as before.

// appendTime appends t (already in UTC) as encoding/json writes a
// time.Time: RFC 3339 with nanoseconds, quoted. It reports false where
// Time.MarshalJSON fails (the year not exactly four digits).
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	n0 := len(b)
	b = t.AppendFormat(b, time.RFC3339Nano)
	if len(b) < n0+5 || b[n0+4] != '-' || b[len(b)-1] != 'Z' {
		return b, false
	}
	return append(b, '"'), true
}

// appendHex appends h as the lower-case hexadecimal JSON string of
// hex.EncodeToString.
func appendHex(b []byte, h []byte) []byte {
	b = append(b, '"')
	b = hex.AppendEncode(b, h)
	return append(b, '"')
}

// growForRows makes room in b for the rows still to come, rest of them,
// from the length of the first (row): a long listing grows once, not
// through the many copies of append's growth.
func growForRows(b []byte, row, rest int) []byte {
	if rest > 0 {
		b = slices.Grow(b, rest*(row+row/8))
	}
	return b
}

// listingWriter appends a listing's answer: {"<name>":[rows…]} with
// "next_after" in the place encoding/json puts a map's keys (sorted).
type listingWriter struct {
	name string
	next int64
}

func (l listingWriter) open(b []byte) []byte {
	b = append(b, '{')
	if l.next > 0 && l.name > "next_after" {
		b = append(b, `"next_after":`...)
		b = appendInt(b, l.next)
		b = append(b, ',')
	}
	b = appendStr(b, l.name)
	return append(b, ':', '[')
}

func (l listingWriter) close(b []byte) []byte {
	b = append(b, ']')
	if l.next > 0 && l.name < "next_after" {
		b = append(b, `,"next_after":`...)
		b = appendInt(b, l.next)
	}
	return append(b, '}', '\n')
}

// appendLoanRecord appends newLoanRecordJSON(*l).
func appendLoanRecord(b []byte, l *records.Loan) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendInt(b, l.ID)
	b = append(b, `,"application_id":`...)
	b = appendInt(b, l.ApplicationID)
	b = append(b, `,"commune_code":`...)
	b = appendStr(b, l.Commune)
	b = append(b, `,"province_code":`...)
	b = appendStr(b, l.Province)
	b = append(b, `,"purpose":`...)
	b = appendStr(b, l.Purpose)
	b = append(b, `,"amount":`...)
	b = appendVND(b, l.Amount)
	b = append(b, `,"disbursed_on":`...)
	b = appendDate(b, l.DisbursedOn)
	b = append(b, `,"term_months":`...)
	b = appendInt(b, int64(l.TermMonths))
	b = append(b, `,"principal_every_months":`...)
	b = appendInt(b, int64(l.PrincipalEveryMonths))
	if l.CourseMonths != 0 {
		b = append(b, `,"course_months":`...)
		b = appendInt(b, int64(l.CourseMonths))
	}
	if l.Channel != "" {
		b = append(b, `,"channel":`...)
		b = appendStr(b, l.Channel)
	}
	if l.CapitalSource != "" {
		b = append(b, `,"capital_source":`...)
		b = appendStr(b, l.CapitalSource)
	}
	b = append(b, `,"status":`...)
	b = appendStr(b, l.Status)
	if !l.ClosedOn.IsZero() {
		b = append(b, `,"closed_on":`...)
		b = appendDate(b, l.ClosedOn)
	}
	b = append(b, `,"created_by":`...)
	b = appendInt(b, l.CreatedBy)
	b = append(b, `,"created_at":`...)
	b, ok := appendTime(b, l.CreatedAt.UTC())
	return append(b, '}'), ok
}

// appendLoanListing appends listingAnswer("loans", rows as loanRecordJSON, next).
func appendLoanListing(b []byte, ls []records.Loan, next int64) []byte {
	lw := listingWriter{name: "loans", next: next}
	b = lw.open(b)
	for i := range ls {
		if i > 0 {
			b = append(b, ',')
		}
		n, ok := len(b), false
		if b, ok = appendLoanRecord(b, &ls[i]); !ok {
			return b[:0]
		}
		if i == 0 {
			b = growForRows(b, len(b)-n, len(ls)-1)
		}
	}
	return lw.close(b)
}

// appendApplication appends newApplicationJSON(*a); scratch holds the
// screening compacted, as json.Encoder compacts a json.RawMessage.
func appendApplication(b []byte, a *records.Application, scratch *bytes.Buffer) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendInt(b, a.ID)
	if a.DocumentID != 0 {
		if a.Kind == records.KindPlan {
			b = append(b, `,"plan_id":`...)
		} else {
			b = append(b, `,"list_id":`...)
		}
		b = appendInt(b, a.DocumentID)
	}
	b = append(b, `,"row":`...)
	b = appendInt(b, int64(a.Row))
	b = append(b, `,"commune_code":`...)
	b = appendStr(b, a.Commune)
	b = append(b, `,"province_code":`...)
	b = appendStr(b, a.Province)
	if a.Period != "" {
		b = append(b, `,"period":`...)
		b = appendStr(b, a.Period)
	}
	b = append(b, `,"verdict":`...)
	b = appendStr(b, a.Verdict)
	b = append(b, `,"rules_version":`...)
	b = appendStr(b, a.RulesVersion)
	b = append(b, `,"screening":`...)
	if len(a.Screening) == 0 {
		b = append(b, "null"...)
	} else {
		scratch.Reset()
		if err := json.Compact(scratch, a.Screening); err != nil {
			return b, false
		}
		b = append(b, scratch.Bytes()...)
	}
	b = append(b, `,"shared_with":[`...)
	for i, s := range a.SharedWith {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStr(b, s)
	}
	b = append(b, `],"decision":`...)
	if a.Decision == "" {
		b = appendStr(b, decisionPending)
	} else {
		b = appendStr(b, a.Decision)
	}
	if a.Note != "" {
		b = append(b, `,"note":`...)
		b = appendStr(b, a.Note)
	}
	if a.DecidedBy != 0 {
		b = append(b, `,"decided_by":`...)
		b = appendInt(b, a.DecidedBy)
	}
	ok := true
	if a.DecidedAt != nil {
		b = append(b, `,"decided_at":`...)
		b, ok = appendTime(b, a.DecidedAt.UTC())
	}
	if a.LoanID != 0 {
		b = append(b, `,"loan_id":`...)
		b = appendInt(b, a.LoanID)
	}
	b = append(b, `,"created_at":`...)
	b, ok2 := appendTime(b, a.CreatedAt.UTC())
	return append(b, '}'), ok && ok2
}

// appendApplicationListing appends listingAnswer("applications", the rows
// of as whose kind is kind (all when kind is "") as applicationJSON, next).
func appendApplicationListing(b []byte, as []records.Application, kind string, next int64) []byte {
	lw := listingWriter{name: "applications", next: next}
	b = lw.open(b)
	var scratch bytes.Buffer
	n := 0
	for i := range as {
		a := &as[i]
		if kind != "" && a.Kind != kind {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		m, ok := len(b), false
		if b, ok = appendApplication(b, a, &scratch); !ok {
			return b[:0]
		}
		if n == 1 {
			b = growForRows(b, len(b)-m, len(as)-i-1)
		}
	}
	return lw.close(b)
}

// appendDocumentHeader appends newDocumentJSON(*d, false).
func appendDocumentHeader(b []byte, d *records.Document) ([]byte, bool) {
	b = append(b, `{"id":`...)
	b = appendInt(b, d.ID)
	b = append(b, `,"status":`...)
	b = appendStr(b, d.Status)
	b = append(b, `,"version":`...)
	b = appendInt(b, int64(d.Version))
	b = append(b, `,"commune_code":`...)
	b = appendStr(b, d.Commune)
	b = append(b, `,"province_code":`...)
	b = appendStr(b, d.Province)
	if d.Period != "" {
		b = append(b, `,"period":`...)
		b = appendStr(b, d.Period)
	}
	b = append(b, `,"created_by":`...)
	b = appendInt(b, d.CreatedBy)
	if d.SubmittedBy != 0 {
		b = append(b, `,"submitted_by":`...)
		b = appendInt(b, d.SubmittedBy)
	}
	b = append(b, `,"created_at":`...)
	b, ok := appendTime(b, d.CreatedAt.UTC())
	b = append(b, `,"updated_at":`...)
	b, ok2 := appendTime(b, d.UpdatedAt.UTC())
	return append(b, '}'), ok && ok2
}

// appendDocumentListing appends listingAnswer(plural, the documents'
// headers, next).
func appendDocumentListing(b []byte, plural string, ds []records.Document, next int64) []byte {
	lw := listingWriter{name: plural, next: next}
	b = lw.open(b)
	for i := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		n, ok := len(b), false
		if b, ok = appendDocumentHeader(b, &ds[i]); !ok {
			return b[:0]
		}
		if i == 0 {
			b = growForRows(b, len(b)-n, len(ds)-1)
		}
	}
	return lw.close(b)
}

// appendAuditEntries appends auditResponse{Entries: newEntryJSON of each}.
func appendAuditEntries(b []byte, es []records.Entry) []byte {
	b = append(b, `{"entries":[`...)
	for i := range es {
		e := &es[i]
		if i > 0 {
			b = append(b, ',')
		}
		n := len(b)
		b = append(b, `{"seq":`...)
		b = appendInt(b, e.Seq)
		b = append(b, `,"at":`...)
		var ok bool
		if b, ok = appendTime(b, e.At.UTC()); !ok {
			return b[:0]
		}
		b = append(b, `,"user_id":`...)
		b = appendInt(b, e.UserID)
		b = append(b, `,"role":`...)
		b = appendStr(b, e.Role)
		b = append(b, `,"action":`...)
		b = appendStr(b, e.Action)
		b = append(b, `,"resource":`...)
		b = appendStr(b, e.Resource)
		b = append(b, `,"resource_id":`...)
		b = appendStr(b, e.ResourceID)
		b = append(b, `,"outcome":`...)
		b = appendStr(b, e.Outcome)
		b = append(b, `,"request_id":`...)
		b = appendStr(b, e.RequestID)
		b = append(b, `,"prev_hash":`...)
		b = appendHex(b, e.PrevHash)
		b = append(b, `,"hash":`...)
		b = appendHex(b, e.Hash)
		b = append(b, '}')
		if i == 0 {
			b = growForRows(b, len(b)-n, len(es)-1)
		}
	}
	return append(b, ']', '}', '\n')
}
