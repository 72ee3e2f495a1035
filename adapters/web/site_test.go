package web_test

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/adapters/web"
	"github.com/vnreentry/credit/records"
)

// site is a whole server for the pages' tests: the real store (SQLite in
// a temporary directory), the JSON API and the pages, mounted as
// examples/server mounts them, behind an httptest.Server.
type site struct {
	t     testing.TB
	URL   string
	Store *store.Store
	now   atomic.Pointer[time.Time]
	n     atomic.Int64
}

// siteNow is the day the tests' clock starts on: 10 November 2026, 09:00
// in Vietnam, so that the lists of period 2026-11 are on time.
var siteNow = time.Date(2026, 11, 10, 2, 0, 0, 0, time.UTC)

// newSite starts a site; it stops with the test. opts change the pages'
// options (the site's URL is known by then).
func newSite(t testing.TB, opts ...func(*site, *web.Options)) *site {
	t.Helper()
	s := &site{t: t}
	start := siteNow
	s.now.Store(&start)
	clock := func() time.Time { return *s.now.Load() }
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "credit.db"), store.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	s.Store = st
	log := slog.New(slog.DiscardHandler)
	api := httpapi.New(httpapi.Options{Book: credit.DefaultBook(), Records: st, Now: clock, Logger: log,
		PersonKeySecret: []byte("the pages' tests' person key, 32+")})
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	o := web.Options{Records: st, API: api, Now: clock, Logger: log}
	for _, opt := range opts {
		opt(s, &o)
	}
	mux.Handle("/v1/", api)
	mux.Handle("/healthz", api)
	mux.Handle("/", web.New(o))
	return s
}

// advance moves the site's clock on.
func (s *site) advance(d time.Duration) {
	t := s.now.Load().Add(d)
	s.now.Store(&t)
}

// user makes a user of the role (communes for the commune roles, province
// for the province roles) with a login and a password of its own (not to
// be changed), and returns the login and the password.
func (s *site) user(role access.Role, communes []string, province string) (login, password string) {
	s.t.Helper()
	ctx := context.Background()
	u, err := s.Store.CreateUser(ctx, records.Actor{Role: store.SystemRole}, records.NewUser{Name: "Cán bộ thử " + string(role),
		Role: string(role), Communes: communes, Province: province})
	if err != nil {
		s.t.Fatal(err)
	}
	login = strings.ReplaceAll(string(role), "_", "-") + "-" + strconv.FormatInt(s.n.Add(1), 10)
	password = "mật khẩu của " + login
	hash, err := web.HashPassword(password)
	if err != nil {
		s.t.Fatal(err)
	}
	if err := s.Store.SetPassword(ctx, records.Actor{Role: store.SystemRole}, u.ID, login, hash, false); err != nil {
		s.t.Fatal(err)
	}
	return login, password
}

// browser is a client with its own cookies, as one person's browser.
type browser struct {
	t    testing.TB
	site *site
	c    *http.Client
}

// browser returns a new browser (no cookies yet; redirects not followed).
func (s *site) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: s.t, site: s, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// signIn signs the browser in; it fails the test unless it is let in.
func (b *browser) signIn(login, password string) {
	b.t.Helper()
	res := b.post("/signin", url.Values{"login": {login}, "password": {password}})
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		b.t.Fatalf("sign-in of %s: %d %s\n%s", login, res.status, res.header.Get("Location"), res.body)
	}
}

// response is what came back.
type response struct {
	status int
	header http.Header
	body   string
}

func (b *browser) do(req *http.Request) response {
	b.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return response{status: res.StatusCode, header: res.Header, body: string(body)}
}

// get fetches a page.
func (b *browser) get(path string) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.site.URL+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.do(req)
}

// post sends a form as a browser of this site would (Origin and
// Sec-Fetch-Site same-origin).
func (b *browser) post(path string, form url.Values) response {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.site.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.site.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

// token makes a user of the role and a bearer token of theirs, to drive
// the JSON API as that user (seeding what a test's pages then show).
func (s *site) token(role access.Role, communes []string, province string) string {
	s.t.Helper()
	u, err := s.Store.CreateUser(context.Background(), records.Actor{Role: store.SystemRole}, records.NewUser{
		Name: "Cán bộ API " + string(role), Role: string(role), Communes: communes, Province: province})
	if err != nil {
		s.t.Fatal(err)
	}
	return s.tokenFor(u.ID)
}

// tokenOf is a bearer token of the user with the login.
func (s *site) tokenOf(login string) string {
	s.t.Helper()
	id, _, _, err := s.Store.Credentials(context.Background(), login)
	if err != nil {
		s.t.Fatal(err)
	}
	return s.tokenFor(id)
}

func (s *site) tokenFor(userID int64) string {
	s.t.Helper()
	_, tok, err := s.Store.CreateToken(context.Background(), records.Actor{Role: store.SystemRole}, userID, credit.Date{})
	if err != nil {
		s.t.Fatal(err)
	}
	return tok
}

// api calls the JSON API with a bearer token (and a JSON body when not
// nil); it fails the test unless the answer's status is want.
func (s *site) api(token, method, path string, body []byte, want int) []byte {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		s.t.Fatalf("%s %s: %d, want %d\n%s", method, path, res.StatusCode, want, b)
	}
	return b
}
