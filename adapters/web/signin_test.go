package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/adapters/web"
	"github.com/vnreentry/credit/records"
)

func TestSignInAndOut(t *testing.T) {
	s := newSite(t)
	login, pw := s.user(access.CommunePolice, []string{"03424"}, "")
	b := s.browser()

	// Not signed in: to the sign-in page, and back after it.
	res := b.get("/password?from=home")
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/signin?next=%2Fpassword%3Ffrom%3Dhome" {
		t.Fatalf("not signed in: %d %q", res.status, res.header.Get("Location"))
	}
	page := b.get("/signin")
	for _, want := range []string{`<html lang="vi">`, "Đăng nhập", `for="login"`, `for="password"`, `autocomplete="current-password"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the sign-in page lacks %q", want)
		}
	}
	for _, h := range []string{"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"} {
		if page.header.Get(h) == "" {
			t.Errorf("no %s", h)
		}
	}
	if csp := page.header.Get("Content-Security-Policy"); strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}

	// A wrong password, then the right one.
	res = b.post("/signin", url.Values{"login": {login}, "password": {"sai mật khẩu rồi"}})
	if res.status != http.StatusUnauthorized || !strings.Contains(res.body, "không đúng") {
		t.Fatalf("wrong password: %d", res.status)
	}
	b.signIn(login, pw)
	cookie := sessionCookie(t, b)
	if home := b.get("/"); home.status != http.StatusOK || !strings.Contains(home.body, "Công an xã") {
		t.Fatalf("home: %d\n%s", home.status, home.body)
	}

	// English on the switch.
	res = b.get("/lang?to=en&next=/")
	if res.status != http.StatusSeeOther || res.header.Get("Location") != "/" {
		t.Fatalf("switch: %d %q", res.status, res.header.Get("Location"))
	}
	if home := b.get("/"); !strings.Contains(home.body, `<html lang="en">`) || !strings.Contains(home.body, "Commune police") {
		t.Error("the English home page")
	}
	if res := b.get("/lang?to=en&next=https://evil.example/"); res.header.Get("Location") != "/" {
		t.Errorf("the switch goes elsewhere: %q", res.header.Get("Location"))
	}

	// A cross-site form post is refused, and changes nothing.
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/signout", strings.NewReader(""))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if res := b.do(req); res.status != http.StatusForbidden {
		t.Errorf("cross-site sign-out: %d", res.status)
	}
	if home := b.get("/"); home.status != http.StatusOK {
		t.Fatal("signed out by another site")
	}

	// Sign-out: the cookie is useless after it, even sent again by hand.
	if res := b.post("/signout", nil); res.status != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.status)
	}
	other := s.browser()
	u, _ := url.Parse(s.URL)
	other.c.Jar.SetCookies(u, []*http.Cookie{cookie})
	if res := other.get("/"); res.status != http.StatusSeeOther || !strings.HasPrefix(res.header.Get("Location"), "/signin") {
		t.Errorf("the old cookie: %d %q", res.status, res.header.Get("Location"))
	}

	// Sign-out everywhere ends the other browsers' sessions.
	b1, b2 := s.browser(), s.browser()
	b1.signIn(login, pw)
	b2.signIn(login, pw)
	if res := b1.post("/signout/all", nil); res.status != http.StatusSeeOther {
		t.Fatalf("everywhere: %d", res.status)
	}
	if res := b2.get("/"); res.status != http.StatusSeeOther {
		t.Errorf("the other browser: %d", res.status)
	}

	// Idle: 30 minutes unused ends a session.
	b3 := s.browser()
	b3.signIn(login, pw)
	s.advance(31 * time.Minute)
	if res := b3.get("/"); res.status != http.StatusSeeOther || !strings.Contains(res.header.Get("Location"), "expired=1") {
		t.Errorf("idle: %d %q", res.status, res.header.Get("Location"))
	}
}

// sessionCookie is the browser's session cookie.
func sessionCookie(t *testing.T, b *browser) *http.Cookie {
	t.Helper()
	u, _ := url.Parse(b.site.URL)
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == "credit_session" {
			return c
		}
	}
	t.Fatal("no session cookie")
	return nil
}

func TestSignInThrottledAndAudited(t *testing.T) {
	s := newSite(t)
	login, pw := s.user(access.Auditor, nil, "")
	b := s.browser()
	for range web.MaxFailures {
		if res := b.post("/signin", url.Values{"login": {login}, "password": {"không phải mật khẩu"}}); res.status != http.StatusUnauthorized {
			t.Fatalf("a failure: %d", res.status)
		}
	}
	res := b.post("/signin", url.Values{"login": {login}, "password": {pw}})
	if res.status != http.StatusTooManyRequests {
		t.Fatalf("after %d failures, the right password: %d", web.MaxFailures, res.status)
	}
	s.advance(web.FailureWindow)
	b.signIn(login, pw)

	entries, err := s.Store.Audit(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if e.Resource == store.ResourceSession {
			got = append(got, e.Action+" "+e.Outcome)
		}
		if strings.Contains(e.ResourceID+e.RequestID, login) {
			t.Errorf("the login in %+v", e)
		}
	}
	want := strings.Repeat("signin unauthenticated,", web.MaxFailures) + "signin throttled,signin ok"
	if strings.Join(got, ",") != want {
		t.Errorf("entries %v\nwant %v", got, want)
	}
	_ = records.OutcomeOK
}

// The first admin's password must be changed before anything else.
func TestMustChangePassword(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	u, err := s.Store.CreateUser(ctx, records.Actor{Role: store.SystemRole}, records.NewUser{Name: "Quản trị", Role: string(access.Admin)})
	if err != nil {
		t.Fatal(err)
	}
	hash, _ := web.HashPassword("tạm thời 12345")
	if err := s.Store.SetPassword(ctx, records.Actor{Role: store.SystemRole}, u.ID, "quantri", hash, true); err != nil {
		t.Fatal(err)
	}
	b := s.browser()
	b.signIn("quantri", "tạm thời 12345")
	if res := b.get("/"); res.status != http.StatusSeeOther || res.header.Get("Location") != "/password" {
		t.Fatalf("home before the change: %d %q", res.status, res.header.Get("Location"))
	}
	for _, tc := range []struct {
		form url.Values
		want int
	}{
		{url.Values{"current": {"sai"}, "new": {"mới mười ký tự"}, "repeat": {"mới mười ký tự"}}, http.StatusUnprocessableEntity},
		{url.Values{"current": {"tạm thời 12345"}, "new": {"ngắn"}, "repeat": {"ngắn"}}, http.StatusUnprocessableEntity},
		{url.Values{"current": {"tạm thời 12345"}, "new": {"mới mười ký tự"}, "repeat": {"mới mười ký tự!"}}, http.StatusUnprocessableEntity},
		{url.Values{"current": {"tạm thời 12345"}, "new": {"tạm thời 12345"}, "repeat": {"tạm thời 12345"}}, http.StatusUnprocessableEntity},
		{url.Values{"current": {"tạm thời 12345"}, "new": {"mới mười ký tự"}, "repeat": {"mới mười ký tự"}}, http.StatusOK},
	} {
		if res := b.post("/password", tc.form); res.status != tc.want {
			t.Errorf("%v: %d, want %d", tc.form, res.status, tc.want)
		}
	}
	if res := b.get("/"); res.status != http.StatusOK {
		t.Fatalf("home after the change: %d", res.status)
	}
	b2 := s.browser()
	b2.signIn("quantri", "mới mười ký tự")
}
