package forms_test

import (
	"fmt"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
)

// fxList01N is the base list with n valid rows, each with its own ID number.
func fxList01N(n int) *forms.List01 {
	l := fxList01()
	base := fxRow01()
	l.Rows = make([]forms.Row01, n)
	for i := range l.Rows {
		l.Rows[i] = base
		l.Rows[i].IDNumber = fmt.Sprintf("%s%06d", base.IDNumber[:6], i)
	}
	return l
}

// BenchmarkValidate01_10000 validates a 10,000-row list: field rules, ID
// numbers, duplicates, windows and caps (target ≤ 50 ms).
func BenchmarkValidate01_10000(b *testing.B) {
	book := credit.DefaultBook()
	l := fxList01N(10_000)
	if err := forms.Validate01(book, l); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := forms.Validate01(book, l); err != nil {
			b.Fatal(err)
		}
	}
}
