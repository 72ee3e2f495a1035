package web_test

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/adapters/web"
	"github.com/vnreentry/credit/records"
)

// mockIdP is an OpenID provider in the test's process: discovery, its
// keys (one RSA key), /authorize that sends the browser straight back
// with a code (as if the person had signed in there as sub), and /token
// that checks the client, the code and the PKCE verifier and answers an
// ID token signed RS256.
type mockIdP struct {
	t        testing.TB
	srv      *httptest.Server
	URL      string
	key      *rsa.PrivateKey
	now      func() time.Time
	redirect string

	mu     sync.Mutex
	grants map[string]mockGrant // by code
	sub    string               // who signs in at the provider
	deny   bool                 // the person says no at the provider
	signer *rsa.PrivateKey      // signs the ID tokens (key when nil)
	claims func(map[string]any) // a test's change to the ID token
}

type mockGrant struct{ challenge, nonce string }

const (
	mockClientID     = "credit-pages"
	mockClientSecret = "the pages' secret at the provider"
)

// The RSA keys of the tests (made once: 2048-bit keys take a while).
var mockKeys = sync.OnceValues(func() (*rsa.PrivateKey, *rsa.PrivateKey) {
	a, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	b, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return a, b
})

func newMockIdP(t testing.TB) *mockIdP {
	key, _ := mockKeys()
	m := &mockIdP{t: t, key: key, grants: map[string]mockGrant{}, now: time.Now}
	mux := http.NewServeMux()
	m.srv = httptest.NewServer(mux)
	t.Cleanup(m.srv.Close)
	m.URL = m.srv.URL
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{
			"issuer": m.URL, "authorization_endpoint": m.URL + "/authorize", "token_endpoint": m.URL + "/token",
			"jwks_uri": m.URL + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		b64 := base64.RawURLEncoding.EncodeToString
		writeJSON(w, http.StatusOK, map[string]any{"keys": []map[string]string{{"kty": "RSA", "alg": "RS256", "use": "sig", "kid": "k1",
			"n": b64(m.key.N.Bytes()), "e": b64(big.NewInt(int64(m.key.E)).Bytes())}}})
	})
	mux.HandleFunc("GET /authorize", m.authorize)
	mux.HandleFunc("POST /token", m.token)
	return m
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (m *mockIdP) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	for k, want := range map[string]string{"client_id": mockClientID, "redirect_uri": m.redirect, "response_type": "code",
		"scope": "openid", "code_challenge_method": "S256"} {
		if q.Get(k) != want {
			m.t.Errorf("authorize: %s %q, want %q", k, q.Get(k), want)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
	}
	for _, k := range []string{"state", "nonce", "code_challenge"} {
		if q.Get(k) == "" {
			m.t.Errorf("authorize: no %s", k)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
	}
	back := url.Values{"state": {q.Get("state")}}
	m.mu.Lock()
	if m.deny {
		back.Set("error", "access_denied")
	} else {
		code := strconv.Itoa(len(m.grants)+1) + "-" + base64.RawURLEncoding.EncodeToString(sha256.New().Sum([]byte(q.Get("state"))))[:16]
		m.grants[code] = mockGrant{challenge: q.Get("code_challenge"), nonce: q.Get("nonce")}
		back.Set("code", code)
	}
	m.mu.Unlock()
	http.Redirect(w, r, m.redirect+"?"+back.Encode(), http.StatusFound)
}

func (m *mockIdP) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_request"})
		return
	}
	id, secret, ok := r.BasicAuth()
	if ok {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	} else {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	if id != mockClientID || secret != mockClientSecret {
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "invalid_client"})
		return
	}
	m.mu.Lock()
	g, known := m.grants[r.PostForm.Get("code")]
	delete(m.grants, r.PostForm.Get("code")) // a code is used once
	sub, signer, change := m.sub, m.signer, m.claims
	m.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
	if !known || r.PostForm.Get("grant_type") != "authorization_code" || r.PostForm.Get("redirect_uri") != m.redirect ||
		base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "invalid_grant"})
		return
	}
	now := m.now()
	claims := map[string]any{"iss": m.URL, "aud": mockClientID, "sub": sub, "nonce": g.nonce,
		"iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix()}
	if change != nil {
		change(claims)
	}
	if signer == nil {
		signer = m.key
	}
	writeJSON(w, http.StatusOK, map[string]any{"access_token": "at-" + sub, "token_type": "Bearer", "expires_in": 300,
		"id_token": signJWT(m.t, signer, claims)})
}

// signJWT is a JWT of the claims signed RS256 with key (kid k1).
func signJWT(t testing.TB, key *rsa.PrivateKey, claims map[string]any) string {
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	signing := enc(map[string]string{"alg": "RS256", "typ": "JWT", "kid": "k1"}) + "." + enc(claims)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	return signing + "." + base64.RawURLEncoding.EncodeToString(sig)
}

// set changes the provider under its lock.
func (m *mockIdP) set(fn func(m *mockIdP)) {
	m.mu.Lock()
	defer m.mu.Unlock()
	fn(m)
}

// newOIDCSite is a site whose pages sign in through the mock provider too.
func newOIDCSite(t *testing.T) (*site, *mockIdP) {
	idp := newMockIdP(t)
	s := newSite(t, func(s *site, o *web.Options) {
		idp.now = func() time.Time { return *s.now.Load() }
		idp.redirect = s.URL + "/signin/oidc/callback"
		o.OIDC = &web.OIDCOptions{Issuer: idp.URL, ClientID: mockClientID, ClientSecret: mockClientSecret, RedirectURL: idp.redirect}
	})
	return s, idp
}

// toProvider starts the flow in b (GET start) and signs in at the
// provider: it returns the path and query the provider sends the browser
// back to.
func (m *mockIdP) toProvider(b *browser, start string) string {
	b.t.Helper()
	res := b.get(start)
	loc := res.header.Get("Location")
	if res.status != http.StatusSeeOther || !strings.HasPrefix(loc, m.URL+"/authorize?") {
		b.t.Fatalf("to the provider: %d %q\n%s", res.status, loc, res.body)
	}
	for _, want := range []string{"code_challenge_method=S256", "nonce=", "state="} {
		if !strings.Contains(loc, want) {
			b.t.Errorf("the authorization request lacks %s: %s", want, loc)
		}
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	at, err := c.Get(loc)
	if err != nil {
		b.t.Fatal(err)
	}
	at.Body.Close()
	back := at.Header.Get("Location")
	if at.StatusCode != http.StatusFound || !strings.HasPrefix(back, b.site.URL+"/signin/oidc/callback?") {
		b.t.Fatalf("back from the provider: %d %q", at.StatusCode, back)
	}
	return strings.TrimPrefix(back, b.site.URL)
}

// signInOIDC runs the whole flow in b; it returns the callback's answer.
func (m *mockIdP) signInOIDC(b *browser, start string) response {
	b.t.Helper()
	return b.get(m.toProvider(b, start))
}

// link makes a user of the role with a password and links the subject
// to them; it returns the login, password and user id.
func (m *mockIdP) link(s *site, role access.Role, communes []string, subject string) (string, string, int64) {
	s.t.Helper()
	login, pw := s.user(role, communes, "")
	id, _, _, err := s.Store.Credentials(context.Background(), login)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := s.Store.LinkSubject(context.Background(), records.Actor{Role: store.SystemRole}, id, m.URL, subject); err != nil {
		s.t.Fatal(err)
	}
	return login, pw, id
}

// trail is the whole audit trail.
func (s *site) trail() []records.Entry {
	s.t.Helper()
	es, err := s.Store.Audit(context.Background(), 0, store.MaxAuditPage)
	if err != nil {
		s.t.Fatal(err)
	}
	return es
}

// noSecret fails the test if the trail holds any of secrets.
func noSecret(t *testing.T, es []records.Entry, secrets ...string) {
	t.Helper()
	for _, e := range es {
		b, _ := json.Marshal(e)
		for _, sec := range secrets {
			if strings.Contains(string(b), sec) {
				t.Errorf("%q in the trail: %s", sec, b)
			}
		}
	}
}

// signedOut reports whether b has no session.
func signedOut(b *browser) bool {
	res := b.get("/")
	return res.status == http.StatusSeeOther && strings.HasPrefix(res.header.Get("Location"), "/signin")
}

func TestOIDCSignIn(t *testing.T) {
	s, idp := newOIDCSite(t)
	const subject = "079100000001"
	_, _, id := idp.link(s, access.CommunePolice, []string{"03424"}, subject)
	idp.set(func(m *mockIdP) { m.sub = subject })
	b := s.browser()

	page := b.get("/signin")
	if !strings.Contains(page.body, `id="do-signin-oidc"`) || !strings.Contains(page.body, "Đăng nhập qua cổng định danh của tỉnh") {
		t.Fatalf("no button to the provider:\n%s", page.body)
	}
	if en := b.get("/lang?to=en&next=/signin"); en.status != http.StatusSeeOther {
		t.Fatal("the language switch")
	}
	if page := b.get("/signin"); !strings.Contains(page.body, "Sign in through the province&#39;s identity provider") {
		t.Errorf("the English button:\n%s", page.body)
	}
	b.get("/lang?to=vi&next=/signin")
	if page := b.get("/signin?next=/password"); !strings.Contains(page.body, `href="/signin/oidc?next=%2fpassword"`) {
		t.Errorf("the button does not carry next:\n%s", page.body)
	}

	before := len(s.trail())
	res := idp.signInOIDC(b, "/signin/oidc")
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		t.Fatalf("signed in: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	cookie := sessionCookie(t, b)
	if !cookie.HttpOnly && cookie.Value == "" {
		t.Error("the session cookie")
	}
	if home := b.get("/"); home.status != http.StatusOK || !strings.Contains(home.body, "Công an xã") {
		t.Fatalf("home: %d\n%s", home.status, home.body)
	}
	es := s.trail()[before:]
	if len(es) != 1 || es[0].Action != "signin" || es[0].Resource != "session" || es[0].UserID != id || es[0].Outcome != records.OutcomeOK {
		t.Errorf("the trail: %+v", es)
	}
	noSecret(t, s.trail(), subject)

	// The flow's cookie: HttpOnly, Lax, only for /signin/oidc, and used
	// once (the same answer of the provider again is refused).
	b2 := s.browser()
	back := idp.toProvider(b2, "/signin/oidc?next=/password")
	u, _ := url.Parse(s.URL + "/signin/oidc/callback")
	var flow *http.Cookie
	for _, c := range b2.c.Jar.Cookies(u) {
		if c.Name == "credit_oidc" {
			flow = c
		}
	}
	if flow == nil {
		t.Fatal("no flow cookie")
	}
	if res := b2.get(back); res.status != http.StatusSeeOther || res.header.Get("Location") != "/password" {
		t.Errorf("back to next: %d %q", res.status, res.header.Get("Location"))
	}
	b3 := s.browser()
	b3.c.Jar.SetCookies(u, []*http.Cookie{flow})
	if res := b3.get(back); res.status != http.StatusUnauthorized || !signedOut(b3) {
		t.Errorf("a flow used twice: %d", res.status)
	}

	// Sign-out is audited as ever.
	if res := b.post("/signout", nil); res.status != http.StatusSeeOther || !signedOut(b) {
		t.Fatalf("sign-out: %d", res.status)
	}
	if es := s.trail(); es[len(es)-1].Action != "signout" || es[len(es)-1].UserID != id {
		t.Errorf("sign-out in the trail: %+v", es[len(es)-1])
	}
}

func TestOIDCRefused(t *testing.T) {
	s, idp := newOIDCSite(t)
	const subject = "079100000002"
	idp.link(s, access.CommunePolice, []string{"03424"}, subject)
	_, other := mockKeys()
	reset := func(m *mockIdP) { m.sub, m.deny, m.signer, m.claims = subject, false, nil, nil }
	for _, tc := range []struct {
		name     string
		mischief func(m *mockIdP)
		back     func(back string, b *browser) string // changes the way back
		status   int
		msg      string
	}{
		{name: "unknown subject", mischief: func(m *mockIdP) { m.sub = "079199999999" }, status: http.StatusUnauthorized, msg: "chưa được gắn"},
		{name: "wrong state", back: func(back string, _ *browser) string {
			return strings.Replace(back, "state=", "state=x", 1)
		}, status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "no flow cookie", back: func(back string, b *browser) string {
			u, _ := url.Parse(s.URL + "/signin/oidc")
			b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "credit_oidc", Value: "", Path: "/signin/oidc", MaxAge: -1}})
			return back
		}, status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "another PKCE verifier", back: func(back string, b *browser) string {
			u, _ := url.Parse(s.URL + "/signin/oidc")
			for _, c := range b.c.Jar.Cookies(u) {
				if c.Name == "credit_oidc" {
					parts := strings.Split(c.Value, ".")
					parts[2] = strings.Repeat("A", len(parts[2]))
					b.c.Jar.SetCookies(u, []*http.Cookie{{Name: "credit_oidc", Value: strings.Join(parts, "."), Path: "/signin/oidc"}})
				}
			}
			return back
		}, status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "refused at the provider", mischief: func(m *mockIdP) { m.deny = true }, status: http.StatusUnauthorized, msg: "không xác nhận"},
		{name: "another audience", mischief: func(m *mockIdP) { m.claims = func(c map[string]any) { c["aud"] = "another-client" } },
			status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "another issuer", mischief: func(m *mockIdP) { m.claims = func(c map[string]any) { c["iss"] = "https://evil.example" } },
			status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "expired", mischief: func(m *mockIdP) {
			m.claims = func(c map[string]any) { c["exp"] = m.now().Add(-time.Minute).Unix() }
		}, status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "wrong nonce", mischief: func(m *mockIdP) { m.claims = func(c map[string]any) { c["nonce"] = "another nonce" } },
			status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
		{name: "signed by another key", mischief: func(m *mockIdP) { m.signer = other }, status: http.StatusUnauthorized, msg: "Không đăng nhập được"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			idp.set(reset)
			if tc.mischief != nil {
				idp.set(tc.mischief)
			}
			s.advance(web.FailureWindow) // each case from an address without failures
			b := s.browser()
			before := len(s.trail())
			back := idp.toProvider(b, "/signin/oidc")
			if tc.back != nil {
				back = tc.back(back, b)
			}
			res := b.get(back)
			if res.status != tc.status || !strings.Contains(res.body, tc.msg) || !strings.Contains(res.body, `id="password"`) {
				t.Fatalf("%d, want %d with %q\n%s", res.status, tc.status, tc.msg, res.body)
			}
			if !signedOut(b) {
				t.Error("let in")
			}
			es := s.trail()[before:]
			if len(es) != 1 || es[0].Action != "signin" || es[0].Outcome != records.OutcomeUnauthenticated || es[0].ResourceID != "oidc" || es[0].UserID != 0 {
				t.Errorf("the trail: %+v", es)
			}
			noSecret(t, s.trail(), subject, "079199999999")
		})
	}

	// Failures are counted against the client's address, with the
	// passwords': the sixth is refused before the provider is asked, and
	// so is a password from there.
	s.advance(web.FailureWindow)
	idp.set(reset)
	idp.set(func(m *mockIdP) { m.sub = "079199999999" })
	b := s.browser()
	for range web.MaxFailures {
		if res := idp.signInOIDC(b, "/signin/oidc"); res.status != http.StatusUnauthorized {
			t.Fatalf("a failure: %d", res.status)
		}
	}
	if res := b.get("/signin/oidc"); res.status != http.StatusTooManyRequests {
		t.Errorf("throttled: %d", res.status)
	}
	login, pw := s.user(access.Auditor, nil, "")
	if res := b.post("/signin", url.Values{"login": {login}, "password": {pw}}); res.status != http.StatusTooManyRequests {
		t.Errorf("a password from a throttled address: %d", res.status)
	}
	if es := s.trail(); es[len(es)-1].Outcome != "throttled" {
		t.Errorf("the throttled attempt in the trail: %+v", es[len(es)-1])
	}
}

// The provider down: the server starts, the sign-in page shows the
// button and passwords work; the button says the provider cannot be
// reached.
func TestOIDCProviderDown(t *testing.T) {
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	s := newSite(t, func(s *site, o *web.Options) {
		o.OIDC = &web.OIDCOptions{Issuer: down.URL, ClientID: mockClientID, RedirectURL: s.URL + "/signin/oidc/callback",
			Name: web.DefaultOIDCName}
	})
	login, pw := s.user(access.Auditor, nil, "")
	b := s.browser()
	if page := b.get("/signin"); page.status != http.StatusOK || !strings.Contains(page.body, `id="do-signin-oidc"`) {
		t.Fatalf("the sign-in page: %d", page.status)
	}
	before := len(s.trail())
	res := b.get("/signin/oidc")
	if res.status != http.StatusServiceUnavailable || !strings.Contains(res.body, "không kết nối được") || !strings.Contains(res.body, `id="password"`) {
		t.Fatalf("provider down: %d\n%s", res.status, res.body)
	}
	if es := s.trail()[before:]; len(es) != 1 || es[0].Outcome != records.OutcomeUnauthenticated || es[0].ResourceID != "oidc" {
		t.Errorf("the trail: %+v", es)
	}
	for range web.MaxFailures + 1 { // not the person's failure: not counted against them
		b.get("/signin/oidc")
	}
	b.signIn(login, pw)
	if home := b.get("/"); home.status != http.StatusOK {
		t.Fatalf("home after a password: %d", home.status)
	}
}

// Without OIDC the sign-in page has no button and its routes are 404s.
func TestOIDCOff(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	if page := b.get("/signin"); strings.Contains(page.body, "do-signin-oidc") {
		t.Error("a button to no provider")
	}
	for _, p := range []string{"/signin/oidc", "/signin/oidc/callback?state=x&code=y"} {
		if res := b.get(p); res.status != http.StatusNotFound {
			t.Errorf("%s: %d", p, res.status)
		}
	}
}

// The admin links a user to a subject on the user's page, and ends the
// link.
func TestOIDCAdminLinks(t *testing.T) {
	s, idp := newOIDCSite(t)
	adminLogin, adminPW := s.user(access.Admin, nil, "")
	police, policePW := s.user(access.CommunePolice, []string{"03424"}, "")
	id, _, _, err := s.Store.Credentials(context.Background(), police)
	if err != nil {
		t.Fatal(err)
	}
	other, _ := s.user(access.Auditor, nil, "")
	otherID, _, _, _ := s.Store.Credentials(context.Background(), other)
	userPath := "/admin/users/" + strconv.FormatInt(id, 10)
	const subject = "079100000003"

	a := s.browser()
	a.signIn(adminLogin, adminPW)
	page := a.get(userPath)
	for _, want := range []string{`id="do-link-subject"`, `<label for="subject">`, idp.URL, "chưa được gắn"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the user's page lacks %q", want)
		}
	}
	if res := a.post(userPath+"/subject", url.Values{"subject": {"has a space"}}); res.status != http.StatusUnprocessableEntity ||
		!strings.Contains(res.body, `class="problem" id="subject-error"`) {
		t.Errorf("an invalid subject: %d", res.status)
	}
	before := len(s.trail())
	if res := a.post(userPath+"/subject", url.Values{"subject": {subject}}); res.status != http.StatusSeeOther ||
		res.header.Get("Location") != userPath+"?done=linked" {
		t.Fatalf("link: %d %q\n%s", res.status, res.header.Get("Location"), res.body)
	}
	if page := a.get(userPath + "?done=linked"); !strings.Contains(page.body, "Đã gắn tài khoản") || !strings.Contains(page.body, `id="do-end-subject"`) ||
		!strings.Contains(page.body, subject) {
		t.Errorf("the linked user's page:\n%s", page.body)
	}
	es := subjectEntries(s.trail()[before:])
	if len(es) != 1 || es[0].Action != "users.manage" || es[0].Resource != "subject" || es[0].ResourceID != strconv.FormatInt(id, 10) {
		t.Errorf("the link in the trail: %+v", es)
	}
	if res := a.post("/admin/users/"+strconv.FormatInt(otherID, 10)+"/subject", url.Values{"subject": {subject}}); res.status != http.StatusConflict ||
		!strings.Contains(res.body, "người dùng khác") {
		t.Errorf("a subject taken: %d", res.status)
	}

	// The subject signs in as the user.
	idp.set(func(m *mockIdP) { m.sub = subject })
	b := s.browser()
	if res := idp.signInOIDC(b, "/signin/oidc"); res.status != http.StatusSeeOther || signedOut(b) {
		t.Fatalf("the linked subject: %d\n%s", res.status, res.body)
	}

	// Only an admin links.
	p := s.browser()
	p.signIn(police, policePW)
	if res := p.post(userPath+"/subject", url.Values{"subject": {"079100000004"}}); res.status != http.StatusForbidden {
		t.Errorf("the police links: %d", res.status)
	}

	// The link ended: the subject no longer signs in.
	if res := a.post(userPath+"/subject/end", nil); res.status != http.StatusSeeOther || res.header.Get("Location") != userPath+"?done=unlinked" {
		t.Fatalf("end: %d %q", res.status, res.header.Get("Location"))
	}
	if page := a.get(userPath + "?done=unlinked"); !strings.Contains(page.body, "Đã bỏ gắn") || !strings.Contains(page.body, `id="do-link-subject"`) {
		t.Error("the page after the end")
	}
	if es := subjectEntries(s.trail()); len(es) != 2 || es[1].Resource != "subject.end" || es[1].ResourceID != strconv.FormatInt(id, 10) {
		t.Errorf("the end in the trail: %+v", es)
	}
	if res := idp.signInOIDC(s.browser(), "/signin/oidc"); res.status != http.StatusUnauthorized {
		t.Errorf("an ended link: %d", res.status)
	}
	noSecret(t, s.trail(), subject)
}

// subjectEntries are the entries of links and their ends.
func subjectEntries(es []records.Entry) []records.Entry {
	var out []records.Entry
	for _, e := range es {
		if strings.HasPrefix(e.Resource, "subject") {
			out = append(out, e)
		}
	}
	return out
}
