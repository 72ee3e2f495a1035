package places_test

import (
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
)

// BenchmarkNew is the cost of building the 2025 map from its lists, as a
// store does when it is given a new one.
func BenchmarkNew(b *testing.B) {
	provinces, communes := credit.Provinces(), places.Default().Communes()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := places.New(provinces, communes); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCommune(b *testing.B) {
	c := places.Default()
	codes := []string{"03424", "00004", "32248", "99999"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Commune(codes[i%len(codes)])
	}
}

func BenchmarkSearch(b *testing.B) {
	c := places.Default()
	for _, bc := range []struct{ name, query string }{
		{"folded", "ban bo"},
		{"diacritics", "Bản Bo"},
		{"common", "muong"}, // many matches
		{"none", "zzzz"},
		{"one letter", "a"}, // nearly every commune
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				c.Search(bc.query, 10)
			}
		})
	}
}

func BenchmarkFold(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		places.Fold("Thành phố Hồ Chí Minh")
	}
}
