package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/vnreentry/credit/access"
)

// Every page of every role, beyond those the round clicks through, on a
// desktop and a 360-pixel phone: each passes axe-core, stays under
// 100 KB of HTML, fits the phone's width, and names no person in its
// title, heading or address. The records come in through the API: a
// received list, a loan made from its first application.
func TestBrowserEveryPage(t *testing.T) {
	c := newChrome(t)
	for _, phone := range viewports {
		t.Run(viewportName(phone), func(t *testing.T) {
			s := newSite(t)
			l := readExampleList(t)
			list := seedExampleList(t, s, "03424")
			police := s.token(access.CommunePolice, []string{"03424"}, "")
			committee := s.token(access.CommuneCommittee, []string{"03424"}, "")
			vbsp := s.token(access.VBSPOfficer, []string{"03424"}, "")
			path := func(p string) string { return fmt.Sprintf("/v1/lists/%d/%s", list, p) }
			s.api(police, http.MethodPost, path("submit"), nil, http.StatusOK)
			s.api(committee, http.MethodPost, path("certify"), nil, http.StatusOK)
			s.api(vbsp, http.MethodPost, path("receive"), nil, http.StatusOK)
			var apps struct {
				Applications []struct{ ID int64 } `json:"applications"`
			}
			if err := json.Unmarshal(s.api(vbsp, http.MethodGet, fmt.Sprintf("/v1/applications?list_id=%d", list), nil, http.StatusOK), &apps); err != nil || len(apps.Applications) == 0 {
				t.Fatalf("applications: %v", err)
			}
			app := apps.Applications[0].ID
			var decided struct {
				Loan struct{ ID int64 } `json:"loan"`
			}
			if err := json.Unmarshal(s.api(vbsp, http.MethodPost, fmt.Sprintf("/v1/applications/%d/decision", app), []byte(`{"outcome": "approved",
				"amount": "80000000", "term_months": 36, "principal_every_months": 12, "disbursed_on": "2026-11-05",
				"channel": "farmers_union", "capital_source": "central"}`), http.StatusCreated), &decided); err != nil {
				t.Fatal(err)
			}
			loan := decided.Loan.ID

			for _, who := range []struct {
				name     string
				role     access.Role
				communes []string
				province string
				pages    []string
			}{
				{"police", access.CommunePolice, []string{"03424"}, "", []string{"/lists/import", "/plans", "/eligibility", "/rules",
					"/reports/monthly?period=2026-11"}},
				{"vbsp", access.VBSPOfficer, []string{"03424"}, "", []string{fmt.Sprintf("/applications?list_id=%d", list), "/loans",
					fmt.Sprintf("/loans/%d?as_of=2026-12-31", loan), fmt.Sprintf("/applications/%d", app)}},
				{"province", access.ProvincialPolice, nil, "12", []string{"/reports/demand?year=2026", "/reports/portfolio?as_of=2026-11-30",
					fmt.Sprintf("/lists/%d", list), "/lists?period=2026-11"}},
				{"viewer", access.ProvinceViewer, nil, "12", []string{"/reports/monthly?period=2026-11", "/reports/portfolio?as_of=2026-11-30",
					"/reports/demand?year=2026"}},
				{"auditor", access.Auditor, nil, "", []string{"/audit", "/audit/verify", "/password"}},
				{"admin", access.Admin, nil, "", []string{"/admin/users", "/admin/users/1", "/admin/communes?q=ban+bo", "/reports/plan?on=2026-11-10"}},
			} {
				login, pw := s.user(who.role, who.communes, who.province)
				b := c.tab(t, s, who.name, phone)
				b.secret = l.secrets()
				b.signIn(login, pw)
				for i, p := range who.pages {
					b.openOK(p)
					b.check(fmt.Sprintf("page-%d", i+1))
				}
			}
		})
	}
}
