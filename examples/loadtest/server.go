package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for -pg-new-database

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/store"
)

// server is the server under load, in this process.
type server struct {
	base       string // http://127.0.0.1:port
	adminToken string
	engine     string
	errors     *errorLog
	close      func() error
}

// startServer opens the store at dsn, bootstraps an admin token and serves
// the JSON API as examples/server does, on a loopback port.
func startServer(ctx context.Context, dsn string) (*server, error) {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, err
	}
	token := randomHex(32)
	if _, err := st.Bootstrap(ctx, token); err != nil {
		st.Close()
		return nil, fmt.Errorf("bootstrap: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		st.Close()
		return nil, err
	}
	errs := newErrorLog()
	log := slog.New(errs)
	secret := make([]byte, 32)
	_, _ = rand.Read(secret)
	const writeTimeout = 60 * time.Second
	api := httpapi.New(httpapi.Options{Book: credit.DefaultBook(), Logger: log, Records: st,
		HeavyTimeout: writeTimeout, PersonKeySecret: secret})
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("/healthz", api)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	return &server{base: "http://" + ln.Addr().String(), adminToken: token, engine: st.Engine(), errors: errs,
		close: func() error {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := srv.Shutdown(sctx)
			if serr := <-done; !errors.Is(serr, http.ErrServerClosed) && err == nil {
				err = serr
			}
			return errors.Join(err, st.Close())
		}}, nil
}

// randomHex is n random bytes in hexadecimal.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// errorLog keeps what the server logs at level Warn and above — each 5xx
// and 503 answered, the causes of 500s, audit failures, the HTTP server's
// own complaints — for the report, the first few of them.
type errorLog struct {
	kept  *keptLog
	attrs []slog.Attr
}

type keptLog struct {
	mu    sync.Mutex
	n     int
	lines []string
}

const keptErrors = 20

func newErrorLog() *errorLog { return &errorLog{kept: &keptLog{}} }

func (e *errorLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelWarn }

func (e *errorLog) Handle(_ context.Context, r slog.Record) error {
	var b strings.Builder
	b.WriteString(r.Level.String() + " " + r.Message)
	for _, a := range e.attrs {
		b.WriteString(" " + a.String())
	}
	r.Attrs(func(a slog.Attr) bool {
		b.WriteString(" " + a.String())
		return true
	})
	k := e.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	k.n++
	if len(k.lines) < keptErrors {
		k.lines = append(k.lines, b.String())
	}
	return nil
}

func (e *errorLog) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &errorLog{kept: e.kept, attrs: append(append([]slog.Attr(nil), e.attrs...), attrs...)}
}

func (e *errorLog) WithGroup(string) slog.Handler { return e }

// snapshot is how many were logged and the first of them.
func (e *errorLog) snapshot() (int, []string) {
	k := e.kept
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.n, append([]string(nil), k.lines...)
}

// database is where the run keeps its records, and what to do after.
type database struct {
	dsn, engine string
	cleanup     func() error
}

// openDatabase resolves -db: a temporary SQLite file when empty, a new
// database on the PostgreSQL server with -pg-new-database; and refuses a
// PostgreSQL that is not on this machine.
func openDatabase(ctx context.Context, c config) (*database, error) {
	if c.db == "" {
		dir, err := os.MkdirTemp("", "credit-loadtest-")
		if err != nil {
			return nil, err
		}
		return &database{dsn: filepath.Join(dir, "month.db"), engine: "sqlite",
			cleanup: func() error { return os.RemoveAll(dir) }}, nil
	}
	if !strings.Contains(c.db, "://") {
		if c.pgNewDatabase {
			return nil, errors.New("-pg-new-database needs a PostgreSQL -db")
		}
		return &database{dsn: c.db, engine: "sqlite", cleanup: func() error { return nil }}, nil
	}
	u, err := url.Parse(c.db)
	if err != nil {
		return nil, fmt.Errorf("-db: %w", err)
	}
	host := u.Hostname()
	if h := u.Query().Get("host"); h != "" {
		host = h
	}
	if !onThisMachine(host) {
		return nil, fmt.Errorf("-db: the PostgreSQL at %q is not on this machine: the load test runs on loopback only", host)
	}
	if !c.pgNewDatabase {
		return &database{dsn: c.db, engine: "postgres", cleanup: func() error { return nil }}, nil
	}
	name := fmt.Sprintf("credit_loadtest_%d", time.Now().UnixNano())
	exec := func(stmt string) error {
		db, err := sql.Open("pgx", c.db)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(ctx, stmt)
		return err
	}
	if err := exec("CREATE DATABASE " + name); err != nil {
		return nil, fmt.Errorf("a database of the run's own on %s: %w", u.Redacted(), err)
	}
	own := *u
	own.Path = "/" + name
	return &database{dsn: own.String(), engine: "postgres", cleanup: func() error {
		return exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	}}, nil
}

// onThisMachine: a Unix socket's directory, localhost, or a loopback
// address (no host at all is the driver's default socket).
func onThisMachine(host string) bool {
	if host == "" || strings.HasPrefix(host, "/") || host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
