package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
)

// The auditor's pages: the audit trail a page at a time (GET /v1/audit),
// its verification (GET /v1/audit/verify) and a signed checkpoint of its
// head (GET /v1/audit/checkpoint) to keep outside the database. The
// trail holds no name and no ID number; the API answers 403 to every
// role but the auditor.

func init() {
	addRoutes(
		route{pattern: "GET /audit", signedIn: true, handle: (*server).auditPage},
		route{pattern: "GET /audit/verify", signedIn: true, handle: (*server).auditVerify},
		route{pattern: "POST /audit/verify", signedIn: true, handle: (*server).auditVerify},
		route{pattern: "GET /audit/checkpoint", signedIn: true, handle: (*server).auditCheckpoint},
	)
	addMessages(map[string][2]string{
		"audit.title":                   {"Nhật ký kiểm toán", "The audit trail"},
		"audit.verify.title":            {"Kiểm tra tính toàn vẹn của nhật ký", "Verification of the audit trail"},
		"audit.checkpoint.title":        {"Điểm kiểm soát có chữ ký", "A signed checkpoint"},
		"audit.seq":                     {"Số thứ tự", "Seq"},
		"audit.at":                      {"Thời điểm", "Time"},
		"audit.user":                    {"Mã người dùng", "User id"},
		"audit.role":                    {"Vai trò", "Role"},
		"audit.action":                  {"Việc", "Action"},
		"audit.resource":                {"Loại hồ sơ", "Resource"},
		"audit.resource_id":             {"Mã hồ sơ", "Id"},
		"audit.outcome":                 {"Kết quả", "Outcome"},
		"audit.request":                 {"Mã yêu cầu", "Request id"},
		"audit.none":                    {"Không còn mục nào.", "No more entries."},
		"audit.next":                    {"Trang sau", "Next page"},
		"audit.first":                   {"Về đầu nhật ký", "Back to the start"},
		"audit.verify":                  {"Kiểm tra toàn bộ chuỗi", "Verify the whole chain"},
		"audit.checkpoint":              {"Lấy điểm kiểm soát có chữ ký", "Get a signed checkpoint"},
		"audit.download":                {"Tải về (tệp văn bản)", "Download (text file)"},
		"audit.valid":                   {"Nhật ký toàn vẹn: mọi mục đều khớp chuỗi băm.", "The trail is valid: every entry holds in the hash chain."},
		"audit.invalid":                 {"Nhật ký KHÔNG toàn vẹn. Mục sai đầu tiên:", "The trail is NOT valid. The first bad entry:"},
		"audit.reason":                  {"Lý do", "Reason"},
		"audit.entries":                 {"Số mục đã kiểm tra", "Entries checked"},
		"audit.head":                    {"Mã băm của mục cuối", "The last entry's hash"},
		"audit.keep":                    {"Hãy lưu văn bản này ở nơi khác ngoài cơ sở dữ liệu: một lần kiểm tra sau mà chuỗi không nối tiếp điểm này cho thấy nhật ký đã bị viết lại.", "Keep this text outside the database: a later verification whose chain does not extend it shows the trail was rewritten."},
		"audit.nokey":                   {"Máy chủ chưa được cấu hình khóa ký điểm kiểm soát.", "The server has no key to sign checkpoints."},
		"audit.outcome.ok":              {"thành công", "ok"},
		"audit.outcome.unauthenticated": {"chưa xác thực", "unauthenticated"},
		"audit.outcome.forbidden":       {"bị từ chối", "forbidden"},
		"audit.outcome.not_found":       {"không tìm thấy", "not found"},
		"audit.outcome.invalid":         {"không hợp lệ", "invalid"},
		"audit.outcome.conflict":        {"xung đột", "conflict"},
		"audit.outcome.throttled":       {"bị tạm chặn", "throttled"},
	})
	addWork("audit.read", "/audit", "audit.title")
}

// auditEntry is an entry of the trail as the API answers it.
type auditEntry struct {
	Seq        int64  `json:"seq"`
	At         string `json:"at"`
	UserID     int64  `json:"user_id"`
	Role       string `json:"role"`
	Action     string `json:"action"`
	Resource   string `json:"resource"`
	ResourceID string `json:"resource_id"`
	Outcome    string `json:"outcome"`
	RequestID  string `json:"request_id"`
}

// auditView is what audit.html gets: a page of entries, a verification
// or a checkpoint.
type auditView struct {
	Entries    []auditEntry
	After      int64
	Next       template.URL // the next page's query, "" at the end
	Verified   *auditVerification
	Checkpoint string
}

type auditVerification struct {
	Valid       bool   `json:"valid"`
	Entries     int64  `json:"entries"`
	Head        string `json:"head"`
	FirstBadSeq int64  `json:"first_bad_seq"`
	Reason      string `json:"reason"`
}

// auditPageSize is how many entries a page shows.
const auditPageSize = 100

func (s *server) auditPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	after := r.URL.Query().Get("after")
	if after == "" {
		after = "0"
	}
	q := url.Values{"after": {after}, "limit": {strconv.Itoa(auditPageSize)}}
	var out struct {
		Entries []auditEntry `json:"entries"`
	}
	if !s.fetch(w, r, u, "/v1/audit?"+q.Encode(), &out) {
		return
	}
	v := &auditView{Entries: out.Entries}
	v.After, _ = strconv.ParseInt(after, 10, 64)
	if n := len(out.Entries); n == auditPageSize {
		v.Next = template.URL("after=" + strconv.FormatInt(out.Entries[n-1].Seq, 10))
	}
	s.render(w, r, http.StatusOK, "audit", newPage(r, u, "audit.title", v))
}

// auditVerify checks the whole chain again (GET, or the form's POST: it
// changes nothing but reads the whole trail).
func (s *server) auditVerify(w http.ResponseWriter, r *http.Request, u *viewer) {
	var v auditVerification
	if !s.fetch(w, r, u, "/v1/audit/verify", &v) {
		return
	}
	s.render(w, r, http.StatusOK, "audit", newPage(r, u, "audit.verify.title", &auditView{Verified: &v}))
}

// auditCheckpoint shows the signed note of the chain's head, or sends it
// as a file (?download=1).
func (s *server) auditCheckpoint(w http.ResponseWriter, r *http.Request, u *viewer) {
	a := s.call(r, u, http.MethodGet, "/v1/audit/checkpoint", nil, "")
	if a.Status == http.StatusNotImplemented {
		s.fail(w, r, u, http.StatusNotImplemented, "audit.nokey")
		return
	}
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	if r.URL.Query().Get("download") == "1" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="audit-checkpoint-`+s.now().In(vietnam).Format("2006-01-02")+`.txt"`)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(a.Body)
		return
	}
	s.render(w, r, http.StatusOK, "audit", newPage(r, u, "audit.checkpoint.title", &auditView{Checkpoint: string(a.Body)}))
}

// OutcomeText is the entry's outcome in lang (the code itself when the
// pages have no words for it).
func (e auditEntry) OutcomeText(lang string) string {
	if _, ok := messages["audit.outcome."+e.Outcome]; ok {
		return tr(lang, "audit.outcome."+e.Outcome)
	}
	return e.Outcome
}

// RoleText is the entry's role in lang (the name itself for a role the
// pages have no words for, such as the store's own).
func (e auditEntry) RoleText(lang string) string {
	if _, ok := messages["role."+e.Role]; ok {
		return tr(lang, "role."+e.Role)
	}
	return e.Role
}
