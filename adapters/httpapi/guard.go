package httpapi

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/access"
)

// What stands between a request and its handler besides decoding: the
// body is watched (a body cut short, or too slow, is the client's fault,
// and no 2xx is ever answered to a body that did not arrive whole); a body
// route says which media types it takes; the heavy routes — those that
// read a file or a large body — run a few at a time, each within a time
// limit; answers to a POST are never stored by a cache.

// Defaults of the heavy routes' limits (Options).
const (
	DefaultMaxHeavyRequests = 4
	DefaultHeavyWait        = 2 * time.Second
	DefaultHeavyTimeout     = 60 * time.Second
)

// ---- the body ----

// watchedBody is a request body that remembers the first error reading it
// gave, other than io.EOF.
type watchedBody struct {
	io.ReadCloser
	err error
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && err != io.EOF && b.err == nil {
		b.err = err
	}
	return n, err
}

// info is what a request's middleware and handler share: the watched body,
// the problem type of the answer, for the log line; with a store, the
// route, who asks (the principal, once authenticated) and whether the
// policy found the resource outside the caller's scope.
type info struct {
	body    *watchedBody
	problem string

	route         *route
	principal     access.Principal
	authenticated bool
	outOfScope    bool
	// action, when set, is what the audit entry names instead of the
	// route's (a report from the store that showed rows: report.rows).
	action access.Action
}

const infoKey ctxKey = 1

func infoOf(r *http.Request) *info {
	if in, ok := r.Context().Value(infoKey).(*info); ok {
		return in
	}
	return &info{}
}

// bodyError is the error reading r's body gave, if it failed: cut short,
// too slow, too large.
func bodyError(r *http.Request) error {
	if b := infoOf(r).body; b != nil {
		return b.err
	}
	return nil
}

// Errors of a body that did not arrive whole.
var (
	// errBodyIncomplete: the body ended before the length it announced, or
	// the connection broke (400).
	errBodyIncomplete = errors.New("httpapi: the request body ended early")
	// errBodyTimeout: the body came too slowly for the server's read
	// timeout (408).
	errBodyTimeout = errors.New("httpapi: the request body came too slowly")
)

// classifyBodyError says what a failed read of a body means for the
// answer: too large, too slow, or cut short.
func classifyBodyError(err error) error {
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return err
	case errors.Is(err, os.ErrDeadlineExceeded):
		return errBodyTimeout
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) && ne.Timeout() {
		return errBodyTimeout
	}
	return errBodyIncomplete
}

// bodyGuard answers no 2xx to a request whose body failed to arrive whole:
// whatever the handler made of the part it got, the answer is the body's
// problem (a reader that took a cut-short body for a short file must not
// acknowledge it).
type bodyGuard struct {
	http.ResponseWriter
	s       *server
	r       *http.Request
	wrote   bool // the status is written
	swallow bool // the handler's answer is dropped
}

func (g *bodyGuard) WriteHeader(code int) {
	if g.wrote {
		return
	}
	g.wrote = true
	if code < 300 {
		if err := bodyError(g.r); err != nil {
			g.swallow = true
			g.Header().Del("Content-Disposition")
			g.s.writeError(g.ResponseWriter, g.r, err)
			return
		}
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *bodyGuard) Write(p []byte) (int, error) {
	if !g.wrote {
		g.WriteHeader(http.StatusOK)
	}
	if g.swallow {
		return len(p), nil
	}
	return g.ResponseWriter.Write(p)
}

func (g *bodyGuard) Unwrap() http.ResponseWriter { return g.ResponseWriter }

// ---- media types ----

// A body route's accepted media types.
type media struct {
	json, csv, multipart, xlsx bool
}

var (
	acceptJSON        = media{json: true}
	acceptJSONOrCSV   = media{json: true, csv: true}
	acceptCSV         = media{csv: true}
	acceptJSONOrFiles = media{json: true, multipart: true}
	acceptImport      = media{csv: true, multipart: true, xlsx: true}
)

// names lists the accepted types, for the answer and the Accept-Post
// header.
func (m media) names() []string {
	var out []string
	if m.json {
		out = append(out, "application/json")
	}
	if m.csv {
		out = append(out, "text/csv")
	}
	if m.multipart {
		out = append(out, "multipart/form-data")
	}
	if m.xlsx {
		out = append(out, mediaXLSX, "application/octet-stream")
	}
	return out
}

// accepts reports whether the Content-Type header value ct is one of m's
// (no header at all is taken for the route's kind of body; a charset, when
// given, must be UTF-8).
func (m media) accepts(ct string) bool {
	if strings.TrimSpace(ct) == "" {
		return true
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return false
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "utf8") {
		return false
	}
	switch {
	case mt == "application/json" || strings.HasPrefix(mt, "application/") && strings.HasSuffix(mt, "+json"):
		return m.json
	case mt == "text/csv":
		return m.csv
	case mt == "multipart/form-data":
		return m.multipart
	case mt == mediaXLSX || mt == "application/octet-stream":
		return m.xlsx
	}
	return false
}

// errUnsupportedType: a body of a media type the route does not take (415).
type unsupportedTypeError struct{ accepted []string }

func (e *unsupportedTypeError) Error() string {
	return "httpapi: unsupported media type; accepted: " + strings.Join(e.accepted, ", ")
}

// accept refuses, before the body is read, a request whose Content-Type
// the route does not take.
func (s *server) accept(m media) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if !m.accepts(r.Header.Get("Content-Type")) {
				w.Header().Set("Accept-Post", strings.Join(m.names(), ", "))
				s.writeError(w, r, &unsupportedTypeError{accepted: m.names()})
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// ---- the heavy routes ----

// errBusy: no turn for a heavy request within the wait (503).
var errBusy = errors.New("httpapi: too many heavy requests at once")

// retryAfter is the Retry-After of a 503, in seconds.
const retryAfter = 2

// heavy runs a request that reads a file or a large body when one of
// maxHeavy turns is free, waiting at most heavyWait for it (then a 503 with
// Retry-After), and gives it heavyTimeout to finish: its context is
// cancelled then, as it is when the client goes away, and a workbook being
// read stops.
func (s *server) heavy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.takeTurn(r.Context()) {
			s.writeError(w, r, errBusy) // with Retry-After
			return
		}
		defer func() { <-s.turns }()
		ctx, cancel := context.WithTimeout(r.Context(), s.heavyTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// takeTurn waits for a free turn, at most heavyWait.
func (s *server) takeTurn(ctx context.Context) bool {
	select {
	case s.turns <- struct{}{}:
		return true
	default:
	}
	if s.heavyWait <= 0 {
		return false
	}
	t := time.NewTimer(s.heavyWait)
	defer t.Stop()
	select {
	case s.turns <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// ---- caching ----

// noStore tells caches not to keep the answer to a POST: lists and imports
// carry names and ID numbers, and no answer computed from a body is worth
// keeping.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			w.Header().Set("Cache-Control", "no-store")
		}
		next.ServeHTTP(w, r)
	})
}

// ---- request ids ----

// validRequestID accepts a client's X-Request-Id only in a shape that
// cannot carry a person's data: 16 or 32 lower-case hexadecimal digits, or
// a UUID (8-4-4-4-12), with no run of nine or more decimal digits (a
// 9-digit identity card or a 12-digit personal ID number). Anything else
// is replaced by an id of the server's own.
func validRequestID(id string) bool {
	switch len(id) {
	case 16, 32, 36:
	default:
		return false
	}
	run := 0
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9':
			if run++; run >= 9 {
				return false
			}
			continue
		case c >= 'a' && c <= 'f':
		case c == '-' && len(id) == 36 && (i == 8 || i == 13 || i == 18 || i == 23):
		default:
			return false
		}
		run = 0
	}
	return true
}

// ---- messages ----

var (
	msgUnsupportedType = func(accepted []string) credit.Text {
		list := strings.Join(accepted, ", ")
		return credit.Text{
			VI: "Kiểu nội dung (Content-Type) này không dùng được cho địa chỉ này; dùng một trong: " + list + " (mã hóa UTF-8). Với curl: --json @tệp cho JSON.",
			EN: "This Content-Type is not accepted on this path; use one of: " + list + " (UTF-8). With curl: --json @file for JSON.",
		}
	}
	msgBodyIncomplete = credit.Text{
		VI: "Nội dung yêu cầu không đến đủ: kết nối bị ngắt hoặc ngắn hơn độ dài đã báo (Content-Length). Hãy gửi lại.",
		EN: "The request body did not arrive whole: the connection broke or it was shorter than announced (Content-Length). Send it again.",
	}
	msgBodyTimeout = credit.Text{
		VI: "Nội dung yêu cầu đến quá chậm, máy chủ đã ngừng chờ. Hãy gửi lại, hoặc gửi tệp nhỏ hơn.",
		EN: "The request body came too slowly and the server stopped waiting. Send it again, or send a smaller file.",
	}
	msgBusy = credit.Text{
		VI: "Máy chủ đang xử lý nhiều tệp và báo cáo cùng lúc; hãy thử lại sau vài giây (Retry-After).",
		EN: "The server is busy with other files and reports; try again in a few seconds (Retry-After).",
	}
	msgTooSlow = credit.Text{
		VI: "Yêu cầu chạy quá thời gian cho phép và đã bị dừng; hãy thử lại, hoặc gửi tệp nhỏ hơn.",
		EN: "The request ran longer than allowed and was stopped; try again, or send a smaller file.",
	}
	msgClientGone = credit.Text{
		VI: "Máy khách đã đóng kết nối trước khi có kết quả.",
		EN: "The client closed the connection before the answer was ready.",
	}
)
