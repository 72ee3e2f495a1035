package store_test

import (
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

func TestSignIn(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, c := docStore(t, e)
		u, err := s.CreateUser(ctx, admin, records.NewUser{Name: secretName, Role: string(access.CommunePolice), Communes: []string{communeA}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateUser(ctx, admin, records.NewUser{Name: "Cán bộ khác", Role: string(access.Auditor)})
		if err != nil {
			t.Fatal(err)
		}
		admin := records.Actor{UserID: 9999, Role: string(access.Admin), RequestID: "req-admin"} // another user than u
		const h1, h2 = "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaDE", "$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$aGFzaDI"
		before := len(allEntries(t, s))

		// Passwords and logins.
		if err := s.SetPassword(ctx, admin, u.ID, "", h1, true); err == nil {
			t.Fatal("a first password without a login")
		}
		for _, bad := range []string{"ab", "Có dấu", "UPPER", strings.Repeat("x", 65), "a b"} {
			if err := s.SetPassword(ctx, admin, u.ID, bad, h1, true); err == nil {
				t.Errorf("login %q accepted", bad)
			}
		}
		if err := s.SetPassword(ctx, admin, u.ID, "ca.bando", "plain", true); err == nil {
			t.Error("a password not hashed")
		}
		if err := s.SetPassword(ctx, admin, u.ID+100, "ca.bando", h1, true); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("no such user: %v", err)
		}
		if err := s.SetPassword(ctx, admin, u.ID, "ca.bando", h1, true); err != nil {
			t.Fatal(err)
		}
		var ce *records.ConflictError
		if err := s.SetPassword(ctx, admin, other.ID, "ca.bando", h1, true); !errors.As(err, &ce) || ce.Code != store.CodeLoginTaken {
			t.Errorf("a login taken: %v", err)
		}
		if err := s.SetPassword(ctx, admin, u.ID, "ca.banbo2", h1, true); !errors.As(err, &ce) || ce.Code != store.CodeLoginFixed {
			t.Errorf("a login changed: %v", err)
		}
		id, hash, must, err := s.Credentials(ctx, "ca.bando")
		if err != nil || id != u.ID || hash != h1 || !must {
			t.Fatalf("credentials: %d %q %v %v", id, hash, must, err)
		}
		me := records.Actor{UserID: u.ID, Role: string(access.CommunePolice), RequestID: "req-me"}
		if err := s.SetPassword(ctx, me, u.ID, "", h2, false); err != nil {
			t.Fatal(err)
		}
		if id, hash, must, err = s.Credentials(ctx, "ca.bando"); err != nil || hash != h2 || must {
			t.Fatalf("the user's own: %d %q %v %v", id, hash, must, err)
		}
		if _, _, _, err := s.Credentials(ctx, "nobody"); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("an unknown login: %v", err)
		}
		if login, err := s.Login(ctx, u.ID); err != nil || login != "ca.bando" {
			t.Errorf("login %q, %v", login, err)
		}

		// Sessions: idle and absolute expiry, sign-out, sign-out everywhere.
		const idle = 30 * time.Minute
		k1, k2, k3 := sha256.Sum256([]byte("cookie 1")), sha256.Sum256([]byte("cookie 2")), sha256.Sum256([]byte("cookie 3"))
		start := c.Now()
		for _, k := range [][32]byte{k1, k2, k3} {
			if _, err := s.StartSession(ctx, me, k, start.Add(12*time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		p, ses, err := s.Session(ctx, k1, idle)
		if err != nil || p.UserID != u.ID || p.Role != access.CommunePolice || len(p.Communes) != 1 || ses.MustChange {
			t.Fatalf("session: %+v %+v %v", p, ses, err)
		}
		c.Set(start.Add(20 * time.Minute))
		if _, _, err := s.Session(ctx, k1, idle); err != nil {
			t.Fatalf("used within its idle time: %v", err)
		}
		c.Set(start.Add(45 * time.Minute)) // k1 used 25 minutes ago, k2 and k3 45
		if _, _, err := s.Session(ctx, k1, idle); err != nil {
			t.Errorf("k1 kept alive: %v", err)
		}
		if _, _, err := s.Session(ctx, k2, idle); !errors.Is(err, records.ErrUnauthenticated) {
			t.Errorf("k2 idle: %v", err)
		}
		if _, _, err := s.Session(ctx, k3, 24*time.Hour); err != nil {
			t.Errorf("k3 with a longer idle time: %v", err)
		}
		if err := s.EndSession(ctx, me, k1); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Session(ctx, k1, idle); !errors.Is(err, records.ErrUnauthenticated) {
			t.Errorf("after sign-out: %v", err)
		}
		if err := s.EndSession(ctx, me, k1); err != nil {
			t.Errorf("signed out twice: %v", err)
		}
		if n, err := s.EndSessions(ctx, me, u.ID); err != nil || n != 2 {
			t.Errorf("everywhere: %d, %v", n, err)
		}
		if _, _, err := s.Session(ctx, k3, 24*time.Hour); !errors.Is(err, records.ErrUnauthenticated) {
			t.Errorf("after sign-out everywhere: %v", err)
		}
		k4 := sha256.Sum256([]byte("cookie 4"))
		if _, err := s.StartSession(ctx, me, k4, c.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		c.Set(c.Now().Add(61 * time.Minute))
		if _, _, err := s.Session(ctx, k4, 24*time.Hour); !errors.Is(err, records.ErrUnauthenticated) {
			t.Errorf("past its absolute expiry: %v", err)
		}

		// The trail: who and what, never a login or a name.
		var got []string
		for _, en := range allEntries(t, s)[before:] {
			got = append(got, en.Action+" "+en.Resource)
			if strings.Contains(en.ResourceID+en.RequestID, "ca.bando") {
				t.Errorf("a login in %+v", en)
			}
		}
		want := []string{"users.manage password", "password.change password", "signin session", "signin session", "signin session",
			"signout session", "signout.everywhere user", "signin session"}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("entries %v\nwant %v", got, want)
		}
		mustVerify(t, s)

		raw := e.raw(t, dsn)
		for _, q := range []string{`UPDATE user_passwords SET hash = 'x'`, `DELETE FROM user_logins`, `UPDATE sessions SET user_id = user_id + 1000`,
			`DELETE FROM sessions`, `UPDATE sessions SET revoked_at = NULL`} {
			if _, err := raw.Exec(q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
	})
}
