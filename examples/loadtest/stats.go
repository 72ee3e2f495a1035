package main

import (
	"fmt"
	"io"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// The kinds of request of the month, in the order of the table.
const (
	kindCreate    = "create list"
	kindSubmit    = "submit"
	kindCertify   = "certify"
	kindReceive   = "receive"
	kindApps      = "applications"
	kindDecide    = "decide"
	kindPay       = "pay"
	kindMonthly   = "report monthly-lists"
	kindDemand    = "report demand-review"
	kindPortfolio = "report portfolio"
)

var kinds = []string{kindCreate, kindSubmit, kindCertify, kindReceive, kindApps, kindDecide, kindPay,
	kindMonthly, kindDemand, kindPortfolio}

// kindStats are the answers to one kind of request.
type kindStats struct {
	latencies []time.Duration
	errors    map[int]int // unexpected status (0: no answer) → count
	samples   []string    // the first few unexpected answers
}

// recorder collects the answers of every client.
type recorder struct {
	mu    sync.Mutex
	kinds map[string]*kindStats
}

func newRecorder() *recorder {
	r := &recorder{kinds: map[string]*kindStats{}}
	for _, k := range kinds {
		r.kinds[k] = &kindStats{errors: map[int]int{}}
	}
	return r
}

const keptSamples = 5

// add records one answer of kind k: its latency, and when unexpected its
// status and a line about it.
func (r *recorder) add(k string, d time.Duration, unexpected bool, status int, sample string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.kinds[k]
	s.latencies = append(s.latencies, d)
	if unexpected {
		s.errors[status]++
		if len(s.samples) < keptSamples {
			s.samples = append(s.samples, sample)
		}
	}
}

// row is a line of the table.
type row struct {
	Kind     string
	Count    int
	PerSec   float64
	P50, P99 time.Duration
	Errors   map[int]int
}

func (r row) errorCount() int {
	n := 0
	for _, c := range r.Errors {
		n += c
	}
	return n
}

// result is what a run measured.
type result struct {
	Engine      string
	GOMAXPROCS  int
	NumCPU      int
	Config      config
	Province    string
	Setup, Wall time.Duration
	StoppedBy   string // "" when every commune was done
	Rows        []row  // one per kind, then the total
	Samples     []string
	Checks      []string // what was checked after the month, each "ok: …" or "FAILED: …"
	ServerLog   int      // lines the server logged at Warn or above
	ServerLines []string
	Communes    int // communes whose whole month was done
	Loans       int
	Refused     int
}

// summarise turns what rec holds into rows: percentiles by nearest rank,
// rates over the run's wall time.
func summarise(rec *recorder, wall time.Duration) (rows []row, samples []string) {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	var all []time.Duration
	total := row{Kind: "total", Errors: map[int]int{}}
	for _, k := range kinds {
		s := rec.kinds[k]
		rows = append(rows, stat(k, s.latencies, s.errors, wall))
		all = append(all, s.latencies...)
		for st, n := range s.errors {
			total.Errors[st] += n
		}
		for _, x := range s.samples {
			samples = append(samples, k+": "+x)
		}
	}
	t := stat("total", all, total.Errors, wall)
	return append(rows, t), samples
}

func stat(kind string, ls []time.Duration, errs map[int]int, wall time.Duration) row {
	r := row{Kind: kind, Count: len(ls), Errors: maps.Clone(errs)}
	if len(ls) == 0 {
		return r
	}
	s := slices.Clone(ls)
	slices.Sort(s)
	rank := func(p float64) time.Duration {
		i := int(p*float64(len(s))+0.999999) - 1 // nearest rank
		return s[min(max(i, 0), len(s)-1)]
	}
	r.P50, r.P99 = rank(0.50), rank(0.99)
	if wall > 0 {
		r.PerSec = float64(len(s)) / wall.Seconds()
	}
	return r
}

// failed: an unexpected answer, or a check that did not hold.
func (r *result) failed() bool {
	if r.Rows[len(r.Rows)-1].errorCount() > 0 {
		return true
	}
	for _, c := range r.Checks {
		if strings.HasPrefix(c, "FAILED") {
			return true
		}
	}
	return false
}

// write prints the run: what ran where, then the table (Markdown).
func (r *result) write(w io.Writer) {
	c := r.Config
	fmt.Fprintf(w, "store %s; GOMAXPROCS=%d (NumCPU %d), %s %s/%s\n", r.Engine, r.GOMAXPROCS, r.NumCPU,
		runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "province %s: %d communes × %d rows, %d clients, %d reporters (one report every %v), %d payments a loan\n",
		r.Province, c.communes, c.rows, c.clients, c.reporters, c.reportEvery, c.payments)
	fmt.Fprintf(w, "setup (users and tokens) %v; the month %v", r.Setup.Round(time.Millisecond), r.Wall.Round(time.Millisecond))
	if r.StoppedBy != "" {
		fmt.Fprintf(w, " — stopped by %s, %d of %d communes done", r.StoppedBy, r.Communes, c.communes)
	}
	fmt.Fprintf(w, "; %d loans made, %d applications refused\n\n", r.Loans, r.Refused)
	fmt.Fprintln(w, "| request | count | req/s | p50 | p99 | errors |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---|")
	for _, x := range r.Rows {
		name := x.Kind
		if name == "total" {
			name = "**total**"
		}
		fmt.Fprintf(w, "| %s | %d | %.1f | %s | %s | %s |\n", name, x.Count, x.PerSec, ms(x.P50), ms(x.P99), errorsText(x.Errors))
	}
	if len(r.Samples) > 0 {
		fmt.Fprintln(w, "\nunexpected answers (the first of each kind):")
		for _, s := range r.Samples {
			fmt.Fprintln(w, "  "+s)
		}
	}
	if r.ServerLog > 0 {
		fmt.Fprintf(w, "\nthe server logged %d lines at Warn or above; the first:\n", r.ServerLog)
		for _, s := range r.ServerLines {
			fmt.Fprintln(w, "  "+s)
		}
	}
	if len(r.Checks) > 0 {
		fmt.Fprintln(w, "\nafter the month:")
		for _, s := range r.Checks {
			fmt.Fprintln(w, "  "+s)
		}
	}
}

// ms writes a latency in milliseconds, to a precision that suits it.
func ms(d time.Duration) string {
	switch f := float64(d) / float64(time.Millisecond); {
	case d == 0:
		return "–"
	case f < 10:
		return fmt.Sprintf("%.2f ms", f)
	case f < 100:
		return fmt.Sprintf("%.1f ms", f)
	default:
		return fmt.Sprintf("%.0f ms", f)
	}
}

// errorsText is "0", or "3 (409×2, 500×1)".
func errorsText(errs map[int]int) string {
	n, parts := 0, []string{}
	for _, st := range slices.Sorted(maps.Keys(errs)) {
		n += errs[st]
		label := fmt.Sprint(st)
		if st == 0 {
			label = "no answer"
		}
		parts = append(parts, fmt.Sprintf("%s×%d", label, errs[st]))
	}
	if n == 0 {
		return "0"
	}
	return fmt.Sprintf("%d (%s)", n, strings.Join(parts, ", "))
}
