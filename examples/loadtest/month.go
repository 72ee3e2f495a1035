package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vnreentry/credit/places"
)

// row01 and list01 are a Mẫu 01 list as POST /v1/lists takes it.
type row01 struct {
	FullName        string `json:"full_name"`
	DateOfBirth     string `json:"date_of_birth"`
	Sex             string `json:"sex"`
	IDNumber        string `json:"id_number"`
	Residence       string `json:"residence"`
	ReleaseBasis    string `json:"release_basis"`
	CertificateNo   string `json:"certificate_no"`
	CertificateDate string `json:"certificate_date"`
	CompletedOn     string `json:"completed_on"`
	Purpose         string `json:"purpose"`
	Amount          string `json:"amount"`
	CourseMonths    *int   `json:"course_months,omitempty"`
	Note            string `json:"note"`
}

type list01 struct {
	Province    string  `json:"province"`
	CommuneCode string  `json:"commune_code"`
	CommuneName string  `json:"commune_name"`
	Period      string  `json:"period"`
	PreparedOn  string  `json:"prepared_on"`
	PreparedBy  string  `json:"prepared_by"`
	CertifiedBy string  `json:"certified_by"`
	Rows        []row01 `json:"rows"`
}

// largeProvince is the province with the most communes in the catalogue
// (the smallest code among equals), as adapters/store's reports
// benchmarks pick it, and its communes in the catalogue's order.
func largeProvince() (string, []places.Commune) {
	by := map[string][]places.Commune{}
	for _, c := range places.Default().Communes() {
		by[c.ProvinceCode] = append(by[c.ProvinceCode], c)
	}
	best := ""
	for p, cs := range by {
		if best == "" || len(cs) > len(by[best]) || len(cs) == len(by[best]) && p < best {
			best = p
		}
	}
	return best, by[best]
}

// readSample reads the sample list: -list, or examples/data/list-01.json
// found from the working directory or from this file's.
func readSample(path string) (list01, error) {
	var l list01
	candidates := []string{path}
	if path == "" {
		candidates = []string{"examples/data/list-01.json", "../data/list-01.json", "../../examples/data/list-01.json"}
		if _, file, _, ok := runtime.Caller(0); ok {
			candidates = append(candidates, filepath.Join(filepath.Dir(file), "..", "data", "list-01.json"))
		}
	}
	var data []byte
	var err error
	for _, c := range candidates {
		if data, err = os.ReadFile(c); err == nil {
			break
		}
	}
	if err != nil {
		return l, fmt.Errorf("the sample list (-list): %w", err)
	}
	if err := json.Unmarshal(data, &l); err != nil {
		return l, fmt.Errorf("the sample list: %w", err)
	}
	if len(l.Rows) == 0 {
		return l, errors.New("the sample list has no rows")
	}
	return l, nil
}

// calendar: the month is the one just gone in Vietnam (p0), as in
// examples/server's TestProvinceMonth: its lists are drawn up by the 5th
// and submitted today, loans disbursed on its 15th, repaid from its 16th
// — every day before today, whatever today is.
type calendar struct {
	p0    time.Time
	today string
}

func newCalendar() calendar {
	now := time.Now().In(time.FixedZone("ICT", 7*60*60))
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	return calendar{p0: thisMonth.AddDate(0, -1, 0), today: now.Format(time.DateOnly)}
}

func (c calendar) period() string   { return c.p0.Format("2006-01") }
func (c calendar) day(d int) string { return c.p0.AddDate(0, 0, d-1).Format(time.DateOnly) }

// monthsBefore is a day n months before p0 (its 10th).
func (c calendar) monthsBefore(n int) string { return c.p0.AddDate(0, -n, 9).Format(time.DateOnly) }

// releasedMonthsAgo is how long before p0 each of the sample's people came
// out, in turn.
var releasedMonthsAgo = []int{15, 3, 11, 7, 20}

// listFor builds the list of the commune with index i: rows people of the
// sample in turn, each with an ID number of its own in the run (the
// sample's first six digits — province of birth, century and sex, year —
// then the row's number in the run).
func listFor(sample list01, province string, c places.Commune, i, rows int, cal calendar) list01 {
	l := sample
	l.Province, l.CommuneCode, l.CommuneName = province, c.Code, c.Name
	l.Period, l.PreparedOn = cal.period(), cal.day(4)
	l.PreparedBy, l.CertifiedBy = "Trưởng Công an "+c.Name, "Chủ tịch UBND "+c.Name
	l.Rows = make([]row01, rows)
	for r := range rows {
		x := sample.Rows[r%len(sample.Rows)]
		if len(x.IDNumber) == 12 {
			x.IDNumber = x.IDNumber[:6] + fmt.Sprintf("%06d", (i*rows+r)%1_000_000)
		}
		x.CompletedOn = cal.monthsBefore(releasedMonthsAgo[r%len(releasedMonthsAgo)])
		x.CertificateDate = x.CompletedOn
		l.Rows[r] = x
	}
	return l
}

// errBudget: the run has sent -max-requests requests.
var errBudget = errors.New("the request budget (-max-requests)")

// statusError is an answer the scenario did not expect.
type statusError struct{ status int }

func (e statusError) Error() string { return "status " + strconv.Itoa(e.status) }

// client is one officer's side of the connection.
type client struct {
	h      *http.Client
	base   string
	token  string
	rec    *recorder     // nil: not measured (the setup, the checks)
	budget *atomic.Int64 // requests left; nil: no bound
}

func (c client) as(token string) client { c.token = token; return c }

// do sends a request of kind k and checks its status against want;
// an answer of want is decoded into out (when not nil). Each POST carries
// an Idempotency-Key of its own, as a client that retries would send.
func (c client) do(ctx context.Context, k, method, path string, body any, want int, out any) error {
	if c.budget != nil && c.budget.Add(-1) < 0 {
		return errBudget
	}
	var r io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, r)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if method == http.MethodPost {
		req.Header.Set("Idempotency-Key", randomHex(12))
	}
	start := time.Now()
	resp, err := c.h.Do(req)
	var data []byte
	if err == nil {
		data, err = io.ReadAll(resp.Body)
		resp.Body.Close()
	}
	d := time.Since(start)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err() // cut short by the end of the run: not an answer
		}
		if c.rec != nil {
			c.rec.add(k, d, true, 0, fmt.Sprintf("%s %s: %v", method, path, err))
		}
		return err
	}
	bad := resp.StatusCode != want
	if c.rec != nil {
		sample := ""
		if bad {
			sample = fmt.Sprintf("%s %s → %d %s", method, path, resp.StatusCode, bytes.TrimSpace(data[:min(len(data), 300)]))
		}
		c.rec.add(k, d, bad, resp.StatusCode, sample)
	}
	if bad {
		return statusError{resp.StatusCode}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return nil
}

// officer makes a user and a token for it, as the admin, and returns the
// token.
func officer(ctx context.Context, admin client, user map[string]any) (string, error) {
	var u struct {
		ID int64 `json:"id"`
	}
	if err := admin.do(ctx, "", "POST", "/v1/users", user, http.StatusCreated, &u); err != nil {
		return "", fmt.Errorf("a %v user: %w", user["role"], err)
	}
	var tok struct {
		Token string `json:"token"`
	}
	if err := admin.do(ctx, "", "POST", fmt.Sprintf("/v1/users/%d/tokens", u.ID), map[string]any{}, http.StatusCreated, &tok); err != nil {
		return "", fmt.Errorf("a token for user %d: %w", u.ID, err)
	}
	return tok.Token, nil
}

// communeOfficers are the tokens of one commune's officers.
type communeOfficers struct{ police, committee, vbsp string }

// communesAnOffice is how many communes a VBSP officer serves.
const communesAnOffice = 10

// application is what the scenario reads of GET /v1/applications.
type application struct {
	ID        int64  `json:"id"`
	Row       int    `json:"row"`
	Verdict   string `json:"verdict"`
	Screening struct {
		Terms *struct {
			Cap string `json:"cap"`
		} `json:"terms"`
	} `json:"screening"`
}

var (
	channels = []string{"farmers_union", "womens_union", "veterans_association", "youth_union", "direct"}
	sources  = []string{"central", "local", "other"}
)

// refuseEvery: one application in so many (counted over the run's rows)
// is refused with a note.
const refuseEvery = 5

// tally counts what the month did, for the checks.
type tally struct {
	communes, rows, loans, refused, payments atomic.Int64
}

// month is the run: the database, the server, the officers, the traffic,
// the checks.
func month(ctx context.Context, c config, stderr io.Writer) (res *result, err error) {
	progress := func(format string, args ...any) {
		if !c.quiet {
			fmt.Fprintf(stderr, "loadtest: "+format+"\n", args...)
		}
	}
	sample, err := readSample(c.listFile)
	if err != nil {
		return nil, err
	}
	provinceCode, all := largeProvince()
	if c.communes > len(all) {
		return nil, fmt.Errorf("-communes %d: the largest province (%s) has %d", c.communes, provinceCode, len(all))
	}
	communes := all[:c.communes]
	province, _ := places.Default().Province(provinceCode)

	db, err := openDatabase(ctx, c)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := db.cleanup(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("removing the run's database: %w", cerr))
		}
	}()
	srv, err := startServer(ctx, db.dsn)
	if err != nil {
		return nil, err
	}
	defer func() {
		if cerr := srv.close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("stopping the server: %w", cerr))
		}
	}()
	progress("server on %s, store %s; province %s (%s), %d of its %d communes", srv.base, srv.engine,
		provinceCode, province.Name, len(communes), len(all))

	conns := c.clients + c.reporters + 2
	h := &http.Client{Transport: &http.Transport{
		Proxy:               nil, // loopback only, whatever the environment says
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     time.Minute,
	}}
	defer h.CloseIdleConnections()
	admin := client{h: h, base: srv.base, token: srv.adminToken}
	cal := newCalendar()

	// ---- the officers ----
	began := time.Now()
	officers := make([]communeOfficers, len(communes))
	offices := make([]string, (len(communes)+communesAnOffice-1)/communesAnOffice)
	var provincial, auditor string
	jobs := make(chan func() error)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for range min(c.clients, 8) {
		wg.Go(func() {
			for job := range jobs {
				if err := job(); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		})
	}
	for i := range offices {
		var codes []string
		for _, m := range communes[i*communesAnOffice : min(len(communes), (i+1)*communesAnOffice)] {
			codes = append(codes, m.Code)
		}
		jobs <- func() (err error) {
			offices[i], err = officer(ctx, admin, map[string]any{"name": fmt.Sprintf("Phòng giao dịch %d", i+1), "role": "vbsp_officer", "communes": codes})
			return err
		}
	}
	for i, m := range communes {
		jobs <- func() (err error) {
			o := &officers[i]
			if o.police, err = officer(ctx, admin, map[string]any{"name": "Công an " + m.Name, "role": "commune_police", "communes": []string{m.Code}}); err != nil {
				return err
			}
			o.committee, err = officer(ctx, admin, map[string]any{"name": "UBND " + m.Name, "role": "commune_committee", "communes": []string{m.Code}})
			return err
		}
	}
	jobs <- func() (err error) {
		provincial, err = officer(ctx, admin, map[string]any{"name": "Công an tỉnh", "role": "provincial_police", "province": provinceCode})
		return err
	}
	jobs <- func() (err error) {
		auditor, err = officer(ctx, admin, map[string]any{"name": "Kiểm toán viên", "role": "auditor"})
		return err
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return nil, fmt.Errorf("making the officers: %w", err)
	default:
	}
	for i := range officers {
		officers[i].vbsp = offices[i/communesAnOffice]
	}
	setup := time.Since(began)
	progress("%d officers made in %v", 2*len(communes)+len(offices)+2, setup.Round(time.Millisecond))

	// What the reports held before the month (a store not of the run's own
	// may hold earlier months): the checks compare what the month added.
	reports := []struct{ kind, path string }{
		{kindMonthly, "/v1/reports/monthly-lists?period=" + cal.period()},
		{kindDemand, fmt.Sprintf("/v1/reports/demand-review?year=%d", cal.p0.Year())},
		{kindPortfolio, "/v1/reports/portfolio?as_of=" + cal.today},
	}
	before, err := readTotals(ctx, admin.as(provincial), reports[0].path, reports[2].path)
	if err != nil {
		return nil, fmt.Errorf("the reports before the month: %w", err)
	}

	// ---- the month ----
	rec := newRecorder()
	budget := new(atomic.Int64)
	budget.Store(c.maxRequests)
	traffic, stop := context.WithTimeout(ctx, c.duration)
	defer stop()
	load := client{h: h, base: srv.base, rec: rec, budget: budget}
	var t tally
	var stoppedBy atomic.Value
	stopWith := func(why string) {
		stoppedBy.CompareAndSwap(nil, why)
		stop()
	}
	start := time.Now()

	next := make(chan int)
	go func() {
		defer close(next)
		for i := range communes {
			select {
			case next <- i:
			case <-traffic.Done():
				return
			}
		}
	}()
	var workers sync.WaitGroup
	for range c.clients {
		workers.Go(func() {
			for i := range next {
				err := communeMonth(traffic, load, officers[i], i, listFor(sample, province.Name, communes[i], i, c.rows, cal), c, cal, &t)
				switch {
				case err == nil:
					if n := t.communes.Add(1); n%10 == 0 || int(n) == len(communes) {
						progress("%d communes done in %v", n, time.Since(start).Round(time.Millisecond))
					}
				case errors.Is(err, errBudget):
					stopWith("the request budget (-max-requests)")
				case traffic.Err() != nil:
					stopWith(fmt.Sprintf("the duration (-duration %v)", c.duration))
				}
				// an unexpected answer ends this commune's month; it is in the table
			}
		})
	}
	trafficDone := make(chan struct{})
	var reporters sync.WaitGroup
	for r := range c.reporters {
		reporters.Go(func() {
			police := load.as(provincial)
			for n := r; ; n++ {
				select {
				case <-trafficDone:
					return
				case <-traffic.Done():
					return
				default:
				}
				rp := reports[n%len(reports)]
				if err := police.do(traffic, rp.kind, "GET", rp.path, nil, http.StatusOK, nil); errors.Is(err, errBudget) {
					stopWith("the request budget (-max-requests)")
					return
				}
				select {
				case <-trafficDone:
					return
				case <-traffic.Done():
					return
				case <-time.After(c.reportEvery):
				}
			}
		})
	}
	workers.Wait()
	close(trafficDone)
	reporters.Wait()
	if traffic.Err() != nil && stoppedBy.Load() == nil && ctx.Err() == nil {
		stoppedBy.CompareAndSwap(nil, fmt.Sprintf("the duration (-duration %v)", c.duration))
	}
	if ctx.Err() != nil {
		stoppedBy.CompareAndSwap(nil, "a signal")
	}

	// The province reads each report once more when the month is done
	// (measured, outside the budget: every kind is in the table).
	final := client{h: h, base: srv.base, rec: rec, token: provincial}
	after, err := readTotalsMeasured(ctx, final, reports)
	wall := time.Since(start)
	res = &result{Engine: srv.engine, GOMAXPROCS: runtime.GOMAXPROCS(0), NumCPU: runtime.NumCPU(), Config: c,
		Province: fmt.Sprintf("%s (%s, %d communes)", provinceCode, province.Name, len(all)),
		Setup:    setup, Wall: wall, Communes: int(t.communes.Load()), Loans: int(t.loans.Load()), Refused: int(t.refused.Load())}
	if why, ok := stoppedBy.Load().(string); ok {
		res.StoppedBy = why
	}
	res.Rows, res.Samples = summarise(rec, wall)
	if err != nil {
		res.Checks = append(res.Checks, "FAILED: the reports after the month: "+err.Error())
	} else if res.StoppedBy != "" {
		res.Checks = append(res.Checks, "skipped: the month was stopped early")
	} else {
		check := func(what string, got, want int64) {
			if got == want {
				res.Checks = append(res.Checks, fmt.Sprintf("ok: %s: %d", what, got))
			} else {
				res.Checks = append(res.Checks, fmt.Sprintf("FAILED: %s: %d, want %d", what, got, want))
			}
		}
		check("rows in the monthly round", after.rows-before.rows, t.rows.Load())
		check("loans in the portfolio", after.loans-before.loans, t.loans.Load())
	}
	var verify struct {
		Valid   bool  `json:"valid"`
		Entries int64 `json:"entries"`
	}
	vctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	vstart := time.Now()
	if err := admin.as(auditor).do(vctx, "", "GET", "/v1/audit/verify", nil, http.StatusOK, &verify); err != nil || !verify.Valid {
		res.Checks = append(res.Checks, fmt.Sprintf("FAILED: the audit chain: valid %v, %v", verify.Valid, err))
	} else {
		res.Checks = append(res.Checks, fmt.Sprintf("ok: the audit chain verifies: %d entries, in %v", verify.Entries, time.Since(vstart).Round(time.Millisecond)))
	}
	res.ServerLog, res.ServerLines = srv.errors.snapshot()
	return res, nil
}

// communeMonth is one commune's month, each step after the one before:
// the list created and submitted by the police, certified by the
// committee, received by VBSP; its applications read and decided (the
// commune's index places its rows among the run's); each
// loan repaid -payments times.
func communeMonth(ctx context.Context, load client, o communeOfficers, index int, l list01, c config, cal calendar, t *tally) error {
	police, committee, vbsp := load.as(o.police), load.as(o.committee), load.as(o.vbsp)
	var created struct {
		ID int64 `json:"id"`
	}
	if err := police.do(ctx, kindCreate, "POST", "/v1/lists", l, http.StatusCreated, &created); err != nil {
		return err
	}
	path := fmt.Sprintf("/v1/lists/%d", created.ID)
	if err := police.do(ctx, kindSubmit, "POST", path+"/submit", nil, http.StatusOK, nil); err != nil {
		return err
	}
	t.rows.Add(int64(len(l.Rows)))
	if err := committee.do(ctx, kindCertify, "POST", path+"/certify", nil, http.StatusOK, nil); err != nil {
		return err
	}
	if err := vbsp.do(ctx, kindReceive, "POST", path+"/receive", nil, http.StatusOK, nil); err != nil {
		return err
	}
	var apps []application
	for after := int64(0); ; {
		var page struct {
			Applications []application `json:"applications"`
			NextAfter    int64         `json:"next_after"`
		}
		q := fmt.Sprintf("/v1/applications?list_id=%d&limit=1000", created.ID)
		if after > 0 {
			q += fmt.Sprintf("&after=%d", after)
		}
		if err := vbsp.do(ctx, kindApps, "GET", q, nil, http.StatusOK, &page); err != nil {
			return err
		}
		apps = append(apps, page.Applications...)
		if after = page.NextAfter; after == 0 {
			break
		}
	}
	if len(apps) != len(l.Rows) {
		return fmt.Errorf("list %d: %d applications for %d rows", created.ID, len(apps), len(l.Rows))
	}
	var loans []int64
	for _, a := range apps {
		body := map[string]any{"outcome": "refused", "note": "Chưa đủ hồ sơ vay vốn theo quy định."}
		approve := (index*len(l.Rows)+a.Row)%refuseEvery != refuseEvery-1 && a.Verdict != "ineligible" && a.Screening.Terms != nil && a.Row < len(l.Rows)
		if approve {
			r := l.Rows[a.Row]
			amount, _ := strconv.ParseInt(r.Amount, 10, 64)
			if limit, err := strconv.ParseInt(a.Screening.Terms.Cap, 10, 64); err == nil {
				amount = min(amount, limit)
			}
			term, every := 36, 12
			if r.CourseMonths != nil { // training: the course, then as long again to repay
				term, every = 2**r.CourseMonths, *r.CourseMonths
			}
			body = map[string]any{"outcome": "approved", "amount": strconv.FormatInt(amount, 10),
				"term_months": term, "principal_every_months": every, "disbursed_on": cal.day(15),
				"channel": channels[a.Row%len(channels)], "capital_source": sources[a.Row%len(sources)]}
		}
		var decided struct {
			Loan *struct {
				ID int64 `json:"id"`
			} `json:"loan"`
		}
		if err := vbsp.do(ctx, kindDecide, "POST", fmt.Sprintf("/v1/applications/%d/decision", a.ID), body, http.StatusCreated, &decided); err != nil {
			return err
		}
		if approve {
			if decided.Loan == nil {
				return fmt.Errorf("application %d approved without a loan", a.ID)
			}
			loans = append(loans, decided.Loan.ID)
			t.loans.Add(1)
		} else {
			t.refused.Add(1)
		}
	}
	for _, id := range loans {
		for k := range c.payments {
			body := map[string]any{"on": cal.day(16 + k), "amount": strconv.Itoa(200_000 + 50_000*k)}
			if err := vbsp.do(ctx, kindPay, "POST", fmt.Sprintf("/v1/loans/%d/payments", id), body, http.StatusCreated, nil); err != nil {
				return err
			}
			t.payments.Add(1)
		}
	}
	return nil
}

// totals are what the checks read of the reports.
type totals struct{ rows, loans int64 }

// readTotals reads the monthly round's rows and the portfolio's loans,
// unmeasured.
func readTotals(ctx context.Context, police client, monthly, portfolio string) (totals, error) {
	var m struct {
		Totals struct {
			Rows int64 `json:"rows"`
		} `json:"totals"`
	}
	var p struct {
		Totals struct {
			Loans int64 `json:"loans"`
		} `json:"totals"`
	}
	if err := police.do(ctx, "", "GET", monthly, nil, http.StatusOK, &m); err != nil {
		return totals{}, err
	}
	if err := police.do(ctx, "", "GET", portfolio, nil, http.StatusOK, &p); err != nil {
		return totals{}, err
	}
	return totals{m.Totals.Rows, p.Totals.Loans}, nil
}

// readTotalsMeasured reads each report once, measured, and returns the
// totals of the monthly round and the portfolio.
func readTotalsMeasured(ctx context.Context, police client, reports []struct{ kind, path string }) (totals, error) {
	for _, r := range reports[1:2] { // the demand review: read, not checked
		if err := police.do(ctx, r.kind, "GET", r.path, nil, http.StatusOK, nil); err != nil {
			return totals{}, err
		}
	}
	var got totals
	for _, r := range []struct {
		kind, path string
		into       *int64
		field      string
	}{{reports[0].kind, reports[0].path, &got.rows, "rows"}, {reports[2].kind, reports[2].path, &got.loans, "loans"}} {
		var v struct {
			Totals map[string]json.RawMessage `json:"totals"`
		}
		if err := police.do(ctx, r.kind, "GET", r.path, nil, http.StatusOK, &v); err != nil {
			return totals{}, err
		}
		n, err := strconv.ParseInt(string(v.Totals[r.field]), 10, 64)
		if err != nil {
			return totals{}, fmt.Errorf("%s: totals.%s %s", r.path, r.field, v.Totals[r.field])
		}
		*r.into = n
	}
	return got, nil
}
