package places_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnreentry/credit/places"
)

// FuzzSearch: whatever an officer types, Fold is idempotent and Search
// answers without panicking, each commune found has the query in its
// folded name, and a limit is kept.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"ban bo", "Bản Bo", "ĐẮK", "xa", "  muong   te ", "Ba\u0300n", "\xff", "", "03424", "tinh lai chau"} {
		f.Add(s)
	}
	c := places.Default()
	f.Fuzz(func(t *testing.T, q string) {
		fq := places.Fold(q)
		if again := places.Fold(fq); again != fq {
			t.Fatalf("Fold not idempotent: %q → %q → %q", q, fq, again)
		}
		if utf8.ValidString(q) && !utf8.ValidString(fq) {
			t.Fatalf("Fold(%q) = %q is not UTF-8", q, fq)
		}
		found := c.Search(q, 7)
		if len(found) > 7 {
			t.Fatalf("Search(%q, 7) returned %d", q, len(found))
		}
		for _, cm := range found {
			if !strings.Contains(places.Fold(cm.Name), fq) {
				t.Fatalf("Search(%q) found %q, whose folded name %q does not hold %q", q, cm.Name, places.Fold(cm.Name), fq)
			}
		}
	})
}
