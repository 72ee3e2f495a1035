package httpapi

import (
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strconv"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/forms"
	"github.com/vnreentry/credit/reporting"
)

// portfolioRequest is the JSON body of POST /v1/reports/portfolio (api-v1).
type portfolioRequest struct {
	AsOf  json.RawMessage `json:"as_of"`
	Loans []loanBookJSON  `json:"loans"`
}

type loanBookJSON struct {
	LoanID        json.RawMessage `json:"loan_id"`
	CommuneCode   json.RawMessage `json:"commune_code"`
	BorrowerKind  json.RawMessage `json:"borrower_kind"`
	Purpose       json.RawMessage `json:"purpose"`
	CapitalSource json.RawMessage `json:"capital_source"`
	Channel       json.RawMessage `json:"channel"`
	DisbursedOn   json.RawMessage `json:"disbursed_on"`
	Amount        json.RawMessage `json:"amount"`
	Outstanding   json.RawMessage `json:"outstanding"`
	Overdue       json.RawMessage `json:"overdue"`
	Jobs          json.RawMessage `json:"jobs"`
}

// MaxPortfolioLines bounds the loans of one CSV upload (413 beyond); the
// body limit bounds the bytes.
const MaxPortfolioLines = 1_000_000

var (
	msgBorrowerKindEnum = credit.Text{
		VI: "borrower_kind phải là \"individual\" hoặc \"establishment\".",
		EN: "borrower_kind must be \"individual\" or \"establishment\".",
	}
	msgCapitalSourceEnum = credit.Text{
		VI: "capital_source phải là \"central\", \"local\" hoặc \"other\".",
		EN: "capital_source must be \"central\", \"local\" or \"other\".",
	}
	msgChannelEnum = credit.Text{
		VI: "channel phải là \"farmers_union\", \"womens_union\", \"veterans_association\", \"youth_union\" hoặc \"direct\".",
		EN: "channel must be \"farmers_union\", \"womens_union\", \"veterans_association\", \"youth_union\" or \"direct\".",
	}
	msgJobsRange = credit.Text{
		VI: "Số việc làm phải là số nguyên từ 0 đến 1.000.000.",
		EN: "jobs must be a whole number from 0 to 1,000,000.",
	}
)

// portfolio handles POST /v1/reports/portfolio: the loan book on a date,
// from a JSON body or a CSV file (Content-Type text/csv, ?as_of=). The CSV
// is read as a stream. ?format=csv|svg gives the breakdown by commune as a
// table or as a bar chart (outstanding, and overdue within it).
func (s *server) portfolio(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx", "svg")
	if !ok {
		return
	}
	var rep reporting.Report
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "text/csv" {
		var rd reader
		asOf := rd.date(queryValue(r, "as_of"), "/as_of", true)
		if len(rd.problems) > 0 {
			s.writeError(w, r, rd.problems)
			return
		}
		rep, err = reporting.PortfolioCSV(r.Body, asOf, MaxPortfolioLines)
		if errors.Is(err, reporting.ErrCSVHeader) {
			err = csvHeaderProblem("", err)
		}
	} else {
		var req portfolioRequest
		rd, ok := s.decodeRequest(w, r, &req)
		if !ok {
			return
		}
		var problems credit.Problems
		rep, problems = req.read(rd, "", nil)
		if problems = append(rd.problems, problems...); len(problems) > 0 {
			err = problems
		}
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	s.sendPortfolio(w, r, format, &rep)
}

// sendPortfolio answers the loan book in format.
func (s *server) sendPortfolio(w http.ResponseWriter, r *http.Request, format string, rep *reporting.Report) {
	name := "du-no-" + rep.AsOf.String()
	switch format {
	case "csv", "xlsx":
		s.sendTables(w, r, format, name, reporting.PortfolioTables(rep))
	case "svg":
		chart := reporting.BarChart{Title: "Dư nợ theo xã đến ngày " + reporting.DateCell(rep.AsOf), Unit: "đồng",
			PrimaryName: "Dư nợ", SecondaryName: "Nợ quá hạn"}
		for _, g := range rep.ByCommune {
			chart.Bars = append(chart.Bars, reporting.Bar{Label: g.Key, Value: g.Outstanding, Secondary: g.Overdue})
		}
		s.sendSVG(w, r, name, chart)
	default:
		writeJSON(w, http.StatusOK, newPortfolioResponse(rep))
	}
}

// codeCSVHeader: a loan-book CSV whose header row does not name the loan
// fields.
const codeCSVHeader = "invalid_csv_header"

var msgTooManyProblems = forms.MsgTooManyProblems

var msgCSVHeader = credit.Text{
	VI: "Dòng tiêu đề của tệp CSV phải ghi tên các trường của khoản vay (loan_id, commune_code, borrower_kind, purpose, capital_source, channel, disbursed_on, amount, outstanding, overdue, jobs).",
	EN: "The CSV header row must name the loan fields (loan_id, commune_code, borrower_kind, purpose, capital_source, channel, disbursed_on, amount, outstanding, overdue, jobs).",
}

// csvHeaderProblem is the problem of a CSV file at pointer whose header row
// is wrong (err wraps reporting.ErrCSVHeader): what is wrong with it, as the
// reader found it.
func csvHeaderProblem(pointer string, err error) *credit.FieldError {
	msg := msgCSVHeader
	var he *reporting.HeaderError
	if errors.As(err, &he) {
		msg = credit.Text{
			VI: msg.VI + " Tệp gửi lên: " + he.Message.VI + ".",
			EN: msg.EN + " The file sent: " + he.Message.EN + ".",
		}
	}
	return &credit.FieldError{Pointer: pointer, Code: codeCSVHeader, Message: msg, Err: err}
}

// queryValue returns a query parameter as a JSON string token, for the
// reader ("" when absent).
func queryValue(r *http.Request, key string) json.RawMessage {
	v := r.URL.Query().Get(key)
	if v == "" {
		return nil
	}
	b, _ := json.Marshal(v)
	return b
}

// read reads the loans one at a time into the loan book and returns its
// report and every problem, under base ("" or "/before"…): the values that
// cannot be read are passed to the book with the loan, which reports them
// with its own problems. A loan the decoder found not an object (in
// decoded) is skipped: the decoder reported it. keep, if not nil, is called
// with each loan that has no problem.
func (req *portfolioRequest) read(decoded *reader, base string, keep func(*reporting.Loan)) (reporting.Report, credit.Problems) {
	var rd reader
	asOf := rd.date(req.AsOf, "/as_of", true)
	book := reporting.NewPortfolio(asOf)
	problems := rd.problems
	for i := range req.Loans {
		at := "/loans/" + strconv.Itoa(i)
		if decoded.unreadable(base + at) {
			continue
		}
		var lr reader
		j := &req.Loans[i]
		var l reporting.Loan
		l.ID = lr.text(j.LoanID, at+"/loan_id")
		l.CommuneCode = lr.text(j.CommuneCode, at+"/commune_code")
		l.BorrowerKind, _ = enum(&lr, j.BorrowerKind, at+"/borrower_kind", reporting.ParseBorrowerKind, msgBorrowerKindEnum)
		l.Purpose = lr.purpose(j.Purpose, at+"/purpose")
		l.CapitalSource, _ = enum(&lr, j.CapitalSource, at+"/capital_source", reporting.ParseCapitalSource, msgCapitalSourceEnum)
		l.Channel, _ = enum(&lr, j.Channel, at+"/channel", reporting.ParseChannel, msgChannelEnum)
		l.DisbursedOn = lr.date(j.DisbursedOn, at+"/disbursed_on", false)
		l.Amount = lr.amount(j.Amount, at+"/amount")
		l.Outstanding = lr.amount(j.Outstanding, at+"/outstanding")
		l.Overdue = lr.amount(j.Overdue, at+"/overdue")
		l.Jobs, _ = lr.integer(j.Jobs, at+"/jobs", 0, reporting.MaxJobs, msgJobsRange)
		var more credit.Problems
		if errors.As(book.AddRead(i, &l, lr.problems), &more) {
			problems = append(problems, more...)
		} else if keep != nil {
			keep(&l)
		}
		if len(problems) > reporting.MaxProblems {
			problems = append(problems[:reporting.MaxProblems:reporting.MaxProblems], &credit.FieldError{
				Pointer: "/loans", Code: reporting.CodeTooManyProblems, Message: msgTooManyProblems})
			break
		}
	}
	if base != "" {
		for _, e := range problems {
			e.Pointer = base + e.Pointer
		}
	}
	return book.Report(), problems
}

// portfolioResponse is the 200 body of POST /v1/reports/portfolio.
type portfolioResponse struct {
	AsOf            credit.Date `json:"as_of"`
	Totals          figuresJSON `json:"totals"`
	ByCommune       []groupJSON `json:"by_commune"`
	ByPurpose       []groupJSON `json:"by_purpose"`
	ByBorrowerKind  []groupJSON `json:"by_borrower_kind"`
	ByCapitalSource []groupJSON `json:"by_capital_source"`
	ByChannel       []groupJSON `json:"by_channel"`
}

type figuresJSON struct {
	Loans           int        `json:"loans"`
	Disbursed       credit.VND `json:"disbursed"`
	Outstanding     credit.VND `json:"outstanding"`
	Overdue         credit.VND `json:"overdue"`
	OverdueRatioPct string     `json:"overdue_ratio_pct"`
	Jobs            int        `json:"jobs"`
}

// groupJSON is one group of a breakdown: its key under the breakdown's own
// name ("commune_code", "purpose", …) and its figures.
type groupJSON map[string]any

func figures(f reporting.Figures) figuresJSON {
	return figuresJSON{Loans: f.Loans, Disbursed: f.Disbursed, Outstanding: f.Outstanding, Overdue: f.Overdue,
		OverdueRatioPct: f.OverdueRatioPct(), Jobs: f.Jobs}
}

func groups(key string, gs []reporting.Group) []groupJSON {
	out := make([]groupJSON, len(gs))
	for i, g := range gs {
		out[i] = groupJSON{key: g.Key, "loans": g.Loans, "disbursed": g.Disbursed, "outstanding": g.Outstanding,
			"overdue": g.Overdue, "overdue_ratio_pct": g.OverdueRatioPct(), "jobs": g.Jobs}
	}
	return out
}

func newPortfolioResponse(rep *reporting.Report) portfolioResponse {
	return portfolioResponse{
		AsOf: rep.AsOf, Totals: figures(rep.Totals),
		ByCommune:       groups("commune_code", rep.ByCommune),
		ByPurpose:       groups("purpose", rep.ByPurpose),
		ByBorrowerKind:  groups("borrower_kind", rep.ByBorrowerKind),
		ByCapitalSource: groups("capital_source", rep.ByCapitalSource),
		ByChannel:       groups("channel", rep.ByChannel),
	}
}
