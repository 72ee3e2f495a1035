// Command server is the reference HTTP server of vnreentry/credit: the v1
// contract (POST /v1/assessments, GET /v1/rules, GET /healthz,
// GET /openapi.json) over the built-in parameter book or a province's rules
// file.
//
//	go run ./examples/server                       # listen on :8080
//	go run ./examples/server -addr 127.0.0.1:9000
//	go run ./examples/server -rules laichau.json   # override parameters
//	go run ./examples/server -print-rules > laichau.json
//
// Logs are JSON lines on standard error, one per request, with request id,
// method, route, status and duration; never a body, a name or an ID number.
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
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

// run is main without the process: flags, the book, the server and its
// shutdown. It returns when ctx is cancelled or a signal arrives.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", ":8080", "address to listen on, host:port")
	rulesFile := fs.String("rules", "", "JSON rules file that overrides parameters of the built-in book")
	printRules := fs.Bool("print-rules", false, "write the parameter book in force as a rules file to standard output and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}

	log := slog.New(slog.NewJSONHandler(stderr, nil))
	book, err := loadBook(*rulesFile)
	if err != nil {
		return err
	}
	if *printRules {
		return book.WriteJSON(stdout)
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           httpapi.New(httpapi.Options{Book: book, Logger: log}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // uploads of spreadsheets over slow links
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}

	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("listening", "addr", ln.Addr().String(), "rules_version", book.Version())

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
