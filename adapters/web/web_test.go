package web

import (
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
)

func TestPasswords(t *testing.T) {
	h, err := HashPassword("mật khẩu dài đủ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q", h)
	}
	h2, _ := HashPassword("mật khẩu dài đủ")
	if h == h2 {
		t.Error("two hashes of one password are alike: no salt")
	}
	for _, tc := range []struct {
		hash, pw string
		want     bool
	}{
		{h, "mật khẩu dài đủ", true},
		{h, "mật khẩu dài đủ ", false},
		{h, "", false},
		{strings.Replace(h, "t=2", "t=3", 1), "mật khẩu dài đủ", false},
		{strings.Replace(h, "argon2id", "argon2i", 1), "mật khẩu dài đủ", false},
		{"$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", "x", false},
		{"not a hash", "x", false},
		{h, strings.Repeat("x", MaxPassword+1), false},
	} {
		if got := VerifyPassword(tc.hash, tc.pw); got != tc.want {
			t.Errorf("VerifyPassword(%.40q, %q) = %v", tc.hash, tc.pw, got)
		}
	}
	for _, pw := range []string{"", "ngắn", "123456789", strings.Repeat("x", MaxPassword+1)} {
		if _, err := HashPassword(pw); err == nil {
			t.Errorf("%q accepted", pw)
		}
	}
	for _, pw := range []string{"1234567890", "mười ký tự!", strings.Repeat("x", MaxPassword)} {
		if _, err := HashPassword(pw); err != nil {
			t.Errorf("%q refused: %v", pw, err)
		}
	}
	if p := NewPassword(); len(p) != 16 || checkPassword(p) != nil {
		t.Errorf("NewPassword %q", p)
	}
}

func TestThrottle(t *testing.T) {
	th := newThrottle()
	t0 := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	for i := range MaxFailures - 1 {
		th.fail(t0.Add(time.Duration(i)*time.Minute), "login a")
	}
	if th.blocked(t0.Add(5*time.Minute), "login a") {
		t.Fatal("blocked after 4 failures")
	}
	th.fail(t0.Add(5*time.Minute), "login a")
	if !th.blocked(t0.Add(5*time.Minute), "login b", "login a") {
		t.Fatal("not blocked after 5 failures")
	}
	if th.blocked(t0.Add(5*time.Minute), "login b") {
		t.Fatal("another key blocked")
	}
	// The first failure leaves the window 15 minutes after it: 4 remain.
	if !th.blocked(t0.Add(FailureWindow-time.Second), "login a") || th.blocked(t0.Add(FailureWindow), "login a") {
		t.Fatal("the window")
	}
	th.forget("login a")
	if th.blocked(t0.Add(6*time.Minute), "login a") {
		t.Fatal("not forgotten")
	}
	small := newThrottle()
	small.maxKeys = 2
	small.fail(t0, "a")
	small.fail(t0.Add(time.Minute), "b")
	small.fail(t0.Add(2*time.Minute), "c")
	if len(small.fails) != 2 || small.fails["a"] != nil {
		t.Fatalf("evicted: %v", small.fails)
	}
}

func TestVietnameseFormats(t *testing.T) {
	d, _ := credit.ParseDate("2024-02-29")
	for _, tc := range []struct {
		in   any
		want string
	}{
		{d, "29/02/2024"},
		{"2026-12-31", "31/12/2026"},
		{credit.Date{}, ""},
		{time.Date(2026, 12, 1, 20, 5, 0, 0, time.UTC), "02/12/2026 03:05"},
		{"2026-12-01T20:05:00Z", "02/12/2026 03:05"},
		{"not a date", "not a date"},
	} {
		if got := vnDate(tc.in); got != tc.want {
			t.Errorf("vnDate(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		in   any
		want string
	}{
		{credit.VND(1_000_000), "1.000.000 đ"},
		{"80000000", "80.000.000 đ"},
		{"0", "0 đ"},
		{"999", "999 đ"},
		{"1000", "1.000 đ"},
		{int64(-25000), "-25.000 đ"},
		{"12.5", "12.5"},
		{"", ""},
	} {
		if got := vnMoney(tc.in); got != tc.want {
			t.Errorf("vnMoney(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if tr(langEN, "signin.title") != "Sign in" || tr(langVI, "signin.title") != "Đăng nhập" || tr(langVI, "no.such") != "no.such" {
		t.Error("tr")
	}
}
