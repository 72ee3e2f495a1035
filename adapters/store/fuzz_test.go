package store

import (
	"context"
	"encoding/base64"
	"errors"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/vnreentry/credit/records"
)

var (
	madeToken  = regexp.MustCompile(`^crd_[A-Za-z0-9_-]{43}$`)
	otherToken = regexp.MustCompile(`^[A-Za-z0-9._~+/-]+=*$`)
)

// parseTokenSlowly is parseToken written plainly, to check it against.
func parseTokenSlowly(s string) bool {
	if len(s) < minTokenLen || len(s) > maxTokenLen {
		return false
	}
	if strings.HasPrefix(s, TokenPrefix) {
		if !madeToken.MatchString(s) {
			return false
		}
		b, err := base64.RawURLEncoding.Strict().DecodeString(s[len(TokenPrefix):])
		return err == nil && len(b) == 32
	}
	return otherToken.MatchString(s)
}

func TestParseToken(t *testing.T) {
	made := newToken()
	for _, tc := range []struct {
		s  string
		ok bool
	}{
		{made, true},
		{"crd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true},
		{"crd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", false}, // low bits set: not canonical
		{"crd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false},  // one short
		{"crd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false}, // padded
		{"crd_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+A", false}, // base64, not base64url
		{strings.Repeat("a", 32), true},
		{strings.Repeat("a", 31), false},
		{strings.Repeat("a", 512), true},
		{strings.Repeat("a", 513), false},
		{strings.Repeat("a", 30) + "==", true},
		{strings.Repeat("a", 30) + "=a", false},
		{strings.Repeat("=", 32), false},
		{"abc.def_ghi~jkl+mno/pqr-stu.vwx.yz", true},
		{strings.Repeat("a", 31) + " ", false},
		{strings.Repeat("a", 31) + "é", false},
		{strings.Repeat("a", 31) + "\x00", false},
		{"Bearer " + made, false},
	} {
		if got := parseToken(tc.s); got != tc.ok {
			t.Errorf("parseToken(%.50q) = %v, want %v", tc.s, got, tc.ok)
		}
	}
	if n := testing.AllocsPerRun(100, func() { parseToken(made) }); n != 0 {
		t.Errorf("parseToken allocates %v times", n)
	}
}

// FuzzParseToken checks parseToken against its plain twin, and that
// Authenticate answers any string with ErrUnauthenticated and nothing
// else. Seeds are in testdata/fuzz/FuzzParseToken.
func FuzzParseToken(f *testing.F) {
	for _, s := range []string{"", newToken(), strings.Repeat("x", 40), "crd_" + strings.Repeat("_", 43), "Bearer abc", "\xff\xfe"} {
		f.Add(s)
	}
	s, err := Open(context.Background(), filepath.Join(f.TempDir(), "fuzz.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	f.Fuzz(func(t *testing.T, token string) {
		ok := parseToken(token)
		if want := parseTokenSlowly(token); ok != want {
			t.Fatalf("parseToken(%q) = %v, want %v", token, ok, want)
		}
		if _, err := s.Authenticate(context.Background(), token); !errors.Is(err, records.ErrUnauthenticated) {
			t.Fatalf("Authenticate(%q): %v", token, err)
		}
	})
}
