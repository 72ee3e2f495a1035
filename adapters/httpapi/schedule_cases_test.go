package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnreentry/credit/adapters/httpapi"
)

// scheduleCase is a file of testdata/schedules: a request to POST
// /v1/schedules or POST /v1/statements and what must come back. For a 200,
// body_subset lists what the body must hold (see matchSubset); for a 422,
// problems is the exact list of [pointer, code], in order. The worked cases
// of the legal reference §9 that concern schedules are among them; each
// file names its source.
type scheduleCase struct {
	Source   string          `json:"source"`
	About    string          `json:"about"`
	Endpoint string          `json:"endpoint"`
	Request  json.RawMessage `json:"request"`
	Expect   struct {
		Status     int             `json:"status"`
		BodySubset json.RawMessage `json:"body_subset"`
		Problems   [][2]string     `json:"problems"`
	} `json:"expect"`
}

func TestScheduleCases(t *testing.T) {
	files, err := filepath.Glob("testdata/schedules/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d case files in testdata/schedules", len(files))
	}
	h := httpapi.New(httpapi.Options{})
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var c scheduleCase
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				t.Fatalf("case file: %v", err)
			}
			if c.Source == "" || c.About == "" || len(c.Request) == 0 {
				t.Fatal("a case names its source, says what it is about and has a request")
			}
			if c.Endpoint != "/v1/schedules" && c.Endpoint != "/v1/statements" {
				t.Fatalf("endpoint %q", c.Endpoint)
			}
			switch c.Expect.Status {
			case http.StatusOK:
				if len(c.Expect.BodySubset) == 0 || c.Expect.Problems != nil {
					t.Fatal("a 200 case has a body_subset and no problems")
				}
			case http.StatusUnprocessableEntity:
				if len(c.Expect.Problems) == 0 || len(c.Expect.BodySubset) != 0 {
					t.Fatal("a 422 case has problems and no body_subset")
				}
			default:
				t.Fatalf("expect.status %d: 200 or 422", c.Expect.Status)
			}

			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, c.Endpoint, bytes.NewReader(c.Request)))
			if rec.Code != c.Expect.Status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.Expect.Status, rec.Body)
			}
			if rec.Code != http.StatusOK {
				checkCaseProblems(t, rec.Body.Bytes(), c.Expect.Problems)
				return
			}
			want, err := decodeNumbers(c.Expect.BodySubset)
			if err != nil {
				t.Fatalf("body_subset: %v", err)
			}
			got, err := decodeNumbers(rec.Body.Bytes())
			if err != nil {
				t.Fatalf("response: %v", err)
			}
			for _, diff := range matchSubset("", want, got) {
				t.Error(diff)
			}
		})
	}
}

// decodeNumbers decodes JSON keeping numbers as json.Number, so that they
// compare as written.
func decodeNumbers(b []byte) (any, error) {
	var v any
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	err := dec.Decode(&v)
	return v, err
}

// matchSubset returns a line for every place where got does not hold want:
// every key of an object in want must be in got with a matching value;
// an array in want matches an array in got element by element, by index
// (got may be longer; {} matches any object, to skip one); other values must
// be equal, numbers as written.
func matchSubset(at string, want, got any) []string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an object, got %s", pointerOrRoot(at), show(got))}
		}
		var out []string
		for k, wv := range w {
			gv, ok := g[k]
			if !ok {
				out = append(out, fmt.Sprintf("%s/%s: missing", at, k))
				continue
			}
			out = append(out, matchSubset(at+"/"+k, wv, gv)...)
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: want an array, got %s", pointerOrRoot(at), show(got))}
		}
		if len(g) < len(w) {
			return []string{fmt.Sprintf("%s: %d elements, want at least %d", pointerOrRoot(at), len(g), len(w))}
		}
		var out []string
		for i, wv := range w {
			out = append(out, matchSubset(fmt.Sprintf("%s/%d", at, i), wv, g[i])...)
		}
		return out
	}
	if want != got {
		return []string{fmt.Sprintf("%s = %s, want %s", pointerOrRoot(at), show(got), show(want))}
	}
	return nil
}

func pointerOrRoot(at string) string {
	if at == "" {
		return "(body)"
	}
	return at
}

func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 200 {
		return string(b[:200]) + "…"
	}
	return string(b)
}

// The subset match itself: what it accepts and what it refuses.
func TestMatchSubset(t *testing.T) {
	got, err := decodeNumbers([]byte(`{"a": "1", "n": 2, "z": null, "list": [{"x": 1, "y": 2}, {"x": 3}], "o": {"p": true}}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		want  string
		diffs int
	}{
		{`{}`, 0},
		{`{"a": "1"}`, 0},
		{`{"n": 2, "z": null, "o": {"p": true}}`, 0},
		{`{"list": [{}, {"x": 3}]}`, 0},
		{`{"list": [{"y": 2}]}`, 0},
		{`{"a": 1}`, 1},               // a number is not a string
		{`{"n": 2.0}`, 1},             // numbers compare as written
		{`{"missing": 1}`, 1},         //
		{`{"list": [{}, {}, {}]}`, 1}, // got is shorter
		{`{"list": [{"x": 2}, {"x": 4}]}`, 2},
		{`{"o": []}`, 1},
		{`{"z": false}`, 1},
	} {
		want, err := decodeNumbers([]byte(tc.want))
		if err != nil {
			t.Fatal(err)
		}
		if diffs := matchSubset("", want, got); len(diffs) != tc.diffs {
			t.Errorf("matchSubset(%s): %d differences %q, want %d", tc.want, len(diffs), diffs, tc.diffs)
		}
	}
}
