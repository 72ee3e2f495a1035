package credit

import "time"

// DefaultVersion is the version of the built-in book: the policy and the
// day of the latest instrument in it (QĐ2731, signed 2025-12-16).
const DefaultVersion = "qd22/2025-12-16"

// The provinces of the storm-relief rate cut (legal reference §1), by their
// two-digit codes of 2025.
var (
	// cutProvincesQD2654: the 22 provinces from Quảng Ngãi northward, as
	// State Bank dispatch 9651/NHNN-TD names them.
	cutProvincesQD2654 = []string{"01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24",
		"25", "31", "33", "37", "38", "40", "42", "44", "46", "48", "51"}
	// cutProvincesQD2731: Gia Lai, Khánh Hòa, Đắk Lắk, Lâm Đồng.
	cutProvincesQD2731 = []string{"52", "56", "66", "68"}
)

// policyInForce is the day Quyết định 22/2023/QĐ-TTg came into force; the
// Book reports it as InForce.
var policyInForce = MustDate(2023, time.October, 10)

// DefaultBook returns the parameter book as the legal reference (qd22.md,
// §3, §4, §10) states it. Each call builds a fresh Book; build it once at
// start-up and share it.
func DefaultBook() *Book {
	from := policyInForce
	qd22 := func(article, clause int, point string) Citation { return Cite(QD22, article, clause, point) }
	signed := MustDate(2023, time.August, 17) // QĐ22
	one := func(v int64, c Citation) []Span { return []Span{{From: from, Value: v, Citation: c, Enacted: signed}} }
	withNote := func(c Citation, note string) Citation { c.Note = note; return c }

	b := &Book{
		version: DefaultVersion,
		inForce: policyInForce,
		inForceCite: withNote(Cite(QD22, 0, 0, ""),
			"Ký ngày 17/8/2023, có hiệu lực từ ngày 10/10/2023 (legal reference §1). Signed 2023-08-17, in force 2023-10-10."),
	}
	b.series[ReleaseWindowYears] = one(5, qd22(3, 2, "a"))
	b.series[WorkerShareMinPct] = one(10, withNote(qd22(3, 2, "b"),
		"Chỉ tính lao động tự đáp ứng điều kiện của cá nhân và có hợp đồng lao động (M). Counts only workers who themselves meet the individual conditions and hold labour contracts (legal reference §3, confidence M)."))
	b.series[CapTrainingPerMonth] = one(4_000_000, qd22(6, 1, ""))
	b.series[CapIndividual] = one(100_000_000, qd22(6, 2, "a"))
	b.series[CapEstablishmentProject] = one(2_000_000_000, qd22(6, 2, "b"))
	b.series[CapEstablishmentPerWorker] = one(100_000_000, qd22(6, 2, "b"))
	b.series[TermProductionMaxMonths] = one(120, qd22(8, 2, ""))
	b.series[TrainingShortCourseMaxMonths] = one(12, qd22(8, 1, ""))
	b.series[TrainingRepaymentFactorShort] = one(2, qd22(8, 1, ""))
	b.series[TrainingRepaymentFactorLong] = one(1, qd22(8, 1, ""))
	b.series[LendingRate] = []Span{
		{From: MustDate(2015, time.June, 5), To: MustDate(2025, time.November, 30), Value: 6_600_000_000,
			Citation: withNote(Cite(QD750, 0, 0, ""),
				"Lãi suất cho vay hộ nghèo 0,55%/tháng (6,6%/năm), áp dụng theo Điều 9 Quyết định 22/2023/QĐ-TTg. Poor-household rate 0.55 %/month, applied by QĐ22 Art. 9.")},
		{From: MustDate(2025, time.December, 1), Value: 6_240_000_000, Enacted: MustDate(2025, time.November, 21),
			Citation: withNote(Cite(QD2553, 0, 0, ""),
				"Lãi suất cho vay hộ nghèo 0,52%/tháng (6,24%/năm) từ 01/12/2025, áp dụng cả dư nợ đang còn. Poor-household rate 0.52 %/month from 2025-12-01, also on balances outstanding then.")},
	}
	b.series[OverdueRatePct] = one(130, qd22(9, 0, ""))
	b.series[CollateralThreshold] = one(100_000_000, qd22(10, 0, ""))
	b.series[PerWorkerCapBase] = one(CapBaseAllWorkers, withNote(qd22(6, 2, "b"),
		"Văn bản ghi \"lao động tại cơ sở\": mặc định tính toàn bộ lao động (cách đọc theo câu chữ); cách khác: chỉ lao động đủ điều kiện (legal reference §10). The text says workers \"at the establishment\": default all workers (literal reading); alternative qualifying workers only (legal reference §10)."))
	b.series[WindowEndsOnWorkingDay] = one(0, withNote(Cite(BLDS, 148, 5, ""),
		"Chưa rõ khoản 5 Điều 148 có kéo dài thời hạn 5 năm hay không; mặc định không áp dụng (legal reference §10). Áp dụng thì cần danh sách ngày lễ (public_holidays). Unsettled whether Art. 148 cl. 5 extends the 5-year window; default not applied; applying it needs the public holidays as data."))
	b.series[PaymentOrder] = one(PayInterestFirst, withNote(qd22(12, 0, ""),
		"Quyết định 22 giao xử lý nợ cho NHCSXH; quy định thứ tự thu nợ của NHCSXH chưa được thu thập. Mặc định: lãi quá hạn, lãi, gốc quá hạn, gốc (legal reference §4, §10). QĐ22 leaves debt handling to VBSP, whose collection order is not captured; default: overdue interest, interest, overdue principal, principal (legal reference §4, §10)."))
	b.series[EarlyRepaymentOrder] = one(EarlyNextPartsFirst, withNote(qd22(12, 0, ""),
		"Quy định của NHCSXH về trả nợ trước hạn chưa được thu thập. Mặc định: trừ vào các kỳ sắp tới, để khoản trả sớm vài ngày trước hạn không làm kỳ đó quá hạn (legal reference §10). VBSP's rule on early repayment is not captured; default: the coming parts first, so that paying a few days early never leaves that installment overdue (legal reference §10)."))
	cut := Span{From: MustDate(2025, time.October, 1), To: MustDate(2025, time.December, 31), Value: 2_000_000_000}
	qd2654, qd2731 := cut, cut
	qd2654.Provinces, qd2654.Enacted = cutProvincesQD2654, MustDate(2025, time.December, 4)
	qd2654.Citation = withNote(Cite(QD2654, 0, 0, ""),
		"Giảm 2%/năm lãi suất cho vay đối với dư nợ cho vay của NHCSXH có lãi suất do Thủ tướng quy định, từ 01/10/2025 đến 31/12/2025, tại 22 tỉnh, thành phố từ Quảng Ngãi trở ra (danh sách theo Công văn 9651/NHNN-TD). Độ tin cậy: mức giảm và thời gian H, danh sách tỉnh M (legal reference §1). "+
			"A cut of 2 %/year on outstanding VBSP loans at rates set by the Prime Minister, 2025-10-01 to 2025-12-31, in the 22 provinces from Quảng Ngãi northward (as State Bank dispatch 9651/NHNN-TD lists them). Confidence: cut and period H, province list M (legal reference §1).")
	qd2731.Provinces, qd2731.Enacted = cutProvincesQD2731, MustDate(2025, time.December, 16)
	qd2731.Citation = withNote(Cite(QD2731, 0, 0, ""),
		"Mức giảm như Quyết định 2654/QĐ-TTg cho Gia Lai, Khánh Hòa, Đắk Lắk, Lâm Đồng. Độ tin cậy: các tỉnh H; thời gian (như Quyết định 2654) M (legal reference §1, §10). "+
			"The same cut as Decision 2654/QĐ-TTg for Gia Lai, Khánh Hòa, Đắk Lắk and Lâm Đồng. Confidence: provinces H; period (as QĐ2654) M (legal reference §1, §10).")
	b.series[LendingRateCut] = []Span{
		{From: from, Value: 0, Enacted: signed, Citation: withNote(qd22(9, 0, ""),
			"Không giảm lãi suất, trừ nơi và thời gian một quyết định của Thủ tướng cho giảm. No cut, except where and while a decision of the Prime Minister grants one.")},
		qd2654, qd2731,
	}
	b.series[CutLowersOverdueRate] = one(0, withNote(Cite(QD2654, 0, 0, ""),
		"Chưa rõ mức giảm có làm giảm lãi suất nợ quá hạn không (legal reference §10). Mặc định: không — lãi suất nợ quá hạn vẫn bằng 130% lãi suất cho vay chưa giảm; mức giảm là hỗ trợ cho khoản vay, không cho nợ quá hạn (L). "+
			"Unsettled whether the cut lowers the overdue rate (legal reference §10). Default: no — the overdue rate stays 130 % of the uncut lending rate; the cut relieves the loan, not overdue debt (L)."))
	b.series[CutLowersOverdueRate][0].Enacted = Date{} // an interpretation, not an enactment
	if err := b.build(nil); err != nil {
		panic(err) // the built-in book is checked by its tests
	}
	return b
}
