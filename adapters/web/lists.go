package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/workflow"
)

// The monthly list (Mẫu số 01) and the establishments' plans (Mẫu số 02)
// in a browser: the commune police draw a list up (by hand or from the
// spreadsheet they keep) and submit it, the commune committee certifies it
// or returns it with a note, the VBSP office receives it; the plans go the
// same way, confirmed by the committee. Every page asks /v1/lists or
// /v1/plans; which buttons a page shows comes from workflow.Transitions
// (the API still decides each request).

func init() {
	addRoutes(
		route{pattern: "GET /lists", signedIn: true, handle: (*server).listsPage},
		route{pattern: "GET /lists/new", signedIn: true, handle: (*server).newListPage},
		route{pattern: "POST /lists", signedIn: true, handle: (*server).createList},
		route{pattern: "GET /lists/import", signedIn: true, handle: (*server).importListPage},
		route{pattern: "POST /lists/import", signedIn: true, handle: (*server).importList},
		route{pattern: "GET /lists/{id}", signedIn: true, handle: (*server).listPage},
		route{pattern: "GET /lists/{id}/edit", signedIn: true, handle: (*server).editListPage},
		route{pattern: "POST /lists/{id}/edit", signedIn: true, handle: (*server).saveList},
		route{pattern: "GET /plans", signedIn: true, handle: (*server).plansPage},
		route{pattern: "GET /plans/{id}", signedIn: true, handle: (*server).planPage},
	)
	for _, t := range []workflow.Transition{workflow.Submit, workflow.Certify, workflow.Return, workflow.Receive} {
		addRoutes(route{pattern: "POST /lists/{id}/" + string(t), signedIn: true, handle: docTransition(&listKind, t)})
	}
	for _, t := range []workflow.Transition{workflow.Submit, workflow.Confirm, workflow.Return, workflow.Receive} {
		addRoutes(route{pattern: "POST /plans/{id}/" + string(t), signedIn: true, handle: docTransition(&planKind, t)})
	}
	addMessages(listMessages)
	addWork("list.read", "/lists", "lists.title")
	addWork("list.create", "/lists/new", "lists.new")
	addWork("plan.read", "/plans", "plans.title")
}

// docKind is a list's or a plan's pages and API.
type docKind struct {
	wf    workflow.Kind
	api   string // "/v1/lists"
	page  string // "/lists"
	tmpl  string // the template of one
	title string // its title key
}

var (
	listKind = docKind{wf: workflow.List, api: "/v1/lists", page: "/lists", tmpl: "list", title: "lists.one"}
	planKind = docKind{wf: workflow.Plan, api: "/v1/plans", page: "/plans", tmpl: "plan", title: "plans.one"}
)

// ---- what the API answers ----

// docJSON is a Document of the API.
type docJSON struct {
	ID          int64           `json:"id"`
	Status      string          `json:"status"`
	Version     int             `json:"version"`
	CommuneCode string          `json:"commune_code"`
	Period      string          `json:"period"`
	SubmittedBy int64           `json:"submitted_by"`
	CreatedAt   time.Time       `json:"created_at"`
	UpdatedAt   time.Time       `json:"updated_at"`
	List        json.RawMessage `json:"list"`
	Plan        json.RawMessage `json:"plan"`
	Errors      []problemItem   `json:"errors"`
}

// stepJSON is a Step of a history.
type stepJSON struct {
	Transition string    `json:"transition"`
	Status     string    `json:"status"`
	Version    int       `json:"version"`
	At         time.Time `json:"at"`
	UserID     int64     `json:"user_id"`
	Role       string    `json:"role"`
	Note       string    `json:"note"`
}

// communeJSON is a commune of the catalogue.
type communeJSON struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// ---- what the pages show ----

// docView is a list or a plan in a listing or at the head of its page.
type docView struct {
	ID          int64
	Status      string
	StatusText  string
	Version     int
	CommuneCode string
	CommuneName string
	Period      string // YYYY-MM
	PeriodText  string // mm/yyyy
	UpdatedAt   time.Time
}

func newDocView(lang string, d docJSON, names map[string]string) docView {
	return docView{ID: d.ID, Status: d.Status, StatusText: textOf(lang, workflow.Status(d.Status).Text()), Version: d.Version,
		CommuneCode: d.CommuneCode, CommuneName: names[d.CommuneCode], Period: d.Period, PeriodText: periodText(d.Period),
		UpdatedAt: d.UpdatedAt}
}

// periodText writes YYYY-MM as mm/yyyy.
func periodText(p string) string {
	if len(p) == 7 && p[4] == '-' {
		return p[5:] + "/" + p[:4]
	}
	return p
}

// stepView is a step of a history.
type stepView struct {
	At         time.Time
	Transition string
	Status     string
	Role       string
	Note       string
	Return     bool
}

// option is a choice of a select.
type option struct {
	Value    string
	Label    string // a message key, or a text when Text
	Text     bool
	Selected bool
}

// problemLine is a problem of a form as the summary at the top lists it,
// with a link to its field when there is one.
type problemLine struct {
	Href string
	Text string
}

// ---- the list's fields ----

// listHead are the header fields of Mẫu 01; rowFields a row's.
var (
	listHead  = []string{"province", "commune_code", "commune_name", "period", "prepared_on", "prepared_by", "certified_by"}
	rowFields = []string{"full_name", "date_of_birth", "sex", "id_number", "residence", "release_basis", "certificate_no",
		"certificate_date", "completed_on", "purpose", "amount", "course_months", "note"}
	rowChoices = map[string][]string{
		"sex":           {"male", "female"},
		"release_basis": {"completion", "special_amnesty", "conditional_release"},
		"purpose":       {"production", "vocational_training"},
	}
	rowDates = map[string]bool{"date_of_birth": true, "certificate_date": true, "completed_on": true}
)

const (
	maxRows   = 2000 // rows an editor's form may carry
	blankRows = 3    // empty rows offered to add people
)

// listForm is a Mẫu 01 as the pages hold it: every value as text.
type listForm struct {
	Head map[string]string
	Rows []map[string]string
}

// readListForm reads the form of a Document (exactly as it was sent).
func readListForm(raw []byte) listForm {
	f := listForm{Head: map[string]string{}}
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if dec.Decode(&m) != nil {
		return f
	}
	for k, v := range m {
		if k != "rows" {
			f.Head[k] = jsonText(v)
		}
	}
	rows, _ := m["rows"].([]any)
	for _, r := range rows {
		row := map[string]string{}
		if rm, ok := r.(map[string]any); ok {
			for k, v := range rm {
				row[k] = jsonText(v)
			}
		}
		f.Rows = append(f.Rows, row)
	}
	return f
}

// jsonText is a JSON value as text.
func jsonText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// postedListForm reads an editor's form: the header fields and the rows
// rows.N.field, without the rows ticked to remove and the empty ones.
func postedListForm(r *http.Request) listForm {
	f := listForm{Head: map[string]string{}}
	for _, k := range listHead {
		f.Head[k] = r.PostFormValue(k)
	}
	last := -1
	for key := range r.PostForm {
		rest, ok := strings.CutPrefix(key, "rows.")
		if !ok {
			continue
		}
		n, _, _ := strings.Cut(rest, ".")
		if i, err := strconv.Atoi(n); err == nil && i >= 0 && i < maxRows && i > last {
			last = i
		}
	}
	for i := 0; i <= last; i++ {
		p := "rows." + strconv.Itoa(i) + "."
		if r.PostFormValue(p+"remove") != "" {
			continue
		}
		row, empty := map[string]string{}, true
		for _, k := range rowFields {
			v := r.PostFormValue(p + k)
			row[k] = v
			if strings.TrimSpace(v) != "" {
				empty = false
			}
		}
		if !empty {
			f.Rows = append(f.Rows, row)
		}
	}
	return f
}

// body is the form as the API takes it: blank fields left out (a draft
// may be incomplete; submit says what is missing).
func (f listForm) body() map[string]any {
	b := map[string]any{}
	for _, k := range listHead {
		if v := strings.TrimSpace(f.Head[k]); v != "" {
			b[k] = v
		}
	}
	rows := []any{}
	for _, r := range f.Rows {
		o := map[string]any{}
		for _, k := range rowFields {
			v := strings.TrimSpace(r[k])
			if v == "" {
				continue
			}
			if k == "course_months" {
				if n, err := strconv.Atoi(v); err == nil {
					o[k] = n
					continue
				}
			}
			o[k] = v
		}
		rows = append(rows, o)
	}
	b["rows"] = rows
	return b
}

// ---- the listing ----

// listsData is GET /lists.
type listsData struct {
	// Waiting are the lists of the page that wait for the viewer's role:
	// a transition of the workflow's table leads from their status.
	Waiting        []docView
	Period, Status string
	Statuses       []option
	Groups         []listGroup
	Empty          bool
	Next, First    string
	Month          *monthView
	MayCreate      bool
	PeriodProblem  string
}

type listGroup struct {
	Period, PeriodText string
	Lists              []docView
}

// monthView is this month's list of each of the police's communes.
type monthView struct {
	Period, PeriodText string
	Due                string // YYYY-MM-DD
	Overdue            bool
	Communes           []monthCommune
}

type monthCommune struct {
	Code, Name string
	Lists      []docView
	NewURL     string
}

func (s *server) listsPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	q := r.URL.Query()
	d := listsData{Period: q.Get("period"), Status: q.Get("status"), MayCreate: u.May("list.create")}
	lang := langOf(r)
	api := url.Values{"limit": {"100"}}
	for _, k := range []string{"period", "status", "after"} {
		if v := q.Get(k); v != "" {
			api.Set(k, v)
		}
	}
	a := s.call(r, u, http.MethodGet, "/v1/lists?"+api.Encode(), nil, "")
	var pr *problem
	status := http.StatusOK
	switch {
	case a.Status == http.StatusBadRequest:
		p := a.problem()
		pr, status = &p, http.StatusBadRequest
	case !a.OK():
		s.failAPI(w, r, u, a)
		return
	}
	var out struct {
		Lists     []docJSON `json:"lists"`
		NextAfter int64     `json:"next_after"`
	}
	_ = a.decode(&out)
	names := s.communeNames(r, u)
	groups := map[string]*listGroup{}
	for _, l := range out.Lists {
		g := groups[l.Period]
		if g == nil {
			g = &listGroup{Period: l.Period, PeriodText: periodText(l.Period)}
			groups[l.Period] = g
		}
		g.Lists = append(g.Lists, newDocView(lang, l, names))
	}
	for _, g := range groups {
		d.Groups = append(d.Groups, *g)
	}
	sort.Slice(d.Groups, func(i, j int) bool { return d.Groups[i].Period > d.Groups[j].Period })
	for _, l := range out.Lists {
		if waitsFor(listKind.wf, u, l.Status) {
			d.Waiting = append(d.Waiting, newDocView(lang, l, names))
		}
	}
	d.Empty = len(out.Lists) == 0
	keep := url.Values{}
	for _, k := range []string{"period", "status"} {
		if v := q.Get(k); v != "" {
			keep.Set(k, v)
		}
	}
	if out.NextAfter > 0 {
		next := url.Values{}
		for k, v := range keep {
			next[k] = v
		}
		next.Set("after", strconv.FormatInt(out.NextAfter, 10))
		d.Next = "/lists?" + next.Encode()
	}
	if q.Get("after") != "" {
		d.First = "/lists"
		if len(keep) > 0 {
			d.First += "?" + keep.Encode()
		}
	}
	d.Statuses = []option{{Value: "", Label: "lists.any"}}
	for _, st := range workflow.Statuses(workflow.List) {
		d.Statuses = append(d.Statuses, option{Value: string(st), Label: textOf(lang, st.Text()), Text: true, Selected: string(st) == d.Status})
	}
	if pr != nil {
		d.PeriodProblem = strings.Join(append(pr.At(lang, "period"), pr.At(lang, "status")...), "; ")
		if d.PeriodProblem == "" {
			d.PeriodProblem = pr.Text(lang)
		}
	}
	if d.MayCreate {
		d.Month = s.thisMonth(r, u, lang, names)
	}
	p := newPage(r, u, "lists.title", d)
	if n := r.URL.Query().Get("done"); n != "" && doneKeys[n] {
		p.Notice = "lists.done." + n
	}
	s.render(w, r, status, "lists", p)
}

// thisMonth is the list of the month (server time, in Vietnam) of each
// of the police's communes, due on the 5th.
func (s *server) thisMonth(r *http.Request, u *viewer, lang string, names map[string]string) *monthView {
	now := s.now().In(vietnam)
	period := now.Format("2006-01")
	m := &monthView{Period: period, PeriodText: periodText(period), Due: now.Format("2006-01") + "-05"}
	a := s.call(r, u, http.MethodGet, "/v1/lists?limit=1000&period="+period, nil, "")
	var out struct {
		Lists []docJSON `json:"lists"`
	}
	if a.OK() {
		_ = a.decode(&out)
	}
	late := now.Day() > 5
	for _, c := range u.Communes {
		mc := monthCommune{Code: c, Name: names[c], NewURL: "/lists/new?" + url.Values{"commune_code": {c}, "period": {period}}.Encode()}
		sent := false
		for _, l := range out.Lists {
			if l.CommuneCode == c {
				mc.Lists = append(mc.Lists, newDocView(lang, l, names))
				sent = sent || l.Status != string(workflow.Draft) && l.Status != string(workflow.Returned)
			}
		}
		if late && !sent {
			m.Overdue = true
		}
		m.Communes = append(m.Communes, mc)
	}
	return m
}

// communes is the catalogue's communes of the viewer's scope (every
// commune for a viewer not scoped to communes), in code order.
func (s *server) communes(r *http.Request, u *viewer) []communeJSON {
	a := s.call(r, u, http.MethodGet, "/v1/communes", nil, "")
	var out struct {
		Communes []communeJSON `json:"communes"`
	}
	if !a.OK() || a.decode(&out) != nil {
		return nil
	}
	if len(u.Communes) == 0 {
		return out.Communes
	}
	var mine []communeJSON
	for _, c := range out.Communes {
		if slices.Contains(u.Communes, c.Code) {
			mine = append(mine, c)
		}
	}
	return mine
}

// communeNames are the names of the catalogue's communes, by code.
func (s *server) communeNames(r *http.Request, u *viewer) map[string]string {
	names := map[string]string{}
	for _, c := range s.communes(r, u) {
		names[c.Code] = c.Name
	}
	return names
}

// doneKeys are the notices a page shows after a redirect (?done=).
var doneKeys = map[string]bool{"create": true, "save": true, "import": true, "submit": true, "certify": true,
	"confirm": true, "return": true, "receive": true}

// ---- one list ----

// listData is GET /lists/{id}.
type listData struct {
	Doc        docView
	Head       map[string]string
	Rows       []rowShow
	Total      string
	History    []stepView
	Actions    []string // the transitions the role makes from this status
	MayEdit    bool
	Note       string
	NoteErrors string
	LastReturn string // when returned: the note of the return
	Problems   []problemLine
	Kind       string // "lists" or "plans"
	Plan       *planShow
}

// rowShow is a row of a list as its page shows it: its values, and the
// message keys of its choices.
type rowShow struct {
	N                   int
	V                   map[string]string
	Sex, Basis, Purpose string
}

func showRows(rows []map[string]string) ([]rowShow, string) {
	var out []rowShow
	var total int64
	ok := len(rows) > 0
	for i, r := range rows {
		out = append(out, rowShow{N: i + 1, V: r, Sex: choiceKey("sex", r["sex"]), Basis: choiceKey("release_basis", r["release_basis"]),
			Purpose: choiceKey("purpose", r["purpose"])})
		n, err := strconv.ParseInt(r["amount"], 10, 64)
		if err != nil || n < 0 || n > 1<<50 {
			ok = false
		}
		total += n
	}
	if !ok {
		return out, ""
	}
	return out, strconv.FormatInt(total, 10)
}

// choiceKey is the message key of a choice of a row ("" when none; the
// value itself when it is no choice).
func choiceKey(field, v string) string {
	if v == "" {
		return ""
	}
	if slices.Contains(rowChoices[field], v) {
		return "lists.c." + v
	}
	return v
}

// load asks the API for a document and its history.
func (s *server) loadDoc(r *http.Request, u *viewer, k *docKind, id string) (docJSON, []stepJSON, *answer) {
	var d docJSON
	a := s.call(r, u, http.MethodGet, k.api+"/"+url.PathEscape(id), nil, "")
	if !a.OK() {
		return d, nil, a
	}
	if err := a.decode(&d); err != nil {
		return d, nil, &answer{Status: http.StatusInternalServerError}
	}
	h := s.call(r, u, http.MethodGet, k.api+"/"+url.PathEscape(id)+"/history", nil, "")
	if !h.OK() {
		return d, nil, h
	}
	var out struct {
		History []stepJSON `json:"history"`
	}
	_ = h.decode(&out)
	return d, out.History, nil
}

// docPage renders a list's or a plan's page, with pr (a refused
// transition) when not nil.
func (s *server) docPage(w http.ResponseWriter, r *http.Request, u *viewer, k *docKind, status int, pr *problem, note string) {
	d, steps, fail := s.loadDoc(r, u, k, r.PathValue("id"))
	if fail != nil {
		s.failAPI(w, r, u, fail)
		return
	}
	lang := langOf(r)
	data := listData{Doc: newDocView(lang, d, s.communeNames(r, u)), Note: note, Kind: k.page[1:]}
	for _, st := range steps {
		data.History = append(data.History, stepView{At: st.At, Transition: stepText(lang, st),
			Status: textOf(lang, workflow.Status(st.Status).Text()), Role: st.Role, Note: st.Note, Return: st.Transition == string(workflow.Return)})
		if st.Transition == string(workflow.Return) && d.Status == string(workflow.Returned) {
			data.LastReturn = st.Note
		}
	}
	for _, rule := range workflow.Transitions(k.wf) {
		if string(rule.Role) == u.RoleName() && string(rule.From) == d.Status && !slices.Contains(data.Actions, string(rule.Transition)) {
			data.Actions = append(data.Actions, string(rule.Transition))
		}
	}
	data.MayEdit = k == &listKind && u.May("list.edit") && workflow.Editable(k.wf, workflow.Status(d.Status))
	if k == &listKind {
		f := readListForm(d.List)
		data.Head = f.Head
		data.Rows, data.Total = showRows(f.Rows)
	} else {
		data.Plan = readPlan(d.Plan)
	}
	p := newPage(r, u, k.title, data)
	if pr != nil {
		p.Problem = pr
		data.NoteErrors = strings.Join(pr.At(lang, "/note"), "; ")
		data.Problems = problemLines(lang, pr)
		p.Data = data
	}
	if n := r.URL.Query().Get("done"); n != "" && doneKeys[n] {
		p.Notice = "lists.done." + n
	}
	s.render(w, r, status, k.tmpl, p)
}

func (s *server) listPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.docPage(w, r, u, &listKind, http.StatusOK, nil, "")
}

// stepText is what a step of a history did: a transition, the creation
// or an edit (with the version it made).
func stepText(lang string, st stepJSON) string {
	if t := textOf(lang, workflow.Transition(st.Transition).Text()); t != "" {
		return t
	}
	switch st.Transition {
	case "create":
		return tr(lang, "lists.step.create")
	case "edit":
		return fmt.Sprintf("%s (%s %d)", tr(lang, "lists.step.edit"), tr(lang, "lists.version"), st.Version)
	}
	return st.Transition
}

// docTransition is POST /lists/{id}/{t} (or a plan's): the transition
// asked of the API, then back to the page; a refusal shown on it (a
// list's submit refused for its content: in the editor, at its fields).
func docTransition(k *docKind, t workflow.Transition) func(*server, http.ResponseWriter, *http.Request, *viewer) {
	return func(s *server, w http.ResponseWriter, r *http.Request, u *viewer) {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		note := strings.TrimSpace(r.PostFormValue("note"))
		var body any
		if note != "" {
			body = map[string]string{"note": note}
		}
		id := r.PathValue("id")
		a := s.callJSON(r, u, http.MethodPost, k.api+"/"+url.PathEscape(id)+"/"+string(t), body)
		switch {
		case a.OK():
			http.Redirect(w, r, k.page+"/"+url.PathEscape(id)+"?done="+string(t), http.StatusSeeOther)
		case a.Status == http.StatusConflict || a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest:
			pr := a.problem()
			if k == &listKind && t == workflow.Submit && a.Status == http.StatusUnprocessableEntity {
				s.editorAfterSubmit(w, r, u, id, &pr)
				return
			}
			s.docPage(w, r, u, k, a.Status, &pr, note)
		default:
			s.failAPI(w, r, u, a)
		}
	}
}

// ---- the editor ----

// editData is the list editor (a new draft or a draft's edit).
type editData struct {
	New         bool
	ID          int64
	Version     int
	Action      string
	Head        map[string]string
	HeadErr     map[string]string // the problems at the header fields
	PeriodText  string
	CommuneName string
	Communes    []option
	Rows        []rowEdit
	Problems    []problemLine
	Stale       bool
	Key         string // the Idempotency-Key of a new draft's form
}

// rowEdit is a row of inputs.
type rowEdit struct {
	N     int // from 0
	Shown int // from 1
	Blank bool
	Cells []cellEdit
}

// cellEdit is one input of a row.
type cellEdit struct {
	Field, Name, ID, Label, Type, Value, Problem string
	Options                                      []option
}

// editView builds the editor of f, with the problems of pr at their
// fields.
func editView(lang string, f listForm, pr *problem) editData {
	d := editData{Head: f.Head, HeadErr: map[string]string{}, PeriodText: periodText(f.Head["period"]), CommuneName: f.Head["commune_name"]}
	for _, k := range listHead {
		if e := pr.At(lang, "/"+k); len(e) > 0 {
			d.HeadErr[k] = strings.Join(e, "; ")
		}
	}
	rows := append(slices.Clone(f.Rows), make([]map[string]string, blankRows)...)
	for i, r := range rows {
		re := rowEdit{N: i, Shown: i + 1, Blank: r == nil}
		for _, k := range rowFields {
			c := cellEdit{Field: k, Name: fmt.Sprintf("rows.%d.%s", i, k), ID: fmt.Sprintf("rows-%d-%s", i, k), Label: "lists.f." + k,
				Type: "text", Value: r[k], Problem: strings.Join(pr.At(lang, fmt.Sprintf("/rows/%d/%s", i, k)), "; ")}
			switch {
			case rowDates[k]:
				c.Type = d.DateType(r[k])
			case rowChoices[k] != nil:
				c.Type = "select"
				c.Options = []option{{Value: "", Label: "lists.choose", Selected: r[k] == ""}}
				known := false
				for _, v := range rowChoices[k] {
					c.Options = append(c.Options, option{Value: v, Label: "lists.c." + v, Selected: r[k] == v})
					known = known || r[k] == v
				}
				if !known && r[k] != "" {
					c.Options = append(c.Options, option{Value: r[k], Label: r[k], Text: true, Selected: true})
				}
			}
			re.Cells = append(re.Cells, c)
		}
		d.Rows = append(d.Rows, re)
	}
	d.Problems = problemLines(lang, pr)
	return d
}

// DateType is the type of the input of a date: "date" for a day or
// nothing, "text" for anything else (which a date input would drop).
func (editData) DateType(v string) string {
	if _, err := credit.ParseDate(v); v == "" || err == nil {
		return "date"
	}
	return "text"
}

// problemLines is the summary of a problem's items: where each is (a
// link to its field), and what.
func problemLines(lang string, pr *problem) []problemLine {
	if pr == nil {
		return nil
	}
	var out []problemLine
	for _, e := range pr.Errors {
		l := problemLine{Text: e.Text(lang)}
		if e.Cell == "" && strings.HasPrefix(e.Pointer, "/") {
			parts := strings.Split(e.Pointer[1:], "/")
			switch {
			case len(parts) == 3 && parts[0] == "rows":
				if n, err := strconv.Atoi(parts[1]); err == nil {
					l.Href = "#rows-" + parts[1] + "-" + parts[2]
					l.Text = fmt.Sprintf("%s %d, %s: %s", tr(lang, "lists.row"), n+1, tr(lang, "lists.f."+parts[2]),
						pick(lang, e.Detail, e.DetailEN))
				}
			case len(parts) == 1 && slices.Contains(listHead, parts[0]):
				l.Href = "#" + parts[0]
				l.Text = tr(lang, "lists.f."+parts[0]) + ": " + pick(lang, e.Detail, e.DetailEN)
			}
		}
		out = append(out, l)
	}
	return out
}

// communeOptions are the viewer's communes for a select.
func (s *server) communeOptions(r *http.Request, u *viewer, selected string) []option {
	var out []option
	for _, c := range s.communes(r, u) {
		out = append(out, option{Value: c.Code, Label: c.Code + " · " + c.Name, Text: true, Selected: c.Code == selected})
	}
	return out
}

func (s *server) renderEditor(w http.ResponseWriter, r *http.Request, u *viewer, status int, d editData, pr *problem, msg string) {
	title := "lists.edit"
	if d.New {
		title = "lists.new"
		d.Action = "/lists"
		d.Key = newRequestID() + newRequestID()
		d.Communes = s.communeOptions(r, u, d.Head["commune_code"])
	} else {
		d.Action = fmt.Sprintf("/lists/%d/edit", d.ID)
	}
	p := newPage(r, u, title, d)
	p.Problem = pr
	p.Error = msg
	s.render(w, r, status, "list_edit", p)
}

func (s *server) newListPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	if !u.May("list.create") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	q := r.URL.Query()
	period := q.Get("period")
	if period == "" {
		period = s.now().In(vietnam).Format("2006-01")
	}
	f := listForm{Head: map[string]string{"commune_code": q.Get("commune_code"), "period": period,
		"prepared_on": s.now().In(vietnam).Format("2006-01-02")}}
	d := editView(langOf(r), f, nil)
	d.New = true
	s.renderEditor(w, r, u, http.StatusOK, d, nil, "")
}

// createList is POST /lists: a new draft, then (do-submit) its submit.
func (s *server) createList(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, u, http.StatusRequestEntityTooLarge, "lists.toolarge")
		return
	}
	f := postedListForm(r)
	f.Head["province"] = ""
	f.Head["commune_name"] = ""
	for _, c := range s.communes(r, u) {
		if c.Code == f.Head["commune_code"] {
			f.Head["commune_name"] = c.Name
		}
	}
	lang := langOf(r)
	body, err := json.Marshal(f.body())
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	a := s.callHeader(r, u, http.MethodPost, "/v1/lists", body, "application/json", idemHeader(r.PostFormValue("key")))
	if a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest {
		pr := a.problem()
		d := editView(lang, f, &pr)
		d.New = true
		s.renderEditor(w, r, u, a.Status, d, &pr, "")
		return
	}
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	var doc docJSON
	_ = a.decode(&doc)
	if r.PostFormValue("then") == "submit" {
		s.submitAfterSave(w, r, u, doc, f)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/lists/%d?done=create", doc.ID), http.StatusSeeOther)
}

// submitAfterSave submits a list just saved: its problems in the editor.
func (s *server) submitAfterSave(w http.ResponseWriter, r *http.Request, u *viewer, doc docJSON, f listForm) {
	id := strconv.FormatInt(doc.ID, 10)
	a := s.callJSON(r, u, http.MethodPost, "/v1/lists/"+id+"/submit", nil)
	switch {
	case a.OK():
		http.Redirect(w, r, "/lists/"+id+"?done=submit", http.StatusSeeOther)
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusConflict:
		pr := a.problem()
		d := editView(langOf(r), f, &pr)
		d.ID, d.Version = doc.ID, doc.Version
		s.renderEditor(w, r, u, a.Status, d, &pr, "lists.saved_not_submitted")
	default:
		s.failAPI(w, r, u, a)
	}
}

// editorAfterSubmit shows the stored list in the editor with the
// problems its submit found.
func (s *server) editorAfterSubmit(w http.ResponseWriter, r *http.Request, u *viewer, id string, pr *problem) {
	a := s.call(r, u, http.MethodGet, "/v1/lists/"+url.PathEscape(id), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	var doc docJSON
	_ = a.decode(&doc)
	d := editView(langOf(r), readListForm(doc.List), pr)
	d.ID, d.Version = doc.ID, doc.Version
	s.renderEditor(w, r, u, http.StatusUnprocessableEntity, d, pr, "lists.submit_refused")
}

func (s *server) editListPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	if !u.May("list.edit") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	a := s.call(r, u, http.MethodGet, "/v1/lists/"+url.PathEscape(r.PathValue("id")), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	var doc docJSON
	_ = a.decode(&doc)
	d := editView(langOf(r), readListForm(doc.List), nil)
	d.ID, d.Version = doc.ID, doc.Version
	msg := ""
	if !workflow.Editable(workflow.List, workflow.Status(doc.Status)) {
		msg = "lists.not_editable"
	}
	s.renderEditor(w, r, u, http.StatusOK, d, nil, msg)
}

// saveList is POST /lists/{id}/edit: PUT with the version edited, then
// (do-submit) the submit.
func (s *server) saveList(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<20)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, u, http.StatusRequestEntityTooLarge, "lists.toolarge")
		return
	}
	id := r.PathValue("id")
	f := postedListForm(r)
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	lang := langOf(r)
	body, err := json.Marshal(f.body())
	if err != nil {
		s.fail(w, r, u, http.StatusInternalServerError, "error.server")
		return
	}
	a := s.callHeader(r, u, http.MethodPut, "/v1/lists/"+url.PathEscape(id), body, "application/json",
		http.Header{"If-Match": {`"v` + strconv.Itoa(version) + `"`}})
	num, _ := strconv.ParseInt(id, 10, 64)
	switch {
	case a.Status == http.StatusPreconditionFailed:
		d := editView(lang, f, nil)
		d.ID, d.Version, d.Stale = num, version, true
		s.renderEditor(w, r, u, http.StatusPreconditionFailed, d, nil, "lists.stale")
		return
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusBadRequest || a.Status == http.StatusConflict:
		pr := a.problem()
		d := editView(lang, f, &pr)
		d.ID, d.Version = num, version
		s.renderEditor(w, r, u, a.Status, d, &pr, "")
		return
	case !a.OK():
		s.failAPI(w, r, u, a)
		return
	}
	var doc docJSON
	_ = a.decode(&doc)
	if r.PostFormValue("then") == "submit" {
		s.submitAfterSave(w, r, u, doc, f)
		return
	}
	http.Redirect(w, r, "/lists/"+url.PathEscape(id)+"?done=save", http.StatusSeeOther)
}

// idemHeader is the Idempotency-Key of a form that creates (a hidden
// input "key", new on each rendering), so that a form sent twice makes
// one record.
func idemHeader(key string) http.Header {
	if key == "" || len(key) > 64 || strings.Trim(key, "0123456789abcdef") != "" {
		return nil
	}
	return http.Header{"Idempotency-Key": {key}}
}

// ---- import ----

// importData is the import form.
type importData struct {
	Head     map[string]string
	Communes []option
	Problems []problemLine
	Key      string
}

const maxImport = 20 << 20

func (s *server) importListPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	if !u.May("list.create") {
		s.fail(w, r, u, http.StatusForbidden, "error.forbidden")
		return
	}
	now := s.now().In(vietnam)
	head := map[string]string{"period": now.Format("2006-01"), "prepared_on": now.Format("2006-01-02")}
	s.renderImport(w, r, u, http.StatusOK, head, nil)
}

func (s *server) renderImport(w http.ResponseWriter, r *http.Request, u *viewer, status int, head map[string]string, pr *problem) {
	d := importData{Head: head, Communes: s.communeOptions(r, u, head["commune_code"]), Problems: problemLines(langOf(r), pr),
		Key: newRequestID() + newRequestID()}
	p := newPage(r, u, "lists.import", d)
	p.Problem = pr
	s.render(w, r, status, "list_import", p)
}

// importList is POST /lists/import: the file sent on to the API as it is
// (a workbook or CSV), with the header fields a CSV file lacks.
func (s *server) importList(w http.ResponseWriter, r *http.Request, u *viewer) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImport+1<<20)
	head := map[string]string{}
	mr, err := r.MultipartReader()
	if err != nil {
		s.fail(w, r, u, http.StatusBadRequest, "lists.nofile")
		return
	}
	var file []byte
	var name string
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			s.fail(w, r, u, http.StatusRequestEntityTooLarge, "lists.toolarge")
			return
		}
		if part.FormName() == "file" {
			name = part.FileName()
			if file, err = io.ReadAll(io.LimitReader(part, maxImport+1)); err != nil {
				s.fail(w, r, u, http.StatusRequestEntityTooLarge, "lists.toolarge")
				return
			}
		} else if slices.Contains(listHead, part.FormName()) || part.FormName() == "key" {
			v, _ := io.ReadAll(io.LimitReader(part, 1000))
			head[part.FormName()] = strings.TrimSpace(string(v))
		}
		_ = part.Close()
	}
	if len(file) > maxImport {
		s.fail(w, r, u, http.StatusRequestEntityTooLarge, "lists.toolarge")
		return
	}
	if len(file) == 0 {
		p := problem{Status: http.StatusUnprocessableEntity, Detail: tr(langVI, "lists.nofile"), DetailEN: tr(langEN, "lists.nofile")}
		s.renderImport(w, r, u, http.StatusUnprocessableEntity, head, &p)
		return
	}
	ctype := "text/csv"
	if bytes.HasPrefix(file, []byte("PK\x03\x04")) || strings.HasSuffix(strings.ToLower(name), ".xlsx") {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	q := url.Values{}
	for _, c := range s.communes(r, u) {
		if c.Code == head["commune_code"] {
			q.Set("commune_name", c.Name)
		}
	}
	for _, k := range []string{"commune_code", "period", "prepared_on", "prepared_by", "certified_by"} {
		if v := head[k]; v != "" {
			q.Set(k, v)
		}
	}
	a := s.callHeader(r, u, http.MethodPost, "/v1/lists/import?"+q.Encode(), file, ctype, idemHeader(head["key"]))
	delete(head, "key")
	switch {
	case a.OK():
		var doc docJSON
		_ = a.decode(&doc)
		http.Redirect(w, r, fmt.Sprintf("/lists/%d?done=import", doc.ID), http.StatusSeeOther)
	case a.Status == http.StatusUnprocessableEntity || a.Status == http.StatusRequestEntityTooLarge ||
		a.Status == http.StatusBadRequest || a.Status == http.StatusUnsupportedMediaType:
		pr := a.problem()
		s.renderImport(w, r, u, a.Status, head, &pr)
	default:
		s.failAPI(w, r, u, a)
	}
}

// ---- plans ----

// plansData is GET /plans.
type plansData struct {
	Status   string
	Statuses []option
	Plans    []docView
	Next     string
	First    string
}

func (s *server) plansPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	q := r.URL.Query()
	lang := langOf(r)
	api := url.Values{"limit": {"100"}}
	for _, k := range []string{"status", "after"} {
		if v := q.Get(k); v != "" {
			api.Set(k, v)
		}
	}
	a := s.call(r, u, http.MethodGet, "/v1/plans?"+api.Encode(), nil, "")
	if !a.OK() {
		s.failAPI(w, r, u, a)
		return
	}
	var out struct {
		Plans     []docJSON `json:"plans"`
		NextAfter int64     `json:"next_after"`
	}
	_ = a.decode(&out)
	names := s.communeNames(r, u)
	d := plansData{Status: q.Get("status")}
	for i := len(out.Plans) - 1; i >= 0; i-- {
		d.Plans = append(d.Plans, newDocView(lang, out.Plans[i], names))
	}
	d.Statuses = []option{{Value: "", Label: "lists.any"}}
	for _, st := range workflow.Statuses(workflow.Plan) {
		d.Statuses = append(d.Statuses, option{Value: string(st), Label: textOf(lang, st.Text()), Text: true, Selected: string(st) == d.Status})
	}
	keep := url.Values{}
	if d.Status != "" {
		keep.Set("status", d.Status)
	}
	if out.NextAfter > 0 {
		next := url.Values{"after": {strconv.FormatInt(out.NextAfter, 10)}}
		if d.Status != "" {
			next.Set("status", d.Status)
		}
		d.Next = "/plans?" + next.Encode()
	}
	if q.Get("after") != "" {
		d.First = "/plans"
		if len(keep) > 0 {
			d.First += "?" + keep.Encode()
		}
	}
	s.render(w, r, http.StatusOK, "plans", newPage(r, u, "plans.title", d))
}

func (s *server) planPage(w http.ResponseWriter, r *http.Request, u *viewer) {
	s.docPage(w, r, u, &planKind, http.StatusOK, nil, "")
}

// planShow is a Mẫu 02 as its page shows it.
type planShow struct {
	V       map[string]string
	Kind    string // message key
	Purpose string
	Workers []workerShow
}

type workerShow struct {
	N      int
	V      map[string]string
	Sex    string
	Basis  string
	OnList string
}

func readPlan(raw []byte) *planShow {
	f := readListForm(raw) // the same reading: header values, and no rows
	p := &planShow{V: f.Head}
	if k := f.Head["kind"]; k != "" {
		p.Kind = "plans.k." + k
	}
	p.Purpose = choiceKey("purpose", f.Head["purpose"])
	var m struct {
		Workers []map[string]any `json:"workers"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	_ = dec.Decode(&m)
	for i, wk := range m.Workers {
		v := map[string]string{}
		for k, x := range wk {
			v[k] = jsonText(x)
		}
		ws := workerShow{N: i + 1, V: v, Sex: choiceKey("sex", v["sex"]), Basis: choiceKey("release_basis", v["release_basis"])}
		switch v["on_commune_list"] {
		case "true":
			ws.OnList = "plans.yes"
		case "false":
			ws.OnList = "plans.no"
		}
		p.Workers = append(p.Workers, ws)
	}
	return p
}

// listMessages are the texts of the lists' and plans' pages.
var listMessages = map[string][2]string{
	"lists.title":                  {"Danh sách người có nhu cầu vay vốn (Mẫu số 01)", "Lists of people who need a loan (Form 01)"},
	"lists.one":                    {"Danh sách Mẫu số 01", "Form 01 list"},
	"lists.new":                    {"Lập danh sách mới", "Draw up a new list"},
	"lists.edit":                   {"Sửa danh sách", "Edit the list"},
	"lists.import":                 {"Nhập danh sách từ bảng tính", "Import a list from a spreadsheet"},
	"lists.import_link":            {"Nhập từ bảng tính (.xlsx, .csv)", "Import a spreadsheet (.xlsx, .csv)"},
	"lists.month":                  {"Danh sách tháng này", "This month's list"},
	"lists.due":                    {"Hạn gửi", "Due on"},
	"lists.overdue":                {"Đã quá hạn gửi.", "The deadline has passed."},
	"lists.none_yet":               {"Chưa có danh sách.", "No list yet."},
	"lists.create_for":             {"Lập danh sách tháng", "Draw up the list of"},
	"lists.filter":                 {"Lọc", "Filter"},
	"lists.period":                 {"Tháng (YYYY-MM)", "Month (YYYY-MM)"},
	"lists.status":                 {"Trạng thái", "Status"},
	"lists.any":                    {"Tất cả", "Any"},
	"lists.waiting":                {"Đang chờ bạn xử lý", "Waiting for you"},
	"lists.empty":                  {"Không có danh sách nào.", "There are no lists."},
	"lists.next":                   {"Trang sau", "Next page"},
	"lists.first":                  {"Trang đầu", "First page"},
	"lists.id":                     {"Số hồ sơ", "Record"},
	"lists.commune":                {"Xã", "Commune"},
	"lists.version":                {"Phiên bản", "Version"},
	"lists.updated":                {"Cập nhật", "Updated"},
	"lists.open":                   {"Xem danh sách số", "Open list no."},
	"lists.month_of":               {"Tháng", "Month"},
	"lists.header":                 {"Thông tin chung", "Header"},
	"lists.rows":                   {"Danh sách người vay", "People"},
	"lists.row":                    {"Dòng", "Row"},
	"lists.person":                 {"Người thứ", "Person"},
	"lists.no_rows":                {"Danh sách chưa có người nào.", "The list has no one yet."},
	"lists.total":                  {"Tổng số tiền", "Total"},
	"lists.history":                {"Lịch sử", "History"},
	"lists.h.at":                   {"Thời gian", "When"},
	"lists.h.step":                 {"Bước", "Step"},
	"lists.h.status":               {"Trạng thái sau", "Status after"},
	"lists.h.role":                 {"Vai trò", "Role"},
	"lists.step.create":            {"lập bản nháp", "drafted"},
	"lists.step.edit":              {"sửa", "edited"},
	"lists.h.note":                 {"Ghi chú", "Note"},
	"lists.returned_why":           {"Bị trả lại, lý do:", "Returned, because:"},
	"lists.actions":                {"Việc có thể làm", "What you can do"},
	"lists.do.submit":              {"Gửi danh sách", "Submit the list"},
	"lists.do.certify":             {"Xác nhận danh sách", "Certify the list"},
	"lists.do.confirm":             {"Xác nhận phương án", "Confirm the plan"},
	"lists.do.receive":             {"Tiếp nhận", "Receive"},
	"lists.do.return":              {"Trả lại", "Return"},
	"lists.do.edit":                {"Sửa danh sách", "Edit the list"},
	"lists.note":                   {"Lý do trả lại (bắt buộc)", "Why it is returned (required)"},
	"lists.confirm_return":         {"Trả lại danh sách này?", "Return this?"},
	"lists.save":                   {"Lưu bản nháp", "Save the draft"},
	"lists.save_submit":            {"Lưu và gửi", "Save and submit"},
	"lists.create":                 {"Tạo bản nháp", "Create the draft"},
	"lists.create_submit":          {"Tạo và gửi", "Create and submit"},
	"lists.remove":                 {"Bỏ người này khỏi danh sách", "Remove this person from the list"},
	"lists.new_row":                {"Thêm người (để trống nếu không dùng)", "Add a person (leave blank if unused)"},
	"lists.choose":                 {"— Chọn —", "— Choose —"},
	"lists.stale":                  {"Người khác đã sửa danh sách này sau khi bạn mở nó; thay đổi của bạn chưa được lưu. Hãy tải lại danh sách rồi sửa lại.", "Someone else changed this list after you opened it; your changes are not saved. Reload the list and make them again."},
	"lists.reload":                 {"Tải lại danh sách", "Reload the list"},
	"lists.not_editable":           {"Danh sách ở trạng thái này không sửa được.", "A list in this status cannot be edited."},
	"lists.submit_refused":         {"Danh sách chưa gửi được: hãy sửa các lỗi dưới đây.", "The list could not be submitted: correct the mistakes below."},
	"lists.saved_not_submitted":    {"Đã lưu, nhưng chưa gửi được: hãy sửa các lỗi dưới đây.", "Saved, but not submitted: correct the mistakes below."},
	"lists.toolarge":               {"Dữ liệu gửi lên quá lớn.", "What was sent is too large."},
	"lists.nofile":                 {"Hãy chọn tệp bảng tính (.xlsx hoặc .csv).", "Choose a spreadsheet file (.xlsx or .csv)."},
	"lists.file":                   {"Tệp bảng tính (.xlsx hoặc .csv)", "Spreadsheet file (.xlsx or .csv)"},
	"lists.import_csv":             {"Tệp CSV chỉ có bảng; hãy điền thông tin chung dưới đây (tệp .xlsx đã có, các ô này được bỏ qua).", "A CSV file holds only the table: fill in the header below (an .xlsx workbook carries its own; these are ignored for it)."},
	"lists.do_import":              {"Nhập và tạo bản nháp", "Import as a draft"},
	"lists.import_mistakes":        {"Tệp có lỗi, chưa tạo danh sách:", "The file has mistakes; no list was made:"},
	"lists.done.create":            {"Đã tạo bản nháp.", "The draft is created."},
	"lists.done.save":              {"Đã lưu.", "Saved."},
	"lists.done.import":            {"Đã nhập tệp thành bản nháp. Hãy kiểm tra rồi gửi: khi gửi, danh sách được kiểm tra toàn bộ.", "The file is imported as a draft. Check it, then submit: the whole list is checked then."},
	"lists.done.submit":            {"Đã gửi danh sách.", "Submitted."},
	"lists.done.certify":           {"Đã xác nhận.", "Certified."},
	"lists.done.confirm":           {"Đã xác nhận phương án.", "Confirmed."},
	"lists.done.return":            {"Đã trả lại.", "Returned."},
	"lists.done.receive":           {"Đã tiếp nhận.", "Received."},
	"lists.f.province":             {"Tỉnh", "Province"},
	"lists.f.commune_code":         {"Xã, phường, đặc khu", "Commune"},
	"lists.f.commune_name":         {"Tên xã", "Commune name"},
	"lists.f.period":               {"Tháng", "Month"},
	"lists.f.prepared_on":          {"Ngày lập", "Drawn up on"},
	"lists.f.prepared_by":          {"Trưởng Công an xã", "Commune police chief"},
	"lists.f.certified_by":         {"Chủ tịch UBND xã", "Commune committee chair"},
	"lists.f.full_name":            {"Họ và tên", "Full name"},
	"lists.f.date_of_birth":        {"Ngày sinh", "Date of birth"},
	"lists.f.sex":                  {"Giới tính", "Sex"},
	"lists.f.id_number":            {"Số định danh cá nhân", "ID number"},
	"lists.f.residence":            {"Nơi cư trú", "Residence"},
	"lists.f.release_basis":        {"Loại giấy chứng nhận", "Release certificate"},
	"lists.f.certificate_no":       {"Số giấy chứng nhận", "Certificate no."},
	"lists.f.certificate_date":     {"Ngày cấp giấy chứng nhận", "Certificate date"},
	"lists.f.completed_on":         {"Ngày chấp hành xong án phạt tù", "Sentence completed on"},
	"lists.f.purpose":              {"Mục đích vay", "Loan purpose"},
	"lists.f.amount":               {"Số tiền cần vay (đồng)", "Amount needed (VND)"},
	"lists.f.course_months":        {"Số tháng học nghề", "Course months"},
	"lists.f.note":                 {"Ghi chú", "Note"},
	"lists.c.male":                 {"Nam", "Male"},
	"lists.c.female":               {"Nữ", "Female"},
	"lists.c.completion":           {"Chấp hành xong án phạt tù", "Completed the sentence"},
	"lists.c.special_amnesty":      {"Đặc xá", "Special amnesty"},
	"lists.c.conditional_release":  {"Tha tù trước thời hạn có điều kiện", "Conditional early release"},
	"lists.c.production":           {"Sản xuất, kinh doanh", "Production, business"},
	"lists.c.vocational_training":  {"Học nghề", "Vocational training"},
	"plans.title":                  {"Phương án vay vốn (Mẫu số 02)", "Borrowing plans (Form 02)"},
	"plans.one":                    {"Phương án vay vốn Mẫu số 02", "Form 02 borrowing plan"},
	"plans.empty":                  {"Không có phương án nào.", "There are no plans."},
	"plans.open":                   {"Xem phương án số", "Open plan no."},
	"plans.establishment":          {"Cơ sở", "Establishment"},
	"plans.workers":                {"Người lao động đã chấp hành xong án phạt tù", "Workers who have completed a prison sentence"},
	"plans.no_workers":             {"Chưa có người lao động nào.", "No worker yet."},
	"plans.do.submit":              {"Gửi phương án", "Submit the plan"},
	"plans.do.confirm":             {"Xác nhận phương án", "Confirm the plan"},
	"plans.do.receive":             {"Tiếp nhận", "Receive"},
	"plans.do.return":              {"Trả lại", "Return"},
	"plans.yes":                    {"Có", "Yes"},
	"plans.no":                     {"Không", "No"},
	"plans.f.prepared_on":          {"Ngày lập", "Drawn up on"},
	"plans.f.name":                 {"Tên cơ sở", "Establishment"},
	"plans.f.kind":                 {"Loại hình", "Legal form"},
	"plans.f.registration_no":      {"Số đăng ký kinh doanh", "Registration no."},
	"plans.f.address":              {"Địa chỉ", "Address"},
	"plans.f.legal_representative": {"Người đại diện theo pháp luật", "Legal representative"},
	"plans.f.total_workers":        {"Tổng số lao động", "Total workers"},
	"plans.f.purpose":              {"Mục đích vay", "Loan purpose"},
	"plans.f.capital_need":         {"Tổng nhu cầu vốn", "Capital needed"},
	"plans.f.own_capital":          {"Vốn tự có", "Own capital"},
	"plans.f.amount_requested":     {"Số tiền đề nghị vay", "Amount requested"},
	"plans.f.term_months":          {"Thời hạn vay (tháng)", "Term (months)"},
	"plans.f.repayment_plan":       {"Kế hoạch trả nợ", "Repayment plan"},
	"plans.f.collateral":           {"Tài sản bảo đảm", "Collateral"},
	"plans.f.confirmed_on":         {"Ngày UBND xã xác nhận", "Confirmed by the commune on"},
	"plans.f.confirmed_by":         {"Chủ tịch UBND xã", "Commune committee chair"},
	"plans.f.on_commune_list":      {"Có tên trong danh sách Mẫu số 01", "On the commune's Form 01 list"},
	"plans.f.contract_no":          {"Số hợp đồng lao động", "Labour contract no."},
	"plans.f.contract_date":        {"Ngày ký hợp đồng", "Contract date"},
	"plans.k.sme":                  {"Doanh nghiệp nhỏ và vừa", "Small or medium enterprise"},
	"plans.k.cooperative":          {"Hợp tác xã", "Cooperative"},
	"plans.k.cooperative_group":    {"Tổ hợp tác", "Cooperative group"},
	"plans.k.household_business":   {"Hộ kinh doanh", "Household business"},
	"plans.k.large_enterprise":     {"Doanh nghiệp lớn", "Large enterprise"},
}

// waitsFor reports whether a record of kind k in status waits for u's
// role: the workflow's table has a transition of that role from it (the
// API still decides each one).
func waitsFor(k workflow.Kind, u *viewer, status string) bool {
	for _, rule := range workflow.Transitions(k) {
		if rule.Role == u.Role && string(rule.From) == status {
			return true
		}
	}
	return false
}
