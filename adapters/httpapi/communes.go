package httpapi

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/places"
	"github.com/vnreentry/credit/reporting"
)

// The commune catalogue of the store: GET /v1/communes (any role) and PUT
// /v1/communes (admin), which replaces it with a JSON list or a CSV file.

// communeJSON is a commune as GET /v1/communes answers it.
type communeJSON struct {
	Code         string `json:"code"`
	Name         string `json:"name"`
	ProvinceCode string `json:"province_code"`
}

// communesResponse is the 200 body of GET /v1/communes.
type communesResponse struct {
	Communes []communeJSON `json:"communes"`
}

// communes handles GET /v1/communes: the catalogue, in code order.
func (s *server) communes(w http.ResponseWriter, r *http.Request) {
	cat, err := s.records.Communes(r.Context())
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	all := cat.Communes()
	resp := communesResponse{Communes: make([]communeJSON, len(all))}
	for i, c := range all {
		resp.Communes[i] = communeJSON{Code: c.Code, Name: c.Name, ProvinceCode: c.ProvinceCode}
	}
	writeJSON(w, http.StatusOK, resp)
}

// replaceCommunes handles PUT /v1/communes: a JSON list of communes (or
// the object GET answers, {"communes": [...]}), or a CSV file with the
// header code,name,province_code (a fourth column province_name, as in the
// repository's data/communes-2025.csv, is read and ignored). The list is
// checked whole (places.New: every problem at once, 422), then the store
// replaces the catalogue; a commune still referenced is a 409
// commune_in_use. 204 when done.
func (s *server) replaceCommunes(w http.ResponseWriter, r *http.Request) {
	var communes []places.Commune
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "text/csv" {
		communes, err = readCommunesCSV(r.Body)
	} else {
		communes, err = readCommunesJSON(r.Body)
	}
	if err == nil {
		err = s.records.ReplaceCommunes(r.Context(), actor(r), communes)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// MaxCommunes bounds the communes of one catalogue (PUT /v1/communes):
// the 2025 map has 3,321, the map before it about 10,600.
const MaxCommunes = 20_000

var msgTooManyCommunes = credit.Text{
	VI: "Danh mục có quá nhiều xã (tối đa " + strconv.Itoa(MaxCommunes) + ").",
	EN: "The catalogue has too many communes (at most " + strconv.Itoa(MaxCommunes) + ").",
}

// communeRequest is one commune of a PUT /v1/communes JSON body.
type communeRequest struct {
	Code         json.RawMessage `json:"code"`
	Name         json.RawMessage `json:"name"`
	ProvinceCode json.RawMessage `json:"province_code"`
}

// communesRequest is the object form of the body.
type communesRequest struct {
	Communes []communeRequest `json:"communes"`
}

// readCommunesJSON reads a JSON list of communes, or an object holding one
// under "communes"; problems point into the body ("/3/code", or
// "/communes/3/code").
func readCommunesJSON(body io.Reader) ([]places.Commune, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	var list []communeRequest
	base := ""
	if t := bytes.TrimLeft(bytes.TrimPrefix(b, utf8BOM), " \t\r\n"); len(t) > 0 && t[0] == '[' {
		err = decodeJSON(b, &list)
	} else {
		var req communesRequest
		err = decodeJSON(b, &req)
		list, base = req.Communes, "/communes"
	}
	var decoded credit.Problems
	if err != nil && (!errors.As(err, &decoded) || decoded.Has("")) {
		return nil, err
	}
	rd := newReader(decoded)
	if len(list) > MaxCommunes {
		return nil, credit.Problems{{Pointer: base, Code: credit.CodeOutOfRange, Message: msgTooManyCommunes}}
	}
	communes := make([]places.Commune, 0, len(list))
	at := make([]int, 0, len(list)) // communes[k] is list[at[k]]
	for i := range list {
		ptr := base + "/" + strconv.Itoa(i)
		if rd.unreadable(ptr) {
			continue
		}
		c := &list[i]
		code, _ := rd.str(c.Code, ptr+"/code")
		name, _ := rd.str(c.Name, ptr+"/name")
		province, _ := rd.str(c.ProvinceCode, ptr+"/province_code")
		communes = append(communes, places.Commune{Code: code, Name: name, ProvinceCode: province})
		at = append(at, i)
	}
	_, err = places.New(credit.Provinces(), communes)
	var ps credit.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			p.Pointer = base + communePointer(p.Pointer, at)
		}
	}
	return communes, merge(rd.problems, err)
}

// communePointer turns a pointer of places.New into the communes it was
// given ("/communes/K/field") into one relative to the list read, whose
// element at[K] that commune is ("/N/field"); "/communes" itself is the
// list ("").
func communePointer(ptr string, at []int) string {
	rest, ok := strings.CutPrefix(ptr, "/communes")
	if !ok || rest == "" {
		return ""
	}
	idx, field, _ := strings.Cut(rest[1:], "/")
	k, err := strconv.Atoi(idx)
	if err != nil || k < 0 || k >= len(at) {
		return ""
	}
	out := "/" + strconv.Itoa(at[k])
	if field != "" {
		out += "/" + field
	}
	return out
}

// The CSV layout of a catalogue: the header, and the optional fourth
// column of the repository's data/communes-2025.csv.
var (
	communesCSVHeader     = []string{"code", "name", "province_code"}
	communesCSVHeaderLong = []string{"code", "name", "province_code", "province_name"}
)

var msgCommunesCSVHeader = credit.Text{
	VI: "Dòng tiêu đề của tệp CSV phải là code,name,province_code (có thể thêm cột province_name).",
	EN: "The CSV header row must be code,name,province_code (a column province_name may follow).",
}

// readCommunesCSV reads a catalogue as CSV (UTF-8, an optional
// byte-order mark). Problems point into the list read ("/communes/3/code")
// and carry the row and column of the cell.
func readCommunesCSV(body io.Reader) ([]places.Commune, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, utf8BOM)))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil || !slices.Equal(head, communesCSVHeader) && !slices.Equal(head, communesCSVHeaderLong) {
		return nil, credit.Problems{{Pointer: "", Row: 1, Code: codeCSVHeader, Message: msgCommunesCSVHeader}}
	}
	var read credit.Problems
	var communes []places.Commune
	var rows []int
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		i := len(communes)
		if i >= MaxCommunes {
			return nil, credit.Problems{{Pointer: "/communes", Code: credit.CodeOutOfRange, Message: msgTooManyCommunes}}
		}
		line := 0
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			line = pe.StartLine
		case err == nil && len(rec) > 0:
			line, _ = cr.FieldPos(0)
		}
		if err == nil && len(rec) != len(head) {
			err = csv.ErrFieldCount
		}
		if err != nil {
			msg := lineProblem(line, len(head))
			read = append(read, &credit.FieldError{Pointer: "/communes/" + strconv.Itoa(i), Row: line, Code: reporting.CodeInvalidLine, Message: msg})
			if len(read) > maxItems {
				return nil, read
			}
			rec = make([]string, len(head)) // holds the line's place
		}
		communes = append(communes, places.Commune{Code: rec[0], Name: rec[1], ProvinceCode: rec[2]})
		rows = append(rows, line)
	}
	_, err = places.New(credit.Provinces(), communes)
	var ps credit.Problems
	if errors.As(err, &ps) {
		for _, p := range ps {
			if p.Pointer == "/communes" {
				continue
			}
			k, field := communeCell(p.Pointer)
			if k >= 0 && k < len(rows) {
				p.Row = rows[k]
				p.Column = field
			}
		}
	}
	return communes, merge(read, err)
}

// communeCell is the index and the column letter of a pointer of
// places.New ("/communes/3/name" → 3, "B").
func communeCell(ptr string) (int, string) {
	rest, _ := strings.CutPrefix(ptr, "/communes/")
	idx, field, _ := strings.Cut(rest, "/")
	k, err := strconv.Atoi(idx)
	if err != nil {
		return -1, ""
	}
	col := ""
	if j := slices.Index(communesCSVHeader, field); j >= 0 {
		col = string(rune('A' + j))
	}
	return k, col
}

// lineProblem says that a line of a catalogue CSV cannot be read.
func lineProblem(line, fields int) credit.Text {
	n := strconv.Itoa(line)
	f := strconv.Itoa(fields)
	return credit.Text{
		VI: "Dòng " + n + ": không đọc được; mỗi dòng phải có đúng " + f + " trường, phân cách bằng dấu phẩy, dấu ngoặc kép đúng quy tắc CSV.",
		EN: "Line " + n + ": cannot be read; each line must have exactly " + f + " comma-separated fields, quoted by the rules of CSV.",
	}
}
