package web

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/records"
)

//go:embed templates/*.html
var templateFiles embed.FS

//go:embed static
var staticFiles embed.FS

// Records is what the pages need of the store beyond the JSON API: the
// logins, passwords and sessions (examples/server passes a *store.Store).
// Everything else the pages show or change goes through the API.
type Records interface {
	// Credentials: the user of a login, the hash of their password in
	// force and whether it must be changed; records.ErrNotFound when none.
	Credentials(ctx context.Context, login string) (userID int64, hash string, mustChange bool, err error)
	// SetPassword sets a user's password (a new row; the login set once),
	// with its audit entry.
	SetPassword(ctx context.Context, a records.Actor, userID int64, login, hash string, mustChange bool) error
	// Login is a user's login ("" when none).
	Login(ctx context.Context, userID int64) (string, error)
	// StartSession, Session, EndSession and EndSessions keep the browser
	// sessions, by the SHA-256 of their cookies, with their audit entries.
	StartSession(ctx context.Context, a records.Actor, hash [32]byte, expiresAt time.Time) (int64, error)
	Session(ctx context.Context, hash [32]byte, idle time.Duration) (access.Principal, records.Session, error)
	EndSession(ctx context.Context, a records.Actor, hash [32]byte) error
	EndSessions(ctx context.Context, a records.Actor, userID int64) (int, error)
	// Append records an entry that changes nothing (a failed sign-in).
	Append(ctx context.Context, e records.Entry) error
	// UserBySubject is the user a subject of the identity provider is
	// linked to (records.ErrNotFound when none); LinkSubject links one,
	// EndSubject ends a user's link, with their audit entries; Subject is
	// a user's subject ("" when none). Used only with Options.OIDC.
	UserBySubject(ctx context.Context, issuer, subject string) (int64, error)
	LinkSubject(ctx context.Context, a records.Actor, userID int64, issuer, subject string) error
	EndSubject(ctx context.Context, a records.Actor, userID int64, issuer string) error
	Subject(ctx context.Context, userID int64, issuer string) (string, error)
}

// Options configure the pages.
type Options struct {
	Records Records
	// API is the JSON API (httpapi.New with the same store): the pages
	// ask it, in this process, as the signed-in user (httpapi.AsPrincipal).
	API http.Handler
	// Now is the clock (time.Now when nil).
	Now    func() time.Time
	Logger *slog.Logger
	// IdleTimeout ends a session unused for that long (DefaultIdle);
	// SessionLifetime ends any session that long after sign-in
	// (DefaultLifetime).
	IdleTimeout     time.Duration
	SessionLifetime time.Duration
	// Secure marks the cookies Secure: set it when the server is reached
	// over TLS (directly or behind a proxy that terminates it).
	Secure bool
	// OIDC, when not nil, lets users sign in through the province's
	// identity provider too (OpenID Connect; see OIDCOptions).
	OIDC *OIDCOptions
}

// Sessions' defaults.
const (
	DefaultIdle     = 30 * time.Minute
	DefaultLifetime = 12 * time.Hour
)

// server holds the pages' state.
type server struct {
	records  Records
	api      http.Handler
	now      func() time.Time
	log      *slog.Logger
	idle     time.Duration
	lifetime time.Duration
	secure   bool
	throttle *throttle
	signins  chan struct{} // the password checks running (MaxSignIns)
	oidc     *oidcProvider // nil without Options.OIDC
	pages    map[string]*template.Template
	static   fs.FS
}

// route is one page route: a pattern of http.ServeMux ("GET /lists/{id}")
// and its handler. signedIn routes need a session; the handler gets the
// principal.
type route struct {
	pattern  string
	signedIn bool
	handle   func(s *server, w http.ResponseWriter, r *http.Request, u *viewer)
}

// routes are every page route: the core's and each role's (their files
// add to it in init, with addRoutes).
var routes = []route{
	{pattern: "GET /{$}", signedIn: true, handle: (*server).home},
	{pattern: "GET /signin", handle: (*server).signInPage},
	{pattern: "POST /signin", handle: (*server).signIn},
	{pattern: "POST /signout", signedIn: true, handle: (*server).signOut},
	{pattern: "POST /signout/all", signedIn: true, handle: (*server).signOutEverywhere},
	{pattern: "GET /password", signedIn: true, handle: (*server).passwordPage},
	{pattern: "POST /password", signedIn: true, handle: (*server).changePassword},
	{pattern: "GET /lang", handle: (*server).switchLang},
}

// addRoutes adds a page file's routes.
func addRoutes(rs ...route) { routes = append(routes, rs...) }

// New returns the officers' pages as an http.Handler for the paths the
// API does not serve (examples/server mounts it at /).
func New(o Options) http.Handler {
	if o.Records == nil || o.API == nil {
		panic("web: New needs Records and API")
	}
	s := &server{records: o.Records, api: o.API, now: o.Now, log: o.Logger, idle: o.IdleTimeout,
		lifetime: o.SessionLifetime, secure: o.Secure, throttle: newThrottle(), signins: make(chan struct{}, MaxSignIns)}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.idle <= 0 {
		s.idle = DefaultIdle
	}
	if s.lifetime <= 0 {
		s.lifetime = DefaultLifetime
	}
	if o.OIDC != nil {
		s.oidc = newOIDCProvider(*o.OIDC)
	}
	s.pages = parsePages()
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	s.static = static

	mux := http.NewServeMux()
	for _, rt := range routes {
		rt := rt
		mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { s.serve(w, r, &rt) })
	}
	mux.Handle("GET /static/", http.StripPrefix("/static/", s.staticHandler()))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, nil, http.StatusNotFound, "error.notfound")
	})
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, nil, http.StatusForbidden, "error.crosssite")
	}))
	return s.headers(cop.Handler(mux))
}

// headers sets what every answer of the pages carries: a strict content
// security policy (scripts and styles only from /static, no inline
// script, no framing), no sniffing, no referrer beyond this origin, and
// no caching of anything but the static files (pages hold names).
func (s *server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if !strings.HasPrefix(r.URL.Path, "/static/") {
			h.Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) staticHandler() http.Handler {
	files := http.FileServerFS(s.static)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

// viewer is who is signed in, as the pages need it.
type viewer struct {
	access.Principal
	SessionID  int64
	hash       [32]byte
	mustChange bool
}

// Role is the role's name.
func (u *viewer) RoleName() string { return string(u.Role) }

// May reports whether the viewer's role may ever do the action (the
// policy of package access; where a record sits is the API's to check).
func (u *viewer) May(a string) bool { return access.May(u.Principal, access.Action(a)) }

// actor is the viewer as the store's audit entries name them.
func (u *viewer) actor(r *http.Request) records.Actor {
	return records.Actor{UserID: u.UserID, Role: string(u.Role), RequestID: requestID(r)}
}

// serve runs a route: with its session when it needs one.
func (s *server) serve(w http.ResponseWriter, r *http.Request, rt *route) {
	rid := newRequestID()
	r = r.WithContext(context.WithValue(r.Context(), ridKey{}, rid))
	w.Header().Set("X-Request-Id", rid)
	start := s.now()
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		s.log.Info("page", "request_id", rid, "method", r.Method, "route", rt.pattern, "status", sw.status,
			"duration_ms", s.now().Sub(start).Milliseconds())
	}()
	if !rt.signedIn {
		rt.handle(s, sw, r, nil)
		return
	}
	u, err := s.viewerOf(r)
	if err != nil {
		if !errors.Is(err, records.ErrUnauthenticated) {
			s.fail(sw, r, nil, http.StatusInternalServerError, "error.server")
			return
		}
		next := ""
		if r.Method == http.MethodGet {
			next = r.URL.RequestURI()
		}
		s.clearSession(sw)
		http.Redirect(sw, r, "/signin"+nextQuery(next, r.Header.Get("Cookie") != ""), http.StatusSeeOther)
		return
	}
	if u.mustChange && rt.pattern != "GET /password" && rt.pattern != "POST /password" && rt.pattern != "POST /signout" {
		http.Redirect(sw, r, "/password", http.StatusSeeOther)
		return
	}
	rt.handle(s, sw, r, u)
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

type ridKey struct{}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func requestID(r *http.Request) string {
	id, _ := r.Context().Value(ridKey{}).(string)
	return id
}

// nextQuery is the query that brings a user back to next (a local path)
// after signing in, and says why they are asked (a session that ended).
func nextQuery(next string, hadSession bool) string {
	q := ""
	if localPath(next) && next != "/" {
		q = "?next=" + template.URLQueryEscaper(next)
	}
	if hadSession {
		if q == "" {
			return "?expired=1"
		}
		return q + "&expired=1"
	}
	return q
}

// localPath reports whether p is a path of this site (never another
// origin: no scheme, no "//", no backslash).
func localPath(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.ContainsAny(p, "\\\r\n") &&
		path.Clean(strings.SplitN(p, "?", 2)[0]) != ""
}

// ---- talking to the API ----

// answer is what the API answered a page.
type answer struct {
	Status int
	Header http.Header
	Body   []byte
}

// OK reports a 2xx.
func (a *answer) OK() bool { return a.Status >= 200 && a.Status < 300 }

// decode reads the answer's JSON into v.
func (a *answer) decode(v any) error { return json.Unmarshal(a.Body, v) }

// problem is an RFC 9457 problem of the API, as the pages show it.
type problem struct {
	Type     string        `json:"type"`
	Title    string        `json:"title"`
	Status   int           `json:"status"`
	Detail   string        `json:"detail"`
	DetailEN string        `json:"detail_en"`
	Request  string        `json:"request_id"`
	Code     string        `json:"code"`
	Errors   []problemItem `json:"errors"`
}

// problemItem is one problem of a request, at its pointer (a JSON
// pointer, or a query parameter), cell (a spreadsheet's) or nowhere.
type problemItem struct {
	Pointer   string `json:"pointer"`
	Parameter string `json:"parameter"`
	Cell      string `json:"cell"`
	Row       int    `json:"row"`
	Column    string `json:"column"`
	Code      string `json:"code"`
	Detail    string `json:"detail"`
	DetailEN  string `json:"detail_en"`
}

// problem reads the answer as a problem (the zero one when it is none).
func (a *answer) problem() problem {
	var p problem
	_ = json.Unmarshal(a.Body, &p)
	if p.Status == 0 {
		p.Status = a.Status
	}
	return p
}

// call asks the JSON API, in this process, as u: method and target (a
// path under /v1, with its query), with body of the media type ctype.
func (s *server) call(r *http.Request, u *viewer, method, target string, body []byte, ctype string) *answer {
	return s.callHeader(r, u, method, target, body, ctype, nil)
}

// callHeader is call with request headers h too (If-Match,
// Idempotency-Key).
func (s *server) callHeader(r *http.Request, u *viewer, method, target string, body []byte, ctype string, h http.Header) *answer {
	req, err := http.NewRequestWithContext(httpapi.AsPrincipal(r.Context(), u.Principal), method, target, bytes.NewReader(body))
	if err != nil {
		return &answer{Status: http.StatusInternalServerError, Header: http.Header{}}
	}
	for k, v := range h {
		req.Header[k] = v
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("X-Request-Id", requestID(r))
	req.RemoteAddr = r.RemoteAddr
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	s.api.ServeHTTP(rec, req)
	return &answer{Status: rec.status, Header: rec.header, Body: rec.body.Bytes()}
}

// fetch asks the API for target (a GET) as u and reads its answer into
// v (read).
func (s *server) fetch(w http.ResponseWriter, r *http.Request, u *viewer, target string, v any) bool {
	return s.read(w, r, u, s.call(r, u, http.MethodGet, target, nil, ""), v)
}

// read decodes a successful answer of the API into v. On a refusal or a
// failure it answers the error page itself (failAPI; a 500 for an answer
// it cannot read) and returns false.
func (s *server) read(w http.ResponseWriter, r *http.Request, u *viewer, a *answer, v any) bool {
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return false
	}
	if err := a.decode(v); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return false
	}
	return true
}

// callJSON is call with v encoded as the JSON body.
func (s *server) callJSON(r *http.Request, u *viewer, method, target string, v any) *answer {
	var body []byte
	if v != nil {
		var err error
		if body, err = json.Marshal(v); err != nil {
			return &answer{Status: http.StatusInternalServerError, Header: http.Header{}}
		}
	}
	return s.call(r, u, method, target, body, "application/json")
}

// recorder is an http.ResponseWriter that keeps the answer.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if !r.wrote {
		r.status, r.wrote = code, true
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	r.wrote = true
	return r.body.Write(p)
}

// ---- rendering ----

// page is what every template gets.
type page struct {
	Lang      string
	Title     string // a message key
	User      *viewer
	Path      string // this page's path and query, for the language switch
	Notice    string // a message key: what was done
	Error     string // a message key, or a text already in Lang
	Problem   *problem
	RequestID string
	Data      any
}

// langOf is the language of the request: the lang cookie, else
// Vietnamese.
func langOf(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == langEN {
		return langEN
	}
	return langVI
}

// newPage is a page of r for u.
func newPage(r *http.Request, u *viewer, title string, data any) *page {
	return &page{Lang: langOf(r), Title: title, User: u, Path: r.URL.RequestURI(), RequestID: requestID(r), Data: data}
}

// parsePages parses every page: the layout with each template file that
// is not a part of it.
func parsePages() map[string]*template.Template {
	base := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles, "templates/layout.html"))
	names, err := fs.Glob(templateFiles, "templates/*.html")
	if err != nil {
		panic(err)
	}
	out := map[string]*template.Template{}
	for _, n := range names {
		name := path.Base(n)
		if name == "layout.html" {
			continue
		}
		out[strings.TrimSuffix(name, ".html")] = template.Must(template.Must(base.Clone()).ParseFS(templateFiles, n))
	}
	return out
}

// render writes the page name with status. A template that fails (a
// mistake of ours) is a 500 without half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p *page) {
	t, ok := s.pages[name]
	if !ok {
		s.log.Error("no such page template", "request_id", requestID(r), "page", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.log.Error("page template", "request_id", requestID(r), "page", name, "error", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// fail answers an error page with status: msg is a message key.
func (s *server) fail(w http.ResponseWriter, r *http.Request, u *viewer, status int, msg string) {
	p := newPage(r, u, "error.title", nil)
	p.Error = msg
	s.render(w, r, status, "error", p)
}

// failAPI answers an error page for an answer of the API that was not a
// success: its status (a 5xx as the server's failure) and its problem.
func (s *server) failAPI(w http.ResponseWriter, r *http.Request, u *viewer, a *answer) {
	switch {
	case a.Status == http.StatusNotFound:
		s.fail(w, r, u, http.StatusNotFound, "error.notfound")
		return
	case a.Status == http.StatusForbidden:
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	case a.Status >= 500:
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	pr := a.problem()
	p := newPage(r, u, "error.title", nil)
	p.Problem = &pr
	s.render(w, r, a.Status, "error", p)
}

// problemAt returns the problems of pr at the pointer ptr, in lang: for
// a form, the mistakes to show at its field.
func (pr *problem) At(lang, ptr string) []string {
	if pr == nil {
		return nil
	}
	var out []string
	for _, e := range pr.Errors {
		if e.Pointer == ptr || e.Parameter != "" && e.Parameter == ptr {
			out = append(out, pick(lang, e.Detail, e.DetailEN))
		}
	}
	return out
}

// Text is the problem's detail in lang.
func (pr *problem) Text(lang string) string {
	if pr == nil {
		return ""
	}
	return pick(lang, pr.Detail, pr.DetailEN)
}

// Item is an item's detail in lang, with where it is.
func (e problemItem) Text(lang string) string {
	d := pick(lang, e.Detail, e.DetailEN)
	switch {
	case e.Cell != "":
		return e.Cell + ": " + d
	case e.Pointer != "":
		return fmt.Sprintf("%s: %s", e.Pointer, d)
	case e.Parameter != "":
		return e.Parameter + ": " + d
	}
	return d
}
