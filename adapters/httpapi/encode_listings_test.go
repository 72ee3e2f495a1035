package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// The listings of stored records written by appending
// (encode_listings.go) must be the bytes writeJSON wrote for them. The
// handlers as they were (building the response types and listingAnswer's
// map, encoded by writeJSON) are kept here as the reference: a server
// built with them answers the same requests over the same store, and the
// two answers are compared byte for byte — over the seeds of
// FuzzStoredRoutes, over every user and a sweep of filters and pages of the
// stored-routes scenario, and (the appenders alone) over records holding
// every kind of character.

// refListLoans is listLoans as it was.
func refListLoans(s *server, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f records.LoanFilter
	f.Commune = q.Get("commune_code")
	f.Status = q.Get("status")
	scope, _ := listScope(r, access.LoanRead)
	f.Page, _ = listingPage(r, MaxLoansPage)
	out := []loanRecordJSON{}
	var next int64
	if !scope.Empty() {
		ls, err := s.records.Loans(r.Context(), scope, f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		ls, next = pageEnd(ls, f.Page, func(l *records.Loan) int64 { return l.ID })
		for _, l := range ls {
			out = append(out, newLoanRecordJSON(l))
		}
	}
	writeJSON(w, http.StatusOK, listingAnswer("loans", out, next))
}

// refListApplications is listApplications as it was (its parameters
// already checked by the new one: the reference is asked only where the
// new one answered 200).
func refListApplications(s *server, w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var f records.ApplicationFilter
	kind := ""
	for _, param := range []string{"list_id", "plan_id"} {
		if v := q.Get(param); v != "" {
			id, _ := positiveID(v)
			f.DocumentID, kind = id, records.KindList
			if param == "plan_id" {
				kind = records.KindPlan
			}
		}
	}
	f.Decision = q.Get("decision")
	scope, _ := listScope(r, access.ApplicationRead)
	f.Page, _ = listingPage(r, MaxApplicationsPage)
	out := []applicationJSON{}
	var next int64
	if !scope.Empty() {
		as, err := s.records.Applications(r.Context(), scope, f)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		as, next = pageEnd(as, f.Page, func(a *records.Application) int64 { return a.ID })
		for _, a := range as {
			if kind == "" || a.Kind == kind {
				out = append(out, newApplicationJSON(a))
			}
		}
	}
	writeJSON(w, http.StatusOK, listingAnswer("applications", out, next))
}

// refListDocs is listDocs as it was.
func refListDocs(k *docKind) func(*server, http.ResponseWriter, *http.Request) {
	return func(s *server, w http.ResponseWriter, r *http.Request) {
		f, _ := k.filter(r)
		scope, _ := listScope(r, k.read)
		f.Page, _ = listingPage(r, MaxDocumentsPage)
		var ds []records.Document
		var err error
		if !scope.Empty() {
			if ds, err = s.records.Documents(r.Context(), k.name, scope, f); err != nil {
				s.writeError(w, r, err)
				return
			}
		}
		ds, next := pageEnd(ds, f.Page, func(d *records.Document) int64 { return d.ID })
		out := make([]documentJSON, len(ds))
		for i, d := range ds {
			out[i] = newDocumentJSON(d, false)
		}
		writeJSON(w, http.StatusOK, listingAnswer(k.plural, out, next))
	}
}

// refAuditEntries is auditEntries as it was.
func refAuditEntries(s *server, w http.ResponseWriter, r *http.Request) {
	after, _ := queryInt(r, "after", 0, 0, 1<<62, msgAfterParameter)
	limit, _ := queryInt(r, "limit", DefaultAuditLimit, 1, MaxAuditLimit, msgLimitParameter)
	entries, err := s.records.Audit(r.Context(), after, int(limit))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := auditResponse{Entries: make([]entryJSON, len(entries))}
	for i := range entries {
		resp.Entries[i] = newEntryJSON(&entries[i])
	}
	writeJSON(w, http.StatusOK, resp)
}

// listingRoutes are the listings written by appending, each with its
// reference handler.
var listingRoutes = map[string]func(*server, http.ResponseWriter, *http.Request){
	"GET /loans":        refListLoans,
	"GET /applications": refListApplications,
	"GET /lists":        refListDocs(listKind),
	"GET /plans":        refListDocs(planKind),
	"GET /audit":        refAuditEntries,
}

// referenceListings builds New(o) with the listings' handlers as they
// were. The router keeps pointers into v1Routes, so New is given a copy of
// the table with them swapped in (for the time of New: the tests of the
// package do not run in parallel), and the table is put back.
func referenceListings(t testing.TB, o Options) http.Handler {
	t.Helper()
	saved := v1Routes
	v1Routes = slices.Clone(saved)
	defer func() { v1Routes = saved }()
	n := 0
	for i := range v1Routes {
		if ref, ok := listingRoutes[v1Routes[i].method+" "+v1Routes[i].pattern]; ok {
			v1Routes[i].handle = ref
			n++
		}
	}
	if n != len(listingRoutes) {
		t.Fatalf("found %d of the %d listing routes in v1Routes", n, len(listingRoutes))
	}
	return New(o)
}

func storedOptions(f *fakeRecords) Options {
	return Options{Records: f, Now: f.now, Logger: slog.New(slog.DiscardHandler), PersonKeySecret: []byte("a test secret of 32 bytes, fixed")}
}

// compareListing sends req (built afresh by mk) to h and to ref, from the
// same state of fr each time, and compares the answers when h's is a 200.
// It reports whether it compared.
func compareListing(t *testing.T, h, ref http.Handler, fr *fakeRecords, round storeState, trail0 []records.Entry, mk func() *http.Request) bool {
	t.Helper()
	round.restore(fr, trail0)
	req := mk()
	got := httptest.NewRecorder()
	h.ServeHTTP(got, req)
	round.restore(fr, trail0)
	want := httptest.NewRecorder()
	ref.ServeHTTP(want, mk())
	if got.Code != http.StatusOK {
		return false
	}
	what := req.Method + " " + req.URL.RequestURI()
	if want.Code != http.StatusOK {
		t.Fatalf("%s: the reference answered %d: %s", what, want.Code, want.Body)
	}
	for _, k := range []string{"Content-Type", "X-Content-Type-Options", "Content-Length", "Transfer-Encoding"} {
		if g, w := got.Header().Values(k), want.Header().Values(k); fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s: %s %q, want %q", what, k, g, w)
		}
	}
	if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
		i := firstDiff(got.Body.Bytes(), want.Body.Bytes())
		t.Fatalf("%s: not byte-identical at %d:\ngot  …%s\nwant …%s", what, i, clip(got.Body.Bytes(), i), clip(want.Body.Bytes(), i))
	}
	return true
}

func clip(b []byte, i int) []byte {
	lo, hi := max(0, i-80), min(len(b), i+80)
	return b[lo:hi]
}

// TestListingsByteIdenticalSeeds: every seed of FuzzStoredRoutes on a
// listing route that answers 200 answers the reference's bytes.
func TestListingsByteIdenticalSeeds(t *testing.T) {
	h, fr, tokens := storedFuzzServer(t)
	ref := referenceListings(t, storedOptions(fr))
	round, trail0 := snapshotStore(fr), fr.snapshot()
	listing := map[string]bool{"/v1/loans": true, "/v1/applications": true, "/v1/lists": true, "/v1/plans": true}
	compared := map[string]int{}
	for i, s := range storedFuzzSeeds(t) {
		rt := storedFuzzRoutes[int(s.route)%len(storedFuzzRoutes)]
		if rt.method != http.MethodGet || !listing[rt.path] {
			continue
		}
		who := storedFuzzUsers[int(s.user)%len(storedFuzzUsers)]
		mk := func() *http.Request {
			req := httptest.NewRequest(rt.method, rt.path, nil)
			req.URL.RawQuery = rt.query
			if s.query != "" {
				req.URL.RawQuery = fuzzQuery(s.query)
			}
			req.RequestURI = req.URL.RequestURI()
			if tok := tokens[who]; tok != "" {
				req.Header.Set("Authorization", "Bearer "+tok)
			}
			return req
		}
		if compareListing(t, h, ref, fr, round, trail0, mk) {
			compared[rt.path]++
		} else {
			t.Logf("seed %d (%s as %s) did not answer 200", i+1, rt.path, who)
		}
	}
	for p := range listing {
		if compared[p] == 0 {
			t.Errorf("no seed of %s answered 200", p)
		}
	}
}

// TestListingsByteIdenticalSweep: every user of the scenario, every
// listing, a sweep of filters and pages (next_after before and after the
// rows), and the audit trail page by page.
func TestListingsByteIdenticalSweep(t *testing.T) {
	h, fr, tokens := storedFuzzServer(t)
	ref := referenceListings(t, storedOptions(fr))
	round, trail0 := snapshotStore(fr), fr.snapshot()
	targets := []string{"/v1/audit", "/v1/audit?limit=1", "/v1/audit?after=3&limit=5", "/v1/audit?after=1000"}
	for _, p := range []string{"/v1/loans", "/v1/applications", "/v1/lists", "/v1/plans"} {
		for _, q := range []string{"", "?limit=1", "?limit=2", "?after=1", "?after=1&limit=1", "?after=99"} {
			targets = append(targets, p+q)
		}
	}
	targets = append(targets, "/v1/loans?status=active", "/v1/loans?status=closed", "/v1/loans?commune_code=03424",
		"/v1/applications?list_id=1", "/v1/applications?list_id=1&limit=1", "/v1/applications?plan_id=1",
		"/v1/applications?decision=pending&limit=2", "/v1/applications?decision=approved", "/v1/applications?decision=refused",
		"/v1/lists?period=2026-11", "/v1/lists?status=draft&limit=1", "/v1/lists?commune_code=03424&limit=1",
		"/v1/plans?status=submitted", "/v1/plans?limit=1")
	n, per := 0, map[string]int{}
	for _, who := range storedFuzzUsers {
		for _, target := range targets {
			mk := func() *http.Request {
				req := httptest.NewRequest(http.MethodGet, target, nil)
				if tok := tokens[who]; tok != "" {
					req.Header.Set("Authorization", "Bearer "+tok)
				}
				return req
			}
			if compareListing(t, h, ref, fr, round, trail0, mk) {
				n++
				per[strings.SplitN(target, "?", 2)[0]]++
			}
		}
	}
	if n < 100 || len(per) != 5 {
		t.Fatalf("only %d answers compared: %v", n, per)
	}
	t.Logf("%d answers compared: %v", n, per)
}

// oddTexts hold every kind of character an answer's string may carry.
var oddTexts = []string{
	"", "Hồ sơ chưa đủ — thiếu giấy xác nhận của Công an xã Bản Bo",
	`a "quoted" \ back\slash`, "<b>Tom & Jerry</b> >", "line\u2028sep\u2029para", "tab\tnew\nline\rret\bback\fform",
	"\x00\x01\x1f\x7f", "bad \xff\xfe utf-8 \xc3", "emoji 😀 and 中文", "\u00a0nbsp", "' single",
}

// TestListingAppendersOddTexts compares the appenders with the reference
// encoding directly, over records holding oddTexts in every string they
// show, screenings with spaces, U+2028 and <>& inside, and invalid,
// times with nanoseconds, zones and years outside [0,9999] (where both
// write nothing), and next_after on either side of the rows.
func TestListingAppendersOddTexts(t *testing.T) {
	zone := time.FixedZone("ICT", 7*3600)
	times := []time.Time{
		time.Date(2026, 11, 30, 23, 59, 59, 0, time.UTC),
		time.Date(2027, 1, 10, 3, 4, 5, 123456789, zone),
		time.Date(2027, 1, 10, 3, 4, 5, 120000000, time.UTC),
		{},
	}
	screenings := [][]byte{nil, []byte(`{}`), []byte(`{"decision":"eligible","findings":[{"note":"<a&b> \u2028"}]}`),
		[]byte(" { \"a\" : [ 1 , 2 ] ,\n\t\"b\": \"x y <>&\u2028\" } "), []byte(`null`), []byte(`"text"`)}
	check := func(what string, got, want []byte) {
		t.Helper()
		if !bytes.Equal(got, want) {
			i := firstDiff(got, want)
			t.Fatalf("%s: not byte-identical at %d:\ngot  %s\nwant %s", what, i, got, want)
		}
	}
	for i, s := range oddTexts {
		tm := times[i%len(times)]
		var ls []records.Loan
		var as []records.Application
		var ds []records.Document
		var es []records.Entry
		for j := range 3 {
			closed := credit.Date{}
			if j == 1 {
				closed = credit.MustDate(2027, 1, 5)
			}
			ls = append(ls, records.Loan{ID: int64(i*3 + j + 1), ApplicationID: int64(j), Commune: s, Province: s, Purpose: s,
				Amount: credit.VND(80_000_000 * j), DisbursedOn: credit.MustDate(2026, 12, 1+j), TermMonths: 36 * j,
				PrincipalEveryMonths: 6, CourseMonths: j, Channel: oddTexts[(i+j)%len(oddTexts)], CapitalSource: s,
				Status: s, ClosedOn: closed, CreatedBy: int64(j), CreatedAt: tm})
			var decided *time.Time
			if j > 0 {
				d := times[(i+j)%len(times)]
				decided = &d
			}
			kind := records.KindList
			if j == 2 {
				kind = records.KindPlan
			}
			as = append(as, records.Application{ID: int64(i*3 + j + 1), DocumentID: int64(j), Kind: kind, Row: j, Commune: s,
				Province: s, Period: oddTexts[(i+j)%len(oddTexts)], Verdict: s, RulesVersion: s, Screening: screenings[(i+j)%len(screenings)],
				SharedWith: oddTexts[:j*2], Decision: oddTexts[(i+2*j)%len(oddTexts)], Note: s, DecidedBy: int64(j), DecidedAt: decided,
				LoanID: int64(j), CreatedAt: tm})
			ds = append(ds, records.Document{ID: int64(j + 1), Kind: kind, Commune: s, Province: s, Period: s, Status: s,
				Version: j, CreatedBy: int64(j), SubmittedBy: int64(j), CreatedAt: tm, UpdatedAt: times[(i+j)%len(times)],
				Body: []byte(`{"x":1}`)})
			es = append(es, records.Entry{Seq: int64(j + 1), At: times[(i+j)%len(times)], UserID: int64(j), Role: s, Action: s,
				Resource: s, ResourceID: oddTexts[(i+j)%len(oddTexts)], Outcome: s, RequestID: s,
				PrevHash: []byte(s), Hash: []byte{0, 0xff, byte(j)}})
		}
		for _, next := range []int64{0, 3, 1 << 40} {
			what := fmt.Sprintf("text %d, next %d", i, next)
			lj := []loanRecordJSON{}
			for _, l := range ls {
				lj = append(lj, newLoanRecordJSON(l))
			}
			check(what+", loans", appendLoanListing(nil, ls, next), referenceAnswer(t, listingAnswer("loans", lj, next)))
			for _, kind := range []string{"", records.KindList, records.KindPlan} {
				aj := []applicationJSON{}
				for _, a := range as {
					if kind == "" || a.Kind == kind {
						aj = append(aj, newApplicationJSON(a))
					}
				}
				check(what+", applications "+kind, appendApplicationListing(nil, as, kind, next),
					referenceAnswer(t, listingAnswer("applications", aj, next)))
			}
			dj := make([]documentJSON, len(ds))
			for k, d := range ds {
				dj[k] = newDocumentJSON(d, false)
			}
			for _, plural := range []string{"lists", "plans"} {
				check(what+", "+plural, appendDocumentListing(nil, plural, ds, next), referenceAnswer(t, listingAnswer(plural, dj, next)))
			}
		}
		resp := auditResponse{Entries: make([]entryJSON, len(es))}
		for k := range es {
			resp.Entries[k] = newEntryJSON(&es[k])
		}
		check(fmt.Sprintf("text %d, audit", i), appendAuditEntries(nil, es), referenceAnswer(t, resp))
	}
	// Empty listings; and where encoding/json fails, nothing.
	check("no loans", appendLoanListing(nil, nil, 0), referenceAnswer(t, listingAnswer("loans", []loanRecordJSON{}, 0)))
	check("no entries", appendAuditEntries(nil, nil), referenceAnswer(t, auditResponse{Entries: []entryJSON{}}))
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	l := records.Loan{ID: 1, CreatedAt: far}
	check("year 10000", appendLoanListing(nil, []records.Loan{l}, 0),
		referenceAnswer(t, listingAnswer("loans", []loanRecordJSON{newLoanRecordJSON(l)}, 0)))
	a := records.Application{ID: 1, Screening: []byte(`{"a":`)}
	check("bad screening", appendApplicationListing(nil, []records.Application{a}, "", 0),
		referenceAnswer(t, listingAnswer("applications", []applicationJSON{newApplicationJSON(a)}, 0)))
	e := records.Entry{Seq: 1, At: time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC)}
	check("year -1", appendAuditEntries(nil, []records.Entry{e}), referenceAnswer(t, auditResponse{Entries: []entryJSON{newEntryJSON(&e)}}))
}

// FuzzListingAppenders compares the appenders with the reference encoding
// over fuzzed texts, screenings and times.
func FuzzListingAppenders(f *testing.F) {
	for i, s := range oddTexts {
		f.Add(s, []byte(`{"a": "`+s+`"}`), int64(i)*1_234_567_891_011, int64(i))
	}
	f.Add("x", []byte(" [1, {\"b\" :null}] "), int64(-9_000_000_000_000_000_000), int64(1<<40))
	f.Fuzz(func(t *testing.T, s string, screening []byte, nanos, next int64) {
		tm := time.Unix(0, nanos)
		d := tm.Add(time.Hour)
		ls := []records.Loan{{ID: 1, Commune: s, Purpose: s, Channel: s, CapitalSource: s, Status: s, CreatedAt: tm}}
		as := []records.Application{{ID: 1, DocumentID: next, Kind: s, Commune: s, Period: s, Verdict: s, Screening: screening,
			SharedWith: []string{s}, Decision: s, Note: s, DecidedAt: &d, CreatedAt: tm}}
		ds := []records.Document{{ID: 1, Status: s, Period: s, Commune: s, CreatedAt: tm, UpdatedAt: d}}
		es := []records.Entry{{Seq: 1, At: tm, Role: s, Action: s, ResourceID: s, RequestID: s, Hash: []byte(s)}}
		if !bytes.Equal(appendLoanListing(nil, ls, next),
			referenceAnswer(t, listingAnswer("loans", []loanRecordJSON{newLoanRecordJSON(ls[0])}, next))) {
			t.Fatal("loans differ")
		}
		if !bytes.Equal(appendApplicationListing(nil, as, "", next),
			referenceAnswer(t, listingAnswer("applications", []applicationJSON{newApplicationJSON(as[0])}, next))) {
			t.Fatal("applications differ")
		}
		for _, plural := range []string{"lists", "plans"} {
			if !bytes.Equal(appendDocumentListing(nil, plural, ds, next),
				referenceAnswer(t, listingAnswer(plural, []documentJSON{newDocumentJSON(ds[0], false)}, next))) {
				t.Fatal(plural + " differ")
			}
		}
		if !bytes.Equal(appendAuditEntries(nil, es), referenceAnswer(t, auditResponse{Entries: []entryJSON{newEntryJSON(&es[0])}})) {
			t.Fatal("audit differs")
		}
	})
}

// benchLoans is a store of n loans of Bản Bo, for the province's officer.
func benchLoans(b *testing.B, n int) (*fakeRecords, string) {
	f := newFakeRecords()
	_, token := f.addUser(access.ProvincialPolice, nil, "12")
	created := time.Date(2026, 12, 1, 8, 30, 15, 123456000, time.UTC)
	for i := range n {
		l := records.Loan{ID: int64(i + 1), ApplicationID: int64(i + 1), Commune: "03424", Province: "12", Purpose: "production",
			Amount: credit.VND(30_000_000 + 1000*i), DisbursedOn: credit.MustDate(2026, 12, 1+i%28), TermMonths: 36,
			PrincipalEveryMonths: 6, Channel: "farmers_union", CapitalSource: "central", Status: records.LoanActive,
			CreatedBy: 3, CreatedAt: created.Add(time.Duration(i) * time.Second)}
		if i%10 == 0 {
			l.Status, l.ClosedOn, l.CourseMonths = records.LoanClosed, credit.MustDate(2027, 1, 5), 6
		}
		f.lend.loans = append(f.lend.loans, l)
	}
	f.nopAppend = true
	return f, token
}

// BenchmarkListLoans: GET /v1/loans answering 10,000 loans (the page's
// most) from the fake store, through the whole chain, the reference
// (encoding/json over listingAnswer's map) against the appended answer.
func BenchmarkListLoans(b *testing.B) {
	f, token := benchLoans(b, MaxLoansPage)
	handlers := []struct {
		name string
		h    http.Handler
	}{{"encoding_json", referenceListings(b, storedOptions(f))}, {"append", New(storedOptions(f))}}
	for _, hc := range handlers {
		b.Run(hc.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, "/v1/loans", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			hc.h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"id":10000,`) {
				b.Fatalf("%d: %.200s", rec.Code, rec.Body)
			}
			b.SetBytes(int64(rec.Body.Len()))
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				hc.h.ServeHTTP(rec, req)
			}
		})
	}
}

// BenchmarkListLoansEncoding: the encoding alone of the same 10,000 loans,
// into a writer that keeps nothing: the response types and encoding/json
// over listingAnswer's map, against appending into a reused buffer.
func BenchmarkListLoansEncoding(b *testing.B) {
	f, _ := benchLoans(b, MaxLoansPage)
	ls := f.lend.loans
	b.Run("encoding_json", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			out := []loanRecordJSON{}
			for _, l := range ls {
				out = append(out, newLoanRecordJSON(l))
			}
			enc := json.NewEncoder(io.Discard)
			enc.SetEscapeHTML(false)
			_ = enc.Encode(listingAnswer("loans", out, 0))
		}
	})
	b.Run("append", func(b *testing.B) {
		b.ReportAllocs()
		var buf []byte
		for b.Loop() {
			buf = appendLoanListing(buf[:0], ls, 0)
			_, _ = io.Discard.Write(buf)
		}
	})
}
