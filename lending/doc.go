// Package lending works out what an eligible borrower is entitled to under
// Quyết định 22/2023/QĐ-TTg on the day of the request: the cap and the
// amount granted (Art. 6), the longest term (Art. 8), the lending and
// overdue rates (Art. 9), whether collateral is required (Art. 10), and the
// lending method and borrower of record (Art. 4). Each term carries its
// ground: the term rule of the legal reference ("cap.individual",
// "term.training", …) and the citation of the value used.
//
// Assess is the whole answer for one application: eligibility.Decide, then
// Offer. Terms are given when the decision is eligible, or incomplete with
// enough facts for the terms; never when ineligible.
//
// Conventions:
//
//   - Money is whole đồng (credit.VND); the amount granted is min(asked,
//     cap), or the cap when nothing is asked.
//   - The establishment cap is min(project cap, per-worker cap × workers),
//     where the workers counted follow the book's PerWorkerCapBase (all
//     workers by default; legal reference §10).
//   - A training loan's term is the course (the disbursement period) plus a
//     repayment period of at most twice the course when it lasts at most
//     12 months, else at most once.
//   - Rates are those in force on the day of the request; the overdue rate
//     is 130 % of the lending rate.
//
// # Schedules and statements
//
// ScheduleOf turns a Loan (amount, disbursement date, term, principal
// frequency; optionally a grace period, a training course, several
// disbursements, and early repayments) into one Installment a month.
// StatementOf takes the same Loan, the payments actually made and a day,
// and returns the loan's position at the end of that day: principal
// outstanding, due and overdue (and since when), interest due and accrued,
// overdue interest, the payoff amount and the next due date, with how each
// payment was applied. Both run the same day-by-day engine, so a loan paid
// exactly as scheduled has a statement that agrees with its schedule.
//
// Conventions (legal reference §4):
//
//   - Periods. Installment k is due on DisbursedOn + k months, by the Civil
//     Code's month arithmetic from the disbursement date, never chained:
//     from 31 January the due dates are 28 (or 29) February, then 31 March.
//     Period k runs from the previous due date (inclusive) to its own due
//     date (exclusive).
//   - Day count and rate. A period's interest is Σ over its days of
//     balance × monthly rate in force that day / 30 (InterestConvention):
//     actual days, a monthly rate, so a rate change inside a period splits
//     it. Every rate comes from the parameter book for each day, in the
//     loan's Province when it is known (Loan.Province: the storm-relief cut
//     of QĐ2654/QĐ2731 in Q4 2025, credit.LendingRateCut) and as the law
//     was known on Loan.KnownOn when set; a rules file that changes the rate
//     changes the results with no code change.
//   - Rounding. Once per period, to whole đồng, half away from zero
//     (credit.RoundDong's rule, here in exact 128-bit integer arithmetic).
//     Overdue interest is rounded the same way, per period.
//   - Balance changes. A disbursement or a payment on a day counts for that
//     whole day.
//   - Principal. Equal parts every PrincipalEveryMonths months after the
//     grace period; the last part takes the remainder. A training loan's
//     grace is at least its disbursement period: the course and the study
//     leave the institution allows (Art. 8 cl. 1, point b: LeaveMonths). Early repayment covers principal not yet due
//     in the book's EarlyRepaymentOrder (credit.EarlyRepaymentOrder):
//     by default the coming parts first, so a payment made a few days
//     before its due date covers that installment and the end date stays;
//     or the last parts first, so the term shortens.
//   - Overdue. Principal unpaid at the end of its due date is overdue from
//     the next day and bears the overdue rate in force each day (Art. 9:
//     credit.OverdueRatePct, 130 % of the lending rate) instead of the
//     lending rate, until paid. Unpaid interest is not compounded and bears
//     no penalty (QĐ22 sets none).
//   - Payment order. A payment settles, in the book's PaymentOrder in force
//     on its day (credit.PaymentOrder; default interest first: overdue
//     interest, interest due, overdue principal, principal due; or
//     principal first), then principal not yet due (early repayment), then,
//     once no principal is left, the interest accrued in the current
//     period. Anything beyond is reported as Unapplied, never lost.
//   - Limits. The term is at most TermProductionMaxMonths (120) for
//     production; for training, the course plus the repayment factor × the
//     course (TermLimit). Problems are reported all at once with JSON
//     pointers into the shape of POST /v1/schedules and /v1/statements.
package lending
