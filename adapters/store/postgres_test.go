package store_test

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// The deployment the package doc recommends: the owner migrates, the server
// runs as a role that owns nothing. Then not even a dropped trigger lets
// the server's role change the trail.
func TestPostgresLeastPrivilege(t *testing.T) {
	if os.Getenv(pgEnv) == "" {
		t.Skip(pgSkip)
	}
	dsn := postgresEngine.fresh(t)
	open(t, dsn, store.Options{}).Close() // the owner migrates
	owner := postgresEngine.raw(t, dsn)
	var b [4]byte
	rand.Read(b[:])
	role := "credit_app_" + hex.EncodeToString(b[:])
	var schema string
	if err := owner.QueryRow(`SELECT current_schema()`).Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if _, err := owner.Exec(`CREATE ROLE ` + role + ` LOGIN`); err != nil {
		t.Skipf("cannot create a role here: %v", err)
	}
	t.Cleanup(func() {
		owner.Exec(`DROP OWNED BY ` + role)
		owner.Exec(`DROP ROLE ` + role)
	})
	for _, q := range []string{
		`GRANT USAGE ON SCHEMA ` + schema + ` TO ` + role,
		`GRANT SELECT ON schema_migrations, catalogue TO ` + role,
		`GRANT SELECT, INSERT, UPDATE, DELETE ON communes, users, user_communes, tokens TO ` + role,
		`GRANT UPDATE ON catalogue TO ` + role,
		`GRANT SELECT, INSERT ON audit TO ` + role,
		`GRANT SELECT, UPDATE ON audit_head TO ` + role,
		`GRANT SELECT, INSERT, UPDATE ON documents TO ` + role,
		`GRANT SELECT, INSERT ON document_versions, document_steps, document_idempotency TO ` + role,
		`GRANT SELECT, INSERT ON applications, person_keys, decisions, payments, record_idempotency TO ` + role,
		`GRANT SELECT, INSERT, UPDATE ON loans TO ` + role,
		`GRANT SELECT, INSERT ON plan_completions, completion_idempotency TO ` + role,
	} {
		if _, err := owner.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, hasPassword := u.User.Password(); hasPassword {
		t.Skip("the test database needs a password: the least-privilege role cannot log in")
	}
	u.User = url.User(role)
	app := open(t, u.String(), store.Options{})
	secret, err := app.Bootstrap(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.Authenticate(ctx, secret); err != nil {
		t.Fatal(err)
	}
	if err := app.Append(ctx, calc("r1")); err != nil {
		t.Fatal(err)
	}
	if _, err := app.CreateUser(ctx, admin, records.NewUser{Name: "A", Role: "auditor"}); err != nil {
		t.Fatal(err)
	}
	d, err := app.CreateDocument(ctx, police, idem(police, "k", "create"), records.Document{Kind: "list", Commune: communeA, Body: []byte(`{}`)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.EditDocument(ctx, police, "list", d.ID, 1, []byte(`{"v":2}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := app.TransitionDocument(ctx, police, idem(police, "s", "submit"), "list", d.ID, "submit", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := app.TransitionDocument(ctx, committee, records.Idempotency{}, "list", d.ID, "certify", "", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := app.ReceiveDocument(ctx, vbsp, idem(vbsp, "r", "receive"), "list", d.ID, "", screenOf("an")); err != nil {
		t.Fatal(err)
	}
	apps, err := app.Applications(ctx, all, records.ApplicationFilter{})
	if err != nil || len(apps) != 1 {
		t.Fatalf("applications %+v, %v", apps, err)
	}
	dec, l := approval()
	_, loan, err := app.Decide(ctx, vbsp, idem(vbsp, "d", "decide"), apps[0].ID, dec, l)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.AddPayment(ctx, vbsp, idem(vbsp, "p", "pay"), loan.ID, records.Payment{On: day("2026-03-15"), Amount: 1}, closeOn(day("2026-03-15"))); err != nil {
		t.Fatal(err)
	}
	if _, err := app.RecordCompletion(ctx, admin, idem(admin, "c", "complete"), records.Completion{TaskID: "t", DoneOn: day("2026-03-15")}); err != nil {
		t.Fatal(err)
	}
	mustVerify(t, app)

	// Triggers off, as a careless owner might leave them: the privileges
	// still refuse.
	if _, err := owner.Exec(`ALTER TABLE audit DISABLE TRIGGER USER`); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{`ALTER TABLE document_versions DISABLE TRIGGER USER`, `ALTER TABLE document_steps DISABLE TRIGGER USER`, `ALTER TABLE documents DISABLE TRIGGER USER`,
		`ALTER TABLE applications DISABLE TRIGGER USER`, `ALTER TABLE decisions DISABLE TRIGGER USER`, `ALTER TABLE payments DISABLE TRIGGER USER`,
		`ALTER TABLE loans DISABLE TRIGGER USER`, `ALTER TABLE person_keys DISABLE TRIGGER USER`, `ALTER TABLE plan_completions DISABLE TRIGGER USER`} {
		if _, err := owner.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{`UPDATE audit SET outcome = 'x' WHERE seq = 2`, `DELETE FROM audit WHERE seq = 2`, `TRUNCATE audit`,
		`UPDATE document_versions SET body = ''::bytea`, `DELETE FROM document_steps`, `DELETE FROM documents`, `TRUNCATE document_versions`,
		`UPDATE applications SET verdict = 'eligible'`, `DELETE FROM decisions`, `UPDATE payments SET amount = 2`, `DELETE FROM payments`,
		`DELETE FROM loans`, `TRUNCATE person_keys`, `UPDATE record_idempotency SET seq = 2`,
		`UPDATE plan_completions SET done_on = done_on`, `DELETE FROM plan_completions`, `UPDATE completion_idempotency SET seq = seq`} {
		_, err := raw.Exec(q)
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s as the server's role: %v, want permission denied", q, err)
		}
	}
	mustVerify(t, app)
}
