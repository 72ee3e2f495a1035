package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/vnreentry/credit"
)

// newTestServer builds a server as New does, logging to buf.
func newTestServer(buf *bytes.Buffer) *server {
	return &server{
		book:    credit.DefaultBook(),
		log:     slog.New(slog.NewJSONHandler(buf, nil)),
		now:     time.Now,
		loc:     vietnam,
		maxBody: DefaultMaxBodyBytes,
	}
}

func TestRecoverPanics(t *testing.T) {
	const secret = "secret-panic-detail 012088004512"
	tests := []struct {
		name  string
		value any
	}{
		{"string", secret},
		{"error", errors.New(secret)},
		{"wrapped sentinel", fmt.Errorf("%w: %s", errBadJSON, secret)}, // still the server's fault
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			s := newTestServer(&buf)
			h := s.requestID(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
				panic(tc.value)
			})))
			rec := httptest.NewRecorder()
			require.NotPanics(t, func() {
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/assessments", nil))
			})

			require.Equal(t, http.StatusInternalServerError, rec.Code)
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
			assert.NotContains(t, rec.Body.String(), "secret")
			assert.NotContains(t, rec.Body.String(), "012088004512")
			assert.NotContains(t, rec.Body.String(), "panic")
			assert.NotContains(t, rec.Body.String(), "goroutine")
			assert.NotContains(t, rec.Body.String(), ".go:")

			var p problem
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
			assert.Equal(t, http.StatusInternalServerError, p.Status)
			assert.Equal(t, typeInternal, p.Type)
			assert.NotEmpty(t, p.Detail)
			assert.NotEmpty(t, p.DetailEN)
			assert.Empty(t, p.Errors)
			assert.Equal(t, rec.Header().Get("X-Request-Id"), p.RequestID)

			// The cause goes to the log, with the request id to find it.
			assert.Contains(t, buf.String(), "secret-panic-detail")
			assert.Contains(t, buf.String(), p.RequestID)
		})
	}

	t.Run("http.ErrAbortHandler is re-panicked", func(t *testing.T) {
		var buf bytes.Buffer
		s := newTestServer(&buf)
		h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			panic(http.ErrAbortHandler)
		}))
		assert.PanicsWithValue(t, http.ErrAbortHandler, func() {
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
		})
	})

	t.Run("through the whole handler, logged as a 500", func(t *testing.T) {
		var buf bytes.Buffer
		s := newTestServer(&buf)
		r := s.routes()
		r.Get("/boom", func(http.ResponseWriter, *http.Request) { panic("boom " + secret) })
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/boom", nil))
		require.Equal(t, http.StatusInternalServerError, rec.Code)
		assert.NotContains(t, rec.Body.String(), "secret")
		assert.Contains(t, buf.String(), `"status":500`)
		assert.Contains(t, buf.String(), `"level":"ERROR"`)
	})
}

func TestStatusOf(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"plain error", errors.New("boom"), http.StatusInternalServerError},
		{"wrapped plain error", fmt.Errorf("x: %w", errors.New("boom")), http.StatusInternalServerError},
		{"bad JSON", errBadJSON, http.StatusBadRequest},
		{"wrapped bad JSON", fmt.Errorf("x: %w", errBadJSON), http.StatusBadRequest},
		{"request error (bad JSON)", &requestError{sentinel: errBadJSON}, http.StatusBadRequest},
		{"bad parameter", errBadParameter, http.StatusBadRequest},
		{"request error (bad parameter)", &requestError{sentinel: errBadParameter, param: "on"}, http.StatusBadRequest},
		{"not found", fmt.Errorf("x: %w", errNotFound), http.StatusNotFound},
		{"not allowed", fmt.Errorf("x: %w", errNotAllowed), http.StatusMethodNotAllowed},
		{"too large", &http.MaxBytesError{Limit: 1}, http.StatusRequestEntityTooLarge},
		{"wrapped too large", fmt.Errorf("read: %w", &http.MaxBytesError{Limit: 1}), http.StatusRequestEntityTooLarge},
		{"invalid", credit.ErrInvalid, http.StatusUnprocessableEntity},
		{"wrapped invalid", fmt.Errorf("x: %w", credit.ErrInvalid), http.StatusUnprocessableEntity},
		{"field error", &credit.FieldError{Pointer: "/amount", Code: credit.CodeNegative}, http.StatusUnprocessableEntity},
		{"problems", credit.Problems{{Pointer: "/amount", Code: credit.CodeNegative}}, http.StatusUnprocessableEntity},
		{"before policy", credit.ErrBeforePolicy, http.StatusUnprocessableEntity},
		{"request error (before policy)", &requestError{sentinel: credit.ErrBeforePolicy, param: "on"}, http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, statusOf(tc.err))
		})
	}
}

func TestValidRequestID(t *testing.T) {
	tests := []struct {
		id   string
		want bool
	}{
		{"5968e34989cdec16", true},                      // 16 hex digits, as the server makes
		{"5968e34989cdec165968e34989cdec16", true},      // 32
		{"3f0c2a8e-1b7d-4c1e-9b2a-5d6e7f8a9b0c", true},  // a UUID
		{"12345678abcdef01", true},                      // a run of 8 digits
		{"123e4567-e89b-12d3-a456-426614174000", false}, // a UUID with a run of 12 digits
		{"123456789abcdef0", false},                     // a run of 9: an identity card's length
		{"abcd012088004512", false},                     // an ID number inside
		{"012088004512abcd", false},
		{"5968E34989CDEC16", false}, // upper case
		{"5968e34989cdec1", false},  // 15
		{"5968e34989cdec16a", false},
		{"5968e34989cdec1g", false},
		{"3f0c2a8e1b7d-4c1e-9b2a-5d6e7f8a9b0c-", false}, // dashes out of place
		{"abc-123", false},
		{"", false},
		{"0-1.2_3", false},
		{"Hùng", false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, validRequestID(tc.id), "%q", tc.id)
	}
	for range 1000 {
		if id := newRequestID(); !validRequestID(id) {
			t.Fatalf("the server made %q", id)
		}
	}
}
