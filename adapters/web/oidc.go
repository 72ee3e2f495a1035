package web

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/records"
)

// Signing in through the province's identity provider (OpenID Connect),
// beside passwords, when Options.OIDC is set. GET /signin/oidc sends the
// browser to the provider (the authorization code flow, with state, nonce
// and PKCE S256); GET /signin/oidc/callback checks the state against the
// short-lived flow cookie, exchanges the code, verifies the ID token
// (signature, issuer, audience, expiry, nonce) and finds the user its
// subject is linked to (an admin links them on the user's page). The
// session then begins as after a password. A failure is the sign-in page
// with a message, audited (signin, unauthenticated, resource id "oidc";
// never the subject or an e-mail address) and counted against the
// client's address, with the failed passwords. The provider's discovery
// document is read at the first use, not at start: the server starts, and
// passwords work, while the provider is down.

// OIDCOptions configure the sign-in through the province's identity
// provider.
type OIDCOptions struct {
	// Issuer is the provider's issuer URL, exactly as its ID tokens name
	// it ("iss"); its discovery document is Issuer +
	// "/.well-known/openid-configuration".
	Issuer string
	// ClientID and ClientSecret are this server's, as registered with the
	// provider; RedirectURL is this server's /signin/oidc/callback as the
	// provider's browsers reach it (https://credit.example.vn/signin/oidc/callback).
	ClientID     string
	ClientSecret string
	RedirectURL  string
	// Name is how the sign-in page names the provider (DefaultOIDCName
	// when empty).
	Name credit.Text
}

// DefaultOIDCName is the provider's name on the sign-in page when
// OIDCOptions.Name is empty.
var DefaultOIDCName = credit.Text{VI: "cổng định danh của tỉnh", EN: "the province's identity provider"}

// The flow: its cookie lives oidcFlowTTL (the time to sign in at the
// provider); the provider is asked at most oidcTimeout a request; after a
// failed discovery it is asked again no sooner than oidcRetry.
const (
	oidcCookie  = "credit_oidc"
	oidcPath    = "/signin/oidc"
	oidcFlowTTL = 10 * time.Minute
	oidcTimeout = 10 * time.Second
	oidcRetry   = 10 * time.Second
)

func init() {
	addRoutes(
		route{pattern: "GET /signin/oidc", handle: (*server).oidcStart},
		route{pattern: "GET /signin/oidc/callback", handle: (*server).oidcCallback},
		route{pattern: "POST /admin/users/{id}/subject", signedIn: true, handle: (*server).adminLinkSubject},
		route{pattern: "POST /admin/users/{id}/subject/end", signedIn: true, handle: (*server).adminEndSubject},
	)
	addMessages(map[string][2]string{
		"oidc.signin":      {"Đăng nhập qua %s", "Sign in through %s"},
		"oidc.or":          {"hoặc", "or"},
		"oidc.failed":      {"Không đăng nhập được qua cổng định danh. Hãy thử lại.", "Signing in through the identity provider failed. Try again."},
		"oidc.refused":     {"Cổng định danh đã không xác nhận việc đăng nhập.", "The identity provider did not confirm the sign-in."},
		"oidc.unknown":     {"Tài khoản ở cổng định danh chưa được gắn với người dùng nào của hệ thống. Hãy liên hệ quản trị viên.", "The identity provider's account is not linked to a user of this system. Ask the administrator."},
		"oidc.unavailable": {"Hiện không kết nối được với cổng định danh. Hãy đăng nhập bằng mật khẩu, hoặc thử lại sau.", "The identity provider cannot be reached now. Sign in with a password, or try again later."},

		"admin.subject":          {"Đăng nhập qua cổng định danh", "Sign-in through the identity provider"},
		"admin.subject.issuer":   {"Cổng định danh (issuer)", "Identity provider (issuer)"},
		"admin.subject.linked":   {"Định danh (subject) đã gắn", "Linked subject"},
		"admin.subject.none":     {"Người dùng chưa được gắn với tài khoản nào ở cổng định danh.", "The user is not linked to an account of the identity provider."},
		"admin.subject.field":    {"Định danh của người dùng ở cổng (subject, “sub”)", "The user's subject at the provider (“sub”)"},
		"admin.subject.hint":     {"Đúng như cổng định danh cấp, phân biệt chữ hoa và chữ thường; tối đa 255 ký tự, không có dấu cách.", "Exactly as the provider gives it, case-sensitive; at most 255 characters, no spaces."},
		"admin.subject.link":     {"Gắn tài khoản", "Link the account"},
		"admin.subject.end":      {"Bỏ gắn tài khoản", "End the link"},
		"admin.subject.end.hint": {"Bỏ gắn khi gắn nhầm hoặc người dùng thôi việc; việc gắn và bỏ gắn đều được ghi lại.", "End the link when it was wrong or the user has left; both the link and its end are kept on record."},
		"admin.subject.done":     {"Đã gắn tài khoản ở cổng định danh.", "The account of the identity provider is linked."},
		"admin.subject.ended":    {"Đã bỏ gắn tài khoản ở cổng định danh.", "The link to the identity provider is ended."},
		"admin.subject.invalid":  {"Định danh phải có từ 1 đến 255 ký tự, không có dấu cách.", "A subject is 1 to 255 characters, without spaces."},
		"admin.subject.taken":    {"Định danh này đã gắn với một người dùng khác; hãy bỏ gắn ở người dùng đó trước.", "This subject is linked to another user; end that link first."},
		"admin.subject.set":      {"Người dùng đã gắn với một định danh khác; hãy bỏ gắn trước.", "The user is linked to another subject; end that link first."},
	})
}

// oidcProvider is the identity provider as the pages use it: its
// discovery read at the first use and kept.
type oidcProvider struct {
	o      OIDCOptions
	client *http.Client

	mu       sync.Mutex
	config   *oauth2.Config
	verifier *oidc.IDTokenVerifier
	failed   time.Time // when discovery last failed
}

func newOIDCProvider(o OIDCOptions) *oidcProvider {
	if o.Issuer == "" || o.ClientID == "" || o.RedirectURL == "" {
		panic("web: OIDCOptions need Issuer, ClientID and RedirectURL")
	}
	if o.Name.VI == "" {
		o.Name = DefaultOIDCName
	}
	return &oidcProvider{o: o, client: &http.Client{Timeout: oidcTimeout}}
}

// errOIDCDown: the provider could not be reached (or its discovery
// document was not one).
var errOIDCDown = errors.New("web: the identity provider is unavailable")

// context is ctx with the provider's HTTP client and a deadline.
func (p *oidcProvider) context(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(ctx, oidcTimeout)
	return oidc.ClientContext(ctx, p.client), cancel
}

// get reads the provider's discovery document the first time (and again
// oidcRetry after a failure), with now the pages' clock for the ID
// tokens' expiry.
func (s *server) oidcGet(ctx context.Context) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	p := s.oidc
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.config != nil {
		return p.config, p.verifier, nil
	}
	if !p.failed.IsZero() && time.Since(p.failed) < oidcRetry {
		return nil, nil, errOIDCDown
	}
	ctx, cancel := p.context(ctx)
	defer cancel()
	prov, err := oidc.NewProvider(ctx, p.o.Issuer)
	if err != nil {
		p.failed = time.Now()
		s.log.Error("oidc discovery", "issuer", p.o.Issuer, "error", err)
		return nil, nil, errOIDCDown
	}
	p.config = &oauth2.Config{ClientID: p.o.ClientID, ClientSecret: p.o.ClientSecret, RedirectURL: p.o.RedirectURL,
		Endpoint: prov.Endpoint(), Scopes: []string{oidc.ScopeOpenID}}
	// The key set fetches with the provider's client (kept from ctx).
	p.verifier = prov.Verifier(&oidc.Config{ClientID: p.o.ClientID, Now: s.now})
	return p.config, p.verifier, nil
}

// oidcButton is the sign-in page's button to the provider, in r's
// language; "" without one.
func (s *server) oidcButton(r *http.Request) string {
	if s.oidc == nil {
		return ""
	}
	lang := langOf(r)
	return strings.Replace(tr(lang, "oidc.signin"), "%s", textOf(lang, s.oidc.o.Name), 1)
}

// oidcFlow is what a flow keeps in its cookie between the two legs: the
// state, the nonce and the PKCE verifier (random, compared on return),
// when it began, and where to go after.
type oidcFlow struct {
	state, nonce, verifier string
	at                     time.Time
	next                   string
}

func (f oidcFlow) value() string {
	return strings.Join([]string{f.state, f.nonce, f.verifier, strconv.FormatInt(f.at.Unix(), 10),
		base64.RawURLEncoding.EncodeToString([]byte(f.next))}, ".")
}

// oidcFlowOf reads the request's flow cookie: false when it has none that
// holds, or it is older than oidcFlowTTL.
func (s *server) oidcFlowOf(r *http.Request) (oidcFlow, bool) {
	c, err := r.Cookie(oidcCookie)
	if err != nil || len(c.Value) > 1024 {
		return oidcFlow{}, false
	}
	parts := strings.Split(c.Value, ".")
	if len(parts) != 5 || len(parts[0]) != 43 || len(parts[1]) != 43 || len(parts[2]) < 43 {
		return oidcFlow{}, false
	}
	sec, err := strconv.ParseInt(parts[3], 10, 64)
	next, err2 := base64.RawURLEncoding.DecodeString(parts[4])
	if err != nil || err2 != nil {
		return oidcFlow{}, false
	}
	f := oidcFlow{state: parts[0], nonce: parts[1], verifier: parts[2], at: time.Unix(sec, 0), next: safeNext(string(next))}
	if age := s.now().Sub(f.at); age < -time.Minute || age > oidcFlowTTL {
		return oidcFlow{}, false
	}
	return f, true
}

// setFlow gives the browser the flow's cookie (or takes it away, with
// the zero flow): HttpOnly, SameSite=Lax (the provider's redirect back
// is a top-level GET, which carries it), only for /signin/oidc.
func (s *server) setFlow(w http.ResponseWriter, f *oidcFlow) {
	c := &http.Cookie{Name: oidcCookie, Path: oidcPath, HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteLaxMode, MaxAge: -1}
	if f != nil {
		c.Value, c.MaxAge = f.value(), int(oidcFlowTTL.Seconds())
	}
	http.SetCookie(w, c)
}

// random32 is 32 random bytes in unpadded base64url (43 characters).
func random32() string {
	var b [32]byte
	_, _ = rand.Read(b[:]) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// oidcAgain answers the sign-in page with a message.
func (s *server) oidcAgain(w http.ResponseWriter, r *http.Request, status int, msg, next string) {
	p := newPage(r, nil, "signin.title", signInData{Next: next, OIDC: s.oidcButton(r)})
	p.Error = msg
	s.render(w, r, status, "signin", p)
}

// oidcRefused audits a sign-in through the provider refused (with the
// user's id when known: never the subject), counts it against the
// client's address unless it is the provider's failure, and answers the
// sign-in page.
func (s *server) oidcRefused(w http.ResponseWriter, r *http.Request, status int, msg string, userID int64, next string) {
	if status != http.StatusServiceUnavailable {
		s.throttle.fail(s.now(), "addr "+clientAddr(r))
	}
	s.audit(r, records.Entry{UserID: userID, Action: "signin", Resource: "session", ResourceID: "oidc",
		Outcome: records.OutcomeUnauthenticated})
	s.oidcAgain(w, r, status, msg, next)
}

// oidcThrottled reports (and answers, audited) a client address with too
// many failed sign-ins.
func (s *server) oidcThrottled(w http.ResponseWriter, r *http.Request, next string) bool {
	if !s.throttle.blocked(s.now(), "addr "+clientAddr(r)) {
		return false
	}
	s.audit(r, records.Entry{Action: "signin", Resource: "session", ResourceID: "oidc", Outcome: "throttled"})
	s.oidcAgain(w, r, http.StatusTooManyRequests, "signin.throttled", next)
	return true
}

// oidcStart sends the browser to the provider to sign in there.
func (s *server) oidcStart(w http.ResponseWriter, r *http.Request, _ *viewer) {
	if s.oidc == nil {
		s.fail(w, r, nil, http.StatusNotFound, "error.notfound")
		return
	}
	next := safeNext(r.URL.Query().Get("next"))
	if s.oidcThrottled(w, r, next) {
		return
	}
	cfg, _, err := s.oidcGet(r.Context())
	if err != nil {
		s.oidcRefused(w, r, http.StatusServiceUnavailable, "oidc.unavailable", 0, next)
		return
	}
	f := oidcFlow{state: random32(), nonce: random32(), verifier: oauth2.GenerateVerifier(), at: s.now(), next: next}
	s.setFlow(w, &f)
	http.Redirect(w, r, cfg.AuthCodeURL(f.state, oidc.Nonce(f.nonce), oauth2.S256ChallengeOption(f.verifier)), http.StatusSeeOther)
}

// oidcCallback is where the provider sends the browser back: with a code
// to exchange, or an error.
func (s *server) oidcCallback(w http.ResponseWriter, r *http.Request, _ *viewer) {
	if s.oidc == nil {
		s.fail(w, r, nil, http.StatusNotFound, "error.notfound")
		return
	}
	f, ok := s.oidcFlowOf(r)
	s.setFlow(w, nil) // a flow is used once
	if s.oidcThrottled(w, r, f.next) {
		return
	}
	q := r.URL.Query()
	switch {
	case !ok || subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.state)) != 1:
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.failed", 0, f.next)
		return
	case q.Get("error") != "" || q.Get("code") == "":
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.refused", 0, f.next)
		return
	}
	cfg, verifier, err := s.oidcGet(r.Context())
	if err != nil {
		s.oidcRefused(w, r, http.StatusServiceUnavailable, "oidc.unavailable", 0, f.next)
		return
	}
	ctx, cancel := s.oidc.context(r.Context())
	defer cancel()
	tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(f.verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode >= 500 { // not an answer: the provider's failure
			s.log.Error("oidc exchange", "request_id", requestID(r), "error", err)
			s.oidcRefused(w, r, http.StatusServiceUnavailable, "oidc.unavailable", 0, f.next)
			return
		}
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.failed", 0, f.next)
		return
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.failed", 0, f.next)
		return
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.nonce)) != 1 {
		if err != nil {
			s.log.Info("oidc id token refused", "request_id", requestID(r), "error", err)
		}
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.failed", 0, f.next)
		return
	}
	userID, err := s.records.UserBySubject(r.Context(), s.oidc.o.Issuer, idt.Subject)
	switch {
	case errors.Is(err, records.ErrNotFound):
		s.oidcRefused(w, r, http.StatusUnauthorized, "oidc.unknown", 0, f.next)
		return
	case err != nil:
		s.fail(w, r, nil, http.StatusInternalServerError, "error.server")
		return
	}
	s.beginSession(w, r, userID, f.next)
}

// ---- the admin's links of users to subjects ----

// admSubjectView is the user page's part for the provider: its issuer
// and the user's subject ("" when none).
type admSubjectView struct {
	Issuer  string
	Subject string
}

// admSubject is the user's link to the provider for their page; nil
// without a provider.
func (s *server) admSubject(r *http.Request, userID int64) *admSubjectView {
	if s.oidc == nil {
		return nil
	}
	sub, err := s.records.Subject(r.Context(), userID, s.oidc.o.Issuer)
	if err != nil {
		s.log.Error("subject", "request_id", requestID(r), "error", err)
	}
	return &admSubjectView{Issuer: s.oidc.o.Issuer, Subject: sub}
}

// admValidSubject: 1 to 255 bytes, printable, no spaces (the store's
// rule, checked here to show it at the field).
func admValidSubject(sub string) bool {
	if sub == "" || len(sub) > 255 {
		return false
	}
	for _, c := range sub {
		if !unicode.IsPrint(c) || unicode.IsSpace(c) {
			return false
		}
	}
	return true
}

// adminLinkSubject links the user to a subject of the provider.
func (s *server) adminLinkSubject(w http.ResponseWriter, r *http.Request, u *viewer) {
	if s.oidc == nil {
		s.fail(w, r, u, http.StatusNotFound, "error.notfound")
		return
	}
	if !u.May("users.manage") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	one := s.admOne(w, r, u)
	if one == nil {
		return
	}
	sub := strings.TrimSpace(r.PostFormValue("subject"))
	again := func(status int, msg string) {
		v := s.admNewView()
		v.User = one
		v.Form["subject"] = sub
		v.Errs["subject"] = []string{tr(langOf(r), msg)}
		p := newPage(r, u, "admin.user.title", v)
		p.Error = "form.problems"
		s.render(w, r, status, "admin_users", p)
	}
	if !admValidSubject(sub) {
		again(http.StatusUnprocessableEntity, "admin.subject.invalid")
		return
	}
	err := s.records.LinkSubject(r.Context(), u.actor(r), one.ID, s.oidc.o.Issuer, sub)
	var ce *records.ConflictError
	switch {
	case errors.As(err, &ce) && ce.Code == "subject_taken":
		again(http.StatusConflict, "admin.subject.taken")
		return
	case errors.As(err, &ce):
		again(http.StatusConflict, "admin.subject.set")
		return
	case errors.Is(err, records.ErrNotFound):
		s.fail(w, r, u, http.StatusNotFound, "error.notfound")
		return
	case err != nil:
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(one.ID, 10)+"?done=linked", http.StatusSeeOther)
}

// adminEndSubject ends the user's link to the provider.
func (s *server) adminEndSubject(w http.ResponseWriter, r *http.Request, u *viewer) {
	if s.oidc == nil {
		s.fail(w, r, u, http.StatusNotFound, "error.notfound")
		return
	}
	if !u.May("users.manage") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	one := s.admOne(w, r, u)
	if one == nil {
		return
	}
	err := s.records.EndSubject(r.Context(), u.actor(r), one.ID, s.oidc.o.Issuer)
	if err != nil && !errors.Is(err, records.ErrNotFound) { // none to end: nothing to do
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	http.Redirect(w, r, "/admin/users/"+strconv.FormatInt(one.ID, 10)+"?done=unlinked", http.StatusSeeOther)
}
