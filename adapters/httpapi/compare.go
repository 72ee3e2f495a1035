package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/reporting"
)

// compareRequest is the JSON body of POST /v1/reports/compare: two loan
// books, each as the body of POST /v1/reports/portfolio.
type compareRequest struct {
	Before *portfolioRequest `json:"before"`
	After  *portfolioRequest `json:"after"`
}

// codeMultipart: a multipart body without its two files in order.
const codeMultipart = "invalid_multipart"

var msgMultipart = credit.Text{
	VI: "Gửi hai tệp CSV trong nội dung multipart/form-data: phần \"before\" (kỳ trước) rồi phần \"after\" (kỳ sau).",
	EN: "Send two CSV files in a multipart/form-data body: the part \"before\" (the earlier book), then the part \"after\" (the later one).",
}

// compare handles POST /v1/reports/compare: how the loan book moved between
// two dates (the plan's one-year and five-year reviews). The two books come
// as JSON, or as two CSV files in a multipart/form-data body (parts
// "before" then "after", dates in ?before_as_of= and ?after_as_of=), read
// as streams. ?format=csv|xlsx gives the table by commune.
func (s *server) compare(w http.ResponseWriter, r *http.Request) {
	format, ok := s.reportFormat(w, r, "json", "csv", "xlsx")
	if !ok {
		return
	}
	var c reporting.Comparison
	var err error
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		c, err = compareCSV(r)
	} else {
		var req compareRequest
		rd, ok := s.decodeRequest(w, r, &req)
		if !ok {
			return
		}
		c, err = req.compare(rd)
	}
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	if format != "json" {
		s.sendTables(w, r, format, "so-sanh-"+c.Before.String()+"-"+c.After.String(), reporting.ComparisonTables(&c))
		return
	}
	writeJSON(w, http.StatusOK, newComparisonResponse(&c))
}

// compare reads the two books and compares them. Loans that cannot be read
// are reported with the problems the book finds in them, as
// POST /v1/reports/portfolio reports them, under /before and /after.
func (req *compareRequest) compare(decoded *reader) (reporting.Comparison, error) {
	problems := decoded.problems
	var sides [2]struct {
		asOf  credit.Date
		loans []reporting.Loan
	}
	for k, side := range []struct {
		base string
		req  *portfolioRequest
	}{{"/before", req.Before}, {"/after", req.After}} {
		if decoded.unreadable(side.base) {
			continue // not an object
		}
		if side.req == nil {
			side.req = &portfolioRequest{}
		}
		rep, ps := side.req.read(decoded, side.base, func(l *reporting.Loan) { sides[k].loans = append(sides[k].loans, *l) })
		sides[k].asOf = rep.AsOf
		problems = append(problems, ps...)
	}
	if len(problems) > 0 {
		// The books' problems are known; the dates' order is what is left.
		return reporting.Comparison{}, merge(problems, reporting.CheckCompareDates(sides[0].asOf, sides[1].asOf))
	}
	return reporting.CompareSnapshots(sides[0].asOf, loanSeq(sides[0].loans), sides[1].asOf, loanSeq(sides[1].loans))
}

func loanSeq(ls []reporting.Loan) func(func(int, *reporting.Loan) bool) {
	return func(yield func(int, *reporting.Loan) bool) {
		for i := range ls {
			if !yield(i, &ls[i]) {
				return
			}
		}
	}
}

// compareCSV compares the books of the two CSV files of a multipart body,
// each read as a stream: the earlier into a Snapshot, the later against
// it. When the earlier has problems the later is still read, for its own.
func compareCSV(r *http.Request) (reporting.Comparison, error) {
	var rd reader
	dates := [2]credit.Date{
		rd.date(queryValue(r, "before_as_of"), "/before/as_of", true),
		rd.date(queryValue(r, "after_as_of"), "/after/as_of", true),
	}
	var problems credit.Problems // the books' and the files'
	mr, err := r.MultipartReader()
	if err != nil {
		return reporting.Comparison{}, append(rd.problems, &credit.FieldError{Pointer: "/before", Code: codeMultipart,
			Message: msgMultipart})
	}
	var (
		snap       *reporting.Snapshot
		c          reporting.Comparison
		done       int  // the files read: before, then after
		checkOrder bool // the later file was read without a snapshot
	)
	for done < 2 {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return reporting.Comparison{}, err
		}
		if err != nil {
			break // a broken body: the files not read are reported below
		}
		name := part.FormName()
		if name != "before" && name != "after" {
			continue // not a file of the comparison
		}
		if name != []string{"before", "after"}[done] {
			break // out of order
		}
		base := "/" + name
		switch {
		case done == 0:
			snap, err = reporting.NewSnapshotCSV(part, dates[0], MaxPortfolioLines)
		case snap != nil:
			c, err = snap.CompareCSV(part, dates[1], MaxPortfolioLines)
		default: // the earlier book has problems: the later one's are wanted too
			_, err = reporting.PortfolioCSV(part, dates[1], MaxPortfolioLines)
			checkOrder = true
		}
		var ps credit.Problems
		switch {
		case err == nil:
		case errors.As(err, &ps):
			for _, e := range ps {
				e.Pointer = base + e.Pointer
			}
			problems = append(problems, ps...)
		case errors.Is(err, reporting.ErrCSVHeader):
			problems = append(problems, csvHeaderProblem(base, err))
		default:
			return reporting.Comparison{}, err // too many lines or bytes: 413
		}
		done++
	}
	if checkOrder { // the order of the dates, which Compare would have checked
		if ps, ok := reporting.CheckCompareDates(dates[0], dates[1]).(credit.Problems); ok {
			problems = append(problems, ps...)
		}
	}
	for _, name := range []string{"before", "after"}[done:] {
		problems = append(problems, &credit.FieldError{Pointer: "/" + name, Code: codeMultipart, Message: msgMultipart})
	}
	if err := merge(rd.problems, dedupe(problems)); err != nil {
		return reporting.Comparison{}, err
	}
	return c, nil
}

// dedupe drops a problem at the same pointer with the same code as one
// before it (a date the query reader and the book both find missing).
func dedupe(ps credit.Problems) credit.Problems {
	type key struct{ ptr, code string }
	seen := make(map[key]bool, len(ps))
	out := ps[:0]
	for _, e := range ps {
		k := key{e.Pointer, e.Code}
		if !seen[k] {
			seen[k] = true
			out = append(out, e)
		}
	}
	return out
}

// comparisonResponse is the 200 body of POST /v1/reports/compare.
type comparisonResponse struct {
	Before    credit.Date         `json:"before"`
	After     credit.Date         `json:"after"`
	Totals    changeJSON          `json:"totals"`
	ByCommune []changeCommuneJSON `json:"by_commune"`
}

type changeJSON struct {
	Before    figuresJSON  `json:"before"`
	After     figuresJSON  `json:"after"`
	Growth    credit.VND   `json:"growth"`
	GrowthPct string       `json:"growth_pct"`
	New       loanFlowJSON `json:"new"`
	Repaid    loanFlowJSON `json:"repaid"`
}

type changeCommuneJSON struct {
	CommuneCode string `json:"commune_code"`
	changeJSON
}

type loanFlowJSON struct {
	Loans  int        `json:"loans"`
	Amount credit.VND `json:"amount"`
}

func newChange(c reporting.Change) changeJSON {
	return changeJSON{
		Before: figures(c.Before), After: figures(c.After), Growth: c.Growth, GrowthPct: c.GrowthPct(),
		New:    loanFlowJSON{Loans: c.New.Loans, Amount: c.New.Amount},
		Repaid: loanFlowJSON{Loans: c.Repaid.Loans, Amount: c.Repaid.Amount},
	}
}

func newComparisonResponse(c *reporting.Comparison) comparisonResponse {
	resp := comparisonResponse{Before: c.Before, After: c.After, Totals: newChange(c.Totals),
		ByCommune: make([]changeCommuneJSON, len(c.ByCommune))}
	for i, g := range c.ByCommune {
		resp.ByCommune[i] = changeCommuneJSON{CommuneCode: g.Key, changeJSON: newChange(g.Change)}
	}
	return resp
}
