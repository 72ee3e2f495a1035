package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// roundRobin is a load balancer in front of servers: each request goes to
// the next, in turn, as a balancer without sticky sessions would send it.
func roundRobin(t *testing.T, servers ...client) string {
	t.Helper()
	var proxies []*httputil.ReverseProxy
	for _, s := range servers {
		u, err := url.Parse(s.base)
		if err != nil {
			t.Fatal(err)
		}
		proxies = append(proxies, httputil.NewSingleHostReverseProxy(u))
	}
	var n atomic.Uint64
	lb := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxies[int(n.Add(1)-1)%len(proxies)].ServeHTTP(w, r)
	}))
	t.Cleanup(lb.Close)
	return lb.URL
}

// A province on two servers: the whole month of TestProvinceMonth — its
// idempotency keys, ETags, races, reports and audit chain — with its
// requests spread over two servers on one database, one after the other.
func TestProvinceMonthOnTwoServers(t *testing.T) {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "month.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	} else {
		t.Log("CREDIT_TEST_POSTGRES not set: two servers on PostgreSQL skipped")
	}
	for engine, db := range dbs {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" {
				db = ownPostgresDatabase(t, db)
			}
			a, b := startOn(t, db), startOn(t, db)
			began := time.Now()
			provinceMonth(t, client{t: t, base: roundRobin(t, a, b), token: testToken})
			t.Logf("the month on two servers (%s) took %v", engine, time.Since(began).Round(time.Millisecond))
			auditor := a.newUser("auditor", "")
			for _, base := range []string{a.base, b.base} {
				auditor.base = base
				if valid, entries := auditor.verify(); !valid || entries == 0 {
					t.Errorf("%s: the chain as this server reads it: valid %v, %d entries", base, valid, entries)
				}
			}
		})
	}
}

// A session begun on one server holds on the other, and a sign-out on
// either ends it on both: sessions are in the store, not in a server.
func TestSessionAcrossServers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "sessions.db")
	t.Setenv("CREDIT_ADMIN_PASSWORD", "mật khẩu quản trị đã chọn")
	a, b := startOn(t, db), startOn(t, db)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(base, path string, form url.Values) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	get := func(base, path string) int {
		t.Helper()
		// The cookie jar keys cookies by host: both servers are 127.0.0.1.
		res, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if res := post(a.base, "/signin", url.Values{"login": {"admin"}, "password": {"mật khẩu quản trị đã chọn"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in on a: %d", res.StatusCode)
	}
	if st := get(b.base, "/"); st != http.StatusOK {
		t.Fatalf("the session on b: %d", st)
	}
	if res := post(b.base, "/signout", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out on b: %d", res.StatusCode)
	}
	if st := get(a.base, "/"); st != http.StatusSeeOther {
		t.Errorf("the session on a after signing out on b: %d", st)
	}
}
