package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startPages runs the server on db with the environment env (pairs) and
// returns its address, what it printed, and a function that stops it.
func startPages(t *testing.T, db string, env ...string) (string, *syncBuffer, func()) {
	t.Helper()
	for i := 0; i+1 < len(env); i += 2 {
		t.Setenv(env[i], env[i+1])
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	done := make(chan error, 1)
	dir := filepath.Dir(db)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", db, "-checkpoint-key", filepath.Join(dir, "c.key"),
			"-person-key", filepath.Join(dir, "p.key")}, &bytes.Buffer{}, &stderr)
	}()
	addr := waitForAddr(t, &stderr)
	return addr, &stderr, func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("server: %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Error("server did not shut down")
		}
	}
}

// signInPage posts the sign-in form as a browser of the site would and
// returns the status and where it leads.
func signInPage(t *testing.T, addr, login, password string) (int, string, *http.Client) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/signin",
		strings.NewReader(url.Values{"login": {login}, "password": {password}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location"), c
}

var printedPassword = regexp.MustCompile(`(?s)The admin signs in to the pages as "admin".*?\n\n    (\S+)\n`)

// The first start of an empty store prints the admin's one-time password
// for the pages (to be changed at the first sign-in), once; or takes
// CREDIT_ADMIN_PASSWORD, kept as chosen.
func TestAdminPasswordForThePages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "credit.db")
	addr, logs, stop := startPages(t, db, "CREDIT_ADMIN_PASSWORD", "")
	m := printedPassword.FindStringSubmatch(logs.String())
	if m == nil {
		stop()
		t.Fatalf("no password printed:\n%s", logs.String())
	}
	status, to, c := signInPage(t, addr, "admin", m[1])
	if status != http.StatusSeeOther || to != "/" {
		t.Errorf("the printed password: %d %q", status, to)
	}
	if got := home(t, c, addr); got != "/password" {
		t.Errorf("with the printed password, home leads to %q, want the change of password", got)
	}
	if status, _, _ := signInPage(t, addr, "admin", "not the password"); status != http.StatusUnauthorized {
		t.Errorf("a wrong password: %d", status)
	}
	stop()

	_, logs, stop = startPages(t, db, "CREDIT_ADMIN_PASSWORD", "")
	stop()
	if strings.Contains(logs.String(), "signs in to the pages") {
		t.Error("the password printed again on the second start")
	}

	db2 := filepath.Join(t.TempDir(), "credit.db")
	addr, logs, stop = startPages(t, db2, "CREDIT_ADMIN_PASSWORD", "mật khẩu quản trị đã chọn")
	defer stop()
	if strings.Contains(logs.String(), "signs in to the pages") {
		t.Error("a password printed although one was chosen")
	}
	status, to, c = signInPage(t, addr, "admin", "mật khẩu quản trị đã chọn")
	if status != http.StatusSeeOther || to != "/" {
		t.Fatalf("the chosen password: %d %q", status, to)
	}
	if got := home(t, c, addr); got != "" {
		t.Errorf("with the chosen password, home leads to %q", got)
	}
}

// home fetches the home page: "" when it is there, else where it leads.
func home(t *testing.T, c *http.Client, addr string) string {
	t.Helper()
	res, err := c.Get("http://" + addr + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode == http.StatusOK {
		return ""
	}
	return res.Header.Get("Location")
}
