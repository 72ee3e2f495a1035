package store_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the raw connections of the tests

	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// pgEnv names the PostgreSQL database the tests may use: a URL. Each test
// works in a schema of its own, dropped at the end.
const pgEnv = "CREDIT_TEST_POSTGRES"

const pgSkip = "CREDIT_TEST_POSTGRES not set: PostgreSQL store tests skipped"

// engine makes fresh databases of one kind for a test.
type engine struct {
	name string
	// empty returns the dsn of an empty database, removed after the test.
	empty func(t testing.TB) string
	// fresh returns the dsn of a database as Open leaves an empty one
	// (migrated, with the first catalogue), removed after the test.
	fresh func(t testing.TB) string
	// raw opens the database behind the store's back.
	raw func(t testing.TB, dsn string) *sql.DB
	// bypass makes the audit table writable behind the store's back.
	bypass []string
}

var sqliteEngine = &engine{
	name:  "sqlite",
	empty: func(t testing.TB) string { return filepath.Join(t.TempDir(), "credit.db") },
	fresh: func(t testing.TB) string {
		// A copy of one store opened once: seeding 3,321 communes is
		// quick, but not under the race detector.
		template, err := sqliteTemplate()
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(template)
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "credit.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	},
	raw: func(t testing.TB, dsn string) *sql.DB {
		db, err := sql.Open("sqlite", "file:"+dsn+"?_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	},
	bypass: []string{`DROP TRIGGER audit_no_update`, `DROP TRIGGER audit_no_delete`, `DROP TRIGGER audit_in_order`, `DROP TRIGGER audit_head_newest`},
}

// templateDir holds the SQLite template; TestMain removes it.
var templateDir string

var sqliteTemplate = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "credit-store-test")
	if err != nil {
		return "", err
	}
	templateDir = dir
	path := filepath.Join(dir, "template.db")
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		return "", err
	}
	// Close checkpoints the WAL into the file and removes it.
	if err := s.Close(); err != nil {
		return "", err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return "", errors.New("the template's WAL outlived Close")
	}
	return path, nil
})

var postgresEngine = &engine{
	name:  "postgres",
	empty: freshSchema,
	fresh: freshSchema,
	raw: func(t testing.TB, dsn string) *sql.DB {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	},
	bypass: []string{`ALTER TABLE audit DISABLE TRIGGER USER`, `ALTER TABLE audit_head DISABLE TRIGGER USER`},
}

// eachEngine runs fn on SQLite, and on PostgreSQL when CREDIT_TEST_POSTGRES
// names a database.
func eachEngine(t *testing.T, fn func(t *testing.T, e *engine)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, sqliteEngine) })
	t.Run("postgres", func(t *testing.T) {
		if os.Getenv(pgEnv) == "" {
			t.Skip(pgSkip)
		}
		fn(t, postgresEngine)
	})
}

// eachEngineB is eachEngine for benchmarks.
func eachEngineB(b *testing.B, fn func(b *testing.B, e *engine)) {
	b.Helper()
	b.Run("sqlite", func(b *testing.B) { fn(b, sqliteEngine) })
	b.Run("postgres", func(b *testing.B) {
		if os.Getenv(pgEnv) == "" {
			b.Skip(pgSkip)
		}
		fn(b, postgresEngine)
	})
}

// clock is a settable Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func open(t testing.TB, dsn string, o store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn, o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// admin is the actor of the tests' business changes.
var admin = records.Actor{UserID: 1, Role: "admin", RequestID: "req-test"}

func mustVerify(t testing.TB, s *store.Store) records.Verification {
	t.Helper()
	v, err := s.Verify(context.Background())
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if !v.Valid {
		t.Fatalf("verify: not valid: first bad seq %d, %s", v.FirstBadSeq, v.Reason)
	}
	return v
}

// allEntries reads the whole trail.
func allEntries(t testing.TB, s *store.Store) []records.Entry {
	t.Helper()
	var out []records.Entry
	var after int64
	for {
		page, err := s.Audit(context.Background(), after, store.MaxAuditPage)
		if err != nil {
			t.Fatalf("audit: %v", err)
		}
		if len(page) == 0 {
			return out
		}
		out = append(out, page...)
		after = page[len(page)-1].Seq
	}
}

// checkDense fails unless the trail's seqs are 1..n with each entry
// chained to the one before.
func checkDense(t testing.TB, entries []records.Entry) {
	t.Helper()
	for i, e := range entries {
		if e.Seq != int64(i+1) {
			t.Fatalf("entry %d has seq %d", i, e.Seq)
		}
		if i > 0 && string(e.PrevHash) != string(entries[i-1].Hash) {
			t.Fatalf("entry %d does not chain onto entry %d: a fork", e.Seq, e.Seq-1)
		}
	}
}

func calc(rid string) records.Entry {
	return records.Entry{UserID: 7, Role: "commune_police", Action: "calculate", Resource: "assessment",
		Outcome: records.OutcomeOK, RequestID: rid}
}

// freshSchema returns the dsn of a new, empty schema of the database
// CREDIT_TEST_POSTGRES names, dropped after the test.
func freshSchema(t testing.TB) string {
	base := os.Getenv(pgEnv)
	var b [6]byte
	rand.Read(b[:])
	schema := "credit_test_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Error(err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + "search_path=" + url.QueryEscape(schema)
}
