package httpapi

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/vnreentry/credit"
)

// Options configure the handler. The zero value serves the built-in
// parameter book, logs nowhere, reads the system clock and accepts bodies up
// to 1 MiB.
type Options struct {
	// Book is the parameter book the rules read; nil means
	// credit.DefaultBook().
	Book *credit.Book
	// Logger receives one line per request (request id, method, route,
	// status, duration, size) and the causes of 500s; never a body, a name
	// or an ID number. Nil discards.
	Logger *slog.Logger
	// Now is the clock, read once per request where a request needs
	// "today" (GET /v1/rules without ?on=). Nil means time.Now.
	Now func() time.Time
	// Location turns Now into a civil date; nil means Vietnam time (UTC+7).
	Location *time.Location
	// MaxBodyBytes bounds request bodies (413 beyond); 0 means 1 MiB.
	MaxBodyBytes int64
	// MaxUploadBytes bounds the bodies of the forms routes (lists to
	// validate or export, files to import: POST /v1/forms/01/import, …);
	// 0 means 20 MiB.
	MaxUploadBytes int64
	// MaxHeavyRequests bounds the requests of the heavy routes — those that
	// read a file or a large body: /v1/forms/… and /v1/reports/… — running
	// at once; 0 means DefaultMaxHeavyRequests (4). Each may hold its body
	// (an .xlsx file is read whole, up to MaxUploadBytes) and, while it
	// reads a workbook, up to about 100 MB more.
	MaxHeavyRequests int
	// HeavyWait is how long a heavy request waits for its turn before it
	// is answered 503 with Retry-After; 0 means DefaultHeavyWait (2 s), a
	// negative value not at all.
	HeavyWait time.Duration
	// HeavyTimeout bounds how long a heavy request runs once it has its
	// turn: its context is cancelled then (as when the client goes away)
	// and the reading of a workbook stops; 0 means DefaultHeavyTimeout
	// (60 s).
	HeavyTimeout time.Duration
	// Records is the store: users, tokens, the commune catalogue and the
	// audit trail. Nil: no store; the server runs stateless and open, as a
	// library's user or a test wants it, and the store's routes do not
	// exist (404). Non-nil: every /v1/ route except GET /v1/rules needs
	// Authorization: Bearer TOKEN (401 without a valid one), asks the
	// policy of package access (403, or 404 outside the caller's scope),
	// and is audited (Records.Append; see the package documentation).
	Records Records
	// PersonKeySecret keys the person keys of the screening at receipt:
	// HMAC-SHA-256 of a listed person's ID number, so that the store can
	// flag a person listed by two communes in a period without holding
	// the number. Keep it off the database (examples/server keeps it in a
	// file beside the checkpoint key), and keep it: a new secret makes new
	// keys, and persons listed before it no longer match. Nil: a random
	// secret for the life of the process, so that the flags only hold
	// between lists received by the same process.
	PersonKeySecret []byte
}

// DefaultMaxBodyBytes is the body limit when Options.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 1 << 20

// DefaultMaxUploadBytes is the forms routes' limit when Options.MaxUploadBytes is 0.
const DefaultMaxUploadBytes = 20 << 20

// vietnam is UTC+7 without daylight saving, so no time-zone database is
// needed.
var vietnam = time.FixedZone("ICT", 7*60*60)

type server struct {
	book    *credit.Book
	log     *slog.Logger
	now     func() time.Time
	loc     *time.Location
	maxBody int64
	// maxUpload bounds the bodies of the forms routes.
	maxUpload int64
	// turns holds a token for each heavy request running.
	turns        chan struct{}
	heavyWait    time.Duration
	heavyTimeout time.Duration
	// records is the store; nil: none (no authentication, no audit).
	records Records
	// personSecret keys the person keys (Options.PersonKeySecret).
	personSecret []byte
}

// New returns the HTTP handler of the v1 contract (docs: api-v1.md and
// openapi.json, served at GET /openapi.json).
func New(o Options) http.Handler {
	s := &server{book: o.Book, log: o.Logger, now: o.Now, loc: o.Location, maxBody: o.MaxBodyBytes, maxUpload: o.MaxUploadBytes,
		records: o.Records}
	if s.book == nil {
		s.book = credit.DefaultBook()
	}
	if s.personSecret = bytes.Clone(o.PersonKeySecret); len(s.personSecret) == 0 {
		s.personSecret = make([]byte, 32)
		_, _ = rand.Read(s.personSecret) // never fails (crypto/rand)
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.loc == nil {
		s.loc = vietnam
	}
	if s.maxBody <= 0 {
		s.maxBody = DefaultMaxBodyBytes
	}
	if s.maxUpload <= 0 {
		s.maxUpload = DefaultMaxUploadBytes
	}
	if o.MaxHeavyRequests <= 0 {
		o.MaxHeavyRequests = DefaultMaxHeavyRequests
	}
	s.turns = make(chan struct{}, o.MaxHeavyRequests)
	switch s.heavyWait = o.HeavyWait; {
	case s.heavyWait == 0:
		s.heavyWait = DefaultHeavyWait
	case s.heavyWait < 0:
		s.heavyWait = 0
	}
	if s.heavyTimeout = o.HeavyTimeout; s.heavyTimeout <= 0 {
		s.heavyTimeout = DefaultHeavyTimeout
	}
	return s.routes()
}

func (s *server) routes() chi.Router {
	r := chi.NewRouter()
	r.Use(s.requestID, s.logRequests, s.recoverPanics, s.limitBody, noStore, middleware.GetHead)
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.writeError(w, r, errNotFound) })
	// Without a store, the store's paths do not exist: 404 whatever the
	// method, as before there was a store.
	// A path served both with and without one (a report: POST over a body,
	// GET from the store) allows, without one, the methods served without.
	storePaths, freePaths := chi.NewRouter(), chi.NewRouter()
	r.MethodNotAllowed(func(w http.ResponseWriter, req *http.Request) {
		var routes chi.Routes = r
		if s.records == nil && allowed(storePaths, req.URL.Path) != "" {
			if allowed(freePaths, req.URL.Path) == "" {
				s.writeError(w, req, errNotFound)
				return
			}
			routes = freePaths
		}
		w.Header().Set("Allow", allowed(routes, req.URL.Path))
		s.writeError(w, req, errNotAllowed)
	})

	r.Get("/healthz", s.health)
	r.Get("/openapi.json", serveOpenAPI)
	for i := range v1Routes {
		rt := &v1Routes[i]
		r.Method(rt.method, "/v1"+rt.pattern, s.handler(rt))
		if rt.stored {
			storePaths.Method(rt.method, "/v1"+rt.pattern, http.NotFoundHandler())
		} else {
			freePaths.Method(rt.method, "/v1"+rt.pattern, http.NotFoundHandler())
		}
	}
	return r
}

// allowed lists the methods the router serves on path, for the Allow header
// of a 405 (RFC 9110 §15.5.6); HEAD goes with GET.
func allowed(router chi.Routes, path string) string {
	var ms []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if router.Match(chi.NewRouteContext(), m, path) ||
			m == http.MethodHead && router.Match(chi.NewRouteContext(), http.MethodGet, path) {
			ms = append(ms, m)
		}
	}
	return strings.Join(ms, ", ")
}

// ---- middleware ----

type ctxKey int

const requestIDKey ctxKey = 0

// requestID takes a well-formed X-Request-Id from the client
// (validRequestID) or makes one, and echoes it in the response; it also
// gives the request the info its middleware and handler share.
func (s *server) requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set("X-Request-Id", id)
		ctx := context.WithValue(r.Context(), requestIDKey, id)
		ctx = context.WithValue(ctx, infoKey, &info{})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// newRequestID is 16 random hexadecimal digits, drawn again while they hold
// a run of nine decimal digits (so that every id the server logs passes
// validRequestID).
func newRequestID() string {
	for {
		var b [8]byte
		_, _ = rand.Read(b[:])
		if id := hex.EncodeToString(b[:]); validRequestID(id) {
			return id
		}
	}
}

func requestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey).(string)
	return id
}

// logRequests writes one structured line per request. It logs the route
// pattern, not the raw path or query, and never a body.
func (s *server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
		next.ServeHTTP(ww, r)
		route := "unmatched"
		if rc := chi.RouteContext(r.Context()); rc != nil && rc.RoutePattern() != "" {
			route = rc.RoutePattern()
		}
		status := ww.Status()
		if status == 0 {
			status = http.StatusOK
		}
		level := slog.LevelInfo
		switch {
		case status == http.StatusServiceUnavailable:
			level = slog.LevelWarn // busy: the load, not a failure
		case status >= 500:
			level = slog.LevelError
		}
		attrs := []slog.Attr{
			slog.String("request_id", requestID(r.Context())),
			slog.String("method", r.Method),
			slog.String("route", route),
			slog.Int("status", status),
			slog.Int64("duration_us", time.Since(start).Microseconds()),
			slog.Int("bytes", ww.BytesWritten()),
		}
		if p := infoOf(r).problem; p != "" {
			attrs = append(attrs, slog.String("problem", p))
		}
		s.log.LogAttrs(r.Context(), level, "request", attrs...)
	})
}

// recoverPanics turns a panic into a 500 problem; the panic value is
// logged, the client learns nothing of it.
func (s *server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.writeError(w, r, fmt.Errorf("httpapi: panic: %v", v))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// limitBody bounds every request body (the files of the import routes by
// maxUpload, the rest by maxBody) and watches it: a body that fails to
// arrive whole is answered as such, never with a 2xx (bodyGuard).
func (s *server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.limitFor(r)
		if r.ContentLength > limit {
			s.writeError(w, r, &http.MaxBytesError{Limit: limit})
			return
		}
		body := &watchedBody{ReadCloser: http.MaxBytesReader(w, r.Body, limit)}
		r.Body = body
		infoOf(r).body = body
		next.ServeHTTP(&bodyGuard{ResponseWriter: w, s: s, r: r}, r)
	})
}

// limitFor is the body limit of r's route: the forms routes, and the
// stored lists and plans, take files and lists of up to forms.MaxRows rows
// (an imported list can be sent back to validate or export as it is), the
// rest small JSON bodies.
func (s *server) limitFor(r *http.Request) int64 {
	if strings.HasPrefix(r.URL.Path, "/v1/forms/") || strings.HasPrefix(r.URL.Path, "/v1/reports/") ||
		strings.HasPrefix(r.URL.Path, "/v1/lists") || strings.HasPrefix(r.URL.Path, "/v1/plans") {
		return s.maxUpload
	}
	return s.maxBody
}

// ---- helpers ----

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// merge returns the problems found reading a request followed by the
// domain's (domain is nil, a credit.Problems or another error), less those
// the reading explains: a domain problem at a pointer the reader reported
// (a malformed date is not also "required"), inside a value the reader
// could not read (the fields of a list element that was not an object),
// above an unreadable amount (a list's sum), or about the whole body when a
// borrower object was unreadable (a borrower given as a number is not also
// "missing"). It returns nil when there is no problem.
func merge(read credit.Problems, domain error) error {
	var more credit.Problems
	if !errors.As(domain, &more) {
		if len(read) == 0 {
			return domain
		}
		return read
	}
	ex := newExplainer(read)
	for _, e := range more {
		if !ex.explained(e.Pointer) {
			read = append(read, e)
		}
	}
	if len(read) == 0 {
		return nil
	}
	return read
}

// explainer answers, in time linear in the pointers' lengths, whether a
// problem at a pointer follows from one the reader found (a body of many
// bad rows must not cost the square of their number).
type explainer struct {
	read      map[string]bool // pointers the reader reported
	amountsIn map[string]bool // pointers above an unreadable amount
	borrower  bool            // a borrower object was unreadable
}

func newExplainer(read credit.Problems) *explainer {
	ex := &explainer{read: make(map[string]bool, len(read)), amountsIn: map[string]bool{}}
	for _, r := range read {
		ex.read[r.Pointer] = true
		if r.Pointer == "/individual" || r.Pointer == "/establishment" {
			ex.borrower = true
		}
		if strings.HasSuffix(r.Pointer, "/amount") {
			for p := r.Pointer; ; {
				i := strings.LastIndexByte(p, '/')
				if i <= 0 {
					break
				}
				p = p[:i]
				ex.amountsIn[p] = true
			}
		}
	}
	return ex
}

// explained reports whether a problem at ptr follows from one the reader
// found: at ptr, above it (ptr inside a value that could not be read),
// below it when that is an unreadable amount, or a whole-body problem when
// a borrower was unreadable.
func (ex *explainer) explained(ptr string) bool {
	if ptr == "" {
		return ex.borrower || ex.read[""]
	}
	if ex.read[ptr] || ex.amountsIn[ptr] || ex.read[""] {
		return true
	}
	for p := ptr; ; {
		i := strings.LastIndexByte(p, '/')
		if i <= 0 {
			return false
		}
		p = p[:i]
		if ex.read[p] {
			return true
		}
	}
}

// today is the civil date of the server's clock in its location.
func (s *server) today() credit.Date { return credit.DateOf(s.now().In(s.loc)) }

func (s *server) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "rules_version": s.book.Version()})
}
