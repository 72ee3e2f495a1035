package httpapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/vnreentry/credit"
)

// openAPIDoc parses the embedded openapi.json.
func openAPIDoc(t *testing.T) map[string]any {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openapiJSON, &doc); err != nil {
		t.Fatalf("openapi.json is not JSON: %v", err)
	}
	return doc
}

func TestOpenAPIDocument(t *testing.T) {
	doc := openAPIDoc(t)
	version, _ := doc["openapi"].(string)
	if !strings.HasPrefix(version, "3.1") {
		t.Errorf(`"openapi" = %q, want 3.1.x`, version)
	}
	info, _ := doc["info"].(map[string]any)
	for _, tc := range []struct{ field, want string }{
		{"title", "vnreentry/credit reference API"},
		{"version", "1"},
	} {
		if got, _ := info[tc.field].(string); got != tc.want {
			t.Errorf("info.%s = %q, want %q", tc.field, got, tc.want)
		}
	}
	if _, ok := doc["paths"].(map[string]any); !ok {
		t.Errorf(`"paths" is missing or not an object`)
	}
}

// TestOpenAPIRefsResolve checks that every local "$ref" points at something.
func TestOpenAPIRefsResolve(t *testing.T) {
	doc := openAPIDoc(t)
	var walk func(at string, v any)
	walk = func(at string, v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				if _, err := resolvePointer(doc, ref); err != nil {
					t.Errorf("%s: $ref %q: %v", at, ref, err)
				}
			}
			for k, e := range v {
				walk(at+"/"+k, e)
			}
		case []any:
			for i, e := range v {
				walk(fmt.Sprintf("%s/%d", at, i), e)
			}
		}
	}
	walk("", doc)
}

// resolvePointer follows a local reference ("#/components/schemas/X").
func resolvePointer(doc any, ref string) (any, error) {
	ptr, ok := strings.CutPrefix(ref, "#")
	if !ok {
		return nil, fmt.Errorf("not a local reference")
	}
	cur := doc
	if ptr == "" {
		return cur, nil
	}
	for _, tok := range strings.Split(strings.TrimPrefix(ptr, "/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%q is not inside an object", tok)
		}
		if cur, ok = m[tok]; !ok {
			return nil, fmt.Errorf("no %q", tok)
		}
	}
	return cur, nil
}

// openAPIMethods are the keys of an OpenAPI path item that are operations.
var openAPIMethods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

// documentedRoutes returns "METHOD /path" for every operation under "paths".
func documentedRoutes(t *testing.T) []string {
	t.Helper()
	paths, _ := openAPIDoc(t)["paths"].(map[string]any)
	var out []string
	for path, item := range paths {
		ops, ok := item.(map[string]any)
		if !ok {
			t.Errorf("paths[%q] is not an object", path)
			continue
		}
		for key := range ops {
			if slices.Contains(openAPIMethods, key) {
				out = append(out, strings.ToUpper(key)+" "+path)
			}
		}
	}
	slices.Sort(out)
	return out
}

// routedRoutes returns "METHOD /path" for every route of the router, with
// chi patterns written the OpenAPI way. The server is filled in as New
// fills in a zero Options.
func routedRoutes(t *testing.T) []string {
	t.Helper()
	s := &server{
		book:    credit.DefaultBook(),
		log:     slog.New(slog.DiscardHandler),
		now:     time.Now,
		loc:     vietnam,
		maxBody: DefaultMaxBodyBytes,
	}
	var out []string
	err := chi.Walk(s.routes(), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		path, err := openAPIPath(route)
		if err != nil {
			return err
		}
		out = append(out, method+" "+path)
		return nil
	})
	if err != nil {
		t.Fatalf("walking the router: %v", err)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// openAPIPath turns a chi pattern into an OpenAPI path template: a
// parameter's regular expression is dropped ("{id:[0-9]+}" → "{id}"). A
// catch-all "*" has no OpenAPI form and is an error.
func openAPIPath(pattern string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			return "", fmt.Errorf("route %q: a catch-all has no OpenAPI path", pattern)
		case '{':
			// Find the matching brace: a regular expression may hold braces.
			depth, end := 0, -1
			for j := i; j < len(pattern) && end < 0; j++ {
				switch pattern[j] {
				case '{':
					depth++
				case '}':
					if depth--; depth == 0 {
						end = j
					}
				}
			}
			if end < 0 {
				return "", fmt.Errorf("route %q: unclosed parameter", pattern)
			}
			name, _, _ := strings.Cut(pattern[i+1:end], ":")
			b.WriteString("{" + name + "}")
			i = end
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func TestOpenAPIPathConversion(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      bool
	}{
		{in: "/healthz", want: "/healthz"},
		{in: "/v1/rules", want: "/v1/rules"},
		{in: "/v1/loans/{id}", want: "/v1/loans/{id}"},
		{in: "/v1/loans/{id:[0-9]+}/schedule", want: "/v1/loans/{id}/schedule"},
		{in: "/v1/{code:[a-z]{2}}/{n}", want: "/v1/{code}/{n}"},
		{in: "/static/*", err: true},
		{in: "/v1/{id", err: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := openAPIPath(tc.in)
			switch {
			case tc.err && err == nil:
				t.Errorf("openAPIPath(%q) = %q, want an error", tc.in, got)
			case !tc.err && err != nil:
				t.Errorf("openAPIPath(%q): %v", tc.in, err)
			case got != tc.want:
				t.Errorf("openAPIPath(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// TestOpenAPIPathsMatchRouter checks that openapi.json documents exactly the
// routes the router serves, no more and no fewer.
func TestOpenAPIPathsMatchRouter(t *testing.T) {
	documented, routed := documentedRoutes(t), routedRoutes(t)
	if len(routed) == 0 {
		t.Fatal("the router has no routes: the walk found nothing")
	}
	for _, tc := range []struct {
		name        string
		have, other []string
		msg         string
	}{
		{"routed but undocumented", routed, documented, "served by the router but missing from openapi.json"},
		{"documented but not routed", documented, routed, "documented in openapi.json but not served by the router"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var missing []string
			for _, r := range tc.have {
				if !slices.Contains(tc.other, r) {
					missing = append(missing, r)
				}
			}
			if len(missing) > 0 {
				t.Errorf("%s:\n\t%s\n(router: %v; openapi.json: %v)",
					tc.msg, strings.Join(missing, "\n\t"), routed, documented)
			}
		})
	}
}

// TestOpenAPIServed checks that GET /openapi.json serves the embedded
// document as it is.
func TestOpenAPIServed(t *testing.T) {
	h := New(Options{})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/openapi.json", nil))

	if rec.Code != http.StatusOK {
		t.Fatalf("GET /openapi.json: status %d, want 200; body: %.300s", rec.Code, rec.Body.String())
	}
	ct := rec.Header().Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		t.Errorf("GET /openapi.json: Content-Type %q, want application/json", ct)
	}
	if !bytes.Equal(rec.Body.Bytes(), openapiJSON) {
		t.Errorf("GET /openapi.json: body (%d bytes) differs from the embedded openapi.json (%d bytes)",
			rec.Body.Len(), len(openapiJSON))
	}
	if rec.Header().Get("X-Request-Id") == "" {
		t.Error("GET /openapi.json: no X-Request-Id header")
	}
}
