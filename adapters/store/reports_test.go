package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

// eachDocument collects what EachDocument streams.
func eachDocument(t testing.TB, s *store.Store, kind string, scope access.Scope, f records.DocumentFilter) []records.Document {
	t.Helper()
	var out []records.Document
	if err := s.EachDocument(ctx, kind, scope, f, func(d records.Document) error {
		out = append(out, d)
		return nil
	}); err != nil {
		t.Fatalf("each document: %v", err)
	}
	return out
}

func docIDs(ds []records.Document) []int64 {
	out := []int64{}
	for _, d := range ds {
		out = append(out, d.ID)
	}
	return out
}

func TestEachDocument(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, c := docStore(t, e)
		other := otherCommune(t)
		a1 := newList(t, s, police, communeA, "2025-09")
		b1 := newList(t, s, police, communeB, "2025-09")
		o1 := newList(t, s, police, other.Code, "2025-09")
		a2 := newList(t, s, police, communeA, "2025-10")
		plan, err := s.CreateDocument(ctx, police, records.Idempotency{}, records.Document{Kind: records.KindPlan, Commune: communeA, Body: []byte(`{"plan":1}`)})
		if err != nil {
			t.Fatal(err)
		}
		// An edit: the current version's body is the one streamed.
		edited := listBody(communeA, "2025-09", "edited")
		if _, err := s.EditDocument(ctx, police, records.KindList, a1.ID, 1, edited); err != nil {
			t.Fatal(err)
		}
		move(t, s, police, records.KindList, b1.ID, "submit", "")

		for _, tc := range []struct {
			name  string
			scope access.Scope
			f     records.DocumentFilter
			want  []int64
		}{
			{"all", all, records.DocumentFilter{}, []int64{a1.ID, b1.ID, o1.ID, a2.ID}},
			{"province", access.Scope{Province: "12"}, records.DocumentFilter{}, []int64{a1.ID, b1.ID, a2.ID}},
			{"communes", access.Scope{Communes: []string{communeB, other.Code}}, records.DocumentFilter{}, []int64{b1.ID, o1.ID}},
			{"period", access.Scope{Province: "12"}, records.DocumentFilter{Period: "2025-09"}, []int64{a1.ID, b1.ID}},
			{"commune", all, records.DocumentFilter{Commune: communeA}, []int64{a1.ID, a2.ID}},
			{"status", all, records.DocumentFilter{Status: "submitted"}, []int64{b1.ID}},
			{"none", all, records.DocumentFilter{Period: "2024-01"}, []int64{}},
			{"empty scope", access.Scope{}, records.DocumentFilter{}, []int64{}},
		} {
			got := eachDocument(t, s, records.KindList, tc.scope, tc.f)
			if !slices.Equal(docIDs(got), tc.want) {
				t.Errorf("%s: %v, want %v", tc.name, docIDs(got), tc.want)
			}
			// The same documents as Documents, with the bodies of Document.
			list, err := s.Documents(ctx, records.KindList, tc.scope, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != len(got) {
				t.Fatalf("%s: Documents has %d, EachDocument %d", tc.name, len(list), len(got))
			}
			for i, d := range got {
				one, err := s.Document(ctx, records.KindList, d.ID, 0)
				if err != nil {
					t.Fatal(err)
				}
				lite := d
				lite.Body = nil
				if !sameDoc(d, one) || !bytes.Equal(d.Body, one.Body) || !sameDoc(lite, list[i]) {
					t.Errorf("%s: %+v\nDocument %+v\nDocuments %+v", tc.name, d, one, list[i])
				}
			}
		}
		got := eachDocument(t, s, records.KindList, all, records.DocumentFilter{Commune: communeA, Period: "2025-09"})
		if len(got) != 1 || !bytes.Equal(got[0].Body, edited) || got[0].Version != 2 || got[0].FirstSubmittedAt != nil {
			t.Fatalf("the edited list, never submitted: %+v", got)
		}
		// The first submit's time, however often the list came back.
		first := eachDocument(t, s, records.KindList, all, records.DocumentFilter{Commune: communeB})[0].FirstSubmittedAt
		if first == nil {
			t.Fatal("a submitted list without its first submit")
		}
		c.Set(c.Now().Add(48 * time.Hour))
		move(t, s, committee, records.KindList, b1.ID, "return", "sửa lại")
		move(t, s, police, records.KindList, b1.ID, "submit", "")
		again := eachDocument(t, s, records.KindList, all, records.DocumentFilter{Commune: communeB})[0]
		if again.FirstSubmittedAt == nil || !again.FirstSubmittedAt.Equal(*first) || !again.UpdatedAt.After(*first) {
			t.Fatalf("submitted again: first %v, now %+v", first, again)
		}
		plans := eachDocument(t, s, records.KindPlan, all, records.DocumentFilter{})
		if len(plans) != 1 || plans[0].ID != plan.ID || string(plans[0].Body) != `{"plan":1}` {
			t.Fatalf("plans: %+v", plans)
		}

		// fn's error stops the walk and comes back as it is.
		stop := errors.New("stop")
		calls := 0
		err = s.EachDocument(ctx, records.KindList, all, records.DocumentFilter{}, func(records.Document) error {
			calls++
			return stop
		})
		if err != stop || calls != 1 {
			t.Fatalf("stopped: %v after %d calls", err, calls)
		}
		// fn may read the store meanwhile.
		err = s.EachDocument(ctx, records.KindList, all, records.DocumentFilter{}, func(d records.Document) error {
			_, err := s.History(ctx, records.KindList, d.ID)
			return err
		})
		if err != nil {
			t.Fatalf("reading inside the walk: %v", err)
		}
		if err := s.EachDocument(ctx, "memo", all, records.DocumentFilter{}, func(records.Document) error { return nil }); err == nil {
			t.Fatal("a kind that is not one: no error")
		}
	})
}

// eachLoan collects what EachLoan streams.
type loanWithPayments struct {
	l  records.Loan
	ps []records.Payment
}

func eachLoan(t testing.TB, s *store.Store, scope access.Scope, f records.LoanFilter) []loanWithPayments {
	t.Helper()
	var out []loanWithPayments
	if err := s.EachLoan(ctx, scope, f, func(l records.Loan, ps []records.Payment) error {
		if ps == nil {
			t.Errorf("loan %d: nil payments", l.ID)
		}
		out = append(out, loanWithPayments{l, ps})
		return nil
	}); err != nil {
		t.Fatalf("each loan: %v", err)
	}
	return out
}

func TestEachLoan(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		other := otherCommune(t)
		dec, terms := approval()
		var loans []records.Loan
		for _, commune := range []string{communeA, communeB, other.Code} {
			for _, ap := range receive(t, s, certified(t, s, commune, "2025-09"), "an", "binh") {
				_, l, err := s.Decide(ctx, vbsp, records.Idempotency{}, ap.ID, dec, terms)
				if err != nil {
					t.Fatal(err)
				}
				loans = append(loans, *l)
			}
		}
		// Payments: several on some loans, none on others, recorded out of
		// the loans' order; one loan paid off and closed.
		pay := func(l records.Loan, on string, amount credit.VND, closing string) {
			t.Helper()
			var c records.Closing
			if closing != "" {
				c = closeOn(day(closing))
			}
			if _, err := s.AddPayment(ctx, vbsp, records.Idempotency{}, l.ID, records.Payment{On: day(on), Amount: amount}, c); err != nil {
				t.Fatal(err)
			}
		}
		pay(loans[4], "2026-01-10", 1_000_000, "")
		pay(loans[0], "2026-01-15", 2_000_000, "")
		pay(loans[4], "2026-02-10", 3_000_000, "")
		pay(loans[0], "2026-02-15", 4_000_000, "")
		pay(loans[2], "2026-03-01", 50_000_000, "2026-03-01")
		pay(loans[5], "2026-03-02", 5_000_000, "")

		for _, tc := range []struct {
			name  string
			scope access.Scope
			f     records.LoanFilter
			want  int // how many
		}{
			{"all", all, records.LoanFilter{}, 6},
			{"province", access.Scope{Province: "12"}, records.LoanFilter{}, 4},
			{"communes", access.Scope{Communes: []string{communeB, other.Code}}, records.LoanFilter{}, 4},
			{"commune", all, records.LoanFilter{Commune: communeA}, 2},
			{"active", access.Scope{Province: "12"}, records.LoanFilter{Status: records.LoanActive}, 3},
			{"closed", all, records.LoanFilter{Status: records.LoanClosed}, 1},
			{"empty scope", access.Scope{}, records.LoanFilter{}, 0},
		} {
			got := eachLoan(t, s, tc.scope, tc.f)
			list, err := s.Loans(ctx, tc.scope, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.want || len(list) != tc.want {
				t.Fatalf("%s: EachLoan %d, Loans %d, want %d", tc.name, len(got), len(list), tc.want)
			}
			// The same loans as Loans, with the payments of Loan.
			for i, lp := range got {
				l, ps, err := s.Loan(ctx, lp.l.ID)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(lp.l) != fmt.Sprint(l) || fmt.Sprint(list[i]) != fmt.Sprint(l) || fmt.Sprint(lp.ps) != fmt.Sprint(ps) {
					t.Errorf("%s: %+v %+v\nLoan %+v %+v\nLoans %+v", tc.name, lp.l, lp.ps, l, ps, list[i])
				}
			}
		}
		got := eachLoan(t, s, all, records.LoanFilter{})
		var counts []int
		for _, lp := range got {
			counts = append(counts, len(lp.ps))
			for j, p := range lp.ps {
				if p.LoanID != lp.l.ID || p.Seq != j+1 {
					t.Errorf("loan %d: payment %+v", lp.l.ID, p)
				}
			}
		}
		if !slices.Equal(counts, []int{2, 0, 1, 0, 2, 1}) {
			t.Fatalf("payments per loan %v", counts)
		}

		// fn's error stops the walk and comes back as it is; fn may read
		// the store meanwhile.
		stop := errors.New("stop")
		calls := 0
		err := s.EachLoan(ctx, all, records.LoanFilter{}, func(l records.Loan, _ []records.Payment) error {
			calls++
			if _, _, err := s.Loan(ctx, l.ID); err != nil {
				return err
			}
			if calls == 3 {
				return stop
			}
			return nil
		})
		if err != stop || calls != 3 {
			t.Fatalf("stopped: %v after %d calls", err, calls)
		}
	})
}

// completion is a completion of the task on the occurrence, done on done.
func completion(task, occurrence, done string) records.Completion {
	c := records.Completion{TaskID: task, DoneOn: day(done)}
	if occurrence != "" {
		c.Occurrence = day(occurrence)
	}
	return c
}

func TestCompletions(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, _ := docStore(t, e)
		none, err := s.Completions(ctx)
		if err != nil || none == nil || len(none) != 0 {
			t.Fatalf("none yet: %v, %v", none, err)
		}
		c1, err := s.RecordCompletion(ctx, admin, idem(admin, "c1", "complete 1"), completion("report-monthly", "2025-10-05", "2025-10-03"))
		if err != nil {
			t.Fatal(err)
		}
		if c1.Seq <= 0 || c1.TaskID != "report-monthly" || c1.Occurrence != day("2025-10-05") || c1.DoneOn != day("2025-10-03") ||
			c1.RecordedBy != admin.UserID || c1.At.IsZero() {
			t.Fatalf("recorded %+v", c1)
		}
		// A retry answers the first, and records nothing again.
		again, err := s.RecordCompletion(ctx, admin, idem(admin, "c1", "complete 1"), completion("report-monthly", "2025-10-05", "2025-10-03"))
		if err != nil || again != c1 {
			t.Fatalf("retry: %+v, %v; want %+v", again, err, c1)
		}
		// The key used for another request.
		if _, err := s.RecordCompletion(ctx, admin, idem(admin, "c1", "complete 2"), completion("report-monthly", "2025-11-05", "2025-11-03")); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("the key reused: %v", err)
		}
		// A one-off task (no occurrence), and the next occurrence.
		c2, err := s.RecordCompletion(ctx, admin, records.Idempotency{}, completion("train-officers", "", "2025-09-20"))
		if err != nil {
			t.Fatal(err)
		}
		if !c2.Occurrence.IsZero() {
			t.Fatalf("one-off: %+v", c2)
		}
		c3, err := s.RecordCompletion(ctx, admin, records.Idempotency{}, completion("report-monthly", "2025-11-05", "2025-11-06"))
		if err != nil {
			t.Fatal(err)
		}
		// An occurrence is completed once, a one-off's zero one included.
		for _, c := range []records.Completion{completion("report-monthly", "2025-10-05", "2025-10-09"), completion("train-officers", "", "2025-09-21")} {
			_, err := s.RecordCompletion(ctx, admin, records.Idempotency{}, c)
			var ce *records.ConflictError
			if !errors.As(err, &ce) || ce.Code != store.CodeDuplicateCompletion || !errors.Is(err, records.ErrConflict) {
				t.Fatalf("twice %+v: %v", c, err)
			}
		}
		got, err := s.Completions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, []records.Completion{c1, c2, c3}) {
			t.Fatalf("completions %+v\nwant %+v", got, []records.Completion{c1, c2, c3})
		}

		// Mistakes of the caller.
		for _, tc := range []struct {
			a records.Actor
			i records.Idempotency
			c records.Completion
		}{
			{admin, records.Idempotency{}, completion("", "", "2025-09-20")},
			{admin, records.Idempotency{}, records.Completion{TaskID: "x"}},
			{admin, records.Idempotency{}, completion(strings.Repeat("x", 201), "", "2025-09-20")},
			{admin, records.Idempotency{}, completion("bad\x00id", "", "2025-09-20")},
			{records.Actor{Role: "admin"}, records.Idempotency{}, completion("x", "", "2025-09-20")},
			{admin, idem(police, "k", "x"), completion("x", "", "2025-09-20")},
		} {
			if _, err := s.RecordCompletion(ctx, tc.a, tc.i, tc.c); err == nil {
				t.Errorf("%+v by %+v: no error", tc.c, tc.a)
			}
		}

		// One key, one request, across documents, decisions and payments,
		// and completions.
		d, err := s.CreateDocument(ctx, admin, idem(admin, "doc", "create"), records.Document{Kind: records.KindList, Commune: communeA, Body: []byte(`{}`)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.RecordCompletion(ctx, admin, idem(admin, "doc", "create"), completion("y", "", "2025-09-20")); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a document's key for a completion: %v", err)
		}
		if _, err := s.CreateDocument(ctx, admin, idem(admin, "c1", "complete 1"), records.Document{Kind: records.KindList, Commune: communeA, Body: []byte(`{}`)}); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a completion's key for a document: %v", err)
		}
		if _, _, err := s.Decide(ctx, admin, idem(admin, "c1", "complete 1"), 1, records.Decision{Outcome: records.DecisionWithdrawn}, nil); !errors.Is(err, records.ErrIdempotencyMismatch) {
			t.Fatalf("a completion's key for a decision: %v", err)
		}
		_ = d

		// The trail: one entry per completion recorded, naming the task only.
		var entries []string
		for _, e := range allEntries(t, s) {
			if e.Action == string(access.CompletePlan) {
				entries = append(entries, e.Action+" "+e.Resource+" "+e.ResourceID+" "+strconv.FormatInt(e.UserID, 10))
			}
		}
		want := []string{"plan.complete plan_task report-monthly 1", "plan.complete plan_task train-officers 1", "plan.complete plan_task report-monthly 1"}
		if !slices.Equal(entries, want) {
			t.Fatalf("entries %q\nwant %q", entries, want)
		}
		mustVerify(t, s)

		// Append-only, by the triggers.
		raw := e.raw(t, dsn)
		seq := strconv.FormatInt(c1.Seq, 10)
		for _, q := range []string{
			`UPDATE plan_completions SET done_on = done_on WHERE seq = ` + seq,
			`DELETE FROM plan_completions WHERE seq = ` + seq,
			`UPDATE completion_idempotency SET seq = seq`,
		} {
			if _, err := raw.Exec(q); err == nil || !strings.Contains(err.Error(), "refused") {
				t.Errorf("%s: %v, want a trigger's refusal", q, err)
			}
		}
		if e.name == "postgres" {
			if _, err := raw.Exec(`TRUNCATE plan_completions CASCADE`); err == nil || !strings.Contains(err.Error(), "refused") {
				t.Errorf("truncate: %v, want a trigger's refusal", err)
			}
		}
		if got, err := s.Completions(ctx); err != nil || len(got) != 3 {
			t.Fatalf("after the attempts: %v, %v", got, err)
		}
	})
}

// A database of schema 3 with its records takes migrations 0004 to 0007
// on Open, and keeps them.
func TestMigrationsFrom0003(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		dsn := e.fresh(t)
		s := open(t, dsn, store.Options{})
		d := newList(t, s, police, communeA, "2025-09")
		s.Close()
		raw := e.raw(t, dsn)
		for _, q := range []string{`DROP TABLE user_subject_ends`, `DROP TABLE user_subjects`,
			`DROP TABLE sessions`, `DROP TABLE user_passwords`, `DROP TABLE user_logins`,
			`DROP TABLE booked_positions`, `DROP TABLE booked_loans`, `DROP TABLE loan_imports`,
			`DROP TABLE completion_idempotency`, `DROP TABLE plan_completions`, `DELETE FROM schema_migrations WHERE version >= 4`} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		s = open(t, dsn, store.Options{})
		var v int64
		if err := raw.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil || v != 7 || store.SchemaVersion() != 7 {
			t.Fatalf("version %d, %v; SchemaVersion %d", v, err, store.SchemaVersion())
		}
		if got, err := s.Document(ctx, records.KindList, d.ID, 0); err != nil || !sameDoc(got, d) {
			t.Fatalf("the list after the migration: %+v, %v", got, err)
		}
		if _, err := s.RecordCompletion(ctx, admin, records.Idempotency{}, completion("t", "", "2025-09-20")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportLoans(ctx, vbsp, day("2025-11-30"), each(booked("VBSP-1", communeA, 1, 0))); err != nil {
			t.Fatal(err)
		}
		mustVerify(t, s)
	})
}
