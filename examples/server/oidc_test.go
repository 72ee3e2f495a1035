package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestOIDCOf(t *testing.T) {
	const iss, id, back = "https://id.laichau.gov.vn", "credit", "https://credit.laichau.gov.vn/signin/oidc/callback"
	if o, err := oidcOf("", "", "", "a secret"); o != nil || err != nil {
		t.Errorf("no flags: %v, %v", o, err)
	}
	o, err := oidcOf(iss, id, back, "the secret")
	if err != nil || o == nil || o.Issuer != iss || o.ClientID != id || o.RedirectURL != back || o.ClientSecret != "the secret" {
		t.Fatalf("all flags: %+v, %v", o, err)
	}
	for _, bad := range [][3]string{{iss, "", ""}, {"", id, back}, {iss, id, ""}, {"id.laichau.gov.vn", id, back}, {iss, id, "/signin/oidc/callback"}} {
		if o, err := oidcOf(bad[0], bad[1], bad[2], ""); err == nil || o != nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// The server starts with a provider that is down: the sign-in page offers
// it, says it cannot be reached, and passwords still work.
func TestOIDCProviderDownAtStart(t *testing.T) {
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	dir := t.TempDir()
	t.Setenv("CREDIT_OIDC_CLIENT_SECRET", "the secret")
	t.Setenv("CREDIT_ADMIN_PASSWORD", "mật khẩu quản trị đã chọn")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "credit.db"), "-oidc-issuer", down.URL,
			"-oidc-client-id", "credit", "-oidc-redirect-url", "http://127.0.0.1/signin/oidc/callback"}, &bytes.Buffer{}, &stderr)
	}()
	addr := waitForAddr(t, &stderr)
	get := func(path string) (int, string) {
		res, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if status, body := get("/signin"); status != http.StatusOK || !strings.Contains(body, `id="do-signin-oidc"`) {
		t.Errorf("the sign-in page: %d", status)
	}
	if status, _ := get("/signin/oidc"); status != http.StatusServiceUnavailable {
		t.Errorf("to a provider that is down: %d", status)
	}
	if status, where, _ := signInPage(t, addr, "admin", "mật khẩu quản trị đã chọn"); status != http.StatusSeeOther || where != "/" {
		t.Errorf("a password: %d %q", status, where)
	}
	if strings.Contains(stderr.String(), "the secret") {
		t.Error("the client secret in the logs")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}

	// Some of the flags but not all: a mistake of the command line.
	err := run(context.Background(), []string{"-oidc-issuer", down.URL}, &bytes.Buffer{}, &bytes.Buffer{})
	if !errors.As(err, new(usageError)) {
		t.Errorf("one flag of three: %v", err)
	}
}
