package eligibility

import "github.com/vnreentry/credit"

// Citations of the rules, to the point, as the legal reference §3 places
// them in QĐ22 Art. 3: who may borrow in cl. 1 (individuals point a,
// establishments point b); the individual's conditions in cl. 2 point a
// (the window, the commune list), the establishment's in cl. 2 point b
// (lawful, the worker share, the confirmed plan); no outstanding debt with
// the same purpose in cl. 3, for both kinds of borrower. The window and the
// worker share cite the Book's parameter instead, so that a changed
// parameter carries its own citation. The allowed purposes are not placed
// at a clause by the reference: they cite the article, with a note, rather
// than a guessed clause.
var (
	citeWhoIndividual    = credit.Cite(credit.QD22, 3, 1, "a")
	citeWhoEstablishment = credit.Cite(credit.QD22, 3, 1, "b")
	citeIndividual       = credit.Cite(credit.QD22, 3, 2, "a")
	citeEstablishment    = credit.Cite(credit.QD22, 3, 2, "b")
	citeNoDebt           = credit.Cite(credit.QD22, 3, 3, "")
	citePurpose          = func() credit.Citation {
		c := credit.Cite(credit.QD22, 3, 0, "")
		c.Note = "Tài liệu pháp lý (§3) không ghi khoản, điểm quy định mục đích vay: cá nhân vay học nghề hoặc sản xuất, kinh doanh, tạo việc làm; cơ sở không vay học nghề. " +
			"The legal reference (§3) does not place the allowed purposes at a clause: individuals borrow for vocational training or production, business and job creation; establishments not for training."
		return c
	}()
)

// Citation returns the citation of rule r as a Decision under p reports it,
// for an establishment or (establishment false) an individual.
func (r Rule) Citation(p *credit.Params, establishment bool) *credit.Citation {
	switch r {
	case ReleaseDocument:
		return &citeWhoIndividual
	case EstablishmentKindOK:
		return &citeWhoEstablishment
	case ReleaseWindow:
		return p.Citation(credit.ReleaseWindowYears)
	case CommuneList:
		return &citeIndividual
	case WorkerShare:
		return p.Citation(credit.WorkerShareMinPct)
	case NoSamePurposeDebt:
		return &citeNoDebt
	case PurposeAllowed:
		return &citePurpose
	}
	return &citeEstablishment
}

// Message returns the message of rule r for outcome o, in Vietnamese and
// English.
func (r Rule) Message(o Outcome) credit.Text {
	if r > 0 && r < numRules && o > 0 && int(o) < len(outcomeNames) {
		return messages[r][o]
	}
	return credit.Text{}
}

// messages[rule][outcome]. Messages name no number that the Book may change
// (the Finding carries LastDay and MinSharePct) and no personal data.
var messages = [numRules][4]credit.Text{
	ReleaseDocument: {
		Met: {
			VI: "Có giấy chứng nhận chấp hành xong án phạt tù hoặc giấy chứng nhận đặc xá.",
			EN: "Holds a certificate of completion of the prison sentence or a special-amnesty certificate.",
		},
		NotMet: {
			VI: "Chưa có giấy chứng nhận chấp hành xong án phạt tù hoặc giấy chứng nhận đặc xá: người được tha tù trước thời hạn có điều kiện chỉ được vay khi đã được cấp giấy chứng nhận chấp hành xong án phạt tù.",
			EN: "Holds neither a completion certificate nor a special-amnesty certificate: a person on conditional early release may borrow only once the completion certificate is issued.",
		},
		Undetermined: {
			VI: "Chưa rõ căn cứ ra trại (chấp hành xong án phạt tù, đặc xá hay tha tù trước thời hạn có điều kiện).",
			EN: "The basis of release (completion, special amnesty or conditional early release) is not stated.",
		},
	},
	ReleaseWindow: {
		Met: {
			VI: "Ngày đề nghị vay còn trong thời hạn được vay tính từ ngày chấp hành xong án phạt tù.",
			EN: "The request falls within the period allowed after completing the sentence.",
		},
		NotMet: {
			VI: "Ngày đề nghị vay đã quá thời hạn được vay tính từ ngày chấp hành xong án phạt tù.",
			EN: "The request comes after the period allowed after completing the sentence has ended.",
		},
		Undetermined: {
			VI: "Chưa rõ ngày chấp hành xong án phạt tù.",
			EN: "The date the sentence was completed is not stated.",
		},
	},
	CommuneList: {
		Met: {
			VI: "Có tên trong danh sách do Công an cấp xã lập, Ủy ban nhân dân cấp xã xác nhận (Mẫu số 01).",
			EN: "Named on the list drawn up by the commune police and certified by the commune People's Committee (Form 01).",
		},
		NotMet: {
			VI: "Không có tên trong danh sách Mẫu số 01 của xã nơi cư trú.",
			EN: "Not named on the Form 01 list of the commune of residence.",
		},
		Undetermined: {
			VI: "Chưa rõ có tên trong danh sách Mẫu số 01 của xã hay không.",
			EN: "Whether the person is on the commune's Form 01 list is not stated.",
		},
	},
	EstablishmentKindOK: {
		Met: {
			VI: "Là doanh nghiệp nhỏ và vừa, hợp tác xã, tổ hợp tác hoặc hộ kinh doanh.",
			EN: "Is a small or medium enterprise, a cooperative, a cooperative group or a household business.",
		},
		NotMet: {
			VI: "Doanh nghiệp lớn không thuộc đối tượng được vay.",
			EN: "A large enterprise is not among the borrowers the policy lists.",
		},
		Undetermined: {
			VI: "Chưa rõ loại hình của cơ sở.",
			EN: "The kind of establishment is not stated.",
		},
	},
	Lawful: {
		Met: {
			VI: "Cơ sở được thành lập và hoạt động hợp pháp.",
			EN: "The establishment is lawfully established and operating.",
		},
		NotMet: {
			VI: "Cơ sở không được thành lập hoặc không hoạt động hợp pháp.",
			EN: "The establishment is not lawfully established or operating.",
		},
		Undetermined: {
			VI: "Chưa rõ cơ sở có được thành lập và hoạt động hợp pháp hay không.",
			EN: "Whether the establishment is lawfully established and operating is not stated.",
		},
	},
	WorkerShare: {
		Met: {
			VI: "Lao động là người chấp hành xong án phạt tù đủ điều kiện, có hợp đồng lao động, đạt tỷ lệ tối thiểu trên tổng số lao động.",
			EN: "Qualifying ex-prisoner workers with labour contracts reach the minimum share of all workers.",
		},
		NotMet: {
			VI: "Lao động là người chấp hành xong án phạt tù đủ điều kiện, có hợp đồng lao động, chưa đạt tỷ lệ tối thiểu trên tổng số lao động.",
			EN: "Qualifying ex-prisoner workers with labour contracts fall short of the minimum share of all workers.",
		},
		Undetermined: {
			VI: "Chưa rõ tổng số lao động hoặc số lao động là người chấp hành xong án phạt tù đủ điều kiện.",
			EN: "The number of workers or of qualifying ex-prisoner workers is not stated.",
		},
	},
	PlanConfirmed: {
		Met: {
			VI: "Có phương án vay vốn (Mẫu số 02) được Ủy ban nhân dân cấp xã nơi thực hiện xác nhận.",
			EN: "Has a borrowing plan (Form 02) confirmed by the People's Committee of the commune where it is carried out.",
		},
		NotMet: {
			VI: "Phương án vay vốn (Mẫu số 02) chưa được Ủy ban nhân dân cấp xã nơi thực hiện xác nhận.",
			EN: "The borrowing plan (Form 02) is not confirmed by the commune People's Committee.",
		},
		Undetermined: {
			VI: "Chưa rõ phương án vay vốn đã được Ủy ban nhân dân cấp xã xác nhận hay chưa.",
			EN: "Whether the borrowing plan is confirmed is not stated.",
		},
	},
	NoSamePurposeDebt: {
		Met: {
			VI: "Không còn dư nợ chương trình tín dụng khác cùng mục đích tại Ngân hàng Chính sách xã hội.",
			EN: "Owes the Bank for Social Policies nothing under another programme with the same purpose.",
		},
		NotMet: {
			VI: "Đang còn dư nợ chương trình tín dụng khác cùng mục đích tại Ngân hàng Chính sách xã hội.",
			EN: "Still owes the Bank for Social Policies under another programme with the same purpose.",
		},
		Undetermined: {
			VI: "Chưa rõ có dư nợ chương trình tín dụng khác cùng mục đích tại Ngân hàng Chính sách xã hội hay không.",
			EN: "Whether there is debt to the Bank for Social Policies for the same purpose is not stated.",
		},
	},
	PurposeAllowed: {
		Met: {
			VI: "Mục đích vay thuộc phạm vi cho vay của chính sách.",
			EN: "The purpose is one the policy lends for.",
		},
		NotMet: {
			VI: "Cơ sở không được vay để học nghề; cơ sở chỉ vay để sản xuất, kinh doanh, tạo việc làm.",
			EN: "An establishment may not borrow for vocational training, only for production, business and job creation.",
		},
		Undetermined: {
			VI: "Chưa rõ mục đích vay.",
			EN: "The purpose of the loan is not stated.",
		},
	},
}

// Messages for problems with an Application.
var (
	msgPurposeRequired = credit.Text{
		VI: "Ghi mục đích vay: \"production\" (sản xuất, kinh doanh, tạo việc làm) hoặc \"vocational_training\" (học nghề).",
		EN: "State the purpose: \"production\" (production, business, job creation) or \"vocational_training\".",
	}
	msgCourseRequired = credit.Text{
		VI: "Vay học nghề phải ghi số tháng của khóa học (course_months).",
		EN: "A vocational-training loan needs the course length in months (course_months).",
	}
	// MsgCourseRange says the course must last from 1 to MaxCourseMonths.
	MsgCourseRange = credit.Text{
		VI: "Số tháng khóa học phải từ 1 đến 60.",
		EN: "The course must last from 1 to 60 months.",
	}
	// MsgLeaveRange says study leave must be from 0 to MaxCourseMonths.
	MsgLeaveRange = credit.Text{
		VI: "Số tháng nghỉ học được cơ sở đào tạo cho phép (leave_months) phải từ 0 đến 60.",
		EN: "Study leave allowed by the training institution (leave_months) must be from 0 to 60 months.",
	}
	// MsgLeaveNotTraining says study leave belongs to a training loan.
	MsgLeaveNotTraining = credit.Text{
		VI: "Chỉ khoản vay học nghề của cá nhân mới có thời gian nghỉ học (leave_months).",
		EN: "Only an individual's vocational-training loan has study leave (leave_months).",
	}
	msgOneBorrower = credit.Text{
		VI: "Ghi đúng một người vay: hoặc cá nhân (individual) hoặc cơ sở (establishment).",
		EN: "Give exactly one borrower: either an individual or an establishment.",
	}
	msgCompletedAfter = credit.Text{
		VI: "Ngày chấp hành xong án phạt tù không được sau ngày đề nghị vay.",
		EN: "The date the sentence was completed cannot be after the date of the request.",
	}
	msgTotalWorkers = credit.Text{
		VI: "Tổng số lao động phải từ 1 đến 1.000.000.",
		EN: "The total number of workers must be from 1 to 1,000,000.",
	}
	msgQualifyingRange = credit.Text{
		VI: "Số lao động đủ điều kiện phải từ 0 đến 1.000.000.",
		EN: "The number of qualifying workers must be from 0 to 1,000,000.",
	}
	msgQualifyingExceeds = credit.Text{
		VI: "Số lao động đủ điều kiện không được lớn hơn tổng số lao động.",
		EN: "Qualifying workers cannot outnumber all workers.",
	}
)
