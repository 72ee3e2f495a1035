package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/vnreentry/credit/access"
)

// eligPerson is the questionnaire filled in for a person who may borrow.
func eligPerson() url.Values {
	return url.Values{
		"borrower": {"individual"}, "requested_on": {"2026-11-10"}, "province": {"12"}, "purpose": {"production"},
		"amount": {"80.000.000"}, "same_purpose_debt": {"false"},
		"individual.date_of_birth": {"1990-07-14"}, "individual.release.basis": {"completion"},
		"individual.release.certificate_no": {"112/GCN"}, "individual.release.completed_on": {"2023-08-21"},
		"individual.on_commune_list": {"true"}, "individual.household_has_capable_adult": {"true"},
		// The establishment's part is left out for a person.
		"establishment.total_workers": {"0"},
	}
}

func TestEligibility(t *testing.T) {
	s := newSite(t)
	b := s.browser()
	b.signIn(s.user(access.ProvinceViewer, nil, "12"))

	page := b.get("/eligibility")
	repWants(t, "the questionnaire", page, http.StatusOK, `id="do-check"`, `for="individual-date_of_birth"`,
		`name="individual.date_of_birth"`, `value="2026-11-10"`, `for="borrower-individual"`)
	if strings.Contains(page.body, `id="decision"`) {
		t.Error("an answer before a question")
	}

	for _, tc := range []struct {
		name   string
		change url.Values
		status int
		wants  []string
	}{
		{"eligible", nil, http.StatusOK, []string{`id="decision"`, "Đủ điều kiện vay vốn.", "individual.release_window",
			"Điều 3 khoản 2 điểm a Quyết định 22/2023/QĐ-TTg", `<td class="met"><strong>Đạt</strong>`, "80.000.000 đ",
			"100.000.000 đ", "Người đại diện hộ gia đình", "21/08/2028", `value="80.000.000"`}},
		{"unknown", url.Values{"individual.on_commune_list": {""}}, http.StatusOK, []string{"Chưa đủ thông tin", `<td class="unknown">`}},
		{"ineligible", url.Values{"individual.release.basis": {"conditional_release"}}, http.StatusOK,
			[]string{"Không đủ điều kiện vay vốn.", `<td class="not_met">`}},
		{"training", url.Values{"purpose": {"vocational_training"}, "course_months": {"9"}, "amount": {""}}, http.StatusOK,
			[]string{"Đủ điều kiện vay vốn.", "36.000.000 đ"}},
		{"born in the future", url.Values{"individual.date_of_birth": {"2027-01-01"}}, http.StatusUnprocessableEntity,
			[]string{`class="problem" id="individual-date_of_birth-error"`, `aria-invalid="true"`}},
		{"training without a course", url.Values{"purpose": {"vocational_training"}}, http.StatusUnprocessableEntity,
			[]string{`id="course_months-error"`}},
		{"an establishment", url.Values{"borrower": {"establishment"}, "establishment.kind": {"cooperative"},
			"establishment.lawful": {"true"}, "establishment.total_workers": {"20"}, "establishment.qualifying_workers": {"5"},
			"establishment.plan_confirmed": {"true"}, "amount": {"500000000"}}, http.StatusOK,
			[]string{"Đủ điều kiện vay vốn.", "establishment.worker_share", "Trực tiếp"}},
		{"more workers qualifying than in all", url.Values{"borrower": {"establishment"}, "establishment.total_workers": {"2"},
			"establishment.qualifying_workers": {"5"}}, http.StatusUnprocessableEntity, []string{`id="establishment-qualifying_workers-error"`}},
	} {
		form := eligPerson()
		for k, v := range tc.change {
			form[k] = v
		}
		res := b.post("/eligibility", form)
		repWants(t, tc.name, res, tc.status, tc.wants...)
		if tc.status != http.StatusOK && strings.Contains(res.body, `id="decision"`) {
			t.Errorf("%s: an answer", tc.name)
		}
	}

	// Nothing of the person is kept: the audit trail has a calculation, no
	// more.
	entries, err := s.Store.Audit(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Action == "calculate" && e.Resource == "assessment" {
			n++
		}
		if strings.Contains(e.ResourceID, "112/GCN") {
			t.Errorf("the certificate in %+v", e)
		}
	}
	if n == 0 {
		t.Error("no calculation in the audit trail")
	}

	// In English.
	b.get("/lang?to=en&next=/eligibility")
	res := b.post("/eligibility", eligPerson())
	repWants(t, "in English", res, http.StatusOK, `<html lang="en">`, "Eligible to borrow.", "Decision 22/2023/QĐ-TTg, Article 3",
		"The household&#39;s representative")
}
