package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
)

// The eligibility questionnaire, for anyone signed in: "may this person
// borrow, and on what terms?". The form is the API's AssessmentRequest
// (POST /v1/assessments), field by field (the inputs' names are its JSON
// paths, "individual.date_of_birth"); the answer is the API's: the
// decision, every finding met, not met or unknown with its rule and
// clause, and the terms with theirs. Nothing is stored; the API records
// the calculation in the audit trail without anything of the body. The
// person's name and ID number are not asked: no rule depends on them.

func init() {
	addRoutes(
		route{pattern: "GET /eligibility", signedIn: true, handle: (*server).eligibilityPage},
		route{pattern: "POST /eligibility", signedIn: true, handle: (*server).eligibilityCheck},
	)
	addMessages(map[string][2]string{
		"elig.title":                            {"Người này có được vay không, và với điều kiện nào?", "May this person borrow, and on what terms?"},
		"elig.intro":                            {"Trả lời theo Quyết định 22/2023/QĐ-TTg với các thông số đang áp dụng vào ngày đề nghị vay. Không có thông tin nào được lưu lại.", "Answered by Decision 22/2023/QĐ-TTg with the values in force on the day of the request. Nothing is stored."},
		"elig.unknown_hint":                     {"Để trống những gì chưa biết: kết quả sẽ ghi là “chưa rõ”.", "Leave blank what is not known: the answer says “unknown”."},
		"elig.loan":                             {"Khoản vay", "The loan"},
		"elig.borrower":                         {"Người vay", "The borrower"},
		"elig.individual":                       {"Cá nhân đã chấp hành xong án phạt tù", "A person who has completed a prison sentence"},
		"elig.establishment":                    {"Cơ sở sản xuất, kinh doanh sử dụng lao động là người chấp hành xong án phạt tù", "An establishment employing people who have completed a prison sentence"},
		"elig.individual.part":                  {"Nếu người vay là cá nhân", "If the borrower is a person"},
		"elig.establishment.part":               {"Nếu người vay là cơ sở sản xuất, kinh doanh", "If the borrower is an establishment"},
		"elig.requested_on":                     {"Ngày đề nghị vay", "Day of the request"},
		"elig.province":                         {"Tỉnh, thành phố nơi cư trú", "Province of residence"},
		"elig.province.none":                    {"Không chọn (áp dụng mức toàn quốc)", "None (the national values)"},
		"elig.purpose":                          {"Mục đích vay", "Purpose"},
		"elig.purpose.production":               {"Sản xuất, kinh doanh, tạo việc làm", "Production, business and job creation"},
		"elig.purpose.vocational_training":      {"Học nghề", "Vocational training"},
		"elig.amount":                           {"Số tiền đề nghị vay (đồng)", "Amount asked (đồng)"},
		"elig.amount.hint":                      {"Để trống: tính mức cho vay tối đa.", "Blank: the most that may be lent."},
		"elig.course_months":                    {"Thời gian khóa học nghề (tháng)", "Length of the course (months)"},
		"elig.course_months.hint":               {"Bắt buộc khi vay học nghề.", "Needed for vocational training."},
		"elig.leave_months":                     {"Thời gian được nghỉ học (tháng, nếu có)", "Study leave (months, if any)"},
		"elig.same_purpose_debt":                {"Còn dư nợ chương trình khác cùng mục đích tại NHCSXH?", "Still owes VBSP under another programme with the same purpose?"},
		"elig.unknown":                          {"Chưa rõ", "Unknown"},
		"elig.yes":                              {"Có", "Yes"},
		"elig.no":                               {"Không", "No"},
		"elig.date_of_birth":                    {"Ngày sinh", "Date of birth"},
		"elig.release.basis":                    {"Giấy tờ chứng nhận", "Certificate"},
		"elig.basis.completion":                 {"Giấy chứng nhận chấp hành xong án phạt tù", "Certificate of completion of the sentence"},
		"elig.basis.special_amnesty":            {"Giấy chứng nhận đặc xá", "Special-amnesty certificate"},
		"elig.basis.conditional_release":        {"Đang được tha tù trước thời hạn có điều kiện", "Conditional early release"},
		"elig.release.certificate_no":           {"Số giấy chứng nhận", "Certificate number"},
		"elig.release.completed_on":             {"Ngày chấp hành xong án phạt tù (ghi trên giấy)", "Day the sentence was completed (on the certificate)"},
		"elig.on_commune_list":                  {"Có tên trong danh sách của Công an xã (Mẫu số 01)?", "Named on the commune police's list (Form 01)?"},
		"elig.household_has_capable_adult":      {"Hộ gia đình có thành viên từ 18 tuổi trở lên, đủ năng lực hành vi dân sự?", "Does the household have a member aged 18 or over with full civil capacity?"},
		"elig.establishment.kind":               {"Loại hình cơ sở", "Kind of establishment"},
		"elig.kind.sme":                         {"Doanh nghiệp nhỏ và vừa", "Small or medium enterprise"},
		"elig.kind.cooperative":                 {"Hợp tác xã", "Cooperative"},
		"elig.kind.cooperative_group":           {"Tổ hợp tác", "Cooperative group"},
		"elig.kind.household_business":          {"Hộ kinh doanh", "Household business"},
		"elig.kind.large_enterprise":            {"Doanh nghiệp lớn", "Large enterprise"},
		"elig.establishment.lawful":             {"Được thành lập và hoạt động hợp pháp?", "Lawfully established and operating?"},
		"elig.establishment.total_workers":      {"Tổng số lao động", "All workers"},
		"elig.establishment.qualifying_workers": {"Số lao động là người chấp hành xong án phạt tù (có hợp đồng lao động)", "Workers who have completed a sentence (with labour contracts)"},
		"elig.establishment.plan_confirmed":     {"Phương án vay vốn (Mẫu số 02) đã được UBND xã xác nhận?", "Borrowing plan (Form 02) confirmed by the commune People's Committee?"},
		"elig.choose":                           {"— Chọn —", "— Choose —"},
		"elig.check":                            {"Xem kết quả", "Check"},
		"elig.answer":                           {"Kết quả", "The answer"},
		"elig.decision.eligible":                {"Đủ điều kiện vay vốn.", "Eligible to borrow."},
		"elig.decision.incomplete":              {"Chưa đủ thông tin để kết luận: có điều kiện chưa rõ.", "Not enough to decide: some conditions are unknown."},
		"elig.decision.ineligible":              {"Không đủ điều kiện vay vốn.", "Not eligible to borrow."},
		"elig.findings":                         {"Các điều kiện", "The conditions"},
		"elig.condition":                        {"Điều kiện", "Condition"},
		"elig.outcome":                          {"Đánh giá", "Finding"},
		"elig.rule":                             {"Mã quy định", "Rule"},
		"elig.citation":                         {"Căn cứ", "Citation"},
		"elig.outcome.met":                      {"Đạt", "Met"},
		"elig.outcome.not_met":                  {"Không đạt", "Not met"},
		"elig.outcome.unknown":                  {"Chưa rõ", "Unknown"},
		"elig.last_day":                         {"Ngày cuối cùng được đề nghị vay", "Last day to request the loan"},
		"elig.min_share":                        {"Tỷ lệ tối thiểu (%)", "Smallest share (%)"},
		"elig.terms":                            {"Điều kiện vay", "The terms"},
		"elig.term":                             {"Nội dung", "Term"},
		"elig.value":                            {"Mức", "Value"},
		"elig.cap":                              {"Mức cho vay tối đa", "Most that may be lent"},
		"elig.terms.amount":                     {"Số tiền được vay", "Amount"},
		"elig.max_term":                         {"Thời hạn vay tối đa (tháng)", "Longest term (months)"},
		"elig.course":                           {"Thời gian khóa học (tháng)", "Course (months)"},
		"elig.leave":                            {"Thời gian nghỉ học (tháng)", "Study leave (months)"},
		"elig.repayment":                        {"Thời gian trả nợ tối đa (tháng)", "Longest repayment (months)"},
		"elig.rate":                             {"Lãi suất cho vay", "Lending rate"},
		"elig.overdue_rate":                     {"Lãi suất nợ quá hạn", "Overdue rate"},
		"elig.per_month":                        {"%/tháng", "%/month"},
		"elig.per_year":                         {"%/năm", "%/year"},
		"elig.collateral":                       {"Phải có tài sản bảo đảm", "Collateral required"},
		"elig.method":                           {"Phương thức cho vay", "Method"},
		"elig.method.entrusted":                 {"Ủy thác qua tổ chức chính trị - xã hội", "Entrusted through the socio-political organisations"},
		"elig.method.direct":                    {"Trực tiếp", "Direct"},
		"elig.borrower_of_record":               {"Người đứng tên vay", "Borrower of record"},
		"elig.bor.household":                    {"Người đại diện hộ gia đình", "The household's representative"},
		"elig.bor.self":                         {"Chính người vay", "The person"},
		"elig.bor.establishment":                {"Cơ sở", "The establishment"},
		"elig.bor.unknown":                      {"Chưa xác định (cần xác nhận hộ gia đình)", "Not known yet (to be confirmed)"},
		"elig.grounds":                          {"Căn cứ của từng mức", "Where each term comes from"},
		"elig.rules_version":                    {"Phiên bản bộ thông số", "Version of the parameter book"},
	})
	addWork("calculate", "/eligibility", "elig.title")
}

// eligField is a field of the questionnaire: its input's name (the JSON
// path, dotted), its label and kind, and for a choice its values.
type eligField struct {
	Name, Label, Kind, Hint string
	Options                 []eligOption
	Required                bool
}

type eligOption struct{ Value, Label string }

// ID is the input's id: the name with '.' as '-'.
func (f eligField) ID() string { return strings.ReplaceAll(f.Name, ".", "-") }

// Pointer is the JSON pointer of the field, where the API's problems are.
func (f eligField) Pointer() string { return "/" + strings.ReplaceAll(f.Name, ".", "/") }

var eligTri = []eligOption{{"", "elig.unknown"}, {"true", "elig.yes"}, {"false", "elig.no"}}

// eligGroup is a part of the questionnaire, a fieldset.
type eligGroup struct {
	Legend string
	Fields []eligField
}

// eligGroups are the questionnaire's parts.
var eligGroups = []eligGroup{
	{"elig.loan", []eligField{
		{Name: "requested_on", Label: "elig.requested_on", Kind: "date", Required: true},
		{Name: "province", Label: "elig.province", Kind: "province"},
		{Name: "purpose", Label: "elig.purpose", Kind: "select", Required: true, Options: []eligOption{
			{"production", "elig.purpose.production"}, {"vocational_training", "elig.purpose.vocational_training"}}},
		{Name: "amount", Label: "elig.amount", Kind: "money", Hint: "elig.amount.hint"},
		{Name: "course_months", Label: "elig.course_months", Kind: "number", Hint: "elig.course_months.hint"},
		{Name: "leave_months", Label: "elig.leave_months", Kind: "number"},
		{Name: "same_purpose_debt", Label: "elig.same_purpose_debt", Kind: "select", Options: eligTri},
	}},
	{"elig.individual.part", []eligField{
		{Name: "individual.date_of_birth", Label: "elig.date_of_birth", Kind: "date"},
		{Name: "individual.release.basis", Label: "elig.release.basis", Kind: "select", Options: []eligOption{{"", "elig.unknown"},
			{"completion", "elig.basis.completion"}, {"special_amnesty", "elig.basis.special_amnesty"},
			{"conditional_release", "elig.basis.conditional_release"}}},
		{Name: "individual.release.certificate_no", Label: "elig.release.certificate_no", Kind: "text"},
		{Name: "individual.release.completed_on", Label: "elig.release.completed_on", Kind: "date"},
		{Name: "individual.on_commune_list", Label: "elig.on_commune_list", Kind: "select", Options: eligTri},
		{Name: "individual.household_has_capable_adult", Label: "elig.household_has_capable_adult", Kind: "select", Options: eligTri},
	}},
	{"elig.establishment.part", []eligField{
		{Name: "establishment.kind", Label: "elig.establishment.kind", Kind: "select", Options: []eligOption{{"", "elig.unknown"},
			{"sme", "elig.kind.sme"}, {"cooperative", "elig.kind.cooperative"}, {"cooperative_group", "elig.kind.cooperative_group"},
			{"household_business", "elig.kind.household_business"}, {"large_enterprise", "elig.kind.large_enterprise"}}},
		{Name: "establishment.lawful", Label: "elig.establishment.lawful", Kind: "select", Options: eligTri},
		{Name: "establishment.total_workers", Label: "elig.establishment.total_workers", Kind: "number"},
		{Name: "establishment.qualifying_workers", Label: "elig.establishment.qualifying_workers", Kind: "number"},
		{Name: "establishment.plan_confirmed", Label: "elig.establishment.plan_confirmed", Kind: "select", Options: eligTri},
	}},
}

// eligView is what eligibility.html gets.
type eligView struct {
	Groups    []eligGroup
	Provinces []credit.Province
	Form      map[string]string
	Others    []string // problems at no field of the form
	Answer    *assessmentJSON
}

func (s *server) eligNewView() *eligView {
	return &eligView{Groups: eligGroups, Provinces: credit.Provinces(), Form: map[string]string{}}
}

func (s *server) eligibilityPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	v := s.eligNewView()
	v.Form["borrower"] = "individual"
	v.Form["requested_on"] = s.now().In(vietnam).Format("2006-01-02")
	v.Form["purpose"] = "production"
	s.render(w, r, http.StatusOK, "eligibility", newPage(r, u, "elig.title", v))
}

// eligGrouped is money as Vietnam writes it, 80.000.000: the digits
// without the dots.
var eligGrouped = regexp.MustCompile(`^[0-9]{1,3}(\.[0-9]{3})+$`)

func (s *server) eligibilityCheck(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	v := s.eligNewView()
	v.Form["borrower"] = r.PostFormValue("borrower")
	for _, g := range eligGroups {
		for _, f := range g.Fields {
			v.Form[f.Name] = strings.TrimSpace(r.PostFormValue(f.Name))
		}
	}
	body := map[string]any{}
	for _, g := range eligGroups {
		for _, f := range g.Fields {
			val := v.Form[f.Name]
			if val == "" {
				continue
			}
			parts := strings.Split(f.Name, ".")
			switch parts[0] {
			case "individual", "establishment":
				if parts[0] != v.Form["borrower"] {
					continue
				}
			}
			var x any = val
			switch {
			case f.Kind == "money":
				m := strings.TrimSpace(strings.TrimSuffix(val, "đ"))
				if eligGrouped.MatchString(m) {
					m = strings.ReplaceAll(m, ".", "")
				}
				x = m
			case f.Kind == "number":
				if n, err := strconv.ParseInt(val, 10, 64); err == nil {
					x = n
				}
			case f.Options != nil && f.Options[1].Value == "true":
				x = val == "true"
			}
			eligSet(body, parts, x)
		}
	}
	switch v.Form["borrower"] {
	case "individual", "establishment":
		if _, ok := body[v.Form["borrower"]]; !ok {
			body[v.Form["borrower"]] = map[string]any{}
		}
	}
	a := s.callJSON(r, u, http.MethodPost, "/v1/assessments", body)
	p := newPage(r, u, "elig.title", v)
	switch {
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest:
		pr := a.problem()
		p.Problem = &pr
		known := map[string]bool{"": true} // at the borrower's choice
		for _, g := range eligGroups {
			for _, f := range g.Fields {
				known[f.Pointer()] = true
			}
		}
		lang := langOf(r)
		for _, e := range pr.Errors {
			if !known[e.Pointer] {
				v.Others = append(v.Others, e.Text(lang))
			}
		}
		if len(pr.Errors) == 0 {
			v.Others = append(v.Others, pr.Text(lang))
		}
		p.Error = "form.problems"
		s.render(w, r, a.Status, "eligibility", p)
		return
	case !a.OK():
		s.failAPI(w, r, u, a)
		return
	}
	var ans assessmentJSON
	if err := a.decode(&ans); err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	v.Answer = &ans
	s.render(w, r, http.StatusOK, "eligibility", p)
}

// eligSet sets body's value at the path.
func eligSet(body map[string]any, path []string, x any) {
	for _, k := range path[:len(path)-1] {
		next, ok := body[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			body[k] = next
		}
		body = next
	}
	body[path[len(path)-1]] = x
}
