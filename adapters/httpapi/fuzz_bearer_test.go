package httpapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
)

// FuzzBearer checks the reading of the Authorization header: whatever it
// holds, a token is only ever a token68 of at most maxToken characters
// after "Bearer " in any case and one space, reading it again gives it
// back, and through the handler any header is a 200 (the one good token)
// or a 401 — never a 500. Seeds: testdata/fuzz/FuzzBearer.
func FuzzBearer(f *testing.F) {
	const good = "crd_fuzzgoodtoken0000000000000000000000000000"
	for _, s := range []string{"Bearer " + good, "bearer x", "Bearer", "Bearer  x", "Bearer x=", "Bearer tökén", strings.Repeat("B", 100)} {
		f.Add(s)
	}
	fr := newFakeRecords()
	fr.nopAppend = true
	fr.fixedAuth = &fixedAuth{token: good, p: access.Principal{UserID: 1, Role: access.Auditor}}
	h := New(Options{Records: fr, Now: fr.now})

	f.Fuzz(func(t *testing.T, header string) {
		tok, ok := parseBearer(header)
		if ok {
			if len(tok) == 0 || len(tok) > maxToken {
				t.Fatalf("%q: token of %d bytes", header, len(tok))
			}
			if !strings.EqualFold(header[:7], "Bearer ") || header[7:] != tok {
				t.Fatalf("%q: token %q is not what follows the scheme", header, tok)
			}
			padded := strings.TrimRight(tok, "=")
			if padded == "" {
				t.Fatalf("%q: a token of padding only", header)
			}
			for i := 0; i < len(padded); i++ {
				if !token68[padded[i]] {
					t.Fatalf("%q: byte %q in the token", header, padded[i])
				}
			}
			if again, ok := parseBearer("Bearer " + tok); !ok || again != tok {
				t.Fatalf("%q: token %q does not read again", header, tok)
			}
		}
		for i := 0; i < len(header); i++ {
			if header[i] >= 0x80 && ok {
				t.Fatalf("%q: non-ASCII accepted", header)
			}
		}

		req := httptest.NewRequest(http.MethodGet, "/v1/audit/verify", nil)
		req.Header["Authorization"] = []string{header}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		switch {
		case ok && tok == good:
			if rec.Code != http.StatusOK {
				t.Fatalf("%q: status %d, want 200", header, rec.Code)
			}
		case rec.Code != http.StatusUnauthorized:
			t.Fatalf("%q: status %d, want 401", header, rec.Code)
		case !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer"):
			t.Fatalf("%q: WWW-Authenticate %q", header, rec.Header().Get("WWW-Authenticate"))
		}
	})
}
