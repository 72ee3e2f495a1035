package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to make the PostgreSQL run its own database
)

// TestProvinceMonth is a month of province 12 (Lai Châu) through HTTP
// against the real server and store: three communes' police draft their
// Mẫu 01 lists, the committees certify them (one is returned, corrected
// under If-Match and sent again), VBSP receives them — one screened
// application per row, a person listed by two communes flagged by commune,
// never by number — decides, lends and records repayments; the province
// reads the round, the demand and the portfolio from the store, and the
// audit trail holds together without a name in it. A fourth commune sends
// nothing but a draft the submit refuses. At each step the refusals the
// contract names (401, 403, 404 outside scope, 409, 412, 422, 428), and
// the races: two edits of one draft, two receipts of one list, two
// approvals of one application, a submit retried (after its answer, and
// while it is under way). Last, a supplementary list of the month, which
// the round must count with the commune's first (subtest "supplementary
// list"). On
// SQLite always; on PostgreSQL when CREDIT_TEST_POSTGRES is set, in a
// database of its own (the province's reports count everything stored in
// it).
//
// The clock. A list is on time when it was first submitted on or before
// the 5th of its period, by the day the store stamped on its submit step;
// the server takes no clock from the test (run has no flag for one: the
// store and the handler stamp time.Now). So the month is the one just gone, p0: its
// lists are drawn up by the 5th (prepared_on) but first submitted today,
// after the 5th, and the round calls each of them late; a list of the
// coming month, p1, submitted today is on time. Every date of the
// scenario is counted from today (Vietnam time) so that the test means
// the same on any day: payments may not be dated after today, and the
// release window closes some years after a sentence ends. (A run across
// midnight at the end of a month, Vietnam time, would see two months.)
func TestProvinceMonth(t *testing.T) {
	dbs := map[string]string{"sqlite": filepath.Join(t.TempDir(), "month.db")}
	if pg := os.Getenv("CREDIT_TEST_POSTGRES"); pg != "" {
		dbs["postgres"] = pg
	} else {
		t.Log("CREDIT_TEST_POSTGRES not set: the month on PostgreSQL skipped")
	}
	for engine, db := range dbs {
		t.Run(engine, func(t *testing.T) {
			if engine == "postgres" {
				db = ownPostgresDatabase(t, db)
			}
			began := time.Now()
			provinceMonth(t, startOn(t, db))
			t.Logf("the month on %s took %v", engine, time.Since(began).Round(time.Millisecond))
		})
	}
}

// ownPostgresDatabase makes a new database on the server of dsn for one
// run, and drops it when the test (and its server, stopped earlier by the
// cleanups' order) is done; it returns its URL.
func ownPostgresDatabase(t *testing.T, dsn string) string {
	t.Helper()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("CREDIT_TEST_POSTGRES: %v", err)
	}
	name := fmt.Sprintf("credit_month_%d", time.Now().UnixNano())
	exec := func(stmt string) error {
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return err
		}
		defer db.Close()
		_, err = db.ExecContext(context.Background(), stmt)
		return err
	}
	if err := exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("a database of the month's own on %s: %v", u.Redacted(), err)
	}
	t.Cleanup(func() {
		if err := exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// row01 and list01 are a Mẫu 01 list as POST /v1/lists takes it.
type row01 struct {
	FullName        string `json:"full_name"`
	DateOfBirth     string `json:"date_of_birth"`
	Sex             string `json:"sex"`
	IDNumber        string `json:"id_number"`
	Residence       string `json:"residence"`
	ReleaseBasis    string `json:"release_basis"`
	CertificateNo   string `json:"certificate_no"`
	CertificateDate string `json:"certificate_date"`
	CompletedOn     string `json:"completed_on"`
	Purpose         string `json:"purpose"`
	Amount          string `json:"amount"`
	CourseMonths    *int   `json:"course_months,omitempty"`
	Note            string `json:"note"`
}

type list01 struct {
	Province    string  `json:"province"`
	CommuneCode string  `json:"commune_code"`
	CommuneName string  `json:"commune_name"`
	Period      string  `json:"period"`
	PreparedOn  string  `json:"prepared_on"`
	PreparedBy  string  `json:"prepared_by"`
	CertifiedBy string  `json:"certified_by"`
	Rows        []row01 `json:"rows"`
}

// application is an application as GET /v1/applications answers it.
type application struct {
	ID           int64    `json:"id"`
	ListID       int64    `json:"list_id"`
	PlanID       int64    `json:"plan_id"`
	Row          int      `json:"row"`
	CommuneCode  string   `json:"commune_code"`
	ProvinceCode string   `json:"province_code"`
	Period       string   `json:"period"`
	Verdict      string   `json:"verdict"`
	RulesVersion string   `json:"rules_version"`
	SharedWith   []string `json:"shared_with"`
	Decision     string   `json:"decision"`
	Note         string   `json:"note"`
	LoanID       int64    `json:"loan_id"`
	Screening    struct {
		Decision     string `json:"decision"`
		RulesVersion string `json:"rules_version"`
		Findings     []struct {
			Rule     string `json:"rule"`
			Outcome  string `json:"outcome"`
			Citation struct {
				Instrument string `json:"instrument"`
				Text       string `json:"text"`
			} `json:"citation"`
		} `json:"findings"`
		Terms *struct {
			Cap    string `json:"cap"`
			Amount string `json:"amount"`
		} `json:"terms"`
	} `json:"screening"`
	Loan *struct {
		ID     int64  `json:"id"`
		Amount string `json:"amount"`
		Status string `json:"status"`
	} `json:"loan"`
}

// communeRound is a commune of GET /v1/reports/monthly-lists.
type communeRound struct {
	CommuneCode string `json:"commune_code"`
	Rows        int    `json:"rows"`
	Demand      string `json:"demand"`
	OnTime      bool   `json:"on_time"`
	PreparedOn  string `json:"prepared_on"`
	SubmittedOn string `json:"submitted_on"`
}

type monthlyReport struct {
	Period     string         `json:"period"`
	DueOn      string         `json:"due_on"`
	Communes   []communeRound `json:"communes"`
	Missing    []string       `json:"missing"`
	Late       []string       `json:"late"`
	Unexpected []string       `json:"unexpected"`
	Totals     struct {
		Rows            int               `json:"rows"`
		Demand          string            `json:"demand"`
		DemandByPurpose map[string]string `json:"demand_by_purpose"`
	} `json:"totals"`
	Shared []struct {
		Communes []string `json:"communes"`
		Rows     []struct {
			ListID int64 `json:"list_id"`
			Row    int   `json:"row"`
		} `json:"rows"`
	} `json:"shared_people"`
}

type demandReport struct {
	Year      int    `json:"year"`
	People    int    `json:"people"`
	Demand    string `json:"demand"`
	Capital   string `json:"capital"`
	Shortfall string `json:"shortfall"`
	ByCommune []struct {
		CommuneCode string `json:"commune_code"`
		People      int    `json:"people"`
		Demand      string `json:"demand"`
	} `json:"by_commune"`
}

type figures struct {
	Loans       int    `json:"loans"`
	Disbursed   string `json:"disbursed"`
	Outstanding string `json:"outstanding"`
	Overdue     string `json:"overdue"`
}

type portfolioReport struct {
	AsOf      string  `json:"as_of"`
	Totals    figures `json:"totals"`
	ByCommune []struct {
		CommuneCode string `json:"commune_code"`
		figures
	} `json:"by_commune"`
	ByChannel []struct {
		Channel string `json:"channel"`
		figures
	} `json:"by_channel"`
	ByCapitalSource []struct {
		CapitalSource string `json:"capital_source"`
		figures
	} `json:"by_capital_source"`
	Unclassified []string `json:"unclassified_loans"`
}

func provinceMonth(t *testing.T, admin client) {
	// ---- helpers ----
	decode := func(k call, v any) {
		t.Helper()
		if err := json.Unmarshal(k.body, v); err != nil {
			t.Fatalf("%v\n%s", err, k.body)
		}
	}
	idOf := func(k call) int64 {
		t.Helper()
		id, ok := k.field(t, "id").(float64)
		if !ok || id <= 0 {
			t.Fatalf("no id in\n%s", k.body)
		}
		return int64(id)
	}
	// problemCodes are the codes of a problem+json answer's errors.
	problemCodes := func(k call) []string {
		t.Helper()
		var p struct {
			Errors []struct{ Pointer, Code string } `json:"errors"`
		}
		decode(k, &p)
		var out []string
		for _, e := range p.Errors {
			out = append(out, e.Pointer+" "+e.Code)
		}
		return out
	}
	hasProblem := func(what string, k call, pointer, code string) {
		t.Helper()
		if ct := k.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/problem+json") {
			t.Errorf("%s: Content-Type %q, want application/problem+json", what, ct)
		}
		if codes := problemCodes(k); !slices.Contains(codes, pointer+" "+code) {
			t.Errorf("%s: errors %v, want %q at %q", what, codes, code, pointer)
		}
	}
	// conflict checks a 409 and its code.
	conflict := func(what string, k call, code string) {
		t.Helper()
		k.expect(t, what, http.StatusConflict)
		if got := k.field(t, "code"); got != code {
			t.Errorf("%s: code %v, want %s\n%s", what, got, code, k.body)
		}
	}
	vnd := func(s string) int64 {
		t.Helper()
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("not whole đồng: %q", s)
		}
		return n
	}
	dong := func(n int64) string { return strconv.FormatInt(n, 10) }
	// race sends two requests at once and returns their answers' statuses,
	// smallest first.
	race := func(a, b func() call) []int {
		var wg sync.WaitGroup
		got := make([]int, 2)
		for i, f := range []func() call{a, b} {
			wg.Add(1)
			go func() { defer wg.Done(); got[i] = f().status }()
		}
		wg.Wait()
		slices.Sort(got)
		return got
	}

	// ---- the calendar, from today in Vietnam ----
	vn := time.FixedZone("ICT", 7*60*60)
	now := time.Now().In(vn)
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	p0, p1 := thisMonth.AddDate(0, -1, 0), thisMonth.AddDate(0, 1, 0) // the month just gone, the coming one
	period := func(m time.Time) string { return m.Format("2006-01") }
	day := func(m time.Time, d int) string { return m.AddDate(0, 0, d-1).Format(time.DateOnly) }
	monthsBefore := func(m time.Time, n int) string { return m.AddDate(0, -n, 9).Format(time.DateOnly) }
	today := now.Format(time.DateOnly)
	tomorrow := now.AddDate(0, 0, 1).Format(time.DateOnly)

	// ---- the communes of province 12, from the store's catalogue ----
	const (
		banBo    = "03424" // Xã Bản Bo: its list is returned once
		taLeng   = "03405" // Xã Tả Lèng: lists a person Bản Bo lists too
		doanKet  = "03388" // Phường Đoàn Kết: also sends next month's list
		binhLu   = "03390" // Xã Bình Lư: sends nothing
		province = "12"
	)
	var catalogue struct {
		Communes []struct {
			Code         string `json:"code"`
			Name         string `json:"name"`
			ProvinceCode string `json:"province_code"`
		} `json:"communes"`
	}
	decode(admin.send("GET", "/v1/communes", "").expect(t, "the catalogue", http.StatusOK), &catalogue)
	var laiChau []string // the communes the province's round expects
	names := map[string]string{}
	for _, c := range catalogue.Communes {
		if c.ProvinceCode == province {
			laiChau = append(laiChau, c.Code)
			names[c.Code] = c.Name
		}
	}
	slices.Sort(laiChau)
	for _, c := range []string{banBo, taLeng, doanKet, binhLu} {
		if !slices.Contains(laiChau, c) {
			t.Fatalf("commune %s is not in province %s of the catalogue (%d communes)", c, province, len(laiChau))
		}
	}
	missingBut := func(sent ...string) []string { // the expected communes that sent nothing
		return slices.DeleteFunc(slices.Clone(laiChau), func(c string) bool { return slices.Contains(sent, c) })
	}

	// ---- the people on the lists, from examples/data/list-01.json ----
	var sample list01
	data, err := os.ReadFile("../../examples/data/list-01.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &sample); err != nil || len(sample.Rows) != 3 {
		t.Fatalf("examples/data/list-01.json: %v", err)
	}
	released := func(r row01, monthsAgo int) row01 { // released monthsAgo months before p0
		r.CompletedOn = monthsBefore(p0, monthsAgo)
		r.CertificateDate = r.CompletedOn
		return r
	}
	person := func(name, born, sex, id, residence, purpose string, amount int64, course int) row01 {
		r := row01{FullName: name, DateOfBirth: born, Sex: sex, IDNumber: id, Residence: residence,
			ReleaseBasis: "completion", CertificateNo: id[8:] + "/GCN", Purpose: purpose, Amount: dong(amount)}
		if course > 0 {
			r.CourseMonths = &course
		}
		return r
	}
	thang := released(sample.Rows[0], 15)            // production, 80,000,000
	mai := released(sample.Rows[1], 3)               // vocational training, 30,000,000
	pao := released(sample.Rows[2], 11)              // production, 50,000,000; listed by Tả Lèng too
	paoAtTaLeng := pao                               // the same person, the same ID number
	paoAtTaLeng.Residence = "Bản Hồ Pên, xã Tả Lèng" // where he lives now
	dua := released(person("Vàng Thị Dua", "1999-05-06", "female", "012199002345", "Bản Lao Chải, xã Tả Lèng", "production", 60_000_000, 0), 7)
	khanh := released(person("Lường Văn Khánh", "1985-09-30", "male", "012085006789", "Tổ 5, phường Đoàn Kết", "production", 100_000_000, 0), 20)
	phuong := released(person("Lò Thị Phương", "2000-01-15", "female", "012300001122", "Tổ 9, phường Đoàn Kết", "vocational_training", 40_000_000, 12), 5)
	son := released(person("Đèo Văn Sơn", "1993-03-12", "male", "012093007788", "Tổ 2, phường Đoàn Kết", "production", 40_000_000, 0), 2)
	tinh := released(person("Lò Văn Tính", "1992-08-08", "male", "012092004321", "Tổ 7, phường Đoàn Kết", "production", 30_000_000, 0), 4)
	// Bình Lư's police draw up a list with mistakes, and never send one.
	lanh := released(person("Hoàng Văn Lành", "1991-04-04", "female", "012091000777", "Bản Bình Lư", "production", 120_000_000, 0), 6)

	listOf := func(commune string, month time.Time, preparedOn int, rows ...row01) list01 {
		l := sample
		l.CommuneCode, l.CommuneName = commune, names[commune]
		l.Period, l.PreparedOn = period(month), day(month, preparedOn)
		l.PreparedBy, l.CertifiedBy = "Trưởng Công an "+names[commune], "Chủ tịch UBND "+names[commune]
		l.Rows = rows
		return l
	}
	jsonOf := func(v any) string {
		t.Helper()
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	listA := listOf(banBo, p0, 2, thang, mai, pao)
	listB := listOf(taLeng, p0, 3, paoAtTaLeng, dua)
	listC := listOf(doanKet, p0, 4, khanh, phuong)
	listC1 := listOf(doanKet, p1, 1, son)  // next month's, sent early
	listCs := listOf(doanKet, p0, 5, tinh) // a supplementary list (danh sách bổ sung) of the month
	listS := listOf(binhLu, p0, 3, lanh)   // the ID number says male; above the cap

	// A cooperative's Mẫu 02 plan in Bản Bo whose workers fall short of
	// the share the policy asks (3 of 40): screened ineligible.
	var plan map[string]any
	data, err = os.ReadFile("../../examples/data/plan-02.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &plan); err != nil {
		t.Fatal(err)
	}
	plan["commune_code"], plan["commune_name"] = banBo, names[banBo]
	plan["total_workers"] = 40
	plan["prepared_on"], plan["confirmed_on"] = day(p0, 10), day(p0, 12)

	// What must never reach a province_viewer or the audit trail: every
	// name and ID number of the lists and of the plan.
	var personal []string
	for _, r := range []row01{thang, mai, pao, dua, khanh, phuong, son, tinh, lanh} {
		personal = append(personal, r.FullName, r.IDNumber)
	}
	personal = append(personal, plan["legal_representative"].(string))
	for _, w := range plan["workers"].([]any) {
		w := w.(map[string]any)
		personal = append(personal, w["full_name"].(string), w["id_number"].(string))
	}
	idNumbers := []string{thang.IDNumber, mai.IDNumber, pao.IDNumber, dua.IDNumber, khanh.IDNumber, phuong.IDNumber, son.IDNumber, tinh.IDNumber, lanh.IDNumber}
	noneOf := func(what string, body []byte, secrets []string) {
		t.Helper()
		for _, s := range secrets {
			if bytes.Contains(body, []byte(s)) {
				t.Errorf("%s holds %q", what, s)
			}
		}
	}

	// ---- the officers ----
	communes := func(codes ...string) string { return `, "communes": ["` + strings.Join(codes, `", "`) + `"]` }
	policeA := admin.newUser("commune_police", communes(banBo))
	policeB := admin.newUser("commune_police", communes(taLeng))
	policeC := admin.newUser("commune_police", communes(doanKet))
	policeC2 := admin.newUser("commune_police", communes(doanKet)) // a second officer at Đoàn Kết
	policeS := admin.newUser("commune_police", communes(binhLu))
	committeeA := admin.newUser("commune_committee", communes(banBo))
	committeeA2 := admin.newUser("commune_committee", communes(banBo))
	committeeB := admin.newUser("commune_committee", communes(taLeng))
	committeeC := admin.newUser("commune_committee", communes(doanKet))
	vbsp := admin.newUser("vbsp_officer", communes(banBo, taLeng, doanKet, binhLu))
	provincial := admin.newUser("provincial_police", `, "province": "12"`)
	viewer := admin.newUser("province_viewer", `, "province": "12"`)
	auditor := admin.newUser("auditor", "")
	anonymous := client{t: t, base: admin.base}
	forged := client{t: t, base: admin.base, token: "not-a-token-of-this-server-0123456789abcdef"}
	admin.send("POST", "/v1/users", `{"name": "Cán bộ", "role": "commune_police", "communes": ["99999"]}`).
		expect(t, "a user of a commune not in the catalogue", http.StatusUnprocessableEntity)

	// ---- drafts ----
	// draft creates a list and checks the answer: a draft, version 1, its
	// ETag and Location.
	draft := func(who client, l list01) (id int64, path string) {
		t.Helper()
		k := who.send("POST", "/v1/lists", jsonOf(l)).expect(t, "draft "+l.CommuneCode+" "+l.Period, http.StatusCreated)
		id = idOf(k)
		path = fmt.Sprintf("/v1/lists/%d", id)
		if st, v := k.field(t, "status"), k.field(t, "version"); st != "draft" || v != 1.0 {
			t.Errorf("a new list is %v version %v, want draft version 1", st, v)
		}
		if k.header.Get("ETag") != `"v1"` || k.header.Get("Location") != path {
			t.Errorf("a new list's ETag %q and Location %q", k.header.Get("ETag"), k.header.Get("Location"))
		}
		return id, path
	}
	idA, pathA := draft(policeA, listA)
	idB, pathB := draft(policeB, listB)
	idC, pathC := draft(policeC, listC)
	policeA.send("POST", "/v1/lists", jsonOf(listB)).expect(t, "Bản Bo's police drafting for Tả Lèng", http.StatusForbidden)
	viewer.send("POST", "/v1/lists", jsonOf(listA)).expect(t, "a province viewer drafting", http.StatusForbidden)

	// Who may read a list: nobody without a valid token, no role that never
	// reads lists, nobody outside its communes (as if it did not exist).
	for _, c := range []struct {
		what string
		who  client
		path string
		want int
	}{
		{"no token", anonymous, pathA, http.StatusUnauthorized},
		{"a token the server never made", forged, pathA, http.StatusUnauthorized},
		{"no token, the listing", anonymous, "/v1/lists?period=" + period(p0), http.StatusUnauthorized},
		{"a province viewer", viewer, pathA, http.StatusForbidden},
		{"the admin", admin, pathA, http.StatusForbidden},
		{"the auditor", auditor, pathA, http.StatusForbidden},
		{"a province viewer, the listing", viewer, "/v1/lists?period=" + period(p0), http.StatusForbidden},
		{"Bản Bo's police, Tả Lèng's list", policeA, pathB, http.StatusNotFound},
		{"Bản Bo's police, Tả Lèng's history", policeA, pathB + "/history", http.StatusNotFound},
		{"Tả Lèng's committee, Bản Bo's list", committeeB, pathA, http.StatusNotFound},
		{"a list that does not exist", policeA, "/v1/lists/987654321", http.StatusNotFound},
		{"Bản Bo's police", policeA, pathA, http.StatusOK},
		{"Bản Bo's committee", committeeA, pathA, http.StatusOK},
		{"the provincial police", provincial, pathB, http.StatusOK},
		{"VBSP", vbsp, pathC, http.StatusOK},
	} {
		k := c.who.send("GET", c.path, "").expect(t, c.what, c.want)
		if c.want == http.StatusNotFound {
			// The same problem as for a list that does not exist.
			var got, none struct{ Type, Title, Detail string }
			decode(k, &got)
			decode(policeA.send("GET", "/v1/lists/987654321", ""), &none)
			if got != none {
				t.Errorf("%s: a 404 unlike that of nothing at all\n%+v\n%+v", c.what, got, none)
			}
		}
	}
	var listing struct {
		Lists []struct {
			ID          int64  `json:"id"`
			CommuneCode string `json:"commune_code"`
			Status      string `json:"status"`
		} `json:"lists"`
	}
	decode(policeB.send("GET", "/v1/lists?period="+period(p0), "").expect(t, "Tả Lèng's listing", http.StatusOK), &listing)
	if len(listing.Lists) != 1 || listing.Lists[0].ID != idB {
		t.Errorf("Tả Lèng's police list %+v, want only list %d", listing.Lists, idB)
	}

	// ---- two officers edit Đoàn Kết's draft at once, from the same version ----
	editC := func(who client, note string) func() call {
		l := listC
		l.Rows = slices.Clone(l.Rows)
		l.Rows[1].Note = note
		return func() call { return who.send("PUT", pathC, jsonOf(l), "If-Match", `"v1"`) }
	}
	notes := []string{"Học nghề điện dân dụng", "Học nghề sửa chữa xe máy"}
	if got := race(editC(policeC, notes[0]), editC(policeC2, notes[1])); !slices.Equal(got, []int{http.StatusOK, http.StatusPreconditionFailed}) {
		t.Fatalf("two edits of version 1 at once: %v, want one 200 and one 412", got)
	}
	cur := policeC.send("GET", pathC, "").expect(t, "Đoàn Kết's list after the race", http.StatusOK)
	if cur.header.Get("ETag") != `"v2"` || cur.field(t, "version") != 2.0 {
		t.Errorf("after one edit: ETag %q, version %v; want \"v2\", 2", cur.header.Get("ETag"), cur.field(t, "version"))
	}
	var kept struct{ List list01 }
	decode(cur, &kept)
	if n := kept.List.Rows[1].Note; n != notes[0] && n != notes[1] {
		t.Errorf("the edit kept is neither of the two: %q", n)
	}
	policeC.send("PUT", pathC, jsonOf(listC)).expect(t, "an edit without If-Match", http.StatusPreconditionRequired)
	policeC.send("PUT", pathC, jsonOf(listC), "If-Match", `"v1"`).expect(t, "an edit of the version the race lost", http.StatusPreconditionFailed)
	policeC.send("GET", pathC+"?version=1", "").expect(t, "version 1, kept", http.StatusOK)
	other := listC
	other.CommuneCode = taLeng
	hasProblem("moving a list to another commune", policeC.send("PUT", pathC, jsonOf(other), "If-Match", `"v2"`).
		expect(t, "moving a list to another commune", http.StatusUnprocessableEntity), "/commune_code", "cannot_change")

	// ---- submit ----
	policeA.send("POST", pathA+"/submit", "").expect(t, "Bản Bo submits", http.StatusOK)
	policeC.send("POST", pathC+"/submit", "").expect(t, "Đoàn Kết submits", http.StatusOK)
	// Tả Lèng's submit is retried with its Idempotency-Key: one transition.
	first := policeB.send("POST", pathB+"/submit", "", "Idempotency-Key", "ta-leng-submit-"+period(p0)).expect(t, "Tả Lèng submits", http.StatusOK)
	again := policeB.send("POST", pathB+"/submit", "", "Idempotency-Key", "ta-leng-submit-"+period(p0)).expect(t, "Tả Lèng's submit retried", http.StatusOK)
	if first.field(t, "status") != "submitted" || !bytes.Equal(first.body, again.body) {
		t.Errorf("the retried submit answered\n%s\nnot as first\n%s", again.body, first.body)
	}
	hasProblem("the key again with another body", policeB.send("POST", pathB+"/submit", `{"note": "gửi lại"}`, "Idempotency-Key", "ta-leng-submit-"+period(p0)).
		expect(t, "the key again with another body", http.StatusUnprocessableEntity), "", "idempotency_key_reused")
	conflict("a submit of a submitted list (a new request)", policeB.send("POST", pathB+"/submit", ""), "invalid_transition")
	policeA.send("POST", pathA+"/receive", "").expect(t, "the police receiving", http.StatusForbidden)
	conflict("receiving before certification", vbsp.send("POST", pathA+"/receive", ""), "invalid_transition")
	conflict("an edit of a submitted list", policeA.send("PUT", pathA, jsonOf(listA), "If-Match", `"v1"`), "invalid_transition")

	// ---- the committee returns Bản Bo's list; the police correct it ----
	committeeA.send("POST", pathA+"/return", `{}`).expect(t, "a return without a note", http.StatusUnprocessableEntity)
	committeeB.send("POST", pathA+"/return", `{"note": "x"}`).expect(t, "Tả Lèng's committee returning Bản Bo's list", http.StatusNotFound)
	back := committeeA.send("POST", pathA+"/return", `{"note": "Dòng 2: số giấy chứng nhận đặc xá chưa đúng."}`).expect(t, "Bản Bo's list returned", http.StatusOK)
	if back.field(t, "status") != "returned" {
		t.Errorf("returned: %s", back.body)
	}
	etagA := policeA.send("GET", pathA, "").expect(t, "the returned list", http.StatusOK).header.Get("ETag")
	listA.Rows[1].CertificateNo = "37/GCNĐX-2"
	fixed := policeA.send("PUT", pathA, jsonOf(listA), "If-Match", etagA).expect(t, "the correction", http.StatusOK)
	if fixed.header.Get("ETag") == etagA || fixed.field(t, "version") != 2.0 || fixed.field(t, "status") != "returned" {
		t.Errorf("the correction: ETag %q (was %q)\n%s", fixed.header.Get("ETag"), etagA, fixed.body)
	}
	policeA.send("PUT", pathA, jsonOf(listA), "If-Match", etagA).expect(t, "the correction again, stale", http.StatusPreconditionFailed)
	policeA.send("POST", pathA+"/submit", "").expect(t, "Bản Bo submits again", http.StatusOK)
	var v1 struct{ List list01 }
	decode(policeA.send("GET", pathA+"?version=1", "").expect(t, "Bản Bo's first version", http.StatusOK), &v1)
	if v1.List.Rows[1].CertificateNo != sample.Rows[1].CertificateNo {
		t.Errorf("version 1 after the correction holds certificate %q, want %q as sent", v1.List.Rows[1].CertificateNo, sample.Rows[1].CertificateNo)
	}

	// ---- certify, and the maker-checker rule ----
	committeeA.send("POST", pathB+"/certify", "").expect(t, "Bản Bo's committee certifying Tả Lèng's list", http.StatusNotFound)
	policeA.send("POST", pathA+"/certify", "").expect(t, "the police certifying", http.StatusForbidden)
	for _, c := range []struct {
		who  client
		path string
	}{{committeeA, pathA}, {committeeB, pathB}, {committeeC, pathC}} {
		if k := c.who.send("POST", c.path+"/certify", "").expect(t, "certify "+c.path, http.StatusOK); k.field(t, "status") != "certified" {
			t.Errorf("certified: %s", k.body)
		}
	}
	conflict("certify twice", committeeA.send("POST", pathA+"/certify", ""), "invalid_transition")

	// ---- VBSP receives: Tả Lèng's list twice at once ----
	receive := func() call { return vbsp.send("POST", pathB+"/receive", "") }
	if got := race(receive, receive); !slices.Equal(got, []int{http.StatusOK, http.StatusConflict}) {
		t.Fatalf("two receipts of one list at once: %v, want one 200 and one 409", got)
	}
	vbsp.send("POST", pathA+"/receive", "").expect(t, "receive Bản Bo", http.StatusOK)
	vbsp.send("POST", pathC+"/receive", "").expect(t, "receive Đoàn Kết", http.StatusOK)
	conflict("receive twice", vbsp.send("POST", pathA+"/receive", ""), "invalid_transition")
	conflict("return a received list", vbsp.send("POST", pathA+"/return", `{"note": "x"}`), "invalid_transition")
	conflict("an edit of a received list", policeA.send("PUT", pathA, jsonOf(listA), "If-Match", fixed.header.Get("ETag")), "invalid_transition")

	// The histories: every step once, in order, by role.
	var returnNote string
	history := func(path string) string {
		t.Helper()
		var h struct {
			History []struct {
				Transition, Status, Role, Note string
				At                             time.Time
			} `json:"history"`
		}
		decode(provincial.send("GET", path+"/history", "").expect(t, "history", http.StatusOK), &h)
		var steps []string
		for _, s := range h.History {
			if s.At.IsZero() {
				t.Errorf("%s: a step without its time", path)
			}
			steps = append(steps, s.Transition+">"+s.Status+"/"+s.Role)
			if s.Transition == "return" {
				returnNote = s.Note
			}
		}
		return strings.Join(steps, " ")
	}
	for _, c := range []struct{ path, want string }{
		{pathA, "create>draft/commune_police submit>submitted/commune_police return>returned/commune_committee edit>returned/commune_police " +
			"submit>submitted/commune_police certify>certified/commune_committee receive>received/vbsp_officer"},
		{pathB, "create>draft/commune_police submit>submitted/commune_police certify>certified/commune_committee receive>received/vbsp_officer"},
		{pathC, "create>draft/commune_police edit>draft/commune_police submit>submitted/commune_police certify>certified/commune_committee receive>received/vbsp_officer"},
	} {
		if got := history(c.path); got != c.want {
			t.Errorf("the history of %s\n%s\nwant\n%s", c.path, got, c.want)
		}
		if c.path == pathA && returnNote != "Dòng 2: số giấy chứng nhận đặc xá chưa đúng." {
			t.Errorf("the return's note in the history: %q", returnNote)
		}
	}

	// ---- applications: one per row, screened, shared people by commune ----
	applications := func(who client, query string) ([]application, call) {
		t.Helper()
		k := who.send("GET", "/v1/applications?"+query, "").expect(t, "applications "+query, http.StatusOK)
		var a struct{ Applications []application }
		decode(k, &a)
		return a.Applications, k
	}
	rulesVersion, _ := anonymous.send("GET", "/v1/rules", "").expect(t, "the rules", http.StatusOK).field(t, "rules_version").(string)
	apps := map[string][]application{}
	for _, c := range []struct {
		commune string
		id      int64
		list    list01
		shared  map[int][]string // row → the other communes listing that person
	}{
		{banBo, idA, listA, map[int][]string{2: {taLeng}}},
		{taLeng, idB, listB, map[int][]string{0: {banBo}}},
		{doanKet, idC, listC, nil},
	} {
		as, k := applications(vbsp, fmt.Sprintf("list_id=%d", c.id))
		if len(as) != len(c.list.Rows) {
			t.Fatalf("%s: %d applications for %d rows (a receipt made twice?)\n%s", c.commune, len(as), len(c.list.Rows), k.body)
		}
		// The other commune's answer never shows a number, the shared
		// person's included: shared_with names communes.
		noneOf("the applications of "+c.commune, k.body, idNumbers)
		for i, a := range as {
			if a.Row != i || a.ListID != c.id || a.CommuneCode != c.commune || a.ProvinceCode != province || a.Period != period(p0) {
				t.Errorf("%s application %d: %+v", c.commune, i, a)
			}
			if a.Decision != "pending" || a.Verdict == "" || a.Verdict != a.Screening.Decision {
				t.Errorf("%s row %d: decision %q, verdict %q, screening's decision %q", c.commune, i, a.Decision, a.Verdict, a.Screening.Decision)
			}
			if a.Verdict == "ineligible" || a.Screening.Terms == nil {
				t.Errorf("%s row %d: a valid list's row screened %s, terms %v", c.commune, i, a.Verdict, a.Screening.Terms)
			}
			if a.RulesVersion == "" || a.RulesVersion != a.Screening.RulesVersion || a.RulesVersion != rulesVersion {
				t.Errorf("%s row %d: rules_version %q, screening's %q, the server's %q", c.commune, i, a.RulesVersion, a.Screening.RulesVersion, rulesVersion)
			}
			rules := map[string]string{}
			for _, f := range a.Screening.Findings {
				rules[f.Rule] = f.Outcome
				if f.Citation.Instrument == "" || f.Citation.Text == "" {
					t.Errorf("%s row %d: finding %s without its citation", c.commune, i, f.Rule)
				}
			}
			for _, r := range []string{"individual.release_document", "individual.release_window", "individual.commune_list"} {
				if rules[r] != "met" {
					t.Errorf("%s row %d: %s %q, want met (findings %v)", c.commune, i, r, rules[r], rules)
				}
			}
			want := c.shared[i]
			if want == nil {
				want = []string{}
			}
			if !slices.Equal(a.SharedWith, want) {
				t.Errorf("%s row %d: shared_with %v, want %v", c.commune, i, a.SharedWith, want)
			}
		}
		apps[c.commune] = as
	}
	if as, _ := applications(provincial, fmt.Sprintf("list_id=%d", idB)); len(as) != 2 {
		t.Errorf("the provincial police read %d of Tả Lèng's applications, want 2", len(as))
	}
	policeA.send("GET", fmt.Sprintf("/v1/applications?list_id=%d", idA), "").expect(t, "the police reading applications", http.StatusForbidden)
	viewer.send("GET", fmt.Sprintf("/v1/applications/%d", apps[banBo][0].ID), "").expect(t, "a viewer reading an application", http.StatusForbidden)

	// ---- the cooperative's plan: made and sent by one committee member,
	// confirmed by another; screened ineligible ----
	planPath := fmt.Sprintf("/v1/plans/%d", idOf(committeeA.send("POST", "/v1/plans", jsonOf(plan)).expect(t, "the plan drafted", http.StatusCreated)))
	committeeA.send("POST", planPath+"/submit", "").expect(t, "the plan submitted", http.StatusOK)
	conflict("the submitter confirming", committeeA.send("POST", planPath+"/confirm", ""), "same_person")
	committeeA2.send("POST", planPath+"/confirm", "").expect(t, "the plan confirmed by another member", http.StatusOK)
	vbsp.send("POST", planPath+"/receive", "").expect(t, "the plan received", http.StatusOK)
	planApps, _ := applications(vbsp, "plan_id="+strings.TrimPrefix(planPath, "/v1/plans/"))
	if len(planApps) != 1 || planApps[0].Verdict != "ineligible" || planApps[0].Screening.Terms != nil {
		t.Fatalf("the plan's application: %+v, want one, ineligible, without terms", planApps)
	}

	// ---- decisions ----
	decide := func(a application, body string) call {
		return vbsp.send("POST", fmt.Sprintf("/v1/applications/%d/decision", a.ID), body)
	}
	approval := func(amount int64, channel, source string) string {
		return fmt.Sprintf(`{"outcome": "approved", "amount": "%d", "term_months": 36, "principal_every_months": 12, "disbursed_on": %q, "channel": %q, "capital_source": %q}`,
			amount, day(p0, 15), channel, source)
	}
	thangApp, maiApp, paoApp := apps[banBo][0], apps[banBo][1], apps[banBo][2]
	paoAtTaLengApp, duaApp := apps[taLeng][0], apps[taLeng][1]
	khanhApp, phuongApp := apps[doanKet][0], apps[doanKet][1]
	capKhanh := vnd(khanhApp.Screening.Terms.Cap)

	policeA.send("POST", fmt.Sprintf("/v1/applications/%d/decision", thangApp.ID), approval(80_000_000, "farmers_union", "central")).
		expect(t, "the police deciding", http.StatusForbidden)
	hasProblem("approving the ineligible plan", decide(planApps[0], approval(300_000_000, "direct", "central")).
		expect(t, "approving the ineligible plan", http.StatusUnprocessableEntity), "/outcome", "ineligible")
	hasProblem("approving above the terms", decide(khanhApp, approval(capKhanh+1, "youth_union", "other")).
		expect(t, "approving above the terms", http.StatusUnprocessableEntity), "/amount", "above_cap")
	for _, c := range []struct{ what, body, pointer string }{
		{"a channel that is none", approval(50_000_000, "bank", "central"), "/channel"},
		{"a capital source that is none", approval(50_000_000, "womens_union", "foreign"), "/capital_source"},
		{"no channel", strings.Replace(approval(50_000_000, "x", "local"), `"channel": "x", `, "", 1), "/channel"},
	} {
		k := decide(duaApp, c.body).expect(t, c.what, http.StatusUnprocessableEntity)
		if codes := problemCodes(k); len(codes) == 0 || !strings.HasPrefix(codes[0], c.pointer+" ") {
			t.Errorf("%s: errors %v, want one at %s", c.what, codes, c.pointer)
		}
	}
	decide(maiApp, `{"outcome": "refused"}`).expect(t, "a refusal without a note", http.StatusUnprocessableEntity)

	type loanMade struct {
		commune, channel, source string
		amount                   int64
		id                       int64
	}
	loans := []*loanMade{
		{commune: banBo, channel: "farmers_union", source: "central", amount: 80_000_000},
		{commune: taLeng, channel: "womens_union", source: "local", amount: 50_000_000},
		{commune: doanKet, channel: "youth_union", source: "other", amount: 70_000_000},
	}
	for i, a := range []application{thangApp, paoAtTaLengApp, khanhApp} {
		l := loans[i]
		k := decide(a, approval(l.amount, l.channel, l.source)).expect(t, "approve in "+l.commune, http.StatusCreated)
		var got application
		decode(k, &got)
		if got.Decision != "approved" || got.Loan == nil || got.Loan.Amount != dong(l.amount) || got.Loan.Status != "active" || got.LoanID != got.Loan.ID {
			t.Fatalf("the approval in %s: %s", l.commune, k.body)
		}
		l.id = got.Loan.ID
		if loc := k.header.Get("Location"); loc != fmt.Sprintf("/v1/loans/%d", l.id) {
			t.Errorf("the approval's Location %q", loc)
		}
	}
	// Two approvals of Vàng Thị Dua's application at once (a double
	// click, two officers): one 201, one 409, and one loan.
	duaLoan := &loanMade{commune: taLeng, channel: "veterans_association", source: "central", amount: 60_000_000}
	approveDua := func() call { return decide(duaApp, approval(duaLoan.amount, duaLoan.channel, duaLoan.source)) }
	if got := race(approveDua, approveDua); !slices.Equal(got, []int{http.StatusCreated, http.StatusConflict}) {
		t.Fatalf("two approvals of one application at once: %v, want one 201 and one 409", got)
	}
	var duaNow application
	decode(vbsp.send("GET", fmt.Sprintf("/v1/applications/%d", duaApp.ID), "").expect(t, "the application approved in the race", http.StatusOK), &duaNow)
	if duaLoan.id = duaNow.LoanID; duaNow.Decision != "approved" || duaLoan.id == 0 {
		t.Fatalf("after the race: %+v", duaNow)
	}
	loans = append(loans, duaLoan)
	var taLengLoans struct {
		Loans []struct {
			ID            int64  `json:"id"`
			ApplicationID int64  `json:"application_id"`
			Status        string `json:"status"`
		} `json:"loans"`
	}
	decode(vbsp.send("GET", "/v1/loans?commune_code="+taLeng+"&status=active", "").expect(t, "Tả Lèng's loans", http.StatusOK), &taLengLoans)
	if len(taLengLoans.Loans) != 2 || taLengLoans.Loans[0].ApplicationID != paoAtTaLengApp.ID || taLengLoans.Loans[1].ApplicationID != duaApp.ID {
		t.Errorf("Tả Lèng's active loans: %+v, want Giàng A Páo's and Vàng Thị Dua's", taLengLoans.Loans)
	}

	refused := decide(maiApp, `{"outcome": "refused", "note": "Chưa có xác nhận nhập học của cơ sở đào tạo."}`).expect(t, "a refusal", http.StatusCreated)
	if refused.field(t, "decision") != "refused" || refused.field(t, "loan") != nil {
		t.Errorf("the refusal: %s", refused.body)
	}
	// Giàng A Páo borrows at Tả Lèng, where he lives now: withdrawn at Bản Bo.
	withdrawn := decide(paoApp, `{"outcome": "withdrawn"}`).expect(t, "a withdrawal", http.StatusCreated)
	if withdrawn.field(t, "decision") != "withdrawn" {
		t.Errorf("the withdrawal: %s", withdrawn.body)
	}
	conflict("deciding an approved application again", decide(thangApp, `{"outcome": "withdrawn"}`), "already_decided")
	conflict("approving a refused application", decide(maiApp, approval(30_000_000, "direct", "central")), "already_decided")
	pending, _ := applications(vbsp, "decision=pending")
	var pendingIDs []int64
	for _, a := range pending {
		pendingIDs = append(pendingIDs, a.ID)
	}
	if want := []int64{phuongApp.ID, planApps[0].ID}; !slices.Equal(pendingIDs, want) {
		t.Errorf("pending applications %v, want %v", pendingIDs, want)
	}

	// ---- repayments, and each loan's statement as POST /v1/statements ----
	payments := map[int64][]string{}
	pay := func(l *loanMade, on string, amount int64) {
		t.Helper()
		body := fmt.Sprintf(`{"on": %q, "amount": "%d"}`, on, amount)
		k := vbsp.send("POST", fmt.Sprintf("/v1/loans/%d/payments", l.id), body).expect(t, "a repayment in "+l.commune, http.StatusCreated)
		if k.field(t, "loan_status") != "active" {
			t.Errorf("after a part repayment: %s", k.body)
		}
		payments[l.id] = append(payments[l.id], body)
	}
	pay(loans[0], day(p0, 20), 200_000)
	pay(loans[0], day(p0, 28), 350_000)
	pay(loans[1], day(p0, 25), 1_000_000)
	loanPath := fmt.Sprintf("/v1/loans/%d", loans[0].id)
	vbsp.send("POST", loanPath+"/payments", fmt.Sprintf(`{"on": %q, "amount": "1000"}`, tomorrow)).expect(t, "a repayment dated tomorrow", http.StatusUnprocessableEntity)
	vbsp.send("POST", loanPath+"/payments", fmt.Sprintf(`{"on": %q, "amount": "1000"}`, day(p0, 14))).expect(t, "a repayment before the disbursement", http.StatusUnprocessableEntity)
	policeA.send("POST", loanPath+"/payments", fmt.Sprintf(`{"on": %q, "amount": "1000"}`, today)).expect(t, "the police recording a repayment", http.StatusForbidden)
	viewer.send("GET", loanPath, "").expect(t, "a viewer reading a loan", http.StatusForbidden)
	vbspElsewhere := admin.newUser("vbsp_officer", communes("03430"))
	vbspElsewhere.send("GET", loanPath, "").expect(t, "VBSP of another commune reading the loan", http.StatusNotFound)
	vbspElsewhere.send("POST", pathA+"/receive", "").expect(t, "VBSP of another commune receiving", http.StatusNotFound)
	vbspElsewhere.send("GET", fmt.Sprintf("/v1/applications/%d", thangApp.ID), "").expect(t, "VBSP of another commune reading an application", http.StatusNotFound)
	if as, _ := applications(vbspElsewhere, fmt.Sprintf("list_id=%d", idA)); len(as) != 0 {
		t.Errorf("VBSP of another commune list %d of Bản Bo's applications", len(as))
	}

	var outstanding, overdue int64
	for _, l := range loans {
		stored := vbsp.send("GET", fmt.Sprintf("/v1/loans/%d/statement?as_of=%s", l.id, today), "").expect(t, "the statement of the loan in "+l.commune, http.StatusOK)
		computed := vbsp.send("POST", "/v1/statements", fmt.Sprintf(`{"amount": "%d", "disbursed_on": %q, "term_months": 36, "principal_every_months": 12, "province": "12", "payments": [%s], "as_of": %q}`,
			l.amount, day(p0, 15), strings.Join(payments[l.id], ", "), today)).expect(t, "the same statement computed", http.StatusOK)
		if !bytes.Equal(stored.body, computed.body) {
			t.Errorf("the stored loan's statement in %s\n%s\ndiffers from the computed one\n%s", l.commune, stored.body, computed.body)
		}
		var st struct {
			PrincipalOutstanding string `json:"principal_outstanding"`
			PrincipalOverdue     string `json:"principal_overdue"`
		}
		decode(stored, &st)
		outstanding += vnd(st.PrincipalOutstanding)
		overdue += vnd(st.PrincipalOverdue)
		if o := vnd(st.PrincipalOutstanding); o <= 0 || o > l.amount {
			t.Errorf("the loan in %s: %d outstanding of %d", l.commune, o, l.amount)
		}
	}
	provincial.send("GET", loanPath+"/statement?as_of="+today, "").expect(t, "the provincial police reading a statement", http.StatusOK)

	// ---- Bình Lư's draft is refused at submit, every mistake at once: it
	// stays a draft, and the commune sends nothing this month ----
	_, pathS := draft(policeS, listS)
	bad := policeS.send("POST", pathS+"/submit", "").expect(t, "an invalid list submitted", http.StatusUnprocessableEntity)
	hasProblem("an invalid list submitted", bad, "/rows/0/id_number", "id_sex_mismatch")
	hasProblem("an invalid list submitted", bad, "/rows/0/amount", "above_cap")
	if st := policeS.send("GET", pathS, "").expect(t, "the refused list", http.StatusOK).field(t, "status"); st != "draft" {
		t.Errorf("a list refused at submit is %v, want draft", st)
	}

	// ---- Đoàn Kết's list of next month, sent early (on time) ----
	// Its submit is sent twice at once with one Idempotency-Key (a retry
	// while the first is under way): one answer, one transition.
	_, pathC1 := draft(policeC, listC1)
	submitC1 := func() call {
		return policeC.send("POST", pathC1+"/submit", "", "Idempotency-Key", "doan-ket-submit-"+period(p1))
	}
	if got := race(submitC1, submitC1); !slices.Equal(got, []int{http.StatusOK, http.StatusOK}) {
		t.Errorf("one submit sent twice at once with its key: %v, want 200 twice", got)
	}
	if got := history(pathC1); got != "create>draft/commune_police submit>submitted/commune_police" {
		t.Errorf("the history of next month's list: %s", got)
	}

	// ---- the province reads the round from the store ----
	report := func(who client, path string) call {
		t.Helper()
		return who.send("GET", path, "").expect(t, path, http.StatusOK)
	}
	monthlyPath := "/v1/reports/monthly-lists?period=" + period(p0)
	demandPath := fmt.Sprintf("/v1/reports/demand-review?year=%d&capital=300000000", p0.Year())
	portfolioPath := "/v1/reports/portfolio?as_of=" + today

	// The monthly round of p0: three lists, all first submitted today,
	// after the 5th; Bình Lư and the rest of the province missing.
	var m monthlyReport
	monthly := report(provincial, monthlyPath)
	decode(monthly, &m)
	wantRound := []communeRound{
		{CommuneCode: doanKet, Rows: 2, Demand: "140000000", PreparedOn: day(p0, 4), SubmittedOn: today},
		{CommuneCode: taLeng, Rows: 2, Demand: "110000000", PreparedOn: day(p0, 3), SubmittedOn: today},
		{CommuneCode: banBo, Rows: 3, Demand: "160000000", PreparedOn: day(p0, 2), SubmittedOn: today},
	}
	if m.Period != period(p0) || m.DueOn != day(p0, 5) || !slices.Equal(m.Communes, wantRound) {
		t.Errorf("the round of %s: %s due %s\n%+v\nwant\n%+v", period(p0), m.Period, m.DueOn, m.Communes, wantRound)
	}
	if want := missingBut(banBo, taLeng, doanKet); !slices.Equal(m.Missing, want) || !slices.Contains(m.Missing, binhLu) {
		t.Errorf("missing %v, want %v", m.Missing, want)
	}
	if want := []string{doanKet, taLeng, banBo}; !slices.Equal(m.Late, want) || len(m.Unexpected) != 0 {
		t.Errorf("late %v (want %v), unexpected %v", m.Late, want, m.Unexpected)
	}
	if m.Totals.Rows != 7 || m.Totals.Demand != "410000000" ||
		m.Totals.DemandByPurpose["production"] != "340000000" || m.Totals.DemandByPurpose["vocational_training"] != "70000000" {
		t.Errorf("the round's totals: %+v", m.Totals)
	}
	if len(m.Shared) != 1 || !slices.Equal(m.Shared[0].Communes, []string{taLeng, banBo}) {
		t.Errorf("shared people %+v, want one, of %s and %s", m.Shared, taLeng, banBo)
	} else {
		var refs []string
		for _, r := range m.Shared[0].Rows {
			refs = append(refs, fmt.Sprintf("%d/%d", r.ListID, r.Row))
		}
		slices.Sort(refs)
		want := []string{fmt.Sprintf("%d/2", idA), fmt.Sprintf("%d/0", idB)}
		slices.Sort(want)
		if !slices.Equal(refs, want) {
			t.Errorf("the shared person's rows %v, want %v", refs, want)
		}
	}
	noneOf("the provincial police's round", monthly.body, idNumbers)

	// The round of p1: Đoàn Kết's list first submitted today, by the 5th.
	var next monthlyReport
	decode(report(provincial, "/v1/reports/monthly-lists?period="+period(p1)), &next)
	if len(next.Communes) != 1 || next.Communes[0].CommuneCode != doanKet || !next.Communes[0].OnTime ||
		next.Communes[0].SubmittedOn != today || len(next.Late) != 0 || !slices.Equal(next.Missing, missingBut(doanKet)) {
		t.Errorf("the round of %s: %+v late %v missing %d", period(p1), next.Communes, next.Late, len(next.Missing))
	}

	// Another province's police see none of it.
	hanoi := admin.newUser("provincial_police", `, "province": "01"`)
	hanoi.send("GET", pathA, "").expect(t, "another province's police, a list of Lai Châu", http.StatusNotFound)
	var far monthlyReport
	decode(report(hanoi, monthlyPath), &far)
	if len(far.Communes) != 0 || far.Totals.Rows != 0 || slices.Contains(far.Missing, banBo) {
		t.Errorf("another province's round shows Lai Châu's: %+v", far)
	}

	// A commune's police see their commune's round only.
	var own monthlyReport
	decode(report(policeA, monthlyPath), &own)
	if len(own.Communes) != 1 || own.Communes[0].CommuneCode != banBo || len(own.Missing) != 0 {
		t.Errorf("Bản Bo's police see the round %+v, missing %v", own.Communes, own.Missing)
	}

	// The demand of the year: a person on two lists counts once, at the
	// list prepared last (Tả Lèng's); next month's list counts when it is
	// of the same year.
	var d demandReport
	demand := report(provincial, demandPath)
	decode(demand, &d)
	people, total := 6, int64(360_000_000)
	byCommune := []string{doanKet + ":2:140000000", taLeng + ":2:110000000", banBo + ":2:110000000"}
	if p1.Year() == p0.Year() {
		people, total = 7, 400_000_000
		byCommune[0] = doanKet + ":3:180000000"
	}
	var gotByCommune []string
	for _, g := range d.ByCommune {
		gotByCommune = append(gotByCommune, fmt.Sprintf("%s:%d:%s", g.CommuneCode, g.People, g.Demand))
	}
	if d.Year != p0.Year() || d.People != people || d.Demand != dong(total) || d.Capital != "300000000" ||
		d.Shortfall != dong(max(0, total-300_000_000)) || !slices.Equal(gotByCommune, byCommune) {
		t.Errorf("the demand of %d: %+v\nby commune %v, want %d people, %d, by commune %v", p0.Year(), d, gotByCommune, people, total, byCommune)
	}
	noneOf("the provincial police's demand review", demand.body, idNumbers)

	// The portfolio today, from each loan's statement.
	var p portfolioReport
	portfolio := report(provincial, portfolioPath)
	decode(portfolio, &p)
	if p.AsOf != today || p.Totals.Loans != 4 || p.Totals.Disbursed != "260000000" ||
		p.Totals.Outstanding != dong(outstanding) || p.Totals.Overdue != dong(overdue) || len(p.Unclassified) != 0 {
		t.Errorf("the portfolio on %s: %+v (want 4 loans, 260000000, outstanding %d, overdue %d), unclassified %v",
			today, p.Totals, outstanding, overdue, p.Unclassified)
	}
	var groups []string
	for _, g := range p.ByCommune {
		groups = append(groups, fmt.Sprintf("%s:%d:%s", g.CommuneCode, g.Loans, g.Disbursed))
	}
	for _, g := range p.ByChannel {
		groups = append(groups, fmt.Sprintf("%s:%d:%s", g.Channel, g.Loans, g.Disbursed))
	}
	for _, g := range p.ByCapitalSource {
		groups = append(groups, fmt.Sprintf("%s:%d:%s", g.CapitalSource, g.Loans, g.Disbursed))
	}
	if want := []string{doanKet + ":1:70000000", taLeng + ":2:110000000", banBo + ":1:80000000",
		"farmers_union:1:80000000", "veterans_association:1:60000000", "womens_union:1:50000000", "youth_union:1:70000000",
		"central:2:140000000", "local:1:50000000", "other:1:70000000"}; !slices.Equal(groups, want) {
		t.Errorf("the portfolio's groups\n%v\nwant\n%v", groups, want)
	}

	// The province viewer: the same figures, and not a name, an ID number
	// or a row.
	var vm monthlyReport
	vMonthly := report(viewer, monthlyPath)
	decode(vMonthly, &vm)
	if !slices.Equal(vm.Communes, m.Communes) || !slices.Equal(vm.Missing, m.Missing) || !slices.Equal(vm.Late, m.Late) || vm.Totals.Demand != m.Totals.Demand {
		t.Errorf("the viewer's round differs from the provincial police's:\n%s\n%s", vMonthly.body, monthly.body)
	}
	if bytes.Contains(vMonthly.body, []byte("shared_people")) || bytes.Contains(vMonthly.body, []byte("list_id")) {
		t.Errorf("the viewer's round shows rows of lists:\n%s", vMonthly.body)
	}
	vDemand, vPortfolio := report(viewer, demandPath), report(viewer, portfolioPath)
	if !bytes.Equal(vDemand.body, demand.body) || !bytes.Equal(vPortfolio.body, portfolio.body) {
		t.Errorf("the viewer's demand or portfolio differs from the provincial police's:\n%s\n%s\n%s\n%s", vDemand.body, demand.body, vPortfolio.body, portfolio.body)
	}
	for _, k := range []struct {
		what string
		k    call
	}{
		{"the viewer's round", vMonthly},
		{"the viewer's demand review", vDemand},
		{"the viewer's portfolio", vPortfolio},
		{"the viewer's round of the coming month", report(viewer, "/v1/reports/monthly-lists?period="+period(p1))},
		{"the viewer's round as CSV", report(viewer, monthlyPath+"&format=csv")},
		{"the viewer's demand review as CSV", report(viewer, demandPath+"&format=csv")},
		{"the viewer's portfolio as CSV", report(viewer, portfolioPath+"&format=csv")},
	} {
		noneOf(k.what, k.k.body, personal)
	}
	csv := report(viewer, monthlyPath+"&format=csv")
	if ct := csv.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") || !bytes.HasPrefix(csv.body, []byte("\uFEFF")) {
		t.Errorf("the round as CSV: Content-Type %q, starts %q", ct, csv.body[:min(len(csv.body), 16)])
	}
	for _, c := range []string{doanKet + ",2,140000000,", taLeng + ",2,110000000,", banBo + ",3,160000000,"} {
		if !bytes.Contains(csv.body, []byte(c)) {
			t.Errorf("the round as CSV lacks %s:\n%s", c, csv.body)
		}
	}
	for _, who := range []client{admin, auditor} {
		who.send("GET", monthlyPath, "").expect(t, "a role without reports", http.StatusForbidden)
	}
	anonymous.send("GET", portfolioPath, "").expect(t, "a report without a token", http.StatusUnauthorized)

	// ---- a supplementary list (danh sách bổ sung) of the month ----
	// Đoàn Kết sends one more list for p0 (one person, 30,000,000): "the
	// monthly round counts them all", and so does the year's demand.
	_, pathCs := draft(policeC, listCs)
	policeC.send("POST", pathCs+"/submit", "").expect(t, "the supplementary list submitted", http.StatusOK)
	t.Run("supplementary list", func(st *testing.T) {
		var round monthlyReport
		if err := json.Unmarshal(provincial.send("GET", monthlyPath, "").expect(st, "the round", http.StatusOK).body, &round); err != nil {
			st.Fatal(err)
		}
		var doan communeRound
		for _, c := range round.Communes {
			if c.CommuneCode == doanKet {
				doan = c
			}
		}
		var dem demandReport
		if err := json.Unmarshal(provincial.send("GET", demandPath, "").expect(st, "the demand", http.StatusOK).body, &dem); err != nil {
			st.Fatal(err)
		}
		got := fmt.Sprintf("round: %s %d rows %s, totals %d rows %s; demand: %d people %s",
			doanKet, doan.Rows, doan.Demand, round.Totals.Rows, round.Totals.Demand, dem.People, dem.Demand)
		want := fmt.Sprintf("round: %s 3 rows 170000000, totals 8 rows 440000000; demand: %d people %d",
			doanKet, people+1, total+30_000_000)
		if got != want {
			st.Errorf("with a supplementary list\n got %s\nwant %s", got, want)
		}
	})

	// ---- the audit trail: whole, and without a name or a number ----
	valid, entries := auditor.verify()
	if !valid {
		t.Fatal("the audit chain does not verify after the month")
	}
	viewer.send("GET", "/v1/audit?after=0&limit=10", "").expect(t, "a viewer reading the trail", http.StatusForbidden)
	var seen int64
	outcomes := map[string]int{}       // refusals by outcome
	refusedBy := map[string][]string{} // outcome → "role action resource"
	for after := int64(0); ; {
		page := auditor.send("GET", fmt.Sprintf("/v1/audit?after=%d&limit=250", after), "").expect(t, "a page of the trail", http.StatusOK)
		noneOf(fmt.Sprintf("the audit trail after %d", after), page.body, append(personal, "chứng nhận đặc xá", "xác nhận nhập học"))
		var es struct {
			Entries []struct {
				Seq                             int64 `json:"seq"`
				Role, Action, Resource, Outcome string
			} `json:"entries"`
		}
		decode(page, &es)
		if len(es.Entries) == 0 {
			break
		}
		for _, e := range es.Entries {
			if e.Seq <= after {
				t.Fatalf("the trail's pages go back: seq %d after %d", e.Seq, after)
			}
			after = e.Seq
			outcomes[e.Outcome]++
			refusedBy[e.Outcome] = append(refusedBy[e.Outcome], e.Role+" "+e.Action+" "+e.Resource)
		}
		seen += int64(len(es.Entries))
	}
	// Every refused attempt is in the trail, though nothing else was
	// written: the four without a valid token, the forbidden and the
	// out-of-scope ones of the month.
	if outcomes["unauthenticated"] != 4 {
		t.Errorf("%d unauthenticated attempts in the trail, want the 4 of the month", outcomes["unauthenticated"])
	}
	for _, want := range []struct{ outcome, entry string }{
		{"forbidden", "province_viewer list.read list"},
		{"forbidden", "commune_police list.receive list"},
		{"forbidden", "admin list.read list"},
		{"not_found", "commune_police list.read list"},
		{"not_found", "commune_committee list.certify list"},
		{"not_found", "vbsp_officer loan.read loan"},
		{"conflict", "vbsp_officer list.receive list"},
		{"conflict", "vbsp_officer application.decide application"},
		{"invalid", "commune_police list.submit list"},
	} {
		if !slices.Contains(refusedBy[want.outcome], want.entry) {
			t.Errorf("no %s entry %q in the trail: %v", want.outcome, want.entry, refusedBy[want.outcome])
		}
	}
	if seen < entries {
		t.Errorf("%d entries paged, %d verified", seen, entries)
	}
}
