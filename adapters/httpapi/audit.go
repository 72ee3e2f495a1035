package httpapi

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/vnreentry/credit/records"
)

// The audit trail, from the HTTP side. An entry names who (user id and
// role), what (the route's action and resource kind, and the id of the
// record when one was read), the outcome and the request id: never a
// name, an ID number, a row or anything else of a body.
//
// The entry of an answer is appended before the answer leaves: the audit
// writer holds back the status line (WriteHeader, or the first Write)
// until Records.Append has returned, so that no answer is ever sent whose
// entry is not durable. If Append fails, the handler's answer is dropped
// and the client gets a 503 audit-unavailable instead. Nothing is
// buffered: a handler's body goes straight through once the status is
// out.

// errAuditUnavailable: the audit entry of an answer could not be
// appended, so the answer is withheld (503).
var errAuditUnavailable = errors.New("httpapi: the audit trail is unavailable")

// auditWait bounds how long an answer waits for its entry. The wait does
// not end when the client goes away: a calculation or refusal that
// happened is recorded all the same.
const auditWait = 10 * time.Second

// audited wraps a route's chain (authentication, policy, handler) so that
// the answers rt.audit names are appended to the audit trail before they
// are sent.
func (s *server) audited(rt *route, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		infoOf(r).route = rt
		aw := &auditWriter{ResponseWriter: w, s: s, r: r, rt: rt}
		next.ServeHTTP(aw, r)
		if !aw.wrote {
			aw.WriteHeader(http.StatusOK) // a handler that wrote nothing answered 200
		}
	})
}

// outcomeOf is the audit outcome of an answer's status; "" for an answer
// that records nothing: the server's own failures (5xx) and requests whose
// client went away are in the log, not the trail.
func outcomeOf(status int) string {
	switch {
	case status < 400:
		return records.OutcomeOK
	case status == http.StatusUnauthorized:
		return records.OutcomeUnauthenticated
	case status == http.StatusForbidden:
		return records.OutcomeForbidden
	case status == http.StatusNotFound:
		return records.OutcomeNotFound
	case status == http.StatusConflict:
		return records.OutcomeConflict
	case status < 500 && status != statusClientClosed:
		return records.OutcomeInvalid // 400, 408, 413, 415, 422
	}
	return ""
}

// entry returns the audit entry of r's answer with the status, and false
// when that answer records none.
func (s *server) entry(r *http.Request, rt *route, status int) (records.Entry, bool) {
	outcome := outcomeOf(status)
	if outcome == "" {
		return records.Entry{}, false
	}
	in := infoOf(r)
	refused := outcome == records.OutcomeUnauthenticated || outcome == records.OutcomeForbidden ||
		outcome == records.OutcomeNotFound && in.outOfScope
	switch rt.audit {
	case auditRefusals:
		if !refused {
			return records.Entry{}, false
		}
	case auditWrite:
		if outcome == records.OutcomeOK {
			return records.Entry{}, false // the store's, in the change's transaction
		}
	}
	e := records.Entry{
		At:        s.now().UTC().Truncate(time.Microsecond),
		UserID:    in.principal.UserID,
		Role:      string(in.principal.Role),
		Action:    string(cmp.Or(in.action, rt.action)),
		Resource:  rt.kind,
		Outcome:   outcome,
		RequestID: requestID(r.Context()),
	}
	if outcome == records.OutcomeOK && rt.audit == auditRead {
		// Only an id the answer showed to exist: never what a client
		// typed into a path that named nothing.
		e.ResourceID = chi.URLParam(r, "id")
	}
	return e, true
}

// appendEntry appends e, waiting at most auditWait even if the client has
// gone.
func (s *server) appendEntry(r *http.Request, e records.Entry) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), auditWait)
	defer cancel()
	return s.records.Append(ctx, e)
}

// auditWriter appends the entry of the answer when its status is written,
// and sends the status only once the entry is durable; when the entry
// cannot be appended it answers 503 instead and drops the handler's
// answer.
type auditWriter struct {
	http.ResponseWriter
	s       *server
	r       *http.Request
	rt      *route
	wrote   bool // the status is decided
	swallow bool // the handler's answer is dropped
}

func (a *auditWriter) WriteHeader(code int) {
	if a.wrote {
		return
	}
	if code >= 100 && code < 200 {
		a.ResponseWriter.WriteHeader(code) // informational: not the answer
		return
	}
	a.wrote = true
	status := code
	if status < 300 {
		// A body that failed to arrive whole turns a 2xx into its problem
		// (bodyGuard, outside this writer): record what is answered.
		if err := bodyError(a.r); err != nil {
			status = statusOf(classifyBodyError(err))
		}
	}
	if e, ok := a.s.entry(a.r, a.rt, status); ok {
		if err := a.s.appendEntry(a.r, e); err != nil {
			a.swallow = true
			h := a.Header()
			for _, k := range []string{"Content-Disposition", "Content-Length", "Location", "WWW-Authenticate"} {
				h.Del(k)
			}
			a.s.log.ErrorContext(a.r.Context(), "audit append failed", "request_id", e.RequestID, "error", err.Error())
			a.s.writeError(a.ResponseWriter, a.r, errAuditUnavailable)
			return
		}
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *auditWriter) Write(p []byte) (int, error) {
	if !a.wrote {
		a.WriteHeader(http.StatusOK)
	}
	if a.swallow {
		return len(p), nil
	}
	return a.ResponseWriter.Write(p)
}

// Flush sends what is written so far, the status first (and so the entry
// first).
func (a *auditWriter) Flush() {
	if !a.wrote {
		a.WriteHeader(http.StatusOK)
	}
	if !a.swallow {
		_ = http.NewResponseController(a.ResponseWriter).Flush()
	}
}

func (a *auditWriter) Unwrap() http.ResponseWriter { return a.ResponseWriter }
