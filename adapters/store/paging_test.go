package store_test

import (
	"slices"
	"testing"

	"github.com/vnreentry/credit/records"
)

// The listings come a page at a time: the records after After, at most
// Limit; pages walked to the end give the whole listing once.
func TestListingPages(t *testing.T) {
	eachEngine(t, func(t *testing.T, e *engine) {
		s, _, _ := docStore(t, e)
		var lists []int64
		for _, p := range []string{"2025-01", "2025-02", "2025-03", "2025-04", "2025-05"} {
			lists = append(lists, newList(t, s, police, communeA, p).ID)
		}
		apps := receive(t, s, certified(t, s, communeA, "2025-09"), "an", "binh", "chi", "dung")
		lists = append(lists, apps[0].DocumentID)
		var loans []int64
		for _, ap := range apps {
			d, l := approval()
			_, loan, err := s.Decide(ctx, vbsp, records.Idempotency{}, ap.ID, d, l)
			if err != nil {
				t.Fatal(err)
			}
			loans = append(loans, loan.ID)
		}
		var appIDs []int64
		for _, ap := range apps {
			appIDs = append(appIDs, ap.ID)
		}

		walk := func(limit int, page func(records.Page) []int64) [][]int64 {
			var pages [][]int64
			var after int64
			for range 20 {
				ids := page(records.Page{After: after, Limit: limit})
				if len(ids) == 0 {
					return pages
				}
				pages = append(pages, ids)
				after = ids[len(ids)-1]
			}
			t.Fatal("no end to the pages")
			return nil
		}
		docs := pageIDs(t, func(p records.Page) ([]records.Document, error) {
			return s.Documents(ctx, records.KindList, all, records.DocumentFilter{Page: p})
		}, func(d records.Document) int64 { return d.ID })
		applications := pageIDs(t, func(p records.Page) ([]records.Application, error) {
			return s.Applications(ctx, all, records.ApplicationFilter{Page: p})
		}, func(a records.Application) int64 { return a.ID })
		loanPage := pageIDs(t, func(p records.Page) ([]records.Loan, error) {
			return s.Loans(ctx, all, records.LoanFilter{Page: p})
		}, func(l records.Loan) int64 { return l.ID })
		for _, tc := range []struct {
			name  string
			limit int
			page  func(records.Page) []int64
			all   []int64
			sizes []int
		}{
			{"lists by 4", 4, docs, lists, []int{4, 2}},
			{"lists by 6", 6, docs, lists, []int{6}},
			{"lists, no limit", 0, docs, lists, []int{6}},
			{"applications by 3", 3, applications, appIDs, []int{3, 1}},
			{"applications by 1", 1, applications, appIDs, []int{1, 1, 1, 1}},
			{"loans by 2", 2, loanPage, loans, []int{2, 2}},
			{"loans by 5", 5, loanPage, loans, []int{4}},
		} {
			pages := walk(tc.limit, tc.page)
			var sizes []int
			for _, p := range pages {
				sizes = append(sizes, len(p))
			}
			if got := slices.Concat(pages...); !slices.Equal(got, tc.all) || !slices.Equal(sizes, tc.sizes) {
				t.Errorf("%s: pages %v, want %v in pages of %v", tc.name, pages, tc.all, tc.sizes)
			}
		}
		// After the last, nothing; a filter and a page together.
		if ids := docs(records.Page{After: lists[len(lists)-1]}); len(ids) != 0 {
			t.Errorf("after the last list: %v", ids)
		}
		ls, err := s.Documents(ctx, records.KindList, all, records.DocumentFilter{Period: "2025-03", Page: records.Page{After: lists[1], Limit: 1}})
		if err != nil || len(ls) != 1 || ls[0].ID != lists[2] {
			t.Errorf("a period after the second list: %+v, %v", ls, err)
		}
	})
}

// pageIDs makes a page of a listing into the ids of its records.
func pageIDs[T any](t *testing.T, list func(records.Page) ([]T, error), id func(T) int64) func(records.Page) []int64 {
	return func(p records.Page) []int64 {
		t.Helper()
		rows, err := list(p)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range rows {
			ids = append(ids, id(r))
		}
		return ids
	}
}
