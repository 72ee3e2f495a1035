package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
)

var ctx = context.Background()

func TestMigrations(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.empty(t)
		s, err := store.Open(ctx, dsn, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if s.Engine() != e.name {
			t.Errorf("Engine() = %q, want %q", s.Engine(), e.name)
		}
		if err := s.Append(ctx, calc("r1")); err != nil {
			t.Fatal(err)
		}
		s.Close()

		raw := e.raw(t, dsn)
		versions := func() []int64 {
			rows, err := raw.Query(`SELECT version FROM schema_migrations ORDER BY version`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var vs []int64
			for rows.Next() {
				var v int64
				rows.Scan(&v)
				vs = append(vs, v)
			}
			return vs
		}
		want := []int64{}
		for v := int64(1); v <= store.SchemaVersion(); v++ {
			want = append(want, v)
		}
		if got := versions(); !slices.Equal(got, want) {
			t.Fatalf("fresh: migrations %v, want %v", got, want)
		}

		// Re-open: nothing migrated again, nothing lost, no second catalogue.
		s = open(t, dsn, store.Options{})
		if got := versions(); !slices.Equal(got, want) {
			t.Fatalf("re-open: migrations %v, want %v", got, want)
		}
		v := mustVerify(t, s)
		if v.Entries != 2 { // the first catalogue, then r1
			t.Errorf("re-open: %d entries, want 2", v.Entries)
		}
		s.Close()

		// A database from the future is refused, naming both versions.
		if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 'x')`); err != nil {
			t.Fatal(err)
		}
		_, err = store.Open(ctx, dsn, store.Options{})
		if !errors.Is(err, records.ErrNewerSchema) {
			t.Fatalf("newer schema: err = %v, want ErrNewerSchema", err)
		}
		for _, n := range []string{"9999", strconv.FormatInt(store.SchemaVersion(), 10)} {
			if !strings.Contains(err.Error(), n) {
				t.Errorf("newer schema: %q does not name version %s", err, n)
			}
		}
	})
}

func TestOpenRefusesMemory(t *testing.T) {
	for _, dsn := range []string{":memory:", "file:x.db?mode=memory"} {
		if s, err := store.Open(ctx, dsn, store.Options{}); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded", dsn)
		}
	}
}

func TestConcurrentOpen(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.empty(t)
		var wg sync.WaitGroup
		errs := make([]error, 4)
		for i := range errs {
			wg.Go(func() {
				s, err := store.Open(ctx, dsn, store.Options{})
				if err == nil {
					s.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		s := open(t, dsn, store.Options{})
		if v := mustVerify(t, s); v.Entries != 1 {
			t.Errorf("%d entries after four concurrent first opens, want 1 (one catalogue)", v.Entries)
		}
	})
}

func TestCatalogue(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s := open(t, e.fresh(t), store.Options{})
		cat, err := s.Communes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cat.Len() != places.Default().Len() {
			t.Fatalf("an empty store has %d communes, want the %d of 2025", cat.Len(), places.Default().Len())
		}
		if c, ok := cat.Commune("03424"); !ok || c.Name != "Xã Bản Bo" {
			t.Errorf("03424 = %+v, %v", c, ok)
		}
	})
}

func TestReplaceCommunes(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		s := open(t, dsn, store.Options{})
		u, err := s.CreateUser(ctx, admin, records.NewUser{Name: "Officer", Role: "commune_police", Communes: []string{"03424", "03408"}})
		if err != nil {
			t.Fatal(err)
		}
		laiChau := places.Default().CommunesIn("12")

		// Dropping communes a user holds: 409 with their codes.
		without := slices.DeleteFunc(slices.Clone(laiChau), func(c places.Commune) bool { return c.Code == "03424" || c.Code == "03408" })
		err = s.ReplaceCommunes(ctx, admin, without)
		var ce *records.ConflictError
		if !errors.As(err, &ce) || !errors.Is(err, records.ErrConflict) {
			t.Fatalf("drop communes in use: err = %v, want a *records.ConflictError", err)
		}
		if ce.Code != "commune_in_use" || !slices.Equal(ce.Codes, []string{"03408", "03424"}) {
			t.Errorf("conflict = %+v", ce)
		}
		if cat, _ := s.Communes(ctx); cat.Len() != places.Default().Len() {
			t.Errorf("a refused replace changed the catalogue: %d communes", cat.Len())
		}

		// Invalid lists: 422 with pointers.
		err = s.ReplaceCommunes(ctx, admin, []places.Commune{{Code: "1", Name: "X", ProvinceCode: "12"}})
		var pr credit.Problems
		if !errors.As(err, &pr) || !pr.Has("/communes/0/code") {
			t.Errorf("invalid list: err = %v", err)
		}

		// A province's own list, renamed and extended, keeping the held ones.
		mine := slices.Clone(laiChau)
		mine[0].Name = "Xã Đổi Tên"
		mine = append(mine, places.Commune{Code: "99001", Name: "Xã Mới", ProvinceCode: "12"})
		if err := s.ReplaceCommunes(ctx, admin, mine); err != nil {
			t.Fatal(err)
		}
		cat, err := s.Communes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cat.Len() != len(mine) {
			t.Errorf("after replace: %d communes, want %d", cat.Len(), len(mine))
		}
		if c, _ := cat.Commune(mine[0].Code); c.Name != "Xã Đổi Tên" {
			t.Errorf("rename not kept: %+v", c)
		}
		if _, ok := cat.Commune("01001"); ok {
			t.Error("a commune of Hà Nội survived the replace")
		}
		// A second Store sees the stored catalogue.
		s2 := open(t, dsn, store.Options{})
		cat2, err := s2.Communes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if cat2.Len() != len(mine) {
			t.Errorf("another store: %d communes, want %d", cat2.Len(), len(mine))
		}
		// The user may now be given the new commune, not a dropped one.
		if _, err := s.CreateUser(ctx, admin, records.NewUser{Name: "B", Role: "vbsp_officer", Communes: []string{"99001"}}); err != nil {
			t.Errorf("new commune: %v", err)
		}
		_, err = s.CreateUser(ctx, admin, records.NewUser{Name: "C", Role: "vbsp_officer", Communes: []string{"01001"}})
		if !errors.As(err, &pr) || !pr.Has("/communes/0") {
			t.Errorf("dropped commune: err = %v", err)
		}
		entries := allEntries(t, s)
		last := entries[len(entries)-2] // the replace, before user B
		if last.Action != "communes.write" || last.Resource != "communes" || last.UserID != admin.UserID {
			t.Errorf("replace entry = %+v", last)
		}
		_ = u
		mustVerify(t, s)
	})
}

func TestCreateUser(t *testing.T) {
	type at struct{ pointer, code string }
	cases := []struct {
		name string
		u    records.NewUser
		want []at // nil: created
	}{
		{"commune police", records.NewUser{Name: "Lò Văn Hùng", Role: "commune_police", Communes: []string{"03408", "03424"}, Province: "12"}, nil},
		{"vbsp officer, no province", records.NewUser{Name: "A", Role: "vbsp_officer", Communes: []string{"03424"}}, nil},
		{"provincial police", records.NewUser{Name: "A", Role: "provincial_police", Province: "12"}, nil},
		{"auditor", records.NewUser{Name: "A", Role: "auditor"}, nil},
		{"unknown commune", records.NewUser{Name: "A", Role: "commune_police", Communes: []string{"03424", "03423"}},
			[]at{{"/communes/1", "unknown_commune"}}},
		{"commune of another province", records.NewUser{Name: "A", Role: "commune_police", Communes: []string{"01001"}, Province: "12"},
			[]at{{"/communes/0", "unknown_commune"}}},
		{"same commune twice", records.NewUser{Name: "A", Role: "commune_committee", Communes: []string{"03424", "03424"}},
			[]at{{"/communes/1", "duplicate_code"}}},
		{"no communes", records.NewUser{Name: "A", Role: "commune_police"}, []at{{"/communes", "required"}}},
		{"unknown province", records.NewUser{Name: "A", Role: "province_viewer", Province: "13"}, []at{{"/province", "unknown_province"}}},
		{"no province", records.NewUser{Name: "A", Role: "provincial_police"}, []at{{"/province", "required"}}},
		{"unknown role", records.NewUser{Name: "A", Role: "superuser"}, []at{{"/role", "invalid_enum"}}},
		{"no role", records.NewUser{Name: "A"}, []at{{"/role", "required"}}},
		{"no name", records.NewUser{Name: "  ", Role: "auditor"}, []at{{"/name", "required"}}},
		{"bad name", records.NewUser{Name: "A\x00B", Role: "auditor"}, []at{{"/name", "invalid_text"}}},
		{"long name", records.NewUser{Name: strings.Repeat("á", 201), Role: "auditor"}, []at{{"/name", "out_of_range"}}},
		{"admin with communes", records.NewUser{Name: "A", Role: "admin", Communes: []string{"03424"}, Province: "12"},
			[]at{{"/province", "not_for_role"}, {"/communes", "not_for_role"}}},
		{"province role with communes", records.NewUser{Name: "A", Role: "province_viewer", Province: "12", Communes: []string{"03424"}},
			[]at{{"/communes", "not_for_role"}}},
		{"everything at once", records.NewUser{Name: "Lò Văn Hùng", Role: "chief", Communes: []string{"99999"}, Province: "00"},
			[]at{{"/role", "invalid_enum"}, {"/province", "unknown_province"}, {"/communes/0", "unknown_commune"}}},
	}
	eachEngine(t, func(t *testing.T, e *engine) {
		s := open(t, e.fresh(t), store.Options{})
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				before := mustVerify(t, s).Entries
				u, err := s.CreateUser(ctx, admin, tc.u)
				if tc.want == nil {
					if err != nil {
						t.Fatal(err)
					}
					got, err := s.User(ctx, u.ID)
					if err != nil {
						t.Fatal(err)
					}
					want := slices.Sorted(slices.Values(tc.u.Communes))
					if got.Name != tc.u.Name || got.Role != tc.u.Role || !slices.Equal(got.Communes, want) || got.Province != tc.u.Province {
						t.Errorf("stored %+v, want %+v", got, tc.u)
					}
					if got.CreatedAt.IsZero() || !got.CreatedAt.Equal(u.CreatedAt) {
						t.Errorf("created at %v, returned %v", got.CreatedAt, u.CreatedAt)
					}
					return
				}
				var pr credit.Problems
				if !errors.As(err, &pr) || !errors.Is(err, credit.ErrInvalid) {
					t.Fatalf("err = %v, want credit.Problems", err)
				}
				var got []at
				for _, p := range pr {
					got = append(got, at{p.Pointer, p.Code})
				}
				slices.SortFunc(got, func(a, b at) int { return strings.Compare(a.pointer, b.pointer) })
				want := slices.Clone(tc.want)
				slices.SortFunc(want, func(a, b at) int { return strings.Compare(a.pointer, b.pointer) })
				if !slices.Equal(got, want) {
					t.Errorf("problems %v, want %v", got, want)
				}
				if strings.Contains(err.Error(), "Hùng") {
					t.Errorf("the error names the user: %v", err)
				}
				if after := mustVerify(t, s).Entries; after != before {
					t.Errorf("a refused user wrote %d entries", after-before)
				}
			})
		}
		users, err := s.Users(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(users) != 4 {
			t.Errorf("%d users, want 4", len(users))
		}
		if _, err := s.User(ctx, 999); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("User(999): %v", err)
		}
	})
}

// Names never reach the audit trail: every column of every entry is read
// raw and searched.
func TestNamesNeverInAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		s := open(t, dsn, store.Options{})
		const name = "Lò Văn Hùng"
		u, err := s.CreateUser(ctx, admin, records.NewUser{Name: name, Role: "commune_police", Communes: []string{"03424"}})
		if err != nil {
			t.Fatal(err)
		}
		tok, _, err := s.CreateToken(ctx, admin, u.ID, credit.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, admin, tok.ID); err != nil {
			t.Fatal(err)
		}
		s.Close()
		rows, err := e.raw(t, dsn).Query(`SELECT * FROM audit`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			n++
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				text := fmt.Sprint(v)
				if b, ok := v.([]byte); ok {
					text = string(b)
				}
				for _, part := range []string{name, "Lò", "Văn", "Hùng", "Lo Van Hung"} {
					if strings.Contains(text, part) {
						t.Errorf("audit column %s holds %q: %q", cols[i], part, text)
					}
				}
			}
		}
		if n < 4 {
			t.Errorf("only %d entries", n)
		}
	})
}

func TestTokens(t *testing.T) {
	vn := time.FixedZone("UTC+7", 7*3600)
	eachEngine(t, func(t *testing.T, e *engine) {
		for _, ttl := range []time.Duration{0, -1} {
			t.Run(fmt.Sprintf("cache=%v", ttl >= 0), func(t *testing.T) {
				clk := newClock(time.Date(2026, 3, 10, 9, 0, 0, 0, vn))
				s := open(t, e.fresh(t), store.Options{Now: clk.Now, AuthCacheTTL: ttl})
				u, err := s.CreateUser(ctx, admin, records.NewUser{Name: "A", Role: "commune_committee", Communes: []string{"03408", "03424"}})
				if err != nil {
					t.Fatal(err)
				}
				tok, secret, err := s.CreateToken(ctx, admin, u.ID, credit.MustDate(2026, 3, 10))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.HasPrefix(secret, "crd_") || len(secret) != 47 {
					t.Errorf("token %q", secret)
				}
				p, err := s.Authenticate(ctx, secret)
				if err != nil {
					t.Fatal(err)
				}
				want := access.Principal{UserID: u.ID, Role: access.CommuneCommittee, Communes: []string{"03408", "03424"}}
				if p.UserID != want.UserID || p.Role != want.Role || !slices.Equal(p.Communes, want.Communes) || p.Province != "" {
					t.Errorf("principal %+v, want %+v", p, want)
				}
				// Through its last day in Vietnam, not a second after.
				clk.Set(time.Date(2026, 3, 10, 23, 59, 59, 0, vn))
				if _, err := s.Authenticate(ctx, secret); err != nil {
					t.Errorf("on its last day, 23:59:59 in Vietnam: %v", err)
				}
				clk.Set(time.Date(2026, 3, 11, 0, 0, 0, 0, vn)) // 17:00 UTC on the 10th
				if _, err := s.Authenticate(ctx, secret); !errors.Is(err, records.ErrUnauthenticated) {
					t.Errorf("the day after its last day: err = %v", err)
				}
				clk.Set(time.Date(2026, 3, 10, 12, 0, 0, 0, vn))

				// A day already past is refused; no expiry works for ever.
				if _, _, err := s.CreateToken(ctx, admin, u.ID, credit.MustDate(2026, 3, 9)); !errors.Is(err, credit.ErrInvalid) {
					t.Errorf("expiry in the past: %v", err)
				}
				tok2, secret2, err := s.CreateToken(ctx, admin, u.ID, credit.Date{})
				if err != nil {
					t.Fatal(err)
				}
				clk.Set(time.Date(2099, 1, 1, 0, 0, 0, 0, vn))
				if _, err := s.Authenticate(ctx, secret2); err != nil {
					t.Errorf("no expiry, 2099: %v", err)
				}

				// Revocation takes effect at once, cache or not.
				if err := s.RevokeToken(ctx, admin, tok2.ID); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Authenticate(ctx, secret2); !errors.Is(err, records.ErrUnauthenticated) {
					t.Errorf("revoked: err = %v", err)
				}
				if err := s.RevokeToken(ctx, admin, tok2.ID); err != nil {
					t.Errorf("revoke twice: %v", err)
				}
				if err := s.RevokeToken(ctx, admin, 9999); !errors.Is(err, records.ErrNotFound) {
					t.Errorf("revoke unknown: %v", err)
				}
				if _, _, err := s.CreateToken(ctx, admin, 9999, credit.Date{}); !errors.Is(err, records.ErrNotFound) {
					t.Errorf("token of an unknown user: %v", err)
				}

				toks, err := s.Tokens(ctx, u.ID)
				if err != nil {
					t.Fatal(err)
				}
				if len(toks) != 2 || toks[0].ID != tok.ID || toks[0].ExpiresOn != credit.MustDate(2026, 3, 10) ||
					toks[1].RevokedAt == nil || toks[0].RevokedAt != nil || !toks[1].ExpiresOn.IsZero() {
					t.Errorf("tokens %+v", toks)
				}
				if _, err := s.Tokens(ctx, 9999); !errors.Is(err, records.ErrNotFound) {
					t.Errorf("tokens of an unknown user: %v", err)
				}

				// Bad tokens of every kind: 401, never another error.
				for _, bad := range []string{
					"", "crd_", "Bearer " + secret, secret + " ", " " + secret, secret[:46], secret + "A",
					strings.Replace(secret, secret[10:11], "é", 1), "crd_" + strings.Repeat("é", 43),
					strings.Repeat("A", 1<<20), strings.Repeat("A", 513), strings.Repeat("A", 31),
					strings.Repeat("A", 32),                // well formed, unknown
					"crd_" + strings.Repeat("A", 42) + "B", // not canonical base64url
					"\x00" + secret[1:], secret[:20] + "\n" + secret[21:],
				} {
					if _, err := s.Authenticate(ctx, bad); !errors.Is(err, records.ErrUnauthenticated) {
						t.Errorf("Authenticate(%.40q): err = %v", bad, err)
					}
				}
			})
		}
	})
}

// The last use of a token is written, off the request's path.
func TestTokenLastUsed(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		clk := newClock(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC))
		s := open(t, dsn, store.Options{Now: clk.Now})
		secret, err := s.Bootstrap(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if _, err := s.Authenticate(ctx, secret); err != nil {
				t.Fatal(err)
			}
		}
		s.Close() // writes what is queued
		s = open(t, dsn, store.Options{})
		toks, err := s.Tokens(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(toks) != 1 || toks[0].LastUsedAt == nil || !toks[0].LastUsedAt.Equal(clk.Now()) {
			t.Errorf("tokens %+v, want last used at %v", toks, clk.Now())
		}
	})
}

func TestBootstrap(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		t.Run("printed once", func(t *testing.T) {
			s := open(t, e.fresh(t), store.Options{})
			secret, err := s.Bootstrap(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			p, err := s.Authenticate(ctx, secret)
			if err != nil || p.Role != access.Admin {
				t.Fatalf("bootstrap token: %+v, %v", p, err)
			}
			again, err := s.Bootstrap(ctx, "")
			if err != nil || again != "" {
				t.Errorf("second bootstrap: %q, %v", again, err)
			}
			entries := allEntries(t, s)
			for _, e := range entries[1:] {
				if e.UserID != 0 || e.Role != store.SystemRole {
					t.Errorf("bootstrap entry %+v", e)
				}
			}
			if len(entries) != 3 {
				t.Errorf("%d entries, want 3 (catalogue, user, token)", len(entries))
			}
		})
		t.Run("from the environment", func(t *testing.T) {
			dsn := e.fresh(t)
			s := open(t, dsn, store.Options{})
			for _, bad := range []string{"short", strings.Repeat("x", 31), strings.Repeat("x", 31) + " ", strings.Repeat("é", 20), strings.Repeat("x", 600)} {
				if _, err := s.Bootstrap(ctx, bad); err == nil {
					t.Errorf("Bootstrap(%.20q) accepted", bad)
				} else if strings.Contains(err.Error(), bad) {
					t.Errorf("the error quotes the token: %v", err)
				}
			}
			const env = "a-long-admin-token-chosen-by-the-operator-0123456789"
			for range 2 { // the second time changes nothing
				printed, err := s.Bootstrap(ctx, env)
				if err != nil || printed != "" {
					t.Fatalf("Bootstrap(env) = %q, %v", printed, err)
				}
			}
			p, err := s.Authenticate(ctx, env)
			if err != nil || p.Role != access.Admin {
				t.Fatalf("env token: %+v, %v", p, err)
			}
			if v := mustVerify(t, s); v.Entries != 3 {
				t.Errorf("%d entries, want 3", v.Entries)
			}
			// Then a printed token is not made: the store has a user.
			if printed, err := s.Bootstrap(ctx, ""); printed != "" || err != nil {
				t.Errorf("Bootstrap(\"\") after env = %q, %v", printed, err)
			}
			// A second env token joins the same admin.
			const env2 = "another-long-admin-token-chosen-by-the-operator-xyz"
			if _, err := s.Bootstrap(ctx, env2); err != nil {
				t.Fatal(err)
			}
			p2, _ := s.Authenticate(ctx, env2)
			if p2.UserID != p.UserID {
				t.Errorf("second env token went to user %d, not %d", p2.UserID, p.UserID)
			}
			// A revoked env token is not brought back.
			toks, _ := s.Tokens(ctx, p.UserID)
			if err := s.RevokeToken(ctx, admin, toks[0].ID); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Bootstrap(ctx, env); err == nil || strings.Contains(err.Error(), env) {
				t.Errorf("revoked env token: %v", err)
			}
			// A token held by someone who is not an admin is refused.
			u, err := s.CreateUser(ctx, admin, records.NewUser{Name: "A", Role: "auditor"})
			if err != nil {
				t.Fatal(err)
			}
			_, secret, err := s.CreateToken(ctx, admin, u.ID, credit.Date{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Bootstrap(ctx, secret); err == nil {
				t.Error("an auditor's token became an admin's")
			}
		})
	})
}

func TestAppendAndAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		clk := newClock(time.Date(2026, 3, 10, 9, 0, 0, 123456789, time.UTC))
		s := open(t, e.fresh(t), store.Options{Now: clk.Now})
		for i := range 5 {
			if err := s.Append(ctx, calc("r"+strconv.Itoa(i))); err != nil {
				t.Fatal(err)
			}
		}
		refused := records.Entry{Action: "auth", Resource: "assessment", Outcome: records.OutcomeUnauthenticated, RequestID: "r5",
			At: time.Date(2026, 3, 10, 16, 0, 0, 999, time.FixedZone("x", 7*3600))}
		if err := s.Append(ctx, refused); err != nil {
			t.Fatal(err)
		}
		for _, bad := range []records.Entry{
			{Outcome: "ok"}, {Action: "calculate"}, {Action: "calculate", Outcome: "ok", RequestID: "a\x00b"},
			{Action: "calculate", Outcome: "ok", Resource: strings.Repeat("x", 300)}, {Action: "x", Outcome: "ok", UserID: -1},
			{Action: "x", Outcome: "ok", At: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		} {
			if err := s.Append(ctx, bad); err == nil {
				t.Errorf("Append(%+v) accepted", bad)
			}
		}
		page, err := s.Audit(ctx, 2, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 3 || page[0].Seq != 3 || page[0].RequestID != "r1" {
			t.Fatalf("page %+v", page)
		}
		all := allEntries(t, s)
		if len(all) != 7 {
			t.Fatalf("%d entries, want 7", len(all))
		}
		checkDense(t, all)
		last := all[6]
		if !last.At.Equal(time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)) || last.At.Location() != time.UTC || last.UserID != 0 || last.Outcome != "unauthenticated" {
			t.Errorf("last entry %+v", last)
		}
		if got := all[1].At; !got.Equal(time.Date(2026, 3, 10, 9, 0, 0, 123456000, time.UTC)) {
			t.Errorf("at = %v, want microseconds, UTC", got)
		}
		v := mustVerify(t, s)
		if v.Entries != 7 || string(v.Head) != string(last.Hash) {
			t.Errorf("verification %+v", v)
		}
		if p, _ := s.Audit(ctx, 7, 10); len(p) != 0 {
			t.Errorf("after the head: %d entries", len(p))
		}
		s.Close()
		if err := s.Append(ctx, calc("late")); !errors.Is(err, store.ErrClosed) {
			t.Errorf("Append after Close: %v", err)
		}
	})
}

// 8 writers × 200 appends, with business changes among them: the chain
// does not fork, the seqs are dense, every acknowledged entry is there.
func TestConcurrentWriters(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s := open(t, e.fresh(t), store.Options{})
		u, err := s.CreateUser(ctx, admin, records.NewUser{Name: "A", Role: "vbsp_officer", Communes: []string{"03424"}})
		if err != nil {
			t.Fatal(err)
		}
		const writers, each = 8, 200
		var wg sync.WaitGroup
		errs := make(chan error, writers)
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					rid := fmt.Sprintf("w%d-%d", w, i)
					var err error
					switch {
					case i%40 == 7:
						_, _, err = s.CreateToken(ctx, records.Actor{UserID: 1, Role: "admin", RequestID: rid}, u.ID, credit.Date{})
					case i%40 == 23:
						_, err = s.CreateUser(ctx, records.Actor{UserID: 1, Role: "admin", RequestID: rid}, records.NewUser{Name: "N", Role: "auditor"})
					default:
						err = s.Append(ctx, calc(rid))
					}
					if err != nil {
						errs <- err
						return
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		all := allEntries(t, s)
		checkDense(t, all)
		if want := 2 + writers*each; len(all) != want {
			t.Fatalf("%d entries, want %d", len(all), want)
		}
		seen := map[string]int{}
		for _, e := range all {
			seen[e.RequestID]++
		}
		for w := range writers {
			for i := range each {
				if n := seen[fmt.Sprintf("w%d-%d", w, i)]; n != 1 {
					t.Fatalf("w%d-%d is there %d times", w, i, n)
				}
			}
		}
		v := mustVerify(t, s)
		if v.Entries != int64(len(all)) {
			t.Errorf("verified %d of %d", v.Entries, len(all))
		}
	})
}

// Two Stores on one database (two servers of a province) append at once:
// their entries form one chain.
func TestTwoStoresOneDatabase(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		stores := []*store.Store{open(t, dsn, store.Options{}), open(t, dsn, store.Options{})}
		const writers, each = 4, 150
		var wg sync.WaitGroup
		errs := make(chan error, 2*writers)
		for k, s := range stores {
			for w := range writers {
				wg.Go(func() {
					for i := range each {
						var err error
						rid := fmt.Sprintf("s%d-w%d-%d", k, w, i)
						if i%50 == 10 {
							_, err = s.CreateUser(ctx, records.Actor{UserID: 1, Role: "admin", RequestID: rid}, records.NewUser{Name: "N", Role: "auditor"})
						} else {
							err = s.Append(ctx, calc(rid))
						}
						if err != nil {
							errs <- err
							return
						}
					}
				})
			}
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		all := allEntries(t, stores[1])
		checkDense(t, all)
		if want := 1 + 2*writers*each; len(all) != want {
			t.Fatalf("%d entries, want %d", len(all), want)
		}
		mustVerify(t, stores[0])
	})
}

// Tampering behind the store's back is found, at the first bad entry.
func TestTamper(t *testing.T) {
	cases := []struct {
		name   string
		sql    []string
		seq    int64
		reason string
	}{
		{"change a field", []string{`UPDATE audit SET outcome = 'forbidden' WHERE seq = 5`}, 5, "hash_mismatch"},
		{"change the user", []string{`UPDATE audit SET user_id = 8 WHERE seq = 9`}, 9, "hash_mismatch"},
		{"delete an entry", []string{`DELETE FROM audit WHERE seq = 4`}, 4, "seq_gap"},
		{"delete the first", []string{`DELETE FROM audit WHERE seq = 1`}, 1, "seq_gap"},
		{"delete the last", []string{`DELETE FROM audit WHERE seq = 11`}, 11, "seq_gap"},
		{"swap two entries", []string{
			`UPDATE audit SET seq = 1000 WHERE seq = 6`,
			`UPDATE audit SET seq = 6 WHERE seq = 7`,
			`UPDATE audit SET seq = 7 WHERE seq = 1000`,
		}, 6, "prev_mismatch"},
		{"move an entry to the end", []string{`UPDATE audit SET seq = 12 WHERE seq = 5`}, 5, "seq_gap"},
		{"rewrite the head", []string{`UPDATE audit_head SET seq = 10 WHERE id = 1`}, 10, "head_mismatch"},
	}
	eachEngine(t, func(t *testing.T, e *engine) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				dsn := e.fresh(t)
				s := open(t, dsn, store.Options{})
				for i := range 10 {
					if err := s.Append(ctx, calc("r"+strconv.Itoa(i))); err != nil {
						t.Fatal(err)
					}
				}
				mustVerify(t, s)
				raw := e.raw(t, dsn)
				for _, q := range append(slices.Clone(e.bypass), tc.sql...) {
					if _, err := raw.Exec(q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				v, err := s.Verify(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if v.Valid || v.FirstBadSeq != tc.seq || v.Reason != tc.reason {
					t.Errorf("verify = %+v, want first bad seq %d (%s)", v, tc.seq, tc.reason)
				}
			})
		}
	})
}

// The database itself refuses to change or delete entries.
func TestAuditIsAppendOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		s := open(t, dsn, store.Options{})
		for i := range 3 {
			if err := s.Append(ctx, calc("r"+strconv.Itoa(i))); err != nil {
				t.Fatal(err)
			}
		}
		raw := e.raw(t, dsn)
		for _, q := range []string{
			`UPDATE audit SET outcome = 'forbidden' WHERE seq = 2`,
			`UPDATE audit SET seq = seq + 100`,
			`DELETE FROM audit WHERE seq = 2`,
			`DELETE FROM audit`,
			`DELETE FROM audit_head`,
			`UPDATE audit_head SET seq = 2, hash = (SELECT hash FROM audit WHERE seq = 2)`, // not the newest
			`UPDATE audit_head SET hash = (SELECT hash FROM audit WHERE seq = 1)`,
			`INSERT INTO audit (seq, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash)
			 SELECT 2, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash FROM audit WHERE seq = 2`,
			`INSERT INTO audit (seq, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash)
			 SELECT 5, at, user_id, role, action, resource, resource_id, outcome, request_id, prev_hash, hash FROM audit WHERE seq = 4`, // skips 5's predecessor check
		} {
			if _, err := raw.Exec(q); err == nil {
				t.Errorf("%s: not refused", q)
			}
		}
		if e.name == "postgres" {
			if _, err := raw.Exec(`TRUNCATE audit`); err == nil {
				t.Error("TRUNCATE audit: not refused")
			}
			for _, priv := range []string{"UPDATE", "DELETE", "TRUNCATE"} {
				var has bool
				if err := raw.QueryRow(`SELECT has_table_privilege('public', 'audit', $1)`, priv).Scan(&has); err != nil {
					t.Fatal(err)
				}
				if has {
					t.Errorf("PUBLIC holds %s on audit", priv)
				}
			}
		}
		if v := mustVerify(t, s); v.Entries != 4 {
			t.Errorf("%d entries after the refused attempts, want 4", v.Entries)
		}
	})
}

func TestCheckpoint(t *testing.T) {
	skey, vkey, err := note.GenerateKey(nil, "credit-test")
	if err != nil {
		t.Fatal(err)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		unsigned := open(t, dsn, store.Options{})
		if _, err := unsigned.Checkpoint(ctx); !errors.Is(err, errors.ErrUnsupported) || !strings.Contains(err.Error(), "no checkpoint key") {
			t.Errorf("no signer: %v", err)
		}
		s := open(t, dsn, store.Options{CheckpointSigner: signer})
		for i := range 4 {
			s.Append(ctx, calc("r"+strconv.Itoa(i)))
		}
		msg, err := s.Checkpoint(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(msg), "vnreentry/credit audit\n5\n") {
			t.Errorf("checkpoint text:\n%s", msg)
		}
		seq, hash, err := store.ParseCheckpoint(msg, verifier)
		if err != nil {
			t.Fatal(err)
		}
		v := mustVerify(t, s)
		if seq != v.Entries || string(hash) != string(v.Head) {
			t.Errorf("checkpoint (%d, %x), verify (%d, %x)", seq, hash, v.Entries, v.Head)
		}
		forged := strings.Replace(string(msg), "\n5\n", "\n6\n", 1)
		if _, _, err := store.ParseCheckpoint([]byte(forged), verifier); err == nil {
			t.Error("a changed checkpoint verified")
		}
	})
}
