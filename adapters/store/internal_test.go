package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// The SQLite connections have the settings Open promises: what was
// acknowledged survives a crash, writers wait rather than fail.
func TestSQLiteSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd ?name#with%chars.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("the file is not where asked: %v", err)
	}
	for _, tc := range []struct{ pragma, want string }{
		{"journal_mode", "wal"},
		{"synchronous", "2"}, // FULL
		{"foreign_keys", "1"},
		{"busy_timeout", "10000"},
	} {
		var got string
		if err := s.db.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("PRAGMA %s = %s, want %s", tc.pragma, got, tc.want)
		}
	}
}

func TestMigrationFiles(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		ms, err := migrations(engine)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(ms)) != SchemaVersion() {
			t.Errorf("%s has %d migrations, sqlite %d: the engines keep in step", engine, len(ms), SchemaVersion())
		}
	}
}
