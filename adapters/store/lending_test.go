package store_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// personKey is what the HTTP side would compute for a person: an HMAC of
// the ID number; here any 64 hex digits.
func personKey(who string) string {
	h := sha256.Sum256([]byte("person " + who))
	return hex.EncodeToString(h[:])
}

// screening is a stored assessment: it names the secret person, to show
// that it never reaches the trail.
func screening(row int) []byte {
	return []byte(fmt.Sprintf(`{"decision":"eligible","row":%d,"note":%q}`, row, secretName))
}

// screenOf answers n applications of the people named, one per row.
func screenOf(people ...string) func(records.Document) ([]records.Application, []string, error) {
	return func(d records.Document) ([]records.Application, []string, error) {
		var apps []records.Application
		var keys []string
		for i, who := range people {
			verdict := "eligible"
			if strings.HasPrefix(who, "ineligible") {
				verdict = "ineligible"
			}
			apps = append(apps, records.Application{Row: i, Verdict: verdict, RulesVersion: "2025.1", Screening: screening(i)})
			k := ""
			if who != "" {
				k = personKey(who)
			}
			keys = append(keys, k)
		}
		return apps, keys, nil
	}
}

// certified makes a list of the commune and period and takes it to
// certified.
func certified(t testing.TB, s *store.Store, commune, period string) records.Document {
	t.Helper()
	d := newList(t, s, police, commune, period)
	move(t, s, police, records.KindList, d.ID, "submit", "")
	return move(t, s, committee, records.KindList, d.ID, "certify", "")
}

func receive(t testing.TB, s *store.Store, d records.Document, people ...string) []records.Application {
	t.Helper()
	r, err := s.ReceiveDocument(ctx, vbsp, records.Idempotency{}, d.Kind, d.ID, "", screenOf(people...))
	if err != nil {
		t.Fatalf("receive: %v", err)
	}
	if r.Status != "received" {
		t.Fatalf("received: %+v", r)
	}
	apps, err := s.Applications(ctx, access.Scope{All: true}, records.ApplicationFilter{DocumentID: d.ID})
	if err != nil {
		t.Fatal(err)
	}
	return apps
}

var all = access.Scope{All: true}

// closeOn is a records.Closing that closes the loan on d, whatever was paid.
func closeOn(d credit.Date) records.Closing {
	return func(records.Loan, []records.Payment) credit.Date { return d }
}

// TestPaymentsCloseTogether: two payments recorded at once that together
// repay a loan close it — the closing is decided inside the transaction,
// with every payment, the other's included.
func TestPaymentsCloseTogether(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		apps := receive(t, s, certified(t, s, communeA, "2025-09"), "an")
		d, l := approval()
		_, loan, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[0].ID, d, l)
		if err != nil {
			t.Fatal(err)
		}
		// Repaid once the payments add up to the amount.
		repaid := func(l records.Loan, ps []records.Payment) credit.Date {
			var sum credit.VND
			var last credit.Date
			for _, p := range ps {
				sum += p.Amount
				if p.On.After(last) {
					last = p.On
				}
			}
			if sum >= l.Amount {
				return last
			}
			return credit.Date{}
		}
		half := loan.Amount / 2
		amounts := []credit.VND{half, loan.Amount - half}
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, on := range []string{"2026-03-10", "2026-03-12"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID, records.Payment{On: day(on), Amount: amounts[i]}, repaid)
			}()
		}
		wg.Wait()
		if errs[0] != nil || errs[1] != nil {
			t.Fatal(errs)
		}
		got, ps, err := s.Loan(ctx, loan.ID)
		if err != nil || len(ps) != 2 || got.Status != records.LoanClosed || got.ClosedOn != day("2026-03-12") {
			t.Fatalf("after two payments at once: %+v, %d payments, %v", got, len(ps), err)
		}
	})
}

// refusedByTrigger matches the refusals of migration 0003's triggers.
var refusedByTrigger = regexp.MustCompile(`append-only: (update|delete) refused|loans are kept|only from active to closed|takes no payment`)

func TestReceiveApplications(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		d := certified(t, s, communeA, "2025-09")
		k := idem(vbsp, "recv-1", "receive")
		got, err := s.ReceiveDocument(ctx, vbsp, k, records.KindList, d.ID, "", screenOf("an", "", "ineligible binh"))
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "received" || !bytes.Equal(got.Body, d.Body) {
			t.Fatalf("received %+v", got)
		}
		apps, err := s.Applications(ctx, all, records.ApplicationFilter{DocumentID: d.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(apps) != 3 {
			t.Fatalf("%d applications, want 3", len(apps))
		}
		for i, ap := range apps {
			want := records.Application{ID: ap.ID, DocumentID: d.ID, Kind: "list", Row: i, Commune: communeA, Province: "12",
				Period: "2025-09", Verdict: []string{"eligible", "eligible", "ineligible"}[i], RulesVersion: "2025.1",
				Screening: screening(i), SharedWith: []string{}, CreatedAt: c.Now()}
			if ap.ID <= 0 || fmt.Sprint(ap) != fmt.Sprint(want) {
				t.Errorf("application %d = %+v\nwant %+v", i, ap, want)
			}
			one, err := s.Application(ctx, ap.ID)
			if err != nil || fmt.Sprint(one) != fmt.Sprint(ap) {
				t.Errorf("Application(%d) = %+v, %v\nwant %+v", ap.ID, one, err, ap)
			}
		}
		if _, err := s.Application(ctx, apps[2].ID+100); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("an unknown application: %v", err)
		}

		// The retry answers the document as received and makes nothing
		// again; the key with another request is refused.
		again, err := s.ReceiveDocument(ctx, vbsp, k, records.KindList, d.ID, "", func(records.Document) ([]records.Application, []string, error) {
			t.Error("screen ran on a retry")
			return nil, nil, nil
		})
		if err != nil || again.Status != "received" || again.ID != d.ID {
			t.Fatalf("retry: %+v, %v", again, err)
		}
		if n := count(t, s, records.ApplicationFilter{}); n != 3 {
			t.Fatalf("%d applications after a retry, want 3", n)
		}
		if _, err := s.ReceiveDocument(ctx, vbsp, idem(vbsp, "recv-1", "other"), records.KindList, d.ID, "", screenOf("x")); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a reused key: %v", err)
		}
		// Received once.
		if _, err := s.ReceiveDocument(ctx, vbsp, records.Idempotency{}, records.KindList, d.ID, "", screenOf("x")); err == nil {
			t.Fatal("received twice")
		}

		// A plan makes one application, without a key.
		p, err := s.CreateDocument(ctx, committee, records.Idempotency{}, records.Document{Kind: "plan", Commune: communeA, Body: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		move(t, s, committee, records.KindPlan, p.ID, "submit", "")
		p = move(t, s, committee2, records.KindPlan, p.ID, "confirm", "")
		papps := receive(t, s, p, "")
		if len(papps) != 1 || papps[0].Kind != "plan" || papps[0].Period != "" || papps[0].Row != 0 || papps[0].DocumentID != p.ID {
			t.Fatalf("plan applications: %+v", papps)
		}
		mustVerify(t, s)
	})
}

func count(t testing.TB, s *store.Store, f records.ApplicationFilter) int {
	t.Helper()
	apps, err := s.Applications(ctx, all, f)
	if err != nil {
		t.Fatal(err)
	}
	return len(apps)
}

// A screen that fails, or answers what cannot be kept, leaves everything
// as it was: the list certified, no application, no entry.
func TestReceiveAtomic(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		d := certified(t, s, communeA, "2025-09")
		before := len(allEntries(t, s))
		boom := errors.New("the book is missing")
		good := screenOf("an", "binh")
		for name, screen := range map[string]func(records.Document) ([]records.Application, []string, error){
			"error": func(d records.Document) ([]records.Application, []string, error) {
				if d.Status != "received" || !bytes.Equal(d.Body, listBody(communeA, "2025-09", secretName)) {
					t.Errorf("screen saw %+v", d)
				}
				return nil, nil, boom
			},
			"an ID number for a key": func(d records.Document) ([]records.Application, []string, error) {
				apps, _, _ := good(d)
				return apps, []string{personKey("an"), "012345678901"}, nil
			},
			"keys short": func(d records.Document) ([]records.Application, []string, error) {
				apps, keys, _ := good(d)
				return apps, keys[:1], nil
			},
			"a row twice": func(d records.Document) ([]records.Application, []string, error) {
				apps, keys, _ := good(d)
				apps[1].Row = 0
				return apps, keys, nil
			},
			"not JSON": func(d records.Document) ([]records.Application, []string, error) {
				apps, keys, _ := good(d)
				apps[1].Screening = []byte("{")
				return apps, keys, nil
			},
			"a verdict unknown": func(d records.Document) ([]records.Application, []string, error) {
				apps, keys, _ := good(d)
				apps[1].Verdict = "maybe"
				return apps, keys, nil
			},
		} {
			_, err := s.ReceiveDocument(ctx, vbsp, idem(vbsp, "k-"+name, name), records.KindList, d.ID, "", screen)
			if err == nil || (name == "error" && err != boom) {
				t.Errorf("%s: %v", name, err)
			}
			got, err := s.Document(ctx, records.KindList, d.ID, 0)
			if err != nil || got.Status != "certified" {
				t.Fatalf("%s: the list is %+v, %v", name, got, err)
			}
			if n := count(t, s, records.ApplicationFilter{}); n != 0 {
				t.Fatalf("%s: %d applications written", name, n)
			}
		}
		if n := len(allEntries(t, s)); n != before {
			t.Fatalf("%d entries after refused receipts, want %d", n, before)
		}
		// The key of a failed receipt was not kept: it works again.
		if _, err := s.ReceiveDocument(ctx, vbsp, idem(vbsp, "k-error", "error"), records.KindList, d.ID, "", good); err != nil {
			t.Fatal(err)
		}
		if n := count(t, s, records.ApplicationFilter{}); n != 2 {
			t.Fatalf("%d applications, want 2", n)
		}
	})
}

// A person listed in one period by two communes is flagged on both sides;
// another period, the same commune, or a row without a key, is not.
func TestSharedPersons(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		other := otherCommune(t)
		a := receive(t, s, certified(t, s, communeA, "2025-09"), "an", "binh", "", "chi")
		b := receive(t, s, certified(t, s, communeB, "2025-09"), "an", "", "dung")
		o := receive(t, s, certified(t, s, other.Code, "2025-09"), "an", "chi")
		later := receive(t, s, certified(t, s, communeB, "2025-10"), "binh", "an")
		again := receive(t, s, certified(t, s, communeA, "2025-09"), "binh")

		want := map[int64][]string{
			a[0].ID: {communeB, other.Code}, a[1].ID: {}, a[2].ID: {}, a[3].ID: {other.Code},
			b[0].ID: {communeA, other.Code}, b[1].ID: {}, b[2].ID: {},
			o[0].ID: {communeB, communeA}, o[1].ID: {communeA},
			later[0].ID: {}, later[1].ID: {},
			again[0].ID: {},
		}
		slices.Sort(want[a[0].ID])
		slices.Sort(want[b[0].ID])
		slices.Sort(want[o[0].ID])
		apps, err := s.Applications(ctx, all, records.ApplicationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(apps) != len(want) {
			t.Fatalf("%d applications, want %d", len(apps), len(want))
		}
		for _, ap := range apps {
			if !slices.Equal(ap.SharedWith, want[ap.ID]) {
				t.Errorf("application %d (%s row %d) shared with %v, want %v", ap.ID, ap.Commune, ap.Row, ap.SharedWith, want[ap.ID])
			}
			one, err := s.Application(ctx, ap.ID)
			if err != nil || !slices.Equal(one.SharedWith, want[ap.ID]) {
				t.Errorf("Application(%d) shared with %v, %v; want %v", ap.ID, one.SharedWith, err, want[ap.ID])
			}
		}
		// Within a scope, the flags still name communes outside it: by
		// where, never by whom.
		scoped, err := s.Applications(ctx, access.Scope{Communes: []string{communeA}}, records.ApplicationFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(scoped) != 5 || !slices.Equal(scoped[0].SharedWith, want[a[0].ID]) {
			t.Fatalf("scoped: %+v", scoped)
		}
	})
}

func TestApplicationsScope(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		other := otherCommune(t)
		a := receive(t, s, certified(t, s, communeA, "2025-09"), "an", "binh")
		b := receive(t, s, certified(t, s, communeB, "2025-09"), "chi")
		o := receive(t, s, certified(t, s, other.Code, "2025-09"), "dung")
		if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, a[1].ID, records.Decision{Outcome: records.DecisionWithdrawn}, nil); err != nil {
			t.Fatal(err)
		}
		ids := func(scope access.Scope, f records.ApplicationFilter) []int64 {
			apps, err := s.Applications(ctx, scope, f)
			if err != nil {
				t.Fatal(err)
			}
			out := []int64{}
			for _, ap := range apps {
				out = append(out, ap.ID)
			}
			return out
		}
		for _, tc := range []struct {
			name  string
			scope access.Scope
			f     records.ApplicationFilter
			want  []int64
		}{
			{"all", all, records.ApplicationFilter{}, []int64{a[0].ID, a[1].ID, b[0].ID, o[0].ID}},
			{"commune A", access.Scope{Communes: []string{communeA}}, records.ApplicationFilter{}, []int64{a[0].ID, a[1].ID}},
			{"communes A and B", access.Scope{Communes: []string{communeA, communeB}}, records.ApplicationFilter{}, []int64{a[0].ID, a[1].ID, b[0].ID}},
			{"province 12", access.Scope{Province: "12"}, records.ApplicationFilter{}, []int64{a[0].ID, a[1].ID, b[0].ID}},
			{"the other province", access.Scope{Province: other.ProvinceCode}, records.ApplicationFilter{}, []int64{o[0].ID}},
			{"empty", access.Scope{}, records.ApplicationFilter{}, []int64{}},
			{"empty communes", access.Scope{Communes: []string{""}}, records.ApplicationFilter{}, []int64{}},
			{"a document", all, records.ApplicationFilter{DocumentID: b[0].DocumentID}, []int64{b[0].ID}},
			{"a document out of scope", access.Scope{Communes: []string{communeA}}, records.ApplicationFilter{DocumentID: b[0].DocumentID}, []int64{}},
			{"pending", access.Scope{Province: "12"}, records.ApplicationFilter{Decision: "pending"}, []int64{a[0].ID, b[0].ID}},
			{"withdrawn", all, records.ApplicationFilter{Decision: records.DecisionWithdrawn}, []int64{a[1].ID}},
			{"approved", all, records.ApplicationFilter{Decision: records.DecisionApproved}, []int64{}},
		} {
			if got := ids(tc.scope, tc.f); !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
			}
		}
	})
}

func day(s string) credit.Date {
	d, err := credit.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func approval() (records.Decision, *records.Loan) {
	return records.Decision{Outcome: records.DecisionApproved, Amount: 50_000_000, TermMonths: 36, PrincipalEveryMonths: 6,
			DisbursedOn: day("2025-09-15"), Channel: "womens_union", CapitalSource: "central"},
		&records.Loan{Purpose: "production", Amount: 50_000_000, DisbursedOn: day("2025-09-15"), TermMonths: 36,
			PrincipalEveryMonths: 6, CourseMonths: 0, Channel: "womens_union", CapitalSource: "central"}
}

func TestDecide(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, c := docStore(t, e)
		apps := receive(t, s, certified(t, s, communeA, "2025-09"), "an", "binh", "chi", "dung")
		d, l := approval()
		k := idem(vbsp, "decide-1", "approve")
		ap, loan, err := s.Decide(ctx, vbsp, k, apps[0].ID, d, l)
		if err != nil {
			t.Fatal(err)
		}
		now := c.Now()
		if loan == nil || loan.ID <= 0 {
			t.Fatalf("approved without a loan: %+v", loan)
		}
		wantLoan := records.Loan{ID: loan.ID, ApplicationID: apps[0].ID, Commune: communeA, Province: "12", Purpose: "production",
			Amount: 50_000_000, DisbursedOn: day("2025-09-15"), TermMonths: 36, PrincipalEveryMonths: 6, Channel: "womens_union",
			CapitalSource: "central", Status: records.LoanActive, CreatedBy: vbsp.UserID, CreatedAt: now}
		if *loan != wantLoan {
			t.Fatalf("loan %+v\nwant %+v", *loan, wantLoan)
		}
		if ap.Decision != records.DecisionApproved || ap.LoanID != loan.ID || ap.DecidedBy != vbsp.UserID || ap.DecidedAt == nil || !ap.DecidedAt.Equal(now) {
			t.Fatalf("decided %+v", ap)
		}
		stored, err := s.Application(ctx, apps[0].ID)
		if err != nil || fmt.Sprint(stored) != fmt.Sprint(ap) {
			t.Fatalf("stored %+v, %v\nwant %+v", stored, err, ap)
		}
		gotLoan, ps, err := s.Loan(ctx, loan.ID)
		if err != nil || gotLoan != wantLoan || len(ps) != 0 || ps == nil {
			t.Fatalf("Loan = %+v, %v, %v", gotLoan, ps, err)
		}

		// A retry answers the same; the key with another request, or
		// another application, is refused.
		ap2, loan2, err := s.Decide(ctx, vbsp, k, apps[0].ID, d, l)
		if err != nil || loan2 == nil || *loan2 != wantLoan || fmt.Sprint(ap2) != fmt.Sprint(ap) {
			t.Fatalf("retry: %+v %+v %v", ap2, loan2, err)
		}
		if _, _, err := s.Decide(ctx, vbsp, idem(vbsp, "decide-1", "refuse"), apps[0].ID, records.Decision{Outcome: "refused", Note: "x"}, nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("reused key: %v", err)
		}
		// A document's key is not a decision's.
		if _, err := s.CreateDocument(ctx, vbsp, idem(vbsp, "doc-key", "create"), records.Document{Kind: "list", Commune: communeA, Body: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Decide(ctx, vbsp, idem(vbsp, "doc-key", "create"), apps[1].ID, records.Decision{Outcome: "withdrawn"}, nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a document's key on a decision: %v", err)
		}
		if _, err := s.CreateDocument(ctx, vbsp, idem(vbsp, "decide-1", "approve"), records.Document{Kind: "list", Commune: communeA, Body: []byte(`{}`)}); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a decision's key on a document: %v", err)
		}

		// Once.
		var ce *records.ConflictError
		if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[0].ID, records.Decision{Outcome: "withdrawn"}, nil); !errors.As(err, &ce) || ce.Code != store.CodeAlreadyDecided || !errors.Is(err, records.ErrConflict) {
			t.Fatalf("decided twice: %v", err)
		}

		// Refusals need a note; notes are text.
		for _, tc := range []struct {
			d    records.Decision
			code string
		}{
			{records.Decision{Outcome: "refused"}, credit.CodeRequired},
			{records.Decision{Outcome: "refused", Note: "  "}, credit.CodeRequired},
			{records.Decision{Outcome: "refused", Note: "a\x00b"}, credit.CodeInvalidText},
			{records.Decision{Outcome: "withdrawn", Note: strings.Repeat("x", 4001)}, credit.CodeOutOfRange},
		} {
			_, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[1].ID, tc.d, nil)
			var pr credit.Problems
			if !errors.As(err, &pr) || len(pr) != 1 || pr[0].Pointer != "/note" || pr[0].Code != tc.code {
				t.Errorf("%+v: %v, want %s at /note", tc.d, err, tc.code)
			}
		}
		// Misuse: an approval without its loan, a loan without approval,
		// an unknown outcome, a loan with no amount.
		bad := *l
		bad.Amount = 0
		for _, tc := range []struct {
			d records.Decision
			l *records.Loan
		}{{d, nil}, {records.Decision{Outcome: "withdrawn"}, l}, {records.Decision{Outcome: "maybe"}, nil}, {d, &bad}} {
			if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[1].ID, tc.d, tc.l); err == nil {
				t.Errorf("%+v with %+v decided", tc.d, tc.l)
			}
		}
		if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[3].ID+100, records.Decision{Outcome: "withdrawn"}, nil); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("an unknown application: %v", err)
		}

		r, loanR, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[1].ID, records.Decision{Outcome: "refused", Note: secretName + " không đủ điều kiện"}, nil)
		if err != nil || loanR != nil || r.Decision != "refused" || r.Note != secretName+" không đủ điều kiện" || r.LoanID != 0 {
			t.Fatalf("refused: %+v %+v %v", r, loanR, err)
		}

		// Two at once: one wins.
		var wg sync.WaitGroup
		results := make([]error, 8)
		for i := range results {
			wg.Go(func() {
				d, l := approval()
				if i%2 == 1 {
					d, l = records.Decision{Outcome: "withdrawn"}, nil
				}
				_, _, results[i] = s.Decide(ctx, vbsp, records.Idempotency{}, apps[2].ID, d, l)
			})
		}
		wg.Wait()
		wins := 0
		for _, err := range results {
			switch {
			case err == nil:
				wins++
			case errors.As(err, &ce) && ce.Code == store.CodeAlreadyDecided:
			default:
				t.Errorf("a concurrent decision: %v", err)
			}
		}
		if wins != 1 {
			t.Fatalf("%d concurrent decisions won, want 1", wins)
		}
		loans, err := s.Loans(ctx, all, records.LoanFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if won, _ := s.Application(ctx, apps[2].ID); (won.Decision == "approved") != (len(loans) == 2) {
			t.Fatalf("decision %q with %d loans", won.Decision, len(loans))
		}

		// Stored rows are kept: the triggers refuse changes behind the
		// store's back.
		raw := e.raw(t, dsn)
		for _, q := range []string{
			`UPDATE decisions SET outcome = 'withdrawn'`, `DELETE FROM decisions`,
			`UPDATE applications SET verdict = 'eligible'`, `DELETE FROM applications`,
			`UPDATE person_keys SET commune_code = '00000'`, `DELETE FROM person_keys`,
			`UPDATE loans SET amount = 1`, `DELETE FROM loans`,
		} {
			if _, err := raw.Exec(q); err == nil || !refusedByTrigger.MatchString(err.Error()) {
				t.Errorf("%s: %v, want a trigger's refusal", q, err)
			}
		}
		mustVerify(t, s)
	})
}

func TestPayments(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, c := docStore(t, e)
		apps := receive(t, s, certified(t, s, communeA, "2025-09"), "an", "binh")
		d, l := approval()
		_, loan, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[0].ID, d, l)
		if err != nil {
			t.Fatal(err)
		}
		_, other, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[1].ID, d, l)
		if err != nil {
			t.Fatal(err)
		}
		k := idem(vbsp, "pay-1", "pay 1")
		p1, err := s.AddPayment(ctx, vbsp, k, loan.ID, records.Payment{On: day("2026-03-15"), Amount: 8_000_000}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want1 := records.Payment{LoanID: loan.ID, Seq: 1, On: day("2026-03-15"), Amount: 8_000_000, RecordedBy: vbsp.UserID, At: c.Now()}
		if p1 != want1 {
			t.Fatalf("payment %+v\nwant %+v", p1, want1)
		}
		if again, err := s.AddPayment(ctx, vbsp, k, loan.ID, records.Payment{On: day("2026-03-15"), Amount: 8_000_000}, nil); err != nil || again != want1 {
			t.Fatalf("retry: %+v, %v", again, err)
		}
		if _, err := s.AddPayment(ctx, vbsp, k, other.ID, records.Payment{On: day("2026-03-15"), Amount: 1}, nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("reused key: %v", err)
		}
		if _, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID+100, records.Payment{On: day("2026-03-15"), Amount: 1}, nil); !errors.Is(err, records.ErrNotFound) {
			t.Fatalf("an unknown loan: %v", err)
		}
		for _, p := range []records.Payment{{On: day("2026-03-15")}, {Amount: 5}, {On: day("2026-03-15"), Amount: -5}} {
			if _, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID, p, nil); err == nil {
				t.Errorf("%+v recorded", p)
			}
		}
		// A payment may be an earlier day than one recorded before: seq is
		// the order recorded.
		c.Set(c.Now().Add(3600e9))
		p2, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID, records.Payment{On: day("2026-03-10"), Amount: 42_000_000}, closeOn(day("2026-03-10")))
		if err != nil || p2.Seq != 2 {
			t.Fatalf("closing payment: %+v, %v", p2, err)
		}
		got, ps, err := s.Loan(ctx, loan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != records.LoanClosed || got.ClosedOn != day("2026-03-10") || len(ps) != 2 || ps[0] != want1 || ps[1] != p2 {
			t.Fatalf("closed loan %+v with %+v", got, ps)
		}
		var ce *records.ConflictError
		if _, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID, records.Payment{On: day("2026-04-10"), Amount: 1}, nil); !errors.As(err, &ce) || ce.Code != store.CodeLoanClosed {
			t.Fatalf("a payment on a closed loan: %v", err)
		}

		for _, tc := range []struct {
			scope access.Scope
			f     records.LoanFilter
			want  []int64
		}{
			{all, records.LoanFilter{}, []int64{loan.ID, other.ID}},
			{all, records.LoanFilter{Status: "closed"}, []int64{loan.ID}},
			{all, records.LoanFilter{Status: "active"}, []int64{other.ID}},
			{access.Scope{Province: "12"}, records.LoanFilter{Commune: communeA}, []int64{loan.ID, other.ID}},
			{access.Scope{Communes: []string{communeB}}, records.LoanFilter{}, []int64{}},
			{access.Scope{}, records.LoanFilter{}, []int64{}},
			{all, records.LoanFilter{Commune: communeB}, []int64{}},
		} {
			loans, err := s.Loans(ctx, tc.scope, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, l := range loans {
				ids = append(ids, l.ID)
			}
			if loans == nil || !slices.Equal(ids, tc.want) {
				t.Errorf("Loans(%+v, %+v) = %v, want %v", tc.scope, tc.f, ids, tc.want)
			}
		}

		raw := e.raw(t, dsn)
		for _, q := range []string{
			`UPDATE payments SET amount = 1`, `DELETE FROM payments`,
			`UPDATE loans SET status = 'active', closed_on = NULL`,
			`UPDATE loans SET amount = 1 WHERE status = 'active'`,
			`INSERT INTO payments (loan_id, seq, paid_on, amount, recorded_by, at) SELECT id, 9, paid_on, 1, 1, at FROM loans, payments WHERE status = 'closed' LIMIT 1`,
		} {
			if _, err := raw.Exec(q); err == nil || !refusedByTrigger.MatchString(err.Error()) {
				t.Errorf("%s: %v, want a trigger's refusal", q, err)
			}
		}
		mustVerify(t, s)
	})
}

// The trail of the lending round: one entry per change, never the
// screening, a key, a note or a name.
func TestLendingAudit(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		doc := certified(t, s, communeA, "2025-09")
		apps := receive(t, s, doc, "an", "binh")
		d, l := approval()
		_, loan, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[0].ID, d, l)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Decide(ctx, vbsp, records.Idempotency{}, apps[1].ID, records.Decision{Outcome: "refused", Note: secretName}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, loan.ID, records.Payment{On: day("2026-03-15"), Amount: 8_000_000}, nil); err != nil {
			t.Fatal(err)
		}
		entries := allEntries(t, s)
		var got []string
		for _, e := range entries[len(entries)-4:] {
			got = append(got, e.Action+" "+e.Resource+" "+e.ResourceID)
		}
		want := []string{
			fmt.Sprintf("list.receive list %d", doc.ID),
			fmt.Sprintf("application.decide application %d", apps[0].ID),
			fmt.Sprintf("application.decide application %d", apps[1].ID),
			fmt.Sprintf("loan.pay payment %d/1", loan.ID),
		}
		if !slices.Equal(got, want) {
			t.Fatalf("entries %q\nwant %q", got, want)
		}
		for _, e := range entries {
			all := fmt.Sprintf("%+v", e)
			for _, secret := range []string{secretName, personKey("an"), personKey("binh"), "eligible", "production"} {
				if strings.Contains(all, secret) {
					t.Errorf("entry %d holds %q", e.Seq, secret)
				}
			}
		}
	})
}
