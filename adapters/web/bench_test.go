package web_test

import (
	"net/http"
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/web"
)

// BenchmarkVerifyPassword is the cost of a sign-in's password check
// (argon2id, 19 MiB, t=2, p=1): what a burst of sign-ins costs the CPU.
func BenchmarkVerifyPassword(b *testing.B) {
	h, err := web.HashPassword("một mật khẩu đủ dài")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !web.VerifyPassword(h, "một mật khẩu đủ dài") {
			b.Fatal("not verified")
		}
	}
}

// BenchmarkHomePage is a signed-in page over loopback: the session read
// from the store, the page rendered (the home page asks the API nothing).
func BenchmarkHomePage(b *testing.B) {
	s := newSite(b)
	login, pw := s.user(access.CommunePolice, []string{"03424"}, "")
	br := s.browser()
	br.signIn(login, pw)
	b.ReportAllocs()
	for b.Loop() {
		if res := br.get("/"); res.status != http.StatusOK {
			b.Fatalf("%d", res.status)
		}
	}
}
