package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/vnreentry/credit/access"
)

// exampleListFile is the example list of the month: Xã Bản Bo, November 2026.
const exampleListFile = "../../examples/data/list-01.json"

// exampleList is examples/data/list-01.json, read.
type exampleList struct {
	raw  []byte
	head map[string]any
	rows []map[string]any
}

func readExampleList(t *testing.T) exampleList {
	t.Helper()
	raw, err := os.ReadFile(exampleListFile)
	if err != nil {
		t.Fatal(err)
	}
	var l exampleList
	l.raw = raw
	if err := json.Unmarshal(raw, &l.head); err != nil {
		t.Fatal(err)
	}
	for _, r := range l.head["rows"].([]any) {
		l.rows = append(l.rows, r.(map[string]any))
	}
	delete(l.head, "rows")
	return l
}

// secrets are the list's names and ID numbers: never in a title, a
// heading or an address.
func (l exampleList) secrets() []string {
	var out []string
	for _, r := range l.rows {
		out = append(out, r["full_name"].(string), r["id_number"].(string))
	}
	return out
}

// listValue is a value of the list as a form field holds it.
func listValue(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

// seedExampleList stores the example list as a draft of the commune, through the
// API with a token of a police officer of that commune, and returns its id.
func seedExampleList(t *testing.T, s *site, commune string) int64 {
	t.Helper()
	l := readExampleList(t)
	body := bytes.Replace(l.raw, []byte(`"03424"`), []byte(`"`+commune+`"`), 1)
	b := s.api(s.token(access.CommunePolice, []string{commune}, ""), http.MethodPost, "/v1/lists", body, http.StatusCreated)
	var out struct{ ID int64 }
	if json.Unmarshal(b, &out) != nil || out.ID == 0 {
		t.Fatalf("a list of %s: %s", commune, b)
	}
	return out.ID
}

// The monthly round clicked through by four people, each in a browser of
// their own, on a desktop and on a 360-pixel phone: the commune police
// draft the list with a mistake, see it at its field, fix it and submit;
// the committee returns it with a note; the police read the note, correct
// and submit again; the committee certifies; VBSP receives it, opens a
// person's screening sheet, approves the loan and records a repayment;
// the provincial police read the round. Every page passes axe-core; the
// key pages are kept as screenshots; no title, heading or address names
// a person.
func TestBrowserMonthlyRound(t *testing.T) {
	c := newChrome(t)
	for _, phone := range viewports {
		t.Run(viewportName(phone), func(t *testing.T) {
			start := time.Now()
			browserMonthlyRound(t, c, phone)
			t.Logf("the round on a %s took %s", viewportName(phone), time.Since(start).Round(time.Millisecond))
		})
	}
}

func browserMonthlyRound(t *testing.T, c *headless, phone bool) {
	l := readExampleList(t)
	s := newSite(t)
	communes := []string{"03424"}
	tabOf := func(who string, role access.Role, province string) *browserTab {
		var cs []string
		if province == "" {
			cs = communes
		}
		login, pw := s.user(role, cs, province)
		b := c.tab(t, s, who, phone)
		b.secret = l.secrets()
		b.signIn(login, pw)
		return b
	}

	// ---- The commune police draft the list, with a mistake. ----
	police := tabOf("police", access.CommunePolice, "")
	police.check("home")
	police.openOK("/lists/new")
	police.check("list-new")
	fillHead(police, l)
	if police.has(byName("rows.0.full_name")) {
		fillRows(police, l, true)
	}
	police.clickOK("do-save")
	id := listIDOfPage(t, police)
	if !strings.HasSuffix(police.path(), "/edit") {
		police.openOK(fmt.Sprintf("/lists/%d/edit", id))
	}
	if police.value("rows.0.full_name") == "" {
		fillRows(police, l, true)
		police.clickOK("do-save")
		police.openOK(fmt.Sprintf("/lists/%d/edit", id))
	}
	police.check("editor")

	// Submitting shows the mistake at its field (the editor, a 422).
	submitListFrom(t, police, id, http.StatusUnprocessableEntity)
	wantProblemAt(t, police, "rows.0.id_number")
	police.check("problem-at-field")

	// Fixed, and submitted.
	if !police.has(byName("rows.0.id_number")) {
		police.openOK(fmt.Sprintf("/lists/%d/edit", id))
	}
	police.fill("rows.0.id_number", listValue(l.rows[0]["id_number"]))
	police.clickOK("do-save")
	submitListFrom(t, police, id, http.StatusOK)
	wantStatus(t, police, "submitted")
	police.check("submitted")

	// ---- The committee returns it with a note. ----
	committee := tabOf("committee", access.CommuneCommittee, "")
	committee.check("home")
	openListFromIndex(t, committee, id)
	committee.check("list")
	const note = "Dòng 2: kiểm tra lại ngày cấp giấy chứng nhận."
	committee.fill("note", note)
	committee.clickOK("do-return")
	wantStatus(t, committee, "returned")
	committee.check("returned")

	// ---- The police read the note, correct and submit again. ----
	police.openOK(fmt.Sprintf("/lists/%d", id))
	if got := police.text("main"); !strings.Contains(got, note) {
		t.Errorf("the police do not see the committee's note on /lists/%d:\n%s", id, got)
	}
	police.check("returned-note")
	police.openOK(fmt.Sprintf("/lists/%d/edit", id))
	police.fill("rows.1.certificate_date", "2025-09-02")
	police.clickOK("do-save")
	submitListFrom(t, police, id, http.StatusOK)

	// ---- The committee certifies. ----
	openListFromIndex(t, committee, id)
	committee.clickOK("do-certify")
	wantStatus(t, committee, "certified")
	committee.check("certified")

	// ---- VBSP, two weeks on: receives, screens, approves, is repaid. ----
	// (Sessions idle for 30 minutes end: the police and the committee
	// are done by then.)
	s.advance(15 * 24 * time.Hour) // 25 November 2026
	vbsp := tabOf("vbsp", access.VBSPOfficer, "")
	vbsp.check("home")
	openListFromIndex(t, vbsp, id)
	vbsp.clickOK("do-receive")
	wantStatus(t, vbsp, "received")
	vbsp.check("received")
	vbsp.openOK(fmt.Sprintf("/applications?list_id=%d", id))
	vbsp.check("applications")
	app := firstLinkID(t, vbsp, "app-")
	vbsp.clickOK(app)
	vbsp.check("screening-sheet")
	for name, v := range map[string]string{"amount": "80000000", "term_months": "36", "principal_every_months": "12",
		"disbursed_on": "2026-11-20", "channel": "farmers_union", "capital_source": "central"} {
		if vbsp.has(byName(name)) {
			vbsp.fill(name, v)
		}
	}
	vbsp.clickOK("do-approve")
	if !strings.HasPrefix(vbsp.path(), "/loans/") {
		vbsp.clickOK(firstLinkID(t, vbsp, "loan-"))
	}
	vbsp.check("loan")
	vbsp.fill("on", "2026-11-25")
	vbsp.fill("amount", "200000")
	vbsp.clickOK("do-pay")
	if got := vbsp.text("main"); !strings.Contains(got, "200.000") {
		t.Errorf("the loan page after a repayment of 200.000 đ:\n%s", got)
	}
	vbsp.check("repaid")

	// ---- The provincial police read the round. ----
	province := tabOf("province", access.ProvincialPolice, "12")
	province.check("home")
	province.openOK("/reports/monthly?period=2026-11")
	if got := province.text("main"); !strings.Contains(got, "03424") {
		t.Errorf("the round of 2026-11 does not show the list of commune 03424:\n%s", got)
	}
	province.check("monthly-round")

	for _, b := range []*browserTab{police, committee, vbsp, province} {
		t.Logf("%s visited %s", b.who, strings.Join(b.visited, " "))
	}
}

// fillHead fills the list's heading fields that the form has.
func fillHead(b *browserTab, l exampleList) {
	b.t.Helper()
	for name, v := range l.head {
		if !b.has(byName(name)) {
			continue
		}
		if kind := evalIn[string](b, fmt.Sprintf(`document.querySelector(%q).type`, string(byName(name)))); kind == "hidden" {
			continue
		}
		b.fill(name, listValue(v))
	}
}

// fillRows types the list's rows into the editor (rows.N.field), the
// first row's ID number one digit short when mistake.
func fillRows(b *browserTab, l exampleList, mistake bool) {
	b.t.Helper()
	for i, r := range l.rows {
		if !b.has(byName(fmt.Sprintf("rows.%d.full_name", i))) {
			b.t.Fatalf("the editor has no row %d (rows.%d.full_name) on %s", i, i, b.path())
		}
		for name, v := range r {
			val := listValue(v)
			if mistake && i == 0 && name == "id_number" {
				val = val[:len(val)-1]
			}
			n := fmt.Sprintf("rows.%d.%s", i, name)
			if !b.has(byName(n)) {
				b.t.Errorf("the editor has no field %s", n)
				continue
			}
			b.fill(n, val)
		}
	}
}

// listIDOfPage is the id of the list the tab is on (/lists/{id}...).
func listIDOfPage(t *testing.T, b *browserTab) int64 {
	t.Helper()
	p := b.path()
	rest, ok := strings.CutPrefix(p, "/lists/")
	if !ok {
		t.Fatalf("after saving a new list the page is %s", p)
	}
	id, err := strconv.ParseInt(strings.SplitN(strings.SplitN(rest, "/", 2)[0], "?", 2)[0], 10, 64)
	if err != nil {
		t.Fatalf("after saving a new list the page is %s", p)
	}
	return id
}

// openListFromIndex opens a list's page, checking the link to it on /lists.
func openListFromIndex(t *testing.T, b *browserTab, id int64) {
	t.Helper()
	b.openOK("/lists")
	link := fmt.Sprintf("list-%d", id)
	if !b.has(byID(link)) {
		t.Errorf("%s: /lists has no link #%s", b.who, link)
		b.openOK(fmt.Sprintf("/lists/%d", id))
		return
	}
	b.clickOK(link)
}

// submitListFrom presses do-submit (on the editor, or on the list's page)
// and wants the status.
func submitListFrom(t *testing.T, b *browserTab, id int64, want int) {
	t.Helper()
	if !b.has(byID("do-submit")) {
		b.openOK(fmt.Sprintf("/lists/%d", id))
	}
	if st := b.click("do-submit"); st != want {
		t.Fatalf("submit: status %d, want %d, on %s\n%s", st, want, b.path(), b.mainText())
	}
}

// wantProblemAt wants a problem shown at the field: an element of class
// "problem" that the field names in aria-describedby, or next to it.
func wantProblemAt(t *testing.T, b *browserTab, name string) {
	t.Helper()
	got := evalIn[string](b, fmt.Sprintf(`(() => {
		const f = document.querySelector(%q);
		if (!f) return "no field";
		for (const id of (f.getAttribute("aria-describedby") || "").split(/\s+/)) {
			const e = id && document.getElementById(id);
			if (e && e.classList.contains("problem")) return "ok";
		}
		const p = document.getElementById(f.id + "-error");
		if (p && p.classList.contains("problem")) return "ok (not in aria-describedby)";
		return "none; problems on the page: " + [...document.querySelectorAll(".problem")].map(e => e.id + " " + e.textContent).join(" | ");
	})()`, string(byName(name))))
	switch {
	case got == "ok":
	case strings.HasPrefix(got, "ok"):
		t.Errorf("the problem at %s is there but the field does not name it (aria-describedby)", name)
	default:
		t.Errorf("no problem shown at %s: %s", name, got)
	}
}

// firstLinkID is the id of the first link whose id starts with prefix.
func firstLinkID(t *testing.T, b *browserTab, prefix string) string {
	t.Helper()
	id := evalIn[string](b, fmt.Sprintf(`(e => e ? e.id : "")(document.querySelector('a[id^="%s"]'))`, prefix))
	if id == "" {
		t.Fatalf("%s: no link #%s… on %s\n%s", b.who, prefix, b.path(), b.mainText())
	}
	return id
}

// wantStatus wants the list's page to show the status (its badge, class
// st-<status>).
func wantStatus(t *testing.T, b *browserTab, status string) {
	t.Helper()
	if !b.has(chromedp.CSS(".st-" + status)) {
		t.Errorf("%s: the list is not shown %s on %s: %q", b.who, status, b.path(), b.text(".status"))
	}
}
