package lending_test

import (
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/eligibility"
	"github.com/vnreentry/credit/lending"
)

var sinkAssessment lending.Assessment

// BenchmarkAssessIndividual is a full decision with its findings and terms
// for worked case 1 (five rules, cap, term, rates, method).
func BenchmarkAssessIndividual(b *testing.B) {
	book := credit.DefaultBook()
	a := person(date(2024, 6, 1), credit.Production, 150_000_000, 0)
	b.ReportAllocs()
	for b.Loop() {
		as, err := lending.Assess(book, a)
		if err != nil {
			b.Fatal(err)
		}
		sinkAssessment = as
	}
	if sinkAssessment.Terms == nil || sinkAssessment.Decision.Verdict != eligibility.Eligible {
		b.Fatal("expected an eligible decision with terms")
	}
}

// BenchmarkAssessEstablishment is the same for worked case 9 (six rules,
// the establishment cap, collateral).
func BenchmarkAssessEstablishment(b *testing.B) {
	book := credit.DefaultBook()
	a := business(date(2025, 12, 1), eligibility.Cooperative, 30, 10, 2_500_000_000)
	b.ReportAllocs()
	for b.Loop() {
		as, err := lending.Assess(book, a)
		if err != nil {
			b.Fatal(err)
		}
		sinkAssessment = as
	}
	if sinkAssessment.Terms == nil || !sinkAssessment.Terms.CollateralRequired {
		b.Fatal("expected terms with collateral")
	}
}
