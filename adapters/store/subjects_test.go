package store_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/store"
	"github.com/vnreentry/credit/records"
)

func TestSubjects(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, dsn, _ := docStore(t, e)
		u, err := s.CreateUser(ctx, admin, records.NewUser{Name: secretName, Role: string(access.CommunePolice), Communes: []string{communeA}})
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateUser(ctx, admin, records.NewUser{Name: "Cán bộ khác", Role: string(access.Auditor)})
		if err != nil {
			t.Fatal(err)
		}
		const iss, iss2 = "https://id.laichau.gov.vn", "https://id.other.example"
		const sub, sub2 = "079123456789", "someone@example.vn" // personal: never in the trail
		before := len(allEntries(t, s))

		for _, bad := range [][2]string{{"", sub}, {iss, ""}, {iss, "a b"}, {iss, "a\nb"}, {iss, strings.Repeat("x", 256)}, {strings.Repeat("x", 513), sub}} {
			if err := s.LinkSubject(ctx, admin, u.ID, bad[0], bad[1]); err == nil {
				t.Errorf("link %q accepted", bad)
			}
		}
		if err := s.LinkSubject(ctx, admin, u.ID+100, iss, sub); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("no such user: %v", err)
		}
		if _, err := s.UserBySubject(ctx, iss, sub); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("before any link: %v", err)
		}
		if err := s.LinkSubject(ctx, admin, u.ID, iss, sub); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkSubject(ctx, admin, u.ID, iss, sub); err != nil { // the same again: nothing
			t.Errorf("the same link again: %v", err)
		}
		if id, err := s.UserBySubject(ctx, iss, sub); err != nil || id != u.ID {
			t.Fatalf("user by subject: %d, %v", id, err)
		}
		for _, miss := range [][2]string{{iss2, sub}, {iss, sub2}, {iss, strings.ToUpper("a" + sub)}, {iss + "/", sub}} {
			if _, err := s.UserBySubject(ctx, miss[0], miss[1]); !errors.Is(err, records.ErrNotFound) {
				t.Errorf("%q: %v", miss, err)
			}
		}
		if got, err := s.Subject(ctx, u.ID, iss); err != nil || got != sub {
			t.Errorf("subject %q, %v", got, err)
		}
		if got, err := s.Subject(ctx, other.ID, iss); err != nil || got != "" {
			t.Errorf("no subject: %q, %v", got, err)
		}

		// One user per subject, one subject per user and issuer.
		var ce *records.ConflictError
		if err := s.LinkSubject(ctx, admin, other.ID, iss, sub); !errors.As(err, &ce) || ce.Code != store.CodeSubjectTaken {
			t.Errorf("a subject taken: %v", err)
		}
		if err := s.LinkSubject(ctx, admin, u.ID, iss, sub2); !errors.As(err, &ce) || ce.Code != store.CodeSubjectSet {
			t.Errorf("a second subject: %v", err)
		}
		if err := s.LinkSubject(ctx, admin, u.ID, iss2, sub); err != nil { // another issuer: another link
			t.Errorf("another issuer: %v", err)
		}

		// A wrong link is ended, and the subject linked to the right user.
		if err := s.EndSubject(ctx, admin, other.ID, iss); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("no link to end: %v", err)
		}
		if err := s.EndSubject(ctx, admin, u.ID, iss); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserBySubject(ctx, iss, sub); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("an ended link: %v", err)
		}
		if err := s.EndSubject(ctx, admin, u.ID, iss); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("ended twice: %v", err)
		}
		if err := s.LinkSubject(ctx, admin, other.ID, iss, sub); err != nil {
			t.Fatal(err)
		}
		if id, err := s.UserBySubject(ctx, iss, sub); err != nil || id != other.ID {
			t.Errorf("linked again: %d, %v", id, err)
		}
		if id, err := s.UserBySubject(ctx, iss2, sub); err != nil || id != u.ID {
			t.Errorf("the other issuer's: %d, %v", id, err)
		}

		// The trail: who and what, never the subject.
		var got []string
		for _, en := range allEntries(t, s)[before:] {
			got = append(got, en.Action+" "+en.Resource)
			for _, secret := range []string{sub, sub2, iss} {
				if strings.Contains(en.ResourceID+en.RequestID+en.Resource, secret) {
					t.Errorf("%q in %+v", secret, en)
				}
			}
		}
		want := []string{"users.manage subject", "users.manage subject", "users.manage subject.end", "users.manage subject"}
		if strings.Join(got, ", ") != strings.Join(want, ", ") {
			t.Errorf("entries %v\nwant %v", got, want)
		}
		mustVerify(t, s)

		// Kept as set, behind the store's back too.
		raw := e.raw(t, dsn)
		for _, q := range []string{`UPDATE user_subjects SET user_id = user_id + 1000`, `UPDATE user_subjects SET subject = 'x'`,
			`DELETE FROM user_subjects`, `UPDATE user_subject_ends SET ended_by = 0`, `DELETE FROM user_subject_ends`,
			`INSERT INTO user_subjects (issuer, subject, user_id, linked_by, linked_at) SELECT issuer, subject, user_id, linked_by, linked_at FROM user_subjects WHERE user_id = ` + strconv.FormatInt(other.ID, 10),
		} {
			if _, err := raw.Exec(q); err == nil {
				t.Errorf("%s: allowed", q)
			}
		}
	})
}
