// Command loanbook writes a synthetic loan book in the bank's CSV layout,
// as POST /v1/reports/portfolio and POST /v1/reports/compare read it: to try
// the reports on a book of any size, and to measure them.
//
//	go run ./examples/loanbook -n 1000000 > loans-1m.csv   # about 95 MB
//	go run ./examples/loanbook -n 5000 -province 12 -as-of 2025-09-30 -o laichau.csv
//
// The loans are invented: the same flags give the same file (a seeded
// generator, math/rand/v2's PCG). Every line is a valid loan of the book on
// -as-of: 90 % individuals (production, 10 to 100 million đồng, one job; or
// vocational training, 4 million đồng a month of a 3- to 12-month course)
// through the four unions, 10 % establishments (100 million to 2 billion
// đồng, 2 to 30 jobs) lent directly; 70 % central capital, 25 % local, 5 %
// other; disbursed from 2023-11-01 to -as-of; 10 to 100 % outstanding, and
// in one loan out of 12 part of it overdue. Communes are the 3,321 units of
// 2025 (places.Default: the General Statistics Office's catalogue under
// Quyết định 19/2025/QĐ-TTg), or those of one province with -province.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/reporting"
)

func main() {
	err := run(os.Args[1:], os.Stdout, os.Stderr)
	var usage usageError
	switch {
	case errors.As(err, &usage): // the flag package has said what is wrong
		os.Exit(2)
	case err != nil:
		fmt.Fprintln(os.Stderr, "loanbook:", err)
		os.Exit(1)
	}
}

// usageError is a mistake on the command line, already reported with the
// usage by the flag package.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// firstDay is the first disbursement of a generated book: the first month
// of lending under QĐ22 (in force 2023-10-10; first lists in November 2023).
var firstDay = credit.MustDate(2023, 11, 1)

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("loanbook", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of loans")
	seed := fs.Uint64("seed", 2023, "seed of the generator: the same seed and flags give the same file")
	asOfFlag := fs.String("as-of", "2026-09-30", "date of the book (YYYY-MM-DD): loans are disbursed from 2023-11-01 to it")
	province := fs.String("province", "", "two-digit code of a 2025 province (12 is Lai Châu): only its communes; default all")
	out := fs.String("o", "", "file to write; default standard output")
	if err := fs.Parse(args); err != nil {
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if *n < 0 {
		return fmt.Errorf("-n %d: the number of loans cannot be negative", *n)
	}
	asOf, err := credit.ParseDate(*asOfFlag)
	if err != nil || asOf.Before(firstDay) {
		return fmt.Errorf("-as-of %q: want a date (YYYY-MM-DD) on or after %s", *asOfFlag, firstDay)
	}
	communes, err := communeCodes(*province)
	if err != nil {
		return err
	}
	if *out == "" {
		return write(stdout, *n, *seed, asOf, communes)
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := write(f, *n, *seed, asOf, communes); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// communeCodes returns the codes of the 2025 communes of province (all of
// them when province is ""), in code order.
func communeCodes(province string) ([]string, error) {
	c := places.Default()
	communes := c.Communes()
	if province != "" {
		if _, ok := c.Province(province); !ok {
			return nil, fmt.Errorf("-province %q: not the code of a 2025 province (01 … 96; Lai Châu is 12)", province)
		}
		communes = c.CommunesIn(province)
	}
	codes := make([]string, len(communes))
	for i, m := range communes {
		codes[i] = m.Code
	}
	return codes, nil
}

var (
	unions  = []string{"farmers_union", "womens_union", "veterans_association", "youth_union"}
	sources = []string{"central", "central", "central", "central", "central", "central", "central", "central", "central", "central", "central", "central", "central", "central",
		"local", "local", "local", "local", "local", "other"} // 70 %, 25 %, 5 %
)

// write writes the header and n loans to out.
func write(out io.Writer, n int, seed uint64, asOf credit.Date, communes []string) error {
	w := bufio.NewWriterSize(out, 1<<20)
	rng := rand.New(rand.NewPCG(seed, 22))
	days := asOf.DaysSince(firstDay) + 1
	dates := make([]string, days)
	for i := range dates {
		dates[i] = firstDay.AddDays(i).String()
	}
	w.WriteString(strings.Join(reporting.LoanFields(), ",") + "\n")
	line := make([]byte, 0, 128)
	for i := range n {
		kind, purpose, channel, jobs := "individual", "production", unions[rng.IntN(len(unions))], 1
		var amount int64
		switch r := rng.IntN(10); {
		case r == 0:
			kind, channel, jobs = "establishment", "direct", 2+rng.IntN(29)
			amount = int64(10+rng.IntN(191)) * 10_000_000
		case r <= 2:
			purpose, jobs = "vocational_training", 0
			amount = int64(3+rng.IntN(10)) * 4_000_000
		default:
			amount = int64(10+rng.IntN(91)) * 1_000_000
		}
		outstanding := amount * int64(1+rng.IntN(10)) / 10
		var overdue int64
		if rng.IntN(12) == 0 {
			overdue = outstanding * int64(1+rng.IntN(10)) / 10
		}
		line = append(line[:0], "LN"...)
		line = appendPadded(line, i+1, 8)
		for _, s := range []string{communes[rng.IntN(len(communes))], kind, purpose,
			sources[rng.IntN(len(sources))], channel, dates[rng.IntN(len(dates))]} {
			line = append(line, ',')
			line = append(line, s...)
		}
		for _, v := range []int64{amount, outstanding, overdue, int64(jobs)} {
			line = append(line, ',')
			line = strconv.AppendInt(line, v, 10)
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return err
		}
	}
	return w.Flush()
}

// appendPadded appends v in at least width digits, zeros in front.
func appendPadded(b []byte, v, width int) []byte {
	s := strconv.Itoa(v)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}
