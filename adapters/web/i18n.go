package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/vnreentry/credit"
)

// The pages speak Vietnamese first, and English on the switch (the lang
// cookie, set by GET /lang?to=en). Every text a page shows is a key of
// messages with its two languages; a key not there shows as itself, so
// that a missing text is seen, not hidden (TestMessagesComplete finds the
// keys the templates use).

// Languages.
const (
	langVI = "vi"
	langEN = "en"
)

// messages holds every text of the pages: key → {Vietnamese, English}.
// The pages' own files add theirs (addMessages) in init.
var messages = map[string][2]string{
	"app.name":               {"Vay vốn cho người chấp hành xong án phạt tù", "Credit for people who have completed a prison sentence"},
	"app.short":              {"Tín dụng tái hòa nhập", "Reentry credit"},
	"nav.home":               {"Trang chính", "Home"},
	"nav.signout":            {"Đăng xuất", "Sign out"},
	"nav.signout_all":        {"Đăng xuất mọi nơi", "Sign out everywhere"},
	"nav.password":           {"Đổi mật khẩu", "Change password"},
	"nav.lang":               {"English", "Tiếng Việt"},
	"nav.skip":               {"Bỏ qua, đến nội dung chính", "Skip to the main content"},
	"nav.main":               {"Điều hướng chính", "Main navigation"},
	"signin.title":           {"Đăng nhập", "Sign in"},
	"signin.login":           {"Tên đăng nhập", "Login"},
	"signin.password":        {"Mật khẩu", "Password"},
	"signin.submit":          {"Đăng nhập", "Sign in"},
	"signin.failed":          {"Tên đăng nhập hoặc mật khẩu không đúng.", "The login or the password is wrong."},
	"signin.throttled":       {"Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.", "Too many failed sign-ins. Try again in 15 minutes."},
	"signin.expired":         {"Phiên làm việc đã hết hạn. Hãy đăng nhập lại.", "Your session has ended. Please sign in again."},
	"signin.signedout":       {"Đã đăng xuất.", "You are signed out."},
	"password.title":         {"Đổi mật khẩu", "Change your password"},
	"password.must":          {"Mật khẩu này do quản trị viên đặt: hãy chọn mật khẩu của riêng bạn trước khi làm việc.", "This password was set by an admin: choose your own before you go on."},
	"password.current":       {"Mật khẩu hiện tại", "Current password"},
	"password.new":           {"Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"},
	"password.repeat":        {"Nhập lại mật khẩu mới", "New password again"},
	"password.submit":        {"Đổi mật khẩu", "Change password"},
	"password.wrong":         {"Mật khẩu hiện tại không đúng.", "The current password is wrong."},
	"password.short":         {"Mật khẩu mới phải có ít nhất 10 ký tự (tối đa 256 byte).", "The new password needs at least 10 characters (at most 256 bytes)."},
	"password.mismatch":      {"Hai lần nhập mật khẩu mới không giống nhau.", "The two new passwords differ."},
	"password.same":          {"Mật khẩu mới phải khác mật khẩu cũ.", "The new password must differ from the old one."},
	"password.done":          {"Đã đổi mật khẩu.", "Your password is changed."},
	"home.title":             {"Trang chính", "Home"},
	"home.signedin":          {"Đang đăng nhập với vai trò", "Signed in as"},
	"home.work":              {"Việc của bạn", "Your work"},
	"error.title":            {"Không thực hiện được", "This could not be done"},
	"error.notfound":         {"Không tìm thấy trang hoặc hồ sơ này.", "There is no such page or record."},
	"error.forbidden":        {"Vai trò của bạn không được làm việc này.", "Your role may not do this."},
	"error.server":           {"Máy chủ gặp lỗi; việc chưa được thực hiện. Hãy thử lại, hoặc báo quản trị viên (mã yêu cầu ở dưới).", "The server failed; nothing was done. Try again, or tell the admin (the request id is below)."},
	"error.back":             {"Quay lại trang chính", "Back to the home page"},
	"error.request":          {"Mã yêu cầu", "Request id"},
	"a11y.table":             {"Bảng (cuộn ngang nếu cần)", "Table (scrolls sideways if needed)"},
	"form.problems":          {"Có lỗi cần sửa:", "Please correct:"},
	"role.admin":             {"Quản trị viên", "Admin"},
	"role.commune_police":    {"Công an xã", "Commune police"},
	"role.commune_committee": {"Ủy ban nhân dân xã", "Commune People's Committee"},
	"role.vbsp_officer":      {"Cán bộ Ngân hàng Chính sách xã hội", "VBSP officer"},
	"role.provincial_police": {"Công an tỉnh", "Provincial police"},
	"role.province_viewer":   {"Người xem số liệu tỉnh", "Province viewer"},
	"role.auditor":           {"Kiểm toán viên", "Auditor"},
}

// addMessages adds a page file's texts; a key given twice is a mistake
// found at start.
func addMessages(m map[string][2]string) {
	for k, v := range m {
		if _, dup := messages[k]; dup {
			panic("web: message " + k + " twice")
		}
		messages[k] = v
	}
}

// tr is the text of key in lang.
func tr(lang, key string) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	if lang == langEN {
		return m[1]
	}
	return m[0]
}

// textOf is a bilingual text of the domain (a problem's message) in lang.
func textOf(lang string, t credit.Text) string {
	if lang == langEN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// pick is vi or en, by lang: the API's detail and detail_en.
func pick(lang, vi, en string) string {
	if lang == langEN && en != "" {
		return en
	}
	return vi
}

// vnDate writes a day as Vietnam writes it, dd/mm/yyyy. It takes a
// credit.Date, a time.Time, or a string YYYY-MM-DD (as the API answers);
// anything else as it is.
func vnDate(v any) string {
	switch d := v.(type) {
	case credit.Date:
		if d.IsZero() {
			return ""
		}
		y, m, day := d.Date()
		return pad2(day) + "/" + pad2(int(m)) + "/" + strconv.Itoa(y)
	case *credit.Date:
		if d == nil {
			return ""
		}
		return vnDate(*d)
	case time.Time:
		if d.IsZero() {
			return ""
		}
		d = d.In(vietnam)
		return pad2(d.Day()) + "/" + pad2(int(d.Month())) + "/" + strconv.Itoa(d.Year()) + " " + pad2(d.Hour()) + ":" + pad2(d.Minute())
	case string:
		if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
			return vnDate(t)
		}
		if cd, err := credit.ParseDate(d); err == nil {
			return vnDate(cd)
		}
		return d
	}
	return ""
}

// vietnam is Vietnam's time (UTC+7, no summer time).
var vietnam = time.FixedZone("ICT", 7*3600)

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// vnMoney writes whole đồng as Vietnam writes money: 1.000.000 đ. It
// takes a credit.VND, an integer, or a string of digits (as the API
// answers amounts); anything else as it is.
func vnMoney(v any) string {
	var s string
	switch m := v.(type) {
	case credit.VND:
		s = strconv.FormatInt(int64(m), 10)
	case int64:
		s = strconv.FormatInt(m, 10)
	case int:
		s = strconv.Itoa(m)
	case string:
		s = m
	default:
		return ""
	}
	neg := strings.HasPrefix(s, "-")
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return s
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	b.WriteString(" đ")
	return b.String()
}

// funcs are the templates' functions.
var funcs = template.FuncMap{
	"t":     tr,
	"pick":  pick,
	"date":  vnDate,
	"money": vnMoney,
	"role":  func(lang, role string) string { return tr(lang, "role."+role) },
}
