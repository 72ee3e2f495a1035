package store_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// A store in a SQLite file: the first admin, a commune police officer
// with a token, an audited calculation, and a check of the trail.
func Example() {
	dir, err := os.MkdirTemp("", "credit-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()

	// The clock is the server's (nil: time.Now); fixed here so that the
	// example runs the same every day.
	now := func() time.Time { return time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC) }
	s, err := store.Open(ctx, filepath.Join(dir, "credit.db"), store.Options{Now: now})
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	// An empty store: an admin and its token, to print once. (A server
	// passes os.Getenv("CREDIT_ADMIN_TOKEN"), if the operator chose one.)
	adminToken, err := s.Bootstrap(ctx, "")
	if err != nil {
		log.Fatal(err)
	}
	admin, err := s.Authenticate(ctx, adminToken)
	if err != nil {
		log.Fatal(err)
	}
	by := records.Actor{UserID: admin.UserID, Role: string(admin.Role), RequestID: "req-1"}

	// The admin adds a commune police officer of Xã Bản Bo and a token
	// that works through 31 December 2026, Vietnam time.
	u, err := s.CreateUser(ctx, by, records.NewUser{Name: "Lò Văn Hùng", Role: "commune_police", Communes: []string{"03424"}})
	if err != nil {
		log.Fatal(err)
	}
	_, token, err := s.CreateToken(ctx, by, u.ID, credit.MustDate(2026, 12, 31))
	if err != nil {
		log.Fatal(err)
	}

	// The officer's requests carry the token.
	p, err := s.Authenticate(ctx, token)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Role, p.Communes)
	err = s.Append(ctx, records.Entry{UserID: p.UserID, Role: string(p.Role), Action: "calculate",
		Resource: "assessment", Outcome: records.OutcomeOK, RequestID: "req-2"})
	if err != nil {
		log.Fatal(err)
	}

	v, err := s.Verify(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("valid:", v.Valid, "entries:", v.Entries)
	entries, err := s.Audit(ctx, 3, 10)
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range entries {
		fmt.Println(e.Seq, e.Role, e.Action, e.Resource, e.Outcome)
	}
	// Output:
	// commune_police [03424]
	// valid: true entries: 6
	// 4 admin users.manage user ok
	// 5 admin tokens.manage token ok
	// 6 commune_police calculate assessment ok
}
