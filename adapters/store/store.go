package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
	"golang.org/x/mod/sumdb/note"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/vnreentry/credit/places"
)

// Options configure a Store. The zero value is ready to use.
type Options struct {
	// Now is the clock of the records: the times of entries, users and
	// tokens, and the day a token expires. Nil: time.Now.
	Now func() time.Time

	// AuditMaxBatch and AuditMaxDelay shape the group commit of Append:
	// entries that carry no business change are queued and written in one
	// transaction per batch, of at most AuditMaxBatch entries (zero: 256).
	// A batch waits at most AuditMaxDelay (zero: 2ms; negative: never) for
	// entries whose callers are already inside Append, or until it holds
	// as many as the last batch did; a lone caller never waits for
	// company.
	AuditMaxBatch int
	AuditMaxDelay time.Duration

	// CheckpointSigner signs the checkpoints of the audit trail
	// (Checkpoint). Nil: Checkpoint says that no key is configured.
	CheckpointSigner note.Signer

	// AuthCacheTTL is how long Authenticate trusts what it read about a
	// token before reading it again (zero: 5s; negative: no cache). A
	// token revoked through this Store is refused at once; one revoked by
	// another process sharing the database, within AuthCacheTTL.
	AuthCacheTTL time.Duration
}

// Defaults of Options.
const (
	DefaultPath          = "credit.db"
	defaultAuditMaxBatch = 256
	defaultAuditMaxDelay = 2 * time.Millisecond
	defaultAuthCacheTTL  = 5 * time.Second
	catalogueRecheck     = 5 * time.Second
)

// ErrClosed is returned by the methods of a Store after Close.
var ErrClosed = errors.New("store: closed")

// Store is the system of record on SQLite or PostgreSQL. It is safe for
// concurrent use; several Stores (in one process or many) may share one
// database.
type Store struct {
	db      *sql.DB
	d       *dialect
	now     func() time.Time
	signer  note.Signer
	authTTL time.Duration

	// writeSem serialises this process's write transactions on SQLite,
	// which would otherwise queue in SQLite's busy handler (it sleeps in
	// steps of up to 100ms). Nil on PostgreSQL, whose writers queue on the
	// head row's lock.
	writeSem chan struct{}

	// The group commit of Append.
	queue      chan *appendReq
	incoming   atomic.Int64 // callers between Append's start and the writer's receive
	maxBatch   int
	maxDelay   time.Duration
	writerDone chan struct{}
	closeMu    sync.RWMutex
	closed     bool

	// last_used_at, written off the request's path.
	touches   chan touch
	touchDone chan struct{}

	auth authCache

	// stmts holds the audit trail's statements, prepared once: a batch
	// of the group commit would otherwise parse its INSERT again each time
	// (a third of a batch's time on SQLite under load).
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt

	catMu      sync.Mutex
	cat        atomic.Pointer[catalogueCache]
	catChecked atomic.Int64 // monotonic nanoseconds since start of the last version check
	started    time.Time
}

type catalogueCache struct {
	c       *places.Catalogue
	version int64
}

// Open opens the store named by dsn and brings its schema up to date.
//
// A dsn beginning "postgres://" or "postgresql://" is a PostgreSQL URL,
// opened with pgx's database/sql driver. Anything else is the path of a
// SQLite file, created if missing ("" is DefaultPath, credit.db in the
// working directory), opened with a busy timeout of 10s, WAL,
// synchronous=FULL (a write that was acknowledged survives a crash of the
// process or the machine), foreign keys on and immediate transactions.
//
// The schema is migrated by the numbered files of migrations/ for the
// engine, each in its own transaction and recorded in schema_migrations. A
// database migrated by a newer version of this package is refused with an
// error that wraps records.ErrNewerSchema and names both versions. An
// empty store is given the communes of 2025 (places.Default).
func Open(ctx context.Context, dsn string, o Options) (*Store, error) {
	var (
		d   *dialect
		db  *sql.DB
		err error
	)
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		d = postgresDialect
		db, err = sql.Open("pgx", dsn)
	default:
		if dsn == "" {
			dsn = DefaultPath
		}
		if dsn == ":memory:" || strings.HasPrefix(dsn, "file:") {
			return nil, errors.New("store: give the path of a SQLite file (an in-memory database or a file: URI cannot be shared by the pool's connections)")
		}
		d = sqliteDialect
		db, err = sql.Open("sqlite", sqliteDSN(dsn))
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", d.name, err)
	}
	s := &Store{
		db:         db,
		d:          d,
		now:        o.Now,
		signer:     o.CheckpointSigner,
		authTTL:    o.AuthCacheTTL,
		maxBatch:   o.AuditMaxBatch,
		maxDelay:   o.AuditMaxDelay,
		queue:      make(chan *appendReq, 1024),
		writerDone: make(chan struct{}),
		touches:    make(chan touch, 256),
		touchDone:  make(chan struct{}),
		started:    time.Now(),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.maxBatch <= 0 {
		s.maxBatch = defaultAuditMaxBatch
	}
	if s.maxDelay == 0 {
		s.maxDelay = defaultAuditMaxDelay
	}
	if s.authTTL == 0 {
		s.authTTL = defaultAuthCacheTTL
	}
	if d.serialWrites {
		s.writeSem = make(chan struct{}, 1)
	}
	s.auth.m = make(map[[32]byte]*authEntry)
	if err := s.ping(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", d.name, err)
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.seedCommunes(ctx); err != nil {
		db.Close()
		return nil, err
	}
	go s.writeLoop()
	go s.touchLoop()
	return s, nil
}

// ping makes the first connection. SQLite can refuse to switch a new file
// to WAL while another connection is doing the same, without waiting for
// the busy timeout: then it tries again, for ten seconds at most.
func (s *Store) ping(ctx context.Context) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		err := s.db.PingContext(ctx)
		if err == nil || s.d.class(err) != errBusy || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// sqliteDSN is the modernc.org/sqlite DSN of the file at path: a file: URI
// (so '%', '?' and '#' in the path are escaped) with the settings of Open,
// the busy timeout first so that the others wait rather than fail.
func sqliteDSN(path string) string {
	path = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(path)
	return "file:" + path +
		"?_pragma=busy_timeout(10000)" +
		"&_pragma=journal_mode(WAL)" +
		"&_pragma=synchronous(FULL)" +
		"&_pragma=foreign_keys(1)" +
		"&_txlock=immediate"
}

// Close waits for the queued audit entries to be written, then closes the
// database. Methods called after Close return ErrClosed.
func (s *Store) Close() error {
	s.closeMu.Lock()
	if s.closed {
		s.closeMu.Unlock()
		return nil
	}
	s.closed = true
	close(s.queue)
	close(s.touches)
	s.closeMu.Unlock()
	<-s.writerDone
	<-s.touchDone
	s.stmtMu.Lock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmtMu.Unlock()
	return s.db.Close()
}

// Engine is "sqlite" or "postgres".
func (s *Store) Engine() string { return s.d.name }

// dialect is what differs between the engines. The queries are one set:
// both bind $1, $2, … by number, both know INSERT … ON CONFLICT and
// RETURNING; the column types differ only in the migration files.
type dialect struct {
	name string
	// forUpdate locks the rows a SELECT reads until the transaction ends.
	// SQLite has no row locks: its immediate transactions hold the
	// database's write lock from BEGIN.
	forUpdate string
	// serialWrites: queue this process's write transactions in Go.
	serialWrites bool
	// migrationLock makes concurrent migrators wait for each other.
	migrationLock string
	// timeArg and dateArg encode times (UTC, microseconds) and days.
	timeArg func(time.Time) any
	dayArg  func(y int, m time.Month, d int) any
	// class classifies an engine's error.
	class func(error) errClass
	// marks writes n placeholders of a statement's arguments from, to,
	// separated by commas: "$from, …" on PostgreSQL; "?, …" on SQLite,
	// whose driver binds $N by name, at a cost that grows with the
	// statement's count of them (a multi-row INSERT of 5,000 values took
	// 140 ms to bind). A statement uses one kind throughout.
	marks func(from, n int) string
	// boolArg encodes a boolean; falseLiteral is false in SQL.
	boolArg      func(bool) any
	falseLiteral string
}

// questionMarks is n "?" separated by commas.
func questionMarks(_, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

type errClass uint8

const (
	errOther errClass = iota
	errUnique
	errForeignKey
	errBusy // lock or serialisation: worth retrying
)

// sqliteTime is how SQLite keeps a time: fixed width, so that text order is
// time order.
const sqliteTime = "2006-01-02T15:04:05.000000Z"

var sqliteDialect = &dialect{
	name:         "sqlite",
	serialWrites: true,
	marks:        questionMarks,
	boolArg: func(b bool) any {
		if b {
			return 1
		}
		return 0
	},
	falseLiteral: "0",
	timeArg:      func(t time.Time) any { return t.UTC().Format(sqliteTime) },
	dayArg: func(y int, m time.Month, d int) any {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	},
	class: func(err error) errClass {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return errOther
		}
		switch e.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return errUnique
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return errForeignKey
		}
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return errBusy
		}
		return errOther
	},
}

var postgresDialect = &dialect{
	name:          "postgres",
	forUpdate:     " FOR UPDATE",
	migrationLock: "SELECT pg_advisory_xact_lock(7142032512)", // any fixed key: "credit" migrations
	marks:         placeholders,
	boolArg:       func(b bool) any { return b },
	falseLiteral:  "false",
	timeArg:       func(t time.Time) any { return t.UTC() },
	dayArg: func(y int, m time.Month, d int) any {
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	},
	class: func(err error) errClass {
		var e *pgconn.PgError
		if !errors.As(err, &e) {
			return errOther
		}
		switch e.Code {
		case "23505":
			return errUnique
		case "23503":
			return errForeignKey
		case "40001", "40P01", "55P03":
			return errBusy
		}
		return errOther
	},
}

// micro is t in UTC, to the microsecond: what both engines keep exactly.
func micro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
