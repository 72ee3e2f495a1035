package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/records"
	"github.com/vnreentry/credit/workflow"
)

// The documents of the monthly round (records-v1.md, "The monthly list"):
// Mẫu 01 lists at /v1/lists and Mẫu 02 plans at /v1/plans. Both kinds are
// served by the same handlers, told apart by a docKind.
//
// A document's body is the form exactly as /v1/forms/01/validate (or 02)
// takes it, kept as sent (compacted): a draft may be incomplete and may
// hold values the form refuses — submit validates it whole. What a draft
// refuses is what is not the form's JSON at all: a value of the wrong
// shape or JSON type (invalid_type), text that is not text (invalid_text);
// and it needs a commune_code of the store's catalogue (required,
// unknown_commune) that is in the caller's scope, and a list a period
// (required, invalid_period): they say where the document sits and when.
// Neither may change later (PUT: cannot_change).

// docKind is what the routes of one kind of document need to know.
type docKind struct {
	name   string // records.KindList, records.KindPlan
	wf     workflow.Kind
	path   string // "/v1/lists"
	plural string // "lists": the member of a listing
	create access.Action
	read   access.Action
	// head reads a body for a draft: where the document sits, and the
	// problems that refuse it even as a draft.
	head func(body []byte) (draftHead, error)
	// check validates a stored body whole, as the validate route does:
	// nil, or a credit.Problems.
	check func(s *server, body []byte, cat *places.Catalogue) error
}

// draftHead is what a draft's body says about where it sits.
type draftHead struct {
	commune string
	period  string // a list's YYYY-MM
	refused credit.Problems
}

var (
	listKind = &docKind{name: records.KindList, wf: workflow.List, path: "/v1/lists", plural: "lists",
		create: access.ListCreate, read: access.ListRead, head: listHead, check: checkList}
	planKind = &docKind{name: records.KindPlan, wf: workflow.Plan, path: "/v1/plans", plural: "plans",
		create: access.PlanCreate, read: access.PlanRead, head: planHead, check: checkPlan}
)

// Codes and messages of the documents' problems.
const (
	codeCannotChange      = "cannot_change"
	codeOutOfScope        = "out_of_scope"
	codeIdempotencyReused = "idempotency_key_reused"
	codeInvalidKey        = "invalid_idempotency_key"
)

var (
	msgCannotChange = credit.Text{
		VI: "Không được đổi giá trị này sau khi đã tạo hồ sơ (xã, kỳ báo cáo); hãy tạo hồ sơ mới.",
		EN: "This value cannot change once the record is created (commune, period); create a new record instead.",
	}
	msgOutOfScope = credit.Text{
		VI: "Xã này không thuộc phạm vi của người dùng: không được lập hồ sơ cho xã này.",
		EN: "This commune is outside the user's scope: no record may be created for it.",
	}
	msgIdempotencyReused = credit.Text{
		VI: "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác; mỗi yêu cầu mới cần một khóa mới.",
		EN: "This Idempotency-Key was used with another request; each new request needs a new key.",
	}
	msgInvalidKey = credit.Text{
		VI: "Tiêu đề Idempotency-Key phải là một giá trị duy nhất, 1 đến 255 ký tự ASCII in được.",
		EN: "The Idempotency-Key header must be one value of 1 to 255 printable ASCII characters.",
	}
	msgVersion = credit.Text{
		VI: "Tham số version phải là số nguyên dương.",
		EN: "The version parameter must be a positive whole number.",
	}
	msgStatusFilter = credit.Text{
		VI: "Tham số status không phải trạng thái của loại hồ sơ này.",
		EN: "The status parameter is not a status of this kind of record.",
	}
	msgNoteLength = credit.Text{
		VI: "Ghi chú dài quá " + strconv.Itoa(MaxNote) + " ký tự.",
		EN: "The note is longer than " + strconv.Itoa(MaxNote) + " characters.",
	}
	msgPreconditionRequired = credit.Text{
		VI: "Cần tiêu đề If-Match với ETag của phiên bản đang sửa (lấy từ GET), để không ghi đè thay đổi của người khác.",
		EN: "The If-Match header with the ETag of the version being edited (from GET) is required, so that nobody's change is overwritten.",
	}
	msgPreconditionFailed = credit.Text{
		VI: "Hồ sơ đã thay đổi kể từ phiên bản trong If-Match: hãy tải lại (GET), sửa trên phiên bản mới rồi gửi lại.",
		EN: "The record has changed since the version in If-Match: load it again (GET), edit the new version and send it again.",
	}
)

// MaxNote bounds the note of a transition, in characters.
const MaxNote = 2000

// Errors of the documents' routes.
var (
	// errPreconditionRequired: a PUT without If-Match (428).
	errPreconditionRequired = errors.New("httpapi: If-Match is required")
	// errPreconditionFailed: an If-Match that cannot name the current
	// version (weak, a list, malformed): 412, as records.ErrStale.
	errPreconditionFailed = errors.New("httpapi: If-Match does not match")
	// errOutOfScope: a create for a commune outside the caller's scope
	// (403: the caller named the commune, so nothing is hidden).
	errOutOfScope = errors.New("httpapi: the commune is outside the caller's scope")
)

// ---- reading bodies ----

// readDraftJSON decodes a form body strictly into v (unknown fields 400),
// returning the reader with the decoder's shape problems.
func readDraftJSON(body []byte, v any) (*reader, error) {
	var decoded credit.Problems
	if err := decodeJSON(body, v); err != nil {
		if !errors.As(err, &decoded) || decoded.Has("") {
			return nil, err
		}
	}
	return newReader(decoded), nil
}

// refusedInDraft keeps the problems that refuse a body even as a draft:
// the decoder's (wrong shape) and values of the wrong JSON type or that
// are not text.
func refusedInDraft(rd *reader) credit.Problems {
	var out credit.Problems
	for _, e := range rd.problems {
		if rd.decoded[e.Pointer] || e.Code == credit.CodeInvalidType || e.Code == credit.CodeInvalidText {
			out = append(out, e)
		}
	}
	return out
}

func listHead(body []byte) (draftHead, error) {
	var req list01JSON
	rd, err := readDraftJSON(body, &req)
	if err != nil {
		return draftHead{}, err
	}
	if len(req.Rows) > forms.MaxRows {
		return draftHead{}, forms.ErrTooManyRows
	}
	l := req.list(rd, "")
	h := draftHead{commune: l.CommuneCode, refused: refusedInDraft(rd)}
	switch {
	case rd.problems.Has("/period"):
		for _, e := range rd.problems {
			if e.Pointer == "/period" && e.Code != credit.CodeInvalidType && e.Code != credit.CodeInvalidText {
				h.refused = append(h.refused, e) // invalid_period: a list must say its month
			}
		}
	case l.Period.IsZero():
		h.refused.Add("/period", credit.CodeRequired, credit.MsgRequired, nil)
	default:
		h.period = l.Period.String()
	}
	return h, nil
}

func planHead(body []byte) (draftHead, error) {
	var req plan02JSON
	rd, err := readDraftJSON(body, &req)
	if err != nil {
		return draftHead{}, err
	}
	if len(req.Workers) > forms.MaxRows {
		return draftHead{}, forms.ErrTooManyRows
	}
	pl := req.plan(rd)
	return draftHead{commune: pl.CommuneCode, refused: refusedInDraft(rd)}, nil
}

// checkList validates a stored Mẫu 01 body whole, against the store's
// catalogue: the problems are those /v1/forms/01/validate answers.
func checkList(s *server, body []byte, cat *places.Catalogue) error {
	var req list01JSON
	rd, err := readDraftJSON(body, &req)
	if err != nil {
		return err
	}
	l := req.list(rd, "")
	if rd.overflowing() {
		return rd.problems
	}
	return merge(rd.problems, forms.Checker{Book: s.book, Communes: cat}.Validate01(&l))
}

func checkPlan(s *server, body []byte, cat *places.Catalogue) error {
	var req plan02JSON
	rd, err := readDraftJSON(body, &req)
	if err != nil {
		return err
	}
	pl := req.plan(rd)
	if rd.overflowing() {
		return rd.problems
	}
	return merge(rd.problems, forms.Checker{Book: s.book, Communes: cat}.Validate02(&pl))
}

// draft reads a body for a draft of kind k against the catalogue: where
// it sits, or every problem that refuses it (422).
func (s *server) draft(r *http.Request, k *docKind, body []byte) (draftHead, places.Commune, error) {
	h, err := k.head(body)
	if err != nil {
		return h, places.Commune{}, err
	}
	cat, err := s.records.Communes(r.Context())
	if err != nil {
		return h, places.Commune{}, err
	}
	var c places.Commune
	switch known := false; {
	case h.refused.Has("/commune_code"):
	case h.commune == "":
		h.refused.Add("/commune_code", credit.CodeRequired, credit.MsgRequired, nil)
	default:
		if c, known = cat.Commune(h.commune); !known {
			h.refused.Add("/commune_code", forms.CodeUnknownCommune, msgUnknownCommune, nil)
		}
	}
	if len(h.refused) > 0 {
		return h, c, h.refused
	}
	return h, c, nil
}

// ---- idempotency ----

// acting reads the whole body of a creating or acting POST (bounded by
// the route's limit) and its Idempotency-Key: the key (none: zero), the
// user, and SHA-256 of the method, the path with its query, and the body.
// A key that is not one value of 1..255 printable ASCII characters is a
// 400.
func acting(r *http.Request) ([]byte, records.Idempotency, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, records.Idempotency{}, err
	}
	var idem records.Idempotency
	vs := r.Header.Values("Idempotency-Key")
	if len(vs) == 0 {
		return body, idem, nil
	}
	if len(vs) > 1 || !validKey(vs[0]) {
		return nil, idem, &requestError{sentinel: errBadParameter, msg: msgInvalidKey, param: "Idempotency-Key",
			items: credit.Problems{{Code: codeInvalidKey, Message: msgInvalidKey}}}
	}
	p, _ := principalOf(r.Context())
	h := sha256.New()
	h.Write([]byte(r.Method + "\n" + r.URL.RequestURI() + "\n"))
	h.Write(body)
	idem.Key, idem.UserID = vs[0], p.UserID
	copy(idem.RequestHash[:], h.Sum(nil))
	return body, idem, nil
}

// actingJSON is acting for a JSON body read as a draft (readDraftJSON)
// into v: its reader, with the problems of its values, and the key.
func actingJSON(r *http.Request, v any) (*reader, records.Idempotency, error) {
	body, idem, err := acting(r)
	if err != nil {
		return nil, idem, err
	}
	rd, err := readDraftJSON(body, v)
	return rd, idem, err
}

func validKey(k string) bool {
	if len(k) == 0 || len(k) > 255 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

// compact returns the JSON body without its byte-order mark and
// insignificant space, as the store keeps it.
func compact(body []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, bytes.TrimPrefix(body, utf8BOM)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// ---- answers ----

// documentJSON is a list or a plan as the answers show it: the store's
// header, and (GET, POST, PUT) the form under "list" or "plan" exactly as
// it was sent.
type documentJSON struct {
	ID           int64           `json:"id"`
	Status       string          `json:"status"`
	Version      int             `json:"version"`
	CommuneCode  string          `json:"commune_code"`
	ProvinceCode string          `json:"province_code"`
	Period       string          `json:"period,omitempty"`
	CreatedBy    int64           `json:"created_by"`
	SubmittedBy  int64           `json:"submitted_by,omitempty"`
	CreatedAt    time.Time       `json:"created_at"`
	UpdatedAt    time.Time       `json:"updated_at"`
	List         json.RawMessage `json:"list,omitempty"`
	Plan         json.RawMessage `json:"plan,omitempty"`
	// Errors: an import's answer lists what submit would refuse, by cell.
	Errors []problemItem `json:"errors,omitempty"`
}

func newDocumentJSON(d records.Document, withBody bool) documentJSON {
	out := documentJSON{ID: d.ID, Status: d.Status, Version: d.Version, CommuneCode: d.Commune, ProvinceCode: d.Province,
		Period: d.Period, CreatedBy: d.CreatedBy, SubmittedBy: d.SubmittedBy,
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC()}
	if withBody && len(d.Body) > 0 {
		if d.Kind == records.KindPlan {
			out.Plan = d.Body
		} else {
			out.List = d.Body
		}
	}
	return out
}

func etag(version int) string { return `"v` + strconv.Itoa(version) + `"` }

// writeDocument answers a document with its ETag.
func (k *docKind) writeDocument(w http.ResponseWriter, status int, d records.Document, withBody bool) {
	w.Header().Set("ETag", etag(d.Version))
	if status == http.StatusCreated {
		w.Header().Set("Location", k.path+"/"+strconv.FormatInt(d.ID, 10))
	}
	writeJSON(w, status, newDocumentJSON(d, withBody))
}

// ---- handlers ----

// located looks the document of the path's {id} up (current version) and
// asks the policy whether the caller may do the route's action to it: a
// document outside the caller's scope is a 404, as one that does not exist.
func (s *server) located(r *http.Request, k *docKind) (records.Document, error) {
	id, err := pathID(r)
	if err != nil {
		return records.Document{}, err
	}
	d, err := s.records.Document(r.Context(), k.name, id, 0)
	if err != nil {
		return d, err
	}
	if err := s.authorize(r, access.Resource{Commune: d.Commune, Province: d.Province}); err != nil {
		return records.Document{}, err
	}
	return d, nil
}

// createDoc handles POST /v1/lists and /v1/plans: 201 with the draft, its
// Location and ETag.
func (k *docKind) createDoc(s *server, w http.ResponseWriter, r *http.Request) {
	body, idem, err := acting(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := k.newDraft(s, r, body)
	if err == nil {
		d, err = s.records.CreateDocument(r.Context(), actor(r), idem, d)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	k.writeDocument(w, http.StatusCreated, d, true)
}

// newDraft reads a body into a new draft document, in the caller's scope.
func (k *docKind) newDraft(s *server, r *http.Request, body []byte) (records.Document, error) {
	h, c, err := s.draft(r, k, body)
	if err != nil {
		return records.Document{}, err
	}
	p, _ := principalOf(r.Context())
	switch access.Decide(p, k.create, access.Resource{Commune: c.Code, Province: c.ProvinceCode}) {
	case access.Allow:
	case access.NotFound:
		return records.Document{}, errOutOfScope
	default:
		return records.Document{}, errForbidden
	}
	stored, err := compact(body)
	if err != nil {
		return records.Document{}, err
	}
	return records.Document{Kind: k.name, Commune: c.Code, Province: c.ProvinceCode, Period: h.period,
		Status: string(workflow.Draft), Body: stored}, nil
}

// listDocs handles GET /v1/lists?period=&commune_code=&status= and GET
// /v1/plans?commune_code=&status=: the documents in the caller's scope,
// without their forms.
func (k *docKind) listDocs(s *server, w http.ResponseWriter, r *http.Request) {
	f, err := k.filter(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	ds, next, ok := listed(s, w, r, k.read, MaxDocumentsPage, &f.Page,
		func(scope access.Scope) ([]records.Document, error) {
			return s.records.Documents(r.Context(), k.name, scope, f)
		},
		func(d *records.Document) int64 { return d.ID })
	if !ok {
		return
	}
	// listingAnswer(k.plural, newDocumentJSON(d, false) of each, next),
	// appended.
	writeAnswer(w, func(b []byte) []byte { return appendDocumentListing(b, k.plural, ds, next) })
}

// filter reads the listing's query parameters.
func (k *docKind) filter(r *http.Request) (records.DocumentFilter, error) {
	q := r.URL.Query()
	var f records.DocumentFilter
	bad := func(param, code string, msg credit.Text) error {
		return &requestError{sentinel: errBadParameter, msg: msg, param: param, items: credit.Problems{{Code: code, Message: msg}}}
	}
	if v := q.Get("period"); v != "" && k.wf == workflow.List {
		p, err := forms.ParsePeriod(v)
		if err != nil {
			return f, bad("period", forms.CodeInvalidPeriod, msgPeriodFormat)
		}
		f.Period = p.String()
	}
	if v := q.Get("commune_code"); v != "" {
		if !digits(v, 5) {
			return f, bad("commune_code", places.CodeInvalidCode, msgCommuneCode)
		}
		f.Commune = v
	}
	if v := q.Get("status"); v != "" {
		st, ok := workflow.ParseStatus(k.wf, v)
		if !ok {
			return f, bad("status", credit.CodeInvalidEnum, msgStatusFilter)
		}
		f.Status = string(st)
	}
	return f, nil
}

// getDoc handles GET /v1/lists/{id}[?version=N]: the whole document (the
// current version, or version N) with its ETag.
func (k *docKind) getDoc(s *server, w http.ResponseWriter, r *http.Request) {
	version := 0
	if v, has := r.URL.Query()["version"]; has {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || len(v) > 1 || v[0] != strconv.Itoa(n) {
			s.writeError(w, r, &requestError{sentinel: errBadParameter, msg: msgVersion, param: "version",
				items: credit.Problems{{Code: credit.CodeNotInteger, Message: msgVersion}}})
			return
		}
		version = n
	}
	d, err := s.located(r, k)
	if err == nil && version != 0 && version != d.Version {
		d, err = s.records.Document(r.Context(), k.name, d.ID, version)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	k.writeDocument(w, http.StatusOK, d, true)
}

// ifMatch reads the If-Match of a PUT: the version of its one strong ETag
// "vN"; errPreconditionRequired without one (or "*", which names no
// version); errPreconditionFailed for anything that cannot match the
// current ETag (weak, several, malformed).
func ifMatch(r *http.Request) (int, error) {
	vs := r.Header.Values("If-Match")
	v := strings.TrimSpace(strings.Join(vs, ","))
	if v == "" || v == "*" {
		return 0, errPreconditionRequired
	}
	s, ok := strings.CutPrefix(v, `"v`)
	if !ok || !strings.HasSuffix(s, `"`) {
		return 0, errPreconditionFailed
	}
	s = s[:len(s)-1]
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || s != strconv.Itoa(n) {
		return 0, errPreconditionFailed
	}
	return n, nil
}

// putDoc handles PUT /v1/lists/{id}: a new version of a draft or returned
// document, whose current version the If-Match names; 200 as GET.
func (k *docKind) putDoc(s *server, w http.ResponseWriter, r *http.Request) {
	d, err := s.located(r, k)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	version, err := ifMatch(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	h, _, err := s.draft(r, k, body)
	var ps credit.Problems
	switch {
	case err == nil:
	case errors.As(err, &ps):
	default:
		s.writeError(w, r, err)
		return
	}
	if h.commune != "" && !ps.Has("/commune_code") && h.commune != d.Commune {
		ps.Add("/commune_code", codeCannotChange, msgCannotChange, nil)
	}
	if h.period != "" && h.period != d.Period {
		ps.Add("/period", codeCannotChange, msgCannotChange, nil)
	}
	if len(ps) > 0 {
		s.writeError(w, r, ps)
		return
	}
	stored, err := compact(body)
	if err == nil {
		d, err = s.records.EditDocument(r.Context(), actor(r), k.name, d.ID, version, stored)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	k.writeDocument(w, http.StatusOK, d, true)
}

// transitionRequest is the optional body of a transition.
type transitionRequest struct {
	Note json.RawMessage `json:"note"`
}

// transition returns the handler of POST /v1/lists/{id}/{t}: the
// document's new state (without its form). A submit validates the whole
// form first (422 with every problem, as the validate route); a return
// needs a note (422 at /note). A receipt also makes the applications, each
// screened (applications.go), in the same transaction.
func (k *docKind) transition(t workflow.Transition) func(s *server, w http.ResponseWriter, r *http.Request) {
	return func(s *server, w http.ResponseWriter, r *http.Request) {
		d, err := s.located(r, k)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		body, idem, err := acting(r)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		note := ""
		if len(bytes.TrimSpace(bytes.TrimPrefix(body, utf8BOM))) > 0 {
			var req transitionRequest
			rd, err := readDraftJSON(body, &req)
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			note = rd.text(req.Note, "/note")
			if utf8.RuneCountInString(note) > MaxNote {
				rd.add("/note", forms.CodeTooLong, msgNoteLength, nil)
			}
			if len(rd.problems) > 0 {
				s.writeError(w, r, rd.problems)
				return
			}
		}
		var check func(records.Document) error
		if t == workflow.Submit {
			cat, err := s.records.Communes(r.Context())
			if err != nil {
				s.writeError(w, r, err)
				return
			}
			check = func(d records.Document) error { return k.check(s, d.Body, cat) }
		}
		if t == workflow.Receive {
			// Receipt screens every applicant in the same transaction
			// (applications.go).
			d, err = s.records.ReceiveDocument(r.Context(), actor(r), idem, k.name, d.ID, note, s.screen)
		} else {
			d, err = s.records.TransitionDocument(r.Context(), actor(r), idem, k.name, d.ID, string(t), note, check)
		}
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		k.writeDocument(w, http.StatusOK, d, false)
	}
}

// stepJSON is one step of a document's history.
type stepJSON struct {
	Transition string    `json:"transition"`
	Status     string    `json:"status"`
	Version    int       `json:"version"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id"`
	Role       string    `json:"role"`
	Note       string    `json:"note,omitempty"`
}

// history handles GET /v1/lists/{id}/history: every step, in order.
func (k *docKind) history(s *server, w http.ResponseWriter, r *http.Request) {
	d, err := s.located(r, k)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	steps, err := s.records.History(r.Context(), k.name, d.ID)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := make([]stepJSON, len(steps))
	for i, st := range steps {
		out[i] = stepJSON{Transition: st.Transition, Status: st.Status, Version: st.Version, At: st.At.UTC(),
			UserID: st.UserID, Role: st.Role, Note: st.Note}
	}
	writeJSON(w, http.StatusOK, map[string][]stepJSON{"history": out})
}

// importList handles POST /v1/lists/import: a Mẫu 01 spreadsheet (.xlsx)
// or CSV file, read as /v1/forms/01/import reads it (a CSV file's header
// fields as query parameters), made a draft. A file that is not the form,
// or whose cells cannot be read (a date that is no date), is a 422 with
// every mistake by its cell, and nothing is created; so is a draft's own
// refusal (no commune, no period). Otherwise 201 with the draft, as POST
// /v1/lists answers, and in errors what a submit would refuse, by cell.
func (k *docKind) importList(s *server, w http.ResponseWriter, r *http.Request) {
	body, idem, err := acting(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	file, isXLSX, err := upload(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var l forms.List01
	var origin *forms.Origin
	var read credit.Problems
	if isXLSX {
		l, origin, err = xlsx.Read01(r.Context(), file, xlsx.Options{MaxBytes: s.maxUpload})
	} else {
		l = forms.ReadHeader01(queryCells(r, forms.Header01), &read)
		l.Rows, origin, err = forms.ReadCSV01(file, 0)
	}
	cells, err := importError(err)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if read = append(read, cells...); len(read) > 0 {
		origin.Locate(read)
		s.writeError(w, r, read)
		return
	}
	form, err := json.Marshal(newList01Out(&l))
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	d, err := k.newDraft(s, r, form)
	var ps credit.Problems
	if errors.As(err, &ps) {
		origin.Locate(ps)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if d, err = s.records.CreateDocument(r.Context(), actor(r), idem, d); err != nil {
		s.writeError(w, r, err)
		return
	}
	cat, err := s.records.Communes(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	out := newDocumentJSON(d, true)
	if errors.As(k.check(s, d.Body, cat), &ps) {
		origin.Locate(ps)
		out.Errors = items(ps, "")
	}
	w.Header().Set("ETag", etag(d.Version))
	w.Header().Set("Location", k.path+"/"+strconv.FormatInt(d.ID, 10))
	writeJSON(w, http.StatusCreated, out)
}
