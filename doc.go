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
//   - Province and Provinces, the 34 provinces of the administrative map in
//     force since 2025-07-01 (two-digit codes; their 3,321 communes are in
//     package places);
//   - Book, the parameter book: every number of the policy as
//     effective-dated values with citations, nationally and, for a while,
//     in listed provinces. Book.At answers "what holds on date D in
//     province P, as the law was known on day K" (Book.On: nationally, as
//     known now); Book.Override reads a province's rules file (JSON, the
//     shape Book.WriteJSON writes) and checks it for gaps, overlaps and
//     unordered dates, nationally and per province. Every result names
//     the book's Version (rules_version).
//
// Rules never read the clock: they take the date they decide for.
//
// # Packages
//
//	credit            this package: vocabulary and the parameter book
//	eligibility       who may borrow: facts in, a Decision with one Finding per rule out
//	lending           the terms (cap, amount, term, rates, collateral, method),
//	                  repayment schedules and statements with overdue interest
//	places            the 2025 administrative units: provinces, communes, search
//	forms             Mẫu số 01 and Mẫu số 02: validation, facts, layout, CSV, HTML
//	reporting         monthly round, demand review, loan book, plan status, charts
//	access            who may do what to which record: roles, scopes, deny by default
//	workflow          the states and transitions of lists and plans; maker-checker
//	records           users, tokens and audit entries shared by the store and the API
//	adapters/store    the system of record: SQLite or PostgreSQL, the audit chain
//	adapters/xlsx     the forms as Excel workbooks
//	adapters/httpapi  the HTTP/JSON API (v1) over the packages above
//	examples/server   the reference server
//
// Imports point one way: credit ← eligibility ← lending ← forms ← reporting ←
// adapters ← examples, and credit ← places ← forms, access ← records ←
// adapters.
//
// # Where the law comes from
//
// The legal reference (qd22.md) states each rule and parameter with its
// citation, boundary and confidence; DefaultBook encodes its parameters.
// Points the law leaves open (legal reference §10) are named parameters with
// a documented default: PerWorkerCapBase, WindowEndsOnWorkingDay,
// PaymentOrder, EarlyRepaymentOrder and CutLowersOverdueRate.
//
// Every citation goes to the point the legal reference §3 places the rule
// at: the conditions of QĐ22 Art. 3 (cl. 1 a/b who may borrow, cl. 2 a the
// individual's conditions, cl. 2 b the establishment's, cl. 3 no debt with
// the same purpose, for both), the caps of Art. 6 (cl. 1 training, cl. 2 a
// individuals, cl. 2 b establishments), the terms of Art. 8 (cl. 1
// training, with study leave in point b; cl. 2 production). Prime
// Minister's decisions whose number carries no year cite it
// (Citation.Year: 750/QĐ-TTg of 2015, 2553/QĐ-TTg of 2025). The expected
// citation of every rule, term and parameter is one table,
// testdata/citations.csv, which a test walks.
//
// # Provinces and what was known when
//
// A Span that lists Provinces holds there only, over the national value,
// for its days. The built-in book carries the storm-relief cut of the
// lending rate (LendingRateCut, 2 %/year from 2025-10-01 to 2025-12-31) in
// the 22 provinces of Quyết định 2654/QĐ-TTg and the 4 of Quyết định
// 2731/QĐ-TTg: in Lai Châu ("12") on 2025-10-15 the rate charged is
// 4.6 %/year, in Cà Mau ("96") 6.6 %/year. Without a province the national
// value applies; Book.ProvincesWithOwnValues says where it may differ. A
// span also records the day it was Enacted (QĐ2654 was signed on
// 2025-12-04 for days from 2025-10-01): a Query with KnownOn leaves out
// what was enacted later, so that a past answer can be reproduced as the
// law was known then.
package credit
