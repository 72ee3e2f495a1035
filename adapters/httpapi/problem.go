package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/reporting"
	"github.com/vnreentry/credit/workflow"
)

// Problem types (RFC 9457 "type"), documented in docs/problems.md.
const (
	problemBase          = "https://github.com/vnreentry/credit/blob/main/docs/problems.md#"
	typeInvalidJSON      = problemBase + "invalid-json"
	typeInvalidParameter = problemBase + "invalid-parameter"
	typeValidation       = problemBase + "validation"
	typeTooLarge         = problemBase + "too-large"
	typeNotFound         = problemBase + "not-found"
	typeMethodNotAllowed = problemBase + "method-not-allowed"
	typeInternal         = problemBase + "internal"
	typeIncompleteBody   = problemBase + "incomplete-body"
	typeRequestTimeout   = problemBase + "request-timeout"
	typeBusy             = problemBase + "busy"
	typeClientClosed     = problemBase + "client-closed"
	typeUnsupportedType  = problemBase + "unsupported-media-type"
	typeUnauthenticated  = problemBase + "unauthenticated"
	typeForbidden        = problemBase + "forbidden"
	typeConflict         = problemBase + "conflict"
	typeAuditUnavailable = problemBase + "audit-unavailable"
	typeNotConfigured    = problemBase + "not-configured"
	typePreconditionReq  = problemBase + "precondition-required"
	typePreconditionFail = problemBase + "precondition-failed"
)

// statusClientClosed is the status logged for a request whose client went
// away before the answer (nginx's 499): nobody reads it.
const statusClientClosed = 499

// problem is an RFC 9457 problem details body. detail is Vietnamese and
// detail_en English; errors lists every problem found.
type problem struct {
	Type      string        `json:"type"`
	Title     string        `json:"title"`
	Status    int           `json:"status"`
	Detail    string        `json:"detail"`
	DetailEN  string        `json:"detail_en"`
	RequestID string        `json:"request_id,omitempty"`
	Errors    []problemItem `json:"errors,omitempty"`
	// Code and Codes say what is in the way of a change (409): a stable
	// code and the codes of the records concerned, e.g. "commune_in_use"
	// and the communes still referenced.
	Code  string   `json:"code,omitempty"`
	Codes []string `json:"codes,omitempty"`
}

// problemItem is one problem: where (a JSON pointer into the body, or a query
// parameter), a stable code and a message in Vietnamese and English.
type problemItem struct {
	Pointer   *string `json:"pointer,omitempty"`
	Parameter string  `json:"parameter,omitempty"`
	// Row and Column locate a problem in an imported spreadsheet or CSV
	// file (Cell is the two together, "E7").
	Row      int    `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
	Cell     string `json:"cell,omitempty"`
	Code     string `json:"code"`
	Detail   string `json:"detail"`
	DetailEN string `json:"detail_en"`
}

// Errors of the adapter itself. The handlers return them (or errors from the
// domain) and statusOf decides the status.
var (
	// errBadJSON: the body is not JSON, is empty, has unknown fields or
	// trailing data (400).
	errBadJSON = errors.New("httpapi: body is not a JSON object of the expected shape")
	// errBadParameter: a query parameter is malformed (400).
	errBadParameter = errors.New("httpapi: bad query parameter")
	errNotFound     = errors.New("httpapi: no such resource")
	errNotAllowed   = errors.New("httpapi: method not allowed")
)

// requestError carries the details of a 400 (which field, which parameter)
// while unwrapping to its sentinel for statusOf.
type requestError struct {
	sentinel error
	msg      credit.Text
	items    credit.Problems
	param    string // query parameter name for errBadParameter
}

func (e *requestError) Error() string { return e.sentinel.Error() + ": " + e.msg.EN }
func (e *requestError) Unwrap() error { return e.sentinel }

// statusOf is the one place that maps errors to HTTP statuses.
func statusOf(err error) int {
	var (
		tooBig      *http.MaxBytesError
		unsupported *unsupportedTypeError
		wf          *workflow.Error
	)
	switch {
	case errors.Is(err, errBodyIncomplete):
		return http.StatusBadRequest
	case errors.Is(err, errBodyTimeout):
		return http.StatusRequestTimeout
	case errors.As(err, &unsupported):
		return http.StatusUnsupportedMediaType
	case errors.Is(err, errAuditUnavailable):
		return http.StatusServiceUnavailable
	case errors.Is(err, records.ErrUnauthenticated):
		return http.StatusUnauthorized
	case errors.As(err, &wf):
		switch wf.Code {
		case workflow.CodeInvalidTransition, workflow.CodeSamePerson:
			return http.StatusConflict
		case workflow.CodeNoteRequired:
			return http.StatusUnprocessableEntity
		}
		return http.StatusForbidden
	case errors.Is(err, errForbidden), errors.Is(err, errOutOfScope):
		return http.StatusForbidden
	case errors.Is(err, errPreconditionRequired):
		return http.StatusPreconditionRequired
	case errors.Is(err, records.ErrStale), errors.Is(err, errPreconditionFailed):
		return http.StatusPreconditionFailed
	case errors.Is(err, records.ErrIdempotencyMismatch):
		return http.StatusUnprocessableEntity
	case errors.Is(err, records.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, records.ErrConflict):
		return http.StatusConflict
	case errors.Is(err, errors.ErrUnsupported):
		return http.StatusNotImplemented
	case errors.Is(err, errBusy), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	case errors.Is(err, context.Canceled):
		return statusClientClosed
	case errors.As(err, &tooBig), errors.Is(err, forms.ErrTooManyRows), errors.Is(err, forms.ErrFileTooLarge),
		errors.Is(err, reporting.ErrTooManyLines), errors.Is(err, errTooManyValues):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, errBadJSON), errors.Is(err, errBadParameter):
		return http.StatusBadRequest
	case errors.Is(err, errNotFound):
		return http.StatusNotFound
	case errors.Is(err, errNotAllowed):
		return http.StatusMethodNotAllowed
	case errors.Is(err, credit.ErrInvalid), errors.Is(err, credit.ErrBeforePolicy):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// writeError answers with the problem for err. An error statusOf does not
// know is a 500 whose body says nothing of the cause; the cause goes to the
// log (errors here never carry names or ID numbers). When the request's
// body failed to arrive whole, that is the answer, whatever err is: the
// handler saw only part of the body.
func (s *server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if be := bodyError(r); be != nil {
		err = classifyBodyError(be)
	}
	status := statusOf(err)
	p := problem{Status: status, RequestID: requestID(r.Context())}
	var re *requestError
	hasRE := errors.As(err, &re)
	switch status {
	case http.StatusRequestEntityTooLarge:
		var fe *xlsx.FileError
		p.Type, p.Title = typeTooLarge, "Request body too large"
		limit := s.limitFor(r)
		p.Detail = "Nội dung yêu cầu quá lớn (tối đa " + humanBytes(limit) + ")."
		p.DetailEN = "The request body is too large (at most " + humanBytes(limit) + ")."
		switch {
		case errors.Is(err, forms.ErrTooManyRows):
			p.Detail = "Tệp có quá nhiều dòng (tối đa " + itoa(forms.MaxRows) + ")."
			p.DetailEN = "The file has too many rows (at most " + itoa(forms.MaxRows) + ")."
		case errors.Is(err, reporting.ErrTooManyLines):
			p.Detail = "Tệp có quá nhiều dòng (tối đa " + itoa(MaxPortfolioLines) + " khoản vay)."
			p.DetailEN = "The file has too many lines (at most " + itoa(MaxPortfolioLines) + " loans)."
		case errors.As(err, &fe):
			p.Detail, p.DetailEN = fe.Message.VI, fe.Message.EN
			p.Errors = []problemItem{{Code: fe.Code, Detail: fe.Message.VI, DetailEN: fe.Message.EN}}
		case errors.Is(err, forms.ErrFileTooLarge):
			p.Detail = "Tệp quá lớn, hoặc giải nén ra quá lớn."
			p.DetailEN = "The file, or what it unpacks to, is too large."
		case errors.Is(err, errTooManyValues):
			p.Detail = "Nội dung JSON có quá nhiều đối tượng và phần tử danh sách (tối đa " + itoa(MaxJSONValues) + ")."
			p.DetailEN = "The JSON body has too many objects and list elements (at most " + itoa(MaxJSONValues) + ")."
		}
	case http.StatusBadRequest:
		if errors.Is(err, errBodyIncomplete) {
			p.Type, p.Title = typeIncompleteBody, "Incomplete request body"
			p.Detail, p.DetailEN = msgBodyIncomplete.VI, msgBodyIncomplete.EN
			break
		}
		p.Type, p.Title = typeInvalidJSON, "Invalid JSON body"
		if errors.Is(err, errBadParameter) {
			p.Type, p.Title = typeInvalidParameter, "Invalid query parameter"
		}
		if hasRE {
			p.Detail, p.DetailEN = re.msg.VI, re.msg.EN
			p.Errors = items(re.items, re.param)
		}
	case http.StatusRequestTimeout:
		p.Type, p.Title = typeRequestTimeout, "Request body too slow"
		p.Detail, p.DetailEN = msgBodyTimeout.VI, msgBodyTimeout.EN
		w.Header().Set("Connection", "close")
	case http.StatusUnsupportedMediaType:
		var ue *unsupportedTypeError
		errors.As(err, &ue)
		msg := msgUnsupportedType(ue.accepted)
		p.Type, p.Title = typeUnsupportedType, "Unsupported media type"
		p.Detail, p.DetailEN = msg.VI, msg.EN
	case http.StatusUnauthorized:
		p.Type, p.Title = typeUnauthenticated, "Unauthenticated"
		p.Detail, p.DetailEN = msgUnauthenticated.VI, msgUnauthenticated.EN
		if w.Header().Get("WWW-Authenticate") == "" {
			w.Header().Set("WWW-Authenticate", "Bearer")
		}
	case http.StatusForbidden:
		p.Type, p.Title = typeForbidden, "Forbidden"
		p.Detail, p.DetailEN = msgForbidden.VI, msgForbidden.EN
		var wf *workflow.Error
		switch {
		case errors.As(err, &wf):
			p.Code = wf.Code
			p.Detail, p.DetailEN = wf.Message.VI, wf.Message.EN
		case errors.Is(err, errOutOfScope):
			p.Code = codeOutOfScope
			p.Detail, p.DetailEN = msgOutOfScope.VI, msgOutOfScope.EN
			p.Errors = items(credit.Problems{{Pointer: "/commune_code", Code: codeOutOfScope, Message: msgOutOfScope}}, "")
		}
	case http.StatusPreconditionRequired:
		p.Type, p.Title = typePreconditionReq, "Precondition required"
		p.Detail, p.DetailEN = msgPreconditionRequired.VI, msgPreconditionRequired.EN
	case http.StatusPreconditionFailed:
		p.Type, p.Title = typePreconditionFail, "Precondition failed"
		p.Detail, p.DetailEN = msgPreconditionFailed.VI, msgPreconditionFailed.EN
	case http.StatusConflict:
		p.Type, p.Title = typeConflict, "Conflict"
		p.Detail, p.DetailEN = msgConflict.VI, msgConflict.EN
		var ce *records.ConflictError
		var wf *workflow.Error
		if errors.As(err, &wf) {
			p.Code = wf.Code
			p.Detail, p.DetailEN = wf.Message.VI, wf.Message.EN
		}
		if errors.As(err, &ce) {
			p.Code, p.Codes = ce.Code, ce.Codes
			if len(p.Codes) > maxItems {
				p.Codes = p.Codes[:maxItems]
			}
			if msg, ok := conflictMessages[ce.Code]; ok {
				p.Detail, p.DetailEN = msg.VI, msg.EN
			}
		}
	case http.StatusNotImplemented:
		p.Type, p.Title = typeNotConfigured, "Not configured"
		p.Detail, p.DetailEN = msgNotConfigured.VI, msgNotConfigured.EN
	case http.StatusServiceUnavailable:
		if errors.Is(err, errAuditUnavailable) {
			p.Type, p.Title = typeAuditUnavailable, "Audit trail unavailable"
			p.Detail, p.DetailEN = msgAuditUnavailable.VI, msgAuditUnavailable.EN
			break
		}
		p.Type, p.Title = typeBusy, "Server busy"
		p.Detail, p.DetailEN = msgBusy.VI, msgBusy.EN
		if errors.Is(err, context.DeadlineExceeded) {
			// no Retry-After: the same request would take as long again
			p.Detail, p.DetailEN = msgTooSlow.VI, msgTooSlow.EN
		} else {
			w.Header().Set("Retry-After", strconv.Itoa(retryAfter))
		}
	case statusClientClosed:
		p.Type, p.Title = typeClientClosed, "Client closed the connection"
		p.Detail, p.DetailEN = msgClientGone.VI, msgClientGone.EN
	case http.StatusNotFound:
		p.Type, p.Title = typeNotFound, "Not found"
		p.Detail, p.DetailEN = "Không có tài nguyên này.", "There is no such resource."
	case http.StatusMethodNotAllowed:
		p.Type, p.Title = typeMethodNotAllowed, "Method not allowed"
		p.Detail, p.DetailEN = "Phương thức HTTP này không dùng được cho địa chỉ này.", "This HTTP method is not allowed on this path."
	case http.StatusUnprocessableEntity:
		p.Type, p.Title = typeValidation, "Validation failed"
		var list credit.Problems
		var fe *credit.FieldError
		switch {
		case errors.As(err, &list):
		case errors.As(err, &fe):
			list = credit.Problems{fe}
		}
		param := ""
		if hasRE {
			list, param = re.items, re.param
		}
		var wf *workflow.Error
		switch {
		case errors.As(err, &wf): // note_required
			list, param = credit.Problems{{Pointer: "/note", Code: wf.Code, Message: wf.Message}}, ""
		case errors.Is(err, records.ErrIdempotencyMismatch):
			p.Code = codeIdempotencyReused
			list, param = credit.Problems{{Code: codeIdempotencyReused, Message: msgIdempotencyReused}}, "Idempotency-Key"
		}
		p.Detail = "Yêu cầu có dữ liệu không hợp lệ; xem danh sách lỗi (errors)."
		p.DetailEN = "The request has invalid data; see the list of errors."
		if len(list) == 0 && errors.Is(err, credit.ErrBeforePolicy) {
			// A bare ErrBeforePolicy (from Book.On) has no list: say it.
			p.Detail, p.DetailEN = credit.MsgBeforePolicy.VI, credit.MsgBeforePolicy.EN
		}
		p.Errors = items(list, param)
	default:
		p.Type, p.Title = typeInternal, "Internal server error"
		p.Detail = "Lỗi của máy chủ; hãy báo cho quản trị viên kèm mã yêu cầu (request_id)."
		p.DetailEN = "The server failed; report it to the administrator with the request_id."
		s.log.ErrorContext(r.Context(), "internal error", "request_id", p.RequestID, "error", err.Error())
	}
	infoOf(r).problem = p.Type[len(problemBase):]
	writeProblem(w, p)
}

func writeProblem(w http.ResponseWriter, p problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(p.Status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(p)
}

// maxItems bounds the problems one answer lists: a body of many bad rows
// gets the first maxItems and a last item too_many_problems, not a response
// of hundreds of megabytes.
const maxItems = 1000

var msgTooManyItems = forms.MsgTooManyProblems

func items(list credit.Problems, param string) []problemItem {
	if len(list) > maxItems+1 { // +1: a domain list already cut ends with its own too_many_problems
		list = append(list[:maxItems:maxItems], &credit.FieldError{Code: "too_many_problems", Message: msgTooManyItems})
	}
	out := make([]problemItem, 0, len(list))
	for _, e := range list {
		it := problemItem{Code: e.Code, Detail: e.Message.VI, DetailEN: e.Message.EN, Row: e.Row, Column: e.Column}
		if e.Row > 0 && e.Column != "" {
			it.Cell = e.Column + strconv.Itoa(e.Row)
		}
		if param != "" {
			it.Parameter = param
		} else {
			ptr := e.Pointer
			it.Pointer = &ptr
		}
		out = append(out, it)
	}
	return out
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return itoa(n>>20) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return itoa(n>>10) + " KiB"
	}
	return itoa(n) + " bytes"
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// Messages of the store's problems.
var (
	msgUnauthenticated = credit.Text{
		VI: "Cần mã truy cập hợp lệ: gửi tiêu đề Authorization: Bearer <mã>. Mã có thể sai, đã hết hạn hoặc đã bị thu hồi.",
		EN: "A valid access token is needed: send the header Authorization: Bearer <token>. The token may be wrong, expired or revoked.",
	}
	msgForbidden = credit.Text{
		VI: "Vai trò của người dùng này không được phép làm việc này.",
		EN: "This user's role may not do this.",
	}
	msgConflict = credit.Text{
		VI: "Thay đổi này xung đột với dữ liệu đang lưu.",
		EN: "This change conflicts with what is stored.",
	}
	msgNotConfigured = credit.Text{
		VI: "Máy chủ chưa được cấu hình cho chức năng này (ví dụ: chưa có khóa ký).",
		EN: "The server is not configured for this (for example, no signing key).",
	}
	msgAuditUnavailable = credit.Text{
		VI: "Máy chủ không ghi được nhật ký truy cập nên không trả lời yêu cầu này; hãy thử lại sau ít phút.",
		EN: "The server could not write the audit trail, so it does not answer this request; try again in a few minutes.",
	}
)

// conflictMessages say what a 409's code means (records.ConflictError).
var conflictMessages = map[string]credit.Text{
	"commune_in_use": {
		VI: "Không thể bỏ khỏi danh mục các xã còn được người dùng hoặc hồ sơ tham chiếu; mã các xã đó ở trường codes.",
		EN: "Communes still referenced by a user or a record cannot be dropped from the catalogue; their codes are in codes.",
	},
	codeAlreadyDecided: {
		VI: "Hồ sơ vay này đã có quyết định; quyết định không được sửa hay ghi đè.",
		EN: "This application has already been decided; a decision is never changed or overwritten.",
	},
	codeLoanClosed: {
		VI: "Khoản vay đã tất toán: không ghi thêm khoản trả nào.",
		EN: "The loan is closed (repaid): no further payment is recorded.",
	}, reporting.CodeDuplicateCompletion: {
		VI: "Lần thực hiện này của nhiệm vụ đã được ghi là hoàn thành; không ghi lại lần thứ hai.",
		EN: "This occurrence of the task is already recorded as done; it is not recorded twice.",
	},
}
