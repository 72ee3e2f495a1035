package httpapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnreentry/credit"
)

// The answers written by appending (encode_answers.go) must be the bytes
// writeJSON writes for the response types — the encoding/json path the
// handlers used before, kept as the reference here. These tests compare the
// two over every request of testdata (the worked cases, the schedule cases,
// the fuzz seeds of the three routes), under every good rules file of the
// repository's testdata, over a sweep of days, provinces and known-on days,
// and over fuzzed requests and texts (FuzzAnswers).

// answerRoutes are the routes whose answers are appended.
var answerRoutes = [3]string{"/v1/assessments", "/v1/schedules", "/v1/statements"}

// referenceAnswer is what writeJSON writes for v.
func referenceAnswer(t testing.TB, v any) []byte {
	t.Helper()
	rec := httptest.NewRecorder()
	writeJSON(rec, http.StatusOK, v)
	return rec.Body.Bytes()
}

// compareAnswer works out the answer to body on route under s and, when it
// is a 200, compares the appended answer with the reference. It reports
// whether there was an answer to compare.
func compareAnswer(t testing.TB, s *server, route string, body []byte) bool {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, route, bytes.NewReader(body))
	rec := httptest.NewRecorder()
	var got, want []byte
	switch route {
	case "/v1/assessments":
		as, j, ok := s.assessment(rec, req)
		if !ok {
			return false
		}
		got = appendAssessment(nil, &as, j)
		resp := newAssessmentResponse(&as)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	case "/v1/schedules":
		sc, j, ok := s.scheduleOf(rec, req)
		if !ok {
			return false
		}
		got = appendSchedule(nil, &sc, j)
		resp := newScheduleResponse(&sc)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	case "/v1/statements":
		st, j, ok := s.statementOf(rec, req)
		if !ok {
			return false
		}
		got = appendStatement(nil, &st, j)
		resp := newStatementResponse(&st)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	default:
		t.Fatalf("route %q", route)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s %s: appended answer differs from encoding/json's\n at byte %d\n got: %s\nwant: %s",
			route, body, firstDiff(got, want), got, want)
	}
	return true
}

// compareHandler serves body on route through the whole handler (New) and,
// for a 200, checks the headers and the body against the reference.
func compareHandler(t testing.TB, h http.Handler, s *server, route string, body []byte) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, route, bytes.NewReader(body)))
	if rec.Code != http.StatusOK {
		return
	}
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	if v := rec.Header().Get("X-Content-Type-Options"); v != "nosniff" {
		t.Fatalf("X-Content-Type-Options %q", v)
	}
	// The reference, worked out again from the same request.
	req := httptest.NewRequest(http.MethodPost, route, bytes.NewReader(body))
	var want []byte
	switch route {
	case "/v1/assessments":
		as, j, _ := s.assessment(httptest.NewRecorder(), req)
		resp := newAssessmentResponse(&as)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	case "/v1/schedules":
		sc, j, _ := s.scheduleOf(httptest.NewRecorder(), req)
		resp := newScheduleResponse(&sc)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	case "/v1/statements":
		st, j, _ := s.statementOf(httptest.NewRecorder(), req)
		resp := newStatementResponse(&st)
		resp.Jurisdiction = j
		want = referenceAnswer(t, resp)
	}
	if !bytes.Equal(rec.Body.Bytes(), want) {
		t.Fatalf("%s %s: handler's answer differs from encoding/json's at byte %d\n got: %s\nwant: %s",
			route, body, firstDiff(rec.Body.Bytes(), want), rec.Body.Bytes(), want)
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// serverWith is a server as New builds it, on book (nil: the default).
func serverWith(book *credit.Book) (http.Handler, *server) {
	h := New(Options{Book: book})
	s := newTestServer(new(bytes.Buffer))
	if book != nil {
		s.book = book
	}
	return h, s
}

// answerCorpus is every request of testdata the package's tests use on the
// three routes, by route.
func answerCorpus(t testing.TB) map[string][][]byte {
	t.Helper()
	corpus := map[string][][]byte{}
	cases, err := filepath.Glob("testdata/cases/*.json")
	if err != nil || len(cases) < 10 {
		t.Fatalf("testdata/cases: %d files, %v", len(cases), err)
	}
	for _, file := range cases {
		var c struct {
			Request json.RawMessage `json:"request"`
		}
		readJSONFile(t, file, &c)
		corpus["/v1/assessments"] = append(corpus["/v1/assessments"], c.Request)
	}
	scheds, err := filepath.Glob("testdata/schedules/*.json")
	if err != nil || len(scheds) < 10 {
		t.Fatalf("testdata/schedules: %d files, %v", len(scheds), err)
	}
	for _, file := range scheds {
		var c struct {
			Endpoint string          `json:"endpoint"`
			Request  json.RawMessage `json:"request"`
		}
		readJSONFile(t, file, &c)
		corpus[c.Endpoint] = append(corpus[c.Endpoint], c.Request)
	}
	for route, dir := range map[string]string{"/v1/assessments": "FuzzAssessment", "/v1/schedules": "FuzzSchedule", "/v1/statements": "FuzzStatement"} {
		files, err := filepath.Glob(filepath.Join("testdata", "fuzz", dir, "*"))
		if err != nil || len(files) == 0 {
			t.Fatalf("testdata/fuzz/%s: %v", dir, err)
		}
		for _, file := range files {
			corpus[route] = append(corpus[route], readSeedBody(t, file))
		}
	}
	for _, s := range answerSeeds {
		corpus[answerRoutes[int(s.route)%len(answerRoutes)]] = append(corpus[answerRoutes[int(s.route)%len(answerRoutes)]], []byte(s.body))
	}
	return corpus
}

func readJSONFile(t testing.TB, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// readSeedBody reads the one []byte value of a `go test fuzz v1` file.
func readSeedBody(t testing.TB, file string) []byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") || !strings.HasSuffix(lines[1], ")") {
		t.Fatalf("%s: not a one-value seed file", file)
	}
	s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return []byte(s)
}

// rulesBooks are the default book, the good rules files of the repository's
// testdata and those of the worked cases, by name.
func rulesBooks(t testing.TB) map[string]*credit.Book {
	t.Helper()
	books := map[string]*credit.Book{"default": credit.DefaultBook()}
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "rules", "good_*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("../../testdata/rules: %v", err)
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		b, err := credit.DefaultBook().Override(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		books[filepath.Base(file)] = b
	}
	cases, _ := filepath.Glob("testdata/cases/*.json")
	for _, file := range cases {
		var c struct {
			Rules json.RawMessage `json:"rules"`
		}
		readJSONFile(t, file, &c)
		if len(c.Rules) == 0 {
			continue
		}
		b, err := credit.DefaultBook().Override(bytes.NewReader(c.Rules))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		books[filepath.Base(file)] = b
	}
	return books
}

// TestAnswersByteIdentical compares the appended answers with
// encoding/json's over every request of testdata, under every rules book,
// and through the whole handler.
func TestAnswersByteIdentical(t *testing.T) {
	corpus := answerCorpus(t)
	for name, book := range rulesBooks(t) {
		t.Run(name, func(t *testing.T) {
			h, s := serverWith(book)
			n := 0
			for _, route := range answerRoutes {
				for _, body := range corpus[route] {
					if compareAnswer(t, s, route, body) {
						n++
					}
					compareHandler(t, h, s, route, body)
				}
			}
			if n < 40 {
				t.Fatalf("only %d answers compared", n)
			}
		})
	}
}

// TestAnswersByteIdenticalSweep compares the answers over days from before
// the policy to years after it, in every province and nationally, with and
// without a known-on day: every edition of the book, every rate, every
// jurisdiction the answers can carry.
func TestAnswersByteIdenticalSweep(t *testing.T) {
	h, s := serverWith(nil)
	provinces := []string{""}
	for _, p := range credit.Provinces() {
		provinces = append(provinces, p.Code)
	}
	knowns := []string{"", "2025-12-03", "2025-12-04", "2026-06-01"}
	n := 0
	day := credit.MustDate(2023, 10, 1)
	for i := 0; day.Before(credit.MustDate(2028, 1, 1)); i++ {
		p := provinces[i%len(provinces)]
		k := knowns[i%len(knowns)]
		where := ""
		if p != "" {
			where += `,"province":"` + p + `"`
		}
		if k != "" {
			where += `,"known_on":"` + k + `"`
		}
		bodies := [3]string{
			fmt.Sprintf(`{"requested_on":%q,"purpose":"vocational_training","amount":"%d","course_months":%d,"leave_months":%d%s,"same_purpose_debt":false,"individual":{"release":{"basis":"completion","completed_on":"2023-01-15"},"on_commune_list":true,"household_has_capable_adult":%t}}`,
				day, 1+i*997_001, 1+i%24, i%3, where, i%2 == 0),
			fmt.Sprintf(`{"amount":"%d","disbursed_on":%q,"term_months":%d,"principal_every_months":%d,"grace_months":%d%s}`,
				1+i*1_234_567, day, 12*(1+i%5), 1+i%6, i%4, where),
			fmt.Sprintf(`{"amount":"%d","disbursed_on":%q,"term_months":24,"principal_every_months":%d%s,"payments":[{"on":%q,"amount":"%d"},{"on":%q,"amount":"1"}],"as_of":%q}`,
				100_000_000+i, day, 1+i%12, where, day.AddDays(40), 3_000_000+i*17, day.AddDays(400), day.AddDays(30+i%700)),
		}
		if i%11 == 0 { // an establishment now and then
			bodies[0] = fmt.Sprintf(`{"requested_on":%q,"purpose":"production","amount":"%d"%s,"establishment":{"kind":%q,"lawful":true,"total_workers":%d,"qualifying_workers":3,"plan_confirmed":true}}`,
				day, 50_000_000*i, where, []string{"sme", "cooperative", "cooperative_group", "household_business", "large_enterprise"}[i%5], 3+i%40)
		}
		for r, body := range bodies {
			if compareAnswer(t, s, answerRoutes[r], []byte(body)) {
				n++
			}
			if i%17 == 0 {
				compareHandler(t, h, s, answerRoutes[r], []byte(body))
			}
		}
		day = day.AddDays(9)
	}
	if n < 300 {
		t.Fatalf("only %d answers compared", n)
	}
}

// TestAppendJSONString compares the escaper with encoding/json, with and
// without HTML escaping, on the texts that need care.
func TestAppendJSONString(t *testing.T) {
	texts := []string{
		"", "plain", "Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg", `"quoted" \ back\slash`,
		"\b\f\n\r\t\x00\x01\x1f\x7f", "<script>&amp;</script>", "\u2028\u2029 line and paragraph",
		"\xff\xfe invalid", "a\xc3", "\xed\xa0\x80 surrogate", "\xf4\x90\x80\x80 beyond", "€ 😀 ǅ",
		"mixed\u2028<\xff>&\"\n", strings.Repeat("ế", 300),
	}
	for _, s := range texts {
		checkJSONString(t, s)
	}
	for b := range 256 {
		checkJSONString(t, string([]byte{byte(b)}))
		checkJSONString(t, "x"+string([]byte{byte(b)})+"y")
	}
}

func checkJSONString(t testing.TB, s string) {
	t.Helper()
	html, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := appendJSONString(nil, s, true); !bytes.Equal(got, html) {
		t.Fatalf("%q with HTML escaping: %s, encoding/json %s", s, got, html)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	plain := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	if got := appendJSONString(nil, s, false); !bytes.Equal(got, plain) {
		t.Fatalf("%q: %s, encoding/json %s", s, got, plain)
	}
}

// TestCachesFollowValues checks that a cached citation or message that
// changes in place (or a book replaced whose values reuse nothing) is
// written anew, never from the cache.
func TestCachesFollowValues(t *testing.T) {
	c := &credit.Citation{Instrument: "22/2023/QĐ-TTg", Article: 3, Text: "Điều 3", TextEN: "Article 3"}
	first := appendCitation(nil, c)
	if want := referenceCitation(t, c); !bytes.Equal(first, want) {
		t.Fatalf("%s, want %s", first, want)
	}
	c.Text, c.Note, c.Point = "Điều 3 <sửa>", "a note\u2028", "b"
	if got, want := appendCitation(nil, c), referenceCitation(t, c); !bytes.Equal(got, want) {
		t.Fatalf("after a change: %s, want %s", got, want)
	}
	m := &credit.Text{VI: "một", EN: "one"}
	_ = appendMessage(nil, m)
	m.EN = "two"
	if got := appendMessage(nil, m); !bytes.Contains(got, []byte(`"message_en":"two"`)) {
		t.Fatalf("after a change: %s", got)
	}
	// More values than the cache holds: it starts again, the answers stay right.
	for i := range 2*maxCached + 3 {
		c := &credit.Citation{Instrument: strconv.Itoa(i), Text: "t" + strconv.Itoa(i), TextEN: "e"}
		if got, want := appendCitation(nil, c), referenceCitation(t, c); !bytes.Equal(got, want) {
			t.Fatalf("%s, want %s", got, want)
		}
	}
}

func referenceCitation(t testing.TB, c *credit.Citation) []byte {
	return bytes.TrimSuffix(referenceAnswer(t, citation(c)), []byte("\n"))
}

// answerSeeds are the seeds of FuzzAnswers: a route (0 assessments, 1
// schedules, 2 statements), a body, and a note the rules book's lending
// rate carries (none when empty), so that texts the escaper must escape
// reach the answers. The same seeds are stored in
// testdata/fuzz/FuzzAnswers/ (seed-01 …, in this order);
// TestAnswersFuzzSeedFiles checks that the files and the list agree, and
// `go test -run TestAnswersFuzzSeedFiles -update-answer-seeds` rewrites
// them.
var answerSeeds = []struct {
	route uint8
	body  string
	note  string
}{
	// 01 the contract's example as an individual.
	{0, `{"requested_on":"2024-06-01","purpose":"production","amount":"150000000","course_months":10,"same_purpose_debt":false,"individual":{"full_name":"Lò Văn Hùng","date_of_birth":"1988-03-02","id_number":"012088004512","release":{"basis":"completion","certificate_no":"45/GCN","completed_on":"2022-03-15"},"on_commune_list":true,"household_has_capable_adult":true}}`, ""},
	// 02 an establishment, national answer across the storm-relief cut, a note to escape.
	{0, `{"requested_on":"2025-10-15","purpose":"production","amount":"500000000","establishment":{"name":"HTX","kind":"cooperative","lawful":true,"total_workers":30,"qualifying_workers":10,"plan_confirmed":true}}`, "<b>\"cut\"</b> & \u2028\u2029\n\t\x01\xff"},
	// 03 training with study leave, in Lai Châu, as known on a day.
	{0, `{"requested_on":"2025-10-15","province":"12","known_on":"2025-12-04","purpose":"vocational_training","course_months":10,"leave_months":2,"same_purpose_debt":false,"individual":{"release":{"basis":"completion","completed_on":"2022-03-15"},"on_commune_list":true}}`, "Ghi chú: lãi suất giả định"},
	// 04 a window closed: ineligible, a last eligible day.
	{0, `{"requested_on":"2025-06-01","purpose":"production","amount":"1","individual":{"release":{"basis":"completion","completed_on":"2020-01-01"},"on_commune_list":true}}`, ""},
	// 05 the 120-month schedule of the benchmarks.
	{1, `{"amount": "100000000", "disbursed_on": "2025-06-10", "term_months": 120, "principal_every_months": 3}`, ""},
	// 06 a training loan paid out month by month, with grace and prepayments, a note.
	{1, `{"amount":"40000000","disbursed_on":"2026-01-05","term_months":30,"principal_every_months":1,"grace_months":12,"purpose":"vocational_training","course_months":10,"disbursements":[{"on":"2026-01-05","amount":"20000000"},{"on":"2026-06-05","amount":"20000000"}],"prepayments":[{"on":"2026-09-01","amount":"5000000"}]}`, "\\ back \" quote </script>"},
	// 07 Lai Châu across the cut, known on the day QĐ2654 was signed.
	{1, `{"amount":"100000000","disbursed_on":"2025-10-01","term_months":24,"principal_every_months":12,"province":"12","known_on":"2025-12-04"}`, ""},
	// 08 a statement with a missed part.
	{2, `{"amount": "100000000", "disbursed_on": "2025-11-01", "term_months": 24, "principal_every_months": 12, "payments": [{"on": "2026-11-01", "amount": "10000000"}], "as_of": "2026-12-15"}`, ""},
	// 09 a statement paid off early, nationally, as known before the cut, a note.
	{2, `{"amount":"100000000","disbursed_on":"2025-10-01","term_months":24,"principal_every_months":1,"known_on":"2025-12-03","payments":[{"on":"2025-11-01","amount":"5000000"},{"on":"2025-11-10","amount":"100200000"}],"as_of":"2025-12-15"}`, "\u0000\u001f€😀"},
	// 10 nothing paid, long after the term, the largest amount.
	{2, `{"amount":"1000000000000000","disbursed_on":"2023-10-10","term_months":120,"principal_every_months":120,"as_of":"2099-12-31"}`, ""},
}

var updateAnswerSeeds = flag.Bool("update-answer-seeds", false, "rewrite testdata/fuzz/FuzzAnswers from answerSeeds")

// answerSeedFile is a seed in the `go test fuzz v1` format.
func answerSeedFile(route uint8, body, note string) string {
	return fmt.Sprintf("go test fuzz v1\nbyte(%q)\n[]byte(%q)\nstring(%q)\n", route, []byte(body), note)
}

// TestAnswersFuzzSeedFiles checks that the seed files of FuzzAnswers are
// answerSeeds.
func TestAnswersFuzzSeedFiles(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzAnswers")
	for i, s := range answerSeeds {
		file := filepath.Join(dir, fmt.Sprintf("seed-%02d", i+1))
		want := answerSeedFile(s.route, s.body, s.note)
		if *updateAnswerSeeds {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(file)
		if err != nil {
			t.Errorf("%s: %v (run with -update-answer-seeds)", file, err)
			continue
		}
		if string(got) != want {
			t.Errorf("%s differs from seed %d (run with -update-answer-seeds)", file, i+1)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("seed-%02d", len(answerSeeds)+1))); err == nil {
		t.Errorf("%s has more seed files than answerSeeds has seeds", dir)
	}
}

// FuzzAnswers compares the appended answers with encoding/json's for
// fuzzed requests on the three routes, under a rules book whose lending
// rate carries a fuzzed note (so that any text reaches the answer's
// citations), and fuzzes the escaper with the same text.
func FuzzAnswers(f *testing.F) {
	for _, s := range answerSeeds {
		f.Add(s.route, []byte(s.body), s.note)
	}
	_, plain := serverWith(nil)
	f.Fuzz(func(t *testing.T, route uint8, body []byte, note string) {
		checkJSONString(t, note)
		checkJSONString(t, string(body))
		s := plain
		if note != "" && utf8.ValidString(note) {
			rules, err := json.Marshal(map[string]any{
				"version": "fuzz/" + note,
				"parameters": map[string]any{"lending_rate_yearly_pct": []any{
					map[string]any{"from": "2015-06-05", "to": "2025-11-30", "value": "6.6", "citation": map[string]any{"instrument": "750/QĐ-TTg", "note": note}},
					map[string]any{"from": "2025-12-01", "value": "6.24", "citation": map[string]any{"instrument": "2553/QĐ-TTg", "note": note + note}},
				}},
			})
			if err != nil {
				t.Fatal(err)
			}
			if book, err := credit.DefaultBook().Override(bytes.NewReader(rules)); err == nil {
				_, s = serverWith(book)
			}
		}
		compareAnswer(t, s, answerRoutes[int(route)%len(answerRoutes)], body)
	})
}
