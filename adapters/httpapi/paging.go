package httpapi

import (
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/records"
)

// The listings of stored records (GET /v1/lists, /v1/plans,
// /v1/applications, /v1/loans) come a page at a time, in order of id:
// ?after=ID starts after that record, ?limit=N (1 to the listing's most)
// bounds the page, its most when absent. An answer that is not the last
// page says so with next_after, the after of the next page; the last page
// has none. Nothing is ever cut silently.

// Pages of the listings: their most records.
const (
	MaxDocumentsPage    = 1000  // GET /v1/lists, /v1/plans
	MaxApplicationsPage = 1000  // GET /v1/applications
	MaxLoansPage        = 10000 // GET /v1/loans
)

var msgAfter = credit.Text{
	VI: "Tham số after phải là mã (số nguyên dương) của bản ghi cuối trang trước.",
	EN: "The after parameter must be the id (a positive whole number) of the previous page's last record.",
}

func msgLimit(max int) credit.Text {
	return credit.Text{
		VI: "Tham số limit phải là số nguyên từ 1 đến " + strconv.Itoa(max) + ".",
		EN: "The limit parameter must be a whole number from 1 to " + strconv.Itoa(max) + ".",
	}
}

// listingPage reads a listing's after and limit (400 when either is not
// as said), and asks the store for one record more than the page holds:
// that one, when it comes, says there is a next page (pageEnd).
func listingPage(r *http.Request, max int) (records.Page, error) {
	q := r.URL.Query()
	p := records.Page{Limit: max}
	if vs, has := q["after"]; has {
		id, ok := positiveID(vs[0])
		if !ok || len(vs) > 1 {
			return p, badParameter("after", credit.CodeInvalidValue, msgAfter)
		}
		p.After = id
	}
	if vs, has := q["limit"]; has {
		n, err := strconv.Atoi(vs[0])
		if err != nil || n < 1 || n > max || len(vs) > 1 || vs[0] != strconv.Itoa(n) {
			return p, badParameter("limit", credit.CodeOutOfRange, msgLimit(max))
		}
		p.Limit = n
	}
	p.Limit++
	return p, nil
}

// pageEnd cuts rows, read with listingPage's p, to the page, and returns
// the after of the next page: the page's last id, or 0 when rows held no
// more than the page (the last).
func pageEnd[T any](rows []T, p records.Page, id func(*T) int64) ([]T, int64) {
	if size := p.Limit - 1; len(rows) > size {
		rows = rows[:size]
		return rows, id(&rows[size-1])
	}
	return rows, 0
}

// listed carries out what every listing does after reading its filters:
// the caller's scope for action (403 when the role may never), the page
// of the query (400; written into *page, which fetch's filter holds), the
// rows in scope (none for an Empty scope) cut to the page, and the next
// page's after. ok is false when the answer, a refusal, is written.
func listed[T any](s *server, w http.ResponseWriter, r *http.Request, action access.Action, max int, page *records.Page,
	fetch func(access.Scope) ([]T, error), id func(*T) int64) (rows []T, next int64, ok bool) {
	scope, ok := listScope(r, action)
	if !ok {
		s.writeError(w, r, errForbidden)
		return nil, 0, false
	}
	p, err := listingPage(r, max)
	if err != nil {
		s.writeError(w, r, err)
		return nil, 0, false
	}
	*page = p
	if scope.Empty() {
		return nil, 0, true
	}
	if rows, err = fetch(scope); err != nil {
		s.writeError(w, r, err)
		return nil, 0, false
	}
	rows, next = pageEnd(rows, p, id)
	return rows, next, true
}
