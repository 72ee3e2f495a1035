package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/vnreentry/credit"
)

// Test data in bulk, for the benchmarks of the reports: rows inserted
// straight into the tables in one transaction, many to an INSERT, without
// the steps, keys or audit entries that the Store's own methods write.

// SeedList is a list as SeedLists stores it: version 1, with Body.
type SeedList struct {
	Commune, Province, Period, Status string
	Body                              []byte
}

// bulk inserts n rows of the columns into table, as many to an INSERT as
// the engines' limits of parameters allow; row appends the i-th's values.
func bulk(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int, args []any) []any) error {
	per := min(30000/len(cols), 200)
	head := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES `
	var b strings.Builder
	args := make([]any, 0, per*len(cols))
	for lo := 0; lo < n; lo += per {
		b.Reset()
		b.WriteString(head)
		args = args[:0]
		for i := lo; i < min(lo+per, n); i++ {
			if i > lo {
				b.WriteString(", ")
			}
			b.WriteString("(" + placeholders(len(args)+1, len(cols)) + ")")
			args = row(i, args)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("seed %s: %w", table, err)
		}
	}
	return nil
}

// seed runs fn in a transaction and, on PostgreSQL, moves the identity
// sequences past the ids it gave.
func (s *Store) seed(ctx context.Context, fn func(tx *sql.Tx, next func(table string) (int64, error)) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	next := func(table string) (int64, error) {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) + 1 FROM `+table).Scan(&id)
		return id, err
	}
	if err := fn(tx, next); err != nil {
		return err
	}
	if s.d.name == "postgres" {
		for _, t := range []string{"documents", "applications", "loans"} {
			if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM `+t+`), false)`); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

var seedDocCols = []string{"id", "kind", "commune_code", "province_code", "period", "status", "version", "created_by", "submitted_by", "created_at", "updated_at"}

// SeedLists stores the lists, in order.
func SeedLists(ctx context.Context, s *Store, lists []SeedList) error {
	at := s.d.timeArg(micro(s.now()))
	return s.seed(ctx, func(tx *sql.Tx, next func(string) (int64, error)) error {
		base, err := next("documents")
		if err != nil {
			return err
		}
		if err := bulk(ctx, tx, "documents", seedDocCols, len(lists), func(i int, args []any) []any {
			l := lists[i]
			return append(args, base+int64(i), "list", l.Commune, l.Province, l.Period, l.Status, 1, 10, 10, at, at)
		}); err != nil {
			return err
		}
		return bulk(ctx, tx, "document_versions", []string{"document_id", "version", "body", "created_at", "user_id"}, len(lists), func(i int, args []any) []any {
			return append(args, base+int64(i), 1, lists[i].Body, at, 10)
		})
	})
}

// SeedLoans stores n active loans of 50,000,000 đồng, disbursed on
// disbursed and made by the approval of a row of a received list (20 to a
// list, the lists' communes taken in turn from communes: code and
// province), each with payments monthly payments of 1,000,000 đồng from
// the month after.
func SeedLoans(ctx context.Context, s *Store, communes [][2]string, n, payments int, disbursed credit.Date) error {
	now := micro(s.now())
	at := s.d.timeArg(now)
	const rows = 20
	return s.seed(ctx, func(tx *sql.Tx, next func(string) (int64, error)) error {
		doc, err := next("documents")
		if err != nil {
			return err
		}
		app, err := next("applications")
		if err != nil {
			return err
		}
		loan, err := next("loans")
		if err != nil {
			return err
		}
		lists := (n + rows - 1) / rows
		where := func(i int) [2]string { return communes[(i/rows)%len(communes)] }
		if err := bulk(ctx, tx, "documents", seedDocCols, lists, func(i int, args []any) []any {
			c := communes[i%len(communes)]
			return append(args, doc+int64(i), "list", c[0], c[1], "2025-09", "received", 1, 10, 10, at, at)
		}); err != nil {
			return err
		}
		if err := bulk(ctx, tx, "document_versions", []string{"document_id", "version", "body", "created_at", "user_id"}, lists, func(i int, args []any) []any {
			return append(args, doc+int64(i), 1, []byte(`{}`), at, 10)
		}); err != nil {
			return err
		}
		if err := bulk(ctx, tx, "applications", []string{"id", "document_id", "kind", "row_index", "commune_code", "province_code", "period",
			"verdict", "rules_version", "screening", "created_at"}, n, func(i int, args []any) []any {
			c := where(i)
			return append(args, app+int64(i), doc+int64(i/rows), "list", i%rows, c[0], c[1], "2025-09", "eligible", "2025.1", []byte(`{}`), at)
		}); err != nil {
			return err
		}
		if err := bulk(ctx, tx, "decisions", []string{"application_id", "outcome", "note", "decided_by", "decided_at"}, n, func(i int, args []any) []any {
			return append(args, app+int64(i), "approved", "", 14, at)
		}); err != nil {
			return err
		}
		on := s.dayArg(disbursed)
		if err := bulk(ctx, tx, "loans", []string{"id", "application_id", "commune_code", "province_code", "purpose", "amount", "disbursed_on",
			"term_months", "principal_every_months", "course_months", "channel", "capital_source", "status", "created_by", "created_at"}, n,
			func(i int, args []any) []any {
				c := where(i)
				return append(args, loan+int64(i), app+int64(i), c[0], c[1], "production", int64(50_000_000), on,
					36, 6, 0, "womens_union", "central", "active", 14, at)
			}); err != nil {
			return err
		}
		days := make([]any, payments)
		for k := range days {
			days[k] = s.dayArg(disbursed.AddMonths(k + 1))
		}
		return bulk(ctx, tx, "payments", []string{"loan_id", "seq", "paid_on", "amount", "recorded_by", "at"}, n*payments, func(i int, args []any) []any {
			k := i % payments
			return append(args, loan+int64(i/payments), k+1, days[k], int64(1_000_000), 14, s.d.timeArg(now.Add(time.Duration(k)*time.Microsecond)))
		})
	})
}
