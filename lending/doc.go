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
// Repayment schedules and overdue interest come in a later release.
package lending
