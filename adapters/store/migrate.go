package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/vnreentry/credit/records"
)

//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered SQL file of migrations/ENGINE/: NNNN_name.sql.
type migration struct {
	version int64
	name    string
	sql     string
}

// migrations returns the engine's migrations in order. The numbers start
// at 1 and have no gaps: a missing file is a bug of the build, not of the
// database.
func migrations(engine string) ([]migration, error) {
	dir := path.Join("migrations", engine)
	ents, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, fmt.Errorf("store: migrations of %s: %w", engine, err)
	}
	var out []migration
	for _, e := range ents {
		n := e.Name()
		num, rest, ok := strings.Cut(strings.TrimSuffix(n, ".sql"), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil || !strings.HasSuffix(n, ".sql") || len(num) != 4 {
			return nil, fmt.Errorf("store: migration file %s/%s: want NNNN_name.sql", dir, n)
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, n))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: rest, sql: string(b)})
	}
	slices.SortFunc(out, func(a, b migration) int { return int(a.version - b.version) })
	for i, m := range out {
		if m.version != int64(i+1) {
			return nil, fmt.Errorf("store: migrations of %s: %04d where %04d belongs", engine, m.version, i+1)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema this package knows (the same number
// on both engines).
func SchemaVersion() int64 {
	ms, err := migrations(sqliteDialect.name)
	if err != nil {
		panic(err)
	}
	return int64(len(ms))
}

const createSchemaMigrations = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    BIGINT NOT NULL PRIMARY KEY,
	name       TEXT NOT NULL,
	applied_at TEXT NOT NULL
)`

// migrate brings the schema up to date, one transaction per migration. Two
// processes starting at once on one database take turns (SQLite: the
// immediate transaction's write lock; PostgreSQL: an advisory lock), and
// each reads the version again once it holds the lock.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations(s.d.name)
	if err != nil {
		return err
	}
	known := int64(len(ms))
	// Up to date, the common case: no DDL, no lock (a server running as a
	// role that may not create tables opens a migrated database).
	if have, err := s.schemaVersion(ctx); err == nil && have == known {
		return nil
	}
	step := func(next int) (done bool, err error) {
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return false, fmt.Errorf("store: migrate: %w", err)
		}
		defer tx.Rollback()
		if s.d.migrationLock != "" {
			if _, err := tx.ExecContext(ctx, s.d.migrationLock); err != nil {
				return false, fmt.Errorf("store: migrate: lock: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, createSchemaMigrations); err != nil {
			return false, fmt.Errorf("store: migrate: %w", err)
		}
		var have int64
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
			return false, fmt.Errorf("store: migrate: %w", err)
		}
		if have > known {
			return false, fmt.Errorf("%w: its schema is version %d, and this version of the server knows versions up to %d; run a newer server (or restore a backup made by this version)",
				records.ErrNewerSchema, have, known)
		}
		if have >= known {
			return true, tx.Commit()
		}
		m := ms[have]
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return false, fmt.Errorf("store: migration %04d_%s (%s): %w", m.version, m.name, s.d.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.version, m.name, s.now().UTC().Format(sqliteTime)); err != nil {
			return false, fmt.Errorf("store: migration %04d_%s: %w", m.version, m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return false, fmt.Errorf("store: migration %04d_%s: %w", m.version, m.name, err)
		}
		return false, nil
	}
	for i := range len(ms) + 1 {
		done, err := step(i)
		if err != nil {
			return err
		}
		if done {
			return nil
		}
	}
	return nil
}

// schemaVersion reads the version the database is at (an error if it has
// no schema_migrations yet).
func (s *Store) schemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
