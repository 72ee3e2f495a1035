// Package forms holds the two forms of Quyết định 22/2023/QĐ-TTg: Mẫu số 01,
// the list of people who have completed a prison sentence and need a loan,
// drawn up each month by the commune police and certified by the commune
// People's Committee (List01); and Mẫu số 02, an establishment's borrowing
// plan with its ex-prisoner workers, confirmed by the commune (Plan02).
//
// Validate01 and Validate02 check a form against its rules and the policy
// in force on the form's date, and report every problem at once, each with
// a JSON pointer (/rows/1/id_number), a stable code and a message in
// Vietnamese and English that a commune officer can act on and that never
// quotes the value (names and ID numbers stay out of logs). Problems are
// capped: past MaxProblems (1,000) they stop checking and end the list with
// one CodeTooManyProblems, so that a list of many bad rows costs the time
// and memory of 1,000 problems. Field rules (required, length) come from
// struct tags run by go-playground/validator, a row at a time; the rules of
// the policy and of the ID number are written out here:
//
//   - the commune code names a commune of the administrative map in force
//     since 2025-07-01 (package places; unknown_commune), and the province
//     is the commune's: an empty province is filled with its name, a given
//     one must name it, with or without "Tỉnh"/"Thành phố", compared
//     without capitals or diacritics (province_mismatch). The parameters
//     are those in force in that province (credit.Query);
//   - every text field is acceptable text (credit.ValidText: valid UTF-8,
//     no control characters but tab and line breaks, no U+FFFD), else
//     invalid_text, checked before required and too_long so that a
//     damaged value is reported once, as what it is;
//   - the date of birth possible on the form's date (credit.CheckBirthDate:
//     not after it, at most credit.MaxAgeYears = 120 years before it, a
//     sanity bound on input and not a rule of law); for a Mẫu 01 list
//     without prepared_on, the last day of its period stands in; the
//     sentence completed on or after the date of birth (before_birth);
//   - the 12-digit personal ID number (Nghị định 137/2015/NĐ-CP,
//     Thông tư 07/2016/TT-BCA; legal reference §6): its province-of-birth
//     code among the 63, its sex-and-century digit and two-digit year
//     against the row's date of birth and sex, and the same number twice
//     in one list;
//   - the sentence completed no later than the list date and within the
//     window (5 years, Art. 3 cl. 2 pt. a) on that date;
//   - course months given exactly for vocational training; the amount
//     within the cap for its purpose on the list's date (Art. 6);
//   - for Mẫu 02: workers listed no more than employed, the amount
//     requested within the capital needed less own capital and within the
//     establishment cap, a term of at most 120 months, and collateral
//     offered for an amount above 100,000,000 đồng (Art. 10;
//     collateral_required).
//
// Validate01 and Validate02 check against places.Default(); a Checker
// names another map of communes (one a store keeps up to date):
// Checker{Book: b, Communes: c}.Validate01(l).
//
// From forms to decisions: List01.Application(i) gives the eligibility
// application of row i (a row of a certified list is OnCommuneList = Yes),
// in the commune's province (List01.ProvinceCode);
// Plan02.Application gives the establishment's, with the qualifying workers
// counted from the worker list by Qualifies (only workers who themselves
// meet the individual conditions count towards the 10 %).
//
// The forms' layout — which columns, in which order, with which headings —
// is the project's reconstruction (legal reference §5) and lives in one
// place, layout.go (Header01, Layout01, Header02, Layout02). Every export
// and import goes through it: Row01.Cells and ReadRow01 write and read a
// row as the texts officers see (dates dd/mm/yyyy, choices in Vietnamese),
// reading leniently (API names, YYYY-MM-DD, Excel date serials, thousands
// separators).
package forms
