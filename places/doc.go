// Package places is the administrative map in force since 2025-07-01
// (Nghị quyết 202/2025/QH15; legal reference §1): 34 provinces and
// centrally-run cities, and under them 3,321 commune-level units — 2,621
// xã, 687 phường and 13 đặc khu — with the codes of the national list of
// administrative units (Quyết định 19/2025/QĐ-TTg). There are no districts
// any more: a commune answers to its province, and the hierarchy is data,
// not code.
//
// A Catalogue holds one such map. Default is the map of 2025, embedded
// (data/communes-2025.csv, from the General Statistics Office's catalogue;
// data/README.md says where it comes from) and read once; its provinces are
// credit.Provinces. New builds another from lists of provinces and communes
// — a map an operator keeps up to date — and reports every problem with
// them at once, as credit.Problems with JSON pointers (/communes/3/code).
// A Catalogue never changes once built, so one value serves every
// goroutine.
//
// Lookups go by code: Commune("03424") is Xã Bản Bo, in province "12"
// (Tỉnh Lai Châu). Search finds communes by name as people type them,
// without diacritics or capitals: "ban bo" finds Xã Bản Bo. Fold is the
// folding it uses, for comparing names elsewhere ("Lai Châu" and
// "lai chau" fold alike).
//
// The commune and province codes here are not the three-digit
// province-of-birth codes at the head of a personal identification number
// (legal reference §6), which keep the 63 provinces of before 2025.
package places
