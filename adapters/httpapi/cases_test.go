package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnreentry/credit"
	"github.com/vnreentry/credit/adapters/httpapi"
)

// workedCase is a file of testdata/cases: a request of the v1 contract, an
// optional rules file to serve it under, and what must come back. The
// worked cases of the legal reference §9 are among them; each file names its
// source.
type workedCase struct {
	Source  string          `json:"source"`
	About   string          `json:"about"`
	Rules   json.RawMessage `json:"rules"`
	Request json.RawMessage `json:"request"`
	Expect  struct {
		Status          int               `json:"status"`
		Decision        string            `json:"decision"`
		RulesVersion    string            `json:"rules_version"`
		Outcomes        map[string]string `json:"outcomes"`
		LastEligibleDay string            `json:"last_eligible_day"`
		// Terms: absent means not checked; null means the response must
		// have no terms; an object lists the fields that must match.
		Terms    json.RawMessage `json:"terms"`
		Problems [][2]string     `json:"problems"`
	} `json:"expect"`
}

func TestWorkedCases(t *testing.T) {
	files, err := filepath.Glob("testdata/cases/*.json")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 10 {
		t.Fatalf("found %d case files, want the legal reference's worked cases", len(files))
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".json"), func(t *testing.T) {
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var c workedCase
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				t.Fatalf("case file: %v", err)
			}
			if c.Source == "" || c.About == "" || c.Expect.Status == 0 {
				t.Fatal("a case names its source, says what it is about and expects a status")
			}
			book := credit.DefaultBook()
			if len(c.Rules) > 0 {
				if book, err = book.Override(bytes.NewReader(c.Rules)); err != nil {
					t.Fatalf("rules: %v", err)
				}
			}
			h := httpapi.New(httpapi.Options{Book: book})
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/v1/assessments", bytes.NewReader(c.Request)))
			if rec.Code != c.Expect.Status {
				t.Fatalf("status %d, want %d: %s", rec.Code, c.Expect.Status, rec.Body)
			}
			if rec.Code != http.StatusOK {
				checkCaseProblems(t, rec.Body.Bytes(), c.Expect.Problems)
				return
			}
			checkCaseDecision(t, &c, rec.Body.Bytes())
		})
	}
}

func checkCaseDecision(t *testing.T, c *workedCase, body []byte) {
	t.Helper()
	var resp struct {
		Decision     string `json:"decision"`
		RulesVersion string `json:"rules_version"`
		Findings     []struct {
			Rule            string `json:"rule"`
			Outcome         string `json:"outcome"`
			LastEligibleDay string `json:"last_eligible_day"`
			Citation        struct {
				Instrument string `json:"instrument"`
				Text       string `json:"text"`
			} `json:"citation"`
		} `json:"findings"`
		Terms map[string]any `json:"terms"`
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	if resp.Decision != c.Expect.Decision {
		t.Errorf("decision %q, want %q", resp.Decision, c.Expect.Decision)
	}
	wantVersion := c.Expect.RulesVersion
	if wantVersion == "" {
		wantVersion = credit.DefaultVersion
	}
	if resp.RulesVersion != wantVersion {
		t.Errorf("rules_version %q, want %q", resp.RulesVersion, wantVersion)
	}
	got := map[string]string{}
	for _, f := range resp.Findings {
		got[f.Rule] = f.Outcome
		if f.Citation.Instrument == "" || f.Citation.Text == "" {
			t.Errorf("%s: no citation", f.Rule)
		}
		if f.Rule == "individual.release_window" && c.Expect.LastEligibleDay != "" && f.LastEligibleDay != c.Expect.LastEligibleDay {
			t.Errorf("last_eligible_day %q, want %q", f.LastEligibleDay, c.Expect.LastEligibleDay)
		}
	}
	if c.Expect.Outcomes != nil {
		if len(got) != len(c.Expect.Outcomes) {
			t.Errorf("findings %v, want %v", got, c.Expect.Outcomes)
		}
		for rule, want := range c.Expect.Outcomes {
			if got[rule] != want {
				t.Errorf("%s: %q, want %q", rule, got[rule], want)
			}
		}
	}
	switch {
	case len(c.Expect.Terms) == 0:
	case string(c.Expect.Terms) == "null":
		if resp.Terms != nil {
			t.Errorf("terms present: %v", resp.Terms)
		}
	default:
		var want map[string]any
		if err := json.Unmarshal(c.Expect.Terms, &want); err != nil {
			t.Fatal(err)
		}
		if resp.Terms == nil {
			t.Fatal("no terms")
		}
		for k, v := range want {
			if resp.Terms[k] != v {
				t.Errorf("terms.%s = %v, want %v", k, resp.Terms[k], v)
			}
		}
	}
}

func checkCaseProblems(t *testing.T, body []byte, want [][2]string) {
	t.Helper()
	var p struct {
		Errors []struct {
			Pointer string `json:"pointer"`
			Code    string `json:"code"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != len(want) {
		t.Fatalf("problems %+v, want %v", p.Errors, want)
	}
	for i, w := range want {
		if p.Errors[i].Pointer != w[0] || p.Errors[i].Code != w[1] {
			t.Errorf("problem %d = %s %s, want %s %s", i, p.Errors[i].Pointer, p.Errors[i].Code, w[0], w[1])
		}
	}
}
