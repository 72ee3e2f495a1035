// Package reporting turns the lists, loans and plan of the policy into the
// reports the provincial plan runs on (legal reference §7): the monthly
// round of commune lists due on the 5th, the annual (Q3) review of demand
// against capital, the loan book on a date, and the plan's tasks and their
// deadlines. It is pure and streaming: the loan book is computed from an
// iterator over loans and never holds them all.
//
// Problems are capped: a report lists at most MaxProblems (1,000) of them
// and then one CodeTooManyProblems. MonthlyRound and DemandReview stop
// checking lists at the cut; the loan book reads on to count the problems
// left off.
//
// Lists in results are sorted by their key, ascending. Ratios are percent
// with two decimals, rounded half away from zero; a ratio whose denominator
// is zero is "0" (RatioPct).
package reporting
