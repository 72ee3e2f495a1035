// Package eligibility decides who may borrow under Quyết định
// 22/2023/QĐ-TTg: an individual who has completed a prison sentence, or an
// establishment that employs such people.
//
// Facts go in as an Application; every fact may be unknown (the zero Fact
// and the zero Count are unknown). Decide applies every rule that concerns
// the borrower for the day of the request, with the parameters the
// credit.Book holds that day, and returns a Decision with one Finding per
// rule: its stable identifier (those of the legal reference, e.g.
// "individual.release_window"), its outcome (met, not met, unknown), its
// citation and a message in Vietnamese and English. A refusal therefore
// lists all of its reasons.
//
// The verdict is Ineligible if any finding is not met, else Incomplete if any
// is unknown, else Eligible. "Not eligible" is a result, never an error;
// Decide returns an error only for an Application that contradicts itself
// or the contract (Validate), as credit.Problems with JSON pointers.
//
// Rules, cited to the point as the legal reference §3 places them (the
// table of every expected citation is testdata/citations.csv at the root):
//
//	individual.release_document   QĐ22 Art. 3 cl. 1 a  completion or special-amnesty certificate
//	individual.release_window     QĐ22 Art. 3 cl. 2 a  request ≤ 5 years after completion (Civil Code periods)
//	individual.commune_list       QĐ22 Art. 3 cl. 2 a  on the commune's Mẫu số 01 list
//	establishment.kind            QĐ22 Art. 3 cl. 1 b  SME, cooperative, cooperative group, household business
//	establishment.lawful          QĐ22 Art. 3 cl. 2 b  lawfully established and operating
//	establishment.worker_share    QĐ22 Art. 3 cl. 2 b  qualifying workers ≥ 10 % (exact integers)
//	establishment.plan_confirmed  QĐ22 Art. 3 cl. 2 b  Mẫu số 02 confirmed by the commune
//	borrower.no_same_purpose_debt QĐ22 Art. 3 cl. 3    no VBSP debt for the same purpose (both borrowers)
//	purpose.allowed               QĐ22 Art. 3          establishments may not borrow for training (no clause
//	                                                   in the reference: the citation says so in its note)
//
// An Application may name its Province (two-digit code of 2025) and a
// KnownOn day: the parameters are read with credit.Query, so a province's
// own values (a rate cut) apply, and values enacted after KnownOn are left
// out. LeaveMonths is the study leave of a training loan (Art. 8 cl. 1
// point b), part of the disbursement period.
//
// Decide allocates only the findings slice and runs in well under a
// microsecond; see BENCHMARKS.md.
package eligibility
