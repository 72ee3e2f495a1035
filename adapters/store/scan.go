package store

import (
	"context"
	"fmt"
	"time"

	"github.com/vnreentry/credit"
)

// Times and days come back from SQLite as TEXT and from PostgreSQL as
// time.Time; these scanners take either.

// timeScan scans a NOT NULL time.
type timeScan struct{ dst *time.Time }

func (s timeScan) Scan(v any) error {
	t, ok, err := scanTime(v)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("store: a NULL time where one is required")
	}
	*s.dst = t
	return nil
}

// nullTimeScan scans a time that may be NULL (nil).
type nullTimeScan struct{ dst **time.Time }

func (s nullTimeScan) Scan(v any) error {
	t, ok, err := scanTime(v)
	if err != nil {
		return err
	}
	if !ok {
		*s.dst = nil
		return nil
	}
	*s.dst = &t
	return nil
}

func scanTime(v any) (time.Time, bool, error) {
	switch v := v.(type) {
	case nil:
		return time.Time{}, false, nil
	case time.Time:
		return v.UTC(), true, nil
	case string:
		return parseTime(v)
	case []byte:
		return parseTime(string(v))
	}
	return time.Time{}, false, fmt.Errorf("store: a time of type %T", v)
}

func parseTime(s string) (time.Time, bool, error) {
	t, err := time.Parse(sqliteTime, s)
	if err != nil {
		t, err = time.Parse(time.RFC3339Nano, s)
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: a time not in the store's format")
	}
	return t.UTC(), true, nil
}

// dayScan scans a day that may be NULL (the zero Date).
type dayScan struct{ dst *credit.Date }

func (s dayScan) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.dst = credit.Date{}
		return nil
	case time.Time:
		*s.dst = credit.DateOf(v.UTC())
		return nil
	case string:
		d, err := credit.ParseDate(v)
		if err != nil {
			return fmt.Errorf("store: a day not in the store's format")
		}
		*s.dst = d
		return nil
	case []byte:
		return s.Scan(string(v))
	}
	return fmt.Errorf("store: a day of type %T", v)
}

// dayArg encodes d for the engine; the zero Date is NULL.
func (s *Store) dayArg(d credit.Date) any {
	if d.IsZero() {
		return nil
	}
	return s.d.dayArg(d.Date())
}

// collect runs q with args and scans each row into a T with scan; what
// names the query in errors ("store: what: …"). The slice is never nil.
func collect[T any](ctx context.Context, q queryer, what, query string, args []any, scan func(rowScanner, *T) error) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := scan(rows, &v); err != nil {
			return nil, fmt.Errorf("store: %s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}
