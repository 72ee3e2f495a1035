package lending_test

import (
	"testing"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/lending"
)

var (
	sinkSchedule  lending.Schedule
	sinkStatement lending.Statement
)

// loan120 is a 120-month production loan disbursed on 2025-06-10, so that
// the rate change of 2025-12-01 falls inside its sixth period; principal
// every 3 months.
var loan120 = lending.Loan{
	Amount:               100_000_000,
	DisbursedOn:          credit.MustDate(2025, time.June, 10),
	TermMonths:           120,
	PrincipalEveryMonths: 3,
}

// BenchmarkSchedule120 is a 120-month schedule with one rate change
// (target ≤ 100 µs/op).
func BenchmarkSchedule120(b *testing.B) {
	book := credit.DefaultBook()
	b.ReportAllocs()
	for b.Loop() {
		s, err := lending.ScheduleOf(book, loan120, nil)
		if err != nil {
			b.Fatal(err)
		}
		sinkSchedule = s
	}
	if len(sinkSchedule.Installments) != 120 || len(sinkSchedule.Rates) != 2 {
		b.Fatalf("got %d installments, %d rates", len(sinkSchedule.Installments), len(sinkSchedule.Rates))
	}
}

// BenchmarkStatement is the statement, at the end of the term, of the same
// loan with 40 payments: every quarter's installment paid on its due date,
// some late, some short (target ≤ 200 µs/op).
func BenchmarkStatement(b *testing.B) {
	book := credit.DefaultBook()
	s, err := lending.ScheduleOf(book, loan120, nil)
	if err != nil {
		b.Fatal(err)
	}
	var pays []lending.Flow
	var quarter credit.VND
	for _, in := range s.Installments {
		quarter += in.Principal + in.Interest
		if in.No%3 != 0 {
			continue
		}
		on, amount := in.DueOn, quarter
		switch in.No % 12 {
		case 3:
			on = on.AddDays(20) // late
		case 6:
			amount -= 500_000 // short
		}
		pays = append(pays, lending.Flow{On: on, Amount: amount})
		quarter = 0
	}
	asOf := loan120.DisbursedOn.AddMonths(120)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		st, err := lending.StatementOf(book, loan120, pays, asOf)
		if err != nil {
			b.Fatal(err)
		}
		sinkStatement = st
	}
	if len(pays) != 40 || len(sinkStatement.Payments) != 40 {
		b.Fatalf("got %d payments, %d applied", len(pays), len(sinkStatement.Payments))
	}
}
