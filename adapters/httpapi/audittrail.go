package httpapi

import (
	"encoding/hex"
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
)

// The audit trail, read by the auditor: GET /v1/audit, GET
// /v1/audit/verify, GET /v1/audit/checkpoint.

// Paging of GET /v1/audit.
const (
	DefaultAuditLimit = 100
	MaxAuditLimit     = 1000
)

// verificationJSON is the 200 body of GET /v1/audit/verify.
type verificationJSON struct {
	Valid       bool   `json:"valid"`
	Entries     int64  `json:"entries"`
	Head        string `json:"head,omitempty"`
	FirstBadSeq int64  `json:"first_bad_seq,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

var (
	msgAfterParameter = credit.Text{
		VI: "Tham số after phải là số thứ tự (seq) của một mục, số nguyên không âm.",
		EN: "The after parameter must be the seq of an entry, a whole number not below 0.",
	}
	msgLimitParameter = credit.Text{
		VI: "Tham số limit phải là số nguyên từ 1 đến " + strconv.Itoa(MaxAuditLimit) + ".",
		EN: "The limit parameter must be a whole number from 1 to " + strconv.Itoa(MaxAuditLimit) + ".",
	}
)

// auditEntries handles GET /v1/audit?after=SEQ&limit=N: the entries after
// seq (0: from the first), at most limit (DefaultAuditLimit, at most
// MaxAuditLimit), in order. The next page is after the last seq.
func (s *server) auditEntries(w http.ResponseWriter, r *http.Request) {
	after, err := queryInt(r, "after", 0, 0, 1<<62, msgAfterParameter)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	limit, err := queryInt(r, "limit", DefaultAuditLimit, 1, MaxAuditLimit, msgLimitParameter)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	entries, err := s.records.Audit(r.Context(), after, int(limit))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// auditResponse{Entries: newEntryJSON of each}, appended.
	writeAnswer(w, func(b []byte) []byte { return appendAuditEntries(b, entries) })
}

// queryInt reads an optional integer query parameter within [min, max]; a
// bad one is a 400 naming it.
func queryInt(r *http.Request, name string, def, min, max int64, msg credit.Text) (int64, error) {
	q := r.URL.Query()
	if !q.Has(name) {
		return def, nil
	}
	v := q.Get(name)
	code := credit.CodeNotInteger
	if len(v) <= 20 {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil {
			if n >= min && n <= max {
				return n, nil
			}
			code = credit.CodeOutOfRange
		}
	}
	return 0, &requestError{sentinel: errBadParameter, msg: msg, param: name, items: credit.Problems{{Code: code, Message: msg}}}
}

// verifyAudit handles GET /v1/audit/verify: the whole chain checked
// again, 200 whether it holds or not.
func (s *server) verifyAudit(w http.ResponseWriter, r *http.Request) {
	v, err := s.records.Verify(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := verificationJSON{Valid: v.Valid, Entries: v.Entries}
	if v.Valid {
		resp.Head = hex.EncodeToString(v.Head)
	} else {
		resp.FirstBadSeq, resp.Reason = v.FirstBadSeq, v.Reason
	}
	writeJSON(w, http.StatusOK, resp)
}

// checkpoint handles GET /v1/audit/checkpoint: a signed note of the
// chain's head (seq and hash), text/plain, to keep outside the database.
func (s *server) checkpoint(w http.ResponseWriter, r *http.Request) {
	note, err := s.records.Checkpoint(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(note)
}
