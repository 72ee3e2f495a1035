package credit

import "time"

// DefaultVersion is the version of the built-in book: the policy and the
// latest change to its parameters (the rate of QĐ2553 from 2025-12-01).
const DefaultVersion = "qd22/2025-12-01"

// policyInForce is the day Quyết định 22/2023/QĐ-TTg came into force; the
// Book reports it as InForce.
var policyInForce = MustDate(2023, time.October, 10)

// DefaultBook returns the parameter book as the legal reference (qd22.md,
// §3, §4, §10) states it. Each call builds a fresh Book; build it once at
// start-up and share it.
func DefaultBook() *Book {
	from := policyInForce
	qd22 := func(article, clause int, point string) Citation { return Cite(QD22, article, clause, point) }
	one := func(v int64, c Citation) []Span { return []Span{{From: from, Value: v, Citation: c}} }
	withNote := func(c Citation, note string) Citation { c.Note = note; return c }

	b := &Book{
		version: DefaultVersion,
		inForce: policyInForce,
		inForceCite: withNote(Cite(QD22, 0, 0, ""),
			"Ký ngày 17/8/2023, có hiệu lực từ ngày 10/10/2023 (legal reference §1). Signed 2023-08-17, in force 2023-10-10."),
	}
	b.series[ReleaseWindowYears] = one(5, qd22(3, 2, "a"))
	b.series[WorkerShareMinPct] = one(10, withNote(qd22(3, 3, ""),
		"Chỉ tính lao động tự đáp ứng điều kiện của cá nhân và có hợp đồng lao động (M). Counts only workers who themselves meet the individual conditions and hold labour contracts (legal reference §3, confidence M)."))
	b.series[CapTrainingPerMonth] = one(4_000_000, qd22(6, 0, ""))
	b.series[CapIndividual] = one(100_000_000, qd22(6, 0, ""))
	b.series[CapEstablishmentProject] = one(2_000_000_000, qd22(6, 0, ""))
	b.series[CapEstablishmentPerWorker] = one(100_000_000, qd22(6, 0, ""))
	b.series[TermProductionMaxMonths] = one(120, qd22(8, 0, ""))
	b.series[TrainingShortCourseMaxMonths] = one(12, qd22(8, 0, ""))
	b.series[TrainingRepaymentFactorShort] = one(2, qd22(8, 0, ""))
	b.series[TrainingRepaymentFactorLong] = one(1, qd22(8, 0, ""))
	b.series[LendingRate] = []Span{
		{From: MustDate(2015, time.June, 5), To: MustDate(2025, time.November, 30), Value: 6_600_000_000,
			Citation: withNote(Cite(QD750, 0, 0, ""),
				"Lãi suất cho vay hộ nghèo 0,55%/tháng (6,6%/năm), áp dụng theo Điều 9 Quyết định 22/2023/QĐ-TTg. Poor-household rate 0.55 %/month, applied by QĐ22 Art. 9.")},
		{From: MustDate(2025, time.December, 1), Value: 6_240_000_000,
			Citation: withNote(Cite(QD2553, 0, 0, ""),
				"Lãi suất cho vay hộ nghèo 0,52%/tháng (6,24%/năm) từ 01/12/2025, áp dụng cả dư nợ đang còn. Poor-household rate 0.52 %/month from 2025-12-01, also on balances outstanding then.")},
	}
	b.series[OverdueRatePct] = one(130, qd22(9, 0, ""))
	b.series[CollateralThreshold] = one(100_000_000, qd22(10, 0, ""))
	b.series[PerWorkerCapBase] = one(CapBaseAllWorkers, withNote(qd22(6, 0, ""),
		"Văn bản ghi \"lao động tại cơ sở\": mặc định tính toàn bộ lao động (cách đọc theo câu chữ); cách khác: chỉ lao động đủ điều kiện (legal reference §10). The text says workers \"at the establishment\": default all workers (literal reading); alternative qualifying workers only (legal reference §10)."))
	b.series[WindowEndsOnWorkingDay] = one(0, withNote(Cite(BLDS, 148, 5, ""),
		"Chưa rõ khoản 5 Điều 148 có kéo dài thời hạn 5 năm hay không; mặc định không áp dụng (legal reference §10). Áp dụng thì cần danh sách ngày lễ (public_holidays). Unsettled whether Art. 148 cl. 5 extends the 5-year window; default not applied; applying it needs the public holidays as data."))
	b.series[PaymentOrder] = one(PayInterestFirst, withNote(qd22(12, 0, ""),
		"Quyết định 22 giao xử lý nợ cho NHCSXH; quy định thứ tự thu nợ của NHCSXH chưa được thu thập. Mặc định: lãi quá hạn, lãi, gốc quá hạn, gốc (legal reference §4, §10). QĐ22 leaves debt handling to VBSP, whose collection order is not captured; default: overdue interest, interest, overdue principal, principal (legal reference §4, §10)."))
	b.series[EarlyRepaymentOrder] = one(EarlyNextPartsFirst, withNote(qd22(12, 0, ""),
		"Quy định của NHCSXH về trả nợ trước hạn chưa được thu thập. Mặc định: trừ vào các kỳ sắp tới, để khoản trả sớm vài ngày trước hạn không làm kỳ đó quá hạn (legal reference §10). VBSP's rule on early repayment is not captured; default: the coming parts first, so that paying a few days early never leaves that installment overdue (legal reference §10)."))
	if err := b.build(nil); err != nil {
		panic(err) // the built-in book is checked by its tests
	}
	return b
}
