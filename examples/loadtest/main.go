// Command loadtest drives a month of a large province through the real
// server, as traffic, and reports what each kind of request cost.
//
//	go run ./examples/loadtest                                  # SQLite in a temporary file
//	go run ./examples/loadtest -db 'postgres://u@/postgres?host=/tmp/pg&port=55441' -pg-new-database
//	go run ./examples/loadtest -communes 100 -rows 20 -clients 16 -duration 5m
//
// It starts the server in this process — the store (adapters/store) and
// the JSON API (adapters/httpapi) as examples/server puts them together —
// on 127.0.0.1 at a port the system picks, bootstraps an admin token, and
// through the API makes the officers of the province with the most
// communes in the catalogue (as adapters/store's reports benchmarks pick
// it): for each of the first -communes communes a commune police officer
// and a commune committee member, a VBSP officer for each ten communes (a
// district office), the provincial police and an auditor.
//
// Then the month. -clients workers take the communes one at a time, and
// for each, in order: the police create its Mẫu 01 list of -rows rows
// (examples/data/list-01.json, its three people repeated with their ID
// numbers varied so that no two rows of the run are one person) and submit
// it; the committee certifies it; VBSP receives it (one screened
// application per row), reads its applications, decides each — approved
// within the stored terms, one in five refused with a note — and records
// -payments repayments on each loan. Meanwhile -reporters clients of the
// provincial police read the monthly round, the demand review and the
// portfolio in turn, one every -report-every. When every commune is done
// they are read once more and checked against what was sent (every list,
// every row, every loan), and the audit chain is verified.
//
// The table on standard output (Markdown) gives, for each kind of request
// and in total: the count, the rate over the whole run's wall time, the
// 50th and 99th percentile latencies, and the errors — every status the
// scenario did not expect, counted by status. GOMAXPROCS is stated above
// it.
//
// Bounded: the server and its clients talk over loopback only, the
// database named by -db must be a file or a PostgreSQL on this machine (a
// socket, localhost or a loopback address), and the run stops at
// -duration or after -max-requests requests, whichever comes first.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	res, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	var usage usageError
	switch {
	case errors.As(err, &usage):
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	case res.failed():
		os.Exit(1) // errors or failed checks: the table says which
	}
}

// usageError is a mistake on the command line, already reported.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// config is what the flags set.
type config struct {
	db            string        // SQLite path or PostgreSQL URL; "" a temporary SQLite file
	pgNewDatabase bool          // make a database of the run's own on the PostgreSQL server of db, drop it after
	communes      int           // communes of the province, each with one list
	rows          int           // rows of each list
	clients       int           // workers going through the communes
	reporters     int           // provincial police reading reports meanwhile
	reportEvery   time.Duration // pause of a reporter between two reports
	payments      int           // repayments on each loan
	duration      time.Duration // the run stops after it
	maxRequests   int64         // the run stops after so many requests
	listFile      string        // the sample list
	quiet         bool          // no progress on stderr
}

// run is main without the process: it parses args, runs the month and
// writes the table on stdout. It returns the result for the tests.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (*result, error) {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	fs.StringVar(&c.db, "db", "", "the store: a SQLite file `path`, or a PostgreSQL URL on this machine; empty: a temporary SQLite file, removed after")
	fs.BoolVar(&c.pgNewDatabase, "pg-new-database", false, "with a PostgreSQL -db: run in a new database of the run's own on that server, dropped after")
	fs.IntVar(&c.communes, "communes", 100, "communes of the largest province, one list each")
	fs.IntVar(&c.rows, "rows", 20, "rows of each list (1 to 1000)")
	fs.IntVar(&c.clients, "clients", 16, "clients going through the communes in parallel (each commune's steps in order)")
	fs.IntVar(&c.reporters, "reporters", 1, "provincial police clients reading the reports while the month goes on (0: only at the end)")
	fs.DurationVar(&c.reportEvery, "report-every", 100*time.Millisecond, "pause of a reporter between two reports")
	fs.IntVar(&c.payments, "payments", 2, "repayments recorded on each loan (0 to 12)")
	fs.DurationVar(&c.duration, "duration", 10*time.Minute, "the longest the month may run; it stops there")
	fs.Int64Var(&c.maxRequests, "max-requests", 1_000_000, "the most requests the month may send; it stops there")
	fs.StringVar(&c.listFile, "list", "", "the sample Mẫu 01 list (default: examples/data/list-01.json, found from here)")
	fs.BoolVar(&c.quiet, "q", false, "no progress on standard error")
	if err := fs.Parse(args); err != nil {
		return nil, usageError{err}
	}
	if fs.NArg() > 0 {
		err := fmt.Errorf("unexpected arguments: %v", fs.Args())
		fmt.Fprintln(stderr, err)
		return nil, usageError{err}
	}
	for _, b := range []struct {
		name     string
		v        int64
		min, max int64
	}{
		{"communes", int64(c.communes), 1, 10_000},
		{"rows", int64(c.rows), 1, 1000},
		{"clients", int64(c.clients), 1, 1024},
		{"reporters", int64(c.reporters), 0, 64},
		{"payments", int64(c.payments), 0, 12},
		{"max-requests", c.maxRequests, 1, 100_000_000},
	} {
		if b.v < b.min || b.v > b.max {
			err := fmt.Errorf("-%s %d: from %d to %d", b.name, b.v, b.min, b.max)
			fmt.Fprintln(stderr, err)
			return nil, usageError{err}
		}
	}
	if c.duration <= 0 {
		err := errors.New("-duration: more than 0")
		fmt.Fprintln(stderr, err)
		return nil, usageError{err}
	}
	res, err := month(ctx, c, stderr)
	if err != nil {
		return nil, err
	}
	res.write(stdout)
	return res, nil
}
