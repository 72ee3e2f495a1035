package httpapi_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit/adapters/httpapi"
	"github.com/vnreentry/credit/adapters/xlsx/xlsxtest"
)

// failingBody gives r, then err where r ends: a body cut short (err
// io.ErrUnexpectedEOF) or too slow (a read timeout).
type failingBody struct {
	r   io.Reader
	err error
}

func (b *failingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err == io.EOF {
		return n, b.err
	}
	return n, err
}

// The examples openapi.json gives of the answers to bodies that do not
// arrive whole, to a wrong Content-Type, to a busy or slow server and to
// hostile or foreign files are the server's answers, as JSON.
func TestOpenAPIGuardExamplesMatchServer(t *testing.T) {
	h := httpapi.New(httpapi.Options{})
	rec := do(h, http.MethodGet, "/openapi.json", "")
	require.Equal(t, http.StatusOK, rec.Code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &doc))
	example := func(response, name string) any {
		return exampleValue(t, docObject(t, doc, "components", "responses", response, "content", "application/problem+json", "examples")[name])
	}
	send := func(h http.Handler, target, contentType string, body io.Reader) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, target, body)
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("X-Request-Id", exampleRequestID)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	valid := exportedWorkbook(t)
	deep, err := xlsxtest.Attacks[0].Build(valid)
	require.NoError(t, err)
	timeout := &net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}
	for _, tc := range []struct {
		response, name string
		rec            *httptest.ResponseRecorder
	}{
		{"BodyIncomplete", "incomplete_body", send(h, "/v1/forms/01/import", "text/csv", &failingBody{strings.NewReader("STT,"), io.ErrUnexpectedEOF})},
		{"BadRequest", "incomplete_body", send(h, "/v1/assessments", "application/json", &failingBody{strings.NewReader(`{"requested_on"`), io.ErrUnexpectedEOF})},
		{"RequestTimeout", "too_slow", send(h, "/v1/assessments", "application/json", &failingBody{strings.NewReader(`{`), timeout})},
		{"UnsupportedMediaType", "form_urlencoded", send(h, "/v1/assessments", "application/x-www-form-urlencoded", strings.NewReader(`{}`))},
		{"ImportTooLarge", "xml_too_deep", send(h, "/v1/forms/01/import", mediaTypes["xlsx"], bytes.NewReader(deep))},
		{"FormFileNotAForm", "old_xls", send(h, "/v1/forms/01/import", "application/octet-stream",
			bytes.NewReader(append([]byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"), make([]byte, 512)...)))},
		{"Busy", "too_slow", send(httpapi.New(httpapi.Options{HeavyTimeout: time.Millisecond}), "/v1/forms/01/import", mediaTypes["xlsx"],
			bytes.NewReader(manyRowsWorkbook(t, 20_000)))},
	} {
		t.Run(tc.response+"/"+tc.name, func(t *testing.T) {
			assertSameJSON(t, example(tc.response, tc.name), decodeAny(t, tc.rec.Body.Bytes()), tc.name)
		})
	}
	t.Run("Busy/busy", func(t *testing.T) {
		h := httpapi.New(httpapi.Options{MaxHeavyRequests: 1, HeavyWait: -1})
		g := &gate{first: []byte("{"), open: make(chan struct{})}
		done := make(chan struct{})
		go func() {
			defer close(done)
			send(h, "/v1/reports/plan", "application/json", g)
		}()
		time.Sleep(50 * time.Millisecond)
		rec := send(h, "/v1/reports/plan", "application/json", strings.NewReader(`{"on": "2026-11-25"}`))
		close(g.open)
		<-done
		assertSameJSON(t, example("Busy", "busy"), decodeAny(t, rec.Body.Bytes()), "busy")
		require.Equal(t, "2", rec.Header().Get("Retry-After"))
	})
}
