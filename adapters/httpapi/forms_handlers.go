package httpapi

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/xlsx"
	"github.com/vnreentry/credit/forms"
)

// Media types of the exports.
const (
	mediaXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	mediaCSV  = "text/csv; charset=utf-8"
	mediaHTML = "text/html; charset=utf-8"
	mediaSVG  = "image/svg+xml"
)

// codeNotForm: an uploaded file that is not a table of the form.
const codeNotForm = "not_a_form"

var (
	msgFormat = credit.Text{
		VI: "Tham số format phải là xlsx, csv hoặc html.",
		EN: "The format parameter must be xlsx, csv or html.",
	}
	msgNotForm = credit.Text{
		VI: "Tệp không phải bảng tính hoặc CSV của biểu mẫu: không tìm thấy dòng tiêu đề cột của mẫu.",
		EN: "The file is not a spreadsheet or CSV of the form: no row with the form's column headings was found.",
	}
	msgNoFile = credit.Text{
		VI: "Yêu cầu multipart phải có phần \"file\" chứa tệp .xlsx hoặc .csv.",
		EN: "A multipart request must have a \"file\" part holding an .xlsx or .csv file.",
	}
)

// readList01 decodes a Mẫu 01 body and validates it; it answers and returns
// false on any problem.
func (s *server) readList01(w http.ResponseWriter, r *http.Request) (forms.List01, bool) {
	var req list01JSON
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return forms.List01{}, false
	}
	l := req.list(rd, "")
	if s.overflowing(w, r, rd) {
		return forms.List01{}, false
	}
	if err := merge(rd.problems, forms.Validate01(s.book, &l)); err != nil {
		s.writeError(w, r, err)
		return forms.List01{}, false
	}
	return l, true
}

// readPlan02 is readList01 for Mẫu 02.
func (s *server) readPlan02(w http.ResponseWriter, r *http.Request) (forms.Plan02, bool) {
	var req plan02JSON
	rd, ok := s.decodeRequest(w, r, &req)
	if !ok {
		return forms.Plan02{}, false
	}
	pl := req.plan(rd)
	if s.overflowing(w, r, rd) {
		return forms.Plan02{}, false
	}
	if err := merge(rd.problems, forms.Validate02(s.book, &pl)); err != nil {
		s.writeError(w, r, err)
		return forms.Plan02{}, false
	}
	return pl, true
}

// validate01 handles POST /v1/forms/01/validate.
func (s *server) validate01(w http.ResponseWriter, r *http.Request) {
	if l, ok := s.readList01(w, r); ok {
		writeJSON(w, http.StatusOK, map[string]any{"valid": true, "rows": len(l.Rows)})
	}
}

// validate02 handles POST /v1/forms/02/validate.
func (s *server) validate02(w http.ResponseWriter, r *http.Request) {
	if pl, ok := s.readPlan02(w, r); ok {
		writeJSON(w, http.StatusOK, map[string]any{"valid": true, "workers": len(pl.Workers)})
	}
}

// exportFormat reads ?format=xlsx|csv|html.
func exportFormat(r *http.Request) (string, error) {
	switch f := r.URL.Query().Get("format"); f {
	case "xlsx", "csv", "html":
		return f, nil
	}
	return "", &requestError{sentinel: errBadParameter, msg: msgFormat, param: "format",
		items: credit.Problems{{Code: credit.CodeInvalidEnum, Message: msgFormat}}}
}

// export01 handles POST /v1/forms/01/export?format=: the list must be
// valid; the file is built whole before anything is sent.
func (s *server) export01(w http.ResponseWriter, r *http.Request) {
	format, err := exportFormat(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	l, ok := s.readList01(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	switch format {
	case "xlsx":
		err = xlsx.Write01(&buf, &l)
	case "csv":
		err = forms.WriteCSV01(&buf, &l)
	default:
		err = forms.WriteHTML01(&buf, &l)
	}
	s.sendFile(w, r, &buf, err, format, "mau-so-01-"+safeName(l.CommuneCode)+"-"+l.Period.String())
}

// export02 handles POST /v1/forms/02/export?format=.
func (s *server) export02(w http.ResponseWriter, r *http.Request) {
	format, err := exportFormat(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	pl, ok := s.readPlan02(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	switch format {
	case "xlsx":
		err = xlsx.Write02(&buf, &pl)
	case "csv":
		err = forms.WriteCSV02(&buf, &pl)
	default:
		err = forms.WriteHTML02(&buf, &pl)
	}
	s.sendFile(w, r, &buf, err, format, "mau-so-02-"+safeName(pl.CommuneCode)+"-"+pl.PreparedOn.String())
}

// sendFile answers with a built file, or with the error that stopped it.
func (s *server) sendFile(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer, err error, format, name string) {
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	media := map[string]string{"xlsx": mediaXLSX, "csv": mediaCSV, "html": mediaHTML, "svg": mediaSVG}[format]
	w.Header().Set("Content-Type", media)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name + "." + format}))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store") // the file names people with a criminal record
	w.WriteHeader(http.StatusOK)
	_, _ = buf.WriteTo(w)
}

// safeName keeps letters, digits and '-' of s, for a file name: never a
// person's name, only codes and dates.
func safeName(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "x"
	}
	return b.String()
}

// upload returns the file of an import request: the "file" part of a
// multipart body, or the body itself; and whether it is a workbook (by its
// first bytes: a zip archive, or an old .xls or password-protected
// workbook, which the workbook reader names as such) or else CSV.
func upload(r *http.Request) (io.Reader, bool, error) {
	body := io.Reader(r.Body)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		mr, err := r.MultipartReader()
		if err != nil {
			return nil, false, &credit.FieldError{Code: codeNotForm, Message: msgNoFile, Err: forms.ErrNotForm}
		}
		for {
			part, err := mr.NextPart()
			if err != nil {
				var tooBig *http.MaxBytesError
				if errors.As(err, &tooBig) {
					return nil, false, err
				}
				return nil, false, &credit.FieldError{Code: codeNotForm, Message: msgNoFile, Err: forms.ErrNotForm}
			}
			if part.FormName() == "file" {
				body = part
				break
			}
		}
	}
	br := bufio.NewReader(body)
	head, err := br.Peek(4)
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return nil, false, err
	}
	return br, xlsx.LooksLikeWorkbook(head), nil
}

// importError turns an importer's error into the answer's: cell problems
// are returned with the form; a file that is not the form is a 422; too
// many rows or too many bytes a 413.
func importError(err error) (credit.Problems, error) {
	var ps credit.Problems
	switch {
	case err == nil:
		return nil, nil
	case errors.As(err, &ps):
		return ps, nil
	case errors.Is(err, forms.ErrNotForm):
		msg := msgNotForm
		var fe *xlsx.FileError
		if errors.As(err, &fe) {
			msg = fe.Message
		}
		return nil, &credit.FieldError{Code: codeNotForm, Message: msg, Err: err}
	}
	return nil, err // ErrTooManyRows, ErrFileTooLarge, a *http.MaxBytesError: 413
}

// import01Response is the answer of POST /v1/forms/01/import: the list read
// from the file, every problem with its cell, and whether it is valid.
type import01Response struct {
	Format string        `json:"format"`
	Sheet  string        `json:"sheet,omitempty"`
	Valid  bool          `json:"valid"`
	Rows   int           `json:"rows"`
	List   list01Out     `json:"list"`
	Errors []problemItem `json:"errors"`
}

// import02Response is the same for POST /v1/forms/02/import.
type import02Response struct {
	Format  string        `json:"format"`
	Sheet   string        `json:"sheet,omitempty"`
	Valid   bool          `json:"valid"`
	Workers int           `json:"workers"`
	Plan    plan02Out     `json:"plan"`
	Errors  []problemItem `json:"errors"`
}

// import01 handles POST /v1/forms/01/import: an .xlsx workbook or a CSV
// file, as the body or as the "file" part of a multipart body. A CSV file
// holds only the table: the list's header fields may come as query
// parameters (?province=…&commune_code=…&period=2026-11&prepared_on=…).
func (s *server) import01(w http.ResponseWriter, r *http.Request) {
	importForm(s, w, r,
		func(f io.Reader) (forms.List01, *forms.Origin, error) {
			return xlsx.Read01(r.Context(), f, xlsx.Options{MaxBytes: s.maxUpload})
		},
		func(f io.Reader, read *credit.Problems) (l forms.List01, o *forms.Origin, err error) {
			l = forms.ReadHeader01(queryCells(r, forms.Header01), read)
			l.Rows, o, err = forms.ReadCSV01(f, 0)
			return l, o, err
		},
		func(l *forms.List01) error { return forms.Validate01(s.book, l) },
		func(format string, o *forms.Origin, l *forms.List01, errs []problemItem) any {
			return import01Response{Format: format, Sheet: o.Sheet, Valid: len(errs) == 0, Rows: len(l.Rows),
				List: newList01Out(l), Errors: errs}
		})
}

// import02 handles POST /v1/forms/02/import, like import01; a CSV file
// holds only the worker table.
func (s *server) import02(w http.ResponseWriter, r *http.Request) {
	importForm(s, w, r,
		func(f io.Reader) (forms.Plan02, *forms.Origin, error) {
			return xlsx.Read02(r.Context(), f, xlsx.Options{MaxBytes: s.maxUpload})
		},
		func(f io.Reader, read *credit.Problems) (pl forms.Plan02, o *forms.Origin, err error) {
			pl = forms.ReadHeader02(queryCells(r, forms.Header02), read)
			pl.Workers, o, err = forms.ReadCSV02(f, 0)
			return pl, o, err
		},
		func(pl *forms.Plan02) error { return forms.Validate02(s.book, pl) },
		func(format string, o *forms.Origin, pl *forms.Plan02, errs []problemItem) any {
			return import02Response{Format: format, Sheet: o.Sheet, Valid: len(errs) == 0, Workers: len(pl.Workers),
				Plan: newPlan02Out(pl), Errors: errs}
		})
}

// importForm reads an uploaded form F with the xlsx or the CSV reader,
// validates it, locates every problem in the file and answers with
// respond's body; a file that cannot be read as the form is answered with
// its error.
func importForm[F any](s *server, w http.ResponseWriter, r *http.Request,
	readXLSX func(io.Reader) (F, *forms.Origin, error),
	readCSV func(io.Reader, *credit.Problems) (F, *forms.Origin, error),
	validate func(*F) error,
	respond func(format string, o *forms.Origin, f *F, errs []problemItem) any) {
	file, isXLSX, err := upload(r)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	var form F
	var origin *forms.Origin
	var read credit.Problems
	format := "csv"
	if isXLSX {
		format = "xlsx"
		form, origin, err = readXLSX(file)
	} else {
		form, origin, err = readCSV(file, &read)
	}
	cells, err := importError(err)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	read = append(read, cells...)
	var all credit.Problems
	if e := merge(read, validate(&form)); e != nil {
		errors.As(e, &all)
	}
	origin.Locate(all)
	writeJSON(w, http.StatusOK, respond(format, origin, &form, items(all, "")))
}

// queryCells reads a CSV import's header fields from the query, by the
// keys of cols.
func queryCells(r *http.Request, cols []forms.Column) []string {
	q := r.URL.Query()
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = q.Get(c.Key) // dates YYYY-MM-DD and periods YYYY-MM read as in JSON
	}
	return cells
}
