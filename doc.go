// Package credit is the shared vocabulary of vnreentry/credit, a library that
// puts into code Vietnam's credit policy for people who have completed a
// prison sentence: Quyết định 22/2023/QĐ-TTg (QĐ22), lending through the
// Vietnam Bank for Social Policies (VBSP).
//
// This package holds what every other package speaks:
//
//   - Date, a civil date with the Civil Code's period arithmetic
//     (AddMonths, PeriodLastDay: the end-of-month rule, 29 February);
//   - VND, whole đồng, and RoundDong, the one rounding rule for money;
//   - Rate, an interest rate kept exactly;
//   - Citation, where a rule or a value comes from (instrument, article,
//     clause, point), and Text, a message in Vietnamese and English;
//   - FieldError and Problems, every problem with an input at once, each
//     with a JSON pointer, a stable code and a bilingual message;
//   - ValidText, the text a field may hold (valid UTF-8 without control
//     characters: invalid_text otherwise), and CheckBirthDate with
//     MaxAgeYears, a sanity bound on dates of birth (not a rule of law);
//   - Book, the parameter book: every number of the policy as
//     effective-dated values with citations. Book.On answers "what holds
//     on date D"; Book.Override reads a province's rules file (JSON, the
//     shape Book.WriteJSON writes) and checks it for gaps, overlaps and
//     unordered dates. Every result names the book's Version
//     (rules_version).
//
// Rules never read the clock: they take the date they decide for.
//
// # Packages
//
//	credit            this package: vocabulary and the parameter book
//	eligibility       who may borrow: facts in, a Decision with one Finding per rule out
//	lending           the terms (cap, amount, term, rates, collateral, method),
//	                  repayment schedules and statements with overdue interest
//	forms             Mẫu số 01 and Mẫu số 02: validation, facts, layout, CSV, HTML
//	reporting         monthly round, demand review, loan book, plan status, charts
//	adapters/xlsx     the forms as Excel workbooks
//	adapters/httpapi  the HTTP/JSON API (v1) over the packages above
//	examples/server   the reference server
//
// Imports point one way: credit ← eligibility ← lending ← forms ← reporting ←
// adapters ← examples.
//
// # Where the law comes from
//
// The legal reference (qd22.md) states each rule and parameter with its
// citation, boundary and confidence; DefaultBook encodes its parameters.
// Points the law leaves open (legal reference §10) are named parameters with
// a documented default: PerWorkerCapBase, WindowEndsOnWorkingDay,
// PaymentOrder and EarlyRepaymentOrder.
package credit
