package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/vnreentry/credit/records"
)

// Signing in. A session is a cookie of 32 random bytes (HttpOnly,
// SameSite=Lax, Secure under TLS, path /), kept by the store only as its
// SHA-256; it ends after IdleTimeout unused, SessionLifetime after sign-in,
// at sign-out, or at sign-out everywhere. A failed sign-in is counted
// against the login and the client's address (throttle) and audited
// (signin, unauthenticated; the user's id when the login is known, never
// the login).

const sessionCookie = "credit_session"

// MaxSignIns bounds the password checks running at once (each holds
// argon2id's 19 MiB); one more waits signInWait for its turn, then is a
// 503 with Retry-After.
const (
	MaxSignIns = 4
	signInWait = 2 * time.Second
)

func init() {
	addMessages(map[string][2]string{
		"signin.busy":     {"Máy chủ đang bận; hãy thử lại sau giây lát.", "The server is busy; try again in a moment."},
		"error.crosssite": {"Yêu cầu đến từ một trang khác và đã bị từ chối.", "The request came from another site and was refused."},
	})
}

// viewerOf reads the request's session: records.ErrUnauthenticated when it
// has none that holds.
func (s *server) viewerOf(r *http.Request) (*viewer, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || len(c.Value) != 43 {
		return nil, records.ErrUnauthenticated
	}
	raw, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || len(raw) != 32 {
		return nil, records.ErrUnauthenticated
	}
	h := sha256.Sum256(raw)
	p, ses, err := s.records.Session(r.Context(), h, s.idle)
	if err != nil {
		return nil, err
	}
	return &viewer{Principal: p, SessionID: ses.ID, hash: h, mustChange: ses.MustChange}, nil
}

// setSession gives the browser the session's cookie.
func (s *server) setSession(w http.ResponseWriter, value string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: int(s.lifetime.Seconds())})
}

// clearSession takes the cookie away.
func (s *server) clearSession(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: s.secure,
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// signInData is the sign-in form.
type signInData struct {
	Login string
	Next  string
	OIDC  string // the button to the province's identity provider, in the page's language ("" when none)
}

func (s *server) signInPage(w http.ResponseWriter, r *http.Request, _ *viewer) {
	if u, err := s.viewerOf(r); err == nil && !u.mustChange {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	q := r.URL.Query()
	p := newPage(r, nil, "signin.title", signInData{Next: safeNext(q.Get("next")), OIDC: s.oidcButton(r)})
	switch {
	case q.Get("expired") != "":
		p.Notice = "signin.expired"
	case q.Get("out") != "":
		p.Notice = "signin.signedout"
	}
	s.render(w, r, http.StatusOK, "signin", p)
}

// safeNext is next when it is a path of this site, else "".
func safeNext(next string) string {
	if localPath(next) {
		return next
	}
	return ""
}

// clientAddr is the client's address without its port, for throttling.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *server) signIn(w http.ResponseWriter, r *http.Request, _ *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	login := strings.ToLower(strings.TrimSpace(r.PostFormValue("login")))
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	now := s.now()
	keys := []string{"login " + login, "addr " + clientAddr(r)}
	again := func(status int, msg string) {
		p := newPage(r, nil, "signin.title", signInData{Login: login, Next: next, OIDC: s.oidcButton(r)})
		p.Error = msg
		s.render(w, r, status, "signin", p)
	}
	if s.throttle.blocked(now, keys...) {
		s.audit(r, records.Entry{Action: "signin", Resource: "session", Outcome: "throttled"})
		again(http.StatusTooManyRequests, "signin.throttled")
		return
	}
	select { // a password check takes 19 MiB and ~20 ms: a few at a time
	case s.signins <- struct{}{}:
		defer func() { <-s.signins }()
	case <-time.After(signInWait):
		w.Header().Set("Retry-After", "2")
		again(http.StatusServiceUnavailable, "signin.busy")
		return
	case <-r.Context().Done():
		return
	}
	userID, hash, _, err := s.records.Credentials(r.Context(), login)
	if err != nil && !errors.Is(err, records.ErrNotFound) {
		s.fail(w, r, nil, http.StatusInternalServerError, "error.server")
		return
	}
	if err != nil || !VerifyPassword(hash, password) {
		if err != nil {
			VerifyPassword(dummyHash(), password) // as long as a known login's, so that time does not tell which
		}
		s.throttle.fail(now, keys...)
		s.audit(r, records.Entry{UserID: userID, Action: "signin", Resource: "session", Outcome: records.OutcomeUnauthenticated})
		again(http.StatusUnauthorized, "signin.failed")
		return
	}
	s.throttle.forget(keys[0])
	s.beginSession(w, r, userID, next)
}

// beginSession starts a session of the user userID, who has just proved
// who they are (a password, or the province's identity provider): the
// store keeps it with its audit entry (signin), the browser gets its
// cookie, and goes on to next (a local path, or home).
func (s *server) beginSession(w http.ResponseWriter, r *http.Request, userID int64, next string) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		s.fail(w, r, nil, http.StatusInternalServerError, "error.server")
		return
	}
	a := records.Actor{UserID: userID, RequestID: requestID(r)} // the store names the role
	if _, err := s.records.StartSession(r.Context(), a, sha256.Sum256(raw[:]), s.now().Add(s.lifetime)); err != nil {
		s.fail(w, r, nil, http.StatusInternalServerError, "error.server")
		return
	}
	s.setSession(w, base64.RawURLEncoding.EncodeToString(raw[:]))
	if next = safeNext(next); next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// dummyHash is verified against when a login is unknown, so that a
// failed sign-in costs the same either way.
var dummyHash = sync.OnceValue(func() string {
	h, err := HashPassword("not a password of anyone")
	if err != nil {
		panic(err)
	}
	return h
})

// audit appends an entry of the pages (a sign-in refused): no name, no
// login.
func (s *server) audit(r *http.Request, e records.Entry) {
	e.At, e.RequestID = s.now(), requestID(r)
	if err := s.records.Append(r.Context(), e); err != nil {
		s.log.Error("audit", "request_id", e.RequestID, "error", err)
	}
}

func (s *server) signOut(w http.ResponseWriter, r *http.Request, u *viewer) {
	if err := s.records.EndSession(r.Context(), u.actor(r), u.hash); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	s.clearSession(w)
	http.Redirect(w, r, "/signin?out=1", http.StatusSeeOther)
}

func (s *server) signOutEverywhere(w http.ResponseWriter, r *http.Request, u *viewer) {
	if _, err := s.records.EndSessions(r.Context(), u.actor(r), u.UserID); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	s.clearSession(w)
	http.Redirect(w, r, "/signin?out=1", http.StatusSeeOther)
}

func (s *server) passwordPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	p := newPage(r, u, "password.title", nil)
	if u.mustChange {
		p.Notice = "password.must"
	}
	s.render(w, r, http.StatusOK, "password", p)
}

func (s *server) changePassword(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	current, fresh, repeat := r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("repeat")
	again := func(status int, msg string) {
		p := newPage(r, u, "password.title", nil)
		p.Error = msg
		s.render(w, r, status, "password", p)
	}
	login, err := s.records.Login(r.Context(), u.UserID)
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	_, hash, _, err := s.records.Credentials(r.Context(), login)
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	now := s.now()
	key := "change " + login
	switch {
	case s.throttle.blocked(now, key):
		again(http.StatusTooManyRequests, "signin.throttled")
		return
	case !VerifyPassword(hash, current):
		s.throttle.fail(now, key)
		again(http.StatusUnprocessableEntity, "password.wrong")
		return
	case checkPassword(fresh) != nil:
		again(http.StatusUnprocessableEntity, "password.short")
		return
	case fresh != repeat:
		again(http.StatusUnprocessableEntity, "password.mismatch")
		return
	case fresh == current:
		again(http.StatusUnprocessableEntity, "password.same")
		return
	}
	newHash, err := HashPassword(fresh)
	if err == nil {
		err = s.records.SetPassword(r.Context(), u.actor(r), u.UserID, "", newHash, false)
	}
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	u.mustChange = false
	p := newPage(r, u, "password.title", nil)
	p.Notice = "password.done"
	s.render(w, r, http.StatusOK, "password", p)
}

// switchLang sets the language (GET /lang?to=en&next=/path) and goes back.
func (s *server) switchLang(w http.ResponseWriter, r *http.Request, _ *viewer) {
	lang := langVI
	if r.URL.Query().Get("to") == langEN {
		lang = langEN
	}
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: lang, Path: "/", Secure: s.secure, SameSite: http.SameSiteLaxMode,
		MaxAge: 365 * 24 * 3600})
	next := safeNext(r.URL.Query().Get("next"))
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// home is each role's start: its work, as links.
func (s *server) home(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.render(w, r, http.StatusOK, "home", newPage(r, u, "home.title", workOf(u)))
}

// work is a link of a role's home page.
type work struct {
	Path  string
	Title string // message key
}

// workLinks are the pages each action leads to; the home page shows
// those the viewer's role may do (access.May). Page files add theirs.
var workLinks []struct {
	action string
	work   work
}

// addWork adds a link to the home page of the roles that may do action.
func addWork(action, path, title string) {
	workLinks = append(workLinks, struct {
		action string
		work   work
	}{action, work{Path: path, Title: title}})
}

func workOf(u *viewer) []work {
	var out []work
	seen := map[string]bool{}
	for _, l := range workLinks {
		if u.May(l.action) && !seen[l.work.Path] {
			seen[l.work.Path] = true
			out = append(out, l.work)
		}
	}
	return out
}
