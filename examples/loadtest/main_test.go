package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestTinyMonth runs the harness in this process on a temporary SQLite
// store with tiny sizes (3 communes × 3 rows, 2 clients): no unexpected
// answer, every kind of request sent, the checks after the month hold,
// and the table says GOMAXPROCS.
func TestTinyMonth(t *testing.T) {
	var out, errs bytes.Buffer
	res, err := run(context.Background(), []string{"-communes", "3", "-rows", "3", "-clients", "2",
		"-report-every", "1ms", "-duration", "2m"}, &out, &errs)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, errs.String())
	}
	t.Logf("\n%s", out.String())
	if res.failed() {
		t.Errorf("the month failed:\n%s", out.String())
	}
	if res.StoppedBy != "" || res.Communes != 3 {
		t.Errorf("stopped by %q after %d communes, want all 3", res.StoppedBy, res.Communes)
	}
	if res.Loans == 0 || res.Refused == 0 || res.Loans+res.Refused != 9 {
		t.Errorf("%d loans and %d refusals, want some of each, 9 in all", res.Loans, res.Refused)
	}
	counts := map[string]int{}
	for _, r := range res.Rows {
		counts[r.Kind] = r.Count
		if r.errorCount() != 0 {
			t.Errorf("%s: errors %v", r.Kind, r.Errors)
		}
	}
	for _, k := range kinds {
		if counts[k] == 0 {
			t.Errorf("no %s in the month", k)
		}
	}
	for _, k := range []string{kindCreate, kindSubmit, kindCertify, kindReceive} {
		if counts[k] != 3 {
			t.Errorf("%d of %s, want one per commune", counts[k], k)
		}
	}
	if counts[kindDecide] != 9 || counts[kindPay] != 2*res.Loans {
		t.Errorf("%d decisions (want 9) and %d payments (want 2 a loan)", counts[kindDecide], counts[kindPay])
	}
	held := 0
	for _, c := range res.Checks {
		if strings.HasPrefix(c, "ok: ") {
			held++
		}
	}
	if held != 3 {
		t.Errorf("checks %q, want 3 that hold", res.Checks)
	}
	if res.ServerLog != 0 {
		t.Errorf("the server logged %d lines at Warn or above: %q", res.ServerLog, res.ServerLines)
	}
	for _, want := range []string{"GOMAXPROCS=", "| **total** |", "| report portfolio |"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the table lacks %q", want)
		}
	}
}

// TestBounds: a bad flag is a usage error; a PostgreSQL elsewhere is
// refused before anything is sent; the request budget stops the month.
func TestBounds(t *testing.T) {
	var out, errs bytes.Buffer
	for _, args := range [][]string{{"-clients", "0"}, {"-rows", "1001"}, {"-duration", "0s"}, {"extra"}} {
		if _, err := run(context.Background(), args, &out, &errs); err == nil {
			t.Errorf("%q: no error", args)
		} else if _, ok := err.(usageError); !ok {
			t.Errorf("%q: %v, want a usage error", args, err)
		}
	}
	if _, err := run(context.Background(), []string{"-db", "postgres://u@db.example.org/credit"}, &out, &errs); err == nil ||
		!strings.Contains(err.Error(), "not on this machine") {
		t.Errorf("a PostgreSQL elsewhere: %v", err)
	}
	res, err := run(context.Background(), []string{"-communes", "3", "-rows", "3", "-clients", "1", "-reporters", "0",
		"-max-requests", "5", "-q"}, &out, &errs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.StoppedBy, "max-requests") || res.Communes != 0 {
		t.Errorf("with a budget of 5 requests: stopped by %q after %d communes", res.StoppedBy, res.Communes)
	}
	if res.failed() {
		t.Errorf("a month stopped by its budget is not a failure:\n%s", out.String())
	}
}
