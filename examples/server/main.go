// Command server is the reference HTTP server of vnreentry/credit: the v1
// contract (assessments, schedules and statements, the forms, the reports,
// GET /v1/rules, GET /healthz, GET /openapi.json) over the built-in
// parameter book or a province's rules file.
//
//	go run ./examples/server                       # listen on :8080
//	go run ./examples/server -addr 127.0.0.1:9000
//	go run ./examples/server -rules laichau.json   # override parameters
//	go run ./examples/server -print-rules > laichau.json
//	go run ./examples/server -max-upload 128MiB    # larger files on the forms and reports routes
//	go run ./examples/server -max-heavy 8          # more of them at once
//
// -max-upload bounds the bodies of the forms and reports routes (20 MiB by
// default, about 217,000 loans of the bank's CSV; a million take some
// 96 MB). What it costs in memory depends on the body: a loan-book CSV is
// read as a stream, so memory does not grow with the file (the book keeps
// about 16 bytes a loan, to find a loan_id given twice); but an .xlsx
// import is held whole in memory while it is read, and a JSON body is
// decoded whole, at about ten times its size. The 60-second read timeout
// also bounds an upload over a slow link.
//
// -max-heavy bounds the requests of the forms and reports routes running at
// once (4 by default; one more waits 2 seconds for its turn, then is told
// 503 with Retry-After): with -max-upload it bounds the memory uploads can
// take, about -max-heavy × (-max-upload + 100 MB) at worst for workbooks.
// Each runs at most 60 seconds, the write timeout: past it no answer could
// reach the client, so the work stops.
//
// Logs are JSON lines on standard error, one per request, with request id,
// method, route, status and duration; never a body, a name or an ID number.
// With -oidc-issuer, -oidc-client-id and -oidc-redirect-url (and the client
// secret in $CREDIT_OIDC_CLIENT_SECRET) the officers may also sign in to
// the pages through the province's identity provider (OpenID Connect); the
// provider is asked at the first sign-in, so the server starts while it is
// down.
//
// SIGINT or SIGTERM stops it gracefully.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/web"
)

func main() {
	err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)
	var usage usageError
	switch {
	case errors.As(err, &usage): // the flag package has said what is wrong
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// usageError is a mistake on the command line, already reported with the
// usage by the flag package.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run is main without the process: flags, the book, the server and its
// shutdown. It returns when ctx is cancelled or a signal arrives.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on, host:port")
	rulesFile := fs.String("rules", "", "JSON rules file that overrides parameters of the built-in book")
	printRules := fs.Bool("print-rules", false, "write the parameter book in force as a rules file to standard output and exit")
	uploadLimit := byteSize(httpapi.DefaultMaxUploadBytes)
	fs.Var(&uploadLimit, "max-upload", "most bytes in a body on the forms and reports routes: a `size` in bytes, or a number with KiB, MiB or GiB\n"+
		"(64KiB to 4GiB; 128MiB holds a million-loan CSV). A loan-book CSV is read as a stream:\n"+
		"memory does not grow with the file. An .xlsx import is held whole in memory while it is\n"+
		"read, and a JSON body is decoded whole, at about ten times its size: allow that much memory\n"+
		"for each such request at once (at most max-heavy of them).")
	maxHeavy := fs.Int("max-heavy", httpapi.DefaultMaxHeavyRequests, "most requests of the forms and reports routes running at once (1 to 1024);\n"+
		"one more waits 2 s for its turn, then is answered 503 with Retry-After. Memory for uploads\n"+
		"is at most about max-heavy × (max-upload + 100 MB).")
	dsn := fs.String("db", envOr("CREDIT_DB", "credit.db"), "where the records are kept: a SQLite file `path` (made if missing), or a PostgreSQL URL\n"+
		"(postgres://user@host/db). Default: $CREDIT_DB, else credit.db in the working directory.")
	personKeyPath := fs.String("person-key", "", "the secret that keys who is who across communes in the screening (an HMAC of the ID\n"+
		"number: the database never holds the number): made on the first start (32 random bytes).\n"+
		"Default: credit-person.key beside a SQLite file, or in the working directory for PostgreSQL.")
	keyPath := fs.String("checkpoint-key", "", "the key that signs the audit trail's checkpoints (made on the first start, with its\n"+
		"verifier key in `path`.pub). Default: credit-checkpoint.key beside a SQLite file, or in the\n"+
		"working directory for PostgreSQL. Keep it off the database's machine if you can.")
	secure := fs.Bool("secure-cookies", false, "mark the pages' cookies Secure: set it when browsers reach the server over HTTPS\n"+
		"(directly or through a proxy that terminates TLS).")
	oidcIssuer := fs.String("oidc-issuer", "", "the province's identity provider (OpenID Connect) for the pages' sign-in: its issuer `URL`;\n"+
		"with -oidc-client-id and -oidc-redirect-url (the client secret from $CREDIT_OIDC_CLIENT_SECRET).\n"+
		"All empty: passwords only. An admin links each user to their subject on the user's page.")
	oidcClientID := fs.String("oidc-client-id", "", "this server's client id at the identity provider")
	oidcRedirect := fs.String("oidc-redirect-url", "", "this server's https://…/signin/oidc/callback, as registered with the identity provider")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	oidcOptions, err := oidcOf(*oidcIssuer, *oidcClientID, *oidcRedirect, os.Getenv("CREDIT_OIDC_CLIENT_SECRET"))
	if err != nil {
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return usageError{err}
	}
	beside := func(name string) string { // a file beside a SQLite database
		if strings.Contains(*dsn, "://") {
			return name
		}
		return filepath.Join(filepath.Dir(*dsn), name)
	}
	if *keyPath == "" {
		*keyPath = beside("credit-checkpoint.key")
	}
	if *personKeyPath == "" {
		*personKeyPath = beside("credit-person.key")
	}
	if *maxHeavy < 1 || *maxHeavy > 1024 {
		err := fmt.Errorf("invalid value %d for flag -max-heavy: from 1 to 1024", *maxHeavy)
		fmt.Fprintln(stderr, err)
		fs.Usage()
		return usageError{err}
	}

	log := slog.New(slog.NewJSONHandler(stderr, nil))
	book, err := loadBook(*rulesFile)
	if err != nil {
		return err
	}
	if *printRules {
		return book.WriteJSON(stdout)
	}

	personSecret, err := personKeySecret(*personKeyPath)
	if err != nil {
		return err
	}
	st, verifier, err := openRecords(ctx, *dsn, *keyPath, os.Getenv("CREDIT_ADMIN_TOKEN"), os.Getenv("CREDIT_ADMIN_PASSWORD"), stderr)
	if err != nil {
		return err
	}
	// Closed after the server has shut down, so that the audit entries of
	// requests in flight are written.
	defer st.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	const writeTimeout = 60 * time.Second
	api := httpapi.New(httpapi.Options{Book: book, Logger: log, MaxUploadBytes: int64(uploadLimit),
		MaxHeavyRequests: *maxHeavy, HeavyTimeout: writeTimeout, Records: st,
		PersonKeySecret: personSecret})
	srv := &http.Server{
		Handler:           withPages(api, web.New(web.Options{Records: st, API: api, Logger: log, Secure: *secure, OIDC: oidcOptions})),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads of spreadsheets over slow links
		WriteTimeout:      writeTimeout,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "rules_version", book.Version(),
		"store", st.Engine(), "checkpoint_verifier_key", verifier)

	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// oidcOf is the pages' sign-in through the province's identity provider:
// nil when the three flags are empty, an error when only some are given.
// The client secret comes from the environment, never a flag (a flag
// shows in ps).
func oidcOf(issuer, clientID, redirect, secret string) (*web.OIDCOptions, error) {
	if issuer == "" && clientID == "" && redirect == "" {
		return nil, nil
	}
	if issuer == "" || clientID == "" || redirect == "" {
		return nil, errors.New("the pages' sign-in through an identity provider needs -oidc-issuer, -oidc-client-id and -oidc-redirect-url together")
	}
	for _, u := range []string{issuer, redirect} {
		if p, err := url.Parse(u); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			return nil, fmt.Errorf("not an http(s) URL: %q", u)
		}
	}
	return &web.OIDCOptions{Issuer: issuer, ClientID: clientID, ClientSecret: secret, RedirectURL: redirect}, nil
}

// envOr returns the environment variable name, or def when it is empty.
func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

func loadBook(path string) (*credit.Book, error) {
	if path == "" {
		return credit.DefaultBook(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	book, err := credit.LoadBook(f)
	if err != nil {
		return nil, fmt.Errorf("rules file %s: %w", path, err)
	}
	return book, nil
}

// Bounds of -max-upload: smaller would refuse ordinary forms; larger is of
// no use (a CSV loan book has at most httpapi.MaxPortfolioLines loans, some
// 100 MB; a comparison sends two) and only invites running out of memory.
const (
	minUpload = 64 << 10
	maxUpload = 4 << 30
)

// byteSize is the value of -max-upload: a number of bytes, written in
// digits alone or with a binary suffix (KiB, MiB, GiB; any case).
type byteSize int64

func (b *byteSize) String() string { return formatSize(int64(*b)) }

func (b *byteSize) Set(s string) error {
	n, err := parseSize(s)
	if err != nil {
		return err
	}
	*b = byteSize(n)
	return nil
}

var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"GiB", 30}, {"MiB", 20}, {"KiB", 10}}

// parseSize reads "128MiB", "512KiB", "1GiB" or "20971520" (bytes) and
// checks that it is from minUpload to maxUpload.
func parseSize(s string) (int64, error) {
	digits, shift := s, uint(0)
	for _, u := range sizeUnits {
		if len(s) > len(u.suffix) && strings.EqualFold(s[len(s)-len(u.suffix):], u.suffix) {
			digits, shift = s[:len(s)-len(u.suffix)], u.shift
			break
		}
	}
	ok := digits != ""
	for i := 0; i < len(digits); i++ {
		ok = ok && digits[i] >= '0' && digits[i] <= '9'
	}
	if !ok {
		return 0, errors.New("not a size: write bytes in digits, or digits followed by KiB, MiB or GiB (e.g. 128MiB)")
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > maxUpload>>shift {
		return 0, errors.New("more than the most allowed, " + formatSize(maxUpload))
	}
	n <<= shift
	if n < minUpload {
		return 0, errors.New("less than the least allowed, " + formatSize(minUpload))
	}
	return n, nil
}

// formatSize writes n with the largest suffix that divides it.
func formatSize(n int64) string {
	for _, u := range sizeUnits {
		if n != 0 && n%(1<<u.shift) == 0 {
			return strconv.FormatInt(n>>u.shift, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// withPages serves the JSON API at /v1/, /healthz and /openapi.json, and
// the officers' pages everywhere else.
func withPages(api, pages http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("/healthz", api)
	mux.Handle("/openapi.json", api)
	mux.Handle("/", pages)
	return mux
}
